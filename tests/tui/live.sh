#!/bin/sh
# live.sh — live refresh and locks: a change made from the shell appears
# within 2 s without a keypress; while another process holds the write lock
# the UI says it is waiting, stays responsive, and the move lands afterwards;
# in share mode it names the lock's holder and breaks a silent lock itself.
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

# Share mode: another machine's chorus holds the lock (its record names it)
# and its heartbeat stops.  The UI names the holder while it waits, keeps
# working, and once it has seen the lock silent for the stale time (2 s here,
# by its own clock) the retried move breaks it and lands.
DB="$T_DIR/share.db"
# The test reads a share-mode file as another client must: through the lock
# (SQLite's dot-file locking makes the same directory, PATH.lock).  A plain
# sqlite3 takes no part in it, and reading while chorus commits it finds the
# journal "hot" and plays it back: the commit undone.
sql() { sqlite3 -batch -noheader -cmd '.timeout 10000' -vfs unix-dotfile "$1" "$2"; }
"$CHORUS" --db "$DB" init --org "Share BV" --mode share >/dev/null 2>&1
submit "Shared story" >/dev/null
tui_start CHORUS_LOCK_STALE=2
expect_screen "share mode: the board starts" "Inbox 1"
# (taken as another chorus would: mkdir, which waits while the interface
# holds its own lock for a refresh)
n=0; until mkdir "$DB.lock" 2>/dev/null || [ "$n" -ge 100 ]; do sleep 0.05; n=$((n + 1)); done
mkdir "$DB.lock/chorus-lock,1,host=laptop7,boot=other-boot,pidns=1,pid=4242,user=kim,token=abcd,taken=0,beat=9"
keys L
expect_screen "share mode: the waiting message names the holder" "waiting for kim's chorus on laptop7 (pid 4242)"
if wait_sql "SELECT stage FROM content WHERE id=1" editing 80; then ok "share mode: after 2 s of silence the move breaks the lock and lands"
else not_ok "share mode: after 2 s of silence the move breaks the lock and lands" "$(sql "$DB" 'SELECT id, stage FROM content')" "$(screen | tail -1)"; fi
# (the interface holds its own lock while it works on a key, and lets it
# go before it waits for the next: give it a moment)
n=0; while [ -e "$DB.lock" ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
check "share mode: the abandoned lock is gone, and the interface holds none while it waits" [ ! -e "$DB.lock" ]
quit_clean "share mode: q quits cleanly"
finish
