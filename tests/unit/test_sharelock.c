/* test_sharelock.c — share mode's lock: a record naming its holder, taken
 * and left by every transaction; a lock of a gone process of this machine
 * broken at once; a silent lock of another machine abandoned only after the
 * stale time has passed by this process's own clock (whatever time the
 * holder wrote); a moving heartbeat never abandoned; a holder whose lock was
 * taken aborts instead of committing; --break-lock refuses a live holder;
 * the journal of a writer that died is played back under the lock. */
#include "unit.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include "chorus/sharelock.h"

#define PATHLEN (PATH_MAX + 64)

static int reset(void **state)
{
	(void)state;
	unsetenv("CHORUS_LOCK_STALE");
	return 0;
}

static void share_db(const char *name, char *path, size_t len)
{
	struct store s;
	struct err e = {0};
	snprintf(path, len, "%s/%s", unit_tmpdir(), name);
	if (store_create(&s, path, STORE_MODE_SHARE, "Test BV", "master", "Mia Master", &e) != CH_OK)
		fail_msg("store_create %s: %s", path, e.msg);
	store_close(&s);
}

static void open_ok(struct store *s, const char *path)
{
	struct err e = {0};
	if (store_open(s, path, &e) != CH_OK)
		fail_msg("store_open %s: %s", path, e.msg);
}

static void msleep(int ms)
{
	nanosleep(&(struct timespec){ .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L }, NULL);
}

/* Remove PATH.lock and the records in it. */
static void unplant(const char *db)
{
	char cmd[PATHLEN + 64];
	snprintf(cmd, sizeof cmd, "rm -rf '%s.lock'", db);
	assert_int_equal(system(cmd), 0);
}

static void read_file(const char *path, char *out, size_t n)
{
	out[0] = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	size_t got = fread(out, 1, n - 1, f);
	out[got] = 0;
	fclose(f);
}

/* Plant PATH.lock with a record: host, this machine's boot id and pid
 * namespace or others, a pid, a token, a heartbeat, a time taken.  Any record
 * planted before is replaced. */
static void plant(const char *db, const char *host, int this_machine, long pid, const char *token,
		  unsigned long long beat, long long taken)
{
	char dir[PATHLEN], rec[PATHLEN + 400], boot[64] = "other-boot";
	unsigned long ns = 1;
	snprintf(dir, sizeof dir, "%s.lock", db);
	if (this_machine) {
		struct stat sb;
		read_file("/proc/sys/kernel/random/boot_id", boot, sizeof boot);
		boot[12] = 0;
		if (stat("/proc/self/ns/pid", &sb) == 0)
			ns = (unsigned long)sb.st_ino;
	}
	mkdir(dir, 0777);
	unplant(db);
	mkdir(dir, 0777);
	snprintf(rec, sizeof rec, "%s/chorus-lock,1,host=%s,boot=%s,pidns=%lu,pid=%ld,user=else,token=%s,"
		 "taken=%lld,beat=%llu", dir, host, boot, ns, pid, token, taken, beat);
	assert_int_equal(mkdir(rec, 0777), 0);
}

static int write_setting(struct store *s, const char *value, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st == CH_OK)
		st = store_setting_set(s, "probe", value, e);
	return store_end(s, st, e);
}

static void test_a_transaction_takes_the_lock_with_a_record_naming_its_holder(void **state)
{
	(void)state;
	char path[PATHLEN], want[64];
	struct store s;
	struct err e = {0};
	struct sharelock_holder h;
	share_db("record.db", path, sizeof path);
	open_ok(&s, path);
	assert_int_equal(sharelock_look(path, &h), 0);
	assert_ok(store_begin(&s, 1, &e), e);
	assert_int_equal(sharelock_look(path, &h), 1);
	snprintf(want, sizeof want, ",pid=%ld,", (long)getpid());
	if (strncmp(h.record, "chorus-lock,1,host=", 19) != 0 || !strstr(h.record, want) ||
	    !strstr(h.record, ",token=") || !strstr(h.record, ",beat=0"))
		fail_msg("the record does not name its holder: %s", h.record);
	assert_true(h.has_record && h.same_machine);
	assert_int_equal(h.records, 1);
	assert_int_equal(h.alive, 1);
	assert_int_equal(h.pid, (long)getpid());
	assert_false(h.abandoned);
	/* the first write beats: the record is renamed to the next heartbeat */
	assert_ok(store_setting_set(&s, "probe", "1", &e), e);
	assert_ok(store_end(&s, CH_OK, &e), e);
	assert_int_equal(sharelock_look(path, &h), 0);
	store_close(&s);
}

static void test_the_lock_of_a_gone_process_of_this_machine_is_broken_at_once(void **state)
{
	(void)state;
	char path[PATHLEN];
	struct store s;
	struct err e = {0};
	share_db("gone.db", path, sizeof path);
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	open_ok(&s, path);
	plant(path, "here", 1, (long)child, "deadbeef", 7, 0);
	s.busy_ms = 0;
	s.wait_abandoned = 0;
	assert_ok(write_setting(&s, "after a dead holder", &e), e);
	struct sharelock_holder h;
	assert_int_equal(sharelock_look(path, &h), 0);
	store_close(&s);
}

static void test_a_silent_lock_of_another_machine_is_abandoned_only_after_the_stale_time(void **state)
{
	(void)state;
	char path[PATHLEN];
	struct store s;
	struct err e = {0};
	setenv("CHORUS_LOCK_STALE", "0.6", 1);
	share_db("silent.db", path, sizeof path);
	open_ok(&s, path);
	/* Its clock is far ahead: taken "in 2100".  Nothing compares clocks. */
	plant(path, "elsewhere", 0, 4242, "0123abcd", 3, 4102444800LL);
	s.busy_ms = 100;
	s.wait_abandoned = 0;
	assert_int_equal(write_setting(&s, "too soon", &e), CH_BUSY);
	if (!strstr(e.msg, "held by chorus on elsewhere (pid 4242, user else)"))
		fail_msg("the busy message does not name the holder: %s", e.msg);
	struct sharelock_holder h;
	assert_int_equal(sharelock_look(path, &h), 1);
	assert_false(h.abandoned);
	msleep(700);
	assert_int_equal(sharelock_look(path, &h), 1);
	assert_true(h.abandoned);
	assert_ok(write_setting(&s, "after the silence", &e), e);
	assert_int_equal(sharelock_look(path, &h), 0);
	store_close(&s);
}

static void test_the_cli_waits_out_a_silent_lock_and_then_writes(void **state)
{
	(void)state;
	char path[PATHLEN];
	struct store s;
	struct err e = {0};
	setenv("CHORUS_LOCK_STALE", "0.5", 1);
	share_db("waited.db", path, sizeof path);
	open_ok(&s, path);
	plant(path, "elsewhere", 0, 4242, "feedf00d", 3, 0);
	s.busy_ms = 100;       /* shorter than the stale time: wait_abandoned waits on */
	assert_int_equal(s.wait_abandoned, 1);
	assert_ok(write_setting(&s, "waited", &e), e);
	store_close(&s);
}

static void test_a_moving_heartbeat_is_never_abandoned(void **state)
{
	(void)state;
	char path[PATHLEN];
	struct store s;
	struct err e = {0};
	setenv("CHORUS_LOCK_STALE", "0.3", 1);
	share_db("moving.db", path, sizeof path);
	open_ok(&s, path);
	s.busy_ms = 0;
	s.wait_abandoned = 0;
	for (unsigned beat = 1; beat <= 8; beat++) {
		plant(path, "elsewhere", 0, 4242, "cafe0001", beat, 0);
		msleep(100);
		assert_int_equal(write_setting(&s, "never", &e), CH_BUSY);
	}
	/* --break-lock while another machine's holder keeps beating */
	plant(path, "elsewhere", 0, 4242, "cafe0001", 100, 0);
	pid_t child = fork();
	if (child == 0) {
		/* beat as a holder does: rename the record to the next count */
		for (unsigned beat = 100; beat < 130; beat++) {
			char from[PATHLEN + 200], to[PATHLEN + 200];
#define REC "%s.lock/chorus-lock,1,host=elsewhere,boot=other-boot,pidns=1,pid=4242," \
	    "user=else,token=cafe0001,taken=0,beat=%u"
			snprintf(from, sizeof from, REC, path, beat);
			snprintf(to, sizeof to, REC, path, beat + 1);
#undef REC
			if (rename(from, to) != 0)
				_exit(1);
			msleep(50);
		}
		_exit(0);
	}
	msleep(20);
	char seen[PATHLEN + 400];
	assert_int_equal(store_break_lock(path, seen, sizeof seen, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "heartbeat moved"));
	int status = -1;
	waitpid(child, &status, 0);
	assert_int_equal(status, 0);   /* it beat all along: its record never went */
	struct sharelock_holder h;
	assert_int_equal(sharelock_look(path, &h), 1);
	store_close(&s);
}

static void test_a_holder_whose_lock_was_taken_aborts_instead_of_committing(void **state)
{
	(void)state;
	char path[PATHLEN];
	struct store s;
	struct err e = {0};
	share_db("taken.db", path, sizeof path);
	open_ok(&s, path);
	assert_ok(write_setting(&s, "before", &e), e);
	assert_ok(store_begin(&s, 1, &e), e);
	assert_ok(store_setting_set(&s, "probe", "while broken", &e), e);
	/* Another machine judged us dead, broke the lock and took it. */
	plant(path, "elsewhere", 0, 77, "51de51de", 0, 0);
	assert_int_equal(store_end(&s, CH_OK, &e), CH_BUSY);
	if (!strstr(e.msg, "was taken from this chorus") || !strstr(e.msg, "nothing was saved"))
		fail_msg("unexpected message: %s", e.msg);
	/* the new holder's lock is left as it is */
	struct sharelock_holder h;
	assert_int_equal(sharelock_look(path, &h), 1);
	assert_string_equal(h.token, "51de51de");
	unplant(path);
	char v[64];
	assert_ok(store_begin(&s, 0, &e), e);
	assert_true(store_setting_get(&s, "probe", v, sizeof v));
	store_end(&s, CH_OK, NULL);
	assert_string_equal(v, "before");
	store_close(&s);
}

static void test_break_lock_refuses_a_running_or_stopped_holder_and_breaks_a_gone_one(void **state)
{
	(void)state;
	char path[PATHLEN], seen[PATHLEN + 400];
	struct err e = {0};
	share_db("breaking.db", path, sizeof path);
	assert_int_equal(store_break_lock(path, seen, sizeof seen, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "has no lock"));
	pid_t child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	plant(path, "here", 1, (long)child, "abcdef01", 1, 0);
	assert_int_equal(store_break_lock(path, seen, sizeof seen, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "running process of this machine"));
	kill(child, SIGSTOP);
	msleep(50);
	assert_int_equal(store_break_lock(path, seen, sizeof seen, &e), CH_FAILED);
	if (!strstr(e.msg, "stopped") || !strstr(seen, "stopped"))
		fail_msg("a stopped holder is not named as such: %s / %s", e.msg, seen);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_ok(store_break_lock(path, seen, sizeof seen, &e), e);
	assert_non_null(strstr(seen, "that process is gone"));
	struct sharelock_holder h;
	assert_int_equal(sharelock_look(path, &h), 0);
}

/* A writer dies in the middle of a transaction whose changes already
 * spilled into the file: the next chorus to take the lock plays its journal
 * back, and the file is as it was before. */
static void test_the_journal_of_a_writer_that_died_is_played_back(void **state)
{
	(void)state;
	char path[PATHLEN], journal[PATHLEN + 16];
	struct store s;
	struct err e = {0};
	share_db("hot.db", path, sizeof path);
	open_ok(&s, path);
	assert_ok(write_setting(&s, "committed", &e), e);
	store_close(&s);
	pid_t child = fork();
	if (child == 0) {
		sqlite3 *db = NULL;
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, "unix-none") != SQLITE_OK)
			_exit(2);
		/* a tiny page cache: changes spill into the file before commit */
		if (sqlite3_exec(db, "PRAGMA cache_size=2; BEGIN; UPDATE settings SET value='half-done'; "
				 "CREATE TABLE filler(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
				 "SELECT i+1 FROM n WHERE i < 3000) INSERT INTO filler SELECT randomblob(300) FROM n;",
				 NULL, NULL, NULL) != SQLITE_OK)
			_exit(3);
		_exit(0);       /* dies without commit or rollback */
	}
	int status = 0;
	waitpid(child, &status, 0);
	assert_int_equal(WEXITSTATUS(status), 0);
	snprintf(journal, sizeof journal, "%s-journal", path);
	struct stat sb;
	assert_int_equal(stat(journal, &sb), 0);
	assert_true(sb.st_size > 0);
	open_ok(&s, path);
	char v[64] = "";
	assert_ok(store_begin(&s, 0, &e), e);
	assert_true(store_setting_get(&s, "probe", v, sizeof v));
	sqlite3_stmt *q = store_prepare(&s, "PRAGMA integrity_check", &e);
	assert_non_null(q);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
	sqlite3_finalize(q);
	q = store_prepare(&s, "SELECT count(*) FROM sqlite_master WHERE name = 'filler'", &e);
	assert_non_null(q);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 0);
	sqlite3_finalize(q);
	store_end(&s, CH_OK, NULL);
	assert_string_equal(v, "committed");
	assert_int_not_equal(stat(journal, &sb) == 0 && sb.st_size > 0, 1);
	store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_a_transaction_takes_the_lock_with_a_record_naming_its_holder, reset),
		cmocka_unit_test_teardown(test_the_lock_of_a_gone_process_of_this_machine_is_broken_at_once, reset),
		cmocka_unit_test_teardown(test_a_silent_lock_of_another_machine_is_abandoned_only_after_the_stale_time, reset),
		cmocka_unit_test_teardown(test_the_cli_waits_out_a_silent_lock_and_then_writes, reset),
		cmocka_unit_test_teardown(test_a_moving_heartbeat_is_never_abandoned, reset),
		cmocka_unit_test_teardown(test_a_holder_whose_lock_was_taken_aborts_instead_of_committing, reset),
		cmocka_unit_test_teardown(test_break_lock_refuses_a_running_or_stopped_holder_and_breaks_a_gone_one, reset),
		cmocka_unit_test_teardown(test_the_journal_of_a_writer_that_died_is_played_back, reset),
	};
	int rc = cmocka_run_group_tests(tests, NULL, unit_group_teardown);
	return rc;
}
