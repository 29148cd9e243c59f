/* test_feed.c: RSS 0.91/2.0, RSS 1.0, Atom, PHPCMS quirks, dates, broken
 * and hostile feeds.  Fixtures in tests/fixtures/feed/. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bombs.h"
#include "charset.h"
#include "feed.h"
#include "pieces.h"
#include "tap.h"
#include "util.h"

#define BASE "http://example.com/feed/rss.xml"

enum what {
	W_FORMAT, W_FEED_TITLE, W_FEED_LINK, W_COUNT, W_URL, W_URL_PREFIX,
	W_TITLE, W_DATE, W_TIME, W_AUTHOR, W_SUMMARY, W_THUMB, W_SOURCE,
	W_BODY, W_BODY_HAS, W_BODY_LACKS, W_SUMMARY_ONLY, W_SUMMARY_ONLY_COUNT,
	W_WARNED, W_CHARSET,
};

struct check {
	const char *file;
	const char *name;       /* what a user notices */
	enum what what;
	int idx;                /* item */
	const char *want;       /* NULL: no value; numbers as text */
};

static const struct check checks[] = {
	/* RSS 0.91 with the Netscape DTD and its HTML entities */
	{ "rss091.xml", "RSS 0.91 is recognized", W_FORMAT, 0, "RSS 0.91" },
	{ "rss091.xml", "an old feed's &eacute; shows as é in its title", W_FEED_TITLE, 0, "Café Scripting News" },
	{ "rss091.xml", "both items of an RSS 0.91 feed are listed", W_COUNT, 0, "2" },
	{ "rss091.xml", "an RSS 0.91 link with a fragment opens", W_URL, 0, "http://www.scripting.com/2000/06/29.html#gnutella" },
	{ "rss091.xml", "&nbsp; and &mdash; read as characters in the text", W_BODY_HAS, 0, "Gnutella\xc2\xa0\xe2\x80\x94 allowing" },
	{ "rss091.xml", "&amp; and &eacute; in an item title", W_TITLE, 1, "Syndication & Cafés" },
	{ "rss091.xml", "an item without a date shows none", W_DATE, 0, NULL },
	{ "rss091.xml", "a feed with no dates has time 0", W_TIME, 0, "0" },
	/* RSS 2.0 with content:encoded */
	{ "rss20-content.xml", "RSS 2.0 is recognized", W_FORMAT, 0, "RSS 2.0" },
	{ "rss20-content.xml", "the tab is named after the channel", W_FEED_TITLE, 0, "科技日报 · 前沿" },
	{ "rss20-content.xml", "the channel's page is its <link>, not atom:link self", W_FEED_LINK, 0, "https://news.example.cn/tech/" },
	{ "rss20-content.xml", "a relative item link resolves against the feed URL", W_URL, 0, "http://example.com/tech/2022/0704/quantum.html" },
	{ "rss20-content.xml", "content:encoded is the article text", W_BODY_HAS, 0, "<p>本报北京7月4日电 我国首颗量子科学实验卫星完成在轨测试。</p>" },
	{ "rss20-content.xml", "the description is not repeated in the full text", W_BODY_LACKS, 0, "各项指标正常" },
	{ "rss20-content.xml", "a relative image in the text gets the feed's host", W_BODY_HAS, 0, "src=\"http://example.com/img/quantum.jpg\"" },
	{ "rss20-content.xml", "a relative link in the text gets the feed's directory", W_BODY_HAS, 0, "href=\"http://example.com/feed/detail/2.html\"" },
	{ "rss20-content.xml", "the list shows the description as the summary", W_SUMMARY, 0, "量子卫星完成在轨测试，各项指标正常。" },
	{ "rss20-content.xml", "the author is the name, not the e-mail", W_AUTHOR, 0, "张伟" },
	{ "rss20-content.xml", "an image enclosure is the thumbnail", W_THUMB, 0, "https://news.example.cn/img/quantum-small.jpg" },
	{ "rss20-content.xml", "a pubDate that reads is an instant, with no text of its own", W_DATE, 0, NULL },
	{ "rss20-content.xml", "pubDate +0800 is the right instant", W_TIME, 0, "1656908281" },
	{ "rss20-content.xml", "the article's source is the channel", W_SOURCE, 0, "科技日报 · 前沿" },
	{ "rss20-content.xml", "an item with only a permalink guid opens it", W_URL, 1, "https://news.example.cn/tech/2022/0704/ev.html" },
	{ "rss20-content.xml", "dc:creator is the author", W_AUTHOR, 1, "李娜" },
	{ "rss20-content.xml", "an escaped HTML description is the body", W_BODY, 1, "<p>上半年新能源汽车销量同比增长一倍。</p>" },
	{ "rss20-content.xml", "an item with full text need not be fetched", W_SUMMARY_ONLY, 0, "0" },
	{ "rss20-content.xml", "an item with only a short description can be opened in full", W_SUMMARY_ONLY, 1, "1" },
	{ "rss20-content.xml", "one item of two is only a summary", W_SUMMARY_ONLY_COUNT, 0, "1" },
	{ "rss20-content.xml", "a clean feed gives no warning", W_WARNED, 0, "0" },
	/* RSS 1.0 */
	{ "rss10-rdf.xml", "RSS 1.0 (RDF) is recognized", W_FORMAT, 0, "RSS 1.0" },
	{ "rss10-rdf.xml", "the items beside the RDF channel are listed", W_COUNT, 0, "2" },
	{ "rss10-rdf.xml", "the RDF channel names the tab", W_FEED_TITLE, 0, "高新区动态" },
	{ "rss10-rdf.xml", "dc:date in UTC is read", W_TIME, 0, "1656908281" },
	{ "rss10-rdf.xml", "dc:date with +08:00 is read", W_TIME, 1, "1656908281" },
	{ "rss10-rdf.xml", "dc:creator in RSS 1.0 is the author", W_AUTHOR, 0, "王芳" },
	/* Atom with xml:base */
	{ "atom-xmlbase.xml", "Atom 1.0 is recognized", W_FORMAT, 0, "Atom 1.0" },
	{ "atom-xmlbase.xml", "the feed's alternate link is its page", W_FEED_LINK, 0, "http://blog.example.com/" },
	{ "atom-xmlbase.xml", "the entry's link resolves against both xml:base", W_URL, 0, "http://blog.example.com/posts/2022/reader.html" },
	{ "atom-xmlbase.xml", "an image in Atom HTML content resolves against xml:base", W_BODY_HAS, 0, "src=\"http://blog.example.com/posts/2022/img/shot.png\"" },
	{ "atom-xmlbase.xml", "a ../ link in content resolves against xml:base", W_BODY_HAS, 0, "href=\"http://blog.example.com/posts/code/reader.c\"" },
	{ "atom-xmlbase.xml", "published wins over updated", W_TIME, 0, "1656908281" },
	{ "atom-xmlbase.xml", "an entry without author gets the feed's", W_AUTHOR, 0, "陈静" },
	{ "atom-xmlbase.xml", "a link without rel is the entry's page", W_URL, 1, "http://blog.example.com/about.html" },
	{ "atom-xmlbase.xml", "the author is the <name>, not the <uri>", W_AUTHOR, 1, "林涛" },
	{ "atom-xmlbase.xml", "an Atom text summary becomes a paragraph", W_BODY, 1, "<p>本站介绍。</p>" },
	{ "atom-xmlbase.xml", "an entry with content is full text", W_SUMMARY_ONLY, 0, "0" },
	/* Atom type="html", "text", "xhtml" */
	{ "atom-xhtml.xml", "a type=html feed title shows without tags", W_FEED_TITLE, 0, "Web 标准 周刊" },
	{ "atom-xhtml.xml", "a type=text title keeps its angle brackets", W_TITLE, 0, "The <div> element, explained" },
	{ "atom-xhtml.xml", "xhtml content keeps its markup", W_BODY_HAS, 0, "<p>The <code>&lt;div&gt;</code> element is a <em>generic</em> container.</p>" },
	{ "atom-xhtml.xml", "xhtml content keeps & escaped", W_BODY_HAS, 0, "Use it &amp; style it." },
	{ "atom-xhtml.xml", "a type=html title loses its tags and entities", W_TITLE, 1, "粗体标题 & 更多" },
	{ "atom-xhtml.xml", "a plain text summary keeps < as text", W_BODY_HAS, 1, "<p>纯文本摘要 &lt;不是标签&gt;，第一段。</p>" },
	{ "atom-xhtml.xml", "a blank line in a text summary starts a paragraph", W_BODY_HAS, 1, "<p>第二段。</p>" },
	{ "atom-xhtml.xml", "a type=xhtml title is its text", W_TITLE, 2, "XHTML 标题" },
	{ "atom-xhtml.xml", "out-of-line content (src=) gives an empty body", W_BODY, 2, "" },
	{ "atom-xhtml.xml", "an entry with out-of-line content can be opened in full", W_SUMMARY_ONLY, 2, "1" },
	/* PHPCMS */
	{ "phpcms.xml", "a GBK-declared PHPCMS feed is read as the UTF-8 it is", W_FEED_TITLE, 0, "中国高新网 - 园区" },
	{ "phpcms.xml", "a CDATA title followed by a space is trimmed", W_TITLE, 0, "中关村科技园区发布2022年上半年发展报告" },
	{ "phpcms.xml", "a CDATA link followed by a space opens", W_URL, 0, "http://www.chinahightech.com/html/yuanqu/2022/0704/5678901.html" },
	{ "phpcms.xml", "a CMS date without zone is Beijing time", W_TIME, 0, "1656908281" },
	{ "phpcms.xml", "a CMS date is an instant, with no text of its own", W_DATE, 0, NULL },
	{ "phpcms.xml", "an evening CMS date stays on its day", W_TIME, 1, "1656937081" },
	{ "phpcms.xml", "a CDATA description becomes a paragraph, trimmed", W_BODY, 0, "<p>7月4日，中关村科技园区管委会发布上半年发展报告。</p>" },
	{ "phpcms.xml", "an empty CDATA description gives an empty body", W_BODY, 1, "" },
	{ "phpcms.xml", "an empty CDATA author gives no author", W_AUTHOR, 1, NULL },
	{ "phpcms.xml", "a CDATA author is read", W_AUTHOR, 0, "中国高新网" },
	/* a GB2312 declaration on UTF-8 bytes */
	{ "gbk-declared.xml", "a GB2312 declaration does not garble the title", W_TITLE, 0, "朱镕基与镕字的编码" },
	{ "gbk-declared.xml", "a GB2312 declaration does not garble the channel", W_FEED_TITLE, 0, "深圳新闻网" },
	{ "gbk-declared.xml", "a GB2312 declaration does not garble the summary", W_SUMMARY, 0, "“镕”不在 GB2312 中，在 GBK 中；这里已是 UTF-8。" },
	/* undeclared charsets: the detector reads the bytes */
	{ "koi8r-undeclared.xml", "an undeclared KOI8-R feed is read as KOI8-R", W_CHARSET, 0, "KOI8-R" },
	{ "koi8r-undeclared.xml", "an undeclared KOI8-R feed reads as Russian", W_TITLE, 0, "Учёные впервые сфотографировали тень чёрной дыры" },
	{ "koi8r-undeclared.xml", "an undeclared KOI8-R channel title", W_FEED_TITLE, 0, "Новости науки" },
	{ "shift_jis-undeclared.xml", "an undeclared Shift_JIS feed is read as Shift_JIS", W_CHARSET, 0, "SHIFT_JIS" },
	{ "shift_jis-undeclared.xml", "an undeclared Shift_JIS feed reads as Japanese", W_TITLE, 0, "研究者がブラックホールの影の撮影に初めて成功" },
	{ "euc-jp-undeclared.xml", "an undeclared EUC-JP feed is read as EUC-JP", W_CHARSET, 0, "EUC-JP" },
	{ "euc-jp-undeclared.xml", "an undeclared EUC-JP feed reads as Japanese", W_SUMMARY, 1, "ロケットは宇宙基地から打ち上げられ、衛星を予定の軌道に投入しました。" },
	{ "euc-kr-undeclared.xml", "an undeclared EUC-KR feed is read as EUC-KR", W_CHARSET, 0, "EUC-KR" },
	{ "euc-kr-undeclared.xml", "an undeclared EUC-KR feed reads as Korean", W_TITLE, 1, "새로운 위성이 궤도에 진입했다" },
	{ "gbk-undeclared.xml", "an undeclared GBK feed is still read as GB18030", W_CHARSET, 0, "GB18030" },
	{ "gbk-undeclared.xml", "an undeclared GBK feed reads as Chinese", W_TITLE, 0, "科学家首次拍摄到黑洞的影子" },
	{ "gbk-declared.xml", "UTF-8 bytes under a GB2312 declaration are read as UTF-8", W_CHARSET, 0, "UTF-8" },
	{ "phpcms.xml", "a GBK-declared PHPCMS feed in UTF-8 is read as UTF-8", W_CHARSET, 0, "UTF-8" },
	/* dates */
	{ "dates-zones.xml", "+0800", W_TIME, 0, "1656908281" },
	{ "dates-zones.xml", "GMT", W_TIME, 1, "1656908281" },
	{ "dates-zones.xml", "CST is China Standard Time", W_TIME, 2, "1656908281" },
	{ "dates-zones.xml", "EDT", W_TIME, 3, "1656908281" },
	{ "dates-zones.xml", "-0500 on the day before", W_TIME, 4, "1656908281" },
	{ "dates-zones.xml", "a two-digit year and UT", W_TIME, 5, "1656908281" },
	{ "dates-zones.xml", "no day name, no seconds", W_TIME, 6, "1656908280" },
	{ "dates-zones.xml", "an RFC 822 date without zone is Beijing time", W_TIME, 7, "1656908281" },
	{ "dates-zones.xml", "ISO 8601 in pubDate", W_TIME, 8, "1656908281" },
	{ "dates-zones.xml", "dc:date with +08:00", W_TIME, 9, "1656908281" },
	{ "dates-zones.xml", "a CMS date in pubDate", W_TIME, 10, "1656908281" },
	{ "dates-zones.xml", "an unreadable date has time 0", W_TIME, 11, "0" },
	{ "dates-zones.xml", "an unreadable date shows as written", W_DATE, 11, "昨天下午" },
	{ "dcterms-dates.xml", "dcterms:modified is a date", W_TIME, 0, "1656908281" },
	{ "dcterms-dates.xml", "dcterms:issued is a date", W_TIME, 1, "1656908281" },
	{ "dcterms-dates.xml", "dcterms:created is a date", W_TIME, 2, "1656907200" },
	{ "dcterms-dates.xml", "dcterms:issued (published) wins over dc:date and modified", W_TIME, 3, "1656908281" },
	{ "dcterms-dates.xml", "an unreadable pubDate gives way to dcterms:modified", W_TIME, 4, "1656908281" },
	{ "dcterms-dates.xml", "dcterms:modified wins over dcterms:created", W_TIME, 5, "1656908281" },
	{ "atom03-dates.xml", "Atom 0.3 issued wins over modified", W_TIME, 0, "1656908281" },
	{ "atom03-dates.xml", "Atom 0.3 modified alone", W_TIME, 1, "1656908281" },
	{ "atom03-dates.xml", "Atom 0.3 created alone", W_TIME, 2, "1656908281" },
	{ "date-forms.xml", "W3C-DTF with Z", W_TIME, 0, "1656908281" },
	{ "date-forms.xml", "W3C-DTF with a fraction and -00:00", W_TIME, 1, "1656908281" },
	{ "date-forms.xml", "W3C-DTF without seconds, +08:00", W_TIME, 2, "1656908280" },
	{ "date-forms.xml", "a day alone is its midnight UTC", W_TIME, 3, "1656892800" },
	{ "date-forms.xml", "a month alone is its first day", W_TIME, 4, "1656633600" },
	{ "date-forms.xml", "a time after T without zone is UTC", W_TIME, 5, "1656908281" },
	{ "date-forms.xml", "asctime", W_TIME, 6, "1656908281" },
	{ "date-forms.xml", "RFC 822 with GMT+08:00", W_TIME, 7, "1656908281" },
	{ "date-forms.xml", "RFC 822 with Etc/GMT", W_TIME, 8, "1656908281" },
	{ "date-forms.xml", "an RFC 822 day alone is its midnight UTC", W_TIME, 9, "1656892800" },
	{ "cn-dates.xml", "2022年7月4日 12:18 is Beijing time", W_TIME, 0, "1656908280" },
	{ "cn-dates.xml", "2022年07月04日 12:18:01", W_TIME, 1, "1656908281" },
	{ "cn-dates.xml", "2022年7月4日12:18, no space", W_TIME, 2, "1656908280" },
	{ "cn-dates.xml", "2022年7月4日 alone is its midnight in Beijing", W_TIME, 3, "1656864000" },
	{ "cn-dates.xml", "2022.07.04 12:18", W_TIME, 4, "1656908280" },
	{ "cn-dates.xml", "2022/7/4 12:18", W_TIME, 5, "1656908280" },
	{ "cn-dates.xml", "a day without a year is no instant", W_TIME, 6, "0" },
	{ "cn-dates.xml", "and is shown as written", W_DATE, 6, "7月4日上午" },
	{ "missing-dates.xml", "no pubDate: no date", W_DATE, 0, NULL },
	{ "missing-dates.xml", "an empty pubDate: no date", W_DATE, 1, NULL },
	{ "missing-dates.xml", "an empty pubDate: time 0", W_TIME, 1, "0" },
	/* titles */
	{ "missing-titles.xml", "no title: the first 40 characters of the description",
	  W_TITLE, 0, "国家统计局今天发布数据显示，上半年全国规模以上高技术制造业增加值同比增长百分之九…" },
	{ "missing-titles.xml", "a blank title: the short description", W_TITLE, 1, "短摘要。" },
	{ "missing-titles.xml", "neither title nor description", W_TITLE, 2, "(no title)" },
	{ "entities-titles.xml", "&amp; and numeric references in a title", W_TITLE, 0, "AT&T 与 中国移动" },
	{ "entities-titles.xml", "escaped <b> in a title is dropped, not shown", W_TITLE, 1, "加粗的标题" },
	{ "entities-titles.xml", "HTML in a CDATA title is dropped", W_TITLE, 2, "CDATA 里的 & 标题" },
	{ "entities-titles.xml", "a double-escaped title is decoded", W_TITLE, 3, "双重转义 & 与 \"引号\"" },
	{ "entities-titles.xml", "a < that is no tag stays", W_TITLE, 4, "a < b 且 c > d" },
	{ "entities-titles.xml", "newlines and runs of spaces in a title fold", W_TITLE, 5, "多余的 空白 与换行" },
	{ "entities-titles.xml", "&amp; in a link is a &", W_URL, 5, "http://ent.example/6?a=1&b=2" },
	{ "entities-titles.xml", "&amp; in the channel title", W_FEED_TITLE, 0, "实体 & CDATA" },
	/* duplicates and links */
	{ "duplicates.xml", "a repeated link is listed once", W_COUNT, 0, "5" },
	{ "duplicates.xml", "the first of two items with one link is kept", W_TITLE, 0, "同一条新闻" },
	{ "duplicates.xml", "an item without link gets a stable id", W_URL_PREFIX, 2, "urn:gxnews:" },
	{ "duplicates.xml", "a linkless item on another day is another item", W_TITLE, 3, "没有链接的快讯" },
	{ "duplicates.xml", "a guid that is not a permalink is not opened", W_URL_PREFIX, 4, "urn:gxnews:" },
	{ "atom-link-rel.xml", "rel=alternate wins over self and enclosure", W_URL, 0, "http://prio.example/post/1" },
	{ "atom-link-rel.xml", "media:thumbnail is the thumbnail", W_THUMB, 0, "http://prio.example/thumb/1.jpg" },
	{ "atom-link-rel.xml", "an Atom id that is a URL opens when there is no link", W_URL, 1, "http://prio.example/post/2" },
	{ "atom-links.xml", "an alternate link as text wins over a later enclosure", W_URL, 0, "http://links.example/alternate/1" },
	{ "atom-links.xml", "an alternate link as text wins over an earlier enclosure", W_URL, 1, "http://links.example/alternate/2" },
	{ "atom-links.xml", "an alternate href wins over a later enclosure as text", W_URL, 2, "http://links.example/alternate/3" },
	{ "atom-links.xml", "an alternate href wins over an earlier enclosure as text", W_URL, 3, "http://links.example/alternate/4" },
	{ "atom-links.xml", "a PDF alternate is not the page", W_URL, 4, "http://links.example/alternate/5" },
	{ "atom-links.xml", "self and enclosure links are not the page: the id is", W_URL, 5, "http://links.example/id/6" },
	{ "ids-without-link.xml", "linkless entries alike in title and date but with other ids all stay", W_COUNT, 0, "3" },
	{ "ids-without-link.xml", "a linkless entry with an id gets a stable id", W_URL_PREFIX, 2, "urn:gxnews:" },
	{ "authors.xml", "an address with the name in parentheses gives the name", W_AUTHOR, 0, "张伟" },
	{ "authors.xml", "a name with the address in angle brackets gives the name", W_AUTHOR, 1, "李娜" },
	{ "authors.xml", "an address alone stays", W_AUTHOR, 2, "editor@news.example.cn" },
	{ "authors.xml", "dc:author is the author", W_AUTHOR, 3, "王芳" },
	{ "authors.xml", "itunes:author is the author", W_AUTHOR, 4, "陈静" },
	{ "cdf.xml", "a CDF item's HREF resolves against the channel's BASE", W_URL, 0, "http://cdf.example/item/1" },
	{ "cdf.xml", "a CDF item's LASTMOD is its date", W_TIME, 0, "1656908281" },
	{ "cdf.xml", "a CDF item's ABSTRACT is its summary", W_SUMMARY, 0, "第一条的摘要。" },
	{ "cdf.xml", "both CDF items are listed", W_COUNT, 0, "2" },
	{ "content-elements.xml", "fullitem is the text", W_BODY, 0, "<p>fullitem 里的正文。</p>" },
	{ "content-elements.xml", "xhtml:body is the text", W_SUMMARY, 1, "xhtml:body 里的正文。" },
	{ "content-elements.xml", "itunes:summary is the summary", W_SUMMARY, 2, "播客的摘要。" },
	{ "content-elements.xml", "media:description in media:group is the summary", W_SUMMARY, 3, "视频的说明。" },
	{ "atom03-base64.xml", "a base64 title is decoded", W_TITLE, 0, "中文标题" },
	{ "atom03-base64.xml", "a base64 HTML summary is decoded", W_SUMMARY, 0, "click here" },
	{ "atom03-base64.xml", "a link in a base64 summary resolves", W_BODY_HAS, 0, "href=\"http://example.com/relative/uri\"" },
	/* titles in media and with comments */
	{ "media-title.xml", "media:title names an item without title", W_TITLE, 0, "只有 media:title" },
	{ "media-title.xml", "media:title inside media:content", W_TITLE, 1, "media:content 里的标题" },
	{ "media-title.xml", "title wins over media:title", W_TITLE, 2, "title 胜过 media:title" },
	{ "media-title.xml", "media:title inside media:group", W_TITLE, 3, "media:group 里的标题" },
	{ "media-title.xml", "media:thumbnail inside media:group", W_THUMB, 3, "http://media.example/4.jpg" },
	{ "comment-titles.xml", "an escaped comment holding > is dropped from a title", W_TITLE, 0, "标题一" },
	{ "comment-titles.xml", "a comment after the text in CDATA is dropped", W_TITLE, 1, "标题二" },
	{ "comment-titles.xml", "a comment holding >> before markup is dropped", W_TITLE, 2, "标题三" },
	{ "comment-titles.xml", "a comment holding > is dropped from a summary", W_SUMMARY, 2, "摘要正文。" },
	/* broken feeds */
	{ "truncated.xml", "a truncated feed keeps its complete items", W_COUNT, 0, "3" },
	{ "truncated.xml", "a truncated feed says so", W_WARNED, 0, "1" },
	{ "truncated.xml", "entities before the cut are decoded", W_SUMMARY, 0, "第一条 & 完整。" },
	{ "truncated.xml", "the cut item with a complete link is kept", W_URL, 2, "http://cut.example/3" },
	{ "malformed.xml", "a malformed feed gives all its items", W_COUNT, 0, "4" },
	{ "malformed.xml", "a bare & in a link is kept", W_URL, 0, "http://bad.example/list.php?id=1&page=2" },
	{ "malformed.xml", "a bare & and &nbsp; in a title", W_TITLE, 0, "裸露的&符号和\xc2\xa0空格" },
	{ "malformed.xml", "&amp; after an error is still &", W_TITLE, 1, "错误之后的 & 仍然是 &" },
	{ "malformed.xml", "&amp; in a link after an error is still &", W_URL, 1, "http://bad.example/list.php?id=2&page=3" },
	{ "malformed.xml", "&mdash; in a description", W_SUMMARY, 0, "描述里有未闭合的 换行和—破折号" },
	{ "malformed.xml", "the item after an unclosed tag is there", W_TITLE, 3, "最后一条" },
	{ "malformed.xml", "a malformed feed says so", W_WARNED, 0, "1" },
	{ "php-warning.xml", "a PHP warning before the XML: the items are read", W_COUNT, 0, "2" },
	{ "php-warning.xml", "a PHP warning before the XML: the title", W_TITLE, 0, "警告之后的新闻" },
	{ "php-warning.xml", "a PHP warning before the XML: the link", W_URL, 0, "http://warn.example/html/2022/0704/1.html" },
	{ "php-warning.xml", "a PHP warning before the XML: CDATA HTML body", W_BODY_HAS, 0, "<p>正文 &amp; 摘要</p>" },
	{ "php-warning.xml", "a PHP warning before the XML: entities in titles", W_TITLE, 1, "第二条 & 更多" },
	{ "php-warning.xml", "a feed read as HTML says so", W_WARNED, 0, "1" },
	/* hostile */
	{ "xxe.xml", "an external entity is not read into the title", W_TITLE, 0, "before &xxe; after" },
	{ "xxe.xml", "/etc/passwd does not appear in the text", W_BODY_LACKS, 0, "root:" },
	{ "billion-laughs.xml", "billion laughs: the entity stays unexpanded", W_TITLE, 0, "ha &lol9; ha" },
	{ "billion-laughs.xml", "billion laughs: no laughter in the text", W_BODY_LACKS, 0, "lollol" },
	{ "escape-seq.xml", "escape sequences stay in the data for text.c to clean",
	  W_TITLE, 0, "\033[2J\033[31m红色\033[0m 标题\007" },
	{ "escape-seq.xml", "an OSC sequence in a description stays in the data", W_SUMMARY, 0, "\033]0;pwned\007描述" },
	{ "escape-seq.xml", "the item after control characters survives", W_TITLE, 1, "之后的 & 条目" },
};

struct loaded {
	const char *file;
	char charset[64];
	struct feed f;
	int rc;
	char msg[1024];
};

static struct loaded cache[64];    /* one per fixture file */
static size_t ncache;

static char *
fixture(const char *name, size_t *len)
{
	char *dir = path_join(tap_srcdir(), "tests/fixtures/feed");
	char *path = path_join(dir, name);
	char *buf = NULL;
	struct err e;

	if (read_file(path, 1 << 26, &buf, len, &e) < 0) {
		printf("# %s\n", e.msg);
		buf = NULL;
	}
	free(path);
	free(dir);
	return buf;
}

static struct loaded *
load(const char *file)
{
	struct loaded *l;
	size_t len;
	char *buf;
	struct err e = { "" };

	for (size_t i = 0; i < ncache; i++)
		if (strcmp(cache[i].file, file) == 0)
			return &cache[i];
	if (ncache == ARRAY_LEN(cache)) {
		printf("Bail out! more fixture files than the cache holds\n");
		exit(1);
	}
	l = &cache[ncache++];
	l->file = file;
	buf = fixture(file, &len);
	l->rc = -1;
	if (buf != NULL) {      /* as a download is read: charset first */
		char cs[64], *utf8 = NULL;
		size_t ulen = 0;

		charset_detect(buf, len, NULL, cs, sizeof cs);
		snprintf(l->charset, sizeof l->charset, "%s", cs);
		if (charset_to_utf8(buf, len, cs, &utf8, &ulen, &e) == 0)
			l->rc = feed_parse(utf8, ulen, BASE, &l->f, &e);
		free(utf8);
	}
	snprintf(l->msg, sizeof l->msg, "%s", e.msg);
	free(buf);
	return l;
}

static void
run_check(const struct check *c)
{
	struct loaded *l = load(c->file);
	const struct feed *f = &l->f;
	const struct item *it;
	const struct article *a;
	char num[32];
	const char *got = NULL;

	if (l->rc != 0) {
		ok(0, "%s: %s (parse failed: %s)", c->file, c->name, l->msg);
		return;
	}
	if (c->what >= W_URL && c->what <= W_SUMMARY_ONLY && (size_t)c->idx >= f->items.n) {
		ok(0, "%s: %s (no item %d)", c->file, c->name, c->idx);
		return;
	}
	it = &f->items.v[c->idx < (int)f->items.n ? c->idx : 0];
	a = &f->articles[c->idx < (int)f->narticles ? c->idx : 0];
	switch (c->what) {
	case W_FORMAT: got = f->format; break;
	case W_FEED_TITLE: got = f->title; break;
	case W_FEED_LINK: got = f->link; break;
	case W_COUNT: snprintf(num, sizeof num, "%zu", f->items.n); got = num; break;
	case W_URL: got = it->url; break;
	case W_URL_PREFIX:
		ok(str_starts(it->url, c->want), "%s: %s", c->file, c->name);
		return;
	case W_TITLE: got = it->title; break;
	case W_DATE: got = it->date; break;
	case W_TIME: snprintf(num, sizeof num, "%lld", (long long)it->time); got = num; break;
	case W_AUTHOR: got = a->author; break;
	case W_SUMMARY: got = it->summary; break;
	case W_THUMB: got = it->thumb; break;
	case W_SOURCE: got = a->source; break;
	case W_BODY: got = a->body_html; break;
	case W_BODY_HAS:
	case W_BODY_LACKS:
		if (!ok((strstr(a->body_html, c->want) != NULL) == (c->what == W_BODY_HAS),
		        "%s: %s", c->file, c->name))
			printf("#   body: '%s'\n", a->body_html);
		return;
	case W_SUMMARY_ONLY: snprintf(num, sizeof num, "%d", f->summary_only[c->idx]); got = num; break;
	case W_SUMMARY_ONLY_COUNT: snprintf(num, sizeof num, "%d", f->summary_only_count); got = num; break;
	case W_WARNED: got = f->warning[0] ? "1" : "0"; break;
	case W_CHARSET: got = l->charset; break;
	}
	is_str(got, c->want, "%s: %s", c->file, c->name);
	if (c->what == W_WARNED && f->warning[0])
		printf("#   warning: %s\n", f->warning);
}

static void
test_parallel_arrays(void)
{
	for (size_t i = 0; i < ncache; i++) {
		const struct feed *f = &cache[i].f;
		int same = f->narticles == f->items.n;

		for (size_t k = 0; same && k < f->narticles; k++)
			same = strcmp(f->items.v[k].url, f->articles[k].url) == 0 &&
			       strcmp(f->items.v[k].title, f->articles[k].title) == 0;
		if (cache[i].rc == 0)
			ok(same, "%s: every listed item opens the matching article", cache[i].file);
	}
}

/* A sink keeping the fields a reader sees, to compare readings. */
struct kept {
	struct buf b;
	size_t n;
};

static void
keep(struct buf *b, const char *what, const char *v)
{
	buf_addf(b, "%s=%s\n", what, v != NULL ? v : "(null)");
}

static int
kept_add(void *user, struct feed *batch, struct err *e)
{
	struct kept *k = user;

	(void)e;
	for (size_t i = 0; i < batch->narticles; i++, k->n++) {
		const struct item *it = &batch->items.v[i];
		const struct article *a = &batch->articles[i];

		buf_addf(&k->b, "#%zu time=%lld only=%d\n", k->n, (long long)it->time,
		         batch->summary_only[i]);
		keep(&k->b, "url", it->url);
		keep(&k->b, "title", it->title);
		keep(&k->b, "date", it->date);
		keep(&k->b, "summary", it->summary);
		keep(&k->b, "thumb", it->thumb);
		keep(&k->b, "body", a->body_html);
		keep(&k->b, "author", a->author);
		keep(&k->b, "source", a->source);
	}
	return 0;
}

static int
kept_restart(void *user, struct err *e)
{
	struct kept *k = user;

	(void)e;
	k->b.len = 0;
	k->n = 0;
	return 0;
}

static int
kept_late(void *user, size_t i, const char *source, const char *author,
          struct err *e)
{
	struct kept *k = user;

	(void)e;
	buf_addf(&k->b, "late #%zu source=%s author=%s\n", i, source,
	         author != NULL ? author : "(keep)");
	return 0;
}

/* What feed_parse gave, in the sink's words (lateness folded in). */
static void
kept_whole(const struct feed *f, struct buf *b)
{
	struct kept k = { *b, 0 };

	for (size_t i = 0; i < f->narticles; i++) {
		struct feed one = { 0 };

		one.items.v = &f->items.v[i];
		one.items.n = 1;
		one.articles = &f->articles[i];
		one.narticles = 1;
		one.summary_only = &f->summary_only[i];
		kept_add(&k, &one, NULL);
	}
	*b = k.b;
}

/* Read in pieces of a few bytes, every fixture gives what it gives whole:
 * the same items, in the same order, with the same fields; without
 * summaries when asked. */
static void
test_stream(void)
{
	for (size_t i = 0; i < ncache; i++) {
		struct loaded *l = &cache[i];
		struct kept k;
		struct feed_sink sink = { &k, kept_add, kept_restart, kept_late };
		struct buf whole;
		struct pieces t;
		struct feed hdr;
		struct err e = { "" };
		size_t len;
		char *raw = fixture(l->file, &len), *utf8 = NULL;
		size_t ulen = 0;
		int rc;

		if (raw == NULL || l->rc != 0) {
			free(raw);
			continue;
		}
		charset_to_utf8(raw, len, l->charset, &utf8, &ulen, NULL);
		buf_init(&k.b, 0);
		buf_add(&k.b, "", 0);
		k.n = 0;
		buf_init(&whole, 0);
		buf_add(&whole, "", 0);
		kept_whole(&l->f, &whole);
		rc = feed_read(pieces(&t, utf8, ulen), BASE, 0, &sink, &hdr, &e);
		ok(rc == 0 && strcmp(k.b.data, whole.data) == 0 && strstr(k.b.data, "late #") == NULL,
		   "%s: read in pieces of 1-7 bytes, the same items as read whole (%s)",
		   l->file, e.msg);
		ok(rc == 0 && strcmp(hdr.title, l->f.title) == 0 &&
		   strcmp(hdr.format, l->f.format) == 0 &&
		   strcmp(hdr.warning, l->f.warning) == 0 &&
		   hdr.summary_only_count == l->f.summary_only_count,
		   "%s: and the same title, format, warning and count of summaries", l->file);
		if (rc == 0)
			feed_free(&hdr);
		kept_restart(&k, NULL);
		rc = feed_read(pieces(&t, utf8, ulen), BASE, FEED_NO_SUMMARY, &sink, &hdr, &e);
		ok(rc == 0 && k.n == l->f.narticles && strstr(k.b.data, "summary=(null)") != NULL &&
		   strstr(k.b.data, "\nsummary=") == strstr(k.b.data, "\nsummary=(null)"),
		   "%s: FEED_NO_SUMMARY: the same items, none with a summary", l->file);
		if (rc == 0)
			feed_free(&hdr);
		buf_free(&k.b);
		buf_free(&whole);
		free(utf8);
		free(raw);
	}
}

/* A channel that names itself and its author after its items: the items
 * given before are told, and every article has them, as when read whole. */
static void
test_late_channel(void)
{
	struct buf x;
	struct feed f;
	struct err e = { "" };
	size_t n = 150, with_source = 0, with_author = 0, own = 0;

	buf_init(&x, 0);
	buf_adds(&x, "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">");
	for (size_t i = 0; i < n; i++)
		buf_addf(&x, "<entry><title>第%zu条</title><link href=\"http://example.com/%zu\"/>%s"
		         "<content type=\"html\">&lt;p&gt;正文%zu&lt;/p&gt;</content></entry>\n", i, i,
		         i % 10 == 0 ? "<author><name>本人</name></author>" : "", i);
	buf_adds(&x, "<title>晚到的标题</title><author><name>频道作者</name></author></feed>");
	if (feed_parse(x.data, x.len, BASE, &f, &e) < 0) {
		ok(0, "a channel named after its items is read (%s)", e.msg);
		buf_free(&x);
		return;
	}
	is_int(f.narticles, n, "a channel named after its items: every item is read");
	is_str(f.title, "晚到的标题", "its title is the one after the items");
	for (size_t i = 0; i < f.narticles; i++) {
		with_source += str_empty(f.articles[i].source) ? 0 :
		               strcmp(f.articles[i].source, "晚到的标题") == 0;
		with_author += str_empty(f.articles[i].author) ? 0 :
		               strcmp(f.articles[i].author, "频道作者") == 0;
		own += str_empty(f.articles[i].author) ? 0 : strcmp(f.articles[i].author, "本人") == 0;
	}
	is_int(with_source, n, "every article has the title as its source, the first ones too");
	is_int(with_author, n - n / 10, "every article without an author has the channel's");
	is_int(own, n / 10, "an article with its own author keeps it");
	feed_free(&f);
	buf_free(&x);
}

/* A feed that breaks after many items were given: they are taken back,
 * and the repaired reading's items are given instead, once. */
static void
test_restart(void)
{
	struct kept k;
	struct feed_sink sink = { &k, kept_add, kept_restart, kept_late };
	struct buf x;
	struct feed hdr;
	struct err e = { "" };
	struct src_mem m;
	int rc;

	buf_init(&x, 0);
	buf_init(&k.b, 0);
	buf_add(&k.b, "", 0);
	k.n = 0;
	buf_adds(&x, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>断</title>");
	for (int i = 0; i < 200; i++)
		buf_addf(&x, "<item><title>%s%d &amp; 号</title><link>http://example.com/%d</link></item>\n",
		         i == 150 ? "R&D " : "", i, i);
	buf_adds(&x, "</channel></rss>");
	rc = feed_read(src_mem(&m, x.data, x.len), BASE, 0, &sink, &hdr, &e);
	is_int(rc, 0, "a feed broken at its 151st item is read");
	is_int(k.n, 200, "its items are given once each, those before the break taken back");
	ok(strstr(k.b.data, "title=R&D 150 & 号") != NULL, "the broken title is read repaired");
	ok(strstr(k.b.data, "title=199 & 号") != NULL, "and the items after it keep their &");
	if (rc == 0)
		feed_free(&hdr);
	buf_free(&k.b);
	buf_free(&x);
}

static void
test_not_a_feed(void)
{
	static const char opml[] = "<?xml version=\"1.0\"?><opml><body/></opml>";
	size_t len;
	char *buf = fixture("html-page.html", &len);
	struct feed f = { 0 };
	struct err e = { "" };
	int rc = buf ? feed_parse(buf, len, "http://www.chinahightech.com/", &f, &e) : 0;

	is_int(rc, -1, "an HTML page given as a feed is refused");
	ok(strstr(e.msg, "web page") != NULL, "the user is told it is a web page (%s)", e.msg);
	is_int(f.items.n, 0, "a refused page gives no items");
	feed_free(&f);
	free(buf);
	rc = feed_parse("", 0, BASE, &f, &e);
	is_int(rc, -1, "an empty download is refused");
	rc = feed_parse("  \n ", 4, BASE, &f, &e);
	is_int(rc, -1, "a blank download is refused");
	rc = feed_parse(opml, sizeof opml - 1, BASE, &f, &e);
	is_int(rc, -1, "an XML file that is no feed is refused");
	ok(strstr(e.msg, "opml") != NULL, "the refusal names what the file is (%s)", e.msg);
}

static void
test_empty_feed(void)
{
	static const char xml[] = "<rss version=\"2.0\"><channel><title>空</title></channel></rss>";
	struct feed f;
	struct err e = { "" };
	int rc = feed_parse(xml, sizeof xml - 1, BASE, &f, &e);

	is_int(rc, 0, "a feed with no items is still a feed");
	is_int(f.items.n, 0, "a feed with no items lists nothing");
	is_str(f.title, "空", "a feed with no items keeps its name");
	feed_free(&f);
}

static void
test_stable_urn(void)
{
	size_t len;
	char *buf = fixture("duplicates.xml", &len);
	struct feed a, b, c;
	struct err e;

	if (buf == NULL || feed_parse(buf, len, BASE, &a, &e) < 0 ||
	    feed_parse(buf, len, BASE, &b, &e) < 0 ||
	    feed_parse(buf, len, "http://other.example/rss", &c, &e) < 0) {
		ok(0, "duplicates.xml parses three times");
		free(buf);
		return;
	}
	is_str(a.items.v[2].url, b.items.v[2].url,
	       "a linkless item keeps its id across refreshes (read state survives)");
	ok(strcmp(a.items.v[2].url, a.items.v[3].url) != 0,
	   "linkless items with other dates get other ids");
	ok(strcmp(a.items.v[2].url, c.items.v[2].url) != 0,
	   "the same linkless item in another feed is another item");
	feed_free(&a);
	feed_free(&b);
	feed_free(&c);
	free(buf);
}

static void
test_billion_laughs_fast(void)
{
	size_t len;
	char *buf = fixture("billion-laughs.xml", &len);
	struct feed f;
	struct err e;
	double t0 = tap_now_s();
	int rc = buf ? feed_parse(buf, len, BASE, &f, &e) : -1;

	ok(tap_now_s() - t0 < TAP_HANG_S, "billion laughs finishes (%.3f s)", tap_now_s() - t0);
	if (rc == 0) {
		ok(strlen(f.articles[0].body_html) < 1000, "billion laughs: the body stays small");
		feed_free(&f);
	}
	free(buf);
}

static void
test_deep_nesting(void)
{
	struct buf b;
	struct feed f;
	struct err e = { "" };
	double t0;
	int rc;

	buf_init(&b, 0);
	bomb_deep_feed(&b, 100000);
	t0 = tap_now_s();
	rc = feed_parse(b.data, b.len, BASE, &f, &e);
	ok(tap_now_s() - t0 < TAP_HANG_S, "100,000-deep nesting finishes (%.3f s)",
	   tap_now_s() - t0);
	is_int(rc, 0, "100,000-deep nesting still gives a feed");
	if (rc == 0) {
		ok(f.items.n >= 1 && strcmp(f.items.v[0].title, "before") == 0,
		   "the item before the deep nesting is there");
		size_t most = 0;

		for (size_t i = 0; i < f.narticles; i++) {
			size_t depth = 0;

			for (const char *p = strstr(f.articles[i].body_html, "<div>"); p != NULL;
			     p = strstr(p + 5, "<div>"))
				depth++;
			most = depth > most ? depth : most;
		}
		ok(most <= 100, "no body keeps 100,000 levels of markup (%zu <div>)", most);
		ok(strlen(f.warning) > 0, "deep nesting is reported (%s)", f.warning);
		feed_free(&f);
	}
	buf_free(&b);
}

static void
test_huge_title(void)
{
	const size_t n = 20 * 1024 * 1024 / 3;
	struct buf b;
	struct feed f;
	struct err e = { "" };
	double t0;
	int rc;

	buf_init(&b, 0);
	bomb_big_title_feed(&b, n);
	t0 = tap_now_s();
	rc = feed_parse(b.data, b.len, BASE, &f, &e);
	ok(tap_now_s() - t0 < TAP_HANG_S, "a 20 MB title finishes (%.3f s)", tap_now_s() - t0);
	is_int(rc, 0, "a 20 MB title still gives a feed");
	if (rc == 0) {
		size_t chars = 0;

		for (const char *p = f.items.n ? f.items.v[0].title : ""; *p; p++)
			chars += ((unsigned char)*p & 0xc0) != 0x80;
		ok(f.items.n >= 1 && chars <= FEED_TITLE_MAX + 1 && chars >= 100,
		   "a 20 MB title is cut to a sane length (%zu characters)", chars);
		ok(f.items.n == 2 && strcmp(f.items.v[1].title, "next") == 0,
		   "the item after a 20 MB title is there");
		feed_free(&f);
	}
	buf_free(&b);
}

static void
test_rfc822(void)
{
	static const struct {
		const char *s;
		long long want;
	} t[] = {
		{ "Mon, 04 Jul 2022 12:18:01 +0800", 1656908281 },
		{ "Mon, 04 Jul 2022 04:18:01 GMT", 1656908281 },
		{ "Mon, 04 Jul 2022 12:18:01 CST", 1656908281 },
		{ "Mon, 04 Jul 2022 00:18:01 EDT", 1656908281 },
		{ "Mon, 04 Jul 2022 00:18:01 -04:00", 1656908281 },
		{ "Mon,04 Jul 2022 04:18:01 Z", 1656908281 },
		{ "monday, 4 july 2022 04:18:01 gmt", 1656908281 },
		{ "Tue, 10 Jun 2003 04:00:00 GMT", 1055217600 },
		{ "04-Jul-2022 04:18:01 GMT", 1656908281 },
		{ "Mon, 04 Jul 2022", 1656892800 },       /* midnight UTC, as feedparser reads it */
		{ "4 Jul 89 04:18:01 GMT", 3771289081 },  /* two digits under 90: 20xx */
		{ "Mon, 04 Jul 2022 12:18:01 GMT+08:00", 1656908281 },
		{ "Mon, 04 Jul 2022 12:18:01", 1656908281 }, /* no zone: Beijing time */
		{ "Mon, 32 Jul 2022 04:18:01 GMT", 0 },
		{ "Mon, 04 Foo 2022 04:18:01 GMT", 0 },
		{ "2022-07-04 12:18:01", 0 },             /* not RFC 822: time_parse_cn's */
		{ "", 0 },
	};

	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		is_int(feed_time_rfc822(t[i].s), t[i].want, "RFC 822 date '%s'", t[i].s);
	is_int(feed_time_rfc822(NULL), 0, "no date at all");
}

static void
test_sniff(void)
{
	static const struct {
		const char *s;
		int want;
		const char *name;
	} t[] = {
		{ "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", 1, "an RSS 2.0 URL is a feed" },
		{ "\xef\xbb\xbf<?xml version=\"1.0\"?><!-- hi <b> --><feed xmlns=\"http://www.w3.org/2005/Atom\">", 1,
		  "an Atom URL with BOM and comment is a feed" },
		{ "<?xml version=\"1.0\"?><!DOCTYPE rdf:RDF><rdf:RDF xmlns:rdf=\"x\">", 1, "an RSS 1.0 URL is a feed" },
		{ "<!DOCTYPE html><html><head><title>x</title>", 0, "a web page is not a feed" },
		{ "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", 0, "an XHTML page is not a feed" },
		{ "hello world", 0, "plain text is not a feed" },
		{ "", 0, "nothing is not a feed" },
	};

	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		is_int(feed_sniff(t[i].s, strlen(t[i].s)), t[i].want, "%s", t[i].name);
}

/* The feeds a web page names, as "URL|TITLE" lines. */
static void
test_discover(void)
{
	static const struct {
		const char *page, *want, *name;
	} t[] = {
		{ "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" title=\"园区 动态\""
		  " href=\"/rss/park.xml\"></head><body>x</body></html>",
		  "http://example.com/rss/park.xml|园区 动态\n", "an RSS link, its title, its URL made absolute" },
		{ "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"atom.xml\">"
		  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://x.example/rss\">",
		  "http://example.com/news/atom.xml|-\nhttps://x.example/rss|-\n",
		  "Atom and RSS, in page order; no title: none" },
		{ "<link rel=\"ALTERNATE\" type=\"Application/RSS+XML; charset=utf-8\" href=\"a.xml\">",
		  "http://example.com/news/a.xml|-\n", "rel and type in any case, a type with parameters" },
		{ "<link rel=\"alternate stylesheet\" type=\"application/rss+xml\" href=\"b.xml\">"
		  "<link rel=\"alternate\" type=\"text/html\" href=\"m.html\">"
		  "<link rel=\"alternates\" type=\"application/rss+xml\" href=\"c.xml\">"
		  "<link rel=\"stylesheet\" type=\"application/rss+xml\" href=\"d.xml\">",
		  "http://example.com/news/b.xml|-\n", "only rel alternate (as a word) and a feed's type" },
		{ "<base href=\"http://cdn.example/feeds/\"><link rel=\"alternate\""
		  " type=\"application/rss+xml\" href=\"f.xml\"><link rel=\"alternate\""
		  " type=\"application/rss+xml\" href=\"http://cdn.example/feeds/f.xml\">",
		  "http://cdn.example/feeds/f.xml|-\n", "<base href> counts; a feed named twice is one" },
		{ "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"javascript:alert(1)\">"
		  "<p>no feeds</p>", "", "no feed: nothing, and never a javascript: link" },
	};

	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		struct item_list l;
		struct err e = { "" };
		struct buf b;
		char *got;

		buf_init(&b, 0);
		buf_add(&b, "", 0);
		if (feed_discover(t[i].page, strlen(t[i].page), "http://example.com/news/index.html",
		                  &l, &e) == 0)
			for (size_t k = 0; k < l.n; k++)
				buf_addf(&b, "%s|%s\n", l.v[k].url, l.v[k].title ? l.v[k].title : "-");
		got = buf_steal(&b, NULL);
		is_str(got, t[i].want, "discover: %s", t[i].name);
		free(got);
		item_list_free(&l);
	}
}

int
main(void)
{
	for (size_t i = 0; i < ARRAY_LEN(checks); i++)
		run_check(&checks[i]);
	test_parallel_arrays();
	test_stream();
	test_late_channel();
	test_restart();
	test_not_a_feed();
	test_empty_feed();
	test_stable_urn();
	test_billion_laughs_fast();
	test_deep_nesting();
	test_huge_title();
	test_rfc822();
	test_sniff();
	test_discover();
	for (size_t i = 0; i < ncache; i++)
		feed_free(&cache[i].f);
	return done_testing();
}
