# sql_log.sh — CHORUS_SQL_LOG: every statement chorus runs, parameters filled
# in, one per line ending in ';', so that the sqlite3 shell (make bench) can
# run the same reads and get the same rows.
. tests/lib/tap.sh

DB=$T_DIR/chorus.db
LOG=$T_DIR/sql.log
ch --db "$DB" init --org "Log BV"
expect "init" 0
ch --db "$DB" people add anna --name "Anna 'de' Vries"
expect "people add" 0

CHORUS_SQL_LOG=$LOG ch --db "$DB" people list
expect "people list with the log on" 0 "" "anna"
check "the log was written" [ -s "$LOG" ]
check "every line is one statement ending in ;" sh -c '! grep -v ";\$" "$1"' sh "$LOG"
check "a bound parameter is filled in" grep -q "WHERE login = '$(id -un)'" "$LOG"
check "no statement of a trigger (they start with --)" sh -c '! grep -q "^--" "$1"' sh "$LOG"
reads=$(grep -E '^(SELECT|WITH)' "$LOG")
check "the log has the reads" [ -n "$reads" ]
out=$(printf '%s\n' "$reads" | sqlite3 -batch "$DB" 2>&1)
check "the sqlite3 shell runs the reads without an error" sh -c '! printf "%s\n" "$1" | grep -q "^Parse error\|^Runtime error\|^Error"' sh "$out"
check "and reads the same person, quote and all" sh -c 'printf "%s\n" "$1" | grep -q "Anna '"'"'de'"'"' Vries"' sh "$out"

: >"$LOG"
ch --db "$DB" people list
expect "without the variable" 0 "" "anna"
check "nothing is logged" [ ! -s "$LOG" ]
finish
