/* test_queue.c — the publisher's queue: what is in it (ready and shared
 * content, the person's platforms, not shared by them there yet, running
 * campaigns only), its order (running campaigns by end date, then newest),
 * variants grouped; the share link's UTM tags; the post as copied; and
 * logging a share from the queue. */
#include "unit.h"
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/queue.h"
#include "chorus/strategy.h"

#define PATHLEN (PATH_MAX + 64)

struct fx {
	struct store s;
	char path[PATHLEN];
	int64_t clock;
};

static int setup(void **state)
{
	static int n;
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	char name[32];
	struct err e = {0};
	snprintf(name, sizeof name, "queue-%d.db", n++);
	store_fs_inject(0xEF53);
	f->clock = store_parse_time("2026-03-15T09:00");
	store_clock_set(f->clock);
	unit_db(&f->s, name, f->path, sizeof f->path);
	unit_person(&f->s, "pub", 0);
	unit_person(&f->s, "pub2", 0);
	struct platform li = { .key = "linkedin", .name = "LinkedIn", .max_length = 3000 };
	struct platform x = { .key = "x", .name = "X", .max_length = 280 };
	struct platform ma = { .key = "mastodon", .name = "Mastodon", .max_length = 500 };
	assert_ok(platform_add(&f->s, &li, NULL, &e), e);
	assert_ok(platform_add(&f->s, &x, NULL, &e), e);
	assert_ok(platform_add(&f->s, &ma, NULL, &e), e);
	assert_ok(people_set_handle(&f->s, "pub", "linkedin", "pia", 100, &e), e);
	assert_ok(people_set_handle(&f->s, "pub", "x", "@pia", 50, &e), e);
	assert_ok(people_set_handle(&f->s, "pub2", "linkedin", "piet", 10, &e), e);
	*state = f;
	return 0;
}

static void add_campaign(struct store *s, const char *name, const char *starts, const char *ends)
{
	struct err e = {0};
	struct campaign_change c = { .name = name, .starts = starts, .ends = ends, .target_shares = -1 };
	if (campaign_add(s, &c, NULL, &e) != CH_OK)
		fail_msg("campaign_add %s: %s", name, e.msg);
}

/* Content TITLE (in CAMPAIGN when given) with a message on each platform of
 * the space-separated list PLATFORMS ("linkedin linkedin x": two variants on
 * LinkedIn), taken and approved by the master a minute after the last one,
 * so later items are newer.  Returns the content id. */
static int64_t ready(struct fx *f, const char *title, const char *campaign, const char *platforms)
{
	struct err e = {0};
	int64_t id = 0;
	unit_act_as(&f->s, "master");
	f->clock += 60;
	store_clock_set(f->clock);
	struct submission sub = { .title = title, .body = NULL };
	assert_ok(content_submit(&f->s, &sub, &id, &e), e);
	if (campaign)
		assert_ok(content_set_campaign(&f->s, id, campaign, 0, &e), e);
	char list[128], text[256];
	snprintf(list, sizeof list, "%s", platforms);
	int k = 0;
	for (char *p = strtok(list, " "); p; p = strtok(NULL, " ")) {
		snprintf(text, sizeof text, "%s on %s, text %d", title, p, ++k);
		assert_ok(message_add(&f->s, id, p, text, "https://example.nl/story", NULL, &e), e);
	}
	assert_ok(content_take(&f->s, id, 0, &e), e);
	assert_ok(content_approve(&f->s, id, 0, &e), e);
	return id;
}

static struct queue queue_of(struct fx *f, const char *login)
{
	struct err e = {0};
	struct queue q;
	unit_act_as(&f->s, login);
	assert_ok(queue_list(&f->s, &q, &e), e);
	return q;
}

/* The queue as "title/platform/variant" items, space-separated. */
static void queue_line(const struct queue *q, char *out, size_t n)
{
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; i < q->n && o < n; i++)
		o += (size_t)snprintf(out + o, n - o, "%s%s/%s/%d", i ? " " : "", q->v[i].title, q->v[i].platform,
				      q->v[i].variant);
}

#define assert_queue(f, login, want) do { \
	struct queue q_ = queue_of(f, login); \
	char got_[2048]; \
	queue_line(&q_, got_, sizeof got_); \
	queue_free(&q_); \
	if (strcmp(got_, want) != 0) \
		fail_msg("queue of %s:\n  got  %s\n  want %s", login, got_, want); \
} while (0)

static int64_t message_of(struct fx *f, int64_t content, const char *platform, int variant)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT m.id FROM messages m JOIN platforms p ON p.id = m.platform_id "
		 "WHERE m.content_id = %lld AND p.key = '%s' AND m.variant = %d", (long long)content, platform, variant);
	return unit_int(&f->s, sql);
}

/* --- what is in the queue, in which order ---------------------------------------------- */

static void test_running_campaigns_first_by_end_date_then_newest(void **state)
{
	struct fx *f = *state;
	add_campaign(&f->s, "Ends late", "2026-03-01", "2026-03-31");
	add_campaign(&f->s, "Ends soon", "2026-03-01", "2026-03-20");
	add_campaign(&f->s, "Open ended", NULL, NULL);
	add_campaign(&f->s, "Ended", "2026-02-01", "2026-03-14");
	add_campaign(&f->s, "Not yet", "2026-03-16", "2026-04-30");
	add_campaign(&f->s, "Last day", "2026-03-15", "2026-03-15");
	ready(f, "Old news", NULL, "linkedin");
	ready(f, "Late", "Ends late", "linkedin");
	ready(f, "Soon", "Ends soon", "linkedin");
	ready(f, "Open", "Open ended", "linkedin");
	ready(f, "Over", "Ended", "linkedin");
	ready(f, "Future", "Not yet", "linkedin");
	ready(f, "Today only", "Last day", "linkedin");
	ready(f, "Fresh news", NULL, "linkedin");
	assert_queue(f, "pub", "Today only/linkedin/1 Soon/linkedin/1 Late/linkedin/1 Open/linkedin/1 "
		     "Fresh news/linkedin/1 Old news/linkedin/1");
	struct queue q = queue_of(f, "pub");
	assert_string_equal(q.v[0].campaign, "Last day");
	assert_string_equal(q.v[0].campaign_ends, "2026-03-15");
	assert_string_equal(q.v[3].campaign, "Open ended");
	assert_string_equal(q.v[3].campaign_ends, "");
	assert_string_equal(q.v[4].campaign, "");
	assert_int_equal(q.v[4].max_length, 3000);
	assert_string_equal(q.v[4].platform_name, "LinkedIn");
	assert_string_equal(q.v[4].link, "https://example.nl/story");
	assert_string_equal(q.v[4].text, "Fresh news on linkedin, text 1");
	assert_true(q.v[4].ready_at > q.v[5].ready_at);
	assert_int_equal(q.publisher, 1);
	assert_int_equal(q.nplatforms, 2);
	assert_string_equal(q.platforms, "linkedin, x");
	queue_free(&q);
}

static void test_only_ready_or_shared_content_on_my_platforms(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	ready(f, "Both", NULL, "linkedin x mastodon");
	struct submission sub = { .title = "Still editing", .body = NULL };
	int64_t id = 0;
	unit_act_as(&f->s, "master");
	assert_ok(content_submit(&f->s, &sub, &id, &e), e);
	assert_ok(message_add(&f->s, id, "linkedin", "not yet", NULL, NULL, &e), e);
	assert_ok(content_take(&f->s, id, 0, &e), e);
	int64_t rej = ready(f, "Pulled back", NULL, "linkedin");
	assert_ok(content_back(&f->s, rej, 0, &e), e);   /* ready -> editing */
	/* mastodon is not one of pub's platforms; pub2 has LinkedIn only. */
	assert_queue(f, "pub", "Both/linkedin/1 Both/x/1");
	assert_queue(f, "pub2", "Both/linkedin/1");
}

static void test_a_share_takes_it_out_of_my_queue_only(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	int64_t a = ready(f, "A", NULL, "linkedin linkedin x");
	ready(f, "B", NULL, "linkedin");
	/* pub2 shares A on LinkedIn: A is shared content now, and still in pub's queue. */
	unit_act_as(&f->s, "pub2");
	assert_ok(share_log(&f->s, message_of(f, a, "linkedin", 1), NULL, NULL, 0, NULL, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT stage = 'shared' FROM content WHERE id = 1"), 1);
	assert_queue(f, "pub2", "B/linkedin/1");
	assert_queue(f, "pub", "B/linkedin/1 A/linkedin/1 A/linkedin/2 A/x/1");
	/* pub shares the second LinkedIn variant: both variants leave, X stays. */
	unit_act_as(&f->s, "pub");
	assert_ok(share_log(&f->s, message_of(f, a, "linkedin", 2), NULL, NULL, 0, NULL, &e), e);
	assert_queue(f, "pub", "B/linkedin/1 A/x/1");
	/* A share logged on another platform than the message's counts there. */
	assert_ok(share_log(&f->s, message_of(f, 2, "linkedin", 1), "x", NULL, 0, NULL, &e), e);
	assert_queue(f, "pub", "B/linkedin/1 A/x/1");
	assert_ok(share_log(&f->s, message_of(f, a, "linkedin", 1), "x", NULL, 0, NULL, &e), e);
	assert_queue(f, "pub", "B/linkedin/1");
}

static void test_shared_content_stays_while_its_campaign_runs_or_for_30_days(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	add_campaign(&f->s, "Long", "2026-03-01", "2026-05-31");
	ready(f, "D", NULL, "linkedin");
	int64_t a = ready(f, "A", NULL, "linkedin");
	int64_t b = ready(f, "B", "Long", "linkedin");
	int64_t c = ready(f, "C", NULL, "linkedin");
	unit_act_as(&f->s, "pub2");
	assert_ok(share_log(&f->s, message_of(f, a, "linkedin", 1), NULL, NULL, 0, NULL, &e), e);
	assert_ok(share_log(&f->s, message_of(f, b, "linkedin", 1), NULL, NULL, 0, NULL, &e), e);
	f->clock += 29 * 86400;
	store_clock_set(f->clock);
	assert_ok(share_log(&f->s, message_of(f, c, "linkedin", 1), NULL, NULL, 0, NULL, &e), e);
	assert_queue(f, "pub", "B/linkedin/1 C/linkedin/1 A/linkedin/1 D/linkedin/1");
	/* Two days later A's first share is 31 days old: it leaves; B's campaign
	 * still runs, C was shared 2 days ago, D is ready. */
	f->clock += 2 * 86400;
	store_clock_set(f->clock);
	assert_queue(f, "pub", "B/linkedin/1 C/linkedin/1 D/linkedin/1");
	assert_int_equal(QUEUE_SHARED_DAYS, 30);
}

static void test_variants_are_grouped_in_order(void **state)
{
	struct fx *f = *state;
	ready(f, "Many", NULL, "x linkedin linkedin linkedin");
	struct queue q = queue_of(f, "pub");
	assert_int_equal(q.n, 4);
	/* LinkedIn was added first as a platform: its group comes first. */
	static const struct { const char *platform; int variant, pos, count; } want[] = {
		{ "linkedin", 1, 0, 3 }, { "linkedin", 2, 1, 3 }, { "linkedin", 3, 2, 3 }, { "x", 1, 0, 1 },
	};
	for (int i = 0; i < 4; i++) {
		assert_string_equal(q.v[i].platform, want[i].platform);
		assert_int_equal(q.v[i].variant, want[i].variant);
		assert_int_equal(q.v[i].pos, want[i].pos);
		assert_int_equal(q.v[i].count, want[i].count);
	}
	assert_string_equal(q.v[1].text, "Many on linkedin, text 3");
	queue_free(&q);
}

static void test_no_platforms_or_no_publisher_role_is_an_empty_queue_that_says_why(void **state)
{
	struct fx *f = *state;
	ready(f, "Something", NULL, "linkedin");
	unit_person(&f->s, "nobody", 0);          /* a publisher without platforms */
	struct queue q = queue_of(f, "nobody");
	assert_int_equal(q.n, 0);
	assert_int_equal(q.publisher, 1);
	assert_int_equal(q.nplatforms, 0);
	assert_string_equal(q.platforms, "");
	queue_free(&q);
	/* An editor who is not a publisher (only possible by hand in the file). */
	unit_act_as(&f->s, "master");
	struct err e = {0};
	assert_ok(store_exec(&f->s, "UPDATE people SET roles = 2 WHERE login = 'pub'", &e), e);
	q = queue_of(f, "pub");
	assert_int_equal(q.n, 0);
	assert_int_equal(q.publisher, 0);
	assert_int_equal(q.nplatforms, 2);
	queue_free(&q);
}

/* --- the share link --------------------------------------------------------------------- */

static void test_share_link_tags(void **state)
{
	(void)state;
	static const struct { const char *link, *source, *campaign, *content, *want; } cases[] = {
		{ "https://example.nl/vacatures", "linkedin", "Open days", "pia",
		  "https://example.nl/vacatures?utm_source=linkedin&utm_medium=employee_advocacy"
		  "&utm_campaign=Open%20days&utm_content=pia" },
		{ "https://example.nl/a?ref=home&lang=nl", "x", "Spring", "pia",
		  "https://example.nl/a?ref=home&lang=nl&utm_source=x&utm_medium=employee_advocacy"
		  "&utm_campaign=Spring&utm_content=pia" },
		{ "https://example.nl/a#section-2", "x", NULL, "pia",
		  "https://example.nl/a?utm_source=x&utm_medium=employee_advocacy&utm_content=pia#section-2" },
		{ "https://example.nl/a?x=1#top", "x", "", "pia",
		  "https://example.nl/a?x=1&utm_source=x&utm_medium=employee_advocacy&utm_content=pia#top" },
		{ "https://example.nl/a?", "x", NULL, "pia",
		  "https://example.nl/a?utm_source=x&utm_medium=employee_advocacy&utm_content=pia" },
		{ "https://example.nl/a?b=2&", "x", NULL, "pia",
		  "https://example.nl/a?b=2&utm_source=x&utm_medium=employee_advocacy&utm_content=pia" },
		{ "https://example.nl/", "linkedin", "Zomer café & één", "p.de-vries_2",
		  "https://example.nl/?utm_source=linkedin&utm_medium=employee_advocacy"
		  "&utm_campaign=Zomer%20caf%C3%A9%20%26%20%C3%A9%C3%A9n&utm_content=p.de-vries_2" },
		{ "https://example.nl/a?utm_source=newsletter&id=7&UTM_CONTENT=x&utm_campaign=old", "x", NULL, "pia",
		  "https://example.nl/a?id=7&utm_campaign=old&utm_source=x&utm_medium=employee_advocacy&utm_content=pia" },
		{ "https://example.nl/a?utm_campaign=old&id=7", "x", "New", "pia",
		  "https://example.nl/a?id=7&utm_source=x&utm_medium=employee_advocacy&utm_campaign=New&utm_content=pia" },
		{ "https://example.nl/a#frag?not=query", "x", "50%/100+", "pia",
		  "https://example.nl/a?utm_source=x&utm_medium=employee_advocacy&utm_campaign=50%25%2F100%2B"
		  "&utm_content=pia#frag?not=query" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct err e = {0};
		char *got = NULL;
		assert_ok(queue_share_link(cases[i].link, cases[i].source, cases[i].campaign, cases[i].content, &got, &e), e);
		if (!got || strcmp(got, cases[i].want) != 0)
			fail_msg("link %s:\n  got  %s\n  want %s", cases[i].link, got ? got : "(null)", cases[i].want);
		free(got);
	}
	struct err e = {0};
	char *got = (char *)"unset";
	assert_ok(queue_share_link(NULL, "x", "C", "pia", &got, &e), e);
	assert_null(got);
	got = (char *)"unset";
	assert_ok(queue_share_link("", "x", "C", "pia", &got, &e), e);
	assert_null(got);
}

static void test_post_text_carries_the_share_link(void **state)
{
	(void)state;
	const char *L = "https://ex.nl/a", *S = "https://ex.nl/a?utm_source=x";
	static const struct { const char *text, *want; } cases[] = {
		{ "Read this.", "Read this.\n\nhttps://ex.nl/a?utm_source=x" },
		{ "Read this.\n\n", "Read this.\n\nhttps://ex.nl/a?utm_source=x" },
		{ "Read https://ex.nl/a today", "Read https://ex.nl/a?utm_source=x today" },
		{ "See (https://ex.nl/a).", "See (https://ex.nl/a?utm_source=x)." },
		{ "End: https://ex.nl/a", "End: https://ex.nl/a?utm_source=x" },
		{ "Twice https://ex.nl/a and https://ex.nl/a!", "Twice https://ex.nl/a?utm_source=x and https://ex.nl/a?utm_source=x!" },
		/* Not the same address: a longer one is left alone, the link goes below. */
		{ "Other https://ex.nl/ab here", "Other https://ex.nl/ab here\n\nhttps://ex.nl/a?utm_source=x" },
		{ "Other https://ex.nl/a/b here", "Other https://ex.nl/a/b here\n\nhttps://ex.nl/a?utm_source=x" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = queue_post_text(cases[i].text, L, S);
		assert_non_null(got);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("text \"%s\":\n  got  \"%s\"\n  want \"%s\"", cases[i].text, got, cases[i].want);
		free(got);
	}
	char *plain = queue_post_text("No link here", "", NULL);
	assert_string_equal(plain, "No link here");
	free(plain);
	assert_int_equal(queue_chars("één café 🎉"), 10);
	assert_int_equal(queue_chars(""), 0);
}

/* --- logging a share -------------------------------------------------------------------- */

static void test_queue_share_logs_one_share_with_its_url_and_an_event(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	int64_t a = ready(f, "A", NULL, "linkedin x");
	int64_t mid = message_of(f, a, "x", 1);
	unit_act_as(&f->s, "pub");
	long long events = unit_int(&f->s, "SELECT count(*) FROM events");
	int64_t sid = 0;
	assert_ok(queue_share(&f->s, mid, "https://x.com/pia/status/1", &sid, &e), e);
	assert_true(sid > 0);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM shares"), 1);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM shares WHERE id = %lld AND message_id = %lld AND "
		 "url = 'https://x.com/pia/status/1' AND person_id = (SELECT id FROM people WHERE login = 'pub') "
		 "AND platform_id = (SELECT id FROM platforms WHERE key = 'x')", (long long)sid, (long long)mid);
	assert_int_equal(unit_int(&f->s, sql), 1);
	/* the share event and the ready -> shared move */
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events") - events, 2);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'share' AND action = 'share' "
				      "AND json_extract(detail, '$.url') = 'https://x.com/pia/status/1'"), 1);
	assert_queue(f, "pub", "A/linkedin/1");
	/* No URL is fine too. */
	unit_act_as(&f->s, "pub");
	assert_ok(queue_share(&f->s, message_of(f, a, "linkedin", 1), "", NULL, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM shares WHERE url IS NULL"), 1);
	assert_queue(f, "pub", "");
}

static void test_queue_share_refuses_what_is_not_a_post_address(void **state)
{
	struct fx *f = *state;
	int64_t a = ready(f, "A", NULL, "linkedin");
	int64_t mid = message_of(f, a, "linkedin", 1);
	unit_act_as(&f->s, "pub");
	static const struct { const char *url, *why; } bad[] = {
		{ "www.linkedin.com/post/1", "starts with https:// or http://" },
		{ "ftp://example.nl/x", "starts with https:// or http://" },
		{ "https://", "has no host" },
		{ "https:///path", "has no host" },
		{ "https://example.nl/a b", "no spaces" },
		{ "https://example.nl/\x1b[2J", "control characters" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct err e = {0};
		int st = queue_share(&f->s, mid, bad[i].url, NULL, &e);
		if (st != CH_INVALID || !strstr(e.msg, bad[i].why))
			fail_msg("url %s: status %d (%s), want refused with \"%s\"", bad[i].url, st, e.msg, bad[i].why);
	}
	struct err e = {0};
	assert_int_equal(queue_share(&f->s, 999, NULL, NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such message"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM shares"), 0);
	assert_queue(f, "pub", "A/linkedin/1");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_running_campaigns_first_by_end_date_then_newest),
		T(test_only_ready_or_shared_content_on_my_platforms),
		T(test_a_share_takes_it_out_of_my_queue_only),
		T(test_shared_content_stays_while_its_campaign_runs_or_for_30_days),
		T(test_variants_are_grouped_in_order),
		T(test_no_platforms_or_no_publisher_role_is_an_empty_queue_that_says_why),
		T(test_share_link_tags),
		T(test_post_text_carries_the_share_link),
		T(test_queue_share_logs_one_share_with_its_url_and_an_event),
		T(test_queue_share_refuses_what_is_not_a_post_address),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
