/* test_csv_out.c — the cleaning and cutting every line of plain-text output
 * gets (csv_out_clean, csv_out_width, csv_out_cut). */
#include "unit.h"
#include "chorus/csv_out.h"

static void test_clean_replaces_controls_and_bidi(void **state)
{
	(void)state;
	char out[64];
	csv_out_clean("a\x1b[2J\tb\xe2\x80\xae" "c\xff", out, sizeof out);
	assert_string_equal(out, "a?[2J b?c?");
	/* Never cut inside a character: "é" does not fit in the last byte. */
	csv_out_clean("abc\xc3\xa9", out, 5);
	assert_string_equal(out, "abc");
}

static void test_cut_fits_its_columns(void **state)
{
	(void)state;
	char out[64];
	csv_out_cut("abcdef", 4, out, sizeof out);
	assert_string_equal(out, "abc\xe2\x80\xa6");
	csv_out_cut("abcd", 4, out, sizeof out);
	assert_string_equal(out, "abcd");
	/* Found by fuzzing: a string that fits the columns but not the buffer,
	 * because of zero-width characters (U+200E, 3 bytes, 0 columns), was
	 * cut for the buffer and got its ellipsis past the width. */
	const char *lrm = "\xe2\x80\x8e";
	char in[64] = "";
	for (int k = 4; k <= 6; k++) {   /* 15 bytes to 21, in a buffer of 16 */
		strcpy(in, "abc");
		for (int i = 0; i < k; i++)
			strcat(in, lrm);
		assert_int_equal(csv_out_width(in), 3);
		csv_out_cut(in, 3, out, 16);
		assert_string_equal(out, "ab\xe2\x80\xa6");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_replaces_controls_and_bidi),
		cmocka_unit_test(test_cut_fits_its_columns),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return rc;
}
