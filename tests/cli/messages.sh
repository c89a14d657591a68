# messages.sh — chorus message add|list: per platform, in variants, at most the
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
refused "message: no subcommand" 2 "which: add or list?" message
refused "message: an unknown subcommand" 2 "which: add or list?" message delete 1
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
