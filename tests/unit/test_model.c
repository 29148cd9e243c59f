/* test_model.c: the reader's own model over the demo mirror and a feed:
 * query tabs (what a query lists, counts and names as each row's source),
 * rules (judged as articles arrive, again over the cache when the rules
 * change, kept in the cache otherwise), reading places, the source of a
 * tab and the settings of a source. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "news.h"
#include "tap.h"
#include "util.h"
#include "zhscript.h"

static char cache[256];
static char *mirror, *feed_url;

static struct news *
open_with(struct conf *c, int offline, int script)
{
	struct news *n = NULL;
	struct err e = { "" };
	char *profile = xasprintf("%s/data/sites/chinahightech.site", tap_srcdir());
	struct news_feed f[4];
	struct news_opts o = { .conf = c, .profile = profile, .mirror = mirror,
	                       .cache = cache, .offline = offline, .script = script,
	                       .feeds = f, .nfeeds = c->nfeeds };

	for (size_t i = 0; i < c->nfeeds && i < ARRAY_LEN(f); i++) {
		f[i].url = c->feeds[i].url;
		f[i].label = c->feeds[i].label;
	}
	if (!ok(news_open(&n, &o, &e) == 0, "the model opens %s", e.msg))
		n = NULL;
	free(profile);
	return n;
}

static void
config(struct conf *c, const char *const *lines, size_t n)
{
	conf_init(c);
	for (size_t i = 0; i < n; i++) {
		struct err e = { "" };
		char *where = xasprintf("cfg:%zu", i + 1);

		if (conf_line(c, lines[i], where, &e) < 0)
			printf("#   %s: %s\n", lines[i], e.msg);
		free(where);
	}
}

static long
tab_named(struct news *n, const char *name)
{
	return news_find_tab(n, name);
}

/* The list of a tab as "TITLE|SOURCE|marks" lines. */
static char *
list_of(struct news *n, const char *name)
{
	struct item_list l = { 0 };
	struct err e = { "" };
	long t = tab_named(n, name);
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	if (t >= 0 && news_get_list(n, (size_t)t, &l, &e) == 0)
		for (size_t i = 0; i < l.n; i++)
			buf_addf(&b, "%s|%s|%s%s%s\n", l.v[i].title, l.v[i].origin ? l.v[i].origin : "-",
			         l.v[i].read ? "r" : "", l.v[i].rule & ITEM_HIDDEN ? "h" : "",
			         l.v[i].rule & ITEM_HIGHLIGHT ? "H" : "");
	item_list_free(&l);
	return buf_steal(&b, NULL);
}

static int
has_line(const char *list, const char *line)
{
	const char *p = strstr(list, line);

	return p != NULL && (p == list || p[-1] == '\n');
}

/* ok(), and the list when it fails. */
static void
check(int cond, const char *what, const char *list)
{
	if (!ok(cond, "%s", what))
		for (const char *p = list; *p != '\0'; ) {
			size_t n = strcspn(p, "\n");

			printf("#   %.*s\n", (int)n, p);
			p += n + (p[n] != '\0');
		}
}

static void
fetch_all(struct news *n)
{
	struct err e = { "" };
	long site = 0, feed;

	ok(news_refresh_tabs(n, &e) == 0, "the site's tabs are read %s", e.msg);
	ok(news_refresh_list(n, (size_t)site, &e) == 0, "the first channel is fetched %s", e.msg);
	feed = tab_named(n, "园区时报");
	ok(feed >= 0 && news_refresh_list(n, (size_t)feed, &e) == 0, "the feed is fetched %s", e.msg);
}

int
main(void)
{
	static const char *const lines[] = {
		NULL,   /* the feed */
		"tab 全部 query 区",
		"tab 站内 query 区 source=chinahightech",
		"tab 未读机器人 query 机器人 unread source=园区时报",
		"ignore title=广告",
		"layout auto",      /* a source line, in the last phase */
	};
	const char *cfg[ARRAY_LEN(lines)];
	char dir[] = "/tmp/gxnews-model.XXXXXX", *s;
	struct conf c;
	struct news *n;
	struct err e = { "" };
	const char *name, *url;
	long t;

	setlocale(LC_ALL, "C.UTF-8");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(cache, sizeof cache, "%s/cache.db", dir);
	mirror = xasprintf("file://%s/data/demo/www.chinahightech.com/", tap_srcdir());
	feed_url = xasprintf("file://%s/tests/fixtures/reader/site/feed.xml", tap_srcdir());
	memcpy(cfg, lines, sizeof lines);
	cfg[0] = s = xasprintf("feed %s 园区时报", feed_url);
	config(&c, cfg, ARRAY_LEN(cfg));
	n = open_with(&c, 0, ZH_SIMPLIFIED);
	if (n == NULL)
		goto out;
	fetch_all(n);

	/* query tabs */
	s = list_of(n, "全部");
	check(has_line(s, "园区新来了一家机器人公司|园区时报|"), "a query tab lists a feed's article, named by the feed's label", s);
	ok(strstr(s, "|中国高新网|") != NULL, "and the site's, named by the site");
	ok(strstr(s, "广告") == NULL, "but none a rule hides");
	free(s);
	s = list_of(n, "站内");
	ok(strstr(s, "机器人") == NULL && strstr(s, "|中国高新网|") != NULL,
	   "source=chinahightech: the site's articles only");
	free(s);
	t = tab_named(n, "未读机器人");
	ok(t >= 0 && news_unread(n, (size_t)t) == 1, "a query tab counts its unread articles");
	is_str(news_tab_query(n, (size_t)t), "机器人 unread source=园区时报", "and gives its query");
	ok(!news_tab_source(n, (size_t)t, &name, &url), "a query tab has no source of its own");

	/* rules */
	s = list_of(n, "园区时报");
	ok(strstr(s, "广告") == NULL, "an ignore rule hides the article as it arrives");
	free(s);
	t = tab_named(n, "园区时报");
	is_int(news_unread(n, (size_t)t), 1, "and the feed's tab does not count it");
	is_int(news_add_rule(n, RULE_HIGHLIGHT, "title=机器人", "here", &e), 1,
	       "a highlight rule added: one article changed %s", e.msg);
	s = list_of(n, "园区时报");
	check(has_line(s, "园区新来了一家机器人公司|园区时报|H"), "and it is highlighted", s);
	free(s);
	t = tab_named(n, "未读机器人");
	free(list_of(n, "未读机器人"));        /* shown, then read */
	news_set_read(n, "http://yuanqu.example/news/1.html", 1, NULL);
	s = list_of(n, "未读机器人");
	check(strstr(s, "机器人公司|园区时报|rH") != NULL,
	      "read, it stays in the unread query tab until the cache changes", s);
	free(s);
	is_int(news_unread(n, (size_t)t), 0, "which counts it no more");
	news_set_read(n, "http://yuanqu.example/news/1.html", 0, NULL);
	is_int(news_unread(n, (size_t)t), 1, "unread again, it is counted again");
	is_int(news_add_rule(n, RULE_MARK_READ, "text=落户", "here", &e), 1,
	       "a mark-read rule on the text: one article marked read %s", e.msg);
	s = list_of(n, "未读机器人");
	check(strstr(s, "机器人") == NULL, "a rule changes the cache: the unread query tab "
	      "lists the article it marked read no more", s);
	free(s);

	/* places */
	ok(news_set_place(n, "http://yuanqu.example/news/1.html", 120, 480, &e) == 0,
	   "a reading place is kept %s", e.msg);
	{
		struct article a = { .comments = -1 };

		ok(news_get_article(n, "http://yuanqu.example/news/1.html", &a, &e) == 0 &&
		   a.place == 120 && a.place_of == 480, "the article gives it back");
		article_free(&a);
	}

	/* sources */
	ok(news_tab_source(n, 0, &name, &url) && strcmp(name, "chinahightech") == 0,
	   "a channel's source is the site, by its profile's name");
	t = tab_named(n, "园区时报");
	ok(news_tab_source(n, (size_t)t, &name, &url) && strcmp(url, feed_url) == 0 &&
	   strcmp(name, "园区时报") == 0, "a feed's source: its label and URL");
	ok(news_add_feed(n, feed_url, NULL, &e) < 0 && strstr(e.msg, "a feed already") != NULL,
	   "the same feed cannot be added twice");
	ok(news_add_query_tab(n, "經濟", "經濟", &e) >= 0, "a query tab added %s", e.msg);
	s = list_of(n, "經濟");
	check(strstr(s, "经济") != NULL, "typed in Traditional, it finds what was published in Simplified", s);
	free(s);
	news_close(n);

	/* the same rules again: the cache is not judged anew, the marks kept */
	n = open_with(&c, 1, ZH_SIMPLIFIED);
	if (n == NULL)
		goto out;
	s = list_of(n, "园区时报");
	ok(strstr(s, "广告") == NULL, "offline with the same rules: still hidden");
	check(has_line(s, "园区新来了一家机器人公司|园区时报|r\n"),
	      "rules added in the session but not kept in the config are dropped, the cache "
	      "judged again (a read mark stays)", s);
	free(s);
	news_close(n);
	conf_free(&c);

	/* other rules: every article judged again */
	cfg[4] = "highlight title=广告";
	config(&c, cfg, ARRAY_LEN(cfg));
	n = open_with(&c, 1, ZH_SIMPLIFIED);
	if (n == NULL)
		goto out;
	s = list_of(n, "园区时报");
	check(has_line(s, "广告：园区招租|园区时报|H"), "the rules changed: what was hidden is listed, now highlighted", s);
	free(s);
	news_close(n);
	conf_free(&c);

	/* the script of one source */
	cfg[5] = "source 园区时报 zh-script tw";
	config(&c, cfg, ARRAY_LEN(cfg));
	n = open_with(&c, 1, ZH_SIMPLIFIED);
	if (n == NULL)
		goto out;
	if (zh_version() != NULL) {
		s = list_of(n, "园区时报");
		check(strstr(s, "園區新來了一家機器人公司") != NULL,
		      "zh-script tw for the feed: its titles in Taiwan characters", s);
		free(s);
		s = list_of(n, "要闻");
		ok(strstr(s, "成都高新区") != NULL, "the site's stay as published");
		free(s);
	} else {
		ok(1, "# SKIP built without OpenCC");
		ok(1, "# SKIP built without OpenCC");
	}
	news_close(n);
out:
	conf_free(&c);
	free((char *)cfg[0]);
	free(mirror);
	free(feed_url);
	s = xasprintf("rm -rf '%s'", dir);
	if (system(s) != 0)
		printf("#   could not remove %s\n", dir);
	free(s);
	return done_testing();
}
