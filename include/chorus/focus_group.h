/* focus_group.h — focus groups as the programme's own things (issue 13):
 * a name, a purpose (what the group is for), an owner (the person who looks
 * after it), members, and archiving (an archived group is kept with its
 * members, but no longer offered as a filter or a choice).  Masters make
 * every change; each is audited.  Not to be confused with group.h, the Unix
 * group of the database file. */
#ifndef CHORUS_FOCUS_GROUP_H
#define CHORUS_FOCUS_GROUP_H

#include "chorus/store.h"

/* The longest name and purpose, in bytes. */
#define FOCUS_GROUP_NAME_MAX 64
#define FOCUS_GROUP_PURPOSE_MAX 500

struct focus_group {
	int64_t id;
	char name[FOCUS_GROUP_NAME_MAX + 1];
	char purpose[FOCUS_GROUP_PURPOSE_MAX + 1];   /* "" when none */
	char owner[64];                              /* login; "" when none */
	int64_t archived_at;                         /* 0: in use */
	int members;                                 /* how many people are in it */
	int version;
};

/* Fields for focus_group_create and focus_group_set; NULL leaves one alone
 * ("" clears purpose and owner). */
struct focus_group_change {
	const char *name;
	const char *purpose;
	const char *owner;    /* a login */
};

/* A new group (masters).  CH_INVALID for a bad value or a name taken (the
 * message names the field: name, --purpose), CH_FAILED when the owner is
 * nobody known (--owner) or the caller no master. */
int focus_group_create(struct store *s, const struct focus_group_change *c, int64_t *id, struct err *e);
/* Rename, describe, change the owner (masters). */
int focus_group_set(struct store *s, const char *name, const struct focus_group_change *c, struct err *e);
/* Archive (archive 1) or restore (0) a group (masters); CH_FAILED when it
 * already is so. */
int focus_group_archive(struct store *s, const char *name, int archive, struct err *e);
/* A group by its exact name (archived ones too); CH_FAILED "no such focus
 * group: NAME" when there is none.  The lookup every other module uses
 * (campaigns, requests). */
int focus_group_find(struct store *s, const char *name, struct focus_group *g, struct err *e);
/* Every group ordered by name (with_archived 0: only those in use); free(). */
int focus_group_list(struct store *s, int with_archived, struct focus_group **out, int *n, struct err *e);
/* The logins of a group's members, in order; free each and the array. */
int focus_group_members(struct store *s, const char *name, char ***logins, int *n, struct err *e);
void focus_group_members_free(char **logins, int n);

#endif
