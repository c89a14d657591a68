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
#include "chorus/csv_out.h"
#include "chorus/i18n.h"
#include "commands.h"
#include "chorus/group.h"
#include "chorus/store_health.h"

static int failures;

/* The lines' names, in the person's language; the value column starts
 * after the longest (14 columns at least, as in English). */
static const char *const keys[] = {
	N_("database"), N_("lock"), N_("file"), N_("directory"), N_("group"), N_("filesystem"), N_("mount"),
	N_("mode"), N_("access"), N_("journal"), N_("permissions"), N_("schema"), N_("organisation"),
	N_("clock"), N_("integrity"), N_("audit log"), N_("audit guard"), N_("audit chain"),
};

static int key_width(void)
{
	static int width;
	if (!width) {
		width = 14;
		for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
			if (csv_out_width(_(keys[i])) + 1 > width)
				width = csv_out_width(_(keys[i])) + 1;
	}
	return width;
}

/* key: one of keys[] (English; shown translated). */
static void line(const char *key, const char *fmt_ok, int ok, const char *value)
{
	const char *k = _(key);
	printf("%s%*s %s%s\n", k, key_width() - csv_out_width(k), "", value, ok ? "" : fmt_ok);
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
	line(N_("lock"), h.alive == 0 ? _(" — abandoned: its holder is gone; the next writer clears it, "
				   "or chorus doctor --break-lock") : h.alive != 1 && h.silent_ms >= 1000
	     ? _(" — no sign of life: if it stays so, the next writer clears it after "
		 "the silence, or chorus doctor --break-lock") : "", h.alive == 1 || h.silent_ms < 1000, seen);
	fflush(stdout);
}

/* The file and its directory as this process sees them, and whether every
 * member of the file's group can write it and make its side files; when
 * not, the command that fixes it. */
static void group_lines(const char *path)
{
	struct group_view g;
	if (group_view(path, &g) != 0) {
		line(N_("file"), "", 0, g.problem);
		return;
	}
	line(N_("file"), "", 1, g.file);
	line(N_("directory"), "", 1, g.dir);
	char text[sizeof g.problem + sizeof g.fix + 64];
	if (g.problem[0]) {
		snprintf(text, sizeof text, "%s%s%s", g.problem, g.fix[0] ? _(" — fix: ") : "", g.fix);
		line(N_("group"), "", 0, text);
	} else if (g.shared) {
		snprintf(text, sizeof text, _("every member of %s can write the file and create its side files"), g.group);
		line(N_("group"), "", 1, text);
	} else {
		snprintf(text, sizeof text, _("%s is its owner's own: no one else can write the file; %s"),
			 g.group, g.fix);
		line(N_("group"), "", 1, text);
	}
}

/* The audit log's lines: its append-only triggers, and its hash chain read
 * whole.  Returns 1 when it was changed or its guards are gone. */
static int audit_lines(struct store *s, char *buf, size_t n)
{
	struct audit_check ck;
	struct err e = {0};
	if (audit_verify(s, &ck, &e) != CH_OK) {
		line(N_("audit log"), "", 0, e.msg);
		return 0;
	}
	int guarded = !ck.missing[0];
	if (guarded)
		snprintf(buf, n, "%s", _("append-only (update, delete and replace refused)"));
	else
		snprintf(buf, n, _("trigger(s) missing or changed: %s"), ck.missing);
	line(N_("audit guard"), _(" — someone changed the schema with another tool"), guarded, buf);
	if (ck.unhashed) {
		line(N_("audit chain"), "", 1, _("not recorded: the file predates it (opening it read-write adds it)"));
		return !guarded;
	}
	char head[2 * AUDIT_HASH_LEN + 1];
	for (int i = 0; i < AUDIT_HASH_LEN; i++)
		snprintf(head + 2 * i, 3, "%02x", ck.head[i]);
	char at[32], events[32];
	i18n_int(at, sizeof at, ck.broken_id);
	i18n_int(events, sizeof events, ck.events);
	if (ck.broken_id)
		snprintf(buf, n, _("broken at event %s of %s: it or the one before it was changed, "
				   "inserted or removed after it was written"), at, events);
	else
		snprintf(buf, n, P_("%s event chained, intact; head %s", "%s events chained, intact; head %s",
				    ck.events), events, head);
	line(N_("audit chain"), "", !ck.broken_id, buf);
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
		return cli_usage(&cmd_doctor, _("unexpected argument '%s'"), argv[optind]);
	if (set_mode && strcmp(set_mode, "local") != 0 && strcmp(set_mode, "share") != 0)
		return cli_usage(&cmd_doctor, _("--set-mode takes local or share, not '%s'"), set_mode);
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
				printf(_("found: %s\n"), seen);
				if (h.alive != 1)
					printf(_("watching it for up to %d s: it is broken only if its heartbeat stands still\n"),
					       sharelock_stale_ms() / 1000);
				fflush(stdout);
			}
			if ((st = store_break_lock(c->path, seen, sizeof seen, &e)) != CH_OK)
				return cli_error(&e);
			printf(_("removed the abandoned lock %s.lock\n"), c->path);
		}
		if (set_mode) {
			if ((st = store_set_mode(c->path, strcmp(set_mode, "local") == 0 ? STORE_MODE_LOCAL
							   : STORE_MODE_SHARE, &e)) != CH_OK)
				return cli_error(&e);
			printf(_("%s is now in %s mode\n"), c->path, set_mode);
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
	line(N_("database"), "", 1, c->path);
	lock_line(c->path);
	store_dir_of(c->path, dir, sizeof dir);
	int net = store_fs_is_network(store_fs_type(dir, fs, sizeof fs));
	snprintf(buf, sizeof buf, "%s (%s)", fs, net ? _("network filesystem") : _("local disk"));
	line(N_("filesystem"), "", 1, buf);
	/* Only a network mount that shows how it caches gets a line: the
	 * options that make a second machine read stale pages fail it (and
	 * then chorus does not open the file there). */
	int cache = store_mount_check(c->path, note, sizeof note);
	if (cache >= 0)
		line(N_("mount"), "", cache == STORE_CACHE_SAFE, note);
	if (cache == STORE_CACHE_UNSAFE) {
		printf(P_("%d problem found\n", "%d problems found\n", failures), failures);
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
	line(N_("mode"), agree ? "" : _(" — but this is a network filesystem: WAL would corrupt it; "
				    "run chorus doctor --set-mode share where no one else has it open"), agree, buf);
	if (s->readonly)
		line(N_("access"), "", 0, s->ro_reason);
	else
		line(N_("access"), "", 1, _("read-write"));
	if (store_begin(s, 0, &e) != CH_OK)
		return cli_error(&e);
	store_journal_mode(s, v, sizeof v);
	int want_wal = strcmp(recorded, "local") == 0;
	int jok = want_wal ? strcmp(v, "wal") == 0 : strcmp(v, "wal") != 0;
	for (char *p = v; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	line(N_("journal"), want_wal ? _(" — expected WAL for local mode") : _(" — expected a rollback journal for share mode"),
	     jok, v);
	struct stat sb;
	if (stat(s->path, &sb) == 0) {
		int mode = sb.st_mode & 0777;
		snprintf(buf, sizeof buf, "%o", mode);
		line(N_("permissions"), _(" — the file is world-writable; chmod 660 it"), !(mode & 0002), buf);
	}
	snprintf(buf, sizeof buf, _("%d (this chorus knows up to %d)"), s->schema_version, store_schema_latest());
	line(N_("schema"), "", s->schema_version <= store_schema_latest(), buf);
	char org[256] = "";
	store_meta_get(s, "organisation", org, sizeof org);
	line(N_("organisation"), "", 1, org);
	char clock[16] = "";
	int fixed_file = store_meta_get(s, "clock", clock, sizeof clock) && strcmp(clock, "fixed") == 0;
	line(N_("clock"), "", 1, fixed_file ? store_clock_fixed() ? _("fixed by CHORUS_NOW (created under a fixed clock)")
						       : _("real time (created under a fixed clock; CHORUS_NOW not set)")
			   : getenv(NT_("CHORUS_NOW")) && *getenv(NT_("CHORUS_NOW"))
			   ? _("real time (CHORUS_NOW ignored: not created under a fixed clock)") : _("real time"));
	store_integrity(s, buf, sizeof buf);
	line(N_("integrity"), _(" — restore from a backup"), strcmp(buf, NT_("ok")) == 0, buf);
	store_end(s, CH_OK, NULL);
	int tampered = audit_lines(s, buf, sizeof buf);
	if (failures)
		printf(P_("%d problem found\n", "%d problems found\n", failures), failures);
	return tampered ? CH_TAMPERED : failures ? CH_FAILED : CH_OK;
}

const struct cli_command cmd_doctor = {
	"doctor", N_("[--set-mode local|share] [--break-lock]"),
	N_("check the database: place, filesystem, mount, mode, journal, permissions, schema, clock, integrity, audit log"),
	N_("  (no option)          report, and exit 1 when a check failed, 5 when the audit\n"
	"                       log's hash chain is broken or its triggers are missing\n"
	"  --set-mode MODE      convert the file to local (WAL) or share (rollback journal,\n"
	"                       share-mode lock); run it where no one else has the file open\n"
	"  --break-lock         remove share mode's lock when it is abandoned: its holder is\n"
	"                       a gone process of this machine, or its heartbeat stands still\n"
	"                       while doctor watches (up to 20 s); a live holder's is kept\n"),
	run,
};
