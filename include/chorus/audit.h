/* audit.h — the append-only event log.  Triggers refuse UPDATE, DELETE and
 * an INSERT that would replace an event (an id not after the last one); each
 * event carries a SHA-256 hash chained to the previous event's, so a change
 * made by someone who dropped the triggers shows: audit_verify finds the
 * first event whose hash does not follow.  Anyone who can write the file can
 * still rewrite the whole log and its chain, or cut events off its end:
 * the chain makes a change visible to whoever kept a later head hash (chorus
 * doctor prints it); it cannot prevent one. */
#ifndef CHORUS_AUDIT_H
#define CHORUS_AUDIT_H

#include "chorus/store.h"
#include "chorus/json.h"

/* Append one event inside the current write transaction: the store's actor and
 * on-behalf-of person, now, entity ("content", "person", ...), its id, an action
 * verb ("submit", "take", ...) and a JSON object (NULL for {}). */
int audit_log(struct store *s, const char *entity, int64_t entity_id,
	      const char *action, struct json *detail, struct err *e);

#define AUDIT_HASH_LEN 32

/* Append one event with explicit fields (actor and on_behalf 0 for NULL),
 * hashed onto the chain: what audit_log does, for the few writers that are
 * not acting as the store's identified person (an enrolment). */
int audit_append(struct store *s, int64_t at, int64_t actor, int64_t on_behalf, const char *entity,
		 int64_t entity_id, const char *action, const char *detail, struct err *e);

/* What audit_verify found. */
struct audit_check {
	int64_t events;          /* events read */
	int64_t broken_id;       /* the first event whose hash does not follow; 0 = none */
	int unhashed;            /* the file predates the chain (no hash column) */
	char missing[160];       /* append-only triggers missing or changed, by name; "" = all there */
	unsigned char head[AUDIT_HASH_LEN];   /* the last event's hash (zeros when none) */
};

/* Read the whole log in id order and recompute the chain; one pass, linear. */
int audit_verify(struct store *s, struct audit_check *out, struct err *e);

/* Hash every event from the first onward (the migration that added the
 * chain does this, with the update trigger set aside). */
int audit_hash_all(struct store *s, struct err *e);

struct audit_event {
	int64_t id;
	int64_t at;
	char actor[64];
	char on_behalf[64];   /* "" unless --as */
	char action[32];
	char *detail;         /* JSON text, malloc'd */
};

/* The history of one entity, oldest first.  Free with audit_events_free. */
int audit_history(struct store *s, const char *entity, int64_t id,
		  struct audit_event **out, int *n, struct err *e);
void audit_events_free(struct audit_event *ev, int n);

#endif
