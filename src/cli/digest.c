/* digest.c — chorus digest: one ISO week in plain text, for a cron job to mail
 * to the programme: what became ready to share, the week's wins, how the
 * campaigns are doing, the content requests still open and who has gone quiet.  Ordering is fixed, so the same
 * database and week always give the same text. */
#include <stdio.h>
#include <getopt.h>
#include <string.h>
#include "commands.h"
#include "chorus/csv_out.h"
#include "chorus/metrics.h"
#include "../util/timeutil.h"

/* Message texts are shown as one line of at most this many columns. */
#define DIGEST_TEXT_WIDTH 64

/* Clean text from the database into one of a ring of static buffers (one
 * printf may show several); cut to width unless 0. */
static const char *clean(const char *s, int width)
{
	static char buf[8][1024];
	static int at;
	at = (at + 1) % 8;
	char tmp[1024];
	csv_out_clean(s, tmp, sizeof tmp);
	if (width > 0)
		csv_out_cut(tmp, width, buf[at], sizeof buf[at]);
	else
		snprintf(buf[at], sizeof buf[at], "%s", tmp);
	return buf[at];
}

static const char *plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "login (Name, Team)" */
static void who(const struct digest_person *p)
{
	printf("%s (%s", clean(p->login, 0), clean(p->name, 0));
	if (p->team[0])
		printf(", %s", clean(p->team, 0));
	printf(")");
}

static void print_ready(const struct metrics_digest *d)
{
	printf("NEW READY MESSAGES\n");
	if (!d->nready)
		printf("  none this week\n");
	for (int i = 0; i < d->nready; i++) {
		const struct digest_ready *r = &d->ready[i];
		printf("  #%lld %s (by %s", (long long)r->id, clean(r->title, 0), clean(r->creator, 0));
		if (r->pillar[0])
			printf("; pillar %s", clean(r->pillar, 0));
		if (r->campaign[0])
			printf("; campaign %s", clean(r->campaign, 0));
		printf(")\n");
		if (!r->nmessages)
			printf("      no messages yet\n");
		for (int k = 0; k < r->nmessages; k++)
			printf("      %s %d: %s\n", clean(r->messages[k].platform, 0), r->messages[k].variant,
			       clean(r->messages[k].text, DIGEST_TEXT_WIDTH));
	}
}

static void print_wins(const struct metrics_digest *d)
{
	printf("\nWINS\n");
	printf("  Shares people responded to, in the order they were shared:\n");
	if (!d->nwins)
		printf("    none with figures yet\n");
	for (int i = 0; i < d->nwins; i++) {
		const struct digest_win *w = &d->wins[i];
		char day[16];
		metrics_date_str(w->shared_at, day, sizeof day);
		printf("    - %s on %s, %s: %lld %s, %lld %s, %lld impressions; #%lld %s\n",
		       clean(w->login, 0), clean(w->platform, 0), day, (long long)w->f.reactions,
		       plural(w->f.reactions, "reaction", "reactions"), (long long)w->f.clicks,
		       plural(w->f.clicks, "click", "clicks"), (long long)w->f.impressions,
		       (long long)w->content_id, clean(w->title, DIGEST_TEXT_WIDTH));
	}
	printf("  First shares by new ambassadors:\n");
	if (!d->nnewcomers)
		printf("    none this week\n");
	for (int i = 0; i < d->nnewcomers; i++) {
		char day[16];
		metrics_date_str(d->newcomers[i].when, day, sizeof day);
		printf("    ");
		who(&d->newcomers[i]);
		printf(", %s\n", day);
	}
}

static void print_campaigns(const struct metrics_digest *d)
{
	printf("\nCAMPAIGN PROGRESS\n");
	if (!d->ncampaigns)
		printf("  no campaign ran this week\n");
	for (int i = 0; i < d->ncampaigns; i++) {
		const struct digest_campaign *c = &d->campaigns[i];
		printf("  %s: ", clean(c->name, 0));
		if (c->target_shares > 0)
		{
			char pct[64];
			printf("%lld of %lld shares (%s%%)", (long long)c->shares, (long long)c->target_shares,
			       metrics_fixed((double)c->shares * 100.0 / (double)c->target_shares, 1, pct,
					     sizeof pct));
		}
		else
			printf("%lld %s (no target)", (long long)c->shares, plural(c->shares, "share", "shares"));
		printf(", %lld this week; %s to %s\n", (long long)c->week_shares,
		       c->starts[0] ? c->starts : "open", c->ends[0] ? c->ends : "open");
	}
}

static void print_requests(const struct metrics_digest *d)
{
	printf("\nOPEN CONTENT REQUESTS\n");
	if (!d->nrequests)
		printf("  none open\n");
	for (int i = 0; i < d->nrequests; i++) {
		const struct digest_request *r = &d->requests[i];
		printf("  #%lld due %s%s, asked of %s by %s: %s\n", (long long)r->id, r->due,
		       r->overdue ? " (overdue)" : "", clean(r->to, 0), clean(r->asker, 0),
		       clean(r->brief, DIGEST_TEXT_WIDTH));
	}
}

static void print_quiet(const struct metrics_digest *d)
{
	printf("\nQUIET AMBASSADORS (no activity in the last %d %s)\n", d->quiet_weeks,
	       plural(d->quiet_weeks, "week", "weeks"));
	if (!d->nquiet)
		printf("  none: everyone took part\n");
	for (int i = 0; i < d->nquiet; i++) {
		printf("  ");
		who(&d->quiet[i]);
		if (d->quiet[i].when >= 0) {
			char label[24];
			metrics_week_label(d->quiet[i].when, label, sizeof label);
			printf(": last active %s\n", label);
		} else {
			printf(": never active\n");
		}
	}
	if (d->quiet_paused)
		printf("  (%d paused on the ambassador journey: not listed)\n", d->quiet_paused);
}

/* Adoption of the week and the weeks before it: the trend, oldest first. */
static void print_adoption(const struct metrics_digest *d)
{
	const struct metrics_adoption *a = &d->adoption;
	char ms[128];
	metrics_milestones_words(a, ms, sizeof ms);
	printf("\nADOPTION (%s; milestones %s)\n", a->headcount_set ? "of the organisation's headcount"
	       : "no headcount set in the strategy: of the people registered in chorus", ms);
	for (int i = 0; i < a->nweeks; i++) {
		char words[400];
		metrics_adoption_words(&a->weeks[i], words, sizeof words);
		printf("  %s: %s\n", a->weeks[i].label, words);
	}
}

static int run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "week", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	const char *week = NULL;
	int ch;
	optind = 1;
	while ((ch = cli_getopt(&cmd_digest, argc, argv, opts)) != -1) {
		switch (ch) {
		case 'w': week = optarg; break;
		default: return CH_INVALID;
		}
	}
	if (optind < argc)
		return cli_usage(&cmd_digest, "unexpected argument '%s'", argv[optind]);
	int64_t w;
	if (week) {
		if ((w = metrics_week_parse(week)) < 0)
			return cli_usage(&cmd_digest, "--week '%s' is not an ISO week (YYYY-Www, e.g. 2026-W45)", week);
	} else {
		w = metrics_week_of(store_now()) - 1;   /* the last complete week */
	}
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct metrics_digest d;
	struct err e = {0};
	if (metrics_digest(&c->store, w, &d, &e) != CH_OK)
		return cli_error(&e);
	char mon[16], sun[16];
	metrics_date_str(d.start, mon, sizeof mon);
	metrics_date_str(d.start + 6 * TIME_DAY, sun, sizeof sun);
	printf("chorus weekly digest: %s\n", clean(d.organisation, 0));
	printf("week %s: Monday %s to Sunday %s (UTC)\n\n", d.label, mon, sun);
	printf("This week: %lld %s by %lld %s; %d %s became ready; %d quiet %s.\n\n", (long long)d.shares,
	       plural(d.shares, "share", "shares"), (long long)d.sharers, plural(d.sharers, "person", "people"),
	       d.nready, plural(d.nready, "item", "items"), d.nquiet, plural(d.nquiet, "ambassador", "ambassadors"));
	print_ready(&d);
	print_wins(&d);
	print_campaigns(&d);
	print_requests(&d);
	print_quiet(&d);
	print_adoption(&d);
	metrics_digest_free(&d);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail(CH_UNUSABLE, "cannot write the digest to standard output");
	return CH_OK;
}

const struct cli_command cmd_digest = {
	"digest", "[--week YYYY-Www]",
	"a weekly digest in plain text to mail: ready messages, wins, requests, quiet ambassadors",
	"  --week YYYY-Www  the ISO week (e.g. 2026-W45); default: the last complete week\n"
	"Anyone in the programme may read the digest.\n",
	run,
};
