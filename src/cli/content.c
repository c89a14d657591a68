/* content.c — chorus content: the pipeline from a shell (list, show, take,
 * approve, reject, back, archive, restore, comment, edit, pillar, campaign).
 * The same core calls the board makes. */
#include <stdio.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "table.h"
#include "chorus/audit.h"
#include "chorus/content.h"
#include "chorus/message.h"

static int show(struct store *s, int64_t id)
{
	struct content ct;
	struct err e = {0};
	if (content_get(s, id, &ct, &e) != CH_OK)
		return cli_error(&e);
	char when[32];
	printf(_("id:       %lld\ntitle:    %s\nstage:    %s\nkind:     %s\ncreator:  %s\n"),
	       (long long)ct.id, ct.title, stage_name(ct.stage), ct.kind, ct.creator);
	printf(_("editor:   %s\npillar:   %s\ncampaign: %s\nversion:  %d\n"), ct.editor[0] ? ct.editor : "-",
	       ct.pillar[0] ? ct.pillar : "-", ct.campaign[0] ? ct.campaign : "-", ct.version);
	if (ct.message_type[0])
		printf(_("type:     %s\n"), ct.message_type);
	if (ct.reject_reason)
		printf(_("rejected: %s\n"), ct.reject_reason);
	printf("\n%s\n", ct.body);
	struct media *m;
	int n;
	if (content_media(s, id, &m, &n, &e) == CH_OK) {
		for (int i = 0; i < n; i++)
			printf(_("media:    %s\n"), m[i].path);
		content_media_free(m, n);
	}
	struct message *msg;
	if (message_list(s, id, &msg, &n, &e) == CH_OK) {
		for (int i = 0; i < n; i++)
			printf(_("\nmessage %lld (%s, variant %d):\n%s\n"), (long long)msg[i].id, msg[i].platform,
			       msg[i].variant, msg[i].text);
		message_list_free(msg, n);
	}
	struct comment *cm;
	if (comment_list(s, id, &cm, &n, &e) == CH_OK) {
		for (int i = 0; i < n; i++) {
			store_time_str(cm[i].at, when, sizeof when);
			printf(_("\ncomment by %s at %s:\n%s\n"), cm[i].login, when, cm[i].body);
		}
		comment_list_free(cm, n);
	}
	struct audit_event *ev;
	if (audit_history(s, "content", id, &ev, &n, &e) == CH_OK) {
		printf(_("\nhistory:\n"));
		for (int i = 0; i < n; i++) {
			store_time_str(ev[i].at, when, sizeof when);
			printf("  %s  %-8s %s%s%s %s\n", when, ev[i].action, ev[i].actor,
			       ev[i].on_behalf[0] ? _(" for ") : "", ev[i].on_behalf, ev[i].detail);
		}
		audit_events_free(ev, n);
	}
	content_free(&ct);
	return CH_OK;
}

static int list(struct store *s, const char *stage, enum table_format fmt)
{
	int sg = -1;
	if (stage && (sg = stage_parse(stage)) < 0)
		return cli_usage(&cmd_content, _("--stage '%s': use inbox, editing, ready, shared, rejected "
				 "or archived"), stage);
	struct content *c;
	int n;
	struct err e = {0};
	if (content_list(s, sg, &c, &n, &e) != CH_OK)
		return cli_error(&e);
	static const char *const h[] = { "id", "stage", "creator", "pillar", "title" };
	static const char *const th[] = { N_("ID"), N_("STAGE"), N_("CREATOR"), N_("PILLAR"), N_("TITLE") };
	struct csv_table t;
	csv_table_init(&t, NULL, 5, h, "rllll");
	t.text_heads = th;
	for (int i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)c[i].id);
		const char *cells[] = { id, stage_name(c[i].stage), c[i].creator, c[i].pillar, c[i].title };
		csv_table_add(&t, cells);
	}
	content_list_free(c, n);
	int st = table_print(&t, fmt);
	return st != CH_OK ? st : n ? CH_OK : CH_FAILED;
}

static int run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "stage", required_argument, NULL, 's' },
		{ "title", required_argument, NULL, 't' },
		{ "body", required_argument, NULL, 'b' },
		{ "version", required_argument, NULL, 'V' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	if (argc < 2)
		return cli_usage(&cmd_content, _("which action?"));
	const char *act = argv[1], *reason = NULL, *stage = NULL, *title = NULL, *body = NULL;
	int version = 0, ch, format_given = 0;
	enum table_format fmt = TABLE_DEFAULT;
	optind = 1;
	while ((ch = cli_getopt(&cmd_content, argc - 1, argv + 1, opts)) != -1) {
		switch (ch) {
		case 'r': reason = optarg; break;
		case 's': stage = optarg; break;
		case 't': title = optarg; break;
		case 'b': body = optarg; break;
		case 'V':
			version = (int)cli_parse_id(optarg);
			if (!version)
				return cli_usage(&cmd_content, _("--version takes a positive number"));
			break;
		case 'f':
			if (table_format_arg(&cmd_content, optarg, &fmt) != CH_OK)
				return CH_INVALID;
			format_given = 1;
			break;
		default: return CH_INVALID;
		}
	}
	char **rest = argv + 1 + optind;
	int nrest = argc - 1 - optind;
	static const char *const with_id[] = { "show", "take", "approve", "reject", "back", "archive",
		"restore", "comment", "edit", "pillar", "campaign", "forward", "type" };
	int known = strcmp(act, "list") == 0;
	for (size_t i = 0; i < sizeof with_id / sizeof with_id[0]; i++)
		known |= strcmp(act, with_id[i]) == 0;
	if (!known)
		return cli_usage(&cmd_content, _("unknown action '%s'"), act);
	int64_t id = 0;
	if (format_given && strcmp(act, "list") != 0)
		return cli_usage(&cmd_content, _("--format is for content list"));
	if (strcmp(act, "list") != 0) {
		if (nrest < 1 || !(id = cli_parse_id(rest[0])))
			return cli_usage(&cmd_content, _("%s needs a content ID"), act);
		rest++;
		nrest--;
	}
	int want = strcmp(act, "comment") == 0 || strcmp(act, "pillar") == 0 || strcmp(act, "campaign") == 0 ||
		   strcmp(act, "type") == 0;
	if (nrest != want)
		return cli_usage(&cmd_content, want ? _("%s needs one more argument") : _("%s: unexpected argument"), act);
	if (strcmp(act, "reject") == 0 && !reason)
		return cli_usage(&cmd_content, _("reject needs --reason: the creator sees why"));
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct store *s = &c->store;
	struct err e = {0};
	if (strcmp(act, "list") == 0)
		return list(s, stage, fmt);
	if (strcmp(act, "show") == 0)
		return show(s, id);
	if (strcmp(act, "take") == 0)
		st = content_take(s, id, version, &e);
	else if (strcmp(act, "approve") == 0)
		st = content_approve(s, id, version, &e);
	else if (strcmp(act, "reject") == 0)
		st = content_reject(s, id, reason, version, &e);
	else if (strcmp(act, "back") == 0)
		st = content_back(s, id, version, &e);
	else if (strcmp(act, "forward") == 0)
		st = content_forward(s, id, version, &e);
	else if (strcmp(act, "archive") == 0)
		st = content_archive(s, id, version, &e);
	else if (strcmp(act, "restore") == 0)
		st = content_restore(s, id, version, &e);
	else if (strcmp(act, "comment") == 0)
		st = comment_add(s, id, rest[0], NULL, &e);
	else if (strcmp(act, "pillar") == 0)
		st = content_set_pillar(s, id, rest[0], version, &e);
	else if (strcmp(act, "campaign") == 0)
		st = content_set_campaign(s, id, rest[0], version, &e);
	else if (strcmp(act, "type") == 0)
		st = content_set_type(s, id, rest[0], version, &e);
	else if (strcmp(act, "edit") == 0) {
		struct content ct;
		if ((st = content_get(s, id, &ct, &e)) == CH_OK) {
			st = content_edit(s, id, title ? title : ct.title, body ? body : ct.body, version, &e);
			content_free(&ct);
		}
	}
	if (st != CH_OK)
		return cli_error(&e);
	struct content ct;
	if (content_get(s, id, &ct, &e) == CH_OK) {
		printf(_("%lld %s (version %d)\n"), (long long)id, stage_name(ct.stage), ct.version);
		content_free(&ct);
	}
	return CH_OK;
}

const struct cli_command cmd_content = {
	"content", "list [--stage S] " TABLE_FORMAT_USAGE " | show ID | take|approve|back|forward|archive|restore ID | "
		   "reject ID --reason R | comment ID TEXT | edit ID [--title T] [--body B] | "
		   "pillar ID NAME | campaign ID NAME | type ID NAME",
	N_("move content through the pipeline from a shell (the board's actions)"),
	N_("  list [--stage S]      items in a stage (default: inbox to shared): id, stage,\n"
	"                        creator, pillar, title; exit 1 when none\n"
	"  show ID               everything about an item, with its history\n"
	"  take ID               inbox -> editing, assigned to you (editors)\n"
	"  approve ID            editing -> ready; needs a message, and every message must\n"
	"                        pass the policy (fix or delete a blocked one first)\n"
	"  reject ID --reason R  inbox/editing -> rejected; the creator sees the reason\n"
	"  back ID               one stage back (editors)\n"
	"  forward ID            one stage forward (take or approve)\n"
	"  archive ID, restore ID   off the board and back to the inbox (masters;\n"
	"                        editors restore rejected items too)\n"
	"  comment ID TEXT       add a comment\n"
	"  edit ID [--title T] [--body B]\n"
	"  pillar ID NAME, campaign ID NAME   (\"\" clears)\n"
	"  type ID NAME          the message type, one of the strategy's (\"\" clears)\n"
	"  --version N           refuse (exit 3) when the item changed since version N\n"),
	run,
};
