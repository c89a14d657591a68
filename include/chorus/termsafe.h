/* termsafe.h — the one place that decides what text may reach a terminal.
 *
 * Text from the database (titles, names, comments, the organisation's name)
 * is whatever anyone who could write the file put there.  Before any of it is
 * shown, every character that would act on the terminal instead of being
 * seen becomes a visible '?': C0 controls (ESC starts OSC 52, DCS and CSI
 * sequences), DEL, C1 controls (U+0080-009F, 8-bit CSI and OSC), the line
 * and paragraph separators, the bidi embeddings, overrides and isolates
 * (U+202A-202E, U+2066-2069) and every byte that is not valid UTF-8.  Emoji,
 * ZWJ sequences, combining marks and every other printable character pass.
 * The CLI, the TUI and plain-text tables all use these functions. */
#ifndef CHORUS_TERMSAFE_H
#define CHORUS_TERMSAFE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* flags */
#define SAFE_NEWLINES 1   /* keep '\n' (else it becomes a space) */
#define SAFE_TABS     2   /* keep '\t' (else it becomes a space) */

/* utf8_decode (src/util/utf8.h) for callers with unsigned bytes: decode
 * one UTF-8 character of s (len >= 1 bytes left).  Returns the bytes
 * it takes; 0 when s does not start a valid character (overlong forms,
 * surrogates, stray continuation bytes, a sequence cut short), and then
 * *cp is U+FFFD and the caller skips one byte. */
size_t safe_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* May this character reach a terminal as it is?  Not C0, DEL, C1, the line
 * and paragraph separators, bidi controls, surrogates. */
int safe_char_ok(uint32_t cp);

/* Copy in to out (at most n - 1 bytes and a NUL, never cut inside a
 * character), every unsafe character and invalid byte as '?'; tab and
 * newline become a space unless flags keep them, CR is dropped.  Returns the
 * bytes written. */
size_t safe_clean(const char *in, char *out, size_t n, int flags);

/* Write s[0, len) to f cleaned as safe_clean does, at most max bytes of
 * output ("…" marks a cut; SIZE_MAX for no limit). */
void safe_fwrite(FILE *f, const char *s, size_t len, size_t max, int flags);

/* Put f's bytes through the same cleaning on their way to descriptor fd
 * (newlines and tabs kept; a character split across writes is joined).
 * Returns the new stream, NULL when it cannot be made (f is unchanged then).
 * Closing it flushes; the descriptor stays open. */
FILE *safe_stream(int fd);

#endif
