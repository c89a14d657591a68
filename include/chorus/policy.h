/* policy.h — the fair-use policy: PCRE2 rules that flag text.
 * Most rules inform or warn and explain; a few block (approval is refused).
 * Rules are compiled once, in UTF mode, with match and depth limits so that no
 * pattern can hang chorus: a rule that hits a limit is reported as too expensive. */
#ifndef CHORUS_POLICY_H
#define CHORUS_POLICY_H

#include "chorus/strategy.h"

struct policy;   /* compiled rules with their match data */

struct policy_match {
	const struct policy_rule *rule;  /* owned by the policy */
	size_t start, end;               /* byte offsets into the text */
	int line, column;                /* 1-based; column counts characters */
	int too_expensive;               /* the rule hit its limit; start/end are 0 */
};

/* Compile rules (copied).  An invalid pattern: CH_INVALID, naming the rule,
 * PCRE2's message and the offset in the pattern. */
int policy_compile(const struct policy_rule *rules, int n, struct policy **out, struct err *e);
/* Compile the rules stored in the database. */
int policy_load(struct store *s, struct policy **out, struct err *e);
void policy_free(struct policy *p);

/* Check one pattern only (for the strategy editor): CH_OK or CH_INVALID with message and offset. */
int policy_pattern_valid(const char *pattern, struct err *e);

/* Every match of every rule in text, in text order.  Free with free().
 * Returns the worst severity found (SEV_NONE when none). */
int policy_check(struct policy *p, const char *text, struct policy_match **out, int *n);

#endif
