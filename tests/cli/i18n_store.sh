#!/bin/sh
# i18n_store.sh — the store's, the files' and the lock's messages in Dutch:
# a database that is missing, a directory, not chorus's, or held by another
# chorus (the holder named, the fix said); a strategy file, a theme, the
# configuration file and a CSV file refused at the same FILE:LINE:COL: FIELD
# as in English, with only the sentence after it Dutch; and the same commands
# in the C locale still English, word for word.
. tests/lib/tap.sh
. tests/lib/nl.sh
export LC_ALL=C.UTF-8   # as tests/run has it: ch is the C locale

nl_locale || { finish; exit; }

# both NAME STATUS DUTCH ENGLISH ARGS...: chorus ARGS fails with STATUS, its
# stderr holding DUTCH in Dutch and ENGLISH in the C locale.
both() {
	name=$1 status=$2 dutch=$3 english=$4
	shift 4
	nl "$@"
	expect "$name: Dutch" "$status" "$dutch"
	ch "$@"
	expect "$name: English in the C locale" "$status" "$english"
}

# --- the database --------------------------------------------------------------
both "a database that does not exist" 4 \
	"chorus: $T_DIR/none.db: die database bestaat niet; maak er een met chorus init --org NAAM" \
	"chorus: $T_DIR/none.db: no such database; create one with chorus init --org NAME" \
	--db "$T_DIR/none.db" people list
mkdir "$T_DIR/dir.db"
both "a directory" 4 "chorus: $T_DIR/dir.db is een map, geen database" \
	"chorus: $T_DIR/dir.db is a directory, not a database" --db "$T_DIR/dir.db" people list
printf 'just some text, long enough to be read as a header.......................................................\n' >"$T_DIR/text.db"
both "a file that is not SQLite" 4 "chorus: $T_DIR/text.db is geen chorus-database (geen SQLite-bestand)" \
	"chorus: $T_DIR/text.db is not a chorus database (not an SQLite file)" --db "$T_DIR/text.db" people list
both "init where the directory is missing" 2 "chorus: $T_DIR/no/x.db: de map $T_DIR/no bestaat niet" \
	"chorus: $T_DIR/no/x.db: the directory $T_DIR/no does not exist" --db "$T_DIR/no/x.db" init --org X

DB=$T_DIR/share.db
ch --db "$DB" init --org X --mode share
expect "a share-mode database" 0
both "init never overwrites" 2 "chorus: $DB bestaat al; chorus init overschrijft nooit een database" \
	"chorus: $DB already exists; chorus init never overwrites a database" --db "$DB" init --org X
both "--as someone unknown" 1 \
	"chorus: --as nobody: die medewerker bestaat niet; voeg hem of haar toe met chorus people add nobody" \
	"chorus: --as nobody: no such person; add them with chorus people add nobody" --db "$DB" --as nobody people list

# A lock held by a running process of this machine: busy, the holder named.
BOOT=$(cut -c1-12 /proc/sys/kernel/random/boot_id)
PIDNS=$(stat -L -c %i /proc/self/ns/pid)
sleep 60 &
holder=$!
mkdir -p "$DB.lock/chorus-lock,1,host=here,boot=$BOOT,pidns=$PIDNS,pid=$holder,user=else,token=beef,taken=4102444800,beat=1"
run env CHORUS_BUSY_MS=200 LANGUAGE= LC_ALL=nl_NL.UTF-8 "$CHORUS" --db "$DB" people add x --name X
expect "a held lock: busy in Dutch, naming the holder" 3 \
	"de database is bezet: $DB.lock is vergrendeld door chorus op here (pid $holder, gebruiker else) sinds 2100-01-01 00:00:00 UTC volgens de klok daar; dat proces draait; de hartslag (1) is van hieruit gezien al "
expect "a held lock: ... and what to do, in Dutch" 3 " s onveranderd; probeer het opnieuw"
run env CHORUS_BUSY_MS=200 LC_ALL=C.UTF-8 "$CHORUS" --db "$DB" people add x --name X
expect "a held lock: English in the C locale" 3 \
	"the database is busy: $DB.lock is held by chorus on here (pid $holder, user else) since 2100-01-01 00:00:00 UTC by its clock; that process is running; its heartbeat (1) unchanged for "
kill -STOP "$holder"
both "--break-lock on a stopped holder: not broken, and how to let it go" 1 \
	"chorus: niet verbroken: de houder is een proces dat op deze machine draait (pid $holder), gestopt: laat het verdergaan (kill -CONT) of beëindig het, dan verdwijnt de vergrendeling" \
	"chorus: not broken: its holder is a running process of this machine (pid $holder), stopped: resume it (kill -CONT) or end it, and the lock goes" \
	--db "$DB" doctor --break-lock
kill -KILL "$holder"
wait "$holder" 2>/dev/null
rm -rf "$DB.lock"

ln -s /etc/passwd "$DB-journal"
both "a planted symbolic link beside the database" 4 \
	"chorus: $DB-journal is een symbolische link: chorus volgt er nooit een naast de database (iemand kan hem daar hebben neergezet); verwijder hem als er geen chorus draait" \
	"chorus: $DB-journal is a symbolic link: chorus never follows one beside the database (someone may have planted it); remove it if no chorus is running" \
	--db "$DB" people list
rm -f "$DB-journal"

LOCAL=$T_DIR/local.db
ch --db "$LOCAL" init --org X --mode local
run env CHORUS_FSTYPE=0x6969 LANGUAGE= LC_ALL=nl_NL.UTF-8 "$CHORUS" --db "$LOCAL" people list
expect "a local-mode file over NFS: not opened, and the way out, in Dutch" 4 \
	"chorus: $LOCAL: niet geopend: het staat in local-modus (WAL) en dit is een netwerkschijf (nfs): een programma op een andere machine kan niet aan WAL meedoen (zelfs lezen schrijft in de -shm en kan het bestand beschadigen voor de machine waar het staat); start chorus op die machine (bijvoorbeeld via ssh), of zet het bestand om naar share-modus met 'chorus --db $LOCAL doctor --set-mode share' terwijl niemand anders het open heeft"
run env CHORUS_FSTYPE=0x6969 LC_ALL=C.UTF-8 "$CHORUS" --db "$LOCAL" people list
expect "a local-mode file over NFS: English in the C locale" 4 \
	"chorus: $LOCAL: not opened: it is in local (WAL) mode and this is a network filesystem (nfs): a client on another machine cannot take part in WAL"

# --- a strategy file: the same place, the sentence Dutch --------------------------------
S=$T_DIR/bad.yaml
printf 'organisation: X\ngoals: []\naudiences: []\npillars:\n  - name: Craft\n    colour: banana\n    colur: x\nplatforms:\n  - key: li\nmessage_types: []\npolicy: []\noptions:\n  quiet_weeks: "4"\n' >"$S"
nl --db "$DB" strategy import "$S"
expect "strategy: an unknown colour, placed, in Dutch" 2 \
	"$S:6:13: pillars[0].colour: onbekende kleur \"banana\" (black, red, green, yellow, blue, magenta, cyan, white, bright-NAME, orange, purple, pink, teal, grey, brown, navy, olive, lime, default, 0-255 of \"#rrggbb\")"
expect "strategy: an unknown key, placed, in Dutch" 2 \
	"$S:7:5: pillars[0].colur: onbekende sleutel (verwacht name, colour of description)"
expect "strategy: a missing field, placed, in Dutch" 2 "$S:9:5: platforms[0].name: ontbreekt: een platform moet een name hebben"
expect "strategy: a number in quotes, placed, in Dutch" 2 \
	"$S:13:16: options.quiet_weeks: verwacht een geheel getal, maar hier staat \"4\" tussen aanhalingstekens, en dat is tekst: haal de aanhalingstekens weg"
ch --db "$DB" strategy import "$S"
expect "strategy: an unknown colour, English in the C locale" 2 \
	"$S:6:13: pillars[0].colour: unknown colour \"banana\" (black, red, green, yellow, blue, magenta, cyan, white, bright-NAME, orange, purple, pink, teal, grey, brown, navy, olive, lime, default, 0-255 or \"#rrggbb\")"
expect "strategy: an unknown key, English in the C locale" 2 \
	"$S:7:5: pillars[0].colur: unknown key (expected name, colour or description)"
expect "strategy: a missing field, English in the C locale" 2 "$S:9:5: platforms[0].name: missing: every platform needs a name"
expect "strategy: a number in quotes, English in the C locale" 2 \
	"$S:13:16: options.quiet_weeks: expected a whole number, got \"4\" in quotes, which is text: remove the quotes"

# --- a theme ------------------------------------------------------------------------------------
printf 'status: { fg: purpel }\n' >"$T_DIR/colour.yaml"
both "theme: an unknown colour, placed" 2 \
	"chorus: $T_DIR/colour.yaml:1:15: status.fg: onbekende kleur \"purpel\" (black," \
	"chorus: $T_DIR/colour.yaml:1:15: status.fg: unknown colour \"purpel\" (black," theme check "$T_DIR/colour.yaml"
printf 'status: { fg: red, blink: true }\n' >"$T_DIR/key.yaml"
both "theme: an unknown key, placed" 2 \
	"chorus: $T_DIR/key.yaml:1:20: status: onbekende sleutel \"blink\" (fg, bg, attr, mono)" \
	"chorus: $T_DIR/key.yaml:1:20: status: unknown key \"blink\" (fg, bg, attr, mono)" theme check "$T_DIR/key.yaml"
export CHORUS_THEME_DIR="$T_DIR/themes"
mkdir -p "$CHORUS_THEME_DIR"
both "theme: a name not found, and where it looked" 2 \
	"chorus: thema \"sunset\" niet gevonden: geen sunset.yaml in $XDG_CONFIG_HOME/chorus/themes, $CHORUS_THEME_DIR (chorus theme list toont de thema's die er zijn)" \
	"chorus: theme \"sunset\" not found: no sunset.yaml in $XDG_CONFIG_HOME/chorus/themes, $CHORUS_THEME_DIR (chorus theme list shows the themes there)" \
	theme check sunset

# --- the configuration file ---------------------------------------------------------------------
CFG=$T_DIR/config.yaml
export CHORUS_CONFIG="$CFG"
printf 'theme: default\nwip: { editing: lots }\n' >"$CFG"
both "config: a wip that is not a number, placed" 2 "chorus: $CFG:2:17: wip: verwacht een geheel getal" \
	"chorus: $CFG:2:17: wip: expected a whole number" keys
printf 'colours: dark\n' >"$CFG"
both "config: an unknown setting, placed" 2 \
	"chorus: $CFG:1:1: onbekende instelling (bekend zijn: database, theme, refresh_seconds, wip, keys, start_panel)" \
	"chorus: $CFG:1:1: unknown setting (known: database, theme, refresh_seconds, wip, keys, start_panel)" keys
unset CHORUS_CONFIG

# --- a CSV file ---------------------------------------------------------------------------------------
printf 'login,name\nab\377,X\n' >"$T_DIR/bytes.csv"
both "CSV: a byte that is not UTF-8, at its line" 2 \
	"chorus: $T_DIR/bytes.csv:2: geen geldige UTF-8 (byte 0xFF); sla het bestand op als CSV UTF-8" \
	"chorus: $T_DIR/bytes.csv:2: not valid UTF-8 (byte 0xFF); save the file as CSV UTF-8" \
	--db "$DB" people import "$T_DIR/bytes.csv"
printf 'login,name\nann,Ann,extra\n' >"$T_DIR/fields.csv"
both "CSV: a row with more fields than the header (a plural)" 2 \
	"$T_DIR/fields.csv:2: 3 velden, maar de kopregel heeft er 2" \
	"$T_DIR/fields.csv:2: 3 fields, but the header has 2" \
	--db "$DB" people import "$T_DIR/fields.csv"

finish
