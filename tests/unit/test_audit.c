/* test_audit.c — the append-only event log: triggers refuse UPDATE and
 * DELETE, actor and on-behalf-of are recorded, history comes in order, every
 * INSERT that would replace an event, even from a connection without
 * recursive_triggers; the hash chain names the first changed event; every
 * detail is valid JSON whatever the values hold, and the per person-week
 * activity aggregate counts what the heatmaps show. */
#include "unit.h"
#include "chorus/audit.h"
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/json.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/strategy.h"

#define MONDAY_2026_01_05 1767571200LL   /* 00:00 UTC, the first second of week 2922 */
#define WEEK 604800LL

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("audit");
	if (!f)
		return -1;
	struct err e = {0};
	unit_person(&f->s, "anna", ROLE_CREATOR);
	unit_person(&f->s, "ed", ROLE_EDITOR);
	unit_person(&f->s, "pub", 0);
	struct platform pl = { .key = "x", .name = "X" };
	assert_ok(platform_add(&f->s, &pl, NULL, &e), e);
	*state = f;
	return 0;
}

static int64_t person_id(struct store *s, const char *login)
{
	struct err e = {0};
	struct person p;
	if (people_get(s, login, &p, &e) != CH_OK)
		fail_msg("people_get %s: %s", login, e.msg);
	return p.id;
}

static int64_t submit(struct store *s, const char *title)
{
	struct err e = {0};
	int64_t id = 0;
	struct submission sub = { .title = title, .body = "Body" };
	if (content_submit(s, &sub, &id, &e) != CH_OK)
		fail_msg("content_submit: %s", e.msg);
	return id;
}

/* --- append-only -------------------------------------------------------------------- */

static void try_sql_refused(struct store *s, const char *sql)
{
	struct err e = {0};
	long long before = unit_int(s, "SELECT count(*) FROM events");
	long long sum = unit_int(s, "SELECT total(length(action) + length(detail) + at) FROM events");
	assert_ok(store_begin(s, 1, &e), e);
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	char text[256];
	snprintf(text, sizeof text, "%s", msg ? msg : "");
	sqlite3_free(msg);
	store_end(s, CH_FAILED, NULL);
	if ((rc & 0xff) != SQLITE_CONSTRAINT)
		fail_msg("%s: returned %d (%s), want SQLITE_CONSTRAINT", sql, rc, text);
	if (!strstr(text, "append-only"))
		fail_msg("%s: the refusal does not say append-only: %s", sql, text);
	assert_int_equal(unit_int(s, "SELECT count(*) FROM events"), before);
	assert_int_equal(unit_int(s, "SELECT total(length(action) + length(detail) + at) FROM events"), sum);
}

static void test_events_cannot_be_updated_or_deleted(void **state)
{
	struct unit_fx *f = *state;
	submit(&f->s, "Something happened");
	assert_true(unit_int(&f->s, "SELECT count(*) FROM events") > 0);
	try_sql_refused(&f->s, "UPDATE events SET action = 'forged'");
	try_sql_refused(&f->s, "UPDATE events SET detail = '{}' WHERE action = 'submit'");
	try_sql_refused(&f->s, "DELETE FROM events");
	try_sql_refused(&f->s, "DELETE FROM events WHERE action = 'submit'");
	try_sql_refused(&f->s, "INSERT OR REPLACE INTO events(id, at, entity, action) "
			       "SELECT id, at, entity, 'forged' FROM events LIMIT 1");
}

static void test_events_refuse_changes_through_any_connection(void **state)
{
	struct unit_fx *f = *state;
	submit(&f->s, "Something happened");
	store_close(&f->s);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	int rc = sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL);
	char msg[256];
	snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
	struct err e = {0};
	assert_ok(store_open(&f->s, f->path, &e), e);
	if ((rc & 0xff) != SQLITE_CONSTRAINT || !strstr(msg, "append-only"))
		fail_msg("DELETE on a plain connection: %d %s", rc, msg);
	assert_true(unit_int(&f->s, "SELECT count(*) FROM events") > 0);
}

/* sql through a plain connection, as the sqlite3 shell has it: no
 * recursive_triggers, no chorus.  Returns SQLite's code; msg gets its text. */
static int plain_sql(struct unit_fx *f, const char *sql, char *msg, size_t n)
{
	store_close(&f->s);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	snprintf(msg, n, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
	struct err e = {0};
	assert_ok(store_open(&f->s, f->path, &e), e);
	assert_ok(store_identify(&f->s, "master", NULL, &e), e);
	return rc;
}

static void test_events_cannot_be_replaced_without_recursive_triggers(void **state)
{
	struct unit_fx *f = *state;
	submit(&f->s, "First");
	submit(&f->s, "Second");
	long long n = unit_int(&f->s, "SELECT count(*) FROM events");
	long long sum = unit_int(&f->s, "SELECT total(length(action) + length(detail) + at) FROM events");
	static const char *const forgeries[] = {
		"INSERT OR REPLACE INTO events(id, at, entity, action) VALUES((SELECT min(id) FROM events), 1, 'x', 'forged')",
		"INSERT OR REPLACE INTO events(id, at, entity, action) VALUES((SELECT max(id) FROM events), 1, 'x', 'forged')",
		"REPLACE INTO events(rowid, at, entity, action) VALUES(1, 1, 'x', 'forged')",
		"INSERT INTO events(id, at, entity, action) VALUES(-1, 1, 'x', 'forged')",
		"INSERT INTO events(id, at, entity, action) VALUES(0, 1, 'x', 'forged')",
		"INSERT INTO events(id, at, entity, action) VALUES(1, 1, 'x', 'forged') "
		"ON CONFLICT(id) DO UPDATE SET action = 'forged'",
	};
	for (size_t i = 0; i < sizeof forgeries / sizeof forgeries[0]; i++) {
		char msg[256];
		int rc = plain_sql(f, forgeries[i], msg, sizeof msg);
		if ((rc & 0xff) != SQLITE_CONSTRAINT || !strstr(msg, "append-only"))
			fail_msg("%s: returned %d (%s), want an append-only refusal", forgeries[i], rc, msg);
	}
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events"), n);
	assert_int_equal(unit_int(&f->s, "SELECT total(length(action) + length(detail) + at) FROM events"), sum);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE action = 'forged'"), 0);
}

static void test_the_chain_holds_and_names_the_first_changed_event(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct audit_check ck;
	for (int i = 0; i < 5; i++)
		submit(&f->s, "Chained");
	long long n = unit_int(&f->s, "SELECT count(*) FROM events");
	assert_ok(audit_verify(&f->s, &ck, &e), e);
	assert_int_equal(ck.events, n);
	assert_int_equal(ck.broken_id, 0);
	assert_string_equal(ck.missing, "");
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE length(hash) = 32"), n);
	/* Someone with the sqlite3 shell drops the guard and edits one event. */
	long long victim = unit_int(&f->s, "SELECT id FROM events WHERE action = 'submit' ORDER BY id LIMIT 1 OFFSET 2");
	char sql[512], msg[256];
	snprintf(sql, sizeof sql, "DROP TRIGGER events_append_only_update; "
		 "UPDATE events SET detail = '{\"title\":\"Forged\"}' WHERE id = %lld", victim);
	assert_int_equal(plain_sql(f, sql, msg, sizeof msg), SQLITE_OK);
	assert_ok(audit_verify(&f->s, &ck, &e), e);
	assert_int_equal(ck.broken_id, victim);
	assert_int_equal(ck.events, n);
	assert_string_equal(ck.missing, "events_append_only_update");
}

static void test_the_chain_finds_a_removed_event(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct audit_check ck;
	for (int i = 0; i < 4; i++)
		submit(&f->s, "Chained");
	long long second = unit_int(&f->s, "SELECT id FROM events ORDER BY id LIMIT 1 OFFSET 1");
	long long third = unit_int(&f->s, "SELECT id FROM events ORDER BY id LIMIT 1 OFFSET 2");
	char sql[256], msg[256];
	snprintf(sql, sizeof sql, "DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE id = %lld", second);
	assert_int_equal(plain_sql(f, sql, msg, sizeof msg), SQLITE_OK);
	assert_ok(audit_verify(&f->s, &ck, &e), e);
	assert_int_equal(ck.broken_id, third);   /* the one after the hole no longer follows */
	assert_string_equal(ck.missing, "events_append_only_delete");
}

static void test_the_chain_finds_an_event_written_by_hand(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct audit_check ck;
	char msg[256];
	submit(&f->s, "One");
	assert_int_equal(plain_sql(f, "INSERT INTO events(at, entity, action) VALUES(1, 'x', 'forged')", msg, sizeof msg),
			 SQLITE_OK);
	assert_ok(audit_verify(&f->s, &ck, &e), e);
	assert_int_equal(ck.broken_id, unit_int(&f->s, "SELECT max(id) FROM events"));
	/* Events chorus adds after it chain on; the forged one stays the first broken. */
	submit(&f->s, "Two");
	assert_ok(audit_verify(&f->s, &ck, &e), e);
	assert_int_equal(ck.broken_id, unit_int(&f->s, "SELECT id FROM events WHERE action = 'forged'"));
	assert_int_equal(ck.events, unit_int(&f->s, "SELECT count(*) FROM events"));
}

static void test_detail_must_be_json(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	assert_ok(store_begin(&f->s, 1, &e), e);
	int rc = sqlite3_exec(f->s.db, "INSERT INTO events(at, entity, action, detail) VALUES(1, 'x', 'y', '{oops')",
			      NULL, NULL, NULL);
	store_end(&f->s, CH_FAILED, NULL);
	assert_int_equal(rc & 0xff, SQLITE_CONSTRAINT);
}

/* --- actor, on behalf of, history ------------------------------------------------------- */

static void test_acting_on_behalf_records_both_people(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t master = person_id(&f->s, "master"), anna = person_id(&f->s, "anna");
	assert_ok(store_identify(&f->s, "master", "anna", &e), e);
	int64_t id = submit(&f->s, "Submitted by master for anna");
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT actor_id FROM events WHERE entity = 'content' AND entity_id = %lld", (long long)id);
	assert_int_equal(unit_int(&f->s, sql), master);
	snprintf(sql, sizeof sql, "SELECT on_behalf_id FROM events WHERE entity = 'content' AND entity_id = %lld", (long long)id);
	assert_int_equal(unit_int(&f->s, sql), anna);
	snprintf(sql, sizeof sql, "SELECT creator_id FROM content WHERE id = %lld", (long long)id);
	assert_int_equal(unit_int(&f->s, sql), anna);

	/* acting as yourself leaves on_behalf empty */
	assert_ok(store_identify(&f->s, "anna", NULL, &e), e);
	assert_ok(content_edit(&f->s, id, "Edited by anna", "Body", 0, &e), e);

	struct audit_event *ev = NULL;
	int n = 0;
	assert_ok(audit_history(&f->s, "content", id, &ev, &n, &e), e);
	assert_int_equal(n, 2);
	assert_string_equal(ev[0].action, "submit");
	assert_string_equal(ev[0].actor, "master");
	assert_string_equal(ev[0].on_behalf, "anna");
	assert_string_equal(ev[1].action, "edit");
	assert_string_equal(ev[1].actor, "anna");
	assert_string_equal(ev[1].on_behalf, "");
	audit_events_free(ev, n);
}

static void test_history_is_oldest_first_and_only_for_that_entity(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	store_clock_set(MONDAY_2026_01_05 + 3600);
	unit_act_as(&f->s, "anna");
	int64_t id = submit(&f->s, "Story");
	int64_t other = submit(&f->s, "Other story");
	unit_act_as(&f->s, "ed");
	store_clock_set(MONDAY_2026_01_05 + 7200);
	assert_ok(content_take(&f->s, id, 0, &e), e);
	assert_ok(message_add(&f->s, id, "x", "Read our story", NULL, NULL, &e), e);
	assert_ok(comment_add(&f->s, id, "Nice", NULL, &e), e);
	assert_ok(content_take(&f->s, other, 0, &e), e);
	store_clock_set(MONDAY_2026_01_05 + 10800);
	assert_ok(content_approve(&f->s, id, 0, &e), e);
	assert_ok(content_back(&f->s, id, 0, &e), e);

	struct audit_event *ev = NULL;
	int n = 0;
	assert_ok(audit_history(&f->s, "content", id, &ev, &n, &e), e);
	const char *want[] = { "submit", "take", "comment", "approve", "back" };
	int64_t when[] = { 3600, 7200, 7200, 10800, 10800 };
	assert_int_equal(n, 5);
	for (int i = 0; i < n; i++) {
		if (strcmp(ev[i].action, want[i]) != 0)
			fail_msg("history[%d] is %s, want %s", i, ev[i].action, want[i]);
		assert_int_equal(ev[i].at, MONDAY_2026_01_05 + when[i]);
		if (i > 0)
			assert_true(ev[i].id > ev[i - 1].id);
	}
	assert_string_equal(ev[0].actor, "anna");
	assert_string_equal(ev[1].actor, "ed");
	assert_non_null(strstr(ev[3].detail, "\"from\":\"editing\""));
	audit_events_free(ev, n);

	/* nothing for an entity without events */
	assert_ok(audit_history(&f->s, "content", 999999, &ev, &n, &e), e);
	assert_int_equal(n, 0);
	audit_events_free(ev, n);
}

/* --- JSON detail ------------------------------------------------------------------------ */

/* Log one event whose detail holds value under "v", and read it back through SQLite. */
static void round_trip(struct store *s, const char *value)
{
	struct err e = {0};
	struct json j;
	json_init(&j);
	json_str(&j, "v", value);
	json_str(&j, value, "key");   /* keys are escaped too */
	assert_ok(store_begin(s, 1, &e), e);
	assert_ok(audit_log(s, "test", 1, "note", &j, &e), e);
	assert_ok(store_end(s, CH_OK, &e), e);
	json_free(&j);

	sqlite3_stmt *st = NULL;
	assert_ok(store_begin(s, 0, &e), e);
	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT json_valid(detail), json_extract(detail, '$.v'), detail "
				 "FROM events WHERE entity = 'test' ORDER BY id DESC LIMIT 1", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int valid = sqlite3_column_int(st, 0);
	const char *back = (const char *)sqlite3_column_text(st, 1);
	char shown[512];
	snprintf(shown, sizeof shown, "%s", (const char *)sqlite3_column_text(st, 2));
	int same = back && strcmp(back, value) == 0;
	sqlite3_finalize(st);
	store_end(s, CH_OK, NULL);
	if (!valid)
		fail_msg("detail is not valid JSON: %s", shown);
	if (!same)
		fail_msg("the value did not survive the round trip: %s", shown);
}

static void test_detail_is_valid_json_whatever_the_values_hold(void **state)
{
	struct unit_fx *f = *state;
	const char *values[] = {
		"plain",
		"",
		"say \"hello\"",
		"back\\slash and \\\"both\\\"",
		"two\nlines\r\nand\ttab",
		"control \x01\x02\x1f and del \x7f",
		"Één café — 👍",
		"</script>{}[],:",
		"\\u0041 is not an escape here",
	};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		round_trip(&f->s, values[i]);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE NOT json_valid(detail)"), 0);
}

static void test_json_builder_nests_and_writes_every_type(void **state)
{
	(void)state;
	struct json j;
	json_init(&j);
	json_str(&j, "s", "x\"y");
	json_str(&j, "null", NULL);
	json_int(&j, "i", -9007199254740993LL);
	json_num(&j, "n", 0.25);
	json_bool(&j, "t", 1);
	json_bool(&j, "f", 0);
	json_open(&j, "a", '[');
	json_int(&j, NULL, 1);
	json_str(&j, NULL, "two");
	json_open(&j, NULL, '{');
	json_str(&j, "deep", "yes");
	json_close(&j, '}');
	json_close(&j, ']');
	json_open(&j, "o", '{');
	json_close(&j, '}');
	const char *text = json_done(&j);
	assert_non_null(text);
	assert_string_equal(text, "{\"s\":\"x\\\"y\",\"null\":null,\"i\":-9007199254740993,\"n\":0.25,"
				  "\"t\":true,\"f\":false,\"a\":[1,\"two\",{\"deep\":\"yes\"}],\"o\":{}}");
	/* done twice gives the same text */
	assert_string_equal(json_done(&j), text);
	json_free(&j);

	json_init(&j);
	assert_string_equal(json_done(&j), "{}");
	json_free(&j);

	/* the opening bracket closes as well as the closing one */
	json_init(&j);
	json_open(&j, "a", '[');
	json_open(&j, NULL, '{');
	json_close(&j, '{');
	json_close(&j, '[');
	assert_string_equal(json_done(&j), "{\"a\":[{}]}");
	json_free(&j);

	json_init(&j);
	json_quote(&j, "\x01\x7f");
	assert_string_equal(j.buf, "{\"\\u0001\\u007f\"");
	json_free(&j);
}

static void test_null_detail_is_an_empty_object(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	assert_ok(store_begin(&f->s, 1, &e), e);
	assert_ok(audit_log(&f->s, "test", 7, "ping", NULL, &e), e);
	assert_ok(store_end(&f->s, CH_OK, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT detail = '{}' FROM events WHERE entity = 'test' AND entity_id = 7"), 1);
}

/* --- the activity aggregate ----------------------------------------------------------- */

static long long activity(struct store *s, const char *login, long long week, const char *kind)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT COALESCE((SELECT a.n FROM activity a JOIN people p ON p.id = a.person_id "
		 "WHERE p.login = '%s' AND a.week = %lld AND a.kind = '%s'), 0)", login, week, kind);
	return unit_int(s, sql);
}

static void expect_activity(struct store *s, const char *login, long long week, const char *kind, long long want)
{
	long long n = activity(s, login, week, kind);
	if (n != want)
		fail_msg("activity of %s in week %lld, %s: %lld, want %lld", login, week, kind, n, want);
}

static void test_activity_counts_each_kind_per_person_week(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	const long long w = MONDAY_2026_01_05 / WEEK - 345600 / WEEK;   /* (t - 345600) / 604800 */
	assert_int_equal((MONDAY_2026_01_05 - 345600) / WEEK, w);

	/* week w: anna submits two, ed takes and approves one, pub shares it, pub comments */
	store_clock_set(MONDAY_2026_01_05 + 9 * 3600);
	unit_act_as(&f->s, "anna");
	int64_t a = submit(&f->s, "First");
	submit(&f->s, "Second");
	unit_act_as(&f->s, "ed");
	assert_ok(content_take(&f->s, a, 0, &e), e);
	int64_t mid = 0;
	assert_ok(message_add(&f->s, a, "x", "Share this", NULL, &mid, &e), e);
	assert_ok(content_approve(&f->s, a, 0, &e), e);
	unit_act_as(&f->s, "pub");
	assert_ok(share_log(&f->s, mid, NULL, NULL, 0, NULL, &e), e);
	assert_ok(comment_add(&f->s, a, "Shared it!", NULL, &e), e);

	/* the last second of week w, and the first of week w + 1 */
	store_clock_set(MONDAY_2026_01_05 + WEEK - 1);
	unit_act_as(&f->s, "anna");
	submit(&f->s, "Sunday night");
	store_clock_set(MONDAY_2026_01_05 + WEEK);
	submit(&f->s, "Monday morning");
	unit_act_as(&f->s, "pub");
	assert_ok(share_log(&f->s, mid, NULL, NULL, 0, NULL, &e), e);   /* shared content, shared again */

	expect_activity(&f->s, "anna", w, "contribution", 3);
	expect_activity(&f->s, "anna", w + 1, "contribution", 1);
	/* take, message and approve are edits */
	expect_activity(&f->s, "ed", w, "edit", 3);
	expect_activity(&f->s, "pub", w, "share", 1);
	expect_activity(&f->s, "pub", w + 1, "share", 1);
	expect_activity(&f->s, "pub", w, "conversation", 1);
	expect_activity(&f->s, "anna", w, "edit", 0);
	/* people's own admin is no activity */
	expect_activity(&f->s, "master", w, "contribution", 0);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM activity a JOIN people p ON p.id = a.person_id "
					 "WHERE p.login = 'master'"), 0);
}

static void test_activity_is_attributed_to_the_person_acted_for(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	const long long w = (MONDAY_2026_01_05 - 345600) / WEEK;
	store_clock_set(MONDAY_2026_01_05 + 3600);
	assert_ok(store_identify(&f->s, "master", "anna", &e), e);
	int64_t id = submit(&f->s, "For anna");
	assert_ok(store_identify(&f->s, "master", "ed", &e), e);
	assert_ok(content_take(&f->s, id, 0, &e), e);
	assert_ok(comment_add(&f->s, id, "On ed's behalf", NULL, &e), e);
	expect_activity(&f->s, "anna", w, "contribution", 1);
	expect_activity(&f->s, "ed", w, "edit", 1);
	expect_activity(&f->s, "ed", w, "conversation", 1);
	expect_activity(&f->s, "master", w, "contribution", 0);
	expect_activity(&f->s, "master", w, "edit", 0);
	/* the aggregate agrees with the log */
	assert_int_equal(unit_int(&f->s, "SELECT sum(n) FROM activity"),
			 unit_int(&f->s, "SELECT count(*) FROM event_activity WHERE kind IS NOT NULL"));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_events_cannot_be_updated_or_deleted),
		T(test_events_refuse_changes_through_any_connection),
		T(test_events_cannot_be_replaced_without_recursive_triggers),
		T(test_the_chain_holds_and_names_the_first_changed_event),
		T(test_the_chain_finds_a_removed_event),
		T(test_the_chain_finds_an_event_written_by_hand),
		T(test_detail_must_be_json),
		T(test_acting_on_behalf_records_both_people),
		T(test_history_is_oldest_first_and_only_for_that_entity),
		T(test_detail_is_valid_json_whatever_the_values_hold),
		cmocka_unit_test(test_json_builder_nests_and_writes_every_type),
		T(test_null_detail_is_an_empty_object),
		T(test_activity_counts_each_kind_per_person_week),
		T(test_activity_is_attributed_to_the_person_acted_for),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
