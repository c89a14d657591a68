/* csv_in.h — reading the CSV files people export from spreadsheets
 * (shares import, people import), with libcsv.
 *
 * The whole file is parsed first into records, each with the physical line it
 * starts on (a quoted field may hold line breaks, so a record's number is not
 * its line's).  A UTF-8 byte order mark is skipped; CRLF and LF both end a
 * record.  Anything that is not text is refused with FILE:LINE before a record
 * is looked at: invalid UTF-8, a NUL byte, a stray quote, an unclosed quote, a
 * field, a record or a file past the limits below.  Then the header (the first
 * record) is mapped onto the columns a caller knows, by name, and each row is
 * read by column. */
#ifndef CHORUS_CSV_IN_H
#define CHORUS_CSV_IN_H

#include <stddef.h>
#include "chorus/err.h"

#define CSV_IN_MAX_BYTES  ((size_t)64 << 20)   /* the whole file */
#define CSV_IN_MAX_FIELD  65536                 /* bytes of one field */
#define CSV_IN_MAX_FIELDS 256                   /* fields of one record */
#define CSV_IN_MAX_RECORDS 200000               /* records, the header included */
/* Fields of the whole file: every field is kept until the file is checked,
 * so this bounds the memory (a 64 MiB file of one-byte fields took 1.4 GB). */
#define CSV_IN_MAX_CELLS  3000000

struct csv_in_record {
	int line;            /* where it starts, 1-based */
	char **fields;
	int nfields;
};

struct csv_in {
	char name[1024];     /* the file, as messages name it */
	struct csv_in_record *recs;
	int nrecs, cap;
};

/* Where a problem is reported: line is 0 for the file as a whole.  The caller
 * decides how a person sees it (the CLI prints "chorus: NAME:LINE: MSG"). */
typedef void (*csv_in_report_fn)(void *ctx, const char *name, int line, const char *msg);

/* Parse len bytes (need not end in a NUL).  name is for messages.  CH_OK with
 * in filled; CH_INVALID with "NAME:LINE: ..." in e; CH_UNUSABLE when out of
 * memory.  Free in in every case. */
int csv_in_parse(const char *name, const char *buf, size_t len, struct csv_in *in, struct err *e);
/* The same from a file ("-" = standard input, named "standard input"). */
int csv_in_read_file(const char *path, struct csv_in *in, struct err *e);
void csv_in_free(struct csv_in *in);

/* A column a caller knows: its name (lower case) and, when it must be
 * there, why ("no NAME column: WHY"); NULL when it is optional. */
struct csv_in_column {
	const char *name;
	const char *required;
};

#define CSV_IN_IGNORE_UNKNOWN 1   /* report an unknown column, but go on without it */

/* Map the header (record 0) onto cols: map[c] is the field holding cols[c],
 * or -1.  Names compare without case and without the blanks around them.
 * Every unknown, repeated or missing required column is reported; CH_INVALID
 * when there was one (unknown ones only without CSV_IN_IGNORE_UNKNOWN). */
int csv_in_header(const struct csv_in *in, const struct csv_in_column *cols, int ncols, int flags,
		  int *map, csv_in_report_fn report, void *ctx);

/* Record r (>= 1) by column: v[c] is its field for cols[c] with the blanks
 * around it cut off (in place), or "" when the header has no such column.
 * A record with another number of fields than the header is reported: 0;
 * else 1. */
int csv_in_row(struct csv_in *in, int r, const int *map, int ncols, const char **v,
	       csv_in_report_fn report, void *ctx);

/* A value for a message: control characters replaced, cut to 40 columns. */
void csv_in_shown(const char *v, char *out, size_t n);

#endif
