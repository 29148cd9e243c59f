/* pieces.h: a stream that gives a few bytes at a time, for the tests of
 * readers that take their input in pieces (charset, feed): every piece
 * boundary falls somewhere else than a whole read would put it. */
#ifndef GX_TEST_PIECES_H
#define GX_TEST_PIECES_H

#include <string.h>
#include "util.h"

struct pieces {
	struct src s;
	struct src_mem m;
	unsigned step;
};

/* 1 to 7 bytes a read, by a fixed sequence. */
static inline long
pieces_read(struct src *s, char *buf, size_t n)
{
	struct pieces *t = (struct pieces *)s;
	size_t k = 1 + (t->step++ * 5) % 7;

	return t->m.s.read(&t->m.s, buf, n < k ? n : k);
}

static inline int
pieces_rewind(struct src *s)
{
	struct pieces *t = (struct pieces *)s;

	t->step = 0;
	return t->m.s.rewind(&t->m.s);
}

/* A stream of p[0, len), which must outlive it. */
static inline struct src *
pieces(struct pieces *t, const char *p, size_t len)
{
	memset(t, 0, sizeof *t);
	t->s.read = pieces_read;
	t->s.rewind = pieces_rewind;
	src_mem(&t->m, p, len);
	return &t->s;
}

#endif
