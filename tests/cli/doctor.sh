# doctor.sh — chorus doctor --set-mode and --break-lock: converting a file
# between local (WAL) and share (rollback journal) mode, refused on a network
# filesystem for local and while locked; share mode's lock: a live holder
# (its heartbeat moves, or a running process here) never broken, a silent one
# waited out by the observer's own clock, a gone one broken at once; bad
# options; no mount line off a network filesystem (tests/stress/share.sh
# checks the mount line on real sshfs mounts).  Every refusal leaves the
# database as it was.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db

mode() { printf '%s %s' "$(sql "$DB" 'PRAGMA journal_mode')" "$(sql "$DB" "select value from meta where key = 'mode'")"; }

ch --db "$DB" init --org "Doctor BV" --mode local
expect "init in local mode" 0
"$CHORUS" --db "$DB" submit --title "Keep me" --body "through every conversion" >/dev/null

# --- --set-mode ----------------------------------------------------------------------------
ch --db "$DB" doctor --set-mode share
expect "--set-mode share" 0 "" "$DB is now in share mode"
equals "share: rollback journal, meta says share" "$(mode)" "delete share"
ch --db "$DB" doctor
expect "doctor agrees after the conversion" 0 "" "journal        DELETE"
check "on a local disk doctor has no mount line (only network mounts get one)" \
	sh -c '! printf "%s\n" "$1" | grep -q "^mount "' - "$OUT"
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$DB" doctor
expect "a pretended NFS gets no verdict on the real mount either" 0 "" "filesystem     nfs (network filesystem)"
check "... and no mount line" sh -c '! printf "%s\n" "$1" | grep -q "^mount "' - "$OUT"
ch --db "$DB" content list
expect "the content survived the conversion" 0 "" "Keep me"
snap "$DB"
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$DB" doctor --set-mode local
expect "--set-mode local over NFS is refused" 1 "is on a network filesystem (nfs): local (WAL) mode would corrupt it"
unchanged "--set-mode local over NFS: database unchanged" "$DB"
equals "--set-mode local over NFS: still share" "$(mode)" "delete share"
ch --db "$DB" doctor --set-mode local
expect "--set-mode local (on local disk)" 0 "" "$DB is now in local mode"
equals "local: WAL, meta says local" "$(mode)" "wal local"
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$DB" doctor --set-mode share
expect "--set-mode share works where the file is on NFS (the way out)" 0 "" "now in share mode"
equals "converted on NFS: share" "$(mode)" "delete share"
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$DB" people add nfs.user --name "NFS User"
expect "after converting, writes over NFS work" 0 "" "added nfs.user"

refused "--set-mode cloud" 2 "--set-mode takes local or share, not 'cloud'" doctor --set-mode cloud
refused "--set-mode without a value" 2 "--set-mode needs a value" doctor --set-mode
refused "doctor with a stray argument" 2 "unexpected argument 'now'" doctor now
refused "doctor with an unknown option" 2 "unknown option --fix" doctor --fix
refused "--break-lock takes no value" 2 "--break-lock takes no value" doctor --break-lock=yes
ch --db "$T_DIR/missing.db" doctor --set-mode share
expect "--set-mode on a missing file" 4 "no such database"
printf 'not a database at all, just some text that is long enough for a header......................................\n' >"$T_DIR/text.db"
cp "$T_DIR/text.db" "$T_DIR/text.copy"
ch --db "$T_DIR/text.db" doctor --set-mode share
expect "--set-mode on a text file" 4 "not a chorus database"
check "--set-mode on a text file leaves it alone" cmp -s "$T_DIR/text.db" "$T_DIR/text.copy"

# --- share mode's lock ---------------------------------------------------------------------
# record HOST BOOT PID TOKEN BEAT: the name of a lock record for that holder.
record() {
	echo "chorus-lock,1,host=$1,boot=$2,pidns=$PIDNS,pid=$3,user=else,token=$4,taken=4102444800,beat=$5"
}
# plant HOST BOOT PID TOKEN BEAT: a lock holding only that record.
plant() {
	rm -rf "$DB.lock"
	mkdir -p "$DB.lock/$(record "$@")"
}
BOOT=$(cut -c1-12 /proc/sys/kernel/random/boot_id)
PIDNS=$(stat -L -c %i /proc/self/ns/pid)
refused "--break-lock without a lock" 1 "has no lock" doctor --break-lock

# Another machine's holder whose heartbeat moves: never broken, whatever its clock says.
plant elsewhere other-boot 4242 cafe 1
( for b in $(seq 1 40); do
	mv "$DB.lock/$(record elsewhere other-boot 4242 cafe "$b")" "$DB.lock/$(record elsewhere other-boot 4242 cafe $((b + 1)))"
	sleep 0.1
done ) &
beater=$!
sleep 0.2
run env CHORUS_LOCK_STALE=1 "$CHORUS" --db "$DB" doctor --break-lock
expect "--break-lock on a live holder (its heartbeat moves): refused" 1 "its heartbeat moved"
check "--break-lock said whom it found" sh -c 'printf "%s" "$1" | grep -q "held by chorus on elsewhere (pid 4242, user else)"' - "$OUT"
check "the live lock is still there" test -d "$DB.lock"
run env CHORUS_BUSY_MS=200 "$CHORUS" --db "$DB" people add locked.out --name L
expect "a write while a live holder beats: busy, exit 3, naming the holder" 3 \
	"busy: $DB.lock is held by chorus on elsewhere (pid 4242, user else)"
refused "--set-mode while locked: exit 3, naming the holder" 3 "is in use: $DB.lock is held by chorus on elsewhere" \
	doctor --set-mode local
wait "$beater"

# The same lock, silent: doctor names it; the next writer waits out the
# silence by its own clock and clears it.
run env CHORUS_LOCK_STALE=2 CHORUS_BUSY_MS=200 "$CHORUS" --db "$DB" doctor --set-mode local
expect "--set-mode on a silent lock: refused, naming the holder" 3 "is in use: $DB.lock is held by chorus on elsewhere"
check "the silent lock is still there" test -d "$DB.lock"
start=$(date +%s)
run env CHORUS_LOCK_STALE=2 CHORUS_BUSY_MS=200 "$CHORUS" --db "$DB" people add after.silence --name "After"
expect "a writer waits out 2 s of silence by its own clock, clears the lock and writes" 0 "" "added after.silence"
check "the abandoned lock is gone" test ! -e "$DB.lock"
check "... and it did wait (at least 2 s)" [ $(($(date +%s) - start)) -ge 2 ]
plant elsewhere other-boot 4242 cafe 41
run env CHORUS_LOCK_STALE=2 "$CHORUS" --db "$DB" doctor
expect "doctor names a silent holder: no sign of life (exit 1)" 1 "" "no sign of life"
check "... then waits out the silence itself and checks the file" sh -c 'printf "%s" "$1" | grep -q "integrity      ok"' - "$OUT"

# A holder on this machine: running — never broken; gone — broken at once.
sleep 30 &
sleeper=$!
plant here "$BOOT" "$sleeper" beef 1
refused "--break-lock on a running holder of this machine" 1 "its holder is a running process of this machine (pid $sleeper)" \
	doctor --break-lock
kill -STOP "$sleeper"
refused "--break-lock on a stopped (paused) holder: refused, says it is stopped" 1 "stopped: resume it" doctor --break-lock
kill -KILL "$sleeper"
wait "$sleeper" 2>/dev/null
run "$CHORUS" --db "$DB" doctor
expect "doctor calls a gone holder's lock abandoned (exit 1)" 1 "" "abandoned: its holder is gone"
plant here "$BOOT" "$sleeper" beef 1
ch --db "$DB" doctor --break-lock
expect "--break-lock on a gone holder says what it found" 0 "" "that process is gone"
expect "--break-lock removes it" 0 "" "removed the abandoned lock $DB.lock"
check "the abandoned lock is gone" test ! -e "$DB.lock"
ch --db "$DB" people add after.lock --name "After"
expect "writes work again" 0
ch --db "$DB" doctor
expect "doctor is happy again" 0 "" "integrity      ok"

# Someone who may read the file but not write to its directory cannot make
# the lock: told so, with the fix, not "disk I/O error".
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then
	PD=$T_DIR/perm
	mkdir -p "$PD"
	"$CHORUS" --db "$PD/p.db" init --org "Perm BV" --mode share >/dev/null
	chmod 666 "$PD/p.db"
	chmod 755 "$PD"
	chmod 755 "$T_DIR"
	run runuser -u nobody -- "$CHORUS" --db "$PD/p.db" content list
	expect "a reader who cannot write the directory: exit 4, the lock and the fix named" 4 \
		"cannot make the lock $PD/p.db.lock: Permission denied (everyone who uses the file needs to be able to write to its directory)"
else
	ok "a reader who cannot write the directory # SKIP needs root and runuser to act as another user"
fi

# --- CHORUS_NOW only for a database created under it (issue 14) ------------------
# A real organisation's file (made without CHORUS_NOW): the variable does not
# date what is written, and doctor says it is ignored.
REAL=$T_DIR/real-clock.db
ch --db "$REAL" init --org "Real BV"
expect "init without CHORUS_NOW" 0
CHORUS_NOW=2030-01-01T09:00 ch --db "$REAL" submit --title "Back to the future" --body "x"
expect "a submission with CHORUS_NOW set" 0
year=$(sql "$REAL" "SELECT strftime('%Y', created_at, 'unixepoch') FROM content")
if [ "$year" != 2030 ] && [ "$year" -ge 2025 ]; then ok "CHORUS_NOW does not date writes to a real file"
else not_ok "CHORUS_NOW does not date writes to a real file" "dated $year"; fi
equals "no clock recorded" "$(sql "$REAL" "SELECT count(*) FROM meta WHERE key = 'clock'")" 0
CHORUS_NOW=2030-01-01T09:00 ch --db "$REAL" doctor
expect "doctor: CHORUS_NOW ignored" 0 "" "clock          real time (CHORUS_NOW ignored: not created under a fixed clock)"
# A test's file, made under CHORUS_NOW: the clock holds.
FIXED=$T_DIR/fixed-clock.db
CHORUS_NOW=2026-02-02T09:00 ch --db "$FIXED" init --org "Test BV"
equals "the fixed clock is recorded" "$(sql "$FIXED" "SELECT value FROM meta WHERE key = 'clock'")" fixed
CHORUS_NOW=2026-02-03T10:00 ch --db "$FIXED" submit --title "On time" --body "x"
equals "CHORUS_NOW dates writes to a file made under it" \
	"$(sql "$FIXED" "SELECT datetime(created_at, 'unixepoch') FROM content")" "2026-02-03 10:00:00"
CHORUS_NOW=2026-02-03T10:00 ch --db "$FIXED" doctor
expect "doctor: the clock is fixed" 0 "" "clock          fixed by CHORUS_NOW (created under a fixed clock)"

finish
