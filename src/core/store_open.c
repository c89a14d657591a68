/* store_open.c — creating and opening the file: what its header says, its
 * side files, the checks before SQLite sees it, and the clock (which a
 * database created under a fixed clock keeps fixed). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "chorus/audit.h"
#include "chorus/i18n.h"
#include "chorus/store.h"
#include "chorus/sharelock.h"
#include "core.h"
#include "store_parts.h"
#include "store_test.h"
#include "../util/timeutil.h"
#include "../util/together.h"

int64_t store_parse_time(const char *text)
{
	return time_parse(text);
}

void store_time_str(int64_t t, char *out, size_t n)
{
	time_minute_str(t, out, n);
}

static int64_t fixed_clock;

void store_clock_set(int64_t t) { fixed_clock = t; }

/* CHORUS_NOW is honoured until a database is opened, and then only when that
 * database was itself created under a fixed clock (meta clock = fixed, set
 * by store_create): tests and demos stay reproducible, while a member of a
 * real organisation cannot date what they write at will. */
static int env_clock_ok = 1;

/* $CHORUS_NOW as seconds; -1 when unset or not a time. */
static int64_t env_clock(void)
{
	const char *env = getenv("CHORUS_NOW");
	return env && *env ? store_parse_time(env) : -1;
}

int store_clock_fixed(void)
{
	return env_clock_ok && env_clock() >= 0;
}

int64_t store_now(void)
{
	if (fixed_clock)
		return fixed_clock;
	int64_t t = env_clock_ok ? env_clock() : -1;
	return t >= 0 ? t : (int64_t)time(NULL);
}

/* --- create and open ----------------------------------------------------- */

static void remove_files(const char *path)
{
	static const char *suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[PATH_MAX + 16];
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

static int check_dir(const char *path, int need_write, struct err *e)
{
	char dir[PATH_MAX];
	struct stat sb;
	store_dir_of(path, dir, sizeof dir);
	if (stat(dir, &sb) != 0)
		return err_set(e, CH_INVALID, _("%s: the directory %s does not exist"), path, dir);
	if (!S_ISDIR(sb.st_mode))
		return err_set(e, CH_INVALID, _("%s: %s is not a directory"), path, dir);
	if (need_write && access(dir, W_OK | X_OK) != 0)
		return err_set(e, CH_INVALID, _("%s: the directory %s is not writable"), path, dir);
	return CH_OK;
}

static int hold_lock_per_open;

void store_idle(struct store *s)
{
	if (s->mode != STORE_MODE_SHARE || !s->db || s->depth > 0 || !s->linger)
		return;
	int off = 0, on = 1;
	sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_LINGER, &off);
	sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_LINGER, &on);
}

void store_hold_lock_per_open(int on)
{
	hold_lock_per_open = on;
}

void store_reset(struct store *s, const char *path)
{
	memset(s, 0, sizeof *s);
	snprintf(s->path, sizeof s->path, "%s", path);
	s->mount_cache = -1;
	s->busy_ms = 5000;
	s->wait_abandoned = 1;
	s->linger = hold_lock_per_open;
	const char *b = getenv("CHORUS_BUSY_MS");
	if (b && *b)
		s->busy_ms = atoi(b);
}

int store_create(struct store *s, const char *path, enum store_mode mode,
		 const char *org, const char *master_login, const char *master_name,
		 struct err *e)
{
	store_reset(s, path);
	int st = check_dir(path, 1, e);
	if (st != CH_OK)
		return st;
	s->mount_cache = store_mount_check(path, s->mount_note, sizeof s->mount_note);
	if (s->mount_cache == STORE_CACHE_UNSAFE || s->mount_cache == STORE_CACHE_UNKNOWN ||
	    s->mount_cache == STORE_CACHE_RISKY)
		return err_set(e, CH_UNUSABLE, _("%s: not created: %s"), path, s->mount_note);
	char dir[PATH_MAX];
	store_dir_of(path, dir, sizeof dir);
	s->fs_type = store_fs_type(dir, s->fs_name, sizeof s->fs_name);
	if (mode == STORE_MODE_LOCAL && store_fs_is_network(s->fs_type))
		return err_set(e, CH_FAILED, _("%s: not created: local (WAL) mode needs every client on the "
			       "machine that holds the file, and this is a network filesystem (%s), where WAL "
			       "corrupts it; leave --mode out (share mode is chosen here), or run init on that "
			       "machine"), path, s->fs_name);
	s->mode = mode != STORE_MODE_NONE ? mode
		: store_fs_is_network(s->fs_type) ? STORE_MODE_SHARE : STORE_MODE_LOCAL;

	/* O_EXCL: never overwrite; 0660 whatever the umask says (group-shared). */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660);
	if (fd < 0)
		return errno == EEXIST
			? err_set(e, CH_INVALID, _("%s already exists; chorus init never overwrites a database"), path)
			: err_set(e, CH_INVALID, _("%s: cannot create: %s"), path, strerror(errno));
	fchmod(fd, 0660);
	close(fd);

	st = store_conn_open(s, 0, e);
	if (st == CH_OK)
		st = store_exec(s, s->mode == STORE_MODE_SHARE ? "PRAGMA journal_mode=DELETE"
							       : "PRAGMA journal_mode=WAL", e);
	if (st == CH_OK)
		st = store_migrate_to(s, store_schema_latest(), e);
	if (st == CH_OK)
		st = store_begin(s, 1, e);
	if (st == CH_OK) {
		char created[32];
		snprintf(created, sizeof created, "%lld", (long long)store_now());
		st = store_kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?)", "organisation", org, e);
		if (st == CH_OK)
			st = store_kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?)", "mode", store_mode_name(s->mode), e);
		if (st == CH_OK)
			st = store_kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?)", "created_at", created, e);
		env_clock_ok = 1;
		if (st == CH_OK && env_clock() >= 0)
			st = store_kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?)", "clock", "fixed", e);
		if (st == CH_OK)
			st = store_insert_person(s, master_login, master_name,
					   ROLE_MASTER | ROLE_EDITOR | ROLE_CREATOR | ROLE_PUBLISHER, 0, NULL, e);
		st = store_end(s, st, e);
	}
	if (st != CH_OK) {
		store_conn_close(s);
		remove_files(path);
		return st;
	}
	if (s->mode == STORE_MODE_SHARE && !s->linger)
		store_conn_close(s);
	return CH_OK;
}

uint32_t store_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Is the file shorter than its header says?  The header's page count (offset
 * 28) is valid when version-valid-for (92) equals the change counter (24).  Not
 * while a -wal or -journal holds pages: a hot journal, or a writer at work.
 * The header is read before the side files are looked at: a writer in rollback
 * mode writes page 1 (with the new size) before it extends the file, and its
 * journal exists until it has finished. */
static int cut_short(const char *path, const unsigned char *head, const struct stat *head_sb,
		     long long *size, unsigned long long *want)
{
	unsigned char h[100];
	struct stat sb;
	if (head) {
		memcpy(h, head, sizeof h);
		sb = *head_sb;
	} else if (sharelock_read_head(path, h, sizeof h, &sb) < (ssize_t)sizeof h) {
		return 0;
	}
	if (store_be32(h + 24) != store_be32(h + 92))
		return 0;
	unsigned page = (unsigned)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	*size = (long long)sb.st_size;
	*want = (unsigned long long)page * store_be32(h + 28);
	if ((unsigned long long)sb.st_size >= *want)
		return 0;
	char side[PATH_MAX + 16];
	static const char *const suffix[] = { "-wal", "-journal" };
	for (size_t i = 0; i < 2; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		if (stat(side, &sb) == 0 && sb.st_size > 0)
			return 0;
	}
	return 1;
}

/* Look at the file before SQLite does: is it SQLite, is it ours, which journal
 * does it use (that decides the VFS), is it cut short? */
/* SQLite refuses a journal, WAL or shm file that is a symbolic link (one
 * planted there could point anywhere) and says only "unable to open database
 * file": name the file instead.  The share-mode lock directory likewise. */
int store_side_files_ok(const char *path, struct err *e)
{
	static const char *const suffix[] = { "-journal", "-wal", "-shm", ".lock" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char side[PATH_MAX + 16];
		struct stat sb;
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		if (lstat(side, &sb) == 0 && S_ISLNK(sb.st_mode))
			return err_set(e, CH_UNUSABLE, _("%s is a symbolic link: chorus never follows one beside "
				       "the database (someone may have planted it); remove it if no chorus is running"), side);
	}
	return CH_OK;
}

int store_inspect_header(struct store *s, int *wal, int *version, struct err *e)
{
	unsigned char h[100];
	struct stat sb = {0};
	ssize_t n = sharelock_read_head(s->path, h, sizeof h, &sb);
	if (n == -1)
		return errno == ENOENT
			? err_set(e, CH_UNUSABLE, _("%s: no such database; create one with chorus init --org NAME"), s->path)
			: err_set(e, CH_UNUSABLE, _("%s: cannot open: %s"), s->path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return err_set(e, CH_UNUSABLE, _("%s is a directory, not a database"), s->path);
	if (!S_ISREG(sb.st_mode))
		return err_set(e, CH_UNUSABLE, _("%s is not a regular file (a FIFO, device or socket), not a database"),
			       s->path);
	/* A share-mode file on a network filesystem: four round trips saved;
	 * under its lock the journal and -wal are looked at without following
	 * a link, and the lock itself is lstat'ed (sharelock.c), and no -shm is
	 * ever opened.  Elsewhere open_file asks, once it knows the filesystem. */
	if (!(n >= 20 && h[18] == 1 && h[19] == 1)) {
		int st = store_side_files_ok(s->path, e);
		if (st != CH_OK)
			return st;
	}
	if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return err_set(e, CH_UNUSABLE, _("%s is not a chorus database (not an SQLite file)"), s->path);
	/* Until the first checkpoint of a new WAL database, page 1 in the file is
	 * older than the database (application_id 0): then store_open asks SQLite. */
	uint32_t app = store_be32(h + 68);
	char walpath[PATH_MAX + 8];
	struct stat wb;
	snprintf(walpath, sizeof walpath, "%s-wal", s->path);
	if (app != STORE_APPLICATION_ID && !(app == 0 && stat(walpath, &wb) == 0 && wb.st_size > 0))
		return err_set(e, CH_UNUSABLE, _("%s is an SQLite file but not a chorus database (application_id 0x%08x)"),
			       s->path, app);
	*wal = h[18] == 2 && h[19] == 2;
	*version = (int)store_be32(h + 60);
	/* Truncated: looked at again before saying so (the first look is at the
	 * header just read), in case a writer finished between reading the
	 * header and finding no journal (see cut_short). */
	long long size = 0;
	unsigned long long want = 0;
	for (int tries = 0; cut_short(s->path, tries ? NULL : h, &sb, &size, &want); tries++) {
		if (tries == 2)
			return err_set(e, CH_UNUSABLE, _("%s is truncated: %lld bytes, its header says %llu; "
				       "restore it from a backup"), s->path, size, want);
		nanosleep(&(struct timespec){ .tv_nsec = 10000000 }, NULL);
	}
	return CH_OK;
}

struct open_look {
	struct store *s;
	struct err *e;
	char dir[PATH_MAX];
	int wal, version, st;
};

static void look_header(void *p)
{
	struct open_look *l = p;
	l->st = store_inspect_header(l->s, &l->wal, &l->version, l->e);
}

static void look_fs(void *p)
{
	struct open_look *l = p;
	l->s->fs_type = store_fs_type(l->dir, l->s->fs_name, sizeof l->s->fs_name);
}

/* ro_why: open read-only for this reason (NULL: as the file and mount allow). */
static int open_file(struct store *s, const char *path, const char *ro_why, struct err *e)
{
	store_reset(s, path);
	if (ro_why) {
		s->readonly = 1;
		snprintf(s->ro_reason, sizeof s->ro_reason, "%s", ro_why);
	}
	/* The file's header and the filesystem it is on: asked at once (each
	 * is a round trip or more over a share). */
	struct open_look l = { .s = s, .e = e };
	store_dir_of(path, l.dir, sizeof l.dir);
	struct later jobs[2] = { { .run = look_header, .arg = &l }, { .run = look_fs, .arg = &l } };
	together(jobs, 2);
	int wal = l.wal, version = l.version, st = l.st;
	if (st != CH_OK)
		return st;
	if (!wal && !store_fs_is_network(s->fs_type) && (st = store_side_files_ok(path, e)) != CH_OK)
		return st;
	s->mode = wal ? STORE_MODE_LOCAL : STORE_MODE_SHARE;
	if (s->mode == STORE_MODE_LOCAL && store_fs_is_network(s->fs_type)) {
		char why[PATH_MAX + 512];
		store_wal_remote(path, s->fs_name, why, sizeof why);
		return err_set(e, CH_UNUSABLE, _("%s: not opened: %s"), path, why);
	}
	/* Through a mount that serves stale pages even reading goes wrong (a
	 * consistent file looks damaged): say so and stop. */
	s->mount_cache = store_mount_check_fs(path, s->fs_type, s->fs_name, s->mount_note, sizeof s->mount_note);
	if (s->mount_cache == STORE_CACHE_UNSAFE)
		return err_set(e, CH_UNUSABLE, _("%s: not opened: %s"), path, s->mount_note);
	/* Not known to be safe: look, but do not write. */
	if ((s->mount_cache == STORE_CACHE_UNKNOWN || s->mount_cache == STORE_CACHE_RISKY) && !s->readonly) {
		s->readonly = 1;
		snprintf(s->ro_reason, sizeof s->ro_reason, "%s", s->mount_note);
	}
	if (version > store_schema_latest()) {
		s->readonly = 1;
	}
	if (access(path, W_OK) != 0 && !s->readonly) {
		s->readonly = 1;
		snprintf(s->ro_reason, sizeof s->ro_reason, _("%s is not writable by you"), path);
	}
	st = store_conn_open(s, 0, e);
	if (st != CH_OK)
		return st;
	s->schema_version = store_user_version(s);
	if (s->schema_version < 0) {
		st = store_sql_error(s, sqlite3_errcode(s->db), _("reading the schema"), e);
		store_close(s);
		return st;
	}
	/* The header may be older than the WAL (a client still has it open):
	 * what SQLite reads is what counts. */
	sqlite3_stmt *q = store_prepare(s, "PRAGMA application_id", NULL);
	int arc = q ? sqlite3_step(q) : sqlite3_errcode(s->db);
	int app = arc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	if (arc != SQLITE_ROW) {
		/* busy (share mode: each statement takes the lock anew) is
		 * not "not a chorus database" */
		st = store_sql_error(s, arc, _("reading the database header"), e);
		store_close(s);
		return st;
	}
	if (app != STORE_APPLICATION_ID) {
		st = err_set(e, CH_UNUSABLE, _("%s is an SQLite file but not a chorus database (application_id 0x%08x)"),
			     path, (unsigned)app);
		store_close(s);
		return st;
	}
	version = s->schema_version;
	if (version > store_schema_latest()) {
		s->readonly = 1;
		char need[32];
		if (!store_meta_get(s, "requires_chorus", need, sizeof need))
			snprintf(need, sizeof need, "%s", _("a newer version"));
		snprintf(s->ro_reason, sizeof s->ro_reason,
			 _("%s has schema version %d, this chorus %s knows up to %d: it needs chorus %s or later"),
			 path, version, CHORUS_VERSION, store_schema_latest(), need);
		char probe[8];
		if (!store_meta_get(s, "mode", probe, sizeof probe)) {
			st = err_set(e, CH_UNUSABLE, _("%s; this chorus cannot even read it"), s->ro_reason);
			store_close(s);
			return st;
		}
	} else if (s->schema_version < store_schema_latest() && !s->readonly) {
		st = store_migrate_to(s, store_schema_latest(), e);
		if (st != CH_OK) {
			store_close(s);
			return st;
		}
	}
	char clock[16];
	env_clock_ok = store_meta_get(s, "clock", clock, sizeof clock) && strcmp(clock, "fixed") == 0;
	/* The recorded mode is the rule; the header is only how we found the VFS. */
	char mode[16];
	if (store_meta_get(s, "mode", mode, sizeof mode) &&
	    strcmp(mode, store_mode_name(s->mode)) != 0 && !s->readonly) {
		s->readonly = 1;
		snprintf(s->ro_reason, sizeof s->ro_reason,
			 _("the file records mode %s but its journal says otherwise; run chorus doctor"), mode);
	}
	if (s->mode == STORE_MODE_SHARE && !s->linger)
		store_conn_close(s);
	return CH_OK;
}

int store_open(struct store *s, const char *path, struct err *e)
{
	return open_file(s, path, NULL, e);
}

int store_open_readonly(struct store *s, const char *path, const char *why, struct err *e)
{
	return open_file(s, path, why, e);
}

void store_close(struct store *s)
{
	store_conn_close(s);
	s->depth = 0;
	if (s->hint_fd > 0)
		close(s->hint_fd - 1);
	s->hint_fd = 0;
	if (s->signal_fd > 0)
		close(s->signal_fd - 1);
	s->signal_fd = 0;
}
