#!/bin/sh
# options.sh — the strategy's options in the Strategy panel (shown on the line
# under the outline; O opens them in a form checked by the core's rules, a
# save is stored and audited, read only for a publisher), and options.wip on
# the Board: the strategy's limit shows in the column head, a personal
# config's wip overrides it on that screen only.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
for t in One Two; do submit "Story $t" >/dev/null; "$CHORUS" --db "$DB" content take "$(sql "$DB" "select max(id) from content")" >/dev/null; done
setting() { sql "$DB" "select coalesce((select value from settings where key = '$1'), '(none)')"; }

tui_start
expect_screen "the board starts: no WIP limit yet" "Editing 2"
keys 5
expect_screen "the Strategy panel shows the options" "Options (O): open enrolment false, WIP inbox 0, WIP editing 0, WIP ready 0"
keys O
expect_screen "O opens the options form" " Options "
expect_screen "the form has the quiet weeks" "Quiet weeks"
# Fields: open enrolment, WIP inbox, WIP editing, WIP ready, quiet weeks, adoption target.
keys Down Down Down Down C-u
keys -l "99"
expect_screen "a value out of range is refused as typed (the core's rule)" "must be from 1 to 52"
keys Enter
expect_screen "Enter with a refused value saves nothing" "not saved: Quiet weeks: must be from 1 to 52"
equals "nothing stored while refused" "$(setting quiet_weeks)" "(none)"
keys C-u
keys -l "6"
keys Up Up C-u
keys -l "1"
keys Up Up C-u
keys -l "maybe"
expect_screen "a boolean must be true or false" "must be true or false"
keys C-u
keys -l "true"
keys Enter
expect_screen "the options are saved" "saved the options (3 changed)"
equals "WIP editing stored" "$(setting wip_editing)" "1"
equals "quiet weeks stored" "$(setting quiet_weeks)" "6"
equals "open enrolment stored" "$(setting open_enrolment)" "true"
equals "one audit event with the new values" \
	"$(sql "$DB" "select entity, action, json_extract(detail, '$.\"wip.editing\"'), json_extract(detail, '$.quiet_weeks'), json_extract(detail, '$.open_enrolment') from events where action = 'options'")" \
	"strategy|options|1|6|1"
expect_screen "the options line shows the new values" "open enrolment true, WIP inbox 0, WIP editing 1, WIP ready 0, quiet weeks 6"
keys O
expect_screen "O again" " Options "
keys Enter
expect_screen "saving unchanged options changes nothing" "nothing changed"
equals "no second event" "$(sql "$DB" "select count(*) from events where action = 'options'")" "1"
keys 1
expect_screen "the Board shows the strategy's WIP limit, over it" "Editing 2/1 !"
quit_clean "q quits cleanly (1)"

# Another master changes the strategy's option: the Board follows.
"$CHORUS" --db "$DB" strategy export "$T_DIR/s.yaml" >/dev/null 2>&1
sed -i 's/^\(  *\)editing: 1$/\1editing: 3/' "$T_DIR/s.yaml"
"$CHORUS" --db "$DB" strategy import "$T_DIR/s.yaml" >/dev/null 2>&1
equals "the import set WIP editing 3" "$(setting wip_editing)" "3"
tui_start
expect_screen "the Board shows the imported limit" "Editing 2/3"

# The personal config overrides it on this screen only.
mkdir -p "$XDG_CONFIG_HOME/chorus"
printf 'wip: { editing: 5 }\n' >"$XDG_CONFIG_HOME/chorus/config.yaml"
tui_start
expect_screen "the personal wip wins on this screen" "Editing 2/5"
equals "the strategy's limit is unchanged" "$(setting wip_editing)" "3"
quit_clean "q quits cleanly (2)"
rm -f "$XDG_CONFIG_HOME/chorus/config.yaml"

# A publisher sees the options, read only.
tui_start -- --as pub
keys 5
expect_screen "the publisher sees the options line" "Options (O): open enrolment true"
keys O
expect_screen "the form is read only for a publisher" "Options (read only)"
keys -l "7"
expect_screen "typing says why" "only a social master can change the options"
keys Escape
equals "nothing changed for the publisher" "$(sql "$DB" "select count(*) from events where action = 'options'")" "1"
quit_clean "q quits cleanly (3)"

finish
