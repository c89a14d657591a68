# share.sh — chorus on a network share, for real: a private sshd on loopback
# and one server directory mounted twice with sshfs, two "machines".
#   - init through a mount records share mode; doctor through either mount
#     says share and fuse.sshfs, and that the mount does not cache stale data;
#   - writers through both mounts at once lose nothing silently: every write a
#     worker saw acknowledged is in the database exactly once, every failure
#     said busy or conflict (exit 3), a hot row incremented through versioned
#     edits counts every increment; integrity_check is ok through both mounts
#     and on the server's own disk;
#   - a writer killed (kill -9) while it holds the lock leaves a lock whose
#     record names it; a writer on the other machine (another pid namespace)
#     waits out its silence by its own clock, clears it, plays the dead
#     writer's journal back and writes; nothing acknowledged is lost, nothing
#     half there (tests/stress/share_faults.sh has the harder cases);
#   - a local-mode (WAL) file made on the server, written there in a loop
#     while machine 1 tries to read it in a loop: every server write is
#     acknowledged and there, integrity ok; the client does not open it (CLI
#     and TUI: exit 4, the reason and the fix) and changes no byte of the
#     file, its -wal or -shm; init --mode local through a mount is refused;
#     the conversion is refused while the server has the file open, and
#     works once it is closed;
#   - a mount that keeps file data cached across opens (sshfs -o kernel_cache
#     or auto_cache) is not used, and doctor and the TUI say why: mounted by
#     hand, the fstab way (mount -t fuse.sshfs) or through a symlinked mount
#     point; chorus in a PID namespace, where it cannot see the sshfs process,
#     reads but does not write, and says why.
# Needs FUSE; installs openssh-server and sshfs with apt-get when missing (as
# root).  Where it cannot, it prints one "ok 1 # SKIP reason" line.
# Sizes: quick by default (make check); CHORUS_STRESS=full for make stress.
. tests/lib/tap.sh
STRESS_LIB=$(cd "$(dirname "$0")/lib" && pwd)
. "$STRESS_LIB/stress.sh"
. "$STRESS_LIB/sshfs.sh"
export CHORUS
export CHORUS_BUSY_MS=${CHORUS_BUSY_MS:-10000}

if stress_full; then
	N=${STRESS_N:-4} M=${STRESS_M:-50} K=${STRESS_K:-10} POOL=12 LIMIT=1500
else
	N=${STRESS_N:-4} M=${STRESS_M:-4} K=${STRESS_K:-1} POOL=4 LIMIT=600
fi

WD=""
WRITER=""
HOLDER=""
cleanup() {
	# (stopped early: the workers and anything else this shell started in the background)
	for p in $(jobs -p); do
		kill -TERM "$p" 2>/dev/null
	done
	[ -n "$WRITER" ] && kill -9 "-$WRITER" 2>/dev/null
	[ -n "$HOLDER" ] && kill -TERM "$HOLDER" 2>/dev/null
	tmux -L "chorus-share-$$" kill-server 2>/dev/null
	sshfs_suite_end "$WD"
}
trap cleanup EXIT
trap 'echo "not ok - stopped by a signal (the watchdog after $LIMIT s?)"; exit 1' INT TERM HUP

# lap WHAT: a comment with the seconds since the last lap (where the time goes).
LAP=$(date +%s)
lap() {
	local now
	now=$(date +%s)
	echo "# $1: $((now - LAP)) s"
	LAP=$now
}

# The deployment the manual recommends: dir_cache=no (see the last part).
sshfs_two_machines "$LIMIT" dir_cache=no
lap "setup (sshd, two mounts)"
echo "# sshd on 127.0.0.1:$SSHFS_PORT; $SRV mounted on $M1 and $M2 ($(sshfs -V 2>&1 | grep -i "sshfs version"))"

# --- init through a mount: share mode ----------------------------------------------------------
DB=$SRV/share.db
ch --db "$M1/share.db" init --org "Share BV"
expect "init through mount 1" 0 "" "mode share: rollback journal, share-mode lock, filesystem fuse.sshfs"
equals "the file records share mode and a rollback journal" \
	"$(sql_q "$DB" "SELECT value FROM meta WHERE key = 'mode'") $(sql_q "$DB" 'PRAGMA journal_mode')" "share delete"
for m in "$M1" "$M2"; do
	ch --db "$m/share.db" doctor
	expect "doctor through ${m##*/}: share mode" 0 "" "mode           share"
	expect "doctor through ${m##*/}: fuse.sshfs, a network filesystem" 0 "" "filesystem     fuse.sshfs (network filesystem)"
	expect "doctor through ${m##*/}: the mount's options are right" 0 "" \
		"mount          fuse.sshfs at $m: dir_cache=no, without kernel_cache or auto_cache"
done
ch --db "$DB" doctor
expect "doctor on the server's own disk: share mode is fine there too" 0 "" "mode           share"

lap "init and doctor through the mounts"

# --- writers through both mounts at once ------------------------------------------------------
SDB=$SRV/stress.db
if stress_setup "$SDB" share "$N" "$POOL"; then
	ok "a share-mode database with $N workers, a pool of $POOL items and a hot item (set up on the server)"
	out=$T_DIR/workers
	start=$(date +%s)
	# odd workers on machine 1, even ones on machine 2
	stress_workers "$M1/stress.db" "$out" "$N" "$M" "$K" "$M2/stress.db"
	echo "# $N workers (odd on m1, even on m2) x $M operations + $K increments in $(($(date +%s) - start)) s"
	stress_summary "$out"
	stress_verify "two mounts" "$SDB" "$out" "$N" "$K"
	for m in "$M1" "$M2"; do
		ch --db "$m/stress.db" doctor
		expect "integrity_check through ${m##*/} (chorus doctor)" 0 "" "integrity      ok"
		equals "integrity_check through ${m##*/} (sqlite3, dot-file VFS)" \
			"$(sqlite3 -batch -noheader -cmd '.timeout 10000' -vfs unix-dotfile "$m/stress.db" 'PRAGMA integrity_check' 2>&1)" ok
	done
	check "no lock left on the server" [ ! -e "$SDB.lock" ]
	check "no journal left on the server" [ ! -e "$SDB-journal" ]
	# sshfs renames a file unlinked while open to .fuse_hidden..., and one
	# closed just before its unlink raced with that and stayed for good.
	check "no journal left as a hidden file (.fuse_hidden...) on the server" \
		sh -c '! ls -a "$1" | grep -q "^\.fuse_hidden"' - "$SRV"
else
	not_ok "setting up the stress database on the server"
fi

lap "writers through both mounts, checked"

# --- a writer killed while it holds the lock ------------------------------------------------
BODY=$T_DIR/body.txt
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "line %d of a long story told over a slow link\n", i }' >"$BODY"
logs=$T_DIR/killed
mkdir -p "$logs"
caught="" try=0
while [ -z "$caught" ] && [ "$try" -lt 8 ]; do
	try=$((try + 1))
	setsid sh "$STRESS_LIB/writer.sh" "$M1/share.db" "$logs/$try.log" "k$try" "$BODY" </dev/null >/dev/null 2>&1 &
	WRITER=$!
	# kill it the moment the server shows its lock, once it has had a write
	# acknowledged (or after a while)
	n=0
	while [ "$n" -lt 600 ]; do
		if [ -d "$DB.lock" ] && { [ -s "$logs/$try.log" ] || [ "$n" -gt 300 ]; }; then
			kill -9 "-$WRITER" 2>/dev/null
			break
		fi
		sleep 0.02
		n=$((n + 1))
	done
	kill -9 "-$WRITER" 2>/dev/null
	wait "$WRITER" 2>/dev/null
	WRITER=""
	sleep 0.2
	[ -d "$DB.lock" ] && caught=$try
done
if [ -n "$caught" ]; then
	echo "# a writer through m1 was killed holding the lock (try $caught); it had $(cat "$logs"/*.log 2>/dev/null | wc -l) acknowledged writes"
else
	echo "# no kill landed inside a transaction in $try tries: a lock without a record is made by hand"
	mkdir "$M1/share.db.lock"
fi
check "the killed writer's lock is on the server" [ -d "$DB.lock" ]
if [ -n "$caught" ]; then
	# The kill may land between the lock's two directories (taking it, or
	# leaving it): then the lock has no record, which the next client must
	# clear all the same.  A record that is there names the writer.
	rec=$(ls "$DB.lock")
	[ -z "$rec" ] && echo "# the kill landed between the lock's directory and its record: a lock without a record"
	check "its record, when the kill left one, names the writer's host, pid and heartbeat" \
		sh -c '[ -z "$1" ] && exit 0; case $1 in "chorus-lock,1,host=$2,"*",pid="*",token="*",beat="*) exit 0;; esac; exit 1' - "$rec" "$(hostname)"
fi
# Machine 2 is another pid namespace: to chorus there, the killed writer is a
# process of another machine, so only the silence tells it is gone.
start=$(date +%s)
run env CHORUS_LOCK_STALE=3 CHORUS_BUSY_MS=300 unshare --pid --fork "$CHORUS" --db "$M2/share.db" submit --title "after the dead writer"
expect "a write from machine 2 waits out the dead writer's silence (3 s by its own clock), clears the lock and writes" 0
check "... it waited for the silence" [ $(($(date +%s) - start)) -ge 3 ]
check "the lock is gone from the server" [ ! -e "$DB.lock" ]
check "the dead writer's journal was rolled back, none left" [ ! -e "$DB-journal" ]
missing=$(
	{
		echo "CREATE TEMP TABLE ack(kind TEXT, a INTEGER, b TEXT);"
		cat "$logs"/*.log 2>/dev/null | awk -v q="'" 'NF == 3 { printf "INSERT INTO ack VALUES(%s%s%s, %s, %s%s%s);\n", q, $1, q, $2, q, $3, q }'
		echo "SELECT 'missing ' || kind || ' ' || a FROM temp.ack WHERE kind = 'submit'
		      AND NOT EXISTS (SELECT 1 FROM content c WHERE c.id = a AND c.title = b);"
		echo "SELECT 'missing ' || kind || ' ' || a FROM temp.ack WHERE kind = 'comment'
		      AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.content_id = a AND c.body = b);"
		echo "SELECT 'half a submission: ' || c.id FROM content c WHERE c.title GLOB 'k[0-9]*'
		      AND ((SELECT count(*) FROM content_media m WHERE m.content_id = c.id) != 6
		      OR (SELECT count(*) FROM events e WHERE e.entity = 'content' AND e.entity_id = c.id AND e.action = 'submit') != 1);"
	} | sqlite3 -batch -noheader -cmd '.timeout 10000' -vfs unix-dotfile "$DB" 2>&1
)
equals "every write the killed writer saw acknowledged is there, nothing half there" "$missing" ""
for m in "$M1" "$M2"; do
	ch --db "$m/share.db" doctor
	expect "after the kill, doctor through ${m##*/}: integrity ok, no lock" 0 "" "integrity      ok"
done
equals "after the kill, integrity_check on the server's disk" "$(sql_q "$DB" 'PRAGMA integrity_check')" ok

lap "a writer killed holding the lock"

# --- a local-mode (WAL) file seen through a mount: never written from there ----------------------
# WAL cannot work between machines: a client through a mount that opened it
# with SQLite (even read-only) rewrote the -shm the server has mapped, and the
# server's writers failed and lost writes.  So a client does not open it.
LDB=$SRV/local.db
"$CHORUS" --db "$LDB" init --org "Terminal Server BV" --mode local >/dev/null &&
	"$CHORUS" --db "$LDB" submit --title "Written on the server" >/dev/null
check "a local-mode (WAL) database made on the server" [ "$(sql_q "$LDB" 'PRAGMA journal_mode')" = wal ]
ch --db "$M1/made-here.db" init --org "Through a mount" --mode local
expect "init --mode local through a mount is refused (exit 1), saying why" 1 \
	"$M1/made-here.db: not created: local (WAL) mode needs every client on the machine that holds the file, and this is a network filesystem (fuse.sshfs)"
check "the refused init left no file on the server" [ ! -e "$SRV/made-here.db" ]
# The server keeps the file open (as a TUI there would): its -wal and -shm stay.
mkfifo "$T_DIR/hold"
sqlite3 -batch "$LDB" <"$T_DIR/hold" >/dev/null 2>&1 &
HOLDER=$!
exec 7>"$T_DIR/hold"
echo "SELECT count(*) FROM content;" >&7
n=0
while [ ! -e "$LDB-shm" ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
check "the server's open connection keeps its -wal and -shm" sh -c '[ -e "$1-wal" ] && [ -e "$1-shm" ]' - "$LDB"
# The server writes in a loop while machine 1 reads in a loop through the mount.
W=${STRESS_W:-40}
R=${STRESS_R:-40}
stress_full && W=200 R=200
(
	i=0
	while [ "$i" -lt "$W" ]; do
		i=$((i + 1))
		if "$CHORUS" --db "$LDB" submit --title "server $i" >/dev/null 2>>"$T_DIR/srv.err"; then
			echo "server $i" >>"$T_DIR/srv.ack"
		else
			echo "server $i" >>"$T_DIR/srv.failed"
		fi
	done
) &
SRVW=$!
: >"$T_DIR/reader.rc"
i=0
while [ "$i" -lt "$R" ]; do
	i=$((i + 1))
	case $((i % 3)) in
	0) set -- report ;;
	1) set -- content list ;;
	2) set -- doctor ;;
	esac
	"$CHORUS" --db "$M1/local.db" "$@" >/dev/null 2>"$T_DIR/reader.err"
	echo "$? $*: $(head -c 300 "$T_DIR/reader.err")" >>"$T_DIR/reader.rc"
done
wait "$SRVW"
echo "# the server wrote $(wc -l <"$T_DIR/srv.ack" 2>/dev/null || echo 0) times while machine 1 tried to read $R times"
check "every server write was acknowledged (no 'truncated', no failure)" [ ! -s "$T_DIR/srv.failed" ]
[ -s "$T_DIR/srv.err" ] && echo "# server writers said: $(head -n 3 "$T_DIR/srv.err")"
equals "every acknowledged server write is in the file" \
	"$(sql_q "$LDB" "SELECT count(*) FROM content WHERE title GLOB 'server [0-9]*'")" "$(wc -l <"$T_DIR/srv.ack")"
equals "integrity_check on the server after the reads" "$(sql_q "$LDB" 'PRAGMA integrity_check')" ok
equals "every read through the mount was refused (exit 4) with the reason" \
	"$(grep -vc '^4 .*not opened: it is in local (WAL) mode and this is a network filesystem (fuse.sshfs)' "$T_DIR/reader.rc")" 0
# With the server idle (its connection still open), nothing from the mount changes a byte.
side_state() {
	local f
	for f in "$LDB" "$LDB-wal" "$LDB-shm"; do
		printf '%s %s %s\n' "$f" "$(sha256sum <"$f" | cut -d' ' -f1)" "$(stat -c '%s %Y.%y' "$f")"
	done
	ls "$SRV" | grep '^local\.db'
}
before=$(side_state)
for m in "$M1" "$M2"; do
	"$CHORUS" --db "$m/local.db" report >/dev/null 2>&1
	"$CHORUS" --db "$m/local.db" content list >/dev/null 2>&1
	"$CHORUS" --db "$m/local.db" doctor >/dev/null 2>&1
	"$CHORUS" --db "$m/local.db" submit --title "From ${m##*/}" >/dev/null 2>&1
done
equals "the file, its -wal and -shm: same bytes and times after reads and a write through both mounts" \
	"$(side_state)" "$before"
tui_fail=0
for i in 1 2 3 4 5; do
	run "$CHORUS" --db "$M1/local.db"
	[ "$RC" = 4 ] && printf '%s' "$ERR" | grep -q "not opened: it is in local (WAL) mode" || tui_fail=$((tui_fail + 1))
done
equals "the TUI through a mount: 5 of 5 starts exit 4 with the reason, like the CLI" "$tui_fail" 0
equals "the TUI starts changed nothing either" "$(side_state)" "$before"
ch --db "$M1/local.db" submit --title "From machine 1"
expect "a write through a mount exits 4 with the reason" 4 \
	"$M1/local.db: not opened: it is in local (WAL) mode and this is a network filesystem (fuse.sshfs)"
expect "the refusal says how to convert" 4 "convert the file to share mode with 'chorus --db $M1/local.db doctor --set-mode share' where no one else has it open"
ch --db "$M2/local.db" doctor
expect "doctor through a mount: exit 4, the reason" 4 "not opened: it is in local (WAL) mode"
expect "doctor through a mount still says where the file is" 4 "" "filesystem     fuse.sshfs (network filesystem)"
ch --db "$M1/local.db" doctor --set-mode share
expect "doctor --set-mode share through a mount while the server has it open: refused (exit 3)" 3 \
	"$M1/local.db-wal exists: a chorus on the machine that holds the file has it open"
equals "the refused conversion changed nothing" "$(side_state)" "$before"
exec 7>&-
wait "$HOLDER"
HOLDER=""
check "the server's connection closed: no -wal, no -shm" sh -c '[ ! -e "$1-wal" ] && [ ! -e "$1-shm" ]' - "$LDB"
equals "nothing from machine 1 in it" "$(sql_q "$LDB" "SELECT count(*) FROM content WHERE title GLOB 'From *'")" 0
# (the mount may remember the removed -wal for a moment: sshfs's caches)
n=0
while [ -e "$M1/local.db-wal" ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
ch --db "$M1/local.db" doctor --set-mode share
expect "doctor --set-mode share through a mount converts it (no one else has it open)" 0 "" "is now in share mode"
equals "converted: rollback journal, meta says share" \
	"$(sql_q "$LDB" 'PRAGMA journal_mode') $(sql_q "$LDB" "SELECT value FROM meta WHERE key = 'mode'")" "delete share"
ch --db "$M2/local.db" submit --title "From machine 2"
expect "after the conversion, writes through the other mount work" 0
equals "the server's items and machine 2's are there" \
	"$(sql_q "$LDB" "SELECT count(*) FROM content WHERE title GLOB 'server [0-9]*' OR title IN ('Written on the server', 'From machine 2')")" \
	"$(($(wc -l <"$T_DIR/srv.ack") + 2))"

lap "a local-mode file through a mount"

# --- a mount that caches file data across opens ------------------------------------------------------
DB=$SRV/share.db
# (auto_cache is mounted as people often do: a relative mount point, another
# source spelling; chorus finds the sshfs process by its source then)
for opt in kernel_cache auto_cache; do
	M3=$T_DIR/$opt
	if [ "$opt" = auto_cache ]; then
		here=$PWD
		cd "$T_DIR" || exit 1
		sshfs_mount "$SRV" "$opt" "$opt" 127.0.0.1
		mounted=$?
		cd "$here" || exit 1
	else
		sshfs_mount "$SRV" "$M3" "$opt"
		mounted=$?
	fi
	if [ "$mounted" != 0 ]; then
		not_ok "mounting with -o $opt" "$SSHFS_WHY"
		continue
	fi
	ch --db "$M3/share.db" doctor
	expect "-o $opt: doctor fails the mount (exit 1)" 1 "" \
		"mount          the fuse.sshfs mount at $M3 has option $opt, which"
	expect "-o $opt: doctor says what goes wrong and what to do" 1 "" \
		"this machine can read pages another machine has since changed, and a write built on them corrupts the file; remount it without $opt"
	snap "$DB"
	ch --db "$M3/share.db" submit --title "through a caching mount"
	expect "-o $opt: a write is refused, exit 4, with the reason" 4 \
		"$M3/share.db: not opened: the fuse.sshfs mount at $M3 has option $opt"
	unchanged "-o $opt: the refused write left the file unchanged" "$DB"
	# the rest is the same path whatever the option: once
	[ "$opt" = kernel_cache ] || continue
	ch --db "$M3/share.db" content list
	expect "-o $opt: reading is refused too (stale pages make a sound file look damaged)" 4 \
		"$M3/share.db: not opened: the fuse.sshfs mount at $M3 has option $opt"
	ch --db "$M3/share.db" doctor --set-mode share
	expect "-o $opt: doctor --set-mode is refused" 4 "$M3/share.db: not converted: the fuse.sshfs mount at $M3 has option $opt"
	unchanged "-o $opt: the refusals left the file unchanged" "$DB"
	run "$CHORUS" --db "$M3/share.db"
	expect "-o $opt: the TUI does not start: exit 4, with the reason" 4 "not opened: the fuse.sshfs mount at $M3 has option $opt"
	ch --db "$M3/new.db" init --org "Cached BV"
	expect "-o $opt: init is refused too" 4 "$M3/new.db: not created: the fuse.sshfs mount at $M3 has option $opt"
	check "-o $opt: no file made" [ ! -e "$SRV/new.db" ]
done
# What the warning is about: with kernel_cache a second machine reads stale data.
M3=$T_DIR/kernel_cache
if [ -d "$M3" ]; then
	stale=0
	for i in 1 2 3; do
		sqlite3 -batch -vfs unix-dotfile "$M3/share.db" "SELECT value FROM meta WHERE key = 'revision'" >/dev/null 2>&1
		"$CHORUS" --db "$M1/share.db" submit --title "probe $i" >/dev/null 2>&1
		a=$(sqlite3 -batch -noheader -vfs unix-dotfile "$M3/share.db" "SELECT value FROM meta WHERE key = 'revision'" 2>&1)
		b=$(sql_q "$DB" "SELECT value FROM meta WHERE key = 'revision'")
		[ "$a" != "$b" ] && stale=$((stale + 1))
	done
	echo "# -o kernel_cache: $stale of 3 reads through it right after another machine's write were stale"
fi

# A default sshfs mount (dir_cache on): safe, but a lock another machine
# released looks held here for up to 20 s; doctor fails the mount, writes work.
MD=$T_DIR/default
if sshfs_mount "$SRV" "$MD"; then
	ch --db "$MD/share.db" doctor
	expect "default sshfs options: doctor fails the mount (exit 1)" 1 "" \
		"mount          the fuse.sshfs mount at $MD lacks -o dir_cache=no: sshfs caches directory entries, so a lock another machine has released can look held here for up to 20 s"
	expect "default sshfs options: doctor says what to do" 1 "" "remount it with -o dir_cache=no"
	expect "default sshfs options: still read-write" 1 "" "access         read-write"
	ch --db "$MD/share.db" submit --title "through a default mount"
	expect "default sshfs options: writes work" 0
else
	not_ok "mounting with the default options" "$SSHFS_WHY"
fi

# The fstab way: mount(8) starts sshfs as /sbin/mount.fuse.sshfs, options last.
MF=$T_DIR/fstab
if sshfs_mount_fstab "$SRV" "$MF" kernel_cache; then
	echo "# mount -t fuse.sshfs: the process is: $(for p in /proc/[0-9]*; do { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -F " $MF " ; done | head -n 1 | cut -c1-60)..."
	snap "$DB"
	ch --db "$MF/share.db" submit --title "through an fstab mount"
	expect "mount -t fuse.sshfs -o kernel_cache (the fstab way): not opened, exit 4, the option named" 4 \
		"$MF/share.db: not opened: the fuse.sshfs mount at $MF has option kernel_cache"
	ch --db "$MF/share.db" doctor
	expect "the fstab way: doctor fails the mount" 1 "" "mount          the fuse.sshfs mount at $MF has option kernel_cache"
	unchanged "the fstab way: the file is unchanged" "$DB"
	sshfs_unmount "$MF"
else
	not_ok "mount -t fuse.sshfs (the fstab way)" "$SSHFS_WHY"
fi

# A mount point reached through a symlink: mountinfo shows the real path, the
# sshfs process the path typed.  (Two other mounts share the source, with other
# options: only the mount point tells which process serves it.)
mkdir -p "$T_DIR/real"
ln -s "$T_DIR/real" "$T_DIR/via"
if sshfs_mount "$SRV" "$T_DIR/via/cached" kernel_cache; then
	for p in "$T_DIR/via/cached" "$T_DIR/real/cached"; do
		ch --db "$p/share.db" submit --title "through a symlinked mount point"
		expect "a kernel_cache mount made through a symlink, used as ${p#"$T_DIR"/}: not opened" 4 \
			"not opened: the fuse.sshfs mount at $T_DIR/real/cached has option kernel_cache"
	done
	sshfs_unmount "$T_DIR/real/cached"
else
	not_ok "mounting through a symlinked mount point" "$SSHFS_WHY"
fi
if sshfs_mount "$SRV" "$T_DIR/via/fine" dir_cache=no; then
	ch --db "$T_DIR/via/fine/share.db" doctor
	expect "a dir_cache=no mount made through a symlink: doctor finds its options" 0 "" \
		"mount          fuse.sshfs at $T_DIR/real/fine: dir_cache=no, without kernel_cache or auto_cache"
	sshfs_unmount "$T_DIR/real/fine"
else
	not_ok "mounting through a symlinked mount point" "$SSHFS_WHY"
fi

# chorus in a PID namespace of its own cannot see the sshfs process: it cannot
# know the options, so it reads but does not write.
if unshare --pid --fork --mount-proc true 2>"$T_DIR/unshare.err"; then
	snap "$DB"
	run unshare --pid --fork --mount-proc "$CHORUS" --db "$M1/share.db" submit --title "from a PID namespace"
	expect "in a PID namespace: a write is refused (exit 4), saying why and how to fix it" 4 \
		"the sshfs process serving $M1 is not visible from here (another PID namespace or container"
	expect "in a PID namespace: the fix is named" 4 "run chorus where that process can be seen, or mount the share where chorus runs"
	unchanged "in a PID namespace: the file is unchanged" "$DB"
	run unshare --pid --fork --mount-proc "$CHORUS" --db "$M1/share.db" content list
	expect "in a PID namespace: reading works" 0 "" "after the dead writer"
	run unshare --pid --fork --mount-proc "$CHORUS" --db "$M1/share.db" doctor
	expect "in a PID namespace: doctor fails the mount line" 1 "" "mount          the sshfs process serving $M1 is not visible from here"
	expect "in a PID namespace: doctor says it is read-only" 1 "" "access         the sshfs process serving"
	run unshare --pid --fork --mount-proc "$CHORUS" --db "$M1/pidns.db" init --org "Unseen BV"
	expect "in a PID namespace: init is refused (exit 4), saying why" 4 \
		"$M1/pidns.db: not created: the sshfs process serving $M1 is not visible from here"
	check "in a PID namespace: no file made" [ ! -e "$SRV/pidns.db" ]
else
	echo "ok $((T_N + 1)) # SKIP unshare --pid --fork --mount-proc does not work here: $(head -n 1 "$T_DIR/unshare.err")"
	T_N=$((T_N + 1))
fi
# Where /proc/self/mountinfo cannot be read (here: an empty file bound over it
# in a mount namespace of its own) the mount cannot be looked at at all.
if unshare --mount sh -c 'mount --bind /dev/null /proc/$$/mountinfo' 2>"$T_DIR/unshare.err"; then
	snap "$DB"
	# shellcheck disable=SC2016
	run unshare --mount sh -c 'mount --bind /dev/null /proc/$$/mountinfo && exec "$1" --db "$2" submit --title "blind"' - \
		"$CHORUS" "$M1/share.db"
	expect "no mountinfo: a write is refused (exit 4), saying why" 4 \
		"$M1/share.db is on a network filesystem (fuse) but /proc/self/mountinfo cannot be read here"
	unchanged "no mountinfo: the file is unchanged" "$DB"
else
	echo "ok $((T_N + 1)) # SKIP cannot hide /proc/self/mountinfo in a mount namespace here: $(head -n 1 "$T_DIR/unshare.err")"
	T_N=$((T_N + 1))
fi

lap "caching mounts"

# The TUI says so on its status line.
# (TUI_WRAP: a command to run the TUI under, such as unshare)
# tui_says NAME DB TEXT [NOT]: the TUI on DB shows TEXT (a grep pattern) and
# not NOT, then quits cleanly.
tui_says() {
	local tm="tmux -L chorus-share-$$ -f /dev/null" n=0 shown=""
	$tm kill-server 2>/dev/null
	: >"$T_DIR/tui.err"
	$tm new-session -d -x 200 -y 40 -s t \
		"${TUI_WRAP:-} env LC_ALL=C.UTF-8 '$CHORUS' --db '$2' 2>>'$T_DIR/tui.err'; echo chorus-exited-\$?; sleep 600"
	while [ "$n" -lt 100 ]; do
		if $tm capture-pane -p -t t 2>/dev/null | grep -q -- "$3"; then
			shown=1
			break
		fi
		sleep 0.1
		n=$((n + 1))
	done
	if [ -n "$shown" ] && [ -n "${4:-}" ] && $tm capture-pane -p -t t | grep -q -- "$4"; then
		not_ok "$1" "screen shows: $4" "$($tm capture-pane -p -t t 2>&1 | tail -n 4)"
	elif [ -n "$shown" ]; then
		ok "$1"
	else
		not_ok "$1" "screen lacks: $3" "$($tm capture-pane -p -t t 2>&1 | tail -n 4)"
	fi
	n=0
	while [ "$n" -lt 50 ] && ! $tm capture-pane -p -t t 2>/dev/null | grep -q chorus-exited-; do
		$tm send-keys -t t Escape q 2>/dev/null
		sleep 0.1
		n=$((n + 1))
	done
	if $tm capture-pane -p -t t | grep -q chorus-exited-0 && ! grep -qE 'Sanitizer|runtime error' "$T_DIR/tui.err"; then
		ok "$1: quits cleanly"
	else
		not_ok "$1: quits cleanly" "$($tm capture-pane -p -t t 2>&1 | tail -n 3)" "$(head -n 3 "$T_DIR/tui.err")"
	fi
	$tm kill-server 2>/dev/null
}
if command -v tmux >/dev/null; then
	[ -d "$MD" ] && tui_says "the TUI through a default sshfs mount warns about dir_cache" "$MD/share.db" \
		"warning: the fuse.sshfs mount at .* lacks -o dir_cache=no"
	tui_says "the TUI through a dir_cache=no mount warns about nothing" "$M1/share.db" "$(id -un)" "warning:\\|read-only"
	# Another machine's write reaches a TUI through a mount on its own: the
	# change counter in the file's header, read from the server each tick.
	tm="tmux -L chorus-share-$$ -f /dev/null"
	$tm kill-server 2>/dev/null
	$tm new-session -d -x 200 -y 40 -s t "env LC_ALL=C.UTF-8 '$CHORUS' --db '$M1/share.db' 2>>'$T_DIR/tui.err'; sleep 600"
	n=0
	while [ "$n" -lt 100 ] && ! $tm capture-pane -p -t t 2>/dev/null | grep -q "Inbox"; do sleep 0.1; n=$((n + 1)); done
	"$CHORUS" --db "$M2/share.db" submit --title "From-the-other-mount" >/dev/null 2>&1
	n=0
	while [ "$n" -lt 150 ] && ! $tm capture-pane -p -t t 2>/dev/null | grep -q "From-the-other-mount"; do sleep 0.1; n=$((n + 1)); done
	if $tm capture-pane -p -t t | grep -q "From-the-other-mount"; then
		ok "the TUI through one mount shows, on its own, what was submitted through another"
	else
		not_ok "the TUI through one mount shows, on its own, what was submitted through another" \
			"$($tm capture-pane -p -t t 2>&1 | head -n 12)"
	fi
	# A write from the TUI through a mount: its lock makes the journal at
	# once (sharelock.c, lock_look), SQLite writes it and removes it; a
	# write that does not come (a second a on one's own card) leaves none.
	editing() { sqlite3 -batch -noheader -cmd '.timeout 10000' -vfs unix-dotfile "$DB" \
		"SELECT count(*) FROM content WHERE stage = 'editing'"; }
	before=$(editing)
	$tm send-keys -t t 1 h h h
	sleep 0.5
	$tm send-keys -t t a
	n=0
	while [ "$n" -lt 100 ] && [ "$(editing)" != $((before + 1)) ]; do sleep 0.1; n=$((n + 1)); done
	if [ "$(editing)" = $((before + 1)) ]; then
		ok "a take (a) in the TUI through a mount is in the file on the server"
	else
		not_ok "a take (a) in the TUI through a mount is in the file on the server" \
			"items in editing: $(editing), before: $before" \
			"$($tm capture-pane -p -t t 2>&1 | head -n 6)" "$($tm capture-pane -p -t t 2>&1 | tail -n 2)"
	fi
	$tm send-keys -t t a
	sleep 1
	$tm send-keys -t t q
	n=0
	while [ "$n" -lt 50 ] && { [ -e "$DB.lock" ] || [ -e "$DB-journal" ]; }; do sleep 0.1; n=$((n + 1)); done
	check "after the TUI's writes through a mount: no journal and no lock left on the server" \
		sh -c '[ ! -e "$1-journal" ] && [ ! -e "$1.lock" ]' - "$DB"
	equals "integrity_check on the server after the TUI's write" \
		"$(sqlite3 -batch -noheader -cmd '.timeout 10000' -vfs unix-dotfile "$DB" 'PRAGMA integrity_check' 2>&1)" ok
	$tm kill-server 2>/dev/null
	if unshare --pid --fork --mount-proc true 2>/dev/null; then
		TUI_WRAP="unshare --pid --fork --mount-proc" tui_says \
			"the TUI in a PID namespace says read-only and why, like the CLI" "$M1/share.db" \
			"read-only: the sshfs process serving $M1 is not visible from here"
	fi
	lap "the TUI"
fi
finish
