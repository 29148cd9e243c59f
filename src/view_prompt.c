/* view_prompt.c: a line typed on the status line (see view_prompt.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "screen.h"
#include "text.h"
#include "utf8.h"
#include "view_prompt.h"

struct prompt {
	struct host *h;
	char *label;
	void *asker;
	int id;
	char input[256];
	size_t len;
};

static void *
prompt_open(struct host *h, const void *arg)
{
	const struct prompt_arg *a = arg;
	struct prompt *p = xcalloc(1, sizeof *p);

	p->h = h;
	p->label = xstrdup(a->label);
	p->asker = a->asker;
	p->id = a->id;
	return p;
}

static void
prompt_close(void *st)
{
	struct prompt *p = st;

	free(p->label);
	free(p);
}

/* The tail of the input that fits in cols columns. */
static const char *
input_tail(const struct prompt *p, int cols)
{
	size_t off = 0;

	while (off < p->len && text_width(p->input + off, p->len - off) > cols)
		off = text_cluster_next(p->input, p->len, off);
	return p->input + off;
}

static void
prompt_draw(void *st, const struct rect *r)
{
	struct prompt *p = st;
	int lw = text_width(p->label, strlen(p->label));
	const char *tail;

	if (lw > r->w / 2)
		lw = r->w / 2;
	screen_put(r->y, r->x, p->label, lw, 0, THEME_NORMAL, THEME_BOLD);
	tail = input_tail(p, r->w - lw - 1);
	screen_put(r->y, r->x + lw, tail, r->w - lw, TEXT_NO_ELLIPSIS, THEME_NORMAL, 0);
	screen_cursor(r->y, r->x + lw + text_width(tail, strlen(tail)));
}

static void
add_char(struct prompt *p, int key)
{
	char u[4];
	size_t n = utf8_encode((uint32_t)key, u);

	if (p->len + n >= sizeof p->input)
		return;
	memcpy(p->input + p->len, u, n);
	p->len += n;
	p->input[p->len] = '\0';
}

/* Closes the prompt and hands text (NULL: cancelled) to the view that
 * asked. */
static void
finish(struct prompt *p, const char *text)
{
	host_pop(p->h, p);
	host_answer(p->h, p->asker, p->id, text);
	if (text == NULL)
		host_status(p->h, 0, "%s", _("Cancelled"));
}

/* Every key is the line's: editing, Enter, Esc. */
static int
prompt_key(void *st, enum action a, int key)
{
	struct prompt *p = st;

	(void)a;
	if (key == KEYS_ESC) {
		finish(p, NULL);
	} else if (key == '\n' || key == '\r' || key == KEYS_ENTER) {
		finish(p, p->input);
	} else if (key == KEYS_BACKSPACE || key == 127 || key == 8) {
		p->len = text_cluster_prev(p->input, p->len, p->len);
		p->input[p->len] = '\0';
	} else if (key == KEYS_CTRL('u')) {
		p->len = 0;
		p->input[0] = '\0';
	} else if (key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0) &&
	           key < KEYS_UP) {
		add_char(p, key);
	}
	return 1;
}

const struct view_ops view_prompt_ops = {
	.name = "prompt",
	.flags = VIEW_LINE,
	.open = prompt_open,
	.close = prompt_close,
	.draw = prompt_draw,
	.key = prompt_key,
};
