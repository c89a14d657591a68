/* strategy.h — step 1 of the method: goals and their audiences, content
 * pillars, platforms, message types, the fair-use policy rules, and options.
 * Plain create/read/update/delete; masters change, everyone reads. */
#ifndef CHORUS_STRATEGY_H
#define CHORUS_STRATEGY_H

#include "chorus/store.h"

struct goal {
	int64_t id;
	char *title, *description;
	char *kpi_metric;     /* e.g. "shares", "clicks", "reach" */
	double kpi_target;
	char *kpi_period;     /* e.g. "quarter" */
	char **audiences;     /* names */
	int naudiences;
	int version;
};

struct audience {
	int64_t id;
	char *name, *info_need;
	char **platforms;     /* keys */
	int nplatforms;
	int version;
};

struct pillar {
	int64_t id;
	char *name, *description, *colour;
	int version;
};

struct platform {
	int64_t id;
	char *key, *name;
	int max_length;       /* 0 = no limit */
	char *share_url;      /* template with {url} and {text} */
	double cpm, cpc, reaction_multiplier;
	int version;
};

struct message_type {
	int64_t id;
	char *name, *description;
	int version;
};

enum severity { SEV_NONE = 0, SEV_INFO, SEV_WARN, SEV_BLOCK };

struct policy_rule {
	int64_t id;
	char *name, *pattern;
	enum severity severity;
	char *guidance;
	int version;
};

/* The organisation's headcount from a day on (organisation.headcount in
 * chorus-strategy(5)): from is midnight UTC of the day, 0 for a headcount
 * given as one number (all along). */
struct headcount_change {
	int64_t from;
	int count;
};

#define STRATEGY_HEADCOUNT_MAX 10000000   /* people in one organisation, at most */
#define STRATEGY_HEADCOUNT_CHANGES 200
#define STRATEGY_MILESTONES_MAX 8

/* The whole strategy, as import/export see it. */
struct strategy {
	char *organisation;
	/* organisation.headcount: the changes in date order (none: not set) */
	struct headcount_change *headcount; int nheadcount;
	/* organisation.milestones: adoption milestones in percent, rising;
	 * none: the default 1, 5, 10 (strategy_milestones) */
	double milestones[STRATEGY_MILESTONES_MAX]; int nmilestones;
	struct goal *goals;                 int ngoals;
	struct audience *audiences;         int naudiences;
	struct pillar *pillars;             int npillars;
	struct platform *platforms;         int nplatforms;
	struct message_type *message_types; int nmessage_types;
	struct policy_rule *rules;          int nrules;
	/* options */
	int open_enrolment;
	int wip_inbox, wip_editing, wip_ready;  /* 0 = no limit */
	int quiet_weeks;                        /* default 4 */
	double adoption_target;                 /* default 0.10 */
};

const char *severity_name(enum severity s);

/* The headcount of the week starting (Monday, midnight UTC) at week_start:
 * the last change dated on or before that week's Sunday; 0 when none is. */
int strategy_headcount_at(const struct headcount_change *h, int n, int64_t week_start);
/* Read only the headcount's changes and the milestones into st (zeroed
 * otherwise), inside the caller's transaction or not. */
int strategy_load_headcount(struct store *s, struct strategy *st, struct err *e);
/* The milestones in use: st's, else the default 1, 5, 10; how many. */
int strategy_milestones(const struct strategy *st, double out[STRATEGY_MILESTONES_MAX]);
/* What is wrong with a headcount and milestones (dates rising and distinct,
 * counts 1..STRATEGY_HEADCOUNT_MAX, a number given alone, milestones rising
 * in (0, 100]), in words into why; NULL when nothing.  *index is the change
 * or milestone at fault (-1: the whole). */
const char *strategy_headcount_problem(const struct strategy *st, int *index, const char **field,
				       char *why, size_t n);
int severity_parse(const char *name);   /* -1 when unknown */

/* Create one entity (masters); id of the new row in *id (may be NULL). */
int goal_add(struct store *s, const struct goal *g, int64_t *id, struct err *e);
int audience_add(struct store *s, const struct audience *a, int64_t *id, struct err *e);
int pillar_add(struct store *s, const struct pillar *p, int64_t *id, struct err *e);
int platform_add(struct store *s, const struct platform *p, int64_t *id, struct err *e);
int message_type_add(struct store *s, const struct message_type *t, int64_t *id, struct err *e);
int policy_rule_add(struct store *s, const struct policy_rule *r, int64_t *id, struct err *e);

/* Update by id with the version the caller saw (0 = any). */
int goal_update(struct store *s, const struct goal *g, struct err *e);
int audience_update(struct store *s, const struct audience *a, struct err *e);
int pillar_update(struct store *s, const struct pillar *p, struct err *e);
int platform_update(struct store *s, const struct platform *p, struct err *e);
int message_type_update(struct store *s, const struct message_type *t, struct err *e);
int policy_rule_update(struct store *s, const struct policy_rule *r, struct err *e);

/* Delete by id; refused (CH_FAILED, naming what refers to it) when still used. */
enum strategy_kind { SK_GOAL, SK_AUDIENCE, SK_PILLAR, SK_PLATFORM, SK_MESSAGE_TYPE, SK_RULE };
int strategy_delete(struct store *s, enum strategy_kind kind, int64_t id, struct err *e);
/* Swap an entity with its neighbour in display order (dir -1 up, +1 down). */
int strategy_move(struct store *s, enum strategy_kind kind, int64_t id, int dir, struct err *e);

/* Any kind's entity, for code that treats them alike (the strategy panel's
 * form, an import): every kind's struct starts with its id. */
union strategy_entity {
	int64_t id;
	struct goal goal;
	struct audience audience;
	struct pillar pillar;
	struct platform platform;
	struct message_type message_type;
	struct policy_rule rule;
};
/* Entity i of kind k in st, how many st has, its natural key (goal title,
 * platform key, the others' name) and its id. */
const void *strategy_entity(const struct strategy *st, enum strategy_kind k, int i);
int strategy_count(const struct strategy *st, enum strategy_kind k);
const char *strategy_key(const struct strategy *st, enum strategy_kind k, int i);
int64_t strategy_id(const struct strategy *st, enum strategy_kind k, int i);
/* The version the entity of kind k was read at. */
int strategy_entity_version(enum strategy_kind k, const void *entity);
/* Add (id 0) or update (id, with the version the caller saw; 0 = any) the
 * entity of kind k, whatever its own id and version say; the new id in *nid
 * (may be NULL). */
int strategy_save(struct store *s, enum strategy_kind k, const void *entity, int64_t id, int version,
		  int64_t *nid, struct err *e);

/* Load the whole strategy, in display order. */
int strategy_load(struct store *s, struct strategy *st, struct err *e);
void strategy_free(struct strategy *st);

#endif
