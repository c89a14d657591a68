/* groups.h — the focus groups as the TUI offers them: the names of those in
 * use (for hints and Tab completion in People and Campaigns), and the
 * groups over-panel (groups.c) that People opens. */
#ifndef CHORUS_TUI_GROUPS_H
#define CHORUS_TUI_GROUPS_H

#include "chorus/focus_group.h"
#include "ui.h"

/* The groups in use (archived ones left out), and their names as a list
 * for ask_opts.complete. */
struct group_names {
	struct focus_group *v;
	const char **names;
	int n;
};
/* Load them; on failure the reason is in the status line and g is empty. */
void group_names_load(struct app *a, struct group_names *g);
void group_names_free(struct group_names *g);
/* "A, B, C" (cut to fit out). */
void group_names_join(const struct group_names *g, char *out, size_t n);

/* Open the groups over-panel (People's F). */
void groups_open(struct app *a);

#endif
