/* bench_store.c: how fast the offline cache stores a refresh, starts up
 * with a big cache, and searches it.  Prints figures; never fails on speed.
 *
 *   bench_store SRCDIR           all figures
 *   bench_store --startup FILE   (internal) one cold start: open, tabs, list
 *
 * Article text is made of sentences of tests/fixtures/store/article.txt, a
 * real 中国高新网 article, so the Chinese text is real but repetitive: the
 * search index of real news is bigger than here. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

#define REFRESH_N   5000
#define BIG_TABS    20
#define BIG_N       (BIG_TABS * REFRESH_N)
#define RUNS        5
#define BENCH_DIR   "/tmp/gxnews-bench-store"
#define STR_(x)     #x
#define STR(x)      STR_(x)
#define BIG_CACHE   BENCH_DIR "/cache-100k-schema" STR(STORE_SCHEMA) ".db"
#define SOURCE      "chinahightech"

static char **sentences;
static size_t nsentences;

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

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static long
rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f != NULL && fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = atol(line + 6);
	if (f != NULL)
		fclose(f);
	return kb;
}

static void
die(const char *what, const struct err *e)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, e ? e->msg : strerror(errno));
	exit(1);
}

/* ---- test data ---------------------------------------------------------- */

static void
load_sentences(const char *srcdir)
{
	char *path = path_join(srcdir, "tests/fixtures/store/article.txt");
	char *text, *save = NULL;
	size_t len, cap = 0;
	struct err e;

	if (read_file(path, 1 << 20, &text, &len, &e) < 0)
		die("reading the sample article", &e);
	for (char *s = strtok_r(text, "\n", &save); s != NULL; s = strtok_r(NULL, "\n", &save)) {
		while (*s != '\0') {
			char *end = strstr(s, "。");
			size_t n = end ? (size_t)(end - s) + strlen("。") : strlen(s);

			if (nsentences == cap) {
				cap = cap ? cap * 2 : 64;
				sentences = xrealloc(sentences, cap * sizeof *sentences);
			}
			sentences[nsentences++] = xstrndup(s, n);
			s += n;
		}
	}
	free(text);
	free(path);
}

static const char *
sentence(unsigned *seed)
{
	return sentences[(size_t)rand_r(seed) % nsentences];
}

static char *
make_title(unsigned *seed, int i)
{
	const char *s = sentence(seed);
	size_t n = 0;

	for (int c = 0; s[n] != '\0' && c < 18; c++)   /* 18 characters */
		n += (s[n] & 0x80) ? ((s[n] & 0xe0) == 0xc0 ? 2 : (s[n] & 0xf0) == 0xe0 ? 3 : 4) : 1;
	return xasprintf("%.*s（%d）", (int)n, s, i);
}

static char *
make_body(unsigned *seed)
{
	struct buf b;

	buf_init(&b, 0);
	while (b.len < 1500) {
		buf_adds(&b, "<p>　　");
		buf_adds(&b, sentence(seed));
		buf_adds(&b, sentence(seed));
		buf_adds(&b, "</p>\n");
	}
	return buf_steal(&b, NULL);
}

/* Tab t's REFRESH_N items and articles. */
static void
make_refresh(int t, struct item_list *l, struct article *a)
{
	unsigned seed = (unsigned)t * 7919u + 6u;

	memset(l, 0, sizeof *l);
	for (int i = 0; i < REFRESH_N; i++) {
		struct item *it = item_list_add(l);
		int64_t when = 1735689600 - (int64_t)(t * REFRESH_N + i) * 600;
		char date[11];

		time_ymd(when, date);
		it->url = xasprintf("http://www.chinahightech.com/html/c%d/2025/%d.html", t, i);
		it->title = make_title(&seed, t * REFRESH_N + i);
		it->date = xstrdup(date);
		it->time = when;
		memset(&a[i], 0, sizeof a[i]);
		a[i].url = xstrdup(it->url);
		a[i].title = xstrdup(it->title);
		a[i].time = when;
		a[i].time_text = xstrdup(date);
		a[i].source = xstrdup("中国高新网");
		a[i].author = xstrdup("记者");
		a[i].comments = 0;
		a[i].body_html = make_body(&seed);
	}
	l->next_url = xasprintf("http://www.chinahightech.com/html/c%d/2.html", t);
}

static void
free_refresh(struct item_list *l, struct article *a)
{
	item_list_free(l);
	for (int i = 0; i < REFRESH_N; i++)
		article_free(&a[i]);
}

static size_t
body_bytes(const struct article *a)
{
	size_t n = 0;

	for (int i = 0; i < REFRESH_N; i++)
		n += strlen(a[i].body_html);
	return n;
}

static void
fresh_file(const char *path)
{
	char *side;

	unlink(path);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
}

static long long
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* ---- storing a refresh -------------------------------------------------- */

static double
store_refresh(const char *path, const struct item_list *l, const struct article *a,
              int one_by_one)
{
	struct store *s;
	struct err e;
	double t0, t;

	if (store_open(&s, path, &e) < 0)
		die("opening the cache", &e);
	t0 = now_ms();
	if (store_put_list(s, "ch:bench", l, LIST_HEAD, &e) < 0)
		die("storing the list", &e);
	for (int i = 0; one_by_one && i < REFRESH_N; i++)
		if (store_put_article(s, &a[i], &e) < 0)
			die("storing an article", &e);
	if (!one_by_one && store_put_articles(s, a, REFRESH_N, &e) < 0)
		die("storing the articles", &e);
	t = now_ms() - t0;
	store_close(s);
	return t;
}

static void
bench_refresh(void)
{
	char *path = xasprintf("%s/refresh.db", BENCH_DIR);
	struct article *a = xcalloc(REFRESH_N, sizeof *a);
	struct item_list l;
	double batch[RUNS], single[RUNS], again[RUNS];

	make_refresh(0, &l, a);
	printf("refresh: %d articles, bodies %.1f KB on average\n", REFRESH_N,
	       (double)body_bytes(a) / REFRESH_N / 1024);
	for (int r = 0; r < RUNS; r++) {
		fresh_file(path);
		batch[r] = store_refresh(path, &l, a, 0);
		again[r] = store_refresh(path, &l, a, 0);
		fresh_file(path);
		single[r] = store_refresh(path, &l, a, 1);
	}
	printf("  new cache, list + store_put_articles (1 transaction): median %.0f ms\n",
	       median(batch, RUNS));
	printf("  new cache, list + %d store_put_article (%d transactions): median %.0f ms\n",
	       REFRESH_N, REFRESH_N, median(single, RUNS));
	printf("  the same refresh again (all known): median %.0f ms\n", median(again, RUNS));
	printf("  cache file after one refresh: %.1f MB\n", (double)file_size(path) / 1e6);
	free_refresh(&l, a);
	free(a);
	free(path);
}

/* ---- newsboat, the baseline --------------------------------------------- */

static void
xml_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else
			fputc(*s, f);
	}
}

static void
write_rss(const char *path, const struct item_list *l, const struct article *a)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		die(path, NULL);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
	      "<title>bench</title><link>http://www.chinahightech.com/</link>"
	      "<description>bench</description>\n", f);
	for (size_t i = 0; i < l->n; i++) {
		fputs("<item><title>", f);
		xml_text(f, l->v[i].title);
		fprintf(f, "</title><link>%s</link><guid>%s</guid><pubDate>", l->v[i].url,
		        l->v[i].url);
		{
			char when[64];
			time_t t = (time_t)l->v[i].time;
			struct tm tm;

			gmtime_r(&t, &tm);
			strftime(when, sizeof when, "%a, %d %b %Y %H:%M:%S +0000", &tm);
			fputs(when, f);
		}
		fputs("</pubDate><description>", f);
		xml_text(f, a[i].body_html);
		fputs("</description></item>\n", f);
	}
	fputs("</channel></rss>\n", f);
	fclose(f);
}

static void
bench_newsboat(void)
{
	char *feed = xasprintf("%s/feed.xml", BENCH_DIR);
	char *urls = xasprintf("%s/urls", BENCH_DIR);
	char *conf = xasprintf("%s/newsboat.conf", BENCH_DIR);
	char *cache = xasprintf("%s/newsboat.db", BENCH_DIR);
	char *cmd = xasprintf("HOME=%s newsboat -u %s -c %s -C %s -x reload >/dev/null 2>&1",
	                      BENCH_DIR, urls, cache, conf);
	struct article *a = xcalloc(REFRESH_N, sizeof *a);
	struct item_list l;
	double t[RUNS];
	FILE *f;
	int rc = 0;

	if (system("command -v newsboat >/dev/null 2>&1") != 0) {
		printf("newsboat: not installed, no baseline (apt-get install newsboat)\n");
		goto out;
	}
	make_refresh(0, &l, a);
	write_rss(feed, &l, a);
	free_refresh(&l, a);
	f = fopen(urls, "w");
	fprintf(f, "file://%s\n", feed);
	fclose(f);
	f = fopen(conf, "w");
	fclose(f);
	for (int r = 0; r < RUNS && rc == 0; r++) {
		double t0;

		fresh_file(cache);
		t0 = now_ms();
		rc = system(cmd);
		t[r] = now_ms() - t0;
	}
	if (rc != 0) {
		printf("newsboat: `%s` failed (%d), no baseline\n", cmd, rc);
		goto out;
	}
	printf("newsboat -x reload of the same %d items from a file:// RSS feed"
	       " (parse + store, new cache): median %.0f ms\n", REFRESH_N, median(t, RUNS));
out:
	free(a);
	free(feed);
	free(urls);
	free(conf);
	free(cache);
	free(cmd);
}

/* ---- a 100,000-article cache -------------------------------------------- */

static void
build_big(void)
{
	struct article *a = xcalloc(REFRESH_N, sizeof *a);
	struct store_tab tabs[BIG_TABS];
	struct item_list l;
	struct store *s;
	struct err e;
	double t0 = now_ms();
	char *done = xasprintf("%s.done", BIG_CACHE);

	if (access(done, F_OK) == 0) {
		printf("100k cache: reusing %s (%.0f MB)\n", BIG_CACHE,
		       (double)file_size(BIG_CACHE) / 1e6);
		goto out;
	}
	fresh_file(BIG_CACHE);
	if (store_open(&s, BIG_CACHE, &e) < 0)
		die("opening the big cache", &e);
	for (int t = 0; t < BIG_TABS; t++) {
		tabs[t].key = xasprintf("ch:%d", t);
		tabs[t].label = xasprintf("频道%d", t);
		tabs[t].url = NULL;
		tabs[t].kind = TAB_CHANNEL;
		tabs[t].fetched = 0;
		make_refresh(t, &l, a);
		if (store_put_list(s, tabs[t].key, &l, LIST_HEAD, &e) < 0 ||
		    store_put_articles(s, a, REFRESH_N, &e) < 0)
			die("building the big cache", &e);
		free_refresh(&l, a);
	}
	if (store_put_tabs(s, SOURCE, tabs, BIG_TABS, &e) < 0)
		die("storing tabs", &e);
	for (int t = 0; t < BIG_TABS; t++) {
		free(tabs[t].key);
		free(tabs[t].label);
	}
	store_close(s);
	fclose(fopen(done, "w"));
	printf("100k cache: built %s in %.1f s (%.0f MB)\n", BIG_CACHE,
	       (now_ms() - t0) / 1e3, (double)file_size(BIG_CACHE) / 1e6);
out:
	free(done);
	free(a);
}

/* One start in this (fresh) process: prints "ms rss_kb items". */
static int
startup(const char *path)
{
	struct store_tab *v;
	struct item_list l = { 0 };
	struct store *s;
	struct err e;
	size_t n;
	double t0 = now_ms(), t;

	if (store_open(&s, path, &e) < 0 || store_get_tabs(s, SOURCE, &v, &n, &e) < 0 ||
	    n == 0 || store_get_list(s, v[0].key, &l, &e) < 0)
		die("starting up", &e);
	t = now_ms() - t0;
	printf("%.3f %ld %zu\n", t, rss_kb(), l.n);
	item_list_free(&l);
	store_tabs_free(v, n);
	store_close(s);
	return 0;
}

static void
bench_startup(void)
{
	double t[RUNS], kb[RUNS], base[RUNS];
	size_t items = 0;

	for (int r = 0; r < RUNS; r++) {
		char *cmd = xasprintf("/proc/%ld/exe --startup %s", (long)getpid(), BIG_CACHE);
		FILE *p = popen(cmd, "r");
		char *cmd0 = xasprintf("/proc/%ld/exe --rss", (long)getpid());
		FILE *p0 = popen(cmd0, "r");
		long rss = 0, rss0 = 0;

		if (p == NULL || fscanf(p, "%lf %ld %zu", &t[r], &rss, &items) != 3)
			die("running a start-up", NULL);
		if (p0 == NULL || fscanf(p0, "%ld", &rss0) != 1)
			rss0 = 0;
		pclose(p);
		pclose(p0);
		kb[r] = (double)rss;
		base[r] = (double)rss0;
		free(cmd);
		free(cmd0);
	}
	printf("start-up with the 100k cache (open + store_get_tabs + store_get_list of a"
	       " %zu-item tab, fresh process): median %.1f ms\n", items, median(t, RUNS));
	printf("  VmRSS at the first list: median %.1f MB (%.1f MB before opening)\n",
	       median(kb, RUNS) / 1024, median(base, RUNS) / 1024);
}

static void
bench_queries(void)
{
	static const struct { const char *q, *what; } queries[] = {
		{ "高新", "2 characters, in nearly every article" },
		{ "杨华", "2 characters, a name" },
		{ "筑", "1 character" },
		{ "的", "1 character, in every article" },
		{ "雅光电子", "4 characters" },
		{ "新台阶", "3 characters" },
		{ "量子", "2 characters, in no article" },
	};
	double list[RUNS * 4];
	struct store *s;
	struct err e;

	if (store_open(&s, BIG_CACHE, &e) < 0)
		die("opening the big cache", &e);
	for (int r = 0; r < RUNS * 4; r++) {
		struct item_list l = { 0 };
		double t0 = now_ms();

		if (store_get_list(s, "ch:7", &l, &e) < 0)
			die("reading a list", &e);
		list[r] = now_ms() - t0;
		item_list_free(&l);
	}
	printf("store_get_list of a %d-item tab, cache open: median %.2f ms\n", REFRESH_N,
	       median(list, RUNS * 4));
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		double t[RUNS];
		size_t found = 0;

		for (int r = 0; r < RUNS; r++) {
			struct item_list l = { 0 };
			double t0 = now_ms();

			if (store_search(s, queries[i].q, &l, &e) < 0)
				die("searching", &e);
			t[r] = now_ms() - t0;
			found = l.n;
			item_list_free(&l);
		}
		printf("store_search \"%s\" (%s) over %d articles: median %.1f ms, %zu results%s\n",
		       queries[i].q, queries[i].what, BIG_N, median(t, RUNS), found,
		       found == STORE_SEARCH_MAX ? " (the cap)" : "");
	}
	store_close(s);
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--startup") == 0)
		return startup(argv[2]);
	if (argc == 2 && strcmp(argv[1], "--rss") == 0) {
		printf("%ld\n", rss_kb());
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: bench_store SRCDIR\n");
		return 2;
	}
	if (mkdir_p(BENCH_DIR, NULL) < 0)
		die(BENCH_DIR, NULL);
	load_sentences(argv[1]);
	bench_refresh();
	bench_newsboat();
	build_big();
	bench_startup();
	bench_queries();
	for (size_t i = 0; i < nsentences; i++)
		free(sentences[i]);
	free(sentences);
	return 0;
}
