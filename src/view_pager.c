/* view_pager.c: the article, laid out by render and text; the reading
 * position kept across resizes, search within it, numbered links. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"
#include "utf8.h"

enum { WHEEL_LINES = 3 };

static const int line_color[] = {
	[RL_BLANK] = C_NORMAL, [RL_TITLE] = C_TITLE, [RL_META] = C_META,
	[RL_TEXT] = C_NORMAL, [RL_HEADING] = C_TITLE, [RL_QUOTE] = C_META,
	[RL_PRE] = C_NORMAL, [RL_IMAGE] = C_LINK, [RL_EDITOR] = C_META,
	[RL_LINKS] = C_LINK,
};

/* Whether the character at s is blank for the reading position: spaces,
 * U+3000 and the quote bar, which the layout adds or moves. */
static int
is_blank(const char *s, size_t n)
{
	return (n == 1 && (*s == ' ' || *s == '\t')) ||
	       (n == 3 && (memcmp(s, "\xe3\x80\x80", 3) == 0 ||
	                   memcmp(s, "\xe2\x94\x82", 3) == 0));
}

/* Visible characters of a line: the same in every layout of the text. */
static size_t
ink_of(const char *s)
{
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len; ) {
		uint32_t cp;
		size_t l = utf8_decode(s + i, len - i, &cp);

		n += !is_blank(s + i, l);
		i += l;
	}
	return n;
}

/* The line holding the anchor character (the first visible one when the
 * reader last moved). */
static size_t
line_of_anchor(const struct ui *u)
{
	size_t lo = 0, hi = u->doc.n;

	if (u->anchor == 0 || u->doc.n == 0)
		return 0;
	/* the last line whose ink before it is <= anchor */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (u->ink[mid] <= u->anchor)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t
max_top(const struct ui *u)
{
	size_t rows = u->page_rows > 0 ? (size_t)u->page_rows : 1;

	return u->doc.n > rows ? u->doc.n - rows : 0;
}

/* Moves to line l, as the reader asked: the anchor follows. */
static void
go_line(struct ui *u, long l)
{
	if (l < 0)
		l = 0;
	if ((size_t)l > max_top(u))
		l = (long)max_top(u);
	u->line = (size_t)l;
	u->anchor = u->ink != NULL ? u->ink[u->line] : 0;
}

/* ---- search within the article ------------------------------------------ */

static size_t
lead_len(const char *s)
{
	size_t i = 0;

	for (;;) {
		if (s[i] == ' ')
			i++;
		else if (strncmp(s + i, "\xe3\x80\x80", 3) == 0)
			i += 3;
		else
			return i;
	}
}

static int
alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The text as one string, lines of a paragraph joined (a space between
 * words that a line break split), paragraphs apart; start[i] is where
 * line i's text (after its indent, lead[i] bytes) begins in it. */
static char *
joined(const struct ui *u, size_t *start, size_t *lead, size_t *outlen)
{
	struct buf j;
	int joinable = 0;

	buf_init(&j, 0);
	buf_add(&j, "", 0);
	for (size_t i = 0; i < u->doc.n; i++) {
		const struct rline *l = &u->doc.v[i];
		size_t len = strlen(l->text);

		lead[i] = lead_len(l->text);
		if (lead[i] == len) {
			buf_add(&j, "\n", 1);
			start[i] = j.len;
			joinable = 0;
			continue;
		}
		if (!joinable || u->doc.v[i - 1].kind != l->kind)
			buf_add(&j, "\n", 1);
		else if (alnum(j.data[j.len - 1]) && alnum(l->text[lead[i]]))
			buf_add(&j, " ", 1);
		start[i] = j.len;
		buf_add(&j, l->text + lead[i], len - lead[i]);
		joinable = 1;
	}
	*outlen = j.len;
	return buf_steal(&j, NULL);
}

static size_t
snap(const char *s, size_t len, size_t off, int forward)
{
	size_t p, n;

	if (off == 0 || off >= len)
		return off;
	p = text_cluster_prev(s, len, off);
	n = text_cluster_next(s, len, p);
	if (n == off)
		return off;
	return forward ? n : p;
}

static void
add_span(struct ui *u, size_t line, size_t a, size_t b, size_t match)
{
	const char *s = u->doc.v[line].text;
	size_t len = strlen(s);

	a = snap(s, len, a, 0);
	b = snap(s, len, b, 1);
	if (a >= b)
		return;
	u->spans = xrealloc(u->spans, (u->nspans + 1) * sizeof *u->spans);
	u->spans[u->nspans++] = (struct ui_span){ line, a, b, match };
}

/* Spans of the match [a, b) of the joined text on the lines it covers. */
static void
map_match(struct ui *u, const size_t *start, const size_t *lead, size_t a,
          size_t b, size_t match)
{
	size_t lo = 0, hi = u->doc.n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (start[mid] <= a)
			lo = mid;
		else
			hi = mid;
	}
	for (size_t i = lo; i < u->doc.n && start[i] < b; i++) {
		size_t len = strlen(u->doc.v[i].text) - lead[i];
		size_t s = a > start[i] ? a - start[i] : 0;
		size_t e = b - start[i] < len ? b - start[i] : len;

		if (lead[i] + len == lead[i] || s >= e)
			continue;
		add_span(u, i, lead[i] + s, lead[i] + e, match);
	}
}

static void
find_matches(struct ui *u)
{
	size_t *start, *lead, len, nl;
	char *text;
	const char *p;

	free(u->spans);
	u->spans = NULL;
	u->nspans = u->nmatches = 0;
	if (str_empty(u->find) || u->doc.n == 0)
		return;
	start = xcalloc(u->doc.n, sizeof *start);
	lead = xcalloc(u->doc.n, sizeof *lead);
	text = joined(u, start, lead, &len);
	nl = strlen(u->find);
	for (size_t at = 0; (p = ui_find_ci(text + at, len - at, u->find)) != NULL; ) {
		size_t a = (size_t)(p - text);

		map_match(u, start, lead, a, a + nl, u->nmatches++);
		at = a + nl;
	}
	free(text);
	free(start);
	free(lead);
}

static size_t
match_line(const struct ui *u, size_t m)
{
	for (size_t i = 0; i < u->nspans; i++)
		if (u->spans[i].match == m)
			return u->spans[i].line;
	return 0;
}

/* Shows match m: its line stays where it is if on screen, else goes to
 * the top. */
static void
show_match(struct ui *u, size_t m, int wrapped)
{
	size_t l = match_line(u, m);
	size_t rows = u->page_rows > 0 ? (size_t)u->page_rows : 1;

	u->cur_match = m;
	if (l < u->line || l >= u->line + rows)
		go_line(u, (long)l);
	ui_status(u, 0, _("Match %zu of %zu for %s%s"), m + 1, u->nmatches, u->find,
	          wrapped > 0 ? _(" (from the top)") : wrapped < 0 ? _(" (from the end)") : "");
}

void
ui_find(struct ui *u, const char *query)
{
	size_t m = 0;

	if (str_empty(query)) {
		xfree_set(&u->find, NULL);
		find_matches(u);
		return;
	}
	xfree_set(&u->find, xstrdup(query));
	find_matches(u);
	if (u->nmatches == 0) {
		ui_status(u, 1, _("Not in this article: %s"), query);
		return;
	}
	while (m < u->nmatches && match_line(u, m) < u->line)
		m++;
	show_match(u, m < u->nmatches ? m : 0, m == u->nmatches);
}

static void
find_next(struct ui *u, int dir)
{
	size_t m;

	if (u->nmatches == 0) {
		ui_status(u, 1, _("Not in this article: %s"), u->find);
		return;
	}
	m = (u->cur_match + u->nmatches + (size_t)(dir > 0 ? 1 : u->nmatches - 1)) %
	    u->nmatches;
	if (dir > 0)
		show_match(u, m, m <= u->cur_match);
	else
		show_match(u, m, m >= u->cur_match ? -1 : 0);
}

/* ---- layout --------------------------------------------------------------- */

static void
layout(struct ui *u)
{
	rdoc_free(&u->doc);
	render_layout(&u->art, &u->blocks, u->cols, &u->doc);
	u->doc_width = u->cols;
	free(u->ink);
	u->ink = xcalloc(u->doc.n + 1, sizeof *u->ink);
	for (size_t i = 0; i < u->doc.n; i++)
		u->ink[i + 1] = u->ink[i] + ink_of(u->doc.v[i].text);
	u->line = line_of_anchor(u);
	find_matches(u);
}

static void
pager_open(struct ui *u)
{
	struct err e = { "" };

	rblocks_free(&u->blocks);
	if (render_blocks(u->art.body_html ? u->art.body_html : "",
	                  u->art.body_html ? strlen(u->art.body_html) : 0,
	                  u->art.url, &u->blocks, &e) < 0)
		ui_status(u, 1, "%s", e.msg);
	u->anchor = 0;
	u->link_num = 0;
	u->cur_match = 0;
	layout(u);
}

static void
pager_close(struct ui *u)
{
	rdoc_free(&u->doc);
	rblocks_free(&u->blocks);
	article_free(&u->art);
	free(u->ink);
	u->ink = NULL;
	free(u->spans);
	u->spans = NULL;
	u->nspans = u->nmatches = 0;
	xfree_set(&u->find, NULL);
}

/* The first span on line l or after it. */
static size_t
first_span(const struct ui *u, size_t l)
{
	size_t lo = 0, hi = u->nspans;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (u->spans[mid].line < l)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
pager_draw(struct ui *u, int top, int rows)
{
	size_t s;

	u->page_rows = rows;
	if (u->doc_width != u->cols)
		layout(u);      /* a resize: the anchor stays on top */
	if (u->line > max_top(u))
		u->line = max_top(u);
	s = first_span(u, u->line);
	for (int r = 0; r < rows && u->line + (size_t)r < u->doc.n; r++) {
		size_t li = u->line + (size_t)r, e = s;
		const struct rline *l = &u->doc.v[li];

		while (e < u->nspans && u->spans[e].line == li)
			e++;
		ui_put_spans(top + r, 0, l->text, u->cols, line_color[l->kind], 0,
		             u->spans + s, e - s);
		s = e;
	}
}

static void
pager_status(struct ui *u, char *left, size_t lsz, char *right, size_t rsz)
{
	size_t rows = u->page_rows > 0 ? (size_t)u->page_rows : 1;
	size_t last = u->line + rows < u->doc.n ? u->line + rows : u->doc.n;

	if (!str_empty(u->find))
		snprintf(left, lsz, _("/%s: %zu found  n/N next/previous  q back"),
		         u->find, u->nmatches);
	else
		snprintf(left, lsz, "%s", _("q back  J/K next/previous  o browser  ? help"));
	snprintf(right, rsz, "%zu-%zu/%zu %d%%", u->doc.n ? u->line + 1 : 0, last,
	         u->doc.n, u->doc.n ? (int)(last * 100 / u->doc.n) : 100);
}

/* ---- links ---------------------------------------------------------------- */

static void
open_link(struct ui *u, unsigned n)
{
	u->link_num = 0;
	if (n == 0 || n > u->blocks.nlinks)
		return;
	ui_open_url(u, u->blocks.links[n - 1]);
}

/* A digit of a link number: it opens as soon as no further digit could
 * make another link's number (so 1-9 alone when there are fewer than 10
 * links), else Enter opens it. */
static void
link_digit(struct ui *u, unsigned d)
{
	size_t nl = u->blocks.nlinks;
	unsigned n = u->link_num * 10 + d;

	if (nl == 0) {
		ui_status(u, 0, "%s", _("This article has no links"));
		return;
	}
	if (n == 0)
		return;
	if (n > nl) {
		u->link_num = 0;
		ui_status(u, 1, _("There is no link %u: the article has %zu"), n, nl);
		return;
	}
	if ((size_t)n * 10 > nl) {
		open_link(u, n);
		return;
	}
	u->link_num = n;
	ui_status(u, 0, _("Link %u: %s  (Enter opens it; Esc cancels)"), n,
	          u->blocks.links[n - 1]);
}

/* ---- keys ----------------------------------------------------------------- */

static int
scroll_key(struct ui *u, enum action a)
{
	long page = u->page_rows > 1 ? u->page_rows - 1 : 1;

	switch (a) {
	case ACT_DOWN:      go_line(u, (long)u->line + 1); return 1;
	case ACT_UP:        go_line(u, (long)u->line - 1); return 1;
	case ACT_PAGE_DOWN: go_line(u, (long)u->line + page); return 1;
	case ACT_PAGE_UP:   go_line(u, (long)u->line - page); return 1;
	case ACT_TOP:       go_line(u, 0); return 1;
	case ACT_BOTTOM:    go_line(u, (long)u->doc.n); return 1;
	default:            return 0;
	}
}

static void
next_article(struct ui *u, int dir)
{
	if (dir > 0 && u->sel + 1 < u->list.n)
		ui_open_article(u, u->sel + 1);
	else if (dir < 0 && u->sel > 0 && u->sel - 1 < u->list.n)
		ui_open_article(u, u->sel - 1);
	else
		ui_status(u, 0, "%s", dir > 0 ? _("This is the last article of the list")
		                              : _("This is the first article of the list"));
}

static void
to_tab(struct ui *u, int dir)
{
	size_t n = news_ntabs(u->news);

	ui_pop(u);
	if (n > 0)
		ui_switch_tab(u, (u->tab + n + (dir > 0 ? 1 : n - 1)) % n);
}

static int
pager_key(struct ui *u, enum action a)
{
	unsigned typed = u->link_num;

	if (a != ACT_NUMBER)
		u->link_num = 0;
	if (scroll_key(u, a))
		return 1;
	switch (a) {
	case ACT_OPEN:        open_link(u, typed); return 1;
	case ACT_BACK:        return typed > 0;     /* Esc drops a typed number */
	case ACT_NUMBER:
		if (u->last_key >= '0' && u->last_key <= '9')
			link_digit(u, (unsigned)(u->last_key - '0'));
		return 1;
	case ACT_NEXT_ART:    next_article(u, 1); return 1;
	case ACT_PREV_ART:    next_article(u, -1); return 1;
	case ACT_NEXT_TAB:    to_tab(u, 1); return 1;
	case ACT_PREV_TAB:    to_tab(u, -1); return 1;
	case ACT_SEARCH:      ui_prompt(u, PROMPT_FIND); return 1;
	case ACT_SEARCH_NEXT:
		if (str_empty(u->find))
			next_article(u, 1);
		else
			find_next(u, 1);
		return 1;
	case ACT_SEARCH_PREV:
		if (str_empty(u->find))
			next_article(u, -1);
		else
			find_next(u, -1);
		return 1;
	case ACT_RELOAD:
	case ACT_RELOAD_ALL:
		return view_list.key(u, a);
	case ACT_FULL_TEXT:
		ui_full_text(u, u->art.url);
		return 1;
	case ACT_STAR:
	case ACT_TOGGLE_READ:
	case ACT_BROWSER:
		return ui_article_key(u, a, u->art.url, &u->art.read, &u->art.starred);
	default:
		return 0;
	}
}

static void
pager_mouse(struct ui *u, int y, int x, enum ui_mouse m)
{
	(void)y;
	(void)x;
	if (m == UI_WHEEL_UP)
		go_line(u, (long)u->line - WHEEL_LINES);
	else if (m == UI_WHEEL_DOWN)
		go_line(u, (long)u->line + WHEEL_LINES);
}

const struct view_ops view_pager = {
	"pager", pager_open, pager_draw, pager_key, pager_close, pager_status,
	pager_mouse,
};
