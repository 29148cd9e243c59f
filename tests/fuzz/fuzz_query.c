/* fuzz_query.c: the query language on hostile text.  Checks: an error says
 * "column N:" with N inside the text (counted in characters, one past the
 * end at most) and leaves no conditions; a query that parses is written
 * back as valid UTF-8 that parses to the same text again; matching it
 * against a subject made of the input itself neither crashes nor reads
 * the text twice. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "query.h"
#include "utf8.h"

static int asked;

static const char *
text_of(void *ctx)
{
	asked++;
	return ctx;
}

static size_t
chars(const char *s)
{
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len; ) {
		uint32_t cp;

		i += utf8_decode(s + i, len - i, &cp);
		n++;
	}
	return n;
}

int
fuzz_query(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	struct query q;
	struct err e = { "" };
	int col = 0;

	fuzz_locale();
	if (query_parse(s, &q, &col, &e) < 0) {
		char want[32];

		snprintf(want, sizeof want, "column %d: ", col);
		FUZZ_CHECK(col >= 1 && (size_t)col <= chars(s) + 1,
		           "an error points at a column of the text");
		FUZZ_CHECK(strncmp(e.msg, want, strlen(want)) == 0, "an error says its column");
		FUZZ_CHECK(q.n == 0 && q.v == NULL, "a failed parse leaves no conditions");
	} else {
		char *out = query_format(&q), *again = NULL;
		struct query q2;
		struct query_subject sub = { .title = s, .author = s, .credit = s,
		                             .origin = s, .origin_key = s, .time = 1,
		                             .text = text_of, .ctx = s };

		FUZZ_CHECK(query_parse(out, &q2, NULL, NULL) == 0, "a query written back parses");
		again = query_format(&q2);
		FUZZ_CHECK(strcmp(out, again) == 0, "and is written back the same");
		FUZZ_CHECK(q2.n == q.n, "with as many conditions");
		asked = 0;
		query_match(&q, &sub, 1750000000, 0);
		FUZZ_CHECK(asked <= 1, "the text is asked for once at most");
		query_free(&q2);
		free(again);
		free(out);
		query_free(&q);
	}
	free(s);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(query)
#endif
