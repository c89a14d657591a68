/* personal.h — a publisher's own wording of a message (the Queue's `e`),
 * kept per person and message across sessions until they share it.
 *
 * Only the person who wrote it reads it back.  Setting or clearing one is
 * audited (entity "message", action "personalise", with its length in
 * characters, never the text: it is that person's draft); sharing the
 * message (queue_share) marks it shared, and it is no longer pending. */
#ifndef CHORUS_PERSONAL_H
#define CHORUS_PERSONAL_H

#include "chorus/store.h"

#define PERSONAL_TEXT_MAX 65536   /* bytes */

struct personal_text {
	int64_t message_id;
	char *text;
	int64_t updated_at;
};

/* The acting person's pending texts (not shared yet), by message id. */
int personal_text_list(struct store *s, struct personal_text **out, int *n, struct err *e);
void personal_text_free(struct personal_text *v, int n);
/* Keep text as the acting person's own for message_id; NULL or "" clears it. */
int personal_text_set(struct store *s, int64_t message_id, const char *text, struct err *e);
/* The acting person shared message_id: their text, if any, is no longer
 * pending (kept, with the time, as what they shared).  Inside the share's
 * transaction. */
int personal_text_shared(struct store *s, int64_t message_id, struct err *e);

#endif
