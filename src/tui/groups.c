/* groups.c — the focus groups over-panel, opened from People (F): every
 * group with its owner, members and purpose, archived ones dimmed at the
 * end.  A master adds one (n), renames it, describes it and gives it an
 * owner (e, one form), archives (A) and restores (R) it; Enter shows who
 * is in it.  Every change through core/focus_group.c, as `chorus group`
 * makes it, so the audit trail is the same.  q goes back to People.
 *
 * Also the names of the groups in use, for People's f and J questions and
 * the Campaigns form (groups.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ask.h"
#include "chorus/i18n.h"
#include "groups.h"

enum { G_NAME, G_PURPOSE, G_OWNER, NGFIELDS };

static const char *const gfield_label[NGFIELDS] = { N_("Name"), N_("Purpose"), N_("Owner (a login; empty: none)") };

struct groups_state {
	struct focus_group *v;    /* in use first, then archived, each by name */
	int n;
	struct ui_list list;
	int64_t members_of;       /* the group whose members are shown (0: none) */
	char members[1200];
	char was[FOCUS_GROUP_NAME_MAX + 1];   /* the group the form changes ("" a new one) */
};

/* --- the names of the groups in use ---------------------------------------- */

void group_names_load(struct app *a, struct group_names *g)
{
	struct err e = {0};
	memset(g, 0, sizeof *g);
	if (focus_group_list(a->s, 0, &g->v, &g->n, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	g->names = malloc(((size_t)g->n + 1) * sizeof *g->names);
	if (!g->names) {
		free(g->v);
		memset(g, 0, sizeof *g);
		app_msg(a, 1, "%s", _("out of memory"));
		return;
	}
	for (int i = 0; i < g->n; i++)
		g->names[i] = g->v[i].name;
}

void group_names_free(struct group_names *g)
{
	free(g->v);
	free(g->names);
	memset(g, 0, sizeof *g);
}

void group_names_join(const struct group_names *g, char *out, size_t n)
{
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; i < g->n && o < n; i++) {
		int k = snprintf(out + o, n - o, "%s%s", o ? ", " : "", g->names[i]);
		if (k < 0 || (size_t)k >= n - o) {
			out[o] = 0;
			break;
		}
		o += (size_t)k;
	}
}

/* --- the panel ---------------------------------------------------------------- */

static void groups_close(void *st)
{
	struct groups_state *G = st;
	free(G->v);
	memset(G, 0, sizeof *G);
}

static struct focus_group *current(struct groups_state *G)
{
	return G->list.sel >= 0 && G->list.sel < G->n ? &G->v[G->list.sel] : NULL;
}

/* In use first: archiving moves a group to the end, where it is kept. */
static int by_use(const void *x, const void *y)
{
	const struct focus_group *a = x, *b = y;
	if ((a->archived_at != 0) != (b->archived_at != 0))
		return a->archived_at ? 1 : -1;
	return strcasecmp(a->name, b->name);
}

static void select_name(struct groups_state *G, const char *name)
{
	for (int i = 0; i < G->n; i++)
		if (strcmp(G->v[i].name, name) == 0)
			G->list.sel = i;
}

static void groups_refresh(struct app *a, void *st)
{
	struct groups_state *G = st;
	struct focus_group *c = current(G), *v;
	char keep[FOCUS_GROUP_NAME_MAX + 1] = "";
	int n;
	struct err e = {0};
	if (c)
		snprintf(keep, sizeof keep, "%s", c->name);
	if (focus_group_list(a->s, 1, &v, &n, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, by_use);
	free(G->v);
	G->v = v;
	G->n = n;
	G->list.n = n;
	select_name(G, keep);
	ui_list_clamp(&G->list);
}

static void groups_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct groups_state *G = st;
	int archived = 0;
	for (int i = 0; i < G->n; i++)
		archived += G->v[i].archived_at != 0;
	char head[160];
	snprintf(head, sizeof head, _(" Focus groups %d   archived %d"), G->n - archived, archived);
	ui_text(w, 0, 0, cols, head, ui_attr(a, UI_HEAD), 1);
	attr_t h = A_BOLD | A_UNDERLINE;
	int wn = 24, wo = 14, wm = 8, xn = 2, xo = xn + wn + 1, xm = xo + wo + 1, xp = xm + wm + 1;
	ui_text(w, 1, xn, wn, _("Name"), h, 0);
	ui_text(w, 1, xo, wo, _("Owner"), h, 0);
	ui_text(w, 1, xm, wm, _("Members"), h, 0);
	ui_text(w, 1, xp, cols - xp - 1, _("Purpose"), h, 0);
	int below = G->members_of ? 3 : 0;
	G->list.rows = rows - 2 - below;
	if (G->list.rows < 1)
		G->list.rows = 1;
	G->list.n = G->n;
	ui_list_clamp(&G->list);
	if (G->n == 0)
		ui_text(w, 2, 2, cols - 4, _("No focus groups yet: n adds one (social masters)."), ui_attr(a, UI_DIM), 0);
	for (int r = 0; r < G->list.rows && G->list.top + r < G->n; r++) {
		const struct focus_group *g = &G->v[G->list.top + r];
		int y = 2 + r, selected = G->list.top + r == G->list.sel;
		attr_t at = selected ? ui_attr(a, UI_SEL) : g->archived_at ? ui_attr(a, UI_DIM) : A_NORMAL;
		wattr_on(w, at, NULL);
		mvwhline(w, y, 0, ' ', cols);
		wattr_off(w, at, NULL);
		char members[16], purpose[FOCUS_GROUP_PURPOSE_MAX + 16];
		snprintf(members, sizeof members, "%d", g->members);
		snprintf(purpose, sizeof purpose, "%s%s", g->archived_at ? _("(archived) ") : "",
			 g->purpose[0] ? g->purpose : "-");
		ui_text(w, y, xn, wn, g->name, at | A_BOLD, 0);
		ui_text(w, y, xo, wo, g->owner[0] ? g->owner : "-", at, 0);
		ui_text(w, y, xm, wm, members, at, 0);
		ui_text(w, y, xp, cols - xp - 1, purpose, at, 0);
	}
	if (below) {
		const struct focus_group *g = NULL;
		for (int i = 0; i < G->n; i++)
			if (G->v[i].id == G->members_of)
				g = &G->v[i];
		char line[1400];
		snprintf(line, sizeof line, _("Members of %s: %s"), g ? g->name : "?", G->members[0] ? G->members : _("nobody yet"));
		ui_text(w, rows - 2, 2, cols - 4, line, A_NORMAL, 1);
	}
	ui_list_draw_pos(a, w, 0, cols, &G->list);
}

static struct ui_list *groups_rows(struct app *a, void *st)
{
	struct groups_state *G = st;
	(void)a;
	G->list.n = G->n;
	return &G->list;
}

static void groups_mouse(struct app *a, void *st, int y, int x, int button)
{
	struct groups_state *G = st;
	(void)a;
	(void)x;
	int at = ui_list_at(&G->list, y - 2);
	if (button == 1 && at >= 0)
		G->list.sel = at;
}

void groups_open(struct app *a)
{
	struct groups_state *G = app_state(a, &groups_panel);
	if (!G)
		return;
	G->members_of = 0;
	a->over = &groups_panel;
	app_requery(a);
}

/* --- keys ------------------------------------------------------------------------ */

/* Enter: who is in the group, under the list. */
static void g_members(struct app *a)
{
	struct groups_state *G = app_state(a, &groups_panel);
	struct focus_group *g = current(G);
	if (!g)
		return;
	char **logins;
	int n;
	struct err e = {0};
	if (focus_group_members(a->s, g->name, &logins, &n, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	size_t o = 0;
	G->members[0] = 0;
	for (int i = 0; i < n && o < sizeof G->members; i++) {
		int k = snprintf(G->members + o, sizeof G->members - o, "%s%s", o ? ", " : "", logins[i]);
		if (k < 0 || (size_t)k >= sizeof G->members - o)
			break;
		o += (size_t)k;
	}
	focus_group_members_free(logins, n);
	G->members_of = g->id;
	a->dirty = 1;
	app_msg(a, 0, P_("%s: %d member", "%s: %d members", n), g->name, n);
}

/* Enter in the form: save (add, or change what differs); the form stays
 * open with the core's reason when it refuses. */
static int g_submit(struct app *a, void *ctx, struct ui_form *fm)
{
	struct groups_state *G = ctx;
	const char *v[NGFIELDS];
	for (int i = 0; i < NGFIELDS; i++)
		v[i] = fm->f[i].line.buf;
	struct err e = {0};
	int st;
	if (!G->was[0]) {
		struct focus_group_change c = { .name = v[G_NAME], .purpose = v[G_PURPOSE], .owner = v[G_OWNER] };
		st = focus_group_create(a->s, &c, NULL, &e);
	} else {
		struct focus_group old;
		struct focus_group_change c = {0};
		st = focus_group_find(a->s, G->was, &old, &e);
		if (st == CH_OK) {
			c.name = strcmp(old.name, v[G_NAME]) != 0 ? v[G_NAME] : NULL;
			c.purpose = strcmp(old.purpose, v[G_PURPOSE]) != 0 ? v[G_PURPOSE] : NULL;
			c.owner = strcmp(old.owner, v[G_OWNER]) != 0 ? v[G_OWNER] : NULL;
			if (!c.name && !c.purpose && !c.owner) {
				app_msg(a, 0, "%s", _("nothing changed"));
				return 1;
			}
			st = focus_group_set(a->s, G->was, &c, &e);
		}
	}
	if (st != CH_OK) {
		snprintf(fm->msg, sizeof fm->msg, _("not saved: %.900s (your values are kept)"), e.msg);
		return 0;
	}
	app_msg(a, 0, G->was[0] ? _("saved focus group %s") : _("added focus group %s"), v[G_NAME]);
	app_requery(a);
	select_name(G, v[G_NAME]);
	return 1;
}

/* The form of one group (NULL: a new one). */
static void g_form(struct app *a, const struct focus_group *g)
{
	struct groups_state *G = app_state(a, &groups_panel);
	if (!ask_may(a, g ? _("changing focus groups") : _("adding focus groups")))
		return;
	struct ui_form *fm = malloc(sizeof *fm);
	if (!fm) {
		app_msg(a, 1, "%s", _("out of memory"));
		return;
	}
	static const size_t max[NGFIELDS] = { FOCUS_GROUP_NAME_MAX + 1, FOCUS_GROUP_PURPOSE_MAX + 1, 64 };
	static const char *const hint[NGFIELDS] = {
		N_("no comma in a name"), N_("what the group is for (empty: none)"), N_("who looks after the group"),
	};
	ui_form_init(fm, 0, NULL, NULL);
	const char *value[NGFIELDS] = { g ? g->name : "", g ? g->purpose : "", g ? g->owner : "" };
	for (int i = 0; i < NGFIELDS; i++) {
		ui_form_add(fm, _(gfield_label[i]), _(hint[i]), value[i]);
		fm->f[i].line.max = max[i];
	}
	snprintf(G->was, sizeof G->was, "%s", g ? g->name : "");
	char title[FOCUS_GROUP_NAME_MAX + 64];
	if (g)
		snprintf(title, sizeof title, _(" Focus group %s "), g->name);
	else
		snprintf(title, sizeof title, "%s", _(" New focus group "));
	struct ask_form_hooks h = { .ctx = G, .submit = g_submit };
	if (!ask_form(a, title, fm, &h))
		app_msg(a, 0, "%s", _("cancelled"));
	free(fm);
}

static void g_new(struct app *a)
{
	g_form(a, NULL);
}

static void g_edit(struct app *a)
{
	struct groups_state *G = app_state(a, &groups_panel);
	struct focus_group *g = current(G);
	if (g) {
		struct focus_group copy = *g;   /* the form's save re-reads the list */
		g_form(a, &copy);
	}
}

static void archive(struct app *a, int on)
{
	struct groups_state *G = app_state(a, &groups_panel);
	struct focus_group *g = current(G);
	if (!g || !ask_may(a, on ? _("archiving focus groups") : _("restoring focus groups")))
		return;
	char name[FOCUS_GROUP_NAME_MAX + 1], q[320];
	snprintf(name, sizeof name, "%s", g->name);
	if (on) {
		snprintf(q, sizeof q, P_("Archive %s? Its %d member stays; it is offered no more. (y/N) ",
					 "Archive %s? Its %d members stay; it is offered no more. (y/N) ", g->members), name, g->members);
		if (!ask_yes(a, q))
			return;
	}
	struct err e = {0};
	int st = focus_group_archive(a->s, name, on, &e);
	app_requery(a);
	select_name(G, name);
	if (st == CH_OK)
		app_msg(a, 0, on ? _("archived focus group %s") : _("restored focus group %s"), name);
	else
		app_msg(a, 1, _("not changed: %s"), e.msg);
}

static void g_archive(struct app *a)
{
	archive(a, 1);
}

static void g_restore(struct app *a)
{
	archive(a, 0);
}

static const struct keydef groups_keys[] = {
	UI_REQ_KEYS
	{ '\r', KEY_ENTER, "Enter", "members", N_("show who is in the group"), g_members },
	{ 'n', 0, "n", "new", N_("add a focus group: name, purpose, owner (social masters)"), g_new },
	{ 'e', 0, "e", "edit", N_("rename, describe, or give the group an owner (social masters)"), g_edit },
	{ 'A', 0, "A", "archive", N_("archive the group, after a question: kept, offered no more (social masters)"),
	  g_archive },
	{ 'R', 0, "R", "restore", N_("use an archived group again (social masters)"), g_restore },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

/* Over People (F); q goes back. */
const struct panel_ops groups_panel = {
	.size = sizeof(struct groups_state),
	.name = "groups", .title = N_("Focus groups"), .over = 1, .draw = groups_draw, .requery = groups_refresh,
	.mouse = groups_mouse, .keys = groups_keys, .list = groups_rows, .close = groups_close,
};
