/* fuzz_text.c: text layout on hostile text.  The first byte picks the
 * width (1..128), the second the flags; the rest is the text.  Checks what
 * the pager relies on: sanitized output is valid UTF-8 with no control a
 * terminal would act on; no wrapped line is wider than the width unless it
 * is one cluster; text_cell is exactly cols wide; text_fit fits. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
#include "htmltext.h"
#include "text.h"
#include "utf8.h"

static void
check_sanitize(const char *s, size_t len, int flags)
{
	char *out = text_sanitize(s, len, flags);
	size_t n = strlen(out);
	const char *keep = (flags & TEXT_KEEP_NL) ?
	                   ((flags & TEXT_KEEP_TAB) ? "\n\t" : "\n") :
	                   ((flags & TEXT_KEEP_TAB) ? "\t" : "");

	FUZZ_CHECK(fuzz_utf8_valid(out, n), "text_sanitize gives valid UTF-8");
	FUZZ_CHECK(fuzz_no_controls(out, n, keep),
	           "text_sanitize leaves no C0/C1/ESC/DEL/bidi control");
	free(out);
}

static void
check_wrap(const char *s, size_t len, int width, int flags)
{
	struct text_lines l = { 0 };

	if (text_wrap(s, len, width, flags, &l) == 0)
		FUZZ_CHECK(l.n >= 1, "text_wrap gives at least one line");
	for (size_t i = 0; i < l.n; i++) {
		size_t n = strlen(l.v[i]);
		int w = text_width(l.v[i], n);

		FUZZ_CHECK(fuzz_utf8_valid(l.v[i], n), "wrapped line is valid UTF-8");
		FUZZ_CHECK(fuzz_no_controls(l.v[i], n, ""),
		           "wrapped line holds no control");
		FUZZ_CHECK(w <= width || text_cluster_next(l.v[i], n, 0) == n,
		           "no wrapped line wider than the width but one cluster");
	}
	text_lines_free(&l);
}

static void
check_cell(const char *s, size_t len, int cols, int flags)
{
	char *c = text_cell(s, cols, flags);
	size_t n = strlen(c);
	int used = -1;
	size_t fit = text_fit(s, len, cols, &used);

	FUZZ_CHECK(text_width(c, n) == cols, "text_cell is exactly cols wide");
	FUZZ_CHECK(fuzz_utf8_valid(c, n), "text_cell gives valid UTF-8");
	FUZZ_CHECK(fuzz_no_controls(c, n, ""), "text_cell holds no control");
	FUZZ_CHECK(fit <= len, "text_fit stays inside the string");
	FUZZ_CHECK(used >= 0 && used <= cols, "text_fit fits in cols");
	free(c);
}

static void
check_clusters(const char *s, size_t len)
{
	size_t off = 0, steps = 0;

	while (off < len && steps++ < 4096) {
		size_t next = text_cluster_next(s, len, off);

		FUZZ_CHECK(next > off && next <= len, "cluster_next moves forward");
		if (next <= off || next > len)
			return;
		FUZZ_CHECK(text_cluster_prev(s, len, next) == off,
		           "cluster_prev goes back to where cluster_next came from");
		off = next;
	}
}

/* The codec: every byte decoded once; whole text stays whole. */
static void
check_utf8(const char *s, size_t len)
{
	size_t chars = 0, whole = utf8_whole(s, len);

	for (size_t i = 0; i < len; ) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		FUZZ_CHECK(n >= 1 && n <= len - i, "utf8_decode consumes 1..rest bytes");
		FUZZ_CHECK(cp != UTF8_BAD || n <= 3, "a bad subpart is at most 3 bytes");
		i += n;
		chars++;
	}
	FUZZ_CHECK(whole <= len && len - whole <= 3, "utf8_whole drops at most a cut sequence");
	FUZZ_CHECK(utf8_prefix(s, len, utf8_count(s, len)) == len,
	           "the prefix of all code points is all of it");
	(void)chars;
}

/* HTML to text as the search index and feeds use it: any bytes, no
 * more characters than asked for. */
static void
check_htmltext(const char *s, size_t len, size_t max)
{
	struct buf b;
	int cut;
	size_t chars = 0;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	htmltext(&b, s, len, max, &cut);
	for (size_t i = 0; i < b.len; i++)      /* block tags add uncounted spaces */
		chars += b.data[i] != ' ' && utf8_lead((unsigned char)b.data[i]);
	FUZZ_CHECK(chars <= max, "htmltext keeps to max characters");
	buf_free(&b);
}

int
fuzz_text(const uint8_t *data, size_t size)
{
	int width, flags;
	char *s;
	size_t len;

	fuzz_locale();
	if (size < 2)
		return 0;
	width = 1 + data[0] % 128;
	flags = data[1];
	s = fuzz_strndup(data + 2, size - 2);
	len = size - 2;
	text_set_ambiguous_width(flags & 0x80 ? 2 : 1);
	check_sanitize(s, len, flags & 3);
	check_wrap(s, len, width, flags & 4 ? TEXT_INDENT : 0);
	check_cell(s, len, width - 1, (flags >> 3) & 3);
	check_clusters(s, len);
	check_utf8(s, len);
	check_htmltext(s, len, (size_t)width);
	(void)text_width(s, len);
	if (flags & 0x40) {
		size_t off[64];

		(void)text_breaks(s, len, off, sizeof off / sizeof off[0]);
	}
	free(s);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(text)
#endif
