/* cli.h — what every subcommand shares besides the session main.c hands it
 * (../session.h: the global options, the opened store, the guarded streams):
 * how errors and usage reach stderr.  One file per subcommand under src/cli/, each
 * exporting one struct cli_command listed in main.c's table. */
#ifndef CHORUS_CLI_H
#define CHORUS_CLI_H

#include <stdio.h>
#include "../session.h"

/* The options before the command (main's usage, every --help, completion). */
#define CLI_GLOBAL_USAGE "[--db PATH] [--as LOGIN] [--no-color] [--theme NAME]"

struct cli_command {
	const char *name;
	const char *usage;       /* after "chorus NAME " */
	const char *summary;     /* one line */
	const char *help;        /* the options, one per line, for --help */
	int (*run)(struct session *c, int argc, char **argv);  /* argv[0] is the command name */
};

/* Print "chorus: MSG" to stderr and return the status: the session's own
 * (session_fail, session_error), under the names the commands use. */
#define cli_error session_error
#define cli_fail session_fail
/* A problem found in an input file: "chorus: NAME:LINE: MSG" (no LINE when 0)
 * on stderr.  The shape of csv_in_report_fn and people_import's reporter. */
void cli_report(void *ctx, const char *name, int line, const char *msg);
/* The same for a row's problem found by the core (people_import,
 * shares_import): ctx is the file's name; the message, holding values from
 * the file, is cleaned first. */
void cli_row_report(void *name, int line, const char *msg);
/* Bad usage of a command: the message, the usage line, and CH_INVALID. */
int cli_usage(const struct cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* For an import of a CSV file of nrecs records (a header and its rows),
 * when *st is CH_OK: the store opened, the caller a master (a non-master
 * hears that before any row; the core checks too), and room for the rows
 * (elem bytes each; NULL when there are none).  Else, or on failure, NULL
 * with *st the status, the reason said. */
void *cli_import_rows(struct session *c, const char *what, int nrecs, size_t elem, int *st);
/* --help of a command, on stdout. */
int cli_help(const struct cli_command *cmd);
/* Is argv[i] -h or --help anywhere? */
int cli_wants_help(int argc, char **argv);

/* getopt_long for a subcommand (argv[0] is the command): returns the option,
 * -1 at the end, or -2 after printing a usage error (return CH_INVALID then). */
struct option;
int cli_getopt(const struct cli_command *cmd, int argc, char **argv, const struct option *opts);

/* Read a whole file ("-" = stdin) into a NUL-terminated buffer; CH_INVALID with
 * the file's name on failure.  Refuses NUL bytes and files over max bytes. */
int cli_read_file(const char *path, size_t max, char **out, size_t *len, struct err *e);
/* Parse a positive id; 0 when invalid. */
long long cli_parse_id(const char *text);

#endif
