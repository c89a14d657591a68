/* metrics.h — step 5 of the method, measure and adjust: the report (shares per
 * channel, campaign, pillar and message type, engagement per person and team,
 * KPI progress, earned media value), the weekly digest, and the import of
 * share figures.
 *
 * Everything here returns structs; nothing prints.  All times are UTC: a day
 * is a UTC calendar day, a week an ISO week (Monday to Sunday), numbered as
 * the activity table numbers them: whole weeks since Monday 1970-01-05. */
#ifndef CHORUS_METRICS_H
#define CHORUS_METRICS_H

#include "chorus/campaign.h"
#include "chorus/people.h"
#include "chorus/store.h"

/* Days and weeks in seconds: TIME_DAY, TIME_WEEK and TIME_WEEK0 of
 * src/util/timeutil.h. */

/* --- time ------------------------------------------------------------- */

/* The week (as numbered in activity.week) that holds time t. */
int64_t metrics_week_of(int64_t t);
/* Midnight UTC of the Monday that starts week w. */
int64_t metrics_week_start(int64_t w);
/* "2026-W45": the ISO year and week of week w. */
void metrics_week_label(int64_t w, char *out, size_t n);
/* Parse "YYYY-Www" into a week number; -1 when it is not an ISO week (W53 only
 * in the years that have one). */
int64_t metrics_week_parse(const char *text);
/* "2026-11-02" (UTC). */
void metrics_date_str(int64_t t, char *out, size_t n);
/* Parse a strict "YYYY-MM-DD" into midnight UTC; -1 when it is not one. */
int64_t metrics_date_parse(const char *text);

/* --- adoption against the organisation ------------------------------------ */

/* Adoption in one ISO week: of the organisation's headcount that week
 * (strategy organisation.headcount), how many people shared (adoption) and
 * how many took part at all (a contribution, an edit, a share or a
 * conversation).  When no headcount is set for the week, the people
 * registered in chorus that week (the roster) stand in: by_headcount says
 * which, and everything that shows it says so. */
struct metrics_adoption_week {
	int64_t week;
	char label[16];           /* "2026-W02" */
	int64_t headcount;        /* the organisation's that week; 0 = not set */
	int64_t registered;       /* in the programme (joined, active) at some time in the week */
	int by_headcount;         /* base is the headcount (else the people registered) */
	int64_t base;             /* what the week's adoption divides by */
	int64_t sharers, took_part;
	double shared_pct, took_part_pct;   /* of base, in percent; 0 when base is 0 */
	double milestone;         /* the highest milestone shared_pct reached; 0 = none yet */
	double next;              /* the next milestone above it; 0 = every one reached */
	int filtered;             /* of a team or group only (the Engagement panel's filter):
				   * the organisation's headcount does not apply */
};

struct metrics_adoption {
	double milestones[8];     /* percent, rising (strategy_milestones) */
	int nmilestones;
	int headcount_set;        /* the strategy has a headcount at all */
	struct metrics_adoption_week *weeks; int nweeks;
};

/* Adoption in weeks first_week..last_week (as metrics_week_of numbers
 * them), from the roster and the weekly activity, inside the caller's
 * transaction or not.  Free with metrics_adoption_free. */
int metrics_adoption(struct store *s, int64_t first_week, int64_t last_week, struct metrics_adoption *a,
		     struct err *e);
void metrics_adoption_free(struct metrics_adoption *a);
/* One week in words, as the report, the digest and the Engagement panel say
 * it: "3.0% shared, 6.0% took part, of the headcount of 100; milestone 1%
 * reached, next 5%" (or "of 13 people registered (no headcount set)"). */
void metrics_adoption_words(const struct metrics_adoption_week *w, char *out, size_t n);
/* The milestones as "1% 5% 10%". */
void metrics_milestones_words(const struct metrics_adoption *a, char *out, size_t n);
/* One week's figures from its counts: base, percentages and milestones. */
void metrics_adoption_settle(struct metrics_adoption_week *w, const double *milestones, int nmilestones);

/* --- the report -------------------------------------------------------- */

/* What shares did: their count and the figures imported for them. */
struct metrics_figures {
	int64_t shares, impressions, clicks, reactions, comments, reshares;
	double emv;           /* earned media value, by the rates of each share's platform */
	int64_t known;        /* of the shares, how many have figures (imported or set) */
};

/* Shares none of which has figures yet: their figures are not known (null in
 * JSON, blank in CSV, "-" in text), not 0. */
int metrics_figures_unknown(const struct metrics_figures *f);

struct metrics_platform {
	int64_t id;
	char key[32];
	char name[64];
	double cpm, cpc, reaction_multiplier;
	struct metrics_figures f;
};

/* One ISO week or calendar month: figures per platform, in the order of
 * metrics_report.platforms, and their total. */
struct metrics_bucket {
	char label[24];       /* "2026-W45" or "2026-11" */
	int64_t start;        /* its first day, midnight UTC */
	struct metrics_figures *per_platform;
	struct metrics_figures total;
};

/* A pillar or a message type; id 0 collects content that has none. */
struct metrics_group {
	int64_t id;
	char name[96];
	struct metrics_figures f;
};

struct metrics_campaign {
	int64_t id;
	char name[96];
	char goal[128];
	char starts[11], ends[11];
	int64_t target_shares;
	struct metrics_figures f;
};

/* Engagement of one person in the period: input given (contributions =
 * content submitted, edits = editing work), shares and the figures of those
 * shares, conversations (comments written in chorus). */
struct metrics_person {
	int64_t id;
	char login[64];
	char name[128];
	char team[PEOPLE_TEAM_MAX + 1];   /* "" when none; at the end of the period */
	int active;           /* at the end of the period */
	int member;           /* in the programme (joined, active) at some time in the period */
	int64_t joined;       /* people.created_at */
	int64_t contributions, edits, conversations;
	struct metrics_figures f;
};

struct metrics_team {
	char name[PEOPLE_TEAM_MAX + 1];   /* "" = people without a team */
	int64_t people;       /* its members in the period (the roster of then, not today's) */
	int64_t engaged;      /* of whom did anything in the period */
	int64_t contributions, edits, conversations;
	struct metrics_figures f;
};

/* A goal's KPI against its target.  actual counts the shares of content in the
 * goal's campaigns made in the period; which figure depends on kpi_metric:
 *   shares, impressions, clicks, reactions, comments, reshares: that figure;
 *   reach, views: impressions;  engagement, interactions: reactions + comments
 *   + reshares;  emv: earned media value;  ambassadors, sharers: how many
 *   people shared.  Any other metric is not measured (measured = 0). */
struct metrics_kpi {
	int64_t id;
	char goal[128];
	char metric[32];
	char period[32];      /* a calendar period (chorus-strategy(5)), or older free text */
	int64_t first_day, last_day;   /* the period's days when it is one: the KPI is measured over
				        * them, whatever the report's; else -1, the report's period */
	double target;
	int measured;
	double actual;
	int unknown;          /* measured, but none of the shares has figures yet */
};

struct metrics_report {
	char organisation[256];   /* up to 255 bytes (strategy_set_organisation) */
	int64_t since, until;        /* the period asked for: first and last day (midnight UTC); -1 = open */
	int64_t first_day, last_day; /* the period shown: since, else the first share or input; until,
				      * else today */
	struct metrics_figures total;
	/* How many people took part in the period, each way (one person may be in several). */
	int64_t contributors, editors, sharers, conversers;
	/* Conversations: comments written in chorus in the period, and on the
	 * platforms (the comments figure of the period's shares, each share's
	 * to its sharer: total.comments, per person and team f.comments). */
	int64_t conversations;
	struct metrics_platform *platforms; int nplatforms;
	struct metrics_bucket *weeks;       int nweeks;
	struct metrics_bucket *months;      int nmonths;
	struct metrics_campaign *campaigns; int ncampaigns;
	struct metrics_group *pillars;      int npillars;
	struct metrics_group *types;        int ntypes;
	struct metrics_person *people;      int npeople;
	struct metrics_team *teams;         int nteams;
	struct metrics_kpi *kpis;           int nkpis;
	struct metrics_adoption adoption;   /* per week of the period */
};

/* Earned media value of figures on a platform with these rates:
 * cpm × impressions / 1000 + cpc × (reaction_multiplier × reactions + clicks). */
/* The one rounding rule of every figure chorus prints, in text, CSV and JSON
 * alike: v to `decimals` places (0..6), half away from zero, on its decimal
 * value (first written to nine places, so 1.125 and a computed
 * 1.12499999999 both give 1.13, and -0.125 gives -0.13).  metrics_fixed writes
 * it into out (at least 64 bytes; "-0" never appears); metrics_round gives
 * it as a double for JSON. */
const char *metrics_fixed(double v, int decimals, char *out, size_t n);
double metrics_round(double v, int decimals);
/* A number metrics_fixed (or "%lld") wrote, in the person's form for text
 * (i18n_num: "1.234,5" in Dutch; unchanged in the C locale), with as many
 * decimals as it has.  Text that is not such a number is copied.  out of
 * at least 64 bytes; returns out. */
const char *metrics_human(const char *plain, char *out, size_t n);

double metrics_emv(double cpm, double cpc, double reaction_multiplier,
		   int64_t impressions, int64_t reactions, int64_t clicks);

/* One share with its figures, for the report's per-post listing. */
struct metrics_post {
	int64_t share_id, message_id, content_id, shared_at;
	char login[64];
	char platform[32];    /* key */
	char url[2048];       /* "" when none */
	struct metrics_figures f;   /* shares = 1; known = 0 when its figures have not come in */
};

/* Call fn for every share made in the days first_day..last_day (both
 * included, midnight UTC), in time order; fn returning non-zero stops.
 * Anyone in the programme may read them. */
int metrics_posts(struct store *s, int64_t first_day, int64_t last_day,
		  int (*fn)(const struct metrics_post *p, void *arg), void *arg, struct err *e);

/* The report for the days since..until, both inclusive (midnight UTC; -1 =
 * open).  Anyone in the programme may read it.  Free with metrics_report_free. */
int metrics_report(struct store *s, int64_t since, int64_t until, struct metrics_report *r,
		   struct err *e);
void metrics_report_free(struct metrics_report *r);

/* --- the weekly digest ----------------------------------------------------- */

struct digest_message {
	char platform[32];
	int variant;
	char *text;
};

/* Content that entered ready during the week (and is ready or shared now). */
struct digest_ready {
	int64_t id;
	char *title;
	char creator[64];
	char pillar[96];
	char campaign[96];
	int64_t at;           /* when it became ready */
	struct digest_message *messages;
	int nmessages;
};

struct digest_win {
	int64_t share_id;
	int64_t content_id;
	char login[64];
	char platform[32];
	char *title;
	int64_t shared_at;
	struct share_figures f;
};

struct digest_person {
	char login[64];
	char name[128];
	char team[PEOPLE_TEAM_MAX + 1];
	int64_t when;         /* newcomers: the time of their first share;
			       * quiet: the week they were last active, -1 = never */
};

struct digest_campaign {
	char name[96];
	char starts[11], ends[11];
	int64_t target_shares;
	int64_t shares;       /* up to the end of the week */
	int64_t week_shares;  /* during the week */
};

#define DIGEST_TOP_WINS 5
#define DIGEST_ADOPTION_WEEKS 4   /* the adoption trend: the week and the three before */

/* A content request open at the end of the week (request.h). */
struct digest_request {
	int64_t id;
	char brief[1001];
	char to[80];          /* login, team:NAME or group:NAME */
	char asker[64];
	char due[11];
	int overdue;          /* its due day had passed by the end of the week */
};

struct metrics_digest {
	char organisation[256];   /* up to 255 bytes (strategy_set_organisation) */
	int64_t week;
	char label[16];
	int64_t start;                  /* Monday 00:00 UTC */
	int quiet_weeks;                /* settings.quiet_weeks, default 4 */
	int64_t shares, sharers;        /* shares made during the week, by how many people */
	struct digest_ready *ready;         int nready;
	struct digest_win *wins;            int nwins;   /* at most DIGEST_TOP_WINS, in time order */
	struct digest_person *newcomers;    int nnewcomers;
	struct digest_campaign *campaigns;  int ncampaigns;
	struct digest_person *quiet;        int nquiet;
	struct metrics_adoption adoption;   /* DIGEST_ADOPTION_WEEKS weeks up to this one */
	struct digest_request *requests;    int nrequests;   /* by due day */
	int quiet_paused;               /* quiet people left out: paused on their journey then */
};

/* The digest of week w (as metrics_week_of numbers it). */
int metrics_digest(struct store *s, int64_t w, struct metrics_digest *d, struct err *e);
void metrics_digest_free(struct metrics_digest *d);

/* --- the roster: who was in the programme when ------------------------- */

/* The people's history replayed from the audit log's person events (add:
 * team and active; set: what changed), in time order: each person's
 * stints, a stint being a time from which their team and whether they are
 * active hold until the next one.  The first stint starts when they joined
 * (people.created_at).  A person without such events (a file filled by
 * other means) is as they are today all along; one with events starts
 * active and, at `add`, in the team it names (none when it names none).
 * The report, the digest and the Engagement panel measure a period with
 * the roster this gives, never with today's. */
struct metrics_stint {
	int64_t from;
	int active;
	char team[PEOPLE_TEAM_MAX + 1];   /* "" when none */
};

struct metrics_roster_person {
	int64_t id;
	int first, n;         /* their stints: stints[first .. first + n - 1], in time order */
};

struct metrics_roster {
	struct metrics_roster_person *people;  int npeople;   /* by id */
	struct metrics_stint *stints;          int nstints;
};

/* Replay every person's events into r (inside the caller's transaction or
 * not).  On failure r is empty and e says why. */
int metrics_roster_load(struct store *s, struct metrics_roster *r, struct err *e);
void metrics_roster_free(struct metrics_roster *r);
/* The person with this id; NULL when not in r. */
const struct metrics_roster_person *metrics_roster_find(const struct metrics_roster *r, int64_t id);
/* The stint in force at time t; NULL before they joined. */
const struct metrics_stint *metrics_roster_at(const struct metrics_roster *r,
					      const struct metrics_roster_person *p, int64_t t);
/* Were they in the programme (joined and active) at some time in [lo, hi)?
 * team, when not NULL, further asks that they were in that team then. */
int metrics_roster_member(const struct metrics_roster *r, const struct metrics_roster_person *p,
			  int64_t lo, int64_t hi, const char *team);

/* --- importing share figures --------------------------------------------- */

/* One row of a shares import.  A share is found by url, else by message, person,
 * platform and day; a known one gets its figures updated, an unknown one is
 * logged for the person (the importing master is the actor, the person the
 * one on whose behalf, as with --as). */
struct share_import {
	int64_t message_id;   /* 0 = not given */
	const char *url;      /* NULL = not given */
	const char *login;
	const char *platform; /* NULL = the message's platform */
	int64_t day;          /* midnight UTC of the day shared; -1 = not given */
	struct share_figures f;
	int given;            /* which figures were given (SHARE_FIG_* bits); the rest stay as they are */
};

enum {
	SHARE_FIG_IMPRESSIONS = 1, SHARE_FIG_CLICKS = 2, SHARE_FIG_REACTIONS = 4,
	SHARE_FIG_COMMENTS = 8, SHARE_FIG_RESHARES = 16,
};

enum share_import_result { SHARE_IMPORT_NEW = 1, SHARE_IMPORT_UPDATED, SHARE_IMPORT_UNCHANGED };

/* Apply one row inside the caller's write transaction (masters only); the
 * share's id goes to *share_id when that is not NULL.  On failure e->msg starts with the name of the column at fault and ": ", or
 * with "row: " when no single column is. */
int share_import_row(struct store *s, const struct share_import *row,
		     enum share_import_result *result, int64_t *share_id, struct err *e);

#endif
