#!/bin/sh
# i18n_tui.sh — the full-screen interface in Dutch (LC_ALL=nl_NL.UTF-8): the
# tab bar and the Board's column heads and legend, the ? help, the status
# line after an action, a confirmation (its keys stay y/n), refused actions,
# the detail page's history in words, and `chorus keys`; at 80x24 the
# longer Dutch heads are cut by width but keep their counts.  The C locale
# still gets the English screen.
. tests/lib/tap.sh
. tests/lib/nl.sh
. tests/tui/tmux.inc

need msgfmt
nl_locale || { finish; exit; }
# With LOCPATH set (the locale compiled here), glibc's setlocale keeps the
# path list it splits (argz) for good: LeakSanitizer would report that in
# every run of the sanitizer build.  Not chorus's memory: suppressed by name.
if [ -n "${LOCPATH:-}" ]; then
	printf 'leak:__argz_add_sep\nleak:__argz_create_sep\n' >"$T_DIR/lsan.supp"
	export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$T_DIR/lsan.supp"
fi
make_db
for t in Alpha Bravo Charlie Delta; do submit "Story $t" >/dev/null; done
"$CHORUS" --db "$DB" content take 1 >/dev/null 2>&1

# no_screen NAME TEXT: ok when the screen does not show TEXT.
no_screen() {
	if screen | grep -qF -- "$2"; then not_ok "$1" "screen shows: $2" "$(screen | sed -n '1,4p')"; else ok "$1"; fi
}
# row N: line N of the screen (1 = the tab bar).
row() { screen | sed -n "${1}p"; }

# --- Dutch, 120x40 -----------------------------------------------------------
tui_start LC_ALL=nl_NL.UTF-8 --
expect_screen "the tab bar is Dutch (Bord, Inbox, Wachtrij)" "1 Bord  2 Inbox  3 Wachtrij"
expect_screen "the Board's column heads are Dutch, with their counts" "In bewerking 1"
expect_screen "the Ready and Shared heads are Dutch" "Klaar 0"
expect_screen "the Board's legend is Dutch" "pijler  @ bewerker"
expect_screen "the key hint under the panel is Dutch" "? hulp  : opdracht  1-8 panelen  q stoppen"
no_screen "no English column head is left" "Editing 1"

keys '?'
expect_screen "? opens the Dutch key help, titled with the panel" "Toetsen: Bord"
expect_screen "the key descriptions are Dutch" "de kaart een fase verder zetten (oppakken, goedkeuren)"
expect_screen "the keys themselves stay the same letters" "L        de kaart"
keys Escape
wait_gone "Toetsen: Bord"

# The cursor is on the first inbox card (#2, the oldest): L moves it on.
keys L
if wait_sql "SELECT stage FROM content WHERE id=2" editing; then ok "L still moves the card (inbox -> editing)"
else not_ok "L still moves the card" "stage: $(sql "$DB" 'SELECT stage FROM content WHERE id=2')"; fi
expect_screen "the status line after an action is Dutch" "item 2: een fase verder gezet"

# Refused actions say why in Dutch.
keys y
expect_screen "a refused action (no message types) says why in Dutch" "de strategie kent geen berichttypes"
keys : 'panel nergens' Enter
expect_screen "an unknown :panel is refused in Dutch" "dat paneel bestaat niet: nergens"

# A confirmation: two tagged inbox items rejected at once.
keys 2
expect_screen "the Inbox head is Dutch" "Inbox 2"
keys T 'Story (Charlie|Delta)' Enter
expect_screen "tagging by pattern is said in Dutch, with a plural count" "2 items meer gemarkeerd bij /Story (Charlie|Delta)/"
expect_screen "the Inbox head counts the tagged items in Dutch" "2 gemarkeerd"
keys '\;' x   # tmux needs ; escaped
expect_screen "the reason prompt is Dutch, with a plural count" "Reden van afwijzen (2 items):"
keys Enter
expect_screen "an empty reason is refused in Dutch" "niets gewijzigd: de tekst is leeg"
wait_gone "Reden van afwijzen"
keys '\;' x
if wait_for "Reden van afwijzen (2 items):"; then keys 'dubbel' Enter; else keys Escape; fi
expect_screen "the confirmation is Dutch" "2 items afwijzen (#"
expect_screen "the confirmation asks (y/n): the keys stay y and n" "? (y/n)"
keys n Enter
expect_screen "n cancels, said in Dutch" "geannuleerd: niets gewijzigd"
check "the cancelled rejection changed nothing" [ "$(sql "$DB" "SELECT count(*) FROM content WHERE stage='rejected'")" = 0 ]

# The detail page: its headings and the history in whole Dutch sentences.
keys 1
wait_for "Bord" >/dev/null
keys h h h l Enter
expect_screen "the detail page names the stage in Dutch" "in bewerking"
expect_screen "the detail's headings are Dutch" "Geschiedenis ("
expect_screen "the history is told in Dutch sentences" "heeft het opgepakt: in bewerking"
expect_screen "the detail's keys hint is Dutch" "terug"
keys Escape

# --- Dutch, 80x24: cut by width, counts kept ---------------------------------
tm resize-window -t t -x 80 -y 24
sleep 0.5
keys 1 h   # the column in view is the wide one: Editing becomes narrow
expect_screen "at 80x24 the narrow Editing head is cut but keeps its count" "In bewerk… 2"
head=$(row 2)
case $head in
*"Inbox 2"*"Klaar 0"*"Gedeeld 0"*) ok "at 80x24 every column head shows its count" ;;
*) not_ok "at 80x24 every column head shows its count" "$head" ;;
esac
legend=$(screen | grep -F 'pijler')
check "at 80x24 the Dutch legend fits whole" sh -c "printf '%s' \"\$1\" | grep -q 'één kolom'" _ "$legend"
tabs=$(row 1)
check "at 80x24 the tab bar is cut cleanly with an ellipsis" sh -c "printf '%s' \"\$1\" | grep -q '…\$'" _ "$tabs"
quit_clean "chorus quits cleanly in Dutch"

# --- chorus keys --------------------------------------------------------------
nl keys
expect "chorus keys prints the Dutch descriptions" 0 "" "kolom naar links"
expect "chorus keys keeps the key and action names" 0 "" "board      h,Left       left"

# --- the C locale: English ----------------------------------------------------
tui_start
expect_screen "C locale: the tab bar is English" "1 Board  2 Inbox  3 Queue"
expect_screen "C locale: the column heads are English" "Editing 2"
keys '?'
expect_screen "C locale: ? is English" "Keys: Board"
keys Escape
wait_gone "Keys: Board"
keys y
expect_screen "C locale: a refusal is English" "the strategy defines no message types"
quit_clean "chorus quits cleanly in the C locale"
ch keys
expect "C locale: chorus keys is English" 0 "" "column to the left"

finish
