/* campaigns.c — panel 6, step 4 of the method: the campaigns, each a set of
 * messages for one goal and audience over a period, with their shares
 * against the target.
 *
 * The list shows the active campaigns first, then the upcoming, then the
 * ended ones; Enter lays the campaign's detail over it (its own struct
 * panel, so q backs out of it as from the content detail): goal, audience,
 * period, pillars, shares per platform and per week, who shared, and its
 * messages.  Both share one key table, so the ? help, `chorus keys` and
 * the config file know one "campaigns" panel.
 *
 * A master adds (n), changes (e) and ends (x) campaigns through prompts; the
 * core checks everything and its reason is shown.  What the user typed is
 * kept as a draft when the core refuses it or someone else changed the
 * campaign meanwhile: the next n or e starts from it, and after a conflict
 * saves over the other person's version, having shown theirs. */
#include <stdlib.h>
#include <string.h>
#include "chorus/campaign.h"
#include "chorus/i18n.h"
#include "chorus/strategy.h"
#include "ask.h"
#include "groups.h"
#include "text.h"

enum { F_NAME, F_GOAL, F_AUDIENCE, F_STARTS, F_ENDS, F_TARGET, F_GROUP, NFIELDS };

static const char *const field_label[NFIELDS] = {
	N_("Name"), N_("Goal"), N_("Audience"), N_("Starts (YYYY-MM-DD)"), N_("Ends (YYYY-MM-DD)"), N_("Target shares"),
	N_("Focus group"),
};

/* A campaign's status as the screen says it (campaign_status_name's key
 * in the person's language). */
static const char *status_word(enum campaign_status st)
{
	return st == CAMPAIGN_UPCOMING ? _("upcoming") : st == CAMPAIGN_ENDED ? _("ended") : _("active");
}

struct campaigns_state {
	struct campaign *v;
	int n;
	int *order;              /* indexes into v: active, upcoming, ended */
	struct ui_list list;     /* into order; rows shown at the last draw */
	char today[16];
	struct campaign_detail d;
	int have_d;
	int64_t detail_id;
	struct ui_list dlist;    /* the detail's scroll, rows and lines at the last draw */
	/* What the user typed, kept after a refusal or a conflict. */
	struct {
		int active;
		int64_t id;          /* 0: a new campaign */
		int version;         /* theirs after a conflict */
		int conflict;
		char f[NFIELDS][128];
		char theirs[NFIELDS][128];
	} draft;
};

extern const struct panel_ops campaign_view_panel;

static void campaigns_close(void *st)
{
	struct campaigns_state *C = st;
	campaign_list_free(C->v, C->n);
	free(C->order);
	campaign_detail_free(&C->d);
	memset(C, 0, sizeof *C);
}

static enum campaign_status status_of(struct campaigns_state *C, const struct campaign *c)
{
	return campaign_status_on(c, C->today);
}

/* Active first (by start), then upcoming (soonest first), then ended (the
 * most recent first). */
struct order { int status, i; const struct campaign *c; };

static int order_cmp(const void *pa, const void *pb)
{
	const struct order *x = pa, *y = pb;
	const struct campaign *a = x->c, *b = y->c;
	int sa = x->status, sb = y->status;
	if (sa != sb)
		return sa - sb;
	int c = sa == CAMPAIGN_ENDED ? strcmp(b->ends, a->ends) : strcmp(a->starts, b->starts);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static struct campaign *current(struct campaigns_state *C)
{
	return C->list.sel >= 0 && C->list.sel < C->n ? &C->v[C->order[C->list.sel]] : NULL;
}

/* The campaign an action is for: the one in the detail, else the selected one. */
static struct campaign *target(struct app *a)
{
	struct campaigns_state *C = app_state(a, &campaigns_panel);
	if (a->over == &campaign_view_panel) {
		for (int i = 0; i < C->n; i++)
			if (C->v[i].id == C->detail_id)
				return &C->v[i];
		return NULL;
	}
	return current(C);
}

static void campaigns_refresh(struct app *a, void *st)
{
	struct campaigns_state *C = st;
	struct campaign *c = current(C);
	int64_t keep = c ? c->id : 0;
	struct campaign *v;
	int n;
	struct err e = {0};
	if (campaign_list(a->s, &v, &n, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	int *order = malloc(((size_t)n + 1) * sizeof *order);
	struct order *by = malloc(((size_t)n + 1) * sizeof *by);
	if (!order || !by) {
		free(order);
		free(by);
		campaign_list_free(v, n);
		app_msg(a, 1, "%s", _("out of memory"));
		return;
	}
	campaign_list_free(C->v, C->n);
	free(C->order);
	C->v = v;
	C->n = n;
	C->order = order;
	campaign_today(C->today, sizeof C->today);
	for (int i = 0; i < n; i++)
		by[i] = (struct order){ status_of(C, &v[i]), i, &v[i] };
	qsort(by, (size_t)n, sizeof *by, order_cmp);
	for (int i = 0; i < n; i++)
		order[i] = by[i].i;
	free(by);
	for (int i = 0; keep && i < n; i++)
		if (C->v[order[i]].id == keep)
			C->list.sel = i;
	if (C->list.sel >= n)
		C->list.sel = n - 1;
	if (C->list.sel < 0)
		C->list.sel = 0;
}

static void view_refresh(struct app *a, void *st)
{
	struct campaigns_state *C = st;
	campaigns_refresh(a, app_state(a, &campaigns_panel));
	struct campaign_detail d;
	struct err e = {0};
	if (campaign_detail(a->s, C->detail_id, &d, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	campaign_detail_free(&C->d);
	C->d = d;
	C->have_d = 1;
}

/* --- drawing ------------------------------------------------------------- */

/* "45/150 ███░░░░░  30%": shares against the target, the figures right-
 * aligned in 9 cells so that the bars of a list line up. */
static void draw_progress(struct app *a, WINDOW *w, int y, int x, int width, int shares, int target, attr_t base)
{
	char num[48];
	if (target <= 0) {
		snprintf(num, sizeof num, _("%9d  no target"), shares);
		ui_text(w, y, x, width, num, base, 0);
		return;
	}
	int pct = (int)((int64_t)shares * 100 / target);
	char fig[32];
	snprintf(fig, sizeof fig, "%d/%d", shares, target);
	snprintf(num, sizeof num, "%9s", fig);
	ui_text(w, y, x, width, num, base, 0);
	int bar = width - 9 - 6;
	if (bar > 10)
		bar = 10;
	if (bar < 3)
		return;
	int full = (int)((int64_t)(shares > target ? target : shares) * bar / target);
	char cells[10 * 3 + 1];
	size_t o = 0;
	for (int i = 0; i < bar; i++) {
		const char *g = a->utf8 ? (i < full ? "\xe2\x96\x88" : "\xe2\x96\x91") : (i < full ? "#" : ".");
		size_t gl = strlen(g);
		memcpy(cells + o, g, gl);
		o += gl;
	}
	cells[o] = 0;
	ui_text(w, y, x + 10, bar, cells, base | (pct >= 100 ? ui_attr(a, UI_OK) : 0), 0);
	snprintf(num, sizeof num, "%4d%%", pct);
	ui_text(w, y, x + 10 + bar, 5, num, base, 0);
}

/* "2026-10-19 – 12-14" in one year, else both dates in full. */
/* An en dash, or a hyphen where the terminal has no UTF-8. */
static const char *dash(const struct app *a)
{
	return a->utf8 ? "\xe2\x80\x93" : "-";
}

static void period_text(const struct app *a, const struct campaign *c, char *out, size_t n)
{
	if (!c->starts[0] && !c->ends[0])
		snprintf(out, n, "%s", _("no dates"));
	else if (c->starts[0] && c->ends[0] && strncmp(c->starts, c->ends, 5) == 0)
		snprintf(out, n, "%s %s %s", c->starts, dash(a), c->ends + 5);
	else
		snprintf(out, n, "%s %s %s", c->starts[0] ? c->starts : "?", dash(a), c->ends[0] ? c->ends : _("open"));
}

static attr_t status_attr(struct app *a, enum campaign_status st)
{
	return st == CAMPAIGN_ACTIVE ? ui_attr(a, UI_OK) | A_BOLD : st == CAMPAIGN_ENDED ? ui_attr(a, UI_DIM) : A_NORMAL;
}

/* Column positions of the list for this width. */
struct cols { int name, status, period, shares, goal, aud, wname, wstatus, wshares, wgoal, waud; };

/* The wider of min and text's width on screen. */
static int wider(const char *text, int min)
{
	int w = text_width(text);
	return w > min ? w : min;
}

static struct cols list_cols(int cols)
{
	struct cols k;
	k.wname = cols >= 110 ? 26 : 20;
	k.wshares = 25;
	k.name = 2;
	k.status = k.name + k.wname + 1;
	/* As wide as the status words are in this language. */
	k.wstatus = wider(_("Status"), 8);
	for (int s = CAMPAIGN_ACTIVE; s <= CAMPAIGN_ENDED; s++)
		k.wstatus = wider(status_word((enum campaign_status)s), k.wstatus);
	k.period = k.status + k.wstatus + 1;
	k.shares = k.period + 19;
	k.goal = k.shares + k.wshares + 1;
	int rest = cols - k.goal - 1;
	if (rest < 12)
		rest = 0;   /* too narrow to say anything: the detail has them */
	k.wgoal = rest > 20 ? rest * 3 / 5 : rest;
	k.aud = k.goal + k.wgoal + 1;
	k.waud = rest > 20 ? rest - k.wgoal - 1 : 0;
	return k;
}

static void campaigns_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct campaigns_state *C = st;
	char head[256];
	int act = 0;
	for (int i = 0; i < C->n; i++)
		act += status_of(C, &C->v[i]) == CAMPAIGN_ACTIVE;
	char today[32];
	snprintf(head, sizeof head, _(" Campaigns %d   %d active   today %s"), C->n, act,
		 i18n_day(today, sizeof today, C->today));
	ui_text(w, 0, 0, cols, head, ui_attr(a, UI_HEAD), 1);
	struct cols k = list_cols(cols);
	attr_t h = A_BOLD | A_UNDERLINE;
	ui_text(w, 1, k.name, k.wname, _("Name"), h, 0);
	ui_text(w, 1, k.status, k.wstatus, _("Status"), h, 0);
	ui_text(w, 1, k.period, 18, _("Period"), h, 0);
	ui_text(w, 1, k.shares + 2, k.wshares - 2, _("shares/target"), h, 0);
	if (k.wgoal > 0)
		ui_text(w, 1, k.goal, k.wgoal, _("Goal"), h, 0);
	if (k.waud > 0)
		ui_text(w, 1, k.aud, k.waud, _("Audience"), h, 0);
	C->list.rows = rows - 3;
	if (C->list.rows < 1)
		C->list.rows = 1;
	C->list.n = C->n;
	ui_list_clamp(&C->list);
	ui_list_draw_pos(a, w, 0, cols, &C->list);
	if (C->n == 0) {
		char nk[16], msg[160];
		snprintf(msg, sizeof msg, _("No campaigns yet. A social master adds one with %s."),
			 ui_action_key(campaigns_panel.keys, NT_("new"), nk, sizeof nk));
		ui_text(w, 3, 2, cols - 4, msg, ui_attr(a, UI_DIM), 0);
	}
	for (int r = 0; r < C->list.rows && C->list.top + r < C->n; r++) {
		const struct campaign *c = &C->v[C->order[C->list.top + r]];
		int y = 2 + r, selected = C->list.top + r == C->list.sel;
		attr_t at = selected ? ui_attr(a, UI_SEL) : A_NORMAL;
		wattr_on(w, at, NULL);
		mvwhline(w, y, 0, ' ', cols);
		wattr_off(w, at, NULL);
		enum campaign_status cs = status_of(C, c);
		char period[64];
		period_text(a, c, period, sizeof period);
		ui_text(w, y, k.name, k.wname, c->name, at | A_BOLD, 0);
		ui_text(w, y, k.status, k.wstatus, status_word(cs), at | (selected ? 0 : status_attr(a, cs)), 0);
		ui_text(w, y, k.period, 18, period, at, 0);
		draw_progress(a, w, y, k.shares, k.wshares, c->shares, c->target_shares, at);
		if (k.wgoal > 0)
			ui_text(w, y, k.goal, k.wgoal, c->goal[0] ? c->goal : "-", at, 0);
		if (k.waud > 0)
			ui_text(w, y, k.aud, k.waud, c->audience[0] ? c->audience : "-", at, 0);
	}
	if (!a->hint[0] && C->draft.active) {
		char ek[16];
		snprintf(head, sizeof head, C->draft.id ? _("unsaved values of a campaign are kept: %s opens them again")
			 : _("unsaved values of a new campaign are kept: %s opens them again"),
			 ui_action_key(campaigns_panel.keys, C->draft.id ? NT_("edit") : NT_("new"), ek, sizeof ek));
		ui_text(w, rows - 1, 1, cols - 2, head, ui_attr(a, UI_WARN), 0);
	}
}

/* Lines of the detail, drawn below a scroll offset. */
struct lines {
	WINDOW *w;
	int y, top, rows, cols;
	int y0;                  /* the window row of the first line shown */
};

static int line_at(const struct lines *l)
{
	int y = l->y - l->top;
	return y >= 0 && y < l->rows ? l->y0 + y : -1;
}

static void put(struct lines *l, int x, int width, const char *text, attr_t at)
{
	int y = line_at(l);
	if (y >= 0)
		ui_text(l->w, y, x, width, text, at, 0);
}

static void view_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct campaigns_state *C = st;
	if (!C->have_d)
		return;
	const struct campaign_detail *d = &C->d;
	enum campaign_status cs = status_of(C, &d->c);
	char line[1400], period[64];
	snprintf(period, sizeof period, "%s %s %s", d->c.starts[0] ? d->c.starts : _("(no start)"), dash(a),
		 d->c.ends[0] ? d->c.ends : _("(open)"));
	snprintf(line, sizeof line, " %s", d->c.name);
	ui_text(w, 0, 0, cols, line, ui_attr(a, UI_HEAD), 1);
	C->dlist.rows = rows - 1;
	struct lines l = { w, 0, C->dlist.top, rows - 1, cols, 1 };
	put(&l, 1, 8, _("Status"), A_BOLD);
	put(&l, 11, cols - 12, status_word(cs), status_attr(a, cs));
	l.y++;
	static const char *const label[] = { N_("Period"), N_("Goal"), N_("Audience"), N_("Pillars"), N_("Group") };
	const char *none = _("(none)");
	const char *value[] = { period, d->c.goal[0] ? d->c.goal : none,
				d->c.audience[0] ? d->c.audience : none, d->pillars[0] ? d->pillars : none,
				d->c.group[0] ? d->c.group : none };
	for (int i = 0; i < 5; i++, l.y++) {
		put(&l, 1, 9, _(label[i]), A_BOLD);
		put(&l, 11, cols - 12, value[i], A_NORMAL);
	}
	if (d->c.description && d->c.description[0]) {
		put(&l, 11, cols - 12, d->c.description, ui_attr(a, UI_DIM));
		l.y++;
	}
	put(&l, 1, 9, _("Shares"), A_BOLD);
	if (line_at(&l) >= 0)
		draw_progress(a, w, line_at(&l), 9, 30, d->c.shares, d->c.target_shares, A_NORMAL);
	l.y++;
	if (d->sharers)
		snprintf(line, sizeof line, P_("shared by %d person: %s", "shared by %d people: %s", d->sharers),
			 d->sharers, d->names);
	else
		snprintf(line, sizeof line, "%s", _("not shared by anyone yet"));
	put(&l, 11, cols - 12, line, A_NORMAL);
	l.y += 2;

	/* Per platform on the left, per week on the right, side by side. */
	int half = cols / 2, y0 = l.y;
	put(&l, 1, half - 2, _("Shares per platform"), ui_attr(a, UI_HEAD));
	l.y++;
	if (d->nplatforms == 0) {
		put(&l, 3, half - 4, _("(none)"), ui_attr(a, UI_DIM));
		l.y++;
	}
	for (int i = 0; i < d->nplatforms; i++, l.y++) {
		snprintf(line, sizeof line, "%-16.16s %6d", d->platforms[i].label, d->platforms[i].shares);
		put(&l, 3, half - 4, line, A_NORMAL);
	}
	int yleft = l.y;
	l.y = y0;
	if (d->c.target_shares > 0 && d->period_weeks > 0)
		snprintf(line, sizeof line, _("Shares per week (target %d in %d weeks: about %d a week)"),
			 d->c.target_shares, d->period_weeks,
			 (d->c.target_shares + d->period_weeks - 1) / d->period_weeks);
	else
		snprintf(line, sizeof line, "%s", _("Shares per week"));
	put(&l, half, cols - half - 1, line, ui_attr(a, UI_HEAD));
	l.y++;
	int max = 1;
	for (int i = 0; i < d->nweeks; i++)
		if (d->weeks[i].shares > max)
			max = d->weeks[i].shares;
	int running = 0;
	for (int i = 0; i < d->nweeks; i++, l.y++) {
		running += d->weeks[i].shares;
		snprintf(line, sizeof line, _("%-9s %4d  total %4d"), d->weeks[i].label, d->weeks[i].shares, running);
		put(&l, half + 2, 27, line, A_NORMAL);
		int barw = cols - half - 32;
		if (barw > 20)
			barw = 20;
		int cells = d->weeks[i].shares * barw / max;
		char bar[20 * 3 + 1];
		size_t o = 0;
		for (int k = 0; k < cells; k++) {
			const char *g = a->utf8 ? "\xe2\x96\x88" : "#";
			memcpy(bar + o, g, strlen(g));
			o += strlen(g);
		}
		bar[o] = 0;
		if (barw > 0)
			put(&l, half + 30, barw, bar, ui_attr(a, UI_BAR));
	}
	if (d->nweeks == 0) {
		put(&l, half + 2, cols - half - 3, _("(no dates and no shares)"), ui_attr(a, UI_DIM));
		l.y++;
	}
	if (yleft > l.y)
		l.y = yleft;
	l.y++;

	snprintf(line, sizeof line, _("Messages (%d)"), d->nmsgs);
	put(&l, 1, cols - 2, line, ui_attr(a, UI_HEAD));
	l.y++;
	/* The shares column as wide as its head in this language; the title after it. */
	int wsh = wider(_("Shares"), 6), xti = 33 + wsh + 2;
	put(&l, 3, 7, _("Item"), A_BOLD | A_UNDERLINE);
	put(&l, 11, 12, _("Platform"), A_BOLD | A_UNDERLINE);
	put(&l, 24, 8, _("Stage"), A_BOLD | A_UNDERLINE);
	put(&l, 33, wsh, _("Shares"), A_BOLD | A_UNDERLINE);
	put(&l, xti, cols - xti - 1, _("Title"), A_BOLD | A_UNDERLINE);
	l.y++;
	if (d->nmsgs == 0) {
		put(&l, 3, cols - 4, _("No content in this campaign yet (C on the board sets an item's campaign)."),
		    ui_attr(a, UI_DIM));
		l.y++;
	}
	for (int i = 0; i < d->nmsgs; i++, l.y++) {
		const struct campaign_message *m = &d->msgs[i];
		char id[24], plat[48], sh[16];
		snprintf(id, sizeof id, "#%lld", (long long)m->content_id);
		if (m->variant > 1)
			snprintf(plat, sizeof plat, "%s v%d", m->platform, m->variant);
		else
			snprintf(plat, sizeof plat, "%s", m->platform[0] ? m->platform : "-");
		snprintf(sh, sizeof sh, "%*d", wsh, m->shares);
		put(&l, 3, 7, id, ui_attr(a, UI_DIM));
		put(&l, 11, 12, plat, A_NORMAL);
		put(&l, 24, 8, m->stage, A_NORMAL);
		put(&l, 33, wsh, sh, A_NORMAL);
		put(&l, xti, cols - xti - 1, m->title, A_NORMAL);
	}
	C->dlist.n = l.y;
	if (C->dlist.n > C->dlist.rows)
		ui_list_draw_pos(a, w, 0, cols, &C->dlist);
}

/* --- moving -------------------------------------------------------------- */

static int in_view(struct app *a)
{
	return a->over == &campaign_view_panel;
}

static struct ui_list *campaigns_rows(struct app *a, void *st)
{
	struct campaigns_state *C = st;
	if (in_view(a)) {
		C->dlist.scroll = 1;
		return &C->dlist;
	}
	C->list.n = C->n;
	return &C->list;
}

static void c_open(struct app *a)
{
	struct campaigns_state *C = app_state(a, &campaigns_panel);
	struct campaign *c = current(C);
	if (in_view(a) || !c)
		return;
	C->detail_id = c->id;
	C->dlist.top = 0;
	a->over = &campaign_view_panel;
	app_requery(a);
}

/* --- changing ------------------------------------------------------------ */

/* "A, B, C" of the strategy's goal titles or audience names. */
static void choices(struct app *a, int audiences, char *out, size_t n)
{
	struct strategy st;
	struct err e = {0};
	out[0] = 0;
	if (strategy_load(a->s, &st, &e) != CH_OK)
		return;
	size_t o = 0;
	int cnt = audiences ? st.naudiences : st.ngoals;
	for (int i = 0; i < cnt && o < n; i++) {
		const char *name = audiences ? st.audiences[i].name : st.goals[i].title;
		int k = snprintf(out + o, n - o, "%s%s", o ? ", " : "", name);
		if (k < 0 || (size_t)k >= n - o) {
			out[o] = 0;
			break;
		}
		o += (size_t)k;
	}
	strategy_free(&st);
}

static void fields_of(const struct campaign *c, char f[NFIELDS][128])
{
	snprintf(f[F_NAME], 128, "%s", c->name);
	snprintf(f[F_GOAL], 128, "%s", c->goal);
	snprintf(f[F_AUDIENCE], 128, "%s", c->audience);
	snprintf(f[F_STARTS], 128, "%s", c->starts);
	snprintf(f[F_ENDS], 128, "%s", c->ends);
	snprintf(f[F_TARGET], 128, "%d", c->target_shares);
	snprintf(f[F_GROUP], 128, "%s", c->group);
}

/* The target is a whole number; the rest is the core's to judge on saving. */
static int campaign_rule(void *ctx, int i, const char *text, char *why, size_t whyn)
{
	long most = 100000000;
	(void)ctx;
	return i == F_TARGET ? ask_check_count(&most, text, why, whyn) : 0;
}

/* Edit every field in a form, starting from f; the choices of goal and
 * audience, and after a conflict the other person's value, are the hints.
 * 0 when Esc cancelled. */
static int ask(struct app *a, char f[NFIELDS][128], int conflict)
{
	struct campaigns_state *C = app_state(a, &campaigns_panel);
	char goals[400], auds[400], hint[NFIELDS][560], title[64];
	choices(a, 0, goals, sizeof goals);
	choices(a, 1, auds, sizeof auds);
	struct group_names gn;
	group_names_load(a, &gn);
	struct ui_form *fm = malloc(sizeof *fm);
	if (!fm) {
		group_names_free(&gn);
		app_msg(a, 1, "%s", _("out of memory"));
		return 0;
	}
	ui_form_init(fm, 0, campaign_rule, NULL);
	for (int i = 0; i < NFIELDS; i++) {
		size_t o = 0;
		hint[i][0] = 0;
		if (i == F_GOAL || i == F_AUDIENCE) {
			const char *list = i == F_GOAL ? goals : auds;
			o = (size_t)snprintf(hint[i], sizeof hint[i],
					     i == F_GOAL ? _("goals: %s (empty: none)") : _("audiences: %s (empty: none)"),
					     list[0] ? list : _("none defined"));
		} else if (i == F_GROUP) {
			char names[400];
			group_names_join(&gn, names, sizeof names);
			o = (size_t)snprintf(hint[i], sizeof hint[i], _("focus groups: %s (empty: none)"),
					     names[0] ? names : _("none yet"));
		}
		if (conflict && strcmp(C->draft.theirs[i], f[i]) != 0 && o < sizeof hint[i])
			snprintf(hint[i] + o, sizeof hint[i] - o, _("%stheirs: %s"), o ? "   " : "",
				 C->draft.theirs[i][0] ? C->draft.theirs[i] : _("(empty)"));
		ui_form_add(fm, _(field_label[i]), hint[i], f[i]);
		fm->f[i].line.max = 128;
		ui_form_check(fm, i);
	}
	if (C->draft.id)
		snprintf(title, sizeof title, _(" Campaign %lld "), (long long)C->draft.id);
	else
		snprintf(title, sizeof title, "%s", _(" New campaign "));
	int ok = ask_form(a, title, fm, NULL);
	if (!ok)
		app_msg(a, 0, "%s", _("cancelled"));
	for (int i = 0; ok && i < NFIELDS; i++)
		snprintf(f[i], 128, "%s", fm->f[i].line.buf);
	free(fm);
	group_names_free(&gn);
	return ok;
}

/* Save the draft: add or change.  Keeps it when the core refuses. */
static void save(struct app *a, const struct campaign *old)
{
	struct campaigns_state *C = app_state(a, &campaigns_panel);
	char (*f)[128] = C->draft.f;
	char *end;
	long target = strtol(f[F_TARGET][0] ? f[F_TARGET] : "0", &end, 10);
	if (*end || target < 0 || target > 100000000) {
		app_msg(a, 1, _("not saved: target shares '%s' is not a whole number of 0 or more; your values are kept"),
			f[F_TARGET]);
		return;
	}
	struct campaign_change c = { .target_shares = (int)target };
	const char **slot[NFIELDS] = { &c.name, &c.goal, &c.audience, &c.starts, &c.ends, NULL };
	char was[NFIELDS][128];
	if (old)
		fields_of(old, was);
	int changed = 0;
	/* A new campaign leaves out what is empty; a change sends what differs. */
	for (int i = 0; i < F_TARGET; i++)
		if (!old ? f[i][0] != 0 : strcmp(was[i], f[i]) != 0) {
			*slot[i] = f[i];
			changed = 1;
		}
	if (old && strcmp(was[F_TARGET], f[F_TARGET]) == 0)
		c.target_shares = -1;
	else
		changed = 1;
	if (!old ? f[F_GROUP][0] != 0 : strcmp(was[F_GROUP], f[F_GROUP]) != 0) {
		c.group = f[F_GROUP];
		changed = 1;
	}
	struct err e = {0};
	int64_t id = C->draft.id;
	int st;
	if (old && !changed) {
		C->draft.active = 0;
		app_msg(a, 0, "%s", _("nothing changed"));
		return;
	}
	st = old ? campaign_set(a->s, id, &c, C->draft.version, &e) : campaign_add(a->s, &c, &id, &e);
	if (st == CH_OK) {
		C->draft.active = 0;
		app_msg(a, 0, old ? _("saved campaign %s") : _("added campaign %s"), f[F_NAME]);
		app_requery(a);
		for (int i = 0; !old && i < C->n; i++)
			if (C->v[C->order[i]].id == id)
				C->list.sel = i;
		return;
	}
	app_requery(a);
	if (st == CH_BUSY && e.kind == ERR_CONFLICT) {
		char what[160], after[160], ek[16];
		C->draft.version = e.version;
		C->draft.conflict = 1;
		for (int i = 0; i < C->n; i++)
			if (C->v[i].id == id)
				fields_of(&C->v[i], C->draft.theirs);
		snprintf(what, sizeof what, _("campaign %s"), f[F_NAME]);
		snprintf(after, sizeof after, _("yours are kept: %s shows theirs, then saves yours"),
			 ui_action_key(campaigns_panel.keys, NT_("edit"), ek, sizeof ek));
		ask_conflict(a, what, &e, after);
	} else
		app_msg(a, 1, _("not saved: %s (your values are kept)"), e.msg);
}

static void c_new(struct app *a)
{
	struct campaigns_state *C = app_state(a, &campaigns_panel);
	if (!ask_may(a, _("adding campaigns")))
		return;
	if (!C->draft.active || C->draft.id != 0) {
		memset(&C->draft, 0, sizeof C->draft);
		snprintf(C->draft.f[F_TARGET], 128, "0");
	}
	C->draft.active = 1;
	if (!ask(a, C->draft.f, 0)) {
		C->draft.active = 0;
		return;
	}
	save(a, NULL);
}

static void c_edit(struct app *a)
{
	struct campaigns_state *C = app_state(a, &campaigns_panel);
	struct campaign *c = target(a);
	if (!c) {
		app_msg(a, 1, "%s", _("no campaign selected"));
		return;
	}
	if (!ask_may(a, _("changing campaigns")))
		return;
	if (!C->draft.active || C->draft.id != c->id) {
		memset(&C->draft, 0, sizeof C->draft);
		C->draft.id = c->id;
		C->draft.version = c->version;
		fields_of(c, C->draft.f);
	}
	C->draft.active = 1;
	struct campaign old = *c;   /* the prompts may redraw, and a redraw may re-query */
	old.description = NULL;
	if (!ask(a, C->draft.f, C->draft.conflict)) {
		C->draft.active = 0;
		return;
	}
	/* Compared with what is stored now: after a conflict, theirs. */
	struct campaign *now = NULL;
	for (int i = 0; i < C->n; i++)
		if (C->v[i].id == old.id)
			now = &C->v[i];
	save(a, now ? now : &old);
}

static void c_end(struct app *a)
{
	struct campaigns_state *C = app_state(a, &campaigns_panel);
	struct campaign *c = target(a);
	if (!c) {
		app_msg(a, 1, "%s", _("no campaign selected"));
		return;
	}
	if (!ask_may(a, _("ending campaigns")))
		return;
	char name[96];
	int64_t id = c->id;
	int version = c->version;
	snprintf(name, sizeof name, "%s", c->name);
	char today[32];
	i18n_day(today, sizeof today, C->today);
	snprintf(a->hint, sizeof a->hint, _("ending %s: its end date becomes today, %s; nothing is deleted"), name, today);
	a->dirty = 1;
	int yes = ask_yes(a, _("End this campaign today? (y/N) "));
	a->hint[0] = 0;
	if (!yes)
		return;
	struct err e = {0};
	int st = campaign_end(a->s, id, version, &e);
	app_requery(a);
	if (st == CH_OK)
		app_msg(a, 0, _("campaign %s ends today (%s)"), name, today);
	else if (st == CH_BUSY && e.kind == ERR_CONFLICT) {
		char what[160];
		snprintf(what, sizeof what, _("campaign %s"), name);
		ask_conflict(a, what, &e, _("look at it again, then end it"));
	} else
		app_msg(a, 1, _("not ended: %s"), e.msg);
}

static void campaigns_mouse(struct app *a, void *st, int y, int x, int button)
{
	struct campaigns_state *C = st;
	(void)x;
	int at = ui_list_at(&C->list, y - 2);
	if (button == 1 && !in_view(a) && at >= 0)
		C->list.sel = at;
}

static const struct keydef campaigns_keys[] = {
	UI_REQ_KEYS
	{ '\r', KEY_ENTER, "Enter", "open", N_("the campaign's detail: messages, shares per platform and week"), c_open },
	{ 'n', 0, "n", "new", N_("new campaign (social masters): name, goal, audience, dates, target"), c_new },
	{ 'e', 0, "e", "edit", N_("change the campaign's fields (social masters)"), c_edit },
	{ 'x', 0, "x", "end", N_("end the campaign today (social masters; nothing is deleted)"), c_end },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops campaigns_panel = {
	.size = sizeof(struct campaigns_state),
	.name = "campaigns", .title = N_("Campaigns"), .draw = campaigns_draw, .requery = campaigns_refresh,
	.mouse = campaigns_mouse, .keys = campaigns_keys, .list = campaigns_rows, .close = campaigns_close,
};

/* The detail, laid over the list: q backs out of it. */
const struct panel_ops campaign_view_panel = {
	.of = &campaigns_panel,
	.name = "campaigns", .title = N_("Campaigns"), .draw = view_draw, .requery = view_refresh,
	.mouse = campaigns_mouse, .keys = campaigns_keys, .list = campaigns_rows, .over = 1,
};
