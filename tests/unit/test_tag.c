/* Language tags: tables of cases with a reason each, checked through
 * loc_tag_analyze() and loc_tag_canonicalize(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

/* A valid tag and what it becomes; NULL name/autonym = none expected. */
static const struct valid_case {
  const char *in;
  const char *canonical, *maximal, *minimal, *name;
  const char *why;
} valid_cases[] = {
    {"en", "en", "en-Latn-US", "en", "English", "plain language"},
    {"EN-latn-us", "en-Latn-US", "en-Latn-US", "en", "English (Latin, United States)",
     "case: language lower, script title, region upper"},
    {"iw", "he", "he-Hebr-IL", "he", "Hebrew", "deprecated language, Preferred-Value he"},
    {"in", "id", "id-Latn-ID", "id", "Indonesian", "deprecated language in -> id"},
    {"ji", "yi", "yi-Hebr-001", "yi", "Yiddish", "deprecated language ji -> yi"},
    {"mo", "ro", "ro-Latn-RO", "ro", "Romanian", "deprecated Moldavian -> ro"},
    {"sh", "sr-Latn", "sr-Latn-RS", "sr-Latn", "Serbian (Latin)",
     "CLDR alias (not in the IANA registry): sh -> sr-Latn"},
    {"sh-Cyrl", "sr-Cyrl", "sr-Cyrl-RS", "sr", "Serbian (Cyrillic)",
     "a CLDR alias's script does not override the tag's own"},
    {"tl", "fil", "fil-Latn-PH", "fil", "Filipino", "CLDR alias tl -> fil"},
    {"cnr", "sr-ME", "sr-Latn-ME", "sr-ME", "Serbian (Montenegro)",
     "CLDR alias adds a region: cnr -> sr-ME"},
    {"cmn", "zh", "zh-Hans-CN", "zh", "Chinese", "CLDR macrolanguage alias cmn -> zh"},
    {"zh-yue", "yue", "yue-Hant-HK", "yue", "Cantonese", "extlang to its primary language form"},
    {"zh-YUE-hk", "yue-HK", "yue-Hant-HK", "yue", "Cantonese (Hong Kong SAR China)",
     "extlang in any case, region kept"},
    {"i-klingon", "tlh", "tlh", "tlh", "Klingon", "irregular grandfathered tag"},
    {"art-lojban", "jbo", "jbo-Latn-001", "jbo", "Lojban", "regular grandfathered tag"},
    {"zh-min-nan", "nan", "nan-Hans-CN", "nan", "Min Nan Chinese",
     "grandfathered tag with Preferred-Value"},
    {"ZH-HAKKA", "hak", "hak-Hans-CN", "hak", "Hakka Chinese", "grandfathered, any case"},
    {"sgn-BE-FR", "sfb", "sfb", "sfb", NULL, "irregular grandfathered sign language"},
    {"i-default", "i-default", "i-default", "i-default", NULL,
     "grandfathered without Preferred-Value stays as it is"},
    {"zh-min", "zh-min", "zh-min", "zh-min", NULL, "regular grandfathered, no Preferred-Value"},
    {"en-BU", "en-MM", "en-Latn-MM", "en-MM", "English (Myanmar [Burma])",
     "deprecated region BU -> MM"},
    {"de-DD", "de-DE", "de-Latn-DE", "de", "German (Germany)", "deprecated region DD -> DE"},
    {"ru-SU", "ru-RU", "ru-Cyrl-RU", "ru", "Russian (Russia)",
     "CLDR territory alias with several regions: the likely one of the language"},
    {"hy-arevela", "hy", "hy-Armn-AM", "hy", "Armenian",
     "CLDR alias key with a variant: hy_arevela -> hy"},
    {"ja-Latn-hepburn-heploc", "ja-Latn-alalc97", "ja-Latn-JP-alalc97", "ja-Latn-alalc97",
     "Japanese (Latin, ALA-LC Romanization, 1997 edition)",
     "CLDR's two-variant alias hepburn-heploc -> alalc97"},
    {"de-1996-1901", "de-1901-1996", "de-Latn-DE-1901-1996", "de-1901-1996",
     "German (1901_1996)", "variants in alphabetical order (UTS #35)"},
    {"ja-Latn-alalc97-heploc", "ja-Latn-alalc97", "ja-Latn-JP-alalc97", "ja-Latn-alalc97",
     "Japanese (Latin, ALA-LC Romanization, 1997 edition)",
     "a Preferred-Value equal to a variant already there is not written twice"},
    {"de-CH-1901", "de-CH-1901", "de-Latn-CH-1901", "de-CH-1901",
     "German (Switzerland, Traditional German orthography)", "variant after its Prefix"},
    {"x-foo", "x-foo", "x-foo", "x-foo", NULL, "private use only: nothing to look up"},
    {"X-Private-1", "x-private-1", "x-private-1", "x-private-1", NULL,
     "private use, lowercased"},
    {"en-x-foo", "en-x-foo", "en-Latn-US-x-foo", "en-x-foo", "English (Private-Use=foo)",
     "private use after a language is kept"},
    {"en-US-u-ca-gregory", "en-US-u-ca-gregory", "en-Latn-US-u-ca-gregory", "en-u-ca-gregory",
     "English (United States, Calendar=Gregorian Calendar)", "a u extension is kept"},
    {"en-u-ca-gregory-a-bcd", "en-a-bcd-u-ca-gregory", NULL, NULL, NULL,
     "extensions ordered by singleton"},
    {"qaa", "qaa", "qaa", "qaa", NULL, "private-use language range qaa..qtz"},
    {"en-Qaaa", "en-Qaaa", NULL, NULL, NULL, "private-use script range"},
    {"en-XA", "en-XA", NULL, NULL, NULL, "private-use region range"},
    {"es-419", "es-419", "es-Latn-419", "es-419", "Spanish (Latin America)",
     "UN M.49 numeric region"},
    {"und", "und", "en-Latn-US", "en", "Unknown language", "und: CLDR's likely subtags"},
    {"aaa", "aaa", "aaa", "aaa", NULL, "registered, but ICU knows no name or likely subtags"},
    {"zh-Hant-TW", "zh-Hant-TW", "zh-Hant-TW", "zh-TW", "Chinese (Traditional, Taiwan)",
     "redundant tag without Preferred-Value parses normally"},
    {"zh-cmn-Hant", "zh-Hant", "zh-Hant-TW", "zh-TW", "Chinese (Traditional)",
     "redundant tag zh-cmn-Hant -> cmn-Hant, then CLDR cmn -> zh"},
};

static void test_valid(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof valid_cases / sizeof valid_cases[0]; i++) {
    const struct valid_case *c = &valid_cases[i];
    loc_tag_info *t = NULL;
    assert_int_equal(loc_tag_analyze(c->in, strlen(c->in), &t), LOC_OK);
    if (!t->valid || strcmp(t->canonical, c->canonical) != 0 ||
        (c->maximal && strcmp(t->maximal, c->maximal) != 0) ||
        (c->minimal && strcmp(t->minimal, c->minimal) != 0) ||
        (c->maximal && ((c->name == NULL) != (t->name == NULL) ||
                        (c->name && strcmp(t->name, c->name) != 0)))) {
      print_error("%s (%s): valid=%d canonical=%s maximal=%s minimal=%s name=%s%s%s\n", c->in,
                  c->why, t->valid, t->canonical, t->maximal, t->minimal, t->name,
                  t->n_errors ? " error: " : "", t->n_errors ? t->errors[0].message : "");
      fail();
    }
    assert_int_equal(t->n_errors, 0);
    /* The canonical form is valid and its own canonical form. */
    char again[600];
    size_t n;
    assert_int_equal(loc_tag_canonicalize(t->canonical, strlen(t->canonical), again,
                                          sizeof again, &n),
                     LOC_OK);
    assert_string_equal(again, t->canonical);
    loc_tag_info_free(t);
  }
}

/* An invalid tag: the first error's rule, offset and length. */
static const struct invalid_case {
  const char *in;
  size_t len;
  const char *rule;
  size_t offset, length;
  const char *why;
} invalid_cases[] = {
    {S(""), "syntax", 0, 0, "empty tag"},
    {S("-en"), "syntax", 0, 0, "leading hyphen: empty first subtag"},
    {S("en-"), "syntax", 3, 0, "trailing hyphen"},
    {S("en--US"), "syntax", 3, 0, "two hyphens"},
    {S("e"), "syntax", 0, 1, "one-letter language"},
    {S("1en"), "syntax", 0, 3, "a language is letters only"},
    {S("en-abcdefghi"), "syntax", 3, 9, "subtag over 8 characters"},
    {S("en-US-Latn"), "syntax", 6, 4, "script after region"},
    {S("en-a"), "syntax", 3, 1, "singleton without subtags"},
    {S("en-a-x"), "syntax", 3, 1, "extension singleton followed by nothing but private use"},
    {S("en-x"), "syntax", 3, 1, "private use without subtags"},
    {S("en-a-b"), "syntax", 3, 1, "extension subtags have 2 to 8 characters"},
    {S("en_US"), "syntax", 2, 1, "underscore is not a separator"},
    {S("en US"), "syntax", 2, 1, "space inside"},
    {S(" en"), "syntax", 0, 1, "leading space is part of the input"},
    {S("en-\xC3\xA9"), "syntax", 3, 2, "non-ASCII letter, named with its byte offset"},
    {S("en-\xFF"), "syntax", 3, 1, "invalid UTF-8"},
    {S("en-\xE2\x82"), "syntax", 3, 2, "truncated UTF-8 sequence: one maximal subpart"},
    {S("en\0US"), "syntax", 2, 1, "NUL byte"},
    {S("xx-US"), "unknown-subtag", 0, 2, "unregistered language"},
    {S("en-Abcd"), "unknown-subtag", 3, 4, "unregistered script"},
    {S("en-AB"), "unknown-subtag", 3, 2, "unregistered region"},
    {S("en-QQ"), NULL, 0, 0, "QM..QZ are private-use regions (valid)"},
    {S("en-900"), "unknown-subtag", 3, 3, "unregistered numeric region, no CLDR alias"},
    {S("qqq-bogus"), "unknown-subtag", 4, 5, "unregistered variant, no CLDR alias"},
    {S("en-999"), NULL, 0, 0, "a CLDR alias (999 -> ZZ): valid, not registered"},
    {S("eng"), NULL, 0, 0, "a CLDR alias (ISO 639-2 eng -> en): valid, not registered"},
    {S("de-1901-abcde"), "unknown-subtag", 8, 5, "unregistered variant, offset of the variant"},
    {S("abcde"), "unknown-subtag", 0, 5, "5-8 letter languages are reserved: none registered"},
    {S("abcd"), "unknown-subtag", 0, 4, "4-letter languages are reserved"},
    {S("en-yue"), "extlang-prefix", 3, 3, "extlang after the wrong language"},
    {S("zh-yue-cmn"), "extlang-prefix", 7, 3, "a second extlang"},
    {S("zh-xyz"), "unknown-subtag", 3, 3, "unregistered extlang"},
    {S("de-1901-1901"), "duplicate-variant", 8, 4, "duplicate variant"},
    {S("de-1901-1996-1901"), "duplicate-variant", 13, 4, "duplicate variant, not adjacent"},
    {S("de-DE-1901-1901"), "duplicate-variant", 11, 4, "duplicate variant after region"},
    {S("en-u-ca-x-u-nu"), NULL, 0, 0, "a u after x is private use, not a duplicate (valid)"},
    {S("en-u-ca-gregory-U-nu-thai"), "duplicate-singleton", 16, 1, "duplicate extension"},
    {S("i-notreal"), "syntax", 0, 1, "i- is only valid in grandfathered tags"},
};

static void test_invalid(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof invalid_cases / sizeof invalid_cases[0]; i++) {
    const struct invalid_case *c = &invalid_cases[i];
    loc_tag_info *t = NULL;
    assert_int_equal(loc_tag_analyze(c->in, c->len, &t), LOC_OK);
    bool ok = c->rule == NULL ? t->valid
                              : !t->valid && t->n_errors >= 1 &&
                                    strcmp(t->errors[0].rule, c->rule) == 0 &&
                                    t->errors[0].offset == c->offset &&
                                    t->errors[0].length == c->length;
    if (!ok) {
      print_error("case %zu (%s): valid=%d rule=%s offset=%zu length=%zu message=%s\n", i,
                  c->why, t->valid, t->n_errors ? t->errors[0].rule : "-",
                  t->n_errors ? t->errors[0].offset : 0, t->n_errors ? t->errors[0].length : 0,
                  t->n_errors ? t->errors[0].message : "-");
      fail();
    }
    if (c->rule) {
      assert_null(t->canonical);
      assert_null(t->maximal);
      assert_null(t->name);
      assert_true(t->errors[0].message[0] != '\0');
      /* The input is copied byte for byte, NUL included. */
      assert_int_equal(t->input_len, c->len);
      assert_memory_equal(t->input, c->in, c->len);
      char buf[64];
      size_t n;
      assert_int_equal(loc_tag_canonicalize(c->in, c->len, buf, sizeof buf, &n),
                       LOC_E_INVALID_TAG);
    }
    loc_tag_info_free(t);
  }
}

/* Messages name the offending subtag. */
static void test_messages(void **state) {
  (void)state;
  loc_tag_info *t;
  assert_int_equal(loc_tag_analyze(S("en-AB"), &t), LOC_OK);
  assert_int_equal(t->n_errors, 1);
  assert_non_null(strstr(t->errors[0].message, "'AB'"));
  loc_tag_info_free(t);
  assert_int_equal(loc_tag_analyze(S("de-1901-1901"), &t), LOC_OK);
  assert_int_equal(t->n_errors, 1);
  assert_non_null(strstr(t->errors[0].message, "'1901'"));
  loc_tag_info_free(t);
}

static const struct warning_case {
  const char *in;
  const char *rule;
  size_t offset;
  const char *why;
} warning_cases[] = {
    {"en-Latn", "suppress-script", 3, "English suppresses Latn"},
    {"ru-Cyrl-RU", "suppress-script", 3, "Russian suppresses Cyrl"},
    {"sl-biske", "variant-prefix", 3, "biske is registered after sl-rozaj"},
    {"en-1901", "variant-prefix", 3, "1901 is for German"},
    {"en-b-abc", "unknown-extension", 3, "only t and u extensions are registered"},
    {"de-u-co-bogus", "unknown-u-type", 8, "CLDR defines no collation 'bogus'"},
    {"en-u-zz-abc", "unknown-u-key", 5, "CLDR defines no -u- key 'zz'"},
    {"en-u-co", "unknown-u-type", 5, "co is not a yes/no key"},
    {"ja-t-it-m0-bogus", "unknown-t-type", 11, "no transform mechanism 'bogus'"},
    {"de-t-xx", "unknown-t-lang", 5, "the -t- source language must be registered"},
};

/* Extensions whose keys and types CLDR defines: no warning, whatever the
 * kind of type (listed, yes/no, code points, reorder codes, regions,
 * subdivisions, time zones, several subtags). */
static const char *const clean_extensions[] = {
    "de-u-co-phonebk", "en-u-kn", "en-u-kn-false", "en-u-vt-0061-0062", "en-u-kr-latn-digit",
    "en-u-rg-uszzzz", "en-u-sd-usca", "en-u-tz-usnyc", "en-u-ca-islamic-civil",
    "en-u-attr-ca-gregory", "de-u-co-phonebk-ka-shifted", "th-u-nu-thai", "en-u-cu-usd",
    "und-t-it-m0-ungegn", "ja-t-it", "en-u-dx-thai-latn"};

static void test_warnings(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof warning_cases / sizeof warning_cases[0]; i++) {
    const struct warning_case *c = &warning_cases[i];
    loc_tag_info *t;
    assert_int_equal(loc_tag_analyze(c->in, strlen(c->in), &t), LOC_OK);
    if (!t->valid || t->n_warnings != 1 || strcmp(t->warnings[0].rule, c->rule) != 0 ||
        t->warnings[0].offset != c->offset) {
      print_error("%s (%s): valid=%d warnings=%zu first=%s\n", c->in, c->why, t->valid,
                  t->n_warnings, t->n_warnings ? t->warnings[0].rule : "-");
      fail();
    }
    loc_tag_info_free(t);
  }
  for (size_t i = 0; i < sizeof clean_extensions / sizeof clean_extensions[0]; i++) {
    loc_tag_info *c;
    const char *s = clean_extensions[i];
    assert_int_equal(loc_tag_analyze(s, strlen(s), &c), LOC_OK);
    if (!c->valid || c->n_warnings != 0) {
      print_error("%s: valid=%d warnings=%zu first=%s\n", s, c->valid, c->n_warnings,
                  c->n_warnings ? c->warnings[0].message : "-");
      fail();
    }
    loc_tag_info_free(c);
  }
  /* Variants in their prefix: no warning. */
  loc_tag_info *t;
  assert_int_equal(loc_tag_analyze(S("sl-rozaj-biske"), &t), LOC_OK);
  assert_true(t->valid);
  assert_int_equal(t->n_warnings, 0);
  loc_tag_info_free(t);
}

static void test_overlong(void **state) {
  (void)state;
  /* A valid tag of exactly LOC_TAG_MAX_LEN bytes ("en-x-ab-ab-...-abccc"),
   * then one byte more. */
  char buf[LOC_TAG_MAX_LEN + 2];
  size_t n = 0;
  memcpy(buf, "en-x", 4);
  n = 4;
  while (n + 3 <= LOC_TAG_MAX_LEN) {
    memcpy(buf + n, "-ab", 3);
    n += 3;
  }
  while (n < LOC_TAG_MAX_LEN)
    buf[n++] = 'c'; /* lengthen the last subtag */
  loc_tag_info *t;
  assert_int_equal(loc_tag_analyze(buf, n, &t), LOC_OK);
  assert_true(t->valid);
  loc_tag_info_free(t);
  buf[n++] = 'c';
  assert_int_equal(loc_tag_analyze(buf, n, &t), LOC_OK);
  assert_false(t->valid);
  assert_string_equal(t->errors[0].rule, "too-long");
  assert_int_equal(t->errors[0].offset, LOC_TAG_MAX_LEN);
  loc_tag_info_free(t);
}

static void test_names(void **state) {
  (void)state;
  loc_tag_info *t;
  assert_int_equal(loc_tag_analyze(S("iw"), &t), LOC_OK);
  assert_string_equal(t->autonym, "עברית");
  loc_tag_info_free(t);
  assert_int_equal(loc_tag_analyze(S("sh"), &t), LOC_OK);
  assert_string_equal(t->autonym, "srpski (latinica)");
  loc_tag_info_free(t);
  /* ICU has no Klingon locale data: no autonym rather than an English one. */
  assert_int_equal(loc_tag_analyze(S("tlh"), &t), LOC_OK);
  assert_string_equal(t->name, "Klingon");
  assert_null(t->autonym);
  loc_tag_info_free(t);
}

/* CLDR aliases of unregistered codes: valid, not registered, one
 * "unregistered" warning per subtag; registered tags say so. */
static void test_registered(void **state) {
  (void)state;
  static const struct {
    const char *in, *canonical, *subtag;
  } cases[] = {
      {"eng", "en", "eng"},         {"chi", "zh", "chi"},
      {"und-004", "und-AF", "004"}, {"sgn-076", "bzs", "076"},
      {"no-bokmal", "nb", "bokmal"}, {"EN-us-POLYTONI", "en-US-polyton", "POLYTONI"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    loc_tag_info *t = NULL;
    assert_int_equal(loc_tag_analyze(cases[i].in, strlen(cases[i].in), &t), LOC_OK);
    assert_true(t->valid);
    assert_false(t->registered);
    assert_string_equal(t->canonical, cases[i].canonical);
    assert_int_equal(t->n_errors, 0);
    assert_true(t->n_warnings >= 1);
    assert_string_equal(t->warnings[0].rule, "unregistered");
    assert_int_equal(t->warnings[0].length, strlen(cases[i].subtag));
    assert_memory_equal(cases[i].in + t->warnings[0].offset, cases[i].subtag,
                        strlen(cases[i].subtag));
    loc_tag_info_free(t);
    char out[64];
    size_t n;
    assert_int_equal(loc_tag_canonicalize(cases[i].in, strlen(cases[i].in), out, sizeof out, &n),
                     LOC_OK);
    assert_string_equal(out, cases[i].canonical);
  }
  loc_tag_info *t = NULL;
  assert_int_equal(loc_tag_analyze("he", 2, &t), LOC_OK);
  assert_true(t->valid && t->registered);
  loc_tag_info_free(t);
  assert_int_equal(loc_tag_analyze("xx", 2, &t), LOC_OK);
  assert_false(t->valid || t->registered);
  loc_tag_info_free(t);
  char out[64];
  size_t n;
  assert_int_equal(loc_tag_canonicalize("xx", 2, out, sizeof out, &n), LOC_E_INVALID_TAG);
  assert_int_equal(loc_tag_canonicalize("qqq-bogus", 9, out, sizeof out, &n), LOC_E_INVALID_TAG);
}

static void test_api(void **state) {
  (void)state;
  loc_tag_info *t;
  assert_int_equal(loc_tag_analyze(NULL, 1, &t), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_tag_analyze("en", 2, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_tag_analyze(NULL, 0, &t), LOC_OK);
  assert_false(t->valid);
  loc_tag_info_free(t);
  loc_tag_info_free(NULL);
  size_t n;
  char small[3];
  assert_int_equal(loc_tag_canonicalize(S("sh"), small, sizeof small, &n),
                   LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(n, 7);
  assert_int_equal(loc_tag_canonicalize(S("sh"), NULL, 0, &n), LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(loc_tag_canonicalize(S("sh"), NULL, 1, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(strlen(loc_tag_registry_date()), 10);
  assert_string_equal(loc_status_name(LOC_E_INVALID_TAG), "LOC_E_INVALID_TAG");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid),    cmocka_unit_test(test_invalid),
      cmocka_unit_test(test_messages), cmocka_unit_test(test_warnings),
      cmocka_unit_test(test_overlong), cmocka_unit_test(test_names),
      cmocka_unit_test(test_api),        cmocka_unit_test(test_registered),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
