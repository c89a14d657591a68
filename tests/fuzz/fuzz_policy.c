/* fuzz_policy.c — fair-use policy rules: compile and check any pattern
 * against any text.
 *
 * The input is a pattern, a NUL byte, then the text (no NUL: the whole input
 * is the pattern, checked against itself).  A pattern policy_pattern_valid
 * accepts must compile, and a check must end quickly whatever the two are:
 * the match and depth limits guard it, and libFuzzer's -timeout finds a pair
 * that gets past them.  Every match must lie inside the text, in text order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A policy text is a message: a few kilobytes at most. */
#define FUZZ_MAX 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX)
		return 0;
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	const char *pattern = buf;
	size_t plen = strlen(buf);
	const char *text = plen < size ? buf + plen + 1 : buf;
	size_t tlen = strlen(text);

	struct err e = {0};
	int valid = policy_pattern_valid(pattern, &e) == CH_OK;
	struct policy_rule rules[2] = {
		{ .id = 1, .name = "fuzzed", .pattern = (char *)pattern, .severity = SEV_WARN,
		  .guidance = "g", .version = 1 },
		{ .id = 2, .name = "plain", .pattern = "(?i)confidential", .severity = SEV_BLOCK,
		  .guidance = "g", .version = 1 },
	};
	struct policy *p = NULL;
	int st = policy_compile(rules, 2, &p, &e);
	if ((st == CH_OK) != valid) {
		fprintf(stderr, "policy_pattern_valid says %d, policy_compile %d: %s\n", valid, st, e.msg);
		abort();
	}
	if (st == CH_OK) {
		struct policy_match *m;
		int n;
		policy_check(p, text, &m, &n);
		for (int i = 0; i < n; i++) {
			if (m[i].start > m[i].end || m[i].end > tlen ||
			    (i && !m[i].too_expensive && !m[i - 1].too_expensive && m[i].start < m[i - 1].start)) {
				fprintf(stderr, "match %d: %zu..%zu in a text of %zu bytes\n", i, m[i].start,
					m[i].end, tlen);
				abort();
			}
		}
		free(m);
		policy_free(p);
	}
	free(buf);
	return 0;
}
