/* app.c — placeholder until the TUI lands (issue: the TUI). */
#include "../cli/cli.h"
#include "tui.h"

int tui_main(struct cli *c)
{
	int st = cli_open(c);
	if (st != CH_OK)
		return st;
	cli_close(c);
	return cli_fail(CH_INVALID, "the full-screen interface is not part of this build yet; "
			"see chorus --help for the commands");
}
