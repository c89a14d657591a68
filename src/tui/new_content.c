/* new_content.c — n on the Board: new content in one form (title, kind,
 * pillar, media), then its body in $EDITOR (editor.c's edit_new).
 *
 * Each field is checked as it is typed by the core's rules: the kinds are
 * core's content_kinds, a pillar must exist, a media path must be a
 * readable file now (content_media_check), so the form refuses what the
 * submission would.  Tab in Kind and Pillar cycles through the names that
 * start with what was typed; in Media it completes the last path from the
 * files on disk.  Down and Up go between fields there.  The form lives on
 * the heap while it runs: no state outlives the key. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "chorus/board.h"
#include "chorus/content.h"
#include "ask.h"
#include "ui.h"

enum { NC_TITLE, NC_KIND, NC_PILLAR, NC_MEDIA };
#define NC_PILLARS 64
#define NC_FILES 256
#define NC_MEDIA_MAX 16

struct new_form {
	struct ui_form fm;
	char names[4096];                  /* the pillars, split in place */
	const char *pillars[NC_PILLARS];
	int npillars;
	char *files[NC_FILES];             /* Media's Tab candidates: the whole field's text */
	int nfiles;
};

static void files_free(struct new_form *nf)
{
	for (int i = 0; i < nf->nfiles; i++)
		free(nf->files[i]);
	nf->nfiles = 0;
}

/* The media paths of the field, comma-separated, blanks around each
 * dropped; in place.  Their number, at most max. */
static int media_split(char *text, char **out, int max)
{
	int n = 0;
	for (char *p = text; p && n < max;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = 0;
		p += strspn(p, " \t");
		size_t l = strlen(p);
		while (l && (p[l - 1] == ' ' || p[l - 1] == '\t'))
			p[--l] = 0;
		if (*p)
			out[n++] = p;
		p = comma ? comma + 1 : NULL;
	}
	return n;
}

static int nc_check(void *ctx, int i, const char *text, char *why, size_t whyn)
{
	struct new_form *nf = ctx;
	char list[160];
	switch (i) {
	case NC_TITLE:
		if (!text[strspn(text, " ")]) {
			snprintf(why, whyn, _("a title is needed"));
			return -1;
		}
		if (strlen(text) > 200) {
			snprintf(why, whyn, _("too long: %zu bytes, at most 200"), strlen(text));
			return -1;
		}
		return 0;
	case NC_KIND:
		for (int k = 0; content_kinds[k]; k++)
			if (strcmp(text, content_kinds[k]) == 0)
				return 0;
		content_kinds_list(list, sizeof list);
		snprintf(why, whyn, _("unknown kind '%.40s' (kinds: %s)"), text, list);
		return -1;
	case NC_PILLAR:
		if (!*text)
			return 0;
		for (int k = 0; k < nf->npillars; k++)
			if (strcasecmp(text, nf->pillars[k]) == 0)
				return 0;
		snprintf(why, whyn, _("no such pillar: %.100s (Tab lists them)"), text);
		return -1;
	case NC_MEDIA: {
		char buf[UI_LINE_MAX], *paths[NC_MEDIA_MAX + 1];
		snprintf(buf, sizeof buf, "%s", text);
		int n = media_split(buf, paths, NC_MEDIA_MAX + 1);
		if (n > NC_MEDIA_MAX) {
			snprintf(why, whyn, _("at most %d files"), NC_MEDIA_MAX);
			return -1;
		}
		for (int k = 0; k < n; k++) {
			struct err e = {0};
			if (content_media_check(paths[k], &e) != CH_OK) {
				snprintf(why, whyn, "%s", e.msg);
				return -1;
			}
		}
		return 0;
	}
	}
	return 0;
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Media's candidates: the field as it is, with its last path completed by
 * each file or directory (with a /) whose name starts as typed. */
static void files_list(struct new_form *nf, const char *text)
{
	files_free(nf);
	const char *seg = strrchr(text, ',');
	seg = seg ? seg + 1 : text;
	seg += strspn(seg, " ");
	const char *slash = strrchr(seg, '/');
	char dir[UI_LINE_MAX];
	const char *base = slash ? slash + 1 : seg;
	if (slash)
		snprintf(dir, sizeof dir, "%.*s", slash == seg ? 1 : (int)(slash - seg), seg);
	else
		snprintf(dir, sizeof dir, ".");
	DIR *d = opendir(dir);
	if (!d)
		return;
	size_t keep = (size_t)(base - text), blen = strlen(base);
	for (struct dirent *de; nf->nfiles < NC_FILES && (de = readdir(d)) != NULL;) {
		if (strncmp(de->d_name, base, blen) != 0 || strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_name[0] == '.' && base[0] != '.')
			continue;   /* hidden files only when asked for */
		char full[UI_LINE_MAX * 2];
		struct stat sb;
		snprintf(full, sizeof full, "%s/%s", dir, de->d_name);
		int is_dir = stat(full, &sb) == 0 && S_ISDIR(sb.st_mode);
		size_t need = keep + strlen(de->d_name) + 2;
		char *c = need < UI_LINE_MAX ? malloc(need) : NULL;
		if (!c)
			continue;
		snprintf(c, need, "%.*s%s%s", (int)keep, text, de->d_name, is_dir ? "/" : "");
		nf->files[nf->nfiles++] = c;
	}
	closedir(d);
	qsort(nf->files, (size_t)nf->nfiles, sizeof nf->files[0], by_name);
}

static int nc_complete(void *ctx, struct ui_form *fm, int i)
{
	struct new_form *nf = ctx;
	struct ui_line *l = &fm->f[i].line;
	if (i == NC_KIND) {
		l->complete = content_kinds;
		for (l->ncomplete = 0; content_kinds[l->ncomplete]; l->ncomplete++)
			;
	} else if (i == NC_PILLAR && nf->npillars) {
		l->complete = nf->pillars;
		l->ncomplete = nf->npillars;
	} else if (i == NC_MEDIA) {
		/* A new list after typing, or when the one completion was a
		 * directory: its files are next. */
		if (l->ctab < 0 || nf->nfiles <= 1) {
			files_list(nf, l->buf);
			l->ctab = -1;
		}
		l->complete = (const char *const *)nf->files;
		l->ncomplete = nf->nfiles;
	} else {
		return 0;
	}
	ui_line_key(l, '\t', 0);
	return 1;
}

void act_key_new(struct app *a)
{
	struct err e = {0};
	if (a->s->readonly) {
		app_msg(a, 1, _("the database is open read-only: %s"), a->s->ro_reason);
		return;
	}
	if (!store_has_role(a->s, ROLE_CREATOR) && !store_has_role(a->s, ROLE_EDITOR) &&
	    store_require_role(a->s, ROLE_CREATOR, _("submitting content"), &e) != CH_OK) {
		app_msg(a, 1, "%s", e.msg);
		return;
	}
	struct new_form *nf = calloc(1, sizeof *nf);
	if (!nf) {
		app_msg(a, 1, _("out of memory"));
		return;
	}
	board_names(a->s, 0, nf->names, sizeof nf->names);
	for (char *p = nf->names; *p && nf->npillars < NC_PILLARS;) {
		nf->pillars[nf->npillars++] = p;
		char *sep = strstr(p, ", ");
		if (!sep)
			break;
		*sep = 0;
		p = sep + 2;
	}
	struct ui_form *fm = &nf->fm;
	ui_form_init(fm, 0, nc_check, nf);
	ui_form_add(fm, _("Title"), _("what it is about (one line)"), NULL);
	ui_form_add(fm, _("Kind"), _("Tab cycles the kinds: story, photo, video, news, blog; Down: next field"), NT_("story"));
	ui_form_add(fm, _("Pillar"), nf->npillars ? _("optional; Tab cycles the pillars; Down: next field")
		    : _("optional (the strategy has no pillars yet)"), NULL);
	ui_form_add(fm, _("Media"), _("optional files, separated by commas; Tab completes the path; Down: next field"), NULL);
	for (int i = 0; i < fm->n; i++)
		ui_form_check(fm, i);
	struct ask_form_hooks h = { .ctx = nf, .complete = nc_complete };
	if (ask_form(a, _(" New content (then its body in $EDITOR) "), fm, &h)) {
		char *paths[NC_MEDIA_MAX];
		int n = media_split(fm->f[NC_MEDIA].line.buf, paths, NC_MEDIA_MAX);
		const char *title = fm->f[NC_TITLE].line.buf;
		struct submission sub = {
			.title = title + strspn(title, " "), .kind = fm->f[NC_KIND].line.buf,
			.pillar = fm->f[NC_PILLAR].line.buf[0] ? fm->f[NC_PILLAR].line.buf : NULL,
			.media = (const char *const *)paths, .nmedia = n,
		};
		edit_new(a, &sub);
	} else {
		app_msg(a, 0, _("nothing submitted"));
	}
	files_free(nf);
	free(nf);
}
