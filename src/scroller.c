/* scroller.c: scrolling for every view (see scroller.h). */
#include "config.h"

#include "scroller.h"

size_t
scroller_max_top(const struct scroller *s)
{
	size_t rows = s->rows ? s->rows : 1;

	return s->n > rows ? s->n - rows : 0;
}

static void
follow(struct scroller *s)
{
	size_t rows = s->rows ? s->rows : 1;

	if (!s->cursor) {
		if (s->top > scroller_max_top(s))
			s->top = scroller_max_top(s);
		return;
	}
	if (s->n == 0) {
		s->cur = s->top = 0;
		return;
	}
	if (s->cur >= s->n)
		s->cur = s->n - 1;
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + rows)
		s->top = s->cur - rows + 1;
	if (s->top > 0 && s->top + rows > s->n)
		s->top = scroller_max_top(s);
}

void
scroller_set(struct scroller *s, size_t n, size_t rows)
{
	s->n = n;
	s->rows = rows;
	follow(s);
}

void
scroller_move(struct scroller *s, long delta)
{
	size_t *at = s->cursor ? &s->cur : &s->top;
	size_t max = s->cursor ? (s->n ? s->n - 1 : 0) : scroller_max_top(s);
	long v = (long)*at + delta;

	if (v < 0)
		v = 0;
	*at = (size_t)v > max ? max : (size_t)v;
	follow(s);
}

void
scroller_put(struct scroller *s, size_t i, size_t row)
{
	s->cur = i;
	s->top = i >= row ? i - row : 0;
	follow(s);
}

void
scroller_wheel(struct scroller *s, int dir)
{
	scroller_move(s, dir < 0 ? -3 : 3);
}

long
scroller_page(const struct scroller *s)
{
	return s->rows > 1 ? (long)s->rows - 1 : 1;
}

int
scroller_key(struct scroller *s, enum action a)
{
	long page = scroller_page(s), all = (long)s->n + 1;

	switch (a) {
	case ACT_DOWN:      scroller_move(s, 1); return 1;
	case ACT_UP:        scroller_move(s, -1); return 1;
	case ACT_PAGE_DOWN: scroller_move(s, page); return 1;
	case ACT_PAGE_UP:   scroller_move(s, -page); return 1;
	case ACT_TOP:       scroller_move(s, -all); return 1;
	case ACT_BOTTOM:    scroller_move(s, all); return 1;
	default:            return 0;
	}
}

size_t
scroller_last(const struct scroller *s)
{
	size_t rows = s->rows ? s->rows : 1;

	return s->top + rows < s->n ? s->top + rows : s->n;
}
