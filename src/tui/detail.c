/* detail.c — one content item in full, over the board or the inbox: title,
 * body, media, messages and variants, comments, and its history from the
 * audit log.  Scrolls; q goes back.  Lines are kept raw and wrapped at draw
 * time, so a resize re-flows them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../util/utf8.h"
#include "../util/timeutil.h"
#include "chorus/audit.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/policy.h"
#include "history.h"
#include "ui.h"

struct dline {
	enum ui_role role;   /* 0 = plain */
	int bold;
	char *text;
};

struct detail_state {
	struct dline *v;
	int n, cap;
	struct ui_list view; /* a text view: the first screen row shown, rows on screen */
	int64_t id;
	int version;         /* of the item as shown: actions on it carry it */
	int oom;
};

static void lines_free(struct detail_state *D)
{
	for (int i = 0; i < D->n; i++)
		free(D->v[i].text);
	free(D->v);
	D->v = NULL;
	D->n = D->cap = 0;
}

static void detail_close(void *st)
{
	struct detail_state *D = st;
	lines_free(D);
}

static void add(struct detail_state *D, enum ui_role role, int bold, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add(struct detail_state *D, enum ui_role role, int bold, const char *fmt, ...)
{
	if (D->n == D->cap) {
		int cap = D->cap ? D->cap * 2 : 64;
		struct dline *m = realloc(D->v, (size_t)cap * sizeof *m);
		if (!m) {
			D->oom = 1;
			return;
		}
		D->v = m;
		D->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *t = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (t) {
		va_start(ap, fmt);
		vsnprintf(t, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	if (!t) {
		D->oom = 1;
		return;
	}
	D->v[D->n++] = (struct dline){ role, bold, t };
}

/* One line per policy match of a message: severity, rule, where, the matched
 * text (cut on a character boundary) and the rule's guidance. */
static void detail_policy(struct detail_state *D, struct policy *pol, const char *text)
{
	struct policy_match *m = NULL;
	int nm = 0;
	policy_check(pol, text, &m, &nm);
	for (int k = 0; k < nm; k++) {
		const struct policy_rule *r = m[k].rule;
		int role = r->severity >= SEV_BLOCK ? UI_ERR : r->severity >= SEV_WARN ? UI_WARN : UI_DIM;
		if (m[k].too_expensive) {
			add(D, role, 0, _("  %s: %s: too expensive to evaluate on this text"), severity_name(r->severity),
			    r->name);
			continue;
		}
		size_t len = m[k].end - m[k].start;
		const char *dash = r->guidance && *r->guidance ? " — " : "", *guide = r->guidance ? r->guidance : "";
		/* A rule that matches nothing in particular (a lookahead that says
		 * what the text lacks) is about the whole message: no place, no quote. */
		if (len == 0) {
			add(D, role, 0, "  %s: %s%s%s", severity_name(r->severity), r->name, dash, guide);
			continue;
		}
		if (len > 60)
			len = utf8_cut(text + m[k].start, 60);
		add(D, role, 0, _("  %s: %s at %d:%d \"%.*s\"%s%s"), severity_name(r->severity), r->name,
		    m[k].line, m[k].column, (int)len, text + m[k].start, dash, guide);
	}
	free(m);
}

/* The names of the people a history mentions, each looked up once. */
#define NAMES_MAX 16
struct names {
	struct { char login[64], name[128]; } v[NAMES_MAX];
	int n;
};

/* The person's name for a login ("" stays ""); the login when it has none. */
static const char *name_of(struct app *a, struct names *N, const char *login)
{
	if (!login[0])
		return login;
	for (int i = 0; i < N->n; i++)
		if (strcmp(N->v[i].login, login) == 0)
			return N->v[i].name;
	struct person p;
	struct err e = {0};
	const char *name = people_get(a->s, login, &p, &e) == CH_OK && p.name[0] ? p.name : login;
	if (N->n == NAMES_MAX)
		return login;
	snprintf(N->v[N->n].login, sizeof N->v[N->n].login, "%s", login);
	snprintf(N->v[N->n].name, sizeof N->v[N->n].name, "%s", name);
	return N->v[N->n++].name;
}

static void detail_refresh(struct app *a, void *st)
{
	struct detail_state *D = st;
	struct content c;
	struct err e = {0};
	if (D->id != a->detail_id)
		D->view.top = 0;
	D->id = a->detail_id;
	if (content_get(a->s, D->id, &c, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	D->version = c.version;
	lines_free(D);
	D->oom = 0;
	char when[32], upd[32];
	time_minute_str(c.created_at, when, sizeof when);
	time_minute_str(c.updated_at, upd, sizeof upd);
	add(D, UI_HEAD, 1, "%s", c.title);
	add(D, 0, 0, _("#%lld  %s  %s  by %s (%s)  created %s"), (long long)c.id, history_stage(stage_name(c.stage)), c.kind,
	    c.creator, c.creator_name, when);
	add(D, 0, 0, _("assignee %s  pillar %s  campaign %s  version %d, %s by %s"),
	    c.editor[0] ? c.editor : "-", c.pillar[0] ? c.pillar : "-", c.campaign[0] ? c.campaign : "-",
	    c.version, upd, c.updated_by[0] ? c.updated_by : "-");
	if (c.message_type[0])
		add(D, 0, 0, _("message type %s"), c.message_type);
	if (c.reject_reason)
		add(D, UI_ERR, 0, _("rejected: %s"), c.reject_reason);
	add(D, 0, 0, "%s", "");
	add(D, 0, 0, "%s", c.body[0] ? c.body : _("(no body)"));
	struct media *m;
	int n;
	if (content_media(a->s, D->id, &m, &n, &e) == CH_OK) {
		if (n)
			add(D, UI_HEAD, 1, _("\nMedia (%d)"), n);
		for (int i = 0; i < n; i++)
			add(D, 0, 0, "  %s", m[i].path);
		content_media_free(m, n);
	}
	struct message *msg;
	if (message_list(a->s, D->id, &msg, &n, &e) == CH_OK) {
		/* The fair-use policy under each message: guidance, where it matched. */
		struct policy *pol = NULL;
		if (n && policy_load(a->s, &pol, &e) != CH_OK) {
			add(D, UI_ERR, 0, _("policy: %s"), e.msg);
			pol = NULL;
		}
		add(D, UI_HEAD, 1, _("\nMessages (%d)"), n);
		for (int i = 0; i < n; i++) {
			if (msg[i].approved_by[0])
				add(D, 0, 1, _("%s, variant %d, approved by %s"), msg[i].platform, msg[i].variant,
				    msg[i].approved_by);
			else
				add(D, 0, 1, _("%s, variant %d"), msg[i].platform, msg[i].variant);
			add(D, 0, 0, "%s", msg[i].text);
			if (msg[i].link && *msg[i].link)
				add(D, UI_DIM, 0, "%s", msg[i].link);
			if (pol)
				detail_policy(D, pol, msg[i].text);
		}
		policy_free(pol);
		message_list_free(msg, n);
	}
	struct comment *cm;
	if (comment_list(a->s, D->id, &cm, &n, &e) == CH_OK) {
		add(D, UI_HEAD, 1, _("\nComments (%d)"), n);
		for (int i = 0; i < n; i++) {
			time_minute_str(cm[i].at, when, sizeof when);
			add(D, 0, 1, "%s, %s", cm[i].login, when);
			add(D, 0, 0, "%s", cm[i].body);
		}
		comment_list_free(cm, n);
	}
	struct audit_event *ev;
	if (audit_history(a->s, "content", D->id, &ev, &n, &e) == CH_OK) {
		add(D, UI_HEAD, 1, _("\nHistory (%d)"), n);
		struct names names = {0};
		for (int i = 0; i < n; i++) {
			char said[1024];
			time_minute_str(ev[i].at, when, sizeof when);
			history_phrase("content", ev[i].action, name_of(a, &names, ev[i].actor),
				       name_of(a, &names, ev[i].on_behalf), ev[i].detail, said, sizeof said);
			add(D, 0, 0, "%s  %s", when, said);
		}
		audit_events_free(ev, n);
	}
	if (D->oom)
		app_msg(a, 1, _("out of memory: the detail is incomplete"));
	content_free(&c);
}

/* Draw (or only count, when w is NULL) the wrapped lines from screen row
 * D->view.top; returns the total number of rows. */
static int layout(struct app *a, WINDOW *w, int rows, int cols)
{
	struct detail_state *D = app_state(a, &detail_panel);
	int row = 0, width = cols - 4;
	for (int i = 0; i < D->n; i++) {
		attr_t at = (D->v[i].role ? ui_attr(a, D->v[i].role) : A_NORMAL) | (D->v[i].bold ? A_BOLD : 0);
		/* The line's wrapped rows above the screen are skipped; y is where
		 * its first row on screen goes. */
		int skip = D->view.top > row ? D->view.top - row : 0;
		int y = row + skip - D->view.top;
		row += ui_wrapped(w && y < rows ? w : NULL, y, 2, rows - y, width, D->v[i].text, at, skip);
	}
	return row;
}

static void detail_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct detail_state *D = st;
	int total = layout(a, NULL, rows, cols);
	/* Longer than the screen: the last row is the position's own, so it
	 * never covers a line of the text. */
	int text_rows = total > rows && rows > 1 ? rows - 1 : rows;
	D->view.rows = text_rows;
	D->view.n = total;
	D->view.scroll = 1;
	ui_list_clamp(&D->view);
	layout(a, w, text_rows, cols);
	if (text_rows < rows) {
		char pos[96];
		int last = D->view.top + text_rows < total ? D->view.top + text_rows : total;
		snprintf(pos, sizeof pos, _(" lines %d-%d of %d, %d%%%s "), D->view.top + 1, last, total,
			 last * 100 / total, last < total ? _(", more below") : "");
		int pw = (int)strlen(pos);
		ui_text(w, rows - 1, cols - pw > 0 ? cols - pw : 0, pw, pos, A_REVERSE, 0);
	}
}

static struct ui_list *detail_list(struct app *a, void *st)
{
	struct detail_state *D = st;
	(void)a;
	D->view.scroll = 1;
	return &D->view;
}

static void d_back(struct app *a) { app_close_over(a); }

static int detail_targets(struct app *a, void *st, struct act_target **t, int *n)
{
	struct detail_state *D = st;
	return act_target_one(a, a->detail_id, D->id == a->detail_id ? D->version : 0, t, n);
}

static const struct keydef detail_keys[] = {
	UI_REQ_KEYS
	{ 'e', 0, "e", "edit", N_("edit title and body in $EDITOR"), act_key_edit },
	{ 'c', 0, "c", "comment", N_("add a comment"), act_key_comment },
	{ 'a', 0, "a", "take", N_("take it into Editing"), act_key_take },
	{ 'L', 0, "L", "forward", N_("move forward a stage"), act_key_forward },
	{ 'H', 0, "H", "back", N_("move back a stage"), act_key_back },
	{ 'x', 0, "x", "reject", N_("reject, with a reason"), act_key_reject },
	{ 'p', 0, "p", "pillar", N_("set the pillar"), act_key_pillar },
	{ 'C', 0, "C", "campaign", N_("set the campaign"), act_key_campaign },
	{ 'A', 0, "A", "archive", N_("archive the item: off the board (masters)"), act_key_archive },
	{ 'R', 0, "R", "restore", N_("restore the item to the Inbox (archived or rejected)"), act_key_restore },
	{ 'm', 0, "m", "messages", N_("the item's messages: write, edit, delete, with their policy verdict"), messages_open_key },
	{ 'y', 0, "y", "type", N_("set the message type (the strategy's; Tab completes)"), act_key_type },
	{ 27, 'h', "Esc", "close", N_("close the detail, back to the list (q too)"), d_back },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops detail_panel = {
	.size = sizeof(struct detail_state),
	.name = "detail", .title = N_("Detail"), .over = 1, .draw = detail_draw, .requery = detail_refresh,
	.targets = detail_targets, .keys = detail_keys, .list = detail_list, .close = detail_close,
};
