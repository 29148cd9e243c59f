/* reader.h: the reader on the screen: the controller.  It owns the loop,
 * the tabs (the tab bar, which tab is shown, each tab's state this
 * session), the status line (messages, progress, prompts) and the stack
 * of views (view.h), and carries out what views ask of it. */
#ifndef GX_READER_H
#define GX_READER_H

#include "conf.h"
#include "news.h"

/* Runs the reader on the terminal until the user quits.  notice (may be
 * NULL) is said once on the status line at the start (e.g. the locale
 * switched to UTF-8).  -1 with e if the terminal cannot be used.  Text is
 * UTF-8 throughout, translations too (bind_textdomain_codeset), whatever
 * the locale's character set: the screen writes it in that one. */
int reader_run(struct news *n, const struct conf *cf, const char *notice,
               struct err *e);

#endif
