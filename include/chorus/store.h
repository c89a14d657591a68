/* store.h — the SQLite file: open, deployment mode, migrations, transactions.
 *
 * One file holds everything.  Its deployment mode is chosen at init and
 * recorded in meta; every client honours the recorded mode:
 *   local — WAL, synchronous=NORMAL, POSIX locks, one long-lived connection;
 *   share — rollback journal, synchronous=FULL, share mode's own lock (the
 *           "chorus-share" VFS, sharelock.h), direct I/O over a network, and
 *           a connection per transaction (or per command: linger).
 * A local file seen over a network filesystem is not opened (not even read:
 * WAL cannot work between machines); a mount that keeps file data cached
 * across opens is refused. */
#ifndef CHORUS_STORE_H
#define CHORUS_STORE_H

#include <limits.h>
#include <sqlite3.h>
#include <stdint.h>
#include "chorus/err.h"

#define STORE_APPLICATION_ID 0x43484f52 /* "CHOR" */

enum store_mode { STORE_MODE_NONE = 0, STORE_MODE_LOCAL, STORE_MODE_SHARE };

/* Role bits of people.roles. */
enum role {
	ROLE_MASTER    = 1,
	ROLE_EDITOR    = 2,
	ROLE_CREATOR   = 4,
	ROLE_PUBLISHER = 8,
};

struct store {
	char path[PATH_MAX];
	sqlite3 *db;             /* the connection (share mode: only inside a transaction) */
	sqlite3 *watch;          /* idle connection polled for data_version (local mode) */
	enum store_mode mode;
	int readonly;
	char ro_reason[1024];
	int schema_version;      /* as found in the file */
	int busy_ms;             /* busy timeout of every connection */
	int wait_abandoned;      /* share mode: wait out a silent lock until it counts as
	                          * abandoned and is broken (the CLI), or give up at busy_ms */
	int64_t busy_start;      /* share mode: when the current wait for the lock began */
	int linger;              /* share mode: one connection and one lock from the first
	                          * transaction to store_close (store_hold_lock_per_open) */
	int depth;               /* nesting of store_begin */
	int failed;              /* the status of the first nested part that failed (0: none):
	                          * the outermost store_end then rolls back and returns it */
	int writing;
	int64_t own_writes;      /* write transactions this store committed (store_own_changes) */
	char fs_name[32];        /* the filesystem as seen from here */
	long fs_type;
	int mount_cache;         /* network filesystems: STORE_CACHE_*; -1 not looked at */
	char mount_note[1024];   /* what the look at the mount found */
	/* Who is acting: the effective person, and the login who typed it. */
	int64_t me;              /* people.id; 0 before store_identify */
	int my_roles;
	char my_login[64];
	char my_name[128];
	int64_t actor;           /* the real login's person id (differs with --as) */
	char actor_login[64];
	/* A read-only descriptor of the file (plus one; 0: none) that the report
	 * uses for read-ahead hints.  Closed only in store_close, after SQLite's
	 * own: closing any descriptor of the file would drop the POSIX locks
	 * SQLite holds on it in this process. */
	int hint_fd;
	/* Share mode: a descriptor of the file (plus one; 0: none) for the change
	 * signal, read past this machine's cache on a network filesystem. */
	int signal_fd;
	/* While set (store_stop_when): asked every STORE_STOP_STEPS steps of
	 * a statement, which stops (SQLITE_INTERRUPT) when it says so. */
	int (*stop)(void *);
	void *stop_arg;
};

/* Until called again with NULL, every statement of s stops as soon as
 * stop(arg) returns non-zero (asked every STORE_STOP_STEPS virtual machine
 * steps, on every connection s opens meanwhile); the statement then fails
 * as interrupted.  The interface reads tabs ahead this way: a key never
 * waits for a reading nobody asked for. */
#define STORE_STOP_STEPS 2000
void store_stop_when(struct store *s, int (*stop)(void *), void *arg);

/* The filesystem under a directory: statfs, unless a test injected one. */
long store_fs_type(const char *dir, char *name, size_t namelen);
int store_fs_is_network(long type);
/* A FUSE filesystem (sshfs and the like)? */
int store_fs_is_fuse(long type);
/* (The environment variable CHORUS_FSTYPE, e.g. 0x6969, makes the CLI
 * pretend every directory is on that filesystem; tests have store_fs_inject
 * in src/core/store_test.h.) */

/* The mount holding a directory (Linux: /proc/self/mountinfo). */
struct store_mount {
	char point[PATH_MAX];    /* where it is mounted */
	char type[64];           /* "fuse.sshfs", "nfs4", "cifs", "ext4" */
	char source[512];        /* what was mounted: "user@host:dir", "server:/export" */
	char options[2048];      /* the mount's and the filesystem's options */
};
/* 1 and m filled when found, else 0. */
int store_mount_of(const char *dir, struct store_mount *m);
/* How does the mount cache?  The rules, one a line, are mount_rules in store_mount.c.
 * UNSAFE: it keeps file data across opens, so one machine can read pages
 * another has since changed (sshfs kernel_cache or auto_cache, NFS nocto,
 * SMB cache=loose): chorus cannot be safe there, not even reading (a sound
 * file looks damaged), so it does not open the file.  RISKY: a file another
 * machine made or removed can look otherwise here (NFS without
 * lookupcache=positive): opened read-only.  UNKNOWN: the options cannot be
 * seen (the sshfs process is in another PID namespace): opened read-only.
 * SLOW: safe, but a released lock can look held for a while (sshfs without
 * dir_cache=no), so writes fail busy more often than they need to.  why gets
 * a sentence: what is wrong and how to remount. */
enum { STORE_CACHE_SAFE, STORE_CACHE_UNKNOWN, STORE_CACHE_SLOW, STORE_CACHE_RISKY, STORE_CACHE_UNSAFE };
int store_mount_cache(const struct store_mount *m, char *why, size_t n);
/* The -o options chorus requires of an sshfs mount ("dir_cache=no"), as the
 * manual's mount command gives them. */
const char *store_sshfs_options(void);
/* The same for the mount holding the file at path: STORE_CACHE_*, or -1 when
 * it is not on a network filesystem (or a test pretends a filesystem).  An
 * UNSAFE mount: store_open refuses the file (CH_UNUSABLE) and says why. */
int store_mount_check(const char *path, char *note, size_t n);
/* The same for a file whose filesystem was already asked (store_fs_type). */
int store_mount_check_fs(const char *path, long type, const char *fs, char *note, size_t n);

/* The directory of a file's path ("." when it has none). */
void store_dir_of(const char *path, char *dir, size_t len);

/* The path to use: --db, $CHORUS_DB, the config file, or the XDG default. */
int store_default_path(const char *opt, char *out, size_t outlen, struct err *e);

/* Create a new database (refuses an existing file).  mode NONE = from statfs. */
int store_create(struct store *s, const char *path, enum store_mode mode,
		 const char *org, const char *master_login, const char *master_name,
		 struct err *e);
/* Open an existing database: migrate an older schema, open a newer one read-only.
 * A local-mode (WAL) file on a network filesystem is not opened at all
 * (CH_UNUSABLE): see store_wal_remote. */
int store_open(struct store *s, const char *path, struct err *e);
/* The same, read-only whatever the file allows: no migration, and writes are
 * refused with why. */
int store_open_readonly(struct store *s, const char *path, const char *why, struct err *e);
void store_close(struct store *s);
/* The sentence that says why a local-mode file at path, seen on the network
 * filesystem fs_name, is not opened from here, and what to do instead. */
void store_wal_remote(const char *path, const char *fs_name, char *why, size_t n);

/* Convert a closed database to another deployment mode (journal and meta.mode
 * together).  Needs the file to itself: CH_BUSY when anyone else has it open.
 * local is refused on a network filesystem. */
int store_set_mode(const char *path, enum store_mode to, struct err *e);

/* Share mode's lock (PATH.lock, see sharelock.h).  Break it once it is
 * abandoned: its holder is a process of this machine that is gone, or this
 * process watched its heartbeat stand still for sharelock_stale_ms() (it
 * watches for that long, then decides).  A holder that is alive, whose
 * heartbeat moves, or that lets the lock go meanwhile is left alone:
 * CH_FAILED.  seen gets what was found.  CH_OK when it was broken. */
int store_break_lock(const char *path, char *seen, size_t n, struct err *e);

/* Share mode: stores opened or created from now on keep one connection and
 * the lock from their first transaction to store_close, instead of taking
 * both anew for every transaction: one command, one lock (every lock costs
 * round trips to the server).  Only for a caller that waits for nothing
 * outside while the store is open — a command of the CLI, never the TUI,
 * whose person may leave it open for hours. */
void store_hold_lock_per_open(int on);

/* Share mode, a store that holds its lock across transactions (linger):
 * let the lock go now, keeping the connection and SQLite's cache (SQLite
 * checks the file's change counter when it takes the lock again).  The TUI
 * calls it before every wait for a key.  No-op otherwise. */
void store_idle(struct store *s);

/* Who am I: login is the OS login; as (may be NULL) is --as, masters only. */
int store_identify(struct store *s, const char *login, const char *as, struct err *e);
/* The OS login of this process. */
const char *store_os_login(void);

/* Transactions.  store_begin(s, 1) is BEGIN IMMEDIATE; calls nest, and only the
 * outermost one touches the database.  store_end(s, status) commits when status
 * is CH_OK and everything nested succeeded, else rolls back; it returns the final
 * status.  Every write transaction increments meta.revision. */
int store_begin(struct store *s, int write, struct err *e);
int store_end(struct store *s, int status, struct err *e);

/* A prepared statement on the current connection; NULL and e set on failure. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct err *e);
/* Map a failed sqlite3 call to a status and message. */
int store_sql_error(struct store *s, int rc, const char *what, struct err *e);
/* Run SQL with no parameters (schema, pragmas). */
int store_exec(struct store *s, const char *sql, struct err *e);

/* The change signal: data_version (local), or in share mode the file's
 * change counter (its header, read from the server: one request, no lock),
 * else meta.revision.  Returns a number that changes whenever another
 * process committed; -1 inside a transaction or when it cannot be read. */
int64_t store_change_signal(struct store *s);
/* Write transactions this store has committed since it opened (they do
 * not move the local-mode signal, which counts other connections' commits).
 * Not SQLite's count of changed rows: a read that fills a temporary table
 * changes rows too, and would make every panel look stale. */
int64_t store_own_changes(struct store *s);
/* Share mode: the change signal (store_change_signal) as this store's last
 * commit left it, without asking the file; -1 when not known (or not share
 * mode).  Whatever another client committed before is in what this store
 * read under the same lock after its commit. */
int64_t store_own_signal(struct store *s);

/* meta and settings values. */
int store_meta_get(struct store *s, const char *key, char *out, size_t outlen);
int store_setting_get(struct store *s, const char *key, char *out, size_t outlen);
int store_setting_set(struct store *s, const char *key, const char *value, struct err *e);

/* The current time (seconds, UTC); $CHORUS_NOW (epoch or YYYY-MM-DD[THH:MM:SS]) fixes it,
 * but once a database is open only when that database was created under it. */
int64_t store_now(void);
/* Whether $CHORUS_NOW fixes the clock now (see store_now). */
int store_clock_fixed(void);
/* "2026-11-23 10:42" in UTC: chorus has one clock for every member, wherever
 * they are (the strategy has no time zone); the manual says so. */
void store_time_str(int64_t t, char *out, size_t n);
/* Turn "YYYY-MM-DD[THH:MM[:SS]]" or epoch digits into seconds; -1 when invalid. */
int64_t store_parse_time(const char *text);

const char *store_mode_name(enum store_mode m);
int store_schema_latest(void);
/* Does the caller hold all of these role bits? (masters hold every role) */
int store_has_role(const struct store *s, int roles);
int store_require_role(const struct store *s, int roles, const char *doing, struct err *e);
/* Parse "master,editor" into bits; -1 when a name is unknown. */
int store_roles_parse(const char *text);
/* "master,editor,publisher" */
void store_roles_format(int roles, char *out, size_t outlen);

#endif
