#!/bin/sh
# hostile_term.sh — the terminal and the environment around the interface:
# TERM=dumb (no cursor addressing) is refused with a clear message and exit
# 2 instead of garbage; on vt100 and linux, which have no alternate screen,
# quitting leaves the screen blank, not the last frame; CHORUS_TIMING=1 in a
# shared $TMPDIR writes a per-user file and never follows a symbolic link
# someone planted.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
submit "Frame marker" >/dev/null

tui_start TERM=dumb
if wait_for chorus-exited-2; then ok "TERM=dumb: exit 2"; else not_ok "TERM=dumb: exit 2" "$(screen | tail -5)"; fi
check "TERM=dumb: the message says why" grep -q "the terminal (TERM=dumb) cannot move the cursor" "$STDERR"
check "TERM=dumb: nothing of the board was drawn" sh -c "! tmux -L '$TM_SOCK' capture-pane -p -t t | grep -q 'Frame marker'"

# NCURSES_GPM_TERMS=none: for TERM=linux ncurses loads the gpm mouse library,
# which leaks 10 bytes that the sanitizer build would report as chorus's.
# The interface's own messages pass the terminal-safe filter too: a TERM
# holding an escape sequence is quoted with '?' in its place.  (A newterm
# that fails leaks ncurses' own 1.6 KB screen record: not chorus's leak.)
tui_start ASAN_OPTIONS=detect_leaks=0 TERM="$(printf 'bad\033]2;pwned\007')"
if wait_for chorus-exited-4; then ok "an unknown TERM: exit 4"; else not_ok "an unknown TERM: exit 4" "$(screen | tail -5)"; fi
check "its message quotes TERM with the escapes as '?'" grep -qF "(TERM=bad?]2;pwned?)" "$STDERR"
check "no escape byte reached standard error" sh -c "! LC_ALL=C grep -q \"\$(printf '\033')\" '$STDERR'"

for term in vt100 linux; do
	tui_start TERM=$term NCURSES_GPM_TERMS=none
	expect_screen "$term: the board is drawn" "Frame marker"
	keys q
	if wait_for chorus-exited-0 50; then
		if screen | grep -q "Frame marker"; then
			not_ok "$term: the last frame is gone after quitting" "$(screen | head -8)"
		else
			ok "$term: the last frame is gone after quitting"
		fi
	else
		not_ok "$term: chorus quits" "$(screen | tail -5)"
	fi
done

# A family emoji (one ZWJ sequence, two columns in tmux, six for curses
# counting code points) must not shift the rest of its row.
FAMILY=$(printf '\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247')
submit "$FAMILY Family day" >/dev/null
tui_start
expect_screen "the family card is drawn" "Family day"
row=$(screen | grep "Family day" | head -n 1)
plain=$(screen | grep "Frame marker" | head -n 1)
# The first column ends at the same place on both rows (wc -L measures as
# curses does; tmux drew a ZWJ family in 2 columns, pulling the border left).
equals "the family's card is as wide as a plain one" "$(printf '%s' "$row" | sed 's/│.*//' | LC_ALL=C.UTF-8 wc -L)" \
	"$(printf '%s' "$plain" | sed 's/│.*//' | LC_ALL=C.UTF-8 wc -L)"
keys q
wait_for chorus-exited-0 50

# CHORUS_TIMING=1: another user's planted link in a shared $TMPDIR is not followed.
SHARED="$T_DIR/shared-tmp"
mkdir -p "$SHARED"
printf 'victim\n' >"$T_DIR/victim"
ln -s "$T_DIR/victim" "$SHARED/chorus-timing.log"
ln -s "$T_DIR/victim" "$SHARED/chorus-timing-$(id -u).log"
tui_start TMPDIR="$SHARED" CHORUS_TIMING=1
expect_screen "CHORUS_TIMING=1: the board starts" "Frame marker"
keys q
wait_for chorus-exited-0 50
equals "the file a planted link points to is untouched" "$(cat "$T_DIR/victim")" "victim"
rm -f "$SHARED/chorus-timing-$(id -u).log"
tui_start TMPDIR="$SHARED" CHORUS_TIMING=1
expect_screen "CHORUS_TIMING=1 again" "Frame marker"
keys q
wait_for chorus-exited-0 50
check "the timings go to a per-user file" grep -q "first-frame" "$SHARED/chorus-timing-$(id -u).log"
check "... readable by its owner only" [ "$(stat -c %a "$SHARED/chorus-timing-$(id -u).log")" = 600 ]
finish
