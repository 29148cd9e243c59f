/* store.h: the offline cache.  The only module that includes sqlite3.h. */
#ifndef GX_STORE_H
#define GX_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"
#include "item.h"

struct store;

/* Opens (creating, migrating) the cache at path; ":memory:" for tests.
 * A corrupt or foreign file is moved aside and a fresh cache started: then
 * 0 is returned and store_notice() says what happened. */
int  store_open(struct store **out, const char *path, struct err *e);
void store_close(struct store *s);
const char *store_notice(const struct store *s);   /* NULL or a message */

enum tab_kind {
	TAB_CHANNEL = 0,    /* a site channel (paged list) */
	TAB_RANK_ALL,       /* 排行·全部 */
	TAB_RANK_MONTH,     /* 排行·本月 */
	TAB_PICKS,          /* 编辑推荐 */
	TAB_FEED,           /* an RSS/Atom feed */
	TAB_STARRED,
	TAB_SEARCH,
	TAB_QUERY,          /* a query over the cache, from the config */
};

struct store_tab {
	char   *key;        /* stable id: "rank-all", "picks", "ch:<url>", "feed:<url>" */
	char   *label;      /* as shown */
	char   *url;        /* list page or feed URL, may be NULL */
	int     kind;       /* enum tab_kind */
	int64_t fetched;    /* when its list was last stored, 0: never */
};

/* Replaces the set of tabs of a source with v, in that order (kept by key;
 * lists of tabs no longer present stay in the cache). */
int  store_put_tabs(struct store *s, const char *source,
                    const struct store_tab *v, size_t n, struct err *e);
int  store_get_tabs(struct store *s, const char *source,
                    struct store_tab **v, size_t *n, struct err *e);
void store_tabs_free(struct store_tab *v, size_t n);

enum store_list_mode {
	LIST_HEAD,      /* page 1 of a channel: these items lead, older ones follow */
	LIST_APPEND,    /* page 2..: items not yet present go at the end */
	LIST_REPLACE,   /* a ranking or picks snapshot: exactly these, in order */
};
/* Stores items (and a stub article row for each url) in one transaction. */
int  store_put_list(struct store *s, const char *tab_key,
                    const struct item_list *l, int mode, struct err *e);
/* The tab's items in order, with read/starred marks; out->next_url is the
 * next page to load, if the last stored page said so. */
int  store_get_list(struct store *s, const char *tab_key,
                    struct item_list *out, struct err *e);

/* Unread articles of the tab's list, and of the starred ones: counted by
 * the cache, nothing loaded. */
int  store_list_unread(struct store *s, const char *tab_key, size_t *out,
                       struct err *e);
int  store_starred_unread(struct store *s, size_t *out, struct err *e);

/* A feed's items written as they are read, in one transaction: each
 * item's article, whole with its body and with the item's date text,
 * summary and thumb (as store_put_articles then store_put_list would
 * write them), then at the end the tab's list (LIST_HEAD). */
struct store_feed;
int  store_feed_begin(struct store *s, const char *tab_key,
                      struct store_feed **out, struct err *e);
/* Whether the article at url is cached: 1 with it in *old (freed by the
 * caller), 0 if not, -1 on error.  The store_feed_add() of the same url
 * that follows uses the answer instead of looking it up again. */
int  store_feed_known(struct store_feed *w, const char *url, struct article *old,
                      struct err *e);
/* it and a are the same item (the url of a). */
int  store_feed_add(struct store_feed *w, const struct item *it,
                    const struct article *a, struct err *e);
/* The k-th article added gets source, and author unless NULL. */
int  store_feed_late(struct store_feed *w, size_t k, const char *source,
                     const char *author, struct err *e);
/* Forgets every article added (the feed is read again). */
int  store_feed_restart(struct store_feed *w, struct err *e);
/* commit: writes the list and commits; else rolls everything back.  Frees
 * w either way. */
int  store_feed_end(struct store_feed *w, int commit, struct err *e);

/* Upserts an article by url (never delete-then-insert). */
int  store_put_article(struct store *s, const struct article *a, struct err *e);
/* 0 found (body_html may still be NULL if only listed), 1 unknown, -1 error. */
int  store_get_article(struct store *s, const char *url, struct article *out,
                       struct err *e);

struct store_page {
	char   *url;
	char   *body;           /* UTF-8, as fetched after charset conversion */
	size_t  len;
	char   *content_type;
	char   *etag;
	char   *last_modified;
	int64_t fetched;
};
/* Raw pages with their HTTP validators, so a 304 can be answered. */
int  store_put_page(struct store *s, const struct store_page *p, struct err *e);
int  store_get_page(struct store *s, const char *url, struct store_page *out,
                    struct err *e);             /* 0 found, 1 unknown, -1 */
void store_page_free(struct store_page *p);

int  store_set_read(struct store *s, const char *url, int read, struct err *e);
int  store_set_starred(struct store *s, const char *url, int starred,
                       struct err *e);

/* ---- batches, snapshots, starred, search, expiry ---------------------- */

/* Upserts n articles in one transaction: all or nothing, and much faster
 * than n store_put_article calls for a refresh or --sync batch.  For both:
 * a NULL field keeps what the cache had (a body is never replaced by NULL),
 * read and starred marks are kept, and the store fills in fetched. */
int  store_put_articles(struct store *s, const struct article *v, size_t n,
                        struct err *e);

/* The list as it was at time when: the newest snapshot taken at or before
 * it.  LIST_REPLACE keeps each distinct snapshot (an identical one only
 * refreshes the time it was last seen), so past rankings stay readable;
 * store_get_list gives the latest. */
int  store_get_list_at(struct store *s, const char *tab_key, int64_t when,
                       struct item_list *out, struct err *e);

/* When tab_key's list was last stored; 0: never (or on error). */
int64_t store_tab_fetched(struct store *s, const char *tab_key);

/* Starred articles, the most recently starred first. */
int  store_starred(struct store *s, struct item_list *out, struct err *e);

#define STORE_SEARCH_MAX 500
/* Articles whose title or text (body without tags) contains every term of
 * query (terms are separated by spaces, ASCII or U+3000; ASCII letters match
 * either case), newest first, at most STORE_SEARCH_MAX, with read/starred;
 * out->more is set when more articles match than that.  Exactly the
 * articles a substring scan would find, for terms of any length: the index
 * finds candidates (a two-character term at once), each is checked on its
 * text, and articles not indexed yet are checked too.  An empty query
 * finds nothing. */
int  store_search(struct store *s, const char *query, struct item_list *out,
                  struct err *e);

/* Adds up to max articles (0: a default batch) changed since they were
 * indexed to the search index, in one transaction.  Writes do not index:
 * this runs when there is time.  Returns 1 if some are left, 0 when none
 * is, or -1. */
int  store_index(struct store *s, int max, struct err *e);
/* How many articles wait to be indexed. */
int64_t store_unindexed(struct store *s);

#define STORE_KEEP_UNREAD_DAYS 7
/* Expires articles not listed or fetched for max_age_days (0: no age
 * limit), then, while the cache holds more than max_bytes (0: no limit),
 * the oldest raw pages and then the least recently seen articles.  Never
 * starred articles, nor unread ones seen in the last STORE_KEEP_UNREAD_DAYS
 * days.  Returns how many articles were removed, or -1. */
int  store_vacuum(struct store *s, int max_age_days, int64_t max_bytes,
                  struct err *e);

/* A hard cap on the size of the cache file (0: none).  A write that would
 * pass it fails like a full disk: "disk full, nothing was written". */
int  store_set_max_size(struct store *s, int64_t max_bytes, struct err *e);

/* Pins the store's clock to t, seconds since the epoch (tests); 0: the
 * real clock again. */
void store_set_clock(struct store *s, int64_t t);

/* A picture as fetched: the file, or why it is not kept. */
struct store_image {
	char   *url;
	char   *content_type;
	char   *data;           /* the file; NULL when refused */
	size_t  len;
	char   *error;          /* why it was refused ("not shown: …"), or NULL */
	int64_t fetched;
};
/* Keeps a picture with the article that shows it (article_url NULL or not
 * cached: a list page's picture, expired by age alone).  A refusal never
 * replaces a file the cache holds. */
int  store_put_image(struct store *s, const char *article_url,
                     const struct store_image *im, struct err *e);
/* 0 found, 1 unknown, -1 error. */
int  store_get_image(struct store *s, const char *url, struct store_image *out,
                     struct err *e);
void store_image_free(struct store_image *im);
/* A host that failed, as the fetcher left it: kept between runs so that a
 * host that timed out a minute ago is not asked once per tab again. */
struct store_host {
	char   *name;
	int     fails;          /* failures in a row; 0: it answers (row dropped) */
	int64_t failed_at;      /* seconds since the epoch */
	int64_t retry_at;       /* paused until */
	int     told;           /* the server asked for it (Retry-After) */
	char   *error;          /* the last failure in words */
};
int  store_put_host(struct store *s, const struct store_host *h, struct err *e);
int  store_get_hosts(struct store *s, struct store_host **v, size_t *n,
                     struct err *e);
void store_hosts_free(struct store_host *v, size_t n);

/* ---- readers' places, rules, the program's notes ---------------------- */

/* How far an article was read: place visible characters of of (see
 * struct item).  Kept with the article, read back by store_get_article
 * and in lists. */
int  store_set_place(struct store *s, const char *url, int64_t place,
                     int64_t of, struct err *e);

/* The newest articles (by date) dated since then or later, at most max,
 * only unread ones or only starred ones if asked, none a rule hides. */
int  store_recent(struct store *s, int64_t since, int unread, int starred,
                  size_t max, struct item_list *out, struct err *e);

/* The text of the article's body (tags cut, entities decoded), malloc'd;
 * NULL when it has none. */
char *store_article_text(struct store *s, const char *url);

/* Judges articles by rules: it (url, title, time, read, starred, origin,
 * author, source as stored) gets the rule bits judge returns (ITEM_HIDDEN,
 * ITEM_HIGHLIGHT), and is marked read if judge sets *read.  all: every
 * article (the rules changed); else those not judged as they are now (new,
 * or whose title, names or body changed since).  The verdicts are written
 * in one transaction; *marked (may be NULL) counts the articles marked
 * read.  Returns how many articles changed, or -1. */
typedef int store_judge_fn(void *ctx, const struct item *it, int *read);
int  store_judge(struct store *s, int all, store_judge_fn *judge, void *ctx,
                 size_t *marked, struct err *e);

/* A note the program keeps in the cache (meta table): malloc'd, or NULL. */
char *store_meta(struct store *s, const char *key);
int  store_set_meta(struct store *s, const char *key, const char *value,
                    struct err *e);

/* The schema version this gxnews writes.  An older cache is upgraded step
 * by step (a copy kept as FILE.vN.bak, and store_notice() says so); a newer
 * one is refused without being touched. */
#define STORE_SCHEMA 9

/* The SQLite library in use, e.g. "3.40.1". */
const char *store_version(void);

#endif
