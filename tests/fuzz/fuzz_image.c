/* fuzz_image.c: the picture decoders on hostile files, one target per
 * format (fuzz_jpeg.c, fuzz_png.c, fuzz_webp.c, fuzz_gif.c hold the
 * libFuzzer entries).  The input's first bytes are made the format's
 * signature (and a PNG's chunk CRCs right), so every run reaches its
 * decoder.  Checks: a decoded picture
 * is within the limits and has its pixels; a refusal says why in valid
 * UTF-8 without controls (it becomes a caption line); a decoded picture
 * fits any box and draws as cells. */
#include "config.h"

#include <string.h>
#include "fuzz.h"
#include "image.h"

static void
check_picture(const struct image *im)
{
	int cols = 0, rows = 0;
	struct image_cell cells[6 * 3];
	struct err e = { "" };

	FUZZ_CHECK(im->rgba != NULL, "a decoded picture has pixels");
	FUZZ_CHECK(im->w > 0 && im->h > 0 && im->w <= IMAGE_MAX_SIDE &&
	           im->h <= IMAGE_MAX_SIDE, "a decoded picture is within the side limit");
	FUZZ_CHECK((unsigned long long)im->w * im->h <= IMAGE_MAX_PIXELS,
	           "a decoded picture is within the pixel limit");
	image_fit(im->w, im->h, 80, 24, 0, 0, &cols, &rows);
	FUZZ_CHECK(cols >= 1 && cols <= 80 && rows >= 1 && rows <= 24,
	           "a picture fits an 80 × 24 box");
	if (image_supported())
		FUZZ_CHECK(image_cells(im, 6, 3, 256, 0, cells, &e) == 0,
		           "a decoded picture draws as cells");
}

static uint32_t
crc32_png(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return c ^ 0xffffffffu;
}

/* PNG chunks carry a CRC a mutation almost always breaks: set them right,
 * so the inputs reach the decoder instead of its checksum test. */
static void
fix_png_crcs(uint8_t *p, size_t size)
{
	size_t at = 8;

	while (at + 12 <= size) {
		size_t len = (size_t)p[at] << 24 | (size_t)p[at + 1] << 16 |
		             (size_t)p[at + 2] << 8 | p[at + 3];
		uint32_t crc;

		if (len > size - at - 12)
			return;
		crc = crc32_png(p + at + 4, len + 4);
		p[at + 8 + len] = (uint8_t)(crc >> 24);
		p[at + 9 + len] = (uint8_t)(crc >> 16);
		p[at + 10 + len] = (uint8_t)(crc >> 8);
		p[at + 11 + len] = (uint8_t)crc;
		at += len + 12;
	}
}

static int
fuzz_as(const char *magic, size_t mlen, size_t at2, const char *magic2,
        void (*fix)(uint8_t *, size_t), const uint8_t *data, size_t size)
{
	uint8_t *copy;
	struct image im;
	struct err e = { "" };
	size_t need = magic2 ? at2 + strlen(magic2) : mlen;

	fuzz_locale();
	if (size < need)
		return 0;
	copy = malloc(size);
	if (copy == NULL)
		abort();
	memcpy(copy, data, size);
	memcpy(copy, magic, mlen);
	if (magic2 != NULL)
		memcpy(copy + at2, magic2, strlen(magic2));
	if (fix != NULL)
		fix(copy, size);
	if (image_decode(copy, size, &im, &e) == 0) {
		check_picture(&im);
	} else {
		FUZZ_CHECK(im.rgba == NULL, "a refused picture leaves no pixels");
		FUZZ_CHECK(e.msg[0] != '\0', "a refusal says why");
		FUZZ_CHECK(fuzz_utf8_valid(e.msg, strlen(e.msg)) &&
		           fuzz_no_controls(e.msg, strlen(e.msg), ""),
		           "the reason is valid UTF-8 without controls");
	}
	image_free(&im);
	free(copy);
	return 0;
}

int
fuzz_jpeg(const uint8_t *data, size_t size)
{
	return fuzz_as("\xff\xd8\xff", 3, 0, NULL, NULL, data, size);
}

int
fuzz_png(const uint8_t *data, size_t size)
{
	return fuzz_as("\x89PNG\r\n\x1a\n", 8, 0, NULL, fix_png_crcs, data, size);
}

int
fuzz_webp(const uint8_t *data, size_t size)
{
	return fuzz_as("RIFF", 4, 8, "WEBP", NULL, data, size);
}

int
fuzz_gif(const uint8_t *data, size_t size)
{
	return fuzz_as("GIF89a", 6, 0, NULL, NULL, data, size);
}
