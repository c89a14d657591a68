#!/bin/sh
# conflict.sh — a move carries the version of the card on screen: when the
# item was changed from the shell after the board last read it, L is refused
# as a conflict that names who changed it, nothing changes, and the board
# re-reads; then L moves it.  The detail view does the same.  Live refresh is
# slowed to 60 s by the config file, so the board cannot see the change
# before the key.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
submit "Conflict target" >/dev/null     # id 1
submit "Second story" >/dev/null        # id 2
me=$(id -un)
mkdir -p "$XDG_CONFIG_HOME/chorus"
printf 'refresh_seconds: 60\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"

tui_start
expect_screen "the board starts on the first card" "Conflict target"
"$CHORUS" --db "$DB" content edit 1 --title "Renamed behind its back" >/dev/null 2>&1
check "the shell's edit landed" [ "$(sql "$DB" 'SELECT title FROM content WHERE id=1')" = "Renamed behind its back" ]
if screen | grep -qF "Renamed behind its back"; then
	not_ok "the board has not re-read yet (refresh_seconds: 60)"
else
	ok "the board has not re-read yet (refresh_seconds: 60)"
fi
before=$(db_digest "$DB")
keys L
expect_screen "L on a changed card names who changed it" "$me changed #1 at"
expect_screen "the status line says r reloads" "press r to reload"
check "the stage did not change" [ "$(sql "$DB" 'SELECT stage FROM content WHERE id=1')" = inbox ]
check "nothing in the database changed" [ "$before" = "$(db_digest "$DB")" ]
expect_screen "the board re-read the card after the conflict" "Renamed behind its back"
keys L
if wait_sql "SELECT stage FROM content WHERE id=1" editing; then ok "L on the re-read card moves it"
else not_ok "L on the re-read card moves it" "$(sql "$DB" 'SELECT id, stage, version FROM content')" "$(screen | tail -1)"; fi

# The detail view: open the card (now in Editing), change it from the shell, H.
expect_screen "the cursor followed the card into Editing" "Editing 1"
keys Enter
expect_screen "Enter opens the detail" "assignee $me"
"$CHORUS" --db "$DB" content edit 1 --body "A new body from the shell." >/dev/null 2>&1
keys H
expect_screen "H in the detail view is refused as a conflict too" "$me changed #1 at"
check "the detail's refused move changed no stage" [ "$(sql "$DB" 'SELECT stage FROM content WHERE id=1')" = editing ]
expect_screen "the detail re-read the item" "A new body from the shell."
keys r
expect_screen "r reloads" "reloaded from the database"
quit_clean "q quits cleanly"
finish
