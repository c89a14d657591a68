# init.sh — chorus init: the file it creates (0660, WAL in local mode, the
# rollback journal in share mode, the mode from the filesystem), what doctor
# says about it, and every way init refuses: an existing file, a missing or
# unknown option, a directory that does not exist or cannot be written, an
# invalid master login.  Also --version and --help.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db

# snap DB: remember what is in DB; unchanged NAME DB: ok when it still is.
# snap DB: remember DB (a copy).  unchanged NAME DB: ok when DB is byte for
# byte the copy (and no -wal holds more), or else has the copy's db_digest.
# absent NAME PATH: ok when nothing was created at PATH.
absent() {
	if [ -e "$2" ]; then not_ok "$1" "$2 exists: $(ls -la "$2" 2>&1)"; else ok "$1"; fi
}
# same_file NAME FILE COPY: ok when FILE has exactly the bytes of COPY.
same_file() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$2 changed: $(cmp "$2" "$3" 2>&1)"; fi
}
# equals NAME GOT WANT
# line NAME REGEX: a line of the last stdout matches REGEX (extended).
line() {
	if printf '%s\n' "$OUT" | grep -qE -- "$2"; then
		ok "$1"
	else
		not_ok "$1" "no stdout line matches: $2" "stdout: $(printf '%s' "$OUT" | head -n 20)"
	fi
}

# --- --version and --help -----------------------------------------------
ch --version
expect "--version exits 0" 0 "" "chorus $(cat VERSION 2>/dev/null || echo)"
ch --help
expect "--help exits 0 and shows usage" 0 "" "usage: chorus"
ch -h
expect "-h is --help" 0 "" "usage: chorus"
ch init --help
expect "init --help exits 0" 0 "" "--org NAME"
ch init --org X --help
expect "init --help wins over other options, creates nothing" 0 "" "--mode"
absent "init --help created no file" "$DB"

# --- a local database ---------------------------------------------------
run sh -c 'umask 077; exec "$1" --db "$2" init --org "Acme BV"' sh "$CHORUS" "$DB"
expect "init creates a database" 0 "" "created $DB for Acme BV"
line "init says local mode and WAL" "mode local: WAL"
line "init names the master" "$ME is its social master"
equals "the file is 0660 whatever the umask" "$(stat -c %a "$DB")" 660
equals "local mode uses WAL" "$(sql "$DB" 'PRAGMA journal_mode')" wal
equals "meta records mode local" "$(sql "$DB" "select value from meta where key='mode'")" local
equals "meta records the organisation" "$(sql "$DB" "select value from meta where key='organisation'")" "Acme BV"
equals "the caller is the master with every role" "$(sql "$DB" 'select login, roles, active from people')" "$ME|15|1"
equals "application_id is CHOR" "$(sql "$DB" 'PRAGMA application_id')" 1128812370

ch --db "$DB" doctor
expect "doctor on a healthy local database exits 0" 0
line "doctor names the file" "^database +$DB\$"
line "doctor reports mode local" '^mode +local$'
line "doctor reports journal WAL" '^journal +WAL$'
line "doctor reports permissions 660" '^permissions +660$'
line "doctor reports the schema" '^schema +[0-9]+ \(this chorus knows up to [0-9]+\)$'
line "doctor reports integrity ok" '^integrity +ok$'
line "doctor reports read-write access" '^access +read-write$'
line "doctor reports the organisation" '^organisation +Acme BV$'
line "doctor reports the filesystem as local" '^filesystem +.*\(local disk\)$'

chmod 666 "$DB"
ch --db "$DB" doctor
expect "doctor fails on a world-writable file" 1 "" "world-writable"
chmod 660 "$DB"

# --- share mode ---------------------------------------------------------
S=$T_DIR/share.db
ch --db "$S" init --org Share --mode share
expect "init --mode share" 0 "" "mode share: rollback journal"
equals "share mode uses the rollback journal (delete)" "$(sql "$S" 'PRAGMA journal_mode')" delete
equals "meta records mode share" "$(sql "$S" "select value from meta where key='mode'")" share
ch --db "$S" doctor
expect "doctor on a share database exits 0" 0
line "doctor reports mode share" '^mode +share$'
line "doctor reports journal DELETE" '^journal +DELETE$'
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$S" people add nfsuser --name "On NFS"
expect "a share database on NFS takes writes" 0 "" "added nfsuser"
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$S" doctor
expect "doctor: a share database on NFS agrees" 0
line "doctor sees the network filesystem" '^filesystem +nfs \(network filesystem\)$'

# --- the mode follows the filesystem ----------------------------------------
for fs in 0x6969:nfs 0x517B:smb 0xFF534D42:cifs 0x65735546:fuse 0x01021997:9p; do
	type=${fs%%:*} name=${fs#*:}
	f=$T_DIR/auto-$name.db
	run env CHORUS_FSTYPE="$type" "$CHORUS" --db "$f" init --org Auto
	expect "init on $name ($type) chooses share mode" 0 "" "mode share"
	equals "init on $name: journal delete, meta share" \
		"$(sql "$f" 'PRAGMA journal_mode'; sql "$f" "select value from meta where key='mode'")" \
		"$(printf 'delete\nshare')"
done
run env CHORUS_FSTYPE=0xEF53 "$CHORUS" --db "$T_DIR/auto-ext4.db" init --org Auto
expect "init on ext4 chooses local mode" 0 "" "mode local"
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$T_DIR/forced.db" init --org Forced --mode local
expect "--mode local on a network filesystem is refused (exit 1) and says why" 1 \
	"$T_DIR/forced.db: not created: local (WAL) mode needs every client on the machine that holds the file, and this is a network filesystem (nfs)"
check "the refused init made no file" [ ! -e "$T_DIR/forced.db" ]
run env CHORUS_FSTYPE=0xEF53 "$CHORUS" --db "$T_DIR/forced.db" init --org Forced --mode share
expect "--mode share overrides a local filesystem" 0 "" "mode share"

# --- a local database seen over NFS: not opened at all, says why ----------------
snap "$DB"
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$DB" people add bob --name Bob
expect "local file on NFS: a write fails with 4 and says why" 4 \
	"$DB: not opened: it is in local (WAL) mode and this is a network filesystem (nfs)"
expect "local file on NFS: the message says how to convert" 4 "chorus --db $DB doctor --set-mode share"
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$DB" people list
expect "local file on NFS: reading is refused too (WAL cannot be read from another machine)" 4 \
	"even reading writes to its -shm"
run env CHORUS_FSTYPE=0x6969 "$CHORUS" --db "$DB" doctor
expect "doctor on it: exit 4, the reason and the way out" 4 "doctor --set-mode share"
line "doctor still says where the file is and what it sees" '^filesystem +nfs \(network filesystem\)$'
unchanged "local file on NFS: nothing changed it" "$DB"
check "local file on NFS: no side file made" sh -c '[ ! -e "$1-wal" ] && [ ! -e "$1-shm" ]' - "$DB"

# --- init refuses ----------------------------------------------------------
cp "$DB" "$T_DIR/copy.db"
snap "$DB"
ch --db "$DB" init --org Again
expect "init refuses an existing database" 2 "already exists; chorus init never overwrites"
unchanged "refused init: database unchanged" "$DB"
same_file "refused init: the file is byte for byte the same" "$DB" "$T_DIR/copy.db"

printf 'my notes\n' >"$T_DIR/notes.txt"
cp "$T_DIR/notes.txt" "$T_DIR/notes.copy"
ch --db "$T_DIR/notes.txt" init --org Notes
expect "init refuses an existing non-database file" 2 "already exists"
same_file "refused init: the text file is untouched" "$T_DIR/notes.txt" "$T_DIR/notes.copy"

N=$T_DIR/new.db
ch --db "$N" init
expect "init without --org" 2 "--org NAME is required"
expect "init without --org shows the usage" 2 "usage: chorus init --org NAME"
absent "init without --org created nothing" "$N"
ch --db "$N" init --org ""
expect "init with an empty --org" 2 "--org NAME is required"
absent "init --org '' created nothing" "$N"
ch --db "$N" init --org
expect "init --org without a value" 2 "--org needs a value"
absent "init --org (no value) created nothing" "$N"
ch --db "$N" init --org X --bogus
expect "init with an unknown option" 2 "unknown option --bogus"
expect "init with an unknown option shows the usage" 2 "usage: chorus init"
absent "init --bogus created nothing" "$N"
ch --db "$N" init --org X -zq
expect "init with an unknown short option names it" 2 "unknown option -z"
absent "init -zq created nothing" "$N"
ch --db "$N" init --org X extra
expect "init with a stray argument" 2 "unexpected argument 'extra'"
absent "init with a stray argument created nothing" "$N"
ch --db "$N" init --org X --mode cloud
expect "init --mode cloud" 2 "--mode must be local or share, not 'cloud'"
absent "init --mode cloud created nothing" "$N"
ch --db "$N" init --org X --mode
expect "init --mode without a value" 2 "--mode needs a value"
absent "init --mode (no value) created nothing" "$N"

for bad in "bad login" "-dash" "semi;colon" "$(printf 'x%.0s' $(seq 64))" "caf$(printf '\303\251')"; do
	ch --db "$N" init --org X --master="$bad"
	expect "init --master '$bad' is refused" 2 "is not a valid login"
	absent "init --master '$bad' created nothing" "$N"
done

ch --db "$T_DIR/nowhere/deeper/x.db" init --org X
expect "init in a directory that does not exist" 2 "the directory $T_DIR/nowhere/deeper does not exist"
absent "init in a missing directory created nothing" "$T_DIR/nowhere"

: >"$T_DIR/afile"
ch --db "$T_DIR/afile/x.db" init --org X
expect "init under a regular file" 2 "$T_DIR/afile is not a directory"
equals "init under a regular file left it empty" "$(stat -c %s "$T_DIR/afile")" 0

ch --db /proc/chorus.db init --org X
expect "init in /proc (not a place for files) fails with 2 naming the path" 2 "/proc/chorus.db"
absent "init in /proc created nothing" /proc/chorus.db

# A directory this user cannot write: chmod 555 works for everyone but root,
# who ignores permissions; as root, drop to nobody with setpriv when possible.
RO=$T_DIR/readonly
mkdir "$RO"
chmod 555 "$RO"
if [ "$(id -u)" != 0 ]; then
	ch --db "$RO/x.db" init --org X
	expect "init in a read-only directory" 2 "the directory $RO is not writable"
	absent "init in a read-only directory created nothing" "$RO/x.db"
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	chmod 711 "$T_DIR"
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$CHORUS" --db "$RO/x.db" init --org X
	expect "init in a read-only directory (as uid 65534)" 2 "the directory $RO is not writable"
	absent "init in a read-only directory created nothing" "$RO/x.db"
	# The same user cannot open a database it may not read.
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$CHORUS" --db "$DB" people list
	expect "a database this user may not read: 4 and why (as uid 65534)" 4 "Permission denied"
	chmod 700 "$T_DIR"
else
	ok "# SKIP read-only directory: running as root without setpriv"
	ok "# SKIP read-only directory: nothing to check"
fi
chmod 755 "$RO"

# --- --master and --name ------------------------------------------------------
M=$T_DIR/other.db
ch --db "$M" init --org Other --master someone.else --name "Some One"
expect "init --master LOGIN --name NAME" 0 "" "someone.else is its social master"
equals "the named master is the only person" "$(sql "$M" 'select login, name, roles from people')" "someone.else|Some One|15"

# --- where init puts the file without --db ------------------------------------
run env CHORUS_DB="$T_DIR/env.db" "$CHORUS" init --org Env
expect "init honours \$CHORUS_DB" 0 "" "created $T_DIR/env.db"
ch init --org Default
expect "init with no path creates the XDG default (and its directory)" 0 "" "created $XDG_DATA_HOME/chorus/chorus.db"
check "the XDG default database exists" test -f "$XDG_DATA_HOME/chorus/chorus.db"
case $(stat -c %a "$XDG_DATA_HOME/chorus") in
*[2367]) not_ok "the XDG default directory is not world-writable" "$(ls -ld "$XDG_DATA_HOME/chorus")" ;;
*) ok "the XDG default directory is not world-writable" ;;
esac

# --- sharing with a group: real users -----------------------------------------------
# Two members of one group, each with a private group of their own, as on a
# normal system.  Without a setgid directory the side file one member makes
# gets that member's own group and locks the other out; doctor names it and
# the exact fix.  init --group makes the file and directory the group's.
# hold_open USER DB: USER keeps DB open in the sqlite3 shell (its -wal and -shm
# stay) until fd 8 is closed; HOLD is its pid.
hold_open() {
	local fifo
	fifo=$(mktemp -u "$T_DIR/hold.XXXXXX")
	mkfifo "$fifo" && chmod 666 "$fifo"
	runuser -u "$1" -- sqlite3 -batch "$2" <"$fifo" >/dev/null 2>&1 &
	HOLD=$!
	exec 8>"$fifo"
	echo "SELECT count(*) FROM people;" >&8
	n=0
	while [ ! -e "$2-shm" ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
}

group_suite() {
	local g=chg$$ a=chga$$ b=chgb$$ bin d1 d2 d3 d4
	if [ "$(id -u)" != 0 ]; then
		echo "ok $((T_N + 1)) # SKIP group sharing needs root to add users and a group (running as $(id -un))"
		T_N=$((T_N + 1))
		return
	fi
	for c in useradd groupadd userdel groupdel runuser; do
		if ! command -v "$c" >/dev/null; then
			echo "ok $((T_N + 1)) # SKIP group sharing needs $c to add users and a group"
			T_N=$((T_N + 1))
			return
		fi
	done
	groupadd "$g" && useradd -M -U -G "$g" -s /bin/sh "$a" && useradd -M -U -G "$g" -s /bin/sh "$b" ||
		{ not_ok "adding the group $g and the users $a, $b"; return; }
	GROUP_CLEAN="userdel $a; userdel $b; groupdel $g"
	chmod 755 "$T_DIR"
	bin=$T_DIR/chorus-bin
	cp "$CHORUS" "$bin" && chmod 755 "$bin"
	as() { local u=$1; shift; run runuser -u "$u" -- env HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent "$@"; }

	# the problem: a directory that is not setgid
	d1=$T_DIR/plain
	mkdir "$d1" && chown "$a:$g" "$d1" && chmod 775 "$d1"
	as "$a" "$bin" --db "$d1/org.db" init --org "Plain BV"
	expect "init in a directory that is not setgid says how to make it so" 0 "" \
		"note: $d1 is not setgid: a journal or lock another user creates there gets that user's own group, not the file's; to share the file with a group, run: chgrp GROUP $d1/org.db $d1 && chmod g+rwxs $d1"
	as "$a" "$bin" --db "$d1/org.db" people add "$b" --name "Bea" --roles creator
	expect "the master adds the second member" 0
	as "$a" chgrp "$g" "$d1/org.db"
	as "$a" "$bin" --db "$d1/org.db" doctor
	expect "doctor: the file is the group's but the directory is not setgid: exit 1" 1 "" \
		"group          $d1 is not setgid, so a side file a member creates there (journal, lock, -wal, -shm) gets that member's own group and can lock the others out"
	expect "doctor names the exact fix" 1 "" "fix: chmod g+rwxs $d1"
	line "doctor shows the file's owner, group and mode" "^file +$d1/org.db: owner $a, group $g, mode 660$"
	line "doctor shows the directory's" "^directory +$d1: owner $a, group $g, mode 775$"
	# b keeps the file open (as a TUI would): b's -shm, in b's own group
	hold_open "$b" "$d1/org.db"
	equals "the -shm b made has b's own group" "$(stat -c %G "$d1/org.db-shm" 2>&1)" "$b"
	as "$a" "$bin" --db "$d1/org.db" submit --title "locked out"
	expect "a is locked out of the file while b has it open (exit 4), told which file and where to look" 4 \
		"cannot open $d1/org.db or a side file of it (-journal, -wal, -shm); chorus doctor shows who may use them and the fix"
	as "$a" "$bin" --db "$d1/org.db" doctor
	expect "doctor names b's side file and the fix" 4 "" \
		"$d1/org.db-shm (group $b, mode 660) cannot be used by every member of $g"
	expect "the fix includes the side files" 4 "" "fix: chgrp $g $d1/org.db-wal $d1/org.db-shm && chmod g+rwxs $d1"
	exec 8>&-
	wait "$HOLD"

	# init --group: the file and the directory are the group's, setgid
	d2=$T_DIR/shared
	mkdir "$d2" && chown "$a" "$d2" && chmod 755 "$d2"
	as "$a" "$bin" --db "$d2/org.db" init --org "Shared BV" --group "$g"
	expect "init --group: says what it did" 0 "" \
		"the file belongs to group $g; $d2 now belongs to group $g, group-writable and setgid"
	equals "init --group: the file is $g's, 660" "$(stat -c '%G %a' "$d2/org.db")" "$g 660"
	equals "init --group: the directory is $g's, group-writable and setgid" "$(stat -c '%G %a' "$d2")" "$g 2775"
	as "$a" "$bin" --db "$d2/org.db" people add "$b" --name "Bea" --roles creator
	hold_open "$b" "$d2/org.db"
	equals "the -shm b made is the group's" "$(stat -c %G "$d2/org.db-shm" 2>&1)" "$g"
	as "$a" "$bin" --db "$d2/org.db" submit --title "from a"
	expect "a writes while b has the file open" 0
	as "$b" "$bin" --db "$d2/org.db" submit --title "from b"
	expect "b writes too" 0
	as "$b" "$bin" --db "$d2/org.db" doctor
	expect "doctor as b: every member can use it" 0 "" "group          every member of $g can write the file and create its side files"
	exec 8>&-
	wait "$HOLD"
	HOLD=""
	# share mode: the journal and the lock b makes are the group's as well
	as "$a" "$bin" --db "$d2/share.db" init --org "Share BV" --mode share --group "$g"
	expect "init --group in share mode" 0
	as "$a" "$bin" --db "$d2/share.db" people add "$b" --name "Bea" --roles creator
	as "$b" sh -c "cd '$d2' && mkdir share.db.lock && stat -c %G share.db.lock && rmdir share.db.lock"
	equals "a lock directory b makes there is the group's" "$OUT" "$g"
	as "$b" "$bin" --db "$d2/share.db" submit --title "from b, share mode"
	expect "b writes the share-mode file" 0

	# a directory of a's that holds other things (a home, say) is left alone
	d4=$T_DIR/home-of-a
	mkdir "$d4" && chown "$a:$a" "$d4" && chmod 750 "$d4" && echo private >"$d4/notes.txt"
	as "$a" "$bin" --db "$d4/org.db" init --org X --group "$g"
	expect "init --group in a directory that holds other files leaves it alone, says how" 0 "" \
		"$d4 holds other files too, so chorus leaves it alone; give the file a directory of its own"
	equals "that directory's group and mode are unchanged" "$(stat -c '%U %G %a' "$d4")" "$a $a 750"
	equals "the file itself is the group's" "$(stat -c '%G %a' "$d4/org.db")" "$g 660"

	# --group refusals: no such group; a group the caller is not in
	as "$a" "$bin" --db "$d2/nogroup.db" init --org X --group "nosuch$$"
	expect "init --group with no such group: exit 2, nothing made" 2 "--group nosuch$$: no such group"
	check "no file made" [ ! -e "$d2/nogroup.db" ]
	as "$a" "$bin" --db "$d2/notmine.db" init --org X --group "$b"
	expect "init --group with a group a is not in: exit 2, says how" 2 "$a is not a member of it"
	check "no file made" [ ! -e "$d2/notmine.db" ]
	# a directory that is not a's: init says the command its owner must run
	d3=$T_DIR/rootdir
	mkdir "$d3" && chgrp "$g" "$d3" && chmod 1777 "$d3"
	as "$a" "$bin" --db "$d3/org.db" init --org X --group "$g"
	expect "init --group in a sticky directory says to move the file" 0 "" "$d3 is sticky (like /tmp)"
	chmod 777 "$d3"
	as "$a" "$bin" --db "$d3/org2.db" init --org X --group "$g"
	expect "init --group in someone else's directory names the command its owner must run" 0 "" \
		"is not yours to change; ask root to run: chgrp $g $d3 && chmod g+rwxs $d3"
}
HOLD=""
GROUP_CLEAN=""
trap '[ -n "$HOLD" ] && kill "$HOLD" 2>/dev/null; eval "$GROUP_CLEAN" >/dev/null 2>&1; rm -rf "$T_DIR"' EXIT
group_suite

finish
