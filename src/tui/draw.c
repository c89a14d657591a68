/* draw.c — drawing helpers every panel uses: sanitised, width-cut text,
 * ages, and colours (pillar colours by name or #rrggbb mapped to the nearest
 * the terminal has; none at all with NO_COLOR or --no-color). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chorus/store.h"
#include "text.h"
#include "ui.h"
#include "../cli/cli.h"

int ui_text(WINDOW *w, int y, int x, int cols, const char *raw, attr_t attr, int pad)
{
	char clean[2048], fit[2048];
	if (cols <= 0)
		return 0;
	text_clean(raw ? raw : "", clean, sizeof clean, 0);
	int width = text_fit(clean, cols, fit, sizeof fit);
	wattr_on(w, attr, NULL);
	mvwaddstr(w, y, x, fit);
	for (int i = width; pad && i < cols; i++)
		waddch(w, ' ');
	wattr_off(w, attr, NULL);
	return width;
}

void ui_age(int64_t then, char *out, size_t n)
{
	int64_t d = store_now() - then;
	if (d < 0)
		d = 0;
	if (d < 3600)
		snprintf(out, n, "%lldm", (long long)(d / 60));
	else if (d < 86400)
		snprintf(out, n, "%lldh", (long long)(d / 3600));
	else if (d < 86400LL * 365)
		snprintf(out, n, "%lldd", (long long)(d / 86400));
	else
		snprintf(out, n, "%lldy", (long long)(d / (86400LL * 365)));
}

/* Pairs 1..7: the basic colours on the default background; 8..: UI roles;
 * 16..: pillar colours from the 256-colour cube, allocated on first use. */
enum { PAIR_ROLE = 8, PAIR_DYN = 16, PAIR_DYN_MAX = 64 };
static short dyn_colour[PAIR_DYN_MAX];
static int dyn_n;

void ui_colors_init(struct app *a)
{
	a->color = 0;
	dyn_n = 0;
	const char *nc = getenv("NO_COLOR");
	if ((nc && *nc) || a->cli->no_color || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	a->color = 1;
	for (short c = 1; c <= 7; c++)
		init_pair(c, c, -1);
	init_pair(PAIR_ROLE + UI_HEAD, COLOR_CYAN, -1);
	init_pair(PAIR_ROLE + UI_WARN, COLOR_YELLOW, -1);
	init_pair(PAIR_ROLE + UI_ERR, COLOR_RED, -1);
	init_pair(PAIR_ROLE + UI_OK, COLOR_GREEN, -1);
	init_pair(PAIR_ROLE + UI_BAR, COLOR_BLACK, COLOR_CYAN);
}

attr_t ui_attr(struct app *a, enum ui_role r)
{
	switch (r) {
	case UI_SEL:
		return A_REVERSE;
	case UI_DIM:
		return A_DIM;
	case UI_BAR:
		return a->color ? COLOR_PAIR(PAIR_ROLE + UI_BAR) : A_REVERSE;
	case UI_HEAD:
		return A_BOLD | (a->color ? COLOR_PAIR(PAIR_ROLE + UI_HEAD) : 0);
	case UI_WARN:
	case UI_ERR:
	case UI_OK:
		return a->color ? COLOR_PAIR(PAIR_ROLE + r) | (r == UI_OK ? 0 : A_BOLD) : A_BOLD;
	}
	return A_NORMAL;
}

const char *ui_glyph_dot(const struct app *a)
{
	return a->utf8 ? "\xe2\x97\x8f" : "*";
}

static const struct { const char *name; int r, g, b; } named[] = {
	{ "black", 0, 0, 0 }, { "red", 205, 0, 0 }, { "green", 0, 205, 0 },
	{ "yellow", 205, 205, 0 }, { "blue", 0, 0, 238 }, { "magenta", 205, 0, 205 },
	{ "cyan", 0, 205, 205 }, { "white", 229, 229, 229 }, { "orange", 255, 165, 0 },
	{ "purple", 128, 0, 128 }, { "pink", 255, 105, 180 }, { "teal", 0, 128, 128 },
	{ "grey", 128, 128, 128 }, { "gray", 128, 128, 128 }, { "brown", 165, 42, 42 },
	{ "navy", 0, 0, 128 }, { "olive", 128, 128, 0 }, { "lime", 0, 255, 0 },
};

/* The basic eight as a terminal shows them, to find the nearest. */
static const int basic[8][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
};

static int parse_rgb(const char *c, int *r, int *g, int *b)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(c, named[i].name) == 0) {
			*r = named[i].r; *g = named[i].g; *b = named[i].b;
			return 1;
		}
	unsigned v;
	char tail;
	if (c[0] == '#' && strlen(c) == 7 && sscanf(c + 1, "%6x%c", &v, &tail) == 1) {
		*r = (int)(v >> 16) & 255; *g = (int)(v >> 8) & 255; *b = (int)v & 255;
		return 1;
	}
	return 0;
}

static short nearest_basic(int r, int g, int b)
{
	short best = 7;
	long bd = -1;
	for (short i = 1; i < 8; i++) {   /* never black: it vanishes on dark terminals */
		long dr = r - basic[i][0], dg = g - basic[i][1], db = b - basic[i][2];
		long d = dr * dr + dg * dg + db * db;
		if (bd < 0 || d < bd) {
			bd = d;
			best = i;
		}
	}
	return best;
}

static int cube(int v)
{
	return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;
}

int ui_pair(struct app *a, const char *colour)
{
	int r = 0, g = 0, b = 0;
	if (!a->color || !colour || !*colour)
		return 0;
	char *end;
	long n = strtol(colour, &end, 10);
	if (!*end && n >= 0 && n < 256) {
		if (n < 8)
			return n ? (int)n : 7;
		if (COLORS < 256)
			return 7;
		r = -1;
	} else if (!parse_rgb(colour, &r, &g, &b))
		return 0;
	if (COLORS < 256 || COLOR_PAIRS <= PAIR_DYN + PAIR_DYN_MAX)
		return r < 0 ? 7 : nearest_basic(r, g, b);
	short want = r < 0 ? (short)n : (short)(16 + 36 * cube(r) + 6 * cube(g) + cube(b));
	for (int i = 0; i < dyn_n; i++)
		if (dyn_colour[i] == want)
			return PAIR_DYN + i;
	if (dyn_n == PAIR_DYN_MAX)
		return r < 0 ? 7 : nearest_basic(r, g, b);
	dyn_colour[dyn_n] = want;
	init_pair((short)(PAIR_DYN + dyn_n), want, -1);
	return PAIR_DYN + dyn_n++;
}

const struct keydef *ui_key_find(const struct keydef *t, int ch)
{
	for (; t && t->keyname; t++)
		if (t->key == ch || (t->key2 && t->key2 == ch))
			return t;
	return NULL;
}
