/* engagement.c — the Engagement panel's data: activity per person and ISO
 * week for one metric, team totals, adoption per week against the strategy's
 * target, the quiet list and the heatmap's scale.
 *
 * It reads people once and the `activity_week` aggregate once per load, for
 * the weeks asked for only: a load costs O(people + person-weeks in view) and
 * never touches the event log, which is what keeps the panel fast with
 * millions of events; scrolling reads only the weeks newly in view
 * (engagement_scroll).  Everything else (team rows, adoption, quiet list,
 * scale) is worked out here in memory from those reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chorus/i18n.h"
#include "chorus/engagement.h"
#include "chorus/strategy.h"
#include "core.h"
#include "schema.h"
#include "../util/timeutil.h"


static const char *const metric_name[ENGAGEMENT_METRICS] = {
	N_("all activity"), N_("contributions"), N_("edits"), N_("shares"), N_("conversations"),
};

const char *engagement_metric_name(enum engagement_metric m)
{
	return (int)m >= 0 && m < ENGAGEMENT_METRICS ? metric_name[m] : "?";
}

/* Weeks as src/util/timeutil.h numbers and labels them (ISO 8601). */
int engagement_week_of(int64_t t)
{
	return (int)time_week_of(t);
}

void engagement_week_label(int week, char *out, size_t n)
{
	time_week_label(week, out, n);
}

void engagement_free(struct engagement *g)
{
	free(g->people);
	free(g->teams);
	free(g->active);
	free(g->members);
	free(g->sharers);
	free(g->headcount);
	free(g->quiet);
	free(g->cells);
	free(g->kinds);
	free(g->cand);
	free(g->cand_today);
	free(g->spare);
	metrics_roster_free(&g->roster);
	memset(g, 0, sizeof *g);
}

void engagement_adoption_week(const struct engagement *g, int w, struct metrics_adoption_week *out)
{
	memset(out, 0, sizeof *out);
	if (w < 0 || w >= g->nweeks || !g->members)
		return;
	out->week = g->first_week + w;
	time_week_label(g->first_week + w, out->label, sizeof out->label);
	out->filtered = g->filter.scope != ENGAGEMENT_EVERYONE;
	if (!out->filtered)
		out->headcount = strategy_headcount_at(g->headcount, g->nheadcount, time_week_start(g->first_week + w));
	out->registered = g->members[w];
	out->sharers = g->sharers[w];
	out->took_part = g->active[w];
	metrics_adoption_settle(out, g->milestones, g->nmilestones);
}

double engagement_adoption(const struct engagement *g, int w)
{
	struct metrics_adoption_week a;
	engagement_adoption_week(g, w, &a);
	return a.shared_pct / 100.0;
}

int engagement_level(const struct engagement *g, double v)
{
	if (v <= 0)
		return 0;
	for (int k = ENGAGEMENT_LEVELS - 1; k > 1; k--)
		if (v >= g->scale[k])
			return k;
	return 1;   /* any activity at all shows, even a team mean below 1 */
}

/* The strategy's options, straight from settings: strategy_load would read
 * the whole strategy for two numbers. */
static void load_options(struct store *s, struct engagement *g)
{
	char v[32];
	g->quiet_weeks = store_setting_get(s, "quiet_weeks", v, sizeof v) ? atoi(v) : 4;
	if (g->quiet_weeks < 1)
		g->quiet_weeks = 4;
	g->target = store_setting_get(s, "adoption_target", v, sizeof v) ? strtod(v, NULL) : 0.10;
	if (!(g->target > 0 && g->target <= 1))
		g->target = 0.10;
}

/* The strategy's headcount and milestones (strategy_load_headcount). */
static int load_headcount(struct store *s, struct engagement *g, struct err *e)
{
	struct strategy hc;
	int st = strategy_load_headcount(s, &hc, e);
	if (st != CH_OK)
		return st;
	g->nmilestones = strategy_milestones(&hc, g->milestones);
	g->headcount = hc.headcount;
	g->nheadcount = hc.nheadcount;
	hc.headcount = NULL;
	strategy_free(&hc);
	return CH_OK;
}

/* Was person id in the programme (and in the filter's team, for a team)
 * at some time in [lo, hi), by g's roster? */
static int member_then(const struct engagement *g, int64_t id, int64_t lo, int64_t hi)
{
	const struct metrics_roster_person *rp = metrics_roster_find(&g->roster, id);
	return rp && metrics_roster_member(&g->roster, rp, lo, hi,
					   g->filter.scope == ENGAGEMENT_TEAM ? g->filter_team : NULL);
}

/* The same in week index w of g's window. */
static int member_in(const struct engagement *g, const struct engagement_row *p, int w)
{
	int64_t lo = time_week_start(g->first_week + w);
	return member_then(g, p->person_id, lo, lo + 7 * 86400);
}

/* Everyone the filter's query gives, by name, into g->cand; whether each
 * is active today (and in the team today, for a team) into cand_today. */
static int query_people(struct store *s, struct engagement *g, struct err *e)
{
	g->filter_team[0] = '\0';
	if (g->filter.scope == ENGAGEMENT_TEAM) {   /* the roster knows teams by name */
		sqlite3_stmt *t = store_prepare(s, "SELECT name FROM teams WHERE id = ?1", e);
		if (!t)
			return e ? e->status : CH_UNUSABLE;
		sqlite3_bind_int64(t, 1, g->filter.id);
		if (sqlite3_step(t) == SQLITE_ROW)
			core_copy(g->filter_team, sizeof g->filter_team, t, 0);
		sqlite3_finalize(t);
	}
	/* The journey (paused or not) came with SCHEMA_GROUPS_JOURNEY. */
#define LOAD_PEOPLE(paused) \
		"SELECT p.id, p.login, p.name, COALESCE(p.team_id, 0), COALESCE(t.name, ''), p.active, " \
		"?1 <> 1 OR p.team_id IS ?2, " paused " FROM people p LEFT JOIN teams t ON t.id = p.team_id " \
		"WHERE (?1 = 0 OR ?1 = 1 " \
		"  OR (?1 = 2 AND p.id IN (SELECT person_id FROM focus_group_members WHERE group_id = ?2))) " \
		"ORDER BY p.name COLLATE NOCASE, p.login"
	sqlite3_stmt *q = store_prepare(s, s->schema_version >= SCHEMA_GROUPS_JOURNEY
					? LOAD_PEOPLE("p.journey = 'paused'") : LOAD_PEOPLE("0"), e);
#undef LOAD_PEOPLE
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int(q, 1, (int)g->filter.scope);
	sqlite3_bind_int64(q, 2, g->filter.id);
	int rc, st = CH_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int n = g->ncand;
		struct engagement_row *r = core_grow((void **)&g->cand, &n, sizeof *r);
		unsigned char *today = r ? realloc(g->cand_today, (size_t)n) : NULL;
		if (!today) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		g->cand_today = today;
		g->ncand = n;
		today[n - 1] = sqlite3_column_int(q, 5) && sqlite3_column_int(q, 6);
		r->person_id = sqlite3_column_int64(q, 0);
		core_copy(r->login, sizeof r->login, q, 1);
		core_copy(r->name, sizeof r->name, q, 2);
		r->team_id = sqlite3_column_int64(q, 3);
		core_copy(r->team, sizeof r->team, q, 4);
		r->active = sqlite3_column_int(q, 5) != 0;
		r->members = 1;
		r->last_week = -1;
		r->paused = sqlite3_column_int(q, 7) != 0;
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading people"), e);
	sqlite3_finalize(q);
	return st;
}

/* The people in the filter for g's window, from the candidates of `from`
 * (g itself, or the engagement scrolled): those active today and those in
 * the programme (in the team) at some time in the window, by from's roster.
 * Their last active week comes later (last_weeks). */
static int pick_people(struct engagement *g, const struct engagement *from, struct err *e)
{
	int64_t lo = time_week_start(g->first_week), hi = time_week_start(g->first_week + g->nweeks);
	for (int i = 0; i < from->ncand; i++) {
		if (!from->cand_today[i] && !member_then(from, from->cand[i].person_id, lo, hi))
			continue;
		struct engagement_row *r = core_grow((void **)&g->people, &g->npeople, sizeof *r);
		if (!r)
			return err_set(e, CH_UNUSABLE, _("out of memory"));
		*r = from->cand[i];
	}
	return CH_OK;
}

static int load_people(struct store *s, struct engagement *g, struct err *e)
{
	int st = query_people(s, g, e);
	return st == CH_OK ? pick_people(g, g, e) : st;
}

/* people sorted by id, to find a row from activity_week.person_id. */
struct by_id {
	int64_t id;
	int row;
};

static int cmp_by_id(const void *x, const void *y)
{
	const struct by_id *a = x, *b = y;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The kind planes: kinds[k] is npeople × nweeks, row by row. */
static int *kind_cell(const struct engagement *g, int k, int row, int w)
{
	size_t plane = (size_t)g->npeople * (size_t)g->nweeks;
	return &g->kinds[(size_t)k * plane + (size_t)row * (size_t)g->nweeks + (size_t)w];
}

static int clamp_int(int64_t v)
{
	return v > INT32_MAX ? INT32_MAX : v < 0 ? 0 : (int)v;
}

/* activity_week's rows for weeks lo..hi, all people's, every kind at once
 * (switching the metric then needs no query: engagement_set_metric), kept
 * in g->spare (what was there before goes).  activity_week is stored week
 * first, so this is one contiguous range of the table, a row per
 * person-week with activity, each week's rows by person id. */
static void spare_drop(struct engagement *g);

static int spare_load(struct store *s, struct engagement *g, int lo, int hi, struct err *e)
{
	spare_drop(g);
	sqlite3_stmt *q = store_prepare(s,
		"SELECT week, person_id, contributions, edits, shares, conversations "
		"FROM activity_week WHERE week >= ?1 AND week <= ?2", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int(q, 1, lo);
	sqlite3_bind_int(q, 2, hi);
	int rc, st = CH_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct engagement_spare *r = core_grow((void **)&g->spare, &g->nspare, sizeof *r);
		if (!r) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		r->week = sqlite3_column_int(q, 0);
		r->person_id = sqlite3_column_int64(q, 1);
		for (int k = 0; k < ENGAGEMENT_METRICS - 1; k++)
			r->kinds[k] = clamp_int(sqlite3_column_int64(q, 2 + k));
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading activity"), e);
	sqlite3_finalize(q);
	if (st == CH_OK) {
		g->spare_lo = lo;
		g->spare_hi = hi;
	}
	return st;
}

/* Let the spare weeks go (the activity they hold grew). */
static void spare_drop(struct engagement *g)
{
	free(g->spare);
	g->spare = NULL;
	g->nspare = 0;
	g->spare_lo = 1;
	g->spare_hi = 0;
}

/* Weeks lo..hi of the window (inside the spare weeks) from g->spare: a
 * walk along the people sorted by id finds each row's person without a
 * search (a week's rows come by person id); people outside the filter are
 * passed over. */
static int spare_fill(struct engagement *g, int lo, int hi, struct err *e)
{
	if (g->npeople == 0 || lo > hi)
		return CH_OK;
	struct by_id *ix = malloc((size_t)g->npeople * sizeof *ix);
	if (!ix)
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	for (int i = 0; i < g->npeople; i++)
		ix[i] = (struct by_id){ g->people[i].person_id, i };
	qsort(ix, (size_t)g->npeople, sizeof *ix, cmp_by_id);
	int week = INT32_MIN, at = 0;
	for (int j = 0; j < g->nspare; j++) {
		const struct engagement_spare *r = &g->spare[j];
		if (r->week < lo || r->week > hi)
			continue;
		if (r->week != week) {
			week = r->week;
			at = 0;
		}
		while (at < g->npeople && ix[at].id < r->person_id)
			at++;
		if (at == g->npeople || ix[at].id != r->person_id)
			continue;
		for (int k = 0; k < ENGAGEMENT_METRICS - 1; k++)
			*kind_cell(g, k, ix[at].row, r->week - g->first_week) = r->kinds[k];
	}
	free(ix);
	return CH_OK;
}

/* The spare weeks read with a window from first to first+n-1: a screenful
 * either side. */
static int spare_around(struct store *s, struct engagement *g, int first, int n, struct err *e)
{
	return spare_load(s, g, first - n, first + 2 * n - 1, e);
}

/* Adoption: of those in the programme that week, anyone with anything of
 * any kind in it. */
static void count_active(struct engagement *g)
{
	memset(g->active, 0, (size_t)g->nweeks * sizeof *g->active);
	memset(g->members, 0, (size_t)g->nweeks * sizeof *g->members);
	memset(g->sharers, 0, (size_t)g->nweeks * sizeof *g->sharers);
	for (int i = 0; i < g->npeople; i++)
		for (int w = 0; w < g->nweeks; w++) {
			if (!member_in(g, &g->people[i], w))
				continue;
			g->members[w]++;
			g->sharers[w] += *kind_cell(g, ENGAGEMENT_SHARES - 1, i, w) > 0;
			for (int k = 0; k < ENGAGEMENT_METRICS - 1; k++)
				if (*kind_cell(g, k, i, w) > 0) {
					g->active[w]++;
					break;
				}
		}
}

/* Each person's last week with any activity up to the current week.  When
 * the window ends at the current week, whoever did anything in it has it
 * there; the others (and everyone when the window ends earlier) need one
 * look at activity's primary key (person, week, kind) each. */
static int last_weeks(struct store *s, struct engagement *g, struct err *e)
{
	int in_window = g->first_week + g->nweeks - 1 == g->current_week;
	sqlite3_stmt *q = NULL;
	int st = CH_OK;
	for (int i = 0; i < g->npeople && st == CH_OK; i++) {
		struct engagement_row *p = &g->people[i];
		p->last_week = -1;
		for (int w = g->nweeks - 1; in_window && w >= 0 && p->last_week < 0; w--)
			for (int k = 0; k < ENGAGEMENT_METRICS - 1; k++)
				if (*kind_cell(g, k, i, w) > 0) {
					p->last_week = g->first_week + w;
					break;
				}
		if (p->last_week >= 0)
			continue;
		if (!q && !(q = store_prepare(s, "SELECT max(week) FROM activity WHERE person_id = ?1 AND week <= ?2", e)))
			return e ? e->status : CH_UNUSABLE;
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, p->person_id);
		sqlite3_bind_int(q, 2, g->current_week);
		int rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			p->last_week = sqlite3_column_type(q, 0) == SQLITE_NULL ? -1 : sqlite3_column_int(q, 0);
		else
			st = store_sql_error(s, rc, _("reading activity"), e);
	}
	sqlite3_finalize(q);
	return st;
}

/* One aggregate row per team among the people in view (cells filled by
 * fill_metric). */
static void make_teams(struct engagement *g)
{
	for (int i = 0; i < g->npeople; i++) {
		struct engagement_row *p = &g->people[i];
		int t = 0;
		while (t < g->nteams && g->teams[t].team_id != p->team_id)
			t++;
		if (t == g->nteams) {
			struct engagement_row *r = &g->teams[g->nteams++];
			memset(r, 0, sizeof *r);
			r->team_id = p->team_id;
			snprintf(r->team, sizeof r->team, "%s", p->team);
			snprintf(r->name, sizeof r->name, "%s", p->team_id ? p->team : _("(no team)"));
			r->last_week = -1;
		}
		g->teams[t].members++;
		if (p->last_week > g->teams[t].last_week)
			g->teams[t].last_week = p->last_week;
	}
}

static int cmp_team(const void *x, const void *y)
{
	const struct engagement_row *a = x, *b = y;
	if (!a->team_id != !b->team_id)
		return a->team_id ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return a < b ? -1 : a > b;
}

/* Counts below this are tallied, not sorted: a person-week rarely holds
 * more, so finding the quartiles costs one pass over the cells. */
#define SCALE_TALLY 1024

/* The k-th smallest (from 0) of the non-empty cells: tally[v] cells hold v
 * (v < SCALE_TALLY), big[] the larger ones, sorted. */
static int kth_cell(const int *tally, const int *big, size_t k)
{
	for (int v = 1; v < SCALE_TALLY; v++) {
		if (k < (size_t)tally[v])
			return v;
		k -= (size_t)tally[v];
	}
	return big[k];
}

/* Quartiles of the non-empty person cells, kept strictly increasing so that
 * every level means something; on few or even values the upper levels sit
 * just above the lower ones. */
static int make_scale(struct engagement *g)
{
	size_t total = (size_t)g->npeople * (size_t)g->nweeks, n = 0, nbig = 0;
	int *tally = calloc(SCALE_TALLY, sizeof *tally);
	if (!tally)
		return -1;
	for (size_t i = 0; i < total; i++) {
		int v = g->cells[i];
		if (v > 0 && v < SCALE_TALLY)
			tally[v]++;
		else if (v > 0)
			nbig++;
	}
	int *big = nbig ? malloc(nbig * sizeof *big) : NULL;
	if (nbig && !big) {
		free(tally);
		return -1;
	}
	for (size_t i = 0, b = 0; nbig && i < total; i++)
		if (g->cells[i] >= SCALE_TALLY)
			big[b++] = g->cells[i];
	if (nbig > 1)
		qsort(big, nbig, sizeof *big, cmp_int);
	for (int v = 1; v < SCALE_TALLY; v++)
		n += (size_t)tally[v];
	n += nbig;
	g->max = n ? kth_cell(tally, big, n - 1) : 0;
	g->scale[0] = 0;
	g->scale[1] = 1;
	for (int k = 2; k < ENGAGEMENT_LEVELS; k++) {
		int q = n ? kth_cell(tally, big, n * (size_t)(k - 1) / 4) : 0;
		g->scale[k] = q > g->scale[k - 1] ? q : g->scale[k - 1] + 1;
	}
	free(big);
	free(tally);
	return 0;
}

/* Every row's cells, totals, the team sums and the scale for g->metric,
 * from the kinds loaded. */
static int fill_metric(struct engagement *g)
{
	int nw = g->nweeks;
	for (int t = 0; t < g->nteams; t++) {
		memset(g->teams[t].n, 0, (size_t)nw * sizeof *g->teams[t].n);
		g->teams[t].total = 0;
	}
	int k0 = g->metric == ENGAGEMENT_ALL ? 0 : (int)g->metric - 1;
	int k1 = g->metric == ENGAGEMENT_ALL ? ENGAGEMENT_METRICS - 1 : (int)g->metric;
	struct engagement_row *team = NULL;
	for (int i = 0; i < g->npeople; i++) {
		struct engagement_row *p = &g->people[i];
		if (!team || team->team_id != p->team_id) {   /* a handful of teams */
			team = NULL;
			for (int t = 0; t < g->nteams && !team; t++)
				if (g->teams[t].team_id == p->team_id)
					team = &g->teams[t];
		}
		int64_t sum = 0;
		for (int w = 0; w < nw; w++) {
			int64_t v = 0;
			for (int k = k0; k < k1; k++)
				v += *kind_cell(g, k, i, w);
			p->n[w] = clamp_int(v);
			sum += v;
		}
		p->total = sum;
		if (team) {
			for (int w = 0; w < nw; w++)
				team->n[w] = clamp_int((int64_t)team->n[w] + p->n[w]);
			team->total += sum;
		}
	}
	return make_scale(g);
}

int engagement_set_metric(struct engagement *g, enum engagement_metric metric)
{
	if ((int)metric < 0 || metric >= ENGAGEMENT_METRICS)
		return CH_INVALID;
	g->metric = metric;
	return fill_metric(g) == 0 ? CH_OK : CH_UNUSABLE;
}

/* Quiet: no activity in the quiet_weeks weeks up to the current one (the
 * never-active too), whoever has been quiet longest first.  Those paused
 * on their journey are not nagged: counted in quiet_paused instead. */
static int make_quiet(struct engagement *g)
{
	int since = g->current_week - g->quiet_weeks + 1;
	g->quiet = malloc((size_t)(g->npeople ? g->npeople : 1) * sizeof *g->quiet);
	if (!g->quiet)
		return -1;
	g->quiet_paused = 0;
	for (int i = 0; i < g->npeople; i++)
		if (g->people[i].active && g->people[i].last_week < since) {
			if (g->people[i].paused)
				g->quiet_paused++;
			else
				g->quiet[g->nquiet++] = i;
		}
	/* Insertion sort by last week, stable so that names stay in order. */
	for (int i = 1; i < g->nquiet; i++) {
		int x = g->quiet[i], k = i;
		while (k > 0 && g->people[g->quiet[k - 1]].last_week > g->people[x].last_week) {
			g->quiet[k] = g->quiet[k - 1];
			k--;
		}
		g->quiet[k] = x;
	}
	return 0;
}

/* The newest event: what engagement_refresh reads on from. */
static int64_t last_event(struct store *s)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT COALESCE(max(id), 0) FROM events", NULL);
	int64_t v = q && sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
	sqlite3_finalize(q);
	return v;
}

/* Everything worked out from the people and their kinds: adoption, team
 * rows, the metric's cells and scale, the quiet list. */
static int settle(struct engagement *g)
{
	count_active(g);
	g->nteams = 0;
	make_teams(g);
	if (g->nteams > 1)
		qsort(g->teams, (size_t)g->nteams, sizeof *g->teams, cmp_team);
	/* Team cells after the people's, in display order. */
	for (int t = 0; t < g->nteams; t++)
		g->teams[t].n = g->cells + (size_t)(g->npeople + t) * (size_t)g->nweeks;
	free(g->quiet);
	g->quiet = NULL;
	g->nquiet = 0;
	return fill_metric(g) != 0 || make_quiet(g) != 0 ? -1 : 0;
}

int engagement_load(struct store *s, int first_week, int nweeks, enum engagement_metric metric,
		    const struct engagement_filter *filter, struct engagement *out, struct err *e)
{
	struct engagement g;
	memset(&g, 0, sizeof g);
	memset(out, 0, sizeof *out);
	if (nweeks < 0 || nweeks > 5200 || (int)metric < 0 || metric >= ENGAGEMENT_METRICS)
		return err_set(e, CH_INVALID, _("engagement: bad week range or metric"));
	g.first_week = first_week;
	g.nweeks = nweeks;
	g.metric = metric;
	if (filter)
		g.filter = *filter;
	g.current_week = engagement_week_of(store_now());
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	st = schema_older_views(s, e);
	load_options(s, &g);
	if (st == CH_OK)
		st = load_headcount(s, &g, e);
	g.last_event = last_event(s);
	if (st == CH_OK)
		st = metrics_roster_load(s, &g.roster, e);
	if (st == CH_OK)
		st = load_people(s, &g, e);
	if (st == CH_OK) {
		/* One block for every person's and every possible team's cells
		 * (there are at most as many teams as people), one for the kinds. */
		size_t plane = (size_t)g.npeople * (size_t)nweeks;
		g.cells = calloc(plane ? 2 * plane : 1, sizeof *g.cells);
		g.kinds = calloc(plane ? (ENGAGEMENT_METRICS - 1) * plane : 1, sizeof *g.kinds);
		g.active = calloc(nweeks ? (size_t)nweeks : 1, sizeof *g.active);
		g.members = calloc(nweeks ? (size_t)nweeks : 1, sizeof *g.members);
		g.sharers = calloc(nweeks ? (size_t)nweeks : 1, sizeof *g.sharers);
		g.teams = calloc(g.npeople ? (size_t)g.npeople : 1, sizeof *g.teams);
		if (!g.cells || !g.kinds || !g.active || !g.members || !g.sharers || !g.teams)
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
		for (int i = 0; st == CH_OK && i < g.npeople; i++)
			g.people[i].n = g.cells + (size_t)i * (size_t)nweeks;
	}
	if (st == CH_OK)
		st = spare_around(s, &g, first_week, nweeks, e);
	if (st == CH_OK)
		st = spare_fill(&g, first_week, first_week + nweeks - 1, e);
	if (st == CH_OK)
		st = last_weeks(s, &g, e);
	st = store_end(s, st, e);
	if (st == CH_OK && settle(&g) != 0)
		st = err_set(e, CH_UNUSABLE, _("out of memory"));
	if (st != CH_OK) {
		engagement_free(&g);
		return st;
	}
	*out = g;
	return CH_OK;
}

/* Are two people lists the same rows in the same order? */
static int same_people(const struct engagement *a, const struct engagement *b)
{
	if (a->npeople != b->npeople)
		return 0;
	for (int i = 0; i < a->npeople; i++) {
		const struct engagement_row *x = &a->people[i], *y = &b->people[i];
		if (x->person_id != y->person_id || x->team_id != y->team_id || x->active != y->active
		    || x->paused != y->paused
		    || strcmp(x->name, y->name) != 0
		    || strcmp(x->login, y->login) != 0 || strcmp(x->team, y->team) != 0)
			return 0;
	}
	return 1;
}

/* The weeks in view that events after g->last_event fell in are read
 * again; every other week in view is as it was (activity only ever grows
 * by events, and events are only ever added). */
static int reload_new_weeks(struct store *s, struct engagement *g, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s,
		"SELECT DISTINCT week FROM event_activity WHERE id > ?1 AND kind IS NOT NULL "
		"AND week >= ?2 AND week <= ?3", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_int64(q, 1, g->last_event);
	sqlite3_bind_int(q, 2, g->first_week);
	sqlite3_bind_int(q, 3, g->first_week + g->nweeks - 1);
	int rc, st = CH_OK;
	while (st == CH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		int w = sqlite3_column_int(q, 0);
		for (int k = 0; k < ENGAGEMENT_METRICS - 1; k++)
			for (int i = 0; i < g->npeople; i++)
				*kind_cell(g, k, i, w - g->first_week) = 0;
		st = spare_load(s, g, w, w, e);
		if (st == CH_OK)
			st = spare_fill(g, w, w, e);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading new activity"), e);
	sqlite3_finalize(q);
	return st;
}

int engagement_refresh(struct store *s, struct engagement *g, struct err *e)
{
	if (g->current_week != engagement_week_of(store_now()) || g->last_event < 0)
		return err_set(e, CH_FAILED, _("a new week: load again"));
	struct engagement now;
	memset(&now, 0, sizeof now);
	now.filter = g->filter;
	now.first_week = g->first_week;
	now.nweeks = g->nweeks;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	st = schema_older_views(s, e);
	if (st == CH_OK)
		st = metrics_roster_load(s, &now.roster, e);
	if (st == CH_OK)
		st = load_people(s, &now, e);
	if (st == CH_OK && !same_people(g, &now))
		st = err_set(e, CH_FAILED, _("other people: load again"));
	/* From here on g changes: a failure leaves it to be loaded again. */
	if (st == CH_OK) {
		struct metrics_roster old = g->roster;   /* the history may have grown */
		g->roster = now.roster;
		now.roster = old;
		struct engagement_row *cand = g->cand;  /* and the candidates their rows */
		unsigned char *today = g->cand_today;
		int ncand = g->ncand;
		g->cand = now.cand;
		g->cand_today = now.cand_today;
		g->ncand = now.ncand;
		now.cand = cand;
		now.cand_today = today;
		now.ncand = ncand;
		spare_drop(g);          /* activity grew: the weeks aside are read anew */
		load_options(s, g);
		st = reload_new_weeks(s, g, e);
	}
	if (st == CH_OK) {
		g->last_event = last_event(s);
		st = last_weeks(s, g, e);
	}
	st = store_end(s, st, e);
	engagement_free(&now);
	if (st == CH_OK && settle(g) != 0)
		st = err_set(e, CH_UNUSABLE, _("out of memory"));
	return st;
}

int engagement_scroll(struct store *s, struct engagement *g, int first_week, struct err *e)
{
	int d = first_week - g->first_week, nw = g->nweeks;
	if (d == 0)
		return CH_OK;
	{
		/* Other weeks, maybe another roster: then everything afresh. */
		struct engagement then;
		memset(&then, 0, sizeof then);
		then.first_week = first_week;
		then.nweeks = nw;
		int st = pick_people(&then, g, e);
		int same = st == CH_OK && same_people(g, &then);
		free(then.people);
		if (st != CH_OK)
			return st;
		if (!same) {
			struct engagement fresh;
			if ((st = engagement_load(s, first_week, nw, g->metric, &g->filter, &fresh, e)) != CH_OK)
				return st;
			engagement_free(g);
			*g = fresh;
			return CH_OK;
		}
	}
	/* The weeks both windows share move over; the rest come from the
	 * weeks aside, read first when they do not cover them. */
	int keep = d > 0 ? nw - d : nw + d;
	if (keep < 0)
		keep = 0;
	int lo = d > 0 ? first_week + keep : first_week;
	int hi = d > 0 ? first_week + nw - 1 : first_week + nw - keep - 1;
	if (lo < g->spare_lo || hi > g->spare_hi) {
		int st = store_begin(s, 0, e);
		if (st == CH_OK)
			st = schema_older_views(s, e);
		if (st == CH_OK)
			st = spare_around(s, g, first_week, nw, e);
		st = store_end(s, st, e);
		if (st != CH_OK)
			return st;           /* (the window is as it was) */
	}
	size_t plane = (size_t)g->npeople * (size_t)nw;
	int *kinds = calloc(plane ? (ENGAGEMENT_METRICS - 1) * plane : 1, sizeof *kinds);
	if (!kinds)
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	if (keep > 0)
		for (int k = 0; k < ENGAGEMENT_METRICS - 1; k++)
			for (int i = 0; i < g->npeople; i++) {
				const int *from = kind_cell(g, k, i, d > 0 ? d : 0);
				int *to = kinds + (size_t)k * plane + (size_t)i * (size_t)nw + (size_t)(d > 0 ? 0 : -d);
				memcpy(to, from, (size_t)keep * sizeof *to);
			}
	int *old = g->kinds, old_first = g->first_week;
	g->kinds = kinds;
	g->first_week = first_week;
	int st = spare_fill(g, lo, hi, e);
	if (st != CH_OK) {          /* as it was */
		g->kinds = old;
		g->first_week = old_first;
		free(kinds);
		return st;
	}
	free(old);
	count_active(g);
	return fill_metric(g) == 0 ? CH_OK : err_set(e, CH_UNUSABLE, _("out of memory"));
}

int engagement_choices(struct store *s, struct engagement_choice **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s,
		s->schema_version >= SCHEMA_GROUPS_JOURNEY
		? "SELECT 1, id, name FROM teams UNION ALL SELECT 2, id, name FROM focus_groups "
		  "WHERE archived_at IS NULL ORDER BY 1, 3 COLLATE NOCASE"   /* archived: kept, not offered */
		: "SELECT 1, id, name FROM teams UNION ALL SELECT 2, id, name FROM focus_groups "
		  "ORDER BY 1, 3 COLLATE NOCASE", e);
	if (!q)
		return store_end(s, e ? e->status : CH_UNUSABLE, e);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct engagement_choice *c = core_grow((void **)out, n, sizeof **out);
		if (!c) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		c->scope = sqlite3_column_int(q, 0) == 1 ? ENGAGEMENT_TEAM : ENGAGEMENT_GROUP;
		c->id = sqlite3_column_int64(q, 1);
		core_copy(c->name, sizeof c->name, q, 2);
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading teams and focus groups"), e);
	sqlite3_finalize(q);
	st = store_end(s, st, e);
	if (st != CH_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return st;
}
