/* test_roster.c — the people's history replayed (metrics_roster_load) at
 * week boundaries, and the Engagement panel's adoption measured per week
 * with the roster of that week (issue 14, point 5).
 *
 * The programme (UTC).  Weeks:  W50 = Mon 2025-12-08 .. Sun 12-14,
 * W51 = 12-15 .. 12-21, W52 = 12-22 .. 12-28, 2026-W01 = Mon 2025-12-29 ..
 * Sun 2026-01-04 (the year ends inside it), W02 = 2026-01-05 .. 01-11.
 *   master  created 2025-12-01 09:00 (no person event: as today all along)
 *   jo      joins Wed 2025-12-17 09:00 (mid-W51), team A; submits K1 Thu 12-18
 *   lea     joins 2025-12-01, team A; leaves Fri 2025-12-26 17:00 (W52),
 *           comes back Tue 2026-01-06 (W02), leaves again Wed 2026-01-07
 *   tim     joins 2025-12-01, team A; moves to team B Thu 2026-01-01 00:00 (W01)
 *   now     2026-01-08 12:00 (W02) */
#include "unit.h"
#include "chorus/content.h"
#include "chorus/engagement.h"
#include "chorus/metrics.h"

static struct store *SP;

static int64_t T(const char *when)
{
	int64_t t = store_parse_time(when);
	if (t < 0)
		fail_msg("bad time %s", when);
	return t;
}

static void set_person(const char *when, const char *login, const char *team, int active)
{
	struct err e = {0};
	struct person_change c = { .team = team, .roles = -1, .active = active };
	store_clock_set(T(when));
	assert_ok(people_set(SP, login, &c, 0, &e), e);
}

static int build(void **state)
{
	struct err e = {0};
	store_clock_set(T("2025-12-01T09:00"));
	struct unit_fx *f = calloc(1, sizeof *f);
	if (!f)
		fail_msg("out of memory");
	unit_db(&f->s, "roster.db", f->path, sizeof f->path);
	*state = f;
	SP = &f->s;
	struct person_change lea = { .name = "Lea", .team = "A", .roles = 0, .active = -1 };
	struct person_change tim = { .name = "Tim", .team = "A", .roles = 0, .active = -1 };
	struct person_change jo = { .name = "Jo", .team = "A", .roles = ROLE_CREATOR, .active = -1 };
	assert_ok(people_add(SP, "lea", &lea, NULL, &e), e);
	assert_ok(people_add(SP, "tim", &tim, NULL, &e), e);
	store_clock_set(T("2025-12-17T09:00"));
	assert_ok(people_add(SP, "jo", &jo, NULL, &e), e);
	store_clock_set(T("2025-12-18T10:00"));
	unit_act_as(SP, "jo");
	struct submission k1 = { .title = "Open day", .body = "Photos." };
	assert_ok(content_submit(SP, &k1, NULL, &e), e);
	unit_act_as(SP, "master");
	set_person("2025-12-26T17:00", "lea", NULL, 0);
	set_person("2026-01-01T00:00", "tim", "B", -1);
	set_person("2026-01-06T09:00", "lea", NULL, 1);
	set_person("2026-01-07T09:00", "lea", NULL, 0);
	store_clock_set(T("2026-01-08T12:00"));
	return 0;
}

static int teardown(void **state)
{
	unit_teardown(state);
	return unit_group_teardown(state);
}

static const struct metrics_roster_person *who(const struct metrics_roster *r, const char *login)
{
	struct person pe;
	struct err e = {0};
	assert_ok(people_get(SP, login, &pe, &e), e);
	const struct metrics_roster_person *p = metrics_roster_find(r, pe.id);
	if (!p)
		fail_msg("%s is not in the roster", login);
	return p;
}

/* In the programme in the ISO week that starts on Monday `monday`? */
static int in_week(const struct metrics_roster *r, const char *login, const char *monday, const char *team)
{
	int64_t lo = T(monday);
	return metrics_roster_member(r, who(r, login), lo, lo + 7 * 86400, team);
}

static void test_joining_mid_week_counts_that_week(void **state)
{
	(void)state;
	struct metrics_roster r;
	struct err e = {0};
	assert_ok(metrics_roster_load(SP, &r, &e), e);
	assert_false(in_week(&r, "jo", "2025-12-08T00:00", NULL));
	assert_true(in_week(&r, "jo", "2025-12-15T00:00", NULL));
	assert_null(metrics_roster_at(&r, who(&r, "jo"), T("2025-12-17T08:59")));
	assert_string_equal(metrics_roster_at(&r, who(&r, "jo"), T("2025-12-17T09:00"))->team, "A");
	/* The master has no person event: as today all along, from creation. */
	assert_true(in_week(&r, "master", "2025-12-01T00:00", NULL));
	assert_string_equal(metrics_roster_at(&r, who(&r, "master"), T("2026-01-01T00:00"))->team, "");
	metrics_roster_free(&r);
}

static void test_leaving_and_coming_back(void **state)
{
	(void)state;
	struct metrics_roster r;
	struct err e = {0};
	assert_ok(metrics_roster_load(SP, &r, &e), e);
	/* Left on Friday of W52: there that week, not in W01, back in W02. */
	assert_true(in_week(&r, "lea", "2025-12-22T00:00", NULL));
	assert_false(in_week(&r, "lea", "2025-12-29T00:00", NULL));
	assert_true(in_week(&r, "lea", "2026-01-05T00:00", NULL));
	assert_true(metrics_roster_at(&r, who(&r, "lea"), T("2025-12-26T16:59"))->active);
	assert_false(metrics_roster_at(&r, who(&r, "lea"), T("2025-12-26T17:00"))->active);
	assert_false(metrics_roster_at(&r, who(&r, "lea"), T("2026-01-08T00:00"))->active);
	/* The exact edges: [lo, hi) */
	assert_true(metrics_roster_member(&r, who(&r, "lea"), T("2025-12-26T16:59"), T("2025-12-26T17:00"), NULL));
	assert_false(metrics_roster_member(&r, who(&r, "lea"), T("2025-12-26T17:00"), T("2026-01-06T09:00"), NULL));
	metrics_roster_free(&r);
}

static void test_a_team_change_across_the_year_end(void **state)
{
	(void)state;
	struct metrics_roster r;
	struct err e = {0};
	assert_ok(metrics_roster_load(SP, &r, &e), e);
	assert_string_equal(metrics_roster_at(&r, who(&r, "tim"), T("2025-12-31T23:59"))->team, "A");
	assert_string_equal(metrics_roster_at(&r, who(&r, "tim"), T("2026-01-01T00:00"))->team, "B");
	/* W01 holds both teams' days; W52 only A's, W02 only B's. */
	assert_true(in_week(&r, "tim", "2025-12-29T00:00", "A"));
	assert_true(in_week(&r, "tim", "2025-12-29T00:00", "B"));
	assert_false(in_week(&r, "tim", "2025-12-22T00:00", "B"));
	assert_false(in_week(&r, "tim", "2026-01-05T00:00", "A"));
	metrics_roster_free(&r);
}

/* Adoption per week over W50..W02 (5 weeks), each week's denominator its
 * own roster: W50 master lea tim = 3; W51 + jo = 4; W52 4 (lea left on
 * Friday); W01 3 (no lea); W02 4 (lea back on Tuesday).  Active: jo's K1
 * in W51 only.  lea, inactive today, is a row (there in the weeks shown)
 * but not on the quiet list. */
static void test_engagement_adoption_per_week_roster(void **state)
{
	(void)state;
	struct engagement g;
	struct err e = {0};
	int w50 = engagement_week_of(T("2025-12-08T00:00"));
	assert_ok(engagement_load(SP, w50, 5, ENGAGEMENT_ALL, NULL, &g, &e), e);
	static const int members[5] = { 3, 4, 4, 3, 4 };
	static const int active[5] = { 0, 1, 0, 0, 0 };
	for (int w = 0; w < 5; w++) {
		if (g.members[w] != members[w] || g.active[w] != active[w])
			fail_msg("week %d: %d of %d, want %d of %d", w, g.active[w], g.members[w], active[w], members[w]);
	}
	assert_int_equal(g.npeople, 4);
	/* W51: jo took part (K1), nobody shared: 1 of 4 took part, 0 shared
	 * (adoption counts who shared), of the 4 registered (no headcount). */
	struct metrics_adoption_week wk;
	engagement_adoption_week(&g, 1, &wk);
	assert_true(wk.took_part_pct == 25 && wk.shared_pct == 0 && wk.base == 4 && !wk.by_headcount);
	assert_true(engagement_adoption(&g, 1) == 0);
	assert_true(engagement_adoption(&g, 0) == 0);
	for (int i = 0; i < g.nquiet; i++)
		assert_string_not_equal(g.people[g.quiet[i]].login, "lea");
	assert_int_equal(g.nquiet, 2);   /* master, tim: nothing in W51..W02 after jo's K1 */
	/* Scrolled to W48..W52: nobody before Mon 12-01 (W49), the same rows. */
	assert_ok(engagement_scroll(SP, &g, w50 - 2, &e), e);
	static const int members2[5] = { 0, 3, 3, 4, 4 };
	for (int w = 0; w < 5; w++)
		if (g.members[w] != members2[w])
			fail_msg("scrolled week %d: %d, want %d", w, g.members[w], members2[w]);
	assert_int_equal(g.active[3], 1);
	engagement_free(&g);
	/* Weeks with lea gone all along (W01 alone): she is no row. */
	assert_ok(engagement_load(SP, w50 + 3, 1, ENGAGEMENT_ALL, NULL, &g, &e), e);
	assert_int_equal(g.npeople, 3);
	assert_int_equal(g.members[0], 3);
	/* Scrolled back a week to W52, where she was: loaded afresh, a row again. */
	assert_ok(engagement_scroll(SP, &g, w50 + 2, &e), e);
	assert_int_equal(g.npeople, 4);
	assert_int_equal(g.members[0], 4);
	engagement_free(&g);
}

/* Team A over W52..W02, each week with who was in A then: W52 jo lea tim
 * (lea left on Friday) = 3; W01 jo tim (in A until Thursday 01-01) = 2; W02
 * jo lea (back on Tuesday) = 2.  Rows: jo, lea (left since), tim (in B
 * now).  Team B: tim from W01 on. */
static void test_a_team_filter_uses_the_teams_of_then(void **state)
{
	(void)state;
	struct engagement_choice *c = NULL;
	int nc = 0;
	struct err e = {0};
	assert_ok(engagement_choices(SP, &c, &nc, &e), e);
	struct engagement_filter a = { ENGAGEMENT_TEAM, 0 }, b = { ENGAGEMENT_TEAM, 0 };
	for (int i = 0; i < nc; i++) {
		if (c[i].scope == ENGAGEMENT_TEAM && strcmp(c[i].name, "A") == 0)
			a.id = c[i].id;
		if (c[i].scope == ENGAGEMENT_TEAM && strcmp(c[i].name, "B") == 0)
			b.id = c[i].id;
	}
	free(c);
	struct engagement g;
	int w52 = engagement_week_of(T("2025-12-22T00:00"));
	assert_ok(engagement_load(SP, w52, 3, ENGAGEMENT_ALL, &a, &g, &e), e);
	assert_int_equal(g.npeople, 3);
	assert_int_equal(g.members[0], 3);
	assert_int_equal(g.members[1], 2);
	assert_int_equal(g.members[2], 2);
	engagement_free(&g);
	assert_ok(engagement_load(SP, w52, 3, ENGAGEMENT_ALL, &b, &g, &e), e);
	assert_int_equal(g.npeople, 1);
	assert_string_equal(g.people[0].login, "tim");
	assert_int_equal(g.members[0], 0);
	assert_int_equal(g.members[1], 1);
	assert_int_equal(g.members[2], 1);
	engagement_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_joining_mid_week_counts_that_week),
		cmocka_unit_test(test_leaving_and_coming_back),
		cmocka_unit_test(test_a_team_change_across_the_year_end),
		cmocka_unit_test(test_engagement_adoption_per_week_roster),
		cmocka_unit_test(test_a_team_filter_uses_the_teams_of_then),
	};
	return cmocka_run_group_tests(tests, build, teardown);
}
