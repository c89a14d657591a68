/* fuzz_strategy.c — the YAML strategy loader on any bytes.
 *
 * strategy_yaml_parse reads a buffer and checks every field without a
 * database, so it is fuzzed as strategy import uses it.  When a document is
 * accepted, the canonical writer must give a document that parses again and
 * writes the same bytes (DESIGN §7: export → import → export is identical),
 * and every entity must keep the core's schema (what the file reader
 * accepts, the core's writes accept); a difference aborts, so the fuzzer
 * keeps it as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/strategy_schema.h"
#include "chorus/strategy_yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The strategy written canonically, in a malloc'd buffer; NULL on failure. */
static char *written(const struct strategy *st, size_t *len)
{
	char *out = NULL;
	FILE *f = open_memstream(&out, len);
	if (!f)
		return NULL;
	int bad = strategy_yaml_write(f, st) != 0;
	if (fclose(f) != 0 || bad) {
		free(out);
		return NULL;
	}
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > STRATEGY_YAML_MAX)
		return 0;   /* strategy_yaml_read refuses these before parsing */
	/* strategy_yaml_read hands over a NUL-terminated copy; so does this. */
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	struct strategy_yaml_doc doc;
	struct err e = {0};
	if (strategy_yaml_parse(buf, size, &doc, &e) == CH_OK) {
		int line, col;
		strategy_yaml_where(&doc, "goals[0]", &line, &col);
		const int count[] = { doc.st.ngoals, doc.st.naudiences, doc.st.npillars, doc.st.nplatforms,
				      doc.st.nmessage_types, doc.st.nrules };
		for (int k = SK_GOAL; k <= SK_RULE; k++)
			for (int i = 0; i < count[k]; i++)
				if (strategy_entity_check((enum strategy_kind)k, strategy_entity(&doc.st, k, i), &e) != CH_OK) {
					fprintf(stderr, "the file was accepted, the core refuses: %s\n", e.msg);
					abort();
				}
		size_t n1 = 0, n2 = 0;
		char *once = written(&doc.st, &n1);
		struct strategy_yaml_doc again;
		if (once && strategy_yaml_parse(once, n1, &again, &e) != CH_OK) {
			fprintf(stderr, "the written strategy does not parse: %s\n%s\n",
				again.nerrors ? again.errors[0].msg : e.msg, once);
			abort();
		}
		if (once) {
			char *twice = written(&again.st, &n2);
			if (twice && (n1 != n2 || memcmp(once, twice, n1) != 0)) {
				fprintf(stderr, "export, import, export differs:\n%s\n---\n%s\n", once, twice);
				abort();
			}
			free(twice);
			strategy_yaml_doc_free(&again);
		}
		free(once);
	}
	strategy_yaml_doc_free(&doc);
	free(buf);
	return 0;
}
