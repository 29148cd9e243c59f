/* view_list.c: the list of the current tab's articles. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"

#define DATE_COLS 10

static void
say_loading(struct ui *u, const char *what)
{
	ui_status(u, 0, _("Loading %s…"), what);
	ui_flash_status(u);
}

void
ui_load_list(struct ui *u, int refresh)
{
	struct err e = { "" };
	const struct store_tab *t = news_tab(u->news, u->tab);
	char *keep = NULL;

	if (t == NULL)
		return;
	if (u->sel < u->list.n)
		keep = xstrdup(u->list.v[u->sel].url);
	if (!news_offline(u->news) && (refresh || !u->refreshed[u->tab])) {
		say_loading(u, t->label);
		if (news_refresh_list(u->news, u->tab, &e) < 0)
			ui_status(u, 1, "%s", e.msg);
		else if (news_notice(u->news) != NULL)
			ui_status(u, 1, "%s", news_notice(u->news));
		else
			u->status[0] = '\0';
		u->refreshed[u->tab] = 1;
	}
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

static void
list_open(struct ui *u)
{
	struct err e = { "" };

	if (news_ntabs(u->news) == 0 && !news_offline(u->news)) {
		say_loading(u, _("the channels"));
		if (news_refresh_tabs(u->news, &e) < 0)
			ui_status(u, 1, "%s", e.msg);
	} else if (!news_offline(u->news)) {
		if (news_refresh_tabs(u->news, &e) < 0)
			ui_status(u, 1, "%s", e.msg);
	}
	if (news_ntabs(u->news) == 0) {
		if (u->status[0] == '\0')
			ui_status(u, 1, _("Nothing cached yet; start without --offline"));
		return;
	}
	u->refreshed = xcalloc(news_ntabs(u->news), 1);
	ui_load_list(u, 0);
}

static void
list_close(struct ui *u)
{
	item_list_free(&u->list);
	free(u->refreshed);
	u->refreshed = NULL;
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
		snprintf(mark, sizeof mark, "%s", it->read ? "  " : "● ");
	ui_put(y, x, mark, text_width(mark, strlen(mark)), 0, C_UNREAD, attr);
	x += text_width(mark, strlen(mark));
	title_cols = w - x - (w >= 40 ? DATE_COLS + 1 : 0);
	ui_put(y, x, it->title, title_cols, 0, C_NORMAL,
	       attr | (it->read ? 0 : A_BOLD));
	x += title_cols;
	if (w >= 40) {
		char date[11] = "";

		if (it->date != NULL && strlen(it->date) >= 10)
			snprintf(date, sizeof date, "%.10s", it->date);
		else if (it->time != 0)
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
		ui_put(top + 1, 2, _("(no articles in this tab)"), u->cols - 2, 0,
		       C_NORMAL, A_DIM);
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

	if (i >= u->list.n)
		return;
	ui_status(u, 0, _("Loading the article…"));
	ui_flash_status(u);
	if (news_get_article(u->news, u->list.v[i].url, &a, &e) < 0) {
		ui_status(u, 1, "%s", e.msg);
		return;
	}
	article_free(&u->art);
	u->art = a;
	u->sel = i;
	u->list.v[i].read = 1;
	news_set_read(u->news, u->list.v[i].url, 1, NULL);
	u->status[0] = '\0';
	if (u->depth == 1)
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
	ui_load_list(u, 0);
}

static void
load_more(struct ui *u)
{
	struct err e = { "" };
	int rc;

	if (news_offline(u->news))
		return;
	ui_status(u, 0, _("Loading older articles…"));
	ui_flash_status(u);
	rc = news_load_more(u->news, u->tab, &e);
	if (rc < 0) {
		ui_status(u, 1, "%s", e.msg);
		return;
	}
	u->status[0] = '\0';
	if (rc == 0)
		ui_load_list(u, 0);
}

static int
list_key(struct ui *u, enum action a)
{
	int page = u->rows > 3 ? u->rows - 3 : 1;

	switch (a) {
	case ACT_DOWN:
		if (u->sel + 1 >= u->list.n)
			load_more(u);
		move_sel(u, 1);
		return 1;
	case ACT_UP:        move_sel(u, -1); return 1;
	case ACT_PAGE_DOWN: move_sel(u, page); return 1;
	case ACT_PAGE_UP:   move_sel(u, -page); return 1;
	case ACT_TOP:       u->sel = 0; return 1;
	case ACT_BOTTOM:    move_sel(u, (long)u->list.n); return 1;
	case ACT_NEXT_TAB:  switch_tab(u, 1); return 1;
	case ACT_PREV_TAB:  switch_tab(u, -1); return 1;
	case ACT_OPEN:      ui_open_article(u, u->sel); return 1;
	case ACT_RELOAD:    ui_load_list(u, 1); return 1;
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
			ui_status(u, 0, it->starred ? _("Starred") : _("Unstarred"));
		}
		return 1;
	default:
		return 0;
	}
}

const struct view_ops view_list = {
	"list", list_open, list_draw, list_key, list_close,
};
