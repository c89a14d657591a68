/* test_strategy_schema.c — the strategy's field rules (strategy_schema.h):
 * every rule with a good and a bad value, the tables the form and the YAML
 * file are made from, and the core's writes refusing with the field named. */
#include "unit.h"
#include "chorus/strategy.h"
#include "chorus/strategy_apply.h"
#include "chorus/strategy_schema.h"

static void good(enum strategy_ftype type, double hi, const char *v)
{
	char why[512];
	const char *p = strategy_text_problem(type, hi, v, strlen(v), why, sizeof why);
	if (p)
		fail_msg("\"%s\" (type %d) refused: %s", v, (int)type, p);
}

static void bad(enum strategy_ftype type, double hi, const char *v, const char *msg)
{
	char why[512];
	const char *p = strategy_text_problem(type, hi, v, strlen(v), why, sizeof why);
	if (!p || !strstr(p, msg))
		fail_msg("\"%s\" (type %d): expected a problem with \"%s\", got %s", v, (int)type, msg, p ? p : "none");
}

static void test_names_are_one_line_and_not_blank(void **state)
{
	(void)state;
	good(SF_NAME, 63, "Craft");
	good(SF_NAME, 63, "Vakmanschap — één");
	bad(SF_NAME, 63, "  ", "must not be empty");
	bad(SF_NAME, 63, "two\nlines", "must be one line");
	bad(SF_NAME, 63, "bell\a", "control character (U+0007)");
	bad(SF_NAME, 63, "\xc3\x28", "not valid UTF-8");
	bad(SF_NAME, 5, "toolong", "is too long: 7 bytes, at most 5");
}

static void test_lines_may_be_empty_text_may_have_newlines(void **state)
{
	(void)state;
	good(SF_LINE, 63, "");
	bad(SF_LINE, 63, "a\nb", "must be one line");
	good(SF_TEXT, 4096, "");
	good(SF_TEXT, 4096, "line one\nline two\tindented");
	bad(SF_TEXT, 4096, "esc\x1b[2J", "control character (U+001B)");
}

static void test_keys_are_lower_case(void **state)
{
	(void)state;
	good(SF_KEY, 31, "linkedin_nl-2");
	bad(SF_KEY, 31, "LinkedIn", "lower-case letters");
	bad(SF_KEY, 31, "", "must not be empty");
}

static void test_urls_are_http_with_a_host(void **state)
{
	(void)state;
	good(SF_URL, 1024, "");
	good(SF_URL, 1024, "https://www.linkedin.com/sharing/share-offsite/?url={url}");
	good(SF_URL, 1024, "http://example.nl/share?t={text}");
	bad(SF_URL, 1024, "ftp://example.nl/", "must start with https:// or http://");
	bad(SF_URL, 1024, "www.example.nl", "must start with https:// or http://");
	bad(SF_URL, 1024, "https://", "needs a host");
	bad(SF_URL, 1024, "https:///path", "needs a host");
	bad(SF_URL, 1024, "https://example.nl/a b", "must not contain spaces");
}

static void test_colours_are_the_one_vocabulary(void **state)
{
	(void)state;
	good(SF_COLOUR, 15, "");
	good(SF_COLOUR, 15, "teal");
	good(SF_COLOUR, 15, "bright-blue");
	good(SF_COLOUR, 15, "208");
	good(SF_COLOUR, 15, "#e9c46a");
	bad(SF_COLOUR, 15, "banana", "unknown colour \"banana\" (black, red,");
	bad(SF_COLOUR, 15, "300", "out of range");
	bad(SF_COLOUR, 15, "#zzz", "six hex digits");
}

static void test_patterns_compile(void **state)
{
	(void)state;
	good(SF_PATTERN, 4096, "(?i)\\bbsn\\b");
	bad(SF_PATTERN, 4096, "(abc", "missing closing parenthesis");
	bad(SF_PATTERN, 4096, " ", "must not be empty");
}

static void test_numbers_keep_their_range(void **state)
{
	(void)state;
	const struct strategy_field *target = &strategy_fields(SK_GOAL)[2];
	char why[128];
	assert_string_equal(target->key, "target");
	assert_null(strategy_number_problem(target, 1500, why, sizeof why));
	assert_string_equal(strategy_number_problem(target, -1, why, sizeof why), "must be from 0 to 1e+12");
	const struct strategy_field *quiet = &strategy_option_fields()[4];
	assert_string_equal(quiet->key, "quiet_weeks");
	assert_null(strategy_number_problem(quiet, 4, why, sizeof why));
	assert_string_equal(strategy_number_problem(quiet, 0, why, sizeof why), "must be from 1 to 52");
}

static void test_every_kind_has_a_table_led_by_its_key(void **state)
{
	(void)state;
	static const char *const first[] = { "title", "name", "name", "key", "name", "name" };
	for (int k = SK_GOAL; k <= SK_RULE; k++) {
		const struct strategy_field *f = strategy_fields((enum strategy_kind)k);
		assert_non_null(f);
		assert_string_equal(f[0].key, first[k]);
		assert_true(f[0].required);
		for (; f->key; f++) {
			assert_non_null(f->label);
			assert_non_null(f->hint);
		}
	}
	char name[64];
	strategy_field_name(&strategy_fields(SK_PILLAR)[1], name, sizeof name);
	assert_string_equal(name, "colour");
	strategy_field_name(&strategy_fields(SK_GOAL)[1], name, sizeof name);
	assert_string_equal(name, "KPI metric");
}

static void test_an_entity_is_checked_field_by_field(void **state)
{
	(void)state;
	struct err e = {0};
	struct pillar p = { .name = "Craft", .colour = "banana" };
	assert_int_equal(strategy_entity_check(SK_PILLAR, &p, &e), CH_INVALID);
	assert_string_equal(e.msg, "pillar colour: unknown colour \"banana\" (black, red, green, yellow, blue, "
			    "magenta, cyan, white, bright-NAME, orange, purple, pink, teal, grey, brown, navy, olive, "
			    "lime, default, 0-255 or \"#rrggbb\")");
	p.colour = "teal";
	assert_int_equal(strategy_entity_check(SK_PILLAR, &p, &e), CH_OK);

	struct platform pl = { .key = "mastodon", .name = "Mastodon", .share_url = "mastodon.social/share" };
	assert_int_equal(strategy_entity_check(SK_PLATFORM, &pl, &e), CH_INVALID);
	assert_string_equal(e.msg, "platform share URL: must start with https:// or http://");
	pl.share_url = "https://mastodon.social/share?text={text}";
	pl.max_length = -1;
	assert_int_equal(strategy_entity_check(SK_PLATFORM, &pl, &e), CH_INVALID);
	assert_string_equal(e.msg, "platform max length: must be from 0 to 1000000");

	struct policy_rule r = { .name = "bsn", .pattern = "\\d{9}", .severity = SEV_NONE };
	assert_int_equal(strategy_entity_check(SK_RULE, &r, &e), CH_INVALID);
	assert_string_equal(e.msg, "policy rule severity: must be info, warn or block");

	char *twice[] = { "Students", "Students" };
	struct goal g = { .title = "Reach", .audiences = twice, .naudiences = 2 };
	assert_int_equal(strategy_entity_check(SK_GOAL, &g, &e), CH_INVALID);
	assert_string_equal(e.msg, "goal audiences: \"Students\" is listed twice");
	struct goal untitled = { .title = NULL };
	assert_int_equal(strategy_entity_check(SK_GOAL, &untitled, &e), CH_INVALID);
	assert_string_equal(e.msg, "goal title: must not be empty");
}

/* --- the core's writes ------------------------------------------------------- */

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("schema");
	if (!f)
		return -1;
	*state = f;
	return 0;
}

static void test_core_writes_refuse_what_the_schema_refuses(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	long long before = unit_int(&f->s, "SELECT count(*) FROM events");
	struct pillar p = { .name = "Craft", .colour = "banana" };
	assert_int_equal(pillar_add(&f->s, &p, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "pillar colour: unknown colour \"banana\""));
	struct platform pl = { .key = "x", .name = "X", .share_url = "https://x.example/a b" };
	assert_int_equal(platform_add(&f->s, &pl, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "platform share URL: must not contain spaces (write them as %20)");
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM pillars") +
			 unit_int(&f->s, "SELECT count(*) FROM platforms"), 0);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events"), before);
}

static void test_keys_are_unique_whatever_their_case(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = 0;
	struct pillar p = { .name = "Craft", .colour = "teal" };
	assert_int_equal(pillar_add(&f->s, &p, &id, &e), CH_OK);
	struct pillar shout = { .name = "CRAFT" };
	assert_int_equal(pillar_add(&f->s, &shout, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "pillar name: a pillar named \"Craft\" exists already");
	/* an entity may change the case of its own name */
	struct pillar renamed = { .id = id, .name = "craft", .colour = "teal" };
	assert_int_equal(pillar_update(&f->s, &renamed, &e), CH_OK);
	struct platform a = { .key = "linkedin", .name = "LinkedIn" }, b = { .key = "LINKEDIN", .name = "L" };
	assert_int_equal(platform_add(&f->s, &a, NULL, &e), CH_OK);
	assert_int_equal(platform_add(&f->s, &b, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "platform key: "));
}

static void test_an_import_renames_by_case(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct pillar p = { .name = "Craft" };
	assert_int_equal(pillar_add(&f->s, &p, NULL, &e), CH_OK);
	struct pillar want_p = { .name = "CRAFT", .colour = "", .description = "" };
	struct strategy want = { .organisation = "Test BV", .pillars = &want_p, .npillars = 1,
				 .quiet_weeks = 4, .adoption_target = 0.10 };
	struct strategy_diff d;
	assert_int_equal(strategy_apply(&f->s, &want, "t.yaml", 0, &d, &e), CH_OK);
	assert_int_equal(d.changed[SK_PILLAR], 1);
	assert_int_equal(d.added[SK_PILLAR], 0);
	assert_int_equal(d.removed[SK_PILLAR], 0);
	strategy_diff_free(&d);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM pillars WHERE name = 'CRAFT'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_are_one_line_and_not_blank),
		cmocka_unit_test(test_lines_may_be_empty_text_may_have_newlines),
		cmocka_unit_test(test_keys_are_lower_case),
		cmocka_unit_test(test_urls_are_http_with_a_host),
		cmocka_unit_test(test_colours_are_the_one_vocabulary),
		cmocka_unit_test(test_patterns_compile),
		cmocka_unit_test(test_numbers_keep_their_range),
		cmocka_unit_test(test_every_kind_has_a_table_led_by_its_key),
		cmocka_unit_test(test_an_entity_is_checked_field_by_field),
		cmocka_unit_test_setup_teardown(test_core_writes_refuse_what_the_schema_refuses, setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_keys_are_unique_whatever_their_case, setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_an_import_renames_by_case, setup, unit_teardown),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return failed;
}
