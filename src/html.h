/* html.h: libxml2 HTML parsing with safe options, XPath evaluation, URLs. */
#ifndef GX_HTML_H
#define GX_HTML_H

#include <stddef.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

/* Parses UTF-8 HTML (already converted by charset) with network access,
 * external entities and huge mode off.  NULL only for empty input. */
htmlDocPtr html_parse(const char *buf, size_t len);

/* A compiled XPath evaluated against a node: the string value ("" if it
 * selects nothing), whitespace-normalized (ASCII space, tab, newline,
 * U+00A0 and U+3000 runs at the ends stripped, inner ASCII runs folded). */
char *html_xpath_string(xmlXPathContextPtr ctx, xmlNodePtr node,
                        xmlXPathCompExprPtr expr);
/* The node-set an XPath selects (NULL if none or not a node-set). */
xmlXPathObjectPtr html_xpath_nodes(xmlXPathContextPtr ctx, xmlNodePtr node,
                                   xmlXPathCompExprPtr expr);

/* href resolved against base as a browser resolves it (what a URL cannot
 * hold raw, such as spaces, quotes, backticks and non-ASCII, percent-
 * encoded; the fragment kept); NULL for empty, "#…", javascript:, mailto:,
 * data: and anything that is not http(s) or file. */
char *html_resolve(const char *base, const char *href);

/* Folds whitespace as html_xpath_string does, in place. */
char *html_squeeze(char *s);

/* Whether n is an element named name (any case); one of the nv names. */
int html_is_tag(xmlNodePtr n, const char *name);
int html_tag_in(xmlNodePtr n, const char *const *v, size_t nv);
/* An attribute's value (malloc'd), NULL if n has none. */
char *html_attr(xmlNodePtr n, const char *name);
/* The next node in document order after n's subtree, inside root. */
xmlNodePtr html_next_after(xmlNodePtr n, xmlNodePtr root);

/* The outer HTML of a node, UTF-8. */
char *html_serialize(xmlNodePtr node);

/* The libxml2 version built against, e.g. "2.9.14". */
const char *html_version(void);

#endif
