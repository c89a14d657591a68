/* request.c — chorus request: editors and masters ask a person, a team or a
 * focus group for content with a brief and a due day; the list shows what is
 * asked and of whom; done and cancel close a request. */
#include <stdio.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "table.h"
#include "chorus/request.h"

static int request_add_run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "due", required_argument, NULL, 'd' },
		{ "brief", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const char *to = NULL, *due = NULL, *brief = NULL;
	int ch;
	optind = 1;
	while ((ch = cli_getopt(&cmd_request, argc, argv, opts)) != -1) {
		switch (ch) {
		case 't': to = optarg; break;
		case 'd': due = optarg; break;
		case 'b': brief = optarg; break;
		default: return CH_INVALID;
		}
	}
	if (optind < argc)
		return cli_usage(&cmd_request, _("unexpected argument '%s'"), argv[optind]);
	if (!to || !due || !brief)
		return cli_usage(&cmd_request, _("request add needs --to, --due and --brief (%s missing)"),
				 !to ? NT_("--to") : !due ? NT_("--due") : NT_("--brief"));
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct err e = {0};
	int64_t id = 0;
	if (request_add(&c->store, to, due, brief, &id, &e) != CH_OK)
		return cli_error(&e);
	printf("%lld\n", (long long)id);
	return CH_OK;
}

static int request_list_run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'o' },
		{ "mine", no_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	enum table_format fmt = TABLE_DEFAULT;
	int flags = 0, ch;
	optind = 1;
	while ((ch = cli_getopt(&cmd_request, argc, argv, opts)) != -1) {
		switch (ch) {
		case 'o': flags |= REQUEST_LIST_OPEN; break;
		case 'm': flags |= REQUEST_LIST_MINE; break;
		case 'f':
			if (table_format_arg(&cmd_request, optarg, &fmt) != CH_OK)
				return CH_INVALID;
			break;
		default: return CH_INVALID;
		}
	}
	if (optind < argc)
		return cli_usage(&cmd_request, _("unexpected argument '%s'"), argv[optind]);
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct err e = {0};
	struct content_request *r;
	int n;
	if (request_list(&c->store, flags, &r, &n, &e) != CH_OK)
		return cli_error(&e);
	static const char *const h[] = { "id", "status", "due", "to", "asker", "content", "brief" };
	static const char *const th[] = { N_("ID"), N_("STATUS"), N_("DUE"), N_("TO"), N_("ASKER"),
					  N_("CONTENT"), N_("BRIEF") };
	struct csv_table t;
	csv_table_init(&t, NULL, 7, h, "rllllrl");
	t.text_heads = th;
	for (int i = 0; i < n; i++) {
		char id[24], to[96], count[16], status[24];
		snprintf(id, sizeof id, "%lld", (long long)r[i].id);
		request_target_str(&r[i], to, sizeof to);
		snprintf(count, sizeof count, "%d", r[i].ncontent);
		snprintf(status, sizeof status, "%s", r[i].status == REQUEST_OPEN && request_due_passed(r[i].due, store_now())
			 ? "overdue" : request_status_name(r[i].status));
		const char *cells[] = { id, status, r[i].due, to, r[i].asker, count, r[i].brief };
		csv_table_add(&t, cells);
	}
	free(r);
	st = table_print(&t, fmt);
	return st != CH_OK ? st : n ? CH_OK : CH_FAILED;
}

static int request_close_run(struct session *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(&cmd_request, _("request %s takes one ID"), argv[0]);
	int64_t id = cli_parse_id(argv[1]);
	if (!id)
		return cli_usage(&cmd_request, _("'%s' is not a request id"), argv[1]);
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct err e = {0};
	st = strcmp(argv[0], "done") == 0 ? request_done(&c->store, id, &e) : request_cancel(&c->store, id, &e);
	return st == CH_OK ? CH_OK : cli_error(&e);
}

static int request_run(struct session *c, int argc, char **argv)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	const char *sub = argc > 1 ? argv[1] : "";
	optind = 1;
	if (sub[0] == '-' && cli_getopt(&cmd_request, argc, argv, none) == -2)
		return CH_INVALID;   /* an option before the subcommand: named */
	if (strcmp(sub, "add") == 0)
		return request_add_run(c, argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0)
		return request_list_run(c, argc - 1, argv + 1);
	if (strcmp(sub, "done") == 0 || strcmp(sub, "cancel") == 0)
		return request_close_run(c, argc - 1, argv + 1);
	return cli_usage(&cmd_request, _("which: add, list, done or cancel?"));
}

const struct cli_command cmd_request = {
	"request", "add --to LOGIN|team:NAME|group:NAME --due YYYY-MM-DD --brief TEXT | "
	"list [--open] [--mine] " TABLE_FORMAT_USAGE " | done ID | cancel ID",
	N_("ask a person, team or focus group for content (editors); list the requests"),
	N_("  add --to WHOM --due DAY --brief TEXT   ask for content (editors and masters);\n"
	"                      WHOM is a login, team:NAME or group:NAME; prints the id\n"
	"  list                every request: id, status (open, overdue, done,\n"
	"                      cancelled), due, to, asker, content answering it, brief;\n"
	"                      exit 1 when none\n"
	"  --open              only the open ones\n"
	"  --mine              only those asked of me (directly, my team, my focus groups)\n"
	"  done ID             mark an open request done (editors and masters)\n"
	"  cancel ID           cancel an open request (editors and masters)\n"),
	request_run,
};
