/* queue.c — the publisher's queue (see queue.h): which messages the acting
 * person can share now and in what order, the share link with its UTM tags,
 * the post as it is copied, and logging a share through share_log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "chorus/i18n.h"
#include "chorus/campaign.h"
#include "chorus/personal.h"
#include "chorus/queue.h"
#include "core.h"
#include "../util/utf8.h"

/* ?1 the person, ?2 today (YYYY-MM-DD, UTC), ?3 the most rows, ?4 the
 * oldest first share of shared content without a running campaign.  A
 * campaign runs from its start to its end date, both included; no date is
 * no bound.  What the person shared (content and platform: the share's
 * platform, which may differ from the message's, see shares log
 * --platform) is read once, and the content considered comes from the
 * stage index: on a large file (200,000 items) this keeps a refresh to a
 * fraction of a second, where a per-row look-up of the shares took seconds. */
static const char queue_sql[] =
	"WITH running AS (SELECT id, name, COALESCE(NULLIF(ends, ''), '') AS ends FROM campaigns "
	"  WHERE COALESCE(NULLIF(starts, ''), ?2) <= ?2 AND COALESCE(NULLIF(ends, ''), ?2) >= ?2), "
	"mine AS MATERIALIZED (SELECT DISTINCT m2.content_id AS cid, sh.platform_id AS pid FROM shares sh "
	"  JOIN messages m2 ON m2.id = sh.message_id WHERE sh.person_id = ?1), "
	"cand AS (SELECT id FROM content WHERE stage = 'ready' "
	"  UNION SELECT c.id FROM content c JOIN running k ON k.id = c.campaign_id WHERE c.stage = 'shared' "
	"  UNION SELECT id FROM content WHERE stage = 'shared' AND stage_at >= ?4), "
	"q AS (SELECT m.id AS mid, m.content_id AS cid, m.version AS mver, m.platform_id AS pid, "
	"  p.key AS pkey, p.name AS pname, p.max_length AS pmax, p.position AS ppos, m.variant AS var, "
	"  c.title AS title, m.text AS text, COALESCE(m.link, '') AS link, "
	"  COALESCE(k.name, '') AS camp, COALESCE(k.ends, '') AS ends, k.id AS kid, c.stage_at AS ready_at "
	"  FROM cand JOIN content c ON c.id = cand.id JOIN messages m ON m.content_id = c.id "
	"  JOIN platforms p ON p.id = m.platform_id "
	"  JOIN person_platforms pp ON pp.platform_id = m.platform_id AND pp.person_id = ?1 "
	"  LEFT JOIN running k ON k.id = c.campaign_id "
	"  WHERE (c.campaign_id IS NULL OR k.id IS NOT NULL) "
	"  AND NOT EXISTS (SELECT 1 FROM mine WHERE mine.cid = m.content_id AND mine.pid = m.platform_id)) "
	"SELECT mid, cid, mver, pid, pkey, pname, pmax, var, title, text, link, camp, ends, ready_at, "
	"  count(*) OVER (PARTITION BY cid, pid), row_number() OVER (PARTITION BY cid, pid ORDER BY var) - 1 "
	"FROM q ORDER BY kid IS NULL, ends = '', ends, camp, ready_at DESC, cid DESC, ppos, pid, var "
	"LIMIT ?3";

static int queue_platforms(struct store *s, struct queue *q, struct err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT p.key FROM person_platforms pp JOIN platforms p ON p.id = pp.platform_id "
		"WHERE pp.person_id = ? ORDER BY p.position, p.id", e);
	if (!st)
		return e->status;
	sqlite3_bind_int64(st, 1, s->me);
	size_t o = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = core_col(st, 0);
		if (o + strlen(key) + 3 < sizeof q->platforms)
			o += (size_t)snprintf(q->platforms + o, sizeof q->platforms - o, "%s%s", o ? ", " : "", key);
		q->nplatforms++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CH_OK : store_sql_error(s, rc, _("reading your platforms"), e);
}

static int queue_rows(struct store *s, struct queue *q, struct err *e)
{
	sqlite3_stmt *st = store_prepare(s, queue_sql, e);
	if (!st)
		return e->status;
	char today[16];
	int64_t now = store_now();
	struct tm tm;
	time_t t = (time_t)now;
	gmtime_r(&t, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	sqlite3_bind_int64(st, 1, s->me);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, QUEUE_MAX + 1);
	sqlite3_bind_int64(st, 4, now - (int64_t)QUEUE_SHARED_DAYS * 86400);
	int rc, status = CH_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (q->n == QUEUE_MAX) {
			q->shown_max = 1;
			break;
		}
		struct queue_item *it = core_grow((void **)&q->v, &q->n, sizeof *q->v);
		if (!it) {
			status = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		it->message_id = sqlite3_column_int64(st, 0);
		it->content_id = sqlite3_column_int64(st, 1);
		it->message_version = sqlite3_column_int(st, 2);
		it->platform_id = sqlite3_column_int64(st, 3);
		core_copy(it->platform, sizeof it->platform, st, 4);
		core_copy(it->platform_name, sizeof it->platform_name, st, 5);
		it->max_length = sqlite3_column_int(st, 6);
		it->variant = sqlite3_column_int(st, 7);
		it->title = core_dup(st, 8);
		it->text = core_dup(st, 9);
		it->link = core_dup(st, 10);
		core_copy(it->campaign, sizeof it->campaign, st, 11);
		core_copy(it->campaign_ends, sizeof it->campaign_ends, st, 12);
		it->ready_at = sqlite3_column_int64(st, 13);
		it->count = sqlite3_column_int(st, 14);
		it->pos = sqlite3_column_int(st, 15);
		if (!it->title || !it->text || !it->link) {
			status = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
	}
	if (status == CH_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_sql_error(s, rc, _("reading the queue"), e);
	sqlite3_finalize(st);
	/* Cut at QUEUE_MAX: a group cut in two would cycle through a part. */
	while (status == CH_OK && q->shown_max && q->n > 0 && q->v[q->n - 1].pos + 1 != q->v[q->n - 1].count) {
		struct queue_item *it = &q->v[--q->n];
		free(it->title);
		free(it->text);
		free(it->link);
	}
	return status;
}

int queue_list(struct store *s, struct queue *q, struct err *e)
{
	memset(q, 0, sizeof *q);
	q->publisher = store_has_role(s, ROLE_PUBLISHER);
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	st = queue_platforms(s, q, e);
	if (st == CH_OK && q->publisher && q->nplatforms)
		st = queue_rows(s, q, e);
	st = store_end(s, st, e);
	if (st != CH_OK)
		queue_free(q);
	return st;
}

void queue_free(struct queue *q)
{
	for (int i = 0; i < q->n; i++) {
		free(q->v[i].title);
		free(q->v[i].text);
		free(q->v[i].link);
	}
	free(q->v);
	q->v = NULL;
	q->n = 0;
}

/* --- strings ------------------------------------------------------------------ */

/* The strings below are built in a memory stream (open_memstream): it grows
 * as needed, and a failed allocation shows as an error when it is closed. */

/* Close the stream m writing *s; NULL (and nothing leaked) when anything failed. */
static char *stream_done(FILE *m, char **s)
{
	int bad = ferror(m);
	if (fclose(m) != 0 || bad || !*s) {
		free(*s);
		*s = NULL;
	}
	return *s;
}

/* Percent-encoding of a query value: RFC 3986's unreserved characters stay,
 * every other byte (of UTF-8, so é is %C3%A9) is %XX. */
static void put_encoded(FILE *m, const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~')
			fputc(*p, m);
		else
			fprintf(m, "%%%02X", *p);
	}
}

static void put_param(FILE *m, int *first, const char *name, const char *value)
{
	fprintf(m, "%s%s=", *first ? "" : "&", name);
	put_encoded(m, value);
	*first = 0;
}

/* Is the query parameter p (up to its end e) one of the tags we set? */
static int replaced_tag(const char *p, const char *end, int campaign)
{
	static const char *const tags[] = { "utm_source", "utm_medium", "utm_content", "utm_campaign" };
	size_t n = 0;
	while (p + n < end && p[n] != '=')
		n++;
	for (int i = 0; i < (campaign ? 4 : 3); i++)
		if (strlen(tags[i]) == n && strncasecmp(p, tags[i], n) == 0)
			return 1;
	return 0;
}

int queue_share_link(const char *link, const char *source, const char *campaign,
		     const char *content, char **out, struct err *e)
{
	*out = NULL;
	if (!link || !*link)
		return CH_OK;
	int with_campaign = campaign && *campaign;
	size_t base = strcspn(link, "#");          /* the fragment goes last */
	size_t path = strcspn(link, "?#");
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	if (!m)
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	fprintf(m, "%.*s?", (int)path, link);
	int first = 1;
	/* The link's own parameters, in their order, without empty ones and
	 * without the tags set below. */
	const char *p = link + path + (path < base), *qend = link + base;
	while (p < qend) {
		const char *amp = memchr(p, '&', (size_t)(qend - p));
		const char *end = amp ? amp : qend;
		if (end > p && !replaced_tag(p, end, with_campaign)) {
			fprintf(m, "%s%.*s", first ? "" : "&", (int)(end - p), p);
			first = 0;
		}
		p = end + 1;
	}
	put_param(m, &first, "utm_source", source ? source : "");
	put_param(m, &first, "utm_medium", "employee_advocacy");
	if (with_campaign)
		put_param(m, &first, "utm_campaign", campaign);
	put_param(m, &first, "utm_content", content ? content : "");
	fputs(link + base, m);
	*out = stream_done(m, &s);
	return *out ? CH_OK : err_set(e, CH_UNUSABLE, _("out of memory"));
}

int queue_share_dialog(struct store *s, const struct queue_item *it, const char *share_link,
		       const char *text, char **out, struct err *e)
{
	*out = NULL;
	char *tmpl = NULL;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "SELECT COALESCE(share_url, '') FROM platforms WHERE id = ?", e);
	int rc = SQLITE_ERROR;
	if (q) {
		sqlite3_bind_int64(q, 1, it->platform_id);
		if ((rc = sqlite3_step(q)) == SQLITE_ROW)
			tmpl = core_dup(q, 0);
		sqlite3_finalize(q);
		st = rc == SQLITE_ROW ? CH_OK
			: rc == SQLITE_DONE ? err_set(e, CH_FAILED, _("platform %s is gone"), it->platform)
			: store_sql_error(s, rc, _("reading the platform's share link"), e);
	} else {
		st = e ? e->status : CH_UNUSABLE;
	}
	st = store_end(s, st, e);
	if (st != CH_OK) {
		free(tmpl);
		return st;
	}
	if (!tmpl)
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	if (!*tmpl) {
		free(tmpl);
		return CH_OK;
	}
	char *r = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&r, &len);
	if (!m) {
		free(tmpl);
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	}
	for (const char *p = tmpl; *p;) {
		if (strncmp(p, "{url}", 5) == 0) {
			put_encoded(m, share_link ? share_link : "");
			p += 5;
		} else if (strncmp(p, "{text}", 6) == 0) {
			put_encoded(m, text ? text : "");
			p += 6;
		} else {
			fputc(*p++, m);
		}
	}
	free(tmpl);
	*out = stream_done(m, &r);
	return *out ? CH_OK : err_set(e, CH_UNUSABLE, _("out of memory"));
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does the link found at text[at..at+n) stand as a word: after the start, a
 * space or an opening bracket or quote, and before the end, a space, a
 * closing bracket or quote, or a punctuation mark that ends the sentence? */
static int link_word(const char *text, size_t at, size_t n)
{
	if (at > 0 && !is_space(text[at - 1]) && !strchr("([<\"'", text[at - 1]))
		return 0;
	const char *after = text + at + n;
	if (!*after || is_space(*after) || strchr(")]>\"'", *after))
		return 1;
	return strchr(".,;:!?", *after) && (!after[1] || is_space(after[1]));
}

char *queue_post_text(const char *text, const char *link, const char *share_link)
{
	if (!share_link || !link || !*link)
		return core_strdup(text);
	char *s = NULL;
	size_t len = 0, n = strlen(link);
	FILE *m = open_memstream(&s, &len);
	if (!m)
		return NULL;
	int replaced = 0;
	const char *p = text;
	for (const char *hit; (hit = strstr(p, link)) != NULL; p = hit + n) {
		int word = link_word(text, (size_t)(hit - text), n);
		fprintf(m, "%.*s%s", (int)(hit - p), p, word ? share_link : link);
		replaced |= word;
	}
	if (replaced) {
		fputs(p, m);
	} else {
		/* The text without trailing blank lines, then the link on its own. */
		size_t keep = strlen(p);
		while (keep > 0 && is_space(p[keep - 1]))
			keep--;
		fprintf(m, "%.*s%s%s", (int)keep, p, keep || p != text ? "\n\n" : "", share_link);
	}
	return stream_done(m, &s);
}

size_t queue_chars(const char *text)
{
	return utf8_count(text, strlen(text));
}

/* An address a browser opens: http:// or https://, a host, no spaces or
 * control characters. */
static int url_check(const char *url, struct err *e)
{
	const char *rest = strncmp(url, "https://", 8) == 0 ? url + 8
			 : strncmp(url, "http://", 7) == 0 ? url + 7 : NULL;
	if (!rest)
		return err_set(e, CH_INVALID,
			       _("%.200s: not the address of a post (it starts with https:// or http://)"), url);
	if (!*rest || strchr("/?#", *rest))
		return err_set(e, CH_INVALID, _("%.200s: the address has no host"), url);
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p == 127)
			return err_set(e, CH_INVALID, _("%.200s: an address has no spaces or control characters"), url);
	return CH_OK;
}

int queue_share(struct store *s, int64_t message_id, const char *url, int64_t *share_id,
		struct err *e)
{
	int st = url && *url ? url_check(url, e) : CH_OK;
	if (st != CH_OK)
		return st;
	/* One transaction: the share, and the sharer's own text no longer pending. */
	if ((st = store_begin(s, 1, e)) != CH_OK)
		return st;
	st = share_log(s, message_id, NULL, url && *url ? url : NULL, 0, share_id, e);
	if (st == CH_OK)
		st = personal_text_shared(s, message_id, e);
	return store_end(s, st, e);
}
