/* list.c — the list every panel moves through alike (see kit.h): the
 * generic movement requests, clamping, the row under the mouse and the
 * "N-M of T" position line.  Pure state, no curses calls. */
#include <stdio.h>
#include "kit.h"

#define UI_REQ_NAME(id, action, key, key2, name, help) [REQ_##id] = action,
static const char *const req_names[REQ_COUNT] = {
	[REQ_NONE] = "", UI_REQUESTS(UI_REQ_NAME) UI_SEARCH_REQUESTS(UI_REQ_NAME)
};

const char *ui_req_name(enum ui_req r)
{
	return r > REQ_NONE && r < REQ_COUNT ? req_names[r] : "";
}

void ui_list_clamp(struct ui_list *l)
{
	int rows = l->rows > 0 ? l->rows : 1;
	int last_top = l->n - rows > 0 ? l->n - rows : 0;
	if (l->scroll) {
		/* A text view: top is all there is; the cursor follows it. */
		if (l->top > last_top)
			l->top = last_top;
		if (l->top < 0)
			l->top = 0;
		l->sel = l->top;
		return;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	if (l->top > last_top)
		l->top = last_top;
	if (l->top < 0)
		l->top = 0;
}

void ui_list_move(struct ui_list *l, int n)
{
	if (l->scroll)
		l->top += n;
	else
		l->sel += n;
	ui_list_clamp(l);
}

int ui_list_request(struct ui_list *l, enum ui_req r)
{
	/* A page keeps one line of the last one in a text view, as less does. */
	int page = l->rows > 1 ? l->rows - (l->scroll ? 1 : 0) : 1;
	switch (r) {
	case REQ_DOWN: ui_list_move(l, 1); return 1;
	case REQ_UP: ui_list_move(l, -1); return 1;
	case REQ_PAGE_DOWN: ui_list_move(l, page); return 1;
	case REQ_PAGE_UP: ui_list_move(l, -page); return 1;
	case REQ_TOP: l->sel = l->top = 0; ui_list_clamp(l); return 1;
	case REQ_BOTTOM: ui_list_move(l, l->n + 1); return 1;
	default: return 0;
	}
}

int ui_list_find(struct ui_list *l, int dir, int from_here, int (*match)(void *ctx, int i), void *ctx)
{
	/* Every line once; without from_here the cursor's own line comes last. */
	for (int k = from_here ? 0 : 1; k < l->n + !from_here; k++) {
		int i = ((l->sel + dir * k) % l->n + l->n) % l->n;
		int r = match(ctx, i);
		if (r < 0)
			return -1;
		if (r) {
			if (l->scroll)
				l->top = i;
			else
				l->sel = i;
			ui_list_clamp(l);
			return 1;
		}
	}
	return 0;
}

int ui_list_at(const struct ui_list *l, int y)
{
	int i = l->top + y;
	return y >= 0 && y < l->rows && i < l->n ? i : -1;
}

const char *ui_list_pos(const struct ui_list *l, char *out, size_t n)
{
	if (l->n <= 0) {
		snprintf(out, n, _("0 of 0"));
		return out;
	}
	int last = l->top + l->rows < l->n ? l->top + l->rows : l->n;
	snprintf(out, n, _("%d-%d of %d"), l->top + 1, last, l->n);
	return out;
}

int ui_split(int room, int n, int need)
{
	if (n < UI_SPLIT_LIST_MIN)
		n = UI_SPLIT_LIST_MIN;
	if (need < UI_SPLIT_PREVIEW_MIN)
		need = UI_SPLIT_PREVIEW_MIN;
	if (n + need <= room)
		return n;
	int keep = room / 3 < n ? room / 3 : n;
	if (keep < UI_SPLIT_LIST_MIN)
		keep = UI_SPLIT_LIST_MIN;
	return room - need > keep ? room - need : keep;
}
