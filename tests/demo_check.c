/* demo_check.c: the demo mirror (or a copy of it) read with a profile and
 * compared field by field with tests/fixtures/demo/.  See demo_check.h. */
#include "config.h"

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "demo_check.h"
#include "render.h"
#include "util.h"

#define SHOWN_MAX 40    /* mismatches printed when counting */

#define DC_NAME(id, name) name,
static const char *const col_names[] = { DEMO_COLS(DC_NAME) };

const char *
demo_col_name(int col)
{
	return col >= 0 && col < DC_COUNT ? col_names[col] : "?";
}

size_t
demo_good(const struct demo_check *d)
{
	size_t n = 0;

	for (int c = 0; c < DC_COUNT; c++)
		n += d->good[c];
	return n;
}

size_t
demo_total(const struct demo_check *d)
{
	size_t n = 0;

	for (int c = 0; c < DC_COUNT; c++)
		n += d->total[c];
	return n;
}

/* ---- expected values ------------------------------------------------------- */

struct expect {
	char **key, **val;
	size_t n;
};

static void
expect_load(struct expect *x, const char *path)
{
	char *text, *p, *next;
	size_t len;

	memset(x, 0, sizeof *x);
	if (read_file(path, 1 << 20, &text, &len, NULL) < 0)
		return;
	for (p = text; p != NULL && *p != '\0'; p = next) {
		char *tab;

		next = strchr(p, '\n');
		if (next != NULL)
			*next++ = '\0';
		tab = strchr(p, '\t');
		if (tab == NULL)
			continue;
		*tab = '\0';
		x->key = xrealloc(x->key, (x->n + 1) * sizeof *x->key);
		x->val = xrealloc(x->val, (x->n + 1) * sizeof *x->val);
		x->key[x->n] = xstrdup(p);
		x->val[x->n++] = xstrdup(tab + 1);
	}
	free(text);
}

static void
expect_free(struct expect *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->key[i]);
		free(x->val[i]);
	}
	free(x->key);
	free(x->val);
}

static const char *
expect_get(const struct expect *x, const char *key)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->key[i], key) == 0)
			return x->val[i];
	return NULL;
}

static int
expect_has(const struct expect *x, const char *key)
{
	return expect_get(x, key) != NULL;
}

/* "rank-all<TAB>1<TAB>title<TAB>url" and the like, split in place. */
static int
split3(char *v, char **a, char **b, char **c)
{
	*a = v;
	*b = strchr(v, '\t');
	if (*b == NULL)
		return -1;
	*(*b)++ = '\0';
	*c = strchr(*b, '\t');
	if (*c != NULL)
		*(*c)++ = '\0';
	return 0;
}

/* ---- comparing: a TAP line, or a count ---------------------------------------- */

static void __attribute__((format(printf, 5, 6)))
cmp_str(struct demo_check *d, int col, const char *got, const char *want,
        const char *fmt, ...)
{
	char name[512];
	va_list ap;
	int same = (got == NULL && want == NULL) ||
	           (got != NULL && want != NULL && strcmp(got, want) == 0);

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	d->total[col]++;
	d->good[col] += same;
	if (d->ok != NULL) {
		d->ok(same, "%s", name);
		if (!same)
			printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
			       want ? want : "(null)");
	} else if (!same && d->shown++ < SHOWN_MAX)
		printf("#   %s: got '%s', want '%s'\n", name, got ? got : "(null)",
		       want ? want : "(null)");
}

static void __attribute__((format(printf, 4, 5)))
cmp_ok(struct demo_check *d, int col, int cond, const char *fmt, ...)
{
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	d->total[col]++;
	d->good[col] += cond != 0;
	if (d->ok != NULL)
		d->ok(cond, "%s", name);
	else if (!cond && d->shown++ < SHOWN_MAX)
		printf("#   %s: wrong\n", name);
}

static void
cmp_int(struct demo_check *d, int col, long got, long want, const char *what)
{
	char g[32], w[32];

	snprintf(g, sizeof g, "%ld", got);
	snprintf(w, sizeof w, "%ld", want);
	cmp_str(d, col, g, w, "%s", what);
}

/* A URL as compared: whole, or (url_loose) without query and fragment. */
static char *
url_key(const struct demo_check *d, const char *url)
{
	if (url == NULL)
		return NULL;
	return d->url_loose ? xstrndup(url, strcspn(url, "?#")) : xstrdup(url);
}

static void
cmp_url(struct demo_check *d, int col, const char *got, const char *want,
        const char *name)
{
	char *g = url_key(d, got), *w = url_key(d, want);

	cmp_str(d, col, g, w, "%s", name);
	free(g);
	free(w);
}

/* ---- the pages ---------------------------------------------------------------- */

/* The page as UTF-8, converted the way the reader converts it. */
static char *
load_page(const struct demo_check *d, const char *rel, size_t *len)
{
	char *path = xasprintf("%s/%s", d->mirror, rel), *raw, *out = NULL;
	size_t rawlen;
	char cs[64];

	if (read_file(path, 64 << 20, &raw, &rawlen, NULL) == 0) {
		charset_detect(raw, rawlen, NULL, cs, sizeof cs);
		if (charset_to_utf8(raw, rawlen, cs, &out, len, NULL) < 0)
			out = NULL;
		free(raw);
	}
	free(path);
	return out;
}

static void
tally(struct demo_check *d, const struct site_read *rd)
{
	for (int f = 0; f < SF_COUNT; f++)
		d->layers[f][rd->layer[f]]++;
}

static void
check_items(struct demo_check *d, const char *rel, const struct expect *x,
            const char *key, const struct item_list *l, int col)
{
	size_t k = 0;
	int ranked = col != DC_ITEMS;

	for (size_t i = 0; i < x->n; i++) {
		char *v, *a, *b, *c, name[300];

		if (strcmp(x->key[i], key) != 0)
			continue;
		v = xstrdup(x->val[i]);
		if (split3(v, &a, &b, &c) < 0 || c == NULL) {
			cmp_ok(d, col, 0, "%s: malformed expect line %s", rel, key);
			free(v);
			continue;
		}
		if (k >= l->n) {
			cmp_ok(d, col, 0, "%s: %s item %zu (%s) is missing", rel, key, k + 1, b);
			if (!ranked)
				cmp_ok(d, DC_DATES, 0, "%s: %s item %zu has no date", rel, key, k + 1);
		} else {
			const struct item *it = &l->v[k];
			char date[11] = "";

			if (ranked) {
				snprintf(name, sizeof name, "%s: %s %zu has its rank", rel, key, k + 1);
				cmp_int(d, col, it->rank, atol(a), name);
			} else {
				if (it->time != 0)
					time_ymd(it->time, date);
				cmp_str(d, DC_DATES, date, a, "%s: %s %zu has its date", rel, key, k + 1);
			}
			cmp_str(d, col, it->title, b, "%s: %s %zu has its full title", rel, key, k + 1);
			snprintf(name, sizeof name, "%s: %s %zu links to the article", rel, key, k + 1);
			cmp_url(d, col, it->url, c, name);
		}
		k++;
		free(v);
	}
	cmp_ok(d, col, l->n == k, "%s: %s has exactly the expected %zu items (%zu read)",
	       rel, key, k, l->n);
}

static void
check_home(struct demo_check *d, const char *rel, const char *url, const char *html,
           size_t len, const struct expect *x)
{
	static const struct { const char *key; int which, col; } specials[] = {
		{ "rank-all", SITE_RANK_ALL, DC_RANK_ALL },
		{ "rank-month", SITE_RANK_MONTH, DC_RANK_MONTH },
		{ "picks", SITE_PICKS, DC_PICKS },
	};
	struct channel_list ch = { 0 };
	struct site_read rd = { 0 };
	struct err e = { "" };
	size_t k = 0;

	cmp_ok(d, DC_CHANNELS, site_channels(d->site, html, len, url, &ch, &rd, &e) > 0,
	       "%s: channels read %s", rel, e.msg);
	tally(d, &rd);
	site_read_free(&rd);
	for (size_t i = 0; i < x->n; i++) {
		char *v, *label, *curl, *rest, name[300];

		if (strcmp(x->key[i], "channel") != 0)
			continue;
		v = xstrdup(x->val[i]);
		split3(v, &label, &curl, &rest);
		if (k < ch.n) {
			cmp_str(d, DC_CHANNELS, ch.v[k].label, label, "%s: channel %zu is named",
			        rel, k + 1);
			snprintf(name, sizeof name, "%s: channel %zu has its list URL", rel, k + 1);
			cmp_url(d, DC_CHANNELS, ch.v[k].url, curl, name);
		} else {
			cmp_ok(d, DC_CHANNELS, 0, "%s: channel %s is missing", rel, label);
		}
		k++;
		free(v);
	}
	cmp_ok(d, DC_CHANNELS, ch.n == k, "%s: exactly the %zu channels of the nav", rel, k);
	channel_list_free(&ch);
	for (size_t s = 0; s < ARRAY_LEN(specials); s++) {
		struct item_list l = { 0 };

		if (!expect_has(x, specials[s].key))
			continue;
		cmp_ok(d, specials[s].col, site_special(d->site, specials[s].which, html, len,
		                                       url, &l, &rd, &e) == 0,
		       "%s: %s read", rel, specials[s].key);
		tally(d, &rd);
		site_read_free(&rd);
		check_items(d, rel, x, specials[s].key, &l, specials[s].col);
		item_list_free(&l);
	}
}

static void
check_list(struct demo_check *d, const char *rel, const char *url, const char *html,
           size_t len, const struct expect *x)
{
	struct item_list l = { 0 };
	struct site_read rd = { 0 };
	struct err e = { "" };
	char name[300];

	cmp_ok(d, DC_ITEMS, site_list(d->site, html, len, url, &l, &rd, &e) == 0,
	       "%s: list read %s", rel, e.msg);
	tally(d, &rd);
	site_read_free(&rd);
	check_items(d, rel, x, "item", &l, DC_ITEMS);
	snprintf(name, sizeof name, "%s: the next page is found (or none)", rel);
	cmp_url(d, DC_LIST_NEXT, l.next_url, expect_get(x, "next"), name);
	item_list_free(&l);
}

/* Text without the reader's link numbers "[N]". */
static char *
strip_marks(const char *s)
{
	char *out = xstrdup(s), *w = out;

	for (const char *r = s; *r != '\0'; ) {
		size_t k = 0;

		if (*r == '[')
			while (r[1 + k] >= '0' && r[1 + k] <= '9')
				k++;
		if (k > 0 && r[1 + k] == ']') {
			r += k + 2;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return out;
}

/* Paragraph texts of a body, as the reader lays them out. */
static void
check_body(struct demo_check *d, const char *rel, const char *url,
           const struct article *a, const struct expect *x)
{
	struct rblocks b = { 0 };
	size_t paras = 0;
	char *first = NULL, *last = NULL, name[300];
	struct buf all;

	buf_init(&all, 0);
	buf_add(&all, "", 0);
	render_blocks(a->body_html, strlen(a->body_html), url, &b, NULL);
	for (size_t i = 0; i < b.n; i++) {
		buf_adds(&all, b.v[i].text);
		buf_adds(&all, "\n");
		if (b.v[i].kind != RB_PARA)
			continue;
		paras++;
		if (first == NULL)
			first = strip_marks(b.v[i].text);
		xfree_set(&last, strip_marks(b.v[i].text));
	}
	if (expect_has(x, "paragraphs")) {
		snprintf(name, sizeof name, "%s: body paragraphs", rel);
		cmp_int(d, DC_BODY, (long)paras, atol(expect_get(x, "paragraphs")), name);
	}
	if (expect_has(x, "first"))
		cmp_ok(d, DC_BODY, first != NULL && strstr(first, expect_get(x, "first")) != NULL,
		       "%s: body starts with its first paragraph", rel);
	if (expect_has(x, "last"))
		cmp_ok(d, DC_BODY, last != NULL && str_ends(last, expect_get(x, "last")),
		       "%s: body ends with its last paragraph", rel);
	for (size_t i = 0; i < x->n; i++) {
		if (strcmp(x->key[i], "absent") == 0)
			cmp_ok(d, DC_BODY, strstr(all.data, x->val[i]) == NULL,
			       "%s: body has no '%s'", rel, x->val[i]);
		if (strcmp(x->key[i], "image") == 0) {
			int found = 0;

			for (size_t k = 0; k < b.nlinks; k++)
				found |= strcmp(b.links[k], x->val[i]) == 0;
			cmp_ok(d, DC_BODY, found, "%s: image %s is kept with its absolute URL",
			       rel, x->val[i]);
		}
	}
	free(first);
	free(last);
	buf_free(&all);
	rblocks_free(&b);
}

static void
check_article(struct demo_check *d, const char *rel, const char *url, const char *html,
              size_t len, const struct expect *x)
{
	static const struct { const char *key; int col; } fields[] = {
		{ "title", DC_TITLE }, { "time", DC_TIME }, { "source", DC_SOURCE },
		{ "author", DC_AUTHOR }, { "editor", DC_EDITOR },
	};
	struct article a = { .comments = -1 };
	struct site_read rd = { 0 };
	struct err e = { "" };
	char name[300];
	int rc = site_article(d->site, html, len, url, &a, &rd, &e);

	cmp_ok(d, DC_BODY, rc == 0, "%s: article read %s", rel, e.msg);
	tally(d, &rd);
	site_read_free(&rd);
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		const char *want = expect_get(x, fields[i].key);
		const char *got = i == 0 ? a.title : i == 1 ? a.time_text : i == 2 ? a.source :
		                  i == 3 ? a.author : a.editor;

		if (want != NULL)
			cmp_str(d, fields[i].col, got ? got : "", want, "%s: %s", rel, fields[i].key);
	}
	if (expect_has(x, "comments")) {
		snprintf(name, sizeof name, "%s: comment count", rel);
		cmp_int(d, DC_COMMENTS, a.comments, atol(expect_get(x, "comments")), name);
	}
	snprintf(name, sizeof name, "%s: next page of the article (or none)", rel);
	cmp_url(d, DC_ART_NEXT, a.next_page, expect_get(x, "next"), name);
	if (a.body_html != NULL)
		check_body(d, rel, url, &a, x);
	article_free(&a);
}

static struct demo_check *current;

static int
visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	struct demo_check *d = current;
	struct expect x;
	char *rel, *url, *html;
	const char *slash, *page;
	int host_len;
	size_t len;

	(void)st;
	(void)ftw;
	if (flag != FTW_F || !str_ends(path, ".expect"))
		return 0;
	rel = xstrndup(path + strlen(d->expect) + 1,
	               strlen(path) - strlen(d->expect) - 1 - strlen(".expect"));
	/* rel is HOST/PATH: the page's canonical URL is http://HOST/PATH, and a
	 * host's index.html is its front page http://HOST/ */
	slash = strchr(rel, '/');
	host_len = slash ? (int)(slash - rel) : (int)strlen(rel);
	page = slash ? slash + 1 : "";
	url = xasprintf("http://%.*s/%s", host_len, rel,
	                strcmp(page, "index.html") == 0 ? "" : page);
	expect_load(&x, path);
	html = load_page(d, rel, &len);
	if (html == NULL) {
		cmp_ok(d, DC_BODY, 0, "%s: page exists in the mirror", rel);
	} else if (expect_has(&x, "channel") || expect_has(&x, "rank-all")) {
		check_home(d, rel, url, html, len, &x);
		d->homes++;
	} else if (expect_has(&x, "title")) {
		check_article(d, rel, url, html, len, &x);
		d->articles++;
	} else if (expect_has(&x, "item") || expect_has(&x, "next")) {
		check_list(d, rel, url, html, len, &x);
		d->lists++;
	} else {
		cmp_ok(d, DC_BODY, 0, "%s: its .expect says what kind of page it is", rel);
	}
	free(html);
	expect_free(&x);
	free(url);
	free(rel);
	return 0;
}

int
demo_check_run(struct demo_check *d)
{
	int rc;

	current = d;
	rc = nftw(d->expect, visit, 16, FTW_PHYS);
	current = NULL;
	return rc == 0 ? 0 : -1;
}

/* ---- what a cut rule does ---------------------------------------------------- */

struct cut_walk {
	const char *mirror, *text;
	struct site *with, *without;
	int gone, left;
};

static struct cut_walk *cut_current;

static int
cut_visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	struct cut_walk *c = cut_current;
	struct article a = { .comments = -1 }, b = { .comments = -1 };
	struct demo_check d = { .mirror = c->mirror };
	const char *rel, *slash;
	char *url, *html;
	size_t len;

	(void)st;
	(void)ftw;
	/* only a file lies under the mirror: the walk starts with the mirror
	 * itself, which has no name past it */
	if (flag != FTW_F || !str_ends(path, ".html"))
		return 0;
	rel = path + strlen(c->mirror) + 1;
	if ((slash = strchr(rel, '/')) == NULL)
		return 0;
	url = xasprintf("http://%.*s/%s", (int)(slash - rel), rel, slash + 1);
	html = load_page(&d, rel, &len);
	if (html != NULL && site_is_article_url(c->with, url) &&
	    site_article(c->with, html, len, url, &a, NULL, NULL) == 0 &&
	    site_article(c->without, html, len, url, &b, NULL, NULL) == 0) {
		int in_with = strstr(a.body_html, c->text) != NULL;
		int in_without = strstr(b.body_html, c->text) != NULL;

		c->gone += in_without && !in_with;
		c->left += in_with;
	}
	article_free(&a);
	article_free(&b);
	free(html);
	free(url);
	return 0;
}

void
demo_cut_effect(const char *mirror, const char *with, const char *without,
                const char *text, int *gone, int *left)
{
	struct cut_walk c = { .mirror = mirror, .text = text };

	*gone = *left = 0;
	if (site_load_mem(&c.with, with, strlen(with), "with.site", NULL) < 0 ||
	    site_load_mem(&c.without, without, strlen(without), "without.site", NULL) < 0) {
		site_free(c.with);
		return;
	}
	cut_current = &c;
	nftw(mirror, cut_visit, 16, FTW_PHYS);
	cut_current = NULL;
	*gone = c.gone;
	*left = c.left;
	site_free(c.with);
	site_free(c.without);
}
