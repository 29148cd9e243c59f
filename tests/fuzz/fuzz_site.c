/* fuzz_site.c: the site-profile extractor (the chinahightech profile,
 * loaded once) on hostile HTML (made UTF-8 as the fetcher makes it): the input is read as a list page, an
 * article page, each special list and the channel bar.  Checks that what
 * comes back is complete: every item and channel has a url and a title,
 * and urls are absolute http(s) or file URLs. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
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
	struct err e = { "" };

	if (site_list(s, html, len, LIST, &l, &e) == 0)
		check_items(&l);
	else
		FUZZ_CHECK(e.msg[0] != '\0', "a refused list says why");
	item_list_free(&l);
}

static void
run_special(const struct site *s, const char *html, size_t len)
{
	for (int k = 0; k < SITE_NSPECIAL; k++) {
		struct item_list l = { 0 };
		struct err e = { "" };

		if (site_special(s, k, html, len, HOME, &l, &e) == 0)
			check_items(&l);
		item_list_free(&l);
	}
}

static void
run_channels(const struct site *s, const char *html, size_t len)
{
	struct channel_list c = { 0 };
	struct err e = { "" };

	if (site_channels(s, html, len, HOME, &c, &e) >= 0)
		for (size_t i = 0; i < c.n; i++) {
			FUZZ_CHECK(c.v[i].label != NULL, "every channel has a label");
			FUZZ_CHECK(c.v[i].url != NULL && absolute(c.v[i].url),
			           "channel urls are absolute");
		}
	channel_list_free(&c);
}

static void
run_article(const struct site *s, const char *html, size_t len)
{
	struct article a;
	struct err e = { "" };

	memset(&a, 0, sizeof a);
	a.comments = -1;
	if (site_article(s, html, len, ARTICLE, &a, &e) == 0)
		FUZZ_CHECK(a.next_page == NULL || absolute(a.next_page),
		           "the next page of an article is absolute");
	article_free(&a);
}

int
fuzz_site(const uint8_t *data, size_t size)
{
	const struct site *s = profile();
	size_t len;
	char *html = fuzz_clean_utf8(data, size, &len);

	fuzz_locale();
	run_list(s, html, len);
	run_article(s, html, len);
	run_special(s, html, len);
	run_channels(s, html, len);
	(void)site_is_article_url(s, html);
	(void)site_owns(s, html);
	free(html);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(site)
#endif
