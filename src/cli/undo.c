/* undo.c — chorus undo: take back one's own (or --as LOGIN's) last change,
 * through the audit log (core/undo.c); --dry-run says what it would undo. */
#include <stdio.h>
#include <getopt.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "chorus/undo.h"

static int run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int dry = 0, ch;
	optind = 1;
	while ((ch = cli_getopt(&cmd_undo, argc, argv, opts)) != -1) {
		if (ch != 'n')
			return CH_INVALID;
		dry = 1;
	}
	if (optind != argc)
		return cli_usage(&cmd_undo, _("unexpected argument '%s'"), argv[optind]);
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct err e = {0};
	char what[512];
	if (undo_last(&c->store, dry, what, sizeof what, &e) != CH_OK)
		return cli_error(&e);
	printf("%s: %s\n", dry ? _("would undo") : _("undid"), what);
	return CH_OK;
}

const struct cli_command cmd_undo = {
	"undo", "[--dry-run]",
	N_("undo your (or --as LOGIN's) last change: a move, pillar, campaign, rejection, share"),
	N_("  undo          take back your last change that can be undone, and log that:\n"
	"                a stage move (take, approve, reject, back, archive, restore),\n"
	"                a pillar or campaign set, a logged share, or a bulk action of\n"
	"                the Inbox (all its items at once).  Again: the change before.\n"
	"                Refused (exit 3) when someone changed the item since; exit 1\n"
	"                when there is nothing left to undo.\n"
	"  --dry-run     say what would be undone; change nothing\n"),
	run,
};
