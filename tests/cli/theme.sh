#!/bin/sh
# theme.sh — chorus theme list and check (chorus-theme(5)): every shipped
# theme validates; a bad file is exit 2 with FILE:LINE:COL: FIELD; names are
# found in $XDG_CONFIG_HOME/chorus/themes, then in $CHORUS_THEME_DIR (here
# the source tree's themes/); an unknown theme stops the interface before
# it starts.
. tests/lib/tap.sh

THEMES=$PWD/themes
MINE=$XDG_CONFIG_HOME/chorus/themes
export CHORUS_THEME_DIR="$THEMES"

# --- the shipped themes ---------------------------------------------------------------
for t in default light high-contrast mono; do
	ch theme check "themes/$t.yaml"
	expect "themes/$t.yaml validates" 0 "" "themes/$t.yaml: ok"
	ch theme check "$t"
	expect "$t is found by name" 0 "" "$THEMES/$t.yaml: ok"
done
ch theme check themes/default.yaml themes/light.yaml themes/high-contrast.yaml themes/mono.yaml
equals "several files: one line each" "$OUT" "themes/default.yaml: ok
themes/light.yaml: ok
themes/high-contrast.yaml: ok
themes/mono.yaml: ok"

ch theme list --format tsv
expect "theme list: exit 0" 0
equals "theme list: the shipped themes, sorted, with their descriptions" "$OUT" \
"name	file	used	description
default	$THEMES/default.yaml	yes	the built-in colours, for dark and light terminals alike
high-contrast	$THEMES/high-contrast.yaml	yes	strong colours and no dimmed text, for dark terminals
light	$THEMES/light.yaml	yes	dark colours for terminals with a light background
mono	$THEMES/mono.yaml	yes	no colour, attributes only"

# --- your own themes hide the installed ones -------------------------------------------------
mkdir -p "$MINE"
printf 'description: my light\nstatus: { fg: black, bg: white }\n' >"$MINE/light.yaml"
printf 'description: sunset\nheatmap: [ {fg: "#fdd0a2"}, {fg: "#fdae6b"}, {fg: "#fd8d3c"}, {fg: "#d94801"} ]\n' >"$MINE/sunset.yaml"
ch theme list --format tsv
expect "theme list with themes of your own: exit 0" 0 "" "sunset	$MINE/sunset.yaml	yes	sunset"
expect "theme list: yours come first" 0 "" "light	$MINE/light.yaml	yes	my light"
expect "theme list: the installed one of the same name is marked not used" 0 "" \
	"light	$THEMES/light.yaml	no	dark colours"
ch theme check light
expect "check light: yours is the one used" 0 "" "$MINE/light.yaml: ok"
rm -f "$MINE/light.yaml"

# --- no themes installed: the built-in default still works -------------------------------------
mkdir -p "$T_DIR/none"
CHORUS_THEME_DIR=$T_DIR/none ch theme list --format tsv
expect "no theme files: list shows the built-in default" 0 "" "default	(built in)	yes	the built-in colours"
CHORUS_THEME_DIR=$T_DIR/none ch theme check default
expect "no theme files: default is built in" 0 "" "default (built in): ok"
CHORUS_THEME_DIR=$T_DIR/none ch theme check light
expect "no theme files: another name is not found, naming where it looked" 2 \
	"chorus: theme \"light\" not found: no light.yaml in $MINE, $T_DIR/none (chorus theme list shows the themes there)"

# --- bad files: exit 2, FILE:LINE:COL: FIELD -------------------------------------------------------
B=$T_DIR/bad
mkdir -p "$B"
printf 'description: typo\nstatus: { fg: black, bg: cyan }\nheatmap:\n  - { fg: 22 }\n  - { fg: 28 }\n  - { fg: 34 }\n  - { fg: purpel }\n' >"$B/typo.yaml"
printf 'status: { fg: red, blink: true }\n' >"$B/key.yaml"
printf 'footer: { fg: red }\n' >"$B/role.yaml"
printf 'ok:\n  fg: #00ff00\n' >"$B/hash.yaml"
printf 'status: { fg: 256 }\n' >"$B/range.yaml"
printf 'error: { attr: [bold, blinking] }\n' >"$B/attr.yaml"
printf 'status: { fg: red\n' >"$B/syntax.yaml"
printf 'dim: { fg: grey }\n' >"$B/dim.yaml"
ch theme check "$B/typo.yaml"
expect "an unknown colour: exit 2, placed, the field named" 2 \
	"chorus: $B/typo.yaml:7:11: heatmap.4.fg: unknown colour \"purpel\""
if [ -z "$OUT" ]; then ok "a bad file: nothing on stdout"; else not_ok "a bad file: nothing on stdout" "$OUT"; fi
ch theme check "$B/key.yaml"
expect "an unknown key" 2 "chorus: $B/key.yaml:1:20: status: unknown key \"blink\" (fg, bg, attr, mono)"
ch theme check "$B/role.yaml"
expect "an unknown role" 2 "chorus: $B/role.yaml:1:1: unknown role \"footer\""
ch theme check "$B/hash.yaml"
expect "an unquoted #rrggbb (a comment to YAML)" 2 "chorus: $B/hash.yaml:2:6: ok.fg: expected a colour"
ch theme check "$B/range.yaml"
expect "a palette entry out of range" 2 "chorus: $B/range.yaml:1:15: status.fg: colour 256 is out of range"
ch theme check "$B/attr.yaml"
expect "an unknown attribute" 2 "chorus: $B/attr.yaml:1:23: error.attr: unknown attribute \"blinking\""
ch theme check "$B/syntax.yaml"
expect "a YAML syntax error" 2 "chorus: $B/syntax.yaml:2:1: did not find expected ',' or '}'"
ch theme check "$B/dim.yaml"
expect "colours on an attributes-only role" 2 "chorus: $B/dim.yaml:1:8: dim.fg: dim takes attributes only"
ch theme check themes/light.yaml "$B/key.yaml" themes/mono.yaml
expect "good and bad together: exit 2" 2 "$B/key.yaml:1:20"
equals "good and bad together: the good ones still said ok" "$OUT" "themes/light.yaml: ok
themes/mono.yaml: ok"
ch theme check "$T_DIR/missing.yaml"
expect "a missing file" 2 "chorus: $T_DIR/missing.yaml: No such file or directory"
ch theme check "bad name"
expect "a name that is not one" 2 "a theme name has letters, digits"

# --- what to check without an argument: --theme, else config.yaml's theme: ----------------------
ch theme check
expect "no argument, no config: the default" 0 "" "$THEMES/default.yaml: ok"
mkdir -p "$XDG_CONFIG_HOME/chorus"
printf 'theme: mono\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"
ch theme check
expect "no argument: config.yaml's theme" 0 "" "$THEMES/mono.yaml: ok"
ch --theme light theme check
expect "no argument: --theme wins over config.yaml" 0 "" "$THEMES/light.yaml: ok"
printf 'theme: nosuch\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"
ch theme check
expect "config.yaml names an unknown theme: exit 2" 2 "theme \"nosuch\" not found"

# --- the interface refuses an unknown or bad theme before it starts ---------------------------------
DB=$T_DIR/t.db
ch --db "$DB" init --org "Theme BV"
expect "init" 0
ch --db "$DB"
expect "config.yaml's unknown theme stops the interface: exit 2, what it looked for" 2 \
	"chorus: theme \"nosuch\" not found: no nosuch.yaml in $MINE, $THEMES"
printf 'theme: %s\n' "$B/typo.yaml" >"$XDG_CONFIG_HOME/chorus/config.yaml"
ch --db "$DB"
expect "config.yaml's bad theme file stops the interface, placed" 2 "chorus: $B/typo.yaml:7:11: heatmap.4.fg:"
rm -f "$XDG_CONFIG_HOME/chorus/config.yaml"
ch --db "$DB" --theme nosuch
expect "--theme with an unknown name: exit 2" 2 "chorus: theme \"nosuch\" not found"
ch --db "$DB" --theme="$B/range.yaml"
expect "--theme=FILE with a mistake: exit 2, placed" 2 "$B/range.yaml:1:15: status.fg:"
ch --db "$DB" --theme
expect "--theme without a value" 2 "chorus: --theme needs a value"
ch --db "$DB" --theme light
expect "a good theme, no terminal: the usual refusal, not the theme's" 2 "needs a terminal"

# --- a build works where it stands: the themes of its source tree -----------------------------------
# $CHORUS is build/chorus (or build/chorus-san) of this tree: without
# $CHORUS_THEME_DIR it finds ./themes; a copy elsewhere does not.
TREE=$(cd -P themes && pwd)
unset CHORUS_THEME_DIR
ch theme list --format tsv
expect "from the build tree, theme list shows the tree's themes" 0 "" "light	$TREE/light.yaml	yes	dark colours"
ch --theme light theme check
expect "from the build tree, --theme light is found" 0 "" "$TREE/light.yaml: ok"
mkdir -p "$T_DIR/elsewhere/bin"
cp "$CHORUS" "$T_DIR/elsewhere/bin/chorus"
run "$T_DIR/elsewhere/bin/chorus" theme list
check "a copy outside the tree does not find the tree's themes" sh -c '! printf "%s" "$1" | grep -qF "$2"' - "$OUT" "$TREE/"
mkdir -p "$T_DIR/elsewhere/themes"
printf 'description: not default\n' >"$T_DIR/elsewhere/themes/other.yaml"
run "$T_DIR/elsewhere/bin/chorus" theme list
check "a themes/ beside it without default.yaml is no source tree" sh -c '! printf "%s" "$1" | grep -qF other.yaml' - "$OUT"
export CHORUS_THEME_DIR="$THEMES"

# --- usage ----------------------------------------------------------------------------------------
ch theme
expect "theme alone: which subcommand" 2 "chorus theme: which: list or check?"
ch theme show light
expect "an unknown subcommand" 2 "chorus theme: unknown subcommand 'show'"
ch theme list extra
expect "list takes no argument" 2 "list takes no argument"
finish
