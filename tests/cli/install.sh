#!/bin/sh
# install.sh — make install (into a DESTDIR) puts everything where the manual
# says: the program, the manual pages, the themes, the example strategies and
# the bash and zsh completion, the Dutch catalogue and the Dutch manual pages;
# make uninstall takes it all away again.  The
# program is not rebuilt here (-o all): the suite installs the build at hand.
. tests/lib/tap.sh

R=$T_DIR/root
# The PREFIX the build was made with (it is compiled in; another would
# change build/cflags and rebuild everything next time).
P=$(sed -n "s|.*-DCHORUS_DATADIR='\"\(.*\)/share/chorus\"'.*|\1|p" build/cflags 2>/dev/null)
: "${P:=/usr/local}"
inst() { run make --no-print-directory -o all -o need-deps "$@" DESTDIR="$R" PREFIX="$P"; }
inst install
expect "make install into a DESTDIR" 0
for f in bin/chorus share/man/man1/chorus.1 share/man/man5/chorus-strategy.5 share/man/man5/chorus-theme.5 \
	share/chorus/themes/default.yaml share/chorus/themes/light.yaml \
	share/chorus/examples/strategy-nl.yaml share/chorus/examples/strategy-en.yaml \
	share/bash-completion/completions/chorus share/zsh/site-functions/_chorus \
	share/locale/nl/LC_MESSAGES/chorus.mo share/man/nl/man1/chorus.1 \
	share/man/nl/man5/chorus-strategy.5 share/man/nl/man5/chorus-theme.5; do
	check "installed: $f" [ -s "$R$P/$f" ]
done
check "the installed bash completion is the program's" \
	sh -c '"$1" completion bash | cmp -s - "$2"' - "$CHORUS" "$R$P/share/bash-completion/completions/chorus"
check "the installed zsh completion is the program's" \
	sh -c '"$1" completion zsh | cmp -s - "$2"' - "$CHORUS" "$R$P/share/zsh/site-functions/_chorus"
check "the installed examples are the tree's" cmp -s examples/strategy-nl.yaml "$R$P/share/chorus/examples/strategy-nl.yaml"
check "the installed catalogue is the build's" cmp -s build/locale/nl/LC_MESSAGES/chorus.mo "$R$P/share/locale/nl/LC_MESSAGES/chorus.mo"
run env LANGUAGE=nl CHORUS_LOCALEDIR="$R$P/share/locale" "$R$P/bin/chorus" --help
expect "the installed program speaks Dutch from the installed catalogue" 0 "" "gebruik: chorus"
inst uninstall
expect "make uninstall from that DESTDIR" 0
left=$(cd "$R" && find . -type f | sort | tr '\n' ' ')
equals "make uninstall leaves no file behind" "$left" ""
finish
