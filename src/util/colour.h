/* colour.h — the one vocabulary of colour names chorus knows, and its one
 * parser: what a theme (chorus-theme(5)) and a pillar (chorus-strategy(5))
 * may say, and what the full-screen interface draws.
 *
 *   black red green yellow blue magenta cyan white   palette entries 0-7
 *   bright-NAME (of those eight)                      palette entries 8-15
 *   orange purple pink teal grey gray brown navy olive lime   as #rrggbb
 *   default                                           the terminal's own
 *   0 to 255                                          a palette entry
 *   #rrggbb                                           a 24-bit colour
 *
 * Names ignore case.  No curses here: src/tui maps a struct colour to what
 * the terminal can show. */
#ifndef CHORUS_UTIL_COLOUR_H
#define CHORUS_UTIL_COLOUR_H

#include <stddef.h>

enum colour_kind {
	COLOUR_DEFAULT = 1,   /* "default": the terminal's own colour */
	COLOUR_INDEX,         /* a palette entry 0..255 (the eight names are 0..7) */
	COLOUR_RGB,           /* 0xRRGGBB */
};

struct colour {
	enum colour_kind kind;
	int value;
};

/* The names, for messages: "black, red, ..., default" (a message adds
 * 0-255 and #rrggbb in its own language). */
#define COLOUR_NAMES \
	"black, red, green, yellow, blue, magenta, cyan, white, bright-NAME, orange, purple, pink, " \
	"teal, grey, brown, navy, olive, lime, default"
/* The whole vocabulary, as the English message says it. */
#define COLOUR_VOCABULARY COLOUR_NAMES ", 0-255 or \"#rrggbb\""

/* Parse s.  0 with *c filled; -1 with why (at most n bytes) saying what is
 * wrong with it in a sentence that follows a field's name, such as
 * unknown colour "banana" (black, red, ...).  An empty s is refused: whether
 * a field may be left empty is the caller's rule. */
int colour_parse(const char *s, struct colour *c, char *why, size_t n);

#endif
