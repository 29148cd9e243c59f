/* fuzz_feed.c: the RSS/Atom parser on hostile bytes (the input is the
 * feed, made UTF-8 as charset conversion makes it).  Checks the contract of
 * feed_parse: on success every item has a url and a title, the parallel
 * arrays agree; on failure a message and nothing left to free. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
#include "feed.h"

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
		feed_free(&f);
	} else {
		FUZZ_CHECK(e.msg[0] != '\0', "a refused feed says why");
		FUZZ_CHECK(f.items.n == 0, "a refused feed gives no items");
		feed_free(&f);
	}
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
