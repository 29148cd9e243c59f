/* scroller.h: the one way a view scrolls: n rows of content shown rows at
 * a time from top, with or without a cursor.  With a cursor (a list) keys
 * move the cursor and the view follows it; without (an article, help) keys
 * move the view.  No drawing here: views ask where they are. */
#ifndef GX_SCROLLER_H
#define GX_SCROLLER_H

#include <stddef.h>
#include "keys.h"

struct scroller {
	size_t n;           /* rows of content */
	size_t rows;        /* rows on the screen (as last drawn; 1 before) */
	size_t top;         /* first row shown */
	size_t cur;         /* the cursor's row (with a cursor) */
	int    cursor;      /* whether there is a cursor */
};

/* New content or a new height: the cursor stays in the content, the view
 * keeps it on screen and leaves no blank rows below the end while rows
 * are hidden above the top. */
void scroller_set(struct scroller *s, size_t n, size_t rows);
/* Moves the cursor (or, without one, the view) by delta rows. */
void scroller_move(struct scroller *s, long delta);
/* Puts the cursor on row i, row rows below the top of the screen. */
void scroller_put(struct scroller *s, size_t i, size_t row);
/* A turn of the mouse wheel up (dir -1) or down (1): three rows. */
void scroller_wheel(struct scroller *s, int dir);
/* A screen's worth of rows to move by (one less than shown, at least 1). */
long scroller_page(const struct scroller *s);
/* The largest top there is (the last screen). */
size_t scroller_max_top(const struct scroller *s);
/* down, up, page-down, page-up, top, bottom: moves and returns 1; any
 * other action 0. */
int  scroller_key(struct scroller *s, enum action a);
/* The rows shown as "first-last/n" positions (1-based; 0-0/0 when empty). */
size_t scroller_last(const struct scroller *s);

#endif
