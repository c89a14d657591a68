/* doctor.c — chorus doctor: where the file is and whether it is healthy:
 * filesystem, how a network mount caches, who may use the file (owner,
 * group, mode of the file and its directory, and the fix when a member of
 * the group could not), who holds share mode's lock, recorded mode and
 * whether it agrees, journal, permissions, schema, clock, integrity, the
 * audit log's guard and chain.  Exit 1 when a check failed, 5 when the audit
 * log was changed; when the file cannot be opened, the lines before that and
 * the error's own status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "chorus/sharelock.h"
#include "chorus/audit.h"
#include "commands.h"
#include "chorus/group.h"
#include "chorus/store_health.h"

static int failures;

static void line(const char *key, const char *fmt_ok, int ok, const char *value)
{
	printf("%-14s %s%s\n", key, value, ok ? "" : fmt_ok);
	if (!ok)
		failures++;
}

/* Share mode's lock, before opening (which waits on it): who holds it, and
 * whether its heartbeat moves over a second. */
static void lock_line(const char *path)
{
	struct sharelock_holder h;
	char seen[PATH_MAX + 400];
	if (!sharelock_look(path, &h))
		return;
	nanosleep(&(struct timespec){ .tv_sec = 1, .tv_nsec = 200000000L }, NULL);
	if (!sharelock_look(path, &h))
		return;
	sharelock_describe(&h, path, seen, sizeof seen);
	line("lock", h.alive == 0 ? " — abandoned: its holder is gone; the next writer clears it, "
	     "or chorus doctor --break-lock" : h.alive != 1 && h.silent_ms >= 1000
	     ? " — no sign of life: if it stays so, the next writer clears it after "
	     "the silence, or chorus doctor --break-lock" : "", h.alive == 1 || h.silent_ms < 1000, seen);
	fflush(stdout);
}

/* The file and its directory as this process sees them, and whether every
 * member of the file's group can write it and make its side files; when
 * not, the command that fixes it. */
static void group_lines(const char *path)
{
	struct group_view g;
	if (group_view(path, &g) != 0) {
		line("file", "", 0, g.problem);
		return;
	}
	line("file", "", 1, g.file);
	line("directory", "", 1, g.dir);
	char text[sizeof g.problem + sizeof g.fix + 64];
	if (g.problem[0]) {
		snprintf(text, sizeof text, "%s%s%s", g.problem, g.fix[0] ? " — fix: " : "", g.fix);
		line("group", "", 0, text);
	} else if (g.shared) {
		snprintf(text, sizeof text, "every member of %s can write the file and create its side files", g.group);
		line("group", "", 1, text);
	} else {
		snprintf(text, sizeof text, "%s is its owner's own: no one else can write the file; %s",
			 g.group, g.fix);
		line("group", "", 1, text);
	}
}

/* The audit log's lines: its append-only triggers, and its hash chain read
 * whole.  Returns 1 when it was changed or its guards are gone. */
static int audit_lines(struct store *s, char *buf, size_t n)
{
	struct audit_check ck;
	struct err e = {0};
	if (audit_verify(s, &ck, &e) != CH_OK) {
		line("audit log", "", 0, e.msg);
		return 0;
	}
	int guarded = !ck.missing[0];
	if (guarded)
		snprintf(buf, n, "append-only (update, delete and replace refused)");
	else
		snprintf(buf, n, "trigger(s) missing or changed: %s", ck.missing);
	line("audit guard", " — someone changed the schema with another tool", guarded, buf);
	if (ck.unhashed) {
		line("audit chain", "", 1, "not recorded: the file predates it (opening it read-write adds it)");
		return !guarded;
	}
	char head[2 * AUDIT_HASH_LEN + 1];
	for (int i = 0; i < AUDIT_HASH_LEN; i++)
		snprintf(head + 2 * i, 3, "%02x", ck.head[i]);
	if (ck.broken_id)
		snprintf(buf, n, "broken at event %lld of %lld: it or the one before it was changed, "
			 "inserted or removed after it was written", (long long)ck.broken_id, (long long)ck.events);
	else
		snprintf(buf, n, "%lld event(s) chained, intact; head %s", (long long)ck.events, head);
	line("audit chain", "", !ck.broken_id, buf);
	return !guarded || ck.broken_id;
}

static int run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "set-mode", required_argument, NULL, 'm' },
		{ "break-lock", no_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const char *set_mode = NULL;
	int break_lock = 0, ch;
	optind = 0;
	while ((ch = cli_getopt(&cmd_doctor, argc, argv, opts)) != -1) {
		if (ch == 'm')
			set_mode = optarg;
		else if (ch == 'b')
			break_lock = 1;
		else
			return CH_INVALID;
	}
	if (optind < argc)
		return cli_usage(&cmd_doctor, "unexpected argument '%s'", argv[optind]);
	if (set_mode && strcmp(set_mode, "local") != 0 && strcmp(set_mode, "share") != 0)
		return cli_usage(&cmd_doctor, "--set-mode takes local or share, not '%s'", set_mode);
	struct err e = {0};
	int st;
	if (set_mode || break_lock) {
		if ((st = session_db_path(c, &e)) != CH_OK)
			return cli_error(&e);
		if (break_lock) {
			struct sharelock_holder h;
			char seen[PATH_MAX + 400];
			if (sharelock_look(c->path, &h)) {
				sharelock_describe(&h, c->path, seen, sizeof seen);
				printf("found: %s\n", seen);
				if (h.alive != 1)
					printf("watching it for up to %d s: it is broken only if its heartbeat stands still\n",
					       sharelock_stale_ms() / 1000);
				fflush(stdout);
			}
			if ((st = store_break_lock(c->path, seen, sizeof seen, &e)) != CH_OK)
				return cli_error(&e);
			printf("removed the abandoned lock %s.lock\n", c->path);
		}
		if (set_mode) {
			if ((st = store_set_mode(c->path, strcmp(set_mode, "local") == 0 ? STORE_MODE_LOCAL
							   : STORE_MODE_SHARE, &e)) != CH_OK)
				return cli_error(&e);
			printf("%s is now in %s mode\n", c->path, set_mode);
		}
		return CH_OK;
	}
	/* The lock first: opening waits for it, so say who holds it before. */
	if ((st = session_db_path(c, &e)) != CH_OK)
		return cli_error(&e);
	/* What can be seen without opening the file comes first: when it cannot
	 * be opened, these lines say where it is and who may use it. */
	failures = 0;
	char buf[600], v[64], dir[PATH_MAX], fs[32], note[1024];
	line("database", "", 1, c->path);
	lock_line(c->path);
	store_dir_of(c->path, dir, sizeof dir);
	int net = store_fs_is_network(store_fs_type(dir, fs, sizeof fs));
	snprintf(buf, sizeof buf, "%s (%s)", fs, net ? "network filesystem" : "local disk");
	line("filesystem", "", 1, buf);
	/* Only a network mount that shows how it caches gets a line: the
	 * options that make a second machine read stale pages fail it (and
	 * then chorus does not open the file there). */
	int cache = store_mount_check(c->path, note, sizeof note);
	if (cache >= 0)
		line("mount", "", cache == STORE_CACHE_SAFE, note);
	if (cache == STORE_CACHE_UNSAFE) {
		printf("%d problem(s) found\n", failures);
		return CH_FAILED;
	}
	group_lines(c->path);
	st = session_open_anonymous(c);
	if (st != CH_OK)
		return st;
	struct store *s = &c->store;
	snprintf(v, sizeof v, "%s", store_mode_name(s->mode));
	char recorded[16] = "?";
	store_meta_get(s, "mode", recorded, sizeof recorded);
	int agree = strcmp(recorded, "share") == 0 || !net;
	snprintf(buf, sizeof buf, "%s", recorded);
	line("mode", agree ? "" : " — but this is a network filesystem: WAL would corrupt it; "
	     "run chorus doctor --set-mode share where no one else has it open", agree, buf);
	if (s->readonly)
		line("access", "", 0, s->ro_reason);
	else
		line("access", "", 1, "read-write");
	if (store_begin(s, 0, &e) != CH_OK)
		return cli_error(&e);
	store_journal_mode(s, v, sizeof v);
	int want_wal = strcmp(recorded, "local") == 0;
	int jok = want_wal ? strcmp(v, "wal") == 0 : strcmp(v, "wal") != 0;
	for (char *p = v; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	line("journal", want_wal ? " — expected WAL for local mode" : " — expected a rollback journal for share mode",
	     jok, v);
	struct stat sb;
	if (stat(s->path, &sb) == 0) {
		int mode = sb.st_mode & 0777;
		snprintf(buf, sizeof buf, "%o", mode);
		line("permissions", " — the file is world-writable; chmod 660 it", !(mode & 0002), buf);
	}
	snprintf(buf, sizeof buf, "%d (this chorus knows up to %d)", s->schema_version, store_schema_latest());
	line("schema", "", s->schema_version <= store_schema_latest(), buf);
	char org[256] = "";
	store_meta_get(s, "organisation", org, sizeof org);
	line("organisation", "", 1, org);
	char clock[16] = "";
	int fixed_file = store_meta_get(s, "clock", clock, sizeof clock) && strcmp(clock, "fixed") == 0;
	line("clock", "", 1, fixed_file ? store_clock_fixed() ? "fixed by CHORUS_NOW (created under a fixed clock)"
						       : "real time (created under a fixed clock; CHORUS_NOW not set)"
			   : getenv("CHORUS_NOW") && *getenv("CHORUS_NOW")
			   ? "real time (CHORUS_NOW ignored: not created under a fixed clock)" : "real time");
	store_integrity(s, buf, sizeof buf);
	line("integrity", " — restore from a backup", strcmp(buf, "ok") == 0, buf);
	store_end(s, CH_OK, NULL);
	int tampered = audit_lines(s, buf, sizeof buf);
	if (failures)
		printf("%d problem(s) found\n", failures);
	return tampered ? CH_TAMPERED : failures ? CH_FAILED : CH_OK;
}

const struct cli_command cmd_doctor = {
	"doctor", "[--set-mode local|share] [--break-lock]",
	"check the database: place, filesystem, mount, mode, journal, permissions, schema, clock, integrity, audit log",
	"  (no option)          report, and exit 1 when a check failed, 5 when the audit\n"
	"                       log's hash chain is broken or its triggers are missing\n"
	"  --set-mode MODE      convert the file to local (WAL) or share (rollback journal,\n"
	"                       share-mode lock); run it where no one else has the file open\n"
	"  --break-lock         remove share mode's lock when it is abandoned: its holder is\n"
	"                       a gone process of this machine, or its heartbeat stands still\n"
	"                       while doctor watches (up to 20 s); a live holder's is kept\n",
	run,
};
