/* audit.c — appending to and reading the event log.  The log is the history
 * every heatmap and report is computed from; triggers keep it append-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nettle/sha2.h>
#include "chorus/audit.h"
#include "chorus/i18n.h"
#include "core.h"
#include "schema.h"

/* --- the chain ------------------------------------------------------------------------------ */

/* One column into the hash, by its storage type: a tag, then the value's
 * bytes (integers and lengths as 8 bytes big-endian), so that no two rows
 * hash alike unless they are alike, whatever a hand-written row holds. */
static void hash_be64(struct sha256_ctx *h, uint64_t v)
{
	uint8_t b[8];
	for (int i = 7; i >= 0; i--, v >>= 8)
		b[i] = (uint8_t)v;
	sha256_update(h, 8, b);
}

static void hash_tag(struct sha256_ctx *h, uint8_t tag)
{
	sha256_update(h, 1, &tag);
}

static void hash_int(struct sha256_ctx *h, int null, int64_t v)
{
	hash_tag(h, null ? 'N' : 'I');
	if (!null)
		hash_be64(h, (uint64_t)v);
}

static void hash_text(struct sha256_ctx *h, uint8_t tag, const void *p, size_t n)
{
	hash_tag(h, tag);
	hash_be64(h, n);
	sha256_update(h, n, p);
}

static void hash_column(struct sha256_ctx *h, sqlite3_stmt *q, int i)
{
	switch (sqlite3_column_type(q, i)) {
	case SQLITE_NULL:
		hash_int(h, 1, 0);
		break;
	case SQLITE_INTEGER:
		hash_int(h, 0, sqlite3_column_int64(q, i));
		break;
	case SQLITE_FLOAT: {
		double d = sqlite3_column_double(q, i);
		uint64_t bits;
		memcpy(&bits, &d, sizeof bits);
		hash_tag(h, 'F');
		hash_be64(h, bits);
		break;
	}
	case SQLITE_BLOB: {
		const void *p = sqlite3_column_blob(q, i);
		hash_text(h, 'B', p, (size_t)sqlite3_column_bytes(q, i));
		break;
	}
	default: {
		const unsigned char *t = sqlite3_column_text(q, i);
		hash_text(h, 'T', t, (size_t)sqlite3_column_bytes(q, i));
	}
	}
}

/* The columns, in this order, are what an event's hash covers. */
#define EVENT_COLUMNS "id, at, actor_id, on_behalf_id, entity, entity_id, action, detail"
#define EVENT_NCOLUMNS 8

/* The hash of the event in q's columns 0..7 after prev. */
static void hash_row(const uint8_t prev[AUDIT_HASH_LEN], sqlite3_stmt *q, uint8_t out[AUDIT_HASH_LEN])
{
	struct sha256_ctx h;
	sha256_init(&h);
	sha256_update(&h, AUDIT_HASH_LEN, prev);
	for (int i = 0; i < EVENT_NCOLUMNS; i++)
		hash_column(&h, q, i);
	sha256_digest(&h, AUDIT_HASH_LEN, out);
}

/* The last event's id and hash (zeros when there is none or it has none). */
static int chain_head(struct store *s, int64_t *id, uint8_t head[AUDIT_HASH_LEN], struct err *e)
{
	*id = 0;
	memset(head, 0, AUDIT_HASH_LEN);
	sqlite3_stmt *q = store_prepare(s, "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		if (sqlite3_column_bytes(q, 1) == AUDIT_HASH_LEN)
			memcpy(head, sqlite3_column_blob(q, 1), AUDIT_HASH_LEN);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CH_OK : store_sql_error(s, rc, _("reading the audit log"), e);
}

static void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* One event's values, bound as ?1..?8 in EVENT_COLUMNS order. */
struct event_values {
	int64_t id, at, actor, on_behalf;
	const char *entity;
	int64_t entity_id;
	const char *action, *detail;
};

static void bind_event(sqlite3_stmt *st, const struct event_values *ev)
{
	sqlite3_bind_int64(st, 1, ev->id);
	sqlite3_bind_int64(st, 2, ev->at);
	bind_id(st, 3, ev->actor);
	bind_id(st, 4, ev->on_behalf);
	sqlite3_bind_text(st, 5, ev->entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, ev->entity_id);
	sqlite3_bind_text(st, 7, ev->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, ev->detail, -1, SQLITE_STATIC);
}

int audit_append(struct store *s, int64_t at, int64_t actor, int64_t on_behalf, const char *entity,
		 int64_t entity_id, const char *action, const char *detail, struct err *e)
{
	int64_t last;
	uint8_t prev[AUDIT_HASH_LEN], hash[AUDIT_HASH_LEN];
	int st = chain_head(s, &last, prev, e);
	if (st != CH_OK)
		return st;
	/* The row is hashed as SQLite holds it: read back through a SELECT of
	 * the same values, so the types are the ones the table would store. */
	sqlite3_stmt *v = store_prepare(s, "SELECT CAST(?1 AS INTEGER), CAST(?2 AS INTEGER), ?3, ?4, "
				       "CAST(?5 AS TEXT), ?6, CAST(?7 AS TEXT), CAST(?8 AS TEXT)", e);
	if (!v)
		return e ? e->status : CH_UNUSABLE;
	struct event_values ev = { last + 1, at, actor, on_behalf, entity, entity_id, action, detail };
	bind_event(v, &ev);
	int rc = sqlite3_step(v);
	if (rc == SQLITE_ROW)
		hash_row(prev, v, hash);
	sqlite3_finalize(v);
	if (rc != SQLITE_ROW)
		return store_sql_error(s, rc, _("writing the audit log"), e);
	sqlite3_stmt *ins = store_prepare(s,
		"INSERT INTO events(id, at, actor_id, on_behalf_id, entity, entity_id, action, detail, hash) "
		"VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (!ins)
		return e ? e->status : CH_UNUSABLE;
	bind_event(ins, &ev);
	sqlite3_bind_blob(ins, 9, hash, AUDIT_HASH_LEN, SQLITE_STATIC);
	return core_run(s, ins, _("writing the audit log"), e);
}

int audit_log(struct store *s, const char *entity, int64_t entity_id,
	      const char *action, struct json *detail, struct err *e)
{
	const char *text = detail ? json_done(detail) : "{}";
	if (!text)
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	return audit_append(s, store_now(), s->actor, s->me && s->me != s->actor ? s->me : 0,
			    entity, entity_id, action, text, e);
}

int audit_hash_all(struct store *s, struct err *e)
{
	/* The update trigger refuses the very UPDATE that adds the hashes: set
	 * it aside inside this transaction, and put the same text back. */
	int st = store_exec(s, "DROP TRIGGER IF EXISTS events_append_only_update", e);
	sqlite3_stmt *q = st == CH_OK ? store_prepare(s, "SELECT " EVENT_COLUMNS " FROM events ORDER BY id", e) : NULL;
	sqlite3_stmt *u = q ? store_prepare(s, "UPDATE events SET hash = ? WHERE id = ?", e) : NULL;
	if (!u) {
		sqlite3_finalize(q);
		return e ? e->status : CH_UNUSABLE;
	}
	uint8_t prev[AUDIT_HASH_LEN] = {0};
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		hash_row(prev, q, prev);
		sqlite3_bind_blob(u, 1, prev, AUDIT_HASH_LEN, SQLITE_STATIC);
		sqlite3_bind_int64(u, 2, sqlite3_column_int64(q, 0));
		int urc = sqlite3_step(u);
		sqlite3_reset(u);
		if (urc != SQLITE_DONE) {
			rc = urc;
			break;
		}
	}
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	if (rc != SQLITE_DONE)
		return store_sql_error(s, rc, _("hashing the audit log"), e);
	return store_exec(s, schema_events_no_update, e);
}

int audit_verify(struct store *s, struct audit_check *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	/* The append-only triggers, each with the text chorus gave it. */
	sqlite3_stmt *t = store_prepare(s, "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
				       "AND name = ? AND tbl_name = 'events'", e);
	if (!t)
		return store_end(s, e->status, e);
	for (int i = 0; i < schema_nevent_triggers; i++) {
		const struct schema_trigger *tr = &schema_event_triggers[i];
		sqlite3_bind_text(t, 1, tr->name, -1, SQLITE_STATIC);
		int have = sqlite3_step(t) == SQLITE_ROW && sqlite3_column_text(t, 0) &&
			   strcmp((const char *)sqlite3_column_text(t, 0), tr->sql) == 0;
		sqlite3_reset(t);
		size_t used = strlen(out->missing);
		if (!have && s->schema_version >= tr->since)
			snprintf(out->missing + used, sizeof out->missing - used, "%s%s", used ? ", " : "", tr->name);
	}
	sqlite3_finalize(t);
	if (s->schema_version < SCHEMA_AUDIT_CHAIN) {
		out->unhashed = 1;
		return store_end(s, CH_OK, e);
	}
	sqlite3_stmt *q = store_prepare(s, "SELECT " EVENT_COLUMNS ", hash FROM events ORDER BY id", e);
	if (!q)
		return store_end(s, e->status, e);
	uint8_t want[AUDIT_HASH_LEN];
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		out->events++;
		hash_row(out->head, q, want);
		if (sqlite3_column_bytes(q, EVENT_NCOLUMNS) != AUDIT_HASH_LEN ||
		    memcmp(sqlite3_column_blob(q, EVENT_NCOLUMNS), want, AUDIT_HASH_LEN) != 0) {
			if (!out->broken_id)
				out->broken_id = sqlite3_column_int64(q, 0);
			/* Go on from the hash stored: the count and the head stay true. */
			memset(out->head, 0, AUDIT_HASH_LEN);
			if (sqlite3_column_bytes(q, EVENT_NCOLUMNS) == AUDIT_HASH_LEN)
				memcpy(out->head, sqlite3_column_blob(q, EVENT_NCOLUMNS), AUDIT_HASH_LEN);
		} else {
			memcpy(out->head, want, AUDIT_HASH_LEN);
		}
	}
	if (rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading the audit log"), e);
	sqlite3_finalize(q);
	return store_end(s, st, e);
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
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
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
		st = store_sql_error(s, rc, _("reading the history"), e);
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

void audit_events_free(struct audit_event *ev, int n)
{
	for (int i = 0; i < n; i++)
		free(ev[i].detail);
	free(ev);
}
