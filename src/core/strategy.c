/* strategy.c — step 1 of the method as data: goals with their audiences,
 * audiences with their platforms, pillars, platforms, message types and the
 * fair-use rules.  Masters change them; anything still referred to is never
 * deleted. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/policy.h"
#include "chorus/strategy.h"
#include "chorus/strategy_schema.h"
#include "core.h"
#include "schema.h"
#include "../util/timeutil.h"

/* What differs between the kinds, as SQL constants. */
static const struct kind_sql {
	const char *entity;      /* audit entity */
	const char *noun;        /* the word in messages */
	const char *version;     /* version, updated_at, login for ?1 */
	const char *in_use;      /* a count of what refers to ?1 */
	const char *del;
	const char *position;    /* position of ?1 */
	const char *neighbour;   /* id, position of the row before (?2 = -1) or after (?2 = 1) position ?1 */
	const char *set_position;
	const char *same_key;    /* the natural key ?1 of another row than ?2, ignoring case */
} kinds[] = {
	[SK_GOAL] = { "goal", N_("goal"),
		"SELECT x.version, x.updated_at, b.login FROM goals x LEFT JOIN people b ON b.id = x.updated_by WHERE x.id = ?",
		"SELECT (SELECT count(*) FROM campaigns WHERE goal_id = ?1)",
		"DELETE FROM goals WHERE id = ?",
		"SELECT position FROM goals WHERE id = ?",
		"SELECT id, position FROM goals WHERE CASE WHEN ?2 < 0 THEN position < ?1 ELSE position > ?1 END "
		"ORDER BY CASE WHEN ?2 < 0 THEN -position ELSE position END LIMIT 1",
		"UPDATE goals SET position = ?2 WHERE id = ?1",
		"SELECT title FROM goals WHERE title = ?1 COLLATE NOCASE AND id IS NOT ?2" },
	[SK_AUDIENCE] = { "audience", N_("audience"),
		"SELECT x.version, x.updated_at, b.login FROM audiences x LEFT JOIN people b ON b.id = x.updated_by WHERE x.id = ?",
		"SELECT (SELECT count(*) FROM campaigns WHERE audience_id = ?1) + "
		"(SELECT count(*) FROM goal_audiences WHERE audience_id = ?1)",
		"DELETE FROM audiences WHERE id = ?",
		"SELECT position FROM audiences WHERE id = ?",
		"SELECT id, position FROM audiences WHERE CASE WHEN ?2 < 0 THEN position < ?1 ELSE position > ?1 END "
		"ORDER BY CASE WHEN ?2 < 0 THEN -position ELSE position END LIMIT 1",
		"UPDATE audiences SET position = ?2 WHERE id = ?1",
		"SELECT name FROM audiences WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2" },
	[SK_PILLAR] = { "pillar", N_("pillar"),
		"SELECT x.version, x.updated_at, b.login FROM pillars x LEFT JOIN people b ON b.id = x.updated_by WHERE x.id = ?",
		"SELECT (SELECT count(*) FROM content WHERE pillar_id = ?1)",
		"DELETE FROM pillars WHERE id = ?",
		"SELECT position FROM pillars WHERE id = ?",
		"SELECT id, position FROM pillars WHERE CASE WHEN ?2 < 0 THEN position < ?1 ELSE position > ?1 END "
		"ORDER BY CASE WHEN ?2 < 0 THEN -position ELSE position END LIMIT 1",
		"UPDATE pillars SET position = ?2 WHERE id = ?1",
		"SELECT name FROM pillars WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2" },
	[SK_PLATFORM] = { "platform", N_("platform"),
		"SELECT x.version, x.updated_at, b.login FROM platforms x LEFT JOIN people b ON b.id = x.updated_by WHERE x.id = ?",
		"SELECT (SELECT count(*) FROM messages WHERE platform_id = ?1) + "
		"(SELECT count(*) FROM shares WHERE platform_id = ?1) + "
		"(SELECT count(*) FROM audience_platforms WHERE platform_id = ?1) + "
		"(SELECT count(*) FROM person_platforms WHERE platform_id = ?1)",
		"DELETE FROM platforms WHERE id = ?",
		"SELECT position FROM platforms WHERE id = ?",
		"SELECT id, position FROM platforms WHERE CASE WHEN ?2 < 0 THEN position < ?1 ELSE position > ?1 END "
		"ORDER BY CASE WHEN ?2 < 0 THEN -position ELSE position END LIMIT 1",
		"UPDATE platforms SET position = ?2 WHERE id = ?1",
		"SELECT key FROM platforms WHERE key = ?1 COLLATE NOCASE AND id IS NOT ?2" },
	[SK_MESSAGE_TYPE] = { "message_type", N_("message type"),
		"SELECT x.version, x.updated_at, b.login FROM message_types x LEFT JOIN people b ON b.id = x.updated_by WHERE x.id = ?",
		"SELECT (SELECT count(*) FROM content WHERE message_type_id = ?1)",
		"DELETE FROM message_types WHERE id = ?",
		"SELECT position FROM message_types WHERE id = ?",
		"SELECT id, position FROM message_types WHERE CASE WHEN ?2 < 0 THEN position < ?1 ELSE position > ?1 END "
		"ORDER BY CASE WHEN ?2 < 0 THEN -position ELSE position END LIMIT 1",
		"UPDATE message_types SET position = ?2 WHERE id = ?1",
		"SELECT name FROM message_types WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2" },
	[SK_RULE] = { "policy_rule", N_("policy rule"),
		"SELECT x.version, x.updated_at, b.login FROM policy_rules x LEFT JOIN people b ON b.id = x.updated_by WHERE x.id = ?",
		"SELECT 0",
		"DELETE FROM policy_rules WHERE id = ?",
		"SELECT position FROM policy_rules WHERE id = ?",
		"SELECT id, position FROM policy_rules WHERE CASE WHEN ?2 < 0 THEN position < ?1 ELSE position > ?1 END "
		"ORDER BY CASE WHEN ?2 < 0 THEN -position ELSE position END LIMIT 1",
		"UPDATE policy_rules SET position = ?2 WHERE id = ?1",
		"SELECT name FROM policy_rules WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2" },
};

/* Open a write transaction as a master. */
static int begin_master(struct store *s, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("changing the strategy"), e);
	return st == CH_OK ? store_begin(s, 1, e) : st;
}

/* Before writing entity (of kind k, natural key name, id 0 when new): its
 * fields keep the schema's rules, and no other row has its key, whatever
 * the case ("Culture" and "culture" are one pillar to chorus submit
 * --pillar).  Opens the write transaction as a master. */
static int begin_write(struct store *s, enum strategy_kind k, const void *entity, int64_t id,
		       const char *name, struct err *e)
{
	int st = strategy_entity_check(k, entity, e);
	if (st != CH_OK || (st = begin_master(s, e)) != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, kinds[k].same_key, e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	if (id)
		sqlite3_bind_int64(q, 2, id);
	if (sqlite3_step(q) == SQLITE_ROW) {
		/* "a" or "an" goes with the English noun; other languages say it
		 * their own way in both forms. */
		const char *word = kinds[k].noun;
		const char *field = k == SK_GOAL ? _("title") : k == SK_PLATFORM ? _("key") : _("name");
		int an = strchr("aeiou", word[0]) != NULL;
		st = err_set(e, CH_INVALID, an ? _("%s %s: an %s named \"%s\" exists already")
				       : _("%s %s: a %s named \"%s\" exists already"),
			     _(word), field, _(word), core_col(q, 0));
		if (e)
			e->kind = ERR_EXISTS;
	}
	sqlite3_finalize(q);
	return st == CH_OK ? st : store_end(s, st, e);
}

static int log_named(struct store *s, enum strategy_kind k, int64_t id, const char *action,
		     const char *name, struct err *e)
{
	struct json j;
	json_init(&j);
	json_str(&j, "name", name);
	int st = audit_log(s, kinds[k].entity, id, action, &j, e);
	json_free(&j);
	return st;
}

/* Run a prepared insert/update; on insert, the new id in *id. */
static int finish_write(struct store *s, sqlite3_stmt *q, enum strategy_kind k, int64_t *id,
			int64_t upd_id, const char *name, struct err *e)
{
	int st = core_run(s, q, _("saving the strategy"), e);
	if (st == CH_INVALID && e && strstr(e->msg, "UNIQUE")) {
		const char *word = kinds[k].noun;
		int an = strchr("aeiou", word[0]) != NULL;
		st = err_set(e, CH_INVALID,
			     an ? _("an %s named \"%s\" exists already") : _("a %s named \"%s\" exists already"),
			     _(word), name);
		if (e)
			e->kind = ERR_EXISTS;
	}
	if (st != CH_OK)
		return st;
	if (!upd_id) {
		int64_t nid = sqlite3_last_insert_rowid(s->db);
		if (id)
			*id = nid;
		return log_named(s, k, nid, "add", name, e);
	}
	if (sqlite3_changes(s->db) == 0)
		return err_set(e, CH_FAILED, _("no such %s: %lld"), _(kinds[k].noun), (long long)upd_id);
	return log_named(s, k, upd_id, "set", name, e);
}

static int check_version(struct store *s, enum strategy_kind k, int64_t id, int v, struct err *e)
{
	return core_version(s, kinds[k].version, id, v, _(kinds[k].noun), NULL, e);
}

/* Replace a link table's rows for one owner: names resolved by name_sql. */
static int set_links(struct store *s, const char *clear_sql, const char *add_sql, const char *name_sql,
		     int64_t owner, char **names, int n, const char *what, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, clear_sql, e);
	if (q)
		sqlite3_bind_int64(q, 1, owner);
	int st = core_run(s, q, _("saving the strategy"), e);
	for (int i = 0; st == CH_OK && i < n; i++) {
		int64_t ref = core_id_by(s, name_sql, names[i]);
		if (!ref)
			return err_set(e, CH_INVALID, _("no such %s: %s"), what, names[i]);
		q = store_prepare(s, add_sql, e);
		if (q) {
			sqlite3_bind_int64(q, 1, owner);
			sqlite3_bind_int64(q, 2, ref);
			sqlite3_bind_int(q, 3, i);
		}
		st = core_run(s, q, _("saving the strategy"), e);
		if (st == CH_INVALID)
			st = err_set(e, CH_INVALID, _("%s %s is listed twice"), what, names[i]);
	}
	return st;
}

#define NEXT_POS(t) "(SELECT COALESCE(max(position), 0) + 1 FROM " t ")"

/* --- goals --------------------------------------------------------------- */

static int goal_write(struct store *s, const struct goal *g, int64_t *id, struct err *e)
{
	int st = begin_write(s, SK_GOAL, g, g->id, g->title, e);
	if (st != CH_OK)
		return st;
	if (g->id)
		st = check_version(s, SK_GOAL, g->id, g->version, e);
	sqlite3_stmt *q = st != CH_OK ? NULL : store_prepare(s, g->id
		? "UPDATE goals SET title = ?2, description = ?3, kpi_metric = ?4, kpi_target = ?5, "
		  "kpi_period = ?6, updated_at = ?7, updated_by = ?8, version = version + 1 WHERE id = ?1"
		: "INSERT INTO goals(title, description, kpi_metric, kpi_target, kpi_period, updated_at, "
		  "updated_by, position) VALUES(?2, ?3, ?4, ?5, ?6, ?7, ?8, " NEXT_POS("goals") ")", e);
	if (q) {
		if (g->id)
			sqlite3_bind_int64(q, 1, g->id);
		sqlite3_bind_text(q, 2, g->title, -1, SQLITE_STATIC);
		core_bind_text(q, 3, g->description);
		core_bind_text(q, 4, g->kpi_metric);
		sqlite3_bind_double(q, 5, g->kpi_target);
		core_bind_text(q, 6, g->kpi_period);
		sqlite3_bind_int64(q, 7, store_now());
		sqlite3_bind_int64(q, 8, s->me);
		st = finish_write(s, q, SK_GOAL, id, g->id, g->title, e);
	} else if (st == CH_OK) {
		st = e->status;
	}
	int64_t gid = g->id ? g->id : (id ? *id : sqlite3_last_insert_rowid(s->db));
	if (st == CH_OK)
		st = set_links(s, "DELETE FROM goal_audiences WHERE goal_id = ?",
			       "INSERT INTO goal_audiences(goal_id, audience_id, position) VALUES(?, ?, ?)",
			       "SELECT id FROM audiences WHERE name = ?", gid, g->audiences, g->naudiences,
			       _("audience"), e);
	return store_end(s, st, e);
}

int goal_add(struct store *s, const struct goal *g, int64_t *id, struct err *e)
{
	struct goal copy = *g;
	int64_t nid = 0;
	copy.id = 0;
	int st = goal_write(s, &copy, &nid, e);
	if (st == CH_OK && id)
		*id = nid;
	return st;
}

int goal_update(struct store *s, const struct goal *g, struct err *e)
{
	if (!g->id)
		return err_set(e, CH_INVALID, _("internal: goal_update without an id"));
	return goal_write(s, g, NULL, e);
}

/* --- audiences ------------------------------------------------------------ */

static int audience_write(struct store *s, const struct audience *a, int64_t *id, struct err *e)
{
	int st = begin_write(s, SK_AUDIENCE, a, a->id, a->name, e);
	if (st != CH_OK)
		return st;
	if (a->id)
		st = check_version(s, SK_AUDIENCE, a->id, a->version, e);
	sqlite3_stmt *q = st != CH_OK ? NULL : store_prepare(s, a->id
		? "UPDATE audiences SET name = ?2, info_need = ?3, updated_at = ?4, updated_by = ?5, "
		  "version = version + 1 WHERE id = ?1"
		: "INSERT INTO audiences(name, info_need, updated_at, updated_by, position) "
		  "VALUES(?2, ?3, ?4, ?5, " NEXT_POS("audiences") ")", e);
	if (q) {
		if (a->id)
			sqlite3_bind_int64(q, 1, a->id);
		sqlite3_bind_text(q, 2, a->name, -1, SQLITE_STATIC);
		core_bind_text(q, 3, a->info_need);
		sqlite3_bind_int64(q, 4, store_now());
		sqlite3_bind_int64(q, 5, s->me);
		st = finish_write(s, q, SK_AUDIENCE, id, a->id, a->name, e);
	} else if (st == CH_OK) {
		st = e->status;
	}
	int64_t aid = a->id ? a->id : (id ? *id : sqlite3_last_insert_rowid(s->db));
	if (st == CH_OK)
		st = set_links(s, "DELETE FROM audience_platforms WHERE audience_id = ?",
			       "INSERT INTO audience_platforms(audience_id, platform_id, position) VALUES(?, ?, ?)",
			       "SELECT id FROM platforms WHERE key = ?", aid, a->platforms, a->nplatforms,
			       _("platform"), e);
	return store_end(s, st, e);
}

int audience_add(struct store *s, const struct audience *a, int64_t *id, struct err *e)
{
	struct audience copy = *a;
	int64_t nid = 0;
	copy.id = 0;
	int st = audience_write(s, &copy, &nid, e);
	if (st == CH_OK && id)
		*id = nid;
	return st;
}

int audience_update(struct store *s, const struct audience *a, struct err *e)
{
	if (!a->id)
		return err_set(e, CH_INVALID, _("internal: audience_update without an id"));
	return audience_write(s, a, NULL, e);
}

/* --- pillars, message types, rules: name + text fields ---------------------- */

static int pillar_write(struct store *s, const struct pillar *p, int64_t *id, struct err *e)
{
	int st = begin_write(s, SK_PILLAR, p, p->id, p->name, e);
	if (st != CH_OK)
		return st;
	if (p->id)
		st = check_version(s, SK_PILLAR, p->id, p->version, e);
	sqlite3_stmt *q = st != CH_OK ? NULL : store_prepare(s, p->id
		? "UPDATE pillars SET name = ?2, description = ?3, colour = ?4, updated_at = ?5, "
		  "updated_by = ?6, version = version + 1 WHERE id = ?1"
		: "INSERT INTO pillars(name, description, colour, updated_at, updated_by, position) "
		  "VALUES(?2, ?3, ?4, ?5, ?6, " NEXT_POS("pillars") ")", e);
	if (q) {
		if (p->id)
			sqlite3_bind_int64(q, 1, p->id);
		sqlite3_bind_text(q, 2, p->name, -1, SQLITE_STATIC);
		core_bind_text(q, 3, p->description);
		core_bind_text(q, 4, p->colour);
		sqlite3_bind_int64(q, 5, store_now());
		sqlite3_bind_int64(q, 6, s->me);
		st = finish_write(s, q, SK_PILLAR, id, p->id, p->name, e);
	} else if (st == CH_OK) {
		st = e->status;
	}
	return store_end(s, st, e);
}

int pillar_add(struct store *s, const struct pillar *p, int64_t *id, struct err *e)
{
	struct pillar copy = *p;
	copy.id = 0;
	return pillar_write(s, &copy, id, e);
}

int pillar_update(struct store *s, const struct pillar *p, struct err *e)
{
	return p->id ? pillar_write(s, p, NULL, e) : err_set(e, CH_INVALID, _("internal: no id"));
}

static int message_type_write(struct store *s, const struct message_type *t, int64_t *id, struct err *e)
{
	int st = begin_write(s, SK_MESSAGE_TYPE, t, t->id, t->name, e);
	if (st != CH_OK)
		return st;
	if (t->id)
		st = check_version(s, SK_MESSAGE_TYPE, t->id, t->version, e);
	sqlite3_stmt *q = st != CH_OK ? NULL : store_prepare(s, t->id
		? "UPDATE message_types SET name = ?2, description = ?3, updated_at = ?4, "
		  "updated_by = ?5, version = version + 1 WHERE id = ?1"
		: "INSERT INTO message_types(name, description, updated_at, updated_by, position) "
		  "VALUES(?2, ?3, ?4, ?5, " NEXT_POS("message_types") ")", e);
	if (q) {
		if (t->id)
			sqlite3_bind_int64(q, 1, t->id);
		sqlite3_bind_text(q, 2, t->name, -1, SQLITE_STATIC);
		core_bind_text(q, 3, t->description);
		sqlite3_bind_int64(q, 4, store_now());
		sqlite3_bind_int64(q, 5, s->me);
		st = finish_write(s, q, SK_MESSAGE_TYPE, id, t->id, t->name, e);
	} else if (st == CH_OK) {
		st = e->status;
	}
	return store_end(s, st, e);
}

int message_type_add(struct store *s, const struct message_type *t, int64_t *id, struct err *e)
{
	struct message_type copy = *t;
	copy.id = 0;
	return message_type_write(s, &copy, id, e);
}

int message_type_update(struct store *s, const struct message_type *t, struct err *e)
{
	return t->id ? message_type_write(s, t, NULL, e) : err_set(e, CH_INVALID, _("internal: no id"));
}

static int policy_rule_write(struct store *s, const struct policy_rule *r, int64_t *id, struct err *e)
{
	int st = begin_write(s, SK_RULE, r, r->id, r->name, e);
	if (st != CH_OK)
		return st;
	if (r->id)
		st = check_version(s, SK_RULE, r->id, r->version, e);
	sqlite3_stmt *q = st != CH_OK ? NULL : store_prepare(s, r->id
		? "UPDATE policy_rules SET name = ?2, pattern = ?3, severity = ?4, guidance = ?5, "
		  "updated_at = ?6, updated_by = ?7, version = version + 1 WHERE id = ?1"
		: "INSERT INTO policy_rules(name, pattern, severity, guidance, updated_at, updated_by, position) "
		  "VALUES(?2, ?3, ?4, ?5, ?6, ?7, " NEXT_POS("policy_rules") ")", e);
	if (q) {
		if (r->id)
			sqlite3_bind_int64(q, 1, r->id);
		sqlite3_bind_text(q, 2, r->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, r->pattern, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, severity_name(r->severity), -1, SQLITE_STATIC);
		core_bind_text(q, 5, r->guidance);
		sqlite3_bind_int64(q, 6, store_now());
		sqlite3_bind_int64(q, 7, s->me);
		st = finish_write(s, q, SK_RULE, id, r->id, r->name, e);
	} else if (st == CH_OK) {
		st = e->status;
	}
	return store_end(s, st, e);
}

int policy_rule_add(struct store *s, const struct policy_rule *r, int64_t *id, struct err *e)
{
	struct policy_rule copy = *r;
	copy.id = 0;
	return policy_rule_write(s, &copy, id, e);
}

int policy_rule_update(struct store *s, const struct policy_rule *r, struct err *e)
{
	return r->id ? policy_rule_write(s, r, NULL, e) : err_set(e, CH_INVALID, _("internal: no id"));
}

/* --- platforms ------------------------------------------------------------ */

static int platform_write(struct store *s, const struct platform *p, int64_t *id, struct err *e)
{
	int st = begin_write(s, SK_PLATFORM, p, p->id, p->key, e);
	if (st != CH_OK)
		return st;
	if (p->id)
		st = check_version(s, SK_PLATFORM, p->id, p->version, e);
	sqlite3_stmt *q = st != CH_OK ? NULL : store_prepare(s, p->id
		? "UPDATE platforms SET key = ?2, name = ?3, max_length = ?4, share_url = ?5, cpm = ?6, "
		  "cpc = ?7, reaction_multiplier = ?8, updated_at = ?9, updated_by = ?10, "
		  "version = version + 1 WHERE id = ?1"
		: "INSERT INTO platforms(key, name, max_length, share_url, cpm, cpc, reaction_multiplier, "
		  "updated_at, updated_by, position) VALUES(?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		  NEXT_POS("platforms") ")", e);
	if (q) {
		if (p->id)
			sqlite3_bind_int64(q, 1, p->id);
		sqlite3_bind_text(q, 2, p->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, p->name, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 4, p->max_length);
		core_bind_text(q, 5, p->share_url);
		sqlite3_bind_double(q, 6, p->cpm);
		sqlite3_bind_double(q, 7, p->cpc);
		sqlite3_bind_double(q, 8, p->reaction_multiplier);
		sqlite3_bind_int64(q, 9, store_now());
		sqlite3_bind_int64(q, 10, s->me);
		st = finish_write(s, q, SK_PLATFORM, id, p->id, p->key, e);
	} else if (st == CH_OK) {
		st = e->status;
	}
	return store_end(s, st, e);
}

int platform_add(struct store *s, const struct platform *p, int64_t *id, struct err *e)
{
	struct platform copy = *p;
	copy.id = 0;
	return platform_write(s, &copy, id, e);
}

int platform_update(struct store *s, const struct platform *p, struct err *e)
{
	return p->id ? platform_write(s, p, NULL, e) : err_set(e, CH_INVALID, _("internal: no id"));
}

/* --- any kind ----------------------------------------------------------------- */

const void *strategy_entity(const struct strategy *st, enum strategy_kind k, int i)
{
	switch (k) {
	case SK_GOAL: return &st->goals[i];
	case SK_AUDIENCE: return &st->audiences[i];
	case SK_PILLAR: return &st->pillars[i];
	case SK_PLATFORM: return &st->platforms[i];
	case SK_MESSAGE_TYPE: return &st->message_types[i];
	case SK_RULE: return &st->rules[i];
	}
	return NULL;
}

int strategy_count(const struct strategy *st, enum strategy_kind k)
{
	const int n[] = { st->ngoals, st->naudiences, st->npillars, st->nplatforms,
			  st->nmessage_types, st->nrules };
	return k >= SK_GOAL && k <= SK_RULE ? n[k] : 0;
}

const char *strategy_key(const struct strategy *st, enum strategy_kind k, int i)
{
	return *(char *const *)((const char *)strategy_entity(st, k, i) + strategy_fields(k)[0].off);
}

int64_t strategy_id(const struct strategy *st, enum strategy_kind k, int i)
{
	return ((const union strategy_entity *)strategy_entity(st, k, i))->id;
}

/* Each kind's struct: its size and where its version is. */
static const struct { size_t size, version; } layout[] = {
	[SK_GOAL] = { sizeof(struct goal), offsetof(struct goal, version) },
	[SK_AUDIENCE] = { sizeof(struct audience), offsetof(struct audience, version) },
	[SK_PILLAR] = { sizeof(struct pillar), offsetof(struct pillar, version) },
	[SK_PLATFORM] = { sizeof(struct platform), offsetof(struct platform, version) },
	[SK_MESSAGE_TYPE] = { sizeof(struct message_type), offsetof(struct message_type, version) },
	[SK_RULE] = { sizeof(struct policy_rule), offsetof(struct policy_rule, version) },
};

int strategy_entity_version(enum strategy_kind k, const void *entity)
{
	return k >= SK_GOAL && k <= SK_RULE ? *(const int *)((const char *)entity + layout[k].version) : 0;
}

int strategy_save(struct store *s, enum strategy_kind k, const void *entity, int64_t id, int version,
		  int64_t *nid, struct err *e)
{
	union strategy_entity x;
	if (k < SK_GOAL || k > SK_RULE)
		return err_set(e, CH_INVALID, _("internal: unknown strategy kind %d"), (int)k);
	memcpy(&x, entity, layout[k].size);
	x.id = id;
	memcpy((char *)&x + layout[k].version, &version, sizeof version);
	switch (k) {
	case SK_GOAL: return goal_write(s, &x.goal, nid, e);
	case SK_AUDIENCE: return audience_write(s, &x.audience, nid, e);
	case SK_PILLAR: return pillar_write(s, &x.pillar, nid, e);
	case SK_PLATFORM: return platform_write(s, &x.platform, nid, e);
	case SK_MESSAGE_TYPE: return message_type_write(s, &x.message_type, nid, e);
	case SK_RULE: return policy_rule_write(s, &x.rule, nid, e);
	}
	return CH_INVALID;
}

/* --- delete and reorder ----------------------------------------------------- */

/* Refuse to delete entity id of kind, which n rows still use. */
static int refuse_in_use(enum strategy_kind kind, int64_t id, int n, struct err *e)
{
	long long i = (long long)id;
	switch (kind) {
	case SK_GOAL:
		return err_set(e, CH_FAILED, P_("goal %lld is still used by %d campaign; it cannot be deleted",
						"goal %lld is still used by %d campaigns; it cannot be deleted", n), i, n);
	case SK_AUDIENCE:
		return err_set(e, CH_FAILED,
			       P_("audience %lld is still used by %d goal or campaign; it cannot be deleted",
				  "audience %lld is still used by %d goals or campaigns; it cannot be deleted", n), i, n);
	case SK_PILLAR:
		return err_set(e, CH_FAILED, P_("pillar %lld is still used by %d content item; it cannot be deleted",
						"pillar %lld is still used by %d content items; it cannot be deleted", n),
			       i, n);
	case SK_PLATFORM:
		return err_set(e, CH_FAILED,
			       P_("platform %lld is still used by %d message, share, audience or handle; it cannot be deleted",
				  "platform %lld is still used by %d messages, shares, audiences or handles; "
				  "it cannot be deleted", n), i, n);
	default:
		return err_set(e, CH_FAILED,
			       P_("message type %lld is still used by %d content item; it cannot be deleted",
				  "message type %lld is still used by %d content items; it cannot be deleted", n), i, n);
	}
}

int strategy_delete(struct store *s, enum strategy_kind kind, int64_t id, struct err *e)
{
	int st = begin_master(s, e);
	if (st != CH_OK)
		return st;
	st = check_version(s, kind, id, 0, e);
	sqlite3_stmt *q = st == CH_OK ? store_prepare(s, kinds[kind].in_use, e) : NULL;
	if (q) {
		sqlite3_bind_int64(q, 1, id);
		int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
		if (n > 0)
			st = refuse_in_use(kind, id, n, e);
		sqlite3_finalize(q);
	} else if (st == CH_OK) {
		st = e->status;
	}
	if (st == CH_OK) {
		q = store_prepare(s, kinds[kind].del, e);
		if (q)
			sqlite3_bind_int64(q, 1, id);
		st = core_run(s, q, _("deleting"), e);
	}
	if (st == CH_OK)
		st = audit_log(s, kinds[kind].entity, id, "delete", NULL, e);
	return store_end(s, st, e);
}

int strategy_move(struct store *s, enum strategy_kind kind, int64_t id, int dir, struct err *e)
{
	int st = begin_master(s, e);
	if (st != CH_OK)
		return st;
	int64_t pos = -1, other = 0, other_pos = 0;
	sqlite3_stmt *q = store_prepare(s, kinds[kind].position, e);
	if (q) {
		sqlite3_bind_int64(q, 1, id);
		if (sqlite3_step(q) == SQLITE_ROW)
			pos = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	if (pos < 0)
		st = err_set(e, CH_FAILED, _("no such %s: %lld"), _(kinds[kind].noun), (long long)id);
	if (st == CH_OK && (q = store_prepare(s, kinds[kind].neighbour, e))) {
		sqlite3_bind_int64(q, 1, pos);
		sqlite3_bind_int(q, 2, dir);
		if (sqlite3_step(q) == SQLITE_ROW) {
			other = sqlite3_column_int64(q, 0);
			other_pos = sqlite3_column_int64(q, 1);
		}
		sqlite3_finalize(q);
	}
	if (st == CH_OK && other) {
		for (int i = 0; st == CH_OK && i < 2; i++) {
			q = store_prepare(s, kinds[kind].set_position, e);
			if (q) {
				sqlite3_bind_int64(q, 1, i ? other : id);
				sqlite3_bind_int64(q, 2, i ? pos : other_pos);
			}
			st = core_run(s, q, _("reordering"), e);
		}
		if (st == CH_OK) {
			struct json j;
			json_init(&j);
			json_int(&j, "direction", dir);
			st = audit_log(s, kinds[kind].entity, id, "move", &j, e);
			json_free(&j);
		}
	}
	return store_end(s, st, e);
}

/* --- load ------------------------------------------------------------------- */

/* Collect names of a link table for one owner into a string array. */
static int load_names(struct store *s, const char *sql, int64_t owner, char ***out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, owner);
	while (sqlite3_step(q) == SQLITE_ROW) {
		char **name = core_grow((void **)out, n, sizeof **out);
		if (!name || !(*name = core_dup(q, 0))) {
			sqlite3_finalize(q);
			return err_set(e, CH_UNUSABLE, _("out of memory"));
		}
	}
	sqlite3_finalize(q);
	return CH_OK;
}


/* Settings hold numbers written in the C locale ("0.1"); the TUI runs in the
 * user's locale, where atof would stop at the '.' of a Dutch LC_NUMERIC. */
static double setting_double(struct store *s, const char *key, double dflt)
{
	char v[32];
	if (!store_setting_get(s, key, v, sizeof v))
		return dflt;
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	locale_t old = c ? uselocale(c) : (locale_t)0;
	double d = strtod(v, NULL);
	if (c) {
		uselocale(old);
		freelocale(c);
	}
	return d;
}

static int setting_int(struct store *s, const char *key, int dflt)
{
	char v[32];
	return store_setting_get(s, key, v, sizeof v) ? atoi(v) : dflt;
}

/* "1,5,10" (settings.milestones, C locale) into st->milestones. */
static void parse_milestones(const char *v, struct strategy *st)
{
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	locale_t old = c ? uselocale(c) : (locale_t)0;
	while (*v && st->nmilestones < STRATEGY_MILESTONES_MAX) {
		char *end;
		double d = strtod(v, &end);
		if (end == v)
			break;
		st->milestones[st->nmilestones++] = d;
		v = *end == ',' ? end + 1 : end;
	}
	if (c) {
		uselocale(old);
		freelocale(c);
	}
}

/* The headcount's changes and the milestones (a file older than
 * SCHEMA_PERSONAL_TEXTS, opened read-only, has neither). */
static int load_headcount(struct store *s, struct strategy *st_, struct err *e)
{
	char v[200];
	if (store_setting_get(s, "milestones", v, sizeof v))
		parse_milestones(v, st_);
	if (s->schema_version < SCHEMA_PERSONAL_TEXTS)
		return CH_OK;
	sqlite3_stmt *q = store_prepare(s, "SELECT from_day, count FROM headcount ORDER BY from_day", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	int st = CH_OK;
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct headcount_change *h = core_grow((void **)&st_->headcount, &st_->nheadcount, sizeof *h);
		if (!h) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		h->from = sqlite3_column_int64(q, 0);
		h->count = sqlite3_column_int(q, 1);
	}
	sqlite3_finalize(q);
	return st;
}

int strategy_load_headcount(struct store *s, struct strategy *st, struct err *e)
{
	memset(st, 0, sizeof *st);
	int rc = load_headcount(s, st, e);
	if (rc != CH_OK)
		strategy_free(st);
	return rc;
}

int strategy_headcount_at(const struct headcount_change *h, int n, int64_t week_start)
{
	int count = 0;
	for (int i = 0; i < n && h[i].from < week_start + TIME_WEEK; i++)
		count = h[i].count;
	return count;
}

int strategy_milestones(const struct strategy *st, double out[STRATEGY_MILESTONES_MAX])
{
	static const double dflt[] = { 1, 5, 10 };
	int n = st && st->nmilestones ? st->nmilestones : 3;
	for (int i = 0; i < n; i++)
		out[i] = st && st->nmilestones ? st->milestones[i] : dflt[i];
	return n;
}

const char *strategy_headcount_problem(const struct strategy *st, int *index, const char **field,
				       char *why, size_t n)
{
	*index = -1;
	*field = "headcount";
	if (st->nheadcount > STRATEGY_HEADCOUNT_CHANGES) {
		snprintf(why, n, _("too many changes: at most %d"), STRATEGY_HEADCOUNT_CHANGES);
		return why;
	}
	for (int i = 0; i < st->nheadcount; i++) {
		const struct headcount_change *h = &st->headcount[i];
		*index = i;
		if (h->count < 1 || h->count > STRATEGY_HEADCOUNT_MAX) {
			snprintf(why, n, _("a headcount is a whole number from 1 to %d, got %d"), STRATEGY_HEADCOUNT_MAX,
				 h->count);
			return why;
		}
		if (h->from == 0 && st->nheadcount > 1) {
			snprintf(why, n, _("a change needs a date (from: YYYY-MM-DD)"));
			return why;
		}
		if (i > 0 && h->from <= h[-1].from) {
			char a[16], b[16];
			time_date_str(h->from, a, sizeof a);
			time_date_str(h[-1].from, b, sizeof b);
			snprintf(why, n, _("the changes must be in date order: %s comes after %s"), a, b);
			return why;
		}
	}
	*field = "milestones";
	for (int i = 0; i < st->nmilestones; i++) {
		*index = i;
		double m = st->milestones[i];
		if (!(m > 0 && m <= 100)) {
			snprintf(why, n, _("a milestone is a percentage above 0 and at most 100, got %g"), m);
			return why;
		}
		if (i > 0 && m <= st->milestones[i - 1]) {
			snprintf(why, n, _("the milestones must rise: %g comes after %g"), m, st->milestones[i - 1]);
			return why;
		}
	}
	*index = -1;
	return NULL;
}

int strategy_load(struct store *s, struct strategy *st_, struct err *e)
{
	memset(st_, 0, sizeof *st_);
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	char org[256] = "";
	store_meta_get(s, "organisation", org, sizeof org);
	st_->organisation = core_strdup(org);
	sqlite3_stmt *q;
	if ((q = store_prepare(s, "SELECT id, title, COALESCE(description,''), COALESCE(kpi_metric,''), "
				  "kpi_target, COALESCE(kpi_period,''), version FROM goals ORDER BY position, id", e))) {
		while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
			struct goal *g = core_grow((void **)&st_->goals, &st_->ngoals, sizeof *g);
			if (!g) { st = err_set(e, CH_UNUSABLE, _("out of memory")); break; }
			g->id = sqlite3_column_int64(q, 0);
			g->title = core_dup(q, 1);
			g->description = core_dup(q, 2);
			g->kpi_metric = core_dup(q, 3);
			g->kpi_target = sqlite3_column_double(q, 4);
			g->kpi_period = core_dup(q, 5);
			g->version = sqlite3_column_int(q, 6);
		}
		sqlite3_finalize(q);
	} else if (st == CH_OK) {
		st = e ? e->status : CH_UNUSABLE;   /* the query could not be prepared */
	}
	for (int i = 0; st == CH_OK && i < st_->ngoals; i++)
		st = load_names(s, "SELECT a.name FROM goal_audiences ga JOIN audiences a ON a.id = ga.audience_id "
				   "WHERE ga.goal_id = ? ORDER BY ga.position", st_->goals[i].id,
				&st_->goals[i].audiences, &st_->goals[i].naudiences, e);
	if (st == CH_OK && (q = store_prepare(s, "SELECT id, name, COALESCE(info_need,''), version FROM audiences "
						 "ORDER BY position, id", e))) {
		while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
			struct audience *a = core_grow((void **)&st_->audiences, &st_->naudiences, sizeof *a);
			if (!a) { st = err_set(e, CH_UNUSABLE, _("out of memory")); break; }
			a->id = sqlite3_column_int64(q, 0);
			a->name = core_dup(q, 1);
			a->info_need = core_dup(q, 2);
			a->version = sqlite3_column_int(q, 3);
		}
		sqlite3_finalize(q);
	} else if (st == CH_OK) {
		st = e ? e->status : CH_UNUSABLE;   /* the query could not be prepared */
	}
	for (int i = 0; st == CH_OK && i < st_->naudiences; i++)
		st = load_names(s, "SELECT p.key FROM audience_platforms ap JOIN platforms p ON p.id = ap.platform_id "
				   "WHERE ap.audience_id = ? ORDER BY ap.position", st_->audiences[i].id,
				&st_->audiences[i].platforms, &st_->audiences[i].nplatforms, e);
	if (st == CH_OK && (q = store_prepare(s, "SELECT id, name, COALESCE(description,''), COALESCE(colour,''), "
						 "version FROM pillars ORDER BY position, id", e))) {
		while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
			struct pillar *p = core_grow((void **)&st_->pillars, &st_->npillars, sizeof *p);
			if (!p) { st = err_set(e, CH_UNUSABLE, _("out of memory")); break; }
			p->id = sqlite3_column_int64(q, 0);
			p->name = core_dup(q, 1);
			p->description = core_dup(q, 2);
			p->colour = core_dup(q, 3);
			p->version = sqlite3_column_int(q, 4);
		}
		sqlite3_finalize(q);
	} else if (st == CH_OK) {
		st = e ? e->status : CH_UNUSABLE;   /* the query could not be prepared */
	}
	if (st == CH_OK && (q = store_prepare(s, "SELECT id, key, name, max_length, COALESCE(share_url,''), cpm, cpc, "
						 "reaction_multiplier, version FROM platforms ORDER BY position, id", e))) {
		while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
			struct platform *p = core_grow((void **)&st_->platforms, &st_->nplatforms, sizeof *p);
			if (!p) { st = err_set(e, CH_UNUSABLE, _("out of memory")); break; }
			p->id = sqlite3_column_int64(q, 0);
			p->key = core_dup(q, 1);
			p->name = core_dup(q, 2);
			p->max_length = sqlite3_column_int(q, 3);
			p->share_url = core_dup(q, 4);
			p->cpm = sqlite3_column_double(q, 5);
			p->cpc = sqlite3_column_double(q, 6);
			p->reaction_multiplier = sqlite3_column_double(q, 7);
			p->version = sqlite3_column_int(q, 8);
		}
		sqlite3_finalize(q);
	} else if (st == CH_OK) {
		st = e ? e->status : CH_UNUSABLE;   /* the query could not be prepared */
	}
	if (st == CH_OK && (q = store_prepare(s, "SELECT id, name, COALESCE(description,''), version "
						 "FROM message_types ORDER BY position, id", e))) {
		while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
			struct message_type *t = core_grow((void **)&st_->message_types, &st_->nmessage_types, sizeof *t);
			if (!t) { st = err_set(e, CH_UNUSABLE, _("out of memory")); break; }
			t->id = sqlite3_column_int64(q, 0);
			t->name = core_dup(q, 1);
			t->description = core_dup(q, 2);
			t->version = sqlite3_column_int(q, 3);
		}
		sqlite3_finalize(q);
	} else if (st == CH_OK) {
		st = e ? e->status : CH_UNUSABLE;   /* the query could not be prepared */
	}
	if (st == CH_OK && (q = store_prepare(s, "SELECT id, name, pattern, severity, COALESCE(guidance,''), "
						 "version FROM policy_rules ORDER BY position, id", e))) {
		while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
			struct policy_rule *r = core_grow((void **)&st_->rules, &st_->nrules, sizeof *r);
			if (!r) { st = err_set(e, CH_UNUSABLE, _("out of memory")); break; }
			r->id = sqlite3_column_int64(q, 0);
			r->name = core_dup(q, 1);
			r->pattern = core_dup(q, 2);
			r->severity = (enum severity)severity_parse(core_col(q, 3));
			r->guidance = core_dup(q, 4);
			r->version = sqlite3_column_int(q, 5);
		}
		sqlite3_finalize(q);
	} else if (st == CH_OK) {
		st = e ? e->status : CH_UNUSABLE;   /* the query could not be prepared */
	}
	char v[16];
	st_->open_enrolment = store_setting_get(s, "open_enrolment", v, sizeof v) && strcmp(v, "true") == 0;
	st_->wip_inbox = setting_int(s, "wip_inbox", 0);
	st_->wip_editing = setting_int(s, "wip_editing", 0);
	st_->wip_ready = setting_int(s, "wip_ready", 0);
	st_->quiet_weeks = setting_int(s, "quiet_weeks", 4);
	st_->adoption_target = setting_double(s, "adoption_target", 0.10);
	if (st == CH_OK)
		st = load_headcount(s, st_, e);
	st = store_end(s, st, e);
	if (st != CH_OK)
		strategy_free(st_);
	return st;
}

static void free_names(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

void strategy_free(struct strategy *st)
{
	free(st->organisation);
	free(st->headcount);
	for (int k = SK_GOAL; k <= SK_RULE; k++)
		for (int i = 0; i < strategy_count(st, (enum strategy_kind)k); i++) {
			char *x = (char *)strategy_entity(st, (enum strategy_kind)k, i);
			for (const struct strategy_field *f = strategy_fields((enum strategy_kind)k); f->key; f++)
				if (SF_IS_TEXT(f->type))
					free(*(char **)(x + f->off));
				else if (f->type == SF_NAMES)
					free_names(*(char ***)(x + f->off), *(int *)(x + f->count_off));
		}
	free(st->goals); free(st->audiences); free(st->pillars); free(st->platforms);
	free(st->message_types); free(st->rules);
	memset(st, 0, sizeof *st);
}
