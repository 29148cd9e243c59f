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

#define CURL_FNS(X, l) \
	X(l, curl_global_init) X(l, curl_easy_init) X(l, curl_easy_setopt) \
	X(l, curl_easy_getinfo) X(l, curl_easy_cleanup) X(l, curl_easy_strerror) \
	X(l, curl_easy_header) X(l, curl_free) X(l, curl_multi_init) \
	X(l, curl_multi_add_handle) X(l, curl_multi_remove_handle) \
	X(l, curl_multi_cleanup) X(l, curl_multi_info_read) X(l, curl_multi_perform) \
	X(l, curl_multi_poll) X(l, curl_multi_setopt) X(l, curl_slist_append) \
	X(l, curl_slist_free_all) X(l, curl_url) X(l, curl_url_cleanup) \
	X(l, curl_url_get) X(l, curl_url_set) X(l, curl_version)

DYNLIB(libcurl, CURL_SONAME, CURL_FNS);

const char *
net_curl_error(void)
{
	return dynlib_ready(&libcurl) ? NULL : libcurl.why;
}

DYNLIB_FWD(libcurl, CURLcode, curl_global_init, (long flags), (flags), CURLE_FAILED_INIT)
DYNLIB_FWD(libcurl, CURL *, curl_easy_init, (void), (), NULL)
DYNLIB_FWD_VOID(libcurl, curl_easy_cleanup, (CURL *h), (h))
DYNLIB_FWD(libcurl, const char *, curl_easy_strerror, (CURLcode code), (code),
           libcurl.why)
DYNLIB_FWD(libcurl, CURLHcode, curl_easy_header,
           (CURL *h, const char *name, size_t index, unsigned int origin, int request,
            struct curl_header **hout), (h, name, index, origin, request, hout),
           CURLHE_NOHEADERS)
DYNLIB_FWD_VOID(libcurl, curl_free, (void *p), (p))
DYNLIB_FWD(libcurl, CURLM *, curl_multi_init, (void), (), NULL)
DYNLIB_FWD(libcurl, CURLMcode, curl_multi_add_handle, (CURLM *m, CURL *h), (m, h),
           CURLM_BAD_HANDLE)
DYNLIB_FWD(libcurl, CURLMcode, curl_multi_remove_handle, (CURLM *m, CURL *h), (m, h),
           CURLM_BAD_HANDLE)
DYNLIB_FWD(libcurl, CURLMcode, curl_multi_cleanup, (CURLM *m), (m), CURLM_BAD_HANDLE)
DYNLIB_FWD(libcurl, CURLMcode, curl_multi_perform, (CURLM *m, int *running), (m, running),
           CURLM_BAD_HANDLE)
DYNLIB_FWD(libcurl, CURLMcode, curl_multi_poll,
           (CURLM *m, struct curl_waitfd extra_fds[], unsigned int extra_nfds,
            int timeout_ms, int *ret), (m, extra_fds, extra_nfds, timeout_ms, ret),
           CURLM_BAD_HANDLE)
DYNLIB_FWD(libcurl, struct curl_slist *, curl_slist_append,
           (struct curl_slist *list, const char *data), (list, data), NULL)
DYNLIB_FWD_VOID(libcurl, curl_slist_free_all, (struct curl_slist *list), (list))
DYNLIB_FWD(libcurl, CURLU *, curl_url, (void), (), NULL)
DYNLIB_FWD_VOID(libcurl, curl_url_cleanup, (CURLU *u), (u))
DYNLIB_FWD(libcurl, CURLUcode, curl_url_get,
           (CURLU *u, CURLUPart what, char **part, unsigned int flags),
           (u, what, part, flags), CURLUE_OUT_OF_MEMORY)
DYNLIB_FWD(libcurl, CURLUcode, curl_url_set,
           (CURLU *u, CURLUPart what, const char *part, unsigned int flags),
           (u, what, part, flags), CURLUE_OUT_OF_MEMORY)

CURLMsg *
curl_multi_info_read(CURLM *m, int *msgs_in_queue)
{
	if (!dynlib_ready(&libcurl)) {
		*msgs_in_queue = 0;
		return NULL;
	}
	return DYNLIB_CALL(libcurl, curl_multi_info_read)(m, msgs_in_queue);
}

/* The option setters pass on their one value: a long, a pointer, a
 * function or a curl_off_t, told by the option's number as libcurl itself
 * tells it. */
#define FORWARD_OPTION(f, handle, option, ap, rc) do { \
	__typeof__(f) *call = DYNLIB_CALL(libcurl, f); \
	if ((option) < CURLOPTTYPE_OBJECTPOINT) \
		(rc) = call((handle), (option), va_arg((ap), long)); \
	else if ((option) < CURLOPTTYPE_FUNCTIONPOINT) \
		(rc) = call((handle), (option), va_arg((ap), void *)); \
	else if ((option) < CURLOPTTYPE_OFF_T) \
		(rc) = call((handle), (option), va_arg((ap), void (*)(void))); \
	else if ((option) < CURLOPTTYPE_BLOB) \
		(rc) = call((handle), (option), va_arg((ap), curl_off_t)); \
	else \
		(rc) = call((handle), (option), va_arg((ap), void *)); \
} while (0)

CURLcode
curl_easy_setopt(CURL *h, CURLoption option, ...)
{
	CURLcode rc;
	va_list ap;

	if (!dynlib_ready(&libcurl))
		return CURLE_FAILED_INIT;
	va_start(ap, option);
	FORWARD_OPTION(curl_easy_setopt, h, option, ap, rc);
	va_end(ap);
	return rc;
}

CURLMcode
curl_multi_setopt(CURLM *m, CURLMoption option, ...)
{
	CURLMcode rc;
	va_list ap;

	if (!dynlib_ready(&libcurl))
		return CURLM_BAD_HANDLE;
	va_start(ap, option);
	FORWARD_OPTION(curl_multi_setopt, m, option, ap, rc);
	va_end(ap);
	return rc;
}

CURLcode
curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
	CURLcode rc;
	va_list ap;

	if (!dynlib_ready(&libcurl))
		return CURLE_FAILED_INIT;
	va_start(ap, info);         /* every CURLINFO takes a pointer */
	rc = DYNLIB_CALL(libcurl, curl_easy_getinfo)(h, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

char *
curl_version(void)
{
	static char text[600];

	if (dynlib_ready(&libcurl))
		return DYNLIB_CALL(libcurl, curl_version)();
	snprintf(text, sizeof text, _("libcurl (not loaded: %s)"), libcurl.why);
	return text;
}
