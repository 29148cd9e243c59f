/* test_zhscript.c: Simplified and Traditional Chinese: the script names,
 * the default from the locale, the toggle, OpenCC's conversions with bytes
 * that are not UTF-8, the forms a search looks for; then the model on the
 * demo mirror in Taiwan script: labels, titles, articles and search
 * converted, the cache keeping what the site published. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "news.h"
#include "render.h"
#include "tap.h"
#include "text.h"
#include "util.h"
#include "zhscript.h"

#define T ZH_TRADITIONAL

static void
test_names(void)
{
	static const struct {
		const char *name;
		int script;
	} cases[] = {
		{ "simplified", ZH_SIMPLIFIED }, { "traditional", ZH_TRADITIONAL },
		{ "hk", ZH_HK }, { "tw", ZH_TW },
		{ "Traditional", -1 }, { "zh_TW", -1 }, { "", -1 }, { "t", -1 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		is_int(zh_script_parse(cases[i].name), cases[i].script,
		       "zh-script '%s' is %s", cases[i].name,
		       cases[i].script < 0 ? "refused" : "known");
	for (int s = 0; s < ZH_NSCRIPTS; s++)
		is_int(zh_script_parse(zh_script_name(s)), s,
		       "the name of script %d reads back", s);
}

static void
test_locale(void)
{
	static const struct {
		const char *all, *messages, *lang;
		int want;
		const char *why;
	} cases[] = {
		{ NULL, NULL, "zh_TW.UTF-8", ZH_TW, "LANG=zh_TW shows Taiwan characters" },
		{ NULL, NULL, "zh_HK.UTF-8", ZH_HK, "LANG=zh_HK shows Hong Kong characters" },
		{ NULL, NULL, "zh_MO.UTF-8", ZH_HK, "LANG=zh_MO shows Hong Kong characters" },
		{ NULL, NULL, "zh_TW.Big5", ZH_TW, "a zh_TW locale in another charset counts" },
		{ NULL, NULL, "zh_CN.UTF-8", ZH_SIMPLIFIED, "LANG=zh_CN shows what the site publishes" },
		{ NULL, NULL, "zh_SG.UTF-8", ZH_SIMPLIFIED, "LANG=zh_SG shows Simplified" },
		{ NULL, NULL, "en_US.UTF-8", ZH_SIMPLIFIED, "another language shows Simplified" },
		{ NULL, NULL, NULL, ZH_SIMPLIFIED, "no locale at all shows Simplified" },
		{ NULL, "zh_TW.UTF-8", "en_US.UTF-8", ZH_TW, "LC_MESSAGES goes before LANG" },
		{ "zh_HK.UTF-8", "zh_TW.UTF-8", "zh_CN.UTF-8", ZH_HK, "LC_ALL goes before both" },
		{ "C.UTF-8", NULL, "zh_TW.UTF-8", ZH_SIMPLIFIED, "LC_ALL=C.UTF-8 overrides LANG" },
		{ "", NULL, "zh_TW.UTF-8", ZH_TW, "an empty LC_ALL is not set" },
	};
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *v[] = { cases[i].all, cases[i].messages, cases[i].lang };

		for (size_t k = 0; k < ARRAY_LEN(vars); k++) {
			if (v[k] != NULL)
				setenv(vars[k], v[k], 1);
			else
				unsetenv(vars[k]);
		}
		is_int(zh_script_from_locale(), cases[i].want, "%s", cases[i].why);
	}
	for (size_t k = 0; k < ARRAY_LEN(vars); k++)
		unsetenv(vars[k]);
}

static void
test_toggle(void)
{
	static const struct {
		int script, preferred, want;
		const char *why;
	} cases[] = {
		{ ZH_SIMPLIFIED, ZH_TW, ZH_TW, "T from Simplified goes to the user's tw" },
		{ ZH_TW, ZH_TW, ZH_SIMPLIFIED, "T again goes back to Simplified" },
		{ ZH_SIMPLIFIED, ZH_SIMPLIFIED, ZH_TRADITIONAL,
		  "a Simplified reader's T shows generic Traditional" },
		{ ZH_TRADITIONAL, ZH_SIMPLIFIED, ZH_SIMPLIFIED, "and T again Simplified" },
		{ ZH_HK, ZH_HK, ZH_SIMPLIFIED, "T from hk goes to Simplified" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		is_int(zh_script_toggle(cases[i].script, cases[i].preferred), cases[i].want,
		       "%s", cases[i].why);
}

static void
test_convert(struct zh *z)
{
	static const struct {
		int script;
		const char *in, *want, *why;
	} cases[] = {
		{ ZH_SIMPLIFIED, "经济发展", "经济发展", "simplified shows the text as published" },
		{ T, "经济发展", "經濟發展", "traditional converts characters" },
		{ T, "为人民", "爲人民", "traditional follows OpenCC's standard forms" },
		{ ZH_HK, "为人民", "為人民", "hk uses Hong Kong forms" },
		{ ZH_HK, "企业里的党员", "企業裏的黨員", "hk writes 裏" },
		{ ZH_TW, "企业里的党员", "企業裡的黨員", "tw writes 裡" },
		{ T, "软件和信息服务", "軟件和信息服務", "traditional keeps the mainland's words" },
		{ ZH_TW, "软件和信息服务", "軟體和資訊服務", "tw uses Taiwan's words" },
		{ ZH_TW, "通过项目", "透過專案", "tw: 通过项目 is 透過專案" },
		{ T, "AI, 5G and http://x.cn/a?b=1", "AI, 5G and http://x.cn/a?b=1",
		  "ASCII is left alone" },
		{ T, "“高新区”——①…", "“高新區”——①…", "punctuation is kept" },
		{ T, "经\xe4济", "經\xe4濟", "a stray lead byte passes through between characters" },
		{ T, "经济\xe4", "經濟\xe4", "a sequence cut short at the end passes through" },
		{ T, "\xe7\xbb", "\xe7\xbb", "only a cut sequence passes through" },
		{ T, "\xff\x80经济\xc0\xaf", "\xff\x80經濟\xc0\xaf",
		  "bytes never in UTF-8 and an overlong pass through" },
		{ T, "\xed\xa0\x80经", "\xed\xa0\x80經", "a surrogate passes through" },
		{ T, "\x1b[31m红\x1b[0m", "\x1b[31m紅\x1b[0m",
		  "escape codes stay for the sanitizer to remove" },
		{ T, "", "", "an empty string stays empty" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct err e = { "" };
		char *got;

		if (zh_check(z, cases[i].script, &e) < 0) {
			ok(1, "%s # SKIP %s", cases[i].why, e.msg);
			continue;
		}
		got = zh_convert(z, cases[i].script, cases[i].in, strlen(cases[i].in));
		is_str(got, cases[i].want, "%s", cases[i].why);
		free(got);
	}
	{
		char *got = zh_convert(z, T, "经\0济", 7);

		is_str(got, zh_check(z, T, NULL) == 0 ? "經" : "经",
		       "a NUL inside the text ends what a C string sees, nothing is read past it");
		free(got);
	}
	ok(zh_convert(z, T, NULL, 0) == NULL, "NULL stays NULL");
}

/* More distinct titles than the remembered conversions hold: each still
 * converts right when the memory is emptied and filled again. */
static void
test_remembered(struct zh *z)
{
	size_t wrong = 0;

	if (zh_check(z, ZH_TW, NULL) < 0) {
		ok(1, "remembered conversions # SKIP no OpenCC");
		return;
	}
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 20000; i++) {
			char *in = xasprintf("第%d条经济新闻", i);
			char *want = xasprintf("第%d條經濟新聞", i);
			char *got = zh_convert(z, ZH_TW, in, strlen(in));

			wrong += strcmp(got, want) != 0;
			free(in);
			free(want);
			free(got);
		}
	is_int(wrong, 0, "40,000 titles (20,000 distinct, twice) all convert right");
}

static void
test_query_forms(struct zh *z)
{
	static const struct {
		int script;
		const char *query;
		const char *want[ZH_MAX_FORMS + 1];
		const char *why;
	} cases[] = {
		{ ZH_TW, "經濟", { "經濟", "经济", NULL },
		  "經濟 typed in tw is looked for as 经济 too" },
		{ ZH_SIMPLIFIED, "經濟", { "經濟", "经济", NULL },
		  "經濟 typed in Simplified is looked for as 经济 too" },
		{ ZH_SIMPLIFIED, "经济", { "经济", "經濟", NULL },
		  "经济 is looked for as 經濟 too (articles published in Traditional)" },
		{ ZH_TW, "軟體 發展", { "軟體 發展", "软件 发展", NULL },
		  "tw's words are looked for as the mainland's, term by term" },
		{ ZH_TW, "软件", { "软件", "軟體", NULL },
		  "in tw, Simplified is looked for as shown too" },
		{ ZH_HK, "為人民", { "為人民", "为人民", NULL }, "hk's forms are undone" },
		{ ZH_TW, "AI 5G", { "AI 5G", NULL }, "an ASCII query is looked for once" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *forms[ZH_MAX_FORMS];
		size_t n, want = 0, same = 0;

		if (zh_version() == NULL) {
			ok(1, "%s # SKIP no OpenCC", cases[i].why);
			continue;
		}
		n = zh_query_forms(z, cases[i].script, cases[i].query, forms);
		while (cases[i].want[want] != NULL)
			want++;
		for (size_t k = 0; k < n && k < want; k++)
			same += strcmp(forms[k], cases[i].want[k]) == 0;
		ok(n == want && same == want, "%s", cases[i].why);
		for (size_t k = 0; k < n; k++) {
			if (n != want || same != want)
				printf("#   got: %s\n", forms[k]);
			free(forms[k]);
		}
	}
}

static void
test_unavailable(struct zh *z)
{
	struct err e = { "" };

	ok(zh_check(z, ZH_SIMPLIFIED, &e) == 0, "Simplified can always be shown");
	ok(zh_check(z, 7, &e) < 0 && e.msg[0] != '\0', "an unknown script is refused");
	err_clear(&e);
#ifdef HAVE_OPENCC
	ok(zh_check(z, ZH_TW, &e) == 0, "with OpenCC, tw can be shown %s", e.msg);
	ok(zh_version() != NULL && strstr(zh_version(), "OpenCC") != NULL,
	   "the version names OpenCC");
#else
	ok(zh_check(z, ZH_TW, &e) < 0 && strstr(e.msg, "OpenCC") != NULL,
	   "without OpenCC, tw cannot be shown and the message says why: %s", e.msg);
	ok(zh_version() == NULL, "no OpenCC version");
#endif
}

/* ---- the model ------------------------------------------------------------ */

static long
tab_named(struct news *n, int kind)
{
	for (size_t i = 0; i < news_ntabs(n); i++)
		if (news_tab(n, i)->kind == kind)
			return (long)i;
	return -1;
}

#define SAMPLE "http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html"

static void
test_article(struct news *n)
{
	struct article a = { .comments = -1 };
	struct rblocks b = { 0 };
	struct rdoc d = { 0 };
	struct err e = { "" };
	int widest = 0, text = 0;

	ok(news_get_article(n, SAMPLE, &a, &e) == 0, "the sample article reads %s", e.msg);
	is_str(a.title, "貴陽高新區以黨建引領賦能園區經濟高質量發展",
	       "its title is in Taiwan characters");
	is_str(a.source, "貴陽高新區", "so is its source");
	is_str(a.author, "陳佳藝", "and its author");
	ok(news_article_blocks(n, &a, &b, &e) == 0 && b.n > 0, "its body parses %s", e.msg);
	for (size_t i = 0; i < b.n; i++)
		text += strstr(b.v[i].text, "貴陽高新區新引進產業專案") != NULL;
	ok(text == 1, "its text is in Taiwan characters and words (項目 is 專案)");
	ok(render_layout(&a, &b, 30, &d) == 0, "it lays out at 30 columns");
	for (size_t i = 0; i < d.n; i++) {
		int w = text_width(d.v[i].text, strlen(d.v[i].text));

		widest = w > widest ? w : widest;
	}
	ok(widest <= 30, "no converted line is wider than 30 columns (widest %d)", widest);
	rdoc_free(&d);
	rblocks_free(&b);
	article_free(&a);
}

static void
test_search(struct news *n)
{
	struct item_list l = { 0 }, l2 = { 0 };
	struct err e = { "" };
	long s = news_search(n, "經濟", &e);

	ok(s >= 0 && news_get_list(n, (size_t)s, &l, &e) == 0, "searching 經濟 runs %s", e.msg);
	ok(item_list_has(&l, SAMPLE), "searching 經濟 finds the article whose title has 经济");
	ok(item_list_has(&l, "https://news.example.tw/2022/0704/growth.html"),
	   "and the feed's article published as 經濟");
	s = news_search(n, "经济", &e);
	if (s < 0 || news_get_list(n, (size_t)s, &l2, &e) < 0)
		l2.n = (size_t)-1;
	ok(l2.n == l.n && l.n >= 2, "searching 经济 finds the same %zu articles (%zu)",
	   l.n, l2.n);
	for (size_t i = 1; i < l.n; i++)
		if (l.v[i].time > l.v[i - 1].time) {
			ok(0, "the results are newest first");
			break;
		}
	for (size_t i = 0; i + 1 < l.n; i++)
		for (size_t k = i + 1; k < l.n; k++)
			if (strcmp(l.v[i].url, l.v[k].url) == 0)
				ok(0, "an article found by both forms is listed once");
	item_list_free(&l);
	item_list_free(&l2);
	s = news_search(n, "軟體", &e);
	ok(s >= 0 && news_get_list(n, (size_t)s, &l, &e) == 0 &&
	   item_list_has(&l, "https://news.example.tw/2022/0703/software.html"),
	   "searching tw's 軟體 finds the article about 软件");
	item_list_free(&l);
	news_search(n, "", &e);
}

static void
test_model(const char *dir)
{
	char *profile = xasprintf("%s/data/sites/chinahightech.site", tap_srcdir());
	char *mirror = xasprintf("file://%s/data/demo/www.chinahightech.com/", tap_srcdir());
	char *feed_url = xasprintf("file://%s/tests/fixtures/zhscript/feed.xml", tap_srcdir());
	char *cache = xasprintf("%s/cache.db", dir);
	struct news_feed feed = { .url = feed_url };
	struct news_opts o = { .profile = profile, .mirror = mirror, .cache = cache,
	                       .feeds = &feed, .nfeeds = 1, .script = ZH_TW };
	struct news *n = NULL;
	struct item_list l = { 0 };
	struct err e = { "" };
	long park, f;

	if (!ok(news_open(&n, &o, &e) == 0, "the reader opens in tw %s", e.msg))
		goto out;
	if (news_script(n) != ZH_TW) {
		ok(1, "the model in tw # SKIP %s", news_notice(n) ? news_notice(n) : "?");
		goto out;
	}
	ok(news_refresh_tabs(n, &e) == 0, "the channels are read %s", e.msg);
	park = news_find_tab(n, "園區");
	ok(park >= 0 && strcmp(news_tab(n, (size_t)park)->label, "園區") == 0,
	   "the channel 园区 is shown as 園區");
	is_int(news_find_tab(n, "园区"), park, "and is found by its published name too");
	ok(park >= 0 && news_refresh_list(n, (size_t)park, &e) == 0, "its list is fetched %s", e.msg);
	ok(park >= 0 && news_get_list(n, (size_t)park, &l, &e) == 0 && l.n > 0 &&
	   strcmp(l.v[0].title, "貴陽高新區以黨建引領賦能園區經濟高質量發展") == 0,
	   "its titles are in Taiwan characters");
	item_list_free(&l);
	f = tab_named(n, TAB_FEED);
	ok(f >= 0 && news_refresh_list(n, (size_t)f, &e) == 0, "the feed is fetched %s", e.msg);
	f = tab_named(n, TAB_FEED);
	is_str(f >= 0 ? news_tab(n, (size_t)f)->label : NULL, "兩岸經濟 · 快訊",
	       "a feed's tab label is converted too");
	is_str(news_tab(n, (size_t)tab_named(n, TAB_STARRED))->label, _("Starred"),
	       "the program's own tab names are not");
	test_article(n);
	{
		struct article a = { .comments = -1 };
		struct rblocks b = { 0 };

		ok(news_get_article(n, "https://news.example.tw/2022/0703/software.html", &a, &e) == 0 &&
		   news_article_blocks(n, &a, &b, &e) == 0 && b.nlinks == 1 &&
		   strcmp(b.links[0], "https://news.example.tw/"
		                      "%E4%B8%93%E9%A2%98/%E7%BB%8F%E6%B5%8E.html") == 0,
		   "a link's address is kept as published (专题/经济, not 專題/經濟)");
		rblocks_free(&b);
		article_free(&a);
	}
	test_search(n);

	{
		char *q = news_shown_query(n, "经济 软件");

		is_str(q, "經濟 軟體", "a query typed in Simplified is looked for in tw as 經濟 軟體");
		free(q);
	}

	/* Back to Simplified: the cache kept what the site published. */
	is_int(news_toggle_script(n, &e), ZH_SIMPLIFIED, "the toggle goes from tw to Simplified");
	ok(news_script(n) == ZH_SIMPLIFIED, "the script is Simplified");
	{
		char *q = news_shown_query(n, "經濟 軟體");

		is_str(q, "经济 软件", "a query typed in tw is looked for in Simplified as 经济 软件");
		free(q);
	}
	ok(news_find_tab(n, "园区") == park && strcmp(news_tab(n, (size_t)park)->label, "园区") == 0,
	   "the tab is 园区 again");
	ok(news_get_list(n, (size_t)park, &l, &e) == 0 && l.n > 0 &&
	   strcmp(l.v[0].title, "贵阳高新区以党建引领赋能园区经济高质量发展") == 0,
	   "the titles are as the site published them: the cache kept them");
	item_list_free(&l);
	is_int(news_toggle_script(n, &e), ZH_TW, "the toggle goes back to tw, the script asked for");
	ok(strcmp(news_tab(n, (size_t)park)->label, "園區") == 0, "and the tab is 園區 again");
out:
	news_close(n);
	free(profile);
	free(mirror);
	free(feed_url);
	free(cache);
}

int
main(void)
{
	struct zh *z = zh_new();
	char dir[] = "/tmp/gxnews-zh.XXXXXX";

	setlocale(LC_ALL, "C.UTF-8");
	test_names();
	test_locale();
	test_toggle();
	test_unavailable(z);
	test_convert(z);
	test_remembered(z);
	test_query_forms(z);
	zh_free(z);
	if (mkdtemp(dir) != NULL) {
		test_model(dir);
		tap_rmtree(dir);
	}
	return done_testing();
}
