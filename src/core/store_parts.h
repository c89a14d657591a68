/* store_parts.h — what the files of the store (store.c, store_mount.c,
 * store_open.c, store_lock.c, store_identity.c) share with each other and
 * nothing else: private to src/core/store*.c. */
#ifndef CHORUS_STORE_PARTS_H
#define CHORUS_STORE_PARTS_H

#include <stdint.h>
#include "chorus/store.h"

/* store.c: a connection the way the recorded mode wants it, and its end. */
int store_conn_open(struct store *s, int create, struct err *e);
void store_conn_close(struct store *s);
/* Run table_sql (an INSERT binding key and value) inside the caller's transaction. */
int store_kv_put(struct store *s, const char *table_sql, const char *key, const char *value, struct err *e);
/* PRAGMA user_version; -1 when it cannot be read. */
int store_user_version(struct store *s);

/* store_mount.c: the filesystem type a test pretends (0: none). */
long store_fs_pretended(void);

/* store_open.c: s cleared for path with the defaults ($CHORUS_BUSY_MS); the
 * header of s->path looked at before SQLite opens it (see store_open.c). */
void store_reset(struct store *s, const char *path);
int store_inspect_header(struct store *s, int *wal, int *version, struct err *e);
/* CH_OK, or CH_UNUSABLE naming a side file (-journal, -wal, -shm, .lock)
 * that is a symbolic link.  store_inspect_header asks it of every file but
 * one in share mode, whose caller asks once it knows the filesystem. */
int store_side_files_ok(const char *path, struct err *e);
/* The big-endian 32-bit number at p (SQLite's file format). */
uint32_t store_be32(const unsigned char *p);

/* store_lock.c: share mode's SQLite busy handler (ctx is the store). */
int store_share_busy(void *ctx, int count);

/* store_identity.c: a new person (the master at creation, or an enrolled
 * login when enrol, which the audit log records); *id when id. */
int store_insert_person(struct store *s, const char *login, const char *name, int roles,
			int enrol, int64_t *id, struct err *e);

#endif
