/* store_health.h — what chorus doctor reads from an open database besides
 * its meta values: the journal SQLite is in and its own integrity check. */
#ifndef CHORUS_STORE_HEALTH_H
#define CHORUS_STORE_HEALTH_H

#include <stddef.h>
#include "chorus/store.h"

/* "wal", "delete", ... ("" when it cannot be read). */
void store_journal_mode(struct store *s, char *out, size_t n);
/* SQLite's integrity check: "ok", or its first finding ("" when it cannot run). */
void store_integrity(struct store *s, char *out, size_t n);

#endif
