/* view_list.c: the list of the current tab's articles (see view_list.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "picture.h"
#include "rows.h"
#include "screen.h"
#include "view_list.h"

/* A list with pictures of its pages (an e-paper) shows the one of the
 * selected article's page above the rows, in this share of the height,
 * when the view has at least PAGE_MIN_ROWS. */
enum { PAGE_SHARE = 2, PAGE_MIN_ROWS = 12 };

/* What the list remembers of a tab, by key (tab indexes change). */
struct mem {
	char *key;
	char *url;              /* the selected article */
	size_t row;             /* its row on the screen */
};

struct list {
	struct host *h;
	struct rows rows;
	size_t tab;
	char *key;              /* the tab shown, NULL before the first */
	struct mem *mem;
	size_t nmem;
	/* the pictures of the tab's pages, and the one shown */
	struct news_section *sec;
	size_t nsec;
	char *page_url;             /* the picture in page, NULL: none */
	struct image page;
	struct picture_cells cells;
	char *page_note;            /* why page is not shown */
};

static struct mem *
mem_of(struct list *l, const char *key)
{
	for (size_t i = 0; i < l->nmem; i++)
		if (strcmp(l->mem[i].key, key) == 0)
			return &l->mem[i];
	l->mem = xrealloc(l->mem, (l->nmem + 1) * sizeof *l->mem);
	memset(&l->mem[l->nmem], 0, sizeof *l->mem);
	l->mem[l->nmem].key = xstrdup(key);
	return &l->mem[l->nmem++];
}

/* Remembers the shown tab's selection and where it was on the screen. */
static void
mem_save(struct list *l)
{
	struct item *it = rows_sel(&l->rows);
	struct mem *m;

	if (l->key == NULL || it == NULL)
		return;
	m = mem_of(l, l->key);
	xfree_set(&m->url, xstrdup(it->url));
	m->row = l->rows.sc.cur - l->rows.sc.top;
}

/* ---- the pictures of the pages ------------------------------------------- */

static void
page_forget(struct list *l)
{
	image_free(&l->page);
	picture_cells_free(&l->cells);
	xfree_set(&l->page_url, NULL);
	xfree_set(&l->page_note, NULL);
}

static void
sections_load(struct list *l)
{
	news_sections_free(l->sec, l->nsec);
	l->sec = NULL;
	l->nsec = 0;
	page_forget(l);
	news_tab_sections(host_news(l->h), l->tab, &l->sec, &l->nsec, NULL);
}

/* The picture of the selected article's page, or NULL. */
static const char *
page_of_selection(struct list *l)
{
	const char *pic = NULL;
	size_t sel = l->rows.sc.cur;

	for (size_t k = 0; k < l->nsec; k++)
		for (size_t i = 0; i <= sel && i < l->rows.items.n; i++)
			if (strcmp(l->rows.items.v[i].url, l->sec[k].first) == 0)
				pic = l->sec[k].picture;
	return pic;
}

/* Decodes the picture of the selected article's page if it changed. */
static void
page_update(struct list *l)
{
	const char *want = page_of_selection(l);
	struct err e = { "" };
	int rc;

	if (want == NULL || (l->page_url != NULL && strcmp(l->page_url, want) == 0))
		return;
	page_forget(l);
	l->page_url = xstrdup(want);
	rc = news_picture(host_news(l->h), want, &l->page, &e);
	if (rc < 0)
		l->page_note = xasprintf("(%s)", e.msg);
}

/* The rows the page picture takes at the top of r: a share of them when
 * the tab has page pictures, pictures are shown and there is room; else 0. */
static int
page_height(struct list *l, const struct rect *r)
{
	if (l->nsec == 0 || r->h < PAGE_MIN_ROWS ||
	    picture_proto(host_news(l->h), NULL) == PROTO_NONE)
		return 0;
	page_update(l);
	return l->page_url != NULL ? r->h / PAGE_SHARE : 0;
}

/* Draws the page picture at the top of r; returns the rows it took. */
static int
page_draw(struct list *l, const struct rect *r)
{
	int h = page_height(l, r), cols = 0, rows = 0;
	char *caption;

	if (h == 0)
		return 0;
	if (l->page.rgba != NULL) {
		enum image_proto p = picture_proto(host_news(l->h), NULL);

		picture_fill(p, l->page.w, l->page.h, r->w, h - 1, &cols, &rows);
		picture_draw(&l->page, &l->cells, p, l->page_url, r->y + (h - 1 - rows),
		             r->x + (r->w - cols) / 2, cols, rows, 0, rows);
	}
	caption = xasprintf("%s %s", _("[The page as printed; I: full screen]"),
	                    l->page_note ? l->page_note : "");
	screen_put(r->y + h - 1, r->x, caption, r->w, 0, THEME_LINK, 0);
	free(caption);
	return h;
}

static void
page_full_screen(struct list *l)
{
	struct host_picture arg = { &l->page, l->page_url, _("The page as printed") };

	if (l->page.rgba == NULL) {
		host_status(l->h, 0, "%s", l->nsec == 0 ? _("No picture here") :
		            l->page_note ? l->page_note : _("The picture is not here yet"));
		return;
	}
	host_picture(l->h, &arg);
}

static void *
list_open(struct host *h, const void *arg)
{
	struct list *l = xcalloc(1, sizeof *l);

	(void)arg;
	l->h = h;
	l->rows.sc.cursor = 1;
	return l;
}

static void
list_close(void *st)
{
	struct list *l = st;

	for (size_t i = 0; i < l->nmem; i++) {
		free(l->mem[i].key);
		free(l->mem[i].url);
	}
	free(l->mem);
	rows_free(&l->rows);
	news_sections_free(l->sec, l->nsec);
	page_forget(l);
	free(l->key);
	free(l);
}

static void
set_tab(struct list *l, size_t tab)
{
	const struct store_tab *t = news_tab(host_news(l->h), tab);

	l->tab = tab;
	xfree_set(&l->key, t ? xstrdup(t->key) : NULL);
}

/* Shows tab t with the selection it had. */
static void
enter_tab(struct list *l, size_t tab)
{
	struct mem *m;

	mem_save(l);
	set_tab(l, tab);
	rows_free(&l->rows);
	l->rows.sc.cur = l->rows.sc.top = 0;
	rows_load(&l->rows, l->h, tab);
	sections_load(l);
	if (l->key == NULL)
		return;
	m = mem_of(l, l->key);
	rows_select(&l->rows, m->url, 0, m->row);
}

static void
list_event(void *st, const struct view_event *ev)
{
	struct list *l = st;
	const struct store_tab *t;

	switch (ev->kind) {
	case EV_TAB:
		enter_tab(l, ev->tab);
		break;
	case EV_TABS:
		set_tab(l, ev->tab);
		rows_load(&l->rows, l->h, ev->tab);
		sections_load(l);
		break;
	case EV_LIST:
		if (ev->tab == l->tab) {
			rows_load(&l->rows, l->h, l->tab);
			sections_load(l);
		}
		break;
	case EV_IMAGES:
		page_forget(l);
		break;
	case EV_PICTURE:
		if (ev->url == NULL && l->page_url != NULL && ev->picture != NULL &&
		    strcmp(ev->picture, l->page_url) == 0)
			page_forget(l);
		break;
	case EV_SCRIPT:
		rows_load(&l->rows, l->h, l->tab);
		break;
	case EV_MARKS:
		rows_event(&l->rows, l->h, ev);
		t = news_tab(host_news(l->h), l->tab);
		if (t != NULL && (news_kind(t->kind)->flags & NK_STARS))
			rows_load(&l->rows, l->h, l->tab);
		break;
	case EV_STEP:
		rows_event(&l->rows, l->h, ev);
		break;
	default:
		break;
	}
}

static const char *
empty_text(struct list *l)
{
	struct news *n = host_news(l->h);
	const struct store_tab *t = news_tab(n, l->tab);

	if (t == NULL)
		return news_busy(n, NULL, NULL, NULL, 0) ? _("Loading the channels…")
		                                         : _("(no tabs yet)");
	if (host_tab_state(l->h, l->tab) == TAB_LOADING)
		return _("Loading…");
	if (t->fetched == 0 && t->url != NULL &&
	    (news_offline(n) || host_tab_state(l->h, l->tab) == TAB_FAILED))
		return _("(never fetched: it needs the network; S fetches everything for offline)");
	return _(news_kind(t->kind)->empty);
}

static void
list_draw(void *st, const struct rect *r)
{
	struct list *l = st;
	struct rect rr = *r;
	int took = page_draw(l, r);

	rr.y += took;
	rr.h -= took;
	rows_draw(&l->rows, &rr, empty_text(l));
}

static void
list_status(void *st, char *left, size_t lsz, char *right, size_t rsz)
{
	struct list *l = st;

	rows_status(&l->rows, l->h, l->tab, left, lsz, right, rsz);
}

/* Asks for the next page when the selection nears the end. */
static void
maybe_more(struct list *l)
{
	struct news *n = host_news(l->h);
	size_t page = l->rows.sc.rows > 0 ? l->rows.sc.rows : 1;

	/* offline, the next page comes from the cache if a sync took it */
	if (l->rows.items.next_url == NULL)
		return;
	if (l->rows.sc.cur + page >= l->rows.items.n)
		news_start(n, JOB_MORE, l->tab, NULL);
}

static int
list_key(void *st, enum action a, int key)
{
	struct list *l = st;

	(void)key;
	if (a == ACT_PICTURE) {
		page_full_screen(l);
		return 1;
	}
	if (!rows_key(&l->rows, l->h, l, a))
		return 0;
	if (a == ACT_DOWN || a == ACT_PAGE_DOWN || a == ACT_BOTTOM)
		maybe_more(l);
	return 1;
}

static void
list_answer(void *st, int id, const char *text)
{
	struct list *l = st;

	rows_answer(l->h, id, text);
}

static void
list_mouse(void *st, const struct rect *r, int y, int x, enum view_mouse m)
{
	struct list *l = st;

	struct rect rr = *r;
	int took = page_height(l, r);

	(void)x;
	rr.y += took;
	rr.h -= took;
	if (y < rr.y)
		return;         /* on the page picture */
	rows_mouse(&l->rows, l->h, &rr, y, m);
	if (m == VIEW_WHEEL_DOWN)
		maybe_more(l);
}

const struct view_ops view_list_ops = {
	.name = "list",
	.flags = VIEW_TAB,
	.open = list_open,
	.close = list_close,
	.draw = list_draw,
	.key = list_key,
	.event = list_event,
	.answer = list_answer,
	.status = list_status,
	.mouse = list_mouse,
};
