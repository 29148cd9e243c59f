/* charset.h: choosing a page's charset and converting it to UTF-8. */
#ifndef GX_CHARSET_H
#define GX_CHARSET_H

#include <stddef.h>
#include "util.h"

/* Picks the charset of a page: the HTTP Content-Type header (may be NULL),
 * then a BOM, then <meta charset> / <meta http-equiv> / <?xml encoding?>,
 * then UTF-8.  Bytes that are not UTF-8 although UTF-8 was declared or
 * nothing was: what ICU's detector says they are (KOI8-R, SHIFT_JIS,
 * EUC-KR...), GB18030 on a near tie.  Non-ASCII bytes that are all valid
 * UTF-8 are UTF-8, whatever was declared.  Writes a canonical name ("UTF-8",
 * "GB18030", ...) to name.  GB2312 and GBK are reported as GB18030. */
void charset_detect(const char *buf, size_t len, const char *content_type,
                    char *name, size_t namesz);

/* Where charset_detect_why() found the charset. */
enum charset_source {
	CHARSET_FROM_HEADER = 1,  /* the HTTP Content-Type header */
	CHARSET_FROM_BOM,
	CHARSET_FROM_META,        /* <meta> or <?xml encoding?> */
	CHARSET_FROM_BYTES,       /* undeclared; the detector read the bytes */
	CHARSET_FROM_DEFAULT,     /* undeclared: UTF-8 */
	CHARSET_FROM_OVERRIDE,    /* declared, but the bytes are something else */
};

/* charset_detect(), also saying where the answer came from. */
enum charset_source charset_detect_why(const char *buf, size_t len,
                                       const char *content_type,
                                       char *name, size_t namesz);

/* charset_detect_why() of a stream read to its end (and rewound): the
 * bytes are read once, whatever their size.  *valid (may be NULL): the
 * bytes are well-formed UTF-8, nothing to convert or clean. */
enum charset_source charset_detect_src(struct src *in, const char *content_type,
                                       char *name, size_t namesz, int *valid);

/* Converts buf from charset to UTF-8: a malloc'd, NUL-terminated result
 * with no BOM, invalid bytes replaced by U+FFFD.  Never truncates. */
int charset_to_utf8(const char *buf, size_t len, const char *charset,
                    char **out, size_t *outlen, struct err *e);

/* The same conversion a piece at a time, for a page too large to hold:
 * the reader's stream (charset_reader_src) gives the UTF-8 of in, from its
 * start again on rewind.  valid: in is known to be well-formed UTF-8 (a
 * charset_detect_src answer), given as it is. */
struct charset_reader;
int  charset_reader_open(struct charset_reader **out, struct src *in,
                         const char *charset, int valid, struct err *e);
struct src *charset_reader_src(struct charset_reader *r);
void charset_reader_close(struct charset_reader *r);
/* Appends everything in gives to out. */
int  charset_read_all(struct src *in, struct buf *out, struct err *e);

#endif
