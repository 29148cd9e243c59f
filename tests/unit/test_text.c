/* test_text.c: widths, sanitizing, fitting and Chinese line breaking. */
#include "config.h"

#include <dlfcn.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <unicode/uchar.h>

#include "tap.h"
#include "text.h"
#include "util.h"

#define AMB2 (1 << 8)   /* test-only flag: ambiguous width 2 */
#define T10  "天天天天天天天天天天"

/* ---- layout ------------------------------------------------------------ */

struct layout_case {
	const char *name;
	int width;
	int flags;          /* TEXT_INDENT, AMB2 */
	const char *in;
	const char *want[8];
};

/* Each expected layout was worked out by hand from the rules: a CJK
 * character is 2 columns, ASCII 1, “ ” … — · ① 1 (2 with AMB2). */
static const struct layout_case layouts[] = {
	{ "a short line stays as it is", 20, 0,
	  "你好，世界", { "你好，世界" } },
	{ "a comma never starts a line: the character before goes down", 10, 0,
	  "一二三四五，六七八", { "一二三四", "五，六七八" } },
	{ "a full stop never starts a line at an odd width", 9, 0,
	  "春眠不觉。处处闻啼鸟", { "春眠不", "觉。处处", "闻啼鸟" } },
	{ "a closing quote never starts a line", 9, 0,
	  "我说“你好”。", { "我说“你", "好”。" } },
	{ "an opening quote never ends a line", 10, 0,
	  "我们都说“你好”", { "我们都说", "“你好”" } },
	{ "a quoted phrase may break inside, not at its marks", 10, 0,
	  "他说“我们走吧”。", { "他说“我们", "走吧”。" } },
	{ "an opening book-title mark goes down with the title", 9, 0,
	  "阅读新书《三体》", { "阅读新书", "《三体》" } },
	{ "a closing book-title mark takes a character with it", 9, 0,
	  "《三体问》", { "《三体", "问》" } },
	{ "a book title that ends at the margin stays on its line", 10, 0,
	  "读《三体》好书", { "读《三体》", "好书" } },
	{ "a book title that would straddle the margin moves down whole", 12, 0,
	  "我们读完了《三体》", { "我们读完了", "《三体》" } },
	{ "a comma after a book title goes down with it", 14, 0,
	  "我们都读完了《三体》，好", { "我们都读完了", "《三体》，好" } },
	{ "a book title breaks inside rather than leave a line 8 of 14 columns short",
	  14, 0, "我读了《三体问题》很好", { "我读了《三体问", "题》很好" } },
	{ "at width 40 a line may end 4 columns short to keep a title whole", 40, 0,
	  "这是一段很长的新闻报道内容它提到了的《科学技术进步法》",
	  { "这是一段很长的新闻报道内容它提到了的", "《科学技术进步法》" } },
	{ "at width 40 not 6 columns short: the title breaks inside", 40, 0,
	  "这是一段很长的新闻报道内容提到了的《科学技术进步法》",
	  { "这是一段很长的新闻报道内容提到了的《科学", "技术进步法》" } },
	{ "a book title that fits but not with its comma breaks as text", 12, 0,
	  "我读了《三体问题》，很好", { "我读了《三体", "问题》，很好" } },
	{ "a book title longer than the line breaks, not after 《 or before 》",
	  8, 0, "看看看看《中华人民共和国》",
	  { "看看看看", "《中华人", "民共和", "国》" } },
	{ "a title in 〈〉 moves down whole too", 12, 0,
	  "我们读完了〈三体〉", { "我们读完了", "〈三体〉" } },
	{ "a title nested in a title that fits moves down with it", 20, 0,
	  "他们都曾经推荐过了《论〈三体〉的结构》一文",
	  { "他们都曾经推荐过了", "《论〈三体〉的结构》", "一文" } },
	{ "a short title nested in a long one holds, the long one breaks", 14, 0,
	  "他推荐过《论〈三体〉的结构》一文",
	  { "他推荐过《论", "〈三体〉的结", "构》一文" } },
	{ "an unclosed 《 is ordinary text", 14, 0,
	  "我读了《三体问题很好", { "我读了《三体问", "题很好" } },
	{ "a book title of 30 characters holds", 70, 0,
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二《" T10 T10 T10 "》",
	  { "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二", "《" T10 T10 T10 "》" } },
	{ "a book title of 31 characters is ordinary text", 70, 0,
	  "一二三四《" T10 T10 T10 "天》",
	  { "一二三四《" T10 T10 T10, "天》" } },
	{ "fullwidth parentheses keep to their text", 10, 0,
	  "网联科技（院士）团队", { "网联科技", "（院士）团", "队" } },
	{ "lenticular brackets keep to their text", 9, 0,
	  "看【新闻】标题", { "看【新", "闻】标题" } },
	{ "an ellipsis …… never splits or starts a line", 9, 0,
	  "他想了想……然后走了", { "他想了", "想……然后", "走了" } },
	{ "a dash —— never splits", 9, 0,
	  "我们一起——去吧", { "我们一起", "——去吧" } },
	{ "a middle dot never starts a line", 9, 0,
	  "a我读了马·吐温", { "a我读了", "马·吐温" } },
	{ "a decimal number stays whole", 9, 0,
	  "资金完成69.1亿元", { "资金完成", "69.1亿元" } },
	{ "a negative percentage stays whole", 10, 0,
	  "同比下降-3.5%左右", { "同比下降", "-3.5%左右" } },
	{ "a percent sign stays with its number", 9, 0,
	  "利润增长35%以上", { "利润增长", "35%以上" } },
	{ "a fullwidth year stays whole", 10, 0,
	  "今年是２０２４年", { "今年是", "２０２４年" } },
	{ "a Latin word inside Chinese stays whole", 12, 0,
	  "我们使用Linux系统", { "我们使用", "Linux系统" } },
	{ "English wraps at spaces and the spaces vanish", 12, 0,
	  "the quick brown fox jumps", { "the quick", "brown fox", "jumps" } },
	{ "several spaces at a break all vanish", 9, 0,
	  "hello     world", { "hello", "world" } },
	{ "spaces inside a line are kept", 20, 0,
	  "a  b", { "a  b" } },
	{ "a word longer than the line is cut to fill lines", 10, 0,
	  "ab Supercalifragilistic",
	  { "ab Superca", "lifragilis", "tic" } },
	{ "a URL that fits a line moves down whole", 30, 0,
	  "详见 https://www.example.com/a/b 网页",
	  { "详见", "https://www.example.com/a/b 网", "页" } },
	{ "a URL longer than a line breaks after / ? & =", 20, 0,
	  "网址：https://www.example.com/news/2024/list?page=2&sort=new",
	  { "网址：https://", "www.example.com/", "news/2024/list?page=",
	    "2&sort=new" } },
	{ "a URL segment longer than a line is cut to fill lines", 20, 0,
	  "http://x.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/b",
	  { "http://x.com/aaaaaaa", "aaaaaaaaaaaaaaaaaaaa", "aaa/b" } },
	{ "halfwidth punctuation from the site: comma after Chinese", 16, 0,
	  "今年1至5月,贵阳高新区新引进产业项目",
	  { "今年1至5月,贵阳", "高新区新引进产业", "项目" } },
	{ "a halfwidth comma never starts a line", 10, 0,
	  "贵阳高新区,很好", { "贵阳高新", "区,很好" } },
	{ "halfwidth parentheses in Chinese text", 12, 0,
	  "网联科技(院士)团队", { "网联科技(院", "士)团队" } },
	{ "Latin abbreviations and brackets in Chinese text", 16, 0,
	  "MES管理系统、BSG(启发一体机)控制器",
	  { "MES管理系统、", "BSG(启发一体机)", "控制器" } },
	{ "an emoji is two columns", 9, 0,
	  "好👍好👍好👍", { "好👍好👍", "好👍" } },
	{ "a family emoji (ZWJ sequence) is three emoji, 6 columns, as terminals draw them", 9, 0,
	  "一家👨‍👩‍👧人很好", { "一家👨👩", "👧人很好" } },
	{ "a flag is one two-column character", 9, 0,
	  "中国🇨🇳加油啊", { "中国🇨🇳加", "油啊" } },
	{ "combining accents add no width", 9, 0,
	  "cafe\xcc\x81 re\xcc\x81sume\xcc\x81 nai\xcc\x88ve",
	  { "cafe\xcc\x81", "re\xcc\x81sume\xcc\x81", "nai\xcc\x88ve" } },
	{ "ambiguous 1: quotes are one column", 9, 0,
	  "他说“我们走吧”。", { "他说“我们", "走吧”。" } },
	{ "ambiguous 2: quotes are two columns", 9, AMB2,
	  "他说“我们走吧”。", { "他说“我", "们走", "吧”。" } },
	{ "ambiguous 1: …… and —— are two columns each", 10, 0,
	  "等等……好——吧", { "等等……好——", "吧" } },
	{ "ambiguous 2: …… and —— are four columns each", 10, AMB2,
	  "等等……好——吧", { "等等……好", "——吧" } },
	{ "ambiguous 1: circled numbers are one column", 9, 0,
	  "①苹果②香蕉", { "①苹果②香", "蕉" } },
	{ "ambiguous 2: circled numbers are two columns", 9, AMB2,
	  "①苹果②香蕉", { "①苹果②", "香蕉" } },
	{ "invalid UTF-8 shows as U+FFFD and nothing is lost", 9, 0,
	  "好好\xff好好\xe4\xb8好", { "好好\xef\xbf\xbd好好", "\xef\xbf\xbd好" } },
	{ "a clear-screen escape is removed whole", 20, 0,
	  "标题\x1b[2J\x1b[31m红色\x1b[0m完", { "标题红色完" } },
	{ "an escape decoded from &#27;[2J is removed whole", 20, 0,
	  "\x1b[2J清屏", { "清屏" } },
	{ "a literal &#27;[2J and & stay text", 20, 0,
	  "A&B &#27;[2J", { "A&B &#27;[2J" } },
	{ "a terminal-title escape is removed", 20, 0,
	  "新\x1b]0;pwned\x07闻", { "新闻" } },
	{ "bidi overrides are removed", 20, 0,
	  "abc\xe2\x80\xae" "def\xe2\x81\xa6g\xe2\x81\xa9\xe2\x80\x8fh",
	  { "abcdefgh" } },
	{ "a tab is a space", 20, 0, "a\tb", { "a b" } },
	{ "a newline inside a paragraph forces a break", 20, 0,
	  "第一行\n第二行", { "第一行", "第二行" } },
	{ "CR LF is one break and a final newline adds nothing", 20, 0,
	  "甲\r\n乙\n", { "甲", "乙" } },
	{ "an empty paragraph is one empty line", 20, 0, "", { "" } },
	{ "TEXT_INDENT: two ideographic spaces replace the page's spaces", 20,
	  TEXT_INDENT, "  今天天气很好。", { "　　今天天气很好。" } },
	{ "TEXT_INDENT: the page's own U+3000 indent is kept as two", 20,
	  TEXT_INDENT, "　今天天气很好。", { "　　今天天气很好。" } },
	{ "without TEXT_INDENT a no-break-space indent is dropped", 20, 0,
	  "\xc2\xa0\xc2\xa0今天天气很好。", { "今天天气很好。" } },
	{ "the indent counts toward the first line", 12, TEXT_INDENT,
	  "今天天气很好我们去公园", { "　　今天天气", "很好我们去公", "园" } },
	{ "an article paragraph at width 80 fills to the margin", 80,
	  TEXT_INDENT,
	  "  “三杨”都是党员,那种肯钻研、不怕吃苦的工作作风和工匠精神激励着雅光"
	  "的每个后来人。技术团队也从过去的一个变成三个——李泽宏教授团队、网联科技"
	  "(院士)团队、“杨”团队。",
	  { "　　“三杨”都是党员,那种肯钻研、不怕吃苦的工作作风和工匠精神激励着雅光"
	    "的每个后来",
	    "人。技术团队也从过去的一个变成三个——李泽宏教授团队、网联科技(院士)"
	    "团队、“杨”团",
	    "队。" } },
	{ "an article paragraph at width 40 with Latin and brackets", 40,
	  TEXT_INDENT,
	  "  通过发挥党员的模范带头作用,近年来团队还研发出MES管理系统、BSG(启发一"
	  "体机)控制器生产线等并获得多项自主核心知识产权,成为通用、吉利、长安、东"
	  "风、比亚迪等品牌的供应商,产品销往欧洲、北美、南美、东南亚、中东等地。",
	  { "　　通过发挥党员的模范带头作用,近年来团",
	    "队还研发出MES管理系统、BSG(启发一体机)控",
	    "制器生产线等并获得多项自主核心知识产权,",
	    "成为通用、吉利、长安、东风、比亚迪等品牌",
	    "的供应商,产品销往欧洲、北美、南美、东南",
	    "亚、中东等地。" } },
};

static char *
join_lines(const struct text_lines *l)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (i = 0; i < l->n; i++)
		buf_addf(&b, "%s[%s]", i ? " " : "", l->v[i]);
	return buf_steal(&b, NULL);
}

static char *
join_want(const char *const *want)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (i = 0; want[i]; i++)
		buf_addf(&b, "%s[%s]", i ? " " : "", want[i]);
	return buf_steal(&b, NULL);
}

static void
test_layouts(void)
{
	size_t i, j;

	for (i = 0; i < ARRAY_LEN(layouts); i++) {
		const struct layout_case *c = &layouts[i];
		struct text_lines tl = { 0 };
		char *got, *want;
		int wide = 0;

		text_set_ambiguous_width(c->flags & AMB2 ? 2 : 1);
		text_wrap(c->in, strlen(c->in), c->width, c->flags & ~AMB2, &tl);
		for (j = 0; j < tl.n; j++)
			wide |= text_width(tl.v[j], strlen(tl.v[j])) > c->width;
		got = join_lines(&tl);
		want = join_want(c->want);
		if (!is_str(got, want, "layout at width %d: %s", c->width, c->name))
			printf("#   (%s)\n", wide ? "a line is too wide" : "widths ok");
		free(got);
		free(want);
		text_lines_free(&tl);
	}
	text_set_ambiguous_width(1);
}

/* Narrow edges: a character wider than the line stands alone. */
static void
test_narrow(void)
{
	static const struct {
		const char *name;
		int width;
		const char *in, *want;
	} cases[] = {
		{ "width 1: each CJK character on its own line", 1,
		  "中文a", "[中] [文] [a]" },
		{ "width 0 counts as 1", 0, "ab", "[a] [b]" },
		{ "width 4: a comma stays with the character before it", 4,
		  "中，文", "[中，] [文]" },
		{ "width 3: an indent is skipped when the line is too narrow", 3,
		  "  ab", "[ab]" },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct text_lines tl = { 0 };
		char *got;

		text_wrap(cases[i].in, strlen(cases[i].in), cases[i].width,
		          TEXT_INDENT, &tl);
		got = join_lines(&tl);
		is_str(got, cases[i].want, "%s", cases[i].name);
		free(got);
		text_lines_free(&tl);
	}
}

/* ---- sanitizing ---------------------------------------------------------- */

static void
test_sanitize(void)
{
	static const struct {
		const char *name;
		int flags;
		const char *in;
		size_t len;     /* 0: strlen */
		const char *want;
	} cases[] = {
		{ "clean text is unchanged", 0, "中文 abc &amp; 👍", 0,
		  "中文 abc &amp; 👍" },
		{ "an invalid byte becomes U+FFFD", 0, "a\xff" "b", 0,
		  "a\xef\xbf\xbd" "b" },
		{ "a truncated character becomes one U+FFFD", 0, "\xe4\xb8", 0,
		  "\xef\xbf\xbd" },
		{ "an overlong encoding becomes U+FFFD per byte", 0, "\xc0\xaf", 0,
		  "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "an encoded surrogate becomes U+FFFD per byte", 0,
		  "\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "a clear-screen CSI is removed whole", 0, "a\x1b[2Jb", 0, "ab" },
		{ "color escapes are removed whole", 0, "\x1b[1;31mred\x1b[0m", 0,
		  "red" },
		{ "a private-mode CSI is removed whole", 0, "x\x1b[?1049hy", 0,
		  "xy" },
		{ "an OSC title ending in BEL is removed", 0,
		  "x\x1b]0;pwned\x07y", 0, "xy" },
		{ "an OSC hyperlink ending in ST is removed, its text kept", 0,
		  "x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y", 0, "xlinky" },
		{ "an unterminated OSC ends at the newline", TEXT_KEEP_NL,
		  "a\x1b]0;evil\nb", 0, "a\nb" },
		{ "a DCS string is removed", 0, "a\x1bPq#0;2;0;0;0\x1b\\b", 0, "ab" },
		{ "a C1 CSI (U+009B) sequence is removed whole", 0,
		  "x\xc2\x9b" "2Jy", 0, "xy" },
		{ "other C1 controls are removed", 0, "x\xc2\x80y\xc2\x9a", 0, "xy" },
		{ "a charset escape is removed", 0, "a\x1b(Bb", 0, "ab" },
		{ "a lone ESC at the end is removed", 0, "a\x1b", 0, "a" },
		{ "bidi controls are removed", 0,
		  "a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xe2\x81\xa9" "d\xe2\x80\x8e"
		  "e\xe2\x80\x8f" "f\xd8\x9cg", 0, "abcdefg" },
		{ "C0 controls and DEL are removed", 0, "a\x01\x07\x08\x7f" "b", 0,
		  "ab" },
		{ "a NUL byte is removed", 0, "a\0b", 3, "ab" },
		{ "a tab is a space unless kept", 0, "a\tb", 0, "a b" },
		{ "a tab is kept with TEXT_KEEP_TAB", TEXT_KEEP_TAB, "a\tb", 0,
		  "a\tb" },
		{ "newlines are spaces unless kept", 0, "a\nb\r\nc\rd", 0,
		  "a b c d" },
		{ "newlines are kept with TEXT_KEEP_NL, CR LF as one", TEXT_KEEP_NL,
		  "a\nb\r\nc\rd", 0, "a\nb\nc\nd" },
		{ "a line separator is a newline", TEXT_KEEP_NL,
		  "a\xe2\x80\xa8" "b", 0, "a\nb" },
		{ "an unassigned character is replaced", 0, "a\xcd\xb8" "b", 0,
		  "a\xef\xbf\xbd" "b" },
		{ "a noncharacter is replaced", 0, "\xef\xbf\xbe", 0,
		  "\xef\xbf\xbd" },
		{ "a byte order mark is removed", 0, "\xef\xbb\xbf" "abc", 0, "abc" },
		{ "flags and marks are kept", 0,
		  "🇨🇳e\xcc\x81\xe0\xa4\x95\xe0\xa4\xbe", 0, "🇨🇳e\xcc\x81\xe0\xa4\x95\xe0\xa4\xbe" },
		{ "an emoji joiner goes: terminals draw a family as 2 or 6 columns", 0,
		  "👨‍👩‍👧", 0, "👨👩👧" },
		{ "skin tones and VS15/VS16 go: terminals disagree on their widths", 0,
		  "👍🏽❤️⌚︎", 0, "👍❤⌚" },
		{ "a keycap keeps its digit and U+20E3", 0,
		  "1\xef\xb8\x8f\xe2\x83\xa3", 0, "1\xe2\x83\xa3" },
		{ "a joiner between letters stays", 0,
		  "\xe0\xa4\x95\xe2\x80\x8d\xe0\xa4\xb7", 0, "\xe0\xa4\x95\xe2\x80\x8d\xe0\xa4\xb7" },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
		char *got = text_sanitize(cases[i].in, len, cases[i].flags);

		is_str(got, cases[i].want, "sanitize: %s", cases[i].name);
		free(got);
	}
	/* Every C0 and C1 control and DEL, alone between two letters: never
	 * passed on; outside escape sequences, a space (tab, LF, VT, FF, CR) or
	 * gone, as text.h says. */
	unsigned passed_on = 0;

	for (unsigned c = 0x01; c <= 0x9F; c++) {
		char in[8], *got;
		int bad = 0;

		if (c >= 0x20 && c < 0x7F)
			continue;
		if (c < 0x80)
			snprintf(in, sizeof in, "a%cb", (int)c);
		else
			snprintf(in, sizeof in, "a%c%cb", 0xC2, (int)c);
		got = text_sanitize(in, strlen(in), 0);
		for (const unsigned char *p = (const unsigned char *)got; *p != '\0'; p++)
			bad |= *p < 0x20 || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F);
		if (c < 0x80 && c != 0x1B)
			bad |= strcmp(got, c >= 0x09 && c <= 0x0D ? "a b" : "ab") != 0;
		if ((bad || got[0] != 'a') && passed_on == 0)
			passed_on = c;
		free(got);
	}
	ok(passed_on == 0, "sanitize: no C0 or C1 control, nor DEL, is passed on or shown%s%.0X",
	   passed_on ? ": U+" : "", passed_on);
}

/* ---- widths ---------------------------------------------------------------- */

static void
test_widths(void)
{
	static const struct {
		const char *name;
		const char *in;
		int amb1, amb2;
	} cases[] = {
		{ "ASCII", "hello", 5, 5 },
		{ "Chinese", "中文", 4, 4 },
		{ "fullwidth digits", "２０２４", 8, 8 },
		{ "ideographic space", "\xe3\x80\x80", 2, 2 },
		{ "thumbs up", "👍", 2, 2 },
		{ "thumbs up with skin tone", "👍🏽", 2, 2 },
		{ "family (ZWJ sequence): three emoji", "👨‍👩‍👧", 6, 6 },
		{ "a heart with VS16: as without", "❤️", 1, 1 },
		{ "a letter with a spacing mark: both", "\xe0\xa4\x95\xe0\xa4\xbe", 2, 2 },
		{ "flag", "🇨🇳", 2, 2 },
		{ "two flags", "🇨🇳🇺🇸", 4, 4 },
		{ "combining accent", "e\xcc\x81", 1, 1 },
		{ "Hangul jamo syllable", "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", 2, 2 },
		{ "keycap", "1\xef\xb8\x8f\xe2\x83\xa3", 1, 1 },
		{ "curly quotes", "“”‘’", 4, 8 },
		{ "ellipsis, dash, middle dot, circled one", "…—·①", 4, 8 },
		{ "an invalid byte counts as U+FFFD", "\xff", 1, 2 },
		{ "a control character counts nothing", "\x01", 0, 0 },
		{ "a combining mark with no base", "\xcc\x81", 0, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		size_t len = strlen(cases[i].in);

		text_set_ambiguous_width(1);
		is_int(text_width(cases[i].in, len), cases[i].amb1,
		       "width, ambiguous 1: %s", cases[i].name);
		text_set_ambiguous_width(2);
		is_int(text_width(cases[i].in, len), cases[i].amb2,
		       "width, ambiguous 2: %s", cases[i].name);
	}
	text_set_ambiguous_width(1);
	is_int(text_ambiguous_width(), 1, "ambiguous width is 1 by default");
}

/* wcwidth() as ncurses sees it must be glibc's, ambiguous setting aside. */
static void
test_wcwidth(void)
{
	int (*libc)(wchar_t) = (int (*)(wchar_t))dlsym(RTLD_NEXT, "wcwidth");
	static const wchar_t amb[] = { 0x201C, 0x2026, 0x2014, 0x00B7, 0x2460 };
	static const wchar_t s[] = { 0x4E2D, 0x201C, L'a', 0x0301, 0 };
	long bad = 0, first = -1;
	wchar_t c;
	size_t i;
	int all2 = 1;

	ok(libc != NULL && libc != wcwidth, "the C library's wcwidth is found");
	text_set_ambiguous_width(1);
	for (c = 0; libc && c <= 0x10FFFF; c++) {
		if (wcwidth(c) != libc(c)) {
			if (first < 0)
				first = c;
			bad++;
		}
	}
	if (!is_int(bad, 0, "wcwidth agrees with glibc on every code point"))
		printf("#   first difference at U+%04lX\n", first);
	text_set_ambiguous_width(2);
	for (i = 0; i < ARRAY_LEN(amb); i++)
		all2 &= wcwidth(amb[i]) == 2;
	ok(all2, "ambiguous 2: wcwidth gives “ … — · ① two columns");
	is_int(wcwidth(0x0301), 0, "ambiguous 2: a combining mark stays zero");
	is_int(wcswidth(s, 10), 5, "ambiguous 2: wcswidth sums the same way");
	text_set_ambiguous_width(1);
	is_int(wcswidth(s, 10), 4, "ambiguous 1: wcswidth sums glibc widths");
	is_int(wcwidth(0x1B), -1, "wcwidth rejects ESC as glibc does");
}

/* ---- fit and cell ------------------------------------------------------- */

static void
test_fit(void)
{
	static const struct {
		const char *name;
		const char *in;
		int cols;
		size_t bytes;
		int used;
	} cases[] = {
		{ "a wide character that does not fit is left out", "中文", 3, 3, 2 },
		{ "an accent stays with its letter", "e\xcc\x81x", 1, 3, 1 },
		{ "a flag that does not fit is left out whole", "🇨🇳", 1, 0, 0 },
		{ "everything fits", "ab中", 10, 5, 4 },
		{ "nothing fits in zero columns", "ab", 0, 0, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		int used = -1;
		size_t n = text_fit(cases[i].in, strlen(cases[i].in), cases[i].cols,
		                    &used);

		ok(n == cases[i].bytes && used == cases[i].used,
		   "fit: %s", cases[i].name);
	}
}

static void
test_cell(void)
{
	static const struct {
		const char *name;
		int cols, flags, amb;
		const char *in, *want;
	} cases[] = {
		{ "a short title is padded", 8, 0, 1, "abc", "abc     " },
		{ "right alignment pads on the left", 6, TEXT_ALIGN_RIGHT, 1, "12",
		  "    12" },
		{ "a long title is cut with an ellipsis", 7, 0, 1, "中文标题很长",
		  "中文标…" },
		{ "a wide character at the edge becomes a space", 6, 0, 1,
		  "中文标题很长", "中文… " },
		{ "no ellipsis when asked", 5, TEXT_NO_ELLIPSIS, 1, "中文标题",
		  "中文 " },
		{ "an exact fit is unchanged", 4, 0, 1, "中文", "中文" },
		{ "ambiguous 2: the ellipsis takes two columns", 6, 0, 2,
		  "中文标题很长", "中文…" },
		{ "ambiguous 2: no room for the ellipsis", 1, 0, 2, "中文", " " },
		{ "zero columns is empty", 0, 0, 1, "abc", "" },
		{ "escapes are removed before fitting", 5, 0, 1, "a\x1b[31mb",
		  "ab   " },
		{ "a newline in a title is a space", 5, 0, 1, "a\nb", "a b  " },
		{ "accents stay with their letters", 3, 0, 1,
		  "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e", "e\xcc\x81" "e\xcc\x81…" },
		{ "right-aligned and cut", 5, TEXT_ALIGN_RIGHT, 1, "abcdefg",
		  "abcd…" },
		{ "an emoji is not split", 4, 0, 1, "a👍👍", "a👍…" },
		{ "NULL is an empty cell", 3, 0, 1, NULL, "   " },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		char *got;

		text_set_ambiguous_width(cases[i].amb);
		got = text_cell(cases[i].in, cases[i].cols, cases[i].flags);
		is_str(got, cases[i].want, "cell: %s", cases[i].name);
		free(got);
	}
	text_set_ambiguous_width(1);
}

/* ---- clusters and breaks ------------------------------------------------ */

static void
test_clusters(void)
{
	static const struct {
		const char *name;
		const char *s;
		size_t next0, prev_end;
	} cases[] = {
		{ "an accent is part of its letter", "e\xcc\x81x", 3, 3 },
		{ "two flags are two clusters", "🇨🇳🇺🇸", 8, 8 },
		{ "a family emoji is one cluster", "👨‍👩‍👧", 18, 0 },
		{ "CR LF is one cluster", "\r\nx", 2, 2 },
		{ "Chinese characters are one cluster each", "中文", 3, 3 },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		size_t len = strlen(cases[i].s);

		ok(text_cluster_next(cases[i].s, len, 0) == cases[i].next0 &&
		   text_cluster_prev(cases[i].s, len, len) == cases[i].prev_end,
		   "clusters: %s", cases[i].name);
	}
}

static void
test_breaks(void)
{
	static const struct {
		const char *name;
		const char *s;
		const char *want;
	} cases[] = {
		{ "between Chinese characters, not before a comma",
		  "中文，好", "3 9" },
		{ "after spaces in English", "ab cd", "3" },
		{ "not inside a URL", "见https://a.b/c 好", "3 17" },
		{ "not inside a number", "共69.1亿", "3 7" },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		size_t off[16], n = text_breaks(cases[i].s, strlen(cases[i].s), off,
		                                ARRAY_LEN(off)), j;
		struct buf b;

		buf_init(&b, 0);
		buf_add(&b, "", 0);
		for (j = 0; j < n && j < ARRAY_LEN(off); j++)
			buf_addf(&b, "%s%zu", j ? " " : "", off[j]);
		is_str(b.data, cases[i].want, "breaks: %s", cases[i].name);
		buf_free(&b);
	}
}

/* ---- GraphemeBreakTest.txt ------------------------------------------------ */

struct gb_stats {
	long lines, failed, skipped;
	char classes[64][48];
	long class_n[64];
	int nclasses;
};

static const char *
gcb_name(uint32_t c)
{
	int v = u_getIntPropertyValue((UChar32)c, UCHAR_GRAPHEME_CLUSTER_BREAK);
	const char *n = u_getPropertyValueName(UCHAR_GRAPHEME_CLUSTER_BREAK, v,
	                                       U_SHORT_PROPERTY_NAME);

	return n ? n : "?";
}

static void
gb_fail(struct gb_stats *st, uint32_t a, uint32_t b, const char *line)
{
	char cls[48];
	int i;

	snprintf(cls, sizeof cls, "%s x %s", gcb_name(a), gcb_name(b));
	st->failed++;
	for (i = 0; i < st->nclasses; i++)
		if (strcmp(st->classes[i], cls) == 0)
			break;
	if (i == st->nclasses && i < 64) {
		snprintf(st->classes[i], sizeof st->classes[i], "%s", cls);
		st->class_n[i] = 0;
		printf("#   first in class %s: %s", cls, line);
		st->nclasses++;
	}
	if (i < 64)
		st->class_n[i]++;
}

/* One test line: builds the string, compares the boundaries. */
static void
gb_line(struct gb_stats *st, const char *line)
{
	char s[256];
	size_t len = 0, want[64], nw = 0, k, p;
	uint32_t cps[64], ncp = 0;
	const char *q = line;
	int bad = 0;

	while (*q && *q != '#') {
		if (strncmp(q, "\xc3\xb7", 2) == 0) {          /* ÷ */
			if (len > 0)
				want[nw++] = len;
			q += 2;
		} else if (strncmp(q, "\xc3\x97", 2) == 0) {   /* × */
			q += 2;
		} else if ((*q >= '0' && *q <= '9') || (*q >= 'A' && *q <= 'F')) {
			uint32_t c = (uint32_t)strtoul(q, (char **)&q, 16);
			mbstate_t ms = { 0 };
			size_t n = wcrtomb(s + len, (wchar_t)c, &ms);

			if (n == (size_t)-1 || ncp >= 64) {
				st->skipped++;
				return;
			}
			cps[ncp++] = c;
			len += n;
		} else {
			q++;
		}
	}
	if (len == 0)
		return;
	st->lines++;
	for (k = 0, p = 0; k < nw && !bad; k++) {
		p = text_cluster_next(s, len, p);
		bad = p != want[k];
	}
	for (k = nw - 1, p = len; k > 0 && !bad; k--) {
		p = text_cluster_prev(s, len, p);
		bad = p != want[k - 1];
	}
	if (bad)
		gb_fail(st, cps[0], ncp > 1 ? cps[1] : 0, line);
}

static void
test_grapheme_file(void)
{
	const char *path = "/usr/share/unicode/auxiliary/GraphemeBreakTest.txt";
	FILE *f = fopen(path, "r");
	struct gb_stats st = { 0 };
	char line[4096];
	int i;

	if (!f) {
		printf("ok %d # SKIP %s missing (install unicode-data)\n", ++tap_n,
		       path);
		return;
	}
	while (fgets(line, sizeof line, f))
		if (line[0] != '#')
			gb_line(&st, line);
	fclose(f);
	ok(st.lines > 500 && st.failed == 0,
	   "grapheme clusters agree with all %ld lines of GraphemeBreakTest.txt "
	   "(%ld failed, %ld not representable in UTF-8)", st.lines, st.failed,
	   st.skipped);
	for (i = 0; i < st.nclasses; i++)
		ok(0, "GraphemeBreakTest: %ld failures starting %s", st.class_n[i],
		   st.classes[i]);
}

/* ---- properties over generated text -------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t
rng(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static const char *
pick(const char *const *v, size_t n)
{
	return v[rng((uint32_t)n)];
}

#define PICK(v) pick(v, ARRAY_LEN(v))

static const char *const han[] = {
	"中", "国", "高", "新", "区", "经", "济", "发", "展", "党", "建", "企",
	"业", "技", "术", "团", "队", "贵", "阳", "科", "创", "产", "品", "市",
};
static const char *const closers[] = { "，", "。", "、", "；", "：", "？", "！" };
static const char *const pairs[] = { "……", "——" };
static const char *const wraps[][2] = {
	{ "“", "”" }, { "‘", "’" }, { "（", "）" },
	{ "「", "」" }, { "『", "』" }, { "【", "】" },
};
static const char *const numbers[] = { "69.1", "-3.5%", "２０２４", "1700",
	                                   "35%" };
static const char *const words[] = { "MES", "BSG", "Linux", "iPhone", "GDP",
	                                 "AI" };
static const char *const others[] = { "👍", "👨‍👩‍👧", "🇨🇳", "e\xcc\x81",
	                                  "·" };

static void
gen_han(struct buf *b)
{
	int n = 1 + (int)rng(6);

	while (n-- > 0)
		buf_adds(b, PICK(han));
}

/* The book titles of the paragraph being generated: bytes [start, end)
 * from the opening to the closing mark, unit: the end of the punctuation
 * that keeps to it. */
struct span {
	size_t start, end, unit;
};

static struct span spans[512];
static size_t nspans;

static struct span *
span_add(size_t start)
{
	static struct span spare;
	struct span *t = nspans < ARRAY_LEN(spans) ? &spans[nspans++] : &spare;

	t->start = start;
	return t;
}

/* 《…》 with Chinese characters inside, sometimes a 〈…〉 in it, sometimes
 * a comma or full stop after it; 1 to 62 characters inside, so some are
 * wider than the line and a few longer than a title that holds. */
static void
gen_title(struct buf *b)
{
	struct span *t = span_add(b->len), *in;
	int n = (int)rng(5);

	buf_adds(b, "《");
	gen_han(b);
	while (n-- > 0) {
		if (rng(3) == 0) {
			in = span_add(b->len);
			buf_adds(b, "〈");
			gen_han(b);
			buf_adds(b, "〉");
			in->end = in->unit = b->len;
		}
		gen_han(b);
	}
	buf_adds(b, "》");
	t->end = b->len;
	if (rng(3) == 0)
		buf_adds(b, PICK(closers));
	t->unit = b->len;
}

/* Dense text: no spaces, no unit wider than 8 columns but book titles. */
static void
gen_dense(struct buf *b, int pieces)
{
	while (pieces-- > 0) {
		int k = (int)rng(10);

		gen_han(b);
		if (k == 0)
			buf_adds(b, PICK(pairs));
		else if (k == 1) {
			int w = (int)rng(ARRAY_LEN(wraps));

			buf_adds(b, wraps[w][0]);
			gen_han(b);
			buf_adds(b, wraps[w][1]);
		} else if (k == 2)
			buf_adds(b, PICK(numbers));
		else if (k == 3)
			buf_adds(b, PICK(words));
		else if (k == 4)
			buf_adds(b, PICK(others));
		else if (k == 5)
			gen_title(b);
		if (rng(3) == 0) {
			gen_han(b);
			buf_adds(b, PICK(closers));
		}
	}
}

/* Mixed text: adds spaces, English, URLs and long words. */
static void
gen_mixed(struct buf *b, int pieces)
{
	static const char *const urls[] = {
		"https://www.chinahightech.com/html/gxq/2022/0704/5647158.html",
		"http://example.com/a?x=1&y=2",
		"www.gov.cn",
	};

	while (pieces-- > 0) {
		int k = (int)rng(8);

		if (k == 0)
			buf_addf(b, " %s ", PICK(urls));
		else if (k == 1)
			buf_adds(b, " the quick brown fox, ");
		else if (k == 2)
			buf_adds(b, "Pneumonoultramicroscopicsilicovolcanoconiosis");
		else
			gen_dense(b, 1);
	}
}

static char *
strip_spaces(const char *s)
{
	char *t = xstrdup(s), *o = t;

	for (; *s; s++)
		if (*s != ' ')
			*o++ = *s;
	*o = '\0';
	return t;
}

static int
starts_with_any(const char *s, const char *set)
{
	size_t n = text_cluster_next(s, strlen(s), 0);
	char one[16];

	if (n == 0 || n >= sizeof one)
		return 0;
	memcpy(one, s, n);
	one[n] = '\0';
	return strstr(set, one) != NULL;
}

static int
ends_with_any(const char *s, const char *set)
{
	size_t len = strlen(s), p = text_cluster_prev(s, len, len);
	char one[16];

	if (len == 0 || len - p >= sizeof one)
		return 0;
	memcpy(one, s + p, len - p);
	one[len - p] = '\0';
	return strstr(set, one) != NULL;
}

struct prop_stats {
	long paras, lost, too_wide, bad_start, bad_end, spaces, not_greedy;
	long titles, titles_split, titles_bad;
	char example[512];
};

static void
prop_note(struct prop_stats *st, long *counter, const char *what,
          const char *para, int width)
{
	if (!st->example[0])
		snprintf(st->example, sizeof st->example, "%s at width %d: %.300s",
		         what, width, para);
	(*counter)++;
}

/* Width of a line plus the first unbreakable piece of the next one. */
static int
greedy_violated(const char *line, const char *next, int width)
{
	size_t off[1], n = text_breaks(next, strlen(next), off, 1);
	size_t first = n ? off[0] : strlen(next);

	return text_width(line, strlen(line)) + text_width(next, first) <= width;
}

/* Bytes of s[0..off) that are not spaces. */
static size_t
nonspace(const char *s, size_t off)
{
	size_t i, n = 0;

	for (i = 0; i < off; i++)
		n += s[i] != ' ';
	return n;
}

static size_t
count_clusters(const char *s, size_t len)
{
	size_t p = 0, n = 0;

	while (p < len) {
		p = text_cluster_next(s, len, p);
		n++;
	}
	return n;
}

/* nonspace() of para[0..off) as text_wrap sees it: sanitized. */
static size_t
nonspace_clean(const char *para, size_t off)
{
	char *c = text_sanitize(para, off, 0);
	size_t n = nonspace(c, strlen(c));

	free(c);
	return n;
}

/* Columns of l up to its first nonsp bytes that are not spaces. */
static int
width_upto(const char *l, size_t nonsp)
{
	size_t i = 0, n = 0;

	while (l[i] != '\0' && n < nonsp)
		n += l[i++] != ' ';
	return text_width(l, i);
}

/* A book title of at most 30 characters that fits a line with its
 * punctuation may have a line end inside it only when moving it down
 * whole would leave its line more than width/10 columns (at least 2)
 * short, as text.h says; bound[] holds where lines end, in bytes of the
 * text without spaces. */
static void
titles_check(struct prop_stats *st, const char *para, int width,
             const struct text_lines *tl, size_t skip, const size_t *bound)
{
	int gap = width / 10 > 2 ? width / 10 : 2;

	for (size_t i = 0; i < nspans && i < ARRAY_LEN(spans); i++) {
		const struct span *t = &spans[i];
		size_t a = nonspace_clean(para, t->start), e = nonspace_clean(para, t->end);
		size_t inside = count_clusters(para + t->start, t->end - t->start);

		if (inside - 2 > 30 ||
		    text_width(para + t->start, t->unit - t->start) > width)
			continue;
		st->titles++;
		for (size_t j = 0; j < tl->n; j++) {
			size_t start = j ? bound[j - 1] : 0;
			int before;

			if (!(bound[j] > a && bound[j] < e))
				continue;
			st->titles_split++;
			before = (j == 0 && skip ? 4 : 0) +
			         width_upto(tl->v[j] + (j == 0 ? skip : 0), a - start);
			if (width - before <= gap)
				prop_note(st, &st->titles_bad, "title split for a small gap",
				          para, width);
			break;
		}
	}
}

static void
prop_check(struct prop_stats *st, const char *para, int width, int flags,
           int dense)
{
	static const char nostart[] = "，。、；：？！”’）》〉」』】…·%";
	static const char noend[] = "“‘（《〈「『【";
	struct text_lines tl = { 0 };
	struct buf all;
	char *a, *b, *clean;
	size_t i, skip = (flags & TEXT_INDENT) ? 6 : 0, *bound;

	st->paras++;
	text_wrap(para, strlen(para), width, flags, &tl);
	bound = xmalloc((tl.n + 1) * sizeof *bound);
	buf_init(&all, 0);
	buf_add(&all, "", 0);
	for (i = 0; i < tl.n; i++) {
		const char *l = tl.v[i] + (i == 0 ? skip : 0);
		size_t len = strlen(tl.v[i]);

		buf_adds(&all, l);
		bound[i] = nonspace(all.data, all.len);
		if (text_width(tl.v[i], len) > width)
			prop_note(st, &st->too_wide, "too wide", para, width);
		if (i > 0 && starts_with_any(l, nostart))
			prop_note(st, &st->bad_start, "bad start", para, width);
		if (i + 1 < tl.n && ends_with_any(l, noend))
			prop_note(st, &st->bad_end, "bad end", para, width);
		if (len && (l[0] == ' ' || tl.v[i][len - 1] == ' '))
			prop_note(st, &st->spaces, "edge space", para, width);
		if (dense && i + 1 < tl.n && greedy_violated(tl.v[i], tl.v[i + 1],
		                                              width))
			prop_note(st, &st->not_greedy, "short line", para, width);
	}
	a = strip_spaces(all.data);
	clean = text_sanitize(para, strlen(para), 0);
	b = strip_spaces(clean);
	free(clean);
	if (strcmp(a, b) != 0)
		prop_note(st, &st->lost, "content changed", para, width);
	else
		titles_check(st, para, width, &tl, skip, bound);
	free(bound);
	free(a);
	free(b);
	buf_free(&all);
	text_lines_free(&tl);
}

static void
test_properties(void)
{
	struct prop_stats st = { 0 };
	int i, cells = 0, cells_bad = 0;

	for (i = 0; i < 1500; i++) {
		struct buf b;
		int width = 10 + (int)rng(71), dense = i % 2 == 0;
		int flags = rng(2) ? TEXT_INDENT : 0;

		text_set_ambiguous_width(rng(2) ? 2 : 1);
		buf_init(&b, 0);
		buf_add(&b, "", 0);
		nspans = 0;
		if (dense)
			gen_dense(&b, 1 + (int)rng(30));
		else
			gen_mixed(&b, 1 + (int)rng(30));
		prop_check(&st, b.data, width, flags, dense);
		for (int k = 0; k < 3; k++) {
			int cols = (int)rng(41), f = (int)rng(4);
			char *c = text_cell(b.data, cols, f);

			cells++;
			cells_bad += text_width(c, strlen(c)) != cols;
			free(c);
		}
		buf_free(&b);
	}
	text_set_ambiguous_width(1);
	if (st.example[0])
		printf("# first problem: %s\n", st.example);
	is_int(st.lost, 0, "generated text: no content lost over %ld paragraphs",
	       st.paras);
	is_int(st.too_wide, 0, "generated text: no line wider than the width");
	is_int(st.bad_start, 0, "generated text: no line starts with ，。”）》…·");
	is_int(st.bad_end, 0, "generated text: no line ends with “（《〈「『【");
	is_int(st.spaces, 0, "generated text: no line starts or ends with a space");
	is_int(st.not_greedy, 0,
	       "generated text: no line shorter than it has to be");
	ok(st.titles > 1000 && st.titles_bad == 0,
	   "generated text: a book title that fits a line is split only to keep "
	   "its line from ending more than width/10 short (%ld of %ld split, "
	   "%ld for less)", st.titles_split, st.titles, st.titles_bad);
	is_int(cells_bad, 0, "generated text: text_cell is always exactly N "
	       "columns (%d cells)", cells);
}

/* Random bytes: never a crash, always valid output of the right width. */
static void
test_garbage(void)
{
	int i, bad = 0;

	for (i = 0; i < 300; i++) {
		char raw[201], *s, *c;     /* text_cell takes a C string */
		size_t n = rng(sizeof raw - 1), k;
		struct text_lines tl = { 0 };
		int width = 1 + (int)rng(30);

		for (k = 0; k < n; k++)
			raw[k] = (char)rng(256);
		raw[n] = '\0';
		s = text_sanitize(raw, n, 0);
		text_wrap(raw, n, width, TEXT_INDENT, &tl);
		for (k = 0; k < tl.n; k++)
			bad += text_width(tl.v[k], strlen(tl.v[k])) > width &&
			       text_cluster_next(tl.v[k], strlen(tl.v[k]), 0) !=
			       strlen(tl.v[k]);
		c = text_cell(raw, width, 0);
		bad += text_width(c, strlen(c)) != width;
		for (k = 0; s[k]; k++)
			bad += (unsigned char)s[k] < 0x20 || s[k] == 0x7f;
		free(c);
		free(s);
		text_lines_free(&tl);
	}
	is_int(bad, 0, "random bytes: sanitized, wrapped and fitted safely");
}

/* ---- no hang -------------------------------------------------------------- */

static void
test_no_hang(void)
{
	static const struct {
		const char *name, *unit;
	} cases[] = {
		{ "100,000 Latin letters", "a" },
		{ "100,000 Chinese characters", "中" },
		{ "100,000 characters of a,a,a", "a," },
		{ "100,000 opening quotes", "“" },
		{ "100,000 emoji", "👍" },
		{ "100,000 unclosed book titles", "《a" },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		size_t ul = strlen(cases[i].unit), n = 100000 / (ul == 2 ? 2 : 1), k;
		char *s = xmalloc(ul * n + 1);
		struct text_lines tl = { 0 };
		double t0;
		int wide = 0;

		for (k = 0; k < n; k++)
			memcpy(s + k * ul, cases[i].unit, ul);
		t0 = tap_now_s();
		text_wrap(s, ul * n, 80, 0, &tl);
		for (k = 0; k < tl.n; k++)
			wide |= text_width(tl.v[k], strlen(tl.v[k])) > 80;
		ok(tap_now_s() - t0 < TAP_HANG_S && !wide && tl.n > 1,
		   "no hang: %s laid out at width 80 in %.0f ms", cases[i].name,
		   (tap_now_s() - t0) * 1e3);
		text_lines_free(&tl);
		free(s);
	}
}

int
main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		printf("# C.UTF-8 locale missing\n");
	test_layouts();
	test_narrow();
	test_sanitize();
	test_widths();
	test_wcwidth();
	test_fit();
	test_cell();
	test_clusters();
	test_breaks();
	test_grapheme_file();
	test_properties();
	test_garbage();
	test_no_hang();
	return done_testing();
}
