/* util.c: allocation, size-capped buffers, error text, small helpers. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define CN_OFFSET (8 * 3600)    /* Asia/Shanghai: UTC+8, no DST since 1991 */

int
err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void
err_clear(struct err *e)
{
	if (e != NULL)
		e->msg[0] = '\0';
}

static void
oom(void)
{
	fputs("gxnews: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom();
	return q;
}

char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
xfree_set(char **p, char *v)
{
	free(*p);
	*p = v;
}

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	size_t need;

	if (b->max != 0 && (n > b->max || b->len > b->max - n))
		return -1;
	need = b->len + n + 1;
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < need)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	char *big;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof small)
		return buf_add(b, small, (size_t)n);
	big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	rc = buf_add(b, big, (size_t)n);
	free(big);
	return rc;
}

char *
buf_steal(struct buf *b, size_t *len)
{
	char *p;

	if (b->data == NULL)
		buf_add(b, "", 0);
	p = b->data;
	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_add_json(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_add(b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_addf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_adds(b, "\\n");
		else if (*p == '\t')
			buf_adds(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_addf(b, "\\u%04x", *p);
		else
			buf_add(b, p, 1);
	}
	buf_add(b, "\"", 1);
}

int
str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
str_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

char *
str_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	                   end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

int
str_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

const char *
str_find_ci(const char *hay, size_t len, const char *needle)
{
	size_t nl = strlen(needle);

	if (nl == 0 || nl > len)
		return NULL;
	for (size_t i = 0; i + nl <= len; i++) {
		size_t k = 0;

		while (k < nl && lower(hay[i + k]) == lower(needle[k]))
			k++;
		if (k == nl)
			return hay + i;
	}
	return NULL;
}

/* ---- byte streams --------------------------------------------------------- */

static long
mem_read(struct src *s, char *buf, size_t n)
{
	struct src_mem *m = (struct src_mem *)s;

	if (n > m->len - m->pos)
		n = m->len - m->pos;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (long)n;
}

static int
mem_rewind(struct src *s)
{
	((struct src_mem *)s)->pos = 0;
	return 0;
}

struct src *
src_mem(struct src_mem *m, const char *p, size_t len)
{
	memset(m, 0, sizeof *m);
	m->s.read = mem_read;
	m->s.rewind = mem_rewind;
	m->p = p != NULL ? p : "";
	m->len = p != NULL ? len : 0;
	return &m->s;
}

static long
fd_read(struct src *s, char *buf, size_t n)
{
	struct src_fd *f = (struct src_fd *)s;
	ssize_t got;

	do
		got = read(f->fd, buf, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		snprintf(s->error, sizeof s->error, "%s", strerror(errno));
	return (long)got;
}

static int
fd_rewind(struct src *s)
{
	struct src_fd *f = (struct src_fd *)s;

	if (lseek(f->fd, 0, SEEK_SET) == 0)
		return 0;
	snprintf(s->error, sizeof s->error, "%s", strerror(errno));
	return -1;
}

struct src *
src_fd(struct src_fd *f, int fd)
{
	memset(f, 0, sizeof *f);
	f->s.read = fd_read;
	f->s.rewind = fd_rewind;
	f->fd = fd;
	lseek(fd, 0, SEEK_SET);
	return &f->s;
}

int
read_file(const char *path, size_t max, char **out, size_t *len, struct err *e)
{
	FILE *f;
	struct buf b;
	char chunk[65536];
	size_t n;
	int rc = -1;

	f = fopen(path, "rb");
	if (f == NULL)
		return err_set(e, _("cannot read %s: %s"), path, strerror(errno));
	buf_init(&b, max);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_add(&b, chunk, n) < 0) {
			err_set(e, _("%s is larger than %zu bytes"), path, max);
			goto out;
		}
	}
	if (ferror(f)) {
		err_set(e, _("cannot read %s: %s"), path, strerror(errno));
		goto out;
	}
	*out = buf_steal(&b, len);
	rc = 0;
out:
	buf_free(&b);
	fclose(f);
	return rc;
}

int
mkdir_p(const char *path, struct err *e)
{
	char *p = xstrdup(path);
	char *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			rc = err_set(e, _("cannot create directory %s: %s"), p,
			             strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

char *
path_join(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n > 0 && a[n - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int64_t
time_parse_cn(const char *s)
{
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;
	int zh = 0, zm = 0, sign = 0;
	const char *p;

	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 &&
	    sscanf(s, "%4d/%2d/%2d%n", &y, &mo, &d, &n) != 3)
		return 0;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	p = s + n;
	if (*p == ' ' || *p == 'T') {
		int k = 0;

		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &k) == 2) {
			p += 1 + k;
			if (*p == ':' && sscanf(p + 1, "%2d%n", &sec, &k) == 1)
				p += 1 + k;
		}
	}
	while (*p == '.' || (*p >= '0' && *p <= '9'))
		p++;
	while (*p == ' ')
		p++;
	if (*p == 'Z') {
		sign = 1;
	} else if ((*p == '+' || *p == '-') &&
	           sscanf(p + 1, "%2d:%2d", &zh, &zm) >= 1) {
		sign = *p == '+' ? 1 : -1;
		if (zm == 0 && strlen(p + 1) >= 4 && p[3] != ':')
			sscanf(p + 3, "%2d", &zm);
	}
	if (h > 23 || mi > 59 || sec > 60)
		return 0;
	int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	if (sign == 0)
		return t - CN_OFFSET;
	return t - sign * (zh * 3600 + zm * 60);
}

/* t as a calendar time in Beijing (local 0) or in the reader's zone, TZ
 * (local 1), formatted by fmt into out; "" if it cannot be. */
static void
time_format(int64_t t, int local, const char *fmt, char *out, size_t outsz)
{
	time_t tt = (time_t)(local ? t : t + CN_OFFSET);
	struct tm tm;
	struct tm *ok = local ? localtime_r(&tt, &tm) : gmtime_r(&tt, &tm);

	if (ok == NULL || strftime(out, outsz, fmt, &tm) == 0)
		out[0] = '\0';
}

void
time_ymd(int64_t t, char out[11])
{
	time_format(t, 0, "%Y-%m-%d", out, 11);
}

void
time_ymdhm(int64_t t, char out[17])
{
	time_format(t, 0, "%Y-%m-%d %H:%M", out, 17);
}

void
time_ymd_local(int64_t t, char out[11])
{
	time_format(t, 1, "%Y-%m-%d", out, 11);
}

void
time_ymdhm_local(int64_t t, char out[17])
{
	time_format(t, 1, "%Y-%m-%d %H:%M", out, 17);
}

void
time_ago(int64_t t, int64_t now, char *out, size_t outsz)
{
	int64_t d = now - t;
	char ymd[11];

	if (d < 60) {
		snprintf(out, outsz, "%s", _("just now"));
	} else if (d < 3600) {
		snprintf(out, outsz, ngettext("%d minute ago", "%d minutes ago",
		                              (unsigned long)(d / 60)), (int)(d / 60));
	} else if (d < 86400) {
		snprintf(out, outsz, ngettext("%d hour ago", "%d hours ago",
		                              (unsigned long)(d / 3600)), (int)(d / 3600));
	} else if (d < 7 * 86400) {
		snprintf(out, outsz, ngettext("%d day ago", "%d days ago",
		                              (unsigned long)(d / 86400)), (int)(d / 86400));
	} else {
		time_ymd_local(t, ymd);
		snprintf(out, outsz, "%s", ymd);
	}
}

void
size_words(int64_t bytes, char *out, size_t outsz)
{
	if (bytes >= 1024 * 1024)
		snprintf(out, outsz, _("%.1f MB"), (double)bytes / (1024.0 * 1024.0));
	else
		snprintf(out, outsz, _("%lld KB"), (long long)((bytes + 1023) / 1024));
}
