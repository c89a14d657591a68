#!/bin/sh
# queue.sh — panel 3, the publisher's queue: the items in order (running
# campaign first, then newest; not the draft, not the platform without a
# handle), v cycles the variants, o shows the exact UTM link, y puts the
# exact post into tmux's paste buffer by OSC 52, e personalises in $EDITOR
# and y then copies that text, s logs exactly one share (with the URL and
# its event) and the item leaves; Esc and a bad URL log nothing.  Text
# from the database reaches the terminal sanitised.  Someone without
# platforms, or without the publisher role, sees why the queue is empty.
#
# chorus has no command for a person's platform handles, so the fixture
# writes person_platforms with sqlite3 (as it does the platforms).
. tests/lib/tap.sh
. tests/tui/tmux.inc

me=$(id -un)
make_db
"$CHORUS" --db "$DB" people add cre --name "Cree Ator" --roles creator >/dev/null
sql "$DB" "INSERT INTO platforms(key, name, max_length, position) VALUES('linkedin', 'LinkedIn', 3000, 1),
	('x', 'X', 40, 2), ('mastodon', 'Mastodon', 500, 3);
  INSERT INTO campaigns(name, starts, ends, updated_at) VALUES('Zomer café', '2020-01-01', '2099-12-31', 0);
  INSERT INTO person_platforms(person_id, platform_id, handle)
	SELECT p.id, f.id, '@' || p.login FROM people p, platforms f WHERE p.login = '$me' AND f.key IN ('linkedin', 'x');
  UPDATE people SET roles = 4 WHERE login = 'cre';"
ready() { "$CHORUS" --db "$DB" content take "$1" >/dev/null && "$CHORUS" --db "$DB" content approve "$1" >/dev/null; }
msg() { "$CHORUS" --db "$DB" message add "$@" >/dev/null; }
setup() {
	old=$(submit "Old story") &&
	msg "$old" --platform linkedin --text "An older story, still worth a share." && ready "$old" &&
	robot=$(submit "New welding robot") &&
	msg "$robot" --platform linkedin --text "Our new welding robot arrived: https://example.nl/robot#video" \
		--link "https://example.nl/robot#video" &&
	msg "$robot" --platform mastodon --text "Robot on mastodon" && ready "$robot" &&
	open=$(submit "Open day") &&
	"$CHORUS" --db "$DB" content campaign "$open" "Zomer café" >/dev/null &&
	msg "$open" --platform linkedin --text "Kom naar onze open dag op 14 juni!" --link "https://example.nl/open?ref=site" &&
	msg "$open" --platform linkedin --text "Variant two: meet the team at the open day." --link "https://example.nl/open?ref=site" &&
	msg "$open" --platform x --text "Open day 14 June" --link "https://example.nl/open?ref=site" && ready "$open" &&
	draft=$(submit "Still a draft") &&
	msg "$draft" --platform linkedin --text "Not ready yet" &&
	"$CHORUS" --db "$DB" content take "$draft" >/dev/null
}
check "fixture: three ready items and a draft, messages on three platforms" setup
# Messages 1 old/linkedin, 2 robot/linkedin, 3 robot/mastodon, 4-5 open day/linkedin, 6 open day/x.

cat >"$T_DIR/ed.sh" <<'ED'
#!/bin/sh
# A scripted editor: the file becomes the text the test put in new.txt.
cat "$(dirname "$0")/new.txt" >"$1"
ED
mkdir -p "$T_DIR/tmp"

# The index: line N of the queue, columns squeezed.
row() { screen | sed -n "$(($1 + 3))p" | cut -c3- | tr -s ' ' | sed 's/ $//'; }
# The link in the o popup: its lines inside the box, up to the first blank one, joined.
popup_link() { screen | sed -n 's/^ *│ \(.*\)│$/\1/p' | sed 's/ *$//' | awk 'NF == 0 { exit } { printf "%s", $0 }'; }
buffer() { tm show-buffer 2>/dev/null; }
chars() { printf '%s' "$1" | LC_ALL=C.UTF-8 wc -m | tr -d ' '; }

tui_start "EDITOR=sh $T_DIR/ed.sh" "TMPDIR=$T_DIR/tmp"
tm set-option -s set-clipboard on
expect_screen "the board starts" "Ready 3"
keys 3
expect_screen "3 opens the queue, with the person's platforms" "Queue: 4 to share on linkedin, x"
equals "first: the running campaign's LinkedIn message (variant 1 of 2)" "$(row 1)" "Zomer café LinkedIn 1/2 34/3000 Open day"
equals "second: the same content on X" "$(row 2)" "Zomer café X 1/1 16/40 Open day"
equals "third: the newest item without a campaign" "$(row 3)" "- LinkedIn 1/1 61/3000 New welding robot"
equals "fourth: the older one" "$(row 4)" "- LinkedIn 1/1 36/3000 Old story"
# The index has the rows its items need: the fifth is the rule over the preview.
case "$(row 5)" in
*[A-Za-z0-9]*) not_ok "nothing else: not the draft, not Mastodon" "$(row 5)" ;;
*) ok "nothing else: not the draft, not Mastodon" ;;
esac
expect_screen "the preview shows the text" "Kom naar onze open dag op 14 juni!"
expect_screen "the preview says what it is" "message #4 on LinkedIn, variant 1 of 2, 34 of 3000 characters, campaign Zomer café until 2099-12-31"

keys v
expect_screen "v shows the second variant" "Variant two: meet the team at the open day."
equals "the line says variant 2 of 2" "$(row 1)" "Zomer café LinkedIn 2/2 43/3000 Open day"
keys v
expect_screen "v again cycles back to the first" "variant 1 of 2 (message #4)"
equals "the line says variant 1 of 2 again" "$(row 1)" "Zomer café LinkedIn 1/2 34/3000 Open day"

link="https://example.nl/open?ref=site&utm_source=linkedin&utm_medium=employee_advocacy&utm_campaign=Zomer%20caf%C3%A9&utm_content=$me"
keys o
expect_screen "o opens the share link" "Share link (any key closes)"
equals "o shows the exact link with its UTM tags" "$(popup_link)" "$link"
expect_screen "o lists the campaign tag as it is" "utm_campaign  Zomer café"
keys C-l
if wait_gone "Share link (any key closes)"; then ok "any key closes the link"; else not_ok "any key closes the link"; fi

keys y
post="Kom naar onze open dag op 14 juni!

$link"
expect_screen "y says how many characters it copied" "copied $(chars "$post") characters"
equals "y put the exact post (text, blank line, share link) into tmux's buffer" "$(buffer)" "$post"

# The robot's text holds its link: the copy has the tagged link in its place,
# no campaign tag, the #fragment at the end.
keys j j y
expect_screen "y on the robot says it copied" "copied"
equals "the link in the text is replaced by the share link" "$(buffer)" \
	"Our new welding robot arrived: https://example.nl/robot?utm_source=linkedin&utm_medium=employee_advocacy&utm_content=$me#video"

# A message without a link: the text is the whole post.
keys j
expect_screen "a message without a link says so" "No link: the message is the whole post."
keys o
expect_screen "o says there is no link" "message #1 has no link: the text is the whole post"
keys y
expect_screen "y copies the text alone" "copied 36 characters"
equals "tmux's buffer holds the text alone" "$(buffer)" "An older story, still worth a share."

# e: the scripted editor writes the publisher's own text; y copies that.
printf 'Mijn eigen woorden: kom naar de open dag! #werken\n' >"$T_DIR/new.txt"
keys g e
expect_screen "e personalises and says so" "personalised: 49 characters"
expect_screen "the preview shows the new text" "Mijn eigen woorden: kom naar de open dag! #werken"
expect_screen "the header counts it" "1 personalised"
equals "the line is marked and measured again" "$(screen | sed -n 4p | tr -s ' ' | sed 's/ $//')" "* Zomer café LinkedIn 1/2 49/3000 Open day"
keys y
post="Mijn eigen woorden: kom naar de open dag! #werken

$link"
expect_screen "y copies the personalised text" "copied $(chars "$post") characters of your own text"
equals "tmux's buffer holds the personalised post" "$(buffer)" "$post"
check "the database still has the editors' text" [ "$(sql "$DB" 'SELECT text FROM messages WHERE id = 4')" = "Kom naar onze open dag op 14 juni!" ]
check "the temporary file is removed" [ -z "$(ls "$T_DIR/tmp")" ]
keys v
expect_screen "the other variant is not personalised" "Variant two: meet the team"
keys v

# Over the platform's length: X allows 40.
printf 'This is far too long for the forty characters of X\n' >"$T_DIR/new.txt"
keys j e
expect_screen "a text over the maximum is refused gently: said, and kept" "is over X's 40"
equals "the line shows the length over the maximum" "$(row 2)" "Zomer café X 1/1 50/40 Open day"
expect_screen "the preview warns" "Over X's 40 characters: shorten it before you post."
if tm capture-pane -p -e -t t | sed -n 5p | grep -q "$(printf '\033')\[33m50/40"; then
	ok "the length over the maximum is in the warning colour (yellow)"
else
	not_ok "the length over the maximum is in the warning colour (yellow)" "$(tm capture-pane -p -e -t t | sed -n 5p | cat -v)"
fi
if tm capture-pane -p -e -t t | sed -n 4p | grep -q "$(printf '\033')\[33m"; then
	not_ok "a length within the maximum is not"
else
	ok "a length within the maximum is not"
fi

# The fair-use policy reads the personal text too (a warn rule, added now:
# the items above were approved without it).
sql "$DB" "INSERT INTO policy_rules(name, pattern, severity, guidance, updated_at)
  VALUES('internal', '(?i)confidential', 'warn', 'Keep internal matters internal.', 0)"
printf 'Open day, not confidential\n' >"$T_DIR/new.txt"
keys e
expect_screen "personalising says the policy has a note" "personalised: 26 characters; y copies your text (kept until you share it); see the policy's note"
expect_screen "the preview shows the policy's note" "The fair-use policy flags your text: internal at 1:15 — Keep internal matters internal."

# The texts are kept in the database, per person and message, unshared yet;
# each change audited with its length (never the text).
equals "database: both own texts, mine, not shared" \
	"$(sql "$DB" "SELECT group_concat(t.message_id || ':' || t.text, '|') FROM personal_texts t JOIN people p ON p.id = t.person_id WHERE p.login = '$me' AND t.shared_at IS NULL")" \
	"4:Mijn eigen woorden: kom naar de open dag! #werken|6:Open day, not confidential"
equals "audit: one personalise event per change, with the length" \
	"$(sql "$DB" "SELECT group_concat(entity_id || ':' || json_extract(detail, '\$.chars'), ' ') FROM events WHERE action = 'personalise'")" \
	"4:49 6:50 6:26"
# Stored, so q quits at once; the next session shows them again.
keys q
if wait_for chorus-exited-0 30; then ok "q quits without asking: nothing typed is lost"
else not_ok "q quits without asking: nothing typed is lost" "$(screen | tail -3)"; fi
tui_start "EDITOR=sh $T_DIR/ed.sh" "TMPDIR=$T_DIR/tmp"
tm set-option -s set-clipboard on
keys 3
expect_screen "after a restart the queue counts both own texts" "2 personalised"
equals "after a restart the line is marked again" "$(screen | sed -n 4p | tr -s ' ' | sed 's/ $//')" "* Zomer café LinkedIn 1/2 49/3000 Open day"
expect_screen "after a restart the preview shows the own text" "Mijn eigen woorden: kom naar de open dag! #werken"
keys j
expect_screen "after a restart the policy's note on X's own text is there again" "The fair-use policy flags your text: internal at 1:15"

# s: Esc cancels; a bad URL is refused with the core's reason; nothing is logged.
keys g s
expect_screen "s asks for the post's URL" "URL of your post on LinkedIn (Enter: none, Esc: cancel)"
keys Escape
expect_screen "Esc cancels" "cancelled"
keys s 'www.linkedin.com/post/1' Enter
expect_screen "a URL without http(s) is refused, with why" "share not logged: www.linkedin.com/post/1: not the address of a post"
check "nothing was logged" [ "$(sql "$DB" 'SELECT count(*) FROM shares')" = 0 ]

events0=$(sql "$DB" "SELECT count(*) FROM events WHERE entity = 'share'")
keys s 'https://www.linkedin.com/feed/update/urn:li:activity:1' Enter
if wait_sql "SELECT count(*) || ' ' || group_concat(message_id || ' ' || url) FROM shares" \
	"1 4 https://www.linkedin.com/feed/update/urn:li:activity:1"; then
	ok "s logs exactly one share, of the message shown, with its URL"
else
	not_ok "s logs exactly one share, of the message shown, with its URL" "$(sql "$DB" 'SELECT * FROM shares')"
fi
check "the share is mine, on LinkedIn" [ "$(sql "$DB" "SELECT p.login || ' ' || f.key FROM shares s JOIN people p ON p.id = s.person_id JOIN platforms f ON f.id = s.platform_id")" = "$me linkedin" ]
check "one share event, with the URL" [ "$(sql "$DB" "SELECT count(*) FROM events WHERE entity = 'share' AND action = 'share' AND json_extract(detail, '$.url') = 'https://www.linkedin.com/feed/update/urn:li:activity:1'")" = 1 ]
check "no other share event" [ "$(sql "$DB" "SELECT count(*) FROM events WHERE entity = 'share'")" = $((events0 + 1)) ]
check "the content moved to shared" [ "$(sql "$DB" "SELECT stage FROM content WHERE id = $open")" = shared ]
expect_screen "the status line confirms" "logged: message #4 at https://www.linkedin.com/feed/update/urn:li:activity:1"
expect_screen "the item left the queue" "Queue: 3 to share"
equals "the cursor is on the next item" "$(row 1)" "Zomer café X 1/1 26/40 Open day"
expect_screen "the personalised count went with it (X's stays)" "1 personalised"
equals "database: the shared one is marked shared, X's still pending" \
	"$(sql "$DB" "SELECT group_concat(message_id || ':' || (shared_at IS NOT NULL), ' ') FROM personal_texts")" "4:1 6:0"

# s with no URL; then Enter opens the detail view and q comes back.
keys j s Enter
if wait_sql "SELECT count(*) FROM shares WHERE message_id = 2 AND url IS NULL" 1; then ok "s with an empty URL logs a share without one"
else not_ok "s with an empty URL logs a share without one" "$(sql "$DB" 'SELECT * FROM shares')"; fi
expect_screen "the robot left the queue" "Queue: 2 to share"
keys Enter
expect_screen "Enter opens the item's detail view" "History"
keys q
expect_screen "q goes back to the queue" "Queue: 2 to share"

# Another chorus shares from the shell: the queue follows.
"$CHORUS" --db "$DB" shares log 1 >/dev/null
expect_screen "a share logged elsewhere leaves the queue too" "Queue: 1 to share"
quit_clean "q quits cleanly"

# The mouse: a click selects a line, the wheel moves.  X10 encoding, as in mouse.sh.
x10() { keys -H 1b 5b 4d "$(printf %x $((32 + $1)))" "$(printf %x $((33 + $2)))" "$(printf %x $((33 + $3)))"; }
sql "$DB" "DELETE FROM person_platforms WHERE platform_id = (SELECT id FROM platforms WHERE key = 'x')"
for t in One Two Three; do
	id=$(submit "Mouse $t") && msg "$id" --platform linkedin --text "Text of $t" && ready "$id"
done
tui_start
expect_screen "the board starts again" "Ready"
keys 3
expect_screen "the queue lists the new items" "Queue: 3 to share on linkedin"
equals "the first line is the newest" "$(row 1)" "- LinkedIn 1/1 13/3000 Mouse Three"
x10 0 30 5; x10 3 30 5
expect_screen "a click on the third line selects it" "Text of One"
# A notch of the wheel moves 3 lines, as in every panel.
x10 64 30 10
expect_screen "the wheel up moves up three lines (to the first)" "Text of Three"
x10 65 30 10
expect_screen "the wheel down moves down three lines (to the last)" "Text of One"

# Another writer holds the lock (sqlite3 in a transaction for 2 s): s says
# so without blocking, and logs the share once that writer is done.
hold_lock 2
keys s 'https://example.nl/post/2' Enter
expect_screen "a share that meets another writer's lock says it waits" "another chorus is writing: the share is logged when it is done"
if wait_sql "SELECT count(*) FROM shares WHERE url = 'https://example.nl/post/2'" 1 100; then
	ok "the share is logged once the other writer is done"
else
	not_ok "the share is logged once the other writer is done" "$(sql "$DB" 'SELECT * FROM shares')" "$(screen | tail -1)"
fi
wait "$LOCKER"
expect_screen "and it leaves the queue" "Queue: 2 to share"
check "exactly once" [ "$(sql "$DB" "SELECT count(*) FROM events WHERE entity = 'share' AND json_extract(detail, '$.url') = 'https://example.nl/post/2'")" = 1 ]
quit_clean "q quits cleanly (mouse)"

# A share still waiting for the lock when chorus quits is not dropped in
# silence: stderr says which and the command that logs it.
tui_start
keys 3
expect_screen "the queue again" "Queue: 2 to share"
hold_lock 4
keys s 'https://example.nl/post/3' Enter
expect_screen "the share waits for the other writer" "another chorus is writing"
: >"$STDERR"
quit_clean "q quits while the share waits"
check "stderr names the share that was not logged and how to log it" \
	grep -q "chorus: the share of message #[0-9]* was not logged (another chorus was writing); log it with: chorus shares log [0-9]* --url https://example.nl/post/3" "$STDERR"
wait "$LOCKER"
check "and nothing was logged behind the user's back" [ "$(sql "$DB" "SELECT count(*) FROM shares WHERE url = 'https://example.nl/post/3'")" = 0 ]

# A text that cannot be stored (another writer holds the lock) stays in
# memory: q and :q ask before losing it; once stored, q quits at once.
tui_start "EDITOR=sh $T_DIR/ed.sh" "TMPDIR=$T_DIR/tmp"
keys 3
expect_screen "the queue once more" "Queue: 2 to share"
printf 'Held back by a lock\n' >"$T_DIR/new.txt"
hold_lock 4
keys g j e
expect_screen "a text that cannot be stored is said to stay here" "personalised, but not stored"
keys q
expect_screen "q asks before losing it" "Quit? 1 personalised text not stored yet would be lost (y/N)"
keys n Enter
expect_screen "n keeps chorus running" "nothing changed"
keys : q Enter
expect_screen ":q asks too" "Quit? 1 personalised text not stored yet would be lost (y/N)"
keys Enter
expect_screen "Enter (no) keeps it running too" "nothing changed"
check "not in the database while the lock is held" [ "$(sql "$DB" "SELECT count(*) FROM personal_texts WHERE text = 'Held back by a lock'")" = 0 ]
wait "$LOCKER"
if wait_sql "SELECT count(*) FROM personal_texts WHERE text = 'Held back by a lock' AND shared_at IS NULL" 1 100; then
	ok "stored once the other writer is done"
else not_ok "stored once the other writer is done" "$(sql "$DB" 'SELECT * FROM personal_texts')"; fi
keys q
if wait_for chorus-exited-0 30; then ok "then q quits without asking"
else not_ok "then q quits without asking" "$(screen | tail -3)"; fi

# Hostile text: escapes in a message never reach the terminal (an OSC 52 in
# the text would fill tmux's buffer; a clear-screen would wipe the header).
now=$(date +%s)
sql "$DB" "UPDATE messages SET text = 'Evil ' || char(27) || ']52;c;cHduZWQ=' || char(7) || ' and ' || char(27) || '[2J clear' WHERE id = (SELECT max(id) FROM messages)"
mkdir -p "$XDG_CONFIG_HOME/chorus"
printf 'keys: { queue: { copy: Y } }\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"
tui_start
tm set-option -s set-clipboard on
expect_screen "the board starts a third time" "Ready"
tm delete-buffer 2>/dev/null
keys 3
expect_screen "the hostile text is shown, its escapes replaced" "]52;c;cHduZWQ="
expect_screen "the header survives the clear-screen sequence" "Queue: 2 to share"
check "no OSC 52 from the text reached tmux" [ -z "$(buffer)" ]
keys '?'
expect_screen "the config file's key for copy shows in the help" "Y        copy the post"
keys Escape Y
expect_screen "and it copies" "copied"
rm "$XDG_CONFIG_HOME/chorus/config.yaml"
quit_clean "q quits cleanly (hostile)"

# Empty states that say why.
tui_start -- --as pub
expect_screen "pub starts on the Queue" " Queue: "
keys 3
expect_screen "no platforms: the queue says why" "You have no platforms yet, so there is nothing in the queue for you."
quit_clean "q quits cleanly (no platforms)"
tui_start -- --as cre
expect_screen "cre, a creator, starts on Mine" " Mine "
keys 3
expect_screen "not a publisher: the queue says why" "You are not a publisher, so there is nothing in the queue for you."
expect_screen "and how to become one" "chorus people set cre --roles creator,publisher"
quit_clean "q quits cleanly (not a publisher)"
sql "$DB" "DELETE FROM messages WHERE id NOT IN (SELECT message_id FROM shares)"
tui_start
expect_screen "the board starts a last time" "Ready"
keys 3
expect_screen "nothing left: the queue says so, naming the platforms" "Nothing to share right now on linkedin."
quit_clean "q quits cleanly (nothing to share)"
finish
