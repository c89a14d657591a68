/* people.c — panel 7, step 2 of the method: the ambassadors, their roles,
 * teams, focus groups, and the platforms and handles they share on.
 *
 * One line per person (login, name, team, roles as letters, last week
 * with activity, handles); t narrows the list to a team or a focus group in
 * turn, / to people whose login, name, team, groups or handles contain a
 * text.  Enter lays the person's detail over the list (its own struct panel,
 * so q backs out of it), with their activity from the activity aggregate.
 *
 * A master adds people (a), toggles roles (r), sets the team (T), puts
 * them in and out of focus groups (f; a new name makes the group, after a
 * question), sets where they are on the ambassador journey (J), keeps the
 * focus groups themselves (F: the groups over-panel, groups.c),
 * deactivates and reactivates (d) and keeps handles (P; everyone keeps
 * their own) — every change through the functions `chorus people` uses, so
 * the audit trail is the same; the core's reason is shown when it refuses.
 * Changes carry the version on screen: someone else's change meanwhile is
 * a conflict that names them, and the roles the user chose are kept for
 * the next r. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../util/timeutil.h"
#include "chorus/engagement.h"
#include "chorus/i18n.h"
#include "chorus/people.h"
#include "chorus/strategy.h"
#include "ask.h"
#include "groups.h"
#include "text.h"

enum { A_LOGIN, A_NAME, A_EMAIL, A_TEAM, A_ROLES, NADD };

static const char *const add_label[NADD] = {
	N_("Login"), N_("Name (empty: the login)"), N_("E-mail (empty: none)"), N_("Team (empty: none)"),
	N_("Roles besides publisher (master,editor,creator; empty: none)"),
};

/* The journey states as the screen names them; people_journey_names holds
 * the keys J takes and the database keeps. */
static const char *const journey_shown[JOURNEY_STATES] = {
	N_("invited"), N_("onboarded"), N_("active"), N_("paused"),
};

static const char *journey_word(int state)
{
	return state >= 0 && state < JOURNEY_STATES ? _(journey_shown[state]) : "?";
}

struct people_state {
	struct person_info *v;
	int n;
	int *vis;                 /* indexes into v that pass the filter and the limit */
	int nvis;
	struct ui_list list;      /* into vis */
	struct engagement_choice filter;   /* scope EVERYONE: no filter */
	char limit[128];
	int64_t detail_id;
	struct ui_list dlist;     /* the detail's lines */
	struct {
		int active;
		char f[NADD][128];
	} add;                    /* a person to add, kept after a refusal */
	struct {
		int64_t id;           /* 0: none kept */
		int roles;
	} roles;                  /* roles chosen, kept after a conflict */
};

extern const struct panel_ops person_view_panel;

static void people_close(void *st)
{
	struct people_state *P = st;
	people_overview_free(P->v, P->n);
	free(P->vis);
	memset(P, 0, sizeof *P);
}

static int in_view(struct app *a)
{
	return a->over == &person_view_panel;
}

/* ASCII case-insensitive substring (names are matched as typed otherwise). */
static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return n == 0;
}

/* Does the person's login, name, team, group or a handle contain text? */
static int has_text(const struct person_info *p, const char *text)
{
	if (contains(p->p.login, text) || contains(p->p.name, text) || contains(p->p.team, text) ||
	    contains(p->groups, text))
		return 1;
	for (int i = 0; i < p->nhandles; i++)
		if (contains(p->handles[i].handle, text))
			return 1;
	return 0;
}

static int matches(struct people_state *P, const struct person_info *p)
{
	if (P->filter.scope == ENGAGEMENT_TEAM && p->p.team_id != P->filter.id)
		return 0;
	if (P->filter.scope == ENGAGEMENT_GROUP && !people_in_group(p, P->filter.id))
		return 0;
	return has_text(p, P->limit);
}

/* / n N (app.c): line i of the list, as it is shown. */
static int people_match(struct app *a, void *st, int i, const char *text)
{
	struct people_state *P = st;
	(void)a;
	return i >= 0 && i < P->nvis && has_text(&P->v[P->vis[i]], text);
}

static struct person_info *current(struct people_state *P)
{
	return P->list.sel >= 0 && P->list.sel < P->nvis ? &P->v[P->vis[P->list.sel]] : NULL;
}

/* The person an action is for: the one in the detail, else the selected one. */
static struct person_info *target(struct app *a)
{
	struct people_state *P = app_state(a, &people_panel);
	if (in_view(a)) {
		for (int i = 0; i < P->n; i++)
			if (P->v[i].p.id == P->detail_id)
				return &P->v[i];
		return NULL;
	}
	return current(P);
}

/* The visible list, keeping the cursor on the same person when it can. */
static void apply_filter(struct people_state *P, int64_t keep)
{
	P->nvis = 0;
	for (int i = 0; i < P->n; i++)
		if (matches(P, &P->v[i]))
			P->vis[P->nvis++] = i;
	for (int i = 0; keep && i < P->nvis; i++)
		if (P->v[P->vis[i]].p.id == keep)
			P->list.sel = i;
	if (P->list.sel >= P->nvis)
		P->list.sel = P->nvis - 1;
	if (P->list.sel < 0)
		P->list.sel = 0;
}

static void people_refresh(struct app *a, void *st)
{
	struct people_state *P = st;
	struct person_info *c = current(P), *v;
	int64_t keep = c ? c->p.id : 0;
	int n;
	struct err e = {0};
	if (people_overview(a->s, &v, &n, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	int *vis = malloc(((size_t)n + 1) * sizeof *vis);
	if (!vis) {
		people_overview_free(v, n);
		app_msg(a, 1, "%s", _("out of memory"));
		return;
	}
	people_overview_free(P->v, P->n);
	free(P->vis);
	P->v = v;
	P->n = n;
	P->vis = vis;
	apply_filter(P, keep);
}

/* --- drawing ------------------------------------------------------------- */

/* The wider of min and text's width on screen. */
static int wider(const char *text, int min)
{
	int w = text_width(text);
	return w > min ? w : min;
}

/* "MEC-P"-style letters: master, editor, creator, publisher. */
static void role_letters(struct people_state *P, int roles, char out[5])
{
	out[0] = roles & ROLE_MASTER ? 'M' : '-';
	out[1] = roles & ROLE_EDITOR ? 'E' : '-';
	out[2] = roles & ROLE_CREATOR ? 'C' : '-';
	out[3] = roles & ROLE_PUBLISHER ? 'P' : '-';
	out[4] = 0;
}

static void handles_text(const struct person_info *p, char *out, size_t n)
{
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; i < p->nhandles && o < n; i++) {
		int k = snprintf(out + o, n - o, "%s%s %s (%d)", o ? ", " : "", p->handles[i].platform,
				 p->handles[i].handle, p->handles[i].followers);
		if (k < 0)
			break;
		o += (size_t)k;
	}
}

static void week_text(int week, char *out, size_t n)
{
	if (week < 0)
		snprintf(out, n, "%s", _("never"));
	else
		time_week_label(week, out, n);
}

static void people_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct people_state *P = st;
	char head[512];
	int n = snprintf(head, sizeof head, _(" People %d"), P->n);
	if (P->filter.scope != ENGAGEMENT_EVERYONE || P->limit[0])
		n += snprintf(head + n, sizeof head - (size_t)n, _("   shown %d"), P->nvis);
	if (P->filter.scope != ENGAGEMENT_EVERYONE)
		n += snprintf(head + n, sizeof head - (size_t)n,
			      P->filter.scope == ENGAGEMENT_TEAM ? _("   team %s") : _("   focus group %s"), P->filter.name);
	if (P->limit[0])
		snprintf(head + n, sizeof head - (size_t)n, _("   limit \"%s\""), P->limit);
	ui_text(w, 0, 0, cols, head, ui_attr(a, UI_HEAD), 1);
	attr_t h = A_BOLD | A_UNDERLINE;
	int wl = cols >= 110 ? 18 : 14, wn = cols >= 110 ? 20 : 16, wt = cols >= 110 ? 16 : 12;
	/* The short columns as wide as their head and values in this language. */
	int wr = wider(_("Roles"), 5), ws = wider(_("State"), 9), wa = wider(_("Last active"), wider(_("never"), 11));
	for (int j = 0; j < JOURNEY_STATES; j++)
		ws = wider(journey_word(j), ws);
	int xl = 2, xn = xl + wl + 1, xt = xn + wn + 1, xr = xt + wt + 1, xs = xr + wr + 1, xa = xs + ws + 1,
	    xh = xa + wa + 1;
	ui_text(w, 1, xl, wl, _("Login"), h, 0);
	ui_text(w, 1, xn, wn, _("Name"), h, 0);
	ui_text(w, 1, xt, wt, _("Team"), h, 0);
	ui_text(w, 1, xr, wr, _("Roles"), h, 0);
	ui_text(w, 1, xs, ws, _("State"), h, 0);
	ui_text(w, 1, xa, wa, _("Last active"), h, 0);
	ui_text(w, 1, xh, cols - xh - 1, _("Platforms: handle (followers)"), h, 0);
	P->list.rows = rows - 2;
	if (P->list.rows < 1)
		P->list.rows = 1;
	P->list.n = P->nvis;
	ui_list_clamp(&P->list);
	if (P->nvis == 0)
		ui_text(w, 2, 2, cols - 4, P->n ? _("Nobody matches the filter and the limit.") : _("Nobody yet."),
			ui_attr(a, UI_DIM), 0);
	for (int r = 0; r < P->list.rows && P->list.top + r < P->nvis; r++) {
		const struct person_info *p = &P->v[P->vis[P->list.top + r]];
		int y = 2 + r, selected = P->list.top + r == P->list.sel;
		attr_t at = selected ? ui_attr(a, UI_SEL) : p->p.active ? A_NORMAL : ui_attr(a, UI_DIM);
		wattr_on(w, at, NULL);
		mvwhline(w, y, 0, ' ', cols);
		wattr_off(w, at, NULL);
		char roles[5], week[32], hs[512];
		role_letters(P, p->p.roles, roles);
		week_text(p->last_week, week, sizeof week);
		handles_text(p, hs, sizeof hs);
		ui_text(w, y, 0, 2, p->p.active ? " " : "x", at, 0);
		ui_text(w, y, xl, wl, p->p.login, at | A_BOLD, 0);
		ui_text(w, y, xn, wn, p->p.name, at, 0);
		ui_text(w, y, xt, wt, p->p.team[0] ? p->p.team : "-", at, 0);
		ui_text(w, y, xr, wr, roles, at, 0);
		ui_text(w, y, xs, ws, journey_word(p->p.journey), at, 0);
		ui_text(w, y, xa, wa, week, at, 0);
		ui_text(w, y, xh, cols - xh - 1, hs[0] ? hs : "-", at, 0);
	}
	ui_list_draw_pos(a, w, 0, cols, &P->list);
}

/* "active since 2026-01-05 (invited 2025-12-01, onboarded 2025-12-15, ...)". */
static void journey_text(const struct person_info *p, char *out, size_t n)
{
	char ymd[16], date[32];
	time_date_str(p->p.journey_at, ymd, sizeof ymd);
	size_t o = (size_t)snprintf(out, n, _("%s since %s"), journey_word(p->p.journey), i18n_day(date, sizeof date, ymd));
	for (int i = 0; i < p->njourney && o < n; i++) {
		const struct journey_step *j = &p->journey[i];
		time_date_str(j->at, ymd, sizeof ymd);
		int k = snprintf(out + o, n - o, "%s%s %s%s", i ? ", " : " (", journey_word(j->state),
				 i18n_day(date, sizeof date, ymd), i == p->njourney - 1 ? ")" : "");
		if (k < 0 || (size_t)k >= n - o)
			break;
		o += (size_t)k;
	}
}

static void view_line(struct people_state *P, WINDOW *w, int *y, int rows, int cols, const char *label, const char *value, attr_t at)
{
	int row = *y - P->dlist.top + 1;
	if (row >= 1 && row < rows) {
		ui_text(w, row, 2, 14, label, A_BOLD, 0);
		ui_text(w, row, 17, cols - 18, value, at, 0);
	}
	(*y)++;
}

static void view_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct people_state *P = st;
	const struct person_info *p = target(a);
	if (!p)
		return;
	char line[600], roles[96];
	snprintf(line, sizeof line, " %s (%s)%s", p->p.name, p->p.login, p->p.active ? "" : _("  inactive"));
	ui_text(w, 0, 0, cols, line, ui_attr(a, UI_HEAD), 1);
	int y = 0;
	P->dlist.rows = rows - 1;
	store_roles_format(p->p.roles, roles, sizeof roles);
	const char *none = _("(none)");
	view_line(P, w, &y, rows, cols, _("Roles"), roles, A_NORMAL);
	view_line(P, w, &y, rows, cols, _("Team"), p->p.team[0] ? p->p.team : none, A_NORMAL);
	view_line(P, w, &y, rows, cols, _("E-mail"), p->p.email[0] ? p->p.email : none, A_NORMAL);
	view_line(P, w, &y, rows, cols, _("Active"), p->p.active ? _("yes") : _("no: deactivated"), A_NORMAL);
	view_line(P, w, &y, rows, cols, _("Focus groups"), p->groups[0] ? p->groups : none, A_NORMAL);
	journey_text(p, line, sizeof line);
	view_line(P, w, &y, rows, cols, _("Journey"), line, A_NORMAL);
	y++;
	if (p->nhandles == 0)
		view_line(P, w, &y, rows, cols, _("Platforms"), none, ui_attr(a, UI_DIM));
	for (int i = 0; i < p->nhandles; i++) {
		snprintf(line, sizeof line, _("%-12s %-32s %d followers"), p->handles[i].platform, p->handles[i].handle,
			 p->handles[i].followers);
		view_line(P, w, &y, rows, cols, i ? "" : _("Platforms"), line, A_NORMAL);
	}
	y++;
	snprintf(line, sizeof line, _("%lld contributions, %lld edits, %lld shares, %lld conversations"),
		 (long long)p->contributions, (long long)p->edits, (long long)p->shares, (long long)p->conversations);
	view_line(P, w, &y, rows, cols, _("Activity"), line, A_NORMAL);
	char week[32];
	week_text(p->last_week, week, sizeof week);
	snprintf(line, sizeof line, _("last active in %s"), week);
	view_line(P, w, &y, rows, cols, "", line, A_NORMAL);
	char when[32] = "-";
	if (p->p.updated_at)
		time_minute_str(p->p.updated_at, when, sizeof when);
	snprintf(line, sizeof line, _("version %d, %s"), p->p.version, when);
	view_line(P, w, &y, rows, cols, _("Changed"), line, ui_attr(a, UI_DIM));
	P->dlist.n = y;
}

/* A prompt with its choices shown under the list meanwhile; o (may be
 * NULL) checks and completes. */
static int ask_with(struct app *a, const char *hint, const char *question, char *buf, size_t n,
		    const struct ask_opts *o)
{
	snprintf(a->hint, sizeof a->hint, "%s", hint);
	a->dirty = 1;
	int ok = app_ask(a, question, buf, n, o);
	a->hint[0] = 0;
	a->dirty = 1;
	return ok;
}

static int prompt_with(struct app *a, const char *hint, const char *question, char *buf, size_t n)
{
	return ask_with(a, hint, question, buf, n, NULL);
}

/* --- moving and finding -------------------------------------------------- */

static struct ui_list *people_rows(struct app *a, void *st)
{
	struct people_state *P = st;
	if (in_view(a)) {
		P->dlist.scroll = 1;
		return &P->dlist;
	}
	P->list.n = P->nvis;
	return &P->list;
}

static void p_open(struct app *a)
{
	struct people_state *P = app_state(a, &people_panel);
	struct person_info *p = current(P);
	if (in_view(a) || !p)
		return;
	P->detail_id = p->p.id;
	P->dlist.top = 0;
	a->over = &person_view_panel;
	app_requery(a);
}

/* The teams and focus groups, by name; NULL with the reason shown. */
static struct engagement_choice *choices_load(struct app *a, int *n)
{
	struct engagement_choice *c;
	struct err e = {0};
	if (engagement_choices(a->s, &c, n, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return NULL;
	}
	return c;
}

/* "A, B (member), C": the names of one scope of c; member marks the
 * groups p is in (NULL: none marked). */
static void choice_names(const struct engagement_choice *c, int n, enum engagement_scope scope,
			 const struct person_info *member, char *out, size_t len)
{
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; i < n && o < len; i++) {
		if (c[i].scope != scope)
			continue;
		int k = snprintf(out + o, len - o, "%s%s%s", o ? ", " : "", c[i].name,
				 member && people_in_group(member, c[i].id) ? _(" (member)") : "");
		if (k < 0 || (size_t)k >= len - o) {
			out[o] = 0;
			break;
		}
		o += (size_t)k;
	}
}

/* t: everyone, then each team, then each focus group, then everyone again. */
static void p_filter(struct app *a)
{
	struct people_state *P = app_state(a, &people_panel);
	int n;
	struct engagement_choice *c = choices_load(a, &n);
	if (!c)
		return;
	int at = -1;
	for (int i = 0; i < n && P->filter.scope != ENGAGEMENT_EVERYONE; i++)
		if (c[i].scope == P->filter.scope && c[i].id == P->filter.id)
			at = i;
	struct person_info *cur = current(P);
	int64_t keep = cur ? cur->p.id : 0;
	if (at + 1 < n)
		P->filter = c[at + 1];
	else
		memset(&P->filter, 0, sizeof P->filter);
	free(c);
	apply_filter(P, keep);
	if (P->filter.scope == ENGAGEMENT_EVERYONE)
		app_msg(a, 0, P_("everyone: %d person", "everyone: %d people", P->nvis), P->nvis);
	else if (P->filter.scope == ENGAGEMENT_TEAM)
		app_msg(a, 0, P_("team %s: %d person", "team %s: %d people", P->nvis), P->filter.name, P->nvis);
	else
		app_msg(a, 0, P_("focus group %s: %d person", "focus group %s: %d people", P->nvis), P->filter.name,
			P->nvis);
}

static void p_limit(struct app *a)
{
	struct people_state *P = app_state(a, &people_panel);
	char want[128];
	snprintf(want, sizeof want, "%s", P->limit);
	if (!app_prompt_edit(a, _("Show people containing (empty: all): "), want, sizeof want))
		return;
	struct person_info *cur = current(P);
	int64_t keep = cur ? cur->p.id : 0;
	snprintf(P->limit, sizeof P->limit, "%s", want);
	apply_filter(P, keep);
	if (P->limit[0])
		app_msg(a, 0, P_("%d person contains \"%s\"", "%d people contain \"%s\"", P->nvis), P->nvis, P->limit);
	else
		app_msg(a, 0, P_("%d person", "%d people", P->nvis), P->nvis);
}

/* --- changing ------------------------------------------------------------ */

/* The outcome of a people_set or a handle change, in the status line. */
static void say(struct app *a, int st, const struct err *e, const char *login, const char *done,
		const char *after_conflict)
{
	app_requery(a);
	if (st == CH_OK)
		app_msg(a, 0, "%s: %s", login, done);
	else if (st == CH_BUSY && e->kind == ERR_CONFLICT) {
		char what[96];
		snprintf(what, sizeof what, "%s", login);
		ask_conflict(a, what, e, after_conflict);
	} else
		app_msg(a, 1, _("not changed: %s"), e->msg);
}

/* The teams there are, for the question. */
static void team_names(struct app *a, char *out, size_t n)
{
	int cnt;
	struct engagement_choice *c = choices_load(a, &cnt);
	out[0] = 0;
	if (c)
		choice_names(c, cnt, ENGAGEMENT_TEAM, NULL, out, n);
	free(c);
}

static void p_add(struct app *a)
{
	struct people_state *P = app_state(a, &people_panel);
	if (!ask_may(a, _("adding people")))
		return;
	if (!P->add.active)
		memset(&P->add, 0, sizeof P->add);
	P->add.active = 1;
	char teams[400], hint[480];
	team_names(a, teams, sizeof teams);
	snprintf(hint, sizeof hint, _("teams: %s (a new name adds a team)"), teams[0] ? teams : _("none yet"));
	for (int i = 0; i < NADD; i++) {
		char q[240];
		snprintf(q, sizeof q, "%s: ", _(add_label[i]));
		if (!prompt_with(a, i == A_TEAM ? hint : "", q, P->add.f[i], sizeof P->add.f[i])) {
			P->add.active = 0;
			return;
		}
	}
	struct person_change c = { .name = P->add.f[A_NAME], .email = P->add.f[A_EMAIL], .team = P->add.f[A_TEAM],
				   .roles = 0, .active = -1 };
	if (P->add.f[A_ROLES][0] && (c.roles = store_roles_parse(P->add.f[A_ROLES])) < 0) {
		app_msg(a, 1, _("not added: roles '%s': use master, editor, creator, publisher separated by commas "
			"(your values are kept)"), P->add.f[A_ROLES]);
		return;
	}
	if (!c.name[0])
		c.name = NULL;   /* the login, as chorus people add does */
	if (!c.email[0])
		c.email = NULL;
	if (!c.team[0])
		c.team = NULL;
	struct err e = {0};
	int64_t id = 0;
	int st = people_add(a->s, P->add.f[A_LOGIN], &c, &id, &e);
	app_requery(a);
	if (st != CH_OK) {
		char k[16];
		app_msg(a, 1, _("not added: %s (your values are kept: %s opens them again)"), e.msg,
			ui_action_key(people_panel.keys, NT_("add"), k, sizeof k));
		return;
	}
	P->add.active = 0;
	app_msg(a, 0, _("added %s"), P->add.f[A_LOGIN]);
	for (int i = 0; i < P->nvis; i++)
		if (P->v[P->vis[i]].p.id == id)
			P->list.sel = i;
}

/* The roles as a toggle list in the message line: m, e, c toggle, Enter
 * saves, Esc cancels.  Returns the roles chosen, or -1. */
static int toggle_roles(struct app *a, const char *login, int roles)
{
	static const struct { int bit; char key; const char *name; } r[] = {
		{ ROLE_MASTER, 'm', "master" }, { ROLE_EDITOR, 'e', "editor" }, { ROLE_CREATOR, 'c', "creator" },
	};
	for (;;) {
		char line[400];
		int o = snprintf(line, sizeof line, _("Roles of %s:"), login);
		for (int i = 0; i < 3; i++)
			o += snprintf(line + o, sizeof line - (size_t)o, "  %c %s [%c]", r[i].key, r[i].name,
				      roles & r[i].bit ? 'x' : ' ');
		snprintf(line + o, sizeof line - (size_t)o, "%s", _("  publisher [x] always  (Enter saves, Esc cancels)"));
		app_msg(a, 0, "%s", line);
		app_redraw_all(a);
		doupdate();
		wint_t wc;
		int got = app_read_key(a, a->msg, &wc);
		a->status[0] = 0;
		a->dirty = 1;
		if (got == ERR)
			return -1;
		if (got == KEY_CODE_YES ? wc == KEY_ENTER : (wc == '\r' || wc == '\n'))
			return roles;
		if (got != KEY_CODE_YES && (wc == 27 || wc == 7 || wc == 'q')) {
			app_msg(a, 0, "%s", _("cancelled"));
			return -1;
		}
		for (int i = 0; got != KEY_CODE_YES && i < 3; i++)
			if ((wint_t)r[i].key == wc)
				roles ^= r[i].bit;
	}
}

static void p_roles(struct app *a)
{
	struct people_state *P = app_state(a, &people_panel);
	struct person_info *p = target(a);
	if (!p || !ask_may(a, _("changing people")))
		return;
	int64_t id = p->p.id;
	int version = p->p.version;
	char login[64];
	snprintf(login, sizeof login, "%s", p->p.login);
	int start = P->roles.id == id ? P->roles.roles : p->p.roles;
	int roles = toggle_roles(a, login, start);
	if (roles < 0)
		return;
	struct person_change c = { .roles = roles, .active = -1 };
	struct err e = {0};
	int st = people_set(a->s, login, &c, version, &e);
	char now[96], done[160], k[16], after[160];
	store_roles_format(roles | ROLE_PUBLISHER, now, sizeof now);
	snprintf(after, sizeof after, _("your choice is kept: %s starts from it"),
		 ui_action_key(people_panel.keys, NT_("roles"), k, sizeof k));
	P->roles.id = st == CH_BUSY && e.kind == ERR_CONFLICT ? id : 0;
	P->roles.roles = roles;
	/* TRANSLATORS: %s is the roles, such as "master, publisher". */
	snprintf(done, sizeof done, _("%s now"), now);
	say(a, st, &e, login, done, after);
}

static void p_team(struct app *a)
{
	struct person_info *p = target(a);
	if (!p || !ask_may(a, _("changing people")))
		return;
	int version = p->p.version;
	char login[64], team[PEOPLE_TEAM_MAX + 1], names[400], hint[480], q[160];
	snprintf(login, sizeof login, "%s", p->p.login);
	snprintf(team, sizeof team, "%s", p->p.team);
	team_names(a, names, sizeof names);
	snprintf(hint, sizeof hint, _("teams: %s (a new name adds a team; empty: no team)"), names[0] ? names : _("none yet"));
	snprintf(q, sizeof q, _("Team of %s: "), login);
	if (!prompt_with(a, hint, q, team, sizeof team))
		return;
	struct person_change c = { .team = team, .roles = -1, .active = -1 };
	struct err e = {0};
	int st = people_set(a->s, login, &c, version, &e);
	char done[96];
	if (team[0])
		snprintf(done, sizeof done, _("team %s"), team);
	else
		snprintf(done, sizeof done, "%s", _("no team"));
	say(a, st, &e, login, done, _("look again, then set the team"));
}

/* f: join or leave a focus group (masters).  Tab completes the names of
 * the groups in use; a name that is no group yet makes it, after a
 * question. */
static void p_group(struct app *a)
{
	struct person_info *p = target(a);
	if (!p || !ask_may(a, _("changing focus groups")))
		return;
	int n;
	struct engagement_choice *c = choices_load(a, &n);
	if (!c)
		return;
	struct group_names gn;
	group_names_load(a, &gn);
	char names[400], hint[480], q[160], want[FOCUS_GROUP_NAME_MAX + 1] = "", login[64];
	struct err e = {0};
	choice_names(c, n, ENGAGEMENT_GROUP, p, names, sizeof names);
	snprintf(login, sizeof login, "%s", p->p.login);
	snprintf(hint, sizeof hint, _("focus groups (Tab completes): %s"), names[0] ? names : _("none yet"));
	snprintf(q, sizeof q, _("Focus group for %s to join or leave: "), login);
	struct ask_opts o = { .complete = gn.names, .ncomplete = gn.n };
	int asked = ask_with(a, hint, q, want, sizeof want, &o);
	int64_t gid = 0;
	if (asked && want[0]) {
		for (int i = 0; i < n; i++)
			if (c[i].scope == ENGAGEMENT_GROUP && strcasecmp(c[i].name, want) == 0) {
				gid = c[i].id;
				snprintf(want, sizeof want, "%s", c[i].name);
			}
		struct focus_group g;
		int st = CH_OK, known = focus_group_find(a->s, want, &g, NULL) == CH_OK;
		if (!gid && !known) {
			char yn[FOCUS_GROUP_NAME_MAX + 200];
			snprintf(yn, sizeof yn, _("No focus group %s yet: make it and put %s in it? (y/N) "), want, login);
			if (!ask_yes(a, yn)) {
				app_msg(a, 0, "%s", _("cancelled"));
				goto out;
			}
			st = focus_group_add(a->s, want, NULL, NULL, &e);
		}
		int join = !gid || !people_in_group(p, gid);
		if (st == CH_OK)
			st = focus_group_member(a->s, want, login, join, &e);
		char done[160];
		snprintf(done, sizeof done, join ? _("joined focus group %s") : _("left focus group %s"), want);
		say(a, st, &e, login, done, "");
	}
out:
	group_names_free(&gn);
	free(c);
}

/* The rule of the J question: a journey state's name. */
static int state_rule(void *ctx, const char *text, char *why, size_t whyn)
{
	(void)ctx;
	if (people_journey_parse(text) >= 0)
		return 0;
	snprintf(why, whyn, "%s", _("use invited, onboarded, active or paused (Tab completes)"));
	return 1;
}

/* J: where the person is on the ambassador journey (masters); Tab
 * completes the states.  The change is dated and kept. */
static void p_state(struct app *a)
{
	struct person_info *p = target(a);
	if (!p || !ask_may(a, _("changing people")))
		return;
	int version = p->p.version;
	char login[64], q[160], want[16];
	snprintf(login, sizeof login, "%s", p->p.login);
	snprintf(want, sizeof want, "%s", people_journey_names[p->p.journey]);
	snprintf(q, sizeof q, _("Journey state of %s: "), login);
	struct ask_opts o = { .check = state_rule, .complete = people_journey_names, .ncomplete = JOURNEY_STATES };
	if (!ask_with(a, _("states (Tab completes): invited, onboarded, active, paused (paused: left out of the "
			"quiet lists)"), q, want, sizeof want, &o))
		return;
	struct err e = {0};
	int st = people_set_state(a->s, login, want, version, &e);
	char done[96];
	snprintf(done, sizeof done, _("now %s"), journey_word(people_journey_parse(want)));
	say(a, st, &e, login, done, _("look again, then set the state"));
}

/* F: the focus groups themselves, over the list. */
static void p_groups(struct app *a)
{
	groups_open(a);
}

static void p_active(struct app *a)
{
	struct person_info *p = target(a);
	if (!p || !ask_may(a, _("changing people")))
		return;
	int version = p->p.version, on = !p->p.active;
	char login[64], q[400];
	snprintf(login, sizeof login, "%s", p->p.login);
	snprintf(q, sizeof q, "%s (%s): %s", login, p->p.name, on ? _("they can use chorus again")
		 : _("they can no longer use chorus; nothing of theirs is deleted"));
	snprintf(a->hint, sizeof a->hint, "%s", q);
	a->dirty = 1;
	int yes = ask_yes(a, on ? _("Reactivate this person? (y/N) ") : _("Deactivate this person? (y/N) "));
	a->hint[0] = 0;
	if (!yes)
		return;
	struct person_change c = { .roles = -1, .active = on };
	struct err e = {0};
	int st = people_set(a->s, login, &c, version, &e);
	say(a, st, &e, login, on ? _("active again") : _("deactivated"), _("look again, then decide"));
}

/* P: a handle on a platform; an empty handle removes it.  Everyone keeps
 * their own handles, so only the core decides who may. */
static void p_handle(struct app *a)
{
	struct person_info *p = target(a);
	if (!p)
		return;
	if (strcmp(p->p.login, a->s->my_login) != 0 ? !ask_may(a, _("changing someone else's handles"))
	    : a->s->readonly) {
		if (a->s->readonly)
			app_msg(a, 1, _("the database is open read-only: %s"), a->s->ro_reason);
		return;
	}
	struct strategy st;
	struct err e = {0};
	if (strategy_load(a->s, &st, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	char keys[400] = "", q[600], login[64], plat[32] = "", hint[480];
	size_t o = 0;
	for (int i = 0; i < st.nplatforms && o < sizeof keys; i++) {
		int k = snprintf(keys + o, sizeof keys - o, "%s%s", o ? ", " : "", st.platforms[i].key);
		o = k < 0 ? o : o + (size_t)k;
	}
	strategy_free(&st);
	snprintf(login, sizeof login, "%s", p->p.login);
	if (o == 0) {
		app_msg(a, 1, "%s", _("no platforms yet: a social master adds them in the Strategy panel (5)"));
		return;
	}
	snprintf(q, sizeof q, _("Platform of %s: "), login);
	snprintf(hint, sizeof hint, _("platforms: %s"), keys);
	if (!prompt_with(a, hint, q, plat, sizeof plat) || !plat[0])
		return;
	char handle[128] = "", followers[16] = "0";
	for (int i = 0; i < p->nhandles; i++)
		if (strcmp(p->handles[i].platform, plat) == 0) {
			snprintf(handle, sizeof handle, "%s", p->handles[i].handle);
			snprintf(followers, sizeof followers, "%d", p->handles[i].followers);
		}
	snprintf(q, sizeof q, _("Handle of %s on %s (empty removes it): "), login, plat);
	if (!app_prompt_edit(a, q, handle, sizeof handle))
		return;
	int rc;
	char done[200];
	if (!handle[0]) {
		rc = people_clear_handle(a->s, login, plat, &e);
		snprintf(done, sizeof done, _("no handle on %s"), plat);
	} else {
		snprintf(q, sizeof q, _("Followers of %s on %s: "), handle, plat);
		long most = 2000000000;
		struct ask_opts count = { .check = ask_check_count, .ctx = &most };
		if (!app_ask(a, q, followers, sizeof followers, &count))
			return;
		long f = strtol(followers, NULL, 10);
		rc = people_set_handle(a->s, login, plat, handle, (int)f, &e);
		snprintf(done, sizeof done, _("%s on %s (%ld followers)"), handle, plat, f);
	}
	say(a, rc, &e, login, done, "");
}

static void people_mouse(struct app *a, void *st, int y, int x, int button)
{
	struct people_state *P = st;
	(void)x;
	int at = ui_list_at(&P->list, y - 2);
	if (button == 1 && !in_view(a) && at >= 0)
		P->list.sel = at;
}

static const struct keydef people_keys[] = {
	UI_REQ_KEYS
	UI_REQ_SEARCH_KEYS
	{ 18, 0, NULL, "reload", NULL, app_req_RELOAD },   /* C-r, the key reload had before */
	{ '\r', KEY_ENTER, "Enter", "open", N_("the person's detail: roles, groups, handles, activity"), p_open },
	{ 't', 0, "t", "filter", N_("show one team, then one focus group, in turn; then everyone"), p_filter },
	{ 'l', 0, "l", "limit", N_("show only people whose name, login, team, group or handle has a text"), p_limit },
	{ 'a', 0, "a", "add", N_("add a person (social masters)"), p_add },
	{ 'R', 0, "R", "roles", N_("toggle the person's roles (social masters)"), p_roles },
	{ 'T', 0, "T", "team", N_("set the person's team (social masters)"), p_team },
	{ 'f', 0, "f", "group", N_("join or leave a focus group; Tab completes, a new name makes one (social masters)"),
	  p_group },
	{ 'J', 0, "J", "state", N_("set the ambassador journey state: invited, onboarded, active, paused (social masters)"),
	  p_state },
	{ 'F', 0, "F", "groups", N_("the focus groups: add, rename, describe, archive, members"), p_groups },
	{ 'd', 0, "d", "active", N_("deactivate or reactivate, after a question (social masters)"), p_active },
	{ 'P', 0, "P", "handle", N_("add, change or remove a handle (your own; masters: anyone's)"), p_handle },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops people_panel = {
	.size = sizeof(struct people_state),
	.name = "people", .title = N_("People"), .draw = people_draw, .requery = people_refresh,
	.mouse = people_mouse, .keys = people_keys, .list = people_rows, .match = people_match, .close = people_close,
};

/* The detail, laid over the list: q backs out of it. */
const struct panel_ops person_view_panel = {
	.of = &people_panel,
	.name = "people", .title = N_("People"), .draw = view_draw, .requery = people_refresh,
	.mouse = people_mouse, .keys = people_keys, .list = people_rows, .match = people_match, .over = 1,
};
