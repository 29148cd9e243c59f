/* view_addfeed.h: adding a feed from the screen.  It asks for a URL and
 * fetches it once: a feed shows its title, and Enter adds it to the
 * config; a web page shows the feeds its <link rel="alternate"> elements
 * name, to pick one (fetched in turn to show its title).  open's arg:
 * none. */
#ifndef GX_VIEW_ADDFEED_H
#define GX_VIEW_ADDFEED_H

#include "view.h"

extern const struct view_ops view_addfeed_ops;

#endif
