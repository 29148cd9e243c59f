/* view_prompt.h: a line typed on the status line (a search, a find):
 * UTF-8 in, Backspace by grapheme cluster, C-u clears, Enter hands the
 * line to the view that asked, Esc cancels.  Opened by the reader for
 * host_prompt; open's arg: a struct prompt_arg. */
#ifndef GX_VIEW_PROMPT_H
#define GX_VIEW_PROMPT_H

#include "view.h"

struct prompt_arg {
	const char *label;      /* e.g. "Search the cache: " */
	void *asker;            /* the state of the view that asked */
	int id;                 /* handed back with the answer */
};

extern const struct view_ops view_prompt_ops;

#endif
