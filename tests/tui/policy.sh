#!/bin/sh
# policy.sh — the fair-use policy on the board: a card whose message a blocking
# rule flags shows the flag, and L (approve) is refused with the rule's
# guidance, in the core, changing nothing; once the message is fixed, L works.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
sql "$DB" "insert into platforms(key, name, max_length) values('linkedin', 'LinkedIn', 3000)"
sql "$DB" "insert into policy_rules(name, pattern, severity, guidance) values('codename', '(?i)project kolibrie', 'block', 'Never name confidential projects.')"
id=$(submit "Secret plans")
"$CHORUS" --db "$DB" content take "$id" >/dev/null 2>&1
mid=$("$CHORUS" --db "$DB" message add "$id" --platform linkedin --text "Our Project Kolibrie launches soon" 2>/dev/null)
check "setup: a message the blocking rule flags" [ -n "$mid" ]

tui_start
expect_screen "the board shows the card in Editing" "Editing 1"
# The card's second line (age, creator @editor) ends in the blocking flag X.
if wait_for "@root" && screen | grep "@root" | grep -qE "@root +X"; then ok "the card shows the blocking flag"
else not_ok "the card shows the blocking flag" "$(screen | grep -A1 'Secret plans')"; fi
keys l
sleep 0.2
before=$(db_digest "$DB")
keys L
expect_screen "approval is refused with the rule's guidance" "Never name confidential projects"
after=$(db_digest "$DB")
check "the refused approval changed nothing" [ "$before" = "$after" ]
check "the card is still in editing" [ "$(sql "$DB" "select stage from content where id = $id")" = editing ]
# The detail view lists the match under the message, with the rule's guidance.
keys Enter
expect_screen "the detail view shows the blocking match and its guidance" 'block: codename at 1:5 "Project Kolibrie" — Never name confidential projects.'
quit_clean "q quits after the refusal"

# Fixed text: the same key approves.
sql "$DB" "update messages set text = 'Come and see what we built', version = version + 1 where id = $mid"
tui_start
expect_screen "the board opens again" "Editing 1"
keys l
sleep 0.2
keys L
if wait_sql "select stage from content where id = $id" ready; then ok "with a clean message L approves"
else not_ok "with a clean message L approves" "stage: $(sql "$DB" "select stage from content where id = $id")" "$(screen | tail -3)"; fi
quit_clean "q quits after the approval"
finish
