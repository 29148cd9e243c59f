/* Unit tests: htmltext (plain text of HTML for feeds and the search index). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "htmltext.h"
#include "tap.h"
#include "util.h"

static const struct {
	const char *name, *html, *text;
	size_t max;
	int cut;
} cases[] = {
	{ "plain text stays",                   "高新区", "高新区", SIZE_MAX, 0 },
	{ "an inline tag keeps a word whole",   "高<b>新</b>区", "高新区", SIZE_MAX, 0 },
	{ "a block tag keeps words apart",      "<p>高新</p><p>区</p>", " 高新  区 ", SIZE_MAX, 0 },
	{ "a line break is a space",            "a<br/>b", "a b", SIZE_MAX, 0 },
	{ "named entities are decoded",         "&ldquo;x&rdquo; &amp; &lt;", "\xe2\x80\x9cx\xe2\x80\x9d & <", SIZE_MAX, 0 },
	{ "numeric references are decoded",     "&#20013;&#x6587;", "中文", SIZE_MAX, 0 },
	{ "a NUL reference is U+FFFD",          "&#0;", "\xef\xbf\xbd", SIZE_MAX, 0 },
	{ "a reference past U+10FFFF is U+FFFD", "&#x110000;", "\xef\xbf\xbd", SIZE_MAX, 0 },
	{ "an unknown entity stays as text",    "&nosuch; &", "&nosuch; &", SIZE_MAX, 0 },
	{ "script and style go with their content",
	  "a<script>var x = '<p>';</script>b<style>p{}</style>c", "abc", SIZE_MAX, 0 },
	{ "an unclosed script ends the text",   "a<script>x", "a", SIZE_MAX, 0 },
	{ "a lone < is text",                   "1 < 2", "1 < 2", SIZE_MAX, 0 },
	{ "cut at max characters",              "一二三四五", "一二三", 3, 1 },
	{ "an entity counts as one character",  "&amp;&amp;&amp;", "&&", 2, 1 },
};

int
main(void)
{
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct buf b;
		int cut = -1;

		buf_init(&b, 0);
		buf_add(&b, "", 0);
		htmltext(&b, cases[i].html, strlen(cases[i].html), cases[i].max, &cut);
		is_str(b.data, cases[i].text, "%s", cases[i].name);
		is_int(cut, cases[i].cut, "%s: cut is %d", cases[i].name, cases[i].cut);
		buf_free(&b);
	}
	return done_testing();
}
