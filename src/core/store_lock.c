/* store_lock.c — when the file is busy or its lock is not ours: the messages
 * for SQLite's errors, share mode's busy handler, converting between the
 * deployment modes, and breaking an abandoned share-mode lock. */
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
#include "store_parts.h"

int store_sql_error(struct store *s, int rc, const char *what, struct err *e)
{
	const char *m = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	int prim = rc & 0xff;
	if ((rc & 0xffff) == SQLITE_IOERR_LOCK && s && s->mode == STORE_MODE_SHARE && sharelock_error()[0])
		return err_set(e, CH_UNUSABLE, "%s: %s", what, sharelock_error());
	int lost = 0;
	if (s && s->mode == STORE_MODE_SHARE && s->db)
		sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_LOST, &lost);
	if (((rc & 0xffff) == SQLITE_IOERR_LOCK || lost) && s && s->mode == STORE_MODE_SHARE)
		return err_set(e, CH_BUSY, _("%s: the lock %s.lock was taken from this chorus while it worked "
			       "(another machine judged it abandoned); nothing was saved; try again"), what, s->path);
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) {
		struct sharelock_holder h;
		char who[PATH_MAX + 400];
		if (s && s->mode == STORE_MODE_SHARE && sharelock_look(s->path, &h)) {
			sharelock_describe(&h, s->path, who, sizeof who);
			int st = err_set(e, CH_BUSY, _("%s: the database is busy: %s; try again%s"), what, who,
					 h.abandoned ? _(" (the next writer clears an abandoned lock by itself)") : "");
			if (e)
				e->kind = ERR_LOCKED;
			return st;
		}
		int st = err_set(e, CH_BUSY, _("%s: the database is busy (another chorus is writing); try again"), what);
		if (e)
			e->kind = ERR_LOCKED;
		return st;
	}
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
		return err_set(e, CH_UNUSABLE, _("%s: %s is damaged (%s); run chorus doctor"), what,
			       s ? s->path : _("the database"), m);
	if (prim == SQLITE_READONLY)
		return err_set(e, CH_UNUSABLE, _("%s: the database is read-only here%s%s"), what,
			       s && s->ro_reason[0] ? ": " : "", s ? s->ro_reason : "");
	/* SQLite's "unable to open database file" names no file: most often a
	 * side file another user made that this one may not open. */
	if (prim == SQLITE_CANTOPEN && s)
		return err_set(e, CH_UNUSABLE, _("%s: %s: cannot open %s or a side file of it (-journal, -wal, "
			       "-shm); chorus doctor shows who may use them and the fix"), what, m, s->path);
	if (prim == SQLITE_FULL || prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN)
		return err_set(e, CH_UNUSABLE, "%s: %s", what, m);
	if (prim == SQLITE_CONSTRAINT)
		return err_set(e, CH_INVALID, "%s: %s", what, m);
	return err_set(e, CH_UNUSABLE, "%s: %s", what, m);
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Share mode's busy handler: wait up to busy_ms for the lock.  A holder
 * that showed no sign of life all that time (no heartbeat, not a running
 * process of this machine) is waited out until it counts as abandoned,
 * when the lock is broken and the wait ends (s->wait_abandoned; the TUI
 * does not wait, it retries on its timer and the same watch goes on). */
int store_share_busy(void *ctx, int count)
{
	struct store *s = ctx;
	int64_t now = mono_ms();
	if (count == 0)
		s->busy_start = now;
	int64_t waited = now - s->busy_start;
	if (waited >= s->busy_ms) {
		struct sharelock_holder h;
		if (!s->wait_abandoned || !sharelock_look(s->path, &h))
			return !s->wait_abandoned ? 0 : 1;
		/* still the holder we began waiting for, and no heartbeat since */
		if (h.alive == 1 || h.silent_ms + 50 < waited || waited > sharelock_stale_ms() + 2000)
			return 0;
	}
	int ms = count < 10 ? 5 * (count + 1) : 100;
	nanosleep(&(struct timespec){ .tv_sec = 0, .tv_nsec = ms * 1000000L }, NULL);
	return 1;
}

/* --- mode conversion and share-mode locks ---------------------------------- */

int store_set_mode(const char *path, enum store_mode to, struct err *e)
{
	struct store s;
	store_reset(&s, path);
	int wal = 0, version = 0;
	int st = store_inspect_header(&s, &wal, &version, e);
	if (st != CH_OK)
		return st;
	if (version > store_schema_latest())
		return err_set(e, CH_UNUSABLE, _("%s has a newer schema (%d); convert it with a newer chorus"),
			       path, version);
	char dir[PATH_MAX];
	store_dir_of(path, dir, sizeof dir);
	s.fs_type = store_fs_type(dir, s.fs_name, sizeof s.fs_name);
	if (!wal && (st = store_side_files_ok(path, e)) != CH_OK)
		return st;
	int cache = store_mount_check(path, s.mount_note, sizeof s.mount_note);
	if (cache == STORE_CACHE_UNSAFE || cache == STORE_CACHE_UNKNOWN || cache == STORE_CACHE_RISKY)
		return err_set(e, CH_UNUSABLE, _("%s: not converted: %s"), path, s.mount_note);
	if (to == STORE_MODE_LOCAL && store_fs_is_network(s.fs_type))
		return err_set(e, CH_FAILED, _("%s is on a network filesystem (%s): local (WAL) mode would "
			       "corrupt it there"), path, s.fs_name);
	struct sharelock_holder h;
	if (sharelock_look(path, &h)) {
		char who[PATH_MAX + 400];
		sharelock_describe(&h, path, who, sizeof who);
		return err_set(e, CH_BUSY, _("%s is in use: %s; try again when no one has it open"), path, who);
	}
	/* A WAL file reached over the network: a client on the machine that
	 * holds it would have -wal and -shm open (SQLite removes them when the
	 * last one closes); its POSIX locks cannot be seen from here, so say no
	 * rather than take the file from under it. */
	if (wal && store_fs_is_network(s.fs_type)) {
		static const char *const side[] = { "-wal", "-shm" };
		for (size_t i = 0; i < 2; i++) {
			char p[PATH_MAX + 8];
			struct stat sb;
			snprintf(p, sizeof p, "%s%s", path, side[i]);
			if (stat(p, &sb) == 0)
				return err_set(e, CH_BUSY, _("%s exists: a chorus on the machine that holds the file "
					       "has it open (or ended without closing it); convert it when no one "
					       "has it open, best on that machine"), p);
		}
	}
	/* Open as the mode the file is in now; the conversion takes the file for itself. */
	s.mode = wal ? STORE_MODE_LOCAL : STORE_MODE_SHARE;
	s.busy_ms = 0;
	st = store_conn_open(&s, 0, e);
	if (st == CH_OK)
		st = store_exec(&s, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;", e);
	if (st == CH_BUSY)
		st = err_set(e, CH_BUSY, _("%s is open in another chorus; convert it when no one has it open"), path);
	if (st == CH_OK)
		st = store_exec(&s, to == STORE_MODE_SHARE ? "PRAGMA journal_mode=DELETE" : "PRAGMA journal_mode=WAL", e);
	if (st == CH_OK) {
		st = store_begin(&s, 1, e);
		if (st == CH_OK)
			st = store_kv_put(&s, "INSERT INTO meta(key, value) VALUES(?, ?) "
					"ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				    "mode", store_mode_name(to), e);
		st = store_end(&s, st, e);
	}
	store_conn_close(&s);
	return st;
}

int store_break_lock(const char *path, char *seen, size_t n, struct err *e)
{
	struct sharelock_holder h;
	seen[0] = 0;
	if (!sharelock_look(path, &h))
		return err_set(e, CH_FAILED, _("%s has no lock (%s.lock)"), path, path);
	int64_t start = mono_ms();
	unsigned long long beat = h.beat;
	char token[sizeof h.token];
	snprintf(token, sizeof token, "%s", h.token);
	for (;;) {
		sharelock_describe(&h, path, seen, n);
		if (h.alive == 1)
			return err_set(e, CH_FAILED, _("not broken: its holder is a running process of this "
				       "machine (pid %ld)%s"), h.pid, h.stopped ? _(", stopped: resume it (kill -CONT) "
				       "or end it, and the lock goes") : "");
		if (h.has_record && (h.beat != beat || strcmp(h.token, token) != 0))
			return err_set(e, CH_FAILED, _("not broken: its holder is alive (its heartbeat moved "
				       "while this chorus watched)"));
		if (h.abandoned)
			break;
		if (mono_ms() - start > sharelock_stale_ms() + 2000)
			return err_set(e, CH_FAILED, _("not broken: it kept changing"));
		nanosleep(&(struct timespec){ .tv_sec = 0, .tv_nsec = 250000000L }, NULL);
		if (!sharelock_look(path, &h))
			return err_set(e, CH_FAILED, _("not broken: its holder let it go while this chorus "
				       "watched (it was alive)"));
	}
	if (sharelock_break(path, &h) < 0)
		return err_set(e, CH_UNUSABLE, _("cannot remove %s.lock: %s"), path, strerror(errno));
	return CH_OK;
}
