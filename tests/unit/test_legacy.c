/* Legacy encodings: names, Zawgyi detection and conversion, with a reason
 * per case. The corpus checks (myanmar-tools' compatibility file, golden
 * conversions, UDHR) are in tests/legacy/zawgyi_check.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

/* "school": Zawgyi keeps the visual order (E vowel first) and uses U+103A
 * for medial ya and U+1039 for asat; Unicode stores the logical order. */
#define SCHOOL_ZG "\u1031\u1000\u103A\u102C\u1004\u1039\u1038"
#define SCHOOL_UNI "\u1000\u103B\u1031\u102C\u1004\u103A\u1038"

static void test_names(void **state) {
  (void)state;
  loc_legacy_encoding e;
  assert_int_equal(loc_legacy_encoding_parse("Zawgyi", &e), LOC_OK);
  assert_int_equal(e, LOC_LEGACY_ZAWGYI);
  assert_string_equal(loc_legacy_encoding_name(LOC_LEGACY_ZAWGYI), "zawgyi");
  assert_int_equal(loc_legacy_encoding_parse("zawgyi-one-x", &e), LOC_E_UNSUPPORTED);
  assert_int_equal(loc_legacy_encoding_parse(NULL, &e), LOC_E_INVALID_ARGUMENT);
  assert_null(loc_legacy_encoding_name(LOC_LEGACY_COUNT_));
}

static const struct zcase {
  const char *s;
  size_t n;
  int want; /* -1 no signal, 0 Unicode (< 0.05), 1 Zawgyi (> 0.95) */
  const char *why;
} zcases[] = {
    {S(""), -1, "empty text has no signal"},
    {S("plain ASCII text"), -1, "no Myanmar character"},
    {S("\u1041\u1042\u1043"), -1, "Myanmar digits are outside the model's states"},
    {S("a\u200Bb"), -1, "U+200B has a state but is not a Myanmar letter"},
    {S("\xff\xfe"), -1, "ill-formed bytes count as non-Myanmar characters"},
    {S(SCHOOL_UNI), 0, "medial ya + E vowel after the consonant: Unicode order"},
    {S(SCHOOL_ZG), 1, "E vowel first and U+1039 as asat: Zawgyi"},
    {S("abc " SCHOOL_ZG " def"), 1, "Latin around the Myanmar word does not dilute it"},
    {S("\xff" SCHOOL_UNI "\xff"), 0, "ill-formed bytes around a Unicode word"},
};

static void test_zawgyi_probability(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof zcases / sizeof zcases[0]; i++) {
    double p = 42;
    assert_int_equal(loc_zawgyi_probability(zcases[i].s, zcases[i].n, &p), LOC_OK);
    int got = p < 0 ? -1 : p < 0.05 ? 0 : p > 0.95 ? 1 : 2;
    if (got != zcases[i].want)
      fail_msg("case %zu (%s): P = %g", i, zcases[i].why, p);
    if (p >= 0)
      assert_true(p <= 1.0);
    double q;
    assert_int_equal(loc_legacy_probability(LOC_LEGACY_ZAWGYI, zcases[i].s, zcases[i].n, &q),
                     LOC_OK);
    assert_true(p == q);
  }
  double p;
  assert_int_equal(loc_zawgyi_probability("x", 1, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_zawgyi_probability(NULL, 1, &p), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_zawgyi_probability(NULL, 0, &p), LOC_OK);
  assert_true(p < 0);
}

static void convert_case(loc_legacy_direction dir, const char *in, size_t n,
                         const char *want, const char *why) {
  loc_legacy_conv *c;
  assert_int_equal(loc_legacy_conv_new(LOC_LEGACY_ZAWGYI, dir, &c), LOC_OK);
  char *out;
  size_t on;
  assert_int_equal(loc_legacy_convert_alloc(c, in, n, &out, &on), LOC_OK);
  if (on != strlen(want) || memcmp(out, want, on) != 0)
    fail_msg("%s: got '%s'", why, out);
  loc_free(out);
  loc_legacy_conv_free(c);
}

static void test_zawgyi_convert(void **state) {
  (void)state;
  convert_case(LOC_LEGACY_TO_UNICODE, S(SCHOOL_ZG), SCHOOL_UNI,
               "Zawgyi-my reorders the E vowel after the consonant and its medial");
  convert_case(LOC_LEGACY_FROM_UNICODE, S(SCHOOL_UNI), SCHOOL_ZG,
               "my-Zawgyi puts it back in front");
  convert_case(LOC_LEGACY_TO_UNICODE, S("abc 123\n"), "abc 123\n",
               "text without Myanmar passes unchanged");
  convert_case(LOC_LEGACY_TO_UNICODE, S(""), "", "empty text");

  loc_legacy_conv *c;
  assert_int_equal(loc_legacy_conv_new(LOC_LEGACY_ZAWGYI, LOC_LEGACY_TO_UNICODE, &c), LOC_OK);
  char small[4];
  size_t need = 0;
  assert_int_equal(loc_legacy_convert(c, S(SCHOOL_ZG), small, sizeof small, &need),
                   LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(need, strlen(SCHOOL_UNI));
  char big[64];
  assert_int_equal(loc_legacy_convert(c, S(SCHOOL_ZG), big, sizeof big, &need), LOC_OK);
  assert_memory_equal(big, SCHOOL_UNI, need);
  char *out = (char *)"untouched";
  assert_int_equal(loc_legacy_convert_alloc(c, S("a\xff"), &out, NULL), LOC_E_INVALID_UTF8);
  assert_null(out);
  loc_legacy_conv_free(c);
  loc_legacy_conv_free(NULL);
  assert_int_equal(loc_legacy_conv_new(LOC_LEGACY_COUNT_, LOC_LEGACY_TO_UNICODE, &c),
                   LOC_E_INVALID_ARGUMENT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_zawgyi_probability),
      cmocka_unit_test(test_zawgyi_convert),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
