/* test_colour.c — the one colour vocabulary (src/util/colour.h): each kind of
 * word with a good and a bad value. */
#include "unit.h"
#include "../../src/util/colour.h"

static void good(const char *s, enum colour_kind kind, int value)
{
	struct colour c = { 0, 0 };
	char why[400] = "";
	if (colour_parse(s, &c, why, sizeof why) != 0)
		fail_msg("\"%s\" refused: %s", s, why);
	assert_int_equal(c.kind, kind);
	assert_int_equal(c.value, value);
}

static void bad(const char *s, const char *msg)
{
	struct colour c;
	char why[400] = "";
	assert_int_equal(colour_parse(s, &c, why, sizeof why), -1);
	assert_string_equal(why, msg);
}

static void test_basic_names_are_palette_entries(void **state)
{
	(void)state;
	good("black", COLOUR_INDEX, 0);
	good("white", COLOUR_INDEX, 7);
	good("Green", COLOUR_INDEX, 2);   /* case does not matter */
	good("bright-red", COLOUR_INDEX, 9);
	good("BRIGHT-white", COLOUR_INDEX, 15);
	bad("bright-orange", "unknown colour \"bright-orange\" (" COLOUR_VOCABULARY ")");
}

static void test_web_names_are_rgb(void **state)
{
	(void)state;
	good("teal", COLOUR_RGB, 0x008080);
	good("orange", COLOUR_RGB, 0xFFA500);
	good("gray", COLOUR_RGB, 0x808080);
	good("grey", COLOUR_RGB, 0x808080);
	bad("banana", "unknown colour \"banana\" (" COLOUR_VOCABULARY ")");
}

static void test_default_is_the_terminals_own(void **state)
{
	(void)state;
	good("default", COLOUR_DEFAULT, -1);
	bad("", "expected a colour: a name, 0-255, or \"#rrggbb\"");
}

static void test_numbers_are_palette_entries_up_to_255(void **state)
{
	(void)state;
	good("0", COLOUR_INDEX, 0);
	good("255", COLOUR_INDEX, 255);
	good("007", COLOUR_INDEX, 7);
	bad("256", "colour 256 is out of range: a palette entry is 0 to 255");
	bad("99999999999999999999", "colour 99999999999999999999 is out of range: a palette entry is 0 to 255");
}

static void test_hex_is_six_digits(void **state)
{
	(void)state;
	good("#e9c46a", COLOUR_RGB, 0xe9c46a);
	good("#FF0000", COLOUR_RGB, 0xFF0000);
	bad("#zzz", "colour \"#zzz\": expected #rrggbb, six hex digits");
	bad("#12345g", "colour \"#12345g\": expected #rrggbb, six hex digits");
}

static void test_controls_are_not_echoed(void **state)
{
	(void)state;
	bad("red\a", "unknown colour \"red?\" (" COLOUR_VOCABULARY ")");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_names_are_palette_entries),
		cmocka_unit_test(test_web_names_are_rgb),
		cmocka_unit_test(test_default_is_the_terminals_own),
		cmocka_unit_test(test_numbers_are_palette_entries_up_to_255),
		cmocka_unit_test(test_hex_is_six_digits),
		cmocka_unit_test(test_controls_are_not_echoed),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return failed;
}
