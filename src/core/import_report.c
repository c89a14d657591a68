/* import_report.c — what the two imports share: how a row's problem is
 * reported and how much of a value it shows (core.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core.h"
#include "../util/utf8.h"

void core_report(void (*report)(void *ctx, int line, const char *msg), void *ctx, int line,
		 const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report(ctx, line, msg);
}

int core_shown(const char *v)
{
	size_t n = strlen(v);
	if (n <= 40)
		return (int)n;
	return (int)utf8_cut(v, 40);
}
