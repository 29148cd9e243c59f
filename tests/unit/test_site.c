/* Unit tests: the site profile on every page of the demo mirror, checked
 * against the hand-written values in tests/fixtures/demo/ (.expect files). */
#include "config.h"

#include <ftw.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "render.h"
#include "site.h"
#include "tap.h"
#include "util.h"

#define BASE "http://www.chinahightech.com/"

static struct site *site;
static char *mirror_root, *expect_root;

struct expect {
	char **key, **val;
	size_t n;
};

static void
expect_load(struct expect *x, const char *path)
{
	char *text, *p, *next;
	size_t len;

	memset(x, 0, sizeof *x);
	if (read_file(path, 1 << 20, &text, &len, NULL) < 0)
		return;
	for (p = text; p != NULL && *p != '\0'; p = next) {
		char *tab;

		next = strchr(p, '\n');
		if (next != NULL)
			*next++ = '\0';
		tab = strchr(p, '\t');
		if (tab == NULL)
			continue;
		*tab = '\0';
		x->key = xrealloc(x->key, (x->n + 1) * sizeof *x->key);
		x->val = xrealloc(x->val, (x->n + 1) * sizeof *x->val);
		x->key[x->n] = xstrdup(p);
		x->val[x->n++] = xstrdup(tab + 1);
	}
	free(text);
}

static void
expect_free(struct expect *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->key[i]);
		free(x->val[i]);
	}
	free(x->key);
	free(x->val);
}

static const char *
expect_get(const struct expect *x, const char *key)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->key[i], key) == 0)
			return x->val[i];
	return NULL;
}

static int
expect_has(const struct expect *x, const char *key)
{
	return expect_get(x, key) != NULL;
}

/* The page as UTF-8, converted the way the reader converts it. */
static char *
load_page(const char *rel, size_t *len)
{
	char *path = xasprintf("%s/%s", mirror_root, rel), *raw, *out = NULL;
	size_t rawlen;
	char cs[64];

	if (read_file(path, 64 << 20, &raw, &rawlen, NULL) == 0) {
		charset_detect(raw, rawlen, NULL, cs, sizeof cs);
		if (charset_to_utf8(raw, rawlen, cs, &out, len, NULL) < 0)
			out = NULL;
		free(raw);
	}
	free(path);
	return out;
}

/* "rank-all<TAB>1<TAB>title<TAB>url" and the like, split in place. */
static int
split3(char *v, char **a, char **b, char **c)
{
	*a = v;
	*b = strchr(v, '\t');
	if (*b == NULL)
		return -1;
	*(*b)++ = '\0';
	*c = strchr(*b, '\t');
	if (*c != NULL)
		*(*c)++ = '\0';
	return 0;
}

static void
check_items(const char *rel, const struct expect *x, const char *key,
            const struct item_list *l, int ranked)
{
	size_t k = 0;

	for (size_t i = 0; i < x->n; i++) {
		char *v, *a, *b, *c;

		if (strcmp(x->key[i], key) != 0)
			continue;
		v = xstrdup(x->val[i]);
		if (split3(v, &a, &b, &c) < 0 || c == NULL) {
			ok(0, "%s: malformed expect line %s", rel, key);
			free(v);
			continue;
		}
		if (k >= l->n) {
			ok(0, "%s: %s item %zu (%s) is missing", rel, key, k + 1, b);
		} else {
			const struct item *it = &l->v[k];
			char date[11] = "";

			if (ranked) {
				is_int(it->rank, atoi(a), "%s: %s %zu has its rank", rel, key, k + 1);
			} else {
				if (it->time != 0)
					time_ymd(it->time, date);
				is_str(date, a, "%s: %s %zu has its date", rel, key, k + 1);
			}
			is_str(it->title, b, "%s: %s %zu has its full title", rel, key, k + 1);
			is_str(it->url, c, "%s: %s %zu links to the article", rel, key, k + 1);
		}
		k++;
		free(v);
	}
	is_int(l->n, k, "%s: %s has exactly the expected %zu items", rel, key, k);
}

static void
check_home(const char *rel, const char *html, size_t len, const struct expect *x)
{
	static const struct { const char *key; int which; } specials[] = {
		{ "rank-all", SITE_RANK_ALL }, { "rank-month", SITE_RANK_MONTH },
		{ "picks", SITE_PICKS },
	};
	struct channel_list ch = { 0 };
	struct err e = { "" };
	size_t k = 0;

	ok(site_channels(site, html, len, BASE, &ch, &e) > 0, "%s: channels read %s",
	   rel, e.msg);
	for (size_t i = 0; i < x->n; i++) {
		char *v, *label, *url, *rest;

		if (strcmp(x->key[i], "channel") != 0)
			continue;
		v = xstrdup(x->val[i]);
		split3(v, &label, &url, &rest);
		if (k < ch.n) {
			is_str(ch.v[k].label, label, "%s: channel %zu is named", rel, k + 1);
			is_str(ch.v[k].url, url, "%s: channel %zu has its list URL", rel, k + 1);
		} else {
			ok(0, "%s: channel %s is missing", rel, label);
		}
		k++;
		free(v);
	}
	is_int(ch.n, k, "%s: exactly the %zu channels of the nav", rel, k);
	channel_list_free(&ch);
	for (size_t s = 0; s < ARRAY_LEN(specials); s++) {
		struct item_list l = { 0 };

		if (!expect_has(x, specials[s].key))
			continue;
		ok(site_special(site, specials[s].which, html, len, BASE, &l, &e) == 0,
		   "%s: %s read", rel, specials[s].key);
		check_items(rel, x, specials[s].key, &l, 1);
		item_list_free(&l);
	}
}

static void
check_list(const char *rel, const char *url, const char *html, size_t len,
           const struct expect *x)
{
	struct item_list l = { 0 };
	struct err e = { "" };

	ok(site_list(site, html, len, url, &l, &e) == 0, "%s: list read %s", rel, e.msg);
	check_items(rel, x, "item", &l, 0);
	is_str(l.next_url, expect_get(x, "next"), "%s: the next page is found (or none)", rel);
	item_list_free(&l);
}

/* Text without the reader's link numbers "[N]". */
static char *
strip_marks(const char *s)
{
	char *out = xstrdup(s), *w = out;

	for (const char *r = s; *r != '\0'; ) {
		size_t d = 0;

		if (*r == '[')
			while (r[1 + d] >= '0' && r[1 + d] <= '9')
				d++;
		if (d > 0 && r[1 + d] == ']') {
			r += d + 2;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return out;
}

/* Paragraph texts of a body, as the reader lays them out. */
static void
check_body(const char *rel, const char *url, const struct article *a,
           const struct expect *x)
{
	struct rblocks b = { 0 };
	size_t paras = 0;
	char *first = NULL, *last = NULL;
	struct buf all;

	buf_init(&all, 0);
	render_blocks(a->body_html, strlen(a->body_html), url, &b, NULL);
	for (size_t i = 0; i < b.n; i++) {
		buf_adds(&all, b.v[i].text);
		buf_adds(&all, "\n");
		if (b.v[i].kind != RB_PARA)
			continue;
		paras++;
		if (first == NULL)
			first = strip_marks(b.v[i].text);
		xfree_set(&last, strip_marks(b.v[i].text));
	}
	if (expect_has(x, "paragraphs"))
		is_int(paras, atoi(expect_get(x, "paragraphs")), "%s: body paragraphs", rel);
	if (expect_has(x, "first"))
		ok(first != NULL && strstr(first, expect_get(x, "first")) != NULL,
		   "%s: body starts with its first paragraph", rel);
	if (expect_has(x, "last"))
		ok(last != NULL && str_ends(last, expect_get(x, "last")),
		   "%s: body ends with its last paragraph", rel);
	for (size_t i = 0; i < x->n; i++) {
		if (strcmp(x->key[i], "absent") == 0)
			ok(strstr(all.data ? all.data : "", x->val[i]) == NULL,
			   "%s: body has no '%s'", rel, x->val[i]);
		if (strcmp(x->key[i], "image") == 0) {
			int found = 0;
			for (size_t k = 0; k < b.nlinks; k++)
				found |= strcmp(b.links[k], x->val[i]) == 0;
			ok(found, "%s: image %s is kept with its absolute URL", rel, x->val[i]);
		}
	}
	free(first);
	free(last);
	buf_free(&all);
	rblocks_free(&b);
}

static void
check_article(const char *rel, const char *url, const char *html, size_t len,
              const struct expect *x)
{
	static const char *const fields[] = { "title", "time", "source", "author", "editor" };
	struct article a = { .comments = -1 };
	struct err e = { "" };

	ok(site_article(site, html, len, url, &a, &e) == 0, "%s: article read %s", rel, e.msg);
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		const char *want = expect_get(x, fields[i]);
		const char *got = i == 0 ? a.title : i == 1 ? a.time_text : i == 2 ? a.source :
		                  i == 3 ? a.author : a.editor;

		if (want == NULL)
			continue;
		is_str(got ? got : "", want, "%s: %s", rel, fields[i]);
	}
	if (expect_has(x, "comments"))
		is_int(a.comments, atoi(expect_get(x, "comments")), "%s: comment count", rel);
	is_str(a.next_page, expect_get(x, "next"), "%s: next page of the article (or none)", rel);
	if (a.body_html != NULL)
		check_body(rel, url, &a, x);
	article_free(&a);
}

/* Pages of each kind checked against the mirror's .expect files. */
static int n_home, n_article, n_list;

static int
visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	struct expect x;
	char *rel, *url, *html;
	size_t len;

	(void)st;
	(void)ftw;
	if (flag != FTW_F || !str_ends(path, ".expect"))
		return 0;
	rel = xstrndup(path + strlen(expect_root) + 1,
	               strlen(path) - strlen(expect_root) - 1 - strlen(".expect"));
	{
		/* rel is HOST/PATH: the page's canonical URL is http://HOST/PATH,
		 * and a host's index.html is its front page http://HOST/ */
		const char *slash = strchr(rel, '/');
		int host_len = slash ? (int)(slash - rel) : (int)strlen(rel);
		const char *page = slash ? slash + 1 : "";

		url = xasprintf("http://%.*s/%s", host_len, rel,
		                strcmp(page, "index.html") == 0 ? "" : page);
	}
	expect_load(&x, path);
	html = load_page(rel, &len);
	if (!ok(html != NULL, "%s: page exists in the mirror", rel))
		goto out;
	if (expect_has(&x, "channel") || expect_has(&x, "rank-all")) {
		check_home(rel, html, len, &x);
		n_home++;
	} else if (expect_has(&x, "title")) {
		check_article(rel, url, html, len, &x);
		n_article++;
	} else if (expect_has(&x, "item") || expect_has(&x, "next")) {
		check_list(rel, url, html, len, &x);
		n_list++;
	} else {
		ok(0, "%s: its .expect says what kind of page it is", rel);
	}
out:
	free(html);
	expect_free(&x);
	free(url);
	free(rel);
	return 0;
}

static void
test_profile_errors(void)
{
	static const struct { const char *name, *text, *want; } bad[] = {
		{ "an unknown key names file, line and key",
		  "[site]\nurl = http://x/\n[list a]\nitem = //li\nurl = a/@href\ntitel = a\n",
		  "t.site:6: unknown key 'titel' in [list a]" },
		{ "a bad XPath names the line",
		  "[site]\nurl = http://x/\n[list a]\nitem = //li[\n",
		  "t.site:4: bad XPath: //li[" },
		{ "a missing url in [site] is named",
		  "[site]\nname = x\n", "t.site: [site] has no url" },
		{ "a list without item is named",
		  "[site]\nurl = http://x/\n[list a]\nurl = a/@href\n",
		  "t.site: [list a] needs 'item'" },
		{ "an unknown section is named",
		  "[site]\nurl = http://x/\n[lists]\n", "t.site:3: unknown section: lists" },
		{ "a bad regex is named",
		  "[site]\nurl = http://x/\n[article a]\ntitle = //h1\nbody = //div\nsource.re = (\n",
		  "t.site:6: bad regular expression" },
		{ "a repetition of a repetition is refused before regcomp blows up",
		  "[site]\nurl = http://x/\n[list a]\nmatch = /htm++++++++++++++++++++++l/\nitem = //li\nurl = a/@href\n",
		  "t.site:4: bad regular expression: too long, or a repetition" },
	};

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct site *s = NULL;
		struct err e = { "" };
		int rc = site_load_mem(&s, bad[i].text, strlen(bad[i].text), "t.site", &e);

		ok(rc < 0 && strncmp(e.msg, bad[i].want, strlen(bad[i].want)) == 0,
		   "profile error: %s", bad[i].name);
		if (rc == 0 || strncmp(e.msg, bad[i].want, strlen(bad[i].want)) != 0)
			printf("#   got: %s\n", e.msg);
		site_free(s);
	}
}

static void
test_channel_overrides(void)
{
	static const char prof[] =
		"[site]\nurl = http://x.cn/\n[channels]\nitem = //li/a\nlabel = .\nurl = @href\n"
		"rename = 企业 企业动态\norder = 园区 要闻\nskip = 首页\nadd = 专题 /zt/\n";
	static const char page[] =
		"<ul><li><a href='/'>首页</a></li><li><a href='/yw/'>要闻</a></li>"
		"<li><a href='/qy/'>企业</a></li><li><a href='/yq/'>园区</a></li></ul>";
	static const char *const want[] = { "园区", "要闻", "企业动态", "专题" };
	struct site *s = NULL;
	struct channel_list ch = { 0 };
	struct err e = { "" };
	char got[256] = "", exp[256] = "";

	ok(site_load_mem(&s, prof, strlen(prof), "o.site", &e) == 0, "override profile loads %s", e.msg);
	if (s == NULL)
		return;
	site_channels(s, page, strlen(page), "http://x.cn/", &ch, &e);
	for (size_t i = 0; i < ch.n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s ", ch.v[i].label);
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		snprintf(exp + strlen(exp), sizeof exp - strlen(exp), "%s ", want[i]);
	is_str(got, exp, "channels: skip, rename, order and add apply in that order");
	channel_list_free(&ch);
	site_free(s);
}

static void
test_mirror_urls(void)
{
	static const struct { const char *mirror, *in, *want; } cases[] = {
		{ "file:///m/www/", "http://www.chinahightech.com/", "file:///m/www/index.html" },
		{ "file:///m/www", "http://www.chinahightech.com/html/kjcy/",
		  "file:///m/www/html/kjcy/index.html" },
		{ "http://127.0.0.1:8080/", "https://chinahightech.com/yaowen/node_479.html",
		  "http://127.0.0.1:8080/yaowen/node_479.html" },
		{ "http://127.0.0.1:8080/", "http://example.com/a.html", "http://example.com/a.html" },
		{ NULL, "http://www.chinahightech.com/a.html", "http://www.chinahightech.com/a.html" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *got;

		site_set_mirror(site, cases[i].mirror);
		got = site_fetch_url(site, cases[i].in);
		is_str(got, cases[i].want, "mirror: %s is read from %s", cases[i].in, cases[i].want);
		free(got);
	}
	site_set_mirror(site, NULL);
}

int
main(void)
{
	struct err e = { "" };
	char *profile;

	setlocale(LC_ALL, "C.UTF-8");
	profile = xasprintf("%s/data/sites/chinahightech.site", tap_srcdir());
	if (!ok(site_load(&site, profile, &e) == 0, "the chinahightech profile loads %s", e.msg))
		return done_testing();
	mirror_root = xasprintf("%s/data/demo", tap_srcdir());
	expect_root = xasprintf("%s/tests/fixtures/demo", tap_srcdir());
	ok(nftw(expect_root, visit, 16, FTW_PHYS) == 0, "the expectations under %s are read",
	   expect_root);
	/* The mirror's pages: a front page, 82 articles, 11 lists (more may come). */
	ok(n_home >= 1 && n_article >= 82 && n_list >= 11,
	   "every kind of page is checked: %d front pages, %d articles, %d lists", n_home,
	   n_article, n_list);
	test_profile_errors();
	test_channel_overrides();
	test_mirror_urls();
	site_free(site);
	free(profile);
	free(mirror_root);
	free(expect_root);
	return done_testing();
}
