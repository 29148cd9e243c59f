/* html.c: libxml2 HTML parsing with safe options, XPath helpers, URLs. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/uri.h>
#include <libxml/HTMLtree.h>

#include "html.h"
#include "util.h"

/* No network, no huge mode, no encoding switching by <meta>: the bytes
 * were converted to UTF-8 before. */
#define HTML_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
                   HTML_PARSE_NOWARNING | \
                   HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT)

htmlDocPtr
html_parse(const char *buf, size_t len)
{
	if (buf == NULL || len == 0 || len > (size_t)INT32_MAX)
		return NULL;
	return htmlReadMemory(buf, (int)len, NULL, "UTF-8", HTML_OPTS);
}

static int
is_space_at(const unsigned char *p, size_t *n)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
		*n = 1;
		return 1;
	}
	if (p[0] == 0xC2 && p[1] == 0xA0) {             /* U+00A0 */
		*n = 2;
		return 1;
	}
	if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {  /* U+3000 */
		*n = 3;
		return 1;
	}
	return 0;
}

char *
html_squeeze(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;
	size_t n;
	int pending = 0;

	while (*r != '\0' && is_space_at(r, &n))
		r += n;
	while (*r != '\0') {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r' || *r == '\f') {
			pending = 1;
			r++;
			continue;
		}
		if (pending)
			*w++ = ' ';
		pending = 0;
		*w++ = *r++;
	}
	*w = '\0';
	/* strip trailing U+00A0 / U+3000 too */
	for (;;) {
		size_t len = (size_t)(w - (unsigned char *)s);

		if (len >= 3 && w[-3] == 0xE3 && w[-2] == 0x80 && w[-1] == 0x80)
			w -= 3;
		else if (len >= 2 && w[-2] == 0xC2 && w[-1] == 0xA0)
			w -= 2;
		else if (len >= 1 && w[-1] == ' ')
			w -= 1;
		else
			break;
		*w = '\0';
	}
	return s;
}

char *
html_xpath_string(xmlXPathContextPtr ctx, xmlNodePtr node,
                  xmlXPathCompExprPtr expr)
{
	xmlXPathObjectPtr obj;
	xmlChar *v;
	char *out;

	ctx->node = node;
	obj = xmlXPathCompiledEval(expr, ctx);
	if (obj == NULL)
		return xstrdup("");
	v = xmlXPathCastToString(obj);
	xmlXPathFreeObject(obj);
	out = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return html_squeeze(out);
}

xmlXPathObjectPtr
html_xpath_nodes(xmlXPathContextPtr ctx, xmlNodePtr node,
                 xmlXPathCompExprPtr expr)
{
	xmlXPathObjectPtr obj;

	ctx->node = node;
	obj = xmlXPathCompiledEval(expr, ctx);
	if (obj == NULL)
		return NULL;
	if (obj->type != XPATH_NODESET || xmlXPathNodeSetIsEmpty(obj->nodesetval)) {
		xmlXPathFreeObject(obj);
		return NULL;
	}
	return obj;
}

static int
scheme_ok(const char *url)
{
	static const char *const ok[] = { "http://", "https://", "file://" };

	for (size_t i = 0; i < ARRAY_LEN(ok); i++)
		if (strncasecmp(url, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

/* Scheme and host are case-insensitive: lower-case them, so that
 * "HTTP://WWW.ChinaHighTech.com/a" is the same canonical URL (and the same
 * cache entry) as "http://www.chinahightech.com/a".  Found by fuzzing. */
static void
lower_scheme_host(char *url)
{
	char *p = strstr(url, "://"), *end, *at;

	if (p == NULL)
		return;
	for (char *q = url; q < p; q++)
		*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
	p += 3;
	end = p + strcspn(p, "/?#");
	at = memchr(p, '@', (size_t)(end - p));
	for (char *q = at ? at + 1 : p; q < end; q++)
		*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* href as a browser sends it: ASCII whitespace, U+00A0 and U+3000 around it
 * dropped, tabs and line breaks inside dropped, and what a URL cannot hold
 * raw percent-encoded: spaces, quotes, angle brackets, backticks, braces,
 * control and non-ASCII bytes (UTF-8), a '%' that starts no escape, a
 * second '#'.  Square brackets stay in a host ([::1]). */
static char *
browser_escape(const char *href)
{
	static const char hexd[] = "0123456789ABCDEF";
	const char *p = href, *end = href + strlen(href), *host_end = NULL, *sl;
	struct buf b;
	int hash = 0;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
	                   (end - p >= 2 && memcmp(p, "\xc2\xa0", 2) == 0) ||
	                   (end - p >= 3 && memcmp(p, "\xe3\x80\x80", 3) == 0)))
		p += (unsigned char)*p == 0xc2 ? 2 : (unsigned char)*p == 0xe3 ? 3 : 1;
	for (;;) {
		if (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
		                end[-1] == '\r' || end[-1] == '\f'))
			end--;
		else if (end - p >= 2 && memcmp(end - 2, "\xc2\xa0", 2) == 0)
			end -= 2;
		else if (end - p >= 3 && memcmp(end - 3, "\xe3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	if ((sl = strstr(p, "://")) != NULL && sl < end)
		host_end = sl + 3 + strcspn(sl + 3, "/?#");
	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (const char *q = p; q < end; q++) {
		unsigned char c = (unsigned char)*q;
		int raw = c > 0x20 && c < 0x7f && !strchr("\"<>`{}|\\^", c);

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if ((c == '[' || c == ']') && (host_end == NULL || q >= host_end))
			raw = 0;
		if (c == '%' && !(q + 2 < end && is_hex(q[1]) && is_hex(q[2])))
			raw = 0;
		if (c == '#' && hash++ > 0)
			raw = 0;
		if (raw) {
			buf_add(&b, q, 1);
		} else {
			char esc[3] = { '%', hexd[c >> 4], hexd[c & 15] };

			buf_add(&b, esc, 3);
		}
	}
	return buf_steal(&b, NULL);
}

char *
html_resolve(const char *base, const char *href)
{
	xmlChar *abs;
	char *h, *out = NULL;

	if (href == NULL)
		return NULL;
	h = browser_escape(href);
	if (*h == '\0' || *h == '#')
		goto out;
	abs = xmlBuildURI((const xmlChar *)h, (const xmlChar *)base);
	if (abs == NULL)
		goto out;
	if (scheme_ok((const char *)abs)) {
		out = xstrdup((const char *)abs);
		lower_scheme_host(out);
	}
	xmlFree(abs);
out:
	free(h);
	return out;
}

char *
html_serialize(xmlNodePtr node)
{
	xmlBufferPtr b = xmlBufferCreate();
	char *out;

	if (b == NULL)
		return xstrdup("");
	htmlNodeDump(b, node->doc, node);
	out = xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return out;
}

const char *
html_version(void)
{
	return LIBXML_DOTTED_VERSION;
}

int
html_is_tag(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	       strcasecmp((const char *)n->name, name) == 0;
}

int
html_tag_in(xmlNodePtr n, const char *const *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++)
		if (html_is_tag(n, v[i]))
			return 1;
	return 0;
}

char *
html_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v != NULL ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

xmlNodePtr
html_next_after(xmlNodePtr n, xmlNodePtr root)
{
	while (n != NULL && n != root && n->next == NULL)
		n = n->parent;
	return n == NULL || n == root ? NULL : n->next;
}
