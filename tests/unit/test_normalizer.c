/* The normalizer object of normalize.h's advanced section: its quick-check
 * prefix and "valid UTF-8 known" calls agree with the plain calls, in every
 * form, on normalized, unnormalized and ill-formed text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

static const struct {
  const char *s;
  size_t len;
} samples[] = {
    {S("")},
    {S("plain ASCII text, long enough to take the eight-byte path")},
    {S("\xC3\xA9t\xC3\xA9")},              /* NFC é */
    {S("e\xCC\x81t\xC3\xA9")},             /* e + combining acute */
    {S("\xEF\xAC\x81le")},                 /* U+FB01 ﬁ: not NFKC */
    {S("\xE1\x84\x80\xE1\x85\xA1")},       /* conjoining jamo: not NFC */
    {S("a\xCC\xA3\xCC\x87")},              /* dot below, dot above: ordered */
    {S("a\xCC\x87\xCC\xA3")},              /* the wrong order */
    {S("Stra\xC3\x9F" "e")},               /* ß: changes under NFKC_CF */
    {S("\xF0\x9D\x90\x80 math")},          /* U+1D400, supplementary */
    {S("ok \xFF then \xC3\xA9")},          /* ill-formed byte */
    {S("\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7")}, /* Devanagari */
};

static void test_new_free(void **state) {
  (void)state;
  loc_normalizer *n = NULL;
  assert_int_equal(loc_normalizer_new((loc_normalize_form)99, &n), LOC_E_UNKNOWN_FORM);
  assert_null(n);
  assert_int_equal(loc_normalizer_new(LOC_NORMALIZE_NFC, NULL), LOC_E_INVALID_ARGUMENT);
  for (int f = 0; f < LOC_NORMALIZE_FORM_COUNT_; f++) {
    assert_int_equal(loc_normalizer_new((loc_normalize_form)f, &n), LOC_OK);
    assert_int_equal(loc_normalizer_form(n), f);
    loc_normalizer_free(n);
  }
  loc_normalizer_free(NULL);
}

/* quick_prefix is len exactly when the text is valid and normalized, and
 * any prefix it gives is normalized and ends at a boundary. */
static void test_quick_prefix(void **state) {
  (void)state;
  for (int f = 0; f < LOC_NORMALIZE_FORM_COUNT_; f++) {
    loc_normalizer *n;
    assert_int_equal(loc_normalizer_new((loc_normalize_form)f, &n), LOC_OK);
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
      const char *s = samples[i].s;
      size_t len = samples[i].len;
      bool norm;
      assert_int_equal(loc_normalize_check((loc_normalize_form)f, s, len, &norm), LOC_OK);
      bool valid = loc_utf8_valid_prefix(s, len) == len;
      size_t q = loc_normalizer_quick_prefix(n, s, len);
      if ((q == len) != (valid && norm))
        fail_msg("form %s, sample %zu: quick prefix %zu of %zu, valid %d, normalized %d",
                 loc_normalize_form_name((loc_normalize_form)f), i, q, len, valid, norm);
      assert_true(q <= len);
      assert_true(loc_utf8_valid_prefix(s, q) == q);
      /* normalize(s) == s[0..q) + normalize(s[q..)) */
      char *whole, *tail;
      size_t wl, tl;
      assert_int_equal(loc_normalize_alloc((loc_normalize_form)f, s, len, &whole, &wl), LOC_OK);
      assert_int_equal(loc_normalize_alloc((loc_normalize_form)f, s + q, len - q, &tail, &tl), LOC_OK);
      if (wl != q + tl || memcmp(whole, s, q) != 0 || memcmp(whole + q, tail, tl) != 0)
        fail_msg("form %s, sample %zu: prefix %zu is not a boundary",
                 loc_normalize_form_name((loc_normalize_form)f), i, q);
      loc_free(whole);
      loc_free(tail);
    }
    assert_int_equal(loc_normalizer_quick_prefix(n, NULL, 3), 0);
    assert_int_equal(loc_normalizer_quick_prefix(NULL, "abc", 3), 0);
    loc_normalizer_free(n);
  }
}

/* normalize_valid and is_normalized_valid equal the plain calls, on
 * ill-formed text too (normalize_valid's promise). */
static void test_valid_calls(void **state) {
  (void)state;
  for (int f = 0; f < LOC_NORMALIZE_FORM_COUNT_; f++) {
    loc_normalizer *n;
    assert_int_equal(loc_normalizer_new((loc_normalize_form)f, &n), LOC_OK);
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
      const char *s = samples[i].s;
      size_t len = samples[i].len;
      char want[256], got[256];
      size_t wl, gl;
      assert_int_equal(loc_normalize((loc_normalize_form)f, s, len, want, sizeof want, &wl), LOC_OK);
      assert_int_equal(loc_normalizer_normalize_valid(n, s, len, got, sizeof got, &gl), LOC_OK);
      if (gl != wl || memcmp(got, want, wl) != 0)
        fail_msg("form %s, sample %zu: normalize_valid differs",
                 loc_normalize_form_name((loc_normalize_form)f), i);
      if (wl > 0) {
        size_t need = 0;
        assert_int_equal(loc_normalizer_normalize_valid(n, s, len, got, wl - 1, &need),
                         LOC_E_BUFFER_TOO_SMALL);
        assert_int_equal(need, wl);
      }
      if (loc_utf8_valid_prefix(s, len) == len) {
        bool a, b;
        assert_int_equal(loc_normalize_check((loc_normalize_form)f, s, len, &a), LOC_OK);
        assert_int_equal(loc_normalizer_check_valid(n, s, len, &b), LOC_OK);
        assert_int_equal(a, b);
      }
    }
    size_t ol;
    bool r;
    assert_int_equal(loc_normalizer_normalize_valid(n, NULL, 1, NULL, 0, &ol),
                     LOC_E_INVALID_ARGUMENT);
    assert_int_equal(loc_normalizer_normalize_valid(n, "a", 1, NULL, 0, NULL),
                     LOC_E_INVALID_ARGUMENT);
    assert_int_equal(loc_normalizer_check_valid(NULL, "a", 1, &r),
                     LOC_E_INVALID_ARGUMENT);
    assert_int_equal(loc_normalizer_normalize_valid(n, NULL, 0, NULL, 0, &ol), LOC_OK);
    assert_int_equal(ol, 0);
    loc_normalizer_free(n);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_new_free),
      cmocka_unit_test(test_quick_prefix),
      cmocka_unit_test(test_valid_calls),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
