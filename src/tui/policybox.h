/* policybox.h — the fair-use policy box: a text, its matches lit up in place,
 * the verdict and the rules that matched with their guidance.  The Strategy
 * panel's test box (typed into, re-checked on every key) and the messages
 * view (a message's text, and the platform's length) both draw with it. */
#ifndef CHORUS_TUI_POLICYBOX_H
#define CHORUS_TUI_POLICYBOX_H

#include <wchar.h>
#include "chorus/policy.h"
#include "ui.h"

#define PBOX_MAX 4096        /* bytes of text */

struct pbox {
	char text[PBOX_MAX];
	size_t len;
	struct policy_match *hits;   /* point into the policy they were run with */
	int nhits;
	unsigned char cover[PBOX_MAX];   /* per byte of the text: the worst severity matching it */
	size_t starts[PBOX_MAX + 1];     /* where each line of the text starts, from the last draw */
	int oom;
	int cy, cx;                  /* where the typing goes, from the last draw */
};

/* What the verdict line says besides the matches. */
struct pbox_say {
	const char *head;        /* the first line */
	const char *pol_err;     /* the rules cannot be compiled: why ("" or NULL: they can) */
	int nrules;
	const char *no_rules;    /* when there are none */
	const char *prefix;      /* before the verdict ("13/280 characters; "), or NULL */
};

/* Drop the matches (before the policy they point into is freed). */
void pbox_clear(struct pbox *b);
/* Set the text (cut on a character boundary when too long). */
void pbox_set(struct pbox *b, const char *text);
/* Check the text against pol (may be NULL: no matches). */
void pbox_run(struct pbox *b, struct policy *pol);
/* One key typed into the text (as app_read_key returned it). */
void pbox_key(struct pbox *b, int r, wint_t wc);
/* Type into the box until the forms' cancel key (0) or done_key (a control
 * character; 0: none) (1), re-checking and redrawing after every key (the
 * panel's draw shows the box).  The Strategy test box and the messages
 * view's i. */
int pbox_type(struct app *a, struct pbox *b, struct policy *pol, int done_key);
/* The worst severity that matched (too expensive ones not counted). */
int pbox_worst(const struct pbox *b);
/* Draw from row y to yend: the head, the text (its end when long), the
 * verdict and the rules that matched. */
void pbox_draw(struct app *a, struct pbox *b, WINDOW *w, int y, int yend, int cols, const struct pbox_say *say);
/* The attribute of a severity: block as an error, warn as a warning. */
attr_t severity_attr(struct app *a, enum severity s);

#endif
