/* fuzz_audit.c — libFuzzer harness for the audit chain's verifier: the bytes
 * describe up to 64 event rows whose columns may hold any SQLite type and
 * value (ids out of order or missing, text where numbers belong, hashes of
 * any length), as someone with the sqlite3 shell could write them.
 * audit_verify must read them without a crash, count every row, and name as
 * first broken event one that exists; after audit_hash_all has hashed them
 * (what the migration does), the same rows must verify intact.
 *
 * Input: a row is 9 columns (id, at, actor_id, on_behalf_id, entity,
 * entity_id, action, detail, hash); a column is a type byte (mod 5: NULL,
 * integer of 8 bytes, real of 8 bytes, text or blob of a length byte and
 * that many bytes).  Rows that SQLite refuses (a text id) are skipped. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/audit.h"
#include "../../src/core/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct in {
	const uint8_t *p;
	size_t n;
};

static int take(struct in *in, void *out, size_t k)
{
	if (in->n < k)
		return 0;
	memcpy(out, in->p, k);
	in->p += k;
	in->n -= k;
	return 1;
}

/* Bind the next column of the input as ?i; 0 when the input ran out. */
static int bind_next(struct in *in, sqlite3_stmt *st, int i)
{
	uint8_t type, len;
	if (!take(in, &type, 1))
		return 0;
	switch (type % 5) {
	case 0:
		sqlite3_bind_null(st, i);
		return 1;
	case 1: {
		int64_t v;
		if (!take(in, &v, sizeof v))
			return 0;
		sqlite3_bind_int64(st, i, v % 100000);   /* small ids collide more */
		return 1;
	}
	case 2: {
		double d;
		if (!take(in, &d, sizeof d))
			return 0;
		sqlite3_bind_double(st, i, d);
		return 1;
	}
	default:
		if (!take(in, &len, 1) || in->n < len)
			return 0;
		if (type % 5 == 3)
			sqlite3_bind_text(st, i, (const char *)in->p, len, SQLITE_TRANSIENT);
		else
			sqlite3_bind_blob(st, i, in->p, len, SQLITE_TRANSIENT);
		in->p += len;
		in->n -= len;
		return 1;
	}
}

static long long count(sqlite3 *db)
{
	sqlite3_stmt *q;
	long long n = -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static int exists(sqlite3 *db, int64_t id)
{
	sqlite3_stmt *q;
	int yes = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM events WHERE id = ?", -1, &q, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, id);
		yes = sqlite3_step(q) == SQLITE_ROW;
	}
	sqlite3_finalize(q);
	return yes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store s;
	memset(&s, 0, sizeof s);
	if (sqlite3_open(":memory:", &s.db) != SQLITE_OK)
		abort();
	s.mode = STORE_MODE_LOCAL;
	s.schema_version = SCHEMA_AUDIT_CHAIN;
	/* The events table as the migrations leave it, less its CHECK (a row
	 * the shell could not write is not the point here). */
	if (sqlite3_exec(s.db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
			 "CREATE TABLE events(id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor_id INTEGER,"
			 " on_behalf_id INTEGER, entity TEXT NOT NULL, entity_id INTEGER, action TEXT NOT NULL,"
			 " detail TEXT NOT NULL DEFAULT '{}', hash BLOB)", NULL, NULL, NULL) != SQLITE_OK)
		abort();
	sqlite3_stmt *ins;
	if (sqlite3_prepare_v2(s.db, "INSERT OR IGNORE INTO events VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &ins,
			       NULL) != SQLITE_OK)
		abort();
	struct in in = { data, size };
	for (int row = 0; row < 64; row++) {
		int full = 1;
		for (int c = 1; full && c <= 9; c++)
			full = bind_next(&in, ins, c);
		if (!full)
			break;
		sqlite3_step(ins);   /* refused rows (NOT NULL, a text id) are skipped */
		sqlite3_reset(ins);
		sqlite3_clear_bindings(ins);
	}
	sqlite3_finalize(ins);
	for (int i = 0; i < schema_nevent_triggers; i++)
		if (sqlite3_exec(s.db, schema_event_triggers[i].sql, NULL, NULL, NULL) != SQLITE_OK)
			abort();
	long long n = count(s.db);
	struct audit_check ck;
	struct err e = {0};
	if (audit_verify(&s, &ck, &e) != CH_OK)
		abort();
	if (ck.events != n || ck.missing[0] || (ck.broken_id && !exists(s.db, ck.broken_id)))
		abort();
	/* Hashed from the first event on, the same rows hold together. */
	if (sqlite3_exec(s.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK || audit_hash_all(&s, &e) != CH_OK ||
	    sqlite3_exec(s.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		abort();
	if (audit_verify(&s, &ck, &e) != CH_OK || ck.events != n || ck.broken_id != 0 || ck.missing[0])
		abort();
	sqlite3_close(s.db);
	return 0;
}
