/* The confusable index: lookups never fail on any bytes (only invalid UTF-8
 * and over-long names are refused); the skeleton it computes (from its
 * per-code-point cache or its ASCII table) is ICU's skeleton of the UTS #46
 * Unicode form, label by label; a name added to an index finds itself; the
 * A-label form of a name that converts without error has the same skeleton,
 * and the round trip to-ascii(to-unicode(to-ascii(x))) == to-ascii(x)
 * holds for it; the differences with a match are well-formed. */
#include "fuzz.h"

#include <unicode/uspoof.h>

static const char *const registered[] = {
    "apple.com", "paypal.com", "scope.net", "xn--bcher-kva.de", "rn.org",
    "\xD7\x90\xD7\x91.co.il", "\xE6\x9D\xB1\xE4\xBA\xAC.jp", "a\xCC\x81\xCC\x96.fr",
};

static loc_idn *idn;
static loc_idn_ctx *ictx;
static USpoofChecker *sc;
static loc_confusable_index *fixed;
static loc_confusable_ctx *fixed_ctx; /* made from the fixed index */
static loc_confusable_ctx *ctx;       /* the index being checked */

/* ICU's skeleton of the Unicode form of @s, label by label, into @out. */
static size_t icu_skeleton(const char *s, size_t n, char *out, size_t cap) {
  char *u = NULL;
  size_t ul = 0, k = 0;
  FUZZ_CHECK(loc_idn_to_unicode_alloc(ictx, 0, s, n, &u, &ul) == LOC_OK);
  for (size_t start = 0;;) {
    const char *dot = memchr(u + start, '.', ul - start);
    size_t end = dot ? (size_t)(dot - u) : ul;
    UErrorCode e = U_ZERO_ERROR;
    int32_t m = uspoof_getSkeletonUTF8(sc, 0, u + start, (int32_t)(end - start),
                                       cap > k ? out + k : NULL, (int32_t)(cap - k), &e);
    FUZZ_CHECK(U_SUCCESS(e));
    k += (size_t)m;
    if (dot == NULL)
      break;
    FUZZ_CHECK(k < cap);
    out[k++] = '.';
    start = end + 1;
  }
  loc_free(u);
  return k;
}

static void check_lookup(const loc_confusable_index *ix, const char *s, size_t n) {
  static char want[16 * FUZZ_MAX_INPUT];
  size_t count = 0;
  loc_status st = loc_confusable_lookup(ctx, s, n, &count);
  bool utf8 = loc_utf8_valid_prefix(s, n) == n;
  if (!utf8) {
    FUZZ_CHECK(st == LOC_E_INVALID_UTF8 && count == 0);
    return;
  }
  if (st == LOC_E_OVERFLOW)
    return;
  FUZZ_CHECK(st == LOC_OK);
  size_t sl;
  const char *skel = loc_confusable_skeleton(ctx, &sl);
  size_t wl = icu_skeleton(s, n, want, sizeof want);
  FUZZ_CHECK(sl == wl && memcmp(skel, want, wl) == 0);
  for (size_t i = 0; i < count; i++) {
    size_t ml, nd = 0;
    FUZZ_CHECK(loc_confusable_match(ctx, i, &ml) != NULL);
    const char *key = loc_confusable_match_key(ctx, i);
    FUZZ_CHECK(key != NULL && (strcmp(key, "uts39") == 0 || strcmp(key, "extended") == 0));
    loc_confusable_diff d[4];
    st = loc_confusable_match_diff(ctx, i, d, 4, &nd);
    FUZZ_CHECK(st == LOC_OK || (st == LOC_E_BUFFER_TOO_SMALL && nd > 4));
    for (size_t k = 0; k < nd && k < 4; k++)
      FUZZ_CHECK(d[k].input != d[k].registered);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096)
    return 0; /* names: longer inputs only repeat the work */
  if (idn == NULL) {
    UErrorCode e = U_ZERO_ERROR;
    sc = uspoof_open(&e);
    FUZZ_CHECK(U_SUCCESS(e));
    FUZZ_CHECK(loc_idn_new(&idn) == LOC_OK && loc_idn_ctx_new(idn, &ictx) == LOC_OK);
    FUZZ_CHECK(loc_confusable_index_new(&fixed) == LOC_OK);
    for (size_t i = 0; i < sizeof registered / sizeof registered[0]; i++)
      FUZZ_CHECK(loc_confusable_index_add(fixed, registered[i], strlen(registered[i])) == LOC_OK);
    FUZZ_CHECK(loc_confusable_index_finish(fixed) == LOC_OK);
    FUZZ_CHECK(loc_confusable_ctx_new(fixed, &fixed_ctx) == LOC_OK);
  }
  const char *s = (const char *)data;
  /* Against the fixed index, whose cache lacks most code points: ICU path. */
  ctx = fixed_ctx;
  check_lookup(fixed, s, size);
  /* Each line of the input registered in a fresh index (its cache filled
   * from them), then each looked up: it finds itself. */
  loc_confusable_index *ix;
  FUZZ_CHECK(loc_confusable_index_new(&ix) == LOC_OK);
  size_t added = 0;
  for (size_t at = 0; at <= size;) {
    const char *nl = memchr(s + at, '\n', size - at);
    size_t end = nl ? (size_t)(nl - s) : size;
    loc_status st = loc_confusable_index_add(ix, s + at, end - at);
    FUZZ_CHECK(st == LOC_OK || st == LOC_E_INVALID_UTF8 || st == LOC_E_OVERFLOW);
    added += st == LOC_OK;
    at = end + 1;
  }
  FUZZ_CHECK(loc_confusable_index_finish(ix) == LOC_OK);
  FUZZ_CHECK(loc_confusable_index_count(ix) == added);
  FUZZ_CHECK(loc_confusable_ctx_new(ix, &ctx) == LOC_OK);
  for (size_t at = 0; at <= size;) {
    const char *nl = memchr(s + at, '\n', size - at);
    size_t end = nl ? (size_t)(nl - s) : size;
    const char *name = s + at;
    size_t n = end - at, count = 0;
    check_lookup(ix, name, n);
    if (loc_confusable_lookup(ctx, name, n, &count) == LOC_OK) {
      bool self = false;
      for (size_t i = 0; i < count && !self; i++) {
        size_t ml;
        const char *m = loc_confusable_match(ctx, i, &ml);
        self = ml == n && memcmp(m, name, n) == 0;
      }
      FUZZ_CHECK(self);
      /* The A-label form meets the name, and round-trips. */
      char *a = NULL, *u = NULL, *b = NULL;
      size_t al, ul, bl;
      FUZZ_CHECK(loc_idn_to_ascii_alloc(ictx, 0, name, n, &a, &al) == LOC_OK);
      if (loc_idn_ok(ictx)) {
        size_t sl, sl2;
        const char *sk = loc_confusable_skeleton(ctx, &sl);
        char *keep = malloc(sl + 1);
        memcpy(keep, sk, sl);
        FUZZ_CHECK(loc_confusable_lookup(ctx, a, al, &count) == LOC_OK);
        sk = loc_confusable_skeleton(ctx, &sl2);
        FUZZ_CHECK(sl2 == sl && memcmp(sk, keep, sl) == 0);
        free(keep);
        FUZZ_CHECK(loc_idn_to_unicode_alloc(ictx, 0, a, al, &u, &ul) == LOC_OK);
        FUZZ_CHECK(loc_idn_to_ascii_alloc(ictx, 0, u, ul, &b, &bl) == LOC_OK);
        FUZZ_CHECK(loc_idn_ok(ictx) && bl == al && memcmp(a, b, al) == 0);
      }
      loc_free(a);
      loc_free(u);
      loc_free(b);
    }
    at = end + 1;
  }
  loc_confusable_ctx_free(ctx);
  ctx = NULL;
  loc_confusable_index_free(ix);
  return 0;
}
