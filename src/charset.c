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

static struct tally
tally(const char *buf, size_t len, size_t (*seq)(const unsigned char *, size_t))
{
	const unsigned char *p = (const unsigned char *)buf;
	struct tally t = { 0, 0 };
	size_t i = 0, k;

	while (i < len) {
		k = seq(p + i, len - i);
		if (k == 0) {
			t.bad++;
			k = 1;
		} else if (k > 1) {
			t.multi++;
		}
		i += k;
	}
	return t;
}

/* The bytes are not UTF-8: they break UTF-8 more often than they follow
 * it.  A UTF-8 page with a stray byte or two stays UTF-8. */
static int
not_utf8(const char *buf, size_t len)
{
	struct tally u = tally(buf, len, utf8_valid_len);

	return u.bad > 0 && u.bad > u.multi;
}

/* Bytes declared in another charset are UTF-8 all the same (a CMS
 * template saying gb2312 over UTF-8 text): non-ASCII text in them (a BOM
 * alone is none), all of it valid UTF-8, which text in a legacy charset
 * almost never is. */
static int
surely_utf8(const char *buf, size_t len)
{
	size_t bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	struct tally u = tally(buf + bom, len - bom, utf8_valid_len);

	return u.bad == 0 && u.multi > 0;
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
	return longest >= 4 && tally(buf, len, gb18030_seq).bad == 0;
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
guess(const char *buf, size_t len, char *name, size_t namesz)
{
	if (detected(buf, len, name, namesz))
		return strcmp(name, "UTF-8") != 0;
	if (tally(buf, len, gb18030_seq).bad < tally(buf, len, utf8_valid_len).bad) {
		snprintf(name, namesz, "GB18030");
		return 1;
	}
	return 0;
}

enum charset_source
charset_detect_why(const char *buf, size_t len, const char *content_type,
                   char *name, size_t namesz)
{
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
	if (strcmp(name, "UTF-8") == 0 && not_utf8(buf, len) &&
	    guess(buf, len, name, namesz)) {
		src = src == CHARSET_FROM_DEFAULT ? CHARSET_FROM_BYTES
		                                  : CHARSET_FROM_OVERRIDE;
	} else if (strcmp(name, "UTF-8") != 0 && !str_starts(name, "UTF-16") &&
	           surely_utf8(buf, len)) {
		snprintf(name, namesz, "UTF-8");
		src = CHARSET_FROM_OVERRIDE;
	}
	return src;
}

void
charset_detect(const char *buf, size_t len, const char *content_type,
               char *name, size_t namesz)
{
	charset_detect_why(buf, len, content_type, name, namesz);
}

/* ---- conversion ------------------------------------------------------ */

/* UTF-8 to UTF-8: copy what is valid, U+FFFD for each bad byte. */
static void
utf8_clean(const char *buf, size_t len, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = 0, start = 0, k;

	while (i < len) {
		k = utf8_valid_len(p + i, len - i);
		if (k > 0) {
			i += k;
			continue;
		}
		buf_add(out, buf + start, i - start);
		buf_add(out, REPLACEMENT, 3);
		i++;
		start = i;
	}
	buf_add(out, buf + start, len - start);
}

static int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < len) {
		k = utf8_valid_len(p + i, len - i);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

/* What an iconv converter gave is not UTF-8 after all (a charset iconv
 * takes for UTF-8 passes bad bytes through): clean it too, so the result
 * is always valid UTF-8. */
static void
utf8_reclean(struct buf *b)
{
	struct buf clean;

	buf_init(&clean, 0);
	utf8_clean(b->data, b->len, &clean);
	buf_free(b);
	*b = clean;
}

static void
iconv_all(iconv_t cd, const char *buf, size_t len, struct buf *out)
{
	char chunk[OUT_CHUNK];
	char *in = (char *)buf, *o;
	size_t inleft = len, oleft;
	size_t rc;

	while (inleft > 0) {
		o = chunk;
		oleft = sizeof chunk;
		rc = iconv(cd, &in, &inleft, &o, &oleft);
		buf_add(out, chunk, sizeof chunk - oleft);
		if (rc != (size_t)-1 || errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL for a sequence cut short at the end. */
		buf_add(out, REPLACEMENT, 3);
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	o = chunk;
	oleft = sizeof chunk;
	iconv(cd, NULL, NULL, &o, &oleft);
	buf_add(out, chunk, sizeof chunk - oleft);
}

static size_t
bom_len(const char *buf, size_t len, const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(boms); i++)
		if (strcmp(boms[i].name, name) == 0 && len >= boms[i].len &&
		    memcmp(buf, boms[i].bytes, boms[i].len) == 0)
			return boms[i].len;
	return 0;
}

int
charset_to_utf8(const char *buf, size_t len, const char *charset,
                char **out, size_t *outlen, struct err *e)
{
	const struct alias *a = alias_find(str_empty(charset) ? "utf-8" : charset);
	const char *from = a != NULL ? a->iconv : charset;
	const char *name = a != NULL ? a->name : charset;
	struct buf b;
	iconv_t cd;
	size_t skip;

	skip = bom_len(buf, len, name);
	buf += skip;
	len -= skip;
	buf_init(&b, 0);
	if (strcmp(from, "UTF-8") == 0) {
		utf8_clean(buf, len, &b);
	} else {
		cd = iconv_open("UTF-8", from);
		if (cd == (iconv_t)-1)
			return err_set(e, _("unknown character set %s"), charset);
		iconv_all(cd, buf, len, &b);
		iconv_close(cd);
		if (!utf8_valid(b.data, b.len))
			utf8_reclean(&b);
	}
	*out = buf_steal(&b, outlen);
	/* Every leading BOM: a page may repeat it (found by fuzzing). */
	while (*outlen >= 3 && memcmp(*out, "\xEF\xBB\xBF", 3) == 0) {
		memmove(*out, *out + 3, *outlen - 2);
		*outlen -= 3;
	}
	return 0;
}
