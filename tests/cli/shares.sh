# shares.sh — chorus shares log: a share moves ready content to shared, a
# second share keeps it there; --as a publisher records both people; --url
# once per URL and only http(s); --at a date; --platform; every refusal leaves
# the database unchanged.  Also: the events table refuses UPDATE and DELETE,
# and a database locked by another writer is exit 3 with nothing changed.
# shares delete: the sharer or a master, audited; content left without a
# share is ready again.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db

# A fixed clock from init on (a database made under one keeps it): the
# messages are written on 2026-02-20, the --at dates below come after.
export CHORUS_NOW=2026-02-20T09:00

pipeline_fixture "Pipeline BV"

ready() {
	"$CHORUS" --db "$DB" content take 1 >/dev/null &&
	"$CHORUS" --db "$DB" message add 1 --platform linkedin --text "Proud of what our team built" >/dev/null &&
	"$CHORUS" --db "$DB" content approve 1 >/dev/null &&
	"$CHORUS" --db "$DB" content take 2 >/dev/null &&
	"$CHORUS" --db "$DB" message add 2 --platform x --text "Not yet" >/dev/null
}
check "item 1 ready with message 1; item 2 in editing with message 2" ready
equals "the stages before sharing" "$(stage 1) $(stage 2)" "ready editing"

# --- shares log ------------------------------------------------------------------------------
refused "log: a message whose content is not ready" 1 "content 2 is in editing: it cannot be shared (only ready items can)" \
	shares log 2
ch --db "$DB" --as pub shares log 1
expect "log --as pub: prints the share id" 0 "" "1"
equals "the content is shared now" "$(stage 1)" shared
equals "the share is pub's, on the message's platform" \
	"$(sql "$DB" "select s.person_id, p.key, coalesce(s.url, '-') from shares s join platforms p on p.id = s.platform_id where s.id = 1")" \
	"$(id_of pub)|linkedin|-"
equals "the share event: me acting for pub" \
	"$(sql "$DB" "select entity, actor_id, on_behalf_id from events where action = 'share' and entity = 'share'")" \
	"share|$(id_of "$ME")|$(id_of pub)"
v=$(version 1)
ch --db "$DB" --as ed shares log 1 --url https://social.example/posts/1 --platform x
expect "log a second share, with --url and --platform" 0 "" "2"
equals "a second share keeps the content shared, version as it was" "$(stage 1) $(version 1)" "shared $v"
equals "the second share: ed, on x, with the URL" \
	"$(sql "$DB" "select s.person_id, p.key, s.url from shares s join platforms p on p.id = s.platform_id where s.id = 2")" \
	"$(id_of ed)|x|https://social.example/posts/1"
export CHORUS_NOW=2026-03-05T09:00
ch --db "$DB" shares log 1 --at 2026-03-01T09:30
expect "log --at a date and time" 0 "" "3"
equals "--at is kept (UTC)" "$(sql "$DB" "select datetime(shared_at, 'unixepoch') from shares where id = 3")" "2026-03-01 09:30:00"
ch --db "$DB" shares log 1 --at 2026-03-02
expect "log --at a date" 0
equals "--at a date is midnight" "$(sql "$DB" "select datetime(shared_at, 'unixepoch') from shares where id = 4")" "2026-03-02 00:00:00"

refused "log: a URL logged before" 1 "a share with the URL https://social.example/posts/1 is logged already" \
	shares log 1 --url https://social.example/posts/1
refused "log: not a web address" 2 "--url ftp://social.example/1: not a web address (http:// or https://)" \
	shares log 1 --url ftp://social.example/1
refused "log: a URL that is no URL" 2 "not a web address" shares log 1 --url "see my post"
refused "log: a URL with a newline" 2 "--url contains a control character" shares log 1 --url "$(printf 'https://a.example/\nb')"
refused "log: --at is not a date" 2 "--at 'yesterday' is not a date" shares log 1 --at yesterday
refused "log: --at 31 February" 2 "--at '2026-02-31' is not a date" shares log 1 --at 2026-02-31
refused "log: --at with a bad hour" 2 "is not a date" shares log 1 --at 2026-03-01T25:00
refused "log: --at in the future" 2 "dated in the future" shares log 1 --at 2099-01-01
# Issue 14: a few minutes' grace for clocks, no more; and nobody shares a
# message before it was written (message 1: 2026-02-20 09:00).
refused "log: --at 10 minutes ahead" 2 "the share is dated in the future: 2026-03-05 09:10 UTC" \
	shares log 1 --at 2026-03-05T09:10
refused "log: --at before the message was written" 2 \
	"the share is dated 1970-01-02 00:00 UTC, before message 1 was written (2026-02-20 09:00 UTC)" \
	shares log 1 --at 1970-01-02
refused "log: --at a minute before the message was written" 2 "before message 1 was written" \
	shares log 1 --at 2026-02-20T08:59
ch --db "$DB" shares log 1 --at 2026-03-05T09:04
expect "log: --at 4 minutes ahead is a clock's difference" 0
refused "log: an unknown platform" 2 "no such platform: friendster" shares log 1 --platform friendster
refused "log: no such message" 1 "no such message: 99" shares log 99
refused "log: not a message id" 2 "'one' is not a message id" shares log one
refused "log: no message id" 2 "one MESSAGE-ID, please" shares log
refused "log: two message ids" 2 "one MESSAGE-ID, please" shares log 1 2
refused "log: an unknown option" 2 "unknown option --likes" shares log 1 --likes 5
refused "log: --url without a value" 2 "--url needs a value" shares log 1 --url
refused "shares: no subcommand" 2 "which: log" shares
refused "shares: an unknown subcommand" 2 "which: log, import or delete" shares remove 1
refused "log --as someone unknown" 1 "--as ghost: no such person" --as ghost shares log 1
equals "five shares in all" "$(sql "$DB" "select count(*) from shares")" 5

# --- shares delete: the sharer or a master --------------------------------------------------------
refused "delete: ed may not delete pub's share" 1 "share 1 is pub's: only they or a social master may delete it; ed may not" \
	--as ed shares delete 1
refused "delete: no such share" 2 "no such share: 99" shares delete 99
refused "delete: not a share id" 2 "'one' is not a share id" shares delete one
ch --db "$DB" --as ed shares delete 2
expect "delete: ed deletes their own share" 0 "" "share 2 deleted"
equals "delete: the share is gone, the event names who and what" \
	"$(sql "$DB" "select count(*) from shares where id = 2") $(sql "$DB" "select json_extract(detail, '$.person') from events where entity = 'share' and entity_id = 2 and action = 'delete'")" \
	"0 ed"
equals "delete: content with shares left stays shared" "$(stage 1)" shared
for sid in 1 3 4; do "$CHORUS" --db "$DB" shares delete $sid >/dev/null || echo "delete $sid failed"; done
ch --db "$DB" shares delete 5
expect "delete: the master deletes the last share" 0 "" "share 5 deleted"
equals "delete: content without a share is ready again, logged" \
	"$(stage 1) $(sql "$DB" "select count(*) from events where entity = 'content' and entity_id = 1 and action = 'unshared'")" "ready 1"
ch --db "$DB" --as pub shares log 1
expect "delete: sharing again works" 0
equals "one share again, the content shared" "$(sql "$DB" "select count(*) from shares") $(stage 1)" "1 shared"

# --- the event log is append-only ----------------------------------------------------------------
n=$(sql "$DB" "select count(*) from events")
snap "$DB"
run sqlite3 -batch "$DB" "delete from events"
check "events: DELETE fails" test "$RC" != 0
expect "events: DELETE says append-only" "$RC" "events are append-only"
run sqlite3 -batch "$DB" "update events set actor_id = NULL where id = 1"
check "events: UPDATE fails" test "$RC" != 0
expect "events: UPDATE says append-only" "$RC" "events are append-only"
equals "events: all still there" "$(sql "$DB" "select count(*) from events")" "$n"
unchanged "events: the database is unchanged" "$DB"

# --- a database another writer holds: busy, exit 3 ----------------------------------------------
mkfifo "$T_DIR/fifo"
sqlite3 -batch "$DB" <"$T_DIR/fifo" >"$T_DIR/locker.out" 2>&1 &
LOCKER=$!
exec 3>"$T_DIR/fifo"
# (the locker waits out the probe below, whose own BEGIN IMMEDIATE may hold the
# lock at that moment: without a busy timeout it would fail, insert on its own
# and hold nothing)
echo "PRAGMA busy_timeout = 10000; BEGIN IMMEDIATE; INSERT INTO settings(key, value) VALUES('held', 'by the locker');" >&3
i=0
while [ $i -lt 100 ] && sqlite3 -batch "$DB" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; do
	sleep 0.05
	i=$((i + 1))
done
check "another writer holds the database" test $i -lt 100
snap "$DB"
run env CHORUS_BUSY_MS=200 "$CHORUS" --db "$DB" submit --title "While locked"
expect "submit while another writes: exit 3" 3 "the database is busy (another chorus is writing); try again"
run env CHORUS_BUSY_MS=200 "$CHORUS" --db "$DB" shares log 1
expect "shares log while another writes: exit 3" 3 "busy"
run env CHORUS_BUSY_MS=200 "$CHORUS" --db "$DB" content list
expect "reading while another writes (WAL): fine" 0 "" "First story"
echo "ROLLBACK;" >&3
exec 3>&-
wait $LOCKER
unchanged "busy: the database is unchanged" "$DB"
equals "busy: the locker's row was never committed" "$(sql "$DB" "select count(*) from settings where key = 'held'")" 0
ch --db "$DB" submit --title "After the lock"
expect "after the lock: writes work again" 0

finish
