/* bench_feed.c: feed_parse throughput on a generated 5,000-item Chinese
 * RSS 2.0 file (~7 MB), in this process, extract_article time per page
 * over the extract fixtures, and the time each takes on the hostile inputs
 * the unit tests only check to finish (tests/bombs.h, billion laughs).
 * Set against other programs only as whole processes: tests/bench/run.
 * Usage: bench_feed SRCDIR.  Prints figures; never fails on speed. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bombs.h"
#include "extract.h"
#include "feed.h"
#include "util.h"

#define RUNS   5
#define ITEMS  5000

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
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

/* Deterministic Chinese text: common characters picked by an LCG. */
static const char *const hanzi[] = {
	"中", "国", "高", "新", "技", "术", "产", "业", "开", "发", "区", "科",
	"创", "企", "经", "济", "市", "场", "研", "究", "人", "工", "智", "能",
	"数", "据", "平", "台", "建", "设", "服", "务", "政", "策", "改", "革",
	"投", "资", "项", "目", "合", "作", "际", "源", "汽", "车", "电", "池",
	"制", "造", "，", "。", "的", "是", "在", "和", "了", "有", "大", "年",
};

static unsigned long rng = 20220704;

static void
add_hanzi(struct buf *b, int n)
{
	for (int i = 0; i < n; i++) {
		rng = rng * 6364136223846793005UL + 1442695040888963407UL;
		buf_adds(b, hanzi[(rng >> 33) % ARRAY_LEN(hanzi)]);
	}
}

static char *
make_feed(size_t *len)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	struct buf b;

	buf_init(&b, 0);
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	         "<rss version=\"2.0\"><channel><title>中国高新网 - 测试</title>"
	         "<link>http://www.example.com/</link><description>基准</description>\n");
	for (int i = 0; i < ITEMS; i++) {
		buf_adds(&b, "<item><title>");
		add_hanzi(&b, 24);
		buf_addf(&b, "</title><link>http://www.example.com/news/2024/%02d/%d.html</link>"
		         "<description>&lt;p&gt;", i % 12 + 1, i);
		add_hanzi(&b, 185);
		buf_adds(&b, "&lt;/p&gt;&lt;p&gt;");
		add_hanzi(&b, 185);
		buf_addf(&b, "&lt;/p&gt;</description><pubDate>%s, %02d Jul 2022 %02d:%02d:%02d +0800"
		         "</pubDate><guid>http://www.example.com/news/2024/%02d/%d.html</guid></item>\n",
		         days[i % 7], i % 28 + 1, i % 24, i % 60, (i * 7) % 60, i % 12 + 1, i);
	}
	buf_adds(&b, "</channel></rss>\n");
	return buf_steal(&b, len);
}

static void
bench_feed(void)
{
	double t[RUNS], ours;
	size_t len;
	char *xml = make_feed(&len);
	struct err e;

	for (int r = 0; r < RUNS; r++) {
		struct feed f;
		double t0 = now_ms();

		if (feed_parse(xml, len, "http://www.example.com/rss.xml", &f, &e) < 0) {
			printf("feed_parse failed: %s\n", e.msg);
			goto out;
		}
		t[r] = now_ms() - t0;
		if (f.items.n != ITEMS)
			printf("feed_parse: %zu items, not %d\n", f.items.n, ITEMS);
		feed_free(&f);
	}
	ours = median(t, RUNS);
	printf("feed_parse: %d items, %.2f MB, median of %d: %.1f ms, %.1f MB/s\n",
	       ITEMS, (double)len / 1e6, RUNS, ours, (double)len / 1e6 / (ours / 1e3));
out:
	free(xml);
}

static void
bench_extract(const char *srcdir)
{
	char *dir = path_join(srcdir, "tests/fixtures/extract");
	DIR *d = opendir(dir);
	struct dirent *de;
	double per[64];
	size_t n = 0;

	if (d == NULL) {
		printf("extract: no fixtures in %s\n", dir);
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL && n < ARRAY_LEN(per)) {
		char *path, *html;
		size_t len;
		double t[RUNS];
		struct err e;

		if (!str_ends(de->d_name, ".html"))
			continue;
		path = path_join(dir, de->d_name);
		if (read_file(path, 1 << 24, &html, &len, &e) < 0) {
			free(path);
			continue;
		}
		for (int r = 0; r < RUNS; r++) {
			struct article a = { .comments = -1 };
			double t0 = now_ms();

			extract_article(html, len, "http://www.example.com/a.html", &a, &e);
			t[r] = now_ms() - t0;
			article_free(&a);
		}
		per[n++] = median(t, RUNS);
		free(html);
		free(path);
	}
	closedir(d);
	free(dir);
	if (n > 0)
		printf("extract_article: %zu pages, median per page %.3f ms\n", n, median(per, n));
}

/* The median time of feed_parse (or, for a page, extract_article) on
 * DATA, in ms, whether or not it gives a feed or an article. */
static double
hostile_ms(const char *data, size_t len, int page)
{
	double t[RUNS];
	struct err e;

	for (int r = 0; r < RUNS; r++) {
		double t0 = now_ms();

		if (page) {
			struct article a = { .comments = -1 };

			extract_article(data, len, "http://www.example.com/a.html", &a, &e);
			article_free(&a);
		} else {
			struct feed f;

			if (feed_parse(data, len, "http://www.example.com/rss.xml", &f, &e) == 0)
				feed_free(&f);
		}
		t[r] = now_ms() - t0;
	}
	return median(t, RUNS);
}

static void
bench_hostile(const char *srcdir)
{
	struct buf deep, big, page;
	char *path = path_join(srcdir, "tests/fixtures/feed/billion-laughs.xml"), *laughs;
	size_t len;
	struct err e;

	buf_init(&deep, 0);
	bomb_deep_feed(&deep, 100000);
	buf_init(&big, 0);
	bomb_big_title_feed(&big, 20 * 1024 * 1024 / 3);
	buf_init(&page, 0);
	bomb_deep_page(&page, 100000);
	printf("feed_parse, 100,000-deep nesting: median of %d: %.1f ms\n", RUNS,
	       hostile_ms(deep.data, deep.len, 0));
	printf("feed_parse, a 20 MB title: median of %d: %.1f ms\n", RUNS,
	       hostile_ms(big.data, big.len, 0));
	printf("extract_article, a 100,000-deep page: median of %d: %.1f ms\n", RUNS,
	       hostile_ms(page.data, page.len, 1));
	if (read_file(path, 1 << 24, &laughs, &len, &e) == 0) {
		printf("feed_parse, billion laughs: median of %d: %.1f ms\n", RUNS,
		       hostile_ms(laughs, len, 0));
		free(laughs);
	} else {
		printf("billion laughs: %s\n", e.msg);
	}
	buf_free(&deep);
	buf_free(&big);
	buf_free(&page);
	free(path);
}

int
main(int argc, char **argv)
{
	bench_feed();
	bench_extract(argc > 1 ? argv[1] : ".");
	bench_hostile(argc > 1 ? argv[1] : ".");
	return 0;
}
