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

/* The one way to the screen, the terminal-safe filter: a malloc'd copy of
 * s that is valid UTF-8 (invalid bytes become U+FFFD) with no C0/C1
 * controls, DEL, escape sequences, bidi overrides or characters wcwidth()
 * rejects, and none of what terminals draw at different widths (see
 * text_width): a ZWJ after an emoji, emoji modifiers U+1F3FB-1F3FF, VS15
 * and VS16 (U+FE0E, U+FE0F). */
char *text_sanitize(const char *s, size_t len, int flags);
/* Details of text_sanitize: each maximal ill-formed UTF-8 subpart becomes
 * one U+FFFD; ESC and C1 sequences go whole (CSI up to its final byte;
 * OSC, DCS, SOS, PM, APC up to BEL or ST, or else up to the next newline);
 * U+200E/200F, U+202A-202E, U+2066-2069, U+061C and U+FEFF go; '\n', CR,
 * CR LF, NEL, U+2028 and U+2029 become '\n' with TEXT_KEEP_NL and a space
 * without; '\t' stays with TEXT_KEEP_TAB and is a space without; VT and
 * FF are spaces; other controls go.  s may be NULL (gives ""). */

/* Display columns of UTF-8 text as the terminal draws it once sanitized:
 * the sum of wcwidth() over its code points (marks 0, a flag's two
 * regional indicators 1 each); what text_sanitize drops (controls, an
 * emoji joiner, modifiers, VS15/VS16) counts 0, invalid bytes and rejected
 * characters as the U+FFFD that replaces them.
 * text.c also defines wcwidth() and wcswidth(), which the executable
 * exports to ncursesw, so that curses measures the same way (ambiguous
 * width included). */
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
/* (text_cell sanitizes s first, newlines becoming spaces; NULL is "".) */

/* Grapheme clusters (UAX #29): the byte offset of the next cluster
 * boundary after off (len at the end), and of the one before off (0 at
 * the start); e.g. for moving a cursor or deleting a character. */
size_t text_cluster_next(const char *s, size_t len, size_t off);
size_t text_cluster_prev(const char *s, size_t len, size_t off);

struct text_lines {
	char  **v;
	size_t  n, cap;
};

enum {
	TEXT_INDENT = 1 << 0,   /* first line starts with two U+3000 */
	TEXT_KEEP_INDENT = 1 << 1,  /* the paragraph's own U+3000 indent stays */
};
/* Breaks one paragraph into lines of at most width columns, Chinese rules
 * (UAX #14 via ICU, zh, kinsoku).  Leading indent in the input (spaces,
 * U+3000, U+00A0) is dropped, and replaced by two U+3000 with TEXT_INDENT;
 * with TEXT_KEEP_INDENT the input's own U+3000 indent stays as it is.
 * Lines are appended to out.  Returns 0, or -1 if ICU failed. */
int  text_wrap(const char *para, size_t len, int width, int flags,
               struct text_lines *out);
/* Details of text_wrap: the input is sanitized first (text_sanitize with
 * TEXT_KEEP_NL); a '\n' inside the paragraph is a forced line break (a
 * final '\n' is ignored), and the line after it starts without indent;
 * an empty paragraph gives one empty line.  A line is never wider than
 * width, except a line holding one cluster that alone is wider (a CJK
 * character at width 1).  A word or unbreakable run longer than a line
 * starts where it stands and is cut at cluster boundaries to fill lines
 * (not before closing or after opening punctuation when avoidable).  A URL
 * (http://, https://, ftp://, www.) holds together like a word; one longer
 * than a line is cut after the last / ? & = that fits (it goes to the next
 * line when none fits here but its first piece fits a line); a piece
 * longer than a line is cut at cluster boundaries.  A book title in
 * 《…》 or 〈…〉 with at most 30 clusters inside (nested titles allowed;
 * an unclosed or longer one is ordinary text) holds together like a word
 * when it fits a line with the punctuation that keeps to it (a following
 * ，or 》): it goes to the next line whole rather than straddle the
 * margin, as long as the line it leaves ends at most width/10 columns
 * short (4 at width 40, at least 2); else it breaks inside at a character
 * boundary, as Chinese text does.  One that does not fit a line breaks as
 * other text does.  TEXT_INDENT is ignored below width 8. */

/* The byte offsets (0 < off < len) where text_wrap may start a new line
 * in s (one paragraph, no sanitizing done): fills at most max of them and
 * returns how many there are.  Breaks inside a URL or a book title are
 * not among them (text_wrap uses those only for one longer than a line).
 * For tests and tools. */
size_t text_breaks(const char *s, size_t len, size_t *off, size_t max);

/* Appends a copy of s[0..len) (v stays NULL-terminated). */
void text_lines_add(struct text_lines *l, const char *s, size_t len);
void text_lines_free(struct text_lines *l);

/* The ICU version in use, e.g. "72.1". */
void text_icu_version(char *out, size_t outsz);

#endif
