/* view_search.h: the results of a search of the cache, as the search tab
 * shows them (the tab of a kind whose list is a query, NK_QUERY): newest
 * first, from every source, the selection from the top; says how many
 * matched.  open's arg: none. */
#ifndef GX_VIEW_SEARCH_H
#define GX_VIEW_SEARCH_H

#include "view.h"

extern const struct view_ops view_search_ops;

#endif
