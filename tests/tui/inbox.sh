#!/bin/sh
# inbox.sh — mutt-style triage: tag by a PCRE2 pattern, then ;a accepts
# exactly the matching items, in one transaction (meta.revision goes up by
# one); the others stay in the inbox.  A bad pattern shows PCRE2's message.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
submit "Coffee with the night shift" >/dev/null
submit "New welding robot" "The robot arrived on Tuesday." >/dev/null
submit "Koffie & taart voor het team" >/dev/null
submit "Quarterly numbers" "Nothing about COFFEE here? Yes: coffee." >/dev/null
submit "Open day photos" >/dev/null

tui_start
expect_screen "the board starts" "Inbox 5"
keys 2
expect_screen "2 opens the inbox index" "Open day photos"
expect_screen "the preview shows the first item's body" "A body for Coffee with the night shift."

# Caseless, over title and body: items 1 and 4 match; 3 (Koffie) does not.
keys T 'co(ff|f)ee' Enter
expect_screen "T tags by pattern and says how many" "tagged 2 more items"
rev0=$(sql "$DB" "SELECT value FROM meta WHERE key='revision'")
keys '\;' a   # tmux needs ; escaped
if wait_sql "SELECT group_concat(id) FROM (SELECT id FROM content WHERE stage='editing' ORDER BY id)" "1,4"; then
	ok ";a accepts exactly the tagged items"
else
	not_ok ";a accepts exactly the tagged items" "$(sql "$DB" 'SELECT id, stage FROM content')"
fi
check "the others stay in the inbox" [ "$(sql "$DB" "SELECT group_concat(id) FROM (SELECT id FROM content WHERE stage='inbox' ORDER BY id)")" = "2,3,5" ]
rev1=$(sql "$DB" "SELECT value FROM meta WHERE key='revision'")
check "the bulk accept was one transaction" [ "$((rev1 - rev0))" -eq 1 ]
expect_screen "the status line says what happened" "2 items: taken into Editing"

# Limit, search and a bad pattern.
keys l 'robot' Enter
expect_screen "l limits the index to a pattern" "limit /robot/: 1 shown"
keys l Enter
expect_screen "an empty limit shows all again" "showing all"
keys / 'photos' Enter
expect_screen "/ search moves to the match" "#5 by"
keys g n
expect_screen "n goes on to the next match, round the end" "#5 by"
keys g N
expect_screen "N goes back to the previous one, round the start" "#5 by"
keys / '(unclosed' Enter
expect_screen "a bad search pattern shows PCRE2's message" "bad pattern at offset"
keys T '(unclosed' Enter
expect_screen "a bad pattern shows PCRE2's message and offset" "bad pattern at offset"

# One item: a accepts it and the cursor moves to the next.
keys g a
if wait_sql "SELECT stage FROM content WHERE id=2" editing; then ok "a accepts the item under the cursor"
else not_ok "a accepts the item under the cursor" "$(sql "$DB" 'SELECT id, stage FROM content')"; fi
expect_screen "the cursor moves to the next item" "#3 by"

# x asks a reason and rejects.
keys x 'Not our story' Enter
if wait_sql "SELECT stage || ':' || reject_reason FROM content WHERE id=3" "rejected:Not our story"; then
	ok "x rejects with the reason given"
else not_ok "x rejects with the reason given" "$(sql "$DB" 'SELECT id, stage, reject_reason FROM content')"; fi
quit_clean "q quits cleanly"

# All or nothing: with live refresh slowed down by the config file, one of two
# tagged items is taken from the shell behind the TUI's back; ;a then fails on
# it (the version on screen is stale: a conflict) and the other item stays in
# the inbox too.  The config's WIP limit shows.
mkdir -p "$XDG_CONFIG_HOME/chorus"
printf 'refresh_seconds: 60\nwip: { editing: 2, ready: 5 }\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"
submit "Bulk one" >/dev/null    # id 6
submit "Bulk two" >/dev/null    # id 7
tui_start
expect_screen "the WIP limit shows in the header, over it" "Editing 3/2 !"
keys 2
expect_screen "the inbox lists the new items" "Bulk two"
keys T '^Bulk' Enter
expect_screen "both are tagged" "2 tagged"
"$CHORUS" --db "$DB" content take 7 >/dev/null 2>&1
keys '\;' a
expect_screen "a failed bulk action is a conflict naming who changed which item" "nothing changed: $(id -un) changed #7 at"
check "the whole bulk action rolled back" [ "$(sql "$DB" "SELECT stage FROM content WHERE id=6")" = inbox ]
quit_clean "q quits cleanly after the failed bulk action"
finish
