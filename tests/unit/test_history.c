/* test_history.c — the detail page's History in words: each event kind the
 * audit log's writers make (core/content.c, message.c, campaign.c), with
 * its detail as they write it, against a hand-written phrase; events without
 * a phrase of their own still read as words; and every event a content
 * item's life leaves in a real database has a phrase of its own. */
#include "unit.h"
#include "chorus/audit.h"
#include "chorus/content.h"
#include "../../src/tui/history.h"

struct row {
	const char *entity, *action, *who, *for_whom, *detail, *want;
};

static const struct row rows[] = {
	{ "content", "submit", "Anouk", NULL,
	  "{\"title\":\"Open day photos\",\"kind\":\"photo\",\"pillar\":\"Craftsmanship\",\"media\":3}",
	  "Anouk submitted \"Open day photos\" (photo, pillar Craftsmanship, 3 media files)" },
	{ "content", "submit", "Anouk", NULL, "{\"title\":\"Plain\",\"kind\":\"story\",\"media\":1}",
	  "Anouk submitted \"Plain\" (story, 1 media file)" },
	{ "content", "submit", "Anouk", NULL, "{\"title\":\"Bare\"}", "Anouk submitted \"Bare\"" },
	{ "content", "take", "Daan", NULL, "{\"from\":\"inbox\",\"to\":\"editing\"}", "Daan took it into editing" },
	{ "content", "approve", "Daan", NULL, "{\"from\":\"editing\",\"to\":\"ready\"}", "Daan approved it: moved to ready" },
	{ "content", "reject", "Daan", NULL, "{\"from\":\"inbox\",\"to\":\"rejected\",\"reason\":\"Too \\\"salesy\\\"\"}",
	  "Daan rejected it: \"Too \"salesy\"\"" },
	{ "content", "back", "Daan", NULL, "{\"from\":\"ready\",\"to\":\"editing\"}", "Daan moved it back from ready to editing" },
	{ "content", "archive", "Mia", NULL, "{\"from\":\"shared\",\"to\":\"archived\"}", "Mia archived it (it was in shared)" },
	{ "content", "restore", "Mia", NULL, "{\"from\":\"archived\",\"to\":\"inbox\"}", "Mia restored it to inbox" },
	{ "content", "shared", "Pia", NULL, "{\"from\":\"ready\",\"to\":\"shared\"}", "Pia shared it: moved to shared" },
	{ "content", "edit", "Daan", NULL, "{\"body_bytes\":201}", "Daan edited the text" },
	{ "content", "edit", "Daan", NULL, "{\"old_title\":\"Draft\",\"title\":\"Caf\\u00e9 open\",\"body_bytes\":9}",
	  "Daan changed the title from \"Draft\" to \"Café open\"" },
	{ "content", "pillar", "Daan", NULL, "{\"pillar\":\"Care & inclusion\"}", "Daan set the pillar to Care & inclusion" },
	{ "content", "pillar", "Daan", NULL, "{\"pillar\":null}", "Daan cleared the pillar" },
	{ "content", "campaign", "Daan", NULL, "{\"campaign\":\"Spring\"}", "Daan set the campaign to Spring" },
	{ "content", "campaign", "Daan", NULL, "{\"campaign\":null}", "Daan cleared the campaign" },
	{ "content", "comment", "Anouk", NULL, "{\"comment\":439}", "Anouk commented" },
	{ "content", "comment", "root", "Anouk", "{\"comment\":440}", "root (for Anouk) commented" },
	{ "message", "message", "Daan", NULL, "{\"content\":12,\"platform\":\"linkedin\"}", "Daan wrote a message for linkedin" },
	{ "message", "edit", "Daan", NULL, "{\"content\":12}", "Daan edited a message" },
	{ "message", "delete", "Daan", NULL, "{}", "Daan deleted a message" },
	{ "share", "share", "Pia", NULL, "{\"message\":3,\"content\":12,\"platform\":\"x\",\"url\":\"https://x.example/1\"}",
	  "Pia shared it on x at https://x.example/1" },
	{ "share", "figures", "Mia", NULL, "{\"clicks\":4}", "Mia recorded a share's figures" },
	/* No phrase of its own: still words, never braces and quotes. */
	{ "content", "type", "Daan", NULL, "{\"message_type\":\"Behind the scenes\",\"old\":null}",
	  "Daan: type (message type Behind the scenes, old none)" },
	{ "content", "undo", "Daan", NULL, "{\"event\":17,\"what\":{\"a\":\"}\"}}", "Daan: undo (event 17, what …)" },
	{ "person", "enrol", "", NULL, NULL, "someone: enrol" },
	/* A detail someone broke by hand: what can be read, no more. */
	{ "content", "comment", "Anouk", NULL, "{\"comment\":", "Anouk commented" },
	{ "content", "reject", "Daan", NULL, "{\"reason\":\"unterminated", "Daan rejected it" },
};

static void test_each_event_kind_has_its_phrase(void **state)
{
	(void)state;
	char out[512];
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const struct row *r = &rows[i];
		history_phrase(r->entity, r->action, r->who, r->for_whom, r->detail, out, sizeof out);
		if (strcmp(out, r->want) != 0)
			fail_msg("row %zu (%s %s): got \"%s\", want \"%s\"", i, r->entity, r->action, out, r->want);
	}
}

static void test_phrase_is_cut_on_a_character_boundary(void **state)
{
	(void)state;
	char out[24];
	history_phrase("content", "submit", "Zoë", NULL, "{\"title\":\"ééééééééééééééééé\",\"kind\":\"story\"}", out, sizeof out);
	assert_true(strlen(out) < sizeof out);
	assert_int_equal(strncmp(out, "Zoë submitted \"é", strlen("Zoë submitted \"é")), 0);
	/* Nothing said after the cut (no closing quote nor bracket). */
	assert_null(strchr(out + strlen("Zoë submitted \""), '"'));
	/* Every byte left is part of a whole character. */
	for (size_t i = 0; out[i];) {
		unsigned char c = (unsigned char)out[i];
		size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		for (size_t j = 1; j < k; j++)
			assert_int_equal((unsigned char)out[i + j] & 0xC0, 0x80);
		i += k;
	}
}

static void test_field_reads_flat_json(void **state)
{
	(void)state;
	char v[64];
	assert_int_equal(history_field("{\"a\":1,\"b\":\"x\\ny\",\"c\":null}", "b", v, sizeof v), 1);
	assert_string_equal(v, "x\ny");
	assert_int_equal(history_field("{\"a\":1,\"b\":\"x\",\"c\":null}", "c", v, sizeof v), 0);
	assert_string_equal(v, "");
	assert_int_equal(history_field("{\"a\":1}", "zz", v, sizeof v), 0);
	assert_int_equal(history_field(NULL, "a", v, sizeof v), 0);
	assert_int_equal(history_field("{\"e\":\"\\ud83d\\ude00\"}", "e", v, sizeof v), 1);
	assert_string_equal(v, "\xf0\x9f\x98\x80");
}

/* Every event a content item's life leaves, as core writes it, has a
 * phrase of its own: none falls back to "who: action (…)". */
static void test_real_history_has_no_plain_fallback(void **state)
{
	(void)state;
	struct store s;
	char path[4096];
	struct err e = {0};
	unit_db(&s, "history.db", path, sizeof path);
	struct submission sub = { .title = "Open day", .body = "We opened the doors." };
	int64_t id = 0;
	assert_int_equal(content_submit(&s, &sub, &id, &e), CH_OK);
	assert_int_equal(comment_add(&s, id, "Nice.", NULL, &e), CH_OK);
	assert_int_equal(content_take(&s, id, 0, &e), CH_OK);
	assert_int_equal(content_edit(&s, id, "Open day 2026", "We opened the doors.", 0, &e), CH_OK);
	assert_int_equal(content_edit(&s, id, "Open day 2026", "We opened the doors wide.", 0, &e), CH_OK);
	assert_int_equal(content_back(&s, id, 0, &e), CH_OK);
	assert_int_equal(content_reject(&s, id, "Not now", 0, &e), CH_OK);
	assert_int_equal(content_archive(&s, id, 0, &e), CH_OK);
	assert_int_equal(content_restore(&s, id, 0, &e), CH_OK);
	struct audit_event *ev;
	int n;
	assert_int_equal(audit_history(&s, "content", id, &ev, &n, &e), CH_OK);
	assert_int_equal(n, 9);
	static const char *const want[] = {
		"master submitted \"Open day\" (story)", "master commented", "master took it into editing",
		"master changed the title from \"Open day\" to \"Open day 2026\"", "master edited the text",
		"master moved it back from editing to inbox", "master rejected it: \"Not now\"",
		"master archived it (it was in rejected)", "master restored it to inbox",
	};
	for (int i = 0; i < n; i++) {
		char out[512];
		history_phrase("content", ev[i].action, ev[i].actor, ev[i].on_behalf, ev[i].detail, out, sizeof out);
		assert_string_equal(out, want[i]);
	}
	audit_events_free(ev, n);
	store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_event_kind_has_its_phrase),
		cmocka_unit_test(test_phrase_is_cut_on_a_character_boundary),
		cmocka_unit_test(test_field_reads_flat_json),
		cmocka_unit_test(test_real_history_has_no_plain_fallback),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return rc;
}
