# figures.sh — every figure of the report and the digest against values worked
# out by hand from the manual's definitions (issue 14), on the programme of
# tests/fixtures/figures/dataset.sh (read its header for the input and shares),
# in text, CSV and JSON, across the year end 2025/2026.
#
# Share figures (impressions clicks reactions comments reshares) per platform:
#   linkedin S1 S2 S4 S7 S8: 1000+400+600+1500+300 = 3800; 10+4+5+15+3 = 37;
#            20+6+10+30+3 = 69; 2+0+1+3+0 = 6; 1+0+0+2+0 = 3
#   x        S3 S6: 175+200 = 375; 0+2 = 2; 1+4 = 5; 0; 0+1 = 1
#   facebook S5 S9: 800; 8; 12; 2; 1 (S9 has no figures)
#   total 9 shares, 4975, 47, 86, 8, 5
# EMV = cpm x impressions / 1000 + cpc x (reaction_multiplier x reactions + clicks):
#   linkedin 10 x 3.8 + 2 x (0.5 x 69 + 37) = 38 + 143 = 181.00
#   x        5 x 0.375 + 1 x (0.25 x 5 + 2) = 1.875 + 3.25 = 5.125 -> 5.13 (half away from
#            zero; printf's "%.2f" gives 5.12: 5.125 is exact in binary, a tie to even)
#   facebook 8 x 0.8 + 1.5 x (0.5 x 12 + 8) = 6.4 + 21 = 27.40
#   total 181 + 5.125 + 27.4 = 213.525 -> 213.53
# Campaign Year end (C1: M1 M2): S1 S2 S3 S4 S6 = 5 of 16 = 31.25% -> 31.3 (printf: 31.2);
#   impressions 1000+400+175+600+200 = 2375, clicks 10+4+0+5+2 = 21, reactions 20+6+1+10+4 = 41.
# Weeks by the day shared: W52 S1 S2 (li) S3 (x) = 2 1 0; W01 S4 (li) S6 (x) S5 (fb) = 1 1 1;
#   W02 S7 S8 (li) S9 (fb) = 2 0 1.  Months: 2025-12 S1 S2 S4 (li) S3 (x) = 3 1 0;
#   2026-01 S7 S8 (li) S6 (x) S5 S9 (fb) = 2 1 2.
# People (contributions edits shares conversations reactions clicks):
#   a1 1 0 0 1 0 0 (C1, comment on C3)   a2 1 0 0 0 0 0 (C3)   a3 0 0 2 1 50 25 (S1 S7; comment)
#   a4 0 0 1 0 10 5   b1 0 11 0 0 0 0 (5 + 3 + 3 edits)   b2 0 0 2 0 9 7 (S2 S8)
#   b3 0 0 1 0 12 8   b4 nothing   g1 1 0 1 0 - - (C2, S9: its figures are not known, not 0)
#   g2 0 0 1 1 1 0   g3 0 0 1 0 4 2   g4 nothing
# Teams (people engaged contributions edits shares conversations reactions clicks):
#   Alpha 4 4 2 0 3 2 60 30; Beta 4 3 0 11 3 0 21 15; Gamma 4 3 1 0 3 1 5 2.
. tests/lib/tap.sh
. tests/fixtures/figures/dataset.sh
export CHORUS_NOW=2026-01-09T12:00

lacks_line() {
	if printf '%s\n' "$OUT" | grep -qxF -- "$2"; then not_ok "$1" "has the line: $2"; else ok "$1"; fi
}

# --- text ---------------------------------------------------------------------
ch --db "$DB" report
expect "report runs" 0
# No --since: the period starts on the first input (C1 submitted 2025-12-22),
# and ends today.
has_line "text: period" "period: 2025-12-22 to 2026-01-09 (UTC days, both included)"
has_line "text: totals, EMV rounded half away from zero" \
	"shares: 9, impressions: 4975, clicks: 47, reactions: 86, comments: 8, reshares: 5, earned media value: 213.53"
# Taking part: contributing a1 a2 g1; editing b1; sharing a3 a4 b2 b3 g1 g2 g3;
# in conversation g2 a3 a1.
has_line "text: how many took part" \
	"people taking part: 3 contributing, 1 editing, 7 sharing, 3 in conversation"
has_line "text: linkedin" "linkedin  LinkedIn       5         3800      37         69         6         3"
has_line "text: x" "x         X              2          375       2          5         0         1"
has_line "text: facebook" "facebook  Facebook       2          800       8         12         2         1"
has_line "text: W52" "2025-W52  2025-12-22         2  1         0      3"
has_line "text: W01 runs over the year end" "2026-W01  2025-12-29         1  1         1      3"
has_line "text: W02" "2026-W02  2026-01-05         2  0         1      3"
has_line "text: December" "2025-12  2025-12-01         3  1         0      4"
has_line "text: January" "2026-01  2026-01-01         2  1         2      5"
has_line "text: campaign 31.25% is 31.3%" \
	"Year end  Brand  2025-12-15  2026-01-31      16       5     31.3%         2375      21         41"
has_line "text: KPI 5 of 16" "Brand  shares      16  quarter       5     31.3%"
has_line "text: EMV x 5.125 is 5.13" "x           5    1                 0.25          375          5       2    5.13"
has_line "text: EMV total" "total                                           4975         86      47  213.53"
# Conversations on the platforms (issue 14, point 8): the imported comments of
# each share, to its sharer: a3 S1 2 + S7 3 = 5, a4 S4 1, b3 S5 2, b2 g2 g3 0,
# g1 (S9 only, no figures) not known; Alpha 5 + 1 = 6, Beta 2, Gamma 0 (S9
# unknown, S3 S6 known: 0); all 8.  In chorus: g2, a3, a1 one each: 3.
has_line "text: conversations, in chorus and on the platforms" \
	"conversations: 3 comments in chorus, 8 on the platforms"
has_line "text: a3's platform comments" \
	"a3     Alpha 3  Alpha              0      0       2              1                  5         50      25"
has_line "text: g1's not known" \
	"g1     Gamma 1  Gamma              1      0       1              0                  -          -       -"
has_line "text: team Alpha" "Alpha           4        4              2      0       3              2                  6         60      30"
has_line "text: team Beta" "Beta            4        3              0     11       3              0                  2         21      15"
has_line "text: team Gamma" "Gamma           4        3              1      0       3              1                  0          5       2"

# --- CSV ----------------------------------------------------------------------
ch --db "$DB" report --format csv
expect "csv runs" 0
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
has_line "csv: summary" "summary,Figures BV,2025-12-22,2026-01-09,9,4975,47,86,8,5,213.53,3,1,7,3"
has_line "csv: conversations in chorus and on the platforms" "conversations,3,8"
has_line "csv: W52 linkedin S1+S2" "weeks,2025-W52,2025-12-22,linkedin,2,1400,14,26,2,1"
has_line "csv: W01 linkedin S4, shared 12-31, imported in W02" "weeks,2026-W01,2025-12-29,linkedin,1,600,5,10,1,0"
has_line "csv: W01 facebook S5" "weeks,2026-W01,2025-12-29,facebook,1,800,8,12,2,1"
has_line "csv: W02 facebook is S9 alone, without figures: blank, not 0" "weeks,2026-W02,2026-01-05,facebook,1,,,,,"
has_line "csv: December linkedin S1+S2+S4" "months,2025-12,2025-12-01,linkedin,3,2000,19,36,3,1"
has_line "csv: January facebook S5+S9" "months,2026-01,2026-01-01,facebook,2,800,8,12,2,1"
has_line "csv: campaign" "campaigns,Year end,Brand,2025-12-15,2026-01-31,16,5,31.3,2375,21,41"
has_line "csv: pillar Culture = the campaign's content" "pillars,Culture,5,2375,21,41,3,2"
has_line "csv: pillar Craft S7+S8" "pillars,Craft,2,1800,18,33,3,2"
has_line "csv: no pillar S5+S9" "pillars,(none),2,800,8,12,2,1"
for row in "a1,Alpha 1,Alpha,1,0,0,1,0,0,0" "a2,Alpha 2,Alpha,1,0,0,0,0,0,0" "a3,Alpha 3,Alpha,0,0,2,1,5,50,25" \
	   "a4,Alpha 4,Alpha,0,0,1,0,1,10,5" "b1,Beta 1,Beta,0,11,0,0,0,0,0" "b2,Beta 2,Beta,0,0,2,0,0,9,7" \
	   "b3,Beta 3,Beta,0,0,1,0,2,12,8" "b4,Beta 4,Beta,0,0,0,0,0,0,0" "g1,Gamma 1,Gamma,1,0,1,0,,," \
	   "g2,Gamma 2,Gamma,0,0,1,1,0,1,0" "g3,Gamma 3,Gamma,0,0,1,0,0,4,2" "g4,Gamma 4,Gamma,0,0,0,0,0,0,0"; do
	has_line "csv: person ${row%%,*}" "people,$row"
done
has_line "csv: team Alpha" "teams,Alpha,4,4,2,0,3,2,6,60,30"
has_line "csv: team Beta" "teams,Beta,4,3,0,11,3,0,2,21,15"
has_line "csv: team Gamma" "teams,Gamma,4,3,1,0,3,1,0,5,2"
has_line "csv: KPI" "kpis,Brand,shares,16,quarter,5,31.3"
has_line "csv: EMV linkedin" "emv,linkedin,10,2,0.5,3800,69,37,181.00"
has_line "csv: EMV x" "emv,x,5,1,0.25,375,5,2,5.13"
has_line "csv: EMV facebook" "emv,facebook,8,1.5,0.5,800,12,8,27.40"
has_line "csv: EMV total" "emv,total,,,,4975,86,47,213.53"

# --- JSON ---------------------------------------------------------------------
ch --db "$DB" report --format json
expect "json runs" 0
printf '%s' "$OUT" >"$T_DIR/r.json"
jq_is() {
	got=$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
e = sys.argv[2]
print(json.dumps(eval(e if e.startswith("[[") else "d" + e)))' "$T_DIR/r.json" "$1" 2>&1)
	if [ "$got" = "$2" ]; then ok "json: $1 = $2"; else not_ok "json: $1 = $2" "got $got"; fi
}
if need python3; then
	jq_is '["from"]' '"2025-12-22"'
	jq_is '["to"]' '"2026-01-09"'
	jq_is '["totals"]["shares"]' 9
	jq_is '["totals"]["impressions"]' 4975
	jq_is '["totals"]["emv"]' 213.53
	jq_is '["participants"]' '{"contributors": 3, "editors": 1, "sharers": 7, "conversers": 3}'
	jq_is '["emv"]["total"]' 213.53
	jq_is '["emv"]["platforms"][1]["emv"]' 5.13
	jq_is '["emv"]["platforms"][2]["emv"]' 27.4
	jq_is '["campaigns"][0]["progress_percent"]' 31.3
	jq_is '["kpis"][0]["progress_percent"]' 31.3
	jq_is '["weeks"][1]["week"]' '"2026-W01"'
	jq_is '["weeks"][1]["shares"]' 3
	jq_is '["weeks"][1]["platforms"]["linkedin"]["impressions"]' 600
	jq_is '["months"][0]["shares"]' 4
	jq_is '["weeks"][2]["platforms"]["facebook"]' '{"shares": 1, "impressions": null, "clicks": null, "reactions": null, "comments": null, "reshares": null}'
	jq_is '["months"][1]["platforms"]["facebook"]["impressions"]' 800
	jq_is '["months"][1]["platforms"]["facebook"]["shares"]' 2
	jq_is '[[p["login"], p["contributions"], p["edits"], p["shares"], p["conversations"], p["reactions"], p["clicks"]] for p in d["people"] if p["login"] in ("a1", "a3", "b1", "g1")]' \
		'[["a1", 1, 0, 0, 1, 0, 0], ["a3", 0, 0, 2, 1, 50, 25], ["b1", 0, 11, 0, 0, 0, 0], ["g1", 1, 0, 1, 0, null, null]]'
	jq_is '["conversations"]' '{"in_chorus": 3, "on_platforms": 8}'
	jq_is '[[p["login"], p["conversations"], p["platform_comments"]] for p in d["people"] if p["login"] in ("a3", "a4", "b3", "g1")]' \
		'[["a3", 1, 5], ["a4", 0, 1], ["b3", 0, 2], ["g1", 0, null]]'
	jq_is '[[t["name"], t["conversations"], t["platform_comments"]] for t in d["teams"]][:3]' \
		'[["Alpha", 2, 6], ["Beta", 0, 2], ["Gamma", 1, 0]]'
	jq_is '[[t["name"], t["people"], t["engaged"], t["edits"], t["shares"]] for t in d["teams"]][:3]' \
		'[["Alpha", 4, 4, 0, 3], ["Beta", 4, 3, 11, 3], ["Gamma", 4, 3, 0, 3]]'
else
	ok "# SKIP json checks: no python3"
fi

# --- the per-post listing (--posts) ---------------------------------------------------
# Each share's EMV by its platform's rates: S1 10 x 1 + 2 x (0.5 x 20 + 10) = 50;
# S2 4 + 2 x (3 + 4) = 18; S3 0.875 + 0.25 = 1.125 -> 1.13; S4 6 + 2 x (5 + 5) = 26;
# S5 6.4 + 1.5 x (6 + 8) = 27.40; S6 1 + (1 + 2) = 4; S7 15 + 2 x (15 + 15) = 75;
# S8 3 + 2 x (1.5 + 3) = 12; S9 not known.  In time order (share ids are in
# logging order: S4 and S5, imported last, are 8 and 9).
ch --db "$DB" report --posts --format csv
expect "--posts csv" 0
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
has_line "posts: heads" "section,share,shared_at,login,platform,message,content,url,impressions,clicks,reactions,comments,reshares,emv"
has_line "posts: S1" "posts,1,2025-12-24T12:00:00Z,a3,linkedin,$M1,$C1,,1000,10,20,2,1,50.00"
has_line "posts: S3, its URL, EMV half away from zero" "posts,3,2025-12-27T12:00:00Z,g2,x,$M2,$C1,https://x.com/g2/1,175,0,1,0,0,1.13"
has_line "posts: S4, imported" "posts,8,2025-12-31T12:00:00Z,a4,linkedin,$M1,$C1,,600,5,10,1,0,26.00"
has_line "posts: S8" "posts,6,2026-01-07T12:00:00Z,b2,linkedin,$M4,$C3,,300,3,3,0,0,12.00"
has_line "posts: S9 without figures" "posts,7,2026-01-08T12:00:00Z,g1,facebook,$M3,$C2,,,,,,,"
equals "posts: nine, one per share" "$(printf '%s\n' "$OUT" | grep -c '^posts,')" 9
ch --db "$DB" report --posts --format json
expect "--posts json" 0
printf '%s' "$OUT" >"$T_DIR/r.json"
if need python3; then
	jq_is '[[p["share"], p["emv"]] for p in d["posts"]]' '[[1, 50], [2, 18], [3, 1.13], [8, 26], [9, 27.4], [4, 4], [5, 75], [6, 12], [7, null]]'
	jq_is '["posts"][8]["impressions"]' null
	jq_is '["posts"][2]["url"]' '"https://x.com/g2/1"'
fi
ch --db "$DB" report --posts
expect "--posts is for csv and json" 2 "--posts lists every share: with --format csv or json"

# A day with only S9, whose figures never came: not known, not 0 (JSON null,
# CSV blank, text "-"); the share itself counts.
ch --db "$DB" report --since 2026-01-08 --until 2026-01-08
expect "S9's day" 0
has_line "text: figures not known" \
	"shares: 1, impressions: -, clicks: -, reactions: -, comments: -, reshares: -, earned media value: -"
has_line "text: facebook not known" "facebook  Facebook       1            -       -          -         -         -"
ch --db "$DB" report --since 2026-01-08 --until 2026-01-08 --format csv
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
has_line "csv: figures not known" "summary,Figures BV,2026-01-08,2026-01-08,1,,,,,,,0,0,1,0"
has_line "csv: platform conversations not known" "conversations,0,"
has_line "csv: EMV not known" "emv,facebook,8,1.5,0.5,,,,"
has_line "csv: EMV of a platform without shares is 0" "emv,x,5,1,0.25,0,0,0,0.00"
ch --db "$DB" report --since 2026-01-08 --until 2026-01-08 --format json
printf '%s' "$OUT" >"$T_DIR/r.json"
if need python3; then
	jq_is '["totals"]' '{"shares": 1, "impressions": null, "clicks": null, "reactions": null, "comments": null, "reshares": null, "emv": null}'
	jq_is '["emv"]["total"]' null
fi

# --- the period printed is the period counted (issue 14, point 1) ----------------
# Only --until 2025-12-31: from the first input (12-22) to 12-31.  In it: C1
# (a1) and C2 (g1) submitted; b1's 5 edits of C1 and 3 of C2; g2's comment
# (a3's is 2026-01-02, after); shares S1 S2 S3 S4 by a3 b2 g2 a4: taking part
# 2 contributing, 1 editing, 4 sharing, 1 in conversation.
ch --db "$DB" report --until 2025-12-31 --format csv
expect "--until alone" 0
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
has_line "--until alone: the period starts at the first input" \
	"summary,Figures BV,2025-12-22,2025-12-31,4,2175,19,37,3,1,95.13,2,1,4,1"
has_line "--until alone: b1's edits in the period" "people,b1,Beta 1,Beta,0,8,0,0,0,0,0"
has_line "--until alone: a3's comment is after" "people,a3,Alpha 3,Alpha,0,0,1,0,2,20,10"
has_line "--until alone: a2's contribution is after" "people,a2,Alpha 2,Alpha,0,0,0,0,0,0,0"
# Alpha: a1 (C1), a3 (S1), a4 (S4) took part.
has_line "--until alone: Alpha" "teams,Alpha,4,3,1,0,2,0,3,30,15"
# EMV of S1..S4: linkedin (S1 S2 S4: 2000 impressions, 36 reactions, 19 clicks)
# 10 x 2 + 2 x (0.5 x 36 + 19) = 94; x (S3) 5 x 0.175 + 0.25 x 1 = 1.125;
# total 95.125 -> 95.13 (exact in binary: "%.2f" gave 95.12).
# One week, W01 exactly (Monday 12-29 to Sunday 01-04): g1's C2, b1's 3 edits,
# a3's comment; shares S4 S5 S6 by the day they were shared.  EMV: linkedin
# (S4) 10 x 0.6 + 2 x (0.5 x 10 + 5) = 26; x (S6) 5 x 0.2 + (0.25 x 4 + 2) = 4;
# facebook (S5) 27.40; 57.40.  Taking part: g1; b1; a4 b3 g3; a3.
ch --db "$DB" report --since 2025-12-29 --until 2026-01-04 --format csv
expect "W01 alone" 0
OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
has_line "W01: summary" "summary,Figures BV,2025-12-29,2026-01-04,3,1600,15,26,3,2,57.40,1,1,3,1"
has_line "W01: g1" "people,g1,Gamma 1,Gamma,1,0,0,0,0,0,0"
has_line "W01: b1" "people,b1,Beta 1,Beta,0,3,0,0,0,0,0"
has_line "W01: a3" "people,a3,Alpha 3,Alpha,0,0,0,1,0,0,0"

# --- the digest of 2026-W01 --------------------------------------------------------
ch --db "$DB" digest --week 2026-W01
expect "digest runs" 0
# Shares S4 S5 S6 by a4 b3 g3; C2 approved 12-31; quiet (no activity in
# W50..W01): a2 (first input in W02), b4, g4 and the master.
has_line "digest: summary" "This week: 3 shares by 3 people; 1 item became ready; 4 quiet ambassadors."
has_line "digest: the win S5" "    1. b3 on facebook, 2026-01-01: 12 reactions, 8 clicks, 800 impressions; #$C2 New year hours"
has_line "digest: a4 is new" "    a4 (Alpha 4, Alpha), 2025-12-31"
has_line "digest: campaign by the end of W01, half away from zero" \
	"  Year end: 5 of 16 shares (31.3%), 2 this week; 2025-12-15 to 2026-01-31"
# Point 3: a4 and b3 shared in W01 (imported in W02): not quiet in the week
# they shared in, while they are its new ambassadors.
lacks_line "digest: a4 shared this week, not quiet" "  a4 (Alpha 4, Alpha): never active"
lacks_line "digest: b3 shared this week, not quiet" "  b3 (Beta 3, Beta): never active"
has_line "digest: a2 quiet" "  a2 (Alpha 2, Alpha): never active"
has_line "digest: b4 quiet" "  b4 (Beta 4, Beta): never active"

# --- the heatmap's weeks (activity_week) are the weeks shared ---------------------------
# Weeks since Monday 1970-01-05: 2025-W52 = 2920, 2026-W01 = 2921, W02 = 2922.
equals "heatmap: a4's share in W01" "$(sql "$DB" "SELECT week || ':' || shares FROM activity_week
	WHERE person_id = (SELECT id FROM people WHERE login = 'a4') AND shares > 0")" "2921:1"
equals "heatmap: b3's share in W01" "$(sql "$DB" "SELECT week || ':' || shares FROM activity_week
	WHERE person_id = (SELECT id FROM people WHERE login = 'b3') AND shares > 0")" "2921:1"
equals "heatmap: shares per week" "$(sql "$DB" "SELECT group_concat(w, ' ') FROM (SELECT week || '=' || sum(shares) AS w
	FROM activity_week GROUP BY week HAVING sum(shares) > 0 ORDER BY week)")" "2920=3 2921=3 2922=3"
# --- shares import and log (issue 14, point 4) ----------------------------------------
# Everything below changes the programme: the figures above are checked first.
export CHORUS_NOW=2026-01-09T13:00
at 2026-01-09T13:00 people set b4 --active no >/dev/null
at 2026-01-09T13:00 content archive "$C2" >/dev/null
n_shares() { sql "$DB" "SELECT count(*) FROM shares"; }
n0=$(n_shares)
# Line 2: b4 is inactive.  Line 3: tomorrow.  Lines 4 and 5: S1 twice.
cat >"$T_DIR/bad.csv" <<CSV
message_id,url,login,platform,date,impressions,clicks,reactions,comments,reshares
$M1,,b4,linkedin,2026-01-02,1,1,1,1,1
$M1,,a4,linkedin,2026-01-10,1,1,1,1,1
$M1,,a3,linkedin,2025-12-24,1001,,,,
$M1,,a3,linkedin,2025-12-24,1002,,,,
CSV
snap "$DB"
ch --db "$DB" shares import "$T_DIR/bad.csv"
expect "import: bad rows refuse the file" 2
f="$T_DIR/bad.csv"
has_err() {
	if printf '%s\n' "$ERR" | grep -qxF -- "chorus: $2"; then ok "$1"
	else not_ok "$1" "no line: chorus: $2" "stderr: $ERR"; fi
}
has_err "import: an inactive person gets no new share" "$f:2: login: b4 is inactive: no new shares for them"
has_err "import: a future date is the date's fault" "$f:3: date: 2026-01-10 is in the future"
has_err "import: a second row of one share names both lines" "$f:5: the same share as line 4: one row per share"
unchanged "import: nothing imported" "$DB"

# A past share (2026-01-03) of C2, archived since (today): logged, and C2
# stays archived.  Another URL for S3 (same message, person, platform, day):
# the share already known gets the figures, no second share.
cat >"$T_DIR/good.csv" <<CSV
message_id,url,login,platform,date,impressions,clicks,reactions,comments,reshares
$M3,,g4,facebook,2026-01-03,90,1,2,0,0
$M2,https://x.com/g2/other,g2,x,2025-12-27,180,,,,
CSV
ch --db "$DB" shares import "$T_DIR/good.csv"
expect "import: a past share of archived content, a known share with another URL" 0 "" \
	"2 rows: 1 new share, 1 updated, 0 unchanged"
equals "import: one share more" "$(n_shares)" "$((n0 + 1))"
equals "import: the archived content stays archived" "$(sql "$DB" "SELECT stage FROM content WHERE id = $C2")" archived
equals "import: S3 got the figures" "$(sql "$DB" "SELECT impressions || ' ' || url FROM shares WHERE url LIKE 'https://x.com/g2/%'")" \
	"180 https://x.com/g2/1"
# S9's figures come in, all 0: known now (0, not blank), an update.
cat >"$T_DIR/zero.csv" <<CSV
message_id,url,login,platform,date,impressions,clicks,reactions,comments,reshares
$M3,,g1,facebook,2026-01-08,0,0,0,0,0
CSV
ch --db "$DB" shares import "$T_DIR/zero.csv"
expect "import: figures of 0 for a share without any" 0 "" "1 row: 0 new shares, 1 updated, 0 unchanged"
OUT=$(ch --db "$DB" report --since 2026-01-08 --until 2026-01-08 --format csv; printf '%s' "$OUT" | tr -d '\r')
has_line "import: S9's figures are known, 0" "summary,Figures BV,2026-01-08,2026-01-08,1,0,0,0,0,0,0.00,0,0,1,0"
# Today's date before noon: dated now, not noon (in the future).
cat >"$T_DIR/today.csv" <<CSV
message_id,url,login,platform,date,impressions,clicks,reactions,comments,reshares
$M4,,g4,linkedin,2026-01-09,,,,,
CSV
CHORUS_NOW=2026-01-09T09:00 ch --db "$DB" shares import "$T_DIR/today.csv"
expect "import: a share of today, before noon" 0 "" "1 new share"
equals "import: dated now" "$(sql "$DB" "SELECT datetime(max(shared_at), 'unixepoch') FROM shares")" "2026-01-09 09:00:00"
# --- one clock: UTC, whatever TZ says (issue 14, point 7) ----------------------------------
# Sunday 2026-01-11 23:30 UTC is the last half hour of 2026-W02; in TZ=UTC-14
# it is Monday 13:30 already, in TZ=UTC+8 Sunday 15:30.  Logged from the +14
# side, it is W02 and Sunday for both, and content show prints 23:35 for both.
# W02 then has S7 S8 S9, g4's of 01-09 and this one: 5 shares by a3 b2 g1 g4 g2.
CHORUS_NOW=2026-01-11T23:35 TZ=UTC-14 "$CHORUS" --db "$DB" --as g2 shares log "$M4" --at 2026-01-11T23:30 >/dev/null
CHORUS_NOW=2026-01-11T23:35 TZ=UTC-14 "$CHORUS" --db "$DB" --as g2 content comment "$C3" "Late on Sunday." >/dev/null
for tz in UTC-14 UTC+8; do
	OUT=$(CHORUS_NOW=2026-01-12T08:00 TZ=$tz "$CHORUS" --db "$DB" report --since 2026-01-11 --until 2026-01-11 --format csv | tr -d '\r')
	has_line "TZ=$tz: the Sunday share is on Sunday 01-11" "weeks,2026-W02,2026-01-05,linkedin,1,,,,,"
	OUT=$(CHORUS_NOW=2026-01-12T08:00 TZ=$tz "$CHORUS" --db "$DB" report --since 2026-01-12 --format csv | tr -d '\r')
	has_line "TZ=$tz: nothing on Monday 01-12" "summary,Figures BV,2026-01-12,2026-01-12,0,0,0,0,0,0,0.00,0,0,0,0"
	OUT=$(CHORUS_NOW=2026-01-12T08:00 TZ=$tz "$CHORUS" --db "$DB" digest --week 2026-W02)
	has_line "TZ=$tz: the digest of W02 has g2's share" "This week: 5 shares by 5 people; 1 item became ready; 1 quiet ambassador."
	OUT=$(CHORUS_NOW=2026-01-12T08:00 TZ=$tz "$CHORUS" --db "$DB" content show "$C3")
	has_line "TZ=$tz: content show prints UTC" "comment by g2 at 2026-01-11 23:35:"
	has_line "TZ=$tz: history in UTC" "  2026-01-05 10:00  submit   $ME for a2 {\"title\":\"Welding course\",\"kind\":\"story\",\"pillar\":\"Craft\",\"media\":0}"
done
# --- each period with the roster of that period (issue 14, point 5) ------------------------
# b4 left on 2026-01-09 (above); on 2026-01-10 n1 joins Alpha and g4 moves from
# Gamma to Alpha.  Up to 2026-01-04: n1 was not there, g4 was in Gamma, b4 was
# in Beta (4 people each).  From 2026-01-12: b4 is gone, n1 and g4 are in Alpha
# (a1..a4, n1, g4: 6), Beta b1..b3 (3), Gamma g1..g3 (3).
at 2026-01-10T09:00 people add n1 --name "New 1" --team Alpha >/dev/null
at 2026-01-10T09:00 people set g4 --team Alpha >/dev/null
OUT=$(CHORUS_NOW=2026-01-12T08:00 "$CHORUS" --db "$DB" report --until 2026-01-04 --format csv | tr -d '\r')
# Up to 01-04 (from 12-22), with the share g4 made on 01-03 (imported above:
# 2 reactions, 1 click): Alpha a1 (C1) a3 (S1, comment of 01-02) a4 (S4) took
# part, 30 reactions, 15 clicks; Beta b1 (8 edits) b2 (S2) b3 (S5): 6 + 12, 4 + 8;
# Gamma g1 (C2) g2 (S3, comment) g3 (S6) g4: 1 + 4 + 2, 0 + 2 + 1.
has_line "roster of W01: g4 in Gamma then" "people,g4,Gamma 4,Gamma,0,0,1,0,0,2,1"
has_line "roster of W01: b4 still there" "people,b4,Beta 4,Beta,0,0,0,0,0,0,0"
if printf '%s\n' "$OUT" | grep -q '^people,n1,'; then not_ok "roster of W01: n1 had not joined" "$OUT"
else ok "roster of W01: n1 had not joined"; fi
has_line "roster of W01: Alpha had 4" "teams,Alpha,4,3,1,0,2,1,3,30,15"
has_line "roster of W01: Gamma had 4" "teams,Gamma,4,4,1,0,3,1,0,7,3"
has_line "roster of W01: Beta had 4" "teams,Beta,4,3,0,8,2,0,2,18,12"
OUT=$(CHORUS_NOW=2026-01-12T08:00 "$CHORUS" --db "$DB" report --since 2026-01-12 --format csv | tr -d '\r')
has_line "roster from 01-12: n1" "people,n1,New 1,Alpha,0,0,0,0,0,0,0"
has_line "roster from 01-12: g4 in Alpha" "people,g4,Gamma 4,Alpha,0,0,0,0,0,0,0"
if printf '%s\n' "$OUT" | grep -q '^people,b4,'; then not_ok "roster from 01-12: b4 has left" "$OUT"
else ok "roster from 01-12: b4 has left"; fi
has_line "roster from 01-12: Alpha 6" "teams,Alpha,6,0,0,0,0,0,0,0,0"
has_line "roster from 01-12: Beta 3" "teams,Beta,3,0,0,0,0,0,0,0,0"
has_line "roster from 01-12: Gamma 3" "teams,Gamma,3,0,0,0,0,0,0,0,0"
# The digest of W01 measured now: its roster is the one at its end (Sunday
# 01-04): b4 in Beta, g4 in Gamma, no n1.  Shares S4 S5 S6 and g4's of 01-03
# (imported above): 4 by 4 people, each their first (a4 b3 g3 g4).  C2 is
# archived since: no item "became ready".  Quiet in W50..W01: a2 (first input
# in W02), b4 (left only on 01-09) and the master: 3; not n1 (joined 01-10).
OUT=$(CHORUS_NOW=2026-01-12T08:00 "$CHORUS" --db "$DB" digest --week 2026-W01)
has_line "digest of W01 now: summary" "This week: 4 shares by 4 people; 0 items became ready; 3 quiet ambassadors."
has_line "digest of W01 now: g4 new, in Gamma then" "    g4 (Gamma 4, Gamma), 2026-01-03"
has_line "digest of W01 now: b4 quiet, there then" "  b4 (Beta 4, Beta): never active"
lacks_line "digest of W01 now: n1 had not joined" "  n1 (New 1, Alpha): never active"
# W02's end (Sunday 01-11): b4 has left, n1 is in Alpha and never active; the
# others did something in W02 or before (a2 submitted C3 on 01-05): n1 and the
# master are quiet.
OUT=$(CHORUS_NOW=2026-01-12T08:00 "$CHORUS" --db "$DB" digest --week 2026-W02)
has_line "digest of W02 now: summary" "This week: 5 shares by 5 people; 1 item became ready; 2 quiet ambassadors."
has_line "digest of W02 now: n1 quiet in Alpha" "  n1 (New 1, Alpha): never active"
lacks_line "digest of W02 now: b4 has left" "  b4 (Beta 4, Beta): never active"

# --- KPI periods are calendar periods (issue 14, point 8) ---------------------------------
# A file of schema 5 whose KPI period is the old free text "quarter": opened
# (and migrated) on 2026-01-12 it becomes that quarter, 2026-Q1.
sql "$DB" "UPDATE goals SET kpi_period = 'quarter'; PRAGMA user_version = 5;"
CHORUS_NOW=2026-01-12T08:00 "$CHORUS" --db "$DB" people list >/dev/null 2>&1
equals "migration: \"quarter\" is the quarter of the migration" "$(sql "$DB" "SELECT kpi_period FROM goals")" 2026-Q1
# The latest schema, as a new file has it (later migrations run too).
"$CHORUS" --db "$T_DIR/latest.db" init --org L >/dev/null 2>&1
equals "migration: the latest schema" "$(sql "$DB" "PRAGMA user_version")" "$(sql "$T_DIR/latest.db" "PRAGMA user_version")"
# The KPI is measured over its own period, whatever the report's: a report
# from 2026-01-12 (no shares) still counts Brand's 2026-Q1 shares of content
# in "Year end" (C1's M1 and M2): S6 (01-02) alone, 1 of 16 = 6.25% -> 6.3%.
OUT=$(CHORUS_NOW=2026-01-12T08:00 "$CHORUS" --db "$DB" report --since 2026-01-12 --format csv | tr -d '\r')
has_line "KPI over 2026-Q1, not the report's period" "kpis,Brand,shares,16,2026-Q1,1,6.3"
# 2025-Q4: S1 S2 S3 (12-24 .. 12-27) and S4 (12-31) = 4 of 16 = 25.0%, in a
# report of W02 (01-05 .. 01-11) that has none of them.
sql "$DB" "UPDATE goals SET kpi_period = '2025-Q4'"
OUT=$(CHORUS_NOW=2026-01-12T08:00 "$CHORUS" --db "$DB" report --since 2026-01-05 --until 2026-01-11 | tr -d '\r')
has_line "text: KPI over 2025-Q4" "Brand  shares      16  2025-Q4       4     25.0%"
OUT=$(CHORUS_NOW=2026-01-12T08:00 "$CHORUS" --db "$DB" report --since 2026-01-05 --until 2026-01-11 --format csv | tr -d '\r')
has_line "csv: KPI over 2025-Q4" "kpis,Brand,shares,16,2025-Q4,4,25.0"
OUT=$(CHORUS_NOW=2026-01-12T08:00 "$CHORUS" --db "$DB" report --since 2026-01-05 --until 2026-01-11 --format json)
printf '%s' "$OUT" >"$T_DIR/r.json"
if need python3; then
	jq_is '[[k["period"], k["from"], k["to"], k["actual"], k["progress_percent"]] for k in d["kpis"]]' \
		'[["2025-Q4", "2025-10-01", "2025-12-31", 4, 25]]'
fi
# A strategy file with a period that is not a calendar period: refused with
# its file, line and field.
cat >"$T_DIR/kpi.yaml" <<YAML
organisation: "Figures BV"
goals:
  - title: "Brand"
    kpi: { metric: shares, target: 16, period: quarter }
YAML
ch --db "$DB" strategy import "$T_DIR/kpi.yaml"
expect "strategy import: a free-text KPI period is refused" 2 \
	"$T_DIR/kpi.yaml:4:48: goals[0].kpi.period: must be a calendar period: 2026 (a year), 2026-H2, 2026-Q4 or 2026-11"
finish
