#!/bin/sh
# inbox_window.sh — an inbox far longer than the index lines the panel loads
# (a window of a few screens; bodies only for the item previewed): the count
# is the whole inbox's, G reaches the last item with its body, search with n/N
# and tagging by pattern see every item (the window or not), ;a applies to
# exactly the tagged ones, an action deep in the inbox moves the cursor to the
# next item, and tagging under a limit tags only what the limit shows.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
# 400 inbox items entered one a minute (Item 001 oldest); every seventh has
# "Needle" in its body only, 57 of them.
sql "$DB" "INSERT INTO content(title, body, creator_id, stage, created_at, stage_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
  SELECT printf('Item %03d', i), CASE WHEN i % 7 = 0 THEN printf('Needle %03d', i)
    ELSE printf('Body of item %03d', i) END, 1, 'inbox', 1700000000 + 60 * i, 1700000000 + 60 * i, 0 FROM n;"

# expect_not NAME TEXT: the screen (already settled) does not show TEXT.
expect_not() {
	if screen | grep -qF -- "$2"; then not_ok "$1" "the screen shows '$2'"; else ok "$1"; fi
}
# editing: the numbers of the items in Editing, in order.
editing() {
	sql "$DB" "SELECT group_concat(n) FROM (SELECT substr(title, 6) + 0 AS n FROM content
	  WHERE stage = 'editing' ORDER BY n)"
}

tui_start
keys 2
expect_screen "the count is the whole inbox" "Inbox 400"
expect_screen "the first item is the oldest" "Item 001"
expect_screen "the preview shows its body" "Body of item 001"
expect_not "an item far down is not on screen" "Item 200"

keys G
expect_screen "G reaches the last of 400" "Item 400"
expect_screen "the preview shows the last item's body" "Body of item 400"
expect_not "after G the first item is off screen" "Item 001"
keys g
expect_screen "g is back at the first" "Body of item 001"

# The needle is in bodies only, most of them outside the window loaded.
keys / needle Enter
expect_screen "/ finds the first match" "#7 by"
keys N
expect_screen "N from the first match wraps to the last" "#399 by"
expect_screen "its body is read for the preview" "Needle 399"
keys N
expect_screen "N goes back one match" "#392 by"
keys n n
expect_screen "n wraps past the end to the first" "#7 by"
keys / needle Enter
expect_screen "a new search starts at the item itself, a match by its body" "#7 by"
expect_not "and does not go on to the next match" "#14 by"

keys T needle Enter
expect_screen "T tags every matching item, in the window or not" "tagged 57 more items matching /needle/: 57 tagged"
keys '\;' a
want=$(seq 7 7 399 | paste -sd, -)
if wait_sql "SELECT count(*) FROM content WHERE stage = 'editing'" 57 && [ "$(editing)" = "$want" ]; then
	ok ";a accepts exactly the 57 tagged items"
else
	not_ok ";a accepts exactly the 57 tagged items" "$(editing)"
fi
expect_screen "the count follows" "Inbox 343"
expect_not "no tags are left" "tagged"
keys n
expect_screen "n after the items left finds none (the matches are looked for again)" "no match for /needle/"

# An action deep in the inbox: the cursor goes on to the next item.
keys / 'Item 250' Enter
expect_screen "/ reaches an item past the window" "#250 by"
keys a
if wait_sql "SELECT stage FROM content WHERE title = 'Item 250'" editing; then ok "a accepts the item deep in the inbox"
else not_ok "a accepts the item deep in the inbox" "$(editing)"; fi
expect_screen "the cursor moves to the next item" "#251 by"

# Under a limit T tags only what the limit shows (305, 325 ... 395 less the
# sevens: 8 items), and ;a takes those.
keys l 'Item 3[0-9]5' Enter
expect_screen "l limits the index over every item" "limit /Item 3[0-9]5/: 8 shown"
keys T . Enter
expect_screen "T under a limit tags only the items shown" "tagged 8 more items"
keys '\;' a
if wait_sql "SELECT count(*) FROM content WHERE stage = 'editing'" 66; then
	ok ";a under a limit accepts the 8 tagged items"
else
	not_ok ";a under a limit accepts the 8 tagged items" "$(editing)"
fi
check "the 8 are the limit's" [ "$(sql "$DB" "SELECT group_concat(title, ',') FROM (SELECT title FROM content
	WHERE stage = 'editing' AND title GLOB 'Item 3?5' AND (substr(title, 6) + 0) % 7 != 0 ORDER BY title)")" = \
	"Item 305,Item 325,Item 335,Item 345,Item 355,Item 365,Item 375,Item 395" ]
expect_screen "the limit now shows nothing" "limit /Item 3[0-9]5/: 0 shown"
keys l Enter
expect_screen "an empty limit shows the whole inbox again" "showing all: 334 of 334"
quit_clean "q quits cleanly"
finish
