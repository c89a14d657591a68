/* theme.c — colour themes (see theme.h and chorus-theme(5)): the built-in
 * theme, the YAML parser (libyaml's document API over a memory buffer, so a
 * fuzzer can drive it), the search path, and the pure mapping of a colour to
 * the nearest one a terminal of each tier has. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>
#include "chorus/i18n.h"
#include "chorus/theme.h"
#include "guard.h"
#include "../util/colour.h"
#include "../util/utf8.h"
#include "../util/xdg.h"

#ifndef CHORUS_DATADIR
#define CHORUS_DATADIR "/usr/local/share/chorus"
#endif

/* A theme is a few hundred bytes; anything near this is not one. */
#define THEME_MAX_BYTES (256 * 1024)

static const char *const role_names[THEME_ROLES] = {
	"title", "tab", "status", "header", "selected", "dim", "warn", "error", "ok",
	"heatmap.1", "heatmap.2", "heatmap.3", "heatmap.4",
};

const char *theme_role_name(enum theme_role r)
{
	return (unsigned)r < THEME_ROLES ? role_names[r] : "?";
}

static const char *const attr_names[] = { "bold", "underline", "reverse", "dim" };

/* ---- colour arithmetic ------------------------------------------------ */

/* The sixteen system colours as xterm shows them. */
static const int system_rgb[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};
static const int cube_level[6] = { 0, 95, 135, 175, 215, 255 };

void theme_palette_rgb(int n, int *r, int *g, int *b)
{
	if (n < 0 || n > 255)
		n = 0;
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

int theme_nearest8(int r, int g, int b, int no_black)
{
	int best = 7;
	long bd = -1;
	for (int i = no_black ? 1 : 0; i < 8; i++) {
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

int theme_nearest256(int r, int g, int b)
{
	int cube = 16 + 36 * nearest_level(r) + 6 * nearest_level(g) + nearest_level(b);
	int grey_i = ((r + g + b) / 3 - 8 + 5) / 10;
	if (grey_i < 0)
		grey_i = 0;
	if (grey_i > 23)
		grey_i = 23;
	int grey = 232 + grey_i, cr, cg, cb, gr, gg, gb;
	theme_palette_rgb(cube, &cr, &cg, &cb);
	theme_palette_rgb(grey, &gr, &gg, &gb);
	return dist2(r, g, b, gr, gg, gb) < dist2(r, g, b, cr, cg, cb) ? grey : cube;
}

int theme_map(enum theme_kind kind, int value, enum theme_tier tier, int *bold)
{
	int r, g, b;
	if (tier == THEME_TIER_NONE || (kind != THEME_INDEX && kind != THEME_RGB))
		return -1;
	if (kind == THEME_INDEX) {
		if (value < 0 || value > 255)
			return -1;
		if (tier == THEME_TIER_256 || value < 8)
			return value;
		if (tier == THEME_TIER_8 && value < 16) {
			if (bold)
				*bold = 1;   /* bright red: red made bold, as 8-colour terminals do */
			return value - 8;
		}
		theme_palette_rgb(value, &r, &g, &b);
	} else {
		r = value >> 16 & 255; g = value >> 8 & 255; b = value & 255;
	}
	if (tier == THEME_TIER_8)
		return theme_nearest8(r, g, b, 0);
	if (tier == THEME_TIER_256)
		return theme_nearest256(r, g, b);
	int rgb = r << 16 | g << 8 | b;
	return rgb < 8 ? 8 : rgb;   /* below 8 a direct terminal reads a palette index */
}

int theme_colour_map(const struct theme_colour *c, enum theme_tier tier, int *bold)
{
	if (tier == THEME_TIER_NONE)
		return -1;
	int i = (int)tier - 1;
	return theme_map((enum theme_kind)c->kind[i], c->value[i], tier, bold);
}

/* ---- the built-in theme ----------------------------------------------- */

static struct theme_colour plain(enum theme_kind kind, int value)
{
	struct theme_colour c;
	memset(&c, 0, sizeof c);
	for (int i = 0; i < 3; i++) {
		c.kind[i] = (unsigned char)kind;
		c.value[i] = value;
	}
	return c;
}

static struct theme_colour tiered(int c8, int c256, int rgb)
{
	struct theme_colour c;
	memset(&c, 0, sizeof c);
	c.kind[0] = THEME_INDEX; c.value[0] = c8;
	c.kind[1] = THEME_INDEX; c.value[1] = c256;
	c.kind[2] = THEME_RGB;   c.value[2] = rgb;
	return c;
}

void theme_default(struct theme *t)
{
	enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE, BRIGHT = 8 };
	memset(t, 0, sizeof *t);
	snprintf(t->description, sizeof t->description, "%s", _("the built-in colours, for dark and light terminals alike"));
	struct theme_style *s = t->role;
	s[THEME_TITLE].fg = plain(THEME_INDEX, BLACK);
	s[THEME_TITLE].bg = plain(THEME_INDEX, CYAN);
	s[THEME_TITLE].attr = THEME_BOLD;
	s[THEME_TITLE].mono = THEME_REVERSE | THEME_BOLD;
	s[THEME_STATUS].fg = plain(THEME_INDEX, BLACK);
	s[THEME_STATUS].bg = plain(THEME_INDEX, CYAN);
	s[THEME_STATUS].mono = THEME_REVERSE;
	s[THEME_HEADER].fg = plain(THEME_INDEX, CYAN);
	s[THEME_HEADER].attr = s[THEME_HEADER].mono = THEME_BOLD;
	s[THEME_SELECTED].attr = s[THEME_SELECTED].mono = THEME_REVERSE;
	s[THEME_DIM].attr = s[THEME_DIM].mono = THEME_DIMMED;
	s[THEME_WARN].fg = plain(THEME_INDEX, YELLOW);
	s[THEME_WARN].attr = s[THEME_WARN].mono = THEME_BOLD;
	s[THEME_ERROR].fg = plain(THEME_INDEX, RED);
	s[THEME_ERROR].attr = s[THEME_ERROR].mono = THEME_BOLD;
	s[THEME_OK].fg = plain(THEME_INDEX, GREEN);
	s[THEME_OK].mono = THEME_BOLD;
	/* The heatmap: GitHub's greens where the terminal has them. */
	s[THEME_HEAT1].fg = tiered(BLUE, 28, 0x216e39);
	s[THEME_HEAT2].fg = tiered(CYAN, 34, 0x30a14e);
	s[THEME_HEAT3].fg = tiered(GREEN, 40, 0x40c463);
	s[THEME_HEAT4].fg = tiered(BRIGHT + YELLOW, 46, 0x9be9a8);
	s[THEME_HEAT4].mono = THEME_BOLD;   /* the glyphs shade; bold lifts the top */
}

/* ---- the parser ------------------------------------------------------- */

struct ctx {
	yaml_document_t *d;
	const char *file;
	struct err *e;
};

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* "FILE:LINE:COL: FIELD: what", at node n. */
static int bad(struct ctx *c, yaml_node_t *n, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int bad(struct ctx *c, yaml_node_t *n, const char *field, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return err_set(c->e, CH_INVALID, "%s:%lu:%lu: %s%s%s", c->file,
		       n ? (unsigned long)n->start_mark.line + 1 : 1UL,
		       n ? (unsigned long)n->start_mark.column + 1 : 1UL,
		       field ? field : "", field ? ": " : "", what);
}

/* A scalar quoted for a message: at most 40 bytes (never cut inside a
 * character), controls as '?'. */
static const char *quoted(const char *v, char *buf, size_t n)
{
	size_t j = 0, len = strlen(v), keep = len > 40 ? utf8_cut(v, 40) : len;
	for (size_t i = 0; i < keep && j + 1 < n; i++)
		buf[j++] = (unsigned char)v[i] < 0x20 || v[i] == 0x7f ? '?' : v[i];
	buf[j] = 0;
	if (len > 40 && j + 4 < n)
		memcpy(buf + j, "...", 4);
	return buf;
}

static yaml_node_t *node(struct ctx *c, int i)
{
	return yaml_document_get_node(c->d, i);
}

/* One colour value, in the vocabulary of src/util/colour.h. */
static int parse_value(struct ctx *c, yaml_node_t *n, const char *field, enum theme_kind *kind, int *value)
{
	const char *v = scalar(n);
	struct colour col;
	char why[400];
	if (!v || !*v)
		return bad(c, n, field, _("expected a colour: a name, 0-255, or \"#rrggbb\" (in quotes: # starts a comment)"));
	if (colour_parse(v, &col, why, sizeof why) < 0)
		return bad(c, n, field, "%s", why);
	*kind = col.kind == COLOUR_DEFAULT ? THEME_DEFAULT : col.kind == COLOUR_INDEX ? THEME_INDEX : THEME_RGB;
	*value = col.value;
	return CH_OK;
}

/* A tier the colour leaves out takes the nearest richer one given, else the
 * nearest poorer one. */
static void fill_tiers(struct theme_colour *col)
{
	struct theme_colour given = *col;
	for (int i = 0; i < 3; i++) {
		if (given.kind[i])
			continue;
		int from = -1;
		for (int j = i + 1; j < 3 && from < 0; j++)
			if (given.kind[j])
				from = j;
		for (int j = i - 1; j >= 0 && from < 0; j--)
			if (given.kind[j])
				from = j;
		if (from >= 0) {
			col->kind[i] = given.kind[from];
			col->value[i] = given.value[from];
		}
	}
}

static int parse_colour(struct ctx *c, yaml_node_t *n, const char *field, struct theme_colour *col)
{
	static const char *const tiers[3] = { "8", "256", "truecolor" };
	char sub[96], q[64];
	memset(col, 0, sizeof *col);
	if (n->type != YAML_MAPPING_NODE) {
		enum theme_kind kind;
		int value;
		int st = parse_value(c, n, field, &kind, &value);
		if (st == CH_OK)
			*col = plain(kind, value);
		return st;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
		const char *key = scalar(k);
		int i = 0;
		while (key && i < 3 && strcmp(key, tiers[i]) != 0)
			i++;
		if (!key || i == 3)
			return bad(c, k, field, _("unknown tier \"%s\" (8, 256, truecolor)"), key ? quoted(key, q, sizeof q) : "?");
		snprintf(sub, sizeof sub, "%s.%s", field, tiers[i]);
		if (col->kind[i])
			return bad(c, k, sub, _("given twice"));
		enum theme_kind kind;
		int st = parse_value(c, v, sub, &kind, &col->value[i]);
		if (st != CH_OK)
			return st;
		col->kind[i] = (unsigned char)kind;
	}
	if (!col->kind[0] && !col->kind[1] && !col->kind[2])
		return bad(c, n, field, _("expected a colour for at least one of 8, 256, truecolor"));
	fill_tiers(col);
	return CH_OK;
}

/* Attributes: a list, or words in one string ("bold underline"); "none". */
static int attr_word(struct ctx *c, yaml_node_t *n, const char *field, const char *w, size_t len, unsigned *out)
{
	char q[64], word[48];
	snprintf(word, sizeof word, "%.*s", (int)(len < 47 ? len : 47), w);
	if (len < sizeof word && strcasecmp(word, "none") == 0)
		return CH_OK;
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (len == strlen(attr_names[i]) && strncasecmp(w, attr_names[i], len) == 0) {
			*out |= 1u << i;
			return CH_OK;
		}
	return bad(c, n, field, _("unknown attribute \"%s\" (bold, underline, reverse, dim, none)"),
		   quoted(word, q, sizeof q));
}

static int parse_attr_text(struct ctx *c, yaml_node_t *n, const char *field, const char *v, unsigned *out)
{
	const char *sep = " \t,";
	for (const char *p = v + strspn(v, sep); *p; p += strspn(p, sep)) {
		size_t len = strcspn(p, sep);
		int st = attr_word(c, n, field, p, len, out);
		if (st != CH_OK)
			return st;
		p += len;
	}
	return CH_OK;
}

static int parse_attrs(struct ctx *c, yaml_node_t *n, const char *field, unsigned *out)
{
	*out = 0;
	if (n->type == YAML_SCALAR_NODE)
		return parse_attr_text(c, n, field, scalar(n), out);
	if (n->type != YAML_SEQUENCE_NODE)
		return bad(c, n, field, _("expected attributes such as [bold, underline]"));
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *v = node(c, *it);
		if (!v || v->type != YAML_SCALAR_NODE)
			return bad(c, v ? v : n, field, _("expected an attribute name (bold, underline, reverse, dim)"));
		int st = parse_attr_text(c, v, field, scalar(v), out);
		if (st != CH_OK)
			return st;
	}
	return CH_OK;
}

/* One role: { fg, bg, attr, mono }. */
static int parse_style(struct ctx *c, yaml_node_t *n, enum theme_role r, struct theme_style *s)
{
	static const char *const keys[] = { "fg", "bg", "attr", "mono" };
	const char *field = theme_role_name(r);
	char sub[96], q[64];
	unsigned seen = 0;
	memset(s, 0, sizeof *s);
	if (n->type != YAML_MAPPING_NODE)
		return bad(c, n, field, _("expected a mapping such as { fg: white, bg: blue, attr: bold }"));
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
		const char *key = scalar(k);
		size_t i = 0;
		while (key && i < 4 && strcmp(key, keys[i]) != 0)
			i++;
		if (!key || i == 4)
			return bad(c, k, field, _("unknown key \"%s\" (fg, bg, attr, mono)"), key ? quoted(key, q, sizeof q) : "?");
		snprintf(sub, sizeof sub, "%s.%s", field, keys[i]);
		if (seen & 1u << i)
			return bad(c, k, sub, _("given twice"));
		seen |= 1u << i;
		if (i < 2 && (r == THEME_SELECTED || r == THEME_DIM))
			return bad(c, k, sub, _("%s takes attributes only: it is drawn over other colours"), field);
		int st = i == 0 ? parse_colour(c, v, sub, &s->fg)
			: i == 1 ? parse_colour(c, v, sub, &s->bg)
			: parse_attrs(c, v, sub, i == 2 ? &s->attr : &s->mono);
		if (st != CH_OK)
			return st;
	}
	if (!(seen & 8))
		s->mono = s->attr;
	return CH_OK;
}

static int parse_heatmap(struct ctx *c, yaml_node_t *n, struct theme *t)
{
	if (n->type != YAML_SEQUENCE_NODE ||
	    n->data.sequence.items.top - n->data.sequence.items.start != THEME_HEAT_LEVELS)
		return bad(c, n, NT_("heatmap"), _("expected a list of %d shades, low to high, such as [ { fg: 22 }, ... ]"),
			   THEME_HEAT_LEVELS);
	for (int i = 0; i < THEME_HEAT_LEVELS; i++) {
		yaml_node_t *v = node(c, n->data.sequence.items.start[i]);
		if (!v)
			return bad(c, n, NT_("heatmap"), _("a shade is missing"));
		int st = parse_style(c, v, (enum theme_role)(THEME_HEAT1 + i), &t->role[THEME_HEAT1 + i]);
		if (st != CH_OK)
			return st;
	}
	return CH_OK;
}

static int parse_tree(struct ctx *c, struct theme *t)
{
	yaml_node_t *root = yaml_document_get_root_node(c->d);
	char q[64];
	unsigned seen = 0;   /* bit per role (heatmap: THEME_HEAT1), bit 31: description */
	if (!root)
		return CH_OK;   /* an empty file: the default */
	if (root->type == YAML_SCALAR_NODE && !*scalar(root))
		return CH_OK;
	if (root->type != YAML_MAPPING_NODE)
		return bad(c, root, NULL, _("expected a mapping of roles such as status: { fg: white, bg: blue }"));
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(c, p->key), *v = node(c, p->value);
		const char *key = scalar(k);
		int st;
		if (!k || !v)
			return bad(c, root, NULL, _("a key or value is missing"));
		if (!key)
			return bad(c, k, NULL, _("expected a role name"));
		int r = 0;
		while (r < THEME_HEAT1 && strcmp(key, role_names[r]) != 0)
			r++;
		unsigned bit = strcmp(key, "description") == 0 ? 1u << 31 : r < THEME_HEAT1 ? 1u << r
			: strcmp(key, "heatmap") == 0 ? 1u << THEME_HEAT1 : 0;
		if (!bit)
			return bad(c, k, NULL, _("unknown role \"%s\" (title, tab, status, header, selected, dim, warn, "
				   "error, ok, heatmap, description)"), quoted(key, q, sizeof q));
		if (seen & bit)
			return bad(c, k, key, _("given twice"));
		seen |= bit;
		if (bit == 1u << 31) {
			const char *d = scalar(v);
			if (!d || strlen(d) >= sizeof t->description)
				return bad(c, v, NT_("description"), _("expected one line of text, at most %zu bytes"),
					   sizeof t->description - 1);
			snprintf(t->description, sizeof t->description, "%s", d);
			for (char *s = t->description; *s; s++)
				if ((unsigned char)*s < 0x20 || *s == 0x7f)
					*s = ' ';
			continue;
		}
		st = r < THEME_HEAT1 ? parse_style(c, v, (enum theme_role)r, &t->role[r]) : parse_heatmap(c, v, t);
		if (st != CH_OK)
			return st;
	}
	return CH_OK;
}

int theme_parse(const char *buf, size_t len, const char *filename, struct theme *out, struct err *e)
{
	struct ctx c = { NULL, filename && *filename ? filename : "theme", e };
	theme_default(out);
	if (len > THEME_MAX_BYTES)
		return err_set(e, CH_INVALID, _("%s: too large for a theme: %zu bytes, at most %d"), c.file, len,
			       THEME_MAX_BYTES);
	if (guard_yaml_depth(buf, len, c.file, e) != CH_OK)
		return CH_INVALID;
	yaml_parser_t parser;
	yaml_document_t doc;
	if (!yaml_parser_initialize(&parser))
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	int st;
	if (!yaml_parser_load(&parser, &doc)) {
		st = err_set(e, CH_INVALID, "%s:%lu:%lu: %s%s%s", c.file,
			     (unsigned long)parser.problem_mark.line + 1,
			     (unsigned long)parser.problem_mark.column + 1,
			     parser.problem ? parser.problem : _("not valid YAML"),
			     parser.context ? " " : "", parser.context ? parser.context : "");
	} else {
		c.d = &doc;
		st = parse_tree(&c, out);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	if (st != CH_OK)
		theme_default(out);
	else if (filename)
		snprintf(out->path, sizeof out->path, "%s", filename);
	return st;
}

int theme_load_file(const char *path, struct theme *out, struct err *e)
{
	theme_default(out);
	char *buf;
	size_t n;
	int st = guard_read_file(path, _("a theme"), THEME_MAX_BYTES, &buf, &n, e);
	if (st == CH_OK)
		st = theme_parse(buf, n, path, out, e);
	free(buf);
	return st;
}

/* ---- where themes are ------------------------------------------------- */

/* The themes of the source tree this binary was built in: DIR/../themes when
 * the binary is DIR/chorus and that holds default.yaml (build/chorus in a
 * clone finds the clone's themes before any make install). */
static int tree_themes(char *out, size_t n)
{
	char probe[PATH_MAX];
	if (!exe_dir_path("../themes/default.yaml", probe, sizeof probe) || access(probe, R_OK) != 0)
		return 0;
	if (!exe_dir_path("../themes", probe, sizeof probe))
		return 0;
	return realpath(probe, out) != NULL && strlen(out) < n;
}

int theme_dirs(char dirs[][PATH_MAX], int n)
{
	int k = 0;
	const char *env = getenv("CHORUS_THEME_DIR");
	if (k < n && xdg_path(XDG_CONFIG, "themes", dirs[k], PATH_MAX) == 0)
		k++;
	if (k < n && env && *env) {
		snprintf(dirs[k++], PATH_MAX, "%s", env);
		return k;
	}
	if (k < n && tree_themes(dirs[k], PATH_MAX))
		k++;
	if (k < n)
		snprintf(dirs[k++], PATH_MAX, "%s", CHORUS_DATADIR "/themes");
	return k;
}

static int name_ok(const char *name)
{
	size_t len = strlen(name);
	return len > 0 && len < 64 && name[0] != '.' &&
	       strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == len;
}

int theme_load(const char *name, struct theme *out, struct err *e)
{
	theme_default(out);
	if (!name || !*name)
		name = "default";
	size_t len = strlen(name);
	if (strchr(name, '/') || (len > 5 && strcmp(name + len - 5, ".yaml") == 0))
		return theme_load_file(name, out, e);
	char q[64];
	if (!name_ok(name))
		return err_set(e, CH_INVALID, _("theme \"%s\": a theme name has letters, digits, '.', '_' and '-' "
			       "(or give a path with a '/')"), quoted(name, q, sizeof q));
	char dirs[THEME_DIRS_MAX][PATH_MAX], looked[THEME_DIRS_MAX * (PATH_MAX + 2)] = "";
	int nd = theme_dirs(dirs, THEME_DIRS_MAX);
	for (int i = 0; i < nd; i++) {
		char path[PATH_MAX + 80];
		int w = snprintf(path, sizeof path, "%s/%s.yaml", dirs[i], name);
		FILE *f = w > 0 && (size_t)w < sizeof path ? fopen(path, "rb") : NULL;
		if (f) {
			fclose(f);
			return theme_load_file(path, out, e);
		}
		size_t l = strlen(looked);
		snprintf(looked + l, sizeof looked - l, "%s%s", i ? ", " : "", dirs[i]);
	}
	if (strcmp(name, "default") == 0)
		return CH_OK;   /* the built-in one */
	return err_set(e, CH_INVALID, _("theme \"%s\" not found: no %s.yaml in %s (chorus theme list shows "
		       "the themes there)"), name, name, looked);
}
