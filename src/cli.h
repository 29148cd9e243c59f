/* cli.h: the command-line modes that print instead of drawing. */
#ifndef GX_CLI_H
#define GX_CLI_H

#include <stdio.h>
#include "conf.h"
#include "news.h"
#include "zhscript.h"

/* --list TAB: "YYYY-MM-DD<TAB>title<TAB>url" a line, or with --json an
 * array of objects.  Returns an exit status. */
int cli_list(struct news *n, const char *tab, int json, FILE *out);
/* --dump URL --width N: the article as the pager lays it out. */
int cli_dump(struct news *n, const char *url, int width, int json, FILE *out);
/* --sync: everything news_sync_start() fetches, for reading offline; a
 * progress bar on a terminal, plain lines otherwise, and what failed.
 * Returns 0 when everything was fetched, 1 when some failed, 2 when no
 * host answered. */
int cli_sync(struct news *n, FILE *err);
/* --vacuum: expire old articles. */
int cli_vacuum(struct news *n, int days, FILE *out);
/* --export-opml: the config's feeds as OPML on out. */
int cli_export_opml(const struct conf *cf, FILE *out);
/* --import-opml FILE: appends the file's feeds (those not there yet) to
 * the config file cfpath as "feed URL LABEL" lines. */
int cli_import_opml(const struct conf *cf, const char *cfpath, const char *file,
                    FILE *out);
/* --format-text --width N: stdin laid out, one paragraph an input line,
 * in script (enum zh_script; converted before it is laid out). */
int cli_format_text(FILE *in, FILE *out, int width, struct zh *z, int script);

#endif
