/* audit.c — appending to and reading the event log.  The log is the history
 * every heatmap and report is computed from; triggers keep it append-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/audit.h"
#include "core.h"

int audit_log(struct store *s, const char *entity, int64_t entity_id,
	      const char *action, struct json *detail, struct err *e)
{
	const char *text = detail ? json_done(detail) : "{}";
	if (!text)
		return err_set(e, CH_UNUSABLE, "out of memory");
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO events(at, actor_id, on_behalf_id, entity, entity_id, action, detail) "
		"VALUES(?, ?, ?, ?, ?, ?, ?)", e);
	if (!st)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(st, 1, store_now());
	if (s->actor)
		sqlite3_bind_int64(st, 2, s->actor);
	if (s->me && s->me != s->actor)
		sqlite3_bind_int64(st, 3, s->me);
	sqlite3_bind_text(st, 4, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, entity_id);
	sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, text, -1, SQLITE_STATIC);
	return core_run(s, st, "writing the audit log", e);
}

int audit_history(struct store *s, const char *entity, int64_t id,
		  struct audit_event **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s,
		"SELECT e.id, e.at, a.login, b.login, e.action, e.detail FROM events e "
		"LEFT JOIN people a ON a.id = e.actor_id LEFT JOIN people b ON b.id = e.on_behalf_id "
		"WHERE e.entity = ? AND e.entity_id = ? ORDER BY e.id", e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_text(q, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct audit_event *ev = core_grow((void **)out, n, sizeof **out);
		if (!ev) {
			st = err_set(e, CH_UNUSABLE, "out of memory");
			break;
		}
		ev->id = sqlite3_column_int64(q, 0);
		ev->at = sqlite3_column_int64(q, 1);
		core_copy(ev->actor, sizeof ev->actor, q, 2);
		core_copy(ev->on_behalf, sizeof ev->on_behalf, q, 3);
		core_copy(ev->action, sizeof ev->action, q, 4);
		ev->detail = core_dup(q, 5);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, "reading the history", e);
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

void audit_events_free(struct audit_event *ev, int n)
{
	for (int i = 0; i < n; i++)
		free(ev[i].detail);
	free(ev);
}
