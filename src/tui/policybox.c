/* policybox.c — the fair-use policy box (policybox.h): the text checked
 * against the compiled rules, each byte's worst severity worked out once per
 * check, the text drawn wrapped with its matches lit up, the verdict, and
 * each rule that matched once with where, what and its guidance. */
#include <stdlib.h>
#include <string.h>
#include "../util/utf8.h"
#include "policybox.h"
#include "text.h"

attr_t severity_attr(struct app *a, enum severity s)
{
	return s == SEV_BLOCK ? ui_attr(a, UI_ERR) : s == SEV_WARN ? ui_attr(a, UI_WARN) : ui_attr(a, UI_OK);
}

static attr_t hit_attr(struct app *a, int sev)
{
	if (sev == SEV_NONE)
		return A_NORMAL;
	return A_REVERSE | (a->color ? severity_attr(a, (enum severity)sev) : (sev == SEV_BLOCK ? A_BOLD : 0));
}

void pbox_clear(struct pbox *b)
{
	free(b->hits);
	b->hits = NULL;
	b->nhits = 0;
	memset(b->cover, SEV_NONE, sizeof b->cover);
}

void pbox_set(struct pbox *b, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (n >= PBOX_MAX)
		n = utf8_cut(text, PBOX_MAX - 1);
	if (n)
		memcpy(b->text, text, n);
	b->text[n] = 0;
	b->len = n;
}

void pbox_run(struct pbox *b, struct policy *pol)
{
	pbox_clear(b);
	b->oom = 0;
	/* The highlight of each byte, worked out once per keystroke rather
	 * than per character drawn. */
	if (!pol || !b->len)
		return;
	b->text[b->len] = 0;
	if (policy_check(pol, b->text, &b->hits, &b->nhits) < 0)
		b->oom = 1;
	for (int i = 0; i < b->nhits; i++) {
		const struct policy_match *m = &b->hits[i];
		for (size_t k = m->start; !m->too_expensive && k < m->end && k < b->len; k++)
			if (b->cover[k] < (unsigned char)m->rule->severity)
				b->cover[k] = (unsigned char)m->rule->severity;
	}
}

/* The code point of a typed wide character, or 0 when it is not one that
 * may go into text.  wchar_t is Unicode here (glibc, musl: __STDC_ISO_10646__),
 * so the text is UTF-8 whatever the terminal's locale. */
static uint32_t typed_char(wint_t wc)
{
	uint32_t cp = (uint32_t)wc;
	if (cp < 0x20 || cp > 0x10FFFF || !text_char_ok(cp))
		return 0;
	return cp;
}

/* The start of the character before byte at (at > 0). */
static size_t char_before(const char *s, size_t at)
{
	return at > 0 ? utf8_cut(s, at - 1) : 0;
}

void pbox_key(struct pbox *b, int r, wint_t wc)
{
	if (r == KEY_CODE_YES) {
		if (wc == KEY_BACKSPACE && b->len)
			b->len = char_before(b->text, b->len);
		else if (wc == KEY_ENTER && b->len + 1 < PBOX_MAX)
			b->text[b->len++] = '\n';
	} else if (wc == 127 || wc == 8) {
		if (b->len)
			b->len = char_before(b->text, b->len);
	} else if (wc == 21) {          /* ^U */
		b->len = 0;
	} else if (wc == 23) {          /* ^W: the last word */
		while (b->len && strchr(" \n", b->text[b->len - 1]))
			b->len--;
		while (b->len && !strchr(" \n", b->text[b->len - 1]))
			b->len = char_before(b->text, b->len);
	} else if (wc == '\r' || wc == '\n') {
		if (b->len + 1 < PBOX_MAX)
			b->text[b->len++] = '\n';
	} else {
		uint32_t cp = typed_char(wc);
		char mb[4];
		size_t k = cp ? utf8_encode(cp, mb) : 0;
		if (k && b->len + k < PBOX_MAX) {
			memcpy(b->text + b->len, mb, k);
			b->len += k;
		}
	}
	b->text[b->len] = 0;
}

int pbox_worst(const struct pbox *b)
{
	int worst = SEV_NONE;
	for (int i = 0; i < b->nhits; i++)
		if (!b->hits[i].too_expensive && (int)b->hits[i].rule->severity > worst)
			worst = (int)b->hits[i].rule->severity;
	return worst;
}

/* Lines of the text, wrapped at width (character-wise, and at '\n'):
 * the byte where each starts.  Returns how many. */
static int pbox_lines(const struct pbox *b, int width, size_t *starts, int max)
{
	int n = 0, col = 0;
	size_t k = 0;
	starts[n++] = 0;
	while (k < b->len) {
		uint32_t cp;
		size_t step = text_decode(b->text + k, b->len - k, &cp);
		int cw = cp == '\n' ? 0 : text_char_width(cp);
		if (cw < 0)
			cw = 1;
		if (text_is_ascii() && cw > 1)
			cw = 1;   /* drawn as one '?' */
		if (cp == '\n' || col + cw > width) {
			if (n == max)
				break;
			starts[n++] = cp == '\n' ? k + step : k;
			col = 0;
			if (cp == '\n') {
				k += step;
				continue;
			}
		}
		col += cw;
		k += step;
	}
	return n;
}

/* One line of the text with its matches highlighted: runs of the same
 * attribute are drawn together, so combining marks stay on their letter. */
static int draw_line(struct app *a, const struct pbox *b, WINDOW *w, int y, int x, int width, size_t from, size_t to)
{
	size_t k = from;
	int used = 0;
	while (k < to && used < width) {
		int sev = b->cover[k];
		size_t e = k;
		while (e < to && b->text[e] != '\n' && b->cover[e] == sev) {
			uint32_t cp;
			e += text_decode(b->text + e, to - e, &cp);
		}
		if (e == k) {   /* the '\n' that ends the line */
			k++;
			continue;
		}
		char seg[PBOX_MAX + 1];
		memcpy(seg, b->text + k, e - k);
		seg[e - k] = 0;
		used += ui_text(w, y, x + used, width - used, seg, hit_attr(a, sev), 0);
		k = e;
	}
	return used;
}

/* The rules that matched, each once, in the order of their first match. */
static void draw_rules(struct app *a, const struct pbox *b, WINDOW *w, int y, int yend, int cols)
{
	char line[1024], excerpt[96];
	int shown = 0, rules = 0;
	for (int i = 0; i < b->nhits; i++) {
		const struct policy_match *m = &b->hits[i];
		int first = 1;
		for (int k = 0; k < i && first; k++)
			first = b->hits[k].rule != m->rule;
		if (!first)
			continue;
		rules++;
		if (y + 1 >= yend) {
			continue;   /* counted for the "more" line */
		}
		int count = 0;
		for (int k = i; k < b->nhits; k++)
			count += b->hits[k].rule == m->rule && !b->hits[k].too_expensive;
		shown++;
		ui_text(w, y, 2, 6, severity_name(m->rule->severity), severity_attr(a, m->rule->severity), 0);
		if (m->too_expensive) {
			snprintf(line, sizeof line, _("%s: too expensive for this text (it hit its match limit); not counted"),
				 m->rule->name);
		} else if (m->start == m->end) {
			snprintf(line, sizeof line, _("%s: at %d:%d (the rule flags what the text lacks)"),
				 m->rule->name, m->line, m->column);
		} else {
			size_t len = m->end - m->start;
			if (len > sizeof excerpt - 1)
				len = utf8_cut(b->text + m->start, sizeof excerpt - 1);   /* never half a character */
			memcpy(excerpt, b->text + m->start, len);
			excerpt[len] = 0;
			char more[48] = "";
			if (count > 1)
				snprintf(more, sizeof more, _(", and %d more"), count - 1);
			snprintf(line, sizeof line, _("%s: \"%s\" at %d:%d%s"), m->rule->name, excerpt, m->line,
				 m->column, more);
		}
		ui_text(w, y++, 9, cols - 10, line, A_BOLD, 0);
		ui_text(w, y++, 9, cols - 10, m->rule->guidance && *m->rule->guidance ? m->rule->guidance
			: _("(no guidance)"), ui_attr(a, UI_DIM), 0);
	}
	if (rules > shown && y < yend) {
		snprintf(line, sizeof line, P_("... and %d more rule", "... and %d more rules", rules - shown), rules - shown);
		ui_text(w, y, 2, cols - 3, line, ui_attr(a, UI_DIM), 0);
	}
}

void pbox_draw(struct app *a, struct pbox *b, WINDOW *w, int y, int yend, int cols, const struct pbox_say *say)
{
	ui_text(w, y++, 1, cols - 2, say->head, ui_attr(a, UI_HEAD), 0);
	int width = cols - 4, text_rows = (yend - y) / 3;
	if (text_rows < 2)
		text_rows = 2;
	if (text_rows > 6)
		text_rows = 6;
	int n = pbox_lines(b, width - 1, b->starts, PBOX_MAX + 1);
	int first = n > text_rows ? n - text_rows : 0;   /* the end, where the typing is */
	b->cy = y;
	b->cx = 3;
	for (int i = first; i < n && y < yend; i++, y++) {
		size_t to = i + 1 < n ? b->starts[i + 1] : b->len;
		ui_text(w, y, 1, 2, i == first && first == 0 ? ">" : " ", A_BOLD, 0);
		int used = draw_line(a, b, w, y, 3, width, b->starts[i], to);
		b->cy = y;
		b->cx = 3 + used;
	}
	y = b->cy + 1 + (n < text_rows ? text_rows - n : 0);
	if (y >= yend)
		return;
	char line[768];
	const char *pre = say->prefix ? say->prefix : "";
	int worst = pbox_worst(b), rules = 0;
	for (int i = 0; i < b->nhits; i++) {
		int is_first = 1;
		for (int k = 0; k < i && is_first; k++)
			is_first = b->hits[k].rule != b->hits[i].rule;
		rules += is_first;
	}
	attr_t at = ui_attr(a, UI_DIM);
	if (say->pol_err && say->pol_err[0]) {
		snprintf(line, sizeof line, _("%sthe rules cannot be checked: %s"), pre, say->pol_err);
		at = ui_attr(a, UI_ERR);
	} else if (b->oom) {
		snprintf(line, sizeof line, _("%sout of memory checking the text"), pre);
		at = ui_attr(a, UI_ERR);
	} else if (!say->nrules) {
		snprintf(line, sizeof line, "%s%s", pre, say->no_rules ? say->no_rules : _("there are no policy rules"));
	} else if (!b->len) {
		snprintf(line, sizeof line, P_("%s%d rule ready", "%s%d rules ready", say->nrules), pre, say->nrules);
	} else if (!rules) {
		snprintf(line, sizeof line, _("%sno rule matches this text"), pre);
		at = ui_attr(a, UI_OK);
	} else {
		snprintf(line, sizeof line, P_("%s%d rule matches; worst: %s%s", "%s%d rules match; worst: %s%s", rules), pre, rules,
			 severity_name((enum severity)worst),
			 worst == SEV_BLOCK ? _(" (a message like this cannot be approved)") : "");
		at = severity_attr(a, (enum severity)worst);
	}
	ui_text(w, y++, 1, cols - 2, line, at, 0);
	draw_rules(a, b, w, y, yend, cols);
}

int pbox_type(struct app *a, struct pbox *b, struct policy *pol, int done_key)
{
	int done = 0;
	pbox_run(b, pol);
	curs_set(1);
	for (;;) {
		app_redraw_all(a);
		wmove(a->main, b->cy, b->cx);
		wnoutrefresh(a->main);
		wint_t wc;
		int r = app_read_key(a, a->main, &wc);
		if (r == ERR)
			break;   /* the terminal is gone: the app loop stops */
		if (r == KEY_CODE_YES && wc == KEY_RESIZE)
			continue;   /* laid out again by app_read_key: drawn anew */
		if (done_key && r != KEY_CODE_YES && (int)wc == done_key) {
			done = 1;
			break;
		}
		/* closed by the forms' cancel key (Esc, C-g, or as keys: moves it) */
		const struct keydef *k = r == KEY_CODE_YES || wc < 0x100 ? ui_key_find(ui_form_keys, (int)wc) : NULL;
		if (k && k->action && strcmp(k->action, "cancel") == 0)
			break;
		if (r != KEY_CODE_YES && (wc == 27 || wc == 7))
			continue;   /* moved away by keys: */
		pbox_key(b, r, wc);
		pbox_run(b, pol);
	}
	curs_set(0);
	a->dirty = 1;
	return done;
}
