#!/bin/sh
# i18n.sh — chorus speaks Dutch: the catalogue po/nl.po translates every
# string the sources mark (po/chorus.pot, made by the build), with no fuzzy
# or stale entry and with the same printf conversions; every string passed
# to a function that speaks to a person is marked (tests/lib/i18n_lint.py);
# with LANG/LC_ALL=nl_NL.UTF-8 or LANGUAGE=nl the usage, --help and errors
# are Dutch, while the C locale stays English; days and numbers in text
# take the Dutch form.
. tests/lib/tap.sh
. tests/lib/nl.sh

need msgfmt && need msgcmp && need xgettext

# --- the catalogue ------------------------------------------------------
if [ -f po/chorus.pot ]; then ok "the build made po/chorus.pot"; else not_ok "the build made po/chorus.pot"; fi
run msgfmt --check --statistics -o /dev/null po/nl.po
stats=$(printf '%s\n' "$ERR" | tail -n 1)
case $stats in
*untranslated* | *fuzzy*) not_ok "po/nl.po: every entry translated, none fuzzy" "$stats" ;;
*translated*) [ "$RC" = 0 ] && ok "po/nl.po: every entry translated, none fuzzy, conversions agree ($stats)" ||
	not_ok "po/nl.po passes msgfmt --check" "$ERR" ;;
*) not_ok "po/nl.po passes msgfmt --check" "$ERR" ;;
esac
run msgcmp po/nl.po po/chorus.pot
expect "po/nl.po translates every string the sources mark (msgcmp)" 0
run msgcmp --use-untranslated po/chorus.pot po/nl.po
expect "po/nl.po holds no entry the sources no longer mark" 0
run python3 tests/lib/i18n_lint.py
expect "every string a person reads is marked for translation (i18n_lint)" 0

# --- the language follows the locale -------------------------------------
nl_locale || { finish; exit; }
nl --help
expect "LC_ALL=nl_NL.UTF-8: --help is Dutch" 0 "" "gebruik: chorus"
run env LANGUAGE=nl LC_ALL=C.UTF-8 "$CHORUS" --help
expect "LANGUAGE=nl: --help is Dutch" 0 "" "gebruik: chorus"
ch --help
expect "the C locale: --help stays English" 0 "" "usage: chorus"
nl frobnicate
expect "an unknown command is refused in Dutch" 2 "onbekende opdracht"

finish
