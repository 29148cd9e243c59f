/* zhscript.h: Chinese in the script the reader wants.  The site publishes
 * Simplified characters; a reader of Traditional sees them converted at
 * display time by OpenCC (generic Traditional, Hong Kong, or Taiwan with
 * its own phrases).  What is stored is never converted. */
#ifndef GX_ZHSCRIPT_H
#define GX_ZHSCRIPT_H

#include <stddef.h>
#include "util.h"

enum zh_script {
	ZH_SIMPLIFIED,      /* as published: no conversion */
	ZH_TRADITIONAL,     /* OpenCC s2t */
	ZH_HK,              /* s2hk: Hong Kong characters */
	ZH_TW,              /* s2twp: Taiwan characters and phrases */
	ZH_NSCRIPTS
};

/* "simplified", "traditional", "hk", "tw" -> the script, else -1. */
int  zh_script_parse(const char *name);
const char *zh_script_name(int script);
/* What script means to a reader, as an N_() text ("Chinese in Traditional
 * characters, Taiwan forms and words"): translate when shown. */
const char *zh_script_label(int script);
/* The script the user's language asks for, from LANGUAGE (its first
 * entry), LC_ALL, LC_MESSAGES, then LANG: zh_TW -> tw, zh_HK and zh_MO
 * -> hk, other Chinese and other languages -> simplified. */
int  zh_script_from_locale(void);
/* The script the toggle key switches to: Simplified from any Traditional,
 * else the user's Traditional (back to where they started, or generic). */
int  zh_script_toggle(int script, int preferred);
/* "OpenCC 1.1.5", or NULL when gxnews was built without OpenCC. */
const char *zh_version(void);

struct zh;

struct zh *zh_new(void);
void zh_free(struct zh *z);
/* 0 if text can be shown in script (Simplified always can), else -1 with
 * a message saying why (no OpenCC in this build, a dictionary missing). */
int  zh_check(struct zh *z, int script, struct err *e);

/* s[0..len) in script, malloc'd.  Simplified, or a script that cannot be
 * shown, gives a copy; bytes that are not valid UTF-8 (and NULs) pass
 * through unchanged, so sanitizing later treats them as before.  Short
 * strings (titles, labels) are remembered, so a list of thousands of
 * titles converts once. */
char *zh_convert(struct zh *z, int script, const char *s, size_t len);
/* In place: *s replaced by its converted copy (NULL stays NULL). */
void zh_convert_in_place(struct zh *z, int script, char **s);

/* A query in Simplified, as the site publishes: Traditional characters
 * (and, for tw and hk, their phrases and variants) undone; malloc'd. */
char *zh_to_simplified(struct zh *z, int script, const char *s);

#define ZH_MAX_FORMS 3
/* The forms of a search query to look for: as typed, in Simplified, and
 * in the Traditional of script (generic Traditional when script is
 * Simplified), each malloc'd, duplicates dropped.  Returns how many. */
size_t zh_query_forms(struct zh *z, int script, const char *query,
                      char *out[ZH_MAX_FORMS]);

#endif
