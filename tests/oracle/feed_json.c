/* feed_json: reads feed files as gxnews reads a download (charset chosen
 * from the Content-Type header, BOM, declaration or the bytes, converted to
 * UTF-8, then feed_parse) and prints what it made of each as one JSON line:
 *   {"file": ..., "ok": true, "charset": ..., "format": ..., "title": ...,
 *    "entries": [{"title", "url", "time", "author", "summary"}, ...]}
 * or {"file": ..., "ok": false, "error": ...}.  tests/oracle/oracle.py
 * compares this with Python's feedparser.
 *
 *   feed_json [--base URL] [--content-type VALUE] FILE...
 * --base is the URL the file was fetched from (relative links resolve
 * against it); it and --content-type apply to the files after them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "feed.h"
#include "util.h"

#define FILE_MAX (64u << 20)

static void
field(struct buf *b, const char *name, const char *value)
{
	buf_addf(b, ", \"%s\": ", name);
	buf_add_json(b, value);
}

static void
entries(struct buf *b, const struct feed *f)
{
	buf_adds(b, ", \"entries\": [");
	for (size_t i = 0; i < f->items.n; i++) {
		const struct item *it = &f->items.v[i];

		buf_addf(b, "%s{\"time\": %lld", i ? ", " : "", (long long)it->time);
		field(b, "title", it->title);
		field(b, "url", it->url);
		field(b, "date", it->date);
		field(b, "author", f->articles[i].author);
		field(b, "summary", it->summary);
		buf_adds(b, "}");
	}
	buf_adds(b, "]");
}

static void
one(const char *path, const char *base, const char *content_type)
{
	struct buf b;
	struct feed f;
	struct err e = { "" };
	char cs[64] = "", *raw = NULL, *utf8 = NULL;
	size_t rawlen = 0, len = 0;

	buf_init(&b, 0);
	buf_adds(&b, "{\"file\": ");
	buf_add_json(&b, path);
	if (read_file(path, FILE_MAX, &raw, &rawlen, &e) < 0)
		goto fail;
	charset_detect(raw, rawlen, content_type, cs, sizeof cs);
	if (charset_to_utf8(raw, rawlen, cs, &utf8, &len, &e) < 0)
		goto fail;
	if (feed_parse(utf8, len, base, &f, &e) < 0)
		goto fail;
	buf_adds(&b, ", \"ok\": true");
	field(&b, "charset", cs);
	field(&b, "format", f.format);
	field(&b, "title", f.title);
	field(&b, "link", f.link);
	field(&b, "warning", f.warning);
	entries(&b, &f);
	feed_free(&f);
	goto out;
fail:
	buf_adds(&b, ", \"ok\": false");
	field(&b, "charset", cs);
	field(&b, "error", e.msg);
out:
	buf_adds(&b, "}\n");
	fputs(b.data, stdout);
	fflush(stdout);
	buf_free(&b);
	free(raw);
	free(utf8);
}

int
main(int argc, char **argv)
{
	const char *base = NULL, *content_type = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--base") == 0 && i + 1 < argc)
			base = argv[++i];
		else if (strcmp(argv[i], "--content-type") == 0 && i + 1 < argc)
			content_type = *argv[++i] ? argv[i] : NULL;
		else
			one(argv[i], base, content_type);
	}
	return 0;
}
