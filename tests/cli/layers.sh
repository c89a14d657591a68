# layers.sh — the layers keep to their side (README "Layers"): every
# #include under src/ is checked against what its layer may use, and SQL is
# written only in src/core.
#   util  the C library only
#   core  util, SQLite and the other libraries; no curses, no io/cli/tui
#   io    core, util; no curses
#   demo  io, core, util, and the store's back doors (src/core/store_test.h)
#   cli   demo, io, core, util and main's session (src/session.h); never tui
#   tui   io, core, util, curses and main's session; never cli
# src/core/store_test.h is for src/demo, the store itself and tests only.
# It needs no chorus binary: it reads the source tree (LAYERS_SRC, default src).
. tests/lib/tap.sh

SRC=${LAYERS_SRC:-src}

# Known exceptions, FILE:INCLUDE separated by spaces: none.
ALLOWED_EXCEPTIONS=''

# layer_of_public NAME: the layer whose source defines include/chorus/NAME.h.
layer_of_public() {
	for l in util core io demo; do
		[ -f "$SRC/$l/$1.c" ] && { echo "$l"; return; }
	done
	echo unknown
}

# kind FILE-LAYER INCLUDE: what an include line names (a layer, libc, lib, curses).
kind() {
	case $2 in
	'<'n*curses*|'<curses.h>'|'<term.h>'|'<panel.h>'|'<menu.h>'|'<form.h>') echo curses ;;
	'<sqlite3.h>'|'<yaml.h>'|'<pcre2.h>'|'<nettle/'*|'<csv.h>') echo lib ;;
	'<'*) echo libc ;;
	*store_test.h'"') echo store_test ;;
	'"chorus/'*) n=${2#\"chorus/}; layer_of_public "${n%.h\"}" ;;
	'"../session.h"'|'"../../src/session.h"') echo session ;;
	'"../'*/*) n=${2#\"}; n=${n#../}; n=${n#../}; n=${n#src/}; echo "${n%%/*}" ;;
	*) echo "$1" ;;
	esac
}

allowed() {
	case $1 in
	util) echo "util libc" ;;
	core) echo "core util libc lib store_test" ;;
	io)   echo "io core util libc lib" ;;
	demo) echo "demo io core util libc lib store_test" ;;
	cli)  echo "cli session demo io core util libc lib" ;;
	tui)  echo "tui session io core util libc lib curses" ;;
	main) echo "main session cli tui demo io core util libc lib" ;;
	esac
}

# check_layer LAYER FILES...: every include of FILES allowed for LAYER.
check_layer() {
	layer=$1; shift
	[ $# -gt 0 ] || { ok "$layer has no sources yet"; return; }
	bad=""
	includes=$(grep -H '^[[:space:]]*#[[:space:]]*include' "$@" |
		sed -n 's/^\([^:]*\):[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"][^>"]*[>"]\).*/\1 \2/p')
	while read -r f inc; do
		[ -n "$f" ] || continue
		k=$(kind "$layer" "$inc")
		case " $(allowed "$layer") " in *" $k "*) continue ;; esac
		case " $ALLOWED_EXCEPTIONS " in *" $f:$inc "*) continue ;; esac
		bad="$bad$f: #include $inc ($k)
"
	done <<LIST
$includes
LIST
	what="$layer includes only $(allowed "$layer" | sed "s/^$layer //")"
	if [ -z "$bad" ]; then
		ok "$what"
	else
		IFS='
'
		# shellcheck disable=SC2086
		not_ok "$what" $bad
		unset IFS
	fi
}

for l in util core io demo cli tui; do
	# shellcheck disable=SC2086
	check_layer "$l" $(ls "$SRC/$l"/*.[ch] 2>/dev/null)
done
# shellcheck disable=SC2046
check_layer main $(ls "$SRC"/*.[ch] 2>/dev/null)

# SQL is the store's business: no statement outside src/core.
sql=$(grep -nE 'sqlite3_prepare|"[^"]*\b(SELECT|INSERT|UPDATE|DELETE FROM) ' \
	$(ls "$SRC"/*.[ch] "$SRC"/*/*.[ch] | grep -v "^$SRC/core/") 2>/dev/null)
if [ -z "$sql" ]; then
	ok "SQL only in src/core"
else
	IFS='
'
	# shellcheck disable=SC2086
	not_ok "SQL only in src/core" $sql
	unset IFS
fi

# The checks above see every layer directory there is.
for d in "$SRC"/*/; do
	d=${d%/}; d=${d##*/}
	case " util core io demo cli tui " in
	*" $d "*) ;;
	*) not_ok "src/$d is a layer the check knows" "add it to tests/cli/layers.sh and the Makefile's LAYERS" ;;
	esac
done
finish
