/* item.h: what the parsers give and the store keeps: list items, articles,
 * channels.  Plain data; every char * is owned, UTF-8, NUL-terminated. */
#ifndef GX_ITEM_H
#define GX_ITEM_H

#include <stddef.h>
#include <stdint.h>

struct item {
	char   *url;        /* absolute, canonical (the site's own host) */
	char   *title;      /* full title, plain text */
	char   *date;       /* as the list page writes it (then time is
	                       its Beijing wall clock), or NULL (then time
	                       is an instant: a feed's, in the reader's
	                       zone); as written when time is 0 */
	int64_t time;       /* seconds since the epoch, 0: unknown */
	int     rank;       /* 1.. for ranking lists, 0 otherwise */
	char   *summary;    /* plain text, may be NULL */
	char   *thumb;      /* absolute image URL, may be NULL */
	int     read;       /* filled by the store */
	int     starred;
	char   *origin;     /* the source that listed it: a site profile's name
	                       or a feed's URL as stored; what news gives the
	                       screen is that source's name as shown */
	char   *author;     /* filled by the store, may be NULL */
	char   *source;     /* 来源, filled by the store, may be NULL */
	int64_t place;      /* the reading position: visible characters read
	                       (render.h's "ink") above the top line, 0: none */
	int64_t place_of;   /* of how many (0: not laid out yet) */
	int     rule;       /* ITEM_HIDDEN, ITEM_HIGHLIGHT: what rules said */
};

enum { ITEM_HIDDEN = 1 << 0, ITEM_HIGHLIGHT = 1 << 1 };

struct item_list {
	struct item *v;
	size_t n, cap;
	char  *next_url;    /* next list page, NULL at the end */
	int    npages;      /* page count if the page says, else 0 */
	char  *picture;     /* the list page's own picture (an e-paper's 版面图:
	                       the page as printed), or NULL */
	int    more;        /* a search that stopped: more items match */
};

struct article {
	char   *url;
	char   *title;
	char   *time_text;  /* as the page shows it; NULL with a time: an
	                       instant (a feed's), shown in the reader's zone */
	int64_t time;
	char   *source;     /* 来源 */
	char   *author;     /* 作者 */
	char   *editor;     /* 责任编辑 */
	int     comments;   /* 评论, -1: unknown */
	char   *body_html;  /* the body only, boilerplate cut, UTF-8 HTML */
	char   *next_page;  /* multi-page articles: the next page, or NULL */
	int64_t fetched;    /* filled by the store */
	int     read, starred;
	char   *origin;     /* as struct item's */
	int64_t place, place_of;    /* as struct item's */
};

struct channel {
	char *label;
	char *url;          /* absolute list page URL */
};

struct channel_list {
	struct channel *v;
	size_t n, cap;
};

struct item *item_list_add(struct item_list *l);   /* zeroed slot */
void item_free(struct item *it);
/* The day an item is listed under, YYYY-MM-DD: a date the page wrote in
 * Beijing time, as the site writes it; an instant with no date text (a
 * feed's) in the reader's zone (TZ); "" if it has no time. */
void item_day(const struct item *it, char out[11]);
void item_list_free(struct item_list *l);
/* Whether an item of l has this url. */
int  item_list_has(const struct item_list *l, const char *url);
void item_copy(struct item *dst, const struct item *src);
void article_free(struct article *a);
void article_copy(struct article *dst, const struct article *src);
void channel_list_add(struct channel_list *l, const char *label, const char *url);
void channel_list_free(struct channel_list *l);

#endif
