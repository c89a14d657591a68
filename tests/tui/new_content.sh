#!/bin/sh
# new_content.sh — n on the Board: one form (title, kind, pillar, media, each
# checked as typed, Tab completing kind, pillar and file paths), then the body
# in $EDITOR (a scripted one here), saved exactly as written: leading # lines
# (hashtags) kept; an empty body refused; a NUL byte refused with the kept
# file named (for e on a card too); nothing written to the database in the
# refused cases.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
sql "$DB" "insert into pillars(name) values('Craft'), ('Culture');"
mkdir -p "$T_DIR/tmp" "$T_DIR/share/photos"
printf 'jpeg' >"$T_DIR/share/photos/robot-arm.jpg"
printf 'png' >"$T_DIR/share/photos/team.png"
# The scripted editor writes $BODY_FILE's bytes above the scissors line
# (keeping the help under it), or replaces the file with them (WHOLE=1).
cat >"$T_DIR/ed.sh" <<'ED'
#!/bin/sh
if [ -n "$WHOLE" ]; then cat "$BODY_FILE" >"$1"; exit 0; fi
cat "$BODY_FILE" "$1" >"$1.new" && mv "$1.new" "$1"
ED
count() { sql "$DB" "select count(*) from content"; }

# --- the form, then a body with hashtag lines at the top ---------------------------------
printf '#welding #teamwork\n# not a comment either\nThe robot arm arrived on Tuesday.\n\nSecond paragraph.\n' >"$T_DIR/body1"
tui_start "EDITOR=sh $T_DIR/ed.sh" "BODY_FILE=$T_DIR/body1" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts" "Inbox"
keys n
expect_screen "n opens the new-content form" "New content (then its body in \$EDITOR)"
expect_screen "the form asks for the kind" "Kind"
expect_screen "the form asks for the media" "Media"
keys Enter
expect_screen "an empty title is refused in the form" "not saved: Title: a title is needed"
check "the refused form wrote nothing" [ "$(count)" = 0 ]
keys -l "Robot arm arrives"
keys Down C-u
keys -l "banaan"
expect_screen "an unknown kind is refused as typed, listing the kinds" \
	"unknown kind 'banaan' (kinds: story, photo, video, news, blog)"
keys C-u
keys -l "ph"
keys Tab
expect_screen "Tab completes the kind (ph -> photo)" "photo"
keys Down
keys -l "cr"
keys Tab
expect_screen "Tab completes the pillar (cr -> Craft)" "Craft"
keys Down
keys -l "$T_DIR/share/nope.jpg"
expect_screen "a missing media file is named" "media $T_DIR/share/nope.jpg: No such file or directory"
keys C-u
keys -l "$T_DIR/share/ph"
keys Tab
expect_screen "Tab completes a directory" "$T_DIR/share/photos/"
keys -l "r"
keys Tab
expect_screen "Tab completes a file in it" "$T_DIR/share/photos/robot-arm.jpg"
keys Enter
if wait_sql "select title, kind, stage from content" "Robot arm arrives|photo|inbox"; then
	ok "the form and the editor submit the content"
else
	not_ok "the form and the editor submit the content" "$(sql "$DB" "select title, kind, stage from content")" "$(screen | tail -2)"
fi
equals "the body is saved exactly, # lines kept, the help under the scissors left out" \
	"$(sql "$DB" "select body from content where title = 'Robot arm arrives'")" \
	"$(printf '#welding #teamwork\n# not a comment either\nThe robot arm arrived on Tuesday.\n\nSecond paragraph.')"
equals "the pillar and the media are stored" \
	"$(sql "$DB" "select p.name, m.path from content c join pillars p on p.id = c.pillar_id join content_media m on m.content_id = c.id")" \
	"Craft|$T_DIR/share/photos/robot-arm.jpg"
expect_screen "the status line says it was submitted" "content 1 submitted to the inbox"
check "the temporary file is removed" [ -z "$(ls "$T_DIR/tmp")" ]
quit_clean "q quits cleanly (1)"

# --- an empty body: refused, nothing written -------------------------------------------------
printf '\n  \n' >"$T_DIR/body2"
tui_start "EDITOR=sh $T_DIR/ed.sh" "BODY_FILE=$T_DIR/body2" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts again" "Robot arm arrives"
keys n
expect_screen "the form opens again" "New content"
keys -l "Nothing to say"
keys Enter
expect_screen "an empty body is refused" "nothing submitted: the body is empty"
check "the empty body wrote nothing" [ "$(count)" = 1 ]
quit_clean "q quits cleanly (2)"

# --- a NUL byte: refused, the file kept and named --------------------------------------------
printf 'Before\000after\n' >"$T_DIR/body3"
tui_start "EDITOR=sh $T_DIR/ed.sh" "BODY_FILE=$T_DIR/body3" "WHOLE=1" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts a third time" "Robot arm arrives"
keys n
expect_screen "the form opens a third time" "New content"
keys -l "With a NUL"
keys Enter
expect_screen "a NUL byte is refused" "holds a NUL byte (at byte 7)"
kept=$(ls "$T_DIR/tmp" | head -1)
check "the file with the typed text is kept" [ -n "$kept" ] && [ "$(head -c 6 "$T_DIR/tmp/$kept")" = "Before" ]
expect_screen "the message names the kept file" "$T_DIR/tmp/$kept"
check "the NUL body wrote nothing" [ "$(count)" = 1 ]
quit_clean "q quits cleanly (3)"
rm -f "$T_DIR"/tmp/*

# --- e on a card: a NUL byte saves nothing either, the file kept ---------------------------
printf 'Title: Robot arm arrives\n\nNew\000body\n' >"$T_DIR/body4"
tui_start "EDITOR=sh $T_DIR/ed.sh" "BODY_FILE=$T_DIR/body4" "WHOLE=1" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts for e" "Robot arm arrives"
keys e
expect_screen "e: a NUL byte is refused" "holds a NUL byte (at byte 30)"
kept=$(ls "$T_DIR/tmp" | head -1)
expect_screen "e: the message names the kept file" "$T_DIR/tmp/$kept"
equals "e: the body is unchanged" "$(sql "$DB" "select body, version from content where id = 1")" \
	"$(printf '#welding #teamwork\n# not a comment either\nThe robot arm arrived on Tuesday.\n\nSecond paragraph.|1')"
quit_clean "q quits cleanly (e)"
rm -f "$T_DIR"/tmp/*

# --- Esc in the form: nothing -------------------------------------------------------------------
tui_start "EDITOR=sh $T_DIR/ed.sh" "BODY_FILE=$T_DIR/body1" "TMPDIR=$T_DIR/tmp"
expect_screen "the board starts a fourth time" "Robot arm arrives"
keys n
expect_screen "the form opens a fourth time" "New content"
keys -l "Never mind"
keys Escape
expect_screen "Esc cancels the form" "nothing submitted"
check "the cancelled form wrote nothing" [ "$(count)" = 1 ]
quit_clean "q quits cleanly (4)"

finish
