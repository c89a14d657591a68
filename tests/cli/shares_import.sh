# shares_import.sh — chorus shares import: every bad row reported with its
# line and column and nothing imported; repeated imports make no duplicates;
# a UTF-8 BOM and CRLF line ends; known shares found by URL or by message,
# person, platform and day; masters only.
. tests/lib/tap.sh
. tests/fixtures/measure/dataset.sh
export CHORUS_NOW=2026-11-12T09:00
shares() { sql "$DB" "SELECT count(*) FROM shares"; }

# C4 is still in the inbox: it cannot be shared yet.
C4=$(at 2026-11-11T09:00 --as bram submit --title "Draft" --body "Not ready.")
M5=$(at 2026-11-11T09:10 --as anne message add "$C4" --platform linkedin --text "Not yet.")

before=$(db_digest "$DB")
n0=$(shares)
# Line 6 holds a quoted field over two lines, so line 8 is the next record.
cat >"$T_DIR/bad.csv" <<CSV
message_id,url,login,platform,date,impressions,clicks,reactions,comments,reshares
$M1,,dirk,linkedin,2026-11-09,100,5,3,0,0
$M1,,dirk,linkedin,2026-11-09,100,abc,3,0,0
$M1,,nobody,linkedin,2026-11-09,1,1,1,1,1
$M1,,dirk,myspace,2026-13-01,-4,1.5,,,
$M1,"https://example.com/a
b",dirk,linkedin,2026-11-09,1,1,1,1,1
999,,dirk,linkedin,2026-11-09,1,1,1,1,1
$M5,,dirk,linkedin,2026-11-11,1,1,1,1,1
,,dirk,linkedin,2026-11-09,1,1,1,1,1
$M1,ftp://x,dirk,linkedin,2026-11-09,1,1,1,1,1
$M1,,dirk
x1,,dirk,linkedin,2026-11-09,1,1,1,1,1
$M1,,,linkedin,2026-11-09,1,1,1,1,1
$M1,,eva,linkedin,,1,1,1,1,1
CSV
ch --db "$DB" shares import "$T_DIR/bad.csv"
expect "bad rows: exit 2" 2
has_err() {
	if printf '%s\n' "$ERR" | grep -qxF -- "chorus: $2"; then ok "$1"
	else not_ok "$1" "no line: chorus: $2" "stderr: $ERR"; fi
}
f="$T_DIR/bad.csv"
has_err "a word where a number goes" "$f:3: clicks: \"abc\" is not a number"
has_err "an unknown login" "$f:4: login: no such person: nobody"
has_err "a bad date" "$f:5: date: \"2026-13-01\" is not a date (YYYY-MM-DD)"
has_err "a negative figure" "$f:5: impressions: \"-4\" is negative"
has_err "a fraction" "$f:5: clicks: \"1.5\" is not a number"
has_err "a URL with a line break" "$f:6: url: the address contains a control character (byte 22)"
has_err "a line number after a field over two lines" "$f:8: message_id: no such message: 999"
has_err "content that is not ready" \
	"$f:9: message_id: content $C4 is in inbox: it cannot be shared (only ready items can)"
has_err "neither message nor URL" "$f:10: message_id: empty; a row needs a message_id or a url"
has_err "not a web address" "$f:11: url: ftp://x is not a web address (http:// or https://)"
has_err "too few fields" "$f:12: 3 fields, but the header has 10"
has_err "not a message id" "$f:13: message_id: \"x1\" is not a message id"
has_err "no login" "$f:14: login: empty; who shared it?"
has_err "a new share needs its day" "$f:15: date: needed to log a share that is not known yet"
has_err "the summary" "$f: 12 bad rows of 13: nothing was imported"
[ "$(db_digest "$DB")" = "$before" ] && ok "bad rows: the database is unchanged" \
	|| not_ok "bad rows: the database is unchanged"

# A good file: one known share by URL (S3), one by message, person, platform
# and day (S2), two new ones.  Empty figure cells keep what is there.
cat >"$T_DIR/good.csv" <<CSV
url,message_id,login,platform,date,impressions,clicks,reactions,comments,reshares
https://x.com/dirk/1,,dirk,,,2500,,,,
,$M1,dirk,linkedin,2026-10-08,600,5,9,1,0
https://www.linkedin.com/posts/eva-2,$M4,eva,linkedin,2026-11-10,50,1,2,0,0
,$M2,carla.van.den.berg,x,2026-11-11,70,0,1,0,0
CSV
ch --db "$DB" shares import "$T_DIR/good.csv"
expect "a good file" 0 "" "good.csv: 4 rows: 2 new shares, 2 updated, 0 unchanged"
[ "$(shares)" = $((n0 + 2)) ] && ok "two new shares" || not_ok "two new shares" "$(shares) shares"
[ "$(sql "$DB" "SELECT impressions, clicks, reactions, comments, reshares FROM shares WHERE url = 'https://x.com/dirk/1'")" = "2500|6|12|1|2" ] \
	&& ok "found by URL: impressions updated, the other figures kept" \
	|| not_ok "found by URL: impressions updated, the other figures kept"
[ "$(sql "$DB" "SELECT impressions, clicks, reactions FROM shares WHERE message_id = $M1 AND person_id = (SELECT id FROM people WHERE login = 'dirk')")" = "600|5|9" ] \
	&& ok "found by message, person, platform and day" || not_ok "found by message, person, platform and day"
# The new share is eva's, at noon UTC that day; the master logged it for her.
[ "$(sql "$DB" "SELECT p.login, s.shared_at = strftime('%s', '2026-11-10 12:00:00') FROM shares s JOIN people p ON p.id = s.person_id WHERE s.url = 'https://www.linkedin.com/posts/eva-2'")" = "eva|1" ] \
	&& ok "a new share belongs to the person, at noon UTC" || not_ok "a new share belongs to the person, at noon UTC"
[ "$(sql "$DB" "SELECT a.login, b.login FROM events e JOIN people a ON a.id = e.actor_id JOIN people b ON b.id = e.on_behalf_id WHERE e.entity = 'share' AND e.action = 'share' ORDER BY e.id DESC LIMIT 1")" = "$ME|carla.van.den.berg" ] \
	&& ok "events: the master as actor, the person on whose behalf" \
	|| not_ok "events: the master as actor, the person on whose behalf"

n1=$(shares)
ch --db "$DB" shares import "$T_DIR/good.csv"
expect "the same file again" 0 "" "good.csv: 4 rows: 0 new shares, 0 updated, 4 unchanged"
[ "$(shares)" = "$n1" ] && ok "no duplicates" || not_ok "no duplicates" "$(shares) shares, was $n1"

# A spreadsheet's export: UTF-8 byte order mark, CRLF, quoted numbers.
printf '\357\273\277login,message_id,date,reactions,clicks\r\n"eva","%s","2026-11-12","41","3"\r\ndirk,%s,2026-11-12,5,0\r\n' \
	"$M4" "$M3" >"$T_DIR/bom.csv"
ch --db "$DB" shares import "$T_DIR/bom.csv"
expect "BOM and CRLF" 0 "" "bom.csv: 2 rows: 2 new shares, 0 updated, 0 unchanged"
[ "$(sql "$DB" "SELECT reactions, clicks FROM shares WHERE message_id = $M4 AND shared_at >= strftime('%s', '2026-11-12')")" = "41|3" ] \
	&& ok "BOM and CRLF: figures stored" || not_ok "BOM and CRLF: figures stored"
ch --db "$DB" shares import "$T_DIR/bom.csv"
expect "BOM and CRLF again: no duplicates" 0 "" "0 new shares, 0 updated, 2 unchanged"

# Whole-file problems.
printf 'message_id,login,when\n1,dirk,2026-11-01\n' >"$T_DIR/h.csv"
ch --db "$DB" shares import "$T_DIR/h.csv"
expect "an unknown column" 2 "h.csv:1: unknown column \"when\""
printf 'message_id,platform\n1,x\n' >"$T_DIR/h.csv"
ch --db "$DB" shares import "$T_DIR/h.csv"
expect "no login column" 2 "h.csv:1: no login column"
printf 'message_id,login\n1,"dirk\n' >"$T_DIR/h.csv"
ch --db "$DB" shares import "$T_DIR/h.csv"
expect "an unclosed quote" 2 "h.csv:2: not valid CSV: a quoted field is not closed"
printf 'message_id,login\n1,di"rk\n' >"$T_DIR/h.csv"
ch --db "$DB" shares import "$T_DIR/h.csv"
expect "a stray quote" 2 "h.csv:2: not valid CSV"
: >"$T_DIR/h.csv"
ch --db "$DB" shares import "$T_DIR/h.csv"
expect "an empty file" 2 "h.csv: empty"
ch --db "$DB" shares import "$T_DIR/none.csv"
expect "a missing file" 2 "none.csv"
ch --db "$DB" shares import
expect "no file" 2 "shares import takes one FILE.csv"

# Masters only.
n2=$(shares)
ch --db "$DB" --as anne shares import "$T_DIR/good.csv"
expect "an editor may not import" 1 "importing shares needs the master role"
[ "$(shares)" = "$n2" ] && ok "nothing imported by a non-master" || not_ok "nothing imported by a non-master"

# shares log still works from its new home.
ch --db "$DB" --as frits shares log "$M1" --platform linkedin --at 2026-11-12T08:00
expect "shares log" 0
ch --db "$DB" shares frobnicate
expect "an unknown subcommand" 2 "which: log, import or delete?"
finish
