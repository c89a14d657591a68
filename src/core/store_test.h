/* store_test.h — the store's back doors, not part of the public API: only
 * the unit tests (tests/unit/unit.h) and the demo builder (src/demo) include
 * this header; tests/cli/layers.sh refuses it anywhere else. */
#ifndef CHORUS_STORE_TEST_H
#define CHORUS_STORE_TEST_H

#include <stdint.h>
#include "chorus/store.h"

/* Pretend every directory is on this filesystem (0 = ask statfs). */
void store_fs_inject(long type);
/* Fix the clock inside this process (the demo builds 26 weeks of history); 0 = real time. */
void store_clock_set(int64_t t);
/* Act as another person without the --as rules: for the demo builder only. */
int store_impersonate(struct store *s, const char *login, struct err *e);
/* Migrate up to one version (tests build older files this way). */
int store_migrate_to(struct store *s, int target, struct err *e);

#endif
