/* draw.c — drawing helpers every panel uses: sanitised, width-cut text,
 * ages, and colours.
 *
 * Colour comes in tiers, by what the terminal can do: direct colour (24-bit,
 * when terminfo says so — COLORS of 2^24, as xterm-direct — or when
 * COLORTERM=truecolor/24bit and terminfo has a -direct entry for the
 * terminal), 256 colours, 8 colours, and none (NO_COLOR, --no-color, or a
 * terminal without colour).  A pillar colour — a name, 0-255, or #rrggbb —
 * is drawn as itself in direct colour and as the nearest the terminal has
 * otherwise: the nearest of the 6x6x6 cube and the grey ramp in 256
 * colours, the nearest of the basic seven (never black) in 8.  Without a
 * -direct entry COLORTERM alone cannot make curses send 24-bit colour, so
 * the 256 tier is used then; the terminal's palette is never redefined. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <term.h>
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
 * 16..: pillar colours, allocated on first use. */
enum { PAIR_ROLE = 8, PAIR_DYN = 16, PAIR_DYN_MAX = 64 };
static int dyn_colour[PAIR_DYN_MAX];
static int dyn_n;

const char *ui_direct_term(char *buf, size_t n)
{
	const char *ct = getenv("COLORTERM"), *term = getenv("TERM"), *nc = getenv("NO_COLOR");
	if (!ct || (strcasecmp(ct, "truecolor") != 0 && strcasecmp(ct, "24bit") != 0) ||
	    !term || !*term || strstr(term, "-direct") || (nc && *nc))
		return NULL;
	/* xterm-256color -> xterm-direct, tmux-256color -> tmux-direct. */
	size_t len = strcspn(term, "-");
	if (len + sizeof "-direct" > n)
		return NULL;
	snprintf(buf, n, "%.*s-direct", (int)len, term);
	/* Only when terminfo has it: ask quietly (errret), then let go of it. */
	int err = 0;
	if (setupterm(buf, 1, &err) != OK)
		return NULL;
	del_curterm(cur_term);
	return buf;
}

void ui_colors_init(struct app *a)
{
	a->color = UI_MONO;
	dyn_n = 0;
	const char *nc = getenv("NO_COLOR");
	if ((nc && *nc) || a->cli->no_color || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	a->color = COLORS >= 0x1000000 ? UI_DIRECT : COLORS >= 256 ? UI_256 : UI_8;
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

/* The sixteen system colours as xterm shows them, to find the nearest and
 * to give 8..15 an RGB value. */
static const int system_rgb[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};
static const int cube_level[6] = { 0, 95, 135, 175, 215, 255 };

static int parse_rgb(const char *c, int *r, int *g, int *b)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(c, named[i].name) == 0) {
			*r = named[i].r; *g = named[i].g; *b = named[i].b;
			return 1;
		}
	unsigned v;
	char tail;
	if (c[0] == '#' && strlen(c) == 7 && strspn(c + 1, "0123456789abcdefABCDEF") == 6 &&
	    sscanf(c + 1, "%6x%c", &v, &tail) == 1) {
		*r = (int)(v >> 16) & 255; *g = (int)(v >> 8) & 255; *b = (int)v & 255;
		return 1;
	}
	return 0;
}

/* The RGB value of an entry of the 256-colour palette. */
static void palette_rgb(int n, int *r, int *g, int *b)
{
	if (n < 16) {
		*r = system_rgb[n][0]; *g = system_rgb[n][1]; *b = system_rgb[n][2];
	} else if (n < 232) {
		n -= 16;
		*r = cube_level[n / 36]; *g = cube_level[n / 6 % 6]; *b = cube_level[n % 6];
	} else
		*r = *g = *b = 8 + 10 * (n - 232);
}

static long dist2(int r, int g, int b, int r2, int g2, int b2)
{
	long dr = r - r2, dg = g - g2, db = b - b2;
	return dr * dr + dg * dg + db * db;
}

static short nearest_basic(int r, int g, int b)
{
	short best = 7;
	long bd = -1;
	for (short i = 1; i < 8; i++) {   /* never black: it vanishes on dark terminals */
		long d = dist2(r, g, b, system_rgb[i][0], system_rgb[i][1], system_rgb[i][2]);
		if (bd < 0 || d < bd) {
			bd = d;
			best = i;
		}
	}
	return best;
}

static int nearest_level(int v)
{
	int best = 0;
	for (int i = 1; i < 6; i++)
		if (abs(v - cube_level[i]) < abs(v - cube_level[best]))
			best = i;
	return best;
}

int ui_nearest256(int r, int g, int b)
{
	int ri = nearest_level(r), gi = nearest_level(g), bi = nearest_level(b);
	int cube = 16 + 36 * ri + 6 * gi + bi;
	int grey_i = ((r + g + b) / 3 - 8 + 5) / 10;
	if (grey_i < 0)
		grey_i = 0;
	if (grey_i > 23)
		grey_i = 23;
	int grey = 232 + grey_i, cr, cg, cb, gr, gg, gb;
	palette_rgb(cube, &cr, &cg, &cb);
	palette_rgb(grey, &gr, &gg, &gb);
	return dist2(r, g, b, gr, gg, gb) < dist2(r, g, b, cr, cg, cb) ? grey : cube;
}

/* A pair for colour number want (a palette index, or 0xRRGGBB in direct
 * colour) on the default background; 0 when the pairs ran out. */
static int dyn_pair(struct app *a, int want)
{
	for (int i = 0; i < dyn_n; i++)
		if (dyn_colour[i] == want)
			return PAIR_DYN + i;
	if (dyn_n == PAIR_DYN_MAX || COLOR_PAIRS <= PAIR_DYN + PAIR_DYN_MAX)
		return 0;
	int rc;
#if NCURSES_EXT_COLORS
	rc = init_extended_pair(PAIR_DYN + dyn_n, want, -1);
#else
	rc = a->color == UI_DIRECT ? ERR : init_pair((short)(PAIR_DYN + dyn_n), (short)want, -1);
#endif
	if (rc == ERR)
		return 0;
	dyn_colour[dyn_n] = want;
	return PAIR_DYN + dyn_n++;
}

int ui_pair(struct app *a, const char *colour)
{
	int r = 0, g = 0, b = 0, index = -1;
	if (!a->color || !colour || !*colour)
		return 0;
	char *end;
	long n = strtol(colour, &end, 10);
	if (end != colour && !*end && n >= 0 && n < 256) {
		if (n < 8)
			return n ? (int)n : 7;   /* the basic colours as the terminal has them */
		index = (int)n;
		palette_rgb(index, &r, &g, &b);
	} else if (!parse_rgb(colour, &r, &g, &b))
		return 0;
	int pair = 0;
	if (a->color == UI_DIRECT) {
		int rgb = r << 16 | g << 8 | b;
		pair = dyn_pair(a, rgb < 8 ? 8 : rgb);   /* below 8 a direct terminal reads a palette index */
	} else if (a->color == UI_256)
		pair = dyn_pair(a, index >= 0 ? index : ui_nearest256(r, g, b));
	return pair ? pair : nearest_basic(r, g, b);
}
