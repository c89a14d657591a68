/* store_mount.c — what is under the database file: the filesystem (local or
 * network), the mount and its options, and whether every machine reading
 * through it sees what the others wrote (the mount rules). */
#include <dirent.h>
#include <sys/vfs.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "chorus/store.h"
#include "chorus/sharelock.h"
#include "core.h"
#include "store_parts.h"
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
	  /* TRANSLATORS: ends "the ... mount at ... has option X, which ..." */
	  N_("keeps file data in the kernel's cache across opens") },
	{ "fuse.sshfs", "auto_cache", FORBID, STORE_CACHE_UNSAFE,
	  /* TRANSLATORS: ends "the ... mount at ... has option X, which ..." */
	  N_("trusts cached file data while the modification time looks the same") },
	{ "fuse.sshfs", "dir_cache=no|cache=no|dcache_timeout=0|cache_timeout=0", REQUIRE, STORE_CACHE_SLOW,
	  /* TRANSLATORS: a sentence of its own, after "the ... mount at ... lacks -o X:" */
	  N_("sshfs caches directory entries, so a lock another machine has released can look held here "
	     "for up to 20 s and writes wait and fail busy") },
	{ "nfs|nfs4", "nocto", FORBID, STORE_CACHE_UNSAFE,
	  /* TRANSLATORS: ends "the ... mount at ... has option X, which ..." */
	  N_("does not check for other machines' changes when a file is opened") },
	{ "nfs|nfs4", "lookupcache=pos|lookupcache=positive|lookupcache=none", REQUIRE, STORE_CACHE_RISKY,
	  /* TRANSLATORS: a sentence of its own, after "the ... mount at ... lacks -o X:" */
	  N_("NFS remembers that a file was absent, so the journal of a client that crashed while writing "
	     "can go unseen here and a write would build on its half-written pages") },
	{ "cifs|smb3", "cache=loose", FORBID, STORE_CACHE_UNSAFE,
	  /* TRANSLATORS: ends "the ... mount at ... has option X, which ..." */
	  N_("trusts cached file data that another machine may have changed") },
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
	rules_text(m->type, FORBID, _(" or "), never, sizeof never);
	if (sshfs && !sshfs_options(m, opts, sizeof opts)) {
		snprintf(why, n, _("the sshfs process serving %s is not visible from here (another PID namespace "
			 "or container, or /proc mounted with hidepid), so its options are unknown: it must run "
			 "with -o %s and without %s; chorus opens the file read-only; run chorus where that "
			 "process can be seen, or mount the share where chorus runs"), m->point, need, never);
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
		snprintf(why, n, _("the %s mount at %s has option %s, which %s: this machine can read pages another "
			 "machine has since changed, and a write built on them corrupts the file; remount it without %s"),
			 m->type, m->point, worst->opt, _(worst->why), worst->opt);
		return worst->verdict;
	}
	if (worst) {
		snprintf(why, n, _("the %s mount at %s lacks -o %.*s: %s; %sremount it with -o %.*s"),
			 m->type, m->point, first, worst->opt, _(worst->why),
			 worst->verdict == STORE_CACHE_RISKY ? _("chorus opens the file read-only through it; ") : "",
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
	snprintf(why, n, _("%s at %s: %s%s%s"), m->type, m->point, have, never[0] ? _("without ") : "",
		 never[0] ? never : _("no known caching problem"));
	return STORE_CACHE_SAFE;
}

/* A test said which filesystem to pretend (store_fs_inject, $CHORUS_FSTYPE):
 * then the real mount says nothing about it. */
long store_fs_pretended(void)
{
	const char *env = getenv("CHORUS_FSTYPE");
	return injected_fs ? injected_fs : env && *env ? strtol(env, NULL, 0) : 0;
}

long store_fs_type(const char *dir, char *name, size_t namelen)
{
	long type = store_fs_pretended();
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

int store_fs_is_fuse(long type)
{
	return type == FS_FUSE;
}

int store_fs_is_network(long type)
{
	for (size_t i = 0; i < sizeof filesystems / sizeof filesystems[0]; i++)
		if (filesystems[i].type == type)
			return filesystems[i].network;
	return 0;
}

int store_mount_check(const char *path, char *note, size_t n)
{
	char dir[PATH_MAX], fs[32];
	store_dir_of(path, dir, sizeof dir);
	long type = store_fs_type(dir, fs, sizeof fs);
	return store_mount_check_fs(path, type, fs, note, n);
}

int store_mount_check_fs(const char *path, long type, const char *fs, char *note, size_t n)
{
	char dir[PATH_MAX];
	struct store_mount m;
	note[0] = 0;
	store_dir_of(path, dir, sizeof dir);
	if (store_fs_pretended() || !store_fs_is_network(type))
		return -1;
	/* A network filesystem whose mount cannot be looked at (no /proc here):
	 * nothing says it is safe. */
	if (!store_mount_of(dir, &m)) {
		snprintf(note, n, _("%s is on a network filesystem (%s) but /proc/self/mountinfo cannot be read "
			 "here, so how it is mounted is unknown; chorus opens the file read-only; run chorus "
			 "where /proc is mounted"), path, fs);
		return STORE_CACHE_UNKNOWN;
	}
	return store_mount_cache(&m, note, n);
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
		 _("it is in local (WAL) mode and this is a network filesystem (%s): a client on another "
		   "machine cannot take part in WAL (even reading writes to its -shm and can damage the file "
		   "for the machine that holds it); run chorus on that machine (e.g. over ssh), or convert "
		   "the file to share mode with 'chorus --db %s doctor --set-mode share' "
		   "where no one else has it open"), fs_name, path);
}
