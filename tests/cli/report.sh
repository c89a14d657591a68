# report.sh — chorus report on a fixed programme (tests/fixtures/measure/dataset.sh):
# exact figures in text, CSV and JSON, periods, and bad options.
#
# The figures, worked out by hand from the dataset (impressions, clicks,
# reactions, comments, reshares per share):
#   S1 carla M1 linkedin 10-07  1000 10 20 2 1    S2 dirk  M1 linkedin 10-08   500  4  8 0 0
#   S3 dirk  M2 x        10-14  2000  6 12 1 2    S7 bram  M2 x        10-15   300  1  4 0 0
#   S4 carla M3 linkedin 10-20   800  3  4 0 0    S5 eva   M4 linkedin 11-04  1200  9 30 3 1
#   S6 carla M1 linkedin 11-05   400  2  2 0 0
#   linkedin: 5 shares, 3900 impressions, 28 clicks, 64 reactions, 5 comments, 2 reshares
#     EMV = 10 x 3900 / 1000 + 2 x (0.5 x 64 + 28) = 39 + 120 = 159.00
#   x: 2 shares, 2300, 7, 16, 1, 2;  EMV = 5 x 2.3 + 1 x (0.25 x 16 + 7) = 11.5 + 11 = 22.50
#   total EMV 181.50.  Autumn open day (C1: S1 S2 S3 S6 S7) 5 of 8 = 62.5%;
#   Winter hiring (C2: S4) 1 of 4 = 25%.  KPI shares of Employer brand = 5 of
#   10; reach (impressions) of Reach = 800 of 5000 = 16%.
. tests/lib/tap.sh
. tests/fixtures/measure/dataset.sh
export CHORUS_NOW=2026-11-10T10:00


ch --db "$DB" report
expect "report runs" 0
has_line "text: title" "chorus report: Test BV"
# The period starts on the first day with any input: bram's submission of C1
# on 10-05, two days before the first share (issue 14: the period printed is
# the period counted).
has_line "text: the period runs from the first input to today" \
	"period: 2026-10-05 to 2026-11-10 (UTC days, both included)"
has_line "text: totals" \
	"shares: 7, impressions: 6200, clicks: 35, reactions: 80, comments: 6, reshares: 4, earned media value: 181.50"
has_line "text: platform heads" "PLATFORM  NAME      SHARES  IMPRESSIONS  CLICKS  REACTIONS  COMMENTS  RESHARES"
has_line "text: linkedin" "linkedin  LinkedIn       5         3900      28         64         5         2"
has_line "text: x" "x         X              2         2300       7         16         1         2"
has_line "text: facebook has none" "facebook  Facebook       0            0       0          0         0         0"
has_line "text: platform total" "total                    7         6200      35         80         6         4"
has_line "text: week heads" "WEEK      STARTS      LINKEDIN  X  FACEBOOK  TOTAL"
has_line "text: W41" "2026-W41  2026-10-05         2  0         0      2"
has_line "text: W42" "2026-W42  2026-10-12         0  2         0      2"
has_line "text: W43" "2026-W43  2026-10-19         1  0         0      1"
has_line "text: W44 without shares is still there" "2026-W44  2026-10-26         0  0         0      0"
has_line "text: W45" "2026-W45  2026-11-02         2  0         0      2"
has_line "text: W46, this week" "2026-W46  2026-11-09         0  0         0      0"
has_line "text: October" "2026-10  2026-10-01         3  2         0      5"
has_line "text: November" "2026-11  2026-11-01         2  0         0      2"
has_line "text: campaign heads" \
	"CAMPAIGN         GOAL            STARTS      ENDS        TARGET  SHARES  PROGRESS  IMPRESSIONS  CLICKS  REACTIONS"
has_line "text: Autumn open day against its target" \
	"Autumn open day  Employer brand  2026-10-01  2026-11-30       8       5     62.5%         4200      23         46"
has_line "text: Winter hiring, shared before it starts" \
	"Winter hiring    Reach           2026-12-01  2026-12-31       4       1     25.0%          800       3          4"
has_line "text: pillar Culture" "Culture              5         4200      23         46         3         3"
has_line "text: pillar Craft" "Craft                1          800       3          4         0         0"
has_line "text: a pillar without shares" 'Tips, "tricks"       0            0       0          0         0         0'
has_line "text: content without a pillar" "(none)               1         1200       9         30         3         1"
has_line "text: message type Story" "Story              5         4200      23         46         3         3"
has_line "text: message type Vacancy" "Vacancy            1          800       3          4         0         0"

# People, by login: the width of the login and name columns depends on the
# OS login running the suite (the master), so the lines are built here.
lw=18; [ ${#ME} -gt $lw ] && lw=${#ME}
person() { printf "%-${lw}s  %-${lw}s  %-7s  %13s  %5s  %6s  %13s  %17s  %9s  %6s" "$@"; }
has_line "text: people heads" "$(person LOGIN NAME TEAM CONTRIBUTIONS EDITS SHARES CONVERSATIONS "PLATFORM COMMENTS" REACTIONS CLICKS)"
# Platform comments: the imported comments of their shares (carla S1 2, dirk S3
# 1, eva S5 3, the rest 0); teams Sales 0, Support 2 + 1 = 3, no team 3.
# anne's edits: C1 take, 2 messages, campaign, approve; C2 take, message,
# campaign, approve; C3 take, message, approve = 5 + 4 + 3.
has_line "text: anne edited" "$(person anne "Anne de Vries" Sales 0 12 0 0 0 0 0)"
has_line "text: bram gave input and shared once" "$(person bram "Bram Smit" Sales 2 0 1 0 0 4 1)"
has_line "text: carla" "$(person carla.van.den.berg "Carla van den Berg" Support 1 0 3 0 2 26 15)"
has_line "text: dirk shared and conversed" "$(person dirk "Dirk Jansen" Support 0 0 2 1 1 20 10)"
has_line "text: eva has no team" "$(person eva "Eva Bakker" - 0 0 1 1 3 30 9)"
has_line "text: frits did nothing and is listed" "$(person frits "Frits Quiet" Support 0 0 0 0 0 0 0)"
has_line "text: team Sales" \
	"Sales           2        2              2     12       1              0                  0          4       1"
has_line "text: team Support" \
	"Support         3        2              1      0       5              1                  3         46      25"
has_line "text: people without a team" \
	"(no team)       2        1              0      0       1              1                  3         30       9"
has_line "text: KPI shares" "Employer brand  shares      10  quarter             5     50.0%"
has_line "text: KPI reach is impressions" "Reach           reach     5000  quarter           800     16.0%"
has_line "text: KPI not measured" "Leads           leads        3  year     not measured"
has_line "text: EMV linkedin" "linkedin   10    2                  0.5         3900         64      28  159.00"
has_line "text: EMV x" "x           5    1                 0.25         2300         16       7   22.50"
has_line "text: EMV total" "total                                           6200         80      35  181.50"
if printf '%s\n' "$OUT" | grep -q ' $'; then not_ok "text: no trailing blanks"; else ok "text: no trailing blanks"; fi

# CSV: RFC 4180, CRLF, one table per section with its own header row.
ch --db "$DB" report --format csv
expect "csv runs" 0
if [ "$(printf '%s\n' "$OUT" | grep -vc "$(printf '\r')\$")" = 0 ]; then ok "csv: every line ends in CRLF"
else not_ok "csv: every line ends in CRLF"; fi
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
has_line "csv: summary heads" "section,organisation,from,to,shares,impressions,clicks,reactions,comments,reshares,emv,contributors,editors,sharers,conversers"
has_line "csv: summary" "summary,Test BV,2026-10-05,2026-11-10,7,6200,35,80,6,4,181.50,2,1,4,2"
has_line "csv: platform heads" "section,platform,name,shares,impressions,clicks,reactions,comments,reshares"
has_line "csv: linkedin" "platforms,linkedin,LinkedIn,5,3900,28,64,5,2"
has_line "csv: week heads" "section,week,starts,platform,shares,impressions,clicks,reactions,comments,reshares"
has_line "csv: W41 linkedin has every figure" "weeks,2026-W41,2026-10-05,linkedin,2,1500,14,28,2,1"
has_line "csv: W42 x" "weeks,2026-W42,2026-10-12,x,2,2300,7,16,1,2"
has_line "csv: month" "months,2026-11,2026-11-01,linkedin,2,1600,11,32,3,1"
has_line "csv: campaign" "campaigns,Autumn open day,Employer brand,2026-10-01,2026-11-30,8,5,62.5,4200,23,46"
has_line "csv: quotes doubled, field quoted" 'pillars,"Tips, ""tricks""",0,0,0,0,0,0'
has_line "csv: no pillar" "pillars,(none),1,1200,9,30,3,1"
has_line "csv: person" "people,carla.van.den.berg,Carla van den Berg,Support,1,0,3,0,2,26,15"
has_line "csv: person without a team" "people,eva,Eva Bakker,,0,0,1,1,3,30,9"
has_line "csv: team without a name" "teams,,2,1,0,0,1,1,3,30,9"
has_line "csv: KPI" "kpis,Reach,reach,5000,quarter,800,16.0"
has_line "csv: KPI not measured" "kpis,Leads,leads,3,year,,"
has_line "csv: EMV" "emv,linkedin,10,2,0.5,3900,64,28,159.00"
has_line "csv: EMV total" "emv,total,,,,6200,80,35,181.50"
n=$(printf '%s\n' "$OUT" | grep -c '^section,')
[ "$n" = 13 ] && ok "csv: 13 sections (adoption last)" || not_ok "csv: 13 sections (adoption last)" "found $n"
# Conversations: dirk's and eva's comments in chorus, 6 on the platforms.
has_line "csv: conversations heads" "section,in_chorus,on_platforms"
has_line "csv: conversations" "conversations,2,6"

# JSON: one document.
ch --db "$DB" report --format json
expect "json runs" 0
printf '%s' "$OUT" >"$T_DIR/r.json"
# jq_is PATH EXPECTED: the value at PATH (Python subscripts) as JSON text;
# with python3, else with sqlite3's JSON functions.
jq_is() {
	if need python3; then
		got=$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
v = eval("d" + sys.argv[2])
print(json.dumps(v))' "$T_DIR/r.json" "$1" 2>&1)
	else
		p=$(printf '%s' "$1" | sed "s/\[\"\([a-z_]*\)\"\]/.\1/g")
		got=$(sqlite3 :memory: "select json_quote(json_extract(readfile('$T_DIR/r.json'), '\$$p'))")
	fi
	if [ "$got" = "$2" ]; then ok "json: $1 = $2"; else not_ok "json: $1 = $2" "got $got"; fi
}
jq_is '["emv"]["total"]' 181.5
jq_is '["totals"]["shares"]' 7
jq_is '["totals"]["impressions"]' 6200
jq_is '["from"]' '"2026-10-05"'
jq_is '["emv"]["platforms"][1]["emv"]' 22.5
jq_is '["emv"]["platforms"][0]["reaction_multiplier"]' 0.5
jq_is '["platforms"][0]["clicks"]' 28
jq_is '["weeks"][0]["week"]' '"2026-W41"'
jq_is '["weeks"][1]["platforms"]["x"]["impressions"]' 2300
jq_is '["months"][0]["shares"]' 5
jq_is '["campaigns"][0]["progress_percent"]' 62.5
jq_is '["campaigns"][1]["name"]' '"Winter hiring"'
jq_is '["pillars"][2]["name"]' '"Tips, \"tricks\""'
jq_is '["pillars"][3]["name"]' null
jq_is '["people"][2]["login"]' '"carla.van.den.berg"'
jq_is '["people"][2]["reactions"]' 26
jq_is '["people"][0]["edits"]' 12
jq_is '["teams"][2]["name"]' null
jq_is '["people"][2]["platform_comments"]' 2
jq_is '["teams"][1]["platform_comments"]' 3
jq_is '["conversations"]["on_platforms"]' 6
jq_is '["kpis"][1]["progress_percent"]' 16
jq_is '["kpis"][2]["actual"]' null
if need python3; then
	if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T_DIR/r.json"; then ok "json: valid"
	else not_ok "json: valid"; fi
fi

# A period: 2026-10-12 (Monday) to 2026-10-20 (Tuesday), both included.
# Shares S3, S7, S4; bram submitted C2 on 10-12; anne took, wrote M3, set
# its campaign and approved C2 (10-12, 10-13); dirk's comment was on 10-07.
# EMV: linkedin (S4) 10 x 0.8 + 2 x (0.5 x 4 + 3) = 18; x (S3 S7) 22.5.
ch --db "$DB" report --since 2026-10-12 --until 2026-10-20 --format csv
expect "a period" 0
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
has_line "period: summary" "summary,Test BV,2026-10-12,2026-10-20,3,3100,10,20,1,2,40.50,1,1,3,0"
has_line "period: bram's input counts by day" "people,bram,Bram Smit,Sales,1,0,1,0,0,4,1"
has_line "period: anne's edits of C2 only" "people,anne,Anne de Vries,Sales,0,4,0,0,0,0,0"
has_line "period: dirk's comment was before" "people,dirk,Dirk Jansen,Support,0,0,1,0,1,12,6"
has_line "period: weeks 42 and 43 only" "weeks,2026-W43,2026-10-19,linkedin,1,800,3,4,0,0"
if printf '%s\n' "$OUT" | grep -q '^weeks,2026-W41'; then not_ok "period: no week 41"; else ok "period: no week 41"; fi

ch --db "$DB" report --since 2026-12-01 --format json
expect "a period without shares" 0 "" '"shares":0'

# Everyone in the programme may read the report.
ch --db "$DB" --as eva report
expect "a publisher may read the report" 0 "" "chorus report: Test BV"

# Bad options.
ch --db "$DB" report --since 2026-13-01
expect "--since must be a date" 2 "--since '2026-13-01' is not a date"
ch --db "$DB" report --until 2026-11-31
expect "--until must be a real day" 2 "--until '2026-11-31' is not a date"
ch --db "$DB" report --since 2026-11-01T10:00
expect "--since takes a day, not a time" 2 "is not a date (YYYY-MM-DD)"
ch --db "$DB" report --since 2026-11-02 --until 2026-11-01
expect "--until before --since" 2 "--until is before --since"
ch --db "$DB" report --format xml
expect "--format is text, csv or json" 2 "--format 'xml': use text, csv or json"
ch --db "$DB" report extra
expect "no arguments" 2 "unexpected argument"

# Message types are set with content type (one of the strategy's), and the
# report's section counts them: C3 had none.
refused "content type: an unknown type is refused with the list" 2 \
	"no such message type: Essay (the strategy has: Story, Vacancy)" --as anne content type "$C3" Essay
ch --db "$DB" --as anne content type "$C3" story
expect "content type: C3 becomes a Story (any case)" 0 "" "$C3 shared"
equals "content type: stored" "$(sql "$DB" "select t.name from content c join message_types t on t.id = c.message_type_id where c.id = $C3")" "Story"
ch --db "$DB" content show "$C3"
has_line "content show: the type" "type:     Story"
equals "content type: audited" "$(sql "$DB" "select action || ' ' || detail from events where entity = 'content' and entity_id = $C3 order by id desc limit 1")" \
	'message_type {"message_type":"story","old":null}'
ch --db "$DB" report
has_line "text: message type Story counts C3's share now" "Story              6         5400      32         76         6         4"
TYPES=$(printf '%s\n' "$OUT" | sed -n '/^Message types$/,/^$/p')
if [ -z "$TYPES" ] || printf '%s\n' "$TYPES" | grep -q '^(none)'; then
	not_ok "text: no message type (none) left" "$TYPES"
else ok "text: no message type (none) left"; fi
ch --db "$DB" --as anne content type "$C3" ""
expect "content type \"\" clears it" 0
equals "content type: cleared" "$(sql "$DB" "select count(message_type_id) from content where id = $C3")" "0"

# A new programme has nothing to report, and says so with zeros.
ch --db "$T_DIR/empty.db" init --org Empty
ch --db "$T_DIR/empty.db" report
expect "an empty programme" 0 "" "shares: 0, impressions: 0"
ch --db "$T_DIR/empty.db" content type 1 Story
expect "content type: a strategy without message types says so" 2 "the strategy defines no message types"

# CSV for spreadsheets: text that a spreadsheet would run as a formula
# (starting with = + - @, tab or CR) gets a single quote in front; numbers,
# negative ones too, are left as they are.
sqlite3 "$T_DIR/empty.db" "
INSERT INTO campaigns(name, starts, ends, target_shares) VALUES('=HYPERLINK(\"http://x\")', '2026-01-01', '2026-12-31', 3);
INSERT INTO pillars(name, position) VALUES('-3', 1), ('+cmd|calc', 2), ('@SUM(A1)', 3), ('-', 4);
INSERT INTO message_types(name, position) VALUES(char(9) || 'tab', 1), ('-0.5', 2), (char(13) || 'cr', 3);"
ch --db "$T_DIR/empty.db" report --format csv
expect "csv with formula-like names" 0
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
has_line "csv: a title like =HYPERLINK(...) is text, quoted and doubled" \
	'campaigns,"'"'"'=HYPERLINK(""http://x"")",,2026-01-01,2026-12-31,3,0,0.0,0,0,0'
has_line "csv: + is guarded" "pillars,'+cmd|calc,0,0,0,0,0,0"
has_line "csv: @ is guarded" "pillars,'@SUM(A1),0,0,0,0,0,0"
has_line "csv: a lone - is text, guarded" "pillars,'-,0,0,0,0,0,0"
has_line "csv: a negative number is a figure, left alone" "pillars,-3,0,0,0,0,0,0"
has_line "csv: a negative decimal is a figure, left alone" "message_types,-0.5,0,0,0,0,0,0"
has_line "csv: a leading tab is guarded" "$(printf "message_types,\"'\ttab\",0,0,0,0,0,0")"
if printf '%s\n' "$OUT" | grep -q "^message_types,\"'cr"; then ok "csv: a leading CR is guarded"
else not_ok "csv: a leading CR is guarded" "$(printf '%s\n' "$OUT" | grep '^message_types' | od -c | head -8)"; fi
finish
