# tap.sh — helpers for the shell suites: each check prints one TAP line.
# Source it; the suite sets CHORUS (the binary to test; tests/run passes it).
: "${CHORUS:=build/chorus}"
T_N=0
T_FAILED=0
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/chorus-test.XXXXXX")
trap 'rm -rf "$T_DIR"' EXIT
export HOME="$T_DIR/home" XDG_DATA_HOME="$T_DIR/data" XDG_CONFIG_HOME="$T_DIR/config"
mkdir -p "$HOME"
unset CHORUS_DB CHORUS_FSTYPE CHORUS_NOW CHORUS_LOCALEDIR LANGUAGE

ok() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
not_ok() {
	T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"; shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
}

# need PROGRAM: true when it is installed; a failure (never a silent skip)
# when not: every program the suites use is a build dependency (make deps).
need() {
	command -v "$1" >/dev/null && return 0
	not_ok "$1 is needed (a build dependency: make deps installs it)"
	return 1
}

# run CMD...: runs chorus-or-anything, keeping stdout in OUT, stderr in ERR, status in RC.
run() {
	"$@" >"$T_DIR/out" 2>"$T_DIR/err" </dev/null
	RC=$?
	OUT=$(cat "$T_DIR/out")
	ERR=$(cat "$T_DIR/err")
}

# ch ARGS...: run $CHORUS with ARGS.
ch() { run "$CHORUS" "$@"; }

# expect NAME STATUS [STDERR-TEXT] [STDOUT-TEXT]: check the last run.
expect() {
	local name=$1 status=$2 err=${3-} out=${4-}
	if [ "$RC" != "$status" ]; then
		not_ok "$name" "exit status $RC, expected $status" "stderr: $ERR" "stdout: $(printf '%s' "$OUT" | head -5)"
	elif [ -n "$err" ] && ! printf '%s' "$ERR" | grep -qF -- "$err"; then
		not_ok "$name" "stderr lacks: $err" "stderr: $ERR"
	elif [ -n "$out" ] && ! printf '%s' "$OUT" | grep -qF -- "$out"; then
		not_ok "$name" "stdout lacks: $out" "stdout: $(printf '%s' "$OUT" | head -20)"
	else
		ok "$name"
	fi
}

# check NAME CMD...: ok when CMD succeeds.
check() {
	local name=$1; shift
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

# sql DB QUERY: one query through the sqlite3 shell.
sql() { sqlite3 -batch -noheader "$1" "$2"; }

# A digest of everything in a database, to prove it did not change.
db_digest() { sqlite3 -batch "$1" .dump 2>/dev/null | sha256sum | cut -d' ' -f1; }

# --- helpers the CLI suites share ----------------------------------------------
# at TIME ARGS...: run chorus on $DB at a fixed time, printing its output;
# stop the suite when it fails (for building a dataset).
at() {
	when=$1; shift
	if ! CHORUS_NOW=$when "$CHORUS" --db "$DB" "$@" >"$T_DIR/at.out" 2>"$T_DIR/at.err"; then
		echo "Bail out! dataset: chorus $* failed: $(cat "$T_DIR/at.err")"
		exit 1
	fi
	cat "$T_DIR/at.out"
}
# has_line NAME LINE: the last run's stdout has exactly this line.
has_line() {
	if printf '%s\n' "$OUT" | grep -qxF -- "$2"; then ok "$1"
	else not_ok "$1" "no line: $2" "stdout: $(printf '%s' "$OUT" | head -60)"; fi
}
# snap DB: remember DB (a copy).  unchanged NAME DB: ok when DB is byte for
# byte the copy (and no -wal holds more), or else has the copy's db_digest.
snap() {
	cmp -s "$1" "$T_DIR/snap.db" 2>/dev/null || cp "$1" "$T_DIR/snap.db"
}
unchanged() {
	if { [ ! -s "$2-wal" ] && cmp -s "$2" "$T_DIR/snap.db"; } ||
	   [ "$(db_digest "$2")" = "$(db_digest "$T_DIR/snap.db")" ]; then
		ok "$1"
	else
		not_ok "$1" "the database changed; diff before after:" \
			"$(sqlite3 -batch "$T_DIR/snap.db" .dump >"$T_DIR/snap.sql" 2>&1
			   sqlite3 -batch "$2" .dump 2>&1 | diff "$T_DIR/snap.sql" - | head -n 10)"
	fi
}
equals() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2" "want: $3"; fi
}
# refused NAME STATUS TEXT ARGS...: chorus --db $DB ARGS fails with STATUS and
# TEXT on stderr, and $DB is unchanged.
refused() {
	local name=$1 status=$2 text=$3
	shift 3
	snap "$DB"
	ch --db "$DB" "$@"
	expect "$name" "$status" "$text"
	unchanged "$name: database unchanged" "$DB"
}
# with_stdin TEXT ARGS...: like ch, with TEXT on standard input.
with_stdin() {
	local input=$1
	shift
	printf '%s' "$input" | "$CHORUS" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
	RC=$?
	OUT=$(cat "$T_DIR/out")
	ERR=$(cat "$T_DIR/err")
}
stage() { sql "$DB" "select stage from content where id = $1"; }
version() { sql "$DB" "select version from content where id = $1"; }
id_of() { sql "$DB" "select id from people where login = '$1'"; }

# pipeline_fixture ORG: $DB made by init, people ed (editor), cre (creator) and
# pub (publisher), platforms linkedin (3000) and x (10), pillar Craft, campaign
# Spring, and five items: 1-3 mine, 4 with media and a pillar, 5 by cre.
pipeline_fixture() {
	ch --db "$DB" init --org "$1"
	expect "init" 0
	add_people() {
		"$CHORUS" --db "$DB" people add ed --name "Ed Itor" --roles editor >/dev/null &&
		"$CHORUS" --db "$DB" people add cre --name "Cree Ator" --roles creator >/dev/null &&
		"$CHORUS" --db "$DB" people add pub --name "Pub Lisher" >/dev/null
	}
	check "people ed (editor), cre (creator), pub (publisher)" add_people
	sql "$DB" "insert into platforms(key, name, max_length) values('linkedin', 'LinkedIn', 3000), ('x', 'X', 10);
		   insert into pillars(name) values('Craft'); insert into campaigns(name) values('Spring');"

	# The items the rest works on: 1-3 mine, 4 with media (files that exist:
	# submit checks them) and a pillar, 5 by cre.
	mkdir -p "$T_DIR/share" && : >"$T_DIR/share/a.jpg" && : >"$T_DIR/share/b c.jpg"
	{
		"$CHORUS" --db "$DB" submit --title "First story" --body "We shipped it." &&
		"$CHORUS" --db "$DB" submit --title "From a file" --body "Line one" &&
		"$CHORUS" --db "$DB" submit --title "From stdin" --body "piped in" &&
		"$CHORUS" --db "$DB" submit --title "Photos" --kind photo --media "$T_DIR/share/a.jpg" --media "$T_DIR/share/b c.jpg" --pillar craft &&
		"$CHORUS" --db "$DB" --as cre submit --title "By the creator"
	} >"$T_DIR/ids"
	equals "five items submitted" "$(tr '\n' ' ' <"$T_DIR/ids")" "1 2 3 4 5 "
}

finish() {
	echo "1..$T_N"
	[ "$T_FAILED" = 0 ]
}
