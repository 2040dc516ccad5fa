/* The normalizer object of normalize.h's advanced section: its quick-check
 * prefix and "valid UTF-8 known" calls agree with the plain calls, in every
 * form, on normalized, unnormalized and ill-formed text; its UTF-16 calls
 * give what the UTF-8 ones give. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include "../utf16_test.h"
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

/* The UTF-16 calls give what the UTF-8 ones give, converted. */
static void test_utf16(void **state) {
  (void)state;
  for (int f = 0; f < LOC_NORMALIZE_FORM_COUNT_; f++) {
    loc_normalizer *n;
    assert_int_equal(loc_normalizer_new((loc_normalize_form)f, &n), LOC_OK);
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
      const char *s = samples[i].s;
      size_t len = samples[i].len;
      if (loc_utf8_valid_prefix(s, len) != len)
        continue;
      char want8[256];
      uint16_t in[256], want[256], got[256];
      size_t wl8, gl;
      assert_int_equal(loc_normalize((loc_normalize_form)f, s, len, want8, sizeof want8, &wl8),
                       LOC_OK);
      size_t il = test_utf8_to_utf16(s, len, in), wl = test_utf8_to_utf16(want8, wl8, want);
      assert_int_equal(loc_normalizer_normalize_utf16(n, in, il, got, 256, &gl), LOC_OK);
      if (gl != wl || memcmp(got, want, wl * 2) != 0)
        fail_msg("form %s, sample %zu: normalize_utf16 differs",
                 loc_normalize_form_name((loc_normalize_form)f), i);
      /* preflight, an exact buffer, one unit short */
      size_t need = 99;
      assert_int_equal(loc_normalizer_normalize_utf16(n, in, il, NULL, 0, &need),
                       wl ? LOC_E_BUFFER_TOO_SMALL : LOC_OK);
      assert_int_equal(need, wl);
      if (wl > 0) {
        assert_int_equal(loc_normalizer_normalize_utf16(n, in, il, got, wl, &gl), LOC_OK);
        assert_int_equal(gl, wl);
        assert_int_equal(loc_normalizer_normalize_utf16(n, in, il, got, wl - 1, &need),
                         LOC_E_BUFFER_TOO_SMALL);
        assert_int_equal(need, wl);
      }
      /* the quick prefix is kept by the result; all of it only when unchanged */
      size_t q = loc_normalizer_quick_prefix_utf16(n, in, il);
      bool same = wl == il && memcmp(want, in, il * 2) == 0;
      assert_true(q <= il && q <= wl && memcmp(want, in, q * 2) == 0);
      if (q == il)
        assert_true(same);
      /* normalized prefix + the rest normalized on its own = the whole */
      size_t rl;
      assert_int_equal(loc_normalizer_normalize_utf16(n, in + q, il - q, got, 256, &rl), LOC_OK);
      assert_true(q + rl == wl && memcmp(got, want + q, rl * 2) == 0);
    }
    /* an unpaired surrogate is copied through and is a boundary */
    const uint16_t lone[] = {0xD800, 'e', 0x0301, 0xDC00};
    uint16_t out[8];
    size_t ol;
    assert_int_equal(loc_normalizer_normalize_utf16(n, lone, 4, out, 8, &ol), LOC_OK);
    if (f == LOC_NORMALIZE_NFC || f == LOC_NORMALIZE_NFKC || f == LOC_NORMALIZE_NFKC_CF) {
      const uint16_t want[] = {0xD800, 0x00E9, 0xDC00};
      assert_int_equal(ol, 3);
      assert_memory_equal(out, want, sizeof want);
    } else {
      assert_int_equal(ol, 4);
      assert_memory_equal(out, lone, sizeof lone);
    }
    /* arguments */
    assert_int_equal(loc_normalizer_normalize_utf16(n, NULL, 1, out, 8, &ol),
                     LOC_E_INVALID_ARGUMENT);
    assert_int_equal(loc_normalizer_normalize_utf16(n, lone, 4, NULL, 8, &ol),
                     LOC_E_INVALID_ARGUMENT);
    assert_int_equal(loc_normalizer_normalize_utf16(n, lone, 4, out, 8, NULL),
                     LOC_E_INVALID_ARGUMENT);
    assert_int_equal(loc_normalizer_normalize_utf16(NULL, lone, 4, out, 8, &ol),
                     LOC_E_INVALID_ARGUMENT);
    uint16_t both[8] = {'a', 'b'};
    assert_int_equal(loc_normalizer_normalize_utf16(n, both, 2, both + 1, 4, &ol),
                     LOC_E_INVALID_ARGUMENT);
    assert_int_equal(loc_normalizer_normalize_utf16(n, NULL, 0, NULL, 0, &ol), LOC_OK);
    assert_int_equal(ol, 0);
    assert_int_equal(loc_normalizer_quick_prefix_utf16(NULL, lone, 4), 0);
    assert_int_equal(loc_normalizer_quick_prefix_utf16(n, NULL, 4), 0);
    loc_normalizer_free(n);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_new_free),
      cmocka_unit_test(test_quick_prefix),
      cmocka_unit_test(test_valid_calls),
      cmocka_unit_test(test_utf16),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
