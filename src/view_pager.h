/* view_pager.h: an article, laid out by render.c for the view's width,
 * with the reading position kept across new widths, search within it and
 * numbered links.  open's arg: the article's URL (const char *), which
 * must be in the cache. */
#ifndef GX_VIEW_PAGER_H
#define GX_VIEW_PAGER_H

#include "view.h"

extern const struct view_ops view_pager_ops;

#endif
