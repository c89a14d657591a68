/* strategy.c — panel 5, step 1 of the method as an outline editor: goals,
 * audiences, pillars, platforms, message types and the fair-use policy
 * rules, each a foldable section with its count, one line per entity with
 * its key fields, and the selected entity in full below.
 *
 * What this file owns:
 * - the outline (folding, cursor, reorder with K/J through strategy_move);
 * - a small inline form widget (labels, values, Tab/Shift-Tab, Enter saves,
 *   Esc cancels) whose fields, labels and hints are the core's schema
 *   (strategy_schema.h): each field is checked as it is typed by the rules
 *   every core write uses (strategy_field_problem), so PCRE2's message and
 *   offset show while typing; it keeps the user's values when the core
 *   refuses a save or someone else changed the row;
 * - the policy test box: the stored rules compiled once per refresh, the
 *   text re-checked on every keystroke, matches highlighted in place (the
 *   box itself is policybox.c's, shared with the messages view);
 * - asking for the files of import and export, which run the same flow as
 *   chorus strategy (strategy_import_*, strategy_export_store).
 *
 * The core decides everything (masters only, references, versions); the
 * panel says "only a social master..." before opening a form so that no
 * one types a form the core would refuse anyway.
 *
 * The form and the test box are modal: they read keys in their own loop
 * (as app_ask does), through app_read_key, which lays the screen out again
 * on a resize; the y/N questions are ask_yes's, as in the other panels. */
#include <ctype.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wchar.h>
#include "../util/utf8.h"
#include "ask.h"
#include "chorus/i18n.h"
#include "chorus/policy.h"
#include "chorus/strategy.h"
#include "chorus/strategy_apply.h"
#include "chorus/strategy_schema.h"
#include "chorus/strategy_yaml.h"
#include "policybox.h"
#include "text.h"
#include "ui.h"

#define KINDS STRATEGY_KINDS
#define DETAIL_ROWS 8       /* the pane under the outline, separator included */
#define FORM_FIELDS 8
#define FORM_MAX UI_LINE_MAX   /* one field: the longest the YAML format allows (4096) fits */
#define FORM_NOTE 320

static const char *const section_title[KINDS] = {
	[SK_GOAL] = N_("Goals"), [SK_AUDIENCE] = N_("Audiences"), [SK_PILLAR] = N_("Pillars"),
	[SK_PLATFORM] = N_("Platforms"), [SK_MESSAGE_TYPE] = N_("Message types"), [SK_RULE] = N_("Policy rules"),
};

/* One of a section, as the panel's sentences name it (strategy_kind_name's,
 * in the person's language). */
static const char *const kind_one[KINDS] = {
	[SK_GOAL] = N_("goal"), [SK_AUDIENCE] = N_("audience"), [SK_PILLAR] = N_("pillar"),
	[SK_PLATFORM] = N_("platform"), [SK_MESSAGE_TYPE] = N_("message type"), [SK_RULE] = N_("policy rule"),
};

/* Shown in the lower pane when the cursor is on a section header: what the
 * section is for in the method. */
static const char *const section_about[KINDS] = {
	[SK_GOAL] = N_("What the programme is for. Each goal has a KPI (what is counted, the target, the period) "
		       "and the audiences it addresses."),
	[SK_AUDIENCE] = N_("Whom the programme wants to reach: what each audience wants to know, and the "
			   "platforms that reach it."),
	[SK_PILLAR] = N_("The themes ambassadors tell stories about. The colour marks the cards on the board."),
	[SK_PLATFORM] = N_("Where ambassadors share: the length limit, the share link, and the rates that turn "
			   "figures into earned media value (impressions per mille, clicks, reactions)."),
	[SK_MESSAGE_TYPE] = N_("The kinds of message editors write: news, a vacancy, behind the scenes..."),
	[SK_RULE] = N_("The fair-use policy: PCRE2 patterns that flag text. Most inform or warn and explain; "
		       "block refuses approval. t opens a box to test a text against the rules."),
};

/* One line of the outline. */
struct row {
	enum strategy_kind kind;
	int idx;                 /* into the kind's array; -1 for the section header */
};

/* What the strategy form keeps beside the kit's field (ui.f[i]). */
struct ffield {
	const struct strategy_field *def;
	size_t scroll;           /* the first byte shown */
	char theirs[FORM_NOTE];  /* after a conflict: the value someone else saved */
	size_t err_at;           /* SF_PATTERN: byte where PCRE2 stopped, or (size_t)-1 */
};

/* The form (one at a time), part of the panel's state. */
struct strategy_form {
	enum strategy_kind kind;
	int64_t id;              /* 0: a new entity */
	int version;             /* the version the user saw; theirs after a conflict */
	struct ui_form ui;       /* the fields, their values and problems */
	struct ffield f[FORM_FIELDS];
};

struct strategy_state {
	struct strategy st;
	struct policy *pol;      /* the stored rules, compiled once per refresh */
	char pol_err[512];
	struct row *rows;
	struct ui_list list;     /* the outline: rows, cursor, scroll */
	int fold[KINDS];
	int list_y;              /* where the outline was drawn: the mouse */
	/* the test box */
	int testing;
	struct pbox box;         /* its text and matches (policybox.h) */
	locale_t c_numbers;      /* numbers are read and written with a '.' whatever the locale */
	struct strategy_form form;
	struct strategy opt_seen;   /* the options form: the options it opened with (no lists) */
};

/* --- the form's fields: the core's schema (strategy_schema.h) ------------ */

/* A label or hint of the core's schema in the person's language; "" stays
 * "" (gettext would give the catalogue's header for it). */
static const char *tr(const char *s)
{
	return s && *s ? _(s) : s;
}

static const char *kind_word(enum strategy_kind k)
{
	return k >= SK_GOAL && k <= SK_RULE ? _(kind_one[k]) : "?";
}



static void strategy_panel_cleanup(void *st)
{
	struct strategy_state *S = st;
	pbox_clear(&S->box);
	policy_free(S->pol);
	strategy_free(&S->st);
	free(S->rows);
	if (S->c_numbers)
		freelocale(S->c_numbers);
	memset(&S, 0, sizeof S);
}

/* --- the loaded strategy, by kind --------------------------------------- */

static int kind_count(struct strategy_state *S, enum strategy_kind k)
{
	return strategy_count(&S->st, k);
}

static const void *entity_at(struct strategy_state *S, enum strategy_kind k, int i)
{
	return strategy_entity(&S->st, k, i);
}

static int64_t entity_id(struct strategy_state *S, enum strategy_kind k, int i)
{
	return strategy_id(&S->st, k, i);
}

static int entity_version(struct strategy_state *S, enum strategy_kind k, int i)
{
	return strategy_entity_version(k, entity_at(S, k, i));
}

/* The natural key: what people call it. */
static const char *entity_name(struct strategy_state *S, enum strategy_kind k, int i)
{
	return strategy_key(&S->st, k, i);
}

static int entity_find(struct strategy_state *S, enum strategy_kind k, int64_t id)
{
	for (int i = 0; i < kind_count(S, k); i++)
		if (entity_id(S, k, i) == id)
			return i;
	return -1;
}

/* --- numbers in the C locale -------------------------------------------- */

/* The TUI runs in the user's locale (for UTF-8), where a decimal comma may be
 * the rule; the strategy's numbers are always written with a point. */
static locale_t numbers_begin(struct strategy_state *S)
{
	if (!S->c_numbers)
		S->c_numbers = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return S->c_numbers ? uselocale(S->c_numbers) : (locale_t)0;
}

static void numbers_end(locale_t old)
{
	if (old)
		uselocale(old);
}

static void num_format(struct strategy_state *S, double v, char *out, size_t n)
{
	locale_t old = numbers_begin(S);
	snprintf(out, n, "%.15g", v);
	numbers_end(old);
}

/* A plain decimal number (no sign, exponent, "inf" or hex: not what a person
 * means in a form); empty is 0.  0 when it is one, else -1. */
static int num_parse(struct strategy_state *S, const char *s, int whole, double *v)
{
	s += strspn(s, " ");
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	*v = 0;
	if (!len)
		return 0;
	size_t digits = strspn(s, "0123456789"), k = digits;
	if (!whole && k < len && s[k] == '.') {
		size_t frac = strspn(s + k + 1, "0123456789");
		digits += frac;
		k += 1 + frac;
	}
	if (!digits || k != len)
		return -1;
	char tmp[64];
	if (len >= sizeof tmp)
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = 0;
	locale_t old = numbers_begin(S);
	*v = strtod(tmp, NULL);
	numbers_end(old);
	return isfinite(*v) ? 0 : -1;
}

/* --- the outline --------------------------------------------------------- */

static const struct row *current(struct strategy_state *S)
{
	return S->list.sel >= 0 && S->list.sel < S->list.n ? &S->rows[S->list.sel] : NULL;
}

/* The section the cursor is in (the goals when there is no row at all). */
static enum strategy_kind current_kind(struct strategy_state *S)
{
	const struct row *r = current(S);
	return r ? r->kind : SK_GOAL;
}

static int rows_build(struct strategy_state *S)
{
	int n = KINDS;
	for (int k = 0; k < KINDS; k++)
		if (!S->fold[k])
			n += kind_count(S, (enum strategy_kind)k);
	struct row *r = malloc((size_t)n * sizeof *r);
	if (!r)
		return -1;
	int at = 0;
	for (int k = 0; k < KINDS; k++) {
		r[at++] = (struct row){ (enum strategy_kind)k, -1 };
		for (int i = 0; !S->fold[k] && i < kind_count(S, (enum strategy_kind)k); i++)
			r[at++] = (struct row){ (enum strategy_kind)k, i };
	}
	free(S->rows);
	S->rows = r;
	S->list.n = n;
	return 0;
}

/* Put the cursor on an entity (id 0: on the section's header). */
static void select_entity(struct strategy_state *S, enum strategy_kind k, int64_t id)
{
	for (int i = 0; i < S->list.n; i++) {
		const struct row *r = &S->rows[i];
		if (r->kind != k)
			continue;
		if (id ? r->idx >= 0 && entity_id(S, k, r->idx) == id : r->idx < 0) {
			S->list.sel = i;
			return;
		}
	}
}

/* Fold or unfold a section; the cursor stays on the same entity, or goes to
 * the header when its entity is folded away. */
static void set_fold(struct app *a, enum strategy_kind k, int folded)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	const struct row *r = current(S);
	enum strategy_kind ck = r ? r->kind : k;
	int64_t cid = r && r->idx >= 0 ? entity_id(S, r->kind, r->idx) : 0;
	S->fold[k] = folded;
	if (rows_build(S) < 0) {
		app_msg(a, 1, "%s", _("out of memory"));
		return;
	}
	if (ck == k && folded)
		cid = 0;
	select_entity(S, ck, cid);
	ui_list_clamp(&S->list);
}

/* Re-read the strategy and recompile its rules; the cursor stays on the
 * same entity when it is still there, else on the same line. */
static void strategy_refresh(struct app *a, void *st)
{
	struct strategy_state *S = st;
	const struct row *r = current(S);
	enum strategy_kind ck = r ? r->kind : SK_GOAL;
	int64_t cid = r && r->idx >= 0 ? entity_id(S, r->kind, r->idx) : 0;
	int had = r != NULL;
	struct strategy fresh;
	struct err e = {0};
	if (strategy_load(a->s, &fresh, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;   /* keep showing what we had */
	}
	/* The test's matches point into the old rules: drop them first. */
	pbox_clear(&S->box);
	policy_free(S->pol);
	S->pol = NULL;
	strategy_free(&S->st);
	S->st = fresh;
	S->pol_err[0] = 0;
	if (policy_compile(S->st.rules, S->st.nrules, &S->pol, &e) != CH_OK)
		snprintf(S->pol_err, sizeof S->pol_err, "%.500s", e.msg);
	pbox_run(&S->box, S->pol);
	int old_sel = S->list.sel;
	if (rows_build(S) < 0) {
		free(S->rows);
		S->rows = NULL;
		S->list.n = 0;
		app_msg(a, 1, "%s", _("out of memory"));
		return;
	}
	S->list.sel = old_sel;
	if (had)
		select_entity(S, ck, cid);
	ui_list_clamp(&S->list);
}

/* --- drawing ------------------------------------------------------------- */

/* Draw text in a column of the line: at *x, width w (clipped to the line), then
 * one space; returns nothing, moves *x on. */
static void put_col(WINDOW *win, int y, int *x, int w, int cols, const char *text, attr_t at)
{
	if (*x >= cols)
		return;
	if (w <= 0 || *x + w > cols)
		w = cols - *x;
	ui_text(win, y, *x, w, text, at, 0);
	*x += w + 1;
}

/* Join names with ", " into out (cut when it does not fit). */
static void join_names(char *const *names, int n, char *out, size_t len)
{
	size_t at = 0;
	out[0] = 0;
	for (int i = 0; i < n && at + 1 < len; i++) {
		int k = snprintf(out + at, len - at, "%s%s", i ? ", " : "", names[i]);
		if (k < 0)
			break;
		at += (size_t)k;
	}
}

static void kpi_text(struct strategy_state *S, const struct goal *g, char *out, size_t n)
{
	char target[64];
	num_format(S, g->kpi_target, target, sizeof target);
	if (!g->kpi_metric || !*g->kpi_metric)
		snprintf(out, n, "%s", _("no KPI"));
	else if (g->kpi_period && *g->kpi_period)
		snprintf(out, n, "%s %s / %s", g->kpi_metric, target, g->kpi_period);
	else
		snprintf(out, n, "%s %s", g->kpi_metric, target);
}

/* Does the test text match this rule?  For the marker in the outline. */
static int rule_hit(struct strategy_state *S, const struct policy_rule *r)
{
	for (int i = 0; i < S->box.nhits; i++)
		if (S->box.hits[i].rule && S->box.hits[i].rule->name && strcmp(S->box.hits[i].rule->name, r->name) == 0)
			return 1;
	return 0;
}

static void draw_item(struct app *a, WINDOW *w, int y, int cols, const struct row *r, attr_t base)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	char buf[1024], num[64];
	int x = 4, rest = cols - 4;
	attr_t dim = base | (base != A_NORMAL ? 0 : ui_attr(a, UI_DIM));
	switch (r->kind) {
	case SK_GOAL: {
		const struct goal *g = &S->st.goals[r->idx];
		put_col(w, y, &x, rest * 2 / 5, cols, g->title, base | A_BOLD);
		kpi_text(S, g, buf, sizeof buf);
		put_col(w, y, &x, 28, cols, buf, g->kpi_metric && *g->kpi_metric ? base : dim);
		join_names(g->audiences, g->naudiences, buf, sizeof buf);
		put_col(w, y, &x, 0, cols, g->naudiences ? buf : _("no audiences"), g->naudiences ? base : dim);
		break;
	}
	case SK_AUDIENCE: {
		const struct audience *au = &S->st.audiences[r->idx];
		put_col(w, y, &x, rest / 3, cols, au->name, base | A_BOLD);
		join_names(au->platforms, au->nplatforms, buf, sizeof buf);
		put_col(w, y, &x, rest / 4, cols, au->nplatforms ? buf : _("no platforms"), au->nplatforms ? base : dim);
		put_col(w, y, &x, 0, cols, au->info_need, dim);
		break;
	}
	case SK_PILLAR: {
		const struct pillar *p = &S->st.pillars[r->idx];
		int pair = ui_pair(a, p->colour);
		const char *swatch = a->utf8 ? "\xe2\x96\x88\xe2\x96\x88" : "##";
		put_col(w, y, &x, 2, cols, p->colour && *p->colour ? swatch : "  ",
			base | (pair ? COLOR_PAIR(pair) : 0));
		put_col(w, y, &x, rest / 3 - 3, cols, p->name, base | A_BOLD);
		put_col(w, y, &x, 9, cols, p->colour && *p->colour ? p->colour : "-", dim);
		put_col(w, y, &x, 0, cols, p->description, dim);
		break;
	}
	case SK_PLATFORM: {
		const struct platform *p = &S->st.platforms[r->idx];
		put_col(w, y, &x, 12, cols, p->key, base | A_BOLD);
		put_col(w, y, &x, 14, cols, p->name, base);
		if (p->max_length)
			snprintf(buf, sizeof buf, _("max %d"), p->max_length);
		else
			snprintf(buf, sizeof buf, "%s", _("no limit"));
		put_col(w, y, &x, 11, cols, buf, base);
		num_format(S, p->cpm, num, sizeof num);
		snprintf(buf, sizeof buf, NT_("cpm %s"), num);
		put_col(w, y, &x, 11, cols, buf, base);
		num_format(S, p->cpc, num, sizeof num);
		snprintf(buf, sizeof buf, NT_("cpc %s"), num);
		put_col(w, y, &x, 11, cols, buf, base);
		num_format(S, p->reaction_multiplier, num, sizeof num);
		snprintf(buf, sizeof buf, _("reaction x%s"), num);
		put_col(w, y, &x, 16, cols, buf, base);
		put_col(w, y, &x, 0, cols, p->share_url, dim);
		break;
	}
	case SK_MESSAGE_TYPE: {
		const struct message_type *t = &S->st.message_types[r->idx];
		put_col(w, y, &x, rest / 3, cols, t->name, base | A_BOLD);
		put_col(w, y, &x, 0, cols, t->description, dim);
		break;
	}
	case SK_RULE: {
		const struct policy_rule *ru = &S->st.rules[r->idx];
		if (S->testing && rule_hit(S, ru))
			ui_text(w, y, 2, 1, ui_glyph_dot(a), base | severity_attr(a, ru->severity), 0);
		put_col(w, y, &x, 6, cols, severity_name(ru->severity), base | severity_attr(a, ru->severity));
		put_col(w, y, &x, rest / 3, cols, ru->name, base | A_BOLD);
		put_col(w, y, &x, 0, cols, ru->pattern, base);
		break;
	}
	}
}

static void draw_header(struct app *a, WINDOW *w, int y, int cols, enum strategy_kind k, attr_t base)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	char line[192];
	const char *open = a->utf8 ? "\xe2\x96\xbe" : "v", *shut = a->utf8 ? "\xe2\x96\xb8" : ">";
	int n = kind_count(S, k);
	snprintf(line, sizeof line, "%s %s (%d)", S->fold[k] ? shut : open, _(section_title[k]), n);
	int x = ui_text(w, y, 1, cols - 1, line, base | ui_attr(a, UI_HEAD), 0);
	if (!n && x + 4 < cols)
		ui_text(w, y, x + 3, cols - x - 3, _("none yet"), base | ui_attr(a, UI_DIM), 0);
	else if (S->fold[k] && x + 4 < cols)
		ui_text(w, y, x + 3, cols - x - 3, _("folded: Enter shows"), base | ui_attr(a, UI_DIM), 0);
}

/* Label and value, the value wrapped over the lines left.  Returns the next y. */
static int detail_field(WINDOW *w, int y, int yend, int cols, const char *label, const char *value, attr_t at)
{
	if (y >= yend)
		return y;
	ui_text(w, y, 1, 14, label, A_BOLD, 0);
	const char *v = value && *value ? value : "-";
	size_t cap = strlen(v) * 3 + 1;
	char *clean = malloc(cap);
	if (!clean)
		return y + 1;
	text_clean(v, clean, cap, TEXT_NEWLINES);
	const char *p = clean;
	int width = cols - 17;
	if (width < 10)
		width = 10;
	while (p && y < yend) {
		const char *next;
		size_t len = text_wrap(p, width, &next);
		char seg[1024];
		size_t k = len < sizeof seg - 1 ? len : sizeof seg - 1;
		memcpy(seg, p, k);
		seg[k] = 0;
		ui_text(w, y++, 16, width, seg, at, 0);
		p = next;
	}
	free(clean);
	return y;
}

/* Field f of entity x as the form shows it: lists joined, 0 as empty. */
static void field_format(struct strategy_state *S, const struct strategy_field *f, const void *x, char *out, size_t n)
{
	const char *at = (const char *)x + f->off;
	out[0] = 0;
	switch (f->type) {
	case SF_INT:
		if (*(const int *)at)
			snprintf(out, n, "%d", *(const int *)at);
		break;
	case SF_NUM:
		if (*(const double *)at != 0)
			num_format(S, *(const double *)at, out, n);
		break;
	case SF_SEVERITY:
		snprintf(out, n, "%s", severity_name(*(const enum severity *)at));
		break;
	case SF_NAMES:
		join_names(*(char *const *const *)at, *(const int *)((const char *)x + f->count_off), out, n);
		break;
	case SF_BOOL:
		break;
	default:
		snprintf(out, n, "%s", *(char *const *)at ? *(char *const *)at : "");
		break;
	}
}

/* The entity under the cursor, field by field with the form's labels; its
 * natural key first under the kind's name. */
static void draw_detail(struct app *a, WINDOW *w, int y, int yend, int cols)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	const struct row *r = current(S);
	char buf[FORM_MAX], label[64];
	if (!r)
		return;
	if (r->idx < 0) {
		detail_field(w, y, yend, cols, _(section_title[r->kind]), _(section_about[r->kind]), A_NORMAL);
		return;
	}
	const void *x = entity_at(S, r->kind, r->idx);
	for (const struct strategy_field *f = strategy_fields(r->kind); f->key; f++) {
		attr_t at = A_NORMAL;
		field_format(S, f, x, buf, sizeof buf);
		snprintf(label, sizeof label, "%s", tr(f->label));
		if (f == strategy_fields(r->kind)) {
			snprintf(label, sizeof label, "%s", kind_word(r->kind));
			label[0] = (char)toupper((unsigned char)label[0]);
			at = A_BOLD;
		} else if (f->type == SF_SEVERITY) {
			at = severity_attr(a, *(const enum severity *)((const char *)x + f->off));
		}
		y = detail_field(w, y, yend, cols, label, buf, at);
	}
}

static void draw_test(struct app *a, WINDOW *w, int y, int yend, int cols)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	const struct pbox_say say = {
		.head = _("Policy test: type or paste a text; matches light up as you type.  "
			  "Enter new line, ^U clear, Esc close"),
		.pol_err = S->pol_err, .nrules = S->st.nrules,
		.no_rules = _("there are no policy rules yet: a on the Policy rules section adds one"),
	};
	pbox_draw(a, &S->box, w, y, yend, cols, &say);
}

static void options_line(struct strategy_state *S, char *out, size_t n);

static void strategy_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct strategy_state *S = st;
	char head[512];
	snprintf(head, sizeof head, _(" Strategy of %s"), S->st.organisation && *S->st.organisation
		 ? S->st.organisation : _("(no organisation name)"));
	int hx = ui_text(w, 0, 0, cols, head, ui_attr(a, UI_HEAD), 0);
	char roles[96], right[320];
	if (a->s->my_roles & ROLE_MASTER)
		snprintf(right, sizeof right, "%s",
			 _("a add  e edit  d delete  K/J move  t test  O options  i/x import/export  ? keys"));
	else {
		store_roles_format(a->s->my_roles, roles, sizeof roles);
		snprintf(right, sizeof right, _("read only: a social master changes the strategy (you are: %s)"), roles);
	}
	if (hx + 4 < cols)
		ui_text(w, 0, hx + 3, cols - hx - 4, right, ui_attr(a, UI_DIM), 0);

	int bottom = S->testing ? rows / 2 : DETAIL_ROWS;
	if (bottom < 6)
		bottom = 6;
	S->list_y = 1;
	S->list.rows = rows - 1 - bottom;
	if (S->list.rows < 3)
		S->list.rows = 3;
	ui_list_clamp(&S->list);
	for (int k = 0; k < S->list.rows && S->list.top + k < S->list.n; k++) {
		const struct row *r = &S->rows[S->list.top + k];
		int y = S->list_y + k;
		attr_t base = S->list.top + k == S->list.sel ? ui_attr(a, UI_SEL) : A_NORMAL;
		if (base != A_NORMAL) {
			wattr_on(w, base, NULL);
			mvwhline(w, y, 0, ' ', cols);
			wattr_off(w, base, NULL);
		}
		if (r->idx < 0)
			draw_header(a, w, y, cols, r->kind, base);
		else
			draw_item(a, w, y, cols, r, base);
	}
	int sep = S->list_y + S->list.rows;
	if (sep >= rows)
		return;
	mvwhline(w, sep, 0, a->utf8 ? ACS_HLINE : '-', cols);
	char opts[512], line[640];
	options_line(S, opts, sizeof opts);
	snprintf(line, sizeof line, _(" Options (O): %s "), opts);
	ui_text(w, sep, 1, cols - 16, line, ui_attr(a, UI_DIM), 0);
	ui_list_draw_pos(a, w, sep, cols - 1, &S->list);
	if (S->testing)
		draw_test(a, w, sep + 1, rows, cols);
	else
		draw_detail(a, w, sep + 1, rows, cols);
}

/* --- modal helpers ------------------------------------------------------- */

/* Only masters change the strategy: say so before any form opens.  The core
 * refuses anyway; this only saves someone typing in vain. */
static int may_change(struct app *a)
{
	if (a->s->readonly) {
		app_msg(a, 1, _("the database is open read-only: %s"), a->s->ro_reason);
		return 0;
	}
	if (!(a->s->my_roles & ROLE_MASTER)) {
		char roles[96];
		store_roles_format(a->s->my_roles, roles, sizeof roles);
		app_msg(a, 1, _("only a social master can change the strategy (you are: %s)"), roles);
		return 0;
	}
	return 1;
}

/* --- the test box (policybox.c keeps, checks and draws its text) -------- */

static void s_test(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	if (current_kind(S) != SK_RULE) {
		set_fold(a, SK_RULE, 0);
		select_entity(S, SK_RULE, 0);
	} else if (S->fold[SK_RULE]) {
		set_fold(a, SK_RULE, 0);
	}
	S->testing = 1;
	pbox_type(a, &S->box, S->pol, 0);
	S->testing = 0;
}

/* --- the form ------------------------------------------------------------ */

/* Split a comma-separated list into names of kind k.  A name may itself hold
 * a comma ("Clients, partners"), so at each place the longest known name
 * that ends at a comma or the end wins.  0, or -1 with why filled. */
static int names_split(struct strategy_state *S, const char *text, enum strategy_kind k, char ***out, int *n, char *why, size_t whylen)
{
	*out = NULL;
	*n = 0;
	const char *p = text;
	for (;;) {
		p += strspn(p, " ,");
		if (!*p)
			return 0;
		size_t best = 0;
		for (int i = 0; i < kind_count(S, k); i++) {
			const char *nm = entity_name(S, k, i);
			size_t len = strlen(nm);
			if (len > best && strncmp(p, nm, len) == 0 && (p[len + strspn(p + len, " ")] == ',' ||
								       !p[len + strspn(p + len, " ")]))
				best = len;
		}
		if (!best) {
			size_t len = strcspn(p, ",");
			while (len && p[len - 1] == ' ')
				len--;
			snprintf(why, whylen, k == SK_AUDIENCE ? _("no such audience: %.*s") : _("no such platform: %.*s"),
				 (int)(len > 100 ? 100 : len), p);
			goto fail;
		}
		for (int i = 0; i < *n; i++)
			if (strlen((*out)[i]) == best && strncmp((*out)[i], p, best) == 0) {
				snprintf(why, whylen, _("%.*s is listed twice"), (int)(best > 100 ? 100 : best), p);
				goto fail;
			}
		char **m = realloc(*out, (size_t)(*n + 1) * sizeof **out);
		if (!m)
			goto oom;
		*out = m;
		if (!(m[*n] = strndup(p, best)))
			goto oom;
		(*n)++;
		p += best;
	}
oom:
	snprintf(why, whylen, "%s", _("out of memory"));
fail:
	for (int i = 0; i < *n; i++)
		free((*out)[i]);
	free(*out);
	*out = NULL;
	*n = 0;
	return -1;
}

static void names_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The form's text of field f into entity x, as the core takes it: numbers
 * read in the C locale, names split (names_free them), text pointing into
 * v.  0, or -1 with why. */
static int field_store(struct strategy_state *S, const struct strategy_field *f, const char *v, void *x, char *why, size_t n)
{
	char *at = (char *)x + f->off;
	double num;
	switch (f->type) {
	case SF_INT:
	case SF_NUM:
		if (num_parse(S, v, f->type == SF_INT, &num) < 0) {
			snprintf(why, n, "%s", f->type == SF_INT ? _("must be a whole number, such as 280")
				 : _("must be a number, such as 1500 or 5.25"));
			return -1;
		}
		if (f->type == SF_INT)
			*(int *)at = num > INT_MAX ? INT_MAX : (int)num;
		else
			*(double *)at = num;
		return 0;
	case SF_SEVERITY:
		*(enum severity *)at = (enum severity)severity_parse(v);
		return 0;
	case SF_NAMES:
		return names_split(S, v, f->ref, (char ***)at, (int *)((char *)x + f->count_off), why, n);
	case SF_BOOL:
		return 0;
	default:
		*(const char **)at = v;
		return 0;
	}
}

/* Free what field_store allocated in x. */
static void fields_release(enum strategy_kind k, void *x)
{
	for (const struct strategy_field *f = strategy_fields(k); f->key; f++)
		if (f->type == SF_NAMES)
			names_free(*(char ***)((char *)x + f->off), *(int *)((char *)x + f->count_off));
}

/* One-line fields lose the spaces around them: nobody means those.  Spaces
 * in free text and in a pattern mean something. */
static const char *trimmed(const struct strategy_field *f, const char *v, char *out, size_t n)
{
	if (f->type == SF_TEXT || f->type == SF_PATTERN)
		return v;
	size_t b = strspn(v, " "), l = strlen(v + b);
	while (l && v[b + l - 1] == ' ')
		l--;
	snprintf(out, n, "%.*s", (int)l, v + b);
	return out;
}

/* PCRE2's offset, in characters: the byte of that character in v. */
static size_t pattern_offset(const char *msg, const char *v)
{
	/* the core's words before the offset, in the language it spoke */
	const char *fmt = _("invalid pattern at offset %zu: %s"), *num = strstr(fmt, "%zu");
	char lead[128];
	size_t chars, b = 0, len = strlen(v), n = num ? (size_t)(num - fmt) : 0;
	const char *start = fmt;
	/* (from the last space before the number: the words after the
	 * pattern's own text) */
	for (const char *q = fmt; q < fmt + n; q++)
		if (*q == ' ' && q + 1 < fmt + n)
			start = q + 1;
	n -= (size_t)(start - fmt);
	if (!num || n == 0 || n >= sizeof lead)
		return (size_t)-1;
	memcpy(lead, start, n);
	lead[n] = 0;
	const char *at = strstr(msg, lead);
	if (!at || sscanf(at + n, "%zu", &chars) != 1)
		return (size_t)-1;
	for (size_t c = 0; c < chars && b < len; c++) {
		uint32_t cp;
		b += text_decode(v + b, len - b, &cp);
	}
	return b;
}

/* The form's rule for field i (ui_form's check): the core's, and the
 * natural key unique in its section; err_at for a pattern. */
static int form_rule(void *ctx, int i, const char *text, char *out, size_t outn)
{
	struct strategy_state *S = ctx;
	struct ffield *f = &S->form.f[i];
	const struct strategy_field *d = f->def;
	union strategy_entity x;
	char why[FORM_NOTE], tmp[FORM_MAX];
	const char *v = trimmed(d, text, tmp, sizeof tmp), *bad = NULL;
	f->err_at = (size_t)-1;
	memset(&x, 0, sizeof x);
	if (field_store(S, d, v, &x, why, sizeof why) < 0)
		bad = why;
	else
		bad = strategy_field_problem(d, &x, why, sizeof why);
	fields_release(S->form.kind, &x);
	if (bad && d->type == SF_PATTERN)
		f->err_at = pattern_offset(bad, v);
	if (!bad && i == 0) {
		/* The natural key is unique in its section, ignoring case, as the
		 * core will say on saving. */
		for (int k = 0; k < kind_count(S, S->form.kind); k++) {
			const char *nm = entity_name(S, S->form.kind, k);
			if (entity_id(S, S->form.kind, k) != S->form.id && strcasecmp(nm, v) == 0) {
				snprintf(why, sizeof why, strchr(NT_("aeiou"), strategy_kind_name(S->form.kind, 0)[0])
					 ? _("an %s named \"%.100s\" exists already") : _("a %s named \"%.100s\" exists already"),
					 kind_word(S->form.kind), nm);
				bad = why;
				break;
			}
		}
	}
	if (bad)
		snprintf(out, outn, "%s", bad);
	return bad != NULL;
}

static int form_open(struct app *a, enum strategy_kind k, int idx, int readonly)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	memset(S->form.f, 0, sizeof S->form.f);
	ui_form_init(&S->form.ui, readonly, form_rule, S);
	S->form.kind = k;
	S->form.id = idx >= 0 ? entity_id(S, k, idx) : 0;
	S->form.version = idx >= 0 ? entity_version(S, k, idx) : 0;
	for (const struct strategy_field *d = strategy_fields(k); d->key && S->form.ui.n < FORM_FIELDS; d++) {
		struct ffield *f = &S->form.f[S->form.ui.n];
		int i = ui_form_add(&S->form.ui, tr(d->label), tr(d->hint), NULL);
		if (i < 0)
			break;
		f->def = d;
		if (idx >= 0) {
			char *tmp = malloc(FORM_MAX * 2);
			if (!tmp) {
				app_msg(a, 1, "%s", _("out of memory"));
				return -1;
			}
			field_format(S, d, entity_at(S, k, idx), tmp, FORM_MAX * 2);
			size_t len = strlen(tmp);
			if (len >= FORM_MAX && !readonly) {
				free(tmp);
				app_msg(a, 1, _("%s is %zu bytes, longer than the form edits; use chorus strategy export "
					"and import"), tr(d->label), len);
				return -1;
			}
			ui_form_set(&S->form.ui, i, tmp);   /* a read-only view shows what fits */
			free(tmp);
		} else if (d->type == SF_SEVERITY) {
			ui_form_set(&S->form.ui, i, "warn");
		}
	}
	for (int i = 0; i < S->form.ui.n; i++)
		ui_form_check(&S->form.ui, i);
	return 0;
}

/* The form's values into the core's struct, and the save.  Lists are split
 * here; the strings stay in the form's buffers. */
static int form_save(struct app *a, int64_t *id, struct err *e)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	char why[FORM_NOTE], tmp[FORM_MAX];
	union strategy_entity x;
	int st = CH_OK;
	memset(&x, 0, sizeof x);
	for (int i = 0; i < S->form.ui.n && st == CH_OK; i++) {
		struct ffield *f = &S->form.f[i];
		const char *v = trimmed(f->def, S->form.ui.f[i].line.buf, tmp, sizeof tmp);
		if (v != S->form.ui.f[i].line.buf) {
			ui_form_set(&S->form.ui, i, tmp);
			f->scroll = 0;
		}
		if (field_store(S, f->def, S->form.ui.f[i].line.buf, &x, why, sizeof why) < 0)
			st = err_set(e, CH_INVALID, "%s: %s", tr(f->def->label), why);
	}
	if (st == CH_OK)
		st = strategy_save(a->s, S->form.kind, &x, S->form.id, S->form.version, id, e);
	fields_release(S->form.kind, &x);
	return st;
}

/* Someone else saved this entity after the form opened: show their values
 * beside the user's (which stay), and let the next Enter save on top of
 * their version. */
static void form_conflict(struct app *a, const struct err *e)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	app_requery(a);   /* re-reads the strategy, and the status line's time */
	int idx = entity_find(S, S->form.kind, S->form.id);
	if (idx < 0) {
		snprintf(S->form.ui.msg, sizeof S->form.ui.msg, _("%.900s; it has been deleted meanwhile (Esc closes)"), e->msg);
		return;
	}
	S->form.version = entity_version(S, S->form.kind, idx);
	char *theirs = malloc(FORM_MAX);
	for (int i = 0; theirs && i < S->form.ui.n; i++) {
		field_format(S, S->form.f[i].def, entity_at(S, S->form.kind, idx), theirs, FORM_MAX);
		S->form.f[i].theirs[0] = 0;
		if (strcmp(theirs, S->form.ui.f[i].line.buf) != 0)
			snprintf(S->form.f[i].theirs, sizeof S->form.f[i].theirs, _("theirs: %s"), theirs[0] ? theirs : _("(empty)"));
	}
	free(theirs);
	snprintf(S->form.ui.msg, sizeof S->form.ui.msg,
		 _("%.900s.  Your values are kept: Enter saves them over theirs, Esc keeps theirs."), e->msg);
}

/* Enter in the form: refuse while a field is wrong, else save.  1 when the
 * form can close. */
static int form_submit(struct app *a, void *ctx, struct ui_form *fm)
{
	struct strategy_state *S = ctx;
	(void)fm;
	struct err e = {0};
	int64_t id = 0;
	int st = form_save(a, &id, &e);
	if (st == CH_OK) {
		int64_t sel = S->form.id ? S->form.id : id;
		app_msg(a, 0, S->form.id ? _("saved %s \"%s\"") : _("added %s \"%s\""), kind_word(S->form.kind),
			S->form.ui.f[0].line.buf);
		S->fold[S->form.kind] = 0;
		app_requery(a);
		select_entity(S, S->form.kind, sel);
		return 1;
	}
	if (st == CH_BUSY && e.kind == ERR_CONFLICT) {
		form_conflict(a, &e);
		return 0;
	}
	if (st == CH_BUSY)
		snprintf(S->form.ui.msg, sizeof S->form.ui.msg, _("%.900s; Enter tries again"), e.msg);
	else
		snprintf(S->form.ui.msg, sizeof S->form.ui.msg, _("not saved: %.900s"), e.msg);
	if (e.kind == ERR_EXISTS)
		S->form.ui.cur = 0;
	return 0;
}

/* The form's additions to the kit's box (ask_form). */
static void form_edited(void *ctx, int i)
{
	struct strategy_state *S = ctx;
	S->form.f[i].theirs[0] = 0;
}

static const char *form_note(void *ctx, int i)
{
	struct strategy_state *S = ctx;
	return S->form.f[i].theirs;
}

static size_t form_mark(void *ctx, int i)
{
	struct strategy_state *S = ctx;
	return S->form.ui.f[i].err[0] ? S->form.f[i].err_at : (size_t)-1;
}

static int form_swatch(struct app *a, void *ctx, int i)
{
	struct strategy_state *S = ctx;
	const struct ui_field *u = &S->form.ui.f[i];
	if (S->form.f[i].def->type != SF_COLOUR)
		return -1;
	return !u->err[0] && u->line.buf[0] ? ui_pair(a, u->line.buf) : 0;
}

/* Run the form until it is saved or cancelled. */
static void form_run(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	char title[256], roles[96], ro[320];
	if (!S->form.id)
		snprintf(title, sizeof title, _(" New %s "), kind_word(S->form.kind));
	else
		snprintf(title, sizeof title, " %s %lld%s ", kind_word(S->form.kind), (long long)S->form.id,
			 S->form.ui.readonly ? _(" (read only)") : "");
	store_roles_format(a->s->my_roles, roles, sizeof roles);
	if (a->s->readonly)
		snprintf(ro, sizeof ro, "%s", _("read only: the database is open read-only"));
	else
		snprintf(ro, sizeof ro, _("read only: only a social master can change the strategy (you are: %s)"), roles);
	struct ask_form_hooks h = { .ctx = S, .submit = form_submit, .edited = form_edited, .note = form_note,
				    .mark = form_mark, .swatch = S->form.kind == SK_PILLAR ? form_swatch : NULL,
				    .readonly_msg = ro };
	if (S->form.id)
		S->form.ui.tried = 1;   /* a stored entity shows its problems at once */
	ask_form(a, title, &S->form.ui, &h);
}

/* --- the keys ------------------------------------------------------------ */

static void s_next_section(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	for (int i = S->list.sel + 1; i < S->list.n; i++)
		if (S->rows[i].idx < 0) {
			S->list.sel = i;
			return;
		}
}

static void s_prev_section(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	for (int i = S->list.sel - 1; i >= 0; i--)
		if (S->rows[i].idx < 0) {
			S->list.sel = i;
			return;
		}
}

static void s_fold(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	set_fold(a, current_kind(S), 1);
}

static void s_unfold(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	set_fold(a, current_kind(S), 0);
}

/* Space: fold or unfold the section the cursor is in. */
static void s_toggle(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	enum strategy_kind k = current_kind(S);
	set_fold(a, k, !S->fold[k]);
}

static void s_edit_at(struct app *a, int readonly)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	const struct row *r = current(S);
	if (!r)
		return;
	if (r->idx < 0) {
		app_msg(a, 1, _("e edits the %s under the cursor: move to one (j), or a adds one"),
			kind_word(r->kind));
		return;
	}
	if (form_open(a, r->kind, r->idx, readonly) == 0)
		form_run(a);
}

/* Enter: on a header fold or unfold, on an entity open it (read only for
 * those who may not change it). */
static void s_open(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	const struct row *r = current(S);
	if (!r)
		return;
	if (r->idx < 0) {
		set_fold(a, r->kind, !S->fold[r->kind]);
		return;
	}
	s_edit_at(a, a->s->readonly || !(a->s->my_roles & ROLE_MASTER));
}

static void s_add(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	if (!may_change(a))
		return;
	if (form_open(a, current_kind(S), -1, 0) == 0)
		form_run(a);
}

static void s_edit(struct app *a)
{
	if (!may_change(a))
		return;
	s_edit_at(a, 0);
}

static void s_delete(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	if (!may_change(a))
		return;
	const struct row *r = current(S);
	if (!r || r->idx < 0) {
		app_msg(a, 1, _("d deletes the %s under the cursor: move to one first"), kind_word(current_kind(S)));
		return;
	}
	enum strategy_kind k = r->kind;
	int64_t id = entity_id(S, k, r->idx);
	char name[256], q[480];
	snprintf(name, sizeof name, "%s", entity_name(S, k, r->idx));
	snprintf(q, sizeof q, _("Delete %s %lld \"%s\"? (y/N) "), kind_word(k), (long long)id, name);
	if (!ask_yes(a, q)) {
		app_msg(a, 0, "%s", _("not deleted"));
		return;
	}
	struct err e = {0};
	if (strategy_delete(a->s, k, id, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	app_msg(a, 0, _("deleted %s \"%s\""), kind_word(k), name);
	app_requery(a);
}

static void s_move(struct app *a, int dir)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	if (!may_change(a))
		return;
	const struct row *r = current(S);
	if (!r || r->idx < 0) {
		app_msg(a, 1, _("K and J move the %s under the cursor up and down"), kind_word(current_kind(S)));
		return;
	}
	enum strategy_kind k = r->kind;
	if ((dir < 0 && r->idx == 0) || (dir > 0 && r->idx == kind_count(S, k) - 1)) {
		app_msg(a, 0, dir < 0 ? _("already the first %s") : _("already the last %s"), kind_word(k));
		return;
	}
	int64_t id = entity_id(S, k, r->idx);
	struct err e = {0};
	if (strategy_move(a->s, k, id, dir, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	app_requery(a);
	select_entity(S, k, id);
}

static void s_move_up(struct app *a) { s_move(a, -1); }
static void s_move_down(struct app *a) { s_move(a, 1); }

/* "~/x" is the user's own, as in a shell. */
static int path_expand(const char *in, char *out, size_t n)
{
	const char *home = getenv("HOME");
	int k;
	if (in[0] == '~' && (in[1] == '/' || !in[1]) && home && *home)
		k = snprintf(out, n, "%s%s", home, in + 1);
	else
		k = snprintf(out, n, "%s", in);
	return k < 0 || (size_t)k >= n ? -1 : 0;
}

/* i: a YAML file replaces the strategy, all or nothing, through the same
 * flow as chorus strategy import.  A dry run first shows what would change
 * and asks; the first problem in the file is shown with its place. */
static void s_import(struct app *a)
{
	if (!may_change(a))
		return;
	char in[PATH_MAX], path[PATH_MAX], sum[256], q[PATH_MAX + 400], where[PATH_MAX + 900];
	if (!app_prompt(a, _("Import the strategy from YAML file: "), in, sizeof in) || !in[0])
		return;
	if (path_expand(in, path, sizeof path) < 0) {
		app_msg(a, 1, "%s", _("the path is too long"));
		return;
	}
	struct err e = {0};
	struct strategy_import im;
	int st = strategy_import_read(&im, path, &e);
	for (int pass = 0; st == CH_OK && pass < 2; pass++) {
		st = strategy_import_apply(a->s, &im, in, pass == 0, &e);
		if (st != CH_OK)
			break;
		strategy_diff_totals(&im.diff, sum, sizeof sum);
		if (pass == 1) {
			app_msg(a, 0, _("imported %s: %s"), in, sum);
			app_requery(a);
		} else if (strategy_diff_empty(&im.diff)) {
			app_msg(a, 0, _("%s: the strategy is already this; nothing changed"), in);
			break;
		} else {
			snprintf(q, sizeof q, _("Import %s: %s. Apply? (y/N) "), in, sum);
			if (!ask_yes(a, q)) {
				app_msg(a, 0, "%s", _("not imported"));
				break;
			}
		}
	}
	if (st != CH_OK && im.doc.nerrors) {
		int more = im.doc.nerrors - 1 + im.doc.more_errors;
		strategy_yaml_problem(in, &im.doc.errors[0], where, sizeof where);
		if (more)
			app_msg(a, 1, P_("%s (and %d more problem); nothing was imported",
					 "%s (and %d more problems); nothing was imported", more), where, more);
		else
			app_msg(a, 1, _("%s; nothing was imported"), where);
	} else if (st != CH_OK) {
		app_msg(a, 1, _("%s: %s; nothing was imported"), in, e.msg);
	}
	strategy_import_free(&im);
}

/* x: the stored strategy (read fresh, not what the screen shows) as YAML. */
static void s_export(struct app *a)
{
	char in[PATH_MAX], path[PATH_MAX], q[PATH_MAX + 128];
	if (!app_prompt(a, _("Export the strategy to YAML file: "), in, sizeof in) || !in[0])
		return;
	if (path_expand(in, path, sizeof path) < 0) {
		app_msg(a, 1, "%s", _("the path is too long"));
		return;
	}
	if (access(path, F_OK) == 0) {
		snprintf(q, sizeof q, _("%s exists: replace it? (y/N) "), in);
		if (!ask_yes(a, q)) {
			app_msg(a, 0, "%s", _("not exported"));
			return;
		}
	}
	struct strategy st;
	struct err e = {0};
	char counts[256];
	if (strategy_export_store(a->s, path, &st, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
	} else {
		strategy_counts(&st, counts, sizeof counts);
		app_msg(a, 0, _("exported the strategy to %s: %s"), in, counts);
	}
	strategy_free(&st);
}

/* --- the options (options: in the file) --------------------------------- */

/* The options this form edits: numbers and true/false (strategy_options_set's). */
static int option_editable(const struct strategy_field *f)
{
	return f->type == SF_INT || f->type == SF_NUM || f->type == SF_BOOL;
}

/* Option f of x as the form shows it: true/false, the number (0 too). */
static void option_format(struct strategy_state *S, const struct strategy_field *f, const struct strategy *x,
			  char *out, size_t n)
{
	const char *at = (const char *)x + f->off;
	if (f->type == SF_BOOL)
		snprintf(out, n, "%s", *(const int *)at ? NT_("true") : NT_("false"));
	else if (f->type == SF_NUM)
		num_format(S, *(const double *)at, out, n);
	else
		snprintf(out, n, "%d", *(const int *)at);
}

/* The form's text of option f into x; 0, or -1 with why. */
static int option_store(struct strategy_state *S, const struct strategy_field *f, const char *v,
			struct strategy *x, char *why, size_t n)
{
	char *at = (char *)x + f->off;
	if (f->type != SF_BOOL)
		return field_store(S, f, v, x, why, n);
	v += strspn(v, " ");
	if (strncasecmp(v, "true", 4) == 0 && !v[4 + strspn(v + 4, " ")])
		*(int *)at = 1;
	else if (strncasecmp(v, "false", 5) == 0 && !v[5 + strspn(v + 5, " ")])
		*(int *)at = 0;
	else {
		snprintf(why, n, "%s", _("must be true or false"));
		return -1;
	}
	return 0;
}

/* The options form's rule: the core's (strategy_field_problem). */
static int option_rule(void *ctx, int i, const char *text, char *out, size_t outn)
{
	struct strategy_state *S = ctx;
	const struct strategy_field *f = S->form.f[i].def;
	struct strategy x = S->opt_seen;
	char why[FORM_NOTE];
	const char *bad = option_store(S, f, text, &x, why, sizeof why) < 0 ? why
		: strategy_field_problem(f, &x, why, sizeof why);
	if (bad)
		snprintf(out, outn, "%s", bad);
	return bad != NULL;
}

/* "open enrolment false, WIP inbox 0, ...": every option, for the screen. */
static void options_line(struct strategy_state *S, char *out, size_t n)
{
	size_t o = 0;
	out[0] = 0;
	for (const struct strategy_field *f = strategy_option_fields(); f->key && o < n; f++) {
		if (!option_editable(f))
			continue;
		char v[64], name[64];
		option_format(S, f, &S->st, v, sizeof v);
		struct strategy_field shown = *f;   /* its name in the person's language */
		shown.label = tr(f->label);
		strategy_field_name(&shown, name, sizeof name);
		o += (size_t)snprintf(out + o, n - o, "%s%s %s", o ? ", " : "", name, v);
	}
}

static int options_submit(struct app *a, void *ctx, struct ui_form *fm)
{
	struct strategy_state *S = ctx;
	struct strategy want = S->opt_seen;
	char why[FORM_NOTE];
	for (int i = 0; i < fm->n; i++)
		if (option_store(S, S->form.f[i].def, fm->f[i].line.buf, &want, why, sizeof why) < 0) {
			snprintf(fm->msg, sizeof fm->msg, _("not saved: %s: %s"), fm->f[i].label, why);
			return 0;
		}
	struct err e = {0};
	int changed = 0;
	int st = strategy_options_set(a->s, &S->opt_seen, &want, &changed, &e);
	if (st != CH_OK) {
		snprintf(fm->msg, sizeof fm->msg, _("not saved: %.900s%s"), e.msg,
			 e.kind == ERR_CONFLICT ? _(" (Esc, then O shows theirs)") : st == CH_BUSY ? _("; Enter tries again") : "");
		return 0;
	}
	app_requery(a);
	if (changed)
		app_msg(a, 0, P_("saved the options (%d changed)", "saved the options (%d changed)", changed), changed);
	else
		app_msg(a, 0, "%s", _("nothing changed"));
	return 1;
}

/* O: the options in a form, read only for those who may not change them. */
static void s_options(struct app *a)
{
	struct strategy_state *S = app_state(a, &strategy_panel);
	int readonly = a->s->readonly || !(a->s->my_roles & ROLE_MASTER);
	memset(S->form.f, 0, sizeof S->form.f);
	ui_form_init(&S->form.ui, readonly, option_rule, S);
	S->opt_seen = S->st;
	/* Only the options are the form's: the lists stay S->st's. */
	S->opt_seen.organisation = NULL;
	S->opt_seen.goals = NULL; S->opt_seen.audiences = NULL; S->opt_seen.pillars = NULL;
	S->opt_seen.platforms = NULL; S->opt_seen.message_types = NULL; S->opt_seen.rules = NULL;
	for (const struct strategy_field *f = strategy_option_fields(); f->key; f++) {
		if (!option_editable(f))
			continue;
		if (S->form.ui.n >= FORM_FIELDS)
			break;
		char v[64];
		option_format(S, f, &S->st, v, sizeof v);
		int i = ui_form_add(&S->form.ui, tr(f->label), f->type == SF_BOOL ? _("true or false") : tr(f->hint), v);
		if (i < 0)
			break;
		S->form.f[i].def = f;
	}
	for (int i = 0; i < S->form.ui.n; i++)
		ui_form_check(&S->form.ui, i);
	char roles[96], ro[320];
	store_roles_format(a->s->my_roles, roles, sizeof roles);
	if (a->s->readonly)
		snprintf(ro, sizeof ro, "%s", _("read only: the database is open read-only"));
	else
		snprintf(ro, sizeof ro, _("read only: only a social master can change the options (you are: %s)"), roles);
	struct ask_form_hooks h = { .ctx = S, .submit = options_submit, .readonly_msg = ro };
	ask_form(a, readonly ? _(" Options (read only) ") : _(" Options "), &S->form.ui, &h);
}

static void strategy_mouse(struct app *a, void *st, int y, int x, int button)
{
	struct strategy_state *S = st;
	(void)x;
	if (button == 1 && y >= S->list_y && y < S->list_y + S->list.rows && S->list.top + y - S->list_y < S->list.n) {
		int at = S->list.top + y - S->list_y;
		/* A click on the header the cursor is on folds it, as Enter does. */
		if (at == S->list.sel && S->rows[at].idx < 0)
			set_fold(a, S->rows[at].kind, !S->fold[S->rows[at].kind]);
		else
			S->list.sel = at;
	}
}

static struct ui_list *strategy_rows(struct app *a, void *st)
{
	struct strategy_state *S = st;
	(void)a;
	return &S->list;
}

static const struct keydef strategy_keys[] = {
	UI_REQ_KEYS
	{ ']', 0, "]", "next-section", N_("next section"), s_next_section },
	{ '[', 0, "[", "prev-section", N_("previous section"), s_prev_section },
	{ '\r', KEY_ENTER, "Enter", "open", N_("on a section: fold/unfold; on an item: open its form"), s_open },
	{ 'o', 0, "o", "toggle", N_("fold or unfold the section"), s_toggle },
	{ 'h', KEY_LEFT, "h", "fold", N_("fold the section"), s_fold },
	{ 'l', KEY_RIGHT, "l", "unfold", N_("unfold the section"), s_unfold },
	{ 'a', 0, "a", "add", N_("add to the section (a form; masters)"), s_add },
	{ 'e', 0, "e", "edit", N_("edit the item in a form (masters)"), s_edit },
	{ 'd', 0, "d", "delete", N_("delete the item, after y/N (refused while it is in use; masters)"), s_delete },
	{ 'K', 0, "K", "move-up", N_("move the item up (masters)"), s_move_up },
	{ 'J', 0, "J", "move-down", N_("move the item down (masters)"), s_move_down },
	{ 't', 0, "t", "test", N_("test a text against the policy rules, live"), s_test },
	{ 'i', 0, "i", "import", N_("import a YAML strategy file, after a dry run and y/N (masters)"), s_import },
	{ 'x', 0, "x", "export", N_("export the strategy to a YAML file"), s_export },
	{ 'O', 0, "O", "options", N_("the options (open enrolment, WIP limits...) in a form (masters change them)"),
	  s_options },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops strategy_panel = {
	.size = sizeof(struct strategy_state),
	.name = "strategy", .title = N_("Strategy"), .draw = strategy_draw, .requery = strategy_refresh,
	.mouse = strategy_mouse, .keys = strategy_keys, .close = strategy_panel_cleanup,
	.list = strategy_rows,
};
