/* fuzz_charset.c: charset detection and conversion on hostile bytes.  The
 * first byte picks an HTTP Content-Type (none, or the input's first line)
 * and a charset to force; the rest is the page.  Checks: the name is a
 * NUL-terminated string; the conversion gives valid UTF-8 of the length it
 * says, with no BOM. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
#include "charset.h"
#include "pieces.h"

static const char *const forced[] = {
	NULL, "UTF-8", "GB18030", "BIG5", "UTF-16LE", "UTF-16BE", "ISO-8859-1",
	"SHIFT_JIS", "no-such-charset",
};

/* Read in pieces of a few bytes, the page converts as it does whole; and
 * bytes detection calls well-formed UTF-8 come through as they are. */
static void
pieces_same(const char *buf, size_t len, const char *cs, const char *out, size_t outlen)
{
	struct charset_reader *r;
	struct pieces t;
	struct buf got;
	char name[64];
	int valid = 0;

	buf_init(&got, 0);
	if (charset_reader_open(&r, pieces(&t, buf, len), cs, 0, NULL) == 0) {
		charset_read_all(charset_reader_src(r), &got, NULL);
		charset_reader_close(r);
		FUZZ_CHECK(got.len == outlen && memcmp(got.data ? got.data : "", out, outlen) == 0,
		           "read in pieces, the page converts as it does whole");
	}
	charset_detect_src(pieces(&t, buf, len), NULL, name, sizeof name, &valid);
	if (valid && strcmp(name, "UTF-8") == 0 && cs != NULL && strcmp(cs, "UTF-8") == 0) {
		size_t skip = 0;

		while (len - skip >= 3 && memcmp(buf + skip, "\xEF\xBB\xBF", 3) == 0)
			skip += 3;
		FUZZ_CHECK(outlen == len - skip && memcmp(out, buf + skip, outlen) == 0,
		           "well-formed UTF-8 comes through as it is");
	}
	buf_free(&got);
}

static void
convert(const char *buf, size_t len, const char *cs)
{
	char *out = NULL;
	size_t outlen = 0;
	struct err e = { "" };

	if (charset_to_utf8(buf, len, cs, &out, &outlen, &e) != 0) {
		FUZZ_CHECK(e.msg[0] != '\0', "a failed conversion says why");
		free(out);
		return;
	}
	FUZZ_CHECK(out != NULL, "a conversion gives a string");
	if (out == NULL)
		return;
	FUZZ_CHECK(out[outlen] == '\0', "the result is NUL-terminated");
	FUZZ_CHECK(fuzz_utf8_valid(out, outlen), "the result is valid UTF-8");
	FUZZ_CHECK(outlen < 3 || memcmp(out, "\xEF\xBB\xBF", 3) != 0,
	           "the result has no BOM");
	pieces_same(buf, len, cs, out, outlen);
	free(out);
}

int
fuzz_charset(const uint8_t *data, size_t size)
{
	char name[64];
	char *ctype = NULL;
	const char *buf;
	size_t len;
	unsigned sel;

	fuzz_locale();
	if (size < 1)
		return 0;
	sel = data[0];
	buf = (const char *)data + 1;
	len = size - 1;
	if (sel & 1) {
		const char *nl = memchr(buf, '\n', len);
		size_t n = nl ? (size_t)(nl - buf) : len;

		ctype = fuzz_strndup((const uint8_t *)buf, n);
		buf += nl ? n + 1 : n;
		len -= nl ? n + 1 : n;
	}
	memset(name, 'x', sizeof name);
	charset_detect(buf, len, ctype, name, sizeof name);
	FUZZ_CHECK(memchr(name, '\0', sizeof name) != NULL,
	           "the charset name is NUL-terminated");
	name[sizeof name - 1] = '\0';
	(void)charset_detect_why(buf, len, ctype, name, sizeof name);
	convert(buf, len, name);
	if (forced[(sel >> 1) % (sizeof forced / sizeof forced[0])] != NULL)
		convert(buf, len, forced[(sel >> 1) % (sizeof forced / sizeof forced[0])]);
	free(ctype);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(charset)
#endif
