/* utf8.h: the one UTF-8 codec: decoding (ill-formed input as Unicode's
 * maximal subparts), encoding, stepping back, counting and cutting at
 * code point boundaries.  No allocation, no locale. */
#ifndef GX_UTF8_H
#define GX_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* What utf8_decode gives for an ill-formed subpart. */
#define UTF8_BAD 0x110000u
#define UTF8_REPLACEMENT "\xef\xbf\xbd"        /* U+FFFD */

/* Decodes the code point at s (n > 0 bytes left) into *cp and returns its
 * length.  An ill-formed sequence gives UTF8_BAD for its maximal subpart
 * (Unicode's recommended practice, as ICU and iconv do), so every byte is
 * consumed once and a replacement stands for each broken sequence. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Length of the well-formed sequence at p (n > 0 bytes left), or 0
 * (overlong, surrogate, past U+10FFFF, cut short, a stray byte). */
size_t utf8_valid_len(const unsigned char *p, size_t n);

/* Writes cp to out and returns its length (1-4); a value that is no
 * Unicode scalar value (a surrogate, past U+10FFFF) becomes U+FFFD. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Bytes cp takes in UTF-8. */
size_t utf8_len(uint32_t cp);

/* Start of the code point that ends at off (off > 0): the last well-formed
 * sequence ending there, else the byte before off. */
size_t utf8_back(const char *s, size_t off);

/* Whether byte c starts a code point (is no continuation byte). */
static inline int
utf8_lead(unsigned char c)
{
	return (c & 0xC0) != 0x80;
}

/* Code points in s[0, len): its bytes that are no continuation bytes. */
size_t utf8_count(const char *s, size_t len);

/* Bytes of the first max code points of s[0, len). */
size_t utf8_prefix(const char *s, size_t len, size_t max);

/* len less a sequence cut short at the end of s (a capped buffer): a lead
 * byte followed by fewer continuation bytes than it needs.  Other broken
 * bytes stay, for whoever decodes them. */
size_t utf8_whole(const char *s, size_t len);

#endif
