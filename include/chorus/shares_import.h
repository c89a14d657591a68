/* shares_import.h — the figures platforms report, many shares at once, from
 * rows a caller has read (chorus shares import FILE.csv reads them with
 * csv_in).  All or nothing: every bad row is reported with its line and
 * column, and then nothing is saved.  A known share (by message and person,
 * or by URL) gets its figures updated; a new one is logged for that person.
 * Masters only. */
#ifndef CHORUS_SHARES_IMPORT_H
#define CHORUS_SHARES_IMPORT_H

#include "chorus/store.h"

/* The five figures of a row, in this order. */
enum { SHARES_IMPORT_FIGURES = 5 };

/* One row as read; "" in a field: not given (a figure not given stays as
 * it is).  A row needs a message_id or a url. */
struct shares_import_row {
	int line;                  /* where the row is, for messages */
	const char *message_id;
	const char *url;
	const char *login;         /* who shared it */
	const char *platform;      /* "": the message's platform */
	const char *date;          /* YYYY-MM-DD */
	const char *figures[SHARES_IMPORT_FIGURES];  /* impressions, clicks, reactions, comments, reshares */
};

struct shares_import_counts {
	int added, updated, unchanged;
};

/* A problem with a row: msg starts with the column at fault and ": ". */
typedef void (*shares_import_report_fn)(void *ctx, int line, const char *msg);

/* Check and apply rows in one write transaction.  known_bad rows the caller
 * already found bad (and reported) count as bad rows too.  by_url: the file
 * has no message_id column (a row missing both is then said to miss its url).
 * CH_OK with the counts; CH_FAILED when the caller is not a master;
 * CH_INVALID when a row is bad ("N bad rows of M: nothing was imported" in
 * e); CH_BUSY or CH_UNUSABLE from the database. */
int shares_import(struct store *s, const struct shares_import_row *rows, int n, int known_bad, int by_url,
		  struct shares_import_counts *counts, shares_import_report_fn report, void *ctx, struct err *e);

#endif
