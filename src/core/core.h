/* core.h — private helpers shared by the core modules (not a public header). */
#ifndef CHORUS_CORE_H
#define CHORUS_CORE_H

#include <sqlite3.h>
#include "chorus/store.h"

/* A column as text, "" when NULL. */
const char *core_col(sqlite3_stmt *st, int i);
/* Copy a column into a fixed buffer, cut on a UTF-8 boundary. */
void core_copy(char *dst, size_t n, sqlite3_stmt *st, int i);
/* strdup of a column (never NULL unless out of memory). */
char *core_dup(sqlite3_stmt *st, int i);
char *core_strdup(const char *s);
/* Append one zeroed element to an array that only ever grows through here
 * (it starts NULL with *n == 0): room doubles, from 16.  Returns the new
 * element, or NULL when out of memory (the array stays as it was). */
void *core_grow(void **arr, int *n, size_t size);
/* Bind text, or NULL when s is NULL. */
void core_bind_text(sqlite3_stmt *st, int i, const char *s);

/* The imports (people_import, shares_import): a row's problem to the
 * caller's reporter, printf-style; and how many bytes of a value from the
 * file to show in a message (at most 40, never inside a character). */
void core_report(void (*report)(void *ctx, int line, const char *msg), void *ctx, int line,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int core_shown(const char *v);

/* Step a statement that returns no rows, then finalise it. */
int core_run(struct store *s, sqlite3_stmt *st, const char *what, struct err *e);

/* Check a row's version inside a write transaction.  sql selects
 * (version, updated_at, login of updated_by) for ?1 = id.  Missing row:
 * CH_FAILED "no such WHAT".  expected != 0 and different: a conflict that says
 * who changed it and when.  *version gets the current version. */
int core_version(struct store *s, const char *sql, int64_t id, int expected,
		 const char *what, int *version, struct err *e);


/* The conflict check of core_version, for a row the caller has already read:
 * CH_BUSY (ERR_CONFLICT, who and when) when expected != 0 and differs. */
int core_stale(const char *what, int64_t id, int expected, int version, int64_t at,
	       const char *by, struct err *e);

/* Find an id by a unique name: sql selects id for ?1.  0 when none. */
int64_t core_id_by(struct store *s, const char *sql, const char *name);

/* Text checks shared by every writer: non-empty after trimming, valid UTF-8,
 * no control characters except newline and tab (in multi-line fields). */
int core_text_ok(const char *field, const char *text, int multiline, size_t max, struct err *e);

/* store_ahead.c: before a scan of the named tables and indexes from end to
 * end, tell the kernel where their leaf pages are (a hint: nothing changes
 * when it fails; not in share mode). */
void store_read_ahead(struct store *s, const char *const *names, int n);

/* content.c: a logged share moves ready content to shared (inside the caller's transaction). */
int content_mark_shared(struct store *s, int64_t id, struct err *e);

#endif
