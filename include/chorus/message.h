/* message.h — messages: the texts editors write for each platform, in variants,
 * so publishers never all post the same words. */
#ifndef CHORUS_MESSAGE_H
#define CHORUS_MESSAGE_H

#include "chorus/store.h"

struct message {
	int64_t id;
	int64_t content_id;
	int64_t platform_id;
	char platform[32];    /* platforms.key */
	int variant;
	char *text;
	char *link;
	char approved_by[64];
	int version;
	int64_t updated_at;
};

/* Add a message for a platform (by key); its variant number is the next free one.
 * Editors only; the text must fit the platform's max_length. */
int message_add(struct store *s, int64_t content_id, const char *platform_key,
		const char *text, const char *link, int64_t *id, struct err *e);
int message_edit(struct store *s, int64_t id, const char *text, const char *link,
		 int expected_version, struct err *e);
int message_delete(struct store *s, int64_t id, struct err *e);
int message_get(struct store *s, int64_t id, struct message *m, struct err *e);
int message_list(struct store *s, int64_t content_id, struct message **out, int *n, struct err *e);
/* The message of content_id for a platform (by key); variant 0 when the
 * platform has one.  Unknown content: CH_FAILED; unknown platform: CH_INVALID;
 * no such message, or several and no variant said: CH_FAILED naming them. */
int message_find(struct store *s, int64_t content_id, const char *platform_key, int variant,
		 struct message *m, struct err *e);

/* The approval rule (chorus(1), APPROVAL): content can be approved when it has
 * at least one message and every one of its messages passes the fair-use
 * policy -- no blocking rule matches it, and no blocking rule was too
 * expensive to decide.  A blocked variant is fixed (edited) or deleted; the
 * refusal names it and both ways out, so approval never dead-ends.  A text
 * added or edited for a ready or shared item is held to it too (CH_FAILED). */
struct policy;
/* One message against the compiled rules: 1 when it passes, 0 when not,
 * with why (may be NULL) saying which rule and what to do. */
int message_passes(struct policy *pol, const struct message *m, char *why, size_t n);
/* CH_OK when content_id may be approved by the rule above; CH_FAILED with
 * the reason (the first blocked message, its platform and the fix) when not. */
int message_approvable(struct store *s, int64_t content_id, struct err *e);
void message_free(struct message *m);
void message_list_free(struct message *m, int n);

#endif
