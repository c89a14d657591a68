/* metrics_parts.h — what the files of the measure step (metrics.c,
 * metrics_report.c, metrics_digest.c, metrics_import.c) share: private to
 * them. */
#ifndef CHORUS_METRICS_PARTS_H
#define CHORUS_METRICS_PARTS_H

#include <stddef.h>
#include "chorus/err.h"

/* CH_UNUSABLE, "out of memory", in e. */
int metrics_oom(struct err *e);

/* Grow the array whose pointer is at arr (elements of elem bytes) by one
 * zeroed element and return it; NULL and *st set when out of memory.  The
 * pointer is copied in and out with memcpy: arr points at a typed pointer.
 * Room is made in powers of two, so filling n elements costs O(n). */
void *metrics_grow(void *arr, int *n, size_t elem, struct err *e, int *st);

#endif
