/* i18n.h — the language chorus speaks (gettext, text domain "chorus").
 *
 * Every sentence a person reads goes through _() where it is printed or
 * drawn: the TUI, CLI messages and errors, --help, the digest and the
 * report's text form.  Data (titles, names, stage and platform keys) and
 * anything a script reads (CSV and JSON keys, TSV columns) never does.
 * A string kept in a table is marked N_() there and translated with _()
 * where it is shown; a sentence with a count uses P_() (ngettext), never
 * "item(s)".
 *
 * i18n_init() sets the locale from the environment, except LC_NUMERIC and
 * LC_TIME, which stay "C" so that every printf, strtod and strftime in the
 * program writes and reads the one form files and scripts use.  Text meant
 * for a person formats numbers and days with i18n_num() and i18n_day(),
 * which follow the person's locale (LC_NUMERIC) and language (the day's
 * form is itself a translated string). */
#ifndef CHORUS_I18N_H
#define CHORUS_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(one, many, n) ngettext(one, many, (unsigned long)(n))
/* Deliberately not translated: a key, a command, a name passed to a
 * function that otherwise speaks to a person (tests/lib/i18n_lint.py). */
#define NT_(s) (s)

/* The text domain; the catalogues are under the build tree's locale/ next
 * to the binary (build/locale/nl/LC_MESSAGES/chorus.mo) when there is one,
 * else under CHORUS_LOCALEDIR (PREFIX/share/locale), or $CHORUS_LOCALEDIR
 * when set.  Call once, first thing in main. */
void i18n_init(void);

/* v with `decimals` digits after the point, in the person's form: "1.234,5"
 * in Dutch, "1234.5" in the C locale.  buf of n bytes (32 is always enough);
 * returns buf. */
const char *i18n_num(char *buf, size_t n, double v, int decimals);
/* An integer the same way ("12.345" in Dutch). */
const char *i18n_int(char *buf, size_t n, long long v);
/* A day given as "YYYY-MM-DD" (anything longer is cut there) in the
 * language's form: "2026-12-04" in English, "04-12-2026" in Dutch.  Text
 * that is not a day is copied unchanged.  Returns buf. */
const char *i18n_day(char *buf, size_t n, const char *ymd);

#endif
