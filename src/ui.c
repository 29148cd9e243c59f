/* ui.c: curses set-up, the main loop, the tab bar and the status line. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "ui.h"

static int use_color;
static volatile sig_atomic_t interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static const struct {
	short fg, bg;
} palette[C_COUNT] = {
	[C_NORMAL]  = { -1, -1 },
	[C_TAB]     = { -1, -1 },
	[C_TAB_CUR] = { COLOR_BLACK, COLOR_CYAN },
	[C_STATUS]  = { COLOR_BLACK, COLOR_WHITE },
	[C_TITLE]   = { COLOR_YELLOW, -1 },
	[C_META]    = { COLOR_CYAN, -1 },
	[C_DATE]    = { COLOR_GREEN, -1 },
	[C_UNREAD]  = { COLOR_MAGENTA, -1 },
	[C_LINK]    = { COLOR_BLUE, -1 },
	[C_ERROR]   = { COLOR_WHITE, COLOR_RED },
};

int
ui_color(int color)
{
	return use_color && color > 0 ? COLOR_PAIR(color) : 0;
}

static void
colors_init(void)
{
	const char *no = getenv("NO_COLOR");

	use_color = has_colors() && (no == NULL || *no == '\0');
	if (!use_color)
		return;
	start_color();
	use_default_colors();
	for (int i = 1; i < C_COUNT; i++)
		init_pair((short)i, palette[i].fg, palette[i].bg);
}

void
ui_put(int y, int x, const char *s, int cols, int flags, int color, int attr)
{
	char *clean, *cell;

	if (cols <= 0)
		return;
	clean = text_sanitize(s ? s : "", s ? strlen(s) : 0, 0);
	cell = text_cell(clean, cols, flags);
	attron(ui_color(color) | attr);
	mvaddstr(y, x, cell);
	attroff(ui_color(color) | attr);
	free(cell);
	free(clean);
}

void
ui_status(struct ui *u, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->status, sizeof u->status, fmt, ap);
	va_end(ap);
	u->status_error = error;
}

void
ui_flash_status(struct ui *u)
{
	ui_put(u->rows - 1, 0, u->status, u->cols, 0,
	       u->status_error ? C_ERROR : C_STATUS, u->status_error ? A_BOLD : 0);
	refresh();
}

void
ui_push(struct ui *u, const struct view_ops *v)
{
	if (u->depth == UI_MAX_VIEWS)
		return;
	u->stack[u->depth++] = v;
	if (v->open != NULL)
		v->open(u);
}

void
ui_pop(struct ui *u)
{
	const struct view_ops *v;

	if (u->depth == 0)
		return;
	v = u->stack[--u->depth];
	if (v->close != NULL)
		v->close(u);
	if (u->depth == 0)
		u->quit = 1;
}

/* The tab bar: labels with the current one marked, scrolled so that the
 * current tab is always on screen. */
static void
draw_tabs(struct ui *u)
{
	size_t n = news_ntabs(u->news), first = 0;
	int x, avail = u->cols;

	move(0, 0);
	attron(ui_color(C_TAB));
	hline(' ', u->cols);
	attroff(ui_color(C_TAB));
	/* scroll: start at the first tab from which the current one fits */
	for (;;) {
		int w = 0;

		for (size_t i = first; i <= u->tab && i < n; i++) {
			const char *l = news_tab(u->news, i)->label;
			w += text_width(l, strlen(l)) + 3;
		}
		if (w <= avail || first >= u->tab)
			break;
		first++;
	}
	x = 0;
	if (first > 0) {
		ui_put(0, 0, "<", 1, 0, C_TAB, 0);
		x = 1;
	}
	for (size_t i = first; i < n && x < avail; i++) {
		const char *l = news_tab(u->news, i)->label;
		char *label = xasprintf(" %s ", l);
		int w = text_width(label, strlen(label));
		int cur = i == u->tab;

		if (x + w > avail)
			w = avail - x;
		ui_put(0, x, label, w, 0, cur ? C_TAB_CUR : C_TAB,
		       cur ? (A_BOLD | (use_color ? 0 : A_REVERSE)) : 0);
		x += w;
		free(label);
		if (x < avail) {
			ui_put(0, x, "|", 1, 0, C_TAB, A_DIM);
			x++;
		}
	}
}

static void
draw(struct ui *u)
{
	getmaxyx(stdscr, u->rows, u->cols);
	erase();
	if (u->rows < 3 || u->cols < 10) {
		mvaddnstr(0, 0, _("Terminal too small"), u->cols);
		refresh();
		return;
	}
	draw_tabs(u);
	if (u->depth > 0)
		u->stack[u->depth - 1]->draw(u, 1, u->rows - 2);
	ui_flash_status(u);
}

/* A key, or -1 after timeout_ms (-1: wait for a key). */
static int
read_key(int timeout_ms)
{
	wint_t ch;
	int rc;

	timeout(timeout_ms);
	rc = get_wch(&ch);
	if (rc == ERR)
		return -1;
	return (int)ch;
}

/* While jobs run, the status line says how far they are. */
static void
busy_status(struct ui *u)
{
	int done, total;
	char host[128];

	if (!news_busy(u->news, &done, &total, host, sizeof host))
		return;
	if (u->status[0] != '\0' && !u->busy_shown)
		return;         /* a message the user has not read yet */
	ui_status(u, 0, _("Loading %d/%d %s…  Esc cancels"), done, total, host);
	u->busy_shown = 1;
}

/* Drives the network and takes in what finished. */
static void
pump(struct ui *u)
{
	struct news_event ev;

	news_poll(u->news, 0);
	while (news_next_event(u->news, &ev)) {
		if (u->busy_shown) {
			u->status[0] = '\0';
			u->busy_shown = 0;
		}
		ui_job_done(u, &ev);
		news_event_free(&ev);
	}
	busy_status(u);
	if (!news_busy(u->news, NULL, NULL, NULL, 0) && u->busy_shown) {
		u->status[0] = '\0';
		u->busy_shown = 0;
	}
}

static void
cancel(struct ui *u)
{
	news_cancel(u->news);
	for (struct news_event ev; news_next_event(u->news, &ev); )
		news_event_free(&ev);
	xfree_set(&u->pending, NULL);
	u->busy_shown = 0;
	ui_status(u, 0, _("Cancelled"));
}

static void
handle(struct ui *u, int key)
{
	enum action a;
	const struct view_ops *v = u->stack[u->depth - 1];

	if (key == KEY_RESIZE)
		return;
	if (key == 27 && news_busy(u->news, NULL, NULL, NULL, 0)) {
		cancel(u);
		return;
	}
	a = keys_lookup(key);
	if (a == ACT_NONE) {
		ui_status(u, 0, _("Unknown key; press ? for help"));
		return;
	}
	if (v->key(u, a))
		return;
	switch (a) {
	case ACT_QUIT:
		ui_pop(u);
		break;
	case ACT_HELP:
		if (v != &view_help)
			ui_push(u, &view_help);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

int
ui_run(struct news *n, struct err *e)
{
	struct ui u;

	memset(&u, 0, sizeof u);
	u.news = n;
	if (initscr() == NULL)
		return err_set(e, _("cannot start the terminal interface"));
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors_init();
	getmaxyx(stdscr, u.rows, u.cols);
	ui_push(&u, &view_list);
	signal(SIGINT, on_sigint);
	while (!u.quit) {
		int key, busy;

		pump(&u);
		if (interrupted) {
			interrupted = 0;
			if (news_busy(n, NULL, NULL, NULL, 0))
				cancel(&u);
			else
				break;
		}
		draw(&u);
		busy = news_busy(n, NULL, NULL, NULL, 0);
		key = read_key(busy ? 50 : 1000);
		if (key < 0)
			continue;
		if (!u.busy_shown) {
			u.status[0] = '\0';
			u.status_error = 0;
		}
		handle(&u, key);
	}
	signal(SIGINT, SIG_DFL);
	while (u.depth > 0)
		ui_pop(&u);
	endwin();
	return 0;
}
