/* ui.c: curses set-up, the main loop, the tab bar, the status line and its
 * prompt, colours, the mouse and the browser. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <sys/wait.h>

#include "text.h"
#include "ui.h"

extern char **environ;

static int use_color;
static int elem_attr[C_COUNT];
static volatile sig_atomic_t interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* ---- colours ------------------------------------------------------------ */

static const struct {
	int keys;
	attr_t curses;
} attr_map[] = {
	{ THEME_BOLD, A_BOLD }, { THEME_UNDERLINE, A_UNDERLINE },
	{ THEME_REVERSE, A_REVERSE }, { THEME_DIM, A_DIM },
};

static int
curses_attrs(int keys_attrs)
{
	int a = 0;

	for (size_t i = 0; i < ARRAY_LEN(attr_map); i++)
		if (keys_attrs & attr_map[i].keys)
			a |= (int)attr_map[i].curses;
	return a;
}

int
ui_color(int color)
{
	return color >= 0 && color < C_COUNT ? elem_attr[color] : 0;
}

/* The theme: the terminal's default colours with accents (keys.h), the
 * config's `color` lines over it; attributes alone without colour. */
static void
colors_init(const struct conf *cf)
{
	const char *no = getenv("NO_COLOR");
	int defaults;

	use_color = has_colors() && (no == NULL || *no == '\0');
	if (use_color && start_color() == ERR)
		use_color = 0;
	defaults = use_color && use_default_colors() == OK;
	for (int i = 0; i < C_COUNT; i++) {
		struct theme_color c;
		int mono;

		theme_look(i, use_color ? COLORS : 0, cf->colors, cf->ncolors, &c, &mono);
		elem_attr[i] = curses_attrs(c.attr);
		if (!use_color) {
			elem_attr[i] |= curses_attrs(mono);
			continue;
		}
		if (!defaults) {
			c.fg = c.fg < 0 ? COLOR_WHITE : c.fg;
			c.bg = c.bg < 0 ? COLOR_BLACK : c.bg;
		}
		if (i + 1 < COLOR_PAIRS && init_pair((short)(i + 1), c.fg, c.bg) == OK)
			elem_attr[i] |= (int)COLOR_PAIR(i + 1);
	}
}

/* ---- drawing helpers ----------------------------------------------------- */

void
ui_put(int y, int x, const char *s, int cols, int flags, int color, int attr)
{
	char *cell;

	if (cols <= 0)
		return;
	cell = text_cell(s, cols, flags);
	attrset(ui_color(color) | attr);
	mvaddstr(y, x, cell);
	attrset(A_NORMAL);
	free(cell);
}

/* Draws s[0, len) at the cursor in at most *cols columns. */
static void
put_piece(const char *s, size_t len, int *cols, int attr)
{
	int used = 0;
	char *safe = text_sanitize(s, len, 0);
	size_t n = text_fit(safe, strlen(safe), *cols, &used);

	if (n > 0) {
		attrset(attr);
		addnstr(safe, (int)n);
		*cols -= used;
	}
	free(safe);
}

void
ui_put_spans(int y, int x, const char *s, int cols, int color, int attr,
             const struct ui_span *spans, size_t n)
{
	char *clean = text_sanitize(s, strlen(s), 0);
	size_t len = strlen(clean), at = 0;
	int base = ui_color(color) | attr, hl = ui_color(C_SEARCH) | attr;

	if (cols <= 0)
		goto out;
	if (strcmp(clean, s) != 0)
		n = 0;          /* spans index s: only safe on sanitized text */
	move(y, x);
	for (size_t i = 0; i < n && cols > 0; i++) {
		size_t a = spans[i].start, b = spans[i].end;

		if (a < at || b > len || a >= b)
			continue;
		put_piece(clean + at, a - at, &cols, base);
		put_piece(clean + a, b - a, &cols, hl);
		at = b;
	}
	put_piece(clean + at, len - at, &cols, base);
	attrset(base);
	for (; cols > 0; cols--)
		addch(' ');
	attrset(A_NORMAL);
out:
	free(clean);
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
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

const char *
ui_find_ci(const char *hay, size_t len, const char *needle)
{
	size_t nl = strlen(needle);

	if (nl == 0 || nl > len)
		return NULL;
	for (size_t i = 0; i + nl <= len; i++) {
		size_t k = 0;

		while (k < nl && lower(hay[i + k]) == lower(needle[k]))
			k++;
		if (k == nl)
			return hay + i;
	}
	return NULL;
}

/* ---- views --------------------------------------------------------------- */

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

static const struct view_ops *
current(const struct ui *u)
{
	return u->stack[u->depth - 1];
}

/* ---- the tab bar --------------------------------------------------------- */

static char *
tab_label(struct ui *u, size_t i, int *count_at)
{
	const struct store_tab *t = news_tab(u->news, i);
	size_t unread = news_unread(u->news, i);
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
tab_width(struct ui *u, size_t i)
{
	int at;
	char *l = tab_label(u, i, &at);
	char *clean = text_sanitize(l, strlen(l), 0);
	int w = text_width(clean, strlen(clean));

	free(clean);
	free(l);
	return w;
}

/* The first tab to show so that the current one is on the bar, with room
 * for the markers that say tabs are hidden left (<) or right (>). */
static size_t
tabs_first(struct ui *u, size_t n, const int *w)
{
	size_t first = 0;

	for (;;) {
		int used = first > 0 ? 1 : 0;

		for (size_t i = first; i <= u->tab; i++)
			used += w[i];
		if (u->tab + 1 < n)
			used += 1;
		if (used <= u->cols || first == u->tab)
			return first;
		first++;
	}
}

static void
draw_tab(struct ui *u, size_t i, int x, int w)
{
	int at, cur = i == u->tab;
	char *l = tab_label(u, i, &at);

	ui_put(0, x, l, w, 0, cur ? C_TAB_CUR : C_TAB, 0);
	if (at > 0 && !cur && w > at + 1) {
		/* the unread count in its own colour */
		char *clean = text_sanitize(l, (size_t)at, 0);
		int cx = x + text_width(clean, strlen(clean));
		const char *num = l + at;

		ui_put(0, cx, num, w - (cx - x), 0, C_COUNTS, 0);
		free(clean);
	}
	free(l);
}

static void
draw_tabs(struct ui *u)
{
	size_t n = news_ntabs(u->news), first;
	int x = 0, *w;

	ui_put(0, 0, "", u->cols, 0, C_TAB, 0);
	if (u->ntab_x != n) {
		u->tab_x = xrealloc(u->tab_x, (n + 1) * sizeof *u->tab_x);
		u->tab_end = xrealloc(u->tab_end, (n + 1) * sizeof *u->tab_end);
		u->ntab_x = n;
	}
	if (n == 0)
		return;
	if (u->tab >= n)
		u->tab = n - 1;
	w = xcalloc(n, sizeof *w);
	for (size_t i = 0; i < n; i++) {
		u->tab_x[i] = u->tab_end[i] = -1;
		w[i] = tab_width(u, i);
	}
	first = tabs_first(u, n, w);
	if (first > 0)
		ui_put(0, x++, "<", 1, 0, C_TAB, A_BOLD);
	for (size_t i = first; i < n; i++) {
		int room = u->cols - x - (i + 1 < n ? 1 : 0), cw = w[i];

		if (cw > room && i != u->tab) {
			ui_put(0, u->cols - 1, ">", 1, 0, C_TAB, A_BOLD);
			break;
		}
		if (cw > room)
			cw = room;
		draw_tab(u, i, x, cw);
		u->tab_x[i] = x;
		u->tab_end[i] = x + cw;
		x += cw;
	}
	free(w);
}

/* ---- the status line ----------------------------------------------------- */

/* The tail of the input that fits in cols columns. */
static const char *
input_tail(const struct ui *u, int cols)
{
	size_t off = 0;

	while (off < u->input_len && text_width(u->input + off, u->input_len - off) > cols)
		off = text_cluster_next(u->input, u->input_len, off);
	return u->input + off;
}

static const char *const prompt_label[] = {
	[PROMPT_NONE] = "", [PROMPT_SEARCH] = N_("Search the cache: "),
	[PROMPT_FIND] = N_("Find in the article: "),
};

static void
draw_prompt(struct ui *u)
{
	const char *label = _(prompt_label[u->prompt]);
	int lw = text_width(label, strlen(label)), y = u->rows - 1;
	const char *tail;
	int tw;

	if (lw > u->cols / 2)
		lw = u->cols / 2;
	ui_put(y, 0, label, lw, 0, C_NORMAL, A_BOLD);
	tail = input_tail(u, u->cols - lw - 1);
	tw = text_width(tail, strlen(tail));
	ui_put(y, lw, tail, u->cols - lw, TEXT_NO_ELLIPSIS, C_NORMAL, 0);
	move(y, lw + tw);
}

/* Progress of the transfers in words, or "" when none run. */
static void
progress(struct ui *u, char *out, size_t outsz)
{
	int done, total;
	char host[128];

	out[0] = '\0';
	if (!news_busy(u->news, &done, &total, host, sizeof host))
		return;
	if (total > 1)
		snprintf(out, outsz, _("Loading %d/%d %s… (Esc cancels)"),
		         done + 1 > total ? total : done + 1, total, host);
	else
		snprintf(out, outsz, _("Loading %s… (Esc cancels)"), host);
}

static void
draw_status(struct ui *u)
{
	char left[768], right[128], busy[256];
	int y = u->rows - 1, rw, lw;

	left[0] = right[0] = '\0';
	if (current(u)->status != NULL)
		current(u)->status(u, left, sizeof left, right, sizeof right);
	if (u->cols >= 60 && current(u) == &view_list) {
		size_t n = strlen(right);

		/* the way to everything else, where there is room */
		snprintf(right + n, sizeof right - n, "%s%s", n ? "  " : "", _("? help"));
	}
	progress(u, busy, sizeof busy);
	rw = text_width(right, strlen(right));
	if (rw > u->cols / 2)
		rw = 0;
	lw = u->cols - rw - (rw > 0 ? 1 : 0);
	if (u->status[0] != '\0') {
		ui_put(y, 0, u->status, lw, 0, u->status_error ? C_ERROR : C_STATUS, 0);
	} else if (busy[0] != '\0') {
		char *both = xasprintf("%s  %s", busy, left);

		ui_put(y, 0, both, lw, 0, C_STATUS, 0);
		free(both);
	} else {
		ui_put(y, 0, left, lw, 0, C_STATUS, 0);
	}
	if (rw > 0)
		ui_put(y, lw, right, u->cols - lw, TEXT_ALIGN_RIGHT, C_STATUS, 0);
}

void
ui_flash_status(struct ui *u)
{
	if (u->rows < UI_MIN_ROWS || u->cols < UI_MIN_COLS)
		return;
	draw_status(u);
	refresh();
}

/* ---- the prompt ---------------------------------------------------------- */

void
ui_prompt(struct ui *u, enum ui_prompt kind)
{
	u->prompt = kind;
	u->input[0] = '\0';
	u->input_len = 0;
	u->status[0] = '\0';
	curs_set(1);
}

static void
prompt_end(struct ui *u)
{
	u->prompt = PROMPT_NONE;
	curs_set(0);
}

static void
prompt_add(struct ui *u, wint_t ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof st);
	n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n == (size_t)-1 || u->input_len + n >= sizeof u->input)
		return;
	memcpy(u->input + u->input_len, mb, n);
	u->input_len += n;
	u->input[u->input_len] = '\0';
}

/* A key while the prompt is open: line editing, Enter, Esc. */
static void
prompt_key(struct ui *u, int key, int fn)
{
	enum ui_prompt kind = u->prompt;

	if (key == 27 && !fn) {
		prompt_end(u);
		ui_status(u, 0, "%s", _("Cancelled"));
	} else if ((key == '\n' || key == '\r') || (fn && key == KEY_ENTER)) {
		char *q = xstrdup(u->input);

		prompt_end(u);
		if (kind == PROMPT_SEARCH)
			ui_search(u, q);
		else
			ui_find(u, q);
		free(q);
	} else if ((fn && key == KEY_BACKSPACE) || (!fn && (key == 127 || key == 8))) {
		u->input_len = text_cluster_prev(u->input, u->input_len, u->input_len);
		u->input[u->input_len] = '\0';
	} else if (!fn && key == ('u' & 0x1f)) {
		u->input_len = 0;
		u->input[0] = '\0';
	} else if (!fn && key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0)) {
		prompt_add(u, (wint_t)key);
	}
}

/* ---- the browser --------------------------------------------------------- */

/* Whether a browser started now would get a window of its own. */
static int
graphical(void)
{
	const char *d = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");

	return (d != NULL && *d != '\0') || (w != NULL && *w != '\0');
}

/* argv for $BROWSER: its first choice (BROWSER may list several, split by
 * ':'), split at spaces; "%s" in a word becomes the URL, else the URL is
 * the last argument.  Each word is one argument: no shell ever runs. */
static char **
browser_argv(const char *url)
{
	const char *env = getenv("BROWSER");
	char *cmd, *save = NULL, **argv;
	size_t n = 0, cap = 8;
	int placed = 0;

	cmd = xstrdup(env != NULL && *env != '\0' ? env :
	              graphical() ? "xdg-open" : "www-browser");
	cmd[strcspn(cmd, ":")] = '\0';
	argv = xcalloc(cap, sizeof *argv);
	for (char *w = strtok_r(cmd, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		char *pct = strstr(w, "%s");

		if (n + 3 > cap) {
			cap *= 2;
			argv = xrealloc(argv, cap * sizeof *argv);
		}
		if (pct != NULL) {
			argv[n++] = xasprintf("%.*s%s%s", (int)(pct - w), w, url, pct + 2);
			placed = 1;
		} else {
			argv[n++] = xstrdup(w);
		}
	}
	if (n > 0 && !placed)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	free(cmd);
	if (n == 0) {
		free(argv);
		return NULL;
	}
	return argv;
}

static void
argv_free(char **argv)
{
	for (size_t i = 0; argv != NULL && argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

static void
wait_terminal(struct ui *u, pid_t pid, const char *name)
{
	int st = 0;
	pid_t r;

	do
		r = waitpid(pid, &st, 0);
	while (r < 0 && errno == EINTR);
	interrupted = 0;        /* a Ctrl-C meant for the browser */
	if (r == pid && WIFEXITED(st) && WEXITSTATUS(st) != 0)
		ui_status(u, 1, _("%s exited with status %d"), name, WEXITSTATUS(st));
}

/* A window of its own: the browser may keep running; wait a moment for a
 * launcher that hands over and exits, then let it be (reaped later). */
static void
wait_graphical(struct ui *u, pid_t pid)
{
	struct timespec step = { 0, 20 * 1000 * 1000 };
	int st;

	for (int i = 0; i < 50; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return;
		nanosleep(&step, NULL);
	}
	u->children = xrealloc(u->children, (u->nchildren + 1) * sizeof *u->children);
	u->children[u->nchildren++] = pid;
}

static void
reap_children(struct ui *u)
{
	for (size_t i = 0; i < u->nchildren; ) {
		int st;

		if (waitpid(u->children[i], &st, WNOHANG) != 0)
			u->children[i] = u->children[--u->nchildren];
		else
			i++;
	}
}

static int
spawn(pid_t *pid, char **argv, int gui)
{
	posix_spawn_file_actions_t fa;
	int rc;

	posix_spawn_file_actions_init(&fa);
	if (gui) {
		/* its messages must not scribble over the screen */
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	}
	rc = posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

void
ui_open_url(struct ui *u, const char *url)
{
	char **argv;
	pid_t pid;
	int gui = graphical(), rc;

	if (url == NULL || url[0] == '-' ||
	    !(str_starts(url, "http://") || str_starts(url, "https://"))) {
		ui_status(u, 1, _("Not opening %s: only http and https links open "
		                  "in the browser"), url ? url : "");
		return;
	}
	argv = browser_argv(url);
	if (argv == NULL) {
		ui_status(u, 1, "%s", _("Set $BROWSER to open links"));
		return;
	}
	if (!gui) {
		def_prog_mode();
		endwin();
	}
	rc = spawn(&pid, argv, gui);
	if (rc == 0)
		ui_status(u, 0, _("Opened %s"), url);
	if (rc == 0 && gui)
		wait_graphical(u, pid);
	else if (rc == 0)
		wait_terminal(u, pid, argv[0]);
	if (!gui) {
		reset_prog_mode();
		clearok(curscr, TRUE);
		refresh();
	}
	if (rc != 0)
		ui_status(u, 1, _("Cannot start the browser %s: %s (set $BROWSER)"),
		          argv[0], strerror(rc));
	argv_free(argv);
}

/* ---- the loop ------------------------------------------------------------ */

/* Below the minimum: only a message, wrapped to the lines there are. */
static void
draw_small(struct ui *u)
{
	char *msg = xasprintf(_("Terminal too small (%dx%d): at least %dx%d"),
	                      u->cols, u->rows, UI_MIN_COLS, UI_MIN_ROWS);
	struct text_lines l = { 0 };

	if (text_wrap(msg, strlen(msg), u->cols, 0, &l) == 0)
		for (size_t i = 0; i < l.n && i < (size_t)u->rows; i++)
			ui_put((int)i, 0, l.v[i], u->cols, 0, C_NORMAL, A_BOLD);
	text_lines_free(&l);
	free(msg);
}

static void
draw(struct ui *u)
{
	getmaxyx(stdscr, u->rows, u->cols);
	erase();
	if (u->rows < UI_MIN_ROWS || u->cols < UI_MIN_COLS) {
		draw_small(u);
		refresh();
		return;
	}
	draw_tabs(u);
	if (u->depth > 0)
		current(u)->draw(u, 1, u->rows - 2);
	draw_status(u);
	if (u->prompt != PROMPT_NONE)
		draw_prompt(u);
	refresh();
}

/* A key, or -1 after timeout_ms (-1: wait for a key); *fn: a function
 * key (KEY_*), else a character. */
static int
read_key(int timeout_ms, int *fn)
{
	wint_t ch;
	int rc;

	timeout(timeout_ms);
	rc = get_wch(&ch);
	if (rc == ERR)
		return -1;
	*fn = rc == KEY_CODE_YES;
	return (int)ch;
}

/* Drives the network and takes in what finished. */
static void
pump(struct ui *u)
{
	struct news_event ev;

	news_poll(u->news, 0);
	while (news_next_event(u->news, &ev)) {
		ui_job_done(u, &ev);
		news_event_free(&ev);
	}
	reap_children(u);
}

static void
cancel(struct ui *u)
{
	news_cancel(u->news);
	pump(u);
	xfree_set(&u->pending, NULL);
	ui_status(u, 0, "%s", _("Cancelled"));
}

static void
mouse(struct ui *u)
{
	MEVENT me;
	enum ui_mouse m;

	if (getmouse(&me) != OK)
		return;
	if (me.bstate & BUTTON4_PRESSED)
		m = UI_WHEEL_UP;
	else if (me.bstate & BUTTON5_PRESSED)
		m = UI_WHEEL_DOWN;
	else if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		m = UI_CLICK;
	else
		return;
	if (u->rows < UI_MIN_ROWS || u->cols < UI_MIN_COLS)
		return;
	if (me.y == 0 && m == UI_CLICK) {
		for (size_t i = 0; i < u->ntab_x; i++)
			if (u->tab_x[i] >= 0 && me.x >= u->tab_x[i] && me.x < u->tab_end[i]) {
				while (current(u) != &view_list)
					ui_pop(u);
				ui_switch_tab(u, i);
				return;
			}
		return;
	}
	if (me.y > 0 && me.y < u->rows - 1 && current(u)->mouse != NULL)
		current(u)->mouse(u, me.y, me.x, m);
}

/* The terminal's function keys as keys.h names them. */
static const struct {
	int curses, key;
} fkeys[] = {
	{ KEY_UP, KEYS_UP }, { KEY_DOWN, KEYS_DOWN }, { KEY_LEFT, KEYS_LEFT },
	{ KEY_RIGHT, KEYS_RIGHT }, { KEY_PPAGE, KEYS_PAGE_UP },
	{ KEY_NPAGE, KEYS_PAGE_DOWN }, { KEY_HOME, KEYS_HOME }, { KEY_END, KEYS_END },
	{ KEY_ENTER, KEYS_ENTER }, { KEY_BTAB, KEYS_BACKTAB },
	{ KEY_BACKSPACE, KEYS_BACKSPACE }, { KEY_DC, KEYS_DELETE }, { KEY_IC, KEYS_INSERT },
};

/* What a key means: a function key as KEY_*, a character as itself. */
static enum action
action_of(struct ui *u, int key, int fn)
{
	if (!fn)
		return keys_lookup(&u->keys, key);
	for (size_t i = 0; i < ARRAY_LEN(fkeys); i++)
		if (fkeys[i].curses == key)
			return keys_lookup(&u->keys, fkeys[i].key);
	if (key >= KEY_F(1) && key <= KEY_F(12))
		return keys_lookup(&u->keys, KEYS_F1 + key - KEY_F(1));
	return ACT_NONE;
}

static void
handle(struct ui *u, int key, int fn)
{
	enum action a;

	if (fn && key == KEY_RESIZE)
		return;         /* the next draw lays out again */
	if (fn && key == KEY_MOUSE) {
		mouse(u);
		return;
	}
	if (u->prompt != PROMPT_NONE) {
		prompt_key(u, key, fn);
		return;
	}
	u->status[0] = '\0';
	u->status_error = 0;
	if (!fn && key == 27 && news_busy(u->news, NULL, NULL, NULL, 0)) {
		cancel(u);
		return;
	}
	a = action_of(u, key, fn);
	if (a == ACT_NONE) {
		ui_status(u, 0, "%s", _("Unknown key; press ? for help"));
		return;
	}
	u->last_key = key;
	if (current(u)->key(u, a))
		return;
	switch (a) {
	case ACT_QUIT:
		ui_pop(u);
		break;
	case ACT_BACK:
		if (u->depth > 1)
			ui_pop(u);
		break;
	case ACT_HELP:
		if (current(u) != &view_help)
			ui_push(u, &view_help);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void
setup(struct ui *u)
{
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors_init(u->conf);
	if (u->conf->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	getmaxyx(stdscr, u->rows, u->cols);
}

static void
run(struct ui *u)
{
	while (!u->quit) {
		int key, fn = 0, busy;

		pump(u);
		if (interrupted) {
			interrupted = 0;
			if (!news_busy(u->news, NULL, NULL, NULL, 0))
				break;
			cancel(u);
		}
		draw(u);
		busy = news_busy(u->news, NULL, NULL, NULL, 0);
		key = read_key(busy ? 50 : 1000, &fn);
		if (key >= 0)
			handle(u, key, fn);
	}
}

int
ui_run(struct news *n, const struct conf *cf, struct err *e)
{
	struct ui u;

	memset(&u, 0, sizeof u);
	u.news = n;
	u.conf = cf;
	keys_default(&u.keys);
	for (size_t i = 0; i < cf->nbinds; i++)
		if (keys_bind(&u.keys, cf->binds[i].key, cf->binds[i].action, e) < 0)
			return -1;
	if (initscr() == NULL)
		return err_set(e, _("cannot start the terminal interface"));
	setup(&u);
	ui_push(&u, &view_list);
	signal(SIGINT, on_sigint);
	run(&u);
	signal(SIGINT, SIG_DFL);
	while (u.depth > 0)
		ui_pop(&u);
	endwin();
	free(u.tab_x);
	free(u.tab_end);
	free(u.children);
	return 0;
}
