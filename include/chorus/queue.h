/* queue.h — the publisher's queue: what the acting person can share now.
 *
 * A message is in a person's queue when its content is ready, or already
 * shared by someone else (a share by one ambassador does not take a message
 * away from the others) while its campaign runs or, without a campaign, for
 * QUEUE_SHARED_DAYS after its first share; it is written for a platform the
 * person has a handle on (person_platforms); the person has not shared that
 * content on that platform yet; and its campaign, when it has one, is
 * running today (an ended or not yet started campaign's messages stay out).
 *
 * Order: messages of running campaigns first, the campaign that ends first
 * on top (open-ended ones after), then everything else, newest first.  The
 * variants of one content on one platform are one group, next to each
 * other, so that a publisher can cycle them. */
#ifndef CHORUS_QUEUE_H
#define CHORUS_QUEUE_H

#include <stddef.h>
#include "chorus/store.h"

struct queue_item {
	int64_t message_id;
	int64_t content_id;
	int message_version;
	int64_t platform_id;
	char platform[32];        /* platforms.key: also utm_source */
	char platform_name[64];
	int max_length;           /* characters; 0 = no limit */
	int variant;              /* messages.variant */
	int pos, count;           /* place in its group (0-based), the group's size */
	char *title;              /* the content's */
	char *text;
	char *link;               /* "" when none */
	char campaign[96];        /* a running campaign's name, "" when none */
	char campaign_ends[11];   /* YYYY-MM-DD, "" when open-ended */
	int64_t ready_at;         /* content.stage_at */
};

struct queue {
	struct queue_item *v;
	int n;                    /* items (messages), groups are contiguous */
	int shown_max;            /* more were there than the list holds (QUEUE_MAX) */
	int publisher;            /* the person holds the publisher role */
	int nplatforms;           /* the person's platforms */
	char platforms[256];      /* their keys, "linkedin, x"; "" when none */
};

#define QUEUE_MAX 2000        /* messages in one list at most */
#define QUEUE_SHARED_DAYS 30  /* shared content without a campaign: days after its first share */

/* The queue of the acting person (s->me).  Not a publisher, or no
 * platforms: an empty list that says so (publisher, nplatforms). */
int queue_list(struct store *s, struct queue *q, struct err *e);
void queue_free(struct queue *q);

/* link with the UTM tags of a share appended: utm_source=SOURCE,
 * utm_medium=employee_advocacy, utm_campaign=CAMPAIGN (left out when
 * CAMPAIGN is NULL or ""), utm_content=CONTENT.  Values are
 * percent-encoded (UTF-8, RFC 3986 unreserved characters as they are);
 * an existing query string is kept (its own utm_source, utm_medium and
 * utm_content are replaced, and its utm_campaign when CAMPAIGN is given),
 * a #fragment stays at the end.  *out is malloc'd; NULL when
 * link is NULL or empty (nothing to tag).  CH_UNUSABLE when out of memory. */
int queue_share_link(const char *link, const char *source, const char *campaign,
		     const char *content, char **out, struct err *e);

/* The link that opens the share dialog of the item's platform: its
 * share_url (chorus-strategy(5)) with {url} replaced by share_link (the
 * UTM-tagged link; "" when NULL) and {text} by text, both percent-encoded.
 * *out is malloc'd; NULL (and CH_OK) when the platform has no share_url. */
int queue_share_dialog(struct store *s, const struct queue_item *it, const char *share_link,
		       const char *text, char **out, struct err *e);

/* The post as it is copied: text, with the message's link replaced by the
 * tagged share link where the text holds it as a word, else the share link
 * on a line of its own after a blank line.  share_link NULL: text as it is.
 * malloc'd; NULL when out of memory. */
char *queue_post_text(const char *text, const char *link, const char *share_link);

/* Length as platforms count it: characters (UTF-8 code points), not bytes. */
size_t queue_chars(const char *text);

/* Log that the acting person shared the message on its platform, now, with
 * the post's address (url NULL or "" = none; else it must be an http:// or
 * https:// address with a host and no spaces).  Through share_log: the same
 * rules, audit event and ready -> shared move as chorus shares log. */
int queue_share(struct store *s, int64_t message_id, const char *url, int64_t *share_id,
		struct err *e);

#endif
