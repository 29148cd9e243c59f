/* view_addfeed.c: adding a feed (see view_addfeed.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scroller.h"
#include "screen.h"
#include "text.h"
#include "view_addfeed.h"

enum { PROMPT_URL = 1, WHEEL = 3 };

/* Where the adding is: asking for a URL, fetching it, a page's feeds to
 * pick from, a feed to add, or a failure to read. */
enum stage { ASKING, FETCHING, CHOOSING, CONFIRMING, FAILED };

struct addfeed {
	struct host *h;
	enum stage stage;
	char *url;              /* the URL being fetched, or the feed found */
	char *title;            /* CONFIRMING: the feed's title */
	char *page;             /* CHOOSING: the page that named the feeds */
	char *why;              /* FAILED: what went wrong */
	struct item_list found; /* CHOOSING: the feeds the page names */
	struct scroller sc;     /* CHOOSING: with a cursor on a feed */
};

static void
ask(struct addfeed *a)
{
	a->stage = ASKING;
	host_prompt(a->h, a, PROMPT_URL, _("Feed or page URL: "));
}

static void *
addfeed_open(struct host *h, const void *arg)
{
	struct addfeed *a = xcalloc(1, sizeof *a);

	(void)arg;
	a->h = h;
	a->sc.cursor = 1;
	ask(a);
	return a;
}

static void
addfeed_close(void *st)
{
	struct addfeed *a = st;

	free(a->url);
	free(a->title);
	free(a->page);
	free(a->why);
	item_list_free(&a->found);
	free(a);
}

/* Fetches url once, in the background (its EV_PROBE comes back). */
static void
fetch(struct addfeed *a, const char *url)
{
	char *u = xstrdup(url);

	xfree_set(&a->url, u);
	a->stage = FETCHING;
	news_start(host_news(a->h), JOB_PROBE, 0, u);
}

static void
addfeed_answer(void *st, int id, const char *text)
{
	struct addfeed *a = st;
	char *copy, *url;

	if (id != PROMPT_URL)
		return;
	copy = xstrdup(text ? text : "");
	url = str_trim(copy);
	if (*url == '\0')
		host_pop(a->h, a);
	else if (str_starts(url, "http://") || str_starts(url, "https://") ||
	         str_starts(url, "file://"))
		fetch(a, url);
	else {
		char *https = xasprintf("https://%s", url);     /* "example.com/feed" */

		fetch(a, https);
		free(https);
	}
	free(copy);
}

/* Whether url is one of the feeds' tabs already. */
static int
already(struct addfeed *a, const char *url)
{
	char *key = xasprintf("feed:%s", url);
	long t = news_find_tab(host_news(a->h), key);

	free(key);
	return t >= 0;
}

static void
addfeed_event(void *st, const struct view_event *ev)
{
	struct addfeed *a = st;

	if (ev->kind != EV_PROBE || a->stage != FETCHING || ev->url == NULL ||
	    a->url == NULL || strcmp(ev->url, a->url) != 0)
		return;
	if (!ev->ok) {
		a->stage = FAILED;
		xfree_set(&a->why, xstrdup(ev->msg));
		return;
	}
	if (ev->feed && ev->found->n > 0 && already(a, a->url)) {
		a->stage = FAILED;
		xfree_set(&a->why, xasprintf(_("%s is a feed already"), a->url));
		return;
	}
	if (ev->feed && ev->found->n > 0) {
		a->stage = CONFIRMING;
		xfree_set(&a->title, xstrdup(ev->found->v[0].title));
		return;
	}
	a->stage = CHOOSING;
	xfree_set(&a->page, xstrdup(a->url));
	item_list_free(&a->found);
	for (size_t i = 0; i < ev->found->n; i++)
		item_copy(item_list_add(&a->found), &ev->found->v[i]);
	a->sc.cur = a->sc.top = 0;
}

/* A line of words at row y, after a label. */
static void
line(const struct rect *r, int y, const char *label, const char *text, int el)
{
	int lw = label != NULL ? text_width(label, strlen(label)) + 1 : 0;

	if (y >= r->y + r->h)
		return;
	if (lw > r->w / 2)
		lw = r->w / 2;
	if (label != NULL)
		screen_put(y, r->x, label, lw, 0, THEME_META, THEME_BOLD);
	screen_put(y, r->x + lw, text, r->w - lw, 0, el, 0);
}

static void
draw_choices(struct addfeed *a, const struct rect *r)
{
	int y = r->y + 3, rows = r->h > 4 ? r->h - 4 : 1;

	line(r, r->y + 1, _("Page:"), a->page, THEME_LINK);
	scroller_set(&a->sc, a->found.n, (size_t)rows);
	for (int i = 0; i < rows && a->sc.top + (size_t)i < a->found.n; i++) {
		size_t k = a->sc.top + (size_t)i;
		const struct item *it = &a->found.v[k];
		char *text = xasprintf("%s  %s", str_empty(it->title) ? _("(no title)") : it->title,
		                       it->url);

		screen_put(y + i, r->x, text, r->w, 0,
		           k == a->sc.cur ? THEME_SELECTED : THEME_NORMAL, 0);
		free(text);
	}
}

static void
addfeed_draw(void *st, const struct rect *r)
{
	struct addfeed *a = st;

	screen_put(r->y, r->x, _("Add a feed (q goes back)"), r->w, 0, THEME_TITLE, 0);
	for (int y = r->y + 1; y < r->y + r->h; y++)
		screen_put(y, r->x, "", r->w, 0, THEME_NORMAL, 0);
	switch (a->stage) {
	case ASKING:
		line(r, r->y + 2, NULL, _("The address of a feed, or of a web page that names its "
		                          "feeds"), THEME_NORMAL);
		break;
	case FETCHING:
		line(r, r->y + 2, _("Fetching:"), a->url, THEME_LINK);
		break;
	case CHOOSING:
		draw_choices(a, r);
		break;
	case CONFIRMING:
		line(r, r->y + 2, _("Feed:"), str_empty(a->title) ? _("(no title)") : a->title,
		     THEME_TITLE);
		line(r, r->y + 3, _("Address:"), a->url, THEME_LINK);
		line(r, r->y + 5, NULL, _("Enter adds it to the config; a asks for another "
		                          "URL; q goes back"), THEME_NORMAL);
		break;
	case FAILED:
		line(r, r->y + 2, _("Address:"), a->url, THEME_LINK);
		line(r, r->y + 3, NULL, a->why, THEME_ERROR);
		line(r, r->y + 5, NULL, _("a asks for another URL; q goes back"), THEME_NORMAL);
		break;
	}
}

/* Enter: the feed picked fetched, or the feed found added. */
static void
enter(struct addfeed *a)
{
	char *line_text;

	if (a->stage == CHOOSING && a->sc.cur < a->found.n) {
		fetch(a, a->found.v[a->sc.cur].url);
	} else if (a->stage == CONFIRMING) {
		line_text = xasprintf("feed %s", a->url);
		host_config(a->h, line_text);
		free(line_text);
		host_pop(a->h, a);
	}
}

static int
addfeed_key(void *st, enum action act, int key)
{
	struct addfeed *a = st;

	(void)key;
	if (a->stage == CHOOSING && scroller_key(&a->sc, act))
		return 1;
	switch (act) {
	case ACT_OPEN:
		enter(a);
		return 1;
	case ACT_ADD_FEED:
		ask(a);
		return 1;
	case ACT_QUIT:
	case ACT_BACK:
		host_pop(a->h, a);
		return 1;
	default:
		return act != ACT_HELP && act != ACT_REDRAW && act != ACT_MESSAGES;
	}
}

static void
addfeed_status(void *st, char *left, size_t lsz, char *right, size_t rsz)
{
	struct addfeed *a = st;

	(void)rsz;
	right[0] = '\0';
	if (a->stage == CHOOSING)
		snprintf(left, lsz, _("%zu feeds on the page: Enter picks one, q goes back"),
		         a->found.n);
	else
		snprintf(left, lsz, "%s", _("Add a feed: q goes back"));
}

static void
addfeed_mouse(void *st, const struct rect *r, int y, int x, enum view_mouse m)
{
	struct addfeed *a = st;

	(void)r;
	(void)y;
	(void)x;
	if (a->stage == CHOOSING && m != VIEW_CLICK)
		scroller_move(&a->sc, m == VIEW_WHEEL_UP ? -WHEEL : WHEEL);
}

const struct view_ops view_addfeed_ops = {
	.name = "addfeed",
	.open = addfeed_open,
	.close = addfeed_close,
	.draw = addfeed_draw,
	.key = addfeed_key,
	.event = addfeed_event,
	.answer = addfeed_answer,
	.status = addfeed_status,
	.mouse = addfeed_mouse,
};
