#!/bin/sh
# messages.sh — m opens an item's messages from the Board, the Inbox and the
# detail view: each platform variant with its length against the limit and
# its policy verdict, the approval rule's answer, and the selected text in
# the policy box.  n adds a variant (platform by Tab completion, text in
# $EDITOR), e edits it in $EDITOR, i edits it inline with the verdict live,
# d deletes it after a y; every write is checked and audited by the core.
# An item whose blocked message is fixed (or deleted) is then approved with
# L; y sets the message type.  Screen and database are checked each time.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
sql "$DB" "insert into platforms(key, name, max_length, position) values('linkedin', 'LinkedIn', 3000, 1), ('x', 'X', 20, 2);
	   insert into policy_rules(name, pattern, severity, guidance) values('secret', 'secret', 'block', 'Keep secrets in'),
		('hype', 'amazing', 'warn', 'Show, do not tell');
	   insert into message_types(name, position) values('News', 1), ('Vacancy', 2);"
submit "Story Alpha" >/dev/null
submit "Story Bravo" >/dev/null
submit "Story Charlie" >/dev/null
"$CHORUS" --db "$DB" content take 1 >/dev/null
"$CHORUS" --db "$DB" content take 2 >/dev/null
"$CHORUS" --db "$DB" message add 1 --platform linkedin --text "All public news" >/dev/null
"$CHORUS" --db "$DB" message add 1 --platform x --text "top secret plan" >/dev/null
"$CHORUS" --db "$DB" message add 2 --platform linkedin --text "Fine words" >/dev/null
"$CHORUS" --db "$DB" message add 2 --platform x --text "a secret" >/dev/null
# The scripted editor writes what next.txt holds (and keeps what it was given).
cat >"$T_DIR/ed.sh" <<ED
#!/bin/sh
cp "\$1" "$T_DIR/given.txt"
cat "$T_DIR/next.txt" >"\$1"
ED
chmod +x "$T_DIR/ed.sh"
mkdir -p "$T_DIR/tmp"
msg() { sql "$DB" "select text from messages m join platforms p on p.id = m.platform_id where content_id = $1 and p.key = '$2' order by variant limit 1"; }
events() { sql "$DB" "select count(*) from events where entity = 'message' and action = '$1'"; }

tui_start "EDITOR=$T_DIR/ed.sh" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts" "Story Alpha"
keys l
# The blocked message stops approval: L says which one and how to fix it.
keys L
expect_screen "L on an item with a blocked message is refused, naming it" "approval refused: message 2 (x, variant 1)"
equals "the refused approval changed nothing" "$(stage 1)" editing

keys m
expect_screen "m on a Board card opens its messages" "Messages of #1 Story Alpha"
expect_screen "the top bar says where we are" "> Messages"
expect_screen "each variant with its length against the limit" "15/20"
expect_screen "the blocked one says why" 'BLOCKED: breaks the rule "secret"'
expect_screen "the approval rule's answer is shown" "approval refused: message 2 (x, variant 1)"
expect_screen "the first message's verdict in the policy box" "no rule matches this text"
keys j
expect_screen "j selects the x message: the box shows its verdict" "worst: block (a message like this cannot be approved)"
expect_screen "the box shows the platform's limit" "15 of 20 characters"

# e: the text in $EDITOR; a text too long for x is refused and kept.
printf 'this one is far too long for x\n' >"$T_DIR/next.txt"
keys e
expect_screen "a text too long for the platform is refused" "nothing saved: the message is 30 characters; x allows 20"
equals "the refused edit changed nothing" "$(msg 1 x)" "top secret plan"
printf 'a public plan\n' >"$T_DIR/next.txt"
keys e
if wait_sql "select text from messages where id = 2" "a public plan"; then ok "e saves the edited text"
else not_ok "e saves the edited text" "$(msg 1 x)"; fi
check "e on it again started from the kept text" grep -q "far too long" "$T_DIR/given.txt"
equals "the edit is audited" "$(events edit)" 1
expect_screen "the status line gives the new verdict" "saved x variant 1: it passes the fair-use policy"
expect_screen "the approval rule now passes" "approval: every message passes the fair-use policy"
keys Escape
wait_gone "Messages of #1"
expect_screen "Esc goes back to the board" "Story Alpha"
# The approval of an item whose blocked message was fixed.
keys L
if wait_sql "select stage from content where id = 1" ready; then ok "L approves the item once its blocked message is fixed"
else not_ok "L approves the item once its blocked message is fixed" "stage: $(stage 1)"; fi

# From the detail view: d deletes the blocked variant after a y, then L approves.
keys h Enter
expect_screen "h, Enter opens Story Bravo's detail" "#2  editing"
keys m
expect_screen "m in the detail view opens the messages" "Messages of #2 Story Bravo"
keys j d
expect_screen "d asks first" "Delete the x message, variant 1?"
keys n Enter
expect_screen "anything but y deletes nothing" "nothing changed"
equals "the message is still there" "$(sql "$DB" "select count(*) from messages where content_id = 2")" 2
keys d
expect_screen "d asks again" "Delete the x message, variant 1?"
keys y Enter
if wait_sql "select count(*) from messages where content_id = 2" 1; then ok "y deletes the message"
else not_ok "y deletes the message"; fi
equals "the delete is audited" "$(events delete)" 1
expect_screen "after the delete the item can be approved" "message deleted: the item can be approved now"
keys Escape
expect_screen "Esc goes back to the detail view" "> Detail"
keys L
if wait_sql "select stage from content where id = 2" ready; then ok "L in the detail view approves it"
else not_ok "L in the detail view approves it" "stage: $(stage 2)"; fi
keys Escape
wait_gone "> Detail"

# From the Inbox: n adds a variant, the platform asked with Tab completion.
keys 2
expect_screen "the inbox" "Story Charlie"
keys m
expect_screen "m in the Inbox opens the messages" "Messages of #3 Story Charlie"
expect_screen "no messages yet" "no messages yet: n writes one"
printf 'Come and see\n' >"$T_DIR/next.txt"
keys n
expect_screen "n asks the platform, listing them with their limits" "linkedin (3000), x (20)"
keys l i Tab Enter
if wait_sql "select count(*) from messages where content_id = 3" 1; then ok "n adds a message"
else not_ok "n adds a message"; fi
equals "Tab completed the platform: linkedin" "$(msg 3 linkedin)" "Come and see"
equals "the add is audited" "$(sql "$DB" "select count(*) from events where entity = 'message' and action = 'message' and json_extract(detail, '$.content') = 3")" 1
expect_screen "the new message is listed" "Come and see"
printf 'far too long for the x platform\n' >"$T_DIR/next.txt"
keys n
keys x Enter
expect_screen "n with a text too long is refused" "x allows 20"
equals "nothing was added" "$(sql "$DB" "select count(*) from messages where content_id = 3")" 1
keys n
expect_screen "n asks again" "New message for which platform?"
keys m y s p a c e Enter
expect_screen "an unknown platform is refused in the prompt" "no such platform: myspace"
keys Escape

# i: inline, the verdict and the length follow the typing; C-s saves.
keys i
expect_screen "i edits inline" "the verdict follows your typing"
keys End
keys -l " amazing"
expect_screen "the warning shows while typing" "worst: warn"
expect_screen "the length follows the typing" "20 of 3000 characters"
keys C-d
if wait_sql "select text from messages where content_id = 3" "Come and see amazing"; then ok "C-d saves the inline edit"
else not_ok "C-d saves the inline edit" "$(msg 3 linkedin)"; fi
equals "the inline edit is audited" "$(events edit)" 2
keys Escape
wait_gone "Messages of #3"

# y sets the message type on the Board, asked with Tab completion.
keys 1
expect_screen "back on the board" "Story Alpha"
# The cursor is in the empty Editing column: l goes to Ready (Alpha first).
keys l y
expect_screen "y asks the type, listing the strategy's" "Message type [News, Vacancy]"
keys C-u V a Tab Enter
if wait_sql "select t.name from content c join message_types t on t.id = c.message_type_id where c.id = 1" Vacancy
then ok "y sets the message type"; else not_ok "y sets the message type"; fi
equals "the type is audited" "$(sql "$DB" "select count(*) from events where entity = 'content' and entity_id = 1 and action = 'message_type'")" 1
keys Enter
expect_screen "the detail view shows the type" "message type Vacancy"
quit_clean "q quits cleanly"

finish
