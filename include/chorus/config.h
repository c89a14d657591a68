/* config.h — the user's config file, $XDG_CONFIG_HOME/chorus/config.yaml
 * (else ~/.config/chorus/config.yaml):
 *
 *   database: /srv/chorus/acme.db
 *   theme: default
 *   refresh_seconds: 2
 *   wip: { inbox: 30, editing: 5, ready: 10 }
 *   keys: { board: { take: T }, inbox: { accept: y } }
 *   start_panel: queue
 *
 * A missing file is not an error: every field has a default.  keys: is only
 * checked for its shape here (a mapping of panels to mappings of action to
 * key); the TUI checks the names against its key tables, with the line and
 * column kept for each entry. */
#ifndef CHORUS_CONFIG_H
#define CHORUS_CONFIG_H

#include <limits.h>
#include "chorus/err.h"

#define CONFIG_KEYS_MAX 128

/* One `action: key` of keys:, as written, and where. */
struct config_key {
	char panel[32];
	char action[32];
	char key[32];
	unsigned line, column;    /* of the key's value, 1-based */
};

struct config {
	char path[PATH_MAX];      /* the file read, "" when none */
	char database[PATH_MAX];  /* "" = the default rules */
	char theme[64];
	int refresh_seconds;      /* 0 = by deployment mode (1 s local, 3 s share) */
	int wip[4];               /* inbox, editing, ready, shared; 0 = no limit */
	struct config_key keys[CONFIG_KEYS_MAX];
	int nkeys;
	/* The panel the interface starts on ("" = by the person's main role);
	 * the TUI checks the name, with the line and column of the value. */
	char start_panel[32];
	unsigned start_line, start_column;
};

/* Read the config file (CHORUS_CONFIG names another one).  CH_INVALID with
 * file, line and column on a syntax error or a bad value; c holds the
 * defaults then. */
int config_load(struct config *c, struct err *e);
/* The same from a buffer (len bytes, no NUL needed) read from the file
 * name: at most 64 KiB, nested at most 32 deep.  Exit-2 errors name
 * NAME:LINE:COLUMN; on any error c holds the defaults (and name as path). */
int config_parse(const char *buf, size_t len, const char *name, struct config *c, struct err *e);

#endif
