/* csv_out.h — tables for people and spreadsheets: CSV as RFC 4180 has it
 * (UTF-8, quotes doubled, CRLF line ends) and aligned plain text, from one
 * table of text cells.  Also the cleaning every line of plain text output
 * gets: text from the database never brings a control character along. */
#ifndef CHORUS_CSV_OUT_H
#define CHORUS_CSV_OUT_H

#include <stdio.h>

/* One CSV field: quoted when it holds a comma, a quote, CR, LF or leading or
 * trailing blanks; first = 0 puts a comma before it.  Text a spreadsheet
 * would take for a formula (starting with = + - @, tab or CR, and not a
 * number such as -3 or -0.5) gets a single quote in front: '=SUM(A1). */
void csv_out_field(FILE *f, const char *s, int first);
/* End a record: CRLF. */
void csv_out_end(FILE *f);

/* Clean text for one line of output (at most n - 1 bytes and a NUL, never cut
 * inside a character): invalid UTF-8 and C0/C1 controls become '?', tab and
 * newline a space, bidi embedding and isolate controls are dropped. */
void csv_out_clean(const char *in, char *out, size_t n);
/* Columns a clean string takes on a terminal: wide East Asian characters and
 * emoji 2, combining marks 0, the rest 1.  A fixed table, not the locale's,
 * so output is the same for every reader. */
int csv_out_width(const char *s);
/* Cut a clean string to at most width columns, ending in "…" when cut. */
void csv_out_cut(const char *in, int width, char *out, size_t n);

/* A table: a section name (the CSV's first column), column names, and rows
 * of text cells.  align has one letter per column: 'l' or 'r'. */
struct csv_table {
	const char *section;
	int ncols;
	const char *const *heads;   /* snake_case; text shows them in capitals */
	const char *const *text_heads;  /* what text shows instead, when set */
	const char *align;
	char **cells;               /* nrows × ncols, owned */
	int nrows, cap;
	int oom;
};

void csv_table_init(struct csv_table *t, const char *section, int ncols,
		    const char *const *heads, const char *align);
/* Add a row of ncols strings (copied; NULL = empty). */
void csv_table_add(struct csv_table *t, const char *const *cells);
/* The header "section,HEAD,..." and one record per row, each starting with the section. */
void csv_table_csv(const struct csv_table *t, FILE *f);
/* The title, the heads and the rows in aligned columns two spaces apart, no
 * trailing blanks; cells are cleaned first. */
void csv_table_text(const struct csv_table *t, const char *title, FILE *f);
void csv_table_free(struct csv_table *t);

#endif
