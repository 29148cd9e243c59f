/* view_picture.c: a picture full screen (see view_picture.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "picture.h"
#include "screen.h"
#include "theme.h"
#include "view_picture.h"

struct pview {
	struct host *h;
	struct image im;
	struct picture_cells cells;
	char *key, *caption;
};

static void *
pview_open(struct host *h, const void *arg)
{
	const struct host_picture *a = arg;
	struct pview *v;
	size_t size;

	if (a == NULL || a->im == NULL || a->im->rgba == NULL) {
		host_status(h, 1, "%s", _("No picture here"));
		return NULL;
	}
	v = xcalloc(1, sizeof *v);
	v->h = h;
	size = (size_t)a->im->w * a->im->h * 4;
	v->im = *a->im;
	v->im.rgba = xmalloc(size);
	memcpy(v->im.rgba, a->im->rgba, size);
	v->key = xstrdup(a->key ? a->key : "");
	v->caption = xstrdup(a->caption ? a->caption : "");
	return v;
}

static void
pview_close(void *st)
{
	struct pview *v = st;

	image_free(&v->im);
	picture_cells_free(&v->cells);
	free(v->key);
	free(v->caption);
	free(v);
}

static void
pview_draw(void *st, const struct rect *r)
{
	struct pview *v = st;
	enum image_proto p = picture_proto(host_news(v->h), NULL);
	int cols, rows, h = r->h > 1 ? r->h - 1 : r->h;

	if (p == PROTO_NONE) {
		screen_put(r->y, r->x, _("Pictures are hidden (i shows them)"), r->w, 0,
		           THEME_META, 0);
		return;
	}
	picture_fill(p, v->im.w, v->im.h, r->w, h, &cols, &rows);
	picture_draw(&v->im, &v->cells, p, v->key, r->y + (h - rows) / 2,
	             r->x + (r->w - cols) / 2, cols, rows, 0, rows);
	if (r->h > 1)
		screen_put(r->y + r->h - 1, r->x, v->caption, r->w, 0, THEME_LINK, 0);
}

static int
pview_key(void *st, enum action a, int key)
{
	struct pview *v = st;

	(void)key;
	if (a == ACT_BACK || a == ACT_QUIT || a == ACT_PICTURE || a == ACT_OPEN) {
		host_pop(v->h, v);
		return 1;
	}
	return 0;
}

static void
pview_status(void *st, char *left, size_t lsz, char *right, size_t rsz)
{
	struct pview *v = st;

	snprintf(left, lsz, "%s", _("q back  i hide pictures"));
	snprintf(right, rsz, "%u×%u", v->im.w, v->im.h);
}

const struct view_ops view_picture_ops = {
	.name = "picture",
	.open = pview_open,
	.close = pview_close,
	.draw = pview_draw,
	.key = pview_key,
	.status = pview_status,
};
