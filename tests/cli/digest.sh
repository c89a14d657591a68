# digest.sh — chorus digest of a fixed week equals the golden file
# tests/fixtures/measure/digest-2026-W45.txt; the default week; settings;
# bad weeks.
#
# Week 2026-W45 (Mon 11-02 .. Sun 11-08) of the dataset, by hand: shares S5
# (eva, 11-04, 30 reactions) and S6 (carla, 11-05, 2 reactions); C3 became
# ready on 11-03 (M4, and the long variant written below); eva shared for the
# first time; Autumn open day has S1 S2 S3 S7 S6 = 5 of 8 by Sunday, S6 this
# week; Winter hiring starts in December; in W42..W45 everyone did something
# except frits (the master comments below, so the OS login is not quiet).
# Adoption, no headcount set, so of the 7 people registered (the master and
# six): W42 dirk (S3) and bram (S7, imported) shared = 2/7 = 28.6%, bram
# anne dirk took part = 3/7 = 42.9%; W43 carla (S4) 1/7 = 14.3% both; W44
# nothing; W45 eva carla shared 2/7 = 28.6%, carla anne eva and the master
# took part 4/7 = 57.1%.  Milestones 1 5 10: 10% reached but in W44.
# Content requests open at the end of W45: R1 (due 11-06, so overdue by
# Sunday; marked done only in W46) and R2; R3 was cancelled within the week,
# R4 asked in W46.
. tests/lib/tap.sh
. tests/fixtures/measure/dataset.sh
GOLDEN=tests/fixtures/measure/digest-2026-W45.txt

at 2026-11-06T09:00 content comment "$C1" "Thanks, all of you." >/dev/null
at 2026-11-06T10:00 --as anne message add "$C3" --platform linkedin \
	--text "Een dag uit het leven van ons supportteam: koffie, café-gesprekken en héél veel klanten die bellen." >/dev/null

at 2026-11-03T10:00 --as anne request add --to team:Support --due 2026-11-06 \
	--brief "Photos of the new support desk" >/dev/null
at 2026-11-04T10:00 --as anne request add --to eva --due 2026-11-20 --brief "A customer story" >/dev/null
at 2026-11-04T11:00 --as anne request add --to bram --due 2026-11-30 --brief "Never mind" >/dev/null
at 2026-11-05T11:00 --as anne request cancel 3 >/dev/null
at 2026-11-09T09:00 --as anne request done 1 >/dev/null
at 2026-11-09T10:00 --as anne request add --to dirk --due 2026-11-30 --brief "Asked later" >/dev/null
equals "four requests were asked" "$(sql "$DB" "SELECT count(*) FROM requests")" 4

CHORUS_NOW=2026-11-10T10:00 ch --db "$DB" digest
expect "the digest of last week" 0
printf '%s\n' "$OUT" >"$T_DIR/digest.txt"
if diff -u "$GOLDEN" "$T_DIR/digest.txt" >"$T_DIR/diff"; then ok "equals the golden file"
else not_ok "equals the golden file" "$(cat "$T_DIR/diff")"; fi

CHORUS_NOW=2027-03-01 ch --db "$DB" digest --week 2026-W45
printf '%s\n' "$OUT" >"$T_DIR/digest2.txt"
if cmp -s "$GOLDEN" "$T_DIR/digest2.txt"; then ok "--week 2026-W45 gives the same text later"
else not_ok "--week 2026-W45 gives the same text later" "$(diff -u "$GOLDEN" "$T_DIR/digest2.txt")"; fi

# On Sunday evening week 45 is not complete yet: the digest is of week 44.
CHORUS_NOW=2026-11-08T23:00 ch --db "$DB" digest
expect "the default is the last complete week" 0 "" "week 2026-W44: Monday 2026-10-26 to Sunday 2026-11-01 (UTC)"
expect "a week without shares says so" 0 "" "This week: 0 shares by 0 people; 0 items became ready;"
expect "no request was open at the end of W44" 0 "" "OPEN CONTENT REQUESTS
  none open"

# The quiet list follows the quiet_weeks setting: in W45 with 1 week, dirk
# (last active W42) and bram (W42) are quiet too.
sqlite3 "$DB" "INSERT INTO settings(key, value) VALUES ('quiet_weeks', '1')"
ch --db "$DB" digest --week 2026-W45
expect "quiet_weeks is honoured" 0 "" "QUIET AMBASSADORS (no activity in the last 1 week)"
expect "quiet: dirk, last active in W42" 0 "" "  dirk (Dirk Jansen, Support): last active 2026-W42"

ch --db "$DB" --as frits digest --week 2026-W45
expect "anyone may read the digest" 0 "" "chorus weekly digest: Test BV"

for w in 2025-W53 2026-W00 2026-W5 2026-w45 2026-45 tomorrow; do
	ch --db "$DB" digest --week "$w"
	expect "--week $w is refused" 2 "--week '$w' is not an ISO week"
done
ch --db "$DB" digest --week 2026-W53
expect "2026 has a week 53" 0 "" "week 2026-W53: Monday 2026-12-28 to Sunday 2027-01-03 (UTC)"
finish
