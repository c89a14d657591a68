/* sharelock.h — share mode's lock (src/core/sharelock.c).
 *
 * A directory PATH.lock with a record inside naming its holder (host, pid,
 * user, a random token, a heartbeat): the name of a directory,
 * PATH.lock/chorus-lock,1,host=…,beat=N, renamed at each heartbeat.  Registered as the SQLite
 * VFS "chorus-share", which share-mode connections use.  A lock is abandoned
 * only when this process has watched its record stay the same for
 * sharelock_stale_ms() by its own clock, or its holder is a process of this
 * machine that is gone; never by comparing clocks or file times. */
#ifndef CHORUS_SHARELOCK_H
#define CHORUS_SHARELOCK_H

#include <stdint.h>
#include <stddef.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/types.h>

#define SHARELOCK_VFS "chorus-share"
/* Silence, in seconds, after which a held lock is abandoned.  The holder
 * counts its heartbeat up at least twice a second while it reads or
 * writes; $CHORUS_LOCK_STALE (seconds) overrides it, for tests. */
#define SHARELOCK_STALE_S 20

struct sharelock_holder {
	int present;                /* PATH.lock exists */
	int is_dir;
	int is_link;                /* a symbolic link: planted, never followed */
	int has_record;             /* it names its holder (a chorus of this kind) */
	int records;                /* how many records it holds (1; more is foul play) */
	char record[256];           /* the record as found */
	char host[64];
	char user[32];
	char token[40];
	long pid;
	int64_t taken;              /* when, by the holder's clock (for people only) */
	unsigned long long beat;
	int same_machine;           /* same boot and pid namespace as this process */
	int alive;                  /* same machine: 1 running, 0 gone; else -1 */
	int stopped;                /* same machine, running, but stopped (SIGSTOP) */
	int64_t silent_ms;          /* how long this process has seen this same record */
	int abandoned;              /* gone, or silent for sharelock_stale_ms() */
};

/* sqlite3_file_control(db, "main", SHARELOCK_FCNTL_LINGER, &on): keep the
 * lock between transactions (on = 1) until the connection closes or on = 0. */
#define SHARELOCK_FCNTL_LINGER 0x43484f01
/* sqlite3_file_control(db, "main", SHARELOCK_FCNTL_DIRECT, &fuse), before the
 * first statement: the database's and its journal's reads and writes bypass
 * the page cache (O_DIRECT), for a network filesystem; fuse (an int, or a
 * NULL pointer for 0): it is a FUSE one (sshfs). */
#define SHARELOCK_FCNTL_DIRECT 0x43484f02
/* sqlite3_file_control(db, "main", SHARELOCK_FCNTL_LOST, &int): 1 when the
 * lock this connection held was taken from it (whatever error SQLite then
 * reported), else 0. */
#define SHARELOCK_FCNTL_LOST 0x43484f03
/* sqlite3_file_control(db, "main", SHARELOCK_FCNTL_COUNTER, &int64): the change
 * counter in the header this connection last wrote to the file (its last
 * commit), or -1. */
#define SHARELOCK_FCNTL_COUNTER 0x43484f04
/* sqlite3_file_control(db, "main", SHARELOCK_FCNTL_WRITING, &on), before a
 * BEGIN IMMEDIATE (on = 1) or a BEGIN (on = 0): whether the lock the
 * statement takes is taken to write.  Then, over a network filesystem, the
 * journal is made while the lock is looked at (see lock_look). */
#define SHARELOCK_FCNTL_WRITING 0x43484f05

int sharelock_register(void);
/* Why the last attempt to take a lock failed when the filesystem refused
 * (permissions, a dead link), else "". */
const char *sharelock_error(void);
/* The first len bytes of a file read past the page cache where the
 * filesystem allows (O_DIRECT), else without read-ahead: a page cached here
 * can be older than the file on a share.  Bytes read; -1 and errno when it
 * cannot be opened; -2 when it is not a regular file (sb says what it is).
 * Never waits on a FIFO.  (For looking at a file before SQLite opens it.) */
ssize_t sharelock_read_head(const char *path, unsigned char *h, size_t len, struct stat *sb);
/* The file change counter (header offset 24), which every committed write
 * transaction in rollback mode changes: one read, with direct I/O when
 * direct (a network filesystem, where a page cached here can be old), no
 * lock.  *fd (descriptor plus one, 0: none) is kept open for the next call;
 * the caller closes it.  -1 when it cannot be read (then *fd is 0). */
int64_t sharelock_change_counter(const char *path, int direct, int *fd);
int sharelock_stale_ms(void);
/* Look at the lock of the database at db (and remember what was seen, so
 * that silence is measured across calls).  0: no lock; 1: h filled. */
int sharelock_look(const char *db, struct sharelock_holder *h);
/* Break the lock judged abandoned by a look: 1 broken, 0 it changed or
 * vanished meanwhile (nothing done), -1 error (errno). */
int sharelock_break(const char *db, const struct sharelock_holder *judged);
/* One sentence naming the holder and the silence seen, for messages. */
void sharelock_describe(const struct sharelock_holder *h, const char *db, char *out, size_t n);

#endif
