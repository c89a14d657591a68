/* test_store.c — the SQLite file: deployment modes chosen from the
 * filesystem and honoured when the filesystem seen later disagrees,
 * migrations of older files, newer files opened read-only, damaged files,
 * nested transactions, the revision counter and the change signal. */
#include "unit.h"
#include "chorus/audit.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include "chorus/people.h"

#define PATHLEN (PATH_MAX + 64)

#define FS_NFS   0x6969
#define FS_EXT4  0xEF53

/* Every test: real filesystem, real clock afterwards, whatever happened. */
static int reset(void **state)
{
	(void)state;
	store_fs_inject(0);
	store_clock_set(0);
	return 0;
}

/* A fresh path NAME in the temporary directory, with no leftovers. */
static void fresh_path(const char *name, char *path, size_t len)
{
	snprintf(path, len, "%s/%s", unit_tmpdir(), name);
	static const char *suffix[] = { "", "-wal", "-shm", "-journal", ".lock" };
	for (int i = 0; i < 5; i++) {
		char p[PATH_MAX + 16];
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
		rmdir(p);
	}
}

static void create_ok(struct store *s, const char *path, enum store_mode mode)
{
	struct err e = {0};
	if (store_create(s, path, mode, "Test BV", "master", "Mia Master", &e) != CH_OK)
		fail_msg("store_create %s: %s", path, e.msg);
}

static void open_ok(struct store *s, const char *path)
{
	struct err e = {0};
	if (store_open(s, path, &e) != CH_OK)
		fail_msg("store_open %s: %s", path, e.msg);
}

/* One text value from a query, in a read transaction. */
static const char *text_query(struct store *s, const char *sql)
{
	static char buf[256];
	sqlite3_stmt *st = NULL;
	buf[0] = 0;
	if (store_begin(s, 0, NULL) != CH_OK)
		fail_msg("store_begin for %s", sql);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(s->db));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	store_end(s, CH_OK, NULL);
	return buf;
}

/* SQL on a connection of our own, with no chorus in between. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail_msg("open %s: %s", path, sqlite3_errmsg(db));
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		char copy[512];
		snprintf(copy, sizeof copy, "%s", msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(db);
		fail_msg("%s: %s", sql, copy);
	}
	sqlite3_close(db);
}

static long long meta_revision(struct store *s)
{
	return unit_int(s, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'");
}

static void write_setting(struct store *s, const char *key, const char *value)
{
	struct err e = {0};
	assert_ok(store_setting_set(s, key, value, &e), e);
}

/* --- creation and modes ---------------------------------------------------- */

static void test_create_local_uses_wal_group_file_mode_and_records_local(void **state)
{
	(void)state;
	struct store s;
	char path[PATHLEN];
	fresh_path("local.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_NONE);
	assert_int_equal(s.mode, STORE_MODE_LOCAL);
	assert_string_equal(s.fs_name, "ext4");
	assert_non_null(s.db);   /* local mode keeps its connection */
	assert_string_equal(text_query(&s, "PRAGMA journal_mode"), "wal");
	assert_string_equal(text_query(&s, "PRAGMA synchronous"), "1");   /* NORMAL */
	char mode[16];
	assert_true(store_meta_get(&s, "mode", mode, sizeof mode));
	assert_string_equal(mode, "local");
	assert_int_equal(unit_int(&s, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(unit_int(&s, "PRAGMA user_version"), store_schema_latest());
	assert_int_equal(unit_int(&s, "SELECT roles FROM people WHERE login = 'master'"),
			 ROLE_MASTER | ROLE_EDITOR | ROLE_CREATOR | ROLE_PUBLISHER);
	store_close(&s);

	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	if ((sb.st_mode & 0777) != 0660)
		fail_msg("%s has mode %04o, want 0660", path, (unsigned)(sb.st_mode & 0777));
}

static void test_create_refuses_an_existing_file(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("exists.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_NONE);
	store_close(&s);
	assert_int_equal(store_create(&s, path, STORE_MODE_NONE, "Other", "x", "X", &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "already exists"));
	/* and the first database is untouched */
	open_ok(&s, path);
	char org[64];
	assert_true(store_meta_get(&s, "organisation", org, sizeof org));
	assert_string_equal(org, "Test BV");
	store_close(&s);
}

static const struct fs_case {
	long type;
	const char *name;
	enum store_mode mode;
} fs_cases[] = {
	{ 0x6969,     "nfs",       STORE_MODE_SHARE },
	{ 0x517B,     "smb",       STORE_MODE_SHARE },
	{ 0xFF534D42, "cifs",      STORE_MODE_SHARE },
	{ 0xFE534D42, "smb2",      STORE_MODE_SHARE },
	{ 0x65735546, "fuse",      STORE_MODE_SHARE },
	{ 0x01021997, "9p",        STORE_MODE_SHARE },
	{ 0x00C36400, "ceph",      STORE_MODE_SHARE },
	{ 0x5346414F, "afs",       STORE_MODE_SHARE },
	{ 0x73757245, "coda",      STORE_MODE_SHARE },
	{ 0xEF53,     "ext4",      STORE_MODE_LOCAL },
	{ 0x01021994, "tmpfs",     STORE_MODE_LOCAL },
	{ 0x58465342, "xfs",       STORE_MODE_LOCAL },
	{ 0x9123683E, "btrfs",     STORE_MODE_LOCAL },
	{ 0x794C7630, "overlayfs", STORE_MODE_LOCAL },
	{ 0x2FC12FC1, "zfs",       STORE_MODE_LOCAL },
	{ 0xF2F52010, "f2fs",      STORE_MODE_LOCAL },
	{ 0x12345678, "0x12345678", STORE_MODE_LOCAL },   /* unknown: local */
};

static void test_create_chooses_share_on_every_network_filesystem_and_local_otherwise(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof fs_cases / sizeof fs_cases[0]; i++) {
		const struct fs_case *c = &fs_cases[i];
		char name[64], path[PATHLEN], fsname[32];
		struct store s;
		snprintf(name, sizeof name, "fs-%s-%zu.db", c->name, i);
		fresh_path(name, path, sizeof path);
		store_fs_inject(c->type);

		assert_int_equal(store_fs_type(unit_tmpdir(), fsname, sizeof fsname), c->type);
		if (strcmp(fsname, c->name) != 0)
			fail_msg("filesystem 0x%lx is named %s, want %s", c->type, fsname, c->name);
		if (store_fs_is_network(c->type) != (c->mode == STORE_MODE_SHARE))
			fail_msg("%s: store_fs_is_network says %d", c->name, store_fs_is_network(c->type));

		create_ok(&s, path, STORE_MODE_NONE);
		if (s.mode != c->mode)
			fail_msg("%s: created in mode %s, want %s", c->name, store_mode_name(s.mode),
				 store_mode_name(c->mode));
		char mode[16];
		assert_true(store_meta_get(&s, "mode", mode, sizeof mode));
		if (strcmp(mode, store_mode_name(c->mode)) != 0)
			fail_msg("%s: meta records mode %s, want %s", c->name, mode, store_mode_name(c->mode));
		const char *journal = text_query(&s, "PRAGMA journal_mode");
		const char *want = c->mode == STORE_MODE_SHARE ? "delete" : "wal";
		if (strcmp(journal, want) != 0)
			fail_msg("%s: journal_mode %s, want %s", c->name, journal, want);
		store_close(&s);

		/* Opened again on the same filesystem: the same mode, writable. */
		open_ok(&s, path);
		if (s.mode != c->mode || s.readonly)
			fail_msg("%s: reopened in mode %s readonly=%d (%s)", c->name, store_mode_name(s.mode),
				 s.readonly, s.ro_reason);
		store_close(&s);
	}
	store_fs_inject(0);
}

static void test_explicit_mode_overrides_the_filesystem(void **state)
{
	(void)state;
	struct store s;
	char path[PATHLEN];
	fresh_path("forced-share.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_SHARE);
	assert_int_equal(s.mode, STORE_MODE_SHARE);
	char mode[16];
	assert_true(store_meta_get(&s, "mode", mode, sizeof mode));
	assert_string_equal(mode, "share");
	store_close(&s);
}

static void test_share_mode_uses_rollback_journal_and_a_connection_per_transaction(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("share.db", path, sizeof path);
	store_fs_inject(FS_NFS);
	create_ok(&s, path, STORE_MODE_NONE);
	assert_int_equal(s.mode, STORE_MODE_SHARE);
	assert_null(s.db);
	store_close(&s);

	open_ok(&s, path);
	assert_int_equal(s.mode, STORE_MODE_SHARE);
	assert_int_equal(s.readonly, 0);
	if (s.db)
		fail_msg("share mode keeps a connection open after store_open");
	assert_string_equal(text_query(&s, "PRAGMA journal_mode"), "delete");
	assert_string_equal(text_query(&s, "PRAGMA synchronous"), "2");   /* FULL */
	assert_null(s.db);

	assert_ok(store_begin(&s, 1, &e), e);
	assert_non_null(s.db);
	assert_ok(store_exec(&s, "INSERT INTO settings(key, value) VALUES('k', 'v')", &e), e);
	assert_ok(store_end(&s, CH_OK, &e), e);
	if (s.db)
		fail_msg("share mode keeps a connection open after store_end");

	/* and the write is there, seen through a fresh connection */
	char v[16];
	assert_true(store_setting_get(&s, "k", v, sizeof v));
	assert_string_equal(v, "v");
	assert_ok(store_identify(&s, "master", NULL, &e), e);
	struct person_change pc = { .name = "Anna", .roles = ROLE_EDITOR, .active = -1 };
	assert_ok(people_add(&s, "anna", &pc, NULL, &e), e);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM people"), 2);
	assert_null(s.db);
	/* no lock stays behind */
	struct stat lb;
	char lock[PATHLEN + 8];
	snprintf(lock, sizeof lock, "%s.lock", path);
	assert_int_not_equal(lstat(lock, &lb), 0);
	store_close(&s);
}

static int stop_now(void *arg)
{
	int *asked = arg;
	(*asked)++;
	return 1;
}

/* store_stop_when: a statement stops when asked to, on a connection open
 * at the time and on those opened later (share mode: one per transaction);
 * cleared, statements run to the end again. */
static void test_a_statement_stops_when_asked_to_and_runs_again_once_cleared(void **state)
{
	(void)state;
	for (int share = 0; share <= 1; share++) {
		struct store s;
		struct err e = {0};
		char path[PATHLEN];
		fresh_path(share ? "stop-share.db" : "stop-local.db", path, sizeof path);
		store_fs_inject(share ? FS_NFS : 0);
		create_ok(&s, path, STORE_MODE_NONE);
		store_close(&s);
		open_ok(&s, path);
		int asked = 0;
		store_stop_when(&s, stop_now, &asked);
		const char *long_sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
				       "SELECT count(*) FROM n";
		assert_ok(store_begin(&s, 0, &e), e);
		sqlite3_stmt *st = NULL;
		assert_int_equal(sqlite3_prepare_v2(s.db, long_sql, -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_INTERRUPT);
		sqlite3_finalize(st);
		store_end(&s, CH_FAILED, NULL);
		assert_true(asked > 0);
		store_stop_when(&s, NULL, NULL);
		assert_int_equal(unit_int(&s, long_sql), 100000);
		store_close(&s);
	}
}

static void test_share_file_stays_share_when_the_filesystem_looks_local(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("share-seen-local.db", path, sizeof path);
	store_fs_inject(FS_NFS);
	create_ok(&s, path, STORE_MODE_NONE);
	store_close(&s);

	store_fs_inject(FS_EXT4);
	open_ok(&s, path);
	assert_int_equal(s.mode, STORE_MODE_SHARE);
	assert_int_equal(s.readonly, 0);
	assert_null(s.db);
	assert_string_equal(text_query(&s, "PRAGMA journal_mode"), "delete");
	assert_ok(store_setting_set(&s, "k", "v", &e), e);
	store_close(&s);
}

/* WAL cannot work between machines: even a read-only SQLite connection from
 * another machine writes the -shm (tests/stress/share.sh shows it damaging
 * the server's file through sshfs).  So nothing of SQLite opens it. */
static void test_local_file_on_a_network_filesystem_is_not_opened(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN], side[PATHLEN + 8];
	struct stat before, after;
	fresh_path("local-seen-nfs.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_NONE);
	store_close(&s);
	assert_int_equal(stat(path, &before), 0);

	store_fs_inject(FS_NFS);
	assert_int_equal(store_open(&s, path, &e), CH_UNUSABLE);
	if (!strstr(e.msg, "not opened") || !strstr(e.msg, "local (WAL) mode") ||
	    !strstr(e.msg, "network filesystem (nfs)"))
		fail_msg("the refusal does not say why: %s", e.msg);
	assert_non_null(strstr(e.msg, "doctor --set-mode share"));
	assert_null(s.db);
	static const char *const suffix[] = { "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		if (access(side, F_OK) == 0)
			fail_msg("%s was made by a client that was refused", side);
	}
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_mtime, after.st_mtime);
	store_close(&s);

	/* seen from a local filesystem again, it is writable */
	store_fs_inject(FS_EXT4);
	open_ok(&s, path);
	assert_int_equal(s.readonly, 0);
	store_close(&s);
}

static void test_init_refuses_local_mode_on_a_network_filesystem(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("local-made-on-nfs.db", path, sizeof path);
	store_fs_inject(FS_NFS);
	assert_int_equal(store_create(&s, path, STORE_MODE_LOCAL, "Org", "master", "Master", &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "not created: local (WAL) mode"));
	assert_non_null(strstr(e.msg, "network filesystem (nfs)"));
	assert_int_equal(access(path, F_OK), -1);
}

static void test_open_readonly_reads_and_refuses_writes_with_the_reason(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("ro.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_NONE);
	store_close(&s);
	assert_ok(store_open_readonly(&s, path, "looking only", &e), e);
	assert_int_equal(s.readonly, 1);
	char mode[16];
	assert_true(store_meta_get(&s, "mode", mode, sizeof mode));
	assert_string_equal(mode, "local");
	assert_int_equal(store_setting_set(&s, "k", "v", &e), CH_UNUSABLE);
	assert_non_null(strstr(e.msg, "read-only: looking only"));
	store_close(&s);
}

static void test_recorded_mode_that_disagrees_with_the_journal_opens_read_only(void **state)
{
	(void)state;
	struct store s;
	char path[PATHLEN];
	fresh_path("mismatch.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_SHARE);
	store_close(&s);
	raw_exec(path, "PRAGMA journal_mode=WAL");   /* someone switched the journal by hand */

	open_ok(&s, path);
	assert_int_equal(s.readonly, 1);
	if (!strstr(s.ro_reason, "records mode share"))
		fail_msg("reason does not name the recorded mode: %s", s.ro_reason);
	store_close(&s);
}

static void test_set_mode_converts_journal_and_meta_together(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("convert.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_LOCAL);
	store_close(&s);

	assert_ok(store_set_mode(path, STORE_MODE_SHARE, &e), e);
	open_ok(&s, path);
	assert_int_equal(s.mode, STORE_MODE_SHARE);
	assert_int_equal(s.readonly, 0);
	char mode[16];
	assert_true(store_meta_get(&s, "mode", mode, sizeof mode));
	assert_string_equal(mode, "share");
	assert_string_equal(text_query(&s, "PRAGMA journal_mode"), "delete");
	store_close(&s);

	/* back to local is refused on a network filesystem ... */
	store_fs_inject(FS_NFS);
	assert_int_equal(store_set_mode(path, STORE_MODE_LOCAL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "network filesystem"));
	/* ... and allowed on a local one */
	store_fs_inject(FS_EXT4);
	assert_ok(store_set_mode(path, STORE_MODE_LOCAL, &e), e);
	open_ok(&s, path);
	assert_int_equal(s.mode, STORE_MODE_LOCAL);
	assert_true(store_meta_get(&s, "mode", mode, sizeof mode));
	assert_string_equal(mode, "local");
	store_close(&s);
}

static void test_set_mode_refuses_a_file_someone_has_open(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("convert-busy.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_LOCAL);
	store_close(&s);
	open_ok(&s, path);
	assert_ok(store_begin(&s, 0, &e), e);   /* a reader holds it */
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM people"), 1);
	int st = store_set_mode(path, STORE_MODE_SHARE, &e);
	store_end(&s, CH_OK, NULL);
	if (st != CH_BUSY)
		fail_msg("store_set_mode on an open file returned %d: %s", st, e.msg);
	store_close(&s);
	open_ok(&s, path);
	assert_int_equal(s.mode, STORE_MODE_LOCAL);
	store_close(&s);
}

/* --- migrations and versions ----------------------------------------------- */

static void test_version_1_file_is_migrated_and_activity_backfilled(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("v1.db", path, sizeof path);

	/* Build a version-1 file by hand: an empty file, WAL, migration 1 only. */
	unit_old_file(&s, path, 1);
	assert_int_equal(s.schema_version, 1);
	assert_int_equal(unit_int(&s, "PRAGMA user_version"), 1);
	assert_int_equal(unit_int(&s, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM sqlite_master WHERE name = 'activity'"), 0);
	/* Migrating to 1 again does nothing. */
	assert_ok(store_migrate_to(&s, 1, &e), e);
	assert_int_equal(unit_int(&s, "PRAGMA user_version"), 1);

	/* Week 0 starts on Monday 1970-01-05 (345600); weeks are 604800 s. */
	const long long w10 = 345600LL + 10 * 604800LL, w11 = w10 + 604800LL;
	char sql[2048];
	snprintf(sql, sizeof sql,
		"BEGIN;"
		"INSERT INTO meta(key, value) VALUES('mode', 'local'), ('organisation', 'Old BV');"
		"INSERT INTO people(id, login, name, roles, created_at, updated_at) VALUES"
		" (1, 'master', 'Mia', 15, 0, 0), (2, 'anna', 'Anna', 12, 0, 0), (3, 'ed', 'Ed', 10, 0, 0);"
		"INSERT INTO events(at, actor_id, on_behalf_id, entity, entity_id, action) VALUES"
		" (%lld, 2, NULL, 'content', 1, 'submit'),"
		" (%lld, 2, NULL, 'content', 2, 'submit'),"
		" (%lld, 2, NULL, 'content', 3, 'submit'),"
		" (%lld, 3, NULL, 'content', 1, 'take'),"
		" (%lld, 3, NULL, 'content', 1, 'approve'),"
		" (%lld, 1, 2, 'share', 1, 'share'),"          /* master on behalf of anna */
		" (%lld, 3, NULL, 'content', 1, 'comment'),"
		" (%lld, 1, NULL, 'person', 2, 'add');"        /* not activity */
		"COMMIT;",
		w10 + 100, w10 + 200, w11 + 5, w10 + 300, w10 + 400, w11 + 50, w11 + 60, w10 + 1);
	assert_ok(store_exec(&s, sql, &e), e);
	sqlite3_close(s.db);
	s.db = NULL;

	open_ok(&s, path);
	assert_int_equal(s.readonly, 0);
	assert_int_equal(s.schema_version, store_schema_latest());
	assert_int_equal(unit_int(&s, "PRAGMA user_version"), store_schema_latest());
	char need[16];
	assert_true(store_meta_get(&s, "requires_chorus", need, sizeof need));
	assert_string_equal(need, "0.1.0");
	/* The migration that added the audit chain hashed the events already there. */
	struct audit_check ck;
	assert_ok(audit_verify(&s, &ck, &e), e);
	assert_int_equal(ck.events, 8);
	assert_int_equal(ck.broken_id, 0);
	assert_string_equal(ck.missing, "");
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM events WHERE length(hash) = 32"), 8);

	static const struct { int person; long long week; const char *kind; int n; } want[] = {
		{ 2, 10, "contribution", 2 },
		{ 2, 11, "contribution", 1 },
		{ 3, 10, "edit", 2 },
		{ 2, 11, "share", 1 },
		{ 3, 11, "conversation", 1 },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		char q[256];
		snprintf(q, sizeof q, "SELECT COALESCE((SELECT n FROM activity WHERE person_id = %d AND week = %lld "
			 "AND kind = '%s'), 0)", want[i].person, want[i].week, want[i].kind);
		long long n = unit_int(&s, q);
		if (n != want[i].n)
			fail_msg("activity person %d week %lld %s: %lld, want %d", want[i].person, want[i].week,
				 want[i].kind, n, want[i].n);
	}
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM activity"), 5);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM activity WHERE person_id = 1"), 0);

	/* The trigger counts new events from now on. */
	assert_ok(store_identify(&s, "anna", NULL, &e), e);
	store_clock_set(w11 + 1000);
	assert_ok(store_begin(&s, 1, &e), e);
	assert_ok(store_exec(&s, "INSERT INTO events(at, actor_id, entity, entity_id, action) "
				 "VALUES(345600 + 11 * 604800 + 7, 2, 'content', 9, 'submit')", &e), e);
	assert_ok(store_end(&s, CH_OK, &e), e);
	assert_int_equal(unit_int(&s, "SELECT n FROM activity WHERE person_id = 2 AND week = 11 "
				      "AND kind = 'contribution'"), 2);
	store_close(&s);
}

static void test_migration_leaves_data_of_every_table_alone(void **state)
{
	(void)state;
	struct store s;
	char path[PATHLEN];
	fresh_path("v1-sim.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_NONE);
	store_close(&s);
	/* Turn a latest file back into version 1, the way the brief for a migration test says. */
	raw_exec(path, "DROP TRIGGER events_append_only_insert; DROP TRIGGER events_append_only_id;"
		       "ALTER TABLE events DROP COLUMN hash;"   /* the audit chain's migration */
		       "DROP TRIGGER events_activity_week; DROP TABLE activity_week;"   /* migration 3's */
		       "DROP TRIGGER content_stages_insert; DROP TRIGGER content_stages_update;"
		       "DROP TRIGGER content_stages_delete; DROP TABLE content_stages;"
		       "DROP INDEX content_dims; DROP INDEX shares_by_time;"
		       "ALTER TABLE shares DROP COLUMN figures_at;"   /* migration 4's */
		       "DROP TRIGGER events_activity; DROP VIEW event_activity; DROP TABLE activity;"
		       "INSERT INTO events(at, actor_id, entity, entity_id, action) VALUES(1000000, 1, 'content', 1, 'submit');"
		       "INSERT INTO settings(key, value) VALUES('quiet_weeks', '6');"
		       "PRAGMA user_version = 1;");
	open_ok(&s, path);
	assert_int_equal(s.schema_version, store_schema_latest());
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM people"), 1);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM events"), 1);
	assert_int_equal(unit_int(&s, "SELECT n FROM activity WHERE person_id = 1 AND kind = 'contribution'"), 1);
	char v[8];
	assert_true(store_setting_get(&s, "quiet_weeks", v, sizeof v));
	assert_string_equal(v, "6");
	char org[32];
	assert_true(store_meta_get(&s, "organisation", org, sizeof org));
	assert_string_equal(org, "Test BV");
	store_close(&s);
}

static void test_newer_schema_opens_read_only_naming_the_version_needed(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN], sql[128];
	fresh_path("newer.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_NONE);
	store_close(&s);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_latest() + 5);
	raw_exec(path, sql);

	open_ok(&s, path);
	assert_int_equal(s.readonly, 1);
	assert_int_equal(s.schema_version, store_schema_latest() + 5);
	if (!strstr(s.ro_reason, "0.1.0") || !strstr(s.ro_reason, "needs chorus"))
		fail_msg("reason does not say which chorus is needed: %s", s.ro_reason);
	assert_int_equal(store_begin(&s, 1, &e), CH_UNUSABLE);
	assert_non_null(strstr(e.msg, "read-only"));
	err_clear(&e);
	assert_int_equal(store_setting_set(&s, "k", "v", &e), CH_UNUSABLE);
	/* never downgraded */
	assert_int_equal(unit_int(&s, "PRAGMA user_version"), store_schema_latest() + 5);
	/* still readable */
	assert_ok(store_identify(&s, "master", NULL, &e), e);
	store_close(&s);

	/* and mode conversion refuses it */
	assert_int_equal(store_set_mode(path, STORE_MODE_SHARE, &e), CH_UNUSABLE);
	assert_non_null(strstr(e.msg, "newer"));
}

static void test_newer_schema_that_cannot_be_read_is_refused(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN], sql[128];
	fresh_path("newer-unreadable.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_NONE);
	store_close(&s);
	snprintf(sql, sizeof sql, "ALTER TABLE meta RENAME TO meta2; PRAGMA user_version = %d",
		 store_schema_latest() + 1);
	raw_exec(path, sql);

	assert_int_equal(store_open(&s, path, &e), CH_UNUSABLE);
	if (!strstr(e.msg, "newer version") || !strstr(e.msg, "cannot even read it"))
		fail_msg("message: %s", e.msg);
	assert_null(s.db);
}

static void test_second_client_opens_a_new_database_whose_creator_still_has_it_open(void **state)
{
	(void)state;
	struct store a, b;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("creator-open.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&a, path, STORE_MODE_NONE);   /* its pages are still in the WAL */
	int st = store_open(&b, path, &e);
	if (st != CH_OK)
		fail_msg("a second client cannot open a database its creator still has open: %s", e.msg);
	assert_int_equal(b.mode, STORE_MODE_LOCAL);
	assert_int_equal(b.readonly, 0);
	assert_int_equal(b.schema_version, store_schema_latest());
	assert_ok(store_identify(&b, "master", NULL, &e), e);
	store_close(&b);
	store_close(&a);

	/* ... but an SQLite file of another application is still refused while it has a WAL */
	fresh_path("other-app-wal.db", path, sizeof path);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES(1);",
				      NULL, NULL, NULL), SQLITE_OK);
	err_clear(&e);
	st = store_open(&b, path, &e);
	if (st == CH_OK)
		store_close(&b);
	sqlite3_close(db);
	if (st != CH_UNUSABLE || !strstr(e.msg, "not a chorus database"))
		fail_msg("another application's file with a WAL: status %d: %s", st, e.msg);
}

static void test_newer_schema_written_by_a_client_still_running_opens_read_only(void **state)
{
	(void)state;
	struct store a, b;
	struct err e = {0};
	char path[PATHLEN], sql[128];
	fresh_path("newer-live.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&a, path, STORE_MODE_NONE);
	store_close(&a);
	/* A newer chorus has it open and has just migrated it: the file's own
	 * header still says the old version, the WAL holds the new one. */
	open_ok(&a, path);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_latest() + 1);
	assert_ok(store_exec(&a, sql, &e), e);
	open_ok(&b, path);
	assert_int_equal(b.schema_version, store_schema_latest() + 1);
	if (!b.readonly)
		fail_msg("a schema newer than this chorus (%d > %d) opened writable", b.schema_version,
			 store_schema_latest());
	assert_non_null(strstr(b.ro_reason, "needs chorus"));
	assert_int_equal(store_begin(&b, 1, &e), CH_UNUSABLE);
	store_close(&b);
	store_close(&a);
}

static void test_file_that_is_not_sqlite_is_unusable(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("text.db", path, sizeof path);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 20; i++)
		fputs("this is a shopping list, not a database\n", f);
	fclose(f);
	assert_int_equal(store_open(&s, path, &e), CH_UNUSABLE);
	assert_non_null(strstr(e.msg, "not an SQLite file"));
	assert_null(s.db);

	/* shorter than an SQLite header */
	fresh_path("tiny.db", path, sizeof path);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("SQLite format 3", f);
	fclose(f);
	err_clear(&e);
	assert_int_equal(store_open(&s, path, &e), CH_UNUSABLE);

	/* an empty file */
	fresh_path("empty.db", path, sizeof path);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	err_clear(&e);
	assert_int_equal(store_open(&s, path, &e), CH_UNUSABLE);

	/* a missing file */
	fresh_path("missing.db", path, sizeof path);
	err_clear(&e);
	assert_int_equal(store_open(&s, path, &e), CH_UNUSABLE);
	assert_non_null(strstr(e.msg, "chorus init"));

	/* a directory */
	err_clear(&e);
	assert_int_equal(store_open(&s, unit_tmpdir(), &e), CH_UNUSABLE);
	assert_non_null(strstr(e.msg, "directory"));
}

static void test_sqlite_file_of_another_application_is_unusable(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("other-app.db", path, sizeof path);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(&s, path, &e), CH_UNUSABLE);
	assert_non_null(strstr(e.msg, "not a chorus database"));
	assert_null(s.db);
}

static void test_truncated_file_is_unusable(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path("cut.db", path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&s, path, STORE_MODE_NONE);
	store_close(&s);
	open_ok(&s, path);
	assert_ok(store_identify(&s, "master", NULL, &e), e);
	/* enough people for many pages */
	for (int i = 0; i < 300; i++) {
		char login[32], name[128];
		snprintf(login, sizeof login, "person%03d", i);
		snprintf(name, sizeof name, "Person %d with a long name to fill pages %040d", i, i);
		struct person_change pc = { .name = name, .roles = -1, .active = -1 };
		assert_ok(people_add(&s, login, &pc, NULL, &e), e);
	}
	store_close(&s);   /* checkpoints the WAL into the file */

	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > 8 * 4096);
	assert_int_equal(truncate(path, sb.st_size / 2), 0);
	int st = store_open(&s, path, &e);
	if (st == CH_OK)
		store_close(&s);
	if (st != CH_UNUSABLE)
		fail_msg("opening a truncated file returned %d (%s)", st, e.msg);
	assert_non_null(strstr(e.msg, "truncated"));
}

/* --- time, roles ------------------------------------------------------------- */

static void test_parse_time_accepts_dates_times_and_epoch_digits(void **state)
{
	(void)state;
	static const struct { const char *text; int64_t want; } ok[] = {
		{ "2026-01-01", 1767225600 },
		{ "2026-01-01T00:00", 1767225600 },
		{ "2026-01-01T10:30", 1767225600 + 10 * 3600 + 30 * 60 },
		{ "2026-01-01 10:30:15", 1767225600 + 10 * 3600 + 30 * 60 + 15 },
		{ "2026-01-01T10:30:15Z", 1767225600 + 10 * 3600 + 30 * 60 + 15 },
		{ "2024-02-29", 1709164800 },          /* a leap day */
		{ "2026-12-31T23:59:59", 1798761599 },
		{ "1767225600", 1767225600 },          /* epoch digits */
		{ "1970-01-01", 0 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int64_t t = store_parse_time(ok[i].text);
		if (t != ok[i].want)
			fail_msg("store_parse_time(\"%s\") = %lld, want %lld", ok[i].text, (long long)t,
				 (long long)ok[i].want);
	}
}

static void test_parse_time_refuses_impossible_and_malformed_dates(void **state)
{
	(void)state;
	static const char *bad[] = {
		"", "today", "2026-02-31", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
		"2026-01-00", "2026-01-32", "2026-1-05", "26-01-05", "2026/01/05", "2026-01-05x",
		"2026-01-05T", "2026-01-05T25:00", "2026-01-05T10:60", "2026-01-05T10:30:",
		"2026-01-05T10", "12345678", "-1767225600", "2026- 1-05", "2026-+1-05", "+026-01-05",
		"2026-01-05T 1:30", "2026-01-05T10:-1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t t = store_parse_time(bad[i]);
		if (t != -1)
			fail_msg("store_parse_time(\"%s\") = %lld, want -1", bad[i], (long long)t);
	}
	assert_int_equal(store_parse_time(NULL), -1);
}

static void test_clock_can_be_fixed_and_released(void **state)
{
	(void)state;
	store_clock_set(1767225600);
	assert_int_equal(store_now(), 1767225600);
	store_clock_set(0);
	int64_t now = store_now();
	assert_true(now > 1767225600 - 86400 * 365 * 10);
}

static void test_roles_parse_and_format(void **state)
{
	(void)state;
	static const struct { const char *text; int roles; } cases[] = {
		{ "master", ROLE_MASTER },
		{ "editor", ROLE_EDITOR },
		{ "creator", ROLE_CREATOR },
		{ "publisher", ROLE_PUBLISHER },
		{ "master,editor", ROLE_MASTER | ROLE_EDITOR },
		{ "editor, creator", ROLE_EDITOR | ROLE_CREATOR },
		{ "creator,,publisher", ROLE_CREATOR | ROLE_PUBLISHER },
		{ "editor,editor", ROLE_EDITOR },
		{ "", 0 },
		{ "boss", -1 },
		{ "editor,boss", -1 },
		{ "Master", -1 },
		{ "edit", -1 },
		{ "editors", -1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int r = store_roles_parse(cases[i].text);
		if (r != cases[i].roles)
			fail_msg("store_roles_parse(\"%s\") = %d, want %d", cases[i].text, r, cases[i].roles);
	}
	char out[64];
	store_roles_format(0, out, sizeof out);
	assert_string_equal(out, "");
	store_roles_format(ROLE_EDITOR | ROLE_PUBLISHER, out, sizeof out);
	assert_string_equal(out, "editor,publisher");
	store_roles_format(15, out, sizeof out);
	assert_string_equal(out, "master,editor,creator,publisher");
	for (int r = 0; r < 16; r++) {
		store_roles_format(r, out, sizeof out);
		if (store_roles_parse(out) != r)
			fail_msg("roles %d format as \"%s\", which parses as %d", r, out, store_roles_parse(out));
	}
	/* A small buffer is cut, never overrun. */
	char small[8];
	store_roles_format(15, small, sizeof small);
	assert_true(strlen(small) < sizeof small);
}

static void test_masters_hold_every_role_and_others_only_their_own(void **state)
{
	(void)state;
	struct store s;
	memset(&s, 0, sizeof s);
	struct err e = {0};
	snprintf(s.my_login, sizeof s.my_login, "ed");
	s.my_roles = ROLE_EDITOR | ROLE_PUBLISHER;
	assert_true(store_has_role(&s, ROLE_EDITOR));
	assert_true(store_has_role(&s, ROLE_PUBLISHER));
	assert_false(store_has_role(&s, ROLE_CREATOR));
	assert_false(store_has_role(&s, ROLE_EDITOR | ROLE_CREATOR));
	assert_int_equal(store_require_role(&s, ROLE_MASTER, "archiving", &e), CH_FAILED);
	if (!strstr(e.msg, "archiving needs the master role") || !strstr(e.msg, "ed has editor,publisher"))
		fail_msg("message: %s", e.msg);
	s.my_roles = ROLE_MASTER;
	assert_true(store_has_role(&s, ROLE_EDITOR | ROLE_CREATOR));
	assert_int_equal(store_require_role(&s, ROLE_CREATOR, "x", &e), CH_OK);
}

/* --- transactions, revision, change signal --------------------------------------- */

static void test_nested_transactions_commit_once_at_the_outermost_end(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	store_fs_inject(FS_EXT4);
	unit_db(&s, "nested.db", path, sizeof path);
	long long rev = meta_revision(&s);

	assert_ok(store_begin(&s, 1, &e), e);
	assert_int_equal(s.depth, 1);
	assert_ok(store_exec(&s, "INSERT INTO settings(key, value) VALUES('outer', '1')", &e), e);
	assert_ok(store_begin(&s, 1, &e), e);
	assert_int_equal(s.depth, 2);
	assert_ok(store_exec(&s, "INSERT INTO settings(key, value) VALUES('inner', '1')", &e), e);
	assert_ok(store_end(&s, CH_OK, &e), e);
	assert_int_equal(s.depth, 1);
	/* not committed yet: the transaction is still open */
	assert_int_equal(sqlite3_get_autocommit(s.db), 0);
	assert_ok(store_end(&s, CH_OK, &e), e);
	assert_int_equal(s.depth, 0);
	assert_int_equal(sqlite3_get_autocommit(s.db), 1);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM settings WHERE key IN ('outer', 'inner')"), 2);
	/* one write transaction, one revision */
	assert_int_equal(meta_revision(&s), rev + 1);
	store_close(&s);
}

static void test_inner_failure_rolls_back_the_outer_transaction(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	store_fs_inject(FS_EXT4);
	unit_db(&s, "nested-fail.db", path, sizeof path);
	long long rev = meta_revision(&s);

	assert_ok(store_begin(&s, 1, &e), e);
	assert_ok(store_exec(&s, "INSERT INTO settings(key, value) VALUES('outer', '1')", &e), e);
	assert_ok(store_begin(&s, 1, &e), e);
	assert_ok(store_exec(&s, "INSERT INTO settings(key, value) VALUES('inner', '1')", &e), e);
	assert_int_equal(store_end(&s, CH_FAILED, &e), CH_FAILED);
	/* The outer part did fine, but the whole is rolled back, and says so. */
	int st = store_end(&s, CH_OK, &e);
	if (st == CH_OK)
		fail_msg("store_end returned CH_OK after a nested part failed and everything was rolled back");
	assert_int_equal(st, CH_FAILED);
	assert_int_equal(s.depth, 0);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM settings WHERE key IN ('outer', 'inner')"), 0);
	assert_int_equal(meta_revision(&s), rev);

	/* The next transaction starts clean. */
	assert_ok(store_begin(&s, 1, &e), e);
	assert_ok(store_exec(&s, "INSERT INTO settings(key, value) VALUES('after', '1')", &e), e);
	assert_ok(store_end(&s, CH_OK, &e), e);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM settings WHERE key = 'after'"), 1);
	store_close(&s);
}

static void test_outer_failure_rolls_back_what_nested_parts_wrote(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	store_fs_inject(FS_EXT4);
	unit_db(&s, "outer-fail.db", path, sizeof path);
	assert_ok(store_begin(&s, 1, &e), e);
	assert_ok(store_begin(&s, 1, &e), e);
	assert_ok(store_exec(&s, "INSERT INTO settings(key, value) VALUES('inner', '1')", &e), e);
	assert_ok(store_end(&s, CH_OK, &e), e);
	assert_int_equal(store_end(&s, CH_INVALID, &e), CH_INVALID);
	assert_int_equal(unit_int(&s, "SELECT count(*) FROM settings WHERE key = 'inner'"), 0);
	store_close(&s);
}

static void test_write_inside_a_read_transaction_is_refused(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	store_fs_inject(FS_EXT4);
	unit_db(&s, "read-then-write.db", path, sizeof path);
	assert_ok(store_begin(&s, 0, &e), e);
	assert_int_equal(store_begin(&s, 1, &e), CH_INVALID);
	assert_int_equal(s.depth, 1);
	assert_ok(store_end(&s, CH_OK, &e), e);
	assert_int_equal(s.depth, 0);
	/* store_end with nothing open only hands the status back */
	assert_int_equal(store_end(&s, CH_BUSY, &e), CH_BUSY);
	store_close(&s);
}

static void test_revision_increments_on_every_write_transaction_only(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATHLEN];
	store_fs_inject(FS_EXT4);
	unit_db(&s, "revision.db", path, sizeof path);
	long long rev = meta_revision(&s);
	assert_true(rev >= 1);   /* creating it was a write */
	write_setting(&s, "a", "1");
	assert_int_equal(meta_revision(&s), rev + 1);
	write_setting(&s, "a", "2");
	assert_int_equal(meta_revision(&s), rev + 2);
	/* reading does not count */
	char v[8];
	store_setting_get(&s, "a", v, sizeof v);
	assert_int_equal(meta_revision(&s), rev + 2);
	/* a failed write does not count either */
	assert_ok(store_begin(&s, 1, &e), e);
	store_end(&s, CH_FAILED, &e);
	assert_int_equal(meta_revision(&s), rev + 2);
	/* an empty write transaction that succeeds does */
	assert_ok(store_begin(&s, 1, &e), e);
	assert_ok(store_end(&s, CH_OK, &e), e);
	assert_int_equal(meta_revision(&s), rev + 3);
	store_close(&s);
}

static void change_signal_sees_other_connection(enum store_mode mode, const char *name)
{
	struct store a, b;
	struct err e = {0};
	char path[PATHLEN];
	fresh_path(name, path, sizeof path);
	store_fs_inject(FS_EXT4);
	create_ok(&a, path, mode);
	store_close(&a);
	open_ok(&a, path);
	open_ok(&b, path);
	assert_int_equal(a.mode, mode);
	assert_int_equal(b.mode, mode);

	int64_t v1 = store_change_signal(&a);
	assert_true(v1 >= 0);
	assert_int_equal(store_change_signal(&a), v1);   /* nothing happened */
	assert_ok(store_setting_set(&b, "k", "1", &e), e);
	int64_t v2 = store_change_signal(&a);
	if (v2 == v1)
		fail_msg("%s mode: the change signal stayed %lld after another connection committed",
			 store_mode_name(mode), (long long)v1);
	assert_int_equal(store_change_signal(&a), v2);
	/* a failed write by the other one is no change */
	assert_ok(store_begin(&b, 1, &e), e);
	assert_ok(store_exec(&b, "INSERT INTO settings(key, value) VALUES('gone', '1')", &e), e);
	store_end(&b, CH_FAILED, &e);
	assert_int_equal(store_change_signal(&a), v2);
	assert_ok(store_setting_set(&b, "k", "2", &e), e);
	assert_true(store_change_signal(&a) != v2);
	/* inside a transaction there is no signal */
	assert_ok(store_begin(&a, 0, &e), e);
	assert_int_equal(store_change_signal(&a), -1);
	store_end(&a, CH_OK, NULL);
	if (mode == STORE_MODE_SHARE) {
		assert_null(a.db);
		assert_null(b.db);
	}
	store_close(&a);
	store_close(&b);
}

static void test_change_signal_changes_after_another_connection_commits_in_local_mode(void **state)
{
	(void)state;
	change_signal_sees_other_connection(STORE_MODE_LOCAL, "signal-local.db");
}

static void test_change_signal_changes_after_another_connection_commits_in_share_mode(void **state)
{
	(void)state;
	change_signal_sees_other_connection(STORE_MODE_SHARE, "signal-share.db");
}

static void test_settings_round_trip_and_missing_keys(void **state)
{
	(void)state;
	struct store s;
	char path[PATHLEN], v[32];
	store_fs_inject(FS_EXT4);
	unit_db(&s, "settings.db", path, sizeof path);
	assert_false(store_setting_get(&s, "nothing", v, sizeof v));
	assert_string_equal(v, "");
	write_setting(&s, "wip_inbox", "12");
	write_setting(&s, "wip_inbox", "13");
	assert_true(store_setting_get(&s, "wip_inbox", v, sizeof v));
	assert_string_equal(v, "13");
	assert_false(store_meta_get(&s, "nothing", v, sizeof v));
	store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_create_local_uses_wal_group_file_mode_and_records_local, reset),
		cmocka_unit_test_teardown(test_create_refuses_an_existing_file, reset),
		cmocka_unit_test_teardown(test_create_chooses_share_on_every_network_filesystem_and_local_otherwise, reset),
		cmocka_unit_test_teardown(test_explicit_mode_overrides_the_filesystem, reset),
		cmocka_unit_test_teardown(test_share_mode_uses_rollback_journal_and_a_connection_per_transaction, reset),
		cmocka_unit_test_teardown(test_a_statement_stops_when_asked_to_and_runs_again_once_cleared, reset),
		cmocka_unit_test_teardown(test_share_file_stays_share_when_the_filesystem_looks_local, reset),
		cmocka_unit_test_teardown(test_local_file_on_a_network_filesystem_is_not_opened, reset),
		cmocka_unit_test_teardown(test_init_refuses_local_mode_on_a_network_filesystem, reset),
		cmocka_unit_test_teardown(test_open_readonly_reads_and_refuses_writes_with_the_reason, reset),
		cmocka_unit_test_teardown(test_recorded_mode_that_disagrees_with_the_journal_opens_read_only, reset),
		cmocka_unit_test_teardown(test_set_mode_converts_journal_and_meta_together, reset),
		cmocka_unit_test_teardown(test_set_mode_refuses_a_file_someone_has_open, reset),
		cmocka_unit_test_teardown(test_version_1_file_is_migrated_and_activity_backfilled, reset),
		cmocka_unit_test_teardown(test_migration_leaves_data_of_every_table_alone, reset),
		cmocka_unit_test_teardown(test_newer_schema_opens_read_only_naming_the_version_needed, reset),
		cmocka_unit_test_teardown(test_newer_schema_that_cannot_be_read_is_refused, reset),
		cmocka_unit_test_teardown(test_second_client_opens_a_new_database_whose_creator_still_has_it_open, reset),
		cmocka_unit_test_teardown(test_newer_schema_written_by_a_client_still_running_opens_read_only, reset),
		cmocka_unit_test_teardown(test_file_that_is_not_sqlite_is_unusable, reset),
		cmocka_unit_test_teardown(test_sqlite_file_of_another_application_is_unusable, reset),
		cmocka_unit_test_teardown(test_truncated_file_is_unusable, reset),
		cmocka_unit_test_teardown(test_parse_time_accepts_dates_times_and_epoch_digits, reset),
		cmocka_unit_test_teardown(test_parse_time_refuses_impossible_and_malformed_dates, reset),
		cmocka_unit_test_teardown(test_clock_can_be_fixed_and_released, reset),
		cmocka_unit_test_teardown(test_roles_parse_and_format, reset),
		cmocka_unit_test_teardown(test_masters_hold_every_role_and_others_only_their_own, reset),
		cmocka_unit_test_teardown(test_nested_transactions_commit_once_at_the_outermost_end, reset),
		cmocka_unit_test_teardown(test_inner_failure_rolls_back_the_outer_transaction, reset),
		cmocka_unit_test_teardown(test_outer_failure_rolls_back_what_nested_parts_wrote, reset),
		cmocka_unit_test_teardown(test_write_inside_a_read_transaction_is_refused, reset),
		cmocka_unit_test_teardown(test_revision_increments_on_every_write_transaction_only, reset),
		cmocka_unit_test_teardown(test_change_signal_changes_after_another_connection_commits_in_local_mode, reset),
		cmocka_unit_test_teardown(test_change_signal_changes_after_another_connection_commits_in_share_mode, reset),
		cmocka_unit_test_teardown(test_settings_round_trip_and_missing_keys, reset),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
