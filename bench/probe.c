/* probe.c — the core loads behind the slow screens, in-process and without a
 * terminal, so that they can be timed run by run or counted by
 * `valgrind --tool=callgrind` (instruction counts do not depend on what else
 * the machine is doing, wall-clock times do):
 *
 *   probe DB WHAT [RUNS]
 *
 * WHAT: engagement (the panel's load at 120 columns: 35 weeks up to now),
 * board (the board's four columns as the panel loads them), report (the
 * whole report).  Prints the median milliseconds of RUNS (default 5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chorus/board.h"
#include "chorus/engagement.h"
#include "chorus/metrics.h"
#include "chorus/store.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static int once(struct store *s, const char *what, struct err *e)
{
	if (strcmp(what, "engagement") == 0) {
		struct engagement g;
		int last = engagement_week_of(store_now());
		int st = engagement_load(s, last - 34, 35, ENGAGEMENT_ALL, NULL, &g, e);
		engagement_free(&g);
		return st;
	}
	if (strcmp(what, "board") == 0) {
		struct card_list cols[BOARD_STAGES];
		int st = board_load(s, 64, 64, 0, cols, e);   /* the TUI's window */
		board_free_all(cols);
		return st;
	}
	if (strcmp(what, "report") == 0) {
		struct metrics_report r;
		int st = metrics_report(s, -1, -1, &r, e);
		metrics_report_free(&r);
		return st;
	}
	fprintf(stderr, "probe: no such load: %s (engagement, board, report)\n", what);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: probe DB engagement|board|report [RUNS]\n");
		return 2;
	}
	int runs = argc > 3 ? atoi(argv[3]) : 5;
	if (runs < 1 || runs > 1000)
		runs = 5;
	struct store s;
	struct err e = {0};
	memset(&s, 0, sizeof s);
	if (store_open(&s, argv[1], &e) != CH_OK) {
		fprintf(stderr, "probe: %s\n", e.msg);
		return 4;
	}
	double *t = malloc((size_t)runs * sizeof *t);
	if (!t)
		return 4;
	int st = CH_OK;
	for (int i = 0; i < runs && st == CH_OK; i++) {
		double t0 = now_ms();
		st = once(&s, argv[2], &e);
		t[i] = now_ms() - t0;
	}
	if (st != CH_OK)
		fprintf(stderr, "probe: %s\n", e.msg);
	else {
		qsort(t, (size_t)runs, sizeof *t, cmp_double);
		printf("%s: median %.2f ms, min %.2f ms (%d runs)\n", argv[2], t[runs / 2], t[0], runs);
	}
	free(t);
	store_close(&s);
	return st == CH_OK ? 0 : 1;
}
