/* test_adoption.c — adoption against the organisation (issue 13, part 4):
 * the headcount of a week, and adoption per week worked out by hand below,
 * never from the code's own output.
 *
 * Weeks (UTC): 2026-W10 = Mon 03-02 .. Sun 03-08, W11 = 03-09 .. 03-15,
 * W12 = 03-16 .. 03-22, W13 = 03-23 .. 03-29.
 *   people   master (the database's, created 2026-03-01), ann, bob, cas
 *            (joined 2026-03-01); dan joins Wed 2026-03-18 (mid-W12)
 *   headcount 40 from 2026-03-01, 50 from Thu 2026-03-19 (inside W12: a
 *            change counts from the week that holds its date)
 *   W10  ann shares twice, bob submits                 sharers 1, took part 2
 *   W11  ann and bob share, cas comments, master edits sharers 2, took part 4
 *   W12  dan, cas and ann share                        sharers 3, took part 3
 *   W13  nothing                                       sharers 0, took part 0
 * Adoption (shared / headcount) and took part, milestones 1 5 10:
 *   W10  1/40 = 2.5%  2/40 = 5.0%   reached 1, next 5
 *   W11  2/40 = 5.0%  4/40 = 10.0%  reached 5 (exactly), next 10
 *   W12  3/50 = 6.0%  3/50 = 6.0%   reached 5, next 10
 *   W13  0/50 = 0%    0%            reached none, next 1
 * Registered (the roster): W10 4, W11 4, W12 5 (dan joins mid-week), W13 5.
 * Without a headcount those stand in: W10 1/4 = 25%, W11 2/4 = 50%,
 *   W12 3/5 = 60%, W13 0%; with milestones 20 50: W10 reached 20 next 50,
 *   W11 and W12 reached 50, next none. */
#include <math.h>
#include "unit.h"
#include "chorus/audit.h"
#include "chorus/metrics.h"
#include "chorus/strategy.h"
#include "chorus/strategy_apply.h"

static struct store *SP;
static int64_t W10;

static int64_t T(const char *when)
{
	int64_t t = store_parse_time(when);
	if (t < 0)
		fail_msg("bad time %s", when);
	return t;
}

/* An event of LOGIN at WHEN, standing for what they did. */
static void did(const char *when, const char *login, const char *entity, const char *action)
{
	struct err e = {0};
	store_clock_set(T(when));
	unit_act_as(SP, login);
	assert_ok(store_begin(SP, 1, &e), e);
	assert_ok(store_end(SP, audit_log(SP, entity, 9999, action, NULL, &e), &e), e);
	unit_act_as(SP, "master");
}

/* The stored strategy with this headcount and these milestones, through
 * strategy_apply as an import would. */
static void set_headcount(const struct headcount_change *h, int n, const double *m, int nm)
{
	struct strategy st;
	struct strategy_diff d;
	struct err e = {0};
	assert_ok(strategy_load(SP, &st, &e), e);
	free(st.headcount);
	st.headcount = n ? calloc((size_t)n, sizeof *h) : NULL;
	if (n)
		memcpy(st.headcount, h, (size_t)n * sizeof *h);
	st.nheadcount = n;
	st.nmilestones = nm;
	for (int i = 0; i < nm; i++)
		st.milestones[i] = m[i];
	assert_ok(strategy_apply(SP, &st, "test", 0, &d, &e), e);
	strategy_diff_free(&d);
	strategy_free(&st);
}

static int build(void **state)
{
	store_clock_set(T("2026-03-01T09:00"));
	struct unit_fx *f = calloc(1, sizeof *f);
	if (!f)
		fail_msg("out of memory");
	unit_db(&f->s, "adoption.db", f->path, sizeof f->path);
	*state = f;
	SP = &f->s;
	unit_person(SP, "ann", 0);
	unit_person(SP, "bob", ROLE_CREATOR);
	unit_person(SP, "cas", 0);
	store_clock_set(T("2026-03-18T09:00"));
	unit_person(SP, "dan", 0);
	did("2026-03-03T10:00", "ann", "share", "share");
	did("2026-03-04T10:00", "ann", "share", "share");
	did("2026-03-05T10:00", "bob", "content", "submit");
	did("2026-03-10T10:00", "ann", "share", "share");
	did("2026-03-11T10:00", "bob", "share", "share");
	did("2026-03-12T10:00", "cas", "content", "comment");
	did("2026-03-13T10:00", "master", "content", "approve");
	did("2026-03-19T10:00", "dan", "share", "share");
	did("2026-03-20T10:00", "cas", "share", "share");
	did("2026-03-22T23:59", "ann", "share", "share");
	store_clock_set(T("2026-03-30T12:00"));
	W10 = metrics_week_of(T("2026-03-02T00:00"));
	return 0;
}

static int teardown(void **state)
{
	unit_teardown(state);
	return unit_group_teardown(state);
}

static void test_headcount_of_a_week(void **state)
{
	(void)state;
	const struct headcount_change h[] = { { T("2026-03-01T00:00"), 40 }, { T("2026-03-19T00:00"), 50 } };
	/* W09 (Mon 02-23 .. Sun 03-01) holds the first change's date. */
	assert_int_equal(strategy_headcount_at(h, 2, T("2026-02-16T00:00")), 0);
	assert_int_equal(strategy_headcount_at(h, 2, T("2026-02-23T00:00")), 40);
	assert_int_equal(strategy_headcount_at(h, 2, T("2026-03-09T00:00")), 40);
	assert_int_equal(strategy_headcount_at(h, 2, T("2026-03-16T00:00")), 50);
	assert_int_equal(strategy_headcount_at(h, 2, T("2027-01-04T00:00")), 50);
	const struct headcount_change one[] = { { 0, 120 } };   /* one number: all along */
	assert_int_equal(strategy_headcount_at(one, 1, T("1999-01-04T00:00")), 120);
	assert_int_equal(strategy_headcount_at(NULL, 0, T("2026-03-16T00:00")), 0);
	double m[STRATEGY_MILESTONES_MAX];
	assert_int_equal(strategy_milestones(NULL, m), 3);
	assert_true(m[0] == 1 && m[1] == 5 && m[2] == 10);
}

static void test_adoption_against_the_headcount(void **state)
{
	(void)state;
	const struct headcount_change h[] = { { T("2026-03-01T00:00"), 40 }, { T("2026-03-19T00:00"), 50 } };
	set_headcount(h, 2, NULL, 0);
	struct metrics_adoption a;
	struct err e = {0};
	assert_ok(metrics_adoption(SP, W10, W10 + 3, &a, &e), e);
	assert_int_equal(a.nweeks, 4);
	assert_int_equal(a.headcount_set, 1);
	static const struct { int hc, reg, sh, tp; double shared, took, reached, next; } want[4] = {
		{ 40, 4, 1, 2, 2.5, 5.0, 1, 5 },
		{ 40, 4, 2, 4, 5.0, 10.0, 5, 10 },
		{ 50, 5, 3, 3, 6.0, 6.0, 5, 10 },
		{ 50, 5, 0, 0, 0, 0, 0, 1 },
	};
	for (int i = 0; i < 4; i++) {
		const struct metrics_adoption_week *w = &a.weeks[i];
		if (w->headcount != want[i].hc || w->registered != want[i].reg || w->sharers != want[i].sh
		    || w->took_part != want[i].tp || !w->by_headcount || w->base != want[i].hc
		    || fabs(w->shared_pct - want[i].shared) > 1e-9 || fabs(w->took_part_pct - want[i].took) > 1e-9
		    || w->milestone != want[i].reached || w->next != want[i].next)
			fail_msg("%s: headcount %lld registered %lld sharers %lld took part %lld: %g%% %g%% "
				 "reached %g next %g", w->label, (long long)w->headcount, (long long)w->registered,
				 (long long)w->sharers, (long long)w->took_part, w->shared_pct, w->took_part_pct,
				 w->milestone, w->next);
	}
	assert_string_equal(a.weeks[0].label, "2026-W10");
	metrics_adoption_free(&a);
	/* Stored, and audited. */
	assert_int_equal(unit_int(SP, "SELECT count(*) FROM headcount"), 2);
	assert_int_equal(unit_int(SP, "SELECT count(*) FROM events WHERE entity = 'organisation' "
				      "AND action = 'headcount'"), 1);
}

static void test_without_a_headcount_the_registered_stand_in(void **state)
{
	(void)state;
	const double m[] = { 20, 50 };
	set_headcount(NULL, 0, m, 2);
	struct metrics_adoption a;
	struct err e = {0};
	assert_ok(metrics_adoption(SP, W10, W10 + 3, &a, &e), e);
	assert_int_equal(a.headcount_set, 0);
	assert_int_equal(a.nmilestones, 2);
	static const double shared[4] = { 25, 50, 60, 0 }, reached[4] = { 20, 50, 50, 0 }, next[4] = { 50, 0, 0, 20 };
	static const int base[4] = { 4, 4, 5, 5 };
	for (int i = 0; i < 4; i++) {
		const struct metrics_adoption_week *w = &a.weeks[i];
		if (w->by_headcount || w->headcount || w->base != base[i] || fabs(w->shared_pct - shared[i]) > 1e-9
		    || w->milestone != reached[i] || w->next != next[i])
			fail_msg("%s: base %lld %g%% reached %g next %g", w->label, (long long)w->base, w->shared_pct,
				 w->milestone, w->next);
	}
	metrics_adoption_free(&a);
	assert_int_equal(unit_int(SP, "SELECT count(*) FROM headcount"), 0);
	set_headcount(NULL, 0, NULL, 0);
}

/* A headcount refused by the core whatever the caller: out of order, zero,
 * milestones that do not rise; the stored one stays. */
static void test_bad_headcounts_are_refused(void **state)
{
	(void)state;
	const struct headcount_change h[] = { { T("2026-03-19T00:00"), 50 }, { T("2026-03-01T00:00"), 40 } };
	const struct headcount_change zero[] = { { 0, 0 } };
	const double m[] = { 5, 1 };
	struct strategy st;
	struct strategy_diff d;
	struct err e = {0};
	const char *field;
	int index;
	char why[160];
	assert_ok(strategy_load(SP, &st, &e), e);
	st.headcount = calloc(2, sizeof *h);
	memcpy(st.headcount, h, sizeof h);
	st.nheadcount = 2;
	assert_non_null(strategy_headcount_problem(&st, &index, &field, why, sizeof why));
	assert_int_equal(index, 1);
	assert_int_equal(strategy_apply(SP, &st, "test", 0, &d, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "organisation.headcount[1]"));
	strategy_diff_free(&d);
	memcpy(st.headcount, zero, sizeof zero);
	st.nheadcount = 1;
	assert_non_null(strategy_headcount_problem(&st, &index, &field, why, sizeof why));
	st.nheadcount = 0;
	st.nmilestones = 2;
	st.milestones[0] = m[0];
	st.milestones[1] = m[1];
	assert_non_null(strategy_headcount_problem(&st, &index, &field, why, sizeof why));
	assert_string_equal(field, "milestones");
	strategy_free(&st);
	assert_int_equal(unit_int(SP, "SELECT count(*) FROM headcount"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headcount_of_a_week),
		cmocka_unit_test(test_adoption_against_the_headcount),
		cmocka_unit_test(test_without_a_headcount_the_registered_stand_in),
		cmocka_unit_test(test_bad_headcounts_are_refused),
	};
	return cmocka_run_group_tests(tests, build, teardown);
}
