/* focus_group.c — focus groups: create, rename, describe, give an owner,
 * archive and restore, list, and who is in one.  Joining and leaving stay
 * with the people (people.c: focus_group_member, people_set --groups).
 * Every change is a master's, checked here, and audited as entity
 * "focus_group". */
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/focus_group.h"
#include "core.h"
#include "schema.h"

/* The columns of struct focus_group; a file older than the migration
 * (opened read-only, so never written) has no owner and nothing archived. */
#define GROUP_COLS(owner, archived) \
	"SELECT g.id, g.name, COALESCE(g.description, ''), " owner ", " archived ", " \
	"(SELECT count(*) FROM focus_group_members m WHERE m.group_id = g.id), g.version FROM focus_groups g "
#define GROUP_NOW GROUP_COLS("COALESCE((SELECT login FROM people WHERE id = g.owner_id), '')", \
			     "COALESCE(g.archived_at, 0)")
#define GROUP_OLD GROUP_COLS("''", "0")

static int current_schema(const struct store *s)
{
	return s->schema_version >= SCHEMA_GROUPS_JOURNEY;
}

static void group_row(sqlite3_stmt *q, struct focus_group *g)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(q, 0);
	core_copy(g->name, sizeof g->name, q, 1);
	core_copy(g->purpose, sizeof g->purpose, q, 2);
	core_copy(g->owner, sizeof g->owner, q, 3);
	g->archived_at = sqlite3_column_int64(q, 4);
	g->members = sqlite3_column_int(q, 5);
	g->version = sqlite3_column_int(q, 6);
}

/* The group named name, inside the caller's transaction. */
static int find_in(struct store *s, const char *name, struct focus_group *g, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, current_schema(s) ? GROUP_NOW "WHERE g.name = ?1"
					: GROUP_OLD "WHERE g.name = ?1", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_text(q, 1, name ? name : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		group_row(q, g);
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return CH_OK;
	if (rc != SQLITE_DONE)
		return store_sql_error(s, rc, _("reading focus groups"), e);
	return err_set(e, CH_FAILED, _("no such focus group: %s (chorus group list shows them)"), name ? name : "");
}

int focus_group_find(struct store *s, const char *name, struct focus_group *g, struct err *e)
{
	int st = store_begin(s, 0, e);
	if (st == CH_OK)
		st = find_in(s, name, g, e);
	return store_end(s, st, e);
}

/* The values' own problems, each naming its field. */
static int check_change(const struct focus_group_change *c, struct err *e)
{
	int st = CH_OK;
	if (c->name)
		st = core_text_ok(_("name"), c->name, 0, FOCUS_GROUP_NAME_MAX, e);
	if (st == CH_OK && c->name && strchr(c->name, ','))
		st = err_set(e, CH_INVALID, _("name \"%s\": a focus group's name cannot hold a comma "
			     "(--groups separates names with commas)"), c->name);
	if (st == CH_OK && c->purpose && *c->purpose)
		st = core_text_ok(NT_("--purpose"), c->purpose, 1, FOCUS_GROUP_PURPOSE_MAX, e);
	return st;
}

/* The owner's id (0 for "" or NULL), inside the caller's transaction. */
static int owner_id(struct store *s, const char *login, int64_t *id, struct err *e)
{
	*id = 0;
	if (!login || !*login)
		return CH_OK;
	*id = core_id_by(s, "SELECT id FROM people WHERE login = ?", login);
	return *id ? CH_OK : err_set(e, CH_FAILED, _("--owner %s: no such person"), login);
}

static int name_free(struct store *s, const char *name, int64_t self, struct err *e)
{
	int64_t other = core_id_by(s, "SELECT id FROM focus_groups WHERE name = ?", name);
	if (other && other != self)
		return err_set(e, CH_INVALID, _("name %s: there is a focus group of that name already"), name);
	return CH_OK;
}

static int log_change(struct store *s, int64_t id, const char *action, const struct focus_group_change *c,
		      struct err *e)
{
	struct json j;
	json_init(&j);
	if (c->name)
		json_str(&j, "name", c->name);
	if (c->purpose)
		json_str(&j, "purpose", c->purpose);
	if (c->owner)
		json_str(&j, "owner", c->owner);
	int st = audit_log(s, "focus_group", id, action, &j, e);
	json_free(&j);
	return st;
}

int focus_group_create(struct store *s, const struct focus_group_change *c, int64_t *id, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("adding focus groups"), e);
	if (st == CH_OK && !c->name)
		st = err_set(e, CH_INVALID, _("name: a focus group needs a name"));
	if (st == CH_OK)
		st = check_change(c, e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int64_t owner = 0;
	st = name_free(s, c->name, 0, e);
	if (st == CH_OK)
		st = owner_id(s, c->owner, &owner, e);
	sqlite3_stmt *q = st == CH_OK ? store_prepare(s,
		"INSERT INTO focus_groups(name, description, updated_at, updated_by, owner_id) VALUES(?, ?, ?, ?, ?)",
		e) : NULL;
	if (st == CH_OK && !q)
		st = e ? e->status : CH_UNUSABLE;
	if (st == CH_OK) {
		sqlite3_bind_text(q, 1, c->name, -1, SQLITE_STATIC);
		core_bind_text(q, 2, c->purpose && *c->purpose ? c->purpose : NULL);
		sqlite3_bind_int64(q, 3, store_now());
		sqlite3_bind_int64(q, 4, s->me);
		if (owner)
			sqlite3_bind_int64(q, 5, owner);
		st = core_run(s, q, _("adding the focus group"), e);
	}
	int64_t gid = sqlite3_last_insert_rowid(s->db);
	if (st == CH_OK)
		st = log_change(s, gid, "add", c, e);
	if (st == CH_OK && id)
		*id = gid;
	return store_end(s, st, e);
}

int focus_group_set(struct store *s, const char *name, const struct focus_group_change *c, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("changing focus groups"), e);
	if (st == CH_OK)
		st = check_change(c, e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	struct focus_group g;
	int64_t owner = 0;
	st = find_in(s, name, &g, e);
	if (st == CH_OK && c->name)
		st = name_free(s, c->name, g.id, e);
	if (st == CH_OK)
		st = owner_id(s, c->owner, &owner, e);
	sqlite3_stmt *q = st == CH_OK ? store_prepare(s,
		"UPDATE focus_groups SET name = COALESCE(?2, name), "
		"description = CASE WHEN ?3 IS NULL THEN description WHEN ?3 = '' THEN NULL ELSE ?3 END, "
		"version = version + 1, updated_at = ?4, updated_by = ?5 WHERE id = ?1", e) : NULL;
	if (st == CH_OK && !q)
		st = e ? e->status : CH_UNUSABLE;
	if (st == CH_OK) {
		sqlite3_bind_int64(q, 1, g.id);
		core_bind_text(q, 2, c->name);
		core_bind_text(q, 3, c->purpose);
		sqlite3_bind_int64(q, 4, store_now());
		sqlite3_bind_int64(q, 5, s->me);
		st = core_run(s, q, _("changing the focus group"), e);
	}
	if (st == CH_OK && c->owner) {
		q = store_prepare(s, "UPDATE focus_groups SET owner_id = ?2 WHERE id = ?1", e);
		if (q) {
			sqlite3_bind_int64(q, 1, g.id);
			if (owner)
				sqlite3_bind_int64(q, 2, owner);
		}
		st = core_run(s, q, _("changing the focus group's owner"), e);
	}
	if (st == CH_OK)
		st = log_change(s, g.id, "set", c, e);
	return store_end(s, st, e);
}

int focus_group_archive(struct store *s, const char *name, int archive, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, archive ? _("archiving focus groups") : _("restoring focus groups"),
				    e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	struct focus_group g;
	st = find_in(s, name, &g, e);
	if (st == CH_OK && archive == (g.archived_at != 0))
		st = err_set(e, CH_FAILED, _("focus group %s is %s"), name,
			     archive ? _("archived already") : _("not archived"));
	sqlite3_stmt *q = st == CH_OK ? store_prepare(s,
		"UPDATE focus_groups SET archived_at = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 "
		"WHERE id = ?1", e) : NULL;
	if (st == CH_OK && !q)
		st = e ? e->status : CH_UNUSABLE;
	if (st == CH_OK) {
		int64_t now = store_now();
		sqlite3_bind_int64(q, 1, g.id);
		if (archive)
			sqlite3_bind_int64(q, 2, now);
		sqlite3_bind_int64(q, 3, now);
		sqlite3_bind_int64(q, 4, s->me);
		st = core_run(s, q, _("archiving the focus group"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "name", g.name);
		st = audit_log(s, "focus_group", g.id, archive ? "archive" : "restore", &j, e);
		json_free(&j);
	}
	return store_end(s, st, e);
}

int focus_group_list(struct store *s, int with_archived, struct focus_group **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, current_schema(s)
		? GROUP_NOW "WHERE ?1 OR g.archived_at IS NULL ORDER BY g.name COLLATE NOCASE, g.id"
		: GROUP_OLD "WHERE ?1 OR 1 ORDER BY g.name COLLATE NOCASE, g.id", e);
	if (!q)
		return store_end(s, e ? e->status : CH_UNUSABLE, e);
	sqlite3_bind_int(q, 1, with_archived != 0);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct focus_group *g = core_grow((void **)out, n, sizeof *g);
		if (!g) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		group_row(q, g);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("listing focus groups"), e);
	sqlite3_finalize(q);
	if (st != CH_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return store_end(s, st, e);
}

int focus_group_members(struct store *s, const char *name, char ***logins, int *n, struct err *e)
{
	*logins = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	struct focus_group g;
	st = find_in(s, name, &g, e);
	sqlite3_stmt *q = st == CH_OK ? store_prepare(s,
		"SELECT p.login FROM focus_group_members m JOIN people p ON p.id = m.person_id "
		"WHERE m.group_id = ? ORDER BY p.login", e) : NULL;
	if (st == CH_OK && !q)
		st = e ? e->status : CH_UNUSABLE;
	int rc = SQLITE_DONE;
	if (st == CH_OK) {
		sqlite3_bind_int64(q, 1, g.id);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			char **slot = core_grow((void **)logins, n, sizeof *slot);
			if (!slot || !(*slot = core_dup(q, 0))) {
				st = err_set(e, CH_UNUSABLE, _("out of memory"));
				break;
			}
		}
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading the focus group's members"), e);
	sqlite3_finalize(q);
	if (st != CH_OK) {
		focus_group_members_free(*logins, *n);
		*logins = NULL;
		*n = 0;
	}
	return store_end(s, st, e);
}

void focus_group_members_free(char **logins, int n)
{
	for (int i = 0; logins && i < n; i++)
		free(logins[i]);
	free(logins);
}
