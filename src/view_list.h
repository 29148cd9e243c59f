/* view_list.h: the list of the current tab's articles.  Shows a tab (the
 * bottom of the reader's stack); remembers each tab's selection by key;
 * asks for the next page of a channel as the selection nears its end.
 * open's arg: none. */
#ifndef GX_VIEW_LIST_H
#define GX_VIEW_LIST_H

#include "view.h"

extern const struct view_ops view_list_ops;

#endif
