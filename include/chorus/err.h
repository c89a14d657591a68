/* err.h — how the core reports failure.
 *
 * Every core function returns one of the CH_* statuses and, on failure, fills a
 * caller-owned struct err with a sentence a person can act on.  The statuses are
 * the command line's exit codes (chorus(1), EXIT STATUS), so the CLI can return
 * them as they are; the TUI shows err.msg in the status line. */
#ifndef CHORUS_ERR_H
#define CHORUS_ERR_H

#include <stddef.h>
#include <stdint.h>

enum ch_status {
	CH_OK       = 0,
	CH_FAILED   = 1,  /* a check failed, nothing found, or a rule refused it */
	CH_INVALID  = 2,  /* bad usage or bad input */
	CH_BUSY     = 3,  /* database busy, or someone else changed the row */
	CH_UNUSABLE = 4,  /* the database cannot be used */
	CH_TAMPERED = 5,  /* doctor: the audit log was changed, or its guards removed */
};

/* What kind of CH_BUSY: the TUI offers reload/overwrite on a conflict. */
enum err_kind { ERR_PLAIN = 0, ERR_LOCKED, ERR_CONFLICT,
	ERR_EXISTS      /* CH_INVALID: the name is taken already (the TUI goes back to it) */
};

struct err {
	int status;
	enum err_kind kind;
	/* On a conflict: who changed the row last, when, and its version now. */
	char by[64];
	int64_t at;
	int version;
	char msg[1024];
};

/* Set e (may be NULL) and return status, so `return err_set(e, CH_INVALID, ...)`. */
int err_set(struct err *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void err_clear(struct err *e);

#endif
