/* net.h: fetching with libcurl multi.  Nothing but net.c includes curl. */
#ifndef GX_NET_H
#define GX_NET_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

struct net;

/* Every limit comes from one budget: the time a page may take, every try
 * included (net-timeout).  net_opts_budget() derives the rest from it. */
#define NET_BUDGET_MS 15000

struct net_opts {
	int    max_total;         /* transfers at once, 8 */
	int    max_per_host;      /* 2 */
	long   budget_ms;         /* a page, every try included: 15000 */
	long   connect_timeout_ms;/* a connection: budget / 3 */
	long   stall_ms;          /* no byte (the first one included), or fewer
	                           * than low_speed_limit bytes/s, for this
	                           * long ends a try: budget / 3 */
	long   low_speed_limit;   /* 100 bytes/s */
	int    tries;             /* at most, while the budget lasts: 3 */
	long   backoff_ms;        /* before a page's second try, doubled
	                           * after: 1000 */
	long   host_pause_ms;     /* a host that failed is not asked again for
	                           * this long, doubled each time it fails
	                           * again, up to 32 times: 60000 */
	long   max_retry_after_s; /* a server's Retry-After is honoured up to
	                           * this: 3600 */
	size_t max_bytes;         /* decoded body cap, 32 MiB */
	int    max_redirects;     /* 5 */
	int    allow_file;        /* file:// allowed (a mirror the user named) */
	const char *user_agent;   /* NULL: "gxnews/VERSION" */
	const char *spool_dir;    /* where a large body waits (see net_req.spool);
	                             NULL: $TMPDIR, else /tmp */
};

/* A body larger than this, of a request that allows it, goes to a
 * temporary file instead of memory. */
#define NET_SPOOL_BYTES (8u << 20)

enum net_result {
	NET_PENDING = 0,
	NET_OK,             /* body filled */
	NET_NOT_MODIFIED,   /* 304: the cached copy stands */
	NET_ERR,            /* error[] says what went wrong in a user's words */
	NET_CANCELLED,
};

struct net_req {
	/* in: set by the caller */
	char  *url;
	char  *etag;             /* validators of the cached copy, or NULL */
	char  *last_modified;
	long   budget_ms;        /* 0: the options' budget; counted from the
	                          * first try, time in the queue not included */
	int    spool;            /* a large body may come as a file (fd) */
	void  *user;
	/* out: set by net */
	enum net_result result;
	long   status;           /* HTTP status; 0 for file:// */
	int    permanent;        /* with NET_ERR: retrying will not help */
	int    host_down;        /* with NET_ERR: the host did not answer (or
	                          * is paused after failing) */
	char  *body;             /* NUL-terminated, len bytes; NULL when in fd */
	int    fd;               /* -1, or an unlinked file of len bytes (spool) */
	size_t len;
	char  *content_type;
	char  *etag_out;
	char  *last_modified_out;
	char  *final_url;        /* after redirects */
	char   error[256];
};

/* Defaults: net_opts_budget(o, NET_BUDGET_MS) and the rest. */
void net_opts_default(struct net_opts *o);
/* Sets the budget and what follows from it: connect and stall limits a
 * third of it each (at least 1 s), so a page can be tried twice against a
 * server that never answers. */
void net_opts_budget(struct net_opts *o, long budget_ms);
int  net_new(struct net **out, const struct net_opts *o, struct err *e);
void net_free(struct net *n);

/* Queues r; the caller keeps r alive until net_done() gives it back. */
void net_add(struct net *n, struct net_req *r);
/* Drives transfers, waiting at most timeout_ms for activity.  Returns the
 * number of requests queued or running. */
int  net_run(struct net *n, int timeout_ms);
/* A finished request, or NULL. */
struct net_req *net_done(struct net *n);
/* Stops everything; the requests come back from net_done as NET_CANCELLED. */
void net_cancel_all(struct net *n);
/* Stops one request; it comes back as NET_CANCELLED with why as error. */
void net_cancel(struct net *n, struct net_req *r, const char *why);
/* Blocking convenience: add r, run until it is done.  Returns r->result. */
int  net_fetch(struct net *n, struct net_req *r);
/* Progress of the current batch: finished, total, a host being fetched. */
void net_progress(const struct net *n, int *done, int *total,
                  char *host, size_t hostsz);
/* The transfer that has gone longest without a byte: its host, and for
 * how many whole seconds (0: none has waited a second). */
int  net_stalled(const struct net *n, char *host, size_t hostsz);

/* ---- hosts ------------------------------------------------------------
 * A host that fails (does not answer, stalls, resets, says it is busy) is
 * paused: while a request to it is trying, the others to it wait for the
 * verdict; after it failed, they fail at once, with its error, until the
 * pause is over.  A host that failed in an earlier run is asked once (one
 * try) before anything else goes to it.  A Retry-After longer than the
 * budget pauses the host that long (up to max_retry_after_s). */
struct net_host {
	char    name[256];
	int     fails;          /* failures in a row; 0: it answers */
	int64_t failed_at;      /* wall clock, seconds: the last failure */
	int64_t retry_at;       /* not asked again before (once a run aside) */
	int     told;           /* the server asked for the pause (Retry-After):
	                           not asked at all before retry_at */
	char    error[256];     /* the last failure in words */
};
/* What an earlier run learned of a host (from the cache). */
void net_host_restore(struct net *n, const struct net_host *h);
/* The next host whose state changed since it was last taken (to be
 * saved); 0 when there is none. */
int  net_host_changed(struct net *n, struct net_host *out);
/* What is known of a failing host: 1 (out filled), or 0 if it answers or
 * is unknown. */
int  net_host_failing(const struct net *n, const char *name, struct net_host *out);
/* This run: hosts asked something, and of those, hosts that answered. */
void net_hosts_seen(const struct net *n, int *asked, int *answered);
/* The host of url, lowercase; "" if it has none. */
void net_url_host(const char *url, char *host, size_t hostsz);

struct net_req *net_req_new(const char *url);
/* Frees r with every string in it (url, etag, last_modified included: set
 * them with xstrdup).  On NET_NOT_MODIFIED, etag_out and last_modified_out
 * are the server's new validators or else the request's own. */
void net_req_free(struct net_req *r);

/* The libcurl in use, e.g. "libcurl/7.88.1 OpenSSL/3.0.15 …". */
const char *net_version(void);

#endif
