/* fuzz_sanitise.c — what stands between the database and the terminal: the
 * TUI's text_clean / text_fit / text_wrap (src/tui/text.c, no curses) and the
 * plain-text output's csv_out_clean / csv_out_cut (src/io/csv_out.c).
 *
 * Input: a byte of columns, a byte of flags (keep newlines, ASCII mode, a
 * small output buffer), then the text.  Whatever the text, a cleaned string
 * must be valid UTF-8 with no control character but the newlines asked for
 * and no bidi control, and a cut string must fit its columns; otherwise
 * abort, so the fuzzer keeps the input. */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/tui/text.h"
#include "chorus/csv_out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX 16384

static void fail(const char *what, const char *s)
{
	fprintf(stderr, "%s: \"%s\"\n", what, s);
	abort();
}

/* Valid UTF-8, no C0 (but '\n' when newlines), DEL, C1 or bidi control. */
static void check_clean(const char *what, const char *s, int newlines)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_REPLACEMENT && n == 1)
			fail(what, "invalid UTF-8 in the output");
		if ((cp < 0x20 && !(cp == '\n' && newlines)) || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
		    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			fail(what, s);
		i += n;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
	if (size < 2 || size > FUZZ_MAX)
		return 0;
	int cols = data[0] % 100;
	int flags = data[1];
	size_t n = size - 2;
	char *in = malloc(n + 1);
	if (!in)
		return 0;
	memcpy(in, data + 2, n);
	in[n] = 0;   /* text from the database is a C string: a NUL ends it */
	int newlines = flags & 1;
	text_set_ascii(flags & 2 ? 1 : 0);
	/* A small buffer now and then, to cut the output mid-way. */
	size_t outlen = flags & 4 ? (size_t)(flags >> 3) + 1 : 4 * n + 8;
	char *out = malloc(outlen);
	char *fit = malloc(outlen);
	if (!out || !fit)
		goto out;

	size_t o = text_clean(in, out, outlen, newlines ? TEXT_NEWLINES : 0);
	if (o >= outlen || strlen(out) != o)
		fail("text_clean: the length it returned", out);
	check_clean("text_clean", out, newlines);
	if (text_is_ascii())
		for (size_t i = 0; i < o; i++)
			if ((unsigned char)out[i] >= 0x80)
				fail("text_clean: non-ASCII in ASCII mode", out);

	int w = text_fit(out, cols, fit, outlen);
	if (w > cols || (cols > 0 && text_width(fit) != w))
		fail("text_fit: wider than asked", fit);
	check_clean("text_fit", fit, newlines);

	/* Every line of the wrap fits unless one character is wider than it, and
	 * every step moves on. */
	const char *s = out, *next;
	int cw = cols ? cols : 1;
	for (size_t steps = 0; s; s = next, steps++) {
		if (steps > o + 1)
			fail("text_wrap: no progress", s);
		size_t line = text_wrap(s, cols, &next);
		if (next && next <= s)
			fail("text_wrap: went backwards", s);
		if (line > strlen(s))
			fail("text_wrap: a line longer than the text", s);
		char *l = strndup(s, line);
		if (!l)
			break;
		if (text_width(l) > cw && text_decode(l, line, &(uint32_t){0}) != line)
			fail("text_wrap: a line wider than the width", l);
		free(l);
	}

	csv_out_clean(in, out, outlen);
	check_clean("csv_out_clean", out, 0);
	if (cols > 0) {
		csv_out_cut(out, cols, fit, outlen);
		if (csv_out_width(fit) > cols && outlen >= 4)
			fail("csv_out_cut: wider than asked", fit);
		check_clean("csv_out_cut", fit, 0);
	}
	(void)csv_out_width(in);
out:
	free(out);
	free(fit);
	free(in);
	return 0;
}
