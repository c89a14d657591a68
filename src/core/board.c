/* board.c — read-only listings for the TUI: cards per stage with true counts.
 * Nothing here writes; every rule stays in content.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/board.h"
#include "chorus/policy.h"
#include "core.h"
#include "schema.h"

void board_free(struct card_list *l)
{
	for (int i = 0; l && i < l->n; i++) {
		free(l->v[i].title);
		free(l->v[i].body);
	}
	if (l) {
		free(l->v);
		memset(l, 0, sizeof *l);
	}
}

void board_free_all(struct card_list cols[BOARD_STAGES])
{
	for (int i = 0; i < BOARD_STAGES; i++)
		board_free(&cols[i]);
}

/* Every stage's count from content_stages (kept by triggers on content):
 * a row each, where counting the Shared column walked hundreds of thousands
 * of index entries. */
#define ALL_STAGES STAGE_COUNT
static int stage_counts(struct store *s, int total[ALL_STAGES], struct err *e)
{
	memset(total, 0, sizeof *total * ALL_STAGES);
	sqlite3_stmt *q = store_prepare(s, "SELECT stage, n FROM content_stages", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int st = stage_parse(core_col(q, 0));
		if (st >= 0 && st < ALL_STAGES)
			total[st] = sqlite3_column_int(q, 1);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? CH_OK : store_sql_error(s, rc, _("counting content"), e);
}

/* Cards first..first+limit-1 of one stage (in the column's order) inside the
 * caller's read transaction.  The window is picked in the stage index alone
 * (content_by_stage holds stage, stage_at and the id), so skipping to a far
 * position joins nothing; only the cards kept are joined to their names. */
static int stage_cards(struct store *s, enum stage st, int first, int limit, int with_body,
		       board_keep_fn *keep, void *ctx, struct card_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->first = first > 0 ? first : 0;
	/* Shared grows without end: newest first, so the top is the recent ones. */
	const char *sql_asc =
		"SELECT c.id, c.title, CASE WHEN ?3 THEN c.body END, cr.login, COALESCE(ed.login, ''), "
		"COALESCE(pl.name, ''), COALESCE(pl.colour, ''), COALESCE(ca.name, ''), "
		"c.created_at, c.stage_at, c.version FROM "
		"(SELECT id FROM content WHERE stage = ?1 ORDER BY stage_at, id LIMIT ?2 OFFSET ?4) AS w "
		"JOIN content c ON c.id = w.id "
		"JOIN people cr ON cr.id = c.creator_id LEFT JOIN people ed ON ed.id = c.editor_id "
		"LEFT JOIN pillars pl ON pl.id = c.pillar_id LEFT JOIN campaigns ca ON ca.id = c.campaign_id "
		"ORDER BY c.stage_at, c.id";
	const char *sql_desc =
		"SELECT c.id, c.title, CASE WHEN ?3 THEN c.body END, cr.login, COALESCE(ed.login, ''), "
		"COALESCE(pl.name, ''), COALESCE(pl.colour, ''), COALESCE(ca.name, ''), "
		"c.created_at, c.stage_at, c.version FROM "
		"(SELECT id FROM content WHERE stage = ?1 ORDER BY stage_at DESC, id DESC LIMIT ?2 OFFSET ?4) AS w "
		"JOIN content c ON c.id = w.id "
		"JOIN people cr ON cr.id = c.creator_id LEFT JOIN people ed ON ed.id = c.editor_id "
		"LEFT JOIN pillars pl ON pl.id = c.pillar_id LEFT JOIN campaigns ca ON ca.id = c.campaign_id "
		"ORDER BY c.stage_at DESC, c.id DESC";
	sqlite3_stmt *q = store_prepare(s, st == STAGE_SHARED ? sql_desc : sql_asc, e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_text(q, 1, stage_name(st), -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, limit > 0 ? limit : -1);
	sqlite3_bind_int(q, 3, with_body);
	sqlite3_bind_int(q, 4, out->first);
	int cap = 0, rc, r = CH_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 32;
			struct card *m = realloc(out->v, (size_t)cap * sizeof *m);
			if (!m) {
				r = err_set(e, CH_UNUSABLE, _("out of memory"));
				break;
			}
			out->v = m;
		}
		struct card *c = &out->v[out->n++];
		memset(c, 0, sizeof *c);
		c->id = sqlite3_column_int64(q, 0);
		c->stage = st;
		c->title = core_dup(q, 1);
		if (with_body)
			c->body = core_dup(q, 2);
		core_copy(c->creator, sizeof c->creator, q, 3);
		core_copy(c->editor, sizeof c->editor, q, 4);
		core_copy(c->pillar, sizeof c->pillar, q, 5);
		core_copy(c->colour, sizeof c->colour, q, 6);
		core_copy(c->campaign, sizeof c->campaign, q, 7);
		c->created_at = sqlite3_column_int64(q, 8);
		c->stage_at = sqlite3_column_int64(q, 9);
		c->version = sqlite3_column_int(q, 10);
		if (!c->title || (with_body && !c->body)) {
			r = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		if (keep) {
			/* A scan: every card is seen, only those kept stay, without a body. */
			out->total++;
			int k = keep(ctx, c);
			free(c->body);
			c->body = NULL;
			if (!k) {
				free(c->title);
				out->n--;
			}
		}
	}
	if (r == CH_OK && rc != SQLITE_DONE)
		r = store_sql_error(s, rc, _("listing content"), e);
	sqlite3_finalize(q);
	if (r != CH_OK)
		board_free(out);
	return r;
}

/* Checking messages against the policy is the one costly part of a refresh
 * (a rule such as "must say who you are" scans each whole text), and the
 * board refreshes whenever anyone writes.  So results are cached per message
 * id and version, and the whole cache is dropped when the rules change. */
#define POLICY_CACHE 4096   /* a power of two */
static struct pc_entry { int64_t id; int version; int sev; } policy_cache[POLICY_CACHE];
static int policy_cache_n;
static char policy_cache_sig[96];

static struct pc_entry *pc_slot(int64_t id)
{
	size_t h = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 52) & (POLICY_CACHE - 1);
	while (policy_cache[h].id && policy_cache[h].id != id)
		h = (h + 1) & (POLICY_CACHE - 1);
	return &policy_cache[h];
}

static void pc_check_rules(struct store *s)
{
	char sig[96] = "";
	sqlite3_stmt *q = store_prepare(s, "SELECT count(*), COALESCE(max(updated_at), 0), "
				       "COALESCE(sum(version), 0), COALESCE(max(id), 0) FROM policy_rules", NULL);
	if (q && sqlite3_step(q) == SQLITE_ROW)
		snprintf(sig, sizeof sig, "%lld/%lld/%lld/%lld", (long long)sqlite3_column_int64(q, 0),
			 (long long)sqlite3_column_int64(q, 1), (long long)sqlite3_column_int64(q, 2),
			 (long long)sqlite3_column_int64(q, 3));
	sqlite3_finalize(q);
	if (strcmp(sig, policy_cache_sig) != 0 || policy_cache_n > POLICY_CACHE / 2) {
		memset(policy_cache, 0, sizeof policy_cache);
		policy_cache_n = 0;
		snprintf(policy_cache_sig, sizeof policy_cache_sig, "%s", sig);
	}
}

/* The policy flag of the editing and ready cards loaded: the worst severity
 * over their messages, found by content id (the messages' unique index), so
 * the cost follows the cards on screen, not the stages' sizes.  Inside the
 * caller's read transaction.  At most budget messages not in the cache are
 * checked (0: no limit); when that stops it short, cols is left as it was
 * and 0 returned, else 1 with cols updated. */
static int policy_flags(struct store *s, struct card_list *cols, int ncols, int budget)
{
	struct policy *pol = NULL;
	int total = 0, checked = 0, done = 1;
	for (int i = 0; i < ncols; i++)
		total += cols[i].n;
	if (total == 0)
		return 1;
	pc_check_rules(s);
	int *worst = calloc((size_t)total, sizeof *worst);
	sqlite3_stmt *q = worst ? store_prepare(s, "SELECT id, version, text FROM messages WHERE content_id = ?", NULL)
				: NULL;
	for (int i = 0, k = 0; q && done && i < ncols; i++)
		for (int j = 0; q && done && j < cols[i].n; j++, k++) {
			sqlite3_reset(q);
			sqlite3_bind_int64(q, 1, cols[i].v[j].id);
			while (sqlite3_step(q) == SQLITE_ROW) {
				int64_t mid = sqlite3_column_int64(q, 0);
				int version = sqlite3_column_int(q, 1), sev;
				struct pc_entry *pe = pc_slot(mid);
				if (pe->id == mid && pe->version == version)
					sev = pe->sev;
				else {
					if (budget > 0 && checked == budget) {
						done = 0;   /* the rest next time; what was checked is cached */
						break;
					}
					checked++;
					if (!pol && policy_load(s, &pol, NULL) != CH_OK) {
						done = 0;
						break;
					}
					struct policy_match *m = NULL;
					int nm = 0;
					sev = policy_check(pol, core_col(q, 2), &m, &nm);
					free(m);
					if (pe->id != mid)
						policy_cache_n++;
					*pe = (struct pc_entry){ mid, version, sev };
				}
				if (sev > worst[k])
					worst[k] = sev;
			}
		}
	sqlite3_finalize(q);
	for (int i = 0, k = 0; worst && done && i < ncols; i++)
		for (int j = 0; j < cols[i].n; j++, k++)
			cols[i].v[j].policy = worst[k];
	free(worst);
	policy_free(pol);
	return done;
}

int board_load(struct store *s, int limit, int shared_limit, int inbox_bodies,
	       struct card_list cols[BOARD_STAGES], struct err *e)
{
	int first[BOARD_STAGES] = {0}, lim[BOARD_STAGES];
	for (int i = 0; i < BOARD_STAGES; i++)
		lim[i] = i == STAGE_SHARED ? shared_limit : limit;
	return board_windows(s, first, lim, inbox_bodies, cols, e);
}

int board_windows(struct store *s, const int first[BOARD_STAGES], const int limit[BOARD_STAGES],
		  int inbox_bodies, struct card_list cols[BOARD_STAGES], struct err *e)
{
	memset(cols, 0, sizeof *cols * BOARD_STAGES);
	int total[ALL_STAGES];
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	st = schema_older_views(s, e);
	if (st == CH_OK)
		st = stage_counts(s, total, e);
	for (int i = 0; st == CH_OK && i < BOARD_STAGES; i++) {
		/* A window past the end (the column shrank) slides back to show its end. */
		int from = first[i];
		if (limit[i] > 0 && from > total[i] - limit[i])
			from = total[i] - limit[i];
		st = stage_cards(s, (enum stage)i, from, limit[i], i == STAGE_INBOX && inbox_bodies, NULL, NULL,
				 &cols[i], e);
		cols[i].total = total[i];
	}
	st = store_end(s, st, e);
	if (st != CH_OK)
		board_free_all(cols);
	return st;
}

int board_window(struct store *s, enum stage stg, int first, int limit, struct card_list *out,
		 struct err *e)
{
	memset(out, 0, sizeof *out);
	if ((int)stg < 0 || (int)stg >= ALL_STAGES)
		return err_set(e, CH_INVALID, _("not a stage"));
	int total[ALL_STAGES];
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	st = schema_older_views(s, e);
	if (st == CH_OK)
		st = stage_counts(s, total, e);
	if (st == CH_OK) {
		if (limit > 0 && first > total[stg] - limit)
			first = total[stg] - limit;
		st = stage_cards(s, stg, first, limit, 0, NULL, NULL, out, e);
		out->total = total[stg];
	}
	return store_end(s, st, e);
}

int board_position(struct store *s, int64_t id, enum stage *stg, int *pos, struct err *e)
{
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	/* Cards before it in its column: the stage index, from the column's start. */
	sqlite3_stmt *q = store_prepare(s,
		"SELECT c.stage, (SELECT count(*) FROM content o WHERE o.stage = c.stage AND "
		"  CASE WHEN c.stage = 'shared' THEN (o.stage_at, o.id) > (c.stage_at, c.id) "
		"  ELSE (o.stage_at, o.id) < (c.stage_at, c.id) END) "
		"FROM content c WHERE c.id = ?", e);
	if (!q)
		return store_end(s, e ? e->status : CH_UNUSABLE, e);
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		int at = stage_parse(core_col(q, 0));
		if (at < 0)
			st = err_set(e, CH_UNUSABLE, _("content %lld has an unknown stage"), (long long)id);
		*stg = at < 0 ? STAGE_INBOX : (enum stage)at;
		*pos = sqlite3_column_int(q, 1);
	} else if (rc == SQLITE_DONE)
		st = err_set(e, CH_FAILED, _("no content %lld"), (long long)id);
	else
		st = store_sql_error(s, rc, _("finding a card"), e);
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

int board_policy(struct store *s, struct card_list cols[BOARD_STAGES], int budget, int *done,
		 struct err *e)
{
	*done = 1;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	*done = policy_flags(s, &cols[STAGE_EDITING], 2, budget);
	return store_end(s, CH_OK, e);
}

int board_scan(struct store *s, enum stage stg, int with_body, board_keep_fn *keep, void *ctx,
	       struct card_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int st = store_begin(s, 0, e);
	if (st == CH_OK)
		st = stage_cards(s, stg, 0, 0, with_body, keep, ctx, out, e);
	return store_end(s, st, e);
}

int board_body(struct store *s, int64_t id, char **body, struct err *e)
{
	*body = NULL;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "SELECT body FROM content WHERE id = ?", e);
	if (!q)
		return store_end(s, e ? e->status : CH_UNUSABLE, e);
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		if (!(*body = core_dup(q, 0)))
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
	} else if (rc == SQLITE_DONE)
		st = err_set(e, CH_FAILED, _("no content %lld"), (long long)id);
	else
		st = store_sql_error(s, rc, _("reading a body"), e);
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

int board_wip(struct store *s, int wip[BOARD_STAGES], struct err *e)
{
	static const char *const keys[BOARD_STAGES] = { "wip_inbox", "wip_editing", "wip_ready", NULL };
	int st = store_begin(s, 0, e);
	for (int i = 0; i < BOARD_STAGES; i++) {
		char v[32];
		wip[i] = st == CH_OK && keys[i] && store_setting_get(s, keys[i], v, sizeof v) ? atoi(v) : 0;
	}
	return st == CH_OK ? store_end(s, st, e) : st;
}

void board_names(struct store *s, int campaigns, char *out, size_t outlen)
{
	size_t o = 0;
	out[0] = 0;
	if (store_begin(s, 0, NULL) != CH_OK)
		return;
	sqlite3_stmt *q = store_prepare(s, campaigns == BOARD_NAMES_TYPES
		? "SELECT name FROM message_types ORDER BY position, id" : campaigns
		? "SELECT name FROM campaigns ORDER BY name"
		: "SELECT name FROM pillars ORDER BY position, name", NULL);
	while (q && sqlite3_step(q) == SQLITE_ROW) {
		int n = snprintf(out + o, outlen - o, "%s%s", o ? ", " : "", core_col(q, 0));
		if (n < 0 || (size_t)n >= outlen - o) {
			out[o] = 0;
			break;
		}
		o += (size_t)n;
	}
	sqlite3_finalize(q);
	store_end(s, CH_OK, NULL);
}
