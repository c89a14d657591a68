/* strategy_schema.c — the field rules of the strategy (see strategy_schema.h):
 * the tables, and the checks every writer of the strategy goes through. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "chorus/i18n.h"
#include "chorus/policy.h"
#include "chorus/strategy_apply.h"
#include "chorus/strategy_schema.h"
#include "../util/colour.h"
#include "../util/timeutil.h"

#define END_FIELDS { .key = NULL }
#define AT(type, member) .off = offsetof(type, member)

/* The limits are chorus-strategy(5)'s. */
static const struct strategy_field goal_fields[] = {
	{ "title", NULL, N_("Title"), N_("what the programme wants to achieve"), SF_NAME, 1,
	  AT(struct goal, title), .hi = 127 },
	{ "metric", "kpi", N_("KPI metric"),
	  N_("shares, clicks, reach, reactions, comments, reshares, engagement, emv, ambassadors"), SF_LINE, 0,
	  AT(struct goal, kpi_metric), .hi = 63 },
	{ "target", "kpi", N_("KPI target"), N_("a number; empty is 0"), SF_NUM, 0, AT(struct goal, kpi_target),
	  .lo = 0, .hi = 1e12 },
	{ "period", "kpi", N_("KPI period"), N_("2026 (a year), 2026-H2, 2026-Q4 or 2026-11; empty: the report's"),
	  SF_PERIOD, 0, AT(struct goal, kpi_period), .hi = 63 },
	{ "audiences", NULL, N_("Audiences"), N_("audience names, comma-separated"), SF_NAMES, 0,
	  AT(struct goal, audiences), .count_off = offsetof(struct goal, naudiences), .hi = 95,
	  .ref = SK_AUDIENCE },
	{ "description", NULL, N_("Description"), "", SF_TEXT, 0, AT(struct goal, description), .hi = 4096 },
	END_FIELDS
};

static const struct strategy_field audience_fields[] = {
	{ "name", NULL, N_("Name"), N_("who the programme wants to reach"), SF_NAME, 1, AT(struct audience, name),
	  .hi = 95 },
	{ "platforms", NULL, N_("Platforms"), N_("platform keys, comma-separated"), SF_NAMES, 0,
	  AT(struct audience, platforms), .count_off = offsetof(struct audience, nplatforms), .hi = 31,
	  .ref = SK_PLATFORM },
	{ "information_need", NULL, N_("Info need"), N_("what this audience wants to know"), SF_TEXT, 0,
	  AT(struct audience, info_need), .hi = 4096 },
	END_FIELDS
};

static const struct strategy_field pillar_fields[] = {
	{ "name", NULL, N_("Name"), N_("a theme to tell stories about"), SF_NAME, 1, AT(struct pillar, name), .hi = 63 },
	{ "colour", NULL, N_("Colour"), N_("a name such as green or teal, 0-255, or #rrggbb; empty: none"), SF_COLOUR, 0,
	  AT(struct pillar, colour), .hi = 15 },
	{ "description", NULL, N_("Description"), "", SF_TEXT, 0, AT(struct pillar, description), .hi = 4096 },
	END_FIELDS
};

static const struct strategy_field platform_fields[] = {
	{ "key", NULL, N_("Key"), N_("lower-case letters, digits, '_' or '-': linkedin, bluesky"), SF_KEY, 1,
	  AT(struct platform, key), .hi = 31 },
	{ "name", NULL, N_("Name"), N_("as people write it"), SF_NAME, 1, AT(struct platform, name), .hi = 63 },
	{ "max_length", NULL, N_("Max length"), N_("characters a post may have; 0 or empty: no limit"), SF_INT, 0,
	  AT(struct platform, max_length), .lo = 0, .hi = 1000000 },
	{ "cpm", "emv", N_("CPM"), N_("EMV: value of 1000 impressions"), SF_NUM, 0, AT(struct platform, cpm),
	  .lo = 0, .hi = 1e6 },
	{ "cpc", "emv", N_("CPC"), N_("EMV: value of a click"), SF_NUM, 0, AT(struct platform, cpc), .lo = 0, .hi = 1e6 },
	{ "reaction_multiplier", "emv", N_("Reaction x"), N_("EMV: a reaction counts as this many clicks"), SF_NUM, 0,
	  AT(struct platform, reaction_multiplier), .lo = 0, .hi = 1e6 },
	{ "share_url", NULL, N_("Share URL"), N_("https://... with {url} and {text}; empty: none"), SF_URL, 0,
	  AT(struct platform, share_url), .hi = 1024 },
	END_FIELDS
};

static const struct strategy_field message_type_fields[] = {
	{ "name", NULL, N_("Name"), N_("a kind of message: news, vacancy, event"), SF_NAME, 1,
	  AT(struct message_type, name), .hi = 63 },
	{ "description", NULL, N_("Description"), "", SF_TEXT, 0, AT(struct message_type, description), .hi = 4096 },
	END_FIELDS
};

static const struct strategy_field rule_fields[] = {
	{ "name", NULL, N_("Name"), N_("what the rule is about"), SF_NAME, 1, AT(struct policy_rule, name), .hi = 63 },
	{ "severity", NULL, N_("Severity"), N_("info, warn or block (block refuses approval)"), SF_SEVERITY, 1,
	  AT(struct policy_rule, severity) },
	{ "pattern", NULL, N_("Pattern"), N_("PCRE2, case-sensitive; (?i) ignores case"), SF_PATTERN, 1,
	  AT(struct policy_rule, pattern), .hi = 4096 },
	{ "guidance", NULL, N_("Guidance"), N_("what the writer should do instead"), SF_TEXT, 0,
	  AT(struct policy_rule, guidance), .hi = 4096 },
	END_FIELDS
};

static const struct strategy_field option_fields[] = {
	{ "open_enrolment", NULL, N_("Open enrolment"), "", SF_BOOL, 0, AT(struct strategy, open_enrolment) },
	{ "inbox", "wip", N_("WIP inbox"), "", SF_INT, 0, AT(struct strategy, wip_inbox), .lo = 0, .hi = 10000 },
	{ "editing", "wip", N_("WIP editing"), "", SF_INT, 0, AT(struct strategy, wip_editing), .lo = 0, .hi = 10000 },
	{ "ready", "wip", N_("WIP ready"), "", SF_INT, 0, AT(struct strategy, wip_ready), .lo = 0, .hi = 10000 },
	{ "quiet_weeks", NULL, N_("Quiet weeks"), "", SF_INT, 0, AT(struct strategy, quiet_weeks), .lo = 1, .hi = 52 },
	{ "adoption_target", NULL, N_("Adoption target"), "", SF_NUM, 0, AT(struct strategy, adoption_target),
	  .lo = 0, .hi = 1 },
	END_FIELDS
};

const struct strategy_field *strategy_fields(enum strategy_kind k)
{
	static const struct strategy_field *const tables[] = {
		[SK_GOAL] = goal_fields, [SK_AUDIENCE] = audience_fields, [SK_PILLAR] = pillar_fields,
		[SK_PLATFORM] = platform_fields, [SK_MESSAGE_TYPE] = message_type_fields, [SK_RULE] = rule_fields,
	};
	return k >= SK_GOAL && k <= SK_RULE ? tables[k] : NULL;
}

const struct strategy_field *strategy_option_fields(void)
{
	return option_fields;
}

void strategy_field_name(const struct strategy_field *f, char *out, size_t n)
{
	snprintf(out, n, "%s", f->label);
	if (out[0] && out[1] && islower((unsigned char)out[1]))
		out[0] = (char)tolower((unsigned char)out[0]);
}

/* One character of strict UTF-8 at s[*i]; -1 when it is not. */
static long utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned c = s[*i];
	size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 :
		   c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	if (!n || *i + n > len)
		return -1;
	unsigned long cp = n == 1 ? c : c & (0x7Fu >> n);
	for (size_t k = 1; k < n; k++) {
		if ((s[*i + k] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (s[*i + k] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i += n;
	return (long)cp;
}

static const char *url_problem(const char *v, size_t len)
{
	size_t scheme = strncmp(v, "https://", 8) == 0 ? 8 : strncmp(v, "http://", 7) == 0 ? 7 : 0;
	if (!scheme)
		return _("must start with https:// or http://");
	if (scheme == len || v[scheme] == '/')
		return _("needs a host after the ://");
	if (strcspn(v, " \t") != len)
		return _("must not contain spaces (write them as %20)");
	return NULL;
}

const char *strategy_text_problem(enum strategy_ftype type, double hi, const char *v, size_t len,
				  char *why, size_t n)
{
	int multiline = type == SF_TEXT;
	for (size_t i = 0; i < len;) {
		long cp = utf8_next((const unsigned char *)v, len, &i);
		if (cp < 0)
			return _("is not valid UTF-8");
		if (cp == 0)
			return _("contains a NUL character");
		if ((cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) &&
		    !(multiline && (cp == '\n' || cp == '\t' || cp == '\r'))) {
			if (cp == '\n')
				return _("must be one line");
			snprintf(why, n, _("contains a control character (U+%04lX)"), (unsigned long)cp);
			return why;
		}
	}
	if (len > (size_t)hi) {
		snprintf(why, n, _("is too long: %zu bytes, at most %.0f"), len, hi);
		return why;
	}
	if ((type == SF_NAME || type == SF_KEY || type == SF_PATTERN) && strspn(v, " \t") == len)
		return _("must not be empty");
	if (type == SF_KEY && strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-") != len)
		return _("use lower-case letters, digits, '_' or '-' only");
	if (type == SF_URL && len)
		return url_problem(v, len);
	int64_t d0, d1;
	if (type == SF_PERIOD && len && (strlen(v) != len || strategy_period_days(v, &d0, &d1) < 0))
		return _("must be a calendar period: 2026 (a year), 2026-H2, 2026-Q4 or 2026-11");
	struct colour c;
	if (type == SF_COLOUR && len && colour_parse(v, &c, why, n) < 0)
		return why;
	if (type == SF_PATTERN) {
		struct err pe = {0};
		if (policy_pattern_valid(v, &pe) != CH_OK) {
			snprintf(why, n, "%s", pe.msg);   /* PCRE2's words */
			return why;
		}
	}
	return NULL;
}

int strategy_period_days(const char *v, int64_t *first_day, int64_t *last_day)
{
	/* months counted as time_month_start counts them: year * 12 + month - 1 */
	int y = 0, k = 0, m0, m1;
	char c = 0, rest = 0;
	if (strlen(v) == 4 && sscanf(v, "%4d%c", &y, &rest) == 1) {
		m0 = 0, m1 = 11;
	} else if (strlen(v) == 7 && sscanf(v, "%4d-%c%1d%c", &y, &c, &k, &rest) == 3 && (c == 'H' || c == 'Q')) {
		int len = c == 'H' ? 6 : 3;
		if (k < 1 || k > 12 / len)
			return -1;
		m0 = (k - 1) * len, m1 = m0 + len - 1;
	} else if (strlen(v) == 7 && sscanf(v, "%4d-%2d%c", &y, &k, &rest) == 2 && isdigit((unsigned char)v[5])) {
		if (k < 1 || k > 12)
			return -1;
		m0 = m1 = k - 1;
	} else {
		return -1;
	}
	if (!isdigit((unsigned char)v[0]) || y < 1970 || y > 9999)
		return -1;
	*first_day = time_month_start((int64_t)y * 12 + m0);
	*last_day = time_month_start((int64_t)y * 12 + m1 + 1) - 86400;
	return 0;
}

int strategy_period_of_word(const char *word, int64_t t, char *out, size_t n)
{
	int64_t d0, d1, m = time_month_of(t);
	int y = (int)time_floordiv(m, 12), mo = (int)(m - (int64_t)y * 12);   /* 0..11 */
	if (strategy_period_days(word, &d0, &d1) == 0)
		snprintf(out, n, "%s", word);
	else if (strcasecmp(word, "quarter") == 0 || strcasecmp(word, "kwartaal") == 0)
		snprintf(out, n, "%04d-Q%d", y, mo / 3 + 1);
	else if (strcasecmp(word, "half-year") == 0 || strcasecmp(word, "half") == 0 ||
		 strcasecmp(word, "halfjaar") == 0)
		snprintf(out, n, "%04d-H%d", y, mo / 6 + 1);
	else if (strcasecmp(word, "year") == 0 || strcasecmp(word, "jaar") == 0)
		snprintf(out, n, "%04d", y);
	else if (strcasecmp(word, "month") == 0 || strcasecmp(word, "maand") == 0)
		snprintf(out, n, "%04d-%02d", y, mo + 1);
	else
		return -1;
	return 0;
}

const char *strategy_number_problem(const struct strategy_field *f, double v, char *why, size_t n)
{
	if (!isfinite(v) || v < f->lo || v > f->hi) {
		snprintf(why, n, _("must be from %.10g to %.10g"), f->lo, f->hi);
		return why;
	}
	return NULL;
}

static const void *at(const void *base, size_t off)
{
	return (const char *)base + off;
}

const char *strategy_field_problem(const struct strategy_field *f, const void *entity, char *why, size_t n)
{
	switch (f->type) {
	case SF_INT:
		return strategy_number_problem(f, *(const int *)at(entity, f->off), why, n);
	case SF_NUM:
		return strategy_number_problem(f, *(const double *)at(entity, f->off), why, n);
	case SF_BOOL:
		return NULL;
	case SF_SEVERITY: {
		enum severity s = *(const enum severity *)at(entity, f->off);
		return s >= SEV_INFO && s <= SEV_BLOCK ? NULL : "must be info, warn or block";
	}
	case SF_NAMES: {
		char *const *names = *(char *const *const *)at(entity, f->off);
		int count = *(const int *)at(entity, f->count_off);
		for (int i = 0; i < count; i++) {
			const char *p = strategy_text_problem(SF_NAME, f->hi, names[i] ? names[i] : "",
							      names[i] ? strlen(names[i]) : 0, why, n);
			if (p)
				return p;
			for (int j = 0; j < i; j++)
				if (strcmp(names[i], names[j]) == 0) {
					snprintf(why, n, _("\"%.100s\" is listed twice"), names[i]);
					return why;
				}
		}
		return NULL;
	}
	default: {
		const char *v = *(const char *const *)at(entity, f->off);
		if (!v)
			return f->required ? _("must not be empty") : NULL;
		return strategy_text_problem(f->type, f->hi, v, strlen(v), why, n);
	}
	}
}

int strategy_entity_check(enum strategy_kind k, const void *entity, struct err *e)
{
	char why[512], name[64];
	for (const struct strategy_field *f = strategy_fields(k); f && f->key; f++) {
		const char *problem = strategy_field_problem(f, entity, why, sizeof why);
		if (problem) {
			strategy_field_name(f, name, sizeof name);
			return err_set(e, CH_INVALID, "%s %s: %s", _(strategy_kind_name(k, 0)), name, problem);
		}
	}
	return CH_OK;
}
