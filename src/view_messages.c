/* view_messages.c: the status line's messages (see view_messages.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "scroller.h"
#include "screen.h"
#include "text.h"
#include "view_messages.h"

enum { WHEN_COLS = 12 };

struct messages {
	struct host *h;
	struct scroller sc;     /* without a cursor: the rows below the heading */
};

static size_t
count(struct messages *m)
{
	struct host_message hm;
	size_t n = 0;

	while (host_message(m->h, n, &hm))
		n++;
	return n;
}

static void *
messages_open(struct host *h, const void *arg)
{
	struct messages *m = xcalloc(1, sizeof *m);

	(void)arg;
	m->h = h;
	return m;
}

static void
messages_close(void *st)
{
	free(st);
}

static void
draw_message(int y, const struct rect *r, const struct host_message *hm, int64_t now)
{
	char when[64];
	int wc = r->w >= 40 ? WHEN_COLS : 0;

	screen_put(y, r->x, hm->error ? "!" : "", 2, 0, THEME_ERROR, 0);
	if (wc > 0) {
		time_ago(hm->when, now, when, sizeof when);
		screen_put(y, r->x + 2, when, wc - 1, 0, THEME_DATE, 0);
		screen_put(y, r->x + 1 + wc, " ", 1, 0, THEME_NORMAL, 0);
	}
	screen_put(y, r->x + 2 + wc, hm->text, r->w - 2 - wc, 0, THEME_NORMAL, 0);
}

static void
messages_draw(void *st, const struct rect *r)
{
	struct messages *m = st;
	struct host_message hm;
	int64_t now = (int64_t)time(NULL);

	scroller_set(&m->sc, count(m), r->h > 1 ? (size_t)(r->h - 1) : 1);
	screen_put(r->y, r->x, _("Messages, the newest first (q goes back)"), r->w, 0,
	           THEME_TITLE, 0);
	if (m->sc.n == 0 && r->h > 1)
		screen_put(r->y + 1, r->x + 2, _("(nothing said yet)"), r->w - 2, 0,
		           THEME_NORMAL, THEME_DIM);
	for (int i = 1; i < r->h && host_message(m->h, m->sc.top + (size_t)(i - 1), &hm); i++)
		draw_message(r->y + i, r, &hm, now);
}

static int
messages_key(void *st, enum action a, int key)
{
	struct messages *m = st;

	(void)key;
	if (scroller_key(&m->sc, a))
		return 1;
	if (a == ACT_MESSAGES || a == ACT_OPEN) {
		host_pop(m->h, m);
		return 1;
	}
	return 0;
}

static void
messages_status(void *st, char *left, size_t lsz, char *right, size_t rsz)
{
	struct messages *m = st;

	snprintf(left, lsz, "%s", _("Messages: j/k scroll, q back"));
	if (m->sc.n > 0)
		snprintf(right, rsz, "%zu-%zu/%zu", m->sc.top + 1, scroller_last(&m->sc),
		         m->sc.n);
}

static void
messages_mouse(void *st, const struct rect *r, int y, int x, enum view_mouse mm)
{
	struct messages *m = st;

	(void)r;
	(void)y;
	(void)x;
	if (mm != VIEW_CLICK)
		scroller_wheel(&m->sc, mm == VIEW_WHEEL_UP ? -1 : 1);
}

const struct view_ops view_messages_ops = {
	.name = "messages",
	.open = messages_open,
	.close = messages_close,
	.draw = messages_draw,
	.key = messages_key,
	.status = messages_status,
	.mouse = messages_mouse,
};
