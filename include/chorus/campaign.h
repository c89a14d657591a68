/* campaign.h — campaigns (sets of messages for one goal and audience over a
 * period) and shares (a publisher posted a message on a platform). */
#ifndef CHORUS_CAMPAIGN_H
#define CHORUS_CAMPAIGN_H

#include "chorus/store.h"

struct campaign {
	int64_t id;
	char name[96];
	char *description;
	char goal[128];
	char audience[96];
	char starts[11];      /* YYYY-MM-DD */
	char ends[11];
	int target_shares;
	int shares;           /* shares logged on its messages */
	int version;
	char group[65];       /* the focus group it is for; "" when none */
};

struct campaign_change {
	const char *name;
	const char *description;
	const char *goal;      /* title, or NULL */
	const char *audience;  /* name, or NULL */
	const char *starts;
	const char *ends;
	int target_shares;     /* -1 = unchanged */
	const char *group;     /* a focus group in use by name, "" none, NULL unchanged */
};

int campaign_add(struct store *s, const struct campaign_change *c, int64_t *id, struct err *e);
int campaign_set(struct store *s, int64_t id, const struct campaign_change *c,
		 int expected_version, struct err *e);
int campaign_list(struct store *s, struct campaign **out, int *n, struct err *e);
void campaign_list_free(struct campaign *c, int n);

/* Where a campaign stands on a day ("YYYY-MM-DD"): before its start it is
 * upcoming, after its end it has ended, else (open ends included) active. */
enum campaign_status { CAMPAIGN_ACTIVE = 0, CAMPAIGN_UPCOMING, CAMPAIGN_ENDED };
enum campaign_status campaign_status_on(const struct campaign *c, const char *day);
const char *campaign_status_name(enum campaign_status st);
/* Today as "YYYY-MM-DD" (UTC, from store_now()). */
void campaign_today(char *out, size_t n);

/* End a campaign today: its end date becomes today (nothing is deleted, its
 * messages and shares stay).  Masters only; refused when it has ended
 * already or has not started yet.  Versioned like campaign_set. */
int campaign_end(struct store *s, int64_t id, int expected_version, struct err *e);

/* What the Campaigns panel's detail shows of one campaign. */
struct campaign_message {
	int64_t content_id;
	int64_t message_id;      /* 0: the content has no message yet */
	char title[128];
	char platform[32];       /* the platform's key, "" without a message */
	int variant;
	char stage[12];          /* the content's stage */
	int shares;
};
struct campaign_count {
	char label[64];          /* a platform's name, or "2026-W47" */
	int week;                /* per week: activity.week numbering */
	int shares;
};
struct campaign_detail {
	struct campaign c;
	char pillars[256];       /* the pillars of its content, comma-separated */
	struct campaign_message *msgs; int nmsgs;
	struct campaign_count *platforms; int nplatforms;   /* shares per platform, by name */
	/* Shares per week: every week of the period (up to 104), and weeks
	 * outside it that have shares, oldest first. */
	struct campaign_count *weeks; int nweeks;
	int period_weeks;        /* the weeks the period spans (0 without a start) */
	int sharers;             /* how many people shared its messages */
	char names[1024];        /* their names, alphabetically, comma-separated (cut) */
};
/* Load the detail of campaign id; CH_FAILED when there is no such campaign. */
int campaign_detail(struct store *s, int64_t id, struct campaign_detail *d, struct err *e);
void campaign_detail_free(struct campaign_detail *d);

struct share_figures {
	int64_t clicks, reactions, comments, reshares, impressions;
};

/* How far ahead of now a share may be dated: clocks that differ by a few minutes. */
#define SHARE_FUTURE_GRACE 300

/* Log a share of a message by the acting person on a platform (key; NULL = the
 * message's platform).  url may be NULL.  Moves ready content to shared, except
 * for a past share of content archived since.  shared_at (0 = now) may not be
 * more than SHARE_FUTURE_GRACE ahead of now, nor before the message was written. */
int share_log(struct store *s, int64_t message_id, const char *platform_key,
	      const char *url, int64_t shared_at, int64_t *id, struct err *e);
int share_set_figures(struct store *s, int64_t share_id, const struct share_figures *f,
		      struct err *e);

#endif
