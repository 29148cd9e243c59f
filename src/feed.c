/* feed.c: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom bytes -> items.
 *
 * libxml2's SAX2 interface streams the feed through a few callbacks and no
 * tree is built.  Nothing is ever declared or expanded from a DTD: the
 * handlers take no declarations, XML_PARSE_NOENT, XML_PARSE_DTDLOAD and
 * XML_PARSE_HUGE are never set, network access is off; so no XXE and no
 * billion laughs, and libxml2's size and depth limits hold.
 *
 * The elements of a channel and of an item are matched by rule tables of
 * (namespace, local name).  The text of the element a rule selects is
 * "captured" into a buffer; markup inside it is written back as HTML when
 * the field is HTML (RSS description, content:encoded, Atom type="html"
 * or "xhtml").  When an item ends, its fields become an item and an
 * article.
 *
 * libxml2 2.9 drops every later &amp; &lt; ... once it has reported an
 * error, and errors are common in feeds (a bare '&' in a link, &nbsp;, a
 * control character).  So a feed that is not well-formed is repaired
 * (bare '&' escaped, HTML entities as numeric references, control
 * characters mapped to private-use characters and back, bad UTF-8 as
 * U+FFFD) and parsed again.  If XML still gives no item, libxml2's HTML
 * parser, which is far more lenient, reads it with the same callbacks. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

#include "feed.h"
#include "html.h"
#include "htmltext.h"
#include "utf8.h"
#include "util.h"

#define CN_OFFSET   (8 * 3600)          /* Asia/Shanghai */
#define SHORT_MAX   (64 * 1024)         /* bytes kept of a title, link, date */
#define BODY_MAX    (4 * 1024 * 1024)   /* bytes kept of a description */
#define AUTHOR_MAX  200                 /* characters */
#define DATE_MAX    64                  /* characters of an unreadable date */
#define FALLBACK_TITLE 40               /* characters of the description */
#define NEST_MAX    64                  /* levels of markup kept in a body */
#define FULL_TEXT   2000                /* bytes: a description this long is the text */
#define FEED_BATCH  64                  /* items given to a sink at a time */

#define XML_OPTS  (XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | \
                   XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC)
#define HTML_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
                   HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC)

/* Control characters other than tab and newlines cannot pass through XML:
 * the repair maps them to U+10FF00 + c (plane 16 private use), and every
 * string taken from such a feed maps them back. */
#define PUA_LEAD "\xf4\x8f\xbc"

/* ---- namespaces and rules ------------------------------------------------ */

enum {
	NS_CORE    = 1 << 0,    /* no namespace, RSS 1.0/0.90, Atom */
	NS_DC      = 1 << 1,
	NS_CONTENT = 1 << 2,
	NS_MEDIA   = 1 << 3,
	NS_DCTERMS = 1 << 4,
	NS_ITUNES  = 1 << 5,
	NS_XHTML   = 1 << 6,
	NS_OTHER   = 1 << 7,
};

static const struct {
	const char *uri;
	int ns;
} ns_uris[] = {
	{ "http://purl.org/rss/1.0/",                  NS_CORE },
	{ "http://my.netscape.com/rdf/simple/0.9/",    NS_CORE },
	{ "http://backend.userland.com/rss2",          NS_CORE },
	{ "http://blogs.law.harvard.edu/tech/rss",     NS_CORE },
	{ "http://www.w3.org/2005/Atom",               NS_CORE },
	{ "http://purl.org/atom/ns#",                  NS_CORE },
	{ "http://purl.org/dc/elements/1.1/",          NS_DC },
	{ "http://purl.org/dc/terms/",                 NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/",  NS_CONTENT },
	{ "http://search.yahoo.com/mrss/",             NS_MEDIA },
	{ "http://search.yahoo.com/mrss",              NS_MEDIA },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://www.itunes.com/DTDs/PodCast-1.0.dtd", NS_ITUNES },
	{ "http://www.w3.org/1999/xhtml",              NS_XHTML },
};

/* Undeclared prefixes (sloppy feeds) and the HTML parser, which keeps
 * "dc:creator" as a name, go by the usual prefixes. */
static const struct {
	const char *prefix;
	int ns;
} ns_prefixes[] = {
	{ "atom", NS_CORE }, { "rss", NS_CORE }, { "dc", NS_DC }, { "dcterms", NS_DCTERMS },
	{ "content", NS_CONTENT }, { "media", NS_MEDIA }, { "itunes", NS_ITUNES },
	{ "xhtml", NS_XHTML },
};

#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_ATOM03  "http://purl.org/atom/ns#"

/* The fields of an item.  Dates come in three kinds, as feedparser
 * reads them: published, else updated, else created. */
enum fd {
	FD_TITLE, FD_LINK, FD_GUID, FD_ID, FD_DESC, FD_CONTENT,
	FD_PUBLISHED, FD_UPDATED, FD_CREATED, FD_AUTHOR, FD_THUMB, FD_COUNT
};

/* How the captured text of a field is to be read. */
enum cm {
	CM_TEXT,    /* plain text (Atom type="text") */
	CM_HTML,    /* HTML source (Atom type="html") */
	CM_XHTML,   /* markup inline (Atom type="xhtml") */
	CM_GUESS,   /* RSS: HTML if it has tags, else plain text */
};

/* A link's priority: an alternate HTML page (rel and type absent, or
 * saying so) over any other link written as text. */
#define LINK_PRIO       2
#define LINK_PRIO_OTHER 1

struct pstate;
struct rec;
struct elem;
struct rule;

typedef void start_fn(struct pstate *p, struct rec *r, const struct rule *ru,
                      const struct elem *el);

struct rule {
	const char *name;
	int ns;
	int fd;
	int prio;       /* a field keeps its highest-priority element */
	start_fn *start;
};

static start_fn start_text, start_typed, start_xhtml, start_link, start_guid,
	start_author, start_thumb, start_media, start_enclosure;

static const struct rule item_rules[] = {
	{ "title",       NS_CORE,          FD_TITLE,   3, start_typed },
	{ "title",       NS_DC,            FD_TITLE,   2, start_typed },
	{ "title",       NS_MEDIA,         FD_TITLE,   1, start_typed },
	{ "link",        NS_CORE,          FD_LINK,    LINK_PRIO, start_link },
	{ "guid",        NS_CORE,          FD_GUID,    1, start_guid },
	{ "id",          NS_CORE,          FD_ID,      1, start_text },
	{ "description", NS_CORE | NS_DC,  FD_DESC,    2, start_typed },
	{ "summary",     NS_CORE,          FD_DESC,    2, start_typed },
	{ "abstract",    NS_CORE,          FD_DESC,    1, start_typed },    /* CDF */
	{ "summary",     NS_ITUNES,        FD_DESC,    1, start_typed },
	{ "description", NS_MEDIA,         FD_DESC,    1, start_typed },
	{ "encoded",     NS_CONTENT,       FD_CONTENT, 2, start_typed },
	{ "content",     NS_CORE,          FD_CONTENT, 2, start_typed },
	{ "fullitem",    NS_CORE,          FD_CONTENT, 2, start_typed },
	{ "body",        NS_CORE | NS_XHTML, FD_CONTENT, 1, start_xhtml },
	{ "pubDate",     NS_CORE,          FD_PUBLISHED, 1, start_text },
	{ "published",   NS_CORE,          FD_PUBLISHED, 1, start_text },
	{ "issued",      NS_CORE | NS_DCTERMS, FD_PUBLISHED, 1, start_text },
	{ "updated",     NS_CORE,          FD_UPDATED, 1, start_text },
	{ "modified",    NS_CORE | NS_DCTERMS, FD_UPDATED, 1, start_text },
	{ "date",        NS_DC,            FD_UPDATED, 1, start_text },
	{ "lastBuildDate", NS_CORE,        FD_UPDATED, 1, start_text },
	{ "created",     NS_CORE | NS_DCTERMS, FD_CREATED, 1, start_text },
	{ "author",      NS_CORE,          FD_AUTHOR,  2, start_author },
	{ "creator",     NS_DC,            FD_AUTHOR,  1, start_text },
	{ "author",      NS_DC | NS_ITUNES, FD_AUTHOR, 1, start_text },
	{ "thumbnail",   NS_MEDIA,         FD_THUMB,   3, start_thumb },
	{ "content",     NS_MEDIA,         FD_THUMB,   2, start_media },
	{ "enclosure",   NS_CORE,          FD_THUMB,   1, start_enclosure },
};

static const struct rule chan_rules[] = {
	{ "title",       NS_CORE,          FD_TITLE,   2, start_typed },
	{ "link",        NS_CORE,          FD_LINK,    LINK_PRIO, start_link },
	{ "author",      NS_CORE,          FD_AUTHOR,  2, start_author },
};

static const struct {
	const char *version;
	const char *format;
} rss_versions[] = {
	{ "0.91", "RSS 0.91" }, { "0.92", "RSS 0.92" }, { "0.93", "RSS 0.92" },
	{ "0.94", "RSS 0.92" }, { "0.90", "RSS 0.90" },
};

/* Elements HTML writes without an end tag. */
static const char *const void_elements[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "param", "source", "track", "wbr",
};

/* ---- parse state ----------------------------------------------------------- */

struct slot {
	struct buf b;
	int   prio;         /* 0: empty */
	int   mode;         /* enum cm */
	int   permalink;    /* guid */
	char *base;         /* xml:base where it was found, NULL: the feed's URL */
};

struct rec {            /* the channel, or the item being read */
	struct slot f[FD_COUNT];
	int open;
	int depth;
};

struct cap {            /* the element whose text is being read */
	int    fd;          /* -1: none */
	int    depth;
	int    mode;
	int    prio;
	int    permalink;
	int    author;      /* Atom <author>: <name> wins */
	int    got_name;
	int    skip_depth;  /* > 0: text below this element is not the field's */
	int    after_void;  /* HTML parser: <link> is void, its text follows it */
	int    base64;      /* Atom 0.3 mode="base64": decode at the end */
	size_t max;
	struct rec *rec;
	struct buf b;
};

/* An element as either parser reports it. */
struct elem {
	const char *local;
	const char *prefix;         /* NULL: none */
	int ns;
	const xmlChar **attrs;      /* SAX2: 5 per attribute; HTML: name, value */
	int nattrs;
	const xmlChar **nsdecl;     /* SAX2: prefix, URI pairs */
	int nnsdecl;
	int sax2;
};

struct base {
	int   depth;
	char *url;
};

struct urlset {
	char **v;           /* the URLs of the items read, NULL: empty */
	size_t cap, n;
};

struct pstate {
	const char *feed_url;
	int    html;            /* the HTML parser is reading */
	int    mapped;          /* control characters were mapped */
	int    depth;
	int    atom;
	int    root_done;
	int    chan_depth;      /* the channel's element, 0: not inside it */
	int    chan_seen;
	int    well_formed;
	int    nerr;
	int    err_line;
	char   err[160];
	char   root[32];        /* the first element, for messages */
	const char *format;
	struct rec chan, item;
	struct cap cap;
	struct base *bases;
	size_t nbases, cbases;
	struct urlset seen;
	size_t items_cap;
	struct feed f;          /* the items read and not given yet */
	size_t nitems;          /* items read in all */
	int    flags;           /* FEED_NO_SUMMARY */
	int    mode;            /* read as it is (-1), repaired for XML (0) or HTML (1) */
	const struct feed_sink *sink;   /* NULL: items are only counted */
	size_t given;           /* items given to the sink */
	unsigned char *lacked;  /* per item given: it had no author of its own */
	char  *given_title;     /* the channel's title and author as they were */
	char  *given_author;    /*   when items were first given */
	int    sink_failed;
	struct err sink_err;
	int    read_failed;     /* the stream gave an error */
	char   read_err[160];
};

/* ---- small string helpers --------------------------------------------------- */

static void
quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static int
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* Appends what fits under max bytes (the cut is mended later). */
static void
add_capped(struct buf *b, const char *s, size_t n, size_t max)
{
	if (b->len >= max)
		return;
	if (n > max - b->len)
		n = max - b->len;
	buf_add(b, s, n);
}

static void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static void
add_cp(struct buf *b, unsigned cp)
{
	char u[4];

	buf_add(b, u, utf8_encode(cp == 0 ? 0xfffd : cp, u));
}

/* Appends s with & < > " escaped for HTML text and attribute values. */
static void
add_escaped(struct buf *b, const char *s, size_t n, size_t max)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: continue;
		}
		add_capped(b, s + start, i - start, max);
		add_capped(b, rep, strlen(rep), max);
		start = i + 1;
	}
	add_capped(b, s + start, n - start, max);
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* The first max characters of s (a UTF-8 string, changed in place);
 * returns 1 if it was cut. */
static int
utf8_cut(char *s, size_t max)
{
	size_t len = strlen(s), n = utf8_prefix(s, len, max);

	s[n] = '\0';
	return n < len;
}

/* Removes a partial UTF-8 sequence at the end of b (a capped buffer). */
static void
utf8_mend(struct buf *b)
{
	if (b->data == NULL)
		return;
	b->len = utf8_whole(b->data, b->len);
	b->data[b->len] = '\0';
}

/* Maps the private-use stand-ins of control characters back. */
static void
unmap_ctl(char *s)
{
	char *r, *w;

	if (s == NULL || strstr(s, PUA_LEAD) == NULL)
		return;
	for (r = w = s; *r != '\0';) {
		if (strncmp(r, PUA_LEAD, 3) == 0 && (unsigned char)r[3] >= 0x80 &&
		    (unsigned char)r[3] < 0xa0) {
			*w++ = (char)((unsigned char)r[3] & 0x1f);
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

static int
has_tag(const char *s, size_t n)
{
	for (const char *p = memchr(s, '<', n); p != NULL;
	     p = memchr(p + 1, '<', n - (size_t)(p + 1 - s))) {
		size_t left = n - (size_t)(p - s);

		if (left > 1 && (is_alnum((unsigned char)p[1]) || p[1] == '/' ||
		                 p[1] == '!') && memchr(p, '>', left) != NULL)
			return 1;
	}
	return 0;
}

/* Plain text to HTML: paragraphs at blank lines if there are any, else at
 * every line. */
static char *
text_to_html(const char *s, size_t n)
{
	struct buf b;
	int blank_lines = strstr(s, "\n\n") != NULL || strstr(s, "\n \n") != NULL;
	size_t i = 0;

	buf_init(&b, 0);
	while (i < n) {
		size_t start = i, end;

		if (blank_lines) {
			const char *e = strstr(s + i, "\n\n");

			end = e != NULL ? (size_t)(e - s) : n;
		} else {
			const char *e = memchr(s + i, '\n', n - i);

			end = e != NULL ? (size_t)(e - s) : n;
		}
		i = end < n ? end + 1 : n;
		while (start < end && blank(s + start, 1))
			start++;
		while (end > start && blank(s + end - 1, 1))
			end--;
		if (start == end)
			continue;
		buf_adds(&b, b.len > 0 ? "\n<p>" : "<p>");
		add_escaped(&b, s + start, end - start, SIZE_MAX);
		buf_adds(&b, "</p>");
	}
	return buf_steal(&b, NULL);
}

static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- dates ------------------------------------------------------------------ */

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec",
};

/* Zone names, in minutes east of UTC, as feedparser knows them, but CST
 * is China Standard Time: the readers of this program are Chinese, and
 * Chinese CMSs write it so. */
static const struct {
	const char *name;
	int minutes;
} zones[] = {
	{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
	{ "ADT", -180 }, { "AST", -240 }, { "AT", -240 },
	{ "EST", -300 }, { "EDT", -240 }, { "ET", -300 },
	{ "CST", 480 }, { "CDT", -300 }, { "CT", -360 },
	{ "MST", -420 }, { "MDT", -360 }, { "MT", -420 },
	{ "PST", -480 }, { "PDT", -420 }, { "PT", -480 },
	{ "A", -60 }, { "N", 60 }, { "M", -720 }, { "Y", 720 },
	{ "MET", 60 }, { "MEST", 120 },
	{ "CCT", 480 }, { "BJT", 480 }, { "HKT", 480 }, { "SGT", 480 },
	{ "JST", 540 }, { "KST", 540 }, { "CET", 60 }, { "CEST", 120 },
	{ "BST", 60 }, { "EET", 120 },
};

static int
is_letter(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static const char *
skip_sp(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ',')
		s++;
	return s;
}

static const char *
read_num(const char *s, int maxdig, int *v, int *ndig)
{
	*v = 0;
	*ndig = 0;
	while (*s >= '0' && *s <= '9' && *ndig < maxdig) {
		*v = *v * 10 + (*s++ - '0');
		(*ndig)++;
	}
	return s;
}

/* Minutes east of UTC of a zone at s ("+0800", "-05:00", "+08", "GMT",
 * "GMT+8", "Etc/GMT"); INT_MIN if there is none. */
static int
zone_minutes(const char *s)
{
	char name[8];
	size_t k = 0;

	s = skip_sp(s);
	if (strncasecmp(s, "Etc/", 4) == 0)
		s += 4;
	if (strncasecmp(s, "GMT", 3) == 0 && (s[3] == '+' || s[3] == '-'))
		s += 3;
	if (*s == '+' || *s == '-') {
		int sign = *s == '+' ? 1 : -1, hh = 0, mm = 0, nd;

		s = read_num(s + 1, 2, &hh, &nd);
		if (nd == 0)
			return INT_MIN;
		if (*s == ':')
			s++;
		read_num(s, 2, &mm, &nd);
		return sign * (hh * 60 + mm);
	}
	while (k < sizeof name - 1 && is_letter((unsigned char)*s))
		name[k++] = *s++;
	name[k] = '\0';
	if (k == 0)
		return INT_MIN;
	for (size_t i = 0; i < ARRAY_LEN(zones); i++)
		if (strcasecmp(name, zones[i].name) == 0)
			return zones[i].minutes;
	return k == 1 ? 0 : INT_MIN;   /* other military letters: UTC */
}

/* A month name at s: 1..12, 0 if none; *end after the word. */
static int
month_at(const char *s, const char **end)
{
	int mon = 0;

	for (size_t i = 0; i < ARRAY_LEN(months); i++)
		if (strncasecmp(s, months[i], 3) == 0)
			mon = (int)i + 1;
	while (is_letter((unsigned char)*s) || *s == '.')
		s++;
	*end = s;
	return mon;
}

/* The instant of a civil time and its zone (minutes east of UTC); 0 if
 * the fields are out of range. */
static int64_t
instant(int y, int mon, int d, int hh, int mi, int ss, int zone)
{
	if (y < 1970 || mon < 1 || mon > 12 || d < 1 || d > 31 || hh > 24 || mi > 59 || ss > 60)
		return 0;
	return days_from_civil(y, mon, d) * 86400 + hh * 3600 + mi * 60 + ss -
	       (int64_t)zone * 60;
}

/* hh:mm[:ss] at s; returns where it ends, or NULL if there is none. */
static const char *
clock_at(const char *s, int *hh, int *mi, int *ss)
{
	int nd;

	*hh = *mi = *ss = 0;
	s = read_num(s, 2, hh, &nd);
	if (nd == 0 || *s != ':')
		return NULL;
	s = read_num(s + 1, 2, mi, &nd);
	if (nd != 2)
		return NULL;
	if (*s == ':')
		s = read_num(s + 1, 2, ss, &nd);
	return s;
}

int64_t
feed_time_rfc822(const char *s)
{
	int day, mon, year, hh = 0, mi = 0, ss = 0, nd, zone;
	const char *after;

	if (s == NULL)
		return 0;
	s = skip_sp(s);
	if (is_letter((unsigned char)*s)) {    /* day name */
		while (is_letter((unsigned char)*s) || *s == '.')
			s++;
		s = skip_sp(s);
	}
	s = read_num(s, 2, &day, &nd);
	if (nd == 0 || (*s != ' ' && *s != '-'))
		return 0;
	s = skip_sp(*s == '-' ? s + 1 : s);
	mon = month_at(s, &s);
	if (mon == 0)
		return 0;
	s = skip_sp(*s == '-' ? s + 1 : s);
	s = read_num(s, 4, &year, &nd);
	if (nd == 2)
		year += year < 90 ? 2000 : 1900;
	else if (nd != 4)
		return 0;
	s = skip_sp(s);
	if (*s == '\0')         /* a date alone: its midnight, UTC */
		return instant(year, mon, day, 0, 0, 0, 0);
	after = clock_at(s, &hh, &mi, &ss);
	if (after == NULL)
		return 0;
	zone = zone_minutes(after);
	if (zone == INT_MIN)
		zone = CN_OFFSET / 60;
	return instant(year, mon, day, hh, mi, ss, zone);
}

/* The date of W3C-DTF / ISO 8601 at s: YYYY, YYYY-MM, YYYY-MM-DD,
 * YYYYMMDD or YYYY-DDD; *end after it; 0 if none. */
static int64_t
iso_day(const char *s, const char **end)
{
	int y, m = 1, d = 1, nd, v;

	s = read_num(s, 4, &y, &nd);
	if (nd != 4 || y < 1970)
		return 0;
	if (*s == '-') {
		s = read_num(s + 1, 3, &v, &nd);
		if (nd == 3) {          /* ordinal day */
			*end = s;
			return v >= 1 && v <= 366 ? (days_from_civil(y, 1, 1) + v - 1) * 86400 : 0;
		}
		if (nd != 2)
			return 0;
		m = v;
		if (*s == '-') {
			s = read_num(s + 1, 2, &d, &nd);
			if (nd != 2)
				return 0;
		}
	} else if (*s >= '0' && *s <= '9') {
		s = read_num(s, 4, &v, &nd);
		if (nd != 4)
			return 0;
		m = v / 100;
		d = v % 100;
	}
	*end = s;
	return instant(y, m, d, 0, 0, 0, 0);
}

/* W3C-DTF and the ISO 8601 forms feeds write: a date (see iso_day), then
 * T or a space and hh:mm[:ss[.fraction]] or hhmm[ss], then Z or an
 * offset.  A date alone is its midnight UTC, and so is a time after T
 * without zone (as feedparser takes them); a time after a space without
 * zone is Beijing time (Chinese CMSs write their local time so). */
static int64_t
iso_time(const char *s)
{
	const char *p;
	int64_t day;
	int hh = 0, mi = 0, ss = 0, nd, zone;
	char sep;

	if (s == NULL)
		return 0;
	day = iso_day(skip_sp(s), &p);
	if (day == 0)
		return 0;
	sep = *p;
	if (sep != 'T' && sep != 't' && !(sep == ' ' && p[1] >= '0' && p[1] <= '9'))
		return *skip_sp(p) == '\0' ? day : 0;
	p = read_num(p + 1, 2, &hh, &nd);
	if (nd != 2)
		return 0;
	if (*p == ':')
		p++;
	p = read_num(p, 2, &mi, &nd);
	if (*p == ':')
		p++;
	p = read_num(p, 2, &ss, &nd);
	while (*p == '.' || *p == ',' || (*p >= '0' && *p <= '9'))
		p++;
	zone = zone_minutes(p);
	if (zone == INT_MIN)
		zone = sep == ' ' ? CN_OFFSET / 60 : 0;
	if (hh > 24 || mi > 59 || ss > 60)
		return 0;
	return day + hh * 3600 + mi * 60 + ss - (int64_t)zone * 60;
}

/* asctime: "Sun Jan  4 16:29:06 2004", a zone perhaps before the year;
 * without one, UTC. */
static int64_t
asctime_time(const char *s)
{
	int mon, day, year, hh, mi, ss, nd, zone = 0;
	const char *p = skip_sp(s);

	while (is_letter((unsigned char)*p))      /* day name */
		p++;
	mon = month_at(skip_sp(p), &p);
	if (mon == 0)
		return 0;
	p = read_num(skip_sp(p), 2, &day, &nd);
	if (nd == 0 || (p = clock_at(skip_sp(p), &hh, &mi, &ss)) == NULL)
		return 0;
	p = skip_sp(p);
	if (!(*p >= '0' && *p <= '9')) {
		zone = zone_minutes(p);
		if (zone == INT_MIN)
			return 0;
		while (*p != '\0' && *p != ' ')
			p++;
	}
	read_num(skip_sp(p), 4, &year, &nd);
	return nd == 4 ? instant(year, mon, day, hh, mi, ss, zone) : 0;
}

/* A date as Chinese CMSs write it (2022年7月4日 12:18, 2022.07.04) in the
 * form time_parse_cn reads (2022-7-4 12:18), Beijing time unless zoned. */
static int64_t
cn_time(const char *s)
{
	char norm[64];
	size_t n = 0;
	int date = 1;           /* still in the date: a '.' is a separator */

	for (const char *p = skip_sp(s); *p != '\0' && n + 2 < sizeof norm; p++) {
		if (strncmp(p, "年", 3) == 0 || strncmp(p, "月", 3) == 0) {
			norm[n++] = '-';
			p += 2;
		} else if (strncmp(p, "日", 3) == 0) {
			norm[n++] = ' ';        /* before a time written without a space */
			p += 2;
			date = 0;
		} else {
			if (*p == ' ' || *p == ':')
				date = 0;
			norm[n++] = *p == '.' && date ? '-' : *p;
		}
	}
	norm[n] = '\0';
	return time_parse_cn(norm);
}

static int64_t
parse_time(const char *s)
{
	int64_t t = feed_time_rfc822(s);

	if (t == 0)
		t = iso_time(s);
	if (t == 0)
		t = asctime_time(s);
	if (t == 0)
		t = time_parse_cn(s);
	return t != 0 ? t : cn_time(s);
}

/* ---- elements and attributes --------------------------------------------------- */

static int
ns_class(const char *uri, const char *prefix)
{
	if (uri != NULL && *uri != '\0') {
		for (size_t i = 0; i < ARRAY_LEN(ns_uris); i++)
			if (strcmp(uri, ns_uris[i].uri) == 0)
				return ns_uris[i].ns;
		return NS_OTHER;
	}
	if (prefix == NULL || *prefix == '\0')
		return NS_CORE;
	for (size_t i = 0; i < ARRAY_LEN(ns_prefixes); i++)
		if (strcasecmp(prefix, ns_prefixes[i].prefix) == 0)
			return ns_prefixes[i].ns;
	return NS_OTHER;
}

/* Whether an HTML-parser attribute name is [prefix:]local. */
static int
html_attr_is(const char *name, const char *prefix, const char *local)
{
	size_t pl;

	if (prefix == NULL)
		return strcasecmp(name, local) == 0;
	pl = strlen(prefix);
	return strncasecmp(name, prefix, pl) == 0 && name[pl] == ':' &&
	       strcasecmp(name + pl + 1, local) == 0;
}

/* SAX2 keeps '&' in attribute values as "&#38;", unknown entities as
 * written: decode them. */
static char *
attr_decode(const char *val, const char *end)
{
	struct buf b;

	if (memchr(val, '&', (size_t)(end - val)) == NULL)
		return xstrndup(val, (size_t)(end - val));
	buf_init(&b, 0);
	for (const char *p = val; p < end;) {
		size_t used = 0;
		unsigned cp = *p == '&' ? htmltext_entity(p, (size_t)(end - p), &used) : 0;

		if (cp != 0) {
			add_cp(&b, cp);
			p += used;
		} else {
			buf_add(&b, p++, 1);
		}
	}
	return buf_steal(&b, NULL);
}

/* An attribute's value (prefix NULL: any), decoded, malloc'd; or NULL. */
static char *
attr_get(const struct elem *el, const char *prefix, const char *local)
{
	for (int i = 0; i < el->nattrs; i++) {
		if (el->sax2) {
			const xmlChar **a = el->attrs + 5 * i;
			const char *pfx = (const char *)a[1];

			if (strcasecmp((const char *)a[0], local) != 0 ||
			    (prefix != NULL && (pfx == NULL || strcmp(pfx, prefix) != 0)))
				continue;
			return attr_decode((const char *)a[3], (const char *)a[4]);
		}
		const xmlChar **a = el->attrs + 2 * i;

		if (html_attr_is((const char *)a[0], prefix, local))
			return xstrdup(a[1] != NULL ? (const char *)a[1] : "");
	}
	return NULL;
}

static int
attr_is(const struct elem *el, const char *local, const char *want)
{
	char *v = attr_get(el, NULL, local);
	int yes = v != NULL && strcasecmp(html_squeeze(v), want) == 0;

	free(v);
	return yes;
}

static int
attr_starts(const struct elem *el, const char *local, const char *prefix)
{
	char *v = attr_get(el, NULL, local);
	int yes = v != NULL && strncasecmp(html_squeeze(v), prefix, strlen(prefix)) == 0;

	free(v);
	return yes;
}

static int
declares(const struct elem *el, const char *uri)
{
	if (el->sax2) {
		for (int i = 0; i < el->nnsdecl; i++)
			if (el->nsdecl[2 * i + 1] != NULL &&
			    strcmp((const char *)el->nsdecl[2 * i + 1], uri) == 0)
				return 1;
		return 0;
	}
	for (int i = 0; i < el->nattrs; i++)
		if (strncasecmp((const char *)el->attrs[2 * i], "xmlns", 5) == 0 &&
		    el->attrs[2 * i + 1] != NULL &&
		    strcmp((const char *)el->attrs[2 * i + 1], uri) == 0)
			return 1;
	return 0;
}

static int
is_void(const char *local)
{
	for (size_t i = 0; i < ARRAY_LEN(void_elements); i++)
		if (strcasecmp(local, void_elements[i]) == 0)
			return 1;
	return 0;
}

/* ---- xml:base ---------------------------------------------------------------- */

static const char *
cur_base(const struct pstate *p)
{
	return p->nbases > 0 ? p->bases[p->nbases - 1].url : p->feed_url;
}

/* xml:base, or a bare base attribute (CDF writes BASE) as feedparser
 * reads it. */
static void
base_push(struct pstate *p, const struct elem *el)
{
	char *v = attr_get(el, "xml", "base");
	xmlChar *abs;

	if (v == NULL)
		v = attr_get(el, NULL, "base");
	if (v == NULL)
		return;
	abs = xmlBuildURI((const xmlChar *)html_squeeze(v), (const xmlChar *)cur_base(p));
	if (p->nbases == p->cbases) {
		p->cbases = p->cbases ? 2 * p->cbases : 8;
		p->bases = xrealloc(p->bases, p->cbases * sizeof *p->bases);
	}
	p->bases[p->nbases].depth = p->depth;
	p->bases[p->nbases++].url = abs != NULL ? xstrdup((const char *)abs) : xstrdup(v);
	xmlFree(abs);
	free(v);
}

static void
base_pop(struct pstate *p)
{
	if (p->nbases > 0 && p->bases[p->nbases - 1].depth == p->depth)
		free(p->bases[--p->nbases].url);
}

/* ---- fields -------------------------------------------------------------------- */

static void
slot_clear(struct slot *s)
{
	buf_reset(&s->b);
	s->prio = 0;
	s->mode = CM_TEXT;
	s->permalink = 0;
	xfree_set(&s->base, NULL);
}

static void
rec_open(struct rec *r, int depth)
{
	for (int i = 0; i < FD_COUNT; i++)
		slot_clear(&r->f[i]);
	r->open = 1;
	r->depth = depth;
}

static void
rec_free(struct rec *r)
{
	for (int i = 0; i < FD_COUNT; i++) {
		buf_free(&r->f[i].b);
		free(r->f[i].base);
	}
}

static void
slot_set_url(struct pstate *p, struct rec *r, int fd, int prio, const char *href)
{
	struct slot *s = &r->f[fd];
	char *url;

	if (href == NULL || prio <= s->prio)
		return;
	url = html_resolve(cur_base(p), href);
	if (url == NULL)
		return;
	buf_reset(&s->b);
	buf_adds(&s->b, url);
	s->prio = prio;
	free(url);
}

static void
cap_begin(struct pstate *p, struct rec *r, const struct rule *ru, int mode)
{
	struct cap *c = &p->cap;

	c->fd = ru->fd;
	c->depth = p->depth;
	c->mode = mode;
	c->prio = ru->prio;
	c->permalink = c->author = c->got_name = c->skip_depth = c->after_void = 0;
	c->base64 = 0;
	c->max = ru->fd == FD_DESC || ru->fd == FD_CONTENT ? BODY_MAX : SHORT_MAX;
	c->rec = r;
	buf_reset(&c->b);
}

static int
base64_value(int c)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *d = c != '\0' ? strchr(digits, c) : NULL;

	return d != NULL ? (int)(d - digits) : -1;
}

/* Decodes base64 text in b (whitespace skipped, '=' ends it) into valid
 * UTF-8 (a bad sequence or a NUL as U+FFFD); leaves b as it is if it is
 * not base64. */
static void
base64_decode(struct buf *b)
{
	struct buf out;
	size_t w = 0, end = 0;
	unsigned acc = 0;
	int bits = 0;

	for (; end < b->len && b->data[end] != '='; end++)
		if (base64_value((unsigned char)b->data[end]) < 0 && !blank(b->data + end, 1))
			return;
	for (size_t i = 0; i < end; i++) {
		int v = base64_value((unsigned char)b->data[i]);

		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			b->data[w++] = (char)((acc >> bits) & 0xff);
		}
	}
	buf_init(&out, 0);
	buf_add(&out, "", 0);
	for (size_t i = 0; i < w;) {
		uint32_t cp;
		size_t n = utf8_decode(b->data + i, w - i, &cp);

		buf_add(&out, cp == UTF8_BAD || cp == 0 ? UTF8_REPLACEMENT : b->data + i,
		        cp == UTF8_BAD || cp == 0 ? 3 : n);
		i += n;
	}
	buf_free(b);
	*b = out;
}

static void
cap_commit(struct pstate *p)
{
	struct cap *c = &p->cap;
	int fd = c->fd;
	struct slot *s = &c->rec->f[fd];

	c->fd = -1;
	if (c->prio <= s->prio || blank(c->b.data ? c->b.data : "", c->b.len))
		return;
	if (c->base64)
		base64_decode(&c->b);
	utf8_mend(&c->b);
	if (fd == FD_LINK) {
		slot_set_url(p, c->rec, FD_LINK, c->prio, c->b.data);
		return;
	}
	struct buf t = s->b;

	s->b = c->b;
	c->b = t;
	buf_reset(&c->b);
	s->prio = c->prio;
	s->mode = c->mode;
	s->permalink = c->permalink;
	if (cur_base(p) != p->feed_url)
		xfree_set(&s->base, xstrdup(cur_base(p)));
}

/* Atom's type attribute (and Media RSS's "plain" and "html"); -1: not
 * text, skip it. */
static int
type_mode(const struct elem *el, int dflt)
{
	static const struct {
		const char *type;
		int mode;
	} types[] = {
		{ "text", CM_TEXT }, { "html", CM_HTML }, { "xhtml", CM_XHTML },
		{ "text/html", CM_HTML }, { "application/xhtml+xml", CM_XHTML },
		{ "text/plain", CM_TEXT }, { "plain", CM_TEXT },     /* Media RSS */
	};
	char *t = attr_get(el, NULL, "type");
	int mode = dflt;

	if (t != NULL) {
		html_squeeze(t);
		mode = str_starts(t, "text/") ? CM_TEXT : -1;
		for (size_t i = 0; i < ARRAY_LEN(types); i++)
			if (strcasecmp(t, types[i].type) == 0)
				mode = types[i].mode;
		if (*t == '\0')
			mode = dflt;
	}
	free(t);
	return mode;
}

static void
start_text(struct pstate *p, struct rec *r, const struct rule *ru,
           const struct elem *el)
{
	(void)el;
	cap_begin(p, r, ru, CM_TEXT);
}

/* <body> (xhtml:body): the item's text as inline XHTML. */
static void
start_xhtml(struct pstate *p, struct rec *r, const struct rule *ru,
            const struct elem *el)
{
	(void)el;
	cap_begin(p, r, ru, CM_XHTML);
}

static void
start_typed(struct pstate *p, struct rec *r, const struct rule *ru,
            const struct elem *el)
{
	int dflt = p->atom ? CM_TEXT : CM_GUESS;
	int mode = ru->ns == NS_CONTENT ? CM_GUESS : type_mode(el, dflt);
	char *src = attr_get(el, NULL, "src");

	if (mode >= 0 && src == NULL) {
		cap_begin(p, r, ru, mode);
		p->cap.base64 = attr_is(el, "mode", "base64");
	}
	free(src);
}

/* Whether a link is the entry's web page: rel alternate (or none) and
 * an HTML type (or none), as feedparser takes it. */
static int
link_is_page(const struct elem *el)
{
	char *rel = attr_get(el, NULL, "rel");
	char *type = attr_get(el, NULL, "type");
	int yes = (rel == NULL || strcasecmp(html_squeeze(rel), "alternate") == 0) &&
	          (type == NULL || strcasecmp(html_squeeze(type), "text/html") == 0 ||
	           strcasecmp(type, "application/xhtml+xml") == 0);

	free(rel);
	free(type);
	return yes;
}

/* Atom's <link href> counts only as the page; a link written as text (RSS,
 * and Atom written so by mistake) counts whatever its rel, but a page
 * link wins over it wherever it stands. */
static void
start_link(struct pstate *p, struct rec *r, const struct rule *ru,
           const struct elem *el)
{
	char *href = attr_get(el, NULL, "href");
	int page = link_is_page(el);

	if (href == NULL) {
		cap_begin(p, r, ru, CM_TEXT);
		p->cap.prio = page ? LINK_PRIO : LINK_PRIO_OTHER;
	} else if (page) {
		slot_set_url(p, r, ru->fd, LINK_PRIO, href);
	}
	free(href);
}

static void
start_guid(struct pstate *p, struct rec *r, const struct rule *ru,
           const struct elem *el)
{
	cap_begin(p, r, ru, CM_TEXT);
	p->cap.permalink = !attr_is(el, "isPermaLink", "false");
}

static void
start_author(struct pstate *p, struct rec *r, const struct rule *ru,
             const struct elem *el)
{
	(void)el;
	cap_begin(p, r, ru, CM_TEXT);
	p->cap.author = 1;
}

static void
start_thumb(struct pstate *p, struct rec *r, const struct rule *ru,
            const struct elem *el)
{
	char *url = attr_get(el, NULL, "url");

	slot_set_url(p, r, ru->fd, ru->prio, url);
	free(url);
}

static void
start_media(struct pstate *p, struct rec *r, const struct rule *ru,
            const struct elem *el)
{
	if (attr_is(el, "medium", "image") || attr_starts(el, "type", "image/"))
		start_thumb(p, r, ru, el);
}

static void
start_enclosure(struct pstate *p, struct rec *r, const struct rule *ru,
                const struct elem *el)
{
	if (attr_starts(el, "type", "image/"))
		start_thumb(p, r, ru, el);
}

static void
field_start(struct pstate *p, struct rec *r, const struct rule *rules,
            size_t n, const struct elem *el)
{
	char c0 = (char)(el->local[0] | 0x20);

	for (size_t i = 0; i < n; i++) {
		const struct rule *ru = &rules[i];

		if ((ru->name[0] | 0x20) != c0 || !(ru->ns & el->ns) ||
		    strcasecmp(ru->name, el->local) != 0)
			continue;
		if (ru->prio > r->f[ru->fd].prio)
			ru->start(p, r, ru, el);
		return;
	}
}

/* ---- items ------------------------------------------------------------------- */

/* The slot's text as a plain-text title, or NULL if empty. */
static char *
slot_title(const struct slot *s)
{
	struct buf b;
	int cut;

	if (s->prio == 0)
		return NULL;
	if (s->mode == CM_TEXT || (memchr(s->b.data, '<', s->b.len) == NULL &&
	                           memchr(s->b.data, '&', s->b.len) == NULL))
		return html_squeeze(xstrndup(s->b.data, s->b.len));
	buf_init(&b, 0);
	htmltext(&b, s->b.data, s->b.len, SIZE_MAX, &cut);
	return html_squeeze(buf_steal(&b, NULL));
}

/* Plain text of an HTML (or text) slot, max characters, "…" if cut. */
static char *
slot_plain(const struct slot *s, size_t max)
{
	struct buf b;
	int cut = 0;
	size_t n;

	if (s->prio == 0)
		return NULL;
	buf_init(&b, 0);
	n = 4 * max + 8;
	b.data = xmalloc(n);    /* room for the text and a "…" */
	b.data[0] = '\0';
	b.cap = n;
	if (s->mode == CM_TEXT) {
		buf_add(&b, s->b.data, s->b.len < 4 * max ? s->b.len : 4 * max);
		utf8_mend(&b);
	} else {
		htmltext(&b, s->b.data, s->b.len, max + max / 2, &cut);
	}
	html_squeeze(b.data);
	b.len = strlen(b.data);
	cut |= utf8_cut(b.data, max);
	b.len = strlen(b.data);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	if (cut)
		buf_adds(&b, "…");
	return buf_steal(&b, NULL);
}

/* href="…" and src="…" that are not absolute. */
static int
has_relative_url(const char *s, size_t n)
{
	for (const char *eq = memchr(s, '=', n); eq != NULL;
	     eq = memchr(eq + 1, '=', n - (size_t)(eq + 1 - s))) {
		size_t off = (size_t)(eq - s);
		const char *v = eq + 1;

		if (!((off >= 4 && strncasecmp(eq - 4, "href", 4) == 0) ||
		      (off >= 3 && strncasecmp(eq - 3, "src", 3) == 0)))
			continue;
		if (*v == '"' || *v == '\'')
			v++;
		if (strncasecmp(v, "http://", 7) != 0 && strncasecmp(v, "https://", 8) != 0 &&
		    strncasecmp(v, "mailto:", 7) != 0 && strncasecmp(v, "data:", 5) != 0 &&
		    *v != '#')
			return 1;
	}
	return 0;
}

/* Rewrites href and src in an HTML fragment to absolute URLs. */
static char *
absolutize(char *html, const char *base)
{
	htmlDocPtr doc;
	xmlNodePtr body = NULL, n;
	struct buf b;

	if (base == NULL || !has_relative_url(html, strlen(html)))
		return html;
	doc = html_parse(html, strlen(html));
	if (doc == NULL)
		return html;
	for (n = xmlDocGetRootElement(doc); n != NULL; ) {
		if (n->type == XML_ELEMENT_NODE) {
			static const char *const attrs[] = { "href", "src" };

			if (body == NULL && strcmp((const char *)n->name, "body") == 0)
				body = n;
			for (size_t i = 0; i < ARRAY_LEN(attrs); i++) {
				xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[i]);
				char *abs = v != NULL ? html_resolve(base, (const char *)v) : NULL;

				if (abs != NULL)
					xmlSetProp(n, (const xmlChar *)attrs[i], (const xmlChar *)abs);
				free(abs);
				xmlFree(v);
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent;
		if (n != NULL)
			n = n->next;
	}
	buf_init(&b, 0);
	for (n = body != NULL ? body->children : NULL; n != NULL; n = n->next) {
		char *s = html_serialize(n);

		buf_adds(&b, s);
		free(s);
	}
	xmlFreeDoc(doc);
	free(html);
	return buf_steal(&b, NULL);
}

static char *
slot_body(const struct pstate *p, const struct slot *s)
{
	const char *base = s->base != NULL ? s->base : p->feed_url;
	char *html;

	if (s->mode == CM_TEXT || (s->mode == CM_GUESS && !has_tag(s->b.data, s->b.len)))
		return text_to_html(s->b.data, s->b.len);
	size_t from = 0, to = s->b.len;

	while (from < to && blank(s->b.data + from, 1))
		from++;
	while (to > from && blank(s->b.data + to - 1, 1))
		to--;
	html = xstrndup(s->b.data + from, to - from);
	return absolutize(html, base);
}

/* Atom's <id> or RSS's permalink <guid>, if it is a web address. */
static char *
guid_url(const struct slot *s)
{
	char *v, *url = NULL;

	if (s->prio == 0)
		return NULL;
	v = html_squeeze(xstrndup(s->b.data, s->b.len));
	if (str_starts(v, "http://") || str_starts(v, "https://") ||
	    str_starts(v, "HTTP://") || str_starts(v, "HTTPS://"))
		url = html_resolve(NULL, v);
	free(v);
	return url;
}

static int
is_email_char(int c, int domain)
{
	return is_alnum(c) || c == '.' || c == '-' || (!domain && (c == '_' || c == '+'));
}

/* Removes the e-mail address in a ("me@example.com"), and then "()",
 * "<>" and the parentheses around what is left, as feedparser does; a
 * stays as it is if that leaves nothing. */
static void
drop_email(char *a)
{
	char *at = strchr(a, '@'), *from, *to;
	struct buf b;

	if (at == NULL)
		return;
	for (from = at; from > a && is_email_char((unsigned char)from[-1], 0); from--)
		;
	for (to = at + 1; is_email_char((unsigned char)*to, 1); to++)
		;
	if (from == at || to == at + 1 || memchr(at + 1, '.', (size_t)(to - at - 1)) == NULL)
		return;
	buf_init(&b, 0);
	buf_add(&b, a, (size_t)(from - a));
	buf_adds(&b, to);
	for (const char *pair = "()<>"; *pair != '\0'; pair += 2)
		for (char *e; (e = memmem(b.data, b.len, pair, 2)) != NULL; b.len -= 2)
			memmove(e, e + 2, b.len - (size_t)(e - b.data) - 1);
	html_squeeze(b.data);
	if (b.data[0] == '(')
		memmove(b.data, b.data + 1, strlen(b.data));
	if (b.data[0] != '\0' && b.data[strlen(b.data) - 1] == ')')
		b.data[strlen(b.data) - 1] = '\0';
	html_squeeze(b.data);
	if (b.data[0] != '\0')
		strcpy(a, b.data);
	buf_free(&b);
}

/* An author's name: "Name" out of "me@example.com (Name)" or "Name
 * <me@example.com>"; an address alone stays. */
static char *
author_name(const struct slot *s)
{
	char *a;

	if (s->prio == 0)
		return NULL;
	a = html_squeeze(xstrndup(s->b.data, s->b.len));
	drop_email(a);
	utf8_cut(a, AUTHOR_MAX);
	if (*a == '\0')
		xfree_set(&a, NULL);
	return a;
}

static int
seen_url(struct pstate *p, const char *url)
{
	struct urlset *u = &p->seen;
	size_t i;

	if (2 * (u->n + 1) > u->cap) {
		size_t ncap = u->cap ? 2 * u->cap : 64;
		char **nv = xcalloc(ncap, sizeof *nv);

		for (size_t k = 0; k < u->cap; k++) {
			if (u->v[k] == NULL)
				continue;
			for (i = fnv1a(0xcbf29ce484222325ULL, u->v[k]) & (ncap - 1); nv[i] != NULL;
			     i = (i + 1) & (ncap - 1))
				;
			nv[i] = u->v[k];
		}
		free(u->v);
		u->v = nv;
		u->cap = ncap;
	}
	for (i = fnv1a(0xcbf29ce484222325ULL, url) & (u->cap - 1); u->v[i] != NULL;
	     i = (i + 1) & (u->cap - 1))
		if (strcmp(u->v[i], url) == 0)
			return 1;
	u->v[i] = xstrdup(url);
	u->n++;
	return 0;
}

static void
fix_ctl(const struct pstate *p, char *s)
{
	if (p->mapped)
		unmap_ctl(s);
}

/* The channel's title as the feed gives it (else its URL), and its
 * author, as read so far. */
static char *
chan_title(const struct pstate *p)
{
	char *t = slot_title(&p->chan.f[FD_TITLE]);

	if (str_empty(t))
		xfree_set(&t, xstrdup(p->feed_url ? p->feed_url : ""));
	fix_ctl(p, t);
	utf8_cut(t, FEED_TITLE_MAX);
	return t;
}

static int
same_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Empties the batch of items read: the articles get the channel's title
 * as their source and its author where they have none, and go to the sink
 * (if any), which may take them. */
static void
give(struct pstate *p)
{
	struct feed *f = &p->f;
	char *title, *author;

	if (p->sink != NULL && !p->sink_failed && f->narticles > 0) {
		title = chan_title(p);
		author = author_name(&p->chan.f[FD_AUTHOR]);
		p->lacked = xrealloc(p->lacked, p->given + f->narticles);
		for (size_t i = 0; i < f->narticles; i++) {
			struct article *a = &f->articles[i];

			p->lacked[p->given + i] = a->author == NULL;
			a->source = xstrdup(title);
			if (a->author == NULL)
				a->author = xstrdup(author);
		}
		/* the channel's slots are filled once: if the first batch had
		 * the final title and author, every batch had */
		if (p->given == 0) {
			p->given_title = title;
			p->given_author = author;
		} else {
			free(title);
			free(author);
		}
		p->given += f->narticles;
		if (p->sink->add(p->sink->user, f, &p->sink_err) < 0)
			p->sink_failed = 1;
	}
	for (size_t i = 0; i < f->items.n; i++)
		item_free(&f->items.v[i]);
	f->items.n = 0;
	for (size_t i = 0; i < f->narticles; i++)
		article_free(&f->articles[i]);
	f->narticles = 0;
}

/* The last of the items go to the sink; those given before the channel's
 * title or author was read are told them now. */
static void
give_rest(struct pstate *p)
{
	char *title, *author;

	give(p);
	if (p->sink == NULL || p->sink_failed || p->given == 0)
		return;
	title = chan_title(p);
	author = author_name(&p->chan.f[FD_AUTHOR]);
	if (!same_str(title, p->given_title) || !same_str(author, p->given_author))
		for (size_t k = 0; k < p->given && !p->sink_failed; k++)
			if (p->sink->late(p->sink->user, k, title, p->lacked[k] ? author : NULL,
			                  &p->sink_err) < 0)
				p->sink_failed = 1;
	free(title);
	free(author);
}

static void
item_add(struct pstate *p, char *url, char *title, int made, char *date, int64_t t,
         const struct rec *r)
{
	struct feed *f = &p->f;
	const struct slot *body = r->f[FD_CONTENT].prio ? &r->f[FD_CONTENT] : &r->f[FD_DESC];
	struct item *it;
	struct article *a;
	int summary = !(p->flags & FEED_NO_SUMMARY);
	char *desc_text = summary ? slot_plain(&r->f[FD_DESC], FEED_SUMMARY_MAX) : NULL;

	if (f->narticles == p->items_cap) {
		p->items_cap = p->items_cap ? 2 * p->items_cap : 16;
		f->articles = xrealloc(f->articles, p->items_cap * sizeof *f->articles);
		f->summary_only = xrealloc(f->summary_only, p->items_cap);
		f->title_made = xrealloc(f->title_made, p->items_cap);
	}
	it = item_list_add(&f->items);
	a = &f->articles[f->narticles];
	memset(a, 0, sizeof *a);
	it->url = url;
	it->title = title;
	it->date = date;
	it->time = t;
	it->summary = desc_text != NULL || !summary ? desc_text
	                                            : slot_plain(&r->f[FD_CONTENT], FEED_SUMMARY_MAX);
	it->thumb = r->f[FD_THUMB].prio ? xstrdup(r->f[FD_THUMB].b.data) : NULL;
	a->url = xstrdup(url);
	a->title = xstrdup(title);
	a->time_text = xstrdup(date);
	a->time = t;
	a->author = author_name(&r->f[FD_AUTHOR]);
	a->comments = -1;
	a->body_html = body->prio ? slot_body(p, body) : xstrdup("");
	f->summary_only[f->narticles] = r->f[FD_CONTENT].prio == 0 &&
	                                 r->f[FD_DESC].b.len < FULL_TEXT;
	f->summary_only_count += f->summary_only[f->narticles];
	f->title_made[f->narticles] = (unsigned char)made;
	fix_ctl(p, it->title);
	fix_ctl(p, it->date);
	fix_ctl(p, a->time_text);
	fix_ctl(p, it->summary);
	fix_ctl(p, a->title);
	fix_ctl(p, a->author);
	fix_ctl(p, a->body_html);
	f->narticles++;
	p->nitems++;
	if (f->narticles >= FEED_BATCH)
		give(p);
}

/* The item's date as written and its instant: the first of published,
 * updated and created that reads as a date, else the first written (an
 * instant of 0, the text shown as it is, cut to DATE_MAX characters). */
static char *
item_date(const struct rec *r, int64_t *t)
{
	static const int kinds[] = { FD_PUBLISHED, FD_UPDATED, FD_CREATED };
	char *shown = NULL;

	*t = 0;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		const struct slot *s = &r->f[kinds[i]];
		char *raw;

		if (s->prio == 0)
			continue;
		raw = html_squeeze(xstrndup(s->b.data, s->b.len));
		*t = parse_time(raw);
		if (*t != 0) {
			free(shown);
			return raw;
		}
		if (shown == NULL && *raw != '\0')
			shown = raw;
		else
			free(raw);
	}
	if (shown != NULL)
		utf8_cut(shown, DATE_MAX);
	return shown;
}

/* The entry's id (Atom <id> or RSS <guid>), or NULL. */
static char *
item_id(const struct rec *r)
{
	const struct slot *s = r->f[FD_ID].prio ? &r->f[FD_ID] : &r->f[FD_GUID];
	char *id;

	if (s->prio == 0)
		return NULL;
	id = html_squeeze(xstrndup(s->b.data, s->b.len));
	if (*id == '\0')
		xfree_set(&id, NULL);
	return id;
}

/* The page an item opens: its link, else a permalink guid or an id that
 * is a web address; else "urn:gxnews:" and a hash of the feed's URL and
 * the item's id, or (no id) its title and date, so that it keeps its read
 * state across refreshes and items with other ids stay apart. */
static char *
item_url(const struct pstate *p, const struct rec *r, const char *title,
         const char *date)
{
	char *url = r->f[FD_LINK].prio ? xstrdup(r->f[FD_LINK].b.data) : NULL;
	char *id;
	uint64_t h;

	if (url == NULL && r->f[FD_GUID].permalink)
		url = guid_url(&r->f[FD_GUID]);
	if (url == NULL)
		url = guid_url(&r->f[FD_ID]);
	if (url != NULL)
		return url;
	h = fnv1a(fnv1a(0xcbf29ce484222325ULL, p->feed_url), "\n");
	id = item_id(r);
	if (id != NULL)
		h = fnv1a(fnv1a(h, "id\n"), id);
	else
		h = fnv1a(fnv1a(fnv1a(h, title), "\n"), date);
	free(id);
	return xasprintf("urn:gxnews:%016llx", (unsigned long long)h);
}

/* The item's title: the title, else the first FALLBACK_TITLE characters
 * of its description or content, else "(no title)" (*made: one of
 * these); cut at FEED_TITLE_MAX characters with "…". */
static char *
item_title(const struct rec *r, int *made)
{
	char *title = slot_title(&r->f[FD_TITLE]);

	if (title != NULL && *title == '\0')
		xfree_set(&title, NULL);
	*made = title == NULL;
	if (title == NULL)
		title = slot_plain(&r->f[FD_DESC], FALLBACK_TITLE);
	if (title == NULL)
		title = slot_plain(&r->f[FD_CONTENT], FALLBACK_TITLE);
	if (title == NULL)
		title = xstrdup(_("(no title)"));
	if (utf8_cut(title, FEED_TITLE_MAX))
		xfree_set(&title, xasprintf("%s…", title));
	return title;
}

static void
item_finish(struct pstate *p)
{
	struct rec *r = &p->item;
	int64_t t;
	char *date = item_date(r, &t);
	int made;
	char *title = item_title(r, &made);
	char *url = item_url(p, r, title, date);

	r->open = 0;
	if (seen_url(p, url)) {
		free(url);
		free(title);
		free(date);
		return;
	}
	/* a date read is an instant, shown in the reader's zone: no text */
	if (t != 0)
		xfree_set(&date, NULL);
	item_add(p, url, title, made, date, t, r);
}

/* ---- SAX callbacks ------------------------------------------------------------ */

static void
detect_format(struct pstate *p, const struct elem *el)
{
	const char *l = el->local;

	if (!p->html && p->depth == 1)
		snprintf(p->root, sizeof p->root, "%s", l);
	if (strcasecmp(l, "rss") == 0) {
		char *v = attr_get(el, NULL, "version");

		p->format = "RSS 2.0";
		for (size_t i = 0; v != NULL && i < ARRAY_LEN(rss_versions); i++)
			if (strcmp(html_squeeze(v), rss_versions[i].version) == 0)
				p->format = rss_versions[i].format;
		free(v);
	} else if (strcasecmp(l, "RDF") == 0) {
		p->format = declares(el, NS_RSS090) ? "RSS 0.90" : "RSS 1.0";
	} else if (strcasecmp(l, "feed") == 0) {
		p->format = declares(el, NS_ATOM03) ? "Atom 0.3" : "Atom 1.0";
		p->atom = 1;
		p->chan_depth = p->depth;
		p->chan_seen = 1;
	}
	if (!p->html || p->format != NULL)
		p->root_done = 1;
}

static void
nested_start(struct pstate *p, const struct elem *el)
{
	struct cap *c = &p->cap;

	if (c->mode == CM_TEXT) {
		if (c->author && p->depth == c->depth + 1) {
			if (!c->got_name && strcasecmp(el->local, "name") == 0) {
				buf_reset(&c->b);
				c->got_name = 1;
			} else if (c->skip_depth == 0) {
				c->skip_depth = p->depth;
			}
		}
		return;
	}
	if (p->depth > c->depth + NEST_MAX)
		return;
	add_capped(&c->b, "<", 1, c->max);
	if (el->prefix != NULL && el->sax2) {
		add_capped(&c->b, el->prefix, strlen(el->prefix), c->max);
		add_capped(&c->b, ":", 1, c->max);
	}
	add_capped(&c->b, el->local, strlen(el->local), c->max);
	for (int i = 0; i < el->nattrs; i++) {
		const xmlChar **a = el->attrs + (el->sax2 ? 5 : 2) * i;
		const char *v = a[el->sax2 ? 3 : 1] != NULL ? (const char *)a[el->sax2 ? 3 : 1] : "";
		size_t vn = el->sax2 ? (size_t)(a[4] - a[3]) : strlen(v);

		add_capped(&c->b, " ", 1, c->max);
		add_capped(&c->b, (const char *)a[0], strlen((const char *)a[0]), c->max);
		add_capped(&c->b, "=\"", 2, c->max);
		add_escaped(&c->b, v, vn, c->max);
		add_capped(&c->b, "\"", 1, c->max);
	}
	add_capped(&c->b, ">", 1, c->max);
}

static void
nested_end(struct pstate *p, const char *local, const char *prefix)
{
	struct cap *c = &p->cap;

	if (c->skip_depth == p->depth)
		c->skip_depth = 0;
	if (c->mode == CM_TEXT || is_void(local) || p->depth > c->depth + NEST_MAX)
		return;
	add_capped(&c->b, "</", 2, c->max);
	if (prefix != NULL) {
		add_capped(&c->b, prefix, strlen(prefix), c->max);
		add_capped(&c->b, ":", 1, c->max);
	}
	add_capped(&c->b, local, strlen(local), c->max);
	add_capped(&c->b, ">", 1, c->max);
}

static int
is_item(const struct elem *el)
{
	return (el->ns & NS_CORE) && (strcasecmp(el->local, "item") == 0 ||
	                              strcasecmp(el->local, "entry") == 0);
}

/* A new item, with what its attributes say: RSS 1.0's rdf:about is its
 * id; CDF writes its link and date as href and lastmod. */
static void
item_open(struct pstate *p, const struct elem *el)
{
	struct rec *r = &p->item;
	char *about = attr_get(el, "rdf", "about");
	char *href = attr_get(el, NULL, "href");
	char *lastmod = attr_get(el, NULL, "lastmod");

	rec_open(r, p->depth);
	if (about != NULL) {
		buf_adds(&r->f[FD_ID].b, about);
		r->f[FD_ID].prio = 1;
	}
	if (lastmod != NULL) {
		buf_adds(&r->f[FD_UPDATED].b, lastmod);
		r->f[FD_UPDATED].prio = 1;
	}
	slot_set_url(p, r, FD_LINK, LINK_PRIO, href);
	free(about);
	free(href);
	free(lastmod);
}

static void
on_start(struct pstate *p, const struct elem *el)
{
	if (p->cap.fd >= 0 && p->cap.after_void)
		cap_commit(p);
	p->depth++;
	base_push(p, el);
	if (p->cap.fd >= 0) {
		nested_start(p, el);
		return;
	}
	if (!p->root_done)
		detect_format(p, el);
	if (!p->item.open) {
		if (is_item(el)) {
			item_open(p, el);
		} else if (!p->chan_seen && (el->ns & NS_CORE) &&
		           strcasecmp(el->local, "channel") == 0) {
			p->chan_depth = p->depth;
			p->chan_seen = 1;
		} else if (p->chan_depth > 0 && p->depth == p->chan_depth + 1) {
			field_start(p, &p->chan, chan_rules, ARRAY_LEN(chan_rules), el);
		}
		return;
	}
	if (is_item(el)) {      /* the last item was never closed */
		item_finish(p);
		item_open(p, el);
	} else if (p->depth == p->item.depth + 1 || (el->ns & NS_MEDIA)) {
		/* Media RSS nests its title and thumbnail in media:content
		 * and media:group */
		field_start(p, &p->item, item_rules, ARRAY_LEN(item_rules), el);
	}
}

static void
on_end(struct pstate *p, const char *local, const char *prefix)
{
	struct cap *c = &p->cap;

	if (c->fd >= 0 && p->depth > c->depth) {
		nested_end(p, local, prefix);
		goto pop;
	}
	if (c->fd >= 0 && p->depth == c->depth) {
		if (p->html && c->fd == FD_LINK && !c->after_void &&
		    blank(c->b.data ? c->b.data : "", c->b.len)) {
			c->after_void = 1;      /* HTML's <link> is void */
			c->depth--;
			goto pop;
		}
		cap_commit(p);
	}
	if (p->item.open && p->depth == p->item.depth)
		item_finish(p);
	else if (p->depth == p->chan_depth)
		p->chan_depth = 0;
pop:
	base_pop(p);
	p->depth--;
}

static int
taking_text(const struct pstate *p)
{
	const struct cap *c = &p->cap;

	return c->fd >= 0 && p->depth >= c->depth &&
	       !(c->skip_depth > 0 && p->depth >= c->skip_depth);
}

static void
on_text(void *ud, const xmlChar *s, int n)
{
	struct pstate *p = ud;
	struct cap *c = &p->cap;

	if (!taking_text(p) || n <= 0)
		return;
	/* text of an element inside an HTML field is text, not markup */
	if (c->mode == CM_XHTML || (c->mode != CM_TEXT && p->depth > c->depth))
		add_escaped(&c->b, (const char *)s, (size_t)n, c->max);
	else
		add_capped(&c->b, (const char *)s, (size_t)n, c->max);
}

/* An entity libxml2 did not know (the feed names an external DTD, as RSS
 * 0.91's did): an HTML entity, or the name as written. */
static void
on_reference(void *ud, const xmlChar *name)
{
	struct pstate *p = ud;
	const htmlEntityDesc *d = htmlEntityLookup(name);
	struct buf b;

	if (!taking_text(p))
		return;
	buf_init(&b, 0);
	if (d != NULL)
		add_cp(&b, d->value);
	else    /* an unknown one shows as written */
		buf_addf(&b, p->cap.mode == CM_TEXT || p->cap.mode == CM_GUESS ?
		         "&%s;" : "&amp;%s;", (const char *)name);
	add_capped(&p->cap.b, b.data, b.len, p->cap.max);
	buf_free(&b);
}

static void
on_error(void *ud, xmlErrorPtr err)
{
	struct pstate *p = ud;

	if (p == NULL || err == NULL || err->level < XML_ERR_ERROR ||
	    err->domain == XML_FROM_NAMESPACE)
		return;
	if (p->nerr++ == 0 && err->message != NULL) {
		snprintf(p->err, sizeof p->err, "%s", err->message);
		p->err[strcspn(p->err, "\n")] = '\0';
		p->err_line = err->line;
	}
}

static void
xml_start(void *ud, const xmlChar *local, const xmlChar *prefix,
          const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
          int ndefaulted, const xmlChar **attrs)
{
	struct elem el = {
		.local = (const char *)local, .prefix = (const char *)prefix,
		.ns = ns_class((const char *)uri, (const char *)prefix),
		.attrs = attrs, .nattrs = nattrs, .nsdecl = ns, .nnsdecl = nns,
		.sax2 = 1,
	};

	(void)ndefaulted;
	on_start(ud, &el);
}

static void
xml_end(void *ud, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	(void)uri;
	on_end(ud, (const char *)local, (const char *)prefix);
}

static void
html_start(void *ud, const xmlChar *name, const xmlChar **attrs)
{
	const char *colon = strchr((const char *)name, ':');
	char prefix[32] = "";
	struct elem el = { .local = (const char *)name, .attrs = attrs };

	if (colon != NULL) {
		snprintf(prefix, sizeof prefix, "%.*s", (int)(colon - (const char *)name),
		         (const char *)name);
		el.local = colon + 1;
		el.prefix = prefix;
	}
	el.ns = ns_class(NULL, el.prefix);
	while (attrs != NULL && attrs[2 * el.nattrs] != NULL)
		el.nattrs++;
	on_start(ud, &el);
}

static void
html_end(void *ud, const xmlChar *name)
{
	const char *colon = strchr((const char *)name, ':');

	on_end(ud, colon ? colon + 1 : (const char *)name, NULL);
}

static const xmlSAXHandler xml_sax = {
	.initialized = XML_SAX2_MAGIC,
	.startElementNs = xml_start,
	.endElementNs = xml_end,
	.characters = on_text,
	.ignorableWhitespace = on_text,
	.cdataBlock = on_text,
	.reference = on_reference,
	.serror = on_error,
};

static const xmlSAXHandler html_sax = {
	.initialized = XML_SAX2_MAGIC,
	.startElement = html_start,
	.endElement = html_end,
	.characters = on_text,
	.ignorableWhitespace = on_text,
	.cdataBlock = on_text,
	.serror = on_error,
};

/* ---- running the parsers ------------------------------------------------------- */

static struct pstate *
pstate_new(const char *feed_url, int html, int mapped)
{
	struct pstate *p = xcalloc(1, sizeof *p);

	p->feed_url = feed_url;
	p->html = html;
	p->mapped = mapped;
	p->cap.fd = -1;
	return p;
}

static void
pstate_free(struct pstate *p)
{
	if (p == NULL)
		return;
	rec_free(&p->chan);
	rec_free(&p->item);
	buf_free(&p->cap.b);
	for (size_t i = 0; i < p->nbases; i++)
		free(p->bases[i].url);
	free(p->bases);
	for (size_t i = 0; i < p->seen.cap; i++)
		free(p->seen.v[i]);
	free(p->seen.v);
	free(p->lacked);
	free(p->given_title);
	free(p->given_author);
	feed_free(&p->f);
	free(p);
}

/* libxml2 reads the stream through this. */
struct io {
	struct src *in;
	struct pstate *p;
};

/* Fills buf whole unless the stream ends: libxml2 2.9 takes a short read
 * in the middle of a character for a broken one. */
static int
io_read(void *ctx, char *buf, int len)
{
	struct io *io = ctx;
	int have = 0;

	while (have < len) {
		long got = io->in->read(io->in, buf + have, (size_t)(len - have));

		if (got < 0) {
			if (!io->p->read_failed) {
				io->p->read_failed = 1;
				snprintf(io->p->read_err, sizeof io->p->read_err, "%s", io->in->error);
			}
			return -1;
		}
		if (got == 0)
			break;
		have += (int)got;
	}
	return have;
}

/* A parser context reading in through io, or NULL. */
static xmlParserCtxtPtr
io_ctxt(struct pstate *p, struct io *io)
{
	xmlParserInputBufferPtr buf;
	xmlParserInputPtr input;
	xmlParserCtxtPtr ctxt;

	if (!p->html)
		return xmlCreateIOParserCtxt(NULL, NULL, io_read, NULL, io,
		                             XML_CHAR_ENCODING_NONE);
	ctxt = htmlNewParserCtxt();
	buf = xmlParserInputBufferCreateIO(io_read, NULL, io, XML_CHAR_ENCODING_NONE);
	input = ctxt != NULL && buf != NULL ?
	        xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) : NULL;
	if (input == NULL) {
		if (ctxt != NULL)
			htmlFreeParserCtxt(ctxt);
		xmlFreeParserInputBuffer(buf);
		return NULL;
	}
	inputPush(ctxt, input);
	/* the HTML parser looks at its first bytes before asking for any */
	xmlParserInputGrow(ctxt->input, INPUT_CHUNK);
	return ctxt;
}

static void
run(struct pstate *p, struct src *in)
{
	struct io io = { in, p };
	xmlParserCtxtPtr ctxt = io_ctxt(p, &io);

	if (ctxt == NULL)
		return;
	memcpy(ctxt->sax, p->html ? &html_sax : &xml_sax, sizeof *ctxt->sax);
	ctxt->userData = p;
	if (p->html)
		htmlCtxtUseOptions(ctxt, HTML_OPTS);
	else
		xmlCtxtUseOptions(ctxt, XML_OPTS);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	if (p->html)
		htmlParseDocument(ctxt);
	else
		xmlParseDocument(ctxt);
	p->well_formed = ctxt->wellFormed;
	if (ctxt->myDoc != NULL)        /* libxml2 keeps SYSTEM entities in a fake doc */
		xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	if (p->html)
		htmlFreeParserCtxt(ctxt);
	else
		xmlFreeParserCtxt(ctxt);
	/* a feed cut short: keep the open item if its link was complete */
	if (p->cap.fd >= 0)
		p->cap.fd = -1;
	if (p->item.open && p->item.f[FD_LINK].prio > 0)
		item_finish(p);
}

/* ---- repairs ----------------------------------------------------------------- */

/* The length of a valid UTF-8 sequence at s (XML characters only), 0 if
 * it is not one. */
static size_t
xml_utf8_len(const char *s, size_t n)
{
	uint32_t cp;
	size_t k = utf8_decode(s, n, &cp);

	return cp == UTF8_BAD || cp == 0xfffe || cp == 0xffff ? 0 : k;
}

static void
add_ctl(struct buf *b, unsigned char c, int *mapped)
{
	char pua[4] = { '\xf4', '\x8f', '\xbc', (char)(0x80 | c) };

	if (c == 0) {
		buf_adds(b, "\xef\xbf\xbd");
		return;
	}
	buf_add(b, pua, 4);
	*mapped = 1;
}

/* An entity or reference in XML that XML can read: numeric references to
 * characters XML allows stay, named ones become numeric, control
 * characters their stand-ins, anything else an escaped '&'. */
static size_t
fix_amp(struct buf *b, const char *s, size_t n, int *mapped)
{
	size_t used;
	unsigned cp = htmltext_entity(s, n, &used);

	if (cp == 0) {
		buf_adds(b, "&amp;");
		return 1;
	}
	if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
		add_ctl(b, (unsigned char)cp, mapped);
	else if (cp == 0xfffe || cp == 0xffff || (cp >= 0xd800 && cp <= 0xdfff))
		buf_adds(b, "&#xFFFD;");
	else
		buf_addf(b, "&#%u;", cp);
	return used;
}

struct span {
	const char *open, *close;
	int verbatim;       /* no entity fixing inside */
	int cdata;
};

static const struct span spans[] = {
	{ "<![CDATA[", "]]>", 1, 1 },
	{ "<!--",      "-->", 1, 0 },
	{ "<?",        "?>",  1, 0 },
	{ "<!DOCTYPE", ">",   1, 0 },   /* the internal subset: see below */
};

/* The span (CDATA, comment...) that opens at buf + i, or NULL. */
static const struct span *
span_at(const char *buf, size_t len, size_t i)
{
	for (size_t k = 0; k < ARRAY_LEN(spans); k++) {
		size_t ol = strlen(spans[k].open);

		if (len - i >= ol && strncasecmp(buf + i, spans[k].open, ol) == 0)
			return &spans[k];
	}
	return NULL;
}

/* The length of in's end at buf + i, 0 if it does not end there (a
 * doctype's '>' counts only outside its [internal subset]). */
static size_t
span_end(const struct span *in, const char *buf, size_t len, size_t i, int *bracket)
{
	size_t cl = strlen(in->close);
	int doctype = in->close[0] == '>';

	if (doctype && (buf[i] == '[' || buf[i] == ']'))
		*bracket += buf[i] == '[' ? 1 : -1;
	if (len - i < cl || memcmp(buf + i, in->close, cl) != 0 || (doctype && *bracket > 0))
		return 0;
	return cl;
}

/* One character of the text, repaired; returns the bytes it took. */
static size_t
repair_char(struct buf *b, const char *buf, size_t len, size_t i,
            const struct span *in, int for_html, int *mapped)
{
	unsigned char c = (unsigned char)buf[i];
	size_t n;

	if (c == '&' && in == NULL && !for_html)
		return fix_amp(b, buf + i, len - i, mapped);
	if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
		add_ctl(b, c, mapped);
		return 1;
	}
	if (c < 0x80) {
		if (for_html && in != NULL && in->cdata && (c == '<' || c == '&' || c == '>'))
			buf_adds(b, c == '<' ? "&lt;" : c == '&' ? "&amp;" : "&gt;");
		else
			buf_add(b, buf + i, 1);
		return 1;
	}
	n = xml_utf8_len(buf + i, len - i);
	buf_add(b, n > 0 ? buf + i : "\xef\xbf\xbd", n > 0 ? n : 3);
	return n > 0 ? n : 1;
}

/* What either parser can read, made of a stream as it is read.  For XML:
 * see fix_amp.  For HTML: CDATA sections (which HTML does not know) become
 * escaped text.  Both: control characters mapped, bad UTF-8 as U+FFFD.
 * A character is repaired once REPAIR_LOOK bytes after it are in (or the
 * stream's end): no repair looks further (an entity, a span's mark, a
 * UTF-8 sequence), so pieces change nothing. */
#define REPAIR_LOOK 64
#define REPAIR_PIECE 65536

struct repair {
	struct src s;
	struct src *in;
	int   for_html;
	int   mapped;
	const struct span *span;    /* the CDATA, comment... being copied */
	int   bracket;
	int   eof;
	char  buf[REPAIR_PIECE + REPAIR_LOOK];
	size_t len;
	struct buf out;
	size_t out_pos;
};

static int
repair_fill(struct repair *r)
{
	long got = r->in->read(r->in, r->buf + r->len, REPAIR_PIECE);
	size_t i = 0, n;

	if (got < 0) {
		snprintf(r->s.error, sizeof r->s.error, "%s", r->in->error);
		return -1;
	}
	r->eof = got == 0;
	r->len += (size_t)got;
	r->out.len = r->out_pos = 0;
	while (i < r->len && (r->eof || r->len - i >= REPAIR_LOOK)) {
		const char *buf = r->buf;
		size_t len = r->len;
		const struct span *open = r->span == NULL && buf[i] == '<' ? span_at(buf, len, i) : NULL;
		size_t end = r->span != NULL ? span_end(r->span, buf, len, i, &r->bracket) : 0;
		const struct span *mark = open != NULL ? open : end > 0 ? r->span : NULL;

		if (mark == NULL) {
			i += repair_char(&r->out, buf, len, i, r->span, r->for_html, &r->mapped);
			continue;
		}
		n = open != NULL ? strlen(open->open) : end;
		if (!(r->for_html && mark->cdata))  /* HTML gets a CDATA section's text */
			buf_add(&r->out, buf + i, n);
		i += n;
		r->span = open;
		r->bracket = 0;
	}
	memmove(r->buf, r->buf + i, r->len - i);
	r->len -= i;
	return 0;
}

static long
repair_read(struct src *s, char *buf, size_t n)
{
	struct repair *r = (struct repair *)s;

	while (r->out_pos == r->out.len && !(r->eof && r->len == 0))
		if (repair_fill(r) < 0)
			return -1;
	if (n > r->out.len - r->out_pos)
		n = r->out.len - r->out_pos;
	memcpy(buf, r->out.data + r->out_pos, n);
	r->out_pos += n;
	return (long)n;
}

static int
repair_rewind(struct src *s)
{
	(void)s;
	return -1;      /* a pass reads it once */
}

static struct repair *
repair_new(struct src *in, int for_html)
{
	struct repair *r = xcalloc(1, sizeof *r);

	r->s.read = repair_read;
	r->s.rewind = repair_rewind;
	r->in = in;
	r->for_html = for_html;
	buf_init(&r->out, 0);
	buf_add(&r->out, "", 0);        /* never a NULL buffer to copy from */
	return r;
}

static void
repair_free(struct repair *r)
{
	buf_free(&r->out);
	free(r);
}

/* ---- the interface ------------------------------------------------------------- */

static int
contains_ci(const char *buf, size_t len, const char *what)
{
	size_t wl = strlen(what);

	for (const char *p = memchr(buf, '<', len); p != NULL;
	     p = memchr(p + 1, '<', len - (size_t)(p + 1 - buf)))
		if ((size_t)(buf + len - p) >= wl && strncasecmp(p, what, wl) == 0)
			return 1;
	return 0;
}

/* Whether the stream holds what (a tag's start) anywhere; read from its
 * start, left there. */
static int
src_contains_ci(struct src *in, const char *what)
{
	char buf[REPAIR_PIECE + 32];
	size_t wl = strlen(what), keep = 0;
	long got;
	int found = 0;

	in->rewind(in);
	while (!found && (got = in->read(in, buf + keep, REPAIR_PIECE)) > 0) {
		size_t len = keep + (size_t)got;

		found = contains_ci(buf, len, what);
		keep = len < wl - 1 ? len : wl - 1;
		memmove(buf, buf + len - keep, keep);
	}
	in->rewind(in);
	return found;
}

/* The first bytes of the stream (up to n - 1, NUL-terminated), and
 * whether all of it is blank; read from its start, left there. */
static int
src_head(struct src *in, char *head, size_t n, size_t *hlen)
{
	char buf[4096];
	int empty = 1;
	long got;

	*hlen = 0;
	in->rewind(in);
	while ((got = in->read(in, buf, sizeof buf)) > 0) {
		size_t k = (size_t)got < n - 1 - *hlen ? (size_t)got : n - 1 - *hlen;

		memcpy(head + *hlen, buf, k);
		*hlen += k;
		empty = empty && blank(buf, (size_t)got);
		if (!empty && *hlen == n - 1)
			break;
	}
	head[*hlen] = '\0';
	in->rewind(in);
	return empty;
}

static void
warn(struct pstate *p, int line, const char *why)
{
	if (p->html)
		snprintf(p->f.warning, sizeof p->f.warning,
		         _("the feed is not valid XML; %zu items were read from it as HTML"),
		         p->nitems);
	else if (!p->well_formed)
		snprintf(p->f.warning, sizeof p->f.warning,
		         _("the feed is cut short or malformed (line %d: %s); %zu items were recovered"),
		         line, why, p->nitems);
}

/* One reading of the stream from its start: as it is (html -1), repaired
 * for XML (0) or repaired for HTML (1); the items go to sink as they are
 * read (NULL: only counted). */
static struct pstate *
parse_with(struct src *in, const char *url, int html, int flags, int mapped,
           const struct feed_sink *sink)
{
	struct pstate *p = pstate_new(url, html > 0, mapped);
	struct repair *r = NULL;

	p->flags = flags;
	p->sink = sink;
	p->mode = html;
	if (in->rewind(in) < 0) {
		p->read_failed = 1;
		snprintf(p->read_err, sizeof p->read_err, "%s", in->error);
		return p;
	}
	if (html >= 0)
		r = repair_new(in, html);
	run(p, r != NULL ? &r->s : in);
	if (r != NULL) {
		p->mapped |= r->mapped;
		repair_free(r);
	}
	return p;
}

/* The attempt with more items (a on a tie, unless only b is a feed). */
static struct pstate *
better(struct pstate *a, struct pstate *b)
{
	if (b->nitems > a->nitems ||
	    (b->nitems == a->nitems && a->format == NULL && b->format != NULL)) {
		pstate_free(a);
		return b;
	}
	pstate_free(b);
	return a;
}

/* The channel's part of what the parse gave, into out. */
static void
deliver(struct pstate *p, struct feed *out)
{
	struct feed *f = &p->f;

	out->title = chan_title(p);
	out->link = p->chan.f[FD_LINK].prio ? xstrdup(p->chan.f[FD_LINK].b.data) : NULL;
	out->format = p->format;
	if (out->format == NULL)
		out->format = p->atom ? "Atom 1.0" : "RSS 2.0";
	out->summary_only_count = f->summary_only_count;
	memcpy(out->warning, f->warning, sizeof out->warning);
}

static int
not_a_feed(const char *buf, size_t len, const char *url, const struct pstate *p,
           struct err *e)
{
	const char *what = url != NULL ? url : _("the feed");

	if (strcasecmp(p->root, "html") == 0 || contains_ci(buf, len, "<html") ||
	    contains_ci(buf, len, "<!doctype html"))
		return err_set(e, _("%s is a web page, not a feed"), what);
	if (p->root[0] != '\0')
		return err_set(e, _("%s is not an RSS or Atom feed (it begins with <%s>)"),
		               what, p->root);
	return err_set(e, _("%s is not an RSS or Atom feed"), what);
}

/* A malformed feed: its repaired text is counted as XML and as HTML, and
 * the reading with the most items (the repaired one on a tie with p's) is
 * read again, its items going to sink. */
static struct pstate *
reread(struct pstate *p, struct src *in, const char *url, int flags,
       const struct feed_sink *sink)
{
	char why[sizeof p->err];
	int line = p->err_line, mode, mapped;
	struct pstate *best;

	snprintf(why, sizeof why, "%s", p->err);
	best = better(parse_with(in, url, 0, flags, 0, NULL), p);   /* repaired */
	if (src_contains_ci(in, "<item") || src_contains_ci(in, "<entry"))
		best = better(best, parse_with(in, url, 1, flags, 0, NULL));   /* as HTML */
	mode = best->mode;
	mapped = best->mapped;
	pstate_free(best);
	best = parse_with(in, url, mode, flags, mapped, sink);
	warn(best, line, why);
	return best;
}

int
feed_read(struct src *in, const char *base_url, int flags,
          const struct feed_sink *sink, struct feed *out, struct err *e)
{
	const char *what = base_url ? base_url : _("the feed");
	struct pstate *p;
	char head[4097];
	size_t hlen;
	int rc = 0;

	memset(out, 0, sizeof *out);
	xmlSetStructuredErrorFunc(NULL, quiet);
	if (src_head(in, head, sizeof head, &hlen))
		return err_set(e, _("%s: the feed is empty"), what);
	/* the common case: a well-formed feed, read once as it streams in */
	p = parse_with(in, base_url, -1, flags, 0, sink);
	if (!p->well_formed && !p->read_failed) {
		if (p->given > 0 && sink->restart(sink->user, e) < 0) {
			pstate_free(p);
			return -1;
		}
		p = reread(p, in, base_url, flags, sink);
	}
	if (!p->read_failed && !p->sink_failed)
		give_rest(p);
	if (p->read_failed)
		rc = err_set(e, _("%s: cannot read the feed: %s"), what, p->read_err);
	else if (p->sink_failed)
		rc = err_set(e, "%s", p->sink_err.msg);
	else if (p->nitems == 0 && p->format == NULL)
		rc = not_a_feed(head, hlen, base_url, p, e);
	else
		deliver(p, out);
	pstate_free(p);
	return rc;
}

/* feed_parse's sink: every item and article kept in one struct feed. */
struct collect {
	struct feed f;
	size_t cap;
};

static int
collect_add(void *user, struct feed *batch, struct err *e)
{
	struct collect *c = user;
	struct feed *f = &c->f;

	(void)e;
	if (f->narticles + batch->narticles > c->cap) {
		c->cap = 2 * (f->narticles + batch->narticles);
		f->articles = xrealloc(f->articles, c->cap * sizeof *f->articles);
		f->summary_only = xrealloc(f->summary_only, c->cap);
		f->title_made = xrealloc(f->title_made, c->cap);
	}
	for (size_t i = 0; i < batch->narticles; i++) {
		*item_list_add(&f->items) = batch->items.v[i];
		f->articles[f->narticles] = batch->articles[i];
		f->summary_only[f->narticles] = batch->summary_only[i];
		f->title_made[f->narticles++] = batch->title_made[i];
	}
	batch->items.n = 0;
	batch->narticles = 0;
	return 0;
}

static int
collect_restart(void *user, struct err *e)
{
	struct collect *c = user;

	(void)e;
	feed_free(&c->f);
	c->cap = 0;
	return 0;
}

static int
collect_late(void *user, size_t k, const char *source, const char *author,
             struct err *e)
{
	struct article *a = &((struct collect *)user)->f.articles[k];

	(void)e;
	xfree_set(&a->source, xstrdup(source));
	if (author != NULL)
		xfree_set(&a->author, xstrdup(author));
	return 0;
}

int
feed_parse(const char *buf, size_t len, const char *base_url,
           struct feed *out, struct err *e)
{
	struct collect c = { 0 };
	struct feed_sink sink = { &c, collect_add, collect_restart, collect_late };
	struct src_mem m;
	struct feed hdr;

	memset(out, 0, sizeof *out);
	if (feed_read(src_mem(&m, buf, len), base_url, 0, &sink, &hdr, e) < 0) {
		feed_free(&c.f);
		return -1;
	}
	*out = hdr;
	out->items = c.f.items;
	out->articles = c.f.articles;
	out->narticles = c.f.narticles;
	out->summary_only = c.f.summary_only;
	out->title_made = c.f.title_made;
	return 0;
}

void
feed_free(struct feed *f)
{
	if (f == NULL)
		return;
	free(f->title);
	free(f->link);
	item_list_free(&f->items);
	for (size_t i = 0; i < f->narticles; i++)
		article_free(&f->articles[i]);
	free(f->articles);
	free(f->summary_only);
	free(f->title_made);
	memset(f, 0, sizeof *f);
}

int
feed_sniff(const char *buf, size_t len)
{
	static const char *const roots[] = { "rss", "feed", "rdf:rdf", "rdf" };
	size_t i = 0, n = len < 8192 ? len : 8192;

	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n) {
		const char *p = memchr(buf + i, '<', n - i);
		size_t k = 0;

		if (p == NULL)
			return 0;
		i = (size_t)(p - buf) + 1;
		if (n - i >= 3 && memcmp(buf + i, "!--", 3) == 0) {
			const char *end = memmem(buf + i, n - i, "-->", 3);

			i = end != NULL ? (size_t)(end - buf) + 3 : n;
			continue;
		}
		if (i < n && (buf[i] == '?' || buf[i] == '!'))
			continue;       /* declaration, doctype */
		while (i + k < n && (is_alnum((unsigned char)buf[i + k]) || buf[i + k] == ':'))
			k++;
		for (size_t r = 0; r < ARRAY_LEN(roots); r++)
			if (k == strlen(roots[r]) && strncasecmp(buf + i, roots[r], k) == 0)
				return 1;
		return 0;
	}
	return 0;
}

/* ---- feeds a web page names ------------------------------------------------ */

#define DISCOVER_MAX 20

static const char *const feed_types[] = {
	"application/rss+xml", "application/atom+xml", "application/rdf+xml",
	"application/xml", "text/xml",
};

/* Whether a rel attribute holds the token "alternate". */
static int
rel_alternate(const char *rel)
{
	for (const char *p = rel; (p = strcasestr(p, "alternate")) != NULL; p += 9)
		if ((p == rel || p[-1] == ' ' || p[-1] == '\t') &&
		    (p[9] == '\0' || p[9] == ' ' || p[9] == '\t'))
			return 1;
	return 0;
}

static int
feed_type(const char *type)
{
	size_t n = strcspn(type, "; \t");

	for (size_t i = 0; i < ARRAY_LEN(feed_types); i++)
		if (strlen(feed_types[i]) == n && strncasecmp(type, feed_types[i], n) == 0)
			return 1;
	return 0;
}

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v != NULL ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* One <link>: a feed it names goes into out (once). */
static void
discover_link(xmlNodePtr n, const char *base, struct item_list *out)
{
	char *rel = prop(n, "rel"), *type = prop(n, "type"), *href = prop(n, "href");
	char *url = NULL, *title;

	if (rel != NULL && type != NULL && href != NULL && rel_alternate(rel) &&
	    feed_type(type))
		url = html_resolve(base, href);
	if (url != NULL && !item_list_has(out, url) && out->n < DISCOVER_MAX) {
		struct item *it = item_list_add(out);

		title = prop(n, "title");
		it->url = url;
		it->title = title != NULL ? html_squeeze(title) : NULL;
		url = NULL;
	}
	free(url);
	free(rel);
	free(type);
	free(href);
}

int
feed_discover(const char *html, size_t len, const char *base_url,
              struct item_list *out, struct err *e)
{
	htmlDocPtr doc = html_parse(html, len);
	char *base = xstrdup(base_url);
	xmlNodePtr root;

	memset(out, 0, sizeof *out);
	if (doc == NULL) {
		free(base);
		return err_set(e, "%s", _("the page is empty"));
	}
	root = xmlDocGetRootElement(doc);
	for (xmlNodePtr n = root; n != NULL;
	     n = n->type == XML_ELEMENT_NODE && n->children != NULL ? n->children :
	         html_next_after(n, root)) {
		if (html_is_tag(n, "base")) {
			char *href = prop(n, "href"), *abs = href ? html_resolve(base_url, href) : NULL;

			if (abs != NULL)
				xfree_set(&base, abs);
			free(href);
		} else if (html_is_tag(n, "link")) {
			discover_link(n, base, out);
		}
	}
	xmlFreeDoc(doc);
	free(base);
	return 0;
}
