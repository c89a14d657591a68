/* policy.c — the fair-use policy engine: PCRE2 rules that flag text.
 *
 * This file owns the compiled form of the policy rules and the search for
 * their matches.  Rules are compiled once (policy_compile / policy_load) and
 * keep their match data, so checking a text never recompiles anything.
 *
 * Decisions a rule author or caller should know about:
 *
 * - Patterns are PCRE2 in UTF mode with Unicode properties (PCRE2_UTF |
 *   PCRE2_UCP): \w, \b and \d know "é" and "ü".  Matching is case-sensitive;
 *   a rule that wants to ignore case says so itself with (?i).  \C (one code
 *   unit, which could split a character) is refused, so every match starts
 *   and ends on a character boundary.  CR, LF and CRLF all end a line for
 *   ^, $ and . (texts arrive from files written on any system).
 *
 * - No pattern can hang chorus: every match runs under a match limit and a
 *   depth limit, without JIT (the limits apply reliably to the interpreter).
 *   PCRE2 counts the limit per starting position, so a long text with an
 *   ordinary pattern never trips it; a catastrophic pattern such as (a+)+$
 *   trips it within about a millisecond.  Because it is per position, a
 *   pattern that stays just under it everywhere, such as (?:a|a){0,15}c on
 *   4,000 a's, would take the limit times the length (37 s; an input made
 *   by hand for the policy fuzz harness).  So each position gets the budget
 *   of the whole text shared out over its positions, never less than
 *   POLICY_MIN_LIMIT (and the whole limit for a pattern anchored at \A,
 *   which tries one position only).  Even so, a pattern such as \w{0,998}c
 *   or (?:a|a){0,8}$ costs hundreds of steps at every one of a 1 MB text's
 *   positions (12-16 s).  So the clock bounds it too: all rules together
 *   get POLICY_BUDGET_NS of CPU time per text, each rule the rest of it shared out over
 *   the rules still to run; PCRE2 tries at most POLICY_WINDOW starting
 *   positions per call (pcre2_set_offset_limit) and the clock is read
 *   between calls.  A rule that hits a limit or its time (or fails in any
 *   other way) is reported once as too_expensive, keeping the matches it
 *   found before; it never decides the severity.
 *
 * - Text that is not valid UTF-8 is still checked, so that one stray byte
 *   cannot switch the policy off: each byte of an invalid sequence is
 *   replaced, in a private copy, by ASCII SUB (0x1A, the "substitute"
 *   character), which no sensible rule matches.  Byte offsets therefore stay
 *   those of the caller's text, and each such byte counts as one column.
 *
 * - One rule reports at most POLICY_MAX_HITS matches per text: beyond that
 *   the point is made, and memory stays bounded on a 1 MiB text.
 *
 * - An empty match (a rule made of assertions, such as (?s)\A(?!.*#ad) for
 *   "a sponsored post must say #ad") is a match: it is reported at its
 *   position with start == end.
 *
 * A struct policy keeps mutable match data: check one text at a time with it.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chorus/i18n.h"
#include "chorus/policy.h"
#include "../util/utf8.h"

/* The time this thread has run: the budget is work done, not the wall
 * clock, so a loaded machine does not turn a sane rule too expensive. */
static int64_t policy_now_ns(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
		clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Backtracking steps allowed per starting position; (a+)+$ on 31 characters
 * needs about a billion, every sane rule needs a few hundred. */
#define POLICY_MATCH_LIMIT 100000
/* The budget of one rule on one text, shared out over its starting
 * positions, and the least any position gets (a sane rule needs tens). */
#define POLICY_TEXT_LIMIT 1000000
#define POLICY_MIN_LIMIT 1000
/* Nested backtracking frames (bounds the heap PCRE2 uses, too): a repeated
 * group may iterate this often in one match. */
#define POLICY_DEPTH_LIMIT 5000
#define POLICY_MAX_HITS 1000
/* The time all rules together may take on one text, and how many starting
 * positions one call to PCRE2 may try before the clock is looked at. */
#define POLICY_BUDGET_NS 100000000LL
#define POLICY_WINDOW 256
#define POLICY_WINDOW_MAX 4096
/* What stands in for a byte of invalid UTF-8 while matching. */
#define POLICY_SUBSTITUTE 0x1A

struct policy_compiled {
	pcre2_code *code;
	pcre2_match_data *md;
};

struct policy {
	struct policy_rule *rules;       /* deep copies, in the caller's order */
	struct policy_compiled *comp;    /* one per rule */
	int n;
	pcre2_match_context *mctx;       /* the limits, shared by every rule */
};

/* --- severities ------------------------------------------------------- */

const char *severity_name(enum severity s)
{
	switch (s) {
	case SEV_NONE:  return "none";
	case SEV_INFO:  return "info";
	case SEV_WARN:  return "warn";
	case SEV_BLOCK: return "block";
	}
	return "unknown";
}

/* Only the three a rule can have: "none" is the absence of a match. */
int severity_parse(const char *name)
{
	if (!name)
		return -1;
	if (strcmp(name, "info") == 0)
		return SEV_INFO;
	if (strcmp(name, "warn") == 0)
		return SEV_WARN;
	if (strcmp(name, "block") == 0)
		return SEV_BLOCK;
	return -1;
}

/* --- compiling -------------------------------------------------------- */

/* Compile one pattern the way every rule is compiled.  On failure, a
 * sentence in why naming the offset; PCRE2 gives it in bytes, a person
 * counts characters, so it is converted (0-based, as PCRE2's). */
static pcre2_code *compile_pattern(const char *pattern, char *why, size_t whylen)
{
	pcre2_compile_context *cctx = pcre2_compile_context_create(NULL);
	if (!cctx) {
		snprintf(why, whylen, _("out of memory"));
		return NULL;
	}
	pcre2_set_newline(cctx, PCRE2_NEWLINE_ANYCRLF);
	int code = 0;
	PCRE2_SIZE off = 0;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C | PCRE2_USE_OFFSET_LIMIT,
				       &code, &off, cctx);
	pcre2_compile_context_free(cctx);
	if (re)
		return re;
	PCRE2_UCHAR msg[256];
	if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
		snprintf((char *)msg, sizeof msg, _("error %d"), code);
	size_t plen = strlen(pattern);
	size_t chars = utf8_count(pattern, off < plen ? off : plen);
	snprintf(why, whylen, _("invalid pattern at offset %zu: %s"), chars, (const char *)msg);
	return NULL;
}

int policy_pattern_valid(const char *pattern, struct err *e)
{
	if (!pattern || !*pattern)
		return err_set(e, CH_INVALID, _("the pattern is empty"));
	char why[512];
	pcre2_code *re = compile_pattern(pattern, why, sizeof why);
	if (!re)
		return err_set(e, CH_INVALID, "%s", why);
	pcre2_code_free(re);
	return CH_OK;
}

static char *dup_or_null(const char *s, int *oom)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = 1;
	return d;
}

void policy_free(struct policy *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++) {
		free(p->rules[i].name);
		free(p->rules[i].pattern);
		free(p->rules[i].guidance);
		pcre2_match_data_free(p->comp[i].md);
		pcre2_code_free(p->comp[i].code);
	}
	free(p->rules);
	free(p->comp);
	pcre2_match_context_free(p->mctx);
	free(p);
}

int policy_compile(const struct policy_rule *rules, int n, struct policy **out, struct err *e)
{
	*out = NULL;
	if (n < 0 || (n > 0 && !rules))
		return err_set(e, CH_INVALID, _("internal: no policy rules given"));
	struct policy *p = calloc(1, sizeof *p);
	if (!p)
		return err_set(e, CH_FAILED, _("out of memory"));
	int st = CH_OK;
	p->mctx = pcre2_match_context_create(NULL);
	if (n > 0) {
		p->rules = calloc((size_t)n, sizeof *p->rules);
		p->comp = calloc((size_t)n, sizeof *p->comp);
	}
	if (!p->mctx || (n > 0 && (!p->rules || !p->comp))) {
		st = err_set(e, CH_FAILED, _("out of memory"));
		goto out;
	}
	pcre2_set_match_limit(p->mctx, POLICY_MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, POLICY_DEPTH_LIMIT);

	for (int i = 0; i < n; i++) {
		const struct policy_rule *r = &rules[i];
		const char *name = r->name ? r->name : "";
		/* Count it now, so policy_free releases whatever was copied. */
		p->n = i + 1;
		if (!r->pattern || !*r->pattern) {
			st = err_set(e, CH_INVALID, _("policy rule \"%s\" has no pattern"), name);
			goto out;
		}
		if (r->severity < SEV_INFO || r->severity > SEV_BLOCK) {
			st = err_set(e, CH_INVALID, _("policy rule \"%s\" has no valid severity "
				     "(info, warn or block)"), name);
			goto out;
		}
		int oom = 0;
		struct policy_rule *c = &p->rules[i];
		*c = *r;
		c->name = dup_or_null(name, &oom);
		c->pattern = dup_or_null(r->pattern, &oom);
		c->guidance = dup_or_null(r->guidance, &oom);
		if (oom) {
			st = err_set(e, CH_FAILED, _("out of memory"));
			goto out;
		}
		char why[512];
		p->comp[i].code = compile_pattern(r->pattern, why, sizeof why);
		if (!p->comp[i].code) {
			st = err_set(e, CH_INVALID, _("policy rule \"%s\": %s"), name, why);
			goto out;
		}
		p->comp[i].md = pcre2_match_data_create_from_pattern(p->comp[i].code, NULL);
		if (!p->comp[i].md) {
			st = err_set(e, CH_FAILED, _("out of memory"));
			goto out;
		}
	}
out:
	if (st != CH_OK) {
		policy_free(p);
		return st;
	}
	*out = p;
	return CH_OK;
}

/* --- loading from the database ---------------------------------------- */

static void rules_free(struct policy_rule *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].name);
		free(r[i].pattern);
		free(r[i].guidance);
	}
	free(r);
}

/* Read every rule in display order into a fresh array. */
static int rules_read(struct store *s, struct policy_rule **out, int *nout, struct err *e)
{
	*out = NULL;
	*nout = 0;
	sqlite3_stmt *q = store_prepare(s, "SELECT id, name, pattern, severity, guidance, version "
				       "FROM policy_rules ORDER BY position, id", e);
	if (!q)
		return e ? e->status : CH_UNUSABLE;
	struct policy_rule *r = NULL;
	int n = 0, cap = 0, st = CH_OK, rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (n == cap) {
			int ncap = cap ? cap * 2 : 16;
			struct policy_rule *nr = realloc(r, (size_t)ncap * sizeof *nr);
			if (!nr) {
				st = err_set(e, CH_FAILED, _("out of memory"));
				break;
			}
			r = nr;
			cap = ncap;
		}
		struct policy_rule *x = &r[n];
		memset(x, 0, sizeof *x);
		n++;
		int oom = 0;
		x->id = sqlite3_column_int64(q, 0);
		x->name = dup_or_null((const char *)sqlite3_column_text(q, 1), &oom);
		x->pattern = dup_or_null((const char *)sqlite3_column_text(q, 2), &oom);
		const char *sev = (const char *)sqlite3_column_text(q, 3);
		x->guidance = dup_or_null((const char *)sqlite3_column_text(q, 4), &oom);
		x->version = sqlite3_column_int(q, 5);
		if (oom) {
			st = err_set(e, CH_FAILED, _("out of memory"));
			break;
		}
		int sv = severity_parse(sev);
		if (sv < 0) {
			st = err_set(e, CH_UNUSABLE, _("policy rule \"%s\" has an unknown severity \"%s\""),
				     x->name ? x->name : "", sev ? sev : "");
			break;
		}
		x->severity = (enum severity)sv;
	}
	if (st == CH_OK && rc != SQLITE_DONE)
		st = store_sql_error(s, rc, _("reading the policy rules"), e);
	sqlite3_finalize(q);
	if (st != CH_OK) {
		rules_free(r, n);
		return st;
	}
	*out = r;
	*nout = n;
	return CH_OK;
}

int policy_load(struct store *s, struct policy **out, struct err *e)
{
	*out = NULL;
	struct policy_rule *rules = NULL;
	int n = 0;
	int st = store_begin(s, 0, e);
	if (st != CH_OK)
		return st;
	st = rules_read(s, &rules, &n, e);
	st = store_end(s, st, e);
	if (st == CH_OK)
		st = policy_compile(rules, n, out, e);
	rules_free(rules, n);
	return st;
}

/* --- checking --------------------------------------------------------- */

struct hits {
	struct policy_match *v;
	int n, cap;
};

static int hits_add(struct hits *h, const struct policy_rule *rule, size_t start, size_t end,
		    int too_expensive)
{
	if (h->n == h->cap) {
		int ncap = h->cap ? h->cap * 2 : 16;
		struct policy_match *nv = realloc(h->v, (size_t)ncap * sizeof *nv);
		if (!nv)
			return -1;
		h->v = nv;
		h->cap = ncap;
	}
	struct policy_match *m = &h->v[h->n++];
	memset(m, 0, sizeof *m);
	m->rule = rule;
	m->start = start;
	m->end = end;
	m->too_expensive = too_expensive;
	return 0;
}

/* The offset just past the character at off (subj is valid UTF-8); a CRLF
 * counts as one, so an empty match at a line end is not repeated inside it. */
static size_t next_char(const char *subj, size_t len, size_t off)
{
	if (subj[off] == '\r' && off + 1 < len && subj[off + 1] == '\n')
		return off + 2;
	return utf8_next(subj, len, off);
}

/* Every non-overlapping match of one rule, appended to h.  -1 when out of
 * memory; a limit or any other PCRE2 failure becomes a too_expensive entry. */
static int rule_scan(struct policy *p, int i, const char *subj, size_t len, int64_t deadline,
		     struct hits *h)
{
	const struct policy_rule *rule = &p->rules[i];
	pcre2_code *code = p->comp[i].code;
	pcre2_match_data *md = p->comp[i].md;
	size_t off = 0;
	uint32_t retry = 0;     /* after an empty match: try for a non-empty one there */
	uint32_t check = 0;     /* let PCRE2 confirm the text once, then trust it */
	int found = 0;
	uint32_t opts = 0;
	pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &opts);
	size_t positions = opts & PCRE2_ANCHORED ? 1 : len + 1;
	uint32_t limit = POLICY_TEXT_LIMIT / positions;
	pcre2_set_match_limit(p->mctx, limit > POLICY_MATCH_LIMIT ? POLICY_MATCH_LIMIT
				       : limit < POLICY_MIN_LIMIT ? POLICY_MIN_LIMIT : limit);
	size_t width = POLICY_WINDOW;
	for (;;) {
		/* Starts from off to off + width only; no match there goes on
		 * after the window, once the clock allows.  A window that went
		 * quickly doubles the next (to POLICY_WINDOW_MAX), so a rule that
		 * seldom matches does not pay a call per few hundred bytes. */
		size_t window = off + width;
		int64_t c0 = policy_now_ns();
		pcre2_set_offset_limit(p->mctx, window);
		int rc = pcre2_match(code, (PCRE2_SPTR)subj, len, off, retry | check, md, p->mctx);
		check = PCRE2_NO_UTF_CHECK;
		if (rc == PCRE2_ERROR_NOMATCH) {
			if (retry) {
				if (off >= len)
					return 0;
				off = next_char(subj, len, off);
				retry = 0;
				continue;
			}
			if (window >= len || (opts & PCRE2_ANCHORED))
				return 0;
			int64_t c1 = policy_now_ns();
			if (c1 > deadline)
				return hits_add(h, rule, 0, 0, 1);
			if (c1 - c0 < 1000000 && width < POLICY_WINDOW_MAX)
				width *= 2;
			/* The next start: the first character boundary after the window. */
			off = utf8_next(subj, len, window);
			continue;
		}

		if (rc < 0)
			/* Limits, memory, or anything unforeseen: the rule could not
			 * be evaluated here, which the caller must be told. */
			return hits_add(h, rule, 0, 0, 1);
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t s = ov[0], en = ov[1];
		if (s > en)             /* \K can do this; keep a sane range */
			s = en;
		if (en < off)           /* cannot happen; never loop on it */
			return 0;
		if (hits_add(h, rule, s, en, 0) < 0)
			return -1;
		if (++found >= POLICY_MAX_HITS)
			return 0;
		off = en;
		if (s == en) {
			if (off >= len)
				return 0;
			retry = PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED;
		} else
			retry = 0;
	}
}

static int match_cmp(const void *a, const void *b)
{
	const struct policy_match *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* Rules live in one array: their addresses give the policy's order. */
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	if (x->too_expensive != y->too_expensive)
		return x->too_expensive - y->too_expensive;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* Line and column of each match, in one pass over the text (v is sorted). */
static void set_positions(const char *subj, struct policy_match *v, int n)
{
	size_t pos = 0, col_chars = 0;
	int line = 1;
	for (int i = 0; i < n; i++) {
		if (v[i].too_expensive)
			continue;   /* no place in the text: line and column stay 0 */
		for (; pos < v[i].start; pos++) {
			if (subj[pos] == '\n') {
				line++;
				col_chars = 0;
			} else if (((unsigned char)subj[pos] & 0xC0) != 0x80)
				col_chars++;
		}
		v[i].line = line;
		v[i].column = (int)col_chars + 1;
	}
}

/* Returns the worst severity among the real matches (too_expensive entries
 * never count), or -1 with nothing in *out when memory ran out. */
int policy_check(struct policy *p, const char *text, struct policy_match **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (!p || p->n == 0)
		return SEV_NONE;
	if (!text)
		text = "";
	size_t len = strlen(text);
	char *repaired = NULL;
	if (utf8_repair(text, len, POLICY_SUBSTITUTE, &repaired) < 0)
		return -1;
	const char *subj = repaired ? repaired : text;

	struct hits h = { 0 };
	int64_t t0 = policy_now_ns();
	for (int i = 0; i < p->n; i++) {
		/* This rule's time: what is left of the text's budget, shared
		 * with the rules after it, so one slow rule cannot starve them. */
		int64_t now = policy_now_ns(), left = t0 + POLICY_BUDGET_NS - now;
		int64_t deadline = now + (left > 0 ? left / (p->n - i) : 0);
		if (rule_scan(p, i, subj, len, deadline, &h) < 0) {
			free(h.v);
			free(repaired);
			return -1;
		}
	}
	if (h.n > 1)
		qsort(h.v, (size_t)h.n, sizeof *h.v, match_cmp);
	set_positions(subj, h.v, h.n);
	free(repaired);

	int worst = SEV_NONE;
	for (int i = 0; i < h.n; i++)
		if (!h.v[i].too_expensive && (int)h.v[i].rule->severity > worst)
			worst = (int)h.v[i].rule->severity;
	if (h.n == 0) {
		free(h.v);
		return SEV_NONE;
	}
	*out = h.v;
	*n = h.n;
	return worst;
}
