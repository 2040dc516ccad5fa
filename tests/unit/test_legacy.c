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
  assert_int_equal(loc_legacy_encoding_parse("KrutiDev010", &e), LOC_OK);
  assert_int_equal(e, LOC_LEGACY_KRUTIDEV);
  assert_int_equal(loc_legacy_encoding_parse("sutonnymj", &e), LOC_OK);
  assert_int_equal(e, LOC_LEGACY_BIJOY);
  assert_string_equal(loc_legacy_encoding_name(LOC_LEGACY_BIJOY), "bijoy");
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
    assert_int_equal(loc_legacy_zawgyi_probability(zcases[i].s, zcases[i].n, &p), LOC_OK);
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
  assert_int_equal(loc_legacy_zawgyi_probability("x", 1, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_legacy_zawgyi_probability(NULL, 1, &p), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_legacy_zawgyi_probability(NULL, 0, &p), LOC_OK);
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

/* Font hacks: Unicode <-> legacy, both ways unless one_way says otherwise. */
static const struct fh_case {
  loc_legacy_encoding enc;
  const char *uni, *legacy;
  int one_way; /* 0 both, 1 legacy -> Unicode only, 2 Unicode -> legacy only */
  const char *why;
} fh_cases[] = {
    {LOC_LEGACY_KRUTIDEV, "किताब", "fdrkc", 0, "the i-matra is typed before its consonant"},
    {LOC_LEGACY_KRUTIDEV, "प्रिय", "fiz;", 0,
     "the i-matra goes before the whole cluster; ra-phala is 'z' after the consonant"},
    {LOC_LEGACY_KRUTIDEV, "स्थिति", "fLFkfr", 0, "i-matra before half sa + tha"},
    {LOC_LEGACY_KRUTIDEV, "शक्ति", "'kfDr", 0, "i-matra before half ka + ta"},
    {LOC_LEGACY_KRUTIDEV, "कार्य", "dk;Z", 0, "the reph is typed after the cluster (ya) it precedes"},
    {LOC_LEGACY_KRUTIDEV, "धर्म", "/keZ", 0, "reph after ma; dha is the half form + stroke"},
    {LOC_LEGACY_KRUTIDEV, "कुर्सी", "dqlhZ", 0, "reph after the ii-matra of its syllable"},
    {LOC_LEGACY_KRUTIDEV, "हिन्दी", "fgUnh", 0, "half na before da, i-matra before ha"},
    {LOC_LEGACY_KRUTIDEV, "रुपया", "#i;k", 0, "ra + u is the single glyph '#'"},
    {LOC_LEGACY_KRUTIDEV, "मित्र", "fe=", 0, "tra is the conjunct glyph '='; i-matra before it"},
    {LOC_LEGACY_KRUTIDEV, "उत्तर", "mÙkj", 0, "tta is the half glyph Ù + the stroke"},
    {LOC_LEGACY_KRUTIDEV, "ईश्वर", "bZ'oj", 0, "'bZ' is the vowel ii, not i + reph"},
    {LOC_LEGACY_KRUTIDEV, "भारत, देश।", "Hkkjr] ns'kA", 0, "comma and danda sit in other slots"},
    {LOC_LEGACY_KRUTIDEV, "क्रम", "\u00D8e", 1, "the kra ligature slot (read, never written)"},
    {LOC_LEGACY_KRUTIDEV, "\u095B", "t+", 2, "a precomposed nukta letter is written letter + nukta"},
    {LOC_LEGACY_BIJOY, "বাংলা", "evsjv", 0, "no reordering: aa-kar follows"},
    {LOC_LEGACY_BIJOY, "কোথায়", "\u2021Kv_vq", 0,
     "o-kar is split: e-kar before the consonant, aa-kar after"},
    {LOC_LEGACY_BIJOY, "মৌমাছি", "\u2021g\u0160gvwQ", 0,
     "au-kar is split: e-kar before, the au length mark after"},
    {LOC_LEGACY_BIJOY, "কর্ম", "Kg\u00A9", 0, "the reph (©) is typed after its cluster"},
    {LOC_LEGACY_BIJOY, "ধর্মে", "a\u2021g\u00A9", 0, "e-kar before ma, reph after it"},
    {LOC_LEGACY_BIJOY, "প্রিয়", "wc\u00AAq", 0, "i-kar before pa + ra-phala"},
    {LOC_LEGACY_BIJOY, "সত্য", "mZ\u00A8", 0, "ya-phala, not the half sa glyph"},
    {LOC_LEGACY_BIJOY, "ক্ষমা", "\u00B6gv", 0, "the ksa conjunct glyph"},
    {LOC_LEGACY_BIJOY, "১২৩।", "123|", 0, "ASCII digits draw Bengali digits; '|' is the danda"},
    {LOC_LEGACY_BIJOY, "কে", "\u2020K", 1, "the second e-kar slot (read, never written)"},
    {LOC_LEGACY_BIJOY, "ক\u09C7\u09BE", "\u2021Kv", 2, "decomposed o-kar is written like o-kar"},
};

static char *fh_run(loc_legacy_encoding enc, loc_legacy_direction dir, const char *in) {
  loc_legacy_conv *c;
  assert_int_equal(loc_legacy_conv_new(enc, dir, &c), LOC_OK);
  char *out;
  assert_int_equal(loc_legacy_convert_alloc(c, in, strlen(in), &out, NULL), LOC_OK);
  loc_legacy_conv_free(c);
  return out;
}

static void test_fonthack_convert(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof fh_cases / sizeof fh_cases[0]; i++) {
    const struct fh_case *k = &fh_cases[i];
    if (k->one_way != 2) {
      char *u = fh_run(k->enc, LOC_LEGACY_TO_UNICODE, k->legacy);
      if (strcmp(u, k->uni) != 0)
        fail_msg("case %zu to Unicode (%s): got '%s'", i, k->why, u);
      loc_free(u);
    }
    if (k->one_way != 1) {
      char *l = fh_run(k->enc, LOC_LEGACY_FROM_UNICODE, k->uni);
      if (strcmp(l, k->legacy) != 0)
        fail_msg("case %zu from Unicode (%s): got '%s'", i, k->why, l);
      loc_free(l);
    }
  }
  /* Characters the font has no glyph for pass through both ways. */
  char *u = fh_run(LOC_LEGACY_KRUTIDEV, LOC_LEGACY_TO_UNICODE, "\u00E9 0");
  assert_string_equal(u, "\u00E9 0");
  loc_free(u);
  /* A dangling i-matra or reph (nothing to attach to) stays put. */
  u = fh_run(LOC_LEGACY_KRUTIDEV, LOC_LEGACY_TO_UNICODE, "f Z");
  assert_string_equal(u, "\u093F \u0930\u094D");
  loc_free(u);
}

static const struct fh_detect_case {
  loc_legacy_encoding enc;
  const char *s;
  int want; /* -1 no signal, 0 not legacy (< 0.05), 1 legacy (> 0.95) */
  const char *why;
} fh_detect_cases[] = {
    {LOC_LEGACY_KRUTIDEV, "Hkkjr ,d fo'kky ns'k gS", 1, "a Hindi sentence in Kruti Dev"},
    {LOC_LEGACY_KRUTIDEV, "The quick brown fox jumps over the lazy dog", 0, "English"},
    {LOC_LEGACY_KRUTIDEV, "Le cœur a ses raisons que la raison ne connaît point", 0,
     "French with windows-1252 letters"},
    {LOC_LEGACY_BIJOY, "Avgvi bvg iwng, Avwg XvKvq _vwK", 1, "a Bengali sentence in Bijoy"},
    {LOC_LEGACY_BIJOY, "Wir haben keine Zeit mehr, sagte sie", 0, "German"},
    {LOC_LEGACY_BIJOY, "12 345, 678.", -1, "digits and punctuation carry no signal"},
    {LOC_LEGACY_KRUTIDEV, "", -1, "empty text"},
};

static void test_fonthack_detect(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof fh_detect_cases / sizeof fh_detect_cases[0]; i++) {
    const struct fh_detect_case *k = &fh_detect_cases[i];
    double p;
    assert_int_equal(loc_legacy_probability(k->enc, k->s, strlen(k->s), &p), LOC_OK);
    int got = p < 0 ? -1 : p < 0.05 ? 0 : p > 0.95 ? 1 : 2;
    if (got != k->want)
      fail_msg("case %zu (%s): P = %g", i, k->why, p);
  }
  double p;
  assert_int_equal(loc_legacy_probability(LOC_LEGACY_BIJOY, NULL, 1, &p), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_legacy_probability(LOC_LEGACY_COUNT_, "a", 1, &p), LOC_E_INVALID_ARGUMENT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_zawgyi_probability),
      cmocka_unit_test(test_zawgyi_convert),
      cmocka_unit_test(test_fonthack_convert),
      cmocka_unit_test(test_fonthack_detect),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
