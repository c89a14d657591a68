/* text.h — text from the database made safe and measured for the terminal.
 *
 * Pure functions, no curses: sanitising (no control character or escape
 * sequence ever reaches the terminal, no bidi override reorders the screen),
 * display width by wcwidth (diacritics, CJK, emoji), cutting at a width with
 * an ellipsis and wrapping, never in the middle of a character.  setlocale()
 * must have been called; text_set_ascii(1) when the locale is not UTF-8. */
#ifndef CHORUS_TUI_TEXT_H
#define CHORUS_TUI_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu

/* text_clean flags */
#define TEXT_NEWLINES 1   /* keep '\n' (else it becomes a space) */

/* Non-UTF-8 terminal: every non-ASCII character becomes '?', the ellipsis '~'. */
void text_set_ascii(int ascii);
int text_is_ascii(void);

/* Decode one UTF-8 character of s (len bytes left, len >= 1).  Returns the
 * bytes it takes (>= 1); an invalid or overlong sequence is one byte of
 * U+FFFD, so a caller always makes progress. */
size_t text_decode(const char *s, size_t len, uint32_t *cp);

/* Does this character reach the terminal as it is?  Not C0, DEL, C1,
 * surrogates, non-characters' width -1, or bidi controls. */
int text_char_ok(uint32_t cp);

/* Copy in to out (at most outlen - 1 bytes and a NUL, never cut inside a
 * character).  Invalid UTF-8, C0/C1 controls and unprintable characters
 * become U+FFFD ('?' in ASCII mode); bidi embedding/override/isolate
 * controls (U+202A-202E, U+2066-2069) are dropped; tab becomes a space and
 * newline too unless TEXT_NEWLINES.  Returns the bytes written. */
size_t text_clean(const char *in, char *out, size_t outlen, int flags);

/* Display width of a clean string (see text_clean). */
int text_width(const char *s);
/* Width of one character of a clean string (0 for combining marks). */
int text_char_width(uint32_t cp);

/* The longest prefix of clean s that fits in cols columns, into out; when s
 * is wider the result ends with an ellipsis and still fits.  Returns the
 * width of out. */
int text_fit(const char *s, int cols, char *out, size_t outlen);

/* Word wrap of clean s: the byte length of its first line of at most cols
 * columns (breaking after the last space when there is one, at a '\n'
 * always), and in *next where the following line starts (NULL at the end). */
size_t text_wrap(const char *s, int cols, const char **next);

#endif
