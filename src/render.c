/* render.c: article HTML -> blocks -> laid-out lines.
 *
 * render_blocks() parses a body fragment once with libxml2 and walks the
 * tree without recursion (a node's parent pointer leads back up), turning
 * elements into blocks by a role table.  render_layout() lays the blocks
 * out at a width through text.h, and is cheap enough to re-run on every
 * terminal resize. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "image.h"
#include "render.h"
#include "text.h"
#include "utf8.h"
#include "util.h"

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | \
	HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | \
	HTML_PARSE_COMPACT)

#define LIST_MAX   16   /* list levels with their own counter; deeper share */
#define ANCHOR_MAX 16   /* open <a> tracked; libxml2 does not nest them */
#define TAB_STOP   8
#define INDENT     "\xe3\x80\x80\xe3\x80\x80"    /* two U+3000, as text_wrap adds */

/* ---- UTF-8 helpers ------------------------------------------------------ */

/* Decodes one code point; an ill-formed subpart is one U+FFFD. */
static size_t
utf8_dec(const char *s, size_t len, unsigned *cp)
{
	uint32_t c;
	size_t n = utf8_decode(s, len, &c);

	*cp = c == UTF8_BAD ? 0xfffd : c;
	return n;
}

/* The code point ending at s[end] (exclusive). */
static unsigned
utf8_prev(const char *s, size_t end)
{
	size_t i = utf8_back(s, end);
	unsigned cp;

	utf8_dec(s + i, end - i, &cp);
	return cp;
}

static int
is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Chinese, Japanese (not Hangul) and full-width forms: a line break in
 * the source between two of these is no space (CSS Text 3, segment
 * break transformation). */
static int
is_cjk(unsigned cp)
{
	static const unsigned ranges[][2] = {
		{0x2e80, 0x303f}, {0x3041, 0x33ff}, {0x3400, 0x4dbf},
		{0x4e00, 0x9fff}, {0xf900, 0xfaff}, {0xfe30, 0xfe4f},
		{0xff00, 0xff60}, {0xffe0, 0xffe6}, {0x20000, 0x3fffd},
	};

	for (size_t i = 0; i < ARRAY_LEN(ranges); i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return 1;
	return 0;
}

/* Bytes of indent at s: ASCII space, U+3000, U+00A0. */
static size_t
indent_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (is_ascii_space(s[i]))
			i++;
		else if (len - i >= 3 && memcmp(s + i, "\u3000", 3) == 0)
			i += 3;
		else if (len - i >= 2 && memcmp(s + i, "\u00a0", 2) == 0)
			i += 2;
		else
			break;
	}
	return i;
}

/* Length of s without trailing indent characters. */
static size_t
rtrim_len(const char *s, size_t len)
{
	for (;;) {
		if (len > 0 && is_ascii_space(s[len - 1]))
			len--;
		else if (len >= 3 && memcmp(s + len - 3, "\u3000", 3) == 0)
			len -= 3;
		else if (len >= 2 && memcmp(s + len - 2, "\u00a0", 2) == 0)
			len -= 2;
		else
			return len;
	}
}

/* A malloc'd copy of s with ASCII whitespace runs folded into one space,
 * dropped at the ends and between CJK characters when the run holds a
 * line break; trailing U+3000 / U+00A0 dropped too. */
static char *
squeeze(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t i = 0, o = 0;

	while (i < len) {
		size_t j = i;
		int nl = 0;
		unsigned next;

		if (!is_ascii_space(s[i])) {
			out[o++] = s[i++];
			continue;
		}
		while (j < len && is_ascii_space(s[j]))
			nl |= s[j++] == '\n';
		if (o > 0 && j < len) {
			utf8_dec(s + j, len - j, &next);
			if (!(nl && is_cjk(utf8_prev(out, o)) && is_cjk(next)))
				out[o++] = ' ';
		}
		i = j;
	}
	o = rtrim_len(out, o);
	out[o] = '\0';
	return out;
}

/* ---- blocks ------------------------------------------------------------- */

static struct rblock *
block_add(struct rblocks *b, int kind, int level, char *text)
{
	struct rblock *k;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		b->v = xrealloc(b->v, b->cap * sizeof *b->v);
	}
	k = &b->v[b->n++];
	memset(k, 0, sizeof *k);
	k->kind = kind;
	k->level = level;
	k->text = text;
	return k;
}

void
rblocks_free(struct rblocks *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].text);
		free(b->v[i].src);
		free(b->v[i].img_note);
	}
	for (size_t i = 0; i < b->nlinks; i++)
		free(b->links[i]);
	free(b->v);
	free(b->links);
	memset(b, 0, sizeof *b);
}

/* ---- links: numbered once each, looked up by hash ----------------------- */

struct linkset {
	size_t *slot;   /* index into links + 1; 0: empty */
	size_t  cap;    /* power of two */
};

static size_t
link_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
linkset_grow(struct linkset *set, const struct rblocks *b)
{
	size_t cap = set->cap ? set->cap * 2 : 64;

	free(set->slot);
	set->slot = xcalloc(cap, sizeof *set->slot);
	set->cap = cap;
	for (size_t i = 0; i < b->nlinks; i++) {
		size_t h = link_hash(b->links[i]) & (cap - 1);

		while (set->slot[h] != 0)
			h = (h + 1) & (cap - 1);
		set->slot[h] = i + 1;
	}
}

/* The number ([N]) of url, adding it if new. */
static size_t
link_number(struct linkset *set, struct rblocks *b, const char *url)
{
	size_t h;

	if ((b->nlinks + 1) * 2 > set->cap)
		linkset_grow(set, b);
	h = link_hash(url) & (set->cap - 1);
	while (set->slot[h] != 0) {
		if (strcmp(b->links[set->slot[h] - 1], url) == 0)
			return set->slot[h];
		h = (h + 1) & (set->cap - 1);
	}
	b->links = xrealloc(b->links, (b->nlinks + 1) * sizeof *b->links);
	b->links[b->nlinks++] = xstrdup(url);
	set->slot[h] = b->nlinks;
	return b->nlinks;
}

/* Whether href names a scheme that is no place to go. */
static int
bad_scheme(const char *href)
{
	static const char *const bad[] = { "javascript:", "vbscript:", "data:" };

	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		if (strncasecmp(href, bad[i], strlen(bad[i])) == 0)
			return 1;
	return 0;
}

/* href resolved against base (malloc'd), or NULL if it is not worth a
 * number: empty, in-page ("#…"), javascript:, vbscript:, data:, and a
 * file: URL in a page that is not itself a file (as browsers refuse).  Tabs
 * and line breaks inside are dropped as browsers do. */
static char *
link_resolve(const char *base, const char *href)
{
	char *clean, *url = NULL;
	xmlChar *abs = NULL, *esc = NULL;
	size_t n = 0;

	if (href == NULL)
		return NULL;
	clean = xmalloc(strlen(href) + 1);
	for (const char *p = href + indent_len(href, strlen(href)); *p; p++)
		if (*p != '\t' && *p != '\n' && *p != '\r')
			clean[n++] = *p;
	n = rtrim_len(clean, n);
	clean[n] = '\0';
	if (n == 0 || clean[0] == '#' || bad_scheme(clean))
		goto out;
	abs = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)base);
	if (abs == NULL) {
		esc = xmlURIEscapeStr((const xmlChar *)clean,
		                      (const xmlChar *)":/?#[]@!$&'()*+,;=%~");
		if (esc != NULL)
			abs = xmlBuildURI(esc, (const xmlChar *)base);
	}
	if (abs != NULL && !bad_scheme((const char *)abs) &&
	    !(strncasecmp((const char *)abs, "file:", 5) == 0 &&
	      (base == NULL || strncasecmp(base, "file:", 5) != 0)))
		url = xstrdup((const char *)abs);
out:
	xmlFree(abs);
	xmlFree(esc);
	free(clean);
	return url;
}

/* ---- the tree walk ------------------------------------------------------ */

struct anchor {
	char         *url;      /* resolved, or NULL: no number */
	size_t        len;      /* text length when it opened */
	unsigned long flushes;
	size_t        nblocks;
};

struct walk {
	struct rblocks *out;
	const char     *base;
	struct buf      text;       /* the block being gathered, raw */
	unsigned long   flushes;    /* times text became a block */
	int pre, heading, hlevel, quote, item, row, cells, lists;
	struct { int ordered, next; } list[LIST_MAX];
	char            bullet[16]; /* for the item's first block */
	struct anchor   anchors[ANCHOR_MAX];
	int             nanchors;   /* may exceed ANCHOR_MAX */
	struct linkset  set;
};

/* Whether a gathered paragraph is worth showing: not blank.  (What a
 * site puts around its text, disclaimers, QR-code captions, share
 * buttons, its profile cuts.) */
static int
keep_text(struct walk *w, const char *t)
{
	(void)w;
	return t[indent_len(t, strlen(t))] != '\0';
}

/* One line of preformatted text: CR dropped, tabs expanded to the next
 * stop (counted in display columns), trailing spaces dropped. */
static void
pre_line(struct buf *b, const char *s, size_t len)
{
	size_t seg = 0, line0 = b->len;
	int col = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '\t' && s[i] != '\r')
			continue;
		buf_add(b, s + seg, i - seg);
		col += text_width(s + seg, i - seg);
		seg = i + 1;
		if (i == len || s[i] != '\t')
			continue;
		do {
			buf_add(b, " ", 1);
			col++;
		} while (col % TAB_STOP != 0);
	}
	while (b->len > line0 && b->data[b->len - 1] == ' ')
		b->len--;
	b->data[b->len] = '\0';
}

/* Preformatted text, lines kept (joined by '\n'), blank lines at either
 * end dropped. */
static char *
pre_text(const char *s, size_t len)
{
	struct buf b;
	size_t at = 0, start = 0, end;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (;;) {
		const char *nl = memchr(s + at, '\n', len - at);
		size_t lend = nl ? (size_t)(nl - s) : len;

		pre_line(&b, s + at, lend - at);
		if (nl == NULL)
			break;
		buf_add(&b, "\n", 1);
		at = lend + 1;
	}
	end = b.len;
	while (end > 0 && b.data[end - 1] == '\n')
		end--;
	while (start < end && b.data[start] == '\n')
		start++;
	memmove(b.data, b.data + start, end - start);
	b.data[end - start] = '\0';
	return buf_steal(&b, NULL);
}

static void
text_reset(struct walk *w)
{
	w->text.len = 0;
	if (w->text.data != NULL)
		w->text.data[0] = '\0';
	w->flushes++;
}

/* The gathered text becomes a block of the kind its context says. */
static void
emit_text(struct walk *w)
{
	int kind = RB_PARA, level = 0;
	char *t;

	if (w->text.len == 0)
		return;
	t = w->pre ? pre_text(w->text.data, w->text.len)
	           : squeeze(w->text.data, w->text.len);
	text_reset(w);
	if (w->pre)
		kind = RB_PRE;
	else if (w->heading)
		kind = RB_HEADING, level = w->hlevel;
	else if (w->item)
		kind = RB_LIST_ITEM, level = w->lists > 0 ? w->lists : 1;
	else if (w->quote)
		kind = RB_QUOTE, level = w->quote;
	if (!keep_text(w, t)) {
		free(t);
		return;
	}
	if (kind == RB_LIST_ITEM && w->bullet[0] != '\0') {
		xfree_set(&t, xasprintf("%s%s", w->bullet, t));
		w->bullet[0] = '\0';
	}
	block_add(w->out, kind, level, t);
}

/* A block boundary: inside a table row, just a space. */
static void
cut(struct walk *w)
{
	if (w->row > 0)
		buf_add(&w->text, " ", 1);
	else
		emit_text(w);
}

static void
emit_row(struct walk *w)
{
	char *t = squeeze(w->text.data ? w->text.data : "", w->text.len);
	int empty = 1;

	text_reset(w);
	for (const char *p = t; *p != '\0' && empty; p++)
		empty = *p == '|' || *p == ' ';
	if (empty || !keep_text(w, t)) {
		free(t);
		return;
	}
	block_add(w->out, RB_TABLE_ROW, 0, t);
}

static char *
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = xstrdup((const char *)v);

	xmlFree(v);
	return s;
}

/* ---- element roles ------------------------------------------------------ */

enum role {
	R_INLINE, R_DROP, R_BLOCK, R_BREAK, R_HEADING, R_QUOTE, R_PRE,
	R_ULIST, R_OLIST, R_ITEM, R_ROW, R_CELL, R_IMAGE, R_LINK, R_RULE,
	R_NROLES
};

static const struct {
	const char *name;
	enum role   role;
} roles[] = {
	{"a", R_LINK}, {"address", R_BLOCK}, {"article", R_BLOCK},
	{"aside", R_BLOCK}, {"blockquote", R_QUOTE}, {"body", R_BLOCK},
	{"br", R_BREAK}, {"button", R_DROP}, {"caption", R_BLOCK},
	{"center", R_BLOCK}, {"dd", R_BLOCK}, {"details", R_BLOCK},
	{"dir", R_ULIST}, {"div", R_BLOCK}, {"dl", R_BLOCK}, {"dt", R_BLOCK},
	{"embed", R_INLINE},    /* void, but libxml2 nests what follows in it */
	{"fieldset", R_BLOCK}, {"figcaption", R_BLOCK},
	{"figure", R_BLOCK}, {"footer", R_BLOCK}, {"form", R_DROP},
	{"h1", R_HEADING}, {"h2", R_HEADING}, {"h3", R_HEADING},
	{"h4", R_HEADING}, {"h5", R_HEADING}, {"h6", R_HEADING},
	{"head", R_DROP}, {"header", R_BLOCK}, {"hr", R_RULE},
	{"html", R_BLOCK}, {"iframe", R_DROP}, {"img", R_IMAGE},
	{"input", R_DROP}, {"li", R_ITEM}, {"listing", R_PRE},
	{"main", R_BLOCK}, {"menu", R_ULIST}, {"nav", R_BLOCK},
	{"noscript", R_DROP}, {"object", R_DROP}, {"ol", R_OLIST},
	{"p", R_BLOCK}, {"plaintext", R_PRE}, {"pre", R_PRE},
	{"script", R_DROP}, {"section", R_BLOCK}, {"select", R_DROP},
	{"style", R_DROP}, {"summary", R_BLOCK}, {"svg", R_DROP},
	{"table", R_BLOCK}, {"tbody", R_BLOCK}, {"td", R_CELL},
	{"template", R_DROP}, {"textarea", R_DROP}, {"tfoot", R_BLOCK},
	{"th", R_CELL}, {"thead", R_BLOCK}, {"title", R_DROP},
	{"tr", R_ROW}, {"ul", R_ULIST}, {"xmp", R_PRE},
};

static enum role
role_of(xmlNodePtr n)
{
	const char *name = (const char *)n->name;

	for (size_t i = 0; i < ARRAY_LEN(roles); i++)
		if (strcmp(roles[i].name, name) == 0)
			return roles[i].role;
	return R_INLINE;
}

static void
enter_block(struct walk *w, xmlNodePtr n)
{
	(void)n;
	cut(w);
}

static void
enter_break(struct walk *w, xmlNodePtr n)
{
	(void)n;
	if (w->pre > 0)
		buf_add(&w->text, "\n", 1);
	else
		cut(w);
}

static void
enter_heading(struct walk *w, xmlNodePtr n)
{
	cut(w);
	w->heading++;
	w->hlevel = n->name[1] - '0';
}

static void
leave_heading(struct walk *w, xmlNodePtr n)
{
	(void)n;
	cut(w);
	w->heading--;
}

static void
enter_quote(struct walk *w, xmlNodePtr n)
{
	(void)n;
	cut(w);
	w->quote++;
}

static void
leave_quote(struct walk *w, xmlNodePtr n)
{
	(void)n;
	cut(w);
	w->quote--;
}

static void
enter_pre(struct walk *w, xmlNodePtr n)
{
	(void)n;
	cut(w);
	w->pre++;
}

static void
leave_pre(struct walk *w, xmlNodePtr n)
{
	(void)n;
	cut(w);
	w->pre--;
}

static void
enter_list(struct walk *w, xmlNodePtr n, int ordered)
{
	char *start = ordered ? attr(n, "start") : NULL;
	long first = start ? strtol(start, NULL, 10) : 1;

	cut(w);
	w->lists++;
	if (w->lists <= LIST_MAX) {
		w->list[w->lists - 1].ordered = ordered;
		w->list[w->lists - 1].next = first > -100000 && first < 100000 ? (int)first : 1;
	}
	free(start);
}

static void
enter_ulist(struct walk *w, xmlNodePtr n)
{
	enter_list(w, n, 0);
}

static void
enter_olist(struct walk *w, xmlNodePtr n)
{
	enter_list(w, n, 1);
}

static void
leave_list(struct walk *w, xmlNodePtr n)
{
	(void)n;
	cut(w);
	w->lists--;
}

static void
enter_item(struct walk *w, xmlNodePtr n)
{
	int slot = (w->lists < LIST_MAX ? w->lists : LIST_MAX) - 1;

	(void)n;
	cut(w);
	w->item++;
	if (slot >= 0 && w->list[slot].ordered)
		snprintf(w->bullet, sizeof w->bullet, "%d. ", w->list[slot].next++);
	else
		snprintf(w->bullet, sizeof w->bullet, "%s", "• ");
}

static void
leave_item(struct walk *w, xmlNodePtr n)
{
	(void)n;
	cut(w);
	w->item--;
	w->bullet[0] = '\0';
}

static void
enter_row(struct walk *w, xmlNodePtr n)
{
	(void)n;
	cut(w);
	if (w->row++ == 0)
		w->cells = 0;
}

static void
leave_row(struct walk *w, xmlNodePtr n)
{
	(void)n;
	if (--w->row == 0)
		emit_row(w);
}

static void
enter_cell(struct walk *w, xmlNodePtr n)
{
	(void)n;
	if (w->row == 0) {
		cut(w);
		return;
	}
	if (w->cells++ > 0)
		buf_adds(&w->text, " | ");
}

static void
leave_cell(struct walk *w, xmlNodePtr n)
{
	(void)n;
	if (w->row == 0)
		cut(w);
}

/* An image's source: src, or a lazy loader's data-src / data-original. */
static char *
image_url(struct walk *w, xmlNodePtr n)
{
	static const char *const names[] = { "src", "data-src", "data-original" };
	char *url = NULL;

	for (size_t i = 0; i < ARRAY_LEN(names) && url == NULL; i++) {
		char *v = attr(n, names[i]);

		url = link_resolve(w->base, v);
		free(v);
	}
	return url;
}

static void
enter_image(struct walk *w, xmlNodePtr n)
{
	char *alt = attr(n, "alt"), *url = image_url(w, n), *t;
	char *clean = squeeze(alt ? alt : "", alt ? strlen(alt) : 0);
	struct buf b;

	buf_init(&b, 0);
	if (clean[0] != '\0')
		buf_addf(&b, "[图: %s]", clean);
	else
		buf_adds(&b, "[图]");
	if (url != NULL)
		buf_addf(&b, "[%zu]", link_number(&w->set, w->out, url));
	t = buf_steal(&b, NULL);
	if (w->row > 0) {
		buf_adds(&w->text, t);
		free(t);
	} else {
		emit_text(w);
		w->flushes++;
		block_add(w->out, RB_IMAGE, 0, t)->src = url;
		url = NULL;
	}
	free(alt);
	free(url);
	free(clean);
}

static void
enter_rule(struct walk *w, xmlNodePtr n)
{
	(void)n;
	if (w->row > 0)
		return;
	emit_text(w);
	w->flushes++;
	block_add(w->out, RB_RULE, 0, xstrdup(""));
}

static void
enter_link(struct walk *w, xmlNodePtr n)
{
	struct anchor *a;
	char *href;

	if (w->nanchors++ >= ANCHOR_MAX)
		return;
	a = &w->anchors[w->nanchors - 1];
	href = attr(n, "href");
	a->url = link_resolve(w->base, href);
	a->len = w->text.len;
	a->flushes = w->flushes;
	a->nblocks = w->out->n;
	free(href);
}

static int
has_text(const char *s, size_t len)
{
	return indent_len(s, len) < len;
}

/* Appends mark to the gathered text, before its trailing spaces. */
static void
text_mark(struct walk *w, const char *mark)
{
	size_t keep = w->text.len;

	while (keep > 0 && is_ascii_space(w->text.data[keep - 1]))
		keep--;
	if (keep < w->text.len) {
		w->text.len = keep;
		buf_adds(&w->text, mark);
		buf_add(&w->text, " ", 1);
	} else {
		buf_adds(&w->text, mark);
	}
}

/* "[N]" after the link's text; after the block it ended up in if the
 * text was cut into one (an <a> around a <p> or an <img>). */
static void
leave_link(struct walk *w, xmlNodePtr n)
{
	struct anchor *a;
	struct rblock *last;
	size_t from;
	char mark[32];

	(void)n;
	if (--w->nanchors >= ANCHOR_MAX)
		return;
	a = &w->anchors[w->nanchors];
	if (a->url == NULL)
		return;
	from = a->flushes == w->flushes && a->len <= w->text.len ? a->len : 0;
	last = w->out->n > a->nblocks ? &w->out->v[w->out->n - 1] : NULL;
	if (has_text(w->text.data ? w->text.data + from : "", w->text.len - from)) {
		snprintf(mark, sizeof mark, "[%zu]", link_number(&w->set, w->out, a->url));
		text_mark(w, mark);
	} else if (last != NULL && last->kind != RB_RULE) {
		snprintf(mark, sizeof mark, "[%zu]", link_number(&w->set, w->out, a->url));
		if (!str_ends(last->text, mark))
			xfree_set(&last->text, xasprintf("%s%s", last->text, mark));
	}
	xfree_set(&a->url, NULL);
}

static const struct {
	void (*enter)(struct walk *, xmlNodePtr);
	void (*leave)(struct walk *, xmlNodePtr);
} role_ops[R_NROLES] = {
	[R_BLOCK]   = { enter_block,   enter_block },
	[R_BREAK]   = { enter_break,   NULL },
	[R_HEADING] = { enter_heading, leave_heading },
	[R_QUOTE]   = { enter_quote,   leave_quote },
	[R_PRE]     = { enter_pre,     leave_pre },
	[R_ULIST]   = { enter_ulist,   leave_list },
	[R_OLIST]   = { enter_olist,   leave_list },
	[R_ITEM]    = { enter_item,    leave_item },
	[R_ROW]     = { enter_row,     leave_row },
	[R_CELL]    = { enter_cell,    leave_cell },
	[R_IMAGE]   = { enter_image,   NULL },
	[R_LINK]    = { enter_link,    leave_link },
	[R_RULE]    = { enter_rule,    NULL },
};

/* Returns whether n was entered (and must be left after its children). */
static int
node_enter(struct walk *w, xmlNodePtr n)
{
	enum role r;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			buf_adds(&w->text, (const char *)n->content);
		return 0;
	}
	if (n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	r = role_of(n);
	if (r == R_DROP)
		return 0;
	if (role_ops[r].enter != NULL)
		role_ops[r].enter(w, n);
	return 1;
}

static void
node_leave(struct walk *w, xmlNodePtr n)
{
	enum role r = role_of(n);

	if (role_ops[r].leave != NULL)
		role_ops[r].leave(w, n);
}

/* Depth-first without recursion: down to the first child, on to the next
 * sibling, back up by parent pointers. */
static void
walk_tree(struct walk *w, xmlNodePtr top)
{
	xmlNodePtr n = top->children;

	while (n != NULL) {
		int entered = node_enter(w, n);

		if (entered && n->children != NULL) {
			n = n->children;
			continue;
		}
		if (entered)
			node_leave(w, n);
		while (n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == top)
				return;
			node_leave(w, n);
		}
		n = n->next;
	}
}

int
render_blocks(const char *html, size_t len, const char *base_url,
              struct rblocks *out, struct err *e)
{
	struct walk w;
	htmlDocPtr doc;

	memset(out, 0, sizeof *out);
	if (len > INT_MAX)
		return err_set(e, _("article body too large (%zu bytes)"), len);
	if (html == NULL || len == 0)
		return 0;
	doc = htmlReadMemory(html, (int)len, base_url, "UTF-8", PARSE_OPTIONS);
	if (doc == NULL)
		return 0;
	memset(&w, 0, sizeof w);
	w.out = out;
	w.base = base_url;
	buf_init(&w.text, 0);
	walk_tree(&w, (xmlNodePtr)doc);
	emit_text(&w);
	for (int i = 0; i < w.nanchors && i < ANCHOR_MAX; i++)
		free(w.anchors[i].url);
	buf_free(&w.text);
	free(w.set.slot);
	xmlFreeDoc(doc);
	return 0;
}

/* ---- layout ------------------------------------------------------------- */

struct lay {
	struct rdoc *d;
	int          width;
	size_t       para;      /* the paragraph being laid out */
	size_t       lead;      /* lead of the next line pushed */
	int          block;     /* the picture block being laid out, or -1 */
	const struct rblocks *b;
};

static struct rline *
line_push(struct lay *l, int kind, char *text)
{
	struct rdoc *d = l->d;
	struct rline *line;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	line = &d->v[d->n++];
	memset(line, 0, sizeof *line);
	line->kind = kind;
	line->text = text;
	line->lead = l->lead < strlen(text) ? l->lead : strlen(text);
	line->para = l->para;
	line->block = l->block;
	l->lead = 0;
	return line;
}

/* The lines pushed from now on are a paragraph of their own. */
static void
para_next(struct lay *l)
{
	l->para++;
	l->lead = 0;
}

static int
has_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 1;
	return 0;
}

/* Adds a line of sanitized text (controls are sanitized again, as a
 * safety net), cut into pieces if wider than the width (a cluster wider
 * than the whole width is dropped). */
static void
line_add(struct lay *l, int kind, const char *s, size_t len)
{
	char *t = has_control(s, len) ? text_sanitize(s, len, 0) : xstrndup(s, len);
	size_t tl = strlen(t), at = 0;

	if (text_width(t, tl) <= l->width) {
		line_push(l, kind, t);
		return;
	}
	while (at < tl) {
		size_t n = text_fit(t + at, tl - at, l->width, NULL);
		unsigned cp;

		if (n == 0) {
			at += utf8_dec(t + at, tl - at, &cp);
			continue;
		}
		line_push(l, kind, xstrndup(t + at, n));
		at += n;
	}
	free(t);
}

static void
line_blank(struct lay *l)
{
	para_next(l);
	line_push(l, RL_BLANK, xstrdup(""));
}

/* Greedy fallback if ICU fails: whole clusters up to the width. */
static void
wrap_plain(const char *s, int width, struct text_lines *tl)
{
	size_t len = strlen(s), at = indent_len(s, len);

	while (at < len) {
		size_t n = text_fit(s + at, len - at, width, NULL);

		if (n == 0)
			n = 1;
		text_lines_add(tl, s + at, n);
		at += n;
	}
}

/* text wrapped at the width less the prefix's, each line after first
 * or rest.  If the prefixes take more than half the width, first+text
 * is wrapped without them. */
static void
wrap(struct lay *l, int kind, const char *text, int flags,
     const char *first, const char *rest)
{
	int pw1 = text_width(first, strlen(first)), pw2 = text_width(rest, strlen(rest));
	int pw = pw1 > pw2 ? pw1 : pw2;
	struct text_lines tl = { 0 };
	char *t;

	if (pw > 0 && pw > l->width / 2) {
		char *whole = xasprintf("%s%s", first, text);

		wrap(l, kind, whole, flags, "", "");
		free(whole);
		return;
	}
	t = text_sanitize(text, strlen(text), 0);
	if (indent_len(t, strlen(t)) == strlen(t))
		goto out;       /* nothing left to show */
	para_next(l);
	if (text_wrap(t, strlen(t), l->width - pw, flags, &tl) != 0) {
		text_lines_free(&tl);
		wrap_plain(t, l->width - pw, &tl);
	}
	for (size_t i = 0; i < tl.n; i++) {
		char *line = xasprintf("%s%s", i == 0 ? first : rest, tl.v[i]);

		l->lead = strlen(i == 0 ? first : rest);
		if (i == 0 && (flags & TEXT_INDENT) && str_starts(tl.v[0], INDENT))
			l->lead += strlen(INDENT);
		line_add(l, kind, line, strlen(line));
		free(line);
	}
out:
	text_lines_free(&tl);
	free(t);
}

static void
lay_para(struct lay *l, const struct rblock *b)
{
	wrap(l, RL_TEXT, b->text, l->width >= 8 ? TEXT_INDENT : 0, "", "");
}

static void
lay_heading(struct lay *l, const struct rblock *b)
{
	wrap(l, RL_HEADING, b->text, 0, "", "");
}

static void
lay_quote(struct lay *l, const struct rblock *b)
{
	struct buf p;
	int depth = b->level < 1 ? 1 : b->level > 4 ? 4 : b->level;

	buf_init(&p, 0);
	buf_add(&p, "", 0);
	for (int i = 0; i < depth; i++)
		buf_adds(&p, "│ ");
	wrap(l, RL_QUOTE, b->text, 0, p.data, p.data);
	buf_free(&p);
}

/* Bytes of the bullet ("• ") or number ("12. ") a list item starts with. */
static size_t
bullet_len(const char *s)
{
	size_t i = 0;

	if (str_starts(s, "• "))
		return strlen("• ");
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && s[i] == '.' && s[i + 1] == ' ' ? i + 2 : 0;
}

/* A hanging indent: continuation lines start under the text, nested
 * lists two columns further in per level (as far as the width allows). */
static void
lay_item(struct lay *l, const struct rblock *b)
{
	size_t bl = bullet_len(b->text);
	int bw = bl > 0 ? text_width(b->text, bl) : 2;
	int indent = b->level > 1 ? 2 * (b->level - 1) : 0;
	char *first, *rest;

	if (indent > 8)
		indent = 8;
	while (indent > 0 && indent + bw > l->width / 2)
		indent -= 2;
	rest = xasprintf("%*s", indent + bw, "");
	first = bl > 0 ? xasprintf("%*s%.*s", indent, "", (int)bl, b->text)
	               : xstrdup(rest);
	wrap(l, RL_TEXT, b->text + bl, 0, first, rest);
	free(first);
	free(rest);
}

static void
lay_pre(struct lay *l, const struct rblock *b)
{
	const char *s = b->text;

	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *t = text_sanitize(s, len, 0), *c = NULL;
		size_t tl = strlen(t);

		para_next(l);
		if (text_width(t, tl) > l->width) {
			c = text_cell(t, l->width, 0);
			tl = strlen(c);
			while (tl > 0 && c[tl - 1] == ' ')
				tl--;
		}
		line_add(l, RL_PRE, c ? c : t, tl);
		free(t);
		free(c);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

/* The picture's rows (when its size is known and pictures are drawn),
 * centred, then its caption with the note on why it is not drawn. */
static void
lay_image(struct lay *l, const struct rblock *b)
{
	const struct rblocks *bs = l->b;
	int cols = 0, rows = 0;

	l->block = (int)(b - bs->v);
	if (bs->img_rows > 0 && b->img_w > 0 && b->img_h > 0)
		image_fit(b->img_w, b->img_h, l->width, bs->img_rows, bs->cell_w,
		          bs->cell_h, &cols, &rows);
	if (rows > 0)
		para_next(l);
	for (int r = 0; r < rows; r++) {
		struct rline *line = line_push(l, RL_PICTURE, xstrdup(""));

		line->row = r;
		line->rows = rows;
		line->cols = cols;
		line->col = (l->width - cols) / 2;
	}
	if (str_empty(b->img_note)) {
		wrap(l, RL_IMAGE, b->text, 0, "", "");
	} else {
		char *t = xasprintf("%s %s", b->text, b->img_note);

		wrap(l, RL_IMAGE, t, 0, "", "");
		free(t);
	}
	l->block = -1;
}

static void
lay_row(struct lay *l, const struct rblock *b)
{
	wrap(l, RL_TEXT, b->text, 0, "", "");
}

static void
lay_rule(struct lay *l, const struct rblock *b)
{
	int cols = l->width < 40 ? l->width : 40;
	int uw = text_width("─", strlen("─"));
	const char *unit = "─";
	struct buf r;

	(void)b;
	if (uw < 1 || uw > cols) {
		unit = "-";
		uw = 1;
	}
	buf_init(&r, 0);
	buf_add(&r, "", 0);
	for (int used = 0; used + uw <= cols; used += uw)
		buf_adds(&r, unit);
	para_next(l);
	line_add(l, RL_TEXT, r.data, r.len);
	buf_free(&r);
}

static void (*const lay_block[])(struct lay *, const struct rblock *) = {
	[RB_PARA]      = lay_para,
	[RB_HEADING]   = lay_heading,
	[RB_QUOTE]     = lay_quote,
	[RB_PRE]       = lay_pre,
	[RB_LIST_ITEM] = lay_item,
	[RB_IMAGE]     = lay_image,
	[RB_TABLE_ROW] = lay_row,
	[RB_RULE]      = lay_rule,
};

/* Whether the body repeats the editor line the header gives. */
static int
is_editor_para(const struct article *a, const struct rblock *b)
{
	const char *p;

	if (a == NULL || str_empty(a->editor) || b->kind != RB_PARA)
		return 0;
	p = b->text + indent_len(b->text, strlen(b->text));
	return str_starts(p, "(责任编辑") || str_starts(p, "（责任编辑");
}

static void
lay_body(struct lay *l, const struct article *a, const struct rblocks *b)
{
	int prev = -1;
	size_t before;

	for (size_t i = 0; b != NULL && i < b->n; i++) {
		const struct rblock *k = &b->v[i];
		int tight = prev == k->kind &&
		            (k->kind == RB_LIST_ITEM || k->kind == RB_TABLE_ROW);

		if (k->kind < 0 || k->kind >= (int)ARRAY_LEN(lay_block) ||
		    k->text == NULL || is_editor_para(a, k))
			continue;
		if (k->text[0] == '\0' && k->kind != RB_RULE)
			continue;
		if (prev != -1 && !tight)
			line_blank(l);
		before = l->d->n;
		lay_block[k->kind](l, k);
		if (l->d->n == before && prev != -1 && !tight) {
			free(l->d->v[--l->d->n].text);  /* nothing to show after all */
			continue;
		}
		if (l->d->n > before)
			prev = k->kind;
	}
}

static void
lay_title(struct lay *l, const struct article *a)
{
	char *t;

	if (str_empty(a->title))
		return;
	t = squeeze(a->title, strlen(a->title));
	wrap(l, RL_TITLE, t, 0, "", "");
	free(t);
}

/* Adds a meta field, cleaned; NULL and "" are skipped. */
static void
meta_field(char **v, size_t *n, char *s)
{
	char *t;

	if (s == NULL)
		return;
	t = squeeze(s, strlen(s));
	free(s);
	if (t[0] == '\0') {
		free(t);
		return;
	}
	v[(*n)++] = t;
}

/* A line of fields as it is if it fits (text_wrap may fold the two
 * spaces between fields), else wrapped. */
static void
meta_line(struct lay *l, const char *s)
{
	char *t = text_sanitize(s, strlen(s), 0);

	para_next(l);
	if (text_width(t, strlen(t)) <= l->width)
		line_add(l, RL_META, t, strlen(t));
	else
		wrap(l, RL_META, t, 0, "", "");
	free(t);
}

/* The fields of the meta line: time, source, author, comments; how many. */
static size_t
meta_fields(const struct article *a, char *v[4])
{
	char when[17];
	size_t n = 0;

	if (!str_empty(a->time_text)) {
		meta_field(v, &n, xstrdup(a->time_text));
	} else if (a->time != 0) {     /* an instant (a feed's): the reader's zone */
		time_ymdhm_local(a->time, when);
		meta_field(v, &n, xstrdup(when));
	}
	if (!str_empty(a->source))
		meta_field(v, &n, xasprintf(_("Source: %s"), a->source));
	if (!str_empty(a->author))
		meta_field(v, &n, xasprintf(_("Author: %s"), a->author));
	if (a->comments >= 0)
		meta_field(v, &n, xasprintf(_("Comments: %d"), a->comments));
	return n;
}

/* Time, source, author, comments on one line, or as few as the width
 * allows, broken between fields. */
static void
lay_meta(struct lay *l, const struct article *a)
{
	char *v[4];
	size_t n = meta_fields(a, v);
	struct buf line;

	buf_init(&line, 0);
	buf_add(&line, "", 0);
	for (size_t i = 0; i < n; i++) {
		int lw = text_width(line.data, line.len);
		int fw = text_width(v[i], strlen(v[i]));

		if (line.len > 0 && lw + 2 + fw > l->width) {
			meta_line(l, line.data);
			line.len = 0;
		}
		if (line.len > 0)
			buf_adds(&line, "  ");
		buf_adds(&line, v[i]);
		free(v[i]);
	}
	if (line.len > 0)
		meta_line(l, line.data);
	buf_free(&line);
}

static void
lay_editor(struct lay *l, const struct article *a)
{
	char *t;

	if (a == NULL || str_empty(a->editor))
		return;
	t = xasprintf(_("(Editor: %s)"), a->editor);
	line_blank(l);
	wrap(l, RL_EDITOR, t, 0, "", "");
	free(t);
}

static void
lay_links(struct lay *l, const struct rblocks *b)
{
	if (b == NULL || b->nlinks == 0)
		return;
	line_blank(l);
	wrap(l, RL_LINKS, _("Links:"), 0, "", "");
	for (size_t i = 0; i < b->nlinks; i++) {
		char *first = xasprintf("[%zu] ", i + 1);
		char *rest = xasprintf("%*s", text_width(first, strlen(first)), "");

		wrap(l, RL_LINKS, b->links[i], 0, first, rest);
		free(first);
		free(rest);
	}
}

int
render_layout(const struct article *a, const struct rblocks *b,
              int width, struct rdoc *out)
{
	struct lay l = { out, width < 1 ? 1 : width, 0, 0, -1, b };

	memset(out, 0, sizeof *out);
	out->width = l.width;
	if (a != NULL) {
		lay_title(&l, a);
		lay_meta(&l, a);
	}
	if (out->n > 0 && b != NULL && b->n > 0)
		line_blank(&l);
	lay_body(&l, a, b);
	lay_editor(&l, a);
	lay_links(&l, b);
	return 0;
}

/* ---- the article as text ------------------------------------------------ */

/* Adds s, sanitized (no control reaches a terminal it is pasted or
 * piped to), after prefix. */
static void
text_add(struct buf *b, const char *prefix, const char *s)
{
	char *t = text_sanitize(s, strlen(s), TEXT_KEEP_NL);

	buf_adds(b, prefix);
	buf_adds(b, t);
	free(t);
}

static void
block_text(struct buf *b, const struct rblock *k, int md)
{
	static const char hashes[] = "######";
	const char *t = k->text ? k->text : "";
	int level = k->level < 1 ? 1 : k->level > 5 ? 5 : k->level;

	for (int i = 1; k->kind == RB_LIST_ITEM && i < level; i++)
		buf_adds(b, "  ");
	switch (md ? k->kind : -1) {
	case RB_HEADING:
		buf_add(b, hashes, (size_t)level + 1);
		text_add(b, " ", t);
		break;
	case RB_QUOTE:
		text_add(b, "> ", t);
		break;
	case RB_PRE:
		text_add(b, "```\n", t);
		buf_adds(b, "\n```");
		break;
	case RB_LIST_ITEM:
		text_add(b, str_starts(t, "• ") ? "- " : "", str_starts(t, "• ") ? t + 4 : t);
		break;
	case RB_IMAGE:
		if (k->src != NULL) {
			text_add(b, "![", t);
			text_add(b, "](", k->src);
			buf_adds(b, ")");
		} else {
			text_add(b, "", t);
		}
		break;
	case RB_RULE:
		buf_adds(b, "---");
		break;
	default:
		text_add(b, "", k->kind == RB_RULE ? "――――――" : t);
		break;
	}
	buf_adds(b, "\n\n");
}

char *
render_text(const struct article *a, const struct rblocks *b, int markdown)
{
	struct buf out;
	char *v[4];
	size_t n = meta_fields(a, v);

	buf_init(&out, 0);
	buf_add(&out, "", 0);
	if (!str_empty(a->title))
		text_add(&out, markdown ? "# " : "", a->title);
	buf_adds(&out, "\n\n");
	for (size_t i = 0; i < n; i++) {
		text_add(&out, i > 0 ? "  " : "", v[i]);
		free(v[i]);
	}
	if (!str_empty(a->url)) {
		text_add(&out, n > 0 ? (markdown ? "  \n<" : "\n") : (markdown ? "<" : ""), a->url);
		buf_adds(&out, markdown ? ">" : "");
	}
	buf_adds(&out, "\n\n");
	for (size_t i = 0; b != NULL && i < b->n; i++)
		block_text(&out, &b->v[i], markdown);
	if (!str_empty(a->editor)) {
		char *ed = xasprintf(_("(Editor: %s)"), a->editor);

		text_add(&out, "", ed);
		buf_adds(&out, "\n\n");
		free(ed);
	}
	for (size_t i = 0; b != NULL && i < b->nlinks; i++) {
		char *num = xasprintf(markdown ? "[%zu]: " : "[%zu] ", i + 1);

		text_add(&out, num, b->links[i]);
		buf_adds(&out, "\n");
		free(num);
	}
	while (out.len > 1 && out.data[out.len - 1] == '\n' && out.data[out.len - 2] == '\n')
		out.data[--out.len] = '\0';
	return buf_steal(&out, NULL);
}

void
rdoc_free(struct rdoc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}
