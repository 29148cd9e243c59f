/* lang.h: the character set the screen is written in.  A locale whose
 * character set is plain ASCII (C, POSIX, LANG unset: common over SSH, in
 * containers and in cron) cannot show Chinese, so the character type
 * switches to a UTF-8 locale that exists, as tmux does; any other locale,
 * a legacy one such as zh_CN.GB18030 included, is kept. */
#ifndef GX_LANG_H
#define GX_LANG_H

#include <stddef.h>

/* After setlocale(LC_ALL, ""): whether LC_CTYPE is plain ASCII. */
int  lang_ascii(void);
/* Switches LC_CTYPE to the first of names[0, n) that exists; returns it,
 * or NULL if none does (LC_CTYPE left as it was). */
const char *lang_switch(const char *const *names, size_t n);
/* The locale set up for the screen: on an ASCII locale LC_CTYPE becomes
 * UTF-8 (C.UTF-8 first) and *notice (a line for the status line) says so;
 * *notice is "" otherwise.  -1 if the locale is ASCII and no UTF-8 locale
 * exists: *notice then says how to get one. */
int  lang_setup(char *notice, size_t nsz);
/* The same with the UTF-8 locales to try given. */
int  lang_setup_from(const char *const *names, size_t n, char *notice, size_t nsz);

#endif
