# flags.mk — read together with the Makefile by bench/run, so that the
# generator is built by the same rules and flags as build/chorus:
#   make -f Makefile -f bench/flags.mk build/bench/gen
build/bench/gen: bench/gen.c build/libchorus.a $(HDRS) Makefile bench/flags.mk
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< build/libchorus.a $(PKG_LIBS)

build/bench/probe: bench/probe.c build/libchorus.a $(HDRS) Makefile bench/flags.mk
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< build/libchorus.a $(PKG_LIBS)
