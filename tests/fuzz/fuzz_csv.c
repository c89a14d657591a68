/* fuzz_csv.c — CSV import on any bytes: csv_in's parser, its header map with
 * the columns of shares import and of people import, every row by column,
 * and people import's checks that need no database.
 *
 * Every problem reported must name a line of the file (1 to its last), and
 * every record must start on a line no earlier than the one before it;
 * otherwise abort, so the fuzzer keeps the input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/csv_in.h"
#include "chorus/people_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX (1 << 20)

static int lines;   /* of the input being run */

static void check_line(int line, const char *msg)
{
	if (line < 1 || line > lines) {
		fprintf(stderr, "line %d of %d: %s\n", line, lines, msg);
		abort();
	}
}

static void csv_report(void *ctx, const char *name, int line, const char *msg)
{
	(void)ctx;
	(void)name;
	check_line(line, msg);
}

static void row_report(void *ctx, int line, const char *msg)
{
	(void)ctx;
	check_line(line, msg);
}

/* shares import's columns (src/cli/shares.c) */
static const struct csv_in_column share_cols[] = {
	{ "message_id", NULL }, { "url", NULL }, { "login", "who shared" }, { "platform", NULL },
	{ "date", NULL }, { "impressions", NULL }, { "clicks", NULL }, { "reactions", NULL },
	{ "comments", NULL }, { "reshares", NULL },
};

/* people import's columns (src/cli/people.c), in the order of struct people_import_row */
static const struct csv_in_column people_cols[] = {
	{ "login", "who" }, { "name", NULL }, { "email", NULL }, { "team", NULL }, { "roles", NULL },
	{ "focus_groups", NULL }, { "active", NULL }, { "handles", NULL },
};

static void shares(struct csv_in *in, int flags)
{
	int map[10];
	const char *v[10];
	csv_in_header(in, share_cols, 10, flags, map, csv_report, NULL);
	for (int r = 1; r < in->nrecs; r++)
		csv_in_row(in, r, map, 10, v, csv_report, NULL);
}

static void people(struct csv_in *in, int flags)
{
	int map[8];
	csv_in_header(in, people_cols, 8, flags, map, csv_report, NULL);
	struct people_import_row *rows = calloc((size_t)in->nrecs + 1, sizeof *rows);
	if (!rows)
		return;
	int n = 0;
	for (int r = 1; r < in->nrecs; r++) {
		const char *v[8];
		if (!csv_in_row(in, r, map, 8, v, csv_report, NULL))
			continue;
		rows[n++] = (struct people_import_row){ in->recs[r].line, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7] };
	}
	int bad = people_import_check(rows, n, row_report, NULL);
	if (bad < 0 || bad > n) {
		fprintf(stderr, "%d bad rows of %d\n", bad, n);
		abort();
	}
	free(rows);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX)
		return 0;
	lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	struct csv_in in;
	struct err e = {0};
	int st = csv_in_parse("fuzz.csv", (const char *)data, size, &in, &e);
	for (int r = 0; st == CH_OK && r < in.nrecs; r++) {
		check_line(in.recs[r].line, "a record");
		if (r && in.recs[r].line < in.recs[r - 1].line) {
			fprintf(stderr, "record %d starts on line %d, before %d\n", r, in.recs[r].line,
				in.recs[r - 1].line);
			abort();
		}
	}
	if (st == CH_OK && in.nrecs > 0) {
		/* The map trims the header in place: each map sees what the last left. */
		int flags = size && (data[0] & 1) ? CSV_IN_IGNORE_UNKNOWN : 0;
		shares(&in, flags);
		people(&in, flags);
	}
	csv_in_free(&in);
	return 0;
}
