/* strategy_yaml.c — the strategy file, chorus-strategy(5): reading it with
 * libyaml's event parser and checking every field, and writing it canonically.
 *
 * The reader walks the events of one document against a table of fields per
 * kind of map (struct field), made from the core's schema (strategy_schema.h)
 * so that the file, the core's writes and the strategy panel's form keep one
 * set of rules; the shape of the format lives in those tables, not in code.  The convention of every node reader: on entry p->ev is
 * the node's first event, on return it is the node's last one.  A problem does
 * not stop the walk (the node is skipped and the next one read), so one run
 * reports every problem; only a syntax error, which leaves libyaml unable to
 * go on, ends it.  The place of every node is kept by its path
 * ("goals[1].audiences[0]") so that the checks that need the whole document
 * (duplicate names, references between lists) can still say where.
 *
 * The writer does not use libyaml's emitter: its output depends on the
 * emitter's choices of style and line width, and the round trip export →
 * import → export must be byte-identical on every version of the library.
 * Both directions work in the C locale whatever the program's locale is
 * (a Dutch LC_NUMERIC would write 0,1). */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "chorus/i18n.h"
#include "chorus/strategy_apply.h"
#include "chorus/strategy_schema.h"
#include "chorus/strategy_yaml.h"
#include "../util/atomic.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"
#include "guard.h"

/* Beyond these a file is not a strategy but an accident (or an attack on the
 * checks below, which compare names pairwise). */
#define MAX_ITEMS 1000      /* entities of one kind */
#define MAX_NAMES 100       /* names in one list (a goal's audiences) */

/* What a field holds, and so how its scalar is read and checked: the
 * schema's types (strategy_schema.h), and the file's own structure. */
enum fty {
	F_NAME = SF_NAME, F_LINE = SF_LINE, F_TEXT = SF_TEXT, F_KEY = SF_KEY, F_URL = SF_URL,
	F_COLOUR = SF_COLOUR, F_PERIOD = SF_PERIOD, F_PATTERN = SF_PATTERN, F_SEVERITY = SF_SEVERITY, F_INT = SF_INT,
	F_NUM = SF_NUM, F_BOOL = SF_BOOL, F_NAMES = SF_NAMES,
	F_MAP = SF_TYPES,   /* a nested map whose fields live in the same struct */
	F_LIST,             /* a list of maps, each one struct of size bytes */
	F_ORG,              /* organisation: its name, or a map of name, headcount, milestones */
	F_HEADCOUNT,        /* a whole number, or a list of changes (from, count) */
	F_MILESTONES,       /* a list of rising percentages */
};

struct field {
	const char *key;
	enum fty type;
	int required;
	size_t off;                 /* where the value goes, in the struct being filled */
	size_t count_off;           /* F_NAMES, F_LIST: the int that counts them */
	double lo, hi;              /* numbers: the range; text: hi = most bytes */
	const struct field *sub;    /* F_MAP, F_LIST: the fields inside */
	size_t size;                /* F_LIST: one item */
	const char *what;           /* F_LIST, F_MAP: one item, for messages */
	const char *whats;          /* F_LIST: more than one */
};

/* The maps of the file, made from the schema's tables: a table's fields,
 * with one nested map per group ("kpi", "emv", "wip"). */
#define MAP_MAX 16
struct map {
	struct field top[MAP_MAX];
	struct field group[2][MAP_MAX];
};

struct maps {
	struct map kind[STRATEGY_KINDS], options;
	struct field top[STRATEGY_KINDS + 3];
};

static void map_build(struct map *m, const struct strategy_field *sf)
{
	const char *gname[2] = { NULL, NULL };
	int n = 0, ng = 0, gn[2] = { 0, 0 };
	memset(m, 0, sizeof *m);
	for (; sf->key && n < MAP_MAX - 1; sf++) {
		struct field f = { .key = sf->key, .type = (enum fty)sf->type, .required = sf->required,
				   .off = sf->off, .count_off = sf->count_off, .lo = sf->lo, .hi = sf->hi };
		if (!sf->group) {
			m->top[n++] = f;
			continue;
		}
		int g = 0;
		while (g < ng && strcmp(gname[g], sf->group) != 0)
			g++;
		if (g == ng) {
			if (ng == 2)
				continue;   /* the schema has at most two groups in a table */
			gname[ng++] = sf->group;
			m->top[n++] = (struct field){ .key = sf->group, .type = F_MAP, .sub = m->group[g],
						      .what = sf->group };
		}
		if (gn[g] < MAP_MAX - 1)
			m->group[g][gn[g]++] = f;
	}
}

static void maps_build(struct maps *ms)
{
	static const size_t list_off[] = {
		offsetof(struct strategy, goals), offsetof(struct strategy, audiences),
		offsetof(struct strategy, pillars), offsetof(struct strategy, platforms),
		offsetof(struct strategy, message_types), offsetof(struct strategy, rules),
	};
	static const size_t count_off[] = {
		offsetof(struct strategy, ngoals), offsetof(struct strategy, naudiences),
		offsetof(struct strategy, npillars), offsetof(struct strategy, nplatforms),
		offsetof(struct strategy, nmessage_types), offsetof(struct strategy, nrules),
	};
	static const size_t size[] = {
		sizeof(struct goal), sizeof(struct audience), sizeof(struct pillar), sizeof(struct platform),
		sizeof(struct message_type), sizeof(struct policy_rule),
	};
	int n = 0;
	ms->top[n++] = (struct field){ .key = "organisation", .type = F_ORG, .required = 1,
				       .off = offsetof(struct strategy, organisation), .hi = 255 };
	for (int k = 0; k < STRATEGY_KINDS; k++) {
		map_build(&ms->kind[k], strategy_fields((enum strategy_kind)k));
		ms->top[n++] = (struct field){ .key = strategy_yaml_section((enum strategy_kind)k), .type = F_LIST,
					       .required = 1, .off = list_off[k], .count_off = count_off[k],
					       .sub = ms->kind[k].top, .size = size[k],
					       .what = strategy_kind_name((enum strategy_kind)k, 0),
					       .whats = strategy_kind_name((enum strategy_kind)k, 1) };
	}
	map_build(&ms->options, strategy_option_fields());
	ms->top[n++] = (struct field){ .key = "options", .type = F_MAP, .sub = ms->options.top, .what = "options" };
	ms->top[n] = (struct field){ .key = NULL };
}

const char *strategy_yaml_section(enum strategy_kind kind)
{
	static const char *const names[] = {
		[SK_GOAL] = "goals", [SK_AUDIENCE] = "audiences", [SK_PILLAR] = "pillars",
		[SK_PLATFORM] = "platforms", [SK_MESSAGE_TYPE] = "message_types", [SK_RULE] = "policy",
	};
	return kind >= SK_GOAL && kind <= SK_RULE ? names[kind] : "?";
}

/* The program's locale with C numbers, for uselocale: the rest (the
 * language of the messages above all) stays the person's; a base of 0
 * would make it all "C", and gettext would speak English.  (locale_t)0
 * when the numbers are C's already, as chorus keeps them (i18n.h): then
 * nothing need change, and glibc's newlocale, which leaks when $LOCPATH
 * is set, is not called. */
static locale_t c_numbers(void)
{
	if (strcmp(nl_langinfo(RADIXCHAR), ".") == 0 && !*nl_langinfo(THOUSEP))
		return (locale_t)0;
	locale_t base = duplocale(LC_GLOBAL_LOCALE);
	locale_t c = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
	if (base && !c)
		freelocale(base);
	return c;
}

/* --- the walk's state and its problems -------------------------------------- */

struct sy {
	yaml_parser_t yp;
	int depth;              /* collections open at p->ev */
	yaml_event_t ev;
	int live;                 /* ev holds an event that must be deleted */
	int stop;                 /* syntax error or out of memory: no more events */
	int oom;
	const char *buf;
	size_t len;
	struct strategy_yaml_doc *doc;
};

__attribute__((format(printf, 5, 0)))
static void add_error(struct sy *p, int line, int column, const char *path, const char *fmt, va_list ap)
{
	struct strategy_yaml_doc *d = p->doc;
	if (d->nerrors >= STRATEGY_YAML_MAX_ERRORS) {
		d->more_errors++;
		return;
	}
	if (!d->errors && !(d->errors = calloc(STRATEGY_YAML_MAX_ERRORS, sizeof *d->errors))) {
		p->oom = p->stop = 1;
		return;
	}
	struct strategy_yaml_error *er = &d->errors[d->nerrors++];
	er->line = line;
	er->column = column;
	snprintf(er->path, sizeof er->path, "%s", path ? path : "");
	vsnprintf(er->msg, sizeof er->msg, fmt, ap);
}

__attribute__((format(printf, 5, 6)))
static void err_at(struct sy *p, int line, int column, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_error(p, line, column, path, fmt, ap);
	va_end(ap);
}

/* libyaml's marks count from 0; people count from 1. */
__attribute__((format(printf, 4, 5)))
static void err_mark(struct sy *p, yaml_mark_t m, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_error(p, (int)m.line + 1, (int)m.column + 1, path, fmt, ap);
	va_end(ap);
}

static void remember(struct sy *p, const char *path, yaml_mark_t m)
{
	struct strategy_yaml_doc *d = p->doc;
	if (d->nmarks == d->capmarks) {
		int cap = d->capmarks ? d->capmarks * 2 : 64;
		struct strategy_yaml_mark *n = realloc(d->marks, (size_t)cap * sizeof *n);
		if (!n) {
			p->oom = p->stop = 1;
			return;
		}
		d->marks = n;
		d->capmarks = cap;
	}
	char *copy = strdup(path);
	if (!copy) {
		p->oom = p->stop = 1;
		return;
	}
	d->marks[d->nmarks++] = (struct strategy_yaml_mark){ copy, (int)m.line + 1, (int)m.column + 1 };
}

int strategy_yaml_where(const struct strategy_yaml_doc *doc, const char *path, int *line, int *column)
{
	for (int i = 0; i < doc->nmarks; i++)
		if (strcmp(doc->marks[i].path, path) == 0) {
			*line = doc->marks[i].line;
			*column = doc->marks[i].column;
			return 1;
		}
	*line = *column = 0;
	return 0;
}

/* A reader error has only a byte offset: count lines and characters up to it
 * the way libyaml counts its marks. */
static void offset_place(const char *buf, size_t len, size_t off, int *line, int *column)
{
	int l = 1, c = 1;
	size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (off > len)
		off = len;
	for (; i < off; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (ch == '\n' || (ch == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80 && ch != '\r') {
			c++;
		}
	}
	*line = l;
	*column = c;
}

/* Say why libyaml stopped, where. */
static void syntax_error(struct sy *p)
{
	yaml_parser_t *y = &p->yp;
	p->stop = 1;
	if (y->error == YAML_MEMORY_ERROR) {
		p->oom = 1;
		return;
	}
	const char *problem = y->problem ? y->problem : _("cannot be parsed");
	if (y->error == YAML_READER_ERROR) {
		int line, column;
		offset_place(p->buf, p->len, y->problem_offset, &line, &column);
		if (y->problem_value != -1)
			err_at(p, line, column, "", "%s (#x%X)", problem, (unsigned)y->problem_value);
		else
			err_at(p, line, column, "", "%s", problem);
		return;
	}
	if (y->context)
		err_mark(p, y->problem_mark, "", _("%s (%s at line %d, column %d)"), problem, y->context,
			 (int)y->context_mark.line + 1, (int)y->context_mark.column + 1);
	else
		err_mark(p, y->problem_mark, "", "%s", problem);
}

/* The next event in p->ev; 0 when there is none to be had. */
static int next(struct sy *p)
{
	if (p->live) {
		yaml_event_delete(&p->ev);
		p->live = 0;
	}
	if (p->stop)
		return 0;
	if (!yaml_parser_parse(&p->yp, &p->ev)) {
		syntax_error(p);
		return 0;
	}
	p->live = 1;
	/* Refused before libyaml goes deep: its scanner is quadratic in the
	 * nesting depth, and the format needs about 5 levels. */
	if (p->ev.type == YAML_SEQUENCE_START_EVENT || p->ev.type == YAML_MAPPING_START_EVENT) {
		if (++p->depth > GUARD_YAML_DEPTH) {
			err_mark(p, p->ev.start_mark, "", _("nested deeper than %d levels"), GUARD_YAML_DEPTH);
			p->stop = 1;
			return 0;
		}
	} else if (p->ev.type == YAML_SEQUENCE_END_EVENT || p->ev.type == YAML_MAPPING_END_EVENT) {
		p->depth--;
	}
	return 1;
}

/* Consume the rest of the node that starts at p->ev. */
static void skip(struct sy *p)
{
	if (p->ev.type != YAML_SEQUENCE_START_EVENT && p->ev.type != YAML_MAPPING_START_EVENT)
		return;
	int depth = 1;
	while (depth > 0 && next(p)) {
		switch (p->ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			depth++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
	}
}

static int is_null(const yaml_event_t *ev)
{
	if (ev->type != YAML_SCALAR_EVENT || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	const char *v = (const char *)ev->data.scalar.value;
	return ev->data.scalar.length == 0 || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	       strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

/* Copy src into out (n bytes), cut when too long. */
static void copy_cut(char *out, size_t n, const char *src)
{
	size_t l = strlen(src);
	if (l >= n)
		l = n - 1;
	memcpy(out, src, l);
	out[l] = 0;
}

/* Decode one UTF-8 character (libyaml has checked the encoding; a bad
 * byte would count as one, U+FFFD). */
static unsigned next_char(const unsigned char *s, size_t len, size_t *i)
{
	uint32_t cp;
	size_t n = utf8_decode((const char *)s + *i, len - *i, &cp);
	*i += n ? n : 1;
	return n ? cp : 0xFFFD;
}

/* Text of a scalar fit for a message (and a terminal): control characters,
 * C1 ones included, shown as '?'; cut at whole characters; quoted or bare. */
static void show_text(const char *s, size_t len, int quote, char *out, size_t n)
{
	size_t o = 0, i = 0, limit = n - 6 < 40 ? n - 6 : 40;   /* room for quotes, "..." and NUL */
	if (quote)
		out[o++] = '"';
	while (i < len) {
		size_t j = i;
		unsigned cp = next_char((const unsigned char *)s, len, &j);
		if (o + (j - i) > limit)
			break;
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == '"') {
			out[o++] = '?';
			i = j;
			continue;
		}
		while (i < j)
			out[o++] = s[i++];
	}
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	if (quote)
		out[o++] = '"';
	out[o] = 0;
}

/* What a node is, for "expected X, got Y". */
static void describe(const yaml_event_t *ev, char *out, size_t n)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (is_null(ev))
			snprintf(out, n, "%s", _("nothing"));
		else
			show_text((const char *)ev->data.scalar.value, ev->data.scalar.length, 1, out, n);
		break;
	case YAML_SEQUENCE_START_EVENT: snprintf(out, n, "%s", _("a list")); break;
	case YAML_MAPPING_START_EVENT: snprintf(out, n, "%s", _("a mapping")); break;
	case YAML_ALIAS_EVENT: snprintf(out, n, "%s", _("an alias")); break;
	default: snprintf(out, n, "%s", _("something else")); break;
	}
}

static void wrong_type(struct sy *p, const char *path, const char *expected)
{
	char got[64];
	describe(&p->ev, got, sizeof got);
	err_mark(p, p->ev.start_mark, path, _("expected %s, got %s"), expected, got);
	skip(p);
}

/* Aliases would let a small file expand into a huge one, and tags would make
 * "5" mean different things; the format needs neither.  1 when refused. */
static int refuse_extras(struct sy *p, const char *path)
{
	const yaml_char_t *tag = NULL;
	if (p->ev.type == YAML_ALIAS_EVENT) {
		err_mark(p, p->ev.start_mark, path, _("aliases (*name) are not supported in a strategy file"));
		return 1;
	}
	if (p->ev.type == YAML_SCALAR_EVENT)
		tag = p->ev.data.scalar.tag;
	else if (p->ev.type == YAML_SEQUENCE_START_EVENT)
		tag = p->ev.data.sequence_start.tag;
	else if (p->ev.type == YAML_MAPPING_START_EVENT)
		tag = p->ev.data.mapping_start.tag;
	if (tag) {
		err_mark(p, p->ev.start_mark, path, _("tags (%.40s) are not supported in a strategy file"),
			 (const char *)tag);
		skip(p);
		return 1;
	}
	return 0;
}

/* --- checking a scalar ------------------------------------------------------ */

/* Plain decimal numbers only: strtod alone would also take "inf", "0x1p3"
 * and "1,5" (in some locales), none of which a person means here. */
static int number_syntax(const char *s, int whole)
{
	const char *q = s;
	if (*q == '-' || *q == '+')
		q++;
	size_t digits = strspn(q, "0123456789");
	q += digits;
	if (!whole && *q == '.') {
		size_t frac = strspn(q + 1, "0123456789");
		digits += frac;
		q += 1 + frac;
	}
	if (!digits)
		return 0;
	if (!whole && (*q == 'e' || *q == 'E')) {
		q++;
		if (*q == '-' || *q == '+')
			q++;
		size_t ex = strspn(q, "0123456789");
		if (!ex)
			return 0;
		q += ex;
	}
	return *q == 0;
}

/* PATH.key or PATH[index]: cut when too long, a path only names a place. */
static void sub_path(char *out, size_t n, const char *path, const char *key, int index)
{
	char tail[80];
	if (key)
		snprintf(tail, sizeof tail, "%s%.64s", *path ? "." : "", key);
	else
		snprintf(tail, sizeof tail, "[%d]", index);
	copy_cut(out, n, path);
	size_t l = strlen(out);
	copy_cut(out + l, n - l, tail);
}

static void *at(void *base, size_t off)
{
	return (char *)base + off;
}

/* A scalar field: check it and store it at base + f->off. */
static void scalar(struct sy *p, const struct field *f, void *base, const char *path)
{
	static const char *const expect[] = {
		[F_NAME] = N_("text"), [F_LINE] = N_("text"), [F_TEXT] = N_("text"), [F_KEY] = N_("a platform key"),
		[F_URL] = N_("a URL"), [F_COLOUR] = N_("a colour"), [F_PERIOD] = N_("a calendar period"),
		[F_PATTERN] = N_("a pattern"), [F_SEVERITY] = N_("info, warn or block"),
		[F_INT] = N_("a whole number"), [F_NUM] = N_("a number"), [F_BOOL] = N_("true or false"),
	};
	if (refuse_extras(p, path))
		return;
	if (p->ev.type != YAML_SCALAR_EVENT) {
		wrong_type(p, path, _(expect[f->type]));
		return;
	}
	remember(p, path, p->ev.start_mark);
	const char *v = (const char *)p->ev.data.scalar.value;
	size_t len = p->ev.data.scalar.length;
	int plain = p->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	char why[256], got[64];
	describe(&p->ev, got, sizeof got);
	switch (f->type) {
	case F_INT:
	case F_NUM: {
		double d = 0;
		char *end = NULL;
		if (plain && number_syntax(v, f->type == F_INT))
			d = strtod(v, &end);
		if (!plain && number_syntax(v, f->type == F_INT)) {
			err_mark(p, p->ev.start_mark, path, _("expected %s, got %s in quotes, which is text: "
				 "remove the quotes"), _(expect[f->type]), got);
		} else if (!end || !isfinite(d)) {
			err_mark(p, p->ev.start_mark, path, _("expected %s, got %s"), _(expect[f->type]), got);
		} else if (d < f->lo || d > f->hi) {
			err_mark(p, p->ev.start_mark, path, _("expected %s from %.10g to %.10g, got %s"),
				 _(expect[f->type]), f->lo, f->hi, got);
		} else if (f->type == F_INT) {
			*(int *)at(base, f->off) = (int)d;
		} else {
			*(double *)at(base, f->off) = d == 0 ? 0 : d;   /* no -0 */
		}
		return;
	}
	case F_BOOL:
		if (plain && (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE")))
			*(int *)at(base, f->off) = 1;
		else if (plain && (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE")))
			*(int *)at(base, f->off) = 0;
		else
			err_mark(p, p->ev.start_mark, path, _("expected true or false, got %s"), got);
		return;
	case F_SEVERITY: {
		int sev = severity_parse(v);
		if (sev < 0 || strlen(v) != len)
			err_mark(p, p->ev.start_mark, path, _("expected info, warn or block, got %s"), got);
		else
			*(enum severity *)at(base, f->off) = (enum severity)sev;
		return;
	}
	default:
		break;
	}
	/* Text.  A null (an empty value) is empty text, which only names refuse. */
	if (is_null(&p->ev)) {
		v = "";
		len = 0;
	}
	const char *problem = strategy_text_problem((enum strategy_ftype)f->type, f->hi, v, len, why, sizeof why);
	if (problem) {
		err_mark(p, p->ev.start_mark, path, "%s", problem);
		return;
	}
	char **slot = at(base, f->off);
	free(*slot);
	if (!(*slot = strdup(v)))
		p->oom = p->stop = 1;
}

/* A list of names: references to entries of another list. */
static void names(struct sy *p, const struct field *f, void *base, const char *path)
{
	if (refuse_extras(p, path))
		return;
	if (p->ev.type != YAML_SEQUENCE_START_EVENT) {
		wrong_type(p, path, _("a list of names"));
		return;
	}
	remember(p, path, p->ev.start_mark);
	char ***arr = at(base, f->off);
	int *n = at(base, f->count_off), cap = 0;
	while (next(p) && p->ev.type != YAML_SEQUENCE_END_EVENT) {
		char sub[160];
		sub_path(sub, sizeof sub, path, NULL, *n);
		if (*n >= MAX_NAMES) {
			if (*n == MAX_NAMES)
				err_mark(p, p->ev.start_mark, sub, _("too many: at most %d"), MAX_NAMES);
			(*n)++;   /* counted, not kept: only the message needs it */
			skip(p);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			char **m = realloc(*arr, (size_t)cap * sizeof *m);
			if (!m) {
				p->oom = p->stop = 1;
				return;
			}
			*arr = m;
		}
		/* Every item takes its slot, valid or not, so that [i] stays the file's. */
		(*arr)[(*n)++] = NULL;
		struct field item = { .key = f->key, .type = F_NAME, .hi = f->hi };
		scalar(p, &item, *arr + *n - 1, sub);
		char *name = (*arr)[*n - 1];
		for (int i = 0; name && i < *n - 1; i++)
			if ((*arr)[i] && strcmp((*arr)[i], name) == 0) {
				err_mark(p, p->ev.start_mark, sub, _("\"%s\" is listed twice"), name);
				break;
			}
	}
	if (*n > MAX_NAMES)
		*n = MAX_NAMES;
}

static void mapping(struct sy *p, const struct field *fields, void *base, const char *path,
		    const char *what);

/* A list of maps: goals, audiences, ... */
static void list(struct sy *p, const struct field *f, void *base, const char *path)
{
	if (refuse_extras(p, path))
		return;
	if (p->ev.type != YAML_SEQUENCE_START_EVENT) {
		char expected[64];
		snprintf(expected, sizeof expected, _("a list of %s"), _(f->whats));
		wrong_type(p, path, expected);
		return;
	}
	remember(p, path, p->ev.start_mark);
	void **arr = at(base, f->off);
	int *n = at(base, f->count_off), cap = 0, seen = 0;
	while (next(p) && p->ev.type != YAML_SEQUENCE_END_EVENT) {
		char sub[160];
		sub_path(sub, sizeof sub, path, NULL, seen++);
		if (*n >= MAX_ITEMS) {
			if (seen == MAX_ITEMS + 1)
				err_mark(p, p->ev.start_mark, sub, _("too many %s: at most %d"), _(f->whats), MAX_ITEMS);
			skip(p);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			char *m = realloc(*arr, (size_t)cap * f->size);
			if (!m) {
				p->oom = p->stop = 1;
				return;
			}
			*arr = m;
		}
		void *item = (char *)*arr + (size_t)(*n)++ * f->size;
		memset(item, 0, f->size);
		remember(p, sub, p->ev.start_mark);
		mapping(p, f->sub, item, sub, _(f->what));
	}
}

/* A change of the headcount, as read: from is checked as a date after. */
struct change_read {
	char *from;
	int count;
};

/* At a list: remember where and 1; else say what was expected and 0. */
static int list_start(struct sy *p, const char *path, const char *expected)
{
	if (p->ev.type != YAML_SEQUENCE_START_EVENT) {
		wrong_type(p, path, expected);
		return 0;
	}
	remember(p, path, p->ev.start_mark);
	return 1;
}

/* The next item of a list: its path (PATH[i]) into sub and its place into
 * *m; 0 at the end. */
static int list_item(struct sy *p, const char *path, int *seen, char *sub, size_t n, yaml_mark_t *m)
{
	if (!next(p) || p->ev.type == YAML_SEQUENCE_END_EVENT)
		return 0;
	sub_path(sub, n, path, NULL, (*seen)++);
	*m = p->ev.start_mark;
	return 1;
}

/* organisation.headcount: one number (all along), or changes in date order. */
static void headcount(struct sy *p, void *base, const char *path)
{
	struct strategy *st = base;
	static const struct field count = { .key = "headcount", .type = F_INT, .lo = 1, .hi = STRATEGY_HEADCOUNT_MAX };
	static const struct field change[] = {
		{ .key = "from", .type = F_LINE, .required = 1, .off = offsetof(struct change_read, from), .hi = 40 },
		{ .key = "count", .type = F_INT, .required = 1, .off = offsetof(struct change_read, count),
		  .lo = 1, .hi = STRATEGY_HEADCOUNT_MAX },
		{ .key = NULL },
	};
	if (refuse_extras(p, path))
		return;
	if (p->ev.type == YAML_SCALAR_EVENT) {
		int n = 0;
		scalar(p, &count, &n, path);
		if (n > 0 && (st->headcount = calloc(1, sizeof *st->headcount))) {
			st->headcount[0] = (struct headcount_change){ 0, n };
			st->nheadcount = 1;
		}
		return;
	}
	if (!list_start(p, path, _("a whole number or a list of changes (from, count)")))
		return;
	int seen = 0;
	char sub[160];
	yaml_mark_t m;
	while (list_item(p, path, &seen, sub, sizeof sub, &m)) {
		struct change_read c = { NULL, 0 };
		remember(p, sub, m);
		mapping(p, change, &c, sub, _("change"));
		int64_t from = c.from ? time_date_parse(c.from) : -1;
		char at[170];
		snprintf(at, sizeof at, "%s.from", sub);
		if (c.from && from < 0) {
			err_mark(p, m, at, _("expected a date (YYYY-MM-DD), got \"%.20s\""), c.from);
		} else if (c.from && st->nheadcount && from <= st->headcount[st->nheadcount - 1].from) {
			err_mark(p, m, at, _("the changes must be in date order: %s is not after the one before"), c.from);
		} else if (c.from && c.count > 0 && seen <= STRATEGY_HEADCOUNT_CHANGES) {
			struct headcount_change *h = realloc(st->headcount, (size_t)(st->nheadcount + 1) * sizeof *h);
			if (!h)
				p->oom = p->stop = 1;
			else {
				st->headcount = h;
				h[st->nheadcount++] = (struct headcount_change){ from, c.count };
			}
		} else if (seen == STRATEGY_HEADCOUNT_CHANGES + 1) {
			err_mark(p, m, sub, _("too many changes: at most %d"), STRATEGY_HEADCOUNT_CHANGES);
		}
		free(c.from);
	}
}

/* organisation.milestones: rising percentages above 0, at most 100. */
static void milestones(struct sy *p, void *base, const char *path)
{
	struct strategy *st = base;
	static const struct field pct = { .key = "milestones", .type = F_NUM, .lo = 0, .hi = 100 };
	if (refuse_extras(p, path))
		return;
	if (!list_start(p, path, _("a list of percentages")))
		return;
	int seen = 0;
	char sub[160];
	yaml_mark_t m;
	while (list_item(p, path, &seen, sub, sizeof sub, &m)) {
		double v = -1;
		scalar(p, &pct, &v, sub);
		if (v == -1)
			continue;   /* said already */
		if (st->nmilestones == STRATEGY_MILESTONES_MAX)
			err_mark(p, m, sub, _("too many milestones: at most %d"), STRATEGY_MILESTONES_MAX);
		else if (v <= 0)
			err_mark(p, m, sub, _("a milestone is a percentage above 0, got 0"));
		else if (st->nmilestones && v <= st->milestones[st->nmilestones - 1])
			err_mark(p, m, sub, _("the milestones must rise: %g comes after %g"), v,
				 st->milestones[st->nmilestones - 1]);
		else
			st->milestones[st->nmilestones++] = v;
	}
}

/* organisation: its name alone, or a map with the name and the headcount. */
static void organisation(struct sy *p, const struct field *f, void *base, const char *path)
{
	const struct field fields[] = {
		{ .key = "name", .type = F_NAME, .required = 1, .off = f->off, .hi = f->hi },
		{ .key = "headcount", .type = F_HEADCOUNT },
		{ .key = "milestones", .type = F_MILESTONES },
		{ .key = NULL },
	};
	struct field name = *f;
	name.type = F_NAME;
	if (p->ev.type == YAML_MAPPING_START_EVENT)
		mapping(p, fields, base, path, _("organisation"));
	else
		scalar(p, &name, base, path);
}

static void value(struct sy *p, const struct field *f, void *base, const char *path)
{
	switch (f->type) {
	case F_ORG: organisation(p, f, base, path); break;
	case F_HEADCOUNT: headcount(p, base, path); break;
	case F_MILESTONES: milestones(p, base, path); break;
	case F_MAP: mapping(p, f->sub, base, path, f->what); break;
	case F_LIST: list(p, f, base, path); break;
	case F_NAMES: names(p, f, base, path); break;
	default: scalar(p, f, base, path); break;
	}
}

/* "title, description, audiences or kpi" */
static void key_list(const struct field *fields, char *out, size_t n)
{
	size_t o = 0;
	out[0] = 0;
	for (const struct field *f = fields; f->key && o < n; f++) {
		const char *sep = f == fields ? "" : f[1].key ? ", " : _(" or ");
		o += (size_t)snprintf(out + o, n - o, "%s%s", sep, f->key);
	}
}

/* A map of known keys: each at most once, the required ones present. */
static void mapping(struct sy *p, const struct field *fields, void *base, const char *path,
		    const char *what)
{
	char keys[256];
	key_list(fields, keys, sizeof keys);
	if (refuse_extras(p, path))
		return;
	if (p->ev.type != YAML_MAPPING_START_EVENT) {
		char expected[300];
		snprintf(expected, sizeof expected, _("a mapping (%s)"), keys);
		wrong_type(p, path, expected);
		return;
	}
	yaml_mark_t start = p->ev.start_mark, first[16];
	int nf = 0, seen[16] = {0};
	while (fields[nf].key)
		nf++;
	while (next(p) && p->ev.type != YAML_MAPPING_END_EVENT) {
		yaml_mark_t kmark = p->ev.start_mark;
		char key[64] = "", sub[160];
		int known = -1;
		if (p->ev.type == YAML_SCALAR_EVENT && !p->ev.data.scalar.tag) {
			key[0] = '?';
			for (int i = 0; i < nf; i++)
				if (strcmp((const char *)p->ev.data.scalar.value, fields[i].key) == 0)
					known = i;
			if (known >= 0)
				snprintf(key, sizeof key, "%s", fields[known].key);
		} else {
			err_mark(p, kmark, path, _("a key must be plain text"));
			skip(p);
		}
		if (known < 0 && key[0])   /* the key as written, for the message's path */
			show_text((const char *)p->ev.data.scalar.value, p->ev.data.scalar.length, 0,
				  key, sizeof key);
		sub_path(sub, sizeof sub, path, key, 0);
		if (!next(p))   /* the value */
			return;
		if (known < 0) {
			if (key[0])
				err_mark(p, kmark, sub, _("unknown key (expected %s)"), keys);
			skip(p);
		} else if (seen[known]) {
			err_mark(p, kmark, sub, _("duplicate key \"%s\" (the first is at line %d, column %d)"),
				 key, (int)first[known].line + 1, (int)first[known].column + 1);
			skip(p);
		} else {
			seen[known] = 1;
			first[known] = kmark;
			value(p, &fields[known], base, sub);
		}
	}
	if (p->stop)
		return;
	for (int i = 0; i < nf; i++) {
		if (seen[i] || !fields[i].required)
			continue;
		char sub[160];
		sub_path(sub, sizeof sub, path, fields[i].key, 0);
		if (fields[i].type == F_LIST)
			err_mark(p, start, sub, _("missing (write \"%s: []\" when there are none)"), fields[i].key);
		else if (what)
			err_mark(p, start, sub, _("missing: every %s needs a %s"), what, fields[i].key);
		else
			err_mark(p, start, sub, _("missing: the strategy needs it"));
	}
}

/* --- checks across the document --------------------------------------------- */

/* The field that holds a kind's natural key (NULL in a file that lacks it). */
static const char *key_field(enum strategy_kind k)
{
	return strategy_fields(k)[0].key;
}

struct named {
	const char *name;
	int index;
};

static int by_name_nocase(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);
	return c ? c : x->index - y->index;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* The entities of a kind that have a key, sorted (case-insensitively when
 * nocase); NULL with *n = 0 when there are none or memory ran out. */
static struct named *sorted_keys(struct sy *p, enum strategy_kind k, int nocase, int *n)
{
	const struct strategy *st = &p->doc->st;
	int total = strategy_count(st, k);
	struct named *v = total ? malloc((size_t)total * sizeof *v) : NULL;
	*n = 0;
	if (total && !v) {
		p->oom = 1;
		return NULL;
	}
	for (int i = 0; i < total; i++)
		if (strategy_key(st, k, i))
			v[(*n)++] = (struct named){ strategy_key(st, k, i), i };
	if (*n > 1)   /* qsort of NULL, even of nothing, is undefined */
		qsort(v, (size_t)*n, sizeof *v, nocase ? by_name_nocase : by_name);
	return v;
}

/* Two entities of a kind with one name: the second one is the mistake.
 * Case does not make a name different: chorus submit --pillar finds a pillar
 * whatever its case. */
static void check_duplicates(struct sy *p, enum strategy_kind k)
{
	int n;
	struct named *v = sorted_keys(p, k, 1, &n);
	const char *field = key_field(k);
	for (int i = 1; i < n; i++) {
		if (strcasecmp(v[i - 1].name, v[i].name) != 0)
			continue;
		char path[160], first[160];
		int line, column, fl, fc;
		snprintf(path, sizeof path, "%s[%d].%s", strategy_yaml_section(k), v[i].index, field);
		snprintf(first, sizeof first, "%s[%d].%s", strategy_yaml_section(k), v[i - 1].index, field);
		strategy_yaml_where(p->doc, path, &line, &column);
		strategy_yaml_where(p->doc, first, &fl, &fc);
		err_at(p, line, column, path, _("a second %s \"%s\" (the first is %s[%d], line %d)"),
		       _(strategy_kind_name(k, 0)), v[i].name, strategy_yaml_section(k), v[i - 1].index, fl);
	}
	free(v);
}

/* Every name in a list of references must be defined in the target's list. */
static void check_refs(struct sy *p, enum strategy_kind owner, enum strategy_kind target,
		       const char *list_key, size_t names_off, size_t count_off, size_t owner_size,
		       void *owners)
{
	int n;
	struct named *v = sorted_keys(p, target, 0, &n);
	int nowners = strategy_count(&p->doc->st, owner);
	for (int o = 0; o < nowners && !p->oom; o++) {
		void *item = (char *)owners + (size_t)o * owner_size;
		char **refs = *(char ***)at(item, names_off);
		int nrefs = *(int *)at(item, count_off);
		for (int r = 0; r < nrefs; r++) {
			struct named key = { refs[r], 0 };
			if (!refs[r] || (n && bsearch(&key, v, (size_t)n, sizeof *v, by_name)))
				continue;
			char path[160];
			int line, column;
			snprintf(path, sizeof path, "%s[%d].%s[%d]", strategy_yaml_section(owner), o, list_key, r);
			strategy_yaml_where(p->doc, path, &line, &column);
			err_at(p, line, column, path, target == SK_PLATFORM
			       ? _("no %s with the key \"%s\" is defined under %s")
			       : _("no %s named \"%s\" is defined under %s"),
			       _(strategy_kind_name(target, 0)), refs[r], strategy_yaml_section(target));
		}
	}
	free(v);
}

static void check_document(struct sy *p)
{
	struct strategy *st = &p->doc->st;
	for (int k = SK_GOAL; k <= SK_RULE; k++)
		check_duplicates(p, (enum strategy_kind)k);
	check_refs(p, SK_GOAL, SK_AUDIENCE, "audiences", offsetof(struct goal, audiences),
		   offsetof(struct goal, naudiences), sizeof(struct goal), st->goals);
	check_refs(p, SK_AUDIENCE, SK_PLATFORM, "platforms", offsetof(struct audience, platforms),
		   offsetof(struct audience, nplatforms), sizeof(struct audience), st->audiences);
}

/* Problems in the order of the file; the cross checks came last. */
static int by_place(const void *a, const void *b)
{
	const struct strategy_yaml_error *x = a, *y = b;
	if (x->line != y->line)
		return x->line - y->line;
	if (x->column != y->column)
		return x->column - y->column;
	return x < y ? -1 : x > y;
}

/* Defaults of what a file may leave out (chorus-strategy(5), OPTIONS). */
static void defaults(struct strategy *st)
{
	st->quiet_weeks = 4;
	st->adoption_target = 0.10;
}

/* Empty text rather than NULL everywhere a file may leave a field out, so that
 * what was read compares with what the database gives back. */
static int fill_empty(char **s)
{
	return *s || (*s = strdup("")) ? 0 : -1;
}

static int fill_all(struct strategy *st)
{
	int bad = 0;
	for (int k = SK_GOAL; k <= SK_RULE; k++)
		for (int i = 0; i < strategy_count(st, (enum strategy_kind)k); i++)
			for (const struct strategy_field *f = strategy_fields((enum strategy_kind)k); f->key; f++)
				if (SF_IS_TEXT(f->type) && !f->required)   /* the text a file may leave out */
					bad |= fill_empty((char **)((char *)strategy_entity(st, k, i) + f->off));
	return bad;
}

static void parse_stream(struct sy *p)
{
	if (!next(p) || !next(p))   /* stream start, then a document or the end */
		return;
	if (p->ev.type == YAML_STREAM_END_EVENT) {
		err_mark(p, p->ev.start_mark, "", _("empty: no strategy document"));
		return;
	}
	if (!next(p))   /* the root node */
		return;
	if (is_null(&p->ev)) {
		err_mark(p, p->ev.start_mark, "", _("empty: no strategy document"));
	} else {
		struct maps *ms = malloc(sizeof *ms);
		if (!ms) {
			p->oom = p->stop = 1;
			return;
		}
		maps_build(ms);
		mapping(p, ms->top, &p->doc->st, "", NULL);
		free(ms);
	}
	if (!next(p) || !next(p))   /* document end, then the stream's end */
		return;
	if (p->ev.type == YAML_DOCUMENT_START_EVENT)
		err_mark(p, p->ev.start_mark, "", _("a second document: a strategy file holds exactly one"));
}

int strategy_yaml_parse(const char *buf, size_t len, struct strategy_yaml_doc *doc, struct err *e)
{
	memset(doc, 0, sizeof *doc);
	defaults(&doc->st);
	struct sy p;
	memset(&p, 0, sizeof p);
	p.buf = buf;
	p.len = len;
	p.doc = doc;
	if (!yaml_parser_initialize(&p.yp))
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	/* Only UTF-8: a stray 0xFF must be an error, not a guess at UTF-16. */
	yaml_parser_set_encoding(&p.yp, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p.yp, (const unsigned char *)buf, len);
	locale_t c = c_numbers();
	locale_t old = c ? uselocale(c) : (locale_t)0;
	parse_stream(&p);
	if (p.live)
		yaml_event_delete(&p.ev);
	yaml_parser_delete(&p.yp);
	if (c) {
		uselocale(old);
		freelocale(c);
	}
	if (!p.stop && !p.oom)
		check_document(&p);
	if (!p.oom && fill_all(&doc->st))
		p.oom = 1;
	if (p.oom)
		return err_set(e, CH_UNUSABLE, _("out of memory reading the strategy"));
	if (doc->nerrors) {
		qsort(doc->errors, (size_t)doc->nerrors, sizeof *doc->errors, by_place);
		int all = doc->nerrors + doc->more_errors;
		return err_set(e, CH_INVALID, P_("%d problem in the strategy", "%d problems in the strategy", all), all);
	}
	return CH_OK;
}

void strategy_yaml_doc_free(struct strategy_yaml_doc *doc)
{
	strategy_free(&doc->st);
	free(doc->errors);
	for (int i = 0; i < doc->nmarks; i++)
		free(doc->marks[i].path);
	free(doc->marks);
	memset(doc, 0, sizeof *doc);
}

/* --- reading the file ------------------------------------------------------- */

int strategy_yaml_read(const char *path, char **buf, size_t *len, struct err *e)
{
	int from_stdin = strcmp(path, "-") == 0;
	const char *name = from_stdin ? _("standard input") : path;
	*buf = NULL;
	*len = 0;
	FILE *f = from_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return err_set(e, CH_INVALID, "%s: %s", name, strerror(errno));
	struct stat sb;
	int st = CH_OK;
	/* Refuse a big file before reading any of it. */
	if (fstat(fileno(f), &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			st = err_set(e, CH_INVALID, _("%s is a directory"), name);
		else if (S_ISREG(sb.st_mode) && sb.st_size > STRATEGY_YAML_MAX)
			st = err_set(e, CH_INVALID, _("%s: too large: %lld bytes; a strategy file has at most %d"),
				     name, (long long)sb.st_size, STRATEGY_YAML_MAX);
	}
	size_t cap = 0, n = 0;
	char *b = NULL;
	while (st == CH_OK) {
		if (n + 1 >= cap) {
			size_t ncap = cap ? cap * 2 : 16384;
			char *m = realloc(b, ncap);
			if (!m) {
				st = err_set(e, CH_UNUSABLE, _("out of memory"));
				break;
			}
			b = m;
			cap = ncap;
		}
		size_t got = fread(b + n, 1, cap - n - 1, f);
		n += got;
		if (n > STRATEGY_YAML_MAX) {   /* a pipe has no size to look at first */
			st = err_set(e, CH_INVALID, _("%s: too large: more than %d bytes"), name, STRATEGY_YAML_MAX);
			break;
		}
		if (got == 0) {
			if (ferror(f))
				st = err_set(e, CH_INVALID, "%s: %s", name, strerror(errno));
			break;
		}
	}
	if (!from_stdin)
		fclose(f);
	if (st != CH_OK) {
		free(b);
		return st;
	}
	if (!b && !(b = malloc(1)))
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	b[n] = 0;
	*buf = b;
	*len = n;
	return CH_OK;
}

/* --- writing ---------------------------------------------------------------- */

/* Free text, always double-quoted: every character either as it is or as an
 * escape, so nothing depends on YAML's rules for plain scalars. */
static void put_text(FILE *f, const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)u);
	fputc('"', f);
	for (size_t i = 0; i < len;) {
		unsigned char c = u[i];
		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
			i++;
			continue;
		}
		if (c < 0x80) {
			if (c == '\n')
				fputs("\\n", f);
			else if (c == '\t')
				fputs("\\t", f);
			else if (c == '\r')
				fputs("\\r", f);
			else if (c < 0x20 || c == 0x7F)
				fprintf(f, "\\x%02X", c);
			else
				fputc(c, f);
			i++;
			continue;
		}
		/* Well-formed UTF-8 goes out as it is, except what YAML would not
		 * keep (C1 controls, line and paragraph separators, the BOM) and what
		 * a terminal showing the export would act on: the bidi controls. */
		size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		int ok = n && i + n <= len;
		for (size_t k = 1; ok && k < n; k++)
			ok = (u[i + k] & 0xC0) == 0x80;
		if (!ok) {
			fputs("\\uFFFD", f);   /* not UTF-8: the database should never hold it */
			i++;
			continue;
		}
		size_t j = i;
		unsigned cp = next_char(u, len, &j);
		if ((cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
		    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			fprintf(f, cp < 0x100 ? "\\x%02X" : "\\u%04X", cp);
		else
			fwrite(u + i, 1, n, f);
		i += n;
	}
	fputc('"', f);
}

/* A pattern in single quotes, where a backslash is itself: "\\bword\\b" in
 * double quotes is how regexes get broken.  Double quotes when it has
 * characters single quotes cannot hold. */
static void put_pattern(FILE *f, const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)u);
	for (size_t i = 0; i < len;) {
		size_t before = i;
		unsigned cp = next_char(u, len, &i);
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
		    cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || (u[before] >= 0x80 && (u[before] < 0xC2 || u[before] > 0xF4))) {
			put_text(f, s);
			return;
		}
	}
	fputc('\'', f);
	for (size_t i = 0; i < len; i++) {
		if (u[i] == '\'')
			fputc('\'', f);
		fputc(u[i], f);
	}
	fputc('\'', f);
}

/* The shortest decimal that reads back as the same double; whole numbers
 * without an exponent. */
static void put_num(FILE *f, double v)
{
	char b[40];
	if (v == 0)
		v = 0;   /* -0 */
	if (v == floor(v) && fabs(v) < 1e15) {
		fprintf(f, "%.0f", v);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(b, sizeof b, "%.*g", prec, v);
		if (strtod(b, NULL) == v)
			break;
	}
	fputs(b, f);
}

static void put_names(FILE *f, char **v, int n)
{
	fputc('[', f);
	for (int i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		put_text(f, v[i]);
	}
	fputc(']', f);
}

/* "key: " at an indent, the value follows. */
static void put_key(FILE *f, int indent, const char *key)
{
	fprintf(f, "%*s%s: ", indent, "", key);
}

static void put_text_field(FILE *f, int indent, const char *key, const char *v)
{
	put_key(f, indent, key);
	put_text(f, v);
	fputc('\n', f);
}

static void put_num_field(FILE *f, int indent, const char *key, double v)
{
	put_key(f, indent, key);
	put_num(f, v);
	fputc('\n', f);
}

/* organisation: the name alone, or a map when there is a headcount or
 * milestones to write. */
static void put_organisation(FILE *f, const struct strategy *st)
{
	if (!st->nheadcount && !st->nmilestones) {
		put_text_field(f, 0, "organisation", st->organisation);
		return;
	}
	fputs("organisation:\n", f);
	put_text_field(f, 2, "name", st->organisation);
	if (st->nheadcount == 1 && st->headcount[0].from == 0) {
		fprintf(f, "  headcount: %d\n", st->headcount[0].count);
	} else if (st->nheadcount) {
		fputs("  headcount:\n", f);
		for (int i = 0; i < st->nheadcount; i++) {
			char day[16];
			time_date_str(st->headcount[i].from, day, sizeof day);
			fprintf(f, "    - from: %s\n      count: %d\n", day, st->headcount[i].count);
		}
	}
	if (st->nmilestones) {
		fputs("  milestones: [", f);
		for (int i = 0; i < st->nmilestones; i++) {
			fputs(i ? ", " : "", f);
			put_num(f, st->milestones[i]);
		}
		fputs("]\n", f);
	}
}

/* "goals:" and either " []" or the items that follow; 1 when there are items. */
static int put_section(FILE *f, const char *key, int n)
{
	fprintf(f, "\n%s:%s\n", key, n ? "" : " []");
	return n > 0;
}

static void write_all(FILE *f, const struct strategy *st)
{
	fputs("# chorus strategy: the format is described in chorus-strategy(5).\n", f);
	put_organisation(f, st);
	put_section(f, "goals", st->ngoals);
	for (int i = 0; i < st->ngoals; i++) {
		const struct goal *g = &st->goals[i];
		fputs("  - ", f);
		put_text_field(f, 0, "title", g->title);
		put_text_field(f, 4, "description", g->description);
		put_key(f, 4, "audiences");
		put_names(f, g->audiences, g->naudiences);
		fputs("\n    kpi:\n", f);
		put_text_field(f, 6, "metric", g->kpi_metric);
		put_num_field(f, 6, "target", g->kpi_target);
		put_text_field(f, 6, "period", g->kpi_period);
	}
	put_section(f, "audiences", st->naudiences);
	for (int i = 0; i < st->naudiences; i++) {
		const struct audience *a = &st->audiences[i];
		fputs("  - ", f);
		put_text_field(f, 0, "name", a->name);
		put_text_field(f, 4, "information_need", a->info_need);
		put_key(f, 4, "platforms");
		put_names(f, a->platforms, a->nplatforms);
		fputc('\n', f);
	}
	put_section(f, "pillars", st->npillars);
	for (int i = 0; i < st->npillars; i++) {
		const struct pillar *pl = &st->pillars[i];
		fputs("  - ", f);
		put_text_field(f, 0, "name", pl->name);
		put_text_field(f, 4, "description", pl->description);
		put_text_field(f, 4, "colour", pl->colour);
	}
	put_section(f, "platforms", st->nplatforms);
	for (int i = 0; i < st->nplatforms; i++) {
		const struct platform *pf = &st->platforms[i];
		fputs("  - ", f);
		put_text_field(f, 0, "key", pf->key);
		put_text_field(f, 4, "name", pf->name);
		fprintf(f, "    max_length: %d\n", pf->max_length);
		put_text_field(f, 4, "share_url", pf->share_url);
		fputs("    emv:\n", f);
		put_num_field(f, 6, "cpm", pf->cpm);
		put_num_field(f, 6, "cpc", pf->cpc);
		put_num_field(f, 6, "reaction_multiplier", pf->reaction_multiplier);
	}
	put_section(f, "message_types", st->nmessage_types);
	for (int i = 0; i < st->nmessage_types; i++) {
		fputs("  - ", f);
		put_text_field(f, 0, "name", st->message_types[i].name);
		put_text_field(f, 4, "description", st->message_types[i].description);
	}
	put_section(f, "policy", st->nrules);
	for (int i = 0; i < st->nrules; i++) {
		const struct policy_rule *r = &st->rules[i];
		fputs("  - ", f);
		put_text_field(f, 0, "name", r->name);
		put_key(f, 4, "pattern");
		put_pattern(f, r->pattern);
		fprintf(f, "\n    severity: %s\n", severity_name(r->severity));
		put_text_field(f, 4, "guidance", r->guidance);
	}
	fprintf(f, "\noptions:\n  open_enrolment: %s\n", st->open_enrolment ? "true" : "false");
	fprintf(f, "  wip:\n    inbox: %d\n    editing: %d\n    ready: %d\n",
		st->wip_inbox, st->wip_editing, st->wip_ready);
	fprintf(f, "  quiet_weeks: %d\n", st->quiet_weeks);
	put_num_field(f, 2, "adoption_target", st->adoption_target);
}

int strategy_yaml_write(FILE *f, const struct strategy *st)
{
	locale_t c = c_numbers();
	locale_t old = c ? uselocale(c) : (locale_t)0;
	write_all(f, st);
	if (c) {
		uselocale(old);
		freelocale(c);
	}
	return ferror(f) ? -1 : 0;
}

static int fill_strategy(FILE *f, void *st)
{
	return strategy_yaml_write(f, st);
}

int strategy_yaml_export(const char *path, const struct strategy *st, struct err *e)
{
	char why[PATH_MAX + 256];
	if (atomic_write(path, fill_strategy, (void *)st, why, sizeof why) != 0)
		return err_set(e, CH_INVALID, "%s", why);
	return CH_OK;
}

/* --- the import and export flows ---------------------------------------------- */

int strategy_import_read(struct strategy_import *im, const char *path, struct err *e)
{
	char *buf = NULL;
	size_t len = 0;
	memset(im, 0, sizeof *im);
	im->diff.fail_kind = im->diff.fail_index = -1;
	int st = strategy_yaml_read(path, &buf, &len, e);
	if (st != CH_OK)
		return st;
	st = strategy_yaml_parse(buf, len, &im->doc, e);
	free(buf);
	return st;
}

int strategy_import_apply(struct store *s, struct strategy_import *im, const char *source, int dry_run,
			  struct err *e)
{
	strategy_diff_free(&im->diff);
	int st = strategy_apply(s, &im->doc.st, source, dry_run, &im->diff, e);
	struct strategy_yaml_doc *d = &im->doc;
	if (st == CH_OK || im->diff.fail_kind < 0)
		return st;
	/* The core refused one entity: say where it is in the file. */
	if (!d->errors && !(d->errors = calloc(STRATEGY_YAML_MAX_ERRORS, sizeof *d->errors)))
		return st;
	struct strategy_yaml_error *er = &d->errors[0];
	memset(er, 0, sizeof *er);
	snprintf(er->path, sizeof er->path, "%s[%d]", strategy_yaml_section((enum strategy_kind)im->diff.fail_kind),
		 im->diff.fail_index);
	strategy_yaml_where(d, er->path, &er->line, &er->column);
	snprintf(er->msg, sizeof er->msg, "%.500s", e ? e->msg : _("refused"));
	d->nerrors = 1;
	d->more_errors = 0;
	return st;
}

void strategy_import_free(struct strategy_import *im)
{
	strategy_yaml_doc_free(&im->doc);
	strategy_diff_free(&im->diff);
}

void strategy_yaml_problem(const char *file, const struct strategy_yaml_error *er, char *out, size_t n)
{
	int has_field = er->path[0] != 0;
	if (er->line > 0)
		snprintf(out, n, "%s:%d:%d: %s%s%s", file, er->line, er->column, er->path, has_field ? ": " : "",
			 er->msg);
	else
		snprintf(out, n, "%s: %s%s%s", file, er->path, has_field ? ": " : "", er->msg);
}

int strategy_export_store(struct store *s, const char *path, struct strategy *st, struct err *e)
{
	int rc = strategy_load(s, st, e);
	if (rc != CH_OK)
		return rc;
	if (path && strcmp(path, "-") != 0)
		return strategy_yaml_export(path, st, e);
	if (strategy_yaml_write(stdout, st) != 0 || fflush(stdout) != 0)
		return err_set(e, CH_INVALID, _("writing the strategy: %s"), strerror(errno));
	return CH_OK;
}

/* One more item of a list "A, B, C" in out. */
__attribute__((format(printf, 3, 4)))
static void append(char *out, size_t n, const char *fmt, ...)
{
	size_t l = strlen(out);
	if (l && l + 2 < n) {
		memcpy(out + l, ", ", 3);
		l += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out + l, n - l, fmt, ap);
	va_end(ap);
}

void strategy_counts(const struct strategy *st, char *out, size_t n)
{
	out[0] = 0;
	append(out, n, P_("%d goal", "%d goals", st->ngoals), st->ngoals);
	append(out, n, P_("%d audience", "%d audiences", st->naudiences), st->naudiences);
	append(out, n, P_("%d pillar", "%d pillars", st->npillars), st->npillars);
	append(out, n, P_("%d platform", "%d platforms", st->nplatforms), st->nplatforms);
	append(out, n, P_("%d message type", "%d message types", st->nmessage_types), st->nmessage_types);
	append(out, n, P_("%d policy rule", "%d policy rules", st->nrules), st->nrules);
}
