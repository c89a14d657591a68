/* json.c — building JSON objects with correct escaping.  Used for audit
 * details and machine-readable output; never for parsing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/json.h"
#include "chorus/termsafe.h"
#include "../util/utf8.h"

static void put(struct json *j, const char *s, size_t n)
{
	if (j->oom)
		return;
	if (j->len + n + 1 > j->cap) {
		size_t cap = j->cap ? j->cap : 128;
		while (cap < j->len + n + 1)
			cap *= 2;
		char *b = realloc(j->buf, cap);
		if (!b) {
			j->oom = 1;
			return;
		}
		j->buf = b;
		j->cap = cap;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = 0;
}

static void puts_(struct json *j, const char *s) { put(j, s, strlen(s)); }

void json_init(struct json *j)
{
	memset(j, 0, sizeof *j);
	puts_(j, "{");
	j->depth = 1;
}

void json_free(struct json *j)
{
	free(j->buf);
	memset(j, 0, sizeof *j);
}

/* Exact data, valid JSON, and nothing a terminal would act on when the
 * output is shown: controls, C1, the line separators and the bidi controls
 * as \uXXXX (termsafe.h's rule); a byte that is not UTF-8 cannot be carried
 * by JSON at all and becomes \ufffd. */
void json_quote(struct json *j, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	puts_(j, "\"");
	while (len > 0) {
		char esc[8];
		uint32_t cp;
		size_t n = utf8_decode((const char *)p, len, &cp);
		if (cp == '"')
			puts_(j, "\\\"");
		else if (cp == '\\')
			puts_(j, "\\\\");
		else if (cp == '\n')
			puts_(j, "\\n");
		else if (cp == '\r')
			puts_(j, "\\r");
		else if (cp == '\t')
			puts_(j, "\\t");
		else if (n == 0 || !safe_char_ok(cp)) {
			snprintf(esc, sizeof esc, "\\u%04x", n ? (unsigned)cp : 0xFFFDu);
			puts_(j, esc);
		} else
			put(j, (const char *)p, n);
		n = n ? n : 1;
		p += n;
		len -= n;
	}
	puts_(j, "\"");
}

/* The separator and key before a member (key NULL inside an array). */
static void member(struct json *j, const char *key)
{
	if (j->counts[j->depth]++ > 0)
		puts_(j, ",");
	if (key) {
		json_quote(j, key);
		puts_(j, ":");
	}
}

void json_str(struct json *j, const char *key, const char *val)
{
	member(j, key);
	if (val)
		json_quote(j, val);
	else
		puts_(j, "null");
}

void json_int(struct json *j, const char *key, int64_t val)
{
	char b[32];
	member(j, key);
	snprintf(b, sizeof b, "%lld", (long long)val);
	puts_(j, b);
}

void json_num(struct json *j, const char *key, double val)
{
	char b[64];
	member(j, key);
	snprintf(b, sizeof b, "%.10g", val);
	puts_(j, b);
}

void json_bool(struct json *j, const char *key, int val)
{
	member(j, key);
	puts_(j, val ? "true" : "false");
}

void json_open(struct json *j, const char *key, char kind)
{
	member(j, key);
	puts_(j, kind == '[' ? "[" : "{");
	if (j->depth < 15)
		j->depth++;
	j->counts[j->depth] = 0;
}

/* kind: the bracket that opened it or the one that closes it ('[' or ']' for
 * an array, '{' or '}' for an object). */
void json_close(struct json *j, char kind)
{
	puts_(j, kind == '[' || kind == ']' ? "]" : "}");
	if (j->depth > 1)
		j->depth--;
}

const char *json_done(struct json *j)
{
	if (j->depth == 1) {
		puts_(j, "}");
		j->depth = 0;
	}
	return j->oom ? NULL : j->buf;
}
