/* rows.h: a list of articles on the screen, as the views that show lists
 * (list, search) share it: the rows and their columns (mark, rank, title,
 * source, date), the selection, and the keys every such list takes.  Not
 * a view: a piece views are made of. */
#ifndef GX_ROWS_H
#define GX_ROWS_H

#include "item.h"
#include "scroller.h"
#include "view.h"

struct rows {
	struct item_list items;
	struct scroller sc;     /* with a cursor: the selection */
	int mixed;              /* items from more than one host: a source column */
	int ranked;             /* items have ranks: a rank column */
};

/* Reads tab's list from the model, the selection kept on the article it
 * was on (or its place) and its row on the screen; an error goes to the
 * status line and leaves the list empty. */
void rows_load(struct rows *r, struct host *h, size_t tab);
void rows_free(struct rows *r);
/* The selected article, NULL if the list is empty. */
struct item *rows_sel(struct rows *r);
/* Puts the selection on url (else at index old, kept in the list), row
 * rows below the top of the screen. */
void rows_select(struct rows *r, const char *url, size_t old, size_t row);
/* Draws the rows in rc; empty is what an empty list says. */
void rows_draw(struct rows *r, const struct rect *rc, const char *empty);
/* The keys of a list: moving, opening, the full text, star, read mark,
 * browser, / (a search of the cache, asked for on behalf of the view with
 * state self) and n/N (the next title holding the last search).  1 if
 * taken. */
int  rows_key(struct rows *r, struct host *h, void *self, enum action a);
/* A view's answer hook hands the search typed here. */
void rows_answer(struct host *h, int id, const char *text);
/* EV_MARKS and EV_STEP for the list. */
void rows_event(struct rows *r, struct host *h, const struct view_event *ev);
/* The wheel moves, a click selects, a second click opens. */
void rows_mouse(struct rows *r, struct host *h, const struct rect *rc, int y,
                enum view_mouse m);
/* The status line of a list showing tab: its label, unread count and
 * whether it is offline or failed to update (left), where the selection
 * is, "N/M" (right). */
void rows_status(const struct rows *r, struct host *h, size_t tab, char *left,
                 size_t lsz, char *right, size_t rsz);

#endif
