/* together.h — blocking calls made at the same time.
 *
 * Over a network share every system call that asks the server waits one
 * round trip.  Calls that do not depend on each other (the checks after a
 * lock is taken, a file's attributes and its first bytes) cost one round
 * trip made at once instead of one each: each runs on a thread of its own
 * while the caller runs the first.  A job touches only what its argument
 * points to; nothing else is shared.  libc (POSIX threads) only. */
#ifndef CHORUS_UTIL_TOGETHER_H
#define CHORUS_UTIL_TOGETHER_H

#include <pthread.h>

struct later {
	void (*run)(void *arg);
	void *arg;
	pthread_t thread;
	int running;        /* on its own thread, not yet waited for */
};

/* Start run(arg) on a thread of its own, or run it here and now when no
 * thread can be made (then later_wait returns at once). */
void later_start(struct later *l, void (*run)(void *arg), void *arg);

/* Wait until what later_start started has finished; at once if it has, or
 * if nothing was started. */
void later_wait(struct later *l);

/* Run the n jobs at the same time (the first on this thread) and return
 * when every one has finished. */
void together(struct later *jobs, int n);

#endif
