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

#include <chafa.h>
#ifdef HAVE_LIBJPEG
#include <jpeglib.h>
#endif
#ifdef HAVE_LIBPNG
#include <png.h>
#endif
#ifdef HAVE_LIBWEBP
#include <webp/decode.h>
#include <webp/demux.h>
#endif
#ifdef HAVE_GIFLIB
#include <gif_lib.h>
#endif

#include "dynlib.h"
#include "image_libs.h"

/* One library: its functions' names, in the order of their slots. */
#define LIB(var, soname_, ...) \
	static const char *const var##_names[] = { __VA_ARGS__ }; \
	static void *var##_fns[sizeof var##_names / sizeof var##_names[0]]; \
	static struct dynlib var = { .soname = soname_, .names = var##_names, \
		.fns = var##_fns, .nfns = sizeof var##_names / sizeof var##_names[0] }

/* Slot i of lib, with f's own type. */
#define CALL(lib, i, f) ((__typeof__(f) *)lib##_fns[i])

/* Forwards f, slot i of lib, returning fail when lib cannot be opened. */
#define FWD(lib, i, ret, f, params, args, fail) \
	ret f params { return dynlib_ready(&lib) ? CALL(lib, i, f) args : (fail); }
#define FWD_VOID(lib, i, f, params, args) \
	void f params { if (dynlib_ready(&lib)) CALL(lib, i, f) args; }

/* ---- libchafa, and GLib for the strings it returns ------------------------ */

LIB(chafa, CHAFA_SONAME,
    "chafa_canvas_config_new", "chafa_canvas_config_set_canvas_mode",
    "chafa_canvas_config_set_cell_geometry", "chafa_canvas_config_set_geometry",
    "chafa_canvas_config_set_pixel_mode", "chafa_canvas_config_set_symbol_map",
    "chafa_canvas_config_unref", "chafa_canvas_draw_all_pixels",
    "chafa_canvas_get_char_at", "chafa_canvas_get_raw_colors_at",
    "chafa_canvas_new", "chafa_canvas_print", "chafa_canvas_unref",
    "chafa_get_n_threads", "chafa_set_n_threads", "chafa_symbol_map_add_by_tags",
    "chafa_symbol_map_new", "chafa_symbol_map_remove_by_range",
    "chafa_symbol_map_remove_by_tags", "chafa_symbol_map_unref",
    "chafa_term_db_detect", "chafa_term_db_get_default",
    "chafa_term_db_get_fallback_info", "chafa_term_info_have_seq",
    "chafa_term_info_unref");
LIB(glib, GLIB_SONAME, "g_string_free");

FWD(chafa, 0, ChafaCanvasConfig *, chafa_canvas_config_new, (void), (), NULL)
FWD_VOID(chafa, 1, chafa_canvas_config_set_canvas_mode,
         (ChafaCanvasConfig *config, ChafaCanvasMode mode), (config, mode))
FWD_VOID(chafa, 2, chafa_canvas_config_set_cell_geometry,
         (ChafaCanvasConfig *config, gint w, gint h), (config, w, h))
FWD_VOID(chafa, 3, chafa_canvas_config_set_geometry,
         (ChafaCanvasConfig *config, gint w, gint h), (config, w, h))
FWD_VOID(chafa, 4, chafa_canvas_config_set_pixel_mode,
         (ChafaCanvasConfig *config, ChafaPixelMode mode), (config, mode))
FWD_VOID(chafa, 5, chafa_canvas_config_set_symbol_map,
         (ChafaCanvasConfig *config, const ChafaSymbolMap *map), (config, map))
FWD_VOID(chafa, 6, chafa_canvas_config_unref, (ChafaCanvasConfig *config), (config))
FWD_VOID(chafa, 7, chafa_canvas_draw_all_pixels,
         (ChafaCanvas *canvas, ChafaPixelType type, const guint8 *pixels,
          gint width, gint height, gint rowstride),
         (canvas, type, pixels, width, height, rowstride))
FWD(chafa, 8, gunichar, chafa_canvas_get_char_at, (ChafaCanvas *canvas, gint x, gint y),
    (canvas, x, y), ' ')
FWD_VOID(chafa, 9, chafa_canvas_get_raw_colors_at,
         (ChafaCanvas *canvas, gint x, gint y, gint *fg, gint *bg), (canvas, x, y, fg, bg))
FWD(chafa, 10, ChafaCanvas *, chafa_canvas_new, (const ChafaCanvasConfig *config),
    (config), NULL)
FWD(chafa, 11, GString *, chafa_canvas_print,
    (ChafaCanvas *canvas, ChafaTermInfo *term_info), (canvas, term_info), NULL)
FWD_VOID(chafa, 12, chafa_canvas_unref, (ChafaCanvas *canvas), (canvas))
FWD(chafa, 13, gint, chafa_get_n_threads, (void), (), 1)
FWD_VOID(chafa, 14, chafa_set_n_threads, (gint n), (n))
FWD_VOID(chafa, 15, chafa_symbol_map_add_by_tags,
         (ChafaSymbolMap *map, ChafaSymbolTags tags), (map, tags))
FWD(chafa, 16, ChafaSymbolMap *, chafa_symbol_map_new, (void), (), NULL)
FWD_VOID(chafa, 17, chafa_symbol_map_remove_by_range,
         (ChafaSymbolMap *map, gunichar first, gunichar last), (map, first, last))
FWD_VOID(chafa, 18, chafa_symbol_map_remove_by_tags,
         (ChafaSymbolMap *map, ChafaSymbolTags tags), (map, tags))
FWD_VOID(chafa, 19, chafa_symbol_map_unref, (ChafaSymbolMap *map), (map))
FWD(chafa, 20, ChafaTermInfo *, chafa_term_db_detect, (ChafaTermDb *db, gchar **envp),
    (db, envp), NULL)
FWD(chafa, 21, ChafaTermDb *, chafa_term_db_get_default, (void), (), NULL)
FWD(chafa, 22, ChafaTermInfo *, chafa_term_db_get_fallback_info, (ChafaTermDb *db),
    (db), NULL)
FWD(chafa, 23, gboolean, chafa_term_info_have_seq,
    (const ChafaTermInfo *info, ChafaTermSeq seq), (info, seq), FALSE)
FWD_VOID(chafa, 24, chafa_term_info_unref, (ChafaTermInfo *info), (info))

FWD(glib, 0, gchar *, (g_string_free), (GString *string, gboolean free_segment),
    (string, free_segment), NULL)

/* ---- the decoders ---------------------------------------------------------- */

#ifdef HAVE_LIBJPEG
LIB(jpeg, JPEG_SONAME,
    "jpeg_CreateDecompress", "jpeg_destroy_decompress", "jpeg_finish_decompress",
    "jpeg_mem_src", "jpeg_read_header", "jpeg_read_scanlines",
    "jpeg_start_decompress", "jpeg_std_error");

FWD_VOID(jpeg, 0, jpeg_CreateDecompress, (j_decompress_ptr d, int version, size_t size),
         (d, version, size))
FWD_VOID(jpeg, 1, jpeg_destroy_decompress, (j_decompress_ptr d), (d))
FWD(jpeg, 2, boolean, jpeg_finish_decompress, (j_decompress_ptr d), (d), FALSE)
FWD_VOID(jpeg, 3, jpeg_mem_src,
         (j_decompress_ptr d, const unsigned char *in, unsigned long size), (d, in, size))
FWD(jpeg, 4, int, jpeg_read_header, (j_decompress_ptr d, boolean require_image),
    (d, require_image), JPEG_SUSPENDED)
FWD(jpeg, 5, JDIMENSION, jpeg_read_scanlines,
    (j_decompress_ptr d, JSAMPARRAY lines, JDIMENSION max), (d, lines, max), 0)
FWD(jpeg, 6, boolean, jpeg_start_decompress, (j_decompress_ptr d), (d), FALSE)
FWD(jpeg, 7, struct jpeg_error_mgr *, jpeg_std_error, (struct jpeg_error_mgr *err),
    (err), err)
#endif

#ifdef HAVE_LIBPNG
LIB(png, PNG_SONAME,
    "png_image_begin_read_from_memory", "png_image_finish_read", "png_image_free");

FWD(png, 0, int, png_image_begin_read_from_memory,
    (png_imagep image, png_const_voidp memory, size_t size), (image, memory, size), 0)
FWD(png, 1, int, png_image_finish_read,
    (png_imagep image, png_const_colorp background, void *buffer, png_int_32 stride,
     void *colormap), (image, background, buffer, stride, colormap), 0)
FWD_VOID(png, 2, png_image_free, (png_imagep image), (image))
#endif

#ifdef HAVE_LIBWEBP
LIB(webp, WEBP_SONAME,
    "WebPDecode", "WebPFreeDecBuffer", "WebPGetFeaturesInternal",
    "WebPInitDecoderConfigInternal");
LIB(webpdemux, WEBPDEMUX_SONAME,
    "WebPAnimDecoderDelete", "WebPAnimDecoderGetInfo", "WebPAnimDecoderGetNext",
    "WebPAnimDecoderNewInternal", "WebPAnimDecoderOptionsInitInternal");

FWD(webp, 0, VP8StatusCode, WebPDecode,
    (const uint8_t *data, size_t size, WebPDecoderConfig *config), (data, size, config),
    VP8_STATUS_UNSUPPORTED_FEATURE)
FWD_VOID(webp, 1, WebPFreeDecBuffer, (WebPDecBuffer *buffer), (buffer))
FWD(webp, 2, VP8StatusCode, WebPGetFeaturesInternal,
    (const uint8_t *data, size_t size, WebPBitstreamFeatures *features, int version),
    (data, size, features, version), VP8_STATUS_UNSUPPORTED_FEATURE)
FWD(webp, 3, int, WebPInitDecoderConfigInternal, (WebPDecoderConfig *config, int version),
    (config, version), 0)
FWD_VOID(webpdemux, 0, WebPAnimDecoderDelete, (WebPAnimDecoder *dec), (dec))
FWD(webpdemux, 1, int, WebPAnimDecoderGetInfo,
    (const WebPAnimDecoder *dec, WebPAnimInfo *info), (dec, info), 0)
FWD(webpdemux, 2, int, WebPAnimDecoderGetNext,
    (WebPAnimDecoder *dec, uint8_t **buf, int *timestamp), (dec, buf, timestamp), 0)
FWD(webpdemux, 3, WebPAnimDecoder *, WebPAnimDecoderNewInternal,
    (const WebPData *data, const WebPAnimDecoderOptions *options, int version),
    (data, options, version), NULL)
FWD(webpdemux, 4, int, WebPAnimDecoderOptionsInitInternal,
    (WebPAnimDecoderOptions *options, int version), (options, version), 0)
#endif

#ifdef HAVE_GIFLIB
LIB(gif, GIF_SONAME,
    "DGifCloseFile", "DGifGetExtension", "DGifGetExtensionNext", "DGifGetImageDesc",
    "DGifGetLine", "DGifGetRecordType", "DGifOpen", "GifErrorString");

FWD(gif, 0, int, DGifCloseFile, (GifFileType *g, int *error), (g, error), GIF_ERROR)
FWD(gif, 1, int, DGifGetExtension, (GifFileType *g, int *code, GifByteType **ext),
    (g, code, ext), GIF_ERROR)
FWD(gif, 2, int, DGifGetExtensionNext, (GifFileType *g, GifByteType **ext), (g, ext),
    GIF_ERROR)
FWD(gif, 3, int, DGifGetImageDesc, (GifFileType *g), (g), GIF_ERROR)
FWD(gif, 4, int, DGifGetLine, (GifFileType *g, GifPixelType *line, int len),
    (g, line, len), GIF_ERROR)
FWD(gif, 5, int, DGifGetRecordType, (GifFileType *g, GifRecordType *type), (g, type),
    GIF_ERROR)
FWD(gif, 6, GifFileType *, DGifOpen, (void *user, InputFunc read, int *error),
    (user, read, error), NULL)
FWD(gif, 7, const char *, GifErrorString, (int error), (error), NULL)
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
