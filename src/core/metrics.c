/* metrics.c — the measure step's small parts: weeks and dates under the
 * names metrics.h gives them, earned media value, fixed-point formatting,
 * and the growable arrays the report and the digest fill.  Beside it:
 * metrics_report.c (the report and the per-post listing), metrics_digest.c
 * (the weekly digest), metrics_import.c (share figures imported), and
 * store_ahead.c (the report's read-ahead for a cold page cache). */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chorus/campaign.h"
#include "chorus/i18n.h"
#include "chorus/message.h"
#include "chorus/metrics.h"
#include "core.h"
#include "schema.h"
#include "metrics_parts.h"
#include "../util/timeutil.h"

/* --- time ------------------------------------------------------------- */

/* The week and date functions of metrics.h are src/util/timeutil.h's under
 * the names the report's callers know. */
int64_t metrics_week_of(int64_t t) { return time_week_of(t); }
int64_t metrics_week_start(int64_t w) { return time_week_start(w); }
void metrics_week_label(int64_t w, char *out, size_t n) { time_week_label(w, out, n); }
int64_t metrics_week_parse(const char *text) { return time_week_parse(text); }
void metrics_date_str(int64_t t, char *out, size_t n) { time_date_str(t, out, n); }
int64_t metrics_date_parse(const char *text) { return time_date_parse(text); }

double metrics_emv(double cpm, double cpc, double reaction_multiplier,
		   int64_t impressions, int64_t reactions, int64_t clicks)
{
	return cpm * (double)impressions / 1000.0 +
	       cpc * (reaction_multiplier * (double)reactions + (double)clicks);
}

const char *metrics_fixed(double v, int decimals, char *out, size_t n)
{
	char b[400];
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	if (!(v == v) || v > 1e300 || v < -1e300) {   /* NaN or out of range: not a figure */
		snprintf(out, n, "%s", "0");
		return out;
	}
	int len = snprintf(b + 1, sizeof b - 1, "%.9f", v < 0 ? -v : v);
	b[0] = '0';   /* room for a carry: 9.99 -> 10.0 */
	char *dot = strchr(b, '.');
	if (len <= 0 || !dot) {
		snprintf(out, n, "%s", "0");
		return out;
	}
	char *cut = dot + 1 + decimals;   /* the first digit dropped */
	if (*cut >= '5') {
		char *p = cut - 1;
		for (;; p--) {
			if (*p == '.')
				continue;
			if (*p == '9') {
				*p = '0';
				continue;
			}
			(*p)++;
			break;
		}
	}
	*(decimals ? cut : dot) = 0;
	const char *digitsp = b[0] == '0' && b[1] != '.' && b[1] ? b + 1 : b;
	int zero = 1;
	for (const char *p = digitsp; *p; p++)
		if (*p >= '1' && *p <= '9')
			zero = 0;
	snprintf(out, n, "%s%s", v < 0 && !zero ? "-" : "", digitsp);
	return out;
}

const char *metrics_human(const char *plain, char *out, size_t n)
{
	char *end;
	double v = strtod(plain, &end);
	const char *dot = strchr(plain, '.');
	if (end == plain || *end || strspn(plain, "-0123456789.") != strlen(plain)) {
		snprintf(out, n, "%s", plain);
		return out;
	}
	/* Already rounded: "%.*f" of it gives the same digits back. */
	return i18n_num(out, n, v, dot ? (int)strlen(dot + 1) : 0);
}

double metrics_round(double v, int decimals)
{
	char b[400];
	return strtod(metrics_fixed(v, decimals, b, sizeof b), NULL);
}

/* --- small containers ------------------------------------------------------ */

int metrics_oom(struct err *e)
{
	return err_set(e, CH_UNUSABLE, _("out of memory"));
}

/* See metrics_parts.h. */
void *metrics_grow(void *arr, int *n, size_t elem, struct err *e, int *st)
{
	void *old;
	memcpy(&old, arr, sizeof old);
	char *m = old;
	if ((*n & (*n - 1)) == 0) {   /* 0, 1, 2, 4, 8...: full */
		if (*n >= INT_MAX / 2) {
			*st = metrics_oom(e);
			return NULL;
		}
		m = realloc(old, (size_t)(*n ? *n * 2 : 1) * elem);
		if (!m) {
			*st = metrics_oom(e);
			return NULL;
		}
		memcpy(arr, &m, sizeof m);
	}
	memset(m + (size_t)*n * elem, 0, elem);
	return m + (size_t)(*n)++ * elem;
}

int metrics_figures_unknown(const struct metrics_figures *f)
{
	return f->shares > 0 && f->known == 0;
}

void metrics_figures_columns(sqlite3_stmt *q, int col, struct metrics_figures *f)
{
	f->impressions = sqlite3_column_int64(q, col);
	f->clicks = sqlite3_column_int64(q, col + 1);
	f->reactions = sqlite3_column_int64(q, col + 2);
	f->comments = sqlite3_column_int64(q, col + 3);
	f->reshares = sqlite3_column_int64(q, col + 4);
}

void metrics_share_figures_columns(sqlite3_stmt *q, int col, struct share_figures *f)
{
	struct metrics_figures m = {0};
	metrics_figures_columns(q, col, &m);
	f->impressions = m.impressions;
	f->clicks = m.clicks;
	f->reactions = m.reactions;
	f->comments = m.comments;
	f->reshares = m.reshares;
}
