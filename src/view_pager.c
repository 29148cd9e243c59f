/* view_pager.c: the article, laid out by render and text. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"

static const int line_color[] = {
	[RL_BLANK] = C_NORMAL, [RL_TITLE] = C_TITLE, [RL_META] = C_META,
	[RL_TEXT] = C_NORMAL, [RL_HEADING] = C_TITLE, [RL_QUOTE] = C_META,
	[RL_PRE] = C_NORMAL, [RL_IMAGE] = C_LINK, [RL_EDITOR] = C_META,
	[RL_LINKS] = C_LINK,
};

static void
layout(struct ui *u)
{
	rdoc_free(&u->doc);
	render_layout(&u->art, &u->blocks, u->cols, &u->doc);
	u->doc_width = u->cols;
}

static void
pager_open(struct ui *u)
{
	struct err e = { "" };

	rblocks_free(&u->blocks);
	if (render_blocks(u->art.body_html ? u->art.body_html : "",
	                  u->art.body_html ? strlen(u->art.body_html) : 0,
	                  u->art.url, &u->blocks, &e) < 0)
		ui_status(u, 1, "%s", e.msg);
	u->line = 0;
	layout(u);
}

static void
pager_close(struct ui *u)
{
	rdoc_free(&u->doc);
	rblocks_free(&u->blocks);
	article_free(&u->art);
}

static void
pager_draw(struct ui *u, int top, int rows)
{
	if (u->doc_width != u->cols) {
		/* keep the reading position across a resize, by fraction */
		double at = u->doc.n ? (double)u->line / (double)u->doc.n : 0;

		layout(u);
		u->line = (size_t)(at * (double)u->doc.n);
	}
	if (u->doc.n > (size_t)rows && u->line > u->doc.n - (size_t)rows)
		u->line = u->doc.n - (size_t)rows;
	if (u->doc.n <= (size_t)rows)
		u->line = 0;
	for (int r = 0; r < rows && u->line + (size_t)r < u->doc.n; r++) {
		const struct rline *l = &u->doc.v[u->line + (size_t)r];
		int attr = l->kind == RL_TITLE || l->kind == RL_HEADING ? A_BOLD : 0;

		ui_put(top + r, 0, l->text, u->cols, 0, line_color[l->kind], attr);
	}
	if (u->status[0] == '\0') {
		size_t last = u->line + (size_t)rows;

		if (last > u->doc.n)
			last = u->doc.n;
		ui_status(u, 0, _("%zu-%zu/%zu lines (%d%%)  q back  J/K next/prev"),
		          u->doc.n ? u->line + 1 : 0, last, u->doc.n,
		          u->doc.n ? (int)(last * 100 / u->doc.n) : 100);
	}
}

static void
scroll_by(struct ui *u, long delta)
{
	long l = (long)u->line + delta;

	if (l < 0)
		l = 0;
	if (l > (long)u->doc.n)
		l = (long)u->doc.n;
	u->line = (size_t)l;
}

static int
pager_key(struct ui *u, enum action a)
{
	int page = u->rows > 3 ? u->rows - 3 : 1;

	switch (a) {
	case ACT_DOWN:      scroll_by(u, 1); return 1;
	case ACT_UP:        scroll_by(u, -1); return 1;
	case ACT_PAGE_DOWN: scroll_by(u, page); return 1;
	case ACT_PAGE_UP:   scroll_by(u, -page); return 1;
	case ACT_TOP:       u->line = 0; return 1;
	case ACT_BOTTOM:    u->line = u->doc.n; return 1;
	case ACT_OPEN:      return 1;
	case ACT_NEXT_ART:
		if (u->sel + 1 < u->list.n)
			ui_open_article(u, u->sel + 1);
		return 1;
	case ACT_PREV_ART:
		if (u->sel > 0)
			ui_open_article(u, u->sel - 1);
		return 1;
	case ACT_NEXT_TAB:
	case ACT_PREV_TAB:
		return 1;
	default:
		return 0;
	}
}

const struct view_ops view_pager = {
	"pager", pager_open, pager_draw, pager_key, pager_close,
};
