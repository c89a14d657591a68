/* table.h — the one way the list commands (people list, content list,
 * message list, theme list, request list) print: the same columns in four formats.
 *
 *   text  the column names in capitals and the rows in columns aligned by
 *         display width (é is one column, 日本 four); tab, newline, CR and
 *         backslash shown as \t \n \r \\, an empty cell as "-"; on a terminal
 *         long cells are cut with "…" so a line fits the window.
 *   tsv   a header row of column names, then one line per row, cells
 *         separated by tabs, tab, newline, CR and backslash as \t \n \r \\.
 *   csv   RFC 4180 (src/io/csv_out.c), header row first; the data exactly
 *         when standard output is not a terminal.
 *   json  an array of objects keyed by column name; numeric columns as
 *         numbers.
 *
 * The default is text when standard output is a terminal, tsv otherwise. */
#ifndef CHORUS_CLI_TABLE_H
#define CHORUS_CLI_TABLE_H

#include "chorus/csv_out.h"
#include "cli.h"

enum table_format { TABLE_DEFAULT = -1, TABLE_TEXT, TABLE_TSV, TABLE_CSV, TABLE_JSON };

/* A list command's usage holds this; cli_help then adds the --format line
 * to its --help (cli.c). */
#define TABLE_FORMAT_USAGE "[--format text|tsv|csv|json]"

/* --format's value into *fmt; otherwise a usage error of cmd naming the value
 * and the choices (CH_INVALID). */
int table_format_arg(const struct cli_command *cmd, const char *arg, enum table_format *fmt);

/* The arguments of a list whose only option is --format and which takes no
 * argument (argv[0] is the subcommand): CH_OK with *fmt set, or CH_INVALID
 * after a usage error, saying extra when there is an argument. */
int table_list_args(const struct cli_command *cmd, int argc, char **argv, const char *extra,
		    enum table_format *fmt);

/* A list's table is a csv_table (csv_out.h) without a section: heads are the
 * column names (the keys of tsv, csv and json), align has 'r' for a numeric
 * column (right-aligned in text, a number in json) and 'l' for text.
 * text_heads, when set, are the headings text shows, marked N_() and shown
 * in the person's language; tsv, csv and json always have the keys.
 * Prints t on stdout in fmt (TABLE_DEFAULT: by the terminal rule), frees it,
 * and returns CH_OK or the exit status after saying what went wrong. */
int table_print(struct csv_table *t, enum table_format fmt);

#endif
