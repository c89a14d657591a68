/* metrics_import.c — importing share figures (impressions, clicks,
 * reactions), one row at a time: a known share is updated, an unknown one
 * logged. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chorus/campaign.h"
#include "chorus/message.h"
#include "chorus/i18n.h"
#include "chorus/metrics.h"
#include "core.h"
#include "schema.h"
#include "metrics_parts.h"
#include "../util/timeutil.h"

/* --- importing share figures ------------------------------------------------ */

struct known_share {
	int64_t id, person, message, platform;
	struct share_figures f;
	int has_figures;      /* set or imported before (figures_at) */
};

static int find_share(struct store *s, const char *sql, const int64_t *binds, int nbinds,
		      const char *url, struct known_share *k, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return -1;
	for (int i = 0; i < nbinds; i++)
		sqlite3_bind_int64(q, i + 1, binds[i]);
	if (url)
		core_bind_text(q, nbinds + 1, url);
	int found = sqlite3_step(q) == SQLITE_ROW;
	if (found) {
		k->id = sqlite3_column_int64(q, 0);
		k->person = sqlite3_column_int64(q, 1);
		k->message = sqlite3_column_int64(q, 2);
		k->platform = sqlite3_column_int64(q, 3);
		metrics_share_figures_columns(q, 4, &k->f);
		k->has_figures = sqlite3_column_int(q, 9) != 0;
	}
	sqlite3_finalize(q);
	return found;
}

#define SHARE_COLS "SELECT id, person_id, message_id, platform_id, impressions, clicks, reactions, " \
		   "comments, reshares, figures_at IS NOT NULL FROM shares "

/* The figures after the row: given ones replace, the rest stay. */
static struct share_figures merged(const struct share_figures *old, const struct share_import *row)
{
	struct share_figures f = *old;
	if (row->given & SHARE_FIG_IMPRESSIONS)
		f.impressions = row->f.impressions;
	if (row->given & SHARE_FIG_CLICKS)
		f.clicks = row->f.clicks;
	if (row->given & SHARE_FIG_REACTIONS)
		f.reactions = row->f.reactions;
	if (row->given & SHARE_FIG_COMMENTS)
		f.comments = row->f.comments;
	if (row->given & SHARE_FIG_RESHARES)
		f.reshares = row->f.reshares;
	return f;
}

static int same_figures(const struct share_figures *a, const struct share_figures *b)
{
	return a->impressions == b->impressions && a->clicks == b->clicks && a->reactions == b->reactions &&
	       a->comments == b->comments && a->reshares == b->reshares;
}

/* Prefix a core message with the column it is about. */
static int blame(struct err *e, const char *column, int status)
{
	if (e) {
		size_t pl = strlen(column) + 2, ml = strlen(e->msg);
		if (pl + ml >= sizeof e->msg)
			ml = sizeof e->msg - pl - 1;
		memmove(e->msg + pl, e->msg, ml);
		e->msg[pl + ml] = 0;
		memcpy(e->msg, column, pl - 2);
		memcpy(e->msg + pl - 2, ": ", 2);
		e->status = status;
	}
	return status;
}

/* Whether message id was written after time t: why share_log refuses a
 * share dated t (its message is found, so the date is what is wrong).  Asked
 * of the data, not read from the message, which is in the person's language. */
static int dated_before(struct store *s, int64_t id, int64_t t)
{
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)id);
	return core_id_by(s, "SELECT created_at FROM messages WHERE id = ?", key) > t;
}

static int import_locate(struct store *s, const struct share_import *row, int64_t person,
			 int64_t *platform, struct message *m, struct known_share *k, int *found,
			 struct err *e)
{
	*found = 0;
	if (row->message_id && message_get(s, row->message_id, m, e) != CH_OK)
		return err_set(e, CH_INVALID, _("message_id: no such message: %lld"), (long long)row->message_id);
	*platform = m->platform_id;
	if (row->platform && !(*platform = core_id_by(s, "SELECT id FROM platforms WHERE key = ?", row->platform)))
		return err_set(e, CH_INVALID, _("platform: no such platform: %s"), row->platform);
	if (row->url) {
		*found = find_share(s, SHARE_COLS "WHERE url = ?1", NULL, 0, row->url, k, e);
		if (*found < 0)
			return e->status;
		if (*found && k->person != person)
			return err_set(e, CH_INVALID, _("login: the share at %s was logged for someone else, "
				       "not %s"), row->url, row->login);
		if (*found && row->message_id && k->message != row->message_id)
			return err_set(e, CH_INVALID, _("message_id: the share at %s is of message %lld, not %lld"),
				       row->url, (long long)k->message, (long long)row->message_id);
		if (*found && row->platform && k->platform != *platform)
			return err_set(e, CH_INVALID, _("platform: the share at %s was on another platform, not %s"),
				       row->url, row->platform);
	}
	if (!*found && row->message_id && row->day >= 0) {
		/* The same message, person, platform and day is a share already
		 * known, whatever its URL (chorus(1)). */
		int64_t b[] = { row->message_id, person, *platform, row->day, row->day + TIME_DAY };
		*found = find_share(s, SHARE_COLS "WHERE message_id = ?1 AND person_id = ?2 AND platform_id = ?3 "
				    "AND shared_at >= ?4 AND shared_at < ?5 "
				    "ORDER BY id LIMIT 1", b, 5, NULL, k, e);
		if (*found < 0)
			return e->status;
	}
	return CH_OK;
}

int share_import_row(struct store *s, const struct share_import *row,
		     enum share_import_result *result, int64_t *share_id, struct err *e)
{
	int st = store_require_role(s, ROLE_MASTER, _("importing shares"), e);
	if (st != CH_OK)
		return blame(e, "row", st);
	if (row->url) {
		st = core_text_ok(_("the address"), row->url, 0, 2048, e);
		if (st != CH_OK)
			return blame(e, "url", st);
		if (strncmp(row->url, "https://", 8) != 0 && strncmp(row->url, "http://", 7) != 0)
			return err_set(e, CH_INVALID, _("url: %s is not a web address (http:// or https://)"), row->url);
	}
	if ((st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int64_t person = core_id_by(s, "SELECT id FROM people WHERE login = ?", row->login ? row->login : "");
	int active = person && core_id_by(s, "SELECT active FROM people WHERE login = ?", row->login);
	if (!person)
		st = err_set(e, CH_INVALID, _("login: no such person: %s"), row->login ? row->login : "");
	int64_t now = store_now(), today = time_floordiv(now, TIME_DAY) * TIME_DAY;
	if (st == CH_OK && row->day > today) {
		char d[16];
		metrics_date_str(row->day, d, sizeof d);
		st = err_set(e, CH_INVALID, _("date: %s is in the future"), d);
	}
	struct message m = {0};
	struct known_share k = {0};
	int64_t platform = 0;
	int found = 0;
	if (st == CH_OK)
		st = import_locate(s, row, person, &platform, &m, &k, &found, e);
	if (st == CH_OK && !found && !row->message_id)
		st = err_set(e, CH_INVALID, _("message_id: the share at %s is not logged yet; give its message_id"),
			     row->url ? row->url : "");
	if (st == CH_OK && !found && row->day < 0)
		st = err_set(e, CH_INVALID, _("date: needed to log a share that is not known yet"));
	/* As --as refuses them: no new shares for someone no longer in the
	 * programme (the figures of their past shares still come in). */
	if (st == CH_OK && !found && !active)
		st = err_set(e, CH_INVALID, _("login: %s is inactive: no new shares for them"), row->login);
	/* Act for the person, as --as does: events record the master as actor
	 * and the person as the one on whose behalf. */
	int64_t me = s->me;
	if (st == CH_OK)
		s->me = person;
	enum share_import_result res = SHARE_IMPORT_UNCHANGED;
	if (st == CH_OK && !found) {
		/* Noon UTC: the day stays the same in every time zone people read it
		 * in; today's share before noon is dated now, not in the future. */
		int64_t when = row->day + TIME_DAY / 2;
		st = share_log(s, row->message_id, row->platform, row->url, when < now ? when : now, &k.id, e);
		if (st != CH_OK)
			blame(e, dated_before(s, row->message_id, when) ? "date" : "message_id", st);
		res = SHARE_IMPORT_NEW;
	}
	if (st == CH_OK) {
		/* Figures given for the first time are news even when they are 0. */
		struct share_figures f = merged(&k.f, row);
		if (!same_figures(&f, &k.f) || (row->given && !k.has_figures)) {
			st = share_set_figures(s, k.id, &f, e);
			if (st != CH_OK)
				blame(e, "row", st);
			if (res != SHARE_IMPORT_NEW)
				res = SHARE_IMPORT_UPDATED;
		}
	}
	s->me = me;
	message_free(&m);
	if (st == CH_OK && result)
		*result = res;
	if (st == CH_OK && share_id)
		*share_id = k.id;
	return store_end(s, st, e);
}
