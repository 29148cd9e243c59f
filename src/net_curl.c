/* net_curl.c: libcurl, opened the first time net.c calls it.
 *
 * gxnews is not linked with libcurl (see dynlib.h): these are the libcurl
 * functions net.c calls, each opening the library (CURL_SONAME, found by
 * configure) on the first call and forwarding to it.  If it cannot be
 * opened, each fails as libcurl itself fails without memory, and
 * net_curl_error() says why; only the network is lost. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

/* Newer headers declare curl_url_get() with a const handle: named apart
 * here, it is defined below in the form every version links to. */
#define curl_url_get gx_header_curl_url_get
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#undef curl_url_get

#include "dynlib.h"
#include "net_curl.h"
#include "util.h"

CURLUcode curl_url_get(CURLU *handle, CURLUPart what, char **part,
                       unsigned int flags);

#define CURL_FNS(X) \
	X(curl_global_init) X(curl_easy_init) X(curl_easy_setopt) \
	X(curl_easy_getinfo) X(curl_easy_cleanup) X(curl_easy_strerror) \
	X(curl_easy_header) X(curl_free) X(curl_multi_init) \
	X(curl_multi_add_handle) X(curl_multi_remove_handle) \
	X(curl_multi_cleanup) X(curl_multi_info_read) X(curl_multi_perform) \
	X(curl_multi_poll) X(curl_multi_setopt) X(curl_slist_append) \
	X(curl_slist_free_all) X(curl_url) X(curl_url_cleanup) X(curl_url_get) \
	X(curl_url_set) X(curl_version)

enum {
#define X(f) I_##f,
	CURL_FNS(X)
#undef X
	NFNS
};

static const char *const names[NFNS] = {
#define X(f) #f,
	CURL_FNS(X)
#undef X
};

static void *fns[NFNS];

static struct dynlib curl_lib = {
	.soname = CURL_SONAME, .names = names, .fns = fns, .nfns = NFNS,
};

/* The library's f, with f's own type. */
#define CALL(f) ((__typeof__(f) *)fns[I_##f])

static int
ready(void)
{
	return dynlib_ready(&curl_lib);
}

const char *
net_curl_error(void)
{
	return ready() ? NULL : curl_lib.why;
}

CURLcode
curl_global_init(long flags)
{
	return ready() ? CALL(curl_global_init)(flags) : CURLE_FAILED_INIT;
}

CURL *
curl_easy_init(void)
{
	return ready() ? CALL(curl_easy_init)() : NULL;
}

/* An option's value is a long, a pointer, a function or a curl_off_t,
 * told by the option's number as libcurl itself tells it. */
#define FORWARD_OPTION(f, handle, option, ap, rc) do { \
	if ((option) < CURLOPTTYPE_OBJECTPOINT) \
		(rc) = CALL(f)((handle), (option), va_arg((ap), long)); \
	else if ((option) < CURLOPTTYPE_FUNCTIONPOINT) \
		(rc) = CALL(f)((handle), (option), va_arg((ap), void *)); \
	else if ((option) < CURLOPTTYPE_OFF_T) \
		(rc) = CALL(f)((handle), (option), va_arg((ap), void (*)(void))); \
	else if ((option) < CURLOPTTYPE_BLOB) \
		(rc) = CALL(f)((handle), (option), va_arg((ap), curl_off_t)); \
	else \
		(rc) = CALL(f)((handle), (option), va_arg((ap), void *)); \
} while (0)

CURLcode
curl_easy_setopt(CURL *curl, CURLoption option, ...)
{
	CURLcode rc;
	va_list ap;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, option);
	FORWARD_OPTION(curl_easy_setopt, curl, option, ap, rc);
	va_end(ap);
	return rc;
}

CURLcode
curl_easy_getinfo(CURL *curl, CURLINFO info, ...)
{
	CURLcode rc;
	va_list ap;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, info);         /* every CURLINFO takes a pointer */
	rc = CALL(curl_easy_getinfo)(curl, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

void
curl_easy_cleanup(CURL *curl)
{
	if (ready())
		CALL(curl_easy_cleanup)(curl);
}

const char *
curl_easy_strerror(CURLcode code)
{
	return ready() ? CALL(curl_easy_strerror)(code) : curl_lib.why;
}

CURLHcode
curl_easy_header(CURL *easy, const char *name, size_t index,
                 unsigned int origin, int request, struct curl_header **hout)
{
	if (!ready())
		return CURLHE_NOHEADERS;
	return CALL(curl_easy_header)(easy, name, index, origin, request, hout);
}

void
curl_free(void *p)
{
	if (ready())
		CALL(curl_free)(p);
}

CURLM *
curl_multi_init(void)
{
	return ready() ? CALL(curl_multi_init)() : NULL;
}

CURLMcode
curl_multi_add_handle(CURLM *multi, CURL *easy)
{
	return ready() ? CALL(curl_multi_add_handle)(multi, easy) : CURLM_BAD_HANDLE;
}

CURLMcode
curl_multi_remove_handle(CURLM *multi, CURL *easy)
{
	return ready() ? CALL(curl_multi_remove_handle)(multi, easy) : CURLM_BAD_HANDLE;
}

CURLMcode
curl_multi_cleanup(CURLM *multi)
{
	return ready() ? CALL(curl_multi_cleanup)(multi) : CURLM_BAD_HANDLE;
}

CURLMsg *
curl_multi_info_read(CURLM *multi, int *msgs_in_queue)
{
	if (!ready()) {
		*msgs_in_queue = 0;
		return NULL;
	}
	return CALL(curl_multi_info_read)(multi, msgs_in_queue);
}

CURLMcode
curl_multi_perform(CURLM *multi, int *running)
{
	return ready() ? CALL(curl_multi_perform)(multi, running) : CURLM_BAD_HANDLE;
}

CURLMcode
curl_multi_poll(CURLM *multi, struct curl_waitfd extra_fds[],
                unsigned int extra_nfds, int timeout_ms, int *ret)
{
	if (!ready())
		return CURLM_BAD_HANDLE;
	return CALL(curl_multi_poll)(multi, extra_fds, extra_nfds, timeout_ms, ret);
}

CURLMcode
curl_multi_setopt(CURLM *multi, CURLMoption option, ...)
{
	CURLMcode rc;
	va_list ap;

	if (!ready())
		return CURLM_BAD_HANDLE;
	va_start(ap, option);
	FORWARD_OPTION(curl_multi_setopt, multi, option, ap, rc);
	va_end(ap);
	return rc;
}

struct curl_slist *
curl_slist_append(struct curl_slist *list, const char *data)
{
	return ready() ? CALL(curl_slist_append)(list, data) : NULL;
}

void
curl_slist_free_all(struct curl_slist *list)
{
	if (ready())
		CALL(curl_slist_free_all)(list);
}

CURLU *
curl_url(void)
{
	return ready() ? CALL(curl_url)() : NULL;
}

void
curl_url_cleanup(CURLU *handle)
{
	if (ready())
		CALL(curl_url_cleanup)(handle);
}

CURLUcode
curl_url_get(CURLU *handle, CURLUPart what, char **part, unsigned int flags)
{
	if (!ready())
		return CURLUE_OUT_OF_MEMORY;
	return CALL(curl_url_get)(handle, what, part, flags);
}

CURLUcode
curl_url_set(CURLU *handle, CURLUPart what, const char *part,
             unsigned int flags)
{
	if (!ready())
		return CURLUE_OUT_OF_MEMORY;
	return CALL(curl_url_set)(handle, what, part, flags);
}

char *
curl_version(void)
{
	static char text[600];

	if (ready())
		return CALL(curl_version)();
	snprintf(text, sizeof text, _("libcurl (not loaded: %s)"), curl_lib.why);
	return text;
}
