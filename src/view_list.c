/* view_list.c: the list of the current tab's articles, the tabs' memory,
 * and opening articles. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"
#include "ui.h"

enum { SOURCE_COLS = 16, WHEEL_STEP = 3 };

/* ---- what each tab remembers ---------------------------------------------- */

static struct ui_tabmem *
mem_of(struct ui *u, size_t tab)
{
	const struct store_tab *t = news_tab(u->news, tab);

	if (t == NULL)
		return NULL;
	for (size_t i = 0; i < u->nmem; i++)
		if (strcmp(u->mem[i].key, t->key) == 0)
			return &u->mem[i];
	u->mem = xrealloc(u->mem, (u->nmem + 1) * sizeof *u->mem);
	memset(&u->mem[u->nmem], 0, sizeof *u->mem);
	u->mem[u->nmem].key = xstrdup(t->key);
	return &u->mem[u->nmem++];
}

static void
mem_free(struct ui *u)
{
	for (size_t i = 0; i < u->nmem; i++) {
		free(u->mem[i].key);
		free(u->mem[i].url);
	}
	free(u->mem);
	u->mem = NULL;
	u->nmem = 0;
}

/* Remembers the current tab's selection and where it was on screen. */
static void
mem_save(struct ui *u)
{
	struct ui_tabmem *m = mem_of(u, u->tab);

	if (m == NULL || u->sel >= u->list.n)
		return;
	xfree_set(&m->url, xstrdup(u->list.v[u->sel].url));
	m->row = (int)(u->sel - u->top);
}

/* ---- the list from the store ---------------------------------------------- */

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

/* Whether the items come from more than one host (starred, search). */
static int
mixed_hosts(const struct item_list *l)
{
	const char *h0, *h;
	size_t n0, n;

	if (l->n == 0)
		return 0;
	n0 = host_len(l->v[0].url, &h0);
	for (size_t i = 1; i < l->n; i++) {
		n = host_len(l->v[i].url, &h);
		if (n != n0 || strncmp(h, h0, n) != 0)
			return 1;
	}
	return 0;
}

/* Puts the selection on url (or keeps its index when url is gone), row
 * rows below the top of the list as before. */
static void
select_url(struct ui *u, const char *url, size_t old_sel, int row)
{
	u->sel = old_sel < u->list.n ? old_sel : u->list.n ? u->list.n - 1 : 0;
	for (size_t i = 0; url != NULL && i < u->list.n; i++)
		if (strcmp(u->list.v[i].url, url) == 0) {
			u->sel = i;
			break;
		}
	if (row < 0)
		row = 0;
	u->top = u->sel >= (size_t)row ? u->sel - (size_t)row : 0;
}

void
ui_show_list(struct ui *u)
{
	struct err e = { "" };
	char *keep = NULL;
	int row = (int)(u->sel - u->top);
	size_t old = u->sel;

	if (news_tab(u->news, u->tab) == NULL)
		return;
	if (u->sel < u->list.n)
		keep = xstrdup(u->list.v[u->sel].url);
	item_list_free(&u->list);
	if (news_get_list(u->news, u->tab, &u->list, &e) < 0)
		ui_status(u, 1, "%s", e.msg);
	select_url(u, keep, old, row);
	u->list_mixed = mixed_hosts(&u->list);
	free(keep);
}

void
ui_refresh_tab(struct ui *u, size_t tab)
{
	struct ui_tabmem *m;

	if (news_offline(u->news) || tab >= news_ntabs(u->news))
		return;
	news_start(u->news, JOB_LIST, tab, NULL);
	m = mem_of(u, tab);
	if (m != NULL)
		m->state = TAB_LOADING;
}

/* Shows tab t with the selection it had, fetching it once a session. */
static void
enter_tab(struct ui *u, size_t t)
{
	struct ui_tabmem *m;

	u->tab = t;
	item_list_free(&u->list);
	u->sel = u->top = 0;
	ui_show_list(u);
	m = mem_of(u, t);
	if (m == NULL)
		return;
	select_url(u, m->url, 0, m->row);
	if (m->state == TAB_NEW)
		ui_refresh_tab(u, t);
}

void
ui_switch_tab(struct ui *u, size_t t)
{
	if (t >= news_ntabs(u->news))
		return;
	mem_save(u);
	enter_tab(u, t);
}

static void
switch_by(struct ui *u, long delta)
{
	long n = (long)news_ntabs(u->news);

	if (n > 0)
		ui_switch_tab(u, (size_t)((((long)u->tab + delta) % n + n) % n));
}

/* The tabs changed (a new channel page): keep the current tab by key. */
static void
tabs_changed(struct ui *u, const char *cur_key)
{
	long t = cur_key ? news_find_tab(u->news, cur_key) : -1;

	u->tab = t >= 0 ? (size_t)t : 0;
	ui_show_list(u);
	if (mem_of(u, u->tab) != NULL && mem_of(u, u->tab)->state == TAB_NEW)
		ui_refresh_tab(u, u->tab);
}

static void
list_done(struct ui *u, const struct news_event *ev)
{
	const struct store_tab *t = news_tab(u->news, u->tab);
	long i = ev->tab_key ? news_find_tab(u->news, ev->tab_key) : -1;
	struct ui_tabmem *m = i >= 0 ? mem_of(u, (size_t)i) : NULL;

	if (m != NULL && ev->job == JOB_LIST)
		m->state = ev->ok ? TAB_LOADED : TAB_FAILED;
	if (t != NULL && ev->tab_key != NULL && strcmp(t->key, ev->tab_key) == 0)
		ui_show_list(u);
}

/* ---- opening articles ------------------------------------------------------ */

static int
current_is_list(const struct ui *u)
{
	return u->depth > 0 && u->stack[u->depth - 1] == &view_list;
}

static long
index_of(const struct ui *u, const char *url)
{
	for (size_t i = 0; url != NULL && i < u->list.n; i++)
		if (strcmp(u->list.v[i].url, url) == 0)
			return (long)i;
	return -1;
}

static void
open_now(struct ui *u, size_t i)
{
	struct err e = { "" };
	struct article a = { .comments = -1 };
	const char *url = u->list.v[i].url;

	if (news_get_article(u->news, url, &a, &e) < 0) {
		ui_status(u, 1, "%s", e.msg);
		return;
	}
	article_free(&u->art);
	u->art = a;
	u->sel = i;
	if (!u->list.v[i].read) {
		u->list.v[i].read = 1;
		news_set_read(u->news, url, 1, NULL);
	}
	u->art.read = 1;
	if (current_is_list(u))
		ui_push(u, &view_pager);
	else
		view_pager.open(u);
}

void
ui_open_article(struct ui *u, size_t i)
{
	const char *url;

	if (i >= u->list.n)
		return;
	url = u->list.v[i].url;
	u->sel = i;
	if (!news_has_article(u->news, url)) {
		/* fetched in the background; the pager opens when it is in */
		xfree_set(&u->pending, xstrdup(url));
		news_start(u->news, JOB_ARTICLE, 0, url);
		return;
	}
	open_now(u, i);
}

void
ui_full_text(struct ui *u, const char *url)
{
	if (url == NULL)
		return;
	if (news_offline(u->news)) {
		ui_status(u, 1, "%s", _("Offline: the full text cannot be fetched"));
		return;
	}
	xfree_set(&u->pending, xstrdup(url));
	news_start(u->news, JOB_FULLTEXT, 0, url);
}

void
ui_job_done(struct ui *u, const struct news_event *ev)
{
	const struct store_tab *t = news_tab(u->news, u->tab);
	long i;

	if (ev->msg[0] != '\0')
		ui_status(u, !ev->ok, "%s", ev->msg);
	switch (ev->job) {
	case JOB_TABS: {
		char *key = t ? xstrdup(t->key) : NULL;

		if (ev->ok)
			tabs_changed(u, key);
		free(key);
		break;
	}
	case JOB_LIST:
	case JOB_MORE:
		list_done(u, ev);
		break;
	case JOB_ARTICLE:
	case JOB_FULLTEXT:
		if (u->pending == NULL || ev->url == NULL || strcmp(u->pending, ev->url) != 0)
			break;
		xfree_set(&u->pending, NULL);
		i = index_of(u, ev->url);
		if (ev->ok && i >= 0)
			ui_open_article(u, (size_t)i);
		break;
	}
}

/* ---- searching ------------------------------------------------------------- */

void
ui_search(struct ui *u, const char *query)
{
	struct err e = { "" };
	long t;

	if (str_empty(query))
		return;
	mem_save(u);
	t = news_search(u->news, query, &e);
	if (t < 0) {
		ui_status(u, 1, "%s", e.msg[0] ? e.msg : _("The search failed"));
		u->tab = u->tab < news_ntabs(u->news) ? u->tab : 0;
		ui_show_list(u);
		return;
	}
	xfree_set(&u->query, xstrdup(query));
	enter_tab(u, (size_t)t);
	u->sel = u->top = 0;
	if (u->list.n == 0)
		ui_status(u, 0, _("Nothing in the cache matches %s"), query);
	else
		ui_status(u, 0, _("%zu articles match %s"), u->list.n, query);
}

/* n and N in the list: the next title holding the last search. */
static void
list_search_next(struct ui *u, int dir)
{
	size_t n = u->list.n;

	if (str_empty(u->query)) {
		ui_status(u, 0, "%s", _("No search yet: press / to search"));
		return;
	}
	for (size_t k = 1; k <= n; k++) {
		size_t i = (u->sel + n + (dir > 0 ? k : n - k)) % n;
		const char *t = u->list.v[i].title ? u->list.v[i].title : "";

		if (ui_find_ci(t, strlen(t), u->query) != NULL) {
			u->sel = i;
			return;
		}
	}
	ui_status(u, 0, _("No title here holds %s"), u->query);
}

/* ---- marks ----------------------------------------------------------------- */

int
ui_article_key(struct ui *u, enum action a, const char *url, int *read, int *starred)
{
	long i = index_of(u, url);
	const struct store_tab *t = news_tab(u->news, u->tab);

	switch (a) {
	case ACT_STAR:
		*starred = !*starred;
		news_set_starred(u->news, url, *starred, NULL);
		if (i >= 0)
			u->list.v[i].starred = *starred;
		ui_status(u, 0, "%s", *starred ? _("Starred") : _("Unstarred"));
		if (t != NULL && (news_kind(t->kind)->flags & NK_STARS))
			ui_show_list(u);
		return 1;
	case ACT_TOGGLE_READ:
		*read = !*read;
		news_set_read(u->news, url, *read, NULL);
		if (i >= 0)
			u->list.v[i].read = *read;
		ui_status(u, 0, "%s", *read ? _("Marked read") : _("Marked unread"));
		return 1;
	case ACT_BROWSER:
		ui_open_url(u, url);
		return 1;
	default:
		return 0;
	}
}

/* ---- the view -------------------------------------------------------------- */

static void
list_open(struct ui *u)
{
	size_t n = news_ntabs(u->news);

	if (news_notice(u->news) != NULL)
		ui_status(u, 1, "%s", news_notice(u->news));
	/* the first screen comes from the cache, before any request */
	if (n > 0)
		enter_tab(u, 0);
	if (news_offline(u->news)) {
		if (n <= 1 && u->list.n == 0)
			ui_status(u, 1, "%s", _("Nothing cached yet; start without --offline"));
		return;
	}
	news_start(u->news, JOB_TABS, 0, NULL);
}

static void
list_close(struct ui *u)
{
	item_list_free(&u->list);
	mem_free(u);
	xfree_set(&u->pending, NULL);
	xfree_set(&u->query, NULL);
}

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
columns(const struct ui *u, int ranked)
{
	struct cols c = { 0, 0, 0, 0, 0 };
	int star = text_width("★", strlen("★")), dot = text_width("●", strlen("●"));
	int rest;

	c.mark = (star > dot ? star : dot) + 1;
	if (ranked) {
		int top = 0;

		for (size_t i = 0; i < u->list.n; i++)
			top = u->list.v[i].rank > top ? u->list.v[i].rank : top;
		c.rank = digits((size_t)(top > 0 ? top : 1)) + 1;
	}
	c.date = u->cols >= 60 ? 10 : u->cols >= 30 ? 5 : 0;
	c.source = u->list_mixed && u->cols >= 80 ? SOURCE_COLS : 0;
	rest = u->cols - c.mark - c.rank - (c.date ? c.date + 1 : 0) -
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
		time_ymd(it->time, ymd);
		snprintf(out, outsz, "%s", cols >= 10 ? ymd : ymd + 5);
	} else if (it->date != NULL) {
		snprintf(out, outsz, "%s", it->date);
	}
}

static void
draw_row(int y, const struct item *it, int selected, const struct cols *c)
{
	int x = 0;
	int base = selected ? C_SELECTED : C_NORMAL;
	char buf[64];
	const char *title = it->title && it->title[0] ? it->title : _("(no title)");

	ui_put(y, x, it->starred ? "★" : it->read ? "" : "●", c->mark, 0,
	       selected ? C_SELECTED : C_UNREAD, 0);
	x += c->mark;
	if (c->rank > 0) {
		if (it->rank > 0)
			snprintf(buf, sizeof buf, "%d", it->rank);
		else
			buf[0] = '\0';
		ui_put(y, x, buf, c->rank - 1, TEXT_ALIGN_RIGHT, selected ? C_SELECTED : C_META, 0);
		ui_put(y, x + c->rank - 1, " ", 1, 0, base, 0);
		x += c->rank;
	}
	ui_put(y, x, title, c->title, 0, base, it->read ? 0 : A_BOLD);
	x += c->title;
	if (c->source > 0) {
		const char *h;
		size_t hl = host_len(it->url, &h);
		char *host = xstrndup(h, hl);

		ui_put(y, x, " ", 1, 0, base, 0);
		ui_put(y, x + 1, host, c->source, 0, selected ? C_SELECTED : C_META, 0);
		x += c->source + 1;
		free(host);
	}
	if (c->date > 0) {
		row_date(it, c->date, buf, sizeof buf);
		ui_put(y, x, " ", 1, 0, base, 0);
		ui_put(y, x + 1, buf, c->date, TEXT_ALIGN_RIGHT,
		       selected ? C_SELECTED : C_DATE, 0);
	}
}

static const char *
empty_text(const struct ui *u, const struct store_tab *t)
{
	struct ui_tabmem *m = t ? mem_of((struct ui *)u, u->tab) : NULL;

	if (t == NULL)
		return news_busy(u->news, NULL, NULL, NULL, 0) ? _("Loading the channels…")
		                                               : _("(no tabs yet)");
	if (m != NULL && m->state == TAB_LOADING)
		return _("Loading…");
	return _(news_kind(t->kind)->empty);
}

static void
list_draw(struct ui *u, int top, int rows)
{
	const struct store_tab *t = news_tab(u->news, u->tab);
	int ranked = t != NULL && (news_kind(t->kind)->flags & NK_RANKED);
	struct cols c;

	u->list_rows = rows;
	if (u->list.n == 0) {
		ui_put(top + (rows > 1 ? 1 : 0), 2, empty_text(u, t), u->cols - 2, 0,
		       C_NORMAL, A_DIM);
		return;
	}
	if (u->sel >= u->list.n)
		u->sel = u->list.n - 1;
	if (u->sel < u->top)
		u->top = u->sel;
	if (u->sel >= u->top + (size_t)rows)
		u->top = u->sel - (size_t)rows + 1;
	/* no blank rows below the end while there are rows above the top */
	if (u->top > 0 && u->top + (size_t)rows > u->list.n)
		u->top = u->list.n > (size_t)rows ? u->list.n - (size_t)rows : 0;
	c = columns(u, ranked);
	for (int r = 0; r < rows && u->top + (size_t)r < u->list.n; r++) {
		size_t i = u->top + (size_t)r;

		draw_row(top + r, &u->list.v[i], i == u->sel, &c);
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

static void
list_status(struct ui *u, char *left, size_t lsz, char *right, size_t rsz)
{
	const struct store_tab *t = news_tab(u->news, u->tab);
	struct ui_tabmem *m = mem_of(u, u->tab);
	char state[96] = "";
	size_t unread;

	if (t == NULL) {
		snprintf(left, lsz, "%s", _("? help  q quit"));
		return;
	}
	unread = news_unread(u->news, u->tab);
	if (news_offline(u->news)) {
		char at[64];

		cached_at(t, at, sizeof at);
		snprintf(state, sizeof state, _("  offline, %s"), at);
	} else if (m != NULL && m->state == TAB_FAILED) {
		char at[64];

		cached_at(t, at, sizeof at);
		snprintf(state, sizeof state, _("  not updated, %s"), at);
	}
	if (unread > 0)
		snprintf(left, lsz, _("%s  %zu unread%s"), t->label, unread, state);
	else
		snprintf(left, lsz, "%s%s", t->label, state);
	if (u->list.n > 0)
		snprintf(right, rsz, "%zu/%zu", u->sel + 1, u->list.n);
}

/* Asks for the next page when the selection nears the end. */
static void
maybe_more(struct ui *u)
{
	size_t page = u->list_rows > 0 ? (size_t)u->list_rows : 1;

	if (u->list.next_url == NULL || news_offline(u->news))
		return;
	if (u->sel + page >= u->list.n)
		news_start(u->news, JOB_MORE, u->tab, NULL);
}

static void
move_sel(struct ui *u, long delta)
{
	long s = (long)u->sel + delta;

	if (s < 0 || u->list.n == 0)
		s = 0;
	else if (s >= (long)u->list.n)
		s = (long)u->list.n - 1;
	u->sel = (size_t)s;
	if (delta > 0)
		maybe_more(u);
}

static void
reload(struct ui *u, int all)
{
	if (news_offline(u->news)) {
		ui_show_list(u);
		ui_status(u, 0, "%s", _("Offline: showing the cache"));
		return;
	}
	if (!all) {
		ui_refresh_tab(u, u->tab);
		return;
	}
	news_start(u->news, JOB_TABS, 0, NULL);
	for (size_t t = 0; t < news_ntabs(u->news); t++)
		ui_refresh_tab(u, t);
}

static void
number(struct ui *u)
{
	int d = u->last_key - '0';
	size_t t = d == 0 ? 9 : (size_t)d - 1;

	if (d < 0 || d > 9)
		return;
	if (t < news_ntabs(u->news))
		ui_switch_tab(u, t);
	else
		ui_status(u, 0, _("There is no tab %zu"), t + 1);
}

static int
move_key(struct ui *u, enum action a)
{
	long page = u->list_rows > 1 ? u->list_rows - 1 : 1;

	switch (a) {
	case ACT_DOWN:      move_sel(u, 1); return 1;
	case ACT_UP:        move_sel(u, -1); return 1;
	case ACT_PAGE_DOWN: move_sel(u, page); return 1;
	case ACT_PAGE_UP:   move_sel(u, -page); return 1;
	case ACT_TOP:       move_sel(u, -(long)u->list.n); return 1;
	case ACT_BOTTOM:    move_sel(u, (long)u->list.n); return 1;
	default:            return 0;
	}
}

static int
list_key(struct ui *u, enum action a)
{
	struct item *it = u->sel < u->list.n ? &u->list.v[u->sel] : NULL;

	if (move_key(u, a))
		return 1;
	switch (a) {
	case ACT_QUIT:
		if (u->pending == NULL)
			return 0;
		/* q while an article loads: stay */
		xfree_set(&u->pending, NULL);
		ui_status(u, 0, "%s", _("Cancelled"));
		return 1;
	case ACT_NEXT_TAB:    switch_by(u, 1); return 1;
	case ACT_PREV_TAB:    switch_by(u, -1); return 1;
	case ACT_NUMBER:      number(u); return 1;
	case ACT_OPEN:        ui_open_article(u, u->sel); return 1;
	case ACT_RELOAD:      reload(u, 0); return 1;
	case ACT_RELOAD_ALL:  reload(u, 1); return 1;
	case ACT_SEARCH:      ui_prompt(u, PROMPT_SEARCH); return 1;
	case ACT_SEARCH_NEXT: list_search_next(u, 1); return 1;
	case ACT_SEARCH_PREV: list_search_next(u, -1); return 1;
	case ACT_FULL_TEXT:
		ui_full_text(u, it ? it->url : NULL);
		return 1;
	case ACT_STAR:
	case ACT_TOGGLE_READ:
	case ACT_BROWSER:
		return it ? ui_article_key(u, a, it->url, &it->read, &it->starred) : 1;
	default:
		return 0;
	}
}

static void
list_mouse(struct ui *u, int y, int x, enum ui_mouse m)
{
	size_t i = u->top + (size_t)(y - 1);

	(void)x;
	if (m == UI_WHEEL_UP) {
		move_sel(u, -WHEEL_STEP);
	} else if (m == UI_WHEEL_DOWN) {
		move_sel(u, WHEEL_STEP);
	} else if (y - 1 < u->list_rows && i < u->list.n) {
		if (i == u->sel)
			ui_open_article(u, i);      /* a second click opens */
		else
			u->sel = i;
	}
}

const struct view_ops view_list = {
	"list", list_open, list_draw, list_key, list_close, list_status, list_mouse,
};
