/* people.c — people, teams, focus groups and platform handles.  Only a social
 * master changes them; every person holds the publisher role. */
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/focus_group.h"
#include "chorus/people.h"
#include "core.h"
#include "schema.h"

/* The columns of struct person; a file older than the journey (opened
 * read-only) has everyone invited since they were added. */
#define PERSON_COLS(journey) \
	"SELECT p.id, p.login, p.name, COALESCE(p.email, ''), COALESCE(t.name, ''), " \
	"COALESCE(p.team_id, 0), p.roles, p.active, p.version, p.updated_at, " journey " " \
	"FROM people p LEFT JOIN teams t ON t.id = p.team_id "

static const char *person_cols(const struct store *s)
{
	return s->schema_version >= SCHEMA_GROUPS_JOURNEY
		? PERSON_COLS("p.journey, COALESCE(p.journey_at, p.created_at)")
		: PERSON_COLS("'invited', p.created_at");
}

const char *const people_journey_names[JOURNEY_STATES] = { "invited", "onboarded", "active", "paused" };

int people_journey_parse(const char *name)
{
	for (int i = 0; name && i < JOURNEY_STATES; i++)
		if (strcmp(name, people_journey_names[i]) == 0)
			return i;
	return -1;
}

static void person_row(sqlite3_stmt *st, struct person *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	core_copy(p->login, sizeof p->login, st, 1);
	core_copy(p->name, sizeof p->name, st, 2);
	core_copy(p->email, sizeof p->email, st, 3);
	core_copy(p->team, sizeof p->team, st, 4);
	p->team_id = sqlite3_column_int64(st, 5);
	p->roles = sqlite3_column_int(st, 6);
	p->active = sqlite3_column_int(st, 7);
	p->version = sqlite3_column_int(st, 8);
	p->updated_at = sqlite3_column_int64(st, 9);
	p->journey = people_journey_parse(core_col(st, 10));
	if (p->journey < 0)
		p->journey = JOURNEY_INVITED;
	p->journey_at = sqlite3_column_int64(st, 11);
}

int people_login_valid(const char *login)
{
	size_t n = login ? strlen(login) : 0;
	if (n == 0 || n > 63 || login[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)login[i]) && !strchr("._-", login[i]))
			return 0;
	return 1;
}

/* One person by a WHERE clause on ?1, inside whatever transaction is open. */
static int person_find(struct store *s, const char *where, int64_t id, const char *login,
		       struct person *p, struct err *e)
{
	char sql[512];
	snprintf(sql, sizeof sql, "%s%s", person_cols(s), where);  /* both constants */
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e ? e->status : CH_UNUSABLE;
	if (login)
		sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		person_row(st, p);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return CH_OK;
	if (rc != SQLITE_DONE)
		return store_sql_error(s, rc, _("reading people"), e);
	if (login)
		return err_set(e, CH_FAILED, _("no such person: %s"), login);
	return err_set(e, CH_FAILED, _("no such person: #%lld"), (long long)id);
}

int people_get(struct store *s, const char *login, struct person *p, struct err *e)
{
	int st = store_begin(s, 0, e);
	if (st == CH_OK)
		st = person_find(s, "WHERE p.login = ?1", 0, login, p, e);
	return store_end(s, st, e);
}

int people_get_id(struct store *s, int64_t id, struct person *p, struct err *e)
{
	int st = store_begin(s, 0, e);
	if (st == CH_OK)
		st = person_find(s, "WHERE p.id = ?1", id, NULL, p, e);
	return store_end(s, st, e);
}

/* Every person, in order (an ORDER BY clause), into an array of elements of
 * size bytes that each begin with a struct person; free() it. */
static int people_select(struct store *s, const char *order, void **out, int *n, size_t size,
			 struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	char sql[512];
	snprintf(sql, sizeof sql, "%s%s", person_cols(s), order);   /* both constants */
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return store_end(s, e->status, e);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct person *p = core_grow(out, n, size);
		if (!p) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		person_row(q, p);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("listing people"), e);
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

int people_list(struct store *s, struct person **out, int *n, struct err *e)
{
	return people_select(s, "ORDER BY p.login", (void **)out, n, sizeof **out, e);
}

int team_ensure(struct store *s, const char *name, int64_t *id, struct err *e)
{
	int st = core_text_ok(_("team name"), name, 0, PEOPLE_TEAM_MAX, e);
	if (st != CH_OK)
		return st;
	*id = core_id_by(s, "SELECT id FROM teams WHERE name = ?", name);
	if (*id)
		return CH_OK;
	sqlite3_stmt *q = store_prepare(s, "INSERT INTO teams(name, updated_at, updated_by) VALUES(?, ?, ?)", e);
	if (!q)
		return e->status;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, store_now());
	sqlite3_bind_int64(q, 3, s->me);
	st = core_run(s, q, _("adding a team"), e);
	if (st != CH_OK)
		return st;
	*id = sqlite3_last_insert_rowid(s->db);
	struct json j;
	json_init(&j);
	json_str(&j, "name", name);
	st = audit_log(s, "team", *id, "add", &j, e);
	json_free(&j);
	return st;
}

static int check_change(const struct person_change *c, struct err *e)
{
	int st = CH_OK;
	if (c->name)
		st = core_text_ok(NT_("--name"), c->name, 0, 127, e);
	if (st == CH_OK && c->email && *c->email) {
		st = core_text_ok(NT_("--email"), c->email, 0, 127, e);
		if (st == CH_OK && !strchr(c->email, '@'))
			st = err_set(e, CH_INVALID, _("--email %s: not an e-mail address"), c->email);
	}
	if (st == CH_OK && c->state && people_journey_parse(c->state) < 0)
		st = err_set(e, CH_INVALID, _("--state %s: use invited, onboarded, active or paused"), c->state);
	for (int i = 0; st == CH_OK && i < c->nhandles; i++) {
		char plat[32], acct[128];
		int f;
		st = people_handle_parse("--handle", c->handles[i], plat, sizeof plat, acct, sizeof acct, &f, e);
	}
	return st;
}

int people_handle_parse(const char *field, const char *text, char *platform, size_t pn, char *account,
			size_t an, int *followers, struct err *e)
{
	const char *eq = strchr(text, '=');
	*followers = -1;
	if (!eq || eq == text)
		return err_set(e, CH_INVALID, _("%s %s: use PLATFORM=ACCOUNT or PLATFORM=ACCOUNT:FOLLOWERS "
			       "(linkedin=anouk:1200)"), field, text);
	size_t kn = (size_t)(eq - text);
	if (kn >= pn)
		return err_set(e, CH_INVALID, _("%s %s: no platform has so long a key"), field, text);
	memcpy(platform, text, kn);
	platform[kn] = 0;
	const char *acct = eq + 1, *colon = strrchr(acct, ':');
	size_t alen = strlen(acct);
	if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
		if (strlen(colon + 1) > 9)
			return err_set(e, CH_INVALID, _("%s %s: %s followers is more than chorus counts"), field, text,
				       colon + 1);
		*followers = atoi(colon + 1);
		alen = (size_t)(colon - acct);
	}
	if (alen == 0)
		return err_set(e, CH_INVALID, _("%s %s: the account is empty"), field, text);
	if (alen >= an)
		return err_set(e, CH_INVALID, _("%s %s: the account is longer than %zu bytes"), field, text, an - 1);
	memcpy(account, acct, alen);
	account[alen] = 0;
	struct err te = {0};
	if (core_text_ok(_("account"), account, 0, an - 1, &te) != CH_OK)
		return err_set(e, CH_INVALID, "%s %s: %s", field, text, te.msg);
	return CH_OK;
}

/* A person's journey state now, with a step in its history. */
static int set_journey(struct store *s, int64_t pid, int state, struct err *e)
{
	int64_t now = store_now();
	sqlite3_stmt *q = store_prepare(s, "UPDATE people SET journey = ?2, journey_at = ?3 WHERE id = ?1", e);
	if (q) {
		sqlite3_bind_int64(q, 1, pid);
		sqlite3_bind_text(q, 2, people_journey_names[state], -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, now);
	}
	int st = core_run(s, q, _("saving the journey state"), e);
	if (st != CH_OK)
		return st;
	q = store_prepare(s, "INSERT INTO person_journey(person_id, state, at, by_id) VALUES(?, ?, ?, ?)", e);
	if (q) {
		sqlite3_bind_int64(q, 1, pid);
		sqlite3_bind_text(q, 2, people_journey_names[state], -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, now);
		sqlite3_bind_int64(q, 4, s->me);
	}
	return core_run(s, q, _("saving the journey's history"), e);
}

/* The next comma-separated name of list into out, blanks around it cut;
 * NULL at the end. */
static const char *next_group(const char *p, char *out, size_t n)
{
	p += strspn(p, " \t,");
	if (!*p)
		return NULL;
	size_t len = strcspn(p, ",");
	const char *rest = p + len;
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	snprintf(out, n, "%.*s", (int)len, p);
	return rest;
}

/* Is name one of the comma-separated list? */
static int in_list(const char *list, const char *name)
{
	char g[FOCUS_GROUP_NAME_MAX + 2];
	for (const char *p = list; (p = next_group(p, g, sizeof g));)
		if (strcmp(g, name) == 0)
			return 1;
	return 0;
}

/* --groups: the person in exactly the listed groups of those in use. */
static int set_groups(struct store *s, int64_t pid, const char *login, const char *list, struct err *e)
{
	char g[FOCUS_GROUP_NAME_MAX + 2];
	int st = CH_OK;
	for (const char *p = list; st == CH_OK && (p = next_group(p, g, sizeof g));) {
		struct focus_group fg;
		if (focus_group_find(s, g, &fg, NULL) != CH_OK)
			st = err_set(e, CH_FAILED, _("--groups %s: no such focus group (chorus group add %s makes it)"),
				     g, g);
		else if (fg.archived_at)
			st = err_set(e, CH_FAILED, _("--groups %s: the focus group is archived (chorus group restore %s)"),
				     g, g);
	}
	sqlite3_stmt *q = st == CH_OK ? store_prepare(s,
		"SELECT g.name, EXISTS(SELECT 1 FROM focus_group_members m WHERE m.group_id = g.id "
		"AND m.person_id = ?1) FROM focus_groups g WHERE g.archived_at IS NULL ORDER BY g.id", e) : NULL;
	if (st == CH_OK && !q)
		st = e ? e->status : CH_UNUSABLE;
	if (st != CH_OK)
		return st;
	sqlite3_bind_int64(q, 1, pid);
	int rc;
	while (st == CH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *name = core_col(q, 0);
		int member = sqlite3_column_int(q, 1), want = in_list(list, name);
		if (member != want)
			st = focus_group_member(s, name, login, want, e);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading focus groups"), e);
	sqlite3_finalize(q);
	return st;
}

/* --handle: each handle added or changed; an unknown platform is the
 * field's fault. */
static int set_handles(struct store *s, const char *login, const struct person_change *c, struct err *e)
{
	int st = CH_OK;
	for (int i = 0; st == CH_OK && i < c->nhandles; i++) {
		char plat[32], acct[128];
		int f;
		st = people_handle_parse("--handle", c->handles[i], plat, sizeof plat, acct, sizeof acct, &f, e);
		if (st == CH_OK && !core_id_by(s, "SELECT id FROM platforms WHERE key = ?", plat))
			st = err_set(e, CH_FAILED, _("--handle %s: no such platform %s (the strategy lists them)"),
				     c->handles[i], plat);
		if (st == CH_OK)
			st = people_set_handle(s, login, plat, acct, f, e);
	}
	return st;
}

/* Write the changed fields of one person and log them; a new person (add)
 * gets the first step of their journey. */
static int apply_change(struct store *s, int64_t id, const struct person_change *c,
			const char *action, struct err *e)
{
	struct json j;
	int st = CH_OK;
	int64_t team = 0;
	struct person now;
	memset(&now, 0, sizeof now);
	if (c->state || c->groups || c->nhandles)
		st = person_find(s, "WHERE p.id = ?1", id, NULL, &now, e);
	int state = c->state ? people_journey_parse(c->state) : -1;
	int new_state = state >= 0 && (strcmp(action, "add") == 0 || state != now.journey);
	if (st == CH_OK && new_state)
		st = set_journey(s, id, state, e);
	if (st == CH_OK && c->groups)
		st = set_groups(s, id, now.login, c->groups, e);
	if (st == CH_OK && c->nhandles)
		st = set_handles(s, now.login, c, e);
	/* After a failed write SQLite may have rolled the transaction back:
	 * nothing more may run, or it would commit on its own. */
	if (st == CH_OK && c->team && *c->team)
		st = team_ensure(s, c->team, &team, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s,
		"UPDATE people SET name = COALESCE(?2, name), "
		"email = CASE WHEN ?3 IS NULL THEN email WHEN ?3 = '' THEN NULL ELSE ?3 END, "
		"team_id = CASE WHEN ?4 IS NULL THEN team_id WHEN ?4 = 0 THEN NULL ELSE ?4 END, "
		"roles = CASE WHEN ?5 < 0 THEN roles ELSE ?5 END, "
		"active = CASE WHEN ?6 < 0 THEN active ELSE ?6 END, "
		"version = version + 1, updated_at = ?7, updated_by = ?8 WHERE id = ?1", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, id);
	core_bind_text(q, 2, c->name);
	core_bind_text(q, 3, c->email);
	if (c->team)
		sqlite3_bind_int64(q, 4, team);
	sqlite3_bind_int(q, 5, c->roles < 0 ? -1 : (c->roles | ROLE_PUBLISHER));
	sqlite3_bind_int(q, 6, c->active);
	sqlite3_bind_int64(q, 7, store_now());
	sqlite3_bind_int64(q, 8, s->me);
	st = core_run(s, q, _("saving the person"), e);
	if (st != CH_OK)
		return st;
	json_init(&j);
	if (c->name)
		json_str(&j, "name", c->name);
	if (c->email)
		json_str(&j, "email", c->email);
	if (c->team)
		json_str(&j, "team", c->team);
	if (c->roles >= 0) {
		char roles[64];
		store_roles_format(c->roles | ROLE_PUBLISHER, roles, sizeof roles);
		json_str(&j, "roles", roles);
	}
	if (c->active >= 0)
		json_bool(&j, "active", c->active);
	if (new_state)
		json_str(&j, "state", people_journey_names[state]);
	if (c->groups)
		json_str(&j, "groups", c->groups);
	st = audit_log(s, "person", id, action, &j, e);
	json_free(&j);
	return st;
}

int people_add(struct store *s, const char *login, const struct person_change *c,
	       int64_t *id, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("adding people"), e);
	if (st != CH_OK)
		return st;
	if (!people_login_valid(login))
		return err_set(e, CH_INVALID, _("login '%s' is not valid: use 1-63 letters, digits, '.', '_' or '-'"),
			       login ? login : "");
	if ((st = check_change(c, e)) != CH_OK)
		return st;
	if ((st = store_begin(s, 1, e)) != CH_OK)
		return st;
	if (core_id_by(s, "SELECT id FROM people WHERE login = ?", login)) {
		st = err_set(e, CH_FAILED, _("%s is already in the programme; change them with chorus people set %s"),
			     login, login);
		return store_end(s, st, e);
	}
	int64_t now = store_now();
	sqlite3_stmt *q = store_prepare(s,
		"INSERT INTO people(login, name, roles, created_at, updated_at, updated_by) "
		"VALUES(?, ?, ?, ?, ?, ?)", e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_text(q, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, c->name && *c->name ? c->name : login, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, ROLE_PUBLISHER | (c->roles > 0 ? c->roles : 0));
	sqlite3_bind_int64(q, 4, now);
	sqlite3_bind_int64(q, 5, now);
	sqlite3_bind_int64(q, 6, s->me);
	st = core_run(s, q, _("adding the person"), e);
	int64_t pid = sqlite3_last_insert_rowid(s->db);
	struct person_change all = *c;
	if (!all.name)
		all.name = login;
	if (all.roles < 0)
		all.roles = 0;
	all.active = 1;
	if (!all.state)
		all.state = people_journey_names[JOURNEY_INVITED];
	if (st == CH_OK)
		st = apply_change(s, pid, &all, "add", e);
	if (st == CH_OK && id)
		*id = pid;
	return store_end(s, st, e);
}

int people_set(struct store *s, const char *login, const struct person_change *c,
	       int expected_version, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("changing people"), e);
	if (st != CH_OK)
		return st;
	if ((st = check_change(c, e)) != CH_OK)
		return st;
	if ((st = store_begin(s, 1, e)) != CH_OK)
		return st;
	struct person p;
	st = person_find(s, "WHERE p.login = ?1", 0, login, &p, e);
	if (st == CH_OK)
		st = core_version(s, "SELECT p.version, p.updated_at, b.login FROM people p "
				     "LEFT JOIN people b ON b.id = p.updated_by WHERE p.id = ?",
				  p.id, expected_version, _("person"), NULL, e);
	/* The programme must keep a master: refuse removing the last one. */
	int new_roles = c->roles < 0 ? p.roles : c->roles;
	int new_active = c->active < 0 ? p.active : c->active;
	if (st == CH_OK && (p.roles & ROLE_MASTER) && (!(new_roles & ROLE_MASTER) || !new_active)) {
		sqlite3_stmt *q = store_prepare(s, "SELECT count(*) FROM people WHERE roles & 1 AND active AND id <> ?", e);
		if (!q)
			st = e->status;
		else {
			sqlite3_bind_int64(q, 1, p.id);
			if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 0)
				st = err_set(e, CH_FAILED,
					     _("%s is the last social master; make someone else master first"), login);
			sqlite3_finalize(q);
		}
	}
	if (st == CH_OK)
		st = apply_change(s, p.id, c, "set", e);
	st = store_end(s, st, e);
	if (st == CH_OK && p.id == s->me) {
		s->my_roles = new_roles | ROLE_PUBLISHER;
	}
	return st;
}

int people_set_state(struct store *s, const char *login, const char *state, int expected_version,
		     struct err *e)
{
	struct person_change c = { .roles = -1, .active = -1, .state = state };
	return people_set(s, login, &c, expected_version, e);
}

int focus_group_add(struct store *s, const char *name, const char *description,
		    int64_t *id, struct err *e)
{
	struct focus_group_change c = { .name = name, .purpose = description };
	return focus_group_create(s, &c, id, e);
}

int focus_group_member(struct store *s, const char *group, const char *login,
		       int add, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("changing focus groups"), e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int64_t gid = core_id_by(s, "SELECT id FROM focus_groups WHERE name = ?", group);
	int64_t pid = core_id_by(s, "SELECT id FROM people WHERE login = ?", login);
	if (!gid)
		st = err_set(e, CH_FAILED, _("no such focus group: %s"), group);
	else if (add && core_id_by(s, "SELECT id FROM focus_groups WHERE name = ? AND archived_at IS NOT NULL", group))
		st = err_set(e, CH_FAILED, _("focus group %s is archived; restore it first (chorus group restore %s)"),
			     group, group);
	else if (!pid)
		st = err_set(e, CH_FAILED, _("no such person: %s"), login);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s, add
			? "INSERT OR IGNORE INTO focus_group_members(group_id, person_id) VALUES(?, ?)"
			: "DELETE FROM focus_group_members WHERE group_id = ? AND person_id = ?", e);
		if (q) {
			sqlite3_bind_int64(q, 1, gid);
			sqlite3_bind_int64(q, 2, pid);
		}
		st = core_run(s, q, _("changing the focus group"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "login", login);
		st = audit_log(s, "focus_group", gid, add ? "join" : "leave", &j, e);
		json_free(&j);
	}
	return store_end(s, st, e);
}

/* Everyone keeps their own handles; a master keeps anyone's. */
static int handle_allowed(struct store *s, const char *login, struct err *e)
{
	if (strcmp(login, s->my_login) == 0)
		return CH_OK;
	return store_require_role(s, ROLE_MASTER, _("changing someone else's handles"), e);
}

/* Whose handle on which platform, inside the caller's transaction. */
static int handle_ids(struct store *s, const char *login, const char *platform_key, int64_t *pid,
		      int64_t *plat, struct err *e)
{
	*pid = core_id_by(s, "SELECT id FROM people WHERE login = ?", login);
	*plat = core_id_by(s, "SELECT id FROM platforms WHERE key = ?", platform_key);
	if (!*pid)
		return err_set(e, CH_FAILED, _("no such person: %s"), login);
	if (!*plat)
		return err_set(e, CH_FAILED, _("no such platform: %s"), platform_key);
	return CH_OK;
}

int people_set_handle(struct store *s, const char *login, const char *platform_key,
		      const char *handle, int followers, struct err *e)
{
	int st = handle_allowed(s, login, e);
	if (st == CH_OK)
		st = core_text_ok(_("handle"), handle, 0, 128, e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int64_t pid, plat;
	st = handle_ids(s, login, platform_key, &pid, &plat, e);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s,
			"INSERT INTO person_platforms(person_id, platform_id, handle, followers) VALUES(?1, ?2, ?3, max(?4, 0)) "
			"ON CONFLICT(person_id, platform_id) DO UPDATE SET handle = excluded.handle, "
			"followers = CASE WHEN ?4 < 0 THEN followers ELSE excluded.followers END", e);
		if (q) {
			sqlite3_bind_int64(q, 1, pid);
			sqlite3_bind_int64(q, 2, plat);
			sqlite3_bind_text(q, 3, handle, -1, SQLITE_STATIC);
			sqlite3_bind_int(q, 4, followers);
		}
		st = core_run(s, q, _("saving the handle"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "platform", platform_key);
		json_str(&j, "handle", handle);
		if (followers >= 0)   /* -1: kept as it was */
			json_int(&j, "followers", followers);
		st = audit_log(s, "person", pid, "handle", &j, e);
		json_free(&j);
	}
	return store_end(s, st, e);
}

int people_clear_handle(struct store *s, const char *login, const char *platform_key, struct err *e)
{
	int st = handle_allowed(s, login, e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int64_t pid, plat;
	st = handle_ids(s, login, platform_key, &pid, &plat, e);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s, "DELETE FROM person_platforms WHERE person_id = ? AND platform_id = ?", e);
		if (q) {
			sqlite3_bind_int64(q, 1, pid);
			sqlite3_bind_int64(q, 2, plat);
		}
		st = core_run(s, q, _("removing the handle"), e);
	}
	if (st == CH_OK && sqlite3_changes(s->db) == 0)
		st = err_set(e, CH_FAILED, _("%s has no handle on %s"), login, platform_key);
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "platform", platform_key);
		st = audit_log(s, "person", pid, "handle-removed", &j, e);
		json_free(&j);
	}
	return store_end(s, st, e);
}

/* The person with id, by binary search in v (ordered by id); NULL if none. */
static struct person_info *info_by_id(struct person_info *v, int n, int64_t id)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (v[mid].p.id == id)
			return &v[mid];
		if (v[mid].p.id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* By login as SQLite's BINARY collation orders it: bytes. */
static int by_login(const void *a, const void *b)
{
	return strcmp(((const struct person_info *)a)->p.login, ((const struct person_info *)b)->p.login);
}

/* Groups, handles and activity of everyone in v, one query each. */
static int overview_extras(struct store *s, struct person_info *v, int n, struct err *e)
{
	static const char *const sql[4] = {
		"SELECT m.person_id, g.id, g.name FROM focus_group_members m "
		"JOIN focus_groups g ON g.id = m.group_id ORDER BY g.name COLLATE NOCASE, g.id",
		"SELECT pp.person_id, pl.key, pp.handle, pp.followers FROM person_platforms pp "
		"JOIN platforms pl ON pl.id = pp.platform_id ORDER BY pl.position, pl.key",
		"SELECT person_id, max(week), sum(CASE kind WHEN 'contribution' THEN n ELSE 0 END), "
		"sum(CASE kind WHEN 'edit' THEN n ELSE 0 END), sum(CASE kind WHEN 'share' THEN n ELSE 0 END), "
		"sum(CASE kind WHEN 'conversation' THEN n ELSE 0 END) FROM activity GROUP BY person_id",
		"SELECT person_id, state, at FROM person_journey ORDER BY person_id, at, id",
	};
	int st = CH_OK;
	/* The journey's history came with migration SCHEMA_GROUPS_JOURNEY. */
	int nsql = s->schema_version >= SCHEMA_GROUPS_JOURNEY ? 4 : 3;
	for (int k = 0; k < nsql && st == CH_OK; k++) {
		sqlite3_stmt *q = store_prepare(s, sql[k], e);
		if (!q)
			return e->status;
		int rc;
		while (st == CH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
			struct person_info *p = info_by_id(v, n, sqlite3_column_int64(q, 0));
			if (!p)
				continue;
			if (k == 0) {
				int64_t *g = realloc(p->group_ids, (size_t)(p->ngroups + 1) * sizeof *g);
				if (!g) {
					st = err_set(e, CH_UNUSABLE, _("out of memory"));
					break;
				}
				p->group_ids = g;
				g[p->ngroups++] = sqlite3_column_int64(q, 1);
				size_t o = strlen(p->groups);
				snprintf(p->groups + o, sizeof p->groups - o, "%s%s", o ? ", " : "", core_col(q, 2));
			} else if (k == 1) {
				struct person_handle *h = core_grow((void **)&p->handles, &p->nhandles, sizeof *h);
				if (!h) {
					st = err_set(e, CH_UNUSABLE, _("out of memory"));
					break;
				}
				core_copy(h->platform, sizeof h->platform, q, 1);
				core_copy(h->handle, sizeof h->handle, q, 2);
				h->followers = sqlite3_column_int(q, 3);
			} else if (k == 3) {
				struct journey_step *j = core_grow((void **)&p->journey, &p->njourney, sizeof *j);
				if (!j) {
					st = err_set(e, CH_UNUSABLE, _("out of memory"));
					break;
				}
				j->state = people_journey_parse(core_col(q, 1));
				j->at = sqlite3_column_int64(q, 2);
			} else {
				p->last_week = sqlite3_column_int(q, 1);
				p->contributions = sqlite3_column_int64(q, 2);
				p->edits = sqlite3_column_int64(q, 3);
				p->shares = sqlite3_column_int64(q, 4);
				p->conversations = sqlite3_column_int64(q, 5);
			}
		}
		if (st == CH_OK && rc != SQLITE_DONE)
			st = store_sql_error(s, rc, _("reading people"), e);
		sqlite3_finalize(q);
	}
	return st;
}

int people_overview(struct store *s, struct person_info **out, int *n, struct err *e)
{
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	/* By id first, so that the other queries find their person quickly. */
	st = people_select(s, "ORDER BY p.id", (void **)out, n, sizeof **out, e);
	for (int i = 0; st == CH_OK && i < *n; i++)
		(*out)[i].last_week = -1;
	if (st == CH_OK)
		st = overview_extras(s, *out, *n, e);
	st = store_end(s, st, e);
	if (st == CH_OK && *n > 1)
		qsort(*out, (size_t)*n, sizeof **out, by_login);
	if (st != CH_OK) {
		people_overview_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return st;
}

void people_overview_free(struct person_info *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].group_ids);
		free(v[i].handles);
		free(v[i].journey);
	}
	free(v);
}

int people_in_group(const struct person_info *p, int64_t group_id)
{
	for (int i = 0; i < p->ngroups; i++)
		if (p->group_ids[i] == group_id)
			return 1;
	return 0;
}
