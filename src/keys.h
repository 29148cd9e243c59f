/* keys.h: the actions a user can take and the keys bound to them, and the
 * look of each screen element.  One table each: the help screen, the man
 * page, `bind` and `color` all read them. */
#ifndef GX_KEYS_H
#define GX_KEYS_H

#include <stdio.h>
#include "util.h"

/* In the order the help screen and the man page list them. */
#define ACTIONS(_) \
	_(DOWN,      "down",      N_("Next line or article")) \
	_(UP,        "up",        N_("Previous line or article")) \
	_(PAGE_DOWN, "page-down", N_("One screen down")) \
	_(PAGE_UP,   "page-up",   N_("One screen up")) \
	_(TOP,       "top",       N_("Go to the top")) \
	_(BOTTOM,    "bottom",    N_("Go to the bottom")) \
	_(OPEN,      "open",      N_("Open the selected article (or the link whose number was typed)")) \
	_(BACK,      "back",      N_("Go back to the list")) \
	_(QUIT,      "quit",      N_("Go back; quit from the list")) \
	_(NEXT_TAB,  "next-tab",  N_("Go to the next tab")) \
	_(PREV_TAB,  "prev-tab",  N_("Go to the previous tab")) \
	_(NUMBER,    "number",    N_("List: go to tab N; article: open link N (Enter after two digits)")) \
	_(NEXT_ART,  "next-article", N_("Next article without going back")) \
	_(PREV_ART,  "prev-article", N_("Previous article without going back")) \
	_(SEARCH,    "search",    N_("Search the cache (list) or the article")) \
	_(SEARCH_NEXT, "search-next", N_("Next match (article without a search: next article)")) \
	_(SEARCH_PREV, "search-prev", N_("Previous match")) \
	_(BROWSER,   "browser",   N_("Open the article in $BROWSER")) \
	_(FULL_TEXT, "full-text", N_("Fetch the full text of a feed item")) \
	_(STAR,      "star",      N_("Star or unstar the article")) \
	_(TOGGLE_READ, "toggle-read", N_("Mark the article read or unread")) \
	_(RELOAD,    "reload",    N_("Reload the current tab")) \
	_(RELOAD_ALL, "reload-all", N_("Reload every tab")) \
	_(HELP,      "help",      N_("Show the keys")) \
	_(REDRAW,    "redraw",    N_("Redraw the screen"))

#define ACTION_ENUM(id, name, help) ACT_##id,
enum action { ACT_NONE = 0, ACTIONS(ACTION_ENUM) ACT_COUNT };
#undef ACTION_ENUM

struct action_info {
	const char *name;
	const char *help;       /* N_() text: translate when shown */
};

const struct action_info *action_info(enum action a);
enum action action_by_name(const char *name);

/* The action bound to a curses key code (wide characters as their code
 * point, function keys as KEY_*), ACT_NONE if unbound. */
enum action keys_lookup(int key);
/* bind KEY ACTION, from the config: KEY is a character, "C-x", or a name
 * such as "Up", "PageDown", "Enter", "Tab", "Esc", "Space". */
int keys_bind(const char *key, const char *action, struct err *e);
/* The keys bound to an action as text, e.g. "j Down", for help. */
void keys_describe(enum action a, char *out, size_t outsz);
/* The key table as man(7) markup (.TP paragraphs), for the man page's
 * KEYS section; the mouse and the config's element names follow. */
void keys_write_man(FILE *f);

/* Whether the reader takes mouse events (config: mouse yes|no). */
void keys_set_mouse(int on);
int  keys_mouse(void);

/* ---- colours ---------------------------------------------------------- */

enum {
	KEYS_A_BOLD = 1 << 0, KEYS_A_UNDERLINE = 1 << 1,
	KEYS_A_REVERSE = 1 << 2, KEYS_A_DIM = 1 << 3,
};
#define KEYS_DEFAULT_COLOR (-1)     /* the terminal's own fg or bg */

/* Screen elements and their default look, readable on dark and on light
 * terminals: the terminal's own foreground and background everywhere,
 * accents only.  Columns: element name, 8-colour fg, 256-colour fg, bg,
 * attributes, and the attributes that stand in for colour on a monochrome
 * terminal (or with NO_COLOR). */
#define UI_COLORS(_) \
	_(NORMAL,   "normal",       -1,  -1, -1, 0, 0) \
	_(TAB,      "tab",          -1,  -1, -1, 0, 0) \
	_(TAB_CUR,  "tab-current",  -1,  -1, -1, KEYS_A_REVERSE | KEYS_A_BOLD, 0) \
	_(STATUS,   "status",       -1,  -1, -1, KEYS_A_REVERSE, 0) \
	_(TITLE,    "title",        -1,  -1, -1, KEYS_A_BOLD, 0) \
	_(META,     "meta",          6,  30, -1, 0, 0) \
	_(DATE,     "date",          2,  65, -1, 0, 0) \
	_(UNREAD,   "unread",        5, 133, -1, KEYS_A_BOLD, 0) \
	_(LINK,     "link",          4,  32, -1, 0, KEYS_A_UNDERLINE) \
	_(ERROR,    "error",         7,  15,  1, KEYS_A_BOLD, KEYS_A_REVERSE) \
	_(SEARCH,   "search-match", -1,  -1, -1, KEYS_A_REVERSE, 0) \
	_(SELECTED, "selected",     -1,  -1, -1, KEYS_A_REVERSE, 0) \
	_(COUNTS,   "count",         3, 136, -1, 0, 0)

#define UI_COLOR_ENUM(id, name, fg, fg256, bg, attr, mono) KEYS_C_##id,
enum { UI_COLORS(UI_COLOR_ENUM) KEYS_NCOLORS };
#undef UI_COLOR_ENUM

struct keys_color {
	short fg, bg;           /* 0-255 or KEYS_DEFAULT_COLOR */
	int attr;               /* KEYS_A_* */
};

/* color ELEMENT FG BG [ATTR...], from the config: colours by name
 * ("default", "red", "brightred", …) or number 0-255, attributes bold,
 * underline, reverse, dim or none (several may be joined by commas). */
int keys_color_set(const char *element, const char *fg, const char *bg,
                   char *const *attrs, int nattrs, struct err *e);
/* The look of element i on a terminal with ncolors colours (0: none);
 * *mono gets the attributes to add when colour is not used. */
void keys_color_get(int i, int ncolors, struct keys_color *out, int *mono);
const char *keys_color_name(int i);

#endif
