#!/bin/sh
# people_panel.sh — panel 7 on the demo organisation: the list shows every
# person with team, roles as letters, last active week and handles as
# sqlite3 finds them; t narrows to a team and then a focus group, / to a
# text; Enter shows roles, groups, handles and activity counts; a master
# adds a person, toggles roles, sets the team, puts them in and out of a
# focus group, deactivates after a question
# and sets a handle — each a row and the same audit event as `chorus people`;
# the core's refusal (a login in use) is shown and changes nothing; a
# publisher is refused with the core's reason and the database stays as it was.
. tests/lib/tap.sh
. tests/tui/tmux.inc

export CHORUS_NOW=2026-11-23T12:00:00
"$CHORUS" --db "$DB" demo --no-tui >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
PUB=$(sql "$DB" "select login from people where roles = 8 and active order by login limit 1")
N=$(sql "$DB" "select count(*) from people")

# ISO week label of an activity.week number.
week_label() { date -u -d "@$(( $1 * 604800 + 345600 + 3 * 86400 ))" +%G-W%V; }
# The start of a person's list row: login, name, team, roles, journey
# state, last active week.
row_of() {
	sql "$DB" "select p.login, p.name, coalesce(t.name, '-'),
		   (case when roles & 1 then 'M' else '-' end) || (case when roles & 2 then 'E' else '-' end) ||
		   (case when roles & 4 then 'C' else '-' end) || (case when roles & 8 then 'P' else '-' end),
		   p.journey, coalesce((select max(week) from activity a where a.person_id = p.id), -1)
		   from people p left join teams t on t.id = p.team_id where p.login = '$1'" |
	{ IFS='|' read -r login name team roles state week
	  if [ "$week" = -1 ]; then week=never; else week=$(week_label "$week"); fi
	  printf '%-18s %-20s %-16s %-5s %-9s %s' "$login" "$name" "$team" "$roles" "$state" "$week"; }
}
# Someone whose name and team fit their columns in plain ASCII, with a handle.
SOME=$(sql "$DB" "select p.login from people p join teams t on t.id = p.team_id
		  where length(p.name) <= 20 and length(t.name) <= 16 and p.name not glob '*[^ -~]*'
		  and exists (select 1 from person_platforms pp where pp.person_id = p.id)
		  and exists (select 1 from activity a where a.person_id = p.id) order by p.login limit 1")

tui_start
expect_screen "the board starts" "Inbox"
keys 7
expect_screen "7 opens the people, counted" "People $N"
expect_screen "a row: login, name, team, roles as letters, last active week" "$(row_of "$SOME")"
HANDLE=$(sql "$DB" "select pl.key || ' ' || pp.handle || ' (' || pp.followers || ')' from person_platforms pp
		    join platforms pl on pl.id = pp.platform_id join people p on p.id = pp.person_id
		    where p.login = '$SOME' order by pl.position, pl.key limit 1")
expect_screen "and their first handle with its followers" "$(row_of "$SOME")"
if screen | grep -F "$(row_of "$SOME")" | grep -qF "$HANDLE"; then ok "the row has the handle $HANDLE"; else
	not_ok "the row has the handle $HANDLE" "$(screen | grep -F "$SOME")"; fi

# t: the first team by name, then after the teams the first focus group.
TEAM=$(sql "$DB" "select name from teams order by name limit 1")
keys t
expect_screen "t shows the first team and how many are in it" \
	"shown $(sql "$DB" "select count(*) from people p join teams t on t.id = p.team_id where t.name = '$TEAM'")   team $TEAM"
NT=$(sql "$DB" "select count(*) from teams")
i=1; while [ "$i" -lt "$NT" ]; do keys t; i=$((i + 1)); done
GROUP=$(sql "$DB" "select name from focus_groups order by name limit 1")
keys t
expect_screen "after the teams, the first focus group" \
	"shown $(sql "$DB" "select count(*) from focus_group_members m join focus_groups g on g.id = m.group_id where g.name = '$GROUP'")   focus group $GROUP"
NG=$(sql "$DB" "select count(*) from focus_groups")
i=0; while [ "$i" -lt "$NG" ]; do keys t; i=$((i + 1)); done
expect_screen "then everyone again" "everyone: $N people"

# l limits the list to a text (it was / before / searched).
LAST=$(sql "$DB" "select substr(login, instr(login, '.') + 1) from people where login = '$SOME'")
keys l
expect_screen "l asks for a text" "Show people containing"
keys -l "$LAST"; keys Enter
expect_screen "the limit narrows the list" \
	"shown $(sql "$DB" "select count(*) from people p left join teams t on t.id = p.team_id where p.login like '%$LAST%' or p.name like '%$LAST%'
		or t.name like '%$LAST%' or exists (select 1 from person_platforms pp where pp.person_id = p.id and pp.handle like '%$LAST%')
		or exists (select 1 from focus_group_members m join focus_groups g on g.id = m.group_id where m.person_id = p.id and g.name like '%$LAST%')")   limit \"$LAST\""

INACTIVE=$(sql "$DB" "select login from people where not active limit 1")
keys l
keys C-u; keys -l "$INACTIVE"; keys Enter
expect_screen "an inactive person is marked x" "x $INACTIVE "
keys l
keys C-u; keys -l "$LAST"; keys Enter

# The detail of the person found.
keys g Enter
expect_screen "Enter opens the detail" "> Detail"
NAME=$(sql "$DB" "select name from people where login = (select login from people where login like '%$LAST%' or name like '%$LAST%' order by login limit 1)")
expect_screen "with the name" "$NAME"
sql "$DB" "select sum(case kind when 'contribution' then n else 0 end), sum(case kind when 'edit' then n else 0 end),
	   sum(case kind when 'share' then n else 0 end), sum(case kind when 'conversation' then n else 0 end)
	   from activity where person_id = (select id from people where name = '$NAME')" >"$T_DIR/counts"
IFS='|' read -r c ed sh co <"$T_DIR/counts"
expect_screen "and the activity counts" "$c contributions, $ed edits, $sh shares, $co conversations"
keys q
keys l
keys C-u Enter
expect_screen "an empty limit shows everyone" "$N people"

# / searches the list as in every panel: the cursor goes to the person
# (Enter opens that one), n goes round to it again, and the list stays whole.
LOGIN2=$(sql "$DB" "select login from people order by login desc limit 1")
keys g
keys / ; keys -l "$LOGIN2"; keys Enter
expect_screen "the list is not narrowed by /" "People $N "
keys n Enter
expect_screen "/ then n put the cursor on the person found" "($LOGIN2)"
keys q
keys N
expect_screen "N with nothing else matching stays there" "People $N "

# A master adds a person.
keys a
expect_screen "a asks for the login" "Login:"
keys -l nina.test; keys Enter
keys -l "Nina Test"; keys Enter
keys -l nina@example.org; keys Enter
expect_screen "the teams show while the team is asked" "teams: $TEAM"
keys -l "Nieuw team"; keys Enter
keys -l editor; keys Enter
expect_screen "the person is added" "added nina.test"
if wait_sql "select p.name || '|' || p.email || '|' || t.name || '|' || p.roles || '|' || p.active from people p
	join teams t on t.id = p.team_id where login = 'nina.test'" "Nina Test|nina@example.org|Nieuw team|10|1"; then
	ok "the row has name, e-mail, the new team and editor,publisher"; else not_ok "the row has name, e-mail, the new team and editor,publisher"; fi
check "the add is in the audit log as chorus people add logs it" [ "$(sql "$DB" "select json_extract(detail, '$.roles')
	from events where entity = 'person' and action = 'add' and json_extract(detail, '$.name') = 'Nina Test'")" = editor,publisher ]
expect_screen "the cursor is on the new person" "$(row_of nina.test)"

# A login in use: the core's reason, nothing changes.
BEFORE=$(db_digest "$DB")
keys a
keys C-u; keys -l "$SOME"; keys Enter Enter Enter Enter Enter
expect_screen "the core refuses a login in use" "not added: $SOME is already in the programme"
equals "and nothing changed" "$(db_digest "$DB")" "$BEFORE"
keys a
expect_screen "the next a starts from what was typed" "Login: $SOME"
keys Escape

# Roles, team, deactivation on nina.test (the selected row).
keys R
expect_screen "R shows the roles as a toggle list" "e editor [x]"
keys c Enter
if wait_sql "select roles from people where login = 'nina.test'" 14; then ok "c toggled creator on"; else not_ok "c toggled creator on"; fi
check "an event with the roles" [ "$(sql "$DB" "select json_extract(detail, '$.roles') from events where entity = 'person'
	and action = 'set' and entity_id = (select id from people where login = 'nina.test') order by id desc limit 1")" = editor,creator,publisher ]
# Someone else changes nina.test while the toggle list is open.
keys R
expect_screen "R again" "c creator [x]"
OTHER=$(sql "$DB" "select login from people where roles & 1 and login <> '$(id -un)' order by login limit 1")
sql "$DB" "update people set version = version + 1, updated_at = 1795435300,
	   updated_by = (select id from people where login = '$OTHER') where login = 'nina.test'"
keys m Enter
expect_screen "the conflict names who changed it" "not saved: $OTHER changed nina.test at"
check "the roles stay as they were" [ "$(sql "$DB" "select roles from people where login = 'nina.test'")" = 14 ]
keys R
expect_screen "the next R starts from the roles chosen" "m master [x]"
keys Enter
if wait_sql "select roles from people where login = 'nina.test'" 15; then ok "saved over theirs"; else not_ok "saved over theirs"; fi
keys T
expect_screen "T starts from the team" "Team of nina.test: Nieuw team"
keys C-u; keys -l "$TEAM"; keys Enter
if wait_sql "select t.name from people p join teams t on t.id = p.team_id where login = 'nina.test'" "$TEAM"; then
	ok "the team is set"; else not_ok "the team is set"; fi
keys f
expect_screen "f lists the focus groups" "focus groups (Tab completes): $GROUP"
keys -l "$GROUP"; keys Enter
expect_screen "f joins a group" "nina.test: joined focus group $GROUP"
check "a member in the database, with the event" [ "$(sql "$DB" "select count(*) from focus_group_members m
	join people p on p.id = m.person_id join focus_groups g on g.id = m.group_id where p.login = 'nina.test'
	and g.name = '$GROUP'") $(sql "$DB" "select count(*) from events where entity = 'focus_group' and action = 'join'
	and json_extract(detail, '$.login') = 'nina.test'")" = "1 1" ]
keys f
expect_screen "and shows the membership" "$GROUP (member)"
keys -l "$GROUP"; keys Enter
expect_screen "f again leaves it" "nina.test: left focus group $GROUP"
check "no longer a member" [ "$(sql "$DB" "select count(*) from focus_group_members m join people p on p.id = m.person_id
	where p.login = 'nina.test'")" = 0 ]
keys d
expect_screen "d asks first" "Deactivate this person? (y/N)"
keys n Enter
expect_screen "no keeps them" "nothing changed"
check "still active" [ "$(sql "$DB" "select active from people where login = 'nina.test'")" = 1 ]
keys d
keys y Enter
expect_screen "y deactivates" "nina.test: deactivated"
check "inactive in the database" [ "$(sql "$DB" "select active from people where login = 'nina.test'")" = 0 ]
check "with the event chorus people set logs" [ "$(sql "$DB" "select detail from events where entity = 'person'
	and entity_id = (select id from people where login = 'nina.test') order by id desc limit 1")" = '{"active":false}' ]

# A handle.
keys P
expect_screen "P asks for the platform, listing them" "platforms: linkedin"
keys -l linkedin; keys Enter
keys -l nina-test; keys Enter
# The followers prompt starts from 0, selected: typing replaces it; a value
# that is not a number stays in the prompt, with the reason, to be fixed.
keys -l 4x; keys Enter
expect_screen "a refused number says why" "'4x' is not a whole number"
expect_screen "and keeps what was typed" "Followers of nina-test on linkedin: 4x"
keys BSpace; keys -l 2; keys Enter
expect_screen "the handle is saved" "nina-test on linkedin (42 followers)"
check "in person_platforms" [ "$(sql "$DB" "select handle || ' ' || followers from person_platforms pp
	join people p on p.id = pp.person_id where login = 'nina.test'")" = "nina-test 42" ]
quit_clean "chorus quits cleanly after the master's changes"

# A publisher is refused with the core's reason.
BEFORE=$(db_digest "$DB")
tui_start -- --as "$PUB"
expect_screen "the publisher's board" "Inbox"
keys 7
expect_screen "the publisher sees the people" "People $((N + 1))"
keys a
expect_screen "a is refused with the core's reason" "adding people needs the master role; $PUB has publisher"
keys R
expect_screen "R is refused" "changing people needs the master role"
keys d
expect_screen "d is refused" "changing people needs the master role"
keys f
expect_screen "f is refused" "changing focus groups needs the master role"
keys G P
expect_screen "P on someone else is refused" "changing someone else's handles needs the master role"
quit_clean "chorus quits cleanly for the publisher"
equals "the publisher changed nothing" "$(db_digest "$DB")" "$BEFORE"
finish
