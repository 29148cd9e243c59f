/* Unit tests: the model end to end on the demo mirror: file:// through
 * libcurl, libxml2 and the profile into SQLite, then offline from it. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "news.h"
#include "tap.h"
#include "util.h"

static char cache[256];

static struct news_feed feeds[1];
static size_t nfeeds;

static struct news *
open_news(int offline, const char *mirror)
{
	struct news *n = NULL;
	struct err e = { "" };
	char *profile = xasprintf("%s/data/sites/chinahightech.site", tap_srcdir());
	struct news_opts o = { .profile = profile, .mirror = mirror, .cache = cache,
	                       .offline = offline, .feeds = feeds, .nfeeds = nfeeds };

	if (!ok(news_open(&n, &o, &e) == 0, "the reader opens%s %s",
	        offline ? " offline" : "", e.msg))
		n = NULL;
	free(profile);
	return n;
}

static long
tab_of_kind(struct news *n, int kind)
{
	for (size_t i = 0; i < news_ntabs(n); i++)
		if (news_tab(n, i)->kind == kind)
			return (long)i;
	return -1;
}

int
main(void)
{
	struct err e = { "" };
	struct item_list l = { 0 }, l2 = { 0 };
	struct article a = { .comments = -1 };
	struct news *n;
	char dir[] = "/tmp/gxnews-news.XXXXXX";
	char *mirror, *first_url = NULL, *feed_url = NULL;
	long ch, rank;

	setlocale(LC_ALL, "C.UTF-8");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(cache, sizeof cache, "%s/cache.db", dir);
	mirror = xasprintf("file://%s/data/demo/www.chinahightech.com/", tap_srcdir());

	n = open_news(0, mirror);
	if (n == NULL)
		goto out;
	ok(news_ntabs(n) == 1 && news_tab(n, 0)->kind == TAB_STARRED,
	   "a new cache has only the starred tab");
	ok(news_refresh_tabs(n, &e) == 0, "the channels are read from the home page %s", e.msg);
	ch = tab_of_kind(n, TAB_CHANNEL);
	rank = tab_of_kind(n, TAB_RANK_ALL);
	ok(ch == 0, "the first tab is a channel");
	ok(rank > ch && tab_of_kind(n, TAB_RANK_MONTH) > rank &&
	   tab_of_kind(n, TAB_PICKS) > rank, "then 排行·全部, 排行·本月, 编辑推荐");
	ok(news_find_tab(n, "rank-all") == rank, "a ranking tab is found by its key");
	if (ch < 0 || rank < 0)
		goto out;
	ok(news_refresh_list(n, (size_t)ch, &e) == 0, "a channel's list is fetched %s", e.msg);
	ok(news_get_list(n, (size_t)ch, &l, &e) == 0 && l.n > 0, "and read back from the cache");
	ok(l.next_url != NULL, "the list knows its next page");
	ok(news_load_more(n, (size_t)ch, &e) == 0, "page 2 is loaded %s", e.msg);
	ok(news_get_list(n, (size_t)ch, &l2, &e) == 0 && l2.n > l.n,
	   "page 2 adds older articles after page 1 (%zu -> %zu)", l.n, l2.n);
	if (l.n > 0)
		first_url = xstrdup(l.v[0].url);
	item_list_free(&l);
	item_list_free(&l2);
	ok(news_refresh_list(n, (size_t)rank, &e) == 0, "the ranking is fetched %s", e.msg);
	ok(news_get_list(n, (size_t)rank, &l, &e) == 0 && l.n == 10,
	   "the ranking has 10 articles (%zu)", l.n);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].rank != (int)i + 1 || strstr(l.v[i].title, "…") != NULL) {
			ok(0, "ranking %zu is in order with its full title", i + 1);
			break;
		} else if (i + 1 == l.n) {
			ok(1, "the ranking is in order with full titles");
		}
	item_list_free(&l);
	if (first_url == NULL)
		goto out;
	ok(news_get_article(n, first_url, &a, &e) == 0 && !str_empty(a.title) &&
	   !str_empty(a.body_html), "an article is fetched with its title and body %s", e.msg);
	article_free(&a);
	{
		size_t before = news_unread(n, (size_t)ch);

		ok(news_get_list(n, (size_t)ch, &l, &e) == 0 && before == l.n,
		   "every article of a fresh channel counts as unread (%zu of %zu)", before, l.n);
		item_list_free(&l);
		news_set_read(n, first_url, 1, &e);
		is_int(news_unread(n, (size_t)ch), before - 1, "reading one counts one less");
	}
	ok(news_set_starred(n, first_url, 1, &e) == 0, "an article can be starred");
	{
		long st = tab_of_kind(n, TAB_STARRED), found;

		ok(st > rank && news_get_list(n, (size_t)st, &l, &e) == 0 && l.n == 1 &&
		   strcmp(l.v[0].url, first_url) == 0, "the starred tab lists the starred article");
		item_list_free(&l);
		is_int(news_unread(n, (size_t)st), 0, "it is read, so the starred tab has none unread");
		news_set_read(n, first_url, 0, &e);
		is_int(news_unread(n, (size_t)st), 1, "marked unread, it counts");
		found = news_search(n, "高新", &e);
		ok(found == (long)news_ntabs(n) - 1 && news_tab(n, (size_t)found)->kind == TAB_SEARCH,
		   "a search becomes the last tab");
		ok(news_get_list(n, (size_t)found, &l, &e) == 0 && l.n > 0,
		   "searching 高新 finds cached articles (%zu)", l.n);
		{
			size_t unread = 0;

			for (size_t i = 0; i < l.n; i++)
				unread += !l.v[i].read;
			is_int(news_unread(n, (size_t)found), unread,
			       "the search tab counts its unread results");
		}
		for (size_t i = 0; i < l.n; i++)
			if (strstr(l.v[i].title, "高新") == NULL && !news_has_article(n, l.v[i].url)) {
				ok(0, "a search result without the term in its title has a body");
				break;
			}
		item_list_free(&l);
		ok(news_search(n, "", &e) == -1 && tab_of_kind(n, TAB_SEARCH) < 0,
		   "an empty search removes the search tab");
	}
	news_close(n);

	/* Offline: the same lists and article, from the cache alone; a mirror
	 * that does not exist proves the network is not touched. */
	n = open_news(1, "file:///nonexistent/");
	if (n == NULL)
		goto out;
	ok(news_ntabs(n) > 0 && news_tab(n, (size_t)ch)->fetched > 0,
	   "offline, the tabs are there with their fetch time");
	ok(news_get_list(n, (size_t)ch, &l, &e) == 0 && l.n > 0 &&
	   strcmp(l.v[0].url, first_url) == 0, "offline, the channel's list is the same");
	ok(l.n > 0 && l.v[0].read == 0 && l.v[0].starred == 1,
	   "offline, the star is kept");
	item_list_free(&l);
	ok(news_get_article(n, first_url, &a, &e) == 0 && !str_empty(a.body_html),
	   "offline, the article reads again");
	article_free(&a);
	news_close(n);

	/* A feed from the config is a tab; its articles read offline. */
	feeds[0].url = feed_url = xasprintf("file://%s/tests/fixtures/feed/rss20-content.xml",
	                                    tap_srcdir());
	nfeeds = 1;
	n = open_news(0, mirror);
	if (n == NULL)
		goto out;
	{
		long f = tab_of_kind(n, TAB_FEED);

		ok(f >= 0 && f < tab_of_kind(n, TAB_STARRED) && strcmp(news_tab(n, (size_t)f)->label,
		   feed_url) == 0, "a feed line makes a tab, named by its URL until fetched");
		ok(f >= 0 && news_refresh_list(n, (size_t)f, &e) == 0, "the feed is fetched %s", e.msg);
		f = tab_of_kind(n, TAB_FEED);
		is_str(news_tab(n, (size_t)f)->label, "科技日报 · 前沿", "then the tab takes the feed's title");
		ok(news_get_list(n, (size_t)f, &l, &e) == 0 && l.n == 2 &&
		   strcmp(l.v[0].title, "我国首颗量子卫星完成在轨测试") == 0, "the feed's items are its list");
		ok(l.n > 0 && news_has_article(n, l.v[0].url), "an item with content:encoded is cached whole");
		item_list_free(&l);
	}
	news_close(n);
	n = open_news(1, mirror);
	if (n == NULL)
		goto out;
	{
		long f = tab_of_kind(n, TAB_FEED);

		ok(f >= 0 && strcmp(news_tab(n, (size_t)f)->label, "科技日报 · 前沿") == 0 &&
		   news_get_list(n, (size_t)f, &l, &e) == 0 && l.n == 2,
		   "offline, the feed tab keeps its title and items");
		if (l.n > 0)
			ok(news_get_article(n, l.v[0].url, &a, &e) == 0 &&
			   strstr(a.body_html, "量子科学实验卫星") != NULL && a.source != NULL &&
			   strcmp(a.source, "科技日报 · 前沿") == 0,
			   "offline, the feed's article reads whole, its source the feed's title");
		article_free(&a);
		item_list_free(&l);
	}
	news_close(n);
	nfeeds = 0;

	/* A dead mirror online: the cache answers and says so. */
	n = open_news(0, "file:///nonexistent/");
	if (n == NULL)
		goto out;
	ok(news_refresh_list(n, (size_t)ch, &e) == 0 && news_notice(n) != NULL,
	   "with the network failing, the cached list stands and the user is told: %s",
	   news_notice(n) ? news_notice(n) : e.msg);
	ok(news_get_list(n, (size_t)ch, &l, &e) == 0 && l.n > 0,
	   "and nothing cached was lost");
	item_list_free(&l);
	news_close(n);
out:
	free(first_url);
	free(feed_url);
	free(mirror);
	tap_rmtree(dir);
	return done_testing();
}
