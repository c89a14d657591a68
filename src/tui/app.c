/* app.c — the full-screen interface's shell: one event loop with a timer
 * tick (wtimeout, no threads), the panels behind struct panel_ops, the tab bar,
 * the status bar and message line, the ? help overlay built from the key
 * tables, the : command line, resizing, the mouse, and live refresh from
 * the store's change signal.
 *
 * Screen layout: row 0 tabs; rows 1..LINES-3 the visible panel; LINES-2 the
 * status bar (who, roles, database, mode, last refresh); LINES-1 messages
 * and prompts.  Each turn of the loop draws what is dirty with wnoutrefresh
 * and calls doupdate() once, just before the blocking read.  Work that can
 * wait for the frame (app.later: the board's policy flags) runs on the next
 * turns with a zero timeout, a little at a time, so the first frame never
 * waits for it and a key pressed meanwhile waits a few milliseconds at most.  Keys go through the panels'
 * tables with the config file's keys: laid over them (keys.c); the generic
 * requests (kit.h) are dispatched here once for every panel, and a panel's
 * list moves without asking the store.  Prompts, the roles list and the
 * help overlay read keys through app_read_key. */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include "../session.h"
#include "ask.h"
#include "text.h"
#include "tui.h"
#include "ui.h"

#define MIN_COLS 80
#define MIN_ROWS 24
#define TICK_MS 250   /* how often the loop wakes: polls and lock retries */
/* Work put off (app.later) waits until no key came for this long: a key
 * typed meanwhile is never kept waiting behind a panel being read ahead. */
#define LATER_QUIET_MS 200

static void app_quit_key(struct app *a);
static void app_help_key(struct app *a);
static void app_command_key(struct app *a);
static void app_redraw_key(struct app *a);
static void app_next_key(struct app *a);
static void app_prev_key(struct app *a);
static void app_panel_key(struct app *a);

/* The keys every panel has.  Panel tables are searched first. */
const struct keydef app_global_keys[] = {
	{ '1', 0, "1-8", "panel", N_("switch panel: the tabs in order"), app_panel_key },
	{ '2', 0, NULL, NULL, NULL, app_panel_key },
	{ '3', 0, NULL, NULL, NULL, app_panel_key },
	{ '4', 0, NULL, NULL, NULL, app_panel_key },
	{ '5', 0, NULL, NULL, NULL, app_panel_key },
	{ '6', 0, NULL, NULL, NULL, app_panel_key },
	{ '7', 0, NULL, NULL, NULL, app_panel_key },
	{ '8', 0, NULL, NULL, NULL, app_panel_key },
	{ '\t', 0, "Tab", "next-panel", N_("next panel"), app_next_key },
	{ KEY_BTAB, 0, "S-Tab", "prev-panel", N_("previous panel"), app_prev_key },
	{ '?', 0, "?", "help", N_("this help (j/k/PgUp/PgDn scroll it; any other key closes it)"), app_help_key },
	{ ':', 0, ":", "command", N_("command line: :q, :panel NAME, :refresh, :help"), app_command_key },
	{ 12, 0, "C-l", "redraw", N_("redraw the screen"), app_redraw_key },
	{ 'q', 0, "q", "quit", N_("back out; quit from the top"), app_quit_key },
	{ 'u', 0, "u", "undo", N_("undo your last change (move, pillar, campaign, reject, share, bulk action)"), act_key_undo },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

/* Every panel, once: the tabs in order, the detail view among them where
 * `chorus keys` lists it. */
const struct panel_ops *const ui_panels[] = {
	&board_panel, &inbox_panel, &detail_panel, &queue_panel, &engagement_panel,
	&strategy_panel, &campaigns_panel, &people_panel,
	&mine_panel,
	&closed_panel,
	&groups_panel,
	&messages_panel,
	NULL,
};

/* The i-th tab (from 0), or NULL. */
static const struct panel_ops *tab_at(int i)
{
	for (const struct panel_ops *const *p = ui_panels; *p; p++)
		if (!(*p)->over && i-- == 0)
			return *p;
	return NULL;
}

static int tab_index(const struct panel_ops *p)
{
	int i = 0;
	while (tab_at(i) && tab_at(i) != p)
		i++;
	return i;
}

static int tab_count(void)
{
	int n = 0;
	while (tab_at(n))
		n++;
	return n;
}

/* The key a global action has now, for hints. */
static const char *global_label(const char *action, char *buf, size_t n)
{
	return ui_action_key(app_global_keys, action, buf, n);
}

int64_t app_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void app_msg(struct app *a, int is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
	a->status_err = is_error;
	a->dirty = 1;
}

const struct panel_ops *app_visible(const struct app *a)
{
	return a->over ? a->over : a->cur;
}

/* What the file is, to this interface: the change signal as the timer
 * last polled it (others' commits, and in share mode ours too) and our own
 * changes; -1 unknown.  Not read anew: switching panels never touches the
 * file (over a link the signal is a round trip); a change shows within a
 * refresh period, as it does in the panel in view. */
static int64_t app_token(struct app *a)
{
	int64_t sig = a->signal;
	return sig < 0 ? -1 : (sig & 0xffffffff) | store_own_changes(a->s) << 32;
}

/* Panels are instances: their state is allocated here, per app, and goes
 * to every op (ui.h). */
static int panel_index(const struct panel_ops *p)
{
	for (int i = 0; ui_panels[i]; i++)
		if (ui_panels[i] == p)
			return i;
	return -1;
}

void *app_state(struct app *a, const struct panel_ops *p)
{
	if (p->of)
		p = p->of;
	int i = panel_index(p);
	if (i < 0 || i >= UI_PANELS_MAX)
		return NULL;
	if (!a->state[i]) {
		a->state[i] = calloc(1, p->size ? p->size : 1);
		if (a->state[i] && p->init)
			p->init(a->state[i]);
	}
	return a->state[i];
}

void app_panels_free(struct app *a)
{
	for (int i = 0; i < UI_PANELS_MAX && ui_panels[i]; i++)
		if (a->state[i]) {
			if (ui_panels[i]->close)
				ui_panels[i]->close(a->state[i]);
			free(a->state[i]);
			a->state[i] = NULL;
		}
}

void app_requery(struct app *a)
{
	const struct panel_ops *p = app_visible(a);
	int i = a->over ? -1 : panel_index(p);
	if (i >= 0 && i < UI_PANELS_MAX) {
		int64_t tok = app_token(a);
		a->fresh[i] = tok < 0 ? 0 : tok + 1;
	}
	if (p->requery)
		p->requery(a, app_state(a, p));
	a->last_refresh = time(NULL);
	a->dirty = 1;
}

void app_reload_key(struct app *a)
{
	app_requery(a);
	app_msg(a, 0, _("reloaded from the database"));
}

void app_open_detail(struct app *a, int64_t id)
{
	a->detail_id = id;
	a->over_from = a->over == &closed_panel ? a->over : NULL;
	a->over = &detail_panel;
	app_requery(a);
}

void app_close_over(struct app *a)
{
	a->over = a->over == &detail_panel ? a->over_from : NULL;
	a->over_from = NULL;
	app_requery(a);
}

static void app_switch(struct app *a, int i)
{
	const struct panel_ops *p = tab_at(i);
	if (!p)
		return;
	a->over = NULL;
	a->over_from = NULL;
	a->help = 0;
	a->tagged_next = 0;
	a->cur = p;
	int k = panel_index(p);
	if (p->open) {
		p->open(a, app_state(a, p));
		a->last_refresh = time(NULL);
		a->dirty = 1;
	} else if (k >= 0 && k < UI_PANELS_MAX && a->fresh[k] && a->fresh[k] == app_token(a) + 1) {
		a->dirty = 1;    /* nothing changed since it was read: as it was */
	} else {
		app_requery(a);
	}
}

static void app_panel_key(struct app *a) { app_switch(a, a->last_key - '1'); }
static void app_next_key(struct app *a) { app_switch(a, (tab_index(a->cur) + 1) % tab_count()); }
static void app_prev_key(struct app *a) { app_switch(a, (tab_index(a->cur) + tab_count() - 1) % tab_count()); }

/* --- the generic requests ------------------------------------------------ */

struct search_ctx {
	struct app *a;
	const struct panel_ops *p;
	void *st;
};

static int search_match(void *ctx, int i)
{
	struct search_ctx *c = ctx;
	return c->p->match(c->a, c->st, i, c->a->search);
}

/* /, n and N, the same in every panel that can match a line. */
static void app_search(struct app *a, const struct panel_ops *p, void *st, enum ui_req r)
{
	struct ui_list *l = p->list ? p->list(a, st) : NULL;
	char k[32];
	if (!l || !p->match)
		return;
	if (r == REQ_SEARCH) {
		char text[sizeof a->search];
		if (!app_prompt(a, _("Search: /"), text, sizeof text) || !text[0])
			return;
		snprintf(a->search, sizeof a->search, "%s", text);
		a->search_in = p;
	} else if (a->search_in != p || !a->search[0]) {
		app_msg(a, 1, _("no search yet: %s searches"), ui_action_key(p->keys, NT_("search"), k, sizeof k));
		return;
	}
	struct search_ctx c = { a, p, st };
	int dir = r == REQ_PREV_MATCH ? -1 : 1;
	if (ui_list_find(l, dir, r == REQ_SEARCH, search_match, &c) == 0)
		app_msg(a, 1, _("no match for /%s/"), a->search);
}

void app_request(struct app *a, enum ui_req r)
{
	const struct panel_ops *p = app_visible(a);
	void *st = app_state(a, p);
	a->dirty = 1;
	if (r == REQ_SEARCH || r == REQ_NEXT_MATCH || r == REQ_PREV_MATCH) {
		app_search(a, p, st, r);
		return;
	}
	if (p->request && p->request(a, st, r))
		return;
	if (r == REQ_RELOAD) {
		app_reload_key(a);
		return;
	}
	struct ui_list *l = p->list ? p->list(a, st) : NULL;
	if (l)
		ui_list_request(l, r);
}

#define UI_REQ_RUN(id, action, key, key2, name, help) \
	void app_req_##id(struct app *a) { app_request(a, REQ_##id); }
UI_REQUESTS(UI_REQ_RUN)
UI_SEARCH_REQUESTS(UI_REQ_RUN)

/* Quitting from the top: when a panel holds something typed that quitting
 * would lose, only after a yes.  1 when it may go. */
static int app_may_quit(struct app *a)
{
	for (int i = 0; i < UI_PANELS_MAX && ui_panels[i]; i++) {
		char what[256], q[400];
		if (!ui_panels[i]->unsaved || !a->state[i] || !ui_panels[i]->unsaved(a, a->state[i], what, sizeof what))
			continue;
		snprintf(q, sizeof q, _("Quit? %s would be lost (y/N) "), what);
		return ask_yes(a, q);
	}
	return 1;
}

static void app_quit_key(struct app *a)
{
	if (a->tagged_next) {
		a->tagged_next = 0;
		app_msg(a, 0, _("cancelled"));
	} else if (a->over)
		app_close_over(a);
	else
		a->quit = app_may_quit(a);
	a->dirty = 1;
}

static void app_help_key(struct app *a)
{
	a->help = 1;
	a->help_list = (struct ui_list){ .scroll = 1 };
	a->dirty = 1;
}

static void app_redraw_key(struct app *a)
{
	clearok(curscr, TRUE);
	a->dirty = 1;
}

static void app_command_key(struct app *a)
{
	char cmd[256];
	if (!app_prompt(a, ":", cmd, sizeof cmd))
		return;
	char *arg = cmd + strspn(cmd, " ");
	char *sp = strchr(arg, ' ');
	if (sp) {
		*sp++ = 0;
		sp += strspn(sp, " ");
	}
	if (strcmp(arg, "q") == 0 || strcmp(arg, "quit") == 0)
		a->quit = app_may_quit(a);
	else if (strcmp(arg, "refresh") == 0) {
		app_requery(a);
		app_msg(a, 0, _("refreshed"));
	} else if (strcmp(arg, "help") == 0)
		app_help_key(a);
	else if (strcmp(arg, "panel") == 0 && sp && *sp) {
		char names[256];
		size_t o = 0;
		names[0] = 0;
		for (int i = 0; tab_at(i); i++) {
			if (strcasecmp(sp, tab_at(i)->name) == 0 || (sp[0] == '1' + i && !sp[1])) {
				app_switch(a, i);
				return;
			}
			if (o < sizeof names)
				o += (size_t)snprintf(names + o, sizeof names - o, "%s%s", i ? ", " : "", tab_at(i)->name);
		}
		app_msg(a, 1, _("no such panel: %s (%s)"), sp, names);
	} else if (*arg)
		app_msg(a, 1, _("unknown command :%s (known: q, panel NAME, refresh, help)"), arg);
}

/* --- windows and drawing ----------------------------------------------- */

static void app_layout(struct app *a)
{
	WINDOW **ws[] = { &a->top, &a->main, &a->bar, &a->msg };
	for (size_t i = 0; i < 4; i++)
		if (*ws[i]) {
			delwin(*ws[i]);
			*ws[i] = NULL;
		}
	getmaxyx(stdscr, a->rows, a->cols);
	a->too_small = a->rows < MIN_ROWS || a->cols < MIN_COLS;
	int rows = a->rows < 4 ? 4 : a->rows, cols = a->cols < 1 ? 1 : a->cols;
	a->top = newwin(1, cols, 0, 0);
	a->main = newwin(rows - 3, cols, 1, 0);
	a->bar = newwin(1, cols, rows - 2, 0);
	a->msg = newwin(1, cols, rows - 1, 0);
	if (!a->top || !a->main || !a->bar || !a->msg) {
		a->quit = 1;   /* curses could not even make a window: nothing to show */
		return;
	}
	keypad(a->main, TRUE);
	keypad(a->msg, TRUE);
	wtimeout(a->main, TICK_MS);
	clearok(curscr, TRUE);
	a->dirty = 1;
}

static void draw_tabs(struct app *a)
{
	WINDOW *w = a->top;
	werase(w);
	wmove(w, 0, 0);
	int x = 0;
	for (int i = 0; tab_at(i); i++) {
		char tab[48];
		snprintf(tab, sizeof tab, " %d %s ", i + 1, _(tab_at(i)->title));
		attr_t at = ui_attr(a, tab_at(i) == a->cur ? UI_TITLE : UI_TAB);
		x += ui_text(w, 0, x, a->cols - x, tab, at, 0);
	}
	if (a->over && x + 4 < a->cols) {
		/* A view of a tab's own state is its detail; a panel of its own
		 * over a tab (the focus groups) says what it is. */
		char over[64];
		snprintf(over, sizeof over, "> %s", a->over->of ? _("Detail") : _(a->over->title));
		ui_text(w, 0, x + 1, a->cols - x - 1, over, A_BOLD, 0);
	}
	wnoutrefresh(w);
}

static void draw_bar(struct app *a)
{
	WINDOW *w = a->bar;
	char roles[96], when[32] = "-", line[PATH_MAX + 256];
	store_roles_format(a->s->my_roles, roles, sizeof roles);
	if (a->last_refresh) {
		struct tm tm;
		gmtime_r(&(time_t){ (time_t)a->last_refresh }, &tm);   /* UTC, as every time chorus shows */
		strftime(when, sizeof when, "%H:%M:%S", &tm);
	}
	/* The path goes last: on a narrow screen it is what gets cut. */
	snprintf(line, sizeof line, _(" %s%s%s [%s]  %s%s  refreshed %s  %s"),
		 a->s->my_login, strcmp(a->s->my_login, a->s->actor_login) ? _(" via ") : "",
		 strcmp(a->s->my_login, a->s->actor_login) ? a->s->actor_login : "", roles,
		 store_mode_name(a->s->mode), a->s->readonly ? _(" read-only") : "", when, a->s->path);
	werase(w);
	wbkgd(w, ui_attr(a, UI_BAR));
	ui_text(w, 0, 0, a->cols, line, ui_attr(a, UI_BAR), 1);
	wnoutrefresh(w);
}

static void draw_msg(struct app *a)
{
	WINDOW *w = a->msg;
	werase(w);
	const char *t = a->status;
	char hint[160];
	if (!*t) {
		char h[32], c[32], q[32];
		snprintf(hint, sizeof hint, _("%s help  %s command  1-8 panels  %s %s"),
			 global_label(NT_("help"), h, sizeof h), global_label(NT_("command"), c, sizeof c),
			 global_label(NT_("quit"), q, sizeof q), a->over ? _("back") : _("quit"));
		t = hint;
	}
	ui_text(w, 0, 0, a->cols, t, a->status_err ? ui_attr(a, UI_ERR) : (*a->status ? A_NORMAL : ui_attr(a, UI_DIM)), 0);
	wnoutrefresh(w);
}

/* The ? overlay: the visible panel's keys, then the global ones, from the
 * same tables the dispatch uses, as they are now (keys: may have moved
 * some).  It scrolls (a->help_list), so at 80x24 every key can be read. */
static int help_line(const struct app *a, int i, const struct keydef **k)
{
	const struct keydef *tables[2] = { app_visible(a)->keys, app_global_keys };
	for (int t = 0; t < 2; t++) {
		for (const struct keydef *d = tables[t]; d && d->run; d++)
			if (d->keyname && i-- == 0) {
				*k = d;
				return 1;
			}
		if (t == 0 && i-- == 0) {
			*k = NULL;   /* the blank line between the two */
			return 1;
		}
	}
	return 0;
}

static void draw_help(struct app *a)
{
	const struct panel_ops *p = app_visible(a);
	const struct keydef *k;
	int n = 0;
	while (help_line(a, n, &k))
		n++;
	int h = n + 2, wd = a->cols - 8;
	if (h > a->rows - 4)
		h = a->rows - 4;
	if (wd > 76)
		wd = 76;
	struct ui_list *l = &a->help_list;
	l->n = n;
	l->rows = h - 2;
	l->scroll = 1;
	ui_list_clamp(l);
	WINDOW *w = newwin(h, wd, 2, (a->cols - wd) / 2);
	if (!w)
		return;
	werase(w);
	box(w, 0, 0);
	char title[96], pos[32], label[32];
	snprintf(title, sizeof title, _(" Keys: %s "), _(p->title));
	ui_text(w, 0, 2, wd - 4, title, ui_attr(a, UI_HEAD), 0);
	if (n > l->rows) {
		snprintf(title, sizeof title, _(" %s  j/k PgDn/PgUp "), ui_list_pos(l, pos, sizeof pos));
		ui_text(w, h - 1, 2, wd - 4, title, ui_attr(a, UI_DIM), 0);
	}
	for (int y = 0; y < l->rows && help_line(a, l->top + y, &k); y++) {
		if (!k)
			continue;
		ui_text(w, y + 1, 2, 8, ui_key_label(k, label, sizeof label), A_BOLD, 0);
		ui_text(w, y + 1, 11, wd - 13, _(k->help), A_NORMAL, 0);
	}
	wnoutrefresh(w);
	delwin(w);
}

/* A key while the overlay is open: the movement keys scroll it, as they
 * are now (keys: applies), any other key closes it. */
static void help_key(struct app *a, int ch)
{
	static const enum ui_req moves[] = { REQ_DOWN, REQ_UP, REQ_PAGE_DOWN, REQ_PAGE_UP, REQ_TOP, REQ_BOTTOM };
	const struct keydef *k = ui_key_find(app_visible(a)->keys, ch);
	a->dirty = 1;
	for (size_t i = 0; k && i < sizeof moves / sizeof moves[0]; i++)
		if (k->action && strcmp(k->action, ui_req_name(moves[i])) == 0) {
			ui_list_request(&a->help_list, moves[i]);
			return;
		}
	a->help = 0;
}

/* Below 80x24 nothing of the panels is drawn: a clear message in the main
 * window (the one the loop reads keys from, so curses never repaints it
 * over the message), the other windows blank. */
static void draw_too_small(struct app *a)
{
	WINDOW *w = a->main;
	werase(a->top);
	werase(a->bar);
	werase(a->msg);
	werase(w);
	char line[96];
	snprintf(line, sizeof line, _("terminal too small: %dx%d, chorus needs %dx%d"), a->cols, a->rows,
		 MIN_COLS, MIN_ROWS);
	int h = getmaxy(w), y = h / 2;
	mvwaddnstr(w, y > 0 ? y - 1 : 0, 0, line, a->cols);
	if (y + 1 < h)
		mvwaddnstr(w, y + 1, 0, _("make it bigger, or q to quit"), a->cols);
	wnoutrefresh(a->top);
	wnoutrefresh(w);
	wnoutrefresh(a->bar);
	wnoutrefresh(a->msg);
}

void app_redraw_all(struct app *a)
{
	if (a->too_small) {
		draw_too_small(a);
		a->dirty = 0;
		return;
	}
	draw_tabs(a);
	werase(a->main);
	const struct panel_ops *p = app_visible(a);
	p->draw(a, app_state(a, p), a->main, a->rows - 3, a->cols);
	if (a->hint[0])
		ui_text(a->main, a->rows - 4, 1, a->cols - 2, a->hint, ui_attr(a, UI_WARN), 1);
	wnoutrefresh(a->main);
	draw_bar(a);
	draw_msg(a);
	if (a->help)
		draw_help(a);
	a->dirty = 0;
}

static int app_tty_gone(void);

/* --- prompt -------------------------------------------------------------- */

int app_read_key(struct app *a, WINDOW *w, wint_t *wc)
{
	for (;;) {
		doupdate();
		wtimeout(w, -1);
		store_idle(a->s);
		int r = wget_wch(w, wc);
		if (r == ERR) {
			if (app_tty_gone())
				return ERR;
			continue;
		}
		if (r == KEY_CODE_YES && *wc == KEY_RESIZE)
			app_layout(a);   /* the caller draws again: a->dirty */
		return r;
	}
}

int app_prompt(struct app *a, const char *question, char *buf, size_t n)
{
	buf[0] = 0;
	return app_ask(a, question, buf, n, NULL);
}

int app_prompt_edit(struct app *a, const char *question, char *buf, size_t n)
{
	return app_ask(a, question, buf, n, NULL);
}

/* The question and the line, scrolled so the cursor shows; a value given
 * to start from is shown selected (typing replaces it). */
static void prompt_draw(struct app *a, const char *question, const struct ui_line *l, const char *why)
{
	if (why[0]) {
		/* A refused value: the reason over the line, which keeps the text. */
		werase(a->bar);
		ui_text(a->bar, 0, 0, a->cols, why, ui_attr(a, UI_ERR), 1);
		wnoutrefresh(a->bar);
	}
	werase(a->msg);
	/* A short answer (y/N) leaves the question most of the line. */
	int qw = ui_text(a->msg, 0, 0, l->max <= 16 ? a->cols - 8 : a->cols / 2, question, A_BOLD, 0);
	int room = a->cols - qw - 2;
	char clean[UI_LINE_MAX * 3];
	text_clean(l->buf, clean, sizeof clean, 0);
	const char *show = clean;
	int skip = ui_line_cursor_col(l) - room;
	while (skip > 0 && *show) {
		uint32_t cp;
		show += text_decode(show, strlen(show), &cp);
		skip -= text_char_width(cp) > 0 ? text_char_width(cp) : 1;
	}
	int cx = qw + ui_line_cursor_col(l) - text_width(clean) + text_width(show);
	ui_text(a->msg, 0, qw, room + 1, show, l->selected ? A_REVERSE : A_NORMAL, 0);
	wmove(a->msg, 0, cx < a->cols ? cx : a->cols - 1);
	wnoutrefresh(a->msg);
}

int app_ask(struct app *a, const char *question, char *buf, size_t n, const struct ask_opts *o)
{
	struct ui_line l;
	ui_line_init(&l, buf, n);
	if (o) {
		l.complete = o->complete;
		l.ncomplete = o->ncomplete;
	}
	char why[512] = "";
	curs_set(1);
	for (;;) {
		if (a->dirty)
			app_redraw_all(a);
		prompt_draw(a, question, &l, why);
		wint_t wc;
		int r = app_read_key(a, a->msg, &wc);
		enum ui_line_result res = r == ERR ? UI_LINE_CANCEL : ui_line_key(&l, (uint32_t)wc, r == KEY_CODE_YES);
		if (res == UI_LINE_CANCEL) {
			curs_set(0);
			app_msg(a, 0, _("cancelled"));
			return 0;
		}
		if (res != UI_LINE_DONE)
			continue;
		why[0] = 0;
		if (o && o->check && o->check(o->ctx, l.buf, why, sizeof why) != 0) {
			if (!why[0])
				snprintf(why, sizeof why, _("not a valid value"));
			continue;   /* what was typed stays, to be fixed */
		}
		break;
	}
	snprintf(buf, n, "%s", l.buf);
	curs_set(0);
	a->status[0] = 0;
	a->dirty = 1;
	return 1;
}

/* --- the loop ------------------------------------------------------------- */

static void app_mouse(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || a->too_small)
		return;
	int button = 0;
	if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED))
		button = 1;
	else if (ev.bstate & BUTTON4_PRESSED)
		button = 4;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		button = 5;
#endif
	if (!button)
		return;
	if (a->help) {
		/* The overlay is on top: the wheel scrolls it, a click closes
		 * it; nothing reaches the panel underneath. */
		if (button == 1)
			a->help = 0;
		else
			ui_list_move(&a->help_list, button == 4 ? -UI_WHEEL_LINES : UI_WHEEL_LINES);
		a->dirty = 1;
		return;
	}
	if (ev.y == 0 && button == 1) {
		/* A click on a tab switches to it. */
		int x = 0;
		for (int i = 0; tab_at(i); i++) {
			char tab[48];
			snprintf(tab, sizeof tab, " %d %s ", i + 1, _(tab_at(i)->title));
			int w = text_width(tab);
			if (ev.x >= x && ev.x < x + w) {
				app_switch(a, i);
				return;
			}
			x += w;
		}
		return;
	}
	const struct panel_ops *p = app_visible(a);
	if (ev.y < 1 || ev.y >= a->rows - 2)
		return;
	/* The panel sees the wheel first (the board picks the column under
	 * it); then the wheel moves the same lines everywhere.  A panel
	 * without the generic requests still moves itself, a line a call. */
	int kit = p->list || p->request;
	for (int i = 0; i < (button == 1 || kit ? 1 : UI_WHEEL_LINES); i++)
		if (p->mouse)
			p->mouse(a, app_state(a, p), ev.y - 1, ev.x, button);
	if (button != 1 && kit)
		for (int i = 0; i < UI_WHEEL_LINES; i++)
			app_request(a, button == 4 ? REQ_UP : REQ_DOWN);
	a->dirty = 1;
}

static void app_key(struct app *a, int ch)
{
	if (ch == KEY_RESIZE) {
		app_layout(a);
		return;
	}
	if (ch == '\n' || ch == KEY_ENTER)
		ch = '\r';   /* Enter arrives as any of these */
	if (ch == KEY_MOUSE) {
		app_mouse(a);
		return;
	}
	if (a->too_small) {
		const struct keydef *k = ui_key_find(app_global_keys, ch);
		if (ch == 'q' || (k && k->run == app_quit_key))
			a->quit = 1;
		return;
	}
	if (a->conflict.active && edit_conflict_key(a, ch))
		return;
	if (a->help) {
		help_key(a, ch);
		return;
	}
	if (ch != ';' && a->status[0] && !a->pending_tries)
		a->status[0] = 0;   /* a message stays until the next key */
	const struct panel_ops *p = app_visible(a);
	const struct keydef *k = ui_key_find(p->keys, ch);
	if (!k)
		k = ui_key_find(app_global_keys, ch);
	a->last_key = ch;
	if (k && k->run)
		k->run(a);
	else
		app_msg(a, 0, _("no action on that key here; ? shows the keys"));
	a->dirty = 1;
}

int app_input_waiting(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

/* A key is waiting (store_stop_when: a reading ahead stops for it). */
static int key_waiting(void *arg)
{
	int *stopped = arg;
	if (app_input_waiting())
		*stopped = 1;
	return *stopped;
}

/* While idle after the first frame (app.later): read every tab that has
 * never been read, so that entering any tab the first time shows what is in
 * memory.  All in one turn: over a link the lock, taken for the first, is
 * held until the loop waits for a key again (store_idle), so the others
 * cost only their reading.  A key that comes meanwhile stops the reading
 * and is served at once: the tab, left unread (and the message line as it
 * was), is read when entered or on the next idle turn.  After a change a
 * tab is read when entered, as before; this is only the first reading. */
static void app_prefetch(struct app *a)
{
	int64_t tok = app_token(a);
	char status[sizeof a->status];
	int stopped = 0;
	memcpy(status, a->status, sizeof status);
	store_stop_when(a->s, key_waiting, &stopped);
	for (int i = 0; tok >= 0 && !stopped && i < UI_PANELS_MAX && ui_panels[i]; i++) {
		const struct panel_ops *p = ui_panels[i];
		if (p->over || p->of || p->open || !p->requery || p == a->cur || a->fresh[i])
			continue;
		p->requery(a, app_state(a, p));
		if (!stopped)
			a->fresh[i] = tok + 1;
	}
	store_stop_when(a->s, NULL, NULL);
	if (stopped) {
		memcpy(a->status, status, sizeof status);
		a->later = app_prefetch;
	} else {
		a->prefetched = 1;
	}
}

/* Every tick: retry a write that met the lock, and poll the change signal. */
static void app_tick(struct app *a)
{
	int64_t now = app_ms();
	if (a->pending_tries)
		act_retry(a);
	/* Our own commits move the signal too (share mode); what they left is
	 * known without asking, and everything committed before them was read
	 * under the same lock: not taken for another's change (a requery, two
	 * locks over a link, that a key pressed meanwhile would wait for). */
	int64_t own = store_own_changes(a->s), mine;
	if (own != a->own_seen && (mine = store_own_signal(a->s)) >= 0)
		a->signal = mine;
	a->own_seen = own;
	if (now - a->last_poll_ms < a->refresh_ms)
		return;
	a->last_poll_ms = now;
	int64_t sig = store_change_signal(a->s);
	if (sig != -1 && sig != a->signal) {
		a->signal = sig;
		app_requery(a);
	}
}

static void timing(struct app *a, const char *what, int ch, int64_t t0_us)
{
	if (!a->timing)
		return;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	int64_t us = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 - t0_us;
	fprintf(a->timing, "%s %d %.2f ms\n", what, ch, (double)us / 1000.0);
	fflush(a->timing);
}

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void app_open_timing(struct app *a)
{
	const char *t = getenv("CHORUS_TIMING");
	if (!t || !*t || strcmp(t, "0") == 0)
		return;
	char path[PATH_MAX];
	if (strcmp(t, "1") != 0) {
		a->timing = fopen(t, "a");   /* a path the user named */
		return;
	}
	/* A shared $TMPDIR: a per-user name, never through a symbolic link
	 * someone else planted, and only a file of one's own. */
	const char *dir = getenv("TMPDIR");
	snprintf(path, sizeof path, NT_("%s/chorus-timing-%lu.log"), dir && *dir ? dir : NT_("/tmp"),
		 (unsigned long)getuid());
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600);
	struct stat sb;
	if (fd >= 0 && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_uid != getuid())) {
		close(fd);
		fd = -1;
	}
	if (fd >= 0 && !(a->timing = fdopen(fd, "a")))
		close(fd);
}

/* The store's writes must never make the interface hang: a short busy
 * timeout, and a locked write is retried on the ticks instead. */
static void app_store_setup(struct app *a)
{
	a->s->busy_ms = 200;
	/* share mode: a silent lock is not waited out here; the watch goes on
	 * across the retries, and the retry after the silence breaks it */
	a->s->wait_abandoned = 0;
	/* share mode: one lock per key (or tick), for all its reads and
	 * writes; let go before every wait for a key (app_wait_key) */
	a->s->linger = 1;
	if (a->s->db && a->s->mode == STORE_MODE_LOCAL)
		sqlite3_busy_timeout(a->s->db, 200);
	a->refresh_ms = a->cfg.refresh_seconds > 0 ? a->cfg.refresh_seconds * 1000
		: a->s->mode == STORE_MODE_SHARE ? 3000 : 1000;
}

/* The tab named name, or NULL. */
static const struct panel_ops *tab_named(const char *name)
{
	for (int i = 0; tab_at(i); i++)
		if (strcasecmp(tab_at(i)->name, name) == 0)
			return tab_at(i);
	return NULL;
}

/* config.yaml's start_panel: a tab's name, or an error naming the file,
 * line and column and the names there are. */
static int app_start_check(const struct config *cfg, struct err *e)
{
	if (!cfg->start_panel[0] || tab_named(cfg->start_panel))
		return CH_OK;
	char names[256] = "";
	size_t o = 0;
	for (int i = 0; tab_at(i) && o < sizeof names; i++)
		o += (size_t)snprintf(names + o, sizeof names - o, "%s%s", i ? ", " : "", tab_at(i)->name);
	return err_set(e, CH_INVALID, _("%s:%u:%u: start_panel: no such panel '%s' (panels: %s)"), cfg->path,
		       cfg->start_line, cfg->start_column, cfg->start_panel, names);
}

/* The first panel: start_panel, else by the person's main role — a master
 * the Board, an editor the Inbox, a creator Mine, a publisher the Queue. */
static const struct panel_ops *app_start_panel(const struct app *a)
{
	if (a->cfg.start_panel[0] && tab_named(a->cfg.start_panel))
		return tab_named(a->cfg.start_panel);
	int r = a->s->my_roles;
	const struct panel_ops *p = r & ROLE_MASTER ? &board_panel : r & ROLE_EDITOR ? &inbox_panel
		: r & ROLE_CREATOR ? &mine_panel : &queue_panel;
	return tab_index(p) < tab_count() ? p : tab_at(0);
}

/* Start curses: newterm rather than initscr, so that a terminal which
 * COLORTERM says has 24-bit colour can be driven through its -direct
 * terminfo entry (see ui_direct_term); NULL when curses cannot start. */
static SCREEN *app_curses_start(void)
{
	char direct[128];
	SCREEN *scr = NULL;
	if (ui_direct_term(direct, sizeof direct))
		scr = newterm(direct, stdout, stdin);
	if (!scr)
		scr = newterm(NULL, stdout, stdin);
	return scr;
}

/* Is the terminal gone?  wgetch gives ERR both for "no key before the
 * timeout" and for a terminal that hung up: taking the second for a tick
 * spins for ever once the terminal disappears without a SIGHUP (or with one
 * ignored).  A hung-up terminal polls as POLLHUP (or an error) at once. */
static int app_tty_gone(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	int n;
	while ((n = poll(&p, 1, 0)) < 0 && errno == EINTR)
		;
	return n < 0 || (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int tui_main(struct session *c)
{
	/* Share mode: one lock from the open to the first frame (not one per
	 * statement: each costs round trips over a share); from then on the
	 * loop lets it go before every wait for a key (store_idle), since a
	 * person may leave the screen open for hours. */
	store_hold_lock_per_open(1);
	int64_t t0 = now_us();
	/* main set the locale (i18n_init). */
	const char *cs = nl_langinfo(CODESET);
	int utf8 = cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
	text_set_ascii(!utf8);
	struct app a;
	memset(&a, 0, sizeof a);
	a.utf8 = utf8;
	a.cli = c;
	struct err e = {0};
	/* A bad config file (keys: included) stops chorus before the screen is
	 * taken, so its message stays readable: exit 2 with file:line:column. */
	if (config_load(&a.cfg, &e) != CH_OK || tui_keys_config(&a.cfg, &e) != CH_OK ||
	    theme_load(c->theme ? c->theme : a.cfg.theme, &a.theme, &e) != CH_OK) {
		tui_keys_reset();
		return session_error(&e);
	}
	if (app_start_check(&a.cfg, &e) != CH_OK) {
		tui_keys_reset();
		return session_error(&e);
	}
	app_open_timing(&a);
	int st = session_open(c);
	if (st != CH_OK) {
		if (a.timing)
			fclose(a.timing);
		return st;
	}
	a.s = &c->store;
	app_store_setup(&a);
	if (!isatty(0) || !isatty(1)) {
		session_close(c);
		if (a.timing)
			fclose(a.timing);
		return session_fail(CH_INVALID, _("the full-screen interface needs a terminal; see chorus --help for the commands"));
	}
	a.cur = app_start_panel(&a);
	for (int i = 0; ui_panels[i]; i++)
		if (!app_state(&a, ui_panels[i])) {
			app_panels_free(&a);
			session_close(c);
			if (a.timing)
				fclose(a.timing);
			return session_fail(CH_UNUSABLE, _("out of memory"));
		}
	timing(&a, "opened", 0, t0);
	if (!ui_term_can_draw()) {
		app_panels_free(&a);
		session_close(c);
		if (a.timing)
			fclose(a.timing);
		return session_fail(CH_INVALID, _("the terminal (TERM=%s) cannot move the cursor: the full-screen "
				"interface needs one that can; the commands work anywhere (chorus --help)"),
				getenv(NT_("TERM")) ? getenv(NT_("TERM")) : "");
	}
	/* Curses writes to the terminal itself (newterm on stdout): the plain
	 * streams while it has the screen, the filter again after. */
	session_guard_end();
	SCREEN *scr = app_curses_start();
	if (!scr) {
		session_guard_start();
		app_panels_free(&a);
		session_close(c);
		if (a.timing)
			fclose(a.timing);
		return session_fail(CH_UNUSABLE, _("cannot start the terminal interface (TERM=%s)"),
				getenv(NT_("TERM")) ? getenv(NT_("TERM")) : "");
	}
	cbreak();
	noecho();
	nonl();
	curs_set(0);
	set_escdelay(25);
	ui_colors_init(&a);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	app_layout(&a);
	a.signal = store_change_signal(a.s);
	a.last_poll_ms = app_ms();
	if (a.s->readonly)
		app_msg(&a, 1, _("read-only: %s"), a.s->ro_reason);
	else if (a.s->mount_cache == STORE_CACHE_SLOW)
		app_msg(&a, 1, _("warning: %s"), a.s->mount_note);
	timing(&a, "curses", 0, t0);
	app_requery(&a);
	timing(&a, "queried", 0, t0);
	app_redraw_all(&a);
	doupdate();
	timing(&a, "first-frame", 0, t0);
	if (!a.later)
		a.later = app_prefetch;
	int lost = 0;
	int64_t last_key_ms = 0;
	while (!a.quit) {
		/* Work put off (app.later) runs as soon as no key came for LATER_QUIET_MS. */
		int64_t quiet = app_ms() - last_key_ms;
		wtimeout(a.main, !a.later ? TICK_MS : quiet >= LATER_QUIET_MS ? 0 : (int)(LATER_QUIET_MS - quiet));
		store_idle(a.s);
		int ch = wgetch(a.main);
		int64_t k0 = now_us();
		if (ch != ERR)
			last_key_ms = app_ms();
		int ran_later = ch == ERR && a.later && app_ms() - last_key_ms >= LATER_QUIET_MS;
		if (ran_later) {
			void (*later)(struct app *) = a.later;
			a.later = NULL;
			later(&a);   /* sets dirty when there is something new to show */
			if (!a.later && !a.prefetched)
				a.later = app_prefetch;
		} else if (ch == ERR && app_tty_gone()) {
			a.quit = 1;
			lost = 1;
			continue;
		} else if (ch == ERR) {
			app_tick(&a);
		} else {
			app_key(&a, ch);
		}
		if (a.dirty && !a.quit) {
			app_redraw_all(&a);
			doupdate();
		}
		if (ch != ERR)
			timing(&a, "key", ch, k0);
		else if (ran_later)
			timing(&a, "later", 0, k0);
	}
	/* Without an alternate screen the last frame would stay on the
	 * terminal after quitting: leave it blank instead. */
	if (!lost && ui_term_keeps_screen()) {
		clear();
		refresh();
	}
	endwin();
	WINDOW **ws[] = { &a.top, &a.main, &a.bar, &a.msg };
	for (size_t i = 0; i < 4; i++)
		if (*ws[i])
			delwin(*ws[i]);
	if (a.timing)
		fclose(a.timing);
	free(a.pending.items);
	/* Panels may hold windows of their own: freed before the screen is. */
	app_panels_free(&a);
	delscreen(scr);
	session_guard_start();
	tui_keys_reset();
	session_close(c);
	return lost ? session_fail(CH_UNUSABLE, _("the terminal went away; stopped")) : CH_OK;
}
