/* test_theme.c — colour themes: the mapping of a colour to each tier, the
 * parser on in-memory text (what it fills in, partial themes, where every
 * kind of mistake is reported), the shipped themes, and the search path.
 * Run from the source tree's root (tests/run does), for themes/. */
#include "unit.h"
#include <sys/stat.h>
#include "chorus/theme.h"

/* ---- mapping ---------------------------------------------------------- */

static void test_rgb_maps_to_the_nearest_in_each_tier(void **state)
{
	(void)state;
	int bold = 0;
	assert_int_equal(theme_map(THEME_RGB, 0xff0000, THEME_TIER_256, &bold), 196);
	assert_int_equal(theme_map(THEME_RGB, 0xff0000, THEME_TIER_8, &bold), 1);   /* red */
	assert_int_equal(theme_map(THEME_RGB, 0xff0000, THEME_TIER_DIRECT, &bold), 0xff0000);
	assert_int_equal(theme_map(THEME_RGB, 0xff0000, THEME_TIER_NONE, &bold), -1);
	assert_int_equal(bold, 0);
	assert_int_equal(theme_map(THEME_RGB, 0x2e8b57, THEME_TIER_256, NULL), 29);
	assert_int_equal(theme_map(THEME_RGB, 0x2e8b57, THEME_TIER_8, NULL), 2);    /* green */
	/* Greys go to the grey ramp when it is nearer than the cube. */
	assert_int_equal(theme_map(THEME_RGB, 0x808080, THEME_TIER_256, NULL), 244);
	assert_int_equal(theme_map(THEME_RGB, 0x000000, THEME_TIER_8, NULL), 0);    /* black is allowed */
	/* Below 8 a direct terminal would read a palette index. */
	assert_int_equal(theme_map(THEME_RGB, 0x000005, THEME_TIER_DIRECT, NULL), 8);
}

static void test_palette_entries_map_by_tier(void **state)
{
	(void)state;
	int bold = 0;
	/* The basic eight stay the terminal's own in every tier. */
	for (int i = 0; i < 8; i++) {
		assert_int_equal(theme_map(THEME_INDEX, i, THEME_TIER_8, &bold), i);
		assert_int_equal(theme_map(THEME_INDEX, i, THEME_TIER_256, &bold), i);
		assert_int_equal(theme_map(THEME_INDEX, i, THEME_TIER_DIRECT, &bold), i);
	}
	assert_int_equal(bold, 0);
	/* bright-red: red made bold in 8 colours, itself in 256, its RGB in direct. */
	assert_int_equal(theme_map(THEME_INDEX, 9, THEME_TIER_8, &bold), 1);
	assert_int_equal(bold, 1);
	bold = 0;
	assert_int_equal(theme_map(THEME_INDEX, 9, THEME_TIER_256, &bold), 9);
	assert_int_equal(theme_map(THEME_INDEX, 9, THEME_TIER_DIRECT, &bold), 0xff0000);
	assert_int_equal(bold, 0);
	/* 200 is (255,0,215) in xterm's cube: magenta in 8, that RGB in direct. */
	assert_int_equal(theme_map(THEME_INDEX, 200, THEME_TIER_8, NULL), 5);
	assert_int_equal(theme_map(THEME_INDEX, 200, THEME_TIER_256, NULL), 200);
	assert_int_equal(theme_map(THEME_INDEX, 200, THEME_TIER_DIRECT, NULL), 0xff00d7);
	assert_int_equal(theme_map(THEME_INDEX, 232, THEME_TIER_DIRECT, NULL), 0x080808);
	assert_int_equal(theme_map(THEME_DEFAULT, -1, THEME_TIER_256, NULL), -1);
	assert_int_equal(theme_map(THEME_UNSET, 0, THEME_TIER_8, NULL), -1);
	assert_int_equal(theme_map(THEME_INDEX, 300, THEME_TIER_256, NULL), -1);
}

static void test_nearest_helpers(void **state)
{
	(void)state;
	int r, g, b;
	theme_palette_rgb(196, &r, &g, &b);
	assert_true(r == 255 && g == 0 && b == 0);
	theme_palette_rgb(255, &r, &g, &b);
	assert_true(r == 238 && g == 238 && b == 238);
	assert_int_equal(theme_nearest256(255, 0, 0), 196);
	assert_int_equal(theme_nearest8(10, 10, 10, 0), 0);
	assert_int_equal(theme_nearest8(10, 10, 10, 1), 1);   /* without black: red is nearest */
}

/* ---- parsing ---------------------------------------------------------- */

static void parse_ok(const char *text, struct theme *t)
{
	struct err e = {0};
	if (theme_parse(text, strlen(text), "t.yaml", t, &e) != CH_OK)
		fail_msg("theme_parse: %s", e.msg);
}

static void colour_is(const struct theme_colour *c, int kind, int v8, int v256, int vdirect)
{
	int v[3] = { v8, v256, vdirect };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(c->kind[i], kind);
		if (kind)
			assert_int_equal(c->value[i], v[i]);
	}
}

static int styles_equal(const struct theme_style *a, const struct theme_style *b)
{
	for (int i = 0; i < 3; i++)
		if (a->fg.kind[i] != b->fg.kind[i] || a->bg.kind[i] != b->bg.kind[i] ||
		    (a->fg.kind[i] && a->fg.value[i] != b->fg.value[i]) ||
		    (a->bg.kind[i] && a->bg.value[i] != b->bg.value[i]))
			return 0;
	return a->attr == b->attr && a->mono == b->mono;
}

static void test_every_kind_of_value_is_read(void **state)
{
	(void)state;
	struct theme t;
	parse_ok("description: mine\n"
		 "title: { fg: bright-white, bg: \"#1F4e79\", attr: [bold, underline], mono: reverse }\n"
		 "tab: { fg: 244, bg: default, attr: \"dim, bold\" }\n"
		 "status: { fg: { 8: blue, truecolor: \"#112233\" } }\n"
		 "header: { fg: CYAN, attr: none, bg: 0007 }\n"
		 "ok: { fg: 000 }\n"
		 "selected: { attr: [reverse, bold] }\n"
		 "dim: { attr: [] }\n", &t);
	assert_string_equal(t.description, "mine");
	assert_string_equal(t.path, "t.yaml");
	const struct theme_style *s = &t.role[THEME_TITLE];
	colour_is(&s->fg, THEME_INDEX, 15, 15, 15);
	colour_is(&s->bg, THEME_RGB, 0x1f4e79, 0x1f4e79, 0x1f4e79);
	assert_int_equal(s->attr, THEME_BOLD | THEME_UNDERLINE);
	assert_int_equal(s->mono, THEME_REVERSE);
	s = &t.role[THEME_TAB];
	colour_is(&s->fg, THEME_INDEX, 244, 244, 244);
	colour_is(&s->bg, THEME_DEFAULT, -1, -1, -1);
	assert_int_equal(s->attr, THEME_DIMMED | THEME_BOLD);
	assert_int_equal(s->mono, s->attr);   /* mono left out: the same as attr */
	/* A tier left out takes the nearest richer one given, else the poorer. */
	s = &t.role[THEME_STATUS];
	assert_int_equal(s->fg.kind[0], THEME_INDEX);
	assert_int_equal(s->fg.value[0], 4);
	assert_int_equal(s->fg.kind[1], THEME_RGB);
	assert_int_equal(s->fg.value[1], 0x112233);
	assert_int_equal(s->fg.kind[2], THEME_RGB);
	assert_int_equal(theme_colour_map(&s->fg, THEME_TIER_8, NULL), 4);
	assert_int_equal(theme_colour_map(&s->fg, THEME_TIER_256, NULL), theme_nearest256(0x11, 0x22, 0x33));
	assert_int_equal(theme_colour_map(&s->fg, THEME_TIER_DIRECT, NULL), 0x112233);
	colour_is(&s->bg, THEME_UNSET, 0, 0, 0);
	assert_int_equal(s->attr, 0);
	assert_int_equal(t.role[THEME_HEADER].attr, 0);
	colour_is(&t.role[THEME_HEADER].bg, THEME_INDEX, 7, 7, 7);
	colour_is(&t.role[THEME_OK].fg, THEME_INDEX, 0, 0, 0);
	assert_int_equal(t.role[THEME_SELECTED].attr, THEME_REVERSE | THEME_BOLD);
	assert_int_equal(t.role[THEME_DIM].attr, 0);

	parse_ok("ok: { fg: { 256: 28 } }\n", &t);
	assert_int_equal(theme_colour_map(&t.role[THEME_OK].fg, THEME_TIER_8, NULL), 2);
	assert_int_equal(theme_colour_map(&t.role[THEME_OK].fg, THEME_TIER_256, NULL), 28);
	assert_int_equal(theme_colour_map(&t.role[THEME_OK].fg, THEME_TIER_DIRECT, NULL), 0x008700);
}

static void test_a_partial_theme_keeps_the_default_elsewhere(void **state)
{
	(void)state;
	struct theme t, d;
	theme_default(&d);
	parse_ok("status: { fg: white }\n", &t);
	/* The role it names is replaced whole: no background, no mono reverse. */
	colour_is(&t.role[THEME_STATUS].fg, THEME_INDEX, 7, 7, 7);
	colour_is(&t.role[THEME_STATUS].bg, THEME_UNSET, 0, 0, 0);
	assert_int_equal(t.role[THEME_STATUS].mono, 0);
	for (int r = 0; r < THEME_ROLES; r++)
		if (r != THEME_STATUS && !styles_equal(&t.role[r], &d.role[r]))
			fail_msg("role %s changed", theme_role_name((enum theme_role)r));
	assert_string_equal(t.description, d.description);

	parse_ok("heatmap: [ {fg: 1}, {fg: 2}, {}, {attr: bold} ]\n", &t);
	colour_is(&t.role[THEME_HEAT1].fg, THEME_INDEX, 1, 1, 1);
	colour_is(&t.role[THEME_HEAT3].fg, THEME_UNSET, 0, 0, 0);
	assert_int_equal(t.role[THEME_HEAT4].attr, THEME_BOLD);
	assert_true(styles_equal(&t.role[THEME_TITLE], &d.role[THEME_TITLE]));

	/* Empty text, a comment only, an empty document: the default. */
	const char *empty[] = { "", "# nothing\n", "---\n", "\n\n" };
	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		parse_ok(empty[i], &t);
		for (int r = 0; r < THEME_ROLES; r++)
			assert_true(styles_equal(&t.role[r], &d.role[r]));
	}
}

static void test_the_buffer_need_not_end_in_nul(void **state)
{
	(void)state;
	struct theme t;
	struct err e = {0};
	const char text[] = "ok: { fg: red }\nbogus: 1\n";
	/* Only the first line is given: the unknown role after it is not read. */
	assert_int_equal(theme_parse(text, 16, "t.yaml", &t, &e), CH_OK);
	colour_is(&t.role[THEME_OK].fg, THEME_INDEX, 1, 1, 1);
	char *heap = malloc(15);
	assert_non_null(heap);
	memcpy(heap, "ok: { fg: red }", 15);   /* no NUL at all */
	assert_int_equal(theme_parse(heap, 15, "t.yaml", &t, &e), CH_OK);
	free(heap);
}

/* Each mistake, and the exact message with file, line, column and field. */
static void test_every_mistake_is_placed(void **state)
{
	(void)state;
	static const struct { const char *text, *msg; } cases[] = {
		{ "status:\n  fg: purpel\n",
		  "x.yaml:2:7: status.fg: unknown colour \"purpel\" (black, red, green, yellow, blue, magenta, "
		  "cyan, white, bright-NAME, orange, purple, pink, teal, grey, brown, navy, olive, lime, default, "
		  "0-255 or \"#rrggbb\")" },
		{ "heatmap:\n  - {fg: 1}\n  - {fg: 2}\n  - {fg: \"purpel\"}\n  - {fg: 4}\n",
		  "x.yaml:4:10: heatmap.3.fg: unknown colour \"purpel\" (black, red, green, yellow, blue, magenta, "
		  "cyan, white, bright-NAME, orange, purple, pink, teal, grey, brown, navy, olive, lime, default, "
		  "0-255 or \"#rrggbb\")" },
		{ "status: { fg: 256 }\n", "x.yaml:1:15: status.fg: colour 256 is out of range: a palette entry is 0 to 255" },
		{ "status: { fg: 99999999999999999999 }\n",
		  "x.yaml:1:15: status.fg: colour 99999999999999999999 is out of range: a palette entry is 0 to 255" },
		{ "status: { fg: \"#12345\" }\n", "x.yaml:1:15: status.fg: colour \"#12345\": expected #rrggbb, six hex digits" },
		{ "status: { fg: \"#12345g\" }\n", "x.yaml:1:15: status.fg: colour \"#12345g\": expected #rrggbb, six hex digits" },
		{ "status:\n  fg: #ff0000\n",
		  "x.yaml:2:6: status.fg: expected a colour: a name, 0-255, or \"#rrggbb\" (in quotes: # starts a comment)" },
		{ "status: { fg: [red] }\n",
		  "x.yaml:1:15: status.fg: expected a colour: a name, 0-255, or \"#rrggbb\" (in quotes: # starts a comment)" },
		{ "status: { fg: { 16: red } }\n", "x.yaml:1:17: status.fg: unknown tier \"16\" (8, 256, truecolor)" },
		{ "status: { fg: { 8: red, 8: blue } }\n", "x.yaml:1:25: status.fg.8: given twice" },
		{ "status: { fg: {} }\n", "x.yaml:1:15: status.fg: expected a colour for at least one of 8, 256, truecolor" },
		{ "status: { bg: { 256: pinkish } }\n",
		  "x.yaml:1:22: status.bg.256: unknown colour \"pinkish\" (black, red, green, yellow, blue, magenta, "
		  "cyan, white, bright-NAME, orange, purple, pink, teal, grey, brown, navy, olive, lime, default, "
		  "0-255 or \"#rrggbb\")" },
		{ "status: { attr: blinky }\n",
		  "x.yaml:1:17: status.attr: unknown attribute \"blinky\" (bold, underline, reverse, dim, none)" },
		{ "status: { mono: [bold, {x: 1}] }\n",
		  "x.yaml:1:24: status.mono: expected an attribute name (bold, underline, reverse, dim)" },
		{ "status: { attr: {bold: 1} }\n", "x.yaml:1:17: status.attr: expected attributes such as [bold, underline]" },
		{ "status: { fg: red, blink: 1 }\n", "x.yaml:1:20: status: unknown key \"blink\" (fg, bg, attr, mono)" },
		{ "status: { fg: red, fg: blue }\n", "x.yaml:1:20: status.fg: given twice" },
		{ "status: red\n", "x.yaml:1:9: status: expected a mapping such as { fg: white, bg: blue, attr: bold }" },
		{ "selected: { fg: red }\n", "x.yaml:1:13: selected.fg: selected takes attributes only: it is drawn over other colours" },
		{ "dim:\n  bg: blue\n", "x.yaml:2:3: dim.bg: dim takes attributes only: it is drawn over other colours" },
		{ "ok: {}\nfooter: {}\n",
		  "x.yaml:2:1: unknown role \"footer\" (title, tab, status, header, selected, dim, warn, error, ok, heatmap, description)" },
		{ "ok: {}\nok: {}\n", "x.yaml:2:1: ok: given twice" },
		{ "heatmap: [ {}, {} ]\n", "x.yaml:1:10: heatmap: expected a list of 4 shades, low to high, such as [ { fg: 22 }, ... ]" },
		{ "heatmap: [ {}, {}, {}, red ]\n",
		  "x.yaml:1:24: heatmap.4: expected a mapping such as { fg: white, bg: blue, attr: bold }" },
		{ "heatmap: [ {}, {}, {}, {fg: 1, x: 2} ]\n", "x.yaml:1:32: heatmap.4: unknown key \"x\" (fg, bg, attr, mono)" },
		{ "description: [a]\n", "x.yaml:1:14: description: expected one line of text, at most 127 bytes" },
		{ "- status\n", "x.yaml:1:1: expected a mapping of roles such as status: { fg: white, bg: blue }" },
		{ "just words\n", "x.yaml:1:1: expected a mapping of roles such as status: { fg: white, bg: blue }" },
		{ "[a]: {}\n", "x.yaml:1:1: expected a role name" },
		{ "status: { fg: red\n", "x.yaml:2:1: did not find expected ',' or '}' while parsing a flow mapping" },
		{ "a: b\n c: d\n", "x.yaml:2:3: mapping values are not allowed in this context" },
		{ "ok: {}\n---\nok: {}\n", NULL },   /* a second document is not read */
		{ "status: { fg: \"red\\u0007\" }\n",
		  "x.yaml:1:15: status.fg: unknown colour \"red?\" (black, red, green, yellow, blue, magenta, "
		  "cyan, white, bright-NAME, orange, purple, pink, teal, grey, brown, navy, olive, lime, default, "
		  "0-255 or \"#rrggbb\")" },
	};
	struct theme t, d;
	theme_default(&d);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct err e = {0};
		int st = theme_parse(cases[i].text, strlen(cases[i].text), "x.yaml", &t, &e);
		if (!cases[i].msg) {
			if (st != CH_OK)
				fail_msg("case %zu: %s", i, e.msg);
			continue;
		}
		if (st != CH_INVALID)
			fail_msg("case %zu (%s) was accepted", i, cases[i].text);
		if (strcmp(e.msg, cases[i].msg) != 0)
			fail_msg("case %zu:\n  got  %s\n  want %s", i, e.msg, cases[i].msg);
		/* A refused theme leaves the built-in one, not half of each. */
		for (int r = 0; r < THEME_ROLES; r++)
			assert_true(styles_equal(&t.role[r], &d.role[r]));
		assert_string_equal(t.path, "");
	}
}

static void test_a_huge_theme_is_refused_before_parsing(void **state)
{
	(void)state;
	size_t n = 300 * 1024;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, '#', n);
	struct theme t;
	struct err e = {0};
	assert_int_equal(theme_parse(big, n, "big.yaml", &t, &e), CH_INVALID);
	assert_string_equal(e.msg, "big.yaml: too large for a theme: 307200 bytes, at most 262144");
	free(big);
}

static void test_description_controls_are_blanked(void **state)
{
	(void)state;
	struct theme t;
	parse_ok("description: \"a\\tb\\u001bc\"\n", &t);
	assert_string_equal(t.description, "a b c");
}

/* ---- the shipped themes ----------------------------------------------- */

static void test_the_default_file_is_the_built_in_theme(void **state)
{
	(void)state;
	struct theme t, d;
	struct err e = {0};
	theme_default(&d);
	if (theme_load_file("themes/default.yaml", &t, &e) != CH_OK)
		fail_msg("%s", e.msg);
	for (int r = 0; r < THEME_ROLES; r++)
		if (!styles_equal(&t.role[r], &d.role[r]))
			fail_msg("themes/default.yaml differs from the built-in theme in %s",
				 theme_role_name((enum theme_role)r));
	assert_string_equal(t.description, d.description);
}

static void test_every_shipped_theme_loads(void **state)
{
	(void)state;
	static const char *const names[] = { "default", "light", "high-contrast", "mono" };
	struct theme t;
	for (size_t i = 0; i < 4; i++) {
		char path[64];
		struct err e = {0};
		snprintf(path, sizeof path, "themes/%s.yaml", names[i]);
		if (theme_load_file(path, &t, &e) != CH_OK)
			fail_msg("%s", e.msg);
		assert_true(t.description[0] != 0);
	}
	/* mono has no colour in any tier. */
	assert_int_equal(theme_load_file("themes/mono.yaml", &t, NULL), CH_OK);
	for (int r = 0; r < THEME_ROLES; r++)
		for (int tier = THEME_TIER_NONE; tier <= THEME_TIER_DIRECT; tier++) {
			assert_int_equal(theme_colour_map(&t.role[r].fg, (enum theme_tier)tier, NULL), -1);
			assert_int_equal(theme_colour_map(&t.role[r].bg, (enum theme_tier)tier, NULL), -1);
		}
}

/* ---- the search path ---------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_themes_are_found_by_name_in_order(void **state)
{
	(void)state;
	char xdg[PATH_MAX], mine[PATH_MAX], inst[PATH_MAX], path[PATH_MAX + 32];
	snprintf(xdg, sizeof xdg, "%.3000s/xdg", unit_tmpdir());
	snprintf(mine, sizeof mine, "%.3000s/xdg/chorus", unit_tmpdir());
	mkdir(xdg, 0700);
	mkdir(mine, 0700);
	snprintf(mine, sizeof mine, "%.3000s/xdg/chorus/themes", unit_tmpdir());
	mkdir(mine, 0700);
	snprintf(inst, sizeof inst, "%.3000s/inst", unit_tmpdir());
	mkdir(inst, 0700);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("CHORUS_THEME_DIR", inst, 1);
	snprintf(path, sizeof path, "%s/both.yaml", inst);
	write_file(path, "description: installed\n");
	snprintf(path, sizeof path, "%s/both.yaml", mine);
	write_file(path, "description: mine\n");
	snprintf(path, sizeof path, "%s/only.yaml", inst);
	write_file(path, "description: only installed\n");
	snprintf(path, sizeof path, "%s/bad.yaml", inst);
	write_file(path, "ok:\n  fg: nope\n");

	char dirs[2][PATH_MAX];
	assert_int_equal(theme_dirs(dirs, 2), 2);
	assert_string_equal(dirs[0], mine);
	assert_string_equal(dirs[1], inst);

	struct theme t;
	struct err e = {0};
	assert_int_equal(theme_load("both", &t, &e), CH_OK);
	assert_string_equal(t.description, "mine");
	assert_int_equal(theme_load("only", &t, &e), CH_OK);
	assert_string_equal(t.description, "only installed");
	snprintf(path, sizeof path, "%s/only.yaml", inst);
	assert_string_equal(t.path, path);
	/* A path: '/' in it, or .yaml at the end. */
	assert_int_equal(theme_load(path, &t, &e), CH_OK);
	assert_int_equal(theme_load("themes/light.yaml", &t, &e), CH_OK);
	assert_int_equal(theme_load("no-such.yaml", &t, &e), CH_INVALID);
	assert_string_equal(e.msg, "no-such.yaml: No such file or directory");
	/* default with no file is the built-in theme; NULL and "" mean default. */
	assert_int_equal(theme_load("default", &t, &e), CH_OK);
	assert_string_equal(t.path, "");
	assert_int_equal(theme_load(NULL, &t, &e), CH_OK);
	assert_int_equal(theme_load("", &t, &e), CH_OK);
	/* Unknown: every place looked in. */
	assert_int_equal(theme_load("nosuch", &t, &e), CH_INVALID);
	char want[3 * PATH_MAX];
	snprintf(want, sizeof want, "theme \"nosuch\" not found: no nosuch.yaml in %s, %s (chorus theme list "
		 "shows the themes there)", mine, inst);
	assert_string_equal(e.msg, want);
	/* A bad file found by name: its mistake, placed. */
	assert_int_equal(theme_load("bad", &t, &e), CH_INVALID);
	snprintf(want, sizeof want, "%s/bad.yaml:2:7: ok.fg: unknown colour \"nope\"", inst);
	assert_memory_equal(e.msg, want, strlen(want));
	assert_int_equal(theme_load("a b", &t, &e), CH_INVALID);
	assert_string_equal(e.msg, "theme \"a b\": a theme name has letters, digits, '.', '_' and '-' "
			    "(or give a path with a '/')");
	assert_int_equal(theme_load(".hidden", &t, &e), CH_INVALID);
	unsetenv("CHORUS_THEME_DIR");
	unsetenv("XDG_CONFIG_HOME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rgb_maps_to_the_nearest_in_each_tier),
		cmocka_unit_test(test_palette_entries_map_by_tier),
		cmocka_unit_test(test_nearest_helpers),
		cmocka_unit_test(test_every_kind_of_value_is_read),
		cmocka_unit_test(test_a_partial_theme_keeps_the_default_elsewhere),
		cmocka_unit_test(test_the_buffer_need_not_end_in_nul),
		cmocka_unit_test(test_every_mistake_is_placed),
		cmocka_unit_test(test_a_huge_theme_is_refused_before_parsing),
		cmocka_unit_test(test_description_controls_are_blanked),
		cmocka_unit_test(test_the_default_file_is_the_built_in_theme),
		cmocka_unit_test(test_every_shipped_theme_loads),
		cmocka_unit_test(test_themes_are_found_by_name_in_order),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return failed;
}
