#!/bin/sh
# i18n_panels.sh — the Engagement, People, Strategy, Mine and Campaigns
# panels speak Dutch under LC_ALL=nl_NL.UTF-8: their headings, column heads,
# the adoption label, a journey state and a campaign's status; the columns
# are as wide as the Dutch words (the People heads whole at 80x24, the
# Strategy key hints cut with an ellipsis, not past the edge); the demo's
# data (names, titles) stays as it is.  In the C locale the same screens are
# English.  q quits cleanly (no sanitizer reports).
. tests/lib/tap.sh
. tests/lib/nl.sh
. tests/tui/tmux.inc

export CHORUS_NOW=2026-11-23T12:00:00
"$CHORUS" --db "$DB" demo --no-tui >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
ME=$(sql "$DB" "select login from people where roles & 1 and id = (select min(id) from people)")
ED=$(sql "$DB" "select login from people where roles & 2 and login <> '$ME' order by login limit 1")
# Someone paused and someone invited, to see both states; a request asked of me.
PAUSED=$(sql "$DB" "select login from people where login <> '$ME' order by login limit 1")
"$CHORUS" --db "$DB" people set "$PAUSED" --state paused >/dev/null 2>&1
"$CHORUS" --db "$DB" --as "$ED" request add --to "$ME" --due 2099-06-01 --brief "Foto's van de open dag" >/dev/null 2>&1
# (its name's start: the column cuts a long one)
CAMPAIGN=$(sql "$DB" "select substr(name, 1, 18) from campaigns where starts <= '2026-11-23' and ends >= '2026-11-23' limit 1")

nl_locale || { finish; exit; }

# panel KEY NAME TEXT...: switch to the panel, then each TEXT must show.
panel() {
	k=$1 what=$2
	shift 2
	keys "$k"
	for t in "$@"; do expect_screen "$what: $t" "$t"; done
}

# glibc keeps the list it makes of $LOCPATH (newlocale, which i18n_init
# calls) for good: with the locale compiled here (nl_locale), LeakSanitizer
# reports those bytes at exit.  Not chorus's: the sanitizer build is told.
printf 'leak:__argz_add_sep\n' >"$T_DIR/lsan.supp"
LSAN="LSAN_OPTIONS=suppressions=$T_DIR/lsan.supp:print_suppressions=0"

# --- Dutch at 120x40 ---------------------------------------------------------
tui_start LC_ALL=nl_NL.UTF-8 "LOCPATH=${LOCPATH:-}" LANGUAGE= "$LSAN" --
wait_for " 1 B" 50
panel 4 "Engagement in Dutch" "Heatmap: alle activiteit per ISO-week" "Stil 4+ weken:" "een zetje nodig?" \
	"deelname " "schaal "
panel 7 "People in Dutch" "Mensen " "Naam" "Rollen" "Status" "Laatst actief" "Accounts (volgers)" \
	"gepauzeerd" "uitgenodigd"
panel 5 "Strategy in Dutch" " Strategie van " "Doelen (" "Doelgroepen (" "Pijlers (" "Waar het programma voor is."
panel 8 "Mine in Dutch" " Van mij   1 verzoek aan jou" "inzending" "gevraagd" "Foto's van de open dag"
panel 6 "Campaigns in Dutch" " Campagnes " "Periode" "delingen/streefaantal" "actief" "$CAMPAIGN"

# The demo's data stays as it was written.
keys 7
if screen | grep -qF "$PAUSED"; then ok "People in Dutch: the logins are the data, unchanged"
else not_ok "People in Dutch: the logins are the data, unchanged" "no $PAUSED on screen"; fi

# --- Dutch at 80x24: the heads fit or are cut cleanly -------------------------
tm resize-window -t t -x 80 -y 24
keys 7
if wait_for "Laatst actief" && screen | sed -n 3p | grep -q "Login.*Naam.*Team.*Rollen.*Status.*Laatst actief"; then
	ok "People at 80x24 in Dutch: every column head whole, in order"
else
	not_ok "People at 80x24 in Dutch: every column head whole, in order" "$(screen | sed -n 2,4p)"
fi
# The state column as wide as the widest Dutch state: "uitgenodigd" stays whole.
if screen | grep -q "uitgenodigd "; then ok "People at 80x24 in Dutch: the longest journey state fits its column"
else not_ok "People at 80x24 in Dutch: the longest journey state fits its column" "$(screen | sed -n 3,8p)"; fi
keys 5
wait_for " Strategie van "
head=$(screen | sed -n 2p)
width=$(printf '%s' "$head" | wc -m)
case $head in
*" Strategie van "*"a nieuw  e bewerken"*"…") [ "$width" -le 80 ] &&
	ok "Strategy at 80x24 in Dutch: the heading whole, the key hints cut with an ellipsis" ||
	not_ok "Strategy at 80x24 in Dutch: the heading fits 80 columns" "$width: $head" ;;
*) not_ok "Strategy at 80x24 in Dutch: the heading whole, the key hints cut with an ellipsis" "$head" ;;
esac
keys 4
if wait_for "deelname " && screen | grep -q "^deelname .*=10%"; then ok "Engagement at 80x24 in Dutch: the adoption label fits its column"
else not_ok "Engagement at 80x24 in Dutch: the adoption label fits its column" "$(screen | sed -n 18,22p)"; fi
quit_clean "Dutch: q quits cleanly"

# --- the C locale stays English ---------------------------------------------
tui_start LOCPATH=
wait_for "Board" 50
panel 4 "Engagement in English" "Heatmaps: all activity per ISO week" "Quiet 4+ weeks:" "adoption " "scale "
panel 7 "People in English" " People " "Last active" "Platforms: handle (followers)" "paused" "invited"
panel 5 "Strategy in English" " Strategy of " "Goals (" "Audiences (" "Pillars (" "What the programme is for."
panel 8 "Mine in English" " Mine   1 request asked of you" "submission" "asked"
panel 6 "Campaigns in English" " Campaigns " "Period" "shares/target" "active"
keys 7
if screen | grep -qE "uitgenodigd|gepauzeerd|Laatst actief"; then
	not_ok "People in English: no Dutch word" "$(screen | sed -n 2,6p)"
else
	ok "People in English: no Dutch word"
fi
quit_clean "English: q quits cleanly"

finish
