/* test_panel_kit.c — the panel kit without a terminal: the list every panel
 * moves through (cursor, pages, clamping, "N-M of T"), the generic requests'
 * dispatch to the visible panel, and the key tables: every panel answers the
 * generic requests on the same keys (r, Space, b...). */
#include "unit.h"
#include <curses.h>
#include "../../src/tui/kit.h"
#include "../../src/tui/tui.h"
#include "../../src/tui/ui.h"

static void test_list_moves_and_clamps_at_both_ends(void **state)
{
	(void)state;
	struct ui_list l = { .n = 5, .rows = 3 };
	ui_list_request(&l, REQ_UP);
	assert_int_equal(l.sel, 0);
	for (int i = 0; i < 10; i++)
		ui_list_request(&l, REQ_DOWN);
	assert_int_equal(l.sel, 4);
	assert_int_equal(l.top, 2);          /* the cursor stays on screen */
	ui_list_request(&l, REQ_TOP);
	assert_int_equal(l.sel, 0);
	assert_int_equal(l.top, 0);
	ui_list_request(&l, REQ_BOTTOM);
	assert_int_equal(l.sel, 4);
	assert_int_equal(ui_list_request(&l, REQ_RELOAD), 0);   /* not a movement */
}

static void test_list_pages_by_the_rows_shown(void **state)
{
	(void)state;
	struct ui_list l = { .n = 100, .rows = 17 };
	ui_list_request(&l, REQ_PAGE_DOWN);
	assert_int_equal(l.sel, 17);
	ui_list_request(&l, REQ_PAGE_DOWN);
	assert_int_equal(l.sel, 34);
	ui_list_request(&l, REQ_PAGE_UP);
	assert_int_equal(l.sel, 17);
	/* A text view keeps one line of the last page, as less does. */
	struct ui_list v = { .n = 100, .rows = 20, .scroll = 1 };
	ui_list_request(&v, REQ_PAGE_DOWN);
	assert_int_equal(v.top, 19);
	ui_list_request(&v, REQ_BOTTOM);
	assert_int_equal(v.top, 80);
	ui_list_move(&v, 5);
	assert_int_equal(v.top, 80);
}

static void test_list_position_line_and_rows_under_the_mouse(void **state)
{
	(void)state;
	char pos[32];
	struct ui_list l = { .n = 23, .rows = 17 };
	assert_string_equal(ui_list_pos(&l, pos, sizeof pos), "1-17 of 23");
	ui_list_move(&l, 20);
	assert_string_equal(ui_list_pos(&l, pos, sizeof pos), "5-21 of 23");
	assert_int_equal(ui_list_at(&l, 0), 4);
	assert_int_equal(ui_list_at(&l, 16), 20);
	assert_int_equal(ui_list_at(&l, 17), -1);
	struct ui_list few = { .n = 2, .rows = 17 };
	assert_string_equal(ui_list_pos(&few, pos, sizeof pos), "1-2 of 2");
	assert_int_equal(ui_list_at(&few, 2), -1);
	struct ui_list none = { .rows = 17 };
	assert_string_equal(ui_list_pos(&none, pos, sizeof pos), "0 of 0");
	/* A list that shrank under the cursor (a reload) takes it back in. */
	l.n = 3;
	ui_list_clamp(&l);
	assert_int_equal(l.sel, 2);
	assert_int_equal(l.top, 0);
}

/* The Inbox's and the Queue's split: room rows for the list and its preview. */
static void test_split_gives_each_what_it_needs(void **state)
{
	(void)state;
	/* Both fit: the list has exactly its items, the preview the rest. */
	assert_int_equal(ui_split(37, 24, 8), 24);
	/* A short list keeps its minimum; a short preview its minimum too. */
	assert_int_equal(ui_split(19, 1, 40), UI_SPLIT_LIST_MIN);
	assert_int_equal(ui_split(37, 400, 1), 37 - UI_SPLIT_PREVIEW_MIN);
	/* A long list beside a long text: the text what it needs ... */
	assert_int_equal(ui_split(37, 400, 20), 17);
	/* ... but the list never less than a third of the room. */
	assert_int_equal(ui_split(18, 103, 15), 6);
	assert_int_equal(ui_split(57, 400, 100), 19);
	/* A list of five beside a long text keeps its five rows, no more. */
	assert_int_equal(ui_split(57, 5, 100), 5);
	assert_int_equal(ui_split(4, 50, 50), UI_SPLIT_LIST_MIN);
}

static void test_request_names_come_from_the_one_list(void **state)
{
	(void)state;
	assert_string_equal(ui_req_name(REQ_PAGE_DOWN), "page-down");
	assert_string_equal(ui_req_name(REQ_RELOAD), "reload");
	assert_string_equal(ui_req_name(REQ_NONE), "");
	assert_string_equal(ui_req_name(REQ_COUNT), "");
}

/* Every panel has every generic request, on the same keys. */
static void test_every_panel_answers_the_generic_keys_alike(void **state)
{
	(void)state;
	static const struct { int key; const char *action; } same[] = {
		{ 'j', "down" }, { KEY_DOWN, "down" }, { 'k', "up" }, { 'g', "top" }, { 'G', "bottom" },
		{ KEY_NPAGE, "page-down" }, { ' ', "page-down" }, { KEY_PPAGE, "page-up" }, { 'b', "page-up" },
		{ 'r', "reload" },
	};
	tui_keys_reset();
	int n = 0;
	for (const struct panel_ops *const *p = ui_panels; *p; p++, n++)
		for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
			const struct keydef *k = ui_key_find((*p)->keys, same[i].key);
			if (!k || !k->action || strcmp(k->action, same[i].action) != 0)
				fail_msg("panel %s: key %d is %s, not %s", (*p)->name, same[i].key,
					 k && k->action ? k->action : "nothing", same[i].action);
		}
	assert_int_equal(n, 12);   /* the eight tabs, the detail, the Rejected/Archived view, the focus groups and the messages view */
}

static void test_chorus_keys_walks_the_registry(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	tui_keys_print(f);
	fclose(f);
	for (const struct panel_ops *const *p = ui_panels; *p; p++) {
		char want[64];
		snprintf(want, sizeof want, "\n%-10s r", (*p)->name);
		if (!strstr(buf, want))
			fail_msg("chorus keys lacks %s's r:\n%s", (*p)->name, buf);
	}
	assert_non_null(strstr(buf, "people     R            roles"));
	assert_non_null(strstr(buf, "strategy   o            toggle"));
	free(buf);
}

/* --- dispatch: a panel of one list, without a terminal ------------------ */

static struct ui_list fake_rows = { .n = 10, .rows = 4 };
static int fake_requeried, fake_asked;

static struct ui_list *fake_list(struct app *a, void *st)
{
	(void)a;
	(void)st;
	return &fake_rows;
}

static void fake_requery(struct app *a, void *st)
{
	(void)a;
	(void)st;
	fake_requeried++;
}

static int fake_request(struct app *a, void *st, enum ui_req r)
{
	(void)a;
	(void)st;
	fake_asked++;
	return r == REQ_BOTTOM;   /* the panel answers this one itself */
}

static const struct keydef fake_keys[] = {
	UI_REQ_KEYS
	{ 0, 0, NULL, NULL, NULL, NULL },
};

static const struct panel_ops fake_panel = {
	.name = "fake", .title = "Fake", .requery = fake_requery, .list = fake_list,
	.request = fake_request, .keys = fake_keys,
};

static void test_requests_reach_the_visible_panel(void **state)
{
	(void)state;
	struct app a;
	memset(&a, 0, sizeof a);
	a.cur = &fake_panel;
	fake_rows.sel = fake_rows.top = 0;
	fake_requeried = fake_asked = 0;
	/* The key tables run the request: j moves the list, no store needed. */
	ui_key_find(fake_keys, 'j')->run(&a);
	ui_key_find(fake_keys, ' ')->run(&a);
	assert_int_equal(fake_rows.sel, 5);
	assert_int_equal(fake_requeried, 0);
	/* The panel may answer a request itself: then the list stays. */
	app_request(&a, REQ_BOTTOM);
	assert_int_equal(fake_rows.sel, 5);
	/* r re-queries the panel in view, and says so. */
	ui_key_find(fake_keys, 'r')->run(&a);
	assert_int_equal(fake_requeried, 1);
	assert_string_equal(a.status, "reloaded from the database");
	assert_int_equal(fake_asked, 4);
}

/* --- search: / n N over any list, the panel only says what matches ----- */

static int calls;

/* Lines 2 and 7 of ten match; -1 stands for a bad pattern. */
static int match_2_7(void *ctx, int i)
{
	calls++;
	if (ctx)
		return -1;
	return i == 2 || i == 7;
}

static void test_search_finds_matches_round_the_end(void **state)
{
	(void)state;
	struct ui_list l = { .n = 10, .rows = 4 };
	/* / starts at the cursor's own line, then onwards. */
	assert_int_equal(ui_list_find(&l, 1, 1, match_2_7, NULL), 1);
	assert_int_equal(l.sel, 2);
	assert_int_equal(ui_list_find(&l, 1, 1, match_2_7, NULL), 1);
	assert_int_equal(l.sel, 2);
	/* n: the next one, round the end; the view follows the cursor. */
	assert_int_equal(ui_list_find(&l, 1, 0, match_2_7, NULL), 1);
	assert_int_equal(l.sel, 7);
	assert_true(l.top <= 7 && 7 < l.top + l.rows);
	assert_int_equal(ui_list_find(&l, 1, 0, match_2_7, NULL), 1);
	assert_int_equal(l.sel, 2);
	/* N: the previous one, round the start. */
	assert_int_equal(ui_list_find(&l, -1, 0, match_2_7, NULL), 1);
	assert_int_equal(l.sel, 7);
	assert_int_equal(ui_list_find(&l, -1, 0, match_2_7, NULL), 1);
	assert_int_equal(l.sel, 2);
	/* Each line is asked once at most; an error stops at once. */
	calls = 0;
	l.sel = 3;
	assert_int_equal(ui_list_find(&l, 1, 0, match_2_7, &calls), -1);
	assert_int_equal(calls, 1);
	assert_int_equal(l.sel, 3);
}

static int match_none(void *ctx, int i)
{
	(void)ctx;
	(void)i;
	calls++;
	return 0;
}

static int match_5(void *ctx, int i)
{
	(void)ctx;
	return i == 5;
}

static void test_search_without_a_match_keeps_the_cursor(void **state)
{
	(void)state;
	struct ui_list l = { .n = 10, .rows = 4, .sel = 4, .top = 3 };
	calls = 0;
	assert_int_equal(ui_list_find(&l, 1, 0, match_none, NULL), 0);
	assert_int_equal(calls, 10);
	assert_int_equal(l.sel, 4);
	assert_int_equal(l.top, 3);
	struct ui_list empty = { .n = 0, .rows = 4 };
	assert_int_equal(ui_list_find(&empty, 1, 1, match_none, NULL), 0);
	/* The only match is the cursor's line: n stays there. */
	l.sel = 5;
	assert_int_equal(ui_list_find(&l, 1, 0, match_5, NULL), 1);
	assert_int_equal(l.sel, 5);
	/* A text view scrolls to the line found. */
	struct ui_list view = { .n = 20, .rows = 5, .scroll = 1 };
	assert_int_equal(ui_list_find(&view, 1, 0, match_5, NULL), 1);
	assert_int_equal(view.top, 5);
}

/* The search keys are generic requests: the names come from the same list. */
static void test_search_requests_have_their_names(void **state)
{
	(void)state;
	assert_string_equal(ui_req_name(REQ_SEARCH), "search");
	assert_string_equal(ui_req_name(REQ_NEXT_MATCH), "next-match");
	assert_string_equal(ui_req_name(REQ_PREV_MATCH), "prev-match");
	/* Every panel that can match has /, n and N on the same keys. */
	tui_keys_reset();
	for (const struct panel_ops *const *p = ui_panels; *p; p++) {
		if (!(*p)->match)
			continue;
		assert_string_equal(ui_key_find((*p)->keys, '/')->action, "search");
		assert_string_equal(ui_key_find((*p)->keys, 'n')->action, "next-match");
		assert_string_equal(ui_key_find((*p)->keys, 'N')->action, "prev-match");
	}
}

/* Panels are instances: each app has its own state for each panel, zeroed
 * and sized by the panel, freed through its close. */
static void test_each_app_has_its_own_panel_state(void **state)
{
	(void)state;
	struct app a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	for (const struct panel_ops *const *p = ui_panels; *p; p++) {
		void *sa = app_state(&a, *p), *sb = app_state(&b, *p);
		assert_non_null(sa);
		assert_non_null(sb);
		assert_ptr_not_equal(sa, sb);
		assert_ptr_equal(app_state(&a, *p), sa);   /* the same one every time */
		assert_true((*p)->size > 0);
	}
	app_panels_free(&a);
	app_panels_free(&b);
	for (int i = 0; i < UI_PANELS_MAX; i++)
		assert_null(a.state[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_moves_and_clamps_at_both_ends),
		cmocka_unit_test(test_list_pages_by_the_rows_shown),
		cmocka_unit_test(test_list_position_line_and_rows_under_the_mouse),
		cmocka_unit_test(test_split_gives_each_what_it_needs),
		cmocka_unit_test(test_request_names_come_from_the_one_list),
		cmocka_unit_test(test_every_panel_answers_the_generic_keys_alike),
		cmocka_unit_test(test_chorus_keys_walks_the_registry),
		cmocka_unit_test(test_requests_reach_the_visible_panel),
		cmocka_unit_test(test_each_app_has_its_own_panel_state),
		cmocka_unit_test(test_search_finds_matches_round_the_end),
		cmocka_unit_test(test_search_without_a_match_keeps_the_cursor),
		cmocka_unit_test(test_search_requests_have_their_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
