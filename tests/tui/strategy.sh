#!/bin/sh
# strategy.sh — panel 5, the strategy outline: sections with their counts and
# key fields; a pillar added through the form is a row and an event; deleting
# a pillar that content uses is refused with the core's reason and changes
# nothing; K/J reorder; the test box highlights matches as you type and lists
# the rule; an invalid pattern in the rule form shows PCRE2's offset and saves
# nothing; a name differing only in case, a colour outside the vocabulary and
# a share URL without http(s):// are refused by the form with the core's
# words; a conflict keeps the user's values; export is the CLI's bytes and
# import shows file:line:col; a publisher cannot change anything.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
cat >"$T_DIR/s.yaml" <<'EOF'
organisation: "Test BV"
goals:
  - title: "Recruit through our own people"
    audiences: ["Students"]
    kpi:
      metric: "clicks"
      target: 1500
      period: "2026-Q4"
  - title: "Be known for good work"
    audiences: ["Students", "Clients"]
    kpi:
      metric: "reach"
      target: 30000
      period: "2026"
audiences:
  - name: "Students"
    information_need: "What is the work like?"
    platforms: ["linkedin"]
  - name: "Clients"
    platforms: ["linkedin", "bluesky"]
pillars:
  - name: "Craft"
    colour: "blue"
  - name: "Our people"
    colour: "#e9c46a"
  - name: "Projects"
platforms:
  - key: "linkedin"
    name: "LinkedIn"
    max_length: 3000
    emv:
      cpm: 30
      cpc: 5.25
  - key: "bluesky"
    name: "Bluesky"
    max_length: 300
message_types:
  - name: "News"
    description: "Something happened."
policy:
  - name: "Confidential tenders"
    pattern: '(?i)\b(?:bid|tender)\s+orca\b'
    severity: block
    guidance: "Orca is confidential until the client announces it."
  - name: "Brochure words"
    pattern: '(?i)\bworld-class\b'
    severity: warn
    guidance: "Say it in your own words."
EOF
"$CHORUS" --db "$DB" strategy import "$T_DIR/s.yaml" >/dev/null 2>&1 || { echo "Bail out! strategy import failed"; exit 1; }
"$CHORUS" --db "$DB" submit --title "A story" --body "Body." --pillar "Our people" >/dev/null 2>&1

tui_start
expect_screen "the board starts" "Inbox 1"
keys 5
expect_screen "5 opens the strategy of the organisation" "Strategy of Test BV"
expect_screen "goals with their count" "Goals (2)"
expect_screen "audiences with their count" "Audiences (2)"
expect_screen "pillars with their count" "Pillars (3)"
expect_screen "platforms with their count" "Platforms (2)"
expect_screen "message types with their count" "Message types (1)"
expect_screen "policy rules with their count" "Policy rules (2)"
expect_screen "a goal shows its KPI" "clicks 1500 / 2026-Q4"
expect_screen "an audience shows its platforms" "linkedin, bluesky"
expect_screen "a platform shows its length and rates" "cpc 5.25"
expect_screen "a rule shows severity and pattern" '(?i)\b(?:bid|tender)\s+orca\b'

keys '?'
expect_screen "? lists the strategy panel's keys" "test a text against the policy rules"
keys Escape
wait_gone "test a text against the policy rules"

# Enter on a section header folds it.
keys Enter
expect_screen "Enter folds the section under the cursor" "folded: Enter shows"
if screen | grep -qF "Recruit through our own people"; then not_ok "a folded section hides its items"
else ok "a folded section hides its items"; fi
keys Enter
expect_screen "Enter unfolds it again" "Recruit through our own people"

# Add a pillar: ] ] goes to the Pillars section, a opens the form there.
ev0=$(sql "$DB" "SELECT count(*) FROM events WHERE entity='pillar' AND action='add'")
keys ']' ']' a
expect_screen "a opens the form for a new pillar" "New pillar"
keys 'Harbour life' Tab 'teal'
keys Enter
if wait_sql "SELECT count(*) FROM pillars WHERE name='Harbour life' AND colour='teal'" 1; then
	ok "the form adds the pillar"
else not_ok "the form adds the pillar" "$(sql "$DB" 'SELECT id, name, colour FROM pillars')"; fi
ev1=$(sql "$DB" "SELECT count(*) FROM events WHERE entity='pillar' AND action='add'")
check "adding the pillar wrote an event" [ "$ev1" -eq $((ev0 + 1)) ]
expect_screen "the count follows" "Pillars (4)"
expect_screen "the status line says what was added" 'added pillar "Harbour life"'

# The form checks with the core's schema: a name that differs only in case,
# a colour outside the vocabulary; Enter names the field and saves nothing.
n0=$(sql "$DB" "SELECT count(*) FROM pillars")
keys a
expect_screen "a opens another pillar form" "New pillar"
keys 'craft'
expect_screen "a name that differs only in case is refused as you type" 'a pillar named "Craft" exists already'
keys Tab 'banana'
expect_screen "a colour outside the vocabulary is refused as you type" 'unknown colour "banana"'
keys Enter
expect_screen "Enter names the first wrong field" 'not saved: Name: a pillar named "Craft" exists already'
keys C-u 'Craft 2' Enter
expect_screen "with the name fixed Enter names the colour" 'not saved: Colour: unknown colour "banana"'
keys Escape
wait_gone "New pillar"
check "the refused pillars were not saved" [ "$(sql "$DB" "SELECT count(*) FROM pillars")" = "$n0" ]

# Delete "Our people", which content uses: refused with the core's reason.
keys '[' j j
before=$(db_digest "$DB")
keys d
expect_screen "d asks first" 'Delete pillar 2 "Our people"? (y/N)'
keys y Enter
expect_screen "deleting a used pillar shows the core's reason" "pillar 2 is still used by 1 content item;"
after=$(db_digest "$DB")
check "the refused delete changes nothing" [ "$before" = "$after" ]

# Delete an unused one after y: Harbour life, two down.
keys j j d
expect_screen "d asks about the unused pillar" 'Delete pillar 4 "Harbour life"? (y/N)'
keys y Enter
if wait_sql "SELECT count(*) FROM pillars WHERE name='Harbour life'" 0; then ok "y deletes an unused pillar"
else not_ok "y deletes an unused pillar" "$(sql "$DB" 'SELECT id, name FROM pillars')"; fi

# Reorder: the cursor on "Our people" (second), K moves it first, J back.
keys '[' j j
expect_screen "the detail pane shows the pillar under the cursor" "Pillar         Our people"
keys K
if wait_sql "SELECT group_concat(name, ',') FROM (SELECT name FROM pillars ORDER BY position)" "Our people,Craft,Projects"; then
	ok "K moves the pillar up"
else not_ok "K moves the pillar up" "$(sql "$DB" 'SELECT name, position FROM pillars ORDER BY position')"; fi
keys J
if wait_sql "SELECT group_concat(name, ',') FROM (SELECT name FROM pillars ORDER BY position)" "Craft,Our people,Projects"; then
	ok "J moves it back down"
else not_ok "J moves it back down" "$(sql "$DB" 'SELECT name, position FROM pillars ORDER BY position')"; fi

# The test box: matches light up as the text is typed.
keys t
expect_screen "t opens the policy test box" "Policy test:"
keys 'Our bid Orca is world-class'
expect_screen "the test box lists the matching rule with its severity" 'Confidential tenders: "bid Orca" at 1:5'
expect_screen "and its guidance" "Orca is confidential until the client announces it."
expect_screen "the worst severity is named" "2 rules match; worst: block"
esc=$(printf '\033')
if tm capture-pane -e -p -t t | grep -qE "${esc}\[[0-9;]*7m(${esc}\[[0-9;]*m)*bid Orca"; then
	ok "the match is highlighted in the text"
else not_ok "the match is highlighted in the text" "$(tm capture-pane -e -p -t t | grep -a 'bid Orca' | head -2 | cat -v)"; fi
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
expect_screen "each keystroke re-checks the text" "1 rule matches; worst: block"
keys Escape
wait_gone "Policy test:"

# An invalid pattern: the form shows PCRE2's message and offset, saves nothing.
n0=$(sql "$DB" "SELECT count(*) FROM policy_rules")
keys a
expect_screen "a in the rules opens a rule form" "New policy rule"
keys 'Bad rule' Tab Tab '(abc'
expect_screen "an invalid pattern shows PCRE2's message and offset as you type" "invalid pattern at offset 4: missing closing parenthesis"
keys Enter
expect_screen "Enter refuses to save it" "not saved: Pattern: invalid pattern at offset 4"
keys Escape
wait_gone "New policy rule"
check "the invalid rule was not saved" [ "$(sql "$DB" "SELECT count(*) FROM policy_rules")" = "$n0" ]

# A number field is checked too.
keys '[' '[' a    # from the rules' header to the platforms'
expect_screen "a in the platforms opens a platform form" "New platform"
keys 'mastodon' Tab 'Mastodon' Tab '5OO'
expect_screen "a bad number is refused next to the field" "must be a whole number"
keys BSpace BSpace BSpace '500' Tab '2,5'
expect_screen "a bad rate is refused next to the field" "must be a number"
keys BSpace BSpace BSpace '2.5' Tab Tab Tab 'mastodon.social/share'
expect_screen "a share URL without http(s):// is refused next to the field" "must start with https:// or http://"
keys Enter
expect_screen "Enter names the URL field" "not saved: Share URL: must start with https:// or http://"
check "the platform with the bad URL was not saved" [ "$(sql "$DB" "SELECT count(*) FROM platforms WHERE key='mastodon'")" = 0 ]
keys C-u 'https://mastodon.social/share?text={text}' Enter
if wait_sql "SELECT max_length || ' ' || cpm || ' ' || share_url FROM platforms WHERE key='mastodon'" "500 2.5 https://mastodon.social/share?text={text}"; then ok "the platform is saved with its numbers"
else not_ok "the platform is saved with its numbers" "$(sql "$DB" 'SELECT key, max_length, cpm, share_url FROM platforms')"; fi

# A conflict: someone else saves the message type while the form is open.
keys ']' j e
expect_screen "e opens the message type's form" "message type 1"
sql "$DB" "UPDATE message_types SET description='Theirs.', version=version+1, updated_at=strftime('%s','now'),
	updated_by=(SELECT id FROM people WHERE login='pub') WHERE id=1"
keys Tab C-u 'Mine.' Enter
expect_screen "a conflict says who changed it" "was changed by pub"
expect_screen "their value is shown beside the user's" "theirs: Theirs."
check "the conflict saved nothing" [ "$(sql "$DB" "SELECT description FROM message_types WHERE id=1")" = "Theirs." ]
keys Enter
if wait_sql "SELECT description FROM message_types WHERE id=1" "Mine."; then ok "Enter again saves the user's value over theirs"
else not_ok "Enter again saves the user's value over theirs" "$(sql "$DB" 'SELECT * FROM message_types')"; fi

# Export gives the CLI's bytes; import shows where a file is wrong.
keys x
expect_screen "x asks for a file" "Export the strategy to YAML file:"
keys "$T_DIR/out.yaml" Enter
expect_screen "x exports" "exported the strategy to"
"$CHORUS" --db "$DB" strategy export >"$T_DIR/cli.yaml" 2>/dev/null
check "the export is the CLI's export, byte for byte" cmp -s "$T_DIR/out.yaml" "$T_DIR/cli.yaml"

sed 's/severity: block/severity: loud/' "$T_DIR/cli.yaml" >"$T_DIR/bad.yaml"
line=$(grep -n 'severity: loud' "$T_DIR/bad.yaml" | cut -d: -f1)
before=$(db_digest "$DB")
keys i
expect_screen "i asks for a file" "Import the strategy from YAML file:"
keys "$T_DIR/bad.yaml" Enter
expect_screen "a bad file shows file:line:col of its first problem" "bad.yaml:$line:15: policy[0].severity: expected info, warn or block"
after=$(db_digest "$DB")
check "a bad import changes nothing" [ "$before" = "$after" ]

awk '/^platforms:/ { print "  - name: \"Events\"" } { print }' "$T_DIR/cli.yaml" >"$T_DIR/more.yaml"
keys i "$T_DIR/more.yaml" Enter
expect_screen "import shows what would change and asks" "1 added, 0 changed, 0 removed. Apply? (y/N)"
keys y Enter
if wait_sql "SELECT count(*) FROM pillars WHERE name='Events'" 1; then ok "y imports the file"
else not_ok "y imports the file" "$(sql "$DB" 'SELECT name FROM pillars')"; fi
expect_screen "the outline shows the imported pillar" "Pillars (4)"

# A resize while the form is open keeps what was typed; the screen is laid
# out again when the form closes.
keys g ']' ']' a 'Resized'
expect_screen "the form is open before the resize" "New pillar"
tm resize-window -t t -x 90 -y 30
keys ' pillar' Enter
if wait_sql "SELECT count(*) FROM pillars WHERE name='Resized pillar'" 1; then ok "the form survives a resize"
else not_ok "the form survives a resize" "$(sql "$DB" 'SELECT name FROM pillars')"; fi
expect_screen "the outline is laid out for the new size" "Pillars (5)"
# The status bar sits on the second-last of the 30 rows only after a relayout.
if screen | sed -n 29p | grep -qF "refreshed"; then ok "the status bar moved to the new bottom"
else not_ok "the status bar moved to the new bottom" "$(screen | tail -3)"; fi
tm resize-window -t t -x 120 -y 40
quit_clean "q quits cleanly"

# A publisher reads the strategy but changes nothing.
before=$(db_digest "$DB")
tui_start -- --as pub
expect_screen "a publisher starts on the Queue" " Queue: "
keys 1
expect_screen "the board opens for a publisher" "Inbox 1"
keys 5
expect_screen "the publisher sees the strategy" "Strategy of Test BV"
expect_screen "and is told it is read only" "read only: a social master changes the strategy"
refused="only a social master can change the strategy (you are: publisher)"
keys a
expect_screen "a is refused with the reason" "$refused"
keys j
wait_gone "$refused"
for k in e d K J i; do
	keys "$k"
	expect_screen "$k is refused with the reason" "$refused"
	keys g
	wait_gone "$refused"
	keys j
done
keys Enter
expect_screen "Enter shows the goal read-only" "goal 1 (read only)"
keys x
expect_screen "typing in the read-only form is refused" "read only: only a social master can change the strategy"
keys Enter
wait_gone "goal 1 (read only)"
after=$(db_digest "$DB")
check "nothing changed for the publisher" [ "$before" = "$after" ]
quit_clean "q quits cleanly as a publisher"

# Hostile text in a strategy row (written with sqlite3, as a corrupt file
# would hold it) is sanitised in the outline, the detail pane and the form.
sql "$DB" "INSERT INTO message_types(name, description, updated_at, updated_by, position)
  VALUES('Evil' || char(27) || ']2;pwned' || char(7) || 'X' || char(27) || '[2J 日本語テキスト 🎉',
         'Desc ' || char(27) || '[1;1H' || char(8238) || 'abc', strftime('%s','now'), 1, 99)"
tui_start
expect_screen "the board starts again" "Inbox 1"
title0=$(tm display -p -t t '#{pane_title}')
keys 5 G '[' '[' j j
expect_screen "the hostile name is shown, its escapes replaced" "]2;pwned"
expect_screen "CJK and emoji are shown" "日本語テキスト 🎉"
check "the pane title did not change" [ "$(tm display -p -t t '#{pane_title}')" = "$title0" ]
w=$(screen | LC_ALL=C.UTF-8 wc -L)
check "no line is wider than the window" [ "$w" -le 120 ]
keys e
expect_screen "the form opens on the hostile row" " message type 2 "
check "the pane title is unchanged with the form open" [ "$(tm display -p -t t '#{pane_title}')" = "$title0" ]
w=$(screen | LC_ALL=C.UTF-8 wc -L)
check "no form line is wider than the window" [ "$w" -le 120 ]
keys Escape
wait_gone "Tab/S-Tab next/previous field"
quit_clean "q quits cleanly after hostile text"

finish
