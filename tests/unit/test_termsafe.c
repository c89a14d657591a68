/* test_termsafe.c — the one rule for what reaches a terminal (termsafe.h):
 * the cleaner, the printer, and the stream filter the CLI writes through,
 * including characters that one write cuts and the next finishes. */
#include <unistd.h>
#include "unit.h"
#include "chorus/termsafe.h"

static void test_clean_shows_every_unsafe_character_as_a_question_mark(void **state)
{
	(void)state;
	char out[128];
	/* ESC (OSC 52), BEL, C1 CSI (U+009B), a raw 0x9B byte, an overlong '/',
	 * a surrogate, RLO, LRI, LINE SEPARATOR, DEL. */
	safe_clean("a\x1b]52;c;eA==\x07|\xc2\x9b|\x9b|\xc0\xaf|\xed\xa0\x80|\xe2\x80\xae|\xe2\x81\xa6|"
		   "\xe2\x80\xa8|\x7f", out, sizeof out, 0);
	assert_string_equal(out, "a?]52;c;eA==?|?|?|??|???|?|?|?|?");
}

static void test_clean_keeps_printable_text_and_zwj_emoji(void **state)
{
	(void)state;
	char out[128];
	const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";
	safe_clean(family, out, sizeof out, 0);
	assert_string_equal(out, family);
	safe_clean("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe6\x97\xa5 e\xcc\x81", out, sizeof out, 0);
	assert_string_equal(out, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe6\x97\xa5 e\xcc\x81");
	safe_clean("a\tb\nc\r\n", out, sizeof out, 0);
	assert_string_equal(out, "a b c ");
	safe_clean("a\tb\nc", out, sizeof out, SAFE_NEWLINES | SAFE_TABS);
	assert_string_equal(out, "a\tb\nc");
}

/* Everything written to a safe_stream over a pipe, read back. */
static void through_stream(const char *const *pieces, int n, char *got, size_t cap)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	FILE *f = safe_stream(p[1]);
	assert_non_null(f);
	setvbuf(f, NULL, _IONBF, 0);   /* each piece is one write, as on stderr */
	for (int i = 0; i < n; i++)
		fputs(pieces[i], f);
	assert_int_equal(fclose(f), 0);
	close(p[1]);
	ssize_t r = read(p[0], got, cap - 1);
	assert_true(r >= 0);
	got[r] = 0;
	close(p[0]);
}

static void test_stream_joins_a_character_cut_between_writes(void **state)
{
	(void)state;
	char got[64];
	const char *emoji[] = { "x\xf0\x9f", "\x91", "\xa8y" };
	through_stream(emoji, 3, got, sizeof got);
	assert_string_equal(got, "x\xf0\x9f\x91\xa8y");
	const char *c1[] = { "[\xc2", "\x9b]" };
	through_stream(c1, 2, got, sizeof got);
	assert_string_equal(got, "[?]");
	const char *esc[] = { "\x1b", "[2J\n\tok" };
	through_stream(esc, 2, got, sizeof got);
	assert_string_equal(got, "?[2J\n\tok");
	/* A character still cut when the stream closes: each byte a ?, as safe_clean has it. */
	const char *tail[] = { "end\xe2\x80" };
	through_stream(tail, 1, got, sizeof got);
	assert_string_equal(got, "end??");
}

static void test_printer_cuts_at_a_character(void **state)
{
	(void)state;
	char buf[64] = "";
	FILE *f = fmemopen(buf, sizeof buf, "w");
	assert_non_null(f);
	safe_fwrite(f, "ab\xc3\xa9\x1b" "cd", 6, 4, 0);
	fclose(f);
	assert_string_equal(buf, "ab\xc3\xa9\xe2\x80\xa6");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_shows_every_unsafe_character_as_a_question_mark),
		cmocka_unit_test(test_clean_keeps_printable_text_and_zwj_emoji),
		cmocka_unit_test(test_stream_joins_a_character_cut_between_writes),
		cmocka_unit_test(test_printer_cuts_at_a_character),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return rc;
}
