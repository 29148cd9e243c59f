/* Unit tests: utf8 (the one UTF-8 codec). */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "utf8.h"
#include "util.h"

/* Decoding: each input as code points, an ill-formed maximal subpart as
 * UTF8_BAD ("!"), written back as U+XXXX words. */
static const struct {
	const char *name, *in, *want;
} decodes[] = {
	{ "ASCII",                          "a",                  "U+0061" },
	{ "a CJK character",                "中",                 "U+4E2D" },
	{ "a character outside the BMP",    "😀",                 "U+1F600" },
	{ "two bytes",                      "é",                  "U+00E9" },
	{ "an overlong NUL is one bad byte, then one bad byte",
	                                    "\xc0\x80",           "! !" },
	{ "a surrogate is three bad bytes", "\xed\xa0\x80",       "! ! !" },
	{ "a sequence cut short is one replacement",
	                                    "\xe4\xb8" "a",       "! U+0061" },
	{ "past U+10FFFF",                  "\xf4\x90\x80\x80",   "! ! ! !" },
	{ "a stray continuation byte",      "\x80" "a",           "! U+0061" },
	{ "a 4-byte sequence cut short",    "\xf0\x9f\x98",       "!" },
};

static void
decode_words(const char *s, char *out, size_t outsz)
{
	size_t len = strlen(s), o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < len; ) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp == UTF8_BAD)
			o += (size_t)snprintf(out + o, outsz - o, "%s!", o ? " " : "");
		else
			o += (size_t)snprintf(out + o, outsz - o, "%sU+%04X", o ? " " : "",
			                      (unsigned)cp);
		i += n;
	}
}

static void
test_decode(void)
{
	char got[128];

	for (size_t i = 0; i < ARRAY_LEN(decodes); i++) {
		decode_words(decodes[i].in, got, sizeof got);
		is_str(got, decodes[i].want, "decode: %s", decodes[i].name);
	}
	is_int(utf8_valid_len((const unsigned char *)"中", 3), 3, "中 is well-formed");
	is_int(utf8_valid_len((const unsigned char *)"中", 2), 0, "cut short it is not");
}

static void
test_encode(void)
{
	static const uint32_t cps[] = { 0x41, 0xE9, 0x4E2D, 0x1F600, 0x10FFFF };
	char u[4];

	for (size_t i = 0; i < ARRAY_LEN(cps); i++) {
		uint32_t back;
		size_t n = utf8_encode(cps[i], u);

		ok(n == utf8_len(cps[i]) && utf8_decode(u, n, &back) == n && back == cps[i],
		   "U+%04X encodes and decodes back", (unsigned)cps[i]);
	}
	ok(utf8_encode(0xD800, u) == 3 && memcmp(u, UTF8_REPLACEMENT, 3) == 0,
	   "a surrogate is written as U+FFFD");
	ok(utf8_encode(0x110000, u) == 3 && memcmp(u, UTF8_REPLACEMENT, 3) == 0,
	   "past U+10FFFF is written as U+FFFD");
}

static void
test_steps(void)
{
	const char *s = "a中😀";

	is_int(utf8_back(s, 8), 4, "back over a 4-byte sequence");
	is_int(utf8_back(s, 4), 1, "back over a CJK character");
	is_int(utf8_back(s, 1), 0, "back over ASCII");
	is_int(utf8_back("\x80\x80", 2), 1, "back over stray continuation bytes: one byte");
	is_int(utf8_count(s, strlen(s)), 3, "three code points");
	is_int(utf8_prefix(s, strlen(s), 2), 4, "the first two code points are 4 bytes");
	is_int(utf8_prefix(s, strlen(s), 9), strlen(s), "more than there are: all of it");
	is_int(utf8_whole("a\xe4\xb8", 3), 1, "a sequence cut short at the end goes");
	is_int(utf8_whole("a中", 4), 4, "a whole one stays");
	is_int(utf8_whole("a\xf0\x9f\x98", 4), 1, "a 4-byte one cut short goes");
	is_int(utf8_whole("\xe3\x80\x8a\xaf", 4), 4,
	       "a whole one and a stray byte: nothing was cut short, nothing goes");
	is_int(utf8_whole("\x80\x80\x80\x80", 4), 4, "stray bytes alone stay");
}

int
main(void)
{
	test_decode();
	test_encode();
	test_steps();
	return done_testing();
}
