/* bombs.h: inputs built to hurt a parser, shared by the unit tests (which
 * check that each call finishes and keeps its output bounded) and by
 * tests/bench/bench_feed.c (which times them).  Each appends to a buffer
 * the caller has set up with buf_init(). */
#ifndef GX_BOMBS_H
#define GX_BOMBS_H

#include "util.h"

/* An RSS feed whose second item's description is DEPTH <div>s deep; the
 * items titled "before" and "after" sit on either side of it. */
static inline void
bomb_deep_feed(struct buf *b, int depth)
{
	buf_adds(b, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>深</title>"
	         "<item><title>before</title><link>http://deep.example/1</link></item>"
	         "<item><title>deep</title><link>http://deep.example/2</link><description>");
	for (int i = 0; i < depth; i++)
		buf_adds(b, "<div>");
	buf_adds(b, "x");
	for (int i = 0; i < depth; i++)
		buf_adds(b, "</div>");
	buf_adds(b, "</description></item><item><title>after</title>"
	         "<link>http://deep.example/3</link></item></channel></rss>");
}

/* An RSS feed whose first item's title is CHARS Chinese characters (3 bytes
 * each); the second item is titled "next". */
static inline void
bomb_big_title_feed(struct buf *b, size_t chars)
{
	buf_adds(b, "<rss version=\"2.0\"><channel><title>大</title><item><title>");
	b->data = xrealloc(b->data, b->len + 3 * chars + 256);
	b->cap = b->len + 3 * chars + 256;
	for (size_t i = 0; i < chars; i++)
		buf_add(b, "长", 3);
	buf_adds(b, "</title><link>http://big.example/1</link></item>"
	         "<item><title>next</title><link>http://big.example/2</link></item></channel></rss>");
}

/* The paragraph bomb_deep_page() buries, and a phrase from it to look for. */
#define BOMB_DEEP_PAGE_PHRASE "不会耗尽栈空间"

/* A page whose one paragraph of text is DEPTH <div>s deep. */
static inline void
bomb_deep_page(struct buf *b, int depth)
{
	buf_adds(b, "<html><body><h1>深</h1>");
	for (int i = 0; i < depth; i++)
		buf_adds(b, "<div>");
	buf_adds(b, "<p>一段足够长的正文，用来确认嵌套再深也能找到文章，而且不会让程序崩溃，也不会耗尽栈空间。</p>");
	for (int i = 0; i < depth; i++)
		buf_adds(b, "</div>");
	buf_adds(b, "</body></html>");
}

#endif
