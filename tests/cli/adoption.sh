# adoption.sh — adoption against the organisation (issue 13, part 4) in the
# report (text, CSV, JSON) and the digest, on the programme of
# tests/fixtures/figures/dataset.sh, worked out by hand from it:
#
# Registered (the roster): the master and a1..g4 = 13 in every week.
# Shared (distinct people, by the day shared) and took part (any
# contribution, edit, share or conversation):
#   2025-W52  a3 b2 g2 shared = 3;   a1 (C1) b1 (edits) g2 a3 b2 = 5
#   2026-W01  a4 b3 (imported later, counted on the day shared) g3 = 3;
#             g1 (C2) b1 a3 (comment) a4 b3 g3 = 6
#   2026-W02  a3 b2 g1 = 3;          a2 (C3) b1 a1 (comment) a3 b2 g1 = 6
# Without a headcount, of the 13 registered: 3/13 = 23.1%, 5/13 = 38.5%,
#   6/13 = 46.2%; milestones 1 5 10: all reached.
# With organisation.headcount 60 from 2025-12-01 and 100 from Thu 2026-01-01
# (inside W01, so from W01 on):
#   W52 3/60 = 5.0% (5% reached, next 10), 5/60 = 8.3%
#   W01 3/100 = 3.0% (1% reached, next 5), 6/100 = 6.0%
#   W02 3/100 = 3.0%, 6/100 = 6.0%
. tests/lib/tap.sh
. tests/fixtures/figures/dataset.sh
export CHORUS_NOW=2026-01-09T12:00

# --- no headcount: the people registered stand in, and say so -----------------------
ch --db "$DB" report
expect "report runs" 0
has_line "text: the week in words, of the registered" \
	"adoption in 2026-W02: 23.1% shared, 46.2% took part, of 13 people registered (no headcount set); milestone 10% reached, every milestone reached"
has_line "text: the table's title says no headcount is set" \
	"Adoption per week: who shared, and who took part at all, of the people registered in chorus (no headcount set: organisation.headcount); milestones 1% 5% 10%"
has_line "text: W52 of the registered" \
	"2025-W52  registered      13        3              23.1          5               38.5         10               -"
ch --db "$DB" report --format csv
OUT=$(printf '%s' "$OUT" | tr -d '\r')
has_line "csv: the adoption header" \
	"section,week,of,people,sharers,adoption_percent,took_part,took_part_percent,milestone,next_milestone"
has_line "csv: W52 of the registered" "adoption,2025-W52,registered,13,3,23.1,5,38.5,10,"
has_line "csv: W01 of the registered" "adoption,2026-W01,registered,13,3,23.1,6,46.2,10,"

# --- the headcount, through the strategy file ---------------------------------------
# (the dataset writes its goal's KPI period as free text, which a strategy
# file refuses: a calendar period instead)
sql "$DB" "UPDATE goals SET kpi_period = '2026-Q1'"
ch --db "$DB" strategy export "$T_DIR/s.yaml"
expect "export the strategy" 0
sed 's/^organisation: "Figures BV"$/organisation:\n  name: "Figures BV"\n  headcount:\n    - {from: 2025-12-01, count: 60}\n    - {from: 2026-01-01, count: 100}/' \
	"$T_DIR/s.yaml" >"$T_DIR/h.yaml"
ch --db "$DB" strategy import "$T_DIR/h.yaml"
expect "import the headcount" 0 "" "changed the headcount and milestones"
equals "database: the two changes" "$(sql "$DB" "SELECT date(from_day, 'unixepoch') || ' ' || count FROM headcount ORDER BY from_day" | tr '\n' ' ')" \
	"2025-12-01 60 2026-01-01 100 "
equals "database: audited" "$(sql "$DB" "SELECT json_extract(detail, '\$.headcount[1].count') FROM events WHERE entity = 'organisation' AND action = 'headcount'")" 100

ch --db "$DB" report
has_line "text: the week in words, of the headcount" \
	"adoption in 2026-W02: 3.0% shared, 6.0% took part, of the headcount of 100; milestone 1% reached, next 5%"
has_line "text: the table's title names the headcount" \
	"Adoption per week: who shared, and who took part at all, of the organisation's headcount; milestones 1% 5% 10%"
ch --db "$DB" report --format csv
OUT=$(printf '%s' "$OUT" | tr -d '\r')
has_line "csv: W52 of 60, 5% reached" "adoption,2025-W52,headcount,60,3,5.0,5,8.3,5,10"
has_line "csv: W01 of 100 (the change inside it counts)" "adoption,2026-W01,headcount,100,3,3.0,6,6.0,1,5"
has_line "csv: W02 of 100" "adoption,2026-W02,headcount,100,3,3.0,6,6.0,1,5"

ch --db "$DB" report --format json
expect "json runs" 0
printf '%s' "$OUT" >"$T_DIR/r.json"
if need python3; then
	jget() {
		python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print(json.dumps(eval("d" + sys.argv[2])))' "$T_DIR/r.json" "$1"
	}
	equals "json: headcount set" "$(jget '["adoption"]["headcount_set"]')" true
	equals "json: milestones" "$(jget '["adoption"]["milestones"]')" "[1, 5, 10]"
	equals "json: W52" "$(jget '["adoption"]["weeks"][0]')" \
		'{"week": "2025-W52", "of": "headcount", "headcount": 60, "registered": 13, "sharers": 3, "adoption_percent": 5, "took_part": 5, "took_part_percent": 8.3, "milestone": 5, "next_milestone": 10}'
	equals "json: W02" "$(jget '["adoption"]["weeks"][2]["adoption_percent"], d["adoption"]["weeks"][2]["next_milestone"]')" "[3, 5]"
fi

# --- the digest: the trend of the week and the three before ------------------------------
ch --db "$DB" digest --week 2026-W02
expect "digest runs" 0
has_line "digest: the section" "ADOPTION (of the organisation's headcount; milestones 1% 5% 10%)"
has_line "digest: W52" "  2025-W52: 5.0% shared, 8.3% took part, of the headcount of 60; milestone 5% reached, next 10%"
has_line "digest: W02" "  2026-W02: 3.0% shared, 6.0% took part, of the headcount of 100; milestone 1% reached, next 5%"
# W51 (12-15 .. 12-21): nobody did anything; 60 already (from 12-01).
has_line "digest: W51, nothing yet" "  2025-W51: 0.0% shared, 0.0% took part, of the headcount of 60; no milestone reached yet, next 1%"

# --- own milestones; a bad headcount is refused with its place ---------------------------
sed 's/^    - {from: 2026-01-01, count: 100}$/&\n  milestones: [4, 8]/' "$T_DIR/h.yaml" >"$T_DIR/m.yaml"
ch --db "$DB" strategy import "$T_DIR/m.yaml"
expect "import milestones 4 8" 0
equals "database: milestones" "$(sql "$DB" "SELECT value FROM settings WHERE key = 'milestones'")" "4,8"
ch --db "$DB" report --format csv
OUT=$(printf '%s' "$OUT" | tr -d '\r')
has_line "csv: W52 5% reaches 4, next 8" "adoption,2025-W52,headcount,60,3,5.0,5,8.3,4,8"
has_line "csv: W01 3% reaches none, next 4" "adoption,2026-W01,headcount,100,3,3.0,6,6.0,,4"
sed 's/count: 100}/count: 0}/' "$T_DIR/h.yaml" >"$T_DIR/bad.yaml"
refused "a headcount of 0 is refused" 2 "bad.yaml:6:33: organisation.headcount[1].count: expected a whole number from 1" \
	strategy import "$T_DIR/bad.yaml"

# --- the examples carry a headcount and import as they are ---------------------------------
for ex in en nl; do
	rm -f "$T_DIR/ex.db"*
	ch --db "$T_DIR/ex.db" init --org X
	ch --db "$T_DIR/ex.db" strategy import "examples/strategy-$ex.yaml"
	expect "examples/strategy-$ex.yaml imports" 0 "" "the headcount and milestones"
	equals "examples/strategy-$ex.yaml: two dated changes" "$(sql "$T_DIR/ex.db" "SELECT count(*) FROM headcount WHERE from_day > 0")" 2
done
echo "1..$T_N"
[ "$T_FAILED" = 0 ]
