/* check.c — `chorus check [FILE|-]`: run the fair-use policy on a text.
 *
 * One line per match, in text order, like a compiler's diagnostics:
 *   LINE:COLUMN: SEVERITY: RULE: "matched text" — GUIDANCE
 * then a count.  Exit 1 when a blocking rule matched, so a script or a hook
 * can refuse the text; 0 otherwise (warnings explain, they do not refuse). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/policy.h"
#include "chorus/termsafe.h"
#include "chorus/i18n.h"
#include "commands.h"

/* The longest excerpt of matched text shown, in bytes of output. */
#define CHECK_EXCERPT_MAX 60
/* The largest text accepted: far beyond any post, small enough to check fast. */
#define CHECK_TEXT_MAX (1024 * 1024)

/* Print text[0, len) terminal-safe (termsafe.h), at most max bytes of
 * output; "…" marks a cut. */
static void check_print_safe(FILE *out, const char *text, size_t len, size_t max)
{
	safe_fwrite(out, text, len, max, 0);
}

static void check_print_match(const char *text, const struct policy_match *m)
{
	const struct policy_rule *r = m->rule;
	const char *name = r->name ? r->name : "";
	if (m->too_expensive) {
		/* TRANSLATORS: "warning: rule NAME: too expensive...". */
		fputs(_("warning: rule "), stdout);
		check_print_safe(stdout, name, strlen(name), SIZE_MAX);
		fputs(_(": too expensive to evaluate on this text (over its match or time limit)\n"), stdout);
		return;
	}
	printf("%d:%d: %s: ", m->line, m->column, severity_name(r->severity));
	check_print_safe(stdout, name, strlen(name), SIZE_MAX);
	fputs(": \"", stdout);
	check_print_safe(stdout, text + m->start, m->end - m->start, CHECK_EXCERPT_MAX);
	fputc('"', stdout);
	if (r->guidance && *r->guidance) {
		fputs(" — ", stdout);
		check_print_safe(stdout, r->guidance, strlen(r->guidance), SIZE_MAX);
	}
	fputc('\n', stdout);
}

/* The last line: how many matches of each severity.  Entries for rules that
 * were too expensive are not matches; but a blocking rule that could not be
 * evaluated may have matched, so it blocks (as it refuses approval). */
static void check_print_summary(const struct policy_match *m, int n, int *blocking)
{
	int total = 0, nblock = 0, nwarn = 0, ninfo = 0, undecided = 0;
	for (int i = 0; i < n; i++) {
		if (m[i].too_expensive) {
			undecided += m[i].rule->severity == SEV_BLOCK;
			continue;
		}
		total++;
		switch (m[i].rule->severity) {
		case SEV_BLOCK: nblock++; break;
		case SEV_WARN:  nwarn++; break;
		default:        ninfo++; break;
		}
	}
	*blocking = nblock + undecided;
	if (undecided)
		printf(P_("%d blocking rule could not be evaluated: the text counts as blocked\n",
			  "%d blocking rules could not be evaluated: the text counts as blocked\n", undecided),
		       undecided);
	if (total == 0) {
		puts(_("no policy matches"));
		return;
	}
	char matches[64], warnings[64];
	snprintf(matches, sizeof matches, P_("%d match", "%d matches", total), total);
	snprintf(warnings, sizeof warnings, P_("%d warning", "%d warnings", nwarn), nwarn);
	/* TRANSLATORS: "3 matches (1 blocking, 2 warnings, 0 info)". */
	printf(_("%s (%d blocking, %s, %d info)\n"), matches, nblock, warnings, ninfo);
}

static int check_run(struct session *c, int argc, char **argv);

const struct cli_command cmd_check = {
	.name = "check",
	.usage = N_("[FILE|-]"),
	.summary = N_("run the fair-use policy on a text; exit 1 when a blocking rule matches"),
	.help = N_(
		"  FILE        the text to check (UTF-8, at most 1 MiB); - or no FILE reads standard input\n"
		"  -h, --help  show this help\n"
		"\n"
		"Prints LINE:COLUMN: SEVERITY: RULE: \"matched text\" — GUIDANCE for every match,\n"
		"in text order (columns count characters), then the number of matches.\n"
		"Exit status: 0 when nothing blocks, 1 when a blocking rule matched (or was too\n"
		"expensive to evaluate on this text, as approval would refuse it too),\n"
		"2 for a bad file or a broken rule, 3 when the database is busy, 4 when unusable.\n"),
	.run = check_run,
};

static int check_run(struct session *c, int argc, char **argv)
{
	if (cli_wants_help(argc, argv))
		return cli_help(&cmd_check);
	const char *path = NULL;
	int options_done = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!options_done && strcmp(a, "--") == 0) {
			options_done = 1;
			continue;
		}
		if (!options_done && a[0] == '-' && a[1] != '\0')
			return cli_usage(&cmd_check, _("unknown option %s"), a);
		if (path)
			return cli_usage(&cmd_check, _("one text at a time: %s and %s"), path, a);
		path = a;
	}
	if (!path)
		path = "-";

	struct err e;
	err_clear(&e);
	struct policy *p = NULL;
	char *text = NULL;
	size_t len = 0;
	struct policy_match *m = NULL;
	int n = 0;
	/* The text first: standard input may be a person typing, and in share
	 * mode the open store holds the lock. */
	int st = cli_read_file(path, CHECK_TEXT_MAX, &text, &len, &e);
	if (st != CH_OK)
		return cli_error(&e);
	if ((st = session_open(c)) != CH_OK) {
		free(text);
		return st;
	}
	st = policy_load(&c->store, &p, &e);
	if (st != CH_OK) {
		st = cli_error(&e);
		goto out;
	}
	if (policy_check(p, text, &m, &n) < 0) {
		/* Fail closed: a text that could not be checked is not passed. */
		st = cli_fail(CH_FAILED, _("out of memory while checking the text"));
		goto out;
	}
	for (int i = 0; i < n; i++)
		check_print_match(text, &m[i]);
	int blocking = 0;
	check_print_summary(m, n, &blocking);
	st = blocking > 0 ? CH_FAILED : CH_OK;
	if (fflush(stdout) != 0 || ferror(stdout))
		st = cli_fail(CH_FAILED, _("cannot write the result: %s"), strerror(errno));
out:
	free(m);
	free(text);
	policy_free(p);
	session_close(c);
	return st;
}
