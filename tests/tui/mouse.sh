#!/bin/sh
# mouse.sh — the mouse: chorus turns mouse reporting on; a click selects a
# card (Enter then opens that one) or switches tab; the wheel moves through a
# column and scrolls it.  tmux cannot click for a script, so the events are
# written into the pane as the terminal would send them: X10 encoding
# (ESC [ M b x y) under tmux-256color, whose kmous is \E[M, and SGR (ESC [ <
# b;x;y M) under xterm-256color, whose kmous is \E[<.
. tests/lib/tap.sh
. tests/tui/tmux.inc

# x10 B X Y / sgr B X Y: a mouse event at 0-based column X, row Y.
x10() { keys -H 1b 5b 4d "$(printf %x $((32 + $1)))" "$(printf %x $((33 + $2)))" "$(printf %x $((33 + $3)))"; }
sgr() { keys -H $(printf '\033[<%d;%d;%d%s' "$1" $(($2 + 1)) $(($3 + 1)) "${4:-M}" | od -An -tx1); }
click() { x10 0 "$1" "$2"; x10 3 "$1" "$2"; }   # press, release
flag() { tm display -p -t t "#{$1}"; }

make_db
for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
	submit "Card $i" >/dev/null
done
"$CHORUS" --db "$DB" content take 1 >/dev/null 2>&1
"$CHORUS" --db "$DB" content take 2 >/dev/null 2>&1

tui_start
expect_screen "the board starts" "Inbox 23"
check "chorus turns mouse reporting on (TERM=tmux-256color)" [ "$(flag mouse_any_flag)" = 1 ]

# Editing is the second column (30 columns each); its cards start on row 3,
# two rows each: row 5 is the second card.
click 35 5
keys Enter
expect_screen "a click selects the card it is on (Enter opens Card 02)" "  Card 02"
keys q
expect_screen "q goes back to the board" "Inbox 23"

# The wheel: 17 cards fit in a column; a notch moves 3 cards (as everywhere),
# so 20 notches down take the cursor to the last card and the column scrolls
# with it, 20 up bring it back.
expect_screen "the inbox column shows its first 16 of 23 (the legend has the last row)" "1-16 of 23"
n=0; while [ $n -lt 20 ]; do x10 65 5 10; n=$((n + 1)); done
expect_screen "the wheel scrolls the column down" "8-23 of 23"
n=0; while [ $n -lt 20 ]; do x10 64 5 10; n=$((n + 1)); done
expect_screen "the wheel scrolls it back up" "1-16 of 23"

# With ? open the mouse is the overlay's: the wheel does not move the
# column underneath, and a click closes the overlay without selecting.
keys '?'
expect_screen "? opens the help over the board" "Keys: Board"
n=0; while [ $n -lt 5 ]; do x10 65 5 10; n=$((n + 1)); done
click 35 7
expect_screen "a click closes the help" "1-16 of 23"
keys Enter
expect_screen "neither the wheel nor the click reached the board (Card 02 still selected)" "  Card 02"
keys q
expect_screen "q goes back to the board again" "Inbox 23"

# A click on the "2 Inbox" tab, then on the third line of its index.
click 9 0
expect_screen "a click on a tab switches to it" "#3 by"
click 30 4
expect_screen "a click on an index line selects it (the preview follows)" "#5 by"
quit_clean "q quits cleanly"

# The same click in the SGR encoding that xterm-256color's terminfo asks for.
tui_start TERM=xterm-256color
expect_screen "the board starts under xterm-256color" "Inbox 23"
check "chorus asks for SGR mouse reports there" [ "$(flag mouse_sgr_flag)" = 1 ]
sgr 0 35 5
sgr 0 35 5 m
keys Enter
expect_screen "an SGR click selects the card it is on" "  Card 02"
keys q
expect_screen "q goes back to the board (xterm-256color)" "1-16 of 23"
n=0; while [ $n -lt 20 ]; do sgr 65 5 10; n=$((n + 1)); done
expect_screen "the SGR wheel scrolls the column" "8-23 of 23"
quit_clean "q quits cleanly (xterm-256color)"
finish
