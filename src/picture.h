/* picture.h: a picture on the screen, as the views that show pictures
 * (pager, list, the full-screen picture) share it: how this terminal draws
 * pictures, and a picture drawn in a box of cells, whole or the rows of it
 * a view shows.  Not a view: a piece views are made of. */
#ifndef GX_PICTURE_H
#define GX_PICTURE_H

#include "image.h"
#include "news.h"

/* How pictures are drawn here: the model's images mode (that of the source
 * of article_url when given) on this terminal (its colours, its character
 * set, the environment); PROTO_NONE: captions only. */
enum image_proto picture_proto(struct news *n, const char *article_url);
/* The pixels of a character cell as pictures are sized with p: the
 * terminal's own for the graphics protocols (8 × 16 when it does not say);
 * for symbols always 8 × 16, what a cell of symbols shows of a picture
 * (terminals such as tmux report sizes of their own). */
void picture_cell_size(enum image_proto p, int *cell_w, int *cell_h);

/* Symbols made for a picture at one size, kept for the next frame. */
struct picture_cells {
	int cols, rows;
	struct image_cell *v;
};
void picture_cells_free(struct picture_cells *c);

/* Draws rows [row0, row0 + nrows) of im laid out in cols × rows cells, the
 * first of them at (y, x): as symbols (made once into *c), or written
 * with the graphics protocol after the frame (key names the picture). */
void picture_draw(const struct image *im, struct picture_cells *c,
                  enum image_proto p, const char *key, int y, int x, int cols,
                  int rows, int row0, int nrows);

/* The largest box of at most max_cols × max_rows cells that holds a
 * w × h picture, its aspect kept (a full-screen picture). */
void picture_fill(enum image_proto p, unsigned w, unsigned h, int max_cols,
                  int max_rows, int *cols, int *rows);

#endif
