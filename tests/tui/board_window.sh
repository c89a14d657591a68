#!/bin/sh
# board_window.sh — columns far longer than the cards the board loads (it
# keeps a window of a few screens per column): the counts are the whole
# column's, G reaches the true last card and g the first, moving past the
# window shows the cards there, Shared runs newest first to its oldest, and a
# card taken from deep in the Inbox is followed into Editing.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
# 300 inbox items entered one a minute (Item 001 oldest), 250 shared ones
# (Old 001 shared first, Old 250 last), straight into the file.
sql "$DB" "INSERT INTO content(title, body, creator_id, stage, created_at, stage_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
  SELECT printf('Item %03d', i), 'Body', 1, 'inbox', 1700000000 + 60 * i, 1700000000 + 60 * i, 0 FROM n;
  INSERT INTO content(title, body, creator_id, stage, created_at, stage_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)
  SELECT printf('Old %03d', i), 'Body', 1, 'shared', 1600000000 + 60 * i, 1600000000 + 60 * i, 0 FROM n;"

# expect_not NAME TEXT: the screen (already settled) does not show TEXT.
expect_not() {
	if screen | grep -qF -- "$2"; then not_ok "$1" "the screen shows '$2'"; else ok "$1"; fi
}

tui_start
expect_screen "the Inbox count is the whole column" "Inbox 300"
expect_screen "the Shared count is the whole column" "Shared 250"
expect_screen "the Inbox footer counts the whole column" "of 300"
expect_screen "the first inbox card is the oldest" "Item 001"
expect_not "a card far down is not on screen" "Item 200"

keys G
expect_screen "G reaches the last card of 300" "Item 300"
expect_not "after G the first card is off screen" "Item 001"
keys g
expect_screen "g is back at the first" "Item 001"
expect_not "after g the last card is off screen" "Item 300"

# 100 single steps: well past the 64 cards loaded at first.
i=0
while [ $i -lt 10 ]; do keys j j j j j j j j j j; i=$((i + 1)); done
expect_screen "100 steps down show card 101" "Item 101"
expect_not "and not card 1" "Item 001"
keys PageDown PageDown PageDown PageDown PageDown PageDown PageDown PageDown
expect_screen "pages down go on through the column" "of 300"
keys k
sel=$(screen | grep -o 'Item [0-9][0-9][0-9]' | sort | tail -n 1)
[ -n "$sel" ] && ok "cards are drawn after paging ($sel)" || not_ok "cards are drawn after paging" "$(screen | head -20)"

# Take a card from deep in the column: it leaves the Inbox and the cursor
# follows it into Editing.
keys G
expect_screen "G again" "Item 300"
keys L
if wait_sql "SELECT stage FROM content WHERE title = 'Item 300'" editing; then ok "L takes the last inbox card"
else not_ok "L takes the last inbox card" "stage: $(sql "$DB" "SELECT stage FROM content WHERE title = 'Item 300'")"; fi
expect_screen "the Inbox count follows" "Inbox 299"
expect_screen "the Editing count follows" "Editing 1"
expect_screen "the taken card is on screen in Editing" "Item 300"

# Shared: newest first, G to the oldest.
keys l l
expect_screen "Shared shows the newest share first" "Old 250"
keys G
expect_screen "G in Shared reaches the oldest" "Old 001"
expect_not "the newest is off screen then" "Old 250"
keys g
expect_screen "g in Shared is back at the newest" "Old 250"
quit_clean "q quits cleanly"
finish
