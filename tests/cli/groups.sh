# groups.sh — chorus group add|list|set|archive|restore|members (issue 13):
# every subcommand, its audit event, the list in every format, and every
# refusal with the field it names and its exit status (2 bad input, 1 refused
# or not found); people add/set --groups (set replaces the groups in use,
# archived ones stay), --handle PLATFORM=ACCOUNT[:FOLLOWERS] (repeatable,
# all or nothing) and --state (dated history, audited); the digest's quiet
# list leaves out a paused person and says so.
. tests/lib/tap.sh

DB=$T_DIR/chorus.db
# A fixed clock from the start (the file is made under it): dated steps.
export CHORUS_NOW=2026-03-01T09:00
ev() { sql "$DB" "select count(*) from events where entity = '$1' and action = '$2'"; }
members() { sql "$DB" "select group_concat(g.name, ',') from (select g.name from focus_group_members m
	join focus_groups g on g.id = m.group_id join people p on p.id = m.person_id
	where p.login = '$1' order by g.name) g"; }

ch --db "$DB" init --org "Groups BV"
expect "init" 0
ch --db "$DB" people add anna --name "Anna Bakker"
ch --db "$DB" people add bert --roles editor
expect "two people" 0

# --- add ------------------------------------------------------------------------------------
ch --db "$DB" group add Voorlopers --purpose "The front-runners" --owner anna
expect "group add with purpose and owner" 0 "" "added focus group Voorlopers"
equals "in the database" "$(sql "$DB" "select g.name, g.description, p.login, g.archived_at is null from focus_groups g
	join people p on p.id = g.owner_id")" "Voorlopers|The front-runners|anna|1"
equals "the add event names what was set" "$(sql "$DB" "select detail from events where entity = 'focus_group'")" \
	'{"name":"Voorlopers","purpose":"The front-runners","owner":"anna"}'
ch --db "$DB" group add Zorg
expect "group add with a name only" 0 "" "added focus group Zorg"
refused "a taken name: exit 2, names the field" 2 "name Zorg: there is a focus group of that name already" group add Zorg
refused "a comma in the name: exit 2" 2 "name \"A,B\": a focus group's name cannot hold a comma" group add "A,B"
refused "an unknown owner: exit 1, names --owner" 1 "--owner ghost: no such person" group add Nieuw --owner ghost
refused "an empty name: exit 2" 2 "name" group add ""
refused "a control character in the purpose: exit 2, names --purpose" 2 "--purpose" group add Nieuw --purpose "$(printf 'a\033b')"
refused "a non-master: exit 1" 1 "adding focus groups needs the master role" --as bert group add Nieuw
refused "no name: exit 2" 2 "which NAME?" group add
refused "two names: exit 2" 2 "one NAME, please" group add A B
refused "an unknown subcommand: exit 2" 2 "unknown subcommand 'frob'" group frob
refused "--name is for set: exit 2" 2 "--name is for group set" group add X --name Y

# --- list, in every format --------------------------------------------------------------
ch --db "$DB" group list --format text
expect "group list --format text" 0 "" "NAME"
has_line "the row of Voorlopers" "Voorlopers  The front-runners  anna         0  -"
ch --db "$DB" group list --format csv
expect "group list --format csv" 0 "" "name,purpose,owner,members,archived"
expect "csv: Zorg" 0 "" "Zorg,,,0,"
ch --db "$DB" group list --format json
expect "group list --format json" 0 "" '{"name":"Voorlopers","purpose":"The front-runners","owner":"anna","members":0,"archived":""}'
ch --db "$DB" group list --format tsv
expect "group list --format tsv" 0 "" "$(printf 'Zorg\t\t\t0\t')"
refused "group list --format xml: exit 2" 2 "--format 'xml'" group list --format xml
refused "group list takes no arguments" 2 "group list takes no arguments" group list extra

# --- set ---------------------------------------------------------------------------------
ch --db "$DB" group set Zorg --name Zorgteam --purpose "Care colleagues" --owner bert
expect "group set: rename, describe, owner" 0 "" "changed focus group Zorgteam"
equals "changed in the database" "$(sql "$DB" "select g.name, g.description, p.login from focus_groups g
	join people p on p.id = g.owner_id where g.name = 'Zorgteam'")" "Zorgteam|Care colleagues|bert"
equals "the set event" "$(sql "$DB" "select detail from events where entity = 'focus_group' and action = 'set'")" \
	'{"name":"Zorgteam","purpose":"Care colleagues","owner":"bert"}'
ch --db "$DB" group set Zorgteam --owner "" --purpose ""
expect "group set: \"\" clears owner and purpose" 0
equals "cleared" "$(sql "$DB" "select coalesce(description, '-'), coalesce(owner_id, '-') from focus_groups where name = 'Zorgteam'")" "-|-"
refused "group set on nobody: exit 1" 1 "no such focus group: Ghost" group set Ghost --purpose x
refused "group set to a taken name: exit 2" 2 "name Voorlopers: there is a focus group of that name already" \
	group set Zorgteam --name Voorlopers
refused "group set needs something: exit 2" 2 "group set needs something to change" group set Zorgteam
refused "a non-master may not rename" 1 "changing focus groups needs the master role" --as bert group set Zorgteam --name X

# --- --groups on people -------------------------------------------------------------------
ch --db "$DB" people set anna --groups "Voorlopers, Zorgteam"
expect "people set --groups" 0 "" "changed anna"
equals "anna is in both" "$(members anna)" "Voorlopers,Zorgteam"
equals "two join events" "$(ev focus_group join)" 2
ch --db "$DB" people set anna --groups Zorgteam
expect "people set --groups replaces" 0
equals "anna left Voorlopers" "$(members anna)" "Zorgteam"
equals "a leave event" "$(ev focus_group leave)" 1
refused "an unknown group: exit 1, names --groups" 1 "--groups Ghost: no such focus group" people set anna --groups Zorgteam,Ghost
ch --db "$DB" people add carla --groups Voorlopers
expect "people add --groups" 0
equals "carla is in Voorlopers" "$(members carla)" "Voorlopers"

# --- members, archive, restore -----------------------------------------------------------
ch --db "$DB" group members Voorlopers
expect "group members" 0 "" "carla"
equals "one login a line" "$OUT" "carla"
refused "members of nobody: exit 1" 1 "no such focus group: Ghost" group members Ghost
ch --db "$DB" group archive Zorgteam
expect "group archive" 0 "" "archived focus group Zorgteam"
check "archived_at is set, the members kept" [ "$(sql "$DB" "select archived_at is not null from focus_groups
	where name = 'Zorgteam'")|$(members anna)" = "1|Zorgteam" ]
equals "the archive event" "$(ev focus_group archive)" 1
ch --db "$DB" group list --format csv
if printf '%s' "$OUT" | grep -q Zorgteam; then not_ok "group list leaves the archived out" "$OUT"; else ok "group list leaves the archived out"; fi
ch --db "$DB" group list --all --format csv
expect "group list --all shows it with the date" 0 "" "Zorgteam,,,1,2026-03-01"
refused "archiving twice: exit 1" 1 "focus group Zorgteam is archived already" group archive Zorgteam
refused "joining an archived group: exit 1" 1 "--groups Zorgteam: the focus group is archived" people set bert --groups Zorgteam
ch --db "$DB" people set anna --groups Voorlopers
expect "set --groups keeps archived memberships" 0
equals "anna: Voorlopers, and still Zorgteam (archived)" "$(members anna)" "Voorlopers,Zorgteam"
ch --db "$DB" people set anna --groups ""
expect "--groups \"\" leaves every group in use" 0
equals "anna: only the archived one" "$(members anna)" "Zorgteam"
ch --db "$DB" group restore Zorgteam
expect "group restore" 0 "" "restored focus group Zorgteam"
refused "restoring twice: exit 1" 1 "focus group Zorgteam is not archived" group restore Zorgteam
refused "a non-master may not archive" 1 "archiving focus groups needs the master role" --as bert group archive Zorgteam

# --- completion ------------------------------------------------------------------------------
# An archived group is never offered.
ch --db "$DB" group archive Zorgteam
expect "archive Zorgteam again" 0
words() { "$CHORUS" completion words "$@" | tr '\n' ' ' | sed 's/ $//'; }
equals "completion: group's subcommands" "$(words 4 chorus --db "$DB" group "")" "add set list archive restore members"
equals "completion: a GROUP is a group in use" "$(words 5 chorus --db "$DB" group members "")" "Voorlopers"
equals "completion: --groups offers the groups in use" "$(words 7 chorus --db "$DB" people set anna --groups "")" "Voorlopers"
OWNERS=" $(words 7 chorus --db "$DB" group set Voorlopers --owner "") "
for who in anna bert carla; do
	case $OWNERS in *" $who "*) ok "completion: --owner offers $who" ;; *) not_ok "completion: --owner offers $who" "$OWNERS" ;; esac
done
equals "completion: --state offers the states" "$(words 7 chorus --db "$DB" people set anna --state "")" \
	"invited onboarded active paused"

# --- --handle ----------------------------------------------------------------------------
sql "$DB" "insert into platforms(key, name) values('linkedin', 'LinkedIn'), ('x', 'X')"
ch --db "$DB" people set anna --handle linkedin=anouk:1200 --handle x=@anouk
expect "people set --handle twice" 0
equals "both handles, with followers" "$(sql "$DB" "select group_concat(pl.key || '=' || pp.handle || ':' || pp.followers, ';')
	from person_platforms pp join platforms pl on pl.id = pp.platform_id order by pl.key")" "linkedin=anouk:1200;x=@anouk:0"
ch --db "$DB" people set anna --handle linkedin=anouk-b
expect "a handle without followers" 0
equals "keeps the followers" "$(sql "$DB" "select handle, followers from person_platforms pp join platforms pl
	on pl.id = pp.platform_id where pl.key = 'linkedin'")" "anouk-b|1200"
ch --db "$DB" people set anna --handle "x=https://x.com/anouk:77"
expect "an account with a colon, then followers" 0
equals "the account keeps its colon" "$(sql "$DB" "select handle || '|' || followers from person_platforms pp join platforms pl
	on pl.id = pp.platform_id where pl.key = 'x'")" "https://x.com/anouk|77"
refused "no '=': exit 2, names --handle" 2 "--handle linkedin: use PLATFORM=ACCOUNT" people set anna --handle linkedin
refused "an empty account: exit 2" 2 "--handle x=: the account is empty" people set anna --handle x=
refused "an unknown platform: exit 1, nothing saved" 1 "--handle mastodon=a: no such platform mastodon" \
	people set anna --handle x=@new --handle mastodon=a
ch --db "$DB" people add dirk --handle linkedin=dirk:5
expect "people add --handle" 0
equals "dirk's handle" "$(sql "$DB" "select handle || ':' || followers from person_platforms pp join people p on p.id = pp.person_id
	where p.login = 'dirk'")" "dirk:5"

# --- --state: the ambassador journey --------------------------------------------------------
equals "a new person is invited, with one dated step" "$(sql "$DB" "select p.journey, count(j.id), max(j.at) > 0 from people p
	join person_journey j on j.person_id = p.id where p.login = 'dirk'")" "invited|1|1"
CHORUS_NOW=2026-03-02T09:00 "$CHORUS" --db "$DB" people set dirk --state onboarded >/dev/null
CHORUS_NOW=2026-03-09T09:00 "$CHORUS" --db "$DB" people set dirk --state active >/dev/null
CHORUS_NOW=2026-03-16T09:00 "$CHORUS" --db "$DB" people set dirk --state paused >/dev/null
equals "each change dated in the history" "$(sql "$DB" "select group_concat(state || '@' || date(at, 'unixepoch'), ',') from
	(select j.state, j.at from person_journey j join people p on p.id = j.person_id where p.login = 'dirk' and j.id >
	 (select min(id) from person_journey j2 where j2.person_id = p.id) order by j.id)")" \
	"onboarded@2026-03-02,active@2026-03-09,paused@2026-03-16"
equals "and audited" "$(sql "$DB" "select group_concat(json_extract(detail, '$.state'), ',') from events where entity = 'person'
	and entity_id = (select id from people where login = 'dirk') and action = 'set'")" "onboarded,active,paused"
ch --db "$DB" people list --format csv
expect "people list shows the state and its date" 0 "" "dirk,dirk,,publisher,yes,paused,2026-03-16"
before=$(sql "$DB" "select count(*) from person_journey")
ch --db "$DB" people set dirk --state paused
expect "the same state again" 0
equals "writes no step" "$(sql "$DB" "select count(*) from person_journey")" "$before"
refused "an unknown state: exit 2, names --state" 2 "--state 'asleep': use invited, onboarded, active or paused" \
	people set dirk --state asleep
refused "a non-master may not set it" 1 "changing people needs the master role" --as bert people set dirk --state active
ch --db "$DB" people add erik --state onboarded
expect "people add --state" 0
equals "erik starts onboarded" "$(sql "$DB" "select journey from people where login = 'erik'")" onboarded

# --- the digest skips the paused -----------------------------------------------------------
# Everyone was added before the week of 2026-03-16: all quiet; dirk paused.
DB2=$T_DIR/digest.db
"$CHORUS" --db "$DB2" init --org D >/dev/null
for p in fay gus; do CHORUS_NOW=2026-03-02T09:00 "$CHORUS" --db "$DB2" people add $p >/dev/null; done
CHORUS_NOW=2026-03-18T09:00 "$CHORUS" --db "$DB2" people set gus --state paused >/dev/null
OUT=$(CHORUS_NOW=2026-03-23T09:00 "$CHORUS" --db "$DB2" digest --week 2026-W12 2>&1)
has_line "the digest lists the quiet" "  fay (fay): never active"
if printf '%s\n' "$OUT" | grep -q "gus"; then not_ok "the paused one is not listed" "$OUT"; else ok "the paused one is not listed"; fi
has_line "and says how many were skipped" "  (1 paused on the ambassador journey: not listed)"
OUT=$(CHORUS_NOW=2026-03-23T09:00 "$CHORUS" --db "$DB2" digest --week 2026-W11 2>&1)
has_line "a week before the pause: gus is listed" "  gus (gus): never active"
finish
