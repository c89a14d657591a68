#!/bin/sh
# audit_chain.sh — the event log from the sqlite3 shell, the tool anyone who
# can write the file has: INSERT OR REPLACE of an event is refused even
# without recursive_triggers; with the triggers dropped, a changed, removed
# or hand-written event is found by doctor's chain check, which names the
# first event that no longer follows and exits 5, as it does when an
# append-only trigger is missing or changed.
. tests/lib/tap.sh

DB=$T_DIR/chorus.db
pipeline_fixture "Audit BV"
"$CHORUS" --db "$DB" content take 1 >/dev/null
"$CHORUS" --db "$DB" content comment 2 "A comment" >/dev/null
N=$(sql "$DB" "select count(*) from events")

ch --db "$DB" doctor
expect "doctor: the guard is there" 0 "" "audit guard    append-only (update, delete and replace refused)"
expect "doctor: the chain is intact, every event read" 0 "" "audit chain    $N events chained, intact; head "
HEAD=$(printf '%s\n' "$OUT" | sed -n 's/.*head \([0-9a-f]*\)$/\1/p')
check "the head is a SHA-256 in hex" [ ${#HEAD} = 64 ]

# The attack, in the plain sqlite3 shell (recursive_triggers off).
snap "$DB"
run sqlite3 -batch "$DB" "INSERT OR REPLACE INTO events(id, at, entity, entity_id, action, detail)
	VALUES((SELECT min(id) FROM events), 1, 'content', 1, 'forged', '{}')"
expect "INSERT OR REPLACE of the first event is refused" 19 "events are append-only"
run sqlite3 -batch "$DB" "INSERT OR REPLACE INTO events(id, at, entity, entity_id, action)
	VALUES((SELECT max(id) FROM events), 1, 'content', 1, 'forged')"
expect "INSERT OR REPLACE of the last event is refused" 19 "events are append-only"
unchanged "the log is as it was" "$DB"

# With the triggers dropped, an event changed in place.
cp "$DB" "$T_DIR/orig.db"
VICTIM=$(sql "$DB" "select id from events order by id limit 1 offset 2")
sql "$DB" "DROP TRIGGER events_append_only_update; UPDATE events SET action = 'reject' WHERE id = $VICTIM;"
ch --db "$DB" doctor
expect "a changed event: exit 5" 5 "" "audit chain    broken at event $VICTIM of $N"
expect "the missing trigger is named" 5 "" "trigger(s) missing or changed: events_append_only_update"
expect "the integrity check alone still says ok" 5 "" "integrity      ok"

# The trigger put back as a no-op under its own name is not the guard.
cp "$T_DIR/orig.db" "$DB"
sql "$DB" "DROP TRIGGER events_append_only_insert;
	CREATE TRIGGER events_append_only_insert BEFORE INSERT ON events BEGIN SELECT 1; END;"
ch --db "$DB" doctor
expect "a trigger replaced by a no-op: exit 5" 5 "" "trigger(s) missing or changed: events_append_only_insert"
expect "the chain itself is still intact" 5 "" "events chained, intact"

# An event removed from the middle: the next one no longer follows.
cp "$T_DIR/orig.db" "$DB"
NEXT=$(sql "$DB" "select id from events order by id limit 1 offset 4")
sql "$DB" "DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE id = $((NEXT - 1));
	CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
ch --db "$DB" doctor
expect "a removed event: the guard is back, the chain says where" 5 "" "audit chain    broken at event $NEXT of $((N - 1))"

# An event written by hand after the last one, hashless or with a made-up hash.
cp "$T_DIR/orig.db" "$DB"
sql "$DB" "INSERT INTO events(at, entity, entity_id, action, hash) VALUES(1, 'content', 1, 'approve', randomblob(32))"
ch --db "$DB" doctor
expect "a hand-written event is found" 5 "" "audit chain    broken at event $((N + 1)) of $((N + 1))"
cp "$T_DIR/orig.db" "$DB"
ch --db "$DB" doctor
expect "the untouched copy is intact, with the same head" 0 "" "intact; head $HEAD"
finish
