/* extract.h: the main text of a web page that has no site profile (a feed
 * item's link, say), found by the density of its paragraphs. */
#ifndef GX_EXTRACT_H
#define GX_EXTRACT_H

#include <stddef.h>
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

#endif
