/* guard.c — reading input files within bounds (see guard.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "chorus/i18n.h"
#include "guard.h"

int guard_read_file(const char *path, const char *what, size_t max, char **buf, size_t *len, struct err *e)
{
	*buf = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return err_set(e, CH_INVALID, "%s: %s", path, strerror(errno));
	struct stat sb;
	int st = CH_OK;
	if (fstat(fd, &sb) != 0)
		st = err_set(e, CH_INVALID, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		st = err_set(e, CH_INVALID, _("%s: %s must be a regular file, not a %s"), path, what,
			     S_ISDIR(sb.st_mode) ? _("directory") : S_ISFIFO(sb.st_mode) ? _("FIFO") : _("device or socket"));
	else if ((unsigned long long)sb.st_size > max)
		st = err_set(e, CH_INVALID, _("%s: too large for %s: %lld bytes, at most %zu"), path, what,
			     (long long)sb.st_size, max);
	char *b = st == CH_OK ? malloc(max + 1) : NULL;
	if (st == CH_OK && !b)
		st = err_set(e, CH_UNUSABLE, _("out of memory"));
	size_t n = 0;
	while (st == CH_OK) {
		/* It may grow while read: never more than max + 1 bytes. */
		ssize_t r = read(fd, b + n, max + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			st = err_set(e, CH_INVALID, "%s: %s", path, strerror(errno));
		else if (r == 0)
			break;
		else if ((n += (size_t)r) > max)
			st = err_set(e, CH_INVALID, _("%s: too large for %s: more than %zu bytes"), path, what, max);
	}
	close(fd);
	if (st != CH_OK) {
		free(b);
		return st;
	}
	b[n] = 0;
	*buf = b;
	*len = n;
	return CH_OK;
}

int guard_yaml_depth(const char *buf, size_t len, const char *name, struct err *e)
{
	yaml_parser_t p;
	yaml_event_t ev;
	if (!yaml_parser_initialize(&p))
		return err_set(e, CH_UNUSABLE, _("out of memory"));
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	int depth = 0, st = CH_OK;
	while (yaml_parser_parse(&p, &ev)) {
		yaml_event_type_t t = ev.type;
		if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) {
			if (++depth > GUARD_YAML_DEPTH)
				st = err_set(e, CH_INVALID, _("%s:%lu:%lu: nested deeper than %d levels"), name,
					     (unsigned long)ev.start_mark.line + 1,
					     (unsigned long)ev.start_mark.column + 1, GUARD_YAML_DEPTH);
		} else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) {
			depth--;
		}
		yaml_event_delete(&ev);
		if (st != CH_OK || t == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	return st;
}
