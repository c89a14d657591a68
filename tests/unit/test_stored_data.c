/* test_stored_data.c — the stored data made real (issue 12, parts 3 and 4):
 * a submission's kind must be one chorus knows and a given body not blank;
 * media paths are checked to be readable files; the share dialog link fills
 * a platform's share_url; the Board's WIP limits come from the strategy's
 * options; the options are set one by one, audited, without overwriting
 * what someone else changed. */
#include <sys/stat.h>
#include "unit.h"
#include "chorus/board.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/queue.h"
#include "chorus/strategy.h"
#include "chorus/strategy_apply.h"

static int setup(void **state)
{
	*state = unit_fx_new("stored");
	return *state ? 0 : -1;
}

static void test_a_kind_must_be_known_and_the_error_lists_them(void **state)
{
	struct store *s = *state;
	struct err e = {0};
	int64_t id = 0;
	for (int i = 0; content_kinds[i]; i++) {
		struct submission ok = { .title = "Known", .body = "Text.", .kind = content_kinds[i] };
		assert_ok(content_submit(s, &ok, &id, &e), e);
	}
	struct submission bad = { .title = "Fruit", .body = "Text.", .kind = "banaan" };
	assert_int_equal(content_submit(s, &bad, &id, &e), CH_INVALID);
	assert_string_equal(e.msg, "unknown kind 'banaan' (kinds: story, photo, video, news, blog)");
	assert_int_equal(unit_int(s, "SELECT count(*) FROM content WHERE title = 'Fruit'"), 0);
}

static void test_a_given_body_must_not_be_blank_and_is_kept_as_written(void **state)
{
	struct store *s = *state;
	struct err e = {0};
	int64_t id = 0;
	const char *blank[] = { "", " ", "\n\n", " \t\r\n" };
	for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++) {
		struct submission sub = { .title = "Empty", .body = blank[i] };
		assert_int_equal(content_submit(s, &sub, &id, &e), CH_INVALID);
		assert_non_null(strstr(e.msg, "the body is empty"));
	}
	struct submission idea = { .title = "Only an idea" };
	assert_ok(content_submit(s, &idea, &id, &e), e);
	struct submission tags = { .title = "Tags", .body = "#welding #team\nThe robot." };
	assert_ok(content_submit(s, &tags, &id, &e), e);
	struct content c;
	assert_ok(content_get(s, id, &c, &e), e);
	assert_string_equal(c.body, "#welding #team\nThe robot.");
	content_free(&c);
	assert_int_equal(unit_int(s, "SELECT count(*) FROM content WHERE title = 'Empty'"), 0);
}

static void test_media_must_be_a_readable_file(void **state)
{
	(void)state;
	struct err e = {0};
	char file[PATH_MAX], dir[PATH_MAX], fifo[PATH_MAX + 16];
	snprintf(dir, sizeof dir, "%.3000s/media", unit_tmpdir());
	mkdir(dir, 0700);
	snprintf(file, sizeof file, "%.3000s/photo.jpg", dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("jpeg", f);
	fclose(f);
	assert_ok(content_media_check(file, &e), e);
	assert_int_equal(content_media_check("/nonexistent/a.jpg", &e), CH_INVALID);
	assert_string_equal(e.msg, "media /nonexistent/a.jpg: No such file or directory");
	assert_int_equal(content_media_check(dir, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "is a directory"));
	snprintf(fifo, sizeof fifo, "%s/pipe", dir);
	unlink(fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(content_media_check(fifo, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "not a regular file"));
	assert_int_equal(content_media_check("", &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "media path is empty"));
}

static void test_the_share_dialog_fills_share_url(void **state)
{
	struct store *s = *state;
	struct err e = {0};
	struct platform li = { .key = "linkedin", .name = "LinkedIn",
			       .share_url = "https://www.linkedin.com/sharing/share-offsite/?url={url}" };
	struct platform x = { .key = "x", .name = "X", .share_url = "https://x.com/intent/post?text={text}&url={url}&u2={url}" };
	struct platform ma = { .key = "mastodon", .name = "Mastodon" };
	int64_t lid = 0, xid = 0, mid = 0;
	assert_ok(platform_add(s, &li, &lid, &e), e);
	assert_ok(platform_add(s, &x, &xid, &e), e);
	assert_ok(platform_add(s, &ma, &mid, &e), e);
	struct queue_item it = { .platform_id = lid };
	snprintf(it.platform, sizeof it.platform, "linkedin");
	char *out = NULL;
	assert_ok(queue_share_dialog(s, &it, "https://ex.nl/a?utm_source=linkedin&b=c d", "Hi", &out, &e), e);
	assert_string_equal(out, "https://www.linkedin.com/sharing/share-offsite/?url="
			    "https%3A%2F%2Fex.nl%2Fa%3Futm_source%3Dlinkedin%26b%3Dc%20d");
	free(out);
	it.platform_id = xid;
	assert_ok(queue_share_dialog(s, &it, NULL, "Café & co #1", &out, &e), e);
	assert_string_equal(out, "https://x.com/intent/post?text=Caf%C3%A9%20%26%20co%20%231&url=&u2=");
	free(out);
	it.platform_id = mid;
	out = (char *)"untouched";
	assert_ok(queue_share_dialog(s, &it, "https://ex.nl/", "Hi", &out, &e), e);
	assert_null(out);
	it.platform_id = 9999;
	assert_int_equal(queue_share_dialog(s, &it, "https://ex.nl/", "Hi", &out, &e), CH_FAILED);
}

/* The options as stored, in seen and (to change) want. */
static void options_load(struct store *s, struct strategy *seen, struct strategy *want)
{
	struct err e = {0};
	assert_ok(strategy_load(s, seen, &e), e);
	*want = *seen;
}

/* Set want's options over seen; that many were changed. */
static void options_set(struct store *s, const struct strategy *seen, const struct strategy *want, int expect)
{
	struct err e = {0};
	int changed = -1;
	assert_ok(strategy_options_set(s, seen, want, &changed, &e), e);
	assert_int_equal(changed, expect);
}

static void test_the_boards_wip_limits_are_the_strategys_options(void **state)
{
	struct store *s = *state;
	struct err e = {0};
	int wip[BOARD_STAGES];
	assert_ok(board_wip(s, wip, &e), e);
	for (int i = 0; i < BOARD_STAGES; i++)
		assert_int_equal(wip[i], 0);
	struct strategy seen, want;
	options_load(s, &seen, &want);
	want.wip_inbox = 20;
	want.wip_editing = 5;
	options_set(s, &seen, &want, 2);
	assert_ok(board_wip(s, wip, &e), e);
	assert_int_equal(wip[STAGE_INBOX], 20);
	assert_int_equal(wip[STAGE_EDITING], 5);
	assert_int_equal(wip[STAGE_READY], 0);
	assert_int_equal(wip[STAGE_SHARED], 0);
	strategy_free(&seen);
}

static void test_options_are_set_one_by_one_audited_and_conflicts_refused(void **state)
{
	struct store *s = *state;
	struct err e = {0};
	struct strategy seen, want, now;
	options_load(s, &seen, &want);
	want.quiet_weeks = 6;
	want.open_enrolment = 1;
	options_set(s, &seen, &want, 2);
	assert_int_equal(unit_int(s, "SELECT count(*) FROM events WHERE entity = 'strategy' AND action = 'options' "
				     "AND json_extract(detail, '$.quiet_weeks') = 6 "
				     "AND json_extract(detail, '$.open_enrolment') = 1"), 1);
	/* Nothing to do: no event. */
	options_set(s, &want, &want, 0);
	assert_int_equal(unit_int(s, "SELECT count(*) FROM events WHERE action = 'options'"), 1);
	/* Another option changed by someone else since seen stays theirs. */
	struct strategy mine = seen;
	mine.wip_ready = 9;
	options_set(s, &seen, &mine, 1);
	assert_ok(strategy_load(s, &now, &e), e);
	assert_int_equal(now.wip_ready, 9);
	assert_int_equal(now.quiet_weeks, 6);
	assert_int_equal(now.open_enrolment, 1);
	strategy_free(&now);
	/* The same option changed by both: a conflict, nothing written. */
	int changed = 0;
	mine = seen;
	mine.quiet_weeks = 8;
	assert_int_equal(strategy_options_set(s, &seen, &mine, &changed, &e), CH_BUSY);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "quiet weeks was changed by someone else"));
	/* Out of range: the schema's rule. */
	mine = want;
	mine.quiet_weeks = 99;
	assert_int_equal(strategy_options_set(s, &want, &mine, &changed, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "must be from 1 to 52"));
	assert_ok(strategy_load(s, &now, &e), e);
	assert_int_equal(now.quiet_weeks, 6);
	strategy_free(&now);
	/* Masters only. */
	unit_person(s, "pub", 0);
	unit_act_as(s, "pub");
	mine = want;
	mine.wip_inbox = 1;
	assert_int_equal(strategy_options_set(s, &want, &mine, &changed, &e), CH_FAILED);
	strategy_free(&seen);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_a_kind_must_be_known_and_the_error_lists_them),
		T(test_a_given_body_must_not_be_blank_and_is_kept_as_written),
		T(test_media_must_be_a_readable_file),
		T(test_the_share_dialog_fills_share_url),
		T(test_the_boards_wip_limits_are_the_strategys_options),
		T(test_options_are_set_one_by_one_audited_and_conflicts_refused),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
