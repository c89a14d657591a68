/* text.c — sanitising, measuring, cutting and wrapping text for the screen.
 * Everything that reaches the terminal from the database passes through
 * text_clean first: a title with ESC ] 2 ; ... BEL must not retitle the
 * window, ESC [ 2 J must not clear it, and U+202E must not reverse a row. */
#include <string.h>
#include <wchar.h>
#include "chorus/termsafe.h"
#include "../util/utf8.h"
#include "text.h"

static int text_ascii;

void text_set_ascii(int ascii)
{
	text_ascii = ascii;
}

int text_is_ascii(void)
{
	return text_ascii;
}

size_t text_decode(const char *s, size_t len, uint32_t *cp)
{
	size_t n = utf8_decode(s, len, cp);
	return n ? n : 1;
}

static int is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int text_char_ok(uint32_t cp)
{
	if (!safe_char_ok(cp))
		return 0;
	if (cp < 0x80)
		return 1;
	/* The locale's idea of printable: what it cannot measure it must not print. */
	return wcwidth((wchar_t)cp) >= 0;
}

int text_char_width(uint32_t cp)
{
	if (cp < 0x80)
		return 1;
	if (text_ascii)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* Append the UTF-8 of cp when it fits (room counts the NUL); returns bytes. */
static size_t put_char(char *out, size_t room, uint32_t cp)
{
	char b[UTF8_MAX];
	size_t n = utf8_encode(cp, b);
	if (n == 0 || n >= room)
		return 0;
	memcpy(out, b, n);
	return n;
}

static int is_pictograph(uint32_t cp)
{
	return (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

size_t text_clean(const char *in, char *out, size_t outlen, int flags)
{
	size_t o = 0, len = in ? strlen(in) : 0;
	uint32_t prev = 0;
	if (outlen == 0)
		return 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += text_decode(in + i, len - i, &cp);
		/* Emoji ZWJ sequences (a family) and the emoji presentation
		 * selector: curses counts each code point's width, a terminal may
		 * draw the whole cluster in two columns, and the row misaligns and
		 * leaves old text behind.  Without the joiner and the selector
		 * both count the same: the family shows as its three people. */
		if (cp == 0xFE0F || (cp == 0x200D && is_pictograph(prev)))
			continue;
		prev = cp;
		if (cp == '\t' || (cp == '\n' && !(flags & TEXT_NEWLINES)))
			cp = ' ';
		else if (cp == '\r')
			continue;
		else if (is_bidi_control(cp))
			continue;
		else if (cp != '\n' && !text_char_ok(cp))
			cp = TEXT_REPLACEMENT;
		if (text_ascii && cp >= 0x80)
			cp = '?';
		size_t n = put_char(out + o, outlen - o, cp);
		if (n == 0)
			break;
		o += n;
	}
	out[o] = 0;
	return o;
}

int text_width(const char *s)
{
	int w = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += text_decode(s + i, len - i, &cp);
		w += text_char_width(cp);
	}
	return w;
}

int text_fit(const char *s, int cols, char *out, size_t outlen)
{
	const char *ell = text_ascii ? "~" : "\xe2\x80\xa6";
	size_t len = strlen(s), o = 0;
	int w = 0;
	if (outlen == 0)
		return 0;
	out[0] = 0;
	if (cols <= 0)
		return 0;
	if (text_width(s) <= cols) {
		/* Fits whole: copy as much as the buffer holds, on a character boundary. */
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			size_t n = text_decode(s + i, len - i, &cp);
			if (o + n >= outlen)
				break;
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			w += text_char_width(cp);
		}
		out[o] = 0;
		return w;
	}
	/* Leave one column for the ellipsis; a wide character that would
	 * straddle the edge is left out whole. */
	size_t elen = strlen(ell);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		int cw = text_char_width(cp);
		if (w + cw > cols - 1 || o + n + elen >= outlen)
			break;
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
		w += cw;
	}
	if (o + elen < outlen) {
		memcpy(out + o, ell, elen);
		o += elen;
		w += 1;
	}
	out[o] = 0;
	return w;
}

size_t text_wrap(const char *s, int cols, const char **next)
{
	size_t len = strlen(s), brk = 0;
	int w = 0;
	if (cols < 1)
		cols = 1;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (cp == '\n') {
			*next = s + i + 1;
			return i;
		}
		int cw = text_char_width(cp);
		if (w + cw > cols) {
			if (i == 0) {
				/* A single character wider than the line: take it anyway. */
				*next = s + n < s + len ? s + n : NULL;
				return n;
			}
			if (brk > 0) {
				*next = s + brk;
				return brk - 1;   /* without the space */
			}
			*next = s + i;
			return i;
		}
		if (cp == ' ')
			brk = i + 1;
		w += cw;
		i += n;
	}
	*next = NULL;
	return len;
}
