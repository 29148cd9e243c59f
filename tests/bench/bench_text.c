/* bench_text.c: how fast Chinese text is laid out, and how the line
 * breaker fares on Unicode's LineBreakTest.txt.
 * Usage: bench_text SRCDIR.  Builds 10 MB of Chinese news text by
 * repeating and shuffling the paragraphs of tests/fixtures/text/sample.txt,
 * lays it out at width 80 (median of 5 runs, MB/s), re-lays out one
 * 20,000-character article (median of 101 runs, ms), and compares with a
 * baseline: a naive greedy wrapper that sums wcwidth() per code point and
 * breaks anywhere.  Prints figures; never fails on speed. */
#include "config.h"

#include <dlfcn.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "text.h"
#include "util.h"

#define BIG_BYTES    (10u * 1024 * 1024)
#define ARTICLE_CHARS 20000
#define WIDTH        80

struct paras {
	char  **v;
	size_t *len;
	size_t  n, cap, bytes, chars;
};

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

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return v[n / 2];
}

static size_t
utf8_chars(const char *s, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void
paras_add(struct paras *p, char *s, size_t len)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
		p->len = xrealloc(p->len, p->cap * sizeof *p->len);
	}
	p->v[p->n] = s;
	p->len[p->n++] = len;
	p->bytes += len;
	p->chars += utf8_chars(s, len);
}

/* The non-empty lines of the sample, each a paragraph. */
static int
sample_read(const char *srcdir, struct paras *out)
{
	char *path = path_join(srcdir, "tests/fixtures/text/sample.txt");
	char *buf = NULL, *s, *nl;
	size_t len = 0;
	struct err e;
	int rc = read_file(path, 1 << 24, &buf, &len, &e);

	free(path);
	if (rc != 0) {
		fprintf(stderr, "bench_text: %s\n", e.msg);
		return -1;
	}
	for (s = buf; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		if (nl > s)
			paras_add(out, xstrndup(s, (size_t)(nl - s)), (size_t)(nl - s));
		if (!*nl)
			break;
	}
	free(buf);
	return 0;
}

static uint64_t rng_state = 88172645463325252u;

static size_t
rng(size_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (size_t)(rng_state % n);
}

/* Paragraphs drawn at random from src (references, not copies) until the
 * total reaches bytes or chars. */
static void
paras_fill(struct paras *out, const struct paras *src, size_t bytes,
           size_t chars)
{
	while ((!bytes || out->bytes < bytes) && (!chars || out->chars < chars)) {
		size_t k = rng(src->n);

		paras_add(out, src->v[k], src->len[k]);
	}
}

typedef void (*layout_fn)(const struct paras *p, int width);

static void
layout_text(const struct paras *p, int width)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		struct text_lines tl = { 0 };

		text_wrap(p->v[i], p->len[i], width, TEXT_INDENT, &tl);
		text_lines_free(&tl);
	}
}

/* The C library's own wcwidth (text.c's interposes the name). */
static int (*libc_wcwidth)(wchar_t);

/* The baseline: sum glibc's wcwidth() per code point, break wherever the
 * next one would not fit.  No clusters, no rules, no sanitizing. */
static void
naive_wrap(const char *s, size_t len, int width, struct text_lines *out)
{
	size_t p = 0, start = 0;
	mbstate_t ms;
	int col = 0;

	memset(&ms, 0, sizeof ms);
	while (p < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + p, len - p, &ms);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ms, 0, sizeof ms);
			n = 1;
			wc = 0xFFFD;
		}
		w = libc_wcwidth(wc);
		w = w < 0 ? 0 : w;
		if (col + w > width) {
			text_lines_add(out, s + start, p - start);
			start = p;
			col = 0;
		}
		col += w;
		p += n;
	}
	text_lines_add(out, s + start, p - start);
}

static void
layout_naive(const struct paras *p, int width)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		struct text_lines tl = { 0 };

		naive_wrap(p->v[i], p->len[i], width, &tl);
		text_lines_free(&tl);
	}
}

static double
time_runs(layout_fn f, const struct paras *p, int runs)
{
	double *t = xcalloc((size_t)runs, sizeof *t), m;
	int i;

	for (i = 0; i < runs; i++) {
		double t0 = now();

		f(p, WIDTH);
		t[i] = now() - t0;
	}
	m = median(t, (size_t)runs);
	free(t);
	return m;
}

/* ---- LineBreakTest.txt ------------------------------------------------- */

enum { LB_CLUSTER, LB_ICU_ROOT, LB_ICU_ZH, LB_OURS, LB_NCLASS };

static const char *const lb_class_name[LB_NCLASS] = {
	"inside a grapheme cluster (gxnews never breaks there)",
	"ICU 72 itself differs from the test data",
	"ICU's zh tailoring (quotes as brackets, kana)",
	"gxnews Chinese rules (kinsoku, CJK pairs, numbers, URLs)",
};

struct lb_stats {
	long lines, lines_ok, pos, pos_bad, cls[LB_NCLASS];
	char example[LB_NCLASS][2][200];
};

/* Whether ICU (locale loc) breaks s before byte offset off. */
static int
icu_breaks(UBreakIterator *bi, const char *s, size_t len, size_t off)
{
	UErrorCode st = U_ZERO_ERROR;
	UText ut = UTEXT_INITIALIZER;
	int r;

	utext_openUTF8(&ut, s, (int64_t)len, &st);
	ubrk_setUText(bi, &ut, &st);
	r = U_SUCCESS(st) && ubrk_isBoundary(bi, (int32_t)off);
	utext_close(&ut);
	return r;
}

static int
is_cluster_start(const char *s, size_t len, size_t off)
{
	size_t p = 0;

	while (p < off)
		p = text_cluster_next(s, len, p);
	return p == off;
}

static int
lb_classify(UBreakIterator *root, UBreakIterator *zh, const char *s,
            size_t len, size_t off, int want)
{
	if (!is_cluster_start(s, len, off))
		return LB_CLUSTER;
	if (icu_breaks(root, s, len, off) != want)
		return LB_ICU_ROOT;
	if (icu_breaks(zh, s, len, off) != want)
		return LB_ICU_ZH;
	return LB_OURS;
}

/* Parses one test line into s; want[k] tells whether a break is allowed
 * before code point k (offsets in offs).  Returns the code point count. */
static size_t
lb_parse(const char *line, char *s, size_t *len, size_t *offs, int *want,
         size_t max)
{
	size_t n = 0;
	const char *q = line;
	int brk = 0;

	*len = 0;
	while (*q && *q != '#' && n < max) {
		if (strncmp(q, "\xc3\xb7", 2) == 0) {
			brk = 1;
			q += 2;
		} else if (strncmp(q, "\xc3\x97", 2) == 0) {
			brk = 0;
			q += 2;
		} else if ((*q >= '0' && *q <= '9') || (*q >= 'A' && *q <= 'F')) {
			mbstate_t ms;
			wchar_t c = (wchar_t)strtoul(q, (char **)&q, 16);
			size_t k;

			memset(&ms, 0, sizeof ms);
			k = wcrtomb(s + *len, c, &ms);
			if (k == (size_t)-1)
				return 0;
			offs[n] = *len;
			want[n++] = brk;
			*len += k;
		} else {
			q++;
		}
	}
	return n;
}

static void
lb_line(struct lb_stats *st, UBreakIterator *root, UBreakIterator *zh,
        const char *line)
{
	char s[1024];
	size_t offs[128], got[128], len, n, ng, k, g = 0;
	int want[128], all = 1, c;

	n = lb_parse(line, s, &len, offs, want, 100);
	if (n == 0)
		return;
	st->lines++;
	ng = text_breaks(s, len, got, 128);
	for (k = 1; k < n; k++) {
		int mine;

		while (g < ng && got[g] < offs[k])
			g++;
		mine = g < ng && got[g] == offs[k];
		st->pos++;
		if (mine == want[k])
			continue;
		all = 0;
		st->pos_bad++;
		c = lb_classify(root, zh, s, len, offs[k], want[k]);
		if (st->cls[c] < 2)
			snprintf(st->example[c][st->cls[c]], sizeof st->example[c][0],
			         "byte %zu of %.*s", offs[k],
			         (int)strcspn(line, "#\t"), line);
		st->cls[c]++;
	}
	st->lines_ok += all;
}

static void
linebreak_report(void)
{
	const char *path = "/usr/share/unicode/auxiliary/LineBreakTest.txt";
	FILE *f = fopen(path, "r");
	UErrorCode e1 = U_ZERO_ERROR, e2 = U_ZERO_ERROR;
	UBreakIterator *root = ubrk_open(UBRK_LINE, "", NULL, 0, &e1);
	UBreakIterator *zh = ubrk_open(UBRK_LINE, "zh", NULL, 0, &e2);
	struct lb_stats st;
	char line[8192];
	int i;

	memset(&st, 0, sizeof st);
	if (!f || U_FAILURE(e1) || U_FAILURE(e2)) {
		printf("LineBreakTest: skipped (%s missing or ICU failed)\n", path);
		goto out;
	}
	printf("LineBreakTest.txt (UAX #14, untailored) against text_breaks:\n");
	while (fgets(line, sizeof line, f))
		if (line[0] != '#')
			lb_line(&st, root, zh, line);
	printf("  lines: %ld, agree entirely: %ld, disagree: %ld\n", st.lines,
	       st.lines_ok, st.lines - st.lines_ok);
	printf("  positions: %ld, agree: %ld, disagree: %ld\n", st.pos,
	       st.pos - st.pos_bad, st.pos_bad);
	for (i = 0; i < LB_NCLASS; i++) {
		printf("    %6ld  %s\n", st.cls[i], lb_class_name[i]);
		for (int k = 0; k < 2 && k < st.cls[i]; k++)
			printf("              e.g. %s\n", st.example[i][k]);
	}
out:
	if (f)
		fclose(f);
	if (root)
		ubrk_close(root);
	if (zh)
		ubrk_close(zh);
}

int
main(int argc, char **argv)
{
	struct paras sample = { 0 }, big = { 0 }, art = { 0 };
	double t_big, t_naive, *t;
	size_t i;

	setlocale(LC_ALL, "C.UTF-8");
	libc_wcwidth = (int (*)(wchar_t))dlsym(RTLD_NEXT, "wcwidth");
	if (!libc_wcwidth)
		libc_wcwidth = wcwidth;
	if (sample_read(argc > 1 ? argv[1] : ".", &sample) != 0)
		return 1;
	paras_fill(&big, &sample, BIG_BYTES, 0);
	paras_fill(&art, &sample, 0, ARTICLE_CHARS);
	layout_text(&art, WIDTH);   /* warm: tables, ICU data */

	t_big = time_runs(layout_text, &big, 5);
	t_naive = time_runs(layout_naive, &big, 5);
	printf("text_wrap, %.1f MB (%zu paragraphs, %zu characters) at width %d:"
	       " %.1f MB/s (median of 5: %.1f ms)\n", big.bytes / 1048576.0,
	       big.n, big.chars, WIDTH, big.bytes / 1048576.0 / t_big,
	       t_big * 1e3);
	printf("baseline (naive greedy wrapper, glibc wcwidth per code point): "
	       "%.1f MB/s (%.1f ms); text_wrap takes %.2fx the baseline's time\n",
	       big.bytes / 1048576.0 / t_naive, t_naive * 1e3, t_big / t_naive);

	t = xcalloc(101, sizeof *t);
	for (i = 0; i < 101; i++) {
		double t0 = now();

		layout_text(&art, WIDTH);
		t[i] = now() - t0;
	}
	printf("re-layout of one %zu-character article (%zu paragraphs) at width "
	       "%d: %.3f ms (median of 101)\n", art.chars, art.n, WIDTH,
	       median(t, 101) * 1e3);
	free(t);

	linebreak_report();
	for (i = 0; i < sample.n; i++)
		free(sample.v[i]);
	free(sample.v);
	free(sample.len);
	free(big.v);
	free(big.len);
	free(art.v);
	free(art.len);
	return 0;
}
