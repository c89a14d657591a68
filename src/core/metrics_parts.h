/* metrics_parts.h — what the files of the measure step (metrics.c,
 * metrics_report.c, metrics_digest.c, metrics_import.c) share: private to
 * them. */
#ifndef CHORUS_METRICS_PARTS_H
#define CHORUS_METRICS_PARTS_H

#include <stddef.h>
#include <sqlite3.h>
#include "chorus/err.h"

struct metrics_figures;
struct share_figures;

/* CH_UNUSABLE, "out of memory", in e. */
int metrics_oom(struct err *e);

/* Grow the array whose pointer is at arr (elements of elem bytes) by one
 * zeroed element and return it; NULL and *st set when out of memory.  The
 * pointer is copied in and out with memcpy: arr points at a typed pointer.
 * Room is made in powers of two, so filling n elements costs O(n). */
/* The five figures (impressions, clicks, reactions, comments, reshares)
 * from columns col..col+4 of a row. */
void metrics_figures_columns(sqlite3_stmt *q, int col, struct metrics_figures *f);
void metrics_share_figures_columns(sqlite3_stmt *q, int col, struct share_figures *f);
void *metrics_grow(void *arr, int *n, size_t elem, struct err *e, int *st);

#endif
