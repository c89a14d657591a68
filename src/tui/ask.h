/* ask.h — small questions the Campaigns and People panels put to the user
 * before and after a change: may I, are you sure, someone else changed it. */
#ifndef CHORUS_TUI_ASK_H
#define CHORUS_TUI_ASK_H

#include "ui.h"

/* The core's rule for a master's change, asked before any prompt so no one
 * types in vain: 1 when allowed, else 0 with the core's reason shown. */
int ask_may(struct app *a, const char *doing);
/* A y/N question in the message line: 1 for y. */
int ask_yes(struct app *a, const char *question);
/* The status line after a conflict: "not saved: NAME changed WHAT at TIME; AFTER". */
void ask_conflict(struct app *a, const char *what, const struct err *e, const char *after);

/* What a panel adds to the form box; every member may be NULL. */
struct ask_form_hooks {
	void *ctx;
	/* Enter with every field accepted: save.  1 closes the form, 0 keeps
	 * it open with fm->msg saying why.  NULL: the form closes (1). */
	int (*submit)(struct app *a, void *ctx, struct ui_form *fm);
	/* After an edit of field i (the conflict note goes). */
	void (*edited)(void *ctx, int i);
	/* A note under field i when it shows no problem ("theirs: ..."). */
	const char *(*note)(void *ctx, int i);
	/* The byte of field i's value where it goes wrong (marked), or (size_t)-1. */
	size_t (*mark)(void *ctx, int i);
	/* A colour swatch after field i: its pair, 0 for none, -1 for no swatch. */
	int (*swatch)(struct app *a, void *ctx, int i);
	const char *readonly_msg;   /* when a read-only form is typed in */
	/* Tab (the key itself) in field i: 1 when it completed the value (the
	 * field is then checked as after an edit), 0 to go to the next field. */
	int (*complete)(void *ctx, struct ui_form *fm, int i);
};
/* Edit a form (kit.h's ui_form) in a box over the panel until it is saved
 * (1: every field accepted by its rule, and submit agreed) or Esc cancels
 * (0).  h may be NULL. */
int ask_form(struct app *a, const char *title, struct ui_form *fm, const struct ask_form_hooks *h);

/* An ask_opts check: text is a whole number from 0 to *(long *)ctx. */
int ask_check_count(void *ctx, const char *text, char *why, size_t whyn);

#endif
