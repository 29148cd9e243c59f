/* fuzz_feed.c: the RSS/Atom parser on hostile bytes (the input is the
 * feed, made UTF-8 as charset conversion makes it).  Checks the contract of
 * feed_parse: on success every item has a url and a title, the parallel
 * arrays agree; on failure a message and nothing left to free.  The same
 * bytes as a web page: the feeds feed_discover finds are absolute http,
 * https or file URLs, each once, at most 20. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
#include "feed.h"
#include "pieces.h"

#define BASE "http://example.com/news/feed.xml"

static void
check_feed(const struct feed *f)
{
	FUZZ_CHECK(f->format != NULL, "a parsed feed has a format");
	FUZZ_CHECK(f->title != NULL, "a parsed feed has a title");
	FUZZ_CHECK(f->narticles == f->items.n, "one article per item");
	FUZZ_CHECK(memchr(f->warning, '\0', sizeof f->warning) != NULL,
	           "the warning is a string");
	for (size_t i = 0; i < f->items.n; i++) {
		const struct item *it = &f->items.v[i];

		FUZZ_CHECK(it->url != NULL && it->url[0] != '\0', "every item has a url");
		FUZZ_CHECK(it->title != NULL, "every item has a title");
		if (it->title != NULL)
			FUZZ_CHECK(fuzz_utf8_valid(it->title, strlen(it->title)),
			           "titles are valid UTF-8");
		for (size_t k = 0; k < i && it->url != NULL; k++)
			if (f->items.v[k].url != NULL && strcmp(f->items.v[k].url, it->url) == 0) {
				FUZZ_CHECK(0, "no url twice in one feed");
				break;
			}
	}
}

/* feed_read's sink here: counts the items, checks each batch. */
static int
count_add(void *user, struct feed *batch, struct err *e)
{
	(void)e;
	FUZZ_CHECK(batch->narticles == batch->items.n, "a batch has one article per item");
	for (size_t i = 0; i < batch->narticles; i++)
		FUZZ_CHECK(batch->articles[i].source != NULL, "every article given has a source");
	*(size_t *)user += batch->narticles;
	return 0;
}

static int
count_restart(void *user, struct err *e)
{
	(void)e;
	*(size_t *)user = 0;
	return 0;
}

static int
count_late(void *user, size_t k, const char *source, const char *author,
           struct err *e)
{
	(void)author;
	(void)e;
	FUZZ_CHECK(k < *(size_t *)user, "only items given are told late");
	FUZZ_CHECK(source != NULL, "a late source is a string");
	return 0;
}

/* Read in pieces of a few bytes, the feed gives as many items as whole. */
static void
pieces_same(const char *s, size_t len, int rc, size_t n)
{
	size_t got = 0;
	struct feed_sink sink = { &got, count_add, count_restart, count_late };
	struct pieces t;
	struct feed hdr;
	struct err e = { "" };

	if (feed_read(pieces(&t, s, len), BASE, FEED_NO_SUMMARY, &sink, &hdr, &e) == 0) {
		FUZZ_CHECK(rc == 0 && got == n, "read in pieces, as many items as read whole");
		feed_free(&hdr);
	} else {
		FUZZ_CHECK(rc != 0, "read in pieces, refused only when refused whole");
	}
}

static void
check_discover(const char *s, size_t len)
{
	struct item_list l;
	struct err e = { "" };

	if (feed_discover(s, len, BASE, &l, &e) < 0) {
		FUZZ_CHECK(e.msg[0] != '\0' && l.n == 0, "a page not read says why, finds nothing");
		return;
	}
	FUZZ_CHECK(l.n <= 20, "at most 20 feeds from a page");
	for (size_t i = 0; i < l.n; i++) {
		const char *u = l.v[i].url;

		FUZZ_CHECK(u != NULL && (strncmp(u, "http://", 7) == 0 ||
		           strncmp(u, "https://", 8) == 0 || strncmp(u, "file://", 7) == 0),
		           "a feed found is an absolute http(s) or file URL");
		for (size_t k = 0; u != NULL && k < i; k++)
			FUZZ_CHECK(strcmp(l.v[k].url, u) != 0, "each feed found once");
		if (l.v[i].title != NULL)
			FUZZ_CHECK(fuzz_utf8_valid(l.v[i].title, strlen(l.v[i].title)),
			           "a feed's title is valid UTF-8");
	}
	item_list_free(&l);
}

int
fuzz_feed(const uint8_t *data, size_t size)
{
	struct feed f;
	struct err e = { "" };
	size_t len;
	char *s = fuzz_clean_utf8(data, size, &len);
	char *nl;

	fuzz_locale();
	memset(&f, 0, sizeof f);
	(void)feed_sniff(s, len);
	if (feed_parse(s, len, BASE, &f, &e) == 0) {
		check_feed(&f);
		pieces_same(s, len, 0, f.items.n);
		feed_free(&f);
	} else {
		FUZZ_CHECK(e.msg[0] != '\0', "a refused feed says why");
		FUZZ_CHECK(f.items.n == 0, "a refused feed gives no items");
		pieces_same(s, len, -1, 0);
		feed_free(&f);
	}
	check_discover(s, len);
	/* The first line as a date. */
	nl = strchr(s, '\n');
	if (nl != NULL)
		*nl = '\0';
	(void)feed_time_rfc822(s);
	free(s);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(feed)
#endif
