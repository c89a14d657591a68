#!/bin/sh
# theme.sh — colour themes on screen, read back with tmux capture-pane -e:
# config.yaml's theme: light draws the tab in view and the status line white
# on blue and bob's heatmap cell in light's shade for its level, in 256,
# direct and 8 colours; the built-in default keeps its own colours; --theme
# wins over config.yaml, takes a file, and maps #ff0000 to 196 in 256
# colours; mono and NO_COLOR send no colour at all, only attributes.
#
# The data: bob submits nine items in ISO week 48 (CHORUS_NOW is Wednesday
# 2026-11-25), the master one in week 46: bob's cell of week 48 is level 3
# (light: #30a14e, 71 in 256 colours, blue in 8; default: 40).
. tests/lib/tap.sh
. tests/tui/tmux.inc

export CHORUS_THEME_DIR="$PWD/themes"
NOW=2026-11-25T12:00
as() { w=$1 l=$2; shift 2; CHORUS_NOW=$w "$CHORUS" --db "$DB" --as "$l" "$@" >/dev/null 2>&1 || echo "# setup failed: $l $*"; }
CHORUS_NOW=2026-10-01 "$CHORUS" --db "$DB" init --org "Theme BV" >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
ME=$(sql "$DB" "SELECT login FROM people WHERE id = 1")
CHORUS_NOW=2026-10-01 "$CHORUS" --db "$DB" people add bob --name "Bob Busy" --roles creator >/dev/null 2>&1
for i in 1 2 3 4 5 6 7 8 9; do as 2026-11-24T10:0$i bob submit --title "Bob $i" --body "Busy."; done
as 2026-11-11T10:00 "$ME" submit --title "Mine" --body "Older."
n=$(sql "$DB" "SELECT count(*) FROM content WHERE title LIKE 'Bob %'")
check "the dataset has bob's nine items" [ "$n" = 9 ]

direct_terminfo

E=$(printf '\033')
# row_sgr NAME PATTERN TEXT: the first screen row matching PATTERN holds the
# escape sequence TEXT (ESC written as $E).
row_sgr() {
	row=$(tm capture-pane -p -e -t t | grep -F -- "$2" | head -1)
	if printf '%s' "$row" | grep -qF -- "$3"; then ok "$1"
	else not_ok "$1" "no $(printf '%s' "$3" | cat -v) in:" "$(printf '%s' "$row" | cut -c1-300 | cat -v)"; fi
}
# row_lacks NAME PATTERN TEXT
row_lacks() {
	row=$(tm capture-pane -p -e -t t | grep -F -- "$2" | head -1)
	if printf '%s' "$row" | grep -qF -- "$3"; then
		not_ok "$1" "$(printf '%s' "$3" | cat -v) found in:" "$(printf '%s' "$row" | cut -c1-300 | cat -v)"
	else ok "$1"; fi
}
# no_colour NAME: no foreground or background colour anywhere on screen.
no_colour() {
	if tm capture-pane -p -e -t t | grep -qE "$E\[([34][0-7]|[34]8;)"; then
		not_ok "$1" "$(tm capture-pane -p -e -t t | grep -E "$E\[([34][0-7]|[34]8;)" | head -2 | cut -c1-200 | cat -v)"
	else ok "$1"; fi
}
heatmap() { keys 4; expect_screen "$1: the heatmap" "Bob Busy"; }

mkdir -p "$XDG_CONFIG_HOME/chorus"
printf 'theme: light\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"

# --- light, 256 colours ------------------------------------------------------------------
tui_start CHORUS_NOW=$NOW TERM=tmux-256color
expect_screen "theme: light starts on 256 colours" "Inbox"
heatmap "light 256"
row_sgr "light 256: the status line is white on blue" "refreshed" "$E[37m$E[44m"
row_sgr "light 256: the tab in view is bold white on blue" "1 Board" "$E[1m$E[37m$E[44m 4 Engagement"
row_sgr "light 256: bob's level-3 cell is light's #30a14e, palette 71" "Bob Busy  " "$E[38;5;71m"
row_lacks "light 256: not the default theme's green (40)" "Bob Busy  " "$E[38;5;40m"
quit_clean "q quits cleanly (light 256)"

# --- light, direct colour ------------------------------------------------------------------
tui_start CHORUS_NOW=$NOW "TERMINFO=$T_DIR/terminfo" TERM=chorus-direct
heatmap "light direct"
row_sgr "light direct: bob's cell is #30a14e itself" "Bob Busy  " "$E[38;2;48;161;78m"
row_sgr "light direct: the basic colours stay the terminal's own" "refreshed" "$E[37m$E[44m"
quit_clean "q quits cleanly (light direct)"

# --- light, 8 colours ------------------------------------------------------------------
tui_start CHORUS_NOW=$NOW TERM=screen
heatmap "light 8"
row_sgr "light 8: bob's cell takes light's 8-colour choice, blue" "Bob Busy  " "$E[34m"
row_sgr "light 8: the status line is white on blue" "refreshed" "$E[37m$E[44m"
quit_clean "q quits cleanly (light 8)"

# --- light under NO_COLOR: attributes only (light's mono: reverse) ------------------------------------
tui_start CHORUS_NOW=$NOW TERM=tmux-256color NO_COLOR=1
heatmap "light NO_COLOR"
no_colour "NO_COLOR: no colour at all, whatever the theme"
row_sgr "NO_COLOR: the status line is reverse" "refreshed" "$E[7m"
quit_clean "q quits cleanly (NO_COLOR)"

# --- the built-in default: today's colours ------------------------------------------------------
rm -f "$XDG_CONFIG_HOME/chorus/config.yaml"
tui_start CHORUS_NOW=$NOW TERM=tmux-256color
heatmap "default 256"
row_sgr "default: the status line is black on cyan" "refreshed" "$E[30m$E[46m"
row_sgr "default: bob's level-3 cell is green 40" "Bob Busy  " "$E[38;5;40m"
quit_clean "q quits cleanly (default)"

# --- --theme wins, mono: no colour on a colour terminal ------------------------------------------------
printf 'theme: light\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"
tui_start CHORUS_NOW=$NOW TERM=tmux-256color -- --theme mono
heatmap "--theme mono"
no_colour "--theme mono over config.yaml's light: no colour on a 256-colour terminal"
row_sgr "mono: the status line is reverse" "refreshed" "$E[7m"
row_sgr "mono: the tab in view is bold reverse" "1 Board" "$E[1;7m 4 Engagement"
quit_clean "q quits cleanly (mono)"

# --- dim: the default dims secondary text, high-contrast does not --------------------------------------
attr_on_screen() { tm capture-pane -p -e -t t | grep -qF -- "$1"; }
tui_start CHORUS_NOW=$NOW TERM=tmux-256color -- --theme default
expect_screen "--theme default: the board" "Editing"
if attr_on_screen "$E[2m"; then ok "default: secondary text is dim"; else not_ok "default: secondary text is dim" "no ESC[2m on screen"; fi
quit_clean "q quits cleanly (default dim)"
tui_start CHORUS_NOW=$NOW TERM=tmux-256color -- --theme high-contrast
expect_screen "--theme high-contrast: the board" "Editing"
if attr_on_screen "$E[2m"; then not_ok "high-contrast: nothing dimmed" "$(tm capture-pane -p -e -t t | grep -F "$E[2m" | head -2 | cat -v)"
else ok "high-contrast: nothing dimmed"; fi
row_sgr "high-contrast: the tab in view is black on bright yellow" "1 Board" "$E[1m$E[30m$E[103m 1 Board"
quit_clean "q quits cleanly (high-contrast)"

# --- --theme FILE: a partial theme of one's own ---------------------------------------------------------
printf 'status: { fg: "#ff0000", attr: bold }\n' >"$T_DIR/red.yaml"
tui_start CHORUS_NOW=$NOW TERM=tmux-256color -- --theme "$T_DIR/red.yaml"
heatmap "--theme FILE"
row_sgr "a file's #ff0000 is 196 in 256 colours" "refreshed" "$E[38;5;196m"
row_lacks "the status role is replaced whole: no background" "refreshed" "$E[46m"
row_sgr "roles the file leaves out keep the default (bob's cell)" "Bob Busy  " "$E[38;5;40m"
quit_clean "q quits cleanly (FILE)"
finish
