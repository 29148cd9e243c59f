/* htmltext.c: plain text of HTML, for feed summaries and the search
 * index (see htmltext.h).  A byte scanner, not a parser: it must take any
 * bytes, and keeps no state between calls. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "htmltext.h"
#include "utf8.h"

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static const struct {
	const char *name;
	unsigned cp;
} xml_entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
};

unsigned
htmltext_entity(const char *s, size_t n, size_t *used)
{
	char name[33];
	size_t i = 1, k = 0;
	unsigned cp = 0;
	const htmlEntityDesc *ent;

	if (n > 2 && s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';

		for (i = hex ? 3 : 2; i < n && i < 12 && s[i] != ';'; i++) {
			int d = hex ? hexval(s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);

			if (d < 0)
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned)d;
		}
		if (i >= n || s[i] != ';' || i == (hex ? 3u : 2u))
			return 0;
		*used = i + 1;
		return cp == 0 || cp > 0x10ffff ? 0xfffd : cp;
	}
	while (i < n && k < sizeof name - 1 && is_alnum((unsigned char)s[i]))
		name[k++] = s[i++];
	name[k] = '\0';
	if (k == 0 || i >= n || s[i] != ';')
		return 0;
	*used = i + 1;
	for (size_t e = 0; e < ARRAY_LEN(xml_entities); e++)
		if (strcmp(name, xml_entities[e].name) == 0)
			return xml_entities[e].cp;
	ent = htmlEntityLookup((const xmlChar *)name);
	return ent != NULL ? ent->value : 0;
}

/* Tags after which text starts anew: a space in plain text. */
static const char *const block_tags[] = {
	"p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2",
	"h3", "h4", "h5", "h6", "blockquote", "hr", "section", "article", "dd",
	"dt", "pre", "figure", "figcaption",
};

/* The length of the tag at s ('<'), up to its '>'; 0 if it is no tag.  A
 * comment runs to its "-->" (a '>' inside is the comment's), or to the
 * end if it is never closed. */
static size_t
tag_len(const char *s, size_t n)
{
	const char *gt;

	if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
		gt = memmem(s + 4, n - 4, "-->", 3);
		return gt != NULL ? (size_t)(gt - s) + 3 : n;
	}
	if (!(is_alnum((unsigned char)s[1]) || s[1] == '/' || s[1] == '!' || s[1] == '?'))
		return 0;
	gt = memchr(s, '>', n);
	return gt != NULL ? (size_t)(gt - s) + 1 : 0;
}

/* Skips the tag at s[i] (script and style with their content), adding a
 * space for a block tag; returns where the text goes on. */
static size_t
skip_tag(struct buf *out, const char *s, size_t n, size_t i, size_t tl)
{
	const char *name = s + i + 1 + (s[i + 1] == '/');
	size_t k = 0;

	while (is_alnum((unsigned char)name[k]))
		k++;
	for (size_t b = 0; b < ARRAY_LEN(block_tags); b++)
		if (strlen(block_tags[b]) == k && strncasecmp(name, block_tags[b], k) == 0)
			buf_add(out, " ", 1);
	if (s[i + 1] != '/' && ((k == 6 && strncasecmp(name, "script", 6) == 0) ||
	                        (k == 5 && strncasecmp(name, "style", 5) == 0))) {
		char endtag[10];
		const char *e;

		snprintf(endtag, sizeof endtag, "</%.*s", (int)k, name);
		e = strcasestr(s + i + tl, endtag);
		return e != NULL && (size_t)(e - s) < n ? (size_t)(e - s) : n;
	}
	return i + tl;
}

void
htmltext(struct buf *out, const char *s, size_t n, size_t max, int *cut)
{
	size_t chars = 0, i = 0;

	*cut = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t used, run = i;
		unsigned cp;
		char u[4];

		/* a run of plain text in one piece */
		while (run < n && s[run] != '<' && s[run] != '&') {
			if (utf8_lead((unsigned char)s[run]) && chars++ >= max) {
				buf_add(out, s + i, run - i);
				*cut = 1;
				return;
			}
			run++;
		}
		if (run > i) {
			buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		if (c == '<' && i + 1 < n) {
			size_t tl = tag_len(s + i, n - i);

			if (tl > 0) {
				i = skip_tag(out, s, n, i, tl);
				continue;
			}
		}
		cp = c == '&' ? htmltext_entity(s + i, n - i, &used) : 0;
		if (cp != 0) {
			if (chars++ >= max) {
				*cut = 1;
				return;
			}
			buf_add(out, u, utf8_encode(cp, u));
			i += used;
			continue;
		}
		if (utf8_lead(c) && chars++ >= max) {
			*cut = 1;
			return;
		}
		buf_add(out, s + i, 1);
		i++;
	}
}
