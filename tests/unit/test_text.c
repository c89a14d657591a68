/* test_text.c — the TUI's text module: sanitising hostile titles, display
 * widths of diacritics, CJK and emoji, cutting with an ellipsis, wrapping. */
#include "unit.h"
#include <locale.h>
#include "../../src/tui/text.h"

static int setup_utf8(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
		fail_msg("no UTF-8 locale to test with");
	text_set_ascii(0);
	return 0;
}

static void test_clean_replaces_escape_sequences_and_controls(void **state)
{
	(void)state;
	char out[128];
	text_clean("a\033]2;pwned\007b\033[2Jc", out, sizeof out, 0);
	assert_null(strchr(out, '\033'));
	assert_null(strchr(out, '\007'));
	assert_string_equal(out, "a\xef\xbf\xbd]2;pwned\xef\xbf\xbd" "b\xef\xbf\xbd[2Jc");
	/* C1 CSI (U+009B) and DEL too. */
	text_clean("x\xc2\x9b" "2J\x7fy", out, sizeof out, 0);
	assert_string_equal(out, "x\xef\xbf\xbd" "2J\xef\xbf\xbdy");
}

static void test_clean_drops_bidi_overrides_and_keeps_rtl_letters(void **state)
{
	(void)state;
	char out[128];
	/* U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LRI, then Hebrew shalom. */
	text_clean("a\xe2\x80\xae" "b\xe2\x81\xa6" "c \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", out, sizeof out, 0);
	assert_string_equal(out, "abc \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
}

static void test_clean_invalid_utf8_and_overlong_become_replacement(void **state)
{
	(void)state;
	char out[64];
	text_clean("a\xff" "b\xc0\xaf" "c\xed\xa0\x80", out, sizeof out, 0);
	assert_null(strchr(out, '/'));
	assert_int_equal(strncmp(out, "a\xef\xbf\xbd" "b", 5), 0);
	assert_int_equal(text_width(out), 1 + 1 + 1 + 2 + 1 + 3);
}

static void test_clean_newlines_and_tabs(void **state)
{
	(void)state;
	char out[64];
	text_clean("a\tb\r\nc", out, sizeof out, 0);
	assert_string_equal(out, "a b c");
	text_clean("a\tb\r\nc", out, sizeof out, TEXT_NEWLINES);
	assert_string_equal(out, "a b\nc");
}

static void test_clean_never_cuts_inside_a_character(void **state)
{
	(void)state;
	char out[6];
	/* "éé€" = 2 + 2 + 3 bytes: only "éé" (4 bytes) fits in 5 + NUL. */
	size_t n = text_clean("\xc3\xa9\xc3\xa9\xe2\x82\xac", out, sizeof out, 0);
	assert_int_equal(n, 4);
	assert_string_equal(out, "\xc3\xa9\xc3\xa9");
}

static void test_width_of_diacritics_cjk_and_emoji(void **state)
{
	(void)state;
	assert_int_equal(text_width("Caf\xc3\xa9"), 4);             /* precomposed é */
	assert_int_equal(text_width("Cafe\xcc\x81"), 4);            /* e + combining acute */
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4); /* 日本 */
	assert_int_equal(text_width("\xf0\x9f\x8e\x89"), 2);        /* 🎉 */
}

/* A family emoji is one ZWJ sequence of three people: tmux draws it in 2
 * columns, curses counts 6.  Cleaned, it is three emoji both count as 6. */
static void test_clean_unjoins_emoji_zwj_sequences(void **state)
{
	(void)state;
	char out[128];
	text_clean("A\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7Z", out, sizeof out, 0);
	assert_string_equal(out, "A\xf0\x9f\x91\xa8\xf0\x9f\x91\xa9\xf0\x9f\x91\xa7Z");
	assert_int_equal(text_width(out), 8);
	/* The rainbow flag: white flag, VS16, ZWJ, rainbow. */
	text_clean("\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88", out, sizeof out, 0);
	assert_string_equal(out, "\xf0\x9f\x8f\xb3\xf0\x9f\x8c\x88");
	/* A joiner between letters (Indic and Arabic shaping) stays. */
	text_clean("\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7", out, sizeof out, 0);
	assert_string_equal(out, "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7");
}

static void test_fit_cuts_with_ellipsis_and_never_splits_wide_chars(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_fit("hello", 10, out, sizeof out), 5);
	assert_string_equal(out, "hello");
	assert_int_equal(text_fit("hello world", 8, out, sizeof out), 8);
	assert_string_equal(out, "hello w\xe2\x80\xa6");
	/* 日本語 is 6 wide; in 4 columns: 日 (2) + ellipsis (1), the 本 would straddle. */
	int w = text_fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, out, sizeof out);
	assert_int_equal(w, 3);
	assert_string_equal(out, "\xe6\x97\xa5\xe2\x80\xa6");
	assert_int_equal(text_fit("abc", 0, out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void test_ascii_mode_replaces_non_ascii(void **state)
{
	(void)state;
	char out[64];
	text_set_ascii(1);
	text_clean("Caf\xc3\xa9 \xe6\x97\xa5", out, sizeof out, 0);
	assert_string_equal(out, "Caf? ?");
	assert_int_equal(text_fit("abcdefgh", 4, out, sizeof out), 4);
	assert_string_equal(out, "abc~");
	text_set_ascii(0);
}

static void test_wrap_breaks_at_spaces_and_newlines(void **state)
{
	(void)state;
	const char *s = "one two three\nfour", *next;
	size_t n = text_wrap(s, 8, &next);
	assert_int_equal(n, 7);                 /* "one two" */
	assert_string_equal(next, "three\nfour");
	n = text_wrap(next, 8, &next);
	assert_int_equal(n, 5);                 /* "three", at the newline */
	assert_string_equal(next, "four");
	n = text_wrap(next, 8, &next);
	assert_int_equal(n, 4);
	assert_null(next);
	/* No space: cut at the width. */
	n = text_wrap("abcdefghij", 4, &next);
	assert_int_equal(n, 4);
	assert_string_equal(next, "efghij");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_replaces_escape_sequences_and_controls),
		cmocka_unit_test(test_clean_drops_bidi_overrides_and_keeps_rtl_letters),
		cmocka_unit_test(test_clean_invalid_utf8_and_overlong_become_replacement),
		cmocka_unit_test(test_clean_newlines_and_tabs),
		cmocka_unit_test(test_clean_never_cuts_inside_a_character),
		cmocka_unit_test(test_width_of_diacritics_cjk_and_emoji),
		cmocka_unit_test(test_clean_unjoins_emoji_zwj_sequences),
		cmocka_unit_test(test_fit_cuts_with_ellipsis_and_never_splits_wide_chars),
		cmocka_unit_test(test_ascii_mode_replaces_non_ascii),
		cmocka_unit_test(test_wrap_breaks_at_spaces_and_newlines),
	};
	int rc = cmocka_run_group_tests(tests, setup_utf8, NULL);
	unit_cleanup();
	return rc;
}
