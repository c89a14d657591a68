# undo.sh — chorus undo: one's own last change taken back through the audit
# log (--as LOGIN's with --as), --dry-run changing nothing, refused (exit 3,
# nothing written) when someone else changed the item since, twice walking
# back, nothing left (exit 1); a share undone; content restore of a rejected
# item, and its undo.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db
pipeline_fixture "Undo BV"

ch --db "$DB" --as ed content take 1
expect "ed takes #1" 0
refused "undo --dry-run says what, writes nothing" 0 "" --as ed undo --dry-run
equals "undo --dry-run: the change named" "$OUT" "would undo: moved #1 to editing"
ch --db "$DB" --as ed undo
expect "undo: ed's take" 0 "" "undid: moved #1 to editing"
equals "undo: #1 back in the inbox, unassigned" "$(stage 1) $(sql "$DB" "select editor_id is null from content where id = 1")" "inbox 1"
equals "undo: an undo event naming the take, by ed" \
	"$(sql "$DB" "select json_extract(u.detail, '$.undoes[0]') = t.id, u.on_behalf_id = $(id_of ed) from events u, events t
		      where u.action = 'undo' and t.action = 'take' and t.entity_id = 1 and u.entity_id = 1")" "1|1"
refused "undo again: nothing left" 1 "nothing to undo: ed has no change left" --as ed undo

# Someone else changed it since: refused, nothing written.
ch --db "$DB" --as ed content take 2
ch --db "$DB" content pillar 2 Craft
expect "the master sets #2's pillar after ed took it" 0
refused "undo after another's change: exit 3" 3 "cannot undo: $ME changed #2 since (pillar" --as ed undo
equals "refused: #2 still in editing with its pillar" \
	"$(stage 2) $(sql "$DB" "select p.name from content c join pillars p on p.id = c.pillar_id where c.id = 2")" "editing Craft"

# Twice walks back: the pillar, then the take (the master's change came first).
ch --db "$DB" undo
expect "the master undoes their pillar" 0 "" "undid: set the pillar of #2 to Craft"
ch --db "$DB" --as ed undo
expect "now ed's take of #2 undoes" 0 "" "undid: moved #2 to editing"
equals "#2 back in the inbox" "$(stage 2)" inbox

# A rejection, restored (back to the inbox, audited), and the restore undone.
ch --db "$DB" --as ed content reject 3 --reason "Off-topic"
ch --db "$DB" --as ed content restore 3
expect "an editor restores a rejected item" 0 "" "3 inbox"
equals "restore: logged from rejected" \
	"$(sql "$DB" "select json_extract(detail, '$.from') from events where action = 'restore' and entity_id = 3")" rejected
ch --db "$DB" --as ed undo
expect "undo the restore" 0 "" "undid: moved #3 to inbox"
ch --db "$DB" --as ed undo
expect "undo the rejection" 0 "" "undid: rejected #3"
equals "#3 in the inbox, no reason left" "$(stage 3) $(sql "$DB" "select reject_reason is null from content where id = 3")" "inbox 1"

# A share undone: the share is gone, the content ready again.
ch --db "$DB" content take 4
ch --db "$DB" message add 4 --platform linkedin --text "Look at these photos"
ch --db "$DB" content approve 4
ch --db "$DB" --as pub shares log 1
ch --db "$DB" --as pub undo
expect "pub undoes their share" 0 "" "undid: logged share 1 of #4"
equals "the share is gone, #4 ready" "$(sql "$DB" "select count(*) from shares") $(stage 4)" "0 ready"

refused "undo: an argument" 2 "unexpected argument" undo 4
finish
