/* submit.c — chorus submit: a creator hands in raw content in one line. */
#include <stdio.h>
#include <getopt.h>
#include <stdlib.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "chorus/content.h"
#include "chorus/request.h"

static int run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "body-file", required_argument, NULL, 'b' },
		{ "body", required_argument, NULL, 'B' },
		{ "kind", required_argument, NULL, 'k' },
		{ "media", required_argument, NULL, 'm' },
		{ "pillar", required_argument, NULL, 'p' },
		{ "request", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct submission sub = {0};
	const char *body_file = NULL;
	const char **media = calloc((size_t)argc, sizeof *media);
	if (!media)
		return cli_fail(CH_UNUSABLE, _("out of memory"));
	int64_t request = 0;
	int ch, st = CH_OK;
	optind = 0;
	while (st == CH_OK && (ch = cli_getopt(&cmd_submit, argc, argv, opts)) != -1) {
		switch (ch) {
		case 't': sub.title = optarg; break;
		case 'b': body_file = optarg; break;
		case 'B': sub.body = optarg; break;
		case 'k': sub.kind = optarg; break;
		case 'm': media[sub.nmedia++] = optarg; break;
		case 'p': sub.pillar = optarg; break;
		case 'r':
			if (!(request = cli_parse_id(optarg)))
				st = cli_usage(&cmd_submit, _("--request '%s' is not a request id"), optarg);
			break;
		default: st = CH_INVALID;
		}
	}
	if (st == CH_OK && optind < argc)
		st = cli_usage(&cmd_submit, _("unexpected argument '%s'"), argv[optind]);
	if (st == CH_OK && !sub.title)
		st = cli_usage(&cmd_submit, _("--title is required"));
	if (st == CH_OK && body_file && sub.body)
		st = cli_usage(&cmd_submit, _("give --body or --body-file, not both"));
	char *body = NULL;
	size_t len;
	struct err e = {0};
	if (st == CH_OK && body_file && (st = cli_read_file(body_file, 1 << 20, &body, &len, &e)) != CH_OK)
		cli_error(&e);
	if (body)
		sub.body = body;
	/* The files must be there now, on this machine: a path typed wrong is
	 * caught before anything is stored. */
	for (int i = 0; st == CH_OK && i < sub.nmedia; i++)
		if ((st = content_media_check(media[i], &e)) != CH_OK)
			cli_error(&e);
	sub.media = media;
	int64_t id = 0;
	if (st == CH_OK)
		st = session_open(c);
	if (st == CH_OK && (st = request ? request_submit(&c->store, request, &sub, &id, &e)
			    : content_submit(&c->store, &sub, &id, &e)) != CH_OK)
		cli_error(&e);
	if (st == CH_OK)
		printf("%lld\n", (long long)id);
	free(body);
	free(media);
	return st;
}

const struct cli_command cmd_submit = {
	"submit", "--title TITLE [--body TEXT | --body-file FILE|-] [--kind KIND] [--media PATH]... [--pillar P] [--request ID]",
	N_("hand in raw content (a story, photo, news, blog draft); prints its id"),
	N_("  --title TITLE       what it is about (required)\n"
	"  --body TEXT         the text itself (not blank; leave it out for a title-only idea)\n"
	"  --body-file FILE    read the text from FILE (- for standard input)\n"
	"  --kind KIND         story, photo, video, news or blog (default story)\n"
	"  --media PATH        a readable file on the share to go with it (repeatable)\n"
	"  --pillar NAME       the content pillar it belongs to\n"
	"  --request ID        the content request it answers (see chorus request list)\n"),
	run,
};
