/* view_help.c: the keys, from the action table (keys.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"

enum { HELP_WHEEL = 3 };

/* Rows: one per action, then the mouse. */
static size_t
help_lines(void)
{
	return (size_t)(ACT_COUNT - 1) + 1;
}

static void
help_row(const struct ui *u, size_t i, char *keys, size_t ksz, const char **name,
         const char **help)
{
	if (i < (size_t)(ACT_COUNT - 1)) {
		enum action a = (enum action)(i + 1);

		keys_describe(&u->keys, a, keys, ksz);
		*name = action_info(a)->name;
		*help = _(action_info(a)->help);
		return;
	}
	snprintf(keys, ksz, "%s", _("Mouse"));
	*name = "";
	*help = _("Wheel scrolls; click a tab to go to it; click a row to select "
	          "it, click again to open it");
}

static void
help_draw(struct ui *u, int top, int rows)
{
	int kc = u->cols >= 60 ? 18 : u->cols / 3;
	int nc = u->cols >= 80 ? 14 : 0;
	size_t n = help_lines();

	u->help_rows = rows - 1;
	if (u->help_rows > 0 && u->help_top + (size_t)u->help_rows > n)
		u->help_top = n > (size_t)u->help_rows ? n - (size_t)u->help_rows : 0;
	ui_put(top, 0, _("Keys (q goes back; `bind KEY ACTION` in the config changes them)"),
	       u->cols, 0, C_TITLE, 0);
	for (int r = 1; r < rows && u->help_top + (size_t)(r - 1) < n; r++) {
		char keys[128];
		const char *name, *help;

		help_row(u, u->help_top + (size_t)(r - 1), keys, sizeof keys, &name, &help);
		ui_put(top + r, 0, keys, kc - 1, 0, C_META, A_BOLD);
		ui_put(top + r, kc - 1, " ", 1, 0, C_NORMAL, 0);
		ui_put(top + r, kc, help, u->cols - kc - nc, 0, C_NORMAL, 0);
		if (nc > 0)
			ui_put(top + r, u->cols - nc, name, nc, TEXT_ALIGN_RIGHT, C_DATE, 0);
	}
}

static void
help_scroll(struct ui *u, long delta)
{
	long t = (long)u->help_top + delta;
	long max = (long)help_lines() - (u->help_rows > 0 ? u->help_rows : 1);

	if (t > max)
		t = max;
	if (t < 0)
		t = 0;
	u->help_top = (size_t)t;
}

static int
help_key(struct ui *u, enum action a)
{
	long page = u->help_rows > 1 ? u->help_rows - 1 : 1;

	switch (a) {
	case ACT_DOWN:      help_scroll(u, 1); return 1;
	case ACT_UP:        help_scroll(u, -1); return 1;
	case ACT_PAGE_DOWN: help_scroll(u, page); return 1;
	case ACT_PAGE_UP:   help_scroll(u, -page); return 1;
	case ACT_TOP:       help_scroll(u, -(long)help_lines()); return 1;
	case ACT_BOTTOM:    help_scroll(u, (long)help_lines()); return 1;
	case ACT_HELP:
	case ACT_BACK:
	case ACT_QUIT:
	case ACT_OPEN:
		ui_pop(u);
		return 1;
	default:
		return a != ACT_REDRAW;  /* other keys do nothing here */
	}
}

static void
help_status(struct ui *u, char *left, size_t lsz, char *right, size_t rsz)
{
	size_t n = help_lines(), rows = u->help_rows > 0 ? (size_t)u->help_rows : 1;
	size_t last = u->help_top + rows < n ? u->help_top + rows : n;

	snprintf(left, lsz, "%s", _("Help: j/k scroll, q back"));
	snprintf(right, rsz, "%zu-%zu/%zu", u->help_top + 1, last, n);
}

static void
help_mouse(struct ui *u, int y, int x, enum ui_mouse m)
{
	(void)y;
	(void)x;
	if (m == UI_WHEEL_UP)
		help_scroll(u, -HELP_WHEEL);
	else if (m == UI_WHEEL_DOWN)
		help_scroll(u, HELP_WHEEL);
}

static void
help_open(struct ui *u)
{
	u->help_top = 0;
}

const struct view_ops view_help = {
	"help", help_open, help_draw, help_key, NULL, help_status, help_mouse,
};
