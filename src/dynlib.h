/* dynlib.h: a shared library opened the first time it is needed.
 *
 * A reader that opens on its cache needs neither the network (libcurl and
 * the TLS, Kerberos, LDAP and SSH libraries it pulls in) nor the picture
 * decoders.  Linked, they are mapped and relocated before main() runs and
 * are most of the process's memory.  So gxnews does not link them: a
 * forwarding file (net_curl.c) defines the few functions gxnews calls and
 * opens the library on the first call. */
#ifndef GX_DYNLIB_H
#define GX_DYNLIB_H

#include <stdatomic.h>

struct dynlib {
	const char        *soname;   /* as configure found it */
	const char *const *names;    /* the symbols, in the order of fns */
	void             **fns;      /* filled once it is open */
	size_t             nfns;
	atomic_int         state;    /* 0 not tried, 1 open, -1 failed */
	char               why[512]; /* when it failed: dlerror()'s words */
};

/* 1 when l is open with every symbol, opening it on the first call (from
 * any thread, once); 0 when it cannot be, l->why saying why. */
int dynlib_ready(struct dynlib *l);

#endif
