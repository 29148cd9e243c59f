/* render.h: article HTML -> blocks -> laid-out lines. */
#ifndef GX_RENDER_H
#define GX_RENDER_H

#include <stddef.h>
#include "util.h"
#include "item.h"

enum rblock_kind {
	RB_PARA,        /* a paragraph */
	RB_HEADING,
	RB_QUOTE,
	RB_PRE,         /* preformatted, lines kept */
	RB_LIST_ITEM,   /* text begins with its bullet or number */
	RB_IMAGE,       /* text: "[图: alt]" */
	RB_TABLE_ROW,   /* cells joined by " | " */
	RB_RULE,
};

struct rblock {
	int   kind;
	int   level;    /* heading level, list depth */
	char *text;     /* plain UTF-8, links marked as "text[N]" */
	/* RB_IMAGE: the picture's absolute URL (or NULL), and what whoever has
	 * the picture sets before laying out: its size in pixels (0: not
	 * drawn) or a note on why not ("not shown: …"), shown after the
	 * caption */
	char    *src;
	unsigned img_w, img_h;
	char    *img_note;
};

/* An article body parsed once; laid out again at every width. */
struct rblocks {
	struct rblock *v;
	size_t n, cap;
	char **links;   /* absolute URLs, links[0] is [1] */
	size_t nlinks;
	/* Pictures: at most img_rows lines high (0: captions only), in cells
	 * of cell_w × cell_h pixels (0: 8 × 16). */
	int img_rows, cell_w, cell_h;
};

enum rline_kind {
	RL_BLANK,
	RL_TITLE,
	RL_META,        /* time, 来源, 作者, 评论 */
	RL_TEXT,
	RL_HEADING,
	RL_QUOTE,
	RL_PRE,
	RL_IMAGE,
	RL_EDITOR,      /* (责任编辑：…) */
	RL_LINKS,       /* the numbered list of links */
	RL_PICTURE,     /* a row of a picture: room kept, text "" */
};

/* A laid-out line.  What the pager relies on, so that a reading position
 * and a search survive a new width: text[0, lead) is what the layout put
 * there (a paragraph's indent, a quote's bars, a list item's hanging
 * indent, a link's "[N] "), the rest is the article's own text; lines with
 * the same para are one paragraph (or field, or link) broken by the
 * layout, to be read as one, a break having dropped at most spaces. */
struct rline {
	int    kind;
	char  *text;    /* sanitized, at most width columns */
	size_t lead;    /* bytes of text the layout added in front */
	size_t para;    /* which paragraph of the document */
	/* RL_PICTURE and RL_IMAGE (its caption): the picture's block; -1 on
	 * other lines.  RL_PICTURE: the row of the picture it holds, and the
	 * picture's box: rows × cols cells from column col. */
	int    block, row, rows, cols, col;
};

struct rdoc {
	struct rline *v;
	size_t n, cap;
	int    width;
};

/* Parses a body fragment (as site_article or feed gives it). */
int  render_blocks(const char *html, size_t len, const char *base_url,
                   struct rblocks *out, struct err *e);
void rblocks_free(struct rblocks *b);

/* Lays out the header (title wrapped, time, 来源, 作者, 评论), the body,
 * 责任编辑 and the link list at width columns.  A picture whose size is
 * known (and b->img_rows > 0) gets the lines it is drawn in, centred,
 * above its caption.  --dump prints exactly this; the pager shows it. */
int  render_layout(const struct article *a, const struct rblocks *b,
                   int width, struct rdoc *out);
void rdoc_free(struct rdoc *d);

/* The article as text to copy, pipe or save: title, the meta line, its
 * address, the blocks a paragraph each, 责任编辑 and the numbered links;
 * with markdown, as Markdown (# title, ## headings, > quotes, - items,
 * ![caption](picture), [N]: link).  Sanitized; malloc'd. */
char *render_text(const struct article *a, const struct rblocks *b, int markdown);

#endif
