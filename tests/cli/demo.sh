# demo.sh — chorus demo: what it builds (people, teams and roles, the whole
# strategy, ~300 items in every stage with their messages, campaigns, half a
# year of uneven activity), that it is the same for the same seed and clock,
# that it refreshes its own file, that it uses its own default path, and that
# it refuses anything that is not a demo database and leaves it as it was.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/demo.db
NOW=2026-11-23T10:00:00

# equals NAME GOT WANT
# between NAME VALUE LO HI
between() {
	if [ "$2" -ge "$3" ] 2>/dev/null && [ "$2" -le "$4" ]; then
		ok "$1"
	else
		not_ok "$1" "got $2, expected $3..$4"
	fi
}
# at_least NAME VALUE MIN
at_least() {
	if [ "$2" -ge "$3" ] 2>/dev/null; then ok "$1"; else not_ok "$1" "got $2, expected at least $3"; fi
}
# same_file NAME FILE COPY: FILE has exactly the bytes of COPY.
same_file() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$2 changed: $(cmp "$2" "$3" 2>&1)"; fi
}

# --- building ------------------------------------------------------------------
CHORUS_NOW=$NOW ch --db "$DB" demo --no-tui
expect "demo --no-tui builds the demo database" 0 "" "built the demo of Kwekerij De Groene Vlinder"
expect "the summary names the stages" 0 "" "inbox"
equals "the file is marked as a demo" "$(sql "$DB" "SELECT value FROM meta WHERE key = 'demo'")" 1
equals "the organisation is the fictional one" \
	"$(sql "$DB" "SELECT value FROM meta WHERE key = 'organisation'")" "Kwekerij De Groene Vlinder"
equals "integrity_check is ok" "$(sql "$DB" "PRAGMA integrity_check")" ok
ch --db "$DB" doctor
expect "doctor is happy with the demo database" 0 "" "integrity      ok"

# --- people, teams, roles ------------------------------------------------------------
between "about sixty people" "$(sql "$DB" "SELECT count(*) FROM people")" 55 65
equals "five teams" "$(sql "$DB" "SELECT count(*) FROM teams")" 5
equals "everyone is in a team" "$(sql "$DB" "SELECT count(*) FROM people WHERE team_id IS NULL")" 0
equals "everyone is a publisher" "$(sql "$DB" "SELECT count(*) FROM people WHERE NOT roles & 8")" 0
equals "the caller is a master" "$(sql "$DB" "SELECT roles & 1 FROM people WHERE login = '$ME'")" 1
between "about two masters" "$(sql "$DB" "SELECT count(*) FROM people WHERE roles & 1")" 2 3
between "about six editors" "$(sql "$DB" "SELECT count(*) FROM people WHERE roles & 2 AND NOT roles & 1")" 5 8
between "about twelve creators" "$(sql "$DB" "SELECT count(*) FROM people WHERE roles & 4 AND NOT roles & 1")" 10 15
equals "every person has a valid e-mail or none" \
	"$(sql "$DB" "SELECT count(*) FROM people WHERE email IS NOT NULL AND email NOT LIKE '%@%'")" 0
at_least "people have platform handles" "$(sql "$DB" "SELECT count(*) FROM person_platforms")" 40
equals "two focus groups" "$(sql "$DB" "SELECT count(*) FROM focus_groups")" 2
at_least "people active on the ambassador journey" "$(sql "$DB" "SELECT count(*) FROM people WHERE journey = 'active'")" 10
at_least "some were only invited" "$(sql "$DB" "SELECT count(*) FROM people WHERE journey = 'invited'")" 1

# --- the strategy -----------------------------------------------------------------------
equals "three goals" "$(sql "$DB" "SELECT count(*) FROM goals")" 3
equals "every goal has a KPI and an audience" "$(sql "$DB" "SELECT count(*) FROM goals g WHERE
	kpi_metric IS NULL OR kpi_target <= 0 OR kpi_period IS NULL OR
	NOT EXISTS (SELECT 1 FROM goal_audiences a WHERE a.goal_id = g.id)")" 0
equals "four audiences" "$(sql "$DB" "SELECT count(*) FROM audiences")" 4
equals "every audience has an information need and platforms" "$(sql "$DB" "SELECT count(*) FROM audiences a
	WHERE info_need IS NULL OR NOT EXISTS (SELECT 1 FROM audience_platforms p WHERE p.audience_id = a.id)")" 0
equals "five pillars with colours" "$(sql "$DB" "SELECT count(*) FROM pillars WHERE colour <> ''")" 5
equals "four platforms with their length limits" \
	"$(sql "$DB" "SELECT group_concat(key || '=' || max_length, ' ') FROM (SELECT * FROM platforms ORDER BY position)")" \
	"linkedin=3000 x=280 instagram=2200 facebook=63206"
equals "platforms have EMV rates" "$(sql "$DB" "SELECT count(*) FROM platforms WHERE cpm > 0 AND cpc > 0")" 4
equals "eight message types" "$(sql "$DB" "SELECT count(*) FROM message_types")" 8
equals "six policy rules" "$(sql "$DB" "SELECT count(*) FROM policy_rules")" 6
equals "two of them block, the others guide" \
	"$(sql "$DB" "SELECT count(*) FROM policy_rules WHERE severity = 'block'")" 2
equals "every rule has guidance" "$(sql "$DB" "SELECT count(*) FROM policy_rules WHERE guidance IS NULL OR guidance = ''")" 0
equals "settings: quiet weeks and adoption target" \
	"$(sql "$DB" "SELECT group_concat(value, ' ') FROM (SELECT value FROM settings WHERE key IN ('quiet_weeks', 'adoption_target') ORDER BY key)")" \
	"0.10 4"
equals "the headcount is the whole organisation: ten times the people in chorus" \
	"$(sql "$DB" "SELECT count FROM headcount WHERE from_day = 0")" "$(($(sql "$DB" "SELECT count(*) FROM people") * 10))"

# --- content --------------------------------------------------------------------------------
between "about 300 content items" "$(sql "$DB" "SELECT count(*) FROM content")" 280 320
for stage in inbox editing ready shared rejected archived; do
	at_least "there are $stage items" "$(sql "$DB" "SELECT count(*) FROM content WHERE stage = '$stage'")" 5
done
equals "rejected items say why" \
	"$(sql "$DB" "SELECT count(*) FROM content WHERE stage = 'rejected' AND COALESCE(reject_reason, '') = ''")" 0
equals "every approved, ready or shared item has a message" "$(sql "$DB" "SELECT count(*) FROM content c
	WHERE (stage IN ('ready', 'shared') OR EXISTS (SELECT 1 FROM events e WHERE e.entity = 'content'
	       AND e.entity_id = c.id AND e.action = 'approve'))
	  AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.content_id = c.id)")" 0
equals "every item was submitted through the core (it has a submit event)" "$(sql "$DB" "SELECT count(*) FROM content c
	WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'content' AND e.entity_id = c.id AND e.action = 'submit')")" 0
equals "no message is longer than its platform allows" "$(sql "$DB" "SELECT count(*) FROM messages m
	JOIN platforms p ON p.id = m.platform_id WHERE p.max_length > 0 AND length(m.text) > p.max_length")" 0
at_least "messages come in variants" "$(sql "$DB" "SELECT count(*) FROM messages WHERE variant > 1")" 20
at_least "some items have media on the share" "$(sql "$DB" "SELECT count(*) FROM content_media WHERE path LIKE '/srv/share/media/%'")" 50
at_least "items carry pillars" "$(sql "$DB" "SELECT count(*) FROM content WHERE pillar_id IS NOT NULL")" 200
at_least "conversations in comments" "$(sql "$DB" "SELECT count(*) FROM comments")" 100

# No ready or shared message breaks a blocking rule (approval would have refused it).
sql "$DB" "SELECT m.text || char(10) || char(10) FROM messages m JOIN content c ON c.id = m.content_id
	WHERE c.stage IN ('ready', 'shared')" >"$T_DIR/approved.txt"
ch --db "$DB" check "$T_DIR/approved.txt"
expect "ready and shared messages pass the blocking rules" 0
# ... while a draft or two in editing is flagged, for the editor to see.
sql "$DB" "SELECT m.text || char(10) || char(10) FROM messages m JOIN content c ON c.id = m.content_id
	WHERE c.stage IN ('inbox', 'editing')" >"$T_DIR/drafts.txt"
ch --db "$DB" check "$T_DIR/drafts.txt"
expect "some drafts in editing break a blocking rule" 1

# --- campaigns, shares and activity ----------------------------------------------------------
equals "three campaigns" "$(sql "$DB" "SELECT count(*) FROM campaigns")" 3
equals "campaigns have a goal, an audience, dates and a target" "$(sql "$DB" "SELECT count(*) FROM campaigns WHERE
	goal_id IS NULL OR audience_id IS NULL OR starts IS NULL OR ends IS NULL OR target_shares <= 0")" 0
equals "every campaign has items" "$(sql "$DB" "SELECT count(*) FROM campaigns k
	WHERE NOT EXISTS (SELECT 1 FROM content c WHERE c.campaign_id = k.id)")" 0
at_least "hundreds of shares" "$(sql "$DB" "SELECT count(*) FROM shares")" 500
at_least "shares spread over at least 24 weeks" \
	"$(sql "$DB" "SELECT count(DISTINCT strftime('%Y-%W', shared_at, 'unixepoch')) FROM shares")" 24
equals "no share in the future" "$(sql "$DB" "SELECT count(*) FROM shares WHERE shared_at > strftime('%s', '$NOW')")" 0
equals "no event in the future" "$(sql "$DB" "SELECT count(*) FROM events WHERE at > strftime('%s', '$NOW')")" 0
equals "no event before the half year (and setup week)" \
	"$(sql "$DB" "SELECT count(*) FROM events WHERE at < strftime('%s', '$NOW') - 27 * 604800")" 0
at_least "most shares have figures" "$(sql "$DB" "SELECT count(*) * 100 / (SELECT count(*) FROM shares) FROM shares WHERE impressions > 0")" 50
equals "share URLs are unique" "$(sql "$DB" "SELECT count(url) - count(DISTINCT url) FROM shares")" 0
at_least "some people never did anything" "$(sql "$DB" "SELECT count(*) FROM people p
	WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.actor_id = p.id OR e.on_behalf_id = p.id)")" 5
TOP5=$(sql "$DB" "SELECT (SELECT sum(n) FROM (SELECT count(*) n FROM shares GROUP BY person_id ORDER BY n DESC LIMIT 5))
	* 100 / (SELECT count(*) FROM shares)")
at_least "the five most active publishers hold a large share of the shares ($TOP5%)" "$TOP5" 30
at_least "many people share a little" "$(sql "$DB" "SELECT count(*) FROM (SELECT count(*) n FROM shares GROUP BY person_id HAVING n <= 10)")" 10
at_least "someone went quiet (no activity in the last 4 weeks)" "$(sql "$DB" "SELECT count(*) FROM
	(SELECT person_id FROM activity GROUP BY person_id HAVING max(week) < (SELECT max(week) FROM activity) - 4)")" 1
equals "the activity table agrees with the event log" "$(sql "$DB" "SELECT (SELECT sum(n) FROM activity) =
	(SELECT count(*) FROM event_activity WHERE kind IS NOT NULL AND person_id IS NOT NULL)")" 1

# --- the same seed, the same demo ----------------------------------------------------------------
CHORUS_NOW=$NOW ch --db "$T_DIR/again.db" demo --no-tui
expect "a second build with the same seed succeeds" 0
equals "same seed and clock: identical people and content" \
	"$(sqlite3 -batch "$T_DIR/again.db" ".dump people" ".dump content" ".dump messages" ".dump shares" | sha256sum)" \
	"$(sqlite3 -batch "$DB" ".dump people" ".dump content" ".dump messages" ".dump shares" | sha256sum)"
equals "same seed and clock: identical database" "$(db_digest "$T_DIR/again.db")" "$(db_digest "$DB")"

# --- refreshing ---------------------------------------------------------------------------------
sql "$DB" "INSERT INTO teams(name) VALUES('left over')"
CHORUS_NOW=$NOW ch --db "$DB" demo --no-tui --seed 2
expect "an existing demo database is rebuilt" 0 "" "seed 2"
equals "the rebuilt file is a fresh demo" "$(sql "$DB" "SELECT count(*) FROM teams WHERE name = 'left over'")" 0
equals "the rebuilt file is still marked as a demo" "$(sql "$DB" "SELECT value FROM meta WHERE key = 'demo'")" 1
if [ "$(db_digest "$DB")" != "$(db_digest "$T_DIR/again.db")" ]; then
	ok "another seed gives another organisation"
else
	not_ok "another seed gives another organisation" "seed 1 and seed 2 built the same database"
fi
equals "integrity_check is ok after a refresh" "$(sql "$DB" "PRAGMA integrity_check")" ok

# --- its own default path --------------------------------------------------------------------------
CHORUS_DB=$T_DIR/real-default.db CHORUS_NOW=$NOW ch demo --no-tui
expect "without --db the demo goes to its own file" 0 "" "$XDG_DATA_HOME/chorus/demo.db"
check "the data directory was created" test -f "$XDG_DATA_HOME/chorus/demo.db"
check "\$CHORUS_DB is not used by the demo" test ! -e "$T_DIR/real-default.db"

# --- refusing what is not a demo ---------------------------------------------------------------------
REAL=$T_DIR/real.db
ch --db "$REAL" init --org "Real Org"
expect "a real database for the refusal checks" 0
BEFORE=$(db_digest "$REAL")
cp "$REAL" "$T_DIR/real.copy"
ch --db "$REAL" demo --no-tui
expect "a real chorus database is refused" 2 "is not a demo database"
expect "the refusal says the demo never touches it" 2 "chorus demo never touches a real one"
equals "the real database is unchanged" "$(db_digest "$REAL")" "$BEFORE"
same_file "the real database file has the same bytes" "$REAL" "$T_DIR/real.copy"

printf 'not a database at all\n' >"$T_DIR/notes.txt"
cp "$T_DIR/notes.txt" "$T_DIR/notes.copy"
ch --db "$T_DIR/notes.txt" demo --no-tui
expect "a file that is not SQLite is refused" 2 "is not a demo database"
same_file "the text file is unchanged" "$T_DIR/notes.txt" "$T_DIR/notes.copy"

sqlite3 "$T_DIR/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES(1);"
cp "$T_DIR/other.db" "$T_DIR/other.copy"
ch --db "$T_DIR/other.db" demo --no-tui
expect "an SQLite file of another program is refused" 2 "is not a demo database"
same_file "the other SQLite file is unchanged" "$T_DIR/other.db" "$T_DIR/other.copy"

mkdir "$T_DIR/adir"
ch --db "$T_DIR/adir" demo --no-tui
expect "a directory is refused" 2 "is not a demo database"

# --- usage ----------------------------------------------------------------------------------------------
ch --db "$T_DIR/u.db" demo --no-tui --seed many
expect "--seed must be a number" 2 "--seed takes a number"
ch --db "$T_DIR/u.db" demo --no-tui --seed 4294967296
expect "--seed must fit 32 bits" 2 "--seed takes a number"
ch --db "$T_DIR/u.db" demo --no-tui extra
expect "no arguments besides options" 2 "unexpected argument"
check "bad usage created no file" test ! -e "$T_DIR/u.db"
ch demo --help
expect "demo --help explains the options" 0 "" "--seed N"

finish
