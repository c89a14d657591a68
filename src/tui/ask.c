/* ask.c — see ask.h. */
#include <stdlib.h>
#include <string.h>
#include "../util/timeutil.h"
#include "ask.h"
#include "text.h"

int ask_may(struct app *a, const char *doing)
{
	struct err e = {0};
	if (a->s->readonly) {
		app_msg(a, 1, "the database is open read-only: %s", a->s->ro_reason);
		return 0;
	}
	if (store_require_role(a->s, ROLE_MASTER, doing, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return 0;
	}
	return 1;
}

int ask_yes(struct app *a, const char *question)
{
	char answer[8];
	if (!app_prompt(a, question, answer, sizeof answer))
		return 0;
	if (answer[0] == 'y' || answer[0] == 'Y')
		return 1;
	app_msg(a, 0, "nothing changed");
	return 0;
}

void ask_conflict(struct app *a, const char *what, const struct err *e, const char *after)
{
	char when[32] = "just now";
	if (e->at)
		time_minute_str(e->at, when, sizeof when);
	app_msg(a, 1, "not saved: %s changed %s at %s; %s", e->by[0] ? e->by : "someone", what, when, after);
}

int ask_check_count(void *ctx, const char *text, char *why, size_t whyn)
{
	long max = *(const long *)ctx;
	char *end;
	long v = strtol(text, &end, 10);
	if (!text[0] || *end || v < 0 || v > max) {
		snprintf(why, whyn, "'%s' is not a whole number from 0 to %ld: fix it, or Esc", text, max);
		return -1;
	}
	return 0;
}

/* The form in a box over the panel: each field a label, its value (the
 * cursor's part in view) and under it the problem or, on the current one,
 * the hint.  Returns the window (kept between frames), or NULL. */
static WINDOW *form_draw(struct app *a, WINDOW *w, const char *title, const struct ui_form *fm, const char *msg)
{
	int lw = 0;
	for (int i = 0; i < fm->n; i++)
		if ((int)strlen(fm->f[i].label) > lw)
			lw = (int)strlen(fm->f[i].label);
	int h = 2 * fm->n + 6, wd = a->cols - 4 > 100 ? 100 : a->cols - 4;
	if (h > a->rows - 2)
		h = a->rows - 2;
	int oh = 0, ow = 0;
	if (w)
		getmaxyx(w, oh, ow);
	if (w && (oh != h || ow != wd)) {
		delwin(w);
		w = NULL;
	}
	if (!w && !(w = newwin(h, wd, (a->rows - h) / 2, (a->cols - wd) / 2)))
		return NULL;
	keypad(w, TRUE);
	werase(w);
	box(w, 0, 0);
	ui_text(w, 0, 2, wd - 4, title, ui_attr(a, UI_HEAD), 0);
	int fx = 3 + lw + 1, fw = wd - fx - 2, cy = 2, cx = fx;
	for (int i = 0; i < fm->n && 2 + 2 * i + 1 < h - 3; i++) {
		const struct ui_field *f = &fm->f[i];
		int y = 2 + 2 * i, cur = i == fm->cur;
		ui_text(w, y, 2, lw, f->label, cur ? A_BOLD : A_NORMAL, 0);
		/* Show the end of the text before the cursor when it is wider
		 * than the field. */
		int skip = ui_line_cursor_col(&f->line) - (fw - 1);
		const char *show = f->line.buf;
		while (cur && skip > 0 && *show) {
			uint32_t cp;
			show += text_decode(show, strlen(show), &cp);
			skip -= text_char_width(cp) > 0 ? text_char_width(cp) : 1;
		}
		attr_t at = cur && !fm->readonly ? A_UNDERLINE | A_BOLD : A_UNDERLINE;
		wattr_on(w, at, NULL);
		mvwhline(w, y, fx, ' ', fw);
		wattr_off(w, at, NULL);
		ui_text(w, y, fx, fw, show, at, 0);
		if (cur) {
			cy = y;
			cx = fx + ui_line_cursor_col(&f->line) - (text_width(f->line.buf) - text_width(show));
		}
		if (ui_form_shows_error(fm, i))
			ui_text(w, y + 1, fx, fw, f->err, ui_attr(a, UI_ERR), 0);
		else if (cur && f->hint && f->hint[0])
			ui_text(w, y + 1, fx, fw, f->hint, ui_attr(a, UI_DIM), 0);
	}
	if (msg[0])
		ui_text(w, h - 3, 2, wd - 4, msg, ui_attr(a, UI_ERR), 0);
	ui_text(w, h - 2, 2, wd - 4, "Tab/S-Tab next/previous field   Enter save   Esc cancel   C-u clear field",
		ui_attr(a, UI_DIM), 0);
	wmove(w, cy, cx < fx + fw ? cx : fx + fw - 1);
	wnoutrefresh(w);
	return w;
}

int ask_form(struct app *a, const char *title, struct ui_form *fm)
{
	WINDOW *w = NULL;
	char msg[UI_FORM_NOTE + 160] = "";
	int saved = 0;
	curs_set(1);
	a->dirty = 1;
	for (;;) {
		if (a->dirty)
			app_redraw_all(a);
		w = form_draw(a, w, title, fm, msg);
		wint_t wc;
		int r = app_read_key(a, w ? w : a->main, &wc);
		if (r == ERR)
			break;   /* the terminal is gone: the app loop stops */
		if (r == KEY_CODE_YES && wc == KEY_RESIZE)
			continue;   /* laid out again by app_read_key: draw it all */
		enum ui_form_result res = ui_form_key(fm, (uint32_t)wc, r == KEY_CODE_YES);
		if (res == UI_FORM_CANCEL)
			break;
		if (res != UI_FORM_SAVE)
			continue;
		int bad = ui_form_problem(fm);
		if (bad < 0) {
			saved = 1;
			break;
		}
		snprintf(msg, sizeof msg, "not saved: %s: %s", fm->f[bad].label, fm->f[bad].err);
	}
	if (w)
		delwin(w);
	curs_set(0);
	a->dirty = 1;
	if (!saved)
		app_msg(a, 0, "cancelled");
	return saved;
}
