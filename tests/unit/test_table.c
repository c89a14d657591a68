/* test_table.c — the list printer (src/cli/table.c): the same rows in tsv,
 * csv, json and text, each escaped its own way; --format's values. */
#include <fcntl.h>
#include "unit.h"
#include "../../src/cli/table.h"

static const struct cli_command cmd_dummy = { "dummy", "list", "a test command", "", NULL };

/* table_print's output, with standard output sent to a file (so not a
 * terminal); malloc'd. */
static char *printed(struct csv_table *t, enum table_format fmt, int *status)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%.4000s/out", unit_tmpdir());
	fflush(stdout);
	int saved = dup(STDOUT_FILENO), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	*status = table_print(t, fmt);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	return strdup(buf);
}

/* Two rows: an id, a name with é and 日本, a text of two lines with a tab
 * and a backslash; the second with empty cells. */
static void fill(struct csv_table *t)
{
	static const char *const h[] = { "id", "name", "text" };
	csv_table_init(t, NULL, 3, h, "rll");
	const char *a[] = { "7", "Zoë 日本", "one\ttwo\nthree \\ four\r" };
	const char *b[] = { "12", "", NULL };
	csv_table_add(t, a);
	csv_table_add(t, b);
}

static void expect_printed(struct csv_table *t, enum table_format fmt, const char *want)
{
	int st;
	char *got = printed(t, fmt, &st);
	assert_int_equal(st, CH_OK);
	assert_string_equal(got, want);
	free(got);
}

static void expect_output(enum table_format fmt, const char *want)
{
	struct csv_table t;
	fill(&t);
	expect_printed(&t, fmt, want);
}

/* Each format byte for byte.  Not a terminal: the default is tsv, and text
 * is cut nowhere.  Text has capitals for the heads, the cells escaped, "-"
 * for an empty one, columns aligned by display width (Zoë 日本 takes 8
 * columns in 12 bytes) and the number to the right. */
static void test_each_format(void **state)
{
	(void)state;
	static const char tsv[] = "id\tname\ttext\n"
				  "7\tZoë 日本\tone\\ttwo\\nthree \\\\ four\\r\n"
				  "12\t\t\n";
	static const struct { enum table_format fmt; const char *want; } cases[] = {
		{ TABLE_TSV, tsv },
		{ TABLE_DEFAULT, tsv },
		{ TABLE_CSV, "id,name,text\r\n"
			     "7,Zoë 日本,\"one\ttwo\nthree \\ four\r\"\r\n"
			     "12,,\r\n" },
		{ TABLE_JSON, "[\n"
			      "{\"id\":7,\"name\":\"Zoë 日本\",\"text\":\"one\\ttwo\\nthree \\\\ four\\r\"},\n"
			      "{\"id\":12,\"name\":\"\",\"text\":\"\"}\n"
			      "]\n" },
		{ TABLE_TEXT, "ID  NAME      TEXT\n"
			      " 7  Zoë 日本  one\\ttwo\\nthree \\\\ four\\r\n"
			      "12  -         -\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_output(cases[i].fmt, cases[i].want);
}

/* No rows: json is an empty array. */
static void test_json_empty(void **state)
{
	(void)state;
	struct csv_table t;
	static const char *const h[] = { "id" };
	csv_table_init(&t, NULL, 1, h, "r");
	expect_printed(&t, TABLE_JSON, "[]\n");
}

static void test_format_names(void **state)
{
	(void)state;
	static const struct { const char *name; enum table_format fmt; } names[] = {
		{ "text", TABLE_TEXT }, { "tsv", TABLE_TSV }, { "csv", TABLE_CSV }, { "json", TABLE_JSON },
	};
	enum table_format f = TABLE_DEFAULT;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		assert_int_equal(table_format_arg(&cmd_dummy, names[i].name, &f), CH_OK);
		assert_int_equal(f, names[i].fmt);
	}
	assert_int_equal(table_format_arg(&cmd_dummy, "xml", &f), CH_INVALID);
	assert_int_equal(f, TABLE_JSON);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_format),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_format_names),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_group_teardown);
	return failed;
}
