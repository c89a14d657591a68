# crash.sh — writers killed with kill -9 at random moments, in local mode and
# in share mode.  After every kill: PRAGMA integrity_check is ok, every write a
# writer saw acknowledged (exit 0) is there, no submission is half there
# (its six media files and its event come with it or not at all).  In share
# mode a killed writer may leave its lock DB.lock: its record names a process
# of this machine that is gone, so doctor calls it abandoned and the next
# writer clears it by itself; a lock without a record is broken by doctor
# --break-lock once it watched it stay silent.
# Sizes: quick by default (make check); CHORUS_STRESS=full for make stress.
. tests/lib/tap.sh
STRESS_LIB=$(cd "$(dirname "$0")/lib" && pwd)
. "$STRESS_LIB/stress.sh"
export CHORUS
export CHORUS_BUSY_MS=${CHORUS_BUSY_MS:-2000}
# A lock without a record (its maker killed before writing it) is abandoned
# after this many seconds of silence; the default (20) would only slow the test.
export CHORUS_LOCK_STALE=${CHORUS_LOCK_STALE:-3}

if stress_full; then
	KILLS=${STRESS_KILLS:-200} SKILLS=${STRESS_SHARE_KILLS:-100} LINES=${STRESS_BODY_LINES:-4000}
else
	KILLS=${STRESS_KILLS:-8} SKILLS=${STRESS_SHARE_KILLS:-6} LINES=${STRESS_BODY_LINES:-400}
fi
SEED=${STRESS_SEED:-$$}
echo "# seed $SEED (STRESS_SEED=$SEED repeats the same sleeps)"

# A long body (quick: 20 KB, full: 200 KB): the transactions take a while, so
# kills land inside them, the commit's writes to the file too.
BODY="$T_DIR/body.txt"
awk -v n="$LINES" 'BEGIN { for (i = 0; i < n; i++) printf "line %d of a long story about nothing in particular\n", i }' >"$BODY"

# pause I: a random 0.02..0.40 s (cycle I, from the seed).
pause() {
	sleep "$(awk -v s="$SEED" -v i="$1" 'BEGIN { srand(s * 1000 + i); printf "%.3f", 0.02 + rand() * 0.38 }')"
}

# killgroup PID: kill -9 the writer PID and its chorus (its own process
# group, from setsid), until it is gone.
killgroup() {
	local tries=0
	while kill -0 "$1" 2>/dev/null && [ "$tries" -lt 100 ]; do
		kill -9 "-$1" 2>/dev/null || kill -9 "$1" 2>/dev/null
		tries=$((tries + 1))
		[ "$tries" -gt 1 ] && sleep 0.05
	done
}
WRITERS=""
trap 'for p in $WRITERS; do kill -9 "-$p" 2>/dev/null; done; rm -rf "$T_DIR"' EXIT

# verify DB LOGS: integrity, every acknowledged write there, nothing half
# there.  Prints problems; nothing when all is well.
verify() {
	local db=$1
	shift
	local got vfs=""
	# Share mode: look with the dot-file VFS, as chorus does.  The shell's
	# default VFS would roll a killed writer's hot journal back and hide a
	# torn file; the dot-file VFS never does (chorus must, before it opens).
	[ -n "$SHARE" ] && vfs="-vfs unix-dotfile"
	got=$(sqlite3 -batch -noheader -cmd '.timeout 10000' $vfs "$db" 'PRAGMA integrity_check' 2>&1)
	[ "$got" = ok ] || echo "integrity_check: $got"
	got=$(
		{
			echo "CREATE TEMP TABLE ack(kind TEXT, a INTEGER, b TEXT);"
			cat "$@" 2>/dev/null | awk -v q="'" 'NF == 3 { printf "INSERT INTO ack VALUES(%s%s%s, %s, %s%s%s);\n", q, $1, q, $2, q, $3, q }'
			echo "SELECT 'acknowledged submission missing: ' || a || ' ' || b FROM temp.ack
			      WHERE kind = 'submit' AND NOT EXISTS (SELECT 1 FROM content c WHERE c.id = a AND c.title = b);"
			echo "SELECT 'acknowledged comment missing: ' || a || ' ' || b FROM temp.ack
			      WHERE kind = 'comment' AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.content_id = a AND c.body = b);"
			echo "SELECT 'half a submission: content ' || c.id FROM content c
			      WHERE (SELECT count(*) FROM content_media m WHERE m.content_id = c.id) != 6
			      OR (SELECT count(*) FROM events e WHERE e.entity = 'content' AND e.entity_id = c.id AND e.action = 'submit') != 1;"
			echo "SELECT 'comments without their event: ' || ((SELECT count(*) FROM comments) - (SELECT count(*) FROM events WHERE action = 'comment'))
			      WHERE (SELECT count(*) FROM comments) != (SELECT count(*) FROM events WHERE action = 'comment');"
		} | sqlite3 -batch -noheader -cmd '.timeout 10000' $vfs "$db" 2>&1
	)
	[ -z "$got" ] || printf '%s\n' "$got" | head -5
}

# lock_checks DB N: a killed writer left its lock.  Its record names a process
# of this machine that is gone, so the lock is abandoned at once: doctor says
# so (exit 1) and names the holder (odd N), or the next writer clears it by
# itself and writes (even N).  Either way the lock is gone afterwards.
lock_checks() {
	local db=$1 n=$2
	if [ $((n % 2)) = 1 ]; then
		"$CHORUS" --db "$db" doctor >"$T_DIR/lo" 2>"$T_DIR/le"
		rc=$?
		# (killed between making the lock and writing its record: a lock
		# that names no holder, abandoned after its silence)
		[ "$rc" = 1 ] && { grep -q "abandoned: its holder is gone" "$T_DIR/lo" && grep -q "that process is gone" "$T_DIR/lo" ||
			grep -q "names no holder" "$T_DIR/lo"; } ||
			echo "doctor on a killed writer's lock: exit $rc (want 1, abandoned), $(cat "$T_DIR/lo" "$T_DIR/le" | tr '\n' ' ')"
	else
		CHORUS_BUSY_MS=200 "$CHORUS" --db "$db" people add "after.$n" --name "After" >"$T_DIR/lo" 2>"$T_DIR/le"
		rc=$?
		[ "$rc" = 0 ] || echo "a write behind a killed writer's lock: exit $rc (want 0: it clears the lock): $(cat "$T_DIR/le")"
	fi
	[ ! -e "$db.lock" ] || echo "the killed writer's lock is still there"
}

for mode in local share; do
	if [ "$mode" = local ]; then kills=$KILLS SHARE=; else kills=$SKILLS SHARE=1; fi
	db="$T_DIR/$mode.db"
	logs="$T_DIR/$mode.logs"
	mkdir -p "$logs"
	"$CHORUS" --db "$db" init --org "Crash BV" --mode "$mode" >/dev/null
	expect_ok=$?
	check "$mode: init" [ "$expect_ok" = 0 ]
	problems="$T_DIR/$mode.problems"
	: >"$problems"
	locks=0 killed=0 acked=0
	i=0
	while [ "$i" -lt "$kills" ]; do
		i=$((i + 1))
		# Two writers; each is killed (with its chorus) at its own random moment.
		setsid sh "$STRESS_LIB/writer.sh" "$db" "$logs/$i-a.log" "k$i-a" "$BODY" &
		pa=$!
		setsid sh "$STRESS_LIB/writer.sh" "$db" "$logs/$i-b.log" "k$i-b" "$BODY" &
		pb=$!
		WRITERS="$pa $pb"
		pause "$i"
		killgroup "$pa"
		pause "$((i + 100000))"
		killgroup "$pb"
		wait "$pa" "$pb" 2>/dev/null
		WRITERS=""
		killed=$((killed + 2))
		# (a zombie is dead: its parent, the writer, died first)
		if command -v ps >/dev/null && ps -o stat= -g "$pa,$pb" 2>/dev/null | grep -qv '^Z'; then
			echo "cycle $i: a killed writer's process is still alive" >>"$problems"
		fi
		if [ "$mode" = share ] && [ -e "$db.lock" ]; then
			locks=$((locks + 1))
			lock_checks "$db" "$locks" | sed "s/^/cycle $i: /" >>"$problems"
		fi
		if [ "$mode" = share ]; then
			# chorus plays a hot journal back under its lock (SQLite's
			# dot-file VFS never does); then the file is looked at as chorus
			# sees it.
			"$CHORUS" --db "$db" doctor >"$T_DIR/do" 2>&1 ||
				echo "cycle $i: doctor after the kill: $(tr '\n' ' ' <"$T_DIR/do")" >>"$problems"
		fi
		verify "$db" "$logs"/*.log | sed "s/^/cycle $i: /" >>"$problems"
	done
	acked=$(cat "$logs"/*.log 2>/dev/null | wc -l)
	echo "# $mode: $killed writers killed in $kills cycles; $acked acknowledged writes; $locks locks left behind"
	if [ "$mode" = share ] && [ "$locks" = 0 ]; then
		# No kill happened to land inside a transaction: make the dead writer's lock by hand.
		echo "# share: no kill left a lock"
	fi
	if [ "$mode" = share ]; then
		# A lock that names no holder (sqlite3 -vfs unix-dotfile, an older
		# chorus): abandoned only after its silence, watched by doctor.
		mkdir "$db.lock"
		CHORUS_LOCK_STALE=2 "$CHORUS" --db "$db" doctor --break-lock >"$T_DIR/lo" 2>"$T_DIR/le"
		rc=$?
		[ "$rc" = 0 ] && grep -q "names no holder" "$T_DIR/lo" && grep -q "watching it for up to 2 s" "$T_DIR/lo" &&
			grep -q "removed the abandoned lock" "$T_DIR/lo" && [ ! -e "$db.lock" ] ||
			echo "by hand: --break-lock on a silent lock without a record: exit $rc, $(cat "$T_DIR/lo" "$T_DIR/le" | tr '\n' ' ')" >>"$problems"
	fi
	[ "$kills" -gt 0 ] && check "$mode: writers acknowledged writes before being killed" [ "$acked" -gt 0 ]
	if [ -s "$problems" ]; then
		not_ok "$mode: after every kill: integrity ok, every acknowledged write there, nothing half there" \
			"$(head -10 "$problems")"
	else
		ok "$mode: after every kill: integrity ok, every acknowledged write there, nothing half there"
	fi
	if [ "$mode" = share ]; then
		check "share: no lock left at the end" [ ! -e "$db.lock" ]
	fi
	ch --db "$db" doctor
	expect "$mode: doctor finds the database healthy at the end" 0 "" "integrity      ok"
	ch --db "$db" submit --title "after the crashes"
	expect "$mode: the database takes writes after the crashes" 0
done
finish
