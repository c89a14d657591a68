/* test_request.c — content requests: who may ask, whom a request reaches
 * (directly, through a team, through a focus group), the status moves, the
 * content that answers one, and the creator's own view (Mine). */
#include "unit.h"
#include "chorus/content.h"
#include "chorus/focus_group.h"
#include "chorus/request.h"

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("request");
	if (!f)
		return -1;
	*state = f;
	struct err e = {0};
	struct store *s = &f->s;
	store_clock_set(store_parse_time("2026-11-02T09:00"));
	/* ed: editor in Comms; cre: creator in Sales, in the focus group
	 * Photo; sal: creator in Sales; out: creator in no team or group. */
	struct person_change ed = { .name = "Ed", .team = "Comms", .roles = ROLE_EDITOR, .active = -1 };
	struct person_change cre = { .name = "Cre", .team = "Sales", .roles = ROLE_CREATOR, .active = -1 };
	struct person_change sal = { .name = "Sal", .team = "Sales", .roles = ROLE_CREATOR, .active = -1 };
	struct person_change out = { .name = "Out", .roles = ROLE_CREATOR, .active = -1 };
	assert_ok(people_add(s, "ed", &ed, NULL, &e), e);
	assert_ok(people_add(s, "cre", &cre, NULL, &e), e);
	assert_ok(people_add(s, "sal", &sal, NULL, &e), e);
	assert_ok(people_add(s, "out", &out, NULL, &e), e);
	assert_ok(focus_group_add(s, "Photo", "photographers", NULL, &e), e);
	assert_ok(focus_group_member(s, "Photo", "cre", 1, &e), e);
	return 0;
}

static int64_t ask(struct store *s, const char *to, const char *due, const char *brief)
{
	struct err e = {0};
	int64_t id = 0;
	assert_ok(request_add(s, to, due, brief, &id, &e), e);
	assert_true(id > 0);
	return id;
}

/* The ids of the open requests asked of the acting person, as "1,3". */
static void mine_ids(struct store *s, char *out, size_t n)
{
	struct err e = {0};
	struct content_request *r;
	int nr;
	assert_ok(request_list(s, REQUEST_LIST_OPEN | REQUEST_LIST_MINE, &r, &nr, &e), e);
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; i < nr && o < n; i++)
		o += (size_t)snprintf(out + o, n - o, "%s%lld", i ? "," : "", (long long)r[i].id);
	free(r);
}

static void test_editors_and_masters_ask_creators_and_publishers_may_not(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	ask(&f->s, "cre", "2026-11-20", "Photos of the open day");   /* the master */
	unit_act_as(&f->s, "ed");
	int64_t id = ask(&f->s, "team:Sales", "2026-11-02", "A customer story (due today)");
	assert_int_equal(id, 2);
	unit_act_as(&f->s, "cre");
	assert_int_equal(request_add(&f->s, "sal", "2026-11-20", "x", NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "needs the editor role"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM requests"), 2);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'request' AND action = 'ask'"), 2);
}

static void test_bad_input_names_the_field(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	static const struct { const char *to, *due, *brief, *says; int st; } bad[] = {
		{ "nobody", "2026-11-20", "x", "to: no such person: nobody", CH_INVALID },
		{ "team:Nope", "2026-11-20", "x", "to: no such team: Nope", CH_INVALID },
		{ "group:Nope", "2026-11-20", "x", "to: no such focus group: Nope", CH_INVALID },
		{ "cre", "2026-11-31", "x", "due: '2026-11-31' is not a day", CH_INVALID },
		{ "cre", "20-11-2026", "x", "due: '20-11-2026' is not a day", CH_INVALID },
		{ "cre", "2026-11-01", "x", "due: 2026-11-01 is in the past", CH_INVALID },
		{ "cre", "2026-11-20", "", "brief", CH_INVALID },
		{ "cre", "2026-11-20", "two\nlines", "brief", CH_INVALID },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		int st = request_add(&f->s, bad[i].to, bad[i].due, bad[i].brief, NULL, &e);
		if (st != bad[i].st || !strstr(e.msg, bad[i].says))
			fail_msg("%s %s %s: status %d, '%s'", bad[i].to, bad[i].due, bad[i].brief, st, e.msg);
	}
	/* An inactive person is not asked. */
	struct person_change off = { .active = 0, .roles = -1 };
	assert_ok(people_set(&f->s, "out", &off, 0, &e), e);
	assert_int_equal(request_add(&f->s, "out", "2026-11-20", "x", NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "out is not active"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM requests"), 0);
}

static void test_a_request_reaches_a_person_their_team_and_their_focus_groups(void **state)
{
	struct unit_fx *f = *state;
	char ids[64];
	ask(&f->s, "cre", "2026-11-20", "to cre");           /* 1 */
	ask(&f->s, "team:Sales", "2026-11-10", "to Sales");  /* 2: cre and sal */
	ask(&f->s, "group:photo", "2026-11-15", "to Photo"); /* 3: cre (the name ignores case) */
	ask(&f->s, "sal", "2026-11-05", "to sal");           /* 4 */
	ask(&f->s, "team:Comms", "2026-11-05", "to Comms");  /* 5: ed */
	unit_act_as(&f->s, "cre");
	mine_ids(&f->s, ids, sizeof ids);
	assert_string_equal(ids, "2,3,1");                   /* by due day */
	unit_act_as(&f->s, "sal");
	mine_ids(&f->s, ids, sizeof ids);
	assert_string_equal(ids, "4,2");
	unit_act_as(&f->s, "out");
	mine_ids(&f->s, ids, sizeof ids);
	assert_string_equal(ids, "");
	/* Joining the group brings its requests. */
	unit_act_as(&f->s, "master");
	struct err e = {0};
	assert_ok(focus_group_member(&f->s, "Photo", "out", 1, &e), e);
	unit_act_as(&f->s, "out");
	mine_ids(&f->s, ids, sizeof ids);
	assert_string_equal(ids, "3");
	/* Everyone sees the whole list, with the target spelt out. */
	struct content_request *r;
	int n;
	assert_ok(request_list(&f->s, 0, &r, &n, &e), e);
	assert_int_equal(n, 5);
	char to[96];
	request_target_str(&r[1], to, sizeof to);       /* the second by due day: 5, to Comms */
	assert_string_equal(to, "team:Comms");
	request_target_str(&r[3], to, sizeof to);
	assert_string_equal(to, "group:Photo");
	assert_string_equal(r[3].asker, "master");
	assert_string_equal(r[3].due, "2026-11-15");
	free(r);
}

static void test_status_moves_only_from_open(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t a = ask(&f->s, "cre", "2026-11-20", "one"), b = ask(&f->s, "cre", "2026-11-20", "two");
	store_clock_set(store_parse_time("2026-11-03T10:00"));
	assert_ok(request_done(&f->s, a, &e), e);
	assert_int_equal(request_done(&f->s, a, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "is done already"));
	assert_int_equal(request_cancel(&f->s, a, &e), CH_FAILED);
	unit_act_as(&f->s, "ed");
	assert_ok(request_cancel(&f->s, b, &e), e);
	assert_int_equal(request_done(&f->s, b, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "is cancelled already"));
	assert_int_equal(request_done(&f->s, 99, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such request: 99"));
	unit_act_as(&f->s, "cre");
	int64_t c;
	unit_act_as(&f->s, "master");
	c = ask(&f->s, "cre", "2026-11-20", "three");
	unit_act_as(&f->s, "cre");
	assert_int_equal(request_cancel(&f->s, c, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "needs the editor role"));
	assert_int_equal(unit_int(&f->s, "SELECT closed_at FROM requests WHERE id = 1"),
			 store_parse_time("2026-11-03T10:00"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM requests WHERE status = 'open'"), 1);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'request' "
				      "AND action IN ('done', 'cancel')"), 2);
	struct content_request *r;
	int n;
	assert_ok(request_list(&f->s, REQUEST_LIST_OPEN, &r, &n, &e), e);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].id, c);
	free(r);
}

static void test_content_answers_an_open_request_asked_of_its_creator(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t photo = ask(&f->s, "group:Photo", "2026-11-20", "Photos");
	int64_t comms = ask(&f->s, "team:Comms", "2026-11-20", "For Comms");
	struct submission sub = { .title = "Open day pictures", .body = "Here." };
	unit_act_as(&f->s, "cre");
	int64_t cid = 0;
	assert_ok(request_submit(&f->s, photo, &sub, &cid, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT request_id FROM request_content WHERE content_id = 1"), photo);
	assert_int_equal(cid, 1);
	/* Not asked of cre: refused, and nothing was submitted. */
	assert_int_equal(request_submit(&f->s, comms, &sub, NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "asked of team:Comms, not of cre"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM content"), 1);
	/* An editor may answer any open request; a closed one takes nothing. */
	unit_act_as(&f->s, "ed");
	assert_ok(request_submit(&f->s, photo, &sub, NULL, &e), e);
	assert_ok(request_done(&f->s, photo, &e), e);
	assert_int_equal(request_submit(&f->s, photo, &sub, NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "is done: content can answer only an open request"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM content"), 2);
	struct content_request *r;
	int n;
	assert_ok(request_list(&f->s, 0, &r, &n, &e), e);
	assert_int_equal(r[1].id, photo);
	assert_int_equal(r[1].ncontent, 2);
	free(r);
}

static void test_mine_shows_stage_reason_comments_shares_and_request(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t rq = ask(&f->s, "cre", "2026-11-20", "Photos");
	unit_act_as(&f->s, "cre");
	struct submission one = { .title = "First" }, two = { .title = "Second" };
	int64_t a = 0, b = 0;
	assert_ok(content_submit(&f->s, &one, &a, &e), e);
	store_clock_set(store_parse_time("2026-11-02T10:00"));
	assert_ok(request_submit(&f->s, rq, &two, &b, &e), e);
	unit_act_as(&f->s, "ed");
	assert_ok(content_reject(&f->s, a, "Too blurry", 0, &e), e);
	assert_ok(comment_add(&f->s, b, "Nice one", NULL, &e), e);
	unit_act_as(&f->s, "sal");
	struct submission other = { .title = "Not cre's" };
	assert_ok(content_submit(&f->s, &other, NULL, &e), e);
	unit_act_as(&f->s, "cre");
	struct mine_item *m;
	int n;
	assert_ok(mine_submissions(&f->s, &m, &n, &e), e);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].id, b);                 /* newest first */
	assert_int_equal(m[0].stage, STAGE_INBOX);
	assert_int_equal(m[0].request_id, rq);
	assert_int_equal(m[0].comments, 1);
	assert_string_equal(m[0].last_by, "ed");
	assert_string_equal(m[0].last_comment, "Nice one");
	assert_null(m[0].reject_reason);
	assert_int_equal(m[1].id, a);
	assert_int_equal(m[1].stage, STAGE_REJECTED);
	assert_string_equal(m[1].reject_reason, "Too blurry");
	assert_int_equal(m[1].request_id, 0);
	assert_int_equal(m[1].shares, 0);
	mine_free(m, n);
}

static void test_targets_for_completion(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	char **v;
	int n;
	assert_ok(request_targets(&f->s, &v, &n, &e), e);
	assert_int_equal(n, 5 + 2 + 1);    /* five people, two teams, one group */
	assert_string_equal(v[0], "cre");
	assert_string_equal(v[5], "team:Comms");
	assert_string_equal(v[6], "team:Sales");
	assert_string_equal(v[7], "group:Photo");
	request_targets_free(v, n);
	/* An archived group is offered no more, and asked nothing. */
	assert_ok(focus_group_archive(&f->s, "Photo", 1, &e), e);
	assert_ok(request_targets(&f->s, &v, &n, &e), e);
	assert_int_equal(n, 5 + 2);
	request_targets_free(v, n);
	assert_int_equal(request_add(&f->s, "group:Photo", "2026-11-20", "x", NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "the focus group Photo is archived"));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_editors_and_masters_ask_creators_and_publishers_may_not),
		T(test_bad_input_names_the_field),
		T(test_a_request_reaches_a_person_their_team_and_their_focus_groups),
		T(test_status_moves_only_from_open),
		T(test_content_answers_an_open_request_asked_of_its_creator),
		T(test_mine_shows_stage_reason_comments_shares_and_request),
		T(test_targets_for_completion),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
