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

/* Canonical URLs of the pages to read channels and special lists from:
 * the i-th page the profile names (a key page given more than once: the
 * next is read when one gives nothing), NULL past the last.  Without a
 * [channels] or a special section, the site's front page (i = 0). */
char *site_channels_url(const struct site *s, size_t i);
char *site_special_url(const struct site *s, int which, size_t i);
/* The tab label of a special list: the profile's label, or a default. */
const char *site_special_label(const struct site *s, int which);
/* Whether the profile has that special list. */
int  site_has_special(const struct site *s, int which);

/* ---- what read each field ----------------------------------------------
 * Each field of a page is read by the profile's rule, else by its
 * fallbacks (the key repeated), else by the generic rules for Chinese
 * news pages (generic.h); its layer says which, MISSING when nothing
 * found it (a page may simply not have it: an article without 作者). */
enum site_layer { SITE_MISSING, SITE_PROFILE, SITE_FALLBACK, SITE_GENERIC };

/* The fields, the page each is on, the name --check-site prints, the
 * words the status line uses. */
#define SITE_FIELDS(_) \
	_(SF_CHANNELS,   "home",    "channels", N_("channels")) \
	_(SF_RANK_ALL,   "home",    "rank-all", N_("the ranking")) \
	_(SF_RANK_MONTH, "home",    "rank-month", N_("the month's ranking")) \
	_(SF_PICKS,      "home",    "picks",    N_("editor's picks")) \
	_(SF_ITEMS,      "list",    "items",    N_("list items")) \
	_(SF_ITEM_TITLE, "list",    "title",    N_("list titles")) \
	_(SF_ITEM_DATE,  "list",    "date",     N_("list dates")) \
	_(SF_LIST_NEXT,  "list",    "next",     N_("lists' next pages")) \
	_(SF_TITLE,      "article", "title",    N_("article titles")) \
	_(SF_TIME,       "article", "time",     N_("article times")) \
	_(SF_SOURCE,     "article", "source",   N_("article sources (来源)")) \
	_(SF_AUTHOR,     "article", "author",   N_("article authors (作者)")) \
	_(SF_EDITOR,     "article", "editor",   N_("article editors (责任编辑)")) \
	_(SF_BODY,       "article", "body",     N_("article text")) \
	_(SF_ART_NEXT,   "article", "next",     N_("articles' next pages"))

#define SF_ENUM(id, page, name, words) id,
enum site_field { SITE_FIELDS(SF_ENUM) SF_COUNT };
#undef SF_ENUM

struct site_field_info {
	const char *page, *name, *words;        /* words: N_() */
};
const struct site_field_info *site_field_info(int field);

/* What read the fields of one page: a layer and a sample value (the
 * first one read) per field; tmpl: the profile's section that read the
 * page ("old", "new"; "" when none fitted). */
struct site_read {
	int   layer[SF_COUNT];
	char *sample[SF_COUNT];
	char *tmpl;
};
void site_read_free(struct site_read *rd);

/* The parsers: rd (may be NULL) gets what read each field. */

/* Returns how many channels the page itself gave (the profile's added
 * ones are in out too but not counted: 0 means "not the site's page"). */
int site_channels(const struct site *s, const char *html, size_t len,
                  const char *page_url, struct channel_list *out,
                  struct site_read *rd, struct err *e);
int site_list(const struct site *s, const char *html, size_t len,
              const char *page_url, struct item_list *out,
              struct site_read *rd, struct err *e);
int site_special(const struct site *s, int which, const char *html,
                 size_t len, const char *page_url, struct item_list *out,
                 struct site_read *rd, struct err *e);
/* Fills a from one article page; a->next_page is the next page of a
 * multi-page article.  The body is cut to the profile's body element (or
 * the text the generic extractor finds) with its cut nodes removed.  A
 * page without a title or without text is an error. */
int site_article(const struct site *s, const char *html, size_t len,
                 const char *page_url, struct article *a,
                 struct site_read *rd, struct err *e);
/* Whether the profile recognizes url as an article page. */
int site_is_article_url(const struct site *s, const char *url);
/* The name of the profile's [article NAME] whose match takes url, or NULL. */
const char *site_article_template(const struct site *s, const char *url);

#endif
