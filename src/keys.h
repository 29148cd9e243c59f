/* keys.h: the actions a user can take and the keys bound to them.  One
 * table: the help screen, the man page and `bind` all read it. */
#ifndef GX_KEYS_H
#define GX_KEYS_H

#include "util.h"

#define ACTIONS(_) \
	_(QUIT,      "quit",      N_("Go back; quit from the list")) \
	_(DOWN,      "down",      N_("Next line or article")) \
	_(UP,        "up",        N_("Previous line or article")) \
	_(PAGE_DOWN, "page-down", N_("One screen down")) \
	_(PAGE_UP,   "page-up",   N_("One screen up")) \
	_(TOP,       "top",       N_("Go to the top")) \
	_(BOTTOM,    "bottom",    N_("Go to the bottom")) \
	_(OPEN,      "open",      N_("Open the selected article")) \
	_(NEXT_TAB,  "next-tab",  N_("Go to the next tab")) \
	_(PREV_TAB,  "prev-tab",  N_("Go to the previous tab")) \
	_(NEXT_ART,  "next-article", N_("Next article without going back")) \
	_(PREV_ART,  "prev-article", N_("Previous article without going back")) \
	_(RELOAD,    "reload",    N_("Reload the current tab")) \
	_(RELOAD_ALL, "reload-all", N_("Reload every tab")) \
	_(STAR,      "star",      N_("Star or unstar the article")) \
	_(TOGGLE_READ, "toggle-read", N_("Mark the article read or unread")) \
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
/* The keys bound to an action as text, e.g. "j, Down", for help. */
void keys_describe(enum action a, char *out, size_t outsz);

#endif
