/* query.h: the one query language of gxnews: what a query tab lists, what
 * a rule applies to, what the search of the cache looks for.
 *
 *   园区 "高新 区" unread source=chinahightech newer=7d -title=广告
 *
 * A query is conditions that must all hold:
 *   WORD, "A PHRASE"   in the title or the text
 *   FIELD=VALUE        in that field: title, text, author, source (the site
 *                      or feed the article came from, by name or address,
 *                      or the 来源 it credits); VALUE may be quoted
 *   unread, read, starred         the article's marks
 *   newer=AGE, older=AGE          its date: AGE is a number and a unit,
 *                                 m (minutes), h, d (days, the default), w
 * A '-' before a condition negates it.  Words are separated by spaces
 * (ASCII or U+3000); within quotes, \" and \\ stand for " and \.  Text is
 * found as a part of the field, ASCII letters in either case.  A parser:
 * text in, data out, no I/O. */
#ifndef GX_QUERY_H
#define GX_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

enum query_kind { QC_TEXT, QC_UNREAD, QC_READ, QC_STARRED, QC_NEWER, QC_OLDER };
enum query_field { QF_ANY, QF_TITLE, QF_TEXT, QF_AUTHOR, QF_SOURCE };

struct query_cond {
	int     kind;       /* enum query_kind */
	int     field;      /* QC_TEXT: enum query_field */
	int     negate;
	char  **forms;      /* QC_TEXT: the value as written first, then any
	                       other form of it to look for (query_add_form) */
	size_t  nforms;
	int64_t age;        /* QC_NEWER, QC_OLDER: seconds */
	char   *age_text;   /* as written ("7d") */
	int     col;        /* where it starts in the text, in characters from 1 */
};

struct query {
	struct query_cond *v;
	size_t n;
};

/* Parses s.  On an error, -1 with e saying what and where ("column 12:
 * unknown field 'titel' …") and *col (may be NULL) the column, in
 * characters from 1; out is then empty.  An empty s is a query without
 * conditions (it holds for everything). */
int  query_parse(const char *s, struct query *out, int *col, struct err *e);
/* The same for a query that starts in column col0 of a longer line: the
 * columns errors name count from there. */
int  query_parse_at(const char *s, int col0, struct query *out, int *col,
                    struct err *e);
/* One word of a line that starts in column col0: a "quoted phrase" (its
 * escapes undone) or a word up to a space, the spaces before it skipped.
 * 0 with *out malloc'd and *end the bytes read; 1 if s holds no word
 * (*out NULL); -1 with e (and *col) saying what is wrong where. */
int  query_word_at(const char *s, int col0, char **out, size_t *end, int *col,
                   struct err *e);
void query_free(struct query *q);
/* The query written out again, quoting what needs it: query_parse of it
 * gives the same conditions.  Malloc'd. */
char *query_format(const struct query *q);

/* A query finding what the search of the cache finds for text: each of its
 * words (separated by spaces) a word of the query, quoted if need be.
 * Malloc'd. */
char *query_of_search(const char *text);

/* An age as newer= and older= take it ("7d", "12h", "30m", "2w", "3"):
 * 0 and *seconds, or -1. */
int  query_age(const char *s, int64_t *seconds);

/* Another form of condition i's value to look for (the same words in
 * another script, say); copied. */
void query_add_form(struct query *q, size_t i, const char *form);

/* What a query is matched against.  The text is asked for only when a
 * condition needs it (it may cost a read of the cache). */
struct query_subject {
	const char *title, *author;
	const char *credit;         /* the 来源 the article names */
	const char *origin;         /* the site's or feed's name */
	const char *origin_key;     /* the site's profile name or the feed's URL */
	int read, starred;
	int64_t time;               /* 0: unknown (newer and older never hold) */
	const char *(*text)(void *ctx);     /* NULL, or returns NULL: no text */
	void *ctx;
};

enum {
	QUERY_SKIP_WORDS = 1 << 0,  /* the words (QF_ANY, not negated) are known to
	                               hold: the search index found them */
};
/* Whether s meets every condition of q at time now. */
int  query_match(const struct query *q, const struct query_subject *s,
                 int64_t now, unsigned flags);
/* The words to look for in the search index (QF_ANY, not negated, as
 * written) joined by spaces; NULL if there are none.  Malloc'd. */
char *query_words(const struct query *q);
/* Whether a condition of kind k (QC_*) or, for QC_TEXT, on field f is in
 * q (f -1: any field). */
int  query_has(const struct query *q, int kind, int field);

#endif
