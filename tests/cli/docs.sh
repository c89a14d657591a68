# docs.sh — the manual and the README name every command chorus --help lists,
# and every option each command's --help lists.
. tests/lib/tap.sh

ch --help
cmds=$(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
[ -n "$cmds" ] && ok "--help lists the commands" || not_ok "--help lists the commands" "$OUT"
for c in $cmds; do
	if grep -qE "^\.(B|BI|BR) \"?$c( |\"|$)" man/chorus.1; then
		ok "man/chorus.1 documents $c"
	else
		not_ok "man/chorus.1 documents $c"
	fi
	if grep -q "\`$c" README.md; then ok "README.md lists $c"; else not_ok "README.md lists $c"; fi
	ch "$c" --help
	for o in $(printf '%s\n' "$OUT" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		if grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" man/chorus.1; then
			ok "man/chorus.1 documents $c $o"
		else
			not_ok "man/chorus.1 documents $c $o"
		fi
	done
done
finish
