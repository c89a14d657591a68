/* people.c — chorus people add|list|set: the social master's roster. */
#include <stdio.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "chorus/people.h"

static int parse_change(int argc, char **argv, struct person_change *pc, int allow_active)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "email", required_argument, NULL, 'e' },
		{ "team", required_argument, NULL, 't' },
		{ "roles", required_argument, NULL, 'r' },
		{ "active", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	pc->roles = pc->active = -1;
	optind = 1;   /* argv[0] is the subcommand (add/set) */
	while ((ch = cli_getopt(&cmd_people, argc, argv, opts)) != -1) {
		switch (ch) {
		case 'n': pc->name = optarg; break;
		case 'e': pc->email = optarg; break;
		case 't': pc->team = optarg; break;
		case 'r':
			pc->roles = store_roles_parse(optarg);
			if (pc->roles < 0)
				return cli_usage(&cmd_people, "--roles '%s': use master, editor, creator, publisher "
						 "separated by commas", optarg);
			break;
		case 'a':
			if (!allow_active)
				return cli_usage(&cmd_people, "--active is for people set");
			if (strcmp(optarg, "yes") == 0)
				pc->active = 1;
			else if (strcmp(optarg, "no") == 0)
				pc->active = 0;
			else
				return cli_usage(&cmd_people, "--active takes yes or no, not '%s'", optarg);
			break;
		default: return CH_INVALID;
		}
	}
	return CH_OK;
}

static int people_print(struct cli *c)
{
	struct person *p;
	int n;
	struct err e = {0};
	if (people_list(&c->store, &p, &n, &e) != CH_OK)
		return cli_error(&e);
	printf("%-16s %-28s %-16s %-30s %s\n", "LOGIN", "NAME", "TEAM", "ROLES", "ACTIVE");
	for (int i = 0; i < n; i++) {
		char roles[64];
		store_roles_format(p[i].roles, roles, sizeof roles);
		printf("%-16s %-28s %-16s %-30s %s\n", p[i].login, p[i].name, p[i].team[0] ? p[i].team : "-",
		       roles, p[i].active ? "yes" : "no");
	}
	free(p);
	return CH_OK;
}

static int run(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_people, "which: add, list or set?");
	const char *sub = argv[1];
	struct person_change pc = {0};
	struct err e = {0};
	int st;
	if (strcmp(sub, "list") == 0) {
		if (argc > 2)
			return cli_usage(&cmd_people, "people list takes no arguments");
		if ((st = cli_open(c)) != CH_OK)
			return st;
		return people_print(c);
	}
	if (strcmp(sub, "add") != 0 && strcmp(sub, "set") != 0)
		return cli_usage(&cmd_people, "unknown subcommand '%s'", sub);
	int add = strcmp(sub, "add") == 0;
	if ((st = parse_change(argc - 1, argv + 1, &pc, !add)) != CH_OK)
		return st;
	int left = argc - 1 - optind;
	if (left != 1)
		return cli_usage(&cmd_people, left ? "one LOGIN, please" : "which LOGIN?");
	const char *login = argv[1 + optind];
	if (!add && !pc.name && !pc.email && !pc.team && pc.roles < 0 && pc.active < 0)
		return cli_usage(&cmd_people, "people set needs something to change");
	if ((st = cli_open(c)) != CH_OK)
		return st;
	st = add ? people_add(&c->store, login, &pc, NULL, &e)
		 : people_set(&c->store, login, &pc, 0, &e);
	if (st != CH_OK)
		return cli_error(&e);
	printf("%s %s\n", add ? "added" : "changed", login);
	return CH_OK;
}

const struct cli_command cmd_people = {
	"people", "add LOGIN [OPTIONS] | set LOGIN [OPTIONS] | list",
	"manage the people in the programme (social masters)",
	"  add LOGIN           add a person (they are always a publisher)\n"
	"  set LOGIN           change a person\n"
	"  list                list everyone\n"
	"options of add and set:\n"
	"  --name NAME         full name\n"
	"  --email ADDRESS     e-mail address (\"\" clears)\n"
	"  --team TEAM         team, created when new (\"\" clears)\n"
	"  --roles LIST        master,editor,creator,publisher (publisher is implied)\n"
	"  --active yes|no     (set only) whether they still take part\n",
	run,
};
