/* test_message.c — messages found by content, platform and variant; edit and
 * delete audited; the approval rule (message_approvable): at least one
 * message, and every message passes the fair-use policy — a blocked variant
 * refuses approval, naming itself and both fixes, and once it is edited to
 * pass or deleted the item is approved (it never dead-ends); a ready item
 * takes no blocked text; message types. */
#include <stdarg.h>
#include "unit.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/policy.h"
#include "chorus/strategy.h"

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("message");
	if (!f)
		return -1;
	struct err e = {0};
	unit_person(&f->s, "ed", ROLE_EDITOR);
	unit_person(&f->s, "pub", 0);
	unit_person(&f->s, "boss", ROLE_MASTER);
	struct platform x = { .key = "x", .name = "X", .max_length = 20 };
	struct platform li = { .key = "linkedin", .name = "LinkedIn" };
	assert_ok(platform_add(&f->s, &x, NULL, &e), e);
	assert_ok(platform_add(&f->s, &li, NULL, &e), e);
	struct policy_rule r = { .name = "secret", .pattern = "(?i)secret", .severity = SEV_BLOCK,
				 .guidance = "Keep secrets in." };
	assert_ok(policy_rule_add(&f->s, &r, NULL, &e), e);
	struct policy_rule w = { .name = "hype", .pattern = "(?i)amazing", .severity = SEV_WARN,
				 .guidance = "Show, don't tell." };
	assert_ok(policy_rule_add(&f->s, &w, NULL, &e), e);
	*state = f;
	return 0;
}

/* An item in editing with a message per (platform, text) pair. */
static int64_t item(struct store *s, int n, ...)
{
	struct err e = {0};
	int64_t id = 0;
	struct submission sub = { .title = "Item", .body = "A body." };
	unit_act_as(s, "ed");
	if (content_submit(s, &sub, &id, &e) != CH_OK || content_take(s, id, 0, &e) != CH_OK)
		fail_msg("item: %s", e.msg);
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *platform = va_arg(ap, const char *), *text = va_arg(ap, const char *);
		if (message_add(s, id, platform, text, NULL, NULL, &e) != CH_OK)
			fail_msg("message_add %s: %s", text, e.msg);
	}
	va_end(ap);
	return id;
}

static const char *stage_now(struct store *s, int64_t id)
{
	struct err e = {0};
	struct content c;
	if (content_get(s, id, &c, &e) != CH_OK)
		fail_msg("content_get: %s", e.msg);
	const char *st = stage_name(c.stage);
	content_free(&c);
	return st;
}

static struct message find(struct store *s, int64_t id, const char *platform, int variant)
{
	struct err e = {0};
	struct message m;
	if (message_find(s, id, platform, variant, &m, &e) != CH_OK)
		fail_msg("message_find %s/%d: %s", platform, variant, e.msg);
	return m;
}

static void test_a_blocked_variant_refuses_approval_and_editing_it_to_pass_approves(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item(&f->s, 2, "linkedin", "All public", "x", "A secret plan");
	assert_int_equal(message_approvable(&f->s, id, &e), CH_FAILED);
	/* The refusal names the blocked message, its platform and variant, the
	 * rule and its guidance, and both ways out. */
	const char *want[] = { "(x, variant 1)", "\"secret\"", "Keep secrets in.", "edit it",
			       "message edit", "message delete", "--platform x" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(e.msg, want[i]))
			fail_msg("the refusal lacks %s: %s", want[i], e.msg);
	assert_int_equal(content_approve(&f->s, id, 0, &e), CH_FAILED);
	assert_string_equal(stage_now(&f->s, id), "editing");
	struct message m = find(&f->s, id, "x", 0);
	assert_ok(message_edit(&f->s, m.id, "A public plan", NULL, m.version, &e), e);
	message_free(&m);
	assert_ok(message_approvable(&f->s, id, &e), e);
	assert_ok(content_approve(&f->s, id, 0, &e), e);
	assert_string_equal(stage_now(&f->s, id), "ready");
}

/* Everything in Ready can be shared as it is: no blocked text gets in after approval. */
static void test_a_ready_item_takes_no_blocked_text(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item(&f->s, 1, "x", "All public");
	assert_ok(content_approve(&f->s, id, 0, &e), e);
	struct message m = find(&f->s, id, "x", 0);
	long long before = unit_int(&f->s, "SELECT count(*) FROM events");
	assert_int_equal(message_edit(&f->s, m.id, "A secret", NULL, m.version, &e), CH_FAILED);
	if (!strstr(e.msg, "is ready: every message of it must pass") || !strstr(e.msg, "\"secret\""))
		fail_msg("the refusal: %s", e.msg);
	assert_int_equal(message_add(&f->s, id, "linkedin", "secret stuff", NULL, NULL, &e), CH_FAILED);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events"), before);
	assert_ok(message_edit(&f->s, m.id, "Still public", NULL, m.version, &e), e);
	assert_ok(message_add(&f->s, id, "linkedin", "Public too", NULL, NULL, &e), e);
	message_free(&m);
}

static void test_a_blocked_variant_deleted_lets_the_item_be_approved(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item(&f->s, 3, "linkedin", "All public", "x", "Fine", "x", "secret!");
	assert_int_equal(content_forward(&f->s, id, 0, &e), CH_FAILED);
	if (!strstr(e.msg, "(x, variant 2)"))
		fail_msg("the refusal names the wrong variant: %s", e.msg);
	struct message m = find(&f->s, id, "x", 2);
	long long before = unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'message' AND action = 'delete'");
	assert_ok(message_delete(&f->s, m.id, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'message' AND action = 'delete'"),
			 before + 1);
	message_free(&m);
	assert_ok(content_forward(&f->s, id, 0, &e), e);
	assert_string_equal(stage_now(&f->s, id), "ready");
}

static void test_only_blocked_messages_or_none_refuse_and_warnings_do_not(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t none = item(&f->s, 0);
	assert_int_equal(message_approvable(&f->s, none, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no message yet"));
	int64_t blocked = item(&f->s, 1, "x", "secret");
	assert_int_equal(message_approvable(&f->s, blocked, &e), CH_FAILED);
	int64_t warned = item(&f->s, 2, "x", "Amazing!", "linkedin", "Also amazing");
	assert_ok(message_approvable(&f->s, warned, &e), e);
}

static void test_message_passes_says_why(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct policy *pol = NULL;
	assert_ok(policy_load(&f->s, &pol, &e), e);
	char why[300];
	struct message ok = { .text = "Amazing news" }, bad = { .text = "top SECRET" };
	assert_int_equal(message_passes(pol, &ok, why, sizeof why), 1);
	assert_string_equal(why, "");
	assert_int_equal(message_passes(pol, &bad, why, sizeof why), 0);
	assert_string_equal(why, "breaks the rule \"secret\": Keep secrets in.");
	assert_int_equal(message_passes(pol, &bad, NULL, 0), 0);
	policy_free(pol);
}

static void test_message_find_by_platform_and_variant(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct message m;
	int64_t id = item(&f->s, 3, "x", "one", "x", "two", "linkedin", "only");
	m = find(&f->s, id, "linkedin", 0);
	assert_string_equal(m.text, "only");
	message_free(&m);
	m = find(&f->s, id, "x", 2);
	assert_string_equal(m.text, "two");
	message_free(&m);
	assert_int_equal(message_find(&f->s, id, "x", 0, &m, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "variants 1, 2"));
	assert_int_equal(message_find(&f->s, id, "x", 3, &m, &e), CH_FAILED);
	assert_int_equal(message_find(&f->s, id, "myspace", 0, &m, &e), CH_INVALID);
	assert_int_equal(message_find(&f->s, 999, "x", 0, &m, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such content: 999"));
	int64_t other = item(&f->s, 0);
	assert_int_equal(message_find(&f->s, other, "x", 0, &m, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "has no message for x"));
}

static void test_edit_is_checked_versioned_and_audited(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item(&f->s, 1, "x", "short");
	struct message m = find(&f->s, id, "x", 0);
	assert_int_equal(message_edit(&f->s, m.id, "far too long for the platform", NULL, m.version, &e), CH_INVALID);
	assert_int_equal(message_edit(&f->s, m.id, "stale", NULL, m.version + 5, &e), CH_BUSY);
	assert_ok(message_edit(&f->s, m.id, "new words", NULL, m.version, &e), e);
	message_free(&m);
	m = find(&f->s, id, "x", 1);
	assert_string_equal(m.text, "new words");
	message_free(&m);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'message' AND action = 'edit'"), 1);
	unit_act_as(&f->s, "pub");
	m = find(&f->s, id, "x", 1);
	assert_int_equal(message_edit(&f->s, m.id, "mine", NULL, 0, &e), CH_FAILED);
	assert_int_equal(message_delete(&f->s, m.id, &e), CH_FAILED);
	message_free(&m);
}

static void test_message_types_are_set_from_the_strategy_list(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item(&f->s, 0);
	assert_int_equal(content_set_type(&f->s, id, "News", 0, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "defines no message types"));
	struct message_type news = { .name = "News" }, job = { .name = "Vacancy" };
	unit_act_as(&f->s, "boss");
	assert_ok(message_type_add(&f->s, &news, NULL, &e), e);
	assert_ok(message_type_add(&f->s, &job, NULL, &e), e);
	unit_act_as(&f->s, "ed");
	assert_int_equal(content_set_type(&f->s, id, "Essay", 0, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "no such message type: Essay (the strategy has: News, Vacancy)"));
	assert_ok(content_set_type(&f->s, id, "vacancy", 0, &e), e);
	struct content c;
	assert_ok(content_get(&f->s, id, &c, &e), e);
	assert_string_equal(c.message_type, "Vacancy");
	content_free(&c);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'content' "
					  "AND action = 'message_type'"), 1);
	assert_ok(content_set_type(&f->s, id, "", 0, &e), e);
	assert_ok(content_get(&f->s, id, &c, &e), e);
	assert_string_equal(c.message_type, "");
	content_free(&c);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_a_blocked_variant_refuses_approval_and_editing_it_to_pass_approves),
		T(test_a_blocked_variant_deleted_lets_the_item_be_approved),
		T(test_a_ready_item_takes_no_blocked_text),
		T(test_only_blocked_messages_or_none_refuse_and_warnings_do_not),
		T(test_message_passes_says_why),
		T(test_message_find_by_platform_and_variant),
		T(test_edit_is_checked_versioned_and_audited),
		T(test_message_types_are_set_from_the_strategy_list),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
