/* cli.h: the command-line modes that print instead of drawing. */
#ifndef GX_CLI_H
#define GX_CLI_H

#include <stdio.h>
#include "news.h"

/* --list TAB: "YYYY-MM-DD<TAB>title<TAB>url" a line.  Returns an exit status. */
int cli_list(struct news *n, const char *tab, FILE *out);
/* --dump URL --width N: the article as the pager lays it out. */
int cli_dump(struct news *n, const char *url, int width, FILE *out);
/* --format-text --width N: stdin laid out, one paragraph an input line. */
int cli_format_text(FILE *in, FILE *out, int width);

#endif
