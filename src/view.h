/* view.h: what a view is, and what it may ask of the reader that shows it.
 *
 * A view is a table of functions (struct view_ops) over a state of its
 * own, made by its open hook and freed by its close hook.  The reader
 * (reader.c, the controller) keeps a stack of views: the bottom one shows
 * the current tab, others (an article, help, a prompt) go on top.  It
 * draws a view in a rectangle of the screen, hands it the keys, the events
 * (a refresh done, a resize, jobs' progress) and the answers of the
 * prompts it asked for.  A view reaches the reader only through struct
 * host below, and never another view: it asks the reader instead (to open
 * an article, to step to the next one), and the reader tells the view
 * concerned with an event.  Views draw with screen.h and read the model
 * (news.h) themselves. */
#ifndef GX_VIEW_H
#define GX_VIEW_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include "conf.h"
#include "keys.h"
#include "news.h"

/* Where a view draws: rows y..y+h-1, columns x..x+w-1 of the screen. */
struct rect {
	int y, x, h, w;
};

enum view_event_kind {
	EV_TAB,         /* the bottom view shows tab ev->tab now */
	EV_TABS,        /* the set of tabs changed; the current one is ev->tab */
	EV_LIST,        /* tab ev->tab's list changed in the cache (ev->ok) */
	EV_MARKS,       /* article ev->url is now ev->read and/or ev->starred,
	                   or read as far as ev->place of ev->place_of, as
	                   ev->marks says (VIEW_READ, VIEW_STARRED, VIEW_PLACE) */
	EV_STEP,        /* go to the next (ev->dir 1) or previous (-1) article */
	EV_RESIZE,      /* the screen is ev->rows x ev->cols now */
	EV_PROGRESS,    /* jobs: ev->done of ev->total transfers finished */
	EV_SCRIPT,      /* Chinese is shown in another script (news_script):
	                   what is shown is read again from the model */
	EV_IMAGES,      /* pictures are shown another way (news_images) */
	EV_PICTURE,     /* picture ev->picture came in (ev->ok) for article
	                   ev->url (NULL: a list page's picture) */
	EV_PROBE,       /* a URL to add as a feed was fetched (JOB_PROBE): ev->url,
	                   ev->ok (else ev->msg says why), ev->feed, ev->found */
};

enum { VIEW_READ = 1 << 0, VIEW_STARRED = 1 << 1, VIEW_PLACE = 1 << 2 };

struct view_event {
	enum view_event_kind kind;
	size_t tab;
	const char *url;
	const char *picture;
	unsigned marks;
	int ok, read, starred, dir;
	int rows, cols;
	int done, total;
	int64_t place, place_of;
	const char *msg;
	int feed;
	const struct item_list *found;
};

enum view_mouse { VIEW_CLICK, VIEW_WHEEL_UP, VIEW_WHEEL_DOWN };

enum {
	VIEW_TAB = 1 << 0,      /* shows a tab (at the bottom of the stack) */
	VIEW_LINE = 1 << 1,     /* drawn on the status line, over the view beneath */
};

struct host;

/* A picture to show full screen: its pixels (copied), what it is (its
 * URL) and its caption. */
struct host_picture {
	const struct image *im;
	const char *key;
	const char *caption;
};

struct view_ops {
	const char *name;
	unsigned flags;         /* VIEW_* */
	/* Makes the view's state from arg (what the view's header says);
	 * NULL if it cannot open (it has said why on the status line). */
	void *(*open)(struct host *h, const void *arg);
	void  (*close)(void *st);
	void  (*draw)(void *st, const struct rect *r);
	/* An action (ACT_NONE for a key bound to none) and its key; 1 if
	 * the view took it, 0 leaves it to the reader. */
	int   (*key)(void *st, enum action a, int key);
	/* Optional hooks (may be NULL). */
	void  (*event)(void *st, const struct view_event *ev);
	/* The line a prompt it asked for was given (NULL: cancelled). */
	void  (*answer)(void *st, int id, const char *text);
	/* The status line when no message is shown: what the view is (left)
	 * and where in it the reader is (right). */
	void  (*status)(void *st, char *left, size_t lsz, char *right, size_t rsz);
	/* A click or a wheel turn at screen cell (y, x) inside r. */
	void  (*mouse)(void *st, const struct rect *r, int y, int x, enum view_mouse m);
	/* Work the view does while no key comes (decoding pictures), a
	 * short piece at a time: with work 0 only whether there is some,
	 * with 1 one piece of it.  Returns 1 while some is left. */
	int   (*idle)(void *st, int work);
};

/* What a tab's list is doing this session (the reader keeps it by key). */
enum tab_state { TAB_NEW, TAB_LOADING, TAB_LOADED, TAB_FAILED };

/* One message the status line showed. */
struct host_message {
	int64_t when;
	int error;
	const char *text;
};

/* What a view may ask of the reader.  Call through the host_* functions
 * below. */
struct host_ops {
	struct news *(*news)(struct host *h);
	const struct keymap *(*keymap)(struct host *h);
	/* A message on the status line until the next key. */
	void (*status)(struct host *h, int error, const char *msg);
	/* Opens a view over the others / closes the view with state st (and
	 * what is over it).  A view closed is freed once the key or event
	 * being handled is done, so a hook may go on using its state. */
	void (*push)(struct host *h, const struct view_ops *ops, const void *arg);
	void (*pop)(struct host *h, void *st);
	/* Asks for a line on the status line; the view with state asker gets
	 * it (or NULL) through its answer hook with id. */
	void (*prompt)(struct host *h, void *asker, int id, const char *label);
	/* Hands a line to the view with state asker (its answer hook). */
	void (*answer)(struct host *h, void *asker, int id, const char *text);
	/* An article in the pager: at once if cached, else once fetched. */
	void (*open_article)(struct host *h, const char *url);
	/* The article fetched again whole (a feed item's full text). */
	void (*full_text)(struct host *h, const char *url);
	/* Star, read mark (toggled in *starred, *read) or browser for url. */
	void (*mark)(struct host *h, enum action a, const char *url, int *read,
	             int *starred);
	void (*open_url)(struct host *h, const char *url);
	/* A picture full screen, over the views. */
	void (*picture)(struct host *h, const struct host_picture *p);
	/* The next (dir 1) or previous (-1) article of the current tab. */
	void (*step_article)(struct host *h, int dir);
	/* Searches the cache: the results become the search tab. */
	void (*search)(struct host *h, const char *query);
	/* The last search of the cache, or NULL. */
	const char *(*query)(struct host *h);
	/* The state of tab t's list this session. */
	enum tab_state (*tab_state)(struct host *h, size_t t);
	/* Message i of the status line's history, newest first; 0 past the end. */
	int (*message)(struct host *h, size_t i, struct host_message *out);
	/* The config (reading speed, where articles are saved, …). */
	const struct conf *(*conf)(struct host *h);
	/* Puts text on the clipboard (copy-command, else the terminal's, by
	 * OSC 52) and says so, what naming it ("the link"). */
	void (*copy)(struct host *h, const char *what, const char *text);
	/* Runs a command line (words, no shell) on the terminal with text on
	 * its standard input, and waits for it and a key. */
	void (*pipe)(struct host *h, const char *command, const char *text);
	/* A line of the config (a feed, a query tab, a rule) taken at once and
	 * added to the config file; the status line says how it went. */
	void (*config)(struct host *h, const char *line);
	/* The tab the bottom view shows. */
	size_t (*tab)(struct host *h);
	/* How far an article was read (kept, and the lists told). */
	void (*place)(struct host *h, const char *url, int64_t place, int64_t of);
};

struct host {
	const struct host_ops *ops;
};

static inline struct news *
host_news(struct host *h)
{
	return h->ops->news(h);
}

static inline const struct keymap *
host_keymap(struct host *h)
{
	return h->ops->keymap(h);
}

static inline void __attribute__((format(printf, 3, 4)))
host_status(struct host *h, int error, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	h->ops->status(h, error, msg);
}

static inline void
host_push(struct host *h, const struct view_ops *ops, const void *arg)
{
	h->ops->push(h, ops, arg);
}

static inline void
host_pop(struct host *h, void *st)
{
	h->ops->pop(h, st);
}

static inline void
host_prompt(struct host *h, void *asker, int id, const char *label)
{
	h->ops->prompt(h, asker, id, label);
}

static inline void
host_answer(struct host *h, void *asker, int id, const char *text)
{
	h->ops->answer(h, asker, id, text);
}

static inline void
host_open_article(struct host *h, const char *url)
{
	h->ops->open_article(h, url);
}

static inline void
host_full_text(struct host *h, const char *url)
{
	h->ops->full_text(h, url);
}

static inline void
host_mark(struct host *h, enum action a, const char *url, int *read, int *starred)
{
	h->ops->mark(h, a, url, read, starred);
}

static inline void
host_open_url(struct host *h, const char *url)
{
	h->ops->open_url(h, url);
}

static inline void
host_picture(struct host *h, const struct host_picture *p)
{
	h->ops->picture(h, p);
}

static inline void
host_step_article(struct host *h, int dir)
{
	h->ops->step_article(h, dir);
}

static inline void
host_search(struct host *h, const char *query)
{
	h->ops->search(h, query);
}

static inline const char *
host_query(struct host *h)
{
	return h->ops->query(h);
}

static inline enum tab_state
host_tab_state(struct host *h, size_t t)
{
	return h->ops->tab_state(h, t);
}

static inline int
host_message(struct host *h, size_t i, struct host_message *out)
{
	return h->ops->message(h, i, out);
}

static inline const struct conf *
host_conf(struct host *h)
{
	return h->ops->conf(h);
}

static inline void
host_copy(struct host *h, const char *what, const char *text)
{
	h->ops->copy(h, what, text);
}

static inline void
host_pipe(struct host *h, const char *command, const char *text)
{
	h->ops->pipe(h, command, text);
}

static inline void
host_config(struct host *h, const char *line)
{
	h->ops->config(h, line);
}

static inline size_t
host_tab(struct host *h)
{
	return h->ops->tab(h);
}

static inline void
host_place(struct host *h, const char *url, int64_t place, int64_t of)
{
	h->ops->place(h, url, place, of);
}

/* Star, read mark and browser, as the list and the pager share them: 1 if
 * a is one of them (done for url), else 0. */
static inline int
view_article_key(struct host *h, enum action a, const char *url, int *read,
                 int *starred)
{
	if (a != ACT_STAR && a != ACT_TOGGLE_READ && a != ACT_BROWSER)
		return 0;
	if (url != NULL)
		host_mark(h, a, url, read, starred);
	return 1;
}

#endif
