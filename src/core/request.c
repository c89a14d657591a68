/* request.c — content requests: who may ask whom for what by when, their
 * status, the content that answers them; and the creator's own view of
 * what became of their submissions (request.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/request.h"
#include "core.h"
#include "schema.h"
#include "../util/timeutil.h"

static const char *const status_names[] = { "open", "done", "cancelled" };

const char *request_status_name(enum request_status st)
{
	return st >= REQUEST_OPEN && st <= REQUEST_CANCELLED ? status_names[st] : "?";
}

static enum request_status status_parse(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(name, status_names[i]) == 0)
			return (enum request_status)i;
	return REQUEST_OPEN;
}

int request_due_passed(const char *due, int64_t t)
{
	char day[16];
	time_date_str(t, day, sizeof day);
	return strcmp(due, day) < 0;
}

void request_target_str(const struct content_request *r, char *out, size_t n)
{
	snprintf(out, n, "%s%s", r->kind == REQUEST_TEAM ? "team:" : r->kind == REQUEST_GROUP ? "group:" : "",
		 r->target);
}

/* A file older than the requests (opened read-only) has none. */
static int have_requests(const struct store *s)
{
	return s->schema_version >= SCHEMA_REQUESTS;
}

/* Is request ?1 asked of person ?2 (directly, their team, a focus group)? */
#define ASKED_OF_ME(r, me) \
	"(" r ".person_id = " me " OR " r ".team_id = (SELECT team_id FROM people WHERE id = " me ") " \
	"OR " r ".group_id IN (SELECT group_id FROM focus_group_members WHERE person_id = " me "))"

static const char request_cols[] =
	"SELECT r.id, a.login, (r.team_id IS NOT NULL) + 2 * (r.group_id IS NOT NULL), "
	"COALESCE(p.login, t.name, g.name, ''), r.brief, r.due, r.status, r.created_at, "
	"COALESCE(r.closed_at, 0), (SELECT count(*) FROM request_content rc WHERE rc.request_id = r.id), "
	"r.version FROM requests r JOIN people a ON a.id = r.asker_id "
	"LEFT JOIN people p ON p.id = r.person_id LEFT JOIN teams t ON t.id = r.team_id "
	"LEFT JOIN focus_groups g ON g.id = r.group_id ";

static void request_row(sqlite3_stmt *q, struct content_request *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(q, 0);
	core_copy(r->asker, sizeof r->asker, q, 1);
	r->kind = (enum request_target)sqlite3_column_int(q, 2);
	core_copy(r->target, sizeof r->target, q, 3);
	core_copy(r->brief, sizeof r->brief, q, 4);
	core_copy(r->due, sizeof r->due, q, 5);
	r->status = status_parse(core_col(q, 6));
	r->created_at = sqlite3_column_int64(q, 7);
	r->closed_at = sqlite3_column_int64(q, 8);
	r->ncontent = sqlite3_column_int(q, 9);
	r->version = sqlite3_column_int(q, 10);
}

/* Request id, inside the caller's transaction: CH_FAILED when there is none. */
static int request_find(struct store *s, int64_t id, struct content_request *r, struct err *e)
{
	char sql[1024];
	snprintf(sql, sizeof sql, "%sWHERE r.id = ?", request_cols);   /* constants only */
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		request_row(q, r);
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return err_set(e, CH_FAILED, _("no such request: %lld"), (long long)id);
	return rc == SQLITE_ROW ? CH_OK : store_sql_error(s, rc, _("reading a request"), e);
}

/* The target "LOGIN", "team:NAME" or "group:NAME" to its column and id. */
static int resolve_target(struct store *s, const char *to, int *kind, int64_t *id, struct err *e)
{
	if (strncmp(to, "team:", 5) == 0) {
		*kind = REQUEST_TEAM;
		*id = core_id_by(s, "SELECT id FROM teams WHERE name = ? COLLATE NOCASE", to + 5);
		return *id ? CH_OK : err_set(e, CH_INVALID, _("to: no such team: %s"), to + 5);
	}
	if (strncmp(to, "group:", 6) == 0) {
		*kind = REQUEST_GROUP;
		*id = core_id_by(s, "SELECT id FROM focus_groups WHERE name = ? COLLATE NOCASE", to + 6);
		if (!*id)
			return err_set(e, CH_INVALID, _("to: no such focus group: %s"), to + 6);
		if (!core_id_by(s, "SELECT id FROM focus_groups WHERE name = ? COLLATE NOCASE AND archived_at IS NULL",
				to + 6))
			return err_set(e, CH_FAILED, _("to: the focus group %s is archived (chorus group restore %s)"),
				       to + 6, to + 6);
		return CH_OK;
	}
	*kind = REQUEST_PERSON;
	*id = core_id_by(s, "SELECT id FROM people WHERE login = ?", to);
	if (!*id)
		return err_set(e, CH_INVALID, _("to: no such person: %s (a login, team:NAME or group:NAME)"), to);
	if (!core_id_by(s, "SELECT id FROM people WHERE login = ? AND active", to))
		return err_set(e, CH_FAILED, _("to: %s is not active"), to);
	return CH_OK;
}

int request_add(struct store *s, const char *to, const char *due, const char *brief,
		int64_t *id, struct err *e)
{
	int st = store_require_role(s, ROLE_EDITOR, _("asking for content"), e);
	if (st == CH_OK)
		st = core_text_ok(_("to"), to, 0, 140, e);
	if (st == CH_OK)
		st = core_text_ok(_("brief"), brief, 0, REQUEST_BRIEF_MAX, e);
	if (st == CH_OK && (!due || time_date_parse(due) < 0))
		st = err_set(e, CH_INVALID, _("due: '%s' is not a day (YYYY-MM-DD)"), due ? due : "");
	char today[16];
	time_date_str(store_now(), today, sizeof today);
	if (st == CH_OK && request_due_passed(due, store_now()))
		st = err_set(e, CH_INVALID, _("due: %s is in the past (today is %s)"), due, today);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int kind = 0;
	int64_t tid = 0, now = store_now(), rid = 0;
	st = resolve_target(s, to, &kind, &tid, e);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s,
			"INSERT INTO requests(asker_id, person_id, team_id, group_id, brief, due, created_at, "
			"updated_at, updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?1)", e);
		if (q) {
			sqlite3_bind_int64(q, 1, s->me);
			sqlite3_bind_int64(q, 2 + kind, tid);
			sqlite3_bind_text(q, 5, brief, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 6, due, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 7, now);
		}
		st = core_run(s, q, _("saving the request"), e);
		rid = sqlite3_last_insert_rowid(s->db);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "to", to);
		json_str(&j, "due", due);
		json_str(&j, "brief", brief);
		st = audit_log(s, "request", rid, "ask", &j, e);
		json_free(&j);
	}
	if (st == CH_OK && id)
		*id = rid;
	return store_end(s, st, e);
}

static int request_close(struct store *s, int64_t id, enum request_status to, struct err *e)
{
	int st = store_require_role(s, ROLE_EDITOR, to == REQUEST_DONE ? _("marking a request done")
				    : _("cancelling a request"), e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	struct content_request r;
	st = request_find(s, id, &r, e);
	if (st == CH_OK && r.status != REQUEST_OPEN)
		st = err_set(e, CH_FAILED,
			     r.status == REQUEST_DONE ? (to == REQUEST_DONE
				? _("request %lld is done already: only an open request can be marked done")
				: _("request %lld is done already: only an open request can be cancelled"))
			     : to == REQUEST_DONE
				? _("request %lld is cancelled already: only an open request can be marked done")
				: _("request %lld is cancelled already: only an open request can be cancelled"),
			     (long long)id);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s,
			"UPDATE requests SET status = ?2, closed_at = ?3, updated_at = ?3, updated_by = ?4, "
			"version = version + 1 WHERE id = ?1", e);
		if (q) {
			sqlite3_bind_int64(q, 1, id);
			sqlite3_bind_text(q, 2, request_status_name(to), -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 3, store_now());
			sqlite3_bind_int64(q, 4, s->me);
		}
		st = core_run(s, q, _("closing the request"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "from", "open");
		json_str(&j, "to", request_status_name(to));
		st = audit_log(s, "request", id, to == REQUEST_DONE ? "done" : "cancel", &j, e);
		json_free(&j);
	}
	return store_end(s, st, e);
}

int request_done(struct store *s, int64_t id, struct err *e) { return request_close(s, id, REQUEST_DONE, e); }
int request_cancel(struct store *s, int64_t id, struct err *e) { return request_close(s, id, REQUEST_CANCELLED, e); }

int request_list(struct store *s, int flags, struct content_request **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK || !have_requests(s))
		return store_end(s, st, e);
	char sql[2048];
	snprintf(sql, sizeof sql, "%sWHERE (?1 = 0 OR r.status = 'open') AND (?2 = 0 OR " ASKED_OF_ME("r", "?3")
		 ") ORDER BY r.status <> 'open', CASE WHEN r.status = 'open' THEN r.due END, "
		 "r.closed_at DESC, r.id", request_cols);
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_int(q, 1, (flags & REQUEST_LIST_OPEN) != 0);
	sqlite3_bind_int(q, 2, (flags & REQUEST_LIST_MINE) != 0);
	sqlite3_bind_int64(q, 3, s->me);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct content_request *r = core_grow((void **)out, n, sizeof **out);
		if (!r) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		request_row(q, r);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("listing requests"), e);
	sqlite3_finalize(q);
	if (st != CH_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return store_end(s, st, e);
}

int request_submit(struct store *s, int64_t request_id, const struct submission *sub,
		   int64_t *id, struct err *e)
{
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	struct content_request r;
	st = request_find(s, request_id, &r, e);
	if (st == CH_OK && r.status != REQUEST_OPEN)
		st = err_set(e, CH_FAILED, r.status == REQUEST_DONE
			     ? _("request %lld is done: content can answer only an open request")
			     : _("request %lld is cancelled: content can answer only an open request"),
			     (long long)request_id);
	if (st == CH_OK && !store_has_role(s, ROLE_EDITOR)) {
		sqlite3_stmt *q = store_prepare(s, "SELECT 1 FROM requests r WHERE r.id = ?1 AND "
						   ASKED_OF_ME("r", "?2"), e);
		if (q) {
			sqlite3_bind_int64(q, 1, request_id);
			sqlite3_bind_int64(q, 2, s->me);
			int rc = sqlite3_step(q);
			sqlite3_finalize(q);
			if (rc == SQLITE_DONE) {
				char whom[96];
				request_target_str(&r, whom, sizeof whom);
				st = err_set(e, CH_FAILED, _("request %lld is asked of %s, not of %s"), (long long)request_id,
					     whom, s->my_login);
			} else if (rc != SQLITE_ROW) {
				st = store_sql_error(s, rc, _("reading a request"), e);
			}
		} else {
			st = e ? e->status : CH_UNUSABLE;
		}
	}
	int64_t cid = 0;
	if (st == CH_OK)
		st = content_submit(s, sub, &cid, e);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s, "INSERT INTO request_content(content_id, request_id) VALUES(?, ?)", e);
		if (q) {
			sqlite3_bind_int64(q, 1, cid);
			sqlite3_bind_int64(q, 2, request_id);
		}
		st = core_run(s, q, _("linking the content to its request"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_int(&j, "content", cid);
		st = audit_log(s, "request", request_id, "answer", &j, e);
		json_free(&j);
	}
	if (st == CH_OK && id)
		*id = cid;
	return store_end(s, st, e);
}

void request_targets_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int request_targets(struct store *s, char ***out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s,
		"SELECT login FROM (SELECT 0 AS k, login FROM people WHERE active "
		"UNION ALL SELECT 1, 'team:' || name FROM teams "
		"UNION ALL SELECT 2, 'group:' || name FROM focus_groups WHERE archived_at IS NULL) ORDER BY k, login", e);
	if (!q)
		return store_end(s, e->status, e);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char **slot = core_grow((void **)out, n, sizeof **out);
		if (!slot || !(*slot = core_dup(q, 0))) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("listing people, teams and groups"), e);
	sqlite3_finalize(q);
	if (st != CH_OK) {
		request_targets_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return store_end(s, st, e);
}

void mine_free(struct mine_item *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].reject_reason);
		free(v[i].last_comment);
	}
	free(v);
}

int mine_submissions(struct store *s, struct mine_item **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	char sql[1400];
	snprintf(sql, sizeof sql,
		"SELECT c.id, c.title, c.stage, c.reject_reason, c.stage_at, c.version, "
		"(SELECT count(*) FROM comments k WHERE k.content_id = c.id), "
		"(SELECT p.login FROM comments k JOIN people p ON p.id = k.person_id "
		" WHERE k.content_id = c.id ORDER BY k.id DESC LIMIT 1), "
		"(SELECT k.body FROM comments k WHERE k.content_id = c.id ORDER BY k.id DESC LIMIT 1), "
		"(SELECT count(*) FROM shares sh JOIN messages m ON m.id = sh.message_id WHERE m.content_id = c.id), "
		"%s FROM content c WHERE c.creator_id = ? ORDER BY c.created_at DESC, c.id DESC",
		have_requests(s) ? "COALESCE((SELECT rc.request_id FROM request_content rc WHERE rc.content_id = c.id), 0)"
		: "0");
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_int64(q, 1, s->me);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mine_item *m = core_grow((void **)out, n, sizeof **out);
		if (!m || !(m->title = core_dup(q, 1))) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		m->id = sqlite3_column_int64(q, 0);
		m->stage = (enum stage)stage_parse(core_col(q, 2));
		if (sqlite3_column_type(q, 3) != SQLITE_NULL)
			m->reject_reason = core_dup(q, 3);
		m->stage_at = sqlite3_column_int64(q, 4);
		m->version = sqlite3_column_int(q, 5);
		m->comments = sqlite3_column_int(q, 6);
		core_copy(m->last_by, sizeof m->last_by, q, 7);
		if (sqlite3_column_type(q, 8) != SQLITE_NULL)
			m->last_comment = core_dup(q, 8);
		m->shares = sqlite3_column_int64(q, 9);
		m->request_id = sqlite3_column_int64(q, 10);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("listing your submissions"), e);
	sqlite3_finalize(q);
	if (st != CH_OK) {
		mine_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return store_end(s, st, e);
}
