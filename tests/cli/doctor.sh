# doctor.sh — chorus doctor --set-mode and --break-lock: converting a file
# between local (WAL) and share (rollback journal) mode, refused on a network
# filesystem for local and while locked; a dot-file lock left by a crashed
# client (stale after 60 s) reported and cleared, a fresh one left alone; bad
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

# --- dot-file locks (share mode) --------------------------------------------------------------
refused "--break-lock without a lock" 1 "has no dot-file lock" doctor --break-lock
mkdir "$DB.lock"
refused "--break-lock on a fresh lock: refused, someone may be writing" 1 "someone may be writing now; it counts as stale after 60 s" \
	doctor --break-lock
check "the fresh lock is still there" test -d "$DB.lock"
run env CHORUS_BUSY_MS=200 "$CHORUS" --db "$DB" people add locked.out --name L
expect "a write while the lock is held: busy, exit 3" 3 "busy"
refused "--set-mode while locked: exit 3" 3 "is locked by another chorus ($DB.lock exists)" doctor --set-mode local
touch -d '-300 seconds' "$DB.lock"
snap "$DB"
run env CHORUS_BUSY_MS=200 "$CHORUS" --db "$DB" doctor
expect "doctor finds the stale lock (exit 1)" 1 "" "stale: a client died holding it; clear it with chorus doctor --break-lock"
unchanged "doctor on a stale lock changes nothing" "$DB"
ch --db "$DB" doctor --break-lock
expect "--break-lock on a stale lock says what it found" 0 "" "found $DB.lock, taken"
expect "--break-lock removes it" 0 "" "removed the stale lock $DB.lock"
check "the stale lock is gone" test ! -e "$DB.lock"
ch --db "$DB" people add after.lock --name "After"
expect "writes work again" 0
ch --db "$DB" doctor
expect "doctor is happy again" 0 "" "integrity      ok"

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
