/* messages.c — an item's messages, over the Board, the Inbox or the detail
 * view (m): one line per platform variant with its length against the
 * platform's limit and its fair-use verdict, the approval rule's answer for
 * the item, and under the list the selected message in the policy box
 * (policybox.c, the Strategy panel's test box): its matches lit up, the
 * verdict, and each rule with its guidance.
 *
 * n adds a variant for a platform (asked with Tab completion), e edits the
 * selected one in $EDITOR, i edits it here with the verdict live as it is
 * typed, d deletes it after a y.  Every write goes through the core
 * (message_add, message_edit, message_delete: checked and audited), and the
 * list is read again after it.  A text the core refuses (too long for the
 * platform) is kept: the next n for that platform, or e on that message,
 * starts from it. */
#include <stdlib.h>
#include <string.h>
#include "../util/utf8.h"
#include "ask.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/policy.h"
#include "chorus/strategy.h"
#include "history.h"
#include "policybox.h"
#include "text.h"
#include "ui.h"

#define MSG_PLATFORMS 64

struct messages_state {
	int64_t id;              /* the content item */
	int from_detail;         /* Esc goes back to the detail view */
	char title[160], stage[16], type[64];
	struct message *m;
	int n;
	struct ui_list list;
	struct strategy st;      /* the platforms (keys, limits) and the rules */
	int have_st;
	struct policy *pol;      /* the rules, compiled once per refresh */
	char pol_err[512];
	char approval[1024];     /* the approval rule's refusal; "" when it approves */
	struct pbox box;         /* the selected message's text, checked */
	int typing;              /* i: the box is being typed into */
	/* A text the core refused: offered again by the next n for kept_key, or
	 * e on message kept_id. */
	char *kept;
	char kept_key[32];
	int64_t kept_id;
};

static void keep(struct messages_state *M, const char *text, const char *key, int64_t id)
{
	free(M->kept);
	M->kept = text ? strdup(text) : NULL;
	snprintf(M->kept_key, sizeof M->kept_key, "%s", key ? key : "");
	M->kept_id = id;
}

static void drop_loaded(struct messages_state *M)
{
	pbox_clear(&M->box);   /* its matches point into the rules */
	policy_free(M->pol);
	M->pol = NULL;
	if (M->have_st)
		strategy_free(&M->st);
	M->have_st = 0;
	message_list_free(M->m, M->n);
	M->m = NULL;
	M->n = 0;
}

static void messages_close(void *st)
{
	struct messages_state *M = st;
	drop_loaded(M);
	keep(M, NULL, NULL, 0);
}

static const struct platform *platform_of(const struct messages_state *M, const char *key)
{
	for (int i = 0; M->have_st && i < M->st.nplatforms; i++)
		if (strcmp(M->st.platforms[i].key, key) == 0)
			return &M->st.platforms[i];
	return NULL;
}

static const struct message *selected(const struct messages_state *M)
{
	return M->list.sel >= 0 && M->list.sel < M->n ? &M->m[M->list.sel] : NULL;
}

/* The box shows the selected message (or, while i is typing, what is typed). */
static void box_follow(struct messages_state *M)
{
	const struct message *m = selected(M);
	if (!M->typing)
		pbox_set(&M->box, m ? m->text : "");
	pbox_run(&M->box, M->pol);
}

static void messages_refresh(struct app *a, void *st)
{
	struct messages_state *M = st;
	struct err e = {0};
	struct content c;
	if (content_get(a->s, M->id, &c, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	snprintf(M->title, sizeof M->title, "%s", c.title);
	snprintf(M->stage, sizeof M->stage, "%s", stage_name(c.stage));
	snprintf(M->type, sizeof M->type, "%s", c.message_type);
	content_free(&c);
	drop_loaded(M);
	if (strategy_load(a->s, &M->st, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	M->have_st = 1;
	M->pol_err[0] = 0;
	if (policy_compile(M->st.rules, M->st.nrules, &M->pol, &e) != CH_OK)
		snprintf(M->pol_err, sizeof M->pol_err, "%.500s", e.msg);
	if (message_list(a->s, M->id, &M->m, &M->n, &e) != CH_OK)
		app_msg(a, 1, "%s", e.msg);
	/* The approval rule, as the core applies it on L and content approve. */
	M->approval[0] = 0;
	if (message_approvable(a->s, M->id, &e) != CH_OK)
		snprintf(M->approval, sizeof M->approval, "%s", e.msg);
	M->list.n = M->n;
	ui_list_clamp(&M->list);
	box_follow(M);
}

static void messages_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct messages_state *M = st;
	char line[1200];
	if (M->type[0])
		snprintf(line, sizeof line, _(" Messages of #%lld %s  (%s, type %s)"), (long long)M->id, M->title,
			 history_stage(M->stage), M->type);
	else
		snprintf(line, sizeof line, _(" Messages of #%lld %s  (%s)"), (long long)M->id, M->title,
			 history_stage(M->stage));
	int hx = ui_text(w, 0, 0, cols, line, ui_attr(a, UI_HEAD), 0);
	char kn[16], ke[16], ki[16], kd[16], kc[16];
	snprintf(line, sizeof line, _("%s new  %s edit  %s edit here  %s delete  %s back"),
		 ui_action_key(messages_panel.keys, NT_("new"), kn, sizeof kn),
		 ui_action_key(messages_panel.keys, NT_("edit"), ke, sizeof ke),
		 ui_action_key(messages_panel.keys, NT_("inline"), ki, sizeof ki),
		 ui_action_key(messages_panel.keys, NT_("delete"), kd, sizeof kd),
		 ui_action_key(messages_panel.keys, NT_("close"), kc, sizeof kc));
	if (hx + 4 < cols)
		ui_text(w, 0, hx + 3, cols - hx - 4, line, ui_attr(a, UI_DIM), 0);
	/* The approval rule's answer, on up to three lines: the fix is at its end. */
	int y = 1;
	if (M->approval[0]) {
		const char *p = M->approval;
		while (p && y < 4) {
			const char *next;
			size_t len = text_wrap(p, cols - 2, &next);
			char seg[sizeof M->approval];
			snprintf(seg, sizeof seg, "%.*s", (int)len, p);
			ui_text(w, y++, 1, cols - 2, seg, ui_attr(a, UI_ERR), 0);
			p = next;
		}
	} else
		ui_text(w, y++, 1, cols - 2, _("approval: every message passes the fair-use policy"), ui_attr(a, UI_OK), 0);
	int hy = y;
	/* The heads over the columns the rows below draw. */
	ui_text(w, hy, 1, 12, _("PLATFORM"), A_BOLD, 0);
	ui_text(w, hy, 14, 4, _("VAR"), A_BOLD, 0);
	ui_text(w, hy, 19, 12, _("LENGTH"), A_BOLD, 0);
	ui_text(w, hy, 32, 41, _("VERDICT"), A_BOLD, 0);
	if (cols > 75)
		ui_text(w, hy, 74, cols - 75, _("TEXT"), A_BOLD, 0);
	int box_rows = rows / 2 > 12 ? rows / 2 : 12;
	M->list.rows = rows - hy - 2 - box_rows;
	if (M->list.rows < 3)
		M->list.rows = 3;
	ui_list_clamp(&M->list);
	if (!M->n)
		ui_text(w, hy + 1, 1, cols - 2, _("no messages yet: n writes one for a platform"), ui_attr(a, UI_DIM), 0);
	for (int k = 0; k < M->list.rows && M->list.top + k < M->n; k++) {
		int i = M->list.top + k;
		y = hy + 1 + k;
		const struct message *m = &M->m[i];
		attr_t base = i == M->list.sel ? ui_attr(a, UI_SEL) : A_NORMAL;
		if (base != A_NORMAL) {
			wattr_on(w, base, NULL);
			mvwhline(w, y, 0, ' ', cols);
			wattr_off(w, base, NULL);
		}
		const struct platform *p = platform_of(M, m->platform);
		char len[32], why[600], verdict[640];
		size_t count = utf8_count(m->text, strlen(m->text));
		if (p && p->max_length > 0)
			snprintf(len, sizeof len, "%zu/%d", count, p->max_length);
		else
			snprintf(len, sizeof len, "%zu", count);
		int passes = message_passes(M->pol, m, why, sizeof why);
		snprintf(verdict, sizeof verdict, "%s%s", passes ? _("passes") : _("BLOCKED: "), passes ? "" : why);
		char v[8];
		snprintf(v, sizeof v, "%d", m->variant);
		ui_text(w, y, 1, 12, m->platform, base | A_BOLD, 0);
		ui_text(w, y, 14, 4, v, base, 0);
		ui_text(w, y, 19, 12, len, base, 0);
		ui_text(w, y, 32, 41, verdict, base | ui_attr(a, passes ? UI_OK : UI_ERR), 0);
		if (cols > 75)
			ui_text(w, y, 74, cols - 75, m->text, base, 0);
	}
	int sep = hy + 1 + M->list.rows;
	if (sep >= rows)
		return;
	mvwhline(w, sep, 0, a->utf8 ? ACS_HLINE : '-', cols);
	ui_list_draw_pos(a, w, sep, cols - 1, &M->list);
	const struct message *m = selected(M);
	const struct platform *p = m ? platform_of(M, m->platform) : NULL;
	char head[400], prefix[96];
	size_t count = utf8_count(M->box.text, M->box.len);
	if (p && p->max_length > 0)
		snprintf(prefix, sizeof prefix, _("%zu of %d characters%s; "), count, p->max_length,
			 count > (size_t)p->max_length ? _(" (too long)") : "");
	else
		snprintf(prefix, sizeof prefix, _("%zu characters (no limit); "), count);
	if (M->typing)
		snprintf(head, sizeof head, _("Editing %s, variant %d: the verdict follows your typing.  Enter new line, "
			 "^U clear, ^D save, Esc cancel"), m ? m->platform : "", m ? m->variant : 0);
	else if (m)
		snprintf(head, sizeof head, _("%s, variant %d: its text against the fair-use policy"), m->platform, m->variant);
	else
		snprintf(head, sizeof head, _("No message selected"));
	const struct pbox_say say = { .head = head, .pol_err = M->pol_err, .nrules = M->st.nrules,
				      .no_rules = _("there are no policy rules: every text passes"),
				      .prefix = m ? prefix : NULL };
	pbox_draw(a, &M->box, w, sep + 1, rows, cols, &say);
}

static void messages_after(struct app *a, struct messages_state *M, int64_t select_id)
{
	app_requery(a);
	for (int i = 0; select_id && i < M->n; i++)
		if (M->m[i].id == select_id) {
			M->list.sel = i;
			box_follow(M);
		}
}

/* The status line after a write: what the message's verdict is now. */
static void say_saved(struct app *a, struct messages_state *M, int added)
{
	const struct message *m = selected(M);
	char why[600] = "";
	int passes = m ? message_passes(M->pol, m, why, sizeof why) : 1;
	if (!m)
		app_msg(a, 0, "%s", added ? _("added") : _("saved"));
	else if (passes)
		app_msg(a, 0, added ? _("added %s variant %d: it passes the fair-use policy")
				    : _("saved %s variant %d: it passes the fair-use policy"), m->platform, m->variant);
	else
		app_msg(a, 1, added ? _("added %s variant %d, but it %s: fix it (e) or delete it (d) before approving")
				    : _("saved %s variant %d, but it %s: fix it (e) or delete it (d) before approving"),
			m->platform, m->variant, why);
}

/* A write the core refused: why, with the text kept for the next try. */
static void say_refused(struct app *a, const struct err *e, const char *again)
{
	if (e->status == CH_BUSY && e->kind == ERR_CONFLICT)
		ask_conflict(a, _("the message"), e, _("r reloads; your text is kept"));
	else
		app_msg(a, 1, _("nothing saved: %s (your text is kept: %s starts from it)"), e->msg, again);
}

static int check_platform(void *ctx, const char *text, char *why, size_t whyn)
{
	const struct messages_state *M = ctx;
	if (platform_of(M, text))
		return 0;
	snprintf(why, whyn, _("no such platform: %s (Tab completes one)"), text);
	return 1;
}

static void mk_new(struct app *a)
{
	struct messages_state *M = app_state(a, &messages_panel);
	if (!M->have_st || !M->st.nplatforms) {
		app_msg(a, 1, _("the strategy has no platforms: a master adds them in the Strategy panel"));
		return;
	}
	const char *keys[MSG_PLATFORMS];
	char q[1024];
	size_t at = (size_t)snprintf(q, sizeof q, _("New message for which platform? ["));
	struct ask_opts o = { .check = check_platform, .ctx = M, .complete = keys };
	for (int i = 0; i < M->st.nplatforms && o.ncomplete < MSG_PLATFORMS; i++) {
		const struct platform *p = &M->st.platforms[i];
		keys[o.ncomplete++] = p->key;
		if (at < sizeof q)
			at += (size_t)snprintf(q + at, sizeof q - at, "%s%s (%d)", i ? ", " : "", p->key, p->max_length);
	}
	if (at < sizeof q)
		snprintf(q + at, sizeof q - at, _("] (Tab completes): "));
	char key[64] = "";
	if (!app_ask(a, q, key, sizeof key, &o) || !key[0])
		return;
	char *text = NULL;
	const char *start = M->kept && strcmp(M->kept_key, key) == 0 ? M->kept : "";
	if (edit_text(a, start, &text) != 0)
		return;
	if (!text[0]) {
		app_msg(a, 1, _("nothing added: the text is empty"));
		free(text);
		return;
	}
	struct err e = {0};
	int64_t id = 0;
	if (message_add(a->s, M->id, key, text, NULL, &id, &e) != CH_OK) {
		keep(M, text, key, 0);
		say_refused(a, &e, _("n for the same platform"));
	} else {
		keep(M, NULL, NULL, 0);
		messages_after(a, M, id);
		say_saved(a, M, 1);
	}
	free(text);
}

/* The selected message, or NULL with the status line saying so. */
static const struct message *need_selected(struct app *a, const struct messages_state *M)
{
	const struct message *m = selected(M);
	if (!m)
		app_msg(a, 1, _("no message selected: n writes one"));
	return m;
}

static void save_edit(struct app *a, struct messages_state *M, const struct message *m, const char *text)
{
	if (strcmp(text, m->text) == 0) {
		app_msg(a, 0, _("nothing changed"));
		return;
	}
	struct err e = {0};
	int64_t id = m->id;
	if (message_edit(a->s, id, text, m->link, m->version, &e) != CH_OK) {
		keep(M, text, NULL, id);
		say_refused(a, &e, _("e on it"));
		return;
	}
	keep(M, NULL, NULL, 0);
	messages_after(a, M, id);
	say_saved(a, M, 0);
}

static void mk_edit(struct app *a)
{
	struct messages_state *M = app_state(a, &messages_panel);
	const struct message *m = need_selected(a, M);
	if (!m)
		return;
	char *text = NULL;
	if (edit_text(a, M->kept && M->kept_id == m->id ? M->kept : m->text, &text) != 0)
		return;
	m = selected(M);   /* the editor may have let a refresh in */
	if (m)
		save_edit(a, M, m, text);
	free(text);
}

/* i: type into the box; the verdict and the length follow every key.  C-d
 * saves (Enter is a new line; C-s would stop the terminal), the forms'
 * cancel key (Esc) leaves it as it was. */
static void mk_inline(struct app *a)
{
	struct messages_state *M = app_state(a, &messages_panel);
	const struct message *m = need_selected(a, M);
	if (!m)
		return;
	int64_t id = m->id;
	M->typing = 1;
	pbox_set(&M->box, M->kept && M->kept_id == id ? M->kept : m->text);
	int save = pbox_type(a, &M->box, M->pol, 4);   /* C-d: done */
	M->typing = 0;
	m = selected(M);
	if (!save || !m || m->id != id) {
		if (!save)
			app_msg(a, 0, _("nothing changed"));
		box_follow(M);
		return;
	}
	while (M->box.len && strchr(" \t\n", M->box.text[M->box.len - 1]))
		M->box.text[--M->box.len] = 0;
	save_edit(a, M, m, M->box.text);   /* read before the list is re-read into the box */
	box_follow(M);
}

static void mk_delete(struct app *a)
{
	struct messages_state *M = app_state(a, &messages_panel);
	const struct message *m = need_selected(a, M);
	if (!m)
		return;
	char q[200];
	int64_t id = m->id;
	snprintf(q, sizeof q, _("Delete the %s message, variant %d? (y/N) "), m->platform, m->variant);
	if (!ask_yes(a, q))
		return;
	struct err e = {0};
	if (message_delete(a->s, id, &e) != CH_OK) {
		app_msg(a, 1, _("nothing deleted: %s"), e.msg);
		app_requery(a);
		return;
	}
	messages_after(a, M, 0);
	app_msg(a, 0, _("message deleted%s"), M->approval[0] ? "" : _(": the item can be approved now"));
}

static void mk_close(struct app *a)
{
	struct messages_state *M = app_state(a, &messages_panel);
	if (M->from_detail)
		app_open_detail(a, M->id);
	else
		app_close_over(a);
}

void messages_open_key(struct app *a)
{
	int from_detail = a->over == &detail_panel;
	int64_t id = act_single(a);
	if (!id)
		return;
	struct messages_state *M = app_state(a, &messages_panel);
	if (!M) {
		app_msg(a, 1, _("out of memory"));
		return;
	}
	if (M->id != id) {
		M->list.sel = M->list.top = 0;
		keep(M, NULL, NULL, 0);
	}
	M->id = id;
	M->from_detail = from_detail;
	a->over = &messages_panel;
	app_requery(a);
}

static struct ui_list *messages_list(struct app *a, void *st)
{
	(void)a;
	return &((struct messages_state *)st)->list;
}

/* The box follows the cursor. */
static int messages_request(struct app *a, void *st, enum ui_req r)
{
	struct messages_state *M = st;
	(void)a;
	if (r == REQ_RELOAD || !ui_list_request(&M->list, r))
		return 0;
	box_follow(M);
	return 1;
}

static const struct keydef messages_keys[] = {
	UI_REQ_KEYS
	{ 'n', 'm', "n", "new", N_("a new message (variant) for a platform, asked with Tab completion; "
	  "the text in $EDITOR"), mk_new },
	{ 'e', 0, "e", "edit", N_("edit the message in $EDITOR"), mk_edit },
	{ 'i', 0, "i", "inline", N_("edit the message here: length and policy verdict follow the typing "
	  "(C-d saves, Esc cancels)"), mk_inline },
	{ 'd', 0, "d", "delete", N_("delete the message (asks first)"), mk_delete },
	{ 27, 'h', "Esc", "close", N_("close, back to where m was pressed (q too)"), mk_close },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops messages_panel = {
	.size = sizeof(struct messages_state),
	.name = "messages", .title = N_("Messages"), .over = 1, .draw = messages_draw,
	.requery = messages_refresh, .keys = messages_keys,
	.list = messages_list, .request = messages_request, .close = messages_close,
};
