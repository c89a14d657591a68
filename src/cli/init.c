/* init.c — chorus init: create the database, its mode from the filesystem. */
#include <stdio.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "commands.h"
#include "chorus/people.h"
#include "chorus/group.h"
#include "../util/xdg.h"

/* With no --db, $CHORUS_DB or config file, the database goes to the XDG
 * default, whose directories are ours to make (group-shared like the file,
 * as demo makes them): a first `chorus init` on a new account must work.
 * A path the user gave must have its directory already. */
static void make_default_dir(const char *path)
{
	char want[PATH_MAX];
	if (xdg_path(XDG_DATA, "chorus.db", want, sizeof want) != 0 || strcmp(path, want) != 0)
		return;
	char *slash = strrchr(want, '/');
	*slash = 0;
	for (char *p = want + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			if (mkdir(want, 0770) != 0 && errno != EEXIST)
				return;
			*p = '/';
		}
	mkdir(want, 0770);   /* failures show as store_create's own message */
}

static int run(struct session *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "master", required_argument, NULL, 'm' },
		{ "name", required_argument, NULL, 'n' },
		{ "mode", required_argument, NULL, 'M' },
		{ "group", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 },
	};
	const char *org = NULL, *master = NULL, *name = NULL, *mode = NULL, *group = NULL;
	int ch;
	optind = 0;
	while ((ch = cli_getopt(&cmd_init, argc, argv, opts)) != -1) {
		switch (ch) {
		case 'o': org = optarg; break;
		case 'm': master = optarg; break;
		case 'n': name = optarg; break;
		case 'M': mode = optarg; break;
		case 'g': group = optarg; break;
		default: return CH_INVALID;
		}
	}
	if (optind < argc)
		return cli_usage(&cmd_init, _("unexpected argument '%s'"), argv[optind]);
	if (!org || !*org)
		return cli_usage(&cmd_init, _("--org NAME is required"));
	enum store_mode m = STORE_MODE_NONE;
	if (mode && strcmp(mode, "local") == 0)
		m = STORE_MODE_LOCAL;
	else if (mode && strcmp(mode, "share") == 0)
		m = STORE_MODE_SHARE;
	else if (mode)
		return cli_usage(&cmd_init, _("--mode must be local or share, not '%s'"), mode);
	if (!master)
		master = store_os_login();
	if (!people_login_valid(master))
		return cli_usage(&cmd_init, _("--master '%s' is not a valid login"), master);
	struct err e = {0};
	int st = session_db_path(c, &e);
	if (st == CH_OK && group)
		st = group_check(group, &e);
	if (st == CH_OK) {
		make_default_dir(c->path);
		st = store_create(&c->store, c->path, m, org, master, name, &e);
	}
	if (st != CH_OK)
		return cli_error(&e);
	c->opened = 1;
	char note[2 * PATH_MAX + 512];
	if (group && group_share(c->path, group, note, sizeof note, &e) != CH_OK) {
		/* nothing half made: a file the group cannot use is no file */
		session_close(c);
		unlink(c->path);
		return cli_error(&e);
	}
	printf(_("created %s for %s (mode %s: %s, filesystem %s); %s is its social master\n"),
	       c->path, org, store_mode_name(c->store.mode),
	       c->store.mode == STORE_MODE_SHARE ? _("rollback journal, share-mode lock") : NT_("WAL"),
	       c->store.fs_name, master);
	if (group)
		printf(_("the file belongs to group %s; %s\n"), group, note);
	else if (group_advice(c->path, note, sizeof note))
		printf(_("note: %s\n"), note);
	return CH_OK;
}

const struct cli_command cmd_init = {
	"init", "--org NAME [--master LOGIN] [--name FULL-NAME] [--mode local|share] [--group GROUP]",
	N_("create a new database; you (or LOGIN) become its social master"),
	N_("  --org NAME        the organisation's name (required)\n"
	"  --master LOGIN    who becomes social master (default: your login)\n"
	"  --name NAME       the master's full name\n"
	"  --mode MODE       local (WAL, everyone on this host) or share (network share);\n"
	"                    default: chosen from the filesystem the file is on; local is\n"
	"                    refused on a network filesystem\n"
	"  --group GROUP     give the file to GROUP, and its directory too when it is yours\n"
	"                    (group-writable, setgid), so that every member can use it\n"),
	run,
};
