/* net_curl.h: libcurl, opened the first time net.c calls it. */
#ifndef GX_NET_CURL_H
#define GX_NET_CURL_H

/* Why libcurl cannot be opened, or NULL when it is open (opening it). */
const char *net_curl_error(void);

#endif
