/* metrics_roster.c — the roster of any time: the people's history replayed
 * once from the audit log (see metrics.h), for the report, the digest and
 * the Engagement panel alike. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/metrics.h"
#include "chorus/strategy.h"
#include "core.h"
#include "metrics_parts.h"
#include "schema.h"
#include "../util/timeutil.h"

void metrics_roster_free(struct metrics_roster *r)
{
	free(r->people);
	free(r->stints);
	memset(r, 0, sizeof *r);
}

/* A new stint for the last person, as the one before it from `from` on. */
static struct metrics_stint *stint_push(struct metrics_roster *r, int64_t from, struct err *e, int *st)
{
	struct metrics_roster_person *p = &r->people[r->npeople - 1];
	struct metrics_stint *prev = p->n ? &r->stints[p->first + p->n - 1] : NULL;
	struct metrics_stint *t = metrics_grow(&r->stints, &r->nstints, sizeof *t, e, st);
	if (!t)
		return NULL;
	prev = prev ? &r->stints[r->nstints - 2] : NULL;   /* the array may have moved */
	if (prev)
		*t = *prev;
	t->from = from;
	p->n++;
	return t;
}

int metrics_roster_load(struct store *s, struct metrics_roster *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	/* Two reads, both by person id (the events through events_by_entity),
	 * walked side by side. */
	sqlite3_stmt *pq = store_prepare(s,
		"SELECT p.id, p.created_at, p.active, COALESCE(t.name, '') "
		"FROM people p LEFT JOIN teams t ON t.id = p.team_id ORDER BY p.id", e);
	if (!pq)
		return e->status;
	sqlite3_stmt *eq = store_prepare(s,
		"SELECT entity_id, at, action = 'add', json_type(detail, '$.team') IS NOT NULL, "
		"COALESCE(json_extract(detail, '$.team'), ''), json_type(detail, '$.active') IS NOT NULL, "
		"json_extract(detail, '$.active') FROM events WHERE entity = 'person' "
		"AND action IN ('add', 'set') ORDER BY entity_id, at, id", e);
	if (!eq) {
		sqlite3_finalize(pq);
		return e->status;
	}
	int st = CH_OK, rc, erc = sqlite3_step(eq);
	while (st == CH_OK && (rc = sqlite3_step(pq)) == SQLITE_ROW) {
		struct metrics_roster_person *p = metrics_grow(&r->people, &r->npeople, sizeof *p, e, &st);
		if (!p)
			break;
		p->id = sqlite3_column_int64(pq, 0);
		p->first = r->nstints;
		struct metrics_stint *t = stint_push(r, sqlite3_column_int64(pq, 1), e, &st);
		if (!t)
			break;
		t->active = sqlite3_column_int(pq, 2) != 0;   /* as today all along, without events */
		core_copy(t->team, sizeof t->team, pq, 3);
		while (erc == SQLITE_ROW && sqlite3_column_int64(eq, 0) < p->id)
			erc = sqlite3_step(eq);   /* a person since deleted */
		if (erc == SQLITE_ROW && sqlite3_column_int64(eq, 0) == p->id)
			t->active = 1;
		for (; st == CH_OK && erc == SQLITE_ROW && sqlite3_column_int64(eq, 0) == p->id; erc = sqlite3_step(eq)) {
			int64_t at = sqlite3_column_int64(eq, 1);
			struct metrics_stint *last = &r->stints[r->nstints - 1];
			/* Events up to the joining shape the first stint; later
			 * ones at one time shape one stint. */
			if (at > last->from && !(last = stint_push(r, at, e, &st)))
				break;
			if (sqlite3_column_int(eq, 2)) {   /* add: as it says, in no team unless named */
				last->active = 1;
				last->team[0] = '\0';
			}
			if (sqlite3_column_int(eq, 3))
				core_copy(last->team, sizeof last->team, eq, 4);
			if (sqlite3_column_int(eq, 5))
				last->active = sqlite3_column_int(eq, 6) != 0;
		}
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading people"), e);
	if (st == CH_OK && erc != SQLITE_DONE && erc != SQLITE_ROW)
		st = store_sql_error(s, erc, _("reading the people's history"), e);
	sqlite3_finalize(eq);
	sqlite3_finalize(pq);
	if (st != CH_OK)
		metrics_roster_free(r);
	return st;
}

const struct metrics_roster_person *metrics_roster_find(const struct metrics_roster *r, int64_t id)
{
	int lo = 0, hi = r->npeople;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (r->people[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->npeople && r->people[lo].id == id ? &r->people[lo] : NULL;
}

const struct metrics_stint *metrics_roster_at(const struct metrics_roster *r,
					      const struct metrics_roster_person *p, int64_t t)
{
	const struct metrics_stint *at = NULL;
	for (int i = 0; i < p->n && r->stints[p->first + i].from <= t; i++)
		at = &r->stints[p->first + i];
	return at;
}

int metrics_roster_member(const struct metrics_roster *r, const struct metrics_roster_person *p,
			  int64_t lo, int64_t hi, const char *team)
{
	for (int i = 0; i < p->n; i++) {
		const struct metrics_stint *t = &r->stints[p->first + i];
		int64_t to = i + 1 < p->n ? r->stints[p->first + i + 1].from : INT64_MAX;
		if (t->from < hi && to > lo && t->active && (!team || strcmp(team, t->team) == 0))
			return 1;
	}
	return 0;
}

/* --- adoption against the organisation -------------------------------------- */

void metrics_adoption_free(struct metrics_adoption *a)
{
	free(a->weeks);
	memset(a, 0, sizeof *a);
}

void metrics_adoption_settle(struct metrics_adoption_week *w, const double *milestones, int nmilestones)
{
	w->by_headcount = w->headcount > 0;
	w->base = w->by_headcount ? w->headcount : w->registered;
	w->shared_pct = w->base ? (double)w->sharers * 100.0 / (double)w->base : 0;
	w->took_part_pct = w->base ? (double)w->took_part * 100.0 / (double)w->base : 0;
	w->milestone = w->next = 0;
	/* Reached when sharers / base >= m%, compared without rounding:
	 * 3 of 300 reaches 1%. */
	for (int i = 0; i < nmilestones; i++) {
		if (w->base && (double)w->sharers * 100.0 >= milestones[i] * (double)w->base) {
			w->milestone = milestones[i];
		} else {
			w->next = milestones[i];
			break;
		}
	}
}

int metrics_adoption(struct store *s, int64_t first_week, int64_t last_week, struct metrics_adoption *a,
		     struct err *e)
{
	memset(a, 0, sizeof *a);
	if (last_week < first_week)
		return CH_OK;
	if (last_week - first_week > 5200)
		return err_set(e, CH_INVALID, _("adoption: too many weeks"));
	struct strategy hc;
	struct metrics_roster r;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	st = strategy_load_headcount(s, &hc, e);
	if (st != CH_OK)
		return store_end(s, st, e);
	a->nmilestones = strategy_milestones(&hc, a->milestones);
	a->headcount_set = hc.nheadcount > 0;
	a->nweeks = (int)(last_week - first_week + 1);
	a->weeks = calloc((size_t)a->nweeks, sizeof *a->weeks);
	if (!a->weeks)
		st = err_set(e, CH_UNUSABLE, _("out of memory"));
	if (st == CH_OK)
		st = schema_older_views(s, e);
	if (st == CH_OK)
		st = metrics_roster_load(s, &r, e);
	if (st == CH_OK) {
		for (int i = 0; i < a->nweeks; i++) {
			struct metrics_adoption_week *w = &a->weeks[i];
			w->week = first_week + i;
			metrics_week_label(w->week, w->label, sizeof w->label);
			int64_t lo = metrics_week_start(w->week);
			w->headcount = strategy_headcount_at(hc.headcount, hc.nheadcount, lo);
			for (int p = 0; p < r.npeople; p++)
				w->registered += metrics_roster_member(&r, &r.people[p], lo, lo + TIME_WEEK, NULL);
		}
		metrics_roster_free(&r);
		sqlite3_stmt *q = store_prepare(s,
			"SELECT week, count(DISTINCT CASE WHEN shares > 0 THEN person_id END), "
			"count(DISTINCT CASE WHEN contributions + edits + shares + conversations > 0 THEN person_id END) "
			"FROM activity_week WHERE week BETWEEN ?1 AND ?2 AND person_id IS NOT NULL GROUP BY week", e);
		if (!q)
			st = e ? e->status : CH_UNUSABLE;
		else {
			sqlite3_bind_int64(q, 1, first_week);
			sqlite3_bind_int64(q, 2, last_week);
			int rc;
			while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
				struct metrics_adoption_week *w = &a->weeks[sqlite3_column_int64(q, 0) - first_week];
				w->sharers = sqlite3_column_int64(q, 1);
				w->took_part = sqlite3_column_int64(q, 2);
			}
			if (rc != SQLITE_DONE)
				st = store_sql_error(s, rc, _("reading the weekly activity"), e);
			sqlite3_finalize(q);
		}
	}
	for (int i = 0; st == CH_OK && i < a->nweeks; i++)
		metrics_adoption_settle(&a->weeks[i], a->milestones, a->nmilestones);
	strategy_free(&hc);
	st = store_end(s, st, e);
	if (st != CH_OK)
		metrics_adoption_free(a);
	return st;
}

/* A milestone: as few decimals as it needs ("5", "12.5"), in the person's
 * form ("12,5" in Dutch). */
static const char *milestone_str(double m, char *out, size_t n)
{
	char plain[64];
	metrics_fixed(m, 2, plain, sizeof plain);
	char *p = plain + strlen(plain) - 1;
	while (strchr(plain, '.') && *p == '0')
		*p-- = 0;
	if (*p == '.')
		*p = 0;
	return metrics_human(plain, out, n);
}

void metrics_adoption_words(const struct metrics_adoption_week *w, char *out, size_t n)
{
	char sh[64], tp[64], base[160], m[64], nx[64], reached[128], next[96], plain[64], count[32];
	metrics_human(metrics_fixed(w->shared_pct, 1, plain, sizeof plain), sh, sizeof sh);
	metrics_human(metrics_fixed(w->took_part_pct, 1, plain, sizeof plain), tp, sizeof tp);
	if (w->by_headcount) {
		snprintf(base, sizeof base, _("of the headcount of %s"), i18n_int(count, sizeof count, w->headcount));
	} else {
		char reg[96];
		snprintf(reg, sizeof reg, P_("of %s person registered", "of %s people registered", w->registered),
			 i18n_int(count, sizeof count, w->registered));
		/* TRANSLATORS: after "of 13 people registered". */
		snprintf(base, sizeof base, "%s%s", reg, w->filtered ? _(" in view") : _(" (no headcount set)"));
	}
	if (w->milestone > 0)
		snprintf(reached, sizeof reached, _("milestone %s%% reached"), milestone_str(w->milestone, m, sizeof m));
	else
		snprintf(reached, sizeof reached, "%s", _("no milestone reached yet"));
	if (w->next > 0)
		snprintf(next, sizeof next, _(", next %s%%"), milestone_str(w->next, nx, sizeof nx));
	else
		snprintf(next, sizeof next, "%s", _(", every milestone reached"));
	/* TRANSLATORS: "3.0% shared, 6.0% took part, of the headcount of 100;
	 * milestone 1% reached, next 5%". */
	snprintf(out, n, _("%s%% shared, %s%% took part, %s; %s%s"), sh, tp, base, reached, next);
}

void metrics_milestones_words(const struct metrics_adoption *a, char *out, size_t n)
{
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; i < a->nmilestones && o < n; i++) {
		char m[64];
		o += (size_t)snprintf(out + o, n - o, "%s%s%%", i ? " " : "", milestone_str(a->milestones[i], m, sizeof m));
	}
}
