/* line.c — the one line editor (see kit.h): prompts, forms and the :
 * command line all edit through it.  The text is kept in UTF-8 whatever the
 * locale says, because core stores UTF-8; the keys are readline's few that
 * people expect.  Pure state: app.c draws it and feeds it keys. */
#include <curses.h>
#include <string.h>
#include <strings.h>
#include "../util/utf8.h"
#include "kit.h"
#include "text.h"

static size_t cap(const struct ui_line *l)
{
	return l->max && l->max < UI_LINE_MAX ? l->max : UI_LINE_MAX;
}

void ui_line_init(struct ui_line *l, const char *text, size_t max)
{
	memset(l, 0, sizeof *l);
	l->max = max;
	l->ctab = -1;
	if (text) {
		/* Cut on a character boundary, never inside one. */
		size_t n = strlen(text), room = cap(l) - 1, at = 0;
		while (at < n) {
			uint32_t cp;
			size_t k = text_decode(text + at, n - at, &cp);
			if (at + k > room)
				break;
			at += k;
		}
		memcpy(l->buf, text, at);
		l->len = l->cur = at;
	}
	l->buf[l->len] = 0;
	l->selected = l->len > 0;
}

static size_t prev_char(const struct ui_line *l, size_t at)
{
	return at > 0 ? utf8_cut(l->buf, at - 1) : 0;
}

static size_t next_char(const struct ui_line *l, size_t at)
{
	uint32_t cp;
	return at < l->len ? at + text_decode(l->buf + at, l->len - at, &cp) : at;
}

/* Remove bytes [from, to) and leave the cursor at from. */
static void cut(struct ui_line *l, size_t from, size_t to)
{
	memmove(l->buf + from, l->buf + to, l->len - to + 1);
	l->len -= to - from;
	l->cur = from;
}

/* The selection goes with the first change; a movement just drops it. */
static void drop_selection(struct ui_line *l, int clear)
{
	if (l->selected && clear)
		cut(l, 0, l->len);
	l->selected = 0;
}

void ui_line_insert(struct ui_line *l, uint32_t cp)
{
	char mb[4];
	size_t k = utf8_encode(cp, mb);
	drop_selection(l, 1);
	if (!k || l->len + k >= cap(l))
		return;
	memmove(l->buf + l->cur + k, l->buf + l->cur, l->len - l->cur + 1);
	memcpy(l->buf + l->cur, mb, k);
	l->len += k;
	l->cur += k;
}

/* Tab: the next candidate starting with what was typed (ignoring case). */
static void complete(struct ui_line *l)
{
	if (!l->ncomplete)
		return;
	if (l->ctab < 0)
		l->cbase = l->len;
	for (int i = 1; i <= l->ncomplete; i++) {
		int k = (l->ctab + i) % l->ncomplete;
		if (k < 0)
			k += l->ncomplete;
		const char *c = l->complete[k];
		if (strncasecmp(c, l->buf, l->cbase) == 0 && strlen(c) < cap(l)) {
			/* What was typed (cbase) stays the prefix the next Tab asks for. */
			l->len = l->cur = strlen(c);
			memcpy(l->buf, c, l->len + 1);
			l->selected = 0;
			l->ctab = k;
			return;
		}
	}
}

enum ui_line_result ui_line_key(struct ui_line *l, uint32_t key, int is_code)
{
	int tab = !is_code && key == '\t';
	if (!tab)
		l->ctab = -1;
	if (is_code) {
		switch (key) {
		case KEY_ENTER: return UI_LINE_DONE;
		case KEY_BACKSPACE: goto backspace;
		case KEY_DC: goto delete;
		case KEY_LEFT: drop_selection(l, 0); l->cur = prev_char(l, l->cur); break;
		case KEY_RIGHT: drop_selection(l, 0); l->cur = next_char(l, l->cur); break;
		case KEY_HOME: drop_selection(l, 0); l->cur = 0; break;
		case KEY_END: drop_selection(l, 0); l->cur = l->len; break;
		default: break;
		}
		return UI_LINE_GOING;
	}
	switch (key) {
	case '\r': case '\n': return UI_LINE_DONE;
	case 27: case 7: return UI_LINE_CANCEL;              /* Esc, C-g */
	case '\t': complete(l); break;
	case 1: drop_selection(l, 0); l->cur = 0; break;     /* C-a */
	case 5: drop_selection(l, 0); l->cur = l->len; break; /* C-e */
	case 2: drop_selection(l, 0); l->cur = prev_char(l, l->cur); break;   /* C-b */
	case 6: drop_selection(l, 0); l->cur = next_char(l, l->cur); break;   /* C-f */
	case 21: drop_selection(l, 0); cut(l, 0, l->cur); break;              /* C-u */
	case 11: drop_selection(l, 0); cut(l, l->cur, l->len); break;         /* C-k */
	case 23: {                                                            /* C-w */
		drop_selection(l, 0);
		size_t at = l->cur;
		while (at > 0 && l->buf[at - 1] == ' ')
			at--;
		while (at > 0 && l->buf[at - 1] != ' ')
			at--;
		cut(l, at, l->cur);
		break;
	}
	case 127: case 8:
	backspace:
		if (l->selected)
			drop_selection(l, 1);
		else if (l->cur > 0)
			cut(l, prev_char(l, l->cur), l->cur);
		break;
	case 4:                                                               /* C-d */
	delete:
		if (l->selected)
			drop_selection(l, 1);
		else
			cut(l, l->cur, next_char(l, l->cur));
		break;
	default:
		if (key >= 32 && key != 127)
			ui_line_insert(l, key);
		break;
	}
	return UI_LINE_GOING;
}

int ui_line_cursor_col(const struct ui_line *l)
{
	int w = 0;
	for (size_t at = 0; at < l->cur;) {
		uint32_t cp;
		at += text_decode(l->buf + at, l->cur - at, &cp);
		int cw = text_char_width(cp);
		w += cw > 0 ? cw : 0;
	}
	return w;
}
