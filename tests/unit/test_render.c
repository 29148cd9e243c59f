/* test_render.c: article HTML -> blocks -> the lines a reader sees. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "item.h"
#include "render.h"
#include "tap.h"
#include "text.h"
#include "util.h"

#define BASE "http://www.example.com/html/1/a.html"
#define SAMPLE_URL "http://www.chinahightech.com/html/692/2022/0704/52101.html"
#define IND "\u3000\u3000"

/* ---- helpers ------------------------------------------------------------ */

static void
parse(const char *html, size_t len, struct rblocks *b)
{
	struct err e;

	if (render_blocks(html, len, BASE, b, &e) != 0)
		printf("# render_blocks: %s\n", e.msg);
}

/* Blocks as "K<level> text" lines, K one of P H Q R L I T -, then
 * "links: url url". */
static char *
show_blocks(const struct rblocks *b)
{
	static const char kinds[] = "PHQRLIT-";
	struct buf s;

	buf_init(&s, 0);
	buf_add(&s, "", 0);
	for (size_t i = 0; i < b->n; i++)
		buf_addf(&s, "%s%c%d %s", i ? "\n" : "", kinds[b->v[i].kind],
		         b->v[i].level, b->v[i].text);
	if (b->nlinks > 0)
		buf_adds(&s, "\nlinks:");
	for (size_t i = 0; i < b->nlinks; i++)
		buf_addf(&s, " %s", b->links[i]);
	return buf_steal(&s, NULL);
}

static char *
show_lines(const struct rdoc *d)
{
	struct buf s;

	buf_init(&s, 0);
	buf_add(&s, "", 0);
	for (size_t i = 0; i < d->n; i++)
		buf_addf(&s, "%s%s", i ? "\n" : "", d->v[i].text);
	return buf_steal(&s, NULL);
}

/* The first line too wide or holding a control byte, or -1. */
static long
bad_line(const struct rdoc *d, int width)
{
	for (size_t i = 0; i < d->n; i++) {
		const char *t = d->v[i].text;

		if (text_width(t, strlen(t)) > width)
			return (long)i;
		for (const char *p = t; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				return (long)i;
	}
	return -1;
}

static char *
lay_html(const char *html, const struct article *a, int width)
{
	struct rblocks b;
	struct rdoc d;
	char *s;

	parse(html, strlen(html), &b);
	render_layout(a, &b, width, &d);
	s = show_lines(&d);
	rdoc_free(&d);
	rblocks_free(&b);
	return s;
}

/* ---- blocks ------------------------------------------------------------- */

static const struct {
	const char *name, *html, *want;
} block_cases[] = {
	{ "paragraphs stay apart", "<p>段一</p><p>段二</p>", "P0 段一\nP0 段二" },
	{ "<br>-separated paragraphs become separate paragraphs",
	  "<div>\u3000\u3000段一<br>\u3000\u3000段二<br/><br>\u3000\u3000段三</div>",
	  "P0 \u3000\u3000段一\nP0 \u3000\u3000段二\nP0 \u3000\u3000段三" },
	{ "bare text and <br> at the top make paragraphs",
	  "\u3000\u3000段一<br>\u3000\u3000段二", "P0 \u3000\u3000段一\nP0 \u3000\u3000段二" },
	{ "runs of spaces and newlines fold into one space",
	  "<p>\n  a \n\t b  </p>", "P0 a b" },
	{ "a source line break between Chinese characters is no space",
	  "<p>中文\n字符 and\nmore</p>", "P0 中文字符 and more" },
	{ "U+3000 and nbsp inside a paragraph are kept",
	  "<p>筑牢红色堡垒&nbsp;充分\u3000发挥</p>", "P0 筑牢红色堡垒\u00a0充分\u3000发挥" },
	{ "inline tags do not split a paragraph",
	  "<p>a<b>b</b><i> c</i><span>d</span></p>", "P0 ab cd" },
	{ "links numbered in order with absolute URLs",
	  "<p><a href=\"/x.html\">甲</a>和<a href=\"y.html\">乙</a></p>",
	  "P0 甲[1]和乙[2]\nlinks: http://www.example.com/x.html "
	  "http://www.example.com/html/1/y.html" },
	{ "the same link twice shares a number",
	  "<p><a href=\"x\">a</a> <a href=\"x\">b</a> <a href=\"http://o.org/y\">c</a></p>",
	  "P0 a[1] b[1] c[2]\nlinks: http://www.example.com/html/1/x http://o.org/y" },
	{ "a link with Chinese or spaces in its path is numbered, percent-encoded",
	  "<p><a href=\"/新闻/一 二.html\">甲</a></p>",
	  "P0 甲[1]\nlinks: http://www.example.com/%E6%96%B0%E9%97%BB/%E4%B8%80%20%E4%BA%8C.html" },
	{ "protocol-relative and query-only links resolve",
	  "<p><a href=\"//cdn.example.org/a\">a</a><a href=\"?page=2\">b</a></p>",
	  "P0 a[1]b[2]\nlinks: http://cdn.example.org/a http://www.example.com/html/1/a.html?page=2" },
	{ "javascript:, empty, in-page and missing hrefs get no number",
	  "<p><a href=\"javascript:void(0)\">a</a><a href=\"\">b</a>"
	  "<a href=\"#top\">c</a><a>d</a><a href=\" JavaScript:x\">e</a></p>",
	  "P0 abcde" },
	{ "a link's number goes before the space after it",
	  "<p><a href=\"/a\">甲 </a>乙</p>", "P0 甲[1] 乙\nlinks: http://www.example.com/a" },
	{ "a link around a paragraph numbers that paragraph",
	  "<a href=\"/a\"><p>甲</p></a><p>乙</p>",
	  "P0 甲[1]\nP0 乙\nlinks: http://www.example.com/a" },
	{ "images become [图: alt] with a numbered absolute URL",
	  "<p>前<img src=\"/i/1.jpg\" alt=\" 图注 \">后</p>",
	  "P0 前\nI0 [图: 图注][1]\nP0 后\nlinks: http://www.example.com/i/1.jpg" },
	{ "an image without alt is [图]", "<img src=\"b.png\">",
	  "I0 [图][1]\nlinks: http://www.example.com/html/1/b.png" },
	{ "a lazy image's data-src is its URL", "<img src=\"data:image/gif;base64,R0\" data-src=\"/c.jpg\" alt=\"x\">",
	  "I0 [图: x][1]\nlinks: http://www.example.com/c.jpg" },
	{ "a linked image shows both numbers",
	  "<a href=\"/big.jpg\"><img src=\"/small.jpg\" alt=\"z\"></a>",
	  "I0 [图: z][1][2]\nlinks: http://www.example.com/small.jpg http://www.example.com/big.jpg" },
	{ "an image linked to itself shows its number once",
	  "<a href=\"/z.jpg\"><img src=\"/z.jpg\" alt=\"z\"></a>",
	  "I0 [图: z][1]\nlinks: http://www.example.com/z.jpg" },
	{ "headings keep their level", "<h2>标题</h2><p>文</p><h4>小 标题</h4>",
	  "H2 标题\nP0 文\nH4 小 标题" },
	{ "quotes", "<p>a</p><blockquote><p>引文一</p>引文二<blockquote>再引</blockquote></blockquote>",
	  "P0 a\nQ1 引文一\nQ1 引文二\nQ2 再引" },
	{ "lists get bullets, numbers and depth",
	  "<ul><li>甲</li><li>乙<ul><li>丙</li></ul></li></ul><ol><li>一</li><li><p>二</p></li></ol>",
	  "L1 • 甲\nL1 • 乙\nL2 • 丙\nL1 1. 一\nL1 2. 二" },
	{ "an ordered list can start later", "<ol start=\"9\"><li>i</li><li>j</li></ol>",
	  "L1 9. i\nL1 10. j" },
	{ "pre keeps lines and expands tabs", "<pre>\na\tb\n  c  \n\tx\t中\ty\n\n</pre>",
	  "R0 a       b\n  c\n        x       中      y" },
	{ "table rows join cells with |",
	  "<table><tr><th>名称</th><th>数量</th></tr><tr><td><p>甲</p></td><td>1</td></tr>"
	  "<tr><td></td><td></td></tr></table>",
	  "T0 名称 | 数量\nT0 甲 | 1" },
	{ "a rule", "<p>a</p><hr><p>b</p>", "P0 a\n-0 \nP0 b" },
	{ "scripts, styles, forms and embeds are gone",
	  "<p>a<script>alert(1)</script>b</p><style>p{color:red}</style><noscript>n</noscript>"
	  "<iframe src=\"x\">i</iframe><form><input value=\"v\"><button>按钮</button>"
	  "<select><option>o</option></select><textarea>t</textarea></form>"
	  "<object>o</object><embed src=\"e\"><svg><text>s</text></svg>"
	  "<template>t</template><p>c</p>",
	  "P0 ab\nP0 c" },
	{ "a site's boilerplate is its profile's to cut: every paragraph stays, blank ones go",
	  "<p>正文</p><p>版权与免责声明：</p><p>①凡本站注明…</p>"
	  "<p>扫描添加 中国高新APP客户端</p><p>\u3000\u3000</p>"
	  "<p>&nbsp;</p><p> </p><div></div>",
	  "P0 正文\nP0 版权与免责声明：\nP0 ①凡本站注明…\nP0 扫描添加 中国高新APP客户端" },
	{ "a paragraph starting ① elsewhere stays", "<p>①第一点</p>", "P0 ①第一点" },
	{ "unclosed tags recover the text", "<p>一<p>二<div>三<b>四",
	  "P0 一\nP0 二\nP0 三四" },
	{ "stray closing tags recover the text", "</div></p><p>文</p></div></span></td>",
	  "P0 文" },
	{ "empty input gives no blocks", "", "" },
};

static void
test_blocks(void)
{
	for (size_t i = 0; i < ARRAY_LEN(block_cases); i++) {
		struct rblocks b;
		char *got;

		parse(block_cases[i].html, strlen(block_cases[i].html), &b);
		got = show_blocks(&b);
		is_str(got, block_cases[i].want, "blocks: %s", block_cases[i].name);
		free(got);
		rblocks_free(&b);
	}
}

/* ---- body layout (no header) --------------------------------------------- */

static const struct {
	const char *name, *html;
	int width;
	const char *want;
} layout_cases[] = {
	{ "paragraph indent from spaces becomes two U+3000", "<p>  段落</p>", 20, IND "段落" },
	{ "paragraph indent from U+3000 stays two U+3000", "<p>\u3000\u3000\u3000段落</p>", 20, IND "段落" },
	{ "paragraph indent from &nbsp; becomes two U+3000", "<p>&nbsp;&nbsp;&nbsp;&nbsp;段落</p>", 20, IND "段落" },
	{ "an unindented paragraph gets the indent", "<p>段落</p>", 20, IND "段落" },
	{ "a blank line between paragraphs", "<p>一</p><p>二</p>", 20, IND "一\n\n" IND "二" },
	{ "<br>-separated paragraphs are laid out apart",
	  "<p>\u3000\u3000段一<br>\u3000\u3000段二</p>", 20, IND "段一\n\n" IND "段二" },
	{ "a paragraph wraps at the width", "<p>一二三四五六七八九十</p>", 10,
	  IND "一二三\n四五六七八" "\n九十" },
	{ "headings are not indented and have a blank line before",
	  "<p>一</p><h2>标题</h2><p>二</p>", 20, IND "一\n\n标题\n\n" IND "二" },
	{ "quotes are marked", "<blockquote>引文一二三四五</blockquote>", 10,
	  "│ 引文一二\n│ 三四五" },
	{ "list items hang under their text",
	  "<ul><li>一二三四五六七</li><li>八</li></ul>", 10,
	  "• 一二三四\n  五六七\n• 八" },
	{ "nested and numbered list items",
	  "<ol><li>甲<ul><li>乙</li></ul></li></ol>", 20, "1. 甲\n  • 乙" },
	{ "pre lines are cut, not wrapped", "<pre>abcdefghijklmnop\nab</pre>", 10,
	  "abcdefghi…\nab" },
	{ "a rule is 40 columns at most", "<hr>", 80,
	  "────────────────────────────────────────" },
	{ "a rule fits a narrow width", "<hr>", 10, "──────────" },
	{ "table rows are tight", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
	  20, "a | b\nc | d" },
	{ "images on their own line, links listed after the body",
	  "<p>前<img alt=\"图注\" src=\"/a.jpg\">后</p>", 40,
	  IND "前\n\n[图: 图注][1]\n\n" IND "后\n\nLinks:\n[1] http://www.example.com/a.jpg" },
	{ "links listed after the body with absolute URLs",
	  "<p><a href=\"/a.html\">甲</a>，<a href=\"http://other.org/b?q=1\">乙</a></p>", 40,
	  IND "甲[1]，乙[2]\n\nLinks:\n[1] http://www.example.com/a.html\n"
	  "[2] http://other.org/b?q=1" },
};

static void
test_layout(void)
{
	for (size_t i = 0; i < ARRAY_LEN(layout_cases); i++) {
		char *got = lay_html(layout_cases[i].html, NULL, layout_cases[i].width);

		is_str(got, layout_cases[i].want, "layout at %d: %s",
		       layout_cases[i].width, layout_cases[i].name);
		free(got);
	}
}

/* Blocks made by another parser (a feed's summary, say) are laid out as
 * safely: a block of nothing but controls and a kind render does not know
 * leave no stray blank lines. */
static void
test_hand_blocks(void)
{
	struct rblock v[] = {
		{ .kind = RB_PARA, .text = "一" }, { .kind = RB_PARA, .text = "\x1b\x01" },
		{ .kind = 99, .text = "?" }, { .kind = RB_PARA, .text = "二" },
	};
	struct rblocks b = { .v = v, .n = ARRAY_LEN(v), .cap = ARRAY_LEN(v) };
	struct rdoc d;
	char *got;

	render_layout(NULL, &b, 20, &d);
	got = show_lines(&d);
	is_str(got, IND "一\n\n" IND "二", "a block of only controls leaves no extra blank line");
	free(got);
	rdoc_free(&d);
	render_layout(NULL, NULL, 20, &d);
	is_int(d.n, 0, "no article and no blocks lay out as nothing");
	rdoc_free(&d);
}

/* ---- pictures ------------------------------------------------------------ */

/* The line index of the first line starting with s, or -1. */
static long
line_at(const struct rdoc *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].text, s) == d->v[i].text)
			return (long)i;
	return -1;
}

static void
test_pictures(void)
{
	static const char html[] = "<p>前文</p><p><img src=\"/p/a.jpg\" alt=\"图注\"></p><p>后文</p>";
	struct rblocks b;
	struct rdoc plain, drawn;
	long cap, after, after_plain;
	int rows_ok = 1;

	parse(html, strlen(html), &b);
	is_str(b.n == 3 ? b.v[1].src : NULL, "http://www.example.com/p/a.jpg",
	       "a picture's block carries its absolute URL");
	render_layout(NULL, &b, 40, &plain);
	b.v[1].img_w = 160;
	b.v[1].img_h = 96;
	b.img_rows = 12;
	render_layout(NULL, &b, 40, &drawn);
	cap = line_at(&drawn, "[图: 图注][1]");
	after = line_at(&drawn, IND "后文");
	after_plain = line_at(&plain, IND "后文");
	is_int(after - after_plain, 6, "the text after a 160×96 picture moves down by its 6 rows");
	for (long i = cap - 6; cap >= 6 && i < cap; i++) {
		const struct rline *l = &drawn.v[i];

		rows_ok &= l->kind == RL_PICTURE && l->block == 1 && l->row == i - (cap - 6) &&
		           l->rows == 6 && l->cols == 20 && l->col == 10 && l->text[0] == '\0';
	}
	ok(cap >= 6 && rows_ok, "its rows stand above the caption, 20 columns centred in 40");
	ok(cap >= 0 && drawn.v[cap].kind == RL_IMAGE && drawn.v[cap].block == 1,
	   "the caption line knows its picture");
	ok(line_at(&drawn, IND "前文") >= 0 && drawn.v[line_at(&drawn, IND "前文")].block == -1,
	   "text lines belong to no picture");
	rdoc_free(&drawn);
	b.img_rows = 0;
	render_layout(NULL, &b, 40, &drawn);
	is_int(drawn.n, plain.n, "pictures off: the caption only");
	rdoc_free(&drawn);
	b.img_rows = 12;
	b.v[1].img_w = 0;
	b.v[1].img_note = xstrdup("(too large)");
	render_layout(NULL, &b, 40, &drawn);
	ok(line_at(&drawn, "[图: 图注][1] (too large)") >= 0 &&
	   drawn.n == plain.n, "a refused picture: its caption says why, no room kept");
	rdoc_free(&drawn);
	xfree_set(&b.v[1].img_note, NULL);
	b.v[1].img_w = 1;
	b.v[1].img_h = 60000;
	render_layout(NULL, &b, 40, &drawn);
	is_int(drawn.n - plain.n, 12, "a very tall picture takes at most img_rows lines");
	rdoc_free(&drawn);
	rdoc_free(&plain);
	rblocks_free(&b);
}

/* ---- header, editor, link list ------------------------------------------- */

static void
sample_article(struct article *a)
{
	memset(a, 0, sizeof *a);
	a->url = SAMPLE_URL;
	a->title = "贵阳高新区以党建引领赋能园区经济高质量发展";
	a->time_text = "2022-07-04 12:18:01";
	a->source = "贵阳高新区";
	a->author = "陈佳艺";
	a->editor = "王丹萍";
	a->comments = 0;
}

/* tz: the reader's TZ (POSIX form, no tzdata needed), NULL: as it is. */
static const struct {
	const char *name;
	const char *time_text, *source, *author;
	long long time;
	int comments, width;
	const char *tz;
	const char *want;
} meta_cases[] = {
	{ "the meta line shows time, source, author and comments",
	  "2022-07-04 12:18:01", "贵阳高新区", "陈佳艺", 0, 0, 80, NULL,
	  "2022-07-04 12:18:01  Source: 贵阳高新区  Author: 陈佳艺  Comments: 0" },
	{ "empty fields and unknown comments are left out",
	  "2022-07-04 12:18:01", NULL, "", 0, -1, 80, NULL, "2022-07-04 12:18:01" },
	{ "a time without text (a feed's) is in the reader's zone: Beijing",
	  NULL, "来源甲", NULL, 1656908281, 12, 80, "CST-8",
	  "2022-07-04 12:18  Source: 来源甲  Comments: 12" },
	{ "a time without text (a feed's) is in the reader's zone: New York",
	  NULL, NULL, NULL, 1656908281, -1, 80, "EST+5", "2022-07-03 23:18" },
	{ "a page's own time text stays as written in any zone",
	  "2022-07-04 00:30", NULL, NULL, 1656865800, -1, 80, "EST+5", "2022-07-04 00:30" },
	{ "a narrow meta line breaks between fields",
	  "2022-07-04 12:18:01", "贵阳高新区", "陈佳艺", 0, 0, 30, NULL,
	  "2022-07-04 12:18:01\nSource: 贵阳高新区\nAuthor: 陈佳艺  Comments: 0" },
};

static void
test_meta(void)
{
	for (size_t i = 0; i < ARRAY_LEN(meta_cases); i++) {
		struct article a;
		struct rdoc d;
		struct buf s;
		char *got;

		memset(&a, 0, sizeof a);
		a.time_text = (char *)meta_cases[i].time_text;
		a.source = (char *)meta_cases[i].source;
		a.author = (char *)meta_cases[i].author;
		a.time = meta_cases[i].time;
		a.comments = meta_cases[i].comments;
		if (meta_cases[i].tz != NULL) {
			setenv("TZ", meta_cases[i].tz, 1);
			tzset();
		}
		render_layout(&a, NULL, meta_cases[i].width, &d);
		unsetenv("TZ");
		tzset();
		buf_init(&s, 0);
		buf_add(&s, "", 0);
		for (size_t j = 0; j < d.n; j++)
			if (d.v[j].kind == RL_META)
				buf_addf(&s, "%s%s", s.len ? "\n" : "", d.v[j].text);
		got = buf_steal(&s, NULL);
		is_str(got, meta_cases[i].want, "meta: %s", meta_cases[i].name);
		free(got);
		rdoc_free(&d);
	}
}

static void
test_whole_article(void)
{
	/* At width 20: the title in lines of ten characters, the meta fields
	 * one a line, the body, the editor and the links, each kind marked. */
	static const char want20[] =
		"T 贵阳高新区以党建引领\n"
		"T 赋能园区经济高质量发\n"
		"T 展\n"
		"M 2022-07-04 12:18:01\n"
		"M Source: 贵阳高新区\n"
		"M Author: 陈佳艺\n"
		"M Comments: 0\n"
		"B \n"
		"X " IND "正文甲[1]\n"
		"B \n"
		"E (Editor: 王丹萍)\n"
		"B \n"
		"L Links:\n"
		"L [1] http://a.cn/x";
	static const char want80[] =
		"贵阳高新区以党建引领赋能园区经济高质量发展\n"
		"2022-07-04 12:18:01  Source: 贵阳高新区  Author: 陈佳艺  Comments: 0\n"
		"\n" IND "正文甲[1]\n\n(Editor: 王丹萍)\n\nLinks:\n[1] http://a.cn/x";
	static const char kinds[] = {
		[RL_BLANK] = 'B', [RL_TITLE] = 'T', [RL_META] = 'M', [RL_TEXT] = 'X',
		[RL_HEADING] = 'H', [RL_QUOTE] = 'Q', [RL_PRE] = 'R', [RL_IMAGE] = 'I',
		[RL_EDITOR] = 'E', [RL_LINKS] = 'L',
	};
	const char *html = "<p>　　正文<a href=\"http://a.cn/x\">甲</a></p><p>（责任编辑：王丹萍）</p>";
	struct article a;
	struct rblocks b;
	struct rdoc d;
	struct buf s;
	char *got;

	sample_article(&a);
	parse(html, strlen(html), &b);
	render_layout(&a, &b, 20, &d);
	buf_init(&s, 0);
	buf_add(&s, "", 0);
	for (size_t i = 0; i < d.n; i++)
		buf_addf(&s, "%s%c %s", i ? "\n" : "", kinds[d.v[i].kind], d.v[i].text);
	got = buf_steal(&s, NULL);
	is_str(got, want20, "at width 20 the article reads title, meta, body, editor, links");
	free(got);
	rdoc_free(&d);

	render_layout(&a, &b, 80, &d);
	got = show_lines(&d);
	is_str(got, want80, "at width 80 the meta is one line and the editor line is shown once");
	free(got);
	rdoc_free(&d);
	rblocks_free(&b);
}

/* ---- hostile and broken input -------------------------------------------- */

static void
test_controls(void)
{
	static const char html[] =
		"<p>a&#27;[2Jb\x1b[31mc\x07d</p><p>e\xc2\x9b" "2Jf\xe2\x80\xaeg\xff\xfeh</p>"
		"<pre>x\x1b]0;title\x07y\r\nz\x01</pre>"
		"<a href=\"/p\x1b[2J\">l</a><img alt=\"\x1b[1m\" src=\"i\x1b.jpg\">"
		"<p>mid\0dle</p>";
	struct article a;
	struct rblocks b;
	struct rdoc d;
	char *all;

	memset(&a, 0, sizeof a);
	a.title = "t\x1b[2Jitle\n";
	a.source = "s\x1b]2;x\x07";
	a.editor = "e\x1b";
	a.comments = -1;
	parse(html, sizeof html - 1, &b);
	render_layout(&a, &b, 40, &d);
	is_int(bad_line(&d, 40), -1, "an ESC sequence from &#27;[2J or raw ESC never reaches a line");
	all = show_lines(&d);
	ok(strstr(all, "\x1b") == NULL && strstr(all, "\xc2\x9b") == NULL &&
	   strstr(all, "\xe2\x80\xae") == NULL,
	   "no ESC, CSI or bidi override survives anywhere in the article");
	free(all);
	rdoc_free(&d);
	rblocks_free(&b);
}

static void
test_malformed(void)
{
	static const char *const truncated[] = {
		"<p>段一</p><p>段二<a href=\"/x",
		"<p>段一</p><p>段二<",
		"<p>段一</p><p>段二</",
		"<p>段一</p><p>段二<img src=\"a",
		"<p>段一</p><p>段二<!-- comment",
		"<p>段一</p><p>段二&#x4e2",
		"<p>段一</p><p>段二<table><tr><td>",
		"<p>段一</p><p>段二\xe4\xb8",
	};

	for (size_t i = 0; i < ARRAY_LEN(truncated); i++) {
		struct rblocks b;
		struct rdoc d;
		char *all;

		parse(truncated[i], strlen(truncated[i]), &b);
		render_layout(NULL, &b, 20, &d);
		all = show_lines(&d);
		ok(strstr(all, "段一") && strstr(all, "段二") && bad_line(&d, 20) < 0,
		   "a document truncated after '%.*s' recovers its text",
		   (int)strlen(truncated[i]) - 22, truncated[i] + 22);
		free(all);
		rdoc_free(&d);
		rblocks_free(&b);
	}
}

static char *
nested(const char *open, const char *text, const char *close, int n)
{
	struct buf s;

	buf_init(&s, 0);
	for (int i = 0; i < n; i++)
		buf_adds(&s, open);
	buf_adds(&s, text);
	for (int i = 0; i < n; i++)
		buf_adds(&s, close);
	return buf_steal(&s, NULL);
}

static void
test_deep(void)
{
	static const char *const opens[][2] = {
		{ "<div>", "</div>" }, { "<b>", "</b>" }, { "<blockquote>", "" },
		{ "<ul><li>", "" }, { "<ol><li>", "</li></ol>" }, { "<a href=\"/x\">", "" },
		{ "<table><tr><td>", "" }, { "<pre>", "" }, { "<h1>", "" },
	};

	for (size_t i = 0; i < ARRAY_LEN(opens); i++) {
		char *html = nested(opens[i][0], "深", opens[i][1], 100000);
		struct rblocks b;
		struct rdoc d;

		parse(html, strlen(html), &b);
		render_layout(NULL, &b, 10, &d);
		ok(bad_line(&d, 10) < 0, "100,000-deep %s nesting lays out without a crash",
		   opens[i][0]);
		rdoc_free(&d);
		rblocks_free(&b);
		free(html);
	}
}

static void
test_tiny_widths(void)
{
	static const char html[] =
		"<h1>标题</h1><p>　　今年1至5月，贵阳高新区。</p><blockquote>引文</blockquote>"
		"<ul><li>一<ul><li>二<ul><li>三</li></ul></li></ul></li></ul>"
		"<ol start=\"100\"><li>长长的项目</li></ol><pre>\t代码</pre><hr>"
		"<img alt=\"图\" src=\"/a.jpg\"><table><tr><td>a</td><td>b</td></tr></table>"
		"<a href=\"http://www.example.com/very/long/path?a=1&b=2\">x</a>";
	struct article a;
	struct rblocks b;

	sample_article(&a);
	parse(html, sizeof html - 1, &b);
	/* Ambiguous width 2 (a CJK terminal): │ • ─ … take two columns. */
	for (int amb = 1; amb <= 2; amb++) {
		text_set_ambiguous_width(amb);
		for (int w = -1; w <= 24; w += w < 12 ? 1 : 12) {
			struct rdoc d;
			int limit = w < 1 ? 1 : w;

			render_layout(&a, &b, w, &d);
			ok(d.n > 0 && bad_line(&d, limit) < 0,
			   "at width %d (ambiguous width %d) every line fits in %d columns",
			   w, amb, limit);
			rdoc_free(&d);
		}
	}
	text_set_ambiguous_width(1);
	rblocks_free(&b);
}

/* ---- the real sample article --------------------------------------------- */

/* Whether s starts with a mark that may not start a line. */
static const char *
starts_closing(const char *s)
{
	static const char *const marks[] = {
		"，", "。", "、", "；", "：", "？", "！", "”", "’", "）", "》",
		",", ".", ";", ":", "?", "!", ")",
	};

	for (size_t i = 0; i < ARRAY_LEN(marks); i++)
		if (str_starts(s, marks[i]))
			return marks[i];
	return NULL;
}

/* s without ASCII spaces and U+3000 (a wrap may drop a space at a break). */
static char *
no_spaces(const char *s)
{
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (; *s; s++) {
		if (*s == ' ')
			continue;
		if (str_starts(s, "\u3000")) {
			s += 2;
			continue;
		}
		buf_add(&b, s, 1);
	}
	return buf_steal(&b, NULL);
}

/* The sample with its ASCII , ; ( ) turned into the full-width marks the
 * site really uses. */
static char *
full_width(const char *s)
{
	static const char *const map[][2] = {
		{ ",", "，" }, { ";", "；" }, { "(", "（" }, { ")", "）" },
	};
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (; *s; s++) {
		size_t k = 0;

		while (k < ARRAY_LEN(map) && *s != map[k][0][0])
			k++;
		if (k < ARRAY_LEN(map))
			buf_adds(&b, map[k][1]);
		else
			buf_add(&b, s, 1);
	}
	return buf_steal(&b, NULL);
}

/* Checks the body of d at width: the paragraphs (the RL_TEXT runs between
 * blank lines) give back the blocks' text, each starts with the indent,
 * no line starts with a closing mark. */
static void
check_sample(const char *what, const struct rblocks *b, const struct rdoc *d,
             int width)
{
	struct buf para;
	size_t np = 0, lost = 0, noindent = 0;
	const char *closing = NULL;
	long bad = bad_line(d, width);

	buf_init(&para, 0);
	buf_add(&para, "", 0);
	for (size_t i = 0; i <= d->n; i++) {
		const char *t = i < d->n ? d->v[i].text : "";

		if (i < d->n && d->v[i].kind == RL_TEXT) {
			if (para.len == 0 && width >= 8 && !str_starts(t, IND))
				noindent++;
			if (para.len > 0 && closing == NULL)
				closing = starts_closing(t);
			buf_adds(&para, t);
			continue;
		}
		if (para.len == 0)
			continue;
		if (np < b->n) {
			char *x = no_spaces(para.data), *y = no_spaces(b->v[np].text);

			lost += strcmp(x, y) != 0;
			free(x);
			free(y);
		}
		np++;
		para.len = 0;
	}
	buf_free(&para);
	ok(bad < 0, "%s at width %d: no line is wider than %d columns%s", what,
	   width, width, bad < 0 ? "" : d->v[bad].text);
	ok(closing == NULL, "%s at width %d: no line starts with a closing mark (%s)",
	   what, width, closing ? closing : "none");
	is_int(lost, 0, "%s at width %d: every paragraph reads as written", what, width);
	is_int(noindent, 0, "%s at width %d: every paragraph starts indented", what, width);
	is_int(np, 31, "%s at width %d: 31 paragraphs, the editor line not repeated", what, width);
}

static void
test_sample(void)
{
	static const int widths[] = { 10, 20, 40, 80 };
	char *path = path_join(tap_srcdir(), "tests/fixtures/render/sample-body.html");
	char *html = NULL, *fw;
	size_t len = 0;
	struct err e;
	struct article a;

	if (read_file(path, 1 << 20, &html, &len, &e) != 0) {
		ok(0, "sample article fixture: %s", e.msg);
		free(path);
		return;
	}
	fw = full_width(html);
	sample_article(&a);
	for (int pass = 0; pass < 2; pass++) {
		const char *what = pass ? "sample with full-width marks" : "sample article";
		const char *src = pass ? fw : html;
		struct rblocks b;

		parse(src, strlen(src), &b);
		is_int(b.n, 32, "%s: 31 paragraphs and the editor line", what);
		for (size_t i = 0; i < ARRAY_LEN(widths); i++) {
			struct rdoc d;

			render_layout(&a, &b, widths[i], &d);
			check_sample(what, &b, &d, widths[i]);
			rdoc_free(&d);
		}
		rblocks_free(&b);
	}
	free(fw);
	free(html);
	free(path);
}

/* The article's own text of a doc: each paragraph (lines of one para
 * after their lead, joined) on a line of its own, spaces taken out, as
 * the pager reads it to keep a position and to search. */
static char *
own_text(const struct rdoc *d)
{
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < d->n; i++) {
		const char *t = d->v[i].text + d->v[i].lead;

		if (i > 0 && d->v[i - 1].para != d->v[i].para)
			buf_add(&b, "\n", 1);
		for (; *t; t++)
			if (*t != ' ')
				buf_add(&b, t, 1);
	}
	return buf_steal(&b, NULL);
}

/* What the pager relies on: at every width the lines carry the same text
 * after their leads, in the same paragraphs; a lead is what the layout
 * put there (the indent, a quote's bar), never the article's text. */
static void
test_pager_contract(void)
{
	static const char html[] =
		"<p>第一段文字，用来测试排版在不同宽度下是否保持同样的内容。</p>"
		"<blockquote><p>引用的一段话，比较长，需要折成好几行来显示。</p></blockquote>"
		"<ul><li>列表第一项，同样比较长，需要折行显示出来才行。</li></ul>"
		"<p>最后一段 with some English words that wrap at spaces.</p>";
	static const int widths[] = { 12, 20, 33, 80 };
	struct article a = { .title = "标题：排版与阅读位置", .source = "测试", .comments = -1 };
	struct rblocks b;
	char *first = NULL;

	parse(html, strlen(html), &b);
	for (size_t i = 0; i < ARRAY_LEN(widths); i++) {
		struct rdoc d;
		char *t;
		int indent = 0, bar = 0;

		render_layout(&a, &b, widths[i], &d);
		t = own_text(&d);
		if (first == NULL)
			first = xstrdup(t);
		is_str(t, first, "width %d: the same text after the leads, in the same paragraphs",
		       widths[i]);
		for (size_t k = 0; k < d.n; k++) {
			indent |= d.v[k].lead >= 6 &&
			          strncmp(d.v[k].text, "\xe3\x80\x80\xe3\x80\x80", 6) == 0;
			bar |= strncmp(d.v[k].text, "│", strlen("│")) == 0 &&
			       d.v[k].lead >= strlen("│ ");
		}
		ok(indent && bar, "width %d: a paragraph's indent and a quote's bar are leads",
		   widths[i]);
		free(t);
		rdoc_free(&d);
	}
	free(first);
	rblocks_free(&b);
}

/* The article as text (y, Y, |) and as Markdown (w). */
static void
test_text(void)
{
	static const char html[] =
		"<p>第一段，<a href=\"/a.html\">链接</a>。</p><h2>小标题</h2>"
		"<blockquote>引文</blockquote><ul><li>条目一</li></ul>"
		"<img src=\"/p.jpg\" alt=\"园区\"><hr><p>末段\x1b[31m红\x1b[0m</p>";
	struct article a = { .url = "http://x.example/n/1.html", .title = "标题\x1b]52;c;x\x07",
	                     .time_text = "2025-01-06 09:00", .source = "新华社", .author = "张三",
	                     .editor = "李四", .comments = -1 };
	struct rblocks b = { 0 };
	char *md, *plain;

	if (render_blocks(html, strlen(html), a.url, &b, NULL) < 0) {
		ok(0, "the body is read");
		return;
	}
	md = render_text(&a, &b, 1);
	plain = render_text(&a, &b, 0);
	is_str(md, "# 标题\n\n2025-01-06 09:00  Source: 新华社  Author: 张三  \n"
	       "<http://x.example/n/1.html>\n\n第一段，链接[1]。\n\n### 小标题\n\n> 引文\n\n"
	       "- 条目一\n\n![[图: 园区][2]](http://x.example/p.jpg)\n\n---\n\n末段[31m红[0m\n\n"
	       "(Editor: 李四)\n\n[1]: http://x.example/a.html\n[2]: http://x.example/p.jpg\n",
	       "Markdown: the title a heading, the meta line, the address, the blocks, the links");
	is_str(plain, "标题\n\n2025-01-06 09:00  Source: 新华社  Author: 张三\n"
	       "http://x.example/n/1.html\n\n第一段，链接[1]。\n\n小标题\n\n引文\n\n"
	       "• 条目一\n\n[图: 园区][2]\n\n――――――\n\n末段[31m红[0m\n\n(Editor: 李四)\n\n"
	       "[1] http://x.example/a.html\n[2] http://x.example/p.jpg\n",
	       "as text: the same without Markdown's marks");
	ok(strchr(md, '\x1b') == NULL && strchr(plain, '\x1b') == NULL && strchr(md, '\x07') == NULL,
	   "no escape of the page reaches a terminal it is pasted or piped to");
	free(md);
	free(plain);
	rblocks_free(&b);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_text();
	test_pager_contract();
	test_blocks();
	test_layout();
	test_hand_blocks();
	test_pictures();
	test_meta();
	test_whole_article();
	test_controls();
	test_malformed();
	test_deep();
	test_tiny_widths();
	test_sample();
	return done_testing();
}
