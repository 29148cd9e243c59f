/* image_libs.h: libchafa and the picture decoders, opened the first time
 * a picture is decoded or drawn (see dynlib.h). */
#ifndef GX_IMAGE_LIBS_H
#define GX_IMAGE_LIBS_H

/* The libraries' own headers, for image.c and the forwarding file. */
#ifdef HAVE_CHAFA
#include <setjmp.h>
#include <stdio.h>
#include <chafa.h>
#endif
#ifdef HAVE_LIBJPEG
#include <jpeglib.h>
#include <jerror.h>
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

enum image_lib { IMAGE_LIB_CHAFA, IMAGE_LIB_JPEG, IMAGE_LIB_PNG, IMAGE_LIB_WEBP,
                 IMAGE_LIB_GIF, IMAGE_NLIBS };

/* Why lib (with what it needs) cannot be opened, or NULL when it is open
 * (opening it). */
const char *image_lib_error(enum image_lib lib);

#endif
