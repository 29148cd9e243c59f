/* extract.c: the main text of a page that has no site profile.
 *
 * The page is parsed with libxml2's HTML parser (html.c: no network, no
 * encoding switching).  First the metadata is read from the whole page
 * (meta tags, <title>, headings, <time>, the line under the title); then
 * what is never text is cut (scripts, forms, nav, footers, and elements
 * whose class or id says navigation, sidebar, comments, related links...);
 * then every paragraph gives points to its container, by its length and
 * its commas, as Readability does, and the container with the most points,
 * discounted by the share of its text inside links, is the article.  Its
 * link lists, meta lines and attributes are cleaned and its links made
 * absolute.  All walks are iterative: a deep page cannot overflow the
 * stack. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLtree.h>

#include "extract.h"
#include "generic.h"
#include "html.h"
#include "utf8.h"
#include "util.h"

#define MIN_CHARS    50     /* less text than this is no article */
#define UNIT_CHARS   10     /* a paragraph or line shorter than this scores nothing */
#define AFTER_TITLE  600    /* bytes of text after the title searched for the date */
#define TOP_N        20     /* candidates whose link density is measured */
#define TITLE_MAX    300    /* bytes of a heading still taken for the title */

/* ---- tables ---------------------------------------------------------------- */

/* Never article text. */
static const char *const junk_tags[] = {
	"script", "style", "noscript", "iframe", "form", "nav", "footer", "aside",
	"button", "select", "textarea", "input", "svg", "object", "embed",
	"template", "header", "menu", "dialog", "canvas", "map",
};

/* Inline elements: their text belongs to the line they are in. */
static const char *const inline_tags[] = {
	"a", "b", "strong", "i", "em", "font", "span", "u", "small", "big", "sub",
	"sup", "code", "abbr", "cite", "mark", "q", "s", "strike", "tt", "var",
	"ins", "del", "label", "time", "img",
};

/* Words in class and id.  prefix: "comments" matches "comment". */
static const struct word {
	const char *w;
	int prefix;
} negative[] = {
	{ "comment", 1 }, { "reply", 1 }, { "footer", 1 }, { "foot", 0 },
	{ "sidebar", 1 }, { "side", 0 }, { "nav", 1 }, { "menu", 1 }, { "share", 1 },
	{ "social", 1 }, { "related", 1 }, { "recommend", 1 }, { "breadcrumb", 1 },
	{ "crumb", 1 }, { "position", 0 }, { "copyright", 1 }, { "ad", 0 },
	{ "ads", 0 }, { "advert", 1 }, { "banner", 1 }, { "login", 1 },
	{ "pager", 0 }, { "pagination", 1 }, { "tags", 0 }, { "tag", 0 },
	{ "hot", 0 }, { "rank", 1 }, { "phb", 0 }, { "xgxw", 0 }, { "xgyd", 0 },
	{ "daohang", 0 }, { "bottom", 0 }, { "top", 0 }, { "topbar", 0 },
	{ "header", 1 }, { "masthead", 0 }, { "widget", 1 }, { "popup", 1 },
	{ "sponsor", 1 }, { "newsletter", 1 }, { "subscribe", 1 }, { "toolbar", 1 },
	{ "pullquote", 0 }, { "shengming", 0 }, { "mianze", 1 }, { "banquan", 1 },
	{ "disclaimer", 1 }, { "statement", 1 }, { "ewm", 0 }, { "qrcode", 1 },
}, positive[] = {
	{ "article", 1 }, { "content", 1 }, { "post", 0 }, { "entry", 1 },
	{ "text", 0 }, { "body", 0 }, { "main", 0 }, { "story", 1 }, { "detail", 1 },
	{ "zoom", 0 }, { "news", 0 }, { "trs", 1 }, { "wz", 0 }, { "con", 0 },
}, metaline[] = {
	{ "meta", 0 }, { "info", 0 }, { "byline", 0 }, { "time", 0 }, { "date", 0 },
	{ "source", 0 }, { "editor", 0 },
};

/* Where the publication time may be said, best first. */
static const struct {
	const char *attr, *value;
} time_metas[] = {
	{ "property", "article:published_time" }, { "itemprop", "datePublished" },
	{ "name", "pubdate" }, { "name", "publishdate" }, { "name", "PubDate" },
	{ "name", "publish_date" }, { "name", "dc.date.issued" }, { "name", "dc.date" },
	{ "name", "date" }, { "property", "og:published_time" },
};

static const struct {
	const char *attr, *value;
} author_metas[] = {
	{ "name", "author" }, { "property", "article:author" }, { "name", "byl" },
	{ "name", "dc.creator" },
};


/* ---- small helpers ---------------------------------------------------------- */

/* Whether class or id holds one of the words. */
static int
has_word(xmlNodePtr n, const struct word *w, size_t nw)
{
	static const char *const attrs[] = { "class", "id" };
	int found = 0;

	for (size_t a = 0; a < ARRAY_LEN(attrs) && !found; a++) {
		char *v = html_attr(n, attrs[a]), *save = NULL;

		for (char *tok = v ? strtok_r(v, " \t\n-_.:", &save) : NULL;
		     tok != NULL && !found; tok = strtok_r(NULL, " \t\n-_.:", &save))
			for (size_t i = 0; i < nw && !found; i++)
				found = w[i].prefix ? strncasecmp(tok, w[i].w, strlen(w[i].w)) == 0
				                    : strcasecmp(tok, w[i].w) == 0;
		free(v);
	}
	return found;
}

static xmlNodePtr
next_in(xmlNodePtr n, xmlNodePtr root)
{
	if (n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	return html_next_after(n, root);
}

/* Characters, characters inside links and commas of a text. */
struct tstats {
	size_t chars, link_chars, commas;
};

static void
stats_text(struct tstats *t, const char *s, int in_link)
{
	static const char *const commas[] = { "，", "、", "；", "。" };

	for (const unsigned char *p = (const unsigned char *)s; p != NULL && *p; p++) {
		if (!utf8_lead(*p) || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (strncmp((const char *)p, "\xe3\x80\x80", 3) == 0 ||
		    strncmp((const char *)p, "\xc2\xa0", 2) == 0)
			continue;       /* U+3000, U+00A0 */
		t->chars++;
		t->link_chars += in_link;
		t->commas += *p == ',';
		for (size_t i = 0; i < ARRAY_LEN(commas); i++)
			t->commas += strncmp((const char *)p, commas[i], 3) == 0;
	}
}

static int is_junk(xmlNodePtr n);

/* Text statistics of root's subtree, without recursion; what is never
 * text (is_junk) left out. */
static void
subtree_stats(xmlNodePtr root, struct tstats *t)
{
	int in_link = 0;
	xmlNodePtr n = root->children;

	while (n != NULL) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			stats_text(t, (const char *)n->content, in_link > 0);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL && !is_junk(n)) {
			in_link += html_is_tag(n, "a");
			n = n->children;
			continue;
		}
		while (n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == root)
				return;
			in_link -= html_is_tag(n, "a");
		}
		n = n->next;
	}
}

/* The text of a subtree, whitespace folded, at most max bytes; what is
 * never text (a script beside a share line) left out. */
static char *
node_text(xmlNodePtr root, size_t max)
{
	static const char *const code[] = { "script", "style", "noscript", "template" };
	struct buf b;

	buf_init(&b, 0);
	for (xmlNodePtr n = root->children; n != NULL && b.len < max;
	     n = html_tag_in(n, code, ARRAY_LEN(code)) ? html_next_after(n, root) : next_in(n, root)) {
		if (html_tag_in(n, code, ARRAY_LEN(code)))
			continue;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			buf_adds(&b, (const char *)n->content);
		else if (html_is_tag(n, "br") || html_is_tag(n, "p") || html_is_tag(n, "div"))
			buf_adds(&b, " ");
	}
	return html_squeeze(buf_steal(&b, NULL));
}

static void
remove_nodes(xmlNodePtr *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		xmlUnlinkNode(v[i]);
	for (size_t i = 0; i < n; i++)
		xmlFreeNode(v[i]);
	free(v);
}

struct nodes {
	xmlNodePtr *v;
	size_t n, cap;
};

static void
nodes_add(struct nodes *l, xmlNodePtr n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 32;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = n;
}

/* ---- metadata ------------------------------------------------------------------ */

/* The text after node n in document order, up to max bytes. */
static char *
text_after(xmlNodePtr n, xmlNodePtr root, size_t max)
{
	struct buf b;

	buf_init(&b, 0);
	for (xmlNodePtr m = html_next_after(n, root); m != NULL && b.len < max; m = next_in(m, root)) {
		if (m->type == XML_TEXT_NODE)
			buf_adds(&b, (const char *)m->content);
		else if (m->type == XML_ELEMENT_NODE)
			buf_adds(&b, " ");
	}
	return buf_steal(&b, NULL);
}

struct meta {
	char *title;
	xmlNodePtr title_node;      /* the heading that holds the title, if any */
	char *time_text;
	int64_t time;
	char *author, *source, *editor;
};

static void
meta_free(struct meta *m)
{
	free(m->title);
	free(m->time_text);
	free(m->author);
	free(m->source);
	free(m->editor);
}

/* The heading (h1, h2, or an element whose class says title) whose text
 * is the longest part of <title>. */
static xmlNodePtr
title_heading(xmlNodePtr root, const char *doc_title, char **text)
{
	static const struct word title_word[] = { { "title", 1 }, { "headline", 1 } };
	xmlNodePtr best = NULL;

	*text = NULL;
	for (xmlNodePtr n = root; n != NULL; n = next_in(n, root)) {
		char *t;

		if (n->type != XML_ELEMENT_NODE || html_is_tag(n, "title") ||
		    !(html_is_tag(n, "h1") || html_is_tag(n, "h2") || has_word(n, title_word, 2)))
			continue;
		t = node_text(n, TITLE_MAX);
		if (utf8_count(t, strlen(t)) >= 4 && strlen(t) < TITLE_MAX &&
		    (doc_title == NULL || strstr(doc_title, t) != NULL) &&
		    (*text == NULL || strlen(t) > strlen(*text))) {
			free(*text);
			*text = t;
			best = n;
		} else {
			free(t);
		}
	}
	return best;
}

static void
find_title(xmlNodePtr root, struct meta *m)
{
	xmlNodePtr tn = NULL;
	char *doc_title = NULL, *og = gen_meta(root, "property", "og:title");
	char *heading;

	for (xmlNodePtr n = root; n != NULL && tn == NULL; n = next_in(n, root))
		if (html_is_tag(n, "title"))
			tn = n;
	if (tn != NULL)
		doc_title = node_text(tn, 4096);
	m->title_node = title_heading(root, doc_title, &heading);
	if (m->title_node == NULL && doc_title == NULL)  /* no <title>: any h1 */
		m->title_node = title_heading(root, NULL, &heading);
	if (og != NULL)
		m->title = html_squeeze(og);
	else if (heading != NULL)
		m->title = xstrdup(heading);
	else if (!str_empty(doc_title))
		m->title = gen_cut_site(doc_title);
	if (m->title_node == NULL && m->title != NULL)
		m->title_node = gen_holding(root, m->title);
	free(heading);
	free(doc_title);
}

static void
find_time(xmlNodePtr root, struct meta *m, const char *after)
{
	char norm[32];
	size_t at, len;
	int day_only = 0;

	for (size_t i = 0; i < ARRAY_LEN(time_metas) && m->time == 0; i++) {
		char *c = gen_meta(root, time_metas[i].attr, time_metas[i].value);

		if (c != NULL && time_parse_cn(c) != 0) {
			m->time = time_parse_cn(c);
			m->time_text = c;
		} else {
			free(c);
		}
	}
	for (xmlNodePtr n = root; n != NULL && m->time == 0; n = next_in(n, root)) {
		char *dt = html_is_tag(n, "time") ? html_attr(n, "datetime") : NULL;

		if (dt != NULL && time_parse_cn(dt) != 0) {
			m->time = time_parse_cn(dt);
			m->time_text = dt;
		} else {
			free(dt);
		}
	}
	if (m->time == 0 && after != NULL && gen_find_date(after, 0, &at, &len, norm)) {
		m->time = time_parse_cn(norm);
		m->time_text = html_squeeze(xstrndup(after + at, len));
		day_only = strlen(norm) == 10;
	}
	if (m->time != 0) {     /* shown as the reader's other articles are */
		char ymdhm[17];

		time_ymdhm(m->time, ymdhm);
		ymdhm[day_only ? 10 : 16] = '\0';
		xfree_set(&m->time_text, xstrdup(ymdhm));
	}
}

static void
find_meta(xmlNodePtr root, struct meta *m)
{
	char *after, *all;

	find_title(root, m);
	after = m->title_node ? text_after(m->title_node, root, AFTER_TITLE) : NULL;
	find_time(root, m, after);
	for (size_t i = 0; i < ARRAY_LEN(author_metas) && m->author == NULL; i++) {
		m->author = gen_meta(root, author_metas[i].attr, author_metas[i].value);
		if (m->author != NULL && (str_starts(m->author, "http://") ||
		                          str_starts(m->author, "https://")))
			xfree_set(&m->author, NULL);
	}
	if (m->author == NULL)
		m->author = gen_labelled(after, GL_AUTHOR);
	m->source = gen_labelled(after, GL_SOURCE);
	all = node_text(root, SIZE_MAX);
	m->editor = gen_labelled(all, GL_EDITOR);
	free(all);
	free(after);
}

/* Whether an element is or holds a name element. */
static int
holds(xmlNodePtr c, const char *name)
{
	for (xmlNodePtr n = c; n != NULL; n = next_in(n, c))
		if (html_is_tag(n, name))
			return 1;
	return 0;
}

/* A line of time, source and editor by its class (info, meta, source…)
 * and its shortness: a block of text whose class says so too (TRS_Editor,
 * the body of a common Chinese CMS) is none. */
static int
meta_line(xmlNodePtr n)
{
	struct tstats t = { 0 };

	if (!has_word(n, metaline, ARRAY_LEN(metaline)) || holds(n, "p"))
		return 0;
	subtree_stats(n, &t);
	return t.chars < 200;
}

/* ---- cutting what is never text --------------------------------------------- */

static int
hidden(xmlNodePtr n)
{
	char *style = html_attr(n, "style");
	int h = xmlHasProp(n, (const xmlChar *)"hidden") != NULL;

	if (style != NULL) {
		char *s = style, *w = style;

		for (; *s; s++)         /* "display: none" -> "display:none" */
			if (*s != ' ')
				*w++ = *s;
		*w = '\0';
		h |= strcasestr(style, "display:none") != NULL ||
		     strcasestr(style, "visibility:hidden") != NULL;
	}
	free(style);
	return h;
}

static int
is_junk(xmlNodePtr n)
{
	if (n->type == XML_COMMENT_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE || html_is_tag(n, "body") || html_is_tag(n, "html") ||
	    html_is_tag(n, "head"))
		return 0;
	if (html_tag_in(n, junk_tags, ARRAY_LEN(junk_tags)) || hidden(n))
		return 1;
	return has_word(n, negative, ARRAY_LEN(negative)) &&
	       !has_word(n, positive, ARRAY_LEN(positive));
}

/* ---- scoring ------------------------------------------------------------------- */

struct cand {
	xmlNodePtr node;
	double score;
};

struct scores {
	struct cand *v;
	size_t n, cap;
};

static struct cand *
cand_of(struct scores *s, xmlNodePtr n)
{
	uintptr_t k = (uintptr_t)n->_private;

	if (k != 0)
		return &s->v[k - 1];
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n].node = n;
	s->v[s->n].score = 0;
	n->_private = (void *)(uintptr_t)(++s->n);
	return &s->v[s->n - 1];
}

static void
give(struct scores *s, xmlNodePtr n, double points)
{
	if (n != NULL && n->type == XML_ELEMENT_NODE)
		cand_of(s, n)->score += points;
}

static double
unit_points(const struct tstats *t)
{
	double len = (double)t->chars / 100.0;

	if (t->chars < UNIT_CHARS || t->link_chars * 2 > t->chars)
		return 0;
	return 1.0 + (double)t->commas + (len < 3 ? len : 3);
}

/* Lines of direct text (text and inline elements between <br>s and
 * blocks) in a container: each scores for the container itself. */
static double
line_points(xmlNodePtr el)
{
	struct tstats line = { 0 };
	double points = 0;

	for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			stats_text(&line, (const char *)c->content, 0);
		} else if (c->type == XML_ELEMENT_NODE &&
		           html_tag_in(c, inline_tags, ARRAY_LEN(inline_tags))) {
			struct tstats in = { 0 };

			subtree_stats(c, &in);
			if (html_is_tag(c, "a"))
				in.link_chars = in.chars;
			line.chars += in.chars;
			line.link_chars += in.link_chars;
			line.commas += in.commas;
		} else if (c->type == XML_ELEMENT_NODE) {
			points += unit_points(&line);
			memset(&line, 0, sizeof line);
		}
	}
	return points + unit_points(&line);
}

static void
score_node(struct scores *s, xmlNodePtr n)
{
	struct tstats t = { 0 };
	double p;

	if (html_is_tag(n, "p") || html_is_tag(n, "pre")) {
		subtree_stats(n, &t);
		p = unit_points(&t);
		give(s, n->parent, p);
		give(s, n->parent ? n->parent->parent : NULL, p / 2);
		return;
	}
	if (html_tag_in(n, inline_tags, ARRAY_LEN(inline_tags)) || html_is_tag(n, "li") ||
	    html_is_tag(n, "h1") || html_is_tag(n, "h2") || html_is_tag(n, "h3") || html_is_tag(n, "title"))
		return;
	p = line_points(n);
	if (p > 0) {
		give(s, n, p);
		give(s, n->parent, p / 2);
	}
}

/* Readability's weights: the kind of element and what class/id say. */
static double
weight(xmlNodePtr n)
{
	double w = 0;

	if (html_is_tag(n, "div") || html_is_tag(n, "article") || html_is_tag(n, "section"))
		w += 5;
	else if (html_is_tag(n, "td") || html_is_tag(n, "blockquote") || html_is_tag(n, "pre"))
		w += 3;
	else if (html_is_tag(n, "ul") || html_is_tag(n, "ol") || html_is_tag(n, "li") || html_is_tag(n, "dl"))
		w -= 3;
	else if (html_is_tag(n, "body"))
		w -= 5;
	if (has_word(n, positive, ARRAY_LEN(positive)))
		w += 25;
	if (has_word(n, negative, ARRAY_LEN(negative)))
		w -= 25;
	return w;
}

static int
cmp_cand(const void *a, const void *b)
{
	double x = (*(const struct cand *const *)a)->score;
	double y = (*(const struct cand *const *)b)->score;

	return (x < y) - (x > y);
}

/* Boilerplate a Chinese news page puts after its text: a copyright
 * notice (its ①②③ follow it), QR-code captions, share buttons. */
static const char *const notices[] = {
	"版权与免责声明", "免责声明", "版权声明", "郑重声明", "特别声明",
};
static const char *const chrome[] = {
	"扫描添加", "扫一扫", "分享到", "扫描二维码", "长按识别",
};

static int
starts_any(const char *t, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (str_starts(t, v[i]))
			return 1;
	return 0;
}

static int
is_notice(xmlNodePtr n)
{
	char *t = node_text(n, 64);
	int yes = starts_any(t, notices, ARRAY_LEN(notices));

	free(t);
	return yes;
}

static double
link_free(xmlNodePtr n, double score)
{
	struct tstats t = { 0 };

	subtree_stats(n, &t);
	if (t.chars == 0)
		return 0;
	return score * (1.0 - (double)t.link_chars / (double)t.chars);
}

/* A picture with at most a caption, no link: part of the article beside
 * its text. */
static int
figure(xmlNodePtr c)
{
	struct tstats t = { 0 };

	if (!holds(c, "img") || holds(c, "a"))
		return 0;
	subtree_stats(c, &t);
	return t.chars < 100;
}

/* Whether sibling c of the best block goes on with the article (as
 * Readability merges siblings): a block scoring near the best, or a
 * paragraph of plain text. */
static int
continues(const struct scores *s, xmlNodePtr c, double threshold)
{
	uintptr_t k = (uintptr_t)c->_private;
	struct tstats t = { 0 };

	if (c->type != XML_ELEMENT_NODE || is_junk(c) || is_notice(c) ||
	    meta_line(c) || holds(c, "h1"))
		return 0;
	if (k != 0 && link_free(c, s->v[k - 1].score) >= threshold)
		return 1;
	if (!html_is_tag(c, "p"))
		return 0;
	subtree_stats(c, &t);
	if (t.chars >= 80 && t.link_chars * 4 < t.chars)
		return 1;
	if (t.chars > 0 && t.link_chars == 0) {
		char *text = node_text(c, 4000);
		int sentence = str_ends(text, "。");

		free(text);
		return sentence;
	}
	return 0;
}

int
extract_goes_on(xmlNodePtr c)
{
	struct tstats t = { 0 };

	if (c->type != XML_ELEMENT_NODE || is_junk(c) || is_notice(c))
		return 0;
	subtree_stats(c, &t);
	return t.chars >= 80 && t.link_chars * 4 < t.chars && t.commas >= 2;
}

int
extract_is_notice(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && is_notice(n);
}

/* The best block, and its siblings that go on with it, in order. */
static int
best_blocks(xmlNodePtr body, struct extract_blocks *out)
{
	struct scores s = { 0 };
	struct cand **byscore;
	xmlNodePtr best = NULL;
	double best_score = 0;

	memset(out, 0, sizeof *out);
	for (xmlNodePtr n = body; n != NULL; n = n != body && is_junk(n) ? html_next_after(n, body)
	                                                                 : next_in(n, body))
		if (n->type == XML_ELEMENT_NODE)
			score_node(&s, n);
	byscore = xcalloc(s.n + 1, sizeof *byscore);
	for (size_t i = 0; i < s.n; i++) {
		s.v[i].score += s.v[i].score > 0 ? weight(s.v[i].node) : 0;
		byscore[i] = &s.v[i];
	}
	if (s.n > 0)
		qsort(byscore, s.n, sizeof *byscore, cmp_cand);
	for (size_t i = 0, tried = 0; i < s.n && tried < TOP_N; i++) {
		double sc;

		if (meta_line(byscore[i]->node))
			continue;       /* a line of time and source: never the text */
		tried++;
		sc = link_free(byscore[i]->node, byscore[i]->score);

		if (sc > best_score) {
			best_score = sc;
			best = byscore[i]->node;
		}
	}
	free(byscore);
	if (best != NULL && best->parent != NULL && best != body) {
		double threshold = best_score * 0.2 > 10 ? best_score * 0.2 : 10;

		xmlNodePtr before = best->prev, after = best->next;

		while (before != NULL && before->type != XML_ELEMENT_NODE)
			before = before->prev;
		while (after != NULL && after->type != XML_ELEMENT_NODE)
			after = after->next;
		for (xmlNodePtr c = best->parent->children; c != NULL; c = c->next)
			if (c == best || continues(&s, c, threshold) ||
			    ((c == before || c == after) && figure(c))) {
				out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
				out->v[out->n++] = c;
			}
	} else if (best != NULL) {
		out->v = xmalloc(sizeof *out->v);
		out->v[out->n++] = best;
	}
	for (size_t i = 0; i < s.n; i++)
		s.v[i].node->_private = NULL;
	free(s.v);
	return out->n > 0 ? 0 : -1;
}

/* ---- cleaning the article --------------------------------------------------- */

static int
link_list(xmlNodePtr n)
{
	struct tstats t = { 0 };

	if (!(html_is_tag(n, "div") || html_is_tag(n, "ul") || html_is_tag(n, "ol") || html_is_tag(n, "p") ||
	      html_is_tag(n, "table") || html_is_tag(n, "section") || html_is_tag(n, "dl")))
		return 0;
	subtree_stats(n, &t);
	return t.chars > 0 && t.chars < 300 && t.link_chars * 2 > t.chars;
}

/* The heading of the title, a meta line, a short 责任编辑 line, a QR-code
 * caption or share line. */
static int
not_body(xmlNodePtr n, const struct meta *m)
{
	char *t;
	int gone = 0;
	size_t chars;

	if (n == m->title_node)
		return 1;
	if (meta_line(n))
		return 1;
	if (!(html_is_tag(n, "h1") || html_is_tag(n, "div") || html_is_tag(n, "p") || html_is_tag(n, "span")))
		return 0;
	t = node_text(n, 400);
	chars = utf8_count(t, strlen(t));
	if (html_is_tag(n, "h1") && m->title != NULL && strcmp(t, m->title) == 0)
		gone = 1;
	if (chars < 40 && (strstr(t, "责任编辑") != NULL || starts_any(t, chrome, ARRAY_LEN(chrome))))
		gone = 1;
	free(t);
	return gone;
}

static int
circled(xmlNodePtr n)
{
	char *t = node_text(n, 16);
	const unsigned char *u = (const unsigned char *)t;
	/* U+2460..U+2473 ①..⑳ */
	int yes = u[0] == 0xe2 && u[1] == 0x91 && u[2] >= 0xa0 && u[2] <= 0xb3;

	free(t);
	return yes;
}

static const char *const kept_attrs[] = { "href", "src", "alt", "colspan", "rowspan" };

/* Drops styling attributes, takes lazy images' real source, makes links
 * absolute. */
static void
clean_attrs(xmlNodePtr n, const char *url)
{
	static const char *const lazy[] = { "data-src", "data-original", "data-lazy-src" };
	xmlAttrPtr a = n->properties;

	for (size_t i = 0; i < ARRAY_LEN(lazy) && html_is_tag(n, "img"); i++) {
		char *v = html_attr(n, lazy[i]);

		if (v != NULL && *v != '\0')
			xmlSetProp(n, (const xmlChar *)"src", (const xmlChar *)v);
		free(v);
	}
	while (a != NULL) {
		xmlAttrPtr next = a->next;
		int keep = 0;

		for (size_t i = 0; i < ARRAY_LEN(kept_attrs); i++)
			keep |= strcasecmp((const char *)a->name, kept_attrs[i]) == 0;
		if (!keep) {
			xmlRemoveProp(a);
		} else if (strcasecmp((const char *)a->name, "href") == 0 ||
		           strcasecmp((const char *)a->name, "src") == 0) {
			char *v = html_attr(n, (const char *)a->name);
			char *abs = v != NULL ? html_resolve(url, v) : NULL;

			if (abs != NULL)
				xmlSetProp(n, a->name, (const xmlChar *)abs);
			free(abs);
			free(v);
		}
		a = next;
	}
}

/* Cuts from the article what is not its text: junk, link lists, the
 * title and meta lines, a copyright notice and its numbered points. */
static void
clean(xmlNodePtr top, const struct meta *m, const char *url)
{
	struct nodes gone = { 0 };
	xmlNodePtr n = top->children, notice = NULL;

	while (n != NULL) {
		int cut = is_junk(n);

		if (!cut && n->type == XML_ELEMENT_NODE) {
			if (is_notice(n))
				cut = 1, notice = n;
			else if (notice != NULL && n->parent == notice->parent && circled(n))
				cut = 1;
			else
				cut = not_body(n, m) || link_list(n);
		}
		if (cut) {
			nodes_add(&gone, n);
			n = html_next_after(n, top);
			continue;
		}
		if (n->type == XML_ELEMENT_NODE)
			clean_attrs(n, url);
		n = next_in(n, top);
	}
	remove_nodes(gone.v, gone.n);
	clean_attrs(top, url);
}

static char *
serialize(xmlNodePtr top)
{
	struct buf b;

	if (!html_is_tag(top, "body"))
		return html_serialize(top);
	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (xmlNodePtr c = top->children; c != NULL; c = c->next) {
		char *s = html_serialize(c);

		buf_adds(&b, s);
		free(s);
	}
	return buf_steal(&b, NULL);
}

/* ---- the interface --------------------------------------------------------------- */

static xmlNodePtr
find_body(htmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);

	for (xmlNodePtr n = root; n != NULL; n = next_in(n, root))
		if (html_is_tag(n, "body"))
			return n;
	return root;
}

static void
quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

int
extract_find(htmlDocPtr doc, struct extract_blocks *out)
{
	xmlNodePtr body = doc ? find_body(doc) : NULL;

	memset(out, 0, sizeof *out);
	return body != NULL ? best_blocks(body, out) : -1;
}

void
extract_blocks_free(struct extract_blocks *b)
{
	free(b->v);
	memset(b, 0, sizeof *b);
}

xmlNodePtr
extract_take(struct extract_blocks *b, const char *url, const char *title,
             xmlNodePtr title_node)
{
	struct meta m = { .title = (char *)title, .title_node = title_node };
	xmlNodePtr top;

	if (b->n == 0)
		return NULL;
	top = b->v[0];
	if (b->n > 1) {         /* the blocks in one <div> where the first stood */
		top = xmlNewDocNode(b->v[0]->doc, NULL, (const xmlChar *)"div", NULL);
		xmlAddPrevSibling(b->v[0], top);
		for (size_t i = 0; i < b->n; i++) {
			xmlUnlinkNode(b->v[i]);
			xmlAddChild(top, b->v[i]);
		}
	}
	clean(top, &m, url);
	extract_blocks_free(b);
	return top;
}

char *
extract_serialize(xmlNodePtr top)
{
	return serialize(top);
}

int
extract_article(const char *html, size_t len, const char *url,
                struct article *out, struct err *e)
{
	htmlDocPtr doc;
	xmlNodePtr root, top = NULL;
	struct meta m = { 0 };
	struct tstats t = { 0 };
	struct extract_blocks b;
	int rc = -1;

	xmlSetStructuredErrorFunc(NULL, quiet);
	doc = html_parse(html, len);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		err_set(e, _("%s: the page is empty"), url);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	find_meta(root, &m);
	if (extract_find(doc, &b) == 0)
		top = extract_take(&b, url, m.title, m.title_node);
	if (top != NULL)
		subtree_stats(top, &t);
	if (top == NULL || t.chars < MIN_CHARS || t.link_chars * 2 > t.chars) {
		err_set(e, _("%s: no article text found on this page"), url);
		goto out;
	}
	xfree_set(&out->url, xstrdup(url));
	xfree_set(&out->title, m.title ? xstrdup(m.title) : NULL);
	xfree_set(&out->time_text, xstrdup(m.time_text));
	out->time = m.time;
	xfree_set(&out->author, xstrdup(m.author));
	xfree_set(&out->source, xstrdup(m.source));
	xfree_set(&out->editor, xstrdup(m.editor));
	xfree_set(&out->body_html, serialize(top));
	xfree_set(&out->next_page, NULL);
	out->comments = -1;
	rc = 0;
out:
	meta_free(&m);
	if (doc != NULL)
		xmlFreeDoc(doc);
	return rc;
}
