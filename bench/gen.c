/* gen.c — a large organisation for the benchmark, fast: store_create makes
 * the file (schema, mode, master = the OS login), then plain INSERTs through
 * prepared statements in one transaction write 2,000 people, 200,000 content
 * items with their media, messages, shares and comments, and 2,000,000
 * events.  The events and content go in as rows, so the triggers keep the
 * aggregates (activity, activity_week, content_stages) exactly as chorus
 * itself would.
 *
 *   gen DB [PEOPLE CONTENT EVENTS]
 *
 * Deterministic (fixed seed); the clock is "now", history spans two years. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chorus/audit.h"
#include "chorus/store.h"

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int64_t pick(int64_t n) { return n > 0 ? (int64_t)(next() % (uint64_t)n) : 0; }

static sqlite3 *db;

static void die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql);
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

static void run(sqlite3_stmt *st, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die(what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static sqlite3_stmt *ev_st;
static int64_t nevents;

static void event(int64_t at, int64_t actor, const char *entity, int64_t entity_id,
		  const char *action, const char *detail)
{
	sqlite3_bind_int64(ev_st, 1, at);
	sqlite3_bind_int64(ev_st, 2, actor);
	sqlite3_bind_text(ev_st, 3, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ev_st, 4, entity_id);
	sqlite3_bind_text(ev_st, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(ev_st, 6, detail, -1, SQLITE_TRANSIENT);
	run(ev_st, "inserting an event");
	nevents++;
}

static const char *const platform_keys[] = { "linkedin", "x", "facebook", "instagram", "mastodon" };
static const char *const pillar_names[] = { "Expertise", "Culture", "Customers", "Sustainability",
					     "Careers", "Innovation" };
static const char *const type_names[] = { "Announcement", "How-to", "Behind the scenes", "Story", "Event" };
static const char *const kinds[] = { "story", "photo", "video", "news", "blog" };

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 5) {
		fprintf(stderr, "usage: gen DB [PEOPLE CONTENT EVENTS]\n");
		return 2;
	}
	const char *path = argv[1];
	int64_t npeople = argc == 5 ? atoll(argv[2]) : 2000;
	int64_t ncontent = argc == 5 ? atoll(argv[3]) : 200000;
	int64_t target_events = argc == 5 ? atoll(argv[4]) : 2000000;
	if (npeople < 10 || ncontent < 10 || target_events < ncontent) {
		fprintf(stderr, "gen: at least 10 people, 10 items, and as many events as items\n");
		return 2;
	}

	struct store s;
	struct err e = {0};
	if (store_create(&s, path, STORE_MODE_LOCAL, "Bench Corp", store_os_login(), "Bench Master", &e) != CH_OK) {
		fprintf(stderr, "gen: %s\n", e.msg);
		return 1;
	}
	store_close(&s);

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die("open");
	/* Bulk load: no journal, no syncs; WAL again at the end. */
	exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; "
	     "PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY");
	exec("BEGIN");
	const int64_t now = (int64_t)time(NULL), span = 730 * 86400LL, t0 = now - span;

	/* Strategy. */
	sqlite3_stmt *q = prep("INSERT INTO platforms(key, name, max_length, cpm, cpc, reaction_multiplier, "
			       "position, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
	for (int i = 0; i < 5; i++) {
		sqlite3_bind_text(q, 1, platform_keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, platform_keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 3, i == 1 ? 280 : i == 4 ? 500 : 3000);
		sqlite3_bind_double(q, 4, 5.0 + i);
		sqlite3_bind_double(q, 5, 0.5 + i * 0.1);
		sqlite3_bind_double(q, 6, 0.2);
		sqlite3_bind_int(q, 7, i);
		sqlite3_bind_int64(q, 8, t0);
		run(q, "platforms");
	}
	sqlite3_finalize(q);
	q = prep("INSERT INTO pillars(name, description, colour, position, updated_at) VALUES(?, ?, ?, ?, ?)");
	for (int i = 0; i < 6; i++) {
		sqlite3_bind_text(q, 1, pillar_names[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, "what we stand for", -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, "#336699", -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 4, i);
		sqlite3_bind_int64(q, 5, t0);
		run(q, "pillars");
	}
	sqlite3_finalize(q);
	q = prep("INSERT INTO message_types(name, description, position, updated_at) VALUES(?, ?, ?, ?)");
	for (int i = 0; i < 5; i++) {
		sqlite3_bind_text(q, 1, type_names[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, "a kind of message", -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 3, i);
		sqlite3_bind_int64(q, 4, t0);
		run(q, "message types");
	}
	sqlite3_finalize(q);
	exec("INSERT INTO goals(title, description, kpi_metric, kpi_target, kpi_period, position) VALUES"
	     "('Be known for expertise', 'thought leadership', 'shares', 20000, 'quarter', 0),"
	     "('Hire 200 engineers', 'employer branding', 'clicks', 50000, 'year', 1),"
	     "('Grow the partner network', 'partners', 'reach', 1000000, 'quarter', 2)");
	exec("INSERT INTO audiences(name, info_need, position) VALUES"
	     "('Engineers', 'how we work', 0), ('Customers', 'what we solve', 1),"
	     "('Partners', 'how to work with us', 2), ('Students', 'careers', 3)");
	exec("INSERT INTO goal_audiences(goal_id, audience_id, position) VALUES(1,1,0),(1,2,1),(2,1,0),(2,4,1),(3,3,0)");
	int ncampaigns = 40;
	q = prep("INSERT INTO campaigns(name, description, goal_id, audience_id, starts, ends, target_shares, "
		 "updated_at) VALUES(?, 'a campaign', ?, ?, date(?, 'unixepoch'), date(?, 'unixepoch'), ?, ?)");
	for (int i = 0; i < ncampaigns; i++) {
		char name[32];
		snprintf(name, sizeof name, "Campaign %02d", i + 1);
		int64_t start = t0 + span * i / ncampaigns;
		sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(q, 2, 1 + i % 3);
		sqlite3_bind_int(q, 3, 1 + i % 4);
		sqlite3_bind_int64(q, 4, start);
		sqlite3_bind_int64(q, 5, start + 60 * 86400LL);
		sqlite3_bind_int(q, 6, 500 + 50 * (i % 10));
		sqlite3_bind_int64(q, 7, start);
		run(q, "campaigns");
	}
	sqlite3_finalize(q);

	/* People: the master is 1; editors 5%, creators 30%, everyone publishes. */
	int nteams = 20;
	q = prep("INSERT INTO teams(name, updated_at) VALUES(?, ?)");
	for (int i = 0; i < nteams; i++) {
		char name[32];
		snprintf(name, sizeof name, "Team %02d", i + 1);
		sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(q, 2, t0);
		run(q, "teams");
	}
	sqlite3_finalize(q);
	int64_t *editors = malloc(sizeof *editors * (size_t)npeople);
	int64_t *creators = malloc(sizeof *creators * (size_t)npeople);
	int neditors = 0, ncreators = 0;
	editors[neditors++] = 1;
	creators[ncreators++] = 1;
	q = prep("INSERT INTO people(login, name, email, team_id, roles, active, created_at, updated_at) "
		 "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
	for (int64_t i = 2; i <= npeople; i++) {
		char login[32], name[64], email[64];
		snprintf(login, sizeof login, "u%05lld", (long long)i);
		snprintf(name, sizeof name, "Person %lld", (long long)i);
		snprintf(email, sizeof email, "%s@bench.example", login);
		int roles = ROLE_PUBLISHER;
		if (i % 20 == 0) {
			roles |= ROLE_EDITOR | ROLE_CREATOR;
			editors[neditors++] = i;
		}
		if (i % 10 < 3) {
			roles |= ROLE_CREATOR;
			creators[ncreators++] = i;
		}
		sqlite3_bind_text(q, 1, login, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 3, email, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(q, 4, 1 + pick(nteams));
		sqlite3_bind_int(q, 5, roles);
		sqlite3_bind_int(q, 6, pick(100) < 95);
		sqlite3_bind_int64(q, 7, t0 - 86400);
		sqlite3_bind_int64(q, 8, t0 - 86400);
		run(q, "people");
	}
	sqlite3_finalize(q);

	ev_st = prep("INSERT INTO events(at, actor_id, entity, entity_id, action, detail) VALUES(?, ?, ?, ?, ?, ?)");
	sqlite3_stmt *cq = prep("INSERT INTO content(id, title, body, kind, creator_id, editor_id, pillar_id, "
				"campaign_id, message_type_id, stage, reject_reason, created_at, stage_at, version, "
				"updated_at, updated_by) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_stmt *mq = prep("INSERT INTO content_media(content_id, path, position) VALUES(?, ?, 0)");
	sqlite3_stmt *msq = prep("INSERT INTO messages(content_id, platform_id, variant, text, approved_by, "
				 "approved_at, created_at, updated_at, updated_by) VALUES(?, ?, 1, ?, ?, ?, ?, ?, ?)");
	/* Every generated share has its figures: figures_at is when they came. */
	sqlite3_stmt *sq = prep("INSERT INTO shares(message_id, person_id, platform_id, shared_at, url, clicks, "
				"reactions, comments, reshares, impressions, updated_at, updated_by, figures_at) "
				"VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?11)");
	sqlite3_stmt *coq = prep("INSERT INTO comments(content_id, person_id, body, created_at) VALUES(?, ?, ?, ?)");
	/* Shares per shared item, so that everything lands near the target. */
	int64_t budget_shares = target_events * 3 / 10;
	int64_t nshared_items = ncontent * 75 / 100;
	int max_shares = (int)(2 * budget_shares / (nshared_items * 2) + 1);
	int64_t message_id = 0, share_id = 0, ncomments = 0;
	char detail[256], text[256];
	for (int64_t id = 1; id <= ncontent; id++) {
		int64_t created = t0 + span * (id - 1) / ncontent;
		int64_t creator = creators[pick(ncreators)], editor = editors[pick(neditors)];
		/* The newest items are still in the pipeline; older ones were decided. */
		int64_t age = ncontent - id;
		const char *stage;
		int r = (int)pick(100);
		if (age < ncontent / 50)
			stage = "inbox";
		else if (age < ncontent * 3 / 100)
			stage = "editing";
		else if (age < ncontent * 5 / 100)
			stage = "ready";
		else
			stage = r < 80 ? "shared" : r < 90 ? "rejected" : "archived";
		int taken = strcmp(stage, "inbox") != 0;
		int approved = taken && strcmp(stage, "editing") != 0 && strcmp(stage, "rejected") != 0;
		int shared = strcmp(stage, "shared") == 0 || (strcmp(stage, "archived") == 0 && r % 2);
		int64_t stage_at = created + (taken ? 3600 : 0) + (approved ? 86400 : 0);
		char title[96], body[400];
		snprintf(title, sizeof title, "Item %lld: what team %lld learned this week", (long long)id,
			 (long long)(1 + pick(nteams)));
		snprintf(body, sizeof body, "A story from the floor, number %lld. It happened on a Tuesday; "
			 "the customer called, and we had an answer ready within the hour. Here is how.",
			 (long long)id);
		sqlite3_bind_int64(cq, 1, id);
		sqlite3_bind_text(cq, 2, title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(cq, 3, body, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(cq, 4, kinds[pick(5)], -1, SQLITE_STATIC);
		sqlite3_bind_int64(cq, 5, creator);
		if (taken)
			sqlite3_bind_int64(cq, 6, editor);
		sqlite3_bind_int64(cq, 7, 1 + pick(6));
		if (pick(3) == 0)
			sqlite3_bind_int64(cq, 8, 1 + (ncampaigns - 1) * (id - 1) / ncontent);
		sqlite3_bind_int64(cq, 9, 1 + pick(5));
		sqlite3_bind_text(cq, 10, stage, -1, SQLITE_STATIC);
		if (strcmp(stage, "rejected") == 0)
			sqlite3_bind_text(cq, 11, "off-strategy for this quarter", -1, SQLITE_STATIC);
		sqlite3_bind_int64(cq, 12, created);
		sqlite3_bind_int64(cq, 13, stage_at);
		sqlite3_bind_int(cq, 14, 1 + taken + approved + shared);
		sqlite3_bind_int64(cq, 15, stage_at);
		sqlite3_bind_int64(cq, 16, taken ? editor : creator);
		run(cq, "content");
		snprintf(detail, sizeof detail, "{\"title\":\"Item %lld\",\"kind\":\"story\",\"media\":%d}",
			 (long long)id, id % 2 ? 1 : 0);
		event(created, creator, "content", id, "submit", detail);
		if (id % 2) {
			char media[64];
			snprintf(media, sizeof media, "/srv/share/media/%lld.jpg", (long long)id);
			sqlite3_bind_int64(mq, 1, id);
			sqlite3_bind_text(mq, 2, media, -1, SQLITE_TRANSIENT);
			run(mq, "media");
		}
		if (taken)
			event(created + 3600, editor, "content", id, "take", "{\"from\":\"inbox\",\"to\":\"editing\"}");
		if (strcmp(stage, "rejected") == 0)
			event(created + 7200, editor, "content", id, "reject",
			      "{\"from\":\"editing\",\"to\":\"rejected\",\"reason\":\"off-strategy for this quarter\"}");
		if (!approved)
			continue;
		int nmsg = 1 + (int)pick(2);
		int64_t first_msg = message_id + 1;
		for (int m = 0; m < nmsg; m++) {
			int plat = (int)((id + m) % 5) + 1;
			snprintf(text, sizeof text, "Item %lld on %s: how we answered within the hour. #story",
				 (long long)id, platform_keys[plat - 1]);
			sqlite3_bind_int64(msq, 1, id);
			sqlite3_bind_int(msq, 2, plat);
			sqlite3_bind_text(msq, 3, text, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(msq, 4, editor);
			sqlite3_bind_int64(msq, 5, stage_at);
			sqlite3_bind_int64(msq, 6, created + 7200);
			sqlite3_bind_int64(msq, 7, created + 7200);
			sqlite3_bind_int64(msq, 8, editor);
			run(msq, "messages");
			message_id++;
			snprintf(detail, sizeof detail, "{\"content\":%lld,\"platform\":\"%s\"}", (long long)id,
				 platform_keys[plat - 1]);
			event(created + 7200, editor, "message", message_id, "message", detail);
		}
		event(stage_at, editor, "content", id, "approve", "{\"from\":\"editing\",\"to\":\"ready\"}");
		if (!shared)
			continue;
		event(stage_at + 600, 1 + pick(npeople), "content", id, "shared", "{\"from\":\"ready\",\"to\":\"shared\"}");
		int nshares = 1 + (int)pick(max_shares);
		for (int k = 0; k < nshares; k++) {
			int64_t mid = first_msg + pick(nmsg), who = 1 + pick(npeople);
			int64_t at = stage_at + 600 + pick(14 * 86400);
			if (at > now)
				at = now - pick(3600);
			int plat = (int)((id + (mid - first_msg)) % 5) + 1;
			char url[80];
			snprintf(url, sizeof url, "https://social.example/%s/%lld", platform_keys[plat - 1],
				 (long long)share_id + 1);
			int64_t impressions = 100 + pick(5000);
			sqlite3_bind_int64(sq, 1, mid);
			sqlite3_bind_int64(sq, 2, who);
			sqlite3_bind_int(sq, 3, plat);
			sqlite3_bind_int64(sq, 4, at);
			if (pick(10) < 3)
				sqlite3_bind_text(sq, 5, url, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(sq, 6, impressions / 50);
			sqlite3_bind_int64(sq, 7, impressions / 30);
			sqlite3_bind_int64(sq, 8, pick(5));
			sqlite3_bind_int64(sq, 9, pick(3));
			sqlite3_bind_int64(sq, 10, impressions);
			sqlite3_bind_int64(sq, 11, at);
			sqlite3_bind_int64(sq, 12, who);
			run(sq, "shares");
			share_id++;
			snprintf(detail, sizeof detail, "{\"message\":%lld,\"content\":%lld,\"platform\":\"%s\"}",
				 (long long)mid, (long long)id, platform_keys[plat - 1]);
			event(at, who, "share", share_id, "share", detail);
		}
	}
	/* The rest of the log: conversations (comments with their events), then edits. */
	while (nevents < target_events) {
		int64_t id = 1 + pick(ncontent), who = 1 + pick(npeople);
		int64_t at = t0 + span * (id - 1) / ncontent + pick(7 * 86400);
		if (at > now)
			at = now - pick(3600);
		if (ncomments < target_events / 8) {
			snprintf(text, sizeof text, "Nice one — could we add the customer's quote? (%lld)",
				 (long long)ncomments + 1);
			sqlite3_bind_int64(coq, 1, id);
			sqlite3_bind_int64(coq, 2, who);
			sqlite3_bind_text(coq, 3, text, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(coq, 4, at);
			run(coq, "comments");
			ncomments++;
			snprintf(detail, sizeof detail, "{\"comment\":%lld}", (long long)ncomments);
			event(at, who, "content", id, "comment", detail);
		} else {
			event(at, editors[pick(neditors)], "content", id, "edit", "{\"body_bytes\":180}");
		}
	}
	sqlite3_finalize(ev_st);
	sqlite3_finalize(cq);
	sqlite3_finalize(mq);
	sqlite3_finalize(msq);
	sqlite3_finalize(sq);
	sqlite3_finalize(coq);
	exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'");
	/* The audit chain over every event, as the migration that added it
	 * makes it: chorus doctor reads it whole on this file. */
	struct store hs;
	memset(&hs, 0, sizeof hs);
	hs.db = db;
	if (audit_hash_all(&hs, &e) != CH_OK) {
		fprintf(stderr, "gen: %s\n", e.msg);
		return 1;
	}
	exec("COMMIT");
	exec("PRAGMA journal_mode=WAL");
	sqlite3_close(db);
	free(editors);
	free(creators);
	printf("%lld people, %lld content, %lld messages, %lld shares, %lld comments, %lld events\n",
	       (long long)npeople, (long long)ncontent, (long long)message_id, (long long)share_id,
	       (long long)ncomments, (long long)nevents);
	return 0;
}
