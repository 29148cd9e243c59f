/* fuzz.h: the fuzz targets' entry points and the properties they check.
 *
 * Each tests/fuzz/fuzz_NAME.c defines int fuzz_NAME(data, size) and, unless
 * GX_FUZZ_NO_MAIN is defined, libFuzzer's LLVMFuzzerTestOneInput calling it.
 * tests/unit/test_fuzz_regress.c links them all with GX_FUZZ_NO_MAIN and
 * replays every file of tests/fuzz/regress/NAME and tests/fuzz/corpus/NAME,
 * so `make check` (gcc, no libFuzzer) keeps each crash found fixed. */
#ifndef GX_FUZZ_H
#define GX_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <locale.h>
#include <stdlib.h>

int fuzz_feed(const uint8_t *data, size_t size);
int fuzz_site(const uint8_t *data, size_t size);
int fuzz_render(const uint8_t *data, size_t size);
int fuzz_charset(const uint8_t *data, size_t size);
int fuzz_text(const uint8_t *data, size_t size);
int fuzz_profile(const uint8_t *data, size_t size);
int fuzz_conf(const uint8_t *data, size_t size);
int fuzz_zhscript(const uint8_t *data, size_t size);
int fuzz_jpeg(const uint8_t *data, size_t size);
int fuzz_png(const uint8_t *data, size_t size);
int fuzz_webp(const uint8_t *data, size_t size);
int fuzz_gif(const uint8_t *data, size_t size);
int fuzz_query(const uint8_t *data, size_t size);

/* A broken property: under libFuzzer an abort (a crash it keeps); in the
 * replay test a count the test reports. */
#ifdef GX_FUZZ_NO_MAIN
extern int fuzz_failures;
#define FUZZ_CHECK(cond, what) do { \
	if (!(cond)) { \
		fuzz_failures++; \
		printf("#   %s:%d: %s\n", __FILE__, __LINE__, (what)); \
	} \
} while (0)
#else
#define FUZZ_CHECK(cond, what) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, \
		        __LINE__, (what)); \
		abort(); \
	} \
} while (0)
#endif

#define FUZZ_ENTRY(name) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) \
	{ \
		return fuzz_##name(data, size); \
	}

/* The reader runs in a UTF-8 locale; so do the targets. */
static inline void
fuzz_locale(void)
{
	static int done;

	if (!done && setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	done = 1;
}

/* The source tree (data/sites/…): $top_srcdir, else GX_FUZZ_SRCDIR. */
#ifndef GX_FUZZ_SRCDIR
#define GX_FUZZ_SRCDIR "."
#endif
static inline const char *
fuzz_srcdir(void)
{
	const char *s = getenv("top_srcdir");

	return s && *s ? s : GX_FUZZ_SRCDIR;
}

/* A NUL-terminated copy of the input (the parsers get length and bytes,
 * but some callers pass C strings). */
static inline char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	for (size_t i = 0; i < size; i++)
		s[i] = (char)data[i];
	s[size] = '\0';
	return s;
}

/* The bytes as the parsers get them from the fetcher: through
 * charset_to_utf8 (invalid UTF-8 becomes U+FFFD), NUL-terminated. */
char *fuzz_clean_utf8(const uint8_t *data, size_t size, size_t *len);

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, surrogates, or code
 * points past U+10FFFF). */
static inline int
fuzz_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i];
		size_t n;
		unsigned lo = 0x80, hi = 0xBF;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3;
		else
			return 0;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		else if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		if (i + n >= len)
			return 0;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return 0;
		for (size_t k = 2; k <= n; k++)
			if (p[i + k] < 0x80 || p[i + k] > 0xBF)
				return 0;
		i += n + 1;
	}
	return 1;
}

/* 1 if s holds nothing a terminal would act on: no C0 control (but those
 * in keep, e.g. "\n\t"), no DEL, no C1 control (U+0080-U+009F), no bidi
 * override or isolate (U+202A-202E, U+2066-2069), no U+200E/F, U+061C. */
static inline int
fuzz_no_controls(const char *s, size_t len, const char *keep)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len; i++) {
		unsigned c = p[i];

		if ((c < 0x20 || c == 0x7F)) {
			const char *k = keep;

			while (*k && (unsigned char)*k != c)
				k++;
			if (*k == '\0')
				return 0;
		}
		if (c == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
			return 0;
		if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
		    ((p[i + 2] >= 0xAA && p[i + 2] <= 0xAE) ||
		     p[i + 2] == 0x8E || p[i + 2] == 0x8F))
			return 0;
		if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x81 &&
		    p[i + 2] >= 0xA6 && p[i + 2] <= 0xA9)
			return 0;
		if (c == 0xD8 && i + 1 < len && p[i + 1] == 0x9C)
			return 0;
	}
	return 1;
}

#endif
