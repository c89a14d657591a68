# identity.sh — who is acting: the operating-system login (id -un), refused
# when unknown or inactive (with how to be added), enrolled as a publisher when
# open_enrolment is set; --as LOGIN for masters only, recorded in the events
# as actor and on-behalf-of.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db

# refused NAME STATUS TEXT ARGS...: chorus --db $DB ARGS fails with STATUS,
# says TEXT on stderr, prints nothing on stdout, and leaves $DB alone.
refused() {
	local name=$1 status=$2 text=$3
	shift 3
	snap "$DB"
	ch --db "$DB" "$@"
	expect "$name" "$status" "$text"
	if [ -n "$OUT" ]; then not_ok "$name: nothing on stdout" "stdout: $OUT"; else ok "$name: nothing on stdout"; fi
	unchanged "$name: database unchanged" "$DB"
}

# --- an unknown login -----------------------------------------------------------
ch --db "$DB" init --org "Not You" --master someone.else
expect "init with another master" 0
for cmd in "people list" "content list" "submit --title Hello" "people add x --name X" "check /dev/null"; do
	# shellcheck disable=SC2086
	refused "unknown login $ME: $cmd" 1 "$ME is not a member of this chorus programme" $cmd
done
ch --db "$DB" people list
expect "the refusal says how to be added" 1 "chorus people add $ME"
refused "unknown login with --as of the master is refused too" 1 "is not a member" --as someone.else people list

# --- open enrolment -------------------------------------------------------------
sql "$DB" "insert into settings(key, value) values('open_enrolment', 'true')"
ch --db "$DB" people list
expect "open_enrolment: an unknown caller is let in" 0 "" "$ME"
equals "open_enrolment: enrolled as a publisher only" "$(sql "$DB" "select roles, active from people where login = '$ME'")" "8|1"
equals "open_enrolment: the enrolment is in the events, by the person" \
	"$(sql "$DB" "select actor_id = entity_id, entity, action from events where entity = 'person' order by id desc limit 1")" \
	"1|person|enrol"
ch --db "$DB" people list
expect "open_enrolment: a second run does not enrol twice" 0
equals "open_enrolment: one row for the caller" "$(sql "$DB" "select count(*) from people where login = '$ME'")" 1
refused "an enrolled publisher cannot add people" 1 "adding people needs the master role" people add y --name Y
refused "an enrolled publisher cannot submit" 1 "needs the creator role" submit --title "Mine"
refused "an enrolled publisher cannot act --as" 1 "only a social master may act on behalf of someone" --as someone.else people list

# open_enrolment set to anything but true enrols no one.
rm -f "$DB"
ch --db "$DB" init --org "Closed" --master someone.else
sql "$DB" "insert into settings(key, value) values('open_enrolment', 'yes please')"
refused "open_enrolment not 'true': still refused" 1 "is not a member" people list

# --- inactive people --------------------------------------------------------------
rm -f "$DB"
ch --db "$DB" init --org "Mine"
expect "init as myself" 0
sql "$DB" "insert into people(login, name, roles, created_at, updated_at) values('boss', 'The Boss', 15, 0, 0), ('pub', 'Pub Lisher', 8, 0, 0), ('gone', 'Gone', 8, 0, 0)"
ch --db "$DB" people set gone --active no
expect "a master deactivates someone" 0
refused "--as an inactive person" 1 "that person is no longer active" --as gone people list
refused "--as an unknown person" 1 "--as ghost: no such person; add them with chorus people add ghost" --as ghost people list
ch --db "$DB" --as "$ME" people list
expect "--as yourself is fine" 0 "" "boss"

# --- --as by a master: both recorded --------------------------------------------------
ch --db "$DB" --as boss people add newbie --name "New Bie"
expect "a master adds someone --as another master" 0 "" "added newbie"
equals "the event names the actor (me) and on-behalf-of (boss)" \
	"$(sql "$DB" "select actor_id, on_behalf_id, action from events order by id desc limit 1")" \
	"$(id_of "$ME")|$(id_of boss)|add"
ch --db "$DB" people add other --name Other
expect "without --as" 0
equals "without --as: no on-behalf-of" \
	"$(sql "$DB" "select actor_id, coalesce(on_behalf_id, 'none') from events order by id desc limit 1")" \
	"$(id_of "$ME")|none"
ch --db "$DB" --as=pub people list
expect "--as=LOGIN works too" 0 "" "newbie"
ch --db "$DB" --as
expect "--as without a value" 2 "--as needs a value"
ch --db "$DB" --as= people list
expect "--as= (empty) is refused" 2 "needs a value"

# A master acting as a publisher has only the publisher's rights.
refused "a master --as a publisher cannot add people" 1 "adding people needs the master role; pub has publisher" \
	--as pub people add z --name Z

# --- --as from someone who is no longer a master ----------------------------------------
# Acting as boss (a master), I make myself a publisher: allowed, I was master then.
ch --db "$DB" --as boss people set "$ME" --roles publisher
expect "as boss, demote myself to publisher" 0 "" "changed $ME"
equals "that event: actor me, on behalf of boss" \
	"$(sql "$DB" "select actor_id, on_behalf_id, json_extract(detail, '$.roles') from events order by id desc limit 1")" \
	"$(id_of "$ME")|$(id_of boss)|publisher"
equals "I am a publisher now" "$(sql "$DB" "select roles from people where login = '$ME'")" 8
refused "a publisher's --as is refused" 1 "--as boss: only a social master may act on behalf of someone; $ME is not one" \
	--as boss people list
refused "a publisher's --as a publisher is refused" 1 "only a social master may act on behalf" --as pub people list
refused "a publisher's --as someone unknown is refused" 1 "only a social master may act on behalf" --as ghost people list
refused "a publisher cannot change people" 1 "changing people needs the master role" people set pub --name P
ch --db "$DB" people list
expect "a publisher may still read" 0 "" "boss"

finish
