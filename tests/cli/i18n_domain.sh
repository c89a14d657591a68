#!/bin/sh
# i18n_domain.sh — the rules speak Dutch: a stage move the role rules refuse,
# a move its stage does not allow, an approval refused for a blocked message
# variant (naming the variant and both fixes), a people import's row problems
# (file:line kept), an undo refused, and a request refused are Dutch under
# LC_ALL=nl_NL.UTF-8, each keeping its facts (ids, stage, platform, variant,
# commands); in the C locale they stay English.
. tests/lib/tap.sh
. tests/lib/nl.sh

nl_locale || { finish; exit; }
# glibc's newlocale keeps the LOCPATH search list it builds (argz) for good;
# under the sanitizer build that is a leak report in every run when
# nl_locale had to compile the locale.  Not chorus's: let it pass.
printf 'leak:__argz_add_sep\n' >"$T_DIR/lsan.supp"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$T_DIR/lsan.supp"

ME=$(id -un)
DB=$T_DIR/chorus.db
pipeline_fixture "Taal BV"

# nl_refused NAME STATUS TEXT ARGS...: chorus --db $DB ARGS, in Dutch, fails
# with STATUS and TEXT on stderr, and $DB is unchanged.
nl_refused() {
	local name=$1 status=$2 text=$3
	shift 3
	snap "$DB"
	nl --db "$DB" "$@"
	expect "$name" "$status" "$text"
	unchanged "$name: database unchanged" "$DB"
}

# --- stage moves ---------------------------------------------------------------------
nl_refused "a creator taking an item: the role rule's doing is Dutch" 1 \
	"content oppakken om te bewerken" --as cre content take 1
refused "the C locale: the same refusal stays English" 1 \
	"taking content into editing needs the editor role" --as cre content take 1
nl_refused "approving an inbox item: refused in Dutch, stage key kept" 1 \
	"item 1 staat in inbox: het kan niet worden goedgekeurd (dat kan alleen bij items in bewerking)" \
	content approve 1
refused "the C locale: the stage refusal stays English" 1 \
	"content 1 is in inbox: it cannot be approved (only items in editing can)" content approve 1

# --- the approval rule: a blocked variant, both fixes --------------------------------
# Item 4 in editing with a clean LinkedIn text and a blocked X variant.
sql "$DB" "insert into policy_rules(name, pattern, severity, guidance) values('secret', 'secret', 'block', 'Keep secrets in')"
blocked_variant() {
	"$CHORUS" --db "$DB" content take 4 && "$CHORUS" --db "$DB" message add 4 --platform linkedin --text "All good" &&
		"$CHORUS" --db "$DB" message add 4 --platform x --text "top secret"
} >/dev/null
check "item 4 has a blocked variant" blocked_variant
nl_refused "approval refused in Dutch, naming the blocked variant and its rule" 1 \
	'goedkeuring geweigerd: bericht 2 (x, variant 1) overtreedt de regel "secret": Keep secrets in' \
	content approve 4
expect "approval refused in Dutch: the first fix (edit) with its command" 1 \
	"bewerk het (m op de kaart, of chorus message edit 4 --platform x --variant 1)"
expect "approval refused in Dutch: the second fix (delete) with its command" 1 \
	"of verwijder het (chorus message delete 4 --platform x --variant 1)"
refused "the C locale: the approval refusal stays English" 1 \
	'approval refused: message 2 (x, variant 1) breaks the rule "secret": Keep secrets in -- every message must pass' \
	content approve 4

# --- people import: row problems keep file:line --------------------------------------
f=$T_DIR/bad.csv
cat >"$f" <<'CSV'
login,name,email,team,roles,focus_groups,active
,No Login,,,,,
-x,Bad Login,,,,,
gina,Gina,,,boss,,
CSV
nl_refused "people import in Dutch: an empty login, on its line" 2 \
	"$f:2: login: leeg; elke rij noemt een medewerker" people import "$f"
expect "people import in Dutch: an invalid login, on its line" 2 \
	"$f:3: login: \"-x\" is ongeldig: gebruik 1-63 letters, cijfers, '.', '_' of '-'"
expect "people import in Dutch: an unknown role, the role keys kept" 2 \
	"$f:4: roles: \"boss\": gebruik master, editor, creator en publisher, gescheiden door ';'"
expect "people import in Dutch: the summary counts the rows" 2 "3 foute rijen van 3: er is niets geïmporteerd"
refused "the C locale: the row problems stay English" 2 \
	"$f:3: login: \"-x\" is not valid: use 1-63 letters, digits, '.', '_' or '-'" people import "$f"
expect "the C locale: the summary stays English" 2 "3 bad rows of 3: nothing was imported"

# --- undo ---------------------------------------------------------------------------
nl_refused "undo with nothing left: Dutch" 1 \
	"niets om ongedaan te maken: ed heeft geen wijziging meer die ongedaan kan worden" --as ed undo
ch --db "$DB" --as ed content take 2
expect "ed takes #2" 0
ch --db "$DB" content pillar 2 Craft
expect "the master sets #2's pillar" 0
nl_refused "undo after another's change: Dutch, naming who and what" 3 \
	"kan niet ongedaan maken: $ME heeft #2 sindsdien gewijzigd (pillar" --as ed undo
refused "the C locale: the undo refusal stays English" 3 "cannot undo: $ME changed #2 since (pillar" --as ed undo

# --- requests ------------------------------------------------------------------------
nl_refused "a request to no one: Dutch, the login forms kept" 2 \
	"to: onbekende medewerker: nobody (een login, team:NAAM of group:NAAM)" \
	request add --to nobody --due 2099-01-01 --brief x
nl_refused "a request due on no day: Dutch" 2 "due: '2026-02-30' is geen dag (JJJJ-MM-DD)" \
	request add --to cre --due 2026-02-30 --brief x
refused "the C locale: the request refusal stays English" 2 "to: no such person: nobody" \
	request add --to nobody --due 2099-01-01 --brief x

finish
