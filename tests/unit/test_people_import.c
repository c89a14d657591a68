/* test_people_import.c — people import in the core: the checks that need no
 * database (each problem with its line and field), adding, updating and
 * leaving alone, all or nothing, masters only, and the order that lets a
 * master demote themself in the same file. */
#include "unit.h"
#include "chorus/people_import.h"

static char told[4096];

static void collect(void *ctx, int line, const char *msg)
{
	(void)ctx;
	size_t n = strlen(told);
	snprintf(told + n, sizeof told - n, "%d: %s\n", line, msg);
}

#define ROW(line, login, name, email, team, roles, groups, active) \
	{ line, login, name, email, team, roles, groups, active, "" }

static void test_check_reports_each_problem(void **state)
{
	(void)state;
	const struct people_import_row rows[] = {
		ROW(2, "", "", "", "", "", "", ""),
		ROW(3, "a b", "", "x", "", "boss", "", "maybe"),
		ROW(4, "ok", "Name\x1b[2J", "", "", "master; editor", "G1;;G2", "yes"),
		ROW(5, "ok", "", "", "", "", "", ""),
		ROW(6, "fine", "", "f@x", "T", "creator,publisher", " a ; b ", "no"),
	};
	told[0] = 0;
	assert_int_equal(people_import_check(rows, 5, collect, NULL), 4);
	assert_string_equal(told,
		"2: login: empty; each row names a person\n"
		"3: login: \"a b\" is not valid: use 1-63 letters, digits, '.', '_' or '-'\n"
		"3: email: \"x\" is not an e-mail address\n"
		"3: roles: \"boss\": use master, editor, creator and publisher, separated by ';'\n"
		"3: active: \"maybe\": use yes or no\n"
		"4: name: the name contains a control character (byte 5)\n"
		"5: login: ok is on line 4 already\n");
}

static void test_check_long_values(void **state)
{
	(void)state;
	char group[200], roles[300];
	memset(group, 'g', sizeof group - 1);
	group[sizeof group - 1] = 0;
	for (size_t i = 0; i + 7 < sizeof roles; i += 7)
		memcpy(roles + i, "editor;", 8);
	const struct people_import_row rows[] = { ROW(2, "x", "", "", "", roles, group, "") };
	told[0] = 0;
	assert_int_equal(people_import_check(rows, 1, collect, NULL), 1);
	assert_non_null(strstr(told, "2: roles: \"editor;editor;editor;editor;editor;edito\": use master"));
	assert_non_null(strstr(told, "2: focus_groups: \"gggggggggggggggggggggggggggggggggggggggg\" is too long "
				    "for a focus group's name (at most 64 bytes)\n"));
}

static void test_import_adds_updates_and_leaves_alone(void **state)
{
	(void)state;
	struct store s;
	char path[PATH_MAX];
	struct err e = {0};
	unit_db(&s, "import.db", path, sizeof path);
	unit_person(&s, "ann", ROLE_EDITOR);
	const struct people_import_row rows[] = {
		ROW(2, "ann", "Ann B", "", "Sales", "", "Leads", ""),
		ROW(3, "bo", "", "bo@x.org", "Sales", "creator", "", "no"),
	};
	struct people_import_counts k;
	told[0] = 0;
	assert_ok(people_import(&s, rows, 2, 0, &k, collect, NULL, &e), e);
	assert_int_equal(k.added, 1);
	assert_int_equal(k.updated, 1);
	assert_int_equal(k.unchanged, 0);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM teams"), 1);
	assert_int_equal(unit_int(&s, "SELECT roles FROM people WHERE login = 'ann'"), ROLE_EDITOR | ROLE_PUBLISHER);
	assert_int_equal(unit_int(&s, "SELECT active FROM people WHERE login = 'bo'"), 0);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM focus_group_members"), 1);
	long long events = unit_int(&s, "SELECT count(*) FROM events");
	long long revision = unit_int(&s, "SELECT value FROM meta WHERE key = 'revision'");

	/* Again: nothing changes, not even the revision. */
	assert_ok(people_import(&s, rows, 2, 0, &k, collect, NULL, &e), e);
	assert_int_equal(k.unchanged, 2);
	assert_int_equal(k.added + k.updated, 0);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM events"), events);
	assert_int_equal(unit_int(&s, "SELECT value FROM meta WHERE key = 'revision'"), revision);

	/* A bad row: nothing of the good one is kept. */
	const struct people_import_row more[] = {
		ROW(2, "cy", "", "", "", "", "", ""),
		ROW(3, "dee", "", "", "", "wizard", "", ""),
	};
	told[0] = 0;
	assert_int_equal(people_import(&s, more, 2, 0, &k, collect, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "1 bad row of 2: nothing was imported");
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM people WHERE login = 'cy'"), 0);
	/* Rows the caller found bad count too, and stop the rest. */
	assert_int_equal(people_import(&s, more, 1, 2, &k, collect, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "2 bad rows of 3: nothing was imported");
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM people WHERE login = 'cy'"), 0);

	/* Masters only. */
	unit_act_as(&s, "ann");
	assert_int_equal(people_import(&s, more, 1, 0, &k, collect, NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "importing people needs the master role"));
	store_close(&s);
}

static void test_own_row_goes_last(void **state)
{
	(void)state;
	struct store s;
	char path[PATH_MAX];
	struct err e = {0};
	unit_db(&s, "self.db", path, sizeof path);
	unit_person(&s, "other", ROLE_MASTER);
	const struct people_import_row rows[] = {
		ROW(2, "master", "", "", "", "editor", "", ""),
		ROW(3, "new", "", "", "", "", "", ""),
	};
	struct people_import_counts k;
	told[0] = 0;
	assert_ok(people_import(&s, rows, 2, 0, &k, collect, NULL, &e), e);
	assert_int_equal(k.added, 1);
	assert_int_equal(k.updated, 1);
	assert_int_equal(unit_int(&s, "SELECT roles FROM people WHERE login = 'master'"), ROLE_EDITOR | ROLE_PUBLISHER);
	store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_reports_each_problem),
		cmocka_unit_test(test_check_long_values),
		cmocka_unit_test(test_import_adds_updates_and_leaves_alone),
		cmocka_unit_test(test_own_row_goes_last),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return rc;
}
