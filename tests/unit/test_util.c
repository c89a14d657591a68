/* test_util.c — the utility layer (src/util): UTF-8 at its edges, ISO weeks
 * at year ends, XDG directories when the variables are unset, empty or
 * relative, atomic replacement of a file, and calls made at the same time. */
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <sys/stat.h>
#include <time.h>
#include "unit.h"
#include "../../src/util/atomic.h"
#include "../../src/util/timeutil.h"
#include "../../src/util/together.h"
#include "../../src/util/utf8.h"
#include "../../src/util/xdg.h"

/* --- UTF-8 --------------------------------------------------------------- */

static size_t dec(const char *s, uint32_t *cp)
{
	return utf8_decode(s, strlen(s), cp);
}

static void test_utf8_decodes_each_length_and_the_limits(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(dec("A", &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(dec("\xc3\xa9", &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(dec("\xe2\x82\xac", &cp), 3);
	assert_int_equal(cp, 0x20AC);
	assert_int_equal(dec("\xf0\x9f\x98\x80", &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(dec("\xf4\x8f\xbf\xbf", &cp), 4);   /* U+10FFFF, the last */
	assert_int_equal(cp, 0x10FFFF);
	assert_int_equal(dec("\xed\x9f\xbf", &cp), 3);       /* U+D7FF, just below the surrogates */
	assert_int_equal(utf8_decode("\0", 1, &cp), 1);
	assert_int_equal(cp, 0);
}

static void test_utf8_refuses_overlong_surrogates_and_stray_bytes(void **state)
{
	(void)state;
	const char *bad[] = {
		"\xc0\xaf", "\xc1\xbf",             /* overlong two-byte forms */
		"\xe0\x80\xaf", "\xe0\x9f\xbf",     /* overlong three-byte forms */
		"\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf",
		"\xed\xa0\x80", "\xed\xbf\xbf",     /* surrogates U+D800, U+DFFF */
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xfe",
		"\x80", "\xbf",                     /* continuation bytes alone */
		"\xc3\x28", "\xe2\x82\x28",         /* a sequence broken off */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		uint32_t cp = 0;
		if (dec(bad[i], &cp) != 0 || cp != 0xFFFD)
			fail_msg("bad sequence %zu was accepted", i);
	}
}

static void test_utf8_says_when_a_valid_start_is_cut_short(void **state)
{
	(void)state;
	uint32_t cp;
	int cut;
	assert_int_equal(utf8_decode_cut("\xf0\x9f\x98", 3, &cp, &cut), 0);
	assert_int_equal(cut, 1);
	assert_int_equal(utf8_decode_cut("\xe0\x80", 2, &cp, &cut), 0);   /* overlong: not a start */
	assert_int_equal(cut, 0);
}

static void test_utf8_encode_round_trips_and_refuses_non_characters(void **state)
{
	(void)state;
	const uint32_t cps[] = { 0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF };
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		char buf[UTF8_MAX];
		uint32_t back;
		size_t n = utf8_encode(cps[i], buf);
		assert_true(n >= 1 && n <= UTF8_MAX);
		assert_int_equal(utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	char buf[UTF8_MAX];
	assert_int_equal(utf8_encode(0xD800, buf), 0);
	assert_int_equal(utf8_encode(0xDFFF, buf), 0);
	assert_int_equal(utf8_encode(0x110000, buf), 0);
}

static void test_utf8_valid_len_count_cut_and_width(void **state)
{
	(void)state;
	const char *s = "a\xc3\xa9\xe2\x82\xac\xff" "b";
	assert_int_equal(utf8_valid_len(s, strlen(s)), 6);
	assert_int_equal(utf8_valid_len("", 0), 0);
	assert_int_equal(utf8_count("a\xc3\xa9\xe2\x82\xac", 6), 3);
	assert_int_equal(utf8_cut("a\xc3\xa9\xe2\x82\xac", 2), 1);   /* not inside é */
	assert_int_equal(utf8_cut("a\xc3\xa9\xe2\x82\xac", 3), 3);
	assert_int_equal(utf8_next("a\xc3\xa9\xe2\x82\xac", 6, 0), 1);
	assert_int_equal(utf8_next("a\xc3\xa9\xe2\x82\xac", 6, 1), 3);
	assert_int_equal(utf8_next("a\xc3\xa9\xe2\x82\xac", 6, 3), 6);
	assert_int_equal(utf8_next("a\xc3\xa9\xe2\x82\xac", 5, 3), 5);   /* stops at len */
	assert_int_equal(utf8_width('a'), 1);
	assert_int_equal(utf8_width(0x301), 0);      /* combining acute */
	assert_int_equal(utf8_width(0x65E5), 2);     /* 日 */
	assert_int_equal(utf8_width(0x1F600), 2);
}

static void test_utf8_repair_replaces_only_bad_bytes(void **state)
{
	(void)state;
	char *out;
	assert_int_equal(utf8_repair("ok \xc3\xa9", 5, '?', &out), 0);
	assert_null(out);   /* valid: no copy */
	const char bad[] = "a\xc0\xaf" "b\xed\xa0\x80" "c\xe2\x82";
	assert_int_equal(utf8_repair(bad, sizeof bad - 1, '?', &out), 0);
	assert_non_null(out);
	assert_string_equal(out, "a??b???c??");
	free(out);
}

/* --- ISO weeks and dates ------------------------------------------------- */

static int64_t day(const char *ymd)
{
	int64_t t = time_date_parse(ymd);
	if (t < 0)
		fail_msg("%s did not parse", ymd);
	return t;
}

static void label_of(const char *ymd, const char *want)
{
	char got[16];
	time_week_label(time_week_of(day(ymd)), got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("%s: week %s, want %s", ymd, got, want);
}

static void test_week_labels_at_year_ends(void **state)
{
	(void)state;
	label_of("1970-01-05", "1970-W02");
	assert_int_equal(time_week_of(day("1970-01-05")), 0);
	assert_int_equal(time_week_of(day("1970-01-04")), -1);
	label_of("2020-12-31", "2020-W53");
	label_of("2021-01-03", "2020-W53");
	label_of("2021-01-04", "2021-W01");
	label_of("2026-12-31", "2026-W53");
	label_of("2027-01-01", "2026-W53");
	label_of("2027-01-03", "2026-W53");
	label_of("2027-01-04", "2027-W01");
	label_of("2024-12-30", "2025-W01");   /* a Monday in December in next year's week 1 */
}

static void test_week_parse_and_start(void **state)
{
	(void)state;
	int64_t w = time_week_parse("2020-W53");
	assert_true(w >= 0);
	assert_int_equal(time_week_start(w), day("2020-12-28"));
	w = time_week_parse("2026-W53");
	assert_int_equal(time_week_start(w), day("2026-12-28"));
	assert_int_equal(time_week_parse("2027-W01"), w + 1);
	assert_int_equal(time_week_parse("2021-W53"), -1);   /* 2021 has 52 weeks */
	assert_int_equal(time_week_parse("2026-W00"), -1);
	assert_int_equal(time_week_parse("2026-W54"), -1);
	assert_int_equal(time_week_parse("2026W01"), -1);
	assert_int_equal(time_week_parse("1970-W02"), -1);   /* before 1971 */
	assert_int_equal(time_week_parse(NULL), -1);
	/* every week start is a Monday, every label parses back */
	for (int64_t k = time_week_of(day("2019-12-01")); k < time_week_of(day("2028-02-01")); k++) {
		char l[16];
		time_week_label(k, l, sizeof l);
		assert_int_equal(time_week_parse(l), k);
	}
}

static void test_dates_and_times_parse_strictly(void **state)
{
	(void)state;
	char out[32];
	assert_int_equal(time_parse("2026-12-31T23:59:59Z"), day("2026-12-31") + 86399);
	assert_int_equal(time_parse("2026-12-31 23:59"), day("2026-12-31") + 86340);
	assert_int_equal(time_parse("1700000000"), 1700000000);
	assert_int_equal(time_parse("2026-02-31"), -1);
	assert_int_equal(time_parse("2026-1-01"), -1);
	assert_int_equal(time_parse(" 2026-01-01"), -1);
	assert_int_equal(time_date_parse("2026-12-31 10:00"), -1);
	assert_int_equal(time_date_parse("1700000000"), -1);   /* ten digits are not a date */
	time_date_str(day("2027-01-01") + 3600, out, sizeof out);
	assert_string_equal(out, "2027-01-01");
	time_minute_str(day("2027-01-01") + 3660, out, sizeof out);
	assert_string_equal(out, "2027-01-01 01:01");
	assert_int_equal(time_floordiv(-1, 7), -1);
	assert_int_equal(time_floordiv(-7, 7), -1);
	assert_int_equal(time_floordiv(6, 7), 0);
}

/* --- XDG ------------------------------------------------------------------ */

static void test_xdg_uses_absolute_variables_else_home(void **state)
{
	(void)state;
	char out[PATH_MAX];
	setenv("HOME", "/home/ann", 1);
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	assert_int_equal(xdg_path(XDG_CONFIG, "config.yaml", out, sizeof out), 0);
	assert_string_equal(out, "/cfg/chorus/config.yaml");
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(xdg_path(XDG_CONFIG, "themes", out, sizeof out), 0);
	assert_string_equal(out, "/home/ann/.config/chorus/themes");
	setenv("XDG_DATA_HOME", "", 1);
	assert_int_equal(xdg_path(XDG_DATA, NULL, out, sizeof out), 0);
	assert_string_equal(out, "/home/ann/.local/share/chorus");
	setenv("XDG_DATA_HOME", "relative/data", 1);   /* the specification: ignore it */
	assert_int_equal(xdg_path(XDG_DATA, "chorus.db", out, sizeof out), 0);
	assert_string_equal(out, "/home/ann/.local/share/chorus/chorus.db");
	setenv("XDG_DATA_HOME", "/data", 1);
	assert_int_equal(xdg_path(XDG_DATA, "", out, sizeof out), 0);
	assert_string_equal(out, "/data/chorus");
}

static void test_xdg_without_home_or_room(void **state)
{
	(void)state;
	char out[PATH_MAX], small[8];
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	assert_int_equal(xdg_path(XDG_DATA, "chorus.db", out, sizeof out), -1);
	assert_string_equal(out, "");
	setenv("HOME", "", 1);
	assert_int_equal(xdg_path(XDG_DATA, "chorus.db", out, sizeof out), -1);
	setenv("XDG_DATA_HOME", "/a/long/place", 1);
	assert_int_equal(xdg_path(XDG_DATA, "chorus.db", small, sizeof small), -2);
	assert_string_equal(small, "");
	setenv("XDG_DATA_HOME", "rel", 1);
	assert_int_equal(xdg_path(XDG_DATA, "chorus.db", out, sizeof out), -1);
}

/* --- atomic writes -------------------------------------------------------- */

static int put_text(FILE *f, void *ctx)
{
	return fputs(ctx, f) < 0 ? -1 : 0;
}

static int fail_fill(FILE *f, void *ctx)
{
	(void)ctx;
	fputs("half", f);
	errno = ENOSPC;
	return -1;
}

static void read_back(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t k = fread(buf, 1, n - 1, f);
	buf[k] = 0;
	fclose(f);
}

/* Files in dir other than . and .. (a leftover temporary file shows). */
static int entries(const char *dir)
{
	char cmd[PATH_MAX + 64];
	snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq ", dir);
	for (int k = 0; k < 10; k++) {
		char full[PATH_MAX + 80];
		snprintf(full, sizeof full, "%s%d", cmd, k);
		if (system(full) == 0)
			return k;
	}
	return -1;
}

static void test_atomic_write_replaces_keeping_the_mode(void **state)
{
	(void)state;
	char dir[PATH_MAX + 16], path[PATH_MAX + 32], why[PATH_MAX + 160], buf[64];
	snprintf(dir, sizeof dir, "%s/atomic", unit_tmpdir());
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/out.yaml", dir);
	assert_int_equal(atomic_write(path, put_text, "one\n", why, sizeof why), 0);
	read_back(path, buf, sizeof buf);
	assert_string_equal(buf, "one\n");
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(atomic_write(path, put_text, "two\n", why, sizeof why), 0);
	read_back(path, buf, sizeof buf);
	assert_string_equal(buf, "two\n");
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	/* a failed fill leaves the old file and no temporary one */
	assert_int_equal(atomic_write(path, fail_fill, NULL, why, sizeof why), -1);
	assert_non_null(strstr(why, "cannot write"));
	read_back(path, buf, sizeof buf);
	assert_string_equal(buf, "two\n");
	assert_int_equal(entries(dir), 1);
	/* a link: its target is replaced, the link stays */
	char link[PATH_MAX + 32];
	snprintf(link, sizeof link, "%s/link.yaml", dir);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(atomic_write(link, put_text, "three\n", why, sizeof why), 0);
	read_back(path, buf, sizeof buf);
	assert_string_equal(buf, "three\n");
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
}

static void test_atomic_write_refuses_what_is_not_a_regular_file(void **state)
{
	(void)state;
	char dir[PATH_MAX + 16], fifo[PATH_MAX + 32], why[PATH_MAX + 160];
	snprintf(dir, sizeof dir, "%s/refuse", unit_tmpdir());
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(atomic_write(dir, put_text, "x", why, sizeof why), -1);
	assert_non_null(strstr(why, "is a directory"));
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(atomic_write(fifo, put_text, "x", why, sizeof why), -1);
	assert_non_null(strstr(why, "not a regular file"));
	assert_int_equal(entries(dir), 1);
	char missing[PATH_MAX + 32];
	snprintf(missing, sizeof missing, "%s/no/such/file", dir);
	assert_int_equal(atomic_write(missing, put_text, "x", why, sizeof why), -1);
	assert_non_null(strstr(why, "cannot write"));
}

/* --- together -------------------------------------------------------------- */

/* Two jobs that each wait (5 s at most) for the other to have started:
 * they finish in time only when they run at the same time. */
struct meet {
	sem_t here[2];
	int met[2];
	int ran[4];
};

static int wait_5s(sem_t *s)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += 5;
	int r;
	while ((r = sem_timedwait(s, &t)) != 0 && errno == EINTR)
		;
	return r == 0;
}

static void meet_a(void *p)
{
	struct meet *m = p;
	sem_post(&m->here[0]);
	m->met[0] = wait_5s(&m->here[1]);
}

static void meet_b(void *p)
{
	struct meet *m = p;
	sem_post(&m->here[1]);
	m->met[1] = wait_5s(&m->here[0]);
}

static void count_c(void *p)
{
	((struct meet *)p)->ran[2]++;
}

static void count_d(void *p)
{
	((struct meet *)p)->ran[3]++;
}

static void test_together_runs_its_jobs_at_the_same_time_and_waits_for_all(void **state)
{
	(void)state;
	struct meet m;
	memset(&m, 0, sizeof m);
	sem_init(&m.here[0], 0, 0);
	sem_init(&m.here[1], 0, 0);
	struct later jobs[4] = {
		{ .run = meet_a, .arg = &m }, { .run = meet_b, .arg = &m },
		{ .run = count_c, .arg = &m }, { .run = count_d, .arg = &m },
	};
	together(jobs, 4);
	assert_true(m.met[0] && m.met[1]);          /* both were running at once */
	assert_int_equal(m.ran[2], 1);               /* every job ran, once, before the return */
	assert_int_equal(m.ran[3], 1);
	/* later_start, later_wait: the job has finished when the wait returns */
	struct later one;
	later_start(&one, count_c, &m);
	later_wait(&one);
	assert_int_equal(m.ran[2], 2);
	later_wait(&one);                            /* (again: at once) */
	sem_destroy(&m.here[0]);
	sem_destroy(&m.here[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_decodes_each_length_and_the_limits),
		cmocka_unit_test(test_utf8_refuses_overlong_surrogates_and_stray_bytes),
		cmocka_unit_test(test_utf8_says_when_a_valid_start_is_cut_short),
		cmocka_unit_test(test_utf8_encode_round_trips_and_refuses_non_characters),
		cmocka_unit_test(test_utf8_valid_len_count_cut_and_width),
		cmocka_unit_test(test_utf8_repair_replaces_only_bad_bytes),
		cmocka_unit_test(test_week_labels_at_year_ends),
		cmocka_unit_test(test_week_parse_and_start),
		cmocka_unit_test(test_dates_and_times_parse_strictly),
		cmocka_unit_test(test_xdg_uses_absolute_variables_else_home),
		cmocka_unit_test(test_xdg_without_home_or_room),
		cmocka_unit_test(test_atomic_write_replaces_keeping_the_mode),
		cmocka_unit_test(test_atomic_write_refuses_what_is_not_a_regular_file),
		cmocka_unit_test(test_together_runs_its_jobs_at_the_same_time_and_waits_for_all),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return rc;
}
