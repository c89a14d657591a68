/* audit.h — the append-only event log.  Triggers refuse UPDATE and DELETE. */
#ifndef CHORUS_AUDIT_H
#define CHORUS_AUDIT_H

#include "chorus/store.h"
#include "chorus/json.h"

/* Append one event inside the current write transaction: the store's actor and
 * on-behalf-of person, now, entity ("content", "person", ...), its id, an action
 * verb ("submit", "take", ...) and a JSON object (NULL for {}). */
int audit_log(struct store *s, const char *entity, int64_t entity_id,
	      const char *action, struct json *detail, struct err *e);

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
