/* store.c — the one SQLite file: connections in each deployment mode, the
 * transactions everything else uses, meta and settings, and migrations.
 * Beside it: store_mount.c (filesystems and mounts under the file),
 * store_open.c (create, open, the clock), store_lock.c (busy and lock
 * messages, mode conversion, breaking a lock), store_identity.c (who is
 * using it and their roles). */
#include <pwd.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "chorus/store.h"
#include "chorus/sharelock.h"
#include "core.h"
#include "schema.h"
#include "store_parts.h"
#include "store_test.h"
#include "../util/xdg.h"

const char *store_mode_name(enum store_mode m)
{
	return m == STORE_MODE_LOCAL ? "local" : m == STORE_MODE_SHARE ? "share" : "none";
}

int store_schema_latest(void)
{
	return schema_migrations[schema_nmigrations - 1].version;
}

const char *store_os_login(void)
{
	static char login[64];
	struct passwd *pw = getpwuid(getuid());
	snprintf(login, sizeof login, "%s", pw ? pw->pw_name : "");
	return login;
}

/* --- paths ------------------------------------------------------------- */

int store_default_path(const char *opt, char *out, size_t outlen, struct err *e)
{
	const char *env = getenv("CHORUS_DB");
	if (opt && *opt)
		snprintf(out, outlen, "%s", opt);
	else if (env && *env)
		snprintf(out, outlen, "%s", env);
	else {
		int rc = xdg_path(XDG_DATA, "chorus.db", out, outlen);
		if (rc == -1)
			return err_set(e, CH_INVALID, _("no database path: set --db, $CHORUS_DB or $HOME"));
		if (rc != 0)
			return err_set(e, CH_INVALID, _("no database path: $XDG_DATA_HOME or $HOME is too long"));
	}
	return CH_OK;
}

void store_dir_of(const char *path, char *dir, size_t len)
{
	snprintf(dir, len, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, len, ".");
	else if (slash == dir)
		dir[1] = 0;
	else
		*slash = 0;
}

/* --- connections ------------------------------------------------------- */

int store_exec(struct store *s, const char *sql, struct err *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? CH_OK : store_sql_error(s, rc, _("database"), e);
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		store_sql_error(s, rc, _("preparing a query"), e);
		return NULL;
	}
	return st;
}

/* CHORUS_SQL_LOG=FILE (for make bench): every statement a connection runs is
 * appended to FILE with its parameters filled in, one per line ending in ';',
 * so that the sqlite3 shell can run exactly the same queries.  Statements of
 * triggers are left out: the statement that fired them stands for them. */
static int sql_log(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	if (type != SQLITE_TRACE_STMT || (x && strncmp(x, "--", 2) == 0))
		return 0;
	static FILE *f;
	if (!f) {
		f = fopen(getenv("CHORUS_SQL_LOG"), "a");
		if (!f)
			return 0;
	}
	char *sql = sqlite3_expanded_sql(p);
	if (sql) {
		size_t n = strlen(sql);
		while (n > 0 && (sql[n - 1] == ';' || sql[n - 1] == ' ' || sql[n - 1] == '\n'))
			sql[--n] = 0;
		for (char *c = sql; *c; c++)
			if (*c == '\n' || *c == '\t')
				*c = ' ';
		fprintf(f, "%s;\n", sql);
		fflush(f);
		sqlite3_free(sql);
	}
	return 0;
}

/* Open a connection the way the recorded mode wants it. */
int store_conn_open(struct store *s, int create, struct err *e)
{
	int flags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	const char *vfs = NULL;
	if (s->mode == STORE_MODE_SHARE) {
		if (sharelock_register() != SQLITE_OK)
			return err_set(e, CH_UNUSABLE, _("internal: cannot set up share mode's lock"));
		vfs = SHARELOCK_VFS;
	}
	int rc = sqlite3_open_v2(s->path, &s->db, flags | SQLITE_OPEN_NOMUTEX, vfs);
	if (rc != SQLITE_OK) {
		int st = store_sql_error(s, rc, _("opening the database"), e);
		sqlite3_close(s->db);
		s->db = NULL;
		return st;
	}
	if (s->mode == STORE_MODE_SHARE) {
		sqlite3_busy_handler(s->db, store_share_busy, s);
		int on = s->linger, fuse = store_fs_is_fuse(s->fs_type);
		sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_LINGER, &on);
		/* Over the network no page cached here is ever read for the file. */
		if (store_fs_is_network(s->fs_type) && !store_fs_pretended() &&
		    sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_DIRECT, &fuse) != SQLITE_OK) {
			int st = err_set(e, CH_UNUSABLE, _("%s: cannot open for direct I/O: %s"), s->path, strerror(errno));
			sqlite3_close(s->db);
			s->db = NULL;
			return st;
		}
	}
	else
		sqlite3_busy_timeout(s->db, s->busy_ms);
	sqlite3_extended_result_codes(s->db, 1);
	if (s->stop)
		sqlite3_progress_handler(s->db, STORE_STOP_STEPS, s->stop, s->stop_arg);
	if (getenv("CHORUS_SQL_LOG"))
		sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, sql_log, NULL);
	/* recursive_triggers: an INSERT OR REPLACE that would replace an event
	 * fires the append-only DELETE trigger too, so it is refused as well. */
	const char *pragmas = s->mode == STORE_MODE_SHARE
		? "PRAGMA foreign_keys=ON; PRAGMA recursive_triggers=ON; PRAGMA synchronous=FULL;"
		: "PRAGMA foreign_keys=ON; PRAGMA recursive_triggers=ON; PRAGMA synchronous=NORMAL;";
	int st = store_exec(s, pragmas, e);
	if (st != CH_OK) {
		/* busy (share mode: another client holds the lock): no
		 * caller closes a connection that failed to open */
		sqlite3_close(s->db);
		s->db = NULL;
	}
	return st;
}

void store_stop_when(struct store *s, int (*stop)(void *), void *arg)
{
	s->stop = stop;
	s->stop_arg = arg;
	if (s->db)
		sqlite3_progress_handler(s->db, stop ? STORE_STOP_STEPS : 0, stop, arg);
}

void store_conn_close(struct store *s)
{
	if (s->db) {
		sqlite3_close(s->db);
		s->db = NULL;
	}
}

/* --- transactions ------------------------------------------------------ */

int store_begin(struct store *s, int write, struct err *e)
{
	if (write && s->readonly)
		return err_set(e, CH_UNUSABLE, _("the database is open read-only: %s"), s->ro_reason);
	if (s->depth++ > 0) {
		if (write && !s->writing) {
			s->depth--;
			return err_set(e, CH_INVALID, _("internal: a write inside a read transaction"));
		}
		return CH_OK;
	}
	s->failed = 0;
	s->writing = write;
	int st = CH_OK;
	if (s->mode == STORE_MODE_SHARE && !s->db)
		st = store_conn_open(s, 0, e);
	/* (share mode: a lock taken to write makes the journal at once) */
	if (st == CH_OK && s->mode == STORE_MODE_SHARE)
		sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_WRITING, &write);
	if (st == CH_OK)
		st = store_exec(s, write ? "BEGIN IMMEDIATE" : "BEGIN", e);
	if (st != CH_OK) {
		s->depth = 0;
		if (s->mode == STORE_MODE_SHARE)
			store_conn_close(s);
	}
	return st;
}

int store_end(struct store *s, int status, struct err *e)
{
	if (s->depth <= 0)
		return status;
	if (status != CH_OK && !s->failed)
		s->failed = status;
	if (--s->depth > 0)
		return status;
	/* A nested part of a write failed: everything is rolled back, so the
	 * whole failed, even when the outermost caller's own part went well. */
	int st = status != CH_OK ? status : s->failed && s->writing ? s->failed : CH_OK;
	if (!s->failed) {
		if (s->writing)
			st = store_exec(s, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'", e);
		if (st == CH_OK) {
			int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
			/* What failed is the saving of the whole change; the rollback
			 * below leaves the file as it was. */
			if (rc != SQLITE_OK)
				st = store_sql_error(s, rc, s->writing ? _("saving the change (nothing was saved)")
								      : _("reading the database"), e);
			else if (s->writing)
				s->own_writes++;
		}
	}
	if (s->failed || st != CH_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->writing = 0;
	s->failed = 0;
	if (s->mode == STORE_MODE_SHARE && !s->linger)
		store_conn_close(s);
	return st;
}

/* --- meta and settings --------------------------------------------------- */

static int kv_get(struct store *s, const char *sql, const char *key, char *out, size_t outlen)
{
	int found = 0;
	out[0] = 0;
	if (store_begin(s, 0, NULL) != CH_OK)
		return 0;
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	if (st) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			core_copy(out, outlen, st, 0);   /* never cut inside a character */
			found = 1;
		}
		sqlite3_finalize(st);
	}
	store_end(s, CH_OK, NULL);
	return found;
}

int store_meta_get(struct store *s, const char *key, char *out, size_t outlen)
{
	return kv_get(s, "SELECT value FROM meta WHERE key = ?", key, out, outlen);
}

int store_setting_get(struct store *s, const char *key, char *out, size_t outlen)
{
	return kv_get(s, "SELECT value FROM settings WHERE key = ?", key, out, outlen);
}

int store_kv_put(struct store *s, const char *table_sql, const char *key, const char *value, struct err *e)
{
	sqlite3_stmt *st = store_prepare(s, table_sql, e);
	if (!st)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CH_OK : store_sql_error(s, rc, _("saving a setting"), e);
}

int store_setting_set(struct store *s, const char *key, const char *value, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	st = store_kv_put(s, "INSERT INTO settings(key, value) VALUES(?, ?) "
		       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value, e);
	return store_end(s, st, e);
}

int64_t store_change_signal(struct store *s)
{
	int64_t v = -1;
	if (s->depth > 0)
		return -1;
	/* Share mode: the header's change counter, one request, no lock. */
	if (s->mode == STORE_MODE_SHARE &&
	    (v = sharelock_change_counter(s->path, store_fs_is_network(s->fs_type) && !store_fs_pretended(),
					  &s->signal_fd)) >= 0)
		return v;
	const char *sql = s->mode == STORE_MODE_SHARE
		? "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'"
		: "PRAGMA data_version";
	if (s->mode == STORE_MODE_SHARE && store_conn_open(s, 0, NULL) != CH_OK)
		return -1;
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (s->mode == STORE_MODE_SHARE)
		store_conn_close(s);
	return v;
}

int64_t store_own_changes(struct store *s)
{
	return s->own_writes;
}

int64_t store_own_signal(struct store *s)
{
	sqlite3_int64 v = -1;
	if (s->mode != STORE_MODE_SHARE || !s->db ||
	    sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_COUNTER, &v) != SQLITE_OK)
		return -1;
	return v;
}

/* --- migrations ---------------------------------------------------------- */

int store_user_version(struct store *s)
{
	int v = -1;
	sqlite3_stmt *st = store_prepare(s, "PRAGMA user_version", NULL);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Bring the schema up to `target` in one BEGIN IMMEDIATE transaction, reading
 * the version again inside it: another client may have migrated meanwhile. */
int store_migrate_to(struct store *s, int target, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	int v = store_user_version(s);
	for (int i = 0; st == CH_OK && i < schema_nmigrations; i++) {
		const struct migration *m = &schema_migrations[i];
		if (m->version <= v || m->version > target)
			continue;
		st = store_exec(s, m->sql, e);
		if (st == CH_OK && m->after)
			st = m->after(s, e);
		if (st == CH_OK) {
			char sql[128];
			/* PRAGMA takes no parameters; the number is ours, not input. */
			snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
				 m->version, STORE_APPLICATION_ID);
			st = store_exec(s, sql, e);
		}
		if (st == CH_OK)
			st = store_kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?) "
				       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				    "requires_chorus", m->chorus, e);
		if (st == CH_OK)
			v = m->version;
	}
	if (st == CH_OK && v >= 1) {
		/* a fresh schema has no revision yet */
		st = store_kv_put(s, "INSERT OR IGNORE INTO meta(key, value) VALUES(?, ?)", "revision", "0", e);
	}
	st = store_end(s, st, e);
	if (st == CH_OK)
		s->schema_version = v;
	return st;
}
