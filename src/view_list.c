/* view_list.c: the list of the current tab's articles (see view_list.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"
#include "view_list.h"

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
		break;
	case EV_LIST:
		if (ev->tab == l->tab)
			rows_load(&l->rows, l->h, l->tab);
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

	rows_draw(&l->rows, r, empty_text(l));
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

	(void)x;
	rows_mouse(&l->rows, l->h, r, y, m);
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
