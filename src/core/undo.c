/* undo.c — taking back one's own last change (undo.h): find it in the audit
 * log, check that nobody changed the item since, write the compensating
 * change and an "undo" event naming what it undoes.  Also the deletion of a
 * logged share, which an undone share shares its SQL with. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/content.h"
#include "chorus/undo.h"
#include "core.h"

/* The changes an undo can take back, for an event row aliased e. */
#define UNDOABLE(e) \
	"((" e ".entity = 'content' AND " e ".action IN ('take','approve','reject','back','archive'," \
	"'restore','pillar','campaign')) OR (" e ".entity = 'share' AND " e ".action = 'share') " \
	"OR (" e ".entity = 'bulk' AND " e ".action = 'bulk'))"

/* Has event e been undone (an undo event on its entity names it)? */
#define UNDONE(e) \
	"EXISTS (SELECT 1 FROM events u, json_each(u.detail, '$.undoes') j WHERE u.entity = " e ".entity " \
	"AND u.entity_id = " e ".entity_id AND u.action = 'undo' AND u.id > " e ".id AND j.value = " e ".id)"

/* Is event e one of a bulk action's (undone with it, never alone)? */
#define IN_BULK(e) \
	"EXISTS (SELECT 1 FROM events b, json_each(b.detail, '$.events') j WHERE b.entity = 'bulk' " \
	"AND b.action = 'bulk' AND b.entity_id <= " e ".id AND b.id > " e ".id AND j.value = " e ".id)"

/* One event of the change being undone, with what its detail says. */
struct ev {
	int64_t id, entity_id;
	char entity[16], action[16];
	char from[16], to[16];       /* a move's stages */
	char value[128];             /* pillar/campaign set to ("" = cleared) */
	char old[128];               /* ... and what it was */
	int has_old;                 /* the event says what it was */
	int64_t editor;              /* a move: the assignee before it (0: none said) */
	int64_t since;               /* a move: when the item had entered the stage it left (0: not said) */
	int64_t content;             /* a share: its content */
	int64_t shared_ev;           /* a share: the content's move to shared in the same change, 0 */
};

/* The one integer sql selects for ?1 = a, ?2 = b (a parameter the query
 * lacks is left unbound), 0 when no row; *st gets a failure. */
static int64_t one_int(struct store *s, const char *sql, int64_t a, int64_t b, struct err *e, int *st)
{
	int64_t v = 0;
	sqlite3_stmt *q = *st == CH_OK ? store_prepare(s, sql, e) : NULL;
	if (!q) {
		if (*st == CH_OK)
			*st = e ? e->status : CH_UNUSABLE;
		return 0;
	}
	sqlite3_bind_int64(q, 1, a);
	sqlite3_bind_int64(q, 2, b);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	else if (rc != SQLITE_DONE)
		*st = store_sql_error(s, rc, _("reading the audit log"), e);
	sqlite3_finalize(q);
	return v;
}

static int load_event(struct store *s, int64_t id, struct ev *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	sqlite3_stmt *q = store_prepare(s,
		"SELECT id, entity, COALESCE(entity_id, 0), action, "
		"COALESCE(json_extract(detail, '$.from'), ''), COALESCE(json_extract(detail, '$.to'), ''), "
		"COALESCE(json_extract(detail, '$.' || action), ''), COALESCE(json_extract(detail, '$.old'), ''), "
		"json_type(detail, '$.old') IS NOT NULL, COALESCE(json_extract(detail, '$.editor'), 0), "
		"COALESCE(json_extract(detail, '$.content'), 0), COALESCE(json_extract(detail, '$.since'), 0) "
		"FROM events WHERE id = ?", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		v->id = sqlite3_column_int64(q, 0);
		core_copy(v->entity, sizeof v->entity, q, 1);
		v->entity_id = sqlite3_column_int64(q, 2);
		core_copy(v->action, sizeof v->action, q, 3);
		core_copy(v->from, sizeof v->from, q, 4);
		core_copy(v->to, sizeof v->to, q, 5);
		core_copy(v->value, sizeof v->value, q, 6);
		core_copy(v->old, sizeof v->old, q, 7);
		v->has_old = sqlite3_column_int(q, 8);
		v->editor = sqlite3_column_int64(q, 9);
		v->content = sqlite3_column_int64(q, 10);
		v->since = sqlite3_column_int64(q, 11);
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return err_set(e, CH_FAILED, _("no event %lld in the audit log"), (long long)id);
	return rc == SQLITE_ROW ? CH_OK : store_sql_error(s, rc, _("reading the audit log"), e);
}

/* A later change of entity/id after event `after` that is not undone: refuse,
 * naming who and when. */
static int changed_since(struct store *s, const char *entity, int64_t id, int64_t after, const char *item,
			 struct err *e)
{
	sqlite3_stmt *q = store_prepare(s,
		"SELECT l.at, COALESCE(p.login, ''), l.action FROM events l "
		"LEFT JOIN people p ON p.id = COALESCE(l.on_behalf_id, l.actor_id) "
		"WHERE l.entity = ?1 AND l.entity_id = ?2 AND l.id > ?3 AND l.action <> 'comment' "
		"AND l.action <> 'undo' AND NOT " UNDONE("l") " ORDER BY l.id LIMIT 1", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_text(q, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, id);
	sqlite3_bind_int64(q, 3, after);
	int rc = sqlite3_step(q), st = CH_OK;
	if (rc == SQLITE_ROW) {
		char when[32], by[64], action[32];
		int64_t at = sqlite3_column_int64(q, 0);
		core_copy(by, sizeof by, q, 1);
		core_copy(action, sizeof action, q, 2);
		store_time_str(at, when, sizeof when);
		int mine = strcmp(by, s->my_login) == 0;
		st = err_set(e, CH_BUSY, _("cannot undo: %s changed %s since (%s, %s UTC)%s"), by[0] ? by : _("someone"),
			     item, action, when, mine ? "" : _("; nothing was undone"));
		if (e) {
			e->kind = ERR_CONFLICT;
			snprintf(e->by, sizeof e->by, "%s", by);
			e->at = at;
		}
	} else if (rc != SQLITE_DONE) {
		st = store_sql_error(s, rc, _("reading the audit log"), e);
	}
	sqlite3_finalize(q);
	return st;
}

/* The item is not as the change left it (a change the log does not show). */
static int not_as_left(const char *item, const char *now, const char *want, struct err *e)
{
	err_set(e, CH_BUSY, _("cannot undo: %s is %s now, not %s as the change left it"), item, now, want);
	if (e)
		e->kind = ERR_CONFLICT;
	return CH_BUSY;
}

static int is_move(const struct ev *v)
{
	return strcmp(v->entity, "content") == 0 && strcmp(v->action, "pillar") != 0 &&
	       strcmp(v->action, "campaign") != 0;
}

/* Check that v can be undone now, and say what it was. */
static int check_event(struct store *s, struct ev *v, char *what, size_t whatn, struct err *e)
{
	char item[48];
	int st = CH_OK;
	if (strcmp(v->entity, "share") == 0) {
		snprintf(item, sizeof item, _("share %lld"), (long long)v->entity_id);
		if (!one_int(s, "SELECT count(*) FROM shares WHERE id = ?1", v->entity_id, 0, e, &st) &&
		    st == CH_OK)
			return err_set(e, CH_FAILED, _("cannot undo: %s was deleted since"), item);
		if (st == CH_OK)
			st = changed_since(s, "share", v->entity_id, v->id, item, e);
		if (st == CH_OK)
			v->shared_ev = one_int(s, "SELECT id FROM events WHERE id = ?1 - 1 AND entity = 'content' "
					       "AND action = 'shared' AND entity_id = ?2", v->id, v->content, e, &st);
		snprintf(item, sizeof item, "#%lld", (long long)v->content);
		if (st == CH_OK && v->shared_ev)
			st = changed_since(s, "content", v->content, v->shared_ev, item, e);
		snprintf(what, whatn, _("logged share %lld of #%lld"), (long long)v->entity_id, (long long)v->content);
		return st;
	}
	snprintf(item, sizeof item, "#%lld", (long long)v->entity_id);
	struct content c = {0};
	st = content_get(s, v->entity_id, &c, e);
	if (st == CH_OK)
		st = changed_since(s, "content", v->entity_id, v->id, item, e);
	if (st == CH_OK && is_move(v)) {
		if (strcmp(stage_name(c.stage), v->to) != 0)
			st = not_as_left(item, stage_name(c.stage), v->to, e);
		else if (stage_parse(v->from) < 0)
			st = err_set(e, CH_FAILED, _("cannot undo: the log does not say where %s was before"), item);
		if (strcmp(v->action, "reject") == 0)
			snprintf(what, whatn, _("rejected %s"), item);
		else
			snprintf(what, whatn, _("moved %s to %s"), item, v->to);
	} else if (st == CH_OK) {
		int pillar = strcmp(v->action, "pillar") == 0;
		const char *now = pillar ? c.pillar : c.campaign;
		if (!v->has_old)
			st = err_set(e, CH_FAILED,
				     pillar ? _("cannot undo: the pillar of %s was set before chorus logged what it was")
				     : _("cannot undo: the campaign of %s was set before chorus logged what it was"), item);
		else if (strcasecmp(now, v->value) != 0)
			st = not_as_left(item, now[0] ? now : _("without one"),
					 v->value[0] ? v->value : _("without one"), e);
		if (v->value[0])
			snprintf(what, whatn, pillar ? _("set the pillar of %s to %s") : _("set the campaign of %s to %s"),
				 item, v->value);
		else
			snprintf(what, whatn, pillar ? _("cleared the pillar of %s") : _("cleared the campaign of %s"),
				 item);
	}
	content_free(&c);
	return st;
}

static int log_undo(struct store *s, const char *entity, int64_t id, int64_t undoes, const char *action,
		    const char *from, const char *to, struct err *e)
{
	struct json j;
	json_init(&j);
	json_open(&j, "undoes", '[');
	json_int(&j, NULL, undoes);
	json_close(&j, ']');
	if (action)
		json_str(&j, "undone", action);
	if (from)
		json_str(&j, "from", from);
	if (to)
		json_str(&j, "to", to);
	int st = audit_log(s, entity, id, "undo", &j, e);
	json_free(&j);
	return st;
}

/* Delete share sid; shared content left with no share goes back to ready
 * (*moved = 1).  *content gets the share's content. */
static int drop_share(struct store *s, int64_t sid, int64_t *content, int *moved, struct err *e)
{
	*moved = 0;
	int st = CH_OK;
	*content = one_int(s, "SELECT m.content_id FROM shares sh JOIN messages m ON m.id = sh.message_id "
			   "WHERE sh.id = ?1", sid, 0, e, &st);
	sqlite3_stmt *q = st == CH_OK ? store_prepare(s, "DELETE FROM shares WHERE id = ?", e) : NULL;
	if (q)
		sqlite3_bind_int64(q, 1, sid);
	if (st == CH_OK)
		st = core_run(s, q, _("deleting the share"), e);
	int left = (int)one_int(s, "SELECT count(*) FROM shares sh JOIN messages m ON m.id = sh.message_id "
				"WHERE m.content_id = ?1", *content, 0, e, &st);
	if (st != CH_OK || left)
		return st;
	q = store_prepare(s, "UPDATE content SET stage = 'ready', stage_at = ?2, updated_at = ?2, updated_by = ?3, "
			     "version = version + 1 WHERE id = ?1 AND stage = 'shared'", e);
	if (q) {
		sqlite3_bind_int64(q, 1, *content);
		sqlite3_bind_int64(q, 2, store_now());
		sqlite3_bind_int64(q, 3, s->me);
	}
	st = core_run(s, q, _("moving the content back to ready"), e);
	*moved = st == CH_OK && sqlite3_changes(s->db) > 0;
	return st;
}

static int undo_share(struct store *s, const struct ev *v, struct err *e)
{
	int64_t content;
	int moved;
	int st = drop_share(s, v->entity_id, &content, &moved, e);
	if (st == CH_OK)
		st = log_undo(s, "share", v->entity_id, v->id, "share", NULL, NULL, e);
	if (st == CH_OK && moved && v->shared_ev)
		st = log_undo(s, "content", content, v->shared_ev, "shared", "shared", "ready", e);
	return st;
}

static int undo_move(struct store *s, const struct ev *v, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s,
		"UPDATE content SET stage = ?2, stage_at = CASE WHEN ?7 > 0 THEN ?7 ELSE ?3 END, updated_at = ?3, "
		"updated_by = ?4, version = version + 1, "
		"editor_id = CASE WHEN ?2 = 'inbox' THEN NULL WHEN ?5 THEN ?5 ELSE editor_id END, "
		"reject_reason = CASE WHEN ?6 = 'rejected' THEN NULL ELSE reject_reason END WHERE id = ?1", e);
	if (q) {
		sqlite3_bind_int64(q, 1, v->entity_id);
		sqlite3_bind_text(q, 2, v->from, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, store_now());
		sqlite3_bind_int64(q, 4, s->me);
		sqlite3_bind_int64(q, 5, v->editor);
		sqlite3_bind_text(q, 6, v->to, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 7, v->since);   /* back in its place in the column */
	}
	int st = core_run(s, q, _("undoing the move"), e);
	return st == CH_OK ? log_undo(s, "content", v->entity_id, v->id, v->action, v->to, v->from, e) : st;
}

static int undo_ref(struct store *s, const struct ev *v, struct err *e)
{
	int pillar = strcmp(v->action, "pillar") == 0;
	int64_t ref = 0;
	if (v->old[0] && !(ref = core_id_by(s, pillar ? "SELECT id FROM pillars WHERE name = ? COLLATE NOCASE"
					    : "SELECT id FROM campaigns WHERE name = ? COLLATE NOCASE", v->old)))
		return err_set(e, CH_FAILED,
			       pillar ? _("cannot undo: the pillar %s is gone") : _("cannot undo: the campaign %s is gone"),
			       v->old);
	sqlite3_stmt *q = store_prepare(s, pillar
		? "UPDATE content SET pillar_id = ?2, updated_at = ?3, updated_by = ?4, version = version + 1 WHERE id = ?1"
		: "UPDATE content SET campaign_id = ?2, updated_at = ?3, updated_by = ?4, version = version + 1 WHERE id = ?1", e);
	if (q) {
		sqlite3_bind_int64(q, 1, v->entity_id);
		if (ref)
			sqlite3_bind_int64(q, 2, ref);
		sqlite3_bind_int64(q, 3, store_now());
		sqlite3_bind_int64(q, 4, s->me);
	}
	int st = core_run(s, q, _("undoing the change"), e);
	return st == CH_OK ? log_undo(s, "content", v->entity_id, v->id, v->action, v->value[0] ? v->value : NULL,
				      v->old[0] ? v->old : NULL, e) : st;
}

static int undo_event(struct store *s, const struct ev *v, struct err *e)
{
	if (strcmp(v->entity, "share") == 0)
		return undo_share(s, v, e);
	return is_move(v) ? undo_move(s, v, e) : undo_ref(s, v, e);
}

/* The ids of the events of the change being undone: the event itself, or a
 * bulk event's members. */
static int unit_members(struct store *s, int64_t last, struct ev *head, struct ev **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = load_event(s, last, head, e);
	if (st != CH_OK)
		return st;
	if (strcmp(head->entity, "bulk") != 0) {
		struct ev *v = core_grow((void **)out, n, sizeof **out);
		if (!v)
			return err_set(e, CH_UNUSABLE, _("out of memory"));
		*v = *head;
		return CH_OK;
	}
	sqlite3_stmt *q = store_prepare(s, "SELECT j.value FROM events b, json_each(b.detail, '$.events') j "
					   "WHERE b.id = ? ORDER BY j.value DESC", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(q, 1, last);
	int rc;
	while (st == CH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		struct ev *v = core_grow((void **)out, n, sizeof **out);
		st = v ? load_event(s, id, v, e) : err_set(e, CH_UNUSABLE, _("out of memory"));
	}
	sqlite3_finalize(q);
	return st;
}

int undo_last(struct store *s, int dry_run, char *what, size_t whatn, struct err *e)
{
	if (whatn)
		what[0] = 0;
	int st = store_begin(s, !dry_run, e);
	if (st != CH_OK)
		return st;
	int64_t last = one_int(s, "SELECT e.id FROM events e WHERE COALESCE(e.on_behalf_id, e.actor_id) = ?1 "
			       "AND " UNDOABLE("e") " AND NOT " UNDONE("e") " AND NOT " IN_BULK("e")
			       " ORDER BY e.id DESC LIMIT 1", s->me, 0, e, &st);
	if (st == CH_OK && !last)
		st = err_set(e, CH_FAILED, _("nothing to undo: %s has no change left that can be undone "
			     "(moves, pillar, campaign, rejections, shares)"), s->my_login);
	struct ev head, *v = NULL;
	int n = 0;
	if (st == CH_OK)
		st = unit_members(s, last, &head, &v, &n, e);
	char one[256] = "";
	size_t used = 0;
	if (st == CH_OK && n > 1)
		used = (size_t)snprintf(what, whatn, P_("%d change: ", "%d changes: ", n), n);
	for (int i = 0; st == CH_OK && i < n; i++) {
		st = check_event(s, &v[i], one, sizeof one, e);
		if (st == CH_OK && used < whatn)
			used += (size_t)snprintf(what + used, whatn - used, "%s%s", i ? ", " : "", one);
	}
	for (int i = 0; st == CH_OK && !dry_run && i < n; i++)
		st = undo_event(s, &v[i], e);
	if (st == CH_OK && !dry_run && strcmp(head.entity, "bulk") == 0)
		st = log_undo(s, "bulk", head.entity_id, head.id, "bulk", NULL, NULL, e);
	free(v);
	return store_end(s, st, e);
}

int undo_bulk_begin(struct store *s, int64_t *mark, struct err *e)
{
	int st = CH_OK;
	*mark = one_int(s, "SELECT COALESCE(max(id), 0) FROM events", 0, 0, e, &st);
	return st;
}

int undo_bulk_end(struct store *s, int64_t mark, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT e.id FROM events e WHERE e.id > ?1 "
					   "AND COALESCE(e.on_behalf_id, e.actor_id) = ?2 AND " UNDOABLE("e")
					   " ORDER BY e.id", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(q, 1, mark);
	sqlite3_bind_int64(q, 2, s->me);
	struct json j;
	json_init(&j);
	json_open(&j, "events", '[');
	int n = 0, rc;
	int64_t first = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		if (!n++)
			first = id;
		json_int(&j, NULL, id);
	}
	json_close(&j, ']');
	sqlite3_finalize(q);
	int st = rc == SQLITE_DONE ? CH_OK : store_sql_error(s, rc, _("reading the audit log"), e);
	if (st == CH_OK && n > 1) {
		json_int(&j, "n", n);
		st = audit_log(s, "bulk", first, "bulk", &j, e);
	}
	json_free(&j);
	return st;
}

int share_delete(struct store *s, int64_t share_id, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s,
		"SELECT sh.person_id, p.login, sh.message_id, pl.key, sh.url FROM shares sh "
		"JOIN people p ON p.id = sh.person_id JOIN platforms pl ON pl.id = sh.platform_id WHERE sh.id = ?", e);
	if (!q)
		return store_end(s, e ? e->status : CH_UNUSABLE, e);
	sqlite3_bind_int64(q, 1, share_id);
	int64_t owner = 0, message = 0;
	char login[64] = "", platform[64] = "", *url = NULL;
	if (sqlite3_step(q) == SQLITE_ROW) {
		owner = sqlite3_column_int64(q, 0);
		core_copy(login, sizeof login, q, 1);
		message = sqlite3_column_int64(q, 2);
		core_copy(platform, sizeof platform, q, 3);
		url = sqlite3_column_type(q, 4) == SQLITE_NULL ? NULL : core_dup(q, 4);
	}
	sqlite3_finalize(q);
	if (!owner)
		st = err_set(e, CH_INVALID, _("no such share: %lld"), (long long)share_id);
	else if (owner != s->me && !store_has_role(s, ROLE_MASTER))
		st = err_set(e, CH_FAILED, _("share %lld is %s's: only they or a social master may delete it; "
			     "%s may not"), (long long)share_id, login, s->my_login);
	int64_t content = 0;
	int moved = 0;
	if (st == CH_OK)
		st = drop_share(s, share_id, &content, &moved, e);
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_int(&j, "message", message);
		json_int(&j, "content", content);
		json_str(&j, "person", login);
		json_str(&j, "platform", platform);
		if (url)
			json_str(&j, "url", url);
		st = audit_log(s, "share", share_id, "delete", &j, e);
		json_free(&j);
	}
	if (st == CH_OK && moved) {
		struct json j;
		json_init(&j);
		json_str(&j, "from", "shared");
		json_str(&j, "to", "ready");
		json_int(&j, "share", share_id);
		st = audit_log(s, "content", content, "unshared", &j, e);
		json_free(&j);
	}
	free(url);
	return store_end(s, st, e);
}
