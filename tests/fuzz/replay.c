/* replay.c — the regression half of fuzzing: feed every file of a corpus
 * directory to a harness's LLVMFuzzerTestOneInput, in name order, and say
 * "ok N - FILE" for each as TAP.  Linked with one tests/fuzz/fuzz_NAME.c by
 * the normal compiler (and again with the sanitizers), so every input the
 * fuzzer ever kept, and every crash it ever found, runs in make check without
 * clang.  A crash or a sanitizer report ends the process: tests/run counts
 * the tests that never printed as failed.
 *
 * Usage: fuzz_NAME [DIR]...; without DIR, tests/fuzz/corpus/NAME. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, as "dir/name", sorted; -1 when dir cannot be read. */
static int list_dir(const char *dir, char ***out, int *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		size_t len = strlen(dir) + strlen(de->d_name) + 2;
		char *path = malloc(len);
		char **grown = realloc(*out, (size_t)(*n + 1) * sizeof *grown);
		if (!path || !grown) {
			free(path);
			if (grown)
				*out = grown;
			closedir(d);
			return -1;
		}
		*out = grown;
		snprintf(path, len, "%s/%s", dir, de->d_name);
		struct stat sb;
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(path);
			continue;
		}
		(*out)[(*n)++] = path;
	}
	closedir(d);
	return 0;
}

/* The whole file in a buffer of exactly its size (so ASan sees any read past it). */
static int read_all(const char *path, uint8_t **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = 4096, n = 0;
	uint8_t *b = malloc(cap);
	size_t got;
	while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *g = realloc(b, cap *= 2);
			if (!g)
				free(b);
			b = g;
		}
	}
	int bad = ferror(f) || !b;
	fclose(f);
	if (bad) {
		free(b);
		return -1;
	}
	/* An exact-size copy: a read one past the input must be caught. */
	uint8_t *exact = malloc(n ? n : 1);
	if (!exact) {
		free(b);
		return -1;
	}
	memcpy(exact, b, n);
	free(b);
	*buf = exact;
	*len = n;
	return 0;
}

int main(int argc, char **argv)
{
	char def[512];
	const char *self = strrchr(argv[0], '/');
	self = self ? self + 1 : argv[0];
	if (strncmp(self, "fuzz_", 5) == 0)
		self += 5;
	snprintf(def, sizeof def, "tests/fuzz/corpus/%s", self);
	char *defv[] = { def };
	char **dirs = argc > 1 ? argv + 1 : defv;
	int ndirs = argc > 1 ? argc - 1 : 1;

	char **files = NULL;
	int n = 0;
	for (int i = 0; i < ndirs; i++) {
		if (list_dir(dirs[i], &files, &n) < 0) {
			printf("1..1\nnot ok 1 - cannot read %s: %s\n", dirs[i], strerror(errno));
			return 1;
		}
	}
	qsort(files, (size_t)n, sizeof *files, name_cmp);
	printf("1..%d\n", n);
	fflush(stdout);
	int fail = 0;
	for (int i = 0; i < n; i++) {
		uint8_t *buf;
		size_t len;
		if (read_all(files[i], &buf, &len) < 0) {
			printf("not ok %d - %s: %s\n", i + 1, files[i], strerror(errno));
			fail = 1;
		} else {
			LLVMFuzzerTestOneInput(buf, len);
			free(buf);
			printf("ok %d - %s\n", i + 1, files[i]);
		}
		fflush(stdout);
		free(files[i]);
	}
	free(files);
	return fail;
}
