/* news.h: the model.  Tabs, lists and articles as the UI and the command
 * line see them; refresh is net -> charset -> parse -> store, and what is
 * shown is always read back from the store. */
#ifndef GX_NEWS_H
#define GX_NEWS_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"
#include "image.h"
#include "item.h"
#include "render.h"
#include "site.h"
#include "store.h"

struct news_feed {
	const char *url;
	const char *label;      /* NULL: the feed's own title */
};

struct conf;

struct news_opts {
	/* the config (may be NULL): its query tabs and rules, and the
	 * settings of each source (`source` lines: images, zh-script) */
	const struct conf *conf;
	const struct news_feed *feeds;  /* the user's feeds, each a tab */
	size_t nfeeds;
	const char *profile;    /* site profile file */
	const char *mirror;     /* --site-url: where the site's pages are read */
	const char *cache;      /* cache file */
	int offline;            /* never touch the network */
	int script;             /* enum zh_script: how Chinese is shown */
	int images;             /* enum image_mode: how pictures are shown;
	                           IMAGE_OFF: neither fetched nor shown */
	size_t max_page;        /* bytes: the largest page read, 0: net's default */
	int site_off;           /* "site none": the site is never fetched and
	                           its tabs are not shown (feeds only) */
	/* the network's limits (net.h); 0: the default */
	long net_timeout_ms;    /* net-timeout: a page, every try: 15 s */
	long connect_timeout_ms;/* net-connect-timeout: net-timeout / 3 */
	long stall_ms;          /* net-stall-timeout: net-timeout / 3 */
	int  tries;             /* net-tries: 3 */
	int  sync_pages;        /* --sync=PAGES: list pages of a channel; 0: the
	                           site's sync-pages in conf (3) */
	long sync_host_ms;      /* sync-host-budget: a host's share of a sync */
};

#define NEWS_SYNC_PAGES 3
#define NEWS_SYNC_HOST_MS (10 * 60 * 1000)

struct news;

int  news_open(struct news **out, const struct news_opts *o, struct err *e);
void news_close(struct news *n);

/* The Chinese script (enum zh_script) of what the model gives: list
 * titles and summaries, articles' fields and text, the labels of the
 * site's and the feeds' tabs; the cache keeps what was published.  A
 * script that cannot be shown (no OpenCC) leaves the script as it was and
 * says why.  news_open's script is set the same way, a failure becoming
 * news_notice(). */
int  news_set_script(struct news *n, int script, struct err *e);
int  news_script(const struct news *n);
/* Switches between Simplified and the script news_open was given (generic
 * Traditional when that was Simplified); the new script, or -1 with why. */
int  news_toggle_script(struct news *n, struct err *e);
/* A query in the script text is shown in, for finding it in what is shown
 * (titles, an article's lines) whichever script it was typed in; malloc'd. */
char *news_shown_query(struct news *n, const char *query);

/* What a kind of tab (enum tab_kind) is, for the screen. */
enum {
	NK_RANKED = 1 << 0,     /* its items have ranks: show them */
	NK_NO_COUNT = 1 << 1,   /* no unread count on the tab bar */
	NK_OWN_LABEL = 1 << 2,  /* the program's words or the user's: never converted */
	NK_STARS = 1 << 3,      /* starring changes what it holds */
	NK_QUERY = 1 << 4,      /* its list is a query of the cache, not a page */
};
struct news_kind {
	const char *key;        /* the key of a one-of-a-kind tab, else NULL */
	unsigned flags;         /* NK_* */
	const char *empty;      /* N_() text: what its empty list says */
};
const struct news_kind *news_kind(int kind);

/* Tabs as cached (drawn at once at start-up). */
size_t news_ntabs(const struct news *n);
const struct store_tab *news_tab(const struct news *n, size_t i);
/* Index of the tab whose label (as shown or as published) or key is
 * name, or -1. */
long news_find_tab(const struct news *n, const char *name);

/* A deadline for what follows (the command line's --list and --dump):
 * every fetch ends within ms from now, and what has not come by then is
 * given up (the cache answers).  0: none. */
void news_set_deadline(struct news *n, long ms);
/* The budget of a page (net-timeout), in ms. */
long news_budget_ms(const struct news *n);

/* Unread articles in a tab (counted once, again after a change). */
size_t news_unread(struct news *n, size_t tab);
/* Shows the cached articles matching query as a tab (replacing an earlier
 * search; an empty query removes it).  Returns the tab's index, or -1.
 * The query is looked for as typed, in Simplified and in Traditional, so
 * 經濟 finds the articles holding 经济 and the other way round. */
long news_search(struct news *n, const char *query, struct err *e);

/* Fetches the channel page and updates the set of tabs. */
int news_refresh_tabs(struct news *n, struct err *e);
/* Fetches page 1 of a tab's list (or the ranking snapshot) into the store. */
int news_refresh_list(struct news *n, size_t tab, struct err *e);
/* Fetches the next page of a channel's list; 1 if there is none. */
int news_load_more(struct news *n, size_t tab, struct err *e);
/* The tab's list from the store. */
int news_get_list(struct news *n, size_t tab, struct item_list *out,
                  struct err *e);
/* The article from the store, fetched first (all its pages) if the store
 * has no body for it and the network may be used. */
int news_get_article(struct news *n, const char *url, struct article *out,
                     struct err *e);
/* The article's body laid out as blocks (render_blocks), its text in the
 * script of the model; links and image addresses as published. */
int news_article_blocks(struct news *n, const struct article *a,
                        struct rblocks *out, struct err *e);
/* Expires old articles (never starred or recent unread ones); returns how
 * many went, or -1. */
int news_vacuum(struct news *n, int max_age_days, int64_t max_bytes,
                struct err *e);
int news_set_read(struct news *n, const char *url, int read, struct err *e);
int news_set_starred(struct news *n, const char *url, int starred,
                     struct err *e);

/* Work in the background: the UI starts jobs and keeps reading keys while
 * news_poll() drives the transfers; a finished job leaves an event. */
enum news_job {
	JOB_TABS,       /* the channel page: the set of tabs */
	JOB_LIST,       /* page 1 of a tab's list (or a ranking snapshot) */
	JOB_MORE,       /* the next page of a channel's list */
	JOB_ARTICLE,    /* an article and all its pages */
	JOB_FULLTEXT,   /* the same, fetched even if cached: a feed item's
	                   summary replaced by the page's full text */
	JOB_PICTURE,    /* a picture of an article, kept with it */
	JOB_SYNC,       /* news_sync_start(): everything, for reading offline */
	JOB_PROBE,      /* a URL to add as a feed: a feed (its title), or a
	                   web page and the feeds it names */
};

struct news_event {
	enum news_job job;
	char  *tab_key;     /* JOB_LIST, JOB_MORE */
	char  *url;         /* JOB_ARTICLE, JOB_PICTURE: the article */
	char  *picture;     /* JOB_PICTURE: the picture's URL */
	int    ok;          /* 0: msg says what failed */
	int    changed;     /* new data was stored */
	char   msg[512];    /* error, or a notice ("offline: …") */
	/* JOB_PROBE: feed 1 and found holding the feed (its url and title),
	 * or feed 0 and the feeds the page names (url, title or NULL) */
	int    feed;
	struct item_list found;
};

/* Queues a job (tab: an index for JOB_LIST/JOB_MORE, url for JOB_ARTICLE).
 * Offline, or when the cache can answer at once, the event is ready at
 * once.  A job already running for the same thing is not started twice. */
void news_start(struct news *n, enum news_job job, size_t tab, const char *url);
/* Drives transfers for at most timeout_ms.  Returns the jobs still running. */
int  news_poll(struct news *n, int timeout_ms);
/* Takes the next finished job's event; 0 if none.  Free with
 * news_event_free. */
int  news_next_event(struct news *n, struct news_event *ev);
void news_event_free(struct news_event *ev);
/* Stops every running job (their events say "cancelled"). */
void news_cancel(struct news *n);
/* Whether jobs run; finished/total transfers and a host being fetched
 * (each pointer may be NULL). */
int  news_busy(const struct news *n, int *done, int *total, char *host,
               size_t hostsz);
/* The pictures of an article's blocks (news_article_blocks).  Each one the
 * cache holds is decoded within the limits into pics[i] (i: its block;
 * pics has b->n places, or is NULL to decode nothing; one already in
 * pics[i] is left as it is, so each picture that comes in is decoded once)
 * and its size set on its block, or the reason it cannot be shown becomes
 * the block's note;
 * one not cached is fetched in the background (a JOB_PICTURE whose event
 * names the article), unless offline, where the note says it is not
 * cached.  Nothing when news_opts.images is off.  Returns how many
 * pictures are on their way. */
int  news_article_pictures(struct news *n, const char *article_url,
                           struct rblocks *b, struct image *pics);
/* The same for one block k (pic: its place, or NULL), so that a view can
 * decode an article's pictures one at a time between keys. */
int  news_article_picture(struct news *n, const char *article_url,
                          struct rblock *k, struct image *pic);
/* The same for an article in the cache, fetching only (for --sync). */
int  news_fetch_pictures(struct news *n, const char *article_url);
/* How pictures are shown: news_opts.images (IMAGE_OFF without libchafa),
 * or as toggled. */
int  news_images(const struct news *n);
/* Pictures hidden (IMAGE_OFF), or shown again as news_open was asked (auto
 * when that was off): the new mode, or -1 with why (a build without
 * libchafa). */
int  news_toggle_images(struct news *n, struct err *e);
/* How the pictures of an article are shown: the images setting of the
 * site or feed it came from (a `source` line), else news_images. */
int  news_images_for(struct news *n, const char *article_url);

/* A list page with a picture of its own (an e-paper's 版面图: the page as
 * printed) and the first article listed under it. */
struct news_section {
	char *picture;      /* absolute URL */
	char *first;        /* the first article's URL */
};
/* The sections of a site channel's list, in list order, read from the
 * list pages the cache holds; none for other tabs.  0, or -1. */
int  news_tab_sections(struct news *n, size_t tab, struct news_section **v,
                       size_t *nv, struct err *e);
void news_sections_free(struct news_section *v, size_t nv);
/* A picture that belongs to no article (a section's) decoded from the
 * cache into out (NULL: only make sure it is fetched): 0; 1 when it is
 * not cached (and then fetched in the background, a JOB_PICTURE without
 * an article, unless offline); -1 and why it cannot be shown. */
int  news_picture(struct news *n, const char *url, struct image *out,
                  struct err *e);

/* ---- the reader's own model: query tabs, rules, sources, places ------ */

/* The query of a query tab (TAB_QUERY, as written), else NULL. */
const char *news_tab_query(const struct news *n, size_t tab);
/* Adds a query tab (after the others of its kind): its index, or -1 with
 * e (a wrong query names the column). */
long news_add_query_tab(struct news *n, const char *label, const char *query,
                        struct err *e);

/* The rules (conf.h: ignore, highlight, mark-read), in order: 0 past the
 * end. */
int  news_rule(const struct news *n, size_t i, int *action, const char **query,
               const char **where);
/* Adds a rule and applies it to the cache at once; how many articles it
 * hid, coloured or marked read, or -1 with e. */
int  news_add_rule(struct news *n, int action, const char *query,
                   const char *where, struct err *e);

/* The source a tab's list comes from, as `source` lines name it: a site
 * (its profile's name and address) or a feed (its label and URL).  0 for
 * the tabs of mixed sources (starred, search, query tabs). */
int  news_tab_source(const struct news *n, size_t tab, const char **name,
                     const char **url);
/* Adds a feed as a tab (label NULL: the feed's own title); its index, or
 * -1 with e.  The caller keeps it in the config. */
long news_add_feed(struct news *n, const char *url, const char *label,
                   struct err *e);
/* How far the article was read (struct item's place and place_of). */
int  news_set_place(struct news *n, const char *url, int64_t place, int64_t of,
                    struct err *e);

/* Whether the cache holds the article's body (no fetch needed). */
int  news_has_article(struct news *n, const char *url);
/* The running transfer that has waited longest without a byte: its host
 * and whole seconds (0: none has waited a second). */
int  news_stalled(const struct news *n, char *host, size_t hostsz);

/* ---- sync: everything for reading offline -----------------------------
 * The tabs, then sync_pages list pages of every channel (the whole edition
 * of an e-paper, whose front page forwards to it), the rankings, picks and
 * feeds, then every article listed on them that the cache has no body of,
 * each with all its pages, then their pictures and the list pages' own
 * (unless news_opts.images is off).  Pages come with their validators (a page that
 * did not change is not sent again), so a sync interrupted and started
 * again goes on where it stopped.  Each host has sync_host_ms: the pages
 * still to come from a host past it are given up.  The jobs it runs leave
 * no events; its end leaves one JOB_SYNC event. */
struct news_sync {
	int lists, lists_done;          /* list pages */
	int articles, articles_done;
	int pictures, pictures_done;
	int failed;
	int64_t bytes;                  /* fetched (decoded) */
	char host[256];                 /* a host being fetched */
};
/* Starts a sync; -1 with e set if offline or one is running. */
int  news_sync_start(struct news *n, struct err *e);
/* Its progress: 1 while it runs; 0 after it (p then holds the last
 * sync's counts, if there was one). */
int  news_sync_progress(const struct news *n, struct news_sync *p);
/* The next line of the running or last sync's report not taken yet, in
 * order: a page done (*msg NULL), or a page or host that failed and why;
 * 0 when there is none.  The strings live as long as the sync's report
 * (until the next sync or news_close). */
int  news_sync_next(struct news *n, const char **what, const char **msg);
/* How the last sync ended: 0 everything fetched, 1 some failed, 2 no host
 * answered. */
int  news_sync_status(const struct news *n);

/* Whether articles wait for the search index (a search is exact without
 * it, only slower). */
int  news_indexing(struct news *n);
/* Indexes waiting articles for about budget_ms (0: all of them), a few at
 * a time, so the reader stays quick to answer keys.  Returns how many are
 * left, or -1. */
int  news_index(struct news *n, int budget_ms, struct err *e);

/* How the site's pages were read this session: pages whose field
 * (enum site_field) the layer (enum site_layer) read.  A field read by a
 * fallback or a generic rule is also said once on the status line. */
struct news_tally {
	unsigned reads[SF_COUNT][SITE_GENERIC + 1];
};
const struct news_tally *news_tally(const struct news *n);

/* The site profile the model reads with (--check-site reads with it). */
const struct site *news_site(const struct news *n);
/* One page of the site as UTF-8, fetched now (and kept in the cache like
 * any other; offline or when the fetch fails, the cached copy): 0 and a
 * malloc'd *body, or -1. */
int news_fetch_page(struct news *n, const char *url, char **body, size_t *len,
                    struct err *e);

/* What the last operation has to tell the user ("offline: …"), or NULL. */
const char *news_notice(const struct news *n);
int news_offline(const struct news *n);

#endif
