/* test_extract.c: the main text of pages without a site profile.
 * Fixtures in tests/fixtures/extract/: hand-written pages with what a
 * reader expects: the title, the first and last sentence of the text,
 * and none of the navigation, sidebars, comments and footers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bombs.h"
#include "extract.h"
#include "tap.h"
#include "util.h"

#define URL "http://www.example.com/news/2022/0704/a.html"

struct page {
	const char *file;
	const char *kind;           /* the page, as a user would name it */
	const char *title;
	const char *first, *last;   /* sentences the text starts and ends with */
	const char *time_text;      /* NULL: none expected */
	long long time;
	const char *author, *source, *editor;
	const char *lacks[10];      /* boilerplate that must not be in the text */
	const char *has;            /* markup the body keeps, or NULL */
};

static const struct page pages[] = {
	{ "blog-sidebar-comments.html", "a blog post with sidebar and comments",
	  "在终端里读新闻",
	  "我一直想在终端里读新闻，不用打开浏览器，也不用被广告打扰。",
	  "目前它在我常看的几个网站上都工作得不错，下一步打算支持多页文章。",
	  "2022-07-04 12:18", 1656908280, "林小川", NULL, NULL,
	  { "老王", "iconv", "最新文章", "关于博主", "备案号", "归档", "标签", "发表于",
	    "提交评论", "var _hmt" },
	  "src=\"http://www.example.com/images/terminal.png\"" },
	{ "news-nav-footer.html", "a news page with nav, footer and related links",
	  "我国高新区上半年营业收入同比增长8.7%",
	  "记者从科技部获悉，今年上半年，全国178家国家高新区实现营业收入24.3万亿元，同比增长8.7%。",
	  "据介绍，上半年国家高新区新注册企业数量同比增长近两成，高新技术企业数量持续增加。",
	  "2022-07-04 12:18", 1656908281, "刘洋", "科技日报", "张敏",
	  { "新闻中心", "当前位置", "相关新闻", "热点排行", "版权所有", "分享到", "责任编辑",
	    "登录", "来源", NULL },
	  "<p>" },
	{ "article-element.html", "a page whose article is in <article>",
	  "Why terminals still matter",
	  "Every few years someone declares the terminal dead, and every few years more people open one.",
	  "Still, the effort pays back for decades, which is a long time in computing.",
	  "2022-07-04 12:18", 1656908281, "Jane Doe", NULL, NULL,
	  { "Subscribe", "newsletter", "Copyright", "Essays", "By Jane Doe", "Privacy",
	    NULL },
	  "<blockquote>" },
	{ "div-br-only.html", "an old government page of <div>s and <br>s",
	  "关于做好2022年度高新技术企业认定工作的通知",
	  "各区科技主管部门，各有关企业：",
	  "特此通知。",
	  "2022-07-04", 1656864000, NULL, NULL, NULL,
	  { "网站首页", "您现在的位置", "主办单位", "附件", "浏览次数", "技术支持", NULL },
	  "<br>" },
	{ "gbk-converted-news.html", "a GBK news page converted to UTF-8",
	  "朱镕基谈科技园区发展：要让创新成为第一动力",
	  "本网讯 在近日举行的科技园区发展座谈会上，与会专家围绕“镕铸创新”这一主题展开了热烈讨论。",
	  "与会代表还就园区数字化转型、科技金融服务和人才引进政策等议题进行了交流。",
	  "2022-07-04 12:18", 1656908280, "周涛", "中国高新网", "吴磊",
	  { "首页", "排行榜", "相关阅读", "Copyright", "责任编辑", "评论(12)", "ICP", NULL },
	  NULL },
};

static char *
fixture(const char *name, size_t *len)
{
	char *dir = path_join(tap_srcdir(), "tests/fixtures/extract");
	char *path = path_join(dir, name);
	char *buf = NULL;
	struct err e;

	if (read_file(path, 1 << 24, &buf, len, &e) < 0) {
		printf("# %s\n", e.msg);
		buf = NULL;
	}
	free(path);
	free(dir);
	return buf;
}

/* The text a reader sees: tags gone, a few entities decoded, spaces
 * (and U+3000 indents) folded. */
static char *
plain(const char *html)
{
	static const struct {
		const char *ent, *ch;
	} ents[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" } };
	struct buf b;
	int in_tag = 0, space = 0;

	buf_init(&b, 0);
	for (const char *p = html; *p; p++) {
		size_t k;

		if (*p == '<' || *p == '>') {
			in_tag = *p == '<';
			space = 1;
			continue;
		}
		if (in_tag)
			continue;
		if (*p == ' ' || *p == '\n' || *p == '\t' || strncmp(p, "\xe3\x80\x80", 3) == 0) {
			p += *p == ' ' || *p == '\n' || *p == '\t' ? 0 : 2;
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			buf_adds(&b, " ");
		space = 0;
		for (k = 0; k < ARRAY_LEN(ents); k++)
			if (strncmp(p, ents[k].ent, strlen(ents[k].ent)) == 0)
				break;
		if (k < ARRAY_LEN(ents)) {
			buf_adds(&b, ents[k].ch);
			p += strlen(ents[k].ent) - 1;
		} else {
			buf_add(&b, p, 1);
		}
	}
	return buf_steal(&b, NULL);
}

static void
test_page(const struct page *pg)
{
	size_t len;
	char *html = fixture(pg->file, &len);
	struct article a = { .comments = -1 };
	struct err e = { "" };
	char *text;
	int rc = html ? extract_article(html, len, URL, &a, &e) : -1;

	if (!is_int(rc, 0, "%s: the article is found", pg->kind)) {
		printf("#   %s\n", e.msg);
		free(html);
		return;
	}
	text = plain(a.body_html);
	is_str(a.title, pg->title, "%s: the title", pg->kind);
	if (!ok(str_starts(text, pg->first), "%s: the text starts with its first sentence", pg->kind))
		printf("#   text: '%.300s'\n", text);
	if (!ok(str_ends(text, pg->last), "%s: the text ends with its last sentence", pg->kind))
		printf("#   text ends: '%s'\n", text + (strlen(text) > 300 ? strlen(text) - 300 : 0));
	is_str(a.time_text, pg->time_text, "%s: the date shown", pg->kind);
	is_int(a.time, pg->time, "%s: the time", pg->kind);
	is_str(a.author, pg->author, "%s: the author", pg->kind);
	is_str(a.source, pg->source, "%s: the source (来源)", pg->kind);
	is_str(a.editor, pg->editor, "%s: the editor (责任编辑)", pg->kind);
	is_str(a.url, URL, "%s: the article keeps its URL", pg->kind);
	for (size_t i = 0; i < ARRAY_LEN(pg->lacks) && pg->lacks[i]; i++)
		ok(strstr(text, pg->lacks[i]) == NULL, "%s: no '%s' in the text", pg->kind,
		   pg->lacks[i]);
	if (pg->has != NULL)
		ok(strstr(a.body_html, pg->has) != NULL, "%s: the body keeps %s", pg->kind, pg->has);
	ok(strstr(a.body_html, "class=") == NULL && strstr(a.body_html, "style=") == NULL,
	   "%s: the body carries no styling attributes", pg->kind);
	free(text);
	article_free(&a);
	free(html);
}

static void
test_no_article(void)
{
	size_t len;
	char *html = fixture("no-article.html", &len);
	struct article a = { .comments = -1 };
	struct err e = { "" };
	int rc = html ? extract_article(html, len, URL, &a, &e) : 0;

	is_int(rc, -1, "a home page of link lists is no article");
	ok(strstr(e.msg, "no article text") != NULL, "the user is told there is no article (%s)", e.msg);
	ok(a.body_html == NULL, "no body is made up for it");
	free(html);
	rc = extract_article("", 0, URL, &a, &e);
	is_int(rc, -1, "an empty page is no article");
	rc = extract_article("\x01\x02\xff\xfe", 4, URL, &a, &e);
	is_int(rc, -1, "garbage bytes are no article");
	article_free(&a);
}

static void
test_replaces_fields(void)
{
	size_t len;
	char *html = fixture("article-element.html", &len);
	struct article a = { .comments = 7 };
	struct err e;

	a.title = xstrdup("old title");
	a.body_html = xstrdup("<p>stale body marker</p>");
	a.next_page = xstrdup("http://old.example/2");
	if (html != NULL && extract_article(html, len, URL, &a, &e) == 0) {
		is_str(a.title, "Why terminals still matter", "an extracted title replaces the old one");
		ok(strstr(a.body_html, "stale body marker") == NULL,
		   "an extracted body replaces the old one");
		ok(a.next_page == NULL, "a one-page article has no next page");
		is_int(a.comments, -1, "the comment count is unknown");
	} else {
		ok(0, "article-element.html extracts");
	}
	article_free(&a);
	free(html);
}

static void
test_deep_page(void)
{
	struct buf b;
	struct article a = { .comments = -1 };
	struct err e;
	double t0;
	int rc;

	buf_init(&b, 0);
	bomb_deep_page(&b, 100000);
	t0 = tap_now_s();
	rc = extract_article(b.data, b.len, URL, &a, &e);
	ok(tap_now_s() - t0 < TAP_HANG_S, "a 100,000-deep page finishes (%.3f s)", tap_now_s() - t0);
	ok(rc == 0 ? strstr(a.body_html, BOMB_DEEP_PAGE_PHRASE) != NULL : strlen(e.msg) > 0,
	   "a 100,000-deep page gives its text or says why not");
	article_free(&a);
	buf_free(&b);
}

int
main(void)
{
	for (size_t i = 0; i < ARRAY_LEN(pages); i++)
		test_page(&pages[i]);
	test_no_article();
	test_replaces_fields();
	test_deep_page();
	return done_testing();
}
