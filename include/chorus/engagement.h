/* engagement.h — step 5 of the method, as the Engagement panel shows it:
 * activity per person and ISO week, team totals, adoption per week and the
 * quiet list.  Read-only queries on the `activity_week` aggregate (one row
 * per person and week with a count per kind, kept by a trigger on events and
 * stored week first), so the cost of a load grows with the people and the
 * weeks in view, never with the event log.
 *
 * Engagement is for coaching, not ranking: the API gives counts and who has
 * gone quiet, no positions.  Weeks are numbered as activity.week numbers
 * them: whole weeks since Monday 1970-01-05, UTC. */
#ifndef CHORUS_ENGAGEMENT_H
#define CHORUS_ENGAGEMENT_H

#include "chorus/metrics.h"
#include "chorus/people.h"
#include "chorus/store.h"

/* What a cell counts.  Their order is the order `m` cycles through. */
enum engagement_metric {
	ENGAGEMENT_ALL = 0,
	ENGAGEMENT_CONTRIBUTIONS,   /* content submitted */
	ENGAGEMENT_EDITS,           /* editing work: take, approve, reject, messages, ... */
	ENGAGEMENT_SHARES,          /* shares logged */
	ENGAGEMENT_CONVERSATIONS,   /* comments written in chorus */
	ENGAGEMENT_METRICS
};

/* Whose activity: everyone, one team, or one focus group. */
enum engagement_scope { ENGAGEMENT_EVERYONE = 0, ENGAGEMENT_TEAM, ENGAGEMENT_GROUP };

struct engagement_filter {
	enum engagement_scope scope;
	int64_t id;                 /* teams.id or focus_groups.id */
};

/* Levels of the heatmap: 0 = no activity, 1..4 the four shades. */
#define ENGAGEMENT_LEVELS 5

/* One row of activity_week. */
struct engagement_spare {
	int week;
	int64_t person_id;
	int kinds[ENGAGEMENT_METRICS - 1];
};

/* One person, or one team's total (person_id 0). */
struct engagement_row {
	int64_t person_id;
	int64_t team_id;            /* 0 = no team */
	char login[64];
	char name[128];
	char team[PEOPLE_TEAM_MAX + 1];   /* "" when none */
	int members;                /* team rows: people counted in it; people: 1 */
	int active;                 /* people: active today (the quiet list is of them); teams: 0 */
	int last_week;              /* the last week with any activity (<= current); -1 never */
	int64_t total;              /* the metric summed over the weeks loaded */
	int *n;                     /* nweeks counts of the metric, oldest first */
	int paused;                 /* people: paused on the ambassador journey (not nagged) */
};

struct engagement {
	int first_week, nweeks;
	int current_week;           /* the week of store_now() */
	enum engagement_metric metric;
	struct engagement_filter filter;
	/* People in the filter, by name: those active today (in the team today,
	 * for a team) and those in the programme (in the team) at some time in
	 * the weeks in view (the roster of then, see metrics_roster_load: one
	 * who left or moved since is there for those weeks).  A focus group is
	 * its members of today. */
	struct engagement_row *people;  int npeople;
	struct engagement_row *teams;   int nteams;    /* one per team among them, by name; "no team" last */
	/* Adoption per week w, each week with its own roster: of members[w],
	 * the people in view who were in the programme in that week (joined
	 * and active at some time in it), active[w] had at least one activity
	 * of any kind (whatever the metric) in it.  engagement_adoption divides. */
	int *active;                /* nweeks */
	int *members;               /* nweeks */
	int *sharers;               /* nweeks: of members[w], who shared in the week */
	double target;              /* the strategy's adoption_target, default 0.10 */
	/* The organisation's headcount (its dated changes) and the adoption
	 * milestones, from the strategy: adoption for everyone is of the
	 * headcount when set (engagement_adoption_week). */
	struct headcount_change *headcount; int nheadcount;
	double milestones[8];       int nmilestones;
	int quiet_weeks;            /* the strategy's quiet_weeks, default 4 */
	/* The quiet list: indexes into people of those with no activity in the
	 * quiet_weeks weeks up to the current week (or never), longest quiet first. */
	int *quiet;                 int nquiet;
	int quiet_paused;           /* quiet people left out of it: paused on their journey */
	/* The scale: level k (1..4) starts at scale[k]; scale[0] = 0.  The
	 * levels start at the quartiles of the non-empty person cells loaded,
	 * kept at least one apart, so each shade holds about a quarter of them. */
	int scale[ENGAGEMENT_LEVELS];
	int max;                    /* the largest person cell loaded */
	int *cells;                 /* storage behind every row's n */
	int *kinds;                 /* each kind's person cells: switching metric needs no query */
	int64_t last_event;         /* the newest events.id when loaded (engagement_refresh) */
	struct metrics_roster roster;   /* the people's history when loaded */
	/* Everyone the filter gave when loaded (cand_today: active today, and
	 * in the team today for a team): the people of another window are
	 * picked from them by the roster, with no query. */
	struct engagement_row *cand;    unsigned char *cand_today;   int ncand;
	/* activity_week's rows for the weeks spare_lo..spare_hi (a screenful
	 * either side of the window when loaded or scrolled): weeks scrolled
	 * into view come from here while the database has not changed. */
	struct engagement_spare *spare; int nspare;
	int spare_lo, spare_hi;
	char filter_team[PEOPLE_TEAM_MAX + 1];   /* a team filter's team, by name as the roster has it */
};

/* Load nweeks weeks from first_week, for the metric and filter.  Reads
 * people and teams once, activity for those weeks in one range of
 * activity_week.  On failure *out is empty and e says why. */
int engagement_load(struct store *s, int first_week, int nweeks, enum engagement_metric metric,
		    const struct engagement_filter *filter, struct engagement *out, struct err *e);
/* Move g's window to start at first_week (as many weeks as before): the
 * weeks it already holds move over, the weeks newly in view come from the
 * spare weeks read around the window (nothing is read while they cover
 * it), and only else from the file, with a screenful either side.
 * The quiet list and the current week stay as loaded, and the people too
 * unless the roster of the new weeks is another (then all is read again),
 * so this is only right while the database has not changed since (a caller
 * that sees the change signal move loads afresh).  On failure g is as it was. */
int engagement_scroll(struct store *s, struct engagement *g, int first_week, struct err *e);
/* Bring g up to date after the database changed: only the weeks in view
 * that new events fell in are read again (with the people, to see that they
 * are the same, and the last active weeks).  CH_FAILED when that is not
 * enough (other people in the filter, a new week has begun) and after any
 * failure: then g is only fit to be freed and loaded again. */
int engagement_refresh(struct store *s, struct engagement *g, struct err *e);
void engagement_free(struct engagement *g);
/* Show another metric from what is loaded: cells, totals, team rows and the
 * scale change; adoption and the quiet list do not (they count any kind). */
int engagement_set_metric(struct engagement *g, enum engagement_metric metric);

/* Adoption in week index w (0..nweeks-1), as the report counts it
 * (metrics_adoption_settle): who shared and who took part at all, of the
 * organisation's headcount that week when the filter is everyone and one is
 * set, else of members[w] (the people in view registered then). */
void engagement_adoption_week(const struct engagement *g, int w, struct metrics_adoption_week *out);
/* Its adoption as a fraction: who shared, of that base; 0 when the base is 0. */
double engagement_adoption(const struct engagement *g, int w);

/* The level (0..4) of a count on g's scale.  For team rows pass the mean per
 * member (total / members): team rows use the people's scale. */
int engagement_level(const struct engagement *g, double v);

/* The week (as numbered in activity.week) that holds time t. */
int engagement_week_of(int64_t t);
/* "2026-W47": the ISO 8601 week-numbering year and week of week w. */
void engagement_week_label(int week, char *out, size_t n);
/* "contributions", "edits", "shares", "conversations", "all activity" */
const char *engagement_metric_name(enum engagement_metric m);

/* Teams and focus groups, for the panel's `t` filter to cycle through. */
struct engagement_choice {
	enum engagement_scope scope;
	int64_t id;
	char name[96];
};
/* Every team, then every focus group, by name; free() the array. */
int engagement_choices(struct store *s, struct engagement_choice **out, int *n, struct err *e);

#endif
