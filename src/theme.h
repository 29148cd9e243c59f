/* theme.h: how each part of the screen looks, in one place: the elements,
 * their default colours and attributes, and the `color` lines of the
 * config.  No curses here: screen.c turns a look into curses attributes. */
#ifndef GX_THEME_H
#define GX_THEME_H

#include "util.h"

/* Attributes of a look. */
enum {
	THEME_BOLD = 1 << 0, THEME_UNDERLINE = 1 << 1,
	THEME_REVERSE = 1 << 2, THEME_DIM = 1 << 3,
};
#define THEME_DEFAULT_COLOR (-1)    /* the terminal's own fg or bg */

/* Screen elements and their default look, readable on dark and on light
 * terminals: the terminal's own foreground and background everywhere,
 * accents only.  Columns: element name (as `color` names it), 8-colour
 * fg, 256-colour fg, bg, attributes, and the attributes that stand in for
 * colour on a monochrome terminal (or with NO_COLOR). */
#define THEME_ELEMENTS(_) \
	_(NORMAL,   "normal",       -1,  -1, -1, 0, 0) \
	_(TAB,      "tab",          -1,  -1, -1, 0, 0) \
	_(TAB_CUR,  "tab-current",  -1,  -1, -1, THEME_REVERSE | THEME_BOLD, 0) \
	_(STATUS,   "status",       -1,  -1, -1, THEME_REVERSE, 0) \
	_(TITLE,    "title",        -1,  -1, -1, THEME_BOLD, 0) \
	_(META,     "meta",          6,  30, -1, 0, 0) \
	_(DATE,     "date",          2,  65, -1, 0, 0) \
	_(UNREAD,   "unread",        5, 133, -1, THEME_BOLD, 0) \
	_(LINK,     "link",          4,  32, -1, 0, THEME_UNDERLINE) \
	_(ERROR,    "error",         7,  15,  1, THEME_BOLD, THEME_REVERSE) \
	_(SEARCH,   "search-match", -1,  -1, -1, THEME_REVERSE, 0) \
	_(SELECTED, "selected",     -1,  -1, -1, THEME_REVERSE, 0) \
	_(COUNTS,   "count",         3, 136, -1, 0, 0) \
	_(HIGHLIGHT, "highlight",    3, 172, -1, THEME_BOLD, THEME_UNDERLINE) \
	_(BORDER,   "border",       -1,  -1, -1, THEME_DIM, 0)

#define THEME_ENUM(id, name, fg, fg256, bg, attr, mono) THEME_##id,
enum theme_element { THEME_ELEMENTS(THEME_ENUM) THEME_COUNT };
#undef THEME_ENUM

/* A `color` line of the config: the element and how it looks instead. */
struct theme_color {
	int   element;          /* enum theme_element */
	short fg, bg;           /* 0-255 or THEME_DEFAULT_COLOR */
	int   attr;             /* THEME_* */
};

/* color ELEMENT FG BG [ATTR...]: colours by name ("default", "red",
 * "brightred", …, "color208") or number 0-255, attributes bold,
 * underline, reverse, dim or none (several may be joined by commas). */
int theme_parse(const char *element, const char *fg, const char *bg,
                char *const *attrs, int nattrs, struct theme_color *out,
                struct err *e);

/* The look of element el on a terminal with ncolors colours (0: none),
 * the last of the user's colour lines for it over the default; *mono gets
 * the attributes to add when colour is not used. */
void theme_look(int el, int ncolors, const struct theme_color *user, size_t nuser,
                struct theme_color *out, int *mono);
const char *theme_name(int el);

#endif
