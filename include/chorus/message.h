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
void message_free(struct message *m);
void message_list_free(struct message *m, int n);

#endif
