/* Search keys: equivalence classes (every member gets one key) and
 * must-differ pairs (different words keep different keys), each with the
 * reason, over 18 scripts. */
#include <loc/loc.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { R = LOC_KEY_FOLD_ROMANIZE, D = LOC_KEY_FOLD_DIACRITICS, K = LOC_KEY_FOLD_KANA, A = LOC_KEY_FOLD_ARABIC,
       H = LOC_KEY_FOLD_HEBREW, HAN = LOC_KEY_FOLD_HAN };

static const struct same_case {
  const char *lang;
  unsigned folds;
  const char *members[5]; /* NULL-terminated; all get one key */
  const char *why;
} same[] = {
    {NULL, 0, {"Straße", "STRASSE", "strasse", NULL}, "Latin: case folding, ß is ss"},
    {NULL, 0, {"ﬁne", "fine", "ＦＩＮＥ", NULL}, "Latin: ligature and fullwidth are compatibility forms"},
    {NULL, 0, {"co\xC2\xAD" "op\xE2\x80\x8B" "erate", "cooperate", NULL},
     "soft hyphen and ZWSP are default-ignorable"},
    {NULL, 0, {"Café", "Cafe\xCC\x81", NULL}, "Latin: precomposed and combining é (NFC)"},
    {NULL, D, {"Café", "cafe", "CAFÉ", NULL}, "Latin with --fold diacritics"},
    {NULL, D, {"Łódź", "lodz", NULL}, "Latin: ł has no decomposition, the fold maps it"},
    {NULL, D, {"Αθήνα", "ΑΘΗΝΑ", "αθηνα", NULL}, "Greek: tonos folded, final sigma cased"},
    {NULL, 0, {"ΟΔΟΣ", "οδοσ", "οδος", NULL}, "Greek: case folding makes final sigma σ"},
    {NULL, D, {"Ёлка", "елка", NULL}, "Cyrillic: the diaeresis of ё is folded"},
    {NULL, D, {"за\xCC\x81мок", "замок", NULL}, "Cyrillic: stress accents are folded"},
    {NULL, 0, {"МОСКВА", "москва", NULL}, "Cyrillic: case"},
    {"fa", A, {"كتاب", "کتاب", "كتـــاب", NULL}, "Persian: KAF is KEHEH; tatweel removed"},
    {"fa", A, {"علي", "علی", "على", NULL}, "Persian: YEH and ALEF MAKSURA are FARSI YEH"},
    {"ar", A, {"عَرَبِيّ", "عربي", "عربی", NULL}, "Arabic: harakat removed; FARSI YEH is YEH"},
    {NULL, 0, {"ﻻ", "لا", NULL}, "Arabic: presentation-form ligature (NFKC)"},
    {NULL, H, {"שָׁלוֹם", "שלום", NULL}, "Hebrew: points removed"},
    {NULL, 0, {"\xEF\xAC\xAA", "\xD7\xA9\xD7\x81", NULL}, "Hebrew: presentation form FB2A is SHIN + SHIN DOT"},
    {NULL, 0, {"\xE0\xA5\x98", "\xE0\xA4\x95\xE0\xA4\xBC", NULL}, "Devanagari: QA and KA + NUKTA (composition exclusion)"},
    {NULL, 0, {"क्\xE2\x80\x8Dष", "क्ष", NULL}, "Devanagari: ZWJ in a conjunct is ignorable"},
    {NULL, 0, {"\xE0\xA7\x8B", "\xE0\xA7\x87\xE0\xA6\xBE", NULL}, "Bengali: two-part vowel O and E + AA (canonical)"},
    {NULL, 0, {"ស្ត្រី", "ស្រ្តី", NULL},
     "Khmer: COENG RO is stored after the other subscript (Core Spec §16.4)"},
    {NULL, 0, {"ក្កា", "កា្ក", NULL}, "Khmer: subscript consonant before the vowel sign"},
    {NULL, 0, {"កុំ", "កំុ", NULL}, "Khmer: vowel sign before NIKAHIT"},
    {NULL, 0, {"ကြောင်း", "ကေြာင်း", "ေကြာင်း", NULL},
     "Myanmar: medial RA before VOWEL SIGN E; E typed before its consonant moves after it"},
    {NULL, 0, {"ကို", "ကုိ", NULL}, "Myanmar: upper vowel I before lower vowel U (UTN #11)"},
    {NULL, 0, {"သင်္ချိုင်း", "သင်္ချုိင်း", NULL}, "Myanmar: kinzi kept, vowels ordered"},
    {NULL, 0, {"အပြည်ပြည်ဆိုင်ရာ လူ့အခွင့်အရေး ကြေညာစာတမ်း",
               "\xe1" "\x80" "\xa1" "\xe1" "\x80" "\xbb" "\xe1" "\x80" "\x95" "\xe1" "\x80" "\x8a" "\xe1" "\x80" "\xb9" "\xe1" "\x80" "\xbb" "\xe1" "\x80" "\x95" "\xe1" "\x80" "\x8a" "\xe1" "\x80" "\xb9" "\xe1" "\x80" "\x86" "\xe1" "\x80" "\xad" "\xe1" "\x80" "\xaf" "\xe1" "\x80" "\x84" "\xe1" "\x80" "\xb9" "\xe1" "\x80" "\x9b" "\xe1" "\x80" "\xac" "\x20" "\xe1" "\x80" "\x9c" "\xe1" "\x80" "\xb0" "\xe1" "\x82" "\x94" "\xe1" "\x80" "\xa1" "\xe1" "\x80" "\x81" "\xe1" "\x80" "\xbc" "\xe1" "\x80" "\x84" "\xe1" "\x80" "\xb9" "\xe1" "\x80" "\xb7" "\xe1" "\x80" "\xa1" "\xe1" "\x80" "\xb1" "\xe1" "\x80" "\x9b" "\xe1" "\x80" "\xb8" "\x20" "\xe1" "\x80" "\xb1" "\xe1" "\x81" "\xbe" "\xe1" "\x80" "\x80" "\xe1" "\x80" "\x8a" "\xe1" "\x80" "\xac" "\xe1" "\x80" "\x85" "\xe1" "\x80" "\xac" "\xe1" "\x80" "\x90" "\xe1" "\x80" "\x99" "\xe1" "\x80" "\xb9" "\xe1" "\x80" "\xb8", NULL},
     "Burmese: the UDHR title in Zawgyi (myanmar-tools' golden file) is converted first"},
    {NULL, R, {"Москва", "Moskva", "MOSKVA", NULL}, "--romanize: Cyrillic meets Latin"},
    {NULL, R, {"Алматы", "Almaty", NULL}, "--romanize: Kazakh Cyrillic (project rule set)"},
    {NULL, R, {"दिल्ली", "Dilli", "dillī", NULL}, "--romanize: ISO 15919 long ī folded"},
    {NULL, R, {"東京", "Dong Jing", "dōng jīng", NULL}, "--romanize: Han by pinyin, tones folded"},
    {NULL, K, {"カタカナ", "かたかな", "ｶﾀｶﾅ", NULL}, "Japanese: kana type and width"},
    {NULL, HAN, {"漢語", "汉语", NULL}, "Han: traditional as simplified"},
    {NULL, 0, {"\xED\x95\x9C", "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", NULL}, "Hangul: conjoining jamo compose (NFC)"},
    {NULL, 0, {"Ⅻ", "xii", NULL}, "roman numeral is a compatibility character"},
    {NULL, 0, {"ሰላም", "ሰላ\xE2\x80\x8Cም", NULL}, "Ethiopic: ZWNJ is default-ignorable"},
    {NULL, 0, {"ᲥᲐᲠᲗᲣᲚᲘ", "ქართული", NULL}, "Georgian: Mtavruli case-folds to Mkhedruli"},
    {NULL, 0, {"ՀԱՅԵՐԵՆ", "հայերեն", NULL}, "Armenian: case"},
    {NULL, 0, {"\xE0\xBD\xA9", "\xE0\xBD\x80\xE0\xBE\xB5", NULL}, "Tibetan: KSSA decomposes (NFKC)"},
    {NULL, 0, {"\xE0\xAF\x8A", "\xE0\xAF\x86\xE0\xAE\xBE", NULL}, "Tamil: two-part vowel O (canonical)"},
    {NULL, 0, {"a\xFF", "a\xEF\xBF\xBD", NULL}, "an ill-formed byte is keyed as U+FFFD"},
};

static const struct diff_case {
  const char *lang;
  unsigned folds;
  const char *a, *b, *why;
} differ[] = {
    {NULL, LOC_KEY_FOLD_ALL, "कि", "की", "Devanagari: short and long i are different vowels"},
    {NULL, LOC_KEY_FOLD_ALL, "कम", "काम", "Devanagari: a vowel sign is a letter, never folded"},
    {NULL, LOC_KEY_FOLD_ALL, "কাল", "কল", "Bengali: AA sign kept"},
    {NULL, LOC_KEY_FOLD_ALL, "ก่า", "ก้า", "Thai: tone marks distinguish words"},
    {NULL, LOC_KEY_FOLD_ALL, "ក", "គ", "Khmer: different consonants"},
    {NULL, LOC_KEY_FOLD_ALL, "ក្ក", "កក", "Khmer: a subscript consonant is not a second syllable"},
    {NULL, LOC_KEY_FOLD_ALL, "ကို", "ကိုး", "Myanmar: visarga (tone) distinguishes words"},
    {NULL, LOC_KEY_FOLD_ALL, "ကြ", "ကျ", "Myanmar: medial RA and YA differ"},
    {NULL, LOC_KEY_FOLD_ALL, "йод", "иод", "Cyrillic: й is a letter of its own"},
    {NULL, LOC_KEY_FOLD_ALL, "ғ", "г", "Cyrillic (Kazakh): ғ is a letter of its own"},
    {NULL, 0, "café", "cafe", "without --fold diacritics, é is kept"},
    {NULL, R, "мир", "мер", "--romanize keeps different words apart (i, e)"},
    {"ar", A, "علي", "على", "Arabic: YEH and ALEF MAKSURA stay apart"},
    {NULL, LOC_KEY_FOLD_ALL, "أمل", "امل", "Arabic: HAMZA is part of the letter"},
    {NULL, 0, "カナ", "かな", "without --fold kana, scripts stay apart"},
    {NULL, LOC_KEY_FOLD_ALL, "ሰላም", "ሠላም", "Ethiopic: different syllables"},
    {NULL, LOC_KEY_FOLD_ALL, "ཀ", "ཁ", "Tibetan: different consonants"},
    {NULL, LOC_KEY_FOLD_ALL, "한", "힌", "Hangul: different syllables"},
    {NULL, LOC_KEY_FOLD_ALL & ~(unsigned)H, "\xD7\xA9\xD7\x81", "\xD7\xA9\xD7\x82",
     "Hebrew: SHIN DOT and SIN DOT make two letters (without --fold hebrew)"},
};

static char *key_of(const char *lang, unsigned folds, const char *s) {
  loc_keyer *k;
  assert_int_equal(loc_keyer_new(lang, lang ? strlen(lang) : 0, folds, &k), LOC_OK);
  char *out;
  size_t n;
  assert_int_equal(loc_key_alloc(k, s, strlen(s), &out, &n), LOC_OK);
  assert_int_equal(strlen(out), n);
  /* a key is its own key */
  char *again;
  assert_int_equal(loc_key_alloc(k, out, n, &again, NULL), LOC_OK);
  if (strcmp(again, out) != 0)
    fail_msg("key of key differs for '%s': '%s' then '%s'", s, out, again);
  loc_free(again);
  loc_keyer_free(k);
  return out;
}

static void test_same(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
    char *first = key_of(same[i].lang, same[i].folds, same[i].members[0]);
    for (size_t m = 1; same[i].members[m]; m++) {
      char *k = key_of(same[i].lang, same[i].folds, same[i].members[m]);
      if (strcmp(k, first) != 0) {
        print_message("same %zu (%s): '%s' -> '%s' but '%s' -> '%s'\n", i, same[i].why,
                      same[i].members[0], first, same[i].members[m], k);
        bad++;
      }
      loc_free(k);
    }
    loc_free(first);
  }
  assert_int_equal(bad, 0);
}

static void test_differ(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++) {
    unsigned folds = differ[i].folds;
    char *a = key_of(differ[i].lang, folds, differ[i].a);
    char *b = key_of(differ[i].lang, folds, differ[i].b);
    if (strcmp(a, b) == 0) {
      print_message("differ %zu (%s): both '%s'\n", i, differ[i].why, a);
      bad++;
    }
    loc_free(a);
    loc_free(b);
  }
  assert_int_equal(bad, 0);
}

static void test_fold_parse(void **state) {
  (void)state;
  unsigned f;
  size_t bad = 99;
  assert_int_equal(loc_key_fold_parse("diacritics,kana", &f, &bad), LOC_OK);
  assert_int_equal(f, LOC_KEY_FOLD_DIACRITICS | LOC_KEY_FOLD_KANA);
  assert_int_equal(loc_key_fold_parse("", &f, NULL), LOC_OK);
  assert_int_equal(f, 0);
  assert_int_equal(loc_key_fold_parse("all", &f, NULL), LOC_OK);
  assert_int_equal(f, LOC_KEY_FOLD_ALL);
  assert_int_equal(loc_key_fold_parse("all,romanize", &f, NULL), LOC_OK);
  assert_int_equal(f, LOC_KEY_FOLD_ALL | LOC_KEY_FOLD_ROMANIZE);
  assert_int_equal(loc_key_fold_parse("kana,accents", &f, &bad), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(bad, 5);
  assert_int_equal(loc_key_fold_parse(NULL, &f, NULL), LOC_E_INVALID_ARGUMENT);
}

static void test_api(void **state) {
  (void)state;
  loc_keyer *k;
  assert_int_equal(loc_keyer_new("x-", 2, 0, &k), LOC_E_INVALID_TAG);
  assert_null(k);
  assert_int_equal(loc_keyer_new(NULL, 0, 1u << 20, &k), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_keyer_new("iw", 2, LOC_KEY_FOLD_ALL, &k), LOC_OK);
  loc_key_ctx *c;
  assert_int_equal(loc_key_ctx_new(NULL, &c), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_key_ctx_new(k, &c), LOC_OK);
  const char *key;
  size_t n;
  assert_int_equal(loc_key(c, NULL, 0, &key, &n), LOC_OK);
  assert_int_equal(n, 0);
  assert_int_equal(loc_key(c, NULL, 3, &key, &n), LOC_E_INVALID_ARGUMENT);
  /* a long text: NFKC can grow it, the buffers follow */
  size_t len = 300000;
  char *big = malloc(len * 3);
  for (size_t i = 0; i < len; i++)
    memcpy(big + 3 * i, "\xEF\xB7\xBA", 3); /* U+FDFA expands to 18 characters */
  assert_int_equal(loc_key(c, big, 30000, &key, &n), LOC_OK);
  assert_true(n > 30000 * 5);
  free(big);
  loc_key_ctx_free(c);
  loc_keyer_free(k);
}

static void test_cut(void **state) {
  (void)state;
  const char *texts[] = {"Hello wörld, ស្រ្តី and ကေြာင်း ok", "ស្រ្តីស្រ្តីស្រ្តី", "ab",
                         "\xD7\xA9\xD7\x81\xD7\xA9\xD7\x81", "éééé"};
  loc_keyer *k;
  assert_int_equal(loc_keyer_new(NULL, 0, LOC_KEY_FOLD_ALL, &k), LOC_OK);
  for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
    const char *s = texts[t];
    size_t len = strlen(s), cut = loc_key_cut(s, len);
    assert_true(cut < len);
    if (cut == 0)
      continue;
    char *whole, *a, *b;
    assert_int_equal(loc_key_alloc(k, s, len, &whole, NULL), LOC_OK);
    assert_int_equal(loc_key_alloc(k, s, cut, &a, NULL), LOC_OK);
    assert_int_equal(loc_key_alloc(k, s + cut, len - cut, &b, NULL), LOC_OK);
    char joined[512];
    snprintf(joined, sizeof joined, "%s%s", a, b);
    assert_string_equal(joined, whole);
    loc_free(whole);
    loc_free(a);
    loc_free(b);
  }
  assert_int_equal(loc_key_cut("x", 1), 0);
  loc_keyer_free(k);
}

/* What fuzz_key found once --romanize was fuzzed too (fuzz/fuzz_key.repro/). */
static void test_romanize_found(void **state) {
  (void)state;
  /* a mark from another block on a Latin letter is a diacritic, whether or
   * not the rest of the text asks for the fold */
  char *k = key_of(NULL, LOC_KEY_FOLD_DIACRITICS, "g\xD8\x96");
  assert_string_equal(k, "g");
  loc_free(k);
  /* U+322D PARENTHESIZED IDEOGRAPH WOOD is "(木)" after NFKC: romanized too
   * (key_of checks that the key is its own key) */
  k = key_of(NULL, LOC_KEY_FOLD_ROMANIZE, "g\xE3\x88\xAD");
  assert_non_null(strstr(k, "(mu)"));
  loc_free(k);
  /* a lone Khmer COENG removed leaves Arabic ؟ for a second pass */
  k = key_of("fa", LOC_KEY_FOLD_ROMANIZE | LOC_KEY_FOLD_ARABIC,
             "\xD9\x85\xD8\x81\xE1\x9F\x92\xD8\x9F");
  assert_null(strstr(k, "\xD8\x9F"));
  loc_free(k);
  /* a leading mark takes the script of the next letter, across ASCII
   * punctuation: with romanize only a cut between two ASCII letters holds */
  loc_keyer *r, *plain;
  assert_int_equal(loc_keyer_new(NULL, 0, LOC_KEY_FOLD_ROMANIZE, &r), LOC_OK);
  assert_int_equal(loc_keyer_new(NULL, 0, 0, &plain), LOC_OK);
  const char *t = "\xD9\x95--\xD8\xA7";
  assert_int_equal(loc_key_cut_for(r, t, strlen(t)), 0);
  assert_int_equal(loc_key_cut_for(plain, t, strlen(t)), loc_key_cut(t, strlen(t)));
  assert_true(loc_key_cut(t, strlen(t)) > 0);
  t = "ab\xD9\x95--\xD8\xA7";
  assert_int_equal(loc_key_cut_for(r, t, strlen(t)), 1);
  assert_int_equal(loc_key_cut_for(NULL, t, strlen(t)), 0);
  loc_keyer_free(r);
  loc_keyer_free(plain);
}

static const loc_keyer *shared;

static void *worker(void *arg) {
  (void)arg;
  loc_key_ctx *c;
  if (loc_key_ctx_new(shared, &c) != LOC_OK)
    return (void *)1;
  uintptr_t bad = 0;
  for (int i = 0; i < 2000; i++) {
    const char *key;
    size_t n;
    if (loc_key(c, "漢語 ကေြာင်း Café", strlen("漢語 ကေြာင်း Café"), &key, &n) != LOC_OK ||
        strncmp(key, "汉语 ကြောင်း cafe", n) != 0)
      bad++;
  }
  loc_key_ctx_free(c);
  return (void *)bad;
}

static void test_threads(void **state) {
  (void)state;
  loc_keyer *k;
  assert_int_equal(loc_keyer_new(NULL, 0, LOC_KEY_FOLD_ALL, &k), LOC_OK);
  shared = k;
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&t[i], NULL, worker, NULL), 0);
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join(t[i], &r);
    assert_null(r);
  }
  loc_keyer_free(k);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same),   cmocka_unit_test(test_differ),
      cmocka_unit_test(test_fold_parse), cmocka_unit_test(test_api),
      cmocka_unit_test(test_cut),    cmocka_unit_test(test_threads),
      cmocka_unit_test(test_romanize_found),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
