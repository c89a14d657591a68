/* people.c — chorus people add|list|set|import: the social master's roster. */
#include <stdio.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "table.h"
#include "chorus/csv_in.h"
#include "chorus/csv_out.h"
#include "chorus/people.h"
#include "chorus/people_import.h"
#include "../util/timeutil.h"

/* The --handle values of one command line (each kept as typed). */
#define HANDLES_MAX 16

static int parse_change(int argc, char **argv, struct person_change *pc, int allow_active,
			const char **handles)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "email", required_argument, NULL, 'e' },
		{ "team", required_argument, NULL, 't' },
		{ "roles", required_argument, NULL, 'r' },
		{ "active", required_argument, NULL, 'a' },
		{ "groups", required_argument, NULL, 'g' },
		{ "handle", required_argument, NULL, 'H' },
		{ "state", required_argument, NULL, 's' },
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
				return cli_usage(&cmd_people, _("--roles '%s': use master, editor, creator, publisher "
						 "separated by commas"), optarg);
			break;
		case 'a':
			if (!allow_active)
				return cli_usage(&cmd_people, _("--active is for people set"));
			if (strcmp(optarg, "yes") == 0)
				pc->active = 1;
			else if (strcmp(optarg, "no") == 0)
				pc->active = 0;
			else
				return cli_usage(&cmd_people, _("--active takes yes or no, not '%s'"), optarg);
			break;
		case 'g': pc->groups = optarg; break;
		case 'H':
			if (pc->nhandles == HANDLES_MAX)
				return cli_usage(&cmd_people, _("--handle: at most %d at once"), HANDLES_MAX);
			handles[pc->nhandles++] = optarg;
			pc->handles = handles;
			break;
		case 's':
			if (people_journey_parse(optarg) < 0)
				return cli_usage(&cmd_people, _("--state '%s': use invited, onboarded, active or paused"), optarg);
			pc->state = optarg;
			break;
		default: return CH_INVALID;
		}
	}
	return CH_OK;
}

/* people list [--format F]: everyone, in the list convention of table.h. */
static int people_print(struct session *c, int argc, char **argv)
{
	enum table_format fmt;
	int st = table_list_args(&cmd_people, argc, argv, _("people list takes no arguments"), &fmt);
	if (st != CH_OK || (st = session_open(c)) != CH_OK)
		return st;
	struct person *p;
	int n;
	struct err e = {0};
	if (people_list(&c->store, &p, &n, &e) != CH_OK)
		return cli_error(&e);
	static const char *const h[] = { "login", "name", "team", "roles", "active", "state", "since" };
	static const char *const th[] = { N_("LOGIN"), N_("NAME"), N_("TEAM"), N_("ROLES"), N_("ACTIVE"),
					  N_("STATE"), N_("SINCE") };
	struct csv_table t;
	csv_table_init(&t, NULL, 7, h, "lllllll");
	t.text_heads = th;
	for (int i = 0; i < n; i++) {
		char roles[64], since[16];
		store_roles_format(p[i].roles, roles, sizeof roles);
		time_date_str(p[i].journey_at, since, sizeof since);
		const char *cells[] = { p[i].login, p[i].name, p[i].team, roles, p[i].active ? "yes" : "no",
					people_journey_names[p[i].journey], since };
		csv_table_add(&t, cells);
	}
	free(p);
	return table_print(&t, fmt);
}

/* --- people import ------------------------------------------------------------ */

enum { COL_LOGIN, COL_NAME, COL_EMAIL, COL_TEAM, COL_ROLES, COL_GROUPS, COL_ACTIVE, COL_HANDLES, NCOLUMNS };

static const struct csv_in_column columns[NCOLUMNS] = {
	{ "login", N_("each row names a person by their login") }, { "name", NULL }, { "email", NULL },
	{ "team", NULL }, { "roles", NULL }, { "focus_groups", NULL }, { "active", NULL }, { "handles", NULL },
};

static int people_import_file(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	optind = 1;
	if (cli_getopt(&cmd_people, argc, argv, opts) != -1)
		return CH_INVALID;
	if (argc - optind != 1)
		return cli_usage(&cmd_people, _("people import takes one FILE.csv"));
	struct err e = {0};
	struct csv_in in;
	int st = csv_in_read_file(argv[optind], &in, &e);
	if (st != CH_OK)
		cli_error(&e);
	int col[NCOLUMNS];
	if (st == CH_OK && in.nrecs == 0)
		st = cli_fail(CH_INVALID, _("%s: empty; its first line names the columns (login, name, email, team, "
			      "roles, focus_groups, active, handles)"), in.name);
	if (st == CH_OK)
		st = csv_in_header(&in, columns, NCOLUMNS, 0, col, cli_report, NULL);
	struct people_import_row *rows = cli_import_rows(c, _("importing people"), in.nrecs, sizeof *rows, &st);
	int n = 0, bad = 0;
	for (int r = 1; st == CH_OK && r < in.nrecs; r++) {
		const char *v[NCOLUMNS];
		if (!csv_in_row(&in, r, col, NCOLUMNS, v, cli_report, NULL)) {
			bad++;
			continue;
		}
		rows[n++] = (struct people_import_row){ in.recs[r].line, v[COL_LOGIN], v[COL_NAME], v[COL_EMAIL],
			v[COL_TEAM], v[COL_ROLES], v[COL_GROUPS], v[COL_ACTIVE], v[COL_HANDLES] };
	}
	struct people_import_counts k;
	if (st == CH_OK && (st = people_import(&c->store, rows, n, bad, &k, cli_row_report, in.name, &e)) != CH_OK) {
		if (st == CH_INVALID)
			cli_fail(st, "%s: %s", in.name, e.msg);
		else
			cli_error(&e);
	}
	if (st == CH_OK)
		printf(P_("%s: %d row: %d added, %d updated, %d unchanged\n",
			  "%s: %d rows: %d added, %d updated, %d unchanged\n", n), in.name, n,
		       k.added, k.updated, k.unchanged);
	free(rows);
	csv_in_free(&in);
	return st;
}

static int run(struct session *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_people, _("which: add, list or set? (or import FILE.csv)"));
	const char *sub = argv[1];
	struct person_change pc = {0};
	const char *handles[HANDLES_MAX];
	struct err e = {0};
	int st;
	if (strcmp(sub, "list") == 0)
		return people_print(c, argc - 1, argv + 1);
	if (strcmp(sub, "import") == 0)
		return people_import_file(c, argc - 1, argv + 1);
	if (strcmp(sub, "add") != 0 && strcmp(sub, "set") != 0)
		return cli_usage(&cmd_people, _("unknown subcommand '%s'"), sub);
	int add = strcmp(sub, "add") == 0;
	if ((st = parse_change(argc - 1, argv + 1, &pc, !add, handles)) != CH_OK)
		return st;
	int left = argc - 1 - optind;
	if (left != 1)
		return cli_usage(&cmd_people, left ? _("one LOGIN, please") : _("which LOGIN?"));
	const char *login = argv[1 + optind];
	if (!add && !pc.name && !pc.email && !pc.team && pc.roles < 0 && pc.active < 0 && !pc.groups &&
	    !pc.nhandles && !pc.state)
		return cli_usage(&cmd_people, _("people set needs something to change"));
	if ((st = session_open(c)) != CH_OK)
		return st;
	st = add ? people_add(&c->store, login, &pc, NULL, &e)
		 : people_set(&c->store, login, &pc, 0, &e);
	if (st != CH_OK)
		return cli_error(&e);
	printf(add ? _("added %s\n") : _("changed %s\n"), login);
	return CH_OK;
}

const struct cli_command cmd_people = {
	"people", "add LOGIN [OPTIONS] | set LOGIN [OPTIONS] | list " TABLE_FORMAT_USAGE " | import FILE.csv",
	N_("manage the people in the programme (social masters)"),
	N_("  add LOGIN           add a person (they are always a publisher)\n"
	"  set LOGIN           change a person\n"
	"  list                everyone: login, name, team, roles, active, state (of\n"
	"                      the ambassador journey) and since (its date)\n"
	"  import FILE.csv     add and change people from a CSV file whose header row\n"
	"                      names its columns: login (needed), name, email, team,\n"
	"                      roles (separated by ';'), focus_groups (separated by\n"
	"                      ';', joined, never left), active (yes or no), handles\n"
	"                      (PLATFORM=ACCOUNT[:FOLLOWERS] separated by ';', as\n"
	"                      linkedin=anouk:1200;x=@anouk; added or changed, never\n"
	"                      removed).  An empty\n"
	"                      cell keeps what is there; a known login is updated.\n"
	"                      All or nothing: every bad row is reported with its line\n"
	"                      and field, then exit 2.\n"
	"options of add and set:\n"
	"  --name NAME         full name\n"
	"  --email ADDRESS     e-mail address (\"\" clears)\n"
	"  --team TEAM         team, created when new (\"\" clears)\n"
	"  --roles LIST        master,editor,creator,publisher (publisher is implied)\n"
	"  --active yes|no     (set only) whether they still take part\n"
	"  --groups G1,G2      the focus groups they are in: set replaces the groups\n"
	"                      in use (archived ones stay); \"\" takes them out of all\n"
	"  --handle PLATFORM=ACCOUNT[:FOLLOWERS]\n"
	"                      a handle, added or changed (repeat for more; without\n"
	"                      :FOLLOWERS a known handle keeps its count)\n"
	"  --state invited|onboarded|active|paused\n"
	"                      where they are on the ambassador journey (dated; a\n"
	"                      paused person is left out of the quiet lists)\n"
	"option of list:\n"),
	run,
};
