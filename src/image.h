/* image.h: pictures.  Decoded from JPEG, PNG, WebP and GIF bytes by the
 * format libraries (every limit checked before a pixel buffer is
 * allocated), and drawn for a terminal by libchafa: as coloured Unicode
 * symbols (cells a curses screen draws itself) or as the bytes of a
 * graphics protocol (sixel, kitty, iTerm2).  Nothing here includes curses
 * or chafa's headers; without libchafa every picture is its caption line. */
#ifndef GX_IMAGE_H
#define GX_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

#define IMAGE_MAX_BYTES  (8u << 20)     /* a picture's file */
#define IMAGE_MAX_SIDE   16384          /* pixels, either side */
#define IMAGE_MAX_PIXELS (16u << 20)    /* width × height */
/* JPEG and WebP are decoded scaled down while both sides stay above this:
 * no terminal shows more, and a big photo costs a fraction to decode. */
#define IMAGE_DECODE_SIDE 1024
/* A decoded picture is kept at most this large (averaged down by a whole
 * factor past it): enough for a full screen of cells, and an article of
 * many pictures stays a few megabytes a picture. */
#define IMAGE_KEEP_PIXELS (2u << 20)

/* The `images` setting. */
enum image_mode {
	IMAGE_AUTO,     /* the terminal's best protocol, else symbols */
	IMAGE_SYMBOLS,  /* coloured symbols even where pixels would work */
	IMAGE_SIXEL,    /* a protocol named outright: no detection */
	IMAGE_KITTY,
	IMAGE_ITERM,
	IMAGE_OFF,      /* caption lines only */
};

/* How pictures end up drawn. */
enum image_proto {
	PROTO_NONE,     /* caption lines only */
	PROTO_SYMBOLS,
	PROTO_SIXEL,
	PROTO_KITTY,
	PROTO_ITERM,
};

struct image {
	unsigned w, h;
	unsigned char *rgba;    /* w × h × 4 bytes, top row first, straight alpha */
};

/* "auto", "symbols", "sixel", "kitty", "iterm", "off"; -1 if unknown. */
int  image_mode_parse(const char *s);
const char *image_mode_name(int mode);
const char *image_proto_name(enum image_proto p);
/* Whether this build draws pictures (libchafa was found), and the formats
 * it decodes ("JPEG PNG WebP GIF"). */
int  image_supported(void);
const char *image_formats(void);
const char *image_chafa_version(void);  /* "1.12.4", NULL without */
/* "JPEG", "PNG", "WebP", "GIF" by the file's first bytes, or NULL. */
const char *image_sniff(const void *data, size_t len);

/* Decodes a picture (GIF: its first frame), kept within IMAGE_KEEP_PIXELS
 * (a bigger one averaged down, its aspect kept).  A file, a size or a pixel
 * count over the limits, a format this build cannot decode, or damaged or
 * cut-short data: -1 and a short reason fit for a caption line. */
int  image_decode(const void *data, size_t len, struct image *out,
                  struct err *e);
void image_free(struct image *im);

/* What mode gives on the terminal envp describes (TERM, TERM_PROGRAM,
 * KITTY_WINDOW_ID, …, as libchafa's terminal database reads them), with
 * ncolors colours (0: none; NO_COLOR counts as none) and a UTF-8 locale or
 * not.  Behind tmux or screen (TMUX, STY) auto gives symbols: a
 * multiplexer passes no graphics.  Without colours or UTF-8, or without
 * libchafa: PROTO_NONE. */
enum image_proto image_detect(int mode, char **envp, int ncolors, int utf8);

/* The pixels of a character cell of the terminal on fd (TIOCGWINSZ), else
 * (or with fd -1) 8 × 16. */
void image_cell_size(int fd, int *cell_w, int *cell_h);

/* The cells a w × h picture takes: its natural size (cell_w × cell_h
 * pixels a cell), made smaller to fit max_cols × max_rows (max_rows 0: no
 * limit), the aspect kept; at least 1 × 1. */
void image_fit(unsigned w, unsigned h, int max_cols, int max_rows,
               int cell_w, int cell_h, int *cols, int *rows);

/* Symbols as cells for a curses screen: ch a narrow character (none that
 * an ambiguous-width terminal could draw two columns wide when wide is
 * set), fg and bg colour numbers below ncolors (8, 16 or 256), -1 for the
 * terminal's own. */
struct image_cell {
	uint32_t ch;
	short    fg, bg;
};
/* Fills out[cols × rows], row by row. */
int  image_cells(const struct image *im, int cols, int rows, int ncolors,
                 int wide, struct image_cell *out, struct err *e);

/* The bytes that draw rows [row0, row0 + nrows) of the picture laid out
 * in cols × rows cells (a picture the screen shows in part): a sixel,
 * kitty or iTerm2 image to write at the cursor, or for PROTO_SYMBOLS one
 * line of symbols with colour escapes per row, '\n' between rows. */
int  image_bytes(const struct image *im, enum image_proto p, int cols, int rows,
                 int row0, int nrows, int cell_w, int cell_h, int ncolors,
                 struct buf *out, struct err *e);

#endif
