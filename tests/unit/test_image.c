/* test_image.c: pictures decoded within limits, sized for the screen,
 * the terminal's protocol chosen, and drawn as cells or as bytes. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "tap.h"
#include "util.h"

static char *
fixture(const char *name, size_t *len)
{
	char *path = xasprintf("%s/tests/fixtures/image/%s", tap_srcdir(), name);
	char *data = NULL;
	struct err e = { "" };

	if (read_file(path, 1 << 24, &data, len, &e) < 0) {
		printf("# %s\n", e.msg);
		*len = 0;
	}
	free(path);
	return data;
}

static const unsigned char *
pixel(const struct image *im, unsigned x, unsigned y)
{
	return im->rgba + ((size_t)y * im->w + x) * 4;
}

/* ---- decoding ----------------------------------------------------------- */

static const struct {
	const char *file, *what;
	unsigned w, h;          /* 0: refused */
	const char *why;        /* part of the reason when refused */
} decodes[] = {
	{ "photo.jpg", "a baseline JPEG", 64, 40, NULL },
	{ "progressive.jpg", "a progressive JPEG", 64, 40, NULL },
	{ "gray.jpg", "a greyscale JPEG", 64, 40, NULL },
	{ "alpha.png", "a PNG with an alpha channel", 64, 40, NULL },
	{ "photo.webp", "a lossy WebP", 64, 40, NULL },
	{ "lossless.webp", "a lossless WebP with alpha", 64, 40, NULL },
	{ "anim.webp", "an animated WebP: its first frame", 64, 40, NULL },
	{ "photo.gif", "a GIF", 64, 40, NULL },
	{ "interlaced.gif", "an interlaced GIF with a transparent colour", 64, 40, NULL },
	{ "anim.gif", "an animated GIF: its first frame", 64, 40, NULL },
	{ "truncated.jpg", "a JPEG cut in half is refused, not shown half grey", 0, 0, "ends early" },
	{ "truncated.png", "a PNG cut in half is refused", 0, 0, "damaged" },
	{ "bomb-1x60000.png", "a 1 × 60,000 PNG is refused from its header", 0, 0, "1×60000" },
	{ "bomb-20000x20000.png", "a 20,000 × 20,000 PNG is refused from its header", 0, 0, "20000×20000" },
	{ "not-a-picture.jpg", "an HTML error page named .jpg is no picture", 0, 0, "not a picture" },
};

static void
test_decode(void)
{
	for (size_t i = 0; i < ARRAY_LEN(decodes); i++) {
		size_t len;
		char *data = fixture(decodes[i].file, &len);
		struct image im;
		struct err e = { "" };
		int rc = image_decode(data, len, &im, &e);

		if (decodes[i].w > 0) {
			ok(rc == 0 && im.w == decodes[i].w && im.h == decodes[i].h &&
			   im.rgba != NULL, "%s decodes to %u×%u", decodes[i].what,
			   decodes[i].w, decodes[i].h);
			if (rc != 0)
				printf("#   %s\n", e.msg);
		} else {
			ok(rc < 0 && im.rgba == NULL && strstr(e.msg, decodes[i].why) != NULL,
			   "%s (%s)", decodes[i].what, e.msg);
		}
		image_free(&im);
		free(data);
	}
}

/* Same pixels, whatever the file format or the GIF's row order. */
static void
test_pixels(void)
{
	size_t l1, l2, l3;
	char *gif = fixture("photo.gif", &l1), *inter = fixture("interlaced.gif", &l2);
	char *png = fixture("alpha.png", &l3);
	struct image a = { 0 }, b = { 0 }, p = { 0 };
	size_t same = 0, clear = 0;

	image_decode(gif, l1, &a, NULL);
	image_decode(inter, l2, &b, NULL);
	image_decode(png, l3, &p, NULL);
	for (unsigned y = 0; a.rgba && b.rgba && y < a.h; y++)
		for (unsigned x = 0; x < a.w; x++) {
			const unsigned char *pa = pixel(&a, x, y), *pb = pixel(&b, x, y);

			if (pb[3] == 0)
				clear++;
			else
				same += memcmp(pa, pb, 4) == 0;
		}
	ok(a.rgba && b.rgba && same + clear == (size_t)a.w * a.h && same > clear && clear > 0,
	   "an interlaced GIF's rows land where the plain GIF has them (%zu same, %zu transparent)",
	   same, clear);
	ok(p.rgba && pixel(&p, 0, 0)[3] == 0 && pixel(&p, 32, 20)[3] == 255,
	   "a PNG's transparent corner stays transparent, its middle opaque");
	image_free(&a);
	image_free(&b);
	image_free(&p);
	free(gif);
	free(inter);
	free(png);
}

/* Headers rewritten to claim a bomb's size: refused before any pixel. */
static void
patch_jpeg_size(unsigned char *d, size_t len, unsigned w, unsigned h)
{
	for (size_t i = 2; i + 9 < len; i++)
		if (d[i] == 0xff && (d[i + 1] == 0xc0 || d[i + 1] == 0xc2)) {
			d[i + 5] = (unsigned char)(h >> 8);
			d[i + 6] = (unsigned char)h;
			d[i + 7] = (unsigned char)(w >> 8);
			d[i + 8] = (unsigned char)w;
			return;
		}
}

static void
test_bombs(void)
{
	size_t lj, lg;
	unsigned char *jpg = (unsigned char *)fixture("photo.jpg", &lj);
	unsigned char *gif = (unsigned char *)fixture("photo.gif", &lg);
	struct image im;
	struct err e = { "" };
	char *big;
	int rc;

	if (jpg == NULL || gif == NULL || lj < 16 || lg < 16) {
		ok(0, "the test pictures are there");
		free(jpg);
		free(gif);
		return;
	}
	patch_jpeg_size(jpg, lj, 20000, 20000);
	ok(image_decode(jpg, lj, &im, &e) < 0 && strstr(e.msg, "20000×20000") != NULL,
	   "a JPEG header claiming 20,000 × 20,000 is refused (%s)", e.msg);
	patch_jpeg_size(jpg, lj, 4096, 4097);
	ok(image_decode(jpg, lj, &im, &e) < 0 && strstr(e.msg, "million") != NULL,
	   "a JPEG over %u million pixels is refused (%s)", IMAGE_MAX_PIXELS >> 20, e.msg);
	gif[6] = 0x20, gif[7] = 0x4e;       /* logical screen 20000 wide */
	ok(image_decode(gif, lg, &im, &e) < 0 && strstr(e.msg, "20000×40") != NULL,
	   "a GIF screen 20,000 wide is refused (%s)", e.msg);
	big = xcalloc(IMAGE_MAX_BYTES + 1, 1);
	memcpy(big, "\xff\xd8\xff", 3);
	ok(image_decode(big, IMAGE_MAX_BYTES + 1, &im, &e) < 0 && strstr(e.msg, "MiB") != NULL,
	   "a file over %u MiB is refused unread (%s)", IMAGE_MAX_BYTES >> 20, e.msg);
	ok(image_decode(NULL, 0, &im, &e) < 0, "no bytes: no picture");
	free(big);
	free(jpg);
	jpg = (unsigned char *)fixture("bomb-4096x4096.png", &lj);
	rc = image_decode(jpg, lj, &im, &e);
	ok(rc == 0 && (size_t)im.w * im.h <= IMAGE_KEEP_PIXELS &&
	   im.w == im.h && im.w >= 1024,
	   "a %zu-byte PNG of 4096 × 4096 pixels is kept averaged down to %u×%u, within %u million",
	   lj, im.w, im.h, IMAGE_KEEP_PIXELS >> 20);
	ok(im.rgba != NULL && pixel(&im, 0, 0)[0] == 0 && pixel(&im, 0, im.h - 1)[0] == 255 &&
	   pixel(&im, im.w - 1, im.h / 4)[0] == 0 && pixel(&im, im.w - 1, im.h - 1)[3] == 255,
	   "its black top half and white bottom half where they were");
	image_free(&im);
	free(jpg);
	free(gif);
}

/* An animation of thousands of frames: its first frame is decoded, and
 * nothing after it is read (here every later frame claims 20,000 × 20,000
 * pixels and holds no data). */
static void
test_frames(void)
{
	static const unsigned char frame[] = {
		0x2c, 0, 0, 0, 0, 0x20, 0x4e, 0x20, 0x4e, 0, 8, 1, 0, 0,
	};
	size_t len, n = 10000;
	char *gif = fixture("photo.gif", &len);
	char *anim;
	struct image one = { 0 }, im;
	struct err e = { "" };
	int rc;

	if (gif == NULL || len < 16 || gif[len - 1] != 0x3b) {
		ok(0, "photo.gif ends with its trailer");
		free(gif);
		return;
	}
	anim = xmalloc(len - 1 + n * sizeof frame + 1);
	memcpy(anim, gif, len - 1);
	for (size_t i = 0; i < n; i++)
		memcpy(anim + len - 1 + i * sizeof frame, frame, sizeof frame);
	anim[len - 1 + n * sizeof frame] = 0x3b;
	image_decode(gif, len, &one, NULL);
	rc = image_decode(anim, len + n * sizeof frame, &im, &e);
	ok(rc == 0 && one.rgba != NULL && im.w == one.w && im.h == one.h &&
	   memcmp(im.rgba, one.rgba, (size_t)one.w * one.h * 4) == 0,
	   "a GIF of %zu frames: its first frame, the others unread (%s)", n + 1,
	   rc == 0 ? "decoded" : e.msg);
	image_free(&im);
	image_free(&one);
	free(anim);
	free(gif);
}

/* ---- size on the screen ------------------------------------------------- */

static const struct {
	const char *what;
	unsigned w, h;
	int max_cols, max_rows, cell_w, cell_h;
	int cols, rows;
} fits[] = {
	{ "a small picture keeps its natural size", 160, 96, 80, 12, 8, 16, 20, 6 },
	{ "a wide photo takes the text column", 1200, 400, 60, 20, 8, 16, 60, 10 },
	{ "a tall photo stops at half the screen", 480, 320, 76, 12, 8, 16, 36, 12 },
	{ "a 1-pixel line is one cell", 1, 1, 80, 12, 8, 16, 1, 1 },
	{ "a strip 1 pixel wide is a column, as high as allowed", 1, 10000, 80, 12, 8, 16, 1, 12 },
	{ "unknown cell size: 8 × 16", 80, 80, 80, 40, 0, 0, 10, 5 },
	{ "a real cell size from the terminal", 200, 100, 80, 40, 10, 20, 20, 5 },
	{ "no row limit", 80, 1600, 80, 0, 8, 16, 10, 100 },
};

static void
test_fit(void)
{
	for (size_t i = 0; i < ARRAY_LEN(fits); i++) {
		int cols = -1, rows = -1;

		image_fit(fits[i].w, fits[i].h, fits[i].max_cols, fits[i].max_rows,
		          fits[i].cell_w, fits[i].cell_h, &cols, &rows);
		ok(cols == fits[i].cols && rows == fits[i].rows, "%s: %u×%u px in %d×%d cells",
		   fits[i].what, fits[i].w, fits[i].h, cols, rows);
		if (cols != fits[i].cols || rows != fits[i].rows)
			printf("#   want %d×%d\n", fits[i].cols, fits[i].rows);
	}
}

/* ---- which protocol ----------------------------------------------------- */

static const struct {
	const char *what;
	int mode, ncolors, utf8;
	const char *env[4];
	enum image_proto want;
} detects[] = {
	{ "xterm with 256 colours: symbols", IMAGE_AUTO, 256, 1,
	  { "TERM=xterm-256color" }, PROTO_SYMBOLS },
	{ "kitty: the kitty protocol", IMAGE_AUTO, 256, 1, { "TERM=xterm-kitty" }, PROTO_KITTY },
	{ "iTerm2: its own protocol", IMAGE_AUTO, 256, 1,
	  { "TERM=xterm-256color", "TERM_PROGRAM=iTerm.app" }, PROTO_ITERM },
	{ "foot: sixel", IMAGE_AUTO, 256, 1, { "TERM=foot" }, PROTO_SIXEL },
	{ "kitty inside tmux: symbols", IMAGE_AUTO, 256, 1,
	  { "TERM=xterm-kitty", "TMUX=/tmp/tmux-0/default,1,0" }, PROTO_SYMBOLS },
	{ "a Linux console with 8 colours: symbols", IMAGE_AUTO, 8, 1,
	  { "TERM=linux" }, PROTO_SYMBOLS },
	{ "no colours: captions only", IMAGE_AUTO, 0, 1, { "TERM=vt100" }, PROTO_NONE },
	{ "NO_COLOR: captions only", IMAGE_AUTO, 256, 1,
	  { "TERM=xterm-256color", "NO_COLOR=1" }, PROTO_NONE },
	{ "not a UTF-8 locale: captions only", IMAGE_AUTO, 256, 0,
	  { "TERM=xterm-256color" }, PROTO_NONE },
	{ "images symbols on kitty: symbols", IMAGE_SYMBOLS, 256, 1,
	  { "TERM=xterm-kitty" }, PROTO_SYMBOLS },
	{ "images sixel where nothing says so: sixel", IMAGE_SIXEL, 256, 1,
	  { "TERM=xterm-256color" }, PROTO_SIXEL },
	{ "images off: captions only", IMAGE_OFF, 256, 1,
	  { "TERM=xterm-kitty" }, PROTO_NONE },
};

static void
test_detect(void)
{
	for (size_t i = 0; i < ARRAY_LEN(detects); i++) {
		char *env[5] = { 0 };
		enum image_proto got;

		for (size_t k = 0; k < 4 && detects[i].env[k] != NULL; k++)
			env[k] = (char *)detects[i].env[k];
		got = image_detect(detects[i].mode, env, detects[i].ncolors,
		                   detects[i].utf8);
		ok(got == detects[i].want, "%s (%s)", detects[i].what, image_proto_name(got));
	}
	ok(image_mode_parse("auto") == IMAGE_AUTO && image_mode_parse("symbols") == IMAGE_SYMBOLS &&
	   image_mode_parse("off") == IMAGE_OFF && image_mode_parse("kitty") == IMAGE_KITTY &&
	   image_mode_parse("sixel") == IMAGE_SIXEL && image_mode_parse("iterm") == IMAGE_ITERM &&
	   image_mode_parse("on") == -1, "the images setting's words");
}

/* ---- drawing ------------------------------------------------------------ */

/* 16 × 16 pixels: the left half pure red, the right half pure blue. */
static void
two_halves(struct image *im)
{
	im->w = im->h = 16;
	im->rgba = xmalloc(16 * 16 * 4);
	for (unsigned i = 0; i < 16 * 16; i++) {
		unsigned char *p = im->rgba + i * 4;

		p[0] = i % 16 < 8 ? 255 : 0;
		p[1] = 0;
		p[2] = i % 16 < 8 ? 0 : 255;
		p[3] = 255;
	}
}

static int
has_colour(const struct image_cell *c, int colour)
{
	return (c->bg == colour && (c->ch == ' ' || c->fg == colour)) ||
	       (c->fg == colour && c->ch == 0x2588);
}

static void
test_cells(void)
{
	struct image im;
	struct image_cell cells[2 * 1], wide[4 * 2];
	struct err e = { "" };
	int narrow = 1;

	two_halves(&im);
	memset(cells, 0, sizeof cells);
	ok(image_cells(&im, 2, 1, 256, 0, cells, &e) == 0, "a picture in 2 × 1 cells");
	ok(has_colour(&cells[0], 196) && has_colour(&cells[1], 21),
	   "256 colours: the red half is colour 196, the blue half colour 21 "
	   "(U+%04X %d/%d, U+%04X %d/%d)", (unsigned)cells[0].ch, cells[0].fg,
	   cells[0].bg, (unsigned)cells[1].ch, cells[1].fg, cells[1].bg);
	ok(image_cells(&im, 2, 1, 16, 0, cells, &e) == 0 &&
	   cells[0].fg < 16 && cells[0].bg < 16 && cells[1].fg < 16 && cells[1].bg < 16,
	   "16 colours: no colour number past 15");
	image_cells(&im, 4, 2, 256, 1, wide, &e);
	for (size_t i = 0; i < ARRAY_LEN(wide); i++)
		if ((wide[i].ch >= 0x2580 && wide[i].ch <= 0x258f) ||
		    (wide[i].ch >= 0x2592 && wide[i].ch <= 0x2595))
			narrow = 0;
	ok(narrow, "ambiguous width 2: no block a CJK terminal draws two columns wide");
	ok(image_cells(&im, 0, 1, 256, 0, cells, &e) < 0, "no room: an error, not a crash");
	image_free(&im);
}

static int
starts(const struct buf *b, const char *s)
{
	return b->len >= strlen(s) && memcmp(b->data, s, strlen(s)) == 0;
}

static int
ends(const struct buf *b, const char *s)
{
	size_t n = strlen(s);

	return b->len >= n && memcmp(b->data + b->len - n, s, n) == 0;
}

static void
test_bytes(void)
{
	struct image im;
	struct buf b;
	struct err e = { "" };

	two_halves(&im);
	buf_init(&b, 0);
	image_bytes(&im, PROTO_SIXEL, 2, 1, 0, 1, 8, 16, 256, &b, &e);
	ok(starts(&b, "\033P") && memchr(b.data, 'q', b.len) && strstr(b.data, "\"1;1;16;") &&
	   ends(&b, "\033\\"), "sixel: DCS … q, raster 16 pixels wide for 2 cells of 8, ST");
	b.len = 0;
	image_bytes(&im, PROTO_KITTY, 2, 1, 0, 1, 8, 16, 256, &b, &e);
	ok(starts(&b, "\033_Ga=T,f=32,s=16,v=16,c=2,r=1") && ends(&b, "\033\\"),
	   "kitty: transmit and show 16×16 RGBA in 2×1 cells, APC … ST");
	b.len = 0;
	image_bytes(&im, PROTO_ITERM, 2, 1, 0, 1, 8, 16, 256, &b, &e);
	ok(starts(&b, "\033]1337;File=") && ends(&b, "\a"), "iTerm2: OSC 1337 File= … BEL");
	b.len = 0;
	image_bytes(&im, PROTO_KITTY, 2, 4, 1, 2, 8, 16, 256, &b, &e);
	ok(starts(&b, "\033_Ga=T,f=32,s=16,v=32,c=2,r=2"),
	   "kitty: rows 1-2 of a picture 4 rows high are 2 rows of 32 pixels");
	b.len = 0;
	image_bytes(&im, PROTO_SYMBOLS, 2, 2, 0, 2, 8, 16, 256, &b, &e);
	ok(strstr(b.data, "\033[") && strstr(b.data, "5;196m") && strstr(b.data, "5;21m") &&
	   memchr(b.data, '\n', b.len), "symbols: colour escapes, red 196 and blue 21, a row a line");
	ok(image_bytes(&im, PROTO_SIXEL, 2, 2, 1, 2, 8, 16, 256, &b, &e) < 0,
	   "rows past the picture's end: an error");
	buf_free(&b);
	image_free(&im);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (!image_supported()) {
		printf("1..0 # SKIP built without libchafa\n");
		return 0;
	}
	test_decode();
	test_pixels();
	test_bombs();
	test_frames();
	test_fit();
	test_detect();
	test_cells();
	test_bytes();
	return done_testing();
}
