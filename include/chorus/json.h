/* json.h — a small builder for JSON objects (audit details, reports).
 * Strings are escaped; output is always valid JSON. */
#ifndef CHORUS_JSON_H
#define CHORUS_JSON_H

#include <stddef.h>
#include <stdint.h>

struct json {
	char *buf;
	size_t len, cap;
	int count;            /* members in the innermost open object/array */
	int depth;
	int oom;
	int counts[16];
};

void json_init(struct json *j);          /* starts an object: { */
void json_free(struct json *j);
void json_str(struct json *j, const char *key, const char *val);   /* NULL → null */
void json_int(struct json *j, const char *key, int64_t val);
void json_num(struct json *j, const char *key, double val);
void json_bool(struct json *j, const char *key, int val);
void json_open(struct json *j, const char *key, char kind);  /* '{' or '[' */
/* Close the innermost object or array; kind may be either bracket of the pair. */
void json_close(struct json *j, char kind);
/* Close the outer object and return the text (owned by j); NULL when out of memory.
 * Nested objects and arrays must have been closed with json_close. */
const char *json_done(struct json *j);
/* Escape s as a JSON string literal (with quotes) into j. */
void json_quote(struct json *j, const char *s);

#endif
