#!/bin/sh
# mine.sh — the Mine tab and the role-aware start: a creator starts on Mine,
# which shows their rejected item with its reason and a request asked of
# their focus group; n on the request submits content linked to it; Enter
# opens a submission; an editor asks for content with + (Tab completes whom);
# a publisher starts on the Queue, an editor on the Inbox, a master on the
# Board; start_panel: in config.yaml overrides, and a bad name stops chorus
# with the file and line.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
cat >"$T_DIR/people.csv" <<'CSV'
login,name,team,roles,focus_groups
ed,Ed Itor,Comms,editor,
cre,Cree Ator,Sales,creator,Photo
CSV
"$CHORUS" --db "$DB" people import "$T_DIR/people.csv" >/dev/null 2>&1 || echo "# setup failed: import"
"$CHORUS" --db "$DB" --as cre submit --title "Blurry harbour" --body "x" >/dev/null 2>&1
"$CHORUS" --db "$DB" --as cre submit --title "Team lunch" --body "y" >/dev/null 2>&1
"$CHORUS" --db "$DB" --as ed content reject 1 --reason "Too blurry to use" >/dev/null 2>&1
"$CHORUS" --db "$DB" --as ed content comment 2 "Lovely, a second photo?" >/dev/null 2>&1
"$CHORUS" --db "$DB" --as ed request add --to group:Photo --due 2099-06-01 --brief "Photos of the open day" >/dev/null 2>&1
"$CHORUS" --db "$DB" --as ed request add --to team:Comms --due 2099-06-01 --brief "Not for cre" >/dev/null 2>&1
mkdir -p "$T_DIR/tmp"
# The scripted editor writes a body above the new-content file's scissors line.
cat >"$T_DIR/ed.sh" <<'ED'
#!/bin/sh
{ printf 'The open day, in pictures.\n'; cat "$1"; } >"$1.new" && mv "$1.new" "$1"
ED

# --- a creator starts on Mine ---------------------------------------------------------------
tui_start "EDITOR=sh $T_DIR/ed.sh" "TMPDIR=$T_DIR/tmp" -- --as cre
expect_screen "a creator starts on Mine" " Mine   1 request asked of you   2 submissions"
expect_screen "the request asked of cre's focus group" "Photos of the open day (of group:Photo, by ed)"
if screen | grep -qF "Not for cre"; then not_ok "a request of another team is not shown" "$(screen | sed -n '1,8p')"
else ok "a request of another team is not shown"; fi
expect_screen "the rejected item with its reason" "rejected   Blurry harbour · reason: Too blurry to use"
expect_screen "comments: how many and who wrote the last" "Team lunch · 1 comment, last by ed"
expect_screen "the brief of the request under the cursor, below the list" "Brief: Photos of the open day"
keys j
expect_screen "a submission's last comment below the list" "Last comment, by ed: Lovely, a second photo?"
keys Enter
expect_screen "Enter opens the submission's detail" "Lovely, a second photo?"
expect_screen "the detail of content 2" "Team lunch"
keys q
expect_screen "q goes back to Mine" " Mine   1 request"
keys g n
expect_screen "n on a request asks for the new content (title, kind, pillar, media)" "New content"
keys -l "Open day, in pictures"
keys Enter
if wait_sql "SELECT rc.request_id || ':' || c.title FROM request_content rc JOIN content c ON c.id = rc.content_id" \
	"1:Open day, in pictures"; then ok "n on the request submits content linked to it"
else not_ok "n on the request submits content linked to it" "$(sql "$DB" 'SELECT * FROM request_content')" "$(screen | tail -2)"; fi
equals "submitted by cre" "$(sql "$DB" "SELECT p.login FROM content c JOIN people p ON p.id = c.creator_id WHERE c.id = 3")" cre
expect_screen "Mine shows it, answering the request" "Open day, in pictures · answers request 1"
keys +
expect_screen "a creator may not ask for content" "asking for content needs the editor role"
quit_clean "q quits cleanly (creator)"

# --- an editor starts on the Inbox and asks with + ----------------------------------------------
tui_start -- --as ed
expect_screen "an editor starts on the Inbox" " Inbox 2"
keys 8
expect_screen "8 is Mine: the request asked of ed's team" " Mine   1 request asked of you   0 submissions"
keys +
expect_screen "+ opens the form" "Ask for content"
keys g r Tab
expect_screen "Tab completes a focus group" "group:Photo"
keys Down Down "A team portrait" Enter
if wait_sql "SELECT r.brief || '|' || g.name || '|' || p.login FROM requests r JOIN focus_groups g ON g.id = r.group_id
	JOIN people p ON p.id = r.asker_id WHERE r.id = 3" "A team portrait|Photo|ed"; then ok "the form asks the group, by ed"
else not_ok "the form asks the group, by ed" "$(sql "$DB" 'SELECT * FROM requests')" "$(screen | tail -3)"; fi
expect_screen "and says so" "request 3 asked of group:Photo"
equals "the asking is audited" "$(sql "$DB" "SELECT count(*) FROM events WHERE entity = 'request' AND entity_id = 3 AND action = 'ask'")" 1
keys +
expect_screen "the form again" "Ask for content"
keys "nobody" Down Down "x" Enter
expect_screen "a refusal of the core shows in the form" "not asked: to: no such person: nobody"
keys Escape
expect_screen "Esc cancels" "cancelled: nothing asked"
quit_clean "q quits cleanly (editor)"

# --- a publisher on the Queue, a master on the Board ----------------------------------------------
tui_start -- --as pub
expect_screen "a publisher starts on the Queue" " Queue: "
quit_clean "q quits cleanly (publisher)"
tui_start
expect_screen "a master starts on the Board" "Editing"
quit_clean "q quits cleanly (master)"

# --- start_panel ----------------------------------------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/chorus"
printf 'theme: default\nstart_panel: people\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"
tui_start -- --as pub
expect_screen "start_panel overrides the role" " People "
quit_clean "q quits cleanly (start_panel)"
printf 'theme: default\nstart_panel: Mine\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"
tui_start
expect_screen "start_panel ignores case" " Mine   0 requests"
quit_clean "q quits cleanly (start_panel Mine)"
printf 'theme: default\nstart_panel: nowhere\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"
tui_start
expect_screen "a bad start_panel stops chorus, exit 2" "chorus-exited-2"
if grep -qF "config.yaml:2:14: start_panel: no such panel 'nowhere' (panels: board, inbox, queue," "$STDERR"; then
	ok "the message names the file, line and column and the panels"
else not_ok "the message names the file, line and column and the panels" "$(cat "$STDERR")"; fi
rm "$XDG_CONFIG_HOME/chorus/config.yaml"
finish
