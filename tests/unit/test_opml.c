/* test_opml.c: OPML import and export of feeds, on files shaped like what
 * other readers write, on broken and hostile files, and round trips. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "opml.h"
#include "tap.h"
#include "util.h"

/* The feeds as "URL<TAB>LABEL" lines, "-" for no label. */
static char *
show(const struct opml_feed *v, size_t n)
{
	struct buf b;

	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s\t%s\n", v[i].url, v[i].label ? v[i].label : "-");
	return buf_steal(&b, NULL);
}

static const struct {
	const char *file, *what, *want;
} files[] = {
	{ "newsboat.opml", "a newsboat export: every feed with its title",
	  "https://lwn.net/headlines/rss\tLWN.net\n"
	  "http://www.people.com.cn/rss/politics.xml\t时政新闻--人民网\n"
	  "https://www.solidot.org/index.rss\tSolidot\n" },
	{ "feedly.opml", "a Feedly export: feeds out of their categories, in order",
	  "https://36kr.com/feed\t36氪\n"
	  "https://sspai.com/feed\t少数派\n"
	  "http://feeds.bbci.co.uk/news/world/rss.xml\tBBC News - World\n"
	  "https://news.ycombinator.com/rss\tHacker News\n" },
	{ "nested.opml", "folders in folders are flattened, a feed inside a feed kept",
	  "http://deep.example/rss\tDeep feed\n"
	  "http://a.example/feed\tA feed\n"
	  "http://parent.example/atom.xml\tParent feed\n"
	  "http://child.example/rss\tChild feed\n"
	  "http://last.example/rss\tLast\n" },
	{ "missing-titles.opml", "no title: text is the label; none, blank or the URL itself: no label",
	  "http://text.example/rss\tOnly text\n"
	  "http://nothing.example/rss\t-\n"
	  "http://empty.example/rss\t-\n"
	  "http://blank.example/rss\tText wins over blank title\n"
	  "http://self.example/rss\t-\n" },
	{ "entities.opml", "entities, character references, bare '&' and line breaks read right",
	  "http://e.example/rss?a=1&b=2\tAT&T <News> \"Daily\" 's\n"
	  "http://cn.example/rss\t中文新闻\n"
	  "http://bare.example/rss?a=1&b=2&c\tBare ampersand\n"
	  "http://lines.example/rss\tTwo lines and tabs\n"
	  "http://after.example/rss\tAfter the bare ones & still escaped\n" },
	{ "xxe.opml", "a hostile file: no external or internal entity is expanded",
	  "http://x.example/rss\tab\n"
	  "http://y.example/rss\tfallback\n"
	  "http://z.example/rss\tcd\n" },
	{ "billion-laughs.opml", "billion laughs: nothing expanded, the next feed still read",
	  "http://laughs.example/rss\t-\n"
	  "http://after-laughs.example/rss\tafter\n" },
	{ "schemes.opml", "feed:// becomes http://; file:, javascript:, relative, spaced and repeated URLs are skipped",
	  "http://feed.example/rss\tfeed scheme\n"
	  "https://prefixed.example/rss\tfeed: prefix\n"
	  "https://Upper.example/RSS\tupper case\n"
	  "http://padded.example/rss\tpadded\n"
	  "http://frag.example/rss\tfragment\n"
	  "http://caps.example/rss\tshouting\n" },
	{ "broken.opml", "a file cut short: the feeds before the break are read",
	  "http://first.example/rss\tFirst\n"
	  "http://second.example/rss\tSecond\n"
	  "http://third.example/rss\tThird\n" },
	{ "gb18030.opml", "a GB18030 file is read as its declaration says",
	  "http://www.chinahightech.com/rss.xml\t中国高新网 喆 镕\n" },
};

static void
test_files(void)
{
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		char *path = xasprintf("%s/tests/fixtures/opml/%s", tap_srcdir(), files[i].file);
		struct opml_feed *v = NULL;
		size_t n = 0, len;
		char *text = NULL, *got = NULL;
		struct err e = { "" };
		double t0;

		if (read_file(path, 1 << 20, &text, &len, &e) < 0) {
			ok(0, "%s: %s", files[i].what, e.msg);
			free(path);
			continue;
		}
		t0 = tap_now_s();
		if (opml_parse(text, len, &v, &n, &e) < 0)
			ok(0, "%s: %s", files[i].what, e.msg);
		else
			is_str(got = show(v, n), files[i].want, "%s (%s)", files[i].what,
			       files[i].file);
		ok(tap_now_s() - t0 < TAP_HANG_S, "%s is read without hanging (%.3f s)",
		   files[i].file, tap_now_s() - t0);
		free(got);
		opml_free(v, n);
		free(text);
		free(path);
	}
}

static const struct {
	const char *what, *text, *err;      /* err: NULL if no error expected */
	size_t nfeeds;
} inline_cases[] = {
	{ "an empty file is not OPML", "", "not an OPML file", 0 },
	{ "text is not OPML", "just some words\n", "not an OPML file", 0 },
	{ "an RSS feed is refused as not OPML and named", "<?xml version=\"1.0\"?>"
	  "<rss version=\"2.0\"><channel><title>x</title></channel></rss>", "<rss>", 0 },
	{ "an HTML page is refused", "<html><body><a href=\"http://x/\">x</a></body></html>",
	  "<html>", 0 },
	{ "an OPML file without feeds gives none and no error", "<opml version=\"2.0\"/>",
	  NULL, 0 },
	{ "a file without an XML declaration is read",
	  "<opml><body><outline xmlUrl=\"http://a.example/\"/></body></opml>", NULL, 1 },
	{ "a UTF-8 BOM is accepted", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	  "<opml><body><outline xmlUrl=\"http://a.example/\"/></body></opml>", NULL, 1 },
};

static void
test_inline(void)
{
	for (size_t i = 0; i < ARRAY_LEN(inline_cases); i++) {
		struct opml_feed *v = NULL;
		size_t n = 99;
		struct err e = { "" };
		int rc = opml_parse(inline_cases[i].text, strlen(inline_cases[i].text),
		                    &v, &n, &e);

		if (inline_cases[i].err != NULL)
			ok(rc == -1 && strstr(e.msg, inline_cases[i].err) != NULL && v == NULL &&
			   n == 0, "%s (%s)", inline_cases[i].what, e.msg);
		else
			ok(rc == 0 && n == inline_cases[i].nfeeds, "%s (%zu feeds)",
			   inline_cases[i].what, n);
		opml_free(v, n);
	}
}

/* ---- writing -------------------------------------------------------------- */

static char *
write_mem(const struct opml_feed *v, size_t n, int *rc)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	*rc = opml_write(f, v, n);
	fclose(f);
	return out;
}

/* Whether text is well-formed XML, by libxml2 with recovery off. */
static int
well_formed(const char *text)
{
	xmlDocPtr d = xmlReadMemory(text, (int)strlen(text), NULL, NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	int good = d != NULL;

	xmlFreeDoc(d);
	return good;
}

static const struct opml_feed round_trip[] = {
	{ "http://www.chinahightech.com/rss.xml", "中国高新网" },
	{ "https://www.solidot.org/index.rss", "Solidot 奇客资讯" },
	{ "http://e.example/rss?a=1&b=2&c=<3>", "AT&T <News> \"Daily\" 's" },
	{ "http://nolabel.example/rss", NULL },
	{ "http://rare.example/", "𠀀 emoji 😀 and ①②③ “引号” 《书名》" },
	{ "https://feeds.example/a?x=\"q\"", "  kept as it is  " },
};

static void
test_round_trip(void)
{
	struct opml_feed *v = NULL;
	size_t n = 0, want_n = ARRAY_LEN(round_trip);
	struct err e = { "" };
	int rc;
	char *out = write_mem(round_trip, want_n, &rc), *got, *want;

	is_int(rc, 0, "writing OPML succeeds");
	ok(well_formed(out), "the written OPML is well-formed XML");
	ok(strstr(out, "<opml version=\"2.0\">") != NULL, "it says OPML 2.0");
	ok(strstr(out, "encoding=\"UTF-8\"") != NULL, "it declares UTF-8");
	ok(strstr(out, "text=\"http://nolabel.example/rss\"") != NULL,
	   "a feed without a label gets its URL as the required text");
	ok(strstr(out, "AT&amp;T &lt;News&gt; &quot;Daily&quot; 's") != NULL,
	   "& < > \" in a label are escaped");
	ok(strstr(out, "title=\"中国高新网\"") != NULL, "Chinese labels are written as UTF-8 text");
	if (opml_parse(out, strlen(out), &v, &n, &e) < 0) {
		ok(0, "what was written reads back: %s", e.msg);
	} else {
		/* the reader trims labels; the rest must come back unchanged */
		struct opml_feed wantv[ARRAY_LEN(round_trip)];

		memcpy(wantv, round_trip, sizeof wantv);
		wantv[5].label = "kept as it is";
		is_str(got = show(v, n), want = show(wantv, want_n),
		       "write then read gives the same feeds and labels, in order");
		free(got);
		free(want);
	}
	opml_free(v, n);
	free(out);
}

static void
test_hostile_labels(void)
{
	static const struct opml_feed bad[] = {
		{ "http://ctl.example/", "bell\a and esc\x1b[31m gone" },
		{ "http://utf.example/", "broken \xff\xfe bytes \xc0\xaf and \xed\xa0\x80" },
		{ "http://nl.example/", "line\none" },
	};
	struct opml_feed *v = NULL;
	size_t n = 0;
	struct err e = { "" };
	int rc;
	char *out = write_mem(bad, ARRAY_LEN(bad), &rc), *got;

	ok(rc == 0 && well_formed(out),
	   "labels with control characters and bad UTF-8 still give well-formed XML");
	ok(strchr(out, '\a') == NULL && strchr(out, '\x1b') == NULL,
	   "control characters are not written");
	ok(strstr(out, "\xef\xbf\xbd") != NULL, "bytes that are not UTF-8 become U+FFFD");
	if (opml_parse(out, strlen(out), &v, &n, &e) == 0) {
		is_str(got = show(v, n),
		       "http://ctl.example/\tbell and esc[31m gone\n"
		       "http://utf.example/\tbroken \xef\xbf\xbd\xef\xbf\xbd bytes "
		       "\xef\xbf\xbd\xef\xbf\xbd and \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\n"
		       "http://nl.example/\tline one\n",
		       "they read back as one clean line each");
		free(got);
	} else {
		ok(0, "they read back: %s", e.msg);
	}
	opml_free(v, n);
	free(out);
}

static void
test_write_edges(void)
{
	int rc;
	char *out = write_mem(NULL, 0, &rc);
	FILE *full = fopen("/dev/full", "w");

	ok(rc == 0 && well_formed(out) && strstr(out, "<body>") != NULL,
	   "no feeds: still a valid OPML document with an empty body");
	free(out);
	if (full != NULL) {
		ok(opml_write(full, round_trip, ARRAY_LEN(round_trip)) == -1,
		   "a full disk is reported, not ignored");
		fclose(full);
	} else {
		ok(1, "# SKIP no /dev/full");
	}
}

int
main(void)
{
	test_files();
	test_inline();
	test_round_trip();
	test_hostile_labels();
	test_write_edges();
	xmlCleanupParser();
	return done_testing();
}
