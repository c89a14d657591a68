/* test_iofault.c — the disk fails under a write: a wrapper VFS around the real
 * one fails xWrite, xSync or xTruncate at their Nth call (counted together),
 * once or from then on.  For N = 1, 2, ... until an operation gets through
 * without meeting the fault, each core operation runs on a fresh copy of a
 * prepared database; it must fail with a status and a message (never crash,
 * never report success for a write that is not there), and after reopening
 * with the real VFS the file must pass integrity_check and hold the operation
 * entirely or not at all: a submission without its media or its event, or a
 * revision without its change, is a half-applied write.
 *
 * Local mode opens with the default VFS, so the wrapper is registered as the
 * default; share mode names its own "chorus-share" (share mode's lock, over
 * unix-none), so the wrapper takes that name (and the head of the VFS list)
 * while it is installed: the faults reach the lock's VFS as SQLite's own
 * calls would. */
#include "unit.h"
#include <fcntl.h>
#include <sys/stat.h>
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/sharelock.h"
#include "chorus/strategy.h"

/* --- the faulty VFS ---------------------------------------------------------- */

static sqlite3_vfs *real_vfs;      /* the VFS being wrapped */
static sqlite3_vfs fault_vfs;
static int fault_at;               /* fail the Nth counted call; 0 = never */
static int fault_sticky;           /* and every one after it */
static int fault_calls;
static int fault_fired;

struct ffile {
	sqlite3_file base;
	sqlite3_file *real;           /* the real VFS's file, right after this struct */
	const char *name;
};

#define REAL(f) (((struct ffile *)(f))->real)

/* IOFAULT_TRACE=1 in the environment: every counted call on stderr. */
static int fault_now(sqlite3_file *f, const char *what, long long off, long long n)
{
	if (!fault_at)
		return 0;
	fault_calls++;
	int fail = fault_calls == fault_at || (fault_sticky && fault_calls > fault_at);
	if (getenv("IOFAULT_TRACE")) {
		const char *name = ((struct ffile *)f)->name, *slash = name ? strrchr(name, '/') : NULL;
		fprintf(stderr, "  %3d %-8s %-18s off %-7lld n %-6lld%s\n", fault_calls, what,
			slash ? slash + 1 : name ? name : "?", off, n, fail ? "  FAIL" : "");
	}
	if (fail) {
		fault_fired++;
		return 1;
	}
	return 0;
}

static int f_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}
static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	return fault_now(f, "write", off, n) ? SQLITE_IOERR_WRITE : REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return fault_now(f, "truncate", size, 0) ? SQLITE_IOERR_TRUNCATE : REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int f_sync(sqlite3_file *f, int flags)
{
	return fault_now(f, "sync", flags, 0) ? SQLITE_IOERR_FSYNC : REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size) { return REAL(f)->pMethods->xFileSize(REAL(f), size); }
static int f_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int f_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int f_reserved(sqlite3_file *f, int *out) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out); }
static int f_control(sqlite3_file *f, int op, void *arg) { return REAL(f)->pMethods->xFileControl(REAL(f), op, arg); }
static int f_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int f_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}
static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}
static void f_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int f_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}
static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

/* One table per io-methods version: unix has 3 (WAL shared memory, mmap),
 * chorus-share 1; a wrapper must not offer what the real file lacks. */
#define FAULT_METHODS(v) { v, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, \
	f_unlock, f_reserved, f_control, f_sector, f_device, f_shm_map, f_shm_lock, f_shm_barrier, \
	f_shm_unmap, f_fetch, f_unfetch }
static const sqlite3_io_methods fault_io[4] = {
	FAULT_METHODS(0), FAULT_METHODS(1), FAULT_METHODS(2), FAULT_METHODS(3),
};

static int f_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out)
{
	(void)vfs;
	struct ffile *p = (struct ffile *)file;
	p->real = (sqlite3_file *)&p[1];
	p->name = name;
	int rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out);
	int v = p->real->pMethods ? p->real->pMethods->iVersion : 0;
	p->base.pMethods = p->real->pMethods ? &fault_io[v > 3 ? 3 : v] : NULL;
	return rc;
}

/* Install the wrapper around the VFS named `real` ("unix" or "chorus-share"),
 * under that name and as the default. */
static void fault_install(const char *real)
{
	assert_int_equal(sharelock_register(), SQLITE_OK);
	real_vfs = sqlite3_vfs_find(real);
	assert_non_null(real_vfs);
	fault_vfs = *real_vfs;
	fault_vfs.szOsFile = (int)sizeof(struct ffile) + real_vfs->szOsFile;
	fault_vfs.pNext = NULL;
	fault_vfs.xOpen = f_open;
	assert_int_equal(sqlite3_vfs_register(&fault_vfs, 1), SQLITE_OK);
	assert_ptr_equal(sqlite3_vfs_find(real), &fault_vfs);
}

/* Back to the real VFSes, "unix" the default again. */
static void fault_remove(void)
{
	sqlite3_vfs_unregister(&fault_vfs);
	sqlite3_vfs_register(sqlite3_vfs_find("unix"), 1);
	assert_ptr_not_equal(sqlite3_vfs_find(NULL), &fault_vfs);
}

/* --- databases ----------------------------------------------------------------- */

static char tmpl_path[2][PATH_MAX + 32];   /* prepared database per mode (0 local, 1 share) */
static int64_t item_editing[2];       /* a content item in editing with a message */

static void remove_db(const char *path)
{
	static const char *suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[PATH_MAX + 16];
	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s.lock", path);
	rmdir(p);
	unlink(p);
}

static void copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0660);
	if (in < 0 || out < 0)
		fail_msg("copying %s to %s", from, to);
	ssize_t n;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			fail_msg("writing %s", to);
	close(in);
	close(out);
}

static void open_as_master(struct store *s, const char *path)
{
	struct err e = {0};
	assert_ok(store_open(s, path, &e), e);
	assert_ok(store_identify(s, "master", NULL, &e), e);
}

/* A database with a platform, an editor and an item in editing whose one
 * message passes the (empty) policy: closed, so it is all in the main file. */
static void prepare(int share)
{
	struct store s;
	struct err e = {0};
	snprintf(tmpl_path[share], sizeof tmpl_path[share], "%s/template-%s.db", unit_tmpdir(), share ? "share" : "local");
	remove_db(tmpl_path[share]);
	assert_ok(store_create(&s, tmpl_path[share], share ? STORE_MODE_SHARE : STORE_MODE_LOCAL,
			       "Fault BV", "master", "Mia Master", &e), e);
	store_close(&s);
	open_as_master(&s, tmpl_path[share]);
	struct platform pl = { .key = "linkedin", .name = "LinkedIn" };
	assert_ok(platform_add(&s, &pl, NULL, &e), e);
	struct person_change ed = { .name = "Eddie", .roles = ROLE_EDITOR, .active = -1 };
	assert_ok(people_add(&s, "eddie", &ed, NULL, &e), e);
	struct submission sub = { .title = "ready to approve", .body = "body" };
	int64_t id = 0;
	assert_ok(content_submit(&s, &sub, &id, &e), e);
	assert_ok(content_take(&s, id, 0, &e), e);
	assert_ok(message_add(&s, id, "linkedin", "A message that passes.", NULL, NULL, &e), e);
	item_editing[share] = id;
	store_close(&s);
}

/* Everything an operation could change, as one line. */
static const char fingerprint_sql[] =
	"SELECT (SELECT count(*) FROM content) || ' content, ' || (SELECT count(*) FROM content_media) "
	"|| ' media, ' || (SELECT count(*) FROM events) || ' events, ' || (SELECT count(*) FROM people) "
	"|| ' people, ' || (SELECT count(*) FROM teams) || ' teams, ' || (SELECT count(*) FROM messages) "
	"|| ' messages, stages ' || (SELECT group_concat(id || ':' || stage || '@' || version, ' ') FROM content) "
	"|| ', revision ' || (SELECT value FROM meta WHERE key = 'revision') "
	"|| ', activity ' || (SELECT total(n) FROM activity)";

static void query_text(struct store *s, const char *sql, char *out, size_t n)
{
	struct err e = {0};
	out[0] = 0;
	assert_ok(store_begin(s, 0, &e), e);
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(s->db));
	while (sqlite3_step(q) == SQLITE_ROW) {
		size_t l = strlen(out);
		snprintf(out + l, n - l, "%s%s", l ? "\n" : "", (const char *)sqlite3_column_text(q, 0));
	}
	sqlite3_finalize(q);
	store_end(s, CH_OK, NULL);
}

/* Open PATH with the real VFS: integrity, then the fingerprint. */
static void inspect(const char *path, char *fp, size_t n)
{
	struct store s;
	struct err e = {0};
	char check[512];
	assert_ok(store_open(&s, path, &e), e);
	query_text(&s, "PRAGMA integrity_check", check, sizeof check);
	if (strcmp(check, "ok") != 0)
		fail_msg("%s after a fault: integrity_check says %s", path, check);
	query_text(&s, "PRAGMA foreign_key_check", check, sizeof check);
	if (check[0])
		fail_msg("%s after a fault: foreign_key_check says %s", path, check);
	query_text(&s, fingerprint_sql, fp, n);
	store_close(&s);
}

/* --- the operations --------------------------------------------------------- */

typedef int (*op_fn)(struct store *s, int share, struct err *e);

static int op_submit(struct store *s, int share, struct err *e)
{
	(void)share;
	static const char *const media[] = { "/share/a.jpg", "/share/b.jpg", "/share/c.mp4" };
	char body[6000];
	memset(body, 'x', sizeof body - 1);   /* more than a page: several writes */
	body[sizeof body - 1] = 0;
	struct submission sub = { .title = "written while the disk fails", .body = body,
				  .media = media, .nmedia = 3 };
	int64_t id = 0;
	return content_submit(s, &sub, &id, e);
}

static int op_approve(struct store *s, int share, struct err *e)
{
	return content_approve(s, item_editing[share], 0, e);
}

static int op_people_add(struct store *s, int share, struct err *e)
{
	(void)share;
	struct person_change c = { .name = "New Person", .team = "Night shift", .roles = ROLE_CREATOR,
				   .active = -1 };
	return people_add(s, "newbie", &c, NULL, e);
}

/* A new person with a journey state and handles: several tables in one
 * transaction (people, person_journey, teams, events). */
static int op_people_add_journey(struct store *s, int share, struct err *e)
{
	(void)share;
	struct person_change c = { .name = "New Person", .team = "Night shift", .roles = ROLE_CREATOR,
				   .active = -1, .state = "onboarded" };
	return people_add(s, "newbie", &c, NULL, e);
}

/* Run OP on fresh copies with the fault at N = 1, 2, ... until it gets
 * through without meeting the fault. */
static void fault_loop(const char *what, op_fn op, int share, int sticky)
{
	char work[PATH_MAX + 16], before[1024], after[1024], now[1024];
	snprintf(work, sizeof work, "%s/work.db", unit_tmpdir());
	/* What the file looks like without the operation and with it. */
	remove_db(work);
	copy_file(tmpl_path[share], work);
	inspect(work, before, sizeof before);
	{
		struct store s;
		struct err e = {0};
		open_as_master(&s, work);
		assert_ok(op(&s, share, &e), e);
		store_close(&s);
		inspect(work, after, sizeof after);
	}
	if (strcmp(before, after) == 0)
		fail_msg("%s changes nothing the test can see", what);

	int failures = 0, applied_anyway = 0, n;
	char first_msg[sizeof ((struct err *)0)->msg + 16] = "";
	/* IOFAULT_N=n tries that n only (with IOFAULT_TRACE=1, to see the calls). */
	int only = getenv("IOFAULT_N") ? atoi(getenv("IOFAULT_N")) : 0;
	for (n = only ? only : 1; n < 5000; n++) {
		remove_db(work);
		copy_file(tmpl_path[share], work);
		struct store s;
		struct err e = {0};
		/* Installed before the open: a local-mode connection lives long. */
		fault_install(share ? SHARELOCK_VFS : "unix");
		open_as_master(&s, work);
		fault_calls = fault_fired = 0;
		fault_sticky = sticky;
		fault_at = n;
		int st = op(&s, share, &e);
		int fired_in_op = fault_fired;
		store_close(&s);                /* local mode checkpoints here: still faulty */
		fault_at = 0;
		int fired = fault_fired;
		fault_remove();

		if (st != CH_OK) {
			if (!failures++)
				snprintf(first_msg, sizeof first_msg, "%d: %s", st, e.msg);
			if (!fired_in_op)
				fail_msg("%s, fault at write/sync %d: failed (%d: %s) without meeting the fault",
					 what, n, st, e.msg);
			if (!e.msg[0])
				fail_msg("%s, fault at %d: status %d with no message", what, n, st);
			if (st != CH_UNUSABLE && st != CH_BUSY)
				fail_msg("%s, fault at %d: status %d (%s); a disk error is 4 (or 3)", what, n, st, e.msg);
		}
		inspect(work, now, sizeof now);
		if (st == CH_OK && strcmp(now, after) != 0)
			fail_msg("%s, fault at %d%s: reported success but the file holds\n  %s\nnot\n  %s",
				 what, n, sticky ? " and after" : "", now, after);
		if (strcmp(now, before) != 0 && strcmp(now, after) != 0)
			fail_msg("%s, fault at %d%s: half applied:\n  %s\nbefore:\n  %s\nwhole:\n  %s",
				 what, n, sticky ? " and after" : "", now, before, after);
		if (st != CH_OK && strcmp(now, after) == 0)
			applied_anyway++;
		if (!fired || only)
			break;
	}
	if (n >= 5000)
		fail_msg("%s: still meeting the fault after %d writes", what, n);
	if (!failures && !only)
		fail_msg("%s: no fault ever made it fail: the wrapper is not in the way", what);
	print_message("# %s, %s mode, %s: %d writes/syncs/truncates, %d failures reported, "
		      "%d of them applied all the same (a fault after the commit); the first said %s\n",
		      what, share ? "share" : "local", sticky ? "disk fails from the Nth call on" : "the Nth call fails",
		      n - 1, failures, applied_anyway, first_msg);
}

#define FAULT_TEST(name, op, share, sticky) \
	static void name(void **state) { (void)state; fault_loop(#op, op, share, sticky); }

FAULT_TEST(test_local_submit_once, op_submit, 0, 0)
FAULT_TEST(test_local_submit_sticky, op_submit, 0, 1)
FAULT_TEST(test_local_approve_once, op_approve, 0, 0)
FAULT_TEST(test_local_approve_sticky, op_approve, 0, 1)
FAULT_TEST(test_local_people_add_once, op_people_add, 0, 0)
FAULT_TEST(test_local_people_add_sticky, op_people_add, 0, 1)
FAULT_TEST(test_share_submit_once, op_submit, 1, 0)
FAULT_TEST(test_share_submit_sticky, op_submit, 1, 1)
FAULT_TEST(test_share_approve_once, op_approve, 1, 0)
FAULT_TEST(test_share_approve_sticky, op_approve, 1, 1)
FAULT_TEST(test_share_people_add_once, op_people_add, 1, 0)
FAULT_TEST(test_share_people_add_sticky, op_people_add, 1, 1)
FAULT_TEST(test_share_people_add_journey_once, op_people_add_journey, 1, 0)
FAULT_TEST(test_local_people_add_journey_once, op_people_add_journey, 0, 0)

static int group_setup(void **state)
{
	(void)state;
	prepare(0);
	prepare(1);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share_people_add_journey_once),
		cmocka_unit_test(test_local_people_add_journey_once),
		cmocka_unit_test(test_local_submit_once),
		cmocka_unit_test(test_local_submit_sticky),
		cmocka_unit_test(test_local_approve_once),
		cmocka_unit_test(test_local_approve_sticky),
		cmocka_unit_test(test_local_people_add_once),
		cmocka_unit_test(test_local_people_add_sticky),
		cmocka_unit_test(test_share_submit_once),
		cmocka_unit_test(test_share_submit_sticky),
		cmocka_unit_test(test_share_approve_once),
		cmocka_unit_test(test_share_approve_sticky),
		cmocka_unit_test(test_share_people_add_once),
		cmocka_unit_test(test_share_people_add_sticky),
	};
	/* Thousands of fsyncs (share mode is synchronous=FULL): on tmpfs they
	 * cost nothing, and what is tested is SQLite's answers, not the disk's.
	 * IOFAULT_TMPDIR=1 keeps $TMPDIR. */
	if (access("/dev/shm", W_OK | X_OK) == 0 && !getenv("IOFAULT_TMPDIR"))
		setenv("TMPDIR", "/dev/shm", 1);
	/* IOFAULT_TEST=glob runs only the tests that match. */
	if (getenv("IOFAULT_TEST"))
		cmocka_set_test_filter(getenv("IOFAULT_TEST"));
	return cmocka_run_group_tests(tests, group_setup, unit_group_teardown);
}
