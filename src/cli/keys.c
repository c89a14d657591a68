/* keys.c — chorus keys: every panel's keys as the full-screen interface has
 * them, from the same tables its dispatch and ? help use, with the config
 * file's keys: laid over them.  No database and no terminal are needed, so
 * the manual's key list can be checked against it (tests/cli/keys.sh). */
#include <getopt.h>
#include <stdio.h>
#include "chorus/config.h"
#include "chorus/i18n.h"
#include "commands.h"

static int run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "defaults", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	int defaults = 0, ch;
	optind = 0;
	while ((ch = cli_getopt(&cmd_keys, argc, argv, opts)) != -1) {
		if (ch == 'd')
			defaults = 1;
		else
			return CH_INVALID;
	}
	if (optind < argc)
		return cli_usage(&cmd_keys, _("unexpected argument '%s'"), argv[optind]);
	if (!defaults) {
		/* The same checks as the interface makes when it starts. */
		static struct config cfg;
		struct err e = {0};
		if (config_load(&cfg, &e) != CH_OK || c->ui->keys_config(&cfg, &e) != CH_OK)
			return cli_error(&e);
	}
	c->ui->keys_print(stdout);
	c->ui->keys_reset();
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail(CH_FAILED, _("cannot write the key list"));
	return CH_OK;
}

const struct cli_command cmd_keys = {
	"keys", "[--defaults]",
	N_("list the full-screen interface's keys: panel, key, action, help"),
	N_("  (no option)          the keys as config.yaml's keys: makes them (exit 2 when\n"
	"                       it names an unknown panel, action or key, or a key in use)\n"
	"  --defaults           the built-in keys, ignoring the config file\n"),
	run,
};
