/* metrics_digest.c — the weekly digest: what became ready, what was shared
 * and how it did, who joined, who went quiet, how the campaigns stand. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chorus/campaign.h"
#include "chorus/message.h"
#include "chorus/metrics.h"
#include "chorus/request.h"
#include "core.h"
#include "schema.h"
#include "metrics_parts.h"
#include "../util/timeutil.h"

/* --- the weekly digest ------------------------------------------------------- */

static int digest_ready(struct store *s, struct metrics_digest *d, int64_t lo, int64_t hi,
			struct err *e)
{
	/* "Entered ready" is any move whose detail says to: ready (approve, or
	 * back from shared); content archived or rejected since is left out.
	 * "+ev.entity": the week's events come from events_by_time, never from
	 * the entity index, which holds every content event there ever was. */
	sqlite3_stmt *q = store_prepare(s,
		"SELECT c.id, c.title, cr.login, COALESCE(pi.name, ''), COALESCE(ca.name, ''), min(ev.at) "
		"FROM events ev JOIN content c ON c.id = ev.entity_id JOIN people cr ON cr.id = c.creator_id "
		"LEFT JOIN pillars pi ON pi.id = c.pillar_id LEFT JOIN campaigns ca ON ca.id = c.campaign_id "
		"WHERE ev.at >= ?1 AND ev.at < ?2 AND +ev.entity = 'content' "
		"AND json_extract(ev.detail, '$.to') = 'ready' AND c.stage IN ('ready', 'shared') "
		"GROUP BY c.id ORDER BY min(ev.at), c.id", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, lo);
	sqlite3_bind_int64(q, 2, hi);
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct digest_ready *r = metrics_grow(&d->ready, &d->nready, sizeof *r, e, &st);
		if (!r)
			break;
		r->id = sqlite3_column_int64(q, 0);
		if (!(r->title = core_dup(q, 1)))
			st = metrics_oom(e);
		core_copy(r->creator, sizeof r->creator, q, 2);
		core_copy(r->pillar, sizeof r->pillar, q, 3);
		core_copy(r->campaign, sizeof r->campaign, q, 4);
		r->at = sqlite3_column_int64(q, 5);
	}
	sqlite3_finalize(q);
	if (st != CH_OK || !(q = store_prepare(s,
		"SELECT p.key, m.variant, m.text FROM messages m JOIN platforms p ON p.id = m.platform_id "
		"WHERE m.content_id = ? ORDER BY p.position, p.key, m.variant, m.id", e)))
		return st != CH_OK ? st : e->status;
	for (int i = 0; i < d->nready && st == CH_OK; i++) {
		struct digest_ready *r = &d->ready[i];
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, r->id);
		while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
			struct digest_message *m = metrics_grow(&r->messages, &r->nmessages, sizeof *m, e, &st);
			if (!m)
				break;
			core_copy(m->platform, sizeof m->platform, q, 0);
			m->variant = sqlite3_column_int(q, 1);
			if (!(m->text = core_dup(q, 2)))
				st = metrics_oom(e);
		}
	}
	sqlite3_finalize(q);
	return st;
}

static int digest_shares(struct store *s, struct metrics_digest *d, int64_t lo, int64_t hi,
			 struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT count(*), count(DISTINCT person_id) FROM shares "
					   "WHERE shared_at >= ?1 AND shared_at < ?2", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, lo);
	sqlite3_bind_int64(q, 2, hi);
	if (sqlite3_step(q) == SQLITE_ROW) {
		d->shares = sqlite3_column_int64(q, 0);
		d->sharers = sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	/* Wins: what people responded to most, told in time order — a win is
	 * no rank; shares without figures yet are no win. */
	q = store_prepare(s,
		"SELECT * FROM (SELECT sh.id, c.id, p.login, pl.key, c.title, sh.shared_at, sh.impressions, "
		"sh.clicks, sh.reactions, sh.comments, sh.reshares FROM shares sh "
		"JOIN people p ON p.id = sh.person_id JOIN platforms pl ON pl.id = sh.platform_id "
		"JOIN messages m ON m.id = sh.message_id JOIN content c ON c.id = m.content_id "
		"WHERE sh.shared_at >= ?1 AND sh.shared_at < ?2 AND (sh.reactions > 0 OR sh.clicks > 0) "
		"ORDER BY sh.reactions DESC, sh.clicks DESC, sh.impressions DESC, sh.id LIMIT ?3) "
		"ORDER BY 6, 1", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, lo);
	sqlite3_bind_int64(q, 2, hi);
	sqlite3_bind_int(q, 3, DIGEST_TOP_WINS);
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct digest_win *w = metrics_grow(&d->wins, &d->nwins, sizeof *w, e, &st);
		if (!w)
			break;
		w->share_id = sqlite3_column_int64(q, 0);
		w->content_id = sqlite3_column_int64(q, 1);
		core_copy(w->login, sizeof w->login, q, 2);
		core_copy(w->platform, sizeof w->platform, q, 3);
		if (!(w->title = core_dup(q, 4)))
			st = metrics_oom(e);
		w->shared_at = sqlite3_column_int64(q, 5);
		metrics_share_figures_columns(q, 6, &w->f);
	}
	sqlite3_finalize(q);
	return st;
}

/* The content requests open at the end of the week (asked before it ended,
 * not closed by then), by due day; none in a file older than requests. */
static int digest_requests(struct store *s, struct metrics_digest *d, int64_t hi, struct err *e)
{
	if (s->schema_version < SCHEMA_REQUESTS)
		return CH_OK;
	sqlite3_stmt *q = store_prepare(s,
		"SELECT r.id, r.brief, CASE WHEN r.team_id IS NOT NULL THEN 'team:' || t.name "
		"WHEN r.group_id IS NOT NULL THEN 'group:' || g.name ELSE p.login END, a.login, r.due "
		"FROM requests r JOIN people a ON a.id = r.asker_id LEFT JOIN people p ON p.id = r.person_id "
		"LEFT JOIN teams t ON t.id = r.team_id LEFT JOIN focus_groups g ON g.id = r.group_id "
		"WHERE r.created_at < ?1 AND (r.closed_at IS NULL OR r.closed_at >= ?1) ORDER BY r.due, r.id", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, hi);
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct digest_request *r = metrics_grow(&d->requests, &d->nrequests, sizeof *r, e, &st);
		if (!r)
			break;
		r->id = sqlite3_column_int64(q, 0);
		core_copy(r->brief, sizeof r->brief, q, 1);
		core_copy(r->to, sizeof r->to, q, 2);
		core_copy(r->asker, sizeof r->asker, q, 3);
		core_copy(r->due, sizeof r->due, q, 4);
		r->overdue = request_due_passed(r->due, hi);   /* by the Monday after */
	}
	sqlite3_finalize(q);
	return st;
}

/* People rows: id, login, name, then when (a time or a week; NULL = -1);
 * their team is the roster's at time `at`, and with only_in only those in
 * the programme then are kept.  With paused, a fifth column says a row is
 * to be left out and counted there instead. */
static int digest_people(struct store *s, const char *sql, const int64_t *binds, int nbinds,
			 const struct metrics_roster *ro, int64_t at, int only_in,
			 struct digest_person **out, int *n, int *paused, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return e->status;
	for (int i = 0; i < nbinds; i++)
		sqlite3_bind_int64(q, i + 1, binds[i]);
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		const struct metrics_roster_person *rp = metrics_roster_find(ro, sqlite3_column_int64(q, 0));
		const struct metrics_stint *t = rp ? metrics_roster_at(ro, rp, at) : NULL;
		if (only_in && !(t && t->active))
			continue;
		if (paused && sqlite3_column_int(q, 4)) {
			(*paused)++;
			continue;
		}
		struct digest_person *p = metrics_grow(out, n, sizeof *p, e, &st);
		if (!p)
			break;
		core_copy(p->login, sizeof p->login, q, 1);
		core_copy(p->name, sizeof p->name, q, 2);
		snprintf(p->team, sizeof p->team, "%s", t ? t->team : "");
		p->when = sqlite3_column_type(q, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(q, 3);
	}
	sqlite3_finalize(q);
	return st;
}

static int digest_campaigns(struct store *s, struct metrics_digest *d, int64_t lo, int64_t hi,
			    struct err *e)
{
	char first[16], last[16];
	metrics_date_str(lo, first, sizeof first);
	metrics_date_str(hi - TIME_DAY, last, sizeof last);
	sqlite3_stmt *q = store_prepare(s,
		"SELECT ca.name, COALESCE(ca.starts, ''), COALESCE(ca.ends, ''), ca.target_shares, "
		"count(sh.id), count(CASE WHEN sh.shared_at >= ?1 THEN 1 END) FROM campaigns ca "
		"LEFT JOIN content c ON c.campaign_id = ca.id LEFT JOIN messages m ON m.content_id = c.id "
		"LEFT JOIN shares sh ON sh.message_id = m.id AND sh.shared_at < ?2 "
		"WHERE COALESCE(ca.starts, '') <= ?4 AND (COALESCE(ca.ends, '') = '' OR ca.ends >= ?3) "
		"GROUP BY ca.id ORDER BY COALESCE(ca.starts, ''), ca.name, ca.id", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, lo);
	sqlite3_bind_int64(q, 2, hi);
	sqlite3_bind_text(q, 3, first, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, last, -1, SQLITE_TRANSIENT);
	int st = CH_OK;
	while (st == CH_OK && sqlite3_step(q) == SQLITE_ROW) {
		struct digest_campaign *c = metrics_grow(&d->campaigns, &d->ncampaigns, sizeof *c, e, &st);
		if (!c)
			break;
		core_copy(c->name, sizeof c->name, q, 0);
		core_copy(c->starts, sizeof c->starts, q, 1);
		core_copy(c->ends, sizeof c->ends, q, 2);
		c->target_shares = sqlite3_column_int64(q, 3);
		c->shares = sqlite3_column_int64(q, 4);
		c->week_shares = sqlite3_column_int64(q, 5);
	}
	sqlite3_finalize(q);
	return st;
}

int metrics_digest(struct store *s, int64_t w, struct metrics_digest *d, struct err *e)
{
	memset(d, 0, sizeof *d);
	d->week = w;
	d->start = metrics_week_start(w);
	metrics_week_label(w, d->label, sizeof d->label);
	int64_t lo = d->start, hi = d->start + TIME_WEEK;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	store_meta_get(s, "organisation", d->organisation, sizeof d->organisation);
	char v[32];
	d->quiet_weeks = store_setting_get(s, "quiet_weeks", v, sizeof v) ? atoi(v) : 4;
	if (d->quiet_weeks < 1)
		d->quiet_weeks = 4;
	/* The week is measured with its own roster: teams and who is in the
	 * programme as they were at its end. */
	struct metrics_roster ro;
	st = metrics_roster_load(s, &ro, e);
	if (st == CH_OK)
		st = digest_ready(s, d, lo, hi, e);
	if (st == CH_OK)
		st = digest_shares(s, d, lo, hi, e);
	if (st == CH_OK) {
		/* Their first share ever falls in this week: shares_by_person answers it. */
		int64_t b[] = { lo, hi };
		st = digest_people(s,
			"SELECT p.id, p.login, p.name, f.first FROM "
			"(SELECT person_id, min(shared_at) AS first FROM shares GROUP BY person_id) f "
			"JOIN people p ON p.id = f.person_id "
			"WHERE f.first >= ?1 AND f.first < ?2 ORDER BY f.first, p.login",
			b, 2, &ro, hi - 1, 0, &d->newcomers, &d->nnewcomers, NULL, e);
	}
	if (st == CH_OK)
		st = digest_campaigns(s, d, lo, hi, e);
	if (st == CH_OK)
		st = digest_requests(s, d, hi, e);
	if (st == CH_OK) {
		/* Quiet: in the programme at the end of the week (joined and
		 * active then, whatever since), and no activity of any kind in
		 * the quiet_weeks weeks up to this one.  Paused on their journey
		 * at the end of the week (SCHEMA_GROUPS_JOURNEY): not nagged,
		 * only counted. */
#define QUIET_SQL(paused) \
			"SELECT p.id, p.login, p.name, " \
			"(SELECT max(a.week) FROM activity a WHERE a.person_id = p.id AND a.week <= ?2), " paused " " \
			"FROM people p WHERE NOT EXISTS (SELECT 1 FROM activity a " \
			"WHERE a.person_id = p.id AND a.week >= ?1 AND a.week <= ?2) ORDER BY p.login"
		int64_t b[] = { w - d->quiet_weeks + 1, w, hi };
		st = digest_people(s, s->schema_version >= SCHEMA_GROUPS_JOURNEY
			? QUIET_SQL("COALESCE((SELECT j.state FROM person_journey j WHERE j.person_id = p.id "
				    "AND j.at < ?3 ORDER BY j.at DESC, j.id DESC LIMIT 1), '') = 'paused'")
			: QUIET_SQL("0 + ?3 * 0"),
			b, 3, &ro, hi - 1, 1, &d->quiet, &d->nquiet, &d->quiet_paused, e);
#undef QUIET_SQL
	}
	metrics_roster_free(&ro);
	if (st == CH_OK)
		st = metrics_adoption(s, w - DIGEST_ADOPTION_WEEKS + 1, w, &d->adoption, e);
	store_end(s, CH_OK, NULL);
	if (st != CH_OK)
		metrics_digest_free(d);
	return st;
}

void metrics_digest_free(struct metrics_digest *d)
{
	metrics_adoption_free(&d->adoption);
	for (int i = 0; i < d->nready; i++) {
		for (int k = 0; k < d->ready[i].nmessages; k++)
			free(d->ready[i].messages[k].text);
		free(d->ready[i].messages);
		free(d->ready[i].title);
	}
	for (int i = 0; i < d->nwins; i++)
		free(d->wins[i].title);
	free(d->ready);
	free(d->wins);
	free(d->newcomers);
	free(d->campaigns);
	free(d->quiet);
	free(d->requests);
	memset(d, 0, sizeof *d);
}
