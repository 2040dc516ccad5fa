/* Shared by the fuzz targets: the libFuzzer entry point and small helpers. */
#ifndef LOC_FUZZ_H
#define LOC_FUZZ_H

#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inputs beyond this many bytes are ignored: they add time, not coverage. */
#define FUZZ_MAX_INPUT (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An always-on check (not assert(): release builds keep it). */
#define FUZZ_CHECK(cond)                                                   \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,     \
              #cond);                                                      \
      abort();                                                             \
    }                                                                      \
  } while (0)

#endif
