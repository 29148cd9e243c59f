/* fuzz_render.c: the article renderer on hostile HTML.  The input's first
 * line is the article's title, author and source (split at '|'), the rest
 * the body HTML; it is laid out at a few widths and one from the first
 * byte.  Checks what the pager and --dump rely on: every line is valid
 * UTF-8, holds no control a terminal would act on, and is at most width
 * columns (but a line of one cluster); links are absolute and never
 * javascript:. */
#include "config.h"

#include <string.h>
#include <strings.h>
#include "fuzz.h"
#include "render.h"
#include "text.h"

#define BASE "http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html"

static void
check_doc(const struct rdoc *d, int width)
{
	for (size_t i = 0; i < d->n; i++) {
		const char *t = d->v[i].text ? d->v[i].text : "";
		size_t n = strlen(t);

		FUZZ_CHECK(fuzz_utf8_valid(t, n), "every line is valid UTF-8");
		FUZZ_CHECK(fuzz_no_controls(t, n, ""), "no line holds a control");
		FUZZ_CHECK(text_width(t, n) <= width || text_cluster_next(t, n, 0) == n,
		           "no line wider than the width but a single cluster");
	}
}

static void
check_blocks(const struct rblocks *b)
{
	for (size_t i = 0; i < b->nlinks; i++) {
		FUZZ_CHECK(b->links[i] != NULL, "links are strings");
		if (b->links[i] == NULL)
			continue;
		FUZZ_CHECK(strncasecmp(b->links[i], "javascript:", 11) != 0,
		           "a javascript: link is never numbered");
		FUZZ_CHECK(strncasecmp(b->links[i], "data:", 5) != 0,
		           "a data: link is never numbered");
	}
}

static char *
field(char **p)
{
	char *s = *p, *bar;

	if (s == NULL)
		return NULL;
	bar = strchr(s, '|');
	if (bar != NULL) {
		*bar = '\0';
		*p = bar + 1;
	} else {
		*p = NULL;
	}
	return s;
}

int
fuzz_render(const uint8_t *data, size_t size)
{
	static const int widths[] = { 1, 2, 7, 40, 80 };
	struct rblocks b;
	struct article a;
	struct err e = { "" };
	char *s, *head, *body, *nl;
	size_t blen, len;

	fuzz_locale();
	if (size < 1)
		return 0;
	s = fuzz_clean_utf8(data + 1, size - 1, &len);
	nl = memchr(s, '\n', len);
	head = s;
	body = nl ? nl + 1 : s + len;
	blen = len - (size_t)(body - s);
	if (nl != NULL)
		*nl = '\0';
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.url = BASE;
	a.title = field(&head);
	a.author = field(&head);
	a.source = field(&head);
	a.editor = field(&head);
	a.time_text = field(&head);
	a.comments = (int)data[0] - 128;
	if (render_blocks(body, blen, BASE, &b, &e) == 0) {
		check_blocks(&b);
		for (size_t i = 0; i <= sizeof widths / sizeof widths[0]; i++) {
			int w = i < sizeof widths / sizeof widths[0] ?
			        widths[i] : 1 + data[0] % 200;
			struct rdoc d;

			memset(&d, 0, sizeof d);
			render_layout(&a, &b, w, &d);
			check_doc(&d, w);
			rdoc_free(&d);
		}
	}
	rblocks_free(&b);
	free(s);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(render)
#endif
