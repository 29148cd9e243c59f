/* news.c: the model: tabs, lists, refresh (net -> parse -> store), read
 * state, falling back to the cache when the network fails. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charset.h"
#include "extract.h"
#include "feed.h"
#include "net.h"
#include "news.h"
#include "site.h"
#include "zhscript.h"

#define MAX_ARTICLE_PAGES 30
#define MAX_LIST_HOPS 3        /* empty list pages followed to their next */
#define INDEX_STEP    64       /* articles indexed per transaction (~5 ms) */

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
	int     pages;
	int     fresh;          /* the page in came from the network */
	struct net_req *req;
	struct job *next;
};

struct news {
	struct site *site;
	struct store *store;
	struct net *net;
	int offline;
	struct store_tab *tabs;
	size_t ntabs;
	char notice[512];
	struct job *jobs;
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
};

typedef int read_fn(struct news *n, const struct store_tab *t,
                    struct item_list *out, struct err *e);
typedef int count_fn(struct news *n, const struct store_tab *t, size_t *out,
                     struct err *e);
typedef int page_fn(struct news *n, struct job *j, const char *body, size_t len,
                    struct err *e);
static read_fn read_list, read_starred, read_search;
static count_fn count_list, count_starred, count_search;
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
	               -1, LIST_HEAD, read_list, count_list, store_feed },
	[TAB_STARRED] = { { "starred", NK_OWN_LABEL | NK_NO_COUNT | NK_STARS,
	                    N_("(nothing starred: press s on an article to star it)") },
	                  -1, LIST_HEAD, read_starred, count_starred, NULL },
	[TAB_SEARCH] = { { NULL, NK_OWN_LABEL | NK_QUERY, N_("(nothing in the cache matches)") },
	                 -1, LIST_HEAD, read_search, count_search, NULL },
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
static done_fn store_channels, store_tab_page, article_page, picture_page;
static const struct job_type {
	unsigned flags;
	first_fn *first;        /* the URL to start from; NULL: nothing to do */
	done_fn *done;          /* a page is in: 1 more to come, 0 stored, -1 */
} job_types[] = {
	[JOB_TABS] = { 0, first_channels, store_channels },
	[JOB_LIST] = { JT_TAB | JT_PAGE1, first_list, store_tab_page },
	[JOB_MORE] = { JT_TAB, first_more, store_tab_page },
	[JOB_ARTICLE] = { JT_ARTICLE | JT_CACHED, first_article, article_page },
	[JOB_FULLTEXT] = { JT_ARTICLE, first_article, article_page },
	[JOB_PICTURE] = { JT_RAW, first_none, picture_page },  /* start_picture() */
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

static void unread_forget(struct news *n);
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

	if (store_get_tabs(n->store, site_name(n->site), &n->tabs, &n->ntabs, e) < 0)
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

int
news_open(struct news **out, const struct news_opts *o, struct err *e)
{
	struct news *n = xcalloc(1, sizeof *n);
	struct net_opts no;
	struct err why = { "" };

	n->offline = o->offline;
	n->images = image_supported() ? o->images : IMAGE_OFF;
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
	net_opts_default(&no);
	no.allow_file = o->mirror != NULL && str_starts(o->mirror, "file://");
	if (o->max_page > 0)
		no.max_bytes = o->max_page;
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
	if (put_feed_tabs(n, NULL, NULL, e) < 0 || load_tabs(n, e) < 0)
		goto fail;
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
	free(n->search);
	free(n->unread);
	free_raw_labels(n);
	store_tabs_free(n->tabs, n->ntabs);
	zh_free(n->zh);
	if (n->net != NULL)
		net_free(n->net);
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
	memset(ev, 0, sizeof *ev);
}

static void
job_free(struct job *j)
{
	free(j->tab_key);
	free(j->url);
	free(j->article_url);
	free(j->picture);
	article_free(&j->art);
	buf_free(&j->body);
	if (j->req != NULL)
		net_req_free(j->req);
	free(j);
}

/* Ends a job with an event (msg NULL: success). */
static void
job_end(struct news *n, struct job *j, int changed, const char *msg)
{
	struct news_event *ev = event_new(n, j->kind, j->tab_key, j->article_url);
	struct job **p;

	ev->picture = xstrdup(j->picture);
	ev->changed = changed;
	if (changed) {
		unread_forget(n);
		n->unindexed = -1;
	}
	for (size_t i = 0; changed && j->tab_key != NULL && i < n->ntabs; i++)
		if (strcmp(n->tabs[i].key, j->tab_key) == 0)
			n->tabs[i].fetched = store_tab_fetched(n->store, j->tab_key);
	if (msg != NULL) {
		ev->ok = 0;
		snprintf(ev->msg, sizeof ev->msg, "%s", msg);
	} else if (n->notice[0] != '\0') {
		snprintf(ev->msg, sizeof ev->msg, "%s", n->notice);
	}
	for (p = &n->jobs; *p != NULL; p = &(*p)->next)
		if (*p == j) {
			*p = j->next;
			break;
		}
	job_free(j);
}

/* Sends the request for the job's page, with the cached copy's validators
 * for a conditional GET. */
static void
job_fetch(struct news *n, struct job *j, const char *url)
{
	struct store_page cached = { 0 };
	char *fetch = site_fetch_url(n->site, url);

	xfree_set(&j->url, xstrdup(url));
	j->req = net_req_new(fetch);
	free(fetch);
	/* a feed's page is kept as its validators only: ask for "not
	 * modified" only when its items are in the store */
	if (store_get_page(n->store, url, &cached, NULL) == 0 &&
	    (cached.body != NULL || j->tab_fetched > 0)) {
		j->req->etag = xstrdup(cached.etag);
		j->req->last_modified = xstrdup(cached.last_modified);
	}
	store_page_free(&cached);
	j->req->user = j;
	net_add(n->net, j->req);
}

/* The job's page as UTF-8 once its request is done: new bytes (converted
 * and stored before anything else), or the cached copy after a 304 or a
 * failure (with a notice saying so).  *fresh: new bytes came. */
static int
job_page(struct news *n, struct job *j, char **body, size_t *len, int *fresh,
         struct err *e)
{
	struct net_req *r = j->req;
	struct store_page cached = { 0 }, p = { 0 };
	char cs[64], when[17];
	int miss, rc = -1;

	*fresh = 0;
	if (r->result == NET_OK) {
		charset_detect(r->body, r->len, r->content_type, cs, sizeof cs);
		p.url = j->url;
		p.content_type = r->content_type;
		p.etag = r->etag_out;
		p.last_modified = r->last_modified_out;
		p.fetched = (int64_t)time(NULL);
		if (charset_to_utf8(r->body, r->len, cs, body, len, e) < 0)
			return -1;
		/* a feed's items are stored whole: its raw page is not needed */
		p.body = j->tab_kind == TAB_FEED ? NULL : *body;
		p.len = p.body != NULL ? *len : 0;
		if (store_put_page(n->store, &p, e) < 0) {
			free(*body);
			*body = NULL;
			return -1;
		}
		*fresh = 1;
		return 0;
	}
	miss = store_get_page(n->store, j->url, &cached, e);
	if (miss < 0)
		return -1;
	if (miss || (cached.body == NULL && j->tab_fetched == 0)) {
		err_set(e, "%s", r->result == NET_CANCELLED ? _("cancelled") :
		        r->error[0] ? r->error : _("fetch failed"));
		goto out;
	}
	if (r->result != NET_NOT_MODIFIED) {
		time_ymdhm_local(cached.fetched, when);
		notice(n, _("%s; showing the copy cached at %s"),
		       r->error[0] ? r->error : _("fetch failed"), when);
	}
	*body = cached.body;
	*len = cached.len;
	cached.body = NULL;
	rc = 0;
out:
	store_page_free(&cached);
	return rc;
}

static int
store_channels(struct news *n, struct job *j, const char *body, size_t len,
               struct err *e)
{
	const char *url = j->url;
	struct channel_list ch = { 0 };
	struct store_tab *v = NULL;
	size_t nv = 0;
	int rc = -1, found;

	found = site_channels(n->site, body, len, url, &ch, e);
	if (found < 0)
		goto out;
	if (found == 0) {
		/* a portal or maintenance page: keep the tabs we have */
		err_set(e, _("%s holds no channels (not the site's page?); the cached tabs are kept"),
		        url);
		goto out;
	}
	v = xcalloc(ch.n + SITE_NSPECIAL, sizeof *v);
	for (size_t i = 0; i < ch.n; i++) {
		v[nv].key = xasprintf("ch:%s", ch.v[i].url);
		v[nv].label = xstrdup(ch.v[i].label);
		v[nv].url = xstrdup(ch.v[i].url);
		v[nv++].kind = TAB_CHANNEL;
	}
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		int sp = kinds[k].special;

		if (sp < 0 || !site_has_special(n->site, sp))
			continue;
		v[nv].key = xstrdup(kinds[k].pub.key);
		v[nv].label = xstrdup(site_special_label(n->site, sp));
		v[nv].url = site_special_url(n->site, sp);
		v[nv++].kind = (int)k;
	}
	if (store_put_tabs(n->store, site_name(n->site), v, nv, e) < 0)
		goto out;
	rc = load_tabs(n, e);
out:
	store_tabs_free(v, nv);
	channel_list_free(&ch);
	return rc;
}

/* A feed: its items become the tab's list, and the articles it carries
 * are stored whole, so they read offline at once. */
static int
store_feed(struct news *n, struct job *j, const char *body, size_t len,
           struct err *e)
{
	struct feed f;
	int rc = -1;

	if (feed_parse(body, len, j->url, &f, e) < 0)
		return -1;
	if (f.warning[0] != '\0')
		notice(n, "%s: %s", j->url, f.warning);
	for (size_t i = 0; i < f.narticles; i++) {
		xfree_set(&f.articles[i].source, xstrdup(f.title));
		/* the summary is the body's text: the body keeps it once */
		if (i < f.items.n && f.articles[i].body_html != NULL &&
		    strcmp(f.articles[i].url, f.items.v[i].url) == 0)
			xfree_set(&f.items.v[i].summary, NULL);
	}
	if (store_put_articles(n->store, f.articles, f.narticles, e) < 0 ||
	    store_put_list(n->store, j->tab_key, &f.items, LIST_HEAD, e) < 0)
		goto out;
	rc = 0;
	for (size_t i = 0; i < n->nfeeds; i++)
		if (strcmp(n->feeds[i].url, j->url) == 0 && n->feeds[i].label == NULL &&
		    f.title != NULL)
			rc = put_feed_tabs(n, j->url, f.title, e) < 0 ? -1 :
			     load_tabs(n, e);
out:
	feed_free(&f);
	return rc;
}

static int
store_list_page(struct news *n, struct job *j, const char *body, size_t len,
                struct err *e)
{
	struct item_list l = { 0 };
	const struct kind *k = kind_of(j->tab_kind);
	int sp = k->special, page1 = job_types[j->kind].flags & JT_PAGE1, rc;

	if (sp >= 0)
		rc = site_special(n->site, sp, body, len, j->url, &l, e);
	else
		rc = site_list(n->site, body, len, j->url, &l, e);
	/* a page that lists nothing but points on (an e-paper's front page
	 * sending the reader to today's edition): follow it */
	if (rc == 0 && l.n == 0 && l.next_url != NULL && j->pages < MAX_LIST_HOPS) {
		j->pages++;
		net_req_free(j->req);
		j->req = NULL;
		job_fetch(n, j, l.next_url);
		item_list_free(&l);
		return 1;
	}
	if (rc == 0 && l.n == 0 && page1) {
		/* not the list we know (a portal, a maintenance page): never
		 * replace a cached list by nothing */
		rc = err_set(e, _("%s holds no articles (not the site's page?); the cached list is kept"),
		             j->url);
	}
	if (rc == 0)
		rc = store_put_list(n->store, j->tab_key, &l, page1 || k->mode == LIST_REPLACE ?
		                    k->mode : LIST_APPEND, e);
	item_list_free(&l);
	return rc;
}

/* A page of a tab's list is in: stored as its kind says.  A page 1 that
 * came from the cache (a 304, or the network down) holds nothing new. */
static int
store_tab_page(struct news *n, struct job *j, const char *body, size_t len,
               struct err *e)
{
	const struct kind *k = kind_of(j->tab_kind);

	if ((job_types[j->kind].flags & JT_PAGE1) && !j->fresh && j->tab_fetched > 0)
		return 2;
	return k->page != NULL ? k->page(n, j, body, len, e) : 2;
}

/* An article page: by the profile for the site's own article pages, by
 * the generic extractor for anything else (or when the profile fails). */
static int
read_article(struct news *n, const char *body, size_t len, const char *url,
             struct article *a, struct err *e)
{
	struct err ignored;

	if (site_owns(n->site, url) &&
	    site_article(n->site, body, len, url, a, &ignored) == 0)
		return 0;
	article_free(a);
	return extract_article(body, len, url, a, e);
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
		if (part.next_page != NULL && j->pages < MAX_ARTICLE_PAGES) {
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

/* A picture is in: its file is kept as it came, or the reason it cannot
 * be, so it is not fetched again and again.  A failure that may pass (a
 * timeout, a server error) is kept nowhere. */
static int
picture_page(struct news *n, struct job *j, const char *body, size_t len,
             struct err *e)
{
	struct net_req *r = j->req;
	struct store_image im = { .url = j->picture, .content_type = r->content_type };
	char why[sizeof r->error + 64];

	if (r->result != NET_OK && !(r->result == NET_ERR && r->permanent))
		return err_set(e, "%s", r->result == NET_CANCELLED ? _("cancelled") :
		               r->error[0] ? r->error : _("fetch failed"));
	if (r->result != NET_OK)
		snprintf(why, sizeof why, "(%s)", r->error);
	else if (len > IMAGE_MAX_BYTES)
		snprintf(why, sizeof why, _("(not shown: %zu KiB, more than %u MiB)"),
		         len >> 10, IMAGE_MAX_BYTES >> 20);
	else if (image_sniff(body, len) == NULL)
		snprintf(why, sizeof why, "(%s)", _("not a picture gxnews can show"));
	else
		why[0] = '\0';
	if (why[0] != '\0') {
		im.error = why;
	} else {
		im.data = (char *)body;
		im.len = len;
	}
	return store_put_image(n->store, j->article_url, &im, e);
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
		rc = job_types[j->kind].done(n, j, j->req->body, j->req->len, &e);
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
	return site_channels_url(n->site);
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

void
news_start(struct news *n, enum news_job kind, size_t tab, const char *url)
{
	const struct job_type *jt = &job_types[kind];
	struct job *j;
	char *first;

	if ((jt->flags & JT_TAB) && tab >= n->ntabs)
		return;
	if (job_find(n, kind, jt->flags & JT_TAB ? n->tabs[tab].key : NULL, url) != NULL)
		return;
	j = xcalloc(1, sizeof *j);
	j->kind = kind;
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
		return;
	}
	if (n->offline) {
		job_end(n, j, 0, jt->flags & JT_ARTICLE ?
		        _("offline, and this article is not in the cache") : NULL);
		return;
	}
	first = jt->first(n, j, tab, url);
	if (first == NULL) {
		job_end(n, j, 0, NULL);     /* nothing (more) to fetch */
		return;
	}
	job_fetch(n, j, first);
	free(first);
}

/* Fetches a picture of an article in the background, once. */
static void
start_picture(struct news *n, const char *article_url, const char *url)
{
	struct job *j;

	if (job_find(n, JOB_PICTURE, NULL, url) != NULL)
		return;
	j = xcalloc(1, sizeof *j);
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
	case 0:
		if (im.data == NULL)
			k->img_note = xstrdup(im.error ? im.error : "");
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

int
news_article_pictures(struct news *n, const char *article_url,
                      struct rblocks *b, struct image *pics)
{
	int coming = 0;

	for (size_t i = 0; n->images != IMAGE_OFF && i < b->n; i++) {
		if (b->v[i].kind != RB_IMAGE || b->v[i].src == NULL)
			continue;
		if (pics != NULL)
			image_free(&pics[i]);
		coming += block_picture(n, article_url, &b->v[i],
		                        pics != NULL ? &pics[i] : NULL);
	}
	return coming;
}

int
news_fetch_pictures(struct news *n, const char *article_url)
{
	struct article a = { .comments = -1 };
	struct rblocks b = { 0 };
	int coming = 0;

	if (n->images != IMAGE_OFF && store_get_article(n->store, article_url, &a, NULL) == 0 &&
	    a.body_html != NULL &&
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
		    site_list(n->site, p.body, p.len, url, &l, NULL) == 0 &&
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
		rc = err_set(e, "%s", im.error ? im.error : "");
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

	if (n->net == NULL || n->jobs == NULL)
		return 0;
	net_run(n->net, timeout_ms);
	while ((r = net_done(n->net)) != NULL)
		job_done(n, r->user);
	for (struct job *j = n->jobs; j != NULL; j = j->next)
		running++;
	return running;
}

void
news_cancel(struct news *n)
{
	if (n->net == NULL)
		return;
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

	news_start(n, kind, tab, url);
	while (job_running(n, kind, key, url))
		news_poll(n, 200);
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
	if (n->offline)
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
search(struct news *n, struct item_list *out, struct err *e)
{
	char *forms[ZH_MAX_FORMS];
	size_t nforms = zh_query_forms(n->zh, typed_script(n), n->search, forms);
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
	(void)t;
	return search(n, out, e);
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
	for (size_t i = 0; n->script != ZH_SIMPLIFIED && i < out->n; i++) {
		zh_convert_in_place(n->zh, n->script, &out->v[i].title);
		zh_convert_in_place(n->zh, n->script, &out->v[i].summary);
	}
	return 0;
}

static void
convert_article(struct news *n, struct article *a)
{
	char **fields[] = { &a->title, &a->time_text, &a->source, &a->author,
	                    &a->editor };

	for (size_t i = 0; n->script != ZH_SIMPLIFIED && i < ARRAY_LEN(fields); i++)
		zh_convert_in_place(n->zh, n->script, fields[i]);
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

	if (render_blocks(html, strlen(html), a->url, out, e) < 0)
		return -1;
	for (size_t i = 0; n->script != ZH_SIMPLIFIED && i < out->n; i++)
		zh_convert_in_place(n->zh, n->script, &out->v[i].text);
	return 0;
}

int
news_vacuum(struct news *n, int max_age_days, int64_t max_bytes, struct err *e)
{
	unread_forget(n);
	return store_vacuum(n->store, max_age_days, max_bytes, e);
}

int
news_set_read(struct news *n, const char *url, int read, struct err *e)
{
	unread_forget(n);
	return store_set_read(n->store, url, read, e);
}

int
news_set_starred(struct news *n, const char *url, int starred, struct err *e)
{
	unread_forget(n);
	return store_set_starred(n->store, url, starred, e);
}

/* ---- the search index -------------------------------------------------- */

static int64_t
mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

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
		left = store_index(n->store, INDEX_STEP, e);
		if (left < 0) {
			n->unindexed = 0;       /* a read-only cache: try again after a change */
			return -1;
		}
		n->unindexed = left;
	} while (left > 0 && (budget_ms <= 0 || mono_ms() < until));
	return left;
}
