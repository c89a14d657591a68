/* group.c — chorus group add|list|set|archive|restore|members: the focus
 * groups (core/focus_group.c).  Writes are a social master's. */
#include <stdio.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "table.h"
#include "chorus/focus_group.h"
#include "../util/timeutil.h"

/* --name, --purpose, --owner after the subcommand; allow_name for set. */
static int parse_change(int argc, char **argv, struct focus_group_change *c, int allow_name)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "purpose", required_argument, NULL, 'p' },
		{ "owner", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	optind = 1;
	while ((ch = cli_getopt(&cmd_group, argc, argv, opts)) != -1) {
		switch (ch) {
		case 'n':
			if (!allow_name)
				return cli_usage(&cmd_group, _("--name is for group set (group add NAME names it)"));
			c->name = optarg;
			break;
		case 'p': c->purpose = optarg; break;
		case 'o': c->owner = optarg; break;
		default: return CH_INVALID;
		}
	}
	return CH_OK;
}

/* group list [--all] [--format F] */
static int group_print(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	enum table_format fmt = TABLE_DEFAULT;
	int ch, all = 0, st;
	optind = 1;
	while ((ch = cli_getopt(&cmd_group, argc, argv, opts)) != -1) {
		if (ch == 'a')
			all = 1;
		else if (ch != 'f' || table_format_arg(&cmd_group, optarg, &fmt) != CH_OK)
			return CH_INVALID;
	}
	if (optind < argc)
		return cli_usage(&cmd_group, _("group list takes no arguments"));
	if ((st = session_open(c)) != CH_OK)
		return st;
	struct focus_group *g;
	int n;
	struct err e = {0};
	if (focus_group_list(&c->store, all, &g, &n, &e) != CH_OK)
		return cli_error(&e);
	static const char *const h[] = { "name", "purpose", "owner", "members", "archived" };
	static const char *const th[] = { N_("NAME"), N_("PURPOSE"), N_("OWNER"), N_("MEMBERS"), N_("ARCHIVED") };
	struct csv_table t;
	csv_table_init(&t, NULL, 5, h, "lllrl");
	t.text_heads = th;
	for (int i = 0; i < n; i++) {
		char members[16], archived[16] = "";
		snprintf(members, sizeof members, "%d", g[i].members);
		if (g[i].archived_at)
			time_date_str(g[i].archived_at, archived, sizeof archived);
		const char *cells[] = { g[i].name, g[i].purpose, g[i].owner, members, archived };
		csv_table_add(&t, cells);
	}
	free(g);
	return table_print(&t, fmt);
}

/* group members NAME: one login a line. */
static int group_people(struct session *c, const char *name)
{
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	char **logins;
	int n;
	struct err e = {0};
	if (focus_group_members(&c->store, name, &logins, &n, &e) != CH_OK)
		return cli_error(&e);
	for (int i = 0; i < n; i++)
		printf("%s\n", logins[i]);
	focus_group_members_free(logins, n);
	return CH_OK;
}

static int run(struct session *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_group, _("which: add, list, set, archive, restore or members?"));
	const char *sub = argv[1];
	if (strcmp(sub, "list") == 0)
		return group_print(c, argc - 1, argv + 1);
	int add = strcmp(sub, "add") == 0, set = strcmp(sub, "set") == 0;
	int archive = strcmp(sub, "archive") == 0, restore = strcmp(sub, "restore") == 0;
	int members = strcmp(sub, "members") == 0;
	if (!add && !set && !archive && !restore && !members)
		return cli_usage(&cmd_group, _("unknown subcommand '%s'"), sub);
	struct focus_group_change gc = {0};
	int st = CH_OK;
	if (add || set)
		st = parse_change(argc - 1, argv + 1, &gc, set);
	else {
		static const struct option none[] = { { NULL, 0, NULL, 0 } };
		optind = 1;
		if (cli_getopt(&cmd_group, argc - 1, argv + 1, none) != -1)
			st = CH_INVALID;
	}
	if (st != CH_OK)
		return st;
	int left = argc - 1 - optind;
	if (left != 1)
		return cli_usage(&cmd_group, left ? _("one NAME, please (quote a name with spaces)") : _("which NAME?"));
	const char *name = argv[1 + optind];
	if (set && !gc.name && !gc.purpose && !gc.owner)
		return cli_usage(&cmd_group, _("group set needs something to change: --name, --purpose or --owner"));
	if (members)
		return group_people(c, name);
	if ((st = session_open(c)) != CH_OK)
		return st;
	struct err e = {0};
	if (add) {
		gc.name = name;
		st = focus_group_create(&c->store, &gc, NULL, &e);
	} else if (set)
		st = focus_group_set(&c->store, name, &gc, &e);
	else
		st = focus_group_archive(&c->store, name, archive, &e);
	if (st != CH_OK)
		return cli_error(&e);
	printf(add ? _("added focus group %s\n") : set ? _("changed focus group %s\n")
		   : archive ? _("archived focus group %s\n") : _("restored focus group %s\n"),
	       set && gc.name ? gc.name : name);
	return CH_OK;
}

const struct cli_command cmd_group = {
	"group", "add NAME [OPTIONS] | set GROUP [OPTIONS] | list [--all] " TABLE_FORMAT_USAGE
	" | archive GROUP | restore GROUP | members GROUP",
	N_("manage the focus groups (changes: social masters)"),
	N_("  add NAME            add a focus group (no comma in the name)\n"
	"  set GROUP           change it: --name renames, --purpose, --owner\n"
	"  list                the groups in use: name, purpose, owner, members,\n"
	"                      archived (a date, with --all: archived ones too)\n"
	"  archive GROUP       keep the group and its members, but offer it no more\n"
	"                      (filters, choices, Tab completion)\n"
	"  restore GROUP       use an archived group again\n"
	"  members GROUP       the logins of its members, one a line\n"
	"options of add and set:\n"
	"  --name NEW          (set only) the new name\n"
	"  --purpose TEXT      what the group is for (\"\" clears)\n"
	"  --owner LOGIN       who looks after it (\"\" clears)\n"
	"options of list:\n"
	"  --all               archived groups too\n"),
	run,
};
