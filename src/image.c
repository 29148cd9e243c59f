/* image.c: pictures decoded by libjpeg(-turbo), libpng, libwebp and giflib,
 * drawn by libchafa.
 *
 * Every decoder reads the header first and checks the size against the
 * limits before it allocates the pixels, so a decompression bomb (a small
 * file declaring a huge or absurdly long picture) costs nothing.  Data that
 * ends early is an error, not a half-grey picture. */
#include "config.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "image.h"
#include "image_libs.h"

#if defined(HAVE_LIBJPEG) || defined(HAVE_LIBPNG) || defined(HAVE_LIBWEBP) || \
    defined(HAVE_GIFLIB)
#define HAVE_DECODERS 1
#endif

#define JPEG_MAX_SCANS   256            /* a progressive JPEG's scans */
#define JPEG_MAX_MEMORY  (160L << 20)   /* libjpeg's own work memory */
#define DEFAULT_CELL_W   8
#define DEFAULT_CELL_H   16

static const char *const mode_names[] = {
	[IMAGE_AUTO] = "auto", [IMAGE_SYMBOLS] = "symbols",
	[IMAGE_SIXEL] = "sixel", [IMAGE_KITTY] = "kitty",
	[IMAGE_ITERM] = "iterm", [IMAGE_OFF] = "off",
};

static const char *const proto_names[] = {
	[PROTO_NONE] = "none", [PROTO_SYMBOLS] = "symbols",
	[PROTO_SIXEL] = "sixel", [PROTO_KITTY] = "kitty", [PROTO_ITERM] = "iterm",
};

int
image_mode_parse(const char *s)
{
	for (size_t i = 0; s != NULL && i < ARRAY_LEN(mode_names); i++)
		if (strcmp(s, mode_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
image_mode_name(int mode)
{
	return mode >= 0 && mode < (int)ARRAY_LEN(mode_names) ? mode_names[mode] : "?";
}

const char *
image_proto_name(enum image_proto p)
{
	return (size_t)p < ARRAY_LEN(proto_names) ? proto_names[p] : "?";
}

int
image_supported(void)
{
#ifdef HAVE_CHAFA
	return 1;
#else
	return 0;
#endif
}

const char *
image_chafa_version(void)
{
#ifdef HAVE_CHAFA
	return CHAFA_VERSION_TEXT;
#else
	return NULL;
#endif
}

const char *
image_formats(void)
{
	return ""
#if defined(HAVE_CHAFA) && defined(HAVE_LIBJPEG)
	       " JPEG"
#endif
#if defined(HAVE_CHAFA) && defined(HAVE_LIBPNG)
	       " PNG"
#endif
#if defined(HAVE_CHAFA) && defined(HAVE_LIBWEBP)
	       " WebP"
#endif
#if defined(HAVE_CHAFA) && defined(HAVE_GIFLIB)
	       " GIF"
#endif
	       ;
}

/* ---- formats and limits ------------------------------------------------ */

enum format { F_NONE, F_JPEG, F_PNG, F_WEBP, F_GIF };

static enum format
sniff(const unsigned char *p, size_t len)
{
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return F_JPEG;
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return F_PNG;
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return F_WEBP;
	if (len >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return F_GIF;
	return F_NONE;
}

const char *
image_sniff(const void *data, size_t len)
{
	static const char *const names[] = {
		[F_NONE] = NULL, [F_JPEG] = "JPEG", [F_PNG] = "PNG",
		[F_WEBP] = "WebP", [F_GIF] = "GIF",
	};

	return data != NULL ? names[sniff(data, len)] : NULL;
}

#ifdef HAVE_DECODERS
/* The header's size against the limits: 0, or -1 with the reason. */
static int
check_size(unsigned long w, unsigned long h, struct err *e)
{
	if (w == 0 || h == 0)
		return err_set(e, _("damaged picture (%lu×%lu pixels)"), w, h);
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
		return err_set(e, _("not shown: %lu×%lu pixels, more than %d on a side"),
		               w, h, IMAGE_MAX_SIDE);
	if ((unsigned long long)w * h > IMAGE_MAX_PIXELS)
		return err_set(e, _("not shown: %lu×%lu pixels, more than %u million"),
		               w, h, IMAGE_MAX_PIXELS >> 20);
	return 0;
}

static void
image_alloc(struct image *im, unsigned w, unsigned h)
{
	im->w = w;
	im->h = h;
	im->rgba = xcalloc((size_t)w * h, 4);
}
#endif

void
image_free(struct image *im)
{
	if (im == NULL)
		return;
	free(im->rgba);
	memset(im, 0, sizeof *im);
}

/* ---- JPEG --------------------------------------------------------------- */
#ifdef HAVE_LIBJPEG

struct jpeg_fail {
	struct jpeg_error_mgr pub;
	struct jpeg_progress_mgr progress;
	jmp_buf jump;
	char msg[JMSG_LENGTH_MAX];
	int cut;            /* the data ended early */
};

static void
jpeg_error_exit(j_common_ptr c)
{
	struct jpeg_fail *f = (struct jpeg_fail *)c->err;

	c->err->format_message(c, f->msg);
	longjmp(f->jump, 1);
}

/* Warnings: libjpeg fills a cut-short file with grey and goes on; we
 * stop instead, and say so. */
static void
jpeg_emit(j_common_ptr c, int level)
{
	struct jpeg_fail *f = (struct jpeg_fail *)c->err;

	if (level >= 0)
		return;
	if (c->err->msg_code == JWRN_JPEG_EOF) {
		f->cut = 1;
		strcpy(f->msg, "EOF");
		longjmp(f->jump, 1);
	}
	c->err->num_warnings++;
}

/* A progressive JPEG of thousands of scans takes minutes; none needs more
 * than a few dozen. */
static void
jpeg_progress(j_common_ptr c)
{
	struct jpeg_fail *f = (struct jpeg_fail *)c->err;
	j_decompress_ptr d = (j_decompress_ptr)c;

	if (d->input_scan_number > JPEG_MAX_SCANS) {
		snprintf(f->msg, sizeof f->msg, "more than %d scans", JPEG_MAX_SCANS);
		longjmp(f->jump, 1);
	}
}

/* The largest 1/2^k (k <= 3) scaling that keeps both sides at least
 * IMAGE_DECODE_SIDE (or the picture as it is when smaller). */
static unsigned
jpeg_denom(unsigned w, unsigned h)
{
	unsigned d = 1;

	while (d < 8 && w / (d * 2) >= IMAGE_DECODE_SIDE && h / (d * 2) >= IMAGE_DECODE_SIDE)
		d *= 2;
	return d;
}

/* One output row to RGBA: RGB and grey by libjpeg-turbo, CMYK (Adobe's,
 * stored inverted) by hand. */
static void
jpeg_row(const struct jpeg_decompress_struct *d, const JSAMPLE *in,
         unsigned char *out)
{
	for (JDIMENSION x = 0; x < d->output_width; x++) {
		const JSAMPLE *p = in + (size_t)x * (size_t)d->output_components;
		unsigned char *o = out + (size_t)x * 4;

		if (d->out_color_space == JCS_CMYK) {
			o[0] = (unsigned char)(p[0] * p[3] / 255);
			o[1] = (unsigned char)(p[1] * p[3] / 255);
			o[2] = (unsigned char)(p[2] * p[3] / 255);
		} else {
			o[0] = p[0];
			o[1] = p[1];
			o[2] = p[2];
		}
		o[3] = 255;
	}
}

static int
decode_jpeg(const unsigned char *data, size_t len, struct image *out,
            struct err *e)
{
	struct jpeg_decompress_struct d;
	struct jpeg_fail f;
	JSAMPLE *volatile row = NULL;
	volatile int rc = -1;

	memset(&f, 0, sizeof f);
	memset(&d, 0, sizeof d);
	d.err = jpeg_std_error(&f.pub);
	f.pub.error_exit = jpeg_error_exit;
	f.pub.emit_message = jpeg_emit;
	f.progress.progress_monitor = jpeg_progress;
	if (setjmp(f.jump) != 0) {
		if (f.cut)
			err_set(e, _("damaged picture: the JPEG data ends early"));
		else
			err_set(e, _("damaged picture: %s"), f.msg);
		image_free(out);
		goto out;
	}
	jpeg_create_decompress(&d);
	d.progress = &f.progress;
	d.mem->max_memory_to_use = JPEG_MAX_MEMORY;
	jpeg_mem_src(&d, data, (unsigned long)len);
	jpeg_read_header(&d, TRUE);
	if (check_size(d.image_width, d.image_height, e) < 0)
		goto out;
	d.scale_num = 1;
	d.scale_denom = jpeg_denom(d.image_width, d.image_height);
	if (d.jpeg_color_space == JCS_CMYK || d.jpeg_color_space == JCS_YCCK)
		d.out_color_space = JCS_CMYK;
	else
		d.out_color_space = JCS_RGB;
	jpeg_start_decompress(&d);
	image_alloc(out, d.output_width, d.output_height);
	row = xmalloc((size_t)d.output_width * (size_t)d.output_components);
	while (d.output_scanline < d.output_height) {
		JSAMPLE *rows[1] = { row };
		unsigned char *dst = out->rgba + (size_t)d.output_scanline * out->w * 4;

		if (jpeg_read_scanlines(&d, rows, 1) != 1)
			break;
		jpeg_row(&d, row, dst);
	}
	jpeg_finish_decompress(&d);
	rc = 0;
out:
	jpeg_destroy_decompress(&d);
	free(row);
	return rc;
}
#endif

/* ---- PNG ---------------------------------------------------------------- */
#ifdef HAVE_LIBPNG

/* libpng's simplified API: no setjmp of ours, every transformation (palette,
 * grey, 16 bits, interlace, tRNS) done for us. */
static int
decode_png(const unsigned char *data, size_t len, struct image *out,
           struct err *e)
{
	png_image png;
	int rc = -1;

	memset(&png, 0, sizeof png);
	png.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&png, data, len)) {
		err_set(e, _("damaged picture: %s"), png.message);
		goto out;
	}
	if (check_size(png.width, png.height, e) < 0)
		goto out;
	png.format = PNG_FORMAT_RGBA;
	image_alloc(out, png.width, png.height);
	if (!png_image_finish_read(&png, NULL, out->rgba, 0, NULL)) {
		err_set(e, _("damaged picture: %s"), png.message);
		image_free(out);
		goto out;
	}
	rc = 0;
out:
	png_image_free(&png);
	return rc;
}
#endif

/* ---- WebP --------------------------------------------------------------- */
#ifdef HAVE_LIBWEBP

/* An animation's first frame, composed on its canvas. */
static int
webp_first_frame(const unsigned char *data, size_t len, struct image *out,
                 struct err *e)
{
	WebPData wd = { data, len };
	WebPAnimDecoderOptions o;
	WebPAnimDecoder *dec;
	WebPAnimInfo info;
	uint8_t *frame = NULL;
	int ts, rc = -1;

	if (!WebPAnimDecoderOptionsInit(&o))
		return err_set(e, _("damaged picture: %s"), "WebP");
	o.color_mode = MODE_RGBA;
	o.use_threads = 0;
	dec = WebPAnimDecoderNew(&wd, &o);
	if (dec == NULL)
		return err_set(e, _("damaged picture: %s"), "WebP");
	if (!WebPAnimDecoderGetInfo(dec, &info) ||
	    check_size(info.canvas_width, info.canvas_height, e) < 0)
		goto out;
	if (!WebPAnimDecoderGetNext(dec, &frame, &ts)) {
		err_set(e, _("damaged picture: %s"), "WebP");
		goto out;
	}
	image_alloc(out, info.canvas_width, info.canvas_height);
	memcpy(out->rgba, frame, (size_t)out->w * out->h * 4);
	rc = 0;
out:
	WebPAnimDecoderDelete(dec);
	return rc;
}

static int
decode_webp(const unsigned char *data, size_t len, struct image *out,
            struct err *e)
{
	WebPDecoderConfig c;
	unsigned w, h;
	VP8StatusCode st;

	if (!WebPInitDecoderConfig(&c))
		return err_set(e, _("damaged picture: %s"), "WebP");
	st = WebPGetFeatures(data, len, &c.input);
	if (st != VP8_STATUS_OK)
		return err_set(e, _("damaged picture: %s"),
		               st == VP8_STATUS_NOT_ENOUGH_DATA ?
		               _("the WebP data ends early") : "WebP");
	if (check_size((unsigned)c.input.width, (unsigned)c.input.height, e) < 0)
		return -1;
	if (c.input.has_animation)
		return webp_first_frame(data, len, out, e);
	w = (unsigned)c.input.width;
	h = (unsigned)c.input.height;
	while (w / 2 >= IMAGE_DECODE_SIDE && h / 2 >= IMAGE_DECODE_SIDE) {
		w /= 2;
		h /= 2;
		c.options.use_scaling = 1;
		c.options.scaled_width = (int)w;
		c.options.scaled_height = (int)h;
	}
	image_alloc(out, w, h);
	c.output.colorspace = MODE_RGBA;
	c.output.is_external_memory = 1;
	c.output.u.RGBA.rgba = out->rgba;
	c.output.u.RGBA.stride = (int)w * 4;
	c.output.u.RGBA.size = (size_t)w * h * 4;
	c.options.use_threads = 0;
	st = WebPDecode(data, len, &c);
	WebPFreeDecBuffer(&c.output);
	if (st != VP8_STATUS_OK) {
		image_free(out);
		return err_set(e, _("damaged picture: %s"),
		               st == VP8_STATUS_NOT_ENOUGH_DATA ?
		               _("the WebP data ends early") : "WebP");
	}
	return 0;
}
#endif

/* ---- GIF ---------------------------------------------------------------- */
#ifdef HAVE_GIFLIB

struct gif_src {
	const unsigned char *p;
	size_t len, at;
};

static int
gif_read(GifFileType *g, GifByteType *buf, int n)
{
	struct gif_src *s = g->UserData;
	size_t k = n < 0 ? 0 : (size_t)n;

	if (k > s->len - s->at)
		k = s->len - s->at;
	memcpy(buf, s->p + s->at, k);
	s->at += k;
	return (int)k;
}

/* The transparent colour index of a Graphic Control Extension, or -1. */
static int
gif_transparent(const GifByteType *ext)
{
	if (ext == NULL || ext[0] < 4 || !(ext[1] & 1))
		return -1;
	return ext[4];
}

/* The rows of an interlaced frame in the order they are stored. */
static int
gif_row(int i, int h, int interlaced)
{
	static const int start[] = { 0, 4, 2, 1 }, step[] = { 8, 8, 4, 2 };

	if (!interlaced)
		return i;
	for (int pass = 0; pass < 4; pass++) {
		int n = h > start[pass] ? (h - start[pass] + step[pass] - 1) / step[pass] : 0;

		if (i < n)
			return start[pass] + i * step[pass];
		i -= n;
	}
	return -1;
}

/* Reads the first frame's pixels onto the canvas (clipped to it). */
static int
gif_frame(GifFileType *g, int transparent, struct image *out, struct err *e)
{
	const GifImageDesc *d = &g->Image;
	const ColorMapObject *cm = d->ColorMap ? d->ColorMap : g->SColorMap;
	GifPixelType *line;
	int rc = 0;

	if (cm == NULL || cm->Colors == NULL)
		return err_set(e, _("damaged picture: %s"), _("a GIF without colours"));
	line = xmalloc((size_t)d->Width + 1);
	for (int i = 0; i < d->Height && rc == 0; i++) {
		int y = gif_row(i, d->Height, d->Interlace) + d->Top;

		if (DGifGetLine(g, line, d->Width) != GIF_OK) {
			rc = err_set(e, _("damaged picture: %s"), _("the GIF data ends early"));
			break;
		}
		for (int x = 0; y >= 0 && (unsigned)y < out->h && x < d->Width; x++) {
			unsigned cx = (unsigned)(x + d->Left);
			unsigned char *o = out->rgba + ((size_t)y * out->w + cx) * 4;
			const GifColorType *c;

			if (cx >= out->w || line[x] == transparent || line[x] >= cm->ColorCount)
				continue;
			c = &cm->Colors[line[x]];
			o[0] = c->Red;
			o[1] = c->Green;
			o[2] = c->Blue;
			o[3] = 255;
		}
	}
	free(line);
	return rc;
}

/* Skips an extension, noting a Graphic Control Extension's transparency. */
static int
gif_extension(GifFileType *g, int *transparent)
{
	GifByteType *ext = NULL;
	int code;

	if (DGifGetExtension(g, &code, &ext) != GIF_OK)
		return -1;
	if (code == GRAPHICS_EXT_FUNC_CODE)
		*transparent = gif_transparent(ext);
	while (ext != NULL)
		if (DGifGetExtensionNext(g, &ext) != GIF_OK)
			return -1;
	return 0;
}

static int
decode_gif(const unsigned char *data, size_t len, struct image *out,
           struct err *e)
{
	struct gif_src src = { data, len, 0 };
	int error = 0, transparent = -1, rc = -1;
	GifRecordType type;
	GifFileType *g = DGifOpen(&src, gif_read, &error);

	if (g == NULL)
		return err_set(e, _("damaged picture: %s"), GifErrorString(error));
	if (check_size((unsigned)g->SWidth, (unsigned)g->SHeight, e) < 0)
		goto out;
	for (;;) {
		if (DGifGetRecordType(g, &type) != GIF_OK ||
		    type == TERMINATE_RECORD_TYPE) {
			err_set(e, _("damaged picture: %s"), _("a GIF without a frame"));
			goto out;
		}
		if (type == EXTENSION_RECORD_TYPE && gif_extension(g, &transparent) < 0) {
			err_set(e, _("damaged picture: %s"), _("the GIF data ends early"));
			goto out;
		}
		if (type == IMAGE_DESC_RECORD_TYPE)
			break;
	}
	if (DGifGetImageDesc(g) != GIF_OK) {
		err_set(e, _("damaged picture: %s"), _("the GIF data ends early"));
		goto out;
	}
	/* a frame may be larger than the canvas; its pixels are decoded all
	 * the same */
	if (check_size((unsigned)g->Image.Width, (unsigned)g->Image.Height, e) < 0)
		goto out;
	image_alloc(out, (unsigned)g->SWidth, (unsigned)g->SHeight);
	rc = gif_frame(g, transparent, out, e);
	if (rc < 0)
		image_free(out);
out:
	DGifCloseFile(g, &error);
	return rc;
}
#endif

#ifdef HAVE_DECODERS
/* One pixel of the k × k block at (bx, by), clipped to the picture:
 * colours averaged by their alpha, so a transparent pixel's colour does
 * not darken the edge it borders. */
static void
shrink_block(const struct image *im, unsigned k, unsigned bx, unsigned by,
             unsigned char *o)
{
	unsigned long long sum[4] = { 0 };
	unsigned n = 0;

	for (unsigned y = by * k; y < by * k + k && y < im->h; y++)
		for (unsigned x = bx * k; x < bx * k + k && x < im->w; x++) {
			const unsigned char *p = im->rgba + ((size_t)y * im->w + x) * 4;

			for (int c = 0; c < 3; c++)
				sum[c] += (unsigned)p[c] * p[3];
			sum[3] += p[3];
			n++;
		}
	for (int c = 0; c < 3; c++)
		o[c] = (unsigned char)(sum[3] > 0 ? (sum[c] + sum[3] / 2) / sum[3] : 0);
	o[3] = (unsigned char)((sum[3] + n / 2) / n);
}

/* Averages a picture over IMAGE_KEEP_PIXELS down by the smallest whole
 * factor that brings it within: the pixels an article keeps are bounded
 * whatever the formats' own scaling could do. */
static void
image_shrink(struct image *im)
{
	struct image small;
	unsigned k = 1;

	while ((unsigned long long)((im->w + k - 1) / k) * ((im->h + k - 1) / k) >
	       IMAGE_KEEP_PIXELS)
		k++;
	if (k == 1)
		return;
	image_alloc(&small, (im->w + k - 1) / k, (im->h + k - 1) / k);
	for (unsigned y = 0; y < small.h; y++)
		for (unsigned x = 0; x < small.w; x++)
			shrink_block(im, k, x, y, small.rgba + ((size_t)y * small.w + x) * 4);
	image_free(im);
	*im = small;
}
#endif

#ifdef HAVE_CHAFA
/* 1, saying why, when lib cannot be opened (it is, when first asked). */
static int
lib_missing(enum image_lib lib, struct err *e)
{
	const char *why = image_lib_error(lib);

	if (why == NULL)
		return 0;
	err_set(e, _("pictures cannot be shown: %s"), why);
	return 1;
}
#else
static int
lib_missing(enum image_lib lib, struct err *e)
{
	(void)lib;
	(void)e;
	return 0;
}
#endif

static int
decode_format(enum format f, const void *data, size_t len, struct image *out,
              struct err *e)
{
#ifndef HAVE_DECODERS
	(void)out;
#endif
	if (len > IMAGE_MAX_BYTES)
		return err_set(e, _("not shown: %zu KiB, more than %u MiB"),
		               len >> 10, IMAGE_MAX_BYTES >> 20);
	if (f == F_NONE)
		return err_set(e, _("not a picture gxnews can show"));
	if (!image_supported())
		return err_set(e, _("this gxnews was built without pictures"));
	if (lib_missing(f == F_JPEG ? IMAGE_LIB_JPEG : f == F_PNG ? IMAGE_LIB_PNG :
	                f == F_WEBP ? IMAGE_LIB_WEBP : IMAGE_LIB_GIF, e))
		return -1;
	switch (f) {
#ifdef HAVE_LIBJPEG
	case F_JPEG:
		return decode_jpeg(data, len, out, e);
#endif
#ifdef HAVE_LIBPNG
	case F_PNG:
		return decode_png(data, len, out, e);
#endif
#ifdef HAVE_LIBWEBP
	case F_WEBP:
		return decode_webp(data, len, out, e);
#endif
#ifdef HAVE_GIFLIB
	case F_GIF:
		return decode_gif(data, len, out, e);
#endif
	default:
		return err_set(e, _("this gxnews cannot decode %s pictures"),
		               image_sniff(data, len));
	}
}

int
image_decode(const void *data, size_t len, struct image *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (decode_format(data != NULL ? sniff(data, len) : F_NONE, data, len, out, e) < 0)
		return -1;
#ifdef HAVE_DECODERS
	image_shrink(out);
#endif
	return 0;
}

/* ---- size on the screen ------------------------------------------------- */

void
image_cell_size(int fd, int *cell_w, int *cell_h)
{
	struct winsize ws;

	*cell_w = DEFAULT_CELL_W;
	*cell_h = DEFAULT_CELL_H;
	if (fd < 0 || ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0 || ws.ws_row == 0 ||
	    ws.ws_xpixel < ws.ws_col || ws.ws_ypixel < ws.ws_row)
		return;
	*cell_w = ws.ws_xpixel / ws.ws_col;
	*cell_h = ws.ws_ypixel / ws.ws_row;
}

void
image_fit(unsigned w, unsigned h, int max_cols, int max_rows, int cell_w,
          int cell_h, int *cols, int *rows)
{
	double cw = cell_w > 0 ? cell_w : DEFAULT_CELL_W;
	double ch = cell_h > 0 ? cell_h : DEFAULT_CELL_H;
	double c, r;

	if (w == 0 || h == 0) {
		*cols = *rows = 1;
		return;
	}
	c = w / cw;
	if (max_cols > 0 && c > max_cols)
		c = max_cols;
	r = c * cw * h / w / ch;
	if (max_rows > 0 && r > max_rows) {
		r = max_rows;
		c = r * ch * w / h / cw;
	}
	*cols = c < 1 ? 1 : (int)(c + 0.5);
	*rows = r < 1 ? 1 : (int)(r + 0.5);
	if (max_cols > 0 && *cols > max_cols)
		*cols = max_cols;
	if (max_rows > 0 && *rows > max_rows)
		*rows = max_rows;
}

/* ---- drawing with libchafa ----------------------------------------------- */
#ifdef HAVE_CHAFA

/* A multiplexer in between: it passes no graphics of its own accord. */
static int
behind_multiplexer(char **envp)
{
	for (char **p = envp; p != NULL && *p != NULL; p++)
		if (str_starts(*p, "TMUX=") || str_starts(*p, "STY="))
			return 1;
	return 0;
}

static int
env_has(char **envp, const char *name)
{
	size_t n = strlen(name);

	for (char **p = envp; p != NULL && *p != NULL; p++)
		if (strncmp(*p, name, n) == 0 && (*p)[n] == '=')
			return 1;
	return 0;
}

static enum image_proto
detect_pixels(char **envp)
{
	ChafaTermDb *db;
	ChafaTermInfo *ti;
	enum image_proto p = PROTO_SYMBOLS;

	if (image_lib_error(IMAGE_LIB_CHAFA) != NULL)
		return p;      /* drawing says why */
	db = chafa_term_db_get_default();
	ti = chafa_term_db_detect(db, envp);

	if (chafa_term_info_have_seq(ti, CHAFA_TERM_SEQ_BEGIN_KITTY_IMMEDIATE_IMAGE_V1))
		p = PROTO_KITTY;
	else if (chafa_term_info_have_seq(ti, CHAFA_TERM_SEQ_BEGIN_ITERM2_IMAGE))
		p = PROTO_ITERM;
	else if (chafa_term_info_have_seq(ti, CHAFA_TERM_SEQ_BEGIN_SIXELS))
		p = PROTO_SIXEL;
	chafa_term_info_unref(ti);
	return p;
}

enum image_proto
image_detect(int mode, char **envp, int ncolors, int utf8)
{
	static const enum image_proto named[] = {
		[IMAGE_SIXEL] = PROTO_SIXEL, [IMAGE_KITTY] = PROTO_KITTY,
		[IMAGE_ITERM] = PROTO_ITERM,
	};

	if (mode == IMAGE_OFF || mode < 0 || mode > IMAGE_OFF)
		return PROTO_NONE;
	if (mode == IMAGE_SIXEL || mode == IMAGE_KITTY || mode == IMAGE_ITERM)
		return named[mode];
	if (ncolors < 8 || !utf8 || env_has(envp, "NO_COLOR"))
		return PROTO_NONE;
	if (mode == IMAGE_SYMBOLS || behind_multiplexer(envp))
		return PROTO_SYMBOLS;
	return detect_pixels(envp);
}

static ChafaCanvasMode
canvas_mode(int ncolors)
{
	if (ncolors >= 256)
		return CHAFA_CANVAS_MODE_INDEXED_240;
	if (ncolors >= 16)
		return CHAFA_CANVAS_MODE_INDEXED_16;
	return CHAFA_CANVAS_MODE_INDEXED_8;
}

static const ChafaPixelMode pixel_modes[] = {
	[PROTO_NONE] = CHAFA_PIXEL_MODE_SYMBOLS,
	[PROTO_SYMBOLS] = CHAFA_PIXEL_MODE_SYMBOLS,
	[PROTO_SIXEL] = CHAFA_PIXEL_MODE_SIXELS,
	[PROTO_KITTY] = CHAFA_PIXEL_MODE_KITTY,
	[PROTO_ITERM] = CHAFA_PIXEL_MODE_ITERM2,
};

/* A canvas of cols × rows cells holding the picture's pixel rows
 * [y0, y1). */
static ChafaCanvas *
canvas_draw(const struct image *im, enum image_proto p, int cols, int rows,
            unsigned y0, unsigned y1, int cell_w, int cell_h, int ncolors,
            int wide)
{
	ChafaCanvasConfig *cc;
	ChafaSymbolMap *map;
	ChafaCanvas *c;

	/* One thread: a picture of a few thousand cells takes milliseconds,
	 * and worker threads would outlive the reader's every picture. */
	if (chafa_get_n_threads() != 1)
		chafa_set_n_threads(1);
	cc = chafa_canvas_config_new();
	map = chafa_symbol_map_new();

	chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_SPACE);
	chafa_symbol_map_remove_by_tags(map, CHAFA_SYMBOL_TAG_WIDE | CHAFA_SYMBOL_TAG_BAD);
	if (wide) {
		/* East Asian Width A (UAX #11): two columns on such a terminal */
		chafa_symbol_map_remove_by_range(map, 0x2580, 0x258f);
		chafa_symbol_map_remove_by_range(map, 0x2592, 0x2595);
	}
	chafa_canvas_config_set_symbol_map(cc, map);
	chafa_canvas_config_set_geometry(cc, cols, rows);
	chafa_canvas_config_set_cell_geometry(cc, cell_w > 0 ? cell_w : DEFAULT_CELL_W,
	                                      cell_h > 0 ? cell_h : DEFAULT_CELL_H);
	chafa_canvas_config_set_canvas_mode(cc, p == PROTO_SYMBOLS ?
	                                    canvas_mode(ncolors) :
	                                    CHAFA_CANVAS_MODE_TRUECOLOR);
	chafa_canvas_config_set_pixel_mode(cc, pixel_modes[p]);
	c = chafa_canvas_new(cc);
	chafa_canvas_draw_all_pixels(c, CHAFA_PIXEL_RGBA8_UNASSOCIATED,
	                             im->rgba + (size_t)y0 * im->w * 4, (gint)im->w,
	                             (gint)(y1 - y0), (gint)im->w * 4);
	chafa_symbol_map_unref(map);
	chafa_canvas_config_unref(cc);
	return c;
}

static int
check_box(const struct image *im, int cols, int rows, struct err *e)
{
	if (im == NULL || im->rgba == NULL || im->w == 0 || im->h == 0)
		return err_set(e, _("no picture"));
	if (cols < 1 || rows < 1 || cols > 4096 || rows > 4096)
		return err_set(e, _("no room for the picture"));
	return 0;
}

int
image_cells(const struct image *im, int cols, int rows, int ncolors, int wide,
            struct image_cell *out, struct err *e)
{
	ChafaCanvas *c;

	if (check_box(im, cols, rows, e) < 0 || lib_missing(IMAGE_LIB_CHAFA, e))
		return -1;
	c = canvas_draw(im, PROTO_SYMBOLS, cols, rows, 0, im->h, 0, 0, ncolors, wide);
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			struct image_cell *o = &out[(size_t)y * (size_t)cols + (size_t)x];
			gint fg, bg;

			o->ch = chafa_canvas_get_char_at(c, x, y);
			chafa_canvas_get_raw_colors_at(c, x, y, &fg, &bg);
			o->fg = (short)(fg >= 0 && fg < ncolors ? fg : -1);
			o->bg = (short)(bg >= 0 && bg < ncolors ? bg : -1);
		}
	chafa_canvas_unref(c);
	return 0;
}

int
image_bytes(const struct image *im, enum image_proto p, int cols, int rows,
            int row0, int nrows, int cell_w, int cell_h, int ncolors,
            struct buf *out, struct err *e)
{
	ChafaTermInfo *ti;
	ChafaCanvas *c;
	GString *s;
	unsigned y0, y1;

	if (check_box(im, cols, rows, e) < 0 || lib_missing(IMAGE_LIB_CHAFA, e))
		return -1;
	if (p == PROTO_NONE || (size_t)p >= ARRAY_LEN(pixel_modes))
		return err_set(e, _("pictures are off"));
	if (row0 < 0 || nrows < 1 || row0 + nrows > rows)
		return err_set(e, _("no room for the picture"));
	y0 = (unsigned)((unsigned long long)row0 * im->h / (unsigned)rows);
	y1 = (unsigned)((unsigned long long)(row0 + nrows) * im->h / (unsigned)rows);
	if (y1 <= y0)
		y1 = y0 + 1;
	c = canvas_draw(im, p, cols, nrows, y0, y1, cell_w, cell_h, ncolors, 0);
	/* the fallback knows every sequence: the caller chose the protocol */
	ti = chafa_term_db_get_fallback_info(chafa_term_db_get_default());
	s = chafa_canvas_print(c, ti);
	buf_add(out, s->str, s->len);
	g_string_free(s, TRUE);
	chafa_term_info_unref(ti);
	chafa_canvas_unref(c);
	return 0;
}

#else /* !HAVE_CHAFA */

enum image_proto
image_detect(int mode, char **envp, int ncolors, int utf8)
{
	(void)mode;
	(void)envp;
	(void)ncolors;
	(void)utf8;
	return PROTO_NONE;
}

int
image_cells(const struct image *im, int cols, int rows, int ncolors, int wide,
            struct image_cell *out, struct err *e)
{
	(void)im;
	(void)cols;
	(void)rows;
	(void)ncolors;
	(void)wide;
	(void)out;
	return err_set(e, _("this gxnews was built without pictures"));
}

int
image_bytes(const struct image *im, enum image_proto p, int cols, int rows,
            int row0, int nrows, int cell_w, int cell_h, int ncolors,
            struct buf *out, struct err *e)
{
	(void)im;
	(void)p;
	(void)cols;
	(void)rows;
	(void)row0;
	(void)nrows;
	(void)cell_w;
	(void)cell_h;
	(void)ncolors;
	(void)out;
	return err_set(e, _("this gxnews was built without pictures"));
}

#endif
