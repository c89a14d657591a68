/* test_metrics.c — the measure step on a small fixed programme built with the
 * core API at fixed times (store_clock_set): totals, weekly and monthly
 * buckets, per-person and per-team figures, KPIs, the earned media value,
 * ISO week arithmetic, and importing share figures.
 *
 * The programme (all times UTC; 2026-03-02 is the Monday of ISO week 10):
 *   people   master (no team), ed (editor, team A), cr (creator, team A),
 *            p1 and p2 (publishers, team B), p3 (inactive, did nothing)
 *   platforms li: cpm 10, cpc 3, reaction multiplier 0.5
 *             tw: cpm 4, cpc 0.75, reaction multiplier 0.25
 *   goals    Brand: clicks, target 100 — campaign Spring (target 4)
 *            Amb: ambassadors, target 4 — campaign Reach (no target)
 *            Misc: "leads", target 3 — not measured
 *   K1  cr submits 03-02 10:00 (pillar Culture); ed takes 11:00, writes m1
 *       (li) 11:10 and m2 (tw) 11:20, sets campaign Spring 11:30, approves
 *       03-03 09:00.  p1 comments 03-04 08:00.
 *   K2  cr submits 03-09 10:00 (no pillar); ed takes 11:00, writes m3 (li)
 *       11:10, sets campaign Reach 11:20, approves 03-10 09:00.  p2 comments
 *       03-10 08:00.
 *   shares (impressions, clicks, reactions, comments, reshares):
 *       s1 p1 m1 li 03-04 12:00 (W10)  1000 10 40 1 0
 *       s2 p2 m2 tw 03-05 12:00 (W10)  2000 20  8 0 1
 *       s3 p1 m3 li 03-11 12:00 (W11)   500  5 10 2 0
 *       s4 p2 m1 li 03-18 12:00 (W12)   no figures
 *       s5 master m3 li 04-01 12:00 (W14)  100 1 2 0 0
 */
#include "unit.h"
#include <math.h>
#include <fcntl.h>
#include "chorus/audit.h"
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/metrics.h"
#include "chorus/people.h"
#include "chorus/strategy.h"

static struct store S;
static char path[PATH_MAX + 64];
static int64_t m1, m2, m3, k1, k2;

/* A new database in the test's directory, master acting (unit_db's steps,
 * with paths bounded so the compiler can see nothing is cut). */
static void fresh_db(void)
{
	struct err e = {0};
	if (strlen(unit_tmpdir()) > 3000)
		fail_msg("the temporary directory's path is too long");
	snprintf(path, sizeof path, "%.3000s/metrics.db", unit_tmpdir());
	if (store_create(&S, path, STORE_MODE_NONE, "Test BV", "master", "Mia Master", &e) != CH_OK)
		fail_msg("store_create: %s", e.msg);
	store_close(&S);
	if (store_open(&S, path, &e) != CH_OK)
		fail_msg("store_open: %s", e.msg);
	if (store_identify(&S, "master", NULL, &e) != CH_OK)
		fail_msg("store_identify: %s", e.msg);
}

static int64_t at(const char *when)
{
	int64_t t = store_parse_time(when);
	if (t < 0)
		fail_msg("bad time %s", when);
	store_clock_set(t);
	return t;
}

static void as(const char *login)
{
	struct err e = {0};
	assert_ok(store_impersonate(&S, login, &e), e);
}

static void person(const char *login, const char *team, int roles)
{
	struct err e = {0};
	struct person_change c = { .name = login, .team = team, .roles = roles, .active = -1 };
	assert_ok(people_add(&S, login, &c, NULL, &e), e);
}

static int64_t share(const char *who, int64_t msg, const char *when, int64_t imp, int64_t clicks,
		     int64_t reactions, int64_t comments, int64_t reshares)
{
	struct err e = {0};
	as(who);
	int64_t t = at(when), id;
	assert_ok(share_log(&S, msg, NULL, NULL, t, &id, &e), e);
	if (imp || clicks || reactions || comments || reshares) {
		struct share_figures f = { clicks, reactions, comments, reshares, imp };
		assert_ok(share_set_figures(&S, id, &f, &e), e);
	}
	return id;
}

static int build(void **state)
{
	(void)state;
	struct err e = {0};
	at("2026-02-01T09:00");
	fresh_db();
	person("ed", "A", ROLE_EDITOR);
	person("cr", "A", ROLE_CREATOR);
	person("p1", "B", 0);
	person("p2", "B", 0);
	person("p3", "", 0);
	struct person_change off = { .roles = -1, .active = 0 };
	assert_ok(people_set(&S, "p3", &off, 0, &e), e);

	struct platform li = { .key = "li", .name = "LinkedIn", .cpm = 10, .cpc = 3, .reaction_multiplier = 0.5 };
	struct platform tw = { .key = "tw", .name = "Twitter", .cpm = 4, .cpc = 0.75, .reaction_multiplier = 0.25 };
	assert_ok(platform_add(&S, &li, NULL, &e), e);
	assert_ok(platform_add(&S, &tw, NULL, &e), e);
	struct pillar culture = { .name = "Culture" };
	assert_ok(pillar_add(&S, &culture, NULL, &e), e);
	struct goal brand = { .title = "Brand", .kpi_metric = "clicks", .kpi_target = 100, .kpi_period = "2026-Q1" };
	struct goal amb = { .title = "Amb", .kpi_metric = "ambassadors", .kpi_target = 4 };
	struct goal misc = { .title = "Misc", .kpi_metric = "leads", .kpi_target = 3 };
	assert_ok(goal_add(&S, &brand, NULL, &e), e);
	assert_ok(goal_add(&S, &amb, NULL, &e), e);
	assert_ok(goal_add(&S, &misc, NULL, &e), e);
	struct campaign_change spring = { .name = "Spring", .goal = "Brand", .starts = "2026-03-01",
					  .ends = "2026-03-31", .target_shares = 4 };
	struct campaign_change reach = { .name = "Reach", .goal = "Amb", .target_shares = 0 };
	assert_ok(campaign_add(&S, &spring, NULL, &e), e);
	assert_ok(campaign_add(&S, &reach, NULL, &e), e);

	struct submission sub1 = { .title = "Open day", .body = "Photos.", .pillar = "Culture" };
	struct submission sub2 = { .title = "Hiring", .body = "Welders." };
	as("cr");
	at("2026-03-02T10:00");
	assert_ok(content_submit(&S, &sub1, &k1, &e), e);
	as("ed");
	at("2026-03-02T11:00");
	assert_ok(content_take(&S, k1, 0, &e), e);
	at("2026-03-02T11:10");
	assert_ok(message_add(&S, k1, "li", "Come to our open day.", NULL, &m1, &e), e);
	at("2026-03-02T11:20");
	assert_ok(message_add(&S, k1, "tw", "Open day!", NULL, &m2, &e), e);
	at("2026-03-02T11:30");
	assert_ok(content_set_campaign(&S, k1, "Spring", 0, &e), e);
	at("2026-03-03T09:00");
	assert_ok(content_approve(&S, k1, 0, &e), e);
	as("p1");
	at("2026-03-04T08:00");
	assert_ok(comment_add(&S, k1, "Nice!", NULL, &e), e);

	as("cr");
	at("2026-03-09T10:00");
	assert_ok(content_submit(&S, &sub2, &k2, &e), e);
	as("ed");
	at("2026-03-09T11:00");
	assert_ok(content_take(&S, k2, 0, &e), e);
	at("2026-03-09T11:10");
	assert_ok(message_add(&S, k2, "li", "We hire two welders.", NULL, &m3, &e), e);
	at("2026-03-09T11:20");
	assert_ok(content_set_campaign(&S, k2, "Reach", 0, &e), e);
	at("2026-03-10T09:00");
	assert_ok(content_approve(&S, k2, 0, &e), e);
	as("p2");
	at("2026-03-10T08:00");
	assert_ok(comment_add(&S, k2, "Shared it with my cousin.", NULL, &e), e);

	share("p1", m1, "2026-03-04T12:00", 1000, 10, 40, 1, 0);
	share("p2", m2, "2026-03-05T12:00", 2000, 20, 8, 0, 1);
	share("p1", m3, "2026-03-11T12:00", 500, 5, 10, 2, 0);
	share("p2", m1, "2026-03-18T12:00", 0, 0, 0, 0, 0);
	share("master", m3, "2026-04-01T12:00", 100, 1, 2, 0, 0);
	as("master");
	at("2026-04-06T12:00");   /* "today": the Monday of week 15 */
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

static const struct metrics_person *find_person(const struct metrics_report *r, const char *login)
{
	for (int i = 0; i < r->npeople; i++)
		if (strcmp(r->people[i].login, login) == 0)
			return &r->people[i];
	return NULL;
}

static void expect_figures(const struct metrics_figures *f, int64_t shares, int64_t imp, int64_t clicks,
			   int64_t reactions, int64_t comments, int64_t reshares, const char *what)
{
	if (f->shares != shares || f->impressions != imp || f->clicks != clicks || f->reactions != reactions ||
	    f->comments != comments || f->reshares != reshares)
		fail_msg("%s: got %lld shares %lld/%lld/%lld/%lld/%lld, want %lld shares %lld/%lld/%lld/%lld/%lld",
			 what, (long long)f->shares, (long long)f->impressions, (long long)f->clicks,
			 (long long)f->reactions, (long long)f->comments, (long long)f->reshares, (long long)shares,
			 (long long)imp, (long long)clicks, (long long)reactions, (long long)comments,
			 (long long)reshares);
}

static void test_iso_weeks_match_the_calendar(void **state)
{
	(void)state;
	char label[24];
	int64_t w = metrics_week_of(store_parse_time("2026-03-02"));
	metrics_week_label(w, label, sizeof label);
	assert_string_equal(label, "2026-W10");
	assert_int_equal(metrics_week_start(w), store_parse_time("2026-03-02"));
	/* Sunday 2026-03-08 23:59:59 is still week 10. */
	assert_int_equal(metrics_week_of(store_parse_time("2026-03-08T23:59:59")), w);
	assert_int_equal(metrics_week_parse("2026-W10"), w);
	/* 2021-01-03 (a Sunday) belongs to 2020's week 53; 2025 has no week 53. */
	metrics_week_label(metrics_week_of(store_parse_time("2021-01-03")), label, sizeof label);
	assert_string_equal(label, "2020-W53");
	assert_true(metrics_week_parse("2020-W53") >= 0);
	assert_int_equal(metrics_week_parse("2025-W53"), -1);
	assert_int_equal(metrics_week_parse("2026-W00"), -1);
	assert_int_equal(metrics_week_parse("2026-W1"), -1);
	/* Week 0 is the one of Monday 1970-01-05, as the activity table counts. */
	assert_int_equal(metrics_week_of(345600), 0);
	assert_int_equal(metrics_week_of(345599), -1);
	assert_int_equal(metrics_date_parse("2026-02-30"), -1);
	assert_int_equal(metrics_date_parse("2026-3-01"), -1);
}

/* One rounding rule in every format (issue 14): half away from zero on the
 * decimal value, where printf's "%.2f" rounds 1.125 (exact in binary) to even. */
static void test_rounding_is_half_away_from_zero(void **state)
{
	(void)state;
	char b[64];
	assert_string_equal(metrics_fixed(1.125, 2, b, sizeof b), "1.13");
	assert_string_equal(metrics_fixed(6.25, 1, b, sizeof b), "6.3");
	assert_string_equal(metrics_fixed(62.5, 0, b, sizeof b), "63");
	assert_string_equal(metrics_fixed(-1.125, 2, b, sizeof b), "-1.13");
	assert_string_equal(metrics_fixed(-0.001, 2, b, sizeof b), "0.00");
	assert_string_equal(metrics_fixed(9.995, 2, b, sizeof b), "10.00");   /* 9.99499999... in binary */
	assert_string_equal(metrics_fixed(1.005, 2, b, sizeof b), "1.01");    /* 1.00499999... in binary */
	assert_string_equal(metrics_fixed(2.675, 2, b, sizeof b), "2.68");
	assert_string_equal(metrics_fixed(0.5, 0, b, sizeof b), "1");
	assert_string_equal(metrics_fixed(1.0 / 3.0, 4, b, sizeof b), "0.3333");
	assert_string_equal(metrics_fixed(181.5, 2, b, sizeof b), "181.50");
	assert_string_equal(metrics_fixed(0, 1, b, sizeof b), "0.0");
	assert_true(metrics_round(1.125, 2) == 1.13);
	assert_true(metrics_round(6.25, 1) == 6.3);
	assert_true(metrics_round(-2.5, 0) == -3);
}

static void test_emv_follows_the_formula(void **state)
{
	(void)state;
	/* 10 × 1600 / 1000 + 3 × (0.5 × 52 + 16) = 16 + 126 = 142 */
	assert_true(metrics_emv(10, 3, 0.5, 1600, 52, 16) == 142.0);
	/* 4 × 2000 / 1000 + 0.75 × (0.25 × 8 + 20) = 8 + 16.5 = 24.5 */
	assert_true(metrics_emv(4, 0.75, 0.25, 2000, 8, 20) == 24.5);
}

static void test_whole_history_totals_platforms_weeks_and_emv(void **state)
{
	(void)state;
	struct metrics_report r;
	struct err e = {0};
	assert_ok(metrics_report(&S, -1, -1, &r, &e), e);
	/* s1..s5: impressions 1000+2000+500+0+100, clicks 10+20+5+0+1,
	 * reactions 40+8+10+0+2, comments 1+0+2+0+0, reshares 0+1+0+0+0. */
	expect_figures(&r.total, 5, 3600, 36, 60, 3, 1, "total");
	assert_int_equal(r.nplatforms, 2);
	assert_string_equal(r.platforms[0].key, "li");
	expect_figures(&r.platforms[0].f, 4, 1600, 16, 52, 3, 0, "li");   /* s1 s3 s4 s5 */
	expect_figures(&r.platforms[1].f, 1, 2000, 20, 8, 0, 1, "tw");     /* s2 */
	assert_true(r.platforms[0].f.emv == 142.0);
	assert_true(r.platforms[1].f.emv == 24.5);
	assert_true(r.total.emv == 166.5);
	/* From the first day with any input (the submission of 03-02, before the
	 * first share on 03-04) to today: the period printed is the one counted. */
	assert_int_equal(r.first_day, store_parse_time("2026-03-02"));
	assert_int_equal(r.last_day, store_parse_time("2026-04-06"));
	/* Weeks 10..15 without gaps: li 1,1,1,0,1,0; tw 1,0,0,0,0,0. */
	assert_int_equal(r.nweeks, 6);
	const char *labels[] = { "2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14", "2026-W15" };
	int64_t li[] = { 1, 1, 1, 0, 1, 0 }, tw[] = { 1, 0, 0, 0, 0, 0 };
	for (int i = 0; i < 6; i++) {
		assert_string_equal(r.weeks[i].label, labels[i]);
		assert_int_equal(r.weeks[i].per_platform[0].shares, li[i]);
		assert_int_equal(r.weeks[i].per_platform[1].shares, tw[i]);
		assert_int_equal(r.weeks[i].total.shares, li[i] + tw[i]);
	}
	assert_int_equal(r.weeks[0].start, store_parse_time("2026-03-02"));
	/* W10 on li is s1 alone: 1000 impressions, 10 clicks, 40 reactions. */
	expect_figures(&r.weeks[0].per_platform[0], 1, 1000, 10, 40, 1, 0, "W10 li");
	/* March: s1..s4; April: s5. */
	assert_int_equal(r.nmonths, 2);
	assert_string_equal(r.months[0].label, "2026-03");
	assert_string_equal(r.months[1].label, "2026-04");
	expect_figures(&r.months[0].total, 4, 3500, 35, 58, 3, 1, "March");
	expect_figures(&r.months[1].total, 1, 100, 1, 2, 0, 0, "April");
	metrics_report_free(&r);
}

static void test_campaigns_pillars_and_kpis(void **state)
{
	(void)state;
	struct metrics_report r;
	struct err e = {0};
	assert_ok(metrics_report(&S, -1, -1, &r, &e), e);
	/* Campaigns ordered by start ("" first): Reach, then Spring. */
	assert_int_equal(r.ncampaigns, 2);
	assert_string_equal(r.campaigns[0].name, "Reach");
	assert_string_equal(r.campaigns[1].name, "Spring");
	expect_figures(&r.campaigns[1].f, 3, 3000, 30, 48, 1, 1, "Spring");   /* s1 s2 s4 */
	expect_figures(&r.campaigns[0].f, 2, 600, 6, 12, 2, 0, "Reach");      /* s3 s5 */
	assert_int_equal(r.campaigns[1].target_shares, 4);
	assert_string_equal(r.campaigns[1].goal, "Brand");
	/* Culture = K1 (s1 s2 s4); "(none)" = K2 (s3 s5), id 0, last. */
	assert_int_equal(r.npillars, 2);
	assert_string_equal(r.pillars[0].name, "Culture");
	assert_int_equal(r.pillars[0].f.shares, 3);
	assert_int_equal(r.pillars[1].id, 0);
	assert_int_equal(r.pillars[1].f.shares, 2);
	/* KPIs in goal order: Brand clicks of Spring = 10 + 20 + 0 = 30 of 100;
	 * Amb: people who shared Reach content = p1 (s3) and master (s5) = 2;
	 * Misc "leads" is not something chorus can count. */
	assert_int_equal(r.nkpis, 3);
	assert_string_equal(r.kpis[0].goal, "Brand");
	assert_true(r.kpis[0].measured);
	assert_true(r.kpis[0].actual == 30.0);
	assert_true(r.kpis[1].actual == 2.0);
	assert_false(r.kpis[2].measured);
	metrics_report_free(&r);
	/* A report of W12 alone (03-16 .. 03-22): Brand's KPI has a period of
	 * its own, 2026-Q1, and is measured over it: still 30 of 100.  Amb has
	 * none: over W12, where nobody shared Reach content, 0. */
	assert_ok(metrics_report(&S, store_parse_time("2026-03-16T00:00"), store_parse_time("2026-03-22T00:00"),
				 &r, &e), e);
	assert_true(r.kpis[0].actual == 30.0);
	assert_true(r.kpis[0].first_day == store_parse_time("2026-01-01T00:00"));
	assert_true(r.kpis[0].last_day == store_parse_time("2026-03-31T00:00"));
	assert_true(r.kpis[1].actual == 0.0);
	assert_true(r.kpis[1].first_day == -1);
	metrics_report_free(&r);
}

static void test_people_and_teams_over_the_whole_history(void **state)
{
	(void)state;
	struct metrics_report r;
	struct err e = {0};
	assert_ok(metrics_report(&S, -1, -1, &r, &e), e);
	/* p3 is inactive and did nothing: left out.  The rest by login. */
	assert_int_equal(r.npeople, 5);
	assert_null(find_person(&r, "p3"));
	assert_string_equal(r.people[0].login, "cr");
	/* cr submitted K1 and K2. */
	const struct metrics_person *p = find_person(&r, "cr");
	assert_int_equal(p->contributions, 2);
	assert_int_equal(p->f.shares, 0);
	/* ed: per item take, messages, campaign, approve = 5 (K1) + 4 (K2). */
	p = find_person(&r, "ed");
	assert_int_equal(p->edits, 9);
	assert_int_equal(p->contributions, 0);
	/* p1: s1 + s3, one comment; reactions 40 + 10, clicks 10 + 5. */
	p = find_person(&r, "p1");
	assert_int_equal(p->conversations, 1);
	expect_figures(&p->f, 2, 1500, 15, 50, 3, 0, "p1");
	p = find_person(&r, "p2");
	assert_int_equal(p->conversations, 1);
	expect_figures(&p->f, 2, 2000, 20, 8, 0, 1, "p2");
	/* Teams by name, no team last: A (cr, ed), B (p1, p2), "" (master). */
	assert_int_equal(r.nteams, 3);
	assert_string_equal(r.teams[0].name, "A");
	assert_int_equal(r.teams[0].people, 2);
	assert_int_equal(r.teams[0].engaged, 2);
	assert_int_equal(r.teams[0].contributions, 2);
	assert_int_equal(r.teams[0].edits, 9);
	assert_string_equal(r.teams[1].name, "B");
	assert_int_equal(r.teams[1].f.shares, 4);
	assert_int_equal(r.teams[1].conversations, 2);
	assert_string_equal(r.teams[2].name, "");
	assert_int_equal(r.teams[2].f.shares, 1);
	metrics_report_free(&r);
}

static void test_a_period_with_partial_weeks_counts_exact_days(void **state)
{
	(void)state;
	/* Wednesday 03-04 to Wednesday 03-18, both included: week 11 whole from
	 * the activity table, 03-04..03-08 and 03-16..03-18 from the log.
	 * In it: s1 s2 s3 s4; cr's K2 (03-09, not K1 on 03-02); ed's four
	 * edits of K2 (K1's were on 03-02 and 03-03); p1's comment (03-04),
	 * p2's (03-10). */
	struct metrics_report r;
	struct err e = {0};
	assert_ok(metrics_report(&S, store_parse_time("2026-03-04"), store_parse_time("2026-03-18"), &r, &e), e);
	expect_figures(&r.total, 4, 3500, 35, 58, 3, 1, "period");
	assert_int_equal(find_person(&r, "cr")->contributions, 1);
	assert_int_equal(find_person(&r, "ed")->edits, 4);
	assert_int_equal(find_person(&r, "p1")->conversations, 1);
	assert_int_equal(find_person(&r, "p2")->conversations, 1);
	assert_int_equal(find_person(&r, "master")->f.shares, 0);
	/* Weeks 10, 11, 12 only; one month. */
	assert_int_equal(r.nweeks, 3);
	assert_string_equal(r.weeks[2].label, "2026-W12");
	assert_int_equal(r.nmonths, 1);
	assert_int_equal(r.first_day, store_parse_time("2026-03-04"));
	assert_int_equal(r.last_day, store_parse_time("2026-03-18"));
	metrics_report_free(&r);

	/* One day inside a week: Tuesday 03-03 only: ed's approval of K1. */
	assert_ok(metrics_report(&S, store_parse_time("2026-03-03"), store_parse_time("2026-03-03"), &r, &e), e);
	assert_int_equal(find_person(&r, "ed")->edits, 1);
	assert_int_equal(r.total.shares, 0);
	metrics_report_free(&r);

	/* The end before the start is bad input. */
	assert_int_equal(metrics_report(&S, store_parse_time("2026-03-04"), store_parse_time("2026-03-03"), &r, &e),
			 CH_INVALID);
}

static void test_digest_of_week_10(void **state)
{
	(void)state;
	struct metrics_digest d;
	struct err e = {0};
	assert_ok(metrics_digest(&S, metrics_week_parse("2026-W10"), &d, &e), e);
	assert_string_equal(d.label, "2026-W10");
	/* K1 became ready on 03-03 with m1 (li) and m2 (tw), platforms in order. */
	assert_int_equal(d.nready, 1);
	assert_int_equal(d.ready[0].id, k1);
	assert_int_equal(d.ready[0].nmessages, 2);
	assert_string_equal(d.ready[0].messages[0].platform, "li");
	/* s1 (40 reactions) before s2 (8); both first shares of p1 and p2. */
	assert_int_equal(d.shares, 2);
	assert_int_equal(d.nwins, 2);
	assert_string_equal(d.wins[0].login, "p1");
	assert_int_equal(d.nnewcomers, 2);
	assert_string_equal(d.newcomers[0].login, "p1");
	/* Quiet in weeks 7..10: master (nothing until W14); p3 is inactive. */
	assert_int_equal(d.quiet_weeks, 4);
	assert_int_equal(d.nquiet, 1);
	assert_string_equal(d.quiet[0].login, "master");
	assert_int_equal(d.quiet[0].when, -1);
	/* Spring runs in March: s1 and s2 by the end of W10, both this week. */
	assert_int_equal(d.ncampaigns, 2);   /* Reach has no dates: always running */
	assert_string_equal(d.campaigns[1].name, "Spring");
	assert_int_equal(d.campaigns[1].shares, 2);
	assert_int_equal(d.campaigns[1].week_shares, 2);
	metrics_digest_free(&d);
}

static int64_t last_event(const char *what)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT %s FROM events ORDER BY id DESC LIMIT 1", what);
	return unit_int(&S, sql);
}

static void test_import_logs_for_the_person_and_never_duplicates(void **state)
{
	(void)state;
	struct err e = {0};
	long long before = unit_int(&S, "SELECT count(*) FROM shares");
	long long p2 = unit_int(&S, "SELECT id FROM people WHERE login = 'p2'");
	long long master = unit_int(&S, "SELECT id FROM people WHERE login = 'master'");
	struct share_import row = { .message_id = m2, .login = "p2", .platform = "tw",
				    .day = store_parse_time("2026-03-20"), .f = { .reactions = 3 },
				    .given = SHARE_FIG_REACTIONS };
	enum share_import_result res;
	assert_ok(store_begin(&S, 1, &e), e);
	assert_ok(share_import_row(&S, &row, &res, NULL, &e), e);
	assert_ok(store_end(&S, CH_OK, &e), e);
	assert_int_equal(res, SHARE_IMPORT_NEW);
	assert_int_equal(unit_int(&S, "SELECT count(*) FROM shares"), before + 1);
	/* The share is p2's, made at noon UTC that day; the events say the
	 * master did it on p2's behalf. */
	assert_int_equal(unit_int(&S, "SELECT person_id FROM shares ORDER BY id DESC LIMIT 1"), p2);
	assert_int_equal(unit_int(&S, "SELECT shared_at FROM shares ORDER BY id DESC LIMIT 1"),
			 store_parse_time("2026-03-20T12:00"));
	assert_int_equal(last_event("actor_id"), master);
	assert_int_equal(last_event("on_behalf_id"), p2);
	assert_int_equal(unit_int(&S, "SELECT reactions FROM shares ORDER BY id DESC LIMIT 1"), 3);
	assert_int_equal(S.me, master);   /* the importer is itself again */

	/* The same row again: found by message, person, platform and day. */
	assert_ok(share_import_row(&S, &row, &res, NULL, &e), e);
	assert_int_equal(res, SHARE_IMPORT_UNCHANGED);
	/* New figures for it: updated, other figures kept. */
	row.f.clicks = 7;
	row.given = SHARE_FIG_CLICKS;
	assert_ok(share_import_row(&S, &row, &res, NULL, &e), e);
	assert_int_equal(res, SHARE_IMPORT_UPDATED);
	assert_int_equal(unit_int(&S, "SELECT reactions * 100 + clicks FROM shares ORDER BY id DESC LIMIT 1"), 307);
	assert_int_equal(unit_int(&S, "SELECT count(*) FROM shares"), before + 1);

	/* Mistakes name their column. */
	struct share_import bad = { .message_id = m2, .login = "nobody", .day = row.day };
	assert_int_equal(share_import_row(&S, &bad, &res, NULL, &e), CH_INVALID);
	assert_true(strncmp(e.msg, "login: ", 7) == 0);
	bad.login = "p1";
	bad.platform = "myspace";
	assert_int_equal(share_import_row(&S, &bad, &res, NULL, &e), CH_INVALID);
	assert_true(strncmp(e.msg, "platform: ", 10) == 0);
	bad.platform = NULL;
	bad.day = -1;
	assert_int_equal(share_import_row(&S, &bad, &res, NULL, &e), CH_INVALID);
	assert_true(strncmp(e.msg, "date: ", 6) == 0);
	/* A publisher may not import. */
	as("p1");
	assert_int_equal(share_import_row(&S, &row, &res, NULL, &e), CH_FAILED);
	as("master");
	assert_int_equal(unit_int(&S, "SELECT count(*) FROM shares"), before + 1);
}

/* Rows written behind the core's back, in one transaction. */
static void write_sql(const char *sql)
{
	struct err e = {0};
	assert_ok(store_begin(&S, 1, &e), e);
	assert_int_equal(sqlite3_exec(S.db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_ok(store_end(&S, CH_OK, &e), e);
}

/* Ids far apart (rows deleted, or written by other tools) take the binary
 * search path instead of the tables indexed by id: same figures. */
static void test_sparse_ids_give_the_same_figures(void **state)
{
	(void)state;
	struct err e = {0};
	char sql[512];
	snprintf(sql, sizeof sql,
		 "INSERT INTO platforms(id, key, name, cpm, cpc, reaction_multiplier, position) VALUES (5000000, 'far', 'Far', 1, 1, 1, 99);"
		 "INSERT INTO messages(id, content_id, platform_id, text, created_at, updated_at) "
		 "VALUES (9000000, %lld, 5000000, 'Far away.', 0, 0);"
		 "INSERT INTO shares(message_id, person_id, platform_id, shared_at, clicks, impressions, updated_at) "
		 "VALUES (9000000, (SELECT id FROM people WHERE login = 'p1'), 5000000, %lld, 1, 1000, 0);",
		 (long long)k1, (long long)store_parse_time("2026-03-06T12:00"));
	write_sql(sql);
	struct metrics_report r;
	assert_ok(metrics_report(&S, -1, -1, &r, &e), e);
	assert_int_equal(r.nplatforms, 3);
	assert_string_equal(r.platforms[2].key, "far");
	/* 1 × 1000 / 1000 + 1 × (1 × 0 + 1) = 2 */
	expect_figures(&r.platforms[2].f, 1, 1000, 1, 0, 0, 0, "far");
	assert_true(r.platforms[2].f.emv == 2.0);
	/* k1 is Spring's: s1 s2 s4, the imported share of m2 and this one. */
	assert_string_equal(r.campaigns[1].name, "Spring");
	assert_int_equal(r.campaigns[1].f.shares, 5);
	assert_int_equal(find_person(&r, "p1")->f.shares, 3);
	metrics_report_free(&r);
}

/* Enough shares that shares_by_time has interior pages, so the report's
 * read-ahead walks a tree more than one level deep (under the sanitizer,
 * too): the figures are still those SQL sums up. */
static void test_deep_trees_give_the_figures_sql_sums(void **state)
{
	(void)state;
	struct err e = {0};
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
		 "INSERT INTO shares(message_id, person_id, platform_id, shared_at, clicks, impressions, "
		 "reactions, updated_at) SELECT %lld, (SELECT id FROM people WHERE login = 'p2'), "
		 "(SELECT platform_id FROM messages WHERE id = %lld), %lld + i * 60, i %% 7, i * 3, i %% 5, 0 FROM n;",
		 (long long)m1, (long long)m1, (long long)store_parse_time("2026-03-02T00:00"));
	write_sql(sql);
	assert_true(unit_int(&S, "SELECT count(*) FROM dbstat WHERE name = 'shares_by_time' "
				 "AND pagetype = 'internal'") > 0);
	struct metrics_report r;
	assert_ok(metrics_report(&S, -1, -1, &r, &e), e);
	assert_int_equal(r.total.shares, unit_int(&S, "SELECT count(*) FROM shares"));
	assert_int_equal(r.total.impressions, unit_int(&S, "SELECT sum(impressions) FROM shares"));
	assert_int_equal(r.total.clicks, unit_int(&S, "SELECT sum(clicks) FROM shares"));
	assert_int_equal(r.total.reactions, unit_int(&S, "SELECT sum(reactions) FROM shares"));
	assert_int_equal(find_person(&r, "p2")->f.shares,
			 unit_int(&S, "SELECT count(*) FROM shares WHERE person_id = "
				      "(SELECT id FROM people WHERE login = 'p2')"));
	metrics_report_free(&r);
}

/* The report's read-ahead opens the file a second time.  Closing that
 * descriptor while SQLite has the file open would drop the POSIX locks SQLite
 * holds on it (they belong to the process), so it stays open until
 * store_close, which closes it after SQLite's connection. */
static void test_the_read_ahead_descriptor_lives_until_store_close(void **state)
{
	(void)state;
	struct err e = {0};
	struct metrics_report r;
	struct store s2;
	char dbpath[PATH_MAX];
	snprintf(dbpath, sizeof dbpath, "%s", S.path);
	assert_ok(store_open(&s2, dbpath, &e), e);
	unit_act_as(&s2, "master");
	assert_ok(metrics_report(&s2, -1, -1, &r, &e), e);
	metrics_report_free(&r);
	int fd = s2.hint_fd - 1;
	assert_true(fd >= 0);
	assert_true(fcntl(fd, F_GETFD) != -1);      /* still open after the report */
	assert_ok(metrics_report(&s2, -1, -1, &r, &e), e);
	metrics_report_free(&r);
	assert_int_equal(s2.hint_fd - 1, fd);       /* and used again, not opened twice */
	store_close(&s2);
	assert_int_equal(s2.hint_fd, 0);
	assert_true(fcntl(fd, F_GETFD) == -1);      /* closed with the store */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_weeks_match_the_calendar),
		cmocka_unit_test(test_rounding_is_half_away_from_zero),
		cmocka_unit_test(test_emv_follows_the_formula),
		cmocka_unit_test(test_whole_history_totals_platforms_weeks_and_emv),
		cmocka_unit_test(test_campaigns_pillars_and_kpis),
		cmocka_unit_test(test_people_and_teams_over_the_whole_history),
		cmocka_unit_test(test_a_period_with_partial_weeks_counts_exact_days),
		cmocka_unit_test(test_digest_of_week_10),
		cmocka_unit_test(test_import_logs_for_the_person_and_never_duplicates),
		cmocka_unit_test(test_sparse_ids_give_the_same_figures),
		cmocka_unit_test(test_deep_trees_give_the_figures_sql_sums),
		cmocka_unit_test(test_the_read_ahead_descriptor_lives_until_store_close),
	};
	return cmocka_run_group_tests(tests, build, teardown);
}
