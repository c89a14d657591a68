/* timeutil.h — UTC dates and ISO weeks, one implementation for chorus.
 *
 * Times are seconds since the epoch, in UTC.  A week is an ISO 8601 week
 * (Monday to Sunday), numbered as the database numbers them: whole weeks
 * since Monday 1970-01-05 00:00 UTC (week 0); earlier weeks are negative.
 * The SQL that numbers weeks uses the same constants, as text
 * (TIME_WEEK0_SQL, TIME_WEEK_SQL).  libc only. */
#ifndef CHORUS_UTIL_TIMEUTIL_H
#define CHORUS_UTIL_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

#define TIME_DAY   86400
#define TIME_WEEK  604800
#define TIME_WEEK0 345600    /* Monday 1970-01-05 00:00 UTC, where week 0 starts */
#define TIME_WEEK_SQL  "604800"
#define TIME_WEEK0_SQL "345600"

/* a / b rounded towards minus infinity (b > 0). */
int64_t time_floordiv(int64_t a, int64_t b);

/* The week that holds time t. */
int64_t time_week_of(int64_t t);
/* Midnight UTC of the Monday that starts week w. */
int64_t time_week_start(int64_t w);
/* "2026-W45": the ISO year and week of week w ("?" when out of range). */
void time_week_label(int64_t w, char *out, size_t n);
/* "YYYY-Www" (year 1971 or later) into a week; -1 when it is not an ISO
 * week (W53 only in years that have one). */
int64_t time_week_parse(const char *text);

/* The calendar month that holds t, as year * 12 + month (0-11). */
int64_t time_month_of(int64_t t);
/* Midnight UTC of the first day of month m (as time_month_of numbers it). */
int64_t time_month_start(int64_t m);

/* "2026-11-03": the UTC day of t. */
void time_date_str(int64_t t, char *out, size_t n);
/* "2026-11-03 14:05": the UTC minute of t. */
void time_minute_str(int64_t t, char *out, size_t n);
/* Exactly "YYYY-MM-DD" to its midnight UTC; -1 otherwise. */
int64_t time_date_parse(const char *text);
/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" (or with 'T', an optional 'Z'), or
 * more than eight digits of epoch seconds; -1 when it is none of those or
 * not a real day (2026-02-31). */
int64_t time_parse(const char *text);

#endif
