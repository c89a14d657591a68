/* test_focus_group.c — focus groups first-class (core/focus_group.c) and the
 * ambassador journey (core/people.c): create, rename, describe, owner,
 * archive and restore with their events and refusals; people_set's groups
 * (replacing the groups in use), handles and state with its dated history;
 * the handle syntax; campaigns for a group; the quiet list leaving out the
 * paused; and a file of the schema before SCHEMA_GROUPS_JOURNEY migrating. */
#include <sys/stat.h>
#include "unit.h"
#include "chorus/campaign.h"
#include "chorus/engagement.h"
#include "chorus/focus_group.h"
#include "../../src/core/schema.h"

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("groups");
	if (!f)
		return -1;
	*state = f;
	return 0;
}

static struct focus_group find(struct store *s, const char *name)
{
	struct err e = {0};
	struct focus_group g;
	if (focus_group_find(s, name, &g, &e) != CH_OK)
		fail_msg("focus_group_find %s: %s", name, e.msg);
	return g;
}

static long long count(struct store *s, const char *sql)
{
	return unit_int(s, sql);
}

static void test_create_set_and_find_with_purpose_and_owner(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_person(&f->s, "anna", 0);
	int64_t id = 0;
	struct focus_group_change c = { .name = "Voorlopers", .purpose = "The front-runners", .owner = "anna" };
	assert_ok(focus_group_create(&f->s, &c, &id, &e), e);
	struct focus_group g = find(&f->s, "Voorlopers");
	assert_int_equal(g.id, id);
	assert_string_equal(g.purpose, "The front-runners");
	assert_string_equal(g.owner, "anna");
	assert_int_equal(g.archived_at, 0);
	assert_int_equal(g.members, 0);
	assert_int_equal(count(&f->s, "SELECT count(*) FROM events WHERE entity = 'focus_group' AND action = 'add'"), 1);

	struct focus_group_change r = { .name = "Pioniers", .purpose = "" , .owner = "" };
	assert_ok(focus_group_set(&f->s, "Voorlopers", &r, &e), e);
	g = find(&f->s, "Pioniers");
	assert_int_equal(g.id, id);
	assert_string_equal(g.purpose, "");
	assert_string_equal(g.owner, "");
	assert_int_equal(focus_group_find(&f->s, "Voorlopers", &g, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such focus group: Voorlopers"));
	assert_int_equal(count(&f->s, "SELECT count(*) FROM events WHERE entity = 'focus_group' AND action = 'set'"), 1);
}

static void test_refusals_name_the_field_with_distinct_statuses(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct focus_group_change c = { .name = "Zorg" };
	assert_ok(focus_group_create(&f->s, &c, NULL, &e), e);
	assert_int_equal(focus_group_create(&f->s, &c, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "name Zorg: there is a focus group of that name already"));
	struct focus_group_change comma = { .name = "A,B" };
	assert_int_equal(focus_group_create(&f->s, &comma, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "cannot hold a comma"));
	struct focus_group_change none = { .purpose = "x" };
	assert_int_equal(focus_group_create(&f->s, &none, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "name"));
	struct focus_group_change owner = { .name = "Nieuw", .owner = "ghost" };
	assert_int_equal(focus_group_create(&f->s, &owner, NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "--owner ghost: no such person"));
	struct focus_group_change purpose = { .name = "Nieuw", .purpose = "a\033b" };
	assert_int_equal(focus_group_create(&f->s, &purpose, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "--purpose"));
	/* Only masters. */
	unit_person(&f->s, "ed", ROLE_EDITOR);
	unit_act_as(&f->s, "ed");
	struct focus_group_change ok = { .name = "Ok" };
	assert_int_equal(focus_group_create(&f->s, &ok, NULL, &e), CH_FAILED);
	assert_int_equal(focus_group_archive(&f->s, "Zorg", 1, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "master"));
	assert_int_equal(count(&f->s, "SELECT count(*) FROM focus_groups"), 1);
}

static void test_archive_hides_from_choices_and_keeps_members(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_person(&f->s, "anna", 0);
	struct focus_group_change a = { .name = "Alpha" }, b = { .name = "Beta" };
	assert_ok(focus_group_create(&f->s, &a, NULL, &e), e);
	assert_ok(focus_group_create(&f->s, &b, NULL, &e), e);
	assert_ok(focus_group_member(&f->s, "Beta", "anna", 1, &e), e);
	assert_ok(focus_group_archive(&f->s, "Beta", 1, &e), e);
	assert_int_equal(focus_group_archive(&f->s, "Beta", 1, &e), CH_FAILED);
	assert_true(find(&f->s, "Beta").archived_at > 0);
	assert_int_equal(find(&f->s, "Beta").members, 1);

	struct focus_group *v;
	int n;
	assert_ok(focus_group_list(&f->s, 0, &v, &n, &e), e);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "Alpha");
	free(v);
	assert_ok(focus_group_list(&f->s, 1, &v, &n, &e), e);
	assert_int_equal(n, 2);
	free(v);
	struct engagement_choice *c;
	assert_ok(engagement_choices(&f->s, &c, &n, &e), e);
	for (int i = 0; i < n; i++)
		if (strcmp(c[i].name, "Beta") == 0)
			fail_msg("an archived group is offered as a filter");
	free(c);
	/* Nobody joins an archived group; the members stay. */
	unit_person(&f->s, "bert", 0);
	assert_int_equal(focus_group_member(&f->s, "Beta", "bert", 1, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "archived"));
	char **logins;
	assert_ok(focus_group_members(&f->s, "Beta", &logins, &n, &e), e);
	assert_int_equal(n, 1);
	assert_string_equal(logins[0], "anna");
	focus_group_members_free(logins, n);

	assert_ok(focus_group_archive(&f->s, "Beta", 0, &e), e);
	assert_int_equal(find(&f->s, "Beta").archived_at, 0);
	assert_int_equal(focus_group_archive(&f->s, "Beta", 0, &e), CH_FAILED);
	assert_int_equal(count(&f->s, "SELECT count(*) FROM events WHERE entity = 'focus_group' AND action IN "
			       "('archive', 'restore')"), 2);
}

static const char *groups_of(struct store *s, const char *login, char *out, size_t n)
{
	struct person_info *v;
	int cnt;
	struct err e = {0};
	if (people_overview(s, &v, &cnt, &e) != CH_OK)
		fail_msg("people_overview: %s", e.msg);
	out[0] = 0;
	for (int i = 0; i < cnt; i++)
		if (strcmp(v[i].p.login, login) == 0)
			snprintf(out, n, "%s", v[i].groups);
	people_overview_free(v, cnt);
	return out;
}

static void test_set_groups_replaces_the_groups_in_use(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	char buf[256];
	const char *names[] = { "Alpha", "Beta", "Gamma" };
	for (int i = 0; i < 3; i++) {
		struct focus_group_change c = { .name = names[i] };
		assert_ok(focus_group_create(&f->s, &c, NULL, &e), e);
	}
	struct person_change add = { .roles = -1, .active = -1, .groups = "Alpha, Beta" };
	assert_ok(people_add(&f->s, "anna", &add, NULL, &e), e);
	assert_string_equal(groups_of(&f->s, "anna", buf, sizeof buf), "Alpha, Beta");
	assert_ok(focus_group_archive(&f->s, "Beta", 1, &e), e);
	struct person_change set = { .roles = -1, .active = -1, .groups = "Gamma" };
	assert_ok(people_set(&f->s, "anna", &set, 0, &e), e);
	/* Alpha left, Gamma joined, the archived Beta kept. */
	assert_string_equal(groups_of(&f->s, "anna", buf, sizeof buf), "Beta, Gamma");
	struct person_change bad = { .roles = -1, .active = -1, .groups = "Gamma,Ghost" };
	assert_int_equal(people_set(&f->s, "anna", &bad, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "--groups Ghost: no such focus group"));
	struct person_change arch = { .roles = -1, .active = -1, .groups = "Beta" };
	assert_int_equal(people_set(&f->s, "anna", &arch, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "archived"));
	struct person_change none = { .roles = -1, .active = -1, .groups = "" };
	assert_ok(people_set(&f->s, "anna", &none, 0, &e), e);
	assert_string_equal(groups_of(&f->s, "anna", buf, sizeof buf), "Beta");
}

static void test_handle_syntax(void **state)
{
	(void)state;
	char plat[32], acct[128];
	int fol;
	struct err e = {0};
	assert_ok(people_handle_parse("--handle", "linkedin=anouk:1200", plat, sizeof plat, acct, sizeof acct, &fol, &e), e);
	assert_string_equal(plat, "linkedin");
	assert_string_equal(acct, "anouk");
	assert_int_equal(fol, 1200);
	assert_ok(people_handle_parse("--handle", "x=@anouk", plat, sizeof plat, acct, sizeof acct, &fol, &e), e);
	assert_string_equal(acct, "@anouk");
	assert_int_equal(fol, -1);
	assert_ok(people_handle_parse("--handle", "x=https://x.com/a:9", plat, sizeof plat, acct, sizeof acct, &fol, &e), e);
	assert_string_equal(acct, "https://x.com/a");
	assert_int_equal(fol, 9);
	assert_ok(people_handle_parse("--handle", "x=a:b", plat, sizeof plat, acct, sizeof acct, &fol, &e), e);
	assert_string_equal(acct, "a:b");
	static const char *const bad[] = { "linkedin", "=a", "x=", "x=:5", "x=a:12345678901" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(people_handle_parse("--handle", bad[i], plat, sizeof plat, acct, sizeof acct, &fol, &e),
				 CH_INVALID);
		if (!strstr(e.msg, "--handle"))
			fail_msg("%s: the message names no field: %s", bad[i], e.msg);
	}
}

static void test_handles_through_people_set_keep_followers_and_are_all_or_nothing(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	assert_ok(store_exec(&f->s, "INSERT INTO platforms(key, name) VALUES('linkedin', 'LinkedIn'), ('x', 'X')", &e), e);
	unit_person(&f->s, "anna", 0);
	const char *h1[] = { "linkedin=anouk:1200", "x=@anouk" };
	struct person_change c = { .roles = -1, .active = -1, .handles = h1, .nhandles = 2 };
	assert_ok(people_set(&f->s, "anna", &c, 0, &e), e);
	assert_int_equal(count(&f->s, "SELECT followers FROM person_platforms pp JOIN platforms pl ON pl.id = pp.platform_id "
			       "WHERE pl.key = 'linkedin'"), 1200);
	const char *h2[] = { "linkedin=anouk-b" };
	struct person_change keep = { .roles = -1, .active = -1, .handles = h2, .nhandles = 1 };
	assert_ok(people_set(&f->s, "anna", &keep, 0, &e), e);
	assert_int_equal(count(&f->s, "SELECT followers FROM person_platforms pp JOIN platforms pl ON pl.id = pp.platform_id "
			       "WHERE pl.key = 'linkedin' AND pp.handle = 'anouk-b'"), 1200);
	const char *h3[] = { "x=@new", "mastodon=a" };
	struct person_change bad = { .roles = -1, .active = -1, .handles = h3, .nhandles = 2, .state = "active" };
	assert_int_equal(people_set(&f->s, "anna", &bad, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such platform mastodon"));
	assert_int_equal(count(&f->s, "SELECT count(*) FROM person_platforms WHERE handle = '@new'"), 0);
	assert_int_equal(count(&f->s, "SELECT count(*) FROM people WHERE journey = 'active'"), 0);
}

static void test_journey_state_is_dated_kept_and_audited(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	store_clock_set(1767225600);    /* 2026-01-01 */
	unit_person(&f->s, "anna", 0);
	struct person p;
	assert_ok(people_get(&f->s, "anna", &p, &e), e);
	assert_int_equal(p.journey, JOURNEY_INVITED);
	assert_int_equal(p.journey_at, 1767225600);
	store_clock_set(1767225600 + 86400);
	assert_ok(people_set_state(&f->s, "anna", "onboarded", 0, &e), e);
	store_clock_set(1767225600 + 2 * 86400);
	assert_ok(people_set_state(&f->s, "anna", "paused", p.version + 1, &e), e);
	/* The same state again writes nothing. */
	assert_ok(people_set_state(&f->s, "anna", "paused", 0, &e), e);
	assert_ok(people_get(&f->s, "anna", &p, &e), e);
	assert_int_equal(p.journey, JOURNEY_PAUSED);
	assert_int_equal(p.journey_at, 1767225600 + 2 * 86400);
	struct person_info *v;
	int n;
	assert_ok(people_overview(&f->s, &v, &n, &e), e);
	const struct person_info *a = NULL;
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].p.login, "anna") == 0)
			a = &v[i];
	assert_non_null(a);
	assert_int_equal(a->njourney, 3);
	assert_int_equal(a->journey[0].state, JOURNEY_INVITED);
	assert_int_equal(a->journey[1].state, JOURNEY_ONBOARDED);
	assert_int_equal(a->journey[1].at, 1767225600 + 86400);
	assert_int_equal(a->journey[2].state, JOURNEY_PAUSED);
	people_overview_free(v, n);
	assert_int_equal(count(&f->s, "SELECT count(*) FROM events WHERE entity = 'person' AND "
			       "json_extract(detail, '$.state') IS NOT NULL"), 3);   /* add, onboarded, paused */
	assert_int_equal(people_set_state(&f->s, "anna", "asleep", 0, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "--state asleep"));
	assert_int_equal(people_journey_parse("active"), JOURNEY_ACTIVE);
	assert_int_equal(people_journey_parse("Active"), -1);
}

static void test_campaign_targets_a_group_in_use(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct focus_group_change g = { .name = "Voorlopers" }, old = { .name = "Oud" };
	assert_ok(focus_group_create(&f->s, &g, NULL, &e), e);
	assert_ok(focus_group_create(&f->s, &old, NULL, &e), e);
	assert_ok(focus_group_archive(&f->s, "Oud", 1, &e), e);
	int64_t id = 0;
	struct campaign_change c = { .name = "Open day", .target_shares = -1, .group = "Voorlopers" };
	assert_ok(campaign_add(&f->s, &c, &id, &e), e);
	struct campaign *v;
	int n;
	assert_ok(campaign_list(&f->s, &v, &n, &e), e);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].group, "Voorlopers");
	campaign_list_free(v, n);
	struct campaign_change arch = { .target_shares = -1, .group = "Oud" };
	assert_int_equal(campaign_set(&f->s, id, &arch, 0, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "focus group Oud: it is archived"));
	struct campaign_change ghost = { .target_shares = -1, .group = "Ghost" };
	assert_int_equal(campaign_set(&f->s, id, &ghost, 0, &e), CH_INVALID);
	struct campaign_change clear = { .target_shares = -1, .group = "" };
	assert_ok(campaign_set(&f->s, id, &clear, 0, &e), e);
	assert_int_equal(count(&f->s, "SELECT count(*) FROM campaigns WHERE group_id IS NULL"), 1);
}

static void test_quiet_list_skips_the_paused_and_counts_them(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_person(&f->s, "anna", 0);
	unit_person(&f->s, "bert", 0);
	assert_ok(people_set_state(&f->s, "bert", "paused", 0, &e), e);
	struct engagement g;
	struct engagement_filter all = {0};
	int week = engagement_week_of(store_now());
	assert_ok(engagement_load(&f->s, week - 3, 4, 0, &all, &g, &e), e);
	/* master, anna and bert never took part: bert is paused. */
	assert_int_equal(g.nquiet, 2);
	assert_int_equal(g.quiet_paused, 1);
	for (int k = 0; k < g.nquiet; k++)
		if (strcmp(g.people[g.quiet[k]].login, "bert") == 0)
			fail_msg("a paused person is in the quiet list");
	engagement_free(&g);
}

/* A file made by the schema before SCHEMA_GROUPS_JOURNEY: people with and
 * without activity, a focus group, a campaign.  Opened, it migrates: the
 * active one is active, the other invited, each with one step; the group
 * in use without an owner; the campaign for no group. */
static void test_older_file_migrates(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%.3000s/older.db", unit_tmpdir());
	unlink(path);
	unit_old_file(&s, path, SCHEMA_GROUPS_JOURNEY - 1);
	assert_int_equal(unit_int(&s, "PRAGMA user_version"), SCHEMA_GROUPS_JOURNEY - 1);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM pragma_table_info('people') WHERE name = 'journey'"), 0);
	assert_ok(store_exec(&s,
		"BEGIN;"
		"INSERT INTO meta(key, value) VALUES('mode', 'local'), ('organisation', 'Old BV');"
		"INSERT INTO people(id, login, name, roles, created_at, updated_at) VALUES"
		" (1, 'master', 'Mia', 15, 100, 100), (2, 'anna', 'Anna', 8, 200, 200);"
		"INSERT INTO events(at, actor_id, entity, entity_id, action) VALUES(1000000, 1, 'content', 1, 'submit');"
		"INSERT INTO focus_groups(name, description) VALUES('Voorlopers', 'front-runners');"
		"INSERT INTO focus_group_members(group_id, person_id) VALUES(1, 2);"
		"INSERT INTO campaigns(name) VALUES('Old campaign');"
		"COMMIT;", &e), e);
	sqlite3_close(s.db);
	s.db = NULL;

	if (store_open(&s, path, &e) != CH_OK)
		fail_msg("store_open: %s", e.msg);
	assert_int_equal(s.schema_version, store_schema_latest());
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM people WHERE login = 'master' AND journey = 'active' "
			       "AND journey_at = 100"), 1);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM people WHERE login = 'anna' AND journey = 'invited'"), 1);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM person_journey"), 2);
	assert_ok(store_identify(&s, "master", NULL, &e), e);
	struct focus_group g;
	assert_ok(focus_group_find(&s, "Voorlopers", &g, &e), e);
	assert_string_equal(g.purpose, "front-runners");
	assert_string_equal(g.owner, "");
	assert_int_equal(g.archived_at, 0);
	assert_int_equal(g.members, 1);
	struct campaign *v;
	int n;
	assert_ok(campaign_list(&s, &v, &n, &e), e);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].group, "");
	campaign_list_free(v, n);
	/* The new things work on it. */
	assert_ok(focus_group_archive(&s, "Voorlopers", 1, &e), e);
	assert_ok(people_set_state(&s, "anna", "onboarded", 0, &e), e);
	store_close(&s);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_set_and_find_with_purpose_and_owner),
		T(test_refusals_name_the_field_with_distinct_statuses),
		T(test_archive_hides_from_choices_and_keeps_members),
		T(test_set_groups_replaces_the_groups_in_use),
		cmocka_unit_test(test_handle_syntax),
		T(test_handles_through_people_set_keep_followers_and_are_all_or_nothing),
		T(test_journey_state_is_dated_kept_and_audited),
		T(test_campaign_targets_a_group_in_use),
		T(test_quiet_list_skips_the_paused_and_counts_them),
		cmocka_unit_test(test_older_file_migrates),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
