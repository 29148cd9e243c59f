/* utf8.c: the one UTF-8 codec (see utf8.h). */
#include "config.h"

#include "utf8.h"

size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char b = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;
	uint32_t c;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xE1 && b != 0xED && b <= 0xEF && n >= 3 &&
	    (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {   /* CJK */
		*cp = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
		      (s[2] & 0x3F);
		return 3;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		c = b & 0x0F;
		lo = b == 0xE0 ? 0xA0 : 0x80;
		hi = b == 0xED ? 0x9F : 0xBF;
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		c = b & 0x07;
		lo = b == 0xF0 ? 0x90 : 0x80;
		hi = b == 0xF4 ? 0x8F : 0xBF;
	} else {
		*cp = UTF8_BAD;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*cp = UTF8_BAD;
			return i;
		}
		c = (c << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return need + 1;
}

size_t
utf8_valid_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;     /* Unicode's table 3-7 */
	size_t k;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < k || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < k; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	return k;
}

size_t
utf8_len(uint32_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

size_t
utf8_encode(uint32_t c, char out[4])
{
	size_t n;

	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	n = utf8_len(c);
	switch (n) {
	case 1:
		out[0] = (char)c;
		break;
	case 2:
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		break;
	case 3:
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		break;
	default:
		out[0] = (char)(0xF0 | c >> 18);
		out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[3] = (char)(0x80 | (c & 0x3F));
		break;
	}
	return n;
}

size_t
utf8_back(const char *str, size_t off)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = off - 1, lim = off > 4 ? off - 4 : 0;
	uint32_t cp;

	while (p > lim && (s[p] & 0xC0) == 0x80)
		p--;
	if (p + utf8_decode(str + p, off - p, &cp) == off)
		return p;
	return off - 1;
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += utf8_lead((unsigned char)s[i]);
	return n;
}

size_t
utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t chars = 0;

	for (size_t i = 0; i < len; i++)
		if (utf8_lead((unsigned char)s[i]) && chars++ == max)
			return i;
	return len;
}

size_t
utf8_whole(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = len, back = 0, need;
	unsigned char lead;

	while (i > 0 && back < 3 && (s[i - 1] & 0xC0) == 0x80) {
		i--;
		back++;
	}
	if (i == 0)
		return len;
	lead = s[i - 1];
	need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
	return need > back ? i - 1 : len;
}
