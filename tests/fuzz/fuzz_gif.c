/* fuzz_gif.c: the libFuzzer entry of the GIF decoder (fuzz_image.c). */
#include "config.h"

#include "fuzz.h"

FUZZ_ENTRY(gif)
