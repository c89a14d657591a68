/* test_widget_line.c — the one line editor of prompts and forms, without a
 * terminal: UTF-8 whatever the locale, a starting value selected so typing
 * replaces it (no more "0" + typing), the readline keys, wide characters,
 * Tab completion from a supplied list, and never a cut character. */
#include "unit.h"
#include <curses.h>
#include <locale.h>
#include "../../src/tui/kit.h"
#include "../../src/tui/text.h"

static void type(struct ui_line *l, const char *utf8)
{
	size_t n = strlen(utf8);
	for (size_t at = 0; at < n;) {
		uint32_t cp;
		at += text_decode(utf8 + at, n - at, &cp);
		assert_int_equal(ui_line_key(l, cp, 0), UI_LINE_GOING);
	}
}

static void test_typing_stores_utf8_and_backspace_takes_a_whole_character(void **state)
{
	(void)state;
	struct ui_line l;
	ui_line_init(&l, NULL, 64);
	assert_int_equal(l.selected, 0);
	type(&l, "caf\xc3\xa9 \xe6\xbc\xa2");        /* café 漢 */
	assert_string_equal(l.buf, "caf\xc3\xa9 \xe6\xbc\xa2");
	assert_int_equal(ui_line_cursor_col(&l), 7);  /* 漢 is two columns wide */
	ui_line_key(&l, 127, 0);
	assert_string_equal(l.buf, "caf\xc3\xa9 ");
	ui_line_key(&l, KEY_BACKSPACE, 1);
	ui_line_key(&l, KEY_BACKSPACE, 1);
	assert_string_equal(l.buf, "caf");
	assert_int_equal(ui_line_key(&l, '\r', 0), UI_LINE_DONE);
	assert_int_equal(ui_line_key(&l, 27, 0), UI_LINE_CANCEL);
}

static void test_a_starting_value_is_replaced_by_typing(void **state)
{
	(void)state;
	struct ui_line l;
	ui_line_init(&l, "0", 16);
	assert_int_equal(l.selected, 1);
	type(&l, "250");
	assert_string_equal(l.buf, "250");           /* not "0250" */
	/* A cursor key keeps the value, to be changed where the cursor is. */
	ui_line_init(&l, "Nieuw team", 64);
	ui_line_key(&l, KEY_END, 1);
	type(&l, " 2");
	assert_string_equal(l.buf, "Nieuw team 2");
	/* Backspace on a selected value clears it. */
	ui_line_init(&l, "old", 64);
	ui_line_key(&l, 127, 0);
	assert_string_equal(l.buf, "");
}

static void test_readline_keys_move_and_cut(void **state)
{
	(void)state;
	struct ui_line l;
	ui_line_init(&l, NULL, 64);
	type(&l, "hello big world");
	ui_line_key(&l, 23, 0);                        /* C-w */
	assert_string_equal(l.buf, "hello big ");
	ui_line_key(&l, 1, 0);                         /* C-a */
	assert_int_equal(l.cur, 0);
	ui_line_key(&l, KEY_DC, 1);
	assert_string_equal(l.buf, "ello big ");
	type(&l, "H");
	assert_string_equal(l.buf, "Hello big ");
	ui_line_key(&l, KEY_RIGHT, 1);
	ui_line_key(&l, 11, 0);                        /* C-k */
	assert_string_equal(l.buf, "He");
	ui_line_key(&l, 5, 0);                         /* C-e */
	ui_line_key(&l, KEY_LEFT, 1);
	ui_line_key(&l, 21, 0);                        /* C-u */
	assert_string_equal(l.buf, "e");
	assert_int_equal(l.cur, 0);
	/* Left over a multi-byte character lands on its first byte. */
	ui_line_init(&l, "a\xc3\xa9", 64);
	ui_line_key(&l, KEY_LEFT, 1);
	assert_int_equal(l.cur, 1);
	ui_line_key(&l, KEY_DC, 1);
	assert_string_equal(l.buf, "a");
}

static void with_pillars(struct ui_line *l)
{
	static const char *const pillars[] = { "Product", "People", "Press" };
	ui_line_init(l, NULL, 64);
	l->complete = pillars;
	l->ncomplete = 3;
}

static void test_tab_completes_from_the_supplied_list(void **state)
{
	(void)state;
	struct ui_line l;
	with_pillars(&l);
	type(&l, "p");
	ui_line_key(&l, '\t', 0);
	assert_string_equal(l.buf, "Product");
	ui_line_key(&l, '\t', 0);
	assert_string_equal(l.buf, "People");
	ui_line_key(&l, '\t', 0);
	assert_string_equal(l.buf, "Press");
	ui_line_key(&l, '\t', 0);
	assert_string_equal(l.buf, "Product");        /* round again */
	with_pillars(&l);
	type(&l, "pe");
	ui_line_key(&l, '\t', 0);
	assert_string_equal(l.buf, "People");
	ui_line_key(&l, '\t', 0);
	assert_string_equal(l.buf, "People");         /* the only one */
	type(&l, "!");
	assert_string_equal(l.buf, "People!");
}

static void test_the_buffer_limit_never_cuts_a_character(void **state)
{
	(void)state;
	struct ui_line l;
	ui_line_init(&l, NULL, 5);                     /* 4 bytes and a NUL */
	type(&l, "ab\xc3\xa9\xc3\xa9");
	assert_string_equal(l.buf, "ab\xc3\xa9");
	ui_line_init(&l, "abc\xe6\xbc\xa2", 5);      /* a starting value too */
	assert_string_equal(l.buf, "abc");
	ui_line_init(&l, NULL, 64);
	ui_line_insert(&l, 0xD800);                    /* a surrogate is not text */
	assert_string_equal(l.buf, "");
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
		return 1;
	text_set_ascii(0);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typing_stores_utf8_and_backspace_takes_a_whole_character),
		cmocka_unit_test(test_a_starting_value_is_replaced_by_typing),
		cmocka_unit_test(test_readline_keys_move_and_cut),
		cmocka_unit_test(test_tab_completes_from_the_supplied_list),
		cmocka_unit_test(test_the_buffer_limit_never_cuts_a_character),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
