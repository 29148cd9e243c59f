/* test_charset.c: which charset a page is read in, and what the reader
 * gets after conversion. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "pieces.h"
#include "tap.h"
#include "utf8.h"
#include "util.h"

/* GBK bytes of 中国高新网 and of 朱镕基 喆 (镕 and 喆 are outside GB2312). */
#define GBK_ZGGXW "\xD6\xD0\xB9\xFA\xB8\xDF\xD0\xC2\xCD\xF8"
#define GBK_ZRJ   "\xD6\xEC\xE9\x46\xBB\xF9 \x86\xB4"
#define UTF8_ZGGXW "中国高新网"

static const struct detect_case {
	const char *what;
	const char *body;
	size_t len;                 /* 0: strlen(body) */
	const char *content_type;
	const char *want;
	enum charset_source from;
} detect_cases[] = {
	{ "the HTTP header beats a <meta>",
	  "<meta charset=\"utf-8\"><p>" GBK_ZGGXW, 0, "text/html; charset=GBK",
	  "GB18030", CHARSET_FROM_HEADER },
	{ "the HTTP header beats a BOM",
	  "\xEF\xBB\xBF<p>abc", 0, "text/html;charset=\"gb2312\"",
	  "GB18030", CHARSET_FROM_HEADER },
	{ "a header without charset leaves it to the page",
	  "<meta charset=big5><p>abc", 0, "text/html", "BIG5", CHARSET_FROM_META },
	{ "a UTF-8 BOM beats a <meta>",
	  "\xEF\xBB\xBF<meta charset=\"gb2312\"><p>" UTF8_ZGGXW, 0, NULL,
	  "UTF-8", CHARSET_FROM_BOM },
	{ "a UTF-16LE BOM", "\xFF\xFE<\0p\0>\0", 8, NULL, "UTF-16LE", CHARSET_FROM_BOM },
	{ "a UTF-16BE BOM", "\xFE\xFF\0<\0p\0>", 8, NULL, "UTF-16BE", CHARSET_FROM_BOM },
	{ "a header saying utf-16 lets the BOM tell the byte order",
	  "\xFE\xFF\0<\0p\0>", 8, "text/html; charset=utf-16", "UTF-16BE",
	  CHARSET_FROM_BOM },
	{ "<meta charset> unquoted, upper case",
	  "<HTML><HEAD><META CHARSET=GB2312></HEAD>", 0, NULL, "GB18030",
	  CHARSET_FROM_META },
	{ "<meta http-equiv> with content first",
	  "<meta content=\"text/html; charset=big5\" http-equiv=\"Content-Type\">",
	  0, NULL, "BIG5", CHARSET_FROM_META },
	{ "<meta http-equiv> in single quotes, x-gbk",
	  "<meta http-equiv='content-type' content='text/html;charset=x-gbk'/>",
	  0, NULL, "GB18030", CHARSET_FROM_META },
	{ "cp936 is GB18030", "<meta charset=\"cp936\">", 0, NULL, "GB18030",
	  CHARSET_FROM_META },
	{ "<?xml encoding?> of a feed",
	  "<?xml version=\"1.0\" encoding=\"GB2312\"?><rss>", 0, NULL, "GB18030",
	  CHARSET_FROM_META },
	{ "a <meta> inside a comment does not count",
	  "<!-- <meta charset=\"big5\"> --><meta charset=\"gbk\">", 0, NULL,
	  "GB18030", CHARSET_FROM_META },
	{ "a description mentioning charset is no declaration",
	  "<meta name=\"description\" content=\"charset=big5 explained\"><p>abc",
	  0, NULL, "UTF-8", CHARSET_FROM_DEFAULT },
	{ "an unknown charset name is ignored",
	  "<meta charset=\"no-such-charset\"><p>abc", 0, NULL, "UTF-8",
	  CHARSET_FROM_DEFAULT },
	{ "a page readable as ASCII saying utf-16 is UTF-8",
	  "<meta charset=\"utf-16\"><p>abc", 0, NULL, "UTF-8", CHARSET_FROM_META },
	{ "windows-1252 for latin1", "<meta charset=\"iso-8859-1\">caf\xE9", 0,
	  NULL, "WINDOWS-1252", CHARSET_FROM_META },
	{ "nothing declared, ASCII: UTF-8", "<p>hello</p>", 0, NULL, "UTF-8",
	  CHARSET_FROM_DEFAULT },
	{ "nothing declared, UTF-8 Chinese: UTF-8", "<p>" UTF8_ZGGXW "</p>", 0,
	  NULL, "UTF-8", CHARSET_FROM_DEFAULT },
	{ "nothing declared, GBK bytes: GB18030",
	  "<p>" GBK_ZGGXW " " GBK_ZRJ "</p>", 0, NULL, "GB18030",
	  CHARSET_FROM_BYTES },
	{ "<meta> says utf-8 but the bytes are GBK: GB18030",
	  "<meta charset=\"utf-8\"><p>" GBK_ZGGXW " " GBK_ZRJ "</p>", 0, NULL,
	  "GB18030", CHARSET_FROM_OVERRIDE },
	{ "<?xml?> says gb2312 but the bytes are UTF-8: UTF-8",
	  "<?xml version=\"1.0\" encoding=\"gb2312\"?><rss>" UTF8_ZGGXW, 0, NULL,
	  "UTF-8", CHARSET_FROM_OVERRIDE },
	{ "nothing declared, KOI8-R Russian: KOI8-R",
	  "<p>\xEE\xCF\xD7\xCF\xD3\xD4\xC9 \xCE\xC1\xD5\xCB\xC9: \xD5\xDE\xA3\xCE\xD9\xC5 "
	  "\xD7\xD0\xC5\xD2\xD7\xD9\xC5 \xD3\xC6\xCF\xD4\xCF\xC7\xD2\xC1\xC6\xC9\xD2\xCF\xD7\xC1\xCC\xC9 "
	  "\xD4\xC5\xCE\xD8 \xDE\xA3\xD2\xCE\xCF\xCA \xC4\xD9\xD2\xD9</p>", 0, NULL,
	  "KOI8-R", CHARSET_FROM_BYTES },
	/* ICU ranks these GB18030 bytes (遣爱、汀咳俊长。）胃惊《宛…) EUC-JP 80,
	 * GB18030 70: a near tie, which GB18030 wins on a Chinese reader. */
	{ "nothing declared, GB18030 just behind EUC-JP: GB18030",
	  "\xC7\xB2\xB0\xAE\xA1\xA2\xCD\xA1\xBF\xC8\xBF\xA1\xB3\xA4\xA1\xA3\xA3\xA9\xCE\xB8"
	  "\xBE\xAA\xA1\xB6\xCD\xF0\xA1\xA2\xD5\xA8\xD6\xAB\xB4\xEE\xB4\xAD\xC8\xBE\xD6\xCA"
	  "\xA3\xA9\xB0\xFE\xB5\xFC\xD4\xF1\xB0\xBA\xB8\xA9\xD5\xCE\xC1\xB6\xC2\xC8\xC7\xBB"
	  "\xBE\xD0", 0, NULL, "GB18030", CHARSET_FROM_BYTES },
	/* Bytes ICU's detector offers only UTF-16 for: the fallback counts the
	 * bad sequences, fewer read as GB18030 than as UTF-8. */
	{ "nothing declared, bytes the detector cannot place: the better fit, GB18030",
	  "\xff\x78\x30\xa3\x6d\x63\x7b\xe1\x82\x9a\x1c\xbd\x85\xb8\xb3\x6d", 0, NULL,
	  "GB18030", CHARSET_FROM_BYTES },
	{ "nothing declared, French in Latin-1: Latin, whatever its pairs",
	  "<p>Caf\xE9 cr\xE8me, cr\xEApes \xE0 la fran\xE7" "aise, na\xEFve d\xE9j\xE0 vu, "
	  "\xE9t\xE9 \xE0 No\xEBl, gar\xE7on, tr\xE8s s\xFBr, o\xF9 \xEAtes-vous ?</p>", 0, NULL,
	  "WINDOWS-1252", CHARSET_FROM_BYTES },
	{ "the header says utf-8 but the bytes are GBK: GB18030",
	  "<p>" GBK_ZGGXW "</p>", 0, "text/html; charset=UTF-8", "GB18030",
	  CHARSET_FROM_OVERRIDE },
	{ "UTF-8 Chinese with one stray byte stays UTF-8",
	  "<meta charset=\"utf-8\"><p>" UTF8_ZGGXW UTF8_ZGGXW "\xFF</p>", 0, NULL,
	  "UTF-8", CHARSET_FROM_META },
};

static void
test_detect(void)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(detect_cases); i++) {
		const struct detect_case *c = &detect_cases[i];
		size_t len = c->len ? c->len : strlen(c->body);
		char name[64] = "";
		enum charset_source from;

		from = charset_detect_why(c->body, len, c->content_type, name,
		                          sizeof name);
		is_str(name, c->want, "detect: %s", c->what);
		is_int(from, c->from, "detect: %s (reason)", c->what);
	}
}

/* Only the first 4 KB are searched for a declaration. */
static void
test_detect_window(void)
{
	struct buf b;
	char name[64];
	int i;

	buf_init(&b, 0);
	for (i = 0; i < 4200; i++)
		buf_add(&b, " ", 1);
	buf_adds(&b, "<meta charset=\"big5\">");
	charset_detect(b.data, b.len, NULL, name, sizeof name);
	is_str(name, "UTF-8", "detect: a <meta> after the first 4 KB is not read");
	buf_free(&b);
}

static const struct conv_case {
	const char *what;
	const char *in;
	size_t len;                 /* 0: strlen(in) */
	const char *charset;
	const char *want;
} conv_cases[] = {
	{ "GBK 镕 and 喆 declared as gb2312", GBK_ZRJ, 0, "gb2312", "朱镕基 喆" },
	{ "GBK declared as GBK", GBK_ZGGXW, 0, "GBK", UTF8_ZGGXW },
	{ "a bad GBK byte becomes U+FFFD, the rest stays",
	  "\xD6\xD0\xFF\xB9\xFA", 0, "GB18030", "中\xEF\xBF\xBD国" },
	{ "a GBK lead byte before a space", "\x81 abc", 0, "GB18030",
	  "\xEF\xBF\xBD abc" },
	{ "a GBK character cut at the end", "\xD6\xD0\xB9", 0, "GB18030",
	  "中\xEF\xBF\xBD" },
	{ "GB18030 four-byte sequence", "\x81\x30\x81\x30", 0, "GB18030", "\xC2\x80" },
	{ "GB18030 euro sign", "\xA2\xE3", 0, "GB18030", "€" },
	{ "Big5", "\xBB\x4F\xC6\x57\xB7\x73\xBB\x44", 0, "big5", "臺灣新聞" },
	{ "UTF-16LE, BOM dropped", "\xFF\xFE\x2D\x4E\x87\x65", 6, "UTF-16LE", "中文" },
	{ "UTF-16BE, BOM dropped", "\xFE\xFF\x4E\x2D\x65\x87", 6, "UTF-16BE", "中文" },
	{ "UTF-16LE odd last byte", "\x2D\x4E\x41", 3, "UTF-16LE",
	  "中\xEF\xBF\xBD" },
	{ "UTF-8, BOM dropped", "\xEF\xBB\xBF" "abc", 0, "UTF-8", "abc" },
	{ "UTF-8 bad bytes: one U+FFFD each", "a\xFF" "b\xE4\xB8" "c", 0, "utf-8",
	  "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c" },
	{ "UTF-8 surrogates are not UTF-8", "\xED\xA0\x80x", 0, "UTF-8",
	  "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx" },
	{ "no charset means UTF-8", "新闻", 0, NULL, "新闻" },
	{ "windows-1252", "caf\xE9 \x93q\x94", 0, "iso-8859-1", "café “q”" },
	{ "an empty page", "", 0, "GB18030", "" },
};

static void
test_convert(void)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(conv_cases); i++) {
		const struct conv_case *c = &conv_cases[i];
		size_t len = c->len ? c->len : strlen(c->in);
		char *out = NULL;
		size_t outlen = 0;
		struct err e;
		int rc;

		rc = charset_to_utf8(c->in, len, c->charset, &out, &outlen, &e);
		if (!is_int(rc, 0, "convert: %s succeeds", c->what))
			printf("#   %s\n", e.msg);
		is_str(out, c->want, "convert: %s", c->what);
		ok(out != NULL && outlen == strlen(out),
		   "convert: %s: length matches", c->what);
		free(out);
	}
}

static void
test_unknown(void)
{
	char *out = NULL;
	size_t outlen;
	struct err e = { "" };
	int rc;

	rc = charset_to_utf8("abc", 3, "x-klingon", &out, &outlen, &e);
	is_int(rc, -1, "convert: an unknown charset is an error");
	ok(strstr(e.msg, "x-klingon") != NULL, "convert: the error names the charset");
	free(out);
}

/* Whole pages from tests/fixtures/charset, made with Python's codecs. */
static const struct page_case {
	const char *file;
	const char *content_type;
	const char *want_charset;
	const char *what;
} page_cases[] = {
	{ "gb2312-gbk-chars.html", NULL, "GB18030",
	  "a gb2312 page with 镕 and 喆 reads whole" },
	{ "gbk-undeclared.html", "text/html", "GB18030",
	  "an undeclared GBK page reads as Chinese" },
	{ "gbk-wrong-meta.html", NULL, "GB18030",
	  "a GBK page whose <meta> says utf-8 reads as Chinese" },
	{ "gbk-invalid.html", NULL, "GB18030",
	  "a GBK page with broken bytes keeps everything after them" },
	{ "big5.html", NULL, "BIG5", "a Big5 page reads as Chinese" },
	{ "utf16le-bom.html", NULL, "UTF-16LE", "a UTF-16LE page" },
	{ "utf16be-bom.html", NULL, "UTF-16BE", "a UTF-16BE page" },
	{ "feed-gb2312.xml", "application/rss+xml", "GB18030",
	  "a gb2312 feed declared in <?xml?>" },
	{ "feed-gb-few-words.xml", "application/xml", "GB18030",
	  "an undeclared GB18030 feed with a few Chinese words (ICU: ISO-8859-1 first)" },
	{ "feed-gb-flashes.xml", "application/xml", "GB18030",
	  "an undeclared GB18030 feed of short flashes (ICU: EUC-KR 100, GB18030 87)" },
};

static char *
fixture(const char *name, size_t *len)
{
	char *path = xasprintf("%s/tests/fixtures/charset/%s", tap_srcdir(), name);
	char *data = NULL;
	struct err e;

	if (read_file(path, 1 << 20, &data, len, &e) < 0)
		printf("# %s\n", e.msg);
	free(path);
	return data;
}

static void
test_pages(void)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(page_cases); i++) {
		const struct page_case *c = &page_cases[i];
		int stem = (int)(strrchr(c->file, '.') - c->file);
		char *want_file = xasprintf("%.*s.utf8", stem, c->file);
		char *in, *want, *out = NULL;
		size_t inlen = 0, wantlen = 0, outlen = 0;
		char name[64] = "";

		in = fixture(c->file, &inlen);
		want = fixture(want_file, &wantlen);
		charset_detect(in ? in : "", inlen, c->content_type, name, sizeof name);
		is_str(name, c->want_charset, "%s: charset", c->what);
		charset_to_utf8(in ? in : "", inlen, name, &out, &outlen, NULL);
		ok(want != NULL && out != NULL && outlen == wantlen &&
		   memcmp(out, want, wantlen) == 0, "%s", c->what);
		free(want_file);
		free(in);
		free(want);
		free(out);
	}
}

/* A 1 MB undeclared GBK page converts whole, to the last byte. */
static void
test_big_page(void)
{
	static const char gbk[] = "<p>" GBK_ZGGXW " " GBK_ZRJ "</p>\n";
	static const char utf8[] = "<p>" UTF8_ZGGXW " 朱镕基 喆</p>\n";
	struct buf in, want;
	char name[64], *out = NULL;
	size_t outlen = 0;

	buf_init(&in, 0);
	buf_init(&want, 0);
	while (in.len < (1u << 20)) {
		buf_adds(&in, gbk);
		buf_adds(&want, utf8);
	}
	buf_adds(&in, "<p>the end</p>");
	buf_adds(&want, "<p>the end</p>");
	charset_detect(in.data, in.len, NULL, name, sizeof name);
	is_str(name, "GB18030", "a 1 MB undeclared GBK page is GB18030");
	charset_to_utf8(in.data, in.len, name, &out, &outlen, NULL);
	is_int(outlen, want.len, "a 1 MB page converts to the expected length");
	ok(out != NULL && memcmp(out, want.data, want.len) == 0,
	   "a 1 MB page converts whole, ending in 'the end'");
	free(out);
	buf_free(&in);
	buf_free(&want);
}

/* What converting UTF-8 did before pages were read in pieces: each byte
 * of no well-formed sequence as U+FFFD (utf8_valid_len). */
static void
clean_whole(const char *p, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n;) {
		size_t k = utf8_valid_len((const unsigned char *)p + i, n - i);

		buf_add(out, k > 0 ? p + i : UTF8_REPLACEMENT, k > 0 ? k : 3);
		i += k > 0 ? k : 1;
	}
}

/* Bytes near UTF-8: ASCII, CJK, 2- and 4-byte sequences, cut and broken
 * ones, surrogates, overlongs, a BOM or two. */
static void
noise(struct buf *b, unsigned *seed, size_t n)
{
	static const char *const parts[] = {
		"a", "<p>", " ", "中", "文", "é", "中文", "中文", "中文", "中文", "\xF0\x9F\x98\x80", "\xE4\xB8",
		"\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80", "\xFF", "\x80",
		"\xEF\xBB\xBF", "\xE0\x80\x80", "\xC2", "\xA4\xAB", "&amp;",
	};

	while (b->len < n) {
		*seed = *seed * 1103515245u + 12345u;
		buf_adds(b, parts[(*seed >> 16) % ARRAY_LEN(parts)]);
	}
}

/* Read in pieces, a page converts as it does whole, and as it did before
 * (UTF-8 cleaned byte by byte, legacy charsets by iconv). */
static void
test_stream(void)
{
	static const char *const charsets[] = { "UTF-8", "GB18030", "SHIFT_JIS", "UTF-16LE" };
	unsigned seed = 7;

	for (int round = 0; round < 40; round++) {
		struct buf in, want, got;
		struct charset_reader *r;
		struct pieces t;
		char *whole = NULL;
		size_t wlen = 0;
		const char *cs = charsets[round % ARRAY_LEN(charsets)];

		buf_init(&in, 0);
		buf_init(&want, 0);
		buf_init(&got, 0);
		if (round % 5 == 0)
			buf_adds(&in, "\xEF\xBB\xBF\xEF\xBB\xBF");
		noise(&in, &seed, 200 + (size_t)round * 37);
		charset_to_utf8(in.data, in.len, cs, &whole, &wlen, NULL);
		if (charset_reader_open(&r, pieces(&t, in.data, in.len), cs, 0, NULL) == 0) {
			charset_read_all(charset_reader_src(r), &got, NULL);
			charset_reader_close(r);
		}
		ok(got.len == wlen && memcmp(got.data, whole, wlen) == 0,
		   "round %d, %s: read in pieces of 1-7 bytes, the text is what converting it whole gives",
		   round, cs);
		if (strcmp(cs, "UTF-8") == 0) {
			size_t skip = 0;
			int valid = -1;
			char name[64];

			clean_whole(in.data, in.len, &want);
			charset_detect_src(pieces(&t, in.data, in.len), NULL, name, sizeof name, &valid);
			is_int(valid, want.len == in.len && memcmp(want.data, in.data, in.len) == 0,
			       "round %d: the bytes are said to be well-formed UTF-8 exactly when they are",
			       round);
			while (want.len - skip >= 3 && memcmp(want.data + skip, "\xEF\xBB\xBF", 3) == 0)
				skip += 3;
			ok(wlen == want.len - skip && memcmp(whole, want.data + skip, wlen) == 0,
			   "round %d: UTF-8 is cleaned byte by byte as before, leading BOMs dropped", round);
		}
		free(whole);
		buf_free(&in);
		buf_free(&want);
		buf_free(&got);
	}
}

/* Detection reads a page in pieces as it reads it whole, and says when
 * the bytes are well-formed UTF-8 (nothing to clean). */
static void
test_detect_stream(void)
{
	static const struct {
		const char *what, *body, *ctype, *want;
		int valid;
	} cases[] = {
		{ "valid UTF-8 Chinese", "<p>中国高新网，高新技术。</p>", NULL, "UTF-8", 1 },
		{ "a stray byte in UTF-8", "<p>中国\xFF高新网，高新技术。</p>", NULL, "UTF-8", 0 },
		{ "undeclared GBK", "<p>" GBK_ZGGXW GBK_ZGGXW GBK_ZRJ "</p>", NULL, "GB18030", 0 },
		{ "declared GBK that is UTF-8", "<meta charset=gbk><p>中国高新网</p>", NULL, "UTF-8", 1 },
		{ "a header", "<p>abc</p>", "text/html; charset=big5", "BIG5", 1 },
		{ "an overlong three-byte sequence", "<p>中国\xE0\x80\x80高新网</p>", NULL, "UTF-8", 0 },
		{ "a surrogate", "<p>中国\xED\xA0\x80高新网</p>", NULL, "UTF-8", 0 },
		{ "past U+10FFFF", "<p>中国\xF4\x90\x80\x80高新网</p>", NULL, "UTF-8", 0 },
		{ "an overlong two-byte sequence", "<p>中国\xC0\xAF高新网</p>", NULL, "UTF-8", 0 },
		{ "a sequence cut at the end", "<p>中国高新网\xE4\xB8", NULL, "UTF-8", 0 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char whole[64], piece[64];
		struct pieces t;
		int valid = -1;

		charset_detect(cases[i].body, strlen(cases[i].body), cases[i].ctype,
		               whole, sizeof whole);
		charset_detect_src(pieces(&t, cases[i].body, strlen(cases[i].body)),
		                   cases[i].ctype, piece, sizeof piece, &valid);
		is_str(piece, cases[i].want, "%s: read in pieces", cases[i].what);
		is_str(piece, whole, "%s: as read whole", cases[i].what);
		is_int(valid, cases[i].valid, "%s: well-formed UTF-8 or not", cases[i].what);
	}
}

int
main(void)
{
	test_detect();
	test_detect_window();
	test_convert();
	test_unknown();
	test_pages();
	test_big_page();
	test_stream();
	test_detect_stream();
	return done_testing();
}
