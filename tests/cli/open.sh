# open.sh — opening files that are not (or no longer) usable chorus databases:
# a text file, another application's SQLite file, a truncated database, an
# empty file, a missing file, a directory; how the path is chosen (--db,
# $CHORUS_DB, the config file); and a database from a newer chorus, which
# opens read-only.  Every refusal: exit status, message, file unchanged.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db

same_file() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$2 changed: $(cmp "$2" "$3" 2>&1)"; fi
}
absent() {
	if [ -e "$2" ]; then not_ok "$1" "$2 exists: $(ls -la "$2" 2>&1)"; else ok "$1"; fi
}

# bad_file NAME FILE TEXT: every kind of command refuses FILE with exit 4 and
# TEXT, and leaves its bytes alone.
bad_file() {
	local name=$1 file=$2 text=$3
	cp "$file" "$T_DIR/bad.copy"
	ch --db "$file" people list
	expect "$name: people list refuses it" 4 "$text"
	ch --db "$file" submit --title "Into a bad file"
	expect "$name: submit refuses it" 4 "$text"
	ch --db "$file" doctor
	expect "$name: doctor refuses it" 4 "$text"
	same_file "$name: the file is unchanged" "$file" "$T_DIR/bad.copy"
	rm -f "$T_DIR/bad.copy"
}

# --- not a database at all -------------------------------------------------
printf 'Dear diary,\nthis is not a database, and it is long enough to fill a header: 0123456789 0123456789 0123456789 0123456789.\n' \
	>"$T_DIR/text.db"
bad_file "a text file" "$T_DIR/text.db" "is not a chorus database (not an SQLite file)"

: >"$T_DIR/empty.db"
bad_file "an empty file" "$T_DIR/empty.db" "is not a chorus database"

head -c 50 /dev/urandom >"$T_DIR/short.db"
bad_file "a 50-byte file" "$T_DIR/short.db" "is not a chorus database"

sqlite3 "$T_DIR/other.db" 'create table t(x); insert into t values (1), (2);'
bad_file "another application's SQLite file" "$T_DIR/other.db" "is an SQLite file but not a chorus database"

ch --db "$T_DIR/missing.db" people list
expect "a missing file: 4, says how to create one" 4 "no such database; create one with chorus init"
absent "a missing file is not created by opening it" "$T_DIR/missing.db"
ch --db "$T_DIR/missing.db" submit --title X
expect "a missing file: a write refuses too" 4 "chorus init"
absent "a missing file is not created by a write" "$T_DIR/missing.db"

mkdir "$T_DIR/adir.db"
ch --db "$T_DIR/adir.db" people list
expect "a directory: 4" 4 "is a directory, not a database"

# --- a truncated database -----------------------------------------------------
ch --db "$DB" init --org "Truncate Me"
expect "init a database to truncate" 0
big=$(printf '%01000d' 0)
for i in 1 2 3; do
	"$CHORUS" --db "$DB" submit --title "Item $i" --body "$(printf "$big%.0s" $(seq 20))" >/dev/null
done
equals "3 items of 20 kB went in" "$(sql "$DB" 'select count(*), sum(length(body)) from content')" "3|60000"
size=$(stat -c %s "$DB")
page=$(sql "$DB" 'PRAGMA page_size')
check "the database has many pages ($size bytes)" test "$size" -ge $((page * 20))
truncate -s $((size / 2 / page * page)) "$DB"
bad_file "a database truncated to half" "$DB" "is truncated"
ch --db "$DB" people list
expect "a truncated database: the message says what to do" 4 "restore it from a backup"

# Cut inside a page, and cut to just the header page.
ch --db "$T_DIR/t2.db" init --org T2
"$CHORUS" --db "$T_DIR/t2.db" submit --title "one" --body "$big$big" >/dev/null
truncate -s $(($(stat -c %s "$T_DIR/t2.db") - 100)) "$T_DIR/t2.db"
bad_file "a database cut 100 bytes short" "$T_DIR/t2.db" "is truncated"
truncate -s 4096 "$T_DIR/t2.db"
bad_file "a database cut to one page" "$T_DIR/t2.db" "truncated"

# A damaged page that keeps its size: SQLite's own check speaks (4, "damaged").
ch --db "$T_DIR/t3.db" init --org T3
"$CHORUS" --db "$T_DIR/t3.db" submit --title "x" --body "$big$big$big" >/dev/null
root=$(sql "$T_DIR/t3.db" "select rootpage from sqlite_master where name='content'")
pgsz=$(sql "$T_DIR/t3.db" 'PRAGMA page_size')
printf 'garbage garbage garbage garbage garbage garbage garbage garbage' |
	dd of="$T_DIR/t3.db" bs=1 seek=$(( (root - 1) * pgsz )) conv=notrunc 2>/dev/null
cp "$T_DIR/t3.db" "$T_DIR/t3.copy"
ch --db "$T_DIR/t3.db" content list
expect "a damaged page: reading it fails with 4" 4 "is damaged"
expect "a damaged page: the message says to run doctor" 4 "run chorus doctor"
ch --db "$T_DIR/t3.db" submit --title "Onto a damaged page"
expect "a damaged page: writing there fails with 4" 4 "is damaged"
ch --db "$T_DIR/t3.db" doctor
expect "a damaged page: doctor finds it (exit 1)" 1 "" "restore from a backup"
same_file "a damaged page: the file is unchanged" "$T_DIR/t3.db" "$T_DIR/t3.copy"

# --- options and the path rules ----------------------------------------------
ch --db
expect "--db without a value" 2 "--db needs a value"
ch --db= people list
expect "--db= (empty) is refused" 2 "needs a value"
ch --db "" people list
expect "--db '' (empty) is refused" 2 "needs a value"

ch --db "$T_DIR/a.db" init --org "Org A"
ch --db "$T_DIR/b.db" init --org "Org B"
"$CHORUS" --db "$T_DIR/a.db" people add only.in.a --name "Only A" >/dev/null
"$CHORUS" --db "$T_DIR/b.db" people add only.in.b --name "Only B" >/dev/null
run env CHORUS_DB="$T_DIR/a.db" "$CHORUS" people list
expect "\$CHORUS_DB is used without --db" 0 "" "only.in.a"
run env CHORUS_DB="$T_DIR/a.db" "$CHORUS" --db "$T_DIR/b.db" people list
expect "--db wins over \$CHORUS_DB" 0 "" "only.in.b"
run env CHORUS_DB="$T_DIR/a.db" "$CHORUS" --db="$T_DIR/b.db" people list
expect "--db=PATH works too" 0 "" "only.in.b"

mkdir -p "$XDG_CONFIG_HOME/chorus"
printf '# chorus settings\ntheme: dark\ndatabase: %s   # the shared one\n' "$T_DIR/b.db" >"$XDG_CONFIG_HOME/chorus/config.yaml"
ch people list
expect "the config file's database: is used without --db and \$CHORUS_DB" 0 "" "only.in.b"
run env CHORUS_DB="$T_DIR/a.db" "$CHORUS" people list
expect "\$CHORUS_DB wins over the config file" 0 "" "only.in.a"
printf 'database: "%s"\n' "$T_DIR/a.db" >"$XDG_CONFIG_HOME/chorus/config.yaml"
ch people list
expect "a quoted database: path in the config file" 0 "" "only.in.a"
printf 'database: %s\n' "$T_DIR/b.db" >"$T_DIR/other.yaml"
run env CHORUS_CONFIG="$T_DIR/other.yaml" "$CHORUS" people list
expect "\$CHORUS_CONFIG names the config file whose database: is used" 0 "" "only.in.b"
printf 'database: %s\n' "$T_DIR/nothere.db" >"$XDG_CONFIG_HOME/chorus/config.yaml"
ch people list
expect "the config file names a missing database: 4 naming it" 4 "$T_DIR/nothere.db: no such database"
rm "$XDG_CONFIG_HOME/chorus/config.yaml"
ch people list
expect "no --db, no \$CHORUS_DB, no config: the XDG default" 4 "$XDG_DATA_HOME/chorus/chorus.db: no such database"

# --- a database from a newer chorus -----------------------------------------
NEW=$T_DIR/newer.db
ch --db "$NEW" init --org Future
"$CHORUS" --db "$NEW" submit --title "Old news" --body "from before" >/dev/null
sql "$NEW" "PRAGMA user_version = 99; UPDATE meta SET value = '9.9.0' WHERE key = 'requires_chorus';"
snap "$NEW"
ch --db "$NEW" people list
expect "newer schema: reads work" 0 "" "$ME"
ch --db "$NEW" content list
expect "newer schema: content list works" 0 "" "Old news"
ch --db "$NEW" people add bob --name Bob
expect "newer schema: a write fails with 4" 4 "schema version 99"
expect "newer schema: the message names the chorus version needed" 4 "needs chorus 9.9.0 or later"
unchanged "newer schema: people add changed nothing" "$NEW"
ch --db "$NEW" submit --title "New"
expect "newer schema: submit fails with 4" 4 "needs chorus 9.9.0"
unchanged "newer schema: submit changed nothing" "$NEW"
ch --db "$NEW" content take 1
expect "newer schema: content take fails with 4" 4 "read-only"
unchanged "newer schema: content take changed nothing" "$NEW"
ch --db "$NEW" doctor
expect "newer schema: doctor says so (exit 1)" 1 "" "schema         99 (this chorus knows up to"
equals "newer schema: user_version is still 99 (never downgraded)" "$(sql "$NEW" 'PRAGMA user_version')" 99
unchanged "newer schema: nothing at all changed" "$NEW"

finish
