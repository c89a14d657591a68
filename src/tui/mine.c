/* mine.c — the Mine tab, for every role: the content requests asked of me
 * (directly, through my team or a focus group of mine) with their brief and
 * due day, then what became of my submissions: stage, why rejected, the
 * comments, the shares they led to.  n on a request starts new content
 * that answers it; editors and masters ask for content with +. */
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/request.h"
#include "../util/timeutil.h"
#include "ask.h"
#include "text.h"
#include "ui.h"

struct mine_state {
	struct content_request *req;   /* open, asked of me, by due day */
	int nreq;
	struct mine_item *sub;         /* my submissions, newest first */
	int nsub;
	struct ui_list list;           /* the requests, then the submissions */
};

/* The stages as the screen names them (stage_name's keys in the person's
 * language). */
static const char *const stage_shown[STAGE_COUNT] = {
	N_("inbox"), N_("editing"), N_("ready"), N_("shared"), N_("rejected"), N_("archived"),
};

static const char *stage_word(enum stage s)
{
	return s >= 0 && s < STAGE_COUNT ? _(stage_shown[s]) : "?";
}

/* The stage column: as wide as the widest stage word, 10 at least. */
static int stage_width(void)
{
	int w = 10;
	for (int s = 0; s < STAGE_COUNT; s++) {
		int k = text_width(stage_word((enum stage)s));
		w = k > w ? k : w;
	}
	return w;
}

static void mine_close(void *st)
{
	struct mine_state *M = st;
	free(M->req);
	mine_free(M->sub, M->nsub);
	M->req = NULL;
	M->sub = NULL;
	M->nreq = M->nsub = 0;
}

static void mine_requery(struct app *a, void *st)
{
	struct mine_state *M = st;
	struct content_request *req = NULL;
	struct mine_item *sub = NULL;
	int nreq = 0, nsub = 0;
	struct err e = {0};
	if (request_list(a->s, REQUEST_LIST_OPEN | REQUEST_LIST_MINE, &req, &nreq, &e) != CH_OK ||
	    mine_submissions(a->s, &sub, &nsub, &e) != CH_OK) {
		free(req);
		app_msg(a, 1, _("Mine: %s"), e.msg);
		return;
	}
	mine_close(M);
	M->req = req;
	M->nreq = nreq;
	M->sub = sub;
	M->nsub = nsub;
	M->list.n = nreq + nsub;
	ui_list_clamp(&M->list);
}

/* The request or the submission under the cursor (the other NULL). */
static void mine_current(struct mine_state *M, struct content_request **r, struct mine_item **m)
{
	int i = M->list.sel;
	*r = i >= 0 && i < M->nreq ? &M->req[i] : NULL;
	*m = i >= M->nreq && i < M->nreq + M->nsub ? &M->sub[i - M->nreq] : NULL;
}

static int overdue(const struct content_request *r)
{
	return request_due_passed(r->due, store_now());
}

/* A submission's line: title, then what happened to it. */
static void sub_text(const struct mine_item *m, char *out, size_t n)
{
	size_t o = (size_t)snprintf(out, n, "%s", m->title);
	if (o < n && m->stage == STAGE_REJECTED)
		o += (size_t)snprintf(out + o, n - o, _(" \xc2\xb7 reason: %s"),
				      m->reject_reason ? m->reject_reason : _("(none given)"));
	if (o < n && m->comments)
		o += (size_t)snprintf(out + o, n - o, P_(" \xc2\xb7 %d comment, last by %s", " \xc2\xb7 %d comments, last by %s",
						       m->comments), m->comments, m->last_by);
	if (o < n && m->shares)
		o += (size_t)snprintf(out + o, n - o, P_(" \xc2\xb7 %lld share", " \xc2\xb7 %lld shares", m->shares),
				      (long long)m->shares);
	if (o < n && m->request_id)
		snprintf(out + o, n - o, _(" \xc2\xb7 answers request %lld"), (long long)m->request_id);
}

/* Under the list: the whole of what the cursor is on. */
static void mine_foot(struct app *a, struct mine_state *M, WINDOW *w, int y, int cols)
{
	struct content_request *r;
	struct mine_item *m;
	char line[1400], when[32];
	mine_current(M, &r, &m);
	if (r) {
		char to[96], due[32];
		request_target_str(r, to, sizeof to);
		time_minute_str(r->created_at, when, sizeof when);
		snprintf(line, sizeof line, _("Brief: %s"), r->brief);
		ui_text(w, y, 1, cols - 2, line, A_BOLD, 0);
		snprintf(line, sizeof line, _("request %lld, asked of %s by %s on %s, due %s%s; n answers it with new content"),
			 (long long)r->id, to, r->asker, when, i18n_day(due, sizeof due, r->due),
			 overdue(r) ? _(" (overdue)") : "");
		ui_text(w, y + 1, 1, cols - 2, line, ui_attr(a, UI_DIM), 0);
	} else if (m) {
		if (m->stage == STAGE_REJECTED)
			snprintf(line, sizeof line, _("Rejected: %s"), m->reject_reason ? m->reject_reason : _("(no reason given)"));
		else if (m->last_comment)
			snprintf(line, sizeof line, _("Last comment, by %s: %s"), m->last_by, m->last_comment);
		else
			snprintf(line, sizeof line, "%s", _("No comments yet."));
		ui_text(w, y, 1, cols - 2, line, m->stage == STAGE_REJECTED ? ui_attr(a, UI_WARN) : A_NORMAL, 0);
		time_minute_str(m->stage_at, when, sizeof when);
		snprintf(line, sizeof line, _("content %lld, %s since %s; Enter opens it"), (long long)m->id,
			 stage_word(m->stage), when);
		ui_text(w, y + 1, 1, cols - 2, line, ui_attr(a, UI_DIM), 0);
	}
}

static void mine_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct mine_state *M = st;
	char head[256];
	int hn = snprintf(head, sizeof head, P_(" Mine   %d request asked of you", " Mine   %d requests asked of you", M->nreq),
			  M->nreq);
	if (hn > 0 && (size_t)hn < sizeof head)
		snprintf(head + hn, sizeof head - (size_t)hn, P_("   %d submission", "   %d submissions", M->nsub), M->nsub);
	ui_text(w, 0, 0, cols, head, ui_attr(a, UI_HEAD), 1);
	M->list.rows = rows - 4;
	if (M->list.rows < 1)
		M->list.rows = 1;
	M->list.n = M->nreq + M->nsub;
	ui_list_clamp(&M->list);
	if (!M->list.n)
		ui_text(w, 2, 2, cols - 4, _("Nothing yet: no request is asked of you, and you have submitted nothing "
			"(n: new content)."), ui_attr(a, UI_DIM), 0);
	int ws = stage_width(), xt = 11 + ws + 1;
	for (int k = 0; k < M->list.rows && M->list.top + k < M->list.n; k++) {
		int i = M->list.top + k, y = 1 + k, sel = i == M->list.sel;
		attr_t at = sel ? ui_attr(a, UI_SEL) : A_NORMAL;
		wattr_on(w, at, NULL);
		mvwhline(w, y, 0, ' ', cols);
		wattr_off(w, at, NULL);
		char text[1400], tag[32], due[32];
		if (i < M->nreq) {
			const struct content_request *r = &M->req[i];
			char to[96];
			request_target_str(r, to, sizeof to);
			int late = overdue(r);
			ui_text(w, y, 1, 9, _("asked"), at | A_BOLD, 0);
			ui_text(w, y, 11, ws, i18n_day(due, sizeof due, r->due), late && !sel ? ui_attr(a, UI_WARN) : at, 0);
			snprintf(text, sizeof text, late ? _("overdue: %s (of %s, by %s)") : _("%s (of %s, by %s)"), r->brief, to,
				 r->asker);
		} else {
			const struct mine_item *m = &M->sub[i - M->nreq];
			snprintf(tag, sizeof tag, "#%lld", (long long)m->id);
			ui_text(w, y, 1, 9, tag, at, 0);
			ui_text(w, y, 11, ws, stage_word(m->stage),
				m->stage == STAGE_REJECTED && !sel ? ui_attr(a, UI_WARN) : at, 0);
			sub_text(m, text, sizeof text);
		}
		ui_text(w, y, xt, cols - xt - 1, text, at, 0);
	}
	ui_list_draw_pos(a, w, 0, cols, &M->list);
	if (rows >= 4)
		mine_foot(a, M, w, rows - 2, cols);
}

static struct ui_list *mine_list(struct app *a, void *st)
{
	struct mine_state *M = st;
	return &M->list;
}

static void mine_mouse(struct app *a, void *st, int y, int x, int button)
{
	struct mine_state *M = st;
	int at = ui_list_at(&M->list, y - 1);
	if (button == 1 && at >= 0)
		M->list.sel = at;
}

static void mine_open(struct app *a)
{
	struct mine_state *M = app_state(a, &mine_panel);
	struct content_request *r;
	struct mine_item *m;
	mine_current(M, &r, &m);
	if (m)
		app_open_detail(a, m->id);
	else if (r)
		app_msg(a, 0, _("request %lld: n answers it with new content"), (long long)r->id);
}

int tui_submit(struct app *a, const struct submission *sub, int64_t *id, struct err *e)
{
	return a->new_request ? request_submit(a->s, a->new_request, sub, id, e) : content_submit(a->s, sub, id, e);
}

/* n: new content; on a request, content that answers it. */
static void mine_new(struct app *a)
{
	struct mine_state *M = app_state(a, &mine_panel);
	struct content_request *r;
	struct mine_item *m;
	mine_current(M, &r, &m);
	a->new_request = r ? r->id : 0;
	act_key_new(a);
	a->new_request = 0;
}

struct ask_ctx {
	int64_t id;
	char to[96];
};

/* The form's rules: a target, a day, a brief; the core judges the rest. */
static int ask_rule(void *ctx, int i, const char *text, char *why, size_t whyn)
{
	(void)ctx;
	if (!text[0]) {
		snprintf(why, whyn, "%s", i == 0 ? _("whom: a login, team:NAME or group:NAME") :
			 i == 1 ? _("a due day, YYYY-MM-DD") : _("a brief: what is wanted"));
		return -1;
	}
	if (i == 1 && time_date_parse(text) < 0) {
		snprintf(why, whyn, _("'%s' is not a day: YYYY-MM-DD"), text);
		return -1;
	}
	return 0;
}

static int ask_submit(struct app *a, void *ctx, struct ui_form *fm)
{
	struct ask_ctx *c = ctx;
	struct err e = {0};
	if (request_add(a->s, fm->f[0].line.buf, fm->f[1].line.buf, fm->f[2].line.buf, &c->id, &e) != CH_OK) {
		snprintf(fm->msg, sizeof fm->msg, _("not asked: %.1000s"), e.msg);
		return 0;
	}
	snprintf(c->to, sizeof c->to, "%.95s", fm->f[0].line.buf);
	return 1;
}

/* +: ask a person, a team or a focus group for content (editors, masters). */
static void mine_ask(struct app *a)
{
	struct err e = {0};
	if (a->s->readonly) {
		app_msg(a, 1, _("the database is open read-only: %s"), a->s->ro_reason);
		return;
	}
	if (store_require_role(a->s, ROLE_EDITOR, _("asking for content"), &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	char **targets = NULL;
	int nt = 0;
	struct ui_form *fm = malloc(sizeof *fm);
	if (!fm || request_targets(a->s, &targets, &nt, &e) != CH_OK) {
		app_msg(a, 1, "%s", fm ? e.msg : _("out of memory"));
		free(fm);
		return;
	}
	char week[16];
	time_date_str(store_now() + 7 * TIME_DAY, week, sizeof week);
	ui_form_init(fm, 0, ask_rule, NULL);
	ui_form_add(fm, _("To"), _("a login, team:NAME or group:NAME (Tab completes; Down: the next field)"), NULL);
	fm->f[0].line.max = 96;
	fm->f[0].line.complete = (const char *const *)targets;
	fm->f[0].line.ncomplete = nt;
	ui_form_add(fm, _("Due"), _("the day it is needed by, YYYY-MM-DD"), week);
	fm->f[1].line.max = 11;
	ui_form_add(fm, _("Brief"), _("what is wanted, in one line (\"photos of the open day\")"), NULL);
	fm->f[2].line.max = REQUEST_BRIEF_MAX + 1;
	struct ask_ctx c = {0};
	struct ask_form_hooks h = { .ctx = &c, .submit = ask_submit };
	if (ask_form(a, _(" Ask for content "), fm, &h)) {
		app_msg(a, 0, _("request %lld asked of %s"), (long long)c.id, c.to);
		app_requery(a);
	} else {
		app_msg(a, 0, "%s", _("cancelled: nothing asked"));
	}
	free(fm);
	request_targets_free(targets, nt);
}

static const struct keydef mine_keys[] = {
	UI_REQ_KEYS
	{ '\r', KEY_ENTER, "Enter", "open", N_("a submission's detail (comments, history)"), mine_open },
	{ 'n', 0, "n", "new", N_("new content; on a request, content that answers it"), mine_new },
	{ '+', 0, "+", "ask", N_("ask a person, team or focus group for content (editors, masters)"), mine_ask },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops mine_panel = {
	.size = sizeof(struct mine_state),
	.name = "mine", .title = N_("Mine"), .draw = mine_draw, .requery = mine_requery,
	.mouse = mine_mouse, .keys = mine_keys, .list = mine_list, .close = mine_close,
};
