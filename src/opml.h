/* opml.h: OPML subscription lists, the way feed readers hand their feeds
 * to each other: import (`gxnews --import-opml FILE`) and export
 * (`gxnews --export-opml`) of the config's `feed URL [LABEL]` lines.
 * A parser and a writer: bytes in, data out; no file or network I/O. */
#ifndef GX_OPML_H
#define GX_OPML_H

#include <stddef.h>
#include <stdio.h>
#include "util.h"

struct opml_feed {
	char *url;              /* http:// or https://, no spaces, no #fragment */
	char *label;            /* one line of UTF-8, or NULL: no title given */
};

/* Reads an OPML file (1.0 or 2.0, any encoding its XML declaration names).
 * Every <outline> with an xmlUrl attribute is a feed, however deeply it
 * sits in folders (they are flattened, in document order); its label is
 * the title attribute, else text, with whitespace squeezed to single
 * spaces; a label equal to the URL counts as none.  feed:// URLs become
 * http://; other schemes (file:, javascript:, ...), URLs with spaces and
 * repeats of an earlier URL are skipped; a #fragment is dropped.
 *
 * Safe on hostile input: no network, no DTD loaded, no entity expanded
 * (an entity reference in an attribute reads as nothing), libxml2's depth
 * and size limits on; a file that is not well-formed is read as far as
 * libxml2 can recover it.
 *
 * On success *v (malloc'd, free with opml_free) and *n get the feeds; a
 * valid OPML file without feeds gives *n == 0.  Returns -1 with e set if
 * the bytes are not OPML at all. */
int opml_parse(const char *buf, size_t len, struct opml_feed **v, size_t *n,
               struct err *e);

/* Writes v as an OPML 2.0 document in UTF-8: one <outline type="rss">
 * per feed with text, title (the label, else text is the URL) and xmlUrl,
 * everything escaped; bytes that are not UTF-8 become U+FFFD and control
 * characters XML cannot carry are dropped.  Returns 0, or -1 if writing
 * failed (errno says why). */
int opml_write(FILE *f, const struct opml_feed *v, size_t n);

void opml_free(struct opml_feed *v, size_t n);

#endif
