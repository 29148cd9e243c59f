/* bench_zhscript.c: how fast Simplified text is shown in Traditional.
 * Usage: bench_zhscript SRCDIR.  From the paragraphs of
 * tests/fixtures/text/sample.txt it makes 5,000 distinct title-sized
 * strings (16 to 40 characters, numbered) and a 20,000-character article,
 * then for each script prints: the time to load OpenCC's dictionaries,
 * a list of 5,000 titles converted the first time (OpenCC on each) and
 * again (remembered), and the article converted (median of 11 runs) beside
 * the time to lay it out at 80 columns.  Prints figures; never fails on
 * speed. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"
#include "util.h"
#include "zhscript.h"

#define NTITLES 5000
#define ARTICLE_CHARS 20000
#define RUNS 11

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Byte offset after n characters of s (or its end). */
static size_t
chars(const char *s, size_t n)
{
	size_t i = 0;

	while (s[i] != '\0' && n > 0) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		n--;
	}
	return i;
}

/* The sample's text without line ends, repeated to at least min bytes. */
static char *
sample_text(const char *srcdir, size_t min)
{
	char *path = path_join(srcdir, "tests/fixtures/text/sample.txt"), *buf = NULL;
	size_t len = 0;
	struct err e;
	struct buf b;

	if (read_file(path, 1 << 24, &buf, &len, &e) != 0) {
		fprintf(stderr, "bench_zhscript: %s\n", e.msg);
		free(path);
		return NULL;
	}
	free(path);
	for (char *p = buf; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	buf_init(&b, 0);
	while (b.len < min)
		buf_adds(&b, buf);
	free(buf);
	return buf_steal(&b, NULL);
}

static double
list_ms(struct zh *z, int script, char **titles)
{
	double t0 = now();

	for (size_t i = 0; i < NTITLES; i++)
		free(zh_convert(z, script, titles[i], strlen(titles[i])));
	return (now() - t0) * 1e3;
}

static double
article_ms(struct zh *z, int script, const char *art, size_t len)
{
	double v[RUNS];

	for (int r = 0; r < RUNS; r++) {
		double t0 = now();

		free(zh_convert(z, script, art, len));
		v[r] = (now() - t0) * 1e3;
	}
	qsort(v, RUNS, sizeof *v, cmp_double);
	return v[RUNS / 2];
}

static double
layout_ms(const char *art, size_t len)
{
	double v[RUNS];

	for (int r = 0; r < RUNS; r++) {
		struct text_lines l = { 0 };
		double t0 = now();

		text_wrap(art, len, 80, TEXT_INDENT, &l);
		v[r] = (now() - t0) * 1e3;
		text_lines_free(&l);
	}
	qsort(v, RUNS, sizeof *v, cmp_double);
	return v[RUNS / 2];
}

int
main(int argc, char **argv)
{
	char *text, *titles[NTITLES], *art;
	size_t off = 0, artlen, tlen;

	setlocale(LC_ALL, "C.UTF-8");
	text = sample_text(argc > 1 ? argv[1] : ".", 1 << 20);
	if (text == NULL)
		return 1;
	if (zh_version() == NULL) {
		printf("bench_zhscript: built without OpenCC; nothing to measure\n");
		free(text);
		return 0;
	}
	tlen = strlen(text);
	for (size_t i = 0; i < NTITLES; i++) {
		size_t n = chars(text + off, 16 + i % 25);

		titles[i] = xasprintf("%zu %.*s", i, (int)n, text + off);
		off += n;
		if (off + 200 > tlen)
			off = 0;
	}
	artlen = chars(text, ARTICLE_CHARS);
	art = xstrndup(text, artlen);
	printf("%s; %d titles, an article of %d characters (%zu bytes)\n", zh_version(),
	       NTITLES, ARTICLE_CHARS, artlen);
	printf("%-12s %8s %12s %12s %10s %10s\n", "script", "load ms", "list 1st ms",
	       "list again", "article ms", "layout ms");
	for (int s = ZH_TRADITIONAL; s < ZH_NSCRIPTS; s++) {
		struct zh *z = zh_new();
		double t0 = now(), load, first, again;

		zh_check(z, s, NULL);
		load = (now() - t0) * 1e3;
		first = list_ms(z, s, titles);
		again = list_ms(z, s, titles);
		printf("%-12s %8.1f %12.1f %12.1f %10.1f %10.1f\n", zh_script_name(s), load,
		       first, again, article_ms(z, s, art, artlen), layout_ms(art, artlen));
		zh_free(z);
	}
	for (size_t i = 0; i < NTITLES; i++)
		free(titles[i]);
	free(art);
	free(text);
	return 0;
}
