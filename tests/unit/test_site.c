/* Unit tests: the site profile on every page of the demo mirror, checked
 * against the hand-written values in tests/fixtures/demo/ (.expect files). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "demo_check.h"
#include "site.h"
#include "tap.h"
#include "util.h"

#define BASE "http://www.chinahightech.com/"

static struct site *site;

/* Every page of the demo mirror read as the hand-written values say, and
 * every field by the profile's own rule: on the pages the profile was
 * written for, nothing falls back. */
static void
test_demo_mirror(void)
{
	struct demo_check d = { .site = site, .ok = ok };
	char *mirror = xasprintf("%s/data/demo", tap_srcdir());
	char *expect = xasprintf("%s/tests/fixtures/demo", tap_srcdir());

	d.mirror = mirror;
	d.expect = expect;
	ok(demo_check_run(&d) == 0, "the expectations under %s are read", expect);
	/* The mirror's pages: a front page, 82 articles, 11 lists (more may come). */
	ok(d.homes >= 1 && d.articles >= 82 && d.lists >= 11,
	   "every kind of page is checked: %d front pages, %d articles, %d lists", d.homes,
	   d.articles, d.lists);
	for (int f = 0; f < SF_COUNT; f++) {
		const struct site_field_info *fi = site_field_info(f);

		ok(d.layers[f][SITE_FALLBACK] == 0 && d.layers[f][SITE_GENERIC] == 0,
		   "demo mirror: %s %s read by the profile's rule on every page "
		   "(%u by a fallback, %u by the generic rules)", fi->page, fi->name,
		   d.layers[f][SITE_FALLBACK], d.layers[f][SITE_GENERIC]);
	}
	free(mirror);
	free(expect);
}

/* The profile's text less some lines: those of its section's cut rules
 * after line k (when after), and line k itself (when drop). */
static char *
profile_less(const char *text, int k, int after, int drop)
{
	struct buf b;
	int line = 0, in_section = 0;

	buf_init(&b, 0);
	buf_add(&b, "", 0);
	for (const char *p = text; *p != '\0'; ) {
		size_t n = strcspn(p, "\n");
		int cut = strncmp(p, "cut = ", 6) == 0;

		line++;
		if (*p == '[')
			in_section = 0;
		if (line == k)
			in_section = 1;
		if (!((line == k && drop) || (after && in_section && line > k && cut)))
			buf_add(&b, p, n + (p[n] == '\n'));
		p += n + (p[n] == '\n');
	}
	return buf_steal(&b, NULL);
}

/* Each cut rule of the profile removes what it names on the demo mirror:
 * after the rules before it in its section, without it some article's
 * body holds the text, with it none does. */
static void
test_cut_rules(const char *profile)
{
	static const struct { const char *rule, *text; } names[] = {
		{ ".//script", "<script" },
		{ ".//style", "<style" },
		{ ".//iframe", "<iframe" },
		{ ".//comment()", "<!--" },
		{ "'责任编辑') and string-length", "责任编辑" },
		{ "@class, 'share'", "share" },
		{ "'版权与免责声明')]/following-sibling", "②" },
		{ "'版权与免责声明')]", "版权与免责声明" },
		{ "' paihang '", "ph-list" },
		{ "' bjtj '", "编辑推荐" },
		{ "'扫描添加'", "扫描添加" },
		{ "'分享到') and", "分享到" },
		{ "' paper-tools '", "paper-tools" },
		{ "'.pdf'", "上一篇" },
	};
	char *text, *mirror = xasprintf("%s/data/demo", tap_srcdir());
	size_t len;
	int line = 0;

	if (read_file(profile, 1 << 20, &text, &len, NULL) < 0) {
		ok(0, "the profile is read for its cut rules");
		free(mirror);
		return;
	}
	for (char *p = text; *p != '\0'; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] != '\0')) {
		size_t n = strcspn(p, "\n");
		const char *name = NULL;
		char *rule, *with, *without;
		int gone = 0, left = 0;

		line++;
		if (strncmp(p, "cut = ", 6) != 0)
			continue;
		rule = xstrndup(p + 6, n - 6);
		for (size_t i = 0; i < ARRAY_LEN(names) && name == NULL; i++)
			if (strstr(rule, names[i].rule) != NULL)
				name = names[i].text;
		if (!ok(name != NULL, "profile line %d: cut rule %s has a name in this test", line, rule)) {
			free(rule);
			continue;
		}
		with = profile_less(text, line, 1, 0);
		without = profile_less(text, line, 1, 1);
		demo_cut_effect(mirror, with, without, name, &gone, &left);
		ok(gone > 0 && left == 0,
		   "profile line %d: cut %s removes '%s' from %d article(s) of the demo mirror "
		   "(left in %d)", line, rule, name, gone, left);
		free(with);
		free(without);
		free(rule);
	}
	free(text);
	free(mirror);
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
	site_channels(s, page, strlen(page), "http://x.cn/", &ch, NULL, &e);
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
	test_demo_mirror();
	test_cut_rules(profile);
	test_profile_errors();
	test_channel_overrides();
	test_mirror_urls();
	site_free(site);
	free(profile);
	return done_testing();
}
