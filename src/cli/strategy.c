/* strategy.c — chorus strategy export|import: the strategy as a YAML file
 * (chorus-strategy(5)).  Export is canonical, so export → import → export
 * gives the same bytes; import is all-or-nothing and says where in the file
 * each problem is, as FILE:LINE:COLUMN: FIELD: WHAT, the way compilers do, so
 * editors can jump to it. */
#include <stdio.h>
#include <getopt.h>
#include <limits.h>
#include <string.h>
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
		return cli_usage(&cmd_strategy, "export takes at most one FILE");
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
		printf("exported the strategy of %s to %s: %s\n", s.organisation, path, counts);
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
		fprintf(stderr, "%s: ... and %d more problem(s)\n", file, doc->more_errors);
}

static void print_changes(const char *file, const struct strategy *want, const struct strategy_diff *d,
			  int dry_run)
{
	static const char *const done[] = { "added", "changed", "removed", "reordered" };
	static const char *const would[] = { "would add", "would change", "would remove", "would reorder" };
	const char *const *verb = dry_run ? would : done;
	int total[3] = {0};
	for (int i = 0; i < d->nchanges; i++) {
		const struct strategy_change *ch = &d->changes[i];
		int v = ch->action == '+' ? 0 : ch->action == '~' ? 1 : ch->action == '-' ? 2 : 3;
		if (v == 3)
			printf("%s the %s\n", verb[v], strategy_kind_name(ch->kind, 1));
		else
			printf("%s %s \"%s\"\n", verb[v], strategy_kind_name(ch->kind, 0), ch->name);
	}
	if (d->organisation)
		printf("%s the organisation's name to \"%s\"\n", verb[1], want->organisation);
	if (d->options)
		printf("%s the options\n", verb[1]);
	if (d->headcount)
		printf("%s the headcount and milestones\n", verb[1]);
	for (int k = 0; k < STRATEGY_KINDS; k++) {
		total[0] += d->added[k];
		total[1] += d->changed[k];
		total[2] += d->removed[k];
		if (d->added[k] || d->changed[k] || d->removed[k])
			printf("%s: %d added, %d changed, %d removed\n", strategy_kind_name(k, 1),
			       d->added[k], d->changed[k], d->removed[k]);
	}
	if (strategy_diff_empty(d))
		printf("%s: the strategy is already this; nothing %s\n", file, dry_run ? "would change" : "changed");
	else if (dry_run)
		printf("dry run of %s: %d to add, %d to change, %d to remove; nothing was written\n",
		       file, total[0], total[1], total[2]);
	else
		printf("imported %s: %d added, %d changed, %d removed\n", file, total[0], total[1], total[2]);
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
		return cli_usage(&cmd_strategy, argc - optind ? "import takes one FILE" : "import which FILE?");
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
		cli_fail(st, "%s: %d problem(s); nothing was imported", file, im.doc.nerrors + im.doc.more_errors);
	} else {
		cli_error(&e);
	}
	if (st == CH_OK) {
		st = strategy_import_apply(&c->store, &im, file, dry_run, &e);
		if (st == CH_OK)
			print_changes(file, &im.doc.st, &im.diff, dry_run);
		else if (im.doc.nerrors) {
			print_problems(file, &im.doc);
			cli_fail(st, "%s: nothing was imported", file);
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
		return cli_usage(&cmd_strategy, "which: export or import?");
	if (strcmp(argv[1], "export") == 0)
		return do_export(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "import") == 0)
		return do_import(c, argc - 1, argv + 1);
	return cli_usage(&cmd_strategy, "unknown subcommand '%s'", argv[1]);
}

const struct cli_command cmd_strategy = {
	"strategy", "export [FILE] | import FILE [--dry-run]",
	"export or import the strategy as YAML (chorus-strategy(5))",
	"  export [FILE]       write the strategy to FILE (atomically), or to standard output\n"
	"  import FILE         make the strategy what FILE says (\"-\" reads standard input):\n"
	"                      all or nothing, social masters only\n"
	"  --dry-run           (import) check FILE and show what would change; write nothing\n",
	run,
};
