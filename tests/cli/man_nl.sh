# man_nl.sh — every English manual page has a Dutch one in man/nl/ with the
# same structure: it renders without a groff warning, has as many .SH and .SS
# headings, keeps every long option and every environment variable of the
# English page, and its NAME section is Dutch.
. tests/lib/tap.sh

need groff || { finish; exit; }

# The long options as the English source writes them: \-\-no\-color.
long_options() { grep -oE '\\-\\-[A-Za-z0-9]+(\\-[A-Za-z0-9]+)*' "$1" | sort -u; }

# The environment variables of a page's ENVIRONMENT section: the ALL-CAPS
# names in its items' heads (the line after .TP) and every $NAME it mentions.
env_names() {
	sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$1" | sed '1d;$d' | awk '
		prev == ".TP" { sub(/^\.[A-Za-z]+ */, ""); print }
		{ prev = $0 }
		{ while (match($0, /\$[A-Z][A-Z0-9_]+/)) { print substr($0, RSTART + 1, RLENGTH - 1); $0 = substr($0, RSTART + RLENGTH) } }' |
		grep -oE '\<[A-Z][A-Z0-9]*(_[A-Z0-9]+)*\>' | grep -E '^.{2,}' | sort -u
}

# The description of a page's NAME line: what follows "\-" on the line
# after the first .SH.
name_description() { awk '/^\.SH /{n++; next} n == 1' "$1" | sed -n 's/.*\\- *//p' | head -1; }
# A page's NAME section: the lines between its first and second .SH.
name_section() { awk '/^\.SH /{n++; next} n == 1' "$1"; }

for en in man/chorus.1 man/chorus-strategy.5 man/chorus-theme.5; do
	page=${en#man/}
	nl=man/nl/$page
	if [ ! -f "$en" ]; then
		not_ok "$page: the English page $en exists"
		continue
	fi
	if [ -f "$nl" ]; then
		ok "$page: the Dutch page $nl exists"
	else
		not_ok "$page: the Dutch page $nl exists" "missing: $nl"
		continue
	fi

	warnings=$(groff -man -Tutf8 -ww -z "$nl" 2>&1)
	if [ -z "$warnings" ]; then
		ok "$page: groff -ww renders the Dutch page without a warning"
	else
		not_ok "$page: groff -ww renders the Dutch page without a warning" \
			"$(printf '%s\n' "$warnings" | head -10)"
	fi

	for h in SH SS; do
		n_en=$(grep -c "^\.$h\( \|$\)" "$en")
		n_nl=$(grep -c "^\.$h\( \|$\)" "$nl")
		if [ "$n_en" = "$n_nl" ]; then
			ok "$page: as many .$h headings as in English ($n_en)"
		else
			not_ok "$page: as many .$h headings as in English" "English $n_en, Dutch $n_nl"
		fi
	done

	missing=
	for o in $(long_options "$en"); do
		grep -qF -- "$o" "$nl" || missing="$missing $o"
	done
	if [ -z "$missing" ]; then
		ok "$page: the Dutch page keeps every long option of the English one"
	else
		not_ok "$page: the Dutch page keeps every long option of the English one" "missing:$missing"
	fi

	if grep -q '^\.SH ENVIRONMENT' "$en"; then
		vars=$(env_names "$en")
		if [ -z "$vars" ]; then
			not_ok "$page: the English ENVIRONMENT section names variables"
		else
			missing=
			for v in $vars; do
				grep -qw -- "$v" "$nl" || missing="$missing $v"
			done
			if [ -z "$missing" ]; then
				ok "$page: the Dutch page names every environment variable ($(echo $vars | wc -w))"
			else
				not_ok "$page: the Dutch page names every environment variable" "missing:$missing"
			fi
		fi
	fi

	desc=$(name_description "$en")
	if [ -z "$desc" ]; then
		not_ok "$page: the English NAME line has a description"
	elif [ -z "$(name_section "$nl" | sed -n 's/.*\\- *//p')" ]; then
		not_ok "$page: the Dutch NAME section is Dutch" "no NAME line (name \\- description)" \
			"$(name_section "$nl" | head -3)"
	elif name_section "$nl" | grep -qF -- "$desc"; then
		not_ok "$page: the Dutch NAME section is Dutch" "it has the English description: $desc"
	else
		ok "$page: the Dutch NAME section is Dutch"
	fi
done
finish
