/* test_strategy_yaml.c — the strategy file on in-memory strings: what the
 * parser fills in, where each kind of problem is reported, the canonical
 * writer, and strategy_apply on a real database (diff, dry run, refusal). */
#include "unit.h"
#include "../../src/util/timeutil.h"
#include "chorus/strategy_apply.h"
#include "chorus/strategy_yaml.h"

/* The lists every document must have, for tests that care about one part. */
#define EMPTY_LISTS "goals: []\naudiences: []\npillars: []\nplatforms: []\nmessage_types: []\npolicy: []\n"

static const char *const full_doc =
	"# a comment\n"
	"organisation: \"Café Ünïcode BV\"\n"
	"goals:\n"
	"  - title: Hire\n"
	"    description: |\n"
	"      Two lines,\n"
	"      \ttabbed.\n"
	"    audiences: [Students, Engineers]\n"
	"    kpi: {metric: clicks, target: 1500, period: 2026-Q4}\n"
	"audiences:\n"
	"  - name: Engineers\n"
	"    information_need: 'Interesting work'\n"
	"    platforms: [linkedin]\n"
	"  - name: Students\n"
	"pillars:\n"
	"  - {name: People, colour: \"#e9c46a\"}\n"
	"  - {name: Craft, colour: green, description: ~}\n"
	"platforms:\n"
	"  - key: linkedin\n"
	"    name: LinkedIn\n"
	"    max_length: 3000\n"
	"    share_url: \"https://www.linkedin.com/sharing/share-offsite/?url={url}\"\n"
	"    emv: {cpm: 30, cpc: 5.25, reaction_multiplier: 0.8}\n"
	"message_types:\n"
	"  - name: News\n"
	"policy:\n"
	"  - name: Hype\n"
	"    pattern: '(?i)\\bworld[- ]class\\b'\n"
	"    severity: warn\n"
	"    guidance: \"Say it in \\\"your\\\" words.\"\n"
	"  - {name: IBAN, pattern: '\\bNL\\d{2}', severity: block}\n"
	"options:\n"
	"  open_enrolment: true\n"
	"  wip: {editing: 15}\n"
	"  adoption_target: 0.25\n";

static void parse_ok(const char *text, struct strategy_yaml_doc *doc)
{
	struct err e = {0};
	int st = strategy_yaml_parse(text, strlen(text), doc, &e);
	if (st != CH_OK)
		fail_msg("parse failed (%d): %s; first problem %d:%d %s: %s", st, e.msg,
			 doc->nerrors ? doc->errors[0].line : 0, doc->nerrors ? doc->errors[0].column : 0,
			 doc->nerrors ? doc->errors[0].path : "", doc->nerrors ? doc->errors[0].msg : "");
}

/* Parse text expecting problems; the first must be at line:column, about
 * path, and its message must contain msg. */
static void parse_bad(const char *text, int line, int column, const char *path, const char *msg)
{
	struct strategy_yaml_doc doc;
	struct err e = {0};
	int st = strategy_yaml_parse(text, strlen(text), &doc, &e);
	if (st != CH_INVALID || doc.nerrors < 1)
		fail_msg("expected CH_INVALID with problems, got %d (%d problems) for:\n%s", st, doc.nerrors, text);
	const struct strategy_yaml_error *er = &doc.errors[0];
	if (er->line != line || er->column != column || strcmp(er->path, path) != 0 || !strstr(er->msg, msg))
		fail_msg("expected %d:%d %s: ...%s..., got %d:%d %s: %s", line, column, path, msg,
			 er->line, er->column, er->path, er->msg);
	strategy_yaml_doc_free(&doc);
}

/* The canonical text of a strategy. */
static char *write_string(const struct strategy *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(strategy_yaml_write(f, st), 0);
	fclose(f);
	return buf;
}

static void test_a_full_document_fills_every_field(void **state)
{
	(void)state;
	struct strategy_yaml_doc doc;
	parse_ok(full_doc, &doc);
	const struct strategy *st = &doc.st;
	assert_string_equal(st->organisation, "Café Ünïcode BV");
	assert_int_equal(st->ngoals, 1);
	assert_string_equal(st->goals[0].title, "Hire");
	assert_string_equal(st->goals[0].description, "Two lines,\n\ttabbed.\n");
	assert_int_equal(st->goals[0].naudiences, 2);
	assert_string_equal(st->goals[0].audiences[1], "Engineers");
	assert_string_equal(st->goals[0].kpi_metric, "clicks");
	assert_true(st->goals[0].kpi_target == 1500);
	assert_string_equal(st->goals[0].kpi_period, "2026-Q4");
	assert_int_equal(st->naudiences, 2);
	assert_string_equal(st->audiences[0].info_need, "Interesting work");
	assert_string_equal(st->audiences[1].info_need, "");     /* left out: empty, not NULL */
	assert_int_equal(st->audiences[1].nplatforms, 0);
	assert_int_equal(st->npillars, 2);
	assert_string_equal(st->pillars[0].colour, "#e9c46a");
	assert_string_equal(st->pillars[1].description, "");    /* ~ is empty text */
	assert_int_equal(st->platforms[0].max_length, 3000);
	assert_true(st->platforms[0].cpc == 5.25);
	assert_true(st->platforms[0].reaction_multiplier == 0.8);
	assert_int_equal(st->nrules, 2);
	assert_string_equal(st->rules[0].pattern, "(?i)\\bworld[- ]class\\b");
	assert_int_equal(st->rules[0].severity, SEV_WARN);
	assert_string_equal(st->rules[0].guidance, "Say it in \"your\" words.");
	assert_int_equal(st->rules[1].severity, SEV_BLOCK);
	assert_int_equal(st->open_enrolment, 1);
	assert_int_equal(st->wip_inbox, 0);
	assert_int_equal(st->wip_editing, 15);
	assert_int_equal(st->quiet_weeks, 4);                    /* the default */
	assert_true(st->adoption_target == 0.25);
	strategy_yaml_doc_free(&doc);
}

static void test_options_left_out_take_their_defaults(void **state)
{
	(void)state;
	struct strategy_yaml_doc doc;
	parse_ok("organisation: X\n" EMPTY_LISTS, &doc);
	assert_int_equal(doc.st.open_enrolment, 0);
	assert_int_equal(doc.st.wip_ready, 0);
	assert_int_equal(doc.st.quiet_weeks, 4);
	assert_true(doc.st.adoption_target == 0.10);
	strategy_yaml_doc_free(&doc);
}

/* organisation as a map: the name, a headcount with dated changes (or one
 * number), milestones. */
static void test_the_organisation_with_its_headcount(void **state)
{
	(void)state;
	struct strategy_yaml_doc doc;
	parse_ok("organisation:\n  name: X\n  headcount:\n    - {from: 2026-01-01, count: 120}\n"
		 "    - {from: 2026-09-01, count: 135}\n  milestones: [2, 5, 12.5]\n" EMPTY_LISTS, &doc);
	assert_string_equal(doc.st.organisation, "X");
	assert_int_equal(doc.st.nheadcount, 2);
	assert_true(doc.st.headcount[0].from == time_date_parse("2026-01-01"));
	assert_int_equal(doc.st.headcount[1].count, 135);
	assert_int_equal(doc.st.nmilestones, 3);
	assert_true(doc.st.milestones[2] == 12.5);
	strategy_yaml_doc_free(&doc);
	parse_ok("organisation: {name: X, headcount: 80}\n" EMPTY_LISTS, &doc);
	assert_int_equal(doc.st.nheadcount, 1);
	assert_true(doc.st.headcount[0].from == 0 && doc.st.headcount[0].count == 80);
	assert_int_equal(doc.st.nmilestones, 0);   /* the default 1 5 10 */
	strategy_yaml_doc_free(&doc);
}

static void test_headcount_problems_are_placed(void **state)
{
	(void)state;
	parse_bad("organisation: {name: X, headcount: 0}\n" EMPTY_LISTS,
		  1, 36, "organisation.headcount", "expected a whole number from 1 to");
	parse_bad("organisation: {name: X, headcount: lots}\n" EMPTY_LISTS,
		  1, 36, "organisation.headcount", "expected a whole number, got \"lots\"");
	parse_bad("organisation:\n  name: X\n  headcount:\n    - {from: 2026-09-01, count: 135}\n"
		  "    - {from: 2026-01-01, count: 120}\n" EMPTY_LISTS,
		  5, 7, "organisation.headcount[1].from", "the changes must be in date order");
	parse_bad("organisation:\n  name: X\n  headcount:\n    - {from: 2026-02-31, count: 135}\n" EMPTY_LISTS,
		  4, 7, "organisation.headcount[0].from", "expected a date (YYYY-MM-DD)");
	parse_bad("organisation:\n  name: X\n  headcount:\n    - {from: 2026-02-01}\n" EMPTY_LISTS,
		  4, 7, "organisation.headcount[0].count", "missing: every change needs a count");
	parse_bad("organisation:\n  name: X\n  milestones: [5, 1]\n" EMPTY_LISTS,
		  3, 19, "organisation.milestones[1]", "the milestones must rise");
	parse_bad("organisation:\n  name: X\n  milestones: [0]\n" EMPTY_LISTS,
		  3, 16, "organisation.milestones[0]", "above 0");
	parse_bad("organisation:\n  headcount: 5\n" EMPTY_LISTS,
		  2, 3, "organisation.name", "missing: every organisation needs a name");
	parse_bad("organisation:\n  name: X\n  staff: 5\n" EMPTY_LISTS,
		  3, 3, "organisation.staff", "unknown key (expected name, headcount or milestones)");
}

static void test_each_kind_of_problem_is_placed(void **state)
{
	(void)state;
	parse_bad("organisation: X\ngoals:\n  - title: A\n    kpi:\n      target: lots\n"
		  "audiences: []\npillars: []\nplatforms: []\nmessage_types: []\npolicy: []\n",
		  5, 15, "goals[0].kpi.target", "expected a number, got \"lots\"");
	parse_bad("organisation: X\n" EMPTY_LISTS "options: {quiet_weeks: \"6\"}\n",
		  8, 24, "options.quiet_weeks", "in quotes");
	parse_bad("organisation: X\n" EMPTY_LISTS "options: {open_enrolment: yes}\n",
		  8, 27, "options.open_enrolment", "expected true or false");
	parse_bad("organisation: X\n" EMPTY_LISTS "optoins: {}\n",
		  8, 1, "optoins", "unknown key");
	parse_bad("organisation: X\norganisation: Y\n" EMPTY_LISTS,
		  2, 1, "organisation", "duplicate key \"organisation\" (the first is at line 1, column 1)");
	parse_bad("organisation: X\ngoals: [{description: d}]\naudiences: []\npillars: []\nplatforms: []\n"
		  "message_types: []\npolicy: []\n",
		  2, 9, "goals[0].title", "missing: every goal needs a title");
	parse_bad("organisation: X\ngoals: []\naudiences: []\npillars: []\nplatforms: []\nmessage_types: []\n"
		  "policy: [{name: r, pattern: 'a)', severity: info}]\n",
		  7, 29, "policy[0].pattern", "invalid pattern at offset 1");
	parse_bad("organisation: X\ngoals: [{title: G, audiences: [Nobody]}]\naudiences: []\npillars: []\n"
		  "platforms: []\nmessage_types: []\npolicy: []\n",
		  2, 32, "goals[0].audiences[0]", "no audience named \"Nobody\"");
	parse_bad("organisation: X\ngoals: []\naudiences: [{name: A, platforms: [tiktok]}]\npillars: []\n"
		  "platforms: []\nmessage_types: []\npolicy: []\n",
		  3, 35, "audiences[0].platforms[0]", "no platform with the key \"tiktok\"");
	parse_bad("organisation: X\ngoals: []\naudiences: [{name: A, platforms: [x, x]}]\npillars: []\n"
		  "platforms: [{key: x, name: X}]\nmessage_types: []\npolicy: []\n",
		  3, 38, "audiences[0].platforms[1]", "\"x\" is listed twice");
	parse_bad("organisation: X\ngoals: []\naudiences: []\npillars: []\nplatforms: [{key: Big, name: B}]\n"
		  "message_types: []\npolicy: []\n",
		  5, 19, "platforms[0].key", "lower-case letters");
	parse_bad("organisation: \"two\\nlines\"\n" EMPTY_LISTS, 1, 15, "organisation", "must be one line");
	parse_bad("organisation: X\n" EMPTY_LISTS "---\norganisation: Y\n", 8, 1, "", "a second document");
	parse_bad("organisation: !!str X\n" EMPTY_LISTS, 1, 15, "organisation", "tags");
	parse_bad("organisation: &a X\ngoals: []\naudiences: []\npillars: [{name: *a}]\nplatforms: []\n"
		  "message_types: []\npolicy: []\n", 4, 18, "pillars[0].name", "aliases");
	parse_bad("organisation: X\ngoals: [\n", 3, 1, "", "did not find expected node content");
	parse_bad("", 1, 1, "", "empty: no strategy document");
	parse_bad("~\n", 1, 1, "", "empty: no strategy document");
	parse_bad("- a\n", 1, 1, "", "expected a mapping");
}

static void test_bytes_that_are_not_utf8_are_placed(void **state)
{
	(void)state;
	parse_bad("organisation: X\ngoals: []\n# caf\xc3\xa9 \xff\n", 3, 8, "", "invalid leading UTF-8 octet");
	parse_bad("\xff", 1, 1, "", "invalid leading UTF-8 octet");
	parse_bad("organisation: \"\\x01\"\n" EMPTY_LISTS, 1, 15, "organisation", "control character (U+0001)");
}

/* The schema's rules (strategy_schema.h), in the words the core and the
 * strategy panel's form use, placed in the file. */
static void test_the_schema_rules_are_placed(void **state)
{
	(void)state;
	static const struct { const char *list; int line, column; const char *path, *msg; } cases[] = {
		{ "pillars:\n  - name: Craft\n    colour: banana\n", 3, 13, "pillars[0].colour",
		  "unknown colour \"banana\" (black, red, green," },
		{ "platforms: [{key: x, name: X, share_url: \"www.x.example/share\"}]\n", 1, 42,
		  "platforms[0].share_url", "must start with https:// or http://" },
		{ "platforms: [{key: x, name: X, share_url: \"https://x.example/a b\"}]\n", 1, 42,
		  "platforms[0].share_url", "must not contain spaces" },
		{ "message_types: [{name: News}, {name: NEWS}]\n", 1, 38, "message_types[1].name",
		  "a second message type \"NEWS\" (the first is message_types[0], line 1)" },
	};
	static const char *const lists[] = { "goals", "audiences", "pillars", "platforms", "message_types", "policy" };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* the case's list first, the others empty after it */
		char text[1024];
		int n = snprintf(text, sizeof text, "%s", cases[i].list);
		for (int k = 0; k < 6; k++)
			if (strncmp(cases[i].list, lists[k], strlen(lists[k])) != 0)
				n += snprintf(text + n, sizeof text - (size_t)n, "%s: []\n", lists[k]);
		snprintf(text + n, sizeof text - (size_t)n, "organisation: X\n");
		parse_bad(text, cases[i].line, cases[i].column, cases[i].path, cases[i].msg);
	}
}

static void test_every_problem_is_reported_in_file_order(void **state)
{
	(void)state;
	const char *text =
		"organisation: X\n"
		"pillars: [{name: A, colour: \"#zzz\"}, {name: a}]\n"
		"goals: [{title: G, kpi: {target: -1}}]\n"
		"audiences: []\n"
		"platforms: []\n"
		"policy: []\n";
	struct strategy_yaml_doc doc;
	struct err e = {0};
	assert_int_equal(strategy_yaml_parse(text, strlen(text), &doc, &e), CH_INVALID);
	assert_int_equal(doc.nerrors, 4);
	assert_string_equal(doc.errors[0].path, "message_types");   /* missing: at the mapping, 1:1 */
	assert_string_equal(doc.errors[1].path, "pillars[0].colour");
	assert_string_equal(doc.errors[2].path, "pillars[1].name");  /* "a" and "A" are one name */
	assert_string_equal(doc.errors[3].path, "goals[0].kpi.target");
	for (int i = 1; i < doc.nerrors; i++)
		assert_true(doc.errors[i - 1].line < doc.errors[i].line ||
			    (doc.errors[i - 1].line == doc.errors[i].line &&
			     doc.errors[i - 1].column <= doc.errors[i].column));
	strategy_yaml_doc_free(&doc);
}

static void test_problems_beyond_the_cap_are_counted(void **state)
{
	(void)state;
	char text[8192] = "organisation: X\n" EMPTY_LISTS "options:\n";
	for (int i = 0; i < STRATEGY_YAML_MAX_ERRORS + 10; i++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "  bad%d: 1\n", i);
	struct strategy_yaml_doc doc;
	struct err e = {0};
	assert_int_equal(strategy_yaml_parse(text, strlen(text), &doc, &e), CH_INVALID);
	assert_int_equal(doc.nerrors, STRATEGY_YAML_MAX_ERRORS);
	assert_int_equal(doc.more_errors, 10);
	strategy_yaml_doc_free(&doc);
}

/* Write, parse, write: the same bytes, with text that needs escapes. */
static void test_writing_is_canonical_and_reads_back(void **state)
{
	(void)state;
	struct strategy_yaml_doc doc;
	parse_ok(full_doc, &doc);
	free(doc.st.goals[0].description);
	doc.st.goals[0].description = strdup("quote \" backslash \\ newline\n tab\t é € 😀 end");
	free(doc.st.rules[1].pattern);
	doc.st.rules[1].pattern = strdup("it's \\d+ o'clock");
	doc.st.goals[0].kpi_target = 0.1 + 0.2;     /* needs 17 digits */
	doc.st.platforms[0].cpm = 1e-7;
	char *one = write_string(&doc.st);
	assert_non_null(strstr(one, "pattern: 'it''s \\d+ o''clock'"));
	assert_non_null(strstr(one, "\"quote \\\" backslash \\\\ newline\\n tab\\t é € 😀 end\""));
	assert_non_null(strstr(one, "target: 0.30000000000000004\n"));
	assert_non_null(strstr(one, "max_length: 3000\n"));
	assert_non_null(strstr(one, "open_enrolment: true\n"));

	struct strategy_yaml_doc again;
	parse_ok(one, &again);
	assert_string_equal(again.st.goals[0].description, doc.st.goals[0].description);
	assert_string_equal(again.st.rules[1].pattern, "it's \\d+ o'clock");
	assert_true(again.st.goals[0].kpi_target == 0.1 + 0.2);
	assert_true(again.st.platforms[0].cpm == 1e-7);
	char *two = write_string(&again.st);
	assert_string_equal(one, two);
	free(one);
	free(two);
	strategy_yaml_doc_free(&again);
	strategy_yaml_doc_free(&doc);
}

/* What YAML would not keep as it is goes out escaped (the database should
 * never hold it, but a file must stay readable if it does). */
static void test_controls_and_separators_are_escaped(void **state)
{
	(void)state;
	struct strategy_yaml_doc doc;
	parse_ok("organisation: X\n" EMPTY_LISTS, &doc);
	free(doc.st.organisation);
	doc.st.organisation = strdup("a\x01" "b\xc2\x85" "c\xe2\x80\xa8" "d\xfe");
	char *text = write_string(&doc.st);
	assert_non_null(strstr(text, "organisation: \"a\\x01b\\x85c\\u2028d\\uFFFD\"\n"));
	free(text);
	strategy_yaml_doc_free(&doc);
}

static void test_empty_lists_are_written_as_brackets(void **state)
{
	(void)state;
	struct strategy_yaml_doc doc;
	parse_ok("organisation: X\n" EMPTY_LISTS, &doc);
	char *text = write_string(&doc.st);
	assert_non_null(strstr(text, "\ngoals: []\n"));
	assert_non_null(strstr(text, "\npolicy: []\n"));
	assert_non_null(strstr(text, "  quiet_weeks: 4\n  adoption_target: 0.1\n"));
	free(text);
	strategy_yaml_doc_free(&doc);
}

static void test_a_file_over_the_limit_is_refused_before_parsing(void **state)
{
	(void)state;
	char path[PATH_MAX];
	if ((size_t)snprintf(path, sizeof path, "%s/big.yaml", unit_tmpdir()) >= sizeof path)
		fail_msg("temporary directory name too long");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < STRATEGY_YAML_MAX / 8 + 1; i++)
		fputs("# xxxxx\n", f);
	fclose(f);
	char *buf = NULL;
	size_t len = 0;
	struct err e = {0};
	assert_int_equal(strategy_yaml_read(path, &buf, &len, &e), CH_INVALID);
	assert_null(buf);
	assert_non_null(strstr(e.msg, "too large"));
	unlink(path);
}

static int64_t count(struct store *s, const char *sql)
{
	return unit_int(s, sql);
}

static void test_apply_adds_updates_removes_and_orders(void **state)
{
	(void)state;
	struct store s;
	char path[PATH_MAX + 64];   /* room for the directory and the name */
	struct err e = {0};
	unit_db(&s, "apply.db", path, sizeof path);
	struct strategy_yaml_doc doc;
	parse_ok(full_doc, &doc);
	struct strategy_diff d;
	assert_ok(strategy_apply(&s, &doc.st, "test", 0, &d, &e), e);
	assert_int_equal(d.added[SK_PILLAR], 2);
	assert_int_equal(d.added[SK_RULE], 2);
	assert_true(d.organisation);
	assert_true(d.options);
	strategy_diff_free(&d);

	/* What is stored writes out as what was read. */
	struct strategy loaded;
	assert_ok(strategy_load(&s, &loaded, &e), e);
	char *want = write_string(&doc.st), *got = write_string(&loaded);
	assert_string_equal(got, want);
	free(want);
	free(got);
	strategy_free(&loaded);

	/* The same again changes nothing, versions included. */
	assert_ok(strategy_apply(&s, &doc.st, "test", 0, &d, &e), e);
	assert_int_equal(d.nchanges, 0);
	assert_false(d.options);
	strategy_diff_free(&d);
	assert_int_equal(count(&s, "SELECT max(version) FROM pillars"), 1);

	/* Swap the pillars, change one, drop a rule. */
	struct pillar p0 = doc.st.pillars[0];
	doc.st.pillars[0] = doc.st.pillars[1];
	doc.st.pillars[1] = p0;
	free(doc.st.pillars[0].colour);
	doc.st.pillars[0].colour = strdup("blue");
	doc.st.nrules = 1;   /* the IBAN rule stays allocated and is freed with the doc */
	assert_ok(strategy_apply(&s, &doc.st, "test", 0, &d, &e), e);
	assert_int_equal(d.changed[SK_PILLAR], 1);
	assert_int_equal(d.reordered[SK_PILLAR], 1);
	assert_int_equal(d.removed[SK_RULE], 1);
	strategy_diff_free(&d);
	assert_int_equal(count(&s, "SELECT position FROM pillars WHERE name = 'Craft'"), 1);
	assert_int_equal(count(&s, "SELECT count(*) FROM policy_rules"), 1);
	assert_int_equal(count(&s, "SELECT count(*) FROM events WHERE entity = 'strategy' AND action = 'import'"), 3);
	doc.st.nrules = 2;
	strategy_yaml_doc_free(&doc);
	store_close(&s);
}

static void test_a_dry_run_reports_and_writes_nothing(void **state)
{
	(void)state;
	struct store s;
	char path[PATH_MAX + 64];   /* room for the directory and the name */
	struct err e = {0};
	unit_db(&s, "dry.db", path, sizeof path);
	struct strategy_yaml_doc doc;
	parse_ok(full_doc, &doc);
	long long events = count(&s, "SELECT count(*) FROM events");
	struct strategy_diff d;
	assert_ok(strategy_apply(&s, &doc.st, "test", 1, &d, &e), e);
	assert_int_equal(d.added[SK_GOAL], 1);
	assert_int_equal(d.added[SK_PLATFORM], 1);
	strategy_diff_free(&d);
	assert_int_equal(count(&s, "SELECT count(*) FROM goals"), 0);
	assert_int_equal(count(&s, "SELECT count(*) FROM platforms"), 0);
	assert_int_equal(count(&s, "SELECT count(*) FROM events"), events);
	strategy_yaml_doc_free(&doc);
	store_close(&s);
}

static void test_removing_what_is_in_use_is_refused_whole(void **state)
{
	(void)state;
	struct store s;
	char path[PATH_MAX + 64];   /* room for the directory and the name */
	struct err e = {0};
	unit_db(&s, "inuse.db", path, sizeof path);
	struct strategy_yaml_doc doc;
	parse_ok(full_doc, &doc);
	struct strategy_diff d;
	assert_ok(strategy_apply(&s, &doc.st, "test", 0, &d, &e), e);
	strategy_diff_free(&d);
	assert_ok(store_begin(&s, 1, &e), e);
	assert_ok(store_exec(&s, "INSERT INTO content(title, creator_id, pillar_id, created_at, stage_at, updated_at) "
			     "SELECT 'story', 1, id, 0, 0, 0 FROM pillars WHERE name = 'People'", &e), e);
	assert_ok(store_end(&s, CH_OK, &e), e);

	/* Keep Craft (unused), leave out People (used), rename the organisation. */
	struct pillar people = doc.st.pillars[0];
	doc.st.pillars[0] = doc.st.pillars[1];
	doc.st.pillars[1] = people;
	doc.st.npillars = 1;
	free(doc.st.organisation);
	doc.st.organisation = strdup("Renamed");
	int st = strategy_apply(&s, &doc.st, "test", 0, &d, &e);
	assert_int_equal(st, CH_FAILED);
	assert_non_null(strstr(e.msg, "pillar \"People\" (used by 1 content item)"));
	assert_null(strstr(e.msg, "Craft"));
	strategy_diff_free(&d);
	assert_int_equal(count(&s, "SELECT count(*) FROM pillars"), 2);
	char org[64];
	store_meta_get(&s, "organisation", org, sizeof org);
	assert_string_equal(org, "Café Ünïcode BV");
	doc.st.npillars = 2;
	strategy_yaml_doc_free(&doc);
	store_close(&s);
}

static void test_only_masters_apply(void **state)
{
	(void)state;
	struct store s;
	char path[PATH_MAX + 64];   /* room for the directory and the name */
	struct err e = {0};
	unit_db(&s, "roles.db", path, sizeof path);
	s.my_roles = ROLE_PUBLISHER;
	struct strategy_yaml_doc doc;
	parse_ok(full_doc, &doc);
	struct strategy_diff d;
	assert_int_equal(strategy_apply(&s, &doc.st, "test", 1, &d, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "master"));
	strategy_diff_free(&d);
	strategy_yaml_doc_free(&doc);
	store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_full_document_fills_every_field),
		cmocka_unit_test(test_options_left_out_take_their_defaults),
		cmocka_unit_test(test_each_kind_of_problem_is_placed),
		cmocka_unit_test(test_bytes_that_are_not_utf8_are_placed),
		cmocka_unit_test(test_the_schema_rules_are_placed),
		cmocka_unit_test(test_every_problem_is_reported_in_file_order),
		cmocka_unit_test(test_problems_beyond_the_cap_are_counted),
		cmocka_unit_test(test_writing_is_canonical_and_reads_back),
		cmocka_unit_test(test_controls_and_separators_are_escaped),
		cmocka_unit_test(test_empty_lists_are_written_as_brackets),
		cmocka_unit_test(test_a_file_over_the_limit_is_refused_before_parsing),
		cmocka_unit_test(test_apply_adds_updates_removes_and_orders),
		cmocka_unit_test(test_a_dry_run_reports_and_writes_nothing),
		cmocka_unit_test(test_removing_what_is_in_use_is_refused_whole),
		cmocka_unit_test(test_only_masters_apply),
		cmocka_unit_test(test_the_organisation_with_its_headcount),
		cmocka_unit_test(test_headcount_problems_are_placed),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return failed;
}
