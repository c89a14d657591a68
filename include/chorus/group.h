/* group.h — sharing the file with the organisation's group.
 *
 * Everyone who uses the file writes it, and creates side files next to it
 * (share mode: PATH-journal and the lock directory PATH.lock; local mode:
 * PATH-wal and PATH-shm).  A side file gets the group of its directory only
 * when the directory is setgid; otherwise the creator's own group, which can
 * lock the others out.  So a file shared by a group needs: the file group-
 * readable and -writable, its directory of the same group, group-writable and
 * setgid, and any side file there of that group and group-writable. */
#ifndef CHORUS_GROUP_H
#define CHORUS_GROUP_H

#include <limits.h>
#include <stddef.h>
#include "chorus/err.h"

struct group_view {
	char file[PATH_MAX + 160];   /* "PATH: owner alice, group staff, mode 660" */
	char dir[PATH_MAX + 160];    /* "DIR: owner alice, group staff, mode 2770 (setgid)" */
	char group[64];              /* the file's group */
	int shared;                  /* 1: the group is more than its owner's own group */
	char problem[3 * PATH_MAX];   /* what a member of the group (or you) could not do; "" none */
	char fix[2 * PATH_MAX + 512];/* the command that fixes it (with who must run it) */
};

/* Look at the file at path and its directory.  0 when looked at (problem
 * says what is wrong, if anything); -1 when the file cannot be looked at
 * (problem says why). */
int group_view(const char *path, struct group_view *v);

/* init --group NAME, before the file exists: can this process give the file
 * that group (the group exists; root, or a member)?  CH_OK or CH_INVALID. */
int group_check(const char *group, struct err *e);
/* After the file is made: give it the group; when this process owns the
 * directory and it holds nothing else (not a home directory, say), make that
 * the group's too (group-writable, setgid).  note gets
 * what was done, or the exact command someone else must run.  CH_OK, or
 * CH_UNUSABLE when the file's own group could not be set. */
int group_share(const char *path, const char *group, char *note, size_t n, struct err *e);
/* init without --group: when the directory is not setgid, note says how to
 * make it so (1); else 0. */
int group_advice(const char *path, char *note, size_t n);

#endif
