/* shares.c — chorus shares: publishers log what they posted (shares log), and
 * masters bring in the figures the platforms report (shares import), from a
 * CSV file read by csv_in.  An import is all or nothing: every bad row is
 * reported with its line and column, and then nothing is saved. */
#include <stdio.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "chorus/campaign.h"
#include "chorus/csv_in.h"
#include "chorus/metrics.h"

/* --- shares log --------------------------------------------------------------- */

static int shares_log(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "platform", required_argument, NULL, 'p' },
		{ "url", required_argument, NULL, 'u' },
		{ "at", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *platform = NULL, *url = NULL, *at = NULL;
	int ch;
	optind = 1;
	while ((ch = cli_getopt(&cmd_shares, argc, argv, opts)) != -1) {
		switch (ch) {
		case 'p': platform = optarg; break;
		case 'u': url = optarg; break;
		case 'a': at = optarg; break;
		default: return CH_INVALID;
		}
	}
	if (argc - optind != 1)
		return cli_usage(&cmd_shares, "one MESSAGE-ID, please");
	int64_t mid = cli_parse_id(argv[optind]);
	if (!mid)
		return cli_usage(&cmd_shares, "'%s' is not a message id", argv[optind]);
	int64_t when = 0;
	if (at && (when = store_parse_time(at)) < 0)
		return cli_usage(&cmd_shares, "--at '%s' is not a date (YYYY-MM-DD[THH:MM])", at);
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct err e = {0};
	int64_t id;
	if (share_log(&c->store, mid, platform, url, when, &id, &e) != CH_OK)
		return cli_error(&e);
	printf("%lld\n", (long long)id);
	return CH_OK;
}

/* --- shares import ---------------------------------------------------------------- */

enum column { COL_MESSAGE, COL_URL, COL_LOGIN, COL_PLATFORM, COL_DATE, COL_IMPRESSIONS, COL_CLICKS,
	      COL_REACTIONS, COL_COMMENTS, COL_RESHARES, NCOLUMNS };

static const struct csv_in_column columns[NCOLUMNS] = {
	{ "message_id", NULL }, { "url", NULL }, { "login", "each row needs the login of who shared" },
	{ "platform", NULL }, { "date", NULL }, { "impressions", NULL }, { "clicks", NULL },
	{ "reactions", NULL }, { "comments", NULL }, { "reshares", NULL },
};

/* A value for an error message: cleaned and cut. */
static const char *shown(const char *v)
{
	static char buf[2][128];
	static int at;
	at ^= 1;
	csv_in_shown(v, buf[at], sizeof buf[at]);
	return buf[at];
}

/* A whole number of 0 or more; reports and returns 0 when it is not one. */
static int parse_count(const char *name, int line, const char *column, const char *v, int64_t *out)
{
	size_t n = strspn(v, "0123456789");
	if (n == 0 || v[n]) {
		if (v[0] == '-' && v[1] && strspn(v + 1, "0123456789") == strlen(v + 1))
			cli_fail(CH_INVALID, "%s:%d: %s: \"%s\" is negative", name, line, column, shown(v));
		else
			cli_fail(CH_INVALID, "%s:%d: %s: \"%s\" is not a number", name, line, column, shown(v));
		return 0;
	}
	if (n > 15) {
		cli_fail(CH_INVALID, "%s:%d: %s: \"%s\" is too large", name, line, column, shown(v));
		return 0;
	}
	*out = strtoll(v, NULL, 10);
	return 1;
}

/* Turn record r into an import row; every problem is reported.  1 when good. */
static int parse_row(struct csv_in *in, int r, const int *col, struct share_import *row)
{
	const char *name = in->name;
	const struct csv_in_record *rec = &in->recs[r];
	memset(row, 0, sizeof *row);
	row->day = -1;
	const char *v[NCOLUMNS];
	if (!csv_in_row(in, r, col, NCOLUMNS, v, cli_report, NULL))
		return 0;
	int good = 1;
	if (*v[COL_MESSAGE] && !(row->message_id = cli_parse_id(v[COL_MESSAGE]))) {
		cli_fail(CH_INVALID, "%s:%d: message_id: \"%s\" is not a message id", name, rec->line,
			 shown(v[COL_MESSAGE]));
		good = 0;
	}
	row->url = *v[COL_URL] ? v[COL_URL] : NULL;
	if (!row->message_id && !row->url && good) {
		cli_fail(CH_INVALID, "%s:%d: %s: empty; a row needs a message_id or a url", name, rec->line,
			 col[COL_MESSAGE] >= 0 ? "message_id" : "url");
		good = 0;
	}
	row->login = v[COL_LOGIN];
	if (!*row->login) {
		cli_fail(CH_INVALID, "%s:%d: login: empty; who shared it?", name, rec->line);
		good = 0;
	}
	row->platform = *v[COL_PLATFORM] ? v[COL_PLATFORM] : NULL;
	if (*v[COL_DATE] && (row->day = metrics_date_parse(v[COL_DATE])) < 0) {
		cli_fail(CH_INVALID, "%s:%d: date: \"%s\" is not a date (YYYY-MM-DD)", name, rec->line,
			 shown(v[COL_DATE]));
		good = 0;
	}
	static const int bits[] = { SHARE_FIG_IMPRESSIONS, SHARE_FIG_CLICKS, SHARE_FIG_REACTIONS,
				    SHARE_FIG_COMMENTS, SHARE_FIG_RESHARES };
	int64_t *figs[] = { &row->f.impressions, &row->f.clicks, &row->f.reactions, &row->f.comments,
			    &row->f.reshares };
	for (int k = 0; k < 5; k++) {
		const char *fv = v[COL_IMPRESSIONS + k];
		if (!*fv)
			continue;   /* not given: the figure stays as it is */
		if (parse_count(name, rec->line, columns[COL_IMPRESSIONS + k].name, fv, figs[k]))
			row->given |= bits[k];
		else
			good = 0;
	}
	return good;
}

/* Rows that came to a share an earlier row came to (seen[r]: the share of
 * record r, 0 for none): each reported with both lines.  How many. */
static int pair_cmp(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] > y[1]) - (x[1] < y[1]);
}

static int same_share_twice(const struct csv_in *in, const int64_t *seen)
{
	int64_t (*v)[2] = malloc((size_t)in->nrecs * sizeof *v);
	int n = 0, twice = 0;
	if (!v) {
		cli_fail(CH_UNUSABLE, "out of memory");
		return 1;
	}
	for (int r = 1; r < in->nrecs; r++)
		if (seen[r]) {
			v[n][0] = seen[r];
			v[n++][1] = r;
		}
	qsort(v, (size_t)n, sizeof *v, pair_cmp);
	for (int i = 1; i < n; i++)
		if (v[i][0] == v[i - 1][0]) {
			int first = (int)v[i - 1][1];
			while (i < n && v[i][0] == v[i - 1][0]) {
				cli_fail(CH_INVALID, "%s:%d: the same share as line %d: one row per share", in->name,
					 in->recs[v[i][1]].line, in->recs[first].line);
				twice++;
				i++;
			}
		}
	free(v);
	return twice;
}

static int shares_import(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	optind = 1;
	if (cli_getopt(&cmd_shares, argc, argv, opts) != -1)
		return CH_INVALID;
	if (argc - optind != 1)
		return cli_usage(&cmd_shares, "shares import takes one FILE.csv");
	struct err e = {0};
	struct csv_in in;
	int st = csv_in_read_file(argv[optind], &in, &e);
	if (st != CH_OK)
		cli_error(&e);
	const char *name = in.name;
	int col[NCOLUMNS];
	if (st == CH_OK && in.nrecs == 0)
		st = cli_fail(CH_INVALID, "%s: empty; its first line names the columns (message_id or url, "
			      "login, platform, date, impressions, clicks, reactions, comments, reshares)", name);
	if (st == CH_OK)
		st = csv_in_header(&in, columns, NCOLUMNS, 0, col, cli_report, NULL);
	if (st == CH_OK && col[COL_MESSAGE] < 0 && col[COL_URL] < 0)
		st = cli_fail(CH_INVALID, "%s:%d: no message_id or url column: one of them identifies a share",
			      name, in.recs[0].line);
	if (st == CH_OK)
		st = session_open(c);
	if (st == CH_OK && store_require_role(&c->store, ROLE_MASTER, "importing shares", &e) != CH_OK)
		st = cli_error(&e);
	if (st == CH_OK && store_begin(&c->store, 1, &e) != CH_OK)
		st = cli_error(&e);
	if (st != CH_OK) {
		csv_in_free(&in);
		return st;
	}
	int bad = 0, counts[4] = {0};
	/* The share each row came to, to find a second row of one share. */
	int64_t *seen = calloc((size_t)in.nrecs, sizeof *seen);
	if (!seen) {
		st = cli_fail(CH_UNUSABLE, "out of memory");
		err_clear(&e);
		store_end(&c->store, st, &e);
		csv_in_free(&in);
		return st;
	}
	for (int r = 1; r < in.nrecs && st == CH_OK; r++) {
		struct share_import row;
		if (!parse_row(&in, r, col, &row)) {
			bad++;
			continue;
		}
		enum share_import_result res;
		err_clear(&e);
		int rst = share_import_row(&c->store, &row, &res, &seen[r], &e);
		if (rst == CH_BUSY || rst == CH_UNUSABLE) {
			st = cli_error(&e);   /* the database, not the row: stop here */
		} else if (rst != CH_OK) {
			cli_fail(CH_INVALID, "%s:%d: %s", name, in.recs[r].line, e.msg);
			bad++;
		} else {
			counts[res]++;
		}
	}
	if (st == CH_OK)
		bad += same_share_twice(&in, seen);
	free(seen);
	int rows = in.nrecs - 1;
	if (st == CH_OK && bad)
		st = CH_INVALID;
	err_clear(&e);
	int end = store_end(&c->store, st, &e);
	if (st != CH_OK) {
		if (bad)
			cli_fail(CH_INVALID, "%s: %d bad %s of %d: nothing was imported", name, bad,
				 bad == 1 ? "row" : "rows", rows);
	} else if (end != CH_OK) {
		st = cli_error(&e);
	} else {
		printf("%s: %d %s: %d new %s, %d updated, %d unchanged\n", name, rows, rows == 1 ? "row" : "rows",
		       counts[SHARE_IMPORT_NEW], counts[SHARE_IMPORT_NEW] == 1 ? "share" : "shares",
		       counts[SHARE_IMPORT_UPDATED], counts[SHARE_IMPORT_UNCHANGED]);
	}
	csv_in_free(&in);   /* name is in it */
	return st;
}

static int run(struct session *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "log") == 0)
		return shares_log(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return shares_import(c, argc - 1, argv + 1);
	return cli_usage(&cmd_shares, "which: log or import?");
}

const struct cli_command cmd_shares = {
	"shares", "log MESSAGE-ID [--platform KEY] [--url URL] [--at DATE] | import FILE.csv",
	"log a share of yours (or of --as LOGIN); import the figures platforms report (masters)",
	"  log MESSAGE-ID     record a share of the message; prints the share id\n"
	"  --platform KEY     where it was posted (default: the message's platform)\n"
	"  --url URL          the post's address (each URL is logged once)\n"
	"  --at DATE          when (YYYY-MM-DD[THH:MM], UTC); default now; not before the\n"
	"                     message was written, nor more than five minutes ahead\n"
	"  import FILE.csv    masters: shares and their figures from a CSV file with a header\n"
	"                     row naming its columns: message_id or url (one identifies the\n"
	"                     share), login, platform, date (YYYY-MM-DD), impressions, clicks,\n"
	"                     reactions, comments, reshares.  A known share gets its figures\n"
	"                     updated, a new one is logged for that person (active people\n"
	"                     only; one row per share).  All or nothing:\n"
	"                     every bad row is reported with its line and column, then exit 2.\n",
	run,
};
