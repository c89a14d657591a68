#!/bin/sh
# lists.sh — one output convention for every list (issue 16): people list,
# content list, message list and theme list each print the same columns in
# text, tsv, csv and json, with a value that has several lines, one with a tab
# and a backslash, and non-ASCII (é, 日本) in each.  tsv, csv (python3's csv
# module) and json (python3's json) read back to the same rows, the stored
# values exactly; text is the header in capitals and the cells escaped
# (\t \n \r \\) in columns aligned by display width.  On a terminal (script -qc)
# text is the default and long cells are cut with "…" to fit the window; in a
# pipe tsv is.  A bad --format is exit 2 naming the value and the choices.
. tests/lib/tap.sh

DB=$T_DIR/chorus.db
pipeline_fixture "Lists BV"
"$CHORUS" --db "$DB" message add 1 --platform linkedin --text "plain" >/dev/null
"$CHORUS" --db "$DB" message add 1 --platform x --text "short" >/dev/null

# core refuses tabs and line breaks in names and titles on the way in; a file
# can hold them all the same (an older version, the sqlite3 shell), so they
# are planted.  Each value: two lines, a tab, a backslash, é and 日本.
PEOPLE_V=$(printf 'Zoë 日本\tTab\nsecond line \\ end')
CONTENT_V=$(printf 'Café 日本\ttitle\nnext \\ line')
MESSAGE_V=$(printf 'Hé 日本 first\nsecond\tline \\ ok')
# A theme's description comes in with its tabs and line breaks as spaces (the
# theme loader's rule); its name is its file's, which may hold them.
THEME_V=$(printf 'Thème 日本\tdark\nsecond')
q() { printf '%s' "$1" | sed "s/'/''/g"; }
sql "$DB" "INSERT INTO teams(name) VALUES('Équipe 日本');
	UPDATE people SET name = '$(q "$PEOPLE_V")', team_id = (SELECT id FROM teams WHERE name = 'Équipe 日本')
		WHERE login = 'ed';
	UPDATE content SET title = '$(q "$CONTENT_V")' WHERE id = 1;
	UPDATE messages SET text = '$(q "$MESSAGE_V")' WHERE content_id = 1 AND variant = 1
		AND platform_id = (SELECT id FROM platforms WHERE key = 'linkedin');"
check "the values are planted" [ "$(sql "$DB" "select count(*) from people where name = '$(q "$PEOPLE_V")'")" = 1 ]
mkdir -p "$XDG_CONFIG_HOME/chorus/themes"
printf 'description: "Th\\u00e8me \\u65e5\\u672c\\tdark\\nsecond \\\\ line"\n' >"$XDG_CONFIG_HOME/chorus/themes/$THEME_V.yaml"
export CHORUS_THEME_DIR="$PWD/themes"

# The reader: the outputs of one list in $T_DIR/F.{tsv,csv,json,text}, the
# stored value in $T_DIR/value; prints "ok|NAME" or "not ok|NAME|WHY" lines.
cat >"$T_DIR/check.py" <<'PY'
import csv, io, json, os, sys, unicodedata
d, name, cols, keycol, key, col, nums = sys.argv[1:8]
cols = cols.split(","); nums = set(nums.split(",")) if nums else set()
value = open(d + "/value", encoding="utf-8").read()
def read(ext):
    return open("%s/%s.%s" % (d, name, ext), encoding="utf-8", newline="").read()
def say(good, what, why=""):
    print(("ok|%s %s" if good else "not ok|%s %s|" + why.replace("\n", "\\n")) % (name, what))
def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(s[i + 1], "?")); i += 2
        else:
            out.append(s[i]); i += 1
    return "".join(out)
tsv = read("tsv")
lines = tsv.split("\n")
say(lines[-1] == "" and all(l.count("\t") == len(cols) - 1 for l in lines[:-1]),
    "tsv: one line per row, every cell in its column", tsv)
rows_tsv = [[unescape(c) for c in l.split("\t")] for l in lines[:-1]]
rows_csv = list(csv.reader(io.StringIO(read("csv"))))
js = json.loads(read("json"))
rows_json = [cols] + [[("" if o[c] is None else str(o[c])) for c in cols] for o in js]
say(rows_tsv[0] == cols, "tsv: the header row names the columns", repr(rows_tsv[0]))
say(rows_csv[0] == cols, "csv: the header row names the columns", repr(rows_csv[0]))
say(all(list(o) == cols for o in js), "json: every object has the columns as keys", repr(js[:1]))
say(all(isinstance(o[c], int) for o in js for c in nums) and
    all(isinstance(o[c], str) for o in js for c in cols if c not in nums),
    "json: numeric columns are numbers, the rest strings", repr(js[:1]))
say(rows_tsv == rows_csv == rows_json, "tsv, csv and json hold the same rows",
    "tsv %r\ncsv %r\njson %r" % (rows_tsv, rows_csv, rows_json))
k, c = cols.index(keycol), cols.index(col)
hit = [r[c] for r in rows_csv[1:] if r[k] == key]
say(hit == [value], "csv: the value read back exactly (lines, tab, backslash, é, 日本)", repr(hit))
hit = [r[c] for r in rows_tsv[1:] if r[k] == key]
say(hit == [value], "tsv: the value unescaped is exactly the stored one", repr(hit))
hit = [str(o[col]) for o in js if str(o[keycol]) == key]
say(hit == [value], "json: the value read back exactly", repr(hit))
# text: what the rows look like escaped, in columns aligned by display width
def width(s):
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in s)
def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") or "-"
cells = [[h.upper().replace("_", " ") for h in cols]] + [[esc(v) for v in r] for r in rows_tsv[1:]]
w = [max(width(r[i]) for r in cells) for i in range(len(cols))]
def pad(s, i):
    p = " " * (w[i] - width(s))
    return p + s if cols[i] in nums else s + p
want = "".join("  ".join(pad(s, i) for i, s in enumerate(r)).rstrip() + "\n" for r in cells)
text = read("text")
say(text == want, "text: header and escaped cells aligned by display width", "got:\n" + text + "want:\n" + want)
for ext, cut in (("tty", 0), ("narrow", 1)):
    t = read(ext).replace("\r\n", "\n")
    if not cut:
        say(t == want, "on a terminal: text is the default, aligned, nothing cut", "got:\n" + t + "want:\n" + want)
    else:
        ls = t.rstrip("\n").split("\n")
        cols = int(os.environ.get("NARROW", "40"))
        say(max(width(l) for l in ls) <= cols and "\u2026" in t and ls[0].split()[0] == cells[0][0] and
            len(ls) == len(cells), "on a %d-column terminal: every line fits, long cells end in …" % cols, t)
PY

# lst NAME KEYCOL KEY COL NUMERIC-COLUMNS COLUMNS ARGS...: every format of chorus ARGS, checked.
lst() {
	name=$1 keycol=$2 key=$3 col=$4 nums=$5 cols=$6
	shift 6
	for f in tsv csv json text; do
		"$CHORUS" --db "$DB" "$@" --format "$f" >"$T_DIR/$name.$f" 2>"$T_DIR/err"
		rc=$?
		[ "$rc" = 0 ] || not_ok "$name --format $f: exit $rc" "$(cat "$T_DIR/err")"
	done
	"$CHORUS" --db "$DB" "$@" >"$T_DIR/$name.default" 2>/dev/null </dev/null
	check "$name: in a pipe the default is tsv" cmp -s "$T_DIR/$name.default" "$T_DIR/$name.tsv"
	cmdline="'$CHORUS' --db '$DB'"
	for a in "$@"; do cmdline="$cmdline '$a'"; done
	script -qc "stty cols 200; $cmdline" /dev/null >"$T_DIR/$name.tty" 2>&1 </dev/null
	script -qc "stty cols ${NARROW:-40}; $cmdline" /dev/null >"$T_DIR/$name.narrow" 2>&1 </dev/null
	python3 "$T_DIR/check.py" "$T_DIR" "$name" "$cols" "$keycol" "$key" "$col" "$nums" >"$T_DIR/verdicts" 2>&1
	while IFS='|' read -r verdict what why; do
		if [ "$verdict" = ok ]; then ok "$what"; else not_ok "${what:-$verdict}" "$why"; fi
	done <"$T_DIR/verdicts"
}

if ! need python3 || ! need script; then
	finish
	exit 1
fi
printf '%s' "$PEOPLE_V" >"$T_DIR/value"
# Seven columns' heads alone are wider than 40: a 60-column terminal.
NARROW=60 lst "people list" login ed name "" login,name,team,roles,active,state,since people list
printf '%s' "$CONTENT_V" >"$T_DIR/value"
lst "content list" id 1 title id id,stage,creator,pillar,title content list
printf '%s' "$MESSAGE_V" >"$T_DIR/value"
lst "message list" platform linkedin text id,variant id,platform,variant,text message list 1
printf '%s' "$THEME_V" >"$T_DIR/value"
lst "theme list" description 'Thème 日本 dark second \ line' name "" name,file,used,description theme list

# The team and the pillar in text: é and 日本 as they are, an empty cell as "-".
grep -q 'Équipe 日本' "$T_DIR/people list.text" && grep -q '^pub ' "$T_DIR/people list.text"
check "people list --format text: the team with é and 日本 as it is" [ $? = 0 ]
check "content list --format text: no pillar is shown as -" grep -q '^ 2  inbox  [^ ]*  *-  ' "$T_DIR/content list.text"
check "content list --format tsv: no pillar is an empty cell" grep -q "$(printf '^2\tinbox\t[^\t]*\t\t')" "$T_DIR/content list.tsv"
check "content list --format json: an empty stage is []" sh -c \
	'[ "$("$1" --db "$2" content list --stage archived --format json)" = "[]" ]' - "$CHORUS" "$DB"

# --- refusals -------------------------------------------------------------------------------------
refused "people list --format xml: exit 2, the value and the choices" 2 \
	"--format 'xml': use text, tsv, csv or json" people list --format xml
refused "content list --format TSV (case matters)" 2 "--format 'TSV': use text, tsv, csv or json" \
	content list --format TSV
refused "message list --format '': exit 2" 2 "--format '': use text, tsv, csv or json" message list 1 --format ""
refused "theme list --format yaml: exit 2" 2 "--format 'yaml': use text, tsv, csv or json" theme list --format yaml
refused "--format without a value" 2 "--format needs a value" people list --format
refused "content show --format: only list has it" 2 "--format is for content list" content show 1 --format json
refused "message add --format: only list has it" 2 "--format is for message list" \
	message add 1 --platform x --text hi --format json

# --- help and completion say so ---------------------------------------------------------------------
for c in people content message theme; do
	ch "$c" --help
	expect "$c --help: --format and its default" 0 "" "tsv (the default otherwise)"
done
ch completion words 4 chorus content list --format ""
equals "completion: content list --format offers the formats" "$(printf '%s' "$OUT" | tr '\n' ' ')" "text tsv csv json"
finish
