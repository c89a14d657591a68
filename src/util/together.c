/* together.c — blocking calls made at the same time (see together.h). */
#include <pthread.h>
#include "together.h"

static void *later_main(void *p)
{
	struct later *l = p;
	l->run(l->arg);
	return NULL;
}

void later_start(struct later *l, void (*run)(void *arg), void *arg)
{
	l->run = run;
	l->arg = arg;
	l->running = pthread_create(&l->thread, NULL, later_main, l) == 0;
	if (!l->running)
		run(arg);
}

void later_wait(struct later *l)
{
	if (l->running)
		pthread_join(l->thread, NULL);
	l->running = 0;
}

void together(struct later *jobs, int n)
{
	for (int i = 1; i < n; i++)
		later_start(&jobs[i], jobs[i].run, jobs[i].arg);
	if (n > 0)
		jobs[0].run(jobs[0].arg);
	for (int i = 1; i < n; i++)
		later_wait(&jobs[i]);
}
