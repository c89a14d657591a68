/* draw.c — drawing helpers every panel uses: sanitised, width-cut text,
 * ages, and colours.
 *
 * Colour comes in tiers, by what the terminal can do: direct colour (24-bit,
 * when terminfo says so — COLORS of 2^24, as xterm-direct — or when
 * COLORTERM=truecolor/24bit and terminfo has a -direct entry for the
 * terminal), 256 colours, 8 colours, and none (NO_COLOR, --no-color, or a
 * terminal without colour).  What each UI role is drawn with comes from the
 * theme (src/io/theme.c, chorus-theme(5)), made into one colour pair per
 * role when curses starts.  A pillar colour — src/util/colour.h's words —
 * is drawn as itself in direct colour and as the nearest the terminal has
 * otherwise (theme_map): the nearest of the 6x6x6 cube and the grey ramp in
 * 256 colours, the nearest of the basic seven (never black) in 8.  Without
 * a -direct entry COLORTERM alone cannot make curses send 24-bit colour, so
 * the 256 tier is used then; the terminal's palette is never redefined. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <term.h>
#include "chorus/store.h"
#include "text.h"
#include "ui.h"
#include "../util/colour.h"
#include "../session.h"

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

int ui_wrapped(WINDOW *w, int y, int x, int rows, int cols, const char *raw, attr_t attr, int skip)
{
	/* Each replaced byte may grow to three (U+FFFD). */
	size_t cap = strlen(raw ? raw : "") * 3 + 1;
	char *clean = malloc(cap);
	if (!clean)
		return 0;
	text_clean(raw ? raw : "", clean, cap, TEXT_NEWLINES);
	int row = 0;
	for (const char *p = clean; p; row++) {
		const char *next;
		size_t len = text_wrap(p, cols, &next);
		if (w && row >= skip && row - skip < rows) {
			char seg[4096];
			size_t k = len < sizeof seg - 1 ? len : sizeof seg - 1;
			memcpy(seg, p, k);
			seg[k] = 0;
			ui_text(w, y + row - skip, x, cols, seg, attr, 0);
		}
		p = next;
	}
	free(clean);
	return row;
}

void ui_age(int64_t then, char *out, size_t n)
{
	int64_t d = store_now() - then;
	if (d < 0)
		d = 0;
	/* TRANSLATORS: an age in a narrow column: minutes, hours, days, years,
	 * one letter each ("5m", "3h", "12d", "2y"). */
	if (d < 3600)
		snprintf(out, n, _("%lldm"), (long long)(d / 60));
	else if (d < 86400)
		snprintf(out, n, _("%lldh"), (long long)(d / 3600));
	else if (d < 86400LL * 365)
		snprintf(out, n, _("%lldd"), (long long)(d / 86400));
	else
		snprintf(out, n, _("%lldy"), (long long)(d / (86400LL * 365)));
}

/* Pairs 1..7: the basic colours on the default background; 8..: the
 * theme's roles; 24..: pillar colours, allocated on first use. */
enum { PAIR_ROLE = 8, PAIR_DYN = 24 };

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
	snprintf(buf, n, NT_("%.*s-direct"), (int)len, term);
	/* Only when terminfo has it: ask quietly (errret), then let go of it. */
	int err = 0;
	if (setupterm(buf, 1, &err) != OK)
		return NULL;
	del_curterm(cur_term);
	return buf;
}

int ui_term_can_draw(void)
{
	int err = 0;
	if (setupterm(NULL, 1, &err) != OK)
		return 1;   /* unknown to terminfo: newterm says so itself */
	const char *cup = tigetstr("cup");
	int ok = cup && cup != (const char *)-1;
	del_curterm(cur_term);
	return ok;
}

int ui_term_keeps_screen(void)
{
	const char *rmcup = tigetstr("rmcup");
	return !rmcup || rmcup == (const char *)-1 || !*rmcup;
}

/* A pair of two colour numbers (palette entries, or 0xRRGGBB in direct
 * colour; -1 the terminal's own). */
static int make_pair(struct app *a, int pair, int fg, int bg)
{
#if NCURSES_EXT_COLORS
	(void)a;
	return init_extended_pair(pair, fg, bg);
#else
	if (a->color == UI_DIRECT && (fg > 255 || bg > 255))
		return ERR;
	return init_pair((short)pair, (short)fg, (short)bg);
#endif
}

static attr_t theme_attrs(unsigned bits)
{
	return (bits & THEME_BOLD ? A_BOLD : 0) | (bits & THEME_UNDERLINE ? A_UNDERLINE : 0) |
	       (bits & THEME_REVERSE ? A_REVERSE : 0) | (bits & THEME_DIMMED ? A_DIM : 0);
}

/* A role's attributes in this terminal's tier: its colours as a pair (a
 * bright colour in 8 colours as the basic one made bold), or its mono
 * attributes when there is no colour or no pair to be had. */
static attr_t role_make(struct app *a, enum theme_role r)
{
	const struct theme_style *st = &a->theme.role[r];
	int bold = 0;
	int fg = theme_colour_map(&st->fg, (enum theme_tier)a->color, &bold);
	int bg = theme_colour_map(&st->bg, (enum theme_tier)a->color, NULL);
	if (!a->color)
		return theme_attrs(st->mono);
	if (fg < 0 && bg < 0)
		return theme_attrs(st->attr);
	if (make_pair(a, PAIR_ROLE + (int)r, fg, bg) == ERR)
		return theme_attrs(st->mono);
	return COLOR_PAIR(PAIR_ROLE + (int)r) | theme_attrs(st->attr) | (bold ? A_BOLD : 0);
}

void ui_colors_init(struct app *a)
{
	a->color = UI_MONO;
	a->pairs.ndyn = 0;
	const char *nc = getenv("NO_COLOR");
	if (!((nc && *nc) || a->cli->no_color || !has_colors() || start_color() == ERR)) {
		use_default_colors();
		a->color = COLORS >= 0x1000000 ? UI_DIRECT : COLORS >= 256 ? UI_256 : UI_8;
		for (short c = 1; c <= 7; c++)
			init_pair(c, c, -1);
	}
	for (int r = 0; r < THEME_ROLES; r++)
		a->pairs.role[r] = role_make(a, (enum theme_role)r);
}

attr_t ui_attr(struct app *a, enum ui_role r)
{
	static const enum theme_role of[] = {
		[UI_SEL] = THEME_SELECTED, [UI_HEAD] = THEME_HEADER, [UI_DIM] = THEME_DIM,
		[UI_WARN] = THEME_WARN, [UI_ERR] = THEME_ERROR, [UI_OK] = THEME_OK,
		[UI_BAR] = THEME_STATUS, [UI_TITLE] = THEME_TITLE, [UI_TAB] = THEME_TAB,
	};
	(void)a;
	return (unsigned)r < sizeof of / sizeof of[0] && r ? a->pairs.role[of[r]] : A_NORMAL;
}

attr_t ui_heat(struct app *a, int level)
{
	(void)a;
	return level >= 1 && level <= THEME_HEAT_LEVELS ? a->pairs.role[THEME_HEAT1 + level - 1] : A_NORMAL;
}

const char *ui_glyph_dot(const struct app *a)
{
	return a->utf8 ? "\xe2\x97\x8f" : "*";
}

/* A pair for colour number want (a palette index, or 0xRRGGBB in direct
 * colour) on the default background; 0 when the pairs ran out. */
static int dyn_pair(struct app *a, int want)
{
	for (int i = 0; i < a->pairs.ndyn; i++)
		if (a->pairs.dyn[i] == want)
			return PAIR_DYN + i;
	if (a->pairs.ndyn == UI_PAIRS_DYN || COLOR_PAIRS <= PAIR_DYN + UI_PAIRS_DYN)
		return 0;
	int rc;
#if NCURSES_EXT_COLORS
	rc = init_extended_pair(PAIR_DYN + a->pairs.ndyn, want, -1);
#else
	rc = a->color == UI_DIRECT ? ERR : init_pair((short)(PAIR_DYN + a->pairs.ndyn), (short)want, -1);
#endif
	if (rc == ERR)
		return 0;
	a->pairs.dyn[a->pairs.ndyn] = want;
	return PAIR_DYN + a->pairs.ndyn++;
}

int ui_pair(struct app *a, const char *colour)
{
	int r = 0, g = 0, b = 0;
	struct colour c;
	char why[8];
	enum theme_kind kind = THEME_RGB;
	if (!a->color || !colour || !*colour || colour_parse(colour, &c, why, sizeof why) < 0 ||
	    c.kind == COLOUR_DEFAULT)
		return 0;
	if (c.kind == COLOUR_INDEX) {
		if (c.value < 8)
			return c.value ? c.value : 7;   /* the basic colours as the terminal has them */
		kind = THEME_INDEX;
		theme_palette_rgb(c.value, &r, &g, &b);
	} else {
		r = c.value >> 16 & 255; g = c.value >> 8 & 255; b = c.value & 255;
	}
	int pair = a->color > UI_8 ? dyn_pair(a, theme_map(kind, c.value, (enum theme_tier)a->color, NULL)) : 0;
	return pair ? pair : theme_nearest8(r, g, b, 1);   /* never black: it vanishes on dark terminals */
}

void ui_list_draw_pos(struct app *a, WINDOW *w, int y, int cols, const struct ui_list *l)
{
	char pos[48];
	int n = (int)strlen(ui_list_pos(l, pos, sizeof pos));
	ui_text(w, y, cols - n - 1, n, pos, ui_attr(a, UI_HEAD), 0);
}
