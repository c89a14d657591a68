# nl.sh — for the suites that check chorus in Dutch (source after tap.sh).
# nl_locale makes sure the nl_NL.UTF-8 locale exists: the system's when it
# has one, else compiled here from the locales package's source (localedef,
# no root needed) and found through LOCPATH.  Then NL holds the environment
# to run chorus in Dutch: `env $NL "$CHORUS" ...`.
nl_locale() {
	if locale -a 2>/dev/null | grep -qix 'nl_NL.utf-\{0,1\}8'; then
		NL="LC_ALL=nl_NL.UTF-8"
		return 0
	fi
	mkdir -p "$T_DIR/locale"
	if ! localedef -i nl_NL -f UTF-8 "$T_DIR/locale/nl_NL.UTF-8" >"$T_DIR/localedef.out" 2>&1 &&
		[ ! -f "$T_DIR/locale/nl_NL.UTF-8/LC_CTYPE" ]; then
		not_ok "the nl_NL.UTF-8 locale can be made (localedef)" "$(cat "$T_DIR/localedef.out")"
		return 1
	fi
	export LOCPATH="$T_DIR/locale"
	# glibc keeps the LOCPATH list it split (argz_add_sep) when it loads a
	# locale from there: a leak of the C library's, not chorus's, which the
	# sanitizer build would otherwise report on every run.
	printf 'leak:__argz_add_sep\n' >"$T_DIR/lsan-locpath.supp"
	export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$T_DIR/lsan-locpath.supp:print_suppressions=0"
	NL="LC_ALL=nl_NL.UTF-8 LOCPATH=$LOCPATH"
}

# nl ARGS...: run chorus in Dutch (as ch does: OUT, ERR, RC).
nl() { run env LANGUAGE= LC_ALL=nl_NL.UTF-8 "$CHORUS" "$@"; }
