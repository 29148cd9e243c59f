/* util.h: allocation, size-capped buffers, status codes, error text. */
#ifndef GX_UTIL_H
#define GX_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <libintl.h>

#define _(s)  gettext(s)
#define N_(s) (s)

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* An error a user can act on.  Functions that can fail take a struct err *
 * (which may be NULL) and return -1 after filling it. */
struct err {
	char msg[1024];
};

int  err_set(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void err_clear(struct err *e);

/* Allocation that cannot fail: out of memory is an impossible state here. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);            /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void  xfree_set(char **p, char *v);      /* free *p, then *p = v */

/* A growable byte buffer with a hard cap; always NUL-terminated. */
struct buf {
	char  *data;
	size_t len;
	size_t cap;
	size_t max;     /* 0: no cap */
};

void buf_init(struct buf *b, size_t max);
int  buf_add(struct buf *b, const void *p, size_t n);   /* -1 past max */
int  buf_adds(struct buf *b, const char *s);
int  buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *buf_steal(struct buf *b, size_t *len);            /* caller frees */
void buf_free(struct buf *b);

/* Appends s as a JSON string literal, quotes included (NULL: null). */
void buf_add_json(struct buf *b, const char *s);

/* Strings. */
int   str_starts(const char *s, const char *prefix);
int   str_ends(const char *s, const char *suffix);
char *str_trim(char *s);                 /* ASCII space, in place */
int   str_empty(const char *s);          /* NULL or "" */
/* Where needle is in hay[0, len), ASCII letters in either case; NULL if
 * nowhere (or needle is empty). */
const char *str_find_ci(const char *hay, size_t len, const char *needle);

/* A byte stream read in pieces, and from its start again: a page in
 * memory, a page kept in a file, or a filter over another stream (the
 * charset converter).  read gives up to n bytes, 0 at the end, -1 on an
 * error (error says what went wrong); rewind goes back to the start. */
struct src {
	long (*read)(struct src *s, char *buf, size_t n);
	int  (*rewind)(struct src *s);
	char error[160];
};

struct src_mem {
	struct src s;
	const char *p;
	size_t len, pos;
};
/* A stream of p[0, len), which must outlive it. */
struct src *src_mem(struct src_mem *m, const char *p, size_t len);

struct src_fd {
	struct src s;
	int fd;
};
/* A stream of the open file fd, from its start (it stays open). */
struct src *src_fd(struct src_fd *f, int fd);

/* Files. */
int read_file(const char *path, size_t max, char **out, size_t *len, struct err *e);
int mkdir_p(const char *path, struct err *e);
char *path_join(const char *a, const char *b);

/* Time: "2022-07-04 12:18:01", "2025-01-17 09:30", "2025-01-17", with an
 * optional zone; without one, Asia/Shanghai (UTC+8).  Returns 0 if unparsed. */
int64_t time_parse_cn(const char *s);
/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t days_from_civil(int y, int m, int d);
/* YYYY-MM-DD of t in Asia/Shanghai: the wall clock the site's pages write. */
void time_ymd(int64_t t, char out[11]);
/* YYYY-MM-DD HH:MM of t in Asia/Shanghai. */
void time_ymdhm(int64_t t, char out[17]);
/* YYYY-MM-DD of t in the reader's zone (TZ): an instant, such as a feed's
 * date or when a page was fetched. */
void time_ymd_local(int64_t t, char out[11]);
/* YYYY-MM-DD HH:MM of t in the reader's zone (TZ). */
void time_ymdhm_local(int64_t t, char out[17]);
/* How long ago t was, in the user's language ("3 分钟前", "2 hours ago"),
 * relative to now; older than a week: the date in the reader's zone. */
void time_ago(int64_t t, int64_t now, char *out, size_t outsz);
/* A size in the user's words: "812 KB", "3.4 MB". */
void size_words(int64_t bytes, char *out, size_t outsz);

#endif
