# submit.sh — chorus submit: every option (--body, --body-file FILE, --body-file -
# from standard input, --kind, --media repeated, --pillar, --as a creator) and
# every bad input (no or bad title, unknown pillar, a body file that is missing,
# a directory, binary, not UTF-8 or too large, a publisher submitting), each
# leaving the database unchanged.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db


ch --db "$DB" init --org "Submit BV"
expect "init" 0
add_people() {
	"$CHORUS" --db "$DB" people add ed --name "Ed Itor" --roles editor >/dev/null &&
	"$CHORUS" --db "$DB" people add cre --name "Cree Ator" --roles creator >/dev/null &&
	"$CHORUS" --db "$DB" people add pub --name "Pub Lisher" >/dev/null
}
check "people ed (editor), cre (creator), pub (publisher)" add_people
sql "$DB" "insert into platforms(key, name, max_length) values('linkedin', 'LinkedIn', 3000), ('x', 'X', 10);
	   insert into pillars(name) values('Craft'); insert into campaigns(name) values('Spring');"

# --- submit ----------------------------------------------------------------------------
ch --db "$DB" submit --title "First story" --body "We shipped it."
expect "submit --title --body prints the id" 0 "" "1"
equals "submit: stored in the inbox, kind story, by me" \
	"$(sql "$DB" "select title, body, kind, stage, creator_id from content where id = 1")" \
	"First story|We shipped it.|story|inbox|$(id_of "$ME")"
equals "submit: an event" "$(sql "$DB" "select entity, entity_id, action, json_extract(detail, '$.title') from events order by id desc limit 1")" \
	"content|1|submit|First story"

printf 'Line one\nLine two — with UTF-8 ✓\n' >"$T_DIR/body.txt"
ch --db "$DB" submit --title "From a file" --body-file "$T_DIR/body.txt"
expect "submit --body-file FILE" 0 "" "2"
equals "submit --body-file: the file's text" "$(sql "$DB" "select body from content where id = 2")" "$(cat "$T_DIR/body.txt")"

with_stdin "$(printf 'piped in\nsecond line')" --db "$DB" submit --title "From stdin" --body-file -
expect "submit --body-file - reads standard input" 0 "" "3"
equals "submit --body-file -: the piped text" "$(sql "$DB" "select body from content where id = 3")" "$(printf 'piped in\nsecond line')"

mkdir -p "$T_DIR/share" && printf 'jpeg' >"$T_DIR/share/a.jpg" && printf 'jpeg' >"$T_DIR/share/b c.jpg"
ch --db "$DB" submit --title "Photos" --kind photo --media "$T_DIR/share/a.jpg" --media "$T_DIR/share/b c.jpg" --pillar craft
expect "submit --kind --media --media --pillar" 0 "" "4"
equals "submit: kind photo, pillar Craft (any case)" \
	"$(sql "$DB" "select c.kind, p.name from content c join pillars p on p.id = c.pillar_id where c.id = 4")" "photo|Craft"
equals "submit: both media, in order" \
	"$(sql "$DB" "select group_concat(path, ',') from (select path from content_media where content_id = 4 order by position)")" \
	"$T_DIR/share/a.jpg,$T_DIR/share/b c.jpg"

ch --db "$DB" --as cre submit --title "By the creator"
expect "a master submits --as a creator" 0 "" "5"
equals "the creator is cre; the event has me acting for cre" \
	"$(sql "$DB" "select creator_id from content where id = 5")|$(sql "$DB" "select actor_id, on_behalf_id from events order by id desc limit 1")" \
	"$(id_of cre)|$(id_of "$ME")|$(id_of cre)"

refused "submit: an unknown pillar" 2 "no such pillar: nope" submit --title "X" --pillar nope
refused "submit: no --title" 2 "--title is required" submit --body "text without a title"
refused "submit: an empty title" 2 "title is empty" submit --title ""
refused "submit: a blank title" 2 "title is empty" submit --title "   "
refused "submit: a title that is not UTF-8" 2 "title is not valid UTF-8" submit --title "$(printf 'Caf\351')"
refused "submit: a title with an overlong UTF-8 slash" 2 "not valid UTF-8" submit --title "$(printf 'a\300\257b')"
refused "submit: a title with an escape sequence" 2 "title contains a control character" submit --title "$(printf 'Hi\033]52;c;ZXZpbA==\007')"
refused "submit: a title with a newline" 2 "title contains a control character" submit --title "$(printf 'two\nlines')"
refused "submit: a title over 200 bytes" 2 "title is too long" submit --title "$(printf 't%.0s' $(seq 201))"
refused "submit: a body file that does not exist" 2 "$T_DIR/nope.txt: No such file or directory" \
	submit --title X --body-file "$T_DIR/nope.txt"
refused "submit: a body file that is a directory" 2 "is a directory" submit --title X --body-file "$T_DIR"
printf 'nul\000inside' >"$T_DIR/nul.txt"
refused "submit: a body file with a NUL byte" 2 "contains a NUL byte" submit --title X --body-file "$T_DIR/nul.txt"
printf 'Na\357ve\n' >"$T_DIR/latin1.txt"
refused "submit: a body file in Latin-1" 2 "body is not valid UTF-8" submit --title X --body-file "$T_DIR/latin1.txt"
head -c 1100000 /dev/zero | tr '\0' 'x' >"$T_DIR/big.txt"
refused "submit: a body file over 1 MiB" 2 "is too large" submit --title X --body-file "$T_DIR/big.txt"
refused "submit: --body and --body-file" 2 "give --body or --body-file, not both" \
	submit --title X --body b --body-file "$T_DIR/body.txt"
refused "submit: an empty media path" 2 "media path is empty" submit --title X --media ""
refused "submit: a stray argument" 2 "unexpected argument 'extra'" submit --title X extra
refused "submit: an unknown option" 2 "unknown option --tags" submit --title X --tags a,b
refused "submit: --title without a value" 2 "--title needs a value" submit --title
refused "submit: a publisher may not submit" 1 "submitting content needs the creator role; pub has publisher" \
	--as pub submit --title "Not mine to give"
# --- kind, media and body are checked before anything is stored (issue 12) -----------------
for k in story photo video news blog; do
	ch --db "$DB" submit --title "A $k" --body "Text." --kind "$k"
	expect "submit --kind $k is known" 0
done
refused "submit: an unknown kind lists the kinds, exit 2" 2 \
	"unknown kind 'banaan' (kinds: story, photo, video, news, blog)" submit --title X --body b --kind banaan
refused "submit: a kind differing in case is unknown" 2 "unknown kind 'Photo'" submit --title X --kind Photo
refused "submit: a missing media path names it" 2 "media /nonexistent/a.jpg: No such file or directory" \
	submit --title X --body b --media /nonexistent/a.jpg
refused "submit: the second of two media paths is missing" 2 "media $T_DIR/share/gone.jpg: No such file" \
	submit --title X --media "$T_DIR/share/a.jpg" --media "$T_DIR/share/gone.jpg"
refused "submit: a directory as media" 2 "media $T_DIR/share: is a directory" submit --title X --media "$T_DIR/share"
# (root reads every file: the unreadable case is only tried as another user)
if [ "$(id -u)" != 0 ]; then
	printf 'secret' >"$T_DIR/share/locked.jpg" && chmod 000 "$T_DIR/share/locked.jpg"
	refused "submit: an unreadable media file names it" 2 "media $T_DIR/share/locked.jpg: cannot be read" \
		submit --title X --media "$T_DIR/share/locked.jpg"
fi
mkfifo "$T_DIR/share/fifo.jpg"
refused "submit: a FIFO as media" 2 "media $T_DIR/share/fifo.jpg: not a regular file" \
	submit --title X --media "$T_DIR/share/fifo.jpg"
refused "submit: an empty --body" 2 "the body is empty" submit --title X --body ""
refused "submit: a blank --body" 2 "the body is empty" submit --title X --body "  
	 "
: >"$T_DIR/empty.txt"
refused "submit: an empty body file" 2 "the body is empty" submit --title X --body-file "$T_DIR/empty.txt"
printf '\n\n  \n' >"$T_DIR/blank.txt"
refused "submit: a body file of blank lines" 2 "the body is empty" submit --title X --body-file "$T_DIR/blank.txt"
ch --db "$DB" submit --title "#hashtag first" --body "$(printf '#teamwork #welding\nThe robot arrived.')"
expect "submit: a body starting with # lines" 0
equals "submit: the # lines are kept" "$(sql "$DB" "select body from content order by id desc limit 1")" \
	"$(printf '#teamwork #welding\nThe robot arrived.')"

snap "$DB"
with_stdin "$(printf 'Caf\351')" --db "$DB" submit --title X --body-file -
expect "submit: standard input that is not UTF-8" 2 "body is not valid UTF-8"
unchanged "submit: bad standard input: database unchanged" "$DB"

finish
