/* generic.h: what a Chinese news page says without a profile.  Dates in
 * the forms editors write them, labelled 来源/作者/责任编辑 text, the
 * article links a page lists and the lists they stand in, the channel
 * bar, ranking lists and picks by their headings, the next page.  The
 * layer under a site profile's rules, and all there is for a site
 * without one.  Works on a parsed page; changes nothing in it. */
#ifndef GX_GENERIC_H
#define GX_GENERIC_H

#include <stddef.h>
#include <libxml/tree.h>

#include "item.h"

/* ---- text ---------------------------------------------------------------- */

/* The text of a subtree (script, style and comments left out), blocks and
 * line breaks as spaces, whitespace folded; at most max bytes. */
char *gen_text(xmlNodePtr root, size_t max);

/* A date in text, in any common form: 2022-07-04, 2022/7/4, 2022.07.04,
 * 2022年7月4日, with or without a time (12:18 or 12:18:01), and 07-04 or
 * 7月4日 when year (>0) says which year.  Its place in *at, *len and the
 * form time_parse_cn reads in norm ("YYYY-MM-DD" or "YYYY-MM-DD HH:MM" or
 * "YYYY-MM-DD HH:MM:SS", as precise as the text).  0 if none. */
int gen_find_date(const char *text, int year, size_t *at, size_t *len,
                  char norm[32]);
/* The date an article URL carries (/2022/0704/, /2022-07/04/, /202207/04/,
 * /2022/07/04/, /20220704/, t20220704_): "YYYY-MM-DD", 0 if none. */
int gen_url_date(const char *url, char norm[11]);
/* The year an article URL carries, 0 if none. */
int gen_url_year(const char *url);

enum gen_label { GL_SOURCE, GL_AUTHOR, GL_EDITOR };
/* The value of a label in text, in the forms editors use: 来源：X,
 * 来源:X, 【来源】X, 稿件来源：X; 作者：X, 记者 X, 文/X; 责任编辑：X,
 * 责编：X, 编辑：X; full- or half-width colons and brackets, any order.
 * The value ends at a space, a bracket or the next label.  NULL if none. */
char *gen_labelled(const char *text, enum gen_label which);
/* The same, its last value in text (the 责任编辑 line ends an article). */
char *gen_last_labelled(const char *text, enum gen_label which);
/* A labelled value without the brackets and punctuation of the line it
 * stood in ("导报]" of [来源:导报], "（" of （作者：李明）): v itself, cut. */
char *gen_trim_value(char *v);

/* A comment count in text (评论：12, 评论(12), 跟帖 3), -1 if none. */
int gen_comments(const char *text);

/* <title> with its " - Site" / "_Site" suffix cut (malloc'd). */
char *gen_cut_site(const char *title);
/* content= of the first <meta attr="value"> (case-insensitive), or NULL. */
char *gen_meta(xmlNodePtr root, const char *attr, const char *value);

/* ---- article links ------------------------------------------------------ */

/* Whether a URL looks like an article page's: a date in its path
 * (gen_url_date), content_12345.html, t20220704_123.html, or a long
 * number as its file name; list pages (index, node_, list) are none. */
int gen_article_like(const char *url);

/* Resolves an href found on the page to the absolute URL it names, or
 * NULL if it is nothing to keep; *article says whether it names an
 * article page. */
typedef char *gen_url_fn(void *arg, const char *href, int *article);

/* An article link and the element that holds it (and no other article). */
struct gen_item {
	xmlNodePtr node;
	char *url;
	char *title;        /* the title attribute, else the longest link text */
};

struct gen_items {
	struct gen_item *v;
	size_t n, cap;
};

void gen_items_free(struct gen_items *l);

/* The article link inside an element (an item a profile's XPath selected):
 * its URL and title.  0, or -1 if it holds none. */
int gen_link_in(xmlNodePtr item, gen_url_fn *fn, void *arg, char **url,
                char **title);
/* Whether n is anc or inside it. */
int gen_contains(xmlNodePtr anc, xmlNodePtr n);

/* The main list of a list page: article links grouped by the element that
 * lists them; the group with the most items (dated ones counting more,
 * ones in navigation, sidebars and under 排行/推荐/相关 headings less), with
 * the groups of the same shape beside it.  Document order. */
void gen_main_list(xmlNodePtr root, gen_url_fn *fn, void *arg,
                   struct gen_items *out);

/* A list found by its heading: a ranking (排行, 热点, 点击榜…: which 0
 * for the whole ranking, 全部/总排行; 1 for this month's, 本月/月排行) or
 * the editor's picks (推荐 headings: which 2).  The lists under a ranking
 * heading go in the order of its tabs.  Empty if the page has none. */
void gen_headed_list(xmlNodePtr root, int which, gen_url_fn *fn, void *arg,
                     struct gen_items *out);

/* An item's date: the item's text outside its links, else the text after
 * it up to the next item, else its URL (when from_url), with the year
 * from the URL for a date written without one.  norm as gen_find_date,
 * date only ("YYYY-MM-DD"). */
int gen_item_date(const struct gen_items *l, size_t i, int from_url,
                  char norm[11]);
/* The first picture of an item, as its src says, or NULL. */
char *gen_item_thumb(const struct gen_item *it);

/* ---- channels, next page, title ------------------------------------------ */

/* The channel bar: the element that holds the most short links to pages
 * of the site that are not articles (preferring one named nav/menu, or
 * <nav>), and its leaf links (not those that open a sub-list), the home
 * page's left out.  Labels and absolute URLs, in document order. */
void gen_channels(xmlNodePtr root, gen_url_fn *fn, void *arg,
                  struct item_list *out);

/* The next page: rel="next", a link saying 下一页 下页 > » ›, or the
 * numbered link after the current page.  page_url: the page's own URL
 * (never its own next); article: a page of an article (the next page must
 * then be a page of the same article).  Malloc'd absolute URL or NULL. */
char *gen_next(xmlNodePtr root, const char *page_url, int article,
               gen_url_fn *fn, void *arg);

/* Removes the pagers (page numbers and 上一页/下一页 links) and an info
 * line (a short block with a date and 来源 or 作者) inside an article's
 * body: they are no text. */
void gen_cut_pagers(xmlNodePtr body);

/* An article's title: the page's h1 (the one <title> holds, if several;
 * never a logo's, saying the site's name: gen_site_name), else og:title,
 * else <title> without the site's name.  *node: the element showing it,
 * if any. */
char *gen_title(xmlNodePtr root, const char *label, xmlNodePtr *node);
/* Whether t is the site's name (or a channel's) rather than a title: a
 * part of <title> after its first ("标题_要闻_中国高新网"), og:site_name,
 * or label (the profile's name of the site).  A logo in an h1 says it. */
int gen_site_name(xmlNodePtr root, const char *t, const char *label);
/* The first element (not in <head>) whose whole text is t, or NULL. */
xmlNodePtr gen_holding(xmlNodePtr root, const char *t);

/* The text between two elements in document order (from after a's
 * subtree to the start of b; b NULL: to the end), at most max bytes. */
char *gen_text_between(xmlNodePtr root, xmlNodePtr a, xmlNodePtr b, size_t max);
/* The text before element b (the last max bytes of it). */
char *gen_text_before(xmlNodePtr root, xmlNodePtr b, size_t max);

#endif
