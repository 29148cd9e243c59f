/* opml.c: OPML import and export of the user's feeds.
 *
 * Reading builds a libxml2 tree with network access off and neither
 * XML_PARSE_NOENT nor XML_PARSE_DTDLOAD nor XML_PARSE_HUGE: no external
 * entity or DTD is ever fetched, and attribute values are read from their
 * text nodes only, so a declared entity, internal or external, reads as
 * nothing (no XXE, no billion laughs).  Hand-written OPML often has a bare
 * '&' in a URL ("?a=1&b=2"), which makes libxml2 drop the rest of the
 * value; such ampersands are escaped before parsing. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "opml.h"
#include "utf8.h"
#include "util.h"

#define OPML_OPTS (XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | \
                   XML_PARSE_NOWARNING)

/* URL prefixes a feed may have, and what each becomes. */
static const struct {
	const char *from, *to;
} schemes[] = {
	{ "http://", "http://" },
	{ "https://", "https://" },
	{ "feed://", "http://" },
	{ "feed:http://", "http://" },
	{ "feed:https://", "https://" },
};

void
opml_free(struct opml_feed *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].label);
	}
	free(v);
}

/* ---- reading ------------------------------------------------------------ */

static int
is_name_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       c == ':' || c >= 0x80;
}

static int
is_name_char(unsigned char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* Length of a well-formed reference "&name;", "&#123;" or "&#x1F;" at s,
 * 0 if the '&' at s starts none. */
static size_t
ref_len(const char *s, const char *end)
{
	const char *p = s + 1, *digits;
	int hex;

	if (p >= end)
		return 0;
	if (*p != '#') {
		if (!is_name_start((unsigned char)*p))
			return 0;
		while (p < end && is_name_char((unsigned char)*p))
			p++;
		return p < end && *p == ';' ? (size_t)(p + 1 - s) : 0;
	}
	hex = p + 1 < end && (p[1] == 'x' || p[1] == 'X');
	digits = p + 1 + hex;
	for (p = digits; p < end; p++)
		if (!(hex ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p)))
			break;
	return p > digits && p < end && *p == ';' ? (size_t)(p + 1 - s) : 0;
}

/* The bytes with every bare '&' written as "&amp;". */
static char *
escape_bare_amps(const char *buf, size_t len, size_t *outlen)
{
	struct buf b;
	const char *p = buf, *end = buf + len, *amp;

	buf_init(&b, 0);
	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL) {
			buf_add(&b, p, (size_t)(end - p));
			break;
		}
		buf_add(&b, p, (size_t)(amp - p));
		buf_adds(&b, ref_len(amp, end) ? "&" : "&amp;");
		p = amp + 1;
	}
	return buf_steal(&b, outlen);
}

/* The value of the attribute named name (any case), from its text nodes
 * only: entity references are not followed.  NULL if absent. */
static char *
attr_text(xmlNodePtr node, const char *name)
{
	for (xmlAttrPtr a = node->properties; a != NULL; a = a->next) {
		struct buf b;

		if (a->name == NULL || strcasecmp((const char *)a->name, name) != 0)
			continue;
		buf_init(&b, 0);
		for (xmlNodePtr t = a->children; t != NULL; t = t->next)
			if (t->type == XML_TEXT_NODE && t->content != NULL)
				buf_adds(&b, (const char *)t->content);
		return buf_steal(&b, NULL);
	}
	return NULL;
}

/* Squeezes runs of whitespace and control characters to one space and
 * trims; NULL if nothing is left. */
static char *
one_line(char *s)
{
	unsigned char *r, *w;
	int pending = 0;

	if (s == NULL)
		return NULL;
	r = w = (unsigned char *)s;
	for (; *r != '\0'; r++) {
		if (*r <= 0x20 || *r == 0x7f) {
			pending = w != (unsigned char *)s;
			continue;
		}
		if (pending)
			*w++ = ' ';
		pending = 0;
		*w++ = *r;
	}
	*w = '\0';
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* A feed URL as the config can hold it, or NULL to skip the outline. */
static char *
clean_url(char *raw)
{
	char *s = one_line(raw), *out = NULL;

	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(schemes) && out == NULL; i++) {
		size_t n = strlen(schemes[i].from);

		if (strncasecmp(s, schemes[i].from, n) == 0 && s[n] != '\0' &&
		    strchr(s, ' ') == NULL)
			out = xasprintf("%s%s", schemes[i].to, s + n);
	}
	free(s);
	if (out != NULL)
		out[strcspn(out, "#")] = '\0';
	return out;
}

struct reader {
	struct opml_feed *v;
	size_t n;
};

static int
seen(const struct reader *r, const char *url)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].url, url) == 0)
			return 1;
	return 0;
}

static void
add_outline(struct reader *r, xmlNodePtr node)
{
	char *url = clean_url(attr_text(node, "xmlUrl"));
	char *label;

	if (url == NULL || seen(r, url)) {
		free(url);
		return;
	}
	label = one_line(attr_text(node, "title"));
	if (label == NULL)
		label = one_line(attr_text(node, "text"));
	if (label != NULL && strcmp(label, url) == 0)
		xfree_set(&label, NULL);
	r->v = xrealloc(r->v, (r->n + 1) * sizeof *r->v);
	r->v[r->n].url = url;
	r->v[r->n].label = label;
	r->n++;
}

/* Outlines below node, folders flattened, in document order.  libxml2
 * caps the depth of the tree, so the recursion is bounded. */
static void
walk(struct reader *r, xmlNodePtr node)
{
	for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)c->name, "outline") == 0)
			add_outline(r, c);
		walk(r, c);
	}
}

int
opml_parse(const char *buf, size_t len, struct opml_feed **v, size_t *n,
           struct err *e)
{
	struct reader r = { NULL, 0 };
	size_t fixed_len;
	char *fixed = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	int rc = -1;

	*v = NULL;
	*n = 0;
	if (len > INT_MAX / 2) {
		err_set(e, _("the OPML file is too large"));
		goto out;
	}
	fixed = escape_bare_amps(buf, len, &fixed_len);
	doc = xmlReadMemory(fixed, (int)fixed_len, NULL, NULL, OPML_OPTS);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL) {
		err_set(e, _("not an OPML file: no XML in it"));
		goto out;
	}
	if (strcasecmp((const char *)root->name, "opml") != 0) {
		err_set(e, _("not an OPML file: it is <%s>, not <opml>"),
		        (const char *)root->name);
		goto out;
	}
	walk(&r, root);
	*v = r.v;
	*n = r.n;
	r.v = NULL;
	r.n = 0;
	rc = 0;
out:
	xmlFreeDoc(doc);
	free(fixed);
	opml_free(r.v, r.n);
	return rc;
}

/* ---- writing ------------------------------------------------------------ */

/* XML 1.0 Char, less the tab and line ends (written as references). */
static int
xml_char(unsigned c)
{
	return c >= 0x20 && c != 0xfffe && c != 0xffff;
}

static const struct {
	unsigned c;
	const char *ref;
} attr_refs[] = {
	{ '&', "&amp;" }, { '<', "&lt;" }, { '>', "&gt;" }, { '"', "&quot;" },
	{ '\t', "&#9;" }, { '\n', "&#10;" }, { '\r', "&#13;" },
};

/* s as the inside of a double-quoted attribute value. */
static void
put_attr(struct buf *b, const char *s)
{
	const char *p = s;
	size_t left = strlen(s);

	while (left > 0) {
		uint32_t c = 0;
		size_t len = utf8_decode(p, left, &c), i;

		if (c == UTF8_BAD)
			len = 0;
		for (i = 0; i < ARRAY_LEN(attr_refs); i++)
			if (len == 1 && attr_refs[i].c == c)
				break;
		if (i < ARRAY_LEN(attr_refs))
			buf_adds(b, attr_refs[i].ref);
		else if (len == 0)
			buf_adds(b, UTF8_REPLACEMENT);
		else if (xml_char(c))
			buf_add(b, p, len);
		len = len ? len : 1;
		p += len;
		left -= len;
	}
}

static void
put_outline(struct buf *b, const struct opml_feed *f)
{
	buf_adds(b, "    <outline type=\"rss\" text=\"");
	put_attr(b, f->label != NULL ? f->label : f->url);
	if (f->label != NULL) {
		buf_adds(b, "\" title=\"");
		put_attr(b, f->label);
	}
	buf_adds(b, "\" xmlUrl=\"");
	put_attr(b, f->url);
	buf_adds(b, "\"/>\n");
}

int
opml_write(FILE *f, const struct opml_feed *v, size_t n)
{
	struct buf b;
	size_t len;
	int rc;

	buf_init(&b, 0);
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	             "<opml version=\"2.0\">\n"
	             "  <head>\n"
	             "    <title>gxnews feeds</title>\n"
	             "  </head>\n"
	             "  <body>\n");
	for (size_t i = 0; i < n; i++)
		if (v[i].url != NULL)
			put_outline(&b, &v[i]);
	buf_adds(&b, "  </body>\n</opml>\n");
	len = b.len;
	rc = fwrite(b.data, 1, len, f) == len && fflush(f) == 0 ? 0 : -1;
	buf_free(&b);
	return rc;
}
