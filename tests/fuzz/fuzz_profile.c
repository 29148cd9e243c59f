/* fuzz_profile.c: site profile parsing (site_load_mem) on hostile text.
 * A profile that loads is then used: its URLs asked for and a small page
 * read with it, so a bad XPath or a missing section cannot crash later. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
#include "site.h"

static const char page[] =
	"<html><head><title>t</title></head><body><div class=nav>"
	"<a href=/html/yuanqu/index.html>园区</a></div><ul class=list>"
	"<li><a href=/html/yuanqu/2022/0704/52101.html>标题</a>"
	"<span>2022-07-04</span></li></ul><div class=content><p>正文</p>"
	"</div></body></html>";

static void
use(struct site *s)
{
	struct item_list l = { 0 };
	struct channel_list c = { 0 };
	struct article a;
	struct err e = { "" };
	char *u;

	(void)site_name(s);
	(void)site_label(s);
	(void)site_url(s);
	(void)site_fallback_charset(s);
	u = site_channels_url(s, 0);
	free(u);
	for (int k = 0; k < SITE_NSPECIAL; k++) {
		u = site_special_url(s, k, 0);
		free(u);
		(void)site_special_label(s, k);
		(void)site_has_special(s, k);
		(void)site_special(s, k, page, sizeof page - 1,
		                   "http://www.chinahightech.com/", &l, NULL, &e);
		item_list_free(&l);
	}
	u = site_fetch_url(s, "http://www.chinahightech.com/html/yuanqu/");
	FUZZ_CHECK(u != NULL, "site_fetch_url always gives a URL");
	free(u);
	site_set_mirror(s, "file:///nonexistent/www.chinahightech.com/");
	u = site_fetch_url(s, "http://www.chinahightech.com/index.html");
	FUZZ_CHECK(u != NULL, "site_fetch_url with a mirror gives a URL");
	free(u);
	(void)site_list(s, page, sizeof page - 1,
	                "http://www.chinahightech.com/html/yuanqu/index.html", &l, NULL, &e);
	item_list_free(&l);
	(void)site_channels(s, page, sizeof page - 1, "http://www.chinahightech.com/",
	                    &c, NULL, &e);
	channel_list_free(&c);
	memset(&a, 0, sizeof a);
	(void)site_article(s, page, sizeof page - 1,
	                   "http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html",
	                   &a, NULL, &e);
	article_free(&a);
	(void)site_is_article_url(s, "http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html");
}

int
fuzz_profile(const uint8_t *data, size_t size)
{
	struct site *s = NULL;
	struct err e = { "" };
	char *text = fuzz_strndup(data, size);

	fuzz_locale();
	if (site_load_mem(&s, text, size, "fuzz.site", &e) == 0) {
		FUZZ_CHECK(s != NULL, "a loaded profile is there");
		if (s != NULL)
			use(s);
		site_free(s);
	} else {
		FUZZ_CHECK(e.msg[0] != '\0', "a refused profile says why");
	}
	free(text);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(profile)
#endif
