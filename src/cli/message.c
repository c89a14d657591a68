/* message.c — chorus message: editors write per-platform variants.
 * (chorus shares lives in shares.c.) */
#include <stdio.h>
#include <getopt.h>
#include <string.h>
#include "commands.h"
#include "table.h"
#include "chorus/message.h"

static int message_run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "platform", required_argument, NULL, 'p' },
		{ "text", required_argument, NULL, 't' },
		{ "link", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	if (argc < 2 || (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "list") != 0))
		return cli_usage(&cmd_message, "which: add or list?");
	int add = strcmp(argv[1], "add") == 0, ch, format_given = 0;
	enum table_format fmt = TABLE_DEFAULT;
	const char *platform = NULL, *text = NULL, *link = NULL;
	optind = 1;
	while ((ch = cli_getopt(&cmd_message, argc - 1, argv + 1, opts)) != -1) {
		switch (ch) {
		case 'p': platform = optarg; break;
		case 't': text = optarg; break;
		case 'l': link = optarg; break;
		case 'f':
			if (table_format_arg(&cmd_message, optarg, &fmt) != CH_OK)
				return CH_INVALID;
			format_given = 1;
			break;
		default: return CH_INVALID;
		}
	}
	if (argc - 1 - optind != 1)
		return cli_usage(&cmd_message, "one CONTENT-ID, please");
	int64_t cid = cli_parse_id(argv[1 + optind]);
	if (!cid)
		return cli_usage(&cmd_message, "'%s' is not a content id", argv[1 + optind]);
	if (add && format_given)
		return cli_usage(&cmd_message, "--format is for message list");
	if (add && (!platform || !text))
		return cli_usage(&cmd_message, "message add needs --platform and --text");
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct err e = {0};
	if (add) {
		int64_t id;
		if (message_add(&c->store, cid, platform, text, link, &id, &e) != CH_OK)
			return cli_error(&e);
		printf("%lld\n", (long long)id);
		return CH_OK;
	}
	struct message *m;
	int n;
	if (message_list(&c->store, cid, &m, &n, &e) != CH_OK)
		return cli_error(&e);
	static const char *const h[] = { "id", "platform", "variant", "text" };
	struct csv_table t;
	csv_table_init(&t, NULL, 4, h, "rlrl");
	for (int i = 0; i < n; i++) {
		char id[24], variant[16];
		snprintf(id, sizeof id, "%lld", (long long)m[i].id);
		snprintf(variant, sizeof variant, "%d", m[i].variant);
		const char *cells[] = { id, m[i].platform, variant, m[i].text };
		csv_table_add(&t, cells);
	}
	message_list_free(m, n);
	st = table_print(&t, fmt);
	return st != CH_OK ? st : n ? CH_OK : CH_FAILED;
}

const struct cli_command cmd_message = {
	"message", "add CONTENT-ID --platform KEY --text TEXT [--link URL] | list CONTENT-ID " TABLE_FORMAT_USAGE,
	"write messages (per platform, in variants) for a content item (editors)",
	"  add CONTENT-ID --platform KEY --text TEXT [--link URL]   prints the message id\n"
	"  list CONTENT-ID     id, platform, variant and text of each message; exit 1 when\n"
	"                      none\n"
	TABLE_FORMAT_HELP,
	message_run,
};
