/* doctor.c — chorus doctor: where the file is and whether it is healthy:
 * filesystem, recorded mode and whether the two agree, how a network mount
 * caches, journal, permissions, schema, integrity, the audit log's guard and
 * chain.  Exit 1 when a check failed, 5 when the audit log was changed. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "chorus/audit.h"
#include "commands.h"

static int failures;

static void line(const char *key, const char *fmt_ok, int ok, const char *value)
{
	printf("%-14s %s%s\n", key, value, ok ? "" : fmt_ok);
	if (!ok)
		failures++;
}

static void pragma_text(struct store *s, const char *sql, char *out, size_t n)
{
	out[0] = 0;
	sqlite3_stmt *q = store_prepare(s, sql, NULL);
	if (!q)
		return;
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
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

static int run(struct cli *c, int argc, char **argv)
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
		if ((st = cli_db_path(c, &e)) != CH_OK)
			return cli_error(&e);
		int64_t age = store_lock_age(c->path);
		if (break_lock) {
			if (age >= 0)
				printf("found %s.lock, taken %lld s ago\n", c->path, (long long)age);
			if ((st = store_break_lock(c->path, &e)) != CH_OK)
				return cli_error(&e);
			printf("removed the stale lock %s.lock\n", c->path);
		}
		if (set_mode) {
			if ((st = store_set_mode(c->path, strcmp(set_mode, "local") == 0 ? STORE_MODE_LOCAL
							   : STORE_MODE_SHARE, &e)) != CH_OK)
				return cli_error(&e);
			printf("%s is now in %s mode\n", c->path, set_mode);
		}
		return CH_OK;
	}
	/* A stale dot-file lock first: opening waits on that lock and would only
	 * say "busy" after the busy timeout, never what is wrong. */
	if ((st = cli_db_path(c, &e)) != CH_OK)
		return cli_error(&e);
	int64_t stale = store_lock_age(c->path);
	if (stale >= STORE_STALE_LOCK) {
		char held[PATH_MAX + 64];
		failures = 0;
		line("database", "", 1, c->path);
		snprintf(held, sizeof held, "%s.lock taken %lld s ago", c->path, (long long)stale);
		line("lock", " — stale: a client died holding it; clear it with chorus doctor --break-lock", 0, held);
		printf("%d problem(s) found\n", failures);
		return CH_FAILED;
	}
	/* A mount that serves stale pages: chorus does not open the file there. */
	char note[512];
	if (store_mount_check(c->path, note, sizeof note) == STORE_CACHE_UNSAFE) {
		failures = 0;
		line("database", "", 1, c->path);
		line("mount", "", 0, note);
		printf("%d problem(s) found\n", failures);
		return CH_FAILED;
	}
	st = cli_open_anonymous(c);
	if (st != CH_OK)
		return st;
	struct store *s = &c->store;
	char buf[600], v[64];
	failures = 0;
	line("database", "", 1, s->path);
	snprintf(v, sizeof v, "%s", store_mode_name(s->mode));
	char recorded[16] = "?";
	store_meta_get(s, "mode", recorded, sizeof recorded);
	int net = store_fs_is_network(s->fs_type);
	snprintf(buf, sizeof buf, "%s (%s)", s->fs_name, net ? "network filesystem" : "local disk");
	line("filesystem", "", 1, buf);
	/* Only a network mount that shows how it caches gets a line: the
	 * options that make a second machine read stale pages fail it. */
	if (s->mount_cache >= 0)
		line("mount", "", s->mount_cache != STORE_CACHE_SLOW, s->mount_note);
	int agree = strcmp(recorded, "share") == 0 || !net;
	snprintf(buf, sizeof buf, "%s", recorded);
	line("mode", agree ? "" : " — but this is a network filesystem: WAL would corrupt it; "
	     "run chorus doctor --set-mode share where no one else has it open", agree, buf);
	if (s->readonly)
		line("access", "", 0, s->ro_reason);
	else
		line("access", "", 1, "read-write");
	int64_t age = store_lock_age(s->path);
	if (age >= STORE_STALE_LOCK) {
		snprintf(buf, sizeof buf, "%s.lock taken %lld s ago", s->path, (long long)age);
		line("lock", " — stale: a client died holding it; clear it with chorus doctor --break-lock", 0, buf);
		return CH_FAILED;
	} else if (age >= 0) {
		snprintf(buf, sizeof buf, "held by a writer for %lld s", (long long)age);
		line("lock", "", 1, buf);
	}
	if (store_begin(s, 0, &e) != CH_OK)
		return cli_error(&e);
	pragma_text(s, "PRAGMA journal_mode", v, sizeof v);
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
	pragma_text(s, "PRAGMA integrity_check", buf, sizeof buf);
	line("integrity", " — restore from a backup", strcmp(buf, "ok") == 0, buf);
	store_end(s, CH_OK, NULL);
	int tampered = audit_lines(s, buf, sizeof buf);
	if (failures)
		printf("%d problem(s) found\n", failures);
	return tampered ? CH_TAMPERED : failures ? CH_FAILED : CH_OK;
}

const struct cli_command cmd_doctor = {
	"doctor", "[--set-mode local|share] [--break-lock]",
	"check the database: place, filesystem, mount, mode, journal, permissions, schema, integrity",
	"  (no option)          report, and exit 1 when a check failed, 5 when the audit\n"
	"                       log's hash chain is broken or its triggers are missing\n"
	"  --set-mode MODE      convert the file to local (WAL) or share (rollback journal,\n"
	"                       dot-file locks); run it where no one else has the file open\n"
	"  --break-lock         remove a dot-file lock left by a crashed client (only when\n"
	"                       older than 60 s: no transaction takes that long)\n",
	run,
};
