/* queue.c — panel 3, the publisher's queue: what you can share now (see
 * chorus/queue.h for what is in it and in which order), one line per
 * content and platform over a preview of the message and its share link.
 *
 * v cycles the variants editors wrote; e personalises the one shown in
 * $EDITOR; y copies the post (the text with its UTM-tagged link) to the
 * clipboard with OSC 52, which works over SSH; o shows the share link; O
 * shows and copies the platform's share dialog link (its share_url); s
 * logs the share (with the post's address, optional) through the core's
 * share_log, and the item leaves the queue.  A text longer than the
 * preview ends in a row that says so, and J/K scroll it.
 *
 * A personalised text is the publisher's own: kept in the database per
 * person and message (chorus/personal.h) until they share it, so it is
 * there again in the next session.  One that could not be stored (a
 * read-only file, another chorus writing) stays in this session's memory,
 * is tried again on every refresh, and q asks before quitting loses it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "chorus/personal.h"
#include "chorus/policy.h"
#include "chorus/queue.h"
#include "text.h"
#include "ui.h"

/* The publisher's own text of a message, for this session. */
struct personal {
	int64_t message_id;
	char *text;
	char flag[160];          /* what the fair-use policy says of it, "" when nothing */
	int severity;
	int unsaved;             /* not in the database yet: only here */
};

struct queue_state {
	struct queue q;
	int *group;              /* index in q.v of each group's first variant */
	int *shown;              /* per group: the variant shown (its pos) */
	int ngroups;
	struct ui_list list;     /* over the groups; rows on screen from the last draw */
	int loaded;
	/* The preview's text, scrolled (J/K) when it is longer than its rows:
	 * the first wrapped row shown, for which message, and from the last
	 * draw the rows shown and the rows the whole text takes. */
	struct {
		int top, rows, total;
		int64_t message_id;
	} post;
	/* The share link popup of o: shown while the status line still says
	 * popup_msg, so the next key (any key) closes it. */
	char popup_msg[128];
	int64_t popup_id;
	struct personal *mine;
	int nmine;
	/* A share that met another chorus's write lock: tried again on the
	 * next refresh (which that write's commit causes), or on s. */
	struct {
		int active;
		int64_t message_id;
		char url[2048];
	} pending;
};

static void queue_close(void *st)
{
	struct queue_state *Q = st;
	/* Called after the screen is gone: a share that still waited for another
	 * chorus's write lock is not dropped in silence. */
	if (Q->pending.active) {
		fprintf(stderr, _("chorus: the share of message #%lld was not logged (another chorus was writing);"
			" log it with: chorus shares log %lld%s%s\n"), (long long)Q->pending.message_id,
			(long long)Q->pending.message_id, Q->pending.url[0] ? NT_(" --url ") : "", Q->pending.url);
		Q->pending.active = 0;
	}
	queue_free(&Q->q);
	free(Q->group);
	free(Q->shown);
	for (int i = 0; i < Q->nmine; i++)
		free(Q->mine[i].text);
	free(Q->mine);
	memset(Q, 0, sizeof *Q);
}

static struct queue_item *current(struct queue_state *Q)
{
	if (Q->list.sel < 0 || Q->list.sel >= Q->ngroups)
		return NULL;
	return &Q->q.v[Q->group[Q->list.sel] + Q->shown[Q->list.sel]];
}

static struct personal *mine_find(struct queue_state *Q, int64_t message_id)
{
	for (int i = 0; i < Q->nmine; i++)
		if (Q->mine[i].message_id == message_id)
			return &Q->mine[i];
	return NULL;
}

static void mine_drop(struct queue_state *Q, int64_t message_id)
{
	struct personal *p = mine_find(Q, message_id);
	if (p) {
		free(p->text);
		*p = Q->mine[--Q->nmine];
	}
}

/* The text the publisher posts: theirs when they personalised it. */
static const char *post_text(struct queue_state *Q, const struct queue_item *it)
{
	const struct personal *p = mine_find(Q, it->message_id);
	return p ? p->text : it->text;
}

/* The key of a queue action as it is now, for messages that name keys. */
static const char *qkey(const char *action, char *buf, size_t n)
{
	return ui_action_key(queue_panel.keys, action, buf, n);
}

/* The share link of an item, malloc'd; NULL when it has none (or no memory). */
static char *share_link(struct app *a, const struct queue_item *it)
{
	char *link = NULL;
	struct err e = {0};
	if (queue_share_link(it->link, it->platform, it->campaign, a->s->my_login, &link, &e) != CH_OK)
		app_msg(a, 1, "%s", e.msg);
	return link;
}

/* --- the list -------------------------------------------------------------------- */

static int shown_was(const int64_t *ids, int n, const struct queue_item *it)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == it->message_id)
			return 1;
	return 0;
}

static void share_try(struct app *a);
static void check_policy(struct app *a, struct personal *p);

/* This session's own texts as the database keeps them: those not stored
 * yet are tried again first (and stay when that fails too); the others
 * follow the database (another session may have changed or shared them). */
static void mine_sync(struct app *a, struct queue_state *Q)
{
	struct err e = {0};
	for (int i = 0; i < Q->nmine; i++)
		if (Q->mine[i].unsaved && personal_text_set(a->s, Q->mine[i].message_id, Q->mine[i].text, &e) == CH_OK)
			Q->mine[i].unsaved = 0;
	struct personal_text *v = NULL;
	int n = 0;
	if (personal_text_list(a->s, &v, &n, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	for (int i = 0; i < Q->nmine;) {   /* gone from the database: gone here */
		int kept = Q->mine[i].unsaved;
		for (int k = 0; !kept && k < n; k++)
			kept = v[k].message_id == Q->mine[i].message_id;
		if (kept)
			i++;
		else
			mine_drop(Q, Q->mine[i].message_id);
	}
	for (int k = 0; k < n; k++) {
		struct personal *p = mine_find(Q, v[k].message_id);
		int queued = 0;   /* only those of messages in the queue now */
		for (int i = 0; !queued && i < Q->q.n; i++)
			queued = Q->q.v[i].message_id == v[k].message_id;
		if (!queued || (p && (p->unsaved || strcmp(p->text, v[k].text) == 0)))
			continue;
		if (!p) {
			struct personal *m = realloc(Q->mine, (size_t)(Q->nmine + 1) * sizeof *m);
			if (!m)
				break;
			Q->mine = m;
			p = &Q->mine[Q->nmine++];
			memset(p, 0, sizeof *p);
			p->message_id = v[k].message_id;
		}
		free(p->text);
		p->text = v[k].text;
		v[k].text = NULL;
		check_policy(a, p);
	}
	personal_text_free(v, n);
}

/* What quitting would lose: texts only in memory. */
static int queue_unsaved(struct app *a, void *st, char *what, size_t n)
{
	(void)a;
	struct queue_state *Q = st;
	int texts = 0;
	for (int i = 0; i < Q->nmine; i++)
		texts += Q->mine[i].unsaved;
	/* (A share still waiting for the lock is not lost: queue_close says how
	 * to log it.) */
	if (texts)
		snprintf(what, n, P_("%d personalised text not stored yet", "%d personalised texts not stored yet", texts), texts);
	return texts > 0;
}

static void queue_refresh(struct app *a, void *st)
{
	struct queue_state *Q = st;
	if (Q->pending.active)
		share_try(a);
	/* What was on screen: the selected group, and the variant each group showed. */
	struct queue_item *c = current(Q);
	int64_t keep_content = c ? c->content_id : 0, keep_platform = c ? c->platform_id : 0;
	int nids = 0;
	int64_t *ids = Q->ngroups ? malloc((size_t)Q->ngroups * sizeof *ids) : NULL;
	for (int g = 0; ids && g < Q->ngroups; g++)
		if (Q->shown[g])
			ids[nids++] = Q->q.v[Q->group[g] + Q->shown[g]].message_id;
	struct queue fresh;
	struct err e = {0};
	if (queue_list(a->s, &fresh, &e) != CH_OK) {
		free(ids);
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	queue_free(&Q->q);
	free(Q->group);
	free(Q->shown);
	Q->q = fresh;
	Q->ngroups = 0;
	Q->group = malloc(((size_t)Q->q.n + 1) * sizeof *Q->group);
	Q->shown = calloc((size_t)Q->q.n + 1, sizeof *Q->shown);
	if (!Q->group || !Q->shown) {
		free(ids);
		queue_free(&Q->q);
		app_msg(a, 1, _("out of memory"));
		return;
	}
	int sel = -1;
	for (int i = 0; i < Q->q.n; i++) {
		const struct queue_item *it = &Q->q.v[i];
		if (it->pos == 0) {
			Q->group[Q->ngroups++] = i;
			if (it->content_id == keep_content && it->platform_id == keep_platform)
				sel = Q->ngroups - 1;
		}
		if (shown_was(ids, nids, it))
			Q->shown[Q->ngroups - 1] = it->pos;
	}
	free(ids);
	Q->loaded = 1;
	mine_sync(a, Q);
	/* The same item if it is still here; else the same place, the next item. */
	if (sel >= 0)
		Q->list.sel = sel;
	if (Q->list.sel >= Q->ngroups)
		Q->list.sel = Q->ngroups - 1;
	if (Q->list.sel < 0)
		Q->list.sel = 0;
}

/* --- drawing --------------------------------------------------------------------- */

/* Draw text, sanitised, wrapped at cols from row y, column x, in at most
 * rows rows; returns the rows used. */
static int draw_wrapped(WINDOW *w, int y, int x, int rows, int cols, const char *raw, attr_t attr)
{
	int n = ui_wrapped(w, y, x, rows, cols, raw, attr, 0);
	return n < rows ? n : rows;
}

static void draw_empty(struct app *a, WINDOW *w, int cols)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	char line[512], roles[96];
	const char *why, *what;
	if (!Q->q.publisher) {
		store_roles_format(a->s->my_roles, roles, sizeof roles);
		snprintf(line, sizeof line, _("Your roles are %s; a social master can add publisher (chorus people set %s "
			 "--roles %s%spublisher)."), roles[0] ? roles : _("none"), a->s->my_login, roles, roles[0] ? "," : "");
		why = _("You are not a publisher, so there is nothing in the queue for you.");
		what = line;
	} else if (Q->q.nplatforms == 0) {
		why = _("You have no platforms yet, so there is nothing in the queue for you.");
		what = _("The queue holds the ready messages for the platforms you have a handle on; "
		       "a social master records your handles.");
	} else {
		snprintf(line, sizeof line, _("Nothing to share right now on %s."), Q->q.platforms);
		why = line;
		what = _("Messages appear here when editors make them ready; those you have shared are gone from the list.");
	}
	ui_text(w, 2, 2, cols - 4, why, A_BOLD, 0);
	draw_wrapped(w, 3, 2, 3, cols - 4, what, A_NORMAL);
}

/* "123/280" (with sep "/"; or "123" without a limit); 1 when the text is
 * over the limit. */
static int length_label(struct queue_state *Q, const struct queue_item *it, const char *sep, char *out, size_t n)
{
	size_t len = queue_chars(post_text(Q, it));
	if (it->max_length > 0)
		snprintf(out, n, "%zu%s%d", len, sep, it->max_length);
	else
		snprintf(out, n, "%zu", len);
	return it->max_length > 0 && len > (size_t)it->max_length;
}

static void draw_index_line(struct app *a, WINDOW *w, int y, int cols, int g)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	const struct queue_item *it = &Q->q.v[Q->group[g] + Q->shown[g]];
	attr_t at = g == Q->list.sel ? ui_attr(a, UI_SEL) : A_NORMAL;
	char var[16], len[32];
	wattr_on(w, at, NULL);
	mvwhline(w, y, 0, ' ', cols);
	wattr_off(w, at, NULL);
	ui_text(w, y, 0, 1, mine_find(Q, it->message_id) ? "*" : " ", at | A_BOLD, 0);
	ui_text(w, y, 2, 18, it->campaign[0] ? it->campaign : "-", at | (it->campaign[0] ? A_BOLD : ui_attr(a, UI_DIM)), 0);
	ui_text(w, y, 21, 10, it->platform_name, at, 0);
	snprintf(var, sizeof var, "%d/%d", it->pos + 1, it->count);
	ui_text(w, y, 32, 5, var, at, 0);
	int over = length_label(Q, it, "/", len, sizeof len);
	ui_text(w, y, 38, 11, len, at | (over ? ui_attr(a, UI_WARN) | A_BOLD : 0), 0);
	ui_text(w, y, 50, cols - 50, it->title, at, 0);
}

/* The preview's rows above the text: title, what it is, the warnings. */
static int preview_head_rows(struct queue_state *Q, const struct queue_item *it)
{
	char len[48];
	const struct personal *p = mine_find(Q, it->message_id);
	return 2 + length_label(Q, it, _(" of "), len, sizeof len) + (p && p->flag[0]) + 1;
}

/* The rows the preview of the item under the cursor needs to show it
 * all: its head, the whole text, a blank row and the share link's row. */
static int preview_need(struct queue_state *Q, int cols)
{
	const struct queue_item *it = current(Q);
	return it ? preview_head_rows(Q, it) + ui_wrapped(NULL, 0, 0, 0, cols - 2, post_text(Q, it), A_NORMAL, 0) + 2 : 0;
}

/* The text of the post in rows rows from y: all of it, or the part from
 * the scroll position with a last row that says what is hidden and which
 * keys scroll; nothing is ever left out without that row saying so. */
static int draw_post(struct app *a, WINDOW *w, int y, int rows, int cols, const struct queue_item *it)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	const char *text = post_text(Q, it);
	if (Q->post.message_id != it->message_id) {
		Q->post.message_id = it->message_id;
		Q->post.top = 0;
	}
	int total = ui_wrapped(NULL, 0, 0, 0, cols - 2, text, A_NORMAL, 0);
	Q->post.total = total;
	if (rows < 1) {
		Q->post.rows = 0;
		return 0;
	}
	if (total <= rows) {
		Q->post.top = 0;
		Q->post.rows = total;
		return ui_wrapped(w, y, 1, rows, cols - 2, text, A_NORMAL, 0);
	}
	int shown = rows - 1;   /* the last row is the marker's */
	if (Q->post.top > total - shown)
		Q->post.top = total - shown;
	if (Q->post.top < 0)
		Q->post.top = 0;
	Q->post.rows = shown;
	ui_wrapped(w, y, 1, shown, cols - 2, text, A_NORMAL, Q->post.top);
	int above = Q->post.top, below = total - Q->post.top - shown;
	char line[160], dn[16], up[16];
	qkey("preview-down", dn, sizeof dn);
	qkey("preview-up", up, sizeof up);
	if (below > 0 && above > 0)
		snprintf(line, sizeof line, P_("[%d more line of the text: %s scrolls down, %s up]",
			    "[%d more lines of the text: %s scrolls down, %s up]", below), below, dn, up);
	else if (below > 0)
		snprintf(line, sizeof line, P_("[%d more line of the text: %s scrolls down]",
			    "[%d more lines of the text: %s scrolls down]", below), below, dn);
	else
		snprintf(line, sizeof line, P_("[end of the text, %d line above: %s scrolls up]",
			    "[end of the text, %d lines above: %s scrolls up]", above), above, up);
	ui_text(w, y + shown, 1, cols - 2, line, ui_attr(a, UI_DIM) | A_BOLD, 0);
	return rows;
}

static void draw_preview(struct app *a, WINDOW *w, int y, int rows, int cols)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	const struct queue_item *it = current(Q);
	if (!it || rows < 2)
		return;
	int end = y + rows;
	const struct personal *p = mine_find(Q, it->message_id);
	char line[512], len[48];
	ui_text(w, y++, 1, cols - 2, it->title, A_BOLD, 0);
	int over = length_label(Q, it, _(" of "), len, sizeof len);
	int n = snprintf(line, sizeof line, _("message #%lld on %s, variant %d of %d, %s characters"),
			 (long long)it->message_id, it->platform_name, it->pos + 1, it->count, len);
	if (it->campaign[0])
		n += it->campaign_ends[0]
			? snprintf(line + n, sizeof line - (size_t)n, _(", campaign %s until %s"), it->campaign, it->campaign_ends)
			: snprintf(line + n, sizeof line - (size_t)n, _(", campaign %s"), it->campaign);
	if (p)
		snprintf(line + n, sizeof line - (size_t)n, _(", your own text"));
	ui_text(w, y++, 1, cols - 2, line, ui_attr(a, UI_DIM), 0);
	if (over && y < end) {
		snprintf(line, sizeof line, _("Over %s's %d characters: shorten it before you post."), it->platform_name,
			 it->max_length);
		ui_text(w, y++, 1, cols - 2, line, ui_attr(a, UI_WARN) | A_BOLD, 0);
	}
	if (p && p->flag[0] && y < end)
		ui_text(w, y++, 1, cols - 2, p->flag, ui_attr(a, p->severity >= SEV_BLOCK ? UI_ERR : UI_WARN), 0);
	/* The share link keeps the last row (o shows it whole); the text has
	 * the rows between, scrolled when it needs more. */
	y++;
	y += draw_post(a, w, y, end - y - 2, cols, it);
	y++;
	if (y >= end)
		return;
	char *link = share_link(a, it);
	if (link) {
		char o[16];
		int lw = ui_text(w, y, 1, 12, _("Share link:"), ui_attr(a, UI_DIM), 0) + 2;
		int cut = (int)strlen(link) > ui_text(w, y, lw, cols - 1 - lw, link, A_NORMAL, 0);
		if (cut && cols > 40) {   /* the key that shows it whole, over its end */
			snprintf(line, sizeof line, _(" (%s: whole) "), qkey(NT_("link"), o, sizeof o));
			ui_text(w, y, cols - 1 - (int)strlen(line), (int)strlen(line), line, ui_attr(a, UI_DIM), 0);
		}
	} else {
		ui_text(w, y, 1, cols - 2, _("No link: the message is the whole post."), ui_attr(a, UI_DIM), 0);
	}
	free(link);
}

/* The share link in a box over the preview, whole, with its tags. */
static void draw_popup(struct app *a, WINDOW *w, int rows, int cols)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	const struct queue_item *it = current(Q);
	if (!Q->popup_id || !it || it->message_id != Q->popup_id || strcmp(a->status, Q->popup_msg) != 0) {
		Q->popup_id = 0;
		return;
	}
	char *link = share_link(a, it);
	if (!link)
		return;
	int wd = cols - 8, inner = wd - 4;
	int lrows = ((int)strlen(link) + inner - 1) / inner;
	int h = lrows + 8;
	if (h > rows - 2)
		h = rows - 2;
	int y0 = rows - h - 1, x0 = 4;
	for (int y = y0; y < y0 + h; y++)
		mvwhline(w, y, x0, ' ', wd);
	WINDOW *box = derwin(w, h, wd, y0, x0);
	if (box) {
		box(box, 0, 0);
		delwin(box);
	}
	ui_text(w, y0, x0 + 2, wd - 4, _(" Share link (any key closes) "), ui_attr(a, UI_HEAD), 0);
	int y = y0 + 1 + draw_wrapped(w, y0 + 1, x0 + 2, h - 2, inner, link, A_BOLD);
	static const char *const tags[] = { "utm_source", "utm_medium", "utm_campaign", "utm_content" };
	const char *values[] = { it->platform, "employee_advocacy",
				 it->campaign[0] ? it->campaign : "(none: no campaign)", a->s->my_login };
	for (int i = 0; i < 4 && y < y0 + h - 1; i++) {
		char line[256];
		snprintf(line, sizeof line, "%-13s %s", tags[i], values[i]);
		ui_text(w, ++y, x0 + 2, inner, line, A_NORMAL, 0);
	}
	free(link);
}

static void queue_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct queue_state *Q = st;
	char head[512];
	int n = snprintf(head, sizeof head, _(" Queue: %d to share"), Q->ngroups);
	if (Q->q.platforms[0])
		n += snprintf(head + n, sizeof head - (size_t)n, _(" on %s"), Q->q.platforms);
	if (Q->q.shown_max)
		n += snprintf(head + n, sizeof head - (size_t)n, _(" (the first %d messages)"), Q->q.n);
	if (Q->nmine)
		snprintf(head + n, sizeof head - (size_t)n, _("   %d personalised"), Q->nmine);
	ui_text(w, 0, 0, cols, head, ui_attr(a, UI_HEAD), 1);
	if (!Q->loaded)
		return;
	if (Q->ngroups == 0) {
		draw_empty(a, w, cols);
		return;
	}
	/* The heads over the columns draw_index_line draws. */
	attr_t dim = ui_attr(a, UI_DIM);
	ui_text(w, 1, 2, 18, _("Campaign"), dim, 0);
	ui_text(w, 1, 21, 10, _("Platform"), dim, 0);
	/* TRANSLATORS: the head of the variant column (5 columns wide: "2/3"). */
	ui_text(w, 1, 32, 5, _("Var."), dim, 0);
	ui_text(w, 1, 38, 11, _("Length"), dim, 0);
	ui_text(w, 1, 50, cols - 50, _("Title"), dim, 0);
	Q->list.rows = ui_split(rows - 3, Q->ngroups, preview_need(Q, cols));
	Q->list.n = Q->ngroups;
	ui_list_clamp(&Q->list);
	ui_list_draw_pos(a, w, 0, cols, &Q->list);
	for (int k = 0; k < Q->list.rows && Q->list.top + k < Q->ngroups; k++)
		draw_index_line(a, w, 2 + k, cols, Q->list.top + k);
	int sep = 2 + Q->list.rows;
	mvwhline(w, sep, 0, a->utf8 ? ACS_HLINE : '-', cols);
	draw_preview(a, w, sep + 1, rows - sep - 1, cols);
	draw_popup(a, w, rows, cols);
}

/* --- moving ---------------------------------------------------------------------- */

static struct ui_list *queue_rows(struct app *a, void *st)
{
	struct queue_state *Q = st;
	(void)a;
	Q->list.n = Q->ngroups;
	return &Q->list;
}

static void queue_mouse(struct app *a, void *st, int y, int x, int button)
{
	struct queue_state *Q = st;
	(void)a; (void)x;
	int at = ui_list_at(&Q->list, y - 2);
	if (button == 1 && at >= 0)
		Q->list.sel = at;
}

/* The item under the cursor, or NULL with the reason said. */
static struct queue_item *need_item(struct app *a)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	struct queue_item *it = current(Q);
	if (!it)
		app_msg(a, 1, _("nothing selected: the queue is empty"));
	return it;
}

static void q_open(struct app *a)
{
	struct queue_item *it = need_item(a);
	if (it)
		app_open_detail(a, it->content_id);
}

static void q_variant(struct app *a)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	struct queue_item *it = need_item(a);
	if (!it)
		return;
	if (it->count == 1) {
		app_msg(a, 0, _("this is the only variant for %s"), it->platform_name);
		return;
	}
	Q->shown[Q->list.sel] = (Q->shown[Q->list.sel] + 1) % it->count;
	it = current(Q);
	app_msg(a, 0, _("variant %d of %d (message #%lld)%s"), it->pos + 1, it->count, (long long)it->message_id,
		mine_find(Q, it->message_id) ? _(", personalised") : "");
}

/* --- personalising ----------------------------------------------------------------- */

/* The policy's verdict on a personal text, into p->flag (warn and block). */
static void check_policy(struct app *a, struct personal *p)
{
	struct policy *pol = NULL;
	struct err e = {0};
	p->flag[0] = 0;
	p->severity = SEV_NONE;
	if (policy_load(a->s, &pol, &e) != CH_OK)
		return;
	struct policy_match *m = NULL;
	int n = 0;
	p->severity = policy_check(pol, p->text, &m, &n);
	for (int k = 0; k < n; k++)
		if ((int)m[k].rule->severity == p->severity && p->severity >= SEV_WARN) {
			const struct policy_rule *r = m[k].rule;
			snprintf(p->flag, sizeof p->flag, _("The fair-use policy flags your text: %s at %d:%d%s%s"),
				 r->name, m[k].line, m[k].column, r->guidance && *r->guidance ? _(" \xe2\x80\x94 ") : "",
				 r->guidance ? r->guidance : "");
			break;
		}
	free(m);
	policy_free(pol);
}

/* Equal, but for blank space at the end of b. */
static int same_text(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	while (m > 0 && strchr(" \t\r\n", b[m - 1]))
		m--;
	return n == m && memcmp(a, b, n) == 0;
}

static void q_personalise(struct app *a)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	struct queue_item *it = need_item(a);
	if (!it)
		return;
	int64_t mid = it->message_id;
	char *out = NULL;
	if (edit_text(a, post_text(Q, it), &out) != 0)
		return;
	/* The editor may have taken a while: the list may be re-read meanwhile. */
	struct personal *p = mine_find(Q, mid);
	struct err err = {0};
	if (!*out || same_text(out, it->text)) {
		free(out);
		if (p) {
			if (personal_text_set(a->s, mid, NULL, &err) != CH_OK) {
				app_msg(a, 1, _("your own text of message #%lld stays: %s"), (long long)mid, err.msg);
				return;
			}
			mine_drop(Q, mid);
			app_msg(a, 0, _("your own text is gone: message #%lld is the editor's text again"), (long long)mid);
		} else {
			app_msg(a, 0, _("nothing changed: the editor's text is used"));
		}
		return;
	}
	if (p && strcmp(p->text, out) == 0) {
		free(out);
		app_msg(a, 0, _("nothing changed"));
		return;
	}
	if (!p) {
		struct personal *m = realloc(Q->mine, (size_t)(Q->nmine + 1) * sizeof *m);
		if (!m) {
			free(out);
			app_msg(a, 1, _("out of memory: nothing personalised"));
			return;
		}
		Q->mine = m;
		p = &Q->mine[Q->nmine++];
		memset(p, 0, sizeof *p);
		p->message_id = mid;
	}
	free(p->text);
	p->text = out;
	p->unsaved = personal_text_set(a->s, mid, out, &err) != CH_OK;
	check_policy(a, p);
	if (p->unsaved) {
		app_msg(a, 1, _("personalised, but not stored (%s): it stays until you quit, and q asks first"), err.msg);
		return;
	}
	char y[16], e[16];
	size_t n = queue_chars(out);
	if (it->max_length > 0 && n > (size_t)it->max_length)
		app_msg(a, 1, _("personalised, but %zu characters is over %s's %d: %s edits it again"), n, it->platform_name,
			it->max_length, qkey(NT_("personalise"), e, sizeof e));
	else
		app_msg(a, p->severity >= SEV_BLOCK, _("personalised: %zu characters; %s copies your text (kept until you "
			"share it)%s"), n, qkey(NT_("copy"), y, sizeof y), p->flag[0] ? _("; see the policy's note") : "");
}

/* --- copying, the link, sharing ---------------------------------------------------- */

/* OSC 52: ESC ] 52 ; c ; BASE64 ESC \ straight to the terminal, which puts
 * it on the clipboard (tmux into its paste buffer too, with set-clipboard on). */
static int osc52(const char *s)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(s), o = 0;
	char *seq = malloc(16 + (n + 2) / 3 * 4);
	if (!seq)
		return -1;
	memcpy(seq, "\033]52;c;", 7);
	o = 7;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)u[i] << 16 | (i + 1 < n ? (unsigned)u[i + 1] << 8 : 0) | (i + 2 < n ? u[i + 2] : 0);
		seq[o++] = b64[v >> 18 & 63];
		seq[o++] = b64[v >> 12 & 63];
		seq[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		seq[o++] = i + 2 < n ? b64[v & 63] : '=';
	}
	memcpy(seq + o, "\033\\", 2);
	o += 2;
	int st = 0;
	for (size_t done = 0; done < o;) {
		ssize_t w = write(STDOUT_FILENO, seq + done, o - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			st = -1;
			break;
		}
		done += (size_t)w;
	}
	free(seq);
	return st;
}

static void q_copy(struct app *a)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	struct queue_item *it = need_item(a);
	if (!it)
		return;
	char *link = share_link(a, it);
	char *post = queue_post_text(post_text(Q, it), it->link, link);
	free(link);
	if (!post || osc52(post) != 0) {
		app_msg(a, 1, _("nothing copied: %s"), post ? strerror(errno) : _("out of memory"));
		free(post);
		return;
	}
	size_t n = queue_chars(post);
	size_t body = queue_chars(post_text(Q, it));
	if (it->max_length > 0 && body > (size_t)it->max_length)
		app_msg(a, 1, _("copied %zu characters; the text is over %s's %d"), n, it->platform_name, it->max_length);
	else
		app_msg(a, 0, _("copied %zu characters%s (OSC 52: in tmux, set -g set-clipboard on)"), n,
			mine_find(Q, it->message_id) ? _(" of your own text") : "");
	free(post);
}

static void q_link(struct app *a)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	struct queue_item *it = need_item(a);
	if (!it)
		return;
	char *link = share_link(a, it);
	if (link) {
		char y[16];
		snprintf(Q->popup_msg, sizeof Q->popup_msg, _("the share link of message #%lld, for %s: %s copies the post "
			 "with it"), (long long)it->message_id, it->platform_name, qkey(NT_("copy"), y, sizeof y));
		Q->popup_id = it->message_id;
		app_msg(a, 0, "%s", Q->popup_msg);
	} else if (!it->link[0])
		app_msg(a, 0, _("message #%lld has no link: the text is the whole post"), (long long)it->message_id);
	free(link);
}

/* The whole of a long link in a box across the screen, for reading and
 * copying by hand, until a key; the rows hold the link alone (no border on
 * its sides), so a selection takes nothing else. */
static void link_box(struct app *a, const char *title, const char *link)
{
	WINDOW *w = NULL;
	for (;;) {
		if (a->dirty)
			app_redraw_all(a);
		int cols = a->cols, lrows = ((int)strlen(link) + cols - 1) / cols, h = lrows + 4;
		if (h > a->rows - 2)
			h = a->rows - 2;
		if (w)
			delwin(w);
		if (h < 4 || !(w = newwin(h, cols, (a->rows - h) / 2, 0)))
			break;
		werase(w);
		mvwhline(w, 0, 0, a->utf8 ? ACS_HLINE : '-', cols);
		ui_text(w, 0, 2, cols - 4, title, ui_attr(a, UI_HEAD), 0);
		draw_wrapped(w, 2, 0, h - 3, cols, link, A_BOLD);
		mvwhline(w, h - 1, 0, a->utf8 ? ACS_HLINE : '-', cols);
		wnoutrefresh(w);
		wint_t wc;
		int r = app_read_key(a, w, &wc);
		if (r == KEY_CODE_YES && wc == KEY_RESIZE)
			continue;
		break;
	}
	if (w)
		delwin(w);
	a->dirty = 1;
}

/* O: the platform's share dialog with the tagged link (and the text),
 * copied with OSC 52, shown whole in a box and on the message line. */
static void q_share_dialog(struct app *a)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	struct queue_item *it = need_item(a);
	if (!it)
		return;
	char *link = share_link(a, it), *dialog = NULL;
	struct err e = {0};
	int st = queue_share_dialog(a->s, it, link, post_text(Q, it), &dialog, &e);
	free(link);
	if (st != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	if (!dialog) {
		app_msg(a, 1, _("%s has no share dialog link (share_url in the strategy): %s copies the post to paste there"),
			it->platform_name, qkey(NT_("copy"), (char[16]){0}, 16));
		return;
	}
	int copied = osc52(dialog) == 0;
	char title[160];
	snprintf(title, sizeof title, _(" Share dialog of %s%s (any key closes) "), it->platform_name,
		 copied ? _(", copied") : "");
	link_box(a, title, dialog);
	app_msg(a, !copied, copied ? _("copied the share dialog link of %s: %s") : _("could not copy the share dialog link of %s: %s"),
		it->platform_name, dialog);
	free(dialog);
}

/* Log the pending share; the status line says how it went. */
static void share_try(struct app *a)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	struct err e = {0};
	int64_t sid = 0;
	int st = queue_share(a->s, Q->pending.message_id, Q->pending.url, &sid, &e);
	if (st == CH_BUSY && e.kind == ERR_LOCKED) {
		char s[16];
		app_msg(a, 0, _("another chorus is writing: the share is logged when it is done (or press %s again)"),
			qkey(NT_("share"), s, sizeof s));
		return;
	}
	Q->pending.active = 0;
	if (st != CH_OK) {
		app_msg(a, 1, _("share not logged: %s"), e.msg);
		return;
	}
	mine_drop(Q, Q->pending.message_id);
	if (Q->pending.url[0])
		app_msg(a, 0, _("share %lld logged: message #%lld at %s"), (long long)sid,
			(long long)Q->pending.message_id, Q->pending.url);
	else
		app_msg(a, 0, _("share %lld logged: message #%lld (no URL)"), (long long)sid, (long long)Q->pending.message_id);
}

static void q_share(struct app *a)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	struct queue_item *it = need_item(a);
	if (!it)
		return;
	if (Q->pending.active && Q->pending.message_id != it->message_id) {
		/* One waiting share at a time: that one first, never dropped. */
		int64_t waiting = Q->pending.message_id;
		share_try(a);
		if (Q->pending.active) {
			app_msg(a, 1, _("the share of message #%lld still waits for the database: try again in a moment"),
				(long long)waiting);
			return;
		}
		app_requery(a);
		it = need_item(a);
		if (!it)
			return;
	}
	if (!Q->pending.active) {
		char url[sizeof Q->pending.url], q[256];
		snprintf(q, sizeof q, _("URL of your post on %s (Enter: none, Esc: cancel): "), it->platform_name);
		if (!app_prompt(a, q, url, sizeof url))
			return;
		char *u = url + strspn(url, " \t");
		size_t n = strlen(u);
		while (n > 0 && (u[n - 1] == ' ' || u[n - 1] == '\t'))
			u[--n] = 0;
		Q->pending.active = 1;
		Q->pending.message_id = it->message_id;
		snprintf(Q->pending.url, sizeof Q->pending.url, "%s", u);
	}
	share_try(a);
	if (!Q->pending.active) {
		/* Keep the message of the share over the one a reload leaves. */
		char msg[sizeof a->status];
		int err = a->status_err;
		snprintf(msg, sizeof msg, "%s", a->status);
		app_requery(a);
		app_msg(a, err, "%s", msg);
	}
}

/* J and K: the preview's text a page (of its rows, less one) down or up. */
static void preview_scroll(struct app *a, int dir)
{
	struct queue_state *Q = app_state(a, &queue_panel);
	if (!need_item(a))
		return;
	if (Q->post.total <= Q->post.rows) {
		app_msg(a, 0, _("the whole text is on screen"));
		return;
	}
	int by = Q->post.rows > 1 ? Q->post.rows - 1 : 1;
	Q->post.top += dir * by;
	if (Q->post.top < 0)
		Q->post.top = 0;
	if (Q->post.top > Q->post.total - Q->post.rows)
		Q->post.top = Q->post.total - Q->post.rows;
}

static void q_preview_down(struct app *a) { preview_scroll(a, 1); }
static void q_preview_up(struct app *a) { preview_scroll(a, -1); }

static const struct keydef queue_keys[] = {
	UI_REQ_KEYS
	{ '\r', KEY_ENTER, "Enter", "open", N_("view the content with all its messages"), q_open },
	{ 'v', 0, "v", "variant", N_("the next variant of the message"), q_variant },
	{ 'e', 0, "e", "personalise", N_("personalise the text in $EDITOR (this session only)"), q_personalise },
	{ 'y', 0, "y", "copy", N_("copy the post (text and share link) to the clipboard (OSC 52)"), q_copy },
	{ 'o', 0, "o", "link", N_("show the share link with its UTM tags"), q_link },
	{ 'O', 0, "O", "share-dialog", N_("the platform's share dialog link (share_url) with the tagged link: shown and copied (OSC 52)"), q_share_dialog },
	{ 's', 0, "s", "share", N_("log your share (asks for the post's URL, optional)"), q_share },
	{ 'J', 0, "J", "preview-down", N_("scroll the preview's text down (when it is longer than the screen)"), q_preview_down },
	{ 'K', 0, "K", "preview-up", N_("scroll the preview's text up"), q_preview_up },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops queue_panel = {
	.size = sizeof(struct queue_state),
	.name = "queue", .title = N_("Queue"), .draw = queue_draw, .requery = queue_refresh,
	.mouse = queue_mouse, .keys = queue_keys,
	.list = queue_rows, .close = queue_close,
	.unsaved = queue_unsaved,
};
