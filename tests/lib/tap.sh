# tap.sh — helpers for the shell suites: each check prints one TAP line.
# Source it; the suite sets CHORUS (the binary to test; tests/run passes it).
: "${CHORUS:=build/chorus}"
T_N=0
T_FAILED=0
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/chorus-test.XXXXXX")
trap 'rm -rf "$T_DIR"' EXIT
export HOME="$T_DIR/home" XDG_DATA_HOME="$T_DIR/data" XDG_CONFIG_HOME="$T_DIR/config"
mkdir -p "$HOME"
unset CHORUS_DB CHORUS_FSTYPE CHORUS_NOW

ok() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
not_ok() {
	T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"; shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
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

finish() {
	echo "1..$T_N"
	[ "$T_FAILED" = 0 ]
}
