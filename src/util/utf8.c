/* utf8.c — the one UTF-8 decoder and encoder (see utf8.h). */
#include <stdlib.h>
#include <string.h>
#include "utf8.h"

size_t utf8_decode_cut(const char *str, size_t len, uint32_t *cp, int *cut)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c = s[0];
	unsigned char lo = 0x80, hi = 0xBF;   /* allowed range of the second byte */
	size_t n;
	*cut = 0;
	*cp = 0xFFFD;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; c &= 0x0F;
		if (s[0] == 0xE0) lo = 0xA0;   /* overlong */
		if (s[0] == 0xED) hi = 0x9F;   /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; c &= 0x07;
		if (s[0] == 0xF0) lo = 0x90;   /* overlong */
		if (s[0] == 0xF4) hi = 0x8F;   /* above U+10FFFF */
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if (i >= len) {
			*cut = 1;
			return 0;
		}
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xBF))
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	int cut;
	return utf8_decode_cut(s, len, cp, &cut);
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_valid_len(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			break;
		i += n;
	}
	return i;
}

int utf8_repair(const char *s, size_t len, char sub, char **out)
{
	char *copy = NULL;
	uint32_t cp;
	*out = NULL;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n) {
			i += n;
			continue;
		}
		if (!copy) {
			copy = malloc(len + 1);
			if (!copy)
				return -1;
			memcpy(copy, s, len);
			copy[len] = 0;
		}
		copy[i++] = sub;
	}
	*out = copy;
	return 0;
}

size_t utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

size_t utf8_next(const char *s, size_t len, size_t off)
{
	off++;
	while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
		off++;
	return off;
}

size_t utf8_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

int utf8_width(uint32_t cp)
{
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0xFE00 && cp <= 0xFE0F))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}
