# usage.sh — the command line itself: --help lists every command of the
# contract (DESIGN §5), `chorus CMD --help` works for each (exit 0, a usage
# line), an unknown command or global option is exit 2 with the usage, and
# every command given an unknown option is exit 2, says which option and how
# it is used, and changes no database.
. tests/lib/tap.sh

DB=$T_DIR/chorus.db
# Work in a scratch directory: a command that took an unknown option for a
# file name must not leave it in the source tree.
case $CHORUS in /*) ;; *) CHORUS=$PWD/$CHORUS ;; esac
mkdir "$T_DIR/cwd" && cd "$T_DIR/cwd" || exit 2


ch --db "$DB" init --org "Usage BV"
expect "init" 0

# --- chorus --help ------------------------------------------------------------------------
ch --help
expect "--help: exit 0" 0 "" "usage: chorus [--db PATH] [--as LOGIN]"
expect "--help: the exit statuses" 0 "" "3 busy or conflict, 4 database unusable"
HELP=$OUT
listed=$(printf '%s\n' "$HELP" | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
for cmd in init demo submit people strategy content message shares report digest check doctor theme; do
	if printf '%s\n' "$listed" | grep -qx "$cmd"; then
		ok "--help lists $cmd"
	else
		not_ok "--help lists $cmd" "listed: $(printf '%s' "$listed" | tr '\n' ' ')"
	fi
done
if [ "$(printf '%s\n' "$listed" | sort | uniq -d)" = "" ]; then ok "--help lists each command once"; else not_ok "--help lists each command once" "$listed"; fi
ch -h
expect "-h is --help" 0 "" "commands:"

# --- CMD --help, for every command --help lists --------------------------------------------------
for cmd in $listed; do
	snap "$DB"
	ch --db "$DB" "$cmd" --help
	expect "$cmd --help: exit 0 with its usage line" 0 "" "usage: chorus [--db PATH] [--as LOGIN] [--no-color] [--theme NAME] $cmd"
	if [ -z "$ERR" ]; then ok "$cmd --help: nothing on stderr"; else not_ok "$cmd --help: nothing on stderr" "$ERR"; fi
	unchanged "$cmd --help: database unchanged" "$DB"
	ch "$cmd" -h
	expect "$cmd -h: the same" 0 "" "usage: chorus [--db PATH] [--as LOGIN] [--no-color] [--theme NAME] $cmd"
done

# --- unknown command, unknown global option ------------------------------------------------------------
snap "$DB"
ch --db "$DB" frobnicate
expect "an unknown command: exit 2" 2 "chorus: unknown command 'frobnicate'"
expect "an unknown command: the usage on stderr" 2 "usage: chorus"
if [ -z "$OUT" ]; then ok "an unknown command: nothing on stdout"; else not_ok "an unknown command: nothing on stdout" "$OUT"; fi
ch --db "$DB" --frob people list
expect "an unknown global option: exit 2" 2 "chorus: unknown option --frob"
expect "an unknown global option: the usage" 2 "usage: chorus"
ch --db "$DB" -x people list
expect "an unknown short global option: exit 2" 2 "unknown option -x"
ch --db "$DB" --dbx=foo people list
expect "a global option that only starts like --db" 2 "unknown option --dbx=foo"
ch --db "$DB" INIT --org X
expect "commands are case-sensitive" 2 "unknown command 'INIT'"
unchanged "unknown commands and options change nothing" "$DB"
ch --db "$DB" --no-color -- people list
expect "--no-color and -- before the command" 0 "" "login"

# --- every command with an unknown option ---------------------------------------------------------------
# Commands with subcommands get a valid one first, so the option is what is wrong.
prefix() {
	case $1 in
	people)   echo "add newbie" ;;
	content)  echo "list" ;;
	message)  echo "list 1" ;;
	shares)   echo "log 1" ;;
	strategy) echo "export" ;;
	group)    echo "list" ;;
	theme)    echo "list" ;;
	*)        echo "" ;;
	esac
}
for cmd in $listed; do
	snap "$DB"
	# shellcheck disable=SC2046
	ch --db "$DB" "$cmd" $(prefix "$cmd") --no-such-option
	expect "$cmd with an unknown option: exit 2, names it" 2 "unknown option --no-such-option"
	expect "$cmd with an unknown option: shows its usage" 2 "usage: chorus $cmd"
	unchanged "$cmd with an unknown option: database unchanged" "$DB"
	# shellcheck disable=SC2046
	ch --db "$DB" "$cmd" $(prefix "$cmd") -Q
	expect "$cmd with an unknown short option: exit 2" 2 "unknown option -Q"
done
N=$T_DIR/not-created.db
ch --db "$N" init --no-such-option --org X
expect "init with an unknown option before --org" 2 "unknown option --no-such-option"
if [ -e "$N" ]; then not_ok "init with an unknown option creates nothing" "$(ls -la "$N")"; else ok "init with an unknown option creates nothing"; fi

# --- a missing option value, for the options that take one -------------------------------------------------
snap "$DB"
for args in "submit --title" "submit --title T --body-file" "people add x --name" "people set x --roles" \
	"content list --stage" "content take 1 --version" "content reject 1 --reason" \
	"message add 1 --platform x --text" "shares log 1 --url" "shares log 1 --at" "init --org" "doctor --set-mode"; do
	# shellcheck disable=SC2086
	ch --db "$DB" $args
	opt=${args##* }
	expect "$args (no value): exit 2, says so" 2 "$opt needs a value"
done
unchanged "missing option values change nothing" "$DB"
left=$(ls -A "$T_DIR/cwd")
if [ -z "$left" ]; then ok "no command left a file in the working directory"; else not_ok "no command left a file in the working directory" "$left"; fi

finish
