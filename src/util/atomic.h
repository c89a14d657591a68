/* atomic.h — replace a file so that a reader, a crash or a full disk sees
 * either the old file or the whole new one, never a part.  libc only. */
#ifndef CHORUS_UTIL_ATOMIC_H
#define CHORUS_UTIL_ATOMIC_H

#include <stddef.h>
#include <stdio.h>

/* Writes what fill(f, ctx) writes to f (fill returns 0, or nonzero for a
 * failure of its own) to path: a temporary file in path's directory, with
 * the mode of the file it replaces (else 0666 less the umask), flushed and
 * synced to disk, renamed over path, and the directory synced.  A symbolic
 * link is followed: its target is replaced.  A directory, device, FIFO or
 * socket is refused (never replaced).  0; -1 with why (n bytes) saying what
 * went wrong, in the words a person reads, and no temporary file left. */
int atomic_write(const char *path, int (*fill)(FILE *f, void *ctx), void *ctx, char *why, size_t n);

#endif
