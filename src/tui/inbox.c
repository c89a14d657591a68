/* inbox.c — panel 2, mutt-style triage of incoming content: an index, one
 * line per item, over a preview pane.  Tag items one by one (t) or by a PCRE2
 * pattern (T), then ; makes the next action apply to every tagged item — in
 * one transaction, so a bulk accept either moves them all or none.  Patterns
 * (T, l limit, / search) are compiled once, UTF + UCP + caseless, and match
 * any of title, body, creator and pillar.
 *
 * The index holds a window of the inbox with the bodies, found through the
 * stage index, and the count comes from the content_stages aggregate; keys
 * that move the cursor within it never ask the store (issue 10: over a
 * network share each query is felt).  What must see every item — a limit, a search,
 * tagging by pattern, the tagged items an action applies to — walks the
 * whole stage then (board_scan): those are explicit actions, not frames. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"

#define INBOX_WINDOW 128   /* index lines loaded at a time, at least */

struct tag { int64_t id; int version; };

struct inbox_state {
	/* Without a limit a window of the inbox (l.first.., l.total in all);
	 * with one, every item that matches (l.first 0, l.n of them). */
	struct card_list l;
	struct ui_list list; /* positions in the index; rows on screen from the last draw */
	struct tag *tags;    /* sorted by id, each with the version last seen */
	int ntags, captags;
	int *hits;           /* positions of the search's matches, when hits_ok */
	int nhits, caphits, hits_ok, hits_lost;
	pcre2_code *limit;
	char limit_pat[256];
	pcre2_code *search;
	char search_pat[256];
	pcre2_match_data *md;
	pcre2_match_context *mctx;
};

static void inbox_close(void *st)
{
	struct inbox_state *I = st;
	board_free(&I->l);
	free(I->tags);
	free(I->hits);
	pcre2_code_free(I->limit);
	pcre2_code_free(I->search);
	pcre2_match_data_free(I->md);
	pcre2_match_context_free(I->mctx);
	memset(I, 0, sizeof *I);
}

/* Compile once; a bad pattern tells PCRE2's reason and where. */
static pcre2_code *compile(struct app *a, const char *pat)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
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
		app_msg(a, 1, _("bad pattern at offset %zu: %s"), (size_t)off, (const char *)msg);
		return NULL;
	}
	if (!I->md)
		I->md = pcre2_match_data_create(1, NULL);
	if (!I->mctx) {
		/* A pathological pattern must not freeze the screen. */
		I->mctx = pcre2_match_context_create(NULL);
		if (I->mctx) {
			pcre2_set_match_limit(I->mctx, 200000);
			pcre2_set_depth_limit(I->mctx, 5000);
		}
	}
	if (!I->md) {
		pcre2_code_free(re);
		app_msg(a, 1, _("out of memory"));
		return NULL;
	}
	return re;
}

/* The key of an inbox action as it is now, for messages that name keys. */
static const char *ikey(const char *action, char *buf, size_t n)
{
	return ui_action_key(inbox_panel.keys, action, buf, n);
}

static int field_match(struct inbox_state *I, pcre2_code *re, const char *s)
{
	return s && pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, I->md, I->mctx) >= 0;
}

static int card_match(struct inbox_state *I, pcre2_code *re, const struct card *c)
{
	return field_match(I, re, c->title) || field_match(I, re, c->body) ||
	       field_match(I, re, c->creator) || field_match(I, re, c->pillar);
}

/* Where id is in the sorted tags, or where it would go (-1 - that). */
static int tag_find(struct inbox_state *I, int64_t id)
{
	int lo = 0, hi = I->ntags;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (I->tags[mid].id == id)
			return mid;
		if (I->tags[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1 - lo;
}

static int tag_add(struct inbox_state *I, int64_t id, int version)
{
	int at = tag_find(I, id);
	if (at >= 0)
		return 0;
	at = -1 - at;
	if (I->ntags == I->captags) {
		int cap = I->captags ? I->captags * 2 : 32;
		struct tag *m = realloc(I->tags, (size_t)cap * sizeof *m);
		if (!m)
			return -1;
		I->tags = m;
		I->captags = cap;
	}
	memmove(&I->tags[at + 1], &I->tags[at], (size_t)(I->ntags - at) * sizeof *I->tags);
	I->tags[at] = (struct tag){ id, version };
	I->ntags++;
	return 1;
}

static void tag_del(struct inbox_state *I, int64_t id)
{
	int i = tag_find(I, id);
	if (i >= 0) {
		memmove(&I->tags[i], &I->tags[i + 1], (size_t)(I->ntags - i - 1) * sizeof *I->tags);
		I->ntags--;
	}
}

/* Items in the index: all of the inbox, or those the limit matches. */
static int nvis(struct inbox_state *I)
{
	return I->limit ? I->l.n : I->l.total;
}

/* The card at a position of the index, when it is loaded. */
static struct card *card_at(struct inbox_state *I, int pos)
{
	return pos >= I->l.first && pos < I->l.first + I->l.n ? &I->l.v[pos - I->l.first] : NULL;
}


static void clamp_sel(struct inbox_state *I)
{
	I->list.n = nvis(I);
	ui_list_clamp(&I->list);
}

/* Without a limit: the window from position first (slid back at the end). */
static int load_window(struct app *a, int first)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	/* With the bodies, so that moving the cursor never reads the store;
	 * one card of each other column is all board_windows can be asked for. */
	struct card_list cols[BOARD_STAGES];
	struct err e = {0};
	int size = 3 * I->list.rows > INBOX_WINDOW ? 3 * I->list.rows : INBOX_WINDOW;
	int from[BOARD_STAGES] = { [STAGE_INBOX] = first > 0 ? first : 0 }, limit[BOARD_STAGES];
	for (int i = 0; i < BOARD_STAGES; i++)
		limit[i] = i == STAGE_INBOX ? size : 1;
	if (board_windows(a->s, from, limit, 1, cols, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return -1;
	}
	board_free(&I->l);
	I->l = cols[STAGE_INBOX];
	for (int i = 0; i < BOARD_STAGES; i++)
		if (i != STAGE_INBOX)
			board_free(&cols[i]);
	return 0;
}

/* Keep the rows on screen loaded: a new window, with room both ways, when
 * they leave the one there is. */
static void keep_loaded(struct app *a)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	if (I->limit || nvis(I) == 0)
		return;
	int last = I->list.top + I->list.rows - 1;
	if (last >= nvis(I))
		last = nvis(I) - 1;
	if (card_at(I, I->list.top) && card_at(I, last) && card_at(I, I->list.sel))
		return;
	int first = I->list.top - INBOX_WINDOW / 3;
	load_window(a, first);
}

/* The item under the cursor, its window loaded first if keys moved it out
 * before a frame did. */
static struct card *current(struct app *a)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	if (!card_at(I, I->list.sel) && !I->limit && I->list.sel < nvis(I))
		load_window(a, I->list.sel - INBOX_WINDOW / 3);
	return card_at(I, I->list.sel);
}

/* A walk over every item of the index (the limit's matches when there is
 * one), with their bodies: fn sees each with its position in the index. */
typedef int walk_fn(struct inbox_state *I, void *ctx, const struct card *c, int pos);
struct walk {
	struct inbox_state *I;
	walk_fn *fn;
	void *ctx;
	int pos;
};

static int walk_one(void *ctx, const struct card *c)
{
	struct walk *w = ctx;
	if (w->I->limit && !card_match(w->I, w->I->limit, c))
		return 0;
	return w->fn(w->I, w->ctx, c, w->pos++);
}

static int walk(struct app *a, walk_fn *fn, void *ctx, struct card_list *kept)
{
	struct walk w = { app_state(a, &inbox_panel), fn, ctx, 0 };
	struct card_list none;
	struct err e = {0};
	int st = board_scan(a->s, STAGE_INBOX, 1, walk_one, &w, kept ? kept : &none, &e);
	if (!kept)
		board_free(&none);
	if (st != CH_OK)
		app_msg(a, 1, "%s", e.msg);
	return st == CH_OK ? 0 : -1;
}

static int keep_match(struct inbox_state *I, void *ctx, const struct card *c, int pos)
{
	(void)pos;
	return card_match(I, ctx, c);
}

/* The tagged items still in the inbox, in the index's order. */
static int keep_tagged(void *ctx, const struct card *c)
{
	return tag_find(ctx, c->id) >= 0;
}

static int tagged_now(struct app *a, struct card_list *out)
{
	struct err e = {0};
	if (board_scan(a->s, STAGE_INBOX, 0, keep_tagged, app_state(a, &inbox_panel), out, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return -1;
	}
	return 0;
}

/* Where an item is in the index now, or -1. */
static int position_of(struct app *a, int64_t id)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	for (int i = 0; i < I->l.n; i++)
		if (I->l.v[i].id == id)
			return I->l.first + i;
	if (I->limit)
		return -1;
	enum stage st;
	int pos;
	struct err e = {0};
	return board_position(a->s, id, &st, &pos, &e) == CH_OK && st == STAGE_INBOX ? pos : -1;
}

static void inbox_refresh(struct app *a, void *st)
{
	struct inbox_state *I = st;
	struct card *c = current(a);
	int64_t keep = c ? c->id : 0;
	I->hits_ok = 0;
	if (I->limit) {
		struct card_list fresh;
		if (walk(a, keep_match, I->limit, &fresh) < 0)
			return;
		board_free(&I->l);
		I->l = fresh;
	} else if (load_window(a, I->l.first) < 0)
		return;
	/* Tags of items that left the inbox go with them; the others take the
	 * version read now, as if on screen. */
	if (I->ntags) {
		struct card_list t;
		if (tagged_now(a, &t) == 0) {
			I->ntags = 0;
			for (int i = 0; i < t.n; i++)
				tag_add(I, t.v[i].id, t.v[i].version);
			board_free(&t);
		}
	}
	/* Same item if it is still here; else the same place, which is the next item. */
	for (int i = 0; keep && i < I->l.n; i++)
		if (I->l.v[i].id == keep)
			I->list.sel = I->l.first + i;
	clamp_sel(I);
}

static void draw_index_line(struct app *a, WINDOW *w, int y, int cols, const struct card *c, int selected)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	char age[16], line[512];
	ui_age(c->stage_at, age, sizeof age);
	int tagged = tag_find(I, c->id) >= 0;
	attr_t at = selected ? ui_attr(a, UI_SEL) : A_NORMAL;
	wattr_on(w, at, NULL);
	mvwhline(w, y, 0, ' ', cols);
	wattr_off(w, at, NULL);
	snprintf(line, sizeof line, "%c %5lld %4s", tagged ? '*' : ' ', (long long)c->id, age);
	ui_text(w, y, 0, 13, line, at | (tagged ? A_BOLD : 0), 0);
	/* A wide screen gives the creator and the pillar their whole names. */
	int cw = cols >= 160 ? 20 : 12, pw = cols >= 160 ? 22 : 14, tx = 14 + cw + 1 + pw + 1;
	ui_text(w, y, 14, cw, c->creator, at, 0);
	int pair = ui_pair(a, c->colour);
	ui_text(w, y, 14 + cw + 1, pw, c->pillar[0] ? c->pillar : "-", at | (pair ? COLOR_PAIR(pair) : ui_attr(a, UI_DIM)), 0);
	ui_text(w, y, tx, cols - tx, c->title, at | (tagged ? A_BOLD : 0), 0);
}

#define PREVIEW_HEAD 3   /* the preview's title, who and when, a blank line */

/* The rows the preview of c takes, whole. */
static int preview_need(const struct card *c, int cols)
{
	return c ? PREVIEW_HEAD + ui_wrapped(NULL, 0, 0, 0, cols - 2, c->body, A_NORMAL, 0) : 0;
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
	if (c->pillar[0])
		snprintf(line, sizeof line, _("#%lld by %s, %s ago, pillar %s"), (long long)c->id, c->creator, age, c->pillar);
	else
		snprintf(line, sizeof line, _("#%lld by %s, %s ago"), (long long)c->id, c->creator, age);
	ui_text(w, y0 + 1, 1, cols - 2, line, ui_attr(a, UI_DIM), 0);
	int body = rows - PREVIEW_HEAD;
	if (body < 1)
		return;
	int total = ui_wrapped(NULL, 0, 0, 0, cols - 2, c->body, A_NORMAL, 0);
	if (total <= body) {
		ui_wrapped(w, y0 + PREVIEW_HEAD, 1, body, cols - 2, c->body, A_NORMAL, 0);
		return;
	}
	/* Cut: the last row says so, and where the rest is. */
	ui_wrapped(w, y0 + PREVIEW_HEAD, 1, body - 1, cols - 2, c->body, A_NORMAL, 0);
	char k[16];
	snprintf(line, sizeof line, P_("\xe2\x80\xa6 %d more line: %s opens the whole item",
		    "\xe2\x80\xa6 %d more lines: %s opens the whole item", total - body + 1), total - body + 1, ikey(NT_("open"), k, sizeof k));
	ui_text(w, y0 + rows - 1, 1, cols - 2, line, ui_attr(a, UI_DIM), 0);
}

static void inbox_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct inbox_state *I = st;
	char head[512];
	int n = snprintf(head, sizeof head, _(" Inbox %d"), I->l.total);
	if (I->limit)
		n += snprintf(head + n, sizeof head - (size_t)n, _("   limit /%s/: %d shown"), I->limit_pat, nvis(I));
	if (I->ntags)
		n += snprintf(head + n, sizeof head - (size_t)n, _("   %d tagged"), I->ntags);
	if (a->tagged_next)
		snprintf(head + n, sizeof head - (size_t)n, _("   ; next action applies to the tagged items"));
	ui_text(w, 0, 0, cols, head, ui_attr(a, UI_HEAD), 1);
	I->list.rows = ui_split(rows - 2, nvis(I), preview_need(current(a), cols));
	I->list.n = nvis(I);
	ui_list_clamp(&I->list);
	keep_loaded(a);
	ui_list_draw_pos(a, w, 0, cols, &I->list);
	if (nvis(I) == 0) {
		char l[16], none[128];
		snprintf(none, sizeof none, _("Nothing in the inbox matches the limit (%s with an empty pattern shows all)."),
			 ikey(NT_("limit"), l, sizeof l));
		ui_text(w, 1, 2, cols - 4, I->limit ? none : _("The inbox is empty."), ui_attr(a, UI_DIM), 0);
	}
	for (int k = 0; k < I->list.rows && card_at(I, I->list.top + k); k++)
		draw_index_line(a, w, 1 + k, cols, card_at(I, I->list.top + k), I->list.top + k == I->list.sel);
	int sep = 1 + I->list.rows;
	mvwhline(w, sep, 0, a->utf8 ? ACS_HLINE : '-', cols);
	draw_preview(a, w, sep + 1, rows - sep - 1, cols, current(a));
}

static void sel_move(struct inbox_state *I, int by)
{
	I->list.n = nvis(I);
	ui_list_move(&I->list, by);
}

static struct ui_list *inbox_list(struct app *a, void *st)
{
	struct inbox_state *I = st;
	(void)a;
	I->list.n = nvis(I);
	return &I->list;
}

static void i_tag(struct app *a)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	struct card *c = current(a);
	if (!c)
		return;
	if (tag_find(I, c->id) >= 0)
		tag_del(I, c->id);
	else if (tag_add(I, c->id, c->version) < 0)
		app_msg(a, 1, _("out of memory"));
	sel_move(I, 1);
}

static void i_untag_all(struct app *a)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	I->ntags = 0;
	a->tagged_next = 0;
	app_msg(a, 0, _("no items tagged"));
}

struct tag_by { pcre2_code *re; int added, failed; };

static int tag_matching(struct inbox_state *I, void *ctx, const struct card *c, int pos)
{
	(void)pos;
	struct tag_by *t = ctx;
	if (card_match(I, t->re, c)) {
		int r = tag_add(I, c->id, c->version);
		if (r < 0)
			t->failed = 1;
		else
			t->added += r;
	}
	return 0;
}

static void i_tag_pattern(struct app *a)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	char pat[256];
	if (!app_prompt(a, _("Tag items matching: "), pat, sizeof pat) || !pat[0])
		return;
	struct tag_by t = { compile(a, pat), 0, 0 };
	if (!t.re)
		return;
	/* Every item of the index, not only the window loaded. */
	int r = walk(a, tag_matching, &t, NULL);
	pcre2_code_free(t.re);
	if (r < 0)
		return;
	if (t.failed) {
		app_msg(a, 1, _("out of memory"));
		return;
	}
	char k[16];
	app_msg(a, 0, P_("tagged %d more item matching /%s/: %d tagged; %s then an action applies to them",
		   "tagged %d more items matching /%s/: %d tagged; %s then an action applies to them", t.added),
		t.added, pat, I->ntags, ikey(NT_("tagged"), k, sizeof k));
}

static void i_apply_tagged(struct app *a)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	if (I->ntags == 0) {
		char t[16], tp[16];
		app_msg(a, 1, _("no items tagged: %s tags one, %s tags by pattern"), ikey(NT_("tag"), t, sizeof t),
			ikey(NT_("tag-pattern"), tp, sizeof tp));
		return;
	}
	a->tagged_next = 1;
	char k[4][16];
	app_msg(a, 0, P_("the next action (%s accept, %s reject, %s pillar, %s comment) applies to %d tagged item",
		   "the next action (%s accept, %s reject, %s pillar, %s comment) applies to %d tagged items", I->ntags),
		ikey(NT_("accept"), k[0], 16), ikey(NT_("reject"), k[1], 16), ikey(NT_("pillar"), k[2], 16),
		ikey(NT_("comment"), k[3], 16), I->ntags);
}

static void i_limit(struct app *a)
{
	struct inbox_state *I = app_state(a, &inbox_panel);
	char pat[256];
	if (!app_prompt(a, _("Limit to pattern (empty = all): "), pat, sizeof pat))
		return;
	pcre2_code *re = NULL;
	if (pat[0] && !(re = compile(a, pat)))
		return;
	struct card *c = current(a);
	int64_t keep = c ? c->id : 0;
	pcre2_code_free(I->limit);
	I->limit = re;
	I->hits_ok = 0;
	snprintf(I->limit_pat, sizeof I->limit_pat, "%s", pat);
	board_free(&I->l);
	if (re)
		walk(a, keep_match, re, &I->l);
	else
		load_window(a, 0);
	int all = I->l.total;
	I->list.sel = keep ? position_of(a, keep) : 0;
	if (I->list.sel < 0)
		I->list.sel = 0;
	app_msg(a, 0, re ? _("limited to /%s/: %d of %d") : _("showing all%s: %d of %d"), re ? pat : "", nvis(I), all);
}

/* The positions of the search's matches, found by one walk and kept until
 * the index changes, so that n and N are a look-up. */
static int hit(struct inbox_state *I, void *ctx, const struct card *c, int pos)
{
	(void)ctx;
	if (card_match(I, I->search, c)) {
		if (I->nhits == I->caphits) {
			int cap = I->caphits ? I->caphits * 2 : 64;
			int *m = realloc(I->hits, (size_t)cap * sizeof *m);
			if (!m) {
				I->hits_lost = 1;
				return 0;
			}
			I->hits = m;
			I->caphits = cap;
		}
		I->hits[I->nhits++] = pos;
	}
	return 0;
}

/* Does line i of the index match text?  The text is compiled once and
 * its matches found by one walk, kept until the index changes, so that n
 * and N are a look-up. */
static int inbox_match(struct app *a, void *st, int i, const char *text)
{
	struct inbox_state *I = st;
	if (!I->search || strcmp(I->search_pat, text) != 0) {
		pcre2_code *re = compile(a, text);
		if (!re)
			return -1;
		pcre2_code_free(I->search);
		I->search = re;
		I->hits_ok = 0;
		snprintf(I->search_pat, sizeof I->search_pat, "%s", text);
	}
	if (!I->hits_ok) {
		I->nhits = 0;
		I->hits_lost = 0;
		if (walk(a, hit, NULL, NULL) < 0)
			return -1;
		if (I->hits_lost) {
			app_msg(a, 1, _("out of memory"));
			return -1;
		}
		I->hits_ok = 1;
	}
	int lo = 0, hi = I->nhits;   /* hits are in the index's order */
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (I->hits[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < I->nhits && I->hits[lo] == i;
}

static int inbox_targets(struct app *a, void *st, struct act_target **t, int *n)
{
	struct inbox_state *I = st;
	*n = 0;
	*t = NULL;
	if (a->tagged_next) {
		a->tagged_next = 0;
		if (I->ntags == 0) {
			app_msg(a, 1, _("no items tagged"));
			return -1;
		}
		/* In the order of the index, so "item N failed" reads naturally;
		 * each with the version last seen, so the bulk action is refused
		 * whole when any of them changed since. */
		struct card_list in;
		if (tagged_now(a, &in) < 0)
			return -1;
		*t = malloc((size_t)I->ntags * sizeof **t);
		char *done = calloc((size_t)I->ntags, 1);
		if (!*t || !done) {
			free(*t);
			*t = NULL;
			free(done);
			board_free(&in);
			app_msg(a, 1, _("out of memory"));
			return -1;
		}
		for (int i = 0; i < in.n; i++) {
			int k = tag_find(I, in.v[i].id);
			done[k] = 1;
			(*t)[(*n)++] = (struct act_target){ I->tags[k].id, I->tags[k].version };
		}
		/* Those that left the inbox since are refused by the action
		 * (stale version), and with them the whole of it. */
		for (int k = 0; k < I->ntags; k++)
			if (!done[k])
				(*t)[(*n)++] = (struct act_target){ I->tags[k].id, I->tags[k].version };
		free(done);
		board_free(&in);
		return 0;
	}
	struct card *c = current(a);
	return act_target_one(a, c ? c->id : 0, c ? c->version : 0, t, n);
}

static void inbox_mouse(struct app *a, void *st, int y, int x, int button)
{
	struct inbox_state *I = st;
	(void)a; (void)x;
	int at = ui_list_at(&I->list, y - 1);
	if (button == 1 && at >= 0)
		I->list.sel = at;
}

static const struct keydef inbox_keys[] = {
	UI_REQ_KEYS
	UI_REQ_SEARCH_KEYS
	{ '\r', KEY_ENTER, "Enter", "open", N_("open the item's detail"), act_key_open },
	{ 't', 0, "t", "tag", N_("tag or untag the item"), i_tag },
	{ 'T', 0, "T", "tag-pattern", N_("tag every item matching a pattern"), i_tag_pattern },
	{ 'U', 0, "U", "untag-all", N_("untag everything"), i_untag_all },
	{ ';', 0, ";", "tagged", N_("the next action applies to all tagged items (one transaction)"), i_apply_tagged },
	{ 'a', 0, "a", "accept", N_("accept: take into Editing"), act_key_take },
	{ 'x', 0, "x", "reject", N_("reject, with a reason"), act_key_reject },
	{ 'p', 0, "p", "pillar", N_("set the pillar"), act_key_pillar },
	{ 'c', 0, "c", "comment", N_("add a comment"), act_key_comment },
	{ 'e', 0, "e", "edit", N_("edit title and body in $EDITOR"), act_key_edit },
	{ 'l', 0, "l", "limit", N_("show only items matching a pattern (empty: all)"), i_limit },
	{ 'z', 0, "z", "closed", N_("the rejected and archived items"), closed_open_key },
	{ 'm', 0, "m", "messages", N_("the item's messages: write, edit, delete, with their policy verdict"), messages_open_key },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops inbox_panel = {
	.size = sizeof(struct inbox_state),
	.name = "inbox", .title = N_("Inbox"), .draw = inbox_draw, .requery = inbox_refresh,
	.mouse = inbox_mouse, .targets = inbox_targets, .keys = inbox_keys,
	.list = inbox_list, .match = inbox_match, .close = inbox_close,
};
