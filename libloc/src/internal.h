/* Private to the library: included first by every source file. */
#ifndef LOC_INTERNAL_H
#define LOC_INTERNAL_H

#include <loc/loc.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Branch hints for hot loops. */
#define LOC_LIKELY(x) __builtin_expect(!!(x), 1)
#define LOC_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* Decode one code point from valid-or-not UTF-8 at s[i], i < len.
 * Returns the code point and sets *n to its byte length; for an ill-formed
 * subsequence returns -1 with *n = maximal subpart length (>= 1). */
int32_t loc__utf8_decode(const uint8_t *s, size_t len, size_t i, size_t *n);

/* Encodes cp (must be a scalar value) into out[0..3]; returns byte count. */
size_t loc__utf8_encode(uint32_t cp, char *out);

#ifdef __cplusplus
}
#endif
#endif
