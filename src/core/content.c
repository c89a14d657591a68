/* content.c — the pipeline creator → editor → publisher, and every rule about
 * who may move an item where.  The TUI and the CLI only call these. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/board.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "core.h"

static const char *stage_names[STAGE_COUNT] = {
	"inbox", "editing", "ready", "shared", "rejected", "archived"
};

const char *stage_name(enum stage s)
{
	return s >= 0 && s < STAGE_COUNT ? stage_names[s] : "?";
}

int stage_parse(const char *name)
{
	for (int i = 0; name && i < STAGE_COUNT; i++)
		if (strcmp(name, stage_names[i]) == 0)
			return i;
	return -1;
}

const char *const content_kinds[] = { "story", "photo", "video", "news", "blog", NULL };

void content_kinds_list(char *out, size_t n)
{
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; content_kinds[i] && o < n; i++)
		o += (size_t)snprintf(out + o, n - o, "%s%s", i ? ", " : "", content_kinds[i]);
}

static int kind_check(const char *kind, struct err *e)
{
	for (int i = 0; content_kinds[i]; i++)
		if (strcmp(kind, content_kinds[i]) == 0)
			return CH_OK;
	char list[128];
	content_kinds_list(list, sizeof list);
	return err_set(e, CH_INVALID, _("unknown kind '%.40s' (kinds: %s)"), kind, list);
}

int content_media_check(const char *path, struct err *e)
{
	struct stat sb;
	int st = core_text_ok(_("media path"), path, 0, 4096, e);
	if (st != CH_OK)
		return st;
	if (stat(path, &sb) != 0)
		return err_set(e, CH_INVALID, _("media %.300s: %s"), path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return err_set(e, CH_INVALID, _("media %.300s: is a directory, not a file"), path);
	if (!S_ISREG(sb.st_mode))
		return err_set(e, CH_INVALID, _("media %.300s: not a regular file"), path);
	if (access(path, R_OK) != 0)
		return err_set(e, CH_INVALID, _("media %.300s: cannot be read: %s"), path, strerror(errno));
	return CH_OK;
}

static const char content_cols[] =
	"SELECT c.id, c.title, c.body, c.kind, c.stage, c.creator_id, cr.login, cr.name, "
	"COALESCE(c.editor_id, 0), COALESCE(ed.login, ''), COALESCE(c.pillar_id, 0), "
	"COALESCE(pl.name, ''), COALESCE(pl.colour, ''), COALESCE(c.campaign_id, 0), "
	"COALESCE(ca.name, ''), c.reject_reason, c.created_at, c.stage_at, c.version, "
	"c.updated_at, COALESCE(ub.login, ''), "
	"COALESCE((SELECT name FROM message_types WHERE id = c.message_type_id), '') "
	"FROM content c JOIN people cr ON cr.id = c.creator_id "
	"LEFT JOIN people ed ON ed.id = c.editor_id LEFT JOIN pillars pl ON pl.id = c.pillar_id "
	"LEFT JOIN campaigns ca ON ca.id = c.campaign_id LEFT JOIN people ub ON ub.id = c.updated_by ";

static int content_row(sqlite3_stmt *st, struct content *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->title = core_dup(st, 1);
	c->body = core_dup(st, 2);
	core_copy(c->kind, sizeof c->kind, st, 3);
	c->stage = (enum stage)stage_parse(core_col(st, 4));
	c->creator_id = sqlite3_column_int64(st, 5);
	core_copy(c->creator, sizeof c->creator, st, 6);
	core_copy(c->creator_name, sizeof c->creator_name, st, 7);
	c->editor_id = sqlite3_column_int64(st, 8);
	core_copy(c->editor, sizeof c->editor, st, 9);
	c->pillar_id = sqlite3_column_int64(st, 10);
	core_copy(c->pillar, sizeof c->pillar, st, 11);
	core_copy(c->pillar_colour, sizeof c->pillar_colour, st, 12);
	c->campaign_id = sqlite3_column_int64(st, 13);
	core_copy(c->campaign, sizeof c->campaign, st, 14);
	c->reject_reason = sqlite3_column_type(st, 15) == SQLITE_NULL ? NULL : core_dup(st, 15);
	c->created_at = sqlite3_column_int64(st, 16);
	c->stage_at = sqlite3_column_int64(st, 17);
	c->version = sqlite3_column_int(st, 18);
	c->updated_at = sqlite3_column_int64(st, 19);
	core_copy(c->updated_by, sizeof c->updated_by, st, 20);
	core_copy(c->message_type, sizeof c->message_type, st, 21);
	return c->title && c->body ? CH_OK : CH_UNUSABLE;
}

void content_free(struct content *c)
{
	if (!c)
		return;
	free(c->title);
	free(c->body);
	free(c->reject_reason);
	c->title = c->body = c->reject_reason = NULL;
}

void content_list_free(struct content *list, int n)
{
	for (int i = 0; i < n; i++)
		content_free(&list[i]);
	free(list);
}

static int content_find(struct store *s, int64_t id, struct content *c, struct err *e)
{
	char sql[1400];
	snprintf(sql, sizeof sql, "%sWHERE c.id = ?", content_cols);  /* constants only */
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st), r = CH_OK;
	if (rc == SQLITE_ROW)
		r = content_row(st, c);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return err_set(e, CH_FAILED, _("no such content: %lld"), (long long)id);
	if (rc != SQLITE_ROW)
		return store_sql_error(s, rc, _("reading content"), e);
	return r == CH_OK ? CH_OK : err_set(e, r, _("out of memory"));
}

int content_get(struct store *s, int64_t id, struct content *c, struct err *e)
{
	int st = store_begin(s, 0, e);
	if (st == CH_OK)
		st = content_find(s, id, c, e);
	return store_end(s, st, e);
}

int content_list(struct store *s, int stage, struct content **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	char sql[1400];
	snprintf(sql, sizeof sql, "%s%s ORDER BY c.stage_at, c.id", content_cols,
		 stage < 0 ? "WHERE c.stage IN ('inbox','editing','ready','shared')" : "WHERE c.stage = ?");
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return store_end(s, e->status, e);
	if (stage >= 0)
		sqlite3_bind_text(q, 1, stage_name((enum stage)stage), -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct content *c = core_grow((void **)out, n, sizeof **out);
		if (!c || content_row(q, c) != CH_OK) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("listing content"), e);
	sqlite3_finalize(q);
	if (st != CH_OK) {
		content_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return store_end(s, st, e);
}

int content_submit(struct store *s, const struct submission *sub, int64_t *id, struct err *e)
{
	int st = CH_OK;
	if (!store_has_role(s, ROLE_CREATOR) && !store_has_role(s, ROLE_EDITOR))
		st = store_require_role(s, ROLE_CREATOR, _("submitting content"), e);
	if (st == CH_OK)
		st = core_text_ok(_("title"), sub->title, 0, 200, e);
	if (st == CH_OK && sub->body)
		st = core_text_ok(_("body"), sub->body, 1, 1 << 20, e);
	if (st == CH_OK && sub->body && !sub->body[strspn(sub->body, " \t\r\n")])
		st = err_set(e, CH_INVALID, _("the body is empty: write the text (or give none for a title-only idea)"));
	if (st == CH_OK && sub->kind)
		st = core_text_ok(_("kind"), sub->kind, 0, 31, e);
	if (st == CH_OK && sub->kind)
		st = kind_check(sub->kind, e);
	for (int i = 0; st == CH_OK && i < sub->nmedia; i++)
		st = core_text_ok(_("media path"), sub->media[i], 0, 4096, e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int64_t pillar = 0;
	if (sub->pillar && *sub->pillar) {
		pillar = core_id_by(s, "SELECT id FROM pillars WHERE name = ? COLLATE NOCASE", sub->pillar);
		if (!pillar)
			st = err_set(e, CH_INVALID, _("no such pillar: %s"), sub->pillar);
	}
	int64_t now = store_now(), cid = 0;
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s,
			"INSERT INTO content(title, body, kind, creator_id, pillar_id, stage, created_at, stage_at, "
			"updated_at, updated_by) VALUES(?, ?, ?, ?, ?, 'inbox', ?, ?, ?, ?)", e);
		if (q) {
			sqlite3_bind_text(q, 1, sub->title, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, sub->body ? sub->body : "", -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 3, sub->kind ? sub->kind : "story", -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 4, s->me);
			if (pillar)
				sqlite3_bind_int64(q, 5, pillar);
			for (int i = 6; i <= 8; i++)
				sqlite3_bind_int64(q, i, now);
			sqlite3_bind_int64(q, 9, s->me);
		}
		st = core_run(s, q, _("submitting content"), e);
		cid = sqlite3_last_insert_rowid(s->db);
	}
	for (int i = 0; st == CH_OK && i < sub->nmedia; i++) {
		sqlite3_stmt *q = store_prepare(s,
			"INSERT INTO content_media(content_id, path, position) VALUES(?, ?, ?)", e);
		if (q) {
			sqlite3_bind_int64(q, 1, cid);
			sqlite3_bind_text(q, 2, sub->media[i], -1, SQLITE_STATIC);
			sqlite3_bind_int(q, 3, i);
		}
		st = core_run(s, q, _("adding media"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "title", sub->title);
		json_str(&j, "kind", sub->kind ? sub->kind : "story");
		if (sub->pillar)
			json_str(&j, "pillar", sub->pillar);
		json_int(&j, "media", sub->nmedia);
		st = audit_log(s, "content", cid, "submit", &j, e);
		json_free(&j);
	}
	if (st == CH_OK && id)
		*id = cid;
	return store_end(s, st, e);
}

enum move { MV_TAKE, MV_APPROVE, MV_REJECT, MV_BACK, MV_ARCHIVE, MV_RESTORE, MV_SHARE };

/* The event of each move.  A share's stage change is "shared": the share itself
 * is logged as a "share" event of the share, and the activity heatmap counts
 * every "share" event, so the two must differ or each share counts twice. */
static const char *move_names[] = { "take", "approve", "reject", "back", "archive", "restore", "shared" };

/* Where a move goes from a stage; -1 when it cannot. */
static int move_target(enum move mv, enum stage from)
{
	switch (mv) {
	case MV_TAKE:    return from == STAGE_INBOX ? STAGE_EDITING : -1;
	case MV_APPROVE: return from == STAGE_EDITING ? STAGE_READY : -1;
	case MV_REJECT:  return from == STAGE_INBOX || from == STAGE_EDITING ? STAGE_REJECTED : -1;
	case MV_BACK:
		return from == STAGE_EDITING ? STAGE_INBOX : from == STAGE_READY ? STAGE_EDITING
		     : from == STAGE_SHARED ? STAGE_READY : from == STAGE_REJECTED ? STAGE_INBOX : -1;
	case MV_ARCHIVE: return from != STAGE_ARCHIVED ? STAGE_ARCHIVED : -1;
	case MV_RESTORE: return from == STAGE_ARCHIVED || from == STAGE_REJECTED ? STAGE_INBOX : -1;
	case MV_SHARE:   return from == STAGE_READY ? STAGE_SHARED : from == STAGE_SHARED ? STAGE_SHARED : -1;
	}
	return -1;
}

/* Restoring a rejected item is an editor's second thought (as back is);
 * restoring an archived one is the master's. */
static int move_role(enum move mv, enum stage from)
{
	return mv == MV_RESTORE && from == STAGE_REJECTED ? ROLE_EDITOR
	     : mv == MV_ARCHIVE || mv == MV_RESTORE ? ROLE_MASTER
	     : mv == MV_SHARE ? ROLE_PUBLISHER : ROLE_EDITOR;
}

static const char *move_verb[] = {
	N_("taking content into editing"), N_("approving content"), N_("rejecting content"),
	N_("moving content back"), N_("archiving content"), N_("restoring content"), N_("sharing content")
};

/* A transition, inside a write transaction the caller opened. */
static int content_move_tx(struct store *s, int64_t id, enum move mv, const char *reason,
			   int expected_version, struct err *e)
{
	struct content c = {0};
	int st = content_find(s, id, &c, e);
	if (st == CH_OK)
		st = store_require_role(s, move_role(mv, c.stage), _(move_verb[mv]), e);
	if (st == CH_OK)
		st = core_stale(_("content"), id, expected_version, c.version, c.updated_at, c.updated_by, e);
	int to = st == CH_OK ? move_target(mv, c.stage) : -1;
	if (st == CH_OK && to < 0)
		st = err_set(e, CH_FAILED, _("content %lld is in %s: it cannot be %s"), (long long)id,
			     stage_name(c.stage),
			     mv == MV_TAKE ? _("taken (only inbox items can)") :
			     mv == MV_APPROVE ? _("approved (only items in editing can)") :
			     mv == MV_REJECT ? _("rejected (only inbox and editing items can)") :
			     mv == MV_BACK ? _("moved back") :
			     mv == MV_SHARE ? _("shared (only ready items can)") :
			     mv == MV_ARCHIVE ? _("archived again") : _("restored (it is not archived or rejected)"));
	if (st == CH_OK && mv == MV_REJECT)
		st = core_text_ok(_("reason"), reason, 0, 2000, e);
	if (st == CH_OK && mv == MV_APPROVE)
		st = message_approvable(s, id, e);   /* the approval rule */
	if (st == CH_OK && to == (int)c.stage) {   /* a second share of shared content */
		content_free(&c);
		return CH_OK;
	}
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s,
			"UPDATE content SET stage = ?2, stage_at = ?3, updated_at = ?3, updated_by = ?4, "
			"version = version + 1, "
			"editor_id = CASE WHEN ?5 THEN ?4 WHEN ?2 = 'inbox' THEN NULL ELSE editor_id END, "
			"reject_reason = CASE WHEN ?2 = 'rejected' THEN ?6 ELSE reject_reason END "
			"WHERE id = ?1", e);
		if (q) {
			sqlite3_bind_int64(q, 1, id);
			sqlite3_bind_text(q, 2, stage_name((enum stage)to), -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 3, store_now());
			sqlite3_bind_int64(q, 4, s->me);
			sqlite3_bind_int(q, 5, mv == MV_TAKE);
			core_bind_text(q, 6, reason);
		}
		st = core_run(s, q, _(move_verb[mv]), e);
	}
	if (st == CH_OK && mv == MV_REJECT) {
		/* The creator sees why, as a comment on their item too. */
		sqlite3_stmt *q = store_prepare(s,
			"INSERT INTO comments(content_id, person_id, body, created_at) VALUES(?, ?, ?, ?)", e);
		if (q) {
			char body[2100];
			snprintf(body, sizeof body, "Rejected: %s", reason);
			sqlite3_bind_int64(q, 1, id);
			sqlite3_bind_int64(q, 2, s->me);
			sqlite3_bind_text(q, 3, body, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(q, 4, store_now());
		}
		st = core_run(s, q, _("saving the reason"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "from", stage_name(c.stage));
		json_str(&j, "to", stage_name((enum stage)to));
		if (reason)
			json_str(&j, "reason", reason);
		if (c.editor_id)   /* whom an undo gives the item back to (undo.c) */
			json_int(&j, "editor", c.editor_id);
		json_int(&j, "since", c.stage_at);   /* and when it had entered its stage */
		st = audit_log(s, "content", id, move_names[mv], &j, e);
		json_free(&j);
	}
	content_free(&c);
	return st;
}

static int content_move(struct store *s, int64_t id, enum move mv, const char *reason,
			int expected_version, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	st = content_move_tx(s, id, mv, reason, expected_version, e);
	return store_end(s, st, e);
}

int content_take(struct store *s, int64_t id, int v, struct err *e) { return content_move(s, id, MV_TAKE, NULL, v, e); }
int content_approve(struct store *s, int64_t id, int v, struct err *e) { return content_move(s, id, MV_APPROVE, NULL, v, e); }
int content_reject(struct store *s, int64_t id, const char *reason, int v, struct err *e) { return content_move(s, id, MV_REJECT, reason, v, e); }
int content_back(struct store *s, int64_t id, int v, struct err *e) { return content_move(s, id, MV_BACK, NULL, v, e); }
int content_archive(struct store *s, int64_t id, int v, struct err *e) { return content_move(s, id, MV_ARCHIVE, NULL, v, e); }
int content_restore(struct store *s, int64_t id, int v, struct err *e) { return content_move(s, id, MV_RESTORE, NULL, v, e); }

int content_mark_shared(struct store *s, int64_t id, struct err *e)
{
	return content_move_tx(s, id, MV_SHARE, NULL, 0, e);
}

int content_forward(struct store *s, int64_t id, int v, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	struct content c = {0};
	st = content_find(s, id, &c, e);
	if (st == CH_OK) {
		if (c.stage == STAGE_INBOX)
			st = content_move_tx(s, id, MV_TAKE, NULL, v, e);
		else if (c.stage == STAGE_EDITING)
			st = content_move_tx(s, id, MV_APPROVE, NULL, v, e);
		else if (c.stage == STAGE_READY)
			st = err_set(e, CH_FAILED, _("content %lld is ready: it moves to shared when someone "
				     "logs a share of one of its messages"), (long long)id);
		else
			st = err_set(e, CH_FAILED, _("content %lld is %s: it cannot move forward"),
				     (long long)id, stage_name(c.stage));
	}
	content_free(&c);
	return store_end(s, st, e);
}

/* Editors edit anything; a creator may still edit their own item in the inbox. */
static int may_edit(struct store *s, const struct content *c, struct err *e)
{
	if (store_has_role(s, ROLE_EDITOR))
		return CH_OK;
	if (c->creator_id == s->me && c->stage == STAGE_INBOX)
		return CH_OK;
	return store_require_role(s, ROLE_EDITOR, _("editing content"), e);
}

int content_edit(struct store *s, int64_t id, const char *title, const char *body,
		 int expected_version, struct err *e)
{
	int st = core_text_ok(_("title"), title, 0, 200, e);
	if (st == CH_OK)
		st = core_text_ok(_("body"), body, 1, 1 << 20, e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	struct content c = {0};
	st = content_find(s, id, &c, e);
	if (st == CH_OK)
		st = may_edit(s, &c, e);
	if (st == CH_OK)
		st = core_stale(_("content"), id, expected_version, c.version, c.updated_at, c.updated_by, e);
	int changed = st == CH_OK && (strcmp(c.title, title) != 0 || strcmp(c.body, body) != 0);
	if (changed) {
		sqlite3_stmt *q = store_prepare(s,
			"UPDATE content SET title = ?2, body = ?3, updated_at = ?4, updated_by = ?5, "
			"version = version + 1 WHERE id = ?1", e);
		if (q) {
			sqlite3_bind_int64(q, 1, id);
			sqlite3_bind_text(q, 2, title, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 3, body, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 4, store_now());
			sqlite3_bind_int64(q, 5, s->me);
		}
		st = core_run(s, q, _("saving the edit"), e);
		if (st == CH_OK) {
			struct json j;
			json_init(&j);
			if (strcmp(c.title, title) != 0) {
				json_str(&j, "old_title", c.title);
				json_str(&j, "title", title);
			}
			json_int(&j, "body_bytes", (int64_t)strlen(body));
			st = audit_log(s, "content", id, "edit", &j, e);
			json_free(&j);
		}
	}
	content_free(&c);
	return store_end(s, st, e);
}

/* Set a reference column (pillar or campaign) by name. */
static int set_ref(struct store *s, int64_t id, const char *name, int expected_version,
		   const char *what, const char *find_sql, const char *update_sql, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	struct content c = {0};
	st = content_find(s, id, &c, e);
	if (st == CH_OK)
		st = may_edit(s, &c, e);
	if (st == CH_OK)
		st = core_stale(_("content"), id, expected_version, c.version, c.updated_at, c.updated_by, e);
	int64_t ref = 0;
	if (st == CH_OK && name && *name && !(ref = core_id_by(s, find_sql, name)))
		st = err_set(e, CH_INVALID, strcmp(what, NT_("pillar")) == 0 ? _("no such pillar: %s")
					   : strcmp(what, NT_("campaign")) == 0 ? _("no such campaign: %s")
					   : _("no such message_type: %s"), name);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s, update_sql, e);
		if (q) {
			sqlite3_bind_int64(q, 1, id);
			if (ref)
				sqlite3_bind_int64(q, 2, ref);
			sqlite3_bind_int64(q, 3, store_now());
			sqlite3_bind_int64(q, 4, s->me);
		}
		st = core_run(s, q, _("saving the content"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, what, name && *name ? name : NULL);
		/* What it was, for an undo (undo.c). */
		const char *old = strcmp(what, "pillar") == 0 ? c.pillar : c.campaign;
		json_str(&j, "old", *old ? old : NULL);
		st = audit_log(s, "content", id, what, &j, e);
		json_free(&j);
	}
	content_free(&c);
	return store_end(s, st, e);
}

int content_set_pillar(struct store *s, int64_t id, const char *pillar, int v, struct err *e)
{
	return set_ref(s, id, pillar, v, "pillar", "SELECT id FROM pillars WHERE name = ? COLLATE NOCASE",
		       "UPDATE content SET pillar_id = ?2, updated_at = ?3, updated_by = ?4, "
		       "version = version + 1 WHERE id = ?1", e);
}

int content_set_campaign(struct store *s, int64_t id, const char *campaign, int v, struct err *e)
{
	return set_ref(s, id, campaign, v, "campaign", "SELECT id FROM campaigns WHERE name = ? COLLATE NOCASE",
		       "UPDATE content SET campaign_id = ?2, updated_at = ?3, updated_by = ?4, "
		       "version = version + 1 WHERE id = ?1", e);
}

/* A message type from the strategy's list; the refusal lists them, or says
 * the strategy has none. */
int content_set_type(struct store *s, int64_t id, const char *type, int v, struct err *e)
{
	if (type && *type) {
		char names[2048];
		board_names(s, BOARD_NAMES_TYPES, names, sizeof names);
		if (!names[0])
			return err_set(e, CH_INVALID, _("the strategy defines no message types: add them under "
				       "message_types (chorus-strategy(5)) or in the Strategy panel"));
		int64_t known = 0;
		if (store_begin(s, 0, e) == CH_OK) {
			known = core_id_by(s, "SELECT id FROM message_types WHERE name = ? COLLATE NOCASE", type);
			store_end(s, CH_OK, e);
		}
		if (!known)
			return err_set(e, CH_INVALID, _("no such message type: %s (the strategy has: %s)"), type, names);
	}
	return set_ref(s, id, type, v, "message_type", "SELECT id FROM message_types WHERE name = ? COLLATE NOCASE",
		       "UPDATE content SET message_type_id = ?2, updated_at = ?3, updated_by = ?4, "
		       "version = version + 1 WHERE id = ?1", e);
}

int content_media(struct store *s, int64_t id, struct media **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "SELECT id, path FROM content_media WHERE content_id = ? "
					   "ORDER BY position, id", e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_int64(q, 1, id);
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct media *m = core_grow((void **)out, n, sizeof **out);
		if (!m) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		m->id = sqlite3_column_int64(q, 0);
		m->path = core_dup(q, 1);
	}
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

void content_media_free(struct media *m, int n)
{
	for (int i = 0; i < n; i++)
		free(m[i].path);
	free(m);
}

int comment_add(struct store *s, int64_t content_id, const char *body, int64_t *id, struct err *e)
{
	int st = core_text_ok(_("comment"), body, 0, 1 << 16, e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	struct content c = {0};
	st = content_find(s, content_id, &c, e);
	content_free(&c);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s,
			"INSERT INTO comments(content_id, person_id, body, created_at) VALUES(?, ?, ?, ?)", e);
		if (q) {
			sqlite3_bind_int64(q, 1, content_id);
			sqlite3_bind_int64(q, 2, s->me);
			sqlite3_bind_text(q, 3, body, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 4, store_now());
		}
		st = core_run(s, q, _("saving the comment"), e);
	}
	int64_t cid = sqlite3_last_insert_rowid(s->db);
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_int(&j, "comment", cid);
		st = audit_log(s, "content", content_id, "comment", &j, e);
		json_free(&j);
	}
	if (st == CH_OK && id)
		*id = cid;
	return store_end(s, st, e);
}

int comment_list(struct store *s, int64_t content_id, struct comment **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "SELECT c.id, p.login, c.created_at, c.body FROM comments c "
					   "JOIN people p ON p.id = c.person_id WHERE c.content_id = ? ORDER BY c.id", e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_int64(q, 1, content_id);
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct comment *m = core_grow((void **)out, n, sizeof **out);
		if (!m) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		m->id = sqlite3_column_int64(q, 0);
		core_copy(m->login, sizeof m->login, q, 1);
		m->at = sqlite3_column_int64(q, 2);
		m->body = core_dup(q, 3);
	}
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

void comment_list_free(struct comment *c, int n)
{
	for (int i = 0; i < n; i++)
		free(c[i].body);
	free(c);
}
