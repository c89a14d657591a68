#!/bin/sh
# share_dialog.sh — O in the Queue: the platform's share dialog link, its
# share_url with {url} the UTM-tagged link and {text} the message's text (both
# percent-encoded), shown whole in a box, on the message line, and copied with
# OSC 52 into tmux's paste buffer; a platform without a share_url says so and
# copies nothing.
. tests/lib/tap.sh
. tests/tui/tmux.inc

me=$(id -un)
make_db
sql "$DB" "INSERT INTO platforms(key, name, max_length, share_url, position) VALUES
	('linkedin', 'LinkedIn', 3000, 'https://www.linkedin.com/sharing/share-offsite/?url={url}', 1),
	('x', 'X', 280, 'https://x.com/intent/post?text={text}&url={url}', 2),
	('mastodon', 'Mastodon', 500, NULL, 3);
  INSERT INTO person_platforms(person_id, platform_id, handle)
	SELECT p.id, f.id, '@' || p.login FROM people p, platforms f WHERE p.login = '$me';"
ready() { "$CHORUS" --db "$DB" content take "$1" >/dev/null && "$CHORUS" --db "$DB" content approve "$1" >/dev/null; }
msg() { "$CHORUS" --db "$DB" message add "$@" >/dev/null; }
setup() {
	id=$(submit "Open day") &&
	msg "$id" --platform linkedin --text "Come to our open day!" --link "https://example.nl/open?ref=site" &&
	msg "$id" --platform x --text "Open day & more" --link "https://example.nl/open" &&
	msg "$id" --platform mastodon --text "Open day on Mastodon" --link "https://example.nl/open" && ready "$id"
}
check "fixture: one ready item with messages on three platforms" setup
# The box's link rows (full width, no border), joined.
box_link() { screen | awk '/Share dialog of/ { on = 1; next } on && /^[─-]+$/ { exit } on && NF { printf "%s", $0 }'; }
buffer() { tm show-buffer 2>/dev/null; }

li="https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fexample.nl%2Fopen%3Fref%3Dsite%26utm_source%3Dlinkedin%26utm_medium%3Demployee_advocacy%26utm_content%3D$me"
xl="https://x.com/intent/post?text=Open%20day%20%26%20more&url=https%3A%2F%2Fexample.nl%2Fopen%3Futm_source%3Dx%26utm_medium%3Demployee_advocacy%26utm_content%3D$me"

tui_start
tm set-option -s set-clipboard on
expect_screen "the board starts" "Ready 1"
keys 3
expect_screen "the queue shows the item" "Queue: 3 to share"
keys O
expect_screen "O opens the share dialog box" "Share dialog of LinkedIn, copied (any key closes)"
equals "the box shows LinkedIn's share_url with the tagged link, encoded" "$(box_link)" "$li"
if [ "$(buffer)" = "$li" ]; then ok "O copies the link (OSC 52 into tmux's buffer)"
else not_ok "O copies the link (OSC 52 into tmux's buffer)" "buffer: $(buffer)"; fi
keys q
expect_screen "a key closes the box; the message line has the link" "copied the share dialog link of LinkedIn: https://www.linkedin.com/sharing"
check "q closed the box, chorus still runs" sh -c "! tmux -L '$TM_SOCK' capture-pane -p -t t | grep -q chorus-exited"

keys j O
expect_screen "O on the X message" "Share dialog of X, copied"
equals "X's template: {text} and {url}, both encoded" "$(box_link)" "$xl"
keys Escape
keys j O
expect_screen "a platform without share_url says so" "Mastodon has no share dialog link (share_url in the strategy)"
if [ "$(buffer)" = "$xl" ]; then ok "nothing new was copied for Mastodon"
else not_ok "nothing new was copied for Mastodon" "buffer: $(buffer)"; fi
check "O changed nothing in the database" [ "$(sql "$DB" "select count(*) from shares")" = 0 ]
quit_clean "q quits cleanly"

finish
