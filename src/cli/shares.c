/* shares.c — chorus shares: publishers log what they posted (shares log), and
 * masters bring in the figures the platforms report (shares import), from a
 * CSV file read by csv_in and checked and applied by shares_import (core).
 * An import is all or nothing: every bad row is reported with its line and
 * column, and then nothing is saved. */
#include <stdio.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "chorus/campaign.h"
#include "chorus/csv_in.h"
#include "chorus/metrics.h"
#include "chorus/shares_import.h"
#include "chorus/undo.h"

/* --- shares log --------------------------------------------------------------- */

static int shares_log(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "platform", required_argument, NULL, 'p' },
		{ "url", required_argument, NULL, 'u' },
		{ "at", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *platform = NULL, *url = NULL, *at = NULL;
	int ch;
	optind = 1;
	while ((ch = cli_getopt(&cmd_shares, argc, argv, opts)) != -1) {
		switch (ch) {
		case 'p': platform = optarg; break;
		case 'u': url = optarg; break;
		case 'a': at = optarg; break;
		default: return CH_INVALID;
		}
	}
	if (argc - optind != 1)
		return cli_usage(&cmd_shares, _("one MESSAGE-ID, please"));
	int64_t mid = cli_parse_id(argv[optind]);
	if (!mid)
		return cli_usage(&cmd_shares, _("'%s' is not a message id"), argv[optind]);
	int64_t when = 0;
	if (at && (when = store_parse_time(at)) < 0)
		return cli_usage(&cmd_shares, _("--at '%s' is not a date (YYYY-MM-DD[THH:MM])"), at);
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct err e = {0};
	int64_t id;
	if (share_log(&c->store, mid, platform, url, when, &id, &e) != CH_OK)
		return cli_error(&e);
	printf("%lld\n", (long long)id);
	return CH_OK;
}

/* --- shares delete ----------------------------------------------------------- */

static int shares_delete(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	optind = 1;
	if (cli_getopt(&cmd_shares, argc, argv, opts) != -1)
		return CH_INVALID;
	if (argc - optind != 1)
		return cli_usage(&cmd_shares, _("one SHARE-ID, please"));
	int64_t sid = cli_parse_id(argv[optind]);
	if (!sid)
		return cli_usage(&cmd_shares, _("'%s' is not a share id"), argv[optind]);
	int st = session_open(c);
	if (st != CH_OK)
		return st;
	struct err e = {0};
	if (share_delete(&c->store, sid, &e) != CH_OK)
		return cli_error(&e);
	printf(_("share %lld deleted\n"), (long long)sid);
	return CH_OK;
}

/* --- shares import ---------------------------------------------------------------- */

enum column { COL_MESSAGE, COL_URL, COL_LOGIN, COL_PLATFORM, COL_DATE, COL_IMPRESSIONS, COL_CLICKS,
	      COL_REACTIONS, COL_COMMENTS, COL_RESHARES, NCOLUMNS };

static const struct csv_in_column columns[NCOLUMNS] = {
	{ "message_id", NULL }, { "url", NULL }, { "login", N_("each row needs the login of who shared") },
	{ "platform", NULL }, { "date", NULL }, { "impressions", NULL }, { "clicks", NULL },
	{ "reactions", NULL }, { "comments", NULL }, { "reshares", NULL },
};

/* Read the file, check its header, and hand the rows to shares_import. */
static int shares_import_file(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	optind = 1;
	if (cli_getopt(&cmd_shares, argc, argv, opts) != -1)
		return CH_INVALID;
	if (argc - optind != 1)
		return cli_usage(&cmd_shares, _("shares import takes one FILE.csv"));
	struct err e = {0};
	struct csv_in in;
	int st = csv_in_read_file(argv[optind], &in, &e);
	if (st != CH_OK)
		cli_error(&e);
	const char *name = in.name;
	int col[NCOLUMNS];
	if (st == CH_OK && in.nrecs == 0)
		st = cli_fail(CH_INVALID, _("%s: empty; its first line names the columns (message_id or url, "
			      "login, platform, date, impressions, clicks, reactions, comments, reshares)"), name);
	if (st == CH_OK)
		st = csv_in_header(&in, columns, NCOLUMNS, 0, col, cli_report, NULL);
	if (st == CH_OK && col[COL_MESSAGE] < 0 && col[COL_URL] < 0)
		st = cli_fail(CH_INVALID, _("%s:%d: no message_id or url column: one of them identifies a share"),
			      name, in.recs[0].line);
	struct shares_import_row *rows = cli_import_rows(c, _("importing shares"), in.nrecs, sizeof *rows, &st);
	int n = 0, bad = 0;
	for (int r = 1; st == CH_OK && r < in.nrecs; r++) {
		const char *v[NCOLUMNS];
		if (!csv_in_row(&in, r, col, NCOLUMNS, v, cli_report, NULL)) {
			bad++;
			continue;
		}
		rows[n++] = (struct shares_import_row){ in.recs[r].line, v[COL_MESSAGE], v[COL_URL], v[COL_LOGIN],
			v[COL_PLATFORM], v[COL_DATE], { v[COL_IMPRESSIONS], v[COL_CLICKS], v[COL_REACTIONS],
			v[COL_COMMENTS], v[COL_RESHARES] } };
	}
	struct shares_import_counts k;
	if (st == CH_OK && (st = shares_import(&c->store, rows, n, bad, col[COL_MESSAGE] < 0, &k, cli_row_report,
					       in.name, &e)) != CH_OK) {
		if (st == CH_INVALID)
			cli_fail(st, "%s: %s", name, e.msg);
		else
			cli_error(&e);
	}
	int total = n + bad;
	if (st == CH_OK) {
		printf(P_("%s: %d row: ", "%s: %d rows: ", total), name, total);
		printf(P_("%d new share, %d updated, %d unchanged\n", "%d new shares, %d updated, %d unchanged\n",
			  k.added), k.added, k.updated, k.unchanged);
	}
	free(rows);
	csv_in_free(&in);   /* name is in it */
	return st;
}

static int run(struct session *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "log") == 0)
		return shares_log(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return shares_import_file(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "delete") == 0)
		return shares_delete(c, argc - 1, argv + 1);
	return cli_usage(&cmd_shares, _("which: log, import or delete?"));
}

const struct cli_command cmd_shares = {
	"shares", "log MESSAGE-ID [--platform KEY] [--url URL] [--at DATE] | import FILE.csv | delete SHARE-ID",
	N_("log a share of yours (or of --as LOGIN); import the figures platforms report (masters)"),
	N_("  log MESSAGE-ID     record a share of the message; prints the share id\n"
	"  --platform KEY     where it was posted (default: the message's platform)\n"
	"  --url URL          the post's address (each URL is logged once)\n"
	"  --at DATE          when (YYYY-MM-DD[THH:MM], UTC); default now; not before the\n"
	"                     message was written, nor more than five minutes ahead\n"
	"  import FILE.csv    masters: shares and their figures from a CSV file with a header\n"
	"                     row naming its columns: message_id or url (one identifies the\n"
	"                     share), login, platform, date (YYYY-MM-DD), impressions, clicks,\n"
	"                     reactions, comments, reshares.  A known share gets its figures\n"
	"                     updated, a new one is logged for that person (active people\n"
	"                     only; one row per share).  All or nothing:\n"
	"                     every bad row is reported with its line and column, then exit 2.\n"
	"  delete SHARE-ID    remove a share logged by mistake (the id shares log printed):\n"
	"                     the sharer or a social master (others: exit 1; an unknown id:\n"
	"                     exit 2).  Shared content left without a share is ready again.\n"),
	run,
};
