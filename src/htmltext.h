/* htmltext.h: plain text of HTML: what a feed's summary says and what the
 * search index sees. */
#ifndef GX_HTMLTEXT_H
#define GX_HTMLTEXT_H

#include <stddef.h>
#include "util.h"

/* Appends the plain text of HTML source s[0, n) (or of text with
 * entities) to out: tags and comments dropped (script and style with
 * their content), character references and HTML entities decoded (a NUL
 * or a value past U+10FFFF as U+FFFD), block tags (p, br, div, li, td, h1…) as a space so
 * their words stay apart, inline tags as nothing so a word split by <b>
 * stays whole.  At most max characters; *cut is set if there was more.
 * s[n] must be readable and NUL (a buf, SQLite text): the end of a script
 * is looked for with strcasestr. */
void htmltext(struct buf *out, const char *s, size_t n, size_t max, int *cut);

/* The code point of the character reference or entity at s ('&', n bytes
 * left) and in *used the bytes it takes; 0 if it is neither. */
unsigned htmltext_entity(const char *s, size_t n, size_t *used);

#endif
