/* store_health.c — the pragmas chorus doctor reports (store_health.h). */
#include <stdio.h>
#include "chorus/store_health.h"
#include "core.h"

/* The first column of a pragma's first row as text. */
static void pragma_text(struct store *s, const char *sql, char *out, size_t n)
{
	out[0] = 0;
	sqlite3_stmt *q = store_prepare(s, sql, NULL);
	if (!q)
		return;
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
}

void store_journal_mode(struct store *s, char *out, size_t n)
{
	pragma_text(s, "PRAGMA journal_mode", out, n);
}

void store_integrity(struct store *s, char *out, size_t n)
{
	pragma_text(s, "PRAGMA integrity_check", out, n);
}
