/* timeutil.c — UTC dates and ISO weeks (see timeutil.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "timeutil.h"

int64_t time_floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if (a % b != 0 && (a < 0) != (b < 0))
		q--;
	return q;
}

int64_t time_week_of(int64_t t)
{
	return time_floordiv(t - TIME_WEEK0, TIME_WEEK);
}

int64_t time_week_start(int64_t w)
{
	return TIME_WEEK0 + w * TIME_WEEK;
}

static int utc_tm(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;
	if (gmtime_r(&tt, tm))
		return 0;
	memset(tm, 0, sizeof *tm);
	return -1;
}

void time_week_label(int64_t w, char *out, size_t n)
{
	/* An ISO week belongs to the year of its Thursday, and is numbered by
	 * how many Thursdays of that year came before it. */
	struct tm tm;
	if (utc_tm(time_week_start(w) + 3 * TIME_DAY, &tm) != 0)
		snprintf(out, n, "?");
	else
		snprintf(out, n, "%04d-W%02d", tm.tm_year + 1900, tm.tm_yday / 7 + 1);
}

int64_t time_month_of(int64_t t)
{
	struct tm tm;
	utc_tm(t, &tm);
	return (int64_t)(tm.tm_year + 1900) * 12 + tm.tm_mon;
}

int64_t time_month_start(int64_t m)
{
	int64_t y = time_floordiv(m, 12);
	struct tm tm = { .tm_year = (int)(y - 1900), .tm_mon = (int)(m - y * 12), .tm_mday = 1 };
	return (int64_t)timegm(&tm);
}

/* n ASCII digits at p (stops at the terminating NUL). */
static int digits(const char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

int64_t time_week_parse(const char *text)
{
	if (!text || strlen(text) != 8 || !digits(text, 4) || text[4] != '-' || text[5] != 'W' ||
	    !digits(text + 6, 2))
		return -1;
	int year = atoi(text), week = atoi(text + 6);
	if (year < 1971 || week < 1 || week > 53)
		return -1;
	/* 4 January is always in week 1; a week 53 that does not exist comes
	 * back as week 1 of the next year, so the label check rejects it. */
	struct tm tm = { .tm_year = year - 1900, .tm_mon = 0, .tm_mday = 4 };
	int64_t w = time_week_of((int64_t)timegm(&tm)) + week - 1;
	char back[16];
	time_week_label(w, back, sizeof back);
	return strcmp(back, text) == 0 ? w : -1;
}

void time_date_str(int64_t t, char *out, size_t n)
{
	struct tm tm;
	utc_tm(t, &tm);
	snprintf(out, n, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void time_minute_str(int64_t t, char *out, size_t n)
{
	struct tm tm;
	utc_tm(t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

int64_t time_date_parse(const char *text)
{
	/* the '-' keeps ten digits of epoch seconds out */
	if (!text || strlen(text) != 10 || text[4] != '-')
		return -1;
	return time_parse(text);
}

int64_t time_parse(const char *text)
{
	if (!text || !*text)
		return -1;
	size_t n = strspn(text, "0123456789");
	if (text[n] == 0 && n > 8)
		return strtoll(text, NULL, 10);
	int y, mo, d, h = 0, mi = 0, s = 0;
	/* Fixed widths of plain digits: sscanf alone would take " 1" or "+1". */
	if (!digits(text, 4) || text[4] != '-' || !digits(text + 5, 2) || text[7] != '-' ||
	    !digits(text + 8, 2))
		return -1;
	y = atoi(text); mo = atoi(text + 5); d = atoi(text + 8);
	const char *rest = text + 10;
	if (*rest == 'T' || *rest == ' ') {
		if (!digits(rest + 1, 2) || rest[3] != ':' || !digits(rest + 4, 2))
			return -1;
		h = atoi(rest + 1);
		mi = atoi(rest + 4);
		rest += 6;
		if (*rest == ':') {
			if (!digits(rest + 1, 2))
				return -1;
			s = atoi(rest + 1);
			rest += 3;
		}
		if (*rest == 'Z')
			rest++;
	}
	if (*rest || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return -1;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			 .tm_hour = h, .tm_min = mi, .tm_sec = s };
	int64_t t = (int64_t)timegm(&tm);
	struct tm back;
	utc_tm(t, &back);
	if (back.tm_mday != d)   /* 2026-02-31 */
		return -1;
	return t;
}
