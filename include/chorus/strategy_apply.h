/* strategy_apply.h — make the stored strategy equal to a whole new one
 * (chorus strategy import; the strategy panel's import).
 *
 * Entities are matched by their natural key (goal title, audience name,
 * pillar name, platform key, message type name, rule name): a match is
 * updated when it differs, a new key is added, a key the new strategy lacks
 * is removed, and the order of each list becomes the display order.  An
 * entity still used by content, messages, shares, campaigns or handles is
 * never removed: the whole import is refused, naming each one.  Everything
 * happens in one transaction, recorded as one audit event (entity
 * "strategy", action "import") next to the events of each change. */
#ifndef CHORUS_STRATEGY_APPLY_H
#define CHORUS_STRATEGY_APPLY_H

#include "chorus/strategy.h"

#define STRATEGY_KINDS 6

/* One change, in the order it is shown: per kind, list order. */
struct strategy_change {
	enum strategy_kind kind;
	char action;              /* '+' added, '~' changed, '-' removed, '>' reordered */
	char *name;               /* the natural key; NULL for '>' */
};

struct strategy_diff {
	int added[STRATEGY_KINDS], changed[STRATEGY_KINDS], removed[STRATEGY_KINDS];
	int reordered[STRATEGY_KINDS];
	int organisation;         /* the organisation's name changes */
	int options;              /* some option changes */
	int headcount;            /* the headcount or the milestones change */
	struct strategy_change *changes;
	int nchanges;
	/* When applying failed on one entity of the new strategy: its kind and
	 * index there (so the caller can say where it is in the file); -1 else. */
	int fail_kind, fail_index;
};

/* Make the database's strategy equal to want (masters only; CH_FAILED for
 * others and for removals of what is in use).  source names where want came
 * from, for the audit log.  dry_run: do it all, fill d, then roll back, so a
 * dry run meets every problem the real one would.  Must be the outermost
 * transaction when dry_run is set. */
int strategy_apply(struct store *s, const struct strategy *want, const char *source, int dry_run,
		   struct strategy_diff *d, struct err *e);
void strategy_diff_free(struct strategy_diff *d);

/* "3 added, 1 changed, 0 removed[, the organisation's name][, the options][, the headcount]" */
void strategy_diff_totals(const struct strategy_diff *d, char *out, size_t n);
/* Nothing would change. */
int strategy_diff_empty(const struct strategy_diff *d);

/* "goal" / "goals", ... for messages. */
const char *strategy_kind_name(enum strategy_kind k, int plural);

/* Set the organisation's headcount and milestones as st has them (the rest
 * of st is not looked at), audited; masters only.  CH_INVALID, naming the
 * field, when they break the rules of strategy_headcount_problem. */
int strategy_set_headcount(struct store *s, const struct strategy *st, struct err *e);
/* Set the organisation's name (meta 'organisation'); masters only. */
int strategy_set_organisation(struct store *s, const char *name, struct err *e);
/* Put an entity at a display position (1 = first), without touching its
 * version: order is not content.  Masters only. */
int strategy_set_position(struct store *s, enum strategy_kind k, int64_t id, int position, struct err *e);

/* Set the options (masters): each option that differs between seen (what
 * the user started from) and want is written, checked by the schema's rules;
 * the others stay as stored.  An option the user changed that someone else
 * changed too since seen is a conflict (CH_BUSY, ERR_CONFLICT) and nothing
 * is written.  One audit event (strategy, options) lists the new values;
 * *changed counts them (0: nothing to do, no event). */
int strategy_options_set(struct store *s, const struct strategy *seen, const struct strategy *want,
			 int *changed, struct err *e);

#endif
