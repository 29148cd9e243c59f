/* test_pictures.c: the pictures of articles through the model: fetched in
 * the background into the cache with their article, decoded from it (also
 * offline), refused with a reason when they are bombs, cut short or no
 * pictures at all; the e-paper's page pictures found beside its list. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "news.h"
#include "render.h"
#include "tap.h"
#include "util.h"

#define SITE "http://www.chinahightech.com"
#define ARTICLE SITE "/html/yuanqu/2022/0801/60001.html"

static char dir[] = "/tmp/gxnews-pictures.XXXXXX";
static char *cache;

/* The pictures of the test article: file, alt text, what its caption
 * says after the fetch (NULL: drawn). */
static const struct {
	const char *file, *alt, *note;
} pics[] = {
	{ "photo.jpg", "照片", NULL },
	{ "bomb-1x60000.png", "长条", "1×60000" },
	{ "bomb-20000x20000.png", "巨图", "20000×20000" },
	{ "truncated.jpg", "残图", "ends early" },
	{ "not-a-picture.jpg", "假图", "not a picture" },
	{ "gone.jpg", "不在", "" },     /* no such file: a 404 */
};

static void
copy_file(const char *from, const char *to)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f;

	if (read_file(from, 1 << 24, &data, &len, NULL) < 0)
		return;
	f = fopen(to, "wb");
	if (f != NULL) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	free(data);
}

/* A one-article mirror in the old template, its pictures beside it. */
static char *
make_mirror(void)
{
	char *root = xasprintf("%s/www.chinahightech.com", dir);
	char *adir = xasprintf("%s/html/yuanqu/2022/0801", root);
	char *pdir = xasprintf("%s/p", root);
	char *path = xasprintf("%s/60001.html", adir);
	FILE *f;

	mkdir_p(adir, NULL);
	mkdir_p(pdir, NULL);
	f = fopen(path, "w");
	fputs("<html><head><meta charset=\"utf-8\"></head><body>"
	      "<div class=\"title_nr\"><h1>图片测试</h1><div class=\"addtime\">"
	      "2022-08-01 09:00</div></div><div class=\"content\">"
	      "<p>　　开头一段。</p>", f);
	for (size_t i = 0; i < ARRAY_LEN(pics); i++)
		fprintf(f, "<p><img src=\"/p/%s\" alt=\"%s\"></p><p>　　第%zu段。</p>",
		        pics[i].file, pics[i].alt, i + 1);
	fputs("</div></body></html>\n", f);
	fclose(f);
	for (size_t i = 0; i < ARRAY_LEN(pics); i++) {
		char *from = xasprintf("%s/tests/fixtures/image/%s", tap_srcdir(), pics[i].file);
		char *to = xasprintf("%s/%s", pdir, pics[i].file);

		copy_file(from, to);
		free(from);
		free(to);
	}
	free(path);
	free(adir);
	free(pdir);
	return root;
}

static struct news *
open_news(const char *mirror, int offline, int images)
{
	struct news *n = NULL;
	struct err e = { "" };
	char *profile = xasprintf("%s/data/sites/chinahightech.site", tap_srcdir());
	struct news_opts o = { .profile = profile, .mirror = mirror, .cache = cache,
	                       .offline = offline, .images = images };

	if (news_open(&n, &o, &e) < 0) {
		printf("# news_open: %s\n", e.msg);
		n = NULL;
	}
	free(profile);
	return n;
}

/* The index of the picture block whose caption holds alt. */
static long
block_of(const struct rblocks *b, const char *alt)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].kind == RB_IMAGE && strstr(b->v[i].text, alt) != NULL)
			return (long)i;
	return -1;
}

static void
check_notes(const struct rblocks *b, const struct image *v, const char *when)
{
	for (size_t i = 0; i < ARRAY_LEN(pics); i++) {
		long k = block_of(b, pics[i].alt);
		const struct rblock *blk = k >= 0 ? &b->v[k] : NULL;

		if (pics[i].note == NULL)
			ok(blk && blk->img_w == 64 && blk->img_h == 40 && v[k].rgba != NULL &&
			   blk->img_note == NULL, "%s: %s is decoded, 64×40", when, pics[i].file);
		else if (pics[i].note[0] == '\0')
			ok(blk && blk->img_w == 0 && v[k].rgba == NULL && blk->img_note == NULL,
			   "%s: a picture the site does not have keeps its plain caption (%s)", when,
			   blk && blk->img_note ? blk->img_note : "none");
		else
			ok(blk && blk->img_w == 0 && v[k].rgba == NULL && blk->img_note &&
			   strstr(blk->img_note, pics[i].note) != NULL,
			   "%s: %s gets a caption saying why (%s)", when, pics[i].file,
			   blk && blk->img_note ? blk->img_note : "none");
	}
}

static void
free_pics(struct rblocks *b, struct image *v)
{
	for (size_t i = 0; i < b->n; i++)
		image_free(&v[i]);
	free(v);
	rblocks_free(b);
}

static void
test_article(const char *mirror)
{
	struct news *n = open_news(mirror, 0, IMAGE_AUTO);
	struct article a = { .comments = -1 };
	struct rblocks b = { 0 };
	struct news_event ev;
	struct image *v;
	struct err e = { "" };
	int coming, events = 0, for_article = 0;
	long photo;
	unsigned char mark = 0;

	if (n == NULL || news_get_article(n, ARTICLE, &a, &e) < 0 ||
	    news_article_blocks(n, &a, &b, &e) < 0) {
		ok(0, "the test article is read: %s", e.msg);
		news_close(n);
		return;
	}
	v = xcalloc(b.n + 1, sizeof *v);
	coming = news_article_pictures(n, a.url, &b, v);
	is_int(coming, ARRAY_LEN(pics), "every picture of a new article is on its way");
	ok(block_of(&b, "照片") >= 0 && b.v[block_of(&b, "照片")].img_w == 0,
	   "the text does not wait for them: no picture is drawn yet");
	is_int(news_article_pictures(n, a.url, &b, v), ARRAY_LEN(pics),
	       "asking again starts nothing twice");
	while (news_poll(n, 200) > 0)
		;
	while (news_next_event(n, &ev)) {
		events++;
		for_article += ev.job == JOB_PICTURE && ev.ok && ev.url != NULL &&
		               strcmp(ev.url, ARTICLE) == 0 && ev.picture != NULL;
		news_event_free(&ev);
	}
	is_int(events, ARRAY_LEN(pics), "one event a picture (fetched once)");
	is_int(for_article, ARRAY_LEN(pics), "each names the article and the picture");
	is_int(news_article_pictures(n, a.url, &b, v), 0,
	       "then all of them are in the cache, the missing one as missing: none is fetched again");
	check_notes(&b, v, "online");
	photo = block_of(&b, "照片");
	if (photo >= 0 && v[photo].rgba != NULL) {
		mark = v[photo].rgba[0];
		v[photo].rgba[0] ^= 0x5a;
	}
	news_article_pictures(n, a.url, &b, v);
	ok(photo >= 0 && v[photo].rgba != NULL && b.v[photo].img_w == v[photo].w &&
	   v[photo].rgba[0] == (unsigned char)(mark ^ 0x5a),
	   "a picture already decoded is not decoded again when another comes in");
	free_pics(&b, v);
	article_free(&a);
	news_close(n);
}

static void
test_offline(const char *mirror)
{
	struct news *n = open_news(mirror, 1, IMAGE_AUTO);
	struct article a = { .comments = -1 };
	struct rblocks b = { 0 };
	struct rdoc d = { 0 };
	struct image *v;
	struct err e = { "" };
	size_t rows = 0, refusals = 0;

	if (n == NULL || news_get_article(n, ARTICLE, &a, &e) < 0 ||
	    news_article_blocks(n, &a, &b, &e) < 0) {
		ok(0, "offline, the article is in the cache: %s", e.msg);
		news_close(n);
		return;
	}
	v = xcalloc(b.n + 1, sizeof *v);
	is_int(news_article_pictures(n, a.url, &b, v), 0, "offline, nothing is fetched");
	check_notes(&b, v, "offline");
	b.img_rows = 12;
	render_layout(&a, &b, 60, &d);
	for (size_t i = 0; i < d.n; i++) {
		rows += d.v[i].kind == RL_PICTURE;
		refusals += d.v[i].kind == RL_IMAGE && strchr(d.v[i].text, '(') != NULL;
	}
	is_int(rows, 3, "offline, the photo takes its 3 lines in the layout (64×40 px, 8×16 a cell)");
	is_int(refusals, ARRAY_LEN(pics) - 2, "and every refused picture is a caption line saying why");
	rdoc_free(&d);
	free_pics(&b, v);
	article_free(&a);
	news_close(n);
}

static void
test_off(const char *mirror)
{
	struct news *n = open_news(mirror, 0, IMAGE_OFF);
	struct article a = { .comments = -1 };
	struct rblocks b = { 0 };
	struct image *v;

	if (n == NULL || news_get_article(n, ARTICLE, &a, NULL) < 0 ||
	    news_article_blocks(n, &a, &b, NULL) < 0) {
		ok(0, "images off: the article reads");
		news_close(n);
		return;
	}
	v = xcalloc(b.n + 1, sizeof *v);
	is_int(news_article_pictures(n, a.url, &b, v), 0, "images off: nothing is fetched");
	ok(b.v[block_of(&b, "照片")].img_w == 0 && v[block_of(&b, "照片")].rgba == NULL,
	   "images off: not even a cached picture is decoded");
	free_pics(&b, v);
	article_free(&a);
	news_close(n);
}

/* The e-paper: each 版面's picture, found from the cached list pages. */
static void
test_paper(void)
{
	char *mirror = xasprintf("file://%s/data/demo/www.chinahightech.com/", tap_srcdir());
	struct news *n = open_news(mirror, 0, IMAGE_AUTO);
	struct news_section *sec = NULL;
	size_t nsec = 0;
	struct image im = { 0 };
	struct err e = { "" };
	long paper;

	if (n == NULL || news_refresh_tabs(n, &e) < 0) {
		ok(0, "the demo's tabs: %s", e.msg);
		goto out;
	}
	paper = news_find_tab(n, "数字报");
	ok(paper >= 0 && news_refresh_list(n, (size_t)paper, &e) == 0,
	   "the e-paper's list is fetched %s", e.msg);
	if (paper < 0)
		goto out;
	news_tab_sections(n, (size_t)paper, &sec, &nsec, &e);
	ok(nsec == 1 && str_ends(sec[0].picture, "/pc/images/202207/04/A1/A1_b.jpg") &&
	   str_ends(sec[0].first, "content_38201.html"),
	   "page A1 shows its 版面图 above its first article (%zu)", nsec);
	news_sections_free(sec, nsec);
	news_load_more(n, (size_t)paper, &e);
	news_tab_sections(n, (size_t)paper, &sec, &nsec, &e);
	ok(nsec == 2 && str_ends(sec[1].picture, "/A2/A2_b.jpg") &&
	   str_ends(sec[1].first, "content_38211.html"),
	   "page A2, loaded next, has its own (%zu)", nsec);
	is_int(nsec == 2 ? news_picture(n, sec[1].picture, &im, &e) : -1, 1,
	       "a 版面图 not cached is fetched");
	while (news_poll(n, 200) > 0)
		;
	ok(nsec == 2 && news_picture(n, sec[1].picture, &im, &e) == 0 && im.w == 480 &&
	   im.h == 660, "then decoded from the cache, 480×660 %s", e.msg);
	image_free(&im);
	news_sections_free(sec, nsec);
	ok(news_tab_sections(n, (size_t)news_find_tab(n, "starred"), &sec, &nsec, &e) == 0 &&
	   nsec == 0, "other tabs have no sections");
out:
	news_close(n);
	free(mirror);
}

int
main(void)
{
	char *root, *mirror;

	setlocale(LC_ALL, "C.UTF-8");
	if (!image_supported()) {
		printf("1..0 # SKIP built without libchafa\n");
		return 0;
	}
	if (mkdtemp(dir) == NULL)
		return 1;
	cache = xasprintf("%s/cache.db", dir);
	root = make_mirror();
	mirror = xasprintf("file://%s/", root);
	test_article(mirror);
	test_offline(mirror);
	test_off(mirror);
	xfree_set(&cache, xasprintf("%s/paper.db", dir));
	test_paper();
	tap_rmtree(dir);
	free(root);
	free(mirror);
	free(cache);
	return done_testing();
}
