/* check.c: gxnews --check-site.  Reads the site as the reader would (the
 * home page, one list page of each channel, one article of each of the
 * profile's templates, the rankings and the picks) and prints, per page
 * and field, which rule read it: the profile's own (profile), one of its
 * fallbacks (fallback), the generic rules for Chinese news pages
 * (generic), or none (missing), with one value read. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "site.h"
#include "text.h"

#define SAMPLE_COLS 56

/* The layer names are the output's keywords, the same in every language,
 * so that a profile writer (or a script) can look for them. */
static const char *const layer_names[] = {
	[SITE_MISSING] = "missing", [SITE_PROFILE] = "profile",
	[SITE_FALLBACK] = "fallback", [SITE_GENERIC] = "generic",
};

/* Fields every page of a kind has: missing on one is an error. */
static const unsigned required = 1u << SF_CHANNELS | 1u << SF_ITEMS |
	1u << SF_ITEM_TITLE | 1u << SF_TITLE | 1u << SF_TIME | 1u << SF_BODY;

struct check {
	struct news *n;
	const struct site *site;
	FILE *out;
	unsigned counts[SITE_GENERIC + 1];
	int missing_required;
};

/* A sample as the terminal may show it: sanitized, cut to a width. */
static char *
sample(const char *v)
{
	char *clean = text_sanitize(v ? v : "", v ? strlen(v) : 0, 0);
	size_t fit = text_fit(clean, strlen(clean), SAMPLE_COLS, NULL);
	char *out = fit < strlen(clean) ? xasprintf("%.*s…", (int)fit, clean) : xstrdup(clean);

	free(clean);
	return out;
}

static void
page_head(struct check *c, const char *kind, const char *what, const char *tmpl,
          const char *url)
{
	char *w = sample(what), *u = text_sanitize(url, strlen(url), 0);

	fprintf(c->out, "%s", kind);
	if (!str_empty(w))
		fprintf(c->out, "  %s", w);
	if (tmpl != NULL)
		fprintf(c->out, "  [%s]", *tmpl ? tmpl : "-");
	fprintf(c->out, "  %s\n", u);
	free(w);
	free(u);
}

/* The lines of one page's fields (those of its kind). */
static void
page_fields(struct check *c, const struct site_read *rd, const int *only, size_t nonly,
            const char *count)
{
	for (size_t k = 0; k < nonly; k++) {
		int f = only[k];
		const struct site_field_info *fi = site_field_info(f);
		char *v = sample(rd->sample[f]);
		int layer = rd->layer[f];

		c->counts[layer]++;
		if (layer == SITE_MISSING && (required & (1u << f))) {
			c->missing_required++;
			fprintf(c->out, "  %-10s %-9s %s\n", fi->name, layer_names[layer],
			        _("(every page has this: the profile needs a rule for it)"));
		} else {
			fprintf(c->out, "  %-10s %-9s %s%s%s\n", fi->name, layer_names[layer], v,
			        f == SF_ITEMS && count ? "  " : "", f == SF_ITEMS && count ? count : "");
		}
		free(v);
	}
}

/* A page fetched (or the cached copy); NULL, e saying why. */
static char *
fetch(struct check *c, const char *url, size_t *len, struct err *e)
{
	char *body;

	return news_fetch_page(c->n, url, &body, len, e) < 0 ? NULL : body;
}

/* A page that could not be read: nothing on it was. */
static void
failed(struct check *c, const struct err *e)
{
	char *why = sample(e->msg);

	fprintf(c->out, "  %s\n", why);
	free(why);
	c->missing_required++;
}

static void
check_home(struct check *c, struct channel_list *ch)
{
	static const int fields[] = { SF_CHANNELS };
	struct site_read rd = { 0 };
	struct err e = { "" };
	char *url = site_channels_url(c->site, 0), *body, count[64];
	size_t len;

	page_head(c, "home", NULL, NULL, url);
	body = fetch(c, url, &len, &e);
	if (body == NULL) {
		failed(c, &e);
	} else if (site_channels(c->site, body, len, url, ch, &rd, &e) >= 0) {
		snprintf(count, sizeof count, "(%zu)", ch->n);
		xfree_set(&rd.sample[SF_CHANNELS], rd.sample[SF_CHANNELS] ?
		          xasprintf("%s %s", rd.sample[SF_CHANNELS], count) : NULL);
		page_fields(c, &rd, fields, ARRAY_LEN(fields), NULL);
	}
	site_read_free(&rd);
	free(body);
	free(url);
}

/* Rankings and picks: read where the profile says, else on the home page. */
static void
check_specials(struct check *c, struct item_list *articles)
{
	static const int fields[SITE_NSPECIAL] = { SF_RANK_ALL, SF_RANK_MONTH, SF_PICKS };

	for (int k = 0; k < SITE_NSPECIAL; k++) {
		struct site_read rd = { 0 };
		struct item_list l = { 0 };
		struct err e = { "" };
		char *url = site_special_url(c->site, k, 0), *body;
		size_t len;

		page_head(c, site_field_info(fields[k])->name, site_special_label(c->site, k),
		          NULL, url);
		body = fetch(c, url, &len, &e);
		if (body == NULL) {
			failed(c, &e);
		} else if (site_special(c->site, k, body, len, url, &l, &rd, &e) == 0) {
			if (l.n > 0) {
				xfree_set(&rd.sample[fields[k]], xasprintf("%s (%zu)", l.v[0].title, l.n));
				if (!item_list_has(articles, l.v[0].url))
					item_copy(item_list_add(articles), &l.v[0]);
			}
			page_fields(c, &rd, &fields[k], 1, NULL);
		}
		item_list_free(&l);
		site_read_free(&rd);
		free(body);
		free(url);
	}
}

static void
check_lists(struct check *c, const struct channel_list *ch, struct item_list *articles)
{
	static const int fields[] = { SF_ITEMS, SF_ITEM_TITLE, SF_ITEM_DATE, SF_LIST_NEXT };

	for (size_t i = 0; i < ch->n; i++) {
		struct site_read rd = { 0 };
		struct item_list l = { 0 };
		struct err e = { "" };
		char *page = xstrdup(ch->v[i].url), *body, count[64];
		size_t len;

		body = fetch(c, page, &len, &e);
		/* a page that only points on (an e-paper's front page): follow it */
		for (int hop = 0; body != NULL; hop++) {
			if (site_list(c->site, body, len, page, &l, &rd, &e) < 0 || l.n > 0 ||
			    l.next_url == NULL || hop == 3)
				break;
			xfree_set(&page, xstrdup(l.next_url));
			item_list_free(&l);
			site_read_free(&rd);
			free(body);
			body = fetch(c, page, &len, &e);
		}
		page_head(c, "list", ch->v[i].label, rd.tmpl, page);
		if (body == NULL) {
			failed(c, &e);
		} else {
			snprintf(count, sizeof count, _("(%zu items)"), l.n);
			page_fields(c, &rd, fields, ARRAY_LEN(fields), count);
			for (size_t k = 0; k < l.n; k++)
				if (!item_list_has(articles, l.v[k].url))
					item_copy(item_list_add(articles), &l.v[k]);
		}
		item_list_free(&l);
		site_read_free(&rd);
		free(body);
		free(page);
	}
}

/* One article of each of the profile's templates (and one that none fits). */
static void
check_articles(struct check *c, const struct item_list *articles)
{
	static const int fields[] = { SF_TITLE, SF_TIME, SF_SOURCE, SF_AUTHOR, SF_EDITOR,
	                              SF_BODY, SF_ART_NEXT };
	const char **seen = xcalloc(articles->n + 1, sizeof *seen);
	size_t nseen = 0;

	for (size_t i = 0; i < articles->n; i++) {
		const char *url = articles->v[i].url;
		const char *tmpl = site_owns(c->site, url) ? site_article_template(c->site, url) : "";
		struct article a = { .comments = -1 };
		struct site_read rd = { 0 };
		struct err e = { "" };
		int dup = 0;
		char *body;
		size_t len;

		if (tmpl == NULL)
			tmpl = "";
		for (size_t k = 0; k < nseen && !dup; k++)
			dup = strcmp(seen[k], tmpl) == 0;
		if (dup || !site_owns(c->site, url))
			continue;
		seen[nseen++] = tmpl;
		page_head(c, "article", NULL, tmpl, url);
		body = fetch(c, url, &len, &e);
		if (body == NULL) {
			failed(c, &e);
		} else {
			if (site_article(c->site, body, len, url, &a, &rd, &e) < 0) {
				char *why = sample(e.msg);

				fprintf(c->out, "  %s\n", why);
				free(why);
			}
			page_fields(c, &rd, fields, ARRAY_LEN(fields), NULL);
		}
		article_free(&a);
		site_read_free(&rd);
		free(body);
	}
	free(seen);
}

int
check_site(struct news *n, FILE *out)
{
	struct check c = { .n = n, .site = news_site(n), .out = out };
	struct channel_list ch = { 0 };
	struct item_list articles = { 0 };

	check_home(&c, &ch);
	check_specials(&c, &articles);
	check_lists(&c, &ch, &articles);
	check_articles(&c, &articles);
	fprintf(out, _("%u fields read by the profile, %u by its fallbacks, %u by the generic "
	               "rules, %u missing\n"),
	        c.counts[SITE_PROFILE], c.counts[SITE_FALLBACK], c.counts[SITE_GENERIC],
	        c.counts[SITE_MISSING]);
	if (c.missing_required > 0)
		fprintf(out, _("%d pages lack a field every page has: fix the profile (see "
		               "gxnews-site(5))\n"), c.missing_required);
	channel_list_free(&ch);
	item_list_free(&articles);
	return c.missing_required > 0 ? 1 : 0;
}
