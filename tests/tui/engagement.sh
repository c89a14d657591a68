#!/bin/sh
# engagement.sh — panel 4: heatmap cells of known people and weeks show the
# expected shades with colour, without (NO_COLOR) and on a vt100 in the C
# locale (ASCII glyphs); m changes the metric in the header; the legend shows
# the scale's numbers; the adoption line its percentage; the quiet list names
# the quiet; q quits cleanly (no sanitizer reports).
#
# The programme, every time fixed with CHORUS_NOW ("now" is Wednesday
# 2026-11-25, ISO week 48; W46 starts 11-09, W47 11-16, W43 10-19):
#   master   W47: submits S1, takes it, writes a message, approves (4, 3 edits)
#   alice    W46: submits (1);  W48: shares the message and comments (2)
#   bob      W48: submits nine items and comments once (10)
#   carol    W43: submits (1): quiet for 5 weeks
#   quinn    never does anything: quiet, "never"
# Non-empty cells, all activity: 1 1 2 4 10 -> levels start at 1, 2, 3, 4
# (quartiles kept one apart), so alice W46 is level 1, alice W48 level 2, master
# W47 and bob W48 level 4.  Adoption in W48 (no headcount set, so of the 5
# registered): alice shared = 20.0%, alice and bob took part = 40.0%; the
# milestones 1 5 10 all reached.  W47: nobody shared, the master took part
# = 20.0%.  The team Ops (carol, quinn) in W48: nothing, 0 of 2.
# Later (the last part): carol submits and comments in W48 (took part 3),
# and the headcount is 40: 1/40 = 2.5% shared, 3/40 = 7.5% took part; the
# sparkline's full block is the top milestone, so W48 is 2.5/10 of 8
# eighths = 2 (▂), and with milestones 2 4 it is 2.5/4 x 8 = 5 (▅).
# The newest week is the last column before the quiet list's separator.
. tests/lib/tap.sh
. tests/tui/tmux.inc

NOW=2026-11-25T12:00
# as WHEN LOGIN ARGS...: a command by LOGIN at time WHEN.
as() { w=$1 l=$2; shift 2; CHORUS_NOW=$w "$CHORUS" --db "$DB" --as "$l" "$@" >/dev/null 2>&1 || echo "# setup failed: $l $*"; }

CHORUS_NOW=2026-10-01 "$CHORUS" --db "$DB" init --org "Test BV" >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
ME=$(sql "$DB" "SELECT login FROM people WHERE id = 1")
CHORUS_NOW=2026-10-01 "$CHORUS" --db "$DB" people set "$ME" --name "Mia Master" >/dev/null 2>&1
for p in "alice Alice Active Sales" "bob Bob Busy Sales" "carol Carol Corner Ops" "quinn Quinn Quiet Ops"; do
	set -- $p
	CHORUS_NOW=2026-10-01 "$CHORUS" --db "$DB" people add "$1" --name "$2 $3" --team "$4" --roles creator >/dev/null 2>&1
done
sql "$DB" "INSERT INTO platforms(key, name, max_length) VALUES('linkedin', 'LinkedIn', 3000)"

as 2026-10-21T10:00 carol submit --title "Carol's story" --body "From October."
as 2026-11-11T10:00 alice submit --title "Alice's story" --body "From week 46."
as 2026-11-18T10:00 "$ME" submit --title "S1" --body "The master's story."
S1=$(sql "$DB" "SELECT id FROM content WHERE title = 'S1'")
as 2026-11-18T11:00 "$ME" content take "$S1"
as 2026-11-18T11:10 "$ME" message add "$S1" --platform linkedin --text "Come and see."
M1=$(sql "$DB" "SELECT id FROM messages WHERE content_id = $S1")
as 2026-11-18T11:20 "$ME" content approve "$S1"
as 2026-11-24T09:00 alice shares log "$M1" --at 2026-11-24T09:00
as 2026-11-24T09:30 alice content comment "$S1" "Shared it."
for i in 1 2 3 4 5 6 7 8 9; do as 2026-11-24T10:0$i bob submit --title "Bob $i" --body "Busy."; done
as 2026-11-24T11:00 bob content comment "$S1" "Nice."

n=$(sql "$DB" "SELECT sum(n) FROM activity WHERE week = 2968")
check "the dataset has 12 activities in week 48" [ "$n" = 12 ]

# row_has NAME TEXT: the screen row of NAME contains TEXT (polls).
row_has() {
	n=0
	while [ "$n" -lt 50 ]; do
		screen | grep -F -- "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
expect_row() {
	if row_has "$2" "$3"; then ok "$1"; else not_ok "$1" "row of $2 lacks '$3'" "$(screen | grep -F -- "$2")"; fi
}

# The quiet list: what is right of the separator.
quiet_pane() { screen | sed -n 's/^[^│]*│//p'; }
expect_quiet() {
	n=0
	while [ "$n" -lt 50 ]; do
		quiet_pane | grep -qE -- "$2" && { ok "$1"; return; }
		sleep 0.1
		n=$((n + 1))
	done
	not_ok "$1" "quiet list lacks /$2/" "$(quiet_pane | head -8)"
}

# --- colour (256 colours), UTF-8 --------------------------------------------
tui_start CHORUS_NOW=$NOW TERM=xterm-256color
keys 4
expect_screen "panel 4 shows the engagement heatmap" "Heatmaps: all activity per ISO week"
expect_screen "the newest week is labelled" "2026-W48"
expect_row "alice: W46 light, W47 empty, W48 level 2" "Alice Active" "░░  ▒▒│"
expect_row "bob: W48 at the top level" "Bob Busy" "    ██│"
expect_row "master: W47 at the top level, nothing in W48" "Mia Master" "██  │"
expect_row "quinn: nothing at all" "Quinn Quiet" "                │"
expect_screen "the legend shows the scale's numbers" "░░ 1  ▒▒ 2  ▓▓ 3  ██ 4+"
expect_screen "the adoption line: 1 shared, 2 took part, of 5 registered in W48" \
	"2026-W48: 20.0% shared, 40.0% took part of 5 registered (no headcount); [1] [5] [10]%"
expect_screen "the sparkline's full block is the top milestone" "adoption █=10%"
expect_quiet "the quiet list names quinn, never active" "Quinn Quiet +never"
expect_quiet "the quiet list names carol, quiet 5 weeks" "Carol Corner +5w"
if quiet_pane | grep -qE 'Alice|Bob|Mia'; then
	not_ok "the active are not in the quiet list" "$(quiet_pane | head -8)"
else ok "the active are not in the quiet list"; fi
if tm capture-pane -e -p -t t | grep -F "Bob Busy" | grep -q '38;5;46m'; then ok "bob's top cell has the 256-colour ramp's top colour"
else not_ok "bob's top cell has the 256-colour ramp's top colour" "$(tm capture-pane -e -p -t t | grep -F 'Bob Busy' | od -c | head -5)"; fi
if screen | grep -qE '^ *[0-9]+[.)] '; then not_ok "no rank numbers in front of the rows"; else ok "no rank numbers in front of the rows"; fi

keys m
expect_screen "m shows contributions in the header" "Heatmaps: contributions per ISO week"
expect_row "contributions: alice only in W46" "Alice Active" "░░    │"
expect_row "contributions: bob's nine at the top level" "Bob Busy" "    ██│"
expect_screen "the legend follows the metric" "of contributions per week"
keys m m m m
expect_screen "m cycles back to all activity" "Heatmaps: all activity per ISO week"

keys s s
expect_screen "s sorts by who might need a nudge" "who might need a nudge (least active first)"
keys s
expect_screen "s back to sorting by name" "sorted by name"
keys a
expect_row "a shows team rows: Sales, mean per member" "= Sales (2)" "██│"
keys t
expect_screen "t filters by the first team" "team Ops"
expect_screen "adoption follows the filter" "2026-W48: 0.0% shared, 0.0% took part of 2 registered in view; 1 5 10%"
keys t t
expect_screen "t cycles back to everyone" "everyone, sorted by"
keys h
expect_row "h scrolls a week back: alice's W47 is now the newest column" "Alice Active" "░░  │"
expect_screen "the adoption line names the week shown" "2026-W47: 0.0% shared, 20.0% took part of 5 registered"
keys l
expect_row "l scrolls forward again" "Alice Active" "░░  ▒▒│"
# Scrolling reads only the weeks scrolled in; a screenful back and forth
# (one week shared) and a week at a time must give the same cells.
keys H
expect_screen "H scrolls a screenful back" "(h/l: weeks)"
expect_row "a screenful back: bob has nothing there" "Bob Busy" "      │"
keys L
expect_row "L forward again: alice's cells as before" "Alice Active" "░░  ▒▒│"
expect_row "L forward again: bob's W48 as before" "Bob Busy" "    ██│"
keys h h h l l l
expect_row "three weeks back and forth: master's W47 as before" "Mia Master" "██  │"
# What is loaded stays only while nobody changes the database: another
# user's change shows by itself (the live refresh), and after a visit to
# another panel too.
as $NOW carol submit --title "Carol is back" --body "Again."
expect_row "another user's change shows without a key: carol's W48" "Carol Corner" "░░│"
n=0
while quiet_pane | grep -q "Carol" && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
if quiet_pane | grep -q "Carol"; then not_ok "carol has left the quiet list" "$(quiet_pane | head -8)"
else ok "carol has left the quiet list"; fi
keys 1
expect_screen "panel 1 in between" "Inbox"
as $NOW carol content comment "$S1" "Me too."
keys 4
expect_row "back on panel 4 the change while away shows: carol's W48 level 2" "Carol Corner" "▒▒│"
keys '?'
expect_screen "? lists the panel's keys" "cycle the metric"
keys Escape
wait_gone "cycle the metric"
quit_clean "q quits cleanly (colour)"

# --- NO_COLOR: the glyphs alone tell the levels ------------------------------
tui_start CHORUS_NOW=$NOW NO_COLOR=1 TERM=xterm-256color
keys 4
expect_row "NO_COLOR: alice's cells" "Alice Active" "░░  ▒▒│"
expect_row "NO_COLOR: bob's cell" "Bob Busy" "    ██│"
if tm capture-pane -e -p -t t | grep -F "Bob Busy" | grep -qE '38;5;|3[0-7]m'; then
	not_ok "NO_COLOR: no colour on the rows" "$(tm capture-pane -e -p -t t | grep -F 'Bob Busy' | od -c | head -3)"
else ok "NO_COLOR: no colour on the rows"; fi
quit_clean "q quits cleanly (NO_COLOR)"

# --- vt100 in the C locale: ASCII glyphs ' . + # @' ---------------------------
tui_start CHORUS_NOW=$NOW TERM=vt100 LANG=C LC_ALL=C
keys 4
expect_screen "vt100: the heatmap is there" "Heatmaps: all activity per ISO week"
expect_row "vt100: alice's cells in ASCII" "Alice Active" "..  ++|"
expect_row "vt100: bob's cell in ASCII" "Bob Busy" "    @@|"
expect_row "vt100: master's cell in ASCII" "Mia Master" "@@  |"
expect_screen "vt100: the legend in ASCII" ".. 1  ++ 2  ## 3  @@ 4+"
quit_clean "q quits cleanly (vt100)"

# --- the headcount (strategy organisation.headcount): the bar scaled to the milestones ---
# with_strategy FILE NAME WORDS TOP BAR: import FILE, open panel 4, and see
# W48's adoption line (WORDS), the bar's full block at TOP% and W48's bar.
with_strategy() {
	CHORUS_NOW=$NOW "$CHORUS" --db "$DB" strategy import "$1" >/dev/null 2>&1
	tui_start CHORUS_NOW=$NOW TERM=xterm-256color
	keys 4
	expect_screen "$2: the adoption line" "$3"
	if wait_for "adoption █=$4%" && screen | grep -F "adoption █=$4%" | grep -qF "$5│"; then
		ok "$2: the W48 bar is 2.5% of the top milestone $4%"
	else not_ok "$2: the W48 bar is 2.5% of the top milestone $4%" "$(screen | grep -F 'adoption')"; fi
	quit_clean "q quits cleanly ($2)"
}
"$CHORUS" --db "$DB" strategy export "$T_DIR/s.yaml" >/dev/null 2>&1
sed 's/^organisation: "Test BV"$/organisation:\n  name: "Test BV"\n  headcount: 40/' "$T_DIR/s.yaml" >"$T_DIR/h.yaml"
with_strategy "$T_DIR/h.yaml" "headcount 40, 1 shared, 3 took part" \
	"2026-W48: 2.5% shared, 7.5% took part of headcount 40; [1] 5 10%" 10 "▂▂"
equals "database: the headcount 40 all along" "$(sql "$DB" "SELECT from_day || ' ' || count FROM headcount")" "0 40"
sed 's/^  headcount: 40$/&\n  milestones: [2, 4]/' "$T_DIR/h.yaml" >"$T_DIR/m.yaml"
with_strategy "$T_DIR/m.yaml" "own milestones 2 4: 2% reached, 4% not" \
	"2026-W48: 2.5% shared, 7.5% took part of headcount 40; [2] 4%" 4 "▅▅"
equals "database: milestones 2 4" "$(sql "$DB" "SELECT value FROM settings WHERE key = 'milestones'")" "2,4"

finish
