/* stubs.c — panels 3 to 7, not built yet: each says so and what it will do,
 * so that the numbers and Tab already lead somewhere honest. */
#include "ui.h"

static void stub_draw(struct app *a, WINDOW *w, int rows, int cols, const char *title, const char *what)
{
	(void)rows;
	ui_text(w, 1, 2, cols - 4, title, ui_attr(a, UI_HEAD), 0);
	ui_text(w, 3, 2, cols - 4, "This panel is not built yet.", A_BOLD, 0);
	ui_text(w, 4, 2, cols - 4, what, A_NORMAL, 0);
	ui_text(w, 6, 2, cols - 4, "1 Board, 2 Inbox and 5 Strategy work; the chorus commands cover the rest (chorus --help).", A_DIM, 0);
}

#define STUB(id, nm, ttl, what) \
	static void id##_draw(struct app *a, WINDOW *w, int rows, int cols) \
	{ stub_draw(a, w, rows, cols, ttl, what); } \
	const struct panel id##_panel = { .name = nm, .title = ttl, .draw = id##_draw };

STUB(queue, "queue", "Queue", "What you can share now: ready messages for your platforms, campaign first.")
