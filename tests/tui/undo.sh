#!/bin/sh
# undo.sh — u undoes the last change (the message line says what) and is
# refused, with nothing written, when another user (a CLI --as write) changed
# the item since; a bulk reject asks first (n changes nothing, y rejects all)
# and u undoes it as one; H on a Shared card asks first (Esc changes nothing);
# A archives; z shows the rejected and archived items with who and the
# reason, / searches, Enter opens the detail (Esc back to the view), R
# restores; a share logged in the Queue is undone.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
"$CHORUS" --db "$DB" people add ed --name "Ed Itor" --roles editor >/dev/null 2>&1
sql "$DB" "insert into platforms(key, name, max_length) values('x', 'X', 280); insert into pillars(name) values('Craft');"
submit "Alpha story" >/dev/null
submit "Beta story" >/dev/null
submit "Gamma story" >/dev/null
submit "Delta story" >/dev/null
# #4 shared by pub.
"$CHORUS" --db "$DB" content take 4 >/dev/null &&
	"$CHORUS" --db "$DB" message add 4 --platform x --text "Delta is out" >/dev/null &&
	"$CHORUS" --db "$DB" content approve 4 >/dev/null &&
	"$CHORUS" --db "$DB" --as pub shares log 1 >/dev/null
check "#4 is shared" [ "$(sql "$DB" "select stage from content where id = 4")" = shared ]
undos() { sql "$DB" "select count(*) from events where action = 'undo'"; }

tui_start
expect_screen "the board starts" "Inbox 3"

# --- undo of a move -----------------------------------------------------------------------------
keys a
if wait_sql "select stage from content where id = 1" editing; then ok "a takes #1"
else not_ok "a takes #1" "$(screen | tail -2)"; fi
keys u
expect_screen "u says what it undid" "undid: moved #1 to editing"
if wait_sql "select stage || ' ' || (editor_id is null) from content where id = 1" "inbox 1"; then ok "u: #1 back in the inbox"
else not_ok "u: #1 back in the inbox" "$(sql "$DB" "select stage from content where id = 1")"; fi
check "u: one undo event, naming the take" [ "$(sql "$DB" "select count(*) from events u join events t on t.id = json_extract(u.detail, '$.undoes[0]') where u.action = 'undo' and t.action = 'take' and t.entity_id = 1")" = 1 ]

# --- refused: another user changed the item since ------------------------------------------------
# The cursor to #1 where the board has it now (inbox: oldest stage change first).
pos=$(sql "$DB" "select count(*) from content where stage = 'inbox' and (stage_at, id) < (select stage_at, id from content where id = 1)")
keys h h h g
i=0; while [ $i -lt "$pos" ]; do keys j; i=$((i + 1)); done
keys a
if wait_sql "select stage from content where id = 1" editing; then ok "a takes #1 again"
else not_ok "a takes #1 again" "$(screen | tail -2)"; fi
"$CHORUS" --db "$DB" --as ed content pillar 1 Craft >/dev/null
undos0=$(undos)
v=$(sql "$DB" "select version from content where id = 1")
keys u
expect_screen "u is refused, naming who changed it" "cannot undo: ed changed #1 since"
check "refused: #1 still in editing, its version as it was, no undo event" \
	[ "$(sql "$DB" "select stage || ' ' || version from content where id = 1") $(undos)" = "editing $v $undos0" ]

# --- bulk reject: asked first, undone as one ------------------------------------------------------
keys 2
expect_screen "2 opens the inbox" "Gamma story"
keys T 'Beta|Gamma' Enter
expect_screen "T tags two" "tagged 2"
keys '\;' x 'Off-topic' Enter
expect_screen "a bulk reject asks first, naming the items" "Reject 2 items (#"
keys n Enter
expect_screen "n cancels" "cancelled: nothing changed"
check "n: nothing rejected" [ "$(sql "$DB" "select count(*) from content where stage = 'rejected'")" = 0 ]
keys '\;' x 'Off-topic' Enter
expect_screen "asked again" "Reject 2 items"
keys y Enter
if wait_sql "select group_concat(id) from (select id from content where stage = 'rejected' order by id)" "2,3"; then
	ok "y rejects both"
else not_ok "y rejects both" "$(screen | tail -2)"; fi
check "the bulk is one logged unit" [ "$(sql "$DB" "select json_array_length(detail, '$.events') from events where action = 'bulk'")" = 2 ]
keys u
expect_screen "u undoes the bulk as one" "undid: 2 changes: rejected #"
if wait_sql "select count(*) from content where stage = 'inbox' and id in (2, 3)" 2; then ok "both back in the inbox"
else not_ok "both back in the inbox" "$(sql "$DB" "select id, stage from content")"; fi

# --- H on a Shared card asks first -----------------------------------------------------------------
keys 1
expect_screen "back on the board" "Shared 1"
keys l l l
keys H
expect_screen "H on a Shared card asks first" "back from Shared to Ready"
keys Escape
expect_screen "Esc cancels" "cancelled: nothing changed"
check "Esc: #4 still shared" [ "$(sql "$DB" "select stage from content where id = 4")" = shared ]
keys H
expect_screen "asked again" "back from Shared to Ready"
keys y Enter
if wait_sql "select stage from content where id = 4" ready; then ok "y moves #4 back to ready"
else not_ok "y moves #4 back to ready" "$(screen | tail -2)"; fi

# --- archive, the closed view, restore -------------------------------------------------------------
"$CHORUS" --db "$DB" content reject 2 --reason "Not on brand" >/dev/null
keys A
if wait_sql "select stage from content where id = 4" archived; then ok "A archives #4"
else not_ok "A archives #4" "$(screen | tail -2)"; fi
expect_screen "A says so" "content 4: archived"
keys z
expect_screen "z opens the rejected and archived view" "Rejected and archived 2"
expect_screen "it shows the rejection's reason" "Not on brand"
if screen | grep -qE '#4 +archived .* [^ ]+ +Delta story'; then ok "a row: id, stage, when, who, title"
else not_ok "a row: id, stage, when, who, title" "$(screen | grep -F '#4')"; fi
keys / brand Enter
keys Enter
expect_screen "/ then Enter opens the matching item's detail" "Rejected: Not on brand"
keys Escape
expect_screen "Esc goes back to the view the detail was opened from" "Rejected and archived 2"
keys R
if wait_sql "select stage from content where id = 2" inbox; then ok "R restores the rejected #2 to the inbox"
else not_ok "R restores the rejected #2 to the inbox" "$(screen | tail -2)"; fi
expect_screen "the view has one left" "Rejected and archived 1"
keys g R
if wait_sql "select stage from content where id = 4" inbox; then ok "R restores the archived #4"
else not_ok "R restores the archived #4" "$(screen | tail -2)"; fi
expect_screen "the view is empty now, and says so" "Nothing rejected or archived."
check "the restores are logged" [ "$(sql "$DB" "select count(*) from events where action = 'restore'")" = 2 ]
keys Escape

# --- a share logged in the Queue, undone -----------------------------------------------------------
"$CHORUS" --db "$DB" message add 1 --platform x --text "Alpha is out" >/dev/null &&
	"$CHORUS" --db "$DB" content approve 1 >/dev/null
sql "$DB" "insert into person_platforms(person_id, platform_id, handle) select p.id, pl.id, '@me' from people p, platforms pl where p.login = '$(id -un)' and pl.key = 'x'"
keys 3
expect_screen "3 opens the queue with #1" "Alpha story"
keys s Enter
if wait_sql "select count(*) || ' ' || (select stage from content where id = 1) from shares" "2 shared"; then ok "s logs the share"
else not_ok "s logs the share" "$(screen | tail -2)"; fi
keys u
expect_screen "u in the Queue undoes the share" "undid: logged share"
if wait_sql "select count(*) || ' ' || (select stage from content where id = 1) from shares" "1 ready"; then ok "the share is gone, #1 ready again"
else not_ok "the share is gone, #1 ready again" "$(sql "$DB" "select id, stage from content")"; fi
quit_clean "q quits cleanly"
finish
