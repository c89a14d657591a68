/* people.h — people, teams, focus groups, and each person's platform handles.
 * Masters manage people; everyone is a publisher. */
#ifndef CHORUS_PEOPLE_H
#define CHORUS_PEOPLE_H

#include "chorus/store.h"

/* The longest team name, in bytes (team_ensure); buffers hold it and a NUL. */
#define PEOPLE_TEAM_MAX 64

struct person {
	int64_t id;
	char login[64];
	char name[128];
	char email[128];
	char team[PEOPLE_TEAM_MAX + 1];   /* "" when none */
	int64_t team_id;
	int roles;
	int active;
	int version;
	int64_t updated_at;
};

/* Fields for people_add/people_set; NULL (or -1) leaves a field alone. */
struct person_change {
	const char *name;
	const char *email;
	const char *team;     /* created when new; "" clears */
	int roles;            /* -1 = unchanged; publisher is always added */
	int active;           /* -1 = unchanged */
};

int people_add(struct store *s, const char *login, const struct person_change *c,
	       int64_t *id, struct err *e);
/* expected_version 0 = whatever it is now. */
int people_set(struct store *s, const char *login, const struct person_change *c,
	       int expected_version, struct err *e);
int people_get(struct store *s, const char *login, struct person *p, struct err *e);
int people_get_id(struct store *s, int64_t id, struct person *p, struct err *e);
/* All people ordered by login; free() the array. */
int people_list(struct store *s, struct person **out, int *n, struct err *e);
/* Logins must be 1–63 characters of [A-Za-z0-9._-], not starting with '-'. */
int people_login_valid(const char *login);

int team_ensure(struct store *s, const char *name, int64_t *id, struct err *e);

int focus_group_add(struct store *s, const char *name, const char *description,
		    int64_t *id, struct err *e);
int focus_group_member(struct store *s, const char *group, const char *login,
		       int add, struct err *e);

/* A person's handle on a platform (key as in platforms.key). */
int people_set_handle(struct store *s, const char *login, const char *platform_key,
		      const char *handle, int followers, struct err *e);

/* Remove a person's handle on a platform (masters, or the person).
 * CH_FAILED when they have none there. */
int people_clear_handle(struct store *s, const char *login, const char *platform_key, struct err *e);

/* The People panel's view of everyone: the person, their focus groups,
 * handles, and their activity (from the activity aggregate, all weeks). */
struct person_handle {
	char platform[32];      /* platforms.key */
	char handle[128];
	int followers;
};
struct person_info {
	struct person p;
	char groups[256];       /* focus groups, by name, comma-separated */
	int64_t *group_ids;     /* the same groups' ids */
	int ngroups;
	struct person_handle *handles;
	int nhandles;
	int last_week;          /* the last week with activity (activity.week); -1 never */
	int64_t contributions, edits, shares, conversations;
};
/* Everyone ordered by login; free with people_overview_free. */
int people_overview(struct store *s, struct person_info **out, int *n, struct err *e);
void people_overview_free(struct person_info *v, int n);
/* Is the person in the focus group (focus_groups.id)? */
int people_in_group(const struct person_info *p, int64_t group_id);

#endif
