/* feed.h: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 bytes -> items and
 * articles.  A parser: bytes and a base URL in, data out; no I/O. */
#ifndef GX_FEED_H
#define GX_FEED_H

#include <stddef.h>
#include "util.h"
#include "item.h"

struct feed {
	char *title;            /* the channel's title, plain text (else the feed URL) */
	char *link;             /* the channel's web page, absolute, may be NULL */
	const char *format;     /* "RSS 2.0", "RSS 1.0", "Atom 1.0", "RSS 0.91",
	                           "RSS 0.92", "RSS 0.90", "Atom 0.3" (static) */
	struct item_list items; /* url, title, date, time, summary, thumb */
	struct article *articles;   /* parallel to items: url, title, time_text,
	                               time, author, source (the feed's title),
	                               body_html (content:encoded or Atom content,
	                               else description/summary; plain text is
	                               escaped into <p>s), comments -1 */
	size_t narticles;
	unsigned char *summary_only;    /* parallel to items: 1 if the item has
	                                   no content:encoded / Atom content and
	                                   its description is under 2,000 bytes:
	                                   worth opening in full (extract.h) */
	int summary_only_count; /* items with no full content */
	unsigned char *title_made;      /* parallel to items: 1 if the item has
	                                   no title and one was made from its
	                                   text (or "(no title)") */
	char warning[256];      /* "" or what was wrong with a feed that still
	                           gave items (malformed, cut short, read as HTML) */
};

/* Where feed_read() gives the items, a batch at a time, as it reads them. */
struct feed_sink {
	void *user;
	/* batch->narticles items and their articles (with source and author
	 * as far as the channel has said them), in the feed's order.  add may
	 * take them, zeroing batch->items.n and batch->narticles; whatever is
	 * left is freed after the call. */
	int (*add)(void *user, struct feed *batch, struct err *e);
	/* The feed turned out malformed: forget every item given; it is read
	 * again and the items of the better reading follow. */
	int (*restart)(void *user, struct err *e);
	/* The channel's title or author came after items were given: item k
	 * (counted from 0 over all given) has source, and author unless NULL. */
	int (*late)(void *user, size_t k, const char *source, const char *author,
	            struct err *e);
};

enum {
	FEED_NO_SUMMARY = 1 << 0,   /* no item gets a summary (the caller keeps
	                               the article's body, which has the text) */
};

/* feed_parse() of a stream of UTF-8 text, read in pieces: memory does not
 * grow with the feed's size but with its items' URLs.  A well-formed feed
 * is read once, its items going to sink as they are read; a malformed one
 * is read again (in is rewound) as feed_parse says, and sink is restarted.
 * out gets what feed_parse gives but the items and articles (title, link,
 * format, warning, summary_only_count).  Returns 0 or -1 as feed_parse,
 * and -1 when in cannot be read or sink fails. */
int  feed_read(struct src *in, const char *base_url, int flags,
               const struct feed_sink *sink, struct feed *out, struct err *e);

/* Parses a feed.  buf is UTF-8 already (charset.c converted it); an XML
 * encoding declaration in it is ignored.  base_url (the feed's URL, may be
 * NULL) resolves relative links, after any xml:base.  out is overwritten;
 * call feed_free() on it after a success.  Returns 0 (possibly with
 * out->warning set, possibly with no items), or -1 if the bytes are not a
 * feed (an HTML page, empty, unreadable), with e saying so and out empty.
 *
 * What the items get:
 * - url: Atom <link href> with rel="alternate" (or none) and an HTML type
 *   (or none); else a link written as text (RSS <link>, Atom without
 *   href), an alternate one winning over another rel wherever it stands;
 *   else an RSS <guid> that is a permalink (isPermaLink not "false") and
 *   an http(s) URL; else an Atom <id> that is an http(s) URL; resolved
 *   against xml:base and base_url.  An item with none of these gets
 *   "urn:gxnews:" and 16 hex digits of an FNV-1a hash of the feed URL and
 *   its id (<id>, <guid>), or without one its title and date as written,
 *   so it keeps its id (and read state) across refreshes and entries with
 *   other ids stay apart.  An item whose url was seen before in the same
 *   feed is dropped.
 * - title: <title>, else dc:title, else media:title (beside the item or
 *   in media:content or media:group): plain text: tags and comments
 *   stripped and entities decoded when the title holds escaped HTML (RSS,
 *   Atom type="html"), whitespace folded, cut to FEED_TITLE_MAX
 *   characters.  None: the first 40 characters of the description's text,
 *   with "…" if cut; none either: "(no title)".
 * - time: as feedparser reads dates: published (pubDate, Atom published
 *   or issued, dcterms:issued), else updated (Atom updated or modified,
 *   dc:date, dcterms:modified), else created (Atom 0.3 created,
 *   dcterms:created), the first of these that reads.  Forms: RFC 822
 *   (named zones UT, GMT, Z, EST..PDT, military letters, GMT+08:00; CST is
 *   China Standard Time, UTC+8, since the readers are Chinese), W3C-DTF
 *   and ISO 8601, asctime, and the CMS form "2022-07-04 12:18:01".  A day
 *   alone is its midnight UTC, a time after T without zone UTC; a time in
 *   RFC 822 or after a space without zone is Beijing time.  date and
 *   time_text are NULL when the date reads: the time is an instant, shown
 *   in the reader's zone (item.h); the text as given, cut, when it could
 *   not be read (time 0); NULL when there is none.
 * - summary: the description's plain text (description, Atom summary,
 *   CDF abstract, itunes:summary, media:description), else the content's
 *   (content:encoded, Atom content, fullitem, xhtml:body), cut to
 *   FEED_SUMMARY_MAX characters with "…"; thumb: media:thumbnail, an
 *   image media:content or an image enclosure.
 * - author: author, dc:creator, dc:author or itunes:author (Atom: its
 *   <name>), the name out of "me@example.com (Name)" or "Name
 *   <me@example.com>"; else the channel's author.
 * - Atom 0.3 text in mode="base64" is decoded; CDF items' HREF and
 *   LASTMOD attributes are their link and date, and a BASE attribute
 *   counts as xml:base; RSS 1.0's rdf:about is an item's id.
 * - body_html: relative href and src made absolute (against the content's
 *   xml:base); plain text (Atom type="text", an RSS description without
 *   tags) escaped into <p>s, at blank lines if it has any, else at lines.
 * - Control characters (escape sequences) stay in the data: text.c
 *   sanitizes at display time.
 * A malformed or truncated feed gives the items that can be recovered and a
 * warning: it is repaired (bare '&', HTML entities such as &nbsp;, control
 * characters, bad UTF-8) and read again, and libxml2's HTML parser reads
 * it too; the reading with more items wins.  No DTD is loaded and no
 * entity is declared or expanded: &xxe; stays "&xxe;". */
int  feed_parse(const char *buf, size_t len, const char *base_url,
                struct feed *out, struct err *e);
void feed_free(struct feed *f);

/* 1 if the bytes look like a feed (the first element is rss, rdf:RDF or
 * feed), 0 otherwise (an HTML page, say). */
int  feed_sniff(const char *buf, size_t len);

/* The feeds an HTML page names: its <link rel="alternate"> elements of an
 * RSS, Atom or RDF type, in page order, each once (at most 20): url
 * resolved against <base href> and base_url, title the link's title
 * attribute (or NULL).  0 (out may be empty), or -1 for an empty page.  A
 * parser: no I/O. */
int  feed_discover(const char *html, size_t len, const char *base_url,
                   struct item_list *out, struct err *e);

/* RFC 822 / RFC 1123 date ("Mon, 04 Jul 2022 12:18:01 +0800"; two-digit
 * years under 90 in this century, as feedparser reads them; day name,
 * seconds and time optional) to seconds since the epoch: a day alone is
 * its midnight UTC, a time without zone Beijing time; 0 if unparsed. */
int64_t feed_time_rfc822(const char *s);

#define FEED_TITLE_MAX   1000   /* characters */
#define FEED_SUMMARY_MAX 280    /* characters */

#endif
