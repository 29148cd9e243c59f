/* view_messages.h: what the status line said this session, newest first,
 * each with how long ago; errors marked.  A message shown for a moment
 * (a refresh that failed, a stalled host, the locale switched) can be
 * read again here.  open's arg: none. */
#ifndef GX_VIEW_MESSAGES_H
#define GX_VIEW_MESSAGES_H

#include "view.h"

extern const struct view_ops view_messages_ops;

#endif
