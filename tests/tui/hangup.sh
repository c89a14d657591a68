#!/bin/sh
# hangup.sh — the terminal disappears without a SIGHUP reaching chorus (it is
# ignored, as under nohup or a launcher with trap '' HUP, and the tmux server
# holding the pty dies at once): chorus sees the hung-up terminal and exits
# within seconds, instead of taking every ERR from wgetch for a timer tick
# and spinning for ever.
. tests/lib/tap.sh
. tests/tui/tmux.inc

make_db
submit "Still here" >/dev/null
PIDFILE="$T_DIR/chorus.pid"
tm kill-server 2>/dev/null
TM_N=$((TM_N + 1))
TM_SOCK="chorus-$$-$TM_N"
tm new-session -d -x 120 -y 40 -s t \
	"trap '' HUP; echo \$\$ >'$PIDFILE'; exec env LC_ALL=C.UTF-8 '$CHORUS' --db '$DB' 2>>'$STDERR'" 2>>"$STDERR"
expect_screen "the board starts" "Still here"
PID=$(cat "$PIDFILE")
check "chorus runs as the pid the launcher wrote" kill -0 "$PID"
SERVER=$(tm display -p '#{pid}')
kill -9 "$SERVER"
n=0
while kill -0 "$PID" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
if kill -0 "$PID" 2>/dev/null; then
	cpu=$(ps -o %cpu= -p "$PID")
	not_ok "chorus exits within 5 s of losing its terminal" "still running after 5 s, at ${cpu}% CPU"
	kill -9 "$PID"
else
	ok "chorus exits within 5 s of losing its terminal"
fi
if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$STDERR"; then
	not_ok "no sanitizer report" "$(grep -E 'Sanitizer|runtime error' "$STDERR" | head -3)"
else
	ok "no sanitizer report"
fi
check "it says why it stopped" grep -q "the terminal went away" "$STDERR"
finish
