/* demo.c — placeholder: replaced by the demo builder. */
#include "commands.h"
static int run(struct cli *c, int argc, char **argv) { (void)c; (void)argc; (void)argv; return cli_fail(CH_INVALID, "demo: not built yet"); }
const struct cli_command cmd_demo = { "demo", "[--no-tui]", "build the demo database", "", run };
