/* fuzz_png.c: the libFuzzer entry of the PNG decoder (fuzz_image.c). */
#include "config.h"

#include "fuzz.h"

FUZZ_ENTRY(png)
