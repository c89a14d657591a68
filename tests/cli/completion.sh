#!/bin/sh
# completion.sh — bash and zsh completion: the scripts chorus prints, run by
# the real shells on partial command lines (bash through its completion
# function and COMP_WORDS; zsh through its function, with the completion
# system's compadd and _files standing in), offering commands, subcommands,
# options, fixed values, files, and logins, platforms, pillars and campaigns
# from the database the line names.  What completes comes from the tables
# --help prints: every command and every option of every --help is offered.
. tests/lib/tap.sh

DB=$T_DIR/c.db
pipeline_fixture "Completion BV"
sql "$DB" "insert into campaigns(name) values('Spring launch');"
BEFORE=$(db_digest "$DB")

ch completion bash
expect "completion bash prints the script" 0 "" "complete -F _chorus chorus"
printf '%s\n' "$OUT" >"$T_DIR/chorus.bash"
check "the bash script is valid bash" bash -n "$T_DIR/chorus.bash"
ch completion zsh
expect "completion zsh prints the script" 0 "" "#compdef chorus"
printf '%s\n' "$OUT" >"$T_DIR/_chorus"
check "the zsh script is valid zsh" zsh -n "$T_DIR/_chorus"
ch completion fish
expect "an unknown shell is bad usage" 2 "say bash, zsh, or words N WORD"
ch completion words 9 chorus
expect "words: an index past the line is bad usage" 2 "N must be a word's index"

# bcomp CWORD WORD...: bash completes word CWORD of the line (COMPREPLY, one a line, sorted).
bcomp() {
	cword=$1; shift
	(cd "$T_DIR" && bash -c '. ./chorus.bash; cword=$1; shift; COMP_WORDS=("$@"); COMP_CWORD=$cword; _chorus
		printf "%s\n" "${COMPREPLY[@]}"' bcomp "$cword" "$@") 2>&1 | sort | tr '\n' ' ' | sed 's/ $//'
}
# is NAME GOT WANT
is() { equals "$1" "$2" "$3"; }

is "bash: chorus pe<Tab> gives people" "$(bcomp 1 "$CHORUS" pe)" "people"
is "bash: chorus people <Tab> gives its subcommands" "$(bcomp 2 "$CHORUS" people "")" "add import list set"
is "bash: chorus content ta<Tab> gives take" "$(bcomp 2 "$CHORUS" content ta)" "take"
is "bash: report --format <Tab> gives the formats" "$(bcomp 3 "$CHORUS" report --format "")" "csv json text"
is "bash: report --format=j<Tab> (split at =) gives json" "$(bcomp 4 "$CHORUS" report --format = j)" "json"
is "bash: content list --st<Tab> gives --stage" "$(bcomp 3 "$CHORUS" content list --st)" "--stage"
is "bash: content list --stage r<Tab> gives the stages" "$(bcomp 4 "$CHORUS" content list --stage r)" "ready rejected"
is "bash: submit --kind <Tab> gives the kinds" "$(bcomp 3 "$CHORUS" submit --kind "")" "blog news photo story video"
is "bash: --as <Tab> gives the logins of --db's database" "$(bcomp 4 "$CHORUS" --db "$DB" --as "")" \
	"cre ed pub $(id -un)"
is "bash: --db=FILE (split at =) is honoured" "$(bcomp 5 "$CHORUS" --db = "$DB" --as p)" "pub"
is "bash: shares log --platform l<Tab> gives linkedin" "$(bcomp 7 "$CHORUS" --db "$DB" shares log 1 --platform l)" "linkedin"
is "bash: content pillar ID <Tab> gives the pillars" "$(bcomp 6 "$CHORUS" --db "$DB" content pillar 4 "")" "Craft"
is "bash: content campaign ID Spr<Tab> gives campaigns, quoted" "$(bcomp 6 "$CHORUS" --db "$DB" content campaign 4 Spr)" \
	'Spring Spring\ launch'
is "bash: people set <Tab> gives logins" "$(bcomp 5 "$CHORUS" --db "$DB" people set e)" "ed"
is "bash: request add --to <Tab> gives logins" "$(bcomp 6 "$CHORUS" --db "$DB" request add --to e)" "ed"
is "bash: submit --media <Tab> gives files" "$(bcomp 3 "$CHORUS" submit --media chorus.b)" "chorus.bash"
is "bash: strategy import <Tab> gives files" "$(bcomp 3 "$CHORUS" strategy import _cho)" "_chorus"
is "bash: theme check <Tab> gives themes and files" "$(bcomp 3 "$CHORUS" theme check d)" "default"
is "bash: --theme <Tab> gives the themes (the build tree's)" "$(bcomp 2 "$CHORUS" --theme "")" \
	"$(cd themes && ls -- *.yaml | sed 's/\.yaml$//' | sort | tr '\n' ' ' | sed 's/ $//')"
is "bash: doctor --set-mode <Tab> gives the modes" "$(bcomp 3 "$CHORUS" doctor --set-mode "")" "local share"
is "bash: a free value (--title) offers nothing" "$(bcomp 3 "$CHORUS" submit --title "")" ""
is "bash: no database: logins are simply not offered" "$(bcomp 4 "$CHORUS" --db "$T_DIR/none.db" --as "")" ""
unset_db=$(CHORUS_DB=$DB bcomp 2 "$CHORUS" --as c)
is "bash: \$CHORUS_DB names the database when --db does not" "$unset_db" "cre"

# Every command of chorus --help, and every option of every command's --help.
ch --help
cmds=$(printf '%s\n' "$OUT" | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 { print $1 }' | sort | tr '\n' ' ' | sed 's/ $//')
is "bash: chorus <Tab> offers every command of chorus --help" "$(bcomp 1 "$CHORUS" "")" "$cmds"
is "bash: chorus -<Tab> offers the global options" "$(bcomp 1 "$CHORUS" -)" "--as --db --help --no-color --theme --version"
for cmd in $cmds; do
	"$CHORUS" "$cmd" --help 2>/dev/null | sed -n '3,$p' | grep -o -- '--[a-z][a-z-]*' | sort -u >"$T_DIR/want"
	bcomp 2 "$CHORUS" "$cmd" -- | tr ' ' '\n' | sort -u >"$T_DIR/got"
	missing=$(comm -23 "$T_DIR/want" "$T_DIR/got" | grep -v -e "^--db$" -e "^--as$" -e "^--theme$" -e "^--no-color$" | tr '\n' ' ')
	is "bash: chorus $cmd --<Tab> offers every option its --help names" "$missing" ""
done

# zcomp CURRENT WORD...: zsh's function with the completion system's
# compadd and _files standing in (they print what they are given).
zcomp() {
	cur=$1; shift
	(cd "$T_DIR" && zsh -f -c 'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }
		_files() { print -- @files }
		cur=$1; shift; words=("$@"); CURRENT=$cur
		. ./_chorus' zcomp "$cur" "$@") 2>&1 | sort | tr '\n' ' ' | sed 's/ $//'
}
is "zsh: chorus pe<Tab> gives people" "$(zcomp 2 "$CHORUS" pe)" "people"
is "zsh: chorus people <Tab> gives its subcommands" "$(zcomp 3 "$CHORUS" people "")" "add import list set"
is "zsh: report --format=<Tab> gives the formats, as --format=..." "$(zcomp 3 "$CHORUS" report --format=)" \
	"--format=csv --format=json --format=text"
is "zsh: --as <Tab> gives the logins of --db's database" "$(zcomp 5 "$CHORUS" --db "$DB" --as "")" \
	"cre ed pub $(id -un)"
is "zsh: content campaign ID <Tab> gives campaigns, whole" "$(zcomp 7 "$CHORUS" --db "$DB" content campaign 4 Spr | tr ' ' '_')" \
	"Spring_Spring_launch"
is "zsh: strategy import <Tab> asks for files" "$(zcomp 4 "$CHORUS" strategy import "")" "@files"

check "completion changed nothing in the database" [ "$(db_digest "$DB")" = "$BEFORE" ]
finish
