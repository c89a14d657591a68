/* test_aggregates.c — the aggregates of migration 3 always equal what they
 * sum, worked out again from the rows themselves:
 *   activity_week  = the events through event_activity, per week and person;
 *   content_stages = count(*) of content per stage.
 * Checked after inserting every kind of event (each action, on behalf of
 * someone, without a person, outside activity), after inserts, stage moves
 * and deletes of content, and after a schema-2 file is opened by this build
 * (the migration's backfill).  Each check is a symmetric difference that must
 * be empty (how many rows differ is printed when it is not). */
#include "unit.h"
#include "chorus/board.h"
#include "chorus/engagement.h"
#include "chorus/metrics.h"

/* What activity_week must hold, from the log. */
#define WEEK_TRUTH \
	"SELECT week, person_id, sum(kind = 'contribution'), sum(kind = 'edit'), sum(kind = 'share'), " \
	"sum(kind = 'conversation') FROM event_activity WHERE kind IS NOT NULL AND person_id IS NOT NULL " \
	"GROUP BY week, person_id"
#define WEEK_KEPT "SELECT week, person_id, contributions, edits, shares, conversations FROM activity_week " \
	"WHERE contributions + edits + shares + conversations > 0"
#define STAGE_TRUTH "SELECT stage, count(*) FROM content GROUP BY stage"
#define STAGE_KEPT "SELECT stage, n FROM content_stages WHERE n <> 0"

/* Rows in one query and not the other, either way round: 0 when equal. */
static long long differ(struct store *s, const char *a, const char *b, const char *what)
{
	char sql[2048];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT * FROM (%s EXCEPT %s) UNION ALL SELECT * FROM (%s EXCEPT %s))", a, b, b, a);
	long long n = unit_int(s, sql);
	if (n != 0)
		fprintf(stderr, "%s: %lld rows differ from the recount\n", what, n);
	return n;
}

static void expect_weeks_exact(struct store *s)
{
	assert_int_equal(differ(s, WEEK_TRUTH, WEEK_KEPT, "activity_week"), 0);
}

static void expect_stages_exact(struct store *s)
{
	assert_int_equal(differ(s, STAGE_TRUTH, STAGE_KEPT, "content_stages"), 0);
}

static void exec_ok(struct store *s, const char *sql)
{
	struct err e = {0};
	assert_ok(store_begin(s, 1, &e), e);
	assert_ok(store_exec(s, sql, &e), e);
	assert_ok(store_end(s, CH_OK, &e), e);
}

/* Week 0 starts on Monday 1970-01-05 (345600); weeks are 604800 s.  Week 10
 * and 11 below; person 1 is the master, 2 anna, 3 ed. */
static const char every_event[] =
	"INSERT INTO people(id, login, name, roles, created_at, updated_at) VALUES"
	" (2, 'anna', 'Anna', 12, 0, 0), (3, 'ed', 'Ed', 10, 0, 0);"
	"INSERT INTO events(at, actor_id, on_behalf_id, entity, entity_id, action) VALUES"
	" (345600 + 10 * 604800 + 1, 2, NULL, 'content', 1, 'submit'),"
	" (345600 + 10 * 604800 + 2, 3, NULL, 'content', 1, 'take'),"
	" (345600 + 10 * 604800 + 3, 3, NULL, 'content', 1, 'approve'),"
	" (345600 + 10 * 604800 + 4, 3, NULL, 'content', 1, 'reject'),"
	" (345600 + 10 * 604800 + 5, 3, NULL, 'content', 1, 'edit'),"
	" (345600 + 10 * 604800 + 6, 3, NULL, 'message', 1, 'message'),"
	" (345600 + 10 * 604800 + 7, 3, NULL, 'content', 1, 'back'),"
	" (345600 + 10 * 604800 + 8, 3, NULL, 'content', 1, 'pillar'),"
	" (345600 + 10 * 604800 + 9, 3, NULL, 'content', 1, 'campaign'),"
	" (345600 + 10 * 604800 + 10, 2, NULL, 'share', 1, 'share'),"
	" (345600 + 10 * 604800 + 11, 2, NULL, 'content', 1, 'comment'),"
	" (345600 + 11 * 604800 - 1, 2, NULL, 'content', 1, 'comment'),"   /* the last second of week 10 */
	" (345600 + 11 * 604800, 2, NULL, 'content', 2, 'submit'),"        /* the first of week 11 */
	" (345600 + 11 * 604800 + 5, 1, 2, 'share', 2, 'share'),"          /* master on behalf of anna */
	" (345600 + 11 * 604800 + 6, 1, NULL, 'person', 2, 'add'),"        /* not activity */
	" (345600 + 11 * 604800 + 7, NULL, NULL, 'content', 1, 'submit'),"   /* nobody: not counted */
	" (100, 3, NULL, 'content', 1, 'edit');";      /* before week 0: event_activity truncates to 0 */

static void test_activity_week_counts_every_kind_of_event(void **state)
{
	(void)state;
	struct store s;
	char path[PATH_MAX];
	unit_db(&s, "kinds.db", path, sizeof path);
	exec_ok(&s, every_event);
	expect_weeks_exact(&s);
	/* And by hand, so that the truth itself is checked once. */
	assert_int_equal(unit_int(&s, "SELECT edits FROM activity_week WHERE week = 10 AND person_id = 3"), 8);
	assert_int_equal(unit_int(&s, "SELECT contributions FROM activity_week WHERE week = 10 AND person_id = 2"), 1);
	assert_int_equal(unit_int(&s, "SELECT shares FROM activity_week WHERE week = 10 AND person_id = 2"), 1);
	assert_int_equal(unit_int(&s, "SELECT conversations FROM activity_week WHERE week = 10 AND person_id = 2"), 2);
	assert_int_equal(unit_int(&s, "SELECT shares FROM activity_week WHERE week = 11 AND person_id = 2"), 1);
	assert_int_equal(unit_int(&s, "SELECT contributions FROM activity_week WHERE week = 11 AND person_id = 2"), 1);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM activity_week WHERE person_id = 1"), 0);
	assert_int_equal(unit_int(&s, "SELECT edits FROM activity_week WHERE week = 0 AND person_id = 3"), 1);
	/* activity (migration 2) and activity_week tell the same. */
	assert_int_equal(unit_int(&s, "SELECT (SELECT sum(n) FROM activity) = (SELECT sum(contributions + edits "
				      "+ shares + conversations) FROM activity_week)"), 1);
	store_close(&s);
}

static void test_content_stages_follow_inserts_moves_and_deletes(void **state)
{
	(void)state;
	struct store s;
	char path[PATH_MAX];
	unit_db(&s, "stages.db", path, sizeof path);
	expect_stages_exact(&s);
	exec_ok(&s, "INSERT INTO content(id, title, creator_id, stage, created_at, stage_at, updated_at) VALUES"
		    " (1, 'a', 1, 'inbox', 0, 0, 0), (2, 'b', 1, 'inbox', 0, 0, 0), (3, 'c', 1, 'ready', 0, 0, 0),"
		    " (4, 'd', 1, 'shared', 0, 0, 0);");
	expect_stages_exact(&s);
	assert_int_equal(unit_int(&s, "SELECT n FROM content_stages WHERE stage = 'inbox'"), 2);
	exec_ok(&s, "UPDATE content SET stage = 'editing' WHERE id = 1;"
		    "UPDATE content SET title = 'B' WHERE id = 2;"          /* no move */
		    "UPDATE content SET stage = stage WHERE id = 3;"        /* to where it is */
		    "UPDATE content SET stage = 'archived' WHERE id = 4;");
	expect_stages_exact(&s);
	assert_int_equal(unit_int(&s, "SELECT n FROM content_stages WHERE stage = 'inbox'"), 1);
	assert_int_equal(unit_int(&s, "SELECT n FROM content_stages WHERE stage = 'shared'"), 0);
	exec_ok(&s, "DELETE FROM content WHERE id = 2;");
	expect_stages_exact(&s);
	assert_int_equal(unit_int(&s, "SELECT n FROM content_stages WHERE stage = 'inbox'"), 0);
	store_close(&s);
}

/* A file of schema 2 with activity and content in it, opened by this build:
 * the aggregates it gets equal the recount, and the triggers go on from there. */
/* A schema-2 file (as an older chorus left it) with every kind of event and
 * some content, at path. */
static void make_schema_2_file(const char *name, char *path, size_t len)
{
	struct store s;
	struct err e = {0};
	snprintf(path, len, "%.3000s/%.60s", unit_tmpdir(), name);
	unit_old_file(&s, path, 2);
	assert_int_equal(unit_int(&s, "PRAGMA user_version"), 2);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM sqlite_master WHERE name = 'activity_week'"), 0);
	assert_ok(store_exec(&s, "INSERT INTO meta(key, value) VALUES('mode', 'local'), ('organisation', 'Old BV');"
				 "INSERT INTO people(id, login, name, roles, created_at, updated_at) VALUES"
				 " (1, 'master', 'Mia', 15, 0, 0);", &e), e);
	assert_ok(store_exec(&s, every_event, &e), e);
	assert_ok(store_exec(&s, "INSERT INTO content(title, creator_id, stage, created_at, stage_at, updated_at) VALUES"
				 " ('a', 1, 'inbox', 0, 0, 0), ('b', 1, 'ready', 0, 0, 0), ('c', 1, 'ready', 0, 0, 0),"
				 " ('d', 1, 'rejected', 0, 0, 0);", &e), e);
	sqlite3_close(s.db);
}

/* A file of schema 2 with activity and content in it, opened by this build:
 * the aggregates it gets equal the recount, and the triggers go on from there. */
static void test_schema_2_file_is_backfilled(void **state)
{
	(void)state;
	struct err e = {0};
	char path[PATH_MAX];
	make_schema_2_file("v2.db", path, sizeof path);

	struct store t;
	assert_ok(store_open(&t, path, &e), e);
	assert_int_equal(t.schema_version, store_schema_latest());
	assert_int_equal(unit_int(&t, "SELECT count(*) FROM activity_week"), 4);
	expect_weeks_exact(&t);
	expect_stages_exact(&t);
	assert_int_equal(unit_int(&t, "SELECT n FROM content_stages WHERE stage = 'ready'"), 2);
	/* From here on the triggers keep them. */
	exec_ok(&t, "INSERT INTO events(at, actor_id, entity, entity_id, action) VALUES"
		    " (345600 + 11 * 604800 + 9, 3, 'content', 1, 'comment');"
		    "UPDATE content SET stage = 'shared' WHERE title = 'b';");
	expect_weeks_exact(&t);
	expect_stages_exact(&t);
	/* The indexes the report reads through are there. */
	assert_int_equal(unit_int(&t, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
				      "AND name IN ('content_dims', 'shares_by_time')"), 2);
	store_close(&t);
}

/* Running migration 3 again (a file turned back to schema 2 by hand, its
 * aggregates left behind) rebuilds them instead of counting twice. */
static void test_migration_3_again_rebuilds(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATH_MAX];
	unit_db(&s, "again.db", path, sizeof path);
	exec_ok(&s, every_event);
	exec_ok(&s, "INSERT INTO content(title, creator_id, stage, created_at, stage_at, updated_at) VALUES"
		    " ('a', 1, 'inbox', 0, 0, 0);"
		    "UPDATE activity_week SET edits = edits + 100;"
		    "UPDATE content_stages SET n = 7;");
	store_close(&s);
	sqlite3 *db;
	/* Migration 4 adds a column, which no migration can add twice: undo it. */
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "DROP INDEX shares_by_time; ALTER TABLE shares DROP COLUMN figures_at; "
			     "PRAGMA user_version = 2", NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("cannot turn %s back to schema 2", path);
	sqlite3_close(db);
	assert_ok(store_open(&s, path, &e), e);
	assert_int_equal(s.schema_version, store_schema_latest());
	expect_weeks_exact(&s);
	expect_stages_exact(&s);
	store_close(&s);
}

/* What the screens and the report show of a file, in one string. */
static void figures(struct store *s, char *out, size_t n)
{
	struct err e = {0};
	struct card_list cols[BOARD_STAGES];
	struct engagement g;
	struct metrics_report r;
	assert_ok(board_load(s, 10, 10, 0, cols, &e), e);
	assert_ok(engagement_load(s, 0, 12, ENGAGEMENT_ALL, NULL, &g, &e), e);
	assert_ok(metrics_report(s, -1, -1, &r, &e), e);
	size_t o = (size_t)snprintf(out, n, "board %d %d %d %d;", cols[0].total, cols[1].total, cols[2].total,
				    cols[3].total);
	for (int i = 0; i < g.npeople && o < n; i++)
		for (int w = 0; w < g.nweeks && o < n; w++)
			if (g.people[i].n[w])
				o += (size_t)snprintf(out + o, n - o, " %s w%d=%d", g.people[i].login, g.first_week + w,
						      g.people[i].n[w]);
	for (int i = 0; i < r.npeople && o < n; i++)
		o += (size_t)snprintf(out + o, n - o, "; %s %lld/%lld/%lld", r.people[i].login,
				      (long long)r.people[i].contributions, (long long)r.people[i].edits,
				      (long long)r.people[i].conversations);
	board_free_all(cols);
	engagement_free(&g);
	metrics_report_free(&r);
}

/* A schema-2 file this client may not migrate (opened read-only) still shows
 * the board, the heatmap and the report, with the same figures as once it is
 * migrated. */
static void test_schema_2_file_read_only_shows_the_same(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATH_MAX], before[4096], after[4096];
	make_schema_2_file("v2-ro.db", path, sizeof path);
	assert_ok(store_open_readonly(&s, path, "not migrated", &e), e);
	assert_int_equal(s.readonly, 1);
	assert_int_equal(s.schema_version, 2);
	figures(&s, before, sizeof before);
	store_close(&s);
	assert_ok(store_open(&s, path, &e), e);
	assert_int_equal(s.schema_version, store_schema_latest());
	figures(&s, after, sizeof after);
	store_close(&s);
	assert_string_equal(before, after);
	/* And the figures are the right ones, not two empty strings. */
	if (!strstr(after, "board 1 0 2 0;") || !strstr(after, "ed w10=8") || !strstr(after, "anna 2/0/2"))
		fail_msg("unexpected figures: %s", after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_activity_week_counts_every_kind_of_event),
		cmocka_unit_test(test_content_stages_follow_inserts_moves_and_deletes),
		cmocka_unit_test(test_schema_2_file_is_backfilled),
		cmocka_unit_test(test_migration_3_again_rebuilds),
		cmocka_unit_test(test_schema_2_file_read_only_shows_the_same),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return r;
}
