/* charset.h: choosing a page's charset and converting it to UTF-8. */
#ifndef GX_CHARSET_H
#define GX_CHARSET_H

#include <stddef.h>
#include "util.h"

/* Picks the charset of a page: the HTTP Content-Type header (may be NULL),
 * then a BOM, then <meta charset> / <meta http-equiv> / <?xml encoding?>,
 * then UTF-8.  Writes a canonical name ("UTF-8", "GB18030", ...) to name.
 * GB2312 and GBK are reported as GB18030. */
void charset_detect(const char *buf, size_t len, const char *content_type,
                    char *name, size_t namesz);

/* Converts buf from charset to UTF-8: a malloc'd, NUL-terminated result
 * with no BOM, invalid bytes replaced by U+FFFD.  Never truncates. */
int charset_to_utf8(const char *buf, size_t len, const char *charset,
                    char **out, size_t *outlen, struct err *e);

#endif
