#!/bin/sh
# editor.sh — e edits title and body in $EDITOR (a scripted editor here):
# the edit is saved; an unchanged file changes nothing; an empty title is
# refused and the text kept; a change made by someone else while the editor
# was open is a conflict that says who, keeps the user's text, and o
# overwrites.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
submit "Original title" "Original body line." >/dev/null
me=$(id -un)
cat >"$T_DIR/ed.sh" <<'ED'
#!/bin/sh
# A scripted editor: optionally wait for a flag file, then rewrite the title line.
if [ -n "$WAIT_FLAG" ]; then
	touch "$WAIT_FLAG.started"
	n=0; while [ ! -e "$WAIT_FLAG" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
fi
sed -i "s/^Title: .*/Title: $NEW_TITLE/" "$1"
ED
mkdir -p "$T_DIR/tmp"

tui_start "EDITOR=true" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts" "Original title"
keys e
expect_screen "an unchanged file changes nothing" "nothing changed"
check "the version did not move" [ "$(sql "$DB" 'SELECT version FROM content WHERE id=1')" = 1 ]
quit_clean "q quits cleanly (1)"

tui_start "EDITOR=sh $T_DIR/ed.sh" "NEW_TITLE=Edited by the script" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts again" "Original title"
keys e
if wait_sql "SELECT title FROM content WHERE id=1" "Edited by the script"; then ok "the scripted edit is saved"
else not_ok "the scripted edit is saved" "$(sql "$DB" 'SELECT title FROM content WHERE id=1')" "$(screen | tail -1)"; fi
check "the body is kept" [ "$(sql "$DB" 'SELECT body FROM content WHERE id=1')" = "Original body line." ]
expect_screen "the board shows the new title" "Edited by the script"
check "the temporary file is removed" [ -z "$(ls "$T_DIR/tmp")" ]
quit_clean "q quits cleanly (2)"

tui_start "EDITOR=sh $T_DIR/ed.sh" "NEW_TITLE=" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts a third time" "Edited by the script"
keys e
expect_screen "an empty title is refused" "the title is empty"
check "the refused edit changed nothing" [ "$(sql "$DB" 'SELECT title FROM content WHERE id=1')" = "Edited by the script" ]
check "the user's text is kept in a file" [ -n "$(ls "$T_DIR/tmp")" ]
quit_clean "q quits cleanly (3)"
rm -f "$T_DIR"/tmp/*

# The conflict: someone edits the item from the shell while the editor is open.
tui_start "EDITOR=sh $T_DIR/ed.sh" "NEW_TITLE=Mine" "WAIT_FLAG=$T_DIR/go" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts a fourth time" "Edited by the script"
keys e
n=0; while [ ! -e "$T_DIR/go.started" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
"$CHORUS" --db "$DB" content edit 1 --title "Theirs" >/dev/null 2>&1
touch "$T_DIR/go"
expect_screen "a conflict says who changed it" "was changed by $me"
expect_screen "a conflict offers reload or overwrite" "[o]verwrite"
check "their title stays until the user decides" [ "$(sql "$DB" 'SELECT title FROM content WHERE id=1')" = "Theirs" ]
kept=$(ls "$T_DIR/tmp" | head -1)
check "the user's text is kept in the file named" [ -n "$kept" ] && grep -q "Title: Mine" "$T_DIR/tmp/$kept"
keys o
if wait_sql "SELECT title FROM content WHERE id=1" "Mine"; then ok "o overwrites with the user's text"
else not_ok "o overwrites with the user's text" "$(sql "$DB" 'SELECT title FROM content WHERE id=1')" "$(screen | tail -1)"; fi
check "the kept file is removed after saving" [ -z "$(ls "$T_DIR/tmp")" ]
quit_clean "q quits cleanly (4)"

# The same conflict, answered with r: their version stays and is shown.
rm -f "$T_DIR/go" "$T_DIR/go.started"
tui_start "EDITOR=sh $T_DIR/ed.sh" "NEW_TITLE=Mine again" "WAIT_FLAG=$T_DIR/go" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts a fifth time" "Mine"
keys e
n=0; while [ ! -e "$T_DIR/go.started" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
"$CHORUS" --db "$DB" content edit 1 --title "Theirs again" >/dev/null 2>&1
touch "$T_DIR/go"
expect_screen "the second conflict is reported" "[r]eload theirs"
keys r
expect_screen "r shows their version in the detail view" "History"
expect_screen "r says the user's text was discarded" "your text was discarded"
check "r keeps their title" [ "$(sql "$DB" 'SELECT title FROM content WHERE id=1')" = "Theirs again" ]
check "r removes the kept file" [ -z "$(ls "$T_DIR/tmp")" ]
quit_clean "q backs out of the detail view and quits (5)"
finish
