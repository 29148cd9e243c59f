/* net.c: fetching with libcurl multi, the only file that includes curl.
 *
 * Requests wait in our own queue until a slot is free (max_total at once,
 * max_per_host to one host), for a retry until their backoff is over, and
 * to a host that failed until it is known to answer again; so net_run()
 * never sleeps longer than it was told, and progress is ours to count.
 * Every request is bounded by its budget, every try by connect and stall
 * limits, redirects, protocols and decoded size.  Failures are put in a
 * user's words; transient ones are retried while the budget lasts, with a
 * growing delay or the server's Retry-After. */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "net.h"
#include "net_curl.h"

#define USER_AGENT "gxnews/" PACKAGE_VERSION " (+terminal news reader)"
#define MIB (1024 * 1024)

#define HOST_PAUSE_DOUBLINGS 5     /* a host's pause grows to 32 times */

enum kind {
	K_OK,
	K_NOT_MODIFIED,
	K_TRANSIENT,    /* retried */
	K_ONCE,         /* not retried, but may work later */
	K_PERMANENT,    /* retrying will not help */
};

struct xlist;

/* A host as this run knows it. */
struct host {
	struct net_host s;      /* what is kept between runs */
	int probing;            /* a request to it is trying: the rest wait */
	int tried;              /* this run: it failed, or its one try after an
	                           earlier run's failure was made */
	int asked, answered;    /* this run */
	int changed;            /* s changed since net_host_changed() */
	struct host *next;
};

struct xfer {
	struct net_req *r;
	CURL *h;
	struct curl_slist *hdrs;
	struct buf body;
	int fd;                 /* the body spooled to a file, or -1 */
	size_t flen;            /* bytes in fd */
	int write_errno;        /* why the body could not be kept */
	char host[256];
	struct host *hs;
	int attempts;           /* transfers made so far */
	int probe;              /* the request its host's verdict waits for */
	int once;               /* one try only (its host failed before) */
	int marked;             /* it made its host fail already */
	int64_t not_before;     /* monotonic ms: a retry waits until then */
	int64_t deadline;       /* monotonic ms: its budget ends, 0: not started */
	int64_t try_start;      /* monotonic ms: this try began */
	int64_t last_byte;      /* monotonic ms: a byte last came, 0: none */
	int over_cap;
	char errbuf[CURL_ERROR_SIZE];
	struct net *net;
	struct xlist *in;
	struct xfer *prev, *next;
};

struct xlist {
	struct xfer *head, *tail;
	int n;
};

struct net {
	CURLM *multi;
	struct net_opts o;
	struct xlist queued, running, done;
	int batch_done, batch_total;
	struct host *hosts;
};

/* What went wrong, in words, whether to try again, and whether it is the
 * host's fault (it did not answer, stalled, broke off, or is busy). */
struct verdict {
	enum kind kind;
	int host;
	char msg[256];
};

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- lists ---------------------------------------------------------- */

static void
xlist_push(struct xlist *l, struct xfer *x)
{
	x->in = l;
	x->prev = l->tail;
	x->next = NULL;
	if (l->tail != NULL)
		l->tail->next = x;
	else
		l->head = x;
	l->tail = x;
	l->n++;
}

static void
xlist_remove(struct xfer *x)
{
	struct xlist *l = x->in;

	if (x->prev != NULL)
		x->prev->next = x->next;
	else
		l->head = x->next;
	if (x->next != NULL)
		x->next->prev = x->prev;
	else
		l->tail = x->prev;
	l->n--;
	x->in = NULL;
	x->prev = x->next = NULL;
}

static void
xlist_move(struct xfer *x, struct xlist *to)
{
	xlist_remove(x);
	xlist_push(to, x);
}

/* ---- requests ------------------------------------------------------- */

struct net_req *
net_req_new(const char *url)
{
	struct net_req *r = xcalloc(1, sizeof *r);

	r->url = xstrdup(url);
	r->fd = -1;
	return r;
}

static void
req_clear_out(struct net_req *r)
{
	xfree_set(&r->body, NULL);
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	xfree_set(&r->content_type, NULL);
	xfree_set(&r->etag_out, NULL);
	xfree_set(&r->last_modified_out, NULL);
	xfree_set(&r->final_url, NULL);
	r->result = NET_PENDING;
	r->status = 0;
	r->permanent = 0;
	r->len = 0;
	r->error[0] = '\0';
}

void
net_req_free(struct net_req *r)
{
	if (r == NULL)
		return;
	req_clear_out(r);
	free(r->url);
	free(r->etag);
	free(r->last_modified);
	free(r);
}

/* ---- setup ---------------------------------------------------------- */

void
net_opts_budget(struct net_opts *o, long budget_ms)
{
	long third;

	o->budget_ms = budget_ms > 0 ? budget_ms : NET_BUDGET_MS;
	third = o->budget_ms / 3;
	o->connect_timeout_ms = third > 1000 ? third : 1000;
	o->stall_ms = third > 1000 ? third : 1000;
}

void
net_opts_default(struct net_opts *o)
{
	memset(o, 0, sizeof *o);
	o->max_total = 8;
	o->max_per_host = 2;
	net_opts_budget(o, NET_BUDGET_MS);
	o->low_speed_limit = 100;
	o->tries = 3;
	o->max_bytes = 32 * MIB;
	o->max_redirects = 5;
	o->backoff_ms = 1000;
	o->host_pause_ms = 60000;
	o->max_retry_after_s = 3600;
}

/* Every request is bounded: a limit left at 0 takes its default. */
static void
opts_sane(struct net_opts *o)
{
	struct net_opts d;

	net_opts_default(&d);
	if (o->max_total < 1)
		o->max_total = d.max_total;
	if (o->max_per_host < 1)
		o->max_per_host = d.max_per_host;
	if (o->budget_ms <= 0)
		o->budget_ms = d.budget_ms;
	if (o->connect_timeout_ms <= 0)
		o->connect_timeout_ms = d.connect_timeout_ms;
	if (o->stall_ms <= 0)
		o->stall_ms = d.stall_ms;
	if (o->low_speed_limit <= 0)
		o->low_speed_limit = d.low_speed_limit;
	if (o->max_bytes == 0)
		o->max_bytes = d.max_bytes;
	if (o->max_redirects < 0)
		o->max_redirects = 0;
	if (o->tries < 1)
		o->tries = 1;
	if (o->backoff_ms < 0)
		o->backoff_ms = d.backoff_ms;
	if (o->host_pause_ms < 0)
		o->host_pause_ms = d.host_pause_ms;
	if (o->max_retry_after_s <= 0)
		o->max_retry_after_s = d.max_retry_after_s;
	if (o->user_agent == NULL)
		o->user_agent = USER_AGENT;
}

int
net_new(struct net **out, const struct net_opts *o, struct err *e)
{
	static int curl_ready;
	struct net *n;
	const char *why;

	if (!curl_ready) {
		if ((why = net_curl_error()) != NULL)
			return err_set(e, _("cannot start the network library: %s"), why);
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return err_set(e, _("cannot start the network library"));
		curl_ready = 1;
	}
	n = xcalloc(1, sizeof *n);
	if (o != NULL)
		n->o = *o;
	else
		net_opts_default(&n->o);
	opts_sane(&n->o);
	n->multi = curl_multi_init();
	if (n->multi == NULL) {
		free(n);
		return err_set(e, _("cannot start the network library"));
	}
	/* Our queue keeps the limits; these only back it up. */
	curl_multi_setopt(n->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	                  (long)n->o.max_total);
	curl_multi_setopt(n->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	                  (long)n->o.max_per_host);
	*out = n;
	return 0;
}

/* ---- hosts ---------------------------------------------------------- */

static struct host *
host_get(struct net *n, const char *name)
{
	struct host *h;

	for (h = n->hosts; h != NULL; h = h->next)
		if (strcmp(h->s.name, name) == 0)
			return h;
	h = xcalloc(1, sizeof *h);
	snprintf(h->s.name, sizeof h->s.name, "%s", name);
	h->next = n->hosts;
	n->hosts = h;
	return h;
}

void
net_host_restore(struct net *n, const struct net_host *s)
{
	struct host *h = host_get(n, s->name);

	h->s = *s;
}

int
net_host_changed(struct net *n, struct net_host *out)
{
	for (struct host *h = n->hosts; h != NULL; h = h->next) {
		if (!h->changed)
			continue;
		h->changed = 0;
		*out = h->s;
		return 1;
	}
	return 0;
}

int
net_host_failing(const struct net *n, const char *name, struct net_host *out)
{
	for (const struct host *h = n->hosts; h != NULL; h = h->next)
		if (strcmp(h->s.name, name) == 0 && h->s.fails > 0) {
			*out = h->s;
			return 1;
		}
	return 0;
}

void
net_hosts_seen(const struct net *n, int *asked, int *answered)
{
	*asked = *answered = 0;
	for (const struct host *h = n->hosts; h != NULL; h = h->next) {
		*asked += h->asked;
		*answered += h->answered;
	}
}

static void
host_answered(struct host *h)
{
	h->asked = h->answered = 1;
	if (h->s.fails == 0)
		return;
	h->s.fails = 0;
	h->s.retry_at = 0;
	h->s.told = 0;
	h->s.error[0] = '\0';
	h->changed = 1;
}

/* A try failed by the host's fault: it is paused (longer each time it
 * fails again), or for as long as it asked (capped). */
static void
host_failed(struct net *n, struct xfer *x, const struct verdict *v, long after_s)
{
	struct host *h = x->hs;
	int64_t now = (int64_t)time(NULL);
	int doublings;
	long pause;

	if (!x->marked)
		h->s.fails++;
	x->marked = 1;
	doublings = h->s.fails - 1 < HOST_PAUSE_DOUBLINGS ? h->s.fails - 1
	                                                  : HOST_PAUSE_DOUBLINGS;
	pause = (n->o.host_pause_ms << doublings) / 1000;
	if (after_s > 0)
		pause = after_s < n->o.max_retry_after_s ? after_s : n->o.max_retry_after_s;
	h->s.told = after_s > 0;
	h->s.failed_at = now;
	h->s.retry_at = now + pause;
	snprintf(h->s.error, sizeof h->s.error, "%s", v->msg);
	h->asked = h->tried = h->changed = 1;
}

/* ---- finishing ------------------------------------------------------ */

static void
xfer_release(struct net *n, struct xfer *x)
{
	if (x->h != NULL) {
		curl_multi_remove_handle(n->multi, x->h);
		curl_easy_cleanup(x->h);
		x->h = NULL;
	}
	curl_slist_free_all(x->hdrs);
	x->hdrs = NULL;
}

static void
spool_close(struct xfer *x)
{
	if (x->fd >= 0)
		close(x->fd);
	x->fd = -1;
	x->flen = 0;
}

static void
finish(struct net *n, struct xfer *x, enum net_result result)
{
	if (x->probe && x->hs != NULL)
		x->hs->probing--;
	x->probe = 0;
	x->r->result = result;
	if (result == NET_OK && x->fd >= 0) {
		x->r->fd = x->fd;
		x->r->len = x->flen;
		x->fd = -1;
	} else if (result == NET_OK) {
		x->r->body = buf_steal(&x->body, &x->r->len);
	}
	spool_close(x);
	buf_free(&x->body);
	xfer_release(n, x);
	if (x->in != NULL)
		xlist_remove(x);
	xlist_push(&n->done, x);
	n->batch_done++;
}

static void
fail(struct net *n, struct xfer *x, int permanent, const char *msg)
{
	snprintf(x->r->error, sizeof x->r->error, "%.*s",
	         (int)sizeof x->r->error - 1, msg);
	x->r->permanent = permanent;
	finish(n, x, NET_ERR);
}

/* ---- starting ------------------------------------------------------- */

/* An unlinked temporary file in dir ($TMPDIR, /tmp), or -1. */
static int
spool_open(const char *dir)
{
	char *path;
	int fd;

	if (dir == NULL)
		dir = !str_empty(getenv("TMPDIR")) ? getenv("TMPDIR") : "/tmp";
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
#endif
	path = xasprintf("%s/gxnews-page.XXXXXX", dir);
	fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	free(path);
	return fd;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Keeps len more bytes of the body in its file (opened when the body grows
 * past NET_SPOOL_BYTES, with what memory held so far). */
static int
spool_add(struct net *n, struct xfer *x, const char *p, size_t len)
{
	if (x->fd < 0) {
		x->fd = spool_open(n->o.spool_dir);
		if (x->fd < 0 || write_all(x->fd, x->body.data, x->body.len) < 0) {
			x->write_errno = errno;
			return -1;
		}
		x->flen = x->body.len;
		buf_free(&x->body);
		buf_init(&x->body, n->o.max_bytes);
	}
	if (write_all(x->fd, p, len) < 0) {
		x->write_errno = errno;
		return -1;
	}
	x->flen += len;
	return 0;
}

static size_t
on_body(char *p, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	struct net *n = x->net;
	size_t len = size * nmemb, have = x->fd >= 0 ? x->flen : x->body.len;
	long code = 0;

	x->last_byte = now_ms();
	/* Error pages are not kept. */
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 300)
		return len;
	if (len > n->o.max_bytes || have > n->o.max_bytes - len) {
		x->over_cap = 1;
		return 0;
	}
	if (x->r->spool && have + len > NET_SPOOL_BYTES)
		return spool_add(n, x, p, len) < 0 ? 0 : len;
	if (buf_add(&x->body, p, len) < 0) {
		x->over_cap = 1;
		return 0;
	}
	return len;
}

static size_t
on_header(char *p, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;

	(void)p;
	x->last_byte = now_ms();
	return size * nmemb;
}

static void
add_header(struct xfer *x, const char *name, const char *value)
{
	char *line;

	if (str_empty(value))
		return;
	line = xasprintf("%s: %s", name, value);
	x->hdrs = curl_slist_append(x->hdrs, line);
	free(line);
}

static long
secs(long ms)
{
	return (ms + 999) / 1000;
}

static void
easy_setup(struct net *n, struct xfer *x)
{
	const struct net_opts *o = &n->o;
	CURL *h = x->h;

	curl_easy_setopt(h, CURLOPT_URL, x->r->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, o->user_agent);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)o->max_redirects);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR,
	                 o->allow_file ? "http,https,file" : "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	/* what is left of the budget bounds this try */
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(x->deadline - x->try_start));
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_limit);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, secs(o->stall_ms));
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	add_header(x, "If-None-Match", x->r->etag);
	add_header(x, "If-Modified-Since", x->r->last_modified);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->hdrs);
}

static int
xfer_start(struct net *n, struct xfer *x)
{
	x->h = curl_easy_init();
	if (x->h == NULL)
		return -1;
	buf_init(&x->body, n->o.max_bytes);
	spool_close(x);
	x->over_cap = 0;
	x->write_errno = 0;
	x->errbuf[0] = '\0';
	x->attempts++;
	x->try_start = now_ms();
	x->last_byte = 0;
	if (x->deadline == 0)
		x->deadline = x->try_start + (x->r->budget_ms > 0 ? x->r->budget_ms
		                                                   : n->o.budget_ms);
	if (x->deadline <= x->try_start)
		x->deadline = x->try_start + 1;
	easy_setup(n, x);
	if (curl_multi_add_handle(n->multi, x->h) != CURLM_OK)
		return -1;
	return 0;
}

static int
host_running(const struct net *n, const char *host)
{
	const struct xfer *x;
	int k = 0;

	for (x = n->running.head; x != NULL; x = x->next)
		k += strcmp(x->host, host) == 0;
	return k;
}

/* A request to a host that failed in this run and is paused: it fails at
 * once with the host's error. */
static void
fail_paused(struct net *n, struct xfer *x)
{
	const struct host *h = x->hs;
	int64_t now = (int64_t)time(NULL);
	char msg[sizeof x->r->error], ago[64];

	if (now - h->s.failed_at < 10) {
		snprintf(msg, sizeof msg, "%s", h->s.error);
	} else {
		time_ago(h->s.failed_at, now, ago, sizeof ago);
		snprintf(msg, sizeof msg, _("%s (%s; not asked again for %ld s)"),
		         h->s.error, ago, (long)(h->s.retry_at - now));
	}
	x->r->host_down = 1;
	fail(n, x, 0, msg);
}

/* Whether x may go to its host now: 1 go, 0 wait, -1 failed at once.
 * While a host is failing, one request tries it (the probe, one try if the
 * failure is an earlier run's) and the others wait for its verdict. */
static int
host_admits(struct net *n, struct xfer *x)
{
	struct host *h = x->hs;

	if (host_running(n, x->host) >= n->o.max_per_host)
		return 0;
	if (h == NULL || h->s.fails == 0 || x->probe)
		return 1;
	if (h->probing > 0)
		return 0;
	if ((h->tried || h->s.told) && (int64_t)time(NULL) < h->s.retry_at) {
		fail_paused(n, x);
		return -1;
	}
	x->once = !h->tried;
	h->probing++;
	h->tried = 1;
	x->probe = 1;
	return 1;
}

/* Moves what may start now from the queue to the transfers. */
static void
start_ready(struct net *n)
{
	struct xfer *x, *next;
	int64_t now = now_ms();

	for (x = n->queued.head; x != NULL && n->running.n < n->o.max_total;
	     x = next) {
		next = x->next;
		if (x->not_before > now || host_admits(n, x) <= 0)
			continue;
		xlist_move(x, &n->running);
		if (xfer_start(n, x) < 0)
			fail(n, x, 0, _("cannot start a transfer"));
	}
}

/* ---- adding --------------------------------------------------------- */

/* Host and scheme of a URL we are willing to fetch; 0 or a reason. */
static const char *
url_check(const struct net *n, const char *url, char *host, size_t hostsz)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *h = NULL;
	const char *why = NULL;
	size_t i;

	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		why = N_("not a web address: %s");
		goto out;
	}
	if (strcmp(scheme, "file") == 0 && !n->o.allow_file)
		why = N_("file: addresses are not allowed here: %s");
	else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0 &&
	         strcmp(scheme, "file") != 0)
		why = N_("only http and https addresses can be fetched: %s");
	host[0] = '\0';
	if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK)
		snprintf(host, hostsz, "%s", h);
	for (i = 0; host[i] != '\0'; i++)
		host[i] = (char)(host[i] >= 'A' && host[i] <= 'Z' ? host[i] + 32 : host[i]);
out:
	curl_free(scheme);
	curl_free(h);
	curl_url_cleanup(u);
	return why;
}

void
net_add(struct net *n, struct net_req *r)
{
	struct xfer *x = xcalloc(1, sizeof *x);
	const char *why;
	char msg[256];

	req_clear_out(r);
	x->r = r;
	x->net = n;
	x->fd = -1;
	buf_init(&x->body, n->o.max_bytes);
	if (n->queued.n + n->running.n == 0)
		n->batch_done = n->batch_total = 0;
	n->batch_total++;
	why = url_check(n, r->url ? r->url : "", x->host, sizeof x->host);
	if (why != NULL) {
		snprintf(msg, sizeof msg, _(why), r->url ? r->url : "");
		fail(n, x, 1, msg);
		return;
	}
	if (x->host[0] != '\0')
		x->hs = host_get(n, x->host);
	xlist_push(&n->queued, x);
}

/* ---- judging a finished transfer ------------------------------------ */

static const char *
who(const struct xfer *x)
{
	return x->host[0] != '\0' ? x->host : x->r->url;
}

static void
say_timeout(struct net *n, struct xfer *x, struct verdict *v)
{
	curl_off_t connect = 0;
	long code = 0;
	int64_t now = now_ms();
	long budget = x->r->budget_ms > 0 ? x->r->budget_ms : n->o.budget_ms;

	curl_easy_getinfo(x->h, CURLINFO_CONNECT_TIME_T, &connect);
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	if (now + 100 >= x->deadline)
		snprintf(v->msg, sizeof v->msg, _("%s took longer than %ld s"),
		         who(x), secs(budget));
	else if (connect == 0)
		snprintf(v->msg, sizeof v->msg,
		         _("cannot reach %s: no connection within %ld s"),
		         who(x), secs(n->o.connect_timeout_ms));
	else if (x->last_byte == 0)
		snprintf(v->msg, sizeof v->msg, _("%s did not answer within %ld s"),
		         who(x), secs(n->o.stall_ms));
	else if (now - x->last_byte < n->o.stall_ms - 500)
		snprintf(v->msg, sizeof v->msg,
		         _("%s sends too slowly (under %ld bytes/s for %ld s)"),
		         who(x), n->o.low_speed_limit, secs(n->o.stall_ms));
	else
		snprintf(v->msg, sizeof v->msg,
		         _("%s stopped sending the page (stalled for %ld s)"),
		         who(x), secs(n->o.stall_ms));
}

static const struct os_fail {
	int err;
	const char *fmt;
} os_fails[] = {
	{ ECONNREFUSED, N_("cannot reach %s: connection refused") },
	{ EHOSTUNREACH, N_("cannot reach %s: no route to host") },
	{ ENETUNREACH,  N_("cannot reach %s: no network") },
	{ ETIMEDOUT,    N_("cannot reach %s: connection timed out") },
};

static void
say_connect(struct net *n, struct xfer *x, struct verdict *v)
{
	long oserr = 0;
	size_t i;

	(void)n;
	curl_easy_getinfo(x->h, CURLINFO_OS_ERRNO, &oserr);
	for (i = 0; i < ARRAY_LEN(os_fails); i++) {
		if (os_fails[i].err == oserr) {
			snprintf(v->msg, sizeof v->msg, _(os_fails[i].fmt), who(x));
			return;
		}
	}
	snprintf(v->msg, sizeof v->msg, _("cannot reach %s: %s"), who(x),
	         oserr != 0 ? strerror((int)oserr) : x->errbuf);
}

static void
say_redirect(struct net *n, struct xfer *x, struct verdict *v)
{
	char *url = NULL;
	const char *colon;

	(void)n;
	curl_easy_getinfo(x->h, CURLINFO_EFFECTIVE_URL, &url);
	colon = url != NULL ? strchr(url, ':') : NULL;
	if (colon == NULL || colon - url > 16)
		snprintf(v->msg, sizeof v->msg, _("redirect to an unsupported address refused"));
	else
		snprintf(v->msg, sizeof v->msg, _("redirect to a %.*s URL refused"),
		         (int)(colon - url + 1), url);
}

static void
say_write(struct net *n, struct xfer *x, struct verdict *v)
{
	if (!x->over_cap && x->write_errno != 0)
		snprintf(v->msg, sizeof v->msg, _("cannot keep the page from %s: %s"),
		         who(x), strerror(x->write_errno));
	else if (!x->over_cap)
		snprintf(v->msg, sizeof v->msg, _("cannot keep the page from %s"), who(x));
	else if (n->o.max_bytes >= MIB)
		snprintf(v->msg, sizeof v->msg, _("page larger than the limit of %zu MB, "
		                                  "not read; raise it with --max-page-size "
		                                  "MB or the max-page-size setting"),
		         n->o.max_bytes / MIB);
	else
		snprintf(v->msg, sizeof v->msg, _("page larger than %zu KB"),
		         n->o.max_bytes / 1024);
}

static const struct curl_fail {
	CURLcode code;
	enum kind kind;
	int host;               /* the host's fault: it is paused */
	const char *fmt;        /* %s: the host, or the URL of a file */
	void (*say)(struct net *, struct xfer *, struct verdict *);
} curl_fails[] = {
	{ CURLE_COULDNT_RESOLVE_HOST, K_ONCE, 1,
	  N_("cannot look up %s (no network, or no such host)"), NULL },
	{ CURLE_COULDNT_RESOLVE_PROXY, K_ONCE, 1,
	  N_("cannot look up the proxy for %s (no network?)"), NULL },
	{ CURLE_COULDNT_CONNECT,     K_TRANSIENT, 1, NULL, say_connect },
	{ CURLE_OPERATION_TIMEDOUT,  K_TRANSIENT, 1, NULL, say_timeout },
	{ CURLE_RECV_ERROR,          K_TRANSIENT, 1, N_("%s broke off the connection"), NULL },
	{ CURLE_SEND_ERROR,          K_TRANSIENT, 1, N_("%s broke off the connection"), NULL },
	{ CURLE_GOT_NOTHING,         K_TRANSIENT, 1,
	  N_("%s closed the connection without answering"), NULL },
	{ CURLE_PARTIAL_FILE,        K_TRANSIENT, 1, N_("%s sent only part of the page"), NULL },
	{ CURLE_HTTP2,               K_TRANSIENT, 1, N_("%s broke off the connection"), NULL },
	{ CURLE_HTTP2_STREAM,        K_TRANSIENT, 1, N_("%s broke off the connection"), NULL },
	{ CURLE_SSL_CONNECT_ERROR,   K_TRANSIENT, 1,
	  N_("secure connection to %s failed"), NULL },
	{ CURLE_PEER_FAILED_VERIFICATION, K_PERMANENT, 0,
	  N_("certificate of %s is not valid"), NULL },
	{ CURLE_SSL_CACERT_BADFILE,  K_PERMANENT, 0,
	  N_("cannot check the certificate of %s: no trusted certificates here"), NULL },
	{ CURLE_TOO_MANY_REDIRECTS,  K_PERMANENT, 0, N_("too many redirects"), NULL },
	{ CURLE_UNSUPPORTED_PROTOCOL, K_PERMANENT, 0, NULL, say_redirect },
	{ CURLE_URL_MALFORMAT,       K_PERMANENT, 0, N_("not a web address: %s"), NULL },
	{ CURLE_BAD_CONTENT_ENCODING, K_PERMANENT, 0,
	  N_("%s sent a damaged compressed page"), NULL },
	{ CURLE_WRITE_ERROR,         K_PERMANENT, 0, NULL, say_write },
	{ CURLE_FILE_COULDNT_READ_FILE, K_PERMANENT, 0, N_("cannot read %s"), NULL },
};

static void
judge_curl(struct net *n, struct xfer *x, CURLcode rc, struct verdict *v)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(curl_fails); i++) {
		const struct curl_fail *f = &curl_fails[i];

		if (f->code != rc)
			continue;
		v->kind = f->kind;
		v->host = f->host;
		if (f->say != NULL)
			f->say(n, x, v);
		else
			snprintf(v->msg, sizeof v->msg, _(f->fmt), who(x));
		return;
	}
	v->kind = K_ONCE;
	snprintf(v->msg, sizeof v->msg, _("cannot fetch from %s: %s"), who(x),
	         x->errbuf[0] != '\0' ? x->errbuf : curl_easy_strerror(rc));
}

static const struct http_fail {
	long lo, hi;
	enum kind kind;
	int host;               /* the server says it is busy: it is paused */
	const char *fmt;        /* %ld: the status */
} http_fails[] = {
	{ 200, 299, K_OK,           0, NULL },
	{ 304, 304, K_NOT_MODIFIED, 0, NULL },
	{ 401, 401, K_PERMANENT,    0, N_("page needs a login (%ld)") },
	{ 403, 403, K_PERMANENT,    0, N_("access refused (%ld)") },
	{ 404, 404, K_PERMANENT,    0, N_("page not found (%ld)") },
	{ 408, 408, K_TRANSIENT,    0, N_("server gave up waiting (%ld)") },
	{ 410, 410, K_PERMANENT,    0, N_("page removed (%ld)") },
	{ 429, 429, K_TRANSIENT,    1, N_("server busy (%ld)") },
	{ 300, 399, K_PERMANENT,    0, N_("redirect without a target (%ld)") },
	{ 400, 499, K_PERMANENT,    0, N_("request refused (%ld)") },
	{ 503, 503, K_TRANSIENT,    1, N_("server error (%ld)") },
	{ 500, 599, K_TRANSIENT,    0, N_("server error (%ld)") },
};

static void
judge_http(struct xfer *x, struct verdict *v)
{
	long code = x->r->status;
	size_t i;

	if (code == 0) {        /* file:// */
		v->kind = K_OK;
		return;
	}
	for (i = 0; i < ARRAY_LEN(http_fails); i++) {
		const struct http_fail *f = &http_fails[i];

		if (code < f->lo || code > f->hi)
			continue;
		v->kind = f->kind;
		v->host = f->host;
		if (f->fmt != NULL)
			snprintf(v->msg, sizeof v->msg, _(f->fmt), code);
		return;
	}
	v->kind = K_PERMANENT;
	snprintf(v->msg, sizeof v->msg, _("unexpected answer (%ld)"), code);
}

/* ---- concluding ----------------------------------------------------- */

static char *
header_value(CURL *h, const char *name)
{
	struct curl_header *hd = NULL;

	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK)
		return NULL;
	return xstrdup(hd->value);
}

static void
collect_headers(struct xfer *x)
{
	struct net_req *r = x->r;
	char *s = NULL;

	r->etag_out = header_value(x->h, "ETag");
	r->last_modified_out = header_value(x->h, "Last-Modified");
	curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &s);
	r->content_type = xstrdup(s);
	s = NULL;
	curl_easy_getinfo(x->h, CURLINFO_EFFECTIVE_URL, &s);
	r->final_url = xstrdup(s != NULL ? s : r->url);
	if (r->result != NET_NOT_MODIFIED)
		return;
	/* The cached copy stands, and so do its validators. */
	if (r->etag_out == NULL)
		r->etag_out = xstrdup(r->etag);
	if (r->last_modified_out == NULL)
		r->last_modified_out = xstrdup(r->last_modified);
}

/* Puts x back in the queue to try again after a delay (the server's
 * Retry-After, or a growing backoff) if another try fits in its budget;
 * 0, or -1 with v->msg said if the server wants too long a wait. */
static int
retry_later(struct net *n, struct xfer *x, struct verdict *v, long after_s)
{
	int64_t now = now_ms(), delay;

	delay = after_s > 0 ? (int64_t)after_s * 1000
	                    : (int64_t)n->o.backoff_ms << (x->attempts - 1);
	if (now + delay + n->o.stall_ms > x->deadline) {
		if (after_s > 0)
			snprintf(v->msg, sizeof v->msg,
			         _("%s asks to wait %ld s before trying again"), who(x),
			         after_s);
		return -1;
	}
	xfer_release(n, x);
	buf_free(&x->body);
	spool_close(x);
	x->r->status = 0;
	x->not_before = now + delay;
	xlist_move(x, &n->queued);
	return 0;
}

static void
conclude(struct net *n, struct xfer *x, CURLcode rc)
{
	struct verdict v = { K_OK, 0, "" };
	char msg[sizeof v.msg + 64];
	curl_off_t after = 0;

	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &x->r->status);
	if (rc == CURLE_OK)
		judge_http(x, &v);
	else
		judge_curl(n, x, rc, &v);
	if (x->hs != NULL && !v.host)
		host_answered(x->hs);
	if (v.kind == K_OK || v.kind == K_NOT_MODIFIED) {
		x->r->result = v.kind == K_OK ? NET_OK : NET_NOT_MODIFIED;
		collect_headers(x);
		finish(n, x, x->r->result);
		return;
	}
	if (v.host)
		curl_easy_getinfo(x->h, CURLINFO_RETRY_AFTER, &after);
	if (v.kind == K_TRANSIENT && !x->once && x->attempts < n->o.tries &&
	    retry_later(n, x, &v, (long)after) == 0) {
		if (v.host && x->hs != NULL) {
			/* the others to this host wait for this one's verdict */
			host_failed(n, x, &v, 0);
			if (!x->probe)
				x->hs->probing++;
			x->probe = 1;
		}
		return;
	}
	if (v.host && x->hs != NULL)
		host_failed(n, x, &v, (long)after);
	x->r->host_down = v.host && rc != CURLE_OK;
	if (x->attempts > 1)
		snprintf(msg, sizeof msg, _("%s, tried %d times"), v.msg, x->attempts);
	else
		snprintf(msg, sizeof msg, "%s", v.msg);
	fail(n, x, v.kind == K_PERMANENT, msg);
}


/* Concludes finished transfers; returns how many left the transfers. */
static int
collect(struct net *n)
{
	CURLMsg *m;
	struct xfer *x;
	int left, k = 0;

	for (m = curl_multi_info_read(n->multi, &left); m != NULL;
	     m = curl_multi_info_read(n->multi, &left)) {
		if (m->msg != CURLMSG_DONE)
			continue;
		x = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		if (x == NULL)
			continue;
		conclude(n, x, m->data.result);
		k++;
	}
	return k;
}

/* ---- running -------------------------------------------------------- */

/* How long net_run may wait: until its deadline or the next retry. */
static int
wait_ms(const struct net *n, int64_t deadline)
{
	const struct xfer *x;
	int64_t now = now_ms(), until = deadline;

	for (x = n->queued.head; x != NULL; x = x->next)
		if (x->not_before > now && x->not_before < until)
			until = x->not_before;
	return until > now ? (int)(until - now) : 0;
}

static int
step(struct net *n)
{
	int still = 0, k;

	curl_multi_perform(n->multi, &still);
	k = collect(n);
	start_ready(n);
	return k;
}

int
net_run(struct net *n, int timeout_ms)
{
	int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	int wait;

	start_ready(n);
	if (step(n) == 0 && n->queued.n + n->running.n > 0) {
		wait = wait_ms(n, deadline);
		if (wait > 0)
			curl_multi_poll(n->multi, NULL, 0, wait, NULL);
		step(n);
	}
	return n->queued.n + n->running.n;
}

struct net_req *
net_done(struct net *n)
{
	struct xfer *x = n->done.head;
	struct net_req *r;

	if (x == NULL)
		return NULL;
	xlist_remove(x);
	r = x->r;
	free(x);
	return r;
}

static void
cancel_list(struct net *n, struct xlist *l)
{
	while (l->head != NULL) {
		struct xfer *x = l->head;

		snprintf(x->r->error, sizeof x->r->error, "%s", _("cancelled"));
		finish(n, x, NET_CANCELLED);
	}
}

void
net_cancel_all(struct net *n)
{
	cancel_list(n, &n->running);
	cancel_list(n, &n->queued);
}

void
net_cancel(struct net *n, struct net_req *r, const char *why)
{
	struct xlist *lists[] = { &n->running, &n->queued };

	for (size_t i = 0; i < ARRAY_LEN(lists); i++)
		for (struct xfer *x = lists[i]->head; x != NULL; x = x->next) {
			if (x->r != r)
				continue;
			snprintf(r->error, sizeof r->error, "%s", why ? why : _("cancelled"));
			finish(n, x, NET_CANCELLED);
			return;
		}
}

int
net_fetch(struct net *n, struct net_req *r)
{
	struct xfer *x;

	net_add(n, r);
	while (r->result == NET_PENDING)
		net_run(n, 1000);
	for (x = n->done.head; x != NULL; x = x->next) {
		if (x->r == r) {
			xlist_remove(x);
			free(x);
			break;
		}
	}
	return r->result;
}

void
net_progress(const struct net *n, int *done, int *total, char *host,
             size_t hostsz)
{
	const struct xfer *x = n->running.head ? n->running.head : n->queued.head;

	if (done != NULL)
		*done = n->batch_done;
	if (total != NULL)
		*total = n->batch_total;
	if (host != NULL && hostsz > 0)
		snprintf(host, hostsz, "%s", x != NULL ? x->host : "");
}

int
net_stalled(const struct net *n, char *host, size_t hostsz)
{
	int64_t now = now_ms(), worst = 0;

	if (hostsz > 0)
		host[0] = '\0';
	for (const struct xfer *x = n->running.head; x != NULL; x = x->next) {
		int64_t since = x->last_byte > x->try_start ? x->last_byte : x->try_start;

		if (x->try_start == 0 || now - since <= worst)
			continue;
		worst = now - since;
		if (hostsz > 0)
			snprintf(host, hostsz, "%s", who(x));
	}
	return (int)(worst / 1000);
}

void
net_url_host(const char *url, char *host, size_t hostsz)
{
	struct net probe;

	memset(&probe, 0, sizeof probe);
	probe.o.allow_file = 1;
	if (hostsz > 0)
		host[0] = '\0';
	if (url != NULL && url_check(&probe, url, host, hostsz) != NULL && hostsz > 0)
		host[0] = '\0';
}

void
net_free(struct net *n)
{
	if (n == NULL)
		return;
	net_cancel_all(n);
	while (net_done(n) != NULL)
		;
	curl_multi_cleanup(n->multi);
	while (n->hosts != NULL) {
		struct host *h = n->hosts;

		n->hosts = h->next;
		free(h);
	}
	free(n);
}

const char *
net_version(void)
{
	return curl_version();
}
