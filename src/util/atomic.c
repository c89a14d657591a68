/* atomic.c — write to a temporary file, sync, rename (see atomic.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chorus/i18n.h"
#include "atomic.h"

/* Sync the directory that holds path, so the rename itself survives a
 * crash.  Filesystems that cannot sync a directory (EINVAL) are let be. */
static int sync_dir(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = 0;
	else
		*slash = 0;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd) != 0 && errno != EINVAL && errno != EROFS ? -1 : 0;
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

/* The file the temporary one may replace and the mode it gets; -1 with why. */
static int target(const char **path, char *real, mode_t *mode, char *why, size_t n)
{
	struct stat sb;
	if (lstat(*path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		if (!realpath(*path, real)) {
			snprintf(why, n, _("%s is a symbolic link to %s"), *path, strerror(errno));
			return -1;
		}
		*path = real;
	}
	if (stat(*path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			snprintf(why, n, _("%s is a directory"), *path);
			return -1;
		}
		if (!S_ISREG(sb.st_mode)) {
			snprintf(why, n, _("%s is not a regular file (a device, FIFO or socket): "
				 "chorus will not replace it; - writes to standard output"), *path);
			return -1;
		}
		*mode = sb.st_mode & 07777;
	} else {
		mode_t mask = umask(022);
		umask(mask);
		*mode = 0666 & ~mask;
	}
	return 0;
}

int atomic_write(const char *path, int (*fill)(FILE *f, void *ctx), void *ctx, char *why, size_t n)
{
	char real[PATH_MAX], tmp[PATH_MAX];
	mode_t mode;
	if (target(&path, real, &mode, why, n) != 0)
		return -1;
	if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
		snprintf(why, n, _("%s: the name is too long"), path);
		return -1;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(why, n, _("cannot write %s: %s"), path, strerror(errno));
		return -1;
	}
	FILE *f = NULL;
	int bad = fchmod(fd, mode) != 0 || !(f = fdopen(fd, "w"));
	if (!bad) {
		errno = EIO;   /* what to say when fill fails without saying why */
		bad = fill(f, ctx) != 0 || ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
		int saved = errno;
		if (fclose(f) != 0 && !bad)
			bad = 1;
		else
			errno = saved;
	} else {
		close(fd);
	}
	if (!bad && rename(tmp, path) != 0)
		bad = 1;
	if (bad) {
		int saved = errno;
		unlink(tmp);
		snprintf(why, n, _("cannot write %s: %s"), path, strerror(saved));
		return -1;
	}
	if (sync_dir(path) != 0) {
		snprintf(why, n, _("wrote %s, but cannot sync its directory: %s"), path, strerror(errno));
		return -1;
	}
	return 0;
}
