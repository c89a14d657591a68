# people_import.sh — chorus people import FILE.csv: a good file adds and
# updates people, creates teams and focus groups, and leaves the events that
# people add and set leave; the same file again changes nothing (exact
# counts); a spreadsheet's BOM and CRLF; every kind of bad row reported with
# its line and field, exit 2 and the database untouched; masters only; the
# handles column (PLATFORM=ACCOUNT[:FOLLOWERS] separated by ";").
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db
count() { sql "$DB" "SELECT count(*) FROM $1"; }
person() { sql "$DB" "SELECT p.name, coalesce(p.email, '-'), coalesce(t.name, '-'), p.roles, p.active
		      FROM people p LEFT JOIN teams t ON t.id = p.team_id WHERE p.login = '$1'"; }
groups_of() { sql "$DB" "SELECT group_concat(g.name, ';') FROM (SELECT g.name FROM focus_group_members m
		      JOIN focus_groups g ON g.id = m.group_id JOIN people p ON p.id = m.person_id
		      WHERE p.login = '$1' ORDER BY g.name) g"; }
has_err() {
	if printf '%s\n' "$ERR" | grep -qxF -- "chorus: $2"; then ok "$1"
	else not_ok "$1" "no line: chorus: $2" "stderr: $ERR"; fi
}

ch --db "$DB" init --org "Import BV"
expect "init" 0
ch --db "$DB" people add anna --name "Anna" --team Sales --roles editor
expect "anna, an editor in Sales" 0
ch --db "$DB" people add ed --roles editor
expect "ed, an editor" 0

# A row the database refuses is reported the same way: here the only master
# would stop being one.  Their own row goes last, so kim's is tried first.
snap "$DB"
printf 'login,roles\n%s,editor\nkim,creator\n' "$ME" >"$T_DIR/last.csv"
ch --db "$DB" people import "$T_DIR/last.csv"
expect "refused by the database: exit 2" 2
has_err "refused by the database: line and message" \
	"$T_DIR/last.csv:2: row: $ME is the last social master; make someone else master first"
has_err "refused by the database: the summary" "$T_DIR/last.csv: 1 bad row of 2: nothing was imported"
unchanged "refused by the database: nothing imported, kim not added" "$DB"

# --- a good file -----------------------------------------------------------------
# Roles in a quoted cell with commas, or separated by ';'.  anna is known: her
# name and e-mail change, her empty team and roles cells keep what she has.
cat >"$T_DIR/good.csv" <<'CSV'
login,name,email,team,roles,focus_groups,active
anna,Anna de Vries,anna@example.org,,,Front-runners,
bob,Bob Bakker,bob@example.org,Support,creator;publisher,Front-runners; Tech talk ,yes
carl,"Carl, the elder",,Sales,"master,editor",,
dina.k,Dína Ørsted 李,,,,,no
ed,,,Research,,,
CSV
p0=$(count people) e0=$(count events)
ch --db "$DB" people import "$T_DIR/good.csv"
expect "a good file" 0 "" "good.csv: 5 rows: 3 added, 2 updated, 0 unchanged"
equals "anna updated: name and e-mail, team and roles kept" "$(person anna)" \
	"Anna de Vries|anna@example.org|Sales|10|1"
equals "bob added: team Support made, creator+publisher" "$(person bob)" "Bob Bakker|bob@example.org|Support|12|1"
equals "carl added: a quoted name with a comma, master+editor" "$(person carl)" "Carl, the elder|-|Sales|11|1"
equals "dina.k added inactive, UTF-8 kept, the login as nothing else" "$(person dina.k)" "Dína Ørsted 李|-|-|8|0"
equals "ed moved to a team that is new" "$(person ed)" "ed|-|Research|10|1"
equals "three people more" "$(count people)" $((p0 + 3))
equals "teams: Sales and Support, no second Sales" "$(sql "$DB" "SELECT group_concat(name, ',') FROM (SELECT name FROM teams ORDER BY name)")" \
	"Research,Sales,Support"
equals "focus groups made as named" "$(sql "$DB" "SELECT group_concat(name, ',') FROM (SELECT name FROM focus_groups ORDER BY name)")" \
	"Front-runners,Tech talk"
equals "anna joined Front-runners" "$(groups_of anna)" "Front-runners"
equals "bob joined both, blanks around the name cut" "$(groups_of bob)" "Front-runners;Tech talk"
# The trail people add and set leave: anna's and ed's sets, three adds,
# dina.k's set (inactive), bob's and ed's teams, two focus groups, three joins.
equals "events: as if typed one by one" "$(sql "$DB" "SELECT entity || ':' || action || ':' || count(*) FROM events WHERE id > (SELECT max(id) - $(( $(count events) - e0 )) FROM events) GROUP BY entity, action ORDER BY entity, action" | tr '\n' ' ')" \
	"focus_group:add:2 focus_group:join:3 person:add:3 person:set:3 team:add:2 "
equals "the master is the actor of every one" "$(sql "$DB" "SELECT DISTINCT a.login FROM events e JOIN people a ON a.id = e.actor_id WHERE e.id > $e0")" "$ME"

# --- the same file again: nothing changes ------------------------------------------
counts() {
	for t in people teams focus_groups focus_group_members events; do printf '%s=%s ' "$t" "$(count $t)"; done
}
before=$(counts)
snap "$DB"
ch --db "$DB" people import "$T_DIR/good.csv"
expect "the same file again" 0 "" "good.csv: 5 rows: 0 added, 0 updated, 5 unchanged"
equals "the same file again: the same counts" "$(counts)" "$before"
equals "the same file again: exact counts" "$before" \
	"people=6 teams=3 focus_groups=2 focus_group_members=3 events=16 "
unchanged "the same file again: no row changed" "$DB"

# --- a spreadsheet's export: BOM, CRLF, quoted cells, columns in another order -------
printf '\357\273\277Login,Roles,Name\r\n"eva","editor;creator","Eva Smit"\r\nbob,"creator",Bob Bakker\r\n' >"$T_DIR/bom.csv"
ch --db "$DB" people import "$T_DIR/bom.csv"
expect "BOM and CRLF" 0 "" "bom.csv: 2 rows: 1 added, 0 updated, 1 unchanged"
equals "BOM and CRLF: eva added, no CR in her name" "$(person eva)" "Eva Smit|-|-|14|1"
ch --db "$DB" people import "$T_DIR/bom.csv"
expect "BOM and CRLF again: nothing new" 0 "" "bom.csv: 2 rows: 0 added, 0 updated, 2 unchanged"

# --- bad rows: each reported, exit 2, nothing imported --------------------------------
# Line 4 holds a quoted field over two lines, so line 6 is the next record.
cat >"$T_DIR/bad.csv" <<'CSV'
login,name,email,team,roles,focus_groups,active
,No Login,,,,,
-x,Bad Login,,,,,
frits,"Frits
on two lines",frits-at-example.org,,,,
gina,Gina,,,boss,,
hank,Hank,,,,,maybe
ed,Ed,,,,,
ed,Ed again,,,,,
ivo,Ivo
jan,Jan,,Sales,,,
CSV
snap "$DB"
ch --db "$DB" people import "$T_DIR/bad.csv"
expect "bad rows: exit 2" 2
f="$T_DIR/bad.csv"
has_err "an empty login" "$f:2: login: empty; each row names a person"
has_err "an invalid login" "$f:3: login: \"-x\" is not valid: use 1-63 letters, digits, '.', '_' or '-'"
has_err "a name over two lines" "$f:4: name: the name contains a control character (byte 6)"
has_err "not an e-mail address" "$f:4: email: \"frits-at-example.org\" is not an e-mail address"
has_err "an unknown role, on the line after a two-line record" \
	"$f:6: roles: \"boss\": use master, editor, creator and publisher, separated by ';'"
has_err "active is yes or no" "$f:7: active: \"maybe\": use yes or no"
has_err "one login twice" "$f:9: login: ed is on line 8 already"
has_err "too few fields" "$f:10: 2 fields, but the header has 7"
has_err "the summary" "$f: 7 bad rows of 9: nothing was imported"
[ "$(printf '%s\n' "$ERR" | grep -c ':11:')" = 0 ] && ok "a good row is not reported" \
	|| not_ok "a good row is not reported" "$ERR"
unchanged "bad rows: the database is unchanged" "$DB"

# --- whole-file problems ----------------------------------------------------------------
snap "$DB"
printf 'login,nickname\nzed,Z\n' >"$T_DIR/h.csv"
ch --db "$DB" people import "$T_DIR/h.csv"
expect "an unknown column" 2 \
	"h.csv:1: unknown column \"nickname\"; the columns are login, name, email, team, roles, focus_groups, active"
printf 'name,team\nZed,Sales\n' >"$T_DIR/h.csv"
ch --db "$DB" people import "$T_DIR/h.csv"
expect "no login column" 2 "h.csv:1: no login column: each row names a person by their login"
printf 'login,login\nzed,zed\n' >"$T_DIR/h.csv"
ch --db "$DB" people import "$T_DIR/h.csv"
expect "a column twice" 2 "h.csv:1: column login appears twice"
printf 'login,name\nzed,"Zed\n' >"$T_DIR/h.csv"
ch --db "$DB" people import "$T_DIR/h.csv"
expect "an unclosed quote" 2 "h.csv:2: not valid CSV: a quoted field is not closed"
printf 'login,name\nzed,Z\nyan,Caf\351\n' >"$T_DIR/h.csv"
ch --db "$DB" people import "$T_DIR/h.csv"
expect "Latin-1, not UTF-8" 2 "h.csv:3: not valid UTF-8 (byte 0xE9); save the file as CSV UTF-8"
printf 'login,name\nzed,Z\000\n' >"$T_DIR/h.csv"
ch --db "$DB" people import "$T_DIR/h.csv"
expect "a NUL byte" 2 "h.csv:2: a NUL byte: this is not a text file"
: >"$T_DIR/h.csv"
ch --db "$DB" people import "$T_DIR/h.csv"
expect "an empty file" 2 "h.csv: empty; its first line names the columns"
ch --db "$DB" people import "$T_DIR/none.csv"
expect "a missing file" 2 "none.csv: No such file or directory"
ch --db "$DB" people import
expect "no file" 2 "people import takes one FILE.csv"
unchanged "whole-file problems: the database is unchanged" "$DB"

# --- masters only -------------------------------------------------------------------------
ch --db "$DB" --as anna people import "$T_DIR/good.csv"
expect "an editor may not import" 1 "importing people needs the master role"
unchanged "nothing imported by a non-master" "$DB"
ch --db "$DB" --as anna people import "$T_DIR/bad.csv"
expect "a non-master hears about the role, not the rows" 1 "importing people needs the master role"
[ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] && ok "a non-master: one line" || not_ok "a non-master: one line" "$ERR"

# From standard input.
printf 'login,team\nlou,Support\n' | "$CHORUS" --db "$DB" people import - >"$T_DIR/out" 2>"$T_DIR/err"
RC=$? OUT=$(cat "$T_DIR/out") ERR=$(cat "$T_DIR/err")
expect "from standard input" 0 "" "standard input: 1 row: 1 added, 0 updated, 0 unchanged"

# A master who makes themself an editor (carl is master too): their own row
# goes last, so the rows after it are still theirs to import.
printf 'login,roles\n%s,editor\nkim,creator\n' "$ME" >"$T_DIR/self.csv"
ch --db "$DB" people import "$T_DIR/self.csv"
expect "a master's own demotion applies last" 0 "" "self.csv: 2 rows: 1 added, 1 updated, 0 unchanged"
equals "kim added, the importer an editor now" "$(person kim)|$(sql "$DB" "SELECT roles FROM people WHERE login = '$ME'")" \
	"kim|-|-|12|1|10"
# --- the handles column (issue 13) ----------------------------------------------------------
# PLATFORM=ACCOUNT[:FOLLOWERS] separated by ';': added or changed, never
# removed.  The importer, an editor since the file above, is a master again.
sql "$DB" "INSERT INTO platforms(key, name) VALUES('linkedin', 'LinkedIn'), ('x', 'X');
	UPDATE people SET roles = 15 WHERE login = '$ME'"
handles_of() { sql "$DB" "SELECT group_concat(k, ';') FROM (SELECT pl.key || '=' || pp.handle || ':' || pp.followers AS k
		      FROM person_platforms pp JOIN platforms pl ON pl.id = pp.platform_id JOIN people p ON p.id = pp.person_id
		      WHERE p.login = '$1' ORDER BY pl.key)"; }
printf 'login,handles\nanouk,linkedin=anouk:1200;x=@anouk\nbob,x=@bob:7\n' >"$T_DIR/handles.csv"
ch --db "$DB" people import "$T_DIR/handles.csv"
expect "a handles column" 0 "" "handles.csv: 2 rows: 1 added, 1 updated, 0 unchanged"
equals "anouk: both handles, followers where given" "$(handles_of anouk)" "linkedin=anouk:1200;x=@anouk:0"
equals "bob: his handle" "$(handles_of bob)" "x=@bob:7"
e0=$(count events)
ch --db "$DB" people import "$T_DIR/handles.csv"
expect "the same handles again" 0 "" "handles.csv: 2 rows: 0 added, 0 updated, 2 unchanged"
equals "write no event" "$(count events)" "$e0"
printf 'login,handles\nanouk,linkedin=anouk-v\n' >"$T_DIR/handles2.csv"
ch --db "$DB" people import "$T_DIR/handles2.csv"
expect "a changed account" 0 "" "1 updated"
equals "keeps the followers without a count, and the other handle" "$(handles_of anouk)" "linkedin=anouk-v:1200;x=@anouk:0"
snap "$DB"
printf 'login,handles\nanouk,linkedin\nbob,x=\ncarl,mastodon=c\n' >"$T_DIR/badh.csv"
ch --db "$DB" people import "$T_DIR/badh.csv"
expect "bad handles: exit 2" 2
has_err "no '=': file, line and field" "$T_DIR/badh.csv:2: handles: linkedin: use PLATFORM=ACCOUNT or PLATFORM=ACCOUNT:FOLLOWERS (linkedin=anouk:1200)"
has_err "an empty account: file, line and field" "$T_DIR/badh.csv:3: handles: x=: the account is empty"
unchanged "bad handles: nothing imported" "$DB"
printf 'login,focus_groups\nanouk,"Tech, talk"\n' >"$T_DIR/comma.csv"
ch --db "$DB" people import "$T_DIR/comma.csv"
has_err "a comma in a group's name: file, line and field" "$T_DIR/comma.csv:2: focus_groups: \"Tech, talk\": a focus group's name cannot hold a comma (separate the groups with ';')"
printf 'login,handles\ncarl,mastodon=c\n' >"$T_DIR/badp.csv"
ch --db "$DB" people import "$T_DIR/badp.csv"
has_err "an unknown platform: file, line and field" "$T_DIR/badp.csv:2: row: handles: mastodon=c: no such platform mastodon (the strategy lists them)"
finish
