/* board.c — panel 1, the pipeline as a Kanban: Inbox | Editing | Ready |
 * Shared, with true counts (and WIP limits from the config file) in the
 * headers.  A big organisation has hundreds of thousands of cards in Shared,
 * so each column holds only a window of CARDS_LOADED cards around what is on
 * screen; moving past it loads the window there (board_window: the stage
 * index finds any position without reading the cards before it), and the
 * counts come from an aggregate.  Entering the board costs the same with
 * two hundred items or two hundred thousand.
 *
 * The policy flags are the costly part of a refresh (the first time, every
 * rule runs over every message), so the cards are drawn first with the
 * flags they had, and the flags are computed once the frame is on screen
 * (app.later), then drawn again.
 *
 * Narrow screens: the column in view is the wide one, and v shows it alone
 * with whole titles; the last row is a legend of the card markers. */
#include <stdlib.h>
#include <string.h>
#include "chorus/strategy.h"
#include "text.h"
#include "ui.h"

#define CARDS_LOADED 64        /* cards loaded per column: a few screens */
#define CARD_ROWS 2
#define FLAG_BUDGET 16     /* messages checked against the policy per turn of the loop */

struct board_state {
	struct card_list cols[BOARD_STAGES];
	int col;
	struct ui_list list[BOARD_STAGES];   /* positions in the whole column, not the window */
	int shown;          /* cards that fit in a column, from the last draw */
	int wip[BOARD_STAGES];   /* the strategy's WIP limits (options.wip), 0 = none */
	int one_col;        /* v: only the column in view, across the screen, whole titles */
};

static const char *col_title[BOARD_STAGES] = { N_("Inbox"), N_("Editing"), N_("Ready"), N_("Shared") };

static void board_close(void *st)
{
	struct board_state *B = st;
	board_free_all(B->cols);
}

/* The card at position pos of column i, when it is in the window. */
static struct card *card_at(struct board_state *B, int i, int pos)
{
	const struct card_list *l = &B->cols[i];
	return pos >= l->first && pos < l->first + l->n ? &l->v[pos - l->first] : NULL;
}

static struct card *board_current(struct board_state *B)
{
	return card_at(B, B->col, B->list[B->col].sel);
}

static int find_id(const struct card_list *l, int64_t id)
{
	for (int i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return i;
	return -1;
}

/* A few messages at a time, until all are in or a key is waiting, so
 * that keys pressed meanwhile are not kept waiting (and over a share the
 * lock, taken for the first few, serves the rest); the flags are drawn
 * when all are in. */
static void board_flags_later(struct app *a)
{
	struct board_state *B = app_state(a, &board_panel);
	struct err e = {0};
	int done = 1;
	do {
		if (board_policy(a->s, B->cols, FLAG_BUDGET, &done, &e) != CH_OK) {
			if (!a->status[0])
				app_msg(a, 1, _("policy flags: %s"), e.msg);
			break;
		}
	} while (!done && !app_input_waiting());
	if (!done)
		a->later = board_flags_later;
	else {
		a->dirty = 1;   /* (then, still idle, the other tabs: app_prefetch) */
	}
}

/* The flags a card had before the refresh, while its version is the same. */
static void carry_flags(const struct card_list *old, struct card_list *fresh)
{
	for (int i = 0; i < fresh->n; i++) {
		int at = find_id(old, fresh->v[i].id);
		if (at >= 0 && old->v[at].version == fresh->v[i].version)
			fresh->v[i].policy = old->v[at].policy;
	}
}

static int shown_or_default(struct board_state *B)
{
	return B->shown > 0 ? B->shown : 16;
}

static int window_size(struct board_state *B)
{
	return 3 * shown_or_default(B) > CARDS_LOADED ? 3 * shown_or_default(B) : CARDS_LOADED;
}

/* Keep column i's cursor in view (top follows sel), and the window around
 * what is in view: loaded afresh when the rows on screen leave it, with
 * room both ways so that j and k seldom need it. */
static void keep_in_view(struct app *a, int i)
{
	struct board_state *B = app_state(a, &board_panel);
	struct card_list *l = &B->cols[i];
	int shown = shown_or_default(B);
	B->list[i].n = l->total;
	B->list[i].rows = shown;
	ui_list_clamp(&B->list[i]);
	int end = B->list[i].top + shown < l->total ? B->list[i].top + shown : l->total;
	if (B->list[i].top >= l->first && end <= l->first + l->n)
		return;
	int size = window_size(B), first = B->list[i].top - (size - shown) / 2;
	struct card_list fresh;
	struct err e = {0};
	if (board_window(a->s, (enum stage)i, first > 0 ? first : 0, size, &fresh, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	carry_flags(l, &fresh);
	board_free(l);
	*l = fresh;
	if (i == STAGE_EDITING || i == STAGE_READY)
		a->later = board_flags_later;
}

/* Re-query all four columns, each window where it was; each column's
 * cursor stays on the same item when it still is in the window, else on
 * the same position. */
static void board_refresh(struct app *a, void *st)
{
	struct board_state *B = st;
	int64_t keep[BOARD_STAGES];
	int first[BOARD_STAGES], size[BOARD_STAGES];
	for (int i = 0; i < BOARD_STAGES; i++) {
		struct card *c = card_at(B, i, B->list[i].sel);
		keep[i] = c ? c->id : 0;
		first[i] = B->cols[i].first;
		size[i] = window_size(B);
	}
	struct card_list fresh[BOARD_STAGES];
	struct err e = {0};
	if (board_windows(a->s, first, size, 0, fresh, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;   /* keep showing what we had */
	}
	if (board_wip(a->s, B->wip, &e) != CH_OK)
		app_msg(a, 1, "%s", e.msg);
	carry_flags(&B->cols[STAGE_EDITING], &fresh[STAGE_EDITING]);
	carry_flags(&B->cols[STAGE_READY], &fresh[STAGE_READY]);
	board_free_all(B->cols);
	memcpy(B->cols, fresh, sizeof fresh);
	a->later = board_flags_later;
	for (int i = 0; i < BOARD_STAGES; i++) {
		int at = keep[i] ? find_id(&B->cols[i], keep[i]) : -1;
		if (at >= 0)
			B->list[i].sel = B->cols[i].first + at;
		keep_in_view(a, i);
	}
}

/* Column i's WIP limit on this screen: the personal config's wip when it
 * sets one (for display only: it changes nothing for others), else the
 * strategy's options.wip, the team's; 0 = none. */
static int wip_limit(struct app *a, const struct board_state *B, int i)
{
	return a->cfg.wip[i] > 0 ? a->cfg.wip[i] : B->wip[i];
}

/* Put the cursor on id wherever it is now (after a move). */
static void board_follow(struct app *a, int64_t id)
{
	struct board_state *B = app_state(a, &board_panel);
	enum stage st;
	int pos;
	struct err e = {0};
	if (board_position(a->s, id, &st, &pos, &e) != CH_OK || (int)st >= BOARD_STAGES)
		return;
	B->col = (int)st;
	B->list[st].sel = pos;
	keep_in_view(a, (int)st);
	int wip = wip_limit(a, B, (int)st);
	if (wip > 0 && B->cols[st].total > wip && !a->status_err)
		app_msg(a, 1, _("%s is over its WIP limit: %d/%d"), _(col_title[st]), B->cols[st].total, wip);
}

static void draw_card(struct app *a, WINDOW *w, int y, int x, int width, const struct card *c, int selected, int focused)
{
	attr_t base = selected ? (focused ? ui_attr(a, UI_SEL) : A_BOLD) : A_NORMAL;
	int pair = ui_pair(a, c->colour);
	wattr_on(w, base, NULL);
	mvwhline(w, y, x, ' ', width);
	mvwhline(w, y + 1, x, ' ', width);
	wattr_off(w, base, NULL);
	/* A pillar without a colour still gets its dot, in the plain colour. */
	ui_text(w, y, x, 2, c->pillar[0] ? ui_glyph_dot(a) : " ", base | (pair ? COLOR_PAIR(pair) : 0), 0);
	ui_text(w, y, x + 2, width - 2, c->title, base | A_BOLD, 0);
	char age[16], line[256];
	ui_age(c->stage_at, age, sizeof age);
	snprintf(line, sizeof line, "%s %s%s%s", age, c->creator, c->editor[0] ? " @" : "", c->editor);
	int flagw = c->policy >= SEV_WARN ? 2 : 0;
	ui_text(w, y + 1, x + 2, width - 2 - flagw, line, base | (selected ? 0 : ui_attr(a, UI_DIM)), 0);
	if (flagw)
		ui_text(w, y + 1, x + width - 2, 2, c->policy >= SEV_BLOCK ? "X" : "!",
			base | ui_attr(a, c->policy >= SEV_BLOCK ? UI_ERR : UI_WARN), 0);
}

#define COL_MIN 14     /* the width of a column beside the one in view */
#define COL_WIDE 48    /* what the column in view gets when the screen is narrow */
#define COL_EVEN 28    /* columns this wide (120 columns of screen) are all alike */

/* Where column i is on a screen cols wide: *x and *width (0: not shown).
 * One column: the one in view, across the screen.  Else four; when they
 * would be narrow (below 120 columns), the one in view is wider so that its
 * titles can be read, the others COL_MIN. */
static void col_geom(const struct board_state *B, int cols, int i, int *x, int *width)
{
	if (B->one_col) {
		*x = 0;
		*width = i == B->col ? cols : 0;
		return;
	}
	int eq = cols / BOARD_STAGES, wide = cols - (BOARD_STAGES - 1) * COL_MIN;
	if (wide > COL_WIDE)
		wide = COL_WIDE;
	if (eq >= COL_EVEN || wide <= eq) {
		*x = i * eq;
		*width = eq;
		return;
	}
	int other = (cols - wide) / (BOARD_STAGES - 1);
	*x = i * other + (i > B->col ? wide - other : 0);
	*width = i == B->col ? wide : other;
}

/* The column under screen column x. */
static int col_at(const struct board_state *B, int cols, int x)
{
	for (int i = 0; i < BOARD_STAGES; i++) {
		int cx, cw;
		col_geom(B, cols, i, &cx, &cw);
		if (cw > 0 && x >= cx && x < cx + cw)
			return i;
	}
	return B->one_col ? B->col : BOARD_STAGES - 1;
}

/* The head of column i: its name and count (with the WIP limit), in at
 * most width columns (0: no limit): a name too long for a narrow column
 * is cut, its count never. */
static attr_t col_head(struct app *a, struct board_state *B, int i, int width, char *head, size_t n)
{
	const struct card_list *l = &B->cols[i];
	int wip = wip_limit(a, B, i);
	char count[32], name[64];
	if (wip > 0)
		snprintf(count, sizeof count, " %d/%d%s", l->total, wip, l->total > wip ? " !" : "");
	else
		snprintf(count, sizeof count, " %d", l->total);
	int room = width - 1 - text_width(count);
	if (width > 0 && room < text_width(_(col_title[i])))
		text_fit(_(col_title[i]), room > 1 ? room : 1, name, sizeof name);
	else
		snprintf(name, sizeof name, "%s", _(col_title[i]));
	snprintf(head, n, " %s%s", name, count);
	attr_t ha = wip > 0 && l->total > wip ? ui_attr(a, UI_ERR) : ui_attr(a, UI_HEAD);
	return i == B->col ? ha | A_UNDERLINE : ha;
}

/* One column: every stage's head in a row, the one in view marked, so h
 * and l still say where they go. */
static void draw_heads_one(struct app *a, struct board_state *B, WINDOW *w, int cols)
{
	int x = 0;
	mvwhline(w, 0, 0, ' ', cols);
	for (int i = 0; i < BOARD_STAGES && x < cols; i++) {
		char head[96];
		attr_t ha = col_head(a, B, i, 0, head, sizeof head);
		if (i == B->col)
			ha |= A_BOLD;
		else
			ha = ui_attr(a, UI_DIM);
		x += ui_text(w, 0, x, cols - x, head, ha, 0) + 2;
	}
}

/* The card markers explained, on the last row. */
static void draw_legend(struct app *a, struct board_state *B, WINDOW *w, int y, int cols)
{
	char line[256], k[16];
	snprintf(line, sizeof line, _(" %s pillar  @ assignee  ! policy warns  X policy blocks   %s %s"), ui_glyph_dot(a),
		 ui_action_key(board_panel.keys, NT_("one-column"), k, sizeof k), B->one_col ? _("all columns") : _("one column"));
	ui_text(w, y, 0, cols, line, ui_attr(a, UI_DIM), 1);
}

static void board_draw(struct app *a, void *st, WINDOW *w, int rows, int cols)
{
	struct board_state *B = st;
	/* Two heading rows, the foot and the legend. */
	B->shown = (rows - 4) / CARD_ROWS;
	if (B->shown < 1)
		B->shown = 1;
	if (B->one_col)
		draw_heads_one(a, B, w, cols);
	for (int i = 0; i < BOARD_STAGES; i++) {
		struct card_list *l = &B->cols[i];
		int x, width;
		col_geom(B, cols, i, &x, &width);
		keep_in_view(a, i);
		if (width == 0)
			continue;
		if (!B->one_col) {
			width--;   /* the rule between columns */
			char head[96];
			attr_t ha = col_head(a, B, i, width, head, sizeof head);
			ui_text(w, 0, x, width, head, ha, 1);
			if (i > 0)
				mvwvline(w, 0, x - 1, a->utf8 ? ACS_VLINE : '|', rows - 1);
		}
		mvwhline(w, 1, x, a->utf8 ? ACS_HLINE : '-', width);
		if (l->total == 0)
			ui_text(w, 2, x + 1, width - 1, _("(empty)"), ui_attr(a, UI_DIM), 0);
		for (int k = 0; k < B->shown && B->list[i].top + k < l->total; k++) {
			int pos = B->list[i].top + k;
			const struct card *c = card_at(B, i, pos);
			if (c)
				draw_card(a, w, 2 + k * CARD_ROWS, x, width, c, pos == B->list[i].sel, i == B->col);
		}
		char foot[48] = " ";
		if (l->total > B->shown) {
			ui_list_pos(&B->list[i], foot + 1, sizeof foot - 1);
			ui_text(w, rows - 2, x, width, foot, ui_attr(a, UI_DIM), 0);
		}
	}
	draw_legend(a, B, w, rows - 1, cols);
}

/* v: the column in view alone, across the screen (kept until v again). */
static void board_one_col(struct app *a)
{
	struct board_state *B = app_state(a, &board_panel);
	B->one_col = !B->one_col;
	char h[16], l[16], v[16];
	ui_action_key(board_panel.keys, "left", h, sizeof h);
	ui_action_key(board_panel.keys, "right", l, sizeof l);
	ui_action_key(board_panel.keys, "one-column", v, sizeof v);
	if (B->one_col)
		app_msg(a, 0, _("one column with whole titles: %s and %s show the stage before and after; %s all four again"),
			h, l, v);
	else
		app_msg(a, 0, _("all four columns: %s shows the one in view alone"), v);
}

static void board_left(struct app *a) { struct board_state *B = app_state(a, &board_panel); if (B->col > 0) B->col--; }
static void board_right(struct app *a) { struct board_state *B = app_state(a, &board_panel); if (B->col < BOARD_STAGES - 1) B->col++; }

/* The movement requests move the cursor of the column in view, then load
 * the window there when it left the one loaded. */
static int board_request(struct app *a, void *st, enum ui_req r)
{
	struct board_state *B = st;
	if (!ui_list_request(&B->list[B->col], r))
		return 0;
	keep_in_view(a, B->col);
	return 1;
}

static void board_move(struct app *a, void (*act)(struct app *))
{
	struct board_state *B = app_state(a, &board_panel);
	struct card *c = board_current(B);
	int64_t id = c ? c->id : 0;
	act(a);
	if (id && !a->status_err && !a->pending_tries)
		board_follow(a, id);
}

static void board_forward(struct app *a) { board_move(a, act_key_forward); }
static void board_back(struct app *a) { board_move(a, act_key_back); }
static void board_take(struct app *a) { board_move(a, act_key_take); }

static int board_targets(struct app *a, void *st, struct act_target **t, int *n)
{
	struct board_state *B = st;
	struct card *c = board_current(B);
	return act_target_one(a, c ? c->id : 0, c ? c->version : 0, t, n);
}

/* A click selects the card under it; the wheel picks the column under it
 * (app.c then moves the cursor there). */
static void board_mouse(struct app *a, void *st, int y, int x, int button)
{
	struct board_state *B = st;
	int col = col_at(B, a->cols, x);
	B->col = col;
	if (button == 1 && y >= 2) {
		int idx = B->list[col].top + (y - 2) / CARD_ROWS;
		if (idx < B->cols[col].total)
			B->list[col].sel = idx;
	}
}

static const struct keydef board_keys[] = {
	{ 'h', KEY_LEFT, "h", "left", N_("column to the left"), board_left },
	{ 'l', KEY_RIGHT, "l", "right", N_("column to the right"), board_right },
	UI_REQ_KEYS
	{ 'L', 0, "L", "forward", N_("move the card forward a stage (take, approve)"), board_forward },
	{ 'H', 0, "H", "back", N_("move the card back a stage"), board_back },
	{ '\r', KEY_ENTER, "Enter", "open", N_("open the card's detail"), act_key_open },
	{ 'a', 0, "a", "take", N_("take it: into Editing, assigned to you"), board_take },
	{ 'e', 0, "e", "edit", N_("edit title and body in $EDITOR"), act_key_edit },
	{ 'c', 0, "c", "comment", N_("add a comment"), act_key_comment },
	{ 'p', 0, "p", "pillar", N_("set the pillar"), act_key_pillar },
	{ 'C', 0, "C", "campaign", N_("set the campaign"), act_key_campaign },
	{ 'x', 0, "x", "reject", N_("reject, with a reason"), act_key_reject },
	{ 'n', 0, "n", "new", N_("new content: a form (title, kind, pillar, media), then the body in $EDITOR"), act_key_new },
	{ 'A', 0, "A", "archive", N_("archive the card: off the board (masters)"), act_key_archive },
	{ 'R', 0, "R", "restore", N_("restore the item to the Inbox (archived or rejected)"), act_key_restore },
	{ 'z', 0, "z", "closed", N_("the rejected and archived items"), closed_open_key },
	{ 'v', 0, "v", "one-column", N_("one column across the screen, whole titles (again: all four)"), board_one_col },
	{ 'm', 0, "m", "messages", N_("the card's messages: write, edit, delete, with their policy verdict"), messages_open_key },
	{ 'y', 0, "y", "type", N_("set the message type (the strategy's; Tab completes)"), act_key_type },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

const struct panel_ops board_panel = {
	.size = sizeof(struct board_state),
	.name = "board", .title = N_("Board"), .draw = board_draw, .requery = board_refresh,
	.mouse = board_mouse, .targets = board_targets, .keys = board_keys,
	.request = board_request, .close = board_close,
};
