/* err.c — filling a struct err. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "chorus/err.h"

int err_set(struct err *e, int status, const char *fmt, ...)
{
	if (!e)
		return status;
	e->status = status;
	e->kind = ERR_PLAIN;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return status;
}

void err_clear(struct err *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}
