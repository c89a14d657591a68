#!/bin/sh
# keys.sh — chorus keys prints every panel's key table without a terminal or
# a database; every panel, key and action it prints is in man/chorus.1's
# SCREENS AND KEYS (in the block of that panel) and every key the manual
# lists there is in the tables, so the manual cannot drift from the code.
# keys: in the config file moves keys; a wrong one names the file, line and
# column and makes chorus (and chorus keys) exit 2 before any screen.
. tests/lib/tap.sh

MAN=man/chorus.1
ch keys --defaults
expect "chorus keys --defaults works without a terminal or a database" 0 "" "take it: into Editing"
DEFAULTS=$OUT
ch keys
expect "chorus keys without a config file lists the same" 0
check "without a config file the keys are the defaults" [ "$OUT" = "$DEFAULTS" ]
for p in global board inbox detail; do
	if printf '%s\n' "$DEFAULTS" | grep -q "^$p "; then ok "chorus keys lists the $p panel"; else not_ok "chorus keys lists the $p panel"; fi
done

# The key lists of the manual: after a marker comment `.\" keys: PANEL`, up
# to the next marker or section, lines "\fBKEY\fR[, \fBALT\fR] \(em \fIACTION\fR".
# One awk compares them with chorus keys both ways: "missing" for a table
# entry the manual lacks (in that panel's list), "extra" for a manual entry
# no table has.
printf '%s\n' "$DEFAULTS" >"$T_DIR/keys"
awk '
	FNR == NR {
		if ($0 ~ /^\.\\" keys: /) { panel = $3; next }
		if ($0 ~ /^\.S[HS] /) { panel = ""; next }
		if (panel == "" || $0 !~ /^\\fB/ || index($0, "\\(em \\fI") == 0) next
		line = $0
		key = substr(line, 4); key = substr(key, 1, index(key, "\\fR") - 1)
		act = substr(line, index(line, "\\(em \\fI") + 8); act = substr(act, 1, index(act, "\\fR") - 1)
		gsub(/\\-/, "-", key); gsub(/\\-/, "-", act)
		man[panel " " key " " act] = 1
		next
	}
	{
		split($2, ks, ",")
		id = $1 " " ks[1] " " $3
		table[id] = 1
		if (!(id in man)) print "missing " id
	}
	END { for (id in man) if (!(id in table)) print "extra " id }
' "$MAN" "$T_DIR/keys" >"$T_DIR/drift"
if grep -q '^missing ' "$T_DIR/drift"; then
	not_ok "every key of chorus keys is in man/chorus.1, in its panel's list" "missing (panel key action):" "$(grep '^missing ' "$T_DIR/drift")"
else
	ok "every key of chorus keys is in man/chorus.1, in its panel's list"
fi
if grep -q '^extra ' "$T_DIR/drift"; then
	not_ok "every key man/chorus.1 lists is in the tables" "not in chorus keys (panel key action):" "$(grep '^extra ' "$T_DIR/drift")"
else
	ok "every key man/chorus.1 lists is in the tables"
fi
n=$(grep -c '^\.\\" keys: ' "$MAN")
check "the manual has a key list per panel with keys ($n)" [ "$n" -eq "$(printf '%s\n' "$DEFAULTS" | awk '{print $1}' | sort -u | wc -l)" ]

# Keys from the config file.
CFG="$T_DIR/config.yaml"
printf 'keys:\n  board: { take: T, reject: a }\n  inbox:\n    accept: "y"\n  global: { help: F1 }\n' >"$CFG"
CHORUS_CONFIG=$CFG ch keys
expect "a good keys: is applied" 0 "" "take it: into Editing"
check "board take is on T" sh -c "printf '%s\n' \"\$1\" | grep -qE '^board +T +take '" sh "$OUT"
check "board reject took a (swapped keys are fine)" sh -c "printf '%s\n' \"\$1\" | grep -qE '^board +a +reject '" sh "$OUT"
check "inbox accept is on y" sh -c "printf '%s\n' \"\$1\" | grep -qE '^inbox +y +accept '" sh "$OUT"
check "global help is on F1" sh -c "printf '%s\n' \"\$1\" | grep -qE '^global +F1 +help '" sh "$OUT"
CHORUS_CONFIG=$CFG ch keys --defaults
check "--defaults ignores the config file" [ "$OUT" = "$DEFAULTS" ]
printf 'keys:\n  board: { reject: C-R, page-up: pgup, page-down: F12, new: "Enter", open: Tab }\n  global: { next-panel: "S-Tab", prev-panel: C-p }\n' >"$CFG"
CHORUS_CONFIG=$CFG ch keys
expect "key names: C-x, F1-F12, named keys in any case" 0
for want in "board C-r reject" "board PgUp page-up" "board F12 page-down" "board Enter new" "board Tab open" \
	    "global S-Tab next-panel" "global C-p prev-panel"; do
	set -- $want
	check "keys: $2 for $1 $3" sh -c "printf '%s\n' \"\$1\" | grep -qE '^$1 +$2 +$3 '" sh "$OUT"
done

# bad_keys NAME YAML EXPECTED: chorus keys and chorus itself refuse, exit 2.
bad_keys() {
	printf '%s\n' "$2" >"$CFG"
	CHORUS_CONFIG=$CFG ch keys
	expect "chorus keys: $1" 2 "$3"
	CHORUS_CONFIG=$CFG ch --db "$T_DIR/none.db"
	expect "chorus refuses to start: $1" 2 "$3"
}
bad_keys "an unknown panel, with file, line and column" "theme: default
keys:
  bord: { take: A }" "$CFG:3:17: keys: bord take: no such panel"
bad_keys "an unknown action names the panel's actions" "keys: { board: { tkae: A } }" \
	"$CFG:1:24: keys: board tkae: no such action (board's actions: left,"
bad_keys "a key another action has" "keys:
  board:
    take: j" "$CFG:3:11: keys: board take: j is already the key of down in board"
bad_keys "a panel key that is a global key" "keys: { inbox: { tag: q } }" "keys: inbox tag: q is already the key of quit in global"
bad_keys "a global key that a panel uses" "keys: { global: { quit: x } }" "keys: global quit: x is already the key of reject in board"
bad_keys "a key an alternative has" "keys: { board: { take: Space } }" "keys: board take: Space is already the key of page-down in board"
bad_keys "a bad key name lists the names" "keys: { board: { take: Ctrl-A } }" "\"Ctrl-A\" is not a key name (a single character, C-x, Enter"
bad_keys "F13" "keys: { board: { take: F13 } }" "\"F13\" is not a key name"
bad_keys "the panel keys" "keys: { global: { panel: x } }" "keys: global panel: the keys 1-8 cannot be changed"
# An action a panel does not have: the message lists the ones it has.
bad_keys "an action the queue does not have" "keys: { queue: { fly: s } }" "keys: queue fly: no such action (queue's actions: down, up"
bad_keys "keys: that is not a mapping" "keys: [ board ]" "$CFG:1:7: keys: expected a mapping of panels"
bad_keys "a panel that is not a mapping" "keys: { board: A }" "$CFG:1:16: keys: expected a mapping of action to key"
printf 'keys: { board: { page-down: n, new: N, take: Space } }\n' >"$CFG"
CHORUS_CONFIG=$CFG ch keys
expect "moving an action frees its alternative key too" 0 "" "take it"
check "take is on Space once page-down moved" sh -c "printf '%s\n' \"\$1\" | grep -qE '^board +Space +take '" sh "$OUT"
finish
