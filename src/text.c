/* text.c: UTF-8, grapheme clusters, display width, line breaking, fitting,
 * sanitizing.
 *
 * Widths: the one rule.  What the layout counts is what the terminal
 * draws, and terminals (and ncursesw, which places characters for them)
 * add up the widths of code points: a cluster is the sum of its code
 * points' widths.  Where terminals disagree, on emoji sequences (a ZWJ
 * family is 2 columns in some and 6 in others, a skin-toned thumb 2 or 4,
 * a heart with VS16 1 or 2), text_sanitize takes out what they disagree
 * on: a joiner after an emoji, emoji modifiers and the presentation
 * selectors VS15/VS16.  What is left, one emoji after another, base
 * letters with their marks, flags as two regional indicators of 1 each,
 * keycaps as a digit with U+20E3, every terminal draws alike.  Code point
 * widths are glibc's wcwidth() in a UTF-8 locale, taken once into tables
 * at first use, with East Asian Ambiguous characters counted 2 when
 * text_set_ambiguous_width(2) asks.  This file also defines wcwidth() and
 * wcswidth() themselves: the executable exports them, so ncursesw measures
 * exactly as this module does (ambiguous setting included).  The real
 * glibc function is reached through dlsym(RTLD_NEXT).
 *
 * Line breaking.  Break opportunities come first from Chinese rules on the
 * pair of clusters around a position (GB/T 15834, W3C clreq: no line starts
 * with closing punctuation, none ends with an opening one, CJK characters
 * break anywhere else, —— …… and fullwidth numbers hold together); the
 * pairs those rules leave open are asked of ICU's UAX #14 line iterator
 * (locale zh), only over the stretches that need it, always moving forward,
 * so the work stays linear.  URLs hold together but may break after / ? & =
 * when longer than a line.  A book title 《…》 or 〈…〉 (at most TITLE_MAX
 * clusters inside) holds together when it fits a line, its punctuation
 * with it, unless moving it down would leave the line short by more than a
 * small gap (TITLE_GAP); a longer one breaks as other text.  Lines are
 * filled greedily. */
#include "config.h"

#include <dlfcn.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unicode/ubrk.h>
#include <unicode/uversion.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "text.h"
#include "utf8.h"
#include "util.h"

#define REPLACE    0xFFFDu
#define BMP        0x10000u
#define TITLE_MAX  30         /* clusters inside a book title that holds */
/* How short a line may end to keep a book title whole: 4 columns at
 * width 40, at least 2. */
#define TITLE_GAP(width) ((width) / 10 > 2 ? (width) / 10 : 2)
#define UNIT_SCAN  256        /* clusters looked at around a title */
#define INDENT_U8  "\xe3\x80\x80\xe3\x80\x80"   /* two U+3000 */
#define ELLIPSIS   "\xe2\x80\xa6"               /* U+2026 */

/* ---- code point properties -------------------------------------------- */

enum {
	P_SIMPLE  = 1 << 0,    /* grapheme break before and after is certain */
	P_CJK     = 1 << 1,    /* breaks on either side, Chinese style */
	P_NOSTART = 1 << 2,    /* never starts a line */
	P_NOEND   = 1 << 3,    /* never ends a line */
	P_ALNUM   = 1 << 4,    /* ASCII letter or digit */
	P_SPACE   = 1 << 5,    /* ASCII space: dropped at a break */
	P_APUNCT  = 1 << 6,    /* ASCII closing punctuation */
	P_FWALNUM = 1 << 7,    /* fullwidth digit or letter: numbers hold */
	P_PAIR    = 1 << 8,    /* —— ……: two in a row hold together */
	P_QUOTE   = 1 << 9,    /* curly quotes, apostrophe */
	P_INDENT  = 1 << 10,   /* may make up a paragraph's indent */
	P_OPEN    = 1 << 11,   /* ASCII opening bracket */
	P_DROP    = 1 << 12,   /* removed by text_sanitize */
	P_REJECT  = 1 << 13,   /* wcwidth() rejects it: replaced by U+FFFD */
	P_TITLE   = 1 << 14,   /* opens a book title; cp + 1 closes it */
	P_PICTO   = 1 << 15,   /* Extended_Pictographic: a ZWJ after it goes */
};

struct prange {
	uint32_t lo, hi;
	uint16_t bits;
};

/* Applied in order, bits OR-ed. */
static const struct prange prop_table[] = {
	{ 0x0020, 0x0020, P_SPACE | P_INDENT },
	{ 0x0030, 0x0039, P_ALNUM },
	{ 0x0041, 0x005A, P_ALNUM },
	{ 0x0061, 0x007A, P_ALNUM },
	{ 0x0021, 0x0021, P_NOSTART | P_APUNCT },      /* ! */
	{ 0x0025, 0x0025, P_NOSTART | P_APUNCT },      /* % */
	{ 0x0029, 0x0029, P_NOSTART | P_APUNCT },      /* ) */
	{ 0x002C, 0x002C, P_NOSTART | P_APUNCT },      /* , */
	{ 0x002E, 0x002E, P_NOSTART | P_APUNCT },      /* . */
	{ 0x003A, 0x003B, P_NOSTART | P_APUNCT },      /* : ; */
	{ 0x003F, 0x003F, P_NOSTART | P_APUNCT },      /* ? */
	{ 0x005D, 0x005D, P_NOSTART | P_APUNCT },      /* ] */
	{ 0x007D, 0x007D, P_NOSTART | P_APUNCT },      /* } */
	{ 0x0028, 0x0028, P_NOEND | P_OPEN },          /* ( */
	{ 0x005B, 0x005B, P_NOEND | P_OPEN },          /* [ */
	{ 0x007B, 0x007B, P_NOEND | P_OPEN },          /* { */
	{ 0x00A0, 0x00A0, P_INDENT },
	{ 0x00AB, 0x00AB, P_NOEND },                   /* « */
	{ 0x00B0, 0x00B0, P_NOSTART },                 /* ° */
	{ 0x00B7, 0x00B7, P_CJK | P_NOSTART },         /* · */
	{ 0x00BB, 0x00BB, P_NOSTART },                 /* » */
	{ 0x2010, 0x2010, P_NOSTART },                 /* ‐ */
	{ 0x2013, 0x2013, P_NOSTART },                 /* – */
	{ 0x2014, 0x2015, P_CJK | P_PAIR },            /* — ― */
	{ 0x2018, 0x201F, P_CJK | P_QUOTE },
	{ 0x2018, 0x2018, P_NOEND },                   /* ‘ */
	{ 0x2019, 0x2019, P_NOSTART },                 /* ’ */
	{ 0x201C, 0x201C, P_NOEND },                   /* “ */
	{ 0x201D, 0x201D, P_NOSTART },                 /* ” */
	{ 0x2025, 0x2026, P_CJK | P_PAIR | P_NOSTART },/* ‥ … */
	{ 0x2030, 0x2033, P_NOSTART },                 /* ‰ ‱ ′ ″ */
	{ 0x2039, 0x2039, P_NOEND },                   /* ‹ */
	{ 0x203A, 0x203A, P_NOSTART },                 /* › */
	{ 0x203C, 0x203C, P_NOSTART },                 /* ‼ */
	{ 0x2047, 0x2049, P_NOSTART },                 /* ⁇ ⁈ ⁉ */
	{ 0x2103, 0x2103, P_NOSTART },                 /* ℃ */
	{ 0x22EF, 0x22EF, P_CJK | P_PAIR | P_NOSTART },/* ⋯ */
	{ 0x2E3A, 0x2E3B, P_CJK },                     /* ⸺ ⸻ */
	{ 0x2E80, 0x2FFF, P_CJK },                     /* radicals */
	{ 0x3000, 0x3000, P_INDENT },
	{ 0x3001, 0x33FF, P_CJK },                     /* punctuation, kana… */
	{ 0x3001, 0x3003, P_NOSTART },                 /* 、。〃 */
	{ 0x3005, 0x3005, P_NOSTART },                 /* 々 */
	{ 0x3008, 0x3008, P_NOEND | P_TITLE },         /* 〈 */
	{ 0x3009, 0x3009, P_NOSTART },
	{ 0x300A, 0x300A, P_NOEND | P_TITLE },         /* 《 */
	{ 0x300B, 0x300B, P_NOSTART },
	{ 0x300C, 0x300C, P_NOEND },  { 0x300D, 0x300D, P_NOSTART },
	{ 0x300E, 0x300E, P_NOEND },  { 0x300F, 0x300F, P_NOSTART },
	{ 0x3010, 0x3010, P_NOEND },  { 0x3011, 0x3011, P_NOSTART },
	{ 0x3014, 0x3014, P_NOEND },  { 0x3015, 0x3015, P_NOSTART },
	{ 0x3016, 0x3016, P_NOEND },  { 0x3017, 0x3017, P_NOSTART },
	{ 0x3018, 0x3018, P_NOEND },  { 0x3019, 0x3019, P_NOSTART },
	{ 0x301A, 0x301A, P_NOEND },  { 0x301B, 0x301B, P_NOSTART },
	{ 0x301C, 0x301C, P_NOSTART },                 /* 〜 */
	{ 0x301D, 0x301D, P_NOEND },
	{ 0x301E, 0x301F, P_NOSTART },
	{ 0x303B, 0x303B, P_NOSTART },                 /* 〻 */
	{ 0x3041, 0x3041, P_NOSTART }, { 0x3043, 0x3043, P_NOSTART },
	{ 0x3045, 0x3045, P_NOSTART }, { 0x3047, 0x3047, P_NOSTART },
	{ 0x3049, 0x3049, P_NOSTART }, { 0x3063, 0x3063, P_NOSTART },
	{ 0x3083, 0x3083, P_NOSTART }, { 0x3085, 0x3085, P_NOSTART },
	{ 0x3087, 0x3087, P_NOSTART }, { 0x308E, 0x308E, P_NOSTART },
	{ 0x3095, 0x3096, P_NOSTART }, { 0x309D, 0x309E, P_NOSTART },
	{ 0x30A0, 0x30A1, P_NOSTART }, { 0x30A3, 0x30A3, P_NOSTART },
	{ 0x30A5, 0x30A5, P_NOSTART }, { 0x30A7, 0x30A7, P_NOSTART },
	{ 0x30A9, 0x30A9, P_NOSTART }, { 0x30C3, 0x30C3, P_NOSTART },
	{ 0x30E3, 0x30E3, P_NOSTART }, { 0x30E5, 0x30E5, P_NOSTART },
	{ 0x30E7, 0x30E7, P_NOSTART }, { 0x30EE, 0x30EE, P_NOSTART },
	{ 0x30F5, 0x30F6, P_NOSTART }, { 0x30FB, 0x30FE, P_NOSTART },
	{ 0x31F0, 0x31FF, P_NOSTART },
	{ 0x3400, 0x4DBF, P_CJK },
	{ 0x4E00, 0x9FFF, P_CJK },
	{ 0xF900, 0xFAFF, P_CJK },
	{ 0xFE10, 0xFE19, P_CJK | P_NOSTART },         /* vertical forms */
	{ 0xFE30, 0xFE4F, P_CJK },
	{ 0xFE50, 0xFE57, P_CJK | P_NOSTART },         /* small ﹐﹑﹒… */
	{ 0xFE59, 0xFE59, P_NOEND }, { 0xFE5B, 0xFE5B, P_NOEND },
	{ 0xFE5D, 0xFE5D, P_NOEND },
	{ 0xFF01, 0xFF60, P_CJK },                     /* fullwidth forms */
	{ 0xFF01, 0xFF01, P_NOSTART }, { 0xFF05, 0xFF05, P_NOSTART },
	{ 0xFF09, 0xFF09, P_NOSTART }, { 0xFF0C, 0xFF0C, P_NOSTART },
	{ 0xFF0E, 0xFF0E, P_NOSTART }, { 0xFF1A, 0xFF1B, P_NOSTART },
	{ 0xFF1F, 0xFF1F, P_NOSTART }, { 0xFF3D, 0xFF3D, P_NOSTART },
	{ 0xFF5D, 0xFF5E, P_NOSTART }, { 0xFF60, 0xFF61, P_NOSTART },
	{ 0xFF63, 0xFF65, P_NOSTART },
	{ 0xFF04, 0xFF04, P_NOEND },   { 0xFF08, 0xFF08, P_NOEND },
	{ 0xFF3B, 0xFF3B, P_NOEND },   { 0xFF5B, 0xFF5B, P_NOEND },
	{ 0xFF5F, 0xFF5F, P_NOEND },   { 0xFF62, 0xFF62, P_NOEND },
	{ 0xFF10, 0xFF19, P_FWALNUM }, { 0xFF21, 0xFF3A, P_FWALNUM },
	{ 0xFF41, 0xFF5A, P_FWALNUM },
	{ 0xFFE0, 0xFFE6, P_CJK },
	{ 0xFFE0, 0xFFE0, P_NOSTART }, { 0xFFE1, 0xFFE1, P_NOEND },
	{ 0xFFE5, 0xFFE5, P_NOEND },
	{ 0x20000, 0x3FFFD, P_CJK },                   /* ideographs B… */
	/* removed outright: controls, DEL, C1, bidi controls, BOM */
	{ 0x0000, 0x001F, P_DROP },
	{ 0x007F, 0x009F, P_DROP },
	{ 0x061C, 0x061C, P_DROP },
	{ 0x200E, 0x200F, P_DROP },
	{ 0x202A, 0x202E, P_DROP },
	{ 0x2066, 0x2069, P_DROP },
	{ 0xFEFF, 0xFEFF, P_DROP },
	/* what terminals draw differently: emoji presentation, modifiers */
	{ 0xFE0E, 0xFE0F, P_DROP },
	{ 0x1F3FB, 0x1F3FF, P_DROP },
};

#define EMO_LO     0x1F000u         /* the emoji blocks get tables too */
#define EMO_N      0xC00u

static int8_t   wtab[2][BMP];   /* wcwidth, ambiguous as 1 or as 2 */
static uint16_t ptab[BMP];
static int8_t   wtab_emo[2][EMO_N];
static uint16_t ptab_emo[EMO_N];
static int      amb_idx;        /* 0: ambiguous 1 column, 1: 2 columns */
static int    (*real_wcwidth)(wchar_t);
static locale_t utf8_loc;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* A stand-in for glibc's wcwidth() should dlsym() find none (static
 * link): the same classes glibc's table is made from. */
static int
icu_wcwidth(uint32_t c)
{
	int gc = u_charType((UChar32)c);
	int ea = u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH);

	if (c == 0)
		return 0;
	if (gc == U_CONTROL_CHAR || gc == U_UNASSIGNED || gc == U_SURROGATE ||
	    gc == U_LINE_SEPARATOR || gc == U_PARAGRAPH_SEPARATOR)
		return -1;
	if (c == 0xAD)
		return 1;
	if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
	    gc == U_FORMAT_CHAR || (c >= 0x1160 && c <= 0x11FF) ||
	    (c >= 0xD7B0 && c <= 0xD7FF))
		return 0;
	return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

/* glibc's answer in a UTF-8 locale, whatever the current one is. */
static int
raw_width(uint32_t c)
{
	locale_t old;
	int w;

	if (!real_wcwidth)
		return icu_wcwidth(c);
	if (!utf8_loc)
		return real_wcwidth((wchar_t)c);
	old = uselocale(utf8_loc);
	w = real_wcwidth((wchar_t)c);
	uselocale(old);
	return w;
}

static int
amb_width(uint32_t c, int w)
{
	if (w == 1 && u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH) ==
	    U_EA_AMBIGUOUS)
		return 2;
	return w;
}

/* The properties ICU and glibc give; p holds those from prop_table. */
static uint16_t
props_finish(uint32_t c, int raw, uint16_t p)
{
	if (u_getIntPropertyValue((UChar32)c, UCHAR_GRAPHEME_CLUSTER_BREAK) ==
	    U_GCB_OTHER && !u_hasBinaryProperty((UChar32)c,
	    UCHAR_EXTENDED_PICTOGRAPHIC))
		p |= P_SIMPLE;
	if (raw < 0 && !(p & P_DROP))
		p |= P_REJECT;
	if (u_hasBinaryProperty((UChar32)c, UCHAR_EXTENDED_PICTOGRAPHIC))
		p |= P_PICTO;
	return p;
}

static uint16_t
props_compute(uint32_t c, int raw)
{
	uint16_t p = 0;
	size_t i;

	for (i = 0; i < ARRAY_LEN(prop_table); i++)
		if (c >= prop_table[i].lo && c <= prop_table[i].hi)
			p |= prop_table[i].bits;
	return props_finish(c, raw, p);
}

static void
tables_build(void)
{
	void *sym = dlsym(RTLD_NEXT, "wcwidth");
	locale_t old;
	uint32_t c;
	size_t i;

	if (sym && sym != (void *)wcwidth)
		real_wcwidth = (int (*)(wchar_t))sym;
	utf8_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!utf8_loc)
		utf8_loc = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
	if (!utf8_loc)
		real_wcwidth = NULL;    /* no UTF-8 locale to ask glibc in */
	for (i = 0; i < ARRAY_LEN(prop_table); i++)
		for (c = prop_table[i].lo; c <= prop_table[i].hi && c < BMP; c++)
			ptab[c] |= prop_table[i].bits;
	old = utf8_loc ? uselocale(utf8_loc) : (locale_t)0;
	for (c = 0; c < BMP; c++) {
		int w = real_wcwidth ? real_wcwidth((wchar_t)c) : icu_wcwidth(c);

		wtab[0][c] = (int8_t)w;
		wtab[1][c] = (int8_t)amb_width(c, w);
		ptab[c] = props_finish(c, w, ptab[c]);
	}
	if (utf8_loc)
		uselocale(old);
	for (c = 0; c < EMO_N; c++) {
		int w = raw_width(EMO_LO + c);

		wtab_emo[0][c] = (int8_t)w;
		wtab_emo[1][c] = (int8_t)amb_width(EMO_LO + c, w);
		ptab_emo[c] = props_compute(EMO_LO + c, w);
	}
}

static void
tables_init(void)
{
	pthread_once(&tables_once, tables_build);
}

static inline uint16_t
cp_props(uint32_t c)
{
	if (c < BMP)
		return ptab[c];
	if (c - EMO_LO < EMO_N)
		return ptab_emo[c - EMO_LO];
	if (c == UTF8_BAD)
		return ptab[REPLACE];
	return props_compute(c, raw_width(c));
}

/* wcwidth() as exported: glibc's, ambiguous setting applied. */
static inline int
cp_raw(uint32_t c)
{
	if (c < BMP)
		return wtab[amb_idx][c];
	if (c - EMO_LO < EMO_N)
		return wtab_emo[amb_idx][c - EMO_LO];
	if (c > 0x10FFFF)
		return -1;
	return amb_idx ? amb_width(c, raw_width(c)) : raw_width(c);
}

/* Columns a code point takes on the screen after text_sanitize: what it
 * drops vanishes, rejected and ill-formed ones become U+FFFD. */
static inline int
cp_width(uint32_t c)
{
	int w;

	if (cp_props(c) & P_DROP)
		return 0;
	w = cp_raw(c);
	return w >= 0 ? w : wtab[amb_idx][REPLACE];
}

void
text_set_ambiguous_width(int w)
{
	amb_idx = w == 2;
}

int
text_ambiguous_width(void)
{
	return amb_idx ? 2 : 1;
}

int
wcwidth(wchar_t wc)
{
	tables_init();
	if (wc < 0)
		return -1;
	return cp_raw((uint32_t)wc);
}

int
wcswidth(const wchar_t *s, size_t n)
{
	int sum = 0;
	size_t i;

	for (i = 0; i < n && s[i] != L'\0'; i++) {
		int w = wcwidth(s[i]);

		if (w < 0)
			return -1;
		sum += w;
	}
	return sum;
}

/* ---- per-thread state ---------------------------------------------------- */

/* Break before a cluster?  B_TITLE: a break inside a book title held
 * together, taken only when moving the title down would leave the line
 * short by more than TITLE_GAP. */
enum { B_NO, B_YES, B_SOFT, B_ASK, B_TITLE };

struct cl {
	size_t   off;       /* byte offset in the segment */
	size_t   pw;        /* columns of the clusters before this one */
	size_t   nb;        /* next B_YES break after this cluster */
	size_t   ns;        /* next B_YES or B_SOFT break */
	uint32_t cp;        /* first code point */
	uint16_t props;
	uint32_t w;         /* columns (a cluster of many marks may be wide) */
	uint8_t  brk;
	uint8_t  tdepth;    /* B_TITLE: how deep in held titles (1: outermost) */
	size_t   ts;        /* B_TITLE: where the innermost of them opens */
};

struct tctx {
	UBreakIterator *chr, *line;
	int             chr_tried, line_tried;
	UText           ut_chr, ut_line;
	struct buf      san;     /* text_wrap's sanitized copy */
	struct cl      *c;
	size_t          cap;
	uint16_t        seen;    /* the props of all clusters built, OR-ed */
};

static _Thread_local struct tctx tc = {
	.ut_chr = UTEXT_INITIALIZER,
	.ut_line = UTEXT_INITIALIZER,
};

static UBreakIterator *
brk_get(UBreakIterator **bi, int *tried, UBreakIteratorType type)
{
	UErrorCode st = U_ZERO_ERROR;

	if (!*bi && !*tried) {
		*tried = 1;
		*bi = ubrk_open(type, "zh", NULL, 0, &st);
		if (U_FAILURE(st))
			*bi = NULL;
	}
	return *bi;
}

/* Points bi at s through ut; NULL if ICU cannot. */
static UBreakIterator *
brk_set(UBreakIterator *bi, UText *ut, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;

	if (!bi || len > INT32_MAX)
		return NULL;
	utext_openUTF8(ut, s, (int64_t)len, &st);
	ubrk_setUText(bi, ut, &st);
	return U_FAILURE(st) ? NULL : bi;
}

static struct cl *
cl_reserve(struct tctx *t, size_t n)
{
	if (n > t->cap) {
		size_t cap = t->cap ? t->cap : 1024;

		while (cap < n)
			cap *= 2;
		t->c = xrealloc(t->c, cap * sizeof *t->c);
		t->cap = cap;
	}
	return t->c;
}

/* Gives back the memory a very long paragraph took. */
static void
scratch_trim(void)
{
	if (tc.cap > (1u << 16)) {
		free(tc.c);
		tc.c = NULL;
		tc.cap = 0;
	}
	if (tc.san.cap > (1u << 20))
		buf_free(&tc.san);
}

/* ---- grapheme clusters --------------------------------------------------- */

struct scan {
	const unsigned char *s;
	size_t len;
	UBreakIterator *bi;     /* character iterator, set on s when needed */
	int set;
	size_t la_pos, la_n;    /* the code point looked ahead at */
	uint32_t la_cp;
};

static void
scan_init(struct scan *sc, const char *s, size_t len)
{
	sc->s = (const unsigned char *)s;
	sc->len = len;
	sc->bi = NULL;
	sc->set = 0;
	sc->la_pos = SIZE_MAX;
}

static size_t
scan_decode(struct scan *sc, size_t p, uint32_t *cp)
{
	if (p == sc->la_pos) {
		*cp = sc->la_cp;
		return sc->la_n;
	}
	sc->la_pos = p;
	sc->la_n = utf8_decode((const char *)sc->s + p, sc->len - p, &sc->la_cp);
	*cp = sc->la_cp;
	return sc->la_n;
}

/* The character break iterator over the scan's text, set up once. */
static UBreakIterator *
scan_icu(struct scan *sc)
{
	if (!sc->set) {
		sc->set = 1;
		sc->bi = brk_set(brk_get(&tc.chr, &tc.chr_tried, UBRK_CHARACTER),
		                 &tc.ut_chr, (const char *)sc->s, sc->len);
	}
	return sc->bi;
}

static size_t
scan_icu_next(struct scan *sc, size_t p, size_t fallback)
{
	int32_t r;

	if (scan_icu(sc) == NULL)
		return fallback;
	r = ubrk_following(sc->bi, (int32_t)p);
	return r == UBRK_DONE || (size_t)r <= p ? fallback : (size_t)r;
}

static size_t
scan_icu_prev(struct scan *sc, size_t p, size_t fallback)
{
	int32_t r;

	if (scan_icu(sc) == NULL)
		return fallback;
	r = ubrk_preceding(sc->bi, (int32_t)p);
	return r == UBRK_DONE || (size_t)r >= p ? fallback : (size_t)r;
}

/* Columns of the cluster [p, q) whose first code point is c of length n:
 * the sum of its code points', as a terminal adds them up.  A ZWJ after an
 * emoji counts 0 wherever it stands, as text_sanitize drops it. */
static int
cluster_width(const unsigned char *s, size_t p, size_t q, uint32_t c, size_t n)
{
	int w = cp_width(c);

	for (p += n; p < q; p += n) {
		n = utf8_decode((const char *)s + p, q - p, &c);
		w += cp_width(c);
	}
	return w;
}

static inline int
ascii_simple(unsigned char b)
{
	return b >= 0x20 && b < 0x7F;
}

/* End of the cluster starting at p (< len); its first code point and width
 * go to *cp and *w. */
static size_t
scan_next(struct scan *sc, size_t p, uint32_t *cp, int *w)
{
	const unsigned char *s = sc->s;
	size_t n, q;
	uint32_t b;

	if (ascii_simple(s[p]) && (p + 1 == sc->len || s[p + 1] < 0x80)) {
		*cp = s[p];
		*w = 1;
		return p + 1;
	}
	n = scan_decode(sc, p, cp);
	q = p + n;
	if (q < sc->len && (cp_props(*cp) & P_SIMPLE)) {
		scan_decode(sc, q, &b);
		if (!(cp_props(b) & P_SIMPLE))
			q = scan_icu_next(sc, p, q);
	} else if (q < sc->len) {
		q = scan_icu_next(sc, p, q);
	}
	*w = q == p + n ? cp_width(*cp) : cluster_width(s, p, q, *cp, n);
	return q;
}

size_t
text_cluster_next(const char *s, size_t len, size_t off)
{
	struct scan sc;
	uint32_t cp;
	int w;

	if (off >= len)
		return len;
	tables_init();
	scan_init(&sc, s, len);
	return scan_next(&sc, off, &cp, &w);
}

size_t
text_cluster_prev(const char *s, size_t len, size_t off)
{
	struct scan sc;
	size_t a, x;
	uint32_t ca, cx;

	if (off == 0)
		return 0;
	if (off > len)
		off = len;
	tables_init();
	a = utf8_back(s, off);
	utf8_decode(s + a, off - a, &ca);
	if (a == 0)
		return 0;
	x = utf8_back(s, a);
	utf8_decode(s + x, a - x, &cx);
	if ((cp_props(ca) & P_SIMPLE) && (cp_props(cx) & P_SIMPLE))
		return a;
	scan_init(&sc, s, len);
	return scan_icu_prev(&sc, off, a);
}

int
text_width(const char *s, size_t len)
{
	struct scan sc;
	size_t p = 0;
	int sum = 0;

	tables_init();
	scan_init(&sc, s, len);
	while (p < len) {
		uint32_t cp;
		int w;

		p = scan_next(&sc, p, &cp, &w);
		sum += w;
	}
	return sum;
}

size_t
text_fit(const char *s, size_t len, int cols, int *used)
{
	struct scan sc;
	size_t p = 0;
	int sum = 0;

	tables_init();
	scan_init(&sc, s, len);
	while (p < len) {
		uint32_t cp;
		int w;
		size_t q = scan_next(&sc, p, &cp, &w);

		if (sum + w > cols)
			break;
		sum += w;
		p = q;
	}
	if (used)
		*used = sum;
	return p;
}

/* ---- sanitizing ------------------------------------------------------------ */

/* CSI: parameters and intermediates, then a final byte. */
static size_t
esc_csi(const unsigned char *s, size_t len, size_t p)
{
	while (p < len && s[p] >= 0x20 && s[p] <= 0x3F)
		p++;
	while (p < len && s[p] >= 0x20 && s[p] <= 0x2F)
		p++;
	if (p < len && s[p] >= 0x40 && s[p] <= 0x7E)
		p++;
	return p;
}

/* OSC, DCS, SOS, PM, APC: a string up to BEL or ST.  An unterminated one
 * ends at a newline, a CAN/SUB, another ESC or the end. */
static size_t
esc_string(const unsigned char *s, size_t len, size_t p)
{
	for (; p < len; p++) {
		if (s[p] == 0x07)
			return p + 1;
		if (s[p] == 0x1B && p + 1 < len && s[p + 1] == '\\')
			return p + 2;
		if (s[p] == 0xC2 && p + 1 < len && s[p + 1] == 0x9C)
			return p + 2;
		if (s[p] == '\n' || s[p] == 0x1B || s[p] == 0x18 || s[p] == 0x1A)
			return p;
	}
	return p;
}

/* p is just past an ESC (or the C1 control c); returns the end of the
 * sequence it starts. */
static size_t
esc_skip(const unsigned char *s, size_t len, size_t p, uint32_t c)
{
	if (c == 0x9B)
		return esc_csi(s, len, p);
	if (c == 0x90 || c == 0x98 || c == 0x9D || c == 0x9E || c == 0x9F)
		return esc_string(s, len, p);
	if (c != 0x1B || p >= len)
		return p;
	if (s[p] == '[')
		return esc_csi(s, len, p + 1);
	if (s[p] && strchr("]PX^_", s[p]))
		return esc_string(s, len, p + 1);
	while (p < len && s[p] >= 0x20 && s[p] <= 0x2F)
		p++;
	if (p < len && s[p] >= 0x30 && s[p] <= 0x7E)
		p++;
	return p;
}

/* What a whitespace control becomes: "\n", "\t", " " or "" (dropped). */
static const char *
san_space(uint32_t c, const unsigned char *s, size_t len, size_t q, int flags)
{
	int nl = c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 ||
	         c == 0x2029;

	if (c == '\r' && q < len && s[q] == '\n')
		return "";              /* CR LF: the LF counts */
	if (nl)
		return flags & TEXT_KEEP_NL ? "\n" : " ";
	if (c == '\t')
		return flags & TEXT_KEEP_TAB ? "\t" : " ";
	if (c == '\v' || c == '\f')
		return " ";
	return NULL;
}

/* Appends the sanitized s to out. */
static void
san_run(struct buf *out, const unsigned char *s, size_t len, int flags)
{
	size_t p = 0, run = 0;
	uint32_t prev = 0;      /* the last code point kept */

	while (p < len) {
		uint32_t c;
		size_t q;
		const char *sp;
		uint16_t pr;

		if (ascii_simple(s[p])) {
			prev = s[p++];
			continue;
		}
		q = p + utf8_decode((const char *)s + p, len - p, &c);
		pr = cp_props(c);
		if (c == 0x200D && (cp_props(prev) & P_PICTO))
			pr |= P_DROP;   /* an emoji joiner: terminals disagree */
		if (c != UTF8_BAD && !(pr & (P_DROP | P_REJECT)) &&
		    c != 0x2028 && c != 0x2029) {
			prev = c;
			p = q;
			continue;
		}
		buf_add(out, s + run, p - run);
		sp = san_space(c, s, len, q, flags);
		if (sp)
			buf_adds(out, sp);
		else if (c == 0x1B || (c >= 0x80 && c <= 0x9F))
			q = esc_skip(s, len, q, c);
		else if (!(pr & P_DROP))
			buf_add(out, "\xef\xbf\xbd", 3);
		p = run = q;
	}
	buf_add(out, s + run, p - run);
}

char *
text_sanitize(const char *s, size_t len, int flags)
{
	struct buf b;

	tables_init();
	buf_init(&b, 0);
	buf_add(&b, "", 0);
	if (s)
		san_run(&b, (const unsigned char *)s, len, flags);
	return buf_steal(&b, NULL);
}

/* ---- fitting --------------------------------------------------------------- */

static void
pad(struct buf *b, int n)
{
	static const char sp[] = "                                ";

	while (n > 0) {
		int k = n < (int)sizeof sp - 1 ? n : (int)sizeof sp - 1;

		buf_add(b, sp, (size_t)k);
		n -= k;
	}
}

char *
text_cell(const char *s, int cols, int flags)
{
	char *t = text_sanitize(s, s ? strlen(s) : 0, 0);
	size_t len = strlen(t), n = len;
	int w, ew = 0, used;
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	cols = cols < 0 ? 0 : cols;
	w = text_width(t, len);
	used = w;
	if (w > cols) {
		ew = flags & TEXT_NO_ELLIPSIS ? 0 : text_width(ELLIPSIS, 3);
		ew = ew > cols ? 0 : ew;
		n = text_fit(t, len, cols - ew, &used);
	}
	/* widths add up (text_width), so padding is exact */
	if (flags & TEXT_ALIGN_RIGHT)
		pad(&b, cols - used - ew);
	buf_add(&b, t, n);
	if (ew)
		buf_add(&b, ELLIPSIS, 3);
	if (!(flags & TEXT_ALIGN_RIGHT))
		pad(&b, cols - used - ew);
	free(t);
	return buf_steal(&b, NULL);
}

/* ---- break opportunities ------------------------------------------------ */

/* Splits s into clusters in tc.c; returns their count (a sentinel with
 * off = len follows).  tc.seen gets their props OR-ed. */
static size_t
clusters_build(const char *s, size_t len)
{
	struct scan sc;
	size_t n = 0, p = 0, pw = 0;
	struct cl *c;
	uint16_t seen = 0;

	scan_init(&sc, s, len);
	while (p < len) {
		uint32_t cp;
		int w;
		size_t q = scan_next(&sc, p, &cp, &w);

		c = cl_reserve(&tc, n + 2) + n;
		n++;
		c->off = p;
		c->pw = pw;
		c->cp = cp;
		c->props = cp_props(cp);
		if (q - p != utf8_len(cp))    /* a space with marks on it is no space */
			c->props &= (uint16_t)~(P_SPACE | P_INDENT);
		c->w = (uint32_t)w;
		c->brk = B_NO;
		c->tdepth = 0;
		seen |= c->props;
		pw += (size_t)w;
		p = q;
	}
	c = cl_reserve(&tc, n + 1) + n;
	c->off = len;
	c->pw = pw;
	c->brk = B_YES;
	tc.seen = seen;
	return n;
}

/* Between two CJK clusters: break, except inside —— …… and fullwidth
 * numbers. */
static uint8_t
rule_cjk(const struct cl *a, const struct cl *b, int sp)
{
	if ((a->props & P_PAIR) && a->cp == b->cp)
		return B_NO;
	if (sp)
		return B_YES;
	if (a->props & b->props & P_FWALNUM)
		return B_NO;
	return B_YES;
}

/* The Chinese rules for a break before b, a being the last non-space
 * cluster before it and sp telling whether spaces come between; B_ASK
 * leaves it to UAX #14. */
static uint8_t
rule_pair(const struct cl *a, const struct cl *b, int sp)
{
	uint16_t pa = a->props, pb = b->props;

	if (pb & (P_SPACE | P_NOSTART))
		return B_NO;
	if (pa & P_NOEND)
		return B_NO;
	if (pa & pb & P_CJK)
		return rule_cjk(a, b, sp);
	if (sp)
		return (pa & (P_ALNUM | P_CJK | P_APUNCT)) &&
		       (pb & (P_ALNUM | P_CJK | P_OPEN)) ? B_YES : B_ASK;
	if ((pa & (P_ALNUM | P_APUNCT)) && (pb & P_CJK))
		return B_YES;
	if ((pa & P_CJK) && !(pa & P_QUOTE) && (pb & (P_ALNUM | P_OPEN)))
		return B_YES;
	if (pa & pb & P_ALNUM)
		return B_NO;
	return B_ASK;
}

/* A minus sign after a CJK character starts a number: "下降-3.5%" may
 * break before the "-" (UAX #14 keeps a hyphen off a line's start). */
static uint8_t
rule_minus(const struct cl *c, size_t a, size_t k, size_t n)
{
	if ((c[k].cp == '-' || c[k].cp == 0x2212) && k + 1 < n &&
	    c[k + 1].cp >= '0' && c[k + 1].cp <= '9' &&
	    (c[a].props & P_CJK) && !(c[a].props & P_NOEND))
		return B_YES;
	return B_ASK;
}

/* A line always ends after a line feed, vertical tab, form feed, CR, NEL
 * or line/paragraph separator (text_wrap never sees them: it splits at
 * '\n' and sanitizes the others away, but text_breaks may). */
static int
is_hard_break(uint32_t c)
{
	return (c >= '\n' && c <= '\r') || c == 0x85 || c == 0x2028 ||
	       c == 0x2029;
}

static void
rules_apply(struct cl *c, size_t n)
{
	size_t k, a = 0;
	int have_a = 0;

	for (k = 1; k < n; k++) {
		int sp = (c[k - 1].props & P_SPACE) != 0;

		if (is_hard_break(c[k - 1].cp)) {
			c[k].brk = B_YES;
			have_a = 0;
			continue;
		}
		if (!sp) {
			a = k - 1;
			have_a = 1;
		}
		if (c[k].props & P_SPACE)
			c[k].brk = B_NO;
		else
			c[k].brk = have_a ? rule_pair(&c[a], &c[k], sp) : B_ASK;
		if (c[k].brk == B_ASK && have_a && !sp)
			c[k].brk = rule_minus(c, a, k, n);
	}
}

static int
url_starts(const char *s, size_t len)
{
	static const char *const pre[] = { "http://", "https://", "ftp://",
	                                   "www." };
	size_t i;

	for (i = 0; i < ARRAY_LEN(pre); i++) {
		size_t n = strlen(pre[i]);

		if (len >= n && strncasecmp(s, pre[i], n) == 0)
			return 1;
	}
	return 0;
}

static int
url_char(const struct cl *c)
{
	return c[1].off - c[0].off == 1 && c->cp > 0x20 && c->cp < 0x7F &&
	       !strchr("<>\"`", (int)c->cp);
}

/* Clusters k.. of a URL: returns its end (trailing punctuation is not
 * part of it). */
static size_t
url_end(const struct cl *c, size_t k, size_t n)
{
	size_t e = k;
	int open = 0;

	while (e < n && url_char(&c[e])) {
		open += c[e].cp == '(';
		e++;
	}
	while (e > k && strchr(".,;:!?'*", (int)c[e - 1].cp))
		e--;
	if (e > k && c[e - 1].cp == ')' && !open)
		e--;
	return e;
}

/* A URL holds together; inside it a line may break after / ? & = when
 * the URL is longer than a line (B_SOFT). */
static size_t
url_mark(struct cl *c, size_t k, size_t n)
{
	size_t e = url_end(c, k, n), j;

	for (j = k + 1; j < e; j++) {
		uint32_t p = c[j - 1].cp;
		int soft = p == '?' || p == '&' || p == '=' ||
		           (p == '/' && c[j].cp != '/');

		c[j].brk = soft ? B_SOFT : B_NO;
	}
	return e > k ? e : k + 1;
}

static void
urls_apply(const char *s, size_t len, struct cl *c, size_t n)
{
	size_t k = 0;

	while (k < n) {
		int start = (c[k].cp == 'h' || c[k].cp == 'H' || c[k].cp == 'f' ||
		             c[k].cp == 'F' || c[k].cp == 'w' || c[k].cp == 'W') &&
		            (k == 0 || !(c[k - 1].props & P_ALNUM));

		if (start && url_starts(s + c[k].off, len - c[k].off))
			k = url_mark(c, k, n);
		else
			k++;
	}
}

/* Resolves the B_ASK clusters from k on, as long as they come within 16
 * clusters of each other, with one forward walk of bi; returns the last
 * one resolved. */
static size_t
icu_stretch(UBreakIterator *bi, struct cl *c, size_t k, size_t n)
{
	int32_t r = ubrk_following(bi, (int32_t)c[k].off - 1);
	size_t last = k;

	for (; k < n && k <= last + 16; k++) {
		if (c[k].brk != B_ASK)
			continue;
		while (r != UBRK_DONE && (size_t)r < c[k].off)
			r = ubrk_next(bi);
		c[k].brk = r != UBRK_DONE && (size_t)r == c[k].off ? B_YES : B_NO;
		last = k;
	}
	return last;
}

/* Asks ICU about the clusters the Chinese rules left open (B_ASK);
 * returns -1 if ICU could not be used (those become no-breaks). */
static int
icu_apply(const char *s, size_t len, struct cl *c, size_t n)
{
	UBreakIterator *bi = NULL;
	size_t k;
	int set = 0;

	for (k = 1; k < n; k++) {
		if (c[k].brk != B_ASK)
			continue;
		if (!set) {
			set = 1;
			bi = brk_set(brk_get(&tc.line, &tc.line_tried, UBRK_LINE),
			             &tc.ut_line, s, len);
		}
		if (bi)
			k = icu_stretch(bi, c, k, n);
		else
			c[k].brk = B_NO;
	}
	return set && !bi ? -1 : 0;
}

/* Columns of clusters [a, b). */
static size_t
cols(const struct cl *c, size_t a, size_t b)
{
	return c[b].pw - c[a].pw;
}

/* Columns of [a, e) less trailing spaces. */
static size_t
cols_trim(const struct cl *c, size_t a, size_t e)
{
	while (e > a && (c[e - 1].props & P_SPACE))
		e--;
	return cols(c, a, e);
}

/* The closing mark of the book title opened at k (nested titles of the
 * same kind counted), or 0 if it is not closed within TITLE_MAX clusters
 * and before a hard break. */
static size_t
title_close(const struct cl *c, size_t k, size_t n)
{
	uint32_t open = c[k].cp, close = open + 1;
	size_t j, lim = k + TITLE_MAX + 1;
	int depth = 0;

	for (j = k + 1; j < n && j <= lim; j++) {
		if (is_hard_break(c[j - 1].cp))
			return 0;
		if (c[j].cp == open)
			depth++;
		else if (c[j].cp == close && depth-- == 0)
			return j;
	}
	return 0;
}

/* Whether the run between breaks that holds clusters [a, b) fits in
 * width (a run longer than UNIT_SCAN clusters either side does not). */
static int
unit_fits(const struct cl *c, size_t a, size_t b, size_t n, size_t width)
{
	size_t k;

	for (k = 0; a > 0 && c[a].brk != B_YES; k++, a--)
		if (k >= UNIT_SCAN || cols(c, a, b) > width)
			return 0;
	for (k = 0; b < n && c[b].brk != B_YES; k++, b++)
		if (k >= UNIT_SCAN || (!(c[b - 1].props & P_SPACE) &&
		    cols(c, a, b) > width))
			return 0;
	return cols_trim(c, a, b) <= width;
}

/* A book title 《…》 or 〈…〉 holds together like a word when the run it
 * stands in (the title with the punctuation that keeps to it) fits in
 * width; width 0 holds every title.  A longer one keeps its breaks.  The
 * breaks inside a held title become B_TITLE, for break_choose. */
static void
titles_apply(struct cl *c, size_t n, size_t width)
{
	size_t k, j, e;

	for (k = 0; k + 1 < n; k++) {
		if (!(c[k].props & P_TITLE))
			continue;
		e = title_close(c, k, n);
		if (!e || (width && !unit_fits(c, k, e + 1, n, width)))
			continue;
		for (j = k + 1; j < e; j++) {
			c[j].brk = c[j].brk == B_YES || c[j].brk == B_TITLE ? B_TITLE : B_NO;
			c[j].tdepth = (uint8_t)(c[k].tdepth < 250 ? c[k].tdepth + 1 : 250);
			c[j].ts = k;
		}
	}
}

/* The next-break links used by the line filler. */
static void
links_build(struct cl *c, size_t n)
{
	size_t k = n;

	c[n].nb = c[n].ns = n;
	while (k-- > 0) {
		uint8_t b = c[k + 1].brk;

		c[k].nb = k + 1 == n || b == B_YES ? k + 1 : c[k + 1].nb;
		c[k].ns = k + 1 == n || b == B_YES || b == B_SOFT ? k + 1 :
		          c[k + 1].ns;
	}
}

/* Clusters and break opportunities of s for lines of width columns (0:
 * any width); returns the cluster count, *icu_err telling whether ICU
 * failed. */
static size_t
breaks_compute(const char *s, size_t len, size_t width, int *icu_err)
{
	size_t n = clusters_build(s, len);

	rules_apply(tc.c, n);
	urls_apply(s, len, tc.c, n);
	*icu_err = icu_apply(s, len, tc.c, n);
	if (tc.seen & P_TITLE)
		titles_apply(tc.c, n, width);
	links_build(tc.c, n);
	return n;
}

size_t
text_breaks(const char *s, size_t len, size_t *off, size_t max)
{
	size_t n, k, count = 0;
	int err;

	tables_init();
	n = breaks_compute(s, len, 0, &err);
	for (k = 1; k < n; k++) {
		if (tc.c[k].brk != B_YES)
			continue;
		if (count < max)
			off[count] = tc.c[k].off;
		count++;
	}
	scratch_trim();
	return count;
}

/* ---- filling lines ------------------------------------------------------- */

/* A cut inside a unit longer than a line, at the last cluster boundary in
 * (lo, e] that keeps closing punctuation off the next line's start and
 * opening punctuation off this line's end; e if there is none. */
static size_t
cut_at(const struct cl *c, size_t lo, size_t e)
{
	size_t k;

	for (k = e; k > lo; k--)
		if (!(c[k].props & P_NOSTART) && !(c[k - 1].props & P_NOEND))
			return k;
	return e;
}

/* A line ending at kn leaves more than TITLE_GAP columns of avail empty
 * because a book title held together went down: the last break inside it
 * that fits instead (kn if none).  A title nested in it is kept whole when
 * moving it down leaves the line short by no more than the gap. */
static size_t
title_gap(const struct cl *c, size_t i, size_t kn, size_t e, size_t avail,
          size_t width)
{
	size_t k, gap = TITLE_GAP(width);

	if (kn >= e || avail - cols_trim(c, i, kn) <= gap)
		return kn;
	for (k = e; k > kn; k--) {
		if (c[k].brk != B_TITLE)
			continue;
		if (c[k].tdepth <= 1 || avail - cols_trim(c, i, c[k].ts) > gap)
			return k;
		k = c[k].ts + 1;    /* next: the break before the nested title */
	}
	return kn;
}

/* Where to end a line that starts at i and has avail columns: e is the end
 * of what fits, e2 that end moved past spaces (which may hang). */
static size_t
break_choose(const struct cl *c, size_t i, size_t e, size_t e2, size_t avail,
             size_t width)
{
	size_t kn = 0, k, u;

	for (k = e2; k > i && !kn; k--)
		if (c[k].brk == B_YES)
			kn = k;
	if (kn && (kn >= e || cols_trim(c, kn, c[kn].nb) <= width))
		return title_gap(c, i, kn, e, avail, width);
	/* the unit at the margin is longer than a line */
	u = kn ? kn : i;
	for (k = e; k > u; k--)
		if (c[k].brk == B_SOFT)     /* unless cut anyway after it */
			return cols_trim(c, k, c[k].ns) <= width ? k : cut_at(c, u, e);
	if (kn && cols_trim(c, kn, c[kn].ns) <= width)
		return kn;
	return cut_at(c, u, e);
}

struct fill {
	const char *s;
	size_t width;
	size_t indent;      /* columns of indent on the first line */
	int keep_indent;    /* TEXT_KEEP_INDENT */
	struct text_lines *out;
};

static void
line_emit(struct fill *f, const struct cl *c, size_t i, size_t e)
{
	size_t a = c[i].off, b;
	char *t;

	while (e > i && (c[e - 1].props & P_SPACE))
		e--;
	b = c[e].off;
	if (!f->indent) {
		text_lines_add(f->out, f->s + a, b - a);
		return;
	}
	t = xmalloc(b - a + sizeof INDENT_U8);
	memcpy(t, INDENT_U8, sizeof INDENT_U8 - 1);
	memcpy(t + sizeof INDENT_U8 - 1, f->s + a, b - a);
	text_lines_add(f->out, t, b - a + sizeof INDENT_U8 - 1);
	free(t);
	f->indent = 0;
}

/* Fills lines from the clusters c[i..n). */
static void
fill_lines(struct fill *f, const struct cl *c, size_t i, size_t n)
{
	while (i < n) {
		size_t avail = f->width - f->indent, e = i, e2, sum = 0, end;

		while (e < n && sum + c[e].w <= avail)
			sum += c[e++].w;
		if (e == i)
			e = i + 1;          /* a cluster wider than the line */
		for (e2 = e; e2 < n && (c[e2].props & P_SPACE); e2++)
			;
		end = e2 == n ? n : break_choose(c, i, e, e2, avail, f->width);
		line_emit(f, c, i, end);
		for (i = end; i < n && (c[i].props & P_SPACE); i++)
			;
	}
}

/* One line's worth of text (no newline in it). */
static int
wrap_segment(struct fill *f, const char *s, size_t len, int first)
{
	size_t n, i = 0;
	int err;
	uint16_t skip = first ? P_INDENT : P_SPACE;

	f->s = s;
	n = breaks_compute(s, len, f->width, &err);
	while (i < n && (tc.c[i].props & skip) &&
	       !(first && f->keep_indent && tc.c[i].cp == 0x3000))
		i++;
	if (i == n)
		text_lines_add(f->out, "", 0);
	else
		fill_lines(f, tc.c, i, n);
	f->indent = 0;
	return err;
}

int
text_wrap(const char *para, size_t len, int width, int flags,
          struct text_lines *out)
{
	struct fill f;
	const char *s, *nl;
	size_t n;
	int err = 0, first = 1;

	tables_init();
	tc.san.len = 0;
	buf_add(&tc.san, "", 0);
	san_run(&tc.san, (const unsigned char *)(para ? para : ""),
	        para ? len : 0, TEXT_KEEP_NL);
	s = tc.san.data;
	n = tc.san.len;
	if (n > 0 && s[n - 1] == '\n')
		n--;                    /* a final newline ends the paragraph */
	f.width = width < 1 ? 1 : (size_t)width;
	f.indent = (flags & TEXT_INDENT) && f.width >= 8 ? 4 : 0;
	f.keep_indent = (flags & TEXT_KEEP_INDENT) && !(flags & TEXT_INDENT);
	f.out = out;
	for (;;) {
		nl = memchr(s, '\n', n);
		err |= wrap_segment(&f, s, nl ? (size_t)(nl - s) : n, first);
		if (!nl)
			break;
		n -= (size_t)(nl + 1 - s);
		s = nl + 1;
		first = 0;
	}
	scratch_trim();
	return err ? -1 : 0;
}

/* ---- line lists ------------------------------------------------------------ */

void
text_lines_add(struct text_lines *l, const char *s, size_t len)
{
	char *t = xmalloc(len + 1);

	memcpy(t, s, len);
	t[len] = '\0';
	if (l->n + 1 >= l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = t;
	l->v[l->n] = NULL;
}

void
text_lines_free(struct text_lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void
text_icu_version(char *out, size_t outsz)
{
	UVersionInfo v;
	char s[U_MAX_VERSION_STRING_LENGTH];

	u_getVersion(v);
	u_versionToString(v, s);
	snprintf(out, outsz, "%s", s);
}
