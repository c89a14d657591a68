/* closed.c — the Rejected/Archived view, laid over the board or the inbox
 * (z): the items off the board, most recently closed first, each with its
 * stage, when it got there, who moved it and the reason of a rejection.
 * / searches title, who and reason; Enter opens the detail; R restores the
 * item to the Inbox (core's rule: archived ones by masters, rejected ones by
 * editors too); Esc or q backs out. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../util/timeutil.h"
#include "chorus/content.h"
#include "history.h"
#include "text.h"
#include "ui.h"

struct closed_state {
	struct content *v;   /* rejected and archived, newest stage change first */
	int n;
	struct ui_list list;
};

static void closed_free(struct closed_state *C)
{
	content_list_free(C->v, C->n);
	C->v = NULL;
	C->n = 0;
}

static void closed_close(void *st) { closed_free(st); }

static int newest_first(const void *x, const void *y)
{
	const struct content *a = x, *b = y;
	return a->stage_at != b->stage_at ? (a->stage_at < b->stage_at ? 1 : -1) : (a->id < b->id ? 1 : -1);
}

static void closed_requery(struct app *a, void *st)
{
	struct closed_state *C = st;
	int64_t keep = C->list.sel >= 0 && C->list.sel < C->n ? C->v[C->list.sel].id : 0;
	closed_free(C);
	struct content *rej = NULL, *arc = NULL;
	int nrej = 0, narc = 0;
	struct err e = {0};
	if (content_list(a->s, STAGE_REJECTED, &rej, &nrej, &e) != CH_OK ||
	    content_list(a->s, STAGE_ARCHIVED, &arc, &narc, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		content_list_free(rej, nrej);
		return;
	}
	C->v = nrej + narc ? malloc((size_t)(nrej + narc) * sizeof *C->v) : NULL;
	if (nrej + narc && !C->v) {
		app_msg(a, 1, _("out of memory"));
		content_list_free(rej, nrej);
		content_list_free(arc, narc);
		return;
	}
	/* The items move into one array: the lists' own arrays go, not their strings. */
	if (nrej)
		memcpy(C->v, rej, (size_t)nrej * sizeof *rej);
	if (narc)
		memcpy(C->v + nrej, arc, (size_t)narc * sizeof *arc);
	free(rej);
	free(arc);
	C->n = nrej + narc;
	if (C->n > 1)
		qsort(C->v, (size_t)C->n, sizeof *C->v, newest_first);
	C->list.n = C->n;
	for (int i = 0; keep && i < C->n; i++)
		if (C->v[i].id == keep)
			C->list.sel = i;
	ui_list_clamp(&C->list);
}

static void closed_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct closed_state *C = st;
	char head[128];
	snprintf(head, sizeof head, _(" Rejected and archived %d"), C->n);
	ui_text(w, 0, 0, cols, head, ui_attr(a, UI_HEAD), 1);
	C->list.rows = rows - 2 > 0 ? rows - 2 : 1;
	C->list.n = C->n;
	ui_list_clamp(&C->list);
	ui_list_draw_pos(a, w, 0, cols, &C->list);
	attr_t h = A_BOLD | A_UNDERLINE;
	/* The stage column as wide as its words in this language (8 in English). */
	int sw = 8;
	const char *words[] = { _("Stage"), history_stage("rejected"), history_stage("archived") };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (text_width(words[i]) > sw)
			sw = text_width(words[i]) < 14 ? text_width(words[i]) : 14;
	int wt = cols >= 110 ? 36 : 24 - (sw - 8), xs = 8, xw = xs + sw + 1, xb = xw + 17, xt = xb + 13, xr = xt + wt + 1;
	ui_text(w, 1, 1, 6, _("Id"), h, 0);
	ui_text(w, 1, xs, sw, _("Stage"), h, 0);
	ui_text(w, 1, xw, 16, _("When (UTC)"), h, 0);
	ui_text(w, 1, xb, 12, _("Who"), h, 0);
	ui_text(w, 1, xt, wt, _("Title"), h, 0);
	ui_text(w, 1, xr, cols - xr - 1, _("Reason"), h, 0);
	if (C->n == 0)
		ui_text(w, 2, 2, cols - 4, _("Nothing rejected or archived."), ui_attr(a, UI_DIM), 0);
	for (int r = 0; r < C->list.rows && C->list.top + r < C->n; r++) {
		const struct content *c = &C->v[C->list.top + r];
		int y = 2 + r;
		attr_t at = C->list.top + r == C->list.sel ? ui_attr(a, UI_SEL) : A_NORMAL;
		wattr_on(w, at, NULL);
		mvwhline(w, y, 0, ' ', cols);
		wattr_off(w, at, NULL);
		char id[24], when[32];
		snprintf(id, sizeof id, "#%lld", (long long)c->id);
		time_minute_str(c->stage_at, when, sizeof when);
		ui_text(w, y, 1, 6, id, at, 0);
		ui_text(w, y, xs, sw, history_stage(stage_name(c->stage)), at, 0);
		ui_text(w, y, xw, 16, when, at, 0);
		ui_text(w, y, xb, 12, c->updated_by, at, 0);
		ui_text(w, y, xt, wt, c->title, at | A_BOLD, 0);
		ui_text(w, y, xr, cols - xr - 1, c->reject_reason && c->stage == STAGE_REJECTED ? c->reject_reason : "",
			at, 0);
	}
}

static struct ui_list *closed_list(struct app *a, void *st)
{
	(void)a;
	return &((struct closed_state *)st)->list;
}

/* Does hay hold needle, whatever the case? */
static int holds(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (;; hay++) {
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
		if (!*hay)
			return 0;
	}
}

static int closed_match(struct app *a, void *st, int i, const char *text)
{
	struct closed_state *C = st;
	(void)a;
	if (i < 0 || i >= C->n)
		return 0;
	const struct content *c = &C->v[i];
	return holds(c->title, text) || holds(c->updated_by, text) || holds(stage_name(c->stage), text) || holds(history_stage(stage_name(c->stage)), text) ||
	       (c->reject_reason && holds(c->reject_reason, text));
}

static int closed_targets(struct app *a, void *st, struct act_target **t, int *n)
{
	struct closed_state *C = st;
	const struct content *c = C->list.sel >= 0 && C->list.sel < C->n ? &C->v[C->list.sel] : NULL;
	return act_target_one(a, c ? c->id : 0, c ? c->version : 0, t, n);
}

static void closed_back(struct app *a) { app_close_over(a); }

void closed_open_key(struct app *a)
{
	a->tagged_next = 0;
	a->over = &closed_panel;
	app_requery(a);
}

static const struct keydef closed_keys[] = {
	UI_REQ_KEYS
	UI_REQ_SEARCH_KEYS
	{ '\r', KEY_ENTER, "Enter", "open", N_("open the item's detail"), act_key_open },
	{ 'R', 0, "R", "restore", N_("restore the item to the Inbox"), act_key_restore },
	{ 27, 0, "Esc", "close", N_("close the view, back to the list (q too)"), closed_back },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops closed_panel = {
	.size = sizeof(struct closed_state),
	.name = "closed", .title = N_("Rejected/Archived"), .over = 1, .draw = closed_draw, .requery = closed_requery,
	.targets = closed_targets, .keys = closed_keys, .list = closed_list, .match = closed_match,
	.close = closed_close,
};
