/* view_search.c: a search's results (see view_search.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "rows.h"
#include "view_search.h"

enum { PROMPT_TAB_NAME = 100 };     /* apart from the rows' prompts */

struct search {
	struct host *h;
	struct rows rows;
	size_t tab;
	char *told;             /* the query whose count was last said */
};

static void *
search_open(struct host *h, const void *arg)
{
	struct search *s = xcalloc(1, sizeof *s);

	(void)arg;
	s->h = h;
	s->rows.sc.cursor = 1;
	return s;
}

static void
search_close(void *st)
{
	struct search *s = st;

	rows_free(&s->rows);
	free(s->told);
	free(s);
}

/* The results of a new search, from the top; how many, once a search. */
static void
show(struct search *s, size_t tab)
{
	const char *q = host_query(s->h);

	s->tab = tab;
	rows_free(&s->rows);
	s->rows.sc.cur = s->rows.sc.top = 0;
	rows_load(&s->rows, s->h, tab);
	rows_select(&s->rows, NULL, 0, 0);
	if (q == NULL || (s->told != NULL && strcmp(s->told, q) == 0))
		return;
	xfree_set(&s->told, xstrdup(q));
	if (s->rows.items.n == 0)
		host_status(s->h, 0, _("Nothing in the cache matches %s"), q);
	else if (s->rows.items.more)
		host_status(s->h, 0, _("%zu+ articles match %s (the newest %zu shown)"),
		            s->rows.items.n, q, s->rows.items.n);
	else
		host_status(s->h, 0, _("%zu articles match %s (+ keeps the search as a tab)"),
		            s->rows.items.n, q);
}

static void
search_event(void *st, const struct view_event *ev)
{
	struct search *s = st;

	switch (ev->kind) {
	case EV_TAB:
		show(s, ev->tab);
		break;
	case EV_TABS:
		s->tab = ev->tab;
		rows_load(&s->rows, s->h, ev->tab);
		break;
	case EV_SCRIPT:
		rows_load(&s->rows, s->h, s->tab);
		break;
	case EV_MARKS:
	case EV_STEP:
		rows_event(&s->rows, s->h, ev);
		break;
	default:
		break;
	}
}

static void
search_draw(void *st, const struct rect *r)
{
	struct search *s = st;
	const struct store_tab *t = news_tab(host_news(s->h), s->tab);

	rows_draw(&s->rows, r, t ? _(news_kind(t->kind)->empty) : "");
}

static void
search_status(void *st, char *left, size_t lsz, char *right, size_t rsz)
{
	struct search *s = st;

	rows_status(&s->rows, s->h, s->tab, left, lsz, right, rsz);
}

static int
search_key(void *st, enum action a, int key)
{
	struct search *s = st;
	const char *q = host_query(s->h);
	char *label;

	(void)key;
	if (a != ACT_SAVE_SEARCH)
		return rows_key(&s->rows, s->h, s, a);
	if (str_empty(q))
		return 1;
	label = xasprintf(_("Name of the new tab (Enter: %s): "), q);
	host_prompt(s->h, s, PROMPT_TAB_NAME, label);
	free(label);
	return 1;
}

/* + : the search as a query tab, kept in the config. */
static void
save_search(struct search *s, const char *label)
{
	const char *q = host_query(s->h);
	char *query = query_of_search(q), *name = conf_quote(str_empty(label) ? q : label);
	char *line = xasprintf("tab %s query %s", name, query);

	host_config(s->h, line);
	free(line);
	free(name);
	free(query);
}

static void
search_answer(void *st, int id, const char *text)
{
	struct search *s = st;

	if (id == PROMPT_TAB_NAME) {
		if (text != NULL && !str_empty(host_query(s->h)))
			save_search(s, text);
		return;
	}
	rows_answer(s->h, id, text);
}

static void
search_mouse(void *st, const struct rect *r, int y, int x, enum view_mouse m)
{
	struct search *s = st;

	(void)x;
	rows_mouse(&s->rows, s->h, r, y, m);
}

const struct view_ops view_search_ops = {
	.name = "search",
	.flags = VIEW_TAB,
	.open = search_open,
	.close = search_close,
	.draw = search_draw,
	.key = search_key,
	.event = search_event,
	.answer = search_answer,
	.status = search_status,
	.mouse = search_mouse,
};
