/* demo.h — the demo organisation: a fictional plant nursery with a care
 * programme, its strategy, people, content, campaigns and half a year of
 * history, built through the real core API so that every row has its audit
 * events and every rule of the pipeline is honoured. */
#ifndef CHORUS_DEMO_H
#define CHORUS_DEMO_H

#include <stdint.h>
#include "chorus/store.h"

/* The fictional organisation (no real company) and how far back its history goes. */
#define DEMO_ORGANISATION "Kwekerij De Groene Vlinder"
#define DEMO_WEEKS 26

/* Fill a database that store_create has just made and store_identify has
 * identified its master in (the caller, who stays a master of the demo).
 * History runs DEMO_WEEKS weeks up to store_now().  Everything happens in one
 * write transaction: on failure nothing is left.  The same seed and the same
 * "now" give the same database.  Marks it as a demo: meta demo = 1. */
int demo_build(struct store *s, uint32_t seed, struct err *e);

#endif
