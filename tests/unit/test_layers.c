/* Unit tests: the model over a small site of its own (written here into a
 * temporary mirror): a key `page` given twice, rankings that need no
 * channel, a two-page article, the fields that fell back counted and said
 * once. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "news.h"
#include "tap.h"
#include "util.h"

static const char profile[] =
	"[site]\n"
	"url = http://www.example.cn/\n"
	"[channels]\n"
	"# the portal first; the home page when it lists no channel\n"
	"page = /portal.html\n"
	"page = /\n"
	"item = //div[@id='nav']//li[a]\n"
	"label = a\n"
	"url = a/@href\n"
	"[rank all]\n"
	"label = 排行\n"
	"page = /\n"
	"item = //ul[@id='rank']/li[a]\n"
	"title = a\n"
	"url = a/@href\n"
	"[list news]\n"
	"match = /news/$\n"
	"item = //ul[@id='list']/li\n"
	"title = a\n"
	"url = a/@href\n"
	"date = span[@class='date']\n"
	"[article a]\n"
	"match = /a/[0-9]+(_[0-9]+)?\\.html$\n"
	"title = //h1\n"
	"# a page without h1: its headline\n"
	"title = //div[@class='headline']\n"
	"body = //div[@id='text']\n"
	"next = //a[@class='next']/@href\n"
	"editor = //p[@class='ed']\n"
	"editor.re = 责任编辑：(.+)\n";

static const char portal[] = "<html><body><p>欢迎</p></body></html>";

static const char home[] =
	"<html><body><div id='nav'><ul><li><a href='/news/'>新闻</a></li></ul></div>"
	"<ul id='rank'><li><a href='/a/1.html'>第一篇文章的标题</a></li>"
	"<li><a href='/a/2.html'>第二篇文章的标题</a></li></ul></body></html>";

static const char home_no_nav[] =
	"<html><body><p>改版中</p>"
	"<ul id='rank'><li><a href='/a/1.html'>第一篇文章的标题</a></li>"
	"<li><a href='/a/2.html'>第二篇文章的标题</a></li></ul></body></html>";

/* The list's date moved out of span.date: read by the generic rules. */
static const char news_list[] =
	"<html><body><ul id='list'>"
	"<li><a href='/a/1.html'>第一篇文章的标题</a><em>2022年7月4日</em></li>"
	"<li><a href='/a/2.html'>第二篇文章的标题</a><em>2022年7月3日</em></li>"
	"</ul></body></html>";

static const char page1[] =
	"<html><body><h1>第一篇文章的标题</h1><div id='text'><p>第一页的正文，讲了开头的事情。</p>"
	"</div><a class='next' href='/a/1_2.html'>下一页</a></body></html>";

static const char page2[] =
	"<html><body><h1>第一篇文章的标题</h1><div id='text'><p>第二页的正文，讲了后来的事情。</p>"
	"<p class='ed'>责任编辑：周敏</p></div></body></html>";

/* No h1, a <title> that is not the article's: only the profile's second
 * title rule reads it. */
static const char page3[] =
	"<html><head><title>专题</title></head><body><div class='headline'>第三篇文章的标题</div>"
	"<div id='text'><p>第三篇的正文，讲了另一件事情。</p></div></body></html>";

static void
put(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f;

	if (strchr(name, '/') != NULL) {
		char *sub = xasprintf("%s/%.*s", dir, (int)(strrchr(name, '/') - name), name);

		mkdir(sub, 0700);
		free(sub);
	}
	f = fopen(path, "w");
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static struct news *
open_site(const char *dir, const char *name)
{
	struct news *n = NULL;
	struct err e = { "" };
	char *prof = xasprintf("%s/example.site", dir);
	char *mirror = xasprintf("file://%s/www/", dir);
	char *cache = xasprintf("%s/%s.db", dir, name);
	struct news_opts o = { .profile = prof, .mirror = mirror, .cache = cache };

	if (!ok(news_open(&n, &o, &e) == 0, "%s: the reader opens %s", name, e.msg))
		n = NULL;
	free(prof);
	free(mirror);
	free(cache);
	return n;
}

static long
tab_kind(struct news *n, int kind)
{
	for (size_t i = 0; i < news_ntabs(n); i++)
		if (news_tab(n, i)->kind == kind)
			return (long)i;
	return -1;
}

int
main(void)
{
	char dir[] = "/tmp/gxnews-layers.XXXXXX";
	char *www;
	struct news *n;
	struct err e = { "" };
	struct item_list l = { 0 };
	struct article a = { .comments = -1 };
	long ch;

	setlocale(LC_ALL, "C.UTF-8");
	if (mkdtemp(dir) == NULL)
		return 1;
	www = xasprintf("%s/www", dir);
	mkdir(www, 0700);
	put(dir, "example.site", profile);
	put(www, "portal.html", portal);
	put(www, "index.html", home);
	put(www, "news/index.html", news_list);
	put(www, "a/1.html", page1);
	put(www, "a/1_2.html", page2);
	put(www, "a/3.html", page3);

	n = open_site(dir, "two-pages");
	if (n == NULL)
		goto out;
	ok(news_refresh_tabs(n, &e) == 0, "the channels are read %s", e.msg);
	ch = tab_kind(n, TAB_CHANNEL);
	ok(ch >= 0 && strcmp(news_tab(n, (size_t)ch)->label, "新闻") == 0,
	   "page given twice: the portal lists no channel, the next page does");
	ok(tab_kind(n, TAB_RANK_ALL) >= 0, "the ranking is a tab");
	ok(news_notice(n) == NULL, "read by the profile's rules: nothing to say (%s)",
	   news_notice(n) ? news_notice(n) : "");

	/* the list: dates no longer where the profile says */
	ok(ch >= 0 && news_refresh_list(n, (size_t)ch, &e) == 0, "the channel's list is read %s",
	   e.msg);
	if (ch >= 0 && news_get_list(n, (size_t)ch, &l, &e) == 0 && l.n == 2) {
		char d[11];

		time_ymd(l.v[0].time, d);
		is_str(d, "2022-07-04", "a date written 2022年7月4日 outside span.date is read");
	} else {
		ok(0, "the list holds its two articles");
	}
	item_list_free(&l);
	is_int(news_tally(n)->reads[SF_ITEM_DATE][SITE_GENERIC], 1,
	       "the page whose dates the generic rules read is counted");
	is_int(news_tally(n)->reads[SF_ITEM_TITLE][SITE_PROFILE], 1,
	       "and its titles, read by the profile, are counted as such");
	ok(news_notice(n) != NULL && strstr(news_notice(n), "list dates") != NULL,
	   "the reader says which field fell back (%s)", news_notice(n) ? news_notice(n) : "");
	ok(news_refresh_list(n, (size_t)ch, &e) == 0 && news_notice(n) == NULL,
	   "and says it once a session");

	/* a two-page article: both pages' text in order, the last page's editor */
	ok(news_get_article(n, "http://www.example.cn/a/1.html", &a, &e) == 0,
	   "a two-page article is read %s", e.msg);
	ok(a.body_html != NULL && strstr(a.body_html, "第一页") != NULL &&
	   strstr(a.body_html, "第二页") != NULL &&
	   strstr(a.body_html, "第一页") < strstr(a.body_html, "第二页"),
	   "its text is both pages', in order");
	is_str(a.editor, "周敏", "its 责任编辑 is the last page's");
	article_free(&a);

	/* a title only the profile's fallback rule finds */
	ok(news_get_article(n, "http://www.example.cn/a/3.html", &a, &e) == 0,
	   "an article without h1 is read %s", e.msg);
	is_str(a.title, "第三篇文章的标题", "its title is read by the profile's second rule");
	is_int(news_tally(n)->reads[SF_TITLE][SITE_FALLBACK], 1, "and counted as a fallback");
	article_free(&a);
	news_close(n);

	/* the home page lost its channel bar: the ranking still comes */
	put(www, "index.html", home_no_nav);
	n = open_site(dir, "no-nav");
	if (n == NULL)
		goto out;
	ok(news_refresh_tabs(n, &e) == 0, "a home page without channels is no error %s", e.msg);
	is_int(tab_kind(n, TAB_CHANNEL), -1, "no channel tab is made up");
	ok(tab_kind(n, TAB_RANK_ALL) >= 0, "the ranking tab does not need the channels");
	ok(tab_kind(n, TAB_STARRED) >= 0, "nor does the starred tab");
	ok(news_notice(n) != NULL && strstr(news_notice(n), "holds no channels") != NULL,
	   "and the reader says it found none (%s)", news_notice(n) ? news_notice(n) : "");
	news_close(n);

	/* the cache that had the channels keeps them */
	n = open_site(dir, "two-pages");
	if (n == NULL)
		goto out;
	ok(news_refresh_tabs(n, &e) == 0, "a refresh finding no channel is no error %s", e.msg);
	ch = tab_kind(n, TAB_CHANNEL);
	ok(ch >= 0 && strcmp(news_tab(n, (size_t)ch)->label, "新闻") == 0,
	   "the cached channel stays when the home page lists none");
	ok(tab_kind(n, TAB_RANK_ALL) >= 0, "and so does the ranking");
	news_close(n);
out:
	tap_rmtree(dir);
	free(www);
	return done_testing();
}
