/* UTS #46 ToASCII / ToUnicode: never fails on any bytes; the caller-buffer
 * and allocating forms agree; a name is valid exactly when no error is
 * listed; invalid UTF-8 is always X_UTF8; and the round trip holds: for
 * every input that converts without error,
 *   to-ascii(to-unicode(to-ascii(x))) == to-ascii(x)
 * with to-unicode of a valid A-form valid as well; and for a valid name
 * the output is ICU's own (the library builds it separately). */
#include "fuzz.h"

#include <unicode/uidna.h>

static UIDNA *icu;

/* ICU's ToASCII / ToUnicode output equals ours for a name both accept. */
static void same_as_icu(bool to_ascii, const char *s, size_t size, const char *ours,
                        size_t ours_len) {
  static char buf[4 * FUZZ_MAX_INPUT + 64];
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = to_ascii ? uidna_nameToASCII_UTF8(icu, s, (int32_t)size, buf, sizeof buf, &info, &e)
                       : uidna_nameToUnicodeUTF8(icu, s, (int32_t)size, buf, sizeof buf, &info, &e);
  if (e == U_INPUT_TOO_LONG_ERROR)
    return; /* a label over ICU's Punycode limit: the library judged it alone */
  FUZZ_CHECK(U_SUCCESS(e) && info.errors == 0);
  FUZZ_CHECK((size_t)n == ours_len && memcmp(buf, ours, ours_len) == 0);
}

static loc_idn *idn;
static loc_idn_ctx *ctx;

static void check_forms(bool to_ascii, unsigned flags, const char *s, size_t size,
                        char **out, size_t *out_len) {
  loc_status st = to_ascii ? loc_idn_to_ascii_alloc(ctx, flags, s, size, out, out_len)
                           : loc_idn_to_unicode_alloc(ctx, flags, s, size, out, out_len);
  FUZZ_CHECK(st == LOC_OK && (*out)[*out_len] == '\0');
  FUZZ_CHECK(loc_idn_ok(ctx) == (loc_idn_error_count(ctx) == 0 && !loc_idn_truncated(ctx)));
  for (size_t i = 0; i < loc_idn_error_count(ctx); i++) {
    const loc_idn_error *e = loc_idn_error_at(ctx, i);
    FUZZ_CHECK(e->code != NULL && e->message != NULL && e->message[0] != '\0');
    FUZZ_CHECK(e->offset <= size);
    /* Every rejection is explained with a status code of its own. */
    FUZZ_CHECK(strcmp(e->code, "X_ICU") != 0);
  }
  bool ok = loc_idn_ok(ctx);
  size_t need = 0;
  st = to_ascii ? loc_idn_to_ascii(ctx, flags, s, size, NULL, 0, &need)
                : loc_idn_to_unicode(ctx, flags, s, size, NULL, 0, &need);
  FUZZ_CHECK(st == (need ? LOC_E_BUFFER_TOO_SMALL : LOC_OK) && need == *out_len);
  FUZZ_CHECK(loc_idn_ok(ctx) == ok);
  char *buf = malloc(need ? need : 1);
  size_t got = 0;
  st = to_ascii ? loc_idn_to_ascii(ctx, flags, s, size, buf, need, &got)
                : loc_idn_to_unicode(ctx, flags, s, size, buf, need, &got);
  FUZZ_CHECK(st == LOC_OK && got == need && memcmp(buf, *out, got) == 0);
  free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  if (idn == NULL) {
    FUZZ_CHECK(loc_idn_new(&idn) == LOC_OK);
    FUZZ_CHECK(loc_idn_ctx_new(idn, &ctx) == LOC_OK);
    UErrorCode e = U_ZERO_ERROR;
    icu = uidna_openUTS46(UIDNA_USE_STD3_RULES | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ |
                              UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE,
                          &e);
    FUZZ_CHECK(U_SUCCESS(e));
  }
  const char *s = (const char *)data;
  bool valid_utf8 = loc_utf8_valid_prefix(s, size) == size;
  char *u, *a, *t;
  size_t ul, al, tl;
  check_forms(false, 0, s, size, &u, &ul);
  if (loc_idn_ok(ctx))
    same_as_icu(false, s, size, u, ul);
  check_forms(true, LOC_IDN_TRANSITIONAL, s, size, &t, &tl);
  check_forms(true, 0, s, size, &a, &al);
  bool a_ok = loc_idn_ok(ctx);
  bool utf8_error = loc_idn_error_count(ctx) > 0 &&
                    strcmp(loc_idn_error_at(ctx, 0)->code, "X_UTF8") == 0;
  FUZZ_CHECK(utf8_error == !valid_utf8);
  if (a_ok) {
    same_as_icu(true, s, size, a, al);
    /* A valid A-form is ASCII. */
    for (size_t i = 0; i < al; i++)
      FUZZ_CHECK((unsigned char)a[i] < 0x80);
    char *back, *again;
    size_t back_len, again_len;
    check_forms(false, 0, a, al, &back, &back_len);
    FUZZ_CHECK(loc_idn_ok(ctx));
    check_forms(true, 0, back, back_len, &again, &again_len);
    FUZZ_CHECK(loc_idn_ok(ctx));
    FUZZ_CHECK(again_len == al && memcmp(again, a, al) == 0);
    loc_free(back);
    loc_free(again);
  }
  /* Profile url: the same properties, and a valid result has no forbidden
   * domain code point. */
  char *w, *wu;
  size_t wl, wul;
  check_forms(true, LOC_IDN_URL, s, size, &w, &wl);
  if (loc_idn_ok(ctx))
    for (size_t i = 0; i < wl; i++)
      FUZZ_CHECK((unsigned char)w[i] > 0x20 && w[i] != 0x7F && !strchr("#%/:<>?@[\\]^|", w[i]));
  check_forms(false, LOC_IDN_URL, s, size, &wu, &wul);
  loc_free(w);
  loc_free(wu);
  loc_free(u);
  loc_free(a);
  loc_free(t);
  return 0;
}
