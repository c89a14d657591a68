/* session.h — what main.c hands to a command (src/cli) or to the full-screen
 * interface (src/tui): the global options, the store opened by the path
 * rules, and the terminal-safe streams.  Both layers include this header and
 * neither includes the other's (tests/cli/layers.sh). */
#ifndef CHORUS_SESSION_H
#define CHORUS_SESSION_H

#include <stdio.h>
#include "chorus/store.h"

struct config;
struct session;

/* The full-screen interface, as main.c hands it to the commands that end in
 * it (demo) or describe it (keys): src/cli never calls src/tui directly. */
struct session_ui {
	/* Open the database named by the session and run the interface until
	 * the user quits; the exit status. */
	int (*run)(struct session *s);
	/* The config file's keys: over the key tables (CH_INVALID naming the
	 * file, line and column on a bad one), the defaults again, and every
	 * panel's keys, one a line. */
	int (*keys_config)(const struct config *cfg, struct err *e);
	void (*keys_reset)(void);
	void (*keys_print)(FILE *out);
};

struct session {
	const struct session_ui *ui;
	const char *db_opt;      /* --db */
	const char *as;          /* --as */
	const char *theme;       /* --theme NAME|PATH */
	int no_color;
	struct store store;
	int opened;
	char path[PATH_MAX];
};

/* s->path by the path rules: --db, $CHORUS_DB, config.yaml's database:,
 * then the default place.  A broken config file is an error (exit 2) only
 * when it is the one that names the database. */
int session_db_path(struct session *s, struct err *e);
/* Open the database by the path rules and identify the caller (--as honoured).
 * On failure prints the reason and returns the exit status. */
int session_open(struct session *s);
/* The same without identifying (doctor). */
int session_open_anonymous(struct session *s);
/* Read-only, without identifying, printing nothing (shell completion). */
int session_open_quiet(struct session *s);
void session_close(struct session *s);

/* Print "chorus: MSG" to stderr and return status (session_error: e->status,
 * CH_UNUSABLE when unset). */
int session_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int session_error(const struct err *e);

/* Everything printed passes through termsafe's stream filter
 * (session_guard_start, in main before a command runs): no byte from the
 * database acts on the terminal, whatever printf a command uses.  A command
 * whose output is a machine format (CSV, YAML) calls session_guard_exact: when
 * standard output is not a terminal it then gets the data exactly; on a
 * terminal it stays cleaned.  session_guard_end flushes and puts the plain
 * streams back (before the TUI takes the terminal, and at the end). */
void session_guard_start(void);
void session_guard_exact(void);
void session_guard_end(void);

#endif
