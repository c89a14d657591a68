/* termsafe.c — what may reach a terminal (see termsafe.h): one rule over
 * utf8.h's decoder, used by the buffer cleaner, the printer and the stream
 * filter the CLI puts in front of standard output and standard error. */
#define _GNU_SOURCE   /* fopencookie */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "chorus/termsafe.h"
#include "utf8.h"

size_t safe_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	return utf8_decode((const char *)s, len, cp);
}

int safe_char_ok(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
}

/* The clean form of the character at s: its own bytes (*out = s), a space,
 * '?', or nothing.  Returns the bytes of s it takes (>= 1), or 0 when s is a
 * valid start cut short by len and more may come (only when wait). */
static size_t clean_one(const unsigned char *s, size_t len, int flags, int wait,
			const char **out, size_t *outlen)
{
	uint32_t cp;
	int cut;
	size_t k = utf8_decode_cut((const char *)s, len, &cp, &cut);
	if (!k && cut && wait)
		return 0;
	*out = (const char *)s;
	*outlen = k;
	if (!k) {
		*out = "?";
		*outlen = 1;
		return 1;
	}
	if (cp == '\n' || cp == '\t') {
		int keep = cp == '\n' ? flags & SAFE_NEWLINES : flags & SAFE_TABS;
		if (!keep)
			*out = " ";
	} else if (cp == '\r') {
		*outlen = 0;
	} else if (!safe_char_ok(cp)) {
		*out = "?";
		*outlen = 1;
	}
	return k;
}

size_t safe_clean(const char *in, char *out, size_t n, int flags)
{
	const unsigned char *p = (const unsigned char *)(in ? in : "");
	size_t len = strlen((const char *)p), o = 0;
	if (!n)
		return 0;
	while (len > 0) {
		const char *put;
		size_t putlen, k = clean_one(p, len, flags, 0, &put, &putlen);
		if (o + putlen >= n)
			break;
		memcpy(out + o, put, putlen);
		o += putlen;
		p += k;
		len -= k;
	}
	out[o] = 0;
	return o;
}

void safe_fwrite(FILE *f, const char *s, size_t len, size_t max, int flags)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t used = 0;
	while (len > 0) {
		const char *put;
		size_t putlen, k = clean_one(p, len, flags, 0, &put, &putlen);
		if (used + putlen > max) {
			fputs("\xe2\x80\xa6", f);
			return;
		}
		fwrite(put, 1, putlen, f);
		used += putlen;
		p += k;
		len -= k;
	}
}

/* --- the stream filter ---------------------------------------------------------------------------- */

struct safe_sink {
	int fd;
	unsigned char carry[4];   /* the start of a character the last write cut */
	size_t ncarry;
	char out[4096];
	size_t nout;
};

static int sink_flush(struct safe_sink *k)
{
	size_t done = 0;
	while (done < k->nout) {
		ssize_t w = write(k->fd, k->out + done, k->nout - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	k->nout = 0;
	return 0;
}

static int sink_put(struct safe_sink *k, const char *s, size_t n)
{
	if (k->nout + n > sizeof k->out && sink_flush(k) != 0)
		return -1;
	memcpy(k->out + k->nout, s, n);
	k->nout += n;
	return 0;
}

/* Clean p[0, len) into the sink; returns the bytes taken (a cut character
 * at the end is left for the next write), or -1 on a write error. */
static ssize_t sink_clean(struct safe_sink *k, const unsigned char *p, size_t len, int wait)
{
	size_t i = 0;
	while (i < len) {
		const char *put;
		size_t putlen, n = clean_one(p + i, len - i, SAFE_NEWLINES | SAFE_TABS, wait, &put, &putlen);
		if (n == 0)
			break;
		if (sink_put(k, put, putlen) != 0)
			return -1;
		i += n;
	}
	return (ssize_t)i;
}

static ssize_t sink_write(void *cookie, const char *buf, size_t size)
{
	struct safe_sink *k = cookie;
	const unsigned char *p = (const unsigned char *)buf;
	size_t from = 0;
	/* Finish the character the last write cut, then go on in buf. */
	while (k->ncarry > 0 && from < size) {
		k->carry[k->ncarry++] = p[from++];
		ssize_t took = sink_clean(k, k->carry, k->ncarry, 1);
		if (took < 0)
			return -1;
		memmove(k->carry, k->carry + took, k->ncarry - (size_t)took);
		k->ncarry -= (size_t)took;
	}
	ssize_t took = sink_clean(k, p + from, size - from, 1);
	if (took < 0)
		return -1;
	memcpy(k->carry + k->ncarry, p + from + took, size - from - (size_t)took);
	k->ncarry += size - from - (size_t)took;
	return sink_flush(k) == 0 ? (ssize_t)size : -1;
}

static int sink_close(void *cookie)
{
	struct safe_sink *k = cookie;
	int st = 0;
	if (k->ncarry > 0 && sink_clean(k, k->carry, k->ncarry, 0) < 0)
		st = -1;
	if (sink_flush(k) != 0)
		st = -1;
	free(k);
	return st;
}

FILE *safe_stream(int fd)
{
	struct safe_sink *k = calloc(1, sizeof *k);
	if (!k)
		return NULL;
	k->fd = fd;
	cookie_io_functions_t io = { .write = sink_write, .close = sink_close };
	FILE *f = fopencookie(k, "w", io);
	if (!f)
		free(k);
	return f;
}
