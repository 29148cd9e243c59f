/* fuzz_jpeg.c: the libFuzzer entry of the JPEG decoder (fuzz_image.c). */
#include "config.h"

#include "fuzz.h"

FUZZ_ENTRY(jpeg)
