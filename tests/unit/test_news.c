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

static int
put_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	int bad = f == NULL || fwrite(text, 1, len, f) != len;

	return f != NULL && fclose(f) != 0 ? -1 : bad ? -1 : 0;
}

static const char feed_full[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
	"<channel><title>前沿快讯</title><link>http://drift.example/</link>\n"
	"<item><title>量子卫星完成测试</title><link>http://drift.example/1.html</link>"
	"<description>量子卫星完成测试。</description><content:encoded><![CDATA["
	"<p>我国首颗量子科学实验卫星完成在轨测试，各项指标达到设计要求。</p>"
	"<p>科研人员表示，卫星将开展星地量子密钥分发等实验，全文较长，共三段。</p>"
	"<p>这一段只在全文里：卫星运行在五百公里高的轨道上。</p>]]></content:encoded></item>\n"
	"<item><title>新材料研制成功</title><link>http://drift.example/2.html</link>"
	"<description>一种耐高温的新材料研制成功，可用于航空发动机，已通过各项试验。</description></item>\n"
	"</channel></rss>\n";

/* The same feed after a change at the publisher: no channel title, the
 * first item cut to a summary, the second with no title and no text. */
static const char feed_cut[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<rss version=\"2.0\"><channel><link>http://drift.example/</link>\n"
	"<item><title>量子卫星完成测试</title><link>http://drift.example/1.html</link>"
	"<description>量子卫星完成测试。</description></item>\n"
	"<item><link>http://drift.example/2.html</link></item>\n"
	"</channel></rss>\n";

static long
feed_tab(struct news *n)
{
	long f = -1;

	for (size_t i = 0; i < news_ntabs(n); i++)
		if (news_tab(n, i)->kind == TAB_FEED)
			f = (long)i;
	return f;
}

/* A feed that drifts never leaves the reader with less than it had: its
 * tab keeps its name when the title goes, and an article keeps a longer
 * text than the feed now carries; a charset read from the bytes is said. */
static void
test_feed_drift(const char *dir, const char *mirror)
{
	char *path = xasprintf("%s/drift.xml", dir), *url = xasprintf("file://%s", path);
	char *koi8 = xasprintf("%s/tests/fixtures/feed/koi8r-undeclared.xml", tap_srcdir());
	char *bytes = NULL;
	struct article a = { .comments = -1 };
	struct item_list l = { 0 };
	struct err e = { "" };
	struct news *n;
	size_t len = 0;
	long f;

	feeds[0].url = url;
	nfeeds = 1;
	ok(put_file(path, feed_full, sizeof feed_full - 1) == 0, "a feed is written to %s", path);
	n = open_news(0, mirror);
	if (n == NULL)
		goto out;
	f = feed_tab(n);
	ok(f >= 0 && news_refresh_list(n, (size_t)f, &e) == 0, "the feed is read %s", e.msg);
	f = feed_tab(n);
	is_str(f >= 0 ? news_tab(n, (size_t)f)->label : NULL, "前沿快讯", "its tab takes its title");
	ok(news_notice(n) == NULL, "a UTF-8 feed that says so guesses nothing: %s",
	   news_notice(n) ? news_notice(n) : "");

	ok(put_file(path, feed_cut, sizeof feed_cut - 1) == 0, "the feed changes");
	ok(f >= 0 && news_refresh_list(n, (size_t)f, &e) == 0, "the changed feed is read %s", e.msg);
	f = feed_tab(n);
	is_str(f >= 0 ? news_tab(n, (size_t)f)->label : NULL, "前沿快讯",
	       "a feed that lost its title keeps the tab's name");
	ok(news_get_article(n, "http://drift.example/1.html", &a, &e) == 0 &&
	   a.body_html != NULL && strstr(a.body_html, "五百公里") != NULL,
	   "a summary never replaces the full text the cache holds");
	is_str(a.source, "前沿快讯", "and the article keeps its source");
	article_free(&a);
	ok(news_get_article(n, "http://drift.example/2.html", &a, &e) == 0 &&
	   a.body_html != NULL && strstr(a.body_html, "航空发动机") != NULL,
	   "an item that lost its text keeps the text cached");
	is_str(a.title, "新材料研制成功", "an item that lost its title keeps the article's title");
	article_free(&a);
	if (news_get_list(n, (size_t)f, &l, &e) < 0)
		l.n = 0;
	ok(l.n == 2 && strcmp(l.v[1].title, "新材料研制成功") == 0,
	   "and so does its line in the list (%s)", l.n == 2 ? l.v[1].title : e.msg);
	item_list_free(&l);

	/* An undeclared KOI8-R feed: read by the detector, and said so. */
	ok(read_file(koi8, 1 << 20, &bytes, &len, &e) == 0 && put_file(path, bytes, len) == 0,
	   "the feed is now KOI8-R, undeclared %s", e.msg);
	ok(f >= 0 && news_refresh_list(n, (size_t)f, &e) == 0, "the undeclared KOI8-R feed is read %s",
	   e.msg);
	ok(news_notice(n) != NULL && strstr(news_notice(n), "KOI8-R") != NULL &&
	   strstr(news_notice(n), "drift.xml") != NULL,
	   "the notice names the feed and the charset guessed: %s",
	   news_notice(n) ? news_notice(n) : "(none)");
	news_close(n);
out:
	nfeeds = 0;
	feeds[0].url = NULL;
	free(bytes);
	free(koi8);
	free(url);
	free(path);
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
	test_feed_drift(dir, mirror);

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
