/* strategy_apply.c — importing a whole strategy at once: work out what differs
 * from the stored one, refuse when something the new strategy leaves out is
 * still in use, then add, update, remove and reorder inside one transaction.
 *
 * The order of the steps is what keeps every reference valid at every moment:
 * platforms are written before the audiences that name them, audiences before
 * the goals that name them; removals come last, goals first (their audience
 * links go with them), so nothing is removed while a kept entity points at
 * it.  Only entities that differ are written, so importing the file that was
 * just exported changes no version and logs no "set" event. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/json.h"
#include "chorus/strategy_apply.h"
#include "chorus/strategy_schema.h"
#include "core.h"
#include "../util/timeutil.h"

static const char *const names[2][STRATEGY_KINDS] = {
	{ N_("goal"), N_("audience"), N_("pillar"), N_("platform"), N_("message type"), N_("policy rule") },
	{ N_("goals"), N_("audiences"), N_("pillars"), N_("platforms"), N_("message types"), N_("policy rules") },
};

/* Keys of the import event's detail: the sections of the file. */
static const char *const json_keys[STRATEGY_KINDS] = {
	"goals", "audiences", "pillars", "platforms", "message_types", "policy",
};

static const char *const position_sql[STRATEGY_KINDS] = {
	[SK_GOAL] = "UPDATE goals SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
	[SK_AUDIENCE] = "UPDATE audiences SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
	[SK_PILLAR] = "UPDATE pillars SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
	[SK_PLATFORM] = "UPDATE platforms SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
	[SK_MESSAGE_TYPE] = "UPDATE message_types SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
	[SK_RULE] = "UPDATE policy_rules SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
};

/* What still uses an entity: counts, one column each (see uses_text).  The
 * links between strategy entities themselves are left out: by the time
 * anything is removed they have been rewritten. */
static const char *const in_use_sql[STRATEGY_KINDS] = {
	[SK_GOAL] = "SELECT (SELECT count(*) FROM campaigns WHERE goal_id = ?1)",
	[SK_AUDIENCE] = "SELECT (SELECT count(*) FROM campaigns WHERE audience_id = ?1)",
	[SK_PILLAR] = "SELECT (SELECT count(*) FROM content WHERE pillar_id = ?1)",
	[SK_PLATFORM] = "SELECT (SELECT count(*) FROM messages WHERE platform_id = ?1), "
			"(SELECT count(*) FROM shares WHERE platform_id = ?1), "
			"(SELECT count(*) FROM person_platforms WHERE platform_id = ?1)",
	[SK_MESSAGE_TYPE] = "SELECT (SELECT count(*) FROM content WHERE message_type_id = ?1)",
	[SK_RULE] = NULL,
};

/* The counts of in_use_sql's row as "2 content items, 1 share" in out;
 * 0 when nothing uses the entity. */
static int uses_text(enum strategy_kind k, sqlite3_stmt *q, char *out, size_t n)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < sqlite3_column_count(q) && len < n; i++) {
		int c = sqlite3_column_int(q, i);
		if (c <= 0)
			continue;
		char one[64];
		if (k == SK_GOAL || k == SK_AUDIENCE)
			snprintf(one, sizeof one, P_("%d campaign", "%d campaigns", c), c);
		else if (k != SK_PLATFORM)
			snprintf(one, sizeof one, P_("%d content item", "%d content items", c), c);
		else if (i == 0)
			snprintf(one, sizeof one, P_("%d message", "%d messages", c), c);
		else if (i == 1)
			snprintf(one, sizeof one, P_("%d share", "%d shares", c), c);
		else
			snprintf(one, sizeof one, P_("%d ambassador handle", "%d ambassador handles", c), c);
		len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ", " : "", one);
	}
	return out[0] != 0;
}

/* Removal order: goals first, so that their links to audiences are gone
 * before an audience goes; audiences before the platforms they name. */
static const enum strategy_kind removal_order[STRATEGY_KINDS] = {
	SK_GOAL, SK_AUDIENCE, SK_PLATFORM, SK_PILLAR, SK_MESSAGE_TYPE, SK_RULE,
};
/* Writing order: what is named before what names it. */
static const enum strategy_kind write_order[STRATEGY_KINDS] = {
	SK_PLATFORM, SK_AUDIENCE, SK_GOAL, SK_PILLAR, SK_MESSAGE_TYPE, SK_RULE,
};

const char *strategy_kind_name(enum strategy_kind k, int plural)
{
	return k >= SK_GOAL && k <= SK_RULE ? names[plural ? 1 : 0][k] : "?";
}

void strategy_diff_totals(const struct strategy_diff *d, char *out, size_t n)
{
	int add = 0, chg = 0, rem = 0;
	for (int k = 0; k < STRATEGY_KINDS; k++) {
		add += d->added[k];
		chg += d->changed[k];
		rem += d->removed[k];
	}
	snprintf(out, n, _("%d added, %d changed, %d removed%s%s%s"), add, chg, rem,
		 d->organisation ? _(", the organisation's name") : "", d->options ? _(", the options") : "",
		 d->headcount ? _(", the headcount") : "");
}

int strategy_diff_empty(const struct strategy_diff *d)
{
	return !d->nchanges && !d->organisation && !d->options && !d->headcount;
}

/* --- small pieces ------------------------------------------------------------ */

static int begin_master(struct store *s, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("changing the strategy"), e);
	return st == CH_OK ? store_begin(s, 1, e) : st;
}

int strategy_set_position(struct store *s, enum strategy_kind k, int64_t id, int position, struct err *e)
{
	int st = begin_master(s, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, position_sql[k], e);
	if (q) {
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int(q, 2, position);
	}
	return store_end(s, core_run(s, q, _("reordering the strategy"), e), e);
}

int strategy_set_organisation(struct store *s, const char *name, struct err *e)
{
	int st = core_text_ok(_("the organisation's name"), name, 0, 255, e);
	if (st != CH_OK || (st = begin_master(s, e)) != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "INSERT INTO meta(key, value) VALUES('organisation', ?) "
					   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", e);
	if (q)
		sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	st = core_run(s, q, _("saving the organisation's name"), e);
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_str(&j, "name", name);
		st = audit_log(s, "organisation", 0, "set", &j, e);
		json_free(&j);
	}
	return store_end(s, st, e);
}

/* NULL and "" are the same: the database gives "" for what was never set. */
static int same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int same_names(char *const *a, int na, char *const *b, int nb)
{
	if (na != nb)
		return 0;
	for (int i = 0; i < na; i++)
		if (!same_text(a[i], b[i]))
			return 0;
	return 1;
}

/* Do x and y hold the same in the fields of a schema table (from the
 * first field on)? */
static int fields_same(const struct strategy_field *f, const void *x, const void *y)
{
	for (; f->key; f++) {
		const char *p = (const char *)x + f->off, *q = (const char *)y + f->off;
		int eq;
		switch (f->type) {
		case SF_INT: case SF_BOOL:
			eq = *(const int *)p == *(const int *)q;
			break;
		case SF_SEVERITY:
			eq = *(const enum severity *)p == *(const enum severity *)q;
			break;
		case SF_NUM:
			eq = *(const double *)p == *(const double *)q;
			break;
		case SF_NAMES:
			eq = same_names(*(char *const *const *)p, *(const int *)((const char *)x + f->count_off),
					*(char *const *const *)q, *(const int *)((const char *)y + f->count_off));
			break;
		default:
			eq = same_text(*(const char *const *)p, *(const char *const *)q);
			break;
		}
		if (!eq)
			return 0;
	}
	return 1;
}

/* Does entity i of a equal entity j of b in everything but key, id and
 * version? */
static int same(enum strategy_kind k, const struct strategy *a, int i, const struct strategy *b, int j)
{
	return fields_same(strategy_fields(k) + 1, strategy_entity(a, k, i), strategy_entity(b, k, j));
}

/* The same, key included: a key that changes only its case is a change. */
static int unchanged(enum strategy_kind k, const struct strategy *a, int i, const struct strategy *b, int j)
{
	return same(k, a, i, b, j) && strcmp(strategy_key(a, k, i), strategy_key(b, k, j)) == 0;
}

static int same_options(const struct strategy *a, const struct strategy *b)
{
	return fields_same(strategy_option_fields(), a, b);
}

/* --- the plan ---------------------------------------------------------------- */

struct plan {
	int *match[STRATEGY_KINDS];      /* new index → stored index, -1 when new */
	char *kept[STRATEGY_KINDS];      /* stored index → 1 when the new strategy has it */
	int64_t *ids[STRATEGY_KINDS];    /* new index → id, once known */
};

static void plan_free(struct plan *pl)
{
	for (int k = 0; k < STRATEGY_KINDS; k++) {
		free(pl->match[k]);
		free(pl->kept[k]);
		free(pl->ids[k]);
	}
}

static int note(struct strategy_diff *d, enum strategy_kind k, char action, const char *name)
{
	struct strategy_change *m = realloc(d->changes, (size_t)(d->nchanges + 1) * sizeof *m);
	if (!m)
		return -1;
	d->changes = m;
	m[d->nchanges] = (struct strategy_change){ k, action, NULL };
	if (name && !(m[d->nchanges].name = strdup(name)))
		return -1;
	d->nchanges++;
	return 0;
}

static int same_headcount(const struct strategy *a, const struct strategy *b)
{
	if (a->nheadcount != b->nheadcount || a->nmilestones != b->nmilestones)
		return 0;
	for (int i = 0; i < a->nheadcount; i++)
		if (a->headcount[i].from != b->headcount[i].from || a->headcount[i].count != b->headcount[i].count)
			return 0;
	for (int i = 0; i < a->nmilestones; i++)
		if (a->milestones[i] != b->milestones[i])
			return 0;
	return 1;
}

/* Match every entity by its key and list the changes. */
static int plan_make(struct plan *pl, const struct strategy *have, const struct strategy *want,
		     struct strategy_diff *d, struct err *e)
{
	for (int k = 0; k < STRATEGY_KINDS; k++) {
		int nw = strategy_count(want, k), nh = strategy_count(have, k), last = -1, bad = 0;
		pl->match[k] = calloc((size_t)nw + 1, sizeof *pl->match[k]);
		pl->kept[k] = calloc((size_t)nh + 1, 1);
		pl->ids[k] = calloc((size_t)nw + 1, sizeof *pl->ids[k]);
		if (!pl->match[k] || !pl->kept[k] || !pl->ids[k])
			return err_set(e, CH_UNUSABLE, _("out of memory"));
		for (int i = 0; i < nw; i++) {
			int j = nh - 1;
			/* Keys are one whatever their case, as the core's writes see
			 * them: "culture" for "Culture" renames it. */
			while (j >= 0 && strcasecmp(strategy_key(have, k, j), strategy_key(want, k, i)) != 0)
				j--;
			pl->match[k][i] = j;
			if (j < 0) {
				d->added[k]++;
				bad |= note(d, k, '+', strategy_key(want, k, i));
				continue;
			}
			pl->kept[k][j] = 1;
			pl->ids[k][i] = strategy_id(have, k, j);
			if (!unchanged(k, want, i, have, j)) {
				d->changed[k]++;
				bad |= note(d, k, '~', strategy_key(want, k, i));
			}
			if (j < last)
				d->reordered[k] = 1;
			last = j;
		}
		for (int j = 0; j < nh; j++)
			if (!pl->kept[k][j]) {
				d->removed[k]++;
				bad |= note(d, k, '-', strategy_key(have, k, j));
			}
		if (d->reordered[k])
			bad |= note(d, k, '>', NULL);
		if (bad)
			return err_set(e, CH_UNUSABLE, _("out of memory"));
	}
	d->organisation = !same_text(have->organisation, want->organisation);
	d->options = !same_options(have, want);
	d->headcount = !same_headcount(have, want);
	return CH_OK;
}

/* Refuse, naming them all, when what the new strategy leaves out is in use. */
static int check_removals(struct store *s, const struct strategy *have, const struct plan *pl,
			  struct err *e)
{
	char list[700] = "";
	size_t len = 0;
	int blocked = 0, st = CH_OK;
	for (int k = 0; k < STRATEGY_KINDS && st == CH_OK; k++) {
		if (!in_use_sql[k])
			continue;
		for (int j = 0; j < strategy_count(have, k) && st == CH_OK; j++) {
			if (pl->kept[k][j])
				continue;
			sqlite3_stmt *q = store_prepare(s, in_use_sql[k], e);
			if (!q)
				return e ? e->status : CH_UNUSABLE;
			sqlite3_bind_int64(q, 1, strategy_id(have, k, j));
			int rc = sqlite3_step(q);
			char uses[200];
			if (rc == SQLITE_ROW && uses_text(k, q, uses, sizeof uses)) {
				if (len < sizeof list)
					len += (size_t)snprintf(list + len, sizeof list - len, _("%s%s \"%s\" (used by %s)"),
								blocked ? "; " : "", _(names[0][k]), strategy_key(have, k, j),
								uses);
				blocked++;
			} else if (rc != SQLITE_ROW) {
				st = store_sql_error(s, rc, _("checking what uses the strategy"), e);
			}
			sqlite3_finalize(q);
		}
	}
	if (st != CH_OK || !blocked)
		return st;
	return err_set(e, CH_FAILED, P_("nothing was imported: the file leaves out %s%s; keep it in the file, "
				       "or first move what uses it elsewhere",
				       "nothing was imported: the file leaves out %s%s; keep them in the file, "
				       "or first move what uses them elsewhere", blocked),
		       list, len >= sizeof list ? "..." : "");
}

/* Add or update the entities of a kind that are new or differ. */
static int write_kind(struct store *s, enum strategy_kind k, const struct strategy *want,
		      const struct strategy *have, struct plan *pl, struct strategy_diff *d, struct err *e)
{
	for (int i = 0; i < strategy_count(want, k); i++) {
		int j = pl->match[k][i];
		if (j >= 0 && unchanged(k, want, i, have, j))
			continue;
		int64_t nid = 0;
		int st = strategy_save(s, k, strategy_entity(want, k, i), j >= 0 ? strategy_id(have, k, j) : 0, 0, &nid, e);
		if (st != CH_OK) {
			d->fail_kind = k;
			d->fail_index = i;
			return st;
		}
		if (j < 0)
			pl->ids[k][i] = nid;
	}
	return CH_OK;
}

static int remove_kind(struct store *s, enum strategy_kind k, const struct strategy *have,
		       const struct plan *pl, struct err *e)
{
	int st = CH_OK;
	for (int j = 0; j < strategy_count(have, k) && st == CH_OK; j++)
		if (!pl->kept[k][j])
			st = strategy_delete(s, k, strategy_id(have, k, j), e);
	return st;
}

static int order_kind(struct store *s, enum strategy_kind k, const struct strategy *want,
		      const struct plan *pl, struct err *e)
{
	int st = CH_OK;
	for (int i = 0; i < strategy_count(want, k) && st == CH_OK; i++)
		st = strategy_set_position(s, k, pl->ids[k][i], i + 1, e);
	return st;
}

/* The shortest text that reads back as the same double, in the C locale
 * (strategy_load reads it with atof). */
static void format_double(double v, char *out, size_t n)
{
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	locale_t old = c ? uselocale(c) : (locale_t)0;
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
	if (c) {
		uselocale(old);
		freelocale(c);
	}
}

static int write_options(struct store *s, const struct strategy *want, const struct strategy *have,
			 struct err *e)
{
	const struct { const char *key; int want, have; } ints[] = {
		{ "wip_inbox", want->wip_inbox, have->wip_inbox },
		{ "wip_editing", want->wip_editing, have->wip_editing },
		{ "wip_ready", want->wip_ready, have->wip_ready },
		{ "quiet_weeks", want->quiet_weeks, have->quiet_weeks },
	};
	char v[40], why[128], name[64];
	int st = CH_OK;
	for (const struct strategy_field *f = strategy_option_fields(); f->key; f++) {
		const char *problem = strategy_field_problem(f, want, why, sizeof why);
		if (problem) {
			strategy_field_name(f, name, sizeof name);
			return err_set(e, CH_INVALID, _("option %s: %s"), name, problem);
		}
	}
	if (want->open_enrolment != have->open_enrolment)
		st = store_setting_set(s, "open_enrolment", want->open_enrolment ? "true" : "false", e);
	for (size_t i = 0; st == CH_OK && i < sizeof ints / sizeof ints[0]; i++) {
		if (ints[i].want == ints[i].have)
			continue;
		snprintf(v, sizeof v, "%d", ints[i].want);
		st = store_setting_set(s, ints[i].key, v, e);
	}
	if (st == CH_OK && want->adoption_target != have->adoption_target) {
		format_double(want->adoption_target, v, sizeof v);
		st = store_setting_set(s, "adoption_target", v, e);
	}
	return st;
}

/* The headcount's changes and the milestones as want has them, audited
 * (entity "organisation", action "headcount") with what they become. */
static int write_headcount(struct store *s, const struct strategy *want, struct err *e);

int strategy_set_headcount(struct store *s, const struct strategy *st, struct err *e)
{
	int rc = begin_master(s, e);
	if (rc != CH_OK)
		return rc;
	return store_end(s, write_headcount(s, st, e), e);
}

static int write_headcount(struct store *s, const struct strategy *want, struct err *e)
{
	char why[160];
	const char *field;
	int index;
	if (strategy_headcount_problem(want, &index, &field, why, sizeof why))
		return index >= 0 ? err_set(e, CH_INVALID, _("organisation.%s[%d]: %s"), field, index, why)
				  : err_set(e, CH_INVALID, _("organisation.%s: %s"), field, why);
	int st = store_exec(s, "DELETE FROM headcount", e);
	sqlite3_stmt *q = st == CH_OK ? store_prepare(s, "INSERT INTO headcount(from_day, count) VALUES(?1, ?2)", e)
				      : NULL;
	if (st == CH_OK && !q)
		st = e ? e->status : CH_UNUSABLE;
	struct json j;
	json_init(&j);
	json_open(&j, "headcount", '[');
	for (int i = 0; st == CH_OK && i < want->nheadcount; i++) {
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, want->headcount[i].from);
		sqlite3_bind_int(q, 2, want->headcount[i].count);
		int rc = sqlite3_step(q);
		if (rc != SQLITE_DONE)
			st = store_sql_error(s, rc, _("saving the headcount"), e);
		char day[16] = "";
		if (want->headcount[i].from)
			time_date_str(want->headcount[i].from, day, sizeof day);
		json_open(&j, NULL, '{');
		json_str(&j, "from", day);
		json_int(&j, "count", want->headcount[i].count);
		json_close(&j, '{');
	}
	json_close(&j, '[');
	sqlite3_finalize(q);
	char v[200] = "";
	size_t o = 0;
	for (int i = 0; i < want->nmilestones && o < sizeof v; i++) {
		char num[40];
		format_double(want->milestones[i], num, sizeof num);
		if (strchr(num, 'e'))   /* 10 is "10", not "1e+01": a whole number */
			snprintf(num, sizeof num, "%.0f", want->milestones[i]);
		o += (size_t)snprintf(v + o, sizeof v - o, "%s%s", i ? "," : "", num);
	}
	json_str(&j, "milestones", v);
	if (st == CH_OK)
		st = want->nmilestones ? store_setting_set(s, "milestones", v, e)
				       : store_exec(s, "DELETE FROM settings WHERE key = 'milestones'", e);
	if (st == CH_OK)
		st = audit_log(s, "organisation", 0, "headcount", &j, e);
	json_free(&j);
	return st;
}

static int log_import(struct store *s, const char *source, const struct strategy_diff *d, struct err *e)
{
	struct json j;
	json_init(&j);
	json_str(&j, "source", source);
	for (int k = 0; k < STRATEGY_KINDS; k++) {
		json_open(&j, json_keys[k], '{');
		json_int(&j, "added", d->added[k]);
		json_int(&j, "changed", d->changed[k]);
		json_int(&j, "removed", d->removed[k]);
		json_bool(&j, "reordered", d->reordered[k]);
		json_close(&j, '{');
	}
	json_bool(&j, "organisation", d->organisation);
	json_bool(&j, "options", d->options);
	json_bool(&j, "headcount", d->headcount);
	int st = audit_log(s, "strategy", 0, "import", &j, e);
	json_free(&j);
	return st;
}

int strategy_apply(struct store *s, const struct strategy *want, const char *source, int dry_run,
		   struct strategy_diff *d, struct err *e)
{
	memset(d, 0, sizeof *d);
	d->fail_kind = d->fail_index = -1;
	int st = begin_master(s, e);
	if (st != CH_OK)
		return st;
	struct strategy have;
	struct plan pl;
	memset(&pl, 0, sizeof pl);
	st = strategy_load(s, &have, e);   /* inside the transaction: nobody changes it under us */
	if (st != CH_OK) {
		store_end(s, st, e);
		return st;
	}
	st = plan_make(&pl, &have, want, d, e);
	if (st == CH_OK)
		st = check_removals(s, &have, &pl, e);
	for (int i = 0; st == CH_OK && i < STRATEGY_KINDS; i++)
		st = write_kind(s, write_order[i], want, &have, &pl, d, e);
	for (int i = 0; st == CH_OK && i < STRATEGY_KINDS; i++)
		st = remove_kind(s, removal_order[i], &have, &pl, e);
	for (int k = 0; st == CH_OK && k < STRATEGY_KINDS; k++)
		st = order_kind(s, k, want, &pl, e);
	if (st == CH_OK && d->options)
		st = write_options(s, want, &have, e);
	if (st == CH_OK && d->organisation)
		st = strategy_set_organisation(s, want->organisation, e);
	if (st == CH_OK && d->headcount)
		st = write_headcount(s, want, e);
	if (st == CH_OK)
		st = log_import(s, source, d, e);
	plan_free(&pl);
	strategy_free(&have);
	if (dry_run && st == CH_OK) {
		store_end(s, CH_FAILED, e);   /* roll back what was only tried */
		return CH_OK;
	}
	return store_end(s, st, e);
}

void strategy_diff_free(struct strategy_diff *d)
{
	for (int i = 0; i < d->nchanges; i++)
		free(d->changes[i].name);
	free(d->changes);
	memset(d, 0, sizeof *d);
}

/* --- the options alone (the strategy panel's form) ---------------------------- */

/* Option f of x as a number, for the audit log. */
static double option_value(const struct strategy_field *f, const struct strategy *x)
{
	const char *p = (const char *)x + f->off;
	return f->type == SF_NUM ? *(const double *)p : *(const int *)p;
}

int strategy_options_set(struct store *s, const struct strategy *seen, const struct strategy *want,
			 int *changed, struct err *e)
{
	*changed = 0;
	int st = begin_master(s, e);
	if (st != CH_OK)
		return st;
	struct strategy have, next;
	if ((st = strategy_load(s, &have, e)) != CH_OK)
		return store_end(s, st, e);
	/* Only what the user changed is written: an option someone else set
	 * meanwhile stays theirs, unless the user changed that one too. */
	next = have;
	struct json j;
	json_init(&j);
	for (const struct strategy_field *f = strategy_option_fields(); st == CH_OK && f->key; f++) {
		const struct strategy_field one[2] = { *f, { 0 } };
		size_t size = f->type == SF_NUM ? sizeof(double) : sizeof(int);
		if (f->type != SF_INT && f->type != SF_NUM && f->type != SF_BOOL)
			continue;   /* no option of another type yet */
		if (fields_same(one, seen, want))
			continue;
		char name[64];
		strategy_field_name(f, name, sizeof name);
		if (!fields_same(one, seen, &have)) {
			st = err_set(e, CH_BUSY, _("option %s was changed by someone else meanwhile"), name);
			if (e)
				e->kind = ERR_CONFLICT;
			break;
		}
		memcpy((char *)&next + f->off, (const char *)want + f->off, size);
		char key[64];
		snprintf(key, sizeof key, "%s%s%s", f->group ? f->group : "", f->group ? "." : "", f->key);
		if (f->type == SF_BOOL)
			json_bool(&j, key, *(const int *)((const char *)want + f->off));
		else
			json_num(&j, key, option_value(f, want));
		(*changed)++;
	}
	if (st == CH_OK && *changed)
		st = write_options(s, &next, &have, e);
	if (st == CH_OK && *changed)
		st = audit_log(s, "strategy", 0, "options", &j, e);
	json_free(&j);
	strategy_free(&have);   /* next shares have's lists: freed once */
	return store_end(s, st, e);
}
