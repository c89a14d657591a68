/* sharelock.c — the lock of share mode, as an SQLite VFS ("chorus-share").
 *
 * On a network share POSIX locks are unreliable, file attributes are cached
 * and clocks disagree; what every share does atomically on the server is
 * mkdir and rename.  So the lock is a directory, PATH.lock, and inside it a
 * record that names who holds it: host, boot id and pid namespace (to know a
 * process of this very machine), pid, user, a random token, when it was
 * taken by the holder's own clock, and a heartbeat the holder counts up while
 * it works.  The record is itself a directory name (see below).
 *
 *  taking   mkdir PATH.lock, mkdir the record in it, list it: ours alone
 *           (while the file is looked at: see lock_look).
 *  holding  whenever the last beat is older than RENEW_MS when it reads or
 *           writes, the holder renames its record to the next heartbeat:
 *           the rename fails when the record is not there any more —
 *           another machine judged it dead and broke the lock — and then
 *           every further write fails: the transaction aborts, it never
 *           commits over someone else's.  Before the commit first writes the
 *           database, the record is asked for once more (sync_checked).
 *  waiting  a client that finds the lock held watches the record.  It is
 *           abandoned only when this client has seen the same record, the
 *           heartbeat unchanged, for sharelock_stale_ms() by its own
 *           monotonic clock (no clocks compared, no file times), or at once
 *           when the holder is a process of this machine that is gone.
 *  breaking rename PATH.lock aside (of two breakers one wins), check that
 *           what was renamed is the record judged abandoned, then remove it;
 *           a lock that beat meanwhile goes back.
 *  leaving  rmdir the record (fails if it is not ours: then nothing more),
 *           rmdir PATH.lock.
 *
 * With the lock held, a journal that exists belongs to a writer that is gone:
 * SQLite finds it hot and plays it back (xCheckReservedLock says no one else
 * holds a lock).  Every lock level is the one exclusive lock: transactions
 * are short, and no machine reads while another writes.
 *
 * Cached attributes: taking the lock makes the kernel fetch the database's
 * size anew (statx AT_STATX_FORCE_SYNC), and a journal's existence is asked
 * of the server the same way, so a size or a journal another machine changed
 * a moment ago is never taken from a cache.  File data is fresh because each
 * transaction opens the file anew (store.c). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "chorus/sharelock.h"
#include "store_parts.h"
#include "../util/together.h"

#define REC_MAX   256          /* a record is a file name */
#define RENEW_MS  500
#define LOCKDIR_MAX (PATH_MAX + 8)

/* --- who am I ------------------------------------------------------------------------- */

struct self {
	char host[64];
	char boot[40];
	unsigned long pidns;
};

static void read_line(const char *path, char *out, size_t n)
{
	out[0] = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(out, (int)n, f))
		out[strcspn(out, "\n")] = 0;
	fclose(f);
}

static const struct self *self(void)
{
	static struct self me;
	static int done;
	if (!done) {
		if (gethostname(me.host, sizeof me.host) != 0 || !me.host[0])
			snprintf(me.host, sizeof me.host, "unknown");
		me.host[sizeof me.host - 1] = 0;
		for (char *c = me.host; *c; c++)
			if (*c == ' ' || *c == '\n' || *c == '=')
				*c = '_';
		read_line("/proc/sys/kernel/random/boot_id", me.boot, sizeof me.boot);
		struct stat sb;
		me.pidns = stat("/proc/self/ns/pid", &sb) == 0 ? (unsigned long)sb.st_ino : 0;
		done = 1;
	}
	return &me;
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t sharelock_change_counter(const char *path, int direct, int *fd)
{
	if (*fd <= 0) {
		int d = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (direct ? O_DIRECT : 0));
		if (d < 0)
			return -1;
		*fd = d + 1;
	}
	void *buf = NULL;
	if (posix_memalign(&buf, 4096, 4096) != 0)
		return -1;
	ssize_t n = pread(*fd - 1, buf, 4096, 0);
	const unsigned char *h = buf;
	int64_t v = n >= 100 && memcmp(h, "SQLite format 3", 16) == 0 ? (int64_t)store_be32(h + 24) : -1;
	free(buf);
	if (v < 0) {
		close(*fd - 1);
		*fd = 0;
	}
	return v;
}

int sharelock_stale_ms(void)
{
	const char *v = getenv("CHORUS_LOCK_STALE");
	double secs = v && *v ? atof(v) : SHARELOCK_STALE_S;
	if (secs < 0.1)
		secs = 0.1;
	return (int)(secs * 1000);
}

/* --- the record -------------------------------------------------------------------------
 *
 * The record is the name of a directory inside the lock:
 *   PATH.lock/chorus-lock,1,host=H,boot=B,pidns=N,pid=P,user=U,token=T,taken=S,beat=K
 * A name, not a file's contents: nobody ever holds it open, so a FUSE mount
 * never hides it as .fuse_hidden (which kept lock directories from being
 * removed), renaming it is the heartbeat and the check in one atomic step on
 * the server, and a cached copy can never be read for the real one. */

#define REC_PREFIX "chorus-lock,1,"

static void lock_dir(const char *db, char *dir)
{
	snprintf(dir, LOCKDIR_MAX, "%s.lock", db);
}

static void clean_word(char *w)
{
	for (char *c = w; *c; c++)
		if (*c == ',' || *c == '=' || *c == '/' || *c == ' ' || *c == '\n')
			*c = '_';
}

static void format_record(char *out, size_t n, const char *token, unsigned long long beat, int64_t taken)
{
	const struct self *me = self();
	const char *user = getenv("USER");
	char u[32], host[64], boot[16];
	snprintf(u, sizeof u, "%s", user && *user ? user : "-");
	snprintf(host, sizeof host, "%.63s", me->host);
	snprintf(boot, sizeof boot, "%.12s", me->boot[0] ? me->boot : "-");
	clean_word(u);
	clean_word(host);
	clean_word(boot);
	snprintf(out, n, REC_PREFIX "host=%s,boot=%s,pidns=%lu,pid=%ld,user=%s,token=%s,taken=%lld,beat=%llu",
		 host, boot, me->pidns, (long)getpid(), u, token, (long long)taken, beat);
}

static void field(const char *rec, const char *key, char *out, size_t n)
{
	out[0] = 0;
	char pat[16];
	snprintf(pat, sizeof pat, ",%s=", key);
	const char *p = strstr(rec, pat);
	if (!p)
		return;
	p += strlen(pat);
	size_t len = strcspn(p, ",");
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = 0;
}

static void parse_record(const char *rec, struct sharelock_holder *h)
{
	char v[64];
	h->alive = -1;
	h->has_record = strncmp(rec, REC_PREFIX, strlen(REC_PREFIX)) == 0;
	if (!h->has_record)
		return;
	snprintf(h->record, sizeof h->record, "%s", rec);
	field(rec, "host", h->host, sizeof h->host);
	field(rec, "user", h->user, sizeof h->user);
	field(rec, "token", h->token, sizeof h->token);
	field(rec, "pid", v, sizeof v);
	h->pid = atol(v);
	field(rec, "taken", v, sizeof v);
	h->taken = atoll(v);
	field(rec, "beat", v, sizeof v);
	h->beat = strtoull(v, NULL, 10);
	char boot[16], mine[16];
	field(rec, "boot", boot, sizeof boot);
	field(rec, "pidns", v, sizeof v);
	const struct self *me = self();
	snprintf(mine, sizeof mine, "%.12s", me->boot);
	clean_word(mine);
	h->same_machine = me->boot[0] && strcmp(boot, mine) == 0 && strtoul(v, NULL, 10) == me->pidns;
	if (h->same_machine && h->pid > 0) {
		if (kill((pid_t)h->pid, 0) == 0 || errno == EPERM) {
			char st[64], line[512];
			snprintf(st, sizeof st, "/proc/%ld/stat", h->pid);
			read_line(st, line, sizeof line);
			const char *paren = strrchr(line, ')');
			char state = paren && paren[1] ? paren[2] : '?';
			h->stopped = state == 'T' || state == 't';
			h->alive = state == 'Z' || state == 'X' ? 0 : 1;   /* a zombie is gone */
		} else {
			h->alive = 0;
		}
	}
}

/* The record in the lock directory dir into buf: 1 found (the first, and
 * *count records in all), 0 none (the directory may exist), -1 error. */
static int read_record(const char *dir, char *buf, size_t n, int *count)
{
	buf[0] = 0;
	if (count)
		*count = 0;
	/* open and getdents64, not opendir: that would fstat the directory
	 * too, one more round trip over a link for nothing we use. */
	int d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK);
	if (d < 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	char ents[8192];
	ssize_t got;
	int found = 0;
	while ((got = getdents64(d, ents, sizeof ents)) > 0) {
		for (ssize_t at = 0; at < got;) {
			const struct dirent64 *de = (const struct dirent64 *)(ents + at);
			at += de->d_reclen;
			if (strncmp(de->d_name, REC_PREFIX, strlen(REC_PREFIX)) == 0 && !found++)
				snprintf(buf, n, "%s", de->d_name);
		}
	}
	close(d);
	if (got < 0)
		return -1;
	if (count)
		*count = found;
	return found > 0;
}

/* Remove a lock directory and whatever is in it: records (directories),
 * files another client left there. */
static void remove_lockdir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		char p[LOCKDIR_MAX + 300];
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
			if (rmdir(p) != 0)
				unlink(p);
		}
		closedir(d);
	}
	if (rmdir(dir) != 0 && errno == ENOTDIR)
		unlink(dir);   /* an old-style dot-file lock is a plain file */
}

/* --- watching a lock someone else holds ------------------------------------------------ */

/* The records this process has seen, and since when (its own clock) it has
 * seen each.  A record holds a random token and the heartbeat, so the same
 * text seen again is the same holder that has not moved, whatever spelling
 * of the path it was looked at through. */
static struct watch {
	char rec[REC_MAX + LOCKDIR_MAX];
	int64_t since;
	int64_t last;
} watches[8];

static int64_t silent_for(const char *key, int64_t now)
{
	struct watch *w = &watches[0];
	for (size_t i = 0; i < sizeof watches / sizeof watches[0]; i++) {
		if (watches[i].last && strcmp(watches[i].rec, key) == 0) {
			watches[i].last = now;
			return now - watches[i].since;
		}
		if (watches[i].last < w->last)
			w = &watches[i];
	}
	snprintf(w->rec, sizeof w->rec, "%s", key);
	w->since = w->last = now;
	return 0;
}

int sharelock_look(const char *db, struct sharelock_holder *h)
{
	char dir[LOCKDIR_MAX], rec[REC_MAX];
	memset(h, 0, sizeof *h);
	lock_dir(db, dir);
	struct stat sb;
	if (lstat(dir, &sb) != 0)
		return 0;
	h->present = 1;
	h->is_dir = S_ISDIR(sb.st_mode);
	h->is_link = S_ISLNK(sb.st_mode);
	int r = h->is_dir ? read_record(dir, rec, sizeof rec, &h->records) : 0;
	parse_record(r > 0 ? rec : "", h);
	char key[sizeof watches[0].rec];
	if (h->has_record) {
		snprintf(key, sizeof key, "%s", rec);
	} else {  /* no record to tell one lock from the next: the place and its times */
		char real[PATH_MAX];
		snprintf(key, sizeof key, "%s %lld.%ld %lld.%ld", realpath(dir, real) ? real : dir,
			 (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec,
			 (long long)sb.st_ctim.tv_sec, sb.st_ctim.tv_nsec);
	}
	h->silent_ms = silent_for(key, mono_ms());
	h->abandoned = h->alive == 0 || (h->alive != 1 && h->silent_ms >= sharelock_stale_ms());
	return 1;
}

/* PATH.lock renamed aside, to a name of its own beside it. */
static void aside_name(const char *dir, const char *why, char *out, size_t n)
{
	unsigned char rnd[4] = {0};
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		memset(rnd, (int)getpid(), sizeof rnd);
	snprintf(out, n, "%s.%s-%02x%02x%02x%02x", dir, why, rnd[0], rnd[1], rnd[2], rnd[3]);
}

int sharelock_break(const char *db, const struct sharelock_holder *judged)
{
	char dir[LOCKDIR_MAX], aside[LOCKDIR_MAX + 64], rec[REC_MAX];
	lock_dir(db, dir);
	aside_name(dir, "broken", aside, sizeof aside);
	if (rename(dir, aside) != 0)
		return errno == ENOENT ? 0 : -1;   /* gone already: someone else broke or left it */
	struct sharelock_holder now;
	memset(&now, 0, sizeof now);
	parse_record(read_record(aside, rec, sizeof rec, NULL) > 0 ? rec : "", &now);
	if (now.has_record != judged->has_record || strcmp(now.record, judged->record) != 0) {
		/* Between our look and the rename the holder beat, or left and a
		 * new one came: give it back.  If that fails, the holder finds its
		 * record gone at its next beat and aborts. */
		rename(aside, dir);
		return 0;
	}
	remove_lockdir(aside);
	return 1;
}

/* The header sharelock_read_head read last, by absolute path: SQLite reads
 * the first 100 bytes when it opens the file, before any lock, only to
 * learn the page size — which it checks again in page 1 under the lock.
 * Served from here, that is a round trip fewer over a link. */
static struct {
	char path[2 * PATH_MAX + 2];
	unsigned char h[100];
	int valid;
	struct stat sb;                /* the file's attributes then */
	int sb_valid;
} head_seen;

static void absolute(const char *path, char *out, size_t n)
{
	char cwd[PATH_MAX];
	if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
		snprintf(out, n, "%s", path);
	else
		snprintf(out, n, "%s/%s", cwd, path);
}

/* The file's first len bytes, read past the page cache where the filesystem
 * allows (O_DIRECT: over a share, a cached page can be older than the file,
 * and read-ahead started here could land after another machine's write),
 * else without read-ahead.  Bytes read, or -1 with errno; sb filled. */
struct head_read {
	int fd;
	unsigned char *h;
	size_t len;
	ssize_t n;
	int err;
	struct stat *sb;
	int st;
};

static void head_stat(void *p)
{
	struct head_read *r = p;
	r->st = fstat(r->fd, r->sb);
}

static void head_bytes(void *p)
{
	struct head_read *r = p;
	r->n = pread(r->fd, r->h, r->len, 0);
	r->err = errno;
}

ssize_t sharelock_read_head(const char *path, unsigned char *h, size_t len, struct stat *sb)
{
	/* O_NONBLOCK: a FIFO in the file's place must not hang the open. */
	const int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
	int fd = open(path, flags | O_DIRECT);
	if (fd < 0 && (fd = open(path, flags)) < 0)
		return -1;
	/* What the file is and its first bytes: asked at once (a round trip
	 * each over a share).  A read of something not a file fails. */
	struct head_read r = { .fd = fd, .h = h, .len = len, .sb = sb };
	struct later jobs[2] = { { .run = head_stat, .arg = &r }, { .run = head_bytes, .arg = &r } };
	together(jobs, 2);
	if (r.st != 0 || !S_ISREG(sb->st_mode)) {
		close(fd);
		return -2;
	}
	ssize_t n = r.n;
	if (n < 0 && r.err == EINVAL) {   /* a local disk wants aligned direct I/O */
		close(fd);
		if ((fd = open(path, flags)) < 0)
			return -1;
		posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);
		n = pread(fd, h, len, 0);
	}
	close(fd);
	head_seen.valid = n >= (ssize_t)sizeof head_seen.h;
	head_seen.sb_valid = head_seen.valid;
	if (head_seen.valid) {
		memcpy(head_seen.h, h, sizeof head_seen.h);
		head_seen.sb = *sb;
		absolute(path, head_seen.path, sizeof head_seen.path);
	}
	return n;
}

/* Reads under one lock, kept in CHUNK-sized pieces: with direct I/O every
 * page read is a round trip to the server, and SQLite reads b-tree pages
 * near each other.  Read under one lock, they serve the next while the file
 * is unchanged (chunks_renew) and are emptied otherwise, when a lock is
 * lost, and on a truncation; a write goes into them (chunks_update). */
#define CHUNK   (64 * 1024)
#define NCHUNKS 64
/* A read that goes on where the last one ended doubles the next, up to
 * AHEAD_MAX chunks (1 MiB): a scan of the file costs a few round trips,
 * not one per 64 KiB, and a lookup still reads one chunk.  A file that fits
 * in WHOLE_MAX is read whole under the first lock of a connection (a
 * command, the interface's first frame): with the lock's other questions
 * when its size at the open said so (lock_look), else at the first miss.
 * Every one goes on to read the schema and then the tables, and over a
 * link one request for 2 MiB costs less than the first 64 KiB and then the
 * rest.  Later locks find most pages in SQLite's own cache and read a
 * chunk at a time. */
#define AHEAD_MAX 16
#define WHOLE_MAX (2 * 1024 * 1024)

/* --- the VFS ---------------------------------------------------------------------------- */

struct sfile {
	sqlite3_file base;             /* our methods; SQLite sees this */
	sqlite3_file *real;            /* the unix-none file, right after this struct */
	int main_db;
	int held;                      /* we hold PATH.lock */
	int lost;                      /* we held it and it was taken from us */
	int write_checked;             /* the record was checked since the lock was taken and before a write */
	int linger;                    /* keep the lock when SQLite lets go of it (SHARELOCK_FCNTL_LINGER) */
	int direct;                    /* main database: its I/O, and its journal's, bypasses the page cache */
	int dfd;                       /* that I/O's descriptor (O_DIRECT), or -1 */
	int real_fd;                   /* the unix file's own descriptor, or -1 not known */
	struct chunk *chunks;          /* direct I/O: what was read under the lock held now (see chunk_read) */
	unsigned tick;
	sqlite3_int64 ahead_at;        /* where the last read from the server ended */
	int ahead;                     /* how many chunks it read */
	int misses;                    /* reads from the server since the chunks were last emptied */
	sqlite3_int64 size;            /* the database while held: the size the server gave when the
	                                * lock was taken, and ours since (no one else changes it
	                                * meanwhile); a journal made under our lock: ours; -1 not known */
	int warm;                      /* a lock was held and left: SQLite has pages cached */
	sqlite3_int64 kept_size;       /* the chunks were kept when the lock was left, with the
	                                * file this size; -1 none kept (see chunks_renew) */
	struct statx st;               /* the database as the server gave it when the lock was taken */
	/* Whether PATH-journal and PATH-wal exist ([1], [2]), as last learnt
	 * while this lock is held: -1 not known.  No one else makes or removes
	 * them while it is, and the server is asked once per lock. */
	signed char side_known[3];
	int oflags;                    /* how SQLite opened it (SQLITE_OPEN_*) */
	int level;                     /* the lock SQLite thinks it holds */
	char db[PATH_MAX];
	char token[40];
	char rec[REC_MAX];             /* our record's name as it is now */
	unsigned long long beat;
	int64_t taken;
	int64_t renewed;               /* monotonic ms of the last check (when it was asked) */
	int renews_in_a_row;           /* renew asking again after a slow answer (at most 3) */
	struct chmod_job *chmod;       /* a journal's fchmod on its way (fchmod_opening), or NULL */
	sqlite3_int64 hint_size;       /* the size the file had when it was opened; -1 not known */
	int64_t wrote_counter;         /* the change counter in the header last written here, or -1 */
	int will_write;                /* the next lock is taken to write (SHARELOCK_FCNTL_WRITING) */
	int premade;                   /* we made PATH-journal, empty, under this lock; SQLite has not
	                                * opened it yet */
	mode_t hint_mode;              /* the file's mode when it was opened; 0 not known */
	int fuse;                      /* the database is on a FUSE filesystem (sshfs) */
	int journal_fd;                /* a journal's direct descriptor, kept open until the journal
	                                * is deleted (journal_fd_close), or -1 */
	struct sfile *next;            /* open main database files (journals find theirs) */
};

static void chunks_forget(struct sfile *f);
struct lock_look;
static void chunks_renew(struct sfile *f, const struct lock_look *l);
struct chunk;
static int chunks_alloc(struct sfile *f);
static void chunks_put(struct sfile *f, sqlite3_int64 base, const char *buf, size_t got, int k, struct chunk *one);
static struct chunk *find_chunk(struct sfile *f, sqlite3_int64 base);
static int held_send(void);
static int opened_fd(const char *name);
static void opening_for(struct sfile *f, const char *name, int flags, int direct_journal);
static void chmod_settle(struct sfile *f);
static void journal_fd_close(struct sfile *f);
static void opened(void);
static int renew(struct sfile *f);
static sqlite3_vfs *base_vfs;
static struct sfile *open_dbs;

/* The open database a side file (PATH-journal, PATH-wal) belongs to, the
 * one holding the lock first; *side gets which. */
static struct sfile *db_of_side(const char *name, int *side)
{
	struct sfile *found = NULL;
	for (struct sfile *f = open_dbs; f; f = f->next) {
		size_t n = strlen(f->db);
		int which = strncmp(name, f->db, n) != 0 ? 0
			: strcmp(name + n, "-journal") == 0 ? 1 : strcmp(name + n, "-wal") == 0 ? 2 : 0;
		if (which && (!found || f->held)) {
			found = f;
			if (side)
				*side = which;
		}
	}
	return found;
}

static struct sfile *db_of_journal(const char *journal)
{
	int side = 0;
	struct sfile *f = db_of_side(journal, &side);
	return side == 1 ? f : NULL;
}

/* Ask the server, not the cache, about a file's size and existence: the
 * size, or -1. */
static sqlite3_int64 fresh_statx(const char *path, struct statx *sx)
{
	const unsigned want = STATX_SIZE | STATX_TYPE | STATX_MODE | STATX_UID | STATX_GID;
	if (statx(AT_FDCWD, path, AT_STATX_FORCE_SYNC | AT_SYMLINK_NOFOLLOW, want, sx) != 0) {
		sx->stx_mask = 0;
		return -1;
	}
	return (sx->stx_mask & STATX_SIZE) ? (sqlite3_int64)sx->stx_size : -1;
}

static sqlite3_int64 fresh_stat(const char *path)
{
	struct statx sx;
	return fresh_statx(path, &sx);
}

/* Why the last lock could not be taken, when the filesystem said no. */
static char lock_error[LOCKDIR_MAX + 512];

const char *sharelock_error(void)
{
	return lock_error;
}

/* A side file or the lock is a symbolic link: someone may have planted it
 * to make a hot journal of any file.  Named; never followed. */
static int planted(const char *path)
{
	snprintf(lock_error, sizeof lock_error, _("%s is a symbolic link: chorus never follows one beside "
		 "the database (someone may have planted it); remove it if no chorus is running"), path);
	return SQLITE_IOERR_LOCK;
}

/* Does a side file exist, asked of the server?  1, 0, or -1 with errno
 * (ELOOP: a symbolic link).  An open goes to the server by name even where
 * this machine still has the name cached; a stat may answer from that cache
 * (a journal another machine removed a moment ago "exists"), and keeps
 * answering so after the server said no. */
static int side_exists(const char *name)
{
	int fd = open(name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd >= 0) {
		fresh_stat(name);
		close(fd);
		return 1;
	}
	return errno == ENOENT || errno == ESTALE ? 0 : -1;
}

/* Read want bytes from off, fewer at the end of the file: how many, or -1. */
static ssize_t read_full(int fd, char *to, size_t want, sqlite3_int64 off)
{
	size_t got = 0;
	while (got < want) {
		ssize_t r = pread(fd, to + got, want - got, (off_t)(off + (sqlite3_int64)got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* What take asks the server once PATH.lock is made.  None of it waits for
 * the rest, so over a link it is asked all at once (together.h): the record
 * made and the lock listed (its record, and only its record), the file's
 * size and first bytes (the header; the whole file under a connection's
 * first lock, which goes on to read it all), and whether there is a journal
 * (or, taken to write, the journal made).  A FUSE mount such as sshfs looks
 * names up one at a time in one directory, and the record is made in
 * another.
 *
 * Asked before the record is known to be ours: that is sound when the
 * whole took well under the stale time, since nobody can have judged the
 * lock abandoned, broken it and written meanwhile (they must see it silent
 * that long first, after it was made); take asks again otherwise. */
struct lock_look {
	struct sfile *f;
	const char *dir;
	const char *path;              /* the record to make, or NULL */
	int64_t made_at;               /* when the record was asked to be made */
	int rec_made, rec_errno;
	char back[REC_MAX];
	int found, records;
	sqlite3_int64 size;
	struct statx st;
	char *buf;
	size_t want;
	ssize_t got;
	char side[2][PATH_MAX + 16];
	int exists[2];
	mode_t mode;                   /* the journal's, when it is made (look_journal_make) */
	int made;
};

static void look_record(void *p)
{
	struct lock_look *l = p;
	l->made_at = mono_ms();
	l->rec_made = mkdir(l->path, 0777) == 0;
	if (!l->rec_made) {
		l->rec_errno = errno;
		return;
	}
	l->found = read_record(l->dir, l->back, sizeof l->back, &l->records);
}

static void look_size(void *p)
{
	struct lock_look *l = p;
	l->size = fresh_statx(l->f->db, &l->st);
}

static void look_head(void *p)
{
	struct lock_look *l = p;
	l->got = read_full(l->f->dfd, l->buf, l->want, 0);
}

static void look_journal(void *p)
{
	struct lock_look *l = p;
	l->exists[0] = side_exists(l->side[0]);
}

/* A lock taken to write: the journal SQLite is about to make, made now,
 * empty (no journal to play back), while the record is made.  One that is
 * there already is looked at as usual. */
static void look_journal_make(void *p)
{
	struct lock_look *l = p;
	int fd = open(l->side[0], O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, l->mode);
	if (fd >= 0) {
		/* The database's mode, which the server's umask may have cut (a
		 * group member must be able to play it back): made so here, the
		 * inode is free again when SQLite writes. */
		struct stat sb;
		if (fstat(fd, &sb) == 0 && (sb.st_mode & 0777) != l->mode)
			fchmod(fd, l->mode);
		close(fd);
		l->exists[0] = 0;
		l->made = 1;
		return;
	}
	l->exists[0] = side_exists(l->side[0]);
}

static void look_wal(void *p)
{
	struct lock_look *l = p;
	l->exists[1] = side_exists(l->side[1]);
}

/* path: the record to make and list (NULL: the rest only); to_write: the
 * lock is taken to write. */
static int lock_look(struct sfile *f, const char *dir, const char *path, int to_write, struct lock_look *l)
{
	memset(l, 0, sizeof *l);
	l->f = f;
	l->dir = dir;
	l->path = path;
	l->got = -1;
	snprintf(l->side[0], sizeof l->side[0], "%s-journal", f->db);
	snprintf(l->side[1], sizeof l->side[1], "%s-wal", f->db);
	struct later jobs[5];
	int n = 0;
	if (path)
		jobs[n++] = (struct later){ .run = look_record, .arg = l };
	jobs[n++] = (struct later){ .run = look_size, .arg = l };
	/* Taken to write, over a link: the journal too.  Its mode is the
	 * database's. */
	if (to_write && f->direct) {
		jobs[n++] = (struct later){ .run = look_journal_make, .arg = l };
		l->mode = (f->st.stx_mask & STATX_MODE) ? (mode_t)(f->st.stx_mode & 0777)
			: f->hint_mode ? f->hint_mode : 0660;
	} else {
		jobs[n++] = (struct later){ .run = look_journal, .arg = l };
	}
	l->exists[1] = -1;
	if (f->dfd >= 0) {
		/* A lock after a quiet spell compares the header with the one the
		 * kept chunks hold (chunks_renew); a connection's first reads the
		 * file whole when it is small (see chunk_read). */
		l->want = f->warm ? 100
			: f->hint_size >= 0 && f->hint_size <= WHOLE_MAX ? WHOLE_MAX : CHUNK;
		if (!(l->buf = malloc(l->want)))
			return SQLITE_NOMEM;
		jobs[n++] = (struct later){ .run = look_head, .arg = l };
	} else {
		jobs[n++] = (struct later){ .run = look_wal, .arg = l };
	}
	if (f->direct) {
		together(jobs, n);
	} else {
		for (int i = 0; i < n; i++)     /* a local disk answers at once */
			jobs[i].run(jobs[i].arg);
	}
	/* A -wal beside a file whose header says rollback journal (bytes 18
	 * and 19 both 1) holds nothing of it: a file is put in WAL mode by
	 * writing 2 there first, and back only after its WAL was checkpointed
	 * and removed.  Over a link that is not asked; else SQLite asks
	 * (s_access). */
	if (l->buf && l->got >= 20 && (unsigned char)l->buf[18] == 1 && (unsigned char)l->buf[19] == 1)
		l->exists[1] = 0;
	return SQLITE_OK;
}

static int take(struct sfile *f, int to_write)
{
	char dir[LOCKDIR_MAX], path[LOCKDIR_MAX + REC_MAX + 2];
	lock_dir(f->db, dir);
	int got = 0;
	int64_t asked = 0;
	for (int attempt = 0; attempt < 2 && !got; attempt++) {
		asked = mono_ms();
		if (mkdir(dir, 0777) == 0) {
			got = 1;
			break;
		}
		if (errno != EEXIST) {
			int err = errno;
			snprintf(lock_error, sizeof lock_error, _("cannot make the lock %s: %s%s"), dir, strerror(err),
				 err == EACCES || err == EPERM ? _(" (everyone who uses the file needs to be "
				 "able to write to its directory)") : "");
			return SQLITE_IOERR_LOCK;
		}
		struct sharelock_holder h;
		if (!sharelock_look(f->db, &h))
			continue;                          /* gone between mkdir and look */
		if (h.is_link)
			return planted(dir);
		if (!h.abandoned || attempt > 0 || sharelock_break(f->db, &h) < 0)
			return SQLITE_BUSY;
	}
	if (!got)
		return SQLITE_BUSY;                        /* someone else was faster */
	unsigned char rnd[8];
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) {
		snprintf(lock_error, sizeof lock_error, _("no random numbers for the lock: %s"), strerror(errno));
		rmdir(dir);
		return SQLITE_IOERR_LOCK;
	}
	for (int i = 0; i < 8; i++)
		snprintf(f->token + 2 * i, 3, "%02x", rnd[i]);
	f->beat = 0;
	f->taken = (int64_t)time(NULL);
	format_record(f->rec, sizeof f->rec, f->token, f->beat, f->taken);
	snprintf(path, sizeof path, "%s/%s", dir, f->rec);
	struct lock_look l;
	int rc = lock_look(f, dir, path, to_write, &l);
	if (rc == SQLITE_OK && !l.rec_made) {
		snprintf(lock_error, sizeof lock_error, _("cannot write the lock's record in %s: %s"), dir,
			 strerror(l.rec_errno));
		rc = SQLITE_IOERR_LOCK;
	}
	if (rc != SQLITE_OK) {
		free(l.buf);
		rmdir(dir);
		return rc;
	}
	if (l.found != 1 || l.records != 1 || strcmp(l.back, f->rec) != 0) {
		/* Not ours after all (or not only ours): take nothing away.  (A
		 * journal made meanwhile is left: empty, and maybe someone
		 * else's by now.) */
		free(l.buf);
		rmdir(path);
		return SQLITE_BUSY;
	}
	int64_t made = l.made_at;                  /* (others count its silence from here) */
	int stale = sharelock_stale_ms();
	if (mono_ms() - asked >= (RENEW_MS < stale / 2 ? RENEW_MS : stale / 2)) {
		/* Slow (a pause?): what was asked before the record was known to
		 * be ours is asked again. */
		free(l.buf);
		if ((rc = lock_look(f, dir, NULL, 0, &l)) != SQLITE_OK) {
			rmdir(path);
			rmdir(dir);
			return rc;
		}
	}
	lock_error[0] = 0;
	f->held = 1;
	f->lost = 0;
	f->write_checked = 0;
	memset(f->side_known, -1, sizeof f->side_known);
	for (int i = 0; i < 2; i++)
		if (l.exists[i] >= 0)
			f->side_known[i + 1] = (signed char)l.exists[i];
	f->renewed = made;
	f->premade = l.made;
	/* The size another machine gave the file, not the one cached here. */
	f->size = l.size;
	f->st = l.st;
	chunks_renew(f, &l);
	free(l.buf);
	/* Each step above is a round trip; one that a pause (SIGSTOP, a
	 * suspended machine) held up for long enough may have let another
	 * machine judge the new record silent and break the lock: then the
	 * record is renamed once more before anything is read or written. */
	if (mono_ms() - f->renewed >= RENEW_MS && renew(f) != SQLITE_OK) {
		f->held = 0;
		f->lost = 0;
		f->premade = 0;            /* (no longer ours to remove) */
		chunks_forget(f);
		return SQLITE_BUSY;
	}
	return SQLITE_OK;
}

/* Is the record still ours?  Rename it to the next heartbeat: one atomic
 * step on the server that fails when the lock is not ours any more.
 * SQLITE_OK, or SQLITE_IOERR_LOCK and f->lost. */
static int renew(struct sfile *f)
{
	if (f->lost)
		return SQLITE_IOERR_LOCK;
	char dir[LOCKDIR_MAX], from[LOCKDIR_MAX + REC_MAX + 2], to[LOCKDIR_MAX + REC_MAX + 2], next[REC_MAX];
	lock_dir(f->db, dir);
	format_record(next, sizeof next, f->token, f->beat + 1, f->taken);
	snprintf(from, sizeof from, "%s/%s", dir, f->rec);
	snprintf(to, sizeof to, "%s/%s", dir, next);
	int64_t asked = mono_ms();
	if (rename(from, to) != 0) {
		f->lost = 1;
		return SQLITE_IOERR_LOCK;
	}
	f->beat++;
	snprintf(f->rec, sizeof f->rec, "%s", next);
	/* The check holds from when it was asked, not from when the answer
	 * came: a pause while the rename was on its way (a round trip) is time
	 * in which others saw the record silent.  One that long is asked again,
	 * before the caller writes anything on its word. */
	f->renewed = asked;
	if (mono_ms() - asked >= RENEW_MS && f->renews_in_a_row < 3) {
		f->renews_in_a_row++;
		int rc = renew(f);
		f->renews_in_a_row = 0;
		return rc;
	}
	return SQLITE_OK;
}

/* Is the record still there?  Asked of the server, not of a cache (a check
 * that does not beat), on a thread of its own: see sync_checked. */
struct record_look {
	char path[LOCKDIR_MAX + REC_MAX + 2];
	int there;
};

static void record_run(void *p)
{
	struct record_look *r = p;
	struct statx sx;
	r->there = statx(AT_FDCWD, r->path, AT_STATX_FORCE_SYNC | AT_SYMLINK_NOFOLLOW, STATX_TYPE, &sx) == 0 &&
		(sx.stx_mask & STATX_TYPE) && S_ISDIR(sx.stx_mode);
}

/* Before touching the file: the lock must still be ours.  Writes are
 * checked once per lock before the first, then like everything else when
 * the last check is older than RENEW_MS (a paused process's monotonic clock
 * runs on, so after a pause the check comes first). */
static int guard(struct sfile *f, int writing)
{
	if (!f || !f->held)
		return f && f->lost ? SQLITE_IOERR_LOCK : SQLITE_OK;
	if (f->lost)
		return SQLITE_IOERR_LOCK;
	int due = mono_ms() - f->renewed >= RENEW_MS || (writing && !f->write_checked);
	if (!due)
		return SQLITE_OK;
	int rc = renew(f);
	if (rc == SQLITE_OK && writing)
		f->write_checked = 1;
	return rc;
}

static void leave(struct sfile *f)
{
	char dir[LOCKDIR_MAX], path[LOCKDIR_MAX + REC_MAX + 2], aside[LOCKDIR_MAX + 64];
	if (!f->held)
		return;
	/* A journal made for a write that did not come (see lock_look): gone
	 * before the lock is, while the lock is still ours (a lost one may
	 * have let another holder write into it). */
	if (f->premade && !f->lost && guard(f, 1) == SQLITE_OK) {
		char journal[PATH_MAX + 16];
		snprintf(journal, sizeof journal, "%s-journal", f->db);
		unlink(journal);
	}
	f->premade = 0;
	f->held = 0;
	f->kept_size = f->lost ? -1 : f->size;   /* the chunks are kept (chunks_renew) */
	f->size = -1;
	f->warm = 1;
	if (f->kept_size < 0)
		chunks_forget(f);
	memset(f->side_known, -1, sizeof f->side_known);
	if (f->lost)
		return;
	lock_dir(f->db, dir);
	snprintf(path, sizeof path, "%s/%s", dir, f->rec);
	if (rmdir(path) != 0) {
		f->lost = 1;        /* not ours any more: leave it alone */
		f->kept_size = -1;
		chunks_forget(f);
		return;
	}
	if (rmdir(dir) == 0 || errno == ENOENT)
		return;
	/* Something else in it (a file a foreign client left): out of the way,
	 * then cleared. */
	aside_name(dir, "gone", aside, sizeof aside);
	if (rename(dir, aside) == 0)
		remove_lockdir(aside);
}

static struct sfile *main_of(sqlite3_file *p)
{
	struct sfile *f = (struct sfile *)p;
	return f->main_db ? f : NULL;
}

static int s_close(sqlite3_file *p)
{
	struct sfile *f = (struct sfile *)p;
	held_send();
	chmod_settle(f);
	/* A journal on a FUSE share: its descriptor stays open until SQLite
	 * deletes it (see journal_fd_close). */
	struct sfile *o = !f->main_db && f->dfd >= 0 ? db_of_journal(f->db) : NULL;
	if (o && o->fuse) {
		journal_fd_close(o);
		o->journal_fd = f->dfd;
		f->dfd = -1;
	}
	if (f->main_db) {
		journal_fd_close(f);
		leave(f);
		for (struct sfile **q = &open_dbs; *q; q = &(*q)->next)
			if (*q == f) {
				*q = f->next;
				break;
			}
	}
	if (f->dfd >= 0)
		close(f->dfd);
	f->dfd = -1;
	free(f->chunks);
	f->chunks = NULL;
	return f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
}

/* The lock a file's I/O answers to: the database's own, or a journal's database's. */
static struct sfile *owner_of(struct sfile *f)
{
	return f->main_db ? f : db_of_journal(f->db);
}

struct chunk {
	sqlite3_int64 off;       /* -1: empty */
	int len;
	unsigned used;
	char data[CHUNK];
};

static void chunks_forget(struct sfile *f)
{
	if (!f)
		return;
	if (f->chunks)
		for (int i = 0; i < NCHUNKS; i++)
			f->chunks[i].off = -1;
	f->ahead_at = -1;
	f->ahead = 0;
	f->misses = 0;
}

/* Chunks kept when the lock was left are still the file's when it has the
 * same size and the same 100-byte header, read now from the server (by
 * lock_look): every commit changes the header's change counter (SQLite
 * keeps its own cache by the same sign).  A lock after a quiet spell reads
 * nothing else again.  Else they are emptied.  What lock_look read whole
 * or by the chunk is kept. */
static void chunks_renew(struct sfile *f, const struct lock_look *l)
{
	if (f->dfd < 0 || !l->buf || l->got < 0) {
		f->kept_size = -1;
		chunks_forget(f);
		return;
	}
	struct chunk *c = f->chunks && f->kept_size >= 0 && f->size == f->kept_size ? find_chunk(f, 0) : NULL;
	int same = c && c->len >= 100 && l->got >= 100 && memcmp(l->buf, c->data, 100) == 0;
	f->kept_size = -1;
	if (!same)
		chunks_forget(f);
	if (l->want >= CHUNK && chunks_alloc(f) == SQLITE_OK)
		chunks_put(f, 0, l->buf, (size_t)l->got, (int)((l->want + CHUNK - 1) / CHUNK), NULL);
	f->ahead_at = -1;
	f->ahead = 0;
}

/* Direct I/O (the database and its journal on a network filesystem): every
 * read and write goes to the server, none to or from the kernel's page cache.
 * A page cached by this machine — read before the lock was taken, or
 * brought in by read-ahead that finished after another machine's commit —
 * can then never be taken for the file's content.  SQLite keeps its own
 * cache for as long as it holds the lock, and checks the file's change
 * counter (read from the server) when it takes it again. */
static int direct_open(struct sfile *f)
{
	int acc = f->oflags & SQLITE_OPEN_READONLY ? O_RDONLY : O_RDWR;
	/* The database: SQLite's own descriptor, duplicated and switched to
	 * direct I/O, is the same file without asking the server to open it
	 * again (they share the switch: SQLite's reads and writes come here
	 * anyway).  Not a journal: over sshfs a descriptor of the journal SQLite
	 * created, switched so, writes a round trip at a time, where one opened
	 * for direct I/O sends its writes on and waits only at the sync. */
	if (f->main_db && f->real_fd >= 0) {
		int d = fcntl(f->real_fd, F_DUPFD_CLOEXEC, 0), fl = d >= 0 ? fcntl(d, F_GETFL) : -1;
		if (fl >= 0 && (fl & O_ACCMODE) == acc && fcntl(d, F_SETFL, fl | O_DIRECT) == 0) {
			f->dfd = d;
			return SQLITE_OK;
		}
		if (d >= 0)
			close(d);
	}
	f->dfd = open(f->db, acc | O_DIRECT | O_CLOEXEC | O_NOFOLLOW);
	return f->dfd >= 0 ? SQLITE_OK : SQLITE_IOERR;
}

static int direct_read(struct sfile *f, void *buf, int n, sqlite3_int64 off)
{
	ssize_t got = read_full(f->dfd, buf, (size_t)n, off);
	if (got < 0)
		return SQLITE_IOERR_READ;
	if (got < n) {
		memset((char *)buf + got, 0, (size_t)(n - got));
		return SQLITE_IOERR_SHORT_READ;
	}
	return SQLITE_OK;
}

static int direct_write(struct sfile *f, const void *buf, int n, sqlite3_int64 off)
{
	const char *p = buf;
	int put = 0;
	while (put < n) {
		ssize_t w = pwrite(f->dfd, p + put, (size_t)(n - put), (off_t)(off + put));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 && (errno == ENOSPC || errno == EDQUOT) ? SQLITE_FULL : SQLITE_IOERR_WRITE;
		put += (int)w;
	}
	return SQLITE_OK;
}

/* Writes held back: over a link every direct write is a round trip, and
 * SQLite writes a journal as a 4-byte page number, a page, a 4-byte
 * checksum, ... — dozens of writes for one commit.  A write that goes on
 * where the held one ends joins it.  Everything else that changes a file
 * (another write, a sync, a truncation, a deletion) and every lock, unlock
 * and close first sends what is held, and so do a read or a size of the
 * file it is held for.  So the server sees the same writes in the same
 * order, only fewer and larger; nothing is held across a sync, the
 * journal's removal or the lock's release; a process that dies holding
 * some has written less than it was told, as when it dies a moment
 * earlier: no sync had covered it.  The lock is checked again before the
 * held writes go (guard: after a pause the record is renewed first). */
#define HELD_MAX (1024 * 1024)
static struct {
	struct sfile *f;           /* NULL: nothing held */
	sqlite3_int64 off;
	size_t len, cap;
	char *buf;
} held;

static int held_send(void)
{
	struct sfile *f = held.f;
	if (!f)
		return SQLITE_OK;
	held.f = NULL;
	int rc = guard(owner_of(f), f->main_db);    /* as s_write would have */
	if (rc == SQLITE_OK)
		rc = direct_write(f, held.buf, (int)held.len, held.off);
	held.len = 0;
	return rc;
}

/* Hold the write back (SQLITE_OK), or write it as it is. */
static int held_write(struct sfile *f, const void *buf, int n, sqlite3_int64 off)
{
	if (held.f == f && off == held.off + (sqlite3_int64)held.len && held.len + (size_t)n <= HELD_MAX) {
		memcpy(held.buf + held.len, buf, (size_t)n);
		held.len += (size_t)n;
		return SQLITE_OK;
	}
	int rc = held_send();
	if (rc != SQLITE_OK)
		return rc;
	if (!held.buf) {
		held.buf = malloc(HELD_MAX);
		held.cap = held.buf ? HELD_MAX : 0;
	}
	if ((size_t)n > held.cap)
		return direct_write(f, buf, n, off);
	memcpy(held.buf, buf, (size_t)n);
	held.f = f;
	held.off = off;
	held.len = (size_t)n;
	return SQLITE_OK;
}

static struct chunk *find_chunk(struct sfile *f, sqlite3_int64 base)
{
	for (int i = 0; i < NCHUNKS; i++)
		if (f->chunks[i].off == base)
			return &f->chunks[i];
	return NULL;
}

/* The least recently used chunk, an empty one first. */
static struct chunk *victim_chunk(struct sfile *f)
{
	struct chunk *v = &f->chunks[0];
	for (int i = 0; i < NCHUNKS; i++) {
		if (f->chunks[i].off < 0)
			return &f->chunks[i];
		if (f->chunks[i].used < v->used)
			v = &f->chunks[i];
	}
	return v;
}

static int chunks_alloc(struct sfile *f)
{
	if (!f->chunks) {
		f->chunks = malloc(NCHUNKS * sizeof *f->chunks);
		if (!f->chunks)
			return SQLITE_NOMEM;
		chunks_forget(f);
	}
	return SQLITE_OK;
}

/* Keep k chunks read from base, got bytes of them (buf NULL: already in
 * the one chunk they were read into).  A chunk past the end of the file is
 * not kept; a short one is (its len says so). */
static void chunks_put(struct sfile *f, sqlite3_int64 base, const char *buf, size_t got, int k, struct chunk *one)
{
	for (int i = 0; i < k; i++) {
		size_t from = (size_t)i * CHUNK;
		if (i > 0 && from >= got)
			break;
		sqlite3_int64 off = base + (sqlite3_int64)from;
		struct chunk *c = one ? one : find_chunk(f, off);
		if (!c) {
			c = victim_chunk(f);
			c->off = -1;
		}
		c->len = got > from ? (int)(got - from < CHUNK ? got - from : CHUNK) : 0;
		if (buf)
			memcpy(c->data, buf + from, (size_t)c->len);
		c->off = off;
		c->used = ++f->tick;
	}
}

/* Read k chunks from base in one request and keep them. */
static int chunks_fill(struct sfile *f, sqlite3_int64 base, int k)
{
	size_t want = (size_t)k * CHUNK;
	char *buf = k == 1 ? NULL : malloc(want);
	struct chunk *one = NULL;
	if (!buf) {
		k = 1;
		want = CHUNK;
		one = victim_chunk(f);
		one->off = -1;
	}
	ssize_t got = read_full(f->dfd, buf ? buf : one->data, want, base);
	if (got < 0) {
		free(buf);
		return SQLITE_IOERR_READ;
	}
	f->ahead_at = base + (sqlite3_int64)want;
	f->ahead = k;
	chunks_put(f, base, buf, (size_t)got, k, one);
	free(buf);
	return SQLITE_OK;
}

/* The database written under the lock: the chunks take the write as the
 * file does (a read goes on to find what was written, and the chunks stay
 * the file's across the commit: the next lock keeps them when nobody wrote
 * meanwhile).  A chunk the write would leave a gap in is dropped. */
static void chunks_update(struct sfile *f, const void *buf, int n, sqlite3_int64 off)
{
	if (!f->chunks)
		return;
	for (int i = 0; i < NCHUNKS; i++) {
		struct chunk *c = &f->chunks[i];
		sqlite3_int64 lo = off > c->off ? off : c->off, hi = off + n < c->off + CHUNK ? off + n : c->off + CHUNK;
		if (c->off < 0 || lo >= hi)
			continue;
		if (lo - c->off > c->len) {
			c->off = -1;
			continue;
		}
		memcpy(c->data + (lo - c->off), (const char *)buf + (lo - off), (size_t)(hi - lo));
		if (hi - c->off > c->len)
			c->len = (int)(hi - c->off);
	}
}

/* A read of the database through the chunks; 1 served (rc set), 0 not. */
static int chunk_read(struct sfile *f, void *buf, int n, sqlite3_int64 off, int *rc)
{
	sqlite3_int64 base = off / CHUNK * CHUNK;
	if (!f->main_db || !f->held || n > CHUNK || off + n > base + CHUNK || chunks_alloc(f) != SQLITE_OK)
		return 0;
	struct chunk *c = find_chunk(f, base);
	if (!c) {
		int k = base == f->ahead_at ? f->ahead * 2 : 1;
		if (k > AHEAD_MAX)
			k = AHEAD_MAX;
		sqlite3_int64 start = base;
		if (f->misses++ == 0 && !f->warm && f->size > 0 && f->size <= WHOLE_MAX) {
			start = 0;                 /* the whole file */
			k = (int)((f->size + CHUNK - 1) / CHUNK);
		}
		if (chunks_fill(f, start, k) != SQLITE_OK) {
			*rc = SQLITE_IOERR_READ;
			return 1;
		}
		c = find_chunk(f, base);
		if (!c) {
			*rc = SQLITE_IOERR_READ;
			return 1;
		}
	}
	c->used = ++f->tick;
	int from = (int)(off - base), have = c->len - from;
	if (have < 0)
		have = 0;
	if (have > n)
		have = n;
	memcpy(buf, c->data + from, (size_t)have);
	if (have < n)
		memset((char *)buf + have, 0, (size_t)(n - have));
	*rc = have < n ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
	return 1;
}

static int s_read(sqlite3_file *p, void *buf, int n, sqlite3_int64 off)
{
	struct sfile *f = (struct sfile *)p;
	int rc = held.f == f ? held_send() : SQLITE_OK;
	if (rc == SQLITE_OK)
		rc = guard(owner_of(f), 0);
	if (rc != SQLITE_OK)
		return rc;
	if (f->dfd >= 0 && chunk_read(f, buf, n, off, &rc))
		return rc;
	if (!f->main_db && f->size >= 0 && off >= f->size) {
		memset(buf, 0, (size_t)n);        /* (SQLite looks past a journal's end) */
		return SQLITE_IOERR_SHORT_READ;
	}
	if (f->main_db && !f->held && off == 0 && n <= (int)sizeof head_seen.h && head_seen.valid &&
	    strcmp(head_seen.path, f->db) == 0) {
		head_seen.valid = 0;              /* once: the open it was read for */
		memcpy(buf, head_seen.h, (size_t)n);
		return SQLITE_OK;
	}
	return f->dfd >= 0 ? direct_read(f, buf, n, off) : f->real->pMethods->xRead(f->real, buf, n, off);
}

static int s_write(sqlite3_file *p, const void *buf, int n, sqlite3_int64 off)
{
	struct sfile *f = (struct sfile *)p;
	int rc = guard(owner_of(f), f->main_db);
	if (rc != SQLITE_OK)
		return rc;
	if (f->main_db)
		chunks_update(f, buf, n, off);
	else
		chunks_forget(f);
	if (f->main_db && off == 0 && n >= 28)
		f->wrote_counter = (int64_t)store_be32((const unsigned char *)buf + 24);
	rc = f->dfd >= 0 ? held_write(f, buf, n, off) : f->real->pMethods->xWrite(f->real, buf, n, off);
	if (f->size >= 0)
		f->size = rc == SQLITE_OK ? (off + n > f->size ? off + n : f->size) : -1;
	return rc;
}

static int s_truncate(sqlite3_file *p, sqlite3_int64 size)
{
	struct sfile *f = (struct sfile *)p;
	int rc = held_send();
	if (rc == SQLITE_OK)
		rc = guard(owner_of(f), f->main_db);
	if (rc != SQLITE_OK)
		return rc;
	chunks_forget(f);
	int tracked = f->size >= 0;
	f->size = -1;
	if (f->dfd >= 0) {
		if (ftruncate(f->dfd, (off_t)size) != 0)
			return SQLITE_IOERR_TRUNCATE;
		if (tracked)
			f->size = size;
		return SQLITE_OK;
	}
	return f->real->pMethods->xTruncate(f->real, size);
}

/* The journal's sync comes just before the database is written, and the
 * lock is checked there (once per lock: guard's writing).  Over a link that
 * check goes while the journal is synced: the record looked at on the
 * server (the last heartbeat, or the taking, is less than RENEW_MS old, or
 * guard renews as usual); the database is written only after both have
 * answered.  1 when done (rc set), 0 when guard is to check as usual. */
static int sync_checked(struct sfile *f, int *rc)
{
	struct sfile *o = owner_of(f);
	if (f->main_db || f->dfd < 0 || !o || !o->held || o->lost || o->write_checked ||
	    mono_ms() - o->renewed >= RENEW_MS)
		return 0;
	char dir[LOCKDIR_MAX];
	struct record_look r;
	lock_dir(o->db, dir);
	snprintf(r.path, sizeof r.path, "%s/%s", dir, o->rec);
	struct later look;
	later_start(&look, record_run, &r);
	int synced = fsync(f->dfd) == 0;
	later_wait(&look);
	if (!r.there) {
		o->lost = 1;
		*rc = SQLITE_IOERR_LOCK;
		return 1;
	}
	o->write_checked = 1;
	*rc = synced ? SQLITE_OK : SQLITE_IOERR_FSYNC;
	return 1;
}

static int s_sync(sqlite3_file *p, int flags)
{
	struct sfile *f = (struct sfile *)p;
	int rc = held_send();
	chmod_settle(f);
	if (rc == SQLITE_OK && sync_checked(f, &rc))
		return rc;
	if (rc == SQLITE_OK)
		rc = guard(owner_of(f), 1);
	if (rc != SQLITE_OK)
		return rc;
	if (f->dfd >= 0)
		return fsync(f->dfd) == 0 ? SQLITE_OK : SQLITE_IOERR_FSYNC;
	return f->real->pMethods->xSync(f->real, flags);
}

static int s_file_size(sqlite3_file *p, sqlite3_int64 *size)
{
	struct sfile *f = (struct sfile *)p;
	struct stat sb;
	int rc = held.f == f ? held_send() : SQLITE_OK;
	if (rc != SQLITE_OK)
		return rc;
	if (f->dfd < 0)
		return f->real->pMethods->xFileSize(f->real, size);
	if (f->size >= 0 && (f->held || !f->main_db)) {
		*size = f->size;
		return SQLITE_OK;
	}
	if (fstat(f->dfd, &sb) != 0)
		return SQLITE_IOERR_FSTAT;
	*size = sb.st_size;
	return SQLITE_OK;
}

static int s_lock(sqlite3_file *p, int level)
{
	struct sfile *f = main_of(p);
	if (!f || level == SQLITE_LOCK_NONE)
		return SQLITE_OK;
	if (held_send() != SQLITE_OK)
		return SQLITE_IOERR_LOCK;
	int to_write = f->will_write;
	f->will_write = 0;                 /* (for this lock only) */
	int rc = !f->held ? take(f, to_write)
		/* From SHARED up to EXCLUSIVE, or a lingering lock taken up
		 * again: we have it all already; still ours? */
		: level >= SQLITE_LOCK_RESERVED || f->level == SQLITE_LOCK_NONE ? guard(f, 0) : SQLITE_OK;
	if (rc == SQLITE_OK)
		f->level = level;
	return rc;
}

static int s_unlock(sqlite3_file *p, int level)
{
	int rc = held_send();
	struct sfile *f = main_of(p);
	if (f)
		f->level = level;
	if (f && level == SQLITE_LOCK_NONE && !f->linger)
		leave(f);
	return rc == SQLITE_OK ? SQLITE_OK : SQLITE_IOERR_UNLOCK;
}

static int s_check_reserved(sqlite3_file *p, int *out)
{
	struct sfile *f = main_of(p);
	if (f && f->held) {
		*out = 0;            /* only we hold it: any journal there is hot */
		return SQLITE_OK;
	}
	char dir[LOCKDIR_MAX];
	struct stat sb;
	lock_dir(f ? f->db : "", dir);
	*out = f && lstat(dir, &sb) == 0;
	return SQLITE_OK;
}

static int s_file_control(sqlite3_file *p, int op, void *arg)
{
	struct sfile *f = (struct sfile *)p;
	if (op == SHARELOCK_FCNTL_DIRECT) {
		if (!f->main_db || f->dfd >= 0)
			return SQLITE_OK;
		f->direct = 1;
		f->fuse = arg && *(int *)arg;
		return direct_open(f);
	}
	if (op == SHARELOCK_FCNTL_LOST) {
		*(int *)arg = f->main_db && f->lost;
		return SQLITE_OK;
	}
	if (op == SHARELOCK_FCNTL_WRITING) {
		f->will_write = *(int *)arg;
		return SQLITE_OK;
	}
	if (op == SHARELOCK_FCNTL_COUNTER) {
		*(sqlite3_int64 *)arg = f->main_db ? f->wrote_counter : -1;
		return SQLITE_OK;
	}
	if (op == SHARELOCK_FCNTL_LINGER) {
		f->linger = *(int *)arg;
		if (!f->linger && f->main_db && f->level == SQLITE_LOCK_NONE)
			leave(f);
		return SQLITE_OK;
	}
	if (op == SQLITE_FCNTL_VFSNAME) {
		*(char **)arg = sqlite3_mprintf("%s", SHARELOCK_VFS);
		return SQLITE_OK;
	}
	int rc = held_send();       /* (a size hint, say, goes to the file itself) */
	return rc != SQLITE_OK ? rc : f->real->pMethods->xFileControl(f->real, op, arg);
}

static int s_sector_size(sqlite3_file *p)
{
	struct sfile *f = (struct sfile *)p;
	return f->real->pMethods->xSectorSize(f->real);
}

/* Safe append: a file grows only by what was written to it, never by
 * bytes that were not (every filesystem a share serves from: ext4, xfs,
 * btrfs, zfs; and a client that dies leaves the server a prefix of its
 * writes).  Then SQLite writes a journal's header at once, with its record
 * count left open, and syncs it once before the database is written, not
 * twice: a record cut short fails its checksum and ends the playback, and
 * the records before it hold pages as they were.  Over a link a sync is a
 * round trip. */
static int s_device(sqlite3_file *p)
{
	struct sfile *f = (struct sfile *)p;
	return f->real->pMethods->xDeviceCharacteristics(f->real) | SQLITE_IOCAP_SAFE_APPEND;
}

/* Version 1: no shared memory (so no WAL), no memory mapping. */
static const sqlite3_io_methods share_methods = {
	1, s_close, s_read, s_write, s_truncate, s_sync, s_file_size, s_lock, s_unlock,
	s_check_reserved, s_file_control, s_sector_size, s_device,
	NULL, NULL, NULL, NULL, NULL, NULL,
};

struct direct_early {
	struct later thread;
	int going;
	char name[PATH_MAX + 16];
	int flags;
	int fd;
};

static void direct_early_run(void *p)
{
	struct direct_early *e = p;
	e->fd = open(e->name, e->flags);
}

static int s_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *p, int flags, int *out_flags)
{
	(void)vfs;
	struct sfile *f = (struct sfile *)p;
	memset(f, 0, sizeof *f);
	f->journal_fd = -1;
	f->real = (sqlite3_file *)(f + 1);
	/* Making a journal starts a write: the lock must still be ours.  A
	 * holder resumed after a pause renews before its journal's first byte
	 * goes (guard, from held_send), and the record is asked for before the
	 * database is written (sync_checked). */
	struct sfile *owner = name && (flags & SQLITE_OPEN_MAIN_JOURNAL) ? db_of_journal(name) : NULL;
	if (owner && owner->held && owner->lost) {
		f->real->pMethods = NULL;
		return SQLITE_IOERR_LOCK;
	}
	/* A journal: the server's word on whether it exists and its size —
	 * unless it is one the server said, under this lock, is not there.  (The
	 * database's size is asked for when its lock is taken: see take.) */
	int fresh = owner && owner->held && owner->side_known[1] == 0;
	if (name && (flags & SQLITE_OPEN_MAIN_JOURNAL) && !fresh)
		fresh_stat(name);
	if (owner)
		journal_fd_close(owner);   /* (one closed without being deleted) */
	/* A journal made while the lock was looked at (see lock_look) is there
	 * already: its open for direct I/O goes at the same time as SQLite's. */
	struct direct_early early = { .fd = -1 };
	if (owner && owner->direct && owner->premade && owner->held && !owner->lost) {
		snprintf(early.name, sizeof early.name, "%s", name);
		early.flags = (flags & SQLITE_OPEN_READONLY ? O_RDONLY : O_RDWR) | O_DIRECT | O_CLOEXEC | O_NOFOLLOW;
		later_start(&early.thread, direct_early_run, &early);
		early.going = 1;
	}
	if (owner)
		owner->premade = 0;        /* SQLite's journal now: it removes it */
	opening_for(f, name, flags, owner && owner->direct);
	int rc = base_vfs->xOpen(base_vfs, name, f->real, flags, out_flags);
	if (early.going)
		later_wait(&early.thread);
	if ((rc & 0xff) == SQLITE_CANTOPEN && name && (flags & SQLITE_OPEN_CREATE) &&
	    (flags & SQLITE_OPEN_MAIN_JOURNAL)) {
		/* This machine still had the name of a journal another machine
		 * has since removed: an open with O_CREAT then goes to the file
		 * that is no more and fails.  O_EXCL makes the kernel ask the
		 * server about the name, and creates it; then open it as SQLite
		 * wanted, with the database's own permissions. */
		char dbname[PATH_MAX];
		struct stat sb;
		size_t n = strlen(name);
		mode_t mode = 0660;
		if (n > 8 && n - 8 < sizeof dbname) {
			memcpy(dbname, name, n - 8);
			dbname[n - 8] = 0;
			if (stat(dbname, &sb) == 0)
				mode = sb.st_mode & 0777;
		}
		int fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd >= 0) {
			fchmod(fd, mode);
			close(fd);
		}
		rc = base_vfs->xOpen(base_vfs, name, f->real, flags, out_flags);
	}
	if (rc != SQLITE_OK) {
		opened();
		chmod_settle(f);
		if (early.fd >= 0)
			close(early.fd);
		f->real->pMethods = NULL;
		return rc;
	}
	f->main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
	f->hint_size = -1;
	if (f->main_db && head_seen.sb_valid && name && strcmp(head_seen.path, name) == 0) {
		f->hint_size = (sqlite3_int64)head_seen.sb.st_size;
		f->hint_mode = head_seen.sb.st_mode & 0777;
		head_seen.sb_valid = 0;       /* once: the open it was read for */
	}
	f->dfd = -1;
	f->wrote_counter = -1;
	f->real_fd = opened_fd(name);
	f->kept_size = -1;
	f->size = fresh ? 0 : -1;      /* a journal we make: its size is what we write */
	f->oflags = flags;
	if (owner && owner->held && !owner->lost)
		owner->side_known[1] = 1;
	if (name)
		snprintf(f->db, sizeof f->db, "%s", name);
	/* A journal goes the way of its database (see direct_open). */
	if (early.fd >= 0)
		f->dfd = early.fd;
	int dr = owner && owner->direct && f->dfd < 0 ? direct_open(f) : SQLITE_OK;
	opened();
	if (dr != SQLITE_OK) {
		chmod_settle(f);
		f->real->pMethods->xClose(f->real);
		f->real->pMethods = NULL;
		return SQLITE_CANTOPEN;
	}
	if (f->main_db) {
		f->next = open_dbs;
		open_dbs = f;
	}
	p->pMethods = &share_methods;
	return SQLITE_OK;
}

/* The held, unlost lock a side file's existence can be answered from. */
static struct sfile *side_owner(const char *name, int *side)
{
	struct sfile *db = name ? db_of_side(name, side) : NULL;
	return db && db->held && !db->lost ? db : NULL;
}

static int s_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	if (flags == SQLITE_ACCESS_EXISTS) {
		int side = 0;
		struct sfile *db = side_owner(name, &side);
		if (db && db->side_known[side] >= 0) {
			*out = db->side_known[side];
			return SQLITE_OK;
		}
		int r = side_exists(name);
		if (r < 0 && errno == ELOOP)
			return planted(name);
		if (r < 0)
			return base_vfs->xAccess(base_vfs, name, flags, out);
		*out = r;
		if (db)
			db->side_known[side] = (signed char)*out;
		return SQLITE_OK;
	}
	return base_vfs->xAccess(base_vfs, name, flags, out);
}

static int s_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	int side = 0;
	struct sfile *db = side_owner(name, &side);
	/* (what the database was written must be there before its journal goes) */
	int rc = held_send();
	if (rc != SQLITE_OK)
		return rc;
	/* Deleting the journal is what commits: the lock must still be ours.
	 * A holder resumed after a pause (its check is due then) must neither
	 * report a transaction another machine has since rolled back as saved,
	 * nor delete the journal of whoever holds the lock now. */
	struct sfile *owner = db_of_journal(name);
	if (owner && (owner->held || owner->lost) && (rc = guard(owner, 1)) != SQLITE_OK)
		return rc;
	rc = base_vfs->xDelete(base_vfs, name, sync_dir);
	if (owner)
		journal_fd_close(owner);
	if (db)
		db->side_known[side] = rc == SQLITE_OK || rc == SQLITE_IOERR_DELETE_NOENT ? 0 : -1;
	return rc;
}

/* Does the name have a "." or ".." part? */
static int dotted(const char *name)
{
	for (const char *p = name; *p; ) {
		size_t len = strcspn(p, "/");
		if ((len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
			return 1;
		p += len;
		p += *p == '/';
	}
	return 0;
}

/* The absolute name, made without asking the filesystem.  SQLite's own
 * resolves symbolic links with an lstat of every part, and over a share
 * each one is a round trip, on every open.  Nothing here needs them
 * resolved: the database is opened with O_NOFOLLOW and a link beside it is
 * refused (planted), and a directory reached through a link holds the same
 * lock and journal whichever way it is reached.  A name with "." or ".."
 * parts is left to SQLite. */
static int s_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	char cwd[PATH_MAX];
	if (dotted(name))
		return base_vfs->xFullPathname(base_vfs, name, n, out);
	int len = name[0] == '/' ? snprintf(out, (size_t)n, "%s", name)
		: getcwd(cwd, sizeof cwd) ? snprintf(out, (size_t)n, "%s/%s", cwd, name) : -1;
	if (len < 0 || len >= n)
		return base_vfs->xFullPathname(base_vfs, name, n, out);
	return SQLITE_OK;
}

static int s_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return base_vfs->xRandomness(base_vfs, n, out);
}

static int s_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return base_vfs->xSleep(base_vfs, us);
}

static int s_current_time(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	return base_vfs->xCurrentTime(base_vfs, t);
}

static int s_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return base_vfs->xGetLastError(base_vfs, n, out);
}

/* While s_open has SQLite open a file.  The database: SQLite's fstat of it,
 * only to warn of a file that was unlinked or has several links, is answered
 * with what sharelock_read_head saw a moment ago.  A journal of a database
 * on a share, which it makes: its fchmod to the database's mode (the
 * server's umask took bits away) goes on a thread of its own, on a
 * descriptor of its own, while the journal is opened for direct I/O and
 * written; it is waited for before the journal is synced or closed
 * (chmod_settle).  Each is a round trip over a link. */
static int (*sys_fstat)(int, struct stat *);
static int (*sys_fchmod)(int, mode_t);

struct chmod_job {
	struct later thread;
	int fd;
	mode_t mode;
};

static struct {
	const char *db;                /* the database being opened (its fstat is known), or NULL */
	struct sfile *journal;         /* a journal being opened: its fchmod may go on */
	int fd;                        /* the descriptor of the database's open, -1 */
} opening = { .fd = -1 };

static void opening_for(struct sfile *f, const char *name, int flags, int direct_journal)
{
	opening.db = name && (flags & SQLITE_OPEN_MAIN_DB) && head_seen.sb_valid &&
		strcmp(head_seen.path, name) == 0 ? name : NULL;
	opening.fd = -1;
	opening.journal = direct_journal ? f : NULL;
}

static void opened(void)
{
	opening.db = NULL;
	opening.fd = -1;
	opening.journal = NULL;
}

static int fstat_opening(int fd, struct stat *sb)
{
	if (fd >= 0 && fd == opening.fd) {
		opening.fd = -1;               /* once */
		*sb = head_seen.sb;
		return 0;
	}
	return sys_fstat(fd, sb);
}

static void chmod_run(void *p)
{
	struct chmod_job *j = p;
	sys_fchmod(j->fd, j->mode);
	close(j->fd);
}

static int fchmod_opening(int fd, mode_t mode)
{
	struct sfile *f = opening.journal;
	struct chmod_job *j = f && !f->chmod ? malloc(sizeof *j) : NULL;
	if (!j)
		return sys_fchmod(fd, mode);
	j->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	j->mode = mode;
	if (j->fd < 0) {
		free(j);
		return sys_fchmod(fd, mode);
	}
	f->chmod = j;
	later_start(&j->thread, chmod_run, j);
	return 0;
}

static void chmod_settle(struct sfile *f)
{
	if (!f->chmod)
		return;
	later_wait(&f->chmod->thread);
	free(f->chmod);
	f->chmod = NULL;
}

/* FUSE's high-level layer (sshfs) renames a file unlinked while it is open
 * to .fuse_hidden... and removes that at its last close.  A file closed just
 * before its unlink races with that (the close reaches the filesystem in the
 * background): about one journal in three was left behind as a hidden file
 * for good.  So a journal's own descriptor is closed only after SQLite has
 * deleted it (one round trip more: the rename), or when it was closed
 * without being deleted. */
static void journal_fd_close(struct sfile *f)
{
	if (f->journal_fd >= 0)
		close(f->journal_fd);
	f->journal_fd = -1;
}

/* SQLite, running as root, gives a journal it makes the database's owner
 * (fchown) even when it has that owner already: over a share a round trip
 * in every write.  An owner it has is not given again. */
static int (*sys_open)(const char *, int, int);
static int (*sys_fchown)(int, uid_t, gid_t);

/* The last file SQLite opened, so that s_open knows the descriptor its file
 * has (see direct_open). */
static struct {
	char path[PATH_MAX];
	int fd;
} last_open = { "", -1 };

static int open_seen(const char *path, int flags, int mode)
{
	int fd = sys_open(path, flags, mode);
	if (opening.db && strcmp(path, opening.db) == 0)
		opening.fd = fd;
	last_open.fd = -1;
	if (fd >= 0 && strlen(path) < sizeof last_open.path) {
		strcpy(last_open.path, path);
		last_open.fd = fd;
	}
	return fd;
}

/* The descriptor SQLite's file for name has, when it was the last opened;
 * -1 when not known. */
static int opened_fd(const char *name)
{
	int fd = name && last_open.fd >= 0 && strcmp(last_open.path, name) == 0 ? last_open.fd : -1;
	last_open.fd = -1;
	return fd;
}

/* SQLite stats the database to give a journal it makes the same mode and
 * owner: while the lock is held, the server's answer from when it was
 * taken (no one else changes the file meanwhile) saves a round trip. */
static int (*sys_stat)(const char *, struct stat *);

static int stat_held(const char *path, struct stat *sb)
{
	const unsigned need = STATX_TYPE | STATX_MODE | STATX_UID | STATX_GID | STATX_SIZE;
	for (struct sfile *f = open_dbs; f; f = f->next)
		if (f->held && !f->lost && (f->st.stx_mask & need) == need && strcmp(f->db, path) == 0) {
			memset(sb, 0, sizeof *sb);
			sb->st_mode = f->st.stx_mode;
			sb->st_uid = f->st.stx_uid;
			sb->st_gid = f->st.stx_gid;
			sb->st_nlink = 1;
			sb->st_size = (off_t)(f->size >= 0 ? f->size : (sqlite3_int64)f->st.stx_size);
			return 0;
		}
	return sys_stat(path, sb);
}

static int fchown_needed(int fd, uid_t uid, gid_t gid)
{
	struct stat sb;
	if (fstat(fd, &sb) == 0 && sb.st_uid == uid && sb.st_gid == gid)
		return 0;
	return sys_fchown(fd, uid, gid);
}

static void replace_calls(sqlite3_vfs *b)
{
	if (!b->xSetSystemCall || !b->xGetSystemCall)
		return;
	sqlite3_syscall_ptr o = b->xGetSystemCall(b, "open"), c = b->xGetSystemCall(b, "fchown"),
		st = b->xGetSystemCall(b, "stat"), fst = b->xGetSystemCall(b, "fstat"),
		ch = b->xGetSystemCall(b, "fchmod");
	if (fst && !sys_fstat) {
		sys_fstat = (int (*)(int, struct stat *))fst;
		b->xSetSystemCall(b, "fstat", (sqlite3_syscall_ptr)fstat_opening);
	}
	if (ch && !sys_fchmod) {
		sys_fchmod = (int (*)(int, mode_t))ch;
		b->xSetSystemCall(b, "fchmod", (sqlite3_syscall_ptr)fchmod_opening);
	}
	if (st && !sys_stat) {
		sys_stat = (int (*)(const char *, struct stat *))st;
		b->xSetSystemCall(b, "stat", (sqlite3_syscall_ptr)stat_held);
	}
	if (o && !sys_open) {
		sys_open = (int (*)(const char *, int, int))o;
		b->xSetSystemCall(b, "open", (sqlite3_syscall_ptr)open_seen);
	}
	if (c && !sys_fchown) {
		sys_fchown = (int (*)(int, uid_t, gid_t))c;
		b->xSetSystemCall(b, "fchown", (sqlite3_syscall_ptr)fchown_needed);
	}
}

int sharelock_register(void)
{
	static sqlite3_vfs vfs;
	if (base_vfs)
		return SQLITE_OK;
	sqlite3_vfs *b = sqlite3_vfs_find("unix-none");
	if (!b)
		return SQLITE_ERROR;
	vfs.iVersion = 1;
	vfs.szOsFile = (int)sizeof(struct sfile) + b->szOsFile;
	vfs.mxPathname = b->mxPathname;
	vfs.zName = SHARELOCK_VFS;
	vfs.xOpen = s_open;
	vfs.xDelete = s_delete;
	vfs.xAccess = s_access;
	vfs.xFullPathname = s_full_pathname;
	vfs.xDlOpen = NULL;
	vfs.xRandomness = s_randomness;
	vfs.xSleep = s_sleep;
	vfs.xCurrentTime = s_current_time;
	vfs.xGetLastError = s_last_error;
	base_vfs = b;
	replace_calls(b);
	int rc = sqlite3_vfs_register(&vfs, 0);
	if (rc != SQLITE_OK)
		base_vfs = NULL;
	return rc;
}

void sharelock_describe(const struct sharelock_holder *h, const char *db, char *out, size_t n)
{
	if (!h->present) {
		snprintf(out, n, _("%s.lock: not held"), db);
		return;
	}
	if (!h->has_record) {
		snprintf(out, n, _("%s.lock is held by a client that names no holder (an older chorus, or "
			 "sqlite3 with -vfs unix-dotfile); no change seen for %lld s"),
			 db, (long long)(h->silent_ms / 1000));
		return;
	}
	char taken[32] = "?";
	time_t t = (time_t)h->taken;
	struct tm tm;
	if (gmtime_r(&t, &tm))
		strftime(taken, sizeof taken, "%Y-%m-%d %H:%M:%S UTC", &tm);
	const char *state = h->alive == 0 ? _("; that process is gone")
		: h->alive == 1 && h->stopped ? _("; that process is stopped (paused)")
		: h->alive == 1 ? _("; that process is running") : "";
	snprintf(out, n, _("%s.lock is held by chorus on %s (pid %ld, user %s) since %s by its clock%s; "
		 "its heartbeat (%llu) unchanged for %lld.%01lld s as seen from here"),
		 db, h->host, h->pid, h->user, taken, state, h->beat,
		 (long long)(h->silent_ms / 1000), (long long)(h->silent_ms % 1000 / 100));
}
