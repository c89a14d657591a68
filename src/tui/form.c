/* form.c — the form of the panel kit (see kit.h): fields edited with the
 * one line editor, moved between alike in every form, checked by the
 * caller's rule after each change.  Pure state, no curses calls. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include "kit.h"

void ui_form_init(struct ui_form *fm, int readonly,
		  int (*check)(void *ctx, int i, const char *text, char *why, size_t whyn), void *ctx)
{
	memset(fm, 0, sizeof *fm);
	fm->readonly = readonly;
	fm->check = check;
	fm->ctx = ctx;
}

void ui_form_set(struct ui_form *fm, int i, const char *value)
{
	ui_line_init(&fm->f[i].line, value, UI_LINE_MAX);
	fm->f[i].line.selected = 0;   /* a form edits values in place */
}

int ui_form_add(struct ui_form *fm, const char *label, const char *hint, const char *value)
{
	if (fm->n == UI_FORM_FIELDS)
		return -1;
	struct ui_field *f = &fm->f[fm->n];
	f->label = label;
	f->hint = hint;
	ui_form_set(fm, fm->n, value);
	return fm->n++;
}

void ui_form_check(struct ui_form *fm, int i)
{
	struct ui_field *f = &fm->f[i];
	f->err[0] = 0;
	if (fm->check && fm->check(fm->ctx, i, f->line.buf, f->err, sizeof f->err) != 0 && !f->err[0])
		snprintf(f->err, sizeof f->err, _("not a valid value"));
}

int ui_form_problem(struct ui_form *fm)
{
	fm->tried = 1;
	for (int i = 0; i < fm->n; i++)
		ui_form_check(fm, i);
	for (int i = 0; i < fm->n; i++)
		if (fm->f[i].err[0]) {
			fm->cur = i;
			snprintf(fm->msg, sizeof fm->msg, _("not saved: %s: %s"), fm->f[i].label, fm->f[i].err);
			return i;
		}
	fm->msg[0] = 0;
	return -1;
}

int ui_form_shows_error(const struct ui_form *fm, int i)
{
	return fm->f[i].err[0] && (fm->f[i].touched || fm->tried);
}

enum ui_form_result ui_form_act(struct ui_form *fm, enum ui_form_action act)
{
	if (act == UI_FORM_DO_CANCEL)
		return UI_FORM_CANCEL;
	if (fm->n == 0)
		return UI_FORM_GOING;
	if (act == UI_FORM_DO_SAVE)
		return UI_FORM_SAVE;
	fm->cur = (fm->cur + (act == UI_FORM_NEXT ? 1 : fm->n - 1)) % fm->n;
	return UI_FORM_GOING;
}

enum ui_form_result ui_form_key(struct ui_form *fm, uint32_t key, int is_code)
{
	if (is_code ? key == KEY_BTAB || key == KEY_UP : 0)
		return ui_form_act(fm, UI_FORM_PREV);
	if (is_code ? key == KEY_DOWN : key == '\t')
		return ui_form_act(fm, UI_FORM_NEXT);
	if (is_code ? key == KEY_ENTER : key == '\r' || key == '\n')
		return ui_form_act(fm, UI_FORM_DO_SAVE);
	if (!is_code && (key == 27 || key == 7))
		return ui_form_act(fm, UI_FORM_DO_CANCEL);
	if (fm->n == 0)
		return UI_FORM_GOING;
	int moves = is_code ? key == KEY_LEFT || key == KEY_RIGHT || key == KEY_HOME || key == KEY_END
		: key == 1 || key == 5 || key == 2 || key == 6;   /* C-a C-e C-b C-f */
	struct ui_field *f = &fm->f[fm->cur];
	if (moves) {
		ui_line_key(&f->line, key, is_code);
		return UI_FORM_GOING;
	}
	if (fm->readonly)
		return UI_FORM_READONLY;
	if (!is_code && key == 21)
		ui_form_set(fm, fm->cur, "");   /* C-u clears the field */
	else
		ui_line_key(&f->line, key, is_code);
	f->touched = 1;
	ui_form_check(fm, fm->cur);
	return UI_FORM_EDITED;
}
