# messages.sh — chorus message add|list|edit|delete: per platform, in variants, at most the
# platform's length in characters; every bad input (unknown platform, missing
# --platform or --text, a bad content id, control characters, a publisher
# writing) leaves the database unchanged.  And what the policy does to
# approval: a warning does not stop it, a blocking rule that is too expensive
# to evaluate does.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db


pipeline_fixture "Pipeline BV"

ch --db "$DB" content take 1
expect "take item 1 to write messages for it" 0

refused "message add: longer than the platform allows" 2 "the message is 26 characters; x allows 10" \
	message add 1 --platform x --text "twenty-six characters long"
ch --db "$DB" message add 1 --platform x --text "ünïcödé ✓✓"
expect "message add: 10 characters (not bytes) fit in 10" 0
refused "message add: an unknown platform" 2 "no such platform: myspace" message add 1 --platform myspace --text hi
refused "message add: no --text" 2 "message add needs --platform and --text" message add 1 --platform linkedin
refused "message add: no --platform" 2 "message add needs --platform and --text" message add 1 --text hi
refused "message add: a content id that is not a number" 2 "'abc' is not a content id" message add abc --platform x --text hi
refused "message add: content that does not exist" 1 "no such content: 999" message add 999 --platform x --text hi
refused "message add: a publisher cannot" 1 "writing messages needs the editor role" --as pub message add 1 --platform x --text hi
refused "message add: text with a control character" 2 "message text contains a control character" \
	message add 1 --platform linkedin --text "$(printf 'bell\007')"
refused "message add: an unknown option" 2 "unknown option --lang" message add 1 --platform x --text hi --lang nl
refused "message: no subcommand" 2 "which: add, list, edit or delete?" message
refused "message: an unknown subcommand" 2 "which: add, list, edit or delete?" message remove 1
ch --db "$DB" message list 1 --format tsv
expect "message list: id, platform, variant, text" 0 "" "x	1	ünïcödé ✓✓"
ch --db "$DB" message add 1 --platform x --text "second"
expect "message add: a second variant for a platform" 0
ch --db "$DB" message list 1 --format tsv
expect "message list: variant 2" 0 "" "x	2	second"
ch --db "$DB" message list 3
expect "message list: none is exit 1" 1
refused "message list: not an id" 2 "'abc' is not a content id" message list abc
refused "message list: no id" 2 "one CONTENT-ID, please" message list

# edit and delete: the item's message for a platform (--variant when several).
refused "message edit: x has two variants: say which" 1 "content 1 has 2 messages for x (variants 1, 2): say which with --variant" \
	message edit 1 --platform x --text "hi"
refused "message edit: an unknown platform is bad input" 2 "no such platform: myspace" \
	message edit 1 --platform myspace --text hi
refused "message edit: unknown content" 1 "no such content: 999" message edit 999 --platform x --text hi
refused "message edit: a platform the item has no message for" 1 "content 2 has no message for x" \
	message edit 2 --platform x --text hi
refused "message edit: a variant it does not have" 1 "content 1 has no x message variant 7 (it has 1, 2)" \
	message edit 1 --platform x --variant 7 --text hi
refused "message edit: no text" 2 "message edit needs --platform and one of --text or --text-file" \
	message edit 1 --platform x --variant 1
refused "message edit: both --text and --text-file" 2 "one of --text or --text-file" \
	message edit 1 --platform x --variant 1 --text a --text-file /dev/null
refused "message edit: too long for the platform" 2 "the message is 26 characters; x allows 10" \
	message edit 1 --platform x --variant 2 --text "twenty-six characters long"
refused "message edit: a missing file" 2 "/nonexistent/m.txt" \
	message edit 1 --platform x --variant 2 --text-file /nonexistent/m.txt
refused "message edit: a publisher cannot" 1 "editing messages needs the editor role" \
	--as pub message edit 1 --platform x --variant 2 --text hi
M2=$(sql "$DB" "select id from messages where content_id = 1 and variant = 2")
ch --db "$DB" message edit 1 --platform x --variant 2 --text "edited"
expect "message edit: variant 2 gets new text; prints its id" 0 "" "$M2"
equals "message edit: the text is stored" "$(sql "$DB" "select text from messages where id = $M2")" "edited"
equals "message edit: audited" "$(sql "$DB" "select action from events where entity = 'message' and entity_id = $M2 order by id desc limit 1")" "edit"
printf 'from file\n' >"$T_DIR/m.txt"
ch --db "$DB" message edit 1 --platform x --variant 2 --text-file "$T_DIR/m.txt"
expect "message edit --text-file: the file's text" 0
equals "message edit --text-file: stored without the final newline" "$(sql "$DB" "select text from messages where id = $M2")" "from file"
printf 'nul\000byte' >"$T_DIR/nul.txt"
refused "message edit --text-file: a NUL byte is refused" 2 "contains a NUL byte" \
	message edit 1 --platform x --variant 2 --text-file "$T_DIR/nul.txt"
refused "message delete: an unknown platform" 2 "no such platform: myspace" message delete 1 --platform myspace
refused "message delete: unknown content" 1 "no such content: 999" message delete 999 --platform x
refused "message delete: with text" 2 "message delete needs --platform" message delete 1 --platform x --variant 2 --text hi
refused "message delete: two variants, none said" 1 "say which with --variant" message delete 1 --platform x
ch --db "$DB" message delete 1 --platform x --variant 2
expect "message delete: variant 2" 0 "" "$M2"
equals "message delete: gone" "$(sql "$DB" "select count(*) from messages where id = $M2")" "0"
equals "message delete: audited" "$(sql "$DB" "select action from events where entity = 'message' and entity_id = $M2 order by id desc limit 1")" "delete"
ch --db "$DB" message edit 1 --platform x --text "one left"
expect "message edit: one variant left needs no --variant" 0

# The approval rule: every message must pass; a blocked one is fixed or
# deleted, and then the item is approved (it never dead-ends).
sql "$DB" "insert into policy_rules(name, pattern, severity, guidance) values('secret', 'secret', 'block', 'Keep secrets in')"
"$CHORUS" --db "$DB" content take 4 >/dev/null
"$CHORUS" --db "$DB" message add 4 --platform linkedin --text "All good here" >/dev/null
"$CHORUS" --db "$DB" message add 4 --platform x --text "top secret" >/dev/null
refused "approve: one message blocked refuses, naming it and the fix" 1 \
	'(x, variant 1) breaks the rule "secret": Keep secrets in -- every message must pass: edit it' \
	content approve 4
expect "approve refused: it says how to delete it too" 1 "chorus message delete 4 --platform x --variant 1"
ch --db "$DB" message edit 4 --platform x --text "all public"
expect "the blocked message is fixed" 0
ch --db "$DB" content approve 4
expect "approve: after the fix it is approved" 0 "" "4 ready"
refused "message edit: a ready item takes no blocked text" 1 \
	"content 4 is ready: every message of it must pass the fair-use policy, and this text breaks the rule \"secret\"" \
	message edit 4 --platform x --text "secret"
refused "message add: nor a blocked new variant" 1 "content 4 is ready: every message of it must pass" \
	message add 4 --platform x --text "secret"
"$CHORUS" --db "$DB" --as cre submit --title "Another" >/dev/null
"$CHORUS" --db "$DB" content take 6 >/dev/null
"$CHORUS" --db "$DB" message add 6 --platform linkedin --text "fine" >/dev/null
"$CHORUS" --db "$DB" message add 6 --platform x --text "top secret" >/dev/null
refused "approve: blocked again on item 6" 1 "approval refused" content approve 6
ch --db "$DB" message delete 6 --platform x
expect "the blocked message is deleted" 0
ch --db "$DB" content approve 6
expect "approve: after deleting the blocked one it is approved" 0 "" "6 ready"

# A warning explains; it does not stop approval.
sql "$DB" "insert into policy_rules(name, pattern, severity, guidance) values('money', 'euro', 'warn', 'Say amounts carefully')"
"$CHORUS" --db "$DB" content take 3 >/dev/null
ch --db "$DB" message add 3 --platform linkedin --text "Only five euro"
expect "message add: text a warning matches" 0
ch --db "$DB" content approve 3
expect "approve: a warning does not block" 0 "" "3 ready"

# A blocking rule that is too expensive to decide does not let a message through.
sql "$DB" "insert into policy_rules(name, pattern, severity, guidance) values('slow', '(a+)+\$', 'block', 'x')"
"$CHORUS" --db "$DB" content take 2 >/dev/null
ch --db "$DB" message add 2 --platform linkedin --text "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"
expect "message add: text a pathological rule chokes on" 0
refused "approve: a blocking rule too expensive to evaluate refuses" 1 'the blocking rule "slow" is too expensive to evaluate' \
	content approve 2
equals "approve refused: item 2 still editing" "$(stage 2)" editing

# Put away or turned down: no new messages until it is restored.
"$CHORUS" --db "$DB" content archive 2 >/dev/null
refused "message add: archived content is refused" 1 "content 2 is archived: restore it" \
	message add 2 --platform linkedin --text "Too late"
"$CHORUS" --db "$DB" content restore 2 >/dev/null
ch --db "$DB" message add 2 --platform linkedin --text "Back again"
expect "message add: restored content takes messages again" 0

finish
