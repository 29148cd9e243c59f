/* view_help.h: every action with its keys and what it does, from the
 * action table and the reader's key map, then the mouse.  open's arg:
 * none. */
#ifndef GX_VIEW_HELP_H
#define GX_VIEW_HELP_H

#include "view.h"

extern const struct view_ops view_help_ops;

#endif
