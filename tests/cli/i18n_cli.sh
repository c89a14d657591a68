#!/bin/sh
# i18n_cli.sh — the commands speak Dutch (issue 16): with LC_ALL=nl_NL.UTF-8
# a command's --help explains its options in Dutch (the usage line, which is
# syntax, stays as it is), usage errors and a command's own errors and
# reports are Dutch, counts take the Dutch singular and plural, and the list
# header on a terminal is Dutch, while tsv, csv and json keep the English
# column names scripts read.  The C locale stays English throughout.
. tests/lib/tap.sh
. tests/lib/nl.sh

need script || { finish; exit; }
nl_locale || { finish; exit; }
# With LOCPATH set (nl_locale compiled the locale here), glibc's locale
# loading keeps the LOCPATH list it split with argz_add_sep: a leak of the C
# library's, not chorus's, that the sanitizer build would report on every run.
printf 'leak:__argz_add_sep\n' >"$T_DIR/lsan.supp"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$T_DIR/lsan.supp:print_suppressions=0"
DB=$T_DIR/chorus.db
pipeline_fixture "Taal BV"

# --- --help ------------------------------------------------------------------
nl people --help
expect "people --help in Dutch: the summary" 0 "" "beheer de mensen in het programma (social masters)"
expect "people --help in Dutch: the usage line keeps the syntax" 0 "" \
	"gebruik: chorus [--db PATH] [--as LOGIN] [--no-color] [--theme NAME] people add LOGIN [OPTIONS]"
expect "people --help in Dutch: the options explained" 0 "" "  --name NAME         volledige naam"
expect "people --help in Dutch: the --format line" 0 "" "text (kopregel en uitgelijnde kolommen"
ch people --help
expect "the C locale: people --help stays English" 0 "" "  --name NAME         full name"
expect "the C locale: the --format line stays English" 0 "" "text (header and aligned columns; the default on a"

# --- errors --------------------------------------------------------------------
nl --db "$DB" content show abc
expect "a bad id is refused in Dutch" 2 "chorus content: show heeft een content-ID nodig"
expect "the usage hint after it is Dutch" 2 "(chorus content --help vertelt meer)"
nl --db "$DB" submit --body "zonder titel"
expect "a missing option is refused in Dutch" 2 "chorus submit: --title is verplicht"
nl --db "$DB" people list --format xml
expect "a bad --format is refused in Dutch, the values as they are" 2 "--format 'xml': kies text, tsv, csv of json"
nl --db "$DB" people frobnicate
expect "an unknown subcommand is refused in Dutch" 2 "onbekende subopdracht 'frobnicate'"
ch --db "$DB" people frobnicate
expect "the C locale: the same error stays English" 2 "unknown subcommand 'frobnicate'"

# --- what a command says ---------------------------------------------------------
nl --db "$DB" people add anouk --name "Anouk de Vries"
expect "people add reports in Dutch" 0 "" "anouk toegevoegd"
nl --db "$DB" group add Zorg
expect "group add reports in Dutch" 0 "" "focusgroep Zorg toegevoegd"
nl --db "$DB" content show 1
expect "content show labels the fields in Dutch" 0 "" "titel:     First story"
printf 'login,name\nbram,Bram\n' >"$T_DIR/one.csv"
printf 'login,name\ncees,Cees\ndirk,Dirk\n' >"$T_DIR/two.csv"
nl --db "$DB" people import "$T_DIR/one.csv"
expect "people import: one row, in the Dutch singular" 0 "" "one.csv: 1 rij: 1 toegevoegd, 0 bijgewerkt, 0 ongewijzigd"
nl --db "$DB" people import "$T_DIR/two.csv"
expect "people import: two rows, in the Dutch plural" 0 "" "two.csv: 2 rijen: 2 toegevoegd, 0 bijgewerkt, 0 ongewijzigd"
ch --db "$DB" people import "$T_DIR/two.csv"
expect "the C locale: the import report stays English" 0 "" "two.csv: 2 rows: 0 added, 0 updated, 2 unchanged"

# --- lists ---------------------------------------------------------------------
# On a terminal the header is Dutch; in the C locale the keys in capitals.
tty_list() {
	script -qc "stty cols 200; env LANGUAGE= LC_ALL=$1 '$CHORUS' --db '$DB' people list" /dev/null </dev/null |
		tr -d '\r' | grep -v '^$' | head -1
}
head_nl=$(tty_list nl_NL.UTF-8)
case $head_nl in
"LOGIN "*" NAAM "*" TEAM "*" ROLLEN "*" ACTIEF "*" STATUS "*" SINDS") ok "people list on a terminal: the header is Dutch" ;;
*) not_ok "people list on a terminal: the header is Dutch" "got: $head_nl" ;;
esac
head_c=$(tty_list C.UTF-8)
case $head_c in
"LOGIN "*" NAME "*" TEAM "*" ROLES "*" ACTIVE "*" STATE "*" SINCE") ok "the C locale: the terminal header stays English" ;;
*) not_ok "the C locale: the terminal header stays English" "got: $head_c" ;;
esac
nl --db "$DB" people list --format csv
equals "people list --format csv in Dutch: the header row keeps the English names" \
	"$(printf '%s\n' "$OUT" | head -1 | tr -d '\r')" "login,name,team,roles,active,state,since"
nl --db "$DB" people list --format tsv
equals "people list --format tsv in Dutch: the header row keeps the English names" \
	"$(printf '%s\n' "$OUT" | head -1)" "$(printf 'login\tname\tteam\troles\tactive\tstate\tsince')"
nl --db "$DB" content list --format json
check "content list --format json in Dutch: the keys stay English" \
	python3 -c 'import json,sys; r=json.loads(sys.argv[1]); sys.exit(not r or list(r[0]) != ["id","stage","creator","pillar","title"])' "$OUT"

finish
