/* report.c — chorus report: the measure step of the method as text, CSV or
 * JSON.  The figures come from metrics_report; this file only shapes them.
 * Text and CSV share one table per section (text adds total rows and shows
 * weeks and months as a grid of shares; CSV has them one row per platform
 * with every figure); JSON is one document, its shape in chorus(1).  Text is
 * for a person: its heads and words are translated and its numbers and days
 * take the person's form (i18n.h); CSV and JSON are for scripts and are the
 * same bytes in every language. */
#include <stdio.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "commands.h"
#include "chorus/csv_out.h"
#include "chorus/i18n.h"
#include "chorus/json.h"
#include "chorus/metrics.h"

enum format { FMT_TEXT, FMT_CSV, FMT_JSON };

/* Cells are formatted into a ring of buffers, so a row can be built in one
 * initialiser. */
#define RING 32
static char ring[RING][64];
static int ring_at;

static char *slot(void)
{
	ring_at = (ring_at + 1) % RING;
	return ring[ring_at];
}

/* Whether the cells are for a person (text: numbers and days in the
 * person's form, i18n.h) or for a script (CSV: always the C form). */
static int human;

static const char *num(int64_t v)
{
	char *b = slot();
	if (human)
		return i18n_int(b, 64, v);
	snprintf(b, 64, "%lld", (long long)v);
	return b;
}

/* A number metrics_fixed wrote, as text shows it. */
static const char *shown(const char *plain)
{
	return human ? metrics_human(plain, slot(), 64) : plain;
}

/* v with `decimals` places (metrics_fixed's rounding). */
static const char *fixed(double v, int decimals)
{
	return shown(metrics_fixed(v, decimals, slot(), 64));
}

static const char *money(double v)
{
	return fixed(v, 2);
}

/* A day "YYYY-MM-DD" as text shows it. */
static const char *day(const char *ymd)
{
	return human ? i18n_day(slot(), 64, ymd) : ymd;
}

/* What a figure not known yet (shares without figures) shows: "-" in text,
 * an empty cell in CSV; null in JSON. */
static const char *unknown_cell = "-";

static const char *fig(const struct metrics_figures *f, int64_t v)
{
	return metrics_figures_unknown(f) ? unknown_cell : num(v);
}

/* A rate or target: as few decimals as it needs, at most four. */
static const char *decimal(double v)
{
	char *b = slot();
	metrics_fixed(v, 4, b, 64);
	char *p = b + strlen(b) - 1;
	while (strchr(b, '.') && *p == '0')
		*p-- = 0;
	if (*p == '.')
		*p = 0;
	return shown(b);
}

/* Percent of target with one decimal; "" when there is no target. */
static const char *percent(double actual, double target, int sign)
{
	char *b = slot();
	b[0] = 0;
	if (target > 0)
		snprintf(b, 64, "%s%s", fixed(actual * 100.0 / target, 1), sign ? "%" : "");
	return b;
}

static double cents(double v)
{
	return metrics_round(v, 2);
}

static const char *fig_money(const struct metrics_figures *f, double v)
{
	return metrics_figures_unknown(f) ? unknown_cell : money(v);
}

/* --- tables (text and CSV) --------------------------------------------------- */

/* A name (and a second name when b is not NULL), then the six figures. */
static void figures_row(struct csv_table *t, const char *a, const char *b,
			const struct metrics_figures *f)
{
	const char *cells[8];
	int n = 0;
	cells[n++] = a;
	if (b)
		cells[n++] = b;
	cells[n++] = num(f->shares);
	cells[n++] = fig(f, f->impressions);
	cells[n++] = fig(f, f->clicks);
	cells[n++] = fig(f, f->reactions);
	cells[n++] = fig(f, f->comments);
	cells[n++] = fig(f, f->reshares);
	csv_table_add(t, cells);
}

/* Text shows the column heads th (capitals, marked N_()) in the person's
 * language; CSV keeps its snake_case names.  The table is emitted before
 * the next call. */
static void text_heads(struct csv_table *t, enum format fmt, const char *const *th)
{
	static const char *tr[16];
	if (fmt != FMT_TEXT)
		return;
	for (int c = 0; c < t->ncols && c < 16; c++)
		tr[c] = _(th[c]);
	t->text_heads = tr;
}

static void emit(struct csv_table *t, enum format fmt, const char *title, int *first)
{
	if (t->oom)
		fputs(_("chorus: out of memory\n"), stderr);
	if (!*first)
		fmt == FMT_CSV ? csv_out_end(stdout) : (void)fputc('\n', stdout);
	*first = 0;
	if (fmt == FMT_CSV)
		csv_table_csv(t, stdout);
	else
		csv_table_text(t, title, stdout);
	csv_table_free(t);
}

static void section_platforms(const struct metrics_report *r, enum format fmt, int *first)
{
	static const char *const h[] = { "platform", "name", "shares", "impressions", "clicks", "reactions",
					  "comments", "reshares" };
	static const char *const th[] = { N_("PLATFORM"), N_("NAME"), N_("SHARES"), N_("IMPRESSIONS"),
					   N_("CLICKS"), N_("REACTIONS"), N_("COMMENTS"), N_("RESHARES") };
	struct csv_table t;
	csv_table_init(&t, "platforms", 8, h, "llrrrrrr");
	text_heads(&t, fmt, th);
	for (int i = 0; i < r->nplatforms; i++)
		figures_row(&t, r->platforms[i].key, r->platforms[i].name, &r->platforms[i].f);
	if (fmt == FMT_TEXT)
		figures_row(&t, _("total"), "", &r->total);
	emit(&t, fmt, _("Shares per platform"), first);
}

/* Text: a grid of shares, one column per platform.  CSV: one row per bucket
 * and platform with every figure. */
static void section_buckets(const struct metrics_report *r, const struct metrics_bucket *b, int n,
			    int months, enum format fmt, int *first)
{
	const char *section = months ? "months" : "weeks";
	const char *title = months ? _("Shares per month") : _("Shares per ISO week");
	struct csv_table t;
	if (fmt == FMT_CSV) {
		static const char *const hw[] = { "week", "starts", "platform", "shares", "impressions", "clicks",
						   "reactions", "comments", "reshares" };
		static const char *const hm[] = { "month", "starts", "platform", "shares", "impressions", "clicks",
						   "reactions", "comments", "reshares" };
		csv_table_init(&t, section, 9, months ? hm : hw, "lllrrrrrr");
		for (int i = 0; i < n; i++) {
			char starts[16];
			metrics_date_str(b[i].start, starts, sizeof starts);
			for (int p = 0; p < r->nplatforms; p++) {
				const struct metrics_figures *f = &b[i].per_platform[p];
				const char *cells[] = { b[i].label, starts, r->platforms[p].key, num(f->shares),
							fig(f, f->impressions), fig(f, f->clicks), fig(f, f->reactions),
							fig(f, f->comments), fig(f, f->reshares) };
				csv_table_add(&t, cells);
			}
		}
		emit(&t, fmt, title, first);
		return;
	}
	int ncols = r->nplatforms + 3;
	const char **h = calloc((size_t)ncols, sizeof *h);
	char *align = calloc((size_t)ncols + 1, 1);
	const char **cells = calloc((size_t)ncols, sizeof *cells);
	/* The platforms' keys in capitals, as the other tables' heads. */
	char (*keys)[32] = calloc((size_t)ncols, sizeof *keys);
	if (!h || !align || !cells || !keys) {
		fputs(_("chorus: out of memory\n"), stderr);
		goto out;
	}
	h[0] = months ? _("MONTH") : _("WEEK");
	h[1] = _("STARTS");
	memset(align, 'r', (size_t)ncols);
	align[0] = align[1] = 'l';
	for (int p = 0; p < r->nplatforms; p++) {
		snprintf(keys[p], sizeof keys[p], "%s", r->platforms[p].key);
		for (char *k = keys[p]; *k; k++)
			*k = *k >= 'a' && *k <= 'z' ? (char)(*k - 'a' + 'A') : *k == '_' ? ' ' : *k;
		h[p + 2] = keys[p];
	}
	h[ncols - 1] = _("TOTAL");
	csv_table_init(&t, section, ncols, h, align);
	t.text_heads = h;
	for (int i = 0; i < n; i++) {
		char starts[16];
		metrics_date_str(b[i].start, starts, sizeof starts);
		cells[0] = b[i].label;
		cells[1] = day(starts);
		for (int p = 0; p < r->nplatforms; p++)
			cells[p + 2] = num(b[i].per_platform[p].shares);
		cells[ncols - 1] = num(b[i].total.shares);
		csv_table_add(&t, cells);
	}
	emit(&t, fmt, title, first);
out:
	free(keys);
	free(cells);
	free(align);
	free(h);
}

static void section_campaigns(const struct metrics_report *r, enum format fmt, int *first)
{
	static const char *const h[] = { "campaign", "goal", "starts", "ends", "target_shares", "shares",
					  "progress_percent", "impressions", "clicks", "reactions" };
	static const char *const th[] = { N_("CAMPAIGN"), N_("GOAL"), N_("STARTS"), N_("ENDS"), N_("TARGET"),
					   N_("SHARES"), N_("PROGRESS"), N_("IMPRESSIONS"), N_("CLICKS"),
					   N_("REACTIONS") };
	struct csv_table t;
	csv_table_init(&t, "campaigns", 10, h, "llllrrrrrr");
	text_heads(&t, fmt, th);
	int text = fmt == FMT_TEXT;
	for (int i = 0; i < r->ncampaigns; i++) {
		const struct metrics_campaign *c = &r->campaigns[i];
		const char *cells[] = { c->name, c->goal[0] || !text ? c->goal : "-",
					c->starts[0] || !text ? day(c->starts) : "-", c->ends[0] || !text ? day(c->ends) : "-",
					num(c->target_shares), num(c->f.shares),
					percent((double)c->f.shares, (double)c->target_shares, text),
					fig(&c->f, c->f.impressions), fig(&c->f, c->f.clicks),
					fig(&c->f, c->f.reactions) };
		csv_table_add(&t, cells);
	}
	emit(&t, fmt, _("Campaigns: shares in the period against their target"), first);
}

/* head: the first column's CSV name; th0 its head in text (N_()). */
static void section_groups(const struct metrics_group *g, int n, const char *section, const char *head,
			   const char *th0, const char *title, enum format fmt, int *first)
{
	const char *h[] = { head, "shares", "impressions", "clicks", "reactions", "comments", "reshares" };
	const char *th[] = { th0, N_("SHARES"), N_("IMPRESSIONS"), N_("CLICKS"), N_("REACTIONS"),
			     N_("COMMENTS"), N_("RESHARES") };
	struct csv_table t;
	csv_table_init(&t, section, 7, h, "lrrrrrr");
	text_heads(&t, fmt, th);
	const char *none = fmt == FMT_TEXT ? _("(none)") : "(none)";
	for (int i = 0; i < n; i++)
		figures_row(&t, g[i].id ? g[i].name : none, NULL, &g[i].f);
	emit(&t, fmt, title, first);
}

static void section_people(const struct metrics_report *r, enum format fmt, int *first)
{
	static const char *const h[] = { "login", "name", "team", "contributions", "edits", "shares",
					  "conversations", "platform_comments", "reactions", "clicks" };
	static const char *const th[] = { N_("LOGIN"), N_("NAME"), N_("TEAM"), N_("CONTRIBUTIONS"), N_("EDITS"),
					   N_("SHARES"), N_("CONVERSATIONS"), N_("PLATFORM COMMENTS"),
					   N_("REACTIONS"), N_("CLICKS") };
	struct csv_table t;
	csv_table_init(&t, "people", 10, h, "lllrrrrrrr");
	text_heads(&t, fmt, th);
	for (int i = 0; i < r->npeople; i++) {
		const struct metrics_person *p = &r->people[i];
		const char *cells[] = { p->login, p->name, p->team[0] || fmt != FMT_TEXT ? p->team : "-",
					num(p->contributions), num(p->edits), num(p->f.shares),
					num(p->conversations), fig(&p->f, p->f.comments), fig(&p->f, p->f.reactions),
					fig(&p->f, p->f.clicks) };
		csv_table_add(&t, cells);
	}
	emit(&t, fmt, _("People: input, shares and conversations (for coaching, not ranking)"), first);
}

static void section_teams(const struct metrics_report *r, enum format fmt, int *first)
{
	static const char *const h[] = { "team", "people", "engaged", "contributions", "edits", "shares",
					  "conversations", "platform_comments", "reactions", "clicks" };
	static const char *const th[] = { N_("TEAM"), N_("PEOPLE"), N_("ENGAGED"), N_("CONTRIBUTIONS"), N_("EDITS"),
					   N_("SHARES"), N_("CONVERSATIONS"), N_("PLATFORM COMMENTS"),
					   N_("REACTIONS"), N_("CLICKS") };
	struct csv_table t;
	csv_table_init(&t, "teams", 10, h, "lrrrrrrrrr");
	text_heads(&t, fmt, th);
	for (int i = 0; i < r->nteams; i++) {
		const struct metrics_team *m = &r->teams[i];
		const char *cells[] = { m->name[0] || fmt != FMT_TEXT ? m->name : _("(no team)"), num(m->people),
					num(m->engaged), num(m->contributions), num(m->edits), num(m->f.shares),
					num(m->conversations), fig(&m->f, m->f.comments), fig(&m->f, m->f.reactions),
					fig(&m->f, m->f.clicks) };
		csv_table_add(&t, cells);
	}
	emit(&t, fmt, _("Teams"), first);
}

static void section_kpis(const struct metrics_report *r, enum format fmt, int *first)
{
	static const char *const h[] = { "goal", "metric", "target", "period", "actual", "progress_percent" };
	static const char *const th[] = { N_("GOAL"), N_("METRIC"), N_("TARGET"), N_("PERIOD"), N_("ACTUAL"),
					   N_("PROGRESS") };
	struct csv_table t;
	csv_table_init(&t, "kpis", 6, h, "llrlrr");
	text_heads(&t, fmt, th);
	int text = fmt == FMT_TEXT;
	for (int i = 0; i < r->nkpis; i++) {
		const struct metrics_kpi *k = &r->kpis[i];
		const char *actual = !k->measured ? (text ? _("not measured") : "") : k->unknown ? unknown_cell
				   : strcasecmp(k->metric, "emv") == 0 ? money(k->actual) : decimal(k->actual);
		const char *cells[] = { k->goal, k->metric[0] || !text ? k->metric : "-", decimal(k->target),
					k->period[0] || !text ? k->period : "-", actual,
					k->measured && !k->unknown ? percent(k->actual, k->target, text) : "" };
		csv_table_add(&t, cells);
	}
	emit(&t, fmt, _("KPI progress per goal (shares of the goal's campaigns in the period)"), first);
}

static void section_emv(const struct metrics_report *r, enum format fmt, int *first)
{
	static const char *const h[] = { "platform", "cpm", "cpc", "reaction_multiplier", "impressions",
					  "reactions", "clicks", "emv" };
	static const char *const th[] = { N_("PLATFORM"), N_("CPM"), N_("CPC"), N_("REACTION MULTIPLIER"),
					   N_("IMPRESSIONS"), N_("REACTIONS"), N_("CLICKS"), N_("EMV") };
	struct csv_table t;
	csv_table_init(&t, "emv", 8, h, "lrrrrrrr");
	text_heads(&t, fmt, th);
	for (int i = 0; i < r->nplatforms; i++) {
		const struct metrics_platform *p = &r->platforms[i];
		const char *cells[] = { p->key, decimal(p->cpm), decimal(p->cpc), decimal(p->reaction_multiplier),
					fig(&p->f, p->f.impressions), fig(&p->f, p->f.reactions),
					fig(&p->f, p->f.clicks), fig_money(&p->f, p->f.emv) };
		csv_table_add(&t, cells);
	}
	const struct metrics_figures *tf = &r->total;
	const char *total[] = { fmt == FMT_TEXT ? _("total") : "total", "", "", "", fig(tf, tf->impressions), fig(tf, tf->reactions),
				fig(tf, tf->clicks), fig_money(tf, tf->emv) };
	csv_table_add(&t, total);
	emit(&t, fmt, _("Earned media value: cpm x impressions / 1000 + cpc x (reaction_multiplier x reactions + clicks)"),
	     first);
}

/* Adoption per week against the organisation's headcount (the people
 * registered when none is set, said in the title and in every row). */
static void section_adoption(const struct metrics_report *r, enum format fmt, int *first)
{
	static const char *const h[] = { "week", "of", "people", "sharers", "adoption_percent", "took_part",
					  "took_part_percent", "milestone", "next_milestone" };
	static const char *const th[] = { N_("WEEK"), N_("OF"), N_("PEOPLE"), N_("SHARERS"), N_("ADOPTION PERCENT"),
					   N_("TOOK PART"), N_("TOOK PART PERCENT"), N_("MILESTONE"),
					   N_("NEXT MILESTONE") };
	const struct metrics_adoption *a = &r->adoption;
	int text = fmt == FMT_TEXT;
	struct csv_table t;
	csv_table_init(&t, "adoption", 9, h, "llrrrrrrr");
	text_heads(&t, fmt, th);
	for (int i = 0; i < a->nweeks; i++) {
		const struct metrics_adoption_week *w = &a->weeks[i];
		const char *of = w->by_headcount ? (text ? _("headcount") : "headcount")
			       : text ? _("registered") : "registered";
		const char *cells[] = { w->label, of, num(w->base),
					num(w->sharers), fixed(w->shared_pct, 1), num(w->took_part),
					fixed(w->took_part_pct, 1),
					w->milestone > 0 ? decimal(w->milestone) : fmt == FMT_TEXT ? "-" : "",
					w->next > 0 ? decimal(w->next) : fmt == FMT_TEXT ? "-" : "" };
		csv_table_add(&t, cells);
	}
	char ms[128], title[400];
	metrics_milestones_words(a, ms, sizeof ms);
	snprintf(title, sizeof title, _("Adoption per week: who shared, and who took part at all, %s; milestones %s"),
		 a->headcount_set ? _("of the organisation's headcount")
		 : _("of the people registered in chorus (no headcount set: organisation.headcount)"), ms);
	emit(&t, fmt, title, first);
}

/* --- the per-post listing (--posts, CSV and JSON) ------------------------------- */

/* "2026-01-02T12:00:00Z". */
static void utc_stamp(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || !strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, n, "%lld", (long long)t);
}

static int post_row(const struct metrics_post *p, void *arg)
{
	struct csv_table *t = arg;
	char at[40];
	utc_stamp(p->shared_at, at, sizeof at);
	const char *cells[] = { num(p->share_id), at, p->login, p->platform, num(p->message_id),
				num(p->content_id), p->url, fig(&p->f, p->f.impressions), fig(&p->f, p->f.clicks),
				fig(&p->f, p->f.reactions), fig(&p->f, p->f.comments), fig(&p->f, p->f.reshares),
				fig_money(&p->f, p->f.emv) };
	csv_table_add(t, cells);
	return t->oom;
}

static int section_posts(struct store *s, const struct metrics_report *r, enum format fmt, int *first)
{
	static const char *const h[] = { "share", "shared_at", "login", "platform", "message", "content", "url",
					  "impressions", "clicks", "reactions", "comments", "reshares", "emv" };
	struct csv_table t;
	csv_table_init(&t, "posts", 13, h, "rlllrrlrrrrrr");
	struct err e = {0};
	int st = metrics_posts(s, r->first_day, r->last_day, post_row, &t, &e);
	if (st != CH_OK) {
		csv_table_free(&t);
		return cli_error(&e);
	}
	emit(&t, fmt, NT_("Posts"), first);
	return CH_OK;
}

static void period(const struct metrics_report *r, char *from, char *to, size_t n)
{
	metrics_date_str(r->first_day, from, n);
	metrics_date_str(r->last_day, to, n);
}

static int print_tables(struct store *s, const struct metrics_report *r, enum format fmt, int posts)
{
	unknown_cell = fmt == FMT_CSV ? "" : "-";
	human = fmt == FMT_TEXT;
	char from[16], to[16];
	period(r, from, to, sizeof from);
	int first = 1;
	if (fmt == FMT_CSV) {
		static const char *const h[] = { "organisation", "from", "to", "shares", "impressions", "clicks",
						  "reactions", "comments", "reshares", "emv", "contributors",
						  "editors", "sharers", "conversers" };
		struct csv_table t;
		csv_table_init(&t, "summary", 14, h, "lllrrrrrrrrrrr");
		const struct metrics_figures *f = &r->total;
		const char *cells[] = { r->organisation, from, to, num(f->shares), fig(f, f->impressions),
					fig(f, f->clicks), fig(f, f->reactions), fig(f, f->comments),
					fig(f, f->reshares), fig_money(f, f->emv), num(r->contributors),
					num(r->editors), num(r->sharers), num(r->conversers) };
		csv_table_add(&t, cells);
		emit(&t, fmt, NULL, &first);
		static const char *const ch[] = { "in_chorus", "on_platforms" };
		csv_table_init(&t, "conversations", 2, ch, "rr");
		const char *cc[] = { num(r->conversations), fig(f, f->comments) };
		csv_table_add(&t, cc);
		emit(&t, fmt, NULL, &first);
	} else {
		char org[256];
		csv_out_clean(r->organisation, org, sizeof org);
		printf(_("chorus report: %s\nperiod: %s to %s (UTC days, both included)\n"), org, day(from), day(to));
		const struct metrics_figures *f = &r->total;
		printf(_("shares: %s, impressions: %s, clicks: %s, reactions: %s, comments: %s, "
			 "reshares: %s, earned media value: %s\n"),
		       num(f->shares), fig(f, f->impressions), fig(f, f->clicks), fig(f, f->reactions),
		       fig(f, f->comments), fig(f, f->reshares), fig_money(f, f->emv));
		printf(_("people taking part: %s contributing, %s editing, %s sharing, %s in conversation\n"),
		       num(r->contributors), num(r->editors), num(r->sharers), num(r->conversers));
		printf(_("conversations: %s comments in chorus, %s on the platforms\n"), num(r->conversations),
		       fig(f, f->comments));
		if (r->adoption.nweeks) {
			const struct metrics_adoption_week *w = &r->adoption.weeks[r->adoption.nweeks - 1];
			char words[400];
			metrics_adoption_words(w, words, sizeof words);
			printf(_("adoption in %s: %s\n"), w->label, words);
		}
		putchar('\n');
		first = 1;
	}
	section_platforms(r, fmt, &first);
	section_buckets(r, r->weeks, r->nweeks, 0, fmt, &first);
	section_buckets(r, r->months, r->nmonths, 1, fmt, &first);
	section_campaigns(r, fmt, &first);
	section_groups(r->pillars, r->npillars, "pillars", "pillar", N_("PILLAR"), _("Pillars"), fmt, &first);
	section_groups(r->types, r->ntypes, "message_types", "message_type", N_("MESSAGE TYPE"), _("Message types"),
		       fmt, &first);
	section_people(r, fmt, &first);
	section_teams(r, fmt, &first);
	section_kpis(r, fmt, &first);
	section_emv(r, fmt, &first);
	section_adoption(r, fmt, &first);
	return posts ? section_posts(s, r, fmt, &first) : CH_OK;
}

/* --- JSON ------------------------------------------------------------------- */

/* A figure, or null when the shares have none yet. */
static void json_fig(struct json *j, const char *key, const struct metrics_figures *f, int64_t v)
{
	if (metrics_figures_unknown(f))
		json_str(j, key, NULL);
	else
		json_int(j, key, v);
}

static void json_money(struct json *j, const char *key, const struct metrics_figures *f, double v)
{
	if (metrics_figures_unknown(f))
		json_str(j, key, NULL);
	else
		json_num(j, key, cents(v));
}

static void json_figures(struct json *j, const struct metrics_figures *f)
{
	json_int(j, "shares", f->shares);
	json_fig(j, "impressions", f, f->impressions);
	json_fig(j, "clicks", f, f->clicks);
	json_fig(j, "reactions", f, f->reactions);
	json_fig(j, "comments", f, f->comments);
	json_fig(j, "reshares", f, f->reshares);
}

static void json_buckets(struct json *j, const char *key, const char *label_key,
			 const struct metrics_report *r, const struct metrics_bucket *b, int n)
{
	json_open(j, key, '[');
	for (int i = 0; i < n; i++) {
		char starts[16];
		metrics_date_str(b[i].start, starts, sizeof starts);
		json_open(j, NULL, '{');
		json_str(j, label_key, b[i].label);
		json_str(j, "starts", starts);
		json_figures(j, &b[i].total);
		json_open(j, "platforms", '{');
		for (int p = 0; p < r->nplatforms; p++) {
			json_open(j, r->platforms[p].key, '{');
			json_figures(j, &b[i].per_platform[p]);
			json_close(j, '{');
		}
		json_close(j, '{');
		json_close(j, '{');
	}
	json_close(j, '[');
}

static void json_groups(struct json *j, const char *key, const struct metrics_group *g, int n)
{
	json_open(j, key, '[');
	for (int i = 0; i < n; i++) {
		json_open(j, NULL, '{');
		json_str(j, "name", g[i].id ? g[i].name : NULL);
		json_figures(j, &g[i].f);
		json_close(j, '{');
	}
	json_close(j, '[');
}

static int post_json(const struct metrics_post *p, void *arg)
{
	struct json *j = arg;
	char at[40];
	utc_stamp(p->shared_at, at, sizeof at);
	json_open(j, NULL, '{');
	json_int(j, "share", p->share_id);
	json_str(j, "shared_at", at);
	json_str(j, "login", p->login);
	json_str(j, "platform", p->platform);
	json_int(j, "message", p->message_id);
	json_int(j, "content", p->content_id);
	json_str(j, "url", p->url[0] ? p->url : NULL);
	json_fig(j, "impressions", &p->f, p->f.impressions);
	json_fig(j, "clicks", &p->f, p->f.clicks);
	json_fig(j, "reactions", &p->f, p->f.reactions);
	json_fig(j, "comments", &p->f, p->f.comments);
	json_fig(j, "reshares", &p->f, p->f.reshares);
	json_money(j, "emv", &p->f, p->f.emv);
	json_close(j, '{');
	return 0;
}

/* "adoption": { "headcount_set", "milestones": [...], "weeks": [...] }. */
static void json_adoption(struct json *j, const struct metrics_adoption *a)
{
	json_open(j, "adoption", '{');
	json_bool(j, "headcount_set", a->headcount_set);
	json_open(j, "milestones", '[');
	for (int i = 0; i < a->nmilestones; i++)
		json_num(j, NULL, a->milestones[i]);
	json_close(j, '[');
	json_open(j, "weeks", '[');
	for (int i = 0; i < a->nweeks; i++) {
		const struct metrics_adoption_week *w = &a->weeks[i];
		json_open(j, NULL, '{');
		json_str(j, "week", w->label);
		json_str(j, "of", w->by_headcount ? "headcount" : "registered");
		if (w->headcount)
			json_int(j, "headcount", w->headcount);
		else
			json_str(j, "headcount", NULL);
		json_int(j, "registered", w->registered);
		json_int(j, "sharers", w->sharers);
		json_num(j, "adoption_percent", metrics_round(w->shared_pct, 1));
		json_int(j, "took_part", w->took_part);
		json_num(j, "took_part_percent", metrics_round(w->took_part_pct, 1));
		if (w->milestone > 0)
			json_num(j, "milestone", w->milestone);
		else
			json_str(j, "milestone", NULL);
		if (w->next > 0)
			json_num(j, "next_milestone", w->next);
		else
			json_str(j, "next_milestone", NULL);
		json_close(j, '{');
	}
	json_close(j, '[');
	json_close(j, '{');
}

static int print_json(struct store *s, const struct metrics_report *r, int posts)
{
	char from[16], to[16];
	period(r, from, to, sizeof from);
	struct json j;
	json_init(&j);
	json_str(&j, "organisation", r->organisation);
	json_str(&j, "from", from);
	json_str(&j, "to", to);
	json_open(&j, "totals", '{');
	json_figures(&j, &r->total);
	json_money(&j, "emv", &r->total, r->total.emv);
	json_close(&j, '{');
	json_open(&j, "participants", '{');
	json_int(&j, "contributors", r->contributors);
	json_int(&j, "editors", r->editors);
	json_int(&j, "sharers", r->sharers);
	json_int(&j, "conversers", r->conversers);
	json_close(&j, '{');
	json_open(&j, "conversations", '{');
	json_int(&j, "in_chorus", r->conversations);
	json_fig(&j, "on_platforms", &r->total, r->total.comments);
	json_close(&j, '{');

	json_open(&j, "platforms", '[');
	for (int i = 0; i < r->nplatforms; i++) {
		json_open(&j, NULL, '{');
		json_str(&j, "key", r->platforms[i].key);
		json_str(&j, "name", r->platforms[i].name);
		json_figures(&j, &r->platforms[i].f);
		json_close(&j, '{');
	}
	json_close(&j, '[');
	json_buckets(&j, "weeks", "week", r, r->weeks, r->nweeks);
	json_buckets(&j, "months", "month", r, r->months, r->nmonths);
	json_adoption(&j, &r->adoption);

	json_open(&j, "campaigns", '[');
	for (int i = 0; i < r->ncampaigns; i++) {
		const struct metrics_campaign *c = &r->campaigns[i];
		json_open(&j, NULL, '{');
		json_str(&j, "name", c->name);
		json_str(&j, "goal", c->goal[0] ? c->goal : NULL);
		json_str(&j, "starts", c->starts[0] ? c->starts : NULL);
		json_str(&j, "ends", c->ends[0] ? c->ends : NULL);
		json_int(&j, "target_shares", c->target_shares);
		json_figures(&j, &c->f);
		if (c->target_shares > 0)
			json_num(&j, "progress_percent",
				 metrics_round((double)c->f.shares * 100.0 / (double)c->target_shares, 1));
		else
			json_str(&j, "progress_percent", NULL);
		json_close(&j, '{');
	}
	json_close(&j, '[');
	json_groups(&j, "pillars", r->pillars, r->npillars);
	json_groups(&j, "message_types", r->types, r->ntypes);

	json_open(&j, "people", '[');
	for (int i = 0; i < r->npeople; i++) {
		const struct metrics_person *p = &r->people[i];
		json_open(&j, NULL, '{');
		json_str(&j, "login", p->login);
		json_str(&j, "name", p->name);
		json_str(&j, "team", p->team[0] ? p->team : NULL);
		json_bool(&j, "active", p->active);
		json_int(&j, "contributions", p->contributions);
		json_int(&j, "edits", p->edits);
		json_int(&j, "conversations", p->conversations);
		json_fig(&j, "platform_comments", &p->f, p->f.comments);
		json_figures(&j, &p->f);
		json_close(&j, '{');
	}
	json_close(&j, '[');

	json_open(&j, "teams", '[');
	for (int i = 0; i < r->nteams; i++) {
		const struct metrics_team *t = &r->teams[i];
		json_open(&j, NULL, '{');
		json_str(&j, "name", t->name[0] ? t->name : NULL);
		json_int(&j, "people", t->people);
		json_int(&j, "engaged", t->engaged);
		json_int(&j, "contributions", t->contributions);
		json_int(&j, "edits", t->edits);
		json_int(&j, "conversations", t->conversations);
		json_fig(&j, "platform_comments", &t->f, t->f.comments);
		json_figures(&j, &t->f);
		json_close(&j, '{');
	}
	json_close(&j, '[');

	json_open(&j, "kpis", '[');
	for (int i = 0; i < r->nkpis; i++) {
		const struct metrics_kpi *k = &r->kpis[i];
		json_open(&j, NULL, '{');
		json_str(&j, "goal", k->goal);
		json_str(&j, "metric", k->metric[0] ? k->metric : NULL);
		json_num(&j, "target", k->target);
		json_str(&j, "period", k->period[0] ? k->period : NULL);
		char kf[16], kt[16];   /* the days it is measured over: its period's, or the report's */
		metrics_date_str(k->first_day >= 0 ? k->first_day : r->first_day, kf, sizeof kf);
		metrics_date_str(k->first_day >= 0 ? k->last_day : r->last_day, kt, sizeof kt);
		json_str(&j, "from", kf);
		json_str(&j, "to", kt);
		json_bool(&j, "measured", k->measured);
		if (k->measured && !k->unknown)
			json_num(&j, "actual", strcasecmp(k->metric, "emv") == 0 ? cents(k->actual) : k->actual);
		else
			json_str(&j, "actual", NULL);
		if (k->measured && !k->unknown && k->target > 0)
			json_num(&j, "progress_percent", metrics_round(k->actual * 100.0 / k->target, 1));
		else
			json_str(&j, "progress_percent", NULL);
		json_close(&j, '{');
	}
	json_close(&j, '[');

	json_open(&j, "emv", '{');
	json_open(&j, "platforms", '[');
	for (int i = 0; i < r->nplatforms; i++) {
		const struct metrics_platform *p = &r->platforms[i];
		json_open(&j, NULL, '{');
		json_str(&j, "key", p->key);
		json_num(&j, "cpm", p->cpm);
		json_num(&j, "cpc", p->cpc);
		json_num(&j, "reaction_multiplier", p->reaction_multiplier);
		json_fig(&j, "impressions", &p->f, p->f.impressions);
		json_fig(&j, "reactions", &p->f, p->f.reactions);
		json_fig(&j, "clicks", &p->f, p->f.clicks);
		json_money(&j, "emv", &p->f, p->f.emv);
		json_close(&j, '{');
	}
	json_close(&j, '[');
	json_money(&j, "total", &r->total, r->total.emv);
	json_close(&j, '{');
	if (posts) {
		struct err e = {0};
		json_open(&j, "posts", '[');
		if (metrics_posts(s, r->first_day, r->last_day, post_json, &j, &e) != CH_OK) {
			json_free(&j);
			return cli_error(&e);
		}
		json_close(&j, '[');
	}

	const char *text = json_done(&j);
	int st = text ? CH_OK : cli_fail(CH_UNUSABLE, _("out of memory"));
	if (text)
		printf("%s\n", text);
	json_free(&j);
	return st;
}

/* --- the command -------------------------------------------------------------- */

static int run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "format", required_argument, NULL, 'f' },
		{ "posts", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	int64_t since = -1, until = -1;
	enum format fmt = FMT_TEXT;
	int ch, posts = 0;
	optind = 1;
	while ((ch = cli_getopt(&cmd_report, argc, argv, opts)) != -1) {
		switch (ch) {
		case 's':
			if ((since = metrics_date_parse(optarg)) < 0)
				return cli_usage(&cmd_report, _("--since '%s' is not a date (YYYY-MM-DD)"), optarg);
			break;
		case 'u':
			if ((until = metrics_date_parse(optarg)) < 0)
				return cli_usage(&cmd_report, _("--until '%s' is not a date (YYYY-MM-DD)"), optarg);
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				fmt = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else
				return cli_usage(&cmd_report, _("--format '%s': use text, csv or json"), optarg);
			break;
		case 'p':
			posts = 1;
			break;
		default: return CH_INVALID;
		}
	}
	if (optind < argc)
		return cli_usage(&cmd_report, _("unexpected argument '%s'"), argv[optind]);
	if (posts && fmt == FMT_TEXT)
		return cli_usage(&cmd_report, _("--posts lists every share: with --format csv or json"));
	if (since >= 0 && until >= 0 && until < since)
		return cli_usage(&cmd_report, _("--until is before --since"));
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct metrics_report r;
	struct err e = {0};
	if (metrics_report(&c->store, since, until, &r, &e) != CH_OK)
		return cli_error(&e);
	if (fmt == FMT_CSV)
		session_guard_exact();   /* the data as it is, unless a terminal shows it */
	if (fmt == FMT_JSON)
		st = print_json(&c->store, &r, posts);
	else
		st = print_tables(&c->store, &r, fmt, posts);
	metrics_report_free(&r);
	if (fflush(stdout) != 0 || ferror(stdout))
		st = cli_fail(CH_UNUSABLE, _("cannot write the report to standard output"));
	return st;
}

const struct cli_command cmd_report = {
	"report", N_("[--since DATE] [--until DATE] [--format text|csv|json] [--posts]"),
	N_("the measure step: shares, engagement per person and team, KPIs, EMV (text, CSV, JSON)"),
	N_("  --since DATE     first day (YYYY-MM-DD, UTC, included); default: the first day\n"
	"                   with a share or any input\n"
	"  --until DATE     last day (included); default: today\n"
	"  --format FORMAT  text (default), csv (RFC 4180, one table per section) or json\n"
	"  --posts          (csv, json) also every share of the period with its figures\n"
	"Anyone in the programme may read the report.\n"),
	run,
};
