/* test_widget_form.c — the kit's form without a terminal: moving between
 * fields, editing with the line editor, the caller's rule after every
 * change (a refused value keeps what was typed), problems shown only once
 * typed in or a save was tried, read-only forms, and the save/cancel keys. */
#include "unit.h"
#include <curses.h>
#include <locale.h>
#include "../../src/tui/kit.h"

static int checked;

/* Field 0 must not be empty; field 1 must be digits. */
static int rule(void *ctx, int i, const char *text, char *why, size_t whyn)
{
	(void)ctx;
	checked++;
	if (i == 0 && !text[0]) {
		snprintf(why, whyn, "must not be empty");
		return 1;
	}
	for (const char *p = text; i == 1 && *p; p++)
		if (*p < '0' || *p > '9') {
			snprintf(why, whyn, "must be a whole number");
			return 1;
		}
	return 0;
}

static void type(struct ui_form *fm, const char *ascii)
{
	for (; *ascii; ascii++)
		assert_int_equal(ui_form_key(fm, (unsigned char)*ascii, 0), UI_FORM_EDITED);
}

static void two_fields(struct ui_form *fm, int readonly)
{
	ui_form_init(fm, readonly, rule, NULL);
	assert_int_equal(ui_form_add(fm, "Name", "what it is called", NULL), 0);
	assert_int_equal(ui_form_add(fm, "Target", "a whole number", "12"), 1);
	for (int i = 0; i < fm->n; i++)
		ui_form_check(fm, i);
}

static void test_tab_and_arrows_go_between_fields(void **state)
{
	(void)state;
	struct ui_form fm;
	two_fields(&fm, 0);
	assert_int_equal(fm.cur, 0);
	assert_int_equal(ui_form_key(&fm, '\t', 0), UI_FORM_GOING);
	assert_int_equal(fm.cur, 1);
	assert_int_equal(ui_form_key(&fm, '\t', 0), UI_FORM_GOING);
	assert_int_equal(fm.cur, 0);   /* round the end */
	assert_int_equal(ui_form_key(&fm, KEY_BTAB, 1), UI_FORM_GOING);
	assert_int_equal(fm.cur, 1);
	assert_int_equal(ui_form_key(&fm, KEY_UP, 1), UI_FORM_GOING);
	assert_int_equal(fm.cur, 0);
	assert_int_equal(ui_form_key(&fm, KEY_DOWN, 1), UI_FORM_GOING);
	assert_int_equal(fm.cur, 1);
	assert_int_equal(ui_form_key(&fm, '\r', 0), UI_FORM_SAVE);
	assert_int_equal(ui_form_key(&fm, KEY_ENTER, 1), UI_FORM_SAVE);
	assert_int_equal(ui_form_key(&fm, 27, 0), UI_FORM_CANCEL);
	assert_int_equal(ui_form_key(&fm, 7, 0), UI_FORM_CANCEL);
}

static void test_every_change_is_checked_and_a_refused_value_stays(void **state)
{
	(void)state;
	struct ui_form fm;
	two_fields(&fm, 0);
	/* A new form starts quiet: the empty name is wrong but not shown. */
	assert_string_equal(fm.f[0].err, "must not be empty");
	assert_false(ui_form_shows_error(&fm, 0));
	type(&fm, "Craft");
	assert_string_equal(fm.f[0].line.buf, "Craft");
	assert_string_equal(fm.f[0].err, "");
	/* A prefilled value is edited in place: typing appends to it. */
	ui_form_key(&fm, '\t', 0);
	checked = 0;
	type(&fm, "x");
	assert_int_equal(checked, 1);
	assert_string_equal(fm.f[1].line.buf, "12x");
	assert_string_equal(fm.f[1].err, "must be a whole number");
	assert_true(ui_form_shows_error(&fm, 1));
	/* The cursor moves without a check; Backspace fixes it. */
	checked = 0;
	assert_int_equal(ui_form_key(&fm, KEY_LEFT, 1), UI_FORM_GOING);
	assert_int_equal(ui_form_key(&fm, KEY_END, 1), UI_FORM_GOING);
	assert_int_equal(checked, 0);
	assert_int_equal(ui_form_key(&fm, 127, 0), UI_FORM_EDITED);
	assert_string_equal(fm.f[1].line.buf, "12");
	assert_string_equal(fm.f[1].err, "");
	/* C-u clears the field, whatever the cursor. */
	ui_form_key(&fm, KEY_HOME, 1);
	assert_int_equal(ui_form_key(&fm, 21, 0), UI_FORM_EDITED);
	assert_string_equal(fm.f[1].line.buf, "");
}

static void test_a_save_shows_every_problem_and_goes_to_the_first(void **state)
{
	(void)state;
	struct ui_form fm;
	two_fields(&fm, 0);
	ui_form_key(&fm, '\t', 0);
	type(&fm, "a");
	assert_false(ui_form_shows_error(&fm, 0));
	assert_int_equal(ui_form_problem(&fm), 0);   /* the name, first */
	assert_int_equal(fm.cur, 0);
	assert_string_equal(fm.msg, "not saved: Name: must not be empty");
	assert_true(fm.tried);
	assert_true(ui_form_shows_error(&fm, 0));
	assert_true(ui_form_shows_error(&fm, 1));
	assert_string_equal(fm.f[1].line.buf, "12a");   /* kept, to be fixed */
	type(&fm, "Pillar");
	ui_form_key(&fm, '\t', 0);
	ui_form_key(&fm, 127, 0);
	assert_int_equal(ui_form_problem(&fm), -1);
	assert_string_equal(fm.msg, "");
}

static void test_a_read_only_form_moves_but_does_not_change(void **state)
{
	(void)state;
	struct ui_form fm;
	two_fields(&fm, 1);
	ui_form_key(&fm, '\t', 0);
	assert_int_equal(ui_form_key(&fm, '7', 0), UI_FORM_READONLY);
	assert_int_equal(ui_form_key(&fm, 21, 0), UI_FORM_READONLY);
	assert_int_equal(ui_form_key(&fm, 127, 0), UI_FORM_READONLY);
	assert_string_equal(fm.f[1].line.buf, "12");
	assert_int_equal(ui_form_key(&fm, KEY_HOME, 1), UI_FORM_GOING);
	assert_int_equal(fm.f[1].line.cur, 0);
	assert_int_equal(ui_form_key(&fm, '\r', 0), UI_FORM_SAVE);
}

static void test_the_form_holds_a_fixed_number_of_fields(void **state)
{
	(void)state;
	struct ui_form fm;
	ui_form_init(&fm, 0, NULL, NULL);
	for (int i = 0; i < UI_FORM_FIELDS; i++)
		assert_int_equal(ui_form_add(&fm, "F", "", "v"), i);
	assert_int_equal(ui_form_add(&fm, "one too many", "", NULL), -1);
	/* Without a rule every value is fine. */
	assert_int_equal(ui_form_problem(&fm), -1);
	struct ui_form empty;
	ui_form_init(&empty, 0, NULL, NULL);
	assert_int_equal(ui_form_key(&empty, 'x', 0), UI_FORM_GOING);
	assert_int_equal(ui_form_key(&empty, 27, 0), UI_FORM_CANCEL);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tab_and_arrows_go_between_fields),
		cmocka_unit_test(test_every_change_is_checked_and_a_refused_value_stays),
		cmocka_unit_test(test_a_save_shows_every_problem_and_goes_to_the_first),
		cmocka_unit_test(test_a_read_only_form_moves_but_does_not_change),
		cmocka_unit_test(test_the_form_holds_a_fixed_number_of_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
