/* schema.c — the numbered migrations.  Migration N brings user_version from
 * N-1 to N; each is run inside store_migrate's one BEGIN IMMEDIATE transaction.
 * Never edit a migration that has shipped: add the next one. */
#include "chorus/audit.h"
#include "chorus/i18n.h"
#include "chorus/store.h"
#include "chorus/strategy_schema.h"
#include "core.h"
#include "schema.h"
#include "../util/timeutil.h"

/* The triggers that keep the event log append-only, by name and exact text:
 * doctor compares sqlite_master's copy with these (schema_event_triggers). */
#define EVENTS_NO_UPDATE \
"CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events\n" \
"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
#define EVENTS_NO_DELETE \
"CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events\n" \
"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
/* INSERT OR REPLACE with an existing id deletes that event without the
 * delete trigger firing unless recursive_triggers is on (the sqlite3 shell
 * leaves it off): refuse any id that is not after the last one.  NEW.id is -1
 * in a BEFORE trigger when the id is left to SQLite; an explicit -1 or any
 * id <= 0 is refused after the insert. */
#define EVENTS_NO_REPLACE \
"CREATE TRIGGER events_append_only_insert BEFORE INSERT ON events\n" \
"  WHEN NEW.id <> -1 AND NEW.id <= (SELECT coalesce(max(id), 0) FROM events)\n" \
"  BEGIN SELECT RAISE(ABORT, 'events are append-only: a new event''s id must follow the last one'); END"
#define EVENTS_POSITIVE_ID \
"CREATE TRIGGER events_append_only_id AFTER INSERT ON events WHEN NEW.id <= 0\n" \
"  BEGIN SELECT RAISE(ABORT, 'events are append-only: event ids are positive'); END"

const struct schema_trigger schema_event_triggers[] = {
	{ "events_append_only_update", EVENTS_NO_UPDATE, 1 },
	{ "events_append_only_delete", EVENTS_NO_DELETE, 1 },
	{ "events_append_only_insert", EVENTS_NO_REPLACE, SCHEMA_AUDIT_CHAIN },
	{ "events_append_only_id", EVENTS_POSITIVE_ID, SCHEMA_AUDIT_CHAIN },
};
const int schema_nevent_triggers = sizeof schema_event_triggers / sizeof schema_event_triggers[0];
const char schema_events_no_update[] = EVENTS_NO_UPDATE;

static const char migration1[] =
"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
"CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
"CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);\n"
"CREATE TABLE people(id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  email TEXT, team_id INTEGER REFERENCES teams(id), roles INTEGER NOT NULL DEFAULT 8,\n"
"  active INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL, updated_by INTEGER);\n"
"CREATE TABLE focus_groups(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);\n"
"CREATE TABLE focus_group_members(group_id INTEGER NOT NULL REFERENCES focus_groups(id),\n"
"  person_id INTEGER NOT NULL REFERENCES people(id), PRIMARY KEY(group_id, person_id)) WITHOUT ROWID;\n"
"CREATE TABLE platforms(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  max_length INTEGER NOT NULL DEFAULT 0, share_url TEXT, cpm REAL NOT NULL DEFAULT 0,\n"
"  cpc REAL NOT NULL DEFAULT 0, reaction_multiplier REAL NOT NULL DEFAULT 0,\n"
"  position INTEGER NOT NULL DEFAULT 0,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);\n"
"CREATE TABLE person_platforms(person_id INTEGER NOT NULL REFERENCES people(id),\n"
"  platform_id INTEGER NOT NULL REFERENCES platforms(id), handle TEXT NOT NULL,\n"
"  followers INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(person_id, platform_id)) WITHOUT ROWID;\n"
"CREATE TABLE goals(id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE, description TEXT,\n"
"  kpi_metric TEXT, kpi_target REAL NOT NULL DEFAULT 0, kpi_period TEXT,\n"
"  position INTEGER NOT NULL DEFAULT 0,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);\n"
"CREATE TABLE audiences(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, info_need TEXT,\n"
"  position INTEGER NOT NULL DEFAULT 0,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);\n"
"CREATE TABLE goal_audiences(goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,\n"
"  audience_id INTEGER NOT NULL REFERENCES audiences(id), position INTEGER NOT NULL DEFAULT 0,\n"
"  PRIMARY KEY(goal_id, audience_id)) WITHOUT ROWID;\n"
"CREATE TABLE audience_platforms(audience_id INTEGER NOT NULL REFERENCES audiences(id) ON DELETE CASCADE,\n"
"  platform_id INTEGER NOT NULL REFERENCES platforms(id), position INTEGER NOT NULL DEFAULT 0,\n"
"  PRIMARY KEY(audience_id, platform_id)) WITHOUT ROWID;\n"
"CREATE TABLE pillars(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT,\n"
"  colour TEXT, position INTEGER NOT NULL DEFAULT 0,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);\n"
"CREATE TABLE message_types(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT,\n"
"  position INTEGER NOT NULL DEFAULT 0,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);\n"
"CREATE TABLE policy_rules(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, pattern TEXT NOT NULL,\n"
"  severity TEXT NOT NULL CHECK(severity IN ('info','warn','block')), guidance TEXT,\n"
"  position INTEGER NOT NULL DEFAULT 0,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);\n"
"CREATE TABLE campaigns(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT,\n"
"  goal_id INTEGER REFERENCES goals(id), audience_id INTEGER REFERENCES audiences(id),\n"
"  starts TEXT, ends TEXT, target_shares INTEGER NOT NULL DEFAULT 0,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER);\n"
"CREATE TABLE content(id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL DEFAULT '',\n"
"  kind TEXT NOT NULL DEFAULT 'story', creator_id INTEGER NOT NULL REFERENCES people(id),\n"
"  editor_id INTEGER REFERENCES people(id), pillar_id INTEGER REFERENCES pillars(id),\n"
"  campaign_id INTEGER REFERENCES campaigns(id), message_type_id INTEGER REFERENCES message_types(id),\n"
"  stage TEXT NOT NULL DEFAULT 'inbox'\n"
"    CHECK(stage IN ('inbox','editing','ready','shared','rejected','archived')),\n"
"  reject_reason TEXT, created_at INTEGER NOT NULL, stage_at INTEGER NOT NULL,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL, updated_by INTEGER);\n"
"CREATE INDEX content_by_stage ON content(stage, stage_at);\n"
"CREATE INDEX content_by_creator ON content(creator_id);\n"
"CREATE TABLE content_media(id INTEGER PRIMARY KEY, content_id INTEGER NOT NULL REFERENCES content(id),\n"
"  path TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0);\n"
"CREATE INDEX content_media_by_content ON content_media(content_id);\n"
"CREATE TABLE comments(id INTEGER PRIMARY KEY, content_id INTEGER NOT NULL REFERENCES content(id),\n"
"  person_id INTEGER NOT NULL REFERENCES people(id), body TEXT NOT NULL, created_at INTEGER NOT NULL);\n"
"CREATE INDEX comments_by_content ON comments(content_id);\n"
"CREATE TABLE messages(id INTEGER PRIMARY KEY, content_id INTEGER NOT NULL REFERENCES content(id),\n"
"  platform_id INTEGER NOT NULL REFERENCES platforms(id), variant INTEGER NOT NULL DEFAULT 1,\n"
"  text TEXT NOT NULL, link TEXT, approved_by INTEGER REFERENCES people(id), approved_at INTEGER,\n"
"  created_at INTEGER NOT NULL,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL, updated_by INTEGER,\n"
"  UNIQUE(content_id, platform_id, variant));\n"
"CREATE TABLE shares(id INTEGER PRIMARY KEY, message_id INTEGER NOT NULL REFERENCES messages(id),\n"
"  person_id INTEGER NOT NULL REFERENCES people(id), platform_id INTEGER NOT NULL REFERENCES platforms(id),\n"
"  shared_at INTEGER NOT NULL, url TEXT, clicks INTEGER NOT NULL DEFAULT 0,\n"
"  reactions INTEGER NOT NULL DEFAULT 0, comments INTEGER NOT NULL DEFAULT 0,\n"
"  reshares INTEGER NOT NULL DEFAULT 0, impressions INTEGER NOT NULL DEFAULT 0,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL, updated_by INTEGER);\n"
"CREATE UNIQUE INDEX shares_by_url ON shares(url) WHERE url IS NOT NULL;\n"
"CREATE INDEX shares_by_message ON shares(message_id);\n"
"CREATE INDEX shares_by_person ON shares(person_id, shared_at);\n"
"CREATE TABLE events(id INTEGER PRIMARY KEY, at INTEGER NOT NULL,\n"
"  actor_id INTEGER REFERENCES people(id), on_behalf_id INTEGER REFERENCES people(id),\n"
"  entity TEXT NOT NULL, entity_id INTEGER, action TEXT NOT NULL,\n"
"  detail TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(detail)));\n"
"CREATE INDEX events_by_entity ON events(entity, entity_id);\n"
"CREATE INDEX events_by_time ON events(at);\n"
EVENTS_NO_UPDATE ";\n"
EVENTS_NO_DELETE ";\n";

/* Per person-week activity, kept by a trigger on events, so the engagement
 * heatmap never scans the log.  week = whole weeks since Monday 1970-01-05.
 * The kind is a CASE over the action, not IN lists: an IN list makes SQLite
 * build a throw-away index on every event insert, ten times slower in bulk. */
static const char migration2[] =
"CREATE TABLE activity(person_id INTEGER NOT NULL, week INTEGER NOT NULL,\n"
"  kind TEXT NOT NULL CHECK(kind = 'contribution' OR kind = 'edit' OR kind = 'share'\n"
"                           OR kind = 'conversation'),\n"
"  n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(person_id, week, kind)) WITHOUT ROWID;\n"
"CREATE INDEX activity_by_week ON activity(week, kind);\n"
"CREATE VIEW event_activity AS SELECT id, COALESCE(on_behalf_id, actor_id) AS person_id,\n"
"  CAST((at - " TIME_WEEK0_SQL ") / " TIME_WEEK_SQL " AS INTEGER) AS week,\n"
"  CASE action WHEN 'submit' THEN 'contribution'\n"
"    WHEN 'take' THEN 'edit' WHEN 'approve' THEN 'edit' WHEN 'reject' THEN 'edit'\n"
"    WHEN 'edit' THEN 'edit' WHEN 'message' THEN 'edit' WHEN 'back' THEN 'edit'\n"
"    WHEN 'pillar' THEN 'edit' WHEN 'campaign' THEN 'edit'\n"
"    WHEN 'share' THEN 'share' WHEN 'comment' THEN 'conversation' END AS kind\n"
"  FROM events;\n"
"INSERT INTO activity(person_id, week, kind, n)\n"
"  SELECT person_id, week, kind, count(*) FROM event_activity\n"
"  WHERE kind IS NOT NULL AND person_id IS NOT NULL GROUP BY 1, 2, 3;\n"
"CREATE TRIGGER events_activity AFTER INSERT ON events\n"
"BEGIN\n"
"  INSERT INTO activity(person_id, week, kind, n)\n"
"    SELECT person_id, week, kind, 1 FROM event_activity\n"
"    WHERE id = NEW.id AND kind IS NOT NULL AND person_id IS NOT NULL\n"
"  ON CONFLICT(person_id, week, kind) DO UPDATE SET n = n + 1;\n"
"END;\n";


/* activity_week anew from activity (migrations 3 and 5 both rebuild it). */
#define ACTIVITY_WEEK_REBUILD \
"DELETE FROM activity_week;\n" \
"INSERT INTO activity_week(week, person_id, contributions, edits, shares, conversations)\n" \
"  SELECT week, person_id, sum(CASE kind WHEN 'contribution' THEN n ELSE 0 END),\n" \
"    sum(CASE kind WHEN 'edit' THEN n ELSE 0 END), sum(CASE kind WHEN 'share' THEN n ELSE 0 END),\n" \
"    sum(CASE kind WHEN 'conversation' THEN n ELSE 0 END)\n" \
"  FROM activity GROUP BY week, person_id;\n"

/* Aggregates and covering indexes that let the screens and the report read
 * what they show without scanning what they do not (issue 5, "fast at scale"):
 *
 * - activity_week: the activity of one person in one week, every kind in one
 *   row, stored week first: the heatmap reads the weeks in view as one
 *   contiguous range, and a week scrolled in as one short one.  Kept by a
 *   trigger on events like activity (through the same event_activity view,
 *   so both always agree); filled from activity, which is exact.
 * - content_stages: how many items each stage holds, kept by triggers on
 *   content, so the board's column counts are one row each instead of a
 *   count over hundreds of thousands of index entries.
 * - content_dims, shares_by_time: covering indexes for the report, which then
 *   reads about a quarter of the pages it did (what matters with a cold cache):
 *   each message's campaign, pillar and type without the content rows (bodies),
 *   and the shares of a period in time order without their rows.
 *
 * Written so that running it again rebuilds the aggregates instead of failing
 * or counting twice (IF NOT EXISTS, and the backfill replaces). */
static const char migration3[] =
"CREATE TABLE IF NOT EXISTS activity_week(week INTEGER NOT NULL, person_id INTEGER NOT NULL,\n"
"  contributions INTEGER NOT NULL DEFAULT 0, edits INTEGER NOT NULL DEFAULT 0,\n"
"  shares INTEGER NOT NULL DEFAULT 0, conversations INTEGER NOT NULL DEFAULT 0,\n"
"  PRIMARY KEY(week, person_id)) WITHOUT ROWID;\n"
ACTIVITY_WEEK_REBUILD
"DROP TRIGGER IF EXISTS events_activity_week;\n"
"CREATE TRIGGER events_activity_week AFTER INSERT ON events\n"
"BEGIN\n"
"  INSERT INTO activity_week(week, person_id, contributions, edits, shares, conversations)\n"
"    SELECT week, person_id, kind = 'contribution', kind = 'edit', kind = 'share',\n"
"      kind = 'conversation' FROM event_activity\n"
"    WHERE id = NEW.id AND kind IS NOT NULL AND person_id IS NOT NULL\n"
"  ON CONFLICT(week, person_id) DO UPDATE SET\n"
"    contributions = contributions + excluded.contributions, edits = edits + excluded.edits,\n"
"    shares = shares + excluded.shares, conversations = conversations + excluded.conversations;\n"
"END;\n"
"CREATE TABLE IF NOT EXISTS content_stages(stage TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)\n"
"  WITHOUT ROWID;\n"
"DELETE FROM content_stages;\n"
"INSERT INTO content_stages(stage, n) SELECT stage, count(*) FROM content GROUP BY stage;\n"
"DROP TRIGGER IF EXISTS content_stages_insert;\n"
"CREATE TRIGGER content_stages_insert AFTER INSERT ON content\n"
"BEGIN\n"
"  INSERT INTO content_stages(stage, n) VALUES(NEW.stage, 1)\n"
"    ON CONFLICT(stage) DO UPDATE SET n = n + 1;\n"
"END;\n"
"DROP TRIGGER IF EXISTS content_stages_update;\n"
"CREATE TRIGGER content_stages_update AFTER UPDATE OF stage ON content\n"
"  WHEN OLD.stage IS NOT NEW.stage\n"
"BEGIN\n"
"  UPDATE content_stages SET n = n - 1 WHERE stage = OLD.stage;\n"
"  INSERT INTO content_stages(stage, n) VALUES(NEW.stage, 1)\n"
"    ON CONFLICT(stage) DO UPDATE SET n = n + 1;\n"
"END;\n"
"DROP TRIGGER IF EXISTS content_stages_delete;\n"
"CREATE TRIGGER content_stages_delete AFTER DELETE ON content\n"
"BEGIN\n"
"  UPDATE content_stages SET n = n - 1 WHERE stage = OLD.stage;\n"
"END;\n"
"CREATE INDEX IF NOT EXISTS content_dims ON content(campaign_id, pillar_id, message_type_id);\n"
"CREATE INDEX IF NOT EXISTS shares_by_time ON shares(shared_at, platform_id, person_id, message_id,\n"
"  impressions, clicks, reactions, comments, reshares);\n";

/* The week of a share is the week it was shared (issue 14), not the week
 * it was logged: a share imported or logged later with --at counts in the
 * heatmap, the digest's quiet list and adoption where the report counts it.
 * event_activity gives a share event the week of its share's shared_at
 * (the share row is written before its event); activity and activity_week
 * are filled again from it. */
static const char migration5[] =
"DROP VIEW IF EXISTS event_activity;\n"
"CREATE VIEW event_activity AS SELECT ev.id, COALESCE(ev.on_behalf_id, ev.actor_id) AS person_id,\n"
"  CAST((CASE WHEN ev.action = 'share' AND ev.entity = 'share'\n"
"    THEN COALESCE((SELECT sh.shared_at FROM shares sh WHERE sh.id = ev.entity_id), ev.at)\n"
"    ELSE ev.at END - " TIME_WEEK0_SQL ") / " TIME_WEEK_SQL " AS INTEGER) AS week,\n"
"  CASE ev.action WHEN 'submit' THEN 'contribution'\n"
"    WHEN 'take' THEN 'edit' WHEN 'approve' THEN 'edit' WHEN 'reject' THEN 'edit'\n"
"    WHEN 'edit' THEN 'edit' WHEN 'message' THEN 'edit' WHEN 'back' THEN 'edit'\n"
"    WHEN 'pillar' THEN 'edit' WHEN 'campaign' THEN 'edit'\n"
"    WHEN 'share' THEN 'share' WHEN 'comment' THEN 'conversation' END AS kind\n"
"  FROM events ev;\n"
"DELETE FROM activity;\n"
"INSERT INTO activity(person_id, week, kind, n)\n"
"  SELECT person_id, week, kind, count(*) FROM event_activity\n"
"  WHERE kind IS NOT NULL AND person_id IS NOT NULL GROUP BY 1, 2, 3;\n"
ACTIVITY_WEEK_REBUILD
/* When a share got its figures (imported or set; NULL = never): a share
 * without them has unknown figures, not 0 (chorus(1)).  From the audit log;
 * the report's covering index gets the column. */
"ALTER TABLE shares ADD COLUMN figures_at INTEGER;\n"
"UPDATE shares SET figures_at = (SELECT max(ev.at) FROM events ev WHERE ev.entity = 'share'\n"
"  AND ev.entity_id = shares.id AND ev.action = 'figures');\n"
"DROP INDEX IF EXISTS shares_by_time;\n"
"CREATE INDEX shares_by_time ON shares(shared_at, platform_id, person_id, message_id,\n"
"  impressions, clicks, reactions, comments, reshares, figures_at);\n";

/* A file of an older schema that this client may not migrate (it opened it
 * read-only) has none of migration 3's aggregates: temporary views of the
 * same names and columns, worked out from the rows, let every reader run
 * unchanged (only slower).  From migration 2's event_activity view, the
 * one that fills activity (a schema-1 file lacks activity too: the heatmap's
 * readers never worked on it read-only). */
static const char older_views[] =
"CREATE TEMP VIEW IF NOT EXISTS activity_week AS\n"
"  SELECT week, person_id, sum(kind = 'contribution') AS contributions, sum(kind = 'edit') AS edits,\n"
"    sum(kind = 'share') AS shares, sum(kind = 'conversation') AS conversations\n"
"  FROM main.event_activity WHERE kind IS NOT NULL AND person_id IS NOT NULL GROUP BY week, person_id;\n"
"CREATE TEMP VIEW IF NOT EXISTS content_stages AS\n"
"  SELECT stage, count(*) AS n FROM main.content GROUP BY stage;\n";

int schema_older_views(struct store *s, struct err *e)
{
	return s->schema_version >= 3 ? CH_OK : store_exec(s, older_views, e);
}

/* The audit chain: every event carries a SHA-256 hash of itself and the
 * previous event's hash (audit.h); the events already there are hashed in
 * id order by audit_hash_all, inside this migration's transaction.  And no
 * INSERT may replace an event. */
static const char migration4[] =
"DROP TRIGGER IF EXISTS events_append_only_insert;\n"
EVENTS_NO_REPLACE ";\n"
"DROP TRIGGER IF EXISTS events_append_only_id;\n"
EVENTS_POSITIVE_ID ";\n";

/* The column (ALTER TABLE has no IF NOT EXISTS: like migration 3, this one
 * may run again on a file whose user_version was set back), then the hashes. */
/* Has table the column?  (ALTER TABLE has no IF NOT EXISTS.) */
static int schema_has_column(struct store *s, const char *table, const char *column, int *have, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, column, -1, SQLITE_STATIC);
	*have = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) > 0;
	sqlite3_finalize(q);
	return CH_OK;
}

static int migration4_after(struct store *s, struct err *e)
{
	int have = 0;
	int st = schema_has_column(s, "events", "hash", &have, e);
	if (st == CH_OK && !have)
		st = store_exec(s, "ALTER TABLE events ADD COLUMN hash BLOB", e);
	return st == CH_OK ? audit_hash_all(s, e) : st;
}

/* KPI periods were free text ("quarter"); they are calendar periods now
 * (chorus-strategy(5)).  What names a period of the time of migrating
 * becomes that period ("quarter" the current quarter, also "half-year",
 * "year", "month"); anything else no period (the report's own).  Nothing in
 * SQL: the words and the clock (store_now) are C's. */
static const char migration6[] = "";

static int migration6_after(struct store *s, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT id, kpi_period FROM goals WHERE kpi_period IS NOT NULL", e);
	sqlite3_stmt *u = q ? store_prepare(s, "UPDATE goals SET kpi_period = ?2 WHERE id = ?1", e) : NULL;
	if (!u) {
		sqlite3_finalize(q);
		return e ? e->status : CH_UNUSABLE;
	}
	int rc, st = CH_OK;
	while (st == CH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		char was[64], now[16];
		core_copy(was, sizeof was, q, 1);
		sqlite3_reset(u);
		sqlite3_bind_int64(u, 1, sqlite3_column_int64(q, 0));
		if (strategy_period_of_word(was, store_now(), now, sizeof now) == 0)
			sqlite3_bind_text(u, 2, now, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(u, 2);
		if ((rc = sqlite3_step(u)) != SQLITE_DONE)
			st = store_sql_error(s, rc, _("migrating KPI periods"), e);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("migrating KPI periods"), e);
	sqlite3_finalize(u);
	sqlite3_finalize(q);
	return st;
}

/* The organisation's headcount, a row per change (from_day 0: one number
 * all along), for adoption against the whole organisation; and a
 * publisher's own wording of a message, kept until they share it (then
 * shared_at is set and the text stays as what they shared). */
static const char migration7[] =
"CREATE TABLE IF NOT EXISTS headcount(from_day INTEGER PRIMARY KEY, count INTEGER NOT NULL CHECK(count > 0));\n"
"CREATE TABLE IF NOT EXISTS personal_texts(person_id INTEGER NOT NULL REFERENCES people(id),\n"
"  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE, text TEXT NOT NULL,\n"
"  updated_at INTEGER NOT NULL, shared_at INTEGER, PRIMARY KEY(person_id, message_id)) WITHOUT ROWID;\n";
/* Content requests (request.h): who asked, whom (exactly one of a person,
 * a team, a focus group), the brief, the due day, the status and when it
 * was closed; content answers at most one request (request_content).
 * IF NOT EXISTS: like migration 3, it may run again on a file whose
 * user_version was set back. */
static const char migration8[] =
"CREATE TABLE IF NOT EXISTS requests(id INTEGER PRIMARY KEY, asker_id INTEGER NOT NULL REFERENCES people(id),\n"
"  person_id INTEGER REFERENCES people(id), team_id INTEGER REFERENCES teams(id),\n"
"  group_id INTEGER REFERENCES focus_groups(id),\n"
"  brief TEXT NOT NULL, due TEXT NOT NULL,\n"
"  status TEXT NOT NULL DEFAULT 'open' CHECK(status IN ('open','done','cancelled')),\n"
"  created_at INTEGER NOT NULL, closed_at INTEGER,\n"
"  version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL, updated_by INTEGER,\n"
"  CHECK((person_id IS NOT NULL) + (team_id IS NOT NULL) + (group_id IS NOT NULL) = 1));\n"
"CREATE INDEX IF NOT EXISTS requests_by_status ON requests(status, due);\n"
"CREATE TABLE IF NOT EXISTS request_content(content_id INTEGER PRIMARY KEY REFERENCES content(id),\n"
"  request_id INTEGER NOT NULL REFERENCES requests(id));\n"
"CREATE INDEX IF NOT EXISTS request_content_by_request ON request_content(request_id);\n";
/* Focus groups first-class, the ambassador journey, campaigns for a group
 * (issue 13).  A group keeps its description as its purpose, gains an owner
 * and an archived time (archived: kept, hidden from filters and choices).
 * Every person has a journey state (invited, onboarded, active, paused) and
 * person_journey keeps each change with its time and who made it.  People
 * already active (any activity) start as active, the others as invited; each
 * gets one history row at the migration.  The columns come in
 * migration9_after, so that running it again (a file whose user_version was
 * set back) adds only what is missing and keeps the states. */
static const char migration9[] =
"CREATE TABLE IF NOT EXISTS person_journey(id INTEGER PRIMARY KEY,\n"
"  person_id INTEGER NOT NULL REFERENCES people(id),\n"
"  state TEXT NOT NULL CHECK(state IN ('invited','onboarded','active','paused')),\n"
"  at INTEGER NOT NULL, by_id INTEGER REFERENCES people(id));\n"
"CREATE INDEX IF NOT EXISTS person_journey_by_person ON person_journey(person_id, at);\n";

static const struct {
	const char *table, *column, *add;
} migration9_columns[] = {
	{ "focus_groups", "owner_id", "ALTER TABLE focus_groups ADD COLUMN owner_id INTEGER REFERENCES people(id)" },
	{ "focus_groups", "archived_at", "ALTER TABLE focus_groups ADD COLUMN archived_at INTEGER" },
	{ "people", "journey_at", "ALTER TABLE people ADD COLUMN journey_at INTEGER" },
	{ "campaigns", "group_id", "ALTER TABLE campaigns ADD COLUMN group_id INTEGER REFERENCES focus_groups(id)" },
	/* Last: its being new is what starts the journeys below. */
	{ "people", "journey", "ALTER TABLE people ADD COLUMN journey TEXT NOT NULL DEFAULT 'invited'\n"
	  "  CHECK(journey IN ('invited','onboarded','active','paused'))" },
};

static const char migration9_journeys[] =
"UPDATE people SET journey = 'active' WHERE id IN (SELECT person_id FROM activity);\n"
"UPDATE people SET journey_at = created_at;\n"
"INSERT INTO person_journey(person_id, state, at) SELECT id, journey, created_at FROM people p\n"
"  WHERE NOT EXISTS (SELECT 1 FROM person_journey j WHERE j.person_id = p.id);\n";

static int migration9_after(struct store *s, struct err *e)
{
	int st = CH_OK, added = 0;
	size_t n = sizeof migration9_columns / sizeof migration9_columns[0];
	for (size_t i = 0; st == CH_OK && i < n; i++) {
		int have = 0;
		st = schema_has_column(s, migration9_columns[i].table, migration9_columns[i].column, &have, e);
		added = st == CH_OK && !have;
		if (added)
			st = store_exec(s, migration9_columns[i].add, e);
	}
	return st == CH_OK && added ? store_exec(s, migration9_journeys, e) : st;
}

const struct migration schema_migrations[] = {
	{ 1, "0.1.0", migration1, NULL },
	{ 2, "0.1.0", migration2, NULL },
	{ 3, "0.1.0", migration3, NULL },
	{ SCHEMA_AUDIT_CHAIN, "0.1.0", migration4, migration4_after },
	{ SCHEMA_FIGURES_AT, "0.1.0", migration5, NULL },
	{ SCHEMA_KPI_PERIODS, "0.1.0", migration6, migration6_after },
	{ SCHEMA_PERSONAL_TEXTS, "0.1.0", migration7, NULL },
	{ SCHEMA_REQUESTS, "0.1.0", migration8, NULL },
	{ SCHEMA_GROUPS_JOURNEY, "0.1.0", migration9, migration9_after },
};
const int schema_nmigrations = sizeof schema_migrations / sizeof schema_migrations[0];
