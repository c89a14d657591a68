#!/bin/sh
# layout.sh — layouts that use the screen, at 80x24, 120x40 and 200x60 in
# turn (the window resized under a running chorus): the Inbox index gets
# the rows its items need and the preview says when a body is cut; the
# Board's v shows the column in view alone with its whole titles (the four
# columns cut it) and its legend explains the card markers; the Queue's
# preview marks the text it cannot show and J/K scroll to it; the detail
# page tells the history in words (no JSON), an empty policy match names no
# place, and its scroll position has a row of its own.  Looking writes
# nothing: the database is the same afterwards.
. tests/lib/tap.sh
. tests/tui/tmux.inc

me=$(id -un)
make_db
LONG="Nieuw in de kwekerij: beuken op rolcontainers direct naar de bouwplaats"
lines() { i=1; while [ $i -le "$1" ]; do printf 'Regel %02d van de tekst.\n' $i; i=$((i + 1)); done; }
sql "$DB" "INSERT INTO platforms(key, name, max_length, position) VALUES('linkedin', 'LinkedIn', 3000, 1);
  INSERT INTO person_platforms(person_id, platform_id, handle)
	SELECT p.id, f.id, '@' || p.login FROM people p, platforms f WHERE p.login = '$me';
  INSERT INTO pillars(name, colour, position) VALUES('Craft', 'green', 1);
  INSERT INTO policy_rules(name, pattern, severity, guidance, position)
	VALUES('Mention you work here', '(?si)\\A(?!.*?(?:ik werk|collega))', 'info', 'Say that you work here.', 1);"
setup() {
	long=$(submit "$LONG") &&
	"$CHORUS" --db "$DB" content take "$long" >/dev/null &&
	"$CHORUS" --db "$DB" content pillar "$long" Craft >/dev/null &&
	"$CHORUS" --db "$DB" content comment "$long" "Mooie foto's." >/dev/null &&
	"$CHORUS" --db "$DB" message add "$long" --platform linkedin --text "$(lines 30)" >/dev/null &&
	"$CHORUS" --db "$DB" content approve "$long" >/dev/null &&
	tall=$(submit "Tall body" "$(lines 28)") &&
	for t in $(seq -w 1 20); do submit "Item $t" >/dev/null || return 1; done
}
check "fixture: a ready item with a long title and a 30-line message, 21 in the inbox (one of 28 lines)" setup
before=$(sqlite3 "$DB" .dump | md5sum)

size() { tm resize-window -t t -x "$1" -y "$2"; sleep 0.3; }
expect_not() {
	if screen | grep -qF -- "$2"; then not_ok "$1" "the screen shows '$2'" "$(screen | head -30)"; else ok "$1"; fi
}
# scroll_to TEXT: Space (a page down) until the screen shows TEXT.
scroll_to() {
	for _ in 1 2 3 4 5 6; do wait_for "$1" 5 && return 0; keys Space; done
}
# row_of TEXT: the screen row (from 1) that shows TEXT first.
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1; }

tui_start
expect_screen "the board starts" "Ready 1"
for sz in "80 24" "120 40" "200 60"; do
	set -- $sz
	at="at $1x$2"
	size "$1" "$2"
	keys 1 C-l
	expect_screen "$at the board's legend explains the markers" "@ assignee  ! policy warns  X policy blocks"
	expect_screen "$at the legend names v" "v one column"
	keys l l
	expect_not "$at four columns cut the long title" "$LONG"
	keys v
	expect_screen "$at v shows the column in view alone with the whole title" "$LONG"
	expect_screen "$at the legend says v brings the columns back" "v all columns"
	keys v
	expect_screen "$at v again shows all four columns" "Editing 0"
	keys h h

	keys 2 g j
	# Beside a short preview the index has a row per item where they fit
	# (a fixed share of the screen gave it 7 and 14 rows).
	case $2 in 24) want=14 ;; *) want=21 ;; esac
	expect_screen "$at the inbox index shows $want of its 21 items" "1-$want of 21"
	n=$(screen | grep -cE '^ +[0-9]+ +[0-9]+[mhd] ')
	if [ "$n" = "$want" ]; then ok "$at the index has $want rows of items"; else not_ok "$at the index has $want rows of items" "$n rows" "$(screen)"; fi
	keys g
	if [ "$2" -lt 60 ]; then
		expect_screen "$at a body longer than the preview says how much is cut" "more lines: Enter opens the whole item"
		expect_not "$at its last line is not shown" "Regel 28 van de tekst."
	else
		expect_screen "$at the whole body fits" "Regel 28 van de tekst."
		expect_not "$at no cut marker" "more lines: Enter opens"
	fi

	keys 3
	expect_screen "$at the queue shows the message" "Regel 01 van de tekst."
	if [ "$2" -lt 60 ]; then
		expect_screen "$at a text longer than the preview has a marker" "more lines of the text: J scrolls down"
		expect_not "$at the last line is hidden" "Regel 30 van de tekst."
		keys J J J J J J
		expect_screen "$at J scrolls to the last line" "Regel 30 van de tekst."
		expect_screen "$at the marker says it is the end" "[end of the text,"
		expect_not "$at the first line scrolled away" "Regel 01 van de tekst."
		keys K K K K K K
		expect_screen "$at K scrolls back to the first line" "Regel 01 van de tekst."
	else
		expect_screen "$at the whole text fits" "Regel 30 van de tekst."
		expect_not "$at no marker when nothing is hidden" "more lines of the text"
		keys J
		expect_screen "$at J says the whole text is on screen" "the whole text is on screen"
	fi

	keys Enter
	expect_screen "$at Enter opens the detail" "Messages (1)"
	keys G
	expect_screen "$at the history is at the end" "History (5)"
	expect_screen "$at the history says who submitted it in words" "submitted \"Nieuw in de kwekerij"
	expect_screen "$at ... took it" "took it into editing"
	expect_screen "$at ... set the pillar" "set the pillar to Craft"
	expect_screen "$at ... commented" "commented"
	expect_screen "$at ... approved it" "approved it: moved to ready"
	expect_not "$at no raw JSON in the history" '{"'
	keys g
	scroll_to "info: Mention you work here"
	expect_screen "$at an empty policy match is said without a place" "info: Mention you work here"
	expect_not "$at ... and without at 1:1" 'at 1:1 ""'
	keys g
	if [ "$2" -lt 60 ]; then
		expect_screen "$at the scroll position is on its own row" "more below"
		r=$(row_of "more below")
		line=$(screen | sed -n "${r}p")
		case "$line" in
		*[A-Za-z]*" lines "*) not_ok "$at the position row holds nothing else" "$line" ;;
		*) ok "$at the position row holds nothing else" ;;
		esac
	fi
	keys Escape
done
quit_clean "chorus quits cleanly"
after=$(sqlite3 "$DB" .dump | md5sum)
check "looking wrote nothing: the database is unchanged" [ "$before" = "$after" ]
echo "1..$T_N"
[ "$T_FAILED" -eq 0 ]
