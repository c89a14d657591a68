/* digest.c — chorus digest: one ISO week in plain text, for a cron job to mail
 * to the programme: what became ready to share, the week's wins, how the
 * campaigns are doing, the content requests still open and who has gone quiet.  Ordering is fixed, so the same
 * database and week always give the same text. */
#include <stdio.h>
#include <getopt.h>
#include <string.h>
#include "chorus/i18n.h"
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

/* A count, a percentage or a day in the person's form (i18n.h), from a
 * ring of buffers like clean(). */
static char *ring(void)
{
	static char buf[16][64];
	static int at;
	at = (at + 1) % 16;
	return buf[at];
}

static const char *count(int64_t n)
{
	return i18n_int(ring(), 64, n);
}

static const char *day_of(int64_t t)
{
	char ymd[16];
	metrics_date_str(t, ymd, sizeof ymd);
	return i18n_day(ring(), 64, ymd);
}

static const char *day(const char *ymd)
{
	return i18n_day(ring(), 64, ymd);
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
	fputs(_("NEW READY MESSAGES\n"), stdout);
	if (!d->nready)
		fputs(_("  none this week\n"), stdout);
	for (int i = 0; i < d->nready; i++) {
		const struct digest_ready *r = &d->ready[i];
		printf(_("  #%lld %s (by %s"), (long long)r->id, clean(r->title, 0), clean(r->creator, 0));
		if (r->pillar[0])
			printf(_("; pillar %s"), clean(r->pillar, 0));
		if (r->campaign[0])
			printf(_("; campaign %s"), clean(r->campaign, 0));
		printf(")\n");
		if (!r->nmessages)
			fputs(_("      no messages yet\n"), stdout);
		for (int k = 0; k < r->nmessages; k++)
			printf("      %s %d: %s\n", clean(r->messages[k].platform, 0), r->messages[k].variant,
			       clean(r->messages[k].text, DIGEST_TEXT_WIDTH));
	}
}

static void print_wins(const struct metrics_digest *d)
{
	fputs(_("\nWINS\n"), stdout);
	fputs(_("  Shares people responded to, in the order they were shared:\n"), stdout);
	if (!d->nwins)
		fputs(_("    none with figures yet\n"), stdout);
	for (int i = 0; i < d->nwins; i++) {
		const struct digest_win *w = &d->wins[i];
		char reactions[80], clicks[80], impressions[80];
		snprintf(reactions, sizeof reactions, P_("%s reaction", "%s reactions", w->f.reactions),
			 count(w->f.reactions));
		snprintf(clicks, sizeof clicks, P_("%s click", "%s clicks", w->f.clicks), count(w->f.clicks));
		snprintf(impressions, sizeof impressions, P_("%s impression", "%s impressions", w->f.impressions),
			 count(w->f.impressions));
		/* TRANSLATORS: "    - login on platform, day: 3 reactions, 2 clicks,
		 * 40 impressions; #12 title". */
		printf(_("    - %s on %s, %s: %s, %s, %s; #%lld %s\n"),
		       clean(w->login, 0), clean(w->platform, 0), day_of(w->shared_at), reactions, clicks,
		       impressions, (long long)w->content_id, clean(w->title, DIGEST_TEXT_WIDTH));
	}
	fputs(_("  First shares by new ambassadors:\n"), stdout);
	if (!d->nnewcomers)
		fputs(_("    none this week\n"), stdout);
	for (int i = 0; i < d->nnewcomers; i++) {
		printf("    ");
		who(&d->newcomers[i]);
		printf(", %s\n", day_of(d->newcomers[i].when));
	}
}

static void print_campaigns(const struct metrics_digest *d)
{
	fputs(_("\nCAMPAIGN PROGRESS\n"), stdout);
	if (!d->ncampaigns)
		fputs(_("  no campaign ran this week\n"), stdout);
	for (int i = 0; i < d->ncampaigns; i++) {
		const struct digest_campaign *c = &d->campaigns[i];
		printf("  %s: ", clean(c->name, 0));
		if (c->target_shares > 0) {
			char plain[64], pct[64];
			metrics_fixed((double)c->shares * 100.0 / (double)c->target_shares, 1, plain, sizeof plain);
			printf(P_("%s of %s share (%s%%)", "%s of %s shares (%s%%)", c->target_shares), count(c->shares),
			       count(c->target_shares), metrics_human(plain, pct, sizeof pct));
		} else {
			printf(P_("%s share (no target)", "%s shares (no target)", c->shares), count(c->shares));
		}
		/* TRANSLATORS: ", 3 this week; 2026-11-02 to 2026-11-30" (or "open"). */
		printf(_(", %s this week; %s to %s\n"), count(c->week_shares),
		       c->starts[0] ? day(c->starts) : _("open"), c->ends[0] ? day(c->ends) : _("open"));
	}
}

static void print_requests(const struct metrics_digest *d)
{
	fputs(_("\nOPEN CONTENT REQUESTS\n"), stdout);
	if (!d->nrequests)
		fputs(_("  none open\n"), stdout);
	for (int i = 0; i < d->nrequests; i++) {
		const struct digest_request *r = &d->requests[i];
		/* TRANSLATORS: "  #4 due 2026-11-10 (overdue), asked of login by
		 * login: brief". */
		printf(_("  #%lld due %s%s, asked of %s by %s: %s\n"), (long long)r->id, day(r->due),
		       r->overdue ? _(" (overdue)") : "", clean(r->to, 0), clean(r->asker, 0),
		       clean(r->brief, DIGEST_TEXT_WIDTH));
	}
}

static void print_quiet(const struct metrics_digest *d)
{
	printf(P_("\nQUIET AMBASSADORS (no activity in the last %d week)\n",
		  "\nQUIET AMBASSADORS (no activity in the last %d weeks)\n", d->quiet_weeks), d->quiet_weeks);
	if (!d->nquiet)
		fputs(_("  none: everyone took part\n"), stdout);
	for (int i = 0; i < d->nquiet; i++) {
		printf("  ");
		who(&d->quiet[i]);
		if (d->quiet[i].when >= 0) {
			char label[24];
			metrics_week_label(d->quiet[i].when, label, sizeof label);
			printf(_(": last active %s\n"), label);
		} else {
			fputs(_(": never active\n"), stdout);
		}
	}
	if (d->quiet_paused)
		printf(_("  (%d paused on the ambassador journey: not listed)\n"), d->quiet_paused);
}

/* Adoption of the week and the weeks before it: the trend, oldest first. */
static void print_adoption(const struct metrics_digest *d)
{
	const struct metrics_adoption *a = &d->adoption;
	char ms[128];
	metrics_milestones_words(a, ms, sizeof ms);
	printf(_("\nADOPTION (%s; milestones %s)\n"), a->headcount_set ? _("of the organisation's headcount")
	       : _("no headcount set in the strategy: of the people registered in chorus"), ms);
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
		return cli_usage(&cmd_digest, _("unexpected argument '%s'"), argv[optind]);
	int64_t w;
	if (week) {
		if ((w = metrics_week_parse(week)) < 0)
			return cli_usage(&cmd_digest, _("--week '%s' is not an ISO week (YYYY-Www, e.g. 2026-W45)"), week);
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
	printf(_("chorus weekly digest: %s\n"), clean(d.organisation, 0));
	printf(_("week %s: Monday %s to Sunday %s (UTC)\n\n"), d.label, day_of(d.start), day_of(d.start + 6 * TIME_DAY));
	char shares[80], sharers[80], ready[80], quiet[80];
	snprintf(shares, sizeof shares, P_("%s share", "%s shares", d.shares), count(d.shares));
	snprintf(sharers, sizeof sharers, P_("%s person", "%s people", d.sharers), count(d.sharers));
	snprintf(ready, sizeof ready, P_("%d item became ready", "%d items became ready", d.nready), d.nready);
	snprintf(quiet, sizeof quiet, P_("%d quiet ambassador", "%d quiet ambassadors", d.nquiet), d.nquiet);
	/* TRANSLATORS: "This week: 5 shares by 3 people; 2 items became ready;
	 * 1 quiet ambassador." */
	printf(_("This week: %s by %s; %s; %s.\n\n"), shares, sharers, ready, quiet);
	print_ready(&d);
	print_wins(&d);
	print_campaigns(&d);
	print_requests(&d);
	print_quiet(&d);
	print_adoption(&d);
	metrics_digest_free(&d);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail(CH_UNUSABLE, _("cannot write the digest to standard output"));
	return CH_OK;
}

const struct cli_command cmd_digest = {
	"digest", N_("[--week YYYY-Www]"),
	N_("a weekly digest in plain text to mail: ready messages, wins, requests, quiet ambassadors"),
	N_("  --week YYYY-Www  the ISO week (e.g. 2026-W45); default: the last complete week\n"
	"Anyone in the programme may read the digest.\n"),
	run,
};
