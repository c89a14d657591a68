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

/* Edit a form (kit.h's ui_form) in a box over the panel until Enter saves
 * with every field accepted by its rule (1), or Esc cancels (0). */
int ask_form(struct app *a, const char *title, struct ui_form *fm);

/* An ask_opts check: text is a whole number from 0 to *(long *)ctx. */
int ask_check_count(void *ctx, const char *text, char *why, size_t whyn);

#endif
