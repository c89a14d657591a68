/* test_personal.c — a publisher's own wording of a message (personal.h):
 * kept per person and message, read back only by its writer, cleared,
 * marked shared by the share (queue_share, one transaction), gone with its
 * message, audited by its length and never its text. */
#include "unit.h"
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/personal.h"
#include "chorus/queue.h"
#include "chorus/strategy.h"

static struct store *SP;
static int64_t M1, M2;

static int build(void **state)
{
	struct err e = {0};
	store_clock_set(store_parse_time("2026-03-15T09:00"));
	struct unit_fx *f = calloc(1, sizeof *f);
	if (!f)
		fail_msg("out of memory");
	unit_db(&f->s, "personal.db", f->path, sizeof f->path);
	*state = f;
	SP = &f->s;
	unit_person(SP, "pia", 0);
	unit_person(SP, "piet", 0);
	struct platform li = { .key = "linkedin", .name = "LinkedIn", .max_length = 3000 };
	assert_ok(platform_add(SP, &li, NULL, &e), e);
	struct submission sub = { .title = "Open day", .body = NULL };
	int64_t id = 0;
	assert_ok(content_submit(SP, &sub, &id, &e), e);
	assert_ok(message_add(SP, id, "linkedin", "Come to the open day.", NULL, &M1, &e), e);
	assert_ok(message_add(SP, id, "linkedin", "Meet the team.", NULL, &M2, &e), e);
	assert_ok(content_take(SP, id, 0, &e), e);
	assert_ok(content_approve(SP, id, 0, &e), e);
	return 0;
}

static int teardown(void **state)
{
	unit_teardown(state);
	return unit_group_teardown(state);
}

static int count_of(const char *login)
{
	struct personal_text *v = NULL;
	int n = 0;
	struct err e = {0};
	unit_act_as(SP, login);
	assert_ok(personal_text_list(SP, &v, &n, &e), e);
	personal_text_free(v, n);
	unit_act_as(SP, "master");
	return n;
}

static void test_kept_per_person_and_message(void **state)
{
	(void)state;
	struct err e = {0};
	unit_act_as(SP, "pia");
	assert_ok(personal_text_set(SP, M1, "Mijn eigen open dag.", &e), e);
	assert_ok(personal_text_set(SP, M2, "Het team!", &e), e);
	assert_ok(personal_text_set(SP, M2, "Het hele team!", &e), e);   /* replaced, not added */
	struct personal_text *v = NULL;
	int n = 0;
	assert_ok(personal_text_list(SP, &v, &n, &e), e);
	assert_int_equal(n, 2);
	assert_true(v[0].message_id == M1 && v[1].message_id == M2);
	assert_string_equal(v[1].text, "Het hele team!");
	personal_text_free(v, n);
	assert_int_equal(count_of("piet"), 0);   /* only the writer reads them back */
	/* Audited with the length (characters, not bytes), never the text. */
	assert_int_equal(unit_int(SP, "SELECT count(*) FROM events WHERE action = 'personalise'"), 3);
	assert_int_equal(unit_int(SP, "SELECT json_extract(detail, '$.chars') FROM events "
				      "WHERE action = 'personalise' ORDER BY id DESC LIMIT 1"), 14);
	assert_int_equal(unit_int(SP, "SELECT count(*) FROM events WHERE detail LIKE '%team%'"), 0);
	/* Cleared: gone. */
	unit_act_as(SP, "pia");
	assert_ok(personal_text_set(SP, M2, NULL, &e), e);
	assert_int_equal(count_of("pia"), 1);
	/* A bad id or text is refused. */
	unit_act_as(SP, "pia");
	assert_int_equal(personal_text_set(SP, 9999, "x", &e), CH_FAILED);
	assert_int_equal(personal_text_set(SP, M1, "nul\x01", &e), CH_INVALID);
	unit_act_as(SP, "master");
}

static void test_sharing_marks_it_shared(void **state)
{
	(void)state;
	struct err e = {0};
	unit_act_as(SP, "pia");
	assert_ok(people_set_handle(SP, "pia", "linkedin", "pia", 10, &e), e);
	int64_t sid = 0;
	assert_ok(queue_share(SP, M1, NULL, &sid, &e), e);
	assert_int_equal(count_of("pia"), 0);
	/* Kept as what was shared, no longer pending. */
	assert_int_equal(unit_int(SP, "SELECT count(*) FROM personal_texts WHERE shared_at IS NOT NULL "
				      "AND text = 'Mijn eigen open dag.'"), 1);
	assert_int_equal(unit_int(SP, "SELECT count(*) FROM shares"), 1);
}

static void test_gone_with_its_message(void **state)
{
	(void)state;
	struct err e = {0};
	unit_act_as(SP, "piet");
	assert_ok(personal_text_set(SP, M2, "Piet's own.", &e), e);
	unit_act_as(SP, "master");
	assert_ok(message_delete(SP, M2, &e), e);
	assert_int_equal(unit_int(SP, "SELECT count(*) FROM personal_texts WHERE person_id = "
				      "(SELECT id FROM people WHERE login = 'piet')"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept_per_person_and_message),
		cmocka_unit_test(test_sharing_marks_it_shared),
		cmocka_unit_test(test_gone_with_its_message),
	};
	return cmocka_run_group_tests(tests, build, teardown);
}
