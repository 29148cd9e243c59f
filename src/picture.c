/* picture.c: a picture on the screen (see picture.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "picture.h"
#include "screen.h"
#include "text.h"

/* Kitty keeps its pictures over the text until told: all of them go. */
static const char kitty_erase[] = "\033_Ga=d,d=A\033\\";

enum image_proto
picture_proto(struct news *n, const char *article_url)
{
	extern char **environ;
	int mode = article_url != NULL ? news_images_for(n, article_url) : news_images(n);

	return image_detect(mode, environ, screen_colors(), screen_utf8());
}

void
picture_cell_size(enum image_proto p, int *cell_w, int *cell_h)
{
	image_cell_size(p == PROTO_SYMBOLS ? -1 : STDOUT_FILENO, cell_w, cell_h);
}

void
picture_cells_free(struct picture_cells *c)
{
	free(c->v);
	memset(c, 0, sizeof *c);
}

/* The symbols of im in cols × rows cells, made when the size changed. */
static int
cells_for(const struct image *im, struct picture_cells *c, int cols, int rows)
{
	if (c->v != NULL && c->cols == cols && c->rows == rows)
		return 0;
	picture_cells_free(c);
	c->v = xcalloc((size_t)cols * (size_t)rows, sizeof *c->v);
	if (image_cells(im, cols, rows, screen_colors(), text_ambiguous_width() == 2,
	                c->v, NULL) < 0) {
		picture_cells_free(c);
		return -1;
	}
	c->cols = cols;
	c->rows = rows;
	return 0;
}

void
picture_draw(const struct image *im, struct picture_cells *c, enum image_proto p,
             const char *key, int y, int x, int cols, int rows, int row0, int nrows)
{
	struct buf bytes;
	char *id;
	int cw, ch;

	if (im == NULL || im->rgba == NULL || nrows <= 0 || cols <= 0 || p == PROTO_NONE)
		return;
	if (p == PROTO_SYMBOLS) {
		if (cells_for(im, c, cols, rows) < 0)
			return;
		for (int r = 0; r < nrows && row0 + r < rows; r++)
			screen_put_cells(y + r, x, c->v + (size_t)(row0 + r) * (size_t)cols, cols);
		return;
	}
	id = xasprintf("%s %dx%d %d+%d", key, cols, rows, row0, nrows);
	if (!screen_picture(y, x, nrows, cols, id, NULL, 0, NULL)) {
		picture_cell_size(p, &cw, &ch);
		buf_init(&bytes, 0);
		if (image_bytes(im, p, cols, rows, row0, nrows, cw, ch, screen_colors(),
		                &bytes, NULL) == 0)
			screen_picture(y, x, nrows, cols, id, bytes.data, bytes.len,
			               p == PROTO_KITTY ? kitty_erase : NULL);
		buf_free(&bytes);
	}
	free(id);
}

void
picture_fill(enum image_proto p, unsigned w, unsigned h, int max_cols,
             int max_rows, int *cols, int *rows)
{
	int cw, ch;

	picture_cell_size(p, &cw, &ch);
	/* the natural size made larger than any screen: the box decides */
	image_fit(w * 64, h * 64, max_cols, max_rows, cw, ch, cols, rows);
}
