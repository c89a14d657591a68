/* commands.h — every subcommand's entry; main.c lists them in one table. */
#ifndef CHORUS_COMMANDS_H
#define CHORUS_COMMANDS_H

#include "cli.h"

extern const struct cli_command cmd_init, cmd_demo, cmd_submit, cmd_people, cmd_doctor,
	cmd_check, cmd_content, cmd_message, cmd_shares, cmd_strategy;
extern const struct cli_command cmd_report, cmd_digest;
extern const struct cli_command cmd_keys, cmd_theme, cmd_completion;
extern const struct cli_command cmd_request;
extern const struct cli_command cmd_undo;
extern const struct cli_command cmd_group;

/* main.c's table of them, in the order usage lists them. */
extern const struct cli_command *const cli_commands[];
extern const size_t cli_ncommands;

/* The names of the themes theme list shows (the built-in "default" too),
 * sorted, each malloc'd, in a malloc'd *names. */
void cli_theme_names(char ***names, int *n);

#endif
