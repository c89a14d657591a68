# requests.sh — chorus request add|list|done|cancel and submit --request:
# editors and masters ask a person, a team or a focus group for content with
# a brief and a due day; the list in every format, --open and --mine (through
# team and focus group); overdue; the status moves; content that answers a
# request is linked to it; every refusal names the field, has its own exit
# status and leaves the database unchanged.
. tests/lib/tap.sh

ME=$(id -un)
DB=$T_DIR/chorus.db
export CHORUS_NOW=2026-11-02T09:00

at 2026-11-02T09:00 init --org "Requests BV" >/dev/null
cat >"$T_DIR/people.csv" <<'CSV'
login,name,team,roles,focus_groups
ed,Ed Itor,Comms,editor,
cre,Cree Ator,Sales,creator,Photo
sal,Sal Es,Sales,creator,
pub,Pub Lisher,,,
CSV
at 2026-11-02T09:00 people import "$T_DIR/people.csv" >/dev/null

# --- asking -------------------------------------------------------------------------
ch --db "$DB" request add --to group:Photo --due 2026-11-20 --brief "Photos of the open day"
expect "a master asks a focus group" 0 "" "1"
ch --db "$DB" --as ed request add --to team:Sales --due 2026-11-05 --brief "A customer story"
expect "an editor asks a team" 0 "" "2"
ch --db "$DB" --as ed request add --to pub --due 2026-11-02 --brief "A post about the fair, due today"
expect "an editor asks a person, due today" 0 "" "3"
equals "three requests, all open" "$(sql "$DB" "SELECT group_concat(status) FROM (SELECT status FROM requests ORDER BY id)")" "open,open,open"
equals "who asked" "$(sql "$DB" "SELECT group_concat(login) FROM (SELECT p.login FROM requests r JOIN people p ON p.id = r.asker_id ORDER BY r.id)")" "$ME,ed,ed"
equals "each asking is in the audit log" \
	"$(sql "$DB" "SELECT count(*) FROM events WHERE entity = 'request' AND action = 'ask'")" 3

refused "a creator may not ask" 1 "asking for content needs the editor role; cre has creator,publisher" \
	--as cre request add --to sal --due 2026-11-20 --brief x
refused "a publisher may not ask" 1 "needs the editor role" --as pub request add --to sal --due 2026-11-20 --brief x
refused "an unknown person" 2 "to: no such person: nobody" request add --to nobody --due 2026-11-20 --brief x
refused "an unknown team" 2 "to: no such team: Nope" request add --to team:Nope --due 2026-11-20 --brief x
refused "an unknown focus group" 2 "to: no such focus group: Nope" request add --to group:Nope --due 2026-11-20 --brief x
refused "a day that is not one" 2 "due: '2026-02-30' is not a day (YYYY-MM-DD)" request add --to cre --due 2026-02-30 --brief x
refused "a due day in the past" 2 "due: 2026-11-01 is in the past (today is 2026-11-02)" \
	request add --to cre --due 2026-11-01 --brief x
refused "an empty brief" 2 "brief" request add --to cre --due 2026-11-20 --brief ""
refused "a brief of two lines" 2 "brief" request add --to cre --due 2026-11-20 --brief "$(printf 'one\ntwo')"
refused "add without --due" 2 "request add needs --to, --due and --brief (--due missing)" \
	request add --to cre --brief x
refused "add with an argument too many" 2 "unexpected argument 'extra'" \
	request add --to cre --due 2026-11-20 --brief x extra
refused "no subcommand" 2 "which: add, list, done or cancel?" request
refused "an unknown subcommand" 2 "which: add, list, done or cancel?" request remove 1

# --- the list -------------------------------------------------------------------------
ch --db "$DB" request list
expect "list: tsv when piped" 0 "" "id	status	due	to	asker	content	brief"
has_line "list: open ones by due day first" "3	open	2026-11-02	pub	ed	0	A post about the fair, due today"
equals "list: the order" "$(printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ')" "id 3 2 1 "
ch --db "$DB" request list --format text
expect "list --format text" 0 "" "ID  STATUS  DUE         TO           ASKER"
ch --db "$DB" request list --format json
expect "list --format json" 0 "" '"to":"group:Photo"'
check "json: ids are numbers" sh -c "printf '%s' '$OUT' | grep -q '\"id\":1,'"
ch --db "$DB" --as cre request list --mine
expect "--mine for cre: through team Sales and group Photo" 0
equals "--mine for cre" "$(printf '%s\n' "$OUT" | sed 1d | cut -f1 | tr '\n' ' ')" "2 1 "
ch --db "$DB" --as sal request list --mine
equals "--mine for sal: through team Sales only" "$(printf '%s\n' "$OUT" | sed 1d | cut -f1 | tr '\n' ' ')" "2 "
ch --db "$DB" --as ed request list --mine
expect "--mine for ed: none, exit 1" 1
refused "list with a bad format" 2 "--format" request list --format xml

# Overdue: past its due day and still open.
CHORUS_NOW=2026-11-06T09:00 ch --db "$DB" request list --open
has_line "overdue once the due day has passed" "2	overdue	2026-11-05	team:Sales	ed	0	A customer story"

# --- answering: submit --request --------------------------------------------------------
ch --db "$DB" --as cre submit --title "Open day pictures" --body "Here they are." --request 1
expect "cre answers the group's request" 0 "" "1"
equals "the content is linked to the request" "$(sql "$DB" "SELECT request_id FROM request_content WHERE content_id = 1")" 1
equals "the answer is in the audit log" \
	"$(sql "$DB" "SELECT detail FROM events WHERE entity = 'request' AND action = 'answer'")" '{"content":1}'
equals "and the submission too" "$(sql "$DB" "SELECT count(*) FROM events WHERE entity = 'content' AND action = 'submit'")" 1
refused "a request not asked of pub" 1 "request 1 is asked of group:Photo, not of pub" \
	--as pub submit --title "Mine too" --request 1
refused "no such request" 1 "no such request: 99" --as cre submit --title "Nothing" --request 99
refused "a request id that is not one" 2 "--request 'x' is not a request id" --as cre submit --title "Nothing" --request x
ch --db "$DB" request list --format tsv
has_line "the list counts the content" "1	open	2026-11-20	group:Photo	$ME	1	Photos of the open day"

# --- done and cancel --------------------------------------------------------------------
ch --db "$DB" --as ed request done 1
expect "an editor marks a request done" 0
refused "done twice" 1 "request 1 is done already: only an open request can be marked done" request done 1
refused "cancel a done one" 1 "request 1 is done already: only an open request can be cancelled" request cancel 1
refused "answer a closed request" 1 "request 1 is done: content can answer only an open request" \
	--as cre submit --title "Late" --request 1
refused "a creator may not cancel" 1 "cancelling a request needs the editor role" --as cre request cancel 2
ch --db "$DB" request cancel 2
expect "a master cancels" 0
refused "done after cancel" 1 "request 2 is cancelled already" request done 2
refused "no such request" 1 "no such request: 42" request done 42
refused "done without an id" 2 "request done takes one ID" request done
refused "done with a bad id" 2 "'one' is not a request id" request done one
equals "statuses now" "$(sql "$DB" "SELECT group_concat(status, ' ') FROM (SELECT status FROM requests ORDER BY id)")" "done cancelled open"
equals "closed ones have a closing time" "$(sql "$DB" "SELECT count(*) FROM requests WHERE closed_at IS NOT NULL")" 2
ch --db "$DB" request list --open
equals "--open: only the one left" "$(printf '%s\n' "$OUT" | sed 1d | cut -f1 | tr '\n' ' ')" "3 "

# --- an archived focus group is asked nothing ---------------------------------------------
ch --db "$DB" group add Retired
ch --db "$DB" group archive Retired
ch --db "$DB" request add --to group:Retired --due 2099-01-01 --brief "Anyone?"
expect "an archived focus group is refused, saying how to restore it" 1 \
	"to: the focus group Retired is archived (chorus group restore Retired)"
finish
