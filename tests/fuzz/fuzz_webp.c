/* fuzz_webp.c: the libFuzzer entry of the WebP decoder (fuzz_image.c). */
#include "config.h"

#include "fuzz.h"

FUZZ_ENTRY(webp)
