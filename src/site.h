/* site.h: site profiles (data/sites/NAME.site): where a site keeps its
 * channels, lists, articles, rankings and picks, as XPath.  Parsers take
 * UTF-8 bytes and the page's canonical URL and return data. */
#ifndef GX_SITE_H
#define GX_SITE_H

#include <stddef.h>
#include "util.h"
#include "item.h"

struct site;

enum site_list_kind {
	SITE_RANK_ALL,      /* [rank all]   排行·全部 */
	SITE_RANK_MONTH,    /* [rank month] 排行·本月 */
	SITE_PICKS,         /* [picks]      编辑推荐 */
	SITE_NSPECIAL
};

int  site_load(struct site **out, const char *path, struct err *e);
int  site_load_mem(struct site **out, const char *text, size_t len,
                   const char *name, struct err *e);
void site_free(struct site *s);

const char *site_name(const struct site *s);      /* "chinahightech" */
const char *site_label(const struct site *s);     /* "中国高新网" */
const char *site_url(const struct site *s);       /* canonical base */
const char *site_fallback_charset(const struct site *s);  /* or NULL */

/* Where pages of the site's own hosts are read from instead (a mirror:
 * "file:///…/www.chinahightech.com/" or "http://127.0.0.1:8080/"). */
void site_set_mirror(struct site *s, const char *base);
/* The URL to fetch for a canonical URL (mapped to the mirror if set; a
 * file:// directory URL gets index.html).  Always malloc'd. */
char *site_fetch_url(const struct site *s, const char *url);
/* Whether url belongs to one of the site's hosts. */
int  site_owns(const struct site *s, const char *url);

/* Canonical URLs of the pages to read channels and special lists from. */
char *site_channels_url(const struct site *s);
char *site_special_url(const struct site *s, int which);   /* NULL if none */
/* The tab label of a special list: the profile's label, or a default. */
const char *site_special_label(const struct site *s, int which);
/* Whether the profile has that special list. */
int  site_has_special(const struct site *s, int which);

/* Returns how many channels the page itself gave (the profile's added
 * ones are in out too but not counted: 0 means "not the site's page"). */
int site_channels(const struct site *s, const char *html, size_t len,
                  const char *page_url, struct channel_list *out,
                  struct err *e);
int site_list(const struct site *s, const char *html, size_t len,
              const char *page_url, struct item_list *out, struct err *e);
int site_special(const struct site *s, int which, const char *html,
                 size_t len, const char *page_url, struct item_list *out,
                 struct err *e);
/* Fills a from one article page; a->next_page is the next page of a
 * multi-page article.  The body is cut to the profile's body element with
 * its cut nodes removed. */
int site_article(const struct site *s, const char *html, size_t len,
                 const char *page_url, struct article *a, struct err *e);
/* Whether the profile recognizes url as an article page. */
int site_is_article_url(const struct site *s, const char *url);

#endif
