/* ask.c — see ask.h. */
#include <stdlib.h>
#include "../util/timeutil.h"
#include "ask.h"

int ask_may(struct app *a, const char *doing)
{
	struct err e = {0};
	if (a->s->readonly) {
		app_msg(a, 1, "the database is open read-only: %s", a->s->ro_reason);
		return 0;
	}
	if (store_require_role(a->s, ROLE_MASTER, doing, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return 0;
	}
	return 1;
}

int ask_yes(struct app *a, const char *question)
{
	char answer[8];
	if (!app_prompt(a, question, answer, sizeof answer))
		return 0;
	if (answer[0] == 'y' || answer[0] == 'Y')
		return 1;
	app_msg(a, 0, "nothing changed");
	return 0;
}

void ask_conflict(struct app *a, const char *what, const struct err *e, const char *after)
{
	char when[32] = "just now";
	if (e->at)
		time_minute_str(e->at, when, sizeof when);
	app_msg(a, 1, "not saved: %s changed %s at %s; %s", e->by[0] ? e->by : "someone", what, when, after);
}

int ask_check_count(void *ctx, const char *text, char *why, size_t whyn)
{
	long max = *(const long *)ctx;
	char *end;
	long v = strtol(text, &end, 10);
	if (!text[0] || *end || v < 0 || v > max) {
		snprintf(why, whyn, "'%s' is not a whole number from 0 to %ld: fix it, or Esc", text, max);
		return -1;
	}
	return 0;
}
