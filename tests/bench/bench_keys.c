/* bench_keys.c: key-to-screen latency of the reader.  Builds a cache with a
 * 5,000-article list and a 20,000-character article, runs `gxnews
 * --offline` in a pseudo-terminal (80x24, xterm-256color, C.UTF-8), sends
 * 1,000 keys in the list, 200 read marks and 1,000 keys in the article
 * one at a time, and
 * measures for each the time from the key to the last byte of the screen
 * update it caused (the update is over when the terminal has been quiet
 * for IDLE_MS).  Prints median, p95 and max; never fails on speed.
 *
 *   bench_keys SRCDIR [GXNEWS]      (GXNEWS: the binary, default ./gxnews) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

#define LIST_N      5000
#define ART_CHARS   20000
#define KEYS_N      1000
#define IDLE_MS     25
#define SOURCE      "chinahightech"
#define TAB_KEY     "ch:http://www.chinahightech.com/yaowen/node_479.html"

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* ---- the cache ---------------------------------------------------------- */

static const char *const words[] = {
	"高新区", "科技创新", "产业集群", "“专精特新”", "企业", "研发投入",
	"同比增长", "12.5%", "人工智能", "集成电路", "，", "。", "、", "（试点）",
	"AI", "营商环境", "《若干措施》", "成果转化", "生物医药", "；",
};

/* A paragraph-rich body of about chars characters. */
static char *
article_body(size_t chars)
{
	struct buf b;
	size_t n = 0, w = 0;

	buf_init(&b, 0);
	while (n < chars) {
		buf_adds(&b, "<p>　　");
		for (int i = 0; i < 60 && n < chars; i++, w = w * 7 + 3) {
			const char *t = words[w % ARRAY_LEN(words)];

			buf_adds(&b, t);
			n += strlen(t) / 3 + 1;
		}
		buf_adds(&b, "。</p>\n");
	}
	return buf_steal(&b, NULL);
}

static int
make_cache(const char *path, struct err *e)
{
	struct store *s = NULL;
	struct store_tab tab = { TAB_KEY, "要闻", "http://www.chinahightech.com/yaowen/node_479.html",
	                         TAB_CHANNEL, 0 };
	struct item_list l = { 0 };
	struct article a = { .comments = 3 };
	int rc = -1;

	if (store_open(&s, path, e) < 0)
		return -1;
	if (store_put_tabs(s, SOURCE, &tab, 1, e) < 0)
		goto out;
	for (size_t i = 0; i < LIST_N; i++) {
		struct item *it = item_list_add(&l);

		it->url = xasprintf("http://www.chinahightech.com/yaowen/2025-01/%02zu/content_%zu.html",
		                    1 + i % 28, 100000 + i);
		it->title = xasprintf("第%zu条：%s%s“%s”%s", i + 1, words[i % 7], words[(i * 3) % 20],
		                      words[(i * 5) % 20], i % 3 ? "发布新一批措施" : "");
		it->time = 1735689600 - (int64_t)i * 3600;
	}
	if (store_put_list(s, TAB_KEY, &l, LIST_HEAD, e) < 0)
		goto out;
	a.url = xstrdup(l.v[0].url);
	a.title = xstrdup(l.v[0].title);
	a.time_text = xstrdup("2025-01-01 09:30");
	a.source = xstrdup("中国高新网");
	a.author = xstrdup("王晓");
	a.body_html = article_body(ART_CHARS);
	rc = store_put_articles(s, &a, 1, e);
out:
	article_free(&a);
	item_list_free(&l);
	store_close(s);
	return rc;
}

/* ---- the terminal ------------------------------------------------------- */

struct term {
	int fd;
	pid_t pid;
	long bytes;
};

static pid_t
start(struct term *t, const char *gxnews, const char *srcdir, const char *cache)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	pid_t pid = forkpty(&t->fd, NULL, NULL, &ws);

	if (pid == 0) {
		(void)srcdir;           /* the built binary finds its data itself */
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
		unsetenv("NO_COLOR");
		execl(gxnews, gxnews, "--offline", "--cache", cache, (char *)NULL);
		_exit(127);
	}
	t->pid = pid;
	return pid;
}

/* Reads what the program writes until it has been quiet for idle_ms (or
 * max_ms passed); returns the time of the last byte, or -1 if none came. */
static double
drain(struct term *t, int idle_ms, int max_ms)
{
	double start = now_ms(), last = -1;
	char buf[65536];

	for (;;) {
		struct pollfd p = { t->fd, POLLIN, 0 };
		int r = poll(&p, 1, idle_ms);
		ssize_t n;

		if (r <= 0 || now_ms() - start > max_ms)
			return last;
		n = read(t->fd, buf, sizeof buf);
		if (n <= 0)
			return last;
		t->bytes += n;
		last = now_ms();
	}
}

/* Sends keys one at a time; fills lat[] with the ms each took to show. */
static size_t
session(struct term *t, const char *const *cycle, size_t ncycle, size_t keys,
        double *lat, size_t *silent)
{
	size_t n = 0;

	*silent = 0;
	for (size_t i = 0; i < keys; i++) {
		const char *k = cycle[i % ncycle];
		double sent, last;

		sent = now_ms();
		if (write(t->fd, k, strlen(k)) < 0)
			break;
		last = drain(t, IDLE_MS, 2000);
		if (last < 0)
			(*silent)++;    /* nothing to redraw, e.g. k on the first row */
		else
			lat[n++] = last - sent;
	}
	return n;
}

static void
report(const char *name, double *lat, size_t n, size_t silent)
{
	if (n == 0) {
		printf("%-34s no screen updates\n", name);
		return;
	}
	qsort(lat, n, sizeof *lat, cmp_double);
	printf("%-34s %4zu keys: median %6.2f ms  p95 %6.2f ms  max %6.2f ms"
	       "  (%zu without a change)\n", name, n + silent, lat[n / 2],
	       lat[n * 95 / 100], lat[n - 1], silent);
}

/* j j j j j j k k Space b, with a jump to the end and back now and then. */
static const char *const list_keys[] = {
	"j", "j", "j", "j", "j", "j", "k", "k", " ", "b",
	"j", "j", "j", "j", "j", "j", "k", "k", " ", "b",
	"G", "k", "k", "b", "g",
};
/* marking read and unread: the tab's unread count is counted again */
static const char *const mark_keys[] = { "u", "j" };
static const char *const pager_keys[] = {
	"j", "j", "j", "j", "j", "k", "k", " ", " ", "b",
	"j", "j", "j", "j", "j", "k", "k", " ", "b", "b",
	"G", "k", "b", "g", "j",
};

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/gxnews-bench-keys.XXXXXX";
	const char *gxnews = argc > 2 ? argv[2] : "./gxnews";
	struct term t = { -1, 0, 0 };
	struct err e = { "" };
	double *lat = xcalloc(KEYS_N, sizeof *lat), t0, first;
	char *cache;
	size_t n, silent;
	long bytes;
	int st;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_keys SRCDIR [GXNEWS]\n");
		return 2;
	}
	if (mkdtemp(dir) == NULL)
		return 1;
	cache = xasprintf("%s/cache.db", dir);
	t0 = now_ms();
	if (make_cache(cache, &e) < 0) {
		fprintf(stderr, "bench_keys: %s\n", e.msg);
		return 1;
	}
	printf("cache with a %d-article list and a %d-character article: %.0f ms\n",
	       LIST_N, ART_CHARS, now_ms() - t0);
	t0 = now_ms();
	if (start(&t, gxnews, argv[1], cache) < 0)
		return 1;
	first = drain(&t, 300, 10000);
	if (first < 0) {
		fprintf(stderr, "bench_keys: %s drew nothing\n", gxnews);
		return 1;
	}
	printf("%-34s %.1f ms\n", "start-up to the first screen", first - t0);

	n = session(&t, list_keys, ARRAY_LEN(list_keys), KEYS_N, lat, &silent);
	report("list (5,000 articles)", lat, n, silent);
	n = session(&t, mark_keys, ARRAY_LEN(mark_keys), KEYS_N / 5, lat, &silent);
	report("u and j (unread count recounted)", lat, n, silent);

	if (write(t.fd, "g", 1) < 0)
		return 1;
	drain(&t, 300, 10000);
	bytes = t.bytes;
	t0 = now_ms();
	if (write(t.fd, "\r", 1) < 0)
		return 1;
	first = drain(&t, 300, 10000);
	printf("%-34s %.1f ms (%ld bytes drawn)\n", "opening the 20,000-character article",
	       first - t0, t.bytes - bytes);
	n = session(&t, pager_keys, ARRAY_LEN(pager_keys), KEYS_N, lat, &silent);
	report("article (20,000 characters)", lat, n, silent);

	if (write(t.fd, "qq", 2) < 0)
		kill(t.pid, SIGTERM);
	drain(&t, 200, 3000);
	waitpid(t.pid, &st, 0);
	printf("%-34s %.1f KB\n", "terminal output, all told", (double)t.bytes / 1024);
	for (const char *const *x = (const char *const[]){ "", "-wal", "-shm", "-journal", NULL };
	     *x != NULL; x++) {
		char *f = xasprintf("%s%s", cache, *x);

		unlink(f);
		free(f);
	}
	rmdir(dir);
	free(cache);
	free(lat);
	return 0;
}
