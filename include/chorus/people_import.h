/* people_import.h — many people at once, from rows a caller has read (chorus
 * people import FILE.csv reads them with csv_in).  All or nothing: every bad
 * row is reported with its line and field, and then nothing is saved.  A
 * login already in the programme is updated, never added twice; teams and
 * focus groups are created as they are named.  Masters only. */
#ifndef CHORUS_PEOPLE_IMPORT_H
#define CHORUS_PEOPLE_IMPORT_H

#include "chorus/store.h"

/* One row; "" in a field leaves it as it is (a new person: the login as the
 * name, no e-mail, no team, publisher only, active). */
struct people_import_row {
	int line;                  /* where the row is, for messages */
	const char *login;
	const char *name;
	const char *email;
	const char *team;
	const char *roles;         /* role names separated by ';' or ',' (publisher is implied) */
	const char *focus_groups;  /* names separated by ';': joined, never left */
	const char *active;        /* yes or no */
	/* PLATFORM=ACCOUNT[:FOLLOWERS] separated by ';' (linkedin=anouk:1200;x=@anouk):
	 * each added or changed, never removed (people_handle_parse) */
	const char *handles;
};

struct people_import_counts {
	int added, updated, unchanged;
};

/* A problem with a row: msg starts with the field at fault and ": ", or
 * with "row: " when no single field is. */
typedef void (*people_import_report_fn)(void *ctx, int line, const char *msg);

/* The checks that need no database: each problem reported; the number of bad
 * rows.  Two rows with one login are a problem too. */
int people_import_check(const struct people_import_row *rows, int n, people_import_report_fn report,
			void *ctx);

/* Check and apply rows in one write transaction.  known_bad rows the caller
 * already found bad (and reported) count as bad rows too.  CH_OK with the
 * counts; CH_FAILED when the caller is not a master; CH_INVALID when a row
 * is bad ("N bad rows of M: nothing was imported" in e); CH_BUSY or
 * CH_UNUSABLE from the database. */
int people_import(struct store *s, const struct people_import_row *rows, int n, int known_bad,
		  struct people_import_counts *counts, people_import_report_fn report, void *ctx,
		  struct err *e);

#endif
