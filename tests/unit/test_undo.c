/* test_undo.c — undo through the audit log: one's own last change taken back
 * by a compensating change and an "undo" event naming it; refused when
 * someone changed the item since; a bulk action undone as one; undo twice
 * walks back; shares deleted by the sharer or a master only. */
#include "unit.h"
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/strategy.h"
#include "chorus/undo.h"

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("undo");
	if (!f)
		return -1;
	struct err e = {0};
	unit_person(&f->s, "ed", ROLE_EDITOR);
	unit_person(&f->s, "ed2", ROLE_EDITOR);
	unit_person(&f->s, "pub", 0);
	unit_person(&f->s, "pub2", 0);
	struct platform pl = { .key = "x", .name = "X" };
	assert_ok(platform_add(&f->s, &pl, NULL, &e), e);
	struct pillar p = { .name = "Culture", .colour = "#ff8800" };
	assert_ok(pillar_add(&f->s, &p, NULL, &e), e);
	*state = f;
	return 0;
}

/* An item submitted by the master, with a message that passes. */
static int64_t item(struct store *s, int64_t *mid)
{
	struct err e = {0};
	int64_t id = 0, m = 0;
	unit_act_as(s, "master");
	struct submission sub = { .title = "An item", .body = "A body." };
	assert_ok(content_submit(s, &sub, &id, &e), e);
	assert_ok(message_add(s, id, "x", "Look what we made together.", NULL, &m, &e), e);
	if (mid)
		*mid = m;
	return id;
}

/* q1(s, FMT, ID): FMT has one %lld, the id. */
#define q1(s, fmt, id) unit_intf(s, fmt, (long long)(id))

/* The master's item, taken and approved: ready to share message *mid. */
static int64_t ready_item(struct store *s, int64_t *mid)
{
	struct err e = {0};
	int64_t id = item(s, mid);
	assert_ok(content_take(s, id, 0, &e), e);
	assert_ok(content_approve(s, id, 0, &e), e);
	return id;
}

/* Items a and b rejected (or taken) in one bulk action, as the Inbox's ; does. */
static void bulk(struct store *s, int reject, int64_t a, int64_t b)
{
	struct err e = {0};
	int64_t mark;
	assert_ok(store_begin(s, 1, &e), e);
	assert_ok(undo_bulk_begin(s, &mark, &e), e);
	assert_ok(reject ? content_reject(s, a, "Off-topic", 0, &e) : content_take(s, a, 0, &e), e);
	assert_ok(reject ? content_reject(s, b, "Off-topic", 0, &e) : content_take(s, b, 0, &e), e);
	assert_ok(undo_bulk_end(s, mark, &e), e);
	assert_ok(store_end(s, CH_OK, &e), e);
}

static enum stage stage_of(struct store *s, int64_t id)
{
	return (enum stage)q1(s, "SELECT CASE stage WHEN 'inbox' THEN 0 WHEN 'editing' THEN 1 WHEN 'ready' THEN 2 "
			      "WHEN 'shared' THEN 3 WHEN 'rejected' THEN 4 ELSE 5 END FROM content WHERE id = %lld", id);
}

static long long events(struct store *s)
{
	return unit_int(s, "SELECT count(*) FROM events");
}

static void test_undo_takes_back_a_move_and_names_the_event_it_undoes(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	store_clock_set(1767225600);   /* 2026-01-01 */
	int64_t id = item(&f->s, NULL);
	store_clock_set(1767225600 + 3600);
	unit_act_as(&f->s, "ed");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	long long take = unit_int(&f->s, "SELECT max(id) FROM events");
	long long v = q1(&f->s, "SELECT version FROM content WHERE id = %lld", id);
	char what[256];
	assert_ok(undo_last(&f->s, 1, what, sizeof what, &e), e);   /* a dry run writes nothing */
	assert_string_equal(what, "moved #1 to editing");
	assert_int_equal(stage_of(&f->s, id), STAGE_EDITING);
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_int_equal(stage_of(&f->s, id), STAGE_INBOX);
	assert_int_equal(q1(&f->s, "SELECT editor_id IS NULL FROM content WHERE id = %lld", id), 1);
	assert_int_equal(q1(&f->s, "SELECT version FROM content WHERE id = %lld", id), v + 1);
	/* Back in its place: the time it had entered the inbox, not now. */
	assert_int_equal(q1(&f->s, "SELECT stage_at FROM content WHERE id = %lld", id), 1767225600);
	assert_int_equal(q1(&f->s, "SELECT updated_at FROM content WHERE id = %lld", id), 1767225600 + 3600);
	assert_int_equal(q1(&f->s, "SELECT count(*) FROM events WHERE action = 'undo' AND entity = 'content' "
			    "AND json_extract(detail, '$.undoes[0]') = %lld", take), 1);
	/* Not twice: nothing of ed's is left to undo. */
	long long n = events(&f->s);
	assert_int_equal(undo_last(&f->s, 0, what, sizeof what, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "nothing to undo"));
	assert_int_equal(events(&f->s), n);
}

static void test_undo_twice_walks_back_and_restores_the_editor(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item(&f->s, NULL);
	unit_act_as(&f->s, "ed");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	assert_ok(content_set_pillar(&f->s, id, "Culture", 0, &e), e);
	assert_ok(content_back(&f->s, id, 0, &e), e);   /* editing -> inbox clears the editor */
	char what[256];
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_string_equal(what, "moved #1 to inbox");
	assert_int_equal(stage_of(&f->s, id), STAGE_EDITING);
	assert_int_equal(q1(&f->s, "SELECT editor_id = (SELECT id FROM people WHERE login = 'ed') FROM content "
			    "WHERE id = %lld", id), 1);
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_string_equal(what, "set the pillar of #1 to Culture");
	assert_int_equal(q1(&f->s, "SELECT pillar_id IS NULL FROM content WHERE id = %lld", id), 1);
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_int_equal(stage_of(&f->s, id), STAGE_INBOX);
	assert_int_equal(undo_last(&f->s, 0, what, sizeof what, &e), CH_FAILED);
}

static void test_undo_is_refused_when_someone_else_changed_the_item_since(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item(&f->s, NULL);
	unit_act_as(&f->s, "ed");
	assert_ok(content_take(&f->s, id, 0, &e), e);
	unit_act_as(&f->s, "ed2");
	assert_ok(content_set_pillar(&f->s, id, "Culture", 0, &e), e);
	unit_act_as(&f->s, "ed");
	long long n = events(&f->s);
	long long v = q1(&f->s, "SELECT version FROM content WHERE id = %lld", id);
	char what[256];
	assert_int_equal(undo_last(&f->s, 0, what, sizeof what, &e), CH_BUSY);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_string_equal(e.by, "ed2");
	assert_non_null(strstr(e.msg, "ed2 changed #1 since"));
	assert_int_equal(stage_of(&f->s, id), STAGE_EDITING);
	assert_int_equal(events(&f->s), n);
	assert_int_equal(q1(&f->s, "SELECT version FROM content WHERE id = %lld", id), v);
	/* A comment is no change; ed2 undoing theirs clears the way. */
	unit_act_as(&f->s, "ed2");
	assert_ok(comment_add(&f->s, id, "Nice one", NULL, &e), e);
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	unit_act_as(&f->s, "ed");
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_int_equal(stage_of(&f->s, id), STAGE_INBOX);
}

static void test_a_bulk_action_is_undone_as_one_unit(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t a = item(&f->s, NULL), b = item(&f->s, NULL), c = item(&f->s, NULL);
	unit_act_as(&f->s, "ed");
	assert_ok(content_take(&f->s, c, 0, &e), e);   /* the change before the bulk */
	bulk(&f->s, 1, a, b);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE action = 'bulk'"), 1);
	char what[256];
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_string_equal(what, "2 changes: rejected #2, rejected #1");
	assert_int_equal(stage_of(&f->s, a), STAGE_INBOX);
	assert_int_equal(stage_of(&f->s, b), STAGE_INBOX);
	assert_int_equal(q1(&f->s, "SELECT reject_reason IS NULL FROM content WHERE id = %lld", a), 1);
	assert_int_equal(stage_of(&f->s, c), STAGE_EDITING);
	/* The next undo takes the change before the bulk. */
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_string_equal(what, "moved #3 to editing");
	assert_int_equal(stage_of(&f->s, c), STAGE_INBOX);
}

static void test_a_bulk_action_is_refused_whole_when_one_item_changed(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t a = item(&f->s, NULL), b = item(&f->s, NULL);
	unit_act_as(&f->s, "ed");
	bulk(&f->s, 0, a, b);
	unit_act_as(&f->s, "master");
	assert_ok(content_archive(&f->s, b, 0, &e), e);
	unit_act_as(&f->s, "ed");
	char what[256];
	assert_int_equal(undo_last(&f->s, 0, what, sizeof what, &e), CH_BUSY);
	assert_int_equal(stage_of(&f->s, a), STAGE_EDITING);
	assert_int_equal(stage_of(&f->s, b), STAGE_ARCHIVED);
}

static void test_an_undone_share_is_deleted_and_the_content_is_ready_again(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t mid, id = ready_item(&f->s, &mid);
	unit_act_as(&f->s, "pub");
	int64_t sid = 0;
	assert_ok(share_log(&f->s, mid, NULL, NULL, 0, &sid, &e), e);
	assert_int_equal(stage_of(&f->s, id), STAGE_SHARED);
	char what[256];
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_non_null(strstr(what, "logged share"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM shares"), 0);
	assert_int_equal(stage_of(&f->s, id), STAGE_READY);
	/* The master's approve can be undone now: the share's move is undone too. */
	unit_act_as(&f->s, "master");
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_string_equal(what, "moved #1 to ready");
	assert_int_equal(stage_of(&f->s, id), STAGE_EDITING);
}

static void test_shares_are_deleted_by_the_sharer_or_a_master_only(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t mid, id = ready_item(&f->s, &mid);
	int64_t s1 = 0, s2 = 0;
	unit_act_as(&f->s, "pub");
	assert_ok(share_log(&f->s, mid, NULL, NULL, 0, &s1, &e), e);
	unit_act_as(&f->s, "pub2");
	assert_ok(share_log(&f->s, mid, NULL, NULL, 0, &s2, &e), e);
	long long n = events(&f->s);
	assert_int_equal(share_delete(&f->s, s1, &e), CH_FAILED);   /* not theirs */
	assert_non_null(strstr(e.msg, "only they or a social master"));
	assert_int_equal(share_delete(&f->s, 999, &e), CH_INVALID);
	assert_int_equal(events(&f->s), n);
	assert_ok(share_delete(&f->s, s2, &e), e);
	assert_int_equal(stage_of(&f->s, id), STAGE_SHARED);   /* pub's share is left */
	unit_act_as(&f->s, "master");
	assert_ok(share_delete(&f->s, s1, &e), e);
	assert_int_equal(stage_of(&f->s, id), STAGE_READY);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'share' AND action = 'delete'"), 2);
	assert_int_equal(q1(&f->s, "SELECT count(*) FROM events WHERE entity = 'content' AND entity_id = %lld "
			    "AND action = 'unshared'", id), 1);
}

static void test_an_editor_restores_a_rejected_item_to_the_inbox(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = item(&f->s, NULL);
	unit_act_as(&f->s, "ed");
	assert_ok(content_reject(&f->s, id, "Not now", 0, &e), e);
	assert_ok(content_restore(&f->s, id, 0, &e), e);
	assert_int_equal(stage_of(&f->s, id), STAGE_INBOX);
	assert_int_equal(q1(&f->s, "SELECT count(*) FROM events WHERE entity_id = %lld AND action = 'restore' "
			    "AND json_extract(detail, '$.from') = 'rejected'", id), 1);
	char what[256];
	assert_ok(undo_last(&f->s, 0, what, sizeof what, &e), e);
	assert_int_equal(stage_of(&f->s, id), STAGE_REJECTED);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_undo_takes_back_a_move_and_names_the_event_it_undoes),
		T(test_undo_twice_walks_back_and_restores_the_editor),
		T(test_undo_is_refused_when_someone_else_changed_the_item_since),
		T(test_a_bulk_action_is_undone_as_one_unit),
		T(test_a_bulk_action_is_refused_whole_when_one_item_changed),
		T(test_an_undone_share_is_deleted_and_the_content_is_ready_again),
		T(test_shares_are_deleted_by_the_sharer_or_a_master_only),
		T(test_an_editor_restores_a_rejected_item_to_the_inbox),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
