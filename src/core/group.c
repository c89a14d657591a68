/* group.c — who else can use the file: the group of the file, of its
 * directory and of the side files members create next to it; what a member
 * of the group could not do, and the one command that fixes it. */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "chorus/group.h"
#include "chorus/store.h"

/* The name of a user (or, group set, a group), else its number. */
static void id_name(int group, unsigned long id, char *out, size_t n)
{
	struct passwd *pw = group ? NULL : getpwuid((uid_t)id);
	struct group *g = group ? getgrgid((gid_t)id) : NULL;
	const char *name = pw ? pw->pw_name : g ? g->gr_name : NULL;
	if (name)
		snprintf(out, n, "%s", name);
	else
		snprintf(out, n, "%lu", id);
}

static void user_name(uid_t uid, char *out, size_t n) { id_name(0, uid, out, n); }
static void group_name(gid_t gid, char *out, size_t n) { id_name(1, gid, out, n); }

/* Is gid only its owner's: the owner's primary group, no one else listed in it?
 * (Then no one else is meant to use the file, and nothing is wrong.) */
static int private_group(gid_t gid, uid_t owner)
{
	struct passwd *pw = getpwuid(owner);
	if (!pw || pw->pw_gid != gid)
		return 0;
	struct group *g = getgrgid(gid);
	return !g || !g->gr_mem || !g->gr_mem[0];
}

static int in_group(gid_t gid)
{
	gid_t list[512];
	if (getegid() == gid)
		return 1;
	int n = getgroups((int)(sizeof list / sizeof list[0]), list);
	for (int i = 0; i < n; i++)
		if (list[i] == gid)
			return 1;
	return 0;
}

static void describe(const char *p, const struct stat *sb, char *out, size_t n)
{
	char owner[64], group[64];
	user_name(sb->st_uid, owner, sizeof owner);
	group_name(sb->st_gid, group, sizeof group);
	snprintf(out, n, _("%s: owner %s, group %s, mode %o%s%s"), p, owner, group,
		 (unsigned)(sb->st_mode & 07777),
		 S_ISDIR(sb->st_mode) && (sb->st_mode & S_ISGID) ? _(" (setgid)") : "",
		 S_ISDIR(sb->st_mode) && (sb->st_mode & S_ISVTX) ? _(" (sticky)") : "");
}

/* Append ", text" (or text) to a sentence, and " && cmd" to a command. */
static void add(char *list, size_t n, const char *sep, const char *text)
{
	size_t l = strlen(list);
	const char *parts[2] = { l ? sep : "", text };
	for (int i = 0; i < 2; i++)
		for (const char *c = parts[i]; *c && l + 1 < n; c++)
			list[l++] = *c;
	list[l] = 0;
}

int group_view(const char *path, struct group_view *v)
{
	char dir[PATH_MAX], me[64];
	struct stat f, d;
	memset(v, 0, sizeof *v);
	if (stat(path, &f) != 0) {
		snprintf(v->problem, sizeof v->problem, _("cannot look at %s: %s"), path, strerror(errno));
		return -1;
	}
	store_dir_of(path, dir, sizeof dir);
	if (stat(dir, &d) != 0) {
		snprintf(v->problem, sizeof v->problem, _("cannot look at %.*s: %s"), PATH_MAX, dir, strerror(errno));
		return -1;
	}
	describe(path, &f, v->file, sizeof v->file);
	describe(dir, &d, v->dir, sizeof v->dir);
	group_name(f.st_gid, v->group, sizeof v->group);
	v->shared = !private_group(f.st_gid, f.st_uid);
	user_name(geteuid(), me, sizeof me);

	char chgrp[2 * PATH_MAX] = "", rw[2 * PATH_MAX] = "", text[PATH_MAX + 256];
	int dir_bits = 0;
	if (v->shared) {
		if ((f.st_mode & (S_IRGRP | S_IWGRP)) != (S_IRGRP | S_IWGRP)) {
			snprintf(text, sizeof text, _("members of %s cannot write %s"), v->group, path);
			add(v->problem, sizeof v->problem, "; ", text);
			add(rw, sizeof rw, " ", path);
		}
		if (d.st_gid != f.st_gid) {
			char dg[64];
			group_name(d.st_gid, dg, sizeof dg);
			snprintf(text, sizeof text, _("%s belongs to group %s, not %s"), dir, dg, v->group);
			add(v->problem, sizeof v->problem, "; ", text);
			add(chgrp, sizeof chgrp, " ", dir);
		}
		if ((d.st_mode & (S_IWGRP | S_IXGRP)) != (S_IWGRP | S_IXGRP)) {
			snprintf(text, sizeof text, _("members of %s cannot create the journal and the lock in %s"),
				 v->group, dir);
			add(v->problem, sizeof v->problem, "; ", text);
			dir_bits = 1;
		}
		if (!(d.st_mode & S_ISGID)) {
			snprintf(text, sizeof text, _("%s is not setgid, so a side file a member creates there "
				 "(journal, lock, -wal, -shm) gets that member's own group and can lock the others out"),
				 dir);
			add(v->problem, sizeof v->problem, "; ", text);
			dir_bits = 1;
		}
		if (d.st_mode & S_ISVTX) {
			snprintf(text, sizeof text, _("%s is sticky (like /tmp): a member cannot remove the journal "
				 "or lock another member made; move the file to a directory of its own"), dir);
			add(v->problem, sizeof v->problem, "; ", text);
		}
		static const char *const side[] = { "-journal", "-wal", "-shm", ".lock" };
		for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
			char p[PATH_MAX + 16];
			struct stat sb;
			snprintf(p, sizeof p, "%s%s", path, side[i]);
			if (lstat(p, &sb) != 0)
				continue;
			int wrong_group = sb.st_gid != f.st_gid;
			int wrong_mode = !S_ISDIR(sb.st_mode) &&
				(sb.st_mode & (S_IRGRP | S_IWGRP)) != (S_IRGRP | S_IWGRP);
			if (!wrong_group && !wrong_mode)
				continue;
			char sg[64];
			group_name(sb.st_gid, sg, sizeof sg);
			snprintf(text, sizeof text, _("%s (group %s, mode %o) cannot be used by every member of %s"),
				 p, sg, (unsigned)(sb.st_mode & 07777), v->group);
			add(v->problem, sizeof v->problem, "; ", text);
			if (wrong_group)
				add(chgrp, sizeof chgrp, " ", p);
			if (wrong_mode)
				add(rw, sizeof rw, " ", p);
		}
	}
	if (access(path, R_OK | W_OK) != 0 || access(dir, W_OK | X_OK) != 0) {
		snprintf(text, sizeof text, _("you (%s) cannot %s"), me,
			 access(path, R_OK | W_OK) != 0 ? _("write the file")
			 : _("create the journal and the lock next to it"));
		add(v->problem, sizeof v->problem, "; ", text);
		if (v->shared && !in_group(f.st_gid)) {
			snprintf(text, sizeof text, _("usermod -aG %s %s (as root; then log in again)"), v->group, me);
			add(v->fix, sizeof v->fix, " && ", text);
		}
	}
	if (chgrp[0]) {
		snprintf(text, sizeof text, NT_("chgrp %s %.*s"), v->group, PATH_MAX, chgrp);
		add(v->fix, sizeof v->fix, " && ", text);
	}
	if (dir_bits) {
		snprintf(text, sizeof text, NT_("chmod g+rwxs %s"), dir);
		add(v->fix, sizeof v->fix, " && ", text);
	}
	if (rw[0]) {
		snprintf(text, sizeof text, NT_("chmod g+rw %.*s"), PATH_MAX, rw);
		add(v->fix, sizeof v->fix, " && ", text);
	}
	if (!v->shared) {
		char owner[64];
		user_name(f.st_uid, owner, sizeof owner);
		snprintf(v->fix, sizeof v->fix, _("to share it with a group, as %s%s: chgrp GROUP %s %s && "
			 "chmod g+rwxs %s (GROUP: your organisation's group)"), owner,
			 f.st_uid == 0 ? "" : _(" or root"), path, dir, dir);
	}
	return 0;
}

int group_check(const char *group, struct err *e)
{
	struct group *g = getgrnam(group);
	if (!g)
		return err_set(e, CH_INVALID, _("--group %s: no such group"), group);
	if (geteuid() != 0 && !in_group(g->gr_gid)) {
		char me[64];
		user_name(geteuid(), me, sizeof me);
		return err_set(e, CH_INVALID, _("--group %s: %s is not a member of it, so cannot give the file "
			       "that group; ask root to run: usermod -aG %s %s (then log in again)"),
			       group, me, group, me);
	}
	return CH_OK;
}

/* Does dir hold anything but the file at path and its side files?  Then it
 * is not chorus's to give away (a home directory, say). */
static int holds_others(const char *dir, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t bl = strlen(base);
	DIR *d = opendir(dir);
	if (!d)
		return 1;
	int others = 0;
	struct dirent *de;
	static const char *const side[] = { "", "-journal", "-wal", "-shm", ".lock" };
	while (!others && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		int ours = 0;
		for (size_t i = 0; i < sizeof side / sizeof side[0]; i++)
			ours |= strncmp(de->d_name, base, bl) == 0 && strcmp(de->d_name + bl, side[i]) == 0;
		others = !ours;
	}
	closedir(d);
	return others;
}

int group_share(const char *path, const char *group, char *note, size_t n, struct err *e)
{
	char dir[PATH_MAX];
	struct stat d;
	struct group *g = getgrnam(group);
	note[0] = 0;
	if (!g)
		return err_set(e, CH_INVALID, _("--group %s: no such group"), group);
	gid_t gid = g->gr_gid;
	if (chown(path, (uid_t)-1, gid) != 0 || chmod(path, 0660) != 0)
		return err_set(e, CH_UNUSABLE, _("%s: cannot give it group %s: %s"), path, group, strerror(errno));
	store_dir_of(path, dir, sizeof dir);
	if (stat(dir, &d) != 0)
		return err_set(e, CH_UNUSABLE, "%s: %s", dir, strerror(errno));
	mode_t want = S_IRGRP | S_IWGRP | S_IXGRP | S_ISGID;
	if (d.st_gid == gid && (d.st_mode & want) == want) {
		snprintf(note, n, _("%s already belongs to group %s, group-writable and setgid"), dir, group);
		return CH_OK;
	}
	if (d.st_mode & S_ISVTX) {
		snprintf(note, n, _("%s is sticky (like /tmp): members of %s could not remove each other's "
			 "journal and lock there; move the file to a directory of its own, made with: "
			 "mkdir DIR && chgrp %s DIR && chmod 2770 DIR"), dir, group, group);
		return CH_OK;
	}
	if (d.st_uid == geteuid() && holds_others(dir, path)) {
		snprintf(note, n, _("%s holds other files too, so chorus leaves it alone; give the file a directory "
			 "of its own (mkdir DIR && chgrp %s DIR && chmod 2770 DIR), or run: chgrp %s %s && "
			 "chmod g+rwxs %s"), dir, group, group, dir, dir);
		return CH_OK;
	}
	if (d.st_uid == geteuid() && chown(dir, (uid_t)-1, gid) == 0 &&
	    chmod(dir, (d.st_mode & 07777) | want) == 0) {
		snprintf(note, n, _("%s now belongs to group %s, group-writable and setgid, so the side files "
			 "members create there are the group's too"), dir, group);
		return CH_OK;
	}
	char owner[64];
	user_name(d.st_uid, owner, sizeof owner);
	snprintf(note, n, _("%s is not yours to change; ask %s%s to run: chgrp %s %s && chmod g+rwxs %s"), dir,
		 owner, d.st_uid == 0 ? "" : _(" (its owner) or root"), group, dir, dir);
	return CH_OK;
}

int group_advice(const char *path, char *note, size_t n)
{
	char dir[PATH_MAX];
	struct stat d;
	note[0] = 0;
	store_dir_of(path, dir, sizeof dir);
	if (stat(dir, &d) != 0 || (d.st_mode & S_ISGID))
		return 0;
	snprintf(note, n, _("%s is not setgid: a journal or lock another user creates there gets that "
		 "user's own group, not the file's; to share the file with a group, run: chgrp GROUP %s %s && "
		 "chmod g+rwxs %s (init --group GROUP does this for a new file)"), dir, path, dir, dir);
	return 1;
}
