/* tui.h — the full-screen interface's entry point. */
#ifndef CHORUS_TUI_H
#define CHORUS_TUI_H

struct cli;

/* Open the database named by c (identifying the caller) and run the TUI until
 * the user quits.  Returns the exit status. */
int tui_main(struct cli *c);

#endif
