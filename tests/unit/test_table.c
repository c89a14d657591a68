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

static void expect_output(enum table_format fmt, const char *want)
{
	struct csv_table t;
	int st;
	fill(&t);
	char *got = printed(&t, fmt, &st);
	assert_int_equal(st, CH_OK);
	assert_string_equal(got, want);
	free(got);
}

static void test_tsv_header_and_escapes(void **state)
{
	(void)state;
	expect_output(TABLE_TSV, "id\tname\ttext\n"
				 "7\tZoë 日本\tone\\ttwo\\nthree \\\\ four\\r\n"
				 "12\t\t\n");
	/* Not a terminal: the default is tsv. */
	expect_output(TABLE_DEFAULT, "id\tname\ttext\n"
				    "7\tZoë 日本\tone\\ttwo\\nthree \\\\ four\\r\n"
				    "12\t\t\n");
}

static void test_csv_rfc4180(void **state)
{
	(void)state;
	expect_output(TABLE_CSV, "id,name,text\r\n"
				 "7,Zoë 日本,\"one\ttwo\nthree \\ four\r\"\r\n"
				 "12,,\r\n");
}

static void test_json_numbers_and_strings(void **state)
{
	(void)state;
	expect_output(TABLE_JSON, "[\n"
				  "{\"id\":7,\"name\":\"Zoë 日本\",\"text\":\"one\\ttwo\\nthree \\\\ four\\r\"},\n"
				  "{\"id\":12,\"name\":\"\",\"text\":\"\"}\n"
				  "]\n");
	struct csv_table t;
	static const char *const h[] = { "id" };
	csv_table_init(&t, NULL, 1, h, "r");
	int st;
	char *got = printed(&t, TABLE_JSON, &st);
	assert_string_equal(got, "[]\n");
	free(got);
}

/* Capitals for the heads, the cells escaped, "-" for an empty one, columns
 * aligned by display width (Zoë 日本 takes 8 columns in 12 bytes), the
 * number to the right; not on a terminal, so nothing is cut. */
static void test_text_aligned_by_display_width(void **state)
{
	(void)state;
	expect_output(TABLE_TEXT, "ID  NAME      TEXT\n"
				  " 7  Zoë 日本  one\\ttwo\\nthree \\\\ four\\r\n"
				  "12  -         -\n");
}

static void test_format_names(void **state)
{
	(void)state;
	enum table_format f = TABLE_DEFAULT;
	assert_int_equal(table_format_arg(&cmd_dummy, "csv", &f), CH_OK);
	assert_int_equal(f, TABLE_CSV);
	assert_int_equal(table_format_arg(&cmd_dummy, "text", &f), CH_OK);
	assert_int_equal(f, TABLE_TEXT);
	assert_int_equal(table_format_arg(&cmd_dummy, "json", &f), CH_OK);
	assert_int_equal(f, TABLE_JSON);
	assert_int_equal(table_format_arg(&cmd_dummy, "tsv", &f), CH_OK);
	assert_int_equal(f, TABLE_TSV);
	assert_int_equal(table_format_arg(&cmd_dummy, "xml", &f), CH_INVALID);
	assert_int_equal(f, TABLE_TSV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tsv_header_and_escapes),
		cmocka_unit_test(test_csv_rfc4180),
		cmocka_unit_test(test_json_numbers_and_strings),
		cmocka_unit_test(test_text_aligned_by_display_width),
		cmocka_unit_test(test_format_names),
	};
	int failed = cmocka_run_group_tests(tests, NULL, unit_group_teardown);
	return failed;
}
