#!/bin/sh
# resize.sh — 120x40 -> 80x24 -> 120x40 redraws correctly; below 80x24 a
# clear "terminal too small" screen; back to normal when it grows again.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
for t in One Two Three; do submit "Story $t" >/dev/null; done

tui_start
expect_screen "the board starts at 120x40" "Inbox 3"
tm resize-window -t t -x 80 -y 24
if wait_for "Shared 0" && [ "$(screen | wc -l)" -le 24 ]; then ok "80x24 redraws the board"
else not_ok "80x24 redraws the board" "$(screen)"; fi
expect_screen "80x24 still shows the status bar" "refreshed"
tm resize-window -t t -x 60 -y 15
expect_screen "60x15 shows terminal too small" "terminal too small"
if screen | grep -q "Inbox 3"; then not_ok "the too-small screen has no garbage"; else ok "the too-small screen has no garbage"; fi
tm resize-window -t t -x 120 -y 40
if wait_gone "terminal too small" && wait_for "Inbox 3"; then ok "120x40 again redraws the board"
else not_ok "120x40 again redraws the board" "$(screen | head -5)"; fi
expect_screen "the status bar is back on the last rows" "refreshed"
keys 2
expect_screen "keys work after the resizes" "Story One"
tm resize-window -t t -x 80 -y 24
expect_screen "the inbox redraws at 80x24" "Story Three"
quit_clean "q quits cleanly"
finish
