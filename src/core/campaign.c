/* campaign.c — campaigns and shares.  A campaign is a set of messages for one
 * goal and audience over a period; a share is one publisher posting one
 * message on one platform, later enriched with its figures. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/campaign.h"
#include "chorus/engagement.h"
#include "chorus/message.h"
#include "chorus/focus_group.h"
#include "core.h"
#include "schema.h"
#include "../util/timeutil.h"

static int date_ok(const char *field, const char *d, struct err *e)
{
	if (!d || !*d)
		return CH_OK;
	if (strlen(d) != 10 || store_parse_time(d) < 0)
		return err_set(e, CH_INVALID, _("%s '%s' is not a date (YYYY-MM-DD)"), field, d);
	return CH_OK;
}

/* Resolve goal and audience names; 0 where not given. */
static int campaign_refs(struct store *s, const struct campaign_change *c, int64_t *goal,
			 int64_t *aud, struct err *e)
{
	*goal = *aud = 0;
	if (c->goal && *c->goal && !(*goal = core_id_by(s, "SELECT id FROM goals WHERE title = ?", c->goal)))
		return err_set(e, CH_INVALID, _("no such goal: %s"), c->goal);
	if (c->audience && *c->audience &&
	    !(*aud = core_id_by(s, "SELECT id FROM audiences WHERE name = ?", c->audience)))
		return err_set(e, CH_INVALID, _("no such audience: %s"), c->audience);
	return CH_OK;
}

/* The focus group a campaign is for (0: none), which must be in use. */
static int campaign_group(struct store *s, const struct campaign_change *c, int64_t *gid, struct err *e)
{
	struct focus_group g;
	*gid = 0;
	if (!c->group || !*c->group)
		return CH_OK;
	if (focus_group_find(s, c->group, &g, NULL) != CH_OK)
		return err_set(e, CH_INVALID, _("focus group %s: no such focus group"), c->group);
	if (g.archived_at)
		return err_set(e, CH_INVALID, _("focus group %s: it is archived"), c->group);
	*gid = g.id;
	return CH_OK;
}

/* Set (or clear) the campaign's focus group when the change names one. */
static int campaign_set_group(struct store *s, int64_t id, const struct campaign_change *c, struct err *e)
{
	int64_t gid;
	int st = c->group ? campaign_group(s, c, &gid, e) : CH_OK;
	if (st != CH_OK || !c->group)
		return st;
	sqlite3_stmt *q = store_prepare(s, "UPDATE campaigns SET group_id = ?2 WHERE id = ?1", e);
	if (q) {
		sqlite3_bind_int64(q, 1, id);
		if (gid)
			sqlite3_bind_int64(q, 2, gid);
	}
	return core_run(s, q, _("saving the campaign's focus group"), e);
}

static int campaign_check(const struct campaign_change *c, int need_name, struct err *e)
{
	int st = CH_OK;
	if (c->name || need_name)
		st = core_text_ok(_("campaign name"), c->name, 0, 95, e);
	if (st == CH_OK)
		st = date_ok(_("start date"), c->starts, e);
	if (st == CH_OK)
		st = date_ok(_("end date"), c->ends, e);
	if (st == CH_OK && c->starts && c->ends && *c->starts && *c->ends && strcmp(c->starts, c->ends) > 0)
		st = err_set(e, CH_INVALID, _("the campaign ends (%s) before it starts (%s)"), c->ends, c->starts);
	return st;
}

static int campaign_log(struct store *s, int64_t id, const char *action,
			const struct campaign_change *c, struct err *e)
{
	struct json j;
	json_init(&j);
	if (c->name)
		json_str(&j, "name", c->name);
	if (c->goal)
		json_str(&j, "goal", c->goal);
	if (c->audience)
		json_str(&j, "audience", c->audience);
	if (c->starts)
		json_str(&j, "starts", c->starts);
	if (c->ends)
		json_str(&j, "ends", c->ends);
	if (c->target_shares >= 0)
		json_int(&j, "target_shares", c->target_shares);
	if (c->group)
		json_str(&j, "group", c->group);
	int st = audit_log(s, "campaign", id, action, &j, e);
	json_free(&j);
	return st;
}

int campaign_add(struct store *s, const struct campaign_change *c, int64_t *id, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("adding campaigns"), e);
	if (st == CH_OK)
		st = campaign_check(c, 1, e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int64_t goal, aud;
	st = campaign_refs(s, c, &goal, &aud, e);
	if (st == CH_OK && core_id_by(s, "SELECT id FROM campaigns WHERE name = ?", c->name))
		st = err_set(e, CH_INVALID, _("a campaign named %s exists already"), c->name);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s,
			"INSERT INTO campaigns(name, description, goal_id, audience_id, starts, ends, "
			"target_shares, updated_at, updated_by) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
		if (q) {
			sqlite3_bind_text(q, 1, c->name, -1, SQLITE_STATIC);
			core_bind_text(q, 2, c->description);
			if (goal)
				sqlite3_bind_int64(q, 3, goal);
			if (aud)
				sqlite3_bind_int64(q, 4, aud);
			core_bind_text(q, 5, c->starts);
			core_bind_text(q, 6, c->ends);
			sqlite3_bind_int(q, 7, c->target_shares > 0 ? c->target_shares : 0);
			sqlite3_bind_int64(q, 8, store_now());
			sqlite3_bind_int64(q, 9, s->me);
		}
		st = core_run(s, q, _("adding the campaign"), e);
	}
	int64_t cid = sqlite3_last_insert_rowid(s->db);
	if (st == CH_OK)
		st = campaign_set_group(s, cid, c, e);
	if (st == CH_OK)
		st = campaign_log(s, cid, "add", c, e);
	if (st == CH_OK && id)
		*id = cid;
	return store_end(s, st, e);
}

int campaign_set(struct store *s, int64_t id, const struct campaign_change *c,
		 int expected_version, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("changing campaigns"), e);
	if (st == CH_OK)
		st = campaign_check(c, 0, e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int64_t goal, aud;
	st = core_version(s, "SELECT c.version, c.updated_at, b.login FROM campaigns c "
			     "LEFT JOIN people b ON b.id = c.updated_by WHERE c.id = ?",
			  id, expected_version, _("campaign"), NULL, e);
	if (st == CH_OK)
		st = campaign_refs(s, c, &goal, &aud, e);
	if (st == CH_OK && ((c->starts && *c->starts) || (c->ends && *c->ends))) {
		/* One date changed: check it against the other one as stored. */
		sqlite3_stmt *q = store_prepare(s, "SELECT COALESCE(?2, starts, ''), COALESCE(?3, ends, '') "
						   "FROM campaigns WHERE id = ?1", e);
		if (!q)
			st = e->status;
		else {
			sqlite3_bind_int64(q, 1, id);
			core_bind_text(q, 2, c->starts);
			core_bind_text(q, 3, c->ends);
			if (sqlite3_step(q) == SQLITE_ROW) {
				struct campaign_change both = { .starts = core_col(q, 0), .ends = core_col(q, 1) };
				st = campaign_check(&both, 0, e);
			}
			sqlite3_finalize(q);
		}
	}
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s,
			"UPDATE campaigns SET name = COALESCE(?2, name), description = COALESCE(?3, description), "
			"goal_id = CASE WHEN ?4 IS NULL THEN goal_id WHEN ?4 = 0 THEN NULL ELSE ?4 END, "
			"audience_id = CASE WHEN ?5 IS NULL THEN audience_id WHEN ?5 = 0 THEN NULL ELSE ?5 END, "
			"starts = COALESCE(?6, starts), ends = COALESCE(?7, ends), "
			"target_shares = CASE WHEN ?8 < 0 THEN target_shares ELSE ?8 END, "
			"updated_at = ?9, updated_by = ?10, version = version + 1 WHERE id = ?1", e);
		if (q) {
			sqlite3_bind_int64(q, 1, id);
			core_bind_text(q, 2, c->name);
			core_bind_text(q, 3, c->description);
			if (c->goal)
				sqlite3_bind_int64(q, 4, goal);
			if (c->audience)
				sqlite3_bind_int64(q, 5, aud);
			core_bind_text(q, 6, c->starts);
			core_bind_text(q, 7, c->ends);
			sqlite3_bind_int(q, 8, c->target_shares);
			sqlite3_bind_int64(q, 9, store_now());
			sqlite3_bind_int64(q, 10, s->me);
		}
		st = core_run(s, q, _("saving the campaign"), e);
	}
	if (st == CH_OK)
		st = campaign_set_group(s, id, c, e);
	if (st == CH_OK)
		st = campaign_log(s, id, "set", c, e);
	return store_end(s, st, e);
}

/* The columns of a campaign as struct campaign holds them; ?1 binds in WHERE.
 * A file older than SCHEMA_GROUPS_JOURNEY (read-only) has no focus group. */
#define CAMPAIGN_COLS(group) \
	"SELECT c.id, c.name, COALESCE(c.description, ''), COALESCE(g.title, ''), " \
	"COALESCE(a.name, ''), COALESCE(c.starts, ''), COALESCE(c.ends, ''), c.target_shares, " \
	"(SELECT count(*) FROM shares sh JOIN messages m ON m.id = sh.message_id " \
	" JOIN content ct ON ct.id = m.content_id WHERE ct.campaign_id = c.id), c.version, " group " " \
	"FROM campaigns c LEFT JOIN goals g ON g.id = c.goal_id " \
	"LEFT JOIN audiences a ON a.id = c.audience_id "

static const char *campaign_cols(const struct store *s)
{
	return s->schema_version >= SCHEMA_GROUPS_JOURNEY
		? CAMPAIGN_COLS("COALESCE((SELECT fg.name FROM focus_groups fg WHERE fg.id = c.group_id), '')")
		: CAMPAIGN_COLS("''");
}

static void campaign_row(sqlite3_stmt *q, struct campaign *c)
{
	c->id = sqlite3_column_int64(q, 0);
	core_copy(c->name, sizeof c->name, q, 1);
	c->description = core_dup(q, 2);
	core_copy(c->goal, sizeof c->goal, q, 3);
	core_copy(c->audience, sizeof c->audience, q, 4);
	core_copy(c->starts, sizeof c->starts, q, 5);
	core_copy(c->ends, sizeof c->ends, q, 6);
	c->target_shares = sqlite3_column_int(q, 7);
	c->shares = sqlite3_column_int(q, 8);
	c->version = sqlite3_column_int(q, 9);
	core_copy(c->group, sizeof c->group, q, 10);
}

/* One campaign by id, inside the caller's transaction; CH_FAILED when none. */
static int campaign_find(struct store *s, int64_t id, struct campaign *c, struct err *e)
{
	char sql[1024];
	snprintf(sql, sizeof sql, "%sWHERE c.id = ?1", campaign_cols(s));   /* both constants */
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		campaign_row(q, c);
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return CH_OK;
	if (rc != SQLITE_DONE)
		return store_sql_error(s, rc, _("reading the campaign"), e);
	return err_set(e, CH_FAILED, _("no such campaign: #%lld"), (long long)id);
}

int campaign_list(struct store *s, struct campaign **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	char sql[1024];
	snprintf(sql, sizeof sql, "%sORDER BY c.starts, c.id", campaign_cols(s));   /* both constants */
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return store_end(s, e->status, e);
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct campaign *c = core_grow((void **)out, n, sizeof **out);
		if (!c) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		campaign_row(q, c);
	}
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

void campaign_list_free(struct campaign *c, int n)
{
	for (int i = 0; i < n; i++)
		free(c[i].description);
	free(c);
}

enum campaign_status campaign_status_on(const struct campaign *c, const char *day)
{
	if (c->starts[0] && strcmp(day, c->starts) < 0)
		return CAMPAIGN_UPCOMING;
	if (c->ends[0] && strcmp(day, c->ends) > 0)
		return CAMPAIGN_ENDED;
	return CAMPAIGN_ACTIVE;
}

const char *campaign_status_name(enum campaign_status st)
{
	return st == CAMPAIGN_UPCOMING ? N_("upcoming") : st == CAMPAIGN_ENDED ? N_("ended") : N_("active");
}

void campaign_today(char *out, size_t n)
{
	time_t t = (time_t)store_now();
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, n, "%Y-%m-%d", &tm) == 0)
		snprintf(out, n, "%s", "");
}

int campaign_end(struct store *s, int64_t id, int expected_version, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("ending campaigns"), e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	char today[16];
	campaign_today(today, sizeof today);
	struct campaign c = {0};
	sqlite3_stmt *q;
	st = campaign_find(s, id, &c, e);
	int found = st == CH_OK;
	if (st == CH_OK)
		st = core_version(s, "SELECT c.version, c.updated_at, b.login FROM campaigns c "
				     "LEFT JOIN people b ON b.id = c.updated_by WHERE c.id = ?",
				  id, expected_version, _("campaign"), NULL, e);
	enum campaign_status now = found ? campaign_status_on(&c, today) : CAMPAIGN_ACTIVE;
	if (st == CH_OK && now == CAMPAIGN_ENDED)
		st = err_set(e, CH_FAILED, _("%s ended already, on %s"), c.name, c.ends);
	else if (st == CH_OK && strcmp(c.ends, today) == 0)
		st = err_set(e, CH_FAILED, _("%s ends today already"), c.name);
	else if (st == CH_OK && now == CAMPAIGN_UPCOMING)
		st = err_set(e, CH_FAILED, _("%s has not started yet (it starts on %s): change its dates instead"),
			     c.name, c.starts);
	if (st == CH_OK) {
		q = store_prepare(s, "UPDATE campaigns SET ends = ?2, updated_at = ?3, updated_by = ?4, "
				     "version = version + 1 WHERE id = ?1", e);
		if (q) {
			sqlite3_bind_int64(q, 1, id);
			sqlite3_bind_text(q, 2, today, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 3, store_now());
			sqlite3_bind_int64(q, 4, s->me);
		}
		st = core_run(s, q, _("ending the campaign"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "ends", today);
		if (c.ends[0])
			json_str(&j, "was", c.ends);
		st = audit_log(s, "campaign", id, "end", &j, e);
		json_free(&j);
	}
	free(c.description);
	return store_end(s, st, e);
}

/* The messages of the campaign's content, one row per message (content
 * without a message yet: one row with no platform). */
static int detail_messages(struct store *s, struct campaign_detail *d, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s,
		"SELECT ct.id, COALESCE(m.id, 0), ct.title, COALESCE(pl.key, ''), COALESCE(m.variant, 0), ct.stage, "
		"(SELECT count(*) FROM shares sh WHERE sh.message_id = m.id) "
		"FROM content ct LEFT JOIN messages m ON m.content_id = ct.id "
		"LEFT JOIN platforms pl ON pl.id = m.platform_id "
		"WHERE ct.campaign_id = ?1 ORDER BY ct.id, pl.position, pl.key, m.variant", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, d->c.id);
	int st = CH_OK;
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct campaign_message *m = core_grow((void **)&d->msgs, &d->nmsgs, sizeof *d->msgs);
		if (!m) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		m->content_id = sqlite3_column_int64(q, 0);
		m->message_id = sqlite3_column_int64(q, 1);
		core_copy(m->title, sizeof m->title, q, 2);
		core_copy(m->platform, sizeof m->platform, q, 3);
		m->variant = sqlite3_column_int(q, 4);
		core_copy(m->stage, sizeof m->stage, q, 5);
		m->shares = sqlite3_column_int(q, 6);
	}
	sqlite3_finalize(q);
	return st;
}

/* Shares of the campaign grouped by sql's first column (label or week). */
static int detail_counts(struct store *s, const char *sql, int64_t id, struct campaign_count **out,
			 int *n, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, id);
	int st = CH_OK;
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct campaign_count *c = core_grow((void **)out, n, sizeof **out);
		if (!c) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		core_copy(c->label, sizeof c->label, q, 0);
		c->week = sqlite3_column_int(q, 1);
		c->shares = sqlite3_column_int(q, 2);
	}
	sqlite3_finalize(q);
	return st;
}

/* The shares of campaign ?1, after "FROM shares sh". */
#define SHARES_OF_CAMPAIGN \
	"JOIN messages m ON m.id = sh.message_id " \
	"JOIN content ct ON ct.id = m.content_id WHERE ct.campaign_id = ?1 "

/* Every week of the period (an open end: up to this week; at most 104
 * weeks), and the weeks outside it that have shares, oldest first. */
static int detail_weeks(struct campaign_detail *d, const struct campaign_count *had, int nhad, struct err *e)
{
	int pf = INT32_MAX, pl = INT32_MIN;
	if (d->c.starts[0]) {
		pf = engagement_week_of(store_parse_time(d->c.starts));
		pl = engagement_week_of(d->c.ends[0] ? store_parse_time(d->c.ends) : store_now());
		if (pl - pf >= 104)
			pl = pf + 103;
		d->period_weeks = pl >= pf ? pl - pf + 1 : 0;
	}
	int first = pf, last = pl;
	for (int i = 0; i < nhad; i++) {
		if (had[i].week < first)
			first = had[i].week;
		if (had[i].week > last)
			last = had[i].week;
	}
	for (int w = first; first != INT32_MAX && w <= last; w++) {
		int shares = 0, seen = 0;
		for (int i = 0; i < nhad && !seen; i++)
			if (had[i].week == w) {
				shares = had[i].shares;
				seen = 1;
			}
		if (!seen && (w < pf || w > pl))
			continue;
		struct campaign_count *c = core_grow((void **)&d->weeks, &d->nweeks, sizeof *d->weeks);
		if (!c)
			return err_set(e, CH_UNUSABLE, _("out of memory"));
		c->week = w;
		c->shares = shares;
		engagement_week_label(w, c->label, sizeof c->label);
	}
	return CH_OK;
}

/* Who shared: how many, and their names alphabetically (no counts: this is
 * for coaching, not a ranking). */
static int detail_sharers(struct store *s, struct campaign_detail *d, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s,
		"SELECT p.name FROM people p WHERE p.id IN (SELECT sh.person_id FROM shares sh " SHARES_OF_CAMPAIGN ") "
		"ORDER BY p.name COLLATE NOCASE, p.login", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, d->c.id);
	size_t o = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		d->sharers++;
		const char *name = core_col(q, 0);
		if (o < sizeof d->names - 1) {
			int k = snprintf(d->names + o, sizeof d->names - o, "%s%s", o ? ", " : "", name);
			o = k < 0 ? o : o + (size_t)k;
		}
	}
	sqlite3_finalize(q);
	if (o >= sizeof d->names - 1)
		snprintf(d->names + sizeof d->names - 5, 5, "...");
	return CH_OK;
}

int campaign_detail(struct store *s, int64_t id, struct campaign_detail *d, struct err *e)
{
	memset(d, 0, sizeof *d);
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	st = campaign_find(s, id, &d->c, e);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s, "SELECT group_concat(name, ', ') FROM (SELECT DISTINCT pi.name FROM content ct "
				     "JOIN pillars pi ON pi.id = ct.pillar_id WHERE ct.campaign_id = ?1 "
				     "ORDER BY pi.position, pi.name)", e);
		if (!q)
			st = e->status;
		else {
			sqlite3_bind_int64(q, 1, id);
			if (sqlite3_step(q) == SQLITE_ROW)
				core_copy(d->pillars, sizeof d->pillars, q, 0);
			sqlite3_finalize(q);
		}
	}
	if (st == CH_OK)
		st = detail_messages(s, d, e);
	if (st == CH_OK)
		st = detail_counts(s, "SELECT pl.name, 0, count(*) FROM shares sh JOIN platforms pl ON pl.id = sh.platform_id "
				   SHARES_OF_CAMPAIGN
				   "GROUP BY sh.platform_id ORDER BY pl.position, pl.name",
				   id, &d->platforms, &d->nplatforms, e);
	struct campaign_count *had = NULL;
	int nhad = 0;
	if (st == CH_OK)
		st = detail_counts(s, "SELECT '', CAST((sh.shared_at - " TIME_WEEK0_SQL ") / " TIME_WEEK_SQL " AS INTEGER) AS w, count(*) "
				   "FROM shares sh " SHARES_OF_CAMPAIGN "GROUP BY w ORDER BY w", id, &had, &nhad, e);
	if (st == CH_OK)
		st = detail_weeks(d, had, nhad, e);
	free(had);
	if (st == CH_OK)
		st = detail_sharers(s, d, e);
	st = store_end(s, st, e);
	if (st != CH_OK)
		campaign_detail_free(d);
	return st;
}

void campaign_detail_free(struct campaign_detail *d)
{
	free(d->c.description);
	free(d->msgs);
	free(d->platforms);
	free(d->weeks);
	memset(d, 0, sizeof *d);
}

int share_log(struct store *s, int64_t message_id, const char *platform_key,
	      const char *url, int64_t shared_at, int64_t *id, struct err *e)
{
	int st = CH_OK;
	if (url && *url) {
		st = core_text_ok(NT_("--url"), url, 0, 2048, e);
		if (st == CH_OK && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
			st = err_set(e, CH_INVALID, _("--url %s: not a web address (http:// or https://)"), url);
	}
	/* A few minutes' grace for clocks that differ; later is a typo, and a
	 * share in the future would push the report past today. */
	if (st == CH_OK && shared_at > store_now() + SHARE_FUTURE_GRACE) {
		char when[32];
		store_time_str(shared_at, when, sizeof when);
		st = err_set(e, CH_INVALID, _("the share is dated in the future: %s UTC"), when);
	}
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	struct message m = {0};
	st = message_get(s, message_id, &m, e);
	/* Nobody shares a message before it was written; a past share of
	 * content archived since is logged without moving the content. */
	int64_t written = 0, archived_at = -1;
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s, "SELECT m.created_at, CASE WHEN c.stage = 'archived' "
						   "THEN c.stage_at ELSE -1 END FROM messages m "
						   "JOIN content c ON c.id = m.content_id WHERE m.id = ?", e);
		if (!q)
			st = e->status;
		else {
			sqlite3_bind_int64(q, 1, message_id);
			if (sqlite3_step(q) == SQLITE_ROW) {
				written = sqlite3_column_int64(q, 0);
				archived_at = sqlite3_column_int64(q, 1);
			}
			sqlite3_finalize(q);
		}
	}
	if (st == CH_OK && shared_at > 0 && shared_at < written) {
		char when[32], w[32];
		store_time_str(shared_at, when, sizeof when);
		store_time_str(written, w, sizeof w);
		st = err_set(e, CH_INVALID, _("the share is dated %s UTC, before message %lld was written (%s UTC)"),
			     when, (long long)message_id, w);
	}
	int past_of_archived = shared_at > 0 && archived_at >= 0 && shared_at < archived_at;
	int64_t plat = m.platform_id;
	if (st == CH_OK && platform_key && *platform_key &&
	    !(plat = core_id_by(s, "SELECT id FROM platforms WHERE key = ?", platform_key)))
		st = err_set(e, CH_INVALID, _("no such platform: %s"), platform_key);
	if (st == CH_OK && url && *url && core_id_by(s, "SELECT id FROM shares WHERE url = ?", url))
		st = err_set(e, CH_FAILED, _("a share with the URL %s is logged already"), url);
	int64_t sid = 0;
	if (st == CH_OK && !past_of_archived)
		st = content_mark_shared(s, m.content_id, e);
	if (st == CH_OK) {
		int64_t now = store_now();
		sqlite3_stmt *q = store_prepare(s,
			"INSERT INTO shares(message_id, person_id, platform_id, shared_at, url, updated_at, "
			"updated_by) VALUES(?, ?, ?, ?, ?, ?, ?)", e);
		if (q) {
			sqlite3_bind_int64(q, 1, message_id);
			sqlite3_bind_int64(q, 2, s->me);
			sqlite3_bind_int64(q, 3, plat);
			sqlite3_bind_int64(q, 4, shared_at > 0 ? shared_at : now);
			core_bind_text(q, 5, url && *url ? url : NULL);
			sqlite3_bind_int64(q, 6, now);
			sqlite3_bind_int64(q, 7, s->me);
		}
		st = core_run(s, q, _("logging the share"), e);
		sid = sqlite3_last_insert_rowid(s->db);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_int(&j, "message", message_id);
		json_int(&j, "content", m.content_id);
		json_str(&j, "platform", platform_key && *platform_key ? platform_key : m.platform);
		if (url && *url)
			json_str(&j, "url", url);
		st = audit_log(s, "share", sid, "share", &j, e);
		json_free(&j);
	}
	message_free(&m);
	if (st == CH_OK && id)
		*id = sid;
	return store_end(s, st, e);
}

int share_set_figures(struct store *s, int64_t share_id, const struct share_figures *f,
		      struct err *e)
{
	if (f->clicks < 0 || f->reactions < 0 || f->comments < 0 || f->reshares < 0 || f->impressions < 0)
		return err_set(e, CH_INVALID, _("share figures cannot be negative"));
	int st = store_begin(s, 1, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "SELECT person_id FROM shares WHERE id = ?", e);
	int64_t owner = 0;
	if (q) {
		sqlite3_bind_int64(q, 1, share_id);
		if (sqlite3_step(q) == SQLITE_ROW)
			owner = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	if (!owner)
		st = err_set(e, CH_FAILED, _("no such share: %lld"), (long long)share_id);
	else if (owner != s->me)
		st = store_require_role(s, ROLE_MASTER, _("changing someone else's share"), e);
	if (st == CH_OK) {
		q = store_prepare(s, "UPDATE shares SET clicks = ?2, reactions = ?3, comments = ?4, "
				     "reshares = ?5, impressions = ?6, updated_at = ?7, updated_by = ?8, "
				     "figures_at = ?7, version = version + 1 WHERE id = ?1", e);
		if (q) {
			sqlite3_bind_int64(q, 1, share_id);
			sqlite3_bind_int64(q, 2, f->clicks);
			sqlite3_bind_int64(q, 3, f->reactions);
			sqlite3_bind_int64(q, 4, f->comments);
			sqlite3_bind_int64(q, 5, f->reshares);
			sqlite3_bind_int64(q, 6, f->impressions);
			sqlite3_bind_int64(q, 7, store_now());
			sqlite3_bind_int64(q, 8, s->me);
		}
		st = core_run(s, q, _("saving the figures"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_int(&j, "clicks", f->clicks);
		json_int(&j, "reactions", f->reactions);
		json_int(&j, "comments", f->comments);
		json_int(&j, "reshares", f->reshares);
		json_int(&j, "impressions", f->impressions);
		st = audit_log(s, "share", share_id, "figures", &j, e);
		json_free(&j);
	}
	return store_end(s, st, e);
}
