/* item.c: list items, articles and channels: allocation and copying. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "item.h"
#include "util.h"

struct item *
item_list_add(struct item_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	return &l->v[l->n++];
}

void
item_free(struct item *it)
{
	free(it->url);
	free(it->title);
	free(it->date);
	free(it->summary);
	free(it->thumb);
	free(it->origin);
	free(it->author);
	free(it->source);
	memset(it, 0, sizeof *it);
}

void
item_list_free(struct item_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		item_free(&l->v[i]);
	free(l->v);
	free(l->next_url);
	free(l->picture);
	memset(l, 0, sizeof *l);
}

int
item_list_has(const struct item_list *l, const char *url)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].url, url) == 0)
			return 1;
	return 0;
}

void
item_copy(struct item *dst, const struct item *src)
{
	*dst = *src;
	dst->url = xstrdup(src->url);
	dst->title = xstrdup(src->title);
	dst->date = xstrdup(src->date);
	dst->summary = xstrdup(src->summary);
	dst->thumb = xstrdup(src->thumb);
	dst->origin = xstrdup(src->origin);
	dst->author = xstrdup(src->author);
	dst->source = xstrdup(src->source);
}

void
article_free(struct article *a)
{
	free(a->url);
	free(a->title);
	free(a->time_text);
	free(a->source);
	free(a->author);
	free(a->editor);
	free(a->body_html);
	free(a->next_page);
	free(a->origin);
	memset(a, 0, sizeof *a);
	a->comments = -1;
}

void
article_copy(struct article *dst, const struct article *src)
{
	*dst = *src;
	dst->url = xstrdup(src->url);
	dst->title = xstrdup(src->title);
	dst->time_text = xstrdup(src->time_text);
	dst->source = xstrdup(src->source);
	dst->author = xstrdup(src->author);
	dst->editor = xstrdup(src->editor);
	dst->body_html = xstrdup(src->body_html);
	dst->next_page = xstrdup(src->next_page);
	dst->origin = xstrdup(src->origin);
}

void
channel_list_add(struct channel_list *l, const char *label, const char *url)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n].label = xstrdup(label);
	l->v[l->n].url = xstrdup(url);
	l->n++;
}

void
channel_list_free(struct channel_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].label);
		free(l->v[i].url);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

void
item_day(const struct item *it, char out[11])
{
	out[0] = '\0';
	if (it->time != 0 && it->date != NULL)
		time_ymd(it->time, out);
	else if (it->time != 0)
		time_ymd_local(it->time, out);
}
