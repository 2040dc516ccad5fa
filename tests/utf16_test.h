/* Test helper: well-formed UTF-8 to UTF-16 (the tests' inputs are checked
 * before they get here). Returns the code units written to @out, which
 * holds at least @len units. */
#ifndef LOC_TESTS_UTF16_TEST_H
#define LOC_TESTS_UTF16_TEST_H

#include <stddef.h>
#include <stdint.h>

static inline size_t test_utf8_to_utf16(const char *s, size_t len, uint16_t *out) {
  const unsigned char *p = (const unsigned char *)s;
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    uint32_t c = p[i];
    int k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    c &= k == 1 ? 0x7F : k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07;
    for (int j = 1; j < k; j++)
      c = (c << 6) | (p[i + j] & 0x3F);
    i += (size_t)k;
    if (c >= 0x10000) {
      out[o++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
      out[o++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      out[o++] = (uint16_t)c;
    }
  }
  return o;
}

#endif
