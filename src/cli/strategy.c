/* strategy.c — chorus strategy export|import: the strategy as a YAML file
 * (chorus-strategy(5)).  Export is canonical, so export → import → export
 * gives the same bytes; import is all-or-nothing and says where in the file
 * each problem is, as FILE:LINE:COLUMN: FIELD: WHAT, the way compilers do, so
 * editors can jump to it. */
#include <stdio.h>
#include <getopt.h>
#include <limits.h>
#include <string.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "chorus/strategy_apply.h"
#include "chorus/strategy_yaml.h"

static int do_export(struct session *c, int argc, char **argv)
{
	/* export has no options: an unknown one is refused, not taken for the
	 * FILE to write (-- ends the options; - is standard output). */
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	optind = 1;   /* argv[0] is "export" */
	if (cli_getopt(&cmd_strategy, argc, argv, none) != -1)
		return CH_INVALID;
	if (argc - optind > 1)
		return cli_usage(&cmd_strategy, _("export takes at most one FILE"));
	const char *path = argc - optind == 1 ? argv[optind] : NULL;
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct strategy s;
	struct err e = {0};
	char counts[256];
	st = strategy_export_store(&c->store, path, &s, &e);
	if (st == CH_OK && path) {
		strategy_counts(&s, counts, sizeof counts);
		printf(_("exported the strategy of %s to %s: %s\n"), s.organisation, path, counts);
	}
	strategy_free(&s);
	return st == CH_OK ? CH_OK : cli_error(&e);
}

static void print_problems(const char *file, const struct strategy_yaml_doc *doc)
{
	char line[PATH_MAX + 900];
	for (int i = 0; i < doc->nerrors; i++) {
		strategy_yaml_problem(file, &doc->errors[i], line, sizeof line);
		fprintf(stderr, "%s\n", line);
	}
	if (doc->more_errors)
		fprintf(stderr, P_("%s: ... and %d more problem\n", "%s: ... and %d more problems\n", doc->more_errors),
			file, doc->more_errors);
}

static void print_changes(const char *file, const struct strategy *want, const struct strategy_diff *d,
			  int dry_run)
{
	int total[3] = {0};
	for (int i = 0; i < d->nchanges; i++) {
		const struct strategy_change *ch = &d->changes[i];
		int reorder = ch->action != '+' && ch->action != '~' && ch->action != '-';
		const char *kind = strategy_kind_name(ch->kind, reorder);
		/* TRANSLATORS: the %s after the verb is a kind ("pillar"), then its name. */
		if (ch->action == '+')
			printf(dry_run ? _("would add %s \"%s\"\n") : _("added %s \"%s\"\n"), kind, ch->name);
		else if (ch->action == '~')
			printf(dry_run ? _("would change %s \"%s\"\n") : _("changed %s \"%s\"\n"), kind, ch->name);
		else if (ch->action == '-')
			printf(dry_run ? _("would remove %s \"%s\"\n") : _("removed %s \"%s\"\n"), kind, ch->name);
		else   /* TRANSLATORS: %s is a kind in the plural ("pillars"). */
			printf(dry_run ? _("would reorder the %s\n") : _("reordered the %s\n"), kind);
	}
	if (d->organisation)
		printf(dry_run ? _("would change the organisation's name to \"%s\"\n")
		       : _("changed the organisation's name to \"%s\"\n"), want->organisation);
	if (d->options)
		fputs(dry_run ? _("would change the options\n") : _("changed the options\n"), stdout);
	if (d->headcount)
		fputs(dry_run ? _("would change the headcount and milestones\n")
		      : _("changed the headcount and milestones\n"), stdout);
	for (int k = 0; k < STRATEGY_KINDS; k++) {
		total[0] += d->added[k];
		total[1] += d->changed[k];
		total[2] += d->removed[k];
		/* TRANSLATORS: "pillars: 1 added, 2 changed, 0 removed". */
		if (d->added[k] || d->changed[k] || d->removed[k])
			printf(_("%s: %d added, %d changed, %d removed\n"), strategy_kind_name(k, 1),
			       d->added[k], d->changed[k], d->removed[k]);
	}
	if (strategy_diff_empty(d))
		printf(dry_run ? _("%s: the strategy is already this; nothing would change\n")
		       : _("%s: the strategy is already this; nothing changed\n"), file);
	else if (dry_run)
		printf(_("dry run of %s: %d to add, %d to change, %d to remove; nothing was written\n"),
		       file, total[0], total[1], total[2]);
	else
		printf(_("imported %s: %d added, %d changed, %d removed\n"), file, total[0], total[1], total[2]);
}

static int do_import(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, dry_run = 0;
	optind = 1;   /* argv[0] is "import" */
	while ((ch = cli_getopt(&cmd_strategy, argc, argv, opts)) != -1) {
		if (ch != 'n')
			return CH_INVALID;
		dry_run = 1;
	}
	if (argc - optind != 1)
		return cli_usage(&cmd_strategy, argc - optind ? _("import takes one FILE") : _("import which FILE?"));
	const char *path = argv[optind];
	const char *file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct err e = {0};
	struct strategy_import im;
	/* The file is checked before the database is opened: a bad file is the
	 * same mistake whoever runs it. */
	int st = strategy_import_read(&im, path, &e);
	if (st == CH_OK)
		st = session_open(c);
	else if (st == CH_INVALID && im.doc.nerrors) {
		print_problems(file, &im.doc);
		cli_fail(st, P_("%s: %d problem; nothing was imported", "%s: %d problems; nothing was imported",
				im.doc.nerrors + im.doc.more_errors), file, im.doc.nerrors + im.doc.more_errors);
	} else {
		cli_error(&e);
	}
	if (st == CH_OK) {
		st = strategy_import_apply(&c->store, &im, file, dry_run, &e);
		if (st == CH_OK)
			print_changes(file, &im.doc.st, &im.diff, dry_run);
		else if (im.doc.nerrors) {
			print_problems(file, &im.doc);
			cli_fail(st, _("%s: nothing was imported"), file);
		} else {
			cli_fail(st, "%s: %s", file, e.msg);
		}
	}
	strategy_import_free(&im);
	return st;
}

static int run(struct session *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_strategy, _("which: export or import?"));
	if (strcmp(argv[1], "export") == 0)
		return do_export(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "import") == 0)
		return do_import(c, argc - 1, argv + 1);
	return cli_usage(&cmd_strategy, _("unknown subcommand '%s'"), argv[1]);
}

const struct cli_command cmd_strategy = {
	"strategy", N_("export [FILE] | import FILE [--dry-run]"),
	N_("export or import the strategy as YAML (chorus-strategy(5))"),
	N_("  export [FILE]       write the strategy to FILE (atomically), or to standard output\n"
	"  import FILE         make the strategy what FILE says (\"-\" reads standard input):\n"
	"                      all or nothing, social masters only\n"
	"  --dry-run           (import) check FILE and show what would change; write nothing\n"),
	run,
};
