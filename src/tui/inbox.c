/* inbox.c — panel 2, mutt-style triage of incoming content: an index, one
 * line per item, over a preview pane.  Tag items one by one (t) or by a PCRE2
 * pattern (T), then ; makes the next action apply to every tagged item — in
 * one transaction, so a bulk accept either moves them all or none.  Patterns
 * (T, l limit, / search) are compiled once, UTF + UCP + caseless, and match
 * any of title, body, creator and pillar. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "ui.h"

#define INBOX_SHOWN 5000

static struct {
	struct card_list l;
	int *vis;            /* indexes into l that pass the limit */
	int nvis;
	int sel, top;        /* into vis */
	int idx_rows;        /* index rows on screen, from the last draw */
	int64_t *tags;
	int ntags, captags;
	pcre2_code *limit;
	char limit_pat[256];
	pcre2_code *search;
	char search_pat[256];
	pcre2_match_data *md;
	pcre2_match_context *mctx;
} I;

void inbox_panel_cleanup(void)
{
	board_free(&I.l);
	free(I.vis);
	free(I.tags);
	pcre2_code_free(I.limit);
	pcre2_code_free(I.search);
	pcre2_match_data_free(I.md);
	pcre2_match_context_free(I.mctx);
	memset(&I, 0, sizeof I);
}

/* Compile once; a bad pattern tells PCRE2's reason and where. */
static pcre2_code *compile(struct app *a, const char *pat)
{
	int code;
	PCRE2_SIZE off;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS;
#ifdef PCRE2_MATCH_INVALID_UTF
	opts |= PCRE2_MATCH_INVALID_UTF;   /* a stray byte in a row must not stop matching */
#endif
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts, &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		app_msg(a, 1, "bad pattern at offset %zu: %s", (size_t)off, (const char *)msg);
		return NULL;
	}
	if (!I.md)
		I.md = pcre2_match_data_create(1, NULL);
	if (!I.mctx) {
		/* A pathological pattern must not freeze the screen. */
		I.mctx = pcre2_match_context_create(NULL);
		if (I.mctx) {
			pcre2_set_match_limit(I.mctx, 200000);
			pcre2_set_depth_limit(I.mctx, 5000);
		}
	}
	if (!I.md) {
		pcre2_code_free(re);
		app_msg(a, 1, "out of memory");
		return NULL;
	}
	return re;
}

/* The key of an inbox action as it is now, for messages that name keys. */
static const char *ikey(const char *action, char *buf, size_t n)
{
	return ui_action_key(inbox_panel.keys, action, buf, n);
}

static int field_match(pcre2_code *re, const char *s)
{
	return s && pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, I.md, I.mctx) >= 0;
}

static int card_match(pcre2_code *re, const struct card *c)
{
	return field_match(re, c->title) || field_match(re, c->body) ||
	       field_match(re, c->creator) || field_match(re, c->pillar);
}

static int tag_find(int64_t id)
{
	for (int i = 0; i < I.ntags; i++)
		if (I.tags[i] == id)
			return i;
	return -1;
}

static int tag_add(int64_t id)
{
	if (tag_find(id) >= 0)
		return 0;
	if (I.ntags == I.captags) {
		int cap = I.captags ? I.captags * 2 : 32;
		int64_t *m = realloc(I.tags, (size_t)cap * sizeof *m);
		if (!m)
			return -1;
		I.tags = m;
		I.captags = cap;
	}
	I.tags[I.ntags++] = id;
	return 1;
}

static void tag_del(int64_t id)
{
	int i = tag_find(id);
	if (i >= 0)
		I.tags[i] = I.tags[--I.ntags];
}

static struct card *current(void)
{
	return I.sel >= 0 && I.sel < I.nvis ? &I.l.v[I.vis[I.sel]] : NULL;
}

/* The visible list: everything, or what the limit pattern matches. */
static void apply_limit(struct app *a)
{
	free(I.vis);
	I.nvis = 0;
	I.vis = malloc(((size_t)I.l.n + 1) * sizeof *I.vis);
	if (!I.vis) {
		app_msg(a, 1, "out of memory");
		return;
	}
	for (int i = 0; i < I.l.n; i++)
		if (!I.limit || card_match(I.limit, &I.l.v[i]))
			I.vis[I.nvis++] = i;
}

static void inbox_refresh(struct app *a)
{
	struct card *c = current();
	int64_t keep = c ? c->id : 0;
	struct card_list fresh;
	struct err e = {0};
	if (board_stage(a->s, STAGE_INBOX, INBOX_SHOWN, 1, &fresh, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	board_free(&I.l);
	I.l = fresh;
	apply_limit(a);
	/* Tags of items that left the inbox go with them. */
	for (int i = 0; i < I.ntags;) {
		int found = 0;
		for (int k = 0; k < I.l.n && !found; k++)
			found = I.l.v[k].id == I.tags[i];
		if (found)
			i++;
		else
			I.tags[i] = I.tags[--I.ntags];
	}
	/* Same item if it is still here; else the same place, which is the next item. */
	for (int i = 0; keep && i < I.nvis; i++)
		if (I.l.v[I.vis[i]].id == keep)
			I.sel = i;
	if (I.sel >= I.nvis)
		I.sel = I.nvis - 1;
	if (I.sel < 0)
		I.sel = 0;
}

static void draw_index_line(struct app *a, WINDOW *w, int y, int cols, const struct card *c, int selected)
{
	char age[16], line[512];
	ui_age(c->stage_at, age, sizeof age);
	int tagged = tag_find(c->id) >= 0;
	attr_t at = selected ? ui_attr(a, UI_SEL) : A_NORMAL;
	wattr_on(w, at, NULL);
	mvwhline(w, y, 0, ' ', cols);
	wattr_off(w, at, NULL);
	snprintf(line, sizeof line, "%c %5lld %4s", tagged ? '*' : ' ', (long long)c->id, age);
	ui_text(w, y, 0, 13, line, at | (tagged ? A_BOLD : 0), 0);
	ui_text(w, y, 14, 12, c->creator, at, 0);
	int pair = ui_pair(a, c->colour);
	ui_text(w, y, 27, 14, c->pillar[0] ? c->pillar : "-", at | (pair ? COLOR_PAIR(pair) : ui_attr(a, UI_DIM)), 0);
	ui_text(w, y, 42, cols - 42, c->title, at | (tagged ? A_BOLD : 0), 0);
}

static void draw_preview(struct app *a, WINDOW *w, int y0, int rows, int cols, const struct card *c)
{
	if (!c || rows < 1)
		return;
	char age[16], line[256];
	ui_age(c->created_at, age, sizeof age);
	ui_text(w, y0, 1, cols - 2, c->title, A_BOLD, 0);
	if (rows < 2)
		return;
	snprintf(line, sizeof line, "#%lld by %s, %s ago%s%s", (long long)c->id, c->creator, age,
		 c->pillar[0] ? ", pillar " : "", c->pillar);
	ui_text(w, y0 + 1, 1, cols - 2, line, ui_attr(a, UI_DIM), 0);
	size_t cap = (c->body ? strlen(c->body) : 0) * 3 + 1;
	char *clean = malloc(cap);
	if (!clean)
		return;
	text_clean(c->body ? c->body : "", clean, cap, TEXT_NEWLINES);
	const char *p = clean;
	for (int y = y0 + 3; p && y < y0 + rows; y++) {
		const char *next;
		size_t len = text_wrap(p, cols - 2, &next);
		char seg[4096];
		size_t k = len < sizeof seg - 1 ? len : sizeof seg - 1;
		memcpy(seg, p, k);
		seg[k] = 0;
		ui_text(w, y, 1, cols - 2, seg, A_NORMAL, 0);
		p = next;
	}
	free(clean);
}

static void inbox_draw(struct app *a, WINDOW *w, int rows, int cols)
{
	char head[512];
	int n = snprintf(head, sizeof head, " Inbox %d", I.l.total);
	if (I.limit)
		n += snprintf(head + n, sizeof head - (size_t)n, "   limit /%s/: %d shown", I.limit_pat, I.nvis);
	if (I.ntags)
		n += snprintf(head + n, sizeof head - (size_t)n, "   %d tagged", I.ntags);
	if (a->tagged_next)
		snprintf(head + n, sizeof head - (size_t)n, "   ; next action applies to the tagged items");
	ui_text(w, 0, 0, cols, head, ui_attr(a, UI_HEAD), 1);
	I.idx_rows = (rows - 2) * 2 / 5;
	if (I.idx_rows < 3)
		I.idx_rows = 3;
	if (I.sel < I.top)
		I.top = I.sel;
	if (I.sel >= I.top + I.idx_rows)
		I.top = I.sel - I.idx_rows + 1;
	if (I.top < 0)
		I.top = 0;
	if (I.nvis == 0) {
		char l[16], none[128];
		snprintf(none, sizeof none, "Nothing in the inbox matches the limit (%s with an empty pattern shows all).",
			 ikey("limit", l, sizeof l));
		ui_text(w, 1, 2, cols - 4, I.limit ? none : "The inbox is empty.", ui_attr(a, UI_DIM), 0);
	}
	for (int k = 0; k < I.idx_rows && I.top + k < I.nvis; k++)
		draw_index_line(a, w, 1 + k, cols, &I.l.v[I.vis[I.top + k]], I.top + k == I.sel);
	int sep = 1 + I.idx_rows;
	mvwhline(w, sep, 0, a->utf8 ? ACS_HLINE : '-', cols);
	draw_preview(a, w, sep + 1, rows - sep - 1, cols, current());
}

static void sel_move(int by)
{
	I.sel += by;
	if (I.sel >= I.nvis)
		I.sel = I.nvis - 1;
	if (I.sel < 0)
		I.sel = 0;
}

static void i_down(struct app *a) { (void)a; sel_move(1); }
static void i_up(struct app *a) { (void)a; sel_move(-1); }
static void i_top(struct app *a) { (void)a; I.sel = 0; }
static void i_bottom(struct app *a) { (void)a; I.sel = I.nvis > 0 ? I.nvis - 1 : 0; }
static void i_pgdn(struct app *a) { (void)a; sel_move(I.idx_rows); }
static void i_pgup(struct app *a) { (void)a; sel_move(-I.idx_rows); }

static void i_tag(struct app *a)
{
	struct card *c = current();
	if (!c)
		return;
	if (tag_find(c->id) >= 0)
		tag_del(c->id);
	else if (tag_add(c->id) < 0)
		app_msg(a, 1, "out of memory");
	sel_move(1);
}

static void i_untag_all(struct app *a)
{
	I.ntags = 0;
	a->tagged_next = 0;
	app_msg(a, 0, "no items tagged");
}

static void i_tag_pattern(struct app *a)
{
	char pat[256];
	if (!app_prompt(a, "Tag items matching: ", pat, sizeof pat) || !pat[0])
		return;
	pcre2_code *re = compile(a, pat);
	if (!re)
		return;
	int added = 0;
	for (int i = 0; i < I.nvis; i++) {
		struct card *c = &I.l.v[I.vis[i]];
		if (card_match(re, c)) {
			int r = tag_add(c->id);
			if (r < 0) {
				app_msg(a, 1, "out of memory");
				break;
			}
			added += r;
		}
	}
	pcre2_code_free(re);
	char k[16];
	app_msg(a, 0, "tagged %d more item%s matching /%s/: %d tagged; %s then an action applies to them",
		added, added == 1 ? "" : "s", pat, I.ntags, ikey("tagged", k, sizeof k));
}

static void i_apply_tagged(struct app *a)
{
	if (I.ntags == 0) {
		char t[16], tp[16];
		app_msg(a, 1, "no items tagged: %s tags one, %s tags by pattern", ikey("tag", t, sizeof t),
			ikey("tag-pattern", tp, sizeof tp));
		return;
	}
	a->tagged_next = 1;
	char k[4][16];
	app_msg(a, 0, "the next action (%s accept, %s reject, %s pillar, %s comment) applies to %d tagged item%s",
		ikey("accept", k[0], 16), ikey("reject", k[1], 16), ikey("pillar", k[2], 16),
		ikey("comment", k[3], 16), I.ntags, I.ntags == 1 ? "" : "s");
}

static void i_limit(struct app *a)
{
	char pat[256];
	if (!app_prompt(a, "Limit to pattern (empty = all): ", pat, sizeof pat))
		return;
	pcre2_code *re = NULL;
	if (pat[0] && !(re = compile(a, pat)))
		return;
	pcre2_code_free(I.limit);
	I.limit = re;
	snprintf(I.limit_pat, sizeof I.limit_pat, "%s", pat);
	struct card *c = current();
	int64_t keep = c ? c->id : 0;
	apply_limit(a);
	I.sel = 0;
	for (int i = 0; keep && i < I.nvis; i++)
		if (I.l.v[I.vis[i]].id == keep)
			I.sel = i;
	app_msg(a, 0, re ? "limited to /%s/: %d of %d" : "showing all%s: %d of %d", re ? pat : "", I.nvis, I.l.n);
}

static void find(struct app *a, int dir)
{
	if (!I.search) {
		char k[16];
		app_msg(a, 1, "no search yet: %s searches", ikey("search", k, sizeof k));
		return;
	}
	for (int k = 1; k <= I.nvis; k++) {
		int i = ((I.sel + dir * k) % I.nvis + I.nvis) % I.nvis;
		if (card_match(I.search, &I.l.v[I.vis[i]])) {
			I.sel = i;
			return;
		}
	}
	app_msg(a, 1, "no match for /%s/", I.search_pat);
}

static void i_search(struct app *a)
{
	char pat[256];
	if (!app_prompt(a, "Search: /", pat, sizeof pat) || !pat[0])
		return;
	pcre2_code *re = compile(a, pat);
	if (!re)
		return;
	pcre2_code_free(I.search);
	I.search = re;
	snprintf(I.search_pat, sizeof I.search_pat, "%s", pat);
	/* Start at the current item itself, then onwards. */
	if (current() && card_match(re, current()))
		return;
	find(a, 1);
}

static void i_next(struct app *a) { find(a, 1); }
static void i_prev(struct app *a) { find(a, -1); }

static int inbox_targets(struct app *a, struct act_target **t, int *n)
{
	*n = 0;
	*t = NULL;
	if (a->tagged_next) {
		a->tagged_next = 0;
		if (I.ntags == 0) {
			app_msg(a, 1, "no items tagged");
			return -1;
		}
		*t = malloc((size_t)I.ntags * sizeof **t);
		if (!*t) {
			app_msg(a, 1, "out of memory");
			return -1;
		}
		/* In the order of the index, so "item N failed" reads naturally;
		 * each with the version on screen, so the bulk action is refused
		 * whole when any of them changed since. */
		for (int i = 0; i < I.l.n; i++)
			if (tag_find(I.l.v[i].id) >= 0)
				(*t)[(*n)++] = (struct act_target){ I.l.v[i].id, I.l.v[i].version };
		return 0;
	}
	struct card *c = current();
	if (!c)
		return 0;
	*t = malloc(sizeof **t);
	if (!*t) {
		app_msg(a, 1, "out of memory");
		return -1;
	}
	(*t)[0] = (struct act_target){ c->id, c->version };
	*n = 1;
	return 0;
}

static void inbox_mouse(struct app *a, int y, int x, int button)
{
	(void)a; (void)x;
	if (button == 4)
		sel_move(-1);
	else if (button == 5)
		sel_move(1);
	else if (y >= 1 && y <= I.idx_rows && I.top + y - 1 < I.nvis)
		I.sel = I.top + y - 1;
}

static const struct keydef inbox_keys[] = {
	{ 'j', KEY_DOWN, "j", "down", "next item", i_down },
	{ 'k', KEY_UP, "k", "up", "previous item", i_up },
	{ 'g', KEY_HOME, "g", "top", "first item", i_top },
	{ 'G', KEY_END, "G", "bottom", "last item", i_bottom },
	{ KEY_NPAGE, ' ', "PgDn", "page-down", "a page down", i_pgdn },
	{ KEY_PPAGE, 0, "PgUp", "page-up", "a page up", i_pgup },
	{ '\r', KEY_ENTER, "Enter", "open", "open the item's detail", act_key_open },
	{ 't', 0, "t", "tag", "tag or untag the item", i_tag },
	{ 'T', 0, "T", "tag-pattern", "tag every item matching a pattern", i_tag_pattern },
	{ 'U', 0, "U", "untag-all", "untag everything", i_untag_all },
	{ ';', 0, ";", "tagged", "the next action applies to all tagged items (one transaction)", i_apply_tagged },
	{ 'a', 0, "a", "accept", "accept: take into Editing", act_key_take },
	{ 'x', 0, "x", "reject", "reject, with a reason", act_key_reject },
	{ 'p', 0, "p", "pillar", "set the pillar", act_key_pillar },
	{ 'c', 0, "c", "comment", "add a comment", act_key_comment },
	{ 'e', 0, "e", "edit", "edit title and body in $EDITOR", act_key_edit },
	{ 'l', 0, "l", "limit", "show only items matching a pattern (empty: all)", i_limit },
	{ '/', 0, "/", "search", "search (PCRE2, ignoring case)", i_search },
	{ 'n', 0, "n", "next-match", "next match", i_next },
	{ 'N', 0, "N", "prev-match", "previous match", i_prev },
	{ 'r', 0, "r", "reload", "re-read the inbox from the database now", app_reload_key },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel inbox_panel = {
	.name = "inbox", .title = "Inbox", .draw = inbox_draw, .requery = inbox_refresh,
	.mouse = inbox_mouse, .targets = inbox_targets, .keys = inbox_keys,
};
