#!/bin/sh
# keys.sh — keys from the config file: keys: { board: { take: T } } moves the
# board's take from a to T (a does nothing there now), inbox accept to y and
# help to F1; the ? overlay (now on F1) and the hint line show the keys as
# they are.  (Refusals of a bad keys: are in tests/cli/keys.sh.)
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
submit "Keyed story" >/dev/null     # id 1
submit "Inbox story" >/dev/null     # id 2
mkdir -p "$XDG_CONFIG_HOME/chorus"
cat >"$XDG_CONFIG_HOME/chorus/config.yaml" <<'CFG'
keys:
  board:
    take: T
  inbox: { accept: "y" }
  global:
    help: F1
CFG

tui_start
expect_screen "the board starts" "Keyed story"
expect_screen "the hint line shows the moved help key" "F1 help"
keys F1
expect_screen "F1 opens the help" "Keys: Board"
if screen | grep -qE '^ *. *T +take it: into Editing'; then ok "the help shows take on T"
else not_ok "the help shows take on T" "$(screen | grep -F 'take it')"; fi
if screen | grep -qE '^ *. *F1 +this help'; then ok "the help shows help on F1"
else not_ok "the help shows help on F1" "$(screen | grep -F 'this help')"; fi
keys Escape
wait_gone "Keys: Board"
keys '?'
expect_screen "? no longer opens the help" "no action on that key here"
keys a
expect_screen "a no longer takes on the board" "no action on that key here"
check "a changed nothing" [ "$(sql "$DB" 'SELECT stage FROM content WHERE id=1')" = inbox ]
keys T
if wait_sql "SELECT stage FROM content WHERE id=1" editing; then ok "T takes the card"
else not_ok "T takes the card" "$(sql "$DB" 'SELECT id, stage FROM content')" "$(screen | tail -1)"; fi
keys 2
expect_screen "the inbox shows the other story" "Inbox story"
keys y
if wait_sql "SELECT stage FROM content WHERE id=2" editing; then ok "y accepts in the inbox"
else not_ok "y accepts in the inbox" "$(sql "$DB" 'SELECT id, stage FROM content')" "$(screen | tail -1)"; fi
quit_clean "q quits cleanly"

# The forms read their keys from the "form" table: save moved to F2,
# next-field to C-n and cancel to F3; Enter and Tab then do nothing there,
# and F3, not Esc, closes the Strategy panel's policy test box.
cat >"$XDG_CONFIG_HOME/chorus/config.yaml" <<'CFG'
keys:
  form: { save: F2, next-field: C-n, cancel: F3 }
CFG
tui_start
expect_screen "the board starts (form keys moved)" "Inbox"
keys 6
expect_screen "the Campaigns panel" "Campaigns"
keys n
expect_screen "n opens the campaign form" "New campaign"
keys -l "Keyed campaign"
keys Enter
sleep 0.3
expect_screen "Enter no longer saves: the form stays" "New campaign"
check "nothing was saved on Enter" [ "$(sql "$DB" "select count(*) from campaigns where name = 'Keyed campaign'")" = 0 ]
keys C-n
expect_screen "C-n goes to the next field (the goal)" "goals: "
keys F2
if wait_sql "select count(*) from campaigns where name = 'Keyed campaign'" 1; then ok "F2 saves the form"
else not_ok "F2 saves the form" "$(screen | tail -3)"; fi
keys 5
expect_screen "the Strategy panel" "Strategy"
keys t
expect_screen "t opens the policy test box" "Policy test:"
keys Escape
sleep 0.3
expect_screen "Esc no longer closes the test box" "Policy test:"
keys F3
wait_gone "Policy test:"
if screen | grep -q "Policy test:"; then not_ok "F3 closes the test box"; else ok "F3 closes the test box"; fi
quit_clean "q quits cleanly (form keys moved)"

# The ? overlay scrolls: at 80x24 the board's keys and the global ones do
# not fit, and j/PgDn bring the last of them (q) into view.  Without the
# config file's keys, ? is help again.
rm "$XDG_CONFIG_HOME/chorus/config.yaml"
tui_start
tm resize-window -t t -x 80 -y 24
expect_screen "the board at 80x24" "Inbox"
keys '?'
expect_screen "? opens the help" "Keys: Board"
expect_screen "it says which of its lines show" " of "
check "the last global key is not in view yet" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -q "back out; quit from the top"' sh "$TM_SOCK"
keys PgDn j j j j
expect_screen "PgDn and j scroll it to the global keys" "back out; quit from the top"
expect_screen "the help is still open" "Keys: Board"
keys b
expect_screen "b scrolls it back" "Keys: Board"
keys x
wait_gone "Keys: Board" && ok "any other key closes it" || not_ok "any other key closes it" "$(screen)"

# The same keys in every panel: r reloads in People too (its roles are on R).
keys 7
expect_screen "the people panel" "People"
keys r
expect_screen "r reloads the people" "reloaded from the database"
quit_clean "q quits cleanly at 80x24"
finish
