/* test_strategy_schema.c — the strategy's field rules (strategy_schema.h):
 * every rule with a good and a bad value, the tables the form and the YAML
 * file are made from, and the core's writes refusing with the field named. */
#include "unit.h"
#include "chorus/strategy.h"
#include "chorus/strategy_apply.h"
#include "chorus/strategy_schema.h"

/* Every text rule with a good and a bad value: problem NULL when the value
 * is good, else a part of the message it must give. */
static const struct {
	enum strategy_ftype type;
	double hi;
	const char *value, *problem;
} text_cases[] = {
	/* names: one line, not blank, valid UTF-8, bounded */
	{ SF_NAME, 63, "Craft", NULL },
	{ SF_NAME, 63, "Vakmanschap \xe2\x80\x94 \xc3\xa9\xc3\xa9n", NULL },
	{ SF_NAME, 63, "  ", "must not be empty" },
	{ SF_NAME, 63, "two\nlines", "must be one line" },
	{ SF_NAME, 63, "bell\a", "control character (U+0007)" },
	{ SF_NAME, 63, "\xc3\x28", "not valid UTF-8" },
	{ SF_NAME, 5, "toolong", "is too long: 7 bytes, at most 5" },
	/* lines may be empty; free text keeps newlines and tabs */
	{ SF_LINE, 63, "", NULL },
	{ SF_LINE, 63, "a\nb", "must be one line" },
	{ SF_TEXT, 4096, "line one\nline two\tindented", NULL },
	{ SF_TEXT, 4096, "esc\x1b[2J", "control character (U+001B)" },
	/* platform keys */
	{ SF_KEY, 31, "linkedin_nl-2", NULL },
	{ SF_KEY, 31, "LinkedIn", "lower-case letters" },
	{ SF_KEY, 31, "", "must not be empty" },
	/* share URLs */
	{ SF_URL, 1024, "", NULL },
	{ SF_URL, 1024, "https://www.linkedin.com/sharing/share-offsite/?url={url}", NULL },
	{ SF_URL, 1024, "http://example.nl/share?t={text}", NULL },
	{ SF_URL, 1024, "ftp://example.nl/", "must start with https:// or http://" },
	{ SF_URL, 1024, "www.example.nl", "must start with https:// or http://" },
	{ SF_URL, 1024, "https://", "needs a host" },
	{ SF_URL, 1024, "https:///path", "needs a host" },
	{ SF_URL, 1024, "https://example.nl/a b", "must not contain spaces" },
	/* colours: the one vocabulary */
	{ SF_COLOUR, 15, "", NULL },
	{ SF_COLOUR, 15, "teal", NULL },
	{ SF_COLOUR, 15, "bright-blue", NULL },
	{ SF_COLOUR, 15, "208", NULL },
	{ SF_COLOUR, 15, "#e9c46a", NULL },
	{ SF_COLOUR, 15, "banana", "unknown colour \"banana\" (black, red," },
	{ SF_COLOUR, 15, "300", "out of range" },
	{ SF_COLOUR, 15, "#zzz", "six hex digits" },
	/* patterns compile */
	{ SF_PATTERN, 4096, "(?i)\\bbsn\\b", NULL },
	{ SF_PATTERN, 4096, "(abc", "missing closing parenthesis" },
	{ SF_PATTERN, 4096, " ", "must not be empty" },
};

static void test_every_text_rule_takes_good_and_refuses_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof text_cases / sizeof text_cases[0]; i++) {
		char why[512];
		const char *v = text_cases[i].value, *want = text_cases[i].problem;
		const char *got = strategy_text_problem(text_cases[i].type, text_cases[i].hi, v, strlen(v), why,
							sizeof why);
		if (!want && got)
			fail_msg("\"%s\" (type %d) refused: %s", v, (int)text_cases[i].type, got);
		if (want && (!got || !strstr(got, want)))
			fail_msg("\"%s\" (type %d): expected \"%s\", got %s", v, (int)text_cases[i].type, want,
				 got ? got : "no problem");
	}
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

static void test_an_import_checks_the_options(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct strategy want = { .organisation = "Test BV", .quiet_weeks = 0, .adoption_target = 0.10 };
	struct strategy_diff d;
	assert_int_equal(strategy_apply(&f->s, &want, "t.yaml", 0, &d, &e), CH_INVALID);
	assert_string_equal(e.msg, "option quiet weeks: must be from 1 to 52");
	strategy_diff_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_text_rule_takes_good_and_refuses_bad),
		cmocka_unit_test(test_numbers_keep_their_range),
		cmocka_unit_test(test_every_kind_has_a_table_led_by_its_key),
		cmocka_unit_test(test_an_entity_is_checked_field_by_field),
		cmocka_unit_test_setup_teardown(test_core_writes_refuse_what_the_schema_refuses, setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_keys_are_unique_whatever_their_case, setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_an_import_renames_by_case, setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_an_import_checks_the_options, setup, unit_teardown),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return failed;
}
