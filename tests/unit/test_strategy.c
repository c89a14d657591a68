/* test_strategy.c — goals, audiences, pillars, platforms, message types and
 * policy rules: add, update, delete, reorder; duplicates, things still in use,
 * invalid patterns, masters only, stale versions, and loading it all back. */
#include "unit.h"
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/strategy.h"

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("strategy");
	if (!f)
		return -1;
	unit_person(&f->s, "boss", ROLE_MASTER);
	unit_person(&f->s, "ed", ROLE_EDITOR | ROLE_CREATOR);
	*state = f;
	return 0;
}

static int64_t add_platform(struct store *s, const char *key, const char *name)
{
	struct err e = {0};
	int64_t id = 0;
	struct platform p = { .key = (char *)key, .name = (char *)name };
	if (platform_add(s, &p, &id, &e) != CH_OK)
		fail_msg("platform_add %s: %s", key, e.msg);
	return id;
}

static int64_t add_pillar(struct store *s, const char *name)
{
	struct err e = {0};
	int64_t id = 0;
	struct pillar p = { .name = (char *)name };
	if (pillar_add(s, &p, &id, &e) != CH_OK)
		fail_msg("pillar_add %s: %s", name, e.msg);
	return id;
}

static int64_t add_audience(struct store *s, const char *name, char **platforms, int n)
{
	struct err e = {0};
	int64_t id = 0;
	struct audience a = { .name = (char *)name, .platforms = platforms, .nplatforms = n };
	if (audience_add(s, &a, &id, &e) != CH_OK)
		fail_msg("audience_add %s: %s", name, e.msg);
	return id;
}

static long long events_of(struct store *s, const char *entity, const char *action)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE entity = '%s' AND action = '%s'", entity, action);
	return unit_int(s, sql);
}

/* --- add, update, load ------------------------------------------------------------------ */

static void test_goals_and_audiences_are_stored_with_their_links(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add_platform(&f->s, "linkedin", "LinkedIn");
	add_platform(&f->s, "bsky", "Bluesky");
	char *plats[] = { "bsky", "linkedin" };
	add_audience(&f->s, "Students", plats, 2);
	add_audience(&f->s, "Parents", NULL, 0);
	char *auds[] = { "Parents", "Students" };
	struct goal g = { .title = "More applications", .description = "For the autumn intake",
			  .kpi_metric = "clicks", .kpi_target = 1500, .kpi_period = "2026-Q4",
			  .audiences = auds, .naudiences = 2 };
	int64_t gid = 0;
	assert_ok(goal_add(&f->s, &g, &gid, &e), e);
	assert_true(gid > 0);

	struct strategy st;
	assert_ok(strategy_load(&f->s, &st, &e), e);
	assert_int_equal(st.ngoals, 1);
	assert_string_equal(st.goals[0].title, "More applications");
	assert_string_equal(st.goals[0].description, "For the autumn intake");
	assert_string_equal(st.goals[0].kpi_metric, "clicks");
	assert_true(st.goals[0].kpi_target == 1500);
	assert_string_equal(st.goals[0].kpi_period, "2026-Q4");
	assert_int_equal(st.goals[0].naudiences, 2);
	assert_string_equal(st.goals[0].audiences[0], "Parents");   /* in the order given */
	assert_string_equal(st.goals[0].audiences[1], "Students");
	assert_int_equal(st.naudiences, 2);
	assert_string_equal(st.audiences[0].name, "Students");
	assert_int_equal(st.audiences[0].nplatforms, 2);
	assert_string_equal(st.audiences[0].platforms[0], "bsky");
	assert_string_equal(st.audiences[0].platforms[1], "linkedin");
	assert_int_equal(st.audiences[1].nplatforms, 0);
	int v = st.goals[0].version;
	strategy_free(&st);

	/* update: fields and links replaced, version bumped */
	char *one[] = { "Students" };
	struct goal g2 = { .id = gid, .version = v, .title = "Many more applications", .kpi_metric = "shares",
			   .kpi_target = 2000, .audiences = one, .naudiences = 1 };
	assert_ok(goal_update(&f->s, &g2, &e), e);
	assert_ok(strategy_load(&f->s, &st, &e), e);
	assert_string_equal(st.goals[0].title, "Many more applications");
	assert_string_equal(st.goals[0].description, "");
	assert_int_equal(st.goals[0].naudiences, 1);
	assert_string_equal(st.goals[0].audiences[0], "Students");
	assert_int_equal(st.goals[0].version, v + 1);
	strategy_free(&st);
	assert_int_equal(events_of(&f->s, "goal", "add"), 1);
	assert_int_equal(events_of(&f->s, "goal", "set"), 1);
}

static void test_links_to_unknown_or_repeated_names_are_refused_and_nothing_is_saved(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add_platform(&f->s, "linkedin", "LinkedIn");
	char *bad_plat[] = { "myspace" };
	struct audience a = { .name = "Students", .platforms = bad_plat, .nplatforms = 1 };
	assert_int_equal(audience_add(&f->s, &a, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "no such platform: myspace"));
	char *twice[] = { "linkedin", "linkedin" };
	struct audience a2 = { .name = "Students", .platforms = twice, .nplatforms = 2 };
	assert_int_equal(audience_add(&f->s, &a2, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "listed twice"));
	char *ghost[] = { "Ghosts" };
	struct goal g = { .title = "Haunt", .audiences = ghost, .naudiences = 1 };
	assert_int_equal(goal_add(&f->s, &g, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "no such audience: Ghosts"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM audiences"), 0);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM goals"), 0);
	assert_int_equal(events_of(&f->s, "audience", "add"), 0);
}

static void test_pillars_platforms_types_and_rules_round_trip(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct pillar p = { .name = "Culture", .description = "How we work", .colour = "#ff8800" };
	int64_t pid = 0, plid = 0, tid = 0, rid = 0;
	assert_ok(pillar_add(&f->s, &p, &pid, &e), e);
	struct platform pl = { .key = "linkedin", .name = "LinkedIn", .max_length = 3000,
			       .share_url = "https://www.linkedin.com/sharing/share-offsite/?url={url}",
			       .cpm = 30.5, .cpc = 2.25, .reaction_multiplier = 1.5 };
	assert_ok(platform_add(&f->s, &pl, &plid, &e), e);
	struct message_type t = { .name = "Vacancy", .description = "A job opening" };
	assert_ok(message_type_add(&f->s, &t, &tid, &e), e);
	struct policy_rule r = { .name = "bsn", .pattern = "\\b\\d{9}\\b", .severity = SEV_BLOCK,
				 .guidance = "Never share a citizen service number." };
	assert_ok(policy_rule_add(&f->s, &r, &rid, &e), e);

	struct strategy st;
	assert_ok(strategy_load(&f->s, &st, &e), e);
	assert_string_equal(st.organisation, "Test BV");
	assert_int_equal(st.npillars, 1);
	assert_int_equal(st.pillars[0].id, pid);
	assert_string_equal(st.pillars[0].colour, "#ff8800");
	assert_string_equal(st.pillars[0].description, "How we work");
	assert_int_equal(st.nplatforms, 1);
	assert_string_equal(st.platforms[0].key, "linkedin");
	assert_int_equal(st.platforms[0].max_length, 3000);
	assert_string_equal(st.platforms[0].share_url, pl.share_url);
	assert_true(st.platforms[0].cpm == 30.5 && st.platforms[0].cpc == 2.25);
	assert_true(st.platforms[0].reaction_multiplier == 1.5);
	assert_int_equal(st.nmessage_types, 1);
	assert_string_equal(st.message_types[0].name, "Vacancy");
	assert_int_equal(st.nrules, 1);
	assert_string_equal(st.rules[0].pattern, "\\b\\d{9}\\b");
	assert_int_equal(st.rules[0].severity, SEV_BLOCK);
	assert_string_equal(st.rules[0].guidance, "Never share a citizen service number.");
	/* options and their defaults */
	assert_int_equal(st.open_enrolment, 0);
	assert_int_equal(st.quiet_weeks, 4);
	assert_true(st.adoption_target > 0.0999 && st.adoption_target < 0.1001);
	assert_int_equal(st.wip_inbox, 0);
	strategy_free(&st);

	/* update each */
	struct pillar p2 = { .id = pid, .version = 1, .name = "Our culture", .colour = "#000000" };
	assert_ok(pillar_update(&f->s, &p2, &e), e);
	struct platform pl2 = { .id = plid, .key = "linkedin", .name = "LinkedIn (NL)", .max_length = 1300 };
	assert_ok(platform_update(&f->s, &pl2, &e), e);
	struct message_type t2 = { .id = tid, .name = "Job opening" };
	assert_ok(message_type_update(&f->s, &t2, &e), e);
	struct policy_rule r2 = { .id = rid, .name = "bsn", .pattern = "\\b\\d{8,9}\\b", .severity = SEV_WARN };
	assert_ok(policy_rule_update(&f->s, &r2, &e), e);
	assert_ok(store_setting_set(&f->s, "quiet_weeks", "6", &e), e);
	assert_ok(store_setting_set(&f->s, "open_enrolment", "true", &e), e);

	assert_ok(strategy_load(&f->s, &st, &e), e);
	assert_string_equal(st.pillars[0].name, "Our culture");
	assert_int_equal(st.pillars[0].version, 2);
	assert_string_equal(st.platforms[0].name, "LinkedIn (NL)");
	assert_int_equal(st.platforms[0].max_length, 1300);
	assert_string_equal(st.message_types[0].name, "Job opening");
	assert_int_equal(st.rules[0].severity, SEV_WARN);
	assert_string_equal(st.rules[0].pattern, "\\b\\d{8,9}\\b");
	assert_int_equal(st.quiet_weeks, 6);
	assert_int_equal(st.open_enrolment, 1);
	strategy_free(&st);

	/* updating something that does not exist */
	struct pillar ghost = { .id = 9999, .name = "Ghost" };
	assert_int_equal(pillar_update(&f->s, &ghost, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such pillar"));
	struct pillar noid = { .name = "No id" };
	assert_int_equal(pillar_update(&f->s, &noid, &e), CH_INVALID);
}

static void test_invalid_values_are_refused(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct platform spaced = { .key = "Linked In", .name = "LinkedIn" };
	assert_int_equal(platform_add(&f->s, &spaced, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "lower-case"));
	struct platform negative = { .key = "x", .name = "X", .max_length = -1 };
	assert_int_equal(platform_add(&f->s, &negative, NULL, &e), CH_INVALID);
	struct pillar unnamed = { .name = "" };
	assert_int_equal(pillar_add(&f->s, &unnamed, NULL, &e), CH_INVALID);
	struct goal untitled = { .title = " " };
	assert_int_equal(goal_add(&f->s, &untitled, NULL, &e), CH_INVALID);
	struct policy_rule sev = { .name = "r", .pattern = "x", .severity = SEV_NONE };
	assert_int_equal(policy_rule_add(&f->s, &sev, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "severity"));
	struct policy_rule empty = { .name = "r", .pattern = "", .severity = SEV_INFO };
	assert_int_equal(policy_rule_add(&f->s, &empty, NULL, &e), CH_INVALID);
	assert_int_equal(unit_int(&f->s, "SELECT (SELECT count(*) FROM platforms) + (SELECT count(*) FROM pillars) "
					 "+ (SELECT count(*) FROM goals) + (SELECT count(*) FROM policy_rules)"), 0);
}

/* --- duplicates --------------------------------------------------------------------------- */

static void test_duplicates_are_refused_with_a_clear_message(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add_platform(&f->s, "linkedin", "LinkedIn");
	add_pillar(&f->s, "Culture");
	add_audience(&f->s, "Students", NULL, 0);
	struct goal g = { .title = "Reach" };
	assert_ok(goal_add(&f->s, &g, NULL, &e), e);
	struct message_type t = { .name = "Vacancy" };
	assert_ok(message_type_add(&f->s, &t, NULL, &e), e);
	struct policy_rule r = { .name = "bsn", .pattern = "\\d{9}", .severity = SEV_BLOCK };
	assert_ok(policy_rule_add(&f->s, &r, NULL, &e), e);
	long long before = unit_int(&f->s, "SELECT count(*) FROM events");

	struct platform pl = { .key = "linkedin", .name = "Another" };
	assert_int_equal(platform_add(&f->s, &pl, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "platform key: a platform named \"linkedin\" exists already");
	struct pillar p = { .name = "Culture" };
	assert_int_equal(pillar_add(&f->s, &p, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "pillar name: a pillar named \"Culture\" exists already");
	struct audience a = { .name = "Students" };
	assert_int_equal(audience_add(&f->s, &a, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "audience name: an audience named \"Students\" exists already");
	assert_int_equal(goal_add(&f->s, &g, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "goal title: a goal named \"Reach\" exists already");
	assert_int_equal(message_type_add(&f->s, &t, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "message type name: a message type named \"Vacancy\" exists already");
	assert_int_equal(policy_rule_add(&f->s, &r, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "policy rule name: a policy rule named \"bsn\" exists already");

	/* whatever the case: submit --pillar would not tell them apart */
	struct pillar lower = { .name = "CULTURE" };
	assert_int_equal(pillar_add(&f->s, &lower, NULL, &e), CH_INVALID);
	assert_string_equal(e.msg, "pillar name: a pillar named \"Culture\" exists already");

	/* renaming onto another one's name too */
	int64_t other = add_pillar(&f->s, "Sports");
	struct pillar rename = { .id = other, .name = "Culture" };
	assert_int_equal(pillar_update(&f->s, &rename, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "exists already"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events"), before + 1);   /* only Sports */
}

/* --- delete ---------------------------------------------------------------------------------- */

static void test_delete_is_refused_while_something_refers_to_it(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t plat = add_platform(&f->s, "linkedin", "LinkedIn");
	int64_t spare = add_platform(&f->s, "bsky", "Bluesky");
	int64_t pillar = add_pillar(&f->s, "Culture");
	int64_t aud = add_audience(&f->s, "Students", NULL, 0);
	char *auds[] = { "Students" };
	struct goal g = { .title = "Reach", .audiences = auds, .naudiences = 1 };
	int64_t goal = 0;
	assert_ok(goal_add(&f->s, &g, &goal, &e), e);
	struct campaign_change cc = { .name = "Spring", .goal = "Reach", .target_shares = -1 };
	assert_ok(campaign_add(&f->s, &cc, NULL, &e), e);
	struct submission sub = { .title = "Story", .pillar = "Culture" };
	int64_t cid = 0;
	assert_ok(content_submit(&f->s, &sub, &cid, &e), e);
	assert_ok(message_add(&f->s, cid, "linkedin", "Read it", NULL, NULL, &e), e);
	long long before = events_of(&f->s, "pillar", "delete") + events_of(&f->s, "platform", "delete");

	assert_int_equal(strategy_delete(&f->s, SK_PILLAR, pillar, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "still used by 1 content item;"));
	assert_int_equal(strategy_delete(&f->s, SK_PLATFORM, plat, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "still used by 1 message, share, audience or handle;"));
	assert_int_equal(strategy_delete(&f->s, SK_AUDIENCE, aud, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "still used by 1 goal or campaign;"));
	assert_int_equal(strategy_delete(&f->s, SK_GOAL, goal, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "still used by 1 campaign;"));
	assert_int_equal(unit_int(&f->s, "SELECT (SELECT count(*) FROM pillars) + (SELECT count(*) FROM platforms) "
					 "+ (SELECT count(*) FROM audiences) + (SELECT count(*) FROM goals)"), 5);
	assert_int_equal(events_of(&f->s, "pillar", "delete") + events_of(&f->s, "platform", "delete"), before);

	/* a platform in an audience or in someone's handles is in use too */
	char *plats[] = { "bsky" };
	struct audience a2 = { .id = aud, .name = "Students", .platforms = plats, .nplatforms = 1 };
	assert_ok(audience_update(&f->s, &a2, &e), e);
	assert_int_equal(strategy_delete(&f->s, SK_PLATFORM, spare, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "still used by 1"));
	struct audience a3 = { .id = aud, .name = "Students" };
	assert_ok(audience_update(&f->s, &a3, &e), e);
	assert_ok(people_set_handle(&f->s, "ed", "bsky", "@ed", 10, &e), e);
	assert_int_equal(strategy_delete(&f->s, SK_PLATFORM, spare, &e), CH_FAILED);

	/* once nothing refers to it, it goes, and the log says so */
	assert_ok(content_set_pillar(&f->s, cid, NULL, 0, &e), e);
	assert_ok(strategy_delete(&f->s, SK_PILLAR, pillar, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM pillars"), 0);
	assert_int_equal(events_of(&f->s, "pillar", "delete"), 1);
	/* deleting a goal takes its audience links with it, and frees the audience */
	struct campaign *list = NULL;
	int n = 0;
	assert_ok(campaign_list(&f->s, &list, &n, &e), e);
	struct campaign_change unlink = { .goal = "", .target_shares = -1 };
	assert_ok(campaign_set(&f->s, list[0].id, &unlink, 0, &e), e);
	campaign_list_free(list, n);
	assert_ok(strategy_delete(&f->s, SK_GOAL, goal, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM goal_audiences"), 0);
	assert_ok(strategy_delete(&f->s, SK_AUDIENCE, aud, &e), e);
	/* and what is gone cannot be deleted again */
	assert_int_equal(strategy_delete(&f->s, SK_PILLAR, pillar, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such pillar"));
}

static void test_rules_and_message_types_delete_freely(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t rid = 0, tid = 0;
	struct policy_rule r = { .name = "hype", .pattern = "(?i)amazing", .severity = SEV_WARN };
	assert_ok(policy_rule_add(&f->s, &r, &rid, &e), e);
	struct message_type t = { .name = "Vacancy" };
	assert_ok(message_type_add(&f->s, &t, &tid, &e), e);
	assert_ok(strategy_delete(&f->s, SK_RULE, rid, &e), e);
	assert_ok(strategy_delete(&f->s, SK_MESSAGE_TYPE, tid, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT (SELECT count(*) FROM policy_rules) + (SELECT count(*) FROM message_types)"), 0);
}

/* --- rules ------------------------------------------------------------------------------------ */

static void test_an_invalid_pattern_is_refused_with_pcre2s_message(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct policy_rule r = { .name = "broken", .pattern = "(unclosed", .severity = SEV_WARN };
	assert_int_equal(policy_rule_add(&f->s, &r, NULL, &e), CH_INVALID);
	if (!strstr(e.msg, "missing closing parenthesis") || !strstr(e.msg, "offset"))
		fail_msg("message: %s", e.msg);
	struct policy_rule r2 = { .name = "broken", .pattern = "a{2,1}", .severity = SEV_WARN };
	assert_int_equal(policy_rule_add(&f->s, &r2, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "invalid pattern"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM policy_rules"), 0);

	/* and an update to an invalid pattern leaves the old one */
	struct policy_rule ok = { .name = "fine", .pattern = "fine", .severity = SEV_INFO };
	int64_t id = 0;
	assert_ok(policy_rule_add(&f->s, &ok, &id, &e), e);
	struct policy_rule bad = { .id = id, .name = "fine", .pattern = "[z-a]", .severity = SEV_INFO };
	assert_int_equal(policy_rule_update(&f->s, &bad, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "range out of order"));
	assert_int_equal(unit_int(&f->s, "SELECT pattern = 'fine' FROM policy_rules"), 1);
}

/* --- masters only ------------------------------------------------------------------------------ */

static void test_only_masters_change_the_strategy(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t pid = add_pillar(&f->s, "Culture");
	add_pillar(&f->s, "Sports");
	unit_act_as(&f->s, "ed");
	long long before = unit_int(&f->s, "SELECT count(*) FROM events");
	struct pillar p = { .name = "Mine" };
	struct platform pl = { .key = "x", .name = "X" };
	struct audience a = { .name = "A" };
	struct goal g = { .title = "G" };
	struct message_type t = { .name = "T" };
	struct policy_rule r = { .name = "R", .pattern = "r", .severity = SEV_INFO };
	struct pillar up = { .id = pid, .name = "Renamed" };
	int st[] = {
		pillar_add(&f->s, &p, NULL, &e),
		platform_add(&f->s, &pl, NULL, &e),
		audience_add(&f->s, &a, NULL, &e),
		goal_add(&f->s, &g, NULL, &e),
		message_type_add(&f->s, &t, NULL, &e),
		policy_rule_add(&f->s, &r, NULL, &e),
		pillar_update(&f->s, &up, &e),
		strategy_delete(&f->s, SK_PILLAR, pid, &e),
		strategy_move(&f->s, SK_PILLAR, pid, 1, &e),
	};
	for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
		if (st[i] != CH_FAILED)
			fail_msg("change %zu by an editor returned %d, want refused", i, st[i]);
	assert_non_null(strstr(e.msg, "needs the master role"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events"), before);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM pillars WHERE name = 'Culture'"), 1);

	/* but everyone reads it */
	struct strategy s2;
	assert_ok(strategy_load(&f->s, &s2, &e), e);
	assert_int_equal(s2.npillars, 2);
	strategy_free(&s2);
}

/* --- order -------------------------------------------------------------------------------------- */

static void expect_pillars(struct store *s, const char *a, const char *b, const char *c)
{
	struct err e = {0};
	struct strategy st;
	assert_ok(strategy_load(s, &st, &e), e);
	const char *want[] = { a, b, c };
	if (st.npillars != 3)
		fail_msg("%d pillars, want 3", st.npillars);
	for (int i = 0; i < 3; i++)
		if (strcmp(st.pillars[i].name, want[i]) != 0) {
			char got[128];
			snprintf(got, sizeof got, "%s, %s, %s", st.pillars[0].name, st.pillars[1].name, st.pillars[2].name);
			strategy_free(&st);
			fail_msg("pillars in order %s; want %s, %s, %s", got, a, b, c);
		}
	strategy_free(&st);
}

static void test_load_keeps_position_order_and_move_swaps_neighbours(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t a = add_pillar(&f->s, "A");
	int64_t b = add_pillar(&f->s, "B");
	int64_t c = add_pillar(&f->s, "C");
	expect_pillars(&f->s, "A", "B", "C");
	assert_ok(strategy_move(&f->s, SK_PILLAR, c, -1, &e), e);
	expect_pillars(&f->s, "A", "C", "B");
	assert_ok(strategy_move(&f->s, SK_PILLAR, a, 1, &e), e);
	expect_pillars(&f->s, "C", "A", "B");
	/* at the ends nothing moves, and nothing is logged */
	long long moves = events_of(&f->s, "pillar", "move");
	assert_ok(strategy_move(&f->s, SK_PILLAR, c, -1, &e), e);
	assert_ok(strategy_move(&f->s, SK_PILLAR, b, 1, &e), e);
	expect_pillars(&f->s, "C", "A", "B");
	assert_int_equal(events_of(&f->s, "pillar", "move"), moves);
	assert_int_equal(moves, 2);
	assert_int_equal(strategy_move(&f->s, SK_PILLAR, 9999, 1, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such pillar"));

	/* the other kinds move the same way */
	int64_t p1 = add_platform(&f->s, "one", "One");
	add_platform(&f->s, "two", "Two");
	assert_ok(strategy_move(&f->s, SK_PLATFORM, p1, 1, &e), e);
	struct strategy st;
	assert_ok(strategy_load(&f->s, &st, &e), e);
	assert_string_equal(st.platforms[0].key, "two");
	assert_string_equal(st.platforms[1].key, "one");
	strategy_free(&st);
}

/* --- conflicts ----------------------------------------------------------------------------------- */

static void test_a_stale_version_is_a_conflict(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = add_pillar(&f->s, "Culture");
	store_clock_set(1767261600);
	unit_act_as(&f->s, "boss");
	struct pillar theirs = { .id = id, .version = 1, .name = "Culture & people" };
	assert_ok(pillar_update(&f->s, &theirs, &e), e);
	store_clock_set(0);

	unit_act_as(&f->s, "master");
	struct pillar mine = { .id = id, .version = 1, .name = "Our culture" };
	err_clear(&e);
	assert_int_equal(pillar_update(&f->s, &mine, &e), CH_BUSY);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_string_equal(e.by, "boss");
	assert_int_equal(e.version, 2);
	assert_int_equal(e.at, 1767261600);
	assert_int_equal(unit_int(&f->s, "SELECT name = 'Culture & people' FROM pillars"), 1);

	/* the same for the other kinds */
	int64_t rid = 0;
	struct policy_rule r = { .name = "r", .pattern = "r", .severity = SEV_INFO };
	assert_ok(policy_rule_add(&f->s, &r, &rid, &e), e);
	struct policy_rule r1 = { .id = rid, .version = 1, .name = "r", .pattern = "rr", .severity = SEV_INFO };
	assert_ok(policy_rule_update(&f->s, &r1, &e), e);
	assert_int_equal(policy_rule_update(&f->s, &r1, &e), CH_BUSY);
	assert_int_equal(e.kind, ERR_CONFLICT);
	int64_t gid = 0;
	struct goal g = { .title = "G" };
	assert_ok(goal_add(&f->s, &g, &gid, &e), e);
	struct goal g1 = { .id = gid, .version = 1, .title = "G1" };
	assert_ok(goal_update(&f->s, &g1, &e), e);
	assert_int_equal(goal_update(&f->s, &g1, &e), CH_BUSY);
	/* version 0: whatever it is now */
	struct goal g0 = { .id = gid, .version = 0, .title = "G2" };
	assert_ok(goal_update(&f->s, &g0, &e), e);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_goals_and_audiences_are_stored_with_their_links),
		T(test_links_to_unknown_or_repeated_names_are_refused_and_nothing_is_saved),
		T(test_pillars_platforms_types_and_rules_round_trip),
		T(test_invalid_values_are_refused),
		T(test_duplicates_are_refused_with_a_clear_message),
		T(test_delete_is_refused_while_something_refers_to_it),
		T(test_rules_and_message_types_delete_freely),
		T(test_an_invalid_pattern_is_refused_with_pcre2s_message),
		T(test_only_masters_change_the_strategy),
		T(test_load_keeps_position_order_and_move_swaps_neighbours),
		T(test_a_stale_version_is_a_conflict),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
