/* bench_render.c: how long parsing and laying out an article takes.
 * Usage: bench_render SRCDIR.  The sample article body is repeated to
 * about 20,000 characters (a long article); render_layout runs on every
 * terminal resize, so its time is the figure that matters.  Prints
 * medians; never fails on speed. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "item.h"
#include "render.h"
#include "util.h"

#define RUNS 31
#define TARGET_CHARS 20000

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
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
	return v[n / 2];
}

static size_t
utf8_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

int
main(int argc, char **argv)
{
	static const int widths[] = { 40, 80, 200 };
	char *path, *one = NULL, *html;
	size_t len = 0, chars;
	struct err e;
	struct buf big;
	struct rblocks b;
	struct article a;
	double t[RUNS];

	setlocale(LC_ALL, "C.UTF-8");
	path = path_join(argc > 1 ? argv[1] : ".", "tests/fixtures/render/sample-body.html");
	if (read_file(path, 1 << 20, &one, &len, &e) != 0) {
		fprintf(stderr, "bench_render: %s\n", e.msg);
		return 1;
	}
	buf_init(&big, 0);
	while (utf8_chars(big.data ? big.data : "", big.len) < TARGET_CHARS)
		buf_add(&big, one, len);
	html = buf_steal(&big, &len);
	chars = utf8_chars(html, len);

	for (int i = 0; i < RUNS; i++) {
		double t0 = now_ms();

		render_blocks(html, len, "http://www.chinahightech.com/html/1/a.html", &b, NULL);
		t[i] = now_ms() - t0;
		if (i < RUNS - 1)
			rblocks_free(&b);
	}
	printf("render_blocks: %zu bytes, %zu chars, %zu blocks: median %.3f ms (%.1f MB/s)\n",
	       len, chars, b.n, median(t, RUNS), len / 1e3 / median(t, RUNS));

	memset(&a, 0, sizeof a);
	a.title = "贵阳高新区以党建引领赋能园区经济高质量发展";
	a.time_text = "2022-07-04 12:18:01";
	a.source = "贵阳高新区";
	a.author = "陈佳艺";
	a.editor = "王丹萍";
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		size_t lines = 0;

		for (int i = 0; i < RUNS; i++) {
			struct rdoc d;
			double t0 = now_ms();

			render_layout(&a, &b, widths[w], &d);
			t[i] = now_ms() - t0;
			lines = d.n;
			rdoc_free(&d);
		}
		printf("render_layout at width %3d: %zu lines: median %.3f ms\n",
		       widths[w], lines, median(t, RUNS));
	}
	rblocks_free(&b);
	free(html);
	free(one);
	free(path);
	return 0;
}
