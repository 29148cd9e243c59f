/* view_help.c: the keys (see view_help.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scroller.h"
#include "screen.h"
#include "text.h"
#include "view_help.h"

struct help {
	struct host *h;
	struct scroller sc;     /* without a cursor: the rows below the heading */
};

/* Rows: one per action, then the mouse. */
static size_t
help_lines(void)
{
	return (size_t)(ACT_COUNT - 1) + 1;
}

static void
help_row(const struct help *hp, size_t i, char *keys, size_t ksz, const char **name,
         const char **text)
{
	if (i < (size_t)(ACT_COUNT - 1)) {
		enum action a = (enum action)(i + 1);

		keys_describe(host_keymap(hp->h), a, keys, ksz);
		*name = action_info(a)->name;
		*text = _(action_info(a)->help);
		return;
	}
	snprintf(keys, ksz, "%s", _("Mouse"));
	*name = "";
	*text = _("Wheel scrolls; click a tab to go to it; click a row to select "
	          "it, click again to open it");
}

static void *
help_open(struct host *h, const void *arg)
{
	struct help *hp = xcalloc(1, sizeof *hp);

	(void)arg;
	hp->h = h;
	return hp;
}

static void
help_close(void *st)
{
	free(st);
}

static void
help_draw(void *st, const struct rect *r)
{
	struct help *hp = st;
	int kc = r->w >= 60 ? 18 : r->w / 3;
	int nc = r->w >= 80 ? 14 : 0;

	scroller_set(&hp->sc, help_lines(), r->h > 1 ? (size_t)(r->h - 1) : 1);
	screen_put(r->y, r->x, _("Keys (q goes back; `bind KEY ACTION` in the config changes them)"),
	           r->w, 0, THEME_TITLE, 0);
	for (int i = 1; i < r->h && hp->sc.top + (size_t)(i - 1) < hp->sc.n; i++) {
		char keys[128];
		const char *name, *text;
		int y = r->y + i;

		help_row(hp, hp->sc.top + (size_t)(i - 1), keys, sizeof keys, &name, &text);
		screen_put(y, r->x, keys, kc - 1, 0, THEME_META, THEME_BOLD);
		screen_put(y, r->x + kc - 1, " ", 1, 0, THEME_NORMAL, 0);
		screen_put(y, r->x + kc, text, r->w - kc - nc, 0, THEME_NORMAL, 0);
		if (nc > 0)
			screen_put(y, r->x + r->w - nc, name, nc, TEXT_ALIGN_RIGHT, THEME_DATE, 0);
	}
}

static int
help_key(void *st, enum action a, int key)
{
	struct help *hp = st;

	(void)key;
	if (scroller_key(&hp->sc, a))
		return 1;
	switch (a) {
	case ACT_HELP:
	case ACT_BACK:
	case ACT_QUIT:
	case ACT_OPEN:
		host_pop(hp->h, hp);
		return 1;
	default:
		return a != ACT_REDRAW;  /* other keys do nothing here */
	}
}

static void
help_status(void *st, char *left, size_t lsz, char *right, size_t rsz)
{
	struct help *hp = st;

	snprintf(left, lsz, "%s", _("Help: j/k scroll, q back"));
	snprintf(right, rsz, "%zu-%zu/%zu", hp->sc.top + 1, scroller_last(&hp->sc),
	         help_lines());
}

static void
help_mouse(void *st, const struct rect *r, int y, int x, enum view_mouse m)
{
	struct help *hp = st;

	(void)r;
	(void)y;
	(void)x;
	if (m != VIEW_CLICK)
		scroller_wheel(&hp->sc, m == VIEW_WHEEL_UP ? -1 : 1);
}

const struct view_ops view_help_ops = {
	.name = "help",
	.open = help_open,
	.close = help_close,
	.draw = help_draw,
	.key = help_key,
	.status = help_status,
	.mouse = help_mouse,
};
