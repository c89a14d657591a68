/* engagement.c — panel 4, step 5 of the method: a heatmap of ambassadors by
 * ISO week (newest at the right), team rows, adoption per week against the
 * strategy's target and the quiet list, for the stimulators to coach with.
 *
 * Engagement is for coaching, not ranking (DESIGN §1: leaderboards get
 * gamed): no positions or rank numbers anywhere, and the activity sort puts
 * the least active first, as "who might need a nudge".
 *
 * The data comes from engagement_load (src/core/engagement.c): one range of
 * the activity_week aggregate for the weeks on screen, so a frame costs the
 * same with two thousand events or two million.  What is loaded stays
 * cached while the database's change signal (the one the live refresh
 * polls) stays the same: entering the panel again reads nothing, h/l read
 * only the weeks scrolled in (engagement_scroll), m and s re-sum what is in
 * memory.  A change by anyone reads only the weeks in view that new events
 * fell in (engagement_refresh); t, r, a new week, other people in the filter
 * or a resize that changes how many weeks fit load afresh.  Drawing itself
 * reads no database.
 *
 * Shades, five levels in every tier (DESIGN §6):
 *   glyphs   UTF-8 locale: ' ' ░ ▒ ▓ █;  otherwise ASCII ' ' . + # @ (five of
 *            " .:-=+*#%@", spaced out so that each step is plainly denser);
 *   colour   a green ramp as the glyph's foreground: truecolor RGB, or the
 *            256-colour cube, or with eight colours blue, cyan, green, yellow;
 *            none with NO_COLOR / --no-color, where the glyph alone tells.
 * The scale: level k starts at the k-th quartile of the non-empty cells in
 * view (see engagement.h), and the legend prints the numbers. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../util/timeutil.h"
#include "chorus/engagement.h"
#include "chorus/i18n.h"
#include "chorus/metrics.h"
#include "text.h"
#include "ui.h"

#define NAME_W 20          /* the name column, at 100 columns and up */
#define NAME_W_NARROW 16
#define QUIET_W 28         /* the quiet list at the right */
#define QUIET_W_NARROW 22
#define CELL_W 2           /* columns per week */
#define LABEL_EVERY 5      /* a week label every this many weeks */
#define HEAD_ROWS 2        /* title, week labels */
#define FOOT_ROWS 4        /* adoption sparkline, adoption words, legend, the row under the cursor */
#define MAX_WEEKS 520      /* ten years back is far enough */

enum sort { SORT_NAME, SORT_TEAM, SORT_NUDGE, SORTS };
static const char *const sort_name[SORTS] = {
	N_("name"), N_("team (with team rows)"), N_("who might need a nudge (least active first)"),
};

/* The metrics as the panel names them (engagement_metric_name's, in the
 * person's language). */
static const char *const metric_shown[ENGAGEMENT_METRICS] = {
	N_("all activity"), N_("contributions"), N_("edits"), N_("shares"), N_("conversations"),
};

static const char *metric_word(enum engagement_metric m)
{
	return (int)m >= 0 && m < ENGAGEMENT_METRICS ? _(metric_shown[m]) : "?";
}

/* A percentage as metrics_fixed rounds it, in the person's form. */
static const char *pct_text(double v, int decimals, char *out, size_t n)
{
	return i18n_num(out, n, metrics_round(v, decimals), decimals);
}

/* One line of the heatmap: a person, or a team's total (people index or
 * team index into the loaded struct engagement). */
struct line {
	int team;               /* 1: g.teams[i], 0: g.people[i] */
	int i;
	int64_t key;            /* what the nudge sort orders by: the person's total */
};

struct engagement_state {
	struct engagement g;
	int loaded;
	enum engagement_metric metric;
	struct engagement_filter filter;
	char filter_name[128];
	enum sort sort;
	int team_rows;          /* a: team rows when not sorted by team */
	int back;               /* weeks scrolled back from the current one */
	struct line *lines;
	int nlines;
	struct ui_list list;    /* over lines; rows that fit from the last draw */
	int64_t signal;         /* the store's change signal when g was loaded; -1 unknown */
	int64_t own;            /* this connection's changes then (the signal does not count them) */
	int64_t sel_person;     /* keeps the cursor on a person across loads */
	int64_t sel_team;
};

static void engagement_close(void *st)
{
	struct engagement_state *E = st;
	engagement_free(&E->g);
	free(E->lines);
	E->lines = NULL;
	E->nlines = 0;
	E->loaded = 0;
}

/* --- layout -------------------------------------------------------------- */

struct layout {
	int name_w, quiet_w;
	int x0;                 /* first week column */
	int weeks;              /* weeks that fit */
	int sep;                /* the quiet list's separator */
};

static struct layout layout_of(int cols)
{
	struct layout l;
	l.name_w = cols >= 100 ? NAME_W : NAME_W_NARROW;
	l.quiet_w = cols >= 100 ? QUIET_W : QUIET_W_NARROW;
	l.sep = cols - l.quiet_w - 1;
	l.weeks = (l.sep - l.name_w - 1) / CELL_W;
	if (l.weeks < 1)
		l.weeks = 1;
	if (l.weeks > MAX_WEEKS)
		l.weeks = MAX_WEEKS;
	/* Weeks flush against the separator: the newest is always there. */
	l.x0 = l.sep - l.weeks * CELL_W;
	return l;
}

/* --- loading ------------------------------------------------------------- */

/* Lines of people (team 0) by their total, which build_lines put in key. */
static int cmp_nudge(const void *x, const void *y)
{
	const struct line *a = x, *b = y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->i - b->i;     /* people come by name: keep that order */
}

/* The lines in display order for the sort and the team-rows toggle. */
static int build_lines(struct engagement_state *E)
{
	int max = E->g.npeople + E->g.nteams;
	struct line *l = malloc((size_t)(max ? max : 1) * sizeof *l);
	if (!l)
		return -1;
	int n = 0;
	if (E->sort == SORT_TEAM) {
		/* Each team's people by name, then the team's row under them. */
		for (int t = 0; t < E->g.nteams; t++) {
			for (int i = 0; i < E->g.npeople; i++)
				if (E->g.people[i].team_id == E->g.teams[t].team_id)
					l[n++] = (struct line){ 0, i, 0 };
			l[n++] = (struct line){ 1, t, 0 };
		}
	} else {
		/* Paused people are not nagged: last in the nudge sort. */
		for (int i = 0; i < E->g.npeople; i++)
			l[n++] = (struct line){ 0, i, E->sort == SORT_NUDGE && E->g.people[i].paused ? INT64_MAX
						      : E->g.people[i].total };
		if (E->sort == SORT_NUDGE)
			qsort(l, (size_t)n, sizeof *l, cmp_nudge);
		if (E->team_rows)
			for (int t = 0; t < E->g.nteams; t++)
				l[n++] = (struct line){ 1, t, 0 };
	}
	free(E->lines);
	E->lines = l;
	E->nlines = n;
	return 0;
}

static void remember_sel(struct engagement_state *E)
{
	E->sel_person = E->sel_team = -1;
	if (E->list.sel < 0 || E->list.sel >= E->nlines)
		return;
	const struct line *l = &E->lines[E->list.sel];
	if (l->team)
		E->sel_team = E->g.teams[l->i].team_id;
	else
		E->sel_person = E->g.people[l->i].person_id;
}

/* Put the cursor back on the person or team it was on, if still there. */
static void restore_sel(struct engagement_state *E)
{
	for (int k = 0; k < E->nlines; k++) {
		const struct line *l = &E->lines[k];
		if ((l->team && E->g.teams[l->i].team_id == E->sel_team)
		    || (!l->team && E->g.people[l->i].person_id == E->sel_person)) {
			E->list.sel = k;
			return;
		}
	}
	if (E->list.sel >= E->nlines)
		E->list.sel = E->nlines - 1;
	if (E->list.sel < 0)
		E->list.sel = 0;
}

static void relayout(struct engagement_state *E)
{
	remember_sel(E);
	if (build_lines(E) != 0) {
		E->nlines = 0;
		return;
	}
	restore_sel(E);
}

/* Load the weeks that fit at this width, ending back weeks before now.
 * The change signal is read first: a change committed during the load
 * then shows as a new signal, and the next requery loads again. */
static void eng_load(struct app *a)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	struct layout lo = layout_of(a->cols);
	int current = (int)time_week_of(store_now());
	int last = current - E->back;
	struct engagement fresh;
	struct err e = {0};
	int64_t signal = a->signal, own = store_own_changes(a->s);   /* (the signal as the timer last polled it: see app_token) */
	remember_sel(E);
	if (engagement_load(a->s, last - lo.weeks + 1, lo.weeks, E->metric, &E->filter, &fresh, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		E->signal = -1;
		return;   /* keep showing what we had */
	}
	engagement_free(&E->g);
	E->g = fresh;
	E->loaded = 1;
	E->signal = signal;
	E->own = own;
	if (build_lines(E) != 0) {
		E->nlines = 0;
		app_msg(a, 1, "%s", _("out of memory"));
		return;
	}
	restore_sel(E);
}

/* Is what is loaded still what the database holds, for this week and
 * width?  Then nothing needs reading. */
static int eng_fresh(struct app *a)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	if (!E->loaded || E->signal == -1 || E->g.nweeks != layout_of(a->cols).weeks
	    || E->g.current_week != (int)time_week_of(store_now()))
		return 0;
	/* A change this chorus made (People's J, d) moves no signal. */
	return a->signal == E->signal && store_own_changes(a->s) == E->own;
}

/* While the interface is idle after its first frame (the board's own
 * work done): load the panel's data before it is first shown, so that the
 * first visit reads nothing, or only what changed since. */
void engagement_panel_prefetch(struct app *a)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	if (!E->loaded && !a->too_small && !a->quit)
		eng_load(a);
}

/* Entering the panel, the live refresh: read only when something changed,
 * and then, while the people and the week are the same, only the weeks in
 * view that new events fell in (engagement_refresh). */
static void eng_requery(struct app *a, void *st)
{
	struct engagement_state *E = st;
	if (eng_fresh(a))
		return;
	if (E->loaded && E->signal != -1 && E->g.nweeks == layout_of(a->cols).weeks) {
		struct err e = {0};
		int64_t signal = a->signal, own = store_own_changes(a->s);
		if (engagement_refresh(a->s, &E->g, &e) == CH_OK) {
			E->signal = signal;
			E->own = own;
			relayout(E);
			return;
		}
		E->loaded = 0;   /* only fit to be loaded again */
	}
	eng_load(a);
}

/* r: read everything again, changed or not. */
/* r reloads as everywhere, and forgets the signal the data was read at. */
static int eng_request(struct app *a, void *st, enum ui_req r)
{
	struct engagement_state *E = st;
	(void)a;
	if (r == REQ_RELOAD)
		E->signal = -1;
	return 0;
}

/* --- drawing -------------------------------------------------------------- */

static const char *const glyph_utf8[ENGAGEMENT_LEVELS] = {
	" ", "\xe2\x96\x91", "\xe2\x96\x92", "\xe2\x96\x93", "\xe2\x96\x88",
};
static const char *const glyph_ascii[ENGAGEMENT_LEVELS] = { " ", ".", "+", "#", "@" };

/* Sparkline of adoption: eighths of a block, ASCII stand-ins without UTF-8. */
static const char *const spark_utf8[9] = {
	" ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};
static const char *const spark_ascii[9] = { " ", "_", ".", "-", "=", "+", "*", "#", "@" };

static const char *glyph(const struct app *a, int level)
{
	return (a->utf8 ? glyph_utf8 : glyph_ascii)[level];
}

static void draw_cell(struct app *a, WINDOW *w, int y, int x, int level, attr_t extra)
{
	const char *gl = glyph(a, level);
	/* The shades' colours come from the theme (heatmap:). */
	wattr_on(w, ui_heat(a, level) | extra, NULL);
	for (int c = 0; c < CELL_W; c++)
		mvwaddstr(w, y, x + c, gl);
	wattr_off(w, ui_heat(a, level) | extra, NULL);
}

/* Week labels every LABEL_EVERY weeks counted from the newest, each ending
 * at its week's column, so the newest week is always labelled. */
static void draw_week_labels(struct engagement_state *E, WINDOW *w, int y, const struct layout *lo)
{
	for (int i = E->g.nweeks - 1; i >= 0; i -= LABEL_EVERY) {
		char label[16];
		time_week_label(E->g.first_week + i, label, sizeof label);
		int len = (int)strlen(label);
		int right = lo->x0 + (i + 1) * CELL_W - 1;
		int x = right - len + 1;
		if (x < lo->x0)
			break;
		mvwaddstr(w, y, x, label);
	}
}

static void draw_row(struct app *a, WINDOW *w, int y, const struct layout *lo, const struct line *l, int selected)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	const struct engagement_row *r = l->team ? &E->g.teams[l->i] : &E->g.people[l->i];
	char name[160];
	if (l->team)
		snprintf(name, sizeof name, "= %s (%d)", r->name, r->members);
	else
		snprintf(name, sizeof name, "%s", r->name);
	attr_t at = (selected ? ui_attr(a, UI_SEL) : A_NORMAL) | (l->team ? A_BOLD : A_NORMAL);
	ui_text(w, y, 0, lo->name_w, name, at, 1);
	for (int i = 0; i < E->g.nweeks; i++) {
		/* Team rows on the people's scale: the mean per member. */
		double v = l->team ? (double)r->n[i] / (r->members ? r->members : 1) : r->n[i];
		draw_cell(a, w, y, lo->x0 + i * CELL_W, engagement_level(&E->g, v), l->team ? A_BOLD : A_NORMAL);
	}
}

/* The top milestone, in percent: what a full block of the sparkline is. */
static double top_milestone(const struct engagement *g)
{
	return g->nmilestones ? g->milestones[g->nmilestones - 1] : 10;
}

/* The sparkline of adoption (who shared, metrics_adoption_settle): scaled
 * to the top milestone, a full block there (so it does not saturate far
 * below it); weeks that reached a milestone in the OK colour, the others
 * in the warning one (bold / plain without colour). */
static void draw_adoption_spark(struct app *a, WINDOW *w, int y, const struct layout *lo)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	char head[64], pct[64];
	double top = top_milestone(&E->g);
	snprintf(head, sizeof head, _("adoption %s=%s%%"), a->utf8 ? spark_utf8[8] : spark_ascii[8],
		 pct_text(top, top == (int)top ? 0 : 1, pct, sizeof pct));
	ui_text(w, y, 0, lo->name_w, head, ui_attr(a, UI_DIM), 1);
	for (int i = 0; i < E->g.nweeks; i++) {
		struct metrics_adoption_week wk;
		engagement_adoption_week(&E->g, i, &wk);
		double v = wk.shared_pct;
		int k = v <= 0 ? 0 : (int)(v / top * 8 + 0.999);
		if (v > 0 && k < 1)
			k = 1;
		if (k > 8)
			k = 8;
		int met = wk.milestone > 0;
		attr_t at = a->color ? ui_attr(a, met ? UI_OK : UI_WARN) : (met ? A_BOLD : A_NORMAL);
		const char *gl = (a->utf8 ? spark_utf8 : spark_ascii)[k];
		wattr_on(w, at, NULL);
		for (int c = 0; c < CELL_W; c++)
			mvwaddstr(w, y, lo->x0 + i * CELL_W + c, gl);
		wattr_off(w, at, NULL);
	}
}

/* Under the sparkline (its head says "adoption"): "2026-W48: 20.0% shared,
 * 40.0% took part of 5 registered (no headcount); [1] [5] 10%", the
 * milestones reached in brackets. */
static void draw_adoption_words(struct app *a, WINDOW *w, int y, int cols)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	char line[640], sh[64], tp[64], base[96];
	int i = E->g.nweeks - 1;
	struct metrics_adoption_week wk;
	engagement_adoption_week(&E->g, i > 0 ? i : 0, &wk);
	if (wk.by_headcount)
		snprintf(base, sizeof base, _("headcount %lld"), (long long)wk.headcount);
	else
		snprintf(base, sizeof base, wk.filtered ? _("%lld registered in view") : _("%lld registered (no headcount)"),
			 (long long)wk.registered);
	int n = snprintf(line, sizeof line, _("%s: %s%% shared, %s%% took part of %s;"), wk.label,
			 pct_text(wk.shared_pct, 1, sh, sizeof sh), pct_text(wk.took_part_pct, 1, tp, sizeof tp),
			 base);
	for (int k = 0; k < E->g.nmilestones && n > 0 && (size_t)n < sizeof line; k++) {
		char m[64];
		pct_text(E->g.milestones[k], E->g.milestones[k] == (int)E->g.milestones[k] ? 0 : 1, m, sizeof m);
		int reached = wk.milestone >= E->g.milestones[k];
		const char *pct = k + 1 == E->g.nmilestones ? "%" : "";
		n += snprintf(line + n, sizeof line - (size_t)n, reached ? " [%s]%s" : " %s%s", m, pct);
	}
	ui_text(w, y, 0, cols, line, wk.milestone > 0 ? ui_attr(a, UI_OK) : ui_attr(a, UI_WARN), 0);
}

/* "scale ░ 1 ▒ 2-3 ▓ 4-8 █ 9+ (quartiles of the weeks in view)". */
static void draw_legend(struct app *a, WINDOW *w, int y, int cols)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	int x = ui_text(w, y, 0, cols, _("scale "), ui_attr(a, UI_DIM), 0);
	for (int k = 1; k < ENGAGEMENT_LEVELS && x < cols; k++) {
		char range[32];
		int lo = E->g.scale[k], hi = k + 1 < ENGAGEMENT_LEVELS ? E->g.scale[k + 1] - 1 : -1;
		if (hi < 0)
			snprintf(range, sizeof range, " %d+  ", lo);
		else if (hi == lo)
			snprintf(range, sizeof range, " %d  ", lo);
		else
			snprintf(range, sizeof range, " %d-%d  ", lo, hi);
		if (x + CELL_W + (int)strlen(range) > cols)
			break;
		draw_cell(a, w, y, x, k, A_NORMAL);
		x += CELL_W;
		x += ui_text(w, y, x, cols - x, range, A_NORMAL, 0);
	}
	char tail[160];
	snprintf(tail, sizeof tail, _("of %s per week (quartiles of the cells in view, max %d); team rows: mean per member"),
		 metric_word(E->g.metric), E->g.max);
	if (x < cols)
		ui_text(w, y, x, cols - x, tail, ui_attr(a, UI_DIM), 0);
}

static void draw_current(struct app *a, WINDOW *w, int y, int cols)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	char line[320], label[32];
	snprintf(label, sizeof label, "%s", _("never"));
	if (E->list.sel < 0 || E->list.sel >= E->nlines) {
		ui_text(w, y, 0, cols, _("nobody here: t changes the filter"), ui_attr(a, UI_DIM), 0);
		return;
	}
	const struct line *l = &E->lines[E->list.sel];
	const struct engagement_row *r = l->team ? &E->g.teams[l->i] : &E->g.people[l->i];
	if (r->last_week >= 0)
		time_week_label(r->last_week, label, sizeof label);
	if (l->team)
		snprintf(line, sizeof line, P_("team %s: %d person, %lld in the weeks in view (%s), last active %s",
					       "team %s: %d people, %lld in the weeks in view (%s), last active %s", r->members),
			 r->name, r->members, (long long)r->total, metric_word(E->g.metric), label);
	else
		snprintf(line, sizeof line, _("%s (%s%s%s): %lld in the weeks in view (%s), last active %s"),
			 r->name, r->login, r->team[0] ? ", " : "", r->team,
			 (long long)r->total, metric_word(E->g.metric), label);
	ui_text(w, y, 0, cols, line, A_NORMAL, 0);
}

static void draw_quiet(struct app *a, WINDOW *w, int rows, const struct layout *lo)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	int x = lo->sep + 2, width = lo->quiet_w - 1;
	/* A plain character, not ACS: the line-drawing set is what some
	 * terminals (vt100 in tmux among them) get wrong. */
	for (int y = 0; y < rows; y++)
		mvwaddstr(w, y, lo->sep, a->utf8 ? NT_("\xe2\x94\x82") : "|");
	char head[64];
	snprintf(head, sizeof head, _("Quiet %d+ weeks: %d"), E->g.quiet_weeks, E->g.nquiet);
	ui_text(w, 0, x, width, head, ui_attr(a, UI_HEAD), 0);
	ui_text(w, 1, x, width, _("who might need a nudge"), ui_attr(a, UI_DIM), 0);
	int y = 2;
	for (int k = 0; k < E->g.nquiet && y < rows; k++, y++) {
		const struct engagement_row *r = &E->g.people[E->g.quiet[k]];
		char since[32];
		if (r->last_week < 0)
			snprintf(since, sizeof since, "%s", _("never"));
		else
			snprintf(since, sizeof since, "%dw", E->g.current_week - r->last_week);
		int sw = text_width(since);
		if (y == rows - 1 && k < E->g.nquiet - 1) {
			char more[64];
			snprintf(more, sizeof more, _("... %d more"), E->g.nquiet - k);
			ui_text(w, y, x, width, more, ui_attr(a, UI_DIM), 0);
			break;
		}
		ui_text(w, y, x, width - sw - 1, r->name, A_NORMAL, 0);
		ui_text(w, y, x + width - sw, sw, since, ui_attr(a, UI_DIM), 0);
	}
	if (E->g.nquiet == 0)
		ui_text(w, y++, x, width, _("(nobody)"), ui_attr(a, UI_DIM), 0);
	if (E->g.quiet_paused && y < rows) {
		char skipped[96];
		snprintf(skipped, sizeof skipped, _("%d paused: skipped"), E->g.quiet_paused);
		ui_text(w, y, x, width, skipped, ui_attr(a, UI_DIM), 0);
	}
}

static void eng_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct engagement_state *E = st;
	struct layout lo = layout_of(cols);
	/* A resize changed how many weeks fit: load them (the only load a
	 * draw does). */
	if (!E->loaded || lo.weeks != E->g.nweeks)
		eng_load(a);
	if (!E->loaded)
		return;
	int body = rows - HEAD_ROWS - FOOT_ROWS;
	E->list.rows = body > 1 ? body : 1;
	E->list.n = E->nlines;
	ui_list_clamp(&E->list);
	char title[512], pos[48];
	snprintf(title, sizeof title, _("Heatmaps: %s per ISO week, %s, sorted by %s (for coaching, not ranking)  %s"),
		 metric_word(E->g.metric), E->filter.scope ? E->filter_name : _("everyone"),
		 _(sort_name[E->sort]), ui_list_pos(&E->list, pos, sizeof pos));
	ui_text(w, 0, 0, lo.sep, title, ui_attr(a, UI_HEAD), 0);
	draw_week_labels(E, w, 1, &lo);
	ui_text(w, 1, 0, lo.name_w, E->back ? _("(h/l: weeks)") : "", ui_attr(a, UI_DIM), 0);

	for (int k = 0; k < E->list.rows && E->list.top + k < E->nlines; k++)
		draw_row(a, w, HEAD_ROWS + k, &lo, &E->lines[E->list.top + k], E->list.top + k == E->list.sel);
	if (E->nlines == 0)
		ui_text(w, HEAD_ROWS, 0, lo.sep, _("(nobody active in this filter)"), ui_attr(a, UI_DIM), 0);

	int fy = rows - FOOT_ROWS;
	draw_adoption_spark(a, w, fy, &lo);
	draw_adoption_words(a, w, fy + 1, lo.sep);
	draw_legend(a, w, fy + 2, lo.sep);
	draw_current(a, w, fy + 3, lo.sep);
	draw_quiet(a, w, rows, &lo);
}

/* --- keys ------------------------------------------------------------------ */

static void eng_metric(struct app *a)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	E->metric = (E->metric + 1) % ENGAGEMENT_METRICS;
	/* Every kind is loaded already: no query, only the sums change. */
	if (!E->loaded || engagement_set_metric(&E->g, E->metric) != CH_OK)
		eng_load(a);
	else
		relayout(E);
	app_msg(a, 0, _("showing %s"), metric_word(E->metric));
}

/* Set the filter to choice c (NULL: everyone) and load. */
static void set_filter(struct app *a, const struct engagement_choice *c)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	if (c) {
		E->filter = (struct engagement_filter){ c->scope, c->id };
		snprintf(E->filter_name, sizeof E->filter_name,
			 c->scope == ENGAGEMENT_TEAM ? _("team %s") : _("focus group %s"), c->name);
	} else {
		E->filter = (struct engagement_filter){ ENGAGEMENT_EVERYONE, 0 };
		snprintf(E->filter_name, sizeof E->filter_name, "%s", _("everyone"));
	}
	E->list.sel = 0;
	eng_load(a);
	app_msg(a, 0, _("showing %s"), E->filter_name);
}

/* t: everyone, then each team, then each focus group, then everyone again. */
static void eng_filter_next(struct app *a)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	struct engagement_choice *c;
	int n;
	struct err e = {0};
	if (engagement_choices(a->s, &c, &n, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	int at = -1;
	for (int i = 0; i < n; i++)
		if (c[i].scope == E->filter.scope && c[i].id == E->filter.id)
			at = i;
	set_filter(a, at + 1 < n ? &c[at + 1] : NULL);
	free(c);
}

/* T: a team or focus group by name (a prefix will do); empty = everyone. */
static void eng_filter_ask(struct app *a)
{
	char want[96];
	if (!app_prompt(a, _("team or focus group (empty: everyone): "), want, sizeof want))
		return;
	if (!want[0]) {
		set_filter(a, NULL);
		return;
	}
	struct engagement_choice *c;
	int n;
	struct err e = {0};
	if (engagement_choices(a->s, &c, &n, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	const struct engagement_choice *hit = NULL;
	for (int i = 0; i < n && !hit; i++)
		if (strcasecmp(c[i].name, want) == 0)
			hit = &c[i];
	for (int i = 0; i < n && !hit; i++)
		if (strncasecmp(c[i].name, want, strlen(want)) == 0)
			hit = &c[i];
	if (hit)
		set_filter(a, hit);
	else
		app_msg(a, 1, _("no team or focus group called %s"), want);
	free(c);
}

static void eng_sort(struct app *a)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	E->sort = (E->sort + 1) % SORTS;
	relayout(E);
	int paused = 0;
	for (int i = 0; i < E->g.npeople; i++)
		paused += E->g.people[i].paused;
	if (E->sort == SORT_NUDGE && paused)
		app_msg(a, 0, _("sorted by %s; %d paused last, not nagged"), _(sort_name[E->sort]), paused);
	else
		app_msg(a, 0, _("sorted by %s"), _(sort_name[E->sort]));
}

static void eng_team_rows(struct app *a)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	E->team_rows = !E->team_rows;
	relayout(E);
	app_msg(a, 0, "%s", E->sort == SORT_TEAM ? _("team rows always show when sorted by team")
		: E->team_rows ? _("team rows at the bottom") : _("team rows hidden"));
}

static void scroll_weeks(struct app *a, int by)
{
	struct engagement_state *E = app_state(a, &engagement_panel);
	int was = E->back;
	E->back += by;
	if (E->back < 0)
		E->back = 0;
	if (E->back > MAX_WEEKS * 4)
		E->back = MAX_WEEKS * 4;
	if (E->back != was && eng_fresh(a)) {
		/* Only the weeks scrolled in are read. */
		struct err e = {0};
		int last = (int)time_week_of(store_now()) - E->back;
		if (engagement_scroll(a->s, &E->g, last - E->g.nweeks + 1, &e) == CH_OK)
			relayout(E);
		else
			eng_load(a);
	} else if (E->back != was)
		eng_load(a);
	else if (by > 0)
		app_msg(a, 0, "%s", _("that is as far back as it goes"));
	else
		app_msg(a, 0, "%s", _("this is the current week"));
}

static void eng_older(struct app *a) { scroll_weeks(a, 1); }
static void eng_newer(struct app *a) { scroll_weeks(a, -1); }
static void eng_older_page(struct app *a) { struct engagement_state *E = app_state(a, &engagement_panel); scroll_weeks(a, E->g.nweeks > 1 ? E->g.nweeks - 1 : 1); }
static void eng_newer_page(struct app *a) { struct engagement_state *E = app_state(a, &engagement_panel); scroll_weeks(a, -(E->g.nweeks > 1 ? E->g.nweeks - 1 : 1)); }
static void eng_now(struct app *a) { struct engagement_state *E = app_state(a, &engagement_panel); scroll_weeks(a, -E->back); }

static struct ui_list *eng_list(struct app *a, void *st)
{
	struct engagement_state *E = st;
	(void)a;
	E->list.n = E->nlines;
	return &E->list;
}

static void eng_mouse(struct app *a, void *st, int y, int x, int button)
{
	struct engagement_state *E = st;
	(void)a;
	(void)x;
	int at = ui_list_at(&E->list, y - HEAD_ROWS);
	if (button == 1 && at >= 0)
		E->list.sel = at;
}

static const struct keydef eng_keys[] = {
	{ 'm', 0, "m", "metric", N_("cycle the metric: all, contributions, edits, shares, conversations"), eng_metric },
	{ 't', 0, "t", "filter", N_("cycle the filter: everyone, each team, each focus group"), eng_filter_next },
	{ 'T', 0, "T", "filter-by-name", N_("filter by a team or focus group's name"), eng_filter_ask },
	{ 's', 0, "s", "sort", N_("sort by name, by team, or who might need a nudge (no ranking)"), eng_sort },
	{ 'a', 0, "a", "team-rows", N_("show or hide the team rows (always there when sorted by team)"), eng_team_rows },
	{ 'h', KEY_LEFT, "h", "older", N_("a week back in time"), eng_older },
	{ 'l', KEY_RIGHT, "l", "newer", N_("a week forward in time"), eng_newer },
	{ 'H', 0, "H", "older-page", N_("a screenful of weeks back"), eng_older_page },
	{ 'L', 0, "L", "newer-page", N_("a screenful of weeks forward"), eng_newer_page },
	{ 'n', 0, "n", "now", N_("back to the current week"), eng_now },
	UI_REQ_KEYS
	{ 0, 0, NULL, NULL, NULL, NULL },
};

static void eng_init(void *st)
{
	struct engagement_state *E = st;
	E->signal = -1;
}

const struct panel_ops engagement_panel = {
	.init = eng_init,
	.size = sizeof(struct engagement_state),
	.name = "engagement", .title = N_("Engagement"), .draw = eng_draw, .requery = eng_requery,
	.mouse = eng_mouse, .keys = eng_keys, .list = eng_list, .request = eng_request,
	.close = engagement_close,
};
