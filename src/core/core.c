/* core.c — small helpers the core modules share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chorus/err.h"
#include "chorus/i18n.h"
#include "core.h"
#include "../util/utf8.h"

const char *core_col(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? t : "";
}

void core_copy(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	const char *t = core_col(st, i);
	size_t len = strlen(t);
	if (len >= n)
		len = utf8_cut(t, n - 1);
	memcpy(dst, t, len);
	dst[len] = 0;
}

char *core_strdup(const char *s)
{
	return strdup(s ? s : "");
}

void *core_grow(void **arr, int *n, size_t size)
{
	int k = *n;
	/* Capacity is 16, then the next power of two: grow when k reaches it. */
	if (k == 0 || (k >= 16 && (k & (k - 1)) == 0)) {
		size_t cap = k == 0 ? 16 : (size_t)k * 2;
		char *m = realloc(*arr, cap * size);
		if (!m)
			return NULL;
		*arr = m;
	}
	char *el = (char *)*arr + (size_t)k * size;
	memset(el, 0, size);
	*n = k + 1;
	return el;
}

char *core_dup(sqlite3_stmt *st, int i)
{
	return core_strdup(core_col(st, i));
}

void core_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int core_run(struct store *s, sqlite3_stmt *st, const char *what, struct err *e)
{
	if (!st)
		return e ? e->status : CH_UNUSABLE;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? CH_OK : store_sql_error(s, rc, what, e);
}


int core_version(struct store *s, const char *sql, int64_t id, int expected,
		 const char *what, int *version, struct err *e)
{
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? err_set(e, CH_FAILED, _("no such %s: %lld"), what, (long long)id)
					 : store_sql_error(s, rc, what, e);
	}
	int v = sqlite3_column_int(st, 0);
	int64_t at = sqlite3_column_int64(st, 1);
	char by[64];
	core_copy(by, sizeof by, st, 2);
	sqlite3_finalize(st);
	if (version)
		*version = v;
	return core_stale(what, id, expected, v, at, by, e);
}

int core_stale(const char *what, int64_t id, int expected, int version, int64_t at,
	       const char *by, struct err *e)
{
	if (expected && expected != version) {
		char when[32];
		store_time_str(at, when, sizeof when);
		err_set(e, CH_BUSY, _("%s %lld was changed by %s at %s while you worked on it; "
			"your change was not saved"), what, (long long)id, by[0] ? by : _("someone"), when);
		if (e) {
			e->kind = ERR_CONFLICT;
			snprintf(e->by, sizeof e->by, "%s", by);
			e->at = at;
			e->version = version;
		}
		return CH_BUSY;
	}
	return CH_OK;
}

int64_t core_id_by(struct store *s, const char *sql, const char *name)
{
	int64_t id = 0;
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* Valid UTF-8 (no overlongs, no surrogates) and no control characters. */
int core_text_ok(const char *field, const char *text, int multiline, size_t max, struct err *e)
{
	if (!text)
		return err_set(e, CH_INVALID, _("%s is missing"), field);
	size_t len = strlen(text), blank = strspn(text, " \t\r\n");
	if (blank == len && !multiline)
		return err_set(e, CH_INVALID, _("%s is empty"), field);
	if (len > max)
		return err_set(e, CH_INVALID, _("%s is too long: %zu bytes, at most %zu"), field, len, max);
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (!n)
			return err_set(e, CH_INVALID, _("%s is not valid UTF-8 (byte %zu)"), field, i + 1);
		int ok_ctl = multiline && (cp == '\n' || cp == '\t' || cp == '\r');
		if ((cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) && !ok_ctl)
			return err_set(e, CH_INVALID, _("%s contains a control character (byte %zu)"), field, i + 1);
		i += n;
	}
	return CH_OK;
}
