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
	int journey;          /* enum people_journey */
	int64_t journey_at;   /* since when (the last change, else when they were added) */
};

/* Fields for people_add/people_set; NULL (or -1) leaves a field alone. */
struct person_change {
	const char *name;
	const char *email;
	const char *team;     /* created when new; "" clears */
	int roles;            /* -1 = unchanged; publisher is always added */
	int active;           /* -1 = unchanged */
	/* Focus groups by name, separated by commas: the person is then in
	 * exactly those of the groups in use (archived ones are left as they
	 * are); each must exist and be in use.  "" takes them out of every
	 * group in use. */
	const char *groups;
	/* Handles, each "PLATFORM=ACCOUNT[:FOLLOWERS]" (people_handle_parse):
	 * added or changed, never removed. */
	const char *const *handles;
	int nhandles;
	const char *state;    /* a journey state's name (people_journey_parse) */
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
	struct journey_step *journey;   /* the journey's steps, oldest first */
	int njourney;
};
/* Everyone ordered by login; free with people_overview_free. */
int people_overview(struct store *s, struct person_info **out, int *n, struct err *e);
void people_overview_free(struct person_info *v, int n);
/* Is the person in the focus group (focus_groups.id)? */
int people_in_group(const struct person_info *p, int64_t group_id);

/* The ambassador journey (issue 13): invited -> onboarded -> active ->
 * paused, in any order a master chooses; every change is kept with its time
 * (person_journey) and audited.  A paused person is left out of the quiet
 * lists (Engagement, digest). */
enum people_journey { JOURNEY_INVITED, JOURNEY_ONBOARDED, JOURNEY_ACTIVE, JOURNEY_PAUSED, JOURNEY_STATES };
extern const char *const people_journey_names[JOURNEY_STATES];
/* The state of a name ("paused"), or -1. */
int people_journey_parse(const char *name);
/* Set a person's journey state (masters); the same as people_set with
 * only .state.  Nothing is written when it is their state already. */
int people_set_state(struct store *s, const char *login, const char *state, int expected_version,
		     struct err *e);
/* One step of a person's journey, oldest first. */
struct journey_step {
	int state;
	int64_t at;
};
/* "PLATFORM=ACCOUNT[:FOLLOWERS]" ("linkedin=anouk:1200", "x=@anouk"):
 * FOLLOWERS is the digits after the last ':' (-1 when not given: a new
 * handle gets 0, a known one keeps its count).  CH_INVALID naming field
 * (say "--handle") and the text when it is malformed. */
int people_handle_parse(const char *field, const char *text, char *platform, size_t pn, char *account,
			size_t an, int *followers, struct err *e);

#endif
