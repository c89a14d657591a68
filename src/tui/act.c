/* act.c — content actions shared by the board, the inbox and the detail
 * view.  Every action goes through act_run: one write transaction for all its
 * items (a bulk action in the inbox is all-or-nothing), the core's message in
 * the status line when a rule refuses it, and a retry on the next ticks when
 * another chorus holds the write lock — the interface never waits on it.
 *
 * Each item carries the version the user saw: when someone else changed it
 * since, the core refuses (a conflict), the status line says who and when,
 * the screen is re-read, and nothing changes. */
#include <stdlib.h>
#include <string.h>
#include "../util/timeutil.h"
#include "chorus/sharelock.h"
#include "chorus/content.h"
#include "chorus/undo.h"
#include "ask.h"
#include "ui.h"

#define ACT_RETRY_MS 400
#define ACT_RETRIES 12   /* about 5 s of waiting, then give up and say so */

static const char *act_done[] = {
	N_("taken into Editing"), N_("moved forward"), N_("moved back"), N_("rejected"),
	N_("pillar set"), N_("campaign set"), N_("comment added"), N_("archived"), N_("restored to the Inbox"),
	N_("message type set"),
};

static int act_one(struct app *a, const struct act *act, const struct act_target *t, struct err *e)
{
	int64_t id = t->id;
	int v = t->version;
	switch (act->kind) {
	case ACT_TAKE:
		return content_take(a->s, id, v, e);
	case ACT_FORWARD:
		return content_forward(a->s, id, v, e);
	case ACT_BACK:
		return content_back(a->s, id, v, e);
	case ACT_REJECT:
		return content_reject(a->s, id, act->text, v, e);
	case ACT_PILLAR:
		return content_set_pillar(a->s, id, act->text, v, e);
	case ACT_CAMPAIGN:
		return content_set_campaign(a->s, id, act->text, v, e);
	case ACT_COMMENT:
		/* A comment adds to the item and changes nothing of it: no version. */
		return comment_add(a->s, id, act->text, NULL, e);
	case ACT_ARCHIVE:
		return content_archive(a->s, id, v, e);
	case ACT_RESTORE:
		return content_restore(a->s, id, v, e);
	case ACT_TYPE:
		return content_set_type(a->s, id, act->text, v, e);
	}
	return err_set(e, CH_INVALID, _("internal: unknown action"));
}

static void pending_clear(struct app *a)
{
	free(a->pending.items);
	memset(&a->pending, 0, sizeof a->pending);
	a->pending_tries = 0;
}

/* "NAME changed #ID at TIME — press r to reload" for a conflict. */
static void say_conflict(struct app *a, int n, int64_t id, const struct err *e)
{
	char when[32], r[32];
	snprintf(when, sizeof when, "%s", _("just now"));
	if (e->at)
		time_minute_str(e->at, when, sizeof when);
	ui_action_key(app_visible(a)->keys, "reload", r, sizeof r);
	app_msg(a, 1, _("%s%s changed #%lld at %s \xe2\x80\x94 press %s to reload"), n > 1 ? _("nothing changed: ") : "",
		e->by[0] ? e->by : _("someone"), (long long)id, when, r);
}

int act_run(struct app *a, const struct act *act)
{
	struct err e = {0};
	int64_t failed = 0, mark = 0;
	int st = store_begin(a->s, 1, &e);
	/* A bulk action is one change to undo (undo.h). */
	if (st == CH_OK && act->n > 1)
		st = undo_bulk_begin(a->s, &mark, &e);
	for (int i = 0; st == CH_OK && i < act->n; i++) {
		st = act_one(a, act, &act->items[i], &e);
		if (st != CH_OK)
			failed = act->items[i].id;
	}
	if (st == CH_OK && act->n > 1)
		st = undo_bulk_end(a->s, mark, &e);
	st = store_end(a->s, st, &e);
	if (st == CH_BUSY && e.kind == ERR_LOCKED) {
		if (act != &a->pending) {
			pending_clear(a);
			a->pending = *act;
			a->pending.items = malloc((size_t)act->n * sizeof *act->items);
			if (!a->pending.items) {
				memset(&a->pending, 0, sizeof a->pending);
				app_msg(a, 1, _("out of memory: nothing changed"));
				return CH_UNUSABLE;
			}
			memcpy(a->pending.items, act->items, (size_t)act->n * sizeof *act->items);
		}
		a->pending_tries++;
		a->pending_at_ms = app_ms();
		struct sharelock_holder h = {0};
		if (a->s->mode == STORE_MODE_SHARE && sharelock_look(a->s->path, &h) && h.has_record &&
		    h.silent_ms >= 1000)
			app_msg(a, 0, _("waiting for %s's chorus on %s (pid %ld): no heartbeat for %lld s\xe2\x80\xa6 (try %d)"),
				h.user, h.host, h.pid, (long long)(h.silent_ms / 1000), a->pending_tries);
		else if (a->s->mode == STORE_MODE_SHARE && h.present && h.has_record)
			app_msg(a, 0, _("waiting for %s's chorus on %s (pid %ld) to finish writing\xe2\x80\xa6 (try %d)"),
				h.user, h.host, h.pid, a->pending_tries);
		else
			app_msg(a, 0, _("waiting for another chorus to finish writing\xe2\x80\xa6 (try %d)"), a->pending_tries);
		return st;
	}
	int n = act->n;
	enum act_kind kind = act->kind;
	int64_t first = n > 0 ? act->items[0].id : 0;
	pending_clear(a);   /* act may point at it: use the copies above from here */
	if (st == CH_OK) {
		if (n == 1)
			app_msg(a, 0, _("content %lld: %s"), (long long)first, _(act_done[kind]));
		else
			app_msg(a, 0, P_("%d item: %s", "%d items: %s", n), n, _(act_done[kind]));
	} else if (st == CH_BUSY && e.kind == ERR_CONFLICT)
		say_conflict(a, n, failed ? failed : first, &e);
	else if (n > 1 && failed)
		app_msg(a, 1, _("nothing changed: item %lld: %s"), (long long)failed, e.msg);
	else
		app_msg(a, 1, "%s", e.msg);
	app_requery(a);
	return st;
}

void act_retry(struct app *a)
{
	if (app_ms() - a->pending_at_ms < ACT_RETRY_MS)
		return;
	if (a->pending_tries >= ACT_RETRIES) {
		pending_clear(a);
		app_msg(a, 1, _("the database stayed locked by another chorus: nothing changed; try again"));
		return;
	}
	act_run(a, &a->pending);
}

int act_target_one(struct app *a, int64_t id, int version, struct act_target **t, int *n)
{
	*n = 0;
	*t = NULL;
	if (!id)
		return 0;
	*t = malloc(sizeof **t);
	if (!*t) {
		app_msg(a, 1, _("out of memory"));
		return -1;
	}
	(*t)[0] = (struct act_target){ id, version };
	*n = 1;
	return 0;
}

/* The items an action applies to; the caller frees *t.  0 when none. */
static int act_targets(struct app *a, struct act_target **t)
{
	const struct panel_ops *p = app_visible(a);
	int n = 0;
	*t = NULL;
	if (a->pending_tries) {
		app_msg(a, 1, _("still waiting for the database to save the last action"));
		return 0;
	}
	if (!p->targets || p->targets(a, app_state(a, p), t, &n) != 0 || n == 0) {
		free(*t);
		*t = NULL;
		if (!a->status[0])
			app_msg(a, 1, _("no item selected"));
		return 0;
	}
	return n;
}

static void act_simple(struct app *a, enum act_kind kind, const char *text)
{
	struct act act = { .kind = kind };
	act.n = act_targets(a, &act.items);
	if (!act.n)
		return;
	if (text)
		snprintf(act.text, sizeof act.text, "%s", text);
	act_run(a, &act);
	free(act.items);
}

/* y to go on; anything else (n, Esc) changes nothing and says so. */
static int act_confirm(struct app *a, const char *question)
{
	if (ask_yes(a, question))
		return 1;
	app_msg(a, 0, _("cancelled: nothing changed"));
	return 0;
}

/* "Reject N items (#1, #2, ...)? [y/N]" before a bulk rejection. */
static int act_confirm_reject(struct app *a, const struct act *act)
{
	char ids[320], q[512];
	size_t used = 0;
	ids[0] = 0;
	for (int i = 0; i < act->n && used < sizeof ids - 40; i++)
		used += (size_t)snprintf(ids + used, sizeof ids - used, "%s#%lld", i ? ", " : "", (long long)act->items[i].id);
	if (used >= sizeof ids - 40)
		snprintf(ids + used, sizeof ids - used, NT_(", \xe2\x80\xa6"));
	snprintf(q, sizeof q, P_("Reject %d item (%s)? [y/N] ", "Reject %d items (%s)? [y/N] ", act->n), act->n, ids);
	return act_confirm(a, q);
}

/* Ask for the text first, then act: a retry on the lock never asks again.
 * o: Tab completion, or NULL. */
static void act_asking(struct app *a, enum act_kind kind, const char *question, int may_be_empty,
		       const struct ask_opts *o)
{
	struct act act = { .kind = kind };
	act.n = act_targets(a, &act.items);
	if (!act.n)
		return;
	char q[512];
	if (act.n > 1)
		snprintf(q, sizeof q, P_("%s (%d item): ", "%s (%d items): ", act.n), question, act.n);
	else
		snprintf(q, sizeof q, "%s: ", question);
	if (app_ask(a, q, act.text, sizeof act.text, o)) {
		if (!act.text[0] && !may_be_empty)
			app_msg(a, 1, _("nothing changed: the text is empty"));
		else if (kind != ACT_REJECT || act.n == 1 || act_confirm_reject(a, &act))
			act_run(a, &act);
	}
	free(act.items);
}

void act_key_take(struct app *a) { act_simple(a, ACT_TAKE, NULL); }
void act_key_forward(struct app *a) { act_simple(a, ACT_FORWARD, NULL); }
void act_key_archive(struct app *a) { act_simple(a, ACT_ARCHIVE, NULL); }
void act_key_restore(struct app *a) { act_simple(a, ACT_RESTORE, NULL); }

/* Back from Shared puts the item on every publisher's queue again: asked first. */
void act_key_back(struct app *a)
{
	struct act act = { .kind = ACT_BACK };
	act.n = act_targets(a, &act.items);
	if (!act.n)
		return;
	struct content c;
	struct err e = {0};
	char q[400];
	int shared = 0;
	if (act.n == 1 && content_get(a->s, act.items[0].id, &c, &e) == CH_OK) {
		shared = c.stage == STAGE_SHARED;
		snprintf(q, sizeof q, _("Move #%lld \"%.200s\" back from Shared to Ready (every publisher's queue again)? "
			 "[y/N] "), (long long)c.id, c.title);
		content_free(&c);
	}
	if (!shared || act_confirm(a, q))
		act_run(a, &act);
	free(act.items);
}

/* u: the user's last change taken back, through the audit log (undo.h). */
void act_key_undo(struct app *a)
{
	if (a->pending_tries) {
		app_msg(a, 1, _("still waiting for the database to save the last action"));
		return;
	}
	struct err e = {0};
	char what[512];
	int st = undo_last(a->s, 0, what, sizeof what, &e);
	if (st == CH_OK)
		app_msg(a, 0, _("undid: %s"), what);
	else if (st == CH_BUSY && e.kind == ERR_LOCKED)
		app_msg(a, 1, _("another chorus is writing: nothing undone; press u again in a moment"));
	else
		app_msg(a, 1, "%s", e.msg);
	app_requery(a);
}

void act_key_reject(struct app *a) { act_asking(a, ACT_REJECT, _("Reason for rejecting"), 0, NULL); }
void act_key_comment(struct app *a) { act_asking(a, ACT_COMMENT, _("Comment"), 0, NULL); }

#define ACT_NAMES_MAX 64

/* A pillar, a campaign or a message type: the names are the hint and Tab's completions. */
static void act_naming(struct app *a, enum act_kind kind, int campaigns, const char *what)
{
	char names[4096], hint[4096], q[512];
	const char *list[ACT_NAMES_MAX];
	struct ask_opts o = { .complete = list };
	board_names(a->s, campaigns, names, sizeof names);
	if (kind == ACT_TYPE && !names[0]) {
		app_msg(a, 1, _("the strategy defines no message types: a master adds them in the Strategy panel"));
		return;
	}
	snprintf(hint, sizeof hint, "%s", names);
	for (char *p = names; *p && o.ncomplete < ACT_NAMES_MAX;) {
		list[o.ncomplete++] = p;
		char *sep = strstr(p, ", ");
		if (!sep)
			break;
		*sep = 0;
		p = sep + 2;
	}
	snprintf(q, sizeof q, _("%s [%.400s] (Tab completes; empty clears)"), what, hint[0] ? hint : _("none defined"));
	act_asking(a, kind, q, 1, &o);
}

void act_key_pillar(struct app *a) { act_naming(a, ACT_PILLAR, 0, _("Pillar")); }
void act_key_campaign(struct app *a) { act_naming(a, ACT_CAMPAIGN, 1, _("Campaign")); }
void act_key_type(struct app *a) { act_naming(a, ACT_TYPE, BOARD_NAMES_TYPES, _("Message type")); }

int64_t act_single(struct app *a)
{
	struct act_target *t;
	a->tagged_next = 0;   /* editing and opening are for one item */
	int n = act_targets(a, &t);
	int64_t id = n ? t[0].id : 0;
	free(t);
	return id;
}

void act_key_edit(struct app *a)
{
	int64_t id = act_single(a);
	if (id)
		edit_content(a, id);
}

void act_key_open(struct app *a)
{
	int64_t id = act_single(a);
	if (id)
		app_open_detail(a, id);
}
