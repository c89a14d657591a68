/* metrics_report.c — the report (metrics_report) and the per-post listing.
 *
 * The report must stay under a second on a large organisation (2,000 people,
 * 200,000 items, millions of events), also with a cold page cache, so it
 * reads narrow covering indexes rather than rows, each once, in order:
 * content's campaign, pillar and type (content_dims) and each message's
 * content (the messages' unique index) into memory, then one pass over the
 * shares of the period in time order (shares_by_time) that feeds every share
 * section at the same time; per-person input comes from activity_week (per
 * person-week counts kept by a trigger), with the events log read only for
 * the partial weeks at the edges of the period. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chorus/campaign.h"
#include "chorus/message.h"
#include "chorus/i18n.h"
#include "chorus/metrics.h"
#include "chorus/strategy_schema.h"
#include "core.h"
#include "schema.h"
#include "metrics_parts.h"
#include "../util/timeutil.h"

/* id → index in a list.  Ids are dense (INTEGER PRIMARY KEY, rows seldom
 * deleted), so a table indexed by id answers in one step; a very sparse set
 * falls back to binary search over (id, index) pairs sorted by id. */
struct idmap {
	int64_t (*pairs)[2];
	int n;
	int *direct;          /* direct[id] = index or -1, ids 0..ndirect-1 */
	int64_t ndirect;
};

static int pair_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int idmap_build(struct idmap *m, const void *list, int n, size_t elem, size_t id_off,
		       struct err *e)
{
	memset(m, 0, sizeof *m);
	m->pairs = malloc((size_t)(n ? n : 1) * sizeof *m->pairs);
	if (!m->pairs)
		return metrics_oom(e);
	int64_t lo = 0, hi = 0;
	for (int i = 0; i < n; i++) {
		memcpy(&m->pairs[i][0], (const char *)list + (size_t)i * elem + id_off, sizeof(int64_t));
		m->pairs[i][1] = i;
		if (i == 0 || m->pairs[i][0] < lo)
			lo = m->pairs[i][0];
		if (i == 0 || m->pairs[i][0] > hi)
			hi = m->pairs[i][0];
	}
	m->n = n;
	qsort(m->pairs, (size_t)n, sizeof *m->pairs, pair_cmp);
	if (n && lo >= 0 && hi <= 4 * (int64_t)n + 65536) {
		m->ndirect = hi + 1;
		if (!(m->direct = malloc((size_t)m->ndirect * sizeof *m->direct)))
			return metrics_oom(e);
		memset(m->direct, 0xff, (size_t)m->ndirect * sizeof *m->direct);   /* all -1 */
		for (int i = 0; i < n; i++)
			m->direct[m->pairs[i][0]] = (int)m->pairs[i][1];
	}
	return CH_OK;
}

static int idmap_find(const struct idmap *m, int64_t id)
{
	if (m->direct)
		return id >= 0 && id < m->ndirect ? m->direct[id] : -1;
	const int64_t (*p)[2] = bsearch(&id, m->pairs, (size_t)m->n, sizeof *m->pairs, pair_cmp);
	return p ? (int)(*p)[1] : -1;
}

static void idmap_free(struct idmap *m)
{
	free(m->pairs);
	free(m->direct);
	memset(m, 0, sizeof *m);
}

/* A run of consecutive weeks or months with figures per platform, grown as
 * shares arrive in any order. */
struct span {
	int64_t lo;           /* the first bucket's number */
	int n;
	int width;            /* platforms */
	struct metrics_figures *cells;  /* n × width */
};

static struct metrics_figures *span_at(struct span *sp, int64_t k, struct err *e, int *st)
{
	size_t row = (size_t)sp->width * sizeof *sp->cells;
	if (sp->n == 0 || k < sp->lo || k >= sp->lo + sp->n) {
		int64_t lo = sp->n == 0 ? k : k < sp->lo ? k : sp->lo;
		int64_t hi = sp->n == 0 ? k : k >= sp->lo + sp->n ? k : sp->lo + sp->n - 1;
		if (hi - lo >= 100000) {   /* about 2,000 years of weeks: a date is wrong */
			*st = err_set(e, CH_INVALID, _("the shares span more than 100,000 weeks; "
				      "narrow the report with --since and --until"));
			return NULL;
		}
		int n = (int)(hi - lo + 1);
		struct metrics_figures *c = calloc((size_t)n * (size_t)(sp->width ? sp->width : 1), sizeof *c);
		if (!c) {
			*st = metrics_oom(e);
			return NULL;
		}
		if (sp->n)
			memcpy((char *)c + (size_t)(sp->lo - lo) * row, sp->cells, (size_t)sp->n * row);
		free(sp->cells);
		sp->cells = c;
		sp->lo = lo;
		sp->n = n;
	}
	return sp->cells + (size_t)(k - sp->lo) * (size_t)sp->width;
}

static void fig_add(struct metrics_figures *a, const struct metrics_figures *b)
{
	a->shares += b->shares;
	a->impressions += b->impressions;
	a->clicks += b->clicks;
	a->reactions += b->reactions;
	a->comments += b->comments;
	a->reshares += b->reshares;
	a->emv += b->emv;
	a->known += b->known;
}

/* time_month_of for a stream of times that mostly stay in one month. */
struct month_cache {
	int64_t from, to, month;   /* [from, to) is month */
};

static int64_t month_cached(struct month_cache *c, int64_t t)
{
	if (c->to <= c->from || t < c->from || t >= c->to) {
		c->month = time_month_of(t);
		c->from = time_month_start(c->month);
		c->to = time_month_start(c->month + 1);
	}
	return c->month;
}

/* --- the report: loading the lists ------------------------------------------ */

static int load_platforms(struct store *s, struct metrics_report *r, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT id, key, name, cpm, cpc, reaction_multiplier "
					   "FROM platforms ORDER BY position, id", e);
	if (!q)
		return e->status;
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct metrics_platform *p = metrics_grow(&r->platforms, &r->nplatforms, sizeof *p, e, &st);
		if (!p)
			break;
		p->id = sqlite3_column_int64(q, 0);
		core_copy(p->key, sizeof p->key, q, 1);
		core_copy(p->name, sizeof p->name, q, 2);
		p->cpm = sqlite3_column_double(q, 3);
		p->cpc = sqlite3_column_double(q, 4);
		p->reaction_multiplier = sqlite3_column_double(q, 5);
	}
	sqlite3_finalize(q);
	return st;
}

/* Pillars or message types in display order, then "(none)" as id 0. */
static int load_groups(struct store *s, const char *sql, struct metrics_group **out, int *n,
		       struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct metrics_group *g = metrics_grow(out, n, sizeof *g, e, &st);
		if (!g)
			break;
		g->id = sqlite3_column_int64(q, 0);
		core_copy(g->name, sizeof g->name, q, 1);
	}
	sqlite3_finalize(q);
	if (st == CH_OK)
		metrics_grow(out, n, sizeof **out, e, &st);   /* the id-0 group, named "" */
	return st;
}

static int load_campaigns(struct store *s, struct metrics_report *r, int64_t **goal_of,
			  struct err *e)
{
	sqlite3_stmt *q = store_prepare(s,
		"SELECT c.id, c.name, COALESCE(g.title, ''), COALESCE(c.starts, ''), COALESCE(c.ends, ''), "
		"c.target_shares, COALESCE(c.goal_id, 0) FROM campaigns c LEFT JOIN goals g ON g.id = c.goal_id "
		"ORDER BY COALESCE(c.starts, ''), c.name, c.id", e);
	if (!q)
		return e->status;
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		int64_t *g = realloc(*goal_of, (size_t)(r->ncampaigns + 1) * sizeof **goal_of);
		if (!g) {
			st = metrics_oom(e);
			break;
		}
		*goal_of = g;
		g[r->ncampaigns] = sqlite3_column_int64(q, 6);
		struct metrics_campaign *c = metrics_grow(&r->campaigns, &r->ncampaigns, sizeof *c, e, &st);
		if (!c)
			break;
		c->id = sqlite3_column_int64(q, 0);
		core_copy(c->name, sizeof c->name, q, 1);
		core_copy(c->goal, sizeof c->goal, q, 2);
		core_copy(c->starts, sizeof c->starts, q, 3);
		core_copy(c->ends, sizeof c->ends, q, 4);
		c->target_shares = sqlite3_column_int64(q, 5);
	}
	sqlite3_finalize(q);
	return st;
}

static int load_people(struct store *s, struct metrics_report *r, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s,
		"SELECT p.id, p.login, p.name, COALESCE(t.name, ''), p.active, p.created_at FROM people p "
		"LEFT JOIN teams t ON t.id = p.team_id ORDER BY p.login", e);
	if (!q)
		return e->status;
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct metrics_person *p = metrics_grow(&r->people, &r->npeople, sizeof *p, e, &st);
		if (!p)
			break;
		p->id = sqlite3_column_int64(q, 0);
		core_copy(p->login, sizeof p->login, q, 1);
		core_copy(p->name, sizeof p->name, q, 2);
		core_copy(p->team, sizeof p->team, q, 3);
		p->active = sqlite3_column_int(q, 4);
		p->joined = sqlite3_column_int64(q, 5);
	}
	sqlite3_finalize(q);
	return st;
}

static int load_goals(struct store *s, struct metrics_report *r, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s,
		"SELECT id, title, COALESCE(kpi_metric, ''), kpi_target, COALESCE(kpi_period, '') "
		"FROM goals ORDER BY position, id", e);
	if (!q)
		return e->status;
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct metrics_kpi *k = metrics_grow(&r->kpis, &r->nkpis, sizeof *k, e, &st);
		if (!k)
			break;
		k->id = sqlite3_column_int64(q, 0);
		core_copy(k->goal, sizeof k->goal, q, 1);
		core_copy(k->metric, sizeof k->metric, q, 2);
		k->target = sqlite3_column_double(q, 3);
		core_copy(k->period, sizeof k->period, q, 4);
		if (strategy_period_days(k->period, &k->first_day, &k->last_day) < 0)
			k->first_day = k->last_day = -1;
	}
	sqlite3_finalize(q);
	return st;
}

/* --- the report: the passes ---------------------------------------------- */

/* Where each message's shares go: its content's campaign, pillar and type,
 * as indexes into the report's lists (-1 = none).  Sorted by message id. */
struct msg_dest {
	int64_t id;
	int campaign, pillar, type;
};

/* Everything the share pass needs to find its buckets. */
struct pass {
	struct metrics_report *r;
	struct idmap platforms, campaigns, pillars, types, people;
	int64_t *campaign_goal;      /* goal id of each campaign */
	struct idmap goals;
	unsigned char *goal_sharer;  /* nkpis × npeople: who shared for which goal */
	struct metrics_figures *kpi_own;   /* nkpis: over the KPI's own period, when it has one */
	int64_t *kpi_own_sharers;
	struct msg_dest *dest;       /* per message: sorted by id, or indexed by */
	int ndest;
	int direct;                  /* id when this is set (a gap has id 0) */
	struct span weeks, months;
	int64_t first, last;         /* shared_at of the first and last share seen */
	int any;
};

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* Index a list of destinations by id: a table indexed by id when ids are
 * dense (INTEGER PRIMARY KEY, rows seldom deleted), one memory access per
 * lookup; else the list sorted by id, for a binary search.  A gap in the
 * table has id 0. */
static int dests_by_id(struct msg_dest **v, int *n, int *direct, struct err *e)
{
	int64_t maxid = 0;
	for (int i = 0; i < *n; i++)
		if ((*v)[i].id > maxid)
			maxid = (*v)[i].id;
	if (*n && maxid <= 4 * (int64_t)*n + 65536) {
		struct msg_dest *t = calloc((size_t)maxid + 1, sizeof *t);
		if (!t)
			return metrics_oom(e);
		for (int i = 0; i < *n; i++)
			if ((*v)[i].id > 0)
				t[(*v)[i].id] = (*v)[i];
		free(*v);
		*v = t;
		*n = (int)maxid + 1;
		*direct = 1;
	} else if (*n > 1)
		qsort(*v, (size_t)*n, sizeof **v, id_cmp);
	return CH_OK;
}

static const struct msg_dest *dests_find(const struct msg_dest *v, int n, int direct, int64_t id)
{
	if (direct)
		return id > 0 && id < n && v[id].id == id ? &v[id] : NULL;
	return bsearch(&id, v, (size_t)n, sizeof *v, id_cmp);
}

/* Which campaign, pillar and type each message belongs to: content's through
 * the covering index content_dims, then each message's content through the
 * messages' unique index (content_id, platform_id, variant), which holds the
 * message id too.  Neither reads a content or message row, so bodies and
 * texts stay on disk: a few thousand pages instead of twenty thousand, which
 * is what a cold page cache pays for. */
static int load_dests(struct store *s, struct pass *ps, struct err *e)
{
	struct msg_dest *cv = NULL;   /* per content, id = content id */
	int cn = 0, cdirect = 0, st = CH_OK, rc = SQLITE_DONE;
	sqlite3_stmt *q = store_prepare(s,
		"SELECT id, COALESCE(campaign_id, 0), COALESCE(pillar_id, 0), COALESCE(message_type_id, 0) "
		"FROM content", e);   /* the planner takes content_dims: it covers this */
	if (!q)
		return e->status;
	while (st == CH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct msg_dest *d = metrics_grow(&cv, &cn, sizeof *d, e, &st);
		if (!d)
			break;
		*d = (struct msg_dest){ sqlite3_column_int64(q, 0),
					idmap_find(&ps->campaigns, sqlite3_column_int64(q, 1)),
					idmap_find(&ps->pillars, sqlite3_column_int64(q, 2)),
					idmap_find(&ps->types, sqlite3_column_int64(q, 3)) };
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading content"), e);
	sqlite3_finalize(q);
	q = NULL;
	if (st == CH_OK)
		st = dests_by_id(&cv, &cn, &cdirect, e);
	if (st == CH_OK && !(q = store_prepare(s, "SELECT id, content_id FROM messages", e)))
		st = e->status;
	while (st == CH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const struct msg_dest *c = dests_find(cv, cn, cdirect, sqlite3_column_int64(q, 1));
		if (!c)
			continue;            /* foreign keys make this impossible; be safe */
		struct msg_dest *d = metrics_grow(&ps->dest, &ps->ndest, sizeof *d, e, &st);
		if (!d)
			break;
		*d = *c;
		d->id = sqlite3_column_int64(q, 0);
	}
	if (st == CH_OK && q && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading messages"), e);
	sqlite3_finalize(q);
	free(cv);
	if (st == CH_OK)
		st = dests_by_id(&ps->dest, &ps->ndest, &ps->direct, e);
	return st;
}

static const struct msg_dest *dest_find(const struct pass *ps, int64_t mid)
{
	return dests_find(ps->dest, ps->ndest, ps->direct, mid);
}

static int share_pass(struct store *s, struct pass *ps, int64_t lo, int64_t hi, struct err *e)
{
	struct metrics_report *r = ps->r;
	int st = load_dests(s, ps, e);
	if (st != CH_OK)
		return st;
	/* figures_at came with migration SCHEMA_FIGURES_AT: in an older file every share counts as
	 * having its figures, as it always did. */
	sqlite3_stmt *q = store_prepare(s, s->schema_version >= SCHEMA_FIGURES_AT
		? "SELECT shared_at, platform_id, person_id, message_id, impressions, clicks, reactions, "
		  "comments, reshares, figures_at IS NOT NULL FROM shares WHERE shared_at >= ?1 AND shared_at < ?2"
		: "SELECT shared_at, platform_id, person_id, message_id, impressions, clicks, reactions, "
		  "comments, reshares, 1 FROM shares WHERE shared_at >= ?1 AND shared_at < ?2", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, lo);
	sqlite3_bind_int64(q, 2, hi);
	int rc = SQLITE_DONE;
	struct month_cache mc = {0};
	while (st == CH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t at = sqlite3_column_int64(q, 0), mid = sqlite3_column_int64(q, 3);
		int pl = idmap_find(&ps->platforms, sqlite3_column_int64(q, 1));
		const struct msg_dest *d = dest_find(ps, mid);
		if (pl < 0 || !d)
			continue;   /* foreign keys make this impossible; be safe */
		const struct metrics_platform *p = &r->platforms[pl];
		struct metrics_figures f = { .shares = 1 };
		metrics_figures_columns(q, 4, &f);
		f.known = sqlite3_column_int(q, 9) != 0;
		f.emv = metrics_emv(p->cpm, p->cpc, p->reaction_multiplier, f.impressions, f.reactions, f.clicks);

		fig_add(&r->total, &f);
		fig_add(&r->platforms[pl].f, &f);
		struct metrics_figures *cell = span_at(&ps->weeks, metrics_week_of(at), e, &st);
		if (cell)
			fig_add(&cell[pl], &f);
		if (st == CH_OK && (cell = span_at(&ps->months, month_cached(&mc, at), e, &st)))
			fig_add(&cell[pl], &f);
		int pe = idmap_find(&ps->people, sqlite3_column_int64(q, 2));
		if (d->campaign >= 0) {
			fig_add(&r->campaigns[d->campaign].f, &f);
			int g = idmap_find(&ps->goals, ps->campaign_goal[d->campaign]);
			if (g >= 0 && pe >= 0)
				ps->goal_sharer[(size_t)g * (size_t)r->npeople + (size_t)pe] = 1;
		}
		fig_add(&r->pillars[d->pillar >= 0 ? d->pillar : r->npillars - 1].f, &f);
		fig_add(&r->types[d->type >= 0 ? d->type : r->ntypes - 1].f, &f);
		if (pe >= 0)
			fig_add(&r->people[pe].f, &f);
		if (!ps->any || at < ps->first)
			ps->first = at;
		if (!ps->any || at > ps->last)
			ps->last = at;
		ps->any = 1;
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading shares"), e);
	sqlite3_finalize(q);
	return st;
}

/* Contributions, edits and conversations per person in [lo, hi): whole weeks
 * from the activity_week table, the partial weeks at either edge from the events
 * log (through the same event_activity view that fills activity, so both
 * count the same things).  Shares are counted from the shares table instead,
 * by the day they were shared rather than the day they were logged. */
static int activity_pass(struct store *s, struct pass *ps, int64_t lo, int64_t hi, struct err *e)
{
	int64_t wlo = lo == INT64_MIN ? INT64_MIN : -time_floordiv(-(lo - TIME_WEEK0), TIME_WEEK);
	int64_t whi = hi == INT64_MAX ? INT64_MAX : time_floordiv(hi - TIME_WEEK0, TIME_WEEK) - 1;
	int64_t a1 = 0, a2 = 0, b1 = 0, b2 = 0;   /* the edges; empty by default */
	if (wlo > whi) {           /* not one whole week: all from the log */
		a1 = lo;
		a2 = hi;
		wlo = 1;
		whi = 0;
	} else {
		if (lo != INT64_MIN) {
			a1 = lo;
			a2 = metrics_week_start(wlo);
		}
		if (hi != INT64_MAX) {
			b1 = metrics_week_start(whi + 1);
			b2 = hi;
		}
	}
	/* The whole weeks: one range of activity_week (stored week first), a
	 * row per person-week with every kind in it. */
	sqlite3_stmt *q = store_prepare(s,
		"SELECT person_id, contributions, edits, conversations FROM activity_week "
		"WHERE week >= ?1 AND week <= ?2", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, wlo);
	sqlite3_bind_int64(q, 2, whi);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int pe = idmap_find(&ps->people, sqlite3_column_int64(q, 0));
		if (pe < 0)
			continue;
		struct metrics_person *p = &ps->r->people[pe];
		p->contributions += sqlite3_column_int64(q, 1);
		p->edits += sqlite3_column_int64(q, 2);
		p->conversations += sqlite3_column_int64(q, 3);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_sql_error(s, rc, _("reading activity"), e);
	/* The partial weeks at the edges, from the log. */
	q = store_prepare(s,
		"SELECT a.person_id, a.kind FROM events ev JOIN event_activity a ON a.id = ev.id "
		"WHERE ((ev.at >= ?1 AND ev.at < ?2) OR (ev.at >= ?3 AND ev.at < ?4)) "
		"AND a.kind IN ('contribution', 'edit', 'conversation') AND a.person_id IS NOT NULL", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, a1);
	sqlite3_bind_int64(q, 2, a2);
	sqlite3_bind_int64(q, 3, b1);
	sqlite3_bind_int64(q, 4, b2);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int pe = idmap_find(&ps->people, sqlite3_column_int64(q, 0));
		if (pe < 0)
			continue;
		const char *kind = core_col(q, 1);
		struct metrics_person *p = &ps->r->people[pe];
		if (strcmp(kind, "contribution") == 0)
			p->contributions++;
		else if (strcmp(kind, "edit") == 0)
			p->edits++;
		else if (strcmp(kind, "conversation") == 0)
			p->conversations++;
	}
	int st = rc == SQLITE_DONE ? CH_OK : store_sql_error(s, rc, _("reading activity"), e);
	sqlite3_finalize(q);
	return st;
}

/* The time of the first contribution, edit or conversation before hi, when
 * it is earlier than *first: the first week with any from activity_week
 * (stored week first, so its first rows), then the events up to its end. */
static int first_input(struct store *s, int64_t hi, int64_t *first, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s,
		"SELECT min(week) FROM activity_week WHERE contributions + edits + conversations > 0", e);
	if (!q)
		return e->status;
	int rc = sqlite3_step(q);
	int none = rc != SQLITE_ROW || sqlite3_column_type(q, 0) == SQLITE_NULL;
	int64_t w = none ? 0 : sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return store_sql_error(s, rc, _("reading activity"), e);
	if (none)
		return CH_OK;
	if (!(q = store_prepare(s,
		"SELECT min(ev.at) FROM events ev JOIN event_activity a ON a.id = ev.id "
		"WHERE ev.at < ?1 AND a.kind IN ('contribution', 'edit', 'conversation') "
		"AND a.person_id IS NOT NULL", e)))
		return e->status;
	/* No lower bound: before 1970-01-05 the aggregate's week is truncated,
	 * not floored; what lies before the first input week is the setup. */
	sqlite3_bind_int64(q, 1, metrics_week_start(w + 1) < hi ? metrics_week_start(w + 1) : hi);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL &&
	    sqlite3_column_int64(q, 0) < *first)
		*first = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? CH_OK : store_sql_error(s, rc, _("reading activity"), e);
}

/* --- the report: shaping the results ---------------------------------------- */

/* Turn a span into buckets, labelled. */
static int span_buckets(struct span *sp, int months, int width, struct metrics_bucket **out, int *n,
			struct err *e)
{
	*out = calloc((size_t)(sp->n ? sp->n : 1), sizeof **out);
	if (!*out)
		return metrics_oom(e);
	for (int i = 0; i < sp->n; i++) {
		struct metrics_bucket *b = &(*out)[i];
		int64_t k = sp->lo + i;
		b->per_platform = calloc((size_t)(width ? width : 1), sizeof *b->per_platform);
		if (!b->per_platform)
			return metrics_oom(e);
		*n = i + 1;
		if (months) {
			b->start = time_month_start(k);
			snprintf(b->label, sizeof b->label, "%04d-%02d", (int)time_floordiv(k, 12),
				 (int)(k - time_floordiv(k, 12) * 12 + 1));
		} else {
			b->start = metrics_week_start(k);
			metrics_week_label(k, b->label, sizeof b->label);
		}
		for (int p = 0; p < width; p++) {
			b->per_platform[p] = sp->cells[(size_t)i * (size_t)width + (size_t)p];
			fig_add(&b->total, &b->per_platform[p]);
		}
	}
	return CH_OK;
}

/* The roster of the period [lo, hi) (metrics_roster_load): each person's
 * team and whether active at the period's end, and whether they were in
 * the programme at some time in it. */
static int roster_of_period(struct store *s, struct pass *ps, int64_t lo, int64_t hi, struct err *e)
{
	struct metrics_report *r = ps->r;
	struct metrics_roster ro;
	int st = metrics_roster_load(s, &ro, e);
	for (int i = 0; st == CH_OK && i < r->npeople; i++) {
		struct metrics_person *p = &r->people[i];
		const struct metrics_roster_person *rp = metrics_roster_find(&ro, p->id);
		const struct metrics_stint *t = rp ? metrics_roster_at(&ro, rp, hi - 1) : NULL;
		if (t) {
			snprintf(p->team, sizeof p->team, "%s", t->team);
			p->active = t->active;
		}
		p->member = rp && metrics_roster_member(&ro, rp, lo, hi, NULL);
	}
	metrics_roster_free(&ro);
	return st;
}

static int any_input(const struct metrics_person *p)
{
	return p->contributions || p->edits || p->conversations || p->f.shares;
}

/* People with no part in the period are kept when they were in the
 * programme then: who does not take part is as much a finding as who does.
 * Others (joined later, inactive all along) only with input in it. */
static void drop_idle_inactive(struct metrics_report *r)
{
	int k = 0;
	for (int i = 0; i < r->npeople; i++)
		if (r->people[i].member || any_input(&r->people[i])) {
			r->people[i].member = 1;   /* input in the period: they were there */
			r->people[k++] = r->people[i];
		}
	r->npeople = k;
}

static int team_cmp(const void *a, const void *b)
{
	const struct metrics_team *x = a, *y = b;
	if (!x->name[0] || !y->name[0])   /* people without a team last */
		return !x->name[0] - !y->name[0];
	return strcmp(x->name, y->name);
}

static int build_teams(struct metrics_report *r, struct err *e)
{
	int st = CH_OK;
	for (int i = 0; i < r->npeople && st == CH_OK; i++) {
		const struct metrics_person *p = &r->people[i];
		struct metrics_team *t = NULL;
		for (int k = 0; k < r->nteams && !t; k++)
			if (strcmp(r->teams[k].name, p->team) == 0)
				t = &r->teams[k];
		if (!t && !(t = metrics_grow(&r->teams, &r->nteams, sizeof *t, e, &st)))
			break;
		snprintf(t->name, sizeof t->name, "%s", p->team);
		t->people++;
		t->engaged += any_input(p);
		t->contributions += p->contributions;
		t->edits += p->edits;
		t->conversations += p->conversations;
		fig_add(&t->f, &p->f);
	}
	if (st == CH_OK && r->nteams > 1)
		qsort(r->teams, (size_t)r->nteams, sizeof *r->teams, team_cmp);
	return st;
}

/* Which figure a KPI metric names; see metrics.h.  -1 when none. */
enum kpi_source { KPI_SHARES, KPI_IMPRESSIONS, KPI_CLICKS, KPI_REACTIONS, KPI_COMMENTS,
		  KPI_RESHARES, KPI_ENGAGEMENT, KPI_EMV, KPI_SHARERS };

static int kpi_source(const char *metric)
{
	static const struct { const char *name; int src; } names[] = {
		{ "shares", KPI_SHARES }, { "impressions", KPI_IMPRESSIONS }, { "reach", KPI_IMPRESSIONS },
		{ "views", KPI_IMPRESSIONS }, { "clicks", KPI_CLICKS }, { "reactions", KPI_REACTIONS },
		{ "likes", KPI_REACTIONS }, { "comments", KPI_COMMENTS }, { "reshares", KPI_RESHARES },
		{ "engagement", KPI_ENGAGEMENT }, { "interactions", KPI_ENGAGEMENT }, { "emv", KPI_EMV },
		{ "ambassadors", KPI_SHARERS }, { "sharers", KPI_SHARERS },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(metric, names[i].name) == 0)
			return names[i].src;
	return -1;
}

/* The figures of each KPI with a period of its own, over that period: the
 * shares of content in the goal's campaigns, per platform for the value. */
static int kpi_own_periods(struct store *s, struct pass *ps, struct err *e)
{
	struct metrics_report *r = ps->r;
	ps->kpi_own = calloc((size_t)(r->nkpis ? r->nkpis : 1), sizeof *ps->kpi_own);
	ps->kpi_own_sharers = calloc((size_t)(r->nkpis ? r->nkpis : 1), sizeof *ps->kpi_own_sharers);
	if (!ps->kpi_own || !ps->kpi_own_sharers)
		return metrics_oom(e);
#define KPI_SQL(known) \
	"SELECT pl.cpm, pl.cpc, pl.reaction_multiplier, count(*), sum(sh.impressions), sum(sh.clicks), " \
	"sum(sh.reactions), sum(sh.comments), sum(sh.reshares), " known ", " \
	"(SELECT count(DISTINCT s2.person_id) FROM shares s2 JOIN messages m2 ON m2.id = s2.message_id " \
	" JOIN content c2 ON c2.id = m2.content_id JOIN campaigns a2 ON a2.id = c2.campaign_id " \
	" WHERE a2.goal_id = ?1 AND s2.shared_at >= ?2 AND s2.shared_at < ?3) " \
	"FROM shares sh JOIN messages m ON m.id = sh.message_id JOIN content c ON c.id = m.content_id " \
	"JOIN campaigns ca ON ca.id = c.campaign_id JOIN platforms pl ON pl.id = sh.platform_id " \
	"WHERE ca.goal_id = ?1 AND sh.shared_at >= ?2 AND sh.shared_at < ?3 GROUP BY pl.id"
	sqlite3_stmt *q = store_prepare(s, s->schema_version >= SCHEMA_FIGURES_AT ? KPI_SQL("count(sh.figures_at)")
								  : KPI_SQL("count(*)"), e);
#undef KPI_SQL
	if (!q)
		return e->status;
	int rc = SQLITE_DONE;
	for (int g = 0; g < r->nkpis && (rc == SQLITE_DONE); g++) {
		const struct metrics_kpi *k = &r->kpis[g];
		if (k->first_day < 0)
			continue;
		struct metrics_figures *f = &ps->kpi_own[g];
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, k->id);
		sqlite3_bind_int64(q, 2, k->first_day);
		sqlite3_bind_int64(q, 3, k->last_day + TIME_DAY);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			struct metrics_figures p = {
				.shares = sqlite3_column_int64(q, 3), .known = sqlite3_column_int64(q, 9),
			};
			metrics_figures_columns(q, 4, &p);
			p.emv = metrics_emv(sqlite3_column_double(q, 0), sqlite3_column_double(q, 1),
					    sqlite3_column_double(q, 2), p.impressions, p.reactions, p.clicks);
			fig_add(f, &p);
			ps->kpi_own_sharers[g] = sqlite3_column_int64(q, 10);
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? CH_OK : store_sql_error(s, rc, _("reading the KPIs' periods"), e);
}

static void build_kpis(struct pass *ps)
{
	struct metrics_report *r = ps->r;
	for (int g = 0; g < r->nkpis; g++) {
		struct metrics_kpi *k = &r->kpis[g];
		struct metrics_figures f = {0};
		for (int c = 0; c < r->ncampaigns; c++)
			if (ps->campaign_goal[c] == k->id)
				fig_add(&f, &r->campaigns[c].f);
		int64_t sharers = 0;
		for (int p = 0; p < r->npeople; p++)
			sharers += ps->goal_sharer[(size_t)g * (size_t)r->npeople + (size_t)p];
		if (k->first_day >= 0) {   /* its own period, whatever the report's */
			f = ps->kpi_own[g];
			sharers = ps->kpi_own_sharers[g];
		}
		int src = kpi_source(k->metric);
		k->measured = src >= 0;
		k->unknown = src != KPI_SHARES && src != KPI_SHARERS && metrics_figures_unknown(&f);
		switch (src) {
		case KPI_SHARES:      k->actual = (double)f.shares; break;
		case KPI_IMPRESSIONS: k->actual = (double)f.impressions; break;
		case KPI_CLICKS:      k->actual = (double)f.clicks; break;
		case KPI_REACTIONS:   k->actual = (double)f.reactions; break;
		case KPI_COMMENTS:    k->actual = (double)f.comments; break;
		case KPI_RESHARES:    k->actual = (double)f.reshares; break;
		case KPI_ENGAGEMENT:  k->actual = (double)(f.reactions + f.comments + f.reshares); break;
		case KPI_EMV:         k->actual = f.emv; break;
		case KPI_SHARERS:     k->actual = (double)sharers; break;
		default:              k->actual = 0;
		}
	}
}

/* Campaigns of the period: those running during it, and any with shares in it. */
static void keep_campaigns(struct metrics_report *r, int64_t *goal_of)
{
	char first[16], last[16];
	metrics_date_str(r->first_day, first, sizeof first);
	metrics_date_str(r->last_day, last, sizeof last);
	int k = 0;
	for (int i = 0; i < r->ncampaigns; i++) {
		const struct metrics_campaign *c = &r->campaigns[i];
		int overlaps = (!c->starts[0] || strcmp(c->starts, last) <= 0) &&
			       (!c->ends[0] || strcmp(c->ends, first) >= 0);
		if (overlaps || c->f.shares) {
			goal_of[k] = goal_of[i];
			r->campaigns[k++] = *c;
		}
	}
	r->ncampaigns = k;
}

static void pass_free(struct pass *ps)
{
	idmap_free(&ps->platforms);
	idmap_free(&ps->campaigns);
	idmap_free(&ps->pillars);
	idmap_free(&ps->types);
	idmap_free(&ps->people);
	idmap_free(&ps->goals);
	free(ps->campaign_goal);
	free(ps->goal_sharer);
	free(ps->kpi_own);
	free(ps->kpi_own_sharers);
	free(ps->dest);
	free(ps->weeks.cells);
	free(ps->months.cells);
}

int metrics_report(struct store *s, int64_t since, int64_t until, struct metrics_report *r,
		   struct err *e)
{
	memset(r, 0, sizeof *r);
	r->since = since;
	r->until = until;
	if (since >= 0 && until >= 0 && until < since)
		return err_set(e, CH_INVALID, _("the period ends before it starts"));
	int64_t lo = since >= 0 ? since : INT64_MIN;
	int64_t hi = until >= 0 ? until + TIME_DAY : INT64_MAX;
	struct pass ps;
	memset(&ps, 0, sizeof ps);
	ps.r = r;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	store_meta_get(s, "organisation", r->organisation, sizeof r->organisation);
	{
		/* The trees share_pass and activity_pass read from end to end; the
		 * shares' only when the period starts at the first share. */
		static const char *const trees[] = { "content_dims", "sqlite_autoindex_messages_1",
						     "activity_week", "shares_by_time" };
		store_read_ahead(s, trees, lo == INT64_MIN ? 4 : 3);
	}
	st = schema_older_views(s, e);
	if (st == CH_OK)
		st = load_platforms(s, r, e);
	if (st == CH_OK)
		st = load_campaigns(s, r, &ps.campaign_goal, e);
	if (st == CH_OK)
		st = load_groups(s, "SELECT id, name FROM pillars ORDER BY position, id", &r->pillars,
				 &r->npillars, e);
	if (st == CH_OK)
		st = load_groups(s, "SELECT id, name FROM message_types ORDER BY position, id", &r->types,
				 &r->ntypes, e);
	if (st == CH_OK)
		st = load_people(s, r, e);
	if (st == CH_OK)
		st = load_goals(s, r, e);
	if (st == CH_OK)
		st = idmap_build(&ps.platforms, r->platforms, r->nplatforms, sizeof *r->platforms,
				 offsetof(struct metrics_platform, id), e);
	if (st == CH_OK)
		st = idmap_build(&ps.campaigns, r->campaigns, r->ncampaigns, sizeof *r->campaigns,
				 offsetof(struct metrics_campaign, id), e);
	/* The "(none)" groups are last with id 0: leave them out of the maps. */
	if (st == CH_OK)
		st = idmap_build(&ps.pillars, r->pillars, r->npillars - 1, sizeof *r->pillars,
				 offsetof(struct metrics_group, id), e);
	if (st == CH_OK)
		st = idmap_build(&ps.types, r->types, r->ntypes - 1, sizeof *r->types,
				 offsetof(struct metrics_group, id), e);
	if (st == CH_OK)
		st = idmap_build(&ps.people, r->people, r->npeople, sizeof *r->people,
				 offsetof(struct metrics_person, id), e);
	if (st == CH_OK)
		st = idmap_build(&ps.goals, r->kpis, r->nkpis, sizeof *r->kpis,
				 offsetof(struct metrics_kpi, id), e);
	if (st == CH_OK && !(ps.goal_sharer = calloc((size_t)(r->nkpis ? r->nkpis : 1) *
						     (size_t)(r->npeople ? r->npeople : 1), 1)))
		st = metrics_oom(e);
	ps.weeks.width = ps.months.width = r->nplatforms;
	if (st == CH_OK)
		st = share_pass(s, &ps, lo, hi, e);
	if (st == CH_OK) {
		/* The period printed is the period counted: without --since it
		 * starts on the first day with a share or any other input. */
		int64_t today = time_floordiv(store_now(), TIME_DAY) * TIME_DAY;
		int64_t first = ps.any ? ps.first : INT64_MAX;
		if (since < 0)
			st = first_input(s, hi, &first, e);
		r->first_day = since >= 0 ? since : first != INT64_MAX ? time_floordiv(first, TIME_DAY) * TIME_DAY
			     : today;
		r->last_day = until >= 0 ? until : ps.any && ps.last > today
			    ? time_floordiv(ps.last, TIME_DAY) * TIME_DAY : today;
		if (r->last_day < r->first_day)   /* only shares dated in the future */
			r->last_day = r->first_day;
	}
	if (st == CH_OK)
		st = activity_pass(s, &ps, r->first_day, r->last_day + TIME_DAY, e);
	if (st == CH_OK)
		st = roster_of_period(s, &ps, r->first_day, r->last_day + TIME_DAY, e);
	if (st == CH_OK)
		st = kpi_own_periods(s, &ps, e);
	if (st == CH_OK)
		st = metrics_adoption(s, metrics_week_of(r->first_day), metrics_week_of(r->last_day), &r->adoption, e);
	store_end(s, CH_OK, NULL);   /* a read: nothing to commit or undo */

	if (st == CH_OK) {
		/* The weeks and months run without gaps over the whole period. */
		if (span_at(&ps.weeks, metrics_week_of(r->first_day), e, &st) &&
		    span_at(&ps.weeks, metrics_week_of(r->last_day), e, &st) &&
		    span_at(&ps.months, time_month_of(r->first_day), e, &st))
			span_at(&ps.months, time_month_of(r->last_day), e, &st);
	}
	if (st == CH_OK)
		st = span_buckets(&ps.weeks, 0, r->nplatforms, &r->weeks, &r->nweeks, e);
	if (st == CH_OK)
		st = span_buckets(&ps.months, 1, r->nplatforms, &r->months, &r->nmonths, e);
	if (st == CH_OK) {
		/* Per platform the value follows the formula on the totals, exactly. */
		r->total.emv = 0;
		for (int i = 0; i < r->nplatforms; i++) {
			struct metrics_platform *p = &r->platforms[i];
			p->f.emv = metrics_emv(p->cpm, p->cpc, p->reaction_multiplier, p->f.impressions,
					       p->f.reactions, p->f.clicks);
			r->total.emv += p->f.emv;
		}
		build_kpis(&ps);
		keep_campaigns(r, ps.campaign_goal);
		/* The "(none)" groups only when something in the period has no pillar or type. */
		if (r->npillars && !r->pillars[r->npillars - 1].f.shares)
			r->npillars--;
		if (r->ntypes && !r->types[r->ntypes - 1].f.shares)
			r->ntypes--;
		drop_idle_inactive(r);
		for (int i = 0; i < r->npeople; i++) {
			r->contributors += r->people[i].contributions > 0;
			r->editors += r->people[i].edits > 0;
			r->sharers += r->people[i].f.shares > 0;
			r->conversers += r->people[i].conversations > 0;
			r->conversations += r->people[i].conversations;
		}
		st = build_teams(r, e);
	}
	pass_free(&ps);
	if (st != CH_OK)
		metrics_report_free(r);
	return st;
}

void metrics_report_free(struct metrics_report *r)
{
	metrics_adoption_free(&r->adoption);
	for (int i = 0; i < r->nweeks; i++)
		free(r->weeks[i].per_platform);
	for (int i = 0; i < r->nmonths; i++)
		free(r->months[i].per_platform);
	free(r->weeks);
	free(r->months);
	free(r->platforms);
	free(r->campaigns);
	free(r->pillars);
	free(r->types);
	free(r->people);
	free(r->teams);
	free(r->kpis);
	memset(r, 0, sizeof *r);
}

/* --- the per-post listing ---------------------------------------------------- */

int metrics_posts(struct store *s, int64_t first_day, int64_t last_day,
		  int (*fn)(const struct metrics_post *p, void *arg), void *arg, struct err *e)
{
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	/* figures_at came with migration SCHEMA_FIGURES_AT (see share_pass). */
#define POSTS_SQL(known) \
	"SELECT sh.id, sh.message_id, m.content_id, sh.shared_at, p.login, pl.key, COALESCE(sh.url, ''), " \
	"sh.impressions, sh.clicks, sh.reactions, sh.comments, sh.reshares, " known ", " \
	"pl.cpm, pl.cpc, pl.reaction_multiplier FROM shares sh JOIN messages m ON m.id = sh.message_id " \
	"JOIN people p ON p.id = sh.person_id JOIN platforms pl ON pl.id = sh.platform_id " \
	"WHERE sh.shared_at >= ?1 AND sh.shared_at < ?2 ORDER BY sh.shared_at, sh.id"
	sqlite3_stmt *q = store_prepare(s, s->schema_version >= SCHEMA_FIGURES_AT ? POSTS_SQL("sh.figures_at IS NOT NULL")
								  : POSTS_SQL("1"), e);
#undef POSTS_SQL
	if (!q) {
		store_end(s, CH_OK, NULL);
		return e->status;
	}
	sqlite3_bind_int64(q, 1, first_day);
	sqlite3_bind_int64(q, 2, last_day + TIME_DAY);
	struct metrics_post *p = malloc(sizeof *p);
	if (!p)
		st = metrics_oom(e);
	int rc = SQLITE_DONE;
	while (st == CH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(p, 0, sizeof *p);
		p->share_id = sqlite3_column_int64(q, 0);
		p->message_id = sqlite3_column_int64(q, 1);
		p->content_id = sqlite3_column_int64(q, 2);
		p->shared_at = sqlite3_column_int64(q, 3);
		core_copy(p->login, sizeof p->login, q, 4);
		core_copy(p->platform, sizeof p->platform, q, 5);
		core_copy(p->url, sizeof p->url, q, 6);
		p->f.shares = 1;
		metrics_figures_columns(q, 7, &p->f);
		p->f.known = sqlite3_column_int(q, 12) != 0;
		p->f.emv = metrics_emv(sqlite3_column_double(q, 13), sqlite3_column_double(q, 14),
				       sqlite3_column_double(q, 15), p->f.impressions, p->f.reactions, p->f.clicks);
		if (fn(p, arg))
			break;
	}
	if (st == CH_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading shares"), e);
	sqlite3_finalize(q);
	free(p);
	store_end(s, CH_OK, NULL);
	return st;
}
