/* browser.h: opening a link in the user's browser: $BROWSER's first
 * choice split into words, each one argument of a program started
 * directly (posix_spawnp), never through a shell; only http and https. */
#ifndef GX_BROWSER_H
#define GX_BROWSER_H

#include "util.h"

struct browser;

/* hand(1, arg) gives the terminal to a browser that runs in it (no window
 * of its own), hand(0, arg) takes it back when the browser ends. */
struct browser *browser_new(void (*hand)(int to_browser, void *arg), void *arg);
/* Forgets the browsers still running (they go on). */
void browser_free(struct browser *b);

/* Opens url: a terminal browser is waited for, one with a window of its
 * own is let be (reaped by browser_reap).  Returns 0 (*msg: what
 * happened, for the status line) or -1 with e saying why. */
int  browser_open(struct browser *b, const char *url, char *msg, size_t msgsz,
                  struct err *e);
/* Reaps the browsers that have ended. */
void browser_reap(struct browser *b);

/* A command line split into words at spaces, each one argument of the
 * program (argv, NULL-terminated; NULL for an empty line): no shell, no
 * quoting.  Free with browser_words_free. */
char **browser_words(const char *line);
void browser_words_free(char **argv);
/* Runs argv (no shell) with text on its standard input.  terminal: the
 * program gets the terminal, and when it ends the user's Enter gives it
 * back; else it runs apart (output dropped), let be if it stays running.
 * 0, or -1 with e (it could not start, or exited with an error). */
int  browser_pipe(struct browser *b, char *const *argv, const char *text,
                  int terminal, struct err *e);

#endif
