/* table.c — printing a list in text, tsv, csv or json (table.h).  One table
 * of text cells goes to whichever writer the caller asked for, so every
 * format has the same columns. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "chorus/json.h"
#include "table.h"

int table_format_arg(const struct cli_command *cmd, const char *arg, enum table_format *fmt)
{
	static const char *const names[] = { "text", "tsv", "csv", "json" };
	for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
		if (strcmp(arg, names[i]) == 0) {
			*fmt = (enum table_format)i;
			return CH_OK;
		}
	return cli_usage(cmd, _("--format '%s': use text, tsv, csv or json"), arg);
}

int table_list_args(const struct cli_command *cmd, int argc, char **argv, const char *extra,
		    enum table_format *fmt)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	int ch;
	*fmt = TABLE_DEFAULT;
	optind = 1;
	while ((ch = cli_getopt(cmd, argc, argv, opts)) != -1)
		if (ch != 'f' || table_format_arg(cmd, optarg, fmt) != CH_OK)
			return CH_INVALID;
	return optind < argc ? cli_usage(cmd, "%s", extra) : CH_OK;
}

static const char *cell_at(const struct csv_table *t, int r, int c)
{
	return t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
}

/* s with backslash, tab, newline and CR written as \\ \t \n \r (malloc'd),
 * so a cell stays on its line and in its column and can be read back. */
static char *escape(const char *s)
{
	size_t n = strlen(s), extra = 0;
	for (size_t i = 0; i < n; i++)
		extra += s[i] == '\\' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
	char *out = malloc(n + extra + 1), *o = out;
	if (!out)
		return NULL;
	for (; *s; s++) {
		const char *e = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : NULL;
		if (e) {
			*o++ = e[0];
			*o++ = e[1];
		} else
			*o++ = *s;
	}
	*o = 0;
	return out;
}

/* The rest of a tsv line: c > 0 puts a tab first.  The stream's cleaning
 * (cli.h) still turns any other control character into '?'. */
static int tsv_field(const char *s, int c)
{
	char *e = escape(s);
	if (!e)
		return -1;
	printf("%s%s", c ? "\t" : "", e);
	free(e);
	return 0;
}

static int print_tsv(const struct csv_table *t)
{
	for (int c = 0; c < t->ncols; c++)
		tsv_field(t->heads[c], c);
	putchar('\n');
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			if (tsv_field(cell_at(t, r, c), c) != 0)
				return -1;
		putchar('\n');
	}
	return 0;
}

static void print_csv(const struct csv_table *t)
{
	session_guard_exact();   /* the data as it is, unless a terminal shows it */
	for (int c = 0; c < t->ncols; c++)
		csv_out_field(stdout, t->heads[c], c == 0);
	csv_out_end(stdout);
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			csv_out_field(stdout, cell_at(t, r, c), c == 0);
		csv_out_end(stdout);
	}
}

/* A whole number in decimal, as a numeric column holds. */
static int is_integer(const char *s)
{
	s += *s == '-';
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int print_json(const struct csv_table *t)
{
	fputs("[", stdout);
	for (int r = 0; r < t->nrows; r++) {
		struct json j;
		json_init(&j);
		for (int c = 0; c < t->ncols; c++) {
			const char *v = cell_at(t, r, c);
			if (t->align[c] == 'r' && is_integer(v))
				json_int(&j, t->heads[c], strtoll(v, NULL, 10));
			else
				json_str(&j, t->heads[c], t->align[c] == 'r' && !*v ? NULL : v);
		}
		const char *s = json_done(&j);
		if (s)
			printf("%s\n%s", r ? "," : "", s);
		json_free(&j);
		if (!s)
			return -1;
	}
	fputs(t->nrows ? "\n]\n" : "]\n", stdout);
	return 0;
}

/* The columns of the terminal on standard output; 80 when it does not say. */
static int terminal_columns(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *env = getenv("COLUMNS");
	int cols = env ? atoi(env) : 0;
	return cols > 0 ? cols : 80;
}

/* The heading text shows over column c: the caller's text head in the
 * person's language, else the column's key (csv_table_text writes it in
 * capitals).  tsv, csv and json keep the keys. */
static const char *text_head(const struct csv_table *t, int c)
{
	return t->text_heads ? _(t->text_heads[c]) : t->heads[c];
}

/* Narrow the widest columns, one screen column at a time, until the line
 * (columns two apart) fits cols; no column below its heading or 6 columns. */
static void fit(const struct csv_table *t, int *w, int cols)
{
	int total = 2 * (t->ncols - 1);
	for (int c = 0; c < t->ncols; c++)
		total += w[c];
	while (total > cols) {
		int widest = -1;
		for (int c = 0; c < t->ncols; c++) {
			int least = csv_out_width(text_head(t, c));
			if (least < 6)
				least = 6;
			if (w[c] > least && (widest < 0 || w[c] > w[widest]))
				widest = c;
		}
		if (widest < 0)
			return;
		w[widest]--;
		total--;
	}
}

/* Escaped, cleaned and (on a terminal) cut cells into a table that
 * csv_table_text aligns. */
static int print_text(const struct csv_table *t)
{
	int n = t->ncols, st = -1;
	size_t ncells = (size_t)t->nrows * (size_t)n;
	int *w = calloc((size_t)n, sizeof *w);
	char **shown = calloc(ncells ? ncells : 1, sizeof *shown);
	char **row = calloc((size_t)n, sizeof *row);
	const char **heads = calloc((size_t)n, sizeof *heads);
	struct csv_table out;
	csv_table_init(&out, t->section, n, t->heads, t->align);
	if (!w || !shown || !row || !heads)
		goto out;
	for (int c = 0; c < n; c++) {
		heads[c] = text_head(t, c);
		w[c] = csv_out_width(heads[c]);
	}
	if (t->text_heads)
		out.text_heads = heads;
	for (size_t i = 0; i < ncells; i++) {
		char *e = escape(*t->cells[i] ? t->cells[i] : "-");
		size_t len = e ? strlen(e) + 4 : 0;   /* room for csv_out_cut's "…" */
		if (!e || !(shown[i] = malloc(len))) {
			free(e);
			goto out;
		}
		csv_out_clean(e, shown[i], len);
		free(e);
		int cw = csv_out_width(shown[i]);
		if (cw > w[i % (size_t)n])
			w[i % (size_t)n] = cw;
	}
	if (isatty(STDOUT_FILENO))
		fit(t, w, terminal_columns());
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < n; c++) {
			const char *s = shown[(size_t)r * (size_t)n + (size_t)c];
			size_t len = strlen(s) + 4;
			if (!(row[c] = malloc(len)))
				break;
			csv_out_cut(s, w[c], row[c], len);
		}
		csv_table_add(&out, (const char *const *)row);
		for (int c = 0; c < n; c++) {
			out.oom |= !row[c];
			free(row[c]);
			row[c] = NULL;
		}
	}
	if (!out.oom) {
		csv_table_text(&out, NULL, stdout);
		st = 0;
	}
out:
	for (size_t i = 0; shown && i < ncells; i++)
		free(shown[i]);
	free(shown);
	free(row);
	free(heads);
	free(w);
	csv_table_free(&out);
	return st;
}

int table_print(struct csv_table *t, enum table_format fmt)
{
	if (fmt == TABLE_DEFAULT)
		fmt = isatty(STDOUT_FILENO) ? TABLE_TEXT : TABLE_TSV;
	int bad = t->oom;
	if (!bad) {
		switch (fmt) {
		case TABLE_TSV: bad = print_tsv(t); break;
		case TABLE_CSV: print_csv(t); break;
		case TABLE_JSON: bad = print_json(t); break;
		default: bad = print_text(t); break;
		}
	}
	csv_table_free(t);
	if (bad)
		return cli_fail(CH_UNUSABLE, "%s", _("out of memory"));
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail(CH_UNUSABLE, "%s", _("cannot write the list to standard output"));
	return CH_OK;
}
