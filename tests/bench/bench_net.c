/* bench_net.c: the wall time of one refresh.  Twenty list pages spread over
 * ten loopback hosts (127.0.0.1 - 127.0.0.10, one tests/server.py each),
 * every page answered after 200 ms, fetched with the default limits
 * (8 at once, 2 per host).  Compared with fetching them one by one and with
 * the bound the limits allow.  All traffic stays on 127.0.0.x.
 *
 *   bench_net SRCDIR */
#include "config.h"

#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "net.h"
#include "util.h"

#define HOSTS  10
#define PAGES  20
#define DELAY  200
#define RUNS   5

extern char **environ;

static pid_t pids[HOSTS];
static int ports[HOSTS];
static char tmpdir[] = "/tmp/gxnews-bench-net-XXXXXX";

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
read_port(const char *file)
{
	struct timespec pause = { 0, 50 * 1000000 };
	int port = 0, i;
	FILE *f;

	for (i = 0; i < 200 && port == 0; i++) {
		f = fopen(file, "r");
		if (f != NULL) {
			if (fscanf(f, "%d", &port) != 1)
				port = 0;
			fclose(f);
		}
		if (port == 0)
			nanosleep(&pause, NULL);
	}
	unlink(file);
	return port;
}

static int
servers_start(const char *srcdir)
{
	const char *py = getenv("PYTHON3");
	char *script = xasprintf("%s/tests/server.py", srcdir);
	char *root = xasprintf("%s/tests/fixtures/net/www", srcdir);
	char host[16], *file[HOSTS];
	int i, rc = 0;

	if (str_empty(py) || strcmp(py, "no") == 0)
		py = "python3";
	for (i = 0; i < HOSTS; i++) {
		char *argv[] = { (char *)py, script, "--root", root, "--host", host,
		                 "--port-file", NULL, "--max-seconds", "300", NULL };

		snprintf(host, sizeof host, "127.0.0.%d", i + 1);
		file[i] = xasprintf("%s/port%d", tmpdir, i + 1);
		argv[7] = file[i];
		if (posix_spawnp(&pids[i], py, NULL, NULL, argv, environ) != 0)
			rc = -1;
	}
	for (i = 0; i < HOSTS; i++) {
		ports[i] = rc == 0 ? read_port(file[i]) : 0;
		if (ports[i] == 0)
			rc = -1;
		free(file[i]);
	}
	free(script);
	free(root);
	return rc;
}

static void
servers_stop(void)
{
	int i;

	for (i = 0; i < HOSTS; i++) {
		if (pids[i] > 0) {
			kill(pids[i], SIGTERM);
			waitpid(pids[i], NULL, 0);
		}
	}
	rmdir(tmpdir);
}

/* One refresh: PAGES pages over `hosts` hosts; wall time in ms, or -1. */
static int64_t
refresh(const struct net_opts *o, int hosts)
{
	struct net *n = NULL;
	struct net_req *v[PAGES], *r;
	int64_t t0;
	int i, got = 0, bad = 0;

	if (net_new(&n, o, NULL) < 0)
		return -1;
	t0 = now_ms();
	for (i = 0; i < PAGES; i++) {
		char *u = xasprintf("http://127.0.0.%d:%d/_fault/slow?ms=%d&key=p%d",
		                    i % hosts + 1, ports[i % hosts], DELAY, i);

		v[i] = net_req_new(u);
		free(u);
		net_add(n, v[i]);
	}
	while (got < PAGES) {
		net_run(n, 50);
		for (r = net_done(n); r != NULL; r = net_done(n)) {
			got++;
			bad += r->result != NET_OK;
		}
	}
	t0 = now_ms() - t0;
	for (i = 0; i < PAGES; i++)
		net_req_free(v[i]);
	net_free(n);
	return bad ? -1 : t0;
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int64_t
median_refresh(const struct net_opts *o, int hosts)
{
	int64_t t[RUNS];
	int i;

	for (i = 0; i < RUNS; i++) {
		t[i] = refresh(o, hosts);
		if (t[i] < 0)
			return -1;
	}
	qsort(t, RUNS, sizeof t[0], cmp64);
	return t[RUNS / 2];
}

int
main(int argc, char **argv)
{
	struct net_opts o;
	int64_t spread, one_host, wide;

	if (argc < 2 || mkdtemp(tmpdir) == NULL) {
		fprintf(stderr, "usage: bench_net SRCDIR\n");
		return 2;
	}
	if (servers_start(argv[1]) < 0) {
		fprintf(stderr, "bench_net: cannot start tests/server.py on 127.0.0.1-10\n");
		servers_stop();
		return 1;
	}
	net_opts_default(&o);
	spread = median_refresh(&o, HOSTS);
	one_host = median_refresh(&o, 1);
	o.max_total = 20;
	wide = median_refresh(&o, HOSTS);
	servers_stop();

	printf("refresh of %d pages, each answered after %d ms (median of %d):\n",
	       PAGES, DELAY, RUNS);
	printf("  %2d hosts, 8 at once, 2 per host: %5lld ms\n", HOSTS,
	       (long long)spread);
	printf("  sequential sum:                   %5d ms\n", PAGES * DELAY);
	printf("  parallel bound (%d x %d / 8):    %5d ms  (whole rounds: %d ms)\n",
	       PAGES, DELAY, PAGES * DELAY / 8, (PAGES + 7) / 8 * DELAY);
	printf("  speed-up over sequential:         %5.1fx\n",
	       spread > 0 ? (double)(PAGES * DELAY) / (double)spread : 0.0);
	printf("   1 host,  2 per host (polite):    %5lld ms  (bound %d ms)\n",
	       (long long)one_host, PAGES / 2 * DELAY);
	printf("  %2d hosts, 20 at once, 2 per host: %5lld ms  (bound %d ms)\n",
	       HOSTS, (long long)wide, DELAY);
	return 0;
}
