/* history.c — audit events in words (see history.h).  The detail JSON is
 * what core's json builder wrote: one flat object of strings, numbers and
 * nulls; anything else in it (a nested value, a file someone changed by
 * hand) is read without harm and shown as "…". */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../util/utf8.h"
#include "history.h"

#define VAL_MAX 2200   /* a reject reason (2000) or a URL fits */

static const char *blank(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Append bytes to out (o bytes in it, room n), never cutting a character:
 * what does not fit whole is left out. */
static void put_bytes(char *out, size_t n, size_t *o, const char *b, size_t k)
{
	if (*o + k < n) {
		memcpy(out + *o, b, k);
		*o += k;
		out[*o] = 0;
	}
}

static int hex4(const char *p, uint32_t *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		*v = *v << 4 | (uint32_t)d;
	}
	return 0;
}

/* The JSON string at p (on its opening quote), unescaped, into out; where
 * it ends (after the closing quote), or NULL when it is malformed. */
static const char *json_string(const char *p, char *out, size_t n)
{
	size_t o = 0;
	if (n)
		out[0] = 0;
	if (*p != '"')
		return NULL;
	for (p++; *p && *p != '"'; p++) {
		char b[UTF8_MAX];
		size_t k = 1;
		b[0] = *p;
		if (*p == '\\') {
			p++;
			uint32_t cp;
			switch (*p) {
			case 'n': b[0] = '\n'; break;
			case 't': b[0] = '\t'; break;
			case 'r': b[0] = '\r'; break;
			case 'b': b[0] = '\b'; break;
			case 'f': b[0] = '\f'; break;
			case 'u':
				if (hex4(p + 1, &cp) < 0)
					return NULL;
				p += 4;
				if (cp >= 0xD800 && cp <= 0xDBFF && p[1] == '\\' && p[2] == 'u') {
					uint32_t lo;
					if (hex4(p + 3, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
						cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
						p += 6;
					}
				}
				k = utf8_encode(cp, b);
				if (k == 0)   /* a lone surrogate */
					k = utf8_encode(0xFFFD, b);
				break;
			case 0: return NULL;
			default: b[0] = *p; break;   /* " \ / */
			}
		}
		if (n)
			put_bytes(out, n, &o, b, k);
	}
	return *p == '"' ? p + 1 : NULL;
}

/* Past a value that is not a string: a number, true/false/null, or a
 * nested object or array (its strings may hold brackets). */
static const char *skip_value(const char *p)
{
	int depth = 0;
	while (*p) {
		if (*p == '"') {
			p = json_string(p, NULL, 0);
			if (!p)
				return NULL;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']') {
			if (depth == 0)
				return p;
			depth--;
		} else if (*p == ',' && depth == 0)
			return p;
		p++;
	}
	return p;
}

/* The next member of the object: 1 with key and value (val "" and *null
 * set for null), 0 at its end or where it stops making sense. */
static int json_next(const char **pp, char *key, size_t kn, char *val, size_t vn, int *null)
{
	const char *p = blank(*pp);
	if (*p == '{' || *p == ',')
		p = blank(p + 1);
	if (*p != '"' || !(p = json_string(p, key, kn)))
		return 0;
	p = blank(p);
	if (*p != ':')
		return 0;
	p = blank(p + 1);
	*null = 0;
	if (*p == '"') {
		if (!(p = json_string(p, val, vn)))
			return 0;
	} else {
		const char *end = skip_value(p);
		if (!end)
			return 0;
		size_t len = (size_t)(end - p);
		while (len > 0 && strchr(" \t\r\n", p[len - 1]))
			len--;
		*null = len == 4 && memcmp(p, "null", 4) == 0;
		if (*null || len == 0)
			snprintf(val, vn, "%s", "");
		else if (*p == '{' || *p == '[')
			snprintf(val, vn, "%s", "\xe2\x80\xa6");
		else
			snprintf(val, vn, "%.*s", (int)len, p);
		p = end;
	}
	*pp = p;
	return 1;
}

int history_field(const char *json, const char *key, char *out, size_t n)
{
	char k[64];
	int null;
	const char *p = json ? json : "";
	if (n)
		out[0] = 0;
	while (json_next(&p, k, sizeof k, out, n, &null))
		if (strcmp(k, key) == 0)
			return !null;
	if (n)
		out[0] = 0;
	return 0;
}

/* --- the phrases --------------------------------------------------------------------- */

struct phrase {
	char *s;
	size_t n, len;
	int full;     /* a piece was cut: nothing more is said after it */
};

static void say(struct phrase *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct phrase *o, const char *fmt, ...)
{
	if (o->full || o->len + 1 >= o->n)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(o->s + o->len, o->n - o->len, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	if ((size_t)k >= o->n - o->len) {
		/* Cut: end this piece on a character boundary. */
		o->len += utf8_valid_len(o->s + o->len, strlen(o->s + o->len));
		o->s[o->len] = 0;
		o->full = 1;
	} else
		o->len += (size_t)k;
}

/* The fields of an event, read once. */
struct fields {
	const char *json;
	char v[VAL_MAX];
};

static const char *field(struct fields *f, const char *key)
{
	history_field(f->json, key, f->v, sizeof f->v);
	return f->v;
}

/* before, the value of key, after; nothing when the field is empty or absent. */
static void say_field(struct phrase *o, struct fields *f, const char *before, const char *key, const char *after)
{
	const char *v = field(f, key);
	if (*v)
		say(o, "%s%s%s", before, v, after);
}

/* Content's own events (core/content.c); 0 for an action it has no phrase for. */
static int content_phrase(struct phrase *o, const char *action, struct fields *f)
{
	if (strcmp(action, "submit") == 0) {
		say(o, " submitted \"%s\"", field(f, "title"));
		char kind[64], pillar[128];
		history_field(f->json, "kind", kind, sizeof kind);
		history_field(f->json, "pillar", pillar, sizeof pillar);
		long nm = strtol(field(f, "media"), NULL, 10);
		if (kind[0] || pillar[0] || nm > 0) {
			say(o, " (%s", kind[0] ? kind : "story");
			if (pillar[0])
				say(o, ", pillar %s", pillar);
			if (nm > 0)
				say(o, ", %ld media file%s", nm, nm == 1 ? "" : "s");
			say(o, ")");
		}
	} else if (strcmp(action, "take") == 0) {
		say(o, " took it into editing");
	} else if (strcmp(action, "approve") == 0) {
		say(o, " approved it: moved to ready");
	} else if (strcmp(action, "reject") == 0) {
		say(o, " rejected it");
		say_field(o, f, ": \"", "reason", "\"");
	} else if (strcmp(action, "back") == 0) {
		say(o, " moved it back");
		say_field(o, f, " from ", "from", "");
		say_field(o, f, " to ", "to", "");
	} else if (strcmp(action, "archive") == 0) {
		say(o, " archived it");
		say_field(o, f, " (it was in ", "from", ")");
	} else if (strcmp(action, "restore") == 0) {
		say(o, " restored it");
		say_field(o, f, " to ", "to", "");
	} else if (strcmp(action, "shared") == 0) {
		say(o, " shared it: moved to shared");
	} else if (strcmp(action, "edit") == 0) {
		char old[256];
		if (history_field(f->json, "old_title", old, sizeof old))
			say(o, " changed the title from \"%s\" to \"%s\"", old, field(f, "title"));
		else
			say(o, " edited the text");
	} else if (strcmp(action, "pillar") == 0 || strcmp(action, "campaign") == 0) {
		const char *v = field(f, action);
		if (*v)
			say(o, " set the %s to %s", action, v);
		else
			say(o, " cleared the %s", action);
	} else if (strcmp(action, "comment") == 0) {
		say(o, " commented");
	} else {
		return 0;
	}
	return 1;
}

/* Messages (core/message.c) and shares (core/campaign.c). */
static int message_phrase(struct phrase *o, const char *entity, const char *action, struct fields *f)
{
	if (strcmp(entity, "message") == 0 && strcmp(action, "message") == 0) {
		say(o, " wrote a message");
		say_field(o, f, " for ", "platform", "");
	} else if (strcmp(entity, "message") == 0 && strcmp(action, "edit") == 0) {
		say(o, " edited a message");
	} else if (strcmp(entity, "message") == 0 && strcmp(action, "delete") == 0) {
		say(o, " deleted a message");
	} else if (strcmp(entity, "share") == 0 && strcmp(action, "share") == 0) {
		say(o, " shared it");
		say_field(o, f, " on ", "platform", "");
		say_field(o, f, " at ", "url", "");
	} else if (strcmp(entity, "share") == 0 && strcmp(action, "figures") == 0) {
		say(o, " recorded a share's figures");
	} else {
		return 0;
	}
	return 1;
}

/* Any other event: the action, then its fields as "key value" (underscores
 * as spaces), so a new kind of event still reads as words. */
static void plain_phrase(struct phrase *o, const char *action, const char *json)
{
	char key[64], val[VAL_MAX];
	int null, k = 0;
	const char *p = json ? json : "";
	say(o, ": %s", action);
	while (json_next(&p, key, sizeof key, val, sizeof val, &null)) {
		for (char *c = key; *c; c++)
			if (*c == '_')
				*c = ' ';
		say(o, "%s%s %s", k++ ? ", " : " (", key, null ? "none" : val);
	}
	if (k)
		say(o, ")");
}

const char *history_phrase(const char *entity, const char *action, const char *who, const char *for_whom,
			   const char *detail, char *out, size_t n)
{
	struct phrase o = { out, n, 0, 0 };
	struct fields *f = malloc(sizeof *f);
	if (n == 0)
		goto done;
	out[0] = 0;
	say(&o, "%s", who && *who ? who : "someone");
	if (for_whom && *for_whom)
		say(&o, " (for %s)", for_whom);
	if (!f) {
		say(&o, ": %s", action);
		goto done;
	}
	f->json = detail ? detail : "";
	entity = entity ? entity : "";
	int said = strcmp(entity, "content") == 0 ? content_phrase(&o, action, f) : message_phrase(&o, entity, action, f);
	if (!said)
		plain_phrase(&o, action, detail);
done:
	free(f);
	return out;
}
