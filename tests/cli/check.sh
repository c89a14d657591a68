# check.sh — chorus check [FILE|-]: the fair-use policy on a text.  No rules:
# exit 0; warnings and info: LINE:COLUMN lines, exit 0; a blocking match:
# exit 1; standard input; bad files (missing, a directory, binary, too large)
# exit 2; a broken rule exit 2; a pathological pattern finishes and says it
# was too expensive; terminal escapes in the text never reach the output.
# check only reads: the database never changes.
. tests/lib/tap.sh

DB=$T_DIR/chorus.db

rule() { sql "$DB" "insert into policy_rules(name, pattern, severity, guidance, position) values('$1', '$2', '$3', '$4', (select count(*) from policy_rules))"; }

ch --db "$DB" init --org "Check BV"
expect "init" 0
printf 'Our new office opens on Monday.\nCome and see!\n' >"$T_DIR/clean.txt"

# --- no rules --------------------------------------------------------------------------
ch --db "$DB" check "$T_DIR/clean.txt"
expect "no rules: exit 0" 0 "" "no policy matches"
with_stdin "anything at all" --db "$DB" check
expect "no rules, standard input (no FILE)" 0 "" "no policy matches"

# --- warnings and info ----------------------------------------------------------------------
rule money euro warn "Say amounts carefully"
rule tag '#[a-z]+' info "Hashtags are fine"
printf 'We saved\nfive euro today #frugal\n' >"$T_DIR/warn.txt"
snap "$DB"
ch --db "$DB" check "$T_DIR/warn.txt"
expect "a warning: exit 0" 0 "" '2:6: warn: money: "euro" — Say amounts carefully'
expect "an info match: line and column" 0 "" '2:17: info: tag: "#frugal" — Hashtags are fine'
expect "the count, by severity" 0 "" "2 matches (0 blocking, 1 warning, 1 info)"
equals "matches in text order" "$(printf '%s\n' "$OUT" | sed -n '1s/:.*//p;2s/:.*//p' | tr '\n' ' ')" "2 2 "
unchanged "check leaves the database alone" "$DB"
with_stdin "$(printf 'Één euro')" --db "$DB" check -
expect "check -: standard input; columns count characters, not bytes" 0 "" '1:5: warn: money: "euro"'
printf 'a\r\nb euro\r\n' >"$T_DIR/crlf.txt"
ch --db "$DB" check "$T_DIR/crlf.txt"
expect "CRLF line ends count as one" 0 "" '2:3: warn: money'

# --- blocking ---------------------------------------------------------------------------------
rule secret '(?i)kolibrie' block "Never name the project"
printf 'Soon:\nproject KOLIBRIE and five euro\n' >"$T_DIR/block.txt"
snap "$DB"
ch --db "$DB" check "$T_DIR/block.txt"
expect "a blocking match: exit 1" 1 "" '2:9: block: secret: "KOLIBRIE" — Never name the project'
expect "a blocking match: the warning is listed too" 1 "" '2:27: warn: money'
expect "a blocking match: the count" 1 "" "2 matches (1 blocking, 1 warning, 0 info)"
unchanged "a blocking match changes nothing" "$DB"
with_stdin "kolibrie" --db "$DB" check
expect "a blocking match on standard input: exit 1" 1 "" "block: secret"
ch --db "$DB" check "$T_DIR/clean.txt"
expect "a clean text with rules: exit 0" 0 "" "no policy matches"

# --- what reaches the terminal --------------------------------------------------------------------
rule shout 'LOUD\S*' warn 'No need to shout'
with_stdin "$(printf 'LOUD\033]52;c;ZXZpbA==\007\033[2J')" --db "$DB" check
expect "an escape sequence in the text: still checked" 0 "" "warn: shout"
if printf '%s' "$OUT" | grep -q "$(printf '\033')"; then
	not_ok "no escape character reaches the output" "$(printf '%s' "$OUT" | od -c | head -n 5)"
else
	ok "no escape character reaches the output"
fi
head -c 300 /dev/zero | tr '\0' 'L' | sed 's/^/LOUD/' >"$T_DIR/long.txt"
ch --db "$DB" check "$T_DIR/long.txt"
expect "a long match is cut in the output" 0 "" "…\""

# --- bad input -----------------------------------------------------------------------------------------
refused "a file that does not exist" 2 "$T_DIR/nope.txt: No such file or directory" check "$T_DIR/nope.txt"
refused "a directory" 2 "is a directory" check "$T_DIR"
printf 'text\000more' >"$T_DIR/nul.txt"
refused "a file with a NUL byte" 2 "contains a NUL byte: not text" check "$T_DIR/nul.txt"
head -c 1100000 /dev/zero | tr '\0' 'x' >"$T_DIR/big.txt"
refused "a file over 1 MiB" 2 "is too large" check "$T_DIR/big.txt"
refused "two files" 2 "one text at a time" check "$T_DIR/clean.txt" "$T_DIR/warn.txt"
refused "an unknown option" 2 "unknown option --strict" check --strict "$T_DIR/clean.txt"
expect "an unknown option: the usage" 2 "usage: chorus check"
cp "$T_DIR/clean.txt" "$T_DIR/-dash.txt"
ch --db "$DB" check -- "$T_DIR/-dash.txt"
expect "-- ends the options" 0 "" "no policy matches"
ch --db "$DB" check --help
expect "check --help" 0 "" "1 when a blocking rule matched"
ch --db "$T_DIR/missing.db" check "$T_DIR/clean.txt"
expect "no database: exit 4" 4 "no such database"

# --- a pathological rule -----------------------------------------------------------------------------
sql "$DB" "delete from policy_rules"
rule slow '(a+)+$' warn "Catastrophic backtracking"
printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n' >"$T_DIR/slow.txt"
run timeout 20 "$CHORUS" --db "$DB" check "$T_DIR/slow.txt"
expect "(a+)+\$ on aaa…ab finishes and says too expensive" 0 "" "warning: rule slow: too expensive to evaluate on this text"
expect "a rule too expensive is not a match" 0 "" "no policy matches"
# A blocking rule that cannot be evaluated may have matched: check says so and
# fails, as approval refuses the same text.
sql "$DB" "update policy_rules set severity = 'block' where name = 'slow'"
run timeout 20 "$CHORUS" --db "$DB" check "$T_DIR/slow.txt"
expect "a blocking rule too expensive to evaluate: exit 1" 1 "" "1 blocking rule could not be evaluated"

# --- a broken rule ----------------------------------------------------------------------------------------
rule broken '(unclosed' warn "x"
refused "a rule that does not compile: exit 2 naming it" 2 'policy rule "broken": invalid pattern at offset' \
	check "$T_DIR/clean.txt"

finish
