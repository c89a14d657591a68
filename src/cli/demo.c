/* demo.c — chorus demo: build (or refresh) the demo database, then open it.
 *
 * The demo has a file of its own ($XDG_DATA_HOME/chorus/demo.db unless --db);
 * it never follows $CHORUS_DB or the config file, so it cannot land on the real
 * database.  An existing file is only replaced when it is a demo (meta demo =
 * 1); anything else is refused and left exactly as it was. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "../util/xdg.h"
#include "chorus/content.h"
#include "chorus/demo.h"
#include "chorus/demo_facts.h"
#include "chorus/people.h"

/* The interface (c->ui->run) reads the path through c->db_opt; it must not alias c->path,
 * which the path rules write into. */
static char demo_path[PATH_MAX];

/* mkdir -p, group-shared like the database itself. */
static int make_dirs(const char *dir, struct err *e)
{
	char p[PATH_MAX];
	if (snprintf(p, sizeof p, "%s", dir) >= (int)sizeof p)
		return err_set(e, CH_INVALID, _("%s: path too long"), dir);
	for (char *c = p + 1; ; c++) {
		if (*c != '/' && *c)
			continue;
		char was = *c;
		*c = 0;
		if (mkdir(p, 0770) != 0 && errno != EEXIST)
			return err_set(e, CH_INVALID, _("cannot create the directory %s: %s"), p, strerror(errno));
		*c = was;
		if (!was)
			break;
	}
	struct stat sb;
	if (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return err_set(e, CH_INVALID, _("%s is not a directory"), p);
	return CH_OK;
}

/* The demo's own default: never $CHORUS_DB or the config file (DESIGN §5). */
static int default_path(char *out, size_t n, struct err *e)
{
	char dir[PATH_MAX];
	if (xdg_path(XDG_DATA, NULL, dir, sizeof dir) != 0)
		return err_set(e, CH_INVALID, _("no place for the demo: set --db, $XDG_DATA_HOME or $HOME"));
	int st = make_dirs(dir, e);
	if (st == CH_OK && snprintf(out, n, "%s/demo.db", dir) >= (int)n)
		st = err_set(e, CH_INVALID, _("%s: path too long"), dir);
	return st;
}

/* What is at path: 0 nothing, 1 a demo database, -1 anything else (why says
 * what).  Only reads: the file is opened read-only and never changed here. */
static int inspect(const char *path, char *why, size_t n)
{
	struct stat sb;
	if (lstat(path, &sb) != 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(why, n, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		snprintf(why, n, "%s", _("it is not a regular file"));
		return -1;
	}
	unsigned char h[100];
	FILE *f = fopen(path, "rb");
	size_t got = f ? fread(h, 1, sizeof h, f) : 0;
	if (f)
		fclose(f);
	uint32_t app = got == sizeof h ? (uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71] : 0;
	if (got < sizeof h || memcmp(h, "SQLite format 3", 16) != 0 || app != STORE_APPLICATION_ID) {
		snprintf(why, n, "%s", _("it is not a chorus database at all"));
		return -1;
	}
	if (!demo_file_marked(path)) {
		snprintf(why, n, "%s", _("it holds a real programme"));
		return -1;
	}
	return 1;
}

static void remove_db(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[PATH_MAX + 16];
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

/* What was built, in a few lines a person can check against the TUI. */
static void summary(struct store *s, const char *path, uint32_t seed, double secs)
{
	struct demo_counts k;
	if (demo_count(s, &k, NULL) != CH_OK)
		return;
	printf(_("built the demo of %s in %s (seed %u) in %.2f s\n"), DEMO_ORGANISATION, path, seed, secs);
	printf(_("  people     %lld in %lld teams (%lld masters, %lld editors, %lld creators; "
	       "%lld never took part)\n"), k.people, k.teams, k.masters, k.editors, k.creators, k.idle);
	printf(_("  content    %lld:"), k.content);
	for (int i = 0; i < STAGE_COUNT; i++)
		printf("%s %s %lld", i ? "," : "", stage_name((enum stage)i), k.stage[i]);
	printf(_("\n  messages   %lld, comments %lld, campaigns %lld\n"), k.messages, k.comments, k.campaigns);
	printf(_("  shares     %lld by %lld people over %lld weeks\n"), k.shares, k.sharers, k.share_weeks);
	printf(_("  events     %lld\n"), k.events);
}

static int run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "no-tui", no_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	int no_tui = 0, ch;
	uint32_t seed = 1;
	optind = 0;
	while ((ch = cli_getopt(&cmd_demo, argc, argv, opts)) != -1) {
		if (ch == 'n') {
			no_tui = 1;
		} else if (ch == 's') {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (!*optarg || *end || errno || v > UINT32_MAX || optarg[0] == '-')
				return cli_usage(&cmd_demo, _("--seed takes a number from 0 to %u, not '%s'"),
						 UINT32_MAX, optarg);
			seed = (uint32_t)v;
		} else {
			return CH_INVALID;
		}
	}
	if (optind < argc)
		return cli_usage(&cmd_demo, _("unexpected argument '%s'"), argv[optind]);

	struct err e = {0};
	int st = CH_OK;
	if (c->db_opt && *c->db_opt)
		snprintf(demo_path, sizeof demo_path, "%s", c->db_opt);
	else
		st = default_path(demo_path, sizeof demo_path, &e);
	if (st != CH_OK)
		return cli_error(&e);
	char why[128];
	int found = inspect(demo_path, why, sizeof why);
	if (found < 0)
		return cli_fail(CH_INVALID, _("%s is not a demo database (%s); chorus demo never touches a "
				"real one: choose another file with --db"), demo_path, why);
	const char *login = store_os_login();
	if (!people_login_valid(login))
		return cli_fail(CH_INVALID, _("your login '%s' cannot be a chorus login (letters, digits, "
				"'.', '_' and '-' only)"), login);
	if (found > 0)
		remove_db(demo_path);

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = store_create(&c->store, demo_path, STORE_MODE_NONE, DEMO_ORGANISATION, login, NULL, &e);
	if (st != CH_OK)
		return cli_error(&e);
	c->opened = 1;
	st = store_identify(&c->store, login, NULL, &e);
	if (st == CH_OK)
		st = demo_build(&c->store, seed, &e);
	if (st != CH_OK) {
		/* Nothing half-built stays behind. */
		session_close(c);
		remove_db(demo_path);
		return cli_error(&e);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	summary(&c->store, demo_path, seed, secs);
	session_close(c);
	if (no_tui) {
		printf(_("open it with: chorus --db %s\n"), demo_path);
		return CH_OK;
	}
	fflush(stdout);
	c->db_opt = demo_path;
	return c->ui->run(c);
}

const struct cli_command cmd_demo = {
	"demo", "[--no-tui] [--seed N]",
	N_("build (or refresh) a demo database with a fictional organisation, then open it"),
	N_("  --no-tui          build it and print what is in it; do not open the interface\n"
	"  --seed N          vary the organisation (0 to 4294967295; default 1); the same\n"
	"                    seed and the same $CHORUS_NOW give the same database\n"
	"\n"
	"The demo lives in its own file, $XDG_DATA_HOME/chorus/demo.db (or\n"
	"~/.local/share/chorus/demo.db), unless --db names another; $CHORUS_DB and the\n"
	"config file are not used.  An existing demo file is rebuilt; any other file is\n"
	"refused and left unchanged.  Its history runs 26 weeks up to now ($CHORUS_NOW\n"
	"fixes now); you are one of its social masters.\n"),
	run,
};
