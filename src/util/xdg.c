/* xdg.c — chorus's default directories (see xdg.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "xdg.h"

int xdg_path(enum xdg_base base, const char *rel, char *out, size_t n)
{
	const char *var = getenv(base == XDG_CONFIG ? "XDG_CONFIG_HOME" : "XDG_DATA_HOME");
	const char *home = getenv("HOME");
	const char *under = base == XDG_CONFIG ? "/.config" : "/.local/share";
	const char *sep = rel && *rel ? "/" : "";
	int k;
	if (!n)
		return -2;
	out[0] = 0;
	if (var && var[0] == '/')
		k = snprintf(out, n, "%s/chorus%s%s", var, sep, rel ? rel : "");
	else if (home && *home)
		k = snprintf(out, n, "%s%s/chorus%s%s", home, under, sep, rel ? rel : "");
	else
		return -1;
	if (k < 0 || (size_t)k >= n) {
		out[0] = 0;
		return -2;
	}
	return 0;
}

int exe_dir_path(const char *rel, char *out, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return 0;
	exe[len] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	*slash = 0;
	return (size_t)snprintf(out, n, "%s/%s", exe, rel) < n;
}
