/* csv_in.c — CSV files in: the bytes checked as text, parsed by libcsv into
 * records that know their line, the header mapped onto known columns.
 * Strict throughout: a file a spreadsheet wrote parses, anything else is
 * refused with the line to look at, before any of it is used. */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chorus/csv_in.h"
#include "chorus/csv_out.h"
#include "chorus/i18n.h"
#include "../util/utf8.h"

/* The parser's state between libcsv's callbacks. */
struct reader {
	struct csv_in *in;
	char **cur;           /* fields of the record being read */
	int ncur, capcur;
	long cells;           /* fields kept so far */
	int line;             /* of the bytes being fed */
	int start;            /* line where the current record began; 0 = between records */
	int st;               /* the first failure */
	struct err *e;
};

static void fail(struct reader *rd, int status, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Keep the first failure; the parser runs on to its end, doing nothing. */
static void fail(struct reader *rd, int status, int line, const char *fmt, ...)
{
	if (rd->st != CH_OK)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (status == CH_UNUSABLE)
		rd->st = err_set(rd->e, status, _("out of memory reading %s"), rd->in->name);
	else
		rd->st = err_set(rd->e, status, "%s:%d: %s", rd->in->name, line, msg);
}

static void drop_fields(char **f, int n)
{
	for (int i = 0; i < n; i++)
		free(f[i]);
	free(f);
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *rd = data;
	int line = rd->start ? rd->start : rd->line;
	if (rd->st != CH_OK)
		return;
	if (len > CSV_IN_MAX_FIELD) {
		fail(rd, CH_INVALID, line, _("a field of more than %d bytes: this is not a table of people "
		     "or figures"), CSV_IN_MAX_FIELD);
		return;
	}
	if (rd->ncur >= CSV_IN_MAX_FIELDS) {
		fail(rd, CH_INVALID, line, _("more than %d fields in one record"), CSV_IN_MAX_FIELDS);
		return;
	}
	if (++rd->cells > CSV_IN_MAX_CELLS) {
		fail(rd, CH_INVALID, line, _("more than %d fields in the file: split it"), CSV_IN_MAX_CELLS);
		return;
	}
	if (rd->ncur == rd->capcur) {
		int cap = rd->capcur ? rd->capcur * 2 : 8;
		char **f = realloc(rd->cur, (size_t)cap * sizeof *f);
		if (!f) {
			fail(rd, CH_UNUSABLE, 0, _("out of memory"));
			return;
		}
		rd->cur = f;
		rd->capcur = cap;
	}
	char *v = malloc(len + 1);
	if (!v) {
		fail(rd, CH_UNUSABLE, 0, _("out of memory"));
		return;
	}
	if (len)
		memcpy(v, s, len);
	v[len] = 0;
	rd->cur[rd->ncur++] = v;
}

static void on_record(int c, void *data)
{
	struct reader *rd = data;
	struct csv_in *in = rd->in;
	(void)c;
	if (rd->st == CH_OK && in->nrecs >= CSV_IN_MAX_RECORDS)
		fail(rd, CH_INVALID, rd->start ? rd->start : rd->line, _("more than %d records: split the file"),
		     CSV_IN_MAX_RECORDS);
	if (rd->st == CH_OK && in->nrecs == in->cap) {
		int cap = in->cap ? in->cap * 2 : 64;
		struct csv_in_record *r = realloc(in->recs, (size_t)cap * sizeof *r);
		if (r) {
			in->recs = r;
			in->cap = cap;
		} else {
			fail(rd, CH_UNUSABLE, 0, _("out of memory"));
		}
	}
	if (rd->st == CH_OK) {
		in->recs[in->nrecs++] = (struct csv_in_record){ rd->start ? rd->start : rd->line, rd->cur,
								 rd->ncur };
	} else {
		drop_fields(rd->cur, rd->ncur);
	}
	rd->cur = NULL;
	rd->ncur = rd->capcur = 0;
	rd->start = 0;
}

/* Text or not: every byte valid UTF-8 and no NUL; else CH_INVALID at its line. */
static int check_text(const char *name, const unsigned char *p, size_t len, struct err *e)
{
	int line = 1;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = p[i] ? utf8_decode((const char *)p + i, len - i, &cp) : 0;
		if (n == 0)
			return p[i] == 0
				? err_set(e, CH_INVALID, _("%s:%d: a NUL byte: this is not a text file"), name, line)
				: err_set(e, CH_INVALID, _("%s:%d: not valid UTF-8 (byte 0x%02X); save the file "
					  "as CSV UTF-8"), name, line, p[i]);
		if (p[i] == '\n')
			line++;
		i += n;
	}
	return CH_OK;
}

int csv_in_parse(const char *name, const char *buf, size_t len, struct csv_in *in, struct err *e)
{
	memset(in, 0, sizeof *in);
	snprintf(in->name, sizeof in->name, "%s", name);
	if (len > CSV_IN_MAX_BYTES)
		return err_set(e, CH_INVALID, _("%s is too large: more than %zu bytes"), in->name, CSV_IN_MAX_BYTES);
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {   /* a UTF-8 byte order mark */
		buf += 3;
		len -= 3;
	}
	int st = check_text(in->name, (const unsigned char *)buf, len, e);
	if (st != CH_OK)
		return st;
	struct reader rd = { .in = in, .line = 1, .st = CH_OK, .e = e };
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return err_set(e, CH_UNUSABLE, _("out of memory reading %s"), in->name);
	/* Up to each CR or LF at a time: libcsv ends a record at either, so a
	 * record always starts in a piece of its own, and the line it starts on
	 * is known (libcsv itself does not say where it is). */
	for (size_t i = 0; i < len && rd.st == CH_OK;) {
		size_t n = 0;
		while (i + n < len && buf[i + n] != '\n' && buf[i + n] != '\r')
			n++;
		if (i + n < len)
			n++;   /* with its CR or LF */
		/* libcsv skips blank lines and leading blanks: a record starts on
		 * the line of its first other byte. */
		for (size_t k = i; !rd.start && k < i + n; k++)
			if (buf[k] != ' ' && buf[k] != '\t' && buf[k] != '\r' && buf[k] != '\n')
				rd.start = rd.line;
		if (csv_parse(&p, buf + i, n, on_field, on_record, &rd) != n && rd.st == CH_OK)
			rd.st = err_set(e, CH_INVALID, _("%s:%d: not valid CSV: %s (quotes must enclose a whole "
					"field, and a quote inside one is written twice)"), in->name, rd.line,
					csv_strerror(csv_error(&p)));
		i += n;
		if (buf[i - 1] == '\n')
			rd.line++;
	}
	if (rd.st == CH_OK && csv_fini(&p, on_field, on_record, &rd) != 0)
		rd.st = err_set(e, CH_INVALID, _("%s:%d: not valid CSV: a quoted field is not closed"), in->name,
				rd.start ? rd.start : rd.line);
	csv_free(&p);
	drop_fields(rd.cur, rd.ncur);
	return rd.st;
}

int csv_in_read_file(const char *path, struct csv_in *in, struct err *e)
{
	int from_stdin = strcmp(path, "-") == 0;
	const char *name = from_stdin ? _("standard input") : path;
	memset(in, 0, sizeof *in);
	int fd = from_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, CH_INVALID, "%s: %s", name, strerror(errno));
	struct stat sb;
	int st = CH_OK;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode))
		st = err_set(e, CH_INVALID, _("%s is a directory"), name);
	char *buf = NULL;
	size_t n = 0, cap = 0;
	while (st == CH_OK) {
		if (n == cap) {
			if (cap > CSV_IN_MAX_BYTES) {
				st = err_set(e, CH_INVALID, _("%s is too large: more than %zu bytes"), name,
					     CSV_IN_MAX_BYTES);
				break;
			}
			char *b = realloc(buf, cap = cap ? cap * 2 : 65536);
			if (!b) {
				st = err_set(e, CH_UNUSABLE, _("out of memory reading %s"), name);
				break;
			}
			buf = b;
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			st = err_set(e, CH_INVALID, "%s: %s", name, strerror(errno));
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	if (!from_stdin)
		close(fd);
	if (st == CH_OK)
		st = csv_in_parse(name, buf ? buf : "", n, in, e);
	free(buf);
	return st;
}

void csv_in_free(struct csv_in *in)
{
	for (int r = 0; r < in->nrecs; r++)
		drop_fields(in->recs[r].fields, in->recs[r].nfields);
	free(in->recs);
	in->recs = NULL;
	in->nrecs = in->cap = 0;
}

/* Cut the blanks around v, in place. */
static char *trim(char *v)
{
	v += strspn(v, " \t");
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		v[--n] = 0;
	return v;
}

static void report_f(csv_in_report_fn report, void *ctx, const char *name, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void report_f(csv_in_report_fn report, void *ctx, const char *name, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report(ctx, name, line, msg);
}

int csv_in_header(const struct csv_in *in, const struct csv_in_column *cols, int ncols, int flags,
		  int *map, csv_in_report_fn report, void *ctx)
{
	int st = CH_OK;
	for (int c = 0; c < ncols; c++)
		map[c] = -1;
	if (in->nrecs == 0)
		return CH_INVALID;
	const struct csv_in_record *h = &in->recs[0];
	char known[512] = "";
	for (int c = 0; c < ncols; c++)
		snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", c ? ", " : "", cols[c].name);
	for (int i = 0; i < h->nfields; i++) {
		const char *v = trim(h->fields[i]);
		int c = 0;
		while (c < ncols && strcasecmp(v, cols[c].name) != 0)
			c++;
		char shown[128];
		if (c == ncols) {
			csv_in_shown(v, shown, sizeof shown);
			if (flags & CSV_IN_IGNORE_UNKNOWN) {
				report_f(report, ctx, in->name, h->line, _("ignoring the unknown column \"%s\""), shown);
			} else {
				report_f(report, ctx, in->name, h->line, _("unknown column \"%s\"; the columns are %s"),
					 shown, known);
				st = CH_INVALID;
			}
		} else if (map[c] >= 0) {
			report_f(report, ctx, in->name, h->line, _("column %s appears twice"), cols[c].name);
			st = CH_INVALID;
		} else {
			map[c] = i;
		}
	}
	for (int c = 0; c < ncols; c++) {
		if (map[c] < 0 && cols[c].required) {
			report_f(report, ctx, in->name, h->line, _("no %s column: %s"), cols[c].name, _(cols[c].required));
			st = CH_INVALID;
		}
	}
	return st;
}

int csv_in_row(struct csv_in *in, int r, const int *map, int ncols, const char **v,
	       csv_in_report_fn report, void *ctx)
{
	const struct csv_in_record *rec = &in->recs[r];
	int want = in->recs[0].nfields;
	if (rec->nfields != want) {
		report_f(report, ctx, in->name, rec->line,
			 P_("%d field, but the header has %d", "%d fields, but the header has %d", rec->nfields),
			 rec->nfields, want);
		return 0;
	}
	for (int c = 0; c < ncols; c++)
		v[c] = map[c] >= 0 ? trim(rec->fields[map[c]]) : "";
	return 1;
}

void csv_in_shown(const char *v, char *out, size_t n)
{
	char tmp[512];
	csv_out_clean(v, tmp, sizeof tmp);
	csv_out_cut(tmp, 40, out, n);
}
