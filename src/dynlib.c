/* dynlib.c: a shared library opened the first time it is needed. */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "dynlib.h"

static pthread_mutex_t opening = PTHREAD_MUTEX_INITIALIZER;

static void
open_lib(struct dynlib *l)
{
	void *h;

	dlerror();
	/* RTLD_LAZY: the library's own calls are bound as they are first
	 * made (binding all of libcurl's and its TLS libraries' at once took
	 * longer than reading a small feed); the symbols gxnews calls are
	 * looked up below, so one missing is found now.  RTLD_LOCAL: its
	 * names stay its own. */
	h = dlopen(l->soname, RTLD_LAZY | RTLD_LOCAL);
	if (h == NULL) {
		const char *why = dlerror();

		snprintf(l->why, sizeof l->why, "%s", why != NULL ? why : l->soname);
		atomic_store(&l->state, -1);
		return;
	}
	for (size_t i = 0; i < l->nfns; i++) {
		l->fns[i] = dlsym(h, l->names[i]);
		if (l->fns[i] == NULL) {
			snprintf(l->why, sizeof l->why, "%s: %s", l->soname, l->names[i]);
			dlclose(h);
			atomic_store(&l->state, -1);
			return;
		}
	}
	atomic_store(&l->state, 1);
}

int
dynlib_ready(struct dynlib *l)
{
	int state = atomic_load(&l->state);

	if (state == 0) {
		pthread_mutex_lock(&opening);
		if (atomic_load(&l->state) == 0)
			open_lib(l);
		pthread_mutex_unlock(&opening);
		state = atomic_load(&l->state);
	}
	return state > 0;
}
