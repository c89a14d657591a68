/* test_people.c — people, roles, teams, focus groups, handles, conflicts on
 * stale versions, and who the store says you are (identify, --as, open
 * enrolment). */
#include "unit.h"
#include "chorus/people.h"
#include "chorus/strategy.h"

static int setup(void **state)
{
	struct unit_fx *f = unit_fx_new("people");
	if (!f)
		return -1;
	*state = f;
	return 0;
}

/* Add a person as whoever is acting now; roles as bits (-1: publisher only). */
static int64_t add(struct store *s, const char *login, const char *name, int roles)
{
	struct err e = {0};
	int64_t id = 0;
	struct person_change c = { .name = name, .roles = roles, .active = -1 };
	if (people_add(s, login, &c, &id, &e) != CH_OK)
		fail_msg("people_add %s: %s", login, e.msg);
	return id;
}

static struct person get(struct store *s, const char *login)
{
	struct err e = {0};
	struct person p;
	if (people_get(s, login, &p, &e) != CH_OK)
		fail_msg("people_get %s: %s", login, e.msg);
	return p;
}

static long long events(struct store *s, const char *entity)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE entity = '%s'", entity);
	return unit_int(s, sql);
}

/* --- add, set, get, list ------------------------------------------------------ */

static void test_add_then_get_returns_every_field_and_publisher_is_always_added(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t id = 0;
	struct person_change c = { .name = "Anna de Vries", .email = "anna@example.org", .team = "Comms",
				   .roles = ROLE_EDITOR, .active = -1 };
	assert_ok(people_add(&f->s, "anna", &c, &id, &e), e);
	assert_true(id > 0);
	struct person p = get(&f->s, "anna");
	assert_int_equal(p.id, id);
	assert_string_equal(p.login, "anna");
	assert_string_equal(p.name, "Anna de Vries");
	assert_string_equal(p.email, "anna@example.org");
	assert_string_equal(p.team, "Comms");
	assert_true(p.team_id > 0);
	assert_int_equal(p.roles, ROLE_EDITOR | ROLE_PUBLISHER);
	assert_int_equal(p.active, 1);
	assert_true(p.version >= 1);

	struct person byid;
	assert_ok(people_get_id(&f->s, id, &byid, &e), e);
	assert_string_equal(byid.login, "anna");

	/* without a name, the login is the name; without roles, publisher only */
	add(&f->s, "bob", NULL, -1);
	p = get(&f->s, "bob");
	assert_string_equal(p.name, "bob");
	assert_int_equal(p.roles, ROLE_PUBLISHER);
	assert_string_equal(p.team, "");
	assert_string_equal(p.email, "");

	/* one add event each, naming the roles */
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'person' AND action = 'add'"), 2);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT json_extract(detail, '$.roles') = 'editor,publisher' FROM events "
		 "WHERE entity = 'person' AND entity_id = %lld", (long long)id);
	assert_int_equal(unit_int(&f->s, sql), 1);
}

static void test_add_refuses_a_login_that_exists(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add(&f->s, "anna", "Anna", -1);
	struct person_change c = { .name = "Other Anna", .roles = -1, .active = -1 };
	assert_int_equal(people_add(&f->s, "anna", &c, NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "already in the programme"));
	assert_string_equal(get(&f->s, "anna").name, "Anna");
}

static void test_add_refuses_invalid_name_and_email(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct person_change c = { .name = "Anna", .email = "not-an-address", .roles = -1, .active = -1 };
	assert_int_equal(people_add(&f->s, "anna", &c, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "--email"));
	struct person_change c2 = { .name = "An\x01na", .roles = -1, .active = -1 };
	assert_int_equal(people_add(&f->s, "anna", &c2, NULL, &e), CH_INVALID);
	struct person_change c3 = { .name = "   ", .roles = -1, .active = -1 };
	assert_int_equal(people_add(&f->s, "anna", &c3, NULL, &e), CH_INVALID);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM people"), 1);
}

static void test_set_changes_only_given_fields_and_bumps_the_version(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct person_change c0 = { .name = "Anna", .email = "a@x.org", .team = "Comms", .roles = ROLE_CREATOR,
				    .active = -1 };
	assert_ok(people_add(&f->s, "anna", &c0, NULL, &e), e);
	struct person before = get(&f->s, "anna");

	struct person_change c = { .email = "anna@x.org", .roles = -1, .active = -1 };
	assert_ok(people_set(&f->s, "anna", &c, before.version, &e), e);
	struct person after = get(&f->s, "anna");
	assert_string_equal(after.email, "anna@x.org");
	assert_string_equal(after.name, "Anna");
	assert_string_equal(after.team, "Comms");
	assert_int_equal(after.roles, ROLE_CREATOR | ROLE_PUBLISHER);
	assert_int_equal(after.version, before.version + 1);

	/* "" clears email and team; roles replace (publisher stays) */
	struct person_change c2 = { .email = "", .team = "", .roles = ROLE_EDITOR, .active = -1 };
	assert_ok(people_set(&f->s, "anna", &c2, 0, &e), e);
	after = get(&f->s, "anna");
	assert_string_equal(after.email, "");
	assert_string_equal(after.team, "");
	assert_int_equal(after.team_id, 0);
	assert_int_equal(after.roles, ROLE_EDITOR | ROLE_PUBLISHER);

	/* deactivate */
	struct person_change c3 = { .roles = -1, .active = 0 };
	assert_ok(people_set(&f->s, "anna", &c3, 0, &e), e);
	assert_int_equal(get(&f->s, "anna").active, 0);

	/* unknown login */
	assert_int_equal(people_set(&f->s, "nobody", &c3, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such person"));
}

static void test_list_is_ordered_by_login(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add(&f->s, "zoe", "Zoe", -1);
	add(&f->s, "anna", "Anna", -1);
	add(&f->s, "kees", "Kees", ROLE_EDITOR);
	struct person *list = NULL;
	int n = 0;
	assert_ok(people_list(&f->s, &list, &n, &e), e);
	assert_int_equal(n, 4);
	const char *want[] = { "anna", "kees", "master", "zoe" };
	for (int i = 0; i < n; i++)
		if (strcmp(list[i].login, want[i]) != 0)
			fail_msg("people_list[%d] = %s, want %s", i, list[i].login, want[i]);
	free(list);
}

static void test_get_unknown_person_fails(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct person p;
	assert_int_equal(people_get(&f->s, "ghost", &p, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such person: ghost"));
	assert_int_equal(people_get_id(&f->s, 9999, &p, &e), CH_FAILED);
	assert_int_equal(f->s.depth, 0);
}

/* --- role rules ------------------------------------------------------------------ */

static void test_non_master_cannot_add_or_change_people(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add(&f->s, "ed", "Ed", ROLE_EDITOR | ROLE_CREATOR);
	add(&f->s, "anna", "Anna", -1);
	long long before = events(&f->s, "person");
	unit_act_as(&f->s, "ed");
	struct person_change c = { .name = "X", .roles = -1, .active = -1 };
	assert_int_equal(people_add(&f->s, "xavier", &c, NULL, &e), CH_FAILED);
	if (!strstr(e.msg, "needs the master role"))
		fail_msg("message: %s", e.msg);
	struct person_change up = { .roles = ROLE_MASTER, .active = -1 };
	assert_int_equal(people_set(&f->s, "ed", &up, 0, &e), CH_FAILED);   /* not even yourself */
	assert_int_equal(people_set(&f->s, "anna", &up, 0, &e), CH_FAILED);
	assert_int_equal(focus_group_add(&f->s, "Ambassadors", NULL, NULL, &e), CH_FAILED);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM people WHERE login = 'xavier'"), 0);
	assert_int_equal(unit_int(&f->s, "SELECT roles FROM people WHERE login = 'ed'"),
			 ROLE_EDITOR | ROLE_CREATOR | ROLE_PUBLISHER);
	assert_int_equal(events(&f->s, "person"), before);
}

static void test_last_master_cannot_be_demoted_or_deactivated(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct person before = get(&f->s, "master");
	struct person_change demote = { .roles = ROLE_EDITOR, .active = -1 };
	assert_int_equal(people_set(&f->s, "master", &demote, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "last social master"));
	struct person_change off = { .roles = -1, .active = 0 };
	assert_int_equal(people_set(&f->s, "master", &off, 0, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "last social master"));
	struct person after = get(&f->s, "master");
	assert_int_equal(after.version, before.version);
	assert_int_equal(after.roles, before.roles);
	assert_int_equal(after.active, 1);

	/* an inactive second master does not count */
	add(&f->s, "boss", "Boss", ROLE_MASTER);
	struct person_change boss_off = { .roles = -1, .active = 0 };
	assert_ok(people_set(&f->s, "boss", &boss_off, 0, &e), e);
	assert_int_equal(people_set(&f->s, "master", &demote, 0, &e), CH_FAILED);

	/* with an active second master it is allowed, and my own roles follow */
	struct person_change boss_on = { .roles = -1, .active = 1 };
	assert_ok(people_set(&f->s, "boss", &boss_on, 0, &e), e);
	assert_ok(people_set(&f->s, "master", &demote, 0, &e), e);
	assert_int_equal(get(&f->s, "master").roles, ROLE_EDITOR | ROLE_PUBLISHER);
	assert_false(f->s.my_roles & ROLE_MASTER);
	struct person_change c = { .name = "Y", .roles = -1, .active = -1 };
	assert_int_equal(people_add(&f->s, "yara", &c, NULL, &e), CH_FAILED);

	/* and now boss is the last one */
	unit_act_as(&f->s, "boss");
	assert_int_equal(people_set(&f->s, "boss", &demote, 0, &e), CH_FAILED);
}

static void test_login_validation(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	char longest[64], too_long[65];
	memset(longest, 'a', 63);
	longest[63] = 0;
	memset(too_long, 'a', 64);
	too_long[64] = 0;
	const char *good[] = { "a", "anna", "anna.de-vries_2", "A1", longest, "a-" };
	const char *bad[] = { "", "-anna", "an na", "anna!", "anna/x", "ànna", "anna\n", too_long, "a'b", NULL };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!people_login_valid(good[i]))
			fail_msg("login \"%s\" should be valid", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (people_login_valid(bad[i]))
			fail_msg("login \"%s\" should be invalid", bad[i] ? bad[i] : "(null)");
	struct person_change c = { .name = "X", .roles = -1, .active = -1 };
	assert_int_equal(people_add(&f->s, "-rf", &c, NULL, &e), CH_INVALID);
	assert_non_null(strstr(e.msg, "not valid"));
	assert_int_equal(people_add(&f->s, too_long, &c, NULL, &e), CH_INVALID);
	assert_ok(people_add(&f->s, longest, &c, NULL, &e), e);
}

/* --- teams, focus groups, handles ------------------------------------------------ */

static void test_team_ensure_creates_once_and_reuses(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t a = 0, b = 0, c = 0;
	assert_ok(store_begin(&f->s, 1, &e), e);
	assert_ok(team_ensure(&f->s, "Comms", &a, &e), e);
	assert_ok(team_ensure(&f->s, "Comms", &b, &e), e);
	assert_ok(team_ensure(&f->s, "Sales", &c, &e), e);
	assert_int_equal(team_ensure(&f->s, "", &c, &e), CH_INVALID);
	assert_ok(store_end(&f->s, CH_OK, &e), e);
	assert_true(a > 0);
	assert_int_equal(a, b);
	assert_true(c != a);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM teams"), 2);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'team' AND action = 'add'"), 2);

	/* people_add with a known team reuses it */
	struct person_change pc = { .name = "Anna", .team = "Comms", .roles = -1, .active = -1 };
	assert_ok(people_add(&f->s, "anna", &pc, NULL, &e), e);
	assert_int_equal(get(&f->s, "anna").team_id, a);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM teams"), 2);
}

static void test_focus_groups_and_membership(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add(&f->s, "anna", "Anna", -1);
	add(&f->s, "bob", "Bob", -1);
	int64_t gid = 0;
	assert_ok(focus_group_add(&f->s, "Ambassadors", "Our most active people", &gid, &e), e);
	assert_true(gid > 0);
	assert_int_equal(focus_group_add(&f->s, "Ambassadors", NULL, NULL, &e), CH_INVALID);
	assert_int_equal(focus_group_add(&f->s, "", NULL, NULL, &e), CH_INVALID);

	assert_ok(focus_group_member(&f->s, "Ambassadors", "anna", 1, &e), e);
	assert_ok(focus_group_member(&f->s, "Ambassadors", "bob", 1, &e), e);
	assert_ok(focus_group_member(&f->s, "Ambassadors", "anna", 1, &e), e);   /* twice is once */
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM focus_group_members"), 2);
	assert_ok(focus_group_member(&f->s, "Ambassadors", "bob", 0, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM focus_group_members"), 1);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM focus_group_members m JOIN people p "
					 "ON p.id = m.person_id WHERE p.login = 'anna'"), 1);

	assert_int_equal(focus_group_member(&f->s, "Nobody", "anna", 1, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such focus group"));
	assert_int_equal(focus_group_member(&f->s, "Ambassadors", "ghost", 1, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such person"));

	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'focus_group' "
					 "AND action = 'join'"), 3);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE entity = 'focus_group' "
					 "AND action = 'leave'"), 1);

	unit_act_as(&f->s, "anna");
	assert_int_equal(focus_group_member(&f->s, "Ambassadors", "anna", 0, &e), CH_FAILED);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM focus_group_members"), 1);
}

static void test_handles_need_a_platform_and_masters_for_other_people(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct platform pl = { .key = "linkedin", .name = "LinkedIn" };
	assert_ok(platform_add(&f->s, &pl, NULL, &e), e);
	add(&f->s, "anna", "Anna", -1);
	add(&f->s, "bob", "Bob", ROLE_EDITOR);

	/* a master sets anyone's handle */
	assert_ok(people_set_handle(&f->s, "anna", "linkedin", "anna-dv", 250, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT followers FROM person_platforms pp JOIN people p "
					 "ON p.id = pp.person_id WHERE p.login = 'anna'"), 250);
	/* unknown platform, unknown person, empty handle */
	assert_int_equal(people_set_handle(&f->s, "anna", "myspace", "anna", 1, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such platform"));
	assert_int_equal(people_set_handle(&f->s, "ghost", "linkedin", "g", 1, &e), CH_FAILED);
	assert_int_equal(people_set_handle(&f->s, "anna", "linkedin", "", 1, &e), CH_INVALID);

	/* a person sets their own; updating replaces */
	unit_act_as(&f->s, "anna");
	assert_ok(people_set_handle(&f->s, "anna", "linkedin", "anna-de-vries", 300, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM person_platforms"), 1);
	assert_int_equal(unit_int(&f->s, "SELECT followers FROM person_platforms"), 300);
	/* but not someone else's, even as an editor */
	assert_int_equal(people_set_handle(&f->s, "bob", "linkedin", "bob", 1, &e), CH_FAILED);
	unit_act_as(&f->s, "bob");
	assert_int_equal(people_set_handle(&f->s, "anna", "linkedin", "hacked", 1, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "master"));
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM person_platforms WHERE handle = 'hacked'"), 0);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE action = 'handle'"), 2);
}

/* --- conflicts ----------------------------------------------------------------------- */

static void test_stale_version_is_a_conflict_naming_who_changed_it(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add(&f->s, "boss", "Boss", ROLE_MASTER);
	add(&f->s, "anna", "Anna", -1);
	struct person seen = get(&f->s, "anna");

	store_clock_set(1767261600);   /* 2026-01-01 10:00 UTC */
	unit_act_as(&f->s, "boss");
	struct person_change theirs = { .name = "Anna B.", .roles = -1, .active = -1 };
	assert_ok(people_set(&f->s, "anna", &theirs, seen.version, &e), e);

	unit_act_as(&f->s, "master");
	struct person_change mine = { .name = "Anna M.", .roles = -1, .active = -1 };
	err_clear(&e);
	assert_int_equal(people_set(&f->s, "anna", &mine, seen.version, &e), CH_BUSY);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_string_equal(e.by, "boss");
	assert_int_equal(e.version, seen.version + 1);
	assert_int_equal(e.at, 1767261600);
	if (!strstr(e.msg, "changed by boss"))
		fail_msg("message: %s", e.msg);
	assert_string_equal(get(&f->s, "anna").name, "Anna B.");
	/* with the version seen now, it goes through */
	assert_ok(people_set(&f->s, "anna", &mine, e.version, &e), e);
	assert_string_equal(get(&f->s, "anna").name, "Anna M.");
}

/* --- identify --------------------------------------------------------------------------- */

static void test_identify_refuses_an_unknown_login_with_the_command_to_add_them(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	assert_int_equal(store_identify(&f->s, "stranger", NULL, &e), CH_FAILED);
	if (!strstr(e.msg, "chorus people add stranger"))
		fail_msg("message: %s", e.msg);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM people WHERE login = 'stranger'"), 0);
}

static void test_identify_refuses_an_inactive_person(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	add(&f->s, "anna", "Anna", -1);
	struct person_change off = { .roles = -1, .active = 0 };
	assert_ok(people_set(&f->s, "anna", &off, 0, &e), e);
	assert_int_equal(store_identify(&f->s, "anna", NULL, &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no longer active"));
	assert_non_null(strstr(e.msg, "chorus people set anna --active yes"));
}

static void test_identify_as_someone_else_needs_a_master(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	int64_t ed = add(&f->s, "ed", "Ed", ROLE_EDITOR);
	int64_t anna = add(&f->s, "anna", "Anna", ROLE_CREATOR);
	assert_int_equal(store_identify(&f->s, "ed", "anna", &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "only a social master"));
	(void)ed;

	int64_t master = get(&f->s, "master").id;
	assert_ok(store_identify(&f->s, "master", "anna", &e), e);
	assert_int_equal(f->s.me, anna);
	assert_int_equal(f->s.actor, master);
	assert_string_equal(f->s.my_login, "anna");
	assert_string_equal(f->s.actor_login, "master");
	assert_string_equal(f->s.my_name, "Anna");
	assert_int_equal(f->s.my_roles, ROLE_CREATOR | ROLE_PUBLISHER);

	/* --as yourself is just you */
	assert_ok(store_identify(&f->s, "master", "master", &e), e);
	assert_int_equal(f->s.me, master);
	assert_int_equal(f->s.actor, master);

	/* --as an unknown or inactive person */
	assert_int_equal(store_identify(&f->s, "master", "ghost", &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no such person"));
	struct person_change off = { .roles = -1, .active = 0 };
	assert_ok(store_identify(&f->s, "master", NULL, &e), e);
	assert_ok(people_set(&f->s, "anna", &off, 0, &e), e);
	assert_int_equal(store_identify(&f->s, "master", "anna", &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "no longer active"));
}

static void test_open_enrolment_enrols_a_publisher(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	assert_int_equal(store_identify(&f->s, "newbie", NULL, &e), CH_FAILED);
	assert_ok(store_setting_set(&f->s, "open_enrolment", "true", &e), e);
	assert_ok(store_identify(&f->s, "newbie", NULL, &e), e);
	struct person p = get(&f->s, "newbie");
	assert_int_equal(p.roles, ROLE_PUBLISHER);
	assert_int_equal(p.active, 1);
	assert_int_equal(f->s.me, p.id);
	assert_int_equal(f->s.my_roles, ROLE_PUBLISHER);
	assert_string_equal(f->s.my_login, "newbie");
	/* the second time they are simply known */
	assert_ok(store_identify(&f->s, "newbie", NULL, &e), e);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM people WHERE login = 'newbie'"), 1);
	/* enrolment never revives someone who was deactivated */
	assert_ok(store_identify(&f->s, "master", NULL, &e), e);
	struct person_change off = { .roles = -1, .active = 0 };
	assert_ok(people_set(&f->s, "newbie", &off, 0, &e), e);
	assert_int_equal(store_identify(&f->s, "newbie", NULL, &e), CH_FAILED);
}

static void test_clear_handle_removes_one_and_says_when_there_is_none(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct platform li = { .key = "linkedin", .name = "LinkedIn" }, x = { .key = "x", .name = "X" };
	assert_ok(platform_add(&f->s, &li, NULL, &e), e);
	assert_ok(platform_add(&f->s, &x, NULL, &e), e);
	add(&f->s, "anna", "Anna", -1);
	add(&f->s, "bob", "Bob", -1);
	assert_ok(people_set_handle(&f->s, "anna", "linkedin", "anna-dv", 250, &e), e);
	assert_ok(people_set_handle(&f->s, "anna", "x", "@anna", 10, &e), e);
	unit_act_as(&f->s, "bob");
	assert_int_equal(people_clear_handle(&f->s, "anna", "x", &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "master"));
	unit_act_as(&f->s, "anna");
	assert_ok(people_clear_handle(&f->s, "anna", "x", &e), e);
	assert_int_equal(people_clear_handle(&f->s, "anna", "x", &e), CH_FAILED);
	assert_non_null(strstr(e.msg, "anna has no handle on x"));
	assert_int_equal(people_clear_handle(&f->s, "anna", "myspace", &e), CH_FAILED);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM person_platforms"), 1);
	assert_int_equal(unit_int(&f->s, "SELECT count(*) FROM events WHERE action = 'handle-removed' "
					 "AND json_extract(detail, '$.platform') = 'x'"), 1);
}

static void test_overview_has_groups_handles_and_activity_per_person(void **state)
{
	struct unit_fx *f = *state;
	struct err e = {0};
	struct platform li = { .key = "linkedin", .name = "LinkedIn" };
	assert_ok(platform_add(&f->s, &li, NULL, &e), e);
	add(&f->s, "zed", "Zed", -1);
	add(&f->s, "anna", "Anna", ROLE_CREATOR);
	struct person_change team = { .team = "Sales", .roles = -1, .active = -1 };
	assert_ok(people_set(&f->s, "anna", &team, 0, &e), e);
	assert_ok(focus_group_add(&f->s, "Voorlopers", NULL, NULL, &e), e);
	assert_ok(focus_group_add(&f->s, "Alpha", NULL, NULL, &e), e);
	assert_ok(focus_group_member(&f->s, "Voorlopers", "anna", 1, &e), e);
	assert_ok(focus_group_member(&f->s, "Alpha", "anna", 1, &e), e);
	assert_ok(people_set_handle(&f->s, "anna", "linkedin", "anna-dv", 250, &e), e);
	/* activity as the aggregate keeps it: a submission and a comment */
	sqlite3_exec(f->s.db, "INSERT INTO activity(person_id, week, kind, n) SELECT id, 2900, 'contribution', 3 "
		     "FROM people WHERE login = 'anna'; INSERT INTO activity(person_id, week, kind, n) "
		     "SELECT id, 2905, 'conversation', 2 FROM people WHERE login = 'anna'", NULL, NULL, NULL);

	struct person_info *v = NULL;
	int n = 0;
	assert_ok(people_overview(&f->s, &v, &n, &e), e);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].p.login, "anna");
	assert_string_equal(v[1].p.login, "master");
	assert_string_equal(v[2].p.login, "zed");
	assert_string_equal(v[0].p.team, "Sales");
	assert_int_equal(v[0].p.roles, ROLE_CREATOR | ROLE_PUBLISHER);
	assert_string_equal(v[0].groups, "Alpha, Voorlopers");
	assert_int_equal(v[0].ngroups, 2);
	int64_t alpha = unit_int(&f->s, "SELECT id FROM focus_groups WHERE name = 'Alpha'");
	assert_true(people_in_group(&v[0], alpha));
	assert_false(people_in_group(&v[2], alpha));
	assert_int_equal(v[0].nhandles, 1);
	assert_string_equal(v[0].handles[0].platform, "linkedin");
	assert_string_equal(v[0].handles[0].handle, "anna-dv");
	assert_int_equal(v[0].handles[0].followers, 250);
	assert_int_equal(v[0].last_week, 2905);
	assert_int_equal(v[0].contributions, 3);
	assert_int_equal(v[0].conversations, 2);
	assert_int_equal(v[0].edits + v[0].shares, 0);
	assert_int_equal(v[2].last_week, -1);
	assert_int_equal(v[2].nhandles, 0);
	assert_string_equal(v[2].groups, "");
	people_overview_free(v, n);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, unit_teardown)
	const struct CMUnitTest tests[] = {
		T(test_add_then_get_returns_every_field_and_publisher_is_always_added),
		T(test_add_refuses_a_login_that_exists),
		T(test_add_refuses_invalid_name_and_email),
		T(test_set_changes_only_given_fields_and_bumps_the_version),
		T(test_list_is_ordered_by_login),
		T(test_get_unknown_person_fails),
		T(test_non_master_cannot_add_or_change_people),
		T(test_last_master_cannot_be_demoted_or_deactivated),
		T(test_login_validation),
		T(test_team_ensure_creates_once_and_reuses),
		T(test_focus_groups_and_membership),
		T(test_handles_need_a_platform_and_masters_for_other_people),
		T(test_clear_handle_removes_one_and_says_when_there_is_none),
		T(test_overview_has_groups_handles_and_activity_per_person),
		T(test_stale_version_is_a_conflict_naming_who_changed_it),
		T(test_identify_refuses_an_unknown_login_with_the_command_to_add_them),
		T(test_identify_refuses_an_inactive_person),
		T(test_identify_as_someone_else_needs_a_master),
		T(test_open_enrolment_enrols_a_publisher),
	};
	return cmocka_run_group_tests(tests, NULL, unit_group_teardown);
}
