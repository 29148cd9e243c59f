/* view_picture.h: one picture as large as the screen allows, its caption
 * beneath; q goes back.  open's arg: a struct view_picture_arg (copied). */
#ifndef GX_VIEW_PICTURE_H
#define GX_VIEW_PICTURE_H

#include "image.h"
#include "view.h"

struct view_picture_arg {
	const struct image *im;
	const char *key;        /* what the picture is (its URL) */
	const char *caption;
};

extern const struct view_ops view_picture_ops;

#endif
