/* session.c — what main.c hands to the CLI or the TUI: the store opened by
 * the path rules, errors on stderr, the terminal-safe streams (session.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "chorus/config.h"
#include "chorus/i18n.h"
#include "chorus/termsafe.h"
#include "session.h"

static FILE *plain_out, *plain_err;

void session_guard_start(void)
{
	if (plain_out)
		return;
	fflush(stdout);
	fflush(stderr);
	FILE *out = safe_stream(STDOUT_FILENO), *err = safe_stream(STDERR_FILENO);
	if (!out || !err) {
		/* Out of memory before anything ran: nothing is printed raw either. */
		fputs(_("chorus: out of memory\n"), stderr);
		_exit(CH_UNUSABLE);
	}
	setvbuf(out, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
	setvbuf(err, NULL, _IONBF, 0);
	plain_out = stdout;
	plain_err = stderr;
	stdout = out;
	stderr = err;
}

void session_guard_exact(void)
{
	if (!plain_out || isatty(STDOUT_FILENO))
		return;
	fflush(stdout);
	fclose(stdout);
	stdout = plain_out;
}

void session_guard_end(void)
{
	if (!plain_out)
		return;
	if (stdout != plain_out) {
		fflush(stdout);
		/* A failed write must still show in the exit status: the command
		 * checked ferror(stdout) already; here only the last bytes. */
		fclose(stdout);
		stdout = plain_out;
	}
	fclose(stderr);
	stderr = plain_err;
	plain_out = plain_err = NULL;
}

int session_fail(int status, const char *fmt, ...)
{
	va_list ap;
	fputs(NT_("chorus: "), stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

int session_error(const struct err *e)
{
	return session_fail(e->status ? e->status : CH_UNUSABLE, "%s", e->msg);
}

int session_db_path(struct session *c, struct err *e)
{
	const char *opt = c->db_opt, *env = getenv("CHORUS_DB");
	struct config cfg;
	/* After --db and $CHORUS_DB, config.yaml's database:, read by the YAML
	 * rules ("/srv/team #1/chorus.db" quoted keeps its '#'). */
	if (!(opt && *opt) && !(env && *env)) {
		int st = config_load(&cfg, e);
		if (st != CH_OK)
			return st;
		if (cfg.database[0])
			opt = cfg.database;
	}
	return store_default_path(opt, c->path, sizeof c->path, e);
}

static int open_db(struct session *c, struct err *e)
{
	int st = session_db_path(c, e);
	if (st == CH_OK)
		st = store_open(&c->store, c->path, e);
	if (st == CH_OK)
		c->opened = 1;
	return st;
}

int session_open_anonymous(struct session *c)
{
	struct err e = {0};
	int st = open_db(c, &e);
	return st == CH_OK ? CH_OK : session_error(&e);
}

int session_open_quiet(struct session *c)
{
	struct err e = {0};
	int st = session_db_path(c, &e);
	if (st == CH_OK)
		st = store_open_readonly(&c->store, c->path, _("completing a command line"), &e);
	if (st == CH_OK)
		c->opened = 1;
	return st;
}

int session_open(struct session *c)
{
	struct err e = {0};
	int st = open_db(c, &e);
	if (st == CH_OK)
		st = store_identify(&c->store, store_os_login(), c->as, &e);
	if (st != CH_OK) {
		session_close(c);
		return session_error(&e);
	}
	return CH_OK;
}

void session_close(struct session *c)
{
	if (c->opened)
		store_close(&c->store);
	c->opened = 0;
}
