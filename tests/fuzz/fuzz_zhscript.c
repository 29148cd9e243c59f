/* fuzz_zhscript.c: Simplified/Traditional conversion on hostile text.  The
 * first byte picks the script (bits 0-1) and the width (1..64, bits 2-7);
 * the rest is the text, as it comes (a title, a paragraph, a query).
 * Checks: valid UTF-8 in gives valid UTF-8 out; ASCII is never changed
 * (links' [N], URLs and escape codes stay for the sanitizer); sanitized,
 * converted and wrapped text is clean and no line is wider than the width
 * but one cluster; a query's first form is the query as typed. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
#include "text.h"
#include "zhscript.h"

static struct zh *z;    /* OpenCC's dictionaries load once */

/* The ASCII bytes of s, in order. */
static char *
ascii_of(const char *s, size_t len)
{
	char *a = malloc(len + 1);
	size_t n = 0;

	if (a == NULL)
		abort();
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x80 && s[i] != '\0')
			a[n++] = s[i];
	a[n] = '\0';
	return a;
}

static void
check_convert(int script, const char *s, size_t len)
{
	size_t cut = strnlen(s, len);      /* a C string ends at a NUL */
	char *out = zh_convert(z, script, s, cut);
	size_t n = strlen(out);
	char *ain = ascii_of(s, cut), *aout = ascii_of(out, n);

	if (fuzz_utf8_valid(s, cut))
		FUZZ_CHECK(fuzz_utf8_valid(out, n), "valid UTF-8 converts to valid UTF-8");
	FUZZ_CHECK(strcmp(ain, aout) == 0, "conversion leaves ASCII as it was");
	FUZZ_CHECK((cut == 0) == (n == 0), "only empty text converts to empty text");
	free(ain);
	free(aout);
	free(out);
}

static void
check_layout(int script, const char *s, size_t len, int width)
{
	char *clean = text_sanitize(s, len, TEXT_KEEP_NL);
	struct text_lines l = { 0 };

	zh_convert_in_place(z, script, &clean);
	FUZZ_CHECK(fuzz_utf8_valid(clean, strlen(clean)), "sanitized, converted text is UTF-8");
	FUZZ_CHECK(fuzz_no_controls(clean, strlen(clean), "\n"),
	           "sanitized, converted text holds no control");
	if (text_wrap(clean, strlen(clean), width, TEXT_INDENT, &l) == 0)
		FUZZ_CHECK(l.n >= 1, "converted text wraps to at least one line");
	for (size_t i = 0; i < l.n; i++) {
		size_t n = strlen(l.v[i]);

		FUZZ_CHECK(text_width(l.v[i], n) <= width ||
		           text_cluster_next(l.v[i], n, 0) == n,
		           "no converted line wider than the width but one cluster");
	}
	text_lines_free(&l);
	free(clean);
}

static void
check_query(int script, const char *q)
{
	char *forms[ZH_MAX_FORMS];
	size_t n = zh_query_forms(z, script, q, forms);
	char *simple = zh_to_simplified(z, script, q);

	FUZZ_CHECK(n >= 1 && n <= ZH_MAX_FORMS, "a query has 1 to 3 forms");
	FUZZ_CHECK(n >= 1 && strcmp(forms[0], q) == 0, "the first form is the query as typed");
	for (size_t i = 0; i < n; i++) {
		if (fuzz_utf8_valid(q, strlen(q)))
			FUZZ_CHECK(fuzz_utf8_valid(forms[i], strlen(forms[i])),
			           "a valid query's forms are valid UTF-8");
		for (size_t k = 0; k < i; k++)
			FUZZ_CHECK(strcmp(forms[i], forms[k]) != 0, "no form twice");
	}
	for (size_t i = 0; i < n; i++)
		free(forms[i]);
	free(simple);
}

int
fuzz_zhscript(const uint8_t *data, size_t size)
{
	int script, width;
	char *s;

	fuzz_locale();
	if (size < 1)
		return 0;
	if (z == NULL)
		z = zh_new();
	script = data[0] & 3;
	width = 1 + (data[0] >> 2);
	s = fuzz_strndup(data + 1, size - 1);
	check_convert(script, s, size - 1);
	check_layout(script, s, size - 1, width);
	check_query(script, s);
	free(s);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(zhscript)
#endif
