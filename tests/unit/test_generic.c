/* Unit tests: the generic rules for Chinese news pages, one form at a
 * time: labelled 来源/作者/责任编辑 in the forms editors write them, values
 * cut out of brackets, dates, next-page links and pagers in the forms
 * templates write them. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "generic.h"
#include "html.h"
#include "tap.h"
#include "util.h"

static void
label_is(const char *text, enum gen_label which, const char *want)
{
	static const char *const names[] = { "source", "author", "editor" };
	char *got = gen_labelled(text, which);

	is_str(got, want, "%s of '%s'", names[which], text);
	free(got);
}

static void
test_labels(void)
{
	label_is("2022-07-04 来源：贵阳高新区 作者：陈佳艺", GL_SOURCE, "贵阳高新区");
	label_is("2022-07-04 来源:贵阳高新区 作者:陈佳艺", GL_AUTHOR, "陈佳艺");
	label_is("【来源】中国高新网 【作者】李明", GL_SOURCE, "中国高新网");
	label_is("[来源:中国高新网] [作者:李明]", GL_SOURCE, "中国高新网");
	label_is("（作者：本报记者 李明远） 稿件来源：导报", GL_AUTHOR, "本报记者 李明远");
	label_is("稿件来源：中国高新技术产业导报 记者：本报评论员", GL_SOURCE,
	         "中国高新技术产业导报");
	/* 记者 as a label, and as the role before a name */
	label_is("记者：本报记者 林静 稿件来源：导报", GL_AUTHOR, "本报记者 林静");
	label_is("记者：本报评论员 稿件来源：导报", GL_AUTHOR, "本报评论员");
	label_is("2022-07-04 本报记者 胡晓峰 通讯员 万琳", GL_AUTHOR, "本报记者 胡晓峰 通讯员 万琳");
	label_is("文/张伟 责任编辑：王丹萍", GL_AUTHOR, "张伟");
	label_is("(责任编辑:王丹萍)", GL_EDITOR, "王丹萍");
	label_is("（责编：王丹萍）", GL_EDITOR, "王丹萍");
	label_is("编辑：刘敏", GL_EDITOR, "刘敏");
	label_is("主编：刘敏", GL_EDITOR, NULL);
	label_is("资金来源：自筹", GL_SOURCE, NULL);
	/* inline elements with no space between */
	label_is("2022-07-04来源：中国高新网作者：李明", GL_SOURCE, "中国高新网");
	label_is("杭州高新区（滨江）来源：杭州高新区（滨江） 作者：李明", GL_SOURCE,
	         "杭州高新区（滨江）");
}

static void
trim_is(const char *v, const char *want)
{
	char *s = xstrdup(v);

	is_str(gen_trim_value(s), want, "'%s' trimmed", v);
	free(s);
}

static void
test_trim(void)
{
	trim_is("中国高新技术产业导报]", "中国高新技术产业导报");
	trim_is("陈佳艺）", "陈佳艺");
	trim_is("【中国高新网", "中国高新网");
	trim_is("王丹萍)，", "王丹萍");
	trim_is(" 刘敏 ", "刘敏");
	/* a bracket the value holds stays */
	trim_is("杭州高新区（滨江）", "杭州高新区（滨江）");
	trim_is("新华社（北京）", "新华社（北京）");
	trim_is("]）", "");
	ok(gen_trim_value(NULL) == NULL, "nothing trimmed is nothing");
}

static void
date_is(const char *text, int year, const char *want)
{
	size_t at, len;
	char norm[32];
	int found = gen_find_date(text, year, &at, &len, norm);

	is_str(found ? norm : NULL, want, "the date in '%s'", text);
}

static void
test_dates(void)
{
	date_is("发布时间：2022-07-04", 0, "2022-07-04");
	date_is("2022/7/4", 0, "2022-07-04");
	date_is("2022.07.04", 0, "2022-07-04");
	date_is("[2022年7月4日]", 0, "2022-07-04");
	date_is("2022年07月04日 12:18", 0, "2022-07-04 12:18");
	date_is("2022-7-4 12:18:01", 0, "2022-07-04 12:18:01");
	date_is("（07-04）", 2022, "2022-07-04");
	date_is("1-5月，增长了", 2022, NULL);
}

static char *
resolve(void *arg, const char *href, int *article)
{
	(void)arg;
	*article = strstr(href, "content_") != NULL;
	return html_resolve("http://www.example.cn/news/node_1.html", href);
}

static void
next_is(const char *pager, const char *want)
{
	char *html = xasprintf("<html><body><ul><li><a href='content_1.html'>一篇文章的标题</a></li>"
	                       "</ul><div>%s</div></body></html>", pager);
	htmlDocPtr doc = html_parse(html, strlen(html));
	char *got = gen_next(xmlDocGetRootElement(doc), "http://www.example.cn/news/node_1.html",
	                     0, resolve, NULL);

	is_str(got, want, "the next page of '%s'", pager);
	free(got);
	xmlFreeDoc(doc);
	free(html);
}

static void
test_next(void)
{
	static const char want[] = "http://www.example.cn/news/node_1_2.html";

	next_is("<a href='node_1_2.html'>下一页</a>", want);
	next_is("<a href='node_1_2.html'>下页</a>", want);
	next_is("<a href='node_1_2.html'>下页&gt;</a>", want);
	next_is("<a href='node_1_2.html'>下一页 &raquo;</a>", want);
	next_is("<a href='node_1_2.html'>[下一页]</a>", want);
	next_is("<a href='node_1_2.html'>&raquo;</a>", want);
	next_is("<a href='node_1_2.html'>&gt;&gt;</a>", want);
	next_is("<a href='node_1_2.html'>›</a>", want);
	next_is("<a href='node_1_2.html'>Next &raquo;</a>", want);
	next_is("<a rel='next' href='node_1_2.html'>后面</a>", want);
	next_is("<span>1</span> <a href='node_1_2.html'>2</a> <a href='node_1_3.html'>3</a>", want);
	/* backwards, or the last page */
	next_is("<a href='node_1_0.html'>&laquo; 上一页</a>", NULL);
	next_is("<a href='node_1_0.html'>&lt;</a>", NULL);
	next_is("<a href='node_1_9.html'>尾页 &gt;&gt;</a>", NULL);
}

static void
pager_cut(const char *pager, int gone)
{
	char *html = xasprintf("<html><body><div id='b'><p>正文的一段，讲了一件事情。</p>"
	                       "<div>%s</div></div></body></html>", pager);
	htmlDocPtr doc = html_parse(html, strlen(html));
	xmlNodePtr body = xmlDocGetRootElement(doc)->children->children;
	char *text;

	gen_cut_pagers(body);
	text = gen_text(body, 400);
	if (gone)
		is_str(text, "正文的一段，讲了一件事情。", "a pager cut: '%s'", pager);
	else
		ok(strstr(text, "相关阅读") != NULL, "no pager, nothing cut: '%s' (%s)", pager, text);
	free(text);
	xmlFreeDoc(doc);
	free(html);
}

static void
test_pagers(void)
{
	pager_cut("<a href='1.html'>上一页</a> <span>1</span> <a href='2.html'>2</a> "
	          "<a href='2.html'>下一页</a>", 1);
	pager_cut("<a href='1.html'>&lt;&lt; 上页</a> <a href='2.html'>下页&gt;</a>", 1);
	pager_cut("<a href='1.html'>[1]</a> <a href='2.html'>[2]</a> <a href='2.html'>»</a>", 1);
	pager_cut("<a href='a.html'>相关阅读</a> <a href='b.html'>更多</a>", 0);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_labels();
	test_trim();
	test_dates();
	test_next();
	test_pagers();
	return done_testing();
}
