/* demo_facts.c — the demo's mark and what a demo holds (demo_facts.h). */
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/demo_facts.h"
#include "core.h"
#include "../util/timeutil.h"

int demo_file_marked(const char *path)
{
	sqlite3 *db = NULL;
	int demo = 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_stmt *q = NULL;
		if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'demo'", -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
			demo = strcmp((const char *)sqlite3_column_text(q, 0), "1") == 0;
		sqlite3_finalize(q);
	}
	sqlite3_close(db);
	return demo;
}

int demo_mark(struct store *s, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, "INSERT INTO meta(key, value) VALUES('demo', '1') "
				       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", e);
	int rc = q ? sqlite3_step(q) : SQLITE_ERROR;
	sqlite3_finalize(q);
	if (!q)
		return e->status;
	return rc == SQLITE_DONE ? CH_OK : store_sql_error(s, rc, _("marking the demo"), e);
}

static long long count(struct store *s, const char *sql)
{
	long long n = 0;
	sqlite3_stmt *q = store_prepare(s, sql, NULL);
	if (q && sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

int demo_count(struct store *s, struct demo_counts *k, struct err *e)
{
	memset(k, 0, sizeof *k);
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	k->people = count(s, "SELECT count(*) FROM people");
	k->teams = count(s, "SELECT count(*) FROM teams");
	k->masters = count(s, "SELECT count(*) FROM people WHERE roles & 1");
	k->editors = count(s, "SELECT count(*) FROM people WHERE roles & 2 AND NOT roles & 1");
	k->creators = count(s, "SELECT count(*) FROM people WHERE roles & 4 AND NOT roles & 1");
	k->idle = count(s, "SELECT count(*) FROM people p WHERE NOT EXISTS "
			"(SELECT 1 FROM events e WHERE e.actor_id = p.id OR e.on_behalf_id = p.id)");
	k->content = count(s, "SELECT count(*) FROM content");
	sqlite3_stmt *q = store_prepare(s, "SELECT count(*) FROM content WHERE stage = ?", NULL);
	for (int i = 0; q && i < STAGE_COUNT; i++) {
		sqlite3_reset(q);
		sqlite3_bind_text(q, 1, stage_name((enum stage)i), -1, SQLITE_STATIC);
		k->stage[i] = sqlite3_step(q) == SQLITE_ROW ? (long long)sqlite3_column_int64(q, 0) : 0LL;
	}
	sqlite3_finalize(q);
	k->messages = count(s, "SELECT count(*) FROM messages");
	k->comments = count(s, "SELECT count(*) FROM comments");
	k->campaigns = count(s, "SELECT count(*) FROM campaigns");
	k->shares = count(s, "SELECT count(*) FROM shares");
	k->sharers = count(s, "SELECT count(DISTINCT person_id) FROM shares");
	k->share_weeks = count(s, "SELECT count(DISTINCT (shared_at - " TIME_WEEK0_SQL ") / " TIME_WEEK_SQL ") FROM shares");
	k->events = count(s, "SELECT count(*) FROM events");
	return store_end(s, CH_OK, e);
}
