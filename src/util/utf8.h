/* utf8.h — the one UTF-8 decoder and encoder of chorus (RFC 3629).
 *
 * Well-formed means what PCRE2, SQLite's callers and terminals agree on: no
 * overlong forms, no surrogates (U+D800-DFFF), nothing above U+10FFFF, no
 * stray continuation bytes.  Everything that reads or writes UTF-8 (the
 * policy matcher, the CSV reader, core's text checks, the terminal cleaner,
 * tables) goes through these functions.  libc only. */
#ifndef CHORUS_UTIL_UTF8_H
#define CHORUS_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_MAX 4   /* bytes of the longest character */

/* Decode the character at s (len >= 1 bytes left).  Returns the bytes it
 * takes (1-4); 0 when s does not start a well-formed character, and then *cp
 * is U+FFFD and a caller skips one byte.  NUL decodes as U+0000 (1 byte). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* As utf8_decode; *cut = 1 when s is a valid start of a character that len
 * bytes do not finish (a stream may wait for the rest), else 0. */
size_t utf8_decode_cut(const char *s, size_t len, uint32_t *cp, int *cut);

/* Encode cp into out (UTF8_MAX bytes, no NUL added).  Returns the bytes
 * written; 0 for a surrogate or a value above U+10FFFF. */
size_t utf8_encode(uint32_t cp, char *out);

/* The length of the longest well-formed prefix of s[0, len). */
size_t utf8_valid_len(const char *s, size_t len);

/* A copy of s[0, len) (NUL-terminated) with every byte of ill-formed UTF-8
 * replaced by sub, or NULL in *out when s is well-formed as it is.
 * -1 when out of memory, else 0. */
int utf8_repair(const char *s, size_t len, char sub, char **out);

/* Characters (bytes that are not continuation bytes) in s[0, len). */
size_t utf8_count(const char *s, size_t len);

/* The offset of the first character boundary after off in s[0, len) (at
 * most len when off < len): where the character at off ends. */
size_t utf8_next(const char *s, size_t len, size_t off);

/* The largest n' <= n that does not fall inside a character of s (which has
 * at least n bytes): where to cut s to keep at most n bytes. */
size_t utf8_cut(const char *s, size_t n);

/* Columns cp takes in a fixed-width terminal: 0 for combining marks,
 * zero-width spaces and variation selectors, 2 for East Asian wide and
 * emoji, else 1.  A small table of ranges, the same on every machine. */
int utf8_width(uint32_t cp);

#endif
