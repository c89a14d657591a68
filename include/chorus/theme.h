/* theme.h — colour themes (chorus-theme(5)): YAML files that give each UI
 * role of the full-screen interface a foreground, a background and
 * attributes, and the pure mapping of a colour to what a terminal of each
 * colour tier can show.  No curses here: src/tui turns a struct theme into
 * colour pairs.
 *
 *   description: dark text on a light background
 *   status:  { fg: white, bg: blue }
 *   header:  { fg: "#005f87", attr: bold }
 *   heatmap: [ { fg: 151 }, { fg: 114 }, { fg: 71 }, { fg: 28, attr: bold } ]
 *
 * A role the file does not name keeps the built-in default; a role it names
 * is replaced as a whole (fg, bg and attributes it leaves out are the
 * terminal's own and none). */
#ifndef CHORUS_THEME_H
#define CHORUS_THEME_H

#include <limits.h>
#include <stddef.h>
#include "chorus/err.h"

/* The roles, in the order of chorus-theme(5); the heatmap's four shades
 * (low to high) are roles of their own. */
enum theme_role {
	THEME_TITLE,     /* the tab of the panel in view */
	THEME_TAB,       /* the other tabs */
	THEME_STATUS,    /* the status line */
	THEME_HEADER,    /* column headers, section titles, a panel's title */
	THEME_SELECTED,  /* the item under the cursor (attributes only) */
	THEME_DIM,       /* secondary text (attributes only) */
	THEME_WARN,      /* warnings, a policy rule that warns */
	THEME_ERROR,     /* errors, a policy rule that blocks, a WIP limit passed */
	THEME_OK,        /* on target, a policy test that passes */
	THEME_HEAT1, THEME_HEAT2, THEME_HEAT3, THEME_HEAT4,
	THEME_ROLES
};
#define THEME_HEAT_LEVELS 4

/* Colour tiers, poorest first (the TUI's enum ui_tier has the same values). */
enum theme_tier { THEME_TIER_NONE = 0, THEME_TIER_8, THEME_TIER_256, THEME_TIER_DIRECT };

/* Attributes, as bits. */
enum { THEME_BOLD = 1, THEME_UNDERLINE = 2, THEME_REVERSE = 4, THEME_DIMMED = 8 };

/* What a colour was written as. */
enum theme_kind {
	THEME_UNSET = 0,   /* not given: the terminal's own colour */
	THEME_DEFAULT,     /* "default": the terminal's own colour, said so */
	THEME_INDEX,       /* a palette entry 0..255 (names are 0..15) */
	THEME_RGB,         /* #rrggbb, as 0xRRGGBB */
};

/* One colour, as given for the 8-colour, 256-colour and direct-colour tiers
 * (index tier - 1).  A plain value is the same for all three; a mapping
 * { 8: .., 256: .., truecolor: .. } may give each its own, and a tier it
 * leaves out takes the value of the nearest richer tier given (else the
 * nearest poorer one). */
struct theme_colour {
	unsigned char kind[3];
	int value[3];
};

struct theme_style {
	struct theme_colour fg, bg;
	unsigned attr;     /* THEME_BOLD | ... */
	unsigned mono;     /* the attributes without colour (tier none) */
};

struct theme {
	char path[PATH_MAX];        /* the file read; "" for the built-in one */
	char description[128];
	struct theme_style role[THEME_ROLES];
};

/* The role's name in a theme file ("status"; "heatmap.2" for THEME_HEAT2). */
const char *theme_role_name(enum theme_role r);

/* The built-in theme (themes/default.yaml says the same). */
void theme_default(struct theme *t);

/* Parse a theme from len bytes of buf (need not end in NUL); filename is
 * for messages.  Roles the text does not name keep the built-in default.
 * CH_INVALID with "FILE:LINE:COL: FIELD: what is wrong" for a syntax error,
 * an unknown key or role, a bad colour or attribute; *out is the built-in
 * theme then. */
int theme_parse(const char *buf, size_t len, const char *filename, struct theme *out, struct err *e);
/* The same for a file. */
int theme_load_file(const char *path, struct theme *out, struct err *e);

/* Where a theme is looked for, in order: a NAME with a '/' or ending in
 * ".yaml" is a path;
 * else NAME.yaml in $XDG_CONFIG_HOME/chorus/themes (~/.config/...), then in
 * $CHORUS_THEME_DIR when set, else in the themes/ of the source tree the
 * binary was built in (a build run where it stands) and DATADIR/themes.  The
 * directories, n of them at most (THEME_DIRS_MAX is every one); returns how many. */
#define THEME_DIRS_MAX 3
int theme_dirs(char dirs[][PATH_MAX], int n);
/* Load the theme NAME (or path).  "default" with no file of that name is
 * the built-in theme.  CH_INVALID naming every place looked in when there
 * is no such theme, or the parse error. */
int theme_load(const char *name, struct theme *out, struct err *e);

/* The colour number to ask a terminal of tier for, for colour c (-1: the
 * terminal's own): a basic colour 0..7 in 8 colours (*bold set when a
 * bright one 8..15 stands for it as its basic colour made bold), a palette
 * entry in 256, a palette entry 0..7 or 0xRRGGBB (at least 8) in direct
 * colour.  Pure: the same answer for the same input. */
int theme_colour_map(const struct theme_colour *c, enum theme_tier tier, int *bold);
/* The same for one value of one kind. */
int theme_map(enum theme_kind kind, int value, enum theme_tier tier, int *bold);

/* Colour arithmetic the pillar colours share. */
void theme_palette_rgb(int n, int *r, int *g, int *b);     /* xterm's palette */
int theme_nearest256(int r, int g, int b);                  /* 16..255 */
int theme_nearest8(int r, int g, int b, int no_black);      /* 0..7, or 1..7 */

#endif
