#!/bin/sh
# live.sh — live refresh and locks: a change made from the shell appears
# within 2 s without a keypress; while another process holds the write lock
# the UI says it is waiting, stays responsive, and the move lands afterwards.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
submit "First story" >/dev/null

tui_start
expect_screen "the board starts" "Inbox 1"
submit "Fresh from the shell" >/dev/null
if wait_for "Fresh from the shell" 20 && wait_for "Inbox 2" 5; then
	ok "a submit from the shell appears within 2 s without a keypress"
else
	not_ok "a submit from the shell appears within 2 s without a keypress" "$(screen | head -6)"
fi
"$CHORUS" --db "$DB" content take 1 >/dev/null 2>&1
if wait_for "Editing 1" 20; then ok "a move from the shell appears within 2 s"
else not_ok "a move from the shell appears within 2 s" "$(screen | head -6)"; fi

# Hold the write lock for 2 s from the sqlite3 shell, then press L.
hold_lock 2
keys L
expect_screen "a locked database shows that chorus is waiting" "waiting for another chorus to finish writing"
keys j
if screen | grep -q "chorus-exited"; then not_ok "the UI stays up while locked"; else ok "the UI stays up while locked"; fi
wait "$LOCKER"
if wait_sql "SELECT stage FROM content WHERE id=2" editing 60; then ok "the move is retried and lands after the lock is released"
else not_ok "the move is retried and lands after the lock is released" "$(sql "$DB" 'SELECT id, stage FROM content')" "$(screen | tail -1)"; fi
quit_clean "q quits cleanly"
finish
