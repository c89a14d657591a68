# strategy.sh — chorus strategy export and import (chorus-strategy(5)):
# byte-identical round trips, every kind of bad file refused with its
# FILE:LINE:COLUMN and the database left as it was, masters only, nothing in
# use ever removed, --dry-run writing nothing, the audit event of an import.
. tests/lib/tap.sh

DB="$T_DIR/s.db"
F="$T_DIR/files"
mkdir -p "$F"
FIX=tests/fixtures/strategy

ch --db "$DB" init --org "Test BV"
expect "init a database to import into" 0

# same NAME A B: the two files have the same bytes.
same() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$(diff "$2" "$3" | head -10)"; fi
}

# roundtrip LABEL DB SOURCE: import SOURCE, export, import the export (which
# must change nothing), export again: the two exports are the same bytes; and
# the export imported into a fresh database exports the same bytes too.
roundtrip() {
	label=$1 db=$2 src=$3
	ch --db "$db" strategy import "$src"
	expect "$label: imports as it is" 0 "" "imported"
	ch --db "$db" strategy export "$F/$label.1.yaml"
	expect "$label: exports to a file" 0
	ch --db "$db" strategy import "$F/$label.1.yaml"
	expect "$label: importing its own export changes nothing" 0 "" "nothing changed"
	ch --db "$db" strategy export "$F/$label.2.yaml"
	same "$label: export, import, export is byte-identical" "$F/$label.1.yaml" "$F/$label.2.yaml"
	rm -f "$T_DIR/fresh.db"*
	ch --db "$T_DIR/fresh.db" init --org "Somebody Else"
	ch --db "$T_DIR/fresh.db" strategy import "$F/$label.1.yaml"
	expect "$label: its export imports into a fresh database" 0
	ch --db "$T_DIR/fresh.db" strategy export "$F/$label.3.yaml"
	same "$label: ... and exports there byte-identically" "$F/$label.1.yaml" "$F/$label.3.yaml"
}

roundtrip nl "$DB" examples/strategy-nl.yaml
roundtrip en "$DB" examples/strategy-en.yaml

ch --db "$DB" strategy export
printf '%s\n' "$OUT" >"$F/stdout.yaml"
same "export without FILE writes the same to standard output" "$F/en.1.yaml" "$F/stdout.yaml"
ls "$F" | grep -q 'XXXXXX\|\.yaml\.' && not_ok "export leaves no temporary files" "$(ls "$F")" \
	|| ok "export leaves no temporary files"
ch --db "$DB" strategy export "$T_DIR/no/such/dir/x.yaml"
expect "export into a missing directory fails with 2" 2 "cannot write"
# A target that is not a regular file is never replaced by one.
mkfifo "$T_DIR/fifo"
ch --db "$DB" strategy export "$T_DIR/fifo"
expect "export to a FIFO is refused" 2 "is not a regular file (a device, FIFO or socket)"
check "the FIFO is still a FIFO" test -p "$T_DIR/fifo"
mkdir "$T_DIR/adir"
ch --db "$DB" strategy export "$T_DIR/adir"
expect "export to a directory is refused" 2 "is a directory"
if [ "$(id -u)" = 0 ]; then
	# The issue's case: as root, a rename over /dev/null would have made it a file.
	mknod "$T_DIR/null" c 1 3
	ch --db "$DB" strategy export "$T_DIR/null"
	expect "export to a character device is refused" 2 "not a regular file"
	check "the device is still a device" test -c "$T_DIR/null"
fi
printf 'old\n' >"$T_DIR/target.yaml"
ln -s target.yaml "$T_DIR/link.yaml"
ch --db "$DB" strategy export "$T_DIR/link.yaml"
expect "export through a symbolic link" 0
check "the link is still a link" test -L "$T_DIR/link.yaml"
same "the file it points to got the export" "$F/en.1.yaml" "$T_DIR/target.yaml"

# The example in the manual page is complete and importable.
sed -n '/^\.SH EXAMPLE/,/^\.EE/p' man/chorus-strategy.5 | sed '1,/^\.EX/d;/^\.EE/d' |
	sed 's/\\-/-/g; s/\\e/\\/g' >"$F/manual.yaml"
rm -f "$T_DIR/man.db"*
ch --db "$T_DIR/man.db" init --org X
ch --db "$T_DIR/man.db" strategy import "$F/manual.yaml"
expect "the example of chorus-strategy(5) imports" 0 "" "imported"

# --- bad files: exit 2, the place, and nothing changed ----------------------------

# refused NAME FILE STATUS TEXT: importing FILE exits STATUS, stderr has TEXT,
# and the database is exactly what it was.
refused() {
	before=$(db_digest "$DB")
	ch --db "$DB" strategy import "$2"
	expect "$1: exit $3 with: $4" "$3" "$4"
	if [ "$(db_digest "$DB")" = "$before" ]; then ok "$1: the database is unchanged"
	else not_ok "$1: the database is unchanged"; fi
}

refused "a YAML syntax error" "$FIX/syntax.yaml" 2 \
	"syntax.yaml:5:4: did not find expected '-' indicator"
refused "a number that is text" "$FIX/wrong-type.yaml" 2 \
	'wrong-type.yaml:13:15: goals[1].kpi.target: expected a number, got "lots"'
refused "an unknown key" "$FIX/unknown-key.yaml" 2 \
	"unknown-key.yaml:6:5: pillars[0].colour_name: unknown key (expected name, colour or description)"
refused "a duplicate key" "$FIX/duplicate-key.yaml" 2 \
	'duplicate-key.yaml:7:5: pillars[0].name: duplicate key "name" (the first is at line 5, column 5)'
refused "a missing required field" "$FIX/missing.yaml" 2 \
	"missing.yaml:8:5: platforms[0].name: missing: every platform needs a name"
refused "a missing list" "$FIX/missing.yaml" 2 \
	'missing.yaml:1:1: message_types: missing (write "message_types: []" when there are none)'
refused "an invalid regex" "$FIX/bad-regex.yaml" 2 \
	"bad-regex.yaml:11:14: policy[0].pattern: invalid pattern at offset 18: missing closing parenthesis"
refused "a goal naming an undefined audience" "$FIX/dangling.yaml" 2 \
	'dangling.yaml:5:30: goals[0].audiences[1]: no audience named "Students" is defined under audiences'
refused "an audience naming an undefined platform" "$FIX/dangling.yaml" 2 \
	'dangling.yaml:9:29: audiences[0].platforms[1]: no platform with the key "tiktok" is defined under platforms'
refused "two pillars with one name" "$FIX/duplicate-name.yaml" 2 \
	'duplicate-name.yaml:8:11: pillars[2].name: a second pillar "people" (the first is pillars[0], line 6)'
refused "an alias" "$FIX/alias.yaml" 2 \
	"alias.yaml:6:18: pillars[0].description: aliases (*name) are not supported"

# The schema's rules (strategy_schema.h): the same words as the core and the form.
printf 'organisation: X\ngoals: []\naudiences: []\npillars:\n  - name: Craft\n    colour: banana\nplatforms: []\nmessage_types: []\npolicy: []\n' >"$F/banana.yaml"
refused "a colour outside the vocabulary" "$F/banana.yaml" 2 \
	'banana.yaml:6:13: pillars[0].colour: unknown colour "banana" (black, red, green, yellow, blue, magenta, cyan, white, bright-NAME, orange, purple, pink, teal, grey, brown, navy, olive, lime, default, 0-255 or "#rrggbb")'
printf 'organisation: X\ngoals: []\naudiences: []\npillars: []\nplatforms:\n  - key: x\n    name: X\n    share_url: "www.x.example/share?u={url}"\nmessage_types: []\npolicy: []\n' >"$F/url.yaml"
refused "a share URL without http(s)://" "$F/url.yaml" 2 \
	'url.yaml:8:16: platforms[0].share_url: must start with https:// or http://'
printf 'organisation: X\ngoals: []\naudiences: []\npillars: []\nplatforms: []\nmessage_types:\n  - name: News\n  - name: NEWS\npolicy: []\n' >"$F/news.yaml"
refused "two message types whose names differ only in case" "$F/news.yaml" 2 \
	'news.yaml:8:11: message_types[1].name: a second message type "NEWS" (the first is message_types[0], line 7)'

# (octal: the sh of some systems has no \x in printf)
printf 'organisation: "Caf\377"\ngoals: []\n' >"$F/utf8.yaml"
refused "invalid UTF-8 in a value" "$F/utf8.yaml" 2 "utf8.yaml:1:19: invalid leading UTF-8 octet (#xFF)"
printf '\377' >"$F/ff.yaml"
refused "a file of one 0xFF byte" "$F/ff.yaml" 2 "ff.yaml:1:1: invalid leading UTF-8 octet (#xFF)"
: >"$F/empty.yaml"
refused "an empty file" "$F/empty.yaml" 2 "empty.yaml:1:1: empty: no strategy document"
printf '# nothing but a comment\n\n' >"$F/comment.yaml"
refused "a file of comments only" "$F/comment.yaml" 2 "comment.yaml:3:1: empty: no strategy document"
head -c 10485760 /dev/zero | tr '\0' 'a' >"$F/big.yaml"
refused "a 10 MB file" "$F/big.yaml" 2 "big.yaml: too large: 10485760 bytes"
refused "a missing file" "$F/nonexistent.yaml" 2 "nonexistent.yaml: No such file"

ch --db "$DB" strategy import "$FIX/many-problems.yaml"
n=$(printf '%s\n' "$ERR" | grep -c '^tests/fixtures/strategy/many-problems.yaml:[0-9]*:[0-9]*: ')
[ "$RC" = 2 ] && [ "$n" = 6 ] && ok "every problem of a file is reported, each with its place" \
	|| not_ok "every problem of a file is reported, each with its place" "rc $RC, $n lines" "$ERR"
lines=$(printf '%s\n' "$ERR" | sed -n 's/^[^:]*:\([0-9]*\):.*/\1/p' | tr '\n' ' ')
[ "$lines" = "3 6 9 14 18 19 " ] && ok "problems come in the order of the file" \
	|| not_ok "problems come in the order of the file" "lines: $lines"

# --- who may import, and what may not be removed ------------------------------------

ch --db "$DB" people add bob --name "Bob Publisher"
expect "add a publisher" 0
ch --db "$DB" --as bob strategy export
expect "a publisher may export" 0 "" '  name: "Harbourlight Engineering"'
before=$(db_digest "$DB")
ch --db "$DB" --as bob strategy import examples/strategy-nl.yaml
expect "an import as --as publisher is refused with 1" 1 "needs the master role"
[ "$(db_digest "$DB")" = "$before" ] && ok "... and changes nothing" || not_ok "... and changes nothing"

ch --db "$DB" submit --title "The quay wall" --body "We work on the new quay." --pillar "Climate & water"
expect "submit content in the pillar Climate & water" 0
grep -v 'Climate & water\|Designing for more rain\|#2a9d8f' examples/strategy-en.yaml >"$F/no-climate.yaml"
refused "an import leaving out a pillar in use" "$F/no-climate.yaml" 1 \
	'leaves out pillar "Climate & water" (used by 1 content item)'
before=$(db_digest "$DB")
ch --db "$DB" strategy import --dry-run "$F/no-climate.yaml"
expect "a dry run meets the same refusal" 1 'pillar "Climate & water"'
[ "$(db_digest "$DB")" = "$before" ] && ok "... and changes nothing" || not_ok "... and changes nothing"

# --- dry run, changes, order, the audit event -----------------------------------

before=$(db_digest "$DB")
ch --db "$DB" strategy import --dry-run "$FIX/changes.yaml"
expect "a dry run reports what would change" 0 "" 'would add pillar "Open source"'
printf '%s\n' "$OUT" | grep -q 'would change platform "linkedin"' &&
	printf '%s\n' "$OUT" | grep -q 'would remove message type "Opinion"' &&
	printf '%s\n' "$OUT" | grep -q 'would reorder the pillars' &&
	printf '%s\n' "$OUT" | grep -q '^pillars: 1 added, 1 changed, 0 removed$' &&
	printf '%s\n' "$OUT" | grep -q 'nothing was written' &&
	ok "... added, changed, removed and reordered, per kind" || not_ok "... per kind" "$OUT"
[ "$(db_digest "$DB")" = "$before" ] && ok "a dry run changes nothing" || not_ok "a dry run changes nothing"

events=$(sql "$DB" "SELECT count(*) FROM events WHERE entity = 'strategy' AND action = 'import'")
ch --db "$DB" strategy import "$FIX/changes.yaml"
expect "import the changes" 0 "" "imported"
n=$(sql "$DB" "SELECT count(*) FROM events WHERE entity = 'strategy' AND action = 'import'")
[ "$n" = $((events + 1)) ] && ok "the import is one audit event" || not_ok "the import is one audit event" "$events -> $n"
detail=$(sql "$DB" "SELECT json_extract(detail, '$.pillars.added') || ',' || json_extract(detail, '$.pillars.changed')
	|| ',' || json_extract(detail, '$.message_types.removed') || ',' || json_extract(detail, '$.source')
	FROM events WHERE entity = 'strategy' ORDER BY id DESC LIMIT 1")
[ "$detail" = "1,1,1,$FIX/changes.yaml" ] && ok "... whose detail counts the changes" \
	|| not_ok "... whose detail counts the changes" "$detail"
v=$(sql "$DB" "SELECT version FROM goals WHERE title = 'Recruit engineers through our own people'")
ch --db "$DB" strategy import "$FIX/changes.yaml"
expect "import the same file again" 0 "" "nothing changed"
[ "$(sql "$DB" "SELECT version FROM goals WHERE title = 'Recruit engineers through our own people'")" = "$v" ] &&
	ok "an unchanged entity is not written" || not_ok "an unchanged entity is not written"
sql "$DB" "SELECT name FROM pillars ORDER BY position" | tr '\n' '|' >"$F/order"
[ "$(cat "$F/order")" = "Open source|Our people|Climate & water|Engineering craft|Projects in the field|Learning & mentoring|" ] &&
	ok "the order of the file is the display order" || not_ok "the order of the file is the display order" "$(cat "$F/order")"
ch --db "$DB" strategy export "$F/changes.out"
grep -v '^#' "$FIX/changes.yaml" | grep -v '^$' >"$F/changes.want"
grep -v '^#' "$F/changes.out" | grep -v '^$' >"$F/changes.got"
same "the export is the imported file, comments aside" "$F/changes.want" "$F/changes.got"
[ "$(sql "$DB" "SELECT value FROM settings WHERE key = 'quiet_weeks'")" = 6 ] &&
	[ "$(sql "$DB" "SELECT value FROM settings WHERE key = 'adoption_target'")" = 0.15 ] &&
	[ "$(sql "$DB" "SELECT value FROM meta WHERE key = 'organisation'")" = "Harbourlight Engineering B.V." ] &&
	ok "options and the organisation's name are stored" || not_ok "options and the organisation's name are stored"

"$CHORUS" --db "$DB" strategy import - <examples/strategy-en.yaml >"$T_DIR/out" 2>"$T_DIR/err"
RC=$?
ERR=$(cat "$T_DIR/err")
OUT=$(cat "$T_DIR/out")
expect "import - reads standard input" 0 "" "imported <stdin>"
printf 'organisation: [x]\n' | "$CHORUS" --db "$DB" strategy import - >"$T_DIR/out" 2>"$T_DIR/err"
RC=$?
ERR=$(cat "$T_DIR/err")
expect "problems in standard input are placed too" 2 "<stdin>:1:15: organisation: expected text, got a list"

ch --db "$DB" strategy import
expect "import without FILE is a usage error" 2 "import which FILE?"
ch --db "$DB" strategy frobnicate
expect "an unknown subcommand is a usage error" 2 "unknown subcommand"

# --- the demo's strategy ------------------------------------------------------------

ch --db "$T_DIR/demo.db" demo --no-tui
if [ "$RC" = 0 ]; then
	ch --db "$T_DIR/demo.db" strategy export "$F/demo.1.yaml"
	expect "the demo's strategy exports" 0
	ch --db "$T_DIR/demo.db" strategy import "$F/demo.1.yaml"
	expect "the demo's strategy imports into the demo unchanged" 0 "" "nothing changed"
	ch --db "$T_DIR/demo.db" strategy export "$F/demo.2.yaml"
	same "the demo's strategy: export, import, export is byte-identical" "$F/demo.1.yaml" "$F/demo.2.yaml"
	rm -f "$T_DIR/fresh.db"*
	ch --db "$T_DIR/fresh.db" init --org X
	ch --db "$T_DIR/fresh.db" strategy import "$F/demo.1.yaml"
	expect "the demo's strategy imports into a fresh database" 0
	ch --db "$T_DIR/fresh.db" strategy export "$F/demo.3.yaml"
	same "... and exports there byte-identically" "$F/demo.1.yaml" "$F/demo.3.yaml"
else
	ok "# SKIP the demo builder is not available: $ERR"
fi

finish
