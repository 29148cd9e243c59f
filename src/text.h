/* text.h: UTF-8, grapheme clusters, display width, line breaking, fitting,
 * sanitizing.  Every string that reaches the terminal goes through here. */
#ifndef GX_TEXT_H
#define GX_TEXT_H

#include <stddef.h>

/* Call once after setlocale(); loads ICU break iterators lazily. */
void text_set_ambiguous_width(int w);       /* 1 (default) or 2 */
int  text_ambiguous_width(void);

enum {
	TEXT_KEEP_NL  = 1 << 0,     /* keep '\n' */
	TEXT_KEEP_TAB = 1 << 1,     /* keep '\t' */
};

/* The one way to the screen: a malloc'd copy of s that is valid UTF-8
 * (invalid bytes become U+FFFD) with no C0/C1 controls, DEL, escape
 * sequences, bidi overrides or characters wcwidth() rejects. */
char *text_sanitize(const char *s, size_t len, int flags);

/* Display columns of UTF-8 text, summing wcwidth() over grapheme clusters. */
int text_width(const char *s, size_t len);

/* Bytes of the longest prefix of whole clusters that fits in cols columns;
 * *used (if not NULL) gets its width. */
size_t text_fit(const char *s, size_t len, int cols, int *used);

enum {
	TEXT_ALIGN_RIGHT = 1 << 0,
	TEXT_NO_ELLIPSIS = 1 << 1,
};
/* A malloc'd string exactly cols columns wide: s cut at a cluster boundary
 * with "…" if too long, padded with spaces (a wide character that would
 * straddle the edge becomes a space). */
char *text_cell(const char *s, int cols, int flags);

struct text_lines {
	char  **v;
	size_t  n, cap;
};

enum {
	TEXT_INDENT = 1 << 0,   /* first line starts with two U+3000 */
};
/* Breaks one paragraph into lines of at most width columns, Chinese rules
 * (UAX #14 via ICU, zh, kinsoku).  Leading indent in the input (spaces,
 * U+3000, U+00A0) is dropped, and replaced by two U+3000 with TEXT_INDENT.
 * Lines are appended to out.  Returns 0, or -1 if ICU failed. */
int  text_wrap(const char *para, size_t len, int width, int flags,
               struct text_lines *out);
void text_lines_add(struct text_lines *l, const char *s, size_t len);
void text_lines_free(struct text_lines *l);

#endif
