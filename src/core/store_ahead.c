/* store_ahead.c — read-ahead for a cold page cache: walk a few B-trees'
 * interior pages and tell the kernel where their leaves are.  It belongs to
 * the store (it reads the file under SQLite and keeps its descriptor in
 * struct store); the report calls it (store_read_ahead, core.h). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "chorus/store.h"
#include "core.h"
#include "store_parts.h"

/* --- read-ahead for a cold page cache ---------------------------------------
 *
 * The report scans a few B-trees from end to end (content_dims, the messages'
 * unique index, shares_by_time, activity_week).  In a file that grew over
 * time their pages lie scattered between everything else, and SQLite reads
 * them one at a time, each read waiting for the one before: on a cold cache
 * that wait is most of the report.  So first walk each tree's interior pages
 * (about one page in a hundred) to learn where its leaves are, and tell the
 * kernel about all of them at once (posix_fadvise WILLNEED): the disk serves
 * them in parallel while the queries run.  Only a hint: it reads the file,
 * never writes it, and if anything fails (or the file changed meanwhile, or a
 * newer page is in the WAL) the queries are still right, only no faster.
 * Its descriptor stays open until store_close: closing it while SQLite has the
 * file open would release SQLite's POSIX locks (they belong to the process). */

#define AHEAD_MAX_PAGES (1 << 20)   /* 4 GB of 4 KB pages: beyond that, give up */

struct ahead {
	int fd;
	int64_t page_size, npages;
	uint32_t *pg;          /* pages of the level being walked, then the next */
	size_t n, cap;
};

static int ahead_add(struct ahead *a, uint32_t pg)
{
	if (pg < 2 || (int64_t)pg > a->npages || a->n >= AHEAD_MAX_PAGES)
		return -1;
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 256;
		uint32_t *p = realloc(a->pg, cap * sizeof *p);
		if (!p)
			return -1;
		a->pg = p;
		a->cap = cap;
	}
	a->pg[a->n++] = pg;
	return 0;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

/* Ask the kernel for the n pages in pg (sorted here), adjacent pages as one range. */
static void ahead_hint(const struct ahead *a, uint32_t *pg, size_t n)
{
	qsort(pg, n, sizeof *pg, cmp_u32);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && pg[j] <= pg[j - 1] + 1)
			j++;
		posix_fadvise(a->fd, (off_t)(pg[i] - 1) * a->page_size,
			      (off_t)(pg[j - 1] - pg[i] + 1) * a->page_size, POSIX_FADV_WILLNEED);
		i = j;
	}
}

/* One tree, level by level: every page of a level is hinted before any is
 * read; the walk stops at the first level whose pages are leaves. */
static void ahead_tree(struct ahead *a, uint32_t root, unsigned char *buf)
{
	uint32_t *level = NULL;
	size_t nlevel = 0;
	a->n = 0;
	if (ahead_add(a, root) != 0)
		return;
	for (int depth = 0; depth < 32 && a->n; depth++) {
		free(level);
		level = a->pg;
		nlevel = a->n;
		a->pg = NULL;
		a->n = a->cap = 0;
		ahead_hint(a, level, nlevel);
		int leaves = 0;
		for (size_t i = 0; i < nlevel && !leaves; i++) {
			if (pread(a->fd, buf, (size_t)a->page_size, (off_t)(level[i] - 1) * a->page_size)
			    != (ssize_t)a->page_size)
				break;
			unsigned type = buf[0];
			if (type == 10 || type == 13) {
				leaves = 1;   /* a B-tree's leaves are all at one depth */
				break;
			}
			if (type != 2 && type != 5)
				break;        /* not what we thought: stop hinting */
			unsigned cells = (unsigned)buf[3] << 8 | buf[4];
			for (unsigned c = 0; c < cells && 12 + 2 * c + 2 <= a->page_size; c++) {
				unsigned off = (unsigned)buf[12 + 2 * c] << 8 | buf[12 + 2 * c + 1];
				if (off + 4 <= a->page_size && ahead_add(a, store_be32(buf + off)) != 0)
					break;
			}
			ahead_add(a, store_be32(buf + 8));   /* the right-most child */
		}
		if (leaves)
			break;
	}
	free(level);
}

/* Hint the pages of the named trees (tables or indexes) of the main database. */
void store_read_ahead(struct store *s, const char *const *names, int n)
{
	const char *path = sqlite3_db_filename(s->db, "main");
	sqlite3_stmt *q = NULL;
	struct ahead a = { .fd = -1 };
	unsigned char *buf = NULL;
	/* Not over a share: the pages would come through the page cache, which
	 * share mode never reads from (sharelock.c), at the cost of the link. */
	if (!path || !*path || s->mode == STORE_MODE_SHARE || !(q = store_prepare(s, "PRAGMA page_size", NULL)))
		return;
	if (sqlite3_step(q) == SQLITE_ROW)
		a.page_size = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (a.page_size < 512 || a.page_size > 65536 || !(buf = malloc((size_t)a.page_size)))
		return;
	if (s->hint_fd <= 0) {
		/* Kept open until store_close (see struct store). */
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			free(buf);
			return;
		}
		s->hint_fd = fd + 1;
	}
	a.fd = s->hint_fd - 1;
	off_t size = lseek(a.fd, 0, SEEK_END);
	a.npages = size > 0 ? (int64_t)size / a.page_size : 0;
	if ((q = store_prepare(s, "SELECT rootpage FROM sqlite_master WHERE name = ?", NULL))) {
		for (int i = 0; i < n; i++) {
			sqlite3_reset(q);
			sqlite3_bind_text(q, 1, names[i], -1, SQLITE_STATIC);
			if (sqlite3_step(q) == SQLITE_ROW)
				ahead_tree(&a, (uint32_t)sqlite3_column_int64(q, 0), buf);
		}
		sqlite3_finalize(q);
	}
	free(a.pg);
	free(buf);
}
