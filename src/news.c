/* news.c: the model: tabs, lists, refresh (net -> parse -> store), read
 * state, falling back to the cache when the network fails, and sync. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charset.h"
#include "conf.h"
#include "extract.h"
#include "feed.h"
#include "net.h"
#include "news.h"
#include "query.h"
#include "site.h"
#include "zhscript.h"

#define MAX_ARTICLE_PAGES 30
#define MAX_LIST_HOPS 3        /* empty list pages followed to their next */
#define INDEX_STEP    64       /* articles indexed per transaction (~5 ms) */
#define INDEX_ALL     4096     /* the same with no time limit (--sync): each
                                  transaction also flushes the index's terms */
#define MAX_EDITION_PAGES 64   /* 版面 of an e-paper edition a sync reads */
#define RECENT_MAX    5000     /* articles a query without words looks through */
#define RULES_KEY     "rules"  /* the cache's note of the rules it was judged by */

struct job {
	enum news_job kind;
	char   *tab_key;        /* JOB_LIST, JOB_MORE */
	int     tab_kind;
	int64_t tab_fetched;
	char   *url;            /* the page being fetched */
	char   *article_url;    /* JOB_ARTICLE: the first page; JOB_PICTURE: the
	                           article showing the picture */
	char   *picture;        /* JOB_PICTURE: the picture's URL */
	struct article art;     /* JOB_ARTICLE: fields of page 1 */
	struct buf body;        /* JOB_ARTICLE: bodies of the pages so far */
	struct item_list found; /* JOB_PROBE: the feed, or the feeds a page names */
	int     is_feed;
	int     pages;          /* article pages read; list pages followed on */
	int     fresh;          /* the page in came from the network */
	int     sync;           /* a sync's: its end goes to the sync */
	int     notify;         /* asked for by the user too: an event as well */
	int     stale;          /* a page came from the cache after a failure */
	char    guessed[64];    /* the charset read from the page's bytes, when
	                           none was declared or the declared one was wrong */
	char    host[256];      /* of the page being fetched */
	char   *old_body;       /* a list's page 1: the copy cached before this one */
	size_t  old_len;
	struct net_req *req;
	struct job *next;
	struct job *ready;      /* answered without the network (news_poll) */
};

struct sync;
static void sync_free(struct sync *y);

struct news {
	struct site *site;
	struct store *store;
	struct net *net;
	int offline;
	int site_off;
	long budget_ms;         /* a page, every try (net-timeout) */
	int64_t deadline;       /* monotonic ms: news_set_deadline, 0: none */
	int sync_pages;
	long sync_host_ms;
	struct store_tab *tabs;
	size_t ntabs;
	char notice[512];
	struct job *jobs;
	struct job *ready;      /* jobs whose page the cache answers */
	struct news_event *events;
	size_t nevents, capevents;
	struct news_feed *feeds;    /* copied from the options */
	size_t nfeeds;
	char *search;           /* the query of the search tab, or NULL */
	size_t *unread;         /* per tab, (size_t)-1: not counted yet */
	size_t nunread;
	struct zh *zh;
	int script;             /* enum zh_script of what is given out */
	int preferred;          /* the script asked for, where toggling goes */
	char **raw_labels;      /* the tabs' labels as published */
	int images;             /* enum image_mode */
	int64_t unindexed;      /* articles waiting for the search index, -1: unknown */
	struct sync *sync;      /* running, or the last one (its report) */
	int sync_pictures;      /* the pictures started now are the sync's */
	int images_asked;       /* news_opts.images, where toggling goes back */
	struct news_tally tally;    /* how the site's pages were read */
	int fell[SF_COUNT];     /* the worst layer each field fell to, told */
	char drift_said[512];   /* the last "Site layout changed" line */
	int drift_in_sync;      /* said while a sync ran: its summary says it again */
	char *spool_dir;        /* where a large page waits: beside the cache */
	const struct conf *conf;    /* the settings of each source, or NULL */
	struct rule *rules;
	size_t nrules;
	struct qtab *qtabs;
	size_t nqtabs;
};

/* A rule: a query and what it does to the articles it finds. */
struct rule {
	int action;             /* enum conf_rule_action */
	char *text, *where;
	struct query q;         /* its values in each script (compile()) */
};

/* A query tab, and what it found while the cache has not changed. */
struct qtab {
	char *label, *text;
	struct query q;
	struct item_list found;
	int valid;
};

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

typedef int read_fn(struct news *n, const struct store_tab *t,
                    struct item_list *out, struct err *e);
typedef int count_fn(struct news *n, const struct store_tab *t, size_t *out,
                     struct err *e);
typedef int page_fn(struct news *n, struct job *j, const char *body, size_t len,
                    struct err *e);
typedef int stream_fn(struct news *n, struct job *j, struct src *text, struct err *e);
static stream_fn store_feed_text;
static read_fn read_list, read_starred, read_search, read_query;
static void keep_shown(struct item_list *from, struct item_list *out);
static count_fn count_list, count_starred, count_search, count_query;
static page_fn store_list_page, store_feed;

/* The kinds of tab: what the screen needs to know of each, where its list
 * comes from, how a fetched page of it is stored.  The one place that
 * tells kinds apart. */
static const struct kind {
	struct news_kind pub;
	int special;            /* enum site_list_kind, -1: none */
	int mode;               /* enum store_list_mode of a fetched page 1 */
	read_fn *read;
	count_fn *count;
	page_fn *page;          /* NULL: nothing to fetch */
	stream_fn *stream;      /* the page read in pieces as it is stored (a
	                           feed, which may be large); NULL: read whole */
} kinds[] = {
	[TAB_CHANNEL] = { { NULL, 0, N_("(no articles in this tab)") },
	                  -1, LIST_HEAD, read_list, count_list, store_list_page },
	[TAB_RANK_ALL] = { { "rank-all", NK_RANKED, N_("(no articles in this tab)") },
	                   SITE_RANK_ALL, LIST_REPLACE, read_list, count_list,
	                   store_list_page },
	[TAB_RANK_MONTH] = { { "rank-month", NK_RANKED, N_("(no articles in this tab)") },
	                     SITE_RANK_MONTH, LIST_REPLACE, read_list, count_list,
	                     store_list_page },
	[TAB_PICKS] = { { "picks", NK_RANKED, N_("(no articles in this tab)") },
	                SITE_PICKS, LIST_REPLACE, read_list, count_list, store_list_page },
	[TAB_FEED] = { { NULL, 0, N_("(no articles in this tab)") },
	               -1, LIST_HEAD, read_list, count_list, store_feed, store_feed_text },
	[TAB_STARRED] = { { "starred", NK_OWN_LABEL | NK_NO_COUNT | NK_STARS,
	                    N_("(nothing starred: press s on an article to star it)") },
	                  -1, LIST_HEAD, read_starred, count_starred, NULL },
	[TAB_SEARCH] = { { NULL, NK_OWN_LABEL | NK_QUERY, N_("(nothing in the cache matches)") },
	                 -1, LIST_HEAD, read_search, count_search, NULL },
	[TAB_QUERY] = { { NULL, NK_OWN_LABEL, N_("(nothing in the cache matches this tab's query)") },
	                -1, LIST_HEAD, read_query, count_query, NULL },
};

static const struct kind *
kind_of(int k)
{
	return k >= 0 && (size_t)k < ARRAY_LEN(kinds) ? &kinds[k] : &kinds[TAB_CHANNEL];
}

const struct news_kind *
news_kind(int kind)
{
	return &kind_of(kind)->pub;
}

/* The kinds of background job: what each is for and how it goes. */
enum {
	JT_TAB = 1 << 0,        /* for one tab: one at a time per tab */
	JT_ARTICLE = 1 << 1,    /* for one article: one at a time per URL */
	JT_CACHED = 1 << 2,     /* done at once when the cache has it */
	JT_PAGE1 = 1 << 3,      /* a list's first page: unchanged is nothing new,
	                           empty is not the list */
	JT_RAW = 1 << 4,        /* the bytes as they came, whatever the outcome:
	                           no charset, no page kept */
};
typedef char *first_fn(struct news *n, struct job *j, size_t tab, const char *url);
typedef int done_fn(struct news *n, struct job *j, const char *body, size_t len,
                    struct err *e);
static first_fn first_channels, first_list, first_more, first_article, first_none;
static done_fn store_channels, store_tab_page, article_page, picture_page, keep_page,
                probe_page;
/* A page fetched for the command line to read itself (news_fetch_page):
 * never started by the screen, so no kind it knows. */
#define JOB_PAGE ((enum news_job)(JOB_PROBE + 1))
static const struct job_type {
	unsigned flags;
	first_fn *first;        /* the URL to start from; NULL: nothing to do */
	done_fn *done;          /* a page is in: 1 more to come, 0 stored, -1 */
	const char *never;      /* N_(): offline, a page the cache lacks */
} job_types[] = {
	[JOB_TABS] = { 0, first_channels, store_channels,
	               N_("offline, and this page was never fetched") },
	[JOB_LIST] = { JT_TAB | JT_PAGE1, first_list, store_tab_page,
	               N_("offline, and this tab was never fetched") },
	[JOB_MORE] = { JT_TAB, first_more, store_tab_page,
	               N_("offline, and the next page of this list was never fetched") },
	[JOB_ARTICLE] = { JT_ARTICLE | JT_CACHED, first_article, article_page,
	                  N_("offline, and this article is not in the cache") },
	[JOB_FULLTEXT] = { JT_ARTICLE, first_article, article_page,
	                   N_("offline, and this article is not in the cache") },
	[JOB_PICTURE] = { JT_RAW, first_none, picture_page, NULL },  /* start_picture() */
	[JOB_SYNC] = { 0, NULL, NULL, NULL },   /* news_sync_start() */
	[JOB_PROBE] = { JT_ARTICLE, first_article, probe_page,
	                N_("offline: adding a feed needs the network") },
	[JOB_PAGE] = { JT_ARTICLE, first_article, keep_page, NULL },
};

static void
notice(struct news *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
notice(struct news *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(n->notice, sizeof n->notice, fmt, ap);
	va_end(ap);
}

/* What one page's reading says: counted, and when a field falls back
 * (to a fallback or the generic rules) for the first time this session,
 * one line naming every field that has: the latest says it all. */
static void
drift(struct news *n, const struct site_read *rd)
{
	struct buf b, gen, fb;
	int fresh = 0;

	for (int f = 0; f < SF_COUNT; f++) {
		n->tally.reads[f][rd->layer[f]]++;
		if (rd->layer[f] >= SITE_FALLBACK && rd->layer[f] > n->fell[f]) {
			n->fell[f] = rd->layer[f];
			fresh = 1;
		}
	}
	if (!fresh)
		return;
	buf_init(&gen, 0);
	buf_init(&fb, 0);
	for (int f = 0; f < SF_COUNT; f++) {
		struct buf *w = n->fell[f] == SITE_GENERIC ? &gen : &fb;

		if (n->fell[f] >= SITE_FALLBACK)
			buf_addf(w, "%s%s", w->len ? _(", ") : "", _(site_field_info(f)->words));
	}
	buf_init(&b, 0);
	if (gen.len)
		buf_addf(&b, _("%s read by generic rules"), gen.data);
	if (fb.len) {
		if (b.len)
			buf_adds(&b, _("; "));
		buf_addf(&b, _("%s read by the profile's fallback rules"), fb.data);
	}
	if (n->notice[0] != '\0')
		snprintf(n->notice + strlen(n->notice), sizeof n->notice - strlen(n->notice),
		         "; ");
	snprintf(n->drift_said, sizeof n->drift_said, _("Site layout changed: %s"), b.data);
	snprintf(n->notice + strlen(n->notice), sizeof n->notice - strlen(n->notice),
	         "%s", n->drift_said);
	n->drift_in_sync = 1;
	buf_free(&b);
	buf_free(&gen);
	buf_free(&fb);
}

const struct news_tally *
news_tally(const struct news *n)
{
	return &n->tally;
}

static void unread_forget(struct news *n);
static int typed_script(const struct news *n);
static int get_list(struct news *n, size_t tab, struct item_list *out,
                    struct err *e);

#define FEEDS_SOURCE "feeds"

static void
add_tab(struct news *n, int kind, char *key, const char *label)
{
	struct store_tab *t;

	n->tabs = xrealloc(n->tabs, (n->ntabs + 1) * sizeof *n->tabs);
	t = &n->tabs[n->ntabs++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->key = key;
	t->label = xstrdup(label);
}

static void
free_raw_labels(struct news *n)
{
	for (size_t i = 0; n->raw_labels != NULL && n->raw_labels[i] != NULL; i++)
		free(n->raw_labels[i]);
	free(n->raw_labels);
	n->raw_labels = NULL;
}

/* The labels of the site's and the feeds' tabs in the script (Starred and
 * the search are the program's own words and the user's query). */
static void
convert_labels(struct news *n)
{
	n->raw_labels = xcalloc(n->ntabs + 1, sizeof *n->raw_labels);
	for (size_t i = 0; i < n->ntabs; i++) {
		struct store_tab *t = &n->tabs[i];

		n->raw_labels[i] = xstrdup(t->label);
		if (!(news_kind(t->kind)->flags & NK_OWN_LABEL))
			zh_convert_in_place(n->zh, n->script, &t->label);
	}
}

/* The site's tabs as cached, then the starred articles, then the search
 * results if there is a search. */
static int
load_tabs(struct news *n, struct err *e)
{
	store_tabs_free(n->tabs, n->ntabs);
	n->tabs = NULL;
	n->ntabs = 0;
	free_raw_labels(n);
	unread_forget(n);
	struct store_tab *feeds = NULL;
	size_t nfeeds = 0;

	if (!n->site_off &&
	    store_get_tabs(n->store, site_name(n->site), &n->tabs, &n->ntabs, e) < 0)
		return -1;
	if (store_get_tabs(n->store, FEEDS_SOURCE, &feeds, &nfeeds, e) < 0)
		return -1;
	for (size_t i = 0; i < nfeeds; i++) {
		add_tab(n, TAB_FEED, feeds[i].key, feeds[i].label);
		n->tabs[n->ntabs - 1].url = feeds[i].url;
		n->tabs[n->ntabs - 1].fetched = feeds[i].fetched;
		feeds[i].key = feeds[i].url = NULL;
	}
	store_tabs_free(feeds, nfeeds);
	for (size_t i = 0; i < n->nqtabs; i++)
		add_tab(n, TAB_QUERY, xasprintf("query:%s", n->qtabs[i].label),
		        n->qtabs[i].label);
	add_tab(n, TAB_STARRED, xstrdup(kinds[TAB_STARRED].pub.key), _("Starred"));
	if (n->search != NULL) {
		char *label = xasprintf(_("Search: %s"), n->search);

		add_tab(n, TAB_SEARCH, xasprintf("search:%s", n->search), label);
		free(label);
	}
	convert_labels(n);
	return 0;
}

/* The per-tab unread counts, made for the tabs there are now. */
static void
unread_table(struct news *n)
{
	if (n->unread != NULL && n->nunread == n->ntabs)
		return;
	free(n->unread);
	n->nunread = n->ntabs;
	n->unread = xcalloc(n->ntabs + 1, sizeof *n->unread);
	for (size_t i = 0; i < n->ntabs; i++)
		n->unread[i] = (size_t)-1;
}

size_t
news_unread(struct news *n, size_t tab)
{
	size_t count = 0;

	if (tab >= n->ntabs)
		return 0;
	unread_table(n);
	if (n->unread[tab] != (size_t)-1)
		return n->unread[tab];
	if (kind_of(n->tabs[tab].kind)->count(n, &n->tabs[tab], &count, NULL) < 0)
		count = 0;
	n->unread[tab] = count;
	return count;
}

/* Keeps the unread count of tab's list l, read just now. */
static void
unread_note(struct news *n, size_t tab, const struct item_list *l)
{
	size_t count = 0;

	if (tab >= n->ntabs)
		return;
	unread_table(n);
	for (size_t i = 0; i < l->n; i++)
		count += !l->v[i].read;
	n->unread[tab] = count;
}

static void
unread_forget(struct news *n)
{
	free(n->unread);
	n->unread = NULL;
	n->nunread = 0;
}

long
news_search(struct news *n, const char *query, struct err *e)
{
	xfree_set(&n->search, str_empty(query) ? NULL : xstrdup(query));
	if (load_tabs(n, e) < 0)
		return -1;
	return n->search ? (long)n->ntabs - 1 : -1;
}

/* The feed tabs, in the config's order: the config's label, else the
 * title the feed gave (learned: url's feed is called title), else what
 * was cached, else the URL. */
static int
put_feed_tabs(struct news *n, const char *url, const char *title, struct err *e)
{
	struct store_tab *old = NULL, *v;
	size_t nold = 0;
	int rc;

	if (store_get_tabs(n->store, FEEDS_SOURCE, &old, &nold, e) < 0)
		return -1;
	v = xcalloc(n->nfeeds + 1, sizeof *v);
	for (size_t i = 0; i < n->nfeeds; i++) {
		const char *label = n->feeds[i].label;

		v[i].key = xasprintf("feed:%s", n->feeds[i].url);
		v[i].url = xstrdup(n->feeds[i].url);
		v[i].kind = TAB_FEED;
		if (label == NULL && url != NULL && strcmp(url, n->feeds[i].url) == 0)
			label = title;
		for (size_t k = 0; label == NULL && k < nold; k++)
			if (strcmp(old[k].key, v[i].key) == 0)
				label = old[k].label;
		v[i].label = xstrdup(label ? label : n->feeds[i].url);
	}
	rc = store_put_tabs(n->store, FEEDS_SOURCE, v, n->nfeeds, e);
	store_tabs_free(v, n->nfeeds);
	store_tabs_free(old, nold);
	return rc;
}

/* What earlier runs learned of hosts that failed. */
static void
hosts_restore(struct news *n)
{
	struct store_host *v = NULL;
	size_t nv = 0;

	if (store_get_hosts(n->store, &v, &nv, NULL) < 0)
		return;
	for (size_t i = 0; i < nv; i++) {
		struct net_host h = { .fails = v[i].fails };

		snprintf(h.name, sizeof h.name, "%s", v[i].name);
		snprintf(h.error, sizeof h.error, "%s", v[i].error ? v[i].error : "");
		h.failed_at = v[i].failed_at;
		h.retry_at = v[i].retry_at;
		h.told = v[i].told;
		net_host_restore(n->net, &h);
	}
	store_hosts_free(v, nv);
}

/* What this run learned of hosts, for the next one.  A cache that cannot
 * be written (read-only, full) loses only that. */
static void
hosts_save(struct news *n)
{
	struct net_host h;

	while (n->net != NULL && net_host_changed(n->net, &h)) {
		struct store_host sh = { .name = h.name, .fails = h.fails,
		                         .failed_at = h.failed_at,
		                         .retry_at = h.retry_at, .told = h.told,
		                         .error = h.error };

		store_put_host(n->store, &sh, NULL);
	}
}

static void
net_options(struct net_opts *no, const struct news_opts *o)
{
	net_opts_default(no);
	net_opts_budget(no, o->net_timeout_ms);
	if (o->connect_timeout_ms > 0)
		no->connect_timeout_ms = o->connect_timeout_ms;
	if (o->stall_ms > 0)
		no->stall_ms = o->stall_ms;
	if (o->tries > 0)
		no->tries = o->tries;
}

/* ---- query tabs, rules, sources ---------------------------------------- */

/* The query of text, each value also in the other scripts (typed in
 * Traditional, it finds what was published in Simplified). */
static int
compile(struct news *n, const char *text, struct query *q, struct err *e)
{
	if (query_parse(text, q, NULL, e) < 0)
		return -1;
	for (size_t i = 0; i < q->n; i++) {
		char *forms[ZH_MAX_FORMS];
		size_t nf;

		if (q->v[i].kind != QC_TEXT)
			continue;
		nf = zh_query_forms(n->zh, typed_script(n), q->v[i].forms[0], forms);
		for (size_t k = 0; k < nf; k++) {
			query_add_form(q, i, forms[k]);
			free(forms[k]);
		}
	}
	return 0;
}

static void
qtabs_forget(struct news *n)
{
	for (size_t i = 0; i < n->nqtabs; i++) {
		item_list_free(&n->qtabs[i].found);
		n->qtabs[i].valid = 0;
	}
}

static int
add_qtab(struct news *n, const char *label, const char *text, struct err *e)
{
	struct qtab qt = { 0 };

	for (size_t i = 0; i < n->nqtabs; i++)
		if (strcmp(n->qtabs[i].label, label) == 0)
			return err_set(e, _("a tab is called %s already"), label);
	if (compile(n, text, &qt.q, e) < 0)
		return -1;
	qt.label = xstrdup(label);
	qt.text = xstrdup(text);
	n->qtabs = xrealloc(n->qtabs, (n->nqtabs + 1) * sizeof *n->qtabs);
	n->qtabs[n->nqtabs++] = qt;
	return 0;
}

static int
add_rule(struct news *n, int action, const char *text, const char *where,
         struct err *e)
{
	struct rule r = { action, NULL, NULL, { 0 } };

	if (compile(n, text, &r.q, e) < 0)
		return -1;
	r.text = xstrdup(text);
	r.where = xstrdup(where);
	n->rules = xrealloc(n->rules, (n->nrules + 1) * sizeof *n->rules);
	n->rules[n->nrules++] = r;
	return 0;
}

/* The config's query tabs and rules. */
static int
take_conf(struct news *n, const struct conf *c, struct err *e)
{
	n->conf = c;
	for (size_t i = 0; c != NULL && i < c->ntabs; i++)
		if (add_qtab(n, c->tabs[i].label, c->tabs[i].query, e) < 0)
			return -1;
	for (size_t i = 0; c != NULL && i < c->nrules; i++)
		if (add_rule(n, c->rules[i].action, c->rules[i].query, c->rules[i].where,
		             e) < 0)
			return -1;
	return 0;
}

/* A source by the key its articles carry (struct item's origin): its name
 * and address as `source` lines name it.  0 if it is no source of now. */
static int
source_of(const struct news *n, const char *key, const char **name, const char **url)
{
	if (key == NULL)
		return 0;
	if (strcmp(key, site_name(n->site)) == 0) {
		*name = site_name(n->site);
		*url = site_url(n->site);
		return 1;
	}
	for (size_t i = 0; i < n->ntabs; i++)
		if (n->tabs[i].kind == TAB_FEED && n->tabs[i].url != NULL &&
		    strcmp(n->tabs[i].url, key) == 0) {
			*name = n->raw_labels != NULL ? n->raw_labels[i] : n->tabs[i].label;
			*url = n->tabs[i].url;
			return 1;
		}
	return 0;
}

/* The source key of an article: the one it was listed with, else (an
 * article reached by its address alone, or cached before sources were
 * kept) the site's when it is on the site's host. */
static const char *
origin_of(const struct news *n, const char *origin, const char *url)
{
	char host[256], site_host[256];

	if (origin != NULL || url == NULL || site_url(n->site) == NULL)
		return origin;
	net_url_host(url, host, sizeof host);
	net_url_host(site_url(n->site), site_host, sizeof site_host);
	return host[0] != '\0' && strcmp(host, site_host) == 0 ? site_name(n->site) : NULL;
}

/* The name a source is shown by: the site's, the feed tab's label. */
static const char *
origin_name(const struct news *n, const char *key)
{
	if (key != NULL && strcmp(key, site_name(n->site)) == 0)
		return site_label(n->site);
	for (size_t i = 0; key != NULL && i < n->ntabs; i++)
		if (n->tabs[i].kind == TAB_FEED && n->tabs[i].url != NULL &&
		    strcmp(n->tabs[i].url, key) == 0)
			return n->tabs[i].label;
	return NULL;
}

/* The settings of the source with that key, or NULL for the global ones. */
static int
source_conf(const struct news *n, const char *key, struct conf *out)
{
	const char *name, *url;

	if (n->conf == NULL || !source_of(n, key, &name, &url))
		return 0;
	conf_for_source(n->conf, name, url, out);
	return 1;
}

/* The script a source's text is shown in: its own (a `source` line), unless
 * the reader switched everything to Simplified or back (T). */
static int
script_for(const struct news *n, const char *key)
{
	struct conf c;

	if (n->script != n->preferred || !source_conf(n, key, &c) ||
	    c.zh_script < 0 || c.zh_script == n->conf->zh_script)
		return n->script;
	return c.zh_script;
}

/* How a source's pictures are shown: its own images setting, or the one
 * in force. */
static int
images_for(const struct news *n, const char *key)
{
	struct conf c;

	if (n->images == IMAGE_OFF || !source_conf(n, key, &c) ||
	    c.images == n->conf->images)
		return n->images;
	return c.images;
}

/* An article as a query sees it. */
struct subject {
	struct query_subject s;
	struct news *n;
	const char *url;
	char *text;
};

static const char *
subject_text(void *ctx)
{
	struct subject *sb = ctx;

	if (sb->text == NULL)
		sb->text = store_article_text(sb->n->store, sb->url);
	return sb->text;
}

static void
subject_of(struct news *n, const struct item *it, struct subject *sb)
{
	memset(sb, 0, sizeof *sb);
	sb->n = n;
	sb->url = it->url;
	sb->s.title = it->title;
	sb->s.author = it->author;
	sb->s.credit = it->source;
	sb->s.origin = origin_name(n, it->origin);
	sb->s.origin_key = it->origin;
	sb->s.read = it->read;
	sb->s.starred = it->starred;
	sb->s.time = it->time;
	sb->s.text = subject_text;
	sb->s.ctx = sb;
}

static int
matches(struct news *n, const struct query *q, const struct item *it,
        unsigned how)
{
	struct subject sb;
	int m;

	subject_of(n, it, &sb);
	m = query_match(q, &sb.s, (int64_t)time(NULL), how);
	free(sb.text);
	return m;
}

/* What the rules say of an article (store_judge_fn). */
static int
judge(void *ctx, const struct item *it, int *read)
{
	struct news *n = ctx;
	int rule = 0;

	*read = 0;
	for (size_t i = 0; i < n->nrules; i++) {
		const struct rule *r = &n->rules[i];
		int bit = r->action == RULE_IGNORE ? ITEM_HIDDEN :
		          r->action == RULE_HIGHLIGHT ? ITEM_HIGHLIGHT : 0;

		if ((bit == 0 || !(rule & bit)) && (bit != 0 || !*read) &&
		    matches(n, &r->q, it, 0)) {
			rule |= bit;
			*read |= r->action == RULE_MARK_READ;
		}
	}
	return rule;
}

/* The rules as one text: the cache notes which rules judged it. */
static char *
rules_text(const struct news *n)
{
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < n->nrules; i++)
		buf_addf(&b, "%d %s\n", n->rules[i].action, n->rules[i].text);
	return buf_steal(&b, NULL);
}

/* Judges the articles by the rules: every one (all), or those new or
 * changed since.  How many changed, or -1. */
static int
judge_cache(struct news *n, int all, struct err *e)
{
	char *text = rules_text(n);
	int changed = store_judge(n->store, all, judge, n, NULL, e);

	if (changed >= 0 && all)
		changed = store_set_meta(n->store, RULES_KEY, text, e) < 0 ? -1 : changed;
	if (changed != 0) {
		unread_forget(n);
		qtabs_forget(n);
	}
	free(text);
	return changed;
}

/* At the start: all articles judged again if the rules changed since the
 * cache was judged, else the new ones.  A cache that cannot be written
 * (another gxnews has it) is judged next time. */
static void
judge_start(struct news *n)
{
	char *text = rules_text(n), *was = store_meta(n->store, RULES_KEY);
	int all = strcmp(text, was != NULL ? was : "") != 0;

	if (all || n->nrules > 0)
		judge_cache(n, all, NULL);
	free(was);
	free(text);
}

const char *
news_tab_query(const struct news *n, size_t tab)
{
	if (tab >= n->ntabs || n->tabs[tab].kind != TAB_QUERY)
		return NULL;
	for (size_t i = 0; i < n->nqtabs; i++)
		if (strcmp(n->tabs[tab].key + strlen("query:"), n->qtabs[i].label) == 0)
			return n->qtabs[i].text;
	return NULL;
}

long
news_add_query_tab(struct news *n, const char *label, const char *query,
                   struct err *e)
{
	if (add_qtab(n, label, query, e) < 0 || load_tabs(n, e) < 0)
		return -1;
	for (size_t i = 0; i < n->ntabs; i++)
		if (n->tabs[i].kind == TAB_QUERY && strcmp(n->tabs[i].label, label) == 0)
			return (long)i;
	return -1;
}

int
news_rule(const struct news *n, size_t i, int *action, const char **query,
          const char **where)
{
	if (i >= n->nrules)
		return 0;
	*action = n->rules[i].action;
	*query = n->rules[i].text;
	*where = n->rules[i].where;
	return 1;
}

int
news_add_rule(struct news *n, int action, const char *query, const char *where,
              struct err *e)
{
	if (add_rule(n, action, query, where, e) < 0)
		return -1;
	return judge_cache(n, 1, e);
}

int
news_tab_source(const struct news *n, size_t tab, const char **name,
                const char **url)
{
	const struct store_tab *t = news_tab(n, tab);

	if (t == NULL || (news_kind(t->kind)->flags & (NK_OWN_LABEL | NK_QUERY)))
		return 0;
	if (t->kind == TAB_FEED)
		return source_of(n, t->url, name, url);
	return source_of(n, site_name(n->site), name, url);
}

long
news_add_feed(struct news *n, const char *url, const char *label, struct err *e)
{
	for (size_t i = 0; i < n->nfeeds; i++)
		if (strcmp(n->feeds[i].url, url) == 0)
			return err_set(e, _("%s is a feed already"), url);
	n->feeds = xrealloc(n->feeds, (n->nfeeds + 2) * sizeof *n->feeds);
	n->feeds[n->nfeeds].url = xstrdup(url);
	n->feeds[n->nfeeds++].label = xstrdup(label);
	if (put_feed_tabs(n, NULL, NULL, e) < 0 || load_tabs(n, e) < 0)
		return -1;
	for (size_t i = 0; i < n->ntabs; i++)
		if (n->tabs[i].kind == TAB_FEED && strcmp(n->tabs[i].url, url) == 0)
			return (long)i;
	return -1;
}

int
news_set_place(struct news *n, const char *url, int64_t place, int64_t of,
               struct err *e)
{
	return store_set_place(n->store, url, place, of, e);
}

int
news_open(struct news **out, const struct news_opts *o, struct err *e)
{
	struct news *n = xcalloc(1, sizeof *n);
	struct net_opts no;
	struct err why = { "" };

	n->offline = o->offline;
	n->images = image_supported() ? o->images : IMAGE_OFF;
	n->site_off = o->site_off;
	n->sync_pages = o->sync_pages;      /* 0: as the config says (sync_pages()) */
	n->sync_host_ms = o->sync_host_ms > 0 ? o->sync_host_ms : NEWS_SYNC_HOST_MS;
	n->images_asked = o->images;
	n->zh = zh_new();
	n->preferred = o->script;
	if (zh_check(n->zh, o->script, &why) < 0)
		notice(n, "%s", why.msg);
	else
		n->script = o->script;
	n->unindexed = -1;
	if (site_load(&n->site, o->profile, e) < 0)
		goto fail;
	site_set_mirror(n->site, o->mirror);
	if (store_open(&n->store, o->cache, e) < 0)
		goto fail;
	if (store_notice(n->store) != NULL)
		notice(n, "%s", store_notice(n->store));
	net_options(&no, o);
	n->budget_ms = no.budget_ms;
	no.allow_file = o->mirror != NULL && str_starts(o->mirror, "file://");
	if (o->max_page > 0)
		no.max_bytes = o->max_page;
	if (strrchr(o->cache, '/') != NULL)
		n->spool_dir = xstrndup(o->cache, (size_t)(strrchr(o->cache, '/') - o->cache) + 1);
	no.spool_dir = n->spool_dir;
	n->feeds = xcalloc(o->nfeeds + 1, sizeof *n->feeds);
	for (size_t i = 0; i < o->nfeeds; i++) {
		n->feeds[i].url = xstrdup(o->feeds[i].url);
		n->feeds[i].label = xstrdup(o->feeds[i].label);
		/* a file: feed is one the user named explicitly */
		no.allow_file |= str_starts(o->feeds[i].url, "file://");
	}
	n->nfeeds = o->nfeeds;
	if (!n->offline && net_new(&n->net, &no, e) < 0)
		goto fail;
	if (n->net != NULL)
		hosts_restore(n);
	if (take_conf(n, o->conf, e) < 0)
		goto fail;
	if (put_feed_tabs(n, NULL, NULL, e) < 0 || load_tabs(n, e) < 0)
		goto fail;
	judge_start(n);
	*out = n;
	return 0;
fail:
	news_close(n);
	return -1;
}

void
news_close(struct news *n)
{
	if (n == NULL)
		return;
	news_cancel(n);
	for (struct news_event ev; news_next_event(n, &ev); )
		news_event_free(&ev);
	free(n->events);
	for (size_t i = 0; i < n->nfeeds; i++) {
		free((char *)n->feeds[i].url);
		free((char *)n->feeds[i].label);
	}
	free(n->feeds);
	for (size_t i = 0; i < n->nrules; i++) {
		free(n->rules[i].text);
		free(n->rules[i].where);
		query_free(&n->rules[i].q);
	}
	free(n->rules);
	for (size_t i = 0; i < n->nqtabs; i++) {
		free(n->qtabs[i].label);
		free(n->qtabs[i].text);
		query_free(&n->qtabs[i].q);
		item_list_free(&n->qtabs[i].found);
	}
	free(n->qtabs);
	free(n->search);
	free(n->unread);
	sync_free(n->sync);
	free_raw_labels(n);
	store_tabs_free(n->tabs, n->ntabs);
	zh_free(n->zh);
	if (n->net != NULL)
		net_free(n->net);
	free(n->spool_dir);
	if (n->store != NULL)
		store_close(n->store);
	site_free(n->site);
	free(n);
}

size_t
news_ntabs(const struct news *n)
{
	return n->ntabs;
}

const struct store_tab *
news_tab(const struct news *n, size_t i)
{
	return i < n->ntabs ? &n->tabs[i] : NULL;
}

long
news_find_tab(const struct news *n, const char *name)
{
	for (size_t i = 0; i < n->ntabs; i++)
		if (strcmp(n->tabs[i].label, name) == 0 ||
		    (n->raw_labels != NULL && strcmp(n->raw_labels[i], name) == 0) ||
		    strcmp(n->tabs[i].key, name) == 0)
			return (long)i;
	return -1;
}

int
news_set_script(struct news *n, int script, struct err *e)
{
	if (zh_check(n->zh, script, e) < 0)
		return -1;
	n->script = script;
	return load_tabs(n, e);
}

int
news_script(const struct news *n)
{
	return n->script;
}

int
news_toggle_script(struct news *n, struct err *e)
{
	int to = zh_script_toggle(n->script, n->preferred);

	return news_set_script(n, to, e) < 0 ? -1 : to;
}

/* The script the user types in: the one shown, or when that is Simplified
 * the one they asked for (a Taiwan reader types Taiwan's words). */
static int
typed_script(const struct news *n)
{
	return n->script != ZH_SIMPLIFIED ? n->script : n->preferred;
}

char *
news_shown_query(struct news *n, const char *query)
{
	char *simple = zh_to_simplified(n->zh, typed_script(n), query);
	char *shown = zh_convert(n->zh, n->script, simple, strlen(simple));

	free(simple);
	return shown;
}

void
news_set_deadline(struct news *n, long ms)
{
	n->deadline = ms > 0 ? mono_ms() + ms : 0;
}

long
news_budget_ms(const struct news *n)
{
	return n->budget_ms;
}

const char *
news_notice(const struct news *n)
{
	return n->notice[0] ? n->notice : NULL;
}

int
news_offline(const struct news *n)
{
	return n->offline;
}

/* ---- events and jobs -------------------------------------------------- */

static struct news_event *
event_new(struct news *n, enum news_job kind, const char *key, const char *url)
{
	struct news_event *ev;

	if (n->nevents == n->capevents) {
		n->capevents = n->capevents ? n->capevents * 2 : 8;
		n->events = xrealloc(n->events, n->capevents * sizeof *n->events);
	}
	ev = &n->events[n->nevents++];
	memset(ev, 0, sizeof *ev);
	ev->job = kind;
	ev->tab_key = xstrdup(key);
	ev->url = xstrdup(url);
	ev->ok = 1;
	return ev;
}

int
news_next_event(struct news *n, struct news_event *ev)
{
	if (n->nevents == 0)
		return 0;
	*ev = n->events[0];
	memmove(n->events, n->events + 1, (n->nevents - 1) * sizeof *n->events);
	n->nevents--;
	return 1;
}

void
news_event_free(struct news_event *ev)
{
	free(ev->tab_key);
	free(ev->url);
	free(ev->picture);
	item_list_free(&ev->found);
	memset(ev, 0, sizeof *ev);
}

static void
job_free(struct job *j)
{
	free(j->tab_key);
	free(j->url);
	free(j->article_url);
	free(j->picture);
	free(j->old_body);
	article_free(&j->art);
	buf_free(&j->body);
	item_list_free(&j->found);
	if (j->req != NULL)
		net_req_free(j->req);
	free(j);
}

static void sync_job_end(struct news *n, struct job *j, const char *msg);
static void sync_saw(struct news *n, struct job *j, const struct item_list *l);
static size_t sync_seen(struct news *n, struct job *j);
static void sync_unsee(struct news *n, struct job *j, size_t mark);
static int sync_host_out(struct news *n, struct job *j, char *why, size_t whysz);
static void sync_bytes(struct news *n, size_t len);
static void sync_cancel(struct news *n);
static void sync_step(struct news *n);
static void sync_police(struct news *n);

/* Ends a job with an event (msg NULL: success); a sync's job tells the
 * sync instead, and leaves an event only if the user asked for it too (or
 * it changed the set of tabs, which the screen must know). */
static void
job_end(struct news *n, struct job *j, int changed, const char *msg)
{
	struct job **p;

	if (changed) {
		unread_forget(n);
		qtabs_forget(n);
		n->unindexed = -1;
		if (n->nrules > 0)
			judge_cache(n, 0, NULL);    /* what arrived, as the rules say */
	}
	for (size_t i = 0; changed && j->tab_key != NULL && i < n->ntabs; i++)
		if (strcmp(n->tabs[i].key, j->tab_key) == 0)
			n->tabs[i].fetched = store_tab_fetched(n->store, j->tab_key);
	if (!j->sync || j->notify || (j->kind == JOB_TABS && changed)) {
		struct news_event *ev = event_new(n, j->kind, j->tab_key, j->article_url);

		ev->picture = xstrdup(j->picture);
		ev->changed = changed;
		ev->feed = j->is_feed;
		ev->found = j->found;
		memset(&j->found, 0, sizeof j->found);
		if (msg != NULL) {
			ev->ok = 0;
			snprintf(ev->msg, sizeof ev->msg, "%s", msg);
		} else if (n->notice[0] != '\0') {
			snprintf(ev->msg, sizeof ev->msg, "%s", n->notice);
		}
	}
	if (j->sync)
		sync_job_end(n, j, msg);
	for (p = &n->jobs; *p != NULL; p = &(*p)->next)
		if (*p == j) {
			*p = j->next;
			break;
		}
	job_free(j);
}

/* The job's page will be answered by the cache (news_poll), with why as
 * the reason the network was not asked. */
static void
job_ready(struct news *n, struct job *j, const char *why)
{
	j->req->result = NET_CANCELLED;
	snprintf(j->req->error, sizeof j->req->error, "%.*s",
	         (int)sizeof j->req->error - 1, why);
	j->ready = n->ready;
	n->ready = j;
}

/* Sends the request for the job's page, with the cached copy's validators
 * for a conditional GET, within the time left before the deadline.
 * Offline, past the deadline, or to a host past its share of a sync, the
 * cache answers. */
static void
job_fetch(struct news *n, struct job *j, const char *url)
{
	struct store_page cached = { 0 };
	char *fetch = site_fetch_url(n->site, url);
	char why[320];

	xfree_set(&j->url, xstrdup(url));
	j->req = net_req_new(fetch);
	net_url_host(fetch, j->host, sizeof j->host);
	j->req->spool = (job_types[j->kind].flags & JT_TAB) && kind_of(j->tab_kind)->stream;
	free(fetch);
	j->req->user = j;
	if (n->net == NULL) {
		job_ready(n, j, "");
		return;
	}
	/* a feed's page is kept as its validators only: ask for "not
	 * modified" only when its items are in the store */
	if (store_get_page(n->store, url, &cached, NULL) == 0 &&
	    (cached.body != NULL || j->tab_fetched > 0)) {
		j->req->etag = xstrdup(cached.etag);
		j->req->last_modified = xstrdup(cached.last_modified);
	}
	store_page_free(&cached);
	if (n->deadline > 0) {
		int64_t left = n->deadline - mono_ms();

		if (left <= 0) {
			struct net_host h;

			/* the time went on a host that failed: that is the news */
			if (net_host_failing(n->net, j->host, &h))
				snprintf(why, sizeof why, "%s", h.error);
			else
				snprintf(why, sizeof why, _("no time left (net-timeout %ld s)"),
				         (n->budget_ms + 999) / 1000);
			job_ready(n, j, why);
			return;
		}
		j->req->budget_ms = left < n->budget_ms ? left : n->budget_ms;
	}
	if (j->sync && sync_host_out(n, j, why, sizeof why)) {
		job_ready(n, j, why);
		return;
	}
	net_add(n->net, j->req);
}

/* Why the job's request failed, in words: the host's own error, and that
 * the network itself seems gone when several hosts were asked and none
 * answered (one host that fails is only that host). */
static void
fail_words(struct news *n, const struct net_req *r, char *out, size_t outsz)
{
	int asked = 0, answered = 0;
	const char *why = r->error[0] ? r->error : _("fetch failed");

	if (n->net != NULL)
		net_hosts_seen(n->net, &asked, &answered);
	if (r->host_down && asked > 1 && answered == 0)
		snprintf(out, outsz, _("offline: no host answers (%s)"), why);
	else
		snprintf(out, outsz, "%s", why);
}

/* Keeps the page just fetched for the job (body NULL: its validators
 * only, for a conditional GET). */
static int
put_page(struct news *n, struct job *j, char *body, size_t len, struct err *e)
{
	struct net_req *r = j->req;
	struct store_page p = { 0 };

	p.url = j->url;
	p.content_type = r->content_type;
	p.etag = r->etag_out;
	p.last_modified = r->last_modified_out;
	p.fetched = (int64_t)time(NULL);
	p.body = body;
	p.len = body != NULL ? len : 0;
	return store_put_page(n->store, &p, e);
}

/* The job's page as UTF-8 once its request is done: new bytes (converted
 * and stored before anything else), or the cached copy after a 304, a
 * failure (with a notice saying so) or offline.  *fresh: new bytes came. */
static int
job_page(struct news *n, struct job *j, char **body, size_t *len, int *fresh,
         struct err *e)
{
	struct net_req *r = j->req;
	struct store_page cached = { 0 };
	char cs[64], when[17], why[512];
	int miss, rc = -1;

	*fresh = 0;
	if (r->result == NET_OK) {
		enum charset_source src = charset_detect_why(r->body, r->len, r->content_type,
		                                             cs, sizeof cs);

		j->guessed[0] = '\0';
		if (src == CHARSET_FROM_BYTES || src == CHARSET_FROM_OVERRIDE)
			snprintf(j->guessed, sizeof j->guessed, "%s", cs);
		if (charset_to_utf8(r->body, r->len, cs, body, len, e) < 0)
			return -1;
		if ((job_types[j->kind].flags & JT_PAGE1) &&
		    store_get_page(n->store, j->url, &cached, NULL) == 0) {
			xfree_set(&j->old_body, cached.body);       /* to compare with */
			j->old_len = cached.len;
			cached.body = NULL;
		}
		store_page_free(&cached);
		/* a feed's items are stored whole: its raw page is not needed */
		if (put_page(n, j, j->tab_kind == TAB_FEED ? NULL : *body, *len, e) < 0) {
			free(*body);
			*body = NULL;
			return -1;
		}
		if (j->sync)
			sync_bytes(n, r->len);
		*fresh = 1;
		return 0;
	}
	miss = store_get_page(n->store, j->url, &cached, e);
	if (miss < 0)
		return -1;
	if (miss || (cached.body == NULL && j->tab_fetched == 0)) {
		if (n->net == NULL)
			err_set(e, "%s", _(job_types[j->kind].never));
		else if (r->result == NET_CANCELLED && r->error[0] == '\0')
			err_set(e, "%s", _("cancelled"));
		else
			fail_words(n, r, e->msg, sizeof e->msg);
		goto out;
	}
	if (r->result != NET_NOT_MODIFIED && n->net != NULL) {
		j->stale = 1;
		time_ymdhm_local(cached.fetched, when);
		fail_words(n, r, why, sizeof why);
		notice(n, _("%s; showing the copy cached at %s"), why, when);
	}
	*body = cached.body;
	*len = cached.len;
	cached.body = NULL;
	rc = 0;
out:
	store_page_free(&cached);
	return rc;
}

/* Follows a job on to the page at url (another page of what it reads). */
static int
follow(struct news *n, struct job *j, const char *url)
{
	j->pages++;
	net_req_free(j->req);
	j->req = NULL;
	job_fetch(n, j, url);
	return 1;
}

/* The special lists (rankings, picks) as tabs: the profile's, and those
 * the generic rules find on the channel page (body) by their headings. */
static size_t
special_tabs(struct news *n, const char *body, size_t len, const char *url,
             struct store_tab *v)
{
	size_t nv = 0;

	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		int sp = kinds[k].special;
		struct item_list l = { 0 };
		int found;

		if (sp < 0)
			continue;
		found = site_has_special(n->site, sp) ||
		        (body != NULL && site_special(n->site, sp, body, len, url, &l, NULL,
		                                      NULL) == 0 && l.n > 0);
		item_list_free(&l);
		if (!found)
			continue;
		v[nv].key = xstrdup(kinds[k].pub.key);
		v[nv].label = xstrdup(site_special_label(n->site, sp));
		v[nv].url = site_has_special(n->site, sp) ? site_special_url(n->site, sp, 0)
		                                          : xstrdup(url);
		v[nv++].kind = (int)k;
	}
	return nv;
}

static int
store_channels(struct news *n, struct job *j, const char *body, size_t len,
               struct err *e)
{
	const char *url = j->url;
	struct channel_list ch = { 0 };
	struct site_read rd = { 0 };
	struct store_tab *v = NULL, *old = NULL;
	size_t nv = 0, nold = 0;
	char *next = NULL;
	int rc = -1, found;

	found = site_channels(n->site, body, len, url, &ch, &rd, e);
	if (found < 0)
		goto out;
	drift(n, &rd);
	if (found == 0 && (next = site_channels_url(n->site, (size_t)j->pages + 1)) != NULL) {
		rc = follow(n, j, next);     /* the profile's next channel page */
		goto out;
	}
	if (store_get_tabs(n->store, site_name(n->site), &old, &nold, e) < 0)
		goto out;
	v = xcalloc(ch.n + nold + SITE_NSPECIAL, sizeof *v);
	if (found == 0) {
		/* a portal or maintenance page, or a nav no rule finds: the
		 * channels we have stay; rankings and picks do not need them */
		notice(n, _("%s holds no channels (not the site's page?); the cached tabs are kept"),
		       url);
		for (size_t i = 0; i < nold; i++)
			if (old[i].kind == TAB_CHANNEL) {
				v[nv] = old[i];
				memset(&old[i], 0, sizeof old[i]);
				nv++;
			}
	}
	for (size_t i = 0; i < ch.n && found > 0; i++) {
		v[nv].key = xasprintf("ch:%s", ch.v[i].url);
		v[nv].label = xstrdup(ch.v[i].label);
		v[nv].url = xstrdup(ch.v[i].url);
		v[nv++].kind = TAB_CHANNEL;
	}
	nv += special_tabs(n, body, len, url, v + nv);
	if (store_put_tabs(n->store, site_name(n->site), v, nv, e) < 0)
		goto out;
	rc = load_tabs(n, e);
out:
	free(next);
	site_read_free(&rd);
	store_tabs_free(old, nold);
	store_tabs_free(v, nv);
	channel_list_free(&ch);
	return rc;
}

/* What reading a feed had to repair or guess, said in one notice. */
static void
feed_notice(struct news *n, const struct job *j, const struct feed *f)
{
	char guess[192] = "";

	if (j->guessed[0] != '\0')
		snprintf(guess, sizeof guess,
		         _("no charset is declared that fits its bytes: read as %s, a guess"),
		         j->guessed);
	if (f->warning[0] != '\0' && guess[0] != '\0')
		notice(n, "%s: %s; %s", j->url, f->warning, guess);
	else if (f->warning[0] != '\0' || guess[0] != '\0')
		notice(n, "%s: %s", j->url, f->warning[0] != '\0' ? f->warning : guess);
}

/* A feed's copy of its i-th article never replaces more in the cache,
 * old: not a text more than twice as long (the page's full text fetched
 * with F, or the feed's own content before the feed turned to summaries
 * or dropped them), nor a title by one made from the text of an item
 * without. */
static void
keep_cached(struct feed *f, size_t i, const struct article *old)
{
	struct article *a = &f->articles[i];

	if (a->body_html != NULL && old->body_html != NULL &&
	    strlen(a->body_html) * 2 < strlen(old->body_html))
		xfree_set(&a->body_html, NULL);
	if (f->title_made[i] && !str_empty(old->title)) {
		if (i < f->items.n && strcmp(f->items.v[i].url, a->url) == 0)
			xfree_set(&f->items.v[i].title, xstrdup(old->title));
		xfree_set(&a->title, NULL);
	}
}

/* store_feed_text's sink: each batch of items into the cache, and their
 * URLs to the sync running (mark: how many it had when the feed began). */
struct feed_to_store {
	struct news *n;
	struct job *j;
	struct store_feed *w;
	size_t mark;
	const char *untitled;   /* the articles' source if the feed has no title */
};

/* The source an article of the feed gets: the feed's title, else (the
 * title is its URL) the tab's name. */
static const char *
feed_source(const struct feed_to_store *t, const char *title)
{
	return strcmp(title, t->j->url) == 0 && t->untitled != NULL ? t->untitled : title;
}

static int
sink_add(void *user, struct feed *batch, struct err *e)
{
	struct feed_to_store *t = user;

	for (size_t i = 0; i < batch->narticles; i++) {
		struct article *a = &batch->articles[i], old = { .comments = -1 };

		if (store_feed_known(t->w, a->url, &old, NULL) == 1)
			keep_cached(batch, i, &old);
		article_free(&old);
		if (a->source != NULL && feed_source(t, a->source) != a->source)
			xfree_set(&a->source, xstrdup(t->untitled));
		xfree_set(&batch->items.v[i].origin, xstrdup(t->j->url));
		if (store_feed_add(t->w, &batch->items.v[i], a, e) < 0)
			return -1;
	}
	sync_saw(t->n, t->j, &batch->items);
	return 0;
}

static int
sink_restart(void *user, struct err *e)
{
	struct feed_to_store *t = user;

	sync_unsee(t->n, t->j, t->mark);
	return store_feed_restart(t->w, e);
}

static int
sink_late(void *user, size_t k, const char *source, const char *author,
          struct err *e)
{
	struct feed_to_store *t = user;

	return store_feed_late(t->w, k, feed_source(t, source), author, e);
}

/* A feed: its items become the tab's list, and the articles it carries
 * are stored whole, so they read offline at once.  They are stored as
 * they are read, in one transaction, so a feed of any size takes little
 * memory; the summary of an item is not kept beside its body.  A feed
 * that lost its title keeps the tab's name, and its articles the source
 * they had. */
static int
store_feed_text(struct news *n, struct job *j, struct src *text, struct err *e)
{
	struct feed_to_store t = { n, j, NULL, 0, NULL };
	struct feed_sink sink = { &t, sink_add, sink_restart, sink_late };
	long tab = news_find_tab(n, j->tab_key);
	struct feed f;
	int rc;

	if (tab >= 0)
		t.untitled = n->raw_labels != NULL ? n->raw_labels[tab] : n->tabs[tab].label;
	if (store_feed_begin(n->store, j->tab_key, &t.w, e) < 0)
		return -1;
	t.mark = sync_seen(n, j);
	rc = feed_read(text, j->url, FEED_NO_SUMMARY, &sink, &f, e);
	if (store_feed_end(t.w, rc == 0, e) < 0 || rc < 0)
		return -1;
	feed_notice(n, j, &f);
	for (size_t i = 0; f.title != NULL && strcmp(f.title, j->url) != 0 && i < n->nfeeds; i++)
		if (strcmp(n->feeds[i].url, j->url) == 0 && n->feeds[i].label == NULL)
			rc = put_feed_tabs(n, j->url, f.title, e) < 0 ? -1 :
			     load_tabs(n, e);
	feed_free(&f);
	return rc;
}

/* A tab's list page read by the profile (and the generic rules). */
static int
parse_list(struct news *n, int sp, const char *body, size_t len, const char *url,
           struct item_list *l, struct site_read *rd, struct err *e)
{
	if (sp >= 0)
		return site_special(n->site, sp, body, len, url, l, rd, e);
	return site_list(n->site, body, len, url, l, rd, e);
}

/* How many articles the tab showed before: its page 1 as cached before
 * this fetch, read again; else, for a list that is one page (a ranking),
 * the list in the cache.  A list of pages is never held against its page
 * 1 alone: its pages 2 and on, or yesterday's edition of an e-paper whose
 * front page forwards to a new address, would count against it. */
static size_t
shown_before(struct news *n, struct job *j, int sp)
{
	struct item_list l = { 0 };
	size_t count = 0;

	if (j->old_body != NULL && parse_list(n, sp, j->old_body, j->old_len, j->url, &l,
	                                      NULL, NULL) == 0)
		count = l.n;
	item_list_free(&l);
	if (count == 0 && kind_of(j->tab_kind)->mode == LIST_REPLACE &&
	    store_get_list(n->store, j->tab_key, &l, NULL) == 0)
		count = l.n;
	item_list_free(&l);
	return count;
}

/* A feed's page held whole (a copy cached by an older gxnews). */
static int
store_feed(struct news *n, struct job *j, const char *body, size_t len,
           struct err *e)
{
	struct src_mem m;

	return store_feed_text(n, j, src_mem(&m, body, len), e);
}

/* A page read as a stream (a feed) once its request is done: new bytes, in
 * memory or in the file a large page was kept in, converted and parsed a
 * piece at a time; otherwise the cached copy, as job_page gives it. */
static int
job_stream(struct news *n, struct job *j, struct err *e)
{
	struct net_req *r = j->req;
	struct charset_reader *cr;
	struct src_mem m;
	struct src_fd f;
	struct src *raw;
	enum charset_source src;
	char cs[64], *body = NULL;
	size_t len = 0;
	int valid, rc;

	if (r->result != NET_OK) {
		rc = job_page(n, j, &body, &len, &j->fresh, e);
		if (rc == 0)
			rc = store_tab_page(n, j, body, len, e);
		free(body);
		return rc;
	}
	raw = r->fd >= 0 ? src_fd(&f, r->fd) : src_mem(&m, r->body, r->len);
	src = charset_detect_src(raw, r->content_type, cs, sizeof cs, &valid);
	j->guessed[0] = '\0';
	if (src == CHARSET_FROM_BYTES || src == CHARSET_FROM_OVERRIDE)
		snprintf(j->guessed, sizeof j->guessed, "%s", cs);
	/* the items are stored whole: only the validators of the page */
	if (put_page(n, j, NULL, 0, e) < 0 ||
	    charset_reader_open(&cr, raw, cs, valid, e) < 0)
		return -1;
	if (j->sync)
		sync_bytes(n, r->len);
	j->fresh = 1;
	rc = kind_of(j->tab_kind)->stream(n, j, charset_reader_src(cr), e);
	charset_reader_close(cr);
	return rc;
}

static int
store_list_page(struct news *n, struct job *j, const char *body, size_t len,
                struct err *e)
{
	struct item_list l = { 0 };
	struct site_read rd = { 0 };
	const struct kind *k = kind_of(j->tab_kind);
	int sp = k->special, page1 = job_types[j->kind].flags & JT_PAGE1, rc;
	size_t before;
	char *next = NULL;

	rc = parse_list(n, sp, body, len, j->url, &l, &rd, e);
	if (rc == 0)
		drift(n, &rd);
	site_read_free(&rd);
	/* a page that lists nothing but points on (an e-paper's front page
	 * sending the reader to today's edition): follow it; a ranking the
	 * profile finds on another page: read that */
	if (rc == 0 && l.n == 0 && l.next_url != NULL && j->pages < MAX_LIST_HOPS) {
		rc = follow(n, j, l.next_url);
		item_list_free(&l);
		return rc;
	}
	if (rc == 0 && l.n == 0 && sp >= 0 &&
	    (next = site_special_url(n->site, sp, (size_t)j->pages + 1)) != NULL) {
		rc = follow(n, j, next);
		free(next);
		item_list_free(&l);
		return rc;
	}
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		xfree_set(&l.v[i].origin, xstrdup(site_name(n->site)));
	if (rc == 0 && l.n == 0 && page1) {
		/* not the list we know (a portal, a maintenance page): never
		 * replace a cached list by nothing */
		rc = err_set(e, _("%s holds no articles (not the site's page?); the cached list is kept"),
		             j->url);
	} else if (rc == 0 && (page1 || k->mode == LIST_REPLACE) &&
	           l.n * 2 < (before = shown_before(n, j, sp))) {
		/* a page read badly (half its items lost to a markup change)
		 * never replaces the good list in the cache */
		rc = err_set(e, _("%s lists %zu articles where the cached list had %zu; "
		                  "the cached list is kept"), j->url, l.n, before);
	}
	if (rc == 0)
		rc = store_put_list(n->store, j->tab_key, &l, page1 || k->mode == LIST_REPLACE ?
		                    k->mode : LIST_APPEND, e);
	if (rc == 0)
		sync_saw(n, j, &l);
	item_list_free(&l);
	return rc;
}

/* A page of a tab's list is in: stored as its kind says.  A page 1 that
 * came from the cache (a 304, or the network down) holds nothing new; a
 * sync reads it again all the same, for its articles and its next page. */
static int
store_tab_page(struct news *n, struct job *j, const char *body, size_t len,
               struct err *e)
{
	const struct kind *k = kind_of(j->tab_kind);

	if ((job_types[j->kind].flags & JT_PAGE1) && !j->fresh && j->tab_fetched > 0 &&
	    (!j->sync || body == NULL)) {
		/* a feed keeps no page, only its items: the sync takes those */
		if (j->sync) {
			struct item_list l = { 0 };

			if (store_get_list(n->store, j->tab_key, &l, NULL) == 0)
				sync_saw(n, j, &l);
			item_list_free(&l);
		}
		return 2;
	}
	return k->page != NULL ? k->page(n, j, body, len, e) : 2;
}

/* An article page: by the profile (and under it the generic rules) for
 * the site's own article pages, by the generic extractor for anything
 * else. */
static int
read_article(struct news *n, const char *body, size_t len, const char *url,
             struct article *a, struct err *e)
{
	struct site_read rd = { 0 };
	int rc;

	if (!site_owns(n->site, url))
		return extract_article(body, len, url, a, e);
	rc = site_article(n->site, body, len, url, a, &rd, e);
	if (rc == 0)
		drift(n, &rd);
	site_read_free(&rd);
	return rc;
}

/* One page of an article is in: keep its body, go on to the next page or
 * store the whole.  Returns 1 while more pages are coming. */
static int
article_page(struct news *n, struct job *j, const char *body, size_t len,
             struct err *e)
{
	struct article part = { .comments = -1 };
	int rc = -1;

	if (read_article(n, body, len, j->url, &part, e) < 0) {
		if (j->pages == 0)
			goto out;
		err_clear(e);       /* a broken later page: keep what we have */
	} else {
		if (j->pages == 0) {
			article_copy(&j->art, &part);
			xfree_set(&j->art.url, xstrdup(j->article_url));
		} else if (part.editor != NULL) {
			/* the editor's line (责任编辑) closes an article's last page */
			xfree_set(&j->art.editor, xstrdup(part.editor));
		}
		buf_adds(&j->body, part.body_html ? part.body_html : "");
		j->pages++;
		if (part.next_page != NULL && j->pages < MAX_ARTICLE_PAGES &&
		    strcmp(part.next_page, j->article_url) != 0 &&
		    strcmp(part.next_page, j->url) != 0) {
			net_req_free(j->req);
			j->req = NULL;
			job_fetch(n, j, part.next_page);
			rc = 1;
			goto out;
		}
	}
	xfree_set(&j->art.next_page, NULL);
	xfree_set(&j->art.body_html, buf_steal(&j->body, NULL));
	rc = store_put_article(n->store, &j->art, e);
out:
	article_free(&part);
	return rc;
}

/* A picture is in: its file is kept as it came, or why it will not be
 * shown (too large, not a picture: its caption says so), or, when it is
 * gone for good (a 404), that it is gone, with nothing to say: either way
 * it is not fetched again and again.  A failure that may pass (a timeout,
 * a server error) is kept nowhere. */
static int
picture_page(struct news *n, struct job *j, const char *body, size_t len,
             struct err *e)
{
	struct net_req *r = j->req;
	struct store_image im = { .url = j->picture, .content_type = r->content_type };
	char why[256] = "";

	if (r->result != NET_OK && !(r->result == NET_ERR && r->permanent))
		return err_set(e, "%s", r->error[0] ? r->error :
		               r->result == NET_CANCELLED ? _("cancelled") : _("fetch failed"));
	if (r->result == NET_OK && len > IMAGE_MAX_BYTES)
		snprintf(why, sizeof why, _("not shown: %zu KiB, more than %u MiB"),
		         len >> 10, IMAGE_MAX_BYTES >> 20);
	else if (r->result == NET_OK && image_sniff(body, len) == NULL)
		snprintf(why, sizeof why, "%s", _("not a picture gxnews can show"));
	if (r->result != NET_OK || why[0] != '\0') {
		im.error = why;
	} else {
		im.data = (char *)body;
		im.len = len;
	}
	return store_put_image(n->store, j->article_url, &im, e);
}

/* A page for the command line: already stored by job_page. */
static int
keep_page(struct news *n, struct job *j, const char *body, size_t len, struct err *e)
{
	(void)n;
	(void)j;
	(void)body;
	(void)len;
	(void)e;
	return 0;
}

/* A URL to add as a feed is in: a feed (its title), or a page naming
 * feeds (<link rel="alternate">), or neither. */
static int
probe_page(struct news *n, struct job *j, const char *body, size_t len,
           struct err *e)
{
	struct feed f;
	struct err why = { "" };

	(void)n;
	if (!feed_sniff(body, len) &&
	    feed_discover(body, len, j->url, &j->found, &why) == 0 && j->found.n > 0)
		return 0;
	item_list_free(&j->found);
	if (feed_parse(body, len, j->article_url, &f, &why) == 0) {
		if (f.items.n > 0 || feed_sniff(body, len)) {
			struct item *it = item_list_add(&j->found);

			it->url = xstrdup(j->article_url);
			it->title = xstrdup(f.title);
			j->is_feed = 1;
		}
		feed_free(&f);
		if (j->is_feed)
			return 0;
	}
	return err_set(e, _("%s is no feed, and names none (<link rel=\"alternate\">)"),
	               j->article_url);
}

static void
job_done(struct news *n, struct job *j)
{
	struct err e = { "" };
	char *body = NULL;
	size_t len = 0;
	int rc;

	n->notice[0] = '\0';
	if (job_types[j->kind].flags & JT_RAW) {
		if (j->sync && j->req->result == NET_OK)
			sync_bytes(n, j->req->len);
		rc = job_types[j->kind].done(n, j, j->req->body, j->req->len, &e);
	} else if (j->req->spool) {
		rc = job_stream(n, j, &e);
	} else {
		rc = job_page(n, j, &body, &len, &j->fresh, &e);
		if (rc == 0)
			rc = job_types[j->kind].done(n, j, body, len, &e);
	}
	free(body);
	if (rc == 1)
		return;                 /* the next page is on its way */
	job_end(n, j, rc == 0, rc < 0 ? e.msg : NULL);
}

static struct job *
job_find(struct news *n, enum news_job kind, const char *key, const char *url)
{
	for (struct job *j = n->jobs; j != NULL; j = j->next) {
		if (j->kind != kind)
			continue;
		if (kind == JOB_PICTURE) {
			if (url != NULL && strcmp(url, j->picture) == 0)
				return j;
			continue;
		}
		if (key != NULL && j->tab_key != NULL && strcmp(key, j->tab_key) == 0)
			return j;
		if (url != NULL && j->article_url != NULL && strcmp(url, j->article_url) == 0)
			return j;
		if (!(job_types[kind].flags & (JT_TAB | JT_ARTICLE)))
			return j;       /* one at a time */
	}
	return NULL;
}

int
news_has_article(struct news *n, const char *url)
{
	struct article a = { .comments = -1 };
	int has = store_get_article(n->store, url, &a, NULL) == 0 && a.body_html != NULL;

	article_free(&a);
	return has;
}

static char *
first_channels(struct news *n, struct job *j, size_t tab, const char *url)
{
	(void)j;
	(void)tab;
	(void)url;
	return n->site_off ? NULL : site_channels_url(n->site, 0);
}

static char *
first_list(struct news *n, struct job *j, size_t tab, const char *url)
{
	(void)url;
	if (kind_of(j->tab_kind)->page == NULL)
		return NULL;            /* the program's own lists: starred, search */
	return xstrdup(n->tabs[tab].url);
}

static char *
first_more(struct news *n, struct job *j, size_t tab, const char *url)
{
	struct item_list l = { 0 };
	char *next;

	(void)tab;
	(void)url;
	if (store_get_list(n->store, j->tab_key, &l, NULL) < 0)
		return NULL;
	next = l.next_url;
	l.next_url = NULL;
	item_list_free(&l);
	return next;
}

static char *
first_none(struct news *n, struct job *j, size_t tab, const char *url)
{
	(void)n;
	(void)j;
	(void)tab;
	(void)url;
	return NULL;
}

static char *
first_article(struct news *n, struct job *j, size_t tab, const char *url)
{
	(void)n;
	(void)j;
	(void)tab;
	return xstrdup(url);
}

/* Starts a job (a sync's if sync), or adopts the one already running for
 * the same thing.  Returns it, or NULL when it ended at once.  Offline, a
 * job that reads pages reads them from the cache. */
static struct job *
job_start(struct news *n, enum news_job kind, size_t tab, const char *url,
          int sync)
{
	const struct job_type *jt = &job_types[kind];
	struct job *j;
	char *first;

	if (jt->first == NULL || ((jt->flags & JT_TAB) && tab >= n->ntabs))
		return NULL;
	j = job_find(n, kind, jt->flags & JT_TAB ? n->tabs[tab].key : NULL, url);
	if (j != NULL) {
		j->notify |= !sync || !j->sync;
		j->sync |= sync;
		return j;
	}
	j = xcalloc(1, sizeof *j);
	j->kind = kind;
	j->sync = sync;
	j->art.comments = -1;
	buf_init(&j->body, 0);
	if (jt->flags & JT_TAB) {
		j->tab_key = xstrdup(n->tabs[tab].key);
		j->tab_kind = n->tabs[tab].kind;
		j->tab_fetched = n->tabs[tab].fetched;
	}
	if (jt->flags & JT_ARTICLE)
		j->article_url = xstrdup(url);
	j->next = n->jobs;
	n->jobs = j;
	if ((jt->flags & JT_CACHED) && news_has_article(n, url)) {
		job_end(n, j, 0, NULL);
		return NULL;
	}
	/* offline, a tab's list is what the cache has; one never fetched
	 * says so */
	if (n->offline && (kind == JOB_TABS || (jt->flags & JT_PAGE1))) {
		job_end(n, j, 0, (jt->flags & JT_PAGE1) && n->tabs[tab].fetched == 0 &&
		        n->tabs[tab].url != NULL ? _(jt->never) : NULL);
		return NULL;
	}
	first = jt->first(n, j, tab, url);
	if (first == NULL) {
		job_end(n, j, 0, NULL);     /* nothing (more) to fetch */
		return NULL;
	}
	job_fetch(n, j, first);
	free(first);
	return j;
}

void
news_start(struct news *n, enum news_job kind, size_t tab, const char *url)
{
	job_start(n, kind, tab, url, 0);
}

static void sync_picture(struct news *n, struct job *j, int started);

/* Fetches a picture of an article in the background, once. */
static void
start_picture(struct news *n, const char *article_url, const char *url)
{
	struct job *j = job_find(n, JOB_PICTURE, NULL, url);

	if (j != NULL) {
		sync_picture(n, j, 1);
		return;
	}
	j = xcalloc(1, sizeof *j);
	sync_picture(n, j, 0);
	j->kind = JOB_PICTURE;
	j->art.comments = -1;
	buf_init(&j->body, 0);
	j->article_url = xstrdup(article_url);
	j->picture = xstrdup(url);
	j->next = n->jobs;
	n->jobs = j;
	job_fetch(n, j, url);
}

/* One picture block: decoded from the cache, or its note says why not, or
 * its fetch started.  Returns 1 if it is on its way. */
static int
block_picture(struct news *n, const char *article_url, struct rblock *k,
              struct image *pic)
{
	struct store_image im = { 0 };
	struct err e = { "" };
	int rc = 0;

	xfree_set(&k->img_note, NULL);
	k->img_w = k->img_h = 0;
	switch (store_get_image(n->store, k->src, &im, &e)) {
	case 0:         /* refused (a note says why), gone, or the file */
		if (im.data == NULL)
			k->img_note = str_empty(im.error) ? NULL : xasprintf("(%s)", im.error);
		else if (pic == NULL)
			break;
		else if (image_decode(im.data, im.len, pic, &e) < 0)
			k->img_note = xasprintf("(%s)", e.msg);
		else
			k->img_w = pic->w, k->img_h = pic->h;
		break;
	case 1:
		if (n->offline || n->net == NULL) {
			k->img_note = xasprintf("(%s)", _("not in the cache"));
			break;
		}
		start_picture(n, article_url, k->src);
		rc = 1;
		break;
	default:
		k->img_note = xasprintf("(%s)", e.msg);
		break;
	}
	store_image_free(&im);
	return rc;
}

/* One picture block of an article whose pictures are shown. */
static int
article_picture(struct news *n, const char *article_url, struct rblock *k,
                struct image *pic)
{
	if (k->kind != RB_IMAGE || k->src == NULL || (pic != NULL && pic->rgba != NULL))
		return 0;
	return block_picture(n, article_url, k, pic);
}

int
news_article_pictures(struct news *n, const char *article_url,
                      struct rblocks *b, struct image *pics)
{
	int coming = 0, mode = news_images_for(n, article_url);

	for (size_t i = 0; mode != IMAGE_OFF && i < b->n; i++)
		coming += article_picture(n, article_url, &b->v[i],
		                          pics != NULL ? &pics[i] : NULL);
	return coming;
}

int
news_article_picture(struct news *n, const char *article_url, struct rblock *k,
                     struct image *pic)
{
	if (news_images_for(n, article_url) == IMAGE_OFF)
		return 0;
	return article_picture(n, article_url, k, pic);
}

int
news_fetch_pictures(struct news *n, const char *article_url)
{
	struct article a = { .comments = -1 };
	struct rblocks b = { 0 };
	int coming = 0;

	/* only an <img> is a picture: a body without the word has none, and
	 * is not laid out to find that (a feed's thousands of articles) */
	if (news_images_for(n, article_url) != IMAGE_OFF &&
	    store_get_article(n->store, article_url, &a, NULL) == 0 &&
	    a.body_html != NULL && str_find_ci(a.body_html, strlen(a.body_html), "img") != NULL &&
	    render_blocks(a.body_html, strlen(a.body_html), a.url, &b, NULL) == 0)
		coming = news_article_pictures(n, article_url, &b, NULL);
	rblocks_free(&b);
	article_free(&a);
	return coming;
}

int
news_images(const struct news *n)
{
	return n->images;
}

int
news_toggle_images(struct news *n, struct err *e)
{
	if (!image_supported())
		return err_set(e, "%s", _("this gxnews was built without pictures"));
	if (n->images != IMAGE_OFF)
		n->images = IMAGE_OFF;
	else
		n->images = n->images_asked != IMAGE_OFF ? n->images_asked : IMAGE_AUTO;
	return n->images;
}

int
news_images_for(struct news *n, const char *article_url)
{
	struct article a = { .comments = -1 };
	int mode = n->images;

	if (mode != IMAGE_OFF && n->conf != NULL && article_url != NULL &&
	    store_get_article(n->store, article_url, &a, NULL) == 0)
		mode = images_for(n, origin_of(n, a.origin, a.url));
	article_free(&a);
	return mode;
}

#define MAX_SECTION_PAGES 64

void
news_sections_free(struct news_section *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++) {
		free(v[i].picture);
		free(v[i].first);
	}
	free(v);
}

int
news_tab_sections(struct news *n, size_t tab, struct news_section **v,
                  size_t *nv, struct err *e)
{
	char *url;

	*v = NULL;
	*nv = 0;
	if (tab >= n->ntabs || n->tabs[tab].kind != TAB_CHANNEL)
		return 0;
	url = xstrdup(n->tabs[tab].url);
	for (int k = 0; url != NULL && k < MAX_SECTION_PAGES; k++) {
		struct store_page p = { 0 };
		struct item_list l = { 0 };
		int rc = store_get_page(n->store, url, &p, e);

		if (rc == 0 && p.body != NULL &&
		    site_list(n->site, p.body, p.len, url, &l, NULL, NULL) == 0 &&
		    l.picture != NULL && l.n > 0) {
			*v = xrealloc(*v, (*nv + 1) * sizeof **v);
			(*v)[*nv].picture = l.picture;
			(*v)[*nv].first = xstrdup(l.v[0].url);
			l.picture = NULL;
			(*nv)++;
		}
		xfree_set(&url, rc == 0 ? l.next_url : NULL);
		l.next_url = NULL;
		item_list_free(&l);
		store_page_free(&p);
		if (rc < 0)
			return -1;
	}
	free(url);
	return 0;
}

int
news_picture(struct news *n, const char *url, struct image *out, struct err *e)
{
	struct store_image im = { 0 };
	int rc;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (n->images == IMAGE_OFF)
		return err_set(e, _("pictures are off"));
	rc = store_get_image(n->store, url, &im, e);
	if (rc == 1 && (n->offline || n->net == NULL))
		rc = err_set(e, "%s", _("not in the cache"));
	else if (rc == 1)
		start_picture(n, NULL, url);
	else if (rc == 0 && im.data == NULL)
		rc = err_set(e, "%s", !str_empty(im.error) ? im.error :
		             _("the site does not have it"));
	else if (rc == 0 && out != NULL && image_decode(im.data, im.len, out, e) < 0)
		rc = -1;
	store_image_free(&im);
	return rc;
}

int
news_poll(struct news *n, int timeout_ms)
{
	struct net_req *r;
	int running = 0;

	while (n->ready != NULL) {
		struct job *j = n->ready;

		n->ready = j->ready;
		j->ready = NULL;
		job_done(n, j);
	}
	if (n->net != NULL && n->jobs != NULL) {
		sync_police(n);
		net_run(n->net, timeout_ms);
		while ((r = net_done(n->net)) != NULL)
			job_done(n, r->user);
		hosts_save(n);
	}
	sync_step(n);
	for (struct job *j = n->jobs; j != NULL; j = j->next)
		running++;
	return running;
}

void
news_cancel(struct news *n)
{
	sync_cancel(n);
	if (n->net != NULL)
		net_cancel_all(n->net);
	while (news_poll(n, 0) > 0)
		;
}

int
news_busy(const struct news *n, int *done, int *total, char *host, size_t hostsz)
{
	int d, t;
	char h[8];

	if (done == NULL)
		done = &d;
	if (total == NULL)
		total = &t;
	if (host == NULL) {
		host = h;
		hostsz = sizeof h;
	}
	*done = *total = 0;
	if (hostsz > 0)
		host[0] = '\0';
	if (n->jobs == NULL || n->net == NULL)
		return 0;
	net_progress(n->net, done, total, host, hostsz);
	return 1;
}

int
news_stalled(const struct news *n, char *host, size_t hostsz)
{
	if (n->net == NULL || n->jobs == NULL) {
		if (hostsz > 0)
			host[0] = '\0';
		return 0;
	}
	return net_stalled(n->net, host, hostsz);
}

/* ---- sync ------------------------------------------------------------- */

enum sync_phase { SYNC_TABS, SYNC_LISTS, SYNC_ARTICLES, SYNC_PICTURES, SYNC_DONE };

struct sync_tab {
	char *key;
	int   pages;            /* list pages read */
	int   limit;            /* to read at most */
	int   more;             /* the next page is to be started */
};

struct sync_host {
	char    name[256];
	int64_t start;          /* monotonic ms: its first page in this sync */
	int     out;            /* past its budget */
};

struct sync_line {
	char *what, *msg;
};

struct sync {
	enum sync_phase phase;
	int pages;                      /* list pages of a channel */
	long host_ms;
	int cancelled;
	int answered;                   /* a page came, or was not modified */
	struct news_sync p;             /* counts */
	struct sync_tab *tabs;
	size_t ntabs;
	struct sync_host *hosts;
	size_t nhosts;
	char **urls;                    /* articles listed on the pages read */
	size_t nurls, capurls;
	struct sync_line *fails;  /* the report: each page done, failed or not */
	size_t nfails, taken;
};

static void
sync_free(struct sync *y)
{
	if (y == NULL)
		return;
	for (size_t i = 0; i < y->ntabs; i++)
		free(y->tabs[i].key);
	free(y->tabs);
	free(y->hosts);
	for (size_t i = 0; i < y->nurls; i++)
		free(y->urls[i]);
	free(y->urls);
	for (size_t i = 0; i < y->nfails; i++) {
		free(y->fails[i].what);
		free(y->fails[i].msg);
	}
	free(y->fails);
	free(y);
}

static struct sync *
sync_running(const struct news *n)
{
	return n->sync != NULL && n->sync->phase != SYNC_DONE ? n->sync : NULL;
}

/* A line of the sync's report: what (a page, a host), and why it failed
 * (NULL: it did not). */
static void
sync_note(struct sync *y, const char *what, const char *msg)
{
	y->fails = xrealloc(y->fails, (y->nfails + 1) * sizeof *y->fails);
	y->fails[y->nfails].what = xstrdup(what ? what : "");
	y->fails[y->nfails].msg = xstrdup(msg);     /* NULL stays NULL */
	y->nfails++;
}

static struct sync_host *
sync_host(struct sync *y, const char *name)
{
	struct sync_host *h;

	for (size_t i = 0; i < y->nhosts; i++)
		if (strcmp(y->hosts[i].name, name) == 0)
			return &y->hosts[i];
	y->hosts = xrealloc(y->hosts, (y->nhosts + 1) * sizeof *y->hosts);
	h = &y->hosts[y->nhosts++];
	memset(h, 0, sizeof *h);
	snprintf(h->name, sizeof h->name, "%s", name);
	return h;
}

static void
out_words(const struct sync *y, const struct sync_host *h, char *out, size_t outsz)
{
	snprintf(out, outsz, _("%s used up its %ld s of the sync (sync-host-budget)"),
	         h->name, (y->host_ms + 999) / 1000);
}

/* Whether a sync's page is not to be asked for, its host past its share
 * (why then says so); the host's clock starts with its first page. */
static int
sync_host_out(struct news *n, struct job *j, char *why, size_t whysz)
{
	struct sync *y = sync_running(n);
	struct sync_host *h;

	if (y == NULL || j->host[0] == '\0')
		return 0;
	h = sync_host(y, j->host);
	if (h->start == 0)
		h->start = mono_ms();
	if (h->out)
		out_words(y, h, why, whysz);
	return h->out;
}

/* Gives up what is still in flight to a host past its share. */
static void
sync_police(struct news *n)
{
	struct sync *y = sync_running(n);
	int64_t now = mono_ms();

	if (y == NULL)
		return;
	for (size_t i = 0; i < y->nhosts; i++) {
		struct sync_host *h = &y->hosts[i];
		char why[320];

		if (h->out || h->start == 0 || now - h->start < y->host_ms)
			continue;
		h->out = 1;
		out_words(y, h, why, sizeof why);
		for (struct job *j = n->jobs; j != NULL; j = j->next)
			if (j->sync && j->req != NULL && j->ready == NULL &&
			    strcmp(j->host, h->name) == 0)
				net_cancel(n->net, j->req, why);
	}
}

static void
sync_bytes(struct news *n, size_t len)
{
	struct sync *y = sync_running(n);

	if (y != NULL)
		y->p.bytes += (int64_t)len;
}

/* The items of a list page a sync read: their articles come next. */
static void
sync_saw(struct news *n, struct job *j, const struct item_list *l)
{
	struct sync *y = sync_running(n);

	if (y == NULL || !j->sync)
		return;
	for (size_t i = 0; i < l->n; i++) {
		if (str_empty(l->v[i].url))
			continue;
		if (y->nurls == y->capurls) {
			y->capurls = y->capurls ? y->capurls * 2 : 64;
			y->urls = xrealloc(y->urls, y->capurls * sizeof *y->urls);
		}
		y->urls[y->nurls++] = xstrdup(l->v[i].url);
	}
}

/* How many URLs the sync running has seen (0: none running). */
static size_t
sync_seen(struct news *n, struct job *j)
{
	struct sync *y = sync_running(n);

	return y != NULL && j->sync ? y->nurls : 0;
}

/* Forgets the URLs seen since there were mark (a feed read again). */
static void
sync_unsee(struct news *n, struct job *j, size_t mark)
{
	struct sync *y = sync_running(n);

	while (y != NULL && j->sync && y->nurls > mark)
		free(y->urls[--y->nurls]);
}

static struct sync_tab *
sync_tab(struct sync *y, const char *key)
{
	for (size_t i = 0; key != NULL && i < y->ntabs; i++)
		if (strcmp(y->tabs[i].key, key) == 0)
			return &y->tabs[i];
	return NULL;
}

static void
sync_job_end(struct news *n, struct job *j, const char *msg)
{
	struct sync *y = sync_running(n);
	struct sync_tab *t;
	int list = job_types[j->kind].flags & JT_TAB;
	int page = !(job_types[j->kind].flags & JT_ARTICLE) && j->picture == NULL;
	int got = j->req != NULL && (j->req->result == NET_OK ||
	                             j->req->result == NET_NOT_MODIFIED);

	if (y == NULL || j->req == NULL)
		return;             /* ended before asking anything: not counted */
	y->answered |= got;
	if (page)               /* the channels' page, or a list's */
		y->p.lists_done++;
	else if (j->picture != NULL)
		y->p.pictures_done++;
	else
		y->p.articles_done++;
	if (msg == NULL && j->stale)
		msg = j->req->error[0] ? j->req->error : _("fetch failed");
	sync_note(y, j->picture ? j->picture : j->article_url ? j->article_url : j->url,
	          msg);
	if (msg != NULL) {
		y->p.failed++;
		return;
	}
	t = list ? sync_tab(y, j->tab_key) : NULL;
	if (t == NULL)
		return;
	t->pages++;
	/* an edition (an e-paper, whose front page forwards to it) is read whole */
	if ((job_types[j->kind].flags & JT_PAGE1) && j->pages > 0)
		t->limit = MAX_EDITION_PAGES;
	t->more = t->pages < t->limit;
}

/* Starts a sync's job; counts it unless it ended at once. */
static void
sync_start_job(struct news *n, struct sync *y, enum news_job kind, size_t tab,
               const char *url)
{
	if (job_start(n, kind, tab, url, 1) == NULL)
		return;
	if (job_types[kind].flags & JT_ARTICLE)
		y->p.articles++;
	else
		y->p.lists++;           /* the channels' page, or a list's */
}

static int
sync_jobs(const struct news *n)
{
	int k = 0;

	for (const struct job *j = n->jobs; j != NULL; j = j->next)
		k += j->sync;
	return k;
}

static void
sync_lists(struct news *n, struct sync *y)
{
	for (size_t i = 0; i < n->ntabs; i++) {
		const struct store_tab *tab = &n->tabs[i];
		const struct kind *k = kind_of(tab->kind);
		struct sync_tab *t;

		if (k->page == NULL || tab->url == NULL)
			continue;
		y->tabs = xrealloc(y->tabs, (y->ntabs + 1) * sizeof *y->tabs);
		t = &y->tabs[y->ntabs++];
		memset(t, 0, sizeof *t);
		t->key = xstrdup(tab->key);
		t->limit = k->mode == LIST_REPLACE ? 1 : y->pages;   /* a snapshot is one page */
		sync_start_job(n, y, JOB_LIST, i, NULL);
	}
}

/* The next pages of the lists that have more to read. */
static void
sync_more(struct news *n, struct sync *y)
{
	for (size_t i = 0; i < y->ntabs; i++) {
		long tab;

		if (!y->tabs[i].more)
			continue;
		y->tabs[i].more = 0;
		tab = news_find_tab(n, y->tabs[i].key);
		if (tab >= 0)
			sync_start_job(n, y, JOB_MORE, (size_t)tab, NULL);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every article listed on the pages read whose body the cache lacks. */
static void
sync_articles(struct news *n, struct sync *y)
{
	if (y->nurls > 1)       /* none when no list came: urls is NULL then */
		qsort(y->urls, y->nurls, sizeof *y->urls, cmp_str);
	for (size_t i = 0; i < y->nurls; i++) {
		if (i > 0 && strcmp(y->urls[i], y->urls[i - 1]) == 0)
			continue;
		if (!news_has_article(n, y->urls[i]))
			sync_start_job(n, y, JOB_ARTICLE, 0, y->urls[i]);
	}
}

/* A picture being started while the sync starts pictures is the sync's;
 * one the screen started already (started) tells the screen too. */
static void
sync_picture(struct news *n, struct job *j, int started)
{
	struct sync *y = sync_running(n);

	if (y == NULL || !n->sync_pictures || j->sync)
		return;
	j->notify = started;
	j->sync = 1;
	y->p.pictures++;
}

/* The pictures of the articles the sync saw and of the list pages (an
 * e-paper's 版面图), those not cached yet (the urls sorted already). */
static void
sync_pictures(struct news *n, struct sync *y)
{
	n->sync_pictures = 1;
	for (size_t i = 0; i < y->nurls; i++)
		if (i == 0 || strcmp(y->urls[i], y->urls[i - 1]) != 0)
			news_fetch_pictures(n, y->urls[i]);
	for (size_t t = 0; t < n->ntabs; t++) {
		struct news_section *sec = NULL;
		size_t nsec = 0;

		if (news_tab_sections(n, t, &sec, &nsec, NULL) == 0)
			for (size_t i = 0; i < nsec; i++)
				news_picture(n, sec[i].picture, NULL, NULL);
		news_sections_free(sec, nsec);
	}
	n->sync_pictures = 0;
}

static void
sync_finish(struct news *n, struct sync *y)
{
	struct news_event *ev = event_new(n, JOB_SYNC, NULL, NULL);
	char size[32];

	y->phase = SYNC_DONE;
	unread_forget(n);
	for (size_t i = 0; i < y->nhosts; i++)
		if (y->hosts[i].out) {
			char why[320];

			/* its pages are counted (and listed) already */
			out_words(y, &y->hosts[i], why, sizeof why);
			sync_note(y, y->hosts[i].name, why);
		}
	size_words(y->p.bytes, size, sizeof size);
	ev->changed = 1;
	ev->ok = y->p.failed == 0 && !y->cancelled;
	if (y->cancelled)
		snprintf(ev->msg, sizeof ev->msg, "%s", _("Sync cancelled"));
	else if (y->p.failed == 0)
		snprintf(ev->msg, sizeof ev->msg,
		         _("Synced: %d list pages, %d articles, %d pictures, %s fetched"),
		         y->p.lists_done, y->p.articles_done, y->p.pictures_done, size);
	else
		snprintf(ev->msg, sizeof ev->msg,
		         _("Synced: %d list pages, %d articles, %d pictures, %s fetched; %d failed"),
		         y->p.lists_done, y->p.articles_done, y->p.pictures_done, size,
		         y->p.failed);
	if (n->drift_in_sync)   /* what the pages' reading had to guess, once */
		snprintf(ev->msg + strlen(ev->msg), sizeof ev->msg - strlen(ev->msg), "; %s",
		         n->drift_said);
}

/* Moves the sync on once what it waits for is done. */
static void
sync_step(struct news *n)
{
	struct sync *y;

	while ((y = sync_running(n)) != NULL) {
		sync_more(n, y);
		if (sync_jobs(n) > 0)
			return;
		if (y->cancelled) {
			sync_finish(n, y);
		} else if (y->phase == SYNC_TABS) {
			y->phase = SYNC_LISTS;
			sync_lists(n, y);
		} else if (y->phase == SYNC_LISTS) {
			y->phase = SYNC_ARTICLES;
			sync_articles(n, y);
		} else if (y->phase == SYNC_ARTICLES) {
			y->phase = SYNC_PICTURES;
			sync_pictures(n, y);
		} else {
			sync_finish(n, y);
		}
	}
}

static void
sync_cancel(struct news *n)
{
	if (sync_running(n) != NULL)
		n->sync->cancelled = 1;
}

/* List pages of a channel a sync reads: --sync=PAGES, else the site's
 * sync-pages (a source line, or the setting for all), else three. */
static int
sync_pages(const struct news *n)
{
	struct conf c;

	if (n->sync_pages > 0)
		return n->sync_pages;
	if (source_conf(n, site_name(n->site), &c) && c.sync_pages > 0)
		return c.sync_pages;
	if (n->conf != NULL && n->conf->sync_pages > 0)
		return n->conf->sync_pages;
	return NEWS_SYNC_PAGES;
}

int
news_sync_start(struct news *n, struct err *e)
{
	struct sync *y;

	if (n->offline)
		return err_set(e, "%s", _("a sync needs the network; drop --offline"));
	if (sync_running(n) != NULL)
		return err_set(e, "%s", _("a sync is running already"));
	sync_free(n->sync);
	y = n->sync = xcalloc(1, sizeof *y);
	n->drift_in_sync = 0;
	y->pages = sync_pages(n);
	y->host_ms = n->sync_host_ms;
	y->phase = SYNC_TABS;
	sync_start_job(n, y, JOB_TABS, 0, NULL);
	sync_step(n);
	return 0;
}

int
news_sync_progress(const struct news *n, struct news_sync *p)
{
	const struct sync *y = n->sync;

	if (y == NULL)
		return 0;
	*p = y->p;
	if (y->phase == SYNC_DONE)
		return 0;
	if (news_stalled(n, p->host, sizeof p->host) == 0 && n->net != NULL)
		net_progress(n->net, NULL, NULL, p->host, sizeof p->host);
	return 1;
}

int
news_sync_next(struct news *n, const char **what, const char **msg)
{
	struct sync *y = n->sync;

	if (y == NULL || y->taken >= y->nfails)
		return 0;
	*what = y->fails[y->taken].what;
	*msg = y->fails[y->taken].msg;
	y->taken++;
	return 1;
}

int
news_sync_status(const struct news *n)
{
	const struct sync *y = n->sync;

	if (y == NULL || (y->p.failed == 0 && !y->cancelled))
		return 0;
	return y->answered ? 1 : 2;
}

/* ---- the same, waiting: for the command line and tests --------------- */

static int
job_running(const struct news *n, enum news_job kind, const char *key,
            const char *url)
{
	return job_find((struct news *)n, kind, key, url) != NULL;
}

/* Takes the event of one job out of the queue, leaving the others. */
static int
take_event(struct news *n, enum news_job kind, const char *key, const char *url,
           struct news_event *out)
{
	for (size_t i = 0; i < n->nevents; i++) {
		struct news_event *ev = &n->events[i];

		if (ev->job != kind ||
		    (key != NULL && (ev->tab_key == NULL || strcmp(ev->tab_key, key) != 0)) ||
		    (url != NULL && (ev->url == NULL || strcmp(ev->url, url) != 0)))
			continue;
		*out = *ev;
		memmove(ev, ev + 1, (n->nevents - i - 1) * sizeof *ev);
		n->nevents--;
		return 1;
	}
	return 0;
}

/* Past the deadline: what is still in flight is given up (the cache
 * answers for it). */
static void
deadline_passed(struct news *n)
{
	char why[128];

	snprintf(why, sizeof why, _("no answer within %ld s (net-timeout)"),
	         (n->budget_ms + 999) / 1000);
	for (struct job *j = n->jobs; j != NULL; j = j->next)
		if (j->req != NULL && j->ready == NULL && n->net != NULL)
			net_cancel(n->net, j->req, why);
}

/* Runs one job to its end and gives its outcome; other jobs' events stay
 * queued for whoever waits for them. */
static int
run_job(struct news *n, enum news_job kind, size_t tab, const char *url,
        struct err *e)
{
	struct news_event ev;
	char *key = (job_types[kind].flags & JT_TAB) && tab < n->ntabs ?
	            xstrdup(n->tabs[tab].key) : NULL;
	int rc = 0;

	n->notice[0] = '\0';
	news_start(n, kind, tab, url);
	while (job_running(n, kind, key, url)) {
		news_poll(n, 100);
		if (n->deadline > 0 && mono_ms() >= n->deadline)
			deadline_passed(n);
	}
	if (take_event(n, kind, key, url, &ev)) {
		if (!ev.ok)
			rc = err_set(e, "%s", ev.msg);
		else if (ev.msg[0] != '\0')
			notice(n, "%s", ev.msg);
		news_event_free(&ev);
	}
	free(key);
	return rc;
}

int
news_refresh_tabs(struct news *n, struct err *e)
{
	if (n->offline || n->site_off)
		return 0;
	return run_job(n, JOB_TABS, 0, NULL, e);
}

int
news_refresh_list(struct news *n, size_t tab, struct err *e)
{
	if (tab >= n->ntabs)
		return err_set(e, _("no such tab"));
	return run_job(n, JOB_LIST, tab, NULL, e);
}

int
news_load_more(struct news *n, size_t tab, struct err *e)
{
	struct item_list l = { 0 };
	int more;

	if (tab >= n->ntabs)
		return err_set(e, _("no such tab"));
	if (store_get_list(n->store, n->tabs[tab].key, &l, e) < 0)
		return -1;
	more = l.next_url != NULL;
	item_list_free(&l);
	if (!more)
		return 1;
	return run_job(n, JOB_MORE, tab, NULL, e);
}

/* Merges part into out, both newest first, leaving out the articles out
 * has already; at most STORE_SEARCH_MAX, and more set when either search
 * stopped or the merge left an article out. */
static void
merge_new(struct item_list *out, struct item_list *part)
{
	struct item_list m = { 0 };
	size_t i = 0, k = 0;

	while ((i < out->n || k < part->n) && m.n < STORE_SEARCH_MAX) {
		int mine = k == part->n ||
		           (i < out->n && out->v[i].time >= part->v[k].time);
		struct item *it = mine ? &out->v[i++] : &part->v[k++];

		if (mine || !item_list_has(&m, it->url)) {
			*item_list_add(&m) = *it;
			memset(it, 0, sizeof *it);
		}
	}
	m.more = out->more || part->more || i < out->n;
	for (; !m.more && k < part->n; k++)
		m.more = !item_list_has(&m, part->v[k].url);
	item_list_free(out);
	item_list_free(part);
	*out = m;
}

/* The search: each form of the query (as typed, Simplified, Traditional),
 * the results together, newest first. */
static int
search(struct news *n, const char *text, struct item_list *out, struct err *e)
{
	char *forms[ZH_MAX_FORMS];
	size_t nforms = zh_query_forms(n->zh, typed_script(n), text, forms);
	int rc = store_search(n->store, forms[0], out, e);

	for (size_t i = 1; i < nforms; i++) {
		struct item_list part = { 0 };

		if (rc == 0)
			rc = store_search(n->store, forms[i], &part, e);
		if (rc == 0)
			merge_new(out, &part);
		item_list_free(&part);
	}
	for (size_t i = 0; i < nforms; i++)
		free(forms[i]);
	return rc;
}

/* A tab's list as stored. */
static int
get_list(struct news *n, size_t tab, struct item_list *out, struct err *e)
{
	if (tab >= n->ntabs)
		return err_set(e, _("no such tab"));
	return kind_of(n->tabs[tab].kind)->read(n, &n->tabs[tab], out, e);
}

static int
read_list(struct news *n, const struct store_tab *t, struct item_list *out,
          struct err *e)
{
	return store_get_list(n->store, t->key, out, e);
}

static int
read_starred(struct news *n, const struct store_tab *t, struct item_list *out,
             struct err *e)
{
	(void)t;
	return store_starred(n->store, out, e);
}

static int
read_search(struct news *n, const struct store_tab *t, struct item_list *out,
            struct err *e)
{
	struct item_list all = { 0 };
	int rc;

	(void)t;
	rc = search(n, n->search, &all, e);
	keep_shown(&all, out);
	return rc;
}

/* Moves the items of from a rule does not hide into out. */
static void
keep_shown(struct item_list *from, struct item_list *out)
{
	for (size_t i = 0; i < from->n; i++)
		if (!(from->v[i].rule & ITEM_HIDDEN)) {
			*item_list_add(out) = from->v[i];
			memset(&from->v[i], 0, sizeof from->v[i]);
		}
	out->more = from->more;
	item_list_free(from);
}

/* Where a query without words looks: the newest articles, since the
 * newest a newer= asks for, only unread or starred ones if it asks. */
static int
query_recent(struct news *n, const struct query *q, struct item_list *out,
             struct err *e)
{
	int64_t since = 0, now = (int64_t)time(NULL);
	int unread = 0, starred = 0;

	for (size_t i = 0; i < q->n; i++) {
		const struct query_cond *c = &q->v[i];

		if (c->negate)
			continue;
		if (c->kind == QC_NEWER && now - c->age > since)
			since = now - c->age;
		unread |= c->kind == QC_UNREAD;
		starred |= c->kind == QC_STARRED;
	}
	return store_recent(n->store, since, unread, starred, RECENT_MAX, out, e);
}

/* What a query finds: its words in the search index (checked there), the
 * rest checked here; newest first, at most STORE_SEARCH_MAX. */
static int
run_query(struct news *n, const struct query *q, struct item_list *out,
          struct err *e)
{
	char *words = query_words(q);
	struct item_list cand = { 0 };
	int rc = words != NULL ? search(n, words, &cand, e) : query_recent(n, q, &cand, e);

	for (size_t i = 0; rc == 0 && i < cand.n; i++) {
		struct item *it = &cand.v[i];

		if ((it->rule & ITEM_HIDDEN) ||
		    !matches(n, q, it, words != NULL ? QUERY_SKIP_WORDS : 0))
			continue;
		if (out->n == STORE_SEARCH_MAX) {
			out->more = 1;
			break;
		}
		*item_list_add(out) = *it;
		memset(it, 0, sizeof *it);
	}
	item_list_free(&cand);
	free(words);
	return rc;
}

static struct qtab *
qtab_of(struct news *n, const struct store_tab *t)
{
	for (size_t i = 0; i < n->nqtabs; i++)
		if (strcmp(t->key + strlen("query:"), n->qtabs[i].label) == 0)
			return &n->qtabs[i];
	return NULL;
}

/* A query tab's list: found once, kept until the cache changes (a read
 * mark changes it in place). */
static int
read_query(struct news *n, const struct store_tab *t, struct item_list *out,
           struct err *e)
{
	struct qtab *qt = qtab_of(n, t);

	if (qt == NULL)
		return 0;
	if (!qt->valid) {
		item_list_free(&qt->found);
		if (run_query(n, &qt->q, &qt->found, e) < 0)
			return -1;
		qt->valid = 1;
	}
	for (size_t i = 0; i < qt->found.n; i++)
		item_copy(item_list_add(out), &qt->found.v[i]);
	out->more = qt->found.more;
	return 0;
}

static int
count_query(struct news *n, const struct store_tab *t, size_t *out, struct err *e)
{
	struct item_list l = { 0 };

	*out = 0;
	if (read_query(n, t, &l, e) < 0)
		return -1;
	for (size_t i = 0; i < l.n; i++)
		*out += !l.v[i].read;
	item_list_free(&l);
	return 0;
}

static int
count_list(struct news *n, const struct store_tab *t, size_t *out, struct err *e)
{
	return store_list_unread(n->store, t->key, out, e);
}

static int
count_starred(struct news *n, const struct store_tab *t, size_t *out,
              struct err *e)
{
	(void)t;
	return store_starred_unread(n->store, out, e);
}

/* The search's results are a query, not a stored list: counted as read
 * (at most STORE_SEARCH_MAX of them). */
static int
count_search(struct news *n, const struct store_tab *t, size_t *out,
             struct err *e)
{
	struct item_list l = { 0 };

	*out = 0;
	if (read_search(n, t, &l, e) < 0)
		return -1;
	for (size_t i = 0; i < l.n; i++)
		*out += !l.v[i].read;
	item_list_free(&l);
	return 0;
}

int
news_get_list(struct news *n, size_t tab, struct item_list *out,
              struct err *e)
{
	if (get_list(n, tab, out, e) < 0)
		return -1;
	unread_note(n, tab, out);       /* the tab bar's count, without a second read */
	for (size_t i = 0; i < out->n; i++) {
		struct item *it = &out->v[i];
		const char *origin = origin_of(n, it->origin, it->url);
		int script = script_for(n, origin);

		if (script != ZH_SIMPLIFIED) {
			zh_convert_in_place(n->zh, script, &it->title);
			zh_convert_in_place(n->zh, script, &it->summary);
		}
		xfree_set(&it->origin, xstrdup(origin_name(n, origin)));
	}
	return 0;
}

static void
convert_article(struct news *n, struct article *a)
{
	char **fields[] = { &a->title, &a->time_text, &a->source, &a->author,
	                    &a->editor };
	int script = script_for(n, origin_of(n, a->origin, a->url));

	for (size_t i = 0; script != ZH_SIMPLIFIED && i < ARRAY_LEN(fields); i++)
		zh_convert_in_place(n->zh, script, fields[i]);
}

int
news_get_article(struct news *n, const char *url, struct article *out,
                 struct err *e)
{
	if (store_get_article(n->store, url, out, NULL) == 0 && out->body_html != NULL) {
		convert_article(n, out);
		return 0;
	}
	article_free(out);
	if (run_job(n, JOB_ARTICLE, 0, url, e) < 0)
		return -1;
	if (store_get_article(n->store, url, out, e) != 0 || out->body_html == NULL) {
		article_free(out);
		return err_set(e, _("the cache has no copy of %s"), url);
	}
	convert_article(n, out);
	return 0;
}

int
news_article_blocks(struct news *n, const struct article *a,
                    struct rblocks *out, struct err *e)
{
	const char *html = a->body_html ? a->body_html : "";
	int script = script_for(n, origin_of(n, a->origin, a->url));

	if (render_blocks(html, strlen(html), a->url, out, e) < 0)
		return -1;
	for (size_t i = 0; script != ZH_SIMPLIFIED && i < out->n; i++)
		zh_convert_in_place(n->zh, script, &out->v[i].text);
	return 0;
}

int
news_vacuum(struct news *n, int max_age_days, int64_t max_bytes, struct err *e)
{
	unread_forget(n);
	qtabs_forget(n);
	return store_vacuum(n->store, max_age_days, max_bytes, e);
}

/* A mark changed: the query tabs' lists keep their articles, marked anew
 * (a query of unread articles loses one at its next change, not under
 * the reader's eyes). */
static void
qtabs_mark(struct news *n, const char *url, int *(*field)(struct item *), int on)
{
	for (size_t i = 0; i < n->nqtabs; i++)
		for (size_t k = 0; k < n->qtabs[i].found.n; k++)
			if (strcmp(n->qtabs[i].found.v[k].url, url) == 0)
				*field(&n->qtabs[i].found.v[k]) = on;
}

static int *
read_of(struct item *it)
{
	return &it->read;
}

static int *
starred_of(struct item *it)
{
	return &it->starred;
}

int
news_set_read(struct news *n, const char *url, int read, struct err *e)
{
	unread_forget(n);
	qtabs_mark(n, url, read_of, read);
	return store_set_read(n->store, url, read, e);
}

int
news_set_starred(struct news *n, const char *url, int starred, struct err *e)
{
	unread_forget(n);
	qtabs_mark(n, url, starred_of, starred);
	return store_set_starred(n->store, url, starred, e);
}

/* ---- the search index -------------------------------------------------- */

int
news_indexing(struct news *n)
{
	if (n->unindexed < 0)
		n->unindexed = store_unindexed(n->store);
	return n->unindexed > 0;
}

int
news_index(struct news *n, int budget_ms, struct err *e)
{
	int64_t until = mono_ms() + budget_ms;
	int left;

	do {
		left = store_index(n->store, budget_ms > 0 ? INDEX_STEP : INDEX_ALL, e);
		if (left < 0) {
			n->unindexed = 0;       /* a read-only cache: try again after a change */
			return -1;
		}
		n->unindexed = left;
	} while (left > 0 && (budget_ms <= 0 || mono_ms() < until));
	return left;
}

const struct site *
news_site(const struct news *n)
{
	return n->site;
}

int
news_fetch_page(struct news *n, const char *url, char **body, size_t *len,
                struct err *e)
{
	struct store_page p = { 0 };
	int rc;

	*body = NULL;
	*len = 0;
	if (!n->offline && run_job(n, JOB_PAGE, 0, url, e) < 0)
		return -1;
	rc = store_get_page(n->store, url, &p, e);
	if (rc != 0 || p.body == NULL) {
		store_page_free(&p);
		return rc < 0 ? -1 : err_set(e, _("the cache has no copy of %s"), url);
	}
	*body = p.body;
	*len = p.len;
	p.body = NULL;
	store_page_free(&p);
	return 0;
}
