/* strategy_yaml.h — the strategy as one YAML document, chorus-strategy(5).
 *
 * Reading is two steps: strategy_yaml_read takes a file into memory (refusing
 * anything over STRATEGY_YAML_MAX bytes before it is parsed), and
 * strategy_yaml_parse turns the bytes into a struct strategy, checking every
 * field.  Each problem found becomes one strategy_yaml_error with the line and
 * column it is about, so a person can fix them all in one go.
 *
 * Writing is canonical: fixed key order, every field present, free text always
 * double-quoted, patterns single-quoted where they can be, numbers in their
 * shortest exact form.  Exporting what was imported gives the same bytes. */
#ifndef CHORUS_STRATEGY_YAML_H
#define CHORUS_STRATEGY_YAML_H

#include <stddef.h>
#include <stdio.h>
#include "chorus/strategy_apply.h"

/* A strategy is a few kilobytes; anything past this is not one. */
#define STRATEGY_YAML_MAX (1024 * 1024)
/* Past this many problems the rest are counted, not kept. */
#define STRATEGY_YAML_MAX_ERRORS 50

struct strategy_yaml_error {
	int line, column;     /* 1-based; 0 when the problem has no place */
	char path[160];       /* e.g. goals[1].kpi.target; "" for the file itself */
	char msg[512];
};

/* Where a node of the document started, by its path. */
struct strategy_yaml_mark {
	char *path;
	int line, column;
};

struct strategy_yaml_doc {
	struct strategy st;                 /* what the file says (valid only without errors) */
	struct strategy_yaml_error *errors;
	int nerrors;
	int more_errors;                    /* found beyond STRATEGY_YAML_MAX_ERRORS */
	struct strategy_yaml_mark *marks;
	int nmarks, capmarks;
};

/* Read a file ("-" = standard input) into a NUL-terminated buffer of at most
 * STRATEGY_YAML_MAX bytes.  CH_INVALID with the file's name when it cannot be
 * read or is too large. */
int strategy_yaml_read(const char *path, char **buf, size_t *len, struct err *e);

/* Parse and check a document.  CH_OK with doc->st filled; CH_INVALID with
 * doc->errors; CH_UNUSABLE when out of memory.  Free doc in every case. */
int strategy_yaml_parse(const char *buf, size_t len, struct strategy_yaml_doc *doc, struct err *e);
void strategy_yaml_doc_free(struct strategy_yaml_doc *doc);

/* Where PATH (e.g. "goals[1]" or "policy[0].pattern") started; 0 when unknown. */
int strategy_yaml_where(const struct strategy_yaml_doc *doc, const char *path, int *line, int *column);

/* The document key of a kind's list: "goals", ..., "policy". */
const char *strategy_yaml_section(enum strategy_kind kind);

/* Write st as a canonical document.  0, or -1 when writing failed (errno set). */
int strategy_yaml_write(FILE *f, const struct strategy *st);

/* Write st to the file path so that it holds either its old content or all
 * of the new: a temporary file beside it, synced, renamed over it; an old
 * file keeps its mode, a new one gets what the umask allows.  A symbolic
 * link is followed (the link stays, its file is replaced); a target that is
 * not a regular file (a device such as /dev/null, a FIFO, a socket, a
 * directory) is refused, never replaced: "-" is how to mean standard
 * output.  CH_INVALID with the path on failure. */
int strategy_yaml_export(const char *path, const struct strategy *st, struct err *e);

/* --- the import and export flows, as chorus strategy and the strategy panel
 * run them --------------------------------------------------------------- */

struct strategy_import {
	struct strategy_yaml_doc doc;   /* the file as read, and its problems with their places */
	struct strategy_diff diff;      /* after strategy_import_apply: what changed, or would */
};

/* Read and check the file ("-" = standard input) before any database is
 * involved.  CH_OK; CH_INVALID with im->doc.errors, or with only e when the
 * file cannot be read at all (im->doc.nerrors == 0).  Free im in every case. */
int strategy_import_read(struct strategy_import *im, const char *path, struct err *e);
/* Make the database's strategy what was read (strategy_apply; dry_run rolls
 * back).  When the core refuses one entity of the file, its problem is added
 * to im->doc.errors with the entity's place, and e says it too. */
int strategy_import_apply(struct store *s, struct strategy_import *im, const char *source, int dry_run,
			  struct err *e);
void strategy_import_free(struct strategy_import *im);

/* "FILE:LINE:COLUMN: FIELD: WHAT", as compilers say it (less when the
 * problem has no place or field). */
void strategy_yaml_problem(const char *file, const struct strategy_yaml_error *er, char *out, size_t n);

/* Load the stored strategy into st (the caller frees it) and write it to
 * path, or to standard output when path is NULL or "-". */
int strategy_export_store(struct store *s, const char *path, struct strategy *st, struct err *e);
/* "2 goal(s), 1 audience(s), ..., 3 policy rule(s)" */
void strategy_counts(const struct strategy *st, char *out, size_t n);

#endif
