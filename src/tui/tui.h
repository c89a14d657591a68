/* tui.h — the full-screen interface's entry point, and its key tables for
 * the command line (chorus keys). */
#ifndef CHORUS_TUI_H
#define CHORUS_TUI_H

#include <stdio.h>

struct session;
struct config;
struct err;

/* Open the database named by c (identifying the caller) and run the TUI until
 * the user quits.  Returns the exit status. */
int tui_main(struct session *c);

/* Lay the config file's keys: over the key tables.  CH_INVALID, naming the
 * file, line and column, for an unknown panel or action, a bad key name, or
 * a key another action of that panel (or a global one) already has; no
 * override is kept then. */
int tui_keys_config(const struct config *cfg, struct err *e);
/* Forget the overrides: the tables' defaults again. */
void tui_keys_reset(void);
/* Every panel's keys, one a line: panel, key (",alternative"), action, help. */
void tui_keys_print(FILE *out);

#endif
