/* charset.c: choosing a page's charset and converting it to UTF-8.
 *
 * Order of evidence: the HTTP Content-Type header, a byte order mark, a
 * <meta> / <?xml?> declaration in the first 4 KB, then UTF-8.  Chinese
 * sites often declare nothing, or declare UTF-8 and serve GBK; and feeds
 * from elsewhere come undeclared in KOI8-R, Shift_JIS, EUC-KR...  When the
 * bytes clearly are not UTF-8, ICU's charset detector says what they are,
 * with GB18030 winning a near tie (this reader's pages are Chinese).
 * Conversion goes through iconv chunk by chunk; a bad byte becomes U+FFFD
 * and conversion goes on, so a page is never cut short. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucsdet.h>

#include "charset.h"
#include "utf8.h"

#define SNIFF_BYTES 4096
#define OUT_CHUNK   65536
#define DETECT_BYTES (64 * 1024)    /* what the detector reads */
#define GB_MARGIN   15              /* confidence GB18030 may trail by and win */
#define WEAK        25              /* a confidence this low is a guess from
                                       too little text */

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Labels pages use, the name we report, the name iconv knows. */
static const struct alias {
	const char *label;
	const char *name;
	const char *iconv;
} aliases[] = {
	{ "utf-8",            "UTF-8",        "UTF-8" },
	{ "utf8",             "UTF-8",        "UTF-8" },
	{ "unicode-1-1-utf-8","UTF-8",        "UTF-8" },
	{ "gb18030",          "GB18030",      "GB18030" },
	{ "gb2312",           "GB18030",      "GB18030" },
	{ "gb_2312",          "GB18030",      "GB18030" },
	{ "gb_2312-80",       "GB18030",      "GB18030" },
	{ "csgb2312",         "GB18030",      "GB18030" },
	{ "euc-cn",           "GB18030",      "GB18030" },
	{ "gbk",              "GB18030",      "GB18030" },
	{ "x-gbk",            "GB18030",      "GB18030" },
	{ "cp936",            "GB18030",      "GB18030" },
	{ "ms936",            "GB18030",      "GB18030" },
	{ "windows-936",      "GB18030",      "GB18030" },
	{ "chinese",          "GB18030",      "GB18030" },
	{ "iso-ir-58",        "GB18030",      "GB18030" },
	{ "big5",             "BIG5",         "BIG5-HKSCS" },
	{ "big5-hkscs",       "BIG5",         "BIG5-HKSCS" },
	{ "cn-big5",          "BIG5",         "BIG5-HKSCS" },
	{ "csbig5",           "BIG5",         "BIG5-HKSCS" },
	{ "x-x-big5",         "BIG5",         "BIG5-HKSCS" },
	{ "cp950",            "BIG5",         "BIG5-HKSCS" },
	{ "utf-16",           "UTF-16LE",     "UTF-16LE" },
	{ "utf-16le",         "UTF-16LE",     "UTF-16LE" },
	{ "utf-16be",         "UTF-16BE",     "UTF-16BE" },
	{ "us-ascii",         "WINDOWS-1252", "CP1252" },
	{ "ascii",            "WINDOWS-1252", "CP1252" },
	{ "iso-8859-1",       "WINDOWS-1252", "CP1252" },
	{ "iso8859-1",        "WINDOWS-1252", "CP1252" },
	{ "latin1",           "WINDOWS-1252", "CP1252" },
	{ "windows-1252",     "WINDOWS-1252", "CP1252" },
	{ "cp1252",           "WINDOWS-1252", "CP1252" },
	{ "shift_jis",        "SHIFT_JIS",    "CP932" },
	{ "shift-jis",        "SHIFT_JIS",    "CP932" },
	{ "sjis",             "SHIFT_JIS",    "CP932" },
	{ "x-sjis",           "SHIFT_JIS",    "CP932" },
	{ "ms_kanji",         "SHIFT_JIS",    "CP932" },
	{ "windows-31j",      "SHIFT_JIS",    "CP932" },
	{ "euc-jp",           "EUC-JP",       "EUC-JP" },
	{ "euc-kr",           "EUC-KR",       "CP949" },
	{ "ks_c_5601-1987",   "EUC-KR",       "CP949" },
	{ "windows-949",      "EUC-KR",       "CP949" },
};

static const struct bom {
	const char *bytes;
	size_t len;
	const char *name;
} boms[] = {
	{ "\xEF\xBB\xBF", 3, "UTF-8" },
	{ "\xFF\xFE",     2, "UTF-16LE" },
	{ "\xFE\xFF",     2, "UTF-16BE" },
	{ "\x84\x31\x95\x33", 4, "GB18030" },
};

static const struct alias *
alias_find(const char *label)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(aliases); i++)
		if (strcasecmp(aliases[i].label, label) == 0)
			return &aliases[i];
	return NULL;
}

static int
iconv_knows(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);

	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

/* Charset labels are ASCII letters, digits and ._:()-.  Anything else
 * (a non-ASCII byte, say) must not reach iconv_open: glibc drops what it
 * does not know from a name, so "\x93\xEA" would name the locale's charset
 * and let invalid bytes through unconverted. */
static int
label_ok(const char *label, size_t n)
{
	static const char punct[] = "._:()-";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)label[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || (c != '\0' && strchr(punct, c))))
			return 0;
	}
	return 1;
}

/* A declared label to our canonical name; 0 if nobody knows it. */
static int
canonical(const char *label, size_t n, char *name, size_t namesz)
{
	char tmp[64];
	const struct alias *a;
	size_t i;

	while (n > 0 && (*label == ' ' || *label == '\t')) {
		label++;
		n--;
	}
	while (n > 0 && (label[n - 1] == ' ' || label[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof tmp || !label_ok(label, n))
		return 0;
	memcpy(tmp, label, n);
	tmp[n] = '\0';
	a = alias_find(tmp);
	if (a != NULL) {
		snprintf(name, namesz, "%s", a->name);
		return 1;
	}
	if (!iconv_knows(tmp))
		return 0;
	for (i = 0; i < n; i++)
		tmp[i] = (char)(tmp[i] >= 'a' && tmp[i] <= 'z' ? tmp[i] - 32 : tmp[i]);
	snprintf(name, namesz, "%s", tmp);
	return 1;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Finds "charset=" in a Content-Type value (header or meta content) and
 * canonicalizes what follows. */
static int
charset_param(const char *s, size_t len, char *name, size_t namesz)
{
	static const char key[] = "charset";
	const char *end = s + len, *p, *v;

	for (p = s; p + sizeof key - 1 < end; p++) {
		if (strncasecmp(p, key, sizeof key - 1) != 0)
			continue;
		v = p + sizeof key - 1;
		while (v < end && is_space((unsigned char)*v))
			v++;
		if (v >= end || *v != '=')
			continue;
		v++;
		while (v < end && is_space((unsigned char)*v))
			v++;
		if (v < end && (*v == '"' || *v == '\''))
			v++;
		p = v;
		while (p < end && *p != '"' && *p != '\'' && *p != ';' &&
		       !is_space((unsigned char)*p))
			p++;
		return canonical(v, (size_t)(p - v), name, namesz);
	}
	return 0;
}

/* ---- <meta> and <?xml?> ------------------------------------------------ */

struct attr {
	const char *name, *value;
	size_t nlen, vlen;
};

/* Reads one attribute at *pp inside a tag; 0 at the tag's end. */
static int
attr_next(const char **pp, const char *end, struct attr *a)
{
	const char *p = *pp;

	while (p < end && (is_space((unsigned char)*p) || *p == '/'))
		p++;
	if (p >= end || *p == '>' || *p == '?')
		return 0;
	a->name = p;
	while (p < end && *p != '=' && *p != '>' && !is_space((unsigned char)*p))
		p++;
	a->nlen = (size_t)(p - a->name);
	a->value = p;
	a->vlen = 0;
	while (p < end && is_space((unsigned char)*p))
		p++;
	if (p < end && *p == '=') {
		p++;
		while (p < end && is_space((unsigned char)*p))
			p++;
		if (p < end && (*p == '"' || *p == '\'')) {
			char q = *p++;

			a->value = p;
			while (p < end && *p != q)
				p++;
			a->vlen = (size_t)(p - a->value);
			if (p < end)
				p++;
		} else {
			a->value = p;
			while (p < end && *p != '>' && !is_space((unsigned char)*p))
				p++;
			a->vlen = (size_t)(p - a->value);
		}
	}
	*pp = p;
	return 1;
}

static int
attr_is(const struct attr *a, const char *name)
{
	return a->nlen == strlen(name) && strncasecmp(a->name, name, a->nlen) == 0;
}

/* <meta charset=X> or <meta http-equiv=Content-Type content="...charset=X">;
 * p points just past "<meta". */
static int
meta_charset(const char *p, const char *end, char *name, size_t namesz)
{
	struct attr a;
	const char *content = NULL;
	size_t clen = 0;
	int http_equiv = 0;

	while (attr_next(&p, end, &a)) {
		if (attr_is(&a, "charset"))
			return canonical(a.value, a.vlen, name, namesz);
		if (attr_is(&a, "content")) {
			content = a.value;
			clen = a.vlen;
		}
		if (attr_is(&a, "http-equiv") && a.vlen == 12 &&
		    strncasecmp(a.value, "content-type", 12) == 0)
			http_equiv = 1;
	}
	if (content == NULL || !http_equiv)
		return 0;
	return charset_param(content, clen, name, namesz);
}

/* <?xml version="1.0" encoding="X"?>; p points just past "<?xml". */
static int
xml_charset(const char *p, const char *end, char *name, size_t namesz)
{
	struct attr a;

	while (attr_next(&p, end, &a))
		if (attr_is(&a, "encoding"))
			return canonical(a.value, a.vlen, name, namesz);
	return 0;
}

static const char *
find_bytes(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; p + n <= end; p++)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* The first declaration in the first 4 KB, skipping comments. */
static int
declared(const char *buf, size_t len, char *name, size_t namesz)
{
	const char *end = buf + (len < SNIFF_BYTES ? len : SNIFF_BYTES);
	const char *p;

	for (p = buf; p < end; p++) {
		if (*p != '<')
			continue;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			p = find_bytes(p + 4, end, "-->");
			if (p == NULL)
				return 0;
			continue;
		}
		if (end - p >= 6 && strncasecmp(p, "<meta", 5) == 0 &&
		    (is_space((unsigned char)p[5]) || p[5] == '/') &&
		    meta_charset(p + 5, end, name, namesz))
			return 1;
		if (end - p >= 6 && strncmp(p, "<?xml", 5) == 0 &&
		    is_space((unsigned char)p[5]) &&
		    xml_charset(p + 5, end, name, namesz))
			return 1;
	}
	return 0;
}

/* ---- what the bytes say ---------------------------------------------- */

/* Length of the structurally valid GB18030 sequence at p, or 0. */
static size_t
gb18030_seq(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] == 0x80 || p[0] == 0xFF || n < 2)
		return 0;
	if ((p[1] >= 0x40 && p[1] <= 0x7E) || (p[1] >= 0x80 && p[1] <= 0xFE))
		return 2;
	if (n >= 4 && p[1] >= 0x30 && p[1] <= 0x39 &&
	    p[2] >= 0x81 && p[2] <= 0xFE && p[3] >= 0x30 && p[3] <= 0x39)
		return 4;
	return 0;
}

struct tally {
	size_t bad;         /* invalid sequences */
	size_t multi;       /* valid sequences of more than one byte */
};

typedef size_t seq_fn(const unsigned char *p, size_t n);

/* Counts the sequences of buf[0, len) into t; a sequence of up to 4 bytes
 * that may go on past the end is left for the next piece unless last.
 * Returns the bytes counted. */
static size_t
tally_add(struct tally *t, const char *buf, size_t len, int last, seq_fn *seq)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = 0, k;

	while (i < len) {
		if (p[i] < 0x80) {      /* ASCII runs, a word at a time */
			while (i + 8 <= len) {
				uint64_t w;

				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < len && p[i] < 0x80)
				i++;
			continue;
		}
		/* the common case: a character of the BMP past U+0FFF but for
		 * the surrogates (CJK), taken without a call */
		if (seq == utf8_valid_len && i + 2 < len && p[i] >= 0xE1 && p[i] <= 0xEF &&
		    p[i] != 0xED && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			t->multi++;
			i += 3;
			continue;
		}
		if (!last && len - i < 4)
			break;
		k = seq(p + i, len - i);
		if (k == 0) {
			t->bad++;
			k = 1;
		} else if (k > 1) {
			t->multi++;
		}
		i += k;
	}
	return i;
}

/* The bytes of a page as detection sees them: the first DETECT_BYTES
 * (for a BOM, a declaration, ICU's detector) and the UTF-8 tally of all of
 * them, read in one pass. */
struct scan {
	struct src *in;
	char  *head;
	size_t nhead;
	struct tally utf8;
	int    failed;      /* the stream could not be read */
};

/* Tallies every byte of sc->in by seq into t (and keeps the head the
 * first time); leaves the stream at its start again. */
static void
scan_pass(struct scan *sc, seq_fn *seq, struct tally *t)
{
	char chunk[OUT_CHUNK + 4];
	size_t carry = 0;
	long got;

	memset(t, 0, sizeof *t);
	for (;;) {
		got = sc->in->read(sc->in, chunk + carry, OUT_CHUNK);
		if (got < 0)
			sc->failed = 1;
		if (got <= 0)
			break;
		if (sc->head != NULL && sc->nhead < DETECT_BYTES) {
			size_t n = (size_t)got < DETECT_BYTES - sc->nhead ? (size_t)got
			                                                  : DETECT_BYTES - sc->nhead;

			memcpy(sc->head + sc->nhead, chunk + carry, n);
			sc->nhead += n;
		}
		got += (long)carry;
		carry = (size_t)got - tally_add(t, chunk, (size_t)got, 0, seq);
		memmove(chunk, chunk + got - (long)carry, carry);
	}
	tally_add(t, chunk, carry, 1, seq);
	if (sc->in->rewind(sc->in) < 0)
		sc->failed = 1;
}

/* The bytes are not UTF-8: they break UTF-8 more often than they follow
 * it.  A UTF-8 page with a stray byte or two stays UTF-8. */
static int
not_utf8(const struct scan *sc)
{
	return sc->utf8.bad > 0 && sc->utf8.bad > sc->utf8.multi;
}

/* Bytes declared in another charset are UTF-8 all the same (a CMS
 * template saying gb2312 over UTF-8 text): non-ASCII text in them (a BOM
 * alone is none), all of it valid UTF-8, which text in a legacy charset
 * almost never is. */
static int
surely_utf8(const struct scan *sc)
{
	size_t bom = sc->nhead >= 3 && memcmp(sc->head, "\xEF\xBB\xBF", 3) == 0;

	return sc->utf8.bad == 0 && sc->utf8.multi > bom;
}

/* Whether bytes a detector took for a Latin charset are Chinese in
 * pairs: Latin text has its accented letters mostly one by one between
 * ASCII ones, GB18030 text its bytes two by two, words of two characters
 * or more in a row.  Every run of non-ASCII bytes of even length, valid
 * GB18030, one run at least two characters long. */
static int
gb_pairs(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t run = 0, longest = 0;
	struct tally t = { 0, 0 };

	for (size_t i = 0; i <= len; i++) {
		if (i < len && p[i] >= 0x80) {
			run++;
			continue;
		}
		if (run % 2 != 0)
			return 0;
		longest = run > longest ? run : longest;
		run = 0;
	}
	if (longest < 4)
		return 0;
	tally_add(&t, buf, len, 1, gb18030_seq);
	return t.bad == 0;
}

static int
latin(const char *icu_name)
{
	static const char *const names[] = { "ISO-8859-1", "ISO-8859-2", "ISO-8859-9",
	                                     "windows-1250", "windows-1252", "windows-1254" };

	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(icu_name, names[i]) == 0)
			return 1;
	return 0;
}

/* What ICU's detector makes of bytes that are not UTF-8: the most
 * confident charset that iconv can convert and that reads these bytes as
 * ASCII does (not UTF-16 or EBCDIC); GB18030 instead when the bytes are
 * valid GB18030 and it trails by GB_MARGIN or less, or the best answer is
 * weak (a few Chinese characters give the detector too little to go on),
 * or a Latin charset for bytes that come in GB18030's pairs (gb_pairs).
 * 0 if the detector has no usable answer. */
static int
detected(const char *buf, size_t len, char *name, size_t namesz)
{
	UErrorCode st = U_ZERO_ERROR;
	UCharsetDetector *d = ucsdet_open(&st);
	const UCharsetMatch **m;
	int32_t n = 0, best = -1, gb = -1;
	int best_latin = 0;
	char cand[64];

	if (U_FAILURE(st))
		return 0;
	ucsdet_enableInputFilter(d, 1);     /* markup is not evidence */
	ucsdet_setText(d, buf, (int32_t)(len < DETECT_BYTES ? len : DETECT_BYTES), &st);
	m = ucsdet_detectAll(d, &n, &st);
	for (int32_t i = 0; U_SUCCESS(st) && i < n; i++) {
		const char *cs = ucsdet_getName(m[i], &st);
		int32_t conf = ucsdet_getConfidence(m[i], &st);

		if (U_FAILURE(st) || cs == NULL || str_starts(cs, "UTF-") ||
		    str_starts(cs, "IBM") || !canonical(cs, strlen(cs), cand, sizeof cand))
			continue;
		if (best < 0) {
			best = conf;
			best_latin = latin(cs);
			snprintf(name, namesz, "%s", cand);
		}
		if (gb < 0 && strcmp(cand, "GB18030") == 0)
			gb = conf;
	}
	ucsdet_close(d);
	if (gb >= 0 && (gb + GB_MARGIN >= best || best < WEAK ||
	                (best_latin && gb_pairs(buf, len < DETECT_BYTES ? len : DETECT_BYTES))))
		snprintf(name, namesz, "GB18030");
	return best >= 0;
}

/* The charset of bytes that are not UTF-8: the detector's answer, else
 * GB18030 if it fits the bytes better than UTF-8 does, else UTF-8 (each
 * bad byte shown as U+FFFD). */
static int
guess(struct scan *sc, char *name, size_t namesz)
{
	struct tally gb;

	if (detected(sc->head, sc->nhead, name, namesz))
		return strcmp(name, "UTF-8") != 0;
	scan_pass(sc, gb18030_seq, &gb);
	if (gb.bad < sc->utf8.bad) {
		snprintf(name, namesz, "GB18030");
		return 1;
	}
	return 0;
}

/* The charset of the bytes sc has read (see charset.h). */
static enum charset_source
decide(struct scan *sc, const char *content_type, char *name, size_t namesz)
{
	const char *buf = sc->head;
	size_t len = sc->nhead;
	enum charset_source src = CHARSET_FROM_DEFAULT;
	size_t i;

	if (content_type != NULL &&
	    charset_param(content_type, strlen(content_type), name, namesz) &&
	    !(str_starts(name, "UTF-16") && len >= 2 &&
	      (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0))) {
		src = CHARSET_FROM_HEADER;
		goto out;
	}
	/* A BOM; for UTF-16 it also tells the byte order the header did not. */
	for (i = 0; i < ARRAY_LEN(boms); i++) {
		if (len >= boms[i].len &&
		    memcmp(buf, boms[i].bytes, boms[i].len) == 0) {
			snprintf(name, namesz, "%s", boms[i].name);
			return CHARSET_FROM_BOM;
		}
	}
	if (declared(buf, len, name, namesz)) {
		/* A page readable as ASCII cannot be UTF-16, whatever it says. */
		if (str_starts(name, "UTF-16"))
			snprintf(name, namesz, "UTF-8");
		src = CHARSET_FROM_META;
		goto out;
	}
	snprintf(name, namesz, "UTF-8");
out:
	if (strcmp(name, "UTF-8") == 0 && not_utf8(sc) && guess(sc, name, namesz)) {
		src = src == CHARSET_FROM_DEFAULT ? CHARSET_FROM_BYTES
		                                  : CHARSET_FROM_OVERRIDE;
	} else if (strcmp(name, "UTF-8") != 0 && !str_starts(name, "UTF-16") &&
	           surely_utf8(sc)) {
		snprintf(name, namesz, "UTF-8");
		src = CHARSET_FROM_OVERRIDE;
	}
	return src;
}

enum charset_source
charset_detect_src(struct src *in, const char *content_type, char *name,
                   size_t namesz, int *valid)
{
	struct scan sc = { .in = in };
	enum charset_source from;

	sc.head = xmalloc(DETECT_BYTES);
	scan_pass(&sc, utf8_valid_len, &sc.utf8);
	from = decide(&sc, content_type, name, namesz);
	if (valid != NULL)
		*valid = !sc.failed && sc.utf8.bad == 0;
	free(sc.head);
	return from;
}

enum charset_source
charset_detect_why(const char *buf, size_t len, const char *content_type,
                   char *name, size_t namesz)
{
	struct src_mem m;

	return charset_detect_src(src_mem(&m, buf, len), content_type, name, namesz, NULL);
}

void
charset_detect(const char *buf, size_t len, const char *content_type,
               char *name, size_t namesz)
{
	charset_detect_why(buf, len, content_type, name, namesz);
}

/* ---- conversion ------------------------------------------------------ */

/* Converting a stream to UTF-8, a piece at a time: iconv for a legacy
 * charset (a sequence cut at the end of a piece waits for the next), then
 * every invalid byte as U+FFFD, every leading BOM dropped. */
struct charset_reader {
	struct src s;           /* the UTF-8 text */
	struct src *in;
	iconv_t cd;             /* (iconv_t)-1: the bytes are UTF-8 */
	int     valid;          /* and known to be well-formed */
	const struct bom *bom;  /* the charset's BOM, skipped at the start */
	int     started;        /* the first piece was read (BOM skipped) */
	int     leading;        /* no text given yet: a BOM would be dropped */
	int     eof;
	char    in_buf[OUT_CHUNK + 8];
	size_t  in_len;         /* bytes waiting in in_buf */
	struct buf conv;        /* iconv's output not cleaned yet */
	struct buf out;         /* UTF-8 ready to give */
	size_t  out_pos;
};

/* Appends the well-formed UTF-8 of p[0, n) to out, U+FFFD for each bad
 * byte; returns the bytes used (a sequence that may go on past the end
 * waits, unless last). */
static size_t
clean_add(struct buf *out, const char *p, size_t n, int last)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, start = 0, k;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if (!last && n - i < 4)
			break;
		k = utf8_valid_len(u + i, n - i);
		if (k > 0) {
			i += k;
			continue;
		}
		buf_add(out, p + start, i - start);
		buf_add(out, REPLACEMENT, 3);
		start = ++i;
	}
	buf_add(out, p + start, i - start);
	return i;
}

/* Converts what waits in in_buf (all of it when last) into r->conv. */
static void
iconv_piece(struct charset_reader *r, int last)
{
	char chunk[OUT_CHUNK];
	char *in = r->in_buf, *o;
	size_t inleft = r->in_len, oleft, rc;

	while (inleft > 0) {
		o = chunk;
		oleft = sizeof chunk;
		rc = iconv(r->cd, &in, &inleft, &o, &oleft);
		buf_add(&r->conv, chunk, sizeof chunk - oleft);
		if (rc != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !last)
			break;          /* cut short: the next piece has the rest */
		/* EILSEQ, or EINVAL for a sequence cut short at the end. */
		buf_add(&r->conv, REPLACEMENT, 3);
		in++;
		inleft--;
		iconv(r->cd, NULL, NULL, NULL, NULL);
	}
	if (last) {
		o = chunk;
		oleft = sizeof chunk;
		iconv(r->cd, NULL, NULL, &o, &oleft);
		buf_add(&r->conv, chunk, sizeof chunk - oleft);
	}
	memmove(r->in_buf, in, inleft);
	r->in_len = inleft;
}

/* Reads the next piece of the input and makes it UTF-8 in r->out. */
static int
reader_fill(struct charset_reader *r)
{
	long got = r->in->read(r->in, r->in_buf + r->in_len, OUT_CHUNK);
	size_t skip = 0, used;

	if (got < 0) {
		snprintf(r->s.error, sizeof r->s.error, "%s", r->in->error);
		return -1;
	}
	r->eof = got == 0;
	r->in_len += (size_t)got;
	if (!r->started && (r->in_len >= 4 || r->eof)) {
		r->started = 1;
		if (r->bom != NULL && r->in_len >= r->bom->len &&
		    memcmp(r->in_buf, r->bom->bytes, r->bom->len) == 0)
			skip = r->bom->len;
		memmove(r->in_buf, r->in_buf + skip, r->in_len - skip);
		r->in_len -= skip;
	} else if (!r->started) {
		return 0;
	}
	if (r->cd != (iconv_t)-1) {
		iconv_piece(r, r->eof);
		used = clean_add(&r->out, r->conv.data, r->conv.len, r->eof);
		memmove(r->conv.data, r->conv.data + used, r->conv.len - used);
		r->conv.len -= used;
	} else if (r->valid) {
		buf_add(&r->out, r->in_buf, r->in_len);
		r->in_len = 0;
	} else {
		used = clean_add(&r->out, r->in_buf, r->in_len, r->eof);
		memmove(r->in_buf, r->in_buf + used, r->in_len - used);
		r->in_len -= used;
	}
	return 0;
}

static long
reader_read(struct src *s, char *buf, size_t n)
{
	struct charset_reader *r = (struct charset_reader *)s;
	size_t avail;

	for (;;) {
		avail = r->out.len - r->out_pos;
		/* Every leading BOM: a page may repeat it (found by fuzzing). */
		while (r->leading && avail >= 3 &&
		       memcmp(r->out.data + r->out_pos, "\xEF\xBB\xBF", 3) == 0) {
			r->out_pos += 3;
			avail -= 3;
		}
		if (avail >= 3 || r->eof)
			r->leading = 0;
		if ((avail > 0 && !r->leading) || r->eof)
			break;
		memmove(r->out.data, r->out.data + r->out_pos, avail);
		r->out.len = avail;
		r->out_pos = 0;
		if (reader_fill(r) < 0)
			return -1;
	}
	if (n > avail)
		n = avail;
	memcpy(buf, r->out.data + r->out_pos, n);
	r->out_pos += n;
	return (long)n;
}

static int
reader_rewind(struct src *s)
{
	struct charset_reader *r = (struct charset_reader *)s;

	if (r->in->rewind(r->in) < 0) {
		snprintf(r->s.error, sizeof r->s.error, "%s", r->in->error);
		return -1;
	}
	if (r->cd != (iconv_t)-1)
		iconv(r->cd, NULL, NULL, NULL, NULL);
	r->started = r->eof = 0;
	r->leading = 1;
	r->in_len = r->conv.len = r->out.len = r->out_pos = 0;
	return 0;
}

int
charset_reader_open(struct charset_reader **out, struct src *in,
                    const char *charset, int valid, struct err *e)
{
	const struct alias *a = alias_find(str_empty(charset) ? "utf-8" : charset);
	const char *from = a != NULL ? a->iconv : charset;
	const char *name = a != NULL ? a->name : charset;
	struct charset_reader *r;
	iconv_t cd = (iconv_t)-1;

	*out = NULL;
	if (strcmp(from, "UTF-8") != 0) {
		cd = iconv_open("UTF-8", from);
		if (cd == (iconv_t)-1)
			return err_set(e, _("unknown character set %s"), charset);
	}
	r = xcalloc(1, sizeof *r);
	r->s.read = reader_read;
	r->s.rewind = reader_rewind;
	r->in = in;
	r->cd = cd;
	r->valid = valid && cd == (iconv_t)-1;
	r->leading = 1;
	for (size_t i = 0; i < ARRAY_LEN(boms); i++)
		if (strcmp(boms[i].name, name) == 0)
			r->bom = &boms[i];
	buf_init(&r->conv, 0);
	buf_init(&r->out, 0);
	buf_add(&r->conv, "", 0);       /* never a NULL buffer to copy from */
	buf_add(&r->out, "", 0);
	*out = r;
	return 0;
}

struct src *
charset_reader_src(struct charset_reader *r)
{
	return &r->s;
}

void
charset_reader_close(struct charset_reader *r)
{
	if (r == NULL)
		return;
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	buf_free(&r->conv);
	buf_free(&r->out);
	free(r);
}

int
charset_read_all(struct src *in, struct buf *out, struct err *e)
{
	char chunk[OUT_CHUNK];
	long got;

	while ((got = in->read(in, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)got);
	if (got < 0)
		return err_set(e, "%s", in->error);
	return 0;
}

int
charset_to_utf8(const char *buf, size_t len, const char *charset,
                char **out, size_t *outlen, struct err *e)
{
	struct src_mem m;
	struct charset_reader *r;
	struct buf b;

	if (charset_reader_open(&r, src_mem(&m, buf, len), charset, 0, e) < 0)
		return -1;
	buf_init(&b, 0);
	buf_add(&b, "", 0);
	charset_read_all(charset_reader_src(r), &b, NULL);
	charset_reader_close(r);
	*out = buf_steal(&b, outlen);
	return 0;
}
