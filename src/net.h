/* net.h: fetching with libcurl multi.  Nothing but net.c includes curl. */
#ifndef GX_NET_H
#define GX_NET_H

#include <stddef.h>
#include "util.h"

struct net;

struct net_opts {
	int    max_total;         /* transfers at once, 8 */
	int    max_per_host;      /* 2 */
	long   connect_timeout_ms;/* 10000 */
	long   timeout_ms;        /* whole transfer, 60000 */
	long   low_speed_limit;   /* bytes/s ... */
	long   low_speed_time_s;  /* ... for this long aborts: 10, 20 */
	size_t max_bytes;         /* decoded body cap, 32 MiB */
	int    max_redirects;     /* 5 */
	int    retries;           /* transient failures retried: 2 */
	int    allow_file;        /* file:// allowed (a mirror the user named) */
	const char *user_agent;   /* NULL: "gxnews/VERSION" */
	long   backoff_ms;        /* first retry delay, doubled after: 1000
	                           * ($GXNEWS_NET_BACKOFF_MS overrides) */
	long   max_retry_after_s; /* a longer Retry-After fails instead: 30 */
};

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
	void  *user;
	/* out: set by net */
	enum net_result result;
	long   status;           /* HTTP status; 0 for file:// */
	int    permanent;        /* with NET_ERR: retrying will not help */
	char  *body;             /* NUL-terminated, len bytes */
	size_t len;
	char  *content_type;
	char  *etag_out;
	char  *last_modified_out;
	char  *final_url;        /* after redirects */
	char   error[256];
};

void net_opts_default(struct net_opts *o);
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
/* Blocking convenience: add r, run until it is done.  Returns r->result. */
int  net_fetch(struct net *n, struct net_req *r);
/* Progress of the current batch: finished, total, a host being fetched. */
void net_progress(const struct net *n, int *done, int *total,
                  char *host, size_t hostsz);

struct net_req *net_req_new(const char *url);
/* Frees r with every string in it (url, etag, last_modified included: set
 * them with xstrdup).  On NET_NOT_MODIFIED, etag_out and last_modified_out
 * are the server's new validators or else the request's own. */
void net_req_free(struct net_req *r);

/* The libcurl in use, e.g. "libcurl/7.88.1 OpenSSL/3.0.15 …". */
const char *net_version(void);

#endif
