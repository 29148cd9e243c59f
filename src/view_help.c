/* view_help.c: the keys, from the action table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"

static void
help_draw(struct ui *u, int top, int rows)
{
	int r = 0;
	int keys_cols = u->cols >= 60 ? 24 : u->cols / 3;

	ui_put(top + r++, 0, _("Keys (q to go back)"), u->cols, 0, C_TITLE, A_BOLD);
	for (int a = ACT_NONE + 1 + (int)u->help_top; a < ACT_COUNT && r < rows; a++) {
		char keys[128];

		keys_describe((enum action)a, keys, sizeof keys);
		ui_put(top + r, 0, keys, keys_cols, 0, C_META, 0);
		ui_put(top + r, keys_cols, _(action_info((enum action)a)->help),
		       u->cols - keys_cols, 0, C_NORMAL, 0);
		r++;
	}
}

static int
help_key(struct ui *u, enum action a)
{
	switch (a) {
	case ACT_DOWN:
		if (u->help_top + 1 < ACT_COUNT - 1)
			u->help_top++;
		return 1;
	case ACT_UP:
		if (u->help_top > 0)
			u->help_top--;
		return 1;
	case ACT_HELP:
		ui_pop(u);
		return 1;
	default:
		return 0;
	}
}

const struct view_ops view_help = {
	"help", NULL, help_draw, help_key, NULL,
};
