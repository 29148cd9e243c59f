/* ui.h: the curses front end.  Views are tables of functions over one
 * shared state; only ui*.c and view_*.c include curses. */
#ifndef GX_UI_H
#define GX_UI_H

#include <curses.h>
#include <sys/types.h>
#include "conf.h"
#include "item.h"
#include "keys.h"
#include "theme.h"
#include "news.h"
#include "render.h"

struct ui;

enum ui_mouse { UI_CLICK, UI_WHEEL_UP, UI_WHEEL_DOWN };

struct view_ops {
	const char *name;
	void (*open)(struct ui *u);
	void (*draw)(struct ui *u, int top, int rows);
	/* Returns 1 if the action was handled. */
	int  (*key)(struct ui *u, enum action a);
	void (*close)(struct ui *u);
	/* The status line when no message is shown: what the view is (left)
	 * and where in it the reader is (right). */
	void (*status)(struct ui *u, char *left, size_t lsz, char *right,
	               size_t rsz);
	/* A click or a wheel turn at screen row y (the view starts at row 1). */
	void (*mouse)(struct ui *u, int y, int x, enum ui_mouse m);
};

extern const struct view_ops view_list, view_pager, view_help;

enum { UI_MAX_VIEWS = 4 };

/* Screen elements, named as `color` in the config names them (theme.h). */
#define UI_C_ENUM(id, name, fg, fg256, bg, attr, mono) C_##id = THEME_##id,
enum ui_color { THEME_ELEMENTS(UI_C_ENUM) C_COUNT = THEME_COUNT };
#undef UI_C_ENUM

/* The smallest terminal the reader draws in; below it says so. */
enum { UI_MIN_COLS = 20, UI_MIN_ROWS = 5 };

enum ui_prompt { PROMPT_NONE, PROMPT_SEARCH, PROMPT_FIND };

/* A search match in the pager: bytes [start, end) of doc line `line`. */
struct ui_span {
	size_t line, start, end;
	size_t match;           /* which match it is part of */
};

/* What the list remembers of a tab (by key, as tab indexes change). */
enum { TAB_NEW, TAB_LOADING, TAB_LOADED, TAB_FAILED };
struct ui_tabmem {
	char *key;
	char *url;              /* the selected article */
	int   row;              /* its row on the screen */
	int   state;            /* TAB_NEW … this session */
};

struct ui {
	struct news *news;
	const struct conf *conf;
	struct keymap keys;
	int quit;
	const struct view_ops *stack[UI_MAX_VIEWS];
	int depth;

	/* tabs */
	size_t tab;
	int *tab_x;                 /* per tab: first column, -1 off screen */
	int *tab_end;               /* per tab: column after it */
	size_t ntab_x;
	struct ui_tabmem *mem;
	size_t nmem;

	/* list view */
	struct item_list list;
	size_t sel, top;
	int list_rows;              /* rows the list had when last drawn */
	int list_mixed;             /* items from more than one host */
	char *query;                /* the last search of the cache */

	/* pager */
	struct article art;
	struct rblocks blocks;
	struct rdoc doc;
	size_t line;                /* first line shown */
	int doc_width;
	int page_rows;              /* rows the pager had when last drawn */
	size_t *ink;                /* ink[i]: visible characters before line i */
	size_t anchor;              /* the character the reader keeps on top */
	char *find;                 /* the search within the article */
	struct ui_span *spans;
	size_t nspans, nmatches, cur_match;
	unsigned link_num;          /* digits of a link number typed so far */

	/* help */
	size_t help_top;
	int help_rows;

	char *pending;              /* article being fetched for the pager */

	/* the status line's prompt */
	enum ui_prompt prompt;
	char input[256];
	size_t input_len;

	char status[512];
	int status_error;
	int rows, cols;
	int last_key;               /* the key behind the action being run */

	pid_t *children;            /* browsers left running in the background */
	size_t nchildren;
};

int  ui_run(struct news *n, const struct conf *cf, struct err *e);

/* Helpers the views share. */
void ui_push(struct ui *u, const struct view_ops *v);
void ui_pop(struct ui *u);
void ui_status(struct ui *u, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_flash_status(struct ui *u);     /* draw the status line now */
/* Writes s at (y, x), exactly cols columns wide (cut with … or padded). */
void ui_put(int y, int x, const char *s, int cols, int flags, int color, int attr);
/* The same for sanitized text s with spans [start, end) of it (sorted,
 * not overlapping) drawn as C_SEARCH; never past cols columns. */
void ui_put_spans(int y, int x, const char *s, int cols, int color, int attr,
                  const struct ui_span *spans, size_t n);
/* Curses attributes (colour pair included) of a screen element. */
int  ui_color(int color);
/* Starts reading a line on the status line; Enter hands it to the view. */
void ui_prompt(struct ui *u, enum ui_prompt kind);
/* Opens an http(s) URL in $BROWSER (one argument, no shell). */
void ui_open_url(struct ui *u, const char *url);

/* Shows the current tab's list from the store, keeping the selection. */
void ui_show_list(struct ui *u);
/* Goes to tab t, with the selection it had. */
void ui_switch_tab(struct ui *u, size_t t);
/* Starts fetching a tab's list in the background. */
void ui_refresh_tab(struct ui *u, size_t tab);
/* Opens the article at list position i in the pager, at once if cached,
 * else when its fetch is done. */
void ui_open_article(struct ui *u, size_t i);
/* A background job finished: show what it brought. */
void ui_job_done(struct ui *u, const struct news_event *ev);
/* Fetches the article's full text again (a feed item's summary replaced
 * by the page's text); the pager shows it when it is in. */
void ui_full_text(struct ui *u, const char *url);
/* The search typed on the status line (list: the cache; pager: the
 * article). */
void ui_search(struct ui *u, const char *query);
void ui_find(struct ui *u, const char *query);
/* Shared by the list and the pager: star, read mark and browser for the
 * article at url whose marks are *read and *starred. */
int  ui_article_key(struct ui *u, enum action a, const char *url, int *read,
                    int *starred);
/* Where needle is in hay[0, len), ASCII letters in either case; NULL if
 * nowhere. */
const char *ui_find_ci(const char *hay, size_t len, const char *needle);

#endif
