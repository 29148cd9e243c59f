/* check.h: gxnews --check-site: which rule reads each field of the site. */
#ifndef GX_CHECK_H
#define GX_CHECK_H

#include <stdio.h>
#include "news.h"

/* Reads the home page, one list page of each channel, one article of each
 * of the profile's article templates, the rankings and the picks, and
 * prints per page and field the rule that read it (profile, fallback,
 * generic or missing) with a value read.  Returns an exit status: 1 when
 * a field every page has (channels, list items and titles, an article's
 * title, time and text) is missing on a page, or a page cannot be read. */
int check_site(struct news *n, FILE *out);

#endif
