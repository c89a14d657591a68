/* theme.c — `chorus theme list` and `chorus theme check [NAME|FILE]...`:
 * the colour themes the full-screen interface can use (chorus-theme(5)),
 * found and checked by the same code it uses, without a database or a
 * terminal. */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/config.h"
#include "chorus/theme.h"
#include "chorus/i18n.h"
#include "commands.h"
#include "table.h"

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NAME.yaml files of dir, sorted; *n of them (malloc'd strings). */
static char **dir_themes(const char *dir, int *n)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **v = NULL;
	int cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len <= 5 || de->d_name[0] == '.' || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		if (*n == cap) {
			char **nv = realloc(v, (size_t)(cap = cap ? cap * 2 : 16) * sizeof *v);
			if (!nv)
				break;
			v = nv;
		}
		if (!(v[*n] = strndup(de->d_name, len - 5)))
			break;
		++*n;
	}
	closedir(d);
	if (v)
		qsort(v, (size_t)*n, sizeof *v, name_cmp);
	return v;
}

/* Neither subcommand has options: 1 when argv (argv[0] the subcommand)
 * has none, with optind at the first argument; 0 after a usage error. */
static int no_options(int argc, char **argv)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	optind = 1;
	return cli_getopt(&cmd_theme, argc, argv, none) == -1;
}

void cli_theme_names(char ***names, int *n)
{
	char dirs[THEME_DIRS_MAX][PATH_MAX];
	int nd = theme_dirs(dirs, THEME_DIRS_MAX), cap = 0;
	*names = NULL;
	*n = 0;
	for (int i = -1; i < nd; i++) {
		int m = 0;
		char **v = i < 0 ? NULL : dir_themes(dirs[i], &m);
		char *builtin = i < 0 ? strdup("default") : NULL;
		for (int k = i < 0 ? -1 : 0; k < m; k++) {
			char *name = k < 0 ? builtin : v[k];
			int dup = !name;
			for (int j = 0; j < *n && !dup; j++)
				dup = strcmp((*names)[j], name) == 0;
			if (!dup && *n == cap) {
				char **nv = realloc(*names, (size_t)(cap = cap ? cap * 2 : 16) * sizeof *nv);
				dup = !nv;
				if (nv)
					*names = nv;
			}
			if (dup)
				free(name);
			else
				(*names)[(*n)++] = name;
		}
		free(v);
	}
	if (*names)
		qsort(*names, (size_t)*n, sizeof **names, name_cmp);
}

/* One row per theme file: its name, path, whether it is the one used, and
 * what it says it is.  A name found in two places is used from the first. */
static int list(int argc, char **argv)
{
	enum table_format fmt;
	if (table_list_args(&cmd_theme, argc, argv, _("list takes no argument"), &fmt) != CH_OK)
		return CH_INVALID;
	char dirs[THEME_DIRS_MAX][PATH_MAX];
	int nd = theme_dirs(dirs, THEME_DIRS_MAX), have_default = 0;
	char **seen[THEME_DIRS_MAX] = { NULL };
	int nseen[THEME_DIRS_MAX] = { 0 };
	static struct theme t;
	static const char *const h[] = { "name", "file", "used", "description" };
	static const char *const th[] = { N_("NAME"), N_("FILE"), N_("USED"), N_("DESCRIPTION") };
	struct csv_table tab;
	csv_table_init(&tab, NULL, 4, h, "llll");
	tab.text_heads = th;
	for (int i = 0; i < nd; i++) {
		seen[i] = dir_themes(dirs[i], &nseen[i]);
		for (int k = 0; k < nseen[i]; k++) {
			char path[PATH_MAX + 80];
			struct err e = {0};
			snprintf(path, sizeof path, "%s/%s.yaml", dirs[i], seen[i][k]);
			int shadowed = 0;
			for (int j = 0; j < i; j++)
				for (int m = 0; m < nseen[j]; m++)
					shadowed |= strcmp(seen[j][m], seen[i][k]) == 0;
			have_default |= strcmp(seen[i][k], "default") == 0;
			int st = theme_load_file(path, &t, &e);
			const char *row[] = { seen[i][k], path, shadowed ? "no" : "yes",
				st == CH_OK ? t.description : "(does not load: chorus theme check shows why)" };
			csv_table_add(&tab, row);
		}
	}
	if (!have_default) {
		theme_default(&t);
		const char *row[] = { "default", "(built in)", "yes", t.description };
		csv_table_add(&tab, row);
	}
	for (int i = 0; i < THEME_DIRS_MAX; i++) {
		for (int k = 0; k < nseen[i]; k++)
			free(seen[i][k]);
		free(seen[i]);
	}
	return table_print(&tab, fmt);
}

/* Load each theme as the interface would; "PATH: ok" for each good one, the
 * error (FILE:LINE:COL: FIELD: ...) for each bad one, exit 2 if any. */
static int check(struct session *c, int argc, char **argv)
{
	if (!no_options(argc, argv))
		return CH_INVALID;
	static struct config cfg;
	static struct theme t;
	char *configured[1] = { (char *)c->theme };
	if (optind == argc && !configured[0]) {
		struct err e = {0};
		if (config_load(&cfg, &e) != CH_OK)
			return cli_error(&e);
		configured[0] = cfg.theme;
	}
	char **names = optind < argc ? argv + optind : configured;
	int n = optind < argc ? argc - optind : 1, status = CH_OK;
	for (int i = 0; i < n; i++) {
		struct err e = {0};
		if (theme_load(names[i], &t, &e) != CH_OK) {
			cli_error(&e);
			if (e.status > status)
				status = e.status;
		} else
			printf(_("%s: ok\n"), t.path[0] ? t.path : _("default (built in)"));
	}
	return status;
}

static int run(struct session *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_theme, _("which: list or check?"));
	if (strcmp(argv[1], "list") == 0)
		return list(argc - 1, argv + 1);
	if (strcmp(argv[1], "check") == 0)
		return check(c, argc - 1, argv + 1);
	return cli_usage(&cmd_theme, _("unknown subcommand '%s'"), argv[1]);
}

const struct cli_command cmd_theme = {
	"theme", "list " TABLE_FORMAT_USAGE " | check [NAME|FILE]...",
	N_("list the colour themes, or check theme files (chorus-theme(5))"),
	N_("  list                the themes found: name, file, used, description; a name\n"
	"                      in $XDG_CONFIG_HOME/chorus/themes hides the installed\n"
	"                      one (used: no)\n"
	"  check [NAME|FILE]   load each theme as the interface would and say what is\n"
	"                      wrong, as FILE:LINE:COLUMN: FIELD: ... (exit 2); with no\n"
	"                      argument the theme --theme or config.yaml names\n"
	"option of list:\n"),
	run,
};
