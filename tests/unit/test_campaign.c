/* test_campaign.c — campaigns (dates, goal and audience, conflicts, masters
 * only) and shares (logging, duplicate URLs, figures and whose they are). */
#include "unit.h"
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/strategy.h"

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("campaign");
	if (!f)
		return -1;
	struct err e = {0};
	unit_person(&f->s, "boss", ROLE_MASTER);
	unit_person(&f->s, "ed", ROLE_EDITOR);
	unit_person(&f->s, "pub", 0);
	unit_person(&f->s, "pub2", 0);
	struct platform x = { .key = "x", .name = "X" };
	struct platform li = { .key = "linkedin", .name = "LinkedIn" };
	assert_ok(platform_add(&f->s, &x, NULL, &e), e);
	assert_ok(platform_add(&f->s, &li, NULL, &e), e);
	struct audience a = { .name = "Students" };
	assert_ok(audience_add(&f->s, &a, NULL, &e), e);
	struct goal g = { .title = "More applications" };
	assert_ok(goal_add(&f->s, &g, NULL, &e), e);
	*state = f;
	return 0;
}

static int64_t add_campaign(struct store *s, const char *name, const char *starts, const char *ends)
{
	struct err e = {0};
	int64_t id = 0;
	struct campaign_change c = { .name = name, .starts = starts, .ends = ends, .target_shares = -1 };
	if (campaign_add(s, &c, &id, &e) != CH_OK)
		fail_msg("campaign_add %s: %s", name, e.msg);
	return id;
}

/* A ready item (in campaign, when given) with one message on X; returns the message. */
static int64_t ready_message(struct store *s, const char *campaign)
{
	struct err e = {0};
	int64_t id = 0, mid = 0;
	unit_act_as(s, "master");
	struct submission sub = { .title = "Item", .body = NULL };
	assert_ok(content_submit(s, &sub, &id, &e), e);
	if (campaign)
		assert_ok(content_set_campaign(s, id, campaign, 0, &e), e);
	assert_ok(message_add(s, id, "x", "Read all about it", NULL, &mid, &e), e);
	assert_ok(content_take(s, id, 0, &e), e);
	assert_ok(content_approve(s, id, 0, &e), e);
	return mid;
}

static struct campaign find(struct store *s, int64_t id, struct campaign **list, int *n)
{
	struct err e = {0};
	assert_ok(campaign_list(s, list, n, &e), e);
	for (int i = 0; i < *n; i++)
		if ((*list)[i].id == id)
			return (*list)[i];
	fail_msg("campaign %lld is not in the list", (long long)id);
	return (struct campaign){0};
}

/* --- campaigns ----------------------------------------------------------------------------- */

static void test_add_and_list_a_campaign(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct campaign_change c = { .name = "Open days", .description = "Two Saturdays in March",
				     .goal = "More applications", .audience = "Students",
				     .starts = "2026-03-01", .ends = "2026-03-31", .target_shares = 200 };
	int64_t id = 0;
	assert_ok(campaign_add(&f->s, &c, &id, &e), e);
	add_campaign(&f->s, "Earlier", "2026-01-01", "2026-01-31");
	struct campaign *list = NULL;
	int n = 0;
	struct campaign got = find(&f->s, id, &list, &n);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "Earlier");   /* by start date */
	assert_string_equal(got.name, "Open days");
	assert_string_equal(got.description, "Two Saturdays in March");
	assert_string_equal(got.goal, "More applications");
	assert_string_equal(got.audience, "Students");
	assert_string_equal(got.starts, "2026-03-01");
	assert_string_equal(got.ends, "2026-03-31");
	assert_int_equal(got.target_shares, 200);
	assert_int_equal(got.shares, 0);
	assert_int_equal(got.version, 1);
	campaign_list_free(list, n);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'campaign' AND action = 'add'"), 2);
}

static void test_dates_must_be_real_and_in_order(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	static const struct { const char *starts, *ends, *why; } bad[] = {
		{ "2026-13-01", "2026-12-31", "not a date" },
		{ "2026-02-30", NULL, "not a date" },
		{ NULL, "2026-04-31", "not a date" },
		{ "2026-3-1", NULL, "not a date" },
		{ "1 March", NULL, "not a date" },
		{ "2026-03-01T10:00", NULL, "not a date" },
		{ "2026-05-01", "2026-04-30", "before it starts" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct campaign_change c = { .name = "Bad dates", .starts = bad[i].starts, .ends = bad[i].ends,
					     .target_shares = -1 };
		err_clear(&e);
		int st = campaign_add(&f->s, &c, NULL, &e);
		if (st != CH_INVALID || !strstr(e.msg, bad[i].why))
			fail_msg("starts %s ends %s: status %d (%s), want refused with \"%s\"",
				 bad[i].starts ? bad[i].starts : "-", bad[i].ends ? bad[i].ends : "-", st, e.msg, bad[i].why);
	}
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM campaigns"), 0);
	/* one day, and open-ended, are fine */
	add_campaign(&f->s, "One day", "2026-03-01", "2026-03-01");
	add_campaign(&f->s, "Open", "2026-03-01", NULL);
	add_campaign(&f->s, "Undated", NULL, NULL);
}

static void test_unknown_goal_or_audience_is_refused(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct campaign_change c = { .name = "X", .goal = "World peace", .target_shares = -1 };
	assert_int_equal(campaign_add(&f->s, &c, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "no such goal: World peace"));
	struct campaign_change c2 = { .name = "X", .audience = "Martians", .target_shares = -1 };
	assert_int_equal(campaign_add(&f->s, &c2, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "no such audience: Martians"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM campaigns"), 0);
	int64_t id = add_campaign(&f->s, "X", NULL, NULL);
	assert_int_equal(campaign_set(&f->s, id, &c, 0, &e), CH_INVALID);
	assert_int_equal(unit_int(&f->s, "SELECT version FROM campaigns"), 1);
}

static void test_a_campaign_name_is_unique(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add_campaign(&f->s, "Spring", NULL, NULL);
	struct campaign_change c = { .name = "Spring", .target_shares = -1 };
	assert_int_equal(campaign_add(&f->s, &c, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "exists already"));
	struct campaign_change empty = { .name = "", .target_shares = -1 };
	assert_int_equal(campaign_add(&f->s, &empty, NULL, &e), CH_INVALID);
	struct campaign_change none = { .target_shares = -1 };
	assert_int_equal(campaign_add(&f->s, &none, NULL, &e), CH_INVALID);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM campaigns"), 1);
}

static void test_set_changes_given_fields_and_keeps_the_rest(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct campaign_change c = { .name = "Spring", .goal = "More applications", .audience = "Students",
				     .starts = "2026-03-01", .ends = "2026-05-31", .target_shares = 50 };
	int64_t id = 0;
	assert_ok(campaign_add(&f->s, &c, &id, &e), e);
	struct campaign_change ch = { .name = "Spring 2026", .target_shares = -1 };
	assert_ok(campaign_set(&f->s, id, &ch, 1, &e), e);
	struct campaign *list = NULL;
	int n = 0;
	struct campaign got = find(&f->s, id, &list, &n);
	assert_string_equal(got.name, "Spring 2026");
	assert_string_equal(got.goal, "More applications");
	assert_string_equal(got.audience, "Students");
	assert_string_equal(got.starts, "2026-03-01");
	assert_int_equal(got.target_shares, 50);
	assert_int_equal(got.version, 2);
	campaign_list_free(list, n);

	/* "" clears goal and audience; target changes */
	struct campaign_change clear = { .goal = "", .audience = "", .target_shares = 80 };
	assert_ok(campaign_set(&f->s, id, &clear, 0, &e), e);
	got = find(&f->s, id, &list, &n);
	assert_string_equal(got.goal, "");
	assert_string_equal(got.audience, "");
	assert_int_equal(got.target_shares, 80);
	campaign_list_free(list, n);
	assert_int_equal(campaign_set(&f->s, 9999, &clear, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such campaign"));
}

static void test_set_refuses_an_end_before_the_start_already_stored(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = add_campaign(&f->s, "Spring", "2026-03-01", "2026-05-31");
	struct campaign_change early_end = { .ends = "2026-02-01", .target_shares = -1 };
	int st = campaign_set(&f->s, id, &early_end, 0, &e);
	if (st != CH_INVALID)
		fail_msg("an end (2026-02-01) before the stored start (2026-03-01) was accepted (%d)", st);
	assert_non_null(strstr(e.msg, "before it starts"));
	struct campaign_change late_start = { .starts = "2026-06-01", .target_shares = -1 };
	assert_int_equal(campaign_set(&f->s, id, &late_start, 0, &e), CH_INVALID);
	assert_int_equal(unit_int(&f->s, "SELECT starts = '2026-03-01' AND ends = '2026-05-31' AND version = 1 "
					 "FROM campaigns"), 1);
	/* moving both together is fine */
	struct campaign_change both = { .starts = "2026-06-01", .ends = "2026-06-30", .target_shares = -1 };
	assert_ok(campaign_set(&f->s, id, &both, 0, &e), e);
}

static void test_set_with_a_stale_version_is_a_conflict(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = add_campaign(&f->s, "Spring", NULL, NULL);
	unit_act_as(&f->s, "boss");
	struct campaign_change theirs = { .description = "Boss was here", .target_shares = -1 };
	assert_ok(campaign_set(&f->s, id, &theirs, 1, &e), e);
	unit_act_as(&f->s, "master");
	struct campaign_change mine = { .description = "Mine", .target_shares = -1 };
	err_clear(&e);
	assert_int_equal(campaign_set(&f->s, id, &mine, 1, &e), CH_BUSY);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_string_equal(e.by, "boss");
	assert_int_equal(e.version, 2);
	assert_int_equal(unit_int(&f->s, "SELECT description = 'Boss was here' FROM campaigns"), 1);
}

static void test_only_masters_add_or_change_campaigns(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = add_campaign(&f->s, "Spring", NULL, NULL);
	unit_act_as(&f->s, "ed");
	struct campaign_change c = { .name = "Autumn", .target_shares = -1 };
	assert_int_equal(campaign_add(&f->s, &c, NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "needs the master role"));
	assert_int_equal(campaign_set(&f->s, id, &c, 0, &e), CH_FAILED);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM campaigns WHERE name = 'Spring'"), 1);
	/* everyone reads them */
	struct campaign *list = NULL;
	int n = 0;
	assert_ok(campaign_list(&f->s, &list, &n, &e), e);
	assert_int_equal(n, 1);
	campaign_list_free(list, n);
}

/* --- shares ---------------------------------------------------------------------------------- */

static void test_share_log_records_who_where_and_when(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	store_clock_set(1766000000);   /* written before the shares: none predates it */
	int64_t mid = ready_message(&f->s, NULL);
	unit_act_as(&f->s, "pub");
	int64_t sid = 0, sid2 = 0;
	store_clock_set(1767261600);
	assert_ok(share_log(&f->s, mid, NULL, "https://x.example/pub/1", 0, &sid, &e), e);
	assert_ok(share_log(&f->s, mid, "linkedin", NULL, 1767000000, &sid2, &e), e);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT p.login = 'pub' AND pl.key = 'x' AND s.shared_at = 1767261600 "
		 "AND s.url = 'https://x.example/pub/1' FROM shares s JOIN people p ON p.id = s.person_id "
		 "JOIN platforms pl ON pl.id = s.platform_id WHERE s.id = %lld", (long long)sid);
	assert_int_equal(unit_int(&f->s, sql), 1);
	snprintf(sql, sizeof sql, "SELECT pl.key = 'linkedin' AND s.shared_at = 1767000000 AND s.url IS NULL "
		 "FROM shares s JOIN platforms pl ON pl.id = s.platform_id WHERE s.id = %lld", (long long)sid2);
	assert_int_equal(unit_int(&f->s, sql), 1);
	snprintf(sql, sizeof sql, "SELECT json_extract(detail, '$.url') = 'https://x.example/pub/1' "
		 "AND json_extract(detail, '$.message') = %lld FROM events WHERE entity = 'share' AND entity_id = %lld",
		 (long long)mid, (long long)sid);
	assert_int_equal(unit_int(&f->s, sql), 1);
}

static void test_share_log_refuses_bad_input(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t mid = ready_message(&f->s, NULL);
	unit_act_as(&f->s, "pub");
	assert_int_equal(share_log(&f->s, mid, "myspace", NULL, 0, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "no such platform"));
	assert_int_equal(share_log(&f->s, mid, NULL, "ftp://x.example/1", 0, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "not a web address"));
	assert_int_equal(share_log(&f->s, mid, NULL, "x.example/1", 0, NULL, &e), CH_INVALID);
	assert_int_equal(share_log(&f->s, 424242, NULL, NULL, 0, NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such message"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM shares"), 0);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM content WHERE stage = 'ready'"), 1);
}

static void test_a_url_is_logged_once(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t mid = ready_message(&f->s, NULL);
	unit_act_as(&f->s, "pub");
	assert_ok(share_log(&f->s, mid, NULL, "https://x.example/post/42", 0, NULL, &e), e);
	unit_act_as(&f->s, "pub2");
	long long events = unit_int(&f->s, "SELECT count(*) FROM events");
	assert_int_equal(share_log(&f->s, mid, NULL, "https://x.example/post/42", 0, NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "logged already"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM shares"), 1);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events"), events);
	/* without a URL, any number */
	assert_ok(share_log(&f->s, mid, NULL, NULL, 0, NULL, &e), e);
	assert_ok(share_log(&f->s, mid, NULL, "", 0, NULL, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM shares"), 3);
}

static void test_figures_are_set_by_the_sharer_or_a_master_and_never_negative(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t mid = ready_message(&f->s, NULL);
	unit_act_as(&f->s, "pub");
	int64_t sid = 0;
	assert_ok(share_log(&f->s, mid, NULL, NULL, 0, &sid, &e), e);

	struct share_figures fig = { .clicks = 12, .reactions = 30, .comments = 4, .reshares = 2, .impressions = 900 };
	assert_ok(share_set_figures(&f->s, sid, &fig, &e), e);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT clicks = 12 AND reactions = 30 AND comments = 4 AND reshares = 2 "
		 "AND impressions = 900 AND version = 2 FROM shares WHERE id = %lld", (long long)sid);
	assert_int_equal(unit_int(&f->s, sql), 1);

	struct share_figures neg[5] = {
		{ .clicks = -1 }, { .reactions = -1 }, { .comments = -1 }, { .reshares = -1 }, { .impressions = -1 },
	};
	for (int i = 0; i < 5; i++) {
		err_clear(&e);
		if (share_set_figures(&f->s, sid, &neg[i], &e) != CH_INVALID)
			fail_msg("negative figure %d was accepted", i);
		assert_non_null(strstr(e.msg, "negative"));
	}
	assert_int_equal(unit_int(&f->s, sql), 1);

	/* someone else's share: not as a publisher or an editor ... */
	struct share_figures other = { .clicks = 99 };
	unit_act_as(&f->s, "pub2");
	assert_int_equal(share_set_figures(&f->s, sid, &other, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "someone else's share"));
	unit_act_as(&f->s, "ed");
	assert_int_equal(share_set_figures(&f->s, sid, &other, &e), CH_FAILED);
	assert_int_equal(unit_int(&f->s, sql), 1);
	/* ... but as a master */
	unit_act_as(&f->s, "boss");
	assert_ok(share_set_figures(&f->s, sid, &other, &e), e);
	snprintf(sql, sizeof sql, "SELECT clicks FROM shares WHERE id = %lld", (long long)sid);
	assert_int_equal(unit_int(&f->s, sql), 99);
	assert_int_equal(share_set_figures(&f->s, 424242, &other, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such share"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'share' AND action = 'figures'"), 2);
}

static void test_list_counts_the_shares_of_each_campaign(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t spring = add_campaign(&f->s, "Spring", "2026-03-01", NULL);
	int64_t autumn = add_campaign(&f->s, "Autumn", "2026-09-01", NULL);
	int64_t m1 = ready_message(&f->s, "Spring");
	int64_t m2 = ready_message(&f->s, "Spring");
	int64_t m3 = ready_message(&f->s, NULL);
	unit_act_as(&f->s, "pub");
	assert_ok(share_log(&f->s, m1, NULL, NULL, 0, NULL, &e), e);
	assert_ok(share_log(&f->s, m1, "linkedin", NULL, 0, NULL, &e), e);
	assert_ok(share_log(&f->s, m2, NULL, NULL, 0, NULL, &e), e);
	assert_ok(share_log(&f->s, m3, NULL, NULL, 0, NULL, &e), e);
	struct campaign *list = NULL;
	int n = 0;
	assert_int_equal(find(&f->s, spring, &list, &n).shares, 3);
	campaign_list_free(list, n);
	assert_int_equal(find(&f->s, autumn, &list, &n).shares, 0);
	campaign_list_free(list, n);
}

static void test_status_is_upcoming_active_or_ended_on_a_day(void **state)
{
	(void)state;
	struct campaign c = { .starts = "2026-03-01", .ends = "2026-03-31" };
	assert_int_equal(campaign_status_on(&c, "2026-02-28"), CAMPAIGN_UPCOMING);
	assert_int_equal(campaign_status_on(&c, "2026-03-01"), CAMPAIGN_ACTIVE);
	assert_int_equal(campaign_status_on(&c, "2026-03-31"), CAMPAIGN_ACTIVE);
	assert_int_equal(campaign_status_on(&c, "2026-04-01"), CAMPAIGN_ENDED);
	struct campaign open = { .starts = "2026-03-01" }, undated = {0};
	assert_int_equal(campaign_status_on(&open, "2030-01-01"), CAMPAIGN_ACTIVE);
	assert_int_equal(campaign_status_on(&undated, "2026-01-01"), CAMPAIGN_ACTIVE);
	assert_string_equal(campaign_status_name(CAMPAIGN_ENDED), "ended");
	store_clock_set(store_parse_time("2026-03-15T12:00:00"));
	char today[16];
	campaign_today(today, sizeof today);
	assert_string_equal(today, "2026-03-15");
}

static void test_end_sets_the_end_date_to_today_once(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	store_clock_set(store_parse_time("2026-03-15T12:00:00"));
	int64_t id = add_campaign(&f->s, "Spring", "2026-03-01", "2026-04-30");
	int64_t later = add_campaign(&f->s, "Autumn", "2026-09-01", NULL);
	unit_act_as(&f->s, "ed");
	assert_int_equal(campaign_end(&f->s, id, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "needs the master role"));
	unit_act_as(&f->s, "boss");
	err_clear(&e);
	assert_int_equal(campaign_end(&f->s, id, 7, &e), CH_BUSY);   /* a stale version */
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_ok(campaign_end(&f->s, id, 1, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT ends = '2026-03-15' AND version = 2 FROM campaigns WHERE name = 'Spring'"), 1);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'campaign' AND action = 'end' "
					 "AND json_extract(detail, '$.was') = '2026-04-30'"), 1);
	assert_int_equal(campaign_end(&f->s, id, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "Spring ends today already"));
	/* the next day it has ended, and cannot end again */
	store_clock_set(store_parse_time("2026-03-16T09:00:00"));
	assert_int_equal(campaign_end(&f->s, id, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "ended already, on 2026-03-15"));
	/* one that has not started is not ended: its dates are changed instead */
	assert_int_equal(campaign_end(&f->s, later, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "has not started yet"));
	assert_int_equal(campaign_end(&f->s, 999, 0, &e), CH_FAILED);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE action = 'end'"), 1);
}

static void test_detail_has_messages_shares_per_platform_and_week_and_who(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	store_clock_set(store_parse_time("2026-03-01T12:00:00"));   /* written before the shares */
	int64_t id = add_campaign(&f->s, "Spring", "2026-03-02", "2026-03-22");   /* weeks 10-12 */
	int64_t m1 = ready_message(&f->s, "Spring");
	int64_t m2 = ready_message(&f->s, "Spring");
	ready_message(&f->s, NULL);
	store_clock_set(store_parse_time("2026-04-02T12:00:00"));
	unit_act_as(&f->s, "pub2");
	assert_ok(share_log(&f->s, m1, NULL, NULL, store_parse_time("2026-03-03T10:00"), NULL, &e), e);
	assert_ok(share_log(&f->s, m1, "linkedin", NULL, store_parse_time("2026-03-17T10:00"), NULL, &e), e);
	unit_act_as(&f->s, "pub");
	assert_ok(share_log(&f->s, m2, NULL, NULL, store_parse_time("2026-03-18T10:00"), NULL, &e), e);
	assert_ok(share_log(&f->s, m2, NULL, NULL, store_parse_time("2026-03-30T10:00"), NULL, &e), e);

	struct campaign_detail d;
	assert_ok(campaign_detail(&f->s, id, &d, &e), e);
	assert_string_equal(d.c.name, "Spring");
	assert_int_equal(d.c.shares, 4);
	assert_int_equal(d.nmsgs, 2);
	assert_int_equal(d.msgs[0].message_id, m1);
	assert_string_equal(d.msgs[0].platform, "x");
	assert_string_equal(d.msgs[0].stage, "shared");
	assert_int_equal(d.msgs[0].shares, 2);
	assert_int_equal(d.nplatforms, 2);
	assert_string_equal(d.platforms[0].label, "X");
	assert_int_equal(d.platforms[0].shares, 3);
	assert_string_equal(d.platforms[1].label, "LinkedIn");
	assert_int_equal(d.platforms[1].shares, 1);
	/* weeks 10, 11 (none), 12 of the period, and 14 after it; not 13 */
	assert_int_equal(d.nweeks, 4);
	assert_string_equal(d.weeks[0].label, "2026-W10");
	assert_int_equal(d.weeks[0].shares, 1);
	assert_string_equal(d.weeks[1].label, "2026-W11");
	assert_int_equal(d.weeks[1].shares, 0);
	assert_string_equal(d.weeks[2].label, "2026-W12");
	assert_int_equal(d.weeks[2].shares, 2);
	assert_string_equal(d.weeks[3].label, "2026-W14");
	assert_int_equal(d.weeks[3].shares, 1);
	assert_int_equal(d.period_weeks, 3);
	assert_int_equal(d.sharers, 2);
	assert_string_equal(d.names, "pub, pub2");
	campaign_detail_free(&d);
	assert_int_equal(campaign_detail(&f->s, 999, &d, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such campaign"));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_add_and_list_a_campaign),
		T(test_dates_must_be_real_and_in_order),
		T(test_unknown_goal_or_audience_is_refused),
		T(test_a_campaign_name_is_unique),
		T(test_set_changes_given_fields_and_keeps_the_rest),
		T(test_set_refuses_an_end_before_the_start_already_stored),
		T(test_set_with_a_stale_version_is_a_conflict),
		T(test_only_masters_add_or_change_campaigns),
		T(test_share_log_records_who_where_and_when),
		T(test_share_log_refuses_bad_input),
		T(test_a_url_is_logged_once),
		T(test_figures_are_set_by_the_sharer_or_a_master_and_never_negative),
		T(test_list_counts_the_shares_of_each_campaign),
		T(test_status_is_upcoming_active_or_ended_on_a_day),
		T(test_end_sets_the_end_date_to_today_once),
		T(test_detail_has_messages_shares_per_platform_and_week_and_who),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
