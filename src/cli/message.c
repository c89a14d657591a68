/* message.c — chorus message: editors write per-platform variants.
 * (chorus shares lives in shares.c.) */
#include <stdio.h>
#include <stdlib.h>
#include <getopt.h>
#include <string.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "table.h"
#include "chorus/message.h"

/* edit and delete: the message is the content item's for --platform (and
 * --variant when the platform has several). */
static int message_change(struct session *c, int64_t cid, const char *platform, int variant,
			  const char *text, const char *text_file, const char *link)
{
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct err e = {0};
	char *buf = NULL;
	size_t len = 0;
	if (text_file) {
		if (cli_read_file(text_file, 1 << 16, &buf, &len, &e) != CH_OK)
			return cli_error(&e);
		if (strlen(buf) != len) {
			free(buf);
			err_set(&e, CH_INVALID, _("%s contains a NUL byte: nothing changed"), text_file);
			return cli_error(&e);
		}
		while (len && strchr(" \t\r\n", buf[len - 1]))
			buf[--len] = 0;   /* an editor's final newline is not part of the message */
		text = buf;
	}
	struct message m;
	st = message_find(&c->store, cid, platform, variant, &m, &e);
	if (st == CH_OK && text)
		st = message_edit(&c->store, m.id, text, link ? link : m.link, m.version, &e);
	else if (st == CH_OK)
		st = message_delete(&c->store, m.id, &e);
	free(buf);
	if (st == CH_OK)
		printf("%lld\n", (long long)m.id);
	message_free(&m);
	return st == CH_OK ? CH_OK : cli_error(&e);
}

static int message_run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "platform", required_argument, NULL, 'p' },
		{ "text", required_argument, NULL, 't' },
		{ "text-file", required_argument, NULL, 'T' },
		{ "variant", required_argument, NULL, 'v' },
		{ "link", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const subs[] = { "add", "list", "edit", "delete" };
	int sub = -1;
	for (int i = 0; argc >= 2 && i < 4; i++)
		if (strcmp(argv[1], subs[i]) == 0)
			sub = i;
	if (sub < 0)
		return cli_usage(&cmd_message, _("which: add, list, edit or delete?"));
	int add = sub == 0, list = sub == 1, ch, format_given = 0, variant = 0;
	enum table_format fmt = TABLE_DEFAULT;
	const char *platform = NULL, *text = NULL, *text_file = NULL, *link = NULL;
	optind = 1;
	while ((ch = cli_getopt(&cmd_message, argc - 1, argv + 1, opts)) != -1) {
		switch (ch) {
		case 'p': platform = optarg; break;
		case 't': text = optarg; break;
		case 'T': text_file = optarg; break;
		case 'l': link = optarg; break;
		case 'v':
			variant = (int)cli_parse_id(optarg);
			if (variant <= 0)
				return cli_usage(&cmd_message, _("--variant takes a positive number"));
			break;
		case 'f':
			if (table_format_arg(&cmd_message, optarg, &fmt) != CH_OK)
				return CH_INVALID;
			format_given = 1;
			break;
		default: return CH_INVALID;
		}
	}
	if (argc - 1 - optind != 1)
		return cli_usage(&cmd_message, _("one CONTENT-ID, please"));
	int64_t cid = cli_parse_id(argv[1 + optind]);
	if (!cid)
		return cli_usage(&cmd_message, _("'%s' is not a content id"), argv[1 + optind]);
	if (!list && format_given)
		return cli_usage(&cmd_message, _("--format is for message list"));
	if (add && (!platform || !text))
		return cli_usage(&cmd_message, _("message add needs --platform and --text"));
	if ((add || list) && (text_file || variant))
		return cli_usage(&cmd_message, _("--text-file and --variant are for message edit and delete"));
	if (sub == 2 && (!platform || !text == !text_file))
		return cli_usage(&cmd_message, _("message edit needs --platform and one of --text or --text-file"));
	if (sub == 3 && (!platform || text || text_file || link))
		return cli_usage(&cmd_message, _("message delete needs --platform (and --variant when it has several), "
				 "no text"));
	if (sub >= 2)
		return message_change(c, cid, platform, variant, text, text_file, link);
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
	static const char *const th[] = { N_("ID"), N_("PLATFORM"), N_("VARIANT"), N_("TEXT") };
	struct csv_table t;
	csv_table_init(&t, NULL, 4, h, "rlrl");
	t.text_heads = th;
	for (int i = 0; i < n; i++) {
		char id[24], vnum[16];
		snprintf(id, sizeof id, "%lld", (long long)m[i].id);
		snprintf(vnum, sizeof vnum, "%d", m[i].variant);
		const char *cells[] = { id, m[i].platform, vnum, m[i].text };
		csv_table_add(&t, cells);
	}
	message_list_free(m, n);
	st = table_print(&t, fmt);
	return st != CH_OK ? st : n ? CH_OK : CH_FAILED;
}

const struct cli_command cmd_message = {
	"message", "add CONTENT-ID --platform KEY --text TEXT [--link URL] | list CONTENT-ID " TABLE_FORMAT_USAGE
		   " | edit CONTENT-ID --platform KEY [--variant N] (--text TEXT | --text-file FILE) [--link URL]"
		   " | delete CONTENT-ID --platform KEY [--variant N]",
	N_("write messages (per platform, in variants) for a content item (editors)"),
	N_("  add CONTENT-ID --platform KEY --text TEXT [--link URL]   prints the message id\n"
	"  list CONTENT-ID     id, platform, variant and text of each message; exit 1 when\n"
	"                      none\n"
	"  edit CONTENT-ID --platform KEY (--text TEXT | --text-file FILE|-)\n"
	"                      replace the text of the item's message for KEY; prints its id\n"
	"  delete CONTENT-ID --platform KEY   delete it (not once it has been shared)\n"
	"  --variant N         which of the platform's messages, when it has several\n"
	"  exit 1: no such content or message; exit 2: no such platform, or bad text\n"),
	message_run,
};
