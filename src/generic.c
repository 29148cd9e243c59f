/* generic.c: what a Chinese news page says without a profile.
 *
 * Nothing here knows a class name of any site.  Article lists are found
 * from the links themselves: every link to an article page is climbed up
 * to the largest element that holds no other article (its item), items
 * are grouped by the element that holds them, and groups are told apart
 * by size, by dates in their items and by where they stand.  Labels,
 * dates and headings are read from text in the forms Chinese editors
 * write them.  All walks are iterative; per-node marks live in the node's
 * _private pointer and are cleared before returning. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "generic.h"
#include "html.h"
#include "utf8.h"
#include "util.h"

#define MAX_LINKS     4000  /* article links looked at on one page */
#define LABEL_MAX     30    /* characters of a 来源/作者/责任编辑 value */
#define HEADING_MAX   16    /* characters of a heading over a list */
#define CHANNEL_MAX   8     /* characters of a channel's label */
#define INFO_LINE_MAX 80    /* characters of an info line (time, 来源, 作者) in a body */

/* ---- nodes ---------------------------------------------------------------- */

/* Never text: what a reader does not see. */
static int
unseen(xmlNodePtr n)
{
	static const char *const tags[] = {
		"script", "style", "noscript", "template", "head", "title",
		"select", "textarea", "iframe", "object",
	};

	return n->type == XML_COMMENT_NODE || html_tag_in(n, tags, ARRAY_LEN(tags));
}

/* Whether a node holds others (an element, or the document itself). */
static int
parent_node(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
	       n->type == XML_HTML_DOCUMENT_NODE;
}

/* The next node in document order inside root, unseen subtrees skipped. */
static xmlNodePtr
next_seen(xmlNodePtr n, xmlNodePtr root)
{
	if (parent_node(n) && n->children != NULL && !unseen(n))
		return n->children;
	return html_next_after(n, root);
}

/* The next node in document order inside root, every subtree walked. */
static xmlNodePtr
next_in(xmlNodePtr n, xmlNodePtr root)
{
	if (parent_node(n) && n->children != NULL)
		return n->children;
	return html_next_after(n, root);
}

/* Whether class or id holds a word with one of the prefixes (or, exact,
 * is one of the words). */
static int
named(xmlNodePtr n, const char *const *words, size_t nw, int exact)
{
	static const char *const attrs[] = { "class", "id" };
	int found = 0;

	for (size_t a = 0; a < ARRAY_LEN(attrs) && !found; a++) {
		char *v = html_attr(n, attrs[a]), *save = NULL;

		for (char *t = v ? strtok_r(v, " \t\n-_", &save) : NULL; t != NULL && !found;
		     t = strtok_r(NULL, " \t\n-_", &save))
			for (size_t i = 0; i < nw && !found; i++)
				found = exact ? strcasecmp(t, words[i]) == 0
				              : strncasecmp(t, words[i], strlen(words[i])) == 0;
		free(v);
	}
	return found;
}

/* Inline elements: no word break around them. */
static int
is_inline(xmlNodePtr n)
{
	static const char *const tags[] = {
		"a", "em", "strong", "b", "i", "font", "u", "sup", "sub", "small",
		"big", "s", "strike", "del", "ins", "abbr", "code", "mark", "q",
		"cite", "tt", "var",
	};

	return html_tag_in(n, tags, ARRAY_LEN(tags));
}

static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f')
			return 0;
	return 1;
}

/* A node's part of a text: its text, or a space for a block (one space for
 * a run of them, so a cap counts what is read rather than indentation). */
static void
text_of(struct buf *b, xmlNodePtr n)
{
	int space = 0;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (!blank((const char *)n->content)) {
			buf_adds(b, (const char *)n->content);
			return;
		}
		space = 1;
	} else if (n->type == XML_ELEMENT_NODE && !is_inline(n)) {
		space = 1;
	}
	if (space && b->len > 0 && b->data[b->len - 1] != ' ')
		buf_adds(b, " ");
}

char *
gen_text(xmlNodePtr root, size_t max)
{
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	if (root != NULL && (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE))
		buf_adds(&b, (const char *)root->content);
	for (xmlNodePtr n = root && root->type != XML_TEXT_NODE && !unseen(root) ?
	                    root->children : NULL;
	     n != NULL && b.len < max; n = next_seen(n, root))
		if (!unseen(n))
			text_of(&b, n);
	if (b.len > max)
		b.len = utf8_whole(b.data, max);
	b.data[b.len] = '\0';
	return html_squeeze(buf_steal(&b, NULL));
}

int
gen_contains(xmlNodePtr anc, xmlNodePtr n)
{
	for (; n != NULL; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

#define contains gen_contains

char *
gen_text_between(xmlNodePtr root, xmlNodePtr a, xmlNodePtr b, size_t max)
{
	struct buf bf;

	buf_init(&bf, 0);
	buf_add(&bf, "", 0);
	for (xmlNodePtr n = a ? html_next_after(a, root) : root; n != NULL && bf.len < max;
	     n = next_seen(n, root)) {
		if (n == b)
			break;
		if (b != NULL && contains(n, b)) {      /* an ancestor of b: into it */
			if (n->type == XML_ELEMENT_NODE && !is_inline(n))
				buf_adds(&bf, " ");
			continue;
		}
		if (!unseen(n))
			text_of(&bf, n);
	}
	if (bf.len > max)
		bf.len = utf8_whole(bf.data, max);
	bf.data[bf.len] = '\0';
	return html_squeeze(buf_steal(&bf, NULL));
}

char *
gen_text_before(xmlNodePtr root, xmlNodePtr b, size_t max)
{
	char *all = gen_text_between(root, NULL, b, 1 << 20), *out;
	size_t n = strlen(all), from = n > max ? n - max : 0;

	while (from < n && !utf8_lead((unsigned char)all[from]))
		from++;
	out = xstrdup(all + from);
	free(all);
	return out;
}

/* ---- dates ---------------------------------------------------------------- */

static int
digits(const char *p, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && p[n] >= '0' && p[n] <= '9')
		*v = *v * 10 + (p[n++] - '0');
	return n >= min ? n : 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number written alone as a link or a mark of the current page. */
static int
page_number(const char *t)
{
	int v = 0, k = digits(t, 1, 4, &v);

	return k > 0 && t[k] == '\0' ? v : 0;
}

/* A page number, or one in brackets ([2]). */
static int
page_number_word(const char *w)
{
	size_t n = strlen(w);
	char inner[16];

	if (page_number(w) > 0)
		return 1;
	if (n < 3 || n > 10 || w[0] != '[' || w[n - 1] != ']')
		return 0;
	snprintf(inner, sizeof inner, "%.*s", (int)(n - 2), w + 1);
	return page_number(inner) > 0;
}

/* Spaces between a date and its time: ASCII, U+00A0, U+3000, or 'T'. */
static const char *
skip_gap(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == 'T')
			p++;
		else if (strncmp(p, "\xc2\xa0", 2) == 0)
			p += 2;
		else if (strncmp(p, "\xe3\x80\x80", 3) == 0)
			p += 3;
		else
			return p;
	}
}

static const char *
colon(const char *p)
{
	if (*p == ':')
		return p + 1;
	if (strncmp(p, "：", 3) == 0)
		return p + 3;
	return NULL;
}

/* " 12:18" or " 12:18:01" at p: the end, or NULL. */
static const char *
read_hms(const char *p, int *h, int *mi, int *sec)
{
	const char *t = skip_gap(p), *c;
	int k;

	*sec = -1;
	k = digits(t, 1, 2, h);
	if (k == 0 || (c = colon(t + k)) == NULL || digits(c, 2, 2, mi) == 0 ||
	    *h > 23 || *mi > 59)
		return NULL;
	t = c + 2;
	c = colon(t);
	if (c != NULL && digits(c, 2, 2, sec) == 2 && *sec <= 60)
		t = c + 2;
	else
		*sec = -1;
	return is_digit(*t) ? NULL : t;
}

/* A separator of a date's parts at p: its length, 0 if none. */
static size_t
date_sep(const char *p, int full)
{
	static const char *const seps[] = { "-", "/", ".", "年", "月" };

	for (size_t i = 0; i < ARRAY_LEN(seps); i++)
		if ((full || i < 2 || i == 4) && strncmp(p, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

/* "2022-07-04", "2022/7/4", "2022.07.04", "2022年7月4日" at p (year given:
 * "07-04", "7月4日"): the end, or NULL. */
static const char *
read_ymd(const char *p, int year, int *y, int *mo, int *d)
{
	size_t sl;
	int k;

	if (year > 0) {
		*y = year;
		k = digits(p, 1, 2, mo);
		if (k == 0 || (sl = date_sep(p + k, 0)) == 0)
			return NULL;
		p += k + sl;
	} else {
		if (digits(p, 4, 4, y) != 4 || is_digit(p[4]) || *y < 1990 || *y > 2100)
			return NULL;
		p += 4;
		if ((sl = date_sep(p, 1)) == 0)
			return NULL;
		p += sl;
		k = digits(p, 1, 2, mo);
		if (k == 0 || (sl = date_sep(p + k, 1)) == 0)
			return NULL;
		p += k + sl;
	}
	k = digits(p, 1, 2, d);
	if (k == 0 || is_digit(p[k]) || *mo < 1 || *mo > 12 || *d < 1 || *d > 31)
		return NULL;
	p += k;
	if (strncmp(p, "日", 3) == 0 || strncmp(p, "号", 3) == 0)
		p += 3;
	return p;
}

/* The length of the first of v that p starts with, 0 if none. */
static size_t
prefix_of(const char *p, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(p, v[i], strlen(v[i])) == 0)
			return strlen(v[i]);
	return 0;
}

/* Whether a month-day without a year stands alone at p (not 1-5月 in a
 * sentence): what comes after is a space, a bracket, a time or the end. */
static int
stands_alone(const char *p)
{
	static const char *const ends[] = { " ", "\t", "\n", "]", ")", "）", "】", "\xc2\xa0",
	                                    "\xe3\x80\x80", "|", "｜" };

	return *p == '\0' || prefix_of(p, ends, ARRAY_LEN(ends)) > 0;
}

/* Whether what comes before p in s lets a month-day stand alone: the
 * start, a space, an opening bracket, a colon. */
static int
opens_alone(const char *s, const char *p)
{
	static const char *const starts[] = { " ", "\t", "\n", "[", "(", "（", "【", "\xc2\xa0",
	                                      "\xe3\x80\x80", "|", "｜", ">", "：", ":" };
	size_t back;

	if (p == s)
		return 1;
	back = utf8_back(s, (size_t)(p - s));
	for (size_t i = 0; i < ARRAY_LEN(starts); i++)
		if (back + strlen(starts[i]) == (size_t)(p - s) &&
		    strncmp(s + back, starts[i], strlen(starts[i])) == 0)
			return 1;
	return 0;
}

static int
find_in(const char *s, int year, size_t *at, size_t *len, char norm[32])
{
	for (const char *p = s; *p != '\0'; p++) {
		int y, mo, d, h, mi, sec;
		const char *q, *t;

		if (!is_digit(*p) || (p > s && is_digit(p[-1])))
			continue;
		q = read_ymd(p, year, &y, &mo, &d);
		if (q == NULL)
			continue;
		t = read_hms(q, &h, &mi, &sec);
		if (year > 0 && t == NULL && !stands_alone(q))
			continue;
		if (year > 0 && !opens_alone(s, p))
			continue;
		*at = (size_t)(p - s);
		*len = (size_t)((t ? t : q) - p);
		if (t != NULL && sec >= 0)
			snprintf(norm, 32, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
		else if (t != NULL)
			snprintf(norm, 32, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
		else
			snprintf(norm, 32, "%04d-%02d-%02d", y, mo, d);
		return 1;
	}
	return 0;
}

int
gen_find_date(const char *text, int year, size_t *at, size_t *len, char norm[32])
{
	if (text == NULL)
		return 0;
	if (find_in(text, 0, at, len, norm))
		return 1;
	return year > 0 && find_in(text, year, at, len, norm);
}

static int
valid_ymd(int y, int m, int d)
{
	return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* The date at p, just after a '/' (or 't', '_'), in one of the URL forms. */
static int
url_date_at(const char *p, int *y, int *m, int *d)
{
	int v, k;

	if (digits(p, 8, 8, &v) == 8 && !is_digit(p[8])) {              /* 20220704 */
		*y = v / 10000, *m = v / 100 % 100, *d = v % 100;
		return valid_ymd(*y, *m, *d);
	}
	if (digits(p, 6, 6, &v) == 6 && p[6] == '/' &&
	    digits(p + 7, 2, 2, d) == 2 && !is_digit(p[9])) {            /* 202207/04 */
		*y = v / 100, *m = v % 100;
		return valid_ymd(*y, *m, *d);
	}
	if (digits(p, 4, 4, y) != 4 || (p[4] != '/' && p[4] != '-'))
		return 0;
	k = digits(p + 5, 2, 4, &v);
	if (k == 4 && p[9] == '/') {                                     /* 2022/0704 */
		*m = v / 100, *d = v % 100;
		return valid_ymd(*y, *m, *d);
	}
	if (k == 2 && (p[7] == '/' || p[7] == '-') &&
	    digits(p + 8, 2, 2, d) == 2 && !is_digit(p[10])) {           /* 2022-07/04 */
		*m = v;
		return valid_ymd(*y, *m, *d);
	}
	return 0;
}

int
gen_url_date(const char *url, char norm[11])
{
	const char *path = url ? strstr(url, "://") : NULL;

	if (path == NULL)
		return 0;
	path = strchr(path + 3, '/');
	for (const char *p = path; p != NULL && *p != '\0' && *p != '?' && *p != '#'; p++) {
		int y, m, d;

		if ((*p == '/' || *p == 't' || *p == '_') && url_date_at(p + 1, &y, &m, &d)) {
			snprintf(norm, 11, "%04d-%02d-%02d", y, m, d);
			return 1;
		}
	}
	return 0;
}

int
gen_url_year(const char *url)
{
	char d[11];
	const char *path = url ? strstr(url, "://") : NULL;

	if (gen_url_date(url, d))
		return atoi(d);
	path = path ? strchr(path + 3, '/') : NULL;
	for (const char *p = path; p != NULL && *p != '\0' && *p != '?'; p++) {
		int y;

		if (*p == '/' && digits(p + 1, 4, 4, &y) == 4 && !is_digit(p[5]) &&
		    y >= 1990 && y <= 2100)
			return y;
	}
	return 0;
}

/* ---- labels ----------------------------------------------------------------- */

static const char *const source_labels[] = {
	"稿件来源", "信息来源", "文章来源", "新闻来源", "来源",
};
static const char *const author_labels[] = {
	"作者", "记者", "撰稿", "撰文", "文/", "文／",
};
static const char *const editor_labels[] = {
	"责任编辑", "责编", "编辑",
};
/* Other labels: where a value ends. */
static const char *const stop_labels[] = {
	"稿件来源", "信息来源", "文章来源", "新闻来源", "来源", "作者", "记者", "责任编辑",
	"责编", "编辑", "时间", "发布", "日期",
	"评论", "点击", "浏览", "阅读", "字号", "通讯员", "摄影", "图/", "文/",
};

/* Whether the character before p in s is a boundary of a label: any but
 * a Han character, which would make the label part of a word (资金来源,
 * 主编).  Inline elements written without a space between (2022-07-04来源：,
 * 杭州高新区（滨江）来源：) are boundaries too. */
static int
label_start(const char *s, const char *p)
{
	uint32_t c;
	size_t back;

	if (p == s)
		return 1;
	back = utf8_back(s, (size_t)(p - s));
	utf8_decode(s + back, (size_t)(p - s) - back, &c);
	return !(c >= 0x3400 && c <= 0x9fff) && !(c >= 0xf900 && c <= 0xfaff) &&
	       !(c >= 0x20000 && c <= 0x3ffff);
}

static size_t
space_at(const char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		return 1;
	if (strncmp(p, "\xc2\xa0", 2) == 0)
		return 2;
	if (strncmp(p, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* What may stand between a label and its value. */
static size_t
label_sep(const char *p)
{
	static const char *const seps[] = { "：", ":", "】", "]", "）", ")", "｜", "|",
	                                    "/", "／", "丨" };

	return prefix_of(p, seps, ARRAY_LEN(seps));
}

/* Where a value ends: a space, a bracket, punctuation. */
static int
value_end(const char *p)
{
	static const char *const ends[] = { "(", ")", "（", "）", "[", "]", "【", "】",
	                                    "|", "｜", "，", ",", "；", ";", "。", "<",
	                                    "丨" };

	return *p == '\0' || space_at(p) || prefix_of(p, ends, ARRAY_LEN(ends)) > 0;
}

static int
stop_label_at(const char *s, const char *p)
{
	for (size_t i = 0; i < ARRAY_LEN(stop_labels); i++)
		if (strncmp(p, stop_labels[i], strlen(stop_labels[i])) == 0 &&
		    (label_sep(p + strlen(stop_labels[i])) || stop_labels[i][strlen(stop_labels[i]) - 1] == '/'))
			return p > s;
	return 0;
}

/* One word of a value at p: its end. */
/* A bracket closed within a few characters, no space inside: the
 * parenthetical's end (杭州高新区（滨江）), else NULL. */
static const char *
parenthetical(const char *p)
{
	const char *close = strncmp(p, "（", 3) == 0 ? "）" : *p == '(' ? ")" : NULL;
	const char *q = p + (*p == '(' ? 1 : 3);

	for (int chars = 0; close != NULL && *q != '\0' && chars < 10; chars++) {
		if (strncmp(q, close, strlen(close)) == 0)
			return q + strlen(close);
		if (space_at(q) || value_end(q))
			return NULL;
		q += utf8_decode(q, strlen(q), &(uint32_t){ 0 });
	}
	return NULL;
}

static const char *
value_word(const char *s, const char *p)
{
	size_t chars = 0;
	const char *paren;

	for (;;) {
		if (chars > 0 && (paren = parenthetical(p)) != NULL) {
			p = paren;
			continue;
		}
		if (value_end(p) || chars >= LABEL_MAX || (chars > 0 && stop_label_at(s, p)))
			return p;
		p += utf8_decode(p, strlen(p), &(uint32_t){ 0 });
		chars++;
	}
}

/* A role rather than a name: 本报记者, 通讯员, 特约评论员. */
static int
is_role(const char *w, size_t n)
{
	static const char *const roles[] = { "记者", "通讯员", "评论员", "实习生" };

	for (size_t i = 0; i < ARRAY_LEN(roles); i++) {
		size_t rl = strlen(roles[i]);

		if (n >= rl && memcmp(w + n - rl, roles[i], rl) == 0 && utf8_count(w, n) <= 7)
			return 1;
	}
	return 0;
}

/* The value at p: a name, or roles with their names (本报记者 胡晓峰
 * 通讯员 万琳). */
static char *
value_at(const char *s, const char *p, int roles)
{
	const char *start = p, *end = value_word(s, p);
	int last_role = roles && is_role(start, (size_t)(end - start));

	if (end == start)
		return NULL;
	while (roles) {
		const char *q = end, *w;
		size_t sp = 0, k;

		while ((k = space_at(q)) > 0) {
			q += k;
			sp++;
		}
		if (sp == 0 || stop_label_at(s, q) || (w = value_word(s, q)) == q)
			break;
		if (!last_role && !is_role(q, (size_t)(w - q)))
			break;
		last_role = is_role(q, (size_t)(w - q));
		end = w;
	}
	return html_squeeze(xstrndup(start, (size_t)(end - start)));
}

/* The first value of a label in text[from..]; *at: where its label is. */
static char *
labelled_from(const char *text, const char *from, enum gen_label which,
              const char **at)
{
	const char *const *labels = which == GL_SOURCE ? source_labels :
	                            which == GL_AUTHOR ? author_labels : editor_labels;
	size_t nl = which == GL_SOURCE ? ARRAY_LEN(source_labels) :
	            which == GL_AUTHOR ? ARRAY_LEN(author_labels) : ARRAY_LEN(editor_labels);

	if (text == NULL)
		return NULL;
	for (size_t i = 0; i < nl; i++) {
		size_t ll = strlen(labels[i]);
		int slash = labels[i][ll - 1] == '/' || str_ends(labels[i], "／");
		int reporter = strcmp(labels[i], "记者") == 0;

		for (const char *p = strstr(from, labels[i]); p != NULL; p = strstr(p + 1, labels[i])) {
			const char *q = p + ll, *word = p;
			size_t k, gap = 0;
			int role = reporter && label_sep(q + space_at(q)) == 0;
			char *v;

			if (role) {
				/* 本报记者 李明远: the role is part of it (记者：李明远
				 * is a label like any other) */
				while (word > text && !label_start(text, word))
					word = text + utf8_back(text, (size_t)(word - text));
				if (!label_start(text, word))
					continue;
			} else if (!label_start(text, p)) {
				continue;
			}
			if (which == GL_EDITOR && i == 2 && p > text &&
			    (strncmp(text + utf8_back(text, (size_t)(p - text)), "任", 3) == 0 ||
			     strncmp(text + utf8_back(text, (size_t)(p - text)), "主", 3) == 0))
				continue;
			while ((k = space_at(q)) > 0) {
				q += k;
				gap++;
			}
			if (!slash && (k = label_sep(q)) > 0) {
				q += k;
				gap++;
			}
			while ((k = space_at(q)) > 0)
				q += k;
			if (gap == 0 && !slash)
				continue;
			v = value_at(text, role ? word : q, which == GL_AUTHOR);
			if (v != NULL && *v != '\0' && !(role && strcmp(v, labels[i]) == 0)) {
				*at = p;
				return v;
			}
			free(v);
		}
	}
	return NULL;
}

char *
gen_labelled(const char *text, enum gen_label which)
{
	const char *at;

	return text != NULL ? labelled_from(text, text, which, &at) : NULL;
}

char *
gen_last_labelled(const char *text, enum gen_label which)
{
	const char *at, *from = text;
	char *v, *last = NULL;

	while (from != NULL && *from != '\0' &&
	       (v = labelled_from(text, from, which, &at)) != NULL) {
		free(last);
		last = v;
		from = at + 1;
		while (*from != '\0' && !utf8_lead((unsigned char)*from))
			from++;
	}
	return last;
}

static const char *const brackets[][2] = {
	{ "(", ")" }, { "（", "）" }, { "[", "]" }, { "【", "】" }, { "「", "」" },
	{ "《", "》" }, { "〔", "〕" },
};

/* The bracket pair whose side (0: opening, 1: closing) is the n bytes at
 * p, -1 if none. */
static int
bracket_at(const char *p, size_t n, int side)
{
	for (size_t i = 0; i < ARRAY_LEN(brackets); i++)
		if (strlen(brackets[i][side]) == n && memcmp(p, brackets[i][side], n) == 0)
			return (int)i;
	return -1;
}

char *
gen_trim_value(char *v)
{
	static const char *const punct[] = { "，", ",", "；", ";", "。", "|", "｜", "丨",
	                                     "：", ":" };
	int cut = 1;

	if (v == NULL)
		return NULL;
	while (cut && *html_squeeze(v) != '\0') {
		size_t n = strlen(v), last = utf8_back(v, n);
		size_t first = (size_t)utf8_decode(v, n, &(uint32_t){ 0 });
		int b;

		cut = 0;
		/* a closing bracket at the end whose opening one is not in v */
		if ((b = bracket_at(v + last, n - last, 1)) >= 0 && strstr(v, brackets[b][0]) == NULL) {
			v[last] = '\0';
			cut = 1;
		} else if ((b = bracket_at(v, first, 0)) >= 0 && strstr(v, brackets[b][1]) == NULL) {
			memmove(v, v + first, n - first + 1);
			cut = 1;
		}
		for (size_t i = 0; !cut && i < ARRAY_LEN(punct); i++)
			if (str_ends(v, punct[i])) {
				v[n - strlen(punct[i])] = '\0';
				cut = 1;
			} else if (strncmp(v, punct[i], strlen(punct[i])) == 0) {
				memmove(v, v + strlen(punct[i]), n - strlen(punct[i]) + 1);
				cut = 1;
			}
	}
	return v;
}

int
gen_comments(const char *text)
{
	static const char *const labels[] = { "评论", "跟帖", "条评论" };

	for (size_t i = 0; text != NULL && i < ARRAY_LEN(labels); i++)
		for (const char *p = strstr(text, labels[i]); p != NULL;
		     p = strstr(p + 1, labels[i])) {
			const char *q = p + strlen(labels[i]);
			size_t k;
			int v;

			while ((k = space_at(q)) > 0 || (k = label_sep(q)) > 0 ||
			       (k = strncmp(q, "(", 1) == 0 ? 1 : strncmp(q, "（", 3) == 0 ? 3 : 0) > 0)
				q += k;
			k = (size_t)digits(q, 1, 7, &v);
			if (k > 0 && !is_digit(q[k]))
				return v;
		}
	return -1;
}

/* ---- titles and metadata -------------------------------------------------- */

char *
gen_meta(xmlNodePtr root, const char *key, const char *value)
{
	for (xmlNodePtr n = root; n != NULL; n = next_in(n, root)) {
		char *k, *c = NULL;

		if (!html_is_tag(n, "meta"))
			continue;
		k = html_attr(n, key);
		if (k != NULL && strcasecmp(k, value) == 0)
			c = html_attr(n, "content");
		free(k);
		if (c != NULL && *html_squeeze(c) != '\0')
			return c;
		free(c);
	}
	return NULL;
}

/* Separators of "Title - Site" in <title>. */
static const char *const title_seps[] = {
	" | ", " - ", " – ", " — ", "_", "｜", " :: ", " » ", "——", "-", "|",
};

/* The page's <title>, whitespace folded, or NULL. */
static char *
doc_title_of(xmlNodePtr root)
{
	for (xmlNodePtr n = root; n != NULL; n = next_in(n, root))
		if (html_is_tag(n, "title")) {
			xmlChar *c = xmlNodeGetContent(n);
			char *t = html_squeeze(xstrdup(c ? (const char *)c : ""));

			xmlFree(c);
			return t;
		}
	return NULL;
}

/* Whether t is a part after the first of doc_title ("标题_要闻_中国高新网":
 * 要闻, 中国高新网) with a longer part beside it: the site's or a
 * channel's name, not the title ("中国高新网 - 标题" keeps its title). */
static int
title_tail(const char *doc_title, const char *t)
{
	size_t tl = t != NULL ? strlen(t) : 0;

	if (doc_title == NULL || tl == 0)
		return 0;
	for (size_t i = 0; i < ARRAY_LEN(title_seps); i++) {
		size_t sl = strlen(title_seps[i]), longest = 0;
		int tail = 0;

		if (strstr(doc_title, title_seps[i]) == NULL)
			continue;
		for (const char *part = doc_title, *end; part != NULL; part = end ? end + sl : NULL) {
			size_t n;

			end = strstr(part, title_seps[i]);
			n = end ? (size_t)(end - part) : strlen(part);
			tail |= part != doc_title && n == tl && strncmp(part, t, n) == 0;
			longest = n > longest ? n : longest;
		}
		if (tail && longest > tl)
			return 1;
	}
	return 0;
}

int
gen_site_name(xmlNodePtr root, const char *t, const char *label)
{
	char *doc_title = doc_title_of(root), *site = gen_meta(root, "property", "og:site_name");
	int yes = t != NULL && (title_tail(doc_title, t) || (site != NULL && strcmp(site, t) == 0) ||
	                        (label != NULL && strcmp(label, t) == 0));

	free(doc_title);
	free(site);
	return yes;
}

char *
gen_cut_site(const char *t)
{
	for (size_t i = 0; i < ARRAY_LEN(title_seps); i++) {
		const char *p = strstr(t, title_seps[i]);
		char *head;

		if (p == NULL || p == t)
			continue;
		head = html_squeeze(xstrndup(t, (size_t)(p - t)));
		if (utf8_count(head, strlen(head)) >= 4)
			return head;
		free(head);
	}
	return html_squeeze(xstrdup(t));
}

xmlNodePtr
gen_holding(xmlNodePtr root, const char *t)
{
	size_t tl = strlen(t);

	for (xmlNodePtr n = root; n != NULL; n = next_seen(n, root)) {
		char *text;
		int same;

		if (n->type != XML_ELEMENT_NODE || unseen(n) || html_is_tag(n, "html") ||
		    html_is_tag(n, "body"))
			continue;
		text = gen_text(n, tl + 256);
		same = strcmp(text, t) == 0;
		free(text);
		if (same)
			return n;
	}
	return NULL;
}

char *
gen_title(xmlNodePtr root, const char *label, xmlNodePtr *node)
{
	char *doc_title = NULL, *best = NULL, *og;
	xmlNodePtr bn = NULL;

	*node = NULL;
	doc_title = doc_title_of(root);
	for (xmlNodePtr n = root; n != NULL; n = next_seen(n, root)) {
		char *t;
		int better;

		if (!html_is_tag(n, "h1"))
			continue;
		t = gen_text(n, 1000);
		/* the h1 <title> holds; else the first with words in it; never
		 * a logo's h1 saying the site's name */
		better = utf8_count(t, strlen(t)) >= 2 && !gen_site_name(root, t, label) &&
		         (best == NULL || (doc_title != NULL && strstr(doc_title, t) != NULL &&
		                           (strstr(doc_title, best) == NULL || strlen(t) > strlen(best))));
		if (better) {
			free(best);
			best = t;
			bn = n;
		} else {
			free(t);
		}
	}
	og = gen_meta(root, "property", "og:title");
	if (best == NULL && og != NULL) {
		best = og;
		og = NULL;
	} else if (best == NULL && !str_empty(doc_title)) {
		best = gen_cut_site(doc_title);
	}
	if (bn == NULL && best != NULL)
		bn = gen_holding(root, best);
	*node = bn;
	free(og);
	free(doc_title);
	return best;
}

/* ---- per-node marks ----------------------------------------------------- */

/* Counters kept for elements while a page is looked at, reached through
 * node->_private (index + 1 into the array). */
struct mark {
	xmlNodePtr node;
	long url;               /* the one article URL inside (index), -1 none, -2 several */
	size_t links;           /* channel links inside */
	size_t link_chars;      /* their text */
	size_t chars;           /* all text */
};

struct marks {
	struct mark *v;
	size_t n, cap;
};

static struct mark *
mark_of(struct marks *m, xmlNodePtr n)
{
	uintptr_t k = (uintptr_t)n->_private;

	if (k != 0 && k <= m->n && m->v[k - 1].node == n)
		return &m->v[k - 1];
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->v = xrealloc(m->v, m->cap * sizeof *m->v);
	}
	memset(&m->v[m->n], 0, sizeof m->v[m->n]);
	m->v[m->n].node = n;
	m->v[m->n].url = -1;
	n->_private = (void *)(uintptr_t)(++m->n);
	return &m->v[m->n - 1];
}

static struct mark *
mark_get(struct marks *m, xmlNodePtr n)
{
	uintptr_t k = (uintptr_t)n->_private;

	return k != 0 && k <= m->n && m->v[k - 1].node == n ? &m->v[k - 1] : NULL;
}

static void
marks_free(struct marks *m)
{
	for (size_t i = 0; i < m->n; i++)
		m->v[i].node->_private = NULL;
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* ---- article links and lists ------------------------------------------- */

static int
ends_html(const char *s, size_t n)
{
	static const char *const exts[] = { ".html", ".htm", ".shtml", ".shtm", ".xhtml" };

	for (size_t i = 0; i < ARRAY_LEN(exts); i++) {
		size_t el = strlen(exts[i]);

		if (n >= el && strncasecmp(s + n - el, exts[i], el) == 0)
			return 1;
	}
	return 0;
}

/* Whether a file name can be a page (no document, picture or archive). */
static int
page_file(const char *file, size_t n)
{
	static const char *const not_pages[] = {
		".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".jpg", ".jpeg",
		".png", ".gif", ".webp", ".zip", ".rar", ".7z", ".mp4", ".mp3", ".txt",
		".wps", ".ofd", ".css", ".js",
	};

	for (size_t i = 0; i < ARRAY_LEN(not_pages); i++) {
		size_t el = strlen(not_pages[i]);

		if (n >= el && strncasecmp(file + n - el, not_pages[i], el) == 0)
			return 0;
	}
	return 1;
}

int
gen_article_like(const char *url)
{
	static const char *const lists[] = { "index", "node_", "list", "default", "more" };
	const char *path = url ? strstr(url, "://") : NULL, *file, *end;
	size_t n, digits_run = 0, run = 0;
	char d[11];

	if (path == NULL || (path = strchr(path + 3, '/')) == NULL)
		return 0;
	end = path + strcspn(path, "?#");
	file = end;
	while (file > path && file[-1] != '/')
		file--;
	n = (size_t)(end - file);
	if (n == 0)
		return 0;
	for (size_t i = 0; i < ARRAY_LEN(lists); i++)
		if (strncasecmp(file, lists[i], strlen(lists[i])) == 0)
			return 0;
	for (const char *p = file; p < end; p++) {
		run = is_digit(*p) ? run + 1 : 0;
		if (run > digits_run)
			digits_run = run;
	}
	if (!page_file(file, n))
		return 0;
	if (gen_url_date(url, d) && digits_run > 0)
		return 1;
	if (strncasecmp(file, "content_", 8) == 0 && is_digit(file[8]))
		return 1;
	return digits_run >= 5 && ends_html(file, n);
}

void
gen_items_free(struct gen_items *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].url);
		free(l->v[i].title);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

struct link {
	xmlNodePtr a;
	long url;               /* index into urls */
};

struct links {
	struct link *v;
	size_t n;
	char **urls;
	size_t nurls;
	struct marks m;
};

/* Whether two links name one article: the same URL, or the same page
 * with and without a query or fragment (a title link carrying ?from=list
 * beside a plain "[详细]" link). */
static int
same_article_url(const char *a, const char *b)
{
	size_t pa = strcspn(a, "?#"), pb = strcspn(b, "?#");

	if (strcmp(a, b) == 0)
		return 1;
	if (pa != pb || strncmp(a, b, pa) != 0)
		return 0;
	return a[pa] == '\0' || b[pb] == '\0' || (a[pa] == '#' && b[pb] == '#');
}

static long
url_index(struct links *ls, char *url)
{
	for (size_t i = ls->nurls; i-- > 0; )
		if (same_article_url(ls->urls[i], url)) {
			/* the fuller URL stays: the one the site wrote with its query */
			if (strlen(url) > strlen(ls->urls[i]) && strchr(url, '?') != NULL)
				xfree_set(&ls->urls[i], url);
			else
				free(url);
			return (long)i;
		}
	ls->urls = xrealloc(ls->urls, (ls->nurls + 1) * sizeof *ls->urls);
	ls->urls[ls->nurls] = url;
	return (long)ls->nurls++;
}

/* Every link to an article under root, with its URL marked on every
 * ancestor (up to root). */
static void
collect(xmlNodePtr root, gen_url_fn *fn, void *arg, struct links *ls)
{
	memset(ls, 0, sizeof *ls);
	for (xmlNodePtr n = root; n != NULL && ls->n < MAX_LINKS; n = next_seen(n, root)) {
		char *href, *url;
		int article = 0;

		if (!html_is_tag(n, "a") || (href = html_attr(n, "href")) == NULL)
			continue;
		url = fn(arg, href, &article);
		free(href);
		if (url == NULL || !article) {
			free(url);
			continue;
		}
		ls->v = xrealloc(ls->v, (ls->n + 1) * sizeof *ls->v);
		ls->v[ls->n].a = n;
		ls->v[ls->n].url = url_index(ls, url);
		for (xmlNodePtr p = n; p != NULL; p = p->parent) {
			struct mark *mk = mark_of(&ls->m, p);

			mk->url = mk->url == -1 || mk->url == ls->v[ls->n].url ? ls->v[ls->n].url : -2;
			if (p == root)
				break;
		}
		ls->n++;
	}
}

static void
links_free(struct links *ls)
{
	for (size_t i = 0; i < ls->nurls; i++)
		free(ls->urls[i]);
	free(ls->urls);
	free(ls->v);
	marks_free(&ls->m);
}

/* The item of link i: the highest element holding no other article. */
static xmlNodePtr
item_of(struct links *ls, size_t i, xmlNodePtr root)
{
	xmlNodePtr it = ls->v[i].a;

	while (it->parent != NULL && it != root && it->parent != root) {
		struct mark *mk = mark_get(&ls->m, it->parent);

		if (mk == NULL || mk->url != ls->v[i].url || html_is_tag(it->parent, "body"))
			break;
		it = it->parent;
	}
	return it;
}

/* A title for url from the links to it in item: a title attribute, else
 * the longest text. */
static char *
item_title(struct links *ls, size_t first, xmlNodePtr item)
{
	char *best = NULL;

	for (size_t i = first; i < ls->n; i++) {
		char *t;

		if (ls->v[i].url != ls->v[first].url || !contains(item, ls->v[i].a))
			continue;
		t = html_attr(ls->v[i].a, "title");
		if (t != NULL && *html_squeeze(t) != '\0') {
			free(best);
			return t;
		}
		free(t);
		t = gen_text(ls->v[i].a, 4000);
		if (best == NULL || strlen(t) > strlen(best))
			xfree_set(&best, t);
		else
			free(t);
	}
	if (best != NULL && *best == '\0')
		xfree_set(&best, NULL);
	return best;
}

int
gen_link_in(xmlNodePtr item, gen_url_fn *fn, void *arg, char **url, char **title)
{
	struct links ls;
	int rc = -1;

	*url = *title = NULL;
	collect(item, fn, arg, &ls);
	if (ls.n > 0) {
		*title = item_title(&ls, 0, item);
		if (*title != NULL) {
			*url = xstrdup(ls.urls[ls.v[0].url]);
			rc = 0;
		}
	}
	links_free(&ls);
	return rc;
}

struct group {
	xmlNodePtr container;
	size_t *items;          /* indices of links (the first link of each URL) */
	size_t n;
	double score;
};

struct groups {
	struct group *v;
	size_t n;
};

static void
groups_free(struct groups *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].items);
	free(g->v);
	memset(g, 0, sizeof *g);
}

/* Links grouped by the element holding their items, one item per URL. */
static void
group_links(struct links *ls, xmlNodePtr root, struct groups *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < ls->n; i++) {
		xmlNodePtr item = item_of(ls, i, root), c = item->parent ? item->parent : item;
		struct group *g = NULL;
		int dup = 0;

		for (size_t k = 0; k < out->n && g == NULL; k++)
			if (out->v[k].container == c)
				g = &out->v[k];
		if (g == NULL) {
			out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
			g = &out->v[out->n++];
			memset(g, 0, sizeof *g);
			g->container = c;
		}
		for (size_t k = 0; k < g->n && !dup; k++)
			dup = ls->v[g->items[k]].url == ls->v[i].url;
		if (dup)
			continue;
		g->items = xrealloc(g->items, (g->n + 1) * sizeof *g->items);
		g->items[g->n++] = i;
	}
}

static int
is_heading_word(const char *t, const char *const *words, size_t nw)
{
	for (size_t i = 0; i < nw; i++)
		if (strstr(t, words[i]) != NULL)
			return 1;
	return 0;
}

static const char *const rank_words[] = {
	"排行", "排名", "排榜", "点击榜", "热榜", "热点", "热门", "热读", "最热", "阅读榜",
};
static const char *const pick_words[] = {
	"推荐", "精选", "精彩", "编辑选",
};
static const char *const aside_words[] = {
	"排行", "排名", "热点", "热门", "推荐", "相关", "精选", "热读", "专题", "友情",
};

/* The short text heading a group: the nearest short element before its
 * container (a sibling, or a sibling of an ancestor) with no article in it. */
static char *
group_heading(struct links *ls, xmlNodePtr c, xmlNodePtr root)
{
	for (int up = 0; c != NULL && c != root && up < 3; up++, c = c->parent)
		for (xmlNodePtr s = c->prev; s != NULL; s = s->prev) {
			struct mark *mk;
			char *t;

			if (s->type != XML_ELEMENT_NODE || unseen(s))
				continue;
			mk = mark_get(&ls->m, s);
			if (mk != NULL && mk->url != -1)
				continue;           /* another list (a tab) before it */
			t = gen_text(s, 200);
			if (*t != '\0' && utf8_count(t, strlen(t)) <= HEADING_MAX)
				return t;
			if (*t != '\0') {
				free(t);
				return NULL;
			}
			free(t);
		}
	return NULL;
}

/* The text of an item outside its links (its date, its summary). */
static void
item_text(xmlNodePtr item, struct buf *b, size_t max)
{
	for (xmlNodePtr n = item; n != NULL && b->len < max; ) {
		if (html_is_tag(n, "a")) {
			n = html_next_after(n, item);
			continue;
		}
		if (!unseen(n))
			text_of(b, n);
		if (n == item && n->type != XML_ELEMENT_NODE)
			break;
		n = next_seen(n, item);
	}
}

static int
item_dated(xmlNodePtr item)
{
	struct buf b;
	char norm[32];
	size_t at, len;
	int found;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	item_text(item, &b, 2000);
	found = gen_find_date(b.data, 0, &at, &len, norm);
	buf_free(&b);
	return found;
}

static double
group_score(struct links *ls, struct group *g, xmlNodePtr root)
{
	static const char *const aside_tags[] = { "nav", "header", "footer", "aside" };
	static const char *const aside_names[] = {
		"side", "sidebar", "right", "rank", "paihang", "hot", "tuijian", "recommend",
		"related", "xgyd", "xgxw", "footer", "foot", "nav", "menu", "ad", "ads",
		"banner", "focus", "slide", "ewm", "link", "links", "friend",
	};
	double score = 0, factor = 1;
	int tagged = 0, named_aside = 0;
	char *h;

	for (size_t k = 0; k < g->n; k++) {
		xmlNodePtr item = item_of(ls, g->items[k], root);
		char *t = item_title(ls, g->items[k], item);

		if (t != NULL && utf8_count(t, strlen(t)) >= 5)
			score += 1 + 2 * item_dated(item);
		free(t);
	}
	for (xmlNodePtr p = g->container; p != NULL && p != root->parent; p = p->parent) {
		tagged |= html_tag_in(p, aside_tags, ARRAY_LEN(aside_tags));
		named_aside |= named(p, aside_names, ARRAY_LEN(aside_names), 1);
	}
	h = group_heading(ls, g->container, root);
	/* under a 排行/推荐/相关 heading, or in <nav>, <aside>, <header> or
	 * <footer>: never the page's list (a list page whose list is gone
	 * lists nothing); named like a sidebar: less likely */
	if (tagged || (h != NULL && is_heading_word(h, aside_words, ARRAY_LEN(aside_words))))
		factor = 0;
	if (named_aside)
		factor *= 0.5;
	free(h);
	return score * factor;
}

/* Whether two containers are lists of the same shape side by side. */
static int
same_shape(xmlNodePtr a, xmlNodePtr b)
{
	char *ca, *cb;
	int same;

	if (a->parent != b->parent || a->type != XML_ELEMENT_NODE ||
	    b->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, (const char *)b->name) != 0)
		return 0;
	ca = html_attr(a, "class");
	cb = html_attr(b, "class");
	same = (ca == NULL && cb == NULL) || (ca != NULL && cb != NULL && strcmp(ca, cb) == 0);
	free(ca);
	free(cb);
	return same;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/* The items of the chosen groups, in document order. */
static void
emit(struct links *ls, struct groups *gs, const int *take, xmlNodePtr root,
     struct gen_items *out)
{
	size_t *idx = NULL, n = 0;

	for (size_t g = 0; g < gs->n; g++)
		for (size_t k = 0; take[g] && k < gs->v[g].n; k++) {
			idx = xrealloc(idx, (n + 1) * sizeof *idx);
			idx[n++] = gs->v[g].items[k];
		}
	if (n > 0)
		qsort(idx, n, sizeof *idx, cmp_size);
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		xmlNodePtr item = item_of(ls, i, root);
		char *title = item_title(ls, i, item);
		int dup = 0;

		for (size_t j = 0; j < out->n && !dup; j++)
			dup = strcmp(out->v[j].url, ls->urls[ls->v[i].url]) == 0;
		if (title == NULL || dup) {
			free(title);
			continue;
		}
		if (out->n == out->cap) {
			out->cap = out->cap ? 2 * out->cap : 16;
			out->v = xrealloc(out->v, out->cap * sizeof *out->v);
		}
		out->v[out->n].node = item;
		out->v[out->n].url = xstrdup(ls->urls[ls->v[i].url]);
		out->v[out->n].title = title;
		out->n++;
	}
	free(idx);
}

void
gen_main_list(xmlNodePtr root, gen_url_fn *fn, void *arg, struct gen_items *out)
{
	struct links ls;
	struct groups gs;
	long best = -1;
	int *take;

	if (root == NULL)
		return;
	collect(root, fn, arg, &ls);
	group_links(&ls, root, &gs);
	for (size_t g = 0; g < gs.n; g++) {
		gs.v[g].score = group_score(&ls, &gs.v[g], root);
		if (gs.v[g].score > 0 && (best < 0 || gs.v[g].score > gs.v[best].score))
			best = (long)g;
	}
	take = xcalloc(gs.n + 1, sizeof *take);
	for (size_t g = 0; best >= 0 && g < gs.n; g++)
		take[g] = (long)g == best ||
		          (same_shape(gs.v[g].container, gs.v[best].container) &&
		           gs.v[g].score >= gs.v[best].score / (double)(gs.v[best].n + 1));
	emit(&ls, &gs, take, root, out);
	free(take);
	groups_free(&gs);
	links_free(&ls);
}

/* ---- lists by their headings ------------------------------------------- */

static const char *const tab_all[] = { "全部", "总排行", "总榜", "总排名", "总点击", "累计" };
static const char *const tab_month[] = { "本月", "月排行", "月榜", "月排名", "月点击", "当月" };
static const char *const tab_other[] = { "本周", "周排行", "周榜", "今日", "日排行", "日榜",
                                         "24小时", "本日" };

static int
word_is(const char *t, const char *const *words, size_t nw)
{
	for (size_t i = 0; i < nw; i++)
		if (strcmp(t, words[i]) == 0 || (strstr(t, words[i]) != NULL &&
		                                  utf8_count(t, strlen(t)) <= 5))
			return 1;
	return 0;
}

/* The deepest short elements whose text says a kind of list, no article
 * inside. */
static void
find_headings(struct links *ls, xmlNodePtr root, const char *const *words, size_t nw,
              xmlNodePtr **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	for (xmlNodePtr n = root; n != NULL; n = next_seen(n, root)) {
		struct mark *mk;
		char *t;
		int deeper = 0;

		if (n->type != XML_ELEMENT_NODE || unseen(n) || html_is_tag(n, "a"))
			continue;
		mk = mark_get(&ls->m, n);
		if (mk != NULL && mk->url != -1)
			continue;
		t = gen_text(n, 200);
		if (*t == '\0' || utf8_count(t, strlen(t)) > HEADING_MAX ||
		    !is_heading_word(t, words, nw)) {
			free(t);
			continue;
		}
		free(t);
		/* the deepest: a child that says it too wins */
		for (xmlNodePtr c = n->children; c != NULL && !deeper; c = c->next) {
			char *ct;

			if (c->type != XML_ELEMENT_NODE)
				continue;
			ct = gen_text(c, 200);
			deeper = is_heading_word(ct, words, nw);
			free(ct);
		}
		if (deeper)
			continue;
		*out = xrealloc(*out, (*nout + 1) * sizeof **out);
		(*out)[(*nout)++] = n;
	}
}

/* The groups of two or more items in the smallest ancestor of h holding any,
 * in document order. */
static void
section_groups(struct groups *all, xmlNodePtr h, xmlNodePtr root,
               int *take)
{
	for (xmlNodePtr s = h->parent; s != NULL; s = s == root ? NULL : s->parent) {
		int found = 0;

		for (size_t g = 0; g < all->n; g++) {
			take[g] = all->v[g].n >= 2 && contains(s, all->v[g].container) &&
			          !contains(all->v[g].container, h);
			found |= take[g];
		}
		if (found)
			return;
	}
}

/* Tabs of a ranking: 全部/本月 in the order the section shows them. */
static int
tab_order(xmlNodePtr section_first, xmlNodePtr root, int which, size_t ngroups)
{
	int pos = 0, found = -1;

	for (xmlNodePtr n = section_first; n != NULL; n = next_seen(n, root)) {
		char *t;

		if (n->type != XML_ELEMENT_NODE || n->children == NULL ||
		    n->children->next != NULL || n->children->type != XML_TEXT_NODE)
			continue;
		t = gen_text(n, 60);
		if (word_is(t, tab_all, ARRAY_LEN(tab_all)) && !word_is(t, tab_month, ARRAY_LEN(tab_month))) {
			if (which == 0 && found < 0)
				found = pos;
			pos++;
		} else if (word_is(t, tab_month, ARRAY_LEN(tab_month))) {
			if (which == 1 && found < 0)
				found = pos;
			pos++;
		} else if (word_is(t, tab_other, ARRAY_LEN(tab_other))) {
			pos++;
		}
		free(t);
	}
	if (found >= 0 && (size_t)found < ngroups)
		return found;
	return -1;
}

void
gen_headed_list(xmlNodePtr root, int which, gen_url_fn *fn, void *arg,
                struct gen_items *out)
{
	struct links ls;
	struct groups gs;
	xmlNodePtr *hs;
	size_t nh;
	int *take;

	if (root == NULL)
		return;
	collect(root, fn, arg, &ls);
	group_links(&ls, root, &gs);
	take = xcalloc(gs.n + 1, sizeof *take);
	if (which == 2)
		find_headings(&ls, root, pick_words, ARRAY_LEN(pick_words), &hs, &nh);
	else
		find_headings(&ls, root, rank_words, ARRAY_LEN(rank_words), &hs, &nh);
	for (size_t i = 0; i < nh && out->n == 0; i++) {
		char *t = gen_text(hs[i], 200);
		size_t ng = 0, want = 0;
		int month_head = word_is(t, tab_month, ARRAY_LEN(tab_month)) ||
		                 strstr(t, "月") != NULL;
		int tab;

		free(t);
		memset(take, 0, (gs.n + 1) * sizeof *take);
		section_groups(&gs, hs[i], root, take);
		for (size_t g = 0; g < gs.n; g++)
			ng += take[g] != 0;
		if (ng == 0)
			continue;
		if (which == 2) {
			want = 0;
		} else {
			xmlNodePtr sec = hs[i]->parent;

			while (sec != NULL && sec != root) {     /* the section's top */
				int all_in = 1;

				for (size_t g = 0; g < gs.n; g++)
					all_in &= !take[g] || contains(sec, gs.v[g].container);
				if (all_in)
					break;
				sec = sec->parent;
			}
			tab = tab_order(sec ? sec : root, sec ? sec : root, which, ng);
			if (tab >= 0)
				want = (size_t)tab;
			else if (month_head)
				want = which == 1 ? 0 : (size_t)-1;
			else
				want = which == 1 ? (ng >= 2 ? 1 : (size_t)-1) : 0;
			if (want == (size_t)-1)
				continue;
		}
		for (size_t g = 0, k = 0; g < gs.n; g++) {
			if (!take[g])
				continue;
			take[g] = k++ == want;
		}
		emit(&ls, &gs, take, root, out);
	}
	free(hs);
	free(take);
	groups_free(&gs);
	links_free(&ls);
}

int
gen_item_date(const struct gen_items *l, size_t i, int from_url, char norm[11])
{
	const struct gen_item *it = &l->v[i];
	xmlNodePtr stop = i + 1 < l->n ? l->v[i + 1].node : NULL;
	int year = gen_url_year(it->url);
	char d[32];
	size_t at, len;
	struct buf b;
	int found;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	item_text(it->node, &b, 2000);     /* its links' own text left out */
	found = gen_find_date(b.data, year, &at, &len, d);
	/* else the text after it, up to the next item (a date in a sibling) */
	if (!found && it->node->parent != NULL) {
		buf_free(&b);
		buf_init(&b, 0);
		buf_add(&b, "", 0);
		for (xmlNodePtr s = it->node->next; s != NULL && b.len < 400; s = s->next) {
			char *t;

			if (stop != NULL && (s == stop || contains(s, stop)))
				break;
			if (s->type == XML_ELEMENT_NODE && (html_is_tag(s, "a") || unseen(s)))
				break;
			t = gen_text(s, 400);
			buf_adds(&b, t);
			buf_adds(&b, " ");
			free(t);
		}
		found = gen_find_date(b.data, year, &at, &len, d);
	}
	buf_free(&b);
	if (found) {
		snprintf(norm, 11, "%.10s", d);
		return 1;
	}
	return from_url && gen_url_date(it->url, norm);
}

char *
gen_item_thumb(const struct gen_item *it)
{
	for (xmlNodePtr n = it->node; n != NULL; n = next_seen(n, it->node)) {
		char *src;

		if (!html_is_tag(n, "img"))
			continue;
		src = html_attr(n, "data-src");
		if (str_empty(src))
			xfree_set(&src, html_attr(n, "src"));
		if (!str_empty(src))
			return src;
		free(src);
	}
	return NULL;
}

/* ---- channels ------------------------------------------------------------- */

static int
is_home(const char *url, const char *label)
{
	static const char *const homes[] = { "首页", "网站首页", "返回首页", "主页", "home",
	                                     "Home", "HOME" };
	const char *p = strstr(url, "://");

	for (size_t i = 0; i < ARRAY_LEN(homes); i++)
		if (strcmp(label, homes[i]) == 0)
			return 1;
	if (p == NULL)
		return 0;
	p = strchr(p + 3, '/');
	return p == NULL || strcmp(p, "/") == 0 || strcasecmp(p, "/index.html") == 0 ||
	       strcasecmp(p, "/index.htm") == 0 || strcasecmp(p, "/index.shtml") == 0 ||
	       strcasecmp(p, "/default.htm") == 0;
}

struct chlink {
	xmlNodePtr a;
	char *url, *label;
};

/* A link of the channel bar: a short label, a page of the site that is no
 * article. */
static int
channel_link(xmlNodePtr a, gen_url_fn *fn, void *arg, struct chlink *out)
{
	char *href = html_attr(a, "href"), *url, *label;
	int article = 0;

	if (href == NULL)
		return 0;
	url = fn(arg, href, &article);
	free(href);
	if (url == NULL || article) {
		free(url);
		return 0;
	}
	label = gen_text(a, 200);
	if (*label == '\0' || utf8_count(label, strlen(label)) > CHANNEL_MAX) {
		free(label);
		free(url);
		return 0;
	}
	out->a = a;
	out->url = url;
	out->label = label;
	return 1;
}

/* The characters of a text a reader sees: its spaces (the indentation
 * between tags) not counted. */
static size_t
seen_chars(const char *t)
{
	size_t chars = 0, k;

	while (*t != '\0')
		if ((k = space_at(t)) > 0) {
			t += k;
		} else {
			t += utf8_decode(t, strlen(t), &(uint32_t){ 0 });
			chars++;
		}
	return chars;
}

static int
nav_like(xmlNodePtr n)
{
	static const char *const words[] = { "nav", "menu", "daohang", "channel", "lanmu",
	                                     "column", "dh" };
	static const char *const exact[] = { "dh", "topnav", "mainnav", "navbar", "subnav" };
	char *id, *cls;
	int yes;

	if (html_is_tag(n, "nav"))
		return 1;
	if (named(n, words, ARRAY_LEN(words) - 1, 0) || named(n, exact, ARRAY_LEN(exact), 1))
		return 1;
	id = html_attr(n, "id");
	cls = html_attr(n, "class");
	yes = (id != NULL && (strcasestr(id, "nav") != NULL || strcasestr(id, "menu") != NULL)) ||
	      (cls != NULL && (strcasestr(cls, "nav") != NULL || strcasestr(cls, "menu") != NULL));
	free(id);
	free(cls);
	return yes;
}

void
gen_channels(xmlNodePtr root, gen_url_fn *fn, void *arg, struct item_list *out)
{
	struct marks m = { 0 };
	struct chlink *cl = NULL;
	size_t ncl = 0;
	xmlNodePtr best = NULL;
	size_t best_n = 0;
	int best_nav = 0;

	if (root == NULL)
		return;
	/* count channel links and text on every ancestor */
	for (xmlNodePtr n = root; n != NULL && ncl < MAX_LINKS; n = next_seen(n, root)) {
		struct chlink c;

		if (n->type == XML_TEXT_NODE) {
			size_t chars = seen_chars((const char *)n->content);

			for (xmlNodePtr p = n->parent; p != NULL; p = p == root ? NULL : p->parent)
				mark_of(&m, p)->chars += chars;
			continue;
		}
		if (!html_is_tag(n, "a") || !channel_link(n, fn, arg, &c))
			continue;
		cl = xrealloc(cl, (ncl + 1) * sizeof *cl);
		cl[ncl++] = c;
		for (xmlNodePtr p = n; p != NULL; p = p == root ? NULL : p->parent) {
			struct mark *mk = mark_of(&m, p);

			mk->links++;
			mk->link_chars += utf8_count(c.label, strlen(c.label));
		}
	}
	/* the bar: named as one with the most links, else the densest list
	 * of links with the most of them */
	for (size_t i = 0; i < m.n; i++) {
		struct mark *mk = &m.v[i];
		int nav = nav_like(mk->node);
		int dense = mk->chars > 0 && mk->link_chars * 10 >= mk->chars * 6;

		if (mk->links < 2 || (!nav && (!dense || mk->links < 3)) || html_is_tag(mk->node, "a"))
			continue;
		if ((nav && !best_nav) || ((nav == best_nav) && mk->links > best_n) ||
		    (nav == best_nav && mk->links == best_n && best != NULL &&
		     contains(best, mk->node) && !best_nav)) {
			best = mk->node;
			best_n = mk->links;
			best_nav = nav;
		}
	}
	for (size_t i = 0; best != NULL && i < ncl; i++) {
		xmlNodePtr li = NULL;
		struct mark *mk;
		int leaf;

		if (!contains(best, cl[i].a))
			continue;
		for (xmlNodePtr p = cl[i].a->parent; p != NULL && p != best && li == NULL; p = p->parent)
			if (html_is_tag(p, "li") || html_is_tag(p, "dd") || html_is_tag(p, "dt"))
				li = p;
		mk = li ? mark_get(&m, li) : NULL;
		leaf = mk == NULL || mk->links <= 1;
		if (!leaf || is_home(cl[i].url, cl[i].label) || item_list_has(out, cl[i].url))
			continue;
		struct item *it = item_list_add(out);
		it->url = xstrdup(cl[i].url);
		it->title = xstrdup(cl[i].label);
	}
	for (size_t i = 0; i < ncl; i++) {
		free(cl[i].url);
		free(cl[i].label);
	}
	free(cl);
	marks_free(&m);
}

/* ---- pagers --------------------------------------------------------------------- */

/* Arrows and brackets around the words of a pager: > 下一页 », [下页],
 * 下页>>; which way each points (1 on, -1 back, 0 neither). */
static const struct { const char *s; int dir; } pager_marks[] = {
	{ ">>", 1 }, { "»", 1 }, { "›", 1 }, { ">", 1 }, { "→", 1 }, { "＞", 1 }, { "》", 1 },
	{ "<<", -1 }, { "«", -1 }, { "‹", -1 }, { "<", -1 }, { "←", -1 }, { "＜", -1 },
	{ "《", -1 }, { "[", 0 }, { "]", 0 }, { "【", 0 }, { "】", 0 }, { "…", 0 },
	{ "...", 0 }, { "|", 0 }, { "｜", 0 }, { " ", 0 }, { "\xc2\xa0", 0 },
	{ "\xe3\x80\x80", 0 },
};

static const char *const pager_words[] = {
	"上一页", "下一页", "上页", "下页", "首页", "尾页", "末页", "前一页", "后一页",
	"上一頁", "下一頁", "下一版", "上一版", "第一页", "最后一页", "最末页",
};

/* The word of a pager link's text t without its arrows and brackets,
 * copied to core; *dir: where its arrows point (1 on, -1 back, 0 none
 * or both). */
static void
pager_core(const char *t, char *core, size_t size, int *dir)
{
	size_t n = strlen(t), k;
	int on = 0, back = 0, cut = 1;

	while (cut) {
		cut = 0;
		for (size_t i = 0; i < ARRAY_LEN(pager_marks) && !cut; i++) {
			k = strlen(pager_marks[i].s);
			if (n >= k && strncmp(t, pager_marks[i].s, k) == 0) {
				t += k;
				n -= k;
			} else if (n >= k && memcmp(t + n - k, pager_marks[i].s, k) == 0) {
				n -= k;
			} else {
				continue;
			}
			cut = 1;
			on |= pager_marks[i].dir > 0;
			back |= pager_marks[i].dir < 0;
		}
	}
	snprintf(core, size, "%.*s", (int)(n < size ? n : size - 1), t);
	*dir = on && !back ? 1 : back && !on ? -1 : 0;
}

/* Whether a word is one of a pager: a page number, 上一页/下一页 and the
 * like, arrows alone. */
static int
pager_word(const char *w)
{
	char core[64];
	int dir;

	if (page_number_word(w))
		return 1;
	pager_core(w, core, sizeof core, &dir);
	if (core[0] == '\0' || page_number_word(core))
		return 1;
	for (size_t i = 0; i < ARRAY_LEN(pager_words); i++)
		if (strcmp(core, pager_words[i]) == 0)
			return 1;
	return 0;
}

/* Whether an element is a pager: page numbers and 上一页/下一页, links. */
static int
pager(xmlNodePtr n)
{
	char *t, *save = NULL;
	int words = 0, links = 0, other = 0;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (xmlNodePtr c = n; c != NULL; c = next_seen(c, n))
		links += html_is_tag(c, "a");
	if (links == 0)
		return 0;
	t = gen_text(n, 400);
	for (char *w = strtok_r(t, " ", &save); w != NULL && !other; w = strtok_r(NULL, " ", &save)) {
		other = !pager_word(w);
		words++;
	}
	free(t);
	return words >= 2 && !other;
}

/* Whether an element is an article's info line (time, 来源, 作者) standing
 * in its text: a short block holding a date and one of the labels. */
static int
info_line(xmlNodePtr n)
{
	char *t, *v = NULL;
	char norm[32];
	size_t at, len;
	int yes;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	t = gen_text(n, 400);
	yes = utf8_count(t, strlen(t)) <= INFO_LINE_MAX && gen_find_date(t, 0, &at, &len, norm) &&
	      ((v = gen_labelled(t, GL_SOURCE)) != NULL || (v = gen_labelled(t, GL_AUTHOR)) != NULL);
	free(v);
	free(t);
	return yes;
}

void
gen_cut_pagers(xmlNodePtr body)
{
	xmlNodePtr *gone = NULL;
	size_t n = 0;

	for (xmlNodePtr c = body->children; c != NULL; ) {
		if (pager(c) || info_line(c)) {
			gone = xrealloc(gone, (n + 1) * sizeof *gone);
			gone[n++] = c;
			c = html_next_after(c, body);
			continue;
		}
		c = next_seen(c, body);
	}
	for (size_t i = 0; i < n; i++) {
		xmlUnlinkNode(gone[i]);
		xmlFreeNode(gone[i]);
	}
	free(gone);
}

/* ---- next page ------------------------------------------------------------- */

/* Words of a link to the next page, arrows and brackets aside. */
static const char *const next_words[] = {
	"下一页", "下页", "后一页", "下一頁", "下頁", "下一版", "next", "next page",
};

/* Whether a link's text says it leads to the next page: 下一页, 下页 >,
 * [下一页], Next », or forward arrows alone (>, », ›). */
static int
next_word(const char *t)
{
	char core[64];
	int dir;

	pager_core(t, core, sizeof core, &dir);
	if (dir < 0)
		return 0;
	if (core[0] == '\0')
		return dir > 0;
	for (size_t i = 0; i < ARRAY_LEN(next_words); i++)
		if (strcasecmp(core, next_words[i]) == 0)
			return 1;
	return 0;
}

static int
rel_next(xmlNodePtr n)
{
	char *rel = html_attr(n, "rel"), *save = NULL;
	int yes = 0;

	for (char *t = rel ? strtok_r(rel, " \t\n", &save) : NULL; t != NULL && !yes;
	     t = strtok_r(NULL, " \t\n", &save))
		yes = strcasecmp(t, "next") == 0;
	free(rel);
	return yes;
}



/* The number of the page, from its URL: node_479_2.html, /2.html, ?page=3,
 * index_2.html; 1 if none. */
static int
url_page(const char *url)
{
	const char *end = url + strcspn(url, "?#"), *q = strchr(url, '?'), *p;
	int v;

	if (q != NULL && (p = strstr(q, "page=")) != NULL && digits(p + 5, 1, 4, &v))
		return v;
	p = end;
	while (p > url && p[-1] != '/' && p[-1] != '.')
		p--;
	/* p: after the extension's dot (or the last slash) */
	if (p > url && p[-1] == '.') {
		const char *dot = p - 1, *d = dot;

		while (d > url && is_digit(d[-1]))
			d--;
		if (d < dot && (d[-1] == '_' || d[-1] == '/' || d[-1] == '-') &&
		    digits(d, 1, 4, &v) == (int)(dot - d) && (dot - d) <= 3)
			return v;
	}
	return 1;
}

/* Whether next can be the next page of the article at page: the same file
 * stem with a page suffix, or the same path with another query. */
static int
same_article(const char *page, const char *next)
{
	size_t pl = strcspn(page, "?#"), nl = strcspn(next, "?#");
	const char *pslash = page, *pdot;
	size_t stem;

	if (pl == nl && strncmp(page, next, pl) == 0)
		return 1;
	for (const char *p = page; p < page + pl; p++)
		if (*p == '/')
			pslash = p;
	pdot = memchr(pslash, '.', (size_t)(page + pl - pslash));
	stem = (size_t)((pdot ? pdot : page + pl) - page);
	return nl > stem && strncmp(page, next, stem) == 0 &&
	       (next[stem] == '_' || next[stem] == '-') && is_digit(next[stem + 1]) &&
	       strchr(next + stem, '/') == NULL;
}

static char *
acceptable(const char *page_url, int article, char *url, int is_article)
{
	if (url == NULL || strcmp(url, page_url) == 0 ||
	    (article && !same_article(page_url, url)) || (!article && is_article)) {
		free(url);
		return NULL;
	}
	return url;
}

/* A page that sends the reader on: <meta http-equiv="refresh"
 * content="0; URL=…">. */
static char *
refresh_to(xmlNodePtr root, const char *page_url, gen_url_fn *fn, void *arg)
{
	for (xmlNodePtr n = root; n != NULL; n = next_in(n, root)) {
		char *eq, *content, *u, *url = NULL;
		int art = 0;

		if (!html_is_tag(n, "meta") || (eq = html_attr(n, "http-equiv")) == NULL)
			continue;
		content = strcasecmp(eq, "refresh") == 0 ? html_attr(n, "content") : NULL;
		free(eq);
		u = content ? strcasestr(content, "url") : NULL;
		if (u != NULL) {
			u += 3;
			u += strspn(u, " \t");
			if (*u == '=') {
				u++;
				u += strspn(u, " \t'\"");
				u[strcspn(u, "'\"")] = '\0';
				url = acceptable(page_url, 0, fn(arg, u, &art), art);
			}
		}
		free(content);
		if (url != NULL)
			return url;
	}
	return NULL;
}

char *
gen_next(xmlNodePtr root, const char *page_url, int article, gen_url_fn *fn, void *arg)
{
	char *found = NULL;
	int cur = 0, has_cur = 0;
	xmlNodePtr numbered_first = NULL;

	if (root == NULL)
		return NULL;
	/* rel="next", then the words, in document order */
	for (int pass = 0; pass < 2 && found == NULL; pass++)
		for (xmlNodePtr n = root; n != NULL && found == NULL; n = next_seen(n, root)) {
			char *href, *t;
			int art = 0, yes;

			if (!(html_is_tag(n, "a") || (pass == 0 && html_is_tag(n, "link"))) ||
			    (href = html_attr(n, "href")) == NULL)
				continue;
			if (pass == 0) {
				yes = rel_next(n);
			} else {
				t = gen_text(n, 100);
				yes = next_word(t);
				free(t);
			}
			if (yes)
				found = acceptable(page_url, article, fn(arg, href, &art), art);
			free(href);
		}
	if (found != NULL)
		return found;
	/* numbered pages: the current one is a number that is no link (or a
	 * link marked current) */
	for (xmlNodePtr n = root; n != NULL && !has_cur; n = next_seen(n, root)) {
		static const char *const cur_words[] = { "cur", "current", "active", "on",
		                                         "selected", "thisclass", "now" };
		char *t;
		int v;

		if (n->type != XML_ELEMENT_NODE || n->children == NULL ||
		    n->children->type != XML_TEXT_NODE || n->children->next != NULL)
			continue;
		t = gen_text(n, 20);
		v = page_number(t);
		free(t);
		if (v == 0)
			continue;
		if (!html_is_tag(n, "a") || named(n, cur_words, ARRAY_LEN(cur_words), 1)) {
			/* a number standing between numbered links */
			int links_near = 0;

			for (xmlNodePtr s = n->parent ? n->parent->children : NULL; s != NULL; s = s->next)
				if (html_is_tag(s, "a")) {
					char *st = gen_text(s, 20);

					links_near += page_number(st) > 0;
					free(st);
				}
			if (links_near >= 1) {
				cur = v;
				has_cur = 1;
				numbered_first = n->parent;
			}
		}
	}
	if (!has_cur)
		cur = url_page(page_url);
	if (!has_cur && !article && (found = refresh_to(root, page_url, fn, arg)) != NULL)
		return found;
	for (xmlNodePtr n = has_cur ? numbered_first : root; n != NULL && found == NULL;
	     n = next_seen(n, has_cur ? numbered_first : root)) {
		char *t, *href;
		int art = 0;

		if (!html_is_tag(n, "a") || (href = html_attr(n, "href")) == NULL)
			continue;
		t = gen_text(n, 20);
		if (page_number(t) == cur + 1 && (has_cur || cur > 1))
			found = acceptable(page_url, article, fn(arg, href, &art), art);
		free(t);
		free(href);
	}
	return found;
}
