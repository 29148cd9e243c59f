/* fuzz_common.c: what the fuzz targets share. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
#include "charset.h"

char *
fuzz_clean_utf8(const uint8_t *data, size_t size, size_t *len)
{
	char *out = NULL;
	struct err e = { "" };

	if (charset_to_utf8((const char *)data, size, "UTF-8", &out, len, &e) != 0) {
		fprintf(stderr, "fuzz: charset_to_utf8 failed: %s\n", e.msg);
		abort();
	}
	return out;
}
