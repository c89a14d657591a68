/* xdg.h — where chorus keeps its files by default (the XDG Base Directory
 * specification): the configuration under $XDG_CONFIG_HOME/chorus, data
 * under $XDG_DATA_HOME/chorus.  A variable that is unset, empty or not an
 * absolute path is ignored, as the specification says, and $HOME/.config or
 * $HOME/.local/share stands in.  libc only. */
#ifndef CHORUS_UTIL_XDG_H
#define CHORUS_UTIL_XDG_H

#include <stddef.h>

enum xdg_base { XDG_CONFIG, XDG_DATA };

/* out = chorus's directory of that kind, with "/rel" after it unless rel is
 * NULL or empty.  0; -1 when there is no such directory (neither the
 * variable nor $HOME is set; out is then ""); -2 when the path does not fit
 * in n bytes (out is then ""). */
int xdg_path(enum xdg_base base, const char *rel, char *out, size_t n);

/* out = DIR/rel when the running program is DIR/chorus: where a build tree
 * keeps what the program finds next to itself before any install (themes,
 * catalogues).  1; 0 when /proc/self/exe cannot be read or it does not fit. */
int exe_dir_path(const char *rel, char *out, size_t n);

#endif
