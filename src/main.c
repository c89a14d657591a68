/* main.c — global options, then one table from command name to handler.
 * With no command, chorus opens the TUI on the default database. */
#include <stdio.h>
#include <string.h>
#include "chorus/i18n.h"
#include "../src/cli/commands.h"
#include "../src/tui/tui.h"

const struct cli_command *const cli_commands[] = {
	&cmd_init, &cmd_demo, &cmd_submit, &cmd_people, &cmd_strategy, &cmd_content, &cmd_message,
	&cmd_shares, &cmd_report, &cmd_digest, &cmd_check, &cmd_doctor, &cmd_keys,
	&cmd_theme, &cmd_completion,
	&cmd_request,
	&cmd_undo,
	&cmd_group,
};
const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

static void usage(FILE *out)
{
	fprintf(out, _("usage: chorus %s [COMMAND [ARGS]]\n"
		       "       chorus --version | --help\n\n"
		       "chorus runs an employee-advocacy programme (the Social Shift method) from one\n"
		       "SQLite file.  With no command it opens the full-screen interface.\n\n"
		       "commands:\n"), CLI_GLOBAL_USAGE);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(out, "  %-9s %s\n", cli_commands[i]->name, _(cli_commands[i]->summary));
	fprintf(out, "%s", _("\n'chorus COMMAND --help' shows a command's options; man chorus has it all.\n"
			     "exit status: 0 ok, 1 check failed or refused, 2 bad usage or input,\n"
			     "             3 busy or conflict, 4 database unusable, 5 (doctor) audit log changed\n"));
}

/* Global options come before the command; --opt=value and --opt value both work. */
static int global_value(int argc, char **argv, int *i, const char *name, const char **out)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*out = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != 0)
		return 0;
	if (*i + 1 >= argc) {
		*out = NULL;
		return -1;
	}
	*out = argv[++*i];
	return 1;
}

static int run(int argc, char **argv)
{
	static const struct session_ui tui = { tui_main, tui_keys_config, tui_keys_reset, tui_keys_print };
	struct session c;
	memset(&c, 0, sizeof c);
	c.ui = &tui;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		int r;
		if (strcmp(argv[i], "--version") == 0) {
			printf("chorus %s\n", CHORUS_VERSION);
			return 0;
		}
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--no-color") == 0) {
			c.no_color = 1;
			continue;
		}
		if ((r = global_value(argc, argv, &i, "--db", &c.db_opt)) ||
		    (r = global_value(argc, argv, &i, "--as", &c.as)) ||
		    (r = global_value(argc, argv, &i, "--theme", &c.theme))) {
			if (r < 0 || !*(c.db_opt ? c.db_opt : "x") || (c.as && !*c.as) || (c.theme && !*c.theme)) {
				fprintf(stderr, _("chorus: %s needs a value\n"), argv[i]);
				return 2;
			}
			continue;
		}
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		fprintf(stderr, _("chorus: unknown option %s\n"), argv[i]);
		usage(stderr);
		return 2;
	}
	if (i >= argc)
		return tui_main(&c);
	for (size_t k = 0; k < cli_ncommands; k++)
		if (strcmp(argv[i], cli_commands[k]->name) == 0) {
			if (cli_wants_help(argc - i, argv + i))
				return cli_help(cli_commands[k]);
			/* A command waits for no person once it has the store
			 * open: in share mode it takes the lock once (the TUI,
			 * reached through demo, lets it go before each key). */
			store_hold_lock_per_open(1);
			int st = cli_commands[k]->run(&c, argc - i, argv + i);
			session_close(&c);
			return st;
		}
	fprintf(stderr, _("chorus: unknown command '%s'\n"), argv[i]);
	usage(stderr);
	return 2;
}

/* Everything printed goes through the terminal-safe filter (cli.h); the TUI
 * takes the plain streams back while curses has the terminal. */
int main(int argc, char **argv)
{
	i18n_init();
	session_guard_start();
	int st = run(argc, argv);
	session_guard_end();
	return st;
}
