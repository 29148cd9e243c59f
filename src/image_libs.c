/* image_libs.c: libchafa and the picture decoders, opened the first time
 * a picture is decoded or drawn.
 *
 * gxnews is not linked with them (see dynlib.h): these are the functions
 * image.c calls, each opening its library (soname from configure) on the
 * first call and forwarding to it.  image.c asks image_lib_error() before
 * it starts, so a library that cannot be opened costs the pictures of its
 * format a line saying why; the fallbacks below only keep a call that
 * comes anyway from reaching a null pointer. */
#include "config.h"

#ifdef HAVE_CHAFA
#include <stdint.h>
#include <stdio.h>

#include "dynlib.h"
#include "image_libs.h"

/* ---- libchafa, and GLib for the strings it returns ------------------------ */

#define CHAFA_FNS(X, l) \
	X(l, chafa_canvas_config_new) \
	X(l, chafa_canvas_config_set_canvas_mode) \
	X(l, chafa_canvas_config_set_cell_geometry) \
	X(l, chafa_canvas_config_set_geometry) \
	X(l, chafa_canvas_config_set_pixel_mode) \
	X(l, chafa_canvas_config_set_symbol_map) \
	X(l, chafa_canvas_config_unref) X(l, chafa_canvas_draw_all_pixels) \
	X(l, chafa_canvas_get_char_at) X(l, chafa_canvas_get_raw_colors_at) \
	X(l, chafa_canvas_new) X(l, chafa_canvas_print) \
	X(l, chafa_canvas_unref) X(l, chafa_get_n_threads) \
	X(l, chafa_set_n_threads) X(l, chafa_symbol_map_add_by_tags) \
	X(l, chafa_symbol_map_new) X(l, chafa_symbol_map_remove_by_range) \
	X(l, chafa_symbol_map_remove_by_tags) X(l, chafa_symbol_map_unref) \
	X(l, chafa_term_db_detect) X(l, chafa_term_db_get_default) \
	X(l, chafa_term_db_get_fallback_info) X(l, chafa_term_info_have_seq) \
	X(l, chafa_term_info_unref)
DYNLIB(chafa, CHAFA_SONAME, CHAFA_FNS);
#define GLIB_FNS(X, l) \
	X(l, g_string_free)
DYNLIB(glib, GLIB_SONAME, GLIB_FNS);

DYNLIB_FWD(chafa, ChafaCanvasConfig *, chafa_canvas_config_new, (void), (), NULL)
DYNLIB_FWD_VOID(chafa, chafa_canvas_config_set_canvas_mode,
                (ChafaCanvasConfig *config, ChafaCanvasMode mode), (config, mode))
DYNLIB_FWD_VOID(chafa, chafa_canvas_config_set_cell_geometry,
                (ChafaCanvasConfig *config, gint w, gint h), (config, w, h))
DYNLIB_FWD_VOID(chafa, chafa_canvas_config_set_geometry,
                (ChafaCanvasConfig *config, gint w, gint h), (config, w, h))
DYNLIB_FWD_VOID(chafa, chafa_canvas_config_set_pixel_mode,
                (ChafaCanvasConfig *config, ChafaPixelMode mode), (config, mode))
DYNLIB_FWD_VOID(chafa, chafa_canvas_config_set_symbol_map,
                (ChafaCanvasConfig *config, const ChafaSymbolMap *map), (config, map))
DYNLIB_FWD_VOID(chafa, chafa_canvas_config_unref, (ChafaCanvasConfig *config),
                (config))
DYNLIB_FWD_VOID(chafa, chafa_canvas_draw_all_pixels,
                (ChafaCanvas *canvas, ChafaPixelType type, const guint8 *pixels,
                 gint width, gint height, gint rowstride),
                (canvas, type, pixels, width, height, rowstride))
DYNLIB_FWD(chafa, gunichar, chafa_canvas_get_char_at,
           (ChafaCanvas *canvas, gint x, gint y), (canvas, x, y), ' ')
DYNLIB_FWD_VOID(chafa, chafa_canvas_get_raw_colors_at,
                (ChafaCanvas *canvas, gint x, gint y, gint *fg, gint *bg),
                (canvas, x, y, fg, bg))
DYNLIB_FWD(chafa, ChafaCanvas *, chafa_canvas_new, (const ChafaCanvasConfig *config),
           (config), NULL)
DYNLIB_FWD(chafa, GString *, chafa_canvas_print,
           (ChafaCanvas *canvas, ChafaTermInfo *term_info), (canvas, term_info), NULL)
DYNLIB_FWD_VOID(chafa, chafa_canvas_unref, (ChafaCanvas *canvas), (canvas))
DYNLIB_FWD(chafa, gint, chafa_get_n_threads, (void), (), 1)
DYNLIB_FWD_VOID(chafa, chafa_set_n_threads, (gint n), (n))
DYNLIB_FWD_VOID(chafa, chafa_symbol_map_add_by_tags,
                (ChafaSymbolMap *map, ChafaSymbolTags tags), (map, tags))
DYNLIB_FWD(chafa, ChafaSymbolMap *, chafa_symbol_map_new, (void), (), NULL)
DYNLIB_FWD_VOID(chafa, chafa_symbol_map_remove_by_range,
                (ChafaSymbolMap *map, gunichar first, gunichar last),
                (map, first, last))
DYNLIB_FWD_VOID(chafa, chafa_symbol_map_remove_by_tags,
                (ChafaSymbolMap *map, ChafaSymbolTags tags), (map, tags))
DYNLIB_FWD_VOID(chafa, chafa_symbol_map_unref, (ChafaSymbolMap *map), (map))
DYNLIB_FWD(chafa, ChafaTermInfo *, chafa_term_db_detect,
           (ChafaTermDb *db, gchar **envp), (db, envp), NULL)
DYNLIB_FWD(chafa, ChafaTermDb *, chafa_term_db_get_default, (void), (), NULL)
DYNLIB_FWD(chafa, ChafaTermInfo *, chafa_term_db_get_fallback_info, (ChafaTermDb *db),
           (db), NULL)
DYNLIB_FWD(chafa, gboolean, chafa_term_info_have_seq,
           (const ChafaTermInfo *info, ChafaTermSeq seq), (info, seq), FALSE)
DYNLIB_FWD_VOID(chafa, chafa_term_info_unref, (ChafaTermInfo *info), (info))

/* By hand: newer GLib makes g_string_free() a macro as well. */
gchar *
(g_string_free)(GString *string, gboolean free_segment)
{
	if (!dynlib_ready(&glib))
		return NULL;
	return DYNLIB_CALL(glib, g_string_free)(string, free_segment);
}

/* ---- the decoders ---------------------------------------------------------- */

#ifdef HAVE_LIBJPEG
#define JPEG_FNS(X, l) \
	X(l, jpeg_CreateDecompress) X(l, jpeg_destroy_decompress) \
	X(l, jpeg_finish_decompress) X(l, jpeg_mem_src) \
	X(l, jpeg_read_header) X(l, jpeg_read_scanlines) \
	X(l, jpeg_start_decompress) X(l, jpeg_std_error)
DYNLIB(jpeg, JPEG_SONAME, JPEG_FNS);

DYNLIB_FWD_VOID(jpeg, jpeg_CreateDecompress,
                (j_decompress_ptr d, int version, size_t size), (d, version, size))
DYNLIB_FWD_VOID(jpeg, jpeg_destroy_decompress, (j_decompress_ptr d), (d))
DYNLIB_FWD(jpeg, boolean, jpeg_finish_decompress, (j_decompress_ptr d), (d), FALSE)
DYNLIB_FWD_VOID(jpeg, jpeg_mem_src,
                (j_decompress_ptr d, const unsigned char *in, unsigned long size),
                (d, in, size))
DYNLIB_FWD(jpeg, int, jpeg_read_header, (j_decompress_ptr d, boolean require_image),
           (d, require_image), JPEG_SUSPENDED)
DYNLIB_FWD(jpeg, JDIMENSION, jpeg_read_scanlines,
           (j_decompress_ptr d, JSAMPARRAY lines, JDIMENSION max), (d, lines, max), 0)
DYNLIB_FWD(jpeg, boolean, jpeg_start_decompress, (j_decompress_ptr d), (d), FALSE)
DYNLIB_FWD(jpeg, struct jpeg_error_mgr *, jpeg_std_error,
           (struct jpeg_error_mgr *err), (err), err)
#endif

#ifdef HAVE_LIBPNG
#define PNG_FNS(X, l) \
	X(l, png_image_begin_read_from_memory) X(l, png_image_finish_read) \
	X(l, png_image_free)
DYNLIB(png, PNG_SONAME, PNG_FNS);

DYNLIB_FWD(png, int, png_image_begin_read_from_memory,
           (png_imagep image, png_const_voidp memory, size_t size),
           (image, memory, size), 0)
DYNLIB_FWD(png, int, png_image_finish_read,
           (png_imagep image, png_const_colorp background, void *buffer,
            png_int_32 stride, void *colormap),
           (image, background, buffer, stride, colormap), 0)
DYNLIB_FWD_VOID(png, png_image_free, (png_imagep image), (image))
#endif

#ifdef HAVE_LIBWEBP
#define WEBP_FNS(X, l) \
	X(l, WebPDecode) X(l, WebPFreeDecBuffer) \
	X(l, WebPGetFeaturesInternal) X(l, WebPInitDecoderConfigInternal)
DYNLIB(webp, WEBP_SONAME, WEBP_FNS);
#define WEBPDEMUX_FNS(X, l) \
	X(l, WebPAnimDecoderDelete) X(l, WebPAnimDecoderGetInfo) \
	X(l, WebPAnimDecoderGetNext) X(l, WebPAnimDecoderNewInternal) \
	X(l, WebPAnimDecoderOptionsInitInternal)
DYNLIB(webpdemux, WEBPDEMUX_SONAME, WEBPDEMUX_FNS);

DYNLIB_FWD(webp, VP8StatusCode, WebPDecode,
           (const uint8_t *data, size_t size, WebPDecoderConfig *config),
           (data, size, config), VP8_STATUS_UNSUPPORTED_FEATURE)
DYNLIB_FWD_VOID(webp, WebPFreeDecBuffer, (WebPDecBuffer *buffer), (buffer))
DYNLIB_FWD(webp, VP8StatusCode, WebPGetFeaturesInternal,
           (const uint8_t *data, size_t size, WebPBitstreamFeatures *features,
            int version), (data, size, features, version),
           VP8_STATUS_UNSUPPORTED_FEATURE)
DYNLIB_FWD(webp, int, WebPInitDecoderConfigInternal,
           (WebPDecoderConfig *config, int version), (config, version), 0)
DYNLIB_FWD_VOID(webpdemux, WebPAnimDecoderDelete, (WebPAnimDecoder *dec), (dec))
DYNLIB_FWD(webpdemux, int, WebPAnimDecoderGetInfo,
           (const WebPAnimDecoder *dec, WebPAnimInfo *info), (dec, info), 0)
DYNLIB_FWD(webpdemux, int, WebPAnimDecoderGetNext,
           (WebPAnimDecoder *dec, uint8_t **buf, int *timestamp),
           (dec, buf, timestamp), 0)
DYNLIB_FWD(webpdemux, WebPAnimDecoder *, WebPAnimDecoderNewInternal,
           (const WebPData *data, const WebPAnimDecoderOptions *options, int version),
            (data, options, version), NULL)
DYNLIB_FWD(webpdemux, int, WebPAnimDecoderOptionsInitInternal,
           (WebPAnimDecoderOptions *options, int version), (options, version), 0)
#endif

#ifdef HAVE_GIFLIB
#define GIF_FNS(X, l) \
	X(l, DGifCloseFile) X(l, DGifGetExtension) X(l, DGifGetExtensionNext) \
	X(l, DGifGetImageDesc) X(l, DGifGetLine) X(l, DGifGetRecordType) \
	X(l, DGifOpen) X(l, GifErrorString)
DYNLIB(gif, GIF_SONAME, GIF_FNS);

DYNLIB_FWD(gif, int, DGifCloseFile, (GifFileType *g, int *error), (g, error),
           GIF_ERROR)
DYNLIB_FWD(gif, int, DGifGetExtension, (GifFileType *g, int *code, GifByteType **ext),
           (g, code, ext), GIF_ERROR)
DYNLIB_FWD(gif, int, DGifGetExtensionNext, (GifFileType *g, GifByteType **ext),
           (g, ext), GIF_ERROR)
DYNLIB_FWD(gif, int, DGifGetImageDesc, (GifFileType *g), (g), GIF_ERROR)
DYNLIB_FWD(gif, int, DGifGetLine, (GifFileType *g, GifPixelType *line, int len),
           (g, line, len), GIF_ERROR)
DYNLIB_FWD(gif, int, DGifGetRecordType, (GifFileType *g, GifRecordType *type),
           (g, type), GIF_ERROR)
DYNLIB_FWD(gif, GifFileType *, DGifOpen, (void *user, InputFunc read, int *error),
           (user, read, error), NULL)
DYNLIB_FWD(gif, const char *, GifErrorString, (int error), (error), NULL)
#endif

/* ---- which are open -------------------------------------------------------- */

static const char *
missing(struct dynlib *l)
{
	return dynlib_ready(l) ? NULL : l->why;
}

const char *
image_lib_error(enum image_lib lib)
{
	const char *why = NULL;

	switch (lib) {
	case IMAGE_LIB_CHAFA:
		if ((why = missing(&chafa)) == NULL)
			why = missing(&glib);
		break;
#ifdef HAVE_LIBJPEG
	case IMAGE_LIB_JPEG:
		why = missing(&jpeg);
		break;
#endif
#ifdef HAVE_LIBPNG
	case IMAGE_LIB_PNG:
		why = missing(&png);
		break;
#endif
#ifdef HAVE_LIBWEBP
	case IMAGE_LIB_WEBP:
		if ((why = missing(&webp)) == NULL)
			why = missing(&webpdemux);
		break;
#endif
#ifdef HAVE_GIFLIB
	case IMAGE_LIB_GIF:
		why = missing(&gif);
		break;
#endif
	default:
		break;
	}
	return why;
}
#endif
