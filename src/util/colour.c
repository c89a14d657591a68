/* colour.c — the colour names of chorus (see colour.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chorus/i18n.h"
#include "colour.h"

static const char *const basic[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* Names beyond the eight, as the colours the web calls by them. */
static const struct { const char *name; int rgb; } extra[] = {
	{ "orange", 0xFFA500 }, { "purple", 0x800080 }, { "pink", 0xFF69B4 }, { "teal", 0x008080 },
	{ "grey", 0x808080 }, { "gray", 0x808080 }, { "brown", 0xA52A2A }, { "navy", 0x000080 },
	{ "olive", 0x808000 }, { "lime", 0x00FF00 },
};

/* Fill why with a message about s (cut at 40 bytes), its control
 * characters shown as '?': a message may reach a terminal. */
__attribute__((format(printf, 3, 4)))
static int refuse(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	for (char *p = why; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return -1;
}

int colour_parse(const char *s, struct colour *c, char *why, size_t n)
{
	if (!s || !*s)
		return refuse(why, n, _("expected a colour: a name, 0-255, or \"#rrggbb\""));
	if (strcasecmp(s, "default") == 0) {
		*c = (struct colour){ COLOUR_DEFAULT, -1 };
		return 0;
	}
	const char *base = strncasecmp(s, "bright-", 7) == 0 ? s + 7 : s;
	for (int i = 0; i < 8; i++)
		if (strcasecmp(base, basic[i]) == 0) {
			*c = (struct colour){ COLOUR_INDEX, i + (base != s ? 8 : 0) };
			return 0;
		}
	for (size_t i = 0; base == s && i < sizeof extra / sizeof extra[0]; i++)
		if (strcasecmp(s, extra[i].name) == 0) {
			*c = (struct colour){ COLOUR_RGB, extra[i].rgb };
			return 0;
		}
	size_t len = strlen(s);
	if (strspn(s, "0123456789") == len) {
		const char *d = s + strspn(s, "0");   /* 007 is 7 */
		int v = !*d ? 0 : strlen(d) <= 3 ? atoi(d) : 256;
		if (v > 255)
			return refuse(why, n, _("colour %.40s is out of range: a palette entry is 0 to 255"), s);
		*c = (struct colour){ COLOUR_INDEX, v };
		return 0;
	}
	if (s[0] == '#') {
		if (len != 7 || strspn(s + 1, "0123456789abcdefABCDEF") != 6)
			return refuse(why, n, _("colour \"%.40s\": expected #rrggbb, six hex digits"), s);
		*c = (struct colour){ COLOUR_RGB, (int)strtol(s + 1, NULL, 16) };
		return 0;
	}
	return refuse(why, n, _("unknown colour \"%.40s\" (%s, 0-255 or \"#rrggbb\")"), s, COLOUR_NAMES);
}
