/* personal.c — a publisher's own wording of a message, kept across sessions
 * (personal.h; the table personal_texts of migration SCHEMA_PERSONAL_TEXTS). */
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/json.h"
#include "chorus/personal.h"
#include "chorus/queue.h"
#include "core.h"
#include "schema.h"

void personal_text_free(struct personal_text *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

int personal_text_list(struct store *s, struct personal_text **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	if (s->schema_version < SCHEMA_PERSONAL_TEXTS)
		return CH_OK;   /* an older file, opened read-only: none kept */
	sqlite3_stmt *q = store_prepare(s, "SELECT message_id, text, updated_at FROM personal_texts "
				       "WHERE person_id = ?1 AND shared_at IS NULL ORDER BY message_id", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(q, 1, s->me);
	int rc, st = CH_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct personal_text *p = core_grow((void **)out, n, sizeof *p);
		if (!p || !(p->text = core_dup(q, 1))) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		p->message_id = sqlite3_column_int64(q, 0);
		p->updated_at = sqlite3_column_int64(q, 2);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading your own texts"), e);
	sqlite3_finalize(q);
	if (st != CH_OK) {
		personal_text_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return st;
}

int personal_text_set(struct store *s, int64_t message_id, const char *text, struct err *e)
{
	int clear = !text || !*text;
	int st = clear ? CH_OK : core_text_ok(_("your text"), text, 1, PERSONAL_TEXT_MAX, e);
	if (st != CH_OK)
		return st;
	if (s->schema_version < SCHEMA_PERSONAL_TEXTS)
		return err_set(e, CH_FAILED, _("this database is older than this chorus and open read-only: "
			       "your text cannot be kept"));
	if ((st = store_begin(s, 1, e)) != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "SELECT 1 FROM messages WHERE id = ?1", e);
	if (!q)
		return store_end(s, e ? e->status : CH_UNUSABLE, e);
	sqlite3_bind_int64(q, 1, message_id);
	int found = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	if (!found)
		return store_end(s, err_set(e, CH_FAILED, _("no message #%lld"), (long long)message_id), e);
	q = store_prepare(s, clear ? "DELETE FROM personal_texts WHERE person_id = ?1 AND message_id = ?2 "
				     "AND shared_at IS NULL"
				   : "INSERT INTO personal_texts(person_id, message_id, text, updated_at) "
				     "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(person_id, message_id) DO UPDATE SET "
				     "text = excluded.text, updated_at = excluded.updated_at, shared_at = NULL", e);
	if (!q)
		return store_end(s, e ? e->status : CH_UNUSABLE, e);
	sqlite3_bind_int64(q, 1, s->me);
	sqlite3_bind_int64(q, 2, message_id);
	if (!clear) {
		sqlite3_bind_text(q, 3, text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, store_now());
	}
	st = core_run(s, q, _("keeping your text"), e);
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		if (clear)
			json_bool(&j, "cleared", 1);
		else
			json_int(&j, "chars", (int64_t)queue_chars(text));
		st = audit_log(s, "message", message_id, "personalise", &j, e);
		json_free(&j);
	}
	return store_end(s, st, e);
}

int personal_text_shared(struct store *s, int64_t message_id, struct err *e)
{
	if (s->schema_version < SCHEMA_PERSONAL_TEXTS)
		return CH_OK;
	sqlite3_stmt *q = store_prepare(s, "UPDATE personal_texts SET shared_at = ?3 WHERE person_id = ?1 "
				       "AND message_id = ?2 AND shared_at IS NULL", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(q, 1, s->me);
	sqlite3_bind_int64(q, 2, message_id);
	sqlite3_bind_int64(q, 3, store_now());
	return core_run(s, q, _("marking your text shared"), e);
}
