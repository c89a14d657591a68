/* i18n.c — gettext's text domain and the person's form of numbers and days
 * (include/chorus/i18n.h). */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "xdg.h"

#ifndef CHORUS_LOCALEDIR
#define CHORUS_LOCALEDIR "/usr/local/share/locale"
#endif

/* The decimal point and thousands separator of the person's LC_NUMERIC,
 * read once by i18n_init ("." and "" until then, or in the C locale). */
static char radix[8] = ".";
static char thousands[8] = "";

/* DIR/locale when this binary is DIR/chorus and DIR/locale holds
 * catalogues: a build tree speaks its own catalogues before any install. */
static int tree_locale(char *out, size_t n)
{
	return exe_dir_path("locale", out, n) && access(out, X_OK) == 0;
}

static void copy_sep(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

void i18n_init(void)
{
	/* The person's separators are read while LC_NUMERIC is still theirs
	 * (not through newlocale: with $LOCPATH set, glibc's newlocale leaks
	 * the list of directories it made from it). */
	if (setlocale(LC_ALL, "")) {
		copy_sep(radix, sizeof radix, nl_langinfo(RADIXCHAR));
		copy_sep(thousands, sizeof thousands, nl_langinfo(THOUSEP));
		if (!*radix)
			strcpy(radix, ".");
	}
	setlocale(LC_NUMERIC, "C");
	setlocale(LC_TIME, "C");
	char dir[PATH_MAX];
	const char *env = getenv("CHORUS_LOCALEDIR");
	if (env && *env)
		bindtextdomain("chorus", env);
	else if (tree_locale(dir, sizeof dir))
		bindtextdomain("chorus", dir);
	else
		bindtextdomain("chorus", CHORUS_LOCALEDIR);
	bind_textdomain_codeset("chorus", "UTF-8");
	textdomain("chorus");
}

/* digits (plain ASCII, an optional '-' first) with the thousands separator
 * every three digits from the right, then frac (the digits after the point,
 * or ""), into buf. */
static const char *group(char *buf, size_t n, const char *digits, const char *frac)
{
	size_t k = 0;
	const char *d = digits;
	if (*d == '-' && k + 1 < n)
		buf[k++] = *d++;
	size_t len = strlen(d), seplen = strlen(thousands);
	for (size_t i = 0; i < len && k + 1 < n; i++) {
		buf[k++] = d[i];
		size_t left = len - i - 1;
		if (left > 0 && left % 3 == 0 && seplen && k + seplen < n) {
			memcpy(buf + k, thousands, seplen);
			k += seplen;
		}
	}
	if (*frac) {
		size_t rl = strlen(radix), fl = strlen(frac);
		if (k + rl + fl < n) {
			memcpy(buf + k, radix, rl);
			k += rl;
			memcpy(buf + k, frac, fl);
			k += fl;
		}
	}
	buf[k < n ? k : n - 1] = 0;
	return buf;
}

const char *i18n_num(char *buf, size_t n, double v, int decimals)
{
	char plain[64];
	if (decimals < 0)
		decimals = 0;
	snprintf(plain, sizeof plain, "%.*f", decimals, v);
	char *dot = strchr(plain, '.');
	const char *frac = "";
	if (dot) {
		*dot = 0;
		frac = dot + 1;
	}
	return group(buf, n, plain, frac);
}

const char *i18n_int(char *buf, size_t n, long long v)
{
	char plain[32];
	snprintf(plain, sizeof plain, "%lld", v);
	return group(buf, n, plain, "");
}

const char *i18n_day(char *buf, size_t n, const char *ymd)
{
	int y, m, d;
	char tail;
	if (!ymd || sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d, &tail) < 3 || strlen(ymd) < 10) {
		snprintf(buf, n, "%s", ymd ? ymd : "");
		return buf;
	}
	/* TRANSLATORS: how a day is written in running text: %1$04d is the
	 * year, %2$02d the month, %3$02d the day of the month.  Dutch puts the
	 * day first: "%3$02d-%2$02d-%1$04d". */
	snprintf(buf, n, _("%1$04d-%2$02d-%3$02d"), y, m, d);
	return buf;
}
