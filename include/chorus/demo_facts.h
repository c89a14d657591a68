/* demo_facts.h — what chorus demo asks of a database besides building it
 * (demo.h): whether a file is a demo, the mark that makes it one, and what
 * is in it, for the lines printed after a build. */
#ifndef CHORUS_DEMO_FACTS_H
#define CHORUS_DEMO_FACTS_H

#include "chorus/content.h"
#include "chorus/store.h"

/* 1 when the closed chorus database at path is marked a demo (meta demo =
 * 1), 0 when it is not or cannot be read. */
int demo_file_marked(const char *path);
/* Mark the database a demo, inside the caller's write transaction. */
int demo_mark(struct store *s, struct err *e);

struct demo_counts {
	long long people, teams, masters, editors, creators, idle;  /* idle: never took part */
	long long content, stage[STAGE_COUNT];
	long long messages, comments, campaigns;
	long long shares, sharers, share_weeks;
	long long events;
};
/* Count what is in the database (its own read transaction); CH_OK or the
 * status of a failed read. */
int demo_count(struct store *s, struct demo_counts *k, struct err *e);

#endif
