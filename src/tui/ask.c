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
		app_msg(a, 1, _("the database is open read-only: %s"), a->s->ro_reason);
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
	app_msg(a, 0, _("nothing changed"));
	return 0;
}

void ask_conflict(struct app *a, const char *what, const struct err *e, const char *after)
{
	char when[32];
	snprintf(when, sizeof when, "%s", _("just now"));
	if (e->at)
		time_minute_str(e->at, when, sizeof when);
	app_msg(a, 1, _("not saved: %s changed %s at %s; %s"), e->by[0] ? e->by : _("someone"), what, when, after);
}

int ask_check_count(void *ctx, const char *text, char *why, size_t whyn)
{
	long max = *(const long *)ctx;
	char *end;
	long v = strtol(text, &end, 10);
	if (!text[0] || *end || v < 0 || v > max) {
		snprintf(why, whyn, _("'%s' is not a whole number from 0 to %ld: fix it, or Esc"), text, max);
		return -1;
	}
	return 0;
}

/* The form in a box over the panel: each field a label, its value (the
 * cursor's part in view, the byte where it goes wrong marked) and under it
 * the problem, a note or, on the current one, the hint.  Returns the
 * window (kept between frames), or NULL. */
static WINDOW *form_draw(struct app *a, WINDOW *w, const char *title, const struct ui_form *fm,
			 const struct ask_form_hooks *h)
{
	int lw = 0;
	for (int i = 0; i < fm->n; i++)   /* display columns: a translated label may hold accents */
		if (text_width(fm->f[i].label) > lw)
			lw = text_width(fm->f[i].label);
	int ht = 2 * fm->n + 6, wd = a->cols - 4 > 110 ? 110 : a->cols - 4;
	if (ht > a->rows - 2)
		ht = a->rows - 2;
	int oh = 0, ow = 0;
	if (w)
		getmaxyx(w, oh, ow);
	if (w && (oh != ht || ow != wd)) {
		delwin(w);
		w = NULL;
	}
	if (wd < 20 || ht < 5 || (!w && !(w = newwin(ht, wd, (a->rows - ht) / 2, (a->cols - wd) / 2))))
		return w;
	keypad(w, TRUE);
	werase(w);
	box(w, 0, 0);
	ui_text(w, 0, 2, wd - 4, title, ui_attr(a, UI_HEAD), 0);
	int fx = 3 + lw + 1, fw = wd - fx - 2 - (h->swatch ? 3 : 0), cy = 2, cx = fx;
	for (int i = 0; i < fm->n && 2 + 2 * i + 1 < ht - 3; i++) {
		const struct ui_field *f = &fm->f[i];
		int y = 2 + 2 * i, cur = i == fm->cur;
		ui_text(w, y, 2, lw, f->label, cur ? A_BOLD : A_NORMAL, 0);
		/* The current field shows the end of the text before the cursor
		 * when it is wider than the field; the others their beginning. */
		int skip = cur ? ui_line_cursor_col(&f->line) - (fw - 1) : 0;
		const char *show = f->line.buf;
		while (skip > 0 && *show) {
			uint32_t cp;
			show += text_decode(show, strlen(show), &cp);
			skip -= text_char_width(cp) > 0 ? text_char_width(cp) : 1;
		}
		attr_t at = cur && !fm->readonly ? A_UNDERLINE | A_BOLD : A_UNDERLINE;
		wattr_on(w, at, NULL);
		mvwhline(w, y, fx, ' ', fw);
		wattr_off(w, at, NULL);
		ui_text(w, y, fx, fw, show, at, 0);
		size_t mark = h->mark ? h->mark(h->ctx, i) : (size_t)-1, len = f->line.len;
		if (mark != (size_t)-1 && mark >= (size_t)(show - f->line.buf) && mark <= len) {
			/* The character where it goes wrong (a space at the end). */
			char before[UI_LINE_MAX], one[8] = " ";
			size_t from = (size_t)(show - f->line.buf);
			memcpy(before, show, mark - from);
			before[mark - from] = 0;
			uint32_t cp;
			size_t k = mark < len ? text_decode(f->line.buf + mark, len - mark, &cp) : 0;
			if (k && k < sizeof one) {
				memcpy(one, f->line.buf + mark, k);
				one[k] = 0;
			}
			int mx = text_width(before);
			if (mx < fw)
				ui_text(w, y, fx + mx, fw - mx, one, at | A_REVERSE | ui_attr(a, UI_ERR), 0);
		}
		int pair = h->swatch ? h->swatch(a, h->ctx, i) : -1;
		if (pair >= 0)
			ui_text(w, y, fx + fw + 1, 2, a->utf8 ? NT_("\xe2\x96\x88\xe2\x96\x88") : "##",
				pair ? COLOR_PAIR(pair) : ui_attr(a, UI_DIM), 0);
		if (cur) {
			cy = y;
			cx = fx + ui_line_cursor_col(&f->line) - (text_width(f->line.buf) - text_width(show));
		}
		const char *note = h->note ? h->note(h->ctx, i) : "";
		if (ui_form_shows_error(fm, i))
			ui_text(w, y + 1, fx, fw, f->err, ui_attr(a, UI_ERR), 0);
		else if (note && note[0])
			ui_text(w, y + 1, fx, fw, note, ui_attr(a, UI_WARN), 0);
		else if (cur && f->hint && f->hint[0] && !fm->readonly)
			ui_text(w, y + 1, fx, fw, f->hint, ui_attr(a, UI_DIM), 0);
	}
	if (fm->msg[0])
		ui_text(w, ht - 3, 2, wd - 4, fm->msg, ui_attr(a, UI_ERR), 0);
	ui_text(w, ht - 2, 2, wd - 4, fm->readonly ? _("Tab/S-Tab next/previous field   Enter or Esc close")
		: _("Tab/S-Tab next/previous field   Enter save   Esc cancel   ^U clear field"), ui_attr(a, UI_DIM), 0);
	wmove(w, cy, cx < fx + fw ? cx : fx + fw - 1);
	wnoutrefresh(w);
	return w;
}

/* The form's keys: a table like a panel's, so that chorus keys lists them
 * and keys: (as "form") moves them; the form reads them itself. */
static void form_key_run(struct app *a) { (void)a; }
const struct keydef ui_form_keys[] = {
	{ '\t', KEY_DOWN, "Tab", "next-field", N_("the next field (Down too)"), form_key_run },
	{ KEY_BTAB, KEY_UP, "S-Tab", "prev-field", N_("the previous field (Up too)"), form_key_run },
	{ '\r', KEY_ENTER, "Enter", "save", N_("check every field and save"), form_key_run },
	{ 27, 7, "Esc", "cancel", N_("close the form (or the policy test box), saving nothing (C-g too)"), form_key_run },
	{ 0, 0, NULL, NULL, NULL, NULL },
};

/* A key in a form: one of the table's actions, a navigation key that
 * keys: has moved elsewhere (nothing), or text for the field. */
static enum ui_form_result form_key(struct ui_form *fm, wint_t wc, int is_code)
{
	static const enum ui_form_action acts[] = { UI_FORM_NEXT, UI_FORM_PREV, UI_FORM_DO_SAVE, UI_FORM_DO_CANCEL };
	/* Tab in a field with choices completes (Down goes on to the next field). */
	if (!is_code && wc == '\t' && fm->n && !fm->readonly && fm->f[fm->cur].line.ncomplete) {
		ui_line_key(&fm->f[fm->cur].line, '\t', 0);
		fm->f[fm->cur].touched = 1;
		ui_form_check(fm, fm->cur);
		return UI_FORM_EDITED;
	}
	const struct keydef *k = is_code || wc < 0x100 ? ui_key_find(ui_form_keys, (int)wc) : NULL;
	if (k)
		return ui_form_act(fm, acts[k - ui_form_keys]);
	int nav = is_code ? wc == KEY_BTAB || wc == KEY_UP || wc == KEY_DOWN || wc == KEY_ENTER
		: wc == '\t' || wc == '\r' || wc == '\n' || wc == 27 || wc == 7;
	return nav ? UI_FORM_GOING : ui_form_key(fm, (uint32_t)wc, is_code);
}

int ask_form(struct app *a, const char *title, struct ui_form *fm, const struct ask_form_hooks *h)
{
	static const struct ask_form_hooks none;
	WINDOW *w = NULL;
	int saved = 0;
	if (!h)
		h = &none;
	curs_set(fm->readonly ? 0 : 1);
	a->dirty = 1;
	for (;;) {
		if (a->dirty)
			app_redraw_all(a);   /* the panel under the form: at first, after a resize */
		w = form_draw(a, w, title, fm, h);
		wint_t wc;
		int r = app_read_key(a, w ? w : a->main, &wc);
		if (r == ERR)
			break;   /* the terminal is gone: the app loop stops */
		if (r == KEY_CODE_YES && wc == KEY_RESIZE)
			continue;   /* laid out again by app_read_key: draw it all */
		enum ui_form_result res;
		if (r != KEY_CODE_YES && wc == '\t' && !fm->readonly && h->complete && h->complete(h->ctx, fm, fm->cur)) {
			fm->f[fm->cur].touched = 1;
			ui_form_check(fm, fm->cur);
			res = UI_FORM_EDITED;
		} else {
			res = form_key(fm, wc, r == KEY_CODE_YES);
		}
		if (res == UI_FORM_CANCEL)
			break;
		if (res == UI_FORM_READONLY)
			snprintf(fm->msg, sizeof fm->msg, "%s", h->readonly_msg ? h->readonly_msg : _("read only"));
		if (res == UI_FORM_EDITED && h->edited)
			h->edited(h->ctx, fm->cur);
		if (res != UI_FORM_SAVE)
			continue;
		if (fm->readonly || (ui_form_problem(fm) < 0 && (!h->submit || h->submit(a, h->ctx, fm)))) {
			saved = !fm->readonly;
			break;
		}
	}
	if (w)
		delwin(w);
	curs_set(0);
	a->dirty = 1;   /* the app's redraw erases every window: the form is gone */
	return saved;
}
