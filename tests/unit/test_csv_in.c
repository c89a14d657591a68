/* test_csv_in.c — the CSV reader of every import: records and the lines they
 * start on, a BOM, CRLF, fields over several lines, what is refused with
 * which line (invalid UTF-8, NUL, quotes, the limits), the header map and the
 * rows by column. */
#include "unit.h"
#include "chorus/csv_in.h"

/* What the reporter was told, one "LINE: MSG" per line. */
static char told[4096];

static void collect(void *ctx, const char *name, int line, const char *msg)
{
	(void)ctx;
	size_t n = strlen(told);
	snprintf(told + n, sizeof told - n, "%s:%d: %s\n", name, line, msg);
}

static void parse_ok(const char *text, struct csv_in *in)
{
	struct err e = {0};
	if (csv_in_parse("t.csv", text, strlen(text), in, &e) != CH_OK)
		fail_msg("csv_in_parse: %s", e.msg);
}

static void test_records_know_their_line(void **state)
{
	(void)state;
	struct csv_in in;
	/* BOM, CRLF, a blank line, a quoted field over two lines, no newline at the end. */
	parse_ok("\xef\xbb\xbf" "a,b\r\n1,\"x\r\ny\"\r\n\r\n  2,z\n3,\"q\"\"r\"", &in);
	assert_int_equal(in.nrecs, 4);
	assert_int_equal(in.recs[0].line, 1);
	assert_string_equal(in.recs[0].fields[0], "a");
	assert_int_equal(in.recs[1].line, 2);
	assert_string_equal(in.recs[1].fields[1], "x\r\ny");
	assert_int_equal(in.recs[2].line, 5);
	assert_string_equal(in.recs[2].fields[0], "2");
	assert_int_equal(in.recs[3].line, 6);
	assert_string_equal(in.recs[3].fields[1], "q\"r");
	csv_in_free(&in);
}

static void test_records_ended_by_cr_alone(void **state)
{
	(void)state;
	struct csv_in in;
	/* Found by fuzzing: records ended by a lone CR (as old Macs wrote), the
	 * last one without an end, took the number of the line after the file.
	 * And one that starts after a CR and goes on over a line break starts
	 * on the line of the CR, not the next. */
	parse_ok("a\nb\rc\rd", &in);
	assert_int_equal(in.nrecs, 4);
	assert_int_equal(in.recs[1].line, 2);
	assert_int_equal(in.recs[2].line, 2);
	assert_int_equal(in.recs[3].line, 2);
	csv_in_free(&in);
	parse_ok("a\r\"b\nc\"\nd\n", &in);
	assert_int_equal(in.nrecs, 3);
	assert_int_equal(in.recs[1].line, 1);
	assert_string_equal(in.recs[1].fields[0], "b\nc");
	assert_int_equal(in.recs[2].line, 3);
	csv_in_free(&in);
}

static void refused(const char *text, size_t len, const char *want)
{
	struct csv_in in;
	struct err e = {0};
	int st = csv_in_parse("t.csv", text, len, &in, &e);
	csv_in_free(&in);
	assert_int_equal(st, CH_INVALID);
	if (strncmp(e.msg, want, strlen(want)) != 0)
		fail_msg("got \"%s\", want \"%s...\"", e.msg, want);
}

static void test_not_text_is_refused_with_its_line(void **state)
{
	(void)state;
	refused("a\nb\nCaf\xe9\n", 9, "t.csv:3: not valid UTF-8 (byte 0xE9)");
	refused("a\n\xc0\xaf\n", 4, "t.csv:2: not valid UTF-8 (byte 0xC0)");        /* overlong '/' */
	refused("a\n\xed\xa0\x80\n", 5, "t.csv:2: not valid UTF-8 (byte 0xED)");    /* a surrogate */
	refused("a\nb\xe2\x82", 5, "t.csv:2: not valid UTF-8");                      /* cut short */
	refused("a,b\n1,\0\n", 7, "t.csv:2: a NUL byte");
	refused("a,b\n1,x\"y\n", 10, "t.csv:2: not valid CSV");
	refused("a,b\n1,\"x\n\ny", 11, "t.csv:2: not valid CSV: a quoted field is not closed");
}

static void test_limits(void **state)
{
	(void)state;
	size_t n = CSV_IN_MAX_FIELD + 10;
	char *big = malloc(n + 8);
	assert_non_null(big);
	memcpy(big, "a\n", 2);
	memset(big + 2, 'x', n - 2);
	refused(big, n, "t.csv:2: a field of more than 65536 bytes");
	/* 257 fields in one record. */
	for (size_t i = 0; i < 514; i += 2)
		memcpy(big + i, "x,", 2);
	big[513] = '\n';
	refused(big, 514, "t.csv:1: more than 256 fields in one record");
	free(big);
	refused("x", (size_t)CSV_IN_MAX_BYTES + 1, "t.csv is too large");
	/* One-byte fields up to the size limit would keep 1.4 GB: the file's
	 * fields are counted, and refused past CSV_IN_MAX_CELLS. */
	size_t per = 200, rows = CSV_IN_MAX_CELLS / 100 + 10, len = rows * per * 2;
	char *many = malloc(len);
	assert_non_null(many);
	for (size_t i = 0; i < len; i += 2)
		memcpy(many + i, (i / 2 + 1) % per ? "a," : "a\n", 2);
	char want[64];
	snprintf(want, sizeof want, "t.csv:%zu: more than %d fields in the file", (size_t)CSV_IN_MAX_CELLS / per + 1,
		 CSV_IN_MAX_CELLS);
	refused(many, len, want);
	free(many);
}

static const struct csv_in_column cols[] = {
	{ "login", "who it is" }, { "name", NULL }, { "team", NULL },
};

static void test_header_and_rows(void **state)
{
	(void)state;
	struct csv_in in;
	int map[3];
	const char *v[3];
	told[0] = 0;
	parse_ok(" Team ,LOGIN\nSales , ann\nx\n", &in);
	assert_int_equal(csv_in_header(&in, cols, 3, 0, map, collect, NULL), CH_OK);
	assert_int_equal(map[0], 1);
	assert_int_equal(map[1], -1);
	assert_int_equal(map[2], 0);
	assert_int_equal(csv_in_row(&in, 1, map, 3, v, collect, NULL), 1);
	assert_string_equal(v[0], "ann");
	assert_string_equal(v[1], "");
	assert_string_equal(v[2], "Sales");
	assert_int_equal(csv_in_row(&in, 2, map, 3, v, collect, NULL), 0);
	assert_string_equal(told, "t.csv:3: 1 field, but the header has 2\n");
	csv_in_free(&in);

	told[0] = 0;
	parse_ok("name,name,when\x1b[2J\n", &in);
	assert_int_equal(csv_in_header(&in, cols, 3, 0, map, collect, NULL), CH_INVALID);
	assert_string_equal(told, "t.csv:1: column name appears twice\n"
			    "t.csv:1: unknown column \"when?[2J\"; the columns are login, name, team\n"
			    "t.csv:1: no login column: who it is\n");
	told[0] = 0;
	assert_int_equal(csv_in_header(&in, cols, 3, CSV_IN_IGNORE_UNKNOWN, map, collect, NULL), CH_INVALID);
	assert_non_null(strstr(told, "t.csv:1: ignoring the unknown column \"when?[2J\"\n"));
	csv_in_free(&in);

	told[0] = 0;
	parse_ok("login,extra\nann,1\n", &in);
	assert_int_equal(csv_in_header(&in, cols, 3, CSV_IN_IGNORE_UNKNOWN, map, collect, NULL), CH_OK);
	assert_int_equal(map[0], 0);
	csv_in_free(&in);
}

static void test_read_file(void **state)
{
	(void)state;
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%.4000s/f.csv", unit_tmpdir());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("login\r\nann\r\n", f);
	fclose(f);
	struct csv_in in;
	struct err e = {0};
	assert_int_equal(csv_in_read_file(path, &in, &e), CH_OK);
	assert_int_equal(in.nrecs, 2);
	assert_string_equal(in.name, path);
	csv_in_free(&in);
	assert_int_equal(csv_in_read_file(unit_tmpdir(), &in, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "is a directory"));
	unlink(path);
	assert_int_equal(csv_in_read_file(path, &in, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "No such file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records_know_their_line),
		cmocka_unit_test(test_records_ended_by_cr_alone),
		cmocka_unit_test(test_not_text_is_refused_with_its_line),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_header_and_rows),
		cmocka_unit_test(test_read_file),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return rc;
}
