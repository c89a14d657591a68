/* editor.c — editing content in $EDITOR, and what happens when someone else
 * changed it meanwhile.
 *
 * The temporary file (mkstemp in $TMPDIR) looks like this:
 *
 *   # chorus: content 12 ...      <- help comments, only at the very top
 *   Title: The title
 *                                 <- one blank line
 *   The body, as many lines as it takes.
 *
 * An unchanged file changes nothing.  An empty title is refused and the file
 * is kept, so the next e on the same item reopens the user's text.  When the
 * item changed under the user (content_edit says ERR_CONFLICT), the file is
 * kept too, its path is shown, and the user picks [r]eload (theirs) or
 * [o]verwrite (save on top of their version).
 *
 * New content (edit_new) gets a file of its own: the body above a scissors
 * line, help under it, no # comments, since a post may start with hashtags.
 * Any edited file holding a NUL byte is refused and kept, and named: C text
 * would end there, and the rest of what was typed would be lost in silence. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../util/timeutil.h"
#include "chorus/content.h"
#include "ui.h"

#define EDIT_MAX (2u << 20)

/* Hand the terminal to the editor and take it back. */
static int run_editor(struct app *a, const char *path)
{
	const char *ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = "vi";
	char cmd[1024];
	/* The path travels as $1, so no quoting of it is ever needed. */
	snprintf(cmd, sizeof cmd, "%s \"$1\"", ed);
	store_idle(a->s);   /* a person edits for as long as they like */
	def_prog_mode();
	endwin();
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	a->dirty = 1;
	app_redraw_all(a);   /* also picks up a resize that happened meanwhile */
	doupdate();
	if (pid < 0) {
		app_msg(a, 1, _("cannot start the editor: %s"), strerror(errno));
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		app_msg(a, 1, _("the editor (%s) failed (status %d)"), ed,
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	return 0;
}

static int write_all(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A new temporary file holding text; path gets its name. */
static int temp_file(struct app *a, const char *head, const char *title, const char *body,
		     char *path, size_t n)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, n, NT_("%s/chorus-edit-XXXXXX"), dir && *dir ? dir : NT_("/tmp"));
	int fd = mkstemp(path);
	if (fd < 0) {
		app_msg(a, 1, _("cannot make a temporary file in %s: %s"), dir && *dir ? dir : NT_("/tmp"), strerror(errno));
		return -1;
	}
	int bad = write_all(fd, head) < 0;
	if (title)
		bad |= write_all(fd, "Title: ") < 0 || write_all(fd, title) < 0 || write_all(fd, "\n\n") < 0;
	bad |= write_all(fd, body) < 0;
	if (*body && body[strlen(body) - 1] != '\n')
		bad |= write_all(fd, "\n") < 0;
	if (close(fd) != 0 || bad) {
		app_msg(a, 1, _("cannot write %s: %s"), path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

/* The file's text; NULL with errno when it cannot be read.  *nul: the
 * byte offset of the first NUL byte in it (which would cut the text short
 * in silence), or -1. */
static char *read_file(const char *path, long *nul)
{
	*nul = -1;
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(EDIT_MAX + 1);
	size_t n = buf ? fread(buf, 1, EDIT_MAX, f) : 0;
	fclose(f);
	if (buf) {
		buf[n] = 0;
		const char *z = memchr(buf, 0, n);
		if (z)
			*nul = (long)(z - buf);
	}
	return buf;
}

/* The status line for an edited file that holds a NUL byte: nothing is
 * saved, the file stays where it is. */
static void say_nul(struct app *a, const char *path, long at, const char *again)
{
	app_msg(a, 1, _("nothing saved: %s holds a NUL byte (at byte %ld), which text cannot hold; your text is kept "
		"there%s"), path, at + 1, again);
}

/* Skip the help comments at the very top. */
static char *skip_comments(char *p)
{
	while (*p == '#') {
		char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : p + strlen(p);
	}
	return p;
}

static void trim_end(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = 0;
}

/* Parse the file into *title and *body (pointers into buf).  NULL on
 * success, else why it was refused. */
static const char *parse_edit(char *buf, char **title, char **body)
{
	char *p = skip_comments(buf);
	if (strncmp(p, "Title:", 6) != 0)
		return _("the first line must be \"Title: ...\"");
	p += 6;
	p += strspn(p, " \t");
	char *nl = strchr(p, '\n');
	char *rest = nl ? nl + 1 : p + strlen(p);
	if (nl)
		*nl = 0;
	*title = p;
	trim_end(*title);
	if (!**title)
		return _("the title is empty");
	if (*rest == '\n')
		rest++;
	else if (rest[0] == '\r' && rest[1] == '\n')
		rest += 2;
	trim_end(rest);
	*body = rest;
	return NULL;
}

static void keep(struct app *a, int64_t id, int version, const char *path)
{
	if (a->keep_path[0] && strcmp(a->keep_path, path) != 0)
		unlink(a->keep_path);   /* an older kept text for another item: replaced */
	a->keep_id = id;
	a->keep_version = version;
	snprintf(a->keep_path, sizeof a->keep_path, "%s", path);
}

static void forget(struct app *a, const char *path)
{
	unlink(path);
	if (strcmp(a->keep_path, path) == 0) {
		a->keep_path[0] = 0;
		a->keep_id = 0;
	}
}

static void say_conflict(struct app *a, const struct err *e)
{
	char when[32];
	snprintf(when, sizeof when, "%s", _("just now"));
	if (e->at)
		time_minute_str(e->at, when, sizeof when);
	app_msg(a, 1, _("content %lld was changed by %s at %s while you edited: [r]eload theirs, "
		"[o]verwrite with yours; your text is kept in %s"),
		(long long)a->conflict.id, e->by[0] ? e->by : _("someone"), when, a->conflict.path);
}

/* Save the edited file over version; the conflict and lock handling. */
static void save_edit(struct app *a, int64_t id, int version, const char *path, const struct content *orig)
{
	long nul;
	char *buf = read_file(path, &nul), *title = NULL, *body = NULL;
	if (!buf) {
		app_msg(a, 1, _("cannot read %s: %s"), path, strerror(errno));
		return;
	}
	if (nul >= 0) {
		keep(a, id, version, path);
		say_nul(a, path, nul, _(" (e edits it again)"));
		free(buf);
		return;
	}
	const char *why = parse_edit(buf, &title, &body);
	if (why) {
		keep(a, id, version, path);
		app_msg(a, 1, _("nothing saved: %s; your text is kept in %s (e edits it again)"), why, path);
		free(buf);
		return;
	}
	if (orig && strcmp(title, orig->title) == 0 && strcmp(body, orig->body) == 0) {
		forget(a, path);
		app_msg(a, 0, _("nothing changed"));
		free(buf);
		return;
	}
	struct err e = {0};
	int st = content_edit(a->s, id, title, body, version, &e);
	free(buf);
	if (st == CH_OK) {
		forget(a, path);
		a->conflict.active = 0;
		app_msg(a, 0, _("content %lld saved"), (long long)id);
		app_requery(a);
	} else if (st == CH_BUSY && e.kind == ERR_CONFLICT) {
		keep(a, id, e.version, path);
		a->conflict.active = 1;
		a->conflict.id = id;
		a->conflict.version = e.version;
		snprintf(a->conflict.path, sizeof a->conflict.path, "%s", path);
		say_conflict(a, &e);
	} else {
		keep(a, id, version, path);
		app_msg(a, 1, _("nothing saved: %s%s; your text is kept in %s (e tries again)"),
			e.msg, e.kind == ERR_LOCKED ? _(" (another chorus is writing)") : "", path);
	}
}

/* TRANSLATORS: every line starts with "#" (chorus skips those) and
 * "Title:" stays as it is: it is what chorus reads back. */
static const char *const edit_head =
	N_("# chorus: edit the title and the body.  Keep the line \"Title: ...\", then one\n"
	"# blank line, then the body.  These # lines at the top are ignored.  Save and\n"
	"# quit to apply; quit without changes to cancel.\n");

void edit_content(struct app *a, int64_t id)
{
	struct content c;
	struct err e = {0};
	if (a->conflict.active) {
		app_msg(a, 1, _("first answer the conflict: [r]eload or [o]verwrite"));
		return;
	}
	if (content_get(a->s, id, &c, &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	char path[PATH_MAX];
	int version = c.version;
	if (a->keep_id == id && a->keep_path[0] && access(a->keep_path, R_OK) == 0) {
		/* The user's text from a refused save: edit that, not the database's. */
		snprintf(path, sizeof path, "%s", a->keep_path);
		version = a->keep_version;
	} else if (temp_file(a, _(edit_head), c.title, c.body, path, sizeof path) != 0) {
		content_free(&c);
		return;
	}
	if (run_editor(a, path) == 0)
		save_edit(a, id, version, path, &c);
	else
		keep(a, id, version, path);
	content_free(&c);
}

int edit_conflict_key(struct app *a, int ch)
{
	if (ch == KEY_RESIZE || ch == KEY_MOUSE || ch == ERR)
		return 0;
	int64_t id = a->conflict.id;
	if (ch == 'r') {
		a->conflict.active = 0;
		forget(a, a->conflict.path);
		app_open_detail(a, id);
		app_msg(a, 0, _("reloaded: their version of content %lld is shown; your text was discarded"), (long long)id);
	} else if (ch == 'o') {
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s", a->conflict.path);
		a->conflict.active = 0;
		save_edit(a, id, a->conflict.version, path, NULL);
		if (!a->conflict.active && !a->status_err)
			app_msg(a, 0, _("content %lld saved over the other change"), (long long)id);
	} else if (ch == 27 || ch == 'q') {
		a->conflict.active = 0;
		app_msg(a, 0, _("left undecided: your text stays in %s (e on the item edits it again)"), a->keep_path);
	} else {
		app_msg(a, 1, _("content %lld changed under your edit: press r to reload theirs, o to overwrite, "
			"Esc to decide later (your text: %s)"), (long long)id, a->conflict.path);
	}
	a->dirty = 1;
	return 1;
}

/* The new content's file: the body goes above the scissors line; that line
 * and everything under it (the help) are left out.  A marker line, not #
 * comments, because a post may well start with #hashtags. */
static const char scissors[] = "------------------------ >8 ------------------------";

/* The body: the text above the scissors line (the whole file when it is
 * gone), without the blank lines before and after it.  In place. */
static char *new_body(char *buf)
{
	for (char *line = buf; *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (len && line[len - 1] == '\r')
			len--;
		if (len == sizeof scissors - 1 && memcmp(line, scissors, len) == 0) {
			*line = 0;
			break;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	char *body = buf;
	for (char *p = buf; *p; p++) {   /* skip whole blank lines only */
		if (*p == '\n')
			body = p + 1;
		else if (*p != ' ' && *p != '\t' && *p != '\r')
			break;
	}
	trim_end(body);
	return body;
}

void edit_new(struct app *a, const struct submission *sub)
{
	char path[PATH_MAX], help[1024];
	snprintf(help, sizeof help, _("\n%s\n"
		 "chorus: write the body of \"%.200s\" above the scissors line (>8).\n"
		 "That line and everything under it are left out; all above it is the body,\n"
		 "# lines too (hashtags).  Save and quit to submit it to the inbox; an empty\n"
		 "body submits nothing.\n"), scissors, sub->title);
	if (temp_file(a, "", NULL, help, path, sizeof path) != 0)
		return;
	if (run_editor(a, path) != 0) {
		unlink(path);
		return;
	}
	long nul;
	char *buf = read_file(path, &nul);
	if (!buf) {
		app_msg(a, 1, _("cannot read %s: %s"), path, strerror(errno));
		unlink(path);
		return;
	}
	if (nul >= 0) {
		say_nul(a, path, nul, "");
		free(buf);
		return;
	}
	char *body = new_body(buf);
	if (!*body) {
		app_msg(a, 1, _("nothing submitted: the body is empty (write it above the scissors line)"));
		free(buf);
		unlink(path);
		return;
	}
	struct submission s = *sub;
	s.body = body;
	struct err e = {0};
	int64_t id = 0;
	int st = tui_submit(a, &s, &id, &e);
	free(buf);
	if (st == CH_OK) {
		unlink(path);
		app_msg(a, 0, _("content %lld submitted to the inbox"), (long long)id);
		app_requery(a);
	} else
		app_msg(a, 1, _("nothing submitted: %s; the body is kept in %s"), e.msg, path);
}

int edit_text(struct app *a, const char *text, char **out)
{
	char path[PATH_MAX];
	*out = NULL;
	/* No help comments: the text is the whole file (a post may start with #). */
	if (temp_file(a, "", NULL, text, path, sizeof path) != 0)
		return -1;
	char *buf = NULL;
	long nul = -1;
	if (run_editor(a, path) == 0 && !(buf = read_file(path, &nul)))
		app_msg(a, 1, _("cannot read %s: %s"), path, strerror(errno));
	if (nul >= 0) {
		say_nul(a, path, nul, "");
		free(buf);
		return -1;
	}
	unlink(path);
	if (!buf)
		return -1;
	trim_end(buf);
	char *fit = realloc(buf, strlen(buf) + 1);
	*out = fit ? fit : buf;
	return 0;
}
