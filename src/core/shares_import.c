/* shares_import.c — shares import: each row checked (every problem
 * reported) and applied through share_import_row inside one write
 * transaction; a second row for one share is a problem too.  Any bad row
 * rolls the whole import back. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/metrics.h"
#include "chorus/shares_import.h"
#include "core.h"

static const char *const figure_name[SHARES_IMPORT_FIGURES] = {
	"impressions", "clicks", "reactions", "comments", "reshares",
};

/* A positive id; 0 when v is not one. */
static int64_t parse_id(const char *v)
{
	char *end;
	errno = 0;
	long long id = strtoll(v, &end, 10);
	return *end || errno || id <= 0 ? 0 : id;
}

/* A whole number of 0 or more; reports and returns 0 when it is not one. */
static int parse_count(const struct shares_import_row *r, int k, int64_t *out,
		       shares_import_report_fn report, void *ctx)
{
	const char *v = r->figures[k];
	size_t n = strspn(v, "0123456789");
	const char *why = NULL;
	if (n == 0 || v[n])
		why = v[0] == '-' && v[1] && strspn(v + 1, "0123456789") == strlen(v + 1) ? _("is negative")
			: _("is not a number");
	else if (n > 15)
		why = _("is too large");
	if (why) {
		core_report(report, ctx, r->line, "%s: \"%.*s\" %s", figure_name[k], core_shown(v), v, why);
		return 0;
	}
	*out = strtoll(v, NULL, 10);
	return 1;
}

/* Turn row r into an import row; every problem is reported.  1 when good. */
static int parse_row(const struct shares_import_row *r, int by_url, struct share_import *row,
		     shares_import_report_fn report, void *ctx)
{
	memset(row, 0, sizeof *row);
	row->day = -1;
	int good = 1;
	if (*r->message_id && !(row->message_id = parse_id(r->message_id))) {
		core_report(report, ctx, r->line, _("message_id: \"%.*s\" is not a message id"), core_shown(r->message_id),
			 r->message_id);
		good = 0;
	}
	row->url = *r->url ? r->url : NULL;
	if (!row->message_id && !row->url && good) {
		core_report(report, ctx, r->line, _("%s: empty; a row needs a message_id or a url"),
			 by_url ? _("url") : _("message_id"));
		good = 0;
	}
	row->login = r->login;
	if (!*row->login) {
		core_report(report, ctx, r->line, _("login: empty; who shared it?"));
		good = 0;
	}
	row->platform = *r->platform ? r->platform : NULL;
	if (*r->date && (row->day = metrics_date_parse(r->date)) < 0) {
		core_report(report, ctx, r->line, _("date: \"%.*s\" is not a date (YYYY-MM-DD)"),
			    core_shown(r->date), r->date);
		good = 0;
	}
	static const int bits[SHARES_IMPORT_FIGURES] = { SHARE_FIG_IMPRESSIONS, SHARE_FIG_CLICKS,
		SHARE_FIG_REACTIONS, SHARE_FIG_COMMENTS, SHARE_FIG_RESHARES };
	int64_t *figs[SHARES_IMPORT_FIGURES] = { &row->f.impressions, &row->f.clicks, &row->f.reactions,
		&row->f.comments, &row->f.reshares };
	for (int k = 0; k < SHARES_IMPORT_FIGURES; k++) {
		if (!*r->figures[k])
			continue;   /* not given: the figure stays as it is */
		if (parse_count(r, k, figs[k], report, ctx))
			row->given |= bits[k];
		else
			good = 0;
	}
	return good;
}

/* Rows that came to a share an earlier row came to (seen[i]: the share of
 * row i, 0 for none): each reported with both lines.  How many. */
static int pair_cmp(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] > y[1]) - (x[1] < y[1]);
}

static int same_share_twice(const struct shares_import_row *rows, int nrows, const int64_t *seen,
			    int64_t (*v)[2], shares_import_report_fn report, void *ctx)
{
	int n = 0, twice = 0;
	for (int r = 0; r < nrows; r++)
		if (seen[r]) {
			v[n][0] = seen[r];
			v[n++][1] = r;
		}
	qsort(v, (size_t)n, sizeof *v, pair_cmp);
	for (int i = 1; i < n; i++)
		if (v[i][0] == v[i - 1][0]) {
			int first = (int)v[i - 1][1];
			while (i < n && v[i][0] == v[i - 1][0]) {
				core_report(report, ctx, rows[v[i][1]].line, _("the same share as line %d: one row per share"),
					 rows[first].line);
				twice++;
				i++;
			}
		}
	return twice;
}

int shares_import(struct store *s, const struct shares_import_row *rows, int n, int known_bad, int by_url,
		  struct shares_import_counts *counts, shares_import_report_fn report, void *ctx, struct err *e)
{
	memset(counts, 0, sizeof *counts);
	int st = store_require_role(s, ROLE_MASTER, _("importing shares"), e);
	if (st != CH_OK)
		return st;
	/* The share each row came to, to find a second row of one share, and
	 * room to sort them. */
	int64_t *seen = calloc((size_t)n + 1, sizeof *seen);
	int64_t (*pairs)[2] = malloc(((size_t)n + 1) * sizeof *pairs);
	if (!seen || !pairs) {
		free(seen);
		free(pairs);
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	}
	if ((st = store_begin(s, 1, e)) != CH_OK) {
		free(seen);
		free(pairs);
		return st;
	}
	int bad = known_bad, result[4] = {0};
	for (int r = 0; r < n && st == CH_OK; r++) {
		struct share_import row;
		if (!parse_row(&rows[r], by_url, &row, report, ctx)) {
			bad++;
			continue;
		}
		enum share_import_result res;
		struct err re = {0};
		int rst = share_import_row(s, &row, &res, &seen[r], &re);
		if (rst == CH_BUSY || rst == CH_UNUSABLE) {
			*e = re;   /* the database, not the row: stop here */
			st = rst;
		} else if (rst != CH_OK) {
			report(ctx, rows[r].line, re.msg);
			bad++;
		} else {
			result[res]++;
		}
	}
	if (st == CH_OK)
		bad += same_share_twice(rows, n, seen, pairs, report, ctx);
	free(seen);
	free(pairs);
	if (st != CH_OK)
		return store_end(s, st, e);
	if (bad) {
		store_end(s, CH_INVALID, NULL);
		return err_set(e, CH_INVALID, P_("%d bad row of %d: nothing was imported",
							   "%d bad rows of %d: nothing was imported", bad), bad,
			       n + known_bad);
	}
	counts->added = result[SHARE_IMPORT_NEW];
	counts->updated = result[SHARE_IMPORT_UPDATED];
	counts->unchanged = result[SHARE_IMPORT_UNCHANGED];
	return store_end(s, CH_OK, e);
}
