/* cli.h — what every subcommand shares: the global options, the opened store,
 * and how errors reach stderr.  One file per subcommand under src/cli/, each
 * exporting one struct cli_command listed in main.c's table. */
#ifndef CHORUS_CLI_H
#define CHORUS_CLI_H

#include <stdio.h>
#include "chorus/store.h"

struct cli {
	const char *db_opt;      /* --db */
	const char *as;          /* --as */
	const char *theme;       /* --theme NAME|PATH */
	int no_color;
	struct store store;
	int opened;
	char path[PATH_MAX];
};

/* The options before the command (main's usage, every --help, completion). */
#define CLI_GLOBAL_USAGE "[--db PATH] [--as LOGIN] [--no-color] [--theme NAME]"

struct cli_command {
	const char *name;
	const char *usage;       /* after "chorus NAME " */
	const char *summary;     /* one line */
	const char *help;        /* the options, one per line, for --help */
	int (*run)(struct cli *c, int argc, char **argv);  /* argv[0] is the command name */
};

/* c->path by the path rules: --db, $CHORUS_DB, config.yaml's database:,
 * then the default place.  A broken config file is an error (exit 2) only
 * when it is the one that names the database. */
int cli_db_path(struct cli *c, struct err *e);
/* Open the database by the path rules and identify the caller (--as honoured).
 * On failure prints the reason and returns the exit status. */
int cli_open(struct cli *c);
/* The same without identifying (doctor). */
int cli_open_anonymous(struct cli *c);
/* Read-only, without identifying, printing nothing (shell completion). */
int cli_open_quiet(struct cli *c);
void cli_close(struct cli *c);

/* Print "chorus: MSG" to stderr and return e->status (or status when e is NULL). */
int cli_error(const struct err *e);
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A problem found in an input file: "chorus: NAME:LINE: MSG" (no LINE when 0)
 * on stderr.  The shape of csv_in_report_fn and people_import's reporter. */
void cli_report(void *ctx, const char *name, int line, const char *msg);
/* Bad usage of a command: the message, the usage line, and CH_INVALID. */
int cli_usage(const struct cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* --help of a command, on stdout. */
int cli_help(const struct cli_command *cmd);
/* Is argv[i] -h or --help anywhere? */
int cli_wants_help(int argc, char **argv);

/* getopt_long for a subcommand (argv[0] is the command): returns the option,
 * -1 at the end, or -2 after printing a usage error (return CH_INVALID then). */
struct option;
int cli_getopt(const struct cli_command *cmd, int argc, char **argv, const struct option *opts);

/* Everything the commands print passes through termsafe's stream filter
 * (cli_guard_start, in main before a command runs): no byte from the
 * database acts on the terminal, whatever printf a command uses.  A command
 * whose output is a machine format (CSV, YAML) calls cli_guard_exact: when
 * standard output is not a terminal it then gets the data exactly; on a
 * terminal it stays cleaned.  cli_guard_end flushes and puts the plain
 * streams back (before the TUI takes the terminal, and at the end). */
void cli_guard_start(void);
void cli_guard_exact(void);
void cli_guard_end(void);

/* Read a whole file ("-" = stdin) into a NUL-terminated buffer; CH_INVALID with
 * the file's name on failure.  Refuses NUL bytes and files over max bytes. */
int cli_read_file(const char *path, size_t max, char **out, size_t *len, struct err *e);
/* Parse a positive id; 0 when invalid. */
long long cli_parse_id(const char *text);

#endif
