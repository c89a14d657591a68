/* fuzz_theme.c — libFuzzer harness for the theme parser: any bytes, as a
 * theme file, must give CH_OK or a placed error, never a crash, a leak or
 * undefined behaviour.  theme_parse reads a buffer with a length, so the
 * bytes are copied into one of exactly their size (no NUL after them): an
 * over-read is caught by ASan.  Nothing is written anywhere. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	if (size)
		memcpy(buf, data, size);
	static struct theme t;
	struct err e = {0};
	int st = theme_parse(buf, size, "fuzz.yaml", &t, &e);
	/* Every refusal names the file; every success maps in every tier. */
	if (st != CH_OK && strncmp(e.msg, "fuzz.yaml:", 10) != 0 && st != CH_UNUSABLE)
		abort();
	for (int r = 0; st == CH_OK && r < THEME_ROLES; r++)
		for (int tier = THEME_TIER_NONE; tier <= THEME_TIER_DIRECT; tier++) {
			int bold = 0;
			int fg = theme_colour_map(&t.role[r].fg, (enum theme_tier)tier, &bold);
			int bg = theme_colour_map(&t.role[r].bg, (enum theme_tier)tier, NULL);
			if (fg < -1 || bg < -1 || fg > 0xffffff || bg > 0xffffff ||
			    (tier == THEME_TIER_8 && (fg > 7 || bg > 7)) ||
			    (tier == THEME_TIER_256 && (fg > 255 || bg > 255)))
				abort();
		}
	free(buf);
	return 0;
}
