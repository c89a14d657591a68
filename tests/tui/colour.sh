#!/bin/sh
# colour.sh — colour tiers, read back from tmux with capture-pane -e: a
# pillar coloured #2e8b57 is drawn in 24-bit colour on a direct-colour
# terminal (terminfo says so, or COLORTERM=truecolor and TERM has a -direct
# entry), as palette entry 29 (the nearest of the 6x6x6 cube and the grey
# ramp) on a 256-colour one, as green on an 8-colour one, and without colour
# under NO_COLOR.  The direct-colour terminfo entries are compiled here, as
# Debian's ncurses-base has none.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
"$CHORUS" --db "$DB" strategy export >"$T_DIR/s.yaml"
sed -i 's/^pillars: \[\]$/pillars:\n  - name: "Craft"\n    colour: "#2e8b57"/' "$T_DIR/s.yaml"
"$CHORUS" --db "$DB" strategy import "$T_DIR/s.yaml" >/dev/null 2>&1
"$CHORUS" --db "$DB" submit --title "Green card" --pillar Craft >/dev/null 2>&1 \
	|| { echo "Bail out! cannot make a card with a pillar"; exit 1; }

direct_terminfo
TI_ENV="TERMINFO=$T_DIR/terminfo"

dot=$(printf '\342\227\217')   # the pillar dot
# colours NAME TEXT: ok when the card's dot is drawn right after TEXT.
colours() {
	if tm capture-pane -p -e -t t | grep -qF -- "$2$dot"; then ok "$1"
	else not_ok "$1" "no $2 before the dot:" "$(tm capture-pane -p -e -t t | grep -F "$dot" | head -2 | cat -v)"; fi
}

tui_start "$TI_ENV" TERM=chorus-direct
expect_screen "the board starts on a direct-colour terminal" "Green card"
colours "direct colour: #2e8b57 is drawn as itself" "[38;2;46;139;87m"
quit_clean "q quits cleanly (direct)"

tui_start "$TI_ENV" TERM=chorus-256color COLORTERM=truecolor
expect_screen "the board starts with COLORTERM=truecolor" "Green card"
colours "COLORTERM=truecolor with a -direct entry: 24-bit colour" "[38;2;46;139;87m"
quit_clean "q quits cleanly (COLORTERM)"

tui_start "$TI_ENV" TERM=chorus-256color
expect_screen "the board starts on a 256-colour terminal" "Green card"
colours "256 colours: the nearest palette entry (29)" "[38;5;29m"
quit_clean "q quits cleanly (256)"

tui_start TERM=screen
expect_screen "the board starts on an 8-colour terminal" "Green card"
colours "8 colours: the nearest basic colour (green)" "[32m"
quit_clean "q quits cleanly (8)"

tui_start NO_COLOR=1
expect_screen "the board starts under NO_COLOR" "Green card"
if tm capture-pane -p -e -t t | grep -qE '\[(3[0-7]|38;)'; then
	not_ok "NO_COLOR: no colour at all" "$(tm capture-pane -p -e -t t | grep -E '\[(3[0-7]|38;)' | head -2 | cat -v)"
else ok "NO_COLOR: no colour at all"; fi
quit_clean "q quits cleanly (NO_COLOR)"
finish
