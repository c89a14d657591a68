/* store.c — the one SQLite file: where it is, how it is opened in each
 * deployment mode, its migrations, and the transactions everything else uses. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>
#include "chorus/audit.h"
#include "chorus/store.h"
#include "chorus/sharelock.h"
#include "core.h"
#include "schema.h"
#include "store_test.h"

static long injected_fs;

void store_fs_inject(long type) { injected_fs = type; }

static const struct { long type; const char *name; int network; } filesystems[] = {
	{ 0x6969,     "nfs",   1 }, { 0x517B,     "smb",   1 },
	{ 0xFF534D42, "cifs",  1 }, { 0xFE534D42, "smb2",  1 },
	{ 0x65735546, "fuse",  1 }, { 0x01021997, "9p",    1 },
	{ 0x00C36400, "ceph",  1 }, { 0x5346414F, "afs",   1 },
	{ 0x6B414653, "afs",   1 }, { 0x73757245, "coda",  1 },
	{ 0xEF53,     "ext4",  0 }, { 0x58465342, "xfs",   0 },
	{ 0x9123683E, "btrfs", 0 }, { 0x01021994, "tmpfs", 0 },
	{ 0x794C7630, "overlayfs", 0 }, { 0x2FC12FC1, "zfs", 0 },
	{ 0xF2F52010, "f2fs",  0 },
};

/* --- the mount under the file ------------------------------------------ */

#define FS_FUSE 0x65735546

/* mountinfo writes a space as \040 (and tab, newline, backslash likewise). */
static void unescape_octal(char *s)
{
	char *out = s;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = 0;
}

/* Is mount point p the directory d or one above it? */
static size_t mount_covers(const char *p, const char *d)
{
	size_t n = strlen(p);
	if (strcmp(p, "/") == 0)
		return 1;
	return strncmp(p, d, n) == 0 && (d[n] == '/' || d[n] == 0) ? n : 0;
}

/* The mount that holds dir, from /proc/self/mountinfo: its mount point, its
 * type ("fuse.sshfs", "nfs4", "cifs") and its options (the mount's and the
 * filesystem's, comma-separated).  0 when there is no mountinfo or no match. */
int store_mount_of(const char *dir, struct store_mount *m)
{
	char real[PATH_MAX], line[3 * PATH_MAX];
	memset(m, 0, sizeof *m);
	if (!realpath(dir, real))
		return 0;
	FILE *f = fopen("/proc/self/mountinfo", "r");
	if (!f)
		return 0;
	size_t best = 0;
	while (fgets(line, sizeof line, f)) {
		/* ID PARENT MAJ:MIN ROOT POINT OPTS [TAGS...] - TYPE SOURCE SUPEROPTS */
		char *field[6], *save = NULL, *p = line;
		int n = 0;
		while (n < 6 && (field[n] = strtok_r(p, " \n", &save)) != NULL) {
			p = NULL;
			n++;
		}
		if (n < 6)
			continue;
		char *dash;
		while ((dash = strtok_r(NULL, " \n", &save)) != NULL && strcmp(dash, "-") != 0)
			;
		char *type = dash ? strtok_r(NULL, " \n", &save) : NULL;
		char *source = type ? strtok_r(NULL, " \n", &save) : NULL;
		char *super = source ? strtok_r(NULL, " \n", &save) : NULL;
		if (!super)
			continue;
		unescape_octal(field[4]);
		size_t cover = mount_covers(field[4], real);
		/* >=: of mounts stacked on one point, the last one listed is on top */
		if (!cover || cover < best)
			continue;
		best = cover;
		snprintf(m->point, sizeof m->point, "%s", field[4]);
		snprintf(m->type, sizeof m->type, "%s", type);
		unescape_octal(source);
		snprintf(m->source, sizeof m->source, "%s", source);
		snprintf(m->options, sizeof m->options, "%s,%s", field[5], super);
	}
	fclose(f);
	return best > 0;
}

/* Is arg the mount point, as written on a command line ("/mnt/x/" too)? */
static int same_point(const char *arg, const char *point)
{
	size_t n = strlen(point);
	return strncmp(arg, point, n) == 0 && (arg[n] == 0 || (arg[n] == '/' && arg[n + 1] == 0));
}

/* What chorus needs of each kind of network mount, one rule a line.  opt:
 * the option as mountinfo or the sshfs command line shows it ("a|b": any one
 * of them; the first is the one to advise).  A broken rule gives its verdict:
 * UNSAFE (data cached across opens: a machine reads pages another has since
 * changed, so the file is not opened at all), RISKY (a file another machine
 * made or removed can look otherwise here: opened read-only), SLOW (safe,
 * but writers wait: a warning).  man/chorus.1 (NETWORK SHARES) and README
 * must say the same (test_mount reads them). */
enum { FORBID, REQUIRE };
static const struct mount_rule {
	const char *type, *opt;
	int require, verdict;
	const char *why;
} mount_rules[] = {
	{ "fuse.sshfs", "kernel_cache", FORBID, STORE_CACHE_UNSAFE,
	  "keeps file data in the kernel's cache across opens" },
	{ "fuse.sshfs", "auto_cache", FORBID, STORE_CACHE_UNSAFE,
	  "trusts cached file data while the modification time looks the same" },
	{ "fuse.sshfs", "dir_cache=no|cache=no|dcache_timeout=0|cache_timeout=0", REQUIRE, STORE_CACHE_SLOW,
	  "sshfs caches directory entries, so a lock another machine has released can look held here "
	  "for up to 20 s and writes wait and fail busy" },
	{ "nfs|nfs4", "nocto", FORBID, STORE_CACHE_UNSAFE,
	  "does not check for other machines' changes when a file is opened" },
	{ "nfs|nfs4", "lookupcache=pos|lookupcache=positive|lookupcache=none", REQUIRE, STORE_CACHE_RISKY,
	  "NFS remembers that a file was absent, so the journal of a client that crashed while writing "
	  "can go unseen here and a write would build on its half-written pages" },
	{ "cifs|smb3", "cache=loose", FORBID, STORE_CACHE_UNSAFE,
	  "trusts cached file data that another machine may have changed" },
};
#define NRULES (sizeof mount_rules / sizeof mount_rules[0])

/* Which of opt's alternatives ("a|b") the list has: its length and start, or NULL. */
static const char *has_any(const char *list, const char *opt, size_t *len)
{
	for (const char *a = opt; *a; a += strcspn(a, "|"), a += *a == '|') {
		*len = strcspn(a, "|");
		for (const char *p = list; p && *p; p += strcspn(p, ","), p += *p == ',')
			if (strcspn(p, ",") == *len && strncmp(p, a, *len) == 0)
				return a;
	}
	return NULL;
}

/* Is type one of the rule's types ("nfs|nfs4")? */
static int rule_for(const struct mount_rule *r, const char *type)
{
	size_t len;
	return has_any(type, r->type, &len) != NULL;
}

/* "with -o A,B and without C or D": what a mount of type must have. */
static void rules_text(const char *type, int require, const char *sep, char *out, size_t n)
{
	out[0] = 0;
	for (size_t i = 0; i < NRULES; i++)
		if (rule_for(&mount_rules[i], type) && mount_rules[i].require == require) {
			size_t l = strlen(out);
			snprintf(out + l, n - l, "%s%.*s", l ? sep : "", (int)strcspn(mount_rules[i].opt, "|"),
				 mount_rules[i].opt);
		}
}

const char *store_sshfs_options(void)
{
	static char opts[256];
	rules_text("fuse.sshfs", REQUIRE, ",", opts, sizeof opts);
	return opts;
}

/* Is this program name (a path) sshfs, or the name mount(8) starts it by? */
static int sshfs_name(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	return strcmp(base, "sshfs") == 0 || strcmp(base, "mount.fuse.sshfs") == 0 ||
	       strcmp(base, "mount.sshfs") == 0;
}

/* Is this process an sshfs?  By its program (also when mount(8) started it
 * the fstab way, as /sbin/mount.fuse.sshfs, a link to sshfs), or by the name
 * it was started with (another user's process, whose program is hidden). */
static int is_sshfs(const char *pid, const char *argv0)
{
	char path[300], exe[PATH_MAX];
	snprintf(path, sizeof path, "/proc/%s/exe", pid);
	ssize_t n = readlink(path, exe, sizeof exe - 1);
	if (n > 0)
		exe[n] = 0;
	return (n > 0 && sshfs_name(exe)) || sshfs_name(argv0);
}

/* The mount point a process was given, as mountinfo shows it: from the
 * process's working directory when relative, through symlinks.  Only the
 * directories above the point are resolved: the point itself is the mount,
 * and looking at a hung one would wait for ever. */
static int canonical_point(const char *pid, const char *arg, char *out, size_t n)
{
	char full[PATH_MAX], real[PATH_MAX];
	size_t l = 0, al = strlen(arg);
	if (arg[0] != '/') {
		char link[300];
		snprintf(link, sizeof link, "/proc/%s/cwd", pid);
		ssize_t k = readlink(link, full, sizeof full - 1);
		if (k <= 0)
			return 0;
		l = (size_t)k;
		full[l++] = '/';
	}
	if (l + al >= sizeof full)
		return 0;
	memcpy(full + l, arg, al + 1);
	l += al;
	while (l > 1 && full[l - 1] == '/')
		full[--l] = 0;
	char *slash = strrchr(full, '/');
	const char *last = slash + 1;
	if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
		if (!realpath(full, real) || strlen(real) >= n)
			return 0;
		memcpy(out, real, strlen(real) + 1);
		return 1;
	}
	*slash = 0;
	if (!realpath(full[0] ? full : "/", real))
		return 0;
	size_t rl = strcmp(real, "/") == 0 ? 0 : strlen(real), ll = strlen(last);
	if (rl + 1 + ll >= n)
		return 0;
	memcpy(out, real, rl);
	out[rl] = '/';
	memcpy(out + rl + 1, last, ll + 1);
	return 1;
}

/* sshfs keeps its own options to itself (the kernel sees none of them): read
 * them from the command line of the sshfs process serving the mount, found by
 * its mount point (as typed, or resolved: relative, through a symlink), or
 * else by its source, when every process with that source has the same
 * options.  1 when found, its -o options joined into opts. */
static int sshfs_options(const struct store_mount *m, char *opts, size_t olen)
{
	DIR *d = opendir("/proc");
	if (!d)
		return 0;
	int by_point = 0, by_source = 0, differ = 0;
	char mine[sizeof m->options] = "", other[sizeof m->options] = "";
	struct dirent *de;
	while (!by_point && (de = readdir(d)) != NULL) {
		if (strspn(de->d_name, "0123456789") != strlen(de->d_name))
			continue;
		char path[300], argv[8192];
		snprintf(path, sizeof path, "/proc/%s/cmdline", de->d_name);
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		ssize_t n = read(fd, argv, sizeof argv - 1);
		close(fd);
		if (n <= 0)
			continue;
		argv[n] = 0;
		if (!is_sshfs(de->d_name, argv))
			continue;
		char these[sizeof m->options] = "", real[PATH_MAX];
		int point = 0, source = 0, skip = 1;   /* argv[0] */
		for (char *a = argv; a < argv + n; a += strlen(a) + 1) {
			const char *o = skip == 2 ? a : strncmp(a, "-o", 2) == 0 && a[2] ? a + 2 : NULL;
			int was = skip;
			/* -o OPTS, -p PORT, -F FILE take the next word */
			skip = strcmp(a, "-o") == 0 ? 2 : strcmp(a, "-p") == 0 || strcmp(a, "-F") == 0;
			if (o) {
				size_t l = strlen(these);
				if (l + 2 < sizeof these)   /* what does not fit is left out */
					snprintf(these + l, sizeof these - l, "%s%.*s", l ? "," : "",
						 (int)(sizeof these - l - 2), o);
			} else if (was || a[0] == '-') {
				;
			} else if (same_point(a, m->point)) {
				point = 1;
			} else if (m->source[0] && strcmp(a, m->source) == 0) {
				source = 1;
			} else if (!strchr(a, ':') && canonical_point(de->d_name, a, real, sizeof real) &&
				   strcmp(real, m->point) == 0) {
				point = 1;
			}
		}
		if (point) {
			by_point = 1;
			snprintf(mine, sizeof mine, "%s", these);
		} else if (source) {
			differ |= by_source++ && strcmp(other, these) != 0;
			snprintf(other, sizeof other, "%s", these);
		}
	}
	closedir(d);
	if (!by_point && (!by_source || differ))
		return 0;
	snprintf(opts, olen, "%s", by_point ? mine : other);
	return 1;
}

/* Will every machine read what the others wrote, and see a lock go?  chorus
 * opens the file anew for each transaction; the options that keep file data
 * cached across opens make a second machine read stale pages, and a write
 * built on them corrupts the file (measured with sshfs -o kernel_cache:
 * malformed within a minute).  The rules are mount_rules above. */
int store_mount_cache(const struct store_mount *m, char *why, size_t n)
{
	int sshfs = strcmp(m->type, "fuse.sshfs") == 0;
	char opts[sizeof m->options], need[256], never[256];
	snprintf(opts, sizeof opts, "%s", m->options);
	rules_text(m->type, REQUIRE, ",", need, sizeof need);
	rules_text(m->type, FORBID, " or ", never, sizeof never);
	if (sshfs && !sshfs_options(m, opts, sizeof opts)) {
		snprintf(why, n, "the sshfs process serving %s is not visible from here (another PID namespace "
			 "or container, or /proc mounted with hidepid), so its options are unknown: it must run "
			 "with -o %s and without %s; chorus opens the file read-only; run chorus where that "
			 "process can be seen, or mount the share where chorus runs", m->point, need, never);
		return STORE_CACHE_UNKNOWN;
	}
	const struct mount_rule *worst = NULL;
	for (size_t i = 0; i < NRULES; i++) {
		const struct mount_rule *r = &mount_rules[i];
		size_t len;
		if (!rule_for(r, m->type) || (has_any(opts, r->opt, &len) != NULL) == r->require)
			continue;
		if (!worst || r->verdict > worst->verdict)
			worst = r;
	}
	int first = worst ? (int)strcspn(worst->opt, "|") : 0;
	if (worst && !worst->require) {
		snprintf(why, n, "the %s mount at %s has option %s, which %s: this machine can read pages another "
			 "machine has since changed, and a write built on them corrupts the file; remount it without %s",
			 m->type, m->point, worst->opt, worst->why, worst->opt);
		return worst->verdict;
	}
	if (worst) {
		snprintf(why, n, "the %s mount at %s lacks -o %.*s: %s; %sremount it with -o %.*s",
			 m->type, m->point, first, worst->opt, worst->why,
			 worst->verdict == STORE_CACHE_RISKY ? "chorus opens the file read-only through it; " : "",
			 first, worst->opt);
		return worst->verdict;
	}
	/* what it has: the option that met each requirement, and what it lacks */
	char have[256] = "";
	for (size_t i = 0; i < NRULES; i++) {
		size_t len, l = strlen(have);
		const char *a;
		if (rule_for(&mount_rules[i], m->type) && mount_rules[i].require &&
		    (a = has_any(opts, mount_rules[i].opt, &len)) != NULL)
			snprintf(have + l, sizeof have - l, "%.*s, ", (int)len, a);
	}
	snprintf(why, n, "%s at %s: %s%s%s", m->type, m->point, have, never[0] ? "without " : "",
		 never[0] ? never : "no known caching problem");
	return STORE_CACHE_SAFE;
}

/* A test said which filesystem to pretend (store_fs_inject, $CHORUS_FSTYPE):
 * then the real mount says nothing about it. */
static long fs_pretended(void)
{
	const char *env = getenv("CHORUS_FSTYPE");
	return injected_fs ? injected_fs : env && *env ? strtol(env, NULL, 0) : 0;
}

long store_fs_type(const char *dir, char *name, size_t namelen)
{
	long type = fs_pretended();
	int real = !type;
	if (real) {
		struct statfs sf;
		type = statfs(dir, &sf) == 0 ? (long)(unsigned long)(unsigned int)sf.f_type : 0;
	}
	if (name) {
		snprintf(name, namelen, "0x%lx", type);
		for (size_t i = 0; i < sizeof filesystems / sizeof filesystems[0]; i++)
			if (filesystems[i].type == type)
				snprintf(name, namelen, "%s", filesystems[i].name);
		/* FUSE is many filesystems: mountinfo names this one (fuse.sshfs) */
		struct store_mount m;
		if (real && type == FS_FUSE && store_mount_of(dir, &m) && strncmp(m.type, "fuse.", 5) == 0)
			snprintf(name, namelen, "%s", m.type);
	}
	return type;
}

int store_fs_is_network(long type)
{
	for (size_t i = 0; i < sizeof filesystems / sizeof filesystems[0]; i++)
		if (filesystems[i].type == type)
			return filesystems[i].network;
	return 0;
}

const char *store_mode_name(enum store_mode m)
{
	return m == STORE_MODE_LOCAL ? "local" : m == STORE_MODE_SHARE ? "share" : "none";
}

int store_schema_latest(void)
{
	return schema_migrations[schema_nmigrations - 1].version;
}

const char *store_os_login(void)
{
	static char login[64];
	struct passwd *pw = getpwuid(getuid());
	snprintf(login, sizeof login, "%s", pw ? pw->pw_name : "");
	return login;
}

/* n ASCII digits at p (stops at the terminating NUL). */
static int digits_at(const char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

int64_t store_parse_time(const char *text)
{
	if (!text || !*text)
		return -1;
	size_t n = strspn(text, "0123456789");
	if (text[n] == 0 && n > 8)
		return strtoll(text, NULL, 10);
	struct tm tm = {0};
	int y, mo, d, h = 0, mi = 0, s = 0;
	/* Fixed widths of plain digits: sscanf alone would take " 1" or "+1". */
	if (!digits_at(text, 4) || text[4] != '-' || !digits_at(text + 5, 2) || text[7] != '-' ||
	    !digits_at(text + 8, 2))
		return -1;
	y = atoi(text); mo = atoi(text + 5); d = atoi(text + 8);
	const char *rest = text + 10;
	if (*rest == 'T' || *rest == ' ') {
		if (!digits_at(rest + 1, 2) || rest[3] != ':' || !digits_at(rest + 4, 2))
			return -1;
		h = atoi(rest + 1);
		mi = atoi(rest + 4);
		rest += 6;
		if (*rest == ':') {
			if (!digits_at(rest + 1, 2))
				return -1;
			s = atoi(rest + 1);
			rest += 3;
		}
		if (*rest == 'Z')
			rest++;
	}
	if (*rest || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return -1;
	tm.tm_year = y - 1900; tm.tm_mon = mo - 1; tm.tm_mday = d;
	tm.tm_hour = h; tm.tm_min = mi; tm.tm_sec = s;
	int64_t t = (int64_t)timegm(&tm);
	struct tm back;
	time_t tt = (time_t)t;
	gmtime_r(&tt, &back);
	if (back.tm_mday != d)   /* 2026-02-31 */
		return -1;
	return t;
}

void store_time_str(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		memset(&tm, 0, sizeof tm);
	strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

static int64_t fixed_clock;

void store_clock_set(int64_t t) { fixed_clock = t; }

/* CHORUS_NOW is honoured until a database is opened, and then only when that
 * database was itself created under a fixed clock (meta clock = fixed, set
 * by store_create): tests and demos stay reproducible, while a member of a
 * real organisation cannot date what they write at will. */
static int env_clock_ok = 1;

/* $CHORUS_NOW as seconds; -1 when unset or not a time. */
static int64_t env_clock(void)
{
	const char *env = getenv("CHORUS_NOW");
	return env && *env ? store_parse_time(env) : -1;
}

int store_clock_fixed(void)
{
	return env_clock_ok && env_clock() >= 0;
}

int64_t store_now(void)
{
	if (fixed_clock)
		return fixed_clock;
	int64_t t = env_clock_ok ? env_clock() : -1;
	return t >= 0 ? t : (int64_t)time(NULL);
}

/* --- paths ------------------------------------------------------------- */

int store_default_path(const char *opt, char *out, size_t outlen, struct err *e)
{
	const char *env = getenv("CHORUS_DB");
	if (opt && *opt)
		snprintf(out, outlen, "%s", opt);
	else if (env && *env)
		snprintf(out, outlen, "%s", env);
	else {
		const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
		if (xdg && *xdg)
			snprintf(out, outlen, "%s/chorus/chorus.db", xdg);
		else if (home && *home)
			snprintf(out, outlen, "%s/.local/share/chorus/chorus.db", home);
		else
			return err_set(e, CH_INVALID, "no database path: set --db, $CHORUS_DB or $HOME");
	}
	return CH_OK;
}

static void dir_of(const char *path, char *dir, size_t len)
{
	snprintf(dir, len, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, len, ".");
	else if (slash == dir)
		dir[1] = 0;
	else
		*slash = 0;
}

void store_dir_of(const char *path, char *dir, size_t len)
{
	dir_of(path, dir, len);
}

int store_mount_check(const char *path, char *note, size_t n)
{
	char dir[PATH_MAX];
	struct store_mount m;
	note[0] = 0;
	char fs[32];
	dir_of(path, dir, sizeof dir);
	if (fs_pretended() || !store_fs_is_network(store_fs_type(dir, fs, sizeof fs)))
		return -1;
	/* A network filesystem whose mount cannot be looked at (no /proc here):
	 * nothing says it is safe. */
	if (!store_mount_of(dir, &m)) {
		snprintf(note, n, "%s is on a network filesystem (%s) but /proc/self/mountinfo cannot be read "
			 "here, so how it is mounted is unknown; chorus opens the file read-only; run chorus "
			 "where /proc is mounted", path, fs);
		return STORE_CACHE_UNKNOWN;
	}
	return store_mount_cache(&m, note, n);
}

/* --- connections ------------------------------------------------------- */

int store_sql_error(struct store *s, int rc, const char *what, struct err *e)
{
	const char *m = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	int prim = rc & 0xff;
	if ((rc & 0xffff) == SQLITE_IOERR_LOCK && s && s->mode == STORE_MODE_SHARE && sharelock_error()[0])
		return err_set(e, CH_UNUSABLE, "%s: %s", what, sharelock_error());
	int lost = 0;
	if (s && s->mode == STORE_MODE_SHARE && s->db)
		sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_LOST, &lost);
	if (((rc & 0xffff) == SQLITE_IOERR_LOCK || lost) && s && s->mode == STORE_MODE_SHARE)
		return err_set(e, CH_BUSY, "%s: the lock %s.lock was taken from this chorus while it worked "
			       "(another machine judged it abandoned); nothing was saved; try again", what, s->path);
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) {
		struct sharelock_holder h;
		char who[PATH_MAX + 400];
		if (s && s->mode == STORE_MODE_SHARE && sharelock_look(s->path, &h)) {
			sharelock_describe(&h, s->path, who, sizeof who);
			int st = err_set(e, CH_BUSY, "%s: the database is busy: %s; try again%s", what, who,
					 h.abandoned ? " (the next writer clears an abandoned lock by itself)" : "");
			if (e)
				e->kind = ERR_LOCKED;
			return st;
		}
		int st = err_set(e, CH_BUSY, "%s: the database is busy (another chorus is writing); try again", what);
		if (e)
			e->kind = ERR_LOCKED;
		return st;
	}
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
		return err_set(e, CH_UNUSABLE, "%s: %s is damaged (%s); run chorus doctor", what,
			       s ? s->path : "the database", m);
	if (prim == SQLITE_READONLY)
		return err_set(e, CH_UNUSABLE, "%s: the database is read-only here%s%s", what,
			       s && s->ro_reason[0] ? ": " : "", s ? s->ro_reason : "");
	/* SQLite's "unable to open database file" names no file: most often a
	 * side file another user made that this one may not open. */
	if (prim == SQLITE_CANTOPEN && s)
		return err_set(e, CH_UNUSABLE, "%s: %s: cannot open %s or a side file of it (-journal, -wal, "
			       "-shm); chorus doctor shows who may use them and the fix", what, m, s->path);
	if (prim == SQLITE_FULL || prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN)
		return err_set(e, CH_UNUSABLE, "%s: %s", what, m);
	if (prim == SQLITE_CONSTRAINT)
		return err_set(e, CH_INVALID, "%s: %s", what, m);
	return err_set(e, CH_UNUSABLE, "%s: %s", what, m);
}

int store_exec(struct store *s, const char *sql, struct err *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? CH_OK : store_sql_error(s, rc, "database", e);
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		store_sql_error(s, rc, "preparing a query", e);
		return NULL;
	}
	return st;
}

/* CHORUS_SQL_LOG=FILE (for make bench): every statement a connection runs is
 * appended to FILE with its parameters filled in, one per line ending in ';',
 * so that the sqlite3 shell can run exactly the same queries.  Statements of
 * triggers are left out: the statement that fired them stands for them. */
static int sql_log(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	if (type != SQLITE_TRACE_STMT || (x && strncmp(x, "--", 2) == 0))
		return 0;
	static FILE *f;
	if (!f) {
		f = fopen(getenv("CHORUS_SQL_LOG"), "a");
		if (!f)
			return 0;
	}
	char *sql = sqlite3_expanded_sql(p);
	if (sql) {
		size_t n = strlen(sql);
		while (n > 0 && (sql[n - 1] == ';' || sql[n - 1] == ' ' || sql[n - 1] == '\n'))
			sql[--n] = 0;
		for (char *c = sql; *c; c++)
			if (*c == '\n' || *c == '\t')
				*c = ' ';
		fprintf(f, "%s;\n", sql);
		fflush(f);
		sqlite3_free(sql);
	}
	return 0;
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Share mode's busy handler: wait up to busy_ms for the lock.  A holder
 * that showed no sign of life all that time (no heartbeat, not a running
 * process of this machine) is waited out until it counts as abandoned,
 * when the lock is broken and the wait ends (s->wait_abandoned; the TUI
 * does not wait, it retries on its timer and the same watch goes on). */
static int share_busy(void *ctx, int count)
{
	struct store *s = ctx;
	int64_t now = mono_ms();
	if (count == 0)
		s->busy_start = now;
	int64_t waited = now - s->busy_start;
	if (waited >= s->busy_ms) {
		struct sharelock_holder h;
		if (!s->wait_abandoned || !sharelock_look(s->path, &h))
			return !s->wait_abandoned ? 0 : 1;
		/* still the holder we began waiting for, and no heartbeat since */
		if (h.alive == 1 || h.silent_ms + 50 < waited || waited > sharelock_stale_ms() + 2000)
			return 0;
	}
	int ms = count < 10 ? 5 * (count + 1) : 100;
	nanosleep(&(struct timespec){ .tv_sec = 0, .tv_nsec = ms * 1000000L }, NULL);
	return 1;
}

/* Open a connection the way the recorded mode wants it. */
static int conn_open(struct store *s, int create, struct err *e)
{
	int flags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	const char *vfs = NULL;
	if (s->mode == STORE_MODE_SHARE) {
		if (sharelock_register() != SQLITE_OK)
			return err_set(e, CH_UNUSABLE, "internal: cannot set up share mode's lock");
		vfs = SHARELOCK_VFS;
	}
	int rc = sqlite3_open_v2(s->path, &s->db, flags | SQLITE_OPEN_NOMUTEX, vfs);
	if (rc != SQLITE_OK) {
		int st = store_sql_error(s, rc, "opening the database", e);
		sqlite3_close(s->db);
		s->db = NULL;
		return st;
	}
	if (s->mode == STORE_MODE_SHARE) {
		sqlite3_busy_handler(s->db, share_busy, s);
		int on = s->linger;
		sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_LINGER, &on);
		/* Over the network no page cached here is ever read for the file. */
		if (store_fs_is_network(s->fs_type) && !fs_pretended() &&
		    sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_DIRECT, NULL) != SQLITE_OK) {
			int st = err_set(e, CH_UNUSABLE, "%s: cannot open for direct I/O: %s", s->path, strerror(errno));
			sqlite3_close(s->db);
			s->db = NULL;
			return st;
		}
	}
	else
		sqlite3_busy_timeout(s->db, s->busy_ms);
	sqlite3_extended_result_codes(s->db, 1);
	if (getenv("CHORUS_SQL_LOG"))
		sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, sql_log, NULL);
	/* recursive_triggers: an INSERT OR REPLACE that would replace an event
	 * fires the append-only DELETE trigger too, so it is refused as well. */
	const char *pragmas = s->mode == STORE_MODE_SHARE
		? "PRAGMA foreign_keys=ON; PRAGMA recursive_triggers=ON; PRAGMA synchronous=FULL;"
		: "PRAGMA foreign_keys=ON; PRAGMA recursive_triggers=ON; PRAGMA synchronous=NORMAL;";
	int st = store_exec(s, pragmas, e);
	if (st != CH_OK) {
		/* busy (share mode: another client holds the lock): no
		 * caller closes a connection that failed to open */
		sqlite3_close(s->db);
		s->db = NULL;
	}
	return st;
}

static void conn_close(struct store *s)
{
	if (s->db) {
		sqlite3_close(s->db);
		s->db = NULL;
	}
}

/* --- transactions ------------------------------------------------------ */

int store_begin(struct store *s, int write, struct err *e)
{
	if (write && s->readonly)
		return err_set(e, CH_UNUSABLE, "the database is open read-only: %s", s->ro_reason);
	if (s->depth++ > 0) {
		if (write && !s->writing) {
			s->depth--;
			return err_set(e, CH_INVALID, "internal: a write inside a read transaction");
		}
		return CH_OK;
	}
	s->failed = 0;
	s->writing = write;
	int st = CH_OK;
	if (s->mode == STORE_MODE_SHARE && !s->db)
		st = conn_open(s, 0, e);
	if (st == CH_OK)
		st = store_exec(s, write ? "BEGIN IMMEDIATE" : "BEGIN", e);
	if (st != CH_OK) {
		s->depth = 0;
		if (s->mode == STORE_MODE_SHARE)
			conn_close(s);
	}
	return st;
}

int store_end(struct store *s, int status, struct err *e)
{
	if (s->depth <= 0)
		return status;
	if (status != CH_OK && !s->failed)
		s->failed = status;
	if (--s->depth > 0)
		return status;
	/* A nested part of a write failed: everything is rolled back, so the
	 * whole failed, even when the outermost caller's own part went well. */
	int st = status != CH_OK ? status : s->failed && s->writing ? s->failed : CH_OK;
	if (!s->failed) {
		if (s->writing)
			st = store_exec(s, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'", e);
		if (st == CH_OK) {
			int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
			/* What failed is the saving of the whole change; the rollback
			 * below leaves the file as it was. */
			if (rc != SQLITE_OK)
				st = store_sql_error(s, rc, s->writing ? "saving the change (nothing was saved)"
								      : "reading the database", e);
		}
	}
	if (s->failed || st != CH_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->writing = 0;
	s->failed = 0;
	if (s->mode == STORE_MODE_SHARE && !s->linger)
		conn_close(s);
	return st;
}

/* --- meta and settings --------------------------------------------------- */

static int kv_get(struct store *s, const char *sql, const char *key, char *out, size_t outlen)
{
	int found = 0;
	out[0] = 0;
	if (store_begin(s, 0, NULL) != CH_OK)
		return 0;
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	if (st) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			core_copy(out, outlen, st, 0);   /* never cut inside a character */
			found = 1;
		}
		sqlite3_finalize(st);
	}
	store_end(s, CH_OK, NULL);
	return found;
}

int store_meta_get(struct store *s, const char *key, char *out, size_t outlen)
{
	return kv_get(s, "SELECT value FROM meta WHERE key = ?", key, out, outlen);
}

int store_setting_get(struct store *s, const char *key, char *out, size_t outlen)
{
	return kv_get(s, "SELECT value FROM settings WHERE key = ?", key, out, outlen);
}

static int kv_put(struct store *s, const char *table_sql, const char *key, const char *value, struct err *e)
{
	sqlite3_stmt *st = store_prepare(s, table_sql, e);
	if (!st)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CH_OK : store_sql_error(s, rc, "saving a setting", e);
}

int store_setting_set(struct store *s, const char *key, const char *value, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	st = kv_put(s, "INSERT INTO settings(key, value) VALUES(?, ?) "
		       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value, e);
	return store_end(s, st, e);
}

int64_t store_change_signal(struct store *s)
{
	int64_t v = -1;
	const char *sql = s->mode == STORE_MODE_SHARE
		? "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'"
		: "PRAGMA data_version";
	if (s->depth > 0)
		return -1;
	if (s->mode == STORE_MODE_SHARE && conn_open(s, 0, NULL) != CH_OK)
		return -1;
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (s->mode == STORE_MODE_SHARE)
		conn_close(s);
	return v;
}

/* --- migrations ---------------------------------------------------------- */

static int read_user_version(struct store *s)
{
	int v = -1;
	sqlite3_stmt *st = store_prepare(s, "PRAGMA user_version", NULL);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Bring the schema up to `target` in one BEGIN IMMEDIATE transaction, reading
 * the version again inside it: another client may have migrated meanwhile. */
int store_migrate_to(struct store *s, int target, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	int v = read_user_version(s);
	for (int i = 0; st == CH_OK && i < schema_nmigrations; i++) {
		const struct migration *m = &schema_migrations[i];
		if (m->version <= v || m->version > target)
			continue;
		st = store_exec(s, m->sql, e);
		if (st == CH_OK && m->after)
			st = m->after(s, e);
		if (st == CH_OK) {
			char sql[128];
			/* PRAGMA takes no parameters; the number is ours, not input. */
			snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
				 m->version, STORE_APPLICATION_ID);
			st = store_exec(s, sql, e);
		}
		if (st == CH_OK)
			st = kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?) "
				       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				    "requires_chorus", m->chorus, e);
		if (st == CH_OK)
			v = m->version;
	}
	if (st == CH_OK && v >= 1) {
		/* a fresh schema has no revision yet */
		st = kv_put(s, "INSERT OR IGNORE INTO meta(key, value) VALUES(?, ?)", "revision", "0", e);
	}
	st = store_end(s, st, e);
	if (st == CH_OK)
		s->schema_version = v;
	return st;
}

/* --- create and open ----------------------------------------------------- */

static void remove_files(const char *path)
{
	static const char *suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[PATH_MAX + 16];
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

static int check_dir(const char *path, int need_write, struct err *e)
{
	char dir[PATH_MAX];
	struct stat sb;
	dir_of(path, dir, sizeof dir);
	if (stat(dir, &sb) != 0)
		return err_set(e, CH_INVALID, "%s: the directory %s does not exist", path, dir);
	if (!S_ISDIR(sb.st_mode))
		return err_set(e, CH_INVALID, "%s: %s is not a directory", path, dir);
	if (need_write && access(dir, W_OK | X_OK) != 0)
		return err_set(e, CH_INVALID, "%s: the directory %s is not writable", path, dir);
	return CH_OK;
}

static int insert_person(struct store *s, const char *login, const char *name, int roles,
			 int enrol, int64_t *id, struct err *e)
{
	int64_t now = store_now();
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO people(login, name, roles, created_at, updated_at) VALUES(?, ?, ?, ?, ?)", e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name && *name ? name : login, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, roles);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sql_error(s, rc, "adding the master", e);
	int64_t pid = sqlite3_last_insert_rowid(s->db);
	/* The audit log records every change, an open enrolment too: an unknown
	 * login became a publisher by running chorus, and nothing else says so. */
	if (enrol) {
		char roles_text[64];
		store_roles_format(roles, roles_text, sizeof roles_text);
		struct json j;
		json_init(&j);
		json_str(&j, "name", name && *name ? name : login);
		json_str(&j, "roles", roles_text);
		json_bool(&j, "active", 1);
		const char *detail = json_done(&j);
		int logged = detail ? audit_append(s, now, pid, 0, "person", pid, "enrol", detail, e)
				    : err_set(e, CH_UNUSABLE, "out of memory");
		json_free(&j);
		if (logged != CH_OK)
			return logged;
	}
	if (id)
		*id = pid;
	return CH_OK;
}

static int hold_lock_per_open;

void store_idle(struct store *s)
{
	if (s->mode != STORE_MODE_SHARE || !s->db || s->depth > 0 || !s->linger)
		return;
	int off = 0, on = 1;
	sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_LINGER, &off);
	sqlite3_file_control(s->db, "main", SHARELOCK_FCNTL_LINGER, &on);
}

void store_hold_lock_per_open(int on)
{
	hold_lock_per_open = on;
}

static void store_reset(struct store *s, const char *path)
{
	memset(s, 0, sizeof *s);
	snprintf(s->path, sizeof s->path, "%s", path);
	s->mount_cache = -1;
	s->busy_ms = 5000;
	s->wait_abandoned = 1;
	s->linger = hold_lock_per_open;
	const char *b = getenv("CHORUS_BUSY_MS");
	if (b && *b)
		s->busy_ms = atoi(b);
}

int store_create(struct store *s, const char *path, enum store_mode mode,
		 const char *org, const char *master_login, const char *master_name,
		 struct err *e)
{
	store_reset(s, path);
	int st = check_dir(path, 1, e);
	if (st != CH_OK)
		return st;
	s->mount_cache = store_mount_check(path, s->mount_note, sizeof s->mount_note);
	if (s->mount_cache == STORE_CACHE_UNSAFE || s->mount_cache == STORE_CACHE_UNKNOWN ||
	    s->mount_cache == STORE_CACHE_RISKY)
		return err_set(e, CH_UNUSABLE, "%s: not created: %s", path, s->mount_note);
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof dir);
	s->fs_type = store_fs_type(dir, s->fs_name, sizeof s->fs_name);
	if (mode == STORE_MODE_LOCAL && store_fs_is_network(s->fs_type))
		return err_set(e, CH_FAILED, "%s: not created: local (WAL) mode needs every client on the "
			       "machine that holds the file, and this is a network filesystem (%s), where WAL "
			       "corrupts it; leave --mode out (share mode is chosen here), or run init on that "
			       "machine", path, s->fs_name);
	s->mode = mode != STORE_MODE_NONE ? mode
		: store_fs_is_network(s->fs_type) ? STORE_MODE_SHARE : STORE_MODE_LOCAL;

	/* O_EXCL: never overwrite; 0660 whatever the umask says (group-shared). */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660);
	if (fd < 0)
		return errno == EEXIST
			? err_set(e, CH_INVALID, "%s already exists; chorus init never overwrites a database", path)
			: err_set(e, CH_INVALID, "%s: cannot create: %s", path, strerror(errno));
	fchmod(fd, 0660);
	close(fd);

	st = conn_open(s, 0, e);
	if (st == CH_OK)
		st = store_exec(s, s->mode == STORE_MODE_SHARE ? "PRAGMA journal_mode=DELETE"
							       : "PRAGMA journal_mode=WAL", e);
	if (st == CH_OK)
		st = store_migrate_to(s, store_schema_latest(), e);
	if (st == CH_OK)
		st = store_begin(s, 1, e);
	if (st == CH_OK) {
		char created[32];
		snprintf(created, sizeof created, "%lld", (long long)store_now());
		st = kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?)", "organisation", org, e);
		if (st == CH_OK)
			st = kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?)", "mode", store_mode_name(s->mode), e);
		if (st == CH_OK)
			st = kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?)", "created_at", created, e);
		env_clock_ok = 1;
		if (st == CH_OK && env_clock() >= 0)
			st = kv_put(s, "INSERT INTO meta(key, value) VALUES(?, ?)", "clock", "fixed", e);
		if (st == CH_OK)
			st = insert_person(s, master_login, master_name,
					   ROLE_MASTER | ROLE_EDITOR | ROLE_CREATOR | ROLE_PUBLISHER, 0, NULL, e);
		st = store_end(s, st, e);
	}
	if (st != CH_OK) {
		conn_close(s);
		remove_files(path);
		return st;
	}
	if (s->mode == STORE_MODE_SHARE && !s->linger)
		conn_close(s);
	return CH_OK;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Is the file shorter than its header says?  The header's page count (offset
 * 28) is valid when version-valid-for (92) equals the change counter (24).  Not
 * while a -wal or -journal holds pages: a hot journal, or a writer at work.
 * The header is read before the side files are looked at: a writer in rollback
 * mode writes page 1 (with the new size) before it extends the file, and its
 * journal exists until it has finished. */
static int cut_short(const char *path, long long *size, unsigned long long *want)
{
	unsigned char h[100];
	struct stat sb;
	ssize_t n = sharelock_read_head(path, h, sizeof h, &sb);
	if (n < (ssize_t)sizeof h || be32(h + 24) != be32(h + 92))
		return 0;
	unsigned page = (unsigned)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	*size = (long long)sb.st_size;
	*want = (unsigned long long)page * be32(h + 28);
	if ((unsigned long long)sb.st_size >= *want)
		return 0;
	char side[PATH_MAX + 16];
	static const char *const suffix[] = { "-wal", "-journal" };
	for (size_t i = 0; i < 2; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		if (stat(side, &sb) == 0 && sb.st_size > 0)
			return 0;
	}
	return 1;
}

/* Look at the file before SQLite does: is it SQLite, is it ours, which journal
 * does it use (that decides the VFS), is it cut short? */
/* SQLite refuses a journal, WAL or shm file that is a symbolic link (one
 * planted there could point anywhere) and says only "unable to open database
 * file": name the file instead.  The share-mode lock directory likewise. */
static int side_files_ok(const char *path, struct err *e)
{
	static const char *const suffix[] = { "-journal", "-wal", "-shm", ".lock" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char side[PATH_MAX + 16];
		struct stat sb;
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		if (lstat(side, &sb) == 0 && S_ISLNK(sb.st_mode))
			return err_set(e, CH_UNUSABLE, "%s is a symbolic link: chorus never follows one beside "
				       "the database (someone may have planted it); remove it if no chorus is running", side);
	}
	return CH_OK;
}

static int inspect_header(struct store *s, int *wal, int *version, struct err *e)
{
	unsigned char h[100];
	struct stat sb = {0};
	ssize_t n = sharelock_read_head(s->path, h, sizeof h, &sb);
	if (n == -1)
		return errno == ENOENT
			? err_set(e, CH_UNUSABLE, "%s: no such database; create one with chorus init --org NAME", s->path)
			: err_set(e, CH_UNUSABLE, "%s: cannot open: %s", s->path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return err_set(e, CH_UNUSABLE, "%s is a directory, not a database", s->path);
	if (!S_ISREG(sb.st_mode))
		return err_set(e, CH_UNUSABLE, "%s is not a regular file (a FIFO, device or socket), not a database",
			       s->path);
	int st = side_files_ok(s->path, e);
	if (st != CH_OK)
		return st;
	if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return err_set(e, CH_UNUSABLE, "%s is not a chorus database (not an SQLite file)", s->path);
	/* Until the first checkpoint of a new WAL database, page 1 in the file is
	 * older than the database (application_id 0): then store_open asks SQLite. */
	uint32_t app = be32(h + 68);
	char walpath[PATH_MAX + 8];
	struct stat wb;
	snprintf(walpath, sizeof walpath, "%s-wal", s->path);
	if (app != STORE_APPLICATION_ID && !(app == 0 && stat(walpath, &wb) == 0 && wb.st_size > 0))
		return err_set(e, CH_UNUSABLE, "%s is an SQLite file but not a chorus database (application_id 0x%08x)",
			       s->path, app);
	*wal = h[18] == 2 && h[19] == 2;
	*version = (int)be32(h + 60);
	/* Truncated: looked at again before saying so, in case a writer finished
	 * between reading the header and finding no journal (see cut_short). */
	long long size = 0;
	unsigned long long want = 0;
	for (int tries = 0; cut_short(s->path, &size, &want); tries++) {
		if (tries == 2)
			return err_set(e, CH_UNUSABLE, "%s is truncated: %lld bytes, its header says %llu; "
				       "restore it from a backup", s->path, size, want);
		nanosleep(&(struct timespec){ .tv_nsec = 10000000 }, NULL);
	}
	return CH_OK;
}

/* Why a local-mode (WAL) file is not opened over a network filesystem, not
 * even read-only.  SQLite's WAL keeps its index in the -shm file, mapped into
 * the memory of every client, and coordinates them with POSIX locks; a FUSE
 * or NFS client shares neither with the machine that holds the file.  A
 * "read-only" connection there still opens -wal and -shm for writing (or
 * creates them), finds no other client holding the locks, and rebuilds the
 * index: it truncates the -shm the server has mapped and writes its own
 * (measured through sshfs: the server's writers then failed and the file
 * ended malformed).  And what it reads is no snapshot: the server checkpoints
 * pages into the file under it.  So nothing of SQLite touches the file. */
void store_wal_remote(const char *path, const char *fs_name, char *why, size_t n)
{
	snprintf(why, n,
		 "it is in local (WAL) mode and this is a network filesystem (%s): a client on another "
		 "machine cannot take part in WAL (even reading writes to its -shm and can damage the file "
		 "for the machine that holds it); run chorus on that machine (e.g. over ssh), or convert "
		 "the file to share mode with 'chorus --db %s doctor --set-mode share' "
		 "where no one else has it open", fs_name, path);
}

/* ro_why: open read-only for this reason (NULL: as the file and mount allow). */
static int open_file(struct store *s, const char *path, const char *ro_why, struct err *e)
{
	store_reset(s, path);
	if (ro_why) {
		s->readonly = 1;
		snprintf(s->ro_reason, sizeof s->ro_reason, "%s", ro_why);
	}
	int wal = 0, version = 0;
	int st = inspect_header(s, &wal, &version, e);
	if (st != CH_OK)
		return st;
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof dir);
	s->fs_type = store_fs_type(dir, s->fs_name, sizeof s->fs_name);
	s->mode = wal ? STORE_MODE_LOCAL : STORE_MODE_SHARE;
	if (s->mode == STORE_MODE_LOCAL && store_fs_is_network(s->fs_type)) {
		char why[PATH_MAX + 512];
		store_wal_remote(path, s->fs_name, why, sizeof why);
		return err_set(e, CH_UNUSABLE, "%s: not opened: %s", path, why);
	}
	/* Through a mount that serves stale pages even reading goes wrong (a
	 * consistent file looks damaged): say so and stop. */
	s->mount_cache = store_mount_check(path, s->mount_note, sizeof s->mount_note);
	if (s->mount_cache == STORE_CACHE_UNSAFE)
		return err_set(e, CH_UNUSABLE, "%s: not opened: %s", path, s->mount_note);
	/* Not known to be safe: look, but do not write. */
	if ((s->mount_cache == STORE_CACHE_UNKNOWN || s->mount_cache == STORE_CACHE_RISKY) && !s->readonly) {
		s->readonly = 1;
		snprintf(s->ro_reason, sizeof s->ro_reason, "%s", s->mount_note);
	}
	if (version > store_schema_latest()) {
		s->readonly = 1;
	}
	if (access(path, W_OK) != 0 && !s->readonly) {
		s->readonly = 1;
		snprintf(s->ro_reason, sizeof s->ro_reason, "%s is not writable by you", path);
	}
	st = conn_open(s, 0, e);
	if (st != CH_OK)
		return st;
	s->schema_version = read_user_version(s);
	if (s->schema_version < 0) {
		st = store_sql_error(s, sqlite3_errcode(s->db), "reading the schema", e);
		store_close(s);
		return st;
	}
	/* The header may be older than the WAL (a client still has it open):
	 * what SQLite reads is what counts. */
	sqlite3_stmt *q = store_prepare(s, "PRAGMA application_id", NULL);
	int arc = q ? sqlite3_step(q) : sqlite3_errcode(s->db);
	int app = arc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	if (arc != SQLITE_ROW) {
		/* busy (share mode: each statement takes the lock anew) is
		 * not "not a chorus database" */
		st = store_sql_error(s, arc, "reading the database header", e);
		store_close(s);
		return st;
	}
	if (app != STORE_APPLICATION_ID) {
		st = err_set(e, CH_UNUSABLE, "%s is an SQLite file but not a chorus database (application_id 0x%08x)",
			     path, (unsigned)app);
		store_close(s);
		return st;
	}
	version = s->schema_version;
	if (version > store_schema_latest()) {
		s->readonly = 1;
		char need[32];
		if (!store_meta_get(s, "requires_chorus", need, sizeof need))
			snprintf(need, sizeof need, "a newer version");
		snprintf(s->ro_reason, sizeof s->ro_reason,
			 "%s has schema version %d, this chorus %s knows up to %d: it needs chorus %s or later",
			 path, version, CHORUS_VERSION, store_schema_latest(), need);
		char probe[8];
		if (!store_meta_get(s, "mode", probe, sizeof probe)) {
			st = err_set(e, CH_UNUSABLE, "%s; this chorus cannot even read it", s->ro_reason);
			store_close(s);
			return st;
		}
	} else if (s->schema_version < store_schema_latest() && !s->readonly) {
		st = store_migrate_to(s, store_schema_latest(), e);
		if (st != CH_OK) {
			store_close(s);
			return st;
		}
	}
	char clock[16];
	env_clock_ok = store_meta_get(s, "clock", clock, sizeof clock) && strcmp(clock, "fixed") == 0;
	/* The recorded mode is the rule; the header is only how we found the VFS. */
	char mode[16];
	if (store_meta_get(s, "mode", mode, sizeof mode) &&
	    strcmp(mode, store_mode_name(s->mode)) != 0 && !s->readonly) {
		s->readonly = 1;
		snprintf(s->ro_reason, sizeof s->ro_reason,
			 "the file records mode %s but its journal says otherwise; run chorus doctor", mode);
	}
	if (s->mode == STORE_MODE_SHARE && !s->linger)
		conn_close(s);
	return CH_OK;
}

int store_open(struct store *s, const char *path, struct err *e)
{
	return open_file(s, path, NULL, e);
}

int store_open_readonly(struct store *s, const char *path, const char *why, struct err *e)
{
	return open_file(s, path, why, e);
}

void store_close(struct store *s)
{
	conn_close(s);
	s->depth = 0;
	if (s->hint_fd > 0)
		close(s->hint_fd - 1);
	s->hint_fd = 0;
}

/* --- identity and roles ---------------------------------------------------- */

int store_has_role(const struct store *s, int roles)
{
	return (s->my_roles & ROLE_MASTER) || (s->my_roles & roles) == roles;
}

static const char *role_names[] = { "master", "editor", "creator", "publisher" };

int store_roles_parse(const char *text)
{
	int roles = 0;
	const char *p = text;
	while (p && *p) {
		size_t n = strcspn(p, ", ");
		int found = 0;
		for (int i = 0; i < 4; i++)
			if (n == strlen(role_names[i]) && strncmp(p, role_names[i], n) == 0) {
				roles |= 1 << i;
				found = 1;
			}
		if (!found && n)
			return -1;
		p += n;
		p += strspn(p, ", ");
	}
	return roles;
}

void store_roles_format(int roles, char *out, size_t outlen)
{
	out[0] = 0;
	for (int i = 0; i < 4; i++)
		if (roles & (1 << i)) {
			size_t l = strlen(out);
			snprintf(out + l, outlen - l, "%s%s", l ? "," : "", role_names[i]);
		}
}

int store_require_role(const struct store *s, int roles, const char *doing, struct err *e)
{
	if (store_has_role(s, roles))
		return CH_OK;
	char need[64], have[64];
	store_roles_format(roles, need, sizeof need);
	store_roles_format(s->my_roles, have, sizeof have);
	return err_set(e, CH_FAILED, "%s needs the %s role; %s has %s", doing, need,
		       s->my_login, have[0] ? have : "no role");
}

static int lookup(struct store *s, const char *login, int64_t *id, int *roles, int *active,
		  char *name, size_t namelen)
{
	int found = 0;
	sqlite3_stmt *st = store_prepare(s, "SELECT id, roles, active, name FROM people WHERE login = ?", NULL);
	if (!st)
		return -sqlite3_errcode(s->db);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*roles = sqlite3_column_int(st, 1);
		*active = sqlite3_column_int(st, 2);
		snprintf(name, namelen, "%s", (const char *)sqlite3_column_text(st, 3));
		found = 1;
	} else if (rc != SQLITE_DONE) {
		found = -rc;   /* busy, say: not the same as "no such person" */
	}
	sqlite3_finalize(st);
	return found;
}

int store_identify(struct store *s, const char *login, const char *as, struct err *e)
{
	int64_t id = 0;
	int roles = 0, active = 0;
	char name[128] = "";
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	int found = lookup(s, login, &id, &roles, &active, name, sizeof name);
	char open_enrol[8] = "";
	if (!found)
		store_setting_get(s, "open_enrolment", open_enrol, sizeof open_enrol);
	store_end(s, CH_OK, NULL);
	if (found < 0)
		return store_sql_error(s, -found, "reading people", e);
	if (!found && strcmp(open_enrol, "true") == 0 && !s->readonly) {
		/* Look again inside the write transaction: a second session of the
		 * same login may have enrolled it a moment ago. */
		st = store_begin(s, 1, e);
		if (st == CH_OK && (found = lookup(s, login, &id, &roles, &active, name, sizeof name)) == 0) {
			st = insert_person(s, login, login, ROLE_PUBLISHER, 1, &id, e);
			roles = ROLE_PUBLISHER;
			active = 1;
			snprintf(name, sizeof name, "%s", login);
		}
		if (st == CH_OK && found < 0)
			st = store_sql_error(s, -found, "reading people", e);
		st = store_end(s, st, e);
		if (st != CH_OK)
			return st;
		found = 1;
	}
	if (!found)
		return err_set(e, CH_FAILED, "%s is not a member of this chorus programme; "
			       "ask a social master to run: chorus people add %s --name \"Your Name\"",
			       login, login);
	if (!active)
		return err_set(e, CH_FAILED, "%s is no longer active in this chorus programme; "
			       "ask a social master to run: chorus people set %s --active yes", login, login);
	s->actor = id;
	snprintf(s->actor_login, sizeof s->actor_login, "%s", login);
	s->me = id;
	s->my_roles = roles;
	snprintf(s->my_login, sizeof s->my_login, "%s", login);
	snprintf(s->my_name, sizeof s->my_name, "%s", name);
	if (!as || !*as || strcmp(as, login) == 0)
		return CH_OK;
	if (!(roles & ROLE_MASTER))
		return err_set(e, CH_FAILED, "--as %s: only a social master may act on behalf of someone; %s is not one",
			       as, login);
	st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	found = lookup(s, as, &id, &roles, &active, name, sizeof name);
	store_end(s, CH_OK, NULL);
	if (found < 0)
		return store_sql_error(s, -found, "reading people", e);
	if (found == 0)
		return err_set(e, CH_FAILED, "--as %s: no such person; add them with chorus people add %s", as, as);
	if (!active)
		return err_set(e, CH_FAILED, "--as %s: that person is no longer active", as);
	s->me = id;
	s->my_roles = roles;
	snprintf(s->my_login, sizeof s->my_login, "%s", as);
	snprintf(s->my_name, sizeof s->my_name, "%s", name);
	return CH_OK;
}

int store_impersonate(struct store *s, const char *login, struct err *e)
{
	int64_t id = 0;
	int roles = 0, active = 0;
	char name[128] = "";
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	int found = lookup(s, login, &id, &roles, &active, name, sizeof name);
	store_end(s, CH_OK, NULL);
	if (found < 0)
		return store_sql_error(s, -found, "reading people", e);
	if (found == 0)
		return err_set(e, CH_FAILED, "%s: no such person", login);
	s->me = s->actor = id;
	s->my_roles = roles;
	snprintf(s->my_login, sizeof s->my_login, "%s", login);
	snprintf(s->actor_login, sizeof s->actor_login, "%s", login);
	snprintf(s->my_name, sizeof s->my_name, "%s", name);
	return CH_OK;
}

/* --- mode conversion and share-mode locks ---------------------------------- */

int store_set_mode(const char *path, enum store_mode to, struct err *e)
{
	struct store s;
	store_reset(&s, path);
	int wal = 0, version = 0;
	int st = inspect_header(&s, &wal, &version, e);
	if (st != CH_OK)
		return st;
	if (version > store_schema_latest())
		return err_set(e, CH_UNUSABLE, "%s has a newer schema (%d); convert it with a newer chorus",
			       path, version);
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof dir);
	s.fs_type = store_fs_type(dir, s.fs_name, sizeof s.fs_name);
	int cache = store_mount_check(path, s.mount_note, sizeof s.mount_note);
	if (cache == STORE_CACHE_UNSAFE || cache == STORE_CACHE_UNKNOWN || cache == STORE_CACHE_RISKY)
		return err_set(e, CH_UNUSABLE, "%s: not converted: %s", path, s.mount_note);
	if (to == STORE_MODE_LOCAL && store_fs_is_network(s.fs_type))
		return err_set(e, CH_FAILED, "%s is on a network filesystem (%s): local (WAL) mode would "
			       "corrupt it there", path, s.fs_name);
	struct sharelock_holder h;
	if (sharelock_look(path, &h)) {
		char who[PATH_MAX + 400];
		sharelock_describe(&h, path, who, sizeof who);
		return err_set(e, CH_BUSY, "%s is in use: %s; try again when no one has it open", path, who);
	}
	/* A WAL file reached over the network: a client on the machine that
	 * holds it would have -wal and -shm open (SQLite removes them when the
	 * last one closes); its POSIX locks cannot be seen from here, so say no
	 * rather than take the file from under it. */
	if (wal && store_fs_is_network(s.fs_type)) {
		static const char *const side[] = { "-wal", "-shm" };
		for (size_t i = 0; i < 2; i++) {
			char p[PATH_MAX + 8];
			struct stat sb;
			snprintf(p, sizeof p, "%s%s", path, side[i]);
			if (stat(p, &sb) == 0)
				return err_set(e, CH_BUSY, "%s exists: a chorus on the machine that holds the file "
					       "has it open (or ended without closing it); convert it when no one "
					       "has it open, best on that machine", p);
		}
	}
	/* Open as the mode the file is in now; the conversion takes the file for itself. */
	s.mode = wal ? STORE_MODE_LOCAL : STORE_MODE_SHARE;
	s.busy_ms = 0;
	st = conn_open(&s, 0, e);
	if (st == CH_OK)
		st = store_exec(&s, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;", e);
	if (st == CH_BUSY)
		st = err_set(e, CH_BUSY, "%s is open in another chorus; convert it when no one has it open", path);
	if (st == CH_OK)
		st = store_exec(&s, to == STORE_MODE_SHARE ? "PRAGMA journal_mode=DELETE" : "PRAGMA journal_mode=WAL", e);
	if (st == CH_OK) {
		st = store_begin(&s, 1, e);
		if (st == CH_OK)
			st = kv_put(&s, "INSERT INTO meta(key, value) VALUES(?, ?) "
					"ON CONFLICT(key) DO UPDATE SET value = excluded.value",
				    "mode", store_mode_name(to), e);
		st = store_end(&s, st, e);
	}
	conn_close(&s);
	return st;
}

int store_break_lock(const char *path, char *seen, size_t n, struct err *e)
{
	struct sharelock_holder h;
	seen[0] = 0;
	if (!sharelock_look(path, &h))
		return err_set(e, CH_FAILED, "%s has no lock (%s.lock)", path, path);
	int64_t start = mono_ms();
	unsigned long long beat = h.beat;
	char token[sizeof h.token];
	snprintf(token, sizeof token, "%s", h.token);
	for (;;) {
		sharelock_describe(&h, path, seen, n);
		if (h.alive == 1)
			return err_set(e, CH_FAILED, "not broken: its holder is a running process of this "
				       "machine (pid %ld)%s", h.pid, h.stopped ? ", stopped: resume it (kill -CONT) "
				       "or end it, and the lock goes" : "");
		if (h.has_record && (h.beat != beat || strcmp(h.token, token) != 0))
			return err_set(e, CH_FAILED, "not broken: its holder is alive (its heartbeat moved "
				       "while this chorus watched)");
		if (h.abandoned)
			break;
		if (mono_ms() - start > sharelock_stale_ms() + 2000)
			return err_set(e, CH_FAILED, "not broken: it kept changing");
		nanosleep(&(struct timespec){ .tv_sec = 0, .tv_nsec = 250000000L }, NULL);
		if (!sharelock_look(path, &h))
			return err_set(e, CH_FAILED, "not broken: its holder let it go while this chorus "
				       "watched (it was alive)");
	}
	if (sharelock_break(path, &h) < 0)
		return err_set(e, CH_UNUSABLE, "cannot remove %s.lock: %s", path, strerror(errno));
	return CH_OK;
}
