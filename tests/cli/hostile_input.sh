#!/bin/sh
# hostile_input.sh — input that used to cost unbounded time or memory, or to
# be read by the wrong rules, now refused at once with the file and the
# limit named: --db naming a FIFO, side files planted as symbolic links,
# YAML nested 100,000 deep (strategy, config.yaml, themes), a 40 MB
# config.yaml, config.yaml's database: quoted with a '#' inside, policy rules
# just under their limit at every position of 1 MB, an organisation name of
# more than 127 bytes in JSON, a team name of the full 64 bytes.
. tests/lib/tap.sh

DB=$T_DIR/chorus.db
ch --db "$DB" init --org "Input BV"
expect "init" 0

# within SECONDS NAME ARGS...: chorus ARGS ends within SECONDS (else killed).
within() {
	local secs=$1 name=$2
	shift 2
	start=$(date +%s%N)
	timeout -s KILL "$secs" "$CHORUS" "$@" >"$T_DIR/out" 2>"$T_DIR/err" </dev/null
	RC=$?
	OUT=$(cat "$T_DIR/out")
	ERR=$(cat "$T_DIR/err")
	ms=$((($(date +%s%N) - start) / 1000000))
	if [ "$RC" = 137 ]; then not_ok "$name" "still running after $secs s"; else ok "$name (${ms} ms)"; fi
}

# --- --db that is not a regular file, side files that are links ------------------------------------
mkfifo "$T_DIR/fifo.db"
within 5 "--db naming a FIFO does not hang" --db "$T_DIR/fifo.db" content list
expect "--db naming a FIFO: refused, exit 4" 4 "fifo.db is not a regular file (a FIFO, device or socket)"
for side in -journal -wal -shm .lock; do
	cp "$DB" "$T_DIR/side.db"
	ln -s "$T_DIR/elsewhere" "$T_DIR/side.db$side"
	ch --db "$T_DIR/side.db" content list
	expect "a planted $side symbolic link is named" 4 "side.db$side is a symbolic link"
	rm -f "$T_DIR/side.db"*
done
# A share-mode file on a network filesystem has its side files looked at under
# the lock instead (four round trips fewer over a link): named all the same.
ch --db "$T_DIR/share.db" init --org "Share BV" --mode share
expect "init --mode share" 0
export CHORUS_FSTYPE=0x6969
for side in -journal -wal .lock; do
	cp "$T_DIR/share.db" "$T_DIR/side.db"
	ln -s "$T_DIR/elsewhere" "$T_DIR/side.db$side"
	ch --db "$T_DIR/side.db" content list
	expect "share mode over NFS: a planted $side symbolic link is named" 4 "side.db$side is a symbolic link"
	rm -f "$T_DIR/side.db"*
done
unset CHORUS_FSTYPE

# --- YAML nested deeper than any format needs -------------------------------------------------------
awk 'BEGIN { printf "organisation: "; for (i = 0; i < 100000; i++) printf "["; print "" }' >"$T_DIR/deep.yaml"
within 5 "strategy import of 100,000 '[' ends at once" --db "$DB" strategy import --dry-run "$T_DIR/deep.yaml"
expect "... refused at the 33rd level, where it is" 2 "deep.yaml:1:46: nested deeper than 32 levels"
mkdir -p "$XDG_CONFIG_HOME/chorus"
CFG=$XDG_CONFIG_HOME/chorus/config.yaml
awk 'BEGIN { printf "theme: default\nkeys: "; for (i = 0; i < 60000; i++) printf "["; print "" }' >"$CFG"
within 5 "config.yaml of 60,000 '[' ends at once" --db "$DB" keys
expect "... refused naming the file and the place" 2 "config.yaml:2:38: nested deeper than 32 levels"
awk 'BEGIN { printf "name: deep\ncolors: "; for (i = 0; i < 200000; i++) printf "["; print "" }' >"$T_DIR/deep-theme.yaml"
within 5 "a theme of 200,000 '[' ends at once" theme check "$T_DIR/deep-theme.yaml"
expect "... refused naming the file" 2 "deep-theme.yaml:2:40: nested deeper than 32 levels"

# --- sizes ------------------------------------------------------------------------------------------------
awk 'BEGIN { print "theme: default"; for (i = 0; i < 700000; i++) print "# padding padding padding padding padding padding" }' >"$CFG"
within 5 "a 35 MB config.yaml is not read whole" --db "$DB" keys
expect "... refused with its name and the limit" 2 "config.yaml: too large for the configuration file: 35000015 bytes, at most 65536"
rm -f "$CFG"
mkfifo "$CFG"
within 5 "config.yaml as a FIFO does not hang" --db "$DB" keys
expect "... refused" 2 "config.yaml: the configuration file must be a regular file, not a FIFO"
rm -f "$CFG"

# --- config.yaml's database: by the YAML rules --------------------------------------------------------
mkdir -p "$T_DIR/team #1"
ch --db "$T_DIR/team #1/chorus.db" init --org "Hash BV"
expect "a database in a directory with '#' in its name" 0
printf 'database: "%s/team #1/chorus.db"   # the shared one\n' "$T_DIR" >"$CFG"
ch strategy export
expect "config.yaml's quoted database: keeps its '#'" 0 "" 'organisation: "Hash BV"'
printf "database: '%s/team #1/chorus.db'\n" "$T_DIR" >"$CFG"
ch strategy export
expect "... single-quoted too" 0 "" 'organisation: "Hash BV"'
rm -f "$CFG"

# --- policy rules just under their limit at every position ----------------------------------------------
sql "$DB" "INSERT INTO policy_rules(name, pattern, severity, position) VALUES
	('alt', '(?:a|a){0,8}\$', 'block', 0), ('w', '\\w{0,998}c', 'block', 1), ('tail', 'c\\z', 'info', 2)"
awk 'BEGIN { s = "aaaaaaaaaaaaaaaa"; while (length(s) < 1048575) s = s s; printf "%sc", substr(s, 1, 1048575) }' >"$T_DIR/a.txt"
within 5 "check of 1 MB against the issue's rules ends in time" --db "$DB" check "$T_DIR/a.txt"
expect "... each of them too expensive, the cheap rule still found" 1 "" "warning: rule alt: too expensive to evaluate on this text"
expect "... (w)" 1 "" "warning: rule w: too expensive"
expect "... (tail)" 1 "" 'info: tail: "c"'
expect "... and blocking rules that could not be evaluated block" 1 "" "2 blocking rules could not be evaluated: the text counts as blocked"
check "... within 3 s on a loaded machine (100 ms of CPU for matching; it took 12-25 s)" [ "$ms" -lt 3000 ]
sql "$DB" "DELETE FROM policy_rules"

# --- names at their limits --------------------------------------------------------------------------------
ORG=$(awk 'BEGIN { for (i = 0; i < 100; i++) printf "é"; printf "x" }')   # 201 bytes
sql "$DB" "UPDATE meta SET value = '$ORG' WHERE key = 'organisation'"
"$CHORUS" --db "$DB" report --format json >"$T_DIR/r.json"
check "report --format json is valid UTF-8 with a 201-byte organisation" iconv -f UTF-8 -t UTF-8 "$T_DIR/r.json" -o /dev/null
check "... and holds the name whole" grep -qF "\"organisation\":\"$ORG\"" "$T_DIR/r.json"
ch --db "$DB" doctor
expect "doctor shows it whole" 0 "" "organisation   $ORG"
TEAM=$(printf 'T%063d' 0)
ch --db "$DB" people add ann --name Ann --team "$TEAM"
expect "a 64-byte team name is taken" 0
ch --db "$DB" people list --format text
expect "people list shows all 64 bytes" 0 "" " $TEAM "
ch --db "$DB" people set ann --team "$TEAM"
expect "setting what is shown again" 0
equals "... makes no second team" "$(sql "$DB" "select count(*) from teams")" 1
ch --db "$DB" people add bob --name Bob --team "${TEAM}x"
expect "a 65-byte team name is refused" 2 "team name is too long: 65 bytes, at most 64"
finish
