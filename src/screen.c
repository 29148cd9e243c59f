/* screen.c: the terminal through ncursesw (see screen.h).  Text goes out
 * as wide characters, which curses writes in the locale's character set:
 * UTF-8, or a legacy one such as GB18030; a character the locale cannot
 * write becomes '?' as wide as it. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <wchar.h>

#include "keys.h"
#include "screen.h"
#include "text.h"
#include "utf8.h"

/* What a terminal nobody described is drawn as: the most common family
 * first, then the oldest. */
static const char *const basic_terms[] = { "xterm", "vt100", "ansi" };

/* A picture written with a graphics protocol. */
struct gfx {
	int y, x, rows, cols;
	char *key, *bytes, *erase;
	size_t len;
};

static SCREEN *scr;
static int use_color, utf8_out, default_colors;
/* The pictures of the frame being drawn and of the last one on the
 * terminal. */
static struct gfx *pics, *shown;
static size_t npics, nshown;
static int elem_attr[THEME_COUNT];
static int cursor_y = -1, cursor_x;

/* ---- starting ----------------------------------------------------------- */

static int
term_known(const char *name)
{
	int err = 0;

	if (name == NULL || *name == '\0')
		return 0;
	if (setupterm(name, fileno(stdout), &err) != OK)
		return 0;
	del_curterm(cur_term);
	return 1;
}

static const struct {
	int theme;
	attr_t curses;
} attr_map[] = {
	{ THEME_BOLD, A_BOLD }, { THEME_UNDERLINE, A_UNDERLINE },
	{ THEME_REVERSE, A_REVERSE }, { THEME_DIM, A_DIM },
};

static int
curses_attrs(int theme_attrs)
{
	int a = 0;

	for (size_t i = 0; i < ARRAY_LEN(attr_map); i++)
		if (theme_attrs & attr_map[i].theme)
			a |= (int)attr_map[i].curses;
	return a;
}

/* The theme: the terminal's default colours with accents, the config's
 * `color` lines over it; attributes alone without colour (NO_COLOR). */
static void
colors_init(const struct screen_opts *o)
{
	const char *no = getenv("NO_COLOR");
	int defaults;

	use_color = has_colors() && (no == NULL || *no == '\0');
	if (use_color && start_color() == ERR)
		use_color = 0;
	defaults = use_color && use_default_colors() == OK;
	default_colors = defaults;
	for (int i = 0; i < THEME_COUNT; i++) {
		struct theme_color c;
		int mono;

		theme_look(i, use_color ? COLORS : 0, o->colors, o->ncolors, &c, &mono);
		elem_attr[i] = curses_attrs(c.attr);
		if (!use_color) {
			elem_attr[i] |= curses_attrs(mono);
			continue;
		}
		if (!defaults) {
			c.fg = c.fg < 0 ? COLOR_WHITE : c.fg;
			c.bg = c.bg < 0 ? COLOR_BLACK : c.bg;
		}
		if (i + 1 < COLOR_PAIRS && init_pair((short)(i + 1), c.fg, c.bg) == OK)
			elem_attr[i] |= (int)COLOR_PAIR(i + 1);
	}
}

int
screen_start(const struct screen_opts *o, char *notice, size_t nsz, struct err *e)
{
	const char *term = getenv("TERM"), *use = term;

	if (notice != NULL && nsz > 0)
		notice[0] = '\0';
	if (!term_known(term)) {
		use = NULL;
		for (size_t i = 0; i < ARRAY_LEN(basic_terms) && use == NULL; i++)
			if (term_known(basic_terms[i]))
				use = basic_terms[i];
		if (use == NULL)
			return err_set(e, _("the terminal type '%s' is unknown and no basic one "
			                    "(xterm, vt100) is installed: set TERM, or install "
			                    "ncurses-base"), term ? term : "");
		if (notice != NULL)
			snprintf(notice, nsz, _("Unknown terminal type '%s': drawn as %s "
			                        "(set TERM, or install its terminfo)"),
			         term ? term : "", use);
	}
	scr = newterm(use, stdout, stdin);
	if (scr == NULL)
		return err_set(e, "%s", _("cannot start the terminal interface"));
	set_term(scr);
	utf8_out = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors_init(o);
	if (o->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	return 0;
}

static void
pictures_free(struct gfx *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].bytes);
		free(v[i].erase);
	}
	free(v);
}

void
screen_stop(void)
{
	if (scr == NULL)
		return;
	for (size_t i = 0; i < nshown; i++)
		if (shown[i].erase != NULL)
			fputs(shown[i].erase, stdout);
	pictures_free(shown, nshown);
	pictures_free(pics, npics);
	shown = pics = NULL;
	nshown = npics = 0;
	endwin();
	delscreen(scr);
	scr = NULL;
}

const char *
screen_version(void)
{
	return curses_version();
}

void
screen_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

/* ---- drawing ------------------------------------------------------------ */

void
screen_begin(void)
{
	erase();
	cursor_y = -1;
}

static int
same_picture(const struct gfx *a, const struct gfx *b)
{
	return a->y == b->y && a->x == b->x && a->rows == b->rows &&
	       a->cols == b->cols && strcmp(a->key, b->key) == 0;
}

/* A picture of the last frame showing key in rows × cols cells, wherever
 * it was, whose bytes have not been taken over yet: they serve again. */
static struct gfx *
shown_key(int rows, int cols, const char *key)
{
	for (size_t i = 0; i < nshown; i++)
		if (shown[i].rows == rows && shown[i].cols == cols &&
		    shown[i].bytes != NULL && strcmp(shown[i].key, key) == 0)
			return &shown[i];
	return NULL;
}

/* Whether this frame's pictures are the last frame's. */
static int
pictures_same(void)
{
	if (npics != nshown)
		return 0;
	for (size_t i = 0; i < npics; i++)
		if (!same_picture(&pics[i], &shown[i]))
			return 0;
	return 1;
}

/* After the frame: the pictures, each at its place with the cursor saved
 * and restored around it, so curses's idea of the cursor stays right. */
static void
pictures_write(void)
{
	for (size_t i = 0; i < npics; i++) {
		printf("\0337\033[%d;%dH", pics[i].y + 1, pics[i].x + 1);
		fwrite(pics[i].bytes, 1, pics[i].len, stdout);
		fputs("\0338", stdout);
	}
	fflush(stdout);
}

void
screen_end(void)
{
	int changed = !pictures_same();

	if (cursor_y >= 0) {
		move(cursor_y, cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	if (changed) {
		for (size_t i = 0; i < nshown; i++)
			if (shown[i].erase != NULL) {
				fputs(shown[i].erase, stdout);
				break;
			}
		fflush(stdout);
		if (nshown > 0)
			clearok(curscr, TRUE);  /* pixels left where text goes now */
	}
	refresh();
	if (changed)
		pictures_write();
	pictures_free(shown, nshown);
	shown = pics;
	nshown = npics;
	pics = NULL;
	npics = 0;
}

void
screen_redraw(void)
{
	clearok(curscr, TRUE);
}

void
screen_cursor(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

/* ---- pictures ------------------------------------------------------------ */

static int writable(uint32_t c);

int
screen_colors(void)
{
	return use_color ? COLORS : 0;
}

int
screen_utf8(void)
{
	return utf8_out;
}

void
screen_put_cells(int y, int x, const struct image_cell *c, int n)
{
	for (int i = 0; i < n; i++) {
		wchar_t w[2] = { (wchar_t)c[i].ch, 0 };
		int pair = 0, fg = c[i].fg, bg = c[i].bg;
		cchar_t cc;

		if (!writable(c[i].ch) || c[i].ch < 0x20)
			w[0] = L' ';
		/* A space of colour: curses may erase a run of them with ECH,
		 * which some terminals (tmux) do without the colour.  A half
		 * block in the colour on the colour fills the cell the same. */
		if (w[0] == L' ' && bg >= 0 && writable(0x2590)) {
			w[0] = 0x2590;
			fg = bg;
		}
		if (use_color) {
			if (!default_colors) {
				fg = fg < 0 ? COLOR_WHITE : fg;
				bg = bg < 0 ? COLOR_BLACK : bg;
			}
			pair = alloc_pair(fg, bg);
			if (pair < 0)
				pair = 0;
		}
		setcchar(&cc, w, A_NORMAL, 0, &pair);
		mvadd_wch(y, x + i, &cc);
	}
}

int
screen_picture(int y, int x, int rows, int cols, const char *key,
               const char *bytes, size_t len, const char *erase)
{
	struct gfx *old = shown_key(rows, cols, key), *p;

	if (bytes == NULL && old == NULL)
		return 0;
	pics = xrealloc(pics, (npics + 1) * sizeof *pics);
	p = &pics[npics++];
	*p = (struct gfx){ y, x, rows, cols, xstrdup(key), NULL, xstrdup(erase), len };
	if (bytes != NULL) {
		p->bytes = xmalloc(len + 1);
		memcpy(p->bytes, bytes, len);
		return 1;
	}
	/* kept from the last frame: its bytes (for a repaint) move over */
	p->bytes = old->bytes;
	p->len = old->len;
	xfree_set(&p->erase, xstrdup(old->erase));
	old->bytes = NULL;
	return 1;
}

/* Whether the locale's character set can write c. */
static int
writable(uint32_t c)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;

	if (utf8_out)
		return 1;
	memset(&st, 0, sizeof st);
	return wcrtomb(mb, (wchar_t)c, &st) != (size_t)-1;
}

/* Writes sanitized UTF-8 s[0, len) at the cursor: as wide characters, a
 * character the locale cannot write as '?' as wide as it. */
static void
put_text(const char *s, size_t len)
{
	wchar_t w[128];
	size_t n = 0;

	for (size_t i = 0; i < len; ) {
		uint32_t c;

		i += utf8_decode(s + i, len - i, &c);
		if (c == UTF8_BAD)
			c = 0xFFFD;
		if (!writable(c)) {
			int cw = wcwidth((wchar_t)c);

			while (cw-- > 0 && n < ARRAY_LEN(w))
				w[n++] = L'?';
		} else {
			w[n++] = (wchar_t)c;
		}
		if (n + 4 >= ARRAY_LEN(w)) {
			addnwstr(w, (int)n);
			n = 0;
		}
	}
	if (n > 0)
		addnwstr(w, (int)n);
}

static int
look(int el, int attr)
{
	return (el >= 0 && el < THEME_COUNT ? elem_attr[el] : 0) | curses_attrs(attr);
}

void
screen_put(int y, int x, const char *s, int cols, int flags, int el, int attr)
{
	char *cell;

	if (cols <= 0)
		return;
	cell = text_cell(s, cols, flags);
	attrset(look(el, attr));
	move(y, x);
	put_text(cell, strlen(cell));
	attrset(A_NORMAL);
	free(cell);
}

/* Writes s[0, len) at the cursor in at most *cols columns. */
static void
put_piece(const char *s, size_t len, int *cols, int attr)
{
	int used = 0;
	size_t n = text_fit(s, len, *cols, &used);

	if (n > 0) {
		attrset(attr);
		put_text(s, n);
		*cols -= used;
	}
}

void
screen_put_spans(int y, int x, const char *s, int cols, int el, int attr,
                 const struct screen_span *sp, size_t n)
{
	char *clean = text_sanitize(s, strlen(s), 0);
	size_t len = strlen(clean), at = 0;
	int base = look(el, attr), hl = look(THEME_SEARCH, attr);

	if (cols <= 0)
		goto out;
	if (strcmp(clean, s) != 0)
		n = 0;          /* spans index s: only safe on sanitized text */
	move(y, x);
	for (size_t i = 0; i < n && cols > 0; i++) {
		size_t a = sp[i].start, b = sp[i].end;

		if (a < at || b > len || a >= b)
			continue;
		put_piece(clean + at, a - at, &cols, base);
		put_piece(clean + a, b - a, &cols, hl);
		at = b;
	}
	put_piece(clean + at, len - at, &cols, base);
	attrset(base);
	for (; cols > 0; cols--)
		addch(' ');
	attrset(A_NORMAL);
out:
	free(clean);
}

void
screen_hand(int to_child)
{
	if (to_child) {
		def_prog_mode();
		endwin();
		return;
	}
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}

/* ---- the terminal's clipboard ----------------------------------------------- */

static void
base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char abc[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
		             (i + 2 < n ? p[i + 2] : 0);
		char q[4] = { abc[v >> 18 & 63], abc[v >> 12 & 63],
		              i + 1 < n ? abc[v >> 6 & 63] : '=', i + 2 < n ? abc[v & 63] : '=' };

		buf_add(b, q, 4);
	}
}

int
screen_clipboard(const char *text, struct err *e)
{
	size_t len = strlen(text);
	struct buf b;

	if ((len + 2) / 3 * 4 > SCREEN_CLIPBOARD_MAX)
		return err_set(e, _("%zu KiB is too much for the terminal's clipboard; set "
		                    "copy-command"), len >> 10);
	buf_init(&b, 0);
	buf_adds(&b, "\033]52;c;");
	base64(&b, (const unsigned char *)text, len);
	buf_adds(&b, "\007");
	fflush(stdout);
	if (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0) {
		buf_free(&b);
		return err_set(e, _("cannot write to the terminal: %s"), strerror(errno));
	}
	buf_free(&b);
	return 0;
}

/* ---- input -------------------------------------------------------------- */

/* The terminal's function keys as keys.h numbers them. */
static const struct {
	int curses, key;
} fkeys[] = {
	{ KEY_UP, KEYS_UP }, { KEY_DOWN, KEYS_DOWN }, { KEY_LEFT, KEYS_LEFT },
	{ KEY_RIGHT, KEYS_RIGHT }, { KEY_PPAGE, KEYS_PAGE_UP },
	{ KEY_NPAGE, KEYS_PAGE_DOWN }, { KEY_HOME, KEYS_HOME }, { KEY_END, KEYS_END },
	{ KEY_ENTER, KEYS_ENTER }, { KEY_BTAB, KEYS_BACKTAB },
	{ KEY_BACKSPACE, KEYS_BACKSPACE }, { KEY_DC, KEYS_DELETE },
	{ KEY_IC, KEYS_INSERT }, { KEY_RESIZE, KEYS_RESIZE }, { KEY_MOUSE, KEYS_MOUSE },
};

int
screen_read(int timeout_ms)
{
	wint_t ch;
	int rc;

	timeout(timeout_ms);
	rc = get_wch(&ch);
	if (rc == ERR)
		return -1;
	if (rc != KEY_CODE_YES)
		return ch < KEYS_UP ? (int)ch : KEYS_END_OF_KEYS;
	for (size_t i = 0; i < ARRAY_LEN(fkeys); i++)
		if (fkeys[i].curses == (int)ch)
			return fkeys[i].key;
	if ((int)ch >= KEY_F(1) && (int)ch <= KEY_F(12))
		return KEYS_F1 + (int)ch - KEY_F(1);
	return KEYS_END_OF_KEYS;    /* a key nothing is bound to */
}

int
screen_mouse(int *y, int *x, enum screen_mouse *m)
{
	MEVENT me;

	if (getmouse(&me) != OK)
		return -1;
	if (me.bstate & BUTTON4_PRESSED)
		*m = SCREEN_WHEEL_UP;
	else if (me.bstate & BUTTON5_PRESSED)
		*m = SCREEN_WHEEL_DOWN;
	else if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		*m = SCREEN_CLICK;
	else
		return -1;
	*y = me.y;
	*x = me.x;
	return 0;
}
