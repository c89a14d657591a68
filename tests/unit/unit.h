/* unit.h — what every cmocka unit test includes, and a fresh database to test on. */
#ifndef CHORUS_UNIT_H
#define CHORUS_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "chorus/people.h"
#include "chorus/store.h"
#include "../../src/core/store_test.h"

/* A temporary directory per test binary, removed by unit_cleanup. */
static char unit_dir[PATH_MAX];

static inline const char *unit_tmpdir(void)
{
	if (!unit_dir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(unit_dir, sizeof unit_dir, "%s/chorus-unit-XXXXXX", base && *base ? base : "/tmp");
		if (!mkdtemp(unit_dir))
			fail_msg("cannot make a temporary directory");
	}
	return unit_dir;
}

static inline void unit_cleanup(void)
{
	if (unit_dir[0]) {
		char cmd[PATH_MAX + 16];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", unit_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", unit_dir);
	}
}

/* The teardowns every suite shares.  unit_teardown is for a fixture that a
 * setup malloc'ed with its struct store first: it closes the store, frees the
 * fixture and undoes the clock and filesystem the test may have set. */
static inline int unit_teardown(void **state)
{
	store_close((struct store *)*state);
	free(*state);
	store_fs_inject(0);
	store_clock_set(0);
	return 0;
}

static inline int unit_group_teardown(void **state)
{
	(void)state;
	unit_cleanup();
	return 0;
}

/* Create a new database NAME in the temporary directory with "master" as its
 * social master, open it and act as master.  Paths are bounded explicitly so
 * that -Wformat-truncation can see they fit. */
static inline void unit_db(struct store *s, const char *name, char *path, size_t len)
{
	struct err e = {0};
	if (strlen(unit_tmpdir()) > 3000)
		fail_msg("the temporary directory's path is too long");
	snprintf(path, len, "%.3000s/%.60s", unit_tmpdir(), name);
	static const char *suffix[] = { "", "-wal", "-shm", "-journal" };
	for (int i = 0; i < 4; i++) {
		char side[3100];
		snprintf(side, sizeof side, "%.3070s%s", path, suffix[i]);
		unlink(side);
	}
	if (store_create(s, path, STORE_MODE_NONE, "Test BV", "master", "Mia Master", &e) != CH_OK)
		fail_msg("store_create: %s", e.msg);
	store_close(s);
	if (store_open(s, path, &e) != CH_OK)
		fail_msg("store_open: %s", e.msg);
	if (store_identify(s, "master", NULL, &e) != CH_OK)
		fail_msg("store_identify: %s", e.msg);
}

/* A file as an older chorus left it: an empty file at path, WAL, the
 * migrations up to version only; s is open on it (sqlite3_close(s->db) when
 * its rows are in, then store_open migrates it). */
static inline void unit_old_file(struct store *s, const char *path, int version)
{
	struct err e = {0};
	memset(s, 0, sizeof *s);
	snprintf(s->path, sizeof s->path, "%.4000s", path);
	s->mode = STORE_MODE_LOCAL;
	s->busy_ms = 1000;
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		fail_msg("cannot create %s", path);
	if (store_exec(s, "PRAGMA journal_mode=WAL", &e) != CH_OK || store_migrate_to(s, version, &e) != CH_OK)
		fail_msg("cannot make a schema-%d file: %s", version, e.msg);
}

/* Add a person with these extra roles (publisher is implied), as the master. */
/* The fixture of the suites that test on a database of their own per test:
 * its store first (unit_teardown relies on that), then the file's path. */
struct unit_fx {
	struct store s;
	char path[PATH_MAX + 64];
};

/* A fresh database per test, PREFIX-N.db, on what looks like a local disk. */
static inline struct unit_fx *unit_fx_new(const char *prefix)
{
	static int n;
	struct unit_fx *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	char name[64];
	snprintf(name, sizeof name, "%.40s-%d.db", prefix, n++);
	store_fs_inject(0xEF53);
	unit_db(&f->s, name, f->path, sizeof f->path);
	return f;
}

static inline void unit_person(struct store *s, const char *login, int roles)
{
	struct err e = {0};
	struct person_change c = { .name = login, .roles = roles, .active = -1 };
	if (people_add(s, login, &c, NULL, &e) != CH_OK)
		fail_msg("people_add %s: %s", login, e.msg);
}

/* Act as LOGIN from now on (the demo's way, without the --as rules). */
static inline void unit_act_as(struct store *s, const char *login)
{
	struct err e = {0};
	if (store_impersonate(s, login, &e) != CH_OK)
		fail_msg("store_impersonate %s: %s", login, e.msg);
}

/* Run one SQL query returning one integer. */
static inline long long unit_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;
	if (store_begin(s, 0, NULL) != CH_OK)
		fail_msg("store_begin for %s", sql);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(s->db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	store_end(s, CH_OK, NULL);
	return v;
}

/* unit_int of a query made by printf from fmt (fmt and its arguments
 * constants and numbers only: nothing quoted). */
static inline long long unit_intf(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline long long unit_intf(struct store *s, const char *fmt, ...)
{
	char sql[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return unit_int(s, sql);
}

#define assert_ok(call, e) do { \
	int st_ = (call); \
	if (st_ != CH_OK) \
		fail_msg("%s returned %d: %s", #call, st_, (e).msg); \
} while (0)

#endif
