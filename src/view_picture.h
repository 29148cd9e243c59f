/* view_picture.h: one picture as large as the screen allows, its caption
 * beneath; q goes back.  open's arg: a struct host_picture (copied). */
#ifndef GX_VIEW_PICTURE_H
#define GX_VIEW_PICTURE_H

#include "view.h"

extern const struct view_ops view_picture_ops;

#endif
