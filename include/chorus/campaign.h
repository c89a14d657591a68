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
};

struct campaign_change {
	const char *name;
	const char *description;
	const char *goal;      /* title, or NULL */
	const char *audience;  /* name, or NULL */
	const char *starts;
	const char *ends;
	int target_shares;     /* -1 = unchanged */
};

int campaign_add(struct store *s, const struct campaign_change *c, int64_t *id, struct err *e);
int campaign_set(struct store *s, int64_t id, const struct campaign_change *c,
		 int expected_version, struct err *e);
int campaign_list(struct store *s, struct campaign **out, int *n, struct err *e);
void campaign_list_free(struct campaign *c, int n);

struct share_figures {
	int64_t clicks, reactions, comments, reshares, impressions;
};

/* Log a share of a message by the acting person on a platform (key; NULL = the
 * message's platform).  url may be NULL.  Moves ready content to shared. */
int share_log(struct store *s, int64_t message_id, const char *platform_key,
	      const char *url, int64_t shared_at, int64_t *id, struct err *e);
int share_set_figures(struct store *s, int64_t share_id, const struct share_figures *f,
		      struct err *e);

#endif
