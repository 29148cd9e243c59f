/* rows.c: a list of articles on the screen (see rows.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rows.h"
#include "screen.h"
#include "text.h"

enum { SOURCE_COLS = 16 };

/* The mark before a title: starred, read part of the way (a place kept),
 * unread, read. */
enum { MARK_STARRED, MARK_PARTLY, MARK_UNREAD, MARK_READ };
static const char *const marks[] = {
	[MARK_STARRED] = "★", [MARK_PARTLY] = "▏", [MARK_UNREAD] = "●", [MARK_READ] = "",
};

static size_t
host_len(const char *url, const char **host)
{
	const char *p = strstr(url, "://");

	p = p ? p + 3 : url;
	if (strncmp(p, "www.", 4) == 0)
		p += 4;
	*host = p;
	return strcspn(p, "/:?#");
}

/* Where an item comes from, as its row names it: its source's name (the
 * site's, the feed's), else its host. */
static char *
source_name(const struct item *it)
{
	const char *h;
	size_t n;

	if (!str_empty(it->origin))
		return xstrdup(it->origin);
	n = host_len(it->url, &h);
	return xstrndup(h, n);
}

/* Whether the items come from more than one source (starred, search,
 * query tabs). */
static int
mixed_sources(const struct item_list *l)
{
	char *first = l->n > 0 ? source_name(&l->v[0]) : NULL;
	int mixed = 0;

	for (size_t i = 1; i < l->n && !mixed; i++) {
		char *s = source_name(&l->v[i]);

		mixed = strcmp(s, first) != 0;
		free(s);
	}
	free(first);
	return mixed;
}

struct item *
rows_sel(struct rows *r)
{
	return r->sc.cur < r->items.n ? &r->items.v[r->sc.cur] : NULL;
}

void
rows_select(struct rows *r, const char *url, size_t old, size_t row)
{
	size_t sel = old < r->items.n ? old : r->items.n ? r->items.n - 1 : 0;

	for (size_t i = 0; url != NULL && i < r->items.n; i++)
		if (strcmp(r->items.v[i].url, url) == 0) {
			sel = i;
			break;
		}
	r->sc.cursor = 1;
	r->sc.n = r->items.n;
	scroller_put(&r->sc, sel, row);
}

void
rows_load(struct rows *r, struct host *h, size_t tab)
{
	struct news *n = host_news(h);
	const struct store_tab *t = news_tab(n, tab);
	struct err e = { "" };
	struct item *it = rows_sel(r);
	char *keep = it ? xstrdup(it->url) : NULL;
	size_t old = r->sc.cur, row = r->sc.cur - r->sc.top;

	item_list_free(&r->items);
	if (t != NULL && news_get_list(n, tab, &r->items, &e) < 0)
		host_status(h, 1, "%s", e.msg);
	r->mixed = mixed_sources(&r->items);
	r->ranked = t != NULL && (news_kind(t->kind)->flags & NK_RANKED);
	rows_select(r, keep, old, row);
	free(keep);
}

void
rows_free(struct rows *r)
{
	item_list_free(&r->items);
}

/* ---- drawing ---------------------------------------------------------------- */

/* The columns of a row: mark, rank, title, source, date. */
struct cols {
	int mark, rank, title, source, date;
};

static int
digits(size_t n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static struct cols
columns(const struct rows *r, int width)
{
	struct cols c = { 0, 0, 0, 0, 0 };
	int rest, mark = 0;

	for (size_t i = 0; i < ARRAY_LEN(marks); i++) {
		int w = text_width(marks[i], strlen(marks[i]));

		mark = w > mark ? w : mark;
	}
	c.mark = mark + 1;
	if (r->ranked) {
		int top = 0;

		for (size_t i = 0; i < r->items.n; i++)
			top = r->items.v[i].rank > top ? r->items.v[i].rank : top;
		c.rank = digits((size_t)(top > 0 ? top : 1)) + 1;
	}
	c.date = width >= 60 ? 10 : width >= 30 ? 5 : 0;
	c.source = r->mixed && width >= 80 ? SOURCE_COLS : 0;
	rest = width - c.mark - c.rank - (c.date ? c.date + 1 : 0) -
	       (c.source ? c.source + 1 : 0);
	c.title = rest > 0 ? rest : 0;
	return c;
}

static void
row_date(const struct item *it, int cols, char *out, size_t outsz)
{
	char ymd[11];

	out[0] = '\0';
	if (it->time != 0) {
		item_day(it, ymd);
		snprintf(out, outsz, "%s", cols >= 10 ? ymd : ymd + 5);
	} else if (it->date != NULL) {
		snprintf(out, outsz, "%s", it->date);
	}
}

/* An article partly read: a place kept short of its end. */
static int
partly_read(const struct item *it)
{
	return it->place > 0 && it->place < it->place_of;
}

static const char *
mark_of(const struct item *it)
{
	return it->starred ? marks[MARK_STARRED] : partly_read(it) ? marks[MARK_PARTLY] :
	       it->read ? marks[MARK_READ] : marks[MARK_UNREAD];
}

static void
draw_row(int y, int x, const struct item *it, int selected, const struct cols *c)
{
	int base = selected ? THEME_SELECTED : it->rule & ITEM_HIGHLIGHT ? THEME_HIGHLIGHT :
	           THEME_NORMAL;
	char buf[64];
	const char *title = it->title && it->title[0] ? it->title : _("(no title)");

	screen_put(y, x, mark_of(it), c->mark, 0, selected ? THEME_SELECTED : THEME_UNREAD, 0);
	x += c->mark;
	if (c->rank > 0) {
		if (it->rank > 0)
			snprintf(buf, sizeof buf, "%d", it->rank);
		else
			buf[0] = '\0';
		screen_put(y, x, buf, c->rank - 1, TEXT_ALIGN_RIGHT,
		           selected ? THEME_SELECTED : THEME_META, 0);
		screen_put(y, x + c->rank - 1, " ", 1, 0, base, 0);
		x += c->rank;
	}
	screen_put(y, x, title, c->title, 0, base, it->read ? 0 : THEME_BOLD);
	x += c->title;
	if (c->source > 0) {
		char *src = source_name(it);

		screen_put(y, x, " ", 1, 0, base, 0);
		screen_put(y, x + 1, src, c->source, 0, selected ? THEME_SELECTED : THEME_META, 0);
		x += c->source + 1;
		free(src);
	}
	if (c->date > 0) {
		row_date(it, c->date, buf, sizeof buf);
		screen_put(y, x, " ", 1, 0, base, 0);
		screen_put(y, x + 1, buf, c->date, TEXT_ALIGN_RIGHT,
		           selected ? THEME_SELECTED : THEME_DATE, 0);
	}
}

void
rows_draw(struct rows *r, const struct rect *rc, const char *empty)
{
	struct cols c;

	scroller_set(&r->sc, r->items.n, (size_t)rc->h);
	if (r->items.n == 0) {
		screen_put(rc->y + (rc->h > 1 ? 1 : 0), rc->x + 2, empty, rc->w - 2, 0,
		           THEME_NORMAL, THEME_DIM);
		return;
	}
	c = columns(r, rc->w);
	for (int i = 0; i < rc->h && r->sc.top + (size_t)i < r->items.n; i++) {
		size_t k = r->sc.top + (size_t)i;

		draw_row(rc->y + i, rc->x, &r->items.v[k], k == r->sc.cur, &c);
	}
}

static void
cached_at(const struct store_tab *t, char *out, size_t outsz)
{
	char when[64];

	if (t->fetched == 0) {
		snprintf(out, outsz, "%s", _("nothing cached"));
		return;
	}
	time_ago(t->fetched, (int64_t)time(NULL), when, sizeof when);
	snprintf(out, outsz, _("cached %s"), when);
}

void
rows_status(const struct rows *r, struct host *h, size_t tab, char *left,
            size_t lsz, char *right, size_t rsz)
{
	struct news *n = host_news(h);
	const struct store_tab *t = news_tab(n, tab);
	char state[96] = "", at[64];
	size_t unread;

	if (t == NULL) {
		snprintf(left, lsz, "%s", _("? help  q quit"));
		return;
	}
	unread = news_unread(n, tab);
	if (news_offline(n)) {
		cached_at(t, at, sizeof at);
		snprintf(state, sizeof state, _("  offline, %s"), at);
	} else if (host_tab_state(h, tab) == TAB_FAILED) {
		cached_at(t, at, sizeof at);
		snprintf(state, sizeof state, _("  not updated, %s"), at);
	}
	if (unread > 0)
		snprintf(left, lsz, _("%s  %zu unread%s"), t->label, unread, state);
	else
		snprintf(left, lsz, "%s%s", t->label, state);
	if (r->items.n > 0)
		snprintf(right, rsz, "%zu/%zu", r->sc.cur + 1, r->items.n);
}

/* ---- keys ------------------------------------------------------------------- */

/* n and N: the next title holding the last search. */
static void
search_next(struct rows *r, struct host *h, int dir)
{
	const char *q = host_query(h);
	size_t n = r->items.n;
	char *shown;

	if (str_empty(q)) {
		host_status(h, 0, "%s", _("No search yet: press / to search"));
		return;
	}
	shown = news_shown_query(host_news(h), q);   /* typed in either script */
	for (size_t k = 1; k <= n; k++) {
		size_t i = (r->sc.cur + n + (dir > 0 ? k : n - k)) % n;
		const char *t = r->items.v[i].title ? r->items.v[i].title : "";

		if (str_find_ci(t, strlen(t), shown) != NULL) {
			r->sc.cur = i;
			scroller_set(&r->sc, r->items.n, r->sc.rows);
			free(shown);
			return;
		}
	}
	free(shown);
	host_status(h, 0, _("No title here holds %s"), q);
}

enum { PROMPT_SEARCH = 1 };

int
rows_key(struct rows *r, struct host *h, void *self, enum action a)
{
	struct item *it = rows_sel(r);

	if (scroller_key(&r->sc, a))
		return 1;
	switch (a) {
	case ACT_SEARCH:
		host_prompt(h, self, PROMPT_SEARCH, _("Search the cache: "));
		return 1;
	case ACT_OPEN:
		if (it != NULL)
			host_open_article(h, it->url);
		return 1;
	case ACT_FULL_TEXT:
		host_full_text(h, it ? it->url : NULL);
		return 1;
	case ACT_COPY_LINK:
		if (it != NULL)
			host_copy(h, _("the link"), it->url);
		return 1;
	case ACT_SEARCH_NEXT: search_next(r, h, 1); return 1;
	case ACT_SEARCH_PREV: search_next(r, h, -1); return 1;
	default:
		return view_article_key(h, a, it ? it->url : NULL, it ? &it->read : NULL,
		                        it ? &it->starred : NULL);
	}
}

void
rows_answer(struct host *h, int id, const char *text)
{
	if (id == PROMPT_SEARCH && !str_empty(text))
		host_search(h, text);
}

void
rows_event(struct rows *r, struct host *h, const struct view_event *ev)
{
	size_t cur = r->sc.cur;

	if (ev->kind == EV_MARKS) {
		for (size_t i = 0; i < r->items.n; i++)
			if (strcmp(r->items.v[i].url, ev->url) == 0) {
				if (ev->marks & VIEW_READ)
					r->items.v[i].read = ev->read;
				if (ev->marks & VIEW_STARRED)
					r->items.v[i].starred = ev->starred;
				if (ev->marks & VIEW_PLACE) {
					r->items.v[i].place = ev->place;
					r->items.v[i].place_of = ev->place_of;
				}
			}
		return;
	}
	if (ev->kind != EV_STEP)
		return;
	if (ev->dir > 0 && cur + 1 < r->items.n)
		cur++;
	else if (ev->dir < 0 && cur > 0 && cur - 1 < r->items.n)
		cur--;
	else {
		host_status(h, 0, "%s", ev->dir > 0 ? _("This is the last article of the list")
		                                    : _("This is the first article of the list"));
		return;
	}
	r->sc.cur = cur;
	scroller_set(&r->sc, r->items.n, r->sc.rows);
	host_open_article(h, r->items.v[cur].url);
}

void
rows_mouse(struct rows *r, struct host *h, const struct rect *rc, int y,
           enum view_mouse m)
{
	size_t i = r->sc.top + (size_t)(y - rc->y);

	if (m != VIEW_CLICK)
		scroller_wheel(&r->sc, m == VIEW_WHEEL_UP ? -1 : 1);
	else if (y - rc->y < rc->h && i < r->items.n) {
		if (i == r->sc.cur)
			host_open_article(h, r->items.v[i].url);   /* a second click opens */
		else
			r->sc.cur = i;
	}
}
