#!/bin/sh
# hostile_output.sh — no byte from the database acts on the terminal: a
# title, body, name, team, comment, message, pillar, campaign, policy rule and
# organisation name full of C0 and C1 controls, OSC 52 (clipboard), OSC 2
# (title), DCS and CSI sequences, bidi overrides, line separators, invalid
# UTF-8 and a ZWJ emoji go through every CLI output path: the bytes written
# are valid UTF-8 with no control but newline and tab, and in tmux (with
# set-clipboard on, as the README recommends) the clipboard, the pane title
# and the screen's attributes stay as they were.  Machine formats keep the
# data: JSON escapes it, CSV to a file keeps it byte for byte.  core_text_ok
# refuses such text on the way in, so it is planted with sqlite3, as a
# hostile or corrupt file would hold it.
. tests/lib/tap.sh

DB=$T_DIR/chorus.db
pipeline_fixture "Hostile BV"

# The payload: every kind of byte that must not reach a terminal, and a family
# emoji (ZWJ sequence) that must.
HOSTILE=$(printf 'A\001\007\010\r\033]52;c;cHduZWQ=\007\033]2;pwned\007\033P1$qm\033\\\033[2J\033[31mRED\302\233 \302\235x\233\377\376\300\257\355\240\200\342\200\256evil\342\201\246iso\342\200\250 \360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247Z')
HEX=$(printf '%s' "$HOSTILE" | od -An -tx1 | tr -d ' \n')
H="CAST(X'$HEX' AS TEXT)"
"$CHORUS" --db "$DB" message add 1 --platform linkedin --text "plain" >/dev/null
"$CHORUS" --db "$DB" content comment 1 "plain" >/dev/null
"$CHORUS" --db "$DB" --as pub shares log 1 --platform linkedin --url https://example.com/p/1 >/dev/null 2>&1
sql "$DB" "INSERT INTO teams(name) VALUES($H);
	UPDATE content SET title = $H, body = $H, reject_reason = $H;
	UPDATE people SET name = $H, team_id = (SELECT id FROM teams) WHERE login IN ('ed', 'pub');
	UPDATE comments SET body = $H; UPDATE messages SET text = $H;
	UPDATE pillars SET name = $H; UPDATE campaigns SET name = $H;
	UPDATE meta SET value = $H WHERE key = 'organisation';
	INSERT INTO policy_rules(name, pattern, severity, guidance) VALUES($H, 'plain', 'warn', $H);"
check "the payload is planted" [ "$(sql "$DB" "select count(*) from content where title = $H")" = 5 ]

# clean FILE: valid UTF-8, and no C0 but LF and TAB, no DEL, no C1, no line or
# paragraph separator, no bidi embedding, override or isolate.
clean() {
	! LC_ALL=C grep -qaP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]' "$1" &&
		iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}
# safe NAME ARGS...: chorus ARGS writes only clean bytes, on stdout and on stderr.
safe() {
	local name=$1
	shift
	"$CHORUS" "$@" >"$T_DIR/out" 2>"$T_DIR/err" </dev/null
	if ! clean "$T_DIR/out"; then
		not_ok "$name: stdout is terminal-safe" "$(od -c "$T_DIR/out" | head -8)"
	elif ! clean "$T_DIR/err"; then
		not_ok "$name: stderr is terminal-safe" "$(od -c "$T_DIR/err" | head -8)"
	else
		ok "$name: terminal-safe"
	fi
}

safe "content list" --db "$DB" content list
safe "content show" --db "$DB" content show 1
grep -qF -- '?]52;c;cHduZWQ=' "$T_DIR/out" && grep -qF "$(printf '\360\237\221\250\342\200\215\360\237\221\251')" "$T_DIR/out"
check "content show: the escapes are shown as '?', the ZWJ emoji as it is" [ $? = 0 ]
safe "message list" --db "$DB" message list 1
safe "people list" --db "$DB" people list
safe "digest" --db "$DB" digest
safe "report" --db "$DB" report
safe "report --format json" --db "$DB" report --format json
safe "strategy export -" --db "$DB" strategy export -
printf 'plain words\n' >"$T_DIR/text.txt"
safe "check (rule name and guidance)" --db "$DB" check "$T_DIR/text.txt"
safe "doctor" --db "$DB" doctor
safe "an error quoting a name" --db "$DB" content pillar 1 "$HOSTILE"
safe "an unknown command" --db "$DB" "$HOSTILE"
safe "an unknown option" --db "$DB" report "--$HOSTILE"
HDB="$T_DIR/$(printf 'db\033]52;c;cHduZWQ=\007\342\200\256.db')"
cp "$DB" "$HDB"
safe "doctor on a file whose name is hostile" --db "$HDB" doctor
safe "no such database, its name hostile" --db "$HDB.missing" content list

# JSON: exact data, escaped as JSON has it.
"$CHORUS" --db "$DB" report --format json >"$T_DIR/r.json"
if grep -qF '"organisation":"A\u0001\u0007\u0008\r\u001b]52;c;cHduZWQ=\u0007' "$T_DIR/r.json" &&
   grep -qF '\u009b \u009dx\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\u202eevil\u2066iso\u2028' "$T_DIR/r.json"; then
	ok "report --format json: controls, C1, bidi and separators as \\uXXXX, invalid bytes as \\ufffd"
else
	not_ok "report --format json: controls, C1, bidi and separators as \\uXXXX, invalid bytes as \\ufffd" \
		"$(grep -o '"organisation":"[^"]*"' "$T_DIR/r.json")"
fi
# CSV to a file: the data byte for byte (a spreadsheet gets what was stored).
"$CHORUS" --db "$DB" report --format csv >"$T_DIR/r.csv"
if LC_ALL=C grep -qaF "$(printf '\033]52;c;cHduZWQ=')" "$T_DIR/r.csv"; then
	ok "report --format csv to a file keeps the data exactly"
else
	not_ok "report --format csv to a file keeps the data exactly" "$(head -c 300 "$T_DIR/r.csv" | od -c | head)"
fi

# --- on a terminal: tmux with set-clipboard on ---------------------------------------------------
TM_SOCK="chorus-out-$$"
tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }
trap 'tmux -L "$TM_SOCK" kill-server 2>/dev/null; rm -rf "$T_DIR"' EXIT
printf '#!/bin/sh\nfor a in "content list" "content show 1" "message list 1" "people list" digest report "report --format csv" "report --format json" doctor "check %s"; do\n  %s --db %s $a\ndone\n%s --db %s doctor\necho all-done\nsleep 600\n' \
	"$T_DIR/text.txt" "'$CHORUS'" "'$DB'" "'$CHORUS'" "'$HDB'" >"$T_DIR/all.sh"
tm new-session -d -x 200 -y 50 -s t "sh '$T_DIR/all.sh'" 2>/dev/null
tm set-option -s set-clipboard on
tm set-option -g history-limit 100000
title0=$(tm display -p -t t '#{pane_title}')
n=0
until tm capture-pane -p -t t -S - | grep -q all-done || [ $n -ge 300 ]; do sleep 0.1; n=$((n + 1)); done
ran() { tm capture-pane -p -t t -S - | grep -q all-done; }
check "every command ran in the pane" ran
equals "no OSC 52 reached tmux: no paste buffer" "$(tm list-buffers 2>/dev/null)" ""
equals "no OSC 2 reached tmux: the pane title is unchanged" "$(tm display -p -t t '#{pane_title}')" "$title0"
tm capture-pane -e -p -t t -S - >"$T_DIR/pane"
if LC_ALL=C grep -qa "$(printf '\033')" "$T_DIR/pane"; then
	not_ok "capture-pane -e: no colour or attribute was set" "$(LC_ALL=C grep -a "$(printf '\033')" "$T_DIR/pane" | head -3 | od -c | head)"
else
	ok "capture-pane -e: no colour or attribute was set"
fi
check "the screen shows the escapes as text" grep -qF '?[2J?[31mRED' "$T_DIR/pane"
check "CSV on a terminal is cleaned too" grep -qF 'summary,"A????]52;c;' "$T_DIR/pane"
tm kill-server 2>/dev/null

finish
