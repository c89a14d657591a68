/* fuzz_config.c — libFuzzer harness for config.yaml: any bytes, as a config
 * file, must give CH_OK or an error that names the file, never a crash, a
 * leak, a hang or undefined behaviour; a refused file leaves the defaults.
 * The bytes are copied into a buffer of exactly their size (no NUL after
 * them), so an over-read is caught by ASan. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	if (size)
		memcpy(buf, data, size);
	static struct config c;
	struct err e = {0};
	int st = config_parse(buf, size, "fuzz.yaml", &c, &e);
	if (st != CH_OK && st != CH_UNUSABLE && strncmp(e.msg, "fuzz.yaml", 9) != 0)
		abort();
	if (st != CH_OK && (c.database[0] || strcmp(c.theme, "default") != 0 || c.nkeys != 0))
		abort();   /* a refused file must not leave half its settings */
	if (memchr(c.database, 0, sizeof c.database) == NULL || memchr(c.theme, 0, sizeof c.theme) == NULL)
		abort();
	free(buf);
	return 0;
}
