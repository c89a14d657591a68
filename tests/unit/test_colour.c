/* test_colour.c — the one colour vocabulary (src/util/colour.h): each kind of
 * word with good and bad values. */
#include "unit.h"
#include "../../src/util/colour.h"

#define BAD 0

/* Each kind of word with good values (kind and value) and bad ones (BAD and
 * the message). */
static const struct {
	const char *word;
	enum colour_kind kind;
	int value;
	const char *msg;
} cases[] = {
	/* the eight basic names are palette entries, the bright ones 8-15; case does not matter */
	{ "black", COLOUR_INDEX, 0, NULL },
	{ "white", COLOUR_INDEX, 7, NULL },
	{ "Green", COLOUR_INDEX, 2, NULL },
	{ "bright-red", COLOUR_INDEX, 9, NULL },
	{ "BRIGHT-white", COLOUR_INDEX, 15, NULL },
	{ "bright-orange", BAD, 0, "unknown colour \"bright-orange\" (" COLOUR_VOCABULARY ")" },
	/* the web names are 24-bit colours */
	{ "teal", COLOUR_RGB, 0x008080, NULL },
	{ "orange", COLOUR_RGB, 0xFFA500, NULL },
	{ "gray", COLOUR_RGB, 0x808080, NULL },
	{ "grey", COLOUR_RGB, 0x808080, NULL },
	{ "banana", BAD, 0, "unknown colour \"banana\" (" COLOUR_VOCABULARY ")" },
	/* default is the terminal's own; empty is no colour at all */
	{ "default", COLOUR_DEFAULT, -1, NULL },
	{ "", BAD, 0, "expected a colour: a name, 0-255, or \"#rrggbb\"" },
	/* numbers are palette entries up to 255 */
	{ "0", COLOUR_INDEX, 0, NULL },
	{ "255", COLOUR_INDEX, 255, NULL },
	{ "007", COLOUR_INDEX, 7, NULL },
	{ "256", BAD, 0, "colour 256 is out of range: a palette entry is 0 to 255" },
	{ "99999999999999999999", BAD, 0, "colour 99999999999999999999 is out of range: a palette entry is 0 to 255" },
	/* #rrggbb is six hex digits */
	{ "#e9c46a", COLOUR_RGB, 0xe9c46a, NULL },
	{ "#FF0000", COLOUR_RGB, 0xFF0000, NULL },
	{ "#zzz", BAD, 0, "colour \"#zzz\": expected #rrggbb, six hex digits" },
	{ "#12345g", BAD, 0, "colour \"#12345g\": expected #rrggbb, six hex digits" },
	/* a message never carries a control character to the terminal */
	{ "red\a", BAD, 0, "unknown colour \"red?\" (" COLOUR_VOCABULARY ")" },
};

static void test_every_kind_of_word(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct colour c = { 0, 0 };
		char why[400] = "";
		int rc = colour_parse(cases[i].word, &c, why, sizeof why);
		if (cases[i].kind == BAD) {
			if (rc != -1 || strcmp(why, cases[i].msg) != 0)
				fail_msg("\"%s\": expected \"%s\", got %d \"%s\"", cases[i].word, cases[i].msg, rc, why);
		} else if (rc != 0 || c.kind != cases[i].kind || c.value != cases[i].value) {
			fail_msg("\"%s\": expected kind %d value %d, got %d: kind %d value %d %s", cases[i].word,
				 (int)cases[i].kind, cases[i].value, rc, (int)c.kind, c.value, why);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_of_word),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return failed;
}
