/* guard.h — bounds on what the input files may cost (private to src/io):
 * every file is read whole only when it is a regular file no larger than
 * its limit, and YAML is walked event by event, refused as soon as it nests
 * deeper than any chorus format needs, before libyaml builds anything deep
 * (its scanner is quadratic in the nesting depth). */
#ifndef CHORUS_IO_GUARD_H
#define CHORUS_IO_GUARD_H

#include <stddef.h>
#include "chorus/err.h"

/* The formats need about 5 levels; 32 leaves room and stays cheap. */
#define GUARD_YAML_DEPTH 32

/* Read the regular file path whole (NUL-terminated, owned by the caller)
 * when it is at most max bytes: a FIFO, a device or a directory is refused
 * without blocking, as is a larger file, with its name and the limit.
 * what names the file's kind in messages ("the configuration file"). */
int guard_read_file(const char *path, const char *what, size_t max, char **buf, size_t *len, struct err *e);

/* Walk the YAML in buf by events: CH_OK when it nests at most
 * GUARD_YAML_DEPTH levels (or is not valid YAML: the real parser says why),
 * else CH_INVALID "NAME:LINE:COLUMN: nested deeper than 32 levels". */
int guard_yaml_depth(const char *buf, size_t len, const char *name, struct err *e);

#endif
