/* extract.h: the main text of a web page that has no site profile (a feed
 * item's link, say), found by the density of its paragraphs. */
#ifndef GX_EXTRACT_H
#define GX_EXTRACT_H

#include <stddef.h>
#include <libxml/HTMLparser.h>
#include "util.h"
#include "item.h"

/* Fills a from one article page (UTF-8 HTML, converted by charset.c):
 * a->body_html is a cleaned HTML fragment of the main text (the densest
 * block of paragraphs; navigation, sidebars, comments, footers, scripts,
 * forms and related-link lists cut out); a->title from og:title, the <h1>
 * that matches the <title>, or the <title> with its " - Site" suffix cut;
 * a->time_text/time from article:published_time, <time datetime>, or a
 * date near the title; a->author from <meta name="author"> or
 * article:author; a->url = url.  Fields a already holds are replaced.
 * Returns -1, with e saying so, if the page has no article text. */
int extract_article(const char *html, size_t len, const char *url,
                    struct article *out, struct err *e);

/* The same on a parsed page, in two steps, for a site profile's generic
 * layer.  extract_find: the densest block of the article and the sibling
 * blocks that go on with it (as Readability merges them), in document
 * order; nothing in the page changes.  -1 if the page has none. */
struct extract_blocks {
	xmlNodePtr *v;
	size_t n;
};
int  extract_find(htmlDocPtr doc, struct extract_blocks *out);
void extract_blocks_free(struct extract_blocks *b);
/* The blocks as one element (several are moved into a new <div> where the
 * first stood), cleaned as extract_article cleans (title_node and meta
 * lines, junk, link lists, copyright notices out; links absolute).  Frees
 * b's array. */
xmlNodePtr extract_take(struct extract_blocks *b, const char *url,
                        const char *title, xmlNodePtr title_node);
/* Whether an element after an article's block goes on with its text (a
 * block of sentences, few links), and whether it is a copyright notice
 * (版权声明, 免责声明) after which no text comes. */
int  extract_goes_on(xmlNodePtr c);
int  extract_is_notice(xmlNodePtr n);
/* The HTML of what extract_take gave. */
char *extract_serialize(xmlNodePtr top);

#endif
