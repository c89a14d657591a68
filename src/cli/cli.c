/* cli.c — what the subcommands share: opening the database by the path rules,
 * saying what went wrong on stderr, reading input files. */
#include <stdio.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chorus/config.h"
#include "chorus/csv_out.h"
#include "chorus/i18n.h"
#include "chorus/termsafe.h"
#include "cli.h"
#include "table.h"

int cli_usage(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, NT_("chorus %s: "), cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("\nusage: chorus %s %s\n(chorus %s --help for more)\n"), cmd->name, cmd->usage, cmd->name);
	return CH_INVALID;
}

int cli_help(const struct cli_command *cmd)
{
	printf(_("usage: chorus %s %s %s\n"), CLI_GLOBAL_USAGE, cmd->name, cmd->usage);
	printf("\n%s\n", _(cmd->summary));
	if (cmd->help && *cmd->help)
		printf("\n%s", _(cmd->help));
	/* A list's --format line is written once, here (a macro inside each
	 * command's help would hide the help from xgettext). */
	if (strstr(cmd->usage, TABLE_FORMAT_USAGE))
		fputs(_("  --format FORMAT     text (header and aligned columns; the default on a\n"
			"                      terminal), tsv (the default otherwise), csv or json\n"), stdout);
	return CH_OK;
}

int cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

void cli_report(void *ctx, const char *name, int line, const char *msg)
{
	(void)ctx;
	if (line > 0)
		cli_fail(CH_INVALID, NT_("%s:%d: %s"), name, line, msg);
	else
		cli_fail(CH_INVALID, NT_("%s: %s"), name, msg);
}

void cli_row_report(void *name, int line, const char *msg)
{
	char clean[1024];
	csv_out_clean(msg, clean, sizeof clean);
	cli_report(NULL, name, line, clean);
}

int cli_read_file(const char *path, size_t max, char **out, size_t *len, struct err *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	const char *name = strcmp(path, "-") == 0 ? _("standard input") : path;
	*out = NULL;
	*len = 0;
	if (!f)
		return err_set(e, CH_INVALID, NT_("%s: %s"), name, strerror(errno));
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		return err_set(e, CH_INVALID, _("%s is a directory"), name);
	}
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	int st = buf ? CH_OK : err_set(e, CH_UNUSABLE, _("out of memory"));
	while (st == CH_OK) {
		if (n + 1 >= cap) {
			if (cap > max + 1) {
				st = err_set(e, CH_INVALID, _("%s is too large: more than %zu bytes"), name, max);
				break;
			}
			char *b = realloc(buf, cap * 2);
			if (!b) {
				st = err_set(e, CH_UNUSABLE, _("out of memory"));
				break;
			}
			buf = b;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0) {
			if (ferror(f))
				st = err_set(e, CH_INVALID, _("%s: read error"), name);
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	if (st == CH_OK && n > max)
		st = err_set(e, CH_INVALID, _("%s is too large: %zu bytes, at most %zu"), name, n, max);
	if (st == CH_OK && memchr(buf, 0, n))
		st = err_set(e, CH_INVALID, _("%s contains a NUL byte: not text"), name);
	if (st != CH_OK) {
		free(buf);
		return st;
	}
	buf[n] = 0;
	*out = buf;
	*len = n;
	return CH_OK;
}

long long cli_parse_id(const char *text)
{
	if (!text || !*text)
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	return *end || errno || v <= 0 ? 0 : v;
}

int cli_getopt(const struct cli_command *cmd, int argc, char **argv, const struct option *opts)
{
	char shortopts[64] = ":";
	for (const struct option *o = opts; o->name; o++)
		if (o->val > 0 && o->val < 128 && strlen(shortopts) < sizeof shortopts - 3) {
			size_t l = strlen(shortopts);
			shortopts[l] = (char)o->val;
			shortopts[l + 1] = o->has_arg ? ':' : 0;
			shortopts[l + 2] = 0;
		}
	opterr = 0;
	int ch = getopt_long(argc, argv, shortopts, opts, NULL);
	if (ch == '?') {
		/* optopt is 0 for an unknown long option (argv[optind - 1]), the
		 * option's val for --flag=VALUE on a flag, and the letter for an
		 * unknown short one, where optind may still point before a cluster
		 * (-xyz) and argv[optind - 1] would name the wrong word. */
		const struct option *o = opts;
		while (o->name && (!optopt || o->val != optopt))
			o++;
		if (o->name)
			cli_usage(cmd, _("--%s takes no value"), o->name);
		else if (optopt > 0 && optopt < 128)
			cli_usage(cmd, _("unknown option -%c"), optopt);
		else
			cli_usage(cmd, _("unknown option %s"), argv[optind - 1]);
		return -2;
	}
	if (ch == ':') {
		cli_usage(cmd, _("%s needs a value"), argv[optind - 1]);
		return -2;
	}
	return ch;
}

void *cli_import_rows(struct session *c, const char *what, int nrecs, size_t elem, int *st)
{
	struct err e = {0};
	void *rows = NULL;
	if (*st == CH_OK)
		*st = session_open(c);
	if (*st == CH_OK && store_require_role(&c->store, ROLE_MASTER, what, &e) != CH_OK)
		*st = cli_error(&e);
	if (*st == CH_OK && nrecs > 1 && !(rows = calloc((size_t)nrecs - 1, elem)))
		*st = cli_fail(CH_UNUSABLE, _("out of memory"));
	return rows;
}
