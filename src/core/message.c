/* message.c — messages: per platform, in numbered variants.  Editors write
 * them; the platform's max_length is a hard limit.  The approval rule lives
 * here too (message_approvable): content moves to Ready only when every
 * message it has passes the fair-use policy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/i18n.h"
#include "chorus/audit.h"
#include "chorus/message.h"
#include "chorus/policy.h"
#include "core.h"
#include "../util/utf8.h"

static const char message_cols[] =
	"SELECT m.id, m.content_id, m.platform_id, p.key, m.variant, m.text, COALESCE(m.link, ''), "
	"COALESCE(a.login, ''), m.version, m.updated_at FROM messages m "
	"JOIN platforms p ON p.id = m.platform_id LEFT JOIN people a ON a.id = m.approved_by ";

static void message_row(sqlite3_stmt *st, struct message *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	m->content_id = sqlite3_column_int64(st, 1);
	m->platform_id = sqlite3_column_int64(st, 2);
	core_copy(m->platform, sizeof m->platform, st, 3);
	m->variant = sqlite3_column_int(st, 4);
	m->text = core_dup(st, 5);
	m->link = core_dup(st, 6);
	core_copy(m->approved_by, sizeof m->approved_by, st, 7);
	m->version = sqlite3_column_int(st, 8);
	m->updated_at = sqlite3_column_int64(st, 9);
}

void message_free(struct message *m)
{
	if (m) {
		free(m->text);
		free(m->link);
		m->text = m->link = NULL;
	}
}

void message_list_free(struct message *m, int n)
{
	for (int i = 0; i < n; i++)
		message_free(&m[i]);
	free(m);
}

static int check_text(struct store *s, int64_t platform, const char *key, const char *text,
		      const char *link, struct err *e)
{
	int st = core_text_ok(_("message text"), text, 1, 1 << 16, e);
	if (st == CH_OK && link && *link)
		st = core_text_ok(_("link"), link, 0, 2048, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "SELECT max_length FROM platforms WHERE id = ?", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, platform);
	int max = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	size_t len = utf8_count(text, strlen(text));   /* characters: what platforms count */
	if (max > 0 && len > (size_t)max)
		return err_set(e, CH_INVALID, _("the message is %zu characters; %s allows %d"), len, key, max);
	return CH_OK;
}

/* What the item's stage asks of a message written (adding) or edited for
 * it.  Messages are written for content on its way out, not for what was
 * turned down or put away; and everything in Ready (or Shared) can be shared
 * as it is (the approval rule), so a text for it must pass the policy. */
static int stage_rules(struct store *s, int64_t content_id, const char *text, int adding, struct err *e)
{
	sqlite3_stmt *q = store_prepare(s, "SELECT stage FROM content WHERE id = ?", e);
	if (!q)
		return e->status;
	sqlite3_bind_int64(q, 1, content_id);
	char stage[16] = "";
	if (sqlite3_step(q) == SQLITE_ROW)
		core_copy(stage, sizeof stage, q, 0);
	sqlite3_finalize(q);
	if (adding && (strcmp(stage, "rejected") == 0 || strcmp(stage, "archived") == 0))
		return err_set(e, CH_FAILED, _("content %lld is %s: restore it before writing messages for it"),
			       (long long)content_id, stage);
	if (strcmp(stage, "ready") != 0 && strcmp(stage, "shared") != 0)
		return CH_OK;
	struct policy *pol = NULL;
	int st = policy_load(s, &pol, e);
	char why[600];
	struct message m = { .text = (char *)text };
	if (st == CH_OK && !message_passes(pol, &m, why, sizeof why))
		st = err_set(e, CH_FAILED, _("content %lld is %s: every message of it must pass the fair-use policy, "
			     "and this text %s; move the item back to editing to rework it"), (long long)content_id,
			     stage, why);
	policy_free(pol);
	return st;
}

int message_add(struct store *s, int64_t content_id, const char *platform_key,
		const char *text, const char *link, int64_t *id, struct err *e)
{
	int st = store_require_role(s, ROLE_EDITOR, _("writing messages"), e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	int64_t plat = core_id_by(s, "SELECT id FROM platforms WHERE key = ?", platform_key);
	if (!plat)
		st = err_set(e, CH_INVALID, _("no such platform: %s"), platform_key ? platform_key : "");
	if (st == CH_OK)
		st = core_version(s, "SELECT c.version, c.updated_at, b.login FROM content c "
				     "LEFT JOIN people b ON b.id = c.updated_by WHERE c.id = ?",
				  content_id, 0, _("content"), NULL, e);
	if (st == CH_OK)
		st = stage_rules(s, content_id, text, 1, e);
	if (st == CH_OK)
		st = check_text(s, plat, platform_key, text, link, e);
	int64_t mid = 0;
	if (st == CH_OK) {
		int64_t now = store_now();
		sqlite3_stmt *q = store_prepare(s,
			"INSERT INTO messages(content_id, platform_id, variant, text, link, created_at, "
			"updated_at, updated_by) VALUES(?1, ?2, (SELECT COALESCE(max(variant), 0) + 1 FROM messages "
			"WHERE content_id = ?1 AND platform_id = ?2), ?3, ?4, ?5, ?5, ?6)", e);
		if (q) {
			sqlite3_bind_int64(q, 1, content_id);
			sqlite3_bind_int64(q, 2, plat);
			sqlite3_bind_text(q, 3, text, -1, SQLITE_STATIC);
			core_bind_text(q, 4, link && *link ? link : NULL);
			sqlite3_bind_int64(q, 5, now);
			sqlite3_bind_int64(q, 6, s->me);
		}
		st = core_run(s, q, _("saving the message"), e);
		mid = sqlite3_last_insert_rowid(s->db);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_int(&j, "content", content_id);
		json_str(&j, "platform", platform_key);
		st = audit_log(s, "message", mid, "message", &j, e);
		json_free(&j);
	}
	if (st == CH_OK && id)
		*id = mid;
	return store_end(s, st, e);
}

int message_edit(struct store *s, int64_t id, const char *text, const char *link,
		 int expected_version, struct err *e)
{
	int st = store_require_role(s, ROLE_EDITOR, _("editing messages"), e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	struct message m = {0};
	st = message_get(s, id, &m, e);
	if (st == CH_OK)
		st = core_version(s, "SELECT m.version, m.updated_at, b.login FROM messages m "
				     "LEFT JOIN people b ON b.id = m.updated_by WHERE m.id = ?",
				  id, expected_version, _("message"), NULL, e);
	if (st == CH_OK)
		st = stage_rules(s, m.content_id, text, 0, e);
	if (st == CH_OK)
		st = check_text(s, m.platform_id, m.platform, text, link, e);
	if (st == CH_OK) {
		sqlite3_stmt *q = store_prepare(s,
			"UPDATE messages SET text = ?2, link = ?3, updated_at = ?4, updated_by = ?5, "
			"version = version + 1 WHERE id = ?1", e);
		if (q) {
			sqlite3_bind_int64(q, 1, id);
			sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
			core_bind_text(q, 3, link && *link ? link : NULL);
			sqlite3_bind_int64(q, 4, store_now());
			sqlite3_bind_int64(q, 5, s->me);
		}
		st = core_run(s, q, _("saving the message"), e);
	}
	if (st == CH_OK) {
		struct json j;
		json_init(&j);
		json_int(&j, "content", m.content_id);
		st = audit_log(s, "message", id, "edit", &j, e);
		json_free(&j);
	}
	message_free(&m);
	return store_end(s, st, e);
}

int message_delete(struct store *s, int64_t id, struct err *e)
{
	int st = store_require_role(s, ROLE_EDITOR, _("deleting messages"), e);
	if (st != CH_OK || (st = store_begin(s, 1, e)) != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "SELECT count(*) FROM shares WHERE message_id = ?", e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_int64(q, 1, id);
	int shares = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	if (shares)
		st = err_set(e, CH_FAILED, P_("message %lld has been shared %d time; it stays for the record",
						"message %lld has been shared %d times; it stays for the record", shares),
			     (long long)id, shares);
	if (st == CH_OK) {
		q = store_prepare(s, "DELETE FROM messages WHERE id = ?", e);
		if (q)
			sqlite3_bind_int64(q, 1, id);
		st = core_run(s, q, _("deleting the message"), e);
		if (st == CH_OK && sqlite3_changes(s->db) == 0)
			st = err_set(e, CH_FAILED, _("no such message: %lld"), (long long)id);
	}
	if (st == CH_OK)
		st = audit_log(s, "message", id, "delete", NULL, e);
	return store_end(s, st, e);
}

int message_get(struct store *s, int64_t id, struct message *m, struct err *e)
{
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	char sql[600];
	snprintf(sql, sizeof sql, NT_("%sWHERE m.id = ?"), message_cols);  /* constants only */
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		message_row(q, m);
	else if (rc == SQLITE_DONE)
		st = err_set(e, CH_FAILED, _("no such message: %lld"), (long long)id);
	else
		st = store_sql_error(s, rc, _("reading the message"), e);
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

int message_list(struct store *s, int64_t content_id, struct message **out, int *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	char sql[600];
	snprintf(sql, sizeof sql, NT_("%sWHERE m.content_id = ? ORDER BY p.position, p.id, m.variant"), message_cols);
	sqlite3_stmt *q = store_prepare(s, sql, e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_int64(q, 1, content_id);
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct message *m = core_grow((void **)out, n, sizeof **out);
		if (!m) {
			st = err_set(e, CH_UNUSABLE, _("out of memory"));
			break;
		}
		message_row(q, m);
	}
	sqlite3_finalize(q);
	return store_end(s, st, e);
}

int message_find(struct store *s, int64_t content_id, const char *platform_key, int variant,
		 struct message *m, struct err *e)
{
	memset(m, 0, sizeof *m);
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	sqlite3_stmt *q = store_prepare(s, "SELECT count(*) FROM content WHERE id = ?", e);
	if (!q)
		return store_end(s, e->status, e);
	sqlite3_bind_int64(q, 1, content_id);
	int found = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) > 0;
	sqlite3_finalize(q);
	if (!found)
		return store_end(s, err_set(e, CH_FAILED, _("no such content: %lld"), (long long)content_id), e);
	if (!core_id_by(s, "SELECT id FROM platforms WHERE key = ?", platform_key ? platform_key : ""))
		return store_end(s, err_set(e, CH_INVALID, _("no such platform: %s"), platform_key ? platform_key : ""), e);
	struct message *all = NULL;
	int n = 0, hit = -1, count = 0;
	char variants[200] = "";
	st = message_list(s, content_id, &all, &n, e);
	for (int i = 0; st == CH_OK && i < n; i++) {
		if (strcmp(all[i].platform, platform_key) != 0)
			continue;
		count++;
		size_t used = strlen(variants);
		snprintf(variants + used, sizeof variants - used, "%s%d", used ? ", " : "", all[i].variant);
		if (variant ? all[i].variant == variant : count == 1)
			hit = i;
	}
	if (st == CH_OK && (hit < 0 || (!variant && count > 1))) {
		if (!count)
			st = err_set(e, CH_FAILED, _("content %lld has no message for %s"), (long long)content_id,
				     platform_key);
		else if (variant && hit < 0)
			st = err_set(e, CH_FAILED, _("content %lld has no %s message variant %d (it has %s)"),
				     (long long)content_id, platform_key, variant, variants);
		else
			st = err_set(e, CH_FAILED, _("content %lld has %d messages for %s (variants %s): say which "
				     "with --variant"), (long long)content_id, count, platform_key, variants);
	}
	if (st == CH_OK) {
		*m = all[hit];
		memset(&all[hit], 0, sizeof all[hit]);   /* handed over to m */
	}
	message_list_free(all, n);
	return store_end(s, st, e);
}

int message_passes(struct policy *pol, const struct message *msg, char *why, size_t n)
{
	char dummy[8];
	if (!why) {
		why = dummy;
		n = sizeof dummy;
	}
	why[0] = 0;
	struct policy_match *m = NULL;
	int nm = 0, worst = policy_check(pol, msg->text, &m, &nm);
	/* A blocking rule that could not be evaluated does not let a message
	 * through: it may well have matched. */
	int undecided = -1, blocked = -1;
	for (int k = 0; k < nm; k++) {
		if (m[k].rule->severity != SEV_BLOCK)
			continue;
		if (m[k].too_expensive)
			undecided = k;
		else if (blocked < 0)
			blocked = k;
	}
	int passes = worst >= SEV_NONE && blocked < 0 && undecided < 0;
	if (blocked >= 0)
		snprintf(why, n, _("breaks the rule \"%s\": %s"), m[blocked].rule->name,
			 m[blocked].rule->guidance ? m[blocked].rule->guidance : "");
	else if (undecided >= 0)
		snprintf(why, n, _("the blocking rule \"%s\" is too expensive to evaluate on it; simplify the "
			 "rule in the strategy"), m[undecided].rule->name);
	else if (worst < 0)
		snprintf(why, n, _("could not be checked (out of memory)"));
	free(m);
	return passes;
}

int message_approvable(struct store *s, int64_t content_id, struct err *e)
{
	struct message *msgs = NULL;
	int n = 0;
	int st = message_list(s, content_id, &msgs, &n, e);
	if (st != CH_OK)
		return st;
	if (n == 0) {
		message_list_free(msgs, n);
		return err_set(e, CH_FAILED, _("content %lld has no message yet; write at least one "
			       "message for a platform before approving (m on the card, or chorus message add)"),
			       (long long)content_id);
	}
	struct policy *pol = NULL;
	st = policy_load(s, &pol, e);
	for (int i = 0; st == CH_OK && i < n; i++) {
		char why[600];
		if (message_passes(pol, &msgs[i], why, sizeof why))
			continue;
		/* Everything in Ready can be shared as it is: a blocked variant is
		 * fixed or deleted first, and the refusal says how. */
		st = err_set(e, CH_FAILED, _("approval refused: message %lld (%s, variant %d) %s -- every message "
			     "must pass: edit it (m on the card, or chorus message edit %lld --platform %s "
			     "--variant %d) or delete it (chorus message delete %lld --platform %s --variant %d)"),
			     (long long)msgs[i].id, msgs[i].platform, msgs[i].variant, why,
			     (long long)content_id, msgs[i].platform, msgs[i].variant,
			     (long long)content_id, msgs[i].platform, msgs[i].variant);
	}
	policy_free(pol);
	message_list_free(msgs, n);
	return st;
}
