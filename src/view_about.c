/* view_about.c: the rules and a tab's particulars (see view_about.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scroller.h"
#include "screen.h"
#include "text.h"
#include "view_about.h"

enum { WHEEL = 3 };

struct row {
	char *name, *value, *from;
	int el;                 /* how the value looks */
};

struct about {
	struct host *h;
	struct about_arg arg;
	char *title;
	struct row *rows;
	size_t n;
	struct scroller sc;     /* without a cursor: the rows below the title */
};

static void
add(struct about *a, const char *name, const char *value, const char *from, int el)
{
	a->rows = xrealloc(a->rows, (a->n + 1) * sizeof *a->rows);
	a->rows[a->n].name = xstrdup(name ? name : "");
	a->rows[a->n].value = xstrdup(value ? value : "");
	a->rows[a->n].from = xstrdup(from ? from : "");
	a->rows[a->n++].el = el;
}

static void
clear(struct about *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->rows[i].name);
		free(a->rows[i].value);
		free(a->rows[i].from);
	}
	free(a->rows);
	a->rows = NULL;
	a->n = 0;
	xfree_set(&a->title, NULL);
}

static const char *const actions[] = {
	[RULE_IGNORE] = "ignore", [RULE_HIGHLIGHT] = "highlight", [RULE_MARK_READ] = "mark-read",
};

static const char *const doing[] = {
	[RULE_IGNORE] = N_("hidden from every list but Starred"),
	[RULE_HIGHLIGHT] = N_("stand out in lists"),
	[RULE_MARK_READ] = N_("arrive read"),
};

static void
rules_page(struct about *a)
{
	struct news *n = host_news(a->h);
	const char *query, *where;
	int action;

	a->title = xstrdup(_("Rules: applied as articles arrive and to the cache "
	                     "(q goes back)"));
	for (size_t i = 0; news_rule(n, i, &action, &query, &where); i++) {
		char *what = xasprintf("%s — %s", query, _(doing[action]));

		add(a, actions[action], what, where, action == RULE_HIGHLIGHT ? THEME_HIGHLIGHT :
		    THEME_NORMAL);
		free(what);
	}
	if (a->n == 0)
		add(a, "", _("No rules yet."), "", THEME_META);
	add(a, "", "", "", THEME_NORMAL);
	add(a, "", _(":ignore QUERY, :highlight QUERY or :mark-read QUERY adds one to "
	             "the config; the query is the query tabs' (man 5 gxnews.conf)"), "",
	    THEME_META);
}

static const char *
kind_words(int kind)
{
	switch (kind) {
	case TAB_FEED:    return _("a feed");
	case TAB_STARRED: return _("the starred articles");
	case TAB_SEARCH:  return _("a search of the cache");
	case TAB_QUERY:   return _("a query of the cache");
	case TAB_CHANNEL: return _("a channel of the site");
	default:          return _("a list of the site");
	}
}

/* The settings of the tab's source, and where each comes from. */
static void
source_rows(struct about *a, const char *name, const char *url)
{
	const struct conf *c = host_conf(a->h);
	const char *setting;
	char value[128], from[256];

	add(a, _("Source"), name, url, THEME_NORMAL);
	for (size_t i = 0; conf_source_setting(c, name, url, i, &setting, value,
	                                       sizeof value, from, sizeof from); i++)
		add(a, setting, value, from[0] ? from : _("for every source"),
		    from[0] ? THEME_HIGHLIGHT : THEME_NORMAL);
}

static void
tab_page(struct about *a)
{
	struct news *n = host_news(a->h);
	const struct store_tab *t = news_tab(n, a->arg.tab);
	const char *name, *url, *query = news_tab_query(n, a->arg.tab);
	char when[64] = "", count[64];

	if (t == NULL) {
		a->title = xstrdup(_("No tab"));
		return;
	}
	a->title = xasprintf(_("Tab %s (q goes back)"), t->label);
	add(a, _("Lists"), kind_words(t->kind), "", THEME_NORMAL);
	if (query != NULL)
		add(a, _("Query"), query, "", THEME_TITLE);
	if (t->url != NULL)
		add(a, _("Address"), t->url, "", THEME_LINK);
	if (t->fetched > 0)
		time_ago(t->fetched, (int64_t)time(NULL), when, sizeof when);
	/* a tab of the cache alone is never fetched itself */
	if (t->kind != TAB_STARRED && t->kind != TAB_SEARCH && t->kind != TAB_QUERY)
		add(a, _("Fetched"), t->fetched > 0 ? when : _("never"), "", THEME_DATE);
	snprintf(count, sizeof count, "%zu", news_unread(n, a->arg.tab));
	add(a, _("Unread"), count, "", THEME_NORMAL);
	if (news_tab_source(n, a->arg.tab, &name, &url))
		source_rows(a, name, url);
	else
		add(a, _("Source"), _("each article's own (the list mixes sources)"), "",
		    THEME_META);
}

static void
fill(struct about *a)
{
	clear(a);
	if (a->arg.page == ABOUT_RULES)
		rules_page(a);
	else
		tab_page(a);
}

static void *
about_open(struct host *h, const void *arg)
{
	struct about *a = xcalloc(1, sizeof *a);

	a->h = h;
	a->arg = *(const struct about_arg *)arg;
	fill(a);
	return a;
}

static void
about_close(void *st)
{
	struct about *a = st;

	clear(a);
	free(a);
}

static void
about_draw(void *st, const struct rect *r)
{
	struct about *a = st;
	int nw = 0, fw = 0;

	for (size_t i = 0; i < a->n; i++) {
		int w = text_width(a->rows[i].name, strlen(a->rows[i].name));
		int f = text_width(a->rows[i].from, strlen(a->rows[i].from));

		nw = w > nw ? w : nw;
		fw = f > fw ? f : fw;
	}
	nw = nw > 0 ? (nw + 2 < r->w / 3 ? nw + 2 : r->w / 3) : 0;
	fw = r->w >= 80 && fw > 0 ? (fw + 2 < r->w / 3 ? fw + 2 : r->w / 3) : 0;
	scroller_set(&a->sc, a->n, r->h > 1 ? (size_t)(r->h - 1) : 1);
	screen_put(r->y, r->x, a->title, r->w, 0, THEME_TITLE, 0);
	for (int i = 1; i < r->h; i++) {
		size_t k = a->sc.top + (size_t)(i - 1);
		const struct row *w = k < a->n ? &a->rows[k] : NULL;
		int y = r->y + i;

		screen_put(y, r->x, w ? w->name : "", nw, 0, THEME_META, THEME_BOLD);
		screen_put(y, r->x + nw, w ? w->value : "", r->w - nw - fw, 0,
		           w ? w->el : THEME_NORMAL, 0);
		if (fw > 0)
			screen_put(y, r->x + r->w - fw, w ? w->from : "", fw, TEXT_ALIGN_RIGHT,
			           THEME_DATE, 0);
	}
}

static int
about_key(void *st, enum action act, int key)
{
	struct about *a = st;

	(void)key;
	if (scroller_key(&a->sc, act))
		return 1;
	switch (act) {
	case ACT_BACK:
	case ACT_QUIT:
	case ACT_OPEN:
		host_pop(a->h, a);
		return 1;
	default:
		return act != ACT_HELP && act != ACT_REDRAW && act != ACT_COMMAND &&
		       act != ACT_MESSAGES;
	}
}

static void
about_event(void *st, const struct view_event *ev)
{
	struct about *a = st;

	if (ev->kind == EV_TABS || ev->kind == EV_LIST || ev->kind == EV_SCRIPT ||
	    ev->kind == EV_MARKS)
		fill(a);
}

static void
about_status(void *st, char *left, size_t lsz, char *right, size_t rsz)
{
	struct about *a = st;

	snprintf(left, lsz, "%s", _("j/k scroll, q back"));
	snprintf(right, rsz, "%zu-%zu/%zu", a->n ? a->sc.top + 1 : 0, scroller_last(&a->sc), a->n);
}

static void
about_mouse(void *st, const struct rect *r, int y, int x, enum view_mouse m)
{
	struct about *a = st;

	(void)r;
	(void)y;
	(void)x;
	if (m != VIEW_CLICK)
		scroller_move(&a->sc, m == VIEW_WHEEL_UP ? -WHEEL : WHEEL);
}

const struct view_ops view_about_ops = {
	.name = "about",
	.open = about_open,
	.close = about_close,
	.draw = about_draw,
	.key = about_key,
	.event = about_event,
	.status = about_status,
	.mouse = about_mouse,
};
