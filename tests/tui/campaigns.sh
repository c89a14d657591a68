#!/bin/sh
# campaigns.sh — panel 6 on the demo organisation, on a fixed day: the list
# shows every campaign, active first, with its status, period and shares
# against the target as sqlite3 counts them; Enter shows goal, audience,
# sharers, shares per platform and per week, and the messages; a master adds
# a campaign (a row and an event), is refused with the core's reason (and
# nothing changes, what was typed is kept), edits one (only the changed
# field, versioned), meets someone else's change (told who, keeps the
# typed values, saves them on the next e), and ends one today; a publisher
# is refused with the core's reason and the database stays as it was.
. tests/lib/tap.sh
. tests/tui/tmux.inc

export CHORUS_NOW=2026-11-23T12:00:00
"$CHORUS" --db "$DB" demo --no-tui >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
ME=$(sql "$DB" "select login from people where roles & 1 and id = (select min(id) from people)")
PUB=$(sql "$DB" "select login from people where roles = 8 and active order by login limit 1")
OTHER=$(sql "$DB" "select login from people where roles & 1 and login <> '$ME' order by login limit 1")

shares_of() {
	sql "$DB" "select count(*) from shares sh join messages m on m.id = sh.message_id
		   join content ct on ct.id = m.content_id where ct.campaign_id = $1"
}
# The list row of campaign $1 from status on: status, period, shares/target.
row_of() {
	sql "$DB" "select case when '2026-11-23' < starts then 'upcoming' when '2026-11-23' > ends then 'ended'
		   else 'active' end, starts, substr(ends, 6), target_shares from campaigns where id = $1" |
	{ IFS='|' read -r st from to target
	  printf '%-9s%s \342\200\223 %s %9s' "$st" "$from" "$to" "$(shares_of "$1")/$target"; }
}

tui_start
expect_screen "the board starts" "Inbox"
keys 6
expect_screen "6 opens the campaigns, counted, with today's date" "Campaigns 3   1 active   today 2026-11-23"
ACTIVE=$(sql "$DB" "select id from campaigns where starts <= '2026-11-23' and ends >= '2026-11-23'")
for id in $(sql "$DB" "select id from campaigns order by id"); do
	expect_screen "campaign $id: status, period and shares against its target" "$(row_of "$id")"
done
first=$(screen | sed -n 4p)
case "$first" in
*"$(row_of "$ACTIVE")"*) ok "the active campaign is listed first" ;;
*) not_ok "the active campaign is listed first" "row 1: $first" ;;
esac
GOAL=$(sql "$DB" "select g.title from campaigns c join goals g on g.id = c.goal_id where c.id = $ACTIVE")
expect_screen "a row shows the goal" "$GOAL"

keys Enter
expect_screen "Enter opens the detail of the active campaign" "> Detail"
expect_screen "the detail shows the goal" "Goal      $GOAL"
AUD=$(sql "$DB" "select a.name from campaigns c join audiences a on a.id = c.audience_id where c.id = $ACTIVE")
expect_screen "the detail shows the audience" "Audience  $AUD"
SHARERS=$(sql "$DB" "select count(distinct sh.person_id) from shares sh join messages m on m.id = sh.message_id
		     join content ct on ct.id = m.content_id where ct.campaign_id = $ACTIVE")
expect_screen "the detail says how many people shared it, not who shared most" "shared by $SHARERS people: "
sql "$DB" "select pl.name, count(*) from shares sh join platforms pl on pl.id = sh.platform_id
	   join messages m on m.id = sh.message_id join content ct on ct.id = m.content_id
	   where ct.campaign_id = $ACTIVE group by pl.id" >"$T_DIR/platforms"
while IFS='|' read -r name n; do
	expect_screen "shares on $name" "$(printf '%-16.16s %6d' "$name" "$n")"
done <"$T_DIR/platforms"
BUSY=$(sql "$DB" "select cast((sh.shared_at - 345600) / 604800 as integer) w, count(*) from shares sh
		  join messages m on m.id = sh.message_id join content ct on ct.id = m.content_id
		  where ct.campaign_id = $ACTIVE group by w order by 2 desc, 1 limit 1")
WEEK=$(date -u -d "@$(( ${BUSY%|*} * 604800 + 345600 + 3 * 86400 ))" +%G-W%V)
expect_screen "shares in the busiest week, $WEEK" "$(printf '%-9s %4d  total' "$WEEK" "${BUSY#*|}")"
WEEKS=$(sql "$DB" "select (julianday(ends) - julianday(starts)) / 7 + 1 from campaigns where id = $ACTIVE" | cut -d. -f1)
expect_screen "the weekly pace the target needs" "in $WEEKS weeks: about"
NMSG=$(sql "$DB" "select count(*) from content ct left join messages m on m.content_id = ct.id where ct.campaign_id = $ACTIVE")
expect_screen "the messages of the campaign, counted" "Messages ($NMSG)"
keys q
expect_screen "q goes back to the list" "Campaigns 3   1 active"

# A master adds a campaign: a form (Tab goes to the next field, Enter saves).
keys n
expect_screen "n opens the form" "New campaign"
keys -l "Voorjaar 2027"
keys Tab
expect_screen "the goals there are show while the goal is edited" "goals: "
keys -l "$GOAL"; keys Tab
keys -l "$AUD"; keys Tab
keys -l 2027-03-01; keys Tab
keys -l 2027-04-30; keys Tab
keys C-u; keys -l 8x
expect_screen "a target that is not a number is refused as it is typed" "not a whole number"
keys BSpace 0 Enter
expect_screen "the new campaign is added" "added campaign Voorjaar 2027"
if wait_sql "select starts || ' ' || ends || ' ' || target_shares || ' ' || (goal_id is not null) from campaigns where name = 'Voorjaar 2027'" \
	"2027-03-01 2027-04-30 80 1"; then ok "its row has the dates, the target and the goal"; else not_ok "its row has the dates, the target and the goal"; fi
check "and the audit log has its event" [ "$(sql "$DB" "select json_extract(detail, '$.target_shares') from events
	where entity = 'campaign' and action = 'add' and json_extract(detail, '$.name') = 'Voorjaar 2027'")" = 80 ]
expect_screen "it is listed as upcoming" "$(row_of "$(sql "$DB" "select id from campaigns where name = 'Voorjaar 2027'")")"

# The core refuses an end before the start; nothing changes, the values stay.
# (A digest of the whole database: the file alone misses what is in its WAL.)
BEFORE=$(db_digest "$DB")
keys n
expect_screen "n opens the form again" "New campaign"
keys -l "Zomer 2027"
keys Tab Tab Tab; keys -l 2027-08-01
keys Tab; keys -l 2027-07-01
keys Enter
expect_screen "the core's reason is shown" "not saved: the campaign ends (2027-07-01) before it starts (2027-08-01)"
equals "a refused campaign changes nothing" "$(db_digest "$DB")" "$BEFORE"
keys n
expect_screen "the next n starts from what was typed" "Zomer 2027"
keys Escape
wait_gone "New campaign" >/dev/null

# Edit: the selected campaign's target only.
ID=$(sql "$DB" "select id from campaigns where name = 'Voorjaar 2027'")
keys g j
keys e
expect_screen "e opens the form of the selected campaign" " Campaign $ID "
keys Tab Tab Tab Tab Tab C-u; keys -l 120; keys Enter
expect_screen "the change is saved" "saved campaign Voorjaar 2027"
if wait_sql "select target_shares || ' ' || version from campaigns where id = $ID" "120 2"; then
	ok "the target changed and the version went up"; else not_ok "the target changed and the version went up" "$(sql "$DB" "select target_shares, version from campaigns where id = $ID")"; fi
check "the event holds only the changed field" [ "$(sql "$DB" "select detail from events where entity = 'campaign'
	and entity_id = $ID and action = 'set'")" = '{"target_shares":120}' ]

# Someone else changes it while the prompts are open.
keys e
expect_screen "e again" " Campaign $ID "
sql "$DB" "update campaigns set target_shares = 95, version = version + 1, updated_at = 1795435300,
	   updated_by = (select id from people where login = '$OTHER') where id = $ID"
keys Tab Tab Tab Tab Tab C-u; keys -l 150; keys Enter
expect_screen "the conflict names who changed it" "not saved: $OTHER changed campaign Voorjaar 2027 at"
check "their value stays" [ "$(sql "$DB" "select target_shares from campaigns where id = $ID")" = 95 ]
keys e
expect_screen "the next e opens the form again" " Campaign $ID "
keys Tab Tab Tab Tab Tab
expect_screen "and shows theirs" "theirs: 95"
expect_screen "with the typed target" "Target shares        150"
keys Enter
if wait_sql "select target_shares from campaigns where id = $ID" 150; then ok "saved over theirs"; else not_ok "saved over theirs"; fi

# End the active campaign today.
keys g
keys x
expect_screen "x asks first" "End this campaign today? (y/N)"
keys y Enter
expect_screen "it ends today" "ends today (2026-11-23)"
check "its end date is today" [ "$(sql "$DB" "select ends from campaigns where id = $ACTIVE")" = 2026-11-23 ]
check "with an end event" [ "$(sql "$DB" "select count(*) from events where entity = 'campaign' and entity_id = $ACTIVE and action = 'end'")" = 1 ]
keys x y Enter
expect_screen "a second time the core refuses" "not ended: "
quit_clean "chorus quits cleanly after the master's changes"

# A publisher reads, and is refused with the core's reason.
BEFORE=$(db_digest "$DB")
tui_start -- --as "$PUB"
expect_screen "the publisher's board" "Inbox"
keys 6
expect_screen "the publisher sees the list" "Voorjaar 2027"
keys n
expect_screen "n is refused with the core's reason" "adding campaigns needs the master role; $PUB has publisher"
keys e
expect_screen "e is refused" "changing campaigns needs the master role"
keys x
expect_screen "x is refused" "ending campaigns needs the master role"
keys Enter
expect_screen "the publisher sees the detail" "> Detail"
quit_clean "chorus quits cleanly for the publisher"
equals "the publisher changed nothing" "$(db_digest "$DB")" "$BEFORE"
finish
