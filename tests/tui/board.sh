#!/bin/sh
# board.sh — the board: four columns with the database's counts, L/H move a
# card through the core (stage and event change), a refused move shows the
# core's reason and changes nothing; ? help, :panel, q quits.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
for t in Alpha Bravo Charlie Delta Echo; do submit "Story $t" >/dev/null; done
"$CHORUS" --db "$DB" content take 1 >/dev/null 2>&1
"$CHORUS" --db "$DB" content take 2 >/dev/null 2>&1

tui_start
expect_screen "board shows Inbox with its count" "Inbox 3"
expect_screen "board shows Editing with its count" "Editing 2"
expect_screen "board shows Ready and Shared" "Ready 0"
expect_screen "board shows the Shared column" "Shared 0"
expect_screen "cards show their titles" "Story Charlie"

# The cursor starts on the first inbox card (Charlie, id 3): L takes it.
ev0=$(sql "$DB" "SELECT count(*) FROM events WHERE entity='content' AND entity_id=3")
keys L
if wait_sql "SELECT stage FROM content WHERE id=3" editing; then ok "L moves the card forward (inbox -> editing)"
else not_ok "L moves the card forward" "stage: $(sql "$DB" 'SELECT stage FROM content WHERE id=3')"; fi
ev1=$(sql "$DB" "SELECT count(*) FROM events WHERE entity='content' AND entity_id=3")
check "the move wrote an event" [ "$ev1" -gt "$ev0" ]
expect_screen "the header counts follow" "Editing 3"

# The cursor followed the card into Editing: H moves it back.
keys H
if wait_sql "SELECT stage FROM content WHERE id=3" inbox; then ok "H moves the card back (editing -> inbox)"
else not_ok "H moves the card back" "stage: $(sql "$DB" 'SELECT stage FROM content WHERE id=3')"; fi

keys '?'
expect_screen "? shows the board's keys" "move the card forward a stage"
keys Escape
wait_gone "move the card forward a stage"
keys : 'panel inbox' Enter
expect_screen ":panel inbox switches to the inbox" "Story Charlie"
if screen | grep -q "Editing 3"; then not_ok ":panel inbox leaves the board"; else ok ":panel inbox leaves the board"; fi
keys 3
expect_screen "3 switches to the queue" "Queue: 0 to share"
keys Tab
expect_screen "Tab goes to the next panel" "Heatmaps"
keys 1
expect_screen "1 goes back to the board" "Inbox 3"
quit_clean "q quits cleanly"

# A publisher-only login may not take content: the core says why, nothing changes.
before=$(db_digest "$DB")
tui_start -- --as pub
expect_screen "a publisher starts on the Queue" " Queue: "
keys 1
expect_screen "the board opens for a publisher" "Inbox 3"
keys L
expect_screen "a refused move shows the core's reason" "needs the editor role"
sleep 0.3
after=$(db_digest "$DB")
check "a refused move changes nothing" [ "$before" = "$after" ]
quit_clean "q quits cleanly after a refused move"

finish
