/* Unit tests: scroller (the one way a view scrolls). */
#include "config.h"

#include "scroller.h"
#include "tap.h"
#include "util.h"

/* From a scroller of n rows shown rows at a time (with or without a
 * cursor) at cur/top, an action: where cur and top end up. */
static const struct {
	const char *name;
	int cursor;
	size_t n, rows, cur, top;
	enum action a;
	size_t want_cur, want_top;
} moves[] = {
	{ "list: down moves the cursor",            1, 10, 4, 0, 0, ACT_DOWN, 1, 0 },
	{ "list: down past the screen scrolls",     1, 10, 4, 3, 0, ACT_DOWN, 4, 1 },
	{ "list: up at the top stays",              1, 10, 4, 0, 0, ACT_UP, 0, 0 },
	{ "list: a page is a screen less one",      1, 10, 4, 0, 0, ACT_PAGE_DOWN, 3, 0 },
	{ "list: bottom shows the last screen",     1, 10, 4, 0, 0, ACT_BOTTOM, 9, 6 },
	{ "list: top from the bottom",              1, 10, 4, 9, 6, ACT_TOP, 0, 0 },
	{ "list: down at the end stays",            1, 10, 4, 9, 6, ACT_DOWN, 9, 6 },
	{ "list: empty stays at 0",                 1, 0, 4, 0, 0, ACT_DOWN, 0, 0 },
	{ "text: down scrolls a line",              0, 10, 4, 0, 0, ACT_DOWN, 0, 1 },
	{ "text: never past the last screen",       0, 10, 4, 0, 6, ACT_DOWN, 0, 6 },
	{ "text: page down",                        0, 10, 4, 0, 0, ACT_PAGE_DOWN, 0, 3 },
	{ "text: bottom is the last screen",        0, 10, 4, 0, 0, ACT_BOTTOM, 0, 6 },
	{ "text: shorter than the screen stays",    0, 3, 4, 0, 0, ACT_BOTTOM, 0, 0 },
	{ "text: up at the top stays",              0, 10, 4, 0, 0, ACT_UP, 0, 0 },
};

int
main(void)
{
	for (size_t i = 0; i < ARRAY_LEN(moves); i++) {
		struct scroller s = { moves[i].n, moves[i].rows, moves[i].top, moves[i].cur,
		                      moves[i].cursor };

		ok(scroller_key(&s, moves[i].a), "%s: the key is taken", moves[i].name);
		ok(s.cur == moves[i].want_cur && s.top == moves[i].want_top,
		   "%s (cur %zu top %zu)", moves[i].name, s.cur, s.top);
	}
	{
		struct scroller s = { 10, 4, 0, 0, 1 };

		ok(!scroller_key(&s, ACT_OPEN), "other actions are not the scroller's");
		scroller_put(&s, 8, 1);
		ok(s.cur == 8 && s.top == 6, "put: row 1 asked, but no blank rows below the end "
		   "(cur %zu top %zu)", s.cur, s.top);
		scroller_set(&s, 5, 4);
		ok(s.cur == 4 && s.top == 1, "fewer rows: the cursor stays inside (cur %zu top %zu)",
		   s.cur, s.top);
		scroller_set(&s, 5, 10);
		ok(s.top == 0 && scroller_last(&s) == 5, "a taller screen shows it all");
	}
	return done_testing();
}
