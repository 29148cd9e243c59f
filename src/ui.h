/* ui.h: the curses front end.  Views are tables of functions over one
 * shared state; only ui*.c and view_*.c include curses. */
#ifndef GX_UI_H
#define GX_UI_H

#include <curses.h>
#include "item.h"
#include "keys.h"
#include "news.h"
#include "render.h"

struct ui;

struct view_ops {
	const char *name;
	void (*open)(struct ui *u);
	void (*draw)(struct ui *u, int top, int rows);
	/* Returns 1 if the action was handled. */
	int  (*key)(struct ui *u, enum action a);
	void (*close)(struct ui *u);
};

extern const struct view_ops view_list, view_pager, view_help;

enum { UI_MAX_VIEWS = 4 };

enum ui_color {
	C_NORMAL = 0, C_TAB, C_TAB_CUR, C_STATUS, C_TITLE, C_META, C_DATE,
	C_UNREAD, C_LINK, C_ERROR, C_COUNT
};

struct ui {
	struct news *news;
	int quit;
	const struct view_ops *stack[UI_MAX_VIEWS];
	int depth;

	/* list view */
	size_t tab;
	struct item_list list;
	size_t sel, top;
	unsigned char *refreshed;   /* per tab: refreshed this session */

	/* pager */
	struct article art;
	struct rblocks blocks;
	struct rdoc doc;
	size_t line;                /* first line shown */
	int doc_width;

	/* help */
	size_t help_top;

	char *pending;              /* article being fetched for the pager */

	char status[512];
	int status_error;
	int busy_shown;             /* the status line shows progress */
	int rows, cols;
};

int  ui_run(struct news *n, struct err *e);

/* Helpers the views share. */
void ui_push(struct ui *u, const struct view_ops *v);
void ui_pop(struct ui *u);
void ui_status(struct ui *u, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_flash_status(struct ui *u);     /* draw the status line now */
/* Writes s at (y, x), exactly cols columns wide (cut with … or padded). */
void ui_put(int y, int x, const char *s, int cols, int flags, int color, int attr);
int  ui_color(int color);
/* Shows the current tab's list from the store, keeping the selection. */
void ui_show_list(struct ui *u);
/* Starts fetching a tab's list in the background. */
void ui_refresh_tab(struct ui *u, size_t tab);
/* Opens the article at list position i in the pager, at once if cached,
 * else when its fetch is done. */
void ui_open_article(struct ui *u, size_t i);
/* A background job finished: show what it brought. */
void ui_job_done(struct ui *u, const struct news_event *ev);

#endif
