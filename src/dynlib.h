/* dynlib.h: a shared library opened the first time it is needed.
 *
 * A reader that opens on its cache needs neither the network (libcurl and
 * the TLS, Kerberos, LDAP and SSH libraries it pulls in) nor the picture
 * decoders.  Linked, they are mapped and relocated before main() runs and
 * are most of the process's memory.  So gxnews does not link them: a
 * forwarding file (net_curl.c, image_libs.c) defines the few functions
 * gxnews calls and opens the library on the first call. */
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

/* DYNLIB(lib, soname, FNS) defines struct dynlib lib for the functions FNS
 * names: FNS is a macro FNS(X, lib) calling X(lib, f) for each f.  Then
 * DYNLIB_CALL(lib, f) is the library's f with f's own type (once lib is
 * ready), and DYNLIB_FWD defines f itself, forwarding to it or returning
 * fail when lib cannot be opened (DYNLIB_FWD_VOID: f returns nothing). */
#define DYNLIB_SLOT(lib, f) lib##_slot_##f,
#define DYNLIB_NAME(lib, f) #f,
#define DYNLIB(lib, soname_, FNS) \
	enum { FNS(DYNLIB_SLOT, lib) lib##_nslots }; \
	static const char *const lib##_names[] = { FNS(DYNLIB_NAME, lib) }; \
	static void *lib##_fns[lib##_nslots]; \
	static struct dynlib lib = { .soname = (soname_), .names = lib##_names, \
	                             .fns = lib##_fns, .nfns = lib##_nslots }
#define DYNLIB_CALL(lib, f) ((__typeof__(f) *)lib##_fns[lib##_slot_##f])
#define DYNLIB_FWD(lib, ret, f, params, args, fail) \
	ret f params { return dynlib_ready(&lib) ? DYNLIB_CALL(lib, f) args : (fail); }
#define DYNLIB_FWD_VOID(lib, f, params, args) \
	void f params { if (dynlib_ready(&lib)) DYNLIB_CALL(lib, f) args; }

#endif
