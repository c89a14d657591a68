/* store_identity.c — who is using the database: the login, acting for
 * someone else, enrolment of an unknown login, and the roles. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "chorus/audit.h"
#include "chorus/i18n.h"
#include "chorus/store.h"
#include "chorus/sharelock.h"
#include "core.h"
#include "store_parts.h"
#include "store_test.h"

int store_insert_person(struct store *s, const char *login, const char *name, int roles,
			int enrol, int64_t *id, struct err *e)
{
	int64_t now = store_now();
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO people(login, name, roles, created_at, updated_at) VALUES(?, ?, ?, ?, ?)", e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name && *name ? name : login, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, roles);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sql_error(s, rc, _("adding the master"), e);
	int64_t pid = sqlite3_last_insert_rowid(s->db);
	/* The audit log records every change, an open enrolment too: an unknown
	 * login became a publisher by running chorus, and nothing else says so. */
	if (enrol) {
		char roles_text[64];
		store_roles_format(roles, roles_text, sizeof roles_text);
		struct json j;
		json_init(&j);
		json_str(&j, "name", name && *name ? name : login);
		json_str(&j, "roles", roles_text);
		json_bool(&j, "active", 1);
		const char *detail = json_done(&j);
		int logged = detail ? audit_append(s, now, pid, 0, "person", pid, "enrol", detail, e)
				    : err_set(e, CH_UNUSABLE, _("out of memory"));
		json_free(&j);
		if (logged != CH_OK)
			return logged;
	}
	if (id)
		*id = pid;
	return CH_OK;
}

/* --- identity and roles ---------------------------------------------------- */

int store_has_role(const struct store *s, int roles)
{
	return (s->my_roles & ROLE_MASTER) || (s->my_roles & roles) == roles;
}

static const char *role_names[] = { "master", "editor", "creator", "publisher" };

int store_roles_parse(const char *text)
{
	int roles = 0;
	const char *p = text;
	while (p && *p) {
		size_t n = strcspn(p, ", ");
		int found = 0;
		for (int i = 0; i < 4; i++)
			if (n == strlen(role_names[i]) && strncmp(p, role_names[i], n) == 0) {
				roles |= 1 << i;
				found = 1;
			}
		if (!found && n)
			return -1;
		p += n;
		p += strspn(p, ", ");
	}
	return roles;
}

void store_roles_format(int roles, char *out, size_t outlen)
{
	out[0] = 0;
	for (int i = 0; i < 4; i++)
		if (roles & (1 << i)) {
			size_t l = strlen(out);
			snprintf(out + l, outlen - l, "%s%s", l ? "," : "", role_names[i]);
		}
}

int store_require_role(const struct store *s, int roles, const char *doing, struct err *e)
{
	if (store_has_role(s, roles))
		return CH_OK;
	char need[64], have[64];
	store_roles_format(roles, need, sizeof need);
	store_roles_format(s->my_roles, have, sizeof have);
	return err_set(e, CH_FAILED, _("%s needs the %s role; %s has %s"), doing, need,
		       s->my_login, have[0] ? have : _("no role"));
}

static int lookup(struct store *s, const char *login, int64_t *id, int *roles, int *active,
		  char *name, size_t namelen)
{
	int found = 0;
	sqlite3_stmt *st = store_prepare(s, "SELECT id, roles, active, name FROM people WHERE login = ?", NULL);
	if (!st)
		return -sqlite3_errcode(s->db);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*roles = sqlite3_column_int(st, 1);
		*active = sqlite3_column_int(st, 2);
		snprintf(name, namelen, "%s", (const char *)sqlite3_column_text(st, 3));
		found = 1;
	} else if (rc != SQLITE_DONE) {
		found = -rc;   /* busy, say: not the same as "no such person" */
	}
	sqlite3_finalize(st);
	return found;
}

int store_identify(struct store *s, const char *login, const char *as, struct err *e)
{
	int64_t id = 0;
	int roles = 0, active = 0;
	char name[128] = "";
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	int found = lookup(s, login, &id, &roles, &active, name, sizeof name);
	char open_enrol[8] = "";
	if (!found)
		store_setting_get(s, "open_enrolment", open_enrol, sizeof open_enrol);
	store_end(s, CH_OK, NULL);
	if (found < 0)
		return store_sql_error(s, -found, _("reading people"), e);
	if (!found && strcmp(open_enrol, "true") == 0 && !s->readonly) {
		/* Look again inside the write transaction: a second session of the
		 * same login may have enrolled it a moment ago. */
		st = store_begin(s, 1, e);
		if (st == CH_OK && (found = lookup(s, login, &id, &roles, &active, name, sizeof name)) == 0) {
			st = store_insert_person(s, login, login, ROLE_PUBLISHER, 1, &id, e);
			roles = ROLE_PUBLISHER;
			active = 1;
			snprintf(name, sizeof name, "%s", login);
		}
		if (st == CH_OK && found < 0)
			st = store_sql_error(s, -found, _("reading people"), e);
		st = store_end(s, st, e);
		if (st != CH_OK)
			return st;
		found = 1;
	}
	if (!found)
		return err_set(e, CH_FAILED, _("%s is not a member of this chorus programme; "
			       "ask a social master to run: chorus people add %s --name \"Your Name\""),
			       login, login);
	if (!active)
		return err_set(e, CH_FAILED, _("%s is no longer active in this chorus programme; "
			       "ask a social master to run: chorus people set %s --active yes"), login, login);
	s->actor = id;
	snprintf(s->actor_login, sizeof s->actor_login, "%s", login);
	s->me = id;
	s->my_roles = roles;
	snprintf(s->my_login, sizeof s->my_login, "%s", login);
	snprintf(s->my_name, sizeof s->my_name, "%s", name);
	if (!as || !*as || strcmp(as, login) == 0)
		return CH_OK;
	if (!(roles & ROLE_MASTER))
		return err_set(e, CH_FAILED, _("--as %s: only a social master may act on behalf of someone; %s is not one"),
			       as, login);
	st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	found = lookup(s, as, &id, &roles, &active, name, sizeof name);
	store_end(s, CH_OK, NULL);
	if (found < 0)
		return store_sql_error(s, -found, _("reading people"), e);
	if (found == 0)
		return err_set(e, CH_FAILED, _("--as %s: no such person; add them with chorus people add %s"), as, as);
	if (!active)
		return err_set(e, CH_FAILED, _("--as %s: that person is no longer active"), as);
	s->me = id;
	s->my_roles = roles;
	snprintf(s->my_login, sizeof s->my_login, "%s", as);
	snprintf(s->my_name, sizeof s->my_name, "%s", name);
	return CH_OK;
}

int store_impersonate(struct store *s, const char *login, struct err *e)
{
	int64_t id = 0;
	int roles = 0, active = 0;
	char name[128] = "";
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	int found = lookup(s, login, &id, &roles, &active, name, sizeof name);
	store_end(s, CH_OK, NULL);
	if (found < 0)
		return store_sql_error(s, -found, _("reading people"), e);
	if (found == 0)
		return err_set(e, CH_FAILED, _("%s: no such person"), login);
	s->me = s->actor = id;
	s->my_roles = roles;
	snprintf(s->my_login, sizeof s->my_login, "%s", login);
	snprintf(s->actor_login, sizeof s->actor_login, "%s", login);
	snprintf(s->my_name, sizeof s->my_name, "%s", name);
	return CH_OK;
}
