# content.sh — chorus content show|list|comment|edit|pillar|campaign: what show
# prints (messages, comments, the history with who acted for whom), list by
# stage (exit 1 when empty), comments by anyone, edits by editors and by the
# creator of an inbox item, pillar and campaign by name; the bad input of
# each, and the event log that every change leaves.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db


pipeline_fixture "Content BV"
moves() {
	"$CHORUS" --db "$DB" content take 1 >/dev/null &&
	"$CHORUS" --db "$DB" message add 1 --platform linkedin --text "Proud of what our team built" >/dev/null &&
	"$CHORUS" --db "$DB" content approve 1 >/dev/null &&
	"$CHORUS" --db "$DB" content back 1 >/dev/null &&
	"$CHORUS" --db "$DB" content forward 1 >/dev/null &&
	"$CHORUS" --db "$DB" content forward 3 >/dev/null &&
	"$CHORUS" --db "$DB" content back 3 >/dev/null
}
check "item 1 taken, approved, back and forward again; item 3 taken and back" moves
# --- show, list ---------------------------------------------------------------------------------------
ch --db "$DB" content show 1
expect "show: the title" 0 "" "title:    First story"
expect "show: the stage" 0 "" "stage:    ready"
expect "show: the messages" 0 "" "Proud of what our team built"
expect "show: a history" 0 "" "history:"
for action in submit take approve back; do
	if printf '%s\n' "$OUT" | grep -qE "^  [0-9-]+ [0-9:]+  $action +$ME"; then
		ok "show: the history has $action by $ME"
	else
		not_ok "show: the history has $action by $ME" "$OUT"
	fi
done
ch --db "$DB" content show 5
expect "show: an action for someone else names both" 0 "" "submit   $ME for cre"
refused "show: no such content" 1 "no such content: 999" content show 999
refused "show: not an id" 2 "show needs a content ID" content show first
refused "show: no id" 2 "show needs a content ID" content show
refused "show: two ids" 2 "show: unexpected argument" content show 1 2
ch --db "$DB" content list
expect "list: the board's stages" 0 "" "First story"
if printf '%s\n' "$OUT" | grep -q "By the creator"; then ok "list: every item on the board"; else not_ok "list: every item on the board" "$OUT"; fi
refused "list --stage bogus" 2 "--stage 'bogus': use inbox, editing, ready, shared, rejected or archived" content list --stage bogus
ch --db "$DB" content list --stage shared --format tsv
expect "list: an empty stage is exit 1" 1
equals "list: an empty stage prints only the header" "$OUT" "$(printf 'id\tstage\tcreator\tpillar\ttitle')"
refused "content: no action" 2 "which action?" content
refused "content: an unknown action" 2 "unknown action 'publish'" content publish 1
refused "content: an unknown option" 2 "unknown option --force" content take 3 --force

# --- comment, edit, pillar, campaign -------------------------------------------------------------------
ch --db "$DB" --as pub content comment 1 "Can I share this on Friday?"
expect "comment: anyone may" 0 "" "1 ready"
equals "comment: stored by pub, with an event" \
	"$(sql "$DB" "select person_id, body from comments order by id desc limit 1")|$(sql "$DB" "select action from events order by id desc limit 1")" \
	"$(id_of pub)|Can I share this on Friday?|comment"
ch --db "$DB" content show 1
expect "show: the comment" 0 "" "comment by pub at"
refused "comment: no text" 2 "comment needs one more argument" content comment 1
refused "comment: empty text" 2 "comment is empty" content comment 1 ""
refused "comment: on nothing" 1 "no such content: 999" content comment 999 "hello?"

ch --db "$DB" content edit 3 --title "From stdin, edited" --body "New body"
expect "edit --title --body" 0 "" "3 inbox"
equals "edit: both changed, version up" "$(sql "$DB" "select title, body, version from content where id = 3")" "From stdin, edited|New body|$(($(sql "$DB" "select count(*) from events where entity='content' and entity_id=3 and action in ('take','back','edit')") + 1))"
refused "edit: a stale --version" 3 "was changed by" content edit 3 --title "Lost" --version 1
refused "edit: a bad title" 2 "title contains a control character" content edit 3 --title "$(printf 'a\tb')"
ch --db "$DB" --as cre content edit 5 --body "The creator fixes a typo"
expect "edit: a creator may edit their own inbox item" 0
refused "edit: a creator may not edit someone else's" 1 "editing content needs the editor role" --as cre content edit 3 --body mine
ch --db "$DB" content pillar 3 CRAFT
expect "pillar: set by name, any case" 0
equals "pillar set" "$(sql "$DB" "select p.name from content c join pillars p on p.id = c.pillar_id where c.id = 3")" Craft
refused "pillar: unknown" 2 "no such pillar: Gossip" content pillar 3 Gossip
ch --db "$DB" content pillar 3 ""
expect "pillar: '' clears" 0
equals "pillar cleared" "$(sql "$DB" "select coalesce(pillar_id, 'none') from content where id = 3")" none
ch --db "$DB" content campaign 3 spring
expect "campaign: set by name" 0
refused "campaign: unknown" 2 "no such campaign: Winter" content campaign 3 Winter
refused "campaign: no name" 2 "campaign needs one more argument" content campaign 3

# --- the log of it all ----------------------------------------------------------------------------------
equals "every content move is an event" \
	"$(sql "$DB" "select count(*) from events where entity = 'content' and action in ('take','approve','reject','back','archive','restore')")" \
	"$(sql "$DB" "select count(*) from events where entity = 'content' and json_extract(detail, '$.to') is not null")"
equals "the version of item 1 counts its changes" "$(version 1)" \
	"$((1 + $(sql "$DB" "select count(*) from events where entity = 'content' and entity_id = 1 and action in ('take','approve','back','edit','pillar','campaign')")))"

finish
