/* people_import.c — people import: rows checked without the database first
 * (every problem of every row reported), then applied in one write
 * transaction through people_add, people_set and the focus group calls, so
 * that an import leaves the same audit trail as the commands typed one by
 * one.  A row that changes nothing writes nothing, so importing one file
 * twice leaves the database as the first import did. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/people.h"
#include "chorus/people_import.h"
#include "core.h"
#include "../util/utf8.h"

#define GROUP_MAX 64     /* bytes of a focus group's name, as focus_group_add has it */
#define ROLES_MAX 128    /* bytes of a roles cell */
#define HANDLE_MAX 200   /* bytes of one PLATFORM=ACCOUNT:FOLLOWERS of a handles cell */

/* The role bits of a cell ("master;editor", "master,editor"); -1 when a
 * name is unknown or the cell is too long to be a list of roles. */
static int roles_of(const char *cell)
{
	char buf[ROLES_MAX + 1];
	size_t n = strlen(cell);
	if (n > ROLES_MAX)
		return -1;
	memcpy(buf, cell, n + 1);
	for (char *p = buf; *p; p++)
		if (*p == ';' || *p == '\t')
			*p = ',';
	return store_roles_parse(buf);
}

/* The next name of a ';'-separated list into out (blanks around it cut);
 * returns where the rest starts, or NULL at the end.  A name too long for
 * out is cut, and *toolong set. */
static const char *next_name(const char *p, char *out, size_t outlen, int *toolong)
{
	p += strspn(p, " \t");
	if (!*p)
		return NULL;
	size_t n = strcspn(p, ";");
	const char *rest = p[n] ? p + n + 1 : p + n;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*toolong = n >= outlen;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, p, n);
	out[n] = 0;
	return rest;
}

/* A text field: the message of core_text_ok after the field's name. */
static int text_ok(const char *field, const char *what, const char *v, size_t max,
		   people_import_report_fn report, void *ctx, int line)
{
	struct err e = {0};
	if (!*v || core_text_ok(what, v, 0, max, &e) == CH_OK)
		return 1;
	core_report(report, ctx, line, "%s: %s", field, e.msg);
	return 0;
}

/* One row's own problems, each reported; 1 when it has none. */
static int check_row(const struct people_import_row *r, people_import_report_fn report, void *ctx)
{
	int good = 1;
	if (!*r->login) {
		core_report(report, ctx, r->line, _("login: empty; each row names a person"));
		good = 0;
	} else if (!people_login_valid(r->login)) {
		core_report(report, ctx, r->line, _("login: \"%.*s\" is not valid: use 1-63 letters, digits, "
			 "'.', '_' or '-'"), core_shown(r->login), r->login);
		good = 0;
	}
	good &= text_ok("name", _("the name"), r->name, 127, report, ctx, r->line);
	if (!text_ok("email", _("the address"), r->email, 127, report, ctx, r->line)) {
		good = 0;
	} else if (*r->email && !strchr(r->email, '@')) {
		core_report(report, ctx, r->line, _("email: \"%.*s\" is not an e-mail address"), core_shown(r->email),
			 r->email);
		good = 0;
	}
	good &= text_ok("team", _("the team name"), r->team, 64, report, ctx, r->line);
	if (*r->roles && roles_of(r->roles) < 0) {
		core_report(report, ctx, r->line, _("roles: \"%.*s\": use master, editor, creator and publisher, "
			 "separated by ';'"), core_shown(r->roles), r->roles);
		good = 0;
	}
	char g[GROUP_MAX + 1];
	int toolong;
	for (const char *p = r->focus_groups; (p = next_name(p, g, sizeof g, &toolong));) {
		if (toolong) {
			core_report(report, ctx, r->line, _("focus_groups: \"%.*s\" is too long for a focus group's "
				 "name (at most %d bytes)"), core_shown(g), g, GROUP_MAX);
			good = 0;
		} else if (*g && !text_ok("focus_groups", _("a focus group's name"), g, GROUP_MAX, report, ctx,
					  r->line)) {
			good = 0;
		} else if (strchr(g, ',')) {
			core_report(report, ctx, r->line, _("focus_groups: \"%.*s\": a focus group's name cannot hold a "
				    "comma (separate the groups with ';')"), core_shown(g), g);
			good = 0;
		}
	}
	if (*r->active && strcmp(r->active, "yes") != 0 && strcmp(r->active, "no") != 0) {
		core_report(report, ctx, r->line, _("active: \"%.*s\": use yes or no"), core_shown(r->active), r->active);
		good = 0;
	}
	char h[HANDLE_MAX + 1];
	for (const char *p = r->handles; p && (p = next_name(p, h, sizeof h, &toolong));) {
		char plat[32], acct[128];
		int f;
		struct err e = {0};
		if (toolong) {
			core_report(report, ctx, r->line, _("handles: \"%.*s\" is too long for a handle"),
				    core_shown(h), h);
			good = 0;
		} else if (*h && people_handle_parse("handles:", h, plat, sizeof plat, acct, sizeof acct, &f, &e) != CH_OK) {
			core_report(report, ctx, r->line, "%s", e.msg);
			good = 0;
		}
	}
	return good;
}

static int by_login(const void *a, const void *b)
{
	const struct people_import_row *x = *(const struct people_import_row *const *)a;
	const struct people_import_row *y = *(const struct people_import_row *const *)b;
	int c = strcmp(x->login, y->login);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

int people_import_check(const struct people_import_row *rows, int n, people_import_report_fn report,
			void *ctx)
{
	char *bad = calloc((size_t)n + 1, 1);
	const struct people_import_row **sorted = malloc(((size_t)n + 1) * sizeof *sorted);
	int nbad = 0;
	for (int i = 0; i < n; i++) {
		if (!check_row(&rows[i], report, ctx) && bad)
			bad[i] = 1;
		if (sorted)
			sorted[i] = &rows[i];
	}
	/* One login twice: which row wins would be an accident of order. */
	if (sorted && bad && n > 1) {
		qsort(sorted, (size_t)n, sizeof *sorted, by_login);
		for (int i = 1; i < n; i++) {
			if (*sorted[i]->login && strcmp(sorted[i]->login, sorted[i - 1]->login) == 0) {
				int k = i - 1;
				while (k > 0 && strcmp(sorted[k - 1]->login, sorted[i]->login) == 0)
					k--;
				core_report(report, ctx, sorted[i]->line, _("login: %s is on line %d already"),
					 sorted[i]->login, sorted[k]->line);
				bad[sorted[i] - rows] = 1;
			}
		}
	}
	for (int i = 0; i < n; i++)
		nbad += bad ? bad[i] : 0;
	if (!bad || !sorted)
		nbad = n;   /* out of memory: nothing may be applied */
	free(bad);
	free(sorted);
	return nbad;
}

static int is_member(struct store *s, int64_t gid, int64_t pid)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT 1 FROM focus_group_members WHERE group_id = ? AND person_id = ?",
					NULL);
	if (!q)
		return 0;
	sqlite3_bind_int64(q, 1, gid);
	sqlite3_bind_int64(q, 2, pid);
	int found = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	return found;
}

/* Join every focus group the row names (each created when new); *changed
 * when one was joined. */
static int join_groups(struct store *s, const struct people_import_row *r, int64_t pid, int *changed,
		       struct err *e)
{
	char g[GROUP_MAX + 1];
	int toolong, st = CH_OK;
	for (const char *p = r->focus_groups; st == CH_OK && (p = next_name(p, g, sizeof g, &toolong));) {
		if (!*g)
			continue;
		int64_t gid = core_id_by(s, "SELECT id FROM focus_groups WHERE name = ?", g);
		if (!gid)
			st = focus_group_add(s, g, NULL, &gid, e);
		if (st == CH_OK && !is_member(s, gid, pid)) {
			st = focus_group_member(s, g, r->login, 1, e);
			*changed = 1;
		}
	}
	return st;
}

/* Set every handle the row names that is not so already; *changed when
 * one was.  An unknown platform is the row's handles' fault. */
static int set_handles(struct store *s, const struct people_import_row *r, int64_t pid, int *changed,
		       struct err *e)
{
	char h[HANDLE_MAX + 1];
	int toolong, st = CH_OK;
	for (const char *p = r->handles; st == CH_OK && p && (p = next_name(p, h, sizeof h, &toolong));) {
		char plat[32], acct[128];
		int f;
		if (!*h || (st = people_handle_parse("handles:", h, plat, sizeof plat, acct, sizeof acct, &f, e)) != CH_OK)
			continue;
		int64_t pl = core_id_by(s, "SELECT id FROM platforms WHERE key = ?", plat);
		if (!pl) {
			st = err_set(e, CH_FAILED, _("handles: %s: no such platform %s (the strategy lists them)"),
				     h, plat);
			break;
		}
		sqlite3_stmt *q = store_prepare(s, "SELECT handle = ?3 AND (?4 < 0 OR followers = ?4) FROM person_platforms "
						"WHERE person_id = ?1 AND platform_id = ?2", e);
		if (!q)
			return e ? e->status : CH_UNUSABLE;
		sqlite3_bind_int64(q, 1, pid);
		sqlite3_bind_int64(q, 2, pl);
		sqlite3_bind_text(q, 3, acct, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(q, 4, f);
		int same = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		if (!same) {
			st = people_set_handle(s, r->login, plat, acct, f, e);
			*changed = 1;
		}
	}
	return st;
}

/* Apply one checked row; result 0 added, 1 updated, 2 unchanged. */
static int apply_row(struct store *s, const struct people_import_row *r, int *result, struct err *e)
{
	struct person_change pc = { .roles = -1, .active = -1 };
	int roles = *r->roles ? roles_of(r->roles) | ROLE_PUBLISHER : -1;
	int active = *r->active ? strcmp(r->active, "yes") == 0 : -1;
	int changed = 0, st;
	int64_t pid = core_id_by(s, "SELECT id FROM people WHERE login = ?", r->login);
	if (!pid) {
		pc.name = *r->name ? r->name : NULL;
		pc.email = *r->email ? r->email : NULL;
		pc.team = *r->team ? r->team : NULL;
		pc.roles = roles;
		st = people_add(s, r->login, &pc, &pid, e);
		if (st == CH_OK && active == 0) {
			struct person_change off = { .roles = -1, .active = 0 };
			st = people_set(s, r->login, &off, 0, e);
		}
		*result = 0;
	} else {
		struct person p;
		st = people_get(s, r->login, &p, e);
		if (st != CH_OK)
			return st;
		if (*r->name && strcmp(r->name, p.name) != 0)
			pc.name = r->name;
		if (*r->email && strcmp(r->email, p.email) != 0)
			pc.email = r->email;
		if (*r->team) {
			int64_t team = core_id_by(s, "SELECT id FROM teams WHERE name = ?", r->team);
			if (!team || team != p.team_id)   /* a new team is a change too */
				pc.team = r->team;
		}
		if (roles >= 0 && roles != p.roles)
			pc.roles = roles;
		if (active >= 0 && active != p.active)
			pc.active = active;
		if (pc.name || pc.email || pc.team || pc.roles >= 0 || pc.active >= 0) {
			st = people_set(s, r->login, &pc, 0, e);
			changed = 1;
		}
		*result = 2;
	}
	if (st == CH_OK)
		st = join_groups(s, r, pid, &changed, e);
	if (st == CH_OK)
		st = set_handles(s, r, pid, &changed, e);
	if (*result == 2 && changed)
		*result = 1;
	return st;
}

int people_import(struct store *s, const struct people_import_row *rows, int n, int known_bad,
		  struct people_import_counts *counts, people_import_report_fn report, void *ctx,
		  struct err *e)
{
	memset(counts, 0, sizeof *counts);
	int st = store_require_role(s, ROLE_MASTER, _("importing people"), e);
	if (st != CH_OK)
		return st;
	int bad = known_bad + people_import_check(rows, n, report, ctx);
	if (!bad) {
		if ((st = store_begin(s, 1, e)) != CH_OK)
			return st;
		/* After a bad row the others still run, so that every one is
		 * reported; the rollback at the end undoes them all.  The
		 * importer's own row goes last: a file that takes away their
		 * master role still applies the rows after it. */
		int mine = -1;
		for (int i = 0; i <= n; i++) {
			if (i < n && mine < 0 && strcmp(rows[i].login, s->my_login) == 0) {
				mine = i;
				continue;
			}
			int k = i < n ? i : mine;
			if (k < 0)
				break;
			int result = 0;
			struct err re = {0};
			int rst = apply_row(s, &rows[k], &result, &re);
			if (rst == CH_BUSY || rst == CH_UNUSABLE) {
				*e = re;   /* the database, not the row: stop here */
				memset(counts, 0, sizeof *counts);
				return store_end(s, rst, e);
			}
			if (rst != CH_OK) {
				core_report(report, ctx, rows[k].line, _("row: %s"), re.msg);
				bad++;
				continue;
			}
			int *c[] = { &counts->added, &counts->updated, &counts->unchanged };
			(*c[result])++;
		}
		/* Nothing to change: nothing is written, not even the revision
		 * that tells the other clients to look again. */
		if (!bad && (counts->added || counts->updated))
			return store_end(s, CH_OK, e);
		store_end(s, CH_INVALID, NULL);
		if (!bad)
			return CH_OK;
	}
	memset(counts, 0, sizeof *counts);
	return err_set(e, CH_INVALID, P_("%d bad row of %d: nothing was imported",
						   "%d bad rows of %d: nothing was imported", bad), bad,
		       n + known_bad);
}
