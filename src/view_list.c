/* view_list.c: the list of the current tab's articles. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"

#define DATE_COLS 10

void
ui_show_list(struct ui *u)
{
	struct err e = { "" };
	char *keep = NULL;

	if (news_tab(u->news, u->tab) == NULL)
		return;
	if (u->sel < u->list.n)
		keep = xstrdup(u->list.v[u->sel].url);
	item_list_free(&u->list);
	if (news_get_list(u->news, u->tab, &u->list, &e) < 0)
		ui_status(u, 1, "%s", e.msg);
	/* the selection survives a reload */
	u->sel = 0;
	for (size_t i = 0; keep != NULL && i < u->list.n; i++)
		if (strcmp(u->list.v[i].url, keep) == 0)
			u->sel = i;
	free(keep);
	if (u->sel < u->top)
		u->top = u->sel;
}

void
ui_refresh_tab(struct ui *u, size_t tab)
{
	if (news_offline(u->news) || tab >= news_ntabs(u->news))
		return;
	news_start(u->news, JOB_LIST, tab, NULL);
	if (u->refreshed != NULL)
		u->refreshed[tab] = 1;
}

/* The tabs changed (a new channel page): keep the current tab by key. */
static void
tabs_changed(struct ui *u, const char *cur_key)
{
	long t = cur_key ? news_find_tab(u->news, cur_key) : -1;

	free(u->refreshed);
	u->refreshed = xcalloc(news_ntabs(u->news) + 1, 1);
	u->tab = t >= 0 ? (size_t)t : 0;
	ui_show_list(u);
	ui_refresh_tab(u, u->tab);
}

void
ui_job_done(struct ui *u, const struct news_event *ev)
{
	const struct store_tab *t = news_tab(u->news, u->tab);

	if (!ev->ok)
		ui_status(u, 1, "%s", ev->msg);
	else if (ev->msg[0] != '\0')
		ui_status(u, 1, "%s", ev->msg);
	switch (ev->job) {
	case JOB_TABS: {
		char *key = t ? xstrdup(t->key) : NULL;

		if (ev->ok)
			tabs_changed(u, key);
		free(key);
		break;
	}
	case JOB_LIST:
	case JOB_MORE:
		if (t != NULL && ev->tab_key != NULL && strcmp(t->key, ev->tab_key) == 0)
			ui_show_list(u);
		break;
	case JOB_ARTICLE:
	case JOB_FULLTEXT:
		if (u->pending == NULL || ev->url == NULL || strcmp(u->pending, ev->url) != 0)
			break;
		xfree_set(&u->pending, NULL);
		for (size_t i = 0; ev->ok && i < u->list.n; i++)
			if (strcmp(u->list.v[i].url, ev->url) == 0) {
				ui_open_article(u, i);
				break;
			}
		break;
	}
}

static void
list_open(struct ui *u)
{
	size_t n = news_ntabs(u->news);

	u->refreshed = xcalloc(n + 1, 1);
	if (news_notice(u->news) != NULL)
		ui_status(u, 1, "%s", news_notice(u->news));
	/* the first screen comes from the cache, before any request */
	if (n > 0)
		ui_show_list(u);
	if (news_offline(u->news)) {
		if (n == 0)
			ui_status(u, 1, _("Nothing cached yet; start without --offline"));
		return;
	}
	news_start(u->news, JOB_TABS, 0, NULL);
	if (n > 0)
		ui_refresh_tab(u, u->tab);
}

static void
list_close(struct ui *u)
{
	item_list_free(&u->list);
	free(u->refreshed);
	u->refreshed = NULL;
	xfree_set(&u->pending, NULL);
}

static void
draw_row(struct ui *u, int y, const struct item *it, int selected, int ranked)
{
	int w = u->cols, x = 0, title_cols;
	int attr = selected ? A_REVERSE : 0;
	char mark[16];

	if (ranked)
		snprintf(mark, sizeof mark, "%2d ", it->rank);
	else
		snprintf(mark, sizeof mark, "%s", it->starred ? "★ " : it->read ? "  " : "● ");
	ui_put(y, x, mark, text_width(mark, strlen(mark)), 0, C_UNREAD, attr);
	x += text_width(mark, strlen(mark));
	title_cols = w - x - (w >= 40 ? DATE_COLS + 1 : 0);
	ui_put(y, x, it->title, title_cols, 0, C_NORMAL,
	       attr | (it->read ? 0 : A_BOLD));
	x += title_cols;
	if (w >= 40) {
		char date[11] = "";

		if (it->time != 0)
			time_ymd(it->time, date);
		ui_put(y, x, " ", 1, 0, C_NORMAL, attr);
		ui_put(y, x + 1, date, DATE_COLS, TEXT_ALIGN_RIGHT, C_DATE, attr);
	}
}

static void
list_draw(struct ui *u, int top, int rows)
{
	const struct store_tab *t = news_tab(u->news, u->tab);
	int ranked = t != NULL && (t->kind == TAB_RANK_ALL || t->kind == TAB_RANK_MONTH);

	if (u->list.n == 0) {
		ui_put(top + 1, 2, t == NULL ? _("(no tabs yet)") : _("(no articles in this tab)"),
		       u->cols - 2, 0, C_NORMAL, A_DIM);
		return;
	}
	if (u->sel >= u->list.n)
		u->sel = u->list.n - 1;
	if (u->sel < u->top)
		u->top = u->sel;
	if (u->sel >= u->top + (size_t)rows)
		u->top = u->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && u->top + (size_t)r < u->list.n; r++) {
		size_t i = u->top + (size_t)r;

		draw_row(u, top + r, &u->list.v[i], i == u->sel, ranked);
	}
	if (u->status[0] == '\0')
		ui_status(u, 0, _("%s  %zu/%zu  ? help"), t ? t->label : "",
		          u->sel + 1, u->list.n);
}

void
ui_open_article(struct ui *u, size_t i)
{
	struct err e = { "" };
	struct article a = { .comments = -1 };
	const char *url;

	if (i >= u->list.n)
		return;
	url = u->list.v[i].url;
	if (!news_has_article(u->news, url)) {
		/* fetch in the background; the pager opens when it is in */
		xfree_set(&u->pending, xstrdup(url));
		news_start(u->news, JOB_ARTICLE, 0, url);
		u->sel = i;
		return;
	}
	if (news_get_article(u->news, url, &a, &e) < 0) {
		ui_status(u, 1, "%s", e.msg);
		return;
	}
	article_free(&u->art);
	u->art = a;
	u->sel = i;
	u->list.v[i].read = 1;
	news_set_read(u->news, url, 1, NULL);
	u->status[0] = '\0';
	if (u->stack[u->depth - 1] == &view_list)
		ui_push(u, &view_pager);
	else
		view_pager.open(u);
}

static void
move_sel(struct ui *u, long delta)
{
	long s = (long)u->sel + delta;

	if (s < 0)
		s = 0;
	if (u->list.n == 0)
		s = 0;
	else if (s >= (long)u->list.n)
		s = (long)u->list.n - 1;
	u->sel = (size_t)s;
}

static void
switch_tab(struct ui *u, long delta)
{
	long n = (long)news_ntabs(u->news);

	if (n == 0)
		return;
	u->tab = (size_t)((((long)u->tab + delta) % n + n) % n);
	u->sel = u->top = 0;
	item_list_free(&u->list);
	ui_show_list(u);
	if (!u->refreshed[u->tab])
		ui_refresh_tab(u, u->tab);
}

static int
list_key(struct ui *u, enum action a)
{
	int page = u->rows > 3 ? u->rows - 3 : 1;

	switch (a) {
	case ACT_DOWN:
		if (u->sel + 1 >= u->list.n && !news_offline(u->news))
			news_start(u->news, JOB_MORE, u->tab, NULL);
		move_sel(u, 1);
		return 1;
	case ACT_UP:        move_sel(u, -1); return 1;
	case ACT_QUIT:
		if (u->pending == NULL)
			return 0;
		xfree_set(&u->pending, NULL);   /* q while an article loads: stay */
		ui_status(u, 0, "%s", _("Cancelled"));
		return 1;
	case ACT_PAGE_DOWN:
		if (u->sel + (size_t)page >= u->list.n && !news_offline(u->news))
			news_start(u->news, JOB_MORE, u->tab, NULL);
		move_sel(u, page);
		return 1;
	case ACT_PAGE_UP:   move_sel(u, -page); return 1;
	case ACT_TOP:       u->sel = 0; return 1;
	case ACT_BOTTOM:    move_sel(u, (long)u->list.n); return 1;
	case ACT_NEXT_TAB:  switch_tab(u, 1); return 1;
	case ACT_PREV_TAB:  switch_tab(u, -1); return 1;
	case ACT_OPEN:      ui_open_article(u, u->sel); return 1;
	case ACT_RELOAD:    ui_refresh_tab(u, u->tab); return 1;
	case ACT_RELOAD_ALL:
		if (!news_offline(u->news))
			news_start(u->news, JOB_TABS, 0, NULL);
		for (size_t t = 0; t < news_ntabs(u->news); t++)
			ui_refresh_tab(u, t);
		return 1;
	case ACT_TOGGLE_READ:
		if (u->sel < u->list.n) {
			struct item *it = &u->list.v[u->sel];
			it->read = !it->read;
			news_set_read(u->news, it->url, it->read, NULL);
		}
		return 1;
	case ACT_STAR:
		if (u->sel < u->list.n) {
			struct item *it = &u->list.v[u->sel];
			it->starred = !it->starred;
			news_set_starred(u->news, it->url, it->starred, NULL);
			ui_status(u, 0, "%s", it->starred ? _("Starred") : _("Unstarred"));
		}
		return 1;
	default:
		return 0;
	}
}

const struct view_ops view_list = {
	"list", list_open, list_draw, list_key, list_close,
};
