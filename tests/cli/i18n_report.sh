#!/bin/sh
# i18n_report.sh — the measure step speaks Dutch: the report's and the
# digest's text have Dutch headings and labels, numbers with a decimal comma
# and a thousands point, days as DD-MM-YYYY, and tables still aligned with
# the longer Dutch heads; the report's CSV and JSON stay byte for byte what
# the C locale writes; doctor's lines, a strategy error and check's summary
# are Dutch; the C locale stays English.
. tests/lib/tap.sh
. tests/lib/nl.sh
. tests/fixtures/measure/dataset.sh
export CHORUS_NOW=2026-11-10T10:00

nl_locale || { finish; exit; }

# --- the report's text ----------------------------------------------------
nl --db "$DB" report
expect "nl: report runs" 0 "" "chorus-rapport: Test BV"
has_line "nl: the period in Dutch days (DD-MM-YYYY)" "periode: 05-10-2026 t/m 10-11-2026 (dagen in UTC)"
has_line "nl: totals with a thousands point and a decimal comma" \
	"delingen: 7, weergaven: 6.200, kliks: 35, reacties: 80, opmerkingen: 6, doorgedeeld: 4, earned media value: 181,50"
has_line "nl: a section title is Dutch" "Delingen per platform"
has_line "nl: the platform heads are Dutch, the columns as wide as they need" \
	"PLATFORM  NAAM      DELINGEN  WEERGAVEN  KLIKS  REACTIES  OPMERKINGEN  DOORGEDEELD"
has_line "nl: a row stays under its Dutch heads" \
	"linkedin  LinkedIn         5      3.900     28        64            5            2"
has_line "nl: the total row is Dutch" \
	"totaal                     7      6.200     35        80            6            4"
has_line "nl: the week grid starts on Dutch days" \
	"2026-W41  05-10-2026         2  0         0       2"
has_line "nl: campaign progress with a decimal comma, days Dutch" \
	"Autumn open day  Employer brand  01-10-2026  30-11-2026             8         5      62,5%      4.200     23        46"
has_line "nl: rates with a decimal comma" \
	"x           5    1           0,25      2.300        16      7   22,50"
has_line "nl: a KPI not measured says so in Dutch" \
	"Leads           leads                3  year     niet gemeten"
expect "nl: the adoption line is Dutch" 0 "" \
	"deelname in 2026-W46: 0,0% deelde, 0,0% deed mee, van 7 geregistreerde mensen (geen aantal medewerkers ingesteld)"

# --- CSV and JSON: the same bytes in any language --------------------------
for fmt in csv json; do
	env LANGUAGE= LC_ALL=C.UTF-8 "$CHORUS" --db "$DB" report --format $fmt --posts >"$T_DIR/c.$fmt" 2>&1
	env LANGUAGE= LC_ALL=nl_NL.UTF-8 "$CHORUS" --db "$DB" report --format $fmt --posts >"$T_DIR/nl.$fmt" 2>&1
	if [ -s "$T_DIR/c.$fmt" ] && cmp -s "$T_DIR/c.$fmt" "$T_DIR/nl.$fmt"; then
		ok "report --format $fmt --posts: byte-identical in Dutch and in the C locale"
	else
		not_ok "report --format $fmt --posts: byte-identical in Dutch and in the C locale" \
			"$(diff "$T_DIR/c.$fmt" "$T_DIR/nl.$fmt" | head -10)"
	fi
done
check "csv keeps the C form in Dutch: 181.50, 2026-10-05" grep -q '^summary,Test BV,2026-10-05,2026-11-10,7,6200,35,80,6,4,181.50,' "$T_DIR/nl.csv"

# --- the C locale stays English ---------------------------------------------
ch --db "$DB" report
has_line "C: the report stays English" "chorus report: Test BV"
has_line "C: days and numbers in the C form" "period: 2026-10-05 to 2026-11-10 (UTC days, both included)"
has_line "C: English heads" "PLATFORM  NAME      SHARES  IMPRESSIONS  CLICKS  REACTIONS  COMMENTS  RESHARES"

# --- the digest ---------------------------------------------------------------
nl --db "$DB" digest --week 2026-W45
expect "nl: digest runs" 0 "" "chorus-weekoverzicht: Test BV"
has_line "nl: the digest's week in Dutch days" "week 2026-W45: maandag 02-11-2026 t/m zondag 08-11-2026 (UTC)"
has_line "nl: the digest's summary counts in Dutch" "Deze week: 2 delingen door 2 mensen; 1 item klaar; 2 stille ambassadeurs."
has_line "nl: a digest heading is Dutch" "SUCCESSEN"
has_line "nl: another heading is Dutch" "VOORTGANG VAN DE CAMPAGNES"
has_line "nl: a win with a thousands point and a Dutch day" \
	"    - eva op linkedin, 04-11-2026: 30 reacties, 9 kliks, 1.200 weergaven; #3 Behind the scenes"
has_line "nl: the quiet heading counts weeks in Dutch" "STILLE AMBASSADEURS (niets gedaan in de afgelopen 4 weken)"
ch --db "$DB" digest --week 2026-W45
has_line "C: the digest stays English" "WINS"

# --- doctor, strategy, check ------------------------------------------------
nl --db "$DB" doctor
expect "nl: doctor runs" 0
has_line "nl: doctor's lines are Dutch, the values after the longest name" \
	"toegang          lezen en schrijven"
expect "nl: doctor reads the audit chain in Dutch" 0 "" "gebeurtenissen in de keten, intact"
ch --db "$DB" doctor
has_line "C: doctor stays English, its column as before" "access         read-write"

nl --db "$DB" strategy import
expect "nl: a strategy usage error is Dutch" 2 "welk BESTAND importeren?"
printf 'version: 1\npillars: 7\n' >"$T_DIR/bad.yaml"
nl --db "$DB" strategy import "$T_DIR/bad.yaml"
expect "nl: a bad strategy file is refused in Dutch" 2 "er is niets geïmporteerd"

printf 'Hallo allemaal\n' >"$T_DIR/text.txt"
nl --db "$DB" check "$T_DIR/text.txt"
expect "nl: check's summary is Dutch" 0 "" "geen treffers van de richtlijnen"

# A share dated before its message was written is the date's fault, in any
# language (found from the data, not from the words of the message).
printf 'message_id,url,login,platform,date,impressions,clicks,reactions,comments,reshares\n%s,,dirk,linkedin,2026-01-02,1,1,1,1,1\n' \
	"$M1" >"$T_DIR/early.csv"
nl --db "$DB" shares import "$T_DIR/early.csv"
expect "nl: a share dated before its message is blamed on the date column" 2 "early.csv:2: date: "

finish
