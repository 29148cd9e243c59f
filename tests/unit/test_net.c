/* test_net.c: fetching against tests/server.py on 127.0.0.1: caching
 * validators, compression, retries, limits, errors in words, parallel
 * transfers, per-host politeness, cancelling. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "charset.h"
#include "net.h"
#include "tap.h"
#include "util.h"

extern char **environ;

static pid_t server_pid;
static char tmpdir[] = "/tmp/gxnews-test-net-XXXXXX";
static char base[64];           /* http://127.0.0.1:PORT */
static char tls_base[64];       /* https://127.0.0.1:PORT */
static char hole[64];           /* http://127.0.0.2:PORT, a black hole */

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* ---- the server ----------------------------------------------------- */

static int
server_start(void)
{
	const char *py = getenv("PYTHON3");
	char *script = xasprintf("%s/tests/server.py", tap_srcdir());
	char *root = xasprintf("%s/tests/fixtures/net/www", tap_srcdir());
	char *cert = xasprintf("%s/tests/fixtures/net/tls/cert.pem", tap_srcdir());
	char *key = xasprintf("%s/tests/fixtures/net/tls/key.pem", tap_srcdir());
	char *portfile = xasprintf("%s/port", tmpdir);
	char *holefile = xasprintf("%s/hole", tmpdir);
	char *argv[] = { NULL, script, "--root", root, "--port-file", portfile,
	                 "--max-seconds", "300", "--tls-cert", cert,
	                 "--tls-key", key, "--blackhole-port-file", holefile, NULL };
	int port = 0, tls_port = 0, hole_port = 0, i, rc = -1;
	FILE *f;

	if (str_empty(py) || strcmp(py, "no") == 0)
		py = "python3";
	argv[0] = (char *)py;
	if (posix_spawnp(&server_pid, py, NULL, NULL, argv, environ) != 0) {
		printf("# cannot start %s\n", py);
		goto out;
	}
	for (i = 0; i < 200 && port == 0; i++) {
		f = fopen(portfile, "r");
		if (f != NULL) {
			if (fscanf(f, "%d %d", &port, &tls_port) < 1)
				port = 0;
			fclose(f);
		}
		if (port == 0)
			sleep_ms(50);
	}
	f = fopen(holefile, "r");
	if (f != NULL) {
		if (fscanf(f, "%d", &hole_port) < 1)
			hole_port = 0;
		fclose(f);
	}
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
	snprintf(tls_base, sizeof tls_base, "https://127.0.0.1:%d", tls_port);
	snprintf(hole, sizeof hole, "http://127.0.0.2:%d/", hole_port);
	rc = port != 0 && hole_port != 0 ? 0 : -1;
	unlink(portfile);
	unlink(holefile);
out:
	free(holefile);
	free(script);
	free(root);
	free(cert);
	free(key);
	free(portfile);
	return rc;
}

static void
server_stop(void)
{
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
	}
	rmdir(tmpdir);
}

/* ---- helpers -------------------------------------------------------- */

/* Settings a user could give (net-timeout 6): connect and stall limits
 * of 2 s; a short backoff keeps the many retries below quick. */
static void
test_opts(struct net_opts *o)
{
	net_opts_default(o);
	net_opts_budget(o, 6000);
	o->backoff_ms = 20;
}

static struct net *
net_with(const struct net_opts *o)
{
	struct net *n = NULL;
	struct err e;

	if (net_new(&n, o, &e) < 0) {
		printf("Bail out! %s\n", e.msg);
		exit(1);
	}
	return n;
}

static char *
url(const char *path)
{
	if (path[0] != '/')
		return xstrdup(path);
	return xasprintf("%s%s", base, path);
}

/* A blocking fetch of path with options o; caller frees. */
static struct net_req *
fetch(const struct net_opts *o, const char *path)
{
	struct net *n = net_with(o);
	char *u = url(path);
	struct net_req *r = net_req_new(u);

	net_fetch(n, r);
	net_free(n);
	free(u);
	return r;
}

/* What the server's /_stats says: a number after "field=". */
static long
stat_of(const char *query, const char *field)
{
	struct net_opts o;
	char *path = xasprintf("/_stats?%s", query);
	struct net_req *r;
	char *at;
	long v = -1;

	test_opts(&o);
	r = fetch(&o, path);
	at = r->body != NULL ? strstr(r->body, field) : NULL;
	if (at != NULL)
		v = strtol(at + strlen(field), NULL, 10);
	net_req_free(r);
	free(path);
	return v;
}

static char *
fixture(const char *name, size_t *len)
{
	char *path = xasprintf("%s/tests/fixtures/net/www/%s", tap_srcdir(), name);
	char *data = NULL;

	read_file(path, 1 << 24, &data, len, NULL);
	free(path);
	return data;
}

/* ---- simple fetches ------------------------------------------------- */

static const struct fetch_case {
	const char *what;
	const char *path;
	enum net_result want;
	long status;            /* -1: any */
	int permanent;
	const char *error;      /* the whole message, or NULL */
	const char *body;       /* a part of the body, or NULL */
} fetch_cases[] = {
	{ "a page arrives", "/", NET_OK, 200, 0, NULL, "中国高新网 测试镜像" },
	{ "a directory address serves its index", "/news/", NET_OK, 200, 0,
	  NULL, "高新区创新发展报告发布" },
	{ "a missing page is reported at once", "/_fault/404?key=nf",
	  NET_ERR, 404, 1, "page not found (404)", NULL },
	{ "a removed page is reported at once", "/_fault/status?code=410",
	  NET_ERR, 410, 1, "page removed (410)", NULL },
	{ "a refused page is reported at once", "/_fault/status?code=403",
	  NET_ERR, 403, 1, "access refused (403)", NULL },
	{ "a failing server is tried 3 times, then reported",
	  "/_fault/status?code=503&key=s503", NET_ERR, 503, 0,
	  "server error (503), tried 3 times", NULL },
	{ "a server error once is retried and the page arrives",
	  "/_fault/500-then-ok?key=k500", NET_OK, 200, 0, NULL, "ok k500" },
	{ "a server that hangs up is retried, then reported",
	  "/_fault/reset?key=reset", NET_ERR, -1, 0,
	  "127.0.0.1 closed the connection without answering, tried 3 times", NULL },
	{ "5 redirects are followed", "/_fault/redirect-chain?n=5", NET_OK, 200,
	  0, NULL, "end of chain" },
	{ "6 redirects are too many", "/_fault/redirect-chain?n=6", NET_ERR, -1,
	  1, "too many redirects", NULL },
	{ "a redirect loop ends", "/_fault/redirect-loop", NET_ERR, -1, 1,
	  "too many redirects", NULL },
	{ "a redirect to file:///etc/passwd is refused", "/_fault/redirect-file",
	  NET_ERR, -1, 1, "redirect to a file: URL refused", NULL },
	{ "an ftp address is refused", "ftp://127.0.0.1/x", NET_ERR, 0, 1,
	  "only http and https addresses can be fetched: ftp://127.0.0.1/x", NULL },
	{ "a file address is refused unless allowed", "file:///etc/hostname",
	  NET_ERR, 0, 1,
	  "file: addresses are not allowed here: file:///etc/hostname", NULL },
	{ "a non-address is refused", "www.example.com/news", NET_ERR, 0, 1,
	  "not a web address: www.example.com/news", NULL },
	{ "a self-signed certificate is refused", "TLS", NET_ERR, -1, 1,
	  "certificate of 127.0.0.1 is not valid", NULL },
	{ "an honest User-Agent is sent", "/_fault/headers", NET_OK, 200, 0, NULL,
	  "User-Agent: gxnews/" PACKAGE_VERSION " (+terminal news reader)" },
	{ "compressed pages are asked for", "/_fault/headers", NET_OK, 200, 0,
	  NULL, "gzip" },
};

static void
test_fetch_cases(void)
{
	struct net_opts o;
	size_t i;

	test_opts(&o);
	for (i = 0; i < ARRAY_LEN(fetch_cases); i++) {
		const struct fetch_case *c = &fetch_cases[i];
		struct net_req *r;

		r = fetch(&o, strcmp(c->path, "TLS") == 0 ? tls_base : c->path);
		is_int(r->result, c->want, "%s: result", c->what);
		if (c->status >= 0)
			is_int(r->status, c->status, "%s: status", c->what);
		if (c->want == NET_ERR) {
			is_int(r->permanent, c->permanent, "%s: %s", c->what,
			       c->permanent ? "permanent" : "may work later");
			is_str(r->error, c->error, "%s: in words", c->what);
			ok(r->body == NULL, "%s: no body", c->what);
		}
		if (c->body != NULL)
			ok(r->body != NULL && strstr(r->body, c->body) != NULL,
			   "%s: body", c->what);
		net_req_free(r);
	}
	is_int(stat_of("key=nf", "count="), 1, "a missing page is asked for once");
	is_int(stat_of("key=s503", "count="), 3, "a failing server is asked 3 times");
	is_int(stat_of("key=k500", "count="), 2, "a server error once costs one retry");
}

/* ---- validators ----------------------------------------------------- */

static void
conditional(const char *what, const char *path, int want_etag, int want_lm)
{
	struct net_opts o;
	struct net *n;
	struct net_req *r;
	char *u = url(path), *etag, *lm;

	test_opts(&o);
	n = net_with(&o);
	r = net_req_new(u);
	is_int(net_fetch(n, r), NET_OK, "%s: first fetch has the page", what);
	ok((r->etag_out != NULL) == want_etag, "%s: ETag %s", what,
	   want_etag ? "kept" : "absent");
	ok((r->last_modified_out != NULL) == want_lm, "%s: Last-Modified %s",
	   what, want_lm ? "kept" : "absent");
	etag = xstrdup(r->etag_out);
	lm = xstrdup(r->last_modified_out);
	net_req_free(r);

	r = net_req_new(u);
	r->etag = xstrdup(etag);
	r->last_modified = xstrdup(lm);
	is_int(net_fetch(n, r), NET_NOT_MODIFIED, "%s: second fetch: not modified", what);
	is_int(r->status, 304, "%s: 304", what);
	ok(r->body == NULL && r->len == 0, "%s: no body on 304", what);
	is_str(r->etag_out, etag, "%s: the ETag stands", what);
	is_str(r->last_modified_out, lm, "%s: Last-Modified stands", what);
	net_req_free(r);

	/* A stale validator brings the page again. */
	r = net_req_new(u);
	r->etag = want_etag ? xstrdup("\"stale\"") : NULL;
	r->last_modified = want_lm ? xstrdup("Mon, 01 Jan 2001 00:00:00 GMT") : NULL;
	is_int(net_fetch(n, r), NET_OK, "%s: stale validators: the page again", what);
	net_req_free(r);
	net_free(n);
	free(etag);
	free(lm);
	free(u);
}

static void
test_conditional(void)
{
	conditional("static page", "/news/", 1, 1);
	conditional("Last-Modified only", "/_fault/lastmod-only", 0, 1);
	conditional("ETag only", "/_fault/etag-only", 1, 0);
	/* a 304 that names no validator: the ones the cache sent stand */
	conditional("a bare 304", "/_fault/bare-304", 1, 0);
}

static void
test_headers_of_final_response(void)
{
	struct net_opts o;
	struct net_req *r;

	test_opts(&o);
	r = fetch(&o, "/_fault/redirect-chain?n=2");
	is_int(r->result, NET_OK, "after redirects: the page");
	ok(r->final_url != NULL && str_ends(r->final_url, "/_fault/redirect-chain?n=0"),
	   "after redirects: the final address is known");
	is_str(r->content_type, "text/plain; charset=utf-8",
	       "after redirects: the type of the final answer");
	is_str(r->etag_out, NULL, "after redirects: no ETag of a hop");
	net_req_free(r);
}

static void
test_gzip(void)
{
	struct net_opts o;
	struct net_req *r;
	size_t len = 0;
	char *want = fixture("big.html", &len);

	test_opts(&o);
	r = fetch(&o, "/big.html");
	is_int(r->result, NET_OK, "gzip: a 300 KB page arrives");
	is_int(r->len, len, "gzip: decoded to its full length");
	ok(want != NULL && r->body != NULL && memcmp(r->body, want, len) == 0,
	   "gzip: decoded byte for byte");
	is_str(r->content_type, "text/html", "gzip: Content-Type kept");
	net_req_free(r);
	free(want);
}

/* ---- retries and Retry-After --------------------------------------- */

static void
test_retry_after(void)
{
	struct net_opts o;
	struct net_req *r;
	int64_t t0;

	test_opts(&o);
	t0 = now_ms();
	r = fetch(&o, "/_fault/429?key=ra&after=1");
	is_int(r->result, NET_OK, "429 with Retry-After: 1: the page arrives");
	ok(now_ms() - t0 >= 900, "429 with Retry-After: 1: waited a second");
	net_req_free(r);

	r = fetch(&o, "/_fault/429?key=rad&after=1&date=1");
	is_int(r->result, NET_OK, "429 with Retry-After as a date: the page arrives");
	net_req_free(r);
	is_int(stat_of("key=rad", "count="), 2, "429 with a date: asked twice");

	t0 = now_ms();
	r = fetch(&o, "/_fault/429?key=ralong&after=120");
	is_int(r->result, NET_ERR, "Retry-After: 120: not waited for");
	is_str(r->error, "127.0.0.1 asks to wait 120 s before trying again",
	       "Retry-After: 120: said in words");
	ok(r->permanent == 0, "Retry-After: 120: may work later");
	ok(now_ms() - t0 < 2000, "Retry-After: 120: answer comes at once");
	net_req_free(r);
}

/* ---- limits --------------------------------------------------------- */

static void
test_limits(void)
{
	struct net_opts o;
	struct net_req *r;
	int64_t t0, dt;

	test_opts(&o);
	o.tries = 1;
	t0 = now_ms();
	r = fetch(&o, "/_fault/stall");
	dt = now_ms() - t0;
	is_int(r->result, NET_ERR, "a stalled server: given up");
	is_str(r->error, "127.0.0.1 stopped sending the page (stalled for 2 s)",
	       "a stalled server: in words");
	ok(dt >= 1500 && dt < 8000, "a stalled server: given up after ~2 s (%lld ms)",
	   (long long)dt);
	net_req_free(r);

	r = fetch(&o, "/_fault/silent");
	is_str(r->error, "127.0.0.1 did not answer within 2 s",
	       "a server that never answers: in words");
	ok(!r->permanent, "a server that never answers: may work later");
	net_req_free(r);

	test_opts(&o);
	o.max_bytes = 1 << 20;
	t0 = now_ms();
	r = fetch(&o, "/_fault/endless");
	is_int(r->result, NET_ERR, "an endless page: stopped");
	is_str(r->error, "page larger than the limit of 1 MB, not read; raise it with "
	       "--max-page-size MB or the max-page-size setting",
	       "an endless page: in words, with how to raise the limit");
	ok(r->permanent, "an endless page: not retried");
	ok(now_ms() - t0 < 5000, "an endless page: stopped quickly");
	net_req_free(r);

	r = fetch(&o, "/_fault/gzip-bomb");
	is_int(r->result, NET_ERR, "a gzip bomb: stopped");
	is_str(r->error, "page larger than the limit of 1 MB, not read; raise it with "
	       "--max-page-size MB or the max-page-size setting", "a gzip bomb: in words");
	net_req_free(r);

	test_opts(&o);
	r = fetch(&o, "/_fault/gzip-bomb");
	is_str(r->error, "page larger than the limit of 32 MB, not read; raise it with "
	       "--max-page-size MB or the max-page-size setting",
	       "a gzip bomb: stopped at the default 32 MB");
	net_req_free(r);
}

static int
closed_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sa, sizeof sa);
	getsockname(fd, (struct sockaddr *)&sa, &len);
	port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

static void
test_refused(void)
{
	struct net_opts o;
	struct net_req *r;
	char *u = xasprintf("http://127.0.0.1:%d/", closed_port());

	test_opts(&o);
	r = fetch(&o, u);
	is_int(r->result, NET_ERR, "a closed port: error");
	is_str(r->error, "cannot reach 127.0.0.1: connection refused, tried 3 times",
	       "a closed port: in words");
	ok(!r->permanent, "a closed port: may work later");
	net_req_free(r);
	free(u);
}

static void
test_file(void)
{
	struct net_opts o;
	struct net_req *r;
	char *path = xasprintf("%s/tests/fixtures/net/www/index.html", tap_srcdir());
	char *abs = realpath(path, NULL);
	char *u = xasprintf("file://%s", abs ? abs : path);
	size_t len = 0;
	char *want = fixture("index.html", &len);

	test_opts(&o);
	o.allow_file = 1;
	r = fetch(&o, u);
	is_int(r->result, NET_OK, "a file address the user named: read");
	is_int(r->status, 0, "a file address: status 0");
	ok(want != NULL && r->body != NULL && r->len == len &&
	   memcmp(r->body, want, len) == 0, "a file address: the file's bytes");
	net_req_free(r);

	r = fetch(&o, "/_fault/redirect-file");
	is_str(r->error, "redirect to a file: URL refused",
	       "a redirect to a file: refused even when file addresses are allowed");
	net_req_free(r);
	free(want);
	free(u);
	free(abs);
	free(path);
}

/* A request that allows it gets a large body as a file: all of it, in
 * the spool directory, within the limit; a small one stays in memory. */
static void
test_spool(void)
{
	char *path = xasprintf("%s/big.xml", tmpdir), *u = xasprintf("file://%s", path);
	size_t big = NET_SPOOL_BYTES + 12345, got_len = 0, i;
	struct net_opts o;
	struct net_req *r;
	struct net *n;
	char *want = xmalloc(big), *got;
	FILE *f = fopen(path, "wb");

	for (i = 0; i < big; i++)
		want[i] = (char)('a' + (i * 7 + i / 4096) % 26);
	if (f != NULL) {
		fwrite(want, 1, big, f);
		fclose(f);
	}
	test_opts(&o);
	o.allow_file = 1;
	o.spool_dir = tmpdir;
	n = net_with(&o);
	r = net_req_new(u);
	r->spool = 1;
	net_fetch(n, r);
	is_int(r->result, NET_OK, "a body larger than memory holds: fetched");
	ok(r->body == NULL && r->fd >= 0, "it comes as a file, not in memory");
	is_int(r->len, big, "all of it");
	got = xmalloc(big + 1);
	if (r->fd >= 0) {
		lseek(r->fd, 0, SEEK_SET);
		got_len = (size_t)read(r->fd, got, big + 1);
	}
	ok(got_len == big && memcmp(got, want, big) == 0, "the file holds the body's bytes");
	net_req_free(r);
	r = net_req_new(u);
	net_fetch(n, r);
	ok(r->body != NULL && r->fd < 0 && r->len == big,
	   "a request that does not allow it gets the body in memory");
	net_req_free(r);
	net_free(n);

	o.max_bytes = NET_SPOOL_BYTES + 100;
	n = net_with(&o);
	r = net_req_new(u);
	r->spool = 1;
	net_fetch(n, r);
	ok(r->result == NET_ERR && r->fd < 0 && strstr(r->error, "limit of 8 MB") != NULL,
	   "a file body over the limit is refused all the same (%s)", r->error);
	net_req_free(r);
	net_free(n);

	o.max_bytes = 0;
	o.spool_dir = "/nonexistent/spool";
	n = net_with(&o);
	r = net_req_new(u);
	r->spool = 1;
	net_fetch(n, r);
	ok(r->result == NET_ERR && strstr(r->error, "cannot keep the page") != NULL &&
	   strstr(r->error, "No such file") != NULL,
	   "nowhere to keep it: the error says why (%s)", r->error);
	net_req_free(r);
	net_free(n);
	unlink(path);
	free(want);
	free(got);
	free(u);
	free(path);
}

/* ---- charset, end to end ------------------------------------------- */

static const struct gbk_case {
	const char *path;
	const char *what;
	const char *want;
} gbk_cases[] = {
	{ "/_fault/gbk-nocharset", "an undeclared GBK page reads as Chinese",
	  "朱镕基曾在清华大学经济管理学院任院长；陶喆在台北开演唱会。" },
	{ "/_fault/gbk-wrong-meta", "a GBK page whose <meta> says utf-8 reads as Chinese",
	  "朱镕基曾在清华大学经济管理学院任院长；陶喆在台北开演唱会。" },
	{ "/_fault/gbk-invalid", "a GBK page with broken bytes keeps the rest",
	  "\xEF\xBF\xBD\xEF\xBF\xBD 陶喆在台北开演唱会。" },
};

static void
test_gbk(void)
{
	struct net_opts o;
	size_t i;

	test_opts(&o);
	for (i = 0; i < ARRAY_LEN(gbk_cases); i++) {
		struct net_req *r = fetch(&o, gbk_cases[i].path);
		char name[32] = "", *text = NULL;
		size_t len = 0;

		charset_detect(r->body ? r->body : "", r->len, r->content_type,
		               name, sizeof name);
		charset_to_utf8(r->body ? r->body : "", r->len, name, &text, &len, NULL);
		ok(text != NULL && strstr(text, gbk_cases[i].want) != NULL,
		   "%s", gbk_cases[i].what);
		ok(text != NULL && strstr(text, "</html>") != NULL,
		   "%s: to the end", gbk_cases[i].what);
		free(text);
		net_req_free(r);
	}
}

/* ---- parallel, politeness, progress, cancel ------------------------ */

/* Runs n requests for path to completion; returns the wall time in ms. */
static int64_t
run_batch(const struct net_opts *o, const char *path, int count, int *nok)
{
	struct net *n = net_with(o);
	struct net_req **v = xcalloc((size_t)count, sizeof *v);
	struct net_req *r;
	char *u = url(path);
	int64_t t0 = now_ms();
	int i, got;

	for (i = 0; i < count; i++) {
		v[i] = net_req_new(u);
		net_add(n, v[i]);
	}
	*nok = 0;
	got = 0;
	while (got < count && now_ms() - t0 < 30000) {
		net_run(n, 100);
		for (r = net_done(n); r != NULL; r = net_done(n)) {
			got++;
			*nok += r->result == NET_OK;
		}
	}
	t0 = now_ms() - t0;
	for (i = 0; i < count; i++)
		net_req_free(v[i]);
	free(v);
	free(u);
	net_free(n);
	return t0;
}

static void
test_parallel(void)
{
	struct net_opts o;
	int64_t one, eight;
	int nok;

	test_opts(&o);
	o.max_per_host = 8;
	one = run_batch(&o, "/_fault/slow?ms=400&group=p1", 1, &nok);
	is_int(nok, 1, "parallel: one slow page arrives");
	eight = run_batch(&o, "/_fault/slow?ms=400&group=p8", 8, &nok);
	is_int(nok, 8, "parallel: eight slow pages arrive");
	ok(eight < 5 * one, "parallel: 8 slow pages take %lld ms, one %lld ms",
	   (long long)eight, (long long)one);
	is_int(stat_of("group=p8", "max="), 8, "parallel: all 8 at once");

	test_opts(&o);
	run_batch(&o, "/_fault/slow?ms=300&group=host2", 6, &nok);
	is_int(nok, 6, "per host: six pages arrive");
	is_int(stat_of("group=host2", "max="), 2,
	       "per host: never more than 2 at once to one host");

	test_opts(&o);
	o.max_total = 3;
	o.max_per_host = 8;
	run_batch(&o, "/_fault/slow?ms=300&group=total3", 7, &nok);
	is_int(nok, 7, "total limit: seven pages arrive");
	is_int(stat_of("group=total3", "max="), 3,
	       "total limit: never more than 3 at once");

	test_opts(&o);
	run_batch(&o, "/news/", 30, &nok);
	is_int(nok, 30, "a queue of 30 pages is worked through");
}

static void
test_run_bounded(void)
{
	struct net_opts o;
	struct net *n;
	struct net_req *r;
	char *u = url("/_fault/slow?ms=1500");
	int64_t t0, worst = 0, dt;
	int i;

	test_opts(&o);
	n = net_with(&o);
	r = net_req_new(u);
	net_add(n, r);
	for (i = 0; i < 5; i++) {
		t0 = now_ms();
		net_run(n, 100);
		dt = now_ms() - t0;
		worst = dt > worst ? dt : worst;
	}
	ok(worst < 400, "net_run(100) returns in time while a page is slow (%lld ms)",
	   (long long)worst);
	ok(r->result == NET_PENDING, "the slow page is still pending meanwhile");
	net_free(n);
	net_req_free(r);
	free(u);

	/* While a retry waits for its backoff, the user keeps reading. */
	test_opts(&o);
	o.backoff_ms = 3000;
	n = net_with(&o);
	u = url("/_fault/500-then-ok?key=bounded");
	r = net_req_new(u);
	net_add(n, r);
	worst = 0;
	for (i = 0; i < 10; i++) {
		t0 = now_ms();
		net_run(n, 50);
		dt = now_ms() - t0;
		worst = dt > worst ? dt : worst;
	}
	ok(worst < 300, "net_run(50) returns in time while a retry waits (%lld ms)",
	   (long long)worst);
	is_int(r->result, NET_PENDING, "the retry is still waiting");
	net_free(n);
	is_int(r->result, NET_CANCELLED, "freeing the fetcher cancels the retry");
	net_req_free(r);
	free(u);
}

static void
test_progress_and_cancel(void)
{
	struct net_opts o;
	struct net *n;
	struct net_req *v[5], *r;
	char *u = url("/_fault/slow?ms=3000"), *fast = url("/news/");
	char host[64];
	int done = -1, total = -1, i, cancelled = 0, got = 0;
	int64_t t0 = now_ms();

	test_opts(&o);
	o.max_per_host = 8;
	n = net_with(&o);
	for (i = 0; i < 4; i++) {
		v[i] = net_req_new(u);
		net_add(n, v[i]);
	}
	v[4] = net_req_new(fast);
	net_add(n, v[4]);
	for (i = 0; i < 10 && v[4]->result == NET_PENDING; i++)
		net_run(n, 100);
	net_progress(n, &done, &total, host, sizeof host);
	is_int(total, 5, "progress: five pages in the batch");
	is_int(done, 1, "progress: the fast one done");
	is_str(host, "127.0.0.1", "progress: the host being fetched");

	net_cancel_all(n);
	for (r = net_done(n); r != NULL; r = net_done(n)) {
		got++;
		cancelled += r->result == NET_CANCELLED;
	}
	is_int(got, 5, "cancel: every request comes back");
	is_int(cancelled, 4, "cancel: the slow ones come back cancelled");
	ok(now_ms() - t0 < 2500, "cancel: at once, not after the slow pages");
	is_int(net_run(n, 0), 0, "cancel: nothing left to run");

	r = net_req_new(fast);
	is_int(net_fetch(n, r), NET_OK, "after a cancel the fetcher still works");
	net_progress(n, &done, &total, NULL, 0);
	ok(done == 1 && total == 1, "progress: a new batch counts afresh");
	net_req_free(r);
	for (i = 0; i < 5; i++)
		net_req_free(v[i]);
	net_free(n);
	free(u);
	free(fast);
}

/* ---- the budget and its defaults ------------------------------------ */

static const struct budget_case {
	long budget_ms, connect_ms, stall_ms;
} budget_cases[] = {
	{ 15000, 5000, 5000 },          /* the default */
	{ 30000, 10000, 10000 },
	{ 6000, 2000, 2000 },
	{ 1500, 1000, 1000 },           /* never under a second */
};

static void
test_budget(void)
{
	struct net_opts o;

	net_opts_default(&o);
	is_int(o.budget_ms, 15000, "default: a page has 15 s, every try included");
	is_int(o.connect_timeout_ms, 5000, "default: 5 s to connect");
	is_int(o.stall_ms, 5000, "default: 5 s without a byte ends a try");
	is_int(o.low_speed_limit, 100, "default: under 100 bytes/s for 5 s ends a try");
	is_int(o.tries, 3, "default: at most 3 tries");
	is_int(o.host_pause_ms, 60000, "default: a failed host is paused a minute");
	is_int(o.max_retry_after_s, 3600, "default: Retry-After honoured up to an hour");
	for (size_t i = 0; i < ARRAY_LEN(budget_cases); i++) {
		const struct budget_case *c = &budget_cases[i];

		net_opts_budget(&o, c->budget_ms);
		ok(o.connect_timeout_ms == c->connect_ms && o.stall_ms == c->stall_ms,
		   "a budget of %ld ms: connect %ld ms, stall %ld ms (got %ld, %ld)",
		   c->budget_ms, c->connect_ms, c->stall_ms, o.connect_timeout_ms,
		   o.stall_ms);
	}
}

/* Four bad servers at once, each to a fetcher of its own with the
 * defaults users get: each is given up within the 15 s budget, in words. */
static const struct bad_case {
	const char *what;
	const char *path;       /* NULL: the black hole */
	const char *error;
} bad_cases[] = {
	{ "a server that stalls mid-page", "/_fault/stall?key=bad1",
	  "127.0.0.1 stopped sending the page (stalled for 5 s), tried 2 times" },
	{ "a server that trickles a byte a second", "/_fault/trickle?ms=1000",
	  "127.0.0.1 sends too slowly (under 100 bytes/s for 5 s), tried 2 times" },
	{ "a server that resets mid-page", "/_fault/reset-mid-body",
	  "127.0.0.1 broke off the connection, tried 3 times" },
	{ "a black hole (SYN dropped)", NULL,
	  "cannot reach 127.0.0.2: no connection within 5 s, tried 2 times" },
};

static void
test_bad_servers_at_defaults(void)
{
	enum { N = ARRAY_LEN(bad_cases) };
	struct net *nets[N];
	struct net_req *reqs[N];
	int64_t t0 = now_ms(), took[N];
	size_t left = N;

	for (size_t i = 0; i < N; i++) {
		char *u = bad_cases[i].path ? url(bad_cases[i].path) : xstrdup(hole);

		nets[i] = net_with(NULL);
		reqs[i] = net_req_new(u);
		net_add(nets[i], reqs[i]);
		took[i] = -1;
		free(u);
	}
	while (left > 0 && now_ms() - t0 < 40000) {
		for (size_t i = 0; i < N; i++) {
			net_run(nets[i], 10);
			if (took[i] < 0 && net_done(nets[i]) != NULL) {
				took[i] = now_ms() - t0;
				left--;
			}
		}
	}
	for (size_t i = 0; i < N; i++) {
		const struct bad_case *c = &bad_cases[i];

		ok(took[i] >= 0 && took[i] <= 15500,
		   "%s: given up within the 15 s budget (%lld ms)", c->what,
		   (long long)took[i]);
		is_str(reqs[i]->error, c->error, "%s: in words", c->what);
		ok(reqs[i]->host_down, "%s: the host is counted as down", c->what);
		net_req_free(reqs[i]);
		net_free(nets[i]);
	}
}

/* ---- hosts that fail ------------------------------------------------ */

static long
count_of(const char *key)
{
	char *q = xasprintf("key=%s", key);
	long v = stat_of(q, "count=");

	free(q);
	return v;
}

/* Adds one request per path at once and runs them all. */
static void
run_all(struct net *n, struct net_req **v, const char *const *paths, size_t k)
{
	int64_t t0 = now_ms();
	size_t got = 0;

	for (size_t i = 0; i < k; i++) {
		char *u = url(paths[i]);

		v[i] = net_req_new(u);
		net_add(n, v[i]);
		free(u);
	}
	while (got < k && now_ms() - t0 < 30000) {
		net_run(n, 50);
		while (net_done(n) != NULL)
			got++;
	}
}

static void
test_host_pause(void)
{
	static const char *const resets[] = {
		"/_fault/reset?key=hp1", "/_fault/reset?key=hp2", "/_fault/reset?key=hp3",
		"/_fault/reset?key=hp4",
	};
	struct net_opts o;
	struct net *n;
	struct net_req *v[4];
	struct net_host h;
	int64_t t0;
	int changed = 0;

	test_opts(&o);
	o.max_per_host = 1;
	n = net_with(&o);
	run_all(n, v, resets, 4);
	is_int(count_of("hp1"), 3, "a failing host: the first page is tried 3 times");
	ok(count_of("hp2") + count_of("hp3") + count_of("hp4") == 0,
	   "a failing host: the pages queued behind it are never sent");
	for (size_t i = 1; i < 4; i++)
		is_str(v[i]->error, "127.0.0.1 closed the connection without answering",
		       "a failing host: page %zu fails at once with the host's error", i + 1);
	ok(v[3]->host_down, "a failing host: paused pages count as the host down");
	while (net_host_changed(n, &h))
		if (strcmp(h.name, "127.0.0.1") == 0 && h.fails == 1 &&
		    h.retry_at >= (int64_t)time(NULL) + 55 &&
		    strcmp(h.error, "127.0.0.1 closed the connection without answering") == 0)
			changed = 1;
	ok(changed, "a failing host: its state is given to be kept (paused a minute)");
	ok(!net_host_changed(n, &h), "a failing host: its state is given once");
	for (size_t i = 0; i < 4; i++)
		net_req_free(v[i]);

	/* a page elsewhere on the host, later in the same run: still paused */
	t0 = now_ms();
	v[0] = net_req_new(base);
	is_int(net_fetch(n, v[0]), NET_ERR, "a paused host: a later page fails too");
	ok(now_ms() - t0 < 200, "a paused host: at once");
	net_req_free(v[0]);
	net_free(n);
}

static void
test_host_restored(void)
{
	static const char *const good[] = {
		"/_fault/slow?ms=300&key=hr1&group=hr", "/_fault/slow?ms=300&key=hr2&group=hr",
		"/_fault/slow?ms=300&key=hr3&group=hr",
	};
	static const char *const bad[] = {
		"/_fault/reset?key=hb1", "/_fault/reset?key=hb2", "/_fault/reset?key=hb3",
	};
	struct net_opts o;
	struct net *n;
	struct net_req *v[3];
	struct net_host h = { .name = "127.0.0.1", .fails = 2 };
	int oks = 0;

	h.failed_at = (int64_t)time(NULL) - 30;
	h.retry_at = (int64_t)time(NULL) + 600;
	snprintf(h.error, sizeof h.error, "earlier failure");
	test_opts(&o);
	n = net_with(&o);
	net_host_restore(n, &h);
	run_all(n, v, bad, 3);
	is_int(count_of("hb1"), 1, "a host that failed in an earlier run is tried once, one try");
	is_int(count_of("hb2") + count_of("hb3"), 0, "the other pages wait and fail with it");
	is_str(v[2]->error, "127.0.0.1 closed the connection without answering",
	       "they fail with what the one try found");
	for (size_t i = 0; i < 3; i++)
		net_req_free(v[i]);
	net_free(n);

	/* a host that asked to be left alone (Retry-After) is not asked at all */
	h.told = 1;
	n = net_with(&o);
	net_host_restore(n, &h);
	v[0] = net_req_new(base);
	xfree_set(&v[0]->url, url("/_fault/slow?ms=1&key=told1"));
	is_int(net_fetch(n, v[0]), NET_ERR, "a host that asked for a pause: not asked");
	is_int(count_of("told1"), 0, "a host that asked for a pause: nothing sent");
	ok(strstr(v[0]->error, "earlier failure") != NULL,
	   "a host that asked for a pause: its words given (%s)", v[0]->error);
	net_req_free(v[0]);
	net_free(n);
	h.told = 0;

	n = net_with(&o);
	net_host_restore(n, &h);
	for (size_t i = 0; i < 3; i++) {
		char *u = url(good[i]);

		v[i] = net_req_new(u);
		net_add(n, v[i]);
		free(u);
	}
	for (int64_t t0 = now_ms(); now_ms() - t0 < 150; )
		net_run(n, 20);
	is_int(stat_of("group=hr", "active="), 1,
	       "while its one try is out, nothing else goes to it");
	while (net_run(n, 50) > 0)
		;
	for (size_t i = 0; i < 3; i++) {
		oks += v[i]->result == NET_OK;
		net_req_free(v[i]);
	}
	while (net_done(n) != NULL)
		;
	is_int(oks, 3, "a host that failed before and answers now: every page arrives");
	ok(net_host_changed(n, &h) && h.fails == 0 && h.retry_at == 0,
	   "the host answers again: that is given to be kept");
	net_free(n);
}

static void
test_retry_after_cap(void)
{
	struct net_opts o;
	struct net *n;
	struct net_req *r;
	struct net_host h = { .fails = 0 };
	int64_t now;

	net_opts_default(&o);
	n = net_with(&o);
	r = net_req_new(base);
	xfree_set(&r->url, url("/_fault/429?key=cap&after=100000"));
	now = (int64_t)time(NULL);
	is_int(net_fetch(n, r), NET_ERR, "Retry-After: 100000: not waited for");
	is_str(r->error, "127.0.0.1 asks to wait 100000 s before trying again",
	       "Retry-After: 100000: said in words");
	ok(net_host_changed(n, &h) && h.retry_at >= now + 3600 && h.retry_at <= now + 3602,
	   "Retry-After: 100000: the host is paused for the cap, an hour (%lld s)",
	   (long long)(h.retry_at - now));
	net_req_free(r);
	net_free(n);

	n = net_with(&o);
	r = net_req_new(base);
	xfree_set(&r->url, url("/_fault/429?key=cap2&after=300"));
	now = (int64_t)time(NULL);
	net_fetch(n, r);
	ok(net_host_changed(n, &h) && h.retry_at >= now + 300 && h.retry_at <= now + 302,
	   "Retry-After: 300: the host is paused 300 s (%lld s)",
	   (long long)(h.retry_at - now));
	net_req_free(r);
	net_free(n);
}

static void
test_stalled_and_cancel(void)
{
	struct net *n = net_with(NULL);
	char *silent = url("/_fault/silent?key=sc1"), *slow = url("/_fault/slow?ms=4000");
	struct net_req *a = net_req_new(silent), *b = net_req_new(slow), *r;
	char host[64] = "x";
	int64_t t0 = now_ms();
	int secs;

	is_int(net_stalled(n, host, sizeof host), 0, "stalled: nothing running, nothing stalled");
	is_str(host, "", "stalled: no host");
	net_add(n, a);
	net_add(n, b);
	while (now_ms() - t0 < 1600)
		net_run(n, 50);
	secs = net_stalled(n, host, sizeof host);
	ok(secs >= 1 && secs <= 2, "stalled: a server silent for 1.6 s shows (%d s)", secs);
	is_str(host, "127.0.0.1", "stalled: its host is named");
	net_cancel(n, a, "gave up");
	r = net_done(n);
	ok(r == a && a->result == NET_CANCELLED, "cancel one: it comes back cancelled");
	is_str(a->error, "gave up", "cancel one: with the reason given");
	is_int(b->result, NET_PENDING, "cancel one: the other goes on");
	net_free(n);
	net_req_free(a);
	net_req_free(b);
	free(silent);
	free(slow);
}

static void
test_url_host(void)
{
	char h[64];

	net_url_host("http://WWW.ChinaHighTech.com/html/", h, sizeof h);
	is_str(h, "www.chinahightech.com", "the host of a URL, lowercase");
	net_url_host("file:///tmp/x", h, sizeof h);
	is_str(h, "", "a file URL has no host");
	net_url_host("not a url", h, sizeof h);
	is_str(h, "", "a non-URL has no host");
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL || server_start() < 0) {
		printf("Bail out! cannot start tests/server.py\n");
		server_stop();
		return 1;
	}
	test_fetch_cases();
	test_conditional();
	test_headers_of_final_response();
	test_gzip();
	test_retry_after();
	test_limits();
	test_refused();
	test_file();
	test_spool();
	test_gbk();
	test_parallel();
	test_run_bounded();
	test_progress_and_cancel();
	test_budget();
	test_host_pause();
	test_host_restored();
	test_retry_after_cap();
	test_stalled_and_cancel();
	test_url_host();
	test_bad_servers_at_defaults();
	server_stop();
	return done_testing();
}
