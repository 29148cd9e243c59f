/* view_about.h: pages about what the reader is doing, as rows of a name,
 * a value and where it comes from: the rules (`:rules`: each rule, what
 * it does and the config line it is on) and a tab (`:info`: what it
 * lists, where from, how much is cached and unread, and the settings of
 * its source with the line that set each).  open's arg: a const struct
 * about_arg *. */
#ifndef GX_VIEW_ABOUT_H
#define GX_VIEW_ABOUT_H

#include "view.h"

enum about_page { ABOUT_RULES, ABOUT_TAB };

struct about_arg {
	enum about_page page;
	size_t tab;             /* ABOUT_TAB: which */
};

extern const struct view_ops view_about_ops;

#endif
