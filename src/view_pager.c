/* view_pager.c: an article (see view_pager.h).
 *
 * What it relies on from render.c (render.h, struct rline): a line's lead,
 * the bytes the layout put in front of the article's own text, and its
 * para, which lines make one paragraph.  The reading position is the
 * number of visible characters above the top line ("ink": the text after
 * the lead, spaces not counted), the same at every width; a search runs
 * over the paragraphs as written and is mapped back onto the lines. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "picture.h"
#include "render.h"
#include "scroller.h"
#include "screen.h"
#include "text.h"
#include "theme.h"
#include "utf8.h"
#include "view_pager.h"

enum { PROMPT_FIND = 1, PROMPT_PIPE = 2 };

/* A search match in the article: bytes [at.start, at.end) of doc line
 * line, part of match number match. */
struct span {
	size_t line, match;
	struct screen_span at;
};

struct pager {
	struct host *h;
	struct article art;
	struct rblocks blocks;
	struct rdoc doc;
	int doc_width;              /* the width doc was laid out at, 0: none */
	struct scroller sc;         /* without a cursor: sc.top is the first line */
	size_t *ink;                /* ink[i]: visible characters before line i */
	size_t anchor;              /* the character the reader keeps on top */
	char *find;                 /* the search within the article */
	struct span *spans;
	size_t nspans, nmatches, cur_match;
	unsigned link_num;          /* digits of a link number typed so far */
	/* pictures, per block of blocks (NULL: none shown) */
	enum image_proto proto;
	struct image *imgs;
	struct picture_cells *cells;
	size_t next_pic;            /* the next block idle decodes the picture of */
	int doc_rows;               /* the height doc was laid out for */
	int seen_end;               /* the last line was on the screen */
};

static const int line_color[] = {
	[RL_BLANK] = THEME_NORMAL, [RL_TITLE] = THEME_TITLE, [RL_META] = THEME_META,
	[RL_TEXT] = THEME_NORMAL, [RL_HEADING] = THEME_TITLE, [RL_QUOTE] = THEME_META,
	[RL_PRE] = THEME_NORMAL, [RL_IMAGE] = THEME_LINK, [RL_EDITOR] = THEME_META,
	[RL_LINKS] = THEME_LINK, [RL_PICTURE] = THEME_NORMAL,
};

/* ---- the reading position ----------------------------------------------- */

/* Visible characters of a line: its own text, spaces not counted. */
static size_t
ink_of(const struct rline *l)
{
	const char *s = l->text + l->lead;
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len; ) {
		uint32_t cp;

		i += utf8_decode(s + i, len - i, &cp);
		n += cp != ' ' && cp != '\t';
	}
	return n;
}

/* The line holding the anchor character (the first visible one when the
 * reader last moved). */
static size_t
line_of_anchor(const struct pager *p)
{
	size_t lo = 0, hi = p->doc.n;

	if (p->anchor == 0 || p->doc.n == 0)
		return 0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->ink[mid] <= p->anchor)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The reader moved: the anchor follows the top line. */
static void
moved(struct pager *p)
{
	p->anchor = p->ink != NULL ? p->ink[p->sc.top] : 0;
}

static void
go_line(struct pager *p, long l)
{
	scroller_move(&p->sc, l - (long)p->sc.top);
	moved(p);
}

/* ---- search within the article ------------------------------------------ */

static int
alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The text as one string, the lines of a paragraph joined (a space
 * between words a line break split), paragraphs apart; start[i] is where
 * line i's own text begins in it. */
static char *
joined(const struct pager *p, size_t *start, size_t *outlen)
{
	struct buf j;

	buf_init(&j, 0);
	buf_add(&j, "", 0);
	for (size_t i = 0; i < p->doc.n; i++) {
		const struct rline *l = &p->doc.v[i];
		const char *own = l->text + l->lead;
		int same = i > 0 && p->doc.v[i - 1].para == l->para;

		if (!same)
			buf_add(&j, "\n", 1);
		else if (j.len > 0 && alnum(j.data[j.len - 1]) && alnum(own[0]))
			buf_add(&j, " ", 1);
		start[i] = j.len;
		buf_adds(&j, own);
	}
	*outlen = j.len;
	return buf_steal(&j, NULL);
}

static size_t
snap(const char *s, size_t len, size_t off, int forward)
{
	size_t prev, next;

	if (off == 0 || off >= len)
		return off;
	prev = text_cluster_prev(s, len, off);
	next = text_cluster_next(s, len, prev);
	if (next == off)
		return off;
	return forward ? next : prev;
}

static void
add_span(struct pager *p, size_t line, size_t a, size_t b, size_t match)
{
	const char *s = p->doc.v[line].text;
	size_t len = strlen(s);

	a = snap(s, len, a, 0);
	b = snap(s, len, b, 1);
	if (a >= b)
		return;
	p->spans = xrealloc(p->spans, (p->nspans + 1) * sizeof *p->spans);
	p->spans[p->nspans++] = (struct span){ line, match, { a, b } };
}

/* Spans of the match [a, b) of the joined text on the lines it covers. */
static void
map_match(struct pager *p, const size_t *start, size_t a, size_t b, size_t match)
{
	size_t lo = 0, hi = p->doc.n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (start[mid] <= a)
			lo = mid;
		else
			hi = mid;
	}
	for (size_t i = lo; i < p->doc.n && start[i] < b; i++) {
		const struct rline *l = &p->doc.v[i];
		size_t len = strlen(l->text) - l->lead;
		size_t s = a > start[i] ? a - start[i] : 0;
		size_t e = b - start[i] < len ? b - start[i] : len;

		if (len == 0 || s >= e)
			continue;
		add_span(p, i, l->lead + s, l->lead + e, match);
	}
}

static void
find_matches(struct pager *p)
{
	size_t *start, len, nl;
	char *text, *shown;
	const char *hit;

	free(p->spans);
	p->spans = NULL;
	p->nspans = p->nmatches = 0;
	if (str_empty(p->find) || p->doc.n == 0)
		return;
	start = xcalloc(p->doc.n, sizeof *start);
	text = joined(p, start, &len);
	shown = news_shown_query(host_news(p->h), p->find);     /* typed in either script */
	nl = strlen(shown);
	for (size_t at = 0; nl > 0 && (hit = str_find_ci(text + at, len - at, shown)) != NULL; ) {
		size_t a = (size_t)(hit - text);

		map_match(p, start, a, a + nl, p->nmatches++);
		at = a + nl;
	}
	free(shown);
	free(text);
	free(start);
}

static size_t
match_line(const struct pager *p, size_t m)
{
	for (size_t i = 0; i < p->nspans; i++)
		if (p->spans[i].match == m)
			return p->spans[i].line;
	return 0;
}

/* Shows match m: its line stays where it is if on screen, else goes to
 * the top. */
static void
show_match(struct pager *p, size_t m, int wrapped)
{
	size_t l = match_line(p, m);
	size_t rows = p->sc.rows ? p->sc.rows : 1;

	p->cur_match = m;
	if (l < p->sc.top || l >= p->sc.top + rows)
		go_line(p, (long)l);
	host_status(p->h, 0, _("Match %zu of %zu for %s%s"), m + 1, p->nmatches, p->find,
	            wrapped > 0 ? _(" (from the top)") : wrapped < 0 ? _(" (from the end)") : "");
}

static void
find(struct pager *p, const char *query)
{
	size_t m = 0;

	if (str_empty(query)) {
		xfree_set(&p->find, NULL);
		find_matches(p);
		return;
	}
	xfree_set(&p->find, xstrdup(query));
	find_matches(p);
	if (p->nmatches == 0) {
		host_status(p->h, 1, _("Not in this article: %s"), query);
		return;
	}
	while (m < p->nmatches && match_line(p, m) < p->sc.top)
		m++;
	show_match(p, m < p->nmatches ? m : 0, m == p->nmatches);
}

static void
find_next(struct pager *p, int dir)
{
	size_t m;

	if (p->nmatches == 0) {
		host_status(p->h, 1, _("Not in this article: %s"), p->find);
		return;
	}
	m = (p->cur_match + p->nmatches + (size_t)(dir > 0 ? 1 : p->nmatches - 1)) %
	    p->nmatches;
	if (dir > 0)
		show_match(p, m, m <= p->cur_match);
	else
		show_match(p, m, m >= p->cur_match ? -1 : 0);
}

/* ---- pictures ------------------------------------------------------------ */

static void
pictures_free(struct pager *p)
{
	for (size_t i = 0; p->imgs != NULL && i < p->blocks.n; i++) {
		image_free(&p->imgs[i]);
		picture_cells_free(&p->cells[i]);
	}
	free(p->imgs);
	free(p->cells);
	p->imgs = NULL;
	p->cells = NULL;
}

/* The article's pictures: those not in the cache are fetched while the
 * text is read (EV_PICTURE brings them), those the cache refused say why;
 * the cached ones are decoded while no key comes (pager_idle), one at a
 * time, so that a page of large pictures never holds up a key. */
static void
pictures_load(struct pager *p)
{
	struct news *n = host_news(p->h);

	pictures_free(p);
	p->proto = picture_proto(n, p->art.url);
	p->doc_width = 0;
	p->next_pic = 0;
	if (p->proto == PROTO_NONE)
		return;
	p->imgs = xcalloc(p->blocks.n + 1, sizeof *p->imgs);
	p->cells = xcalloc(p->blocks.n + 1, sizeof *p->cells);
	news_article_pictures(n, p->art.url, &p->blocks, NULL);
}

/* Picture i decoded, or why not noted: the article is laid out again at
 * the next draw when it changed. */
static void
picture_decode(struct pager *p, size_t i)
{
	news_article_picture(host_news(p->h), p->art.url, &p->blocks.v[i], &p->imgs[i]);
	if (p->imgs[i].rgba != NULL || p->blocks.v[i].img_note != NULL)
		p->doc_width = 0;
}

/* Picture url of the article came in: decoded, the others as they are. */
static void
pictures_arrived(struct pager *p, const char *url)
{
	if (p->imgs == NULL) {
		pictures_load(p);
		return;
	}
	for (size_t i = 0; url != NULL && i < p->blocks.n; i++)
		if (p->blocks.v[i].kind == RB_IMAGE && p->blocks.v[i].src != NULL &&
		    strcmp(p->blocks.v[i].src, url) == 0)
			picture_decode(p, i);
}

static int
pager_idle(void *st, int work)
{
	struct pager *p = st;

	for (; p->imgs != NULL && p->next_pic < p->blocks.n; p->next_pic++) {
		const struct rblock *k = &p->blocks.v[p->next_pic];

		if (k->kind != RB_IMAGE || k->src == NULL || k->img_note != NULL ||
		    p->imgs[p->next_pic].rgba != NULL)
			continue;
		if (!work)
			return 1;
		picture_decode(p, p->next_pic++);
		return p->next_pic < p->blocks.n;
	}
	return 0;
}

/* Draws the run of a picture's rows that starts at screen row i (line li):
 * returns how many rows it took. */
static int
draw_picture(struct pager *p, const struct rect *r, int i, size_t li)
{
	const struct rline *l = &p->doc.v[li];
	int n = 0;

	while (i + n < r->h && li + (size_t)n < p->doc.n &&
	       p->doc.v[li + (size_t)n].kind == RL_PICTURE &&
	       p->doc.v[li + (size_t)n].block == l->block)
		n++;
	if (p->imgs != NULL && l->block >= 0 && (size_t)l->block < p->blocks.n)
		picture_draw(&p->imgs[l->block], &p->cells[l->block], p->proto,
		             p->blocks.v[l->block].src, r->y + i, r->x + l->col, l->cols,
		             l->rows, l->row, n);
	return n;
}

/* I: the first picture on the screen, full screen. */
static void
show_picture(struct pager *p)
{
	for (size_t i = p->sc.top; i < p->doc.n && i < p->sc.top + p->sc.rows; i++) {
		const struct rline *l = &p->doc.v[i];
		struct host_picture arg;

		if ((l->kind != RL_PICTURE && l->kind != RL_IMAGE) || l->block < 0 ||
		    p->imgs == NULL || p->imgs[l->block].rgba == NULL)
			continue;
		arg.im = &p->imgs[l->block];
		arg.key = p->blocks.v[l->block].src;
		arg.caption = p->blocks.v[l->block].text;
		host_picture(p->h, &arg);
		return;
	}
	host_status(p->h, 0, "%s", p->proto == PROTO_NONE ?
	            _("Pictures are hidden (i shows them)") : _("No picture on this screen"));
}

/* ---- layout and drawing -------------------------------------------------- */

/* Lays the article out for a view width × rows: pictures at most half its
 * height. */
static void
layout(struct pager *p, int width, int rows)
{
	rdoc_free(&p->doc);
	p->blocks.img_rows = p->imgs != NULL ? (rows / 2 > 0 ? rows / 2 : 1) : 0;
	picture_cell_size(p->proto, &p->blocks.cell_w, &p->blocks.cell_h);
	render_layout(&p->art, &p->blocks, width, &p->doc);
	p->doc_width = width;
	p->doc_rows = rows;
	free(p->ink);
	p->ink = xcalloc(p->doc.n + 1, sizeof *p->ink);
	for (size_t i = 0; i < p->doc.n; i++)
		p->ink[i + 1] = p->ink[i] + ink_of(&p->doc.v[i]);
	p->sc.n = p->doc.n;
	p->sc.top = line_of_anchor(p);
	find_matches(p);
}

/* The first span on line l or after it. */
static size_t
first_span(const struct pager *p, size_t l)
{
	size_t lo = 0, hi = p->nspans;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->spans[mid].line < l)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
pager_draw(void *st, const struct rect *r)
{
	struct pager *p = st;
	struct screen_span sp[64];
	size_t s;

	if (p->doc_width != r->w || (p->imgs != NULL && p->doc_rows != r->h))
		layout(p, r->w, r->h);  /* a new size: the anchor stays on top */
	scroller_set(&p->sc, p->doc.n, (size_t)r->h);
	p->seen_end |= scroller_last(&p->sc) >= p->doc.n;
	s = first_span(p, p->sc.top);
	for (int i = 0; i < r->h && p->sc.top + (size_t)i < p->doc.n; i++) {
		size_t li = p->sc.top + (size_t)i, n = 0;
		const struct rline *l = &p->doc.v[li];

		for (; s < p->nspans && p->spans[s].line == li; s++)
			if (n < ARRAY_LEN(sp))
				sp[n++] = p->spans[s].at;
		screen_put_spans(r->y + i, r->x, l->text, r->w, line_color[l->kind], 0, sp, n);
	}
	for (int i = 0; i < r->h && p->sc.top + (size_t)i < p->doc.n; i++) {
		size_t li = p->sc.top + (size_t)i;

		if (p->doc.v[li].kind == RL_PICTURE)
			i += draw_picture(p, r, i, li) - 1;
	}
}

/* How much of the text is above the screen's last line, in percent, and
 * the minutes the rest takes at the reading speed (0: it is all shown). */
static void
progress(const struct pager *p, int *percent, int *minutes)
{
	size_t last = scroller_last(&p->sc);
	size_t total = p->ink != NULL ? p->ink[p->doc.n] : 0;
	size_t seen = p->ink != NULL ? p->ink[last] : 0;
	int speed = host_conf(p->h)->reading_speed;

	*percent = total > 0 ? (int)(seen * 100 / total) : 100;
	*minutes = (int)((total - seen + (size_t)speed - 1) / (size_t)speed);
}

static void
pager_status(void *st, char *left, size_t lsz, char *right, size_t rsz)
{
	struct pager *p = st;
	size_t last = scroller_last(&p->sc);
	int percent, minutes;
	char left_text[64] = "";

	progress(p, &percent, &minutes);
	if (!str_empty(p->find))
		snprintf(left, lsz, _("/%s: %zu found  n/N next/previous  q back"),
		         p->find, p->nmatches);
	else
		snprintf(left, lsz, "%s", _("q back  J/K next/previous  o browser  ? help"));
	if (minutes > 0)
		snprintf(left_text, sizeof left_text, _("  %d min left"), minutes);
	snprintf(right, rsz, "%zu-%zu/%zu %d%%%s", p->doc.n ? p->sc.top + 1 : 0, last,
	         p->doc.n, percent, left_text);
}

/* ---- links --------------------------------------------------------------- */

static void
open_link(struct pager *p, unsigned n)
{
	p->link_num = 0;
	if (n == 0 || n > p->blocks.nlinks)
		return;
	host_open_url(p->h, p->blocks.links[n - 1]);
}

/* A digit of a link number: it opens as soon as no further digit could
 * make another link's number (so 1-9 alone when there are fewer than 10
 * links), else Enter opens it. */
static void
link_digit(struct pager *p, unsigned d)
{
	size_t nl = p->blocks.nlinks;
	unsigned n = p->link_num * 10 + d;

	if (nl == 0) {
		host_status(p->h, 0, "%s", _("This article has no links"));
		return;
	}
	if (n == 0)
		return;
	if (n > nl) {
		p->link_num = 0;
		host_status(p->h, 1, _("There is no link %u: the article has %zu"), n, nl);
		return;
	}
	if ((size_t)n * 10 > nl) {
		open_link(p, n);
		return;
	}
	p->link_num = n;
	host_status(p->h, 0, _("Link %u: %s  (Enter opens it; Esc cancels)"), n,
	            p->blocks.links[n - 1]);
}

/* ---- getting the text out ------------------------------------------------- */

static void
copy_text(struct pager *p)
{
	char *all = render_text(&p->art, &p->blocks, 0);

	host_copy(p->h, _("the article"), all);
	free(all);
}

/* A file name from the title: what a file system or a shell would trip
 * on made '_', at most 60 characters, ".md" after. */
static char *
file_name(const char *title)
{
	const char *t = str_empty(title) ? "article" : title;
	struct buf b;
	size_t len = strlen(t);
	int chars = 0;

	buf_init(&b, 0);
	for (size_t i = 0; i < len && chars < 60; chars++) {
		uint32_t cp;
		size_t n = utf8_decode(t + i, len - i, &cp);

		if (cp < 0x20 || cp == 0x7f || cp == UTF8_BAD || cp == ' ' || cp == 0x3000 ||
		    (cp < 0x80 && strchr("/\\:*?\"<>|", (int)cp) != NULL) ||
		    (cp == '.' && b.len == 0))
			buf_add(&b, "_", 1);
		else
			buf_add(&b, t + i, n);
		i += n;
	}
	buf_adds(&b, ".md");
	return buf_steal(&b, NULL);
}

/* The directory articles are saved in: save-dir (~/ is the home), else
 * ~/Downloads. */
static char *
save_dir(const struct conf *c)
{
	const char *home = getenv("HOME"), *d = c->save_dir;

	if (home == NULL || *home == '\0')
		home = ".";
	if (d == NULL)
		return path_join(home, "Downloads");
	if (str_starts(d, "~/"))
		return path_join(home, d + 2);
	return xstrdup(d);
}

/* Writes text to a new file named name in dir (made if missing); a file of
 * that name already there is left alone: -2, -3… is added.  *path: the
 * file's. */
static int
write_new(const char *dir, const char *name, const char *text, char **path,
          struct err *e)
{
	size_t len = strlen(text), done = 0;
	int fd = -1;

	*path = path_join(dir, name);
	if (mkdir_p(dir, e) < 0)
		return -1;
	for (int k = 2; (fd = open(*path, O_WRONLY | O_CREAT | O_EXCL, 0644)) < 0 &&
	     errno == EEXIST && k < 100; k++) {
		free(*path);
		*path = xasprintf("%s/%.*s-%d.md", dir, (int)(strlen(name) - 3), name, k);
	}
	if (fd < 0)
		return err_set(e, _("cannot write %s: %s"), *path, strerror(errno));
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done < len || close(fd) != 0) {
		err_set(e, _("cannot write %s: %s"), *path, strerror(errno));
		if (done < len)
			close(fd);
		unlink(*path);
		return -1;
	}
	return 0;
}

/* w: the article as Markdown in save-dir, in a file named by its title. */
static void
save(struct pager *p)
{
	char *dir = save_dir(host_conf(p->h)), *name = file_name(p->art.title);
	char *md = render_text(&p->art, &p->blocks, 1), *text = xasprintf("%s\n", md);
	char *path = NULL;
	struct err e = { "" };

	if (write_new(dir, name, text, &path, &e) < 0)
		host_status(p->h, 1, "%s", e.msg);
	else
		host_status(p->h, 0, _("Saved to %s"), path);
	free(path);
	free(text);
	free(md);
	free(name);
	free(dir);
}

/* ---- the view -------------------------------------------------------------- */

static void *
pager_open(struct host *h, const void *arg)
{
	struct pager *p = xcalloc(1, sizeof *p);
	struct news *n = host_news(h);
	struct err e = { "" };

	p->h = h;
	p->art.comments = -1;
	if (news_get_article(n, arg, &p->art, &e) < 0) {
		host_status(h, 1, "%s", e.msg);
		article_free(&p->art);
		free(p);
		return NULL;
	}
	p->art.read = 1;
	if (p->art.place > 0 && p->art.place < p->art.place_of)
		p->anchor = (size_t)p->art.place;   /* where the reader left it */
	if (news_article_blocks(n, &p->art, &p->blocks, &e) < 0)
		host_status(h, 1, "%s", e.msg);
	pictures_load(p);
	return p;
}

/* The article read again in the script now shown, laid out at the next
 * draw with the same character on top. */
static void
reread(struct pager *p)
{
	struct news *n = host_news(p->h);
	struct article a = { .comments = -1 };
	struct rblocks b = { 0 };
	struct err e = { "" };

	if (news_get_article(n, p->art.url, &a, &e) < 0 ||
	    news_article_blocks(n, &a, &b, &e) < 0) {
		host_status(p->h, 1, "%s", e.msg);
		rblocks_free(&b);
		article_free(&a);
		return;
	}
	a.read = p->art.read;
	a.starred = p->art.starred;
	pictures_free(p);
	article_free(&p->art);
	rblocks_free(&p->blocks);
	p->art = a;
	p->blocks = b;
	p->doc_width = 0;
	pictures_load(p);
}

/* Where the reader is, kept with the article: the first character on the
 * screen, or none once the end was shown (it opens at the top again). */
static void
keep_place(struct pager *p)
{
	size_t total = p->ink != NULL ? p->ink[p->doc.n] : 0;

	if (p->doc_width == 0 || p->art.url == NULL)
		return;
	host_place(p->h, p->art.url, p->seen_end || p->anchor >= total ? 0 : (int64_t)p->anchor,
	           (int64_t)total);
}

static void
pager_close(void *st)
{
	struct pager *p = st;

	keep_place(p);
	pictures_free(p);
	rdoc_free(&p->doc);
	rblocks_free(&p->blocks);
	article_free(&p->art);
	free(p->ink);
	free(p->spans);
	free(p->find);
	free(p);
}

static int
pager_key(void *st, enum action a, int key)
{
	struct pager *p = st;
	unsigned typed = p->link_num;

	if (a != ACT_NUMBER)
		p->link_num = 0;
	if (scroller_key(&p->sc, a)) {
		moved(p);
		return 1;
	}
	switch (a) {
	case ACT_OPEN:        open_link(p, typed); return 1;
	case ACT_BACK:        return typed > 0;     /* Esc drops a typed number */
	case ACT_NUMBER:
		if (key >= '0' && key <= '9')
			link_digit(p, (unsigned)(key - '0'));
		return 1;
	case ACT_NEXT_ART:    host_step_article(p->h, 1); return 1;
	case ACT_PREV_ART:    host_step_article(p->h, -1); return 1;
	case ACT_SEARCH:
		host_prompt(p->h, p, PROMPT_FIND, _("Find in the article: "));
		return 1;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (str_empty(p->find))
			host_step_article(p->h, a == ACT_SEARCH_NEXT ? 1 : -1);
		else
			find_next(p, a == ACT_SEARCH_NEXT ? 1 : -1);
		return 1;
	case ACT_FULL_TEXT:
		host_full_text(p->h, p->art.url);
		return 1;
	case ACT_PICTURE:
		show_picture(p);
		return 1;
	case ACT_COPY_LINK:
		host_copy(p->h, _("the link"), p->art.url);
		return 1;
	case ACT_COPY_TEXT:
		copy_text(p);
		return 1;
	case ACT_SAVE:
		save(p);
		return 1;
	case ACT_PIPE:
		host_prompt(p->h, p, PROMPT_PIPE, _("Pipe the article to: "));
		return 1;
	default:
		return view_article_key(p->h, a, p->art.url, &p->art.read, &p->art.starred);
	}
}

static void
pager_answer(void *st, int id, const char *text)
{
	struct pager *p = st;

	if (id == PROMPT_FIND && text != NULL)
		find(p, text);
	if (id == PROMPT_PIPE && !str_empty(text)) {
		char *all = render_text(&p->art, &p->blocks, 0);

		host_pipe(p->h, text, all);
		free(all);
	}
}

static void
pager_event(void *st, const struct view_event *ev)
{
	struct pager *p = st;

	if (ev->kind == EV_SCRIPT || ev->kind == EV_IMAGES) {
		reread(p);
		return;
	}
	if (ev->kind == EV_PICTURE) {
		if (ev->url != NULL && p->art.url != NULL && strcmp(ev->url, p->art.url) == 0)
			pictures_arrived(p, ev->picture);
		return;
	}
	if (ev->kind != EV_MARKS || p->art.url == NULL || strcmp(ev->url, p->art.url) != 0)
		return;
	if (ev->marks & VIEW_READ)
		p->art.read = ev->read;
	if (ev->marks & VIEW_STARRED)
		p->art.starred = ev->starred;
}

static void
pager_mouse(void *st, const struct rect *r, int y, int x, enum view_mouse m)
{
	struct pager *p = st;

	(void)r;
	(void)y;
	(void)x;
	if (m == VIEW_CLICK)
		return;
	scroller_wheel(&p->sc, m == VIEW_WHEEL_UP ? -1 : 1);
	moved(p);
}

const struct view_ops view_pager_ops = {
	.name = "pager",
	.open = pager_open,
	.close = pager_close,
	.draw = pager_draw,
	.key = pager_key,
	.event = pager_event,
	.answer = pager_answer,
	.status = pager_status,
	.mouse = pager_mouse,
	.idle = pager_idle,
};
