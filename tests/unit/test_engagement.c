/* test_engagement.c — the Engagement panel's data on a small fixed programme
 * built with the core API at fixed times (store_clock_set): exact counts per
 * person, week and metric, team rows, adoption per week, the quiet list, the
 * scale, the filters, and ISO week labels across year boundaries.
 *
 * The programme (UTC; 2026-03-02 is the Monday of ISO week 10, week 2930):
 *   people  master "Mia Master" (no team), ed "Eva Editor" and cr "Carl
 *           Creator" (team A), p1 "Piet Een", p2 "Pia Twee", p3 "Paul Drie"
 *           (team B; p3 never does anything), p4 (team B, inactive: not shown)
 *   focus group Front: cr and p1
 *   W10  cr submits K1; ed takes it, writes m1, approves it (3 edits);
 *        p1 comments on K1 and shares m1
 *   W11  cr submits K2 and K3; ed takes K2; p2 comments twice on K1 and
 *        shares m1
 *   W13  p1 shares m1
 *   now  2026-04-08, week 15 (2935); quiet_weeks 4 (the default): quiet
 *        means nothing in weeks 12..15
 * Loaded: weeks 9..15 (2929..2935), seven weeks, index 0 = W09. */
#include "unit.h"
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/engagement.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/strategy.h"

#define W09 2929
#define NWEEKS 7

static struct store S;
static char path[PATH_MAX + 64];   /* room for the directory and the name: no cut */

/* unit_db's steps with the path bounded, so the compiler can see nothing
 * is cut: a fresh file in the test's directory, master acting. */
static void fresh_db(void)
{
	struct err e = {0};
	if (strlen(unit_tmpdir()) > 3000)
		fail_msg("the temporary directory's path is too long");
	snprintf(path, sizeof path, "%.3000s/engagement.db", unit_tmpdir());
	if (store_create(&S, path, STORE_MODE_NONE, "Test BV", "master", "Mia Master", &e) != CH_OK)
		fail_msg("store_create: %s", e.msg);
	store_close(&S);
	assert_ok(store_open(&S, path, &e), e);
	assert_ok(store_identify(&S, "master", NULL, &e), e);
}

static void at(const char *when)
{
	int64_t t = store_parse_time(when);
	if (t < 0)
		fail_msg("bad time %s", when);
	store_clock_set(t);
}

static void as(const char *login)
{
	struct err e = {0};
	assert_ok(store_impersonate(&S, login, &e), e);
}

static void person(const char *login, const char *name, const char *team, int roles)
{
	struct err e = {0};
	struct person_change c = { .name = name, .team = team, .roles = roles, .active = -1 };
	assert_ok(people_add(&S, login, &c, NULL, &e), e);
}

static int build(void **state)
{
	(void)state;
	struct err e = {0};
	int64_t k1, k2, k3, m1;
	at("2026-02-02T09:00");
	fresh_db();
	person("ed", "Eva Editor", "A", ROLE_EDITOR);
	person("cr", "Carl Creator", "A", ROLE_CREATOR);
	person("p1", "Piet Een", "B", 0);
	person("p2", "Pia Twee", "B", 0);
	person("p3", "Paul Drie", "B", 0);
	person("p4", "Pim Vier", "B", 0);
	struct person_change off = { .roles = -1, .active = 0 };
	assert_ok(people_set(&S, "p4", &off, 0, &e), e);
	assert_ok(focus_group_add(&S, "Front", "front-runners", NULL, &e), e);
	assert_ok(focus_group_member(&S, "Front", "cr", 1, &e), e);
	assert_ok(focus_group_member(&S, "Front", "p1", 1, &e), e);
	struct platform li = { .key = "li", .name = "LinkedIn" };
	assert_ok(platform_add(&S, &li, NULL, &e), e);

	struct submission sub1 = { .title = "Open day", .body = "Photos." };
	struct submission sub2 = { .title = "Hiring", .body = "Welders." };
	struct submission sub3 = { .title = "New hall", .body = "Opening." };
	/* Week 10 */
	as("cr");
	at("2026-03-02T10:00");
	assert_ok(content_submit(&S, &sub1, &k1, &e), e);
	as("ed");
	at("2026-03-02T11:00");
	assert_ok(content_take(&S, k1, 0, &e), e);
	assert_ok(message_add(&S, k1, "li", "Come to our open day.", NULL, &m1, &e), e);
	at("2026-03-03T09:00");
	assert_ok(content_approve(&S, k1, 0, &e), e);
	as("p1");
	at("2026-03-04T08:00");
	assert_ok(comment_add(&S, k1, "Nice!", NULL, &e), e);
	at("2026-03-04T12:00");
	assert_ok(share_log(&S, m1, NULL, NULL, store_now(), NULL, &e), e);
	/* Week 11 */
	as("cr");
	at("2026-03-09T10:00");
	assert_ok(content_submit(&S, &sub2, &k2, &e), e);
	at("2026-03-10T10:00");
	assert_ok(content_submit(&S, &sub3, &k3, &e), e);
	as("ed");
	at("2026-03-10T11:00");
	assert_ok(content_take(&S, k2, 0, &e), e);
	as("p2");
	at("2026-03-11T08:00");
	assert_ok(comment_add(&S, k1, "Shared it with my cousin.", NULL, &e), e);
	assert_ok(comment_add(&S, k1, "And my neighbour.", NULL, &e), e);
	at("2026-03-12T12:00");
	assert_ok(share_log(&S, m1, NULL, NULL, store_now(), NULL, &e), e);
	/* Week 13 */
	as("p1");
	at("2026-03-25T12:00");
	assert_ok(share_log(&S, m1, NULL, NULL, store_now(), NULL, &e), e);
	as("master");
	at("2026-04-08T12:00");   /* "now": Wednesday of week 15 */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(&S);
	store_clock_set(0);
	unit_cleanup();
	return 0;
}

static void load(struct engagement *g, enum engagement_metric m, enum engagement_scope scope, int64_t id)
{
	struct err e = {0};
	struct engagement_filter f = { scope, id };
	assert_ok(engagement_load(&S, W09, NWEEKS, m, &f, g, &e), e);
}

static const struct engagement_row *row_of(const struct engagement *g, const char *login)
{
	for (int i = 0; i < g->npeople; i++)
		if (strcmp(g->people[i].login, login) == 0)
			return &g->people[i];
	fail_msg("%s is not among the %d people loaded", login, g->npeople);
	return NULL;
}

/* Compare a row's seven weeks with the expected ones, saying which differ. */
static void expect_weeks(const struct engagement_row *r, const int want[NWEEKS], const char *what)
{
	for (int i = 0; i < NWEEKS; i++)
		if (r->n[i] != want[i])
			fail_msg("%s: %s in week %d has %d, want %d", what, r->name[0] ? r->name : r->team,
				 W09 + i, r->n[i], want[i]);
}

static void test_week_numbers_and_iso_labels_across_years(void **state)
{
	(void)state;
	static const struct { const char *day; int week; const char *label; } cases[] = {
		{ "2026-03-02", 2930, "2026-W10" },
		{ "2026-11-23", 2968, "2026-W48" },
		{ "2026-01-01", 2921, "2026-W01" },   /* a Thursday: week 1 of its own year */
		{ "2026-12-31", 2973, "2026-W53" },   /* 2026 has 53 weeks */
		{ "2027-01-01", 2973, "2026-W53" },   /* still 2026's last week */
		{ "2027-01-03", 2973, "2026-W53" },   /* its Sunday */
		{ "2027-01-04", 2974, "2027-W01" },
		{ "2024-12-30", 2869, "2025-W01" },   /* a Monday in December, week 1 of next year */
		{ "2021-01-03", 2660, "2020-W53" },
		{ "1970-01-05", 0, "1970-W02" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t t = store_parse_time(cases[i].day) + 12 * 3600;
		int w = engagement_week_of(t);
		char label[16];
		engagement_week_label(w, label, sizeof label);
		if (w != cases[i].week || strcmp(label, cases[i].label) != 0)
			fail_msg("%s: week %d %s, want %d %s", cases[i].day, w, label, cases[i].week, cases[i].label);
	}
	/* Monday 00:00 starts a week, Sunday 23:59:59 ends it. */
	assert_int_equal(engagement_week_of(store_parse_time("2026-03-02T00:00:00")), 2930);
	assert_int_equal(engagement_week_of(store_parse_time("2026-03-01T23:59:59")), 2929);
}

static void test_all_activity_per_person_and_week(void **state)
{
	(void)state;
	struct engagement g;
	load(&g, ENGAGEMENT_ALL, ENGAGEMENT_EVERYONE, 0);
	assert_int_equal(g.first_week, W09);
	assert_int_equal(g.nweeks, NWEEKS);
	assert_int_equal(g.current_week, 2935);
	/* Active people only (p4 is not), by name. */
	assert_int_equal(g.npeople, 6);
	static const char *order[] = { "cr", "ed", "master", "p3", "p2", "p1" };
	for (int i = 0; i < 6; i++)
		if (strcmp(g.people[i].login, order[i]) != 0)
			fail_msg("row %d is %s, want %s (people by name)", i, g.people[i].login, order[i]);
	/*                        W09 W10 W11 W12 W13 W14 W15 */
	static const int cr[] = {   0,  1,  2,  0,  0,  0,  0 };
	static const int ed[] = {   0,  3,  1,  0,  0,  0,  0 };
	static const int p1[] = {   0,  2,  0,  0,  1,  0,  0 };
	static const int p2[] = {   0,  0,  3,  0,  0,  0,  0 };
	static const int none[] = { 0,  0,  0,  0,  0,  0,  0 };
	expect_weeks(row_of(&g, "cr"), cr, "all");
	expect_weeks(row_of(&g, "ed"), ed, "all");
	expect_weeks(row_of(&g, "p1"), p1, "all");
	expect_weeks(row_of(&g, "p2"), p2, "all");
	expect_weeks(row_of(&g, "p3"), none, "all");
	expect_weeks(row_of(&g, "master"), none, "all");
	assert_int_equal(row_of(&g, "ed")->total, 4);
	assert_int_equal(row_of(&g, "p1")->last_week, 2933);
	assert_int_equal(row_of(&g, "p3")->last_week, -1);
	engagement_free(&g);
}

static void test_each_metric_counts_its_own_kind(void **state)
{
	(void)state;
	struct engagement g;
	/*                           W09 W10 W11 W12 W13 W14 W15 */
	static const int z[] =     {   0,  0,  0,  0,  0,  0,  0 };
	static const int cr_c[] =  {   0,  1,  2,  0,  0,  0,  0 };
	static const int ed_e[] =  {   0,  3,  1,  0,  0,  0,  0 };
	static const int p1_s[] =  {   0,  1,  0,  0,  1,  0,  0 };
	static const int p2_s[] =  {   0,  0,  1,  0,  0,  0,  0 };
	static const int p1_v[] =  {   0,  1,  0,  0,  0,  0,  0 };
	static const int p2_v[] =  {   0,  0,  2,  0,  0,  0,  0 };

	load(&g, ENGAGEMENT_CONTRIBUTIONS, ENGAGEMENT_EVERYONE, 0);
	expect_weeks(row_of(&g, "cr"), cr_c, "contributions");
	expect_weeks(row_of(&g, "ed"), z, "contributions");
	expect_weeks(row_of(&g, "p1"), z, "contributions");
	engagement_free(&g);

	load(&g, ENGAGEMENT_EDITS, ENGAGEMENT_EVERYONE, 0);
	expect_weeks(row_of(&g, "ed"), ed_e, "edits");
	expect_weeks(row_of(&g, "cr"), z, "edits");
	engagement_free(&g);

	load(&g, ENGAGEMENT_SHARES, ENGAGEMENT_EVERYONE, 0);
	expect_weeks(row_of(&g, "p1"), p1_s, "shares");
	expect_weeks(row_of(&g, "p2"), p2_s, "shares");
	expect_weeks(row_of(&g, "ed"), z, "shares");
	engagement_free(&g);

	load(&g, ENGAGEMENT_CONVERSATIONS, ENGAGEMENT_EVERYONE, 0);
	expect_weeks(row_of(&g, "p1"), p1_v, "conversations");
	expect_weeks(row_of(&g, "p2"), p2_v, "conversations");
	/* Adoption counts any kind whatever the metric shows. */
	assert_int_equal(g.active[1], 3);
	/* Switching the metric on what is loaded gives what a load would. */
	assert_int_equal(engagement_set_metric(&g, ENGAGEMENT_SHARES), CH_OK);
	expect_weeks(row_of(&g, "p1"), p1_s, "shares after set_metric");
	expect_weeks(row_of(&g, "p2"), p2_s, "shares after set_metric");
	assert_int_equal(row_of(&g, "p1")->total, 2);
	assert_int_equal(g.teams[1].n[4], 1);     /* team B, week 13: p1's share */
	assert_int_equal(g.max, 1);
	engagement_free(&g);
}

static void test_adoption_per_week_against_the_target(void **state)
{
	(void)state;
	struct engagement g;
	load(&g, ENGAGEMENT_SHARES, ENGAGEMENT_EVERYONE, 0);
	/* W10: cr, ed, p1; W11: cr, ed, p2; W13: p1 — of 6 active people. */
	static const int active[NWEEKS] = { 0, 3, 3, 0, 1, 0, 0 };
	for (int i = 0; i < NWEEKS; i++)
		if (g.active[i] != active[i])
			fail_msg("week %d: %d active, want %d", W09 + i, g.active[i], active[i]);
	assert_int_equal(g.npeople, 6);
	assert_true(g.target > 0.0999 && g.target < 0.1001);
	engagement_free(&g);

	/* The strategy's target and quiet weeks are used when set. */
	struct err e = {0};
	assert_ok(store_setting_set(&S, "adoption_target", "0.25", &e), e);
	assert_ok(store_setting_set(&S, "quiet_weeks", "2", &e), e);
	load(&g, ENGAGEMENT_ALL, ENGAGEMENT_EVERYONE, 0);
	assert_true(g.target > 0.2499 && g.target < 0.2501);
	assert_int_equal(g.quiet_weeks, 2);
	/* Nothing in weeks 14..15: p1 (last week 13) is quiet too now. */
	assert_int_equal(g.nquiet, 6);
	engagement_free(&g);
	assert_ok(store_setting_set(&S, "adoption_target", "0.10", &e), e);
	assert_ok(store_setting_set(&S, "quiet_weeks", "4", &e), e);
}

static void test_quiet_list_longest_quiet_first(void **state)
{
	(void)state;
	struct engagement g;
	load(&g, ENGAGEMENT_ALL, ENGAGEMENT_EVERYONE, 0);
	assert_int_equal(g.quiet_weeks, 4);
	/* Quiet = nothing in weeks 12..15: never active first, then by last week,
	 * names in order within; p1 (week 13) is not quiet. */
	static const char *want[] = { "master", "p3", "cr", "ed", "p2" };
	assert_int_equal(g.nquiet, 5);
	for (int i = 0; i < 5; i++)
		if (strcmp(g.people[g.quiet[i]].login, want[i]) != 0)
			fail_msg("quiet %d is %s, want %s", i, g.people[g.quiet[i]].login, want[i]);
	assert_int_equal(g.people[g.quiet[2]].last_week, 2931);
	engagement_free(&g);
}

static void test_team_rows_sum_their_members(void **state)
{
	(void)state;
	struct engagement g;
	load(&g, ENGAGEMENT_ALL, ENGAGEMENT_EVERYONE, 0);
	assert_int_equal(g.nteams, 3);
	assert_string_equal(g.teams[0].team, "A");
	assert_string_equal(g.teams[1].team, "B");
	assert_int_equal(g.teams[2].team_id, 0);       /* no team, last */
	assert_int_equal(g.teams[0].members, 2);
	assert_int_equal(g.teams[1].members, 3);       /* p4 is inactive */
	assert_int_equal(g.teams[2].members, 1);
	/*                       W09 W10 W11 W12 W13 W14 W15 */
	static const int a[] = {   0,  4,  3,  0,  0,  0,  0 };
	static const int b[] = {   0,  2,  3,  0,  1,  0,  0 };
	static const int z[] = {   0,  0,  0,  0,  0,  0,  0 };
	expect_weeks(&g.teams[0], a, "team A");
	expect_weeks(&g.teams[1], b, "team B");
	expect_weeks(&g.teams[2], z, "no team");
	assert_int_equal(g.teams[1].last_week, 2933);
	engagement_free(&g);
}

static void test_scale_is_quartiles_of_the_cells_in_view(void **state)
{
	(void)state;
	struct engagement g;
	/* Non-empty cells: 1 2 | 3 1 | 2 1 | 3 -> sorted 1 1 1 2 2 3 3. */
	load(&g, ENGAGEMENT_ALL, ENGAGEMENT_EVERYONE, 0);
	assert_int_equal(g.max, 3);
	assert_int_equal(g.scale[1], 1);
	assert_int_equal(g.scale[2], 2);
	assert_int_equal(g.scale[3], 3);
	assert_int_equal(g.scale[4], 4);   /* kept above the level below */
	assert_int_equal(engagement_level(&g, 0), 0);
	assert_int_equal(engagement_level(&g, 1), 1);
	assert_int_equal(engagement_level(&g, 2), 2);
	assert_int_equal(engagement_level(&g, 3), 3);
	assert_int_equal(engagement_level(&g, 9), 4);
	assert_int_equal(engagement_level(&g, 0.5), 1);  /* a team mean below one still shows */
	engagement_free(&g);

	/* Nothing in view: the scale is 1, 2, 3, 4. */
	struct err e = {0};
	struct engagement h;
	assert_ok(engagement_load(&S, 2000, 3, ENGAGEMENT_ALL, NULL, &h, &e), e);
	assert_int_equal(h.max, 0);
	assert_int_equal(h.scale[2], 2);
	assert_int_equal(h.scale[4], 4);
	engagement_free(&h);
}

static void test_filters_by_team_and_focus_group(void **state)
{
	(void)state;
	struct engagement_choice *c;
	int n;
	struct err e = {0};
	assert_ok(engagement_choices(&S, &c, &n, &e), e);
	assert_int_equal(n, 3);
	assert_int_equal(c[0].scope, ENGAGEMENT_TEAM);
	assert_string_equal(c[0].name, "A");
	assert_string_equal(c[1].name, "B");
	assert_int_equal(c[2].scope, ENGAGEMENT_GROUP);
	assert_string_equal(c[2].name, "Front");
	int64_t team_b = c[1].id, front = c[2].id;
	free(c);

	struct engagement g;
	load(&g, ENGAGEMENT_ALL, ENGAGEMENT_TEAM, team_b);
	assert_int_equal(g.npeople, 3);
	static const int active_b[NWEEKS] = { 0, 1, 1, 0, 1, 0, 0 };
	for (int i = 0; i < NWEEKS; i++)
		if (g.active[i] != active_b[i])
			fail_msg("team B week %d: %d active, want %d", W09 + i, g.active[i], active_b[i]);
	assert_int_equal(g.nteams, 1);
	assert_int_equal(g.nquiet, 2);   /* p3 never, p2 since week 11 */
	engagement_free(&g);

	load(&g, ENGAGEMENT_ALL, ENGAGEMENT_GROUP, front);
	assert_int_equal(g.npeople, 2);
	assert_string_equal(g.people[0].login, "cr");
	assert_string_equal(g.people[1].login, "p1");
	assert_int_equal(g.active[1], 2);
	assert_int_equal(g.active[2], 1);
	engagement_free(&g);
}

/* Two loads of the same window must agree in every figure they show. */
static void expect_same(const struct engagement *a, const struct engagement *b, const char *what)
{
	if (a->first_week != b->first_week || a->nweeks != b->nweeks || a->npeople != b->npeople
	    || a->nteams != b->nteams)
		fail_msg("%s: window %d+%d of %d people, want %d+%d of %d", what, a->first_week, a->nweeks,
			 a->npeople, b->first_week, b->nweeks, b->npeople);
	for (int i = 0; i < a->npeople; i++) {
		if (a->people[i].total != b->people[i].total || a->people[i].last_week != b->people[i].last_week)
			fail_msg("%s: %s total %lld last week %d, want %lld and %d", what, a->people[i].login,
				 (long long)a->people[i].total, a->people[i].last_week,
				 (long long)b->people[i].total, b->people[i].last_week);
		for (int w = 0; w < a->nweeks; w++)
			if (a->people[i].n[w] != b->people[i].n[w])
				fail_msg("%s: %s week %d has %d, want %d", what, a->people[i].login,
					 a->first_week + w, a->people[i].n[w], b->people[i].n[w]);
	}
	for (int t = 0; t < a->nteams; t++)
		for (int w = 0; w < a->nweeks; w++)
			if (a->teams[t].n[w] != b->teams[t].n[w])
				fail_msg("%s: team %s week %d has %d, want %d", what, a->teams[t].name,
					 a->first_week + w, a->teams[t].n[w], b->teams[t].n[w]);
	for (int w = 0; w < a->nweeks; w++)
		if (a->active[w] != b->active[w])
			fail_msg("%s: %d active in week %d, want %d", what, a->active[w], a->first_week + w, b->active[w]);
	for (int k = 0; k < ENGAGEMENT_LEVELS; k++)
		if (a->scale[k] != b->scale[k])
			fail_msg("%s: level %d starts at %d, want %d", what, k, a->scale[k], b->scale[k]);
	assert_int_equal(a->max, b->max);
	assert_int_equal(a->nquiet, b->nquiet);
}

/* Scrolling reads only the weeks newly in view and keeps the rest: the
 * result equals a fresh load of the new window, by a week, by less than a
 * window and by more, both ways, for every metric. */
static void test_scroll_equals_a_fresh_load(void **state)
{
	(void)state;
	struct err e = {0};
	static const int from[] = { W09 - 1, W09 + 1, W09 - 5, W09 + 6, W09 - 20, W09 + 30 };
	for (int m = 0; m < ENGAGEMENT_METRICS; m++)
		for (size_t i = 0; i < sizeof from / sizeof from[0]; i++) {
			struct engagement g, want;
			char what[64];
			assert_ok(engagement_load(&S, from[i], NWEEKS, (enum engagement_metric)m, NULL, &g, &e), e);
			assert_ok(engagement_scroll(&S, &g, W09, &e), e);
			load(&want, (enum engagement_metric)m, ENGAGEMENT_EVERYONE, 0);
			snprintf(what, sizeof what, "%s, scrolled from week %d", engagement_metric_name(m), from[i]);
			expect_same(&g, &want, what);
			/* And away again, to where it came from. */
			assert_ok(engagement_scroll(&S, &g, from[i], &e), e);
			engagement_free(&want);
			assert_ok(engagement_load(&S, from[i], NWEEKS, (enum engagement_metric)m, NULL, &want, &e), e);
			snprintf(what, sizeof what, "%s, scrolled back to week %d", engagement_metric_name(m), from[i]);
			expect_same(&g, &want, what);
			engagement_free(&g);
			engagement_free(&want);
		}
}

/* After a change, engagement_refresh reads only the weeks new events fell
 * in and equals a fresh load; other people in the filter (a new name here)
 * make it ask for a fresh load.  It changes the programme, so it runs last. */
static void test_refresh_equals_a_fresh_load(void **state)
{
	(void)state;
	struct err e = {0};
	struct engagement g, want;
	for (int m = 0; m < ENGAGEMENT_METRICS; m++) {
		load(&g, (enum engagement_metric)m, ENGAGEMENT_EVERYONE, 0);
		/* p3 comes out of the quiet list; p2 comments in this week
		 * too (on K1, the first item). */
		as("p3");
		at("2026-04-08T10:00");
		assert_ok(comment_add(&S, 1, "At last.", NULL, &e), e);
		as("p2");
		assert_ok(comment_add(&S, 1, "Welcome.", NULL, &e), e);
		as("master");
		assert_ok(engagement_refresh(&S, &g, &e), e);
		load(&want, (enum engagement_metric)m, ENGAGEMENT_EVERYONE, 0);
		expect_same(&g, &want, engagement_metric_name(m));
		assert_int_equal(row_of(&g, "p3")->last_week, 2935);
		/* The weeks kept aside for scrolling were read before the
		 * comments: a window away and back shows the comments all the
		 * same (the refresh let them go). */
		int home = g.first_week;
		assert_ok(engagement_scroll(&S, &g, home + g.nweeks, &e), e);
		assert_ok(engagement_scroll(&S, &g, home, &e), e);
		expect_same(&g, &want, "a window away and back after a refresh");
		engagement_free(&want);
		engagement_free(&g);
	}
	load(&g, ENGAGEMENT_ALL, ENGAGEMENT_EVERYONE, 0);
	struct person_change c = { .name = "Paul Drie-Vier", .roles = -1, .active = -1 };
	assert_ok(people_set(&S, "p3", &c, 0, &e), e);
	assert_int_equal(engagement_refresh(&S, &g, &e), CH_FAILED);
	engagement_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_week_numbers_and_iso_labels_across_years),
		cmocka_unit_test(test_all_activity_per_person_and_week),
		cmocka_unit_test(test_each_metric_counts_its_own_kind),
		cmocka_unit_test(test_adoption_per_week_against_the_target),
		cmocka_unit_test(test_quiet_list_longest_quiet_first),
		cmocka_unit_test(test_team_rows_sum_their_members),
		cmocka_unit_test(test_scale_is_quartiles_of_the_cells_in_view),
		cmocka_unit_test(test_filters_by_team_and_focus_group),
		cmocka_unit_test(test_scroll_equals_a_fresh_load),
		cmocka_unit_test(test_refresh_equals_a_fresh_load),   /* last: it changes the programme */
	};
	return cmocka_run_group_tests(tests, build, teardown);
}
