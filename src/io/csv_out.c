/* csv_out.c — writing tables: CSV by RFC 4180 for spreadsheets, aligned plain
 * text for terminals and mail.  Reports build each section once as a table of
 * text cells and hand it to either writer, so both show the same figures. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/csv_out.h"
#include "chorus/i18n.h"
#include "chorus/termsafe.h"
#include "../util/utf8.h"

/* A figure: an optional sign, digits, at most one decimal point, at least
 * one digit.  "-3" and "-0.5" are numbers a spreadsheet should see as such. */
static int is_number(const char *s)
{
	int digits = 0, dots = 0;
	if (*s == '-' || *s == '+')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && !dots)
			dots++;
		else
			return 0;
	}
	return digits > 0;
}

/* Would a spreadsheet take this text for a formula?  Text starting with
 * = + - @, a tab or a carriage return is (CSV injection: a content title
 * "=HYPERLINK(...)" must not run when a report is opened); numbers are not. */
static int formula_like(const char *s)
{
	return (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
	       && !is_number(s);
}

void csv_out_field(FILE *f, const char *s, int first)
{
	if (!first)
		fputc(',', f);
	if (!s)
		s = "";
	/* A single quote in front makes a spreadsheet show the text as text. */
	const char *guard = formula_like(s) ? "'" : "";
	size_t n = strlen(s);
	/* Spreadsheets trim unquoted blanks at the edges, so those are quoted too. */
	int quote = strpbrk(s, ",\"\r\n") != NULL ||
		    (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));
	if (!quote) {
		fputs(guard, f);
		fputs(s, f);
		return;
	}
	fputc('"', f);
	fputs(guard, f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void csv_out_end(FILE *f)
{
	fputs("\r\n", f);
}

void csv_out_clean(const char *in, char *out, size_t n)
{
	safe_clean(in, out, n, 0);
}

int csv_out_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	int w = 0;
	while (len > 0) {
		uint32_t cp = '?';
		size_t k = utf8_decode((const char *)p, len, &cp);
		if (!k)
			k = 1;
		w += utf8_width(cp);
		p += k;
		len -= k;
	}
	return w;
}

void csv_out_cut(const char *in, int width, char *out, size_t n)
{
	if (n < 4) {
		if (n)
			out[0] = 0;
		return;
	}
	/* Whole when it fits, in the columns and in out; else one column less,
	 * for the ellipsis (zero-width characters can fill out first). */
	int limit = csv_out_width(in) <= width && strlen(in) + 4 <= n ? width : width - 1;
	const unsigned char *p = (const unsigned char *)in;
	size_t len = strlen(in), o = 0;
	int w = 0;
	while (len > 0) {
		uint32_t cp = '?';
		size_t k = utf8_decode((const char *)p, len, &cp);
		if (!k)
			k = 1;
		int cw = utf8_width(cp);
		if (w + cw > limit || o + k + 4 > n)   /* keep room for "…" (3 bytes) and the NUL */
			break;
		memcpy(out + o, p, k);
		o += k;
		w += cw;
		p += k;
		len -= k;
	}
	if (len > 0) {
		while (o > 0 && out[o - 1] == ' ')
			o--;
		memcpy(out + o, "\xe2\x80\xa6", 3);
		o += 3;
	}
	out[o] = 0;
}

void csv_table_init(struct csv_table *t, const char *section, int ncols,
		    const char *const *heads, const char *align)
{
	memset(t, 0, sizeof *t);
	t->section = section;
	t->ncols = ncols;
	t->heads = heads;
	t->align = align;
}

void csv_table_add(struct csv_table *t, const char *const *cells)
{
	if (t->oom)
		return;
	if (t->nrows == t->cap) {
		int cap = t->cap ? t->cap * 2 : 16;
		char **c = realloc(t->cells, (size_t)cap * (size_t)t->ncols * sizeof *c);
		if (!c) {
			t->oom = 1;
			return;
		}
		t->cells = c;
		t->cap = cap;
	}
	char **row = t->cells + (size_t)t->nrows * (size_t)t->ncols;
	for (int i = 0; i < t->ncols; i++) {
		row[i] = strdup(cells[i] ? cells[i] : "");
		if (!row[i]) {
			while (i-- > 0)
				free(row[i]);
			t->oom = 1;
			return;
		}
	}
	t->nrows++;
}

void csv_table_csv(const struct csv_table *t, FILE *f)
{
	csv_out_field(f, "section", 1);
	for (int c = 0; c < t->ncols; c++)
		csv_out_field(f, t->heads[c], 0);
	csv_out_end(f);
	for (int r = 0; r < t->nrows; r++) {
		csv_out_field(f, t->section, 1);
		for (int c = 0; c < t->ncols; c++)
			csv_out_field(f, t->cells[(size_t)r * (size_t)t->ncols + (size_t)c], 0);
		csv_out_end(f);
	}
}

/* Append s padded to width (left or right aligned) at *o in line. */
static void cell(char *line, size_t *o, const char *s, int width, char align)
{
	int pad = width - csv_out_width(s);
	if (pad < 0)
		pad = 0;
	size_t n = strlen(s);
	if (align == 'r') {
		memset(line + *o, ' ', (size_t)pad);
		*o += (size_t)pad;
	}
	memcpy(line + *o, s, n);
	*o += n;
	if (align != 'r') {
		memset(line + *o, ' ', (size_t)pad);
		*o += (size_t)pad;
	}
}

/* One line of cells two spaces apart, without trailing blanks. */
static int put_line(FILE *f, const char *const *cells, const int *w, const char *align, int n)
{
	size_t cap = 1;
	for (int c = 0; c < n; c++)
		cap += strlen(cells[c]) + (size_t)w[c] + 2;
	char *line = malloc(cap);
	if (!line)
		return -1;
	size_t o = 0;
	for (int c = 0; c < n; c++) {
		if (c) {
			memcpy(line + o, "  ", 2);
			o += 2;
		}
		cell(line, &o, cells[c], w[c], align[c]);
	}
	while (o > 0 && line[o - 1] == ' ')
		o--;
	line[o] = 0;
	fprintf(f, "%s\n", line);
	free(line);
	return 0;
}

void csv_table_text(const struct csv_table *t, const char *title, FILE *f)
{
	int n = t->ncols;
	int *w = calloc((size_t)n, sizeof *w);
	char (*head)[64] = calloc((size_t)n, sizeof *head);
	const char **heads = calloc((size_t)n, sizeof *heads);
	size_t ncells = (size_t)t->nrows * (size_t)n;
	char **clean = calloc(ncells ? ncells : 1, sizeof *clean);
	if (!w || !head || !heads || !clean)
		goto oom;
	for (int c = 0; c < n; c++) {
		if (t->text_heads) {
			csv_out_clean(t->text_heads[c], head[c], sizeof head[c]);
		} else {
			snprintf(head[c], sizeof head[c], "%s", t->heads[c]);
			for (char *p = head[c]; *p; p++)
				*p = *p == '_' ? ' ' : *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
		}
		heads[c] = head[c];
		w[c] = csv_out_width(head[c]);
	}
	for (size_t i = 0; i < ncells; i++) {
		size_t len = strlen(t->cells[i]) + 1;
		if (!(clean[i] = malloc(len)))
			goto oom;
		csv_out_clean(t->cells[i], clean[i], len);
		int cw = csv_out_width(clean[i]);
		if (cw > w[i % (size_t)n])
			w[i % (size_t)n] = cw;
	}
	if (title)
		fprintf(f, "%s\n", title);
	if (put_line(f, heads, w, t->align, n) != 0)
		goto oom;
	for (int r = 0; r < t->nrows; r++)
		if (put_line(f, (const char *const *)clean + (size_t)r * (size_t)n, w, t->align, n) != 0)
			goto oom;
	goto out;
oom:
	fputs(_("chorus: out of memory\n"), stderr);
out:
	if (clean)
		for (size_t i = 0; i < ncells; i++)
			free(clean[i]);
	free(clean);
	free(heads);
	free(head);
	free(w);
}

void csv_table_free(struct csv_table *t)
{
	for (size_t i = 0; i < (size_t)t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}
