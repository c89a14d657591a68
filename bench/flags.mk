# flags.mk — read together with the Makefile by bench/run, so that the
# generator is built by the same rules and flags as build/chorus:
#   make -f Makefile -f bench/flags.mk build/bench/gen
build/bench/gen: bench/gen.c $(LIBS) Makefile bench/flags.mk
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(PKG_LIBS)

build/bench/probe: bench/probe.c $(LIBS) Makefile bench/flags.mk
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(PKG_LIBS)
