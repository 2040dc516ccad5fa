/* The UAX #15 quick check, fused with UTF-8 validation in one pass.
 *
 * ICU's isNormalizedUTF8 needs well-formed input, so the hot path used to
 * read all text twice: once to validate, once in ICU. Here one loop decodes,
 * validates and looks each BMP character up in a table of its combining
 * class and quick-check value, built once from ICU's own properties. Only
 * the rare MAYBE characters (and supplementary ones) are settled by asking
 * ICU about the short segment around them. */
#include "internal.h"

#include <pthread.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

/* Per BMP code point: ccc in the low byte, then the quick-check verdict. */
enum { QC_NO = 1 << 8, QC_MAYBE = 1 << 9 };

static uint16_t tables[4][0x10000];
static pthread_once_t once[4] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT,
                                 PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};
static const UProperty qc_prop[4] = {UCHAR_NFC_QUICK_CHECK, UCHAR_NFD_QUICK_CHECK,
                                     UCHAR_NFKC_QUICK_CHECK, UCHAR_NFKD_QUICK_CHECK};

static void build(int f) {
  for (uint32_t c = 0; c < 0x10000; c++) {
    uint16_t v = u_getCombiningClass((UChar32)c);
    int32_t qc = u_getIntPropertyValue((UChar32)c, qc_prop[f]);
    if (qc == UNORM_NO)
      v |= QC_NO;
    else if (qc == UNORM_MAYBE)
      v |= QC_MAYBE;
    tables[f][c] = v;
  }
}
static void build0(void) { build(0); }
static void build1(void) { build(1); }
static void build2(void) { build(2); }
static void build3(void) { build(3); }
static void (*const builders[4])(void) = {build0, build1, build2, build3};

/* Decodes one well-formed character at s[i]; -1 if ill-formed or cut. */
static inline int32_t next_cp(const uint8_t *s, size_t len, size_t i, size_t *n) {
  uint8_t b = s[i];
  if (b < 0x80) {
    *n = 1;
    return b;
  }
  if (b >= 0xC2 && b < 0xE0 && len - i >= 2 && (s[i + 1] & 0xC0) == 0x80) {
    *n = 2;
    return (int32_t)(b & 0x1F) << 6 | (s[i + 1] & 0x3F);
  }
  if (b >= 0xE0 && b < 0xF0 && len - i >= 3 && (s[i + 2] & 0xC0) == 0x80) {
    uint8_t c = s[i + 1];
    uint8_t lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    if (c < lo || c > hi)
      return -1;
    *n = 3;
    return (int32_t)(b & 0x0F) << 12 | (int32_t)(c & 0x3F) << 6 | (s[i + 2] & 0x3F);
  }
  return loc__utf8_decode(s, len, i, n); /* 4-byte, or an error */
}

size_t loc__norm_quick_prefix(const void *n, loc_normalize_form form, const char *str,
                              size_t len) {
  if ((unsigned)form >= 4)
    return 0;
  pthread_once(&once[form], builders[form]);
  const uint16_t *t = tables[form];
  const uint8_t *s = (const uint8_t *)str;
  size_t i = 0, seg = 0; /* seg: start of the current segment (a boundary) */
  unsigned last_ccc = 0;
  while (i < len) {
    /* ASCII is quick-check YES with ccc 0: skip it eight bytes at a time. */
    if (s[i] < 0x80) {
      last_ccc = 0;
      i++;
      while (len - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
          break;
        i += 8;
      }
      while (i < len && s[i] < 0x80)
        i++;
      seg = i - 1; /* the last ASCII character starts the segment */
      continue;
    }
    size_t k;
    int32_t cp = next_cp(s, len, i, &k);
    if (cp < 0)
      return seg;
    uint16_t v = cp < 0x10000 ? t[cp] : QC_MAYBE;
    unsigned ccc = v & 0xFF;
    if (LOC_LIKELY(!(v & (QC_NO | QC_MAYBE)))) {
      if (ccc == 0) {
        seg = i;
      } else if (last_ccc > ccc) {
        return seg;
      }
      last_ccc = ccc;
      i += k;
      continue;
    }
    if (v & QC_NO)
      return seg;
    /* MAYBE: let ICU judge the segment up to the next YES starter. */
    size_t end = i + k;
    while (end < len) {
      size_t k2;
      int32_t c2 = next_cp(s, len, end, &k2);
      if (c2 < 0)
        return seg;
      uint16_t v2 = c2 < 0x10000 ? t[c2] : QC_MAYBE;
      if ((v2 & 0xFF) == 0 && !(v2 & (QC_NO | QC_MAYBE)))
        break;
      end += k2;
    }
    bool yes = false;
    if (loc__icu_is_normalized(n, str + seg, end - seg, &yes) != LOC_OK || !yes)
      return seg;
    i = end;
    last_ccc = 0;
    seg = end; /* a YES starter, or the end */
  }
  return len;
}
