/* test_board.c — what the inbox reads besides its window: board_scan walks a
 * whole stage in the column's order, showing each card with its body and
 * keeping only those asked for (without bodies), and board_body reads the
 * body of the one item previewed. */
#include "unit.h"
#include "chorus/board.h"

/* Six inbox items entered out of id order (stage_at decides), one in
 * editing; bodies "needle" in items 2 and 5. */
static void fill(struct store *s)
{
	struct err e = {0};
	assert_ok(store_begin(s, 1, &e), e);
	assert_ok(store_exec(s,
		"INSERT INTO content(id, title, body, creator_id, stage, created_at, stage_at, updated_at) VALUES"
		" (1, 'One', 'plain', 1, 'inbox', 0, 300, 0),"
		" (2, 'Two', 'a needle here', 1, 'inbox', 0, 100, 0),"
		" (3, 'Three', 'plain', 1, 'inbox', 0, 200, 0),"
		" (4, 'Four', 'needle but editing', 1, 'editing', 0, 50, 0),"
		" (5, 'Five', 'Needle', 1, 'inbox', 0, 200, 0),"
		" (6, 'Six', '', 1, 'inbox', 0, 400, 0)", &e), e);
	assert_ok(store_end(s, CH_OK, &e), e);
}

struct seen { char order[64]; int bodies; };

static int keep_needles(void *ctx, const struct card *c)
{
	struct seen *v = ctx;
	size_t n = strlen(v->order);
	snprintf(v->order + n, sizeof v->order - n, "%lld ", (long long)c->id);
	v->bodies += c->body != NULL;
	return c->body && strstr(c->body, "eedle") != NULL;
}

static void test_scan_sees_every_card_in_order_and_keeps_some(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATH_MAX];
	unit_db(&s, "scan.db", path, sizeof path);
	fill(&s);
	struct seen v = { "", 0 };
	struct card_list l;
	assert_ok(board_scan(&s, STAGE_INBOX, 1, keep_needles, &v, &l, &e), e);
	/* Oldest first, ties by id; the editing item is not in the walk. */
	assert_string_equal(v.order, "2 3 5 1 6 ");
	assert_int_equal(v.bodies, 5);
	assert_int_equal(l.total, 5);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.first, 0);
	assert_int_equal(l.v[0].id, 2);
	assert_int_equal(l.v[1].id, 5);
	assert_string_equal(l.v[1].title, "Five");
	assert_null(l.v[0].body);
	assert_null(l.v[1].body);
	board_free(&l);

	/* Without bodies the callback sees none (and so keeps none here). */
	struct seen w = { "", 0 };
	assert_ok(board_scan(&s, STAGE_INBOX, 0, keep_needles, &w, &l, &e), e);
	assert_string_equal(w.order, "2 3 5 1 6 ");
	assert_int_equal(w.bodies, 0);
	assert_int_equal(l.n, 0);
	board_free(&l);
	store_close(&s);
}

static void test_body_of_one_item(void **state)
{
	(void)state;
	struct store s;
	struct err e = {0};
	char path[PATH_MAX], *body = NULL;
	unit_db(&s, "body.db", path, sizeof path);
	fill(&s);
	assert_ok(board_body(&s, 2, &body, &e), e);
	assert_string_equal(body, "a needle here");
	free(body);
	assert_ok(board_body(&s, 6, &body, &e), e);
	assert_string_equal(body, "");
	free(body);
	assert_int_equal(board_body(&s, 99, &body, &e), CH_FAILED);
	assert_null(body);
	assert_string_equal(e.msg, "no content 99");
	store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_sees_every_card_in_order_and_keeps_some),
		cmocka_unit_test(test_body_of_one_item),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return r;
}
