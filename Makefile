# chorus — build, test, install.  See README.md.
#
# `make` builds build/chorus; `make check` builds the normal and the
# sanitizer (ASan+UBSan) binaries and runs every suite against both;
# `make demo` builds the demo database and opens the TUI; `make fuzz` runs the
# libFuzzer harnesses (tests/fuzz, needs clang) for FUZZ_SECONDS each.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
DATADIR  = $(PREFIX)/share/chorus
LOCALEDIR = $(PREFIX)/share/locale

CC      ?= cc
PKGS     = ncursesw sqlite3 yaml-0.1 libpcre2-8 nettle
# Debian packages that provide everything the build and the tests use.
DEBS     = pkg-config libncurses-dev libsqlite3-dev libyaml-dev libpcre2-dev \
           libcmocka-dev libcsv-dev nettle-dev tmux sqlite3 python3 zsh \
           gettext locales

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
PKG_CFLAGS := $(filter-out -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=%,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -pthread
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN    = -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
          -Wmissing-prototypes -Wstrict-prototypes -Wformat=2
DEFS    = -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED \
          -D_DEFAULT_SOURCE -DCHORUS_VERSION='"$(VERSION)"' \
          -DCHORUS_DATADIR='"$(DATADIR)"' \
          -DCHORUS_LOCALEDIR='"$(LOCALEDIR)"'
OPT     ?= -O2 -g
ALL_CFLAGS = $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) $(OPT) $(CFLAGS)
SAN_FLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Every compile also writes which headers it read (build/.../X.d, included
# below): touching a header rebuilds only the objects that include it.
DEPFLAGS = -MMD -MP

# The objects depend on the flags they were built with (build/cflags), so a
# changed PREFIX (it is compiled in as CHORUS_DATADIR), OPT or CFLAGS rebuilds.
# Written here, while make reads this file, before any job runs: never by two
# jobs at once under make -j.
CFLAGS_NOW = $(CC) $(ALL_CFLAGS)
ifneq ($(file < build/cflags),$(CFLAGS_NOW))
$(shell mkdir -p build)
$(file > build/cflags,$(CFLAGS_NOW))
endif

# One static library per layer, linked in this order (each may use only the
# layers after it; tests/cli/layers.sh checks the includes):
#   tui cli -> demo -> io -> core -> util
# main.c and session.c (what main hands to the CLI or the TUI) are linked
# into the program directly.  A layer without sources yet gets no library.
LAYERS     = tui cli demo io core util
layer_src  = $(wildcard src/$(1)/*.c)
LIB_SRC    = $(foreach l,$(LAYERS),$(call layer_src,$(l)))
MAIN_SRC   = src/main.c src/session.c
UNIT_SRC = $(wildcard tests/unit/test_*.c)

# $(call libs,DIR): the layer libraries under DIR in link order.
LINK_LAYERS = tui cli demo io core util
libs = $(foreach l,$(LINK_LAYERS),$(if $(call layer_src,$(l)),$(1)/lib$(l).a))
LIBS         = $(call libs,build/obj)
LIBS_SAN     = $(call libs,build/san)
LIBS_FUZZ    = $(call libs,build/fuzz/obj)
LIB_OBJ      = $(LIB_SRC:%.c=build/obj/%.o)
LIB_OBJ_SAN  = $(LIB_SRC:%.c=build/san/%.o)
UNIT_BIN     = $(UNIT_SRC:tests/unit/%.c=build/tests/%)
UNIT_BIN_SAN = $(UNIT_SRC:tests/unit/%.c=build/san-tests/%)
# Fuzz harnesses (tests/fuzz/fuzz_NAME.c); make check replays their corpora.
FUZZ_SRC     = $(wildcard tests/fuzz/fuzz_*.c)
REPLAY_BIN     = $(FUZZ_SRC:tests/fuzz/%.c=build/tests/%)
REPLAY_BIN_SAN = $(FUZZ_SRC:tests/fuzz/%.c=build/san-tests/%)

.PHONY: all demo check check-run test-fast deps need-deps install uninstall clean bench stress fuzz

# The public targets first make sure the libraries are there, then build in a
# sub-make: pkg-config's flags are read when make starts, so a make that has
# just installed them must start again to see them.
all: need-deps
	@$(MAKE) --no-print-directory build/chorus $(MO) po/chorus.pot

# The languages chorus speaks besides English: po/LANG.po, compiled into
# build/locale (found next to the binary, so a build speaks them before any
# install).  po/chorus.pot is made from the sources: every string marked _(),
# N_() or P_() (include/chorus/i18n.h); tests/cli/i18n.sh checks that each
# catalogue translates every one.
LINGUAS = $(basename $(notdir $(wildcard po/*.po)))
MO      = $(LINGUAS:%=build/locale/%/LC_MESSAGES/chorus.mo)
POT_SRC = $(sort $(MAIN_SRC) $(LIB_SRC) $(wildcard src/*/*.h) include/chorus/i18n.h)
po/chorus.pot: $(POT_SRC)
	xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	  --add-comments=TRANSLATORS: --package-name=chorus --package-version=$(VERSION) \
	  --msgid-bugs-address=chorus --sort-by-file -o $@ $(POT_SRC)
build/locale/%/LC_MESSAGES/chorus.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Missing libraries: install them (root) or say how (others), then go on.
need-deps:
	@pkg-config --exists $(PKGS) cmocka && [ -f /usr/include/csv.h ] \
	  && command -v tmux >/dev/null && command -v sqlite3 >/dev/null \
	  && command -v python3 >/dev/null && command -v zsh >/dev/null \
	  && command -v xgettext >/dev/null && command -v msgfmt >/dev/null \
	  && [ -f /usr/share/i18n/locales/nl_NL ] \
	  || $(MAKE) --no-print-directory deps

deps:
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "chorus: installing build dependencies: $(DEBS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS); \
	else \
	  echo "chorus: missing build dependencies; run as root:"; \
	  echo "  apt-get update && apt-get install -y $(DEBS)"; \
	  exit 1; \
	fi

build/chorus: $(MAIN_SRC:%.c=build/obj/%.o) $(LIBS)
	$(if $(V),,@echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(MAIN_SRC:%.c=build/obj/%.o) $(LIBS) $(PKG_LIBS)

build/chorus-san: $(MAIN_SRC:%.c=build/san/%.o) $(LIBS_SAN)
	$(if $(V),,@echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $(MAIN_SRC:%.c=build/san/%.o) $(LIBS_SAN) $(PKG_LIBS)

# build/obj/libLAYER.a from src/LAYER/*.c (build/san and build/fuzz/obj alike).
lib_deps = $(1)/lib$(2).a: $(patsubst %.c,$(1)/%.o,$(call layer_src,$(2)))
$(foreach d,build/obj build/san build/fuzz/obj,$(foreach l,$(LAYERS),$(eval $(call lib_deps,$(d),$(l)))))
$(sort $(LIBS) $(LIBS_SAN) $(LIBS_FUZZ)):
	$(if $(V),,@echo "  AR      $@")
	@rm -f $@
	$(Q)ar rcs $@ $^

# V=1 shows the whole command lines.
Q = $(if $(V),,@)

build/obj/%.o: %.c Makefile build/cflags
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/san/%.o: %.c Makefile build/cflags
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC-SAN  $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -c -o $@ $<

# Unit tests link the session too: the TUI's panels are tested without main.
build/tests/%: tests/unit/%.c Makefile build/cflags build/obj/src/session.o $(LIBS)
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  TEST    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(CMOCKA_CFLAGS) -Itests/unit -o $@ $< build/obj/src/session.o $(LIBS) $(PKG_LIBS) $(CMOCKA_LIBS)

build/san-tests/%: tests/unit/%.c Makefile build/cflags build/san/src/session.o $(LIBS_SAN)
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  TEST    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(DEPFLAGS) $(CMOCKA_CFLAGS) -Itests/unit -o $@ $< build/san/src/session.o $(LIBS_SAN) $(PKG_LIBS) $(CMOCKA_LIBS)

# --- fuzzing -----------------------------------------------------------------
# make check replays every corpus file through each harness, built with the
# normal compiler (tests/fuzz/replay.c supplies main).  make fuzz builds the
# harnesses with clang and libFuzzer and runs each for FUZZ_SECONDS against a
# copy of its corpus under build/fuzz; FUZZ_MERGE=1 adds what was new to the
# corpus in tests/fuzz/corpus.
build/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c Makefile build/cflags $(LIBS)
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  REPLAY  $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBS) $(PKG_LIBS)

build/san-tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c Makefile build/cflags $(LIBS_SAN)
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  REPLAY  $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBS_SAN) $(PKG_LIBS)

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS   = $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) -g -O1 -fno-omit-frame-pointer
FUZZ_BIN      = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)

# What make fuzz needs besides DEBS: clang, and libFuzzer (only recommended by clang).
FUZZ_DEBS     = clang libclang-rt-dev

fuzz: need-deps
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n' \
	  | $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null \
	  || $(MAKE) --no-print-directory DEBS="$(FUZZ_DEBS)" deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_MERGE=$(FUZZ_MERGE) tests/fuzz/run $(FUZZ_BIN)

build/fuzz/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC-FUZZ $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIBS_FUZZ)
	$(if $(V),,@echo "  FUZZER  $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(LIBS_FUZZ) $(PKG_LIBS)

demo: all
	./build/chorus demo

# Every suite, against the normal build and again against the sanitizer build.
check: need-deps
	@$(MAKE) --no-print-directory check-run

check-run: build/chorus build/chorus-san $(MO) po/chorus.pot $(UNIT_BIN) $(UNIT_BIN_SAN) $(REPLAY_BIN) $(REPLAY_BIN_SAN)
	@tests/run

# The normal build only: quicker while working.
test-fast: need-deps
	@$(MAKE) --no-print-directory build/chorus $(MO) po/chorus.pot $(UNIT_BIN) $(REPLAY_BIN)
	@CHORUS_NO_SAN=1 tests/run

bench: all
	@bench/run

stress: all
	@CHORUS_STRESS=full tests/stress/run

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/themes
	install -m 755 build/chorus $(DESTDIR)$(BINDIR)/chorus
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 build/locale/$$l/LC_MESSAGES/chorus.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/chorus.mo || exit 1; \
	  if [ -d man/$$l ]; then \
	    install -d $(DESTDIR)$(MANDIR)/$$l/man1 $(DESTDIR)$(MANDIR)/$$l/man5 && \
	    install -m 644 man/$$l/*.1 $(DESTDIR)$(MANDIR)/$$l/man1/ && \
	    install -m 644 man/$$l/*.5 $(DESTDIR)$(MANDIR)/$$l/man5/ || exit 1; \
	  fi; \
	done
	for f in man/*.5; do [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(MANDIR)/man5/; done; true
	for f in themes/*.yaml; do [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/themes/; done; true
	install -d $(DESTDIR)$(DATADIR)/examples
	install -m 644 examples/*.yaml $(DESTDIR)$(DATADIR)/examples/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	build/chorus completion bash >$(DESTDIR)$(PREFIX)/share/bash-completion/completions/chorus
	build/chorus completion zsh >$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_chorus

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/chorus $(DESTDIR)$(MANDIR)/man1/chorus.1
	rm -f $(DESTDIR)$(MANDIR)/man5/chorus-strategy.5 $(DESTDIR)$(MANDIR)/man5/chorus-theme.5
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/chorus.mo \
	  $(DESTDIR)$(MANDIR)/$$l/man1/chorus.1 $(DESTDIR)$(MANDIR)/$$l/man5/chorus-strategy.5 \
	  $(DESTDIR)$(MANDIR)/$$l/man5/chorus-theme.5; done
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/chorus $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_chorus

clean:
	rm -rf build po/chorus.pot

# The header dependencies the compiles wrote (none before the first build).
-include $(shell find build -name '*.d' 2>/dev/null)
