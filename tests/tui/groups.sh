#!/bin/sh
# groups.sh — focus groups and the ambassador journey in the TUI (issue 13):
# People's F opens the groups over-panel, where a master adds a group with
# its purpose and owner (n), renames and describes it (e), archives (A,
# after a question) and restores (R) it, and sees its members (Enter); f
# completes group names with Tab, leaves archived groups out, and makes a
# new group after a question; J sets the journey state with Tab completion;
# a campaign can be for a focus group in use (the Campaigns form); Engagement's
# quiet list skips a paused person and says so.  Each change
# is checked in the database with its audit event, and q backs out.
. tests/lib/tap.sh
. tests/tui/tmux.inc

ch --db "$DB" init --org "Groups BV"
ch --db "$DB" people add anna --name "Anna Bakker"
ch --db "$DB" people add bert --name "Bert Smit"
ch --db "$DB" group add Voorlopers --purpose "the front-runners"
ch --db "$DB" people set bert --groups Voorlopers
expect "setup" 0
ME=$(id -un)
ev() { sql "$DB" "select count(*) from events where entity = '$1' and action = '$2'"; }

tui_start
expect_screen "chorus starts" "Inbox"
keys 7
expect_screen "People lists anna with her journey state" "Anna Bakker"
expect_screen "the State column" "State"
if screen | grep -E '^ *anna +Anna Bakker +- +---P +invited ' >/dev/null; then ok "anna's row: invited"; else
	not_ok "anna's row: invited" "$(screen | grep anna)"; fi

# --- the groups over-panel ----------------------------------------------------------------
keys F
expect_screen "F opens the focus groups" "Focus groups 1"
expect_screen "named in the tabs line" "> Focus groups"
expect_screen "with the group's purpose" "the front-runners"
if screen | grep -E '^ *Voorlopers +- +1 +the front-runners' >/dev/null; then ok "name, owner, members, purpose"; else
	not_ok "name, owner, members, purpose" "$(screen | grep Voorlopers)"; fi
keys Enter
expect_screen "Enter shows the members" "Members of Voorlopers: bert"

keys n
expect_screen "n opens the new group form" "New focus group"
keys -l "Zorg"; keys Tab; keys -l "Colleagues in care"; keys Tab; keys -l "anna"; keys Enter
expect_screen "the group is added" "added focus group Zorg"
check "in the database with its purpose and owner" [ "$(sql "$DB" "select g.description, p.login from focus_groups g
	join people p on p.id = g.owner_id where g.name = 'Zorg'")" = "Colleagues in care|anna" ]
check "and the add event" [ "$(ev focus_group add)" = 2 ]
expect_screen "the list shows it" "Colleagues in care"

keys n
keys -l "Voorlopers"; keys Enter
expect_screen "a taken name is refused in the form" "there is a focus group of that name already"
expect_screen "the form stays open, values kept" "New focus group"
keys Escape
expect_screen "Esc cancels" "cancelled"
check "nothing added" [ "$(sql "$DB" "select count(*) from focus_groups")" = 2 ]

# The cursor is on Zorg (added last): rename and describe it.
keys e
expect_screen "e opens the group's form" "Focus group Zorg"
keys C-u; keys -l "Zorgteam"; keys Tab; keys C-u; keys -l "Care colleagues who tell"; keys Enter
expect_screen "the change is saved" "saved focus group Zorgteam"
check "renamed and described in the database" [ "$(sql "$DB" "select name, description from focus_groups where owner_id is not null")" = "Zorgteam|Care colleagues who tell" ]
check "a set event with the new name" [ "$(sql "$DB" "select json_extract(detail, '$.name') from events
	where entity = 'focus_group' and action = 'set'")" = Zorgteam ]

keys A
expect_screen "A asks first" "Archive Zorgteam?"
keys n Enter
check "no keeps it in use" [ "$(sql "$DB" "select archived_at is null from focus_groups where name = 'Zorgteam'")" = 1 ]
keys A
keys y Enter
expect_screen "y archives it" "archived focus group Zorgteam"
expect_screen "shown as archived" "(archived) Care colleagues"
check "archived in the database, kept" [ "$(sql "$DB" "select archived_at is not null from focus_groups where name = 'Zorgteam'")" = 1 ]
check "the archive event" [ "$(ev focus_group archive)" = 1 ]
keys q
expect_screen "q goes back to People" "People 3"

# --- f: Tab completion, archived left out, a new group after a question -------------------
keys g
keys f
expect_screen "f lists the groups in use" "focus groups (Tab completes): Voorlopers"
if screen | grep -q "Zorgteam"; then not_ok "the archived group is not offered" "$(screen | grep Zorgteam)"; else
	ok "the archived group is not offered"; fi
keys -l "Voor"; keys Tab
expect_screen "Tab completes the name" "join or leave: Voorlopers"
keys Enter
expect_screen "f joins the completed group" "anna: joined focus group Voorlopers"
check "anna is a member" [ "$(sql "$DB" "select count(*) from focus_group_members m join people p on p.id = m.person_id
	join focus_groups g on g.id = m.group_id where p.login = 'anna' and g.name = 'Voorlopers'")" = 1 ]
keys f
keys -l "Nieuwkomers"; keys Enter
expect_screen "a new name asks first" "No focus group Nieuwkomers yet"
keys y Enter
expect_screen "y makes it and joins it" "anna: joined focus group Nieuwkomers"
check "the group and the membership in the database" [ "$(sql "$DB" "select count(*) from focus_group_members m
	join focus_groups g on g.id = m.group_id join people p on p.id = m.person_id
	where g.name = 'Nieuwkomers' and p.login = 'anna'")" = 1 ]

# --- J: the journey state ---------------------------------------------------------------
keys J
expect_screen "J asks for the state" "Journey state of anna:"
keys C-u; keys -l "pa"; keys Tab
expect_screen "Tab completes the state" "Journey state of anna: paused"
keys Enter
expect_screen "J sets it" "anna: now paused"
check "paused in the database" [ "$(sql "$DB" "select journey from people where login = 'anna'")" = paused ]
check "with a dated step in its history" [ "$(sql "$DB" "select group_concat(state, ',') from person_journey j
	join people p on p.id = j.person_id where p.login = 'anna' order by j.id")" = "invited,paused" ]
check "and the set event" [ "$(sql "$DB" "select json_extract(detail, '$.state') from events where entity = 'person'
	and action = 'set' order by id desc limit 1")" = paused ]
if screen | grep -E '^ *anna +Anna Bakker +- +---P +paused ' >/dev/null; then ok "the row shows paused"; else
	not_ok "the row shows paused" "$(screen | grep anna)"; fi
keys J
keys C-u; keys -l "asleep"; keys Enter
expect_screen "an unknown state is refused where it is typed" "use invited, onboarded, active or paused"
keys Escape
check "still paused" [ "$(sql "$DB" "select journey from people where login = 'anna'")" = paused ]
keys Enter
expect_screen "the detail shows the journey" "paused since"

# --- a campaign for a focus group ---------------------------------------------------------
keys q
keys 6
expect_screen "Campaigns" "Campaigns"
keys n
expect_screen "n opens the campaign form" "New campaign"
keys -l "Open day"; keys Tab Tab Tab Tab Tab Tab
expect_screen "the group field offers the groups in use" "focus groups: Nieuwkomers, Voorlopers (empty: none)"
keys -l "Zorgteam"; keys Enter
expect_screen "an archived group is refused" "focus group Zorgteam: it is archived"
check "no campaign saved" [ "$(sql "$DB" "select count(*) from campaigns")" = 0 ]
keys n
expect_screen "n opens the kept values" "New campaign"
keys Tab Tab Tab Tab Tab Tab; keys C-u; keys -l "Voorlopers"; keys Enter
expect_screen "the campaign is added" "added campaign Open day"
check "for the group, in the database" [ "$(sql "$DB" "select g.name from campaigns c join focus_groups g on g.id = c.group_id")" = Voorlopers ]
check "the add event names it" [ "$(sql "$DB" "select json_extract(detail, '$.group') from events where entity = 'campaign'")" = Voorlopers ]
keys Enter
expect_screen "the campaign's detail shows the group" "Group     Voorlopers"
keys q

# --- the quiet list skips the paused ------------------------------------------------------
keys 4
expect_screen "Engagement's quiet list says who was skipped" "1 paused: skipped"
quit_clean "q quits cleanly"
finish
