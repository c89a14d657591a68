/* history.c — audit events in words (see history.h).  The detail JSON is
 * what core's json builder wrote: one flat object of strings, numbers and
 * nulls; anything else in it (a nested value, a file someone changed by
 * hand) is read without harm and shown as "…". */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
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
			snprintf(val, vn, "%s", NT_("\xe2\x80\xa6"));
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

/* Stage keys as people read them (po/GLOSSARY.md); any other value as it is. */
const char *history_stage(const char *key)
{
	static const char *const keys[] = { "inbox", "editing", "ready", "shared", "rejected", "archived" };
	static const char *const labels[] = { N_("inbox"), N_("editing"), N_("ready"), N_("shared"), N_("rejected"),
					      N_("archived") };
	for (size_t i = 0; key && i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i]) == 0)
			return _(labels[i]);
	return key ? key : "";
}

/* A field's value copied out (f->v is the one buffer field() fills). */
static const char *field_copy(struct fields *f, const char *key, char *out, size_t n)
{
	snprintf(out, n, "%s", field(f, key));
	return out;
}

/* "kind, pillar P, N media files" of a submission, into out; "" when it
 * says nothing. */
static void submit_details(struct fields *f, char *out, size_t n)
{
	char kind[64], pillar[128];
	history_field(f->json, "kind", kind, sizeof kind);
	history_field(f->json, "pillar", pillar, sizeof pillar);
	long nm = strtol(field(f, "media"), NULL, 10);
	out[0] = 0;
	if (!kind[0] && !pillar[0] && nm <= 0)
		return;
	size_t o = (size_t)snprintf(out, n, "%s", kind[0] ? kind : NT_("story"));
	if (pillar[0] && o < n)
		o += (size_t)snprintf(out + o, n - o, _(", pillar %s"), pillar);
	if (nm > 0 && o < n)
		snprintf(out + o, n - o, P_(", %ld media file", ", %ld media files", nm), nm);
}

/* Content's own events (core/content.c) by S (who, in words); 0 for an
 * action it has no phrase for. */
static int content_phrase(struct phrase *o, const char *S, const char *action, struct fields *f)
{
	char a[VAL_MAX], b[VAL_MAX];
	if (strcmp(action, "submit") == 0) {
		field_copy(f, "title", a, sizeof a);
		submit_details(f, b, sizeof b);
		if (b[0])
			say(o, _("%s submitted \"%s\" (%s)"), S, a, b);
		else
			say(o, _("%s submitted \"%s\""), S, a);
	} else if (strcmp(action, "take") == 0) {
		say(o, _("%s took it into editing"), S);
	} else if (strcmp(action, "approve") == 0) {
		say(o, _("%s approved it: moved to ready"), S);
	} else if (strcmp(action, "reject") == 0) {
		if (*field(f, "reason"))
			say(o, _("%s rejected it: \"%s\""), S, f->v);
		else
			say(o, _("%s rejected it"), S);
	} else if (strcmp(action, "back") == 0) {
		const char *from = history_stage(field_copy(f, "from", a, sizeof a));
		const char *to = history_stage(field_copy(f, "to", b, sizeof b));
		if (*from && *to)
			say(o, _("%s moved it back from %s to %s"), S, from, to);
		else if (*from)
			say(o, _("%s moved it back from %s"), S, from);
		else if (*to)
			say(o, _("%s moved it back to %s"), S, to);
		else
			say(o, _("%s moved it back"), S);
	} else if (strcmp(action, "archive") == 0) {
		if (*field(f, "from"))
			say(o, _("%s archived it (it was in %s)"), S, history_stage(f->v));
		else
			say(o, _("%s archived it"), S);
	} else if (strcmp(action, "restore") == 0) {
		if (*field(f, "to"))
			say(o, _("%s restored it to %s"), S, history_stage(f->v));
		else
			say(o, _("%s restored it"), S);
	} else if (strcmp(action, "shared") == 0) {
		say(o, _("%s shared it: moved to shared"), S);
	} else if (strcmp(action, "edit") == 0) {
		if (history_field(f->json, "old_title", b, 256))
			say(o, _("%s changed the title from \"%s\" to \"%s\""), S, b, field(f, "title"));
		else
			say(o, _("%s edited the text"), S);
	} else if (strcmp(action, "pillar") == 0) {
		if (*field(f, action))
			say(o, _("%s set the pillar to %s"), S, f->v);
		else
			say(o, _("%s cleared the pillar"), S);
	} else if (strcmp(action, "campaign") == 0) {
		if (*field(f, action))
			say(o, _("%s set the campaign to %s"), S, f->v);
		else
			say(o, _("%s cleared the campaign"), S);
	} else if (strcmp(action, "comment") == 0) {
		say(o, _("%s commented"), S);
	} else {
		return 0;
	}
	return 1;
}

/* Messages (core/message.c) and shares (core/campaign.c). */
static int message_phrase(struct phrase *o, const char *S, const char *entity, const char *action, struct fields *f)
{
	char a[VAL_MAX], b[VAL_MAX];
	if (strcmp(entity, "message") == 0 && strcmp(action, "message") == 0) {
		if (*field(f, "platform"))
			say(o, _("%s wrote a message for %s"), S, f->v);
		else
			say(o, _("%s wrote a message"), S);
	} else if (strcmp(entity, "message") == 0 && strcmp(action, "edit") == 0) {
		say(o, _("%s edited a message"), S);
	} else if (strcmp(entity, "message") == 0 && strcmp(action, "delete") == 0) {
		say(o, _("%s deleted a message"), S);
	} else if (strcmp(entity, "share") == 0 && strcmp(action, "share") == 0) {
		field_copy(f, "platform", a, sizeof a);
		field_copy(f, "url", b, sizeof b);
		if (a[0] && b[0])
			say(o, _("%s shared it on %s at %s"), S, a, b);
		else if (a[0])
			say(o, _("%s shared it on %s"), S, a);
		else if (b[0])
			say(o, _("%s shared it at %s"), S, b);
		else
			say(o, _("%s shared it"), S);
	} else if (strcmp(entity, "share") == 0 && strcmp(action, "figures") == 0) {
		say(o, _("%s recorded a share's figures"), S);
	} else {
		return 0;
	}
	return 1;
}

/* Any other event: the action, then its fields as "key value" (underscores
 * as spaces), so a new kind of event still reads as words. */
static void plain_phrase(struct phrase *o, const char *S, const char *action, const char *json)
{
	char key[64], val[VAL_MAX];
	int null, k = 0;
	const char *p = json ? json : "";
	say(o, _("%s: %s"), S, action);
	while (json_next(&p, key, sizeof key, val, sizeof val, &null)) {
		for (char *c = key; *c; c++)
			if (*c == '_')
				*c = ' ';
		say(o, "%s%s %s", k++ ? ", " : " (", key, null ? _("none") : val);
	}
	if (k)
		say(o, ")");
}

const char *history_phrase(const char *entity, const char *action, const char *who, const char *for_whom,
			   const char *detail, char *out, size_t n)
{
	struct phrase o = { out, n, 0, 0 };
	struct fields *f = malloc(sizeof *f);
	char S[512];
	if (n == 0)
		goto done;
	out[0] = 0;
	who = who && *who ? who : _("someone");
	if (for_whom && *for_whom)
		snprintf(S, sizeof S, _("%s (for %s)"), who, for_whom);
	else
		snprintf(S, sizeof S, "%s", who);
	if (!f) {
		say(&o, _("%s: %s"), S, action);
		goto done;
	}
	f->json = detail ? detail : "";
	entity = entity ? entity : "";
	int said = strcmp(entity, "content") == 0 ? content_phrase(&o, S, action, f)
						  : message_phrase(&o, S, entity, action, f);
	if (!said)
		plain_phrase(&o, S, action, detail);
done:
	free(f);
	return out;
}
