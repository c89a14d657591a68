/* strategy_schema.h — the rules of every field of the strategy, once.
 *
 * One table per kind (goal, audience, pillar, platform, message type, policy
 * rule) and one for the options: each field's key in the YAML file
 * (chorus-strategy(5)), the map it sits in there, its label and hint in the
 * strategy panel's form, its type, whether it is required, its limits, and
 * where it lives in the struct of strategy.h.  The YAML reader builds its
 * maps from these tables, the form its fields, and every core write checks
 * an entity against them, so the CLI, the TUI and an import refuse the same
 * things with the same words.
 *
 * The order of a table is the form's: key fields first, free text last. */
#ifndef CHORUS_STRATEGY_SCHEMA_H
#define CHORUS_STRATEGY_SCHEMA_H

#include <stddef.h>
#include "chorus/strategy.h"

enum strategy_ftype {
	SF_NAME,      /* one line, not blank: a natural key (unique ignoring case) */
	SF_LINE,      /* one line, may be empty */
	SF_TEXT,      /* free text: newlines and tabs allowed */
	SF_KEY,       /* a platform key: [a-z0-9_-]+ */
	SF_URL,       /* empty, or http(s)://host... without spaces */
	SF_COLOUR,    /* empty, or a colour of src/util/colour.h */
	SF_PERIOD,    /* empty, or a calendar period: 2026, 2026-H2, 2026-Q4, 2026-11 */
	SF_PATTERN,   /* a PCRE2 pattern that compiles */
	SF_SEVERITY,  /* info, warn or block (an enum severity) */
	SF_INT,       /* a whole number in [lo, hi] (an int) */
	SF_NUM,       /* a finite number in [lo, hi] (a double) */
	SF_BOOL,      /* true or false (an int) */
	SF_NAMES,     /* names of another kind's entities (char **, int count) */
	SF_TYPES
};
/* The types up to SF_PATTERN hold text (a char *). */
#define SF_IS_TEXT(t) ((t) <= SF_PATTERN)

struct strategy_field {
	const char *key;            /* in the file */
	const char *group;          /* the file's nested map it sits in ("kpi"), or NULL */
	const char *label;          /* in the form, and (first letter lowered) in messages */
	const char *hint;           /* under the field in the form */
	enum strategy_ftype type;
	int required;               /* the file must have it */
	size_t off;                 /* in the kind's struct (struct strategy for options) */
	size_t count_off;           /* SF_NAMES: the int that counts them */
	double lo, hi;              /* numbers: the range; text and names: hi = most bytes */
	enum strategy_kind ref;     /* SF_NAMES: the kind they name */
};

/* The fields of a kind, ending with key == NULL; the first holds its
 * natural key. */
const struct strategy_field *strategy_fields(enum strategy_kind k);
/* The options (open_enrolment, wip limits, ...), fields of struct strategy. */
const struct strategy_field *strategy_option_fields(void);

/* Why text v (len bytes, may hold NUL) cannot be the value of a text field
 * of this type with at most hi bytes; NULL when it can.  The sentence
 * follows the field's name ("must not be empty"); why holds it when it is
 * made up. */
const char *strategy_text_problem(enum strategy_ftype type, double hi, const char *v, size_t len,
				  char *why, size_t n);
/* The days of a calendar period (SF_PERIOD): "2026" a year, "2026-H2" a
 * half, "2026-Q4" a quarter, "2026-11" a month.  0 and the midnights (UTC)
 * of its first and last day; -1 when v is no such period. */
int strategy_period_days(const char *v, int64_t *first_day, int64_t *last_day);

/* The calendar period a word of old (free-text) KPI periods stands for at
 * time t: "quarter" the quarter of t ("2026-Q4"), "half-year" (or "half")
 * its half, "year" its year, "month" its month (and the Dutch "kwartaal",
 * "halfjaar", "jaar", "maand"); a calendar period already
 * stays as it is.  0 with the period in out; -1 for anything else. */
int strategy_period_of_word(const char *word, int64_t t, char *out, size_t n);

/* The same for a number of an SF_INT or SF_NUM field. */
const char *strategy_number_problem(const struct strategy_field *f, double v, char *why, size_t n);

/* Why field f of entity (a struct of the field's kind) cannot be as it is;
 * NULL when it can. */
const char *strategy_field_problem(const struct strategy_field *f, const void *entity, char *why, size_t n);

/* "colour" for the label "Colour", "KPI target" for itself. */
void strategy_field_name(const struct strategy_field *f, char *out, size_t n);

/* Check entity (a struct goal, ..., of kind k) against its table: CH_OK, or
 * CH_INVALID with "pillar colour: unknown colour ..." in e. */
int strategy_entity_check(enum strategy_kind k, const void *entity, struct err *e);

#endif
