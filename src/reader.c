/* reader.c: the controller (see reader.h): the loop, the tabs, the status
 * line and the stack of views, and what views ask of it (view.h). */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "browser.h"
#include "keys.h"
#include "reader.h"
#include "screen.h"
#include "text.h"
#include "view.h"
#include "view_about.h"
#include "view_addfeed.h"
#include "view_help.h"
#include "view_list.h"
#include "view_messages.h"
#include "view_pager.h"
#include "view_picture.h"
#include "view_prompt.h"
#include "view_search.h"
#include "zhscript.h"

enum {
	MAX_VIEWS = 8,
	MIN_COLS = 20, MIN_ROWS = 5,    /* the smallest terminal drawn in */
	LOG_MAX = 200,                  /* status messages kept */
	TV_LIST = 0, TV_QUERY = 1,      /* the views that show tabs */
	SPLIT_COLS = 140,               /* layout auto: side by side from here */
	SPLIT_MIN = 60,                 /* layout split: not below this */
	PROMPT_COMMAND = 1,             /* the reader's own prompt: a : command */
};

struct view {
	const struct view_ops *ops;
	void *st;
};

struct tabinfo {
	char *key;
	enum tab_state state;
};

struct logline {
	int64_t when;
	int error;
	char *text;
};

struct reader {
	struct host host;           /* what views hold: first, so it is the reader */
	struct news *news;
	const struct conf *conf;
	struct keymap keys;
	struct browser *browser;
	struct view stack[MAX_VIEWS];   /* [0] shows the current tab */
	int depth;
	struct view tabviews[2];    /* TV_LIST, TV_QUERY: kept across tabs */
	int focus_list;             /* side by side: the list has the keys, not
	                               the article */
	int left;                   /* side by side: the list's columns, 0: not */
	int64_t checked;            /* when the tabs' refresh times were last checked */
	struct view *dead;          /* closed; freed when the key is handled */
	size_t ndead;
	size_t tab;
	struct tabinfo *tabs;       /* each tab's state this session, by key */
	size_t ntabs;
	int *tab_x, *tab_end;       /* per tab on the bar: columns, -1 off it */
	size_t ntab_x;
	char *pending;              /* an article being fetched for the pager */
	char *query;                /* the last search of the cache */
	char status[512];
	int status_error;
	struct logline *log;        /* the status line's messages, oldest first */
	size_t nlog;
	int rows, cols;
	int done, total;            /* the jobs' progress last told */
	int quit;
};

static volatile sig_atomic_t interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static struct reader *
reader_of(struct host *h)
{
	return (struct reader *)h;
}

/* ---- the status line's messages ------------------------------------------ */

static void
say(struct reader *r, int error, const char *msg)
{
	struct logline *l;

	snprintf(r->status, sizeof r->status, "%s", msg);
	r->status_error = error;
	if (msg[0] == '\0')
		return;
	if (r->nlog == LOG_MAX) {
		free(r->log[0].text);
		memmove(r->log, r->log + 1, (LOG_MAX - 1) * sizeof *r->log);
		r->nlog--;
	}
	r->log = xrealloc(r->log, (r->nlog + 1) * sizeof *r->log);
	l = &r->log[r->nlog++];
	l->when = (int64_t)time(NULL);
	l->error = error;
	l->text = xstrdup(msg);
}

/* ---- the stack of views ------------------------------------------------------ */

static struct view *
top(struct reader *r)
{
	return &r->stack[r->depth - 1];
}

/* The view the screen's main area shows: the top one not drawn on the
 * status line. */
static struct view *
main_view(struct reader *r)
{
	int i = r->depth - 1;

	while (i > 0 && (r->stack[i].ops->flags & VIEW_LINE))
		i--;
	return &r->stack[i];
}

static int
is_tabview(const struct reader *r, const struct view *v)
{
	return v->st == r->tabviews[TV_LIST].st || v->st == r->tabviews[TV_QUERY].st;
}

/* A view off the stack: freed once the key or event at hand is done. */
static void
bury(struct reader *r, struct view v)
{
	if (is_tabview(r, &v))
		return;
	r->dead = xrealloc(r->dead, (r->ndead + 1) * sizeof *r->dead);
	r->dead[r->ndead++] = v;
}

static void
free_dead(struct reader *r)
{
	for (size_t i = 0; i < r->ndead; i++)
		r->dead[i].ops->close(r->dead[i].st);
	r->ndead = 0;
}

/* Opens a view on top; a view it asked for as it opened (a prompt) stays
 * above it. */
static void
push(struct reader *r, const struct view_ops *ops, const void *arg)
{
	int at = r->depth;
	void *st;

	if (r->depth == MAX_VIEWS)
		return;
	st = ops->open(&r->host, arg);
	if (st == NULL)
		return;
	if (r->depth == MAX_VIEWS) {
		bury(r, (struct view){ ops, st });
		return;
	}
	memmove(&r->stack[at + 1], &r->stack[at], (size_t)(r->depth - at) * sizeof *r->stack);
	r->stack[at] = (struct view){ ops, st };
	r->depth++;
	if (ops == &view_pager_ops)
		r->focus_list = 0;      /* side by side: the article opened has the keys */
}

/* Pops views down to (and without) index i. */
static void
pop_to(struct reader *r, int i)
{
	while (r->depth > i)
		bury(r, r->stack[--r->depth]);
	if (r->depth == 0)
		r->quit = 1;
}

static void
send(struct view *v, const struct view_event *ev)
{
	if (v->ops->event != NULL)
		v->ops->event(v->st, ev);
}

/* An event for every view on the stack. */
static void
broadcast(struct reader *r, const struct view_event *ev)
{
	for (int i = 0; i < r->depth; i++)
		send(&r->stack[i], ev);
}

/* ---- tabs ------------------------------------------------------------------- */

static struct tabinfo *
tab_info(struct reader *r, size_t t)
{
	const struct store_tab *st = news_tab(r->news, t);

	if (st == NULL)
		return NULL;
	for (size_t i = 0; i < r->ntabs; i++)
		if (strcmp(r->tabs[i].key, st->key) == 0)
			return &r->tabs[i];
	r->tabs = xrealloc(r->tabs, (r->ntabs + 1) * sizeof *r->tabs);
	r->tabs[r->ntabs].key = xstrdup(st->key);
	r->tabs[r->ntabs].state = TAB_NEW;
	return &r->tabs[r->ntabs++];
}

/* Starts fetching a tab's list in the background. */
static void
refresh_tab(struct reader *r, size_t t)
{
	struct tabinfo *ti;

	if (news_offline(r->news) || t >= news_ntabs(r->news))
		return;
	news_start(r->news, JOB_LIST, t, NULL);
	ti = tab_info(r, t);
	if (ti != NULL)
		ti->state = TAB_LOADING;
}

/* The view that shows tab t: a query's results, or a list. */
static struct view *
tabview_for(struct reader *r, size_t t)
{
	const struct store_tab *st = news_tab(r->news, t);
	int q = st != NULL && (news_kind(st->kind)->flags & NK_QUERY);

	return &r->tabviews[q ? TV_QUERY : TV_LIST];
}

/* Shows tab t, fetching it once a session. */
static void
enter_tab(struct reader *r, size_t t)
{
	struct view_event ev = { .kind = EV_TAB, .tab = t };
	struct tabinfo *ti;

	r->tab = t;
	r->stack[0] = *tabview_for(r, t);
	send(&r->stack[0], &ev);
	ti = tab_info(r, t);
	if (ti != NULL && ti->state == TAB_NEW)
		refresh_tab(r, t);
}

static void
switch_tab(struct reader *r, size_t t)
{
	if (t >= news_ntabs(r->news))
		return;
	pop_to(r, 1);
	enter_tab(r, t);
}

static void
switch_by(struct reader *r, long delta)
{
	long n = (long)news_ntabs(r->news);

	if (n > 0)
		switch_tab(r, (size_t)((((long)r->tab + delta) % n + n) % n));
}

/* The set of tabs changed (a channel page was read): the same place on
 * the bar, its list read again, fetched if new. */
static void
tabs_changed(struct reader *r)
{
	size_t n = news_ntabs(r->news);
	struct view_event ev = { .kind = EV_TABS };
	struct tabinfo *ti;

	r->tab = r->tab < n ? r->tab : 0;
	ev.tab = r->tab;
	if (tabview_for(r, r->tab)->st != r->stack[0].st) {
		enter_tab(r, r->tab);
		return;
	}
	send(&r->stack[0], &ev);
	ti = tab_info(r, r->tab);
	if (ti != NULL && ti->state == TAB_NEW)
		refresh_tab(r, r->tab);
}

static void
reload(struct reader *r, int all)
{
	struct view_event ev = { .kind = EV_LIST, .tab = r->tab, .ok = 1 };

	if (news_offline(r->news)) {
		send(&r->stack[0], &ev);
		say(r, 0, _("Offline: showing the cache"));
		return;
	}
	if (!all) {
		refresh_tab(r, r->tab);
		return;
	}
	news_start(r->news, JOB_TABS, 0, NULL);
	for (size_t t = 0; t < news_ntabs(r->news); t++)
		refresh_tab(r, t);
}

/* S: what --sync fetches, in the background; its counts on the status
 * line, its end in a message. */
static void
start_sync(struct reader *r)
{
	struct err e = { "" };

	if (news_sync_start(r->news, &e) < 0)
		say(r, 1, e.msg);
}

/* ---- articles ------------------------------------------------------------- */

static void
marks_changed(struct reader *r, const char *url, unsigned marks, int read,
              int starred)
{
	struct view_event ev = { .kind = EV_MARKS, .url = url, .marks = marks,
	                         .read = read, .starred = starred };

	broadcast(r, &ev);
}

/* The cached article at url in the pager (in place of the one shown). */
static void
show_article(struct reader *r, const char *url)
{
	char *u = xstrdup(url);

	news_set_read(r->news, u, 1, NULL);
	marks_changed(r, u, VIEW_READ, 1, 0);
	if (main_view(r)->ops == &view_pager_ops)
		pop_to(r, (int)(main_view(r) - r->stack));
	push(r, &view_pager_ops, u);
	free(u);
}

static void
open_article(struct host *h, const char *url)
{
	struct reader *r = reader_of(h);

	if (url == NULL)
		return;
	if (!news_has_article(r->news, url)) {
		/* fetched in the background; the pager opens when it is in */
		xfree_set(&r->pending, xstrdup(url));
		news_start(r->news, JOB_ARTICLE, 0, url);
		return;
	}
	show_article(r, url);
}

static void
full_text(struct host *h, const char *url)
{
	struct reader *r = reader_of(h);

	if (url == NULL)
		return;
	if (news_offline(r->news)) {
		say(r, 1, _("Offline: the full text cannot be fetched"));
		return;
	}
	xfree_set(&r->pending, xstrdup(url));
	news_start(r->news, JOB_FULLTEXT, 0, url);
}

/* The terminal to a browser that runs in it, and back. */
static void
hand(int to_browser, void *arg)
{
	(void)arg;
	screen_hand(to_browser);
	if (!to_browser)
		interrupted = 0;        /* a Ctrl-C meant for the browser */
}

static void
show_picture(struct host *h, const struct host_picture *p)
{
	push(reader_of(h), &view_picture_ops, p);
}

static void
open_url(struct host *h, const char *url)
{
	struct reader *r = reader_of(h);
	struct err e = { "" };
	char msg[512];

	if (browser_open(r->browser, url, msg, sizeof msg, &e) < 0)
		say(r, 1, e.msg);
	else
		say(r, 0, msg);
}

static void
mark(struct host *h, enum action a, const char *url, int *read, int *starred)
{
	struct reader *r = reader_of(h);

	switch (a) {
	case ACT_STAR:
		*starred = !*starred;
		news_set_starred(r->news, url, *starred, NULL);
		say(r, 0, *starred ? _("Starred") : _("Unstarred"));
		marks_changed(r, url, VIEW_STARRED, 0, *starred);
		break;
	case ACT_TOGGLE_READ:
		*read = !*read;
		news_set_read(r->news, url, *read, NULL);
		say(r, 0, *read ? _("Marked read") : _("Marked unread"));
		marks_changed(r, url, VIEW_READ, *read, 0);
		break;
	case ACT_BROWSER:
		open_url(h, url);
		break;
	default:
		break;
	}
}

static void
step_article(struct host *h, int dir)
{
	struct reader *r = reader_of(h);
	struct view_event ev = { .kind = EV_STEP, .dir = dir };

	send(&r->stack[0], &ev);
}

/* ---- searching -------------------------------------------------------------- */

static void
search(struct host *h, const char *query)
{
	struct reader *r = reader_of(h);
	struct err e = { "" };
	long t;

	if (str_empty(query))
		return;
	t = news_search(r->news, query, &e);
	if (t < 0) {
		say(r, 1, e.msg[0] ? e.msg : _("The search failed"));
		switch_tab(r, r->tab < news_ntabs(r->news) ? r->tab : 0);
		return;
	}
	xfree_set(&r->query, xstrdup(query));
	switch_tab(r, (size_t)t);
}

static const char *
query(struct host *h)
{
	return reader_of(h)->query;
}

/* ---- the rest of what views ask --------------------------------------------- */

static struct news *
host_news_of(struct host *h)
{
	return reader_of(h)->news;
}

static const struct keymap *
keymap(struct host *h)
{
	return &reader_of(h)->keys;
}

static void
status(struct host *h, int error, const char *msg)
{
	say(reader_of(h), error, msg);
}

static void
host_push_view(struct host *h, const struct view_ops *ops, const void *arg)
{
	push(reader_of(h), ops, arg);
}

static void
host_pop_view(struct host *h, void *st)
{
	struct reader *r = reader_of(h);

	for (int i = r->depth - 1; i > 0; i--)
		if (r->stack[i].st == st) {
			pop_to(r, i);
			return;
		}
}

static void
prompt(struct host *h, void *asker, int id, const char *label)
{
	struct reader *r = reader_of(h);
	struct prompt_arg a = { label, asker, id };

	r->status[0] = '\0';
	push(r, &view_prompt_ops, &a);
}

static void command(struct reader *r, const char *text);

static void
answer(struct host *h, void *asker, int id, const char *text)
{
	struct reader *r = reader_of(h);

	if (asker == NULL && id == PROMPT_COMMAND) {
		if (text != NULL)
			command(r, text);
		return;
	}
	for (int i = 0; i < r->depth; i++)
		if (r->stack[i].st == asker && r->stack[i].ops->answer != NULL) {
			r->stack[i].ops->answer(asker, id, text);
			return;
		}
}

static enum tab_state
tab_state(struct host *h, size_t t)
{
	struct tabinfo *ti = tab_info(reader_of(h), t);

	return ti != NULL ? ti->state : TAB_NEW;
}

static int
message(struct host *h, size_t i, struct host_message *out)
{
	struct reader *r = reader_of(h);
	const struct logline *l;

	if (i >= r->nlog)
		return 0;
	l = &r->log[r->nlog - 1 - i];
	out->when = l->when;
	out->error = l->error;
	out->text = l->text;
	return 1;
}

static const struct conf *
conf_of(struct host *h)
{
	return reader_of(h)->conf;
}

static void
copy(struct host *h, const char *what, const char *text)
{
	struct reader *r = reader_of(h);
	struct err e = { "" };
	int rc;

	if (str_empty(text)) {
		say(r, 1, _("Nothing to copy"));
		return;
	}
	if (r->conf->copy_command != NULL)
		rc = browser_pipe(r->browser, r->conf->copy_command, text, 0, &e);
	else
		rc = screen_clipboard(text, &e);
	if (rc < 0)
		say(r, 1, e.msg);
	else
		host_status(&r->host, 0, _("Copied %s to the clipboard"), what);
}

static void
pipe_to(struct host *h, const char *command_line, const char *text)
{
	struct reader *r = reader_of(h);
	char **argv = browser_words(command_line);
	struct err e = { "" };

	if (browser_pipe(r->browser, argv, text, 1, &e) < 0)
		say(r, 1, e.msg);
	else
		host_status(&r->host, 0, _("Piped the article to %s"), argv[0]);
	browser_words_free(argv);
}

static size_t
current_tab(struct host *h)
{
	return reader_of(h)->tab;
}

static void
place(struct host *h, const char *url, int64_t at, int64_t of)
{
	struct reader *r = reader_of(h);
	struct view_event ev = { .kind = EV_MARKS, .url = url, .marks = VIEW_PLACE,
	                         .place = at, .place_of = of };
	struct err e = { "" };

	if (news_set_place(r->news, url, at, of, &e) < 0)
		say(r, 1, e.msg);
	broadcast(r, &ev);
}

static void config(struct host *h, const char *line);

static const struct host_ops ops = {
	.news = host_news_of,
	.keymap = keymap,
	.status = status,
	.push = host_push_view,
	.pop = host_pop_view,
	.prompt = prompt,
	.answer = answer,
	.open_article = open_article,
	.full_text = full_text,
	.mark = mark,
	.open_url = open_url,
	.picture = show_picture,
	.step_article = step_article,
	.search = search,
	.query = query,
	.tab_state = tab_state,
	.message = message,
	.conf = conf_of,
	.copy = copy,
	.pipe = pipe_to,
	.config = config,
	.tab = current_tab,
	.place = place,
};

/* ---- lines of the config from the screen ------------------------------------- */

/* How many lines the config file has (0 if there is none): a line added
 * is the next. */
static int
config_lines(const char *path)
{
	char *text = NULL;
	size_t len = 0;
	int n = 0;

	if (path == NULL || read_file(path, 1 << 20, &text, &len, NULL) < 0)
		return 0;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	n += len > 0 && text[len - 1] != '\n';
	free(text);
	return n;
}

/* What a config line adds, taken for this session.  The line as `where`
 * will be in the file; the tab to show (-1: stay), or -2 when it cannot be
 * taken. */
static long
take_line(struct reader *r, const struct conf *c, const char *where, int *changed)
{
	struct err e = { "" };
	long t = -1;

	*changed = -1;
	if (c->nfeeds == 1)
		t = news_add_feed(r->news, c->feeds[0].url, c->feeds[0].label, &e);
	else if (c->ntabs == 1)
		t = news_add_query_tab(r->news, c->tabs[0].label, c->tabs[0].query, &e);
	else if (c->nrules == 1) {
		*changed = news_add_rule(r->news, c->rules[0].action, c->rules[0].query,
		                         where, &e);
		if (*changed < 0)
			say(r, 1, e.msg);
		return *changed < 0 ? -2 : -1;
	} else {
		say(r, 1, _("Only feed, tab, ignore, highlight and mark-read lines are taken "
		            "here; other settings go in the config file"));
		return -2;
	}
	if (t < 0)
		say(r, 1, e.msg[0] ? e.msg : _("The line was not taken"));
	return t < 0 ? -2 : t;
}

static void
config(struct host *h, const char *line)
{
	struct reader *r = reader_of(h);
	struct view_event ev = { .kind = EV_LIST, .ok = 1 };
	struct conf c;
	struct err e = { "" };
	char *where = xasprintf("%s:%d", r->conf->path ? r->conf->path : "",
	                        config_lines(r->conf->path) + 1);
	long t;
	int changed;

	conf_init(&c);
	if (conf_line(&c, line, _("command"), &e) < 0) {
		say(r, 1, e.msg);
		goto out;
	}
	t = take_line(r, &c, where, &changed);
	if (t == -2)
		goto out;
	if (r->conf->path == NULL || conf_append(r->conf->path, line, NULL, &e) < 0)
		host_status(&r->host, 1, _("Taken for now, but not kept: %s"),
		     e.msg[0] ? e.msg : _("no config file"));
	else if (changed >= 0)
		host_status(&r->host, 0, _("Rule added to %s: %d articles changed"), where, changed);
	else
		host_status(&r->host, 0, _("Added to %s"), where);
	if (t >= 0) {
		tabs_changed(r);
		switch_tab(r, (size_t)t);
	} else {
		ev.tab = r->tab;
		broadcast(r, &ev);
	}
out:
	conf_free(&c);
	free(where);
}

/* A line typed after ':'. */
static void
command(struct reader *r, const char *text)
{
	char *copy_of = xstrdup(text), *t = str_trim(copy_of);
	struct about_arg a = { ABOUT_RULES, r->tab };

	if (strcmp(t, "rules") == 0) {
		push(r, &view_about_ops, &a);
	} else if (strcmp(t, "info") == 0) {
		a.page = ABOUT_TAB;
		push(r, &view_about_ops, &a);
	} else if (strcmp(t, "help") == 0) {
		push(r, &view_help_ops, NULL);
	} else if (strcmp(t, "q") == 0 || strcmp(t, "quit") == 0) {
		r->quit = 1;
	} else if (*t != '\0') {
		config(&r->host, t);
	}
	free(copy_of);
}

/* ---- background jobs --------------------------------------------------------- */

/* A job finished: what it brought, where it is shown. */
static void
job_done(struct reader *r, const struct news_event *ev)
{
	const struct store_tab *cur = news_tab(r->news, r->tab);
	long t = ev->tab_key ? news_find_tab(r->news, ev->tab_key) : -1;
	struct tabinfo *ti = t >= 0 ? tab_info(r, (size_t)t) : NULL;
	struct view_event le = { .kind = EV_LIST, .tab = r->tab, .ok = ev->ok };

	if (ev->job == JOB_PICTURE && !ev->ok) {
		char msg[sizeof ev->msg + 64];

		snprintf(msg, sizeof msg, _("A picture was not fetched: %s"), ev->msg);
		say(r, 1, msg);
	} else if (ev->msg[0] != '\0' && ev->job != JOB_PICTURE)
		say(r, !ev->ok, ev->msg);
	switch (ev->job) {
	case JOB_TABS:
		if (ev->ok)
			tabs_changed(r);
		break;
	case JOB_LIST:
	case JOB_MORE:
		if (ti != NULL && ev->job == JOB_LIST)
			ti->state = ev->ok ? TAB_LOADED : TAB_FAILED;
		/* the tab's list, or a query of the cache that may find more now */
		if (cur != NULL && ((ev->tab_key != NULL && strcmp(cur->key, ev->tab_key) == 0) ||
		                    (ev->changed && news_tab_query(r->news, r->tab) != NULL)))
			send(&r->stack[0], &le);
		break;
	case JOB_PROBE: {
		struct view_event pe = { .kind = EV_PROBE, .url = ev->url, .ok = ev->ok,
		                         .msg = ev->msg, .feed = ev->feed, .found = &ev->found };

		broadcast(r, &pe);
		break;
	}
	case JOB_ARTICLE:
	case JOB_FULLTEXT:
		if (r->pending == NULL || ev->url == NULL || strcmp(r->pending, ev->url) != 0)
			break;
		xfree_set(&r->pending, NULL);
		if (ev->ok)
			show_article(r, ev->url);
		break;
	case JOB_PICTURE: {
		struct view_event pe = { .kind = EV_PICTURE, .url = ev->url,
		                         .picture = ev->picture, .ok = ev->ok };

		broadcast(r, &pe);
		break;
	}
	case JOB_SYNC:
		send(&r->stack[0], &le);        /* the list as the sync left it */
		break;
	}
}

static void refresh_due(struct reader *r);

/* Drives the network and takes in what finished. */
static void
pump(struct reader *r)
{
	struct news_event ev;
	struct view_event pe = { .kind = EV_PROGRESS };

	news_poll(r->news, 0);
	while (news_next_event(r->news, &ev)) {
		job_done(r, &ev);
		news_event_free(&ev);
	}
	browser_reap(r->browser);
	refresh_due(r);
	news_busy(r->news, &pe.done, &pe.total, NULL, 0);
	if (pe.done != r->done || pe.total != r->total) {
		r->done = pe.done;
		r->total = pe.total;
		broadcast(r, &pe);
	}
	free_dead(r);
}

static void
cancel(struct reader *r)
{
	news_cancel(r->news);
	pump(r);
	xfree_set(&r->pending, NULL);
	say(r, 0, _("Cancelled"));
}

/* ---- drawing ------------------------------------------------------------------ */

static char *
tab_label(struct reader *r, size_t i, int *count_at)
{
	const struct store_tab *t = news_tab(r->news, i);
	size_t unread = news_unread(r->news, i);
	char *s;

	if (unread > 0 && !(news_kind(t->kind)->flags & NK_NO_COUNT)) {
		s = xasprintf(" %s %zu ", t->label, unread);
		*count_at = (int)strlen(t->label) + 2;
	} else {
		s = xasprintf(" %s ", t->label);
		*count_at = -1;
	}
	return s;
}

static int
tab_width(struct reader *r, size_t i)
{
	int at;
	char *l = tab_label(r, i, &at);
	char *clean = text_sanitize(l, strlen(l), 0);
	int w = text_width(clean, strlen(clean));

	free(clean);
	free(l);
	return w;
}

/* Tab i's width, measured the first time it is asked for: a tab's label
 * holds its unread count, which costs a query, so the bar measures only
 * the tabs it may show (with many tabs of thousands of articles, counting
 * every one would delay the first drawn list). */
static int
tab_width_at(struct reader *r, int *w, size_t i)
{
	if (w[i] < 0)
		w[i] = tab_width(r, i);
	return w[i];
}

/* The first tab to show so that the current one is on the bar, with room
 * for the markers that say tabs are hidden left (<) or right (>). */
static size_t
tabs_first(struct reader *r, size_t n, int *w)
{
	size_t first = 0;

	for (;;) {
		int used = first > 0 ? 1 : 0;

		for (size_t i = first; i <= r->tab; i++)
			used += tab_width_at(r, w, i);
		if (r->tab + 1 < n)
			used += 1;
		if (used <= r->cols || first == r->tab)
			return first;
		first++;
	}
}

static void
draw_tab(struct reader *r, size_t i, int x, int w)
{
	int at, cur = i == r->tab;
	char *l = tab_label(r, i, &at);

	screen_put(0, x, l, w, 0, cur ? THEME_TAB_CUR : THEME_TAB, 0);
	if (at > 0 && !cur && w > at + 1) {
		/* the unread count in its own colour */
		char *clean = text_sanitize(l, (size_t)at, 0);
		int cx = x + text_width(clean, strlen(clean));

		screen_put(0, cx, l + at, w - (cx - x), 0, THEME_COUNTS, 0);
		free(clean);
	}
	free(l);
}

static void
draw_tabs(struct reader *r)
{
	size_t n = news_ntabs(r->news), first;
	int x = 0, *w;

	screen_put(0, 0, "", r->cols, 0, THEME_TAB, 0);
	if (r->ntab_x != n) {
		r->tab_x = xrealloc(r->tab_x, (n + 1) * sizeof *r->tab_x);
		r->tab_end = xrealloc(r->tab_end, (n + 1) * sizeof *r->tab_end);
		r->ntab_x = n;
	}
	if (n == 0)
		return;
	if (r->tab >= n)
		r->tab = n - 1;
	w = xcalloc(n, sizeof *w);
	for (size_t i = 0; i < n; i++) {
		r->tab_x[i] = r->tab_end[i] = -1;
		w[i] = -1;
	}
	first = tabs_first(r, n, w);
	if (first > 0)
		screen_put(0, x++, "<", 1, 0, THEME_TAB, THEME_BOLD);
	for (size_t i = first; i < n; i++) {
		int room = r->cols - x - (i + 1 < n ? 1 : 0);
		int cw = tab_width_at(r, w, i);

		if (cw > room && i != r->tab) {
			screen_put(0, r->cols - 1, ">", 1, 0, THEME_TAB, THEME_BOLD);
			break;
		}
		if (cw > room)
			cw = room;
		draw_tab(r, i, x, cw);
		r->tab_x[i] = x;
		r->tab_end[i] = x + cw;
		x += cw;
	}
	free(w);
}

/* Progress of the transfers in words, or "" when none run. */
static void
progress(struct reader *r, char *out, size_t outsz)
{
	int done, total, stalled;
	char host[128], size[32];
	struct news_sync y;

	out[0] = '\0';
	if (!news_busy(r->news, &done, &total, host, sizeof host))
		return;
	stalled = news_stalled(r->news, host, sizeof host);
	if (stalled >= 2) {
		/* said well before the stall limit ends the try */
		snprintf(out, outsz, _("Loading %s: nothing for %d s… (Esc cancels)"),
		         host, stalled);
	} else if (news_sync_progress(r->news, &y)) {
		size_words(y.bytes, size, sizeof size);
		snprintf(out, outsz, _("Sync: lists %d/%d, articles %d/%d, pictures %d/%d, %s… (Esc cancels)"),
		         y.lists_done, y.lists, y.articles_done, y.articles,
		         y.pictures_done, y.pictures, size);
	} else if (total > 1)
		snprintf(out, outsz, _("Loading %d/%d %s… (Esc cancels)"),
		         done + 1 > total ? total : done + 1, total, host);
	else
		snprintf(out, outsz, _("Loading %s… (Esc cancels)"), host);
}

static void
draw_status(struct reader *r, struct view *v)
{
	char left[768], right[128], busy[256];
	int y = r->rows - 1, rw, lw;

	left[0] = right[0] = '\0';
	if (v->ops->status != NULL)
		v->ops->status(v->st, left, sizeof left, right, sizeof right);
	if (r->cols >= 60 && (v->ops->flags & VIEW_TAB)) {
		size_t n = strlen(right);

		/* the way to everything else, where there is room */
		snprintf(right + n, sizeof right - n, "%s%s", n ? "  " : "", _("? help"));
	}
	progress(r, busy, sizeof busy);
	rw = text_width(right, strlen(right));
	if (rw > r->cols / 2)
		rw = 0;
	lw = r->cols - rw - (rw > 0 ? 1 : 0);
	if (r->status[0] != '\0') {
		screen_put(y, 0, r->status, lw, 0, r->status_error ? THEME_ERROR : THEME_STATUS, 0);
	} else if (busy[0] != '\0') {
		char *both = xasprintf("%s  %s", busy, left);

		screen_put(y, 0, both, lw, 0, THEME_STATUS, 0);
		free(both);
	} else {
		screen_put(y, 0, left, lw, 0, THEME_STATUS, 0);
	}
	if (rw > 0)
		screen_put(y, lw, right, r->cols - lw, TEXT_ALIGN_RIGHT, THEME_STATUS, 0);
}

/* Below the minimum: only a message, wrapped to the lines there are. */
static void
draw_small(struct reader *r)
{
	char *msg = xasprintf(_("Terminal too small (%dx%d): at least %dx%d"),
	                      r->cols, r->rows, MIN_COLS, MIN_ROWS);
	struct text_lines l = { 0 };

	if (text_wrap(msg, strlen(msg), r->cols, 0, &l) == 0)
		for (size_t i = 0; i < l.n && i < (size_t)r->rows; i++)
			screen_put((int)i, 0, l.v[i], r->cols, 0, THEME_NORMAL, THEME_BOLD);
	text_lines_free(&l);
	free(msg);
}

static int
too_small(const struct reader *r)
{
	return r->rows < MIN_ROWS || r->cols < MIN_COLS;
}

/* Side by side (layout split, or auto from SPLIT_COLS columns): the
 * list's columns; 0 for one view on the whole screen. */
static int
split_cols(const struct reader *r)
{
	int layout = r->conf->layout;

	if (layout == LAYOUT_SINGLE || (layout == LAYOUT_AUTO && r->cols < SPLIT_COLS) ||
	    r->cols < SPLIT_MIN)
		return 0;
	return r->cols * 2 / 5;
}

/* The view that gets the keys: a prompt, the list when it has them side
 * by side, else the top one. */
static struct view *
keyed(struct reader *r)
{
	if (!(top(r)->ops->flags & VIEW_LINE) && r->left > 0 && r->focus_list)
		return &r->stack[0];
	return top(r);
}

/* The list on the left, a rule, the article (or where it will be) on the
 * right. */
static void
draw_panes(struct reader *r, struct view *v)
{
	struct rect left = { 1, 0, r->rows - 2, r->left };
	struct rect right = { 1, r->left + 1, r->rows - 2, r->cols - r->left - 1 };

	r->stack[0].ops->draw(r->stack[0].st, &left);
	for (int y = 1; y < r->rows - 1; y++)
		screen_put(y, r->left, "│", 1, 0, THEME_BORDER, 0);
	if (v != &r->stack[0]) {
		v->ops->draw(v->st, &right);
		return;
	}
	for (int y = right.y; y < right.y + right.h; y++)
		screen_put(y, right.x, "", right.w, 0, THEME_NORMAL, 0);
	screen_put(right.y + 1, right.x + 2, _("Enter opens the selected article here"),
	           right.w - 2, 0, THEME_NORMAL, THEME_DIM);
}

static void
draw(struct reader *r)
{
	int rows, cols;
	struct view *v;

	screen_size(&rows, &cols);
	if (rows != r->rows || cols != r->cols) {
		struct view_event ev = { .kind = EV_RESIZE, .rows = rows, .cols = cols };

		r->rows = rows;
		r->cols = cols;
		broadcast(r, &ev);
	}
	screen_begin();
	if (too_small(r)) {
		draw_small(r);
		screen_end();
		return;
	}
	draw_tabs(r);
	v = main_view(r);
	r->left = v == &r->stack[0] || v->ops == &view_pager_ops ? split_cols(r) : 0;
	if (r->left > 0)
		draw_panes(r, v);
	else
		v->ops->draw(v->st, &(struct rect){ 1, 0, r->rows - 2, r->cols });
	if (top(r)->ops->flags & VIEW_LINE)
		top(r)->ops->draw(top(r)->st, &(struct rect){ r->rows - 1, 0, 1, r->cols });
	else
		draw_status(r, keyed(r));
	screen_end();
}

/* ---- keys and the mouse ------------------------------------------------------- */

static void
mouse(struct reader *r)
{
	enum screen_mouse m;
	struct view *v = main_view(r);
	struct rect rc;
	int y, x;

	if (screen_mouse(&y, &x, &m) < 0 || too_small(r))
		return;
	if (y == 0 && m == SCREEN_CLICK) {
		for (size_t i = 0; i < r->ntab_x; i++)
			if (r->tab_x[i] >= 0 && x >= r->tab_x[i] && x < r->tab_end[i]) {
				switch_tab(r, i);
				return;
			}
		return;
	}
	rc = (struct rect){ 1, 0, r->rows - 2, r->cols };
	if (r->left > 0 && x < r->left) {
		v = &r->stack[0];           /* the list, side by side */
		rc.w = r->left;
		r->focus_list = 1;
	} else if (r->left > 0) {
		rc.x = r->left + 1;
		rc.w = r->cols - r->left - 1;
		r->focus_list = v == &r->stack[0];
	}
	if (y > 0 && y < r->rows - 1 && v->ops->mouse != NULL && x >= rc.x)
		v->ops->mouse(v->st, &rc, y, x,
		              m == SCREEN_CLICK ? VIEW_CLICK :
		              m == SCREEN_WHEEL_UP ? VIEW_WHEEL_UP : VIEW_WHEEL_DOWN);
}

/* T: Chinese in Simplified or in the reader's Traditional; every view
 * reads what it shows again. */
static void
toggle_script(struct reader *r)
{
	struct view_event ev = { .kind = EV_SCRIPT, .tab = r->tab };
	struct err e = { "" };
	int script = news_toggle_script(r->news, &e);

	if (script < 0) {
		say(r, 1, e.msg);
		return;
	}
	broadcast(r, &ev);
	say(r, 0, _(zh_script_label(script)));
}

/* i: pictures hidden or shown again; every view lays out again. */
static void
toggle_images(struct reader *r)
{
	struct view_event ev = { .kind = EV_IMAGES, .tab = r->tab };
	struct err e = { "" };
	int mode = news_toggle_images(r->news, &e);

	if (mode < 0) {
		say(r, 1, e.msg);
		return;
	}
	broadcast(r, &ev);
	say(r, 0, mode == IMAGE_OFF ? _("Pictures hidden: captions only") :
	          _("Pictures shown"));
}

/* What no view took: the reader's own actions. */
static void
global(struct reader *r, enum action a, int key)
{
	size_t t;

	switch (a) {
	case ACT_QUIT:
		if (r->depth == 1 && r->pending != NULL) {
			xfree_set(&r->pending, NULL);   /* q while an article loads: stay */
			say(r, 0, _("Cancelled"));
			break;
		}
		pop_to(r, r->depth - 1);
		break;
	case ACT_BACK:
		if (r->depth > 1)
			pop_to(r, r->depth - 1);
		break;
	case ACT_HELP:
		if (top(r)->ops != &view_help_ops)
			push(r, &view_help_ops, NULL);
		break;
	case ACT_MESSAGES:
		if (top(r)->ops != &view_messages_ops)
			push(r, &view_messages_ops, NULL);
		break;
	case ACT_REDRAW:      screen_redraw(); break;
	case ACT_NEXT_TAB:    switch_by(r, 1); break;
	case ACT_PREV_TAB:    switch_by(r, -1); break;
	case ACT_RELOAD:      reload(r, 0); break;
	case ACT_RELOAD_ALL:  reload(r, 1); break;
	case ACT_SCRIPT:      toggle_script(r); break;
	case ACT_SYNC:        start_sync(r); break;
	case ACT_IMAGES:      toggle_images(r); break;
	case ACT_COPY_TEXT:
	case ACT_SAVE:
	case ACT_PIPE:
		say(r, 0, _("Open an article (Enter) to copy, save or pipe it"));
		break;
	case ACT_SAVE_SEARCH:
		say(r, 0, _("+ keeps a search as a tab: search the cache first (/)"));
		break;
	case ACT_ADD_FEED:
		if (news_offline(r->news))
			say(r, 1, _("Offline: adding a feed needs the network"));
		else
			push(r, &view_addfeed_ops, NULL);
		break;
	case ACT_COMMAND:
		prompt(&r->host, NULL, PROMPT_COMMAND, ":");
		break;
	case ACT_FOCUS:
		if (r->left > 0 && main_view(r) != &r->stack[0]) {
			r->focus_list = !r->focus_list;
			say(r, 0, r->focus_list ? _("Keys go to the list") : _("Keys go to the article"));
		} else {
			say(r, 0, r->left > 0 ? _("Open an article first: Enter") :
			    _("The list and the article side by side: layout split, or auto "
			      "from 140 columns"));
		}
		break;
	case ACT_NUMBER:
		if (key < '0' || key > '9')
			break;
		t = key == '0' ? 9 : (size_t)(key - '1');
		if (t < news_ntabs(r->news))
			switch_tab(r, t);
		else
			host_status(&r->host, 0, _("There is no tab %zu"), t + 1);
		break;
	default:
		break;
	}
}

static void
handle(struct reader *r, int key)
{
	enum action a;

	if (key == KEYS_RESIZE)
		return;         /* the next draw lays out again */
	if (key == KEYS_MOUSE) {
		mouse(r);
		return;
	}
	if (top(r)->ops->flags & VIEW_LINE) {
		top(r)->ops->key(top(r)->st, ACT_NONE, key);
		return;
	}
	r->status[0] = '\0';
	r->status_error = 0;
	if (key == KEYS_ESC && news_busy(r->news, NULL, NULL, NULL, 0)) {
		cancel(r);
		return;
	}
	a = keys_lookup(&r->keys, key);
	if (a == ACT_NONE) {
		say(r, 0, _("Unknown key; press ? for help"));
		return;
	}
	if (!keyed(r)->ops->key(keyed(r)->st, a, key))
		global(r, a, key);
}

static void
run(struct reader *r)
{
	while (!r->quit) {
		int key, busy, indexing, work;

		pump(r);
		if (interrupted) {
			interrupted = 0;
			if (!news_busy(r->news, NULL, NULL, NULL, 0))
				break;
			cancel(r);
		}
		draw(r);
		busy = news_busy(r->news, NULL, NULL, NULL, 0);
		indexing = !busy && news_indexing(r->news);
		/* the view on top: its pictures decoded one between keys */
		work = top(r)->ops->idle != NULL && top(r)->ops->idle(top(r)->st, 0);
		key = screen_read(work || indexing ? 0 : busy ? 50 : 1000);
		if (key >= 0)
			handle(r, key);
		else if (work)
			top(r)->ops->idle(top(r)->st, 1);
		else if (indexing)      /* idle: the search index, a bit at a time */
			news_index(r->news, 10, NULL);
		free_dead(r);
	}
}

/* ---- starting and stopping ------------------------------------------------------ */

/* What the first screen says: the notices joined, an error if the model
 * had one. */
static void
first_words(struct reader *r, const char *notice, const char *term)
{
	const char *model = news_notice(r->news);
	const char *parts[] = { notice, term, model };
	struct buf b;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < ARRAY_LEN(parts); i++)
		if (!str_empty(parts[i]))
			buf_addf(&b, "%s%s", b.len ? "; " : "", parts[i]);
	if (b.len > 0)
		say(r, model != NULL, b.data);
	buf_free(&b);
}

/* The first screen comes from the cache, before any request. */
/* The settings of tab t's source (the global ones for tabs of mixed
 * sources). */
static void
tab_conf(struct reader *r, size_t t, struct conf *out)
{
	const char *name, *url;

	if (news_tab_source(r->news, t, &name, &url))
		conf_for_source(r->conf, name, url, out);
	else
		*out = *r->conf;
}

/* Every tab whose source says reload-on-start is fetched now. */
static void
reload_on_start(struct reader *r)
{
	for (size_t t = 0; t < news_ntabs(r->news); t++) {
		struct conf c;

		tab_conf(r, t, &c);
		if (c.reload_on_start)
			refresh_tab(r, t);
	}
}

/* Tabs whose refresh time has come are fetched again (checked every few
 * seconds; a tab never fetched waits to be shown). */
static void
refresh_due(struct reader *r)
{
	int64_t now = (int64_t)time(NULL);

	if (now - r->checked < 5 || news_offline(r->news))
		return;
	r->checked = now;
	for (size_t t = 0; t < news_ntabs(r->news); t++) {
		const struct store_tab *st = news_tab(r->news, t);
		struct tabinfo *ti = tab_info(r, t);
		struct conf c;

		tab_conf(r, t, &c);
		if (c.refresh > 0 && st->fetched > 0 && now - st->fetched >= c.refresh &&
		    ti != NULL && ti->state != TAB_LOADING)
			refresh_tab(r, t);
	}
}

static void
start(struct reader *r)
{
	size_t n = news_ntabs(r->news);

	if (n > 0)
		enter_tab(r, 0);
	if (!news_offline(r->news)) {
		news_start(r->news, JOB_TABS, 0, NULL);
		reload_on_start(r);
		return;
	}
	if (n <= 1) {
		struct item_list l = { 0 };

		if (n == 0 || (news_get_list(r->news, 0, &l, NULL) == 0 && l.n == 0))
			say(r, 1, _("Nothing cached yet; start without --offline"));
		item_list_free(&l);
	}
}

static void
stop(struct reader *r)
{
	pop_to(r, 0);
	free_dead(r);
	for (size_t i = 0; i < ARRAY_LEN(r->tabviews); i++)
		if (r->tabviews[i].st != NULL)
			r->tabviews[i].ops->close(r->tabviews[i].st);
	for (size_t i = 0; i < r->ntabs; i++)
		free(r->tabs[i].key);
	for (size_t i = 0; i < r->nlog; i++)
		free(r->log[i].text);
	free(r->log);
	free(r->tabs);
	free(r->dead);
	free(r->tab_x);
	free(r->tab_end);
	free(r->pending);
	free(r->query);
	browser_free(r->browser);
}

int
reader_run(struct news *n, const struct conf *cf, const char *notice, struct err *e)
{
	struct screen_opts so = { cf->mouse, cf->colors, cf->ncolors };
	struct reader r;
	char term[256];

	memset(&r, 0, sizeof r);
	r.host.ops = &ops;
	r.news = n;
	r.conf = cf;
	keys_default(&r.keys);
	for (size_t i = 0; i < cf->nbinds; i++)
		if (keys_bind(&r.keys, cf->binds[i].key, cf->binds[i].action, e) < 0)
			return -1;
	if (screen_start(&so, term, sizeof term, e) < 0)
		return -1;
	r.browser = browser_new(hand, &r);
	r.tabviews[TV_LIST] = (struct view){ &view_list_ops, view_list_ops.open(&r.host, NULL) };
	r.tabviews[TV_QUERY] = (struct view){ &view_search_ops,
	                                       view_search_ops.open(&r.host, NULL) };
	r.stack[0] = r.tabviews[TV_LIST];
	r.depth = 1;
	screen_size(&r.rows, &r.cols);
	first_words(&r, notice, term);
	start(&r);
	signal(SIGINT, on_sigint);
	run(&r);
	signal(SIGINT, SIG_DFL);
	stop(&r);
	screen_stop();
	return 0;
}
