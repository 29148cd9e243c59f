/* demo_check.h: every page of a copy of the demo mirror read with a site
 * profile, each field compared with the hand-written values in
 * tests/fixtures/demo/ (.expect files).  The base mirror's unit test prints
 * a TAP line per field; the drift suite counts fields per column. */
#ifndef GX_DEMO_CHECK_H
#define GX_DEMO_CHECK_H

#include <stddef.h>
#include "site.h"

/* The columns fields are counted in. */
#define DEMO_COLS(_) \
	_(DC_CHANNELS,   "channels")  \
	_(DC_RANK_ALL,   "rank-all")  \
	_(DC_RANK_MONTH, "rank-month") \
	_(DC_PICKS,      "picks")     \
	_(DC_ITEMS,      "items")     \
	_(DC_DATES,      "dates")     \
	_(DC_LIST_NEXT,  "list-next") \
	_(DC_TITLE,      "title")     \
	_(DC_TIME,       "time")      \
	_(DC_SOURCE,     "source")    \
	_(DC_AUTHOR,     "author")    \
	_(DC_EDITOR,     "editor")    \
	_(DC_COMMENTS,   "comments")  \
	_(DC_BODY,       "body")      \
	_(DC_ART_NEXT,   "art-next")

#define DC_ENUM(id, name) id,
enum demo_col { DEMO_COLS(DC_ENUM) DC_COUNT };
#undef DC_ENUM

struct demo_check {
	const struct site *site;
	const char *mirror;     /* the copy: its www.chinahightech.com/ etc. */
	const char *expect;     /* tests/fixtures/demo */
	/* a TAP line per field (the test's ok()), or NULL: count only */
	int (*ok)(int cond, const char *fmt, ...);
	int url_loose;          /* URLs compared without query and fragment */
	size_t good[DC_COUNT], total[DC_COUNT];
	unsigned layers[SF_COUNT][SITE_GENERIC + 1];  /* pages per field, layer */
	int shown;              /* mismatches printed as diagnostics */
	int homes, articles, lists;     /* pages of each kind checked */
};

const char *demo_col_name(int col);
/* Reads and compares every page that has an .expect file; 0, or -1 when
 * the expectations could not be walked. */
int  demo_check_run(struct demo_check *d);
/* Fields read as expected, of all compared. */
size_t demo_good(const struct demo_check *d);
size_t demo_total(const struct demo_check *d);

/* What a cut rule does on the mirror's articles: profile text with the
 * rule, without it.  *gone: articles whose body (HTML) holds text without
 * the rule and not with it; *left: articles whose body holds it anyway. */
void demo_cut_effect(const char *mirror, const char *with, const char *without,
                     const char *text, int *gone, int *left);

#endif
