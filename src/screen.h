/* screen.h: the terminal, and the only module that includes curses.  It
 * starts and stops the terminal (a TERM it does not know falls back to a
 * basic one), writes sanitized UTF-8 in whatever character set the locale
 * has, gives the theme's looks to screen elements, and reads keys as
 * keys.h numbers them.  Everything drawn goes through screen_put: fitted
 * to its columns by text.c's one width rule. */
#ifndef GX_SCREEN_H
#define GX_SCREEN_H

#include <stddef.h>
#include "image.h"
#include "theme.h"
#include "util.h"

struct screen_opts {
	int mouse;                          /* take clicks and the wheel */
	const struct theme_color *colors;   /* the config's colour lines */
	size_t ncolors;
};

/* Starts the terminal.  A TERM the terminfo database does not know is
 * replaced by a basic description; *notice (if not NULL) then says so in
 * a line for the status line.  -1 with e when no terminal can be used. */
int  screen_start(const struct screen_opts *o, char *notice, size_t nsz,
                  struct err *e);
void screen_stop(void);
void screen_size(int *rows, int *cols);
/* The curses library in use, e.g. "ncurses 6.4.20221231". */
const char *screen_version(void);

/* A frame: screen_begin clears it and hides the cursor, screen_end shows
 * it; screen_redraw makes the next frame repaint every cell. */
void screen_begin(void);
void screen_end(void);
void screen_redraw(void);

/* Writes s at (y, x) exactly cols columns wide (text_cell: cut with … or
 * padded; flags TEXT_ALIGN_RIGHT, TEXT_NO_ELLIPSIS) in the look of theme
 * element el, with THEME_* attributes attr added. */
void screen_put(int y, int x, const char *s, int cols, int flags, int el, int attr);
/* A stretch [start, end) of a line, in bytes. */
struct screen_span {
	size_t start, end;
};
/* The same for sanitized text s, the spans of it (sorted, apart) drawn as
 * THEME_SEARCH; never past cols columns. */
void screen_put_spans(int y, int x, const char *s, int cols, int el, int attr,
                      const struct screen_span *sp, size_t n);
/* Shows the cursor at (y, x) in this frame. */
void screen_cursor(int y, int x);

/* Pictures.  The colours in use (0: none, or NO_COLOR) and whether
 * characters go out as UTF-8: what image_detect() asks. */
int  screen_colors(void);
int  screen_utf8(void);
/* A row of a picture as coloured symbols: n cells from (y, x). */
void screen_put_cells(int y, int x, const struct image_cell *c, int n);
/* A picture a graphics protocol draws (sixel, kitty, iTerm2) is written
 * to the terminal after the frame, at (y, x), over rows × cols cells the
 * frame leaves blank.  key names what it shows: with bytes NULL, 1 if the
 * last frame had it (its bytes serve again), else 0 and the caller gives
 * the bytes.  erase is what removes the protocol's pictures (kitty keeps
 * them over the text), or NULL.  Only when the pictures on the screen
 * change (another one, another place) are the old ones erased, every cell
 * repainted over the pixels they left and the pictures written again. */
int  screen_picture(int y, int x, int rows, int cols, const char *key,
                    const char *bytes, size_t len, const char *erase);
/* Puts text on the terminal's clipboard: an OSC 52 sequence, which
 * xterm, kitty, foot, WezTerm, iTerm2, Windows Terminal and tmux (with
 * set-clipboard on) understand; others ignore it.  -1 and why when text
 * is longer than terminals take. */
#define SCREEN_CLIPBOARD_MAX 100000     /* bytes of base64 */
int  screen_clipboard(const char *text, struct err *e);

/* Gives the terminal to another program (to_child 1) and takes it back. */
void screen_hand(int to_child);

/* The next key as keys.h numbers it (KEYS_RESIZE, KEYS_MOUSE included),
 * or -1 after timeout_ms (-1: wait). */
int  screen_read(int timeout_ms);
enum screen_mouse { SCREEN_CLICK, SCREEN_WHEEL_UP, SCREEN_WHEEL_DOWN };
/* The mouse event behind KEYS_MOUSE: 0 and where, or -1 if none to use. */
int  screen_mouse(int *y, int *x, enum screen_mouse *m);

#endif
