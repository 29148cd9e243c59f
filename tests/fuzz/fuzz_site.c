/* fuzz_site.c: the site-profile extractor on hostile HTML (made UTF-8 as
 * the fetcher makes it), with the chinahightech profile and with a profile
 * naming only the site and its article URLs (the generic rules alone):
 * the input is read as a list page, an article page, each special list
 * and the channel bar.  Checks that what comes back is complete: every
 * item and channel has a url and a title, urls are absolute http(s) or
 * file URLs, an article read has a title and a body, each field's layer
 * is one of the four.  The input is also read as text for dates (what is
 * found parses as a time) and labels, and as a URL for its date. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
#include "generic.h"
#include "site.h"
#include "util.h"

#define HOME "http://www.chinahightech.com/"
#define LIST HOME "html/yuanqu/index.html"
#define ARTICLE HOME "html/yuanqu/2022/0704/52101.html"

static struct site *
profile(void)
{
	static struct site *s;
	struct err e = { "" };
	char *path;

	if (s != NULL)
		return s;
	path = path_join(fuzz_srcdir(), "data/sites/chinahightech.site");
	if (site_load(&s, path, &e) != 0) {
		fprintf(stderr, "fuzz_site: %s (set top_srcdir)\n", e.msg);
		abort();
	}
	free(path);
	return s;
}

static struct site *
generic_profile(void)
{
	static const char text[] =
		"[site]\nurl = http://www.chinahightech.com/\n"
		"[article any]\nmatch = /[0-9]{4}/[0-9]{4}/[0-9]+\\.html$\n";
	static struct site *s;
	struct err e = { "" };

	if (s == NULL && site_load_mem(&s, text, sizeof text - 1, "generic.site", &e) != 0) {
		fprintf(stderr, "fuzz_site: %s\n", e.msg);
		abort();
	}
	return s;
}

static void
check_read(const struct site_read *rd)
{
	for (int f = 0; f < SF_COUNT; f++)
		FUZZ_CHECK(rd->layer[f] >= SITE_MISSING && rd->layer[f] <= SITE_GENERIC,
		           "each field's layer is one of the four");
}

static int
absolute(const char *url)
{
	return str_starts(url, "http://") || str_starts(url, "https://") ||
	       str_starts(url, "file://");
}

static void
check_items(const struct item_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct item *it = &l->v[i];

		FUZZ_CHECK(it->url != NULL && absolute(it->url), "item urls are absolute");
		FUZZ_CHECK(it->title != NULL, "every item has a title");
		FUZZ_CHECK(it->thumb == NULL || absolute(it->thumb),
		           "thumbnails are absolute");
	}
	FUZZ_CHECK(l->next_url == NULL || absolute(l->next_url),
	           "the next page is absolute");
}

static void
run_list(const struct site *s, const char *html, size_t len)
{
	struct item_list l = { 0 };
	struct site_read rd = { 0 };
	struct err e = { "" };

	if (site_list(s, html, len, LIST, &l, &rd, &e) == 0)
		check_items(&l);
	else
		FUZZ_CHECK(e.msg[0] != '\0', "a refused list says why");
	check_read(&rd);
	site_read_free(&rd);
	item_list_free(&l);
}

static void
run_special(const struct site *s, const char *html, size_t len)
{
	for (int k = 0; k < SITE_NSPECIAL; k++) {
		struct item_list l = { 0 };
		struct site_read rd = { 0 };
		struct err e = { "" };

		if (site_special(s, k, html, len, HOME, &l, &rd, &e) == 0)
			check_items(&l);
		check_read(&rd);
		site_read_free(&rd);
		item_list_free(&l);
	}
}

static void
run_channels(const struct site *s, const char *html, size_t len)
{
	struct channel_list c = { 0 };
	struct site_read rd = { 0 };
	struct err e = { "" };

	if (site_channels(s, html, len, HOME, &c, &rd, &e) >= 0)
		for (size_t i = 0; i < c.n; i++) {
			FUZZ_CHECK(c.v[i].label != NULL, "every channel has a label");
			FUZZ_CHECK(c.v[i].url != NULL && absolute(c.v[i].url),
			           "channel urls are absolute");
		}
	check_read(&rd);
	site_read_free(&rd);
	channel_list_free(&c);
}

static void
run_article(const struct site *s, const char *html, size_t len)
{
	struct article a;
	struct site_read rd = { 0 };
	struct err e = { "" };

	memset(&a, 0, sizeof a);
	a.comments = -1;
	if (site_article(s, html, len, ARTICLE, &a, &rd, &e) == 0) {
		FUZZ_CHECK(a.next_page == NULL || absolute(a.next_page),
		           "the next page of an article is absolute");
		FUZZ_CHECK(!str_empty(a.title) && !str_empty(a.body_html),
		           "an article read has a title and a body");
	} else {
		FUZZ_CHECK(e.msg[0] != '\0', "a refused article says why");
	}
	check_read(&rd);
	site_read_free(&rd);
	article_free(&a);
}

/* The input as text: a date found parses; labels and URL dates are
 * strings of the input's own bytes. */
static void
run_text(const char *text)
{
	char norm[32], d[11];
	size_t at, len;

	for (int year = 0; year <= 2022; year += 2022)
		if (gen_find_date(text, year, &at, &len, norm)) {
			FUZZ_CHECK(time_parse_cn(norm) != 0, "a date found parses as a time");
			FUZZ_CHECK(at + len <= strlen(text), "a date found lies in the text");
		}
	for (int k = GL_SOURCE; k <= GL_EDITOR; k++)
		free(gen_labelled(text, (enum gen_label)k));
	if (gen_url_date(text, d))
		FUZZ_CHECK(time_parse_cn(d) != 0, "a URL's date parses");
	(void)gen_article_like(text);
}

int
fuzz_site(const uint8_t *data, size_t size)
{
	const struct site *s = profile();
	size_t len;
	char *html = fuzz_clean_utf8(data, size, &len);

	fuzz_locale();
	for (int p = 0; p < 2; p++, s = generic_profile()) {
		run_list(s, html, len);
		run_article(s, html, len);
		run_special(s, html, len);
		run_channels(s, html, len);
	}
	run_text(html);
	(void)site_is_article_url(s, html);
	(void)site_owns(s, html);
	free(html);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(site)
#endif
