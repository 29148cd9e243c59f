/* news.c: the model: tabs, lists, refresh (net -> parse -> store), read
 * state, falling back to the cache when the network fails. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charset.h"
#include "net.h"
#include "news.h"
#include "site.h"

#define MAX_ARTICLE_PAGES 30

struct news {
	struct site *site;
	struct store *store;
	struct net *net;
	int offline;
	struct store_tab *tabs;
	size_t ntabs;
	char notice[512];
};

static const int special_kind[SITE_NSPECIAL] = {
	[SITE_RANK_ALL] = TAB_RANK_ALL,
	[SITE_RANK_MONTH] = TAB_RANK_MONTH,
	[SITE_PICKS] = TAB_PICKS,
};
static const char *const special_key[SITE_NSPECIAL] = {
	[SITE_RANK_ALL] = "rank-all",
	[SITE_RANK_MONTH] = "rank-month",
	[SITE_PICKS] = "picks",
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

static int
load_tabs(struct news *n, struct err *e)
{
	store_tabs_free(n->tabs, n->ntabs);
	n->tabs = NULL;
	n->ntabs = 0;
	return store_get_tabs(n->store, site_name(n->site), &n->tabs, &n->ntabs, e);
}

int
news_open(struct news **out, const struct news_opts *o, struct err *e)
{
	struct news *n = xcalloc(1, sizeof *n);
	struct net_opts no;

	n->offline = o->offline;
	if (site_load(&n->site, o->profile, e) < 0)
		goto fail;
	site_set_mirror(n->site, o->mirror);
	if (store_open(&n->store, o->cache, e) < 0)
		goto fail;
	if (store_notice(n->store) != NULL)
		notice(n, "%s", store_notice(n->store));
	net_opts_default(&no);
	no.allow_file = o->mirror != NULL && str_starts(o->mirror, "file://");
	if (!n->offline && net_new(&n->net, &no, e) < 0)
		goto fail;
	if (load_tabs(n, e) < 0)
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
	store_tabs_free(n->tabs, n->ntabs);
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
		    strcmp(n->tabs[i].key, name) == 0)
			return (long)i;
	return -1;
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

/* A page of the site, as UTF-8: fetched (conditionally) and stored, or
 * from the cache when offline or when the network fails.  *fresh tells
 * whether new bytes came (0 for a 304 or a cached copy). */
static int
get_page(struct news *n, const char *url, char **body, size_t *len,
         int *fresh, struct err *e)
{
	struct store_page cached = { 0 };
	struct net_req *r = NULL;
	char cs[64];
	int miss, rc = -1;

	*fresh = 0;
	miss = store_get_page(n->store, url, &cached, e);
	if (miss < 0)
		return -1;
	if (n->offline) {
		if (miss) {
			err_set(e, _("offline, and %s is not in the cache"), url);
			goto out;
		}
		goto use_cache;
	}
	r = net_req_new(site_fetch_url(n->site, url));
	if (!miss) {
		r->etag = xstrdup(cached.etag);
		r->last_modified = xstrdup(cached.last_modified);
	}
	net_fetch(n->net, r);
	if (r->result == NET_NOT_MODIFIED && !miss)
		goto use_cache;
	if (r->result != NET_OK) {
		if (miss) {
			err_set(e, "%s", r->error[0] ? r->error : _("fetch failed"));
			goto out;
		}
		char when[17];
		time_ymdhm(cached.fetched, when);
		notice(n, _("%s; showing the copy cached at %s"), r->error, when);
		goto use_cache;
	}
	charset_detect(r->body, r->len, r->content_type, cs, sizeof cs);
	struct store_page p = { .url = (char *)url, .content_type = r->content_type,
	                        .etag = r->etag_out, .last_modified = r->last_modified_out,
	                        .fetched = (int64_t)time(NULL) };
	if (charset_to_utf8(r->body, r->len, cs, &p.body, &p.len, e) < 0)
		goto out;
	if (store_put_page(n->store, &p, e) < 0) {
		free(p.body);
		goto out;
	}
	*body = p.body;
	*len = p.len;
	*fresh = 1;
	rc = 0;
	goto out;
use_cache:
	*body = cached.body;
	*len = cached.len;
	cached.body = NULL;
	rc = 0;
out:
	if (r != NULL)
		net_req_free(r);
	store_page_free(&cached);
	return rc;
}

int
news_refresh_tabs(struct news *n, struct err *e)
{
	struct channel_list ch = { 0 };
	struct store_tab *v = NULL;
	size_t nv = 0;
	char *url = site_channels_url(n->site), *body = NULL;
	size_t len;
	int fresh, rc = -1;

	if (url == NULL)
		return err_set(e, _("the site profile names no channel page"));
	if (get_page(n, url, &body, &len, &fresh, e) < 0)
		goto out;
	if (site_channels(n->site, body, len, url, &ch, e) < 0)
		goto out;
	v = xcalloc(ch.n + SITE_NSPECIAL, sizeof *v);
	for (size_t i = 0; i < ch.n; i++) {
		v[nv].key = xasprintf("ch:%s", ch.v[i].url);
		v[nv].label = xstrdup(ch.v[i].label);
		v[nv].url = xstrdup(ch.v[i].url);
		v[nv++].kind = TAB_CHANNEL;
	}
	for (int k = 0; k < SITE_NSPECIAL; k++) {
		if (!site_has_special(n->site, k))
			continue;
		v[nv].key = xstrdup(special_key[k]);
		v[nv].label = xstrdup(site_special_label(n->site, k));
		v[nv].url = site_special_url(n->site, k);
		v[nv++].kind = special_kind[k];
	}
	if (store_put_tabs(n->store, site_name(n->site), v, nv, e) < 0)
		goto out;
	rc = load_tabs(n, e);
out:
	store_tabs_free(v, nv);
	channel_list_free(&ch);
	free(body);
	free(url);
	return rc;
}

static int
special_of(int kind)
{
	for (int k = 0; k < SITE_NSPECIAL; k++)
		if (special_kind[k] == kind)
			return k;
	return -1;
}

/* Fetches one list page of a tab and stores its items. */
static int
fetch_list_page(struct news *n, const struct store_tab *t, const char *url,
                int mode, struct err *e)
{
	struct item_list l = { 0 };
	char *body = NULL;
	size_t len;
	int fresh, rc = -1, sp = special_of(t->kind);

	if (get_page(n, url, &body, &len, &fresh, e) < 0)
		goto out;
	if (!fresh && t->fetched > 0) {     /* 304 or cache: nothing new */
		rc = 0;
		goto out;
	}
	if (sp >= 0)
		rc = site_special(n->site, sp, body, len, url, &l, e);
	else
		rc = site_list(n->site, body, len, url, &l, e);
	if (rc == 0)
		rc = store_put_list(n->store, t->key, &l,
		                    sp >= 0 ? LIST_REPLACE : mode, e);
out:
	item_list_free(&l);
	free(body);
	return rc;
}

int
news_refresh_list(struct news *n, size_t tab, struct err *e)
{
	if (tab >= n->ntabs)
		return err_set(e, _("no such tab"));
	if (n->tabs[tab].url == NULL)
		return 0;
	return fetch_list_page(n, &n->tabs[tab], n->tabs[tab].url, LIST_HEAD, e);
}

int
news_load_more(struct news *n, size_t tab, struct err *e)
{
	struct item_list l = { 0 };
	int rc;

	if (tab >= n->ntabs)
		return err_set(e, _("no such tab"));
	if (store_get_list(n->store, n->tabs[tab].key, &l, e) < 0)
		return -1;
	if (l.next_url == NULL) {
		item_list_free(&l);
		return 1;
	}
	rc = fetch_list_page(n, &n->tabs[tab], l.next_url, LIST_APPEND, e);
	item_list_free(&l);
	return rc;
}

int
news_get_list(struct news *n, size_t tab, struct item_list *out,
              struct err *e)
{
	if (tab >= n->ntabs)
		return err_set(e, _("no such tab"));
	return store_get_list(n->store, n->tabs[tab].key, out, e);
}

/* Fetches every page of an article and joins their bodies. */
static int
fetch_article(struct news *n, const char *url, struct article *a,
              struct err *e)
{
	char *page = xstrdup(url);
	struct buf body;
	int rc = -1;

	buf_init(&body, 0);
	for (int i = 0; page != NULL && i < MAX_ARTICLE_PAGES; i++) {
		struct article part = { .comments = -1 };
		char *html = NULL;
		size_t len;
		int fresh;

		if (get_page(n, page, &html, &len, &fresh, e) < 0 ||
		    site_article(n->site, html, len, page, &part, e) < 0) {
			free(html);
			article_free(&part);
			if (i == 0)
				goto out;
			break;      /* keep the pages we have */
		}
		free(html);
		if (i == 0) {
			article_copy(a, &part);
			xfree_set(&a->url, xstrdup(url));
		}
		buf_adds(&body, part.body_html ? part.body_html : "");
		xfree_set(&page, part.next_page ? xstrdup(part.next_page) : NULL);
		article_free(&part);
	}
	xfree_set(&a->next_page, NULL);
	xfree_set(&a->body_html, buf_steal(&body, NULL));
	rc = store_put_article(n->store, a, e);
out:
	free(page);
	buf_free(&body);
	return rc;
}

int
news_get_article(struct news *n, const char *url, struct article *out,
                 struct err *e)
{
	int rc = store_get_article(n->store, url, out, e);

	if (rc < 0)
		return -1;
	if (rc == 0 && out->body_html != NULL)
		return 0;
	if (n->offline) {
		article_free(out);
		return err_set(e, _("offline, and this article is not in the cache"));
	}
	article_free(out);
	if (fetch_article(n, url, out, e) < 0) {
		article_free(out);
		return -1;
	}
	article_free(out);
	return store_get_article(n->store, url, out, e) == 0 ? 0 :
	       err_set(e, _("the cache lost %s"), url);
}

int
news_set_read(struct news *n, const char *url, int read, struct err *e)
{
	return store_set_read(n->store, url, read, e);
}

int
news_set_starred(struct news *n, const char *url, int starred, struct err *e)
{
	return store_set_starred(n->store, url, starred, e);
}
