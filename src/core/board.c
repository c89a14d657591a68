/* board.c — read-only listings for the TUI: cards per stage with true counts.
 * Nothing here writes; every rule stays in content.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/board.h"
#include "chorus/policy.h"
#include "core.h"

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

static int stage_count(struct store *s, enum stage st, int *total, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT count(*) FROM content WHERE stage = ?", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_text(q, 1, stage_name(st), -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*total = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? CH_OK : store_sql_error(s, rc, "counting content", e);
}

/* Cards of one stage inside the caller's read transaction. */
static int stage_cards(struct store *s, enum stage st, int limit, int with_body,
		       struct card_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int r = stage_count(s, st, &out->total, e);
	if (r != CH_OK)
		return r;
	/* Shared grows without end: newest first, so the limit keeps the recent ones. */
	const char *sql_asc =
		"SELECT c.id, c.title, CASE WHEN ?3 THEN c.body END, cr.login, COALESCE(ed.login, ''), "
		"COALESCE(pl.name, ''), COALESCE(pl.colour, ''), COALESCE(ca.name, ''), "
		"c.created_at, c.stage_at, c.version FROM content c "
		"JOIN people cr ON cr.id = c.creator_id LEFT JOIN people ed ON ed.id = c.editor_id "
		"LEFT JOIN pillars pl ON pl.id = c.pillar_id LEFT JOIN campaigns ca ON ca.id = c.campaign_id "
		"WHERE c.stage = ?1 ORDER BY c.stage_at, c.id LIMIT ?2";
	const char *sql_desc =
		"SELECT c.id, c.title, CASE WHEN ?3 THEN c.body END, cr.login, COALESCE(ed.login, ''), "
		"COALESCE(pl.name, ''), COALESCE(pl.colour, ''), COALESCE(ca.name, ''), "
		"c.created_at, c.stage_at, c.version FROM content c "
		"JOIN people cr ON cr.id = c.creator_id LEFT JOIN people ed ON ed.id = c.editor_id "
		"LEFT JOIN pillars pl ON pl.id = c.pillar_id LEFT JOIN campaigns ca ON ca.id = c.campaign_id "
		"WHERE c.stage = ?1 ORDER BY c.stage_at DESC, c.id DESC LIMIT ?2";
	sqlite3_stmt *q = store_prepare(s, st == STAGE_SHARED ? sql_desc : sql_asc, e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	sqlite3_bind_text(q, 1, stage_name(st), -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, limit > 0 ? limit : -1);
	sqlite3_bind_int(q, 3, with_body);
	int cap = 0, rc;
	r = CH_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 32;
			struct card *m = realloc(out->v, (size_t)cap * sizeof *m);
			if (!m) {
				r = err_set(e, CH_UNUSABLE, "out of memory");
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
			r = err_set(e, CH_UNUSABLE, "out of memory");
			break;
		}
	}
	if (r == CH_OK && rc != SQLITE_DONE)
		r = store_sql_error(s, rc, "listing content", e);
	sqlite3_finalize(q);
	if (r != CH_OK)
		board_free(out);
	return r;
}

static int card_by_id(const void *a, const void *b)
{
	int64_t x = ((const struct card *)a)->id, y = ((const struct card *)b)->id;
	return x < y ? -1 : x > y;
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

/* The policy flag of the editing and ready cards: the worst severity over
 * their messages.  Inside the caller's read transaction.  At most budget
 * messages not in the cache are checked (0: no limit); when that stops it
 * short, cols is left as it was and 0 returned, else 1 with cols updated. */
static int policy_flags(struct store *s, struct card_list *cols, int ncols, int budget)
{
	struct policy *pol = NULL;
	int total = 0, checked = 0, done = 1;
	for (int i = 0; i < ncols; i++)
		total += cols[i].n;
	if (total == 0)
		return 1;
	pc_check_rules(s);
	struct card *all = malloc((size_t)total * sizeof *all);
	int k = 0;
	if (!all)
		return 1;
	for (int i = 0; i < ncols; i++)
		for (int j = 0; j < cols[i].n; j++) {
			all[k] = cols[i].v[j];   /* shallow: only id and policy are used */
			all[k++].policy = 0;     /* from scratch: a fixed message clears it */
		}
	qsort(all, (size_t)total, sizeof *all, card_by_id);
	sqlite3_stmt *q = store_prepare(s,
		"SELECT m.content_id, m.id, m.version, m.text FROM messages m JOIN content c ON c.id = m.content_id "
		"WHERE c.stage IN ('editing', 'ready')", NULL);
	while (q && sqlite3_step(q) == SQLITE_ROW) {
		struct card key = { .id = sqlite3_column_int64(q, 0) };
		struct card *hit = bsearch(&key, all, (size_t)total, sizeof *all, card_by_id);
		if (!hit)
			continue;
		int64_t mid = sqlite3_column_int64(q, 1);
		int version = sqlite3_column_int(q, 2), worst;
		struct pc_entry *pe = pc_slot(mid);
		if (pe->id == mid && pe->version == version)
			worst = pe->sev;
		else {
			if (budget > 0 && checked == budget) {
				done = 0;   /* the rest next time; what was checked is cached */
				break;
			}
			checked++;
			if (!pol && policy_load(s, &pol, NULL) != CH_OK)
				break;
			struct policy_match *m = NULL;
			int nm = 0;
			worst = policy_check(pol, core_col(q, 3), &m, &nm);
			free(m);
			if (pe->id != mid)
				policy_cache_n++;
			*pe = (struct pc_entry){ mid, version, worst };
		}
		if (worst > hit->policy)
			hit->policy = worst;
	}
	sqlite3_finalize(q);
	for (int i = 0; done && i < ncols; i++)
		for (int j = 0; j < cols[i].n; j++) {
			struct card *hit = bsearch(&cols[i].v[j], all, (size_t)total, sizeof *all, card_by_id);
			if (hit)
				cols[i].v[j].policy = hit->policy;
		}
	free(all);
	policy_free(pol);
	return done;
}

int board_load(struct store *s, int limit, int shared_limit, int inbox_bodies,
	       struct card_list cols[BOARD_STAGES], struct err *e)
{
	memset(cols, 0, sizeof *cols * BOARD_STAGES);
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	for (int i = 0; st == CH_OK && i < BOARD_STAGES; i++)
		st = stage_cards(s, (enum stage)i, i == STAGE_SHARED ? shared_limit : limit,
				 i == STAGE_INBOX && inbox_bodies, &cols[i], e);
	st = store_end(s, st, e);
	if (st != CH_OK)
		board_free_all(cols);
	return st;
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

int board_stage(struct store *s, enum stage stg, int limit, int with_body,
		struct card_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	st = stage_cards(s, stg, limit, with_body, out, e);
	return store_end(s, st, e);
}

void board_names(struct store *s, int campaigns, char *out, size_t outlen)
{
	size_t o = 0;
	out[0] = 0;
	if (store_begin(s, 0, NULL) != CH_OK)
		return;
	sqlite3_stmt *q = store_prepare(s, campaigns
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
