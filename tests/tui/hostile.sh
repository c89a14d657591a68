#!/bin/sh
# hostile.sh — text from the database never reaches the terminal raw: a title
# with an OSC title sequence, a clear-screen sequence, a bidi override,
# right-to-left text, emoji and CJK renders without changing the pane title
# or corrupting the screen.  core_text_ok refuses such a title on submit, so
# the row is written with sqlite3, as a corrupt or hostile file would hold it.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
submit "Plain neighbour" >/dev/null
now=$(date +%s)
sql "$DB" "INSERT INTO content(title, body, kind, creator_id, stage, created_at, stage_at, updated_at, updated_by)
  VALUES('Evil' || char(27) || ']2;pwned' || char(7) || 'A' || char(27) || '[2J' || char(27) || '[31mB ' ||
         char(8238) || 'abc ' || 'שלום עולם 🎉 日本語テキスト ok',
         'Body ' || char(27) || '[1;1H' || char(155) || 'x', 'story', 1, 'inbox', $now, $now, $now, 1)"

tui_start
expect_screen "the board starts" "Inbox 2"
title0=$(tm display -p -t t '#{pane_title}')
expect_screen "the hostile title is shown, its escapes replaced" "]2;pwned"
check "the pane title did not change" [ "$(tm display -p -t t '#{pane_title}')" = "$title0" ]
check "the pane title is not pwned" sh -c "! tmux -L '$TM_SOCK' display -p -t t '#{pane_title}' | grep -q pwned"
expect_screen "the column headers survive" "Shared 0"
expect_screen "the neighbour card is intact" "Plain neighbour"
if screen | grep -q "$(printf '\342\200\256')"; then not_ok "the bidi override is dropped"; else ok "the bidi override is dropped"; fi
# Every line of the capture fits the 120 columns: no wide character spilled.
w=$(screen | LC_ALL=C.UTF-8 wc -L)
check "no line is wider than the window" [ "$w" -le 120 ]
keys 2
expect_screen "the inbox shows the hostile item too" "pwned"
expect_screen "CJK, emoji and right-to-left text are shown" "שלום עולם 🎉 日本語"
keys G
expect_screen "the preview shows the body, sanitised" "Body"
w=$(screen | LC_ALL=C.UTF-8 wc -L)
check "no inbox line is wider than the window" [ "$w" -le 120 ]
check "the pane title is still unchanged" [ "$(tm display -p -t t '#{pane_title}')" = "$title0" ]
keys Enter
expect_screen "the detail view opens" "History"
check "the pane title is unchanged after the detail view" [ "$(tm display -p -t t '#{pane_title}')" = "$title0" ]
quit_clean "q quits cleanly"
finish
