/* keys.h: the actions a user can take and the keys bound to them: one
 * table of actions (the help screen, the man page and `bind` read it) and
 * a key map.  Keys are plain numbers: a character is its code point, a
 * function key one of KEYS_* (screen.c turns the terminal's into these);
 * doc/gen-keys.c makes the man page's KEYS section from them. */
#ifndef GX_KEYS_H
#define GX_KEYS_H

#include <stddef.h>
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
	_(SCRIPT,    "script",    N_("Show Chinese in Simplified or in your Traditional characters")) \
	_(SYNC,      "sync",      N_("Fetch everything for reading offline, in the background (as --sync)")) \
	_(IMAGES,    "images",    N_("Show or hide pictures")) \
	_(PICTURE,   "picture",   N_("Show the picture at the top of the article (or the e-paper's page) full screen")) \
	_(ADD_FEED,  "add-feed",  N_("Add a feed: its URL, or a web page's that names feeds")) \
	_(SAVE_SEARCH, "save-search", N_("Keep the search as a tab (a query tab in the config)")) \
	_(COMMAND,   "command",   N_("A command: rules, info, or a line of the config (ignore, tab, feed…)")) \
	_(COPY_LINK, "copy-link", N_("Copy the article's link to the clipboard")) \
	_(COPY_TEXT, "copy-text", N_("Copy the article as text to the clipboard")) \
	_(SAVE,      "save",      N_("Save the article as Markdown in save-dir")) \
	_(PIPE,      "pipe",      N_("Pipe the article as text to a command")) \
	_(FOCUS,     "focus",     N_("Side by side: move between the list and the article")) \
	_(HELP,      "help",      N_("Show the keys")) \
	_(MESSAGES,  "messages",  N_("Show the messages the status line gave, the newest first")) \
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

/* Function keys, past every code point. */
enum {
	KEYS_UP = 0x110000, KEYS_DOWN, KEYS_LEFT, KEYS_RIGHT, KEYS_PAGE_UP,
	KEYS_PAGE_DOWN, KEYS_HOME, KEYS_END, KEYS_ENTER, KEYS_BACKTAB,
	KEYS_BACKSPACE, KEYS_DELETE, KEYS_INSERT,
	KEYS_F1, KEYS_F12 = KEYS_F1 + 11,
	KEYS_RESIZE, KEYS_MOUSE,        /* not keys: what the terminal says */
	KEYS_END_OF_KEYS
};
#define KEYS_CTRL(c) ((c) & 0x1f)
#define KEYS_ESC 27

#define KEYS_MAX_BINDINGS 128
struct keymap {
	struct { int key; enum action act; } v[KEYS_MAX_BINDINGS];
	size_t n;
};

/* The default bindings: vi, less and arrow habits together. */
void keys_default(struct keymap *km);
/* The action bound to key, ACT_NONE if none. */
enum action keys_lookup(const struct keymap *km, int key);
/* A key by name, as `bind` names it: a character, "C-x", "F1"-"F12", or
 * a name such as "Up", "PageDown", "Enter", "Tab", "Esc", "Space"; -1 if
 * it names no key. */
int keys_parse(const char *name);
/* bind KEY ACTION: binds key (by name) to action (by name) in km. */
int keys_bind(struct keymap *km, const char *key, const char *action,
              struct err *e);
/* The keys bound to an action as text, e.g. "j Down", for help. */
void keys_describe(const struct keymap *km, enum action a, char *out,
                   size_t outsz);

#endif
