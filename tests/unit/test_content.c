/* test_content.c — the pipeline: every stage transition allowed and refused,
 * who may make it, approval against the fair-use policy, conflicts on stale
 * versions, and the one event each successful change writes. */
#include <stdarg.h>
#include "unit.h"
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/strategy.h"

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("content");
	if (!f)
		return -1;
	struct err e = {0};
	unit_person(&f->s, "ed", ROLE_EDITOR);
	unit_person(&f->s, "cre", ROLE_CREATOR);
	unit_person(&f->s, "cre2", ROLE_CREATOR);
	unit_person(&f->s, "pub", 0);
	struct platform pl = { .key = "x", .name = "X" };
	assert_ok(platform_add(&f->s, &pl, NULL, &e), e);
	struct pillar p = { .name = "Culture", .colour = "#ff8800" };
	assert_ok(pillar_add(&f->s, &p, NULL, &e), e);
	struct campaign_change cc = { .name = "Spring", .starts = "2026-03-01", .ends = "2026-05-31",
				      .target_shares = 10 };
	assert_ok(campaign_add(&f->s, &cc, NULL, &e), e);
	*state = f;
	return 0;
}

static int64_t submit(struct store *s, const char *title)
{
	struct err e = {0};
	int64_t id = 0;
	struct submission sub = { .title = title, .body = "A body." };
	if (content_submit(s, &sub, &id, &e) != CH_OK)
		fail_msg("content_submit %s: %s", title, e.msg);
	return id;
}

static int64_t message(struct store *s, int64_t id, const char *text)
{
	struct err e = {0};
	int64_t mid = 0;
	if (message_add(s, id, "x", text, NULL, &mid, &e) != CH_OK)
		fail_msg("message_add: %s", e.msg);
	return mid;
}

static struct content get(struct store *s, int64_t id)
{
	struct err e = {0};
	struct content c;
	if (content_get(s, id, &c, &e) != CH_OK)
		fail_msg("content_get %lld: %s", (long long)id, e.msg);
	return c;
}

static enum stage stage_of(struct store *s, int64_t id)
{
	struct content c = get(s, id);
	enum stage st = c.stage;
	content_free(&c);
	return st;
}

static int version_of(struct store *s, int64_t id)
{
	struct content c = get(s, id);
	int v = c.version;
	content_free(&c);
	return v;
}

/* count(s, FMT, ID): FMT has one %lld, the id. */
#define count(s, fmt, id) unit_intf(s, fmt, (long long)(id))

#define CONTENT_EVENTS "SELECT count(*) FROM events WHERE entity = 'content' AND entity_id = %lld"

/* An item (with one message that passes) brought to a stage by the master. */
static int64_t item_in(struct store *s, enum stage to, int64_t *mid_out)
{
	struct err e = {0};
	unit_act_as(s, "master");
	int64_t id = submit(s, "An item");
	int64_t mid = message(s, id, "Look what we made together.");
	if (mid_out)
		*mid_out = mid;
	switch (to) {
	case STAGE_INBOX:
		break;
	case STAGE_EDITING:
		assert_ok(content_take(s, id, 0, &e), e);
		break;
	case STAGE_READY:
	case STAGE_SHARED:
		assert_ok(content_take(s, id, 0, &e), e);
		assert_ok(content_approve(s, id, 0, &e), e);
		if (to == STAGE_SHARED)
			assert_ok(share_log(s, mid, NULL, NULL, 0, NULL, &e), e);
		break;
	case STAGE_REJECTED:
		assert_ok(content_reject(s, id, "Not for us", 0, &e), e);
		break;
	case STAGE_ARCHIVED:
		assert_ok(content_archive(s, id, 0, &e), e);
		break;
	default:
		fail_msg("no such stage %d", to);
	}
	assert_int_equal(stage_of(s, id), to);
	return id;
}

/* --- the transition table ---------------------------------------------------------- */

enum mv { M_TAKE, M_APPROVE, M_REJECT, M_BACK, M_ARCHIVE, M_RESTORE, M_FORWARD, M_SHARE, M_COUNT };
static const char *mv_name[M_COUNT] = { "take", "approve", "reject", "back", "archive", "restore",
					"forward", "share" };
#define NO -1
/* Where each move goes from each stage (NO: refused). */
static const int target[STAGE_COUNT][M_COUNT] = {
	/*                take           approve      reject          back           archive         restore      forward        share */
	[STAGE_INBOX]    = { STAGE_EDITING, NO,          STAGE_REJECTED, NO,            STAGE_ARCHIVED, NO,          STAGE_EDITING, NO },
	[STAGE_EDITING]  = { NO,            STAGE_READY, STAGE_REJECTED, STAGE_INBOX,   STAGE_ARCHIVED, NO,          STAGE_READY,   NO },
	[STAGE_READY]    = { NO,            NO,          NO,             STAGE_EDITING, STAGE_ARCHIVED, NO,          NO,            STAGE_SHARED },
	[STAGE_SHARED]   = { NO,            NO,          NO,             STAGE_READY,   STAGE_ARCHIVED, NO,          NO,            STAGE_SHARED },
	[STAGE_REJECTED] = { NO,            NO,          NO,             STAGE_INBOX,   STAGE_ARCHIVED, STAGE_INBOX, NO,            NO },
	[STAGE_ARCHIVED] = { NO,            NO,          NO,             NO,            NO,             STAGE_INBOX, NO,            NO },
};

static int do_move(struct store *s, enum mv m, int64_t id, int64_t mid, struct err *e)
{
	switch (m) {
	case M_TAKE:    return content_take(s, id, 0, e);
	case M_APPROVE: return content_approve(s, id, 0, e);
	case M_REJECT:  return content_reject(s, id, "Off-topic this quarter", 0, e);
	case M_BACK:    return content_back(s, id, 0, e);
	case M_ARCHIVE: return content_archive(s, id, 0, e);
	case M_RESTORE: return content_restore(s, id, 0, e);
	case M_FORWARD: return content_forward(s, id, 0, e);
	case M_SHARE:   return share_log(s, mid, NULL, NULL, 0, NULL, e);
	default:        return -1;
	}
}

static void test_every_transition_from_every_stage_is_allowed_or_refused_as_the_table_says(void **state)
{
	struct unit_fx *f = *state;
	struct store *s = &f->s;
	int checked = 0;
	for (int from = 0; from < STAGE_COUNT; from++) {
		for (int m = 0; m < M_COUNT; m++) {
			int64_t mid = 0;
			int64_t id = item_in(s, (enum stage)from, &mid);
			int v0 = version_of(s, id);
			long long ev0 = count(s, CONTENT_EVENTS, id);
			long long all0 = unit_int(s, "SELECT count(*) FROM events");
			long long shares0 = unit_int(s, "SELECT count(*) FROM shares");
			long long comments0 = count(s, "SELECT count(*) FROM comments WHERE content_id = %lld", id);
			struct err e = {0};
			unit_act_as(s, "master");   /* every role: only the stage decides */
			int st = do_move(s, (enum mv)m, id, mid, &e);
			int want = target[from][m];
			enum stage now = stage_of(s, id);
			const char *fs = stage_name((enum stage)from);
			if (want == NO) {
				if (st != CH_FAILED)
					fail_msg("%s from %s: status %d (%s), want refused (%d)", mv_name[m], fs, st,
						 e.msg, CH_FAILED);
				if (!strstr(e.msg, fs))
					fail_msg("%s from %s: the refusal does not name the stage: %s", mv_name[m], fs, e.msg);
				if (now != (enum stage)from)
					fail_msg("%s from %s: refused, but the item moved to %s", mv_name[m], fs, stage_name(now));
				if (version_of(s, id) != v0)
					fail_msg("%s from %s: refused, but the version changed", mv_name[m], fs);
				if (unit_int(s, "SELECT count(*) FROM events") != all0)
					fail_msg("%s from %s: refused, but an event was written", mv_name[m], fs);
				if (unit_int(s, "SELECT count(*) FROM shares") != shares0)
					fail_msg("%s from %s: refused, but a share was logged", mv_name[m], fs);
				if (count(s, "SELECT count(*) FROM comments WHERE content_id = %lld", id) != comments0)
					fail_msg("%s from %s: refused, but a comment was added", mv_name[m], fs);
				checked++;
				continue;
			}
			if (st != CH_OK)
				fail_msg("%s from %s: status %d: %s", mv_name[m], fs, st, e.msg);
			if ((int)now != want)
				fail_msg("%s from %s: now in %s, want %s", mv_name[m], fs, stage_name(now),
					 stage_name((enum stage)want));
			if (m == M_SHARE) {
				assert_int_equal(unit_int(s, "SELECT count(*) FROM shares"), shares0 + 1);
				assert_int_equal(unit_int(s, "SELECT count(*) FROM events WHERE entity = 'share'"),
						 unit_int(s, "SELECT count(*) FROM shares"));
			}
			if (m == M_SHARE && from == STAGE_SHARED) {
				/* a second share keeps it shared: no transition, no content event */
				if (version_of(s, id) != v0 || count(s, CONTENT_EVENTS, id) != ev0)
					fail_msg("a second share of shared content changed the content");
				checked++;
				continue;
			}
			if (version_of(s, id) != v0 + 1)
				fail_msg("%s from %s: version %d, want %d", mv_name[m], fs, version_of(s, id), v0 + 1);
			long long n = count(s, CONTENT_EVENTS, id) - ev0;
			if (n != 1)
				fail_msg("%s from %s: %lld content events, want exactly 1", mv_name[m], fs, n);
			const char *action = m == M_FORWARD ? (from == STAGE_INBOX ? "take" : "approve")
					   : m == M_SHARE ? "shared" : mv_name[m];
			char sql[512];
			snprintf(sql, sizeof sql,
				 "SELECT action = '%s' AND json_extract(detail, '$.from') = '%s' "
				 "AND json_extract(detail, '$.to') = '%s' FROM events WHERE entity = 'content' "
				 "AND entity_id = %lld ORDER BY id DESC LIMIT 1",
				 action, fs, stage_name((enum stage)want), (long long)id);
			if (unit_int(s, sql) != 1)
				fail_msg("%s from %s: the event is not %s with from %s and to %s", mv_name[m], fs, action,
					 fs, stage_name((enum stage)want));
			checked++;
		}
	}
	assert_int_equal(checked, STAGE_COUNT * M_COUNT);
}

/* --- transitions in detail ---------------------------------------------------------- */

static void test_take_makes_the_taker_the_editor_and_back_to_inbox_clears_it(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item_in(&f->s, STAGE_INBOX, NULL);
	unit_act_as(&f->s, "ed");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	struct content c = get(&f->s, id);
	assert_string_equal(c.editor, "ed");
	assert_string_equal(c.updated_by, "ed");
	content_free(&c);
	assert_ok(content_back(&f->s, id, 0, &e), e);
	c = get(&f->s, id);
	assert_int_equal(c.stage, STAGE_INBOX);
	assert_int_equal(c.editor_id, 0);
	assert_string_equal(c.editor, "");
	content_free(&c);
}

static void test_approve_needs_a_message(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_act_as(&f->s, "ed");
	int64_t id = submit(&f->s, "No words yet");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	int v = version_of(&f->s, id);
	assert_int_equal(content_approve(&f->s, id, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no message"));
	assert_int_equal(stage_of(&f->s, id), STAGE_EDITING);
	assert_int_equal(version_of(&f->s, id), v);
	assert_int_equal(content_forward(&f->s, id, 0, &e), CH_FAILED);
	assert_int_equal(stage_of(&f->s, id), STAGE_EDITING);
}

static void test_approve_is_refused_when_a_blocking_rule_matches_every_message(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct policy_rule r = { .name = "bsn", .pattern = "\\b\\d{9}\\b", .severity = SEV_BLOCK,
				 .guidance = "Never share a citizen service number." };
	assert_ok(policy_rule_add(&f->s, &r, NULL, &e), e);
	unit_act_as(&f->s, "ed");
	int64_t id = submit(&f->s, "Numbers");
	message(&f->s, id, "My number is 123456782");
	message(&f->s, id, "Call 987654321 now");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	int v = version_of(&f->s, id);
	long long ev = count(&f->s, CONTENT_EVENTS, id);
	assert_int_equal(content_approve(&f->s, id, 0, &e), CH_FAILED);
	if (!strstr(e.msg, "Never share a citizen service number.") || !strstr(e.msg, "\"bsn\""))
		fail_msg("the refusal does not give the rule and its guidance: %s", e.msg);
	assert_int_equal(stage_of(&f->s, id), STAGE_EDITING);
	assert_int_equal(version_of(&f->s, id), v);
	assert_int_equal(count(&f->s, CONTENT_EVENTS, id), ev);
}

static void test_approve_is_refused_when_any_message_matches_a_blocking_rule(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct policy_rule r = { .name = "bsn", .pattern = "\\b\\d{9}\\b", .severity = SEV_BLOCK,
				 .guidance = "Never share a citizen service number." };
	assert_ok(policy_rule_add(&f->s, &r, NULL, &e), e);
	unit_act_as(&f->s, "ed");
	int64_t id = submit(&f->s, "Numbers");
	message(&f->s, id, "My number is 123456782");
	message(&f->s, id, "Come and see what we built");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	assert_int_equal(content_approve(&f->s, id, 0, &e), CH_FAILED);
	if (!strstr(e.msg, "citizen service number"))
		fail_msg("the refusal does not carry the rule's guidance: %s", e.msg);
	assert_int_equal(stage_of(&f->s, id), STAGE_EDITING);
}

static void test_a_blocking_rule_too_expensive_to_decide_does_not_let_a_message_through(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct policy_rule r = { .name = "runaway", .pattern = "(a+)+$", .severity = SEV_BLOCK,
				 .guidance = "x" };
	assert_ok(policy_rule_add(&f->s, &r, NULL, &e), e);
	unit_act_as(&f->s, "ed");
	int64_t id = submit(&f->s, "Expensive");
	message(&f->s, id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	assert_int_equal(content_approve(&f->s, id, 0, &e), CH_FAILED);
	if (!strstr(e.msg, "too expensive") || !strstr(e.msg, "\"runaway\""))
		fail_msg("message: %s", e.msg);
	assert_int_equal(stage_of(&f->s, id), STAGE_EDITING);
}

static void test_warning_rules_do_not_stop_approval(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct policy_rule r = { .name = "hype", .pattern = "(?i)amazing", .severity = SEV_WARN,
				 .guidance = "Show, don't tell." };
	assert_ok(policy_rule_add(&f->s, &r, NULL, &e), e);
	unit_act_as(&f->s, "ed");
	int64_t id = submit(&f->s, "Hype");
	message(&f->s, id, "Amazing news!");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	assert_ok(content_approve(&f->s, id, 0, &e), e);
	assert_int_equal(stage_of(&f->s, id), STAGE_READY);
}

static void test_reject_needs_a_reason_and_tells_the_creator_why(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_act_as(&f->s, "cre");
	int64_t id = submit(&f->s, "My story");
	unit_act_as(&f->s, "ed");
	int v = version_of(&f->s, id);
	assert_int_equal(content_reject(&f->s, id, NULL, 0, &e), CH_INVALID);
	assert_int_equal(content_reject(&f->s, id, "", 0, &e), CH_INVALID);
	assert_int_equal(content_reject(&f->s, id, "   ", 0, &e), CH_INVALID);
	assert_int_equal(stage_of(&f->s, id), STAGE_INBOX);
	assert_int_equal(version_of(&f->s, id), v);
	assert_int_equal(count(&f->s, "SELECT count(*) FROM comments WHERE content_id = %lld", id), 0);

	assert_ok(content_reject(&f->s, id, "We covered this \"last\" week", 0, &e), e);
	struct content c = get(&f->s, id);
	assert_int_equal(c.stage, STAGE_REJECTED);
	assert_non_null(c.reject_reason);
	assert_string_equal(c.reject_reason, "We covered this \"last\" week");
	content_free(&c);
	struct comment *cm = NULL;
	int n = 0;
	assert_ok(comment_list(&f->s, id, &cm, &n, &e), e);
	assert_int_equal(n, 1);
	assert_string_equal(cm[0].login, "ed");
	assert_string_equal(cm[0].body, "Rejected: We covered this \"last\" week");
	comment_list_free(cm, n);
	assert_int_equal(count(&f->s, "SELECT json_extract(detail, '$.reason') = 'We covered this \"last\" week' "
				      "FROM events WHERE entity = 'content' AND entity_id = %lld AND action = 'reject'",
			       id), 1);
}

static void test_forward_from_ready_says_a_share_moves_it(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item_in(&f->s, STAGE_READY, NULL);
	assert_int_equal(content_forward(&f->s, id, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "logs a share"));
}

static void test_moves_on_unknown_content_fail(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	assert_int_equal(content_take(&f->s, 424242, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such content"));
	assert_int_equal(content_forward(&f->s, 424242, 0, &e), CH_FAILED);
	assert_int_equal(content_edit(&f->s, 424242, "T", "B", 0, &e), CH_FAILED);
	assert_int_equal(f->s.depth, 0);
}

/* --- role rules ---------------------------------------------------------------------- */

static void test_a_creator_cannot_take_approve_reject_or_move_back(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_act_as(&f->s, "cre");
	int64_t id = submit(&f->s, "Mine");
	int64_t ready = item_in(&f->s, STAGE_READY, NULL);
	int64_t editing = item_in(&f->s, STAGE_EDITING, NULL);
	unit_act_as(&f->s, "cre");
	long long ev = unit_int(&f->s, "SELECT count(*) FROM events");
	assert_int_equal(content_take(&f->s, id, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "needs the editor role"));
	assert_int_equal(content_reject(&f->s, id, "no", 0, &e), CH_FAILED);
	assert_int_equal(content_forward(&f->s, id, 0, &e), CH_FAILED);
	assert_int_equal(content_approve(&f->s, editing, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "needs the editor role"));
	assert_int_equal(content_back(&f->s, ready, 0, &e), CH_FAILED);
	assert_int_equal(stage_of(&f->s, id), STAGE_INBOX);
	assert_int_equal(stage_of(&f->s, editing), STAGE_EDITING);
	assert_int_equal(stage_of(&f->s, ready), STAGE_READY);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events"), ev);
}

static void test_a_publisher_cannot_submit_and_an_editor_can(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_act_as(&f->s, "pub");
	int64_t id = 0;
	struct submission sub = { .title = "Hello", .body = NULL };
	assert_int_equal(content_submit(&f->s, &sub, &id, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "creator"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM content"), 0);
	unit_act_as(&f->s, "ed");
	assert_ok(content_submit(&f->s, &sub, &id, &e), e);
	assert_true(id > 0);
}

static void test_an_editor_cannot_archive_or_restore(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item_in(&f->s, STAGE_INBOX, NULL);
	int64_t gone = item_in(&f->s, STAGE_ARCHIVED, NULL);
	unit_act_as(&f->s, "ed");
	assert_int_equal(content_archive(&f->s, id, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "needs the master role"));
	assert_int_equal(content_restore(&f->s, gone, 0, &e), CH_FAILED);
	assert_int_equal(stage_of(&f->s, id), STAGE_INBOX);
	assert_int_equal(stage_of(&f->s, gone), STAGE_ARCHIVED);
}

static void test_a_creator_edits_their_own_inbox_item_until_it_is_taken(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_act_as(&f->s, "cre");
	int64_t id = submit(&f->s, "Draft");
	assert_ok(content_edit(&f->s, id, "Draft, better", "A longer body.", 0, &e), e);
	struct content c = get(&f->s, id);
	assert_string_equal(c.title, "Draft, better");
	assert_string_equal(c.body, "A longer body.");
	content_free(&c);
	assert_int_equal(count(&f->s, "SELECT count(*) FROM events WHERE entity = 'content' AND entity_id = %lld "
				      "AND action = 'edit' AND json_extract(detail, '$.old_title') = 'Draft'", id), 1);
	assert_ok(content_set_pillar(&f->s, id, "Culture", 0, &e), e);

	/* someone else's inbox item: no */
	unit_act_as(&f->s, "cre2");
	assert_int_equal(content_edit(&f->s, id, "Mine now", "x", 0, &e), CH_FAILED);
	assert_int_equal(content_set_pillar(&f->s, id, "", 0, &e), CH_FAILED);

	/* taken: no longer */
	unit_act_as(&f->s, "ed");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	unit_act_as(&f->s, "cre");
	int v = version_of(&f->s, id);
	assert_int_equal(content_edit(&f->s, id, "Again", "x", 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "editor"));
	assert_int_equal(version_of(&f->s, id), v);
	c = get(&f->s, id);
	assert_string_equal(c.title, "Draft, better");
	content_free(&c);
	/* editors edit at any stage */
	unit_act_as(&f->s, "ed");
	assert_ok(content_edit(&f->s, id, "Edited by ed", "Body.", 0, &e), e);
}

static void test_an_unchanged_edit_writes_no_event(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_act_as(&f->s, "cre");
	int64_t id = submit(&f->s, "Same");
	int v = version_of(&f->s, id);
	long long ev = unit_int(&f->s, "SELECT count(*) FROM events");
	assert_ok(content_edit(&f->s, id, "Same", "A body.", 0, &e), e);
	assert_int_equal(version_of(&f->s, id), v);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events"), ev);
	/* an edit must still be valid text */
	assert_int_equal(content_edit(&f->s, id, "", "A body.", 0, &e), CH_INVALID);
	assert_int_equal(content_edit(&f->s, id, "Bad\x01title", "A body.", 0, &e), CH_INVALID);
}

/* --- conflicts --------------------------------------------------------------------------- */

static void test_take_with_a_stale_version_is_a_conflict_naming_who(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_act_as(&f->s, "cre");
	int64_t id = submit(&f->s, "Contested");
	int seen = version_of(&f->s, id);
	store_clock_set(1767261600);
	unit_act_as(&f->s, "ed");
	assert_ok(content_edit(&f->s, id, "Contested, edited", "New body.", seen, &e), e);
	store_clock_set(0);

	unit_act_as(&f->s, "master");
	long long ev = unit_int(&f->s, "SELECT count(*) FROM events");
	err_clear(&e);
	assert_int_equal(content_take(&f->s, id, seen, &e), CH_BUSY);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_string_equal(e.by, "ed");
	assert_int_equal(e.at, 1767261600);
	assert_int_equal(e.version, seen + 1);
	assert_non_null(strstr(e.msg, "changed by ed"));
	assert_int_equal(stage_of(&f->s, id), STAGE_INBOX);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events"), ev);

	/* the other moves and the edits check it too */
	assert_int_equal(content_reject(&f->s, id, "no", seen, &e), CH_BUSY);
	assert_int_equal(content_archive(&f->s, id, seen, &e), CH_BUSY);
	assert_int_equal(content_forward(&f->s, id, seen, &e), CH_BUSY);
	assert_int_equal(content_edit(&f->s, id, "Mine", "Mine.", seen, &e), CH_BUSY);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_int_equal(content_set_pillar(&f->s, id, "Culture", seen, &e), CH_BUSY);
	/* with the current version it goes through */
	assert_ok(content_take(&f->s, id, seen + 1, &e), e);
}

/* --- pillar, campaign, media, lists ----------------------------------------------------------- */

static void test_pillar_and_campaign_are_set_by_name_and_unknown_names_refused(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item_in(&f->s, STAGE_INBOX, NULL);
	assert_ok(content_set_pillar(&f->s, id, "culture", 0, &e), e);   /* any case */
	assert_ok(content_set_campaign(&f->s, id, "Spring", 0, &e), e);
	struct content c = get(&f->s, id);
	assert_string_equal(c.pillar, "Culture");
	assert_string_equal(c.pillar_colour, "#ff8800");
	assert_string_equal(c.campaign, "Spring");
	content_free(&c);
	assert_int_equal(count(&f->s, "SELECT count(*) FROM events WHERE entity = 'content' AND entity_id = %lld "
				      "AND action IN ('pillar', 'campaign')", id), 2);

	int v = version_of(&f->s, id);
	assert_int_equal(content_set_pillar(&f->s, id, "Sports", 0, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "no such pillar: Sports"));
	assert_int_equal(content_set_campaign(&f->s, id, "Winter", 0, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "no such campaign: Winter"));
	assert_int_equal(version_of(&f->s, id), v);

	/* "" and NULL clear */
	assert_ok(content_set_pillar(&f->s, id, "", 0, &e), e);
	assert_ok(content_set_campaign(&f->s, id, NULL, 0, &e), e);
	c = get(&f->s, id);
	assert_int_equal(c.pillar_id, 0);
	assert_int_equal(c.campaign_id, 0);
	content_free(&c);
}

static void test_submit_with_pillar_and_media(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	unit_act_as(&f->s, "cre");
	const char *media[] = { "/photos/a.jpg", "/photos/b.jpg" };
	struct submission sub = { .title = "Photos", .body = "Two\nlines", .kind = "photo",
				  .pillar = "Culture", .media = media, .nmedia = 2 };
	int64_t id = 0;
	assert_ok(content_submit(&f->s, &sub, &id, &e), e);
	struct content c = get(&f->s, id);
	assert_string_equal(c.kind, "photo");
	assert_string_equal(c.pillar, "Culture");
	assert_string_equal(c.creator, "cre");
	assert_string_equal(c.body, "Two\nlines");
	assert_int_equal(c.stage, STAGE_INBOX);
	content_free(&c);
	struct media *m = NULL;
	int n = 0;
	assert_ok(content_media(&f->s, id, &m, &n, &e), e);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].path, "/photos/a.jpg");
	assert_string_equal(m[1].path, "/photos/b.jpg");
	content_media_free(m, n);

	struct submission bad = { .title = "X", .pillar = "Nope" };
	long long before = unit_int(&f->s, "SELECT count(*) FROM content");
	assert_int_equal(content_submit(&f->s, &bad, &id, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "no such pillar"));
	struct submission untitled = { .title = "  " };
	assert_int_equal(content_submit(&f->s, &untitled, &id, &e), CH_INVALID);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM content"), before);
}

static void test_list_by_stage_and_the_board(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	for (int st = 0; st < STAGE_COUNT; st++)
		item_in(&f->s, (enum stage)st, NULL);
	struct content *list = NULL;
	int n = 0;
	for (int st = 0; st < STAGE_COUNT; st++) {
		assert_ok(content_list(&f->s, st, &list, &n, &e), e);
		if (n != 1 || list[0].stage != (enum stage)st)
			fail_msg("content_list(%s) returned %d items", stage_name((enum stage)st), n);
		content_list_free(list, n);
	}
	assert_ok(content_list(&f->s, -1, &list, &n, &e), e);
	assert_int_equal(n, 4);   /* inbox, editing, ready, shared */
	for (int i = 0; i < n; i++)
		assert_true(list[i].stage <= STAGE_SHARED);
	content_list_free(list, n);
}

static void test_stage_names_round_trip(void **state)
{
	(void)state;
	for (int st = 0; st < STAGE_COUNT; st++)
		assert_int_equal(stage_parse(stage_name((enum stage)st)), st);
	assert_int_equal(stage_parse("done"), -1);
	assert_int_equal(stage_parse(NULL), -1);
	assert_string_equal(stage_name((enum stage)99), "?");
}

static void test_comments_are_added_listed_and_logged(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item_in(&f->s, STAGE_EDITING, NULL);
	unit_act_as(&f->s, "pub");
	int64_t cid = 0;
	assert_ok(comment_add(&f->s, id, "Can I share this on Friday?", &cid, &e), e);
	unit_act_as(&f->s, "ed");
	assert_ok(comment_add(&f->s, id, "Yes", NULL, &e), e);
	assert_int_equal(comment_add(&f->s, id, "", NULL, &e), CH_INVALID);
	assert_int_equal(comment_add(&f->s, 999999, "hello", NULL, &e), CH_FAILED);
	struct comment *c = NULL;
	int n = 0;
	assert_ok(comment_list(&f->s, id, &c, &n, &e), e);
	assert_int_equal(n, 2);
	assert_int_equal(c[0].id, cid);
	assert_string_equal(c[0].login, "pub");
	assert_string_equal(c[1].body, "Yes");
	comment_list_free(c, n);
	assert_int_equal(count(&f->s, "SELECT count(*) FROM events WHERE entity = 'content' AND entity_id = %lld "
				      "AND action = 'comment'", id), 2);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_every_transition_from_every_stage_is_allowed_or_refused_as_the_table_says),
		T(test_take_makes_the_taker_the_editor_and_back_to_inbox_clears_it),
		T(test_approve_needs_a_message),
		T(test_approve_is_refused_when_a_blocking_rule_matches_every_message),
		T(test_approve_is_refused_when_any_message_matches_a_blocking_rule),
		T(test_a_blocking_rule_too_expensive_to_decide_does_not_let_a_message_through),
		T(test_warning_rules_do_not_stop_approval),
		T(test_reject_needs_a_reason_and_tells_the_creator_why),
		T(test_forward_from_ready_says_a_share_moves_it),
		T(test_moves_on_unknown_content_fail),
		T(test_a_creator_cannot_take_approve_reject_or_move_back),
		T(test_a_publisher_cannot_submit_and_an_editor_can),
		T(test_an_editor_cannot_archive_or_restore),
		T(test_a_creator_edits_their_own_inbox_item_until_it_is_taken),
		T(test_an_unchanged_edit_writes_no_event),
		T(test_take_with_a_stale_version_is_a_conflict_naming_who),
		T(test_pillar_and_campaign_are_set_by_name_and_unknown_names_refused),
		T(test_submit_with_pillar_and_media),
		T(test_list_by_stage_and_the_board),
		T(test_stage_names_round_trip),
		T(test_comments_are_added_listed_and_logged),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
