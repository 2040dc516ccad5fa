/* Collation: a table of ordered pairs with a reason each, the agreement of
 * compare and sort keys, ill-formed UTF-8, and sharing between threads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct order_case {
  const char *tag;
  const char *a, *b; /* a sorts before b (or equals it when want is 0) */
  int want;
  const char *why;
} cases[] = {
    {"lt", "i", "y", -1, "Lithuanian: y is a variant of i, between i and j"},
    {"lt", "yra", "j", -1, "Lithuanian: y words come before j words"},
    {"en", "j", "y", -1, "English: y after j, the root order"},
    {"sv", "z", "å", -1, "Swedish: å is a letter after z"},
    {"sv", "å", "ä", -1, "Swedish: the alphabet ends z å ä ö"},
    {"sv", "ä", "ö", -1, "Swedish: ö is the last letter"},
    {"sv", "ärlig", "zebra", 1, "Swedish: ä words after z words"},
    {"de", "ä", "b", -1, "German: ä sorts with a (a secondary difference)"},
    {"de", "Äpfel", "Bär", -1, "German: Ä words among the a words"},
    {"de", "a", "ä", -1, "German: the plain letter first when otherwise equal"},
    {"es", "n", "ñ", -1, "Spanish: ñ is its own letter after n"},
    {"es", "nube", "ñandú", -1, "Spanish: all n words before ñ words"},
    {"es", "ñu", "oso", -1, "Spanish: ñ before o"},
    {"en", "ñu", "nube", -1, "English: ñ is n with a tilde (secondary), nu..."},
    {"da", "zebra", "aalborg", -1, "Danish: aa is the letter å, after z"},
    {"da", "ø", "å", -1, "Danish: the alphabet ends æ ø å"},
    {"en", "aalborg", "zebra", -1, "English: aa is two a's"},
    {"km", "ក", "ខ", -1, "Khmer: consonants in alphabet order ka kha"},
    {"km", "កា", "ក្ក", -1,
     "Khmer: a vowel sign on ka before ka with subscript ka (coeng)"},
    {"km", "ក្ក", "ខ", -1, "Khmer: every ka syllable before kha"},
    {"bo", "ཀ", "ཁ", -1, "Tibetan: ka before kha"},
    {"bo", "ཀྱ", "ཁ", -1, "Tibetan: ka with subjoined ya before kha"},
    {"bo", "ཨ", "ཀ", 1, "Tibetan: a is the last letter"},
    {"en", "10", "9", -1, "numbers as text: digit by digit, 1 before 9"},
    {"en", "9", "10x", 1, "numbers as text: no numeric value"},
    {"en", "resume", "résumé", -1, "accents are a secondary difference"},
    {"en", "resume", "Resume", -1, "lower case first at the tertiary level"},
    {"en", "cafe\xCC\x81", "caf\xC3\xA9", 0, "NFD and NFC are canonically equivalent: equal"},
    {"iw", "\xD7\x90", "\xD7\x91", -1, "a deprecated tag is canonicalized (iw -> he)"},
    {NULL, "a", "B", -1, "no tag: the root order, letters before case"},
};

static int sign(int x) { return (x > 0) - (x < 0); }

static int key_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn) {
  int r = memcmp(a, b, an < bn ? an : bn);
  return r ? sign(r) : sign((an > bn) - (an < bn));
}

static void test_orders(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const struct order_case *t = &cases[i];
    loc_collator *c = NULL;
    assert_int_equal(loc_collator_new(t->tag, t->tag ? strlen(t->tag) : 0, &c), LOC_OK);
    int r = 99, back = 99;
    assert_int_equal(loc_collate(c, t->a, strlen(t->a), t->b, strlen(t->b), &r), LOC_OK);
    assert_int_equal(loc_collate(c, t->b, strlen(t->b), t->a, strlen(t->a), &back), LOC_OK);
    if (sign(r) != t->want || sign(back) != -t->want)
      fail_msg("case %zu (%s): got %d / %d: %s", i, t->a, r, back, t->why);
    uint8_t *ka, *kb;
    size_t na, nb;
    assert_int_equal(loc_collate_key_alloc(c, t->a, strlen(t->a), &ka, &na), LOC_OK);
    assert_int_equal(loc_collate_key_alloc(c, t->b, strlen(t->b), &kb, &nb), LOC_OK);
    if (key_cmp(ka, na, kb, nb) != t->want)
      fail_msg("case %zu: sort keys disagree: %s", i, t->why);
    loc_free(ka);
    loc_free(kb);
    loc_collator_free(c);
  }
}

static void test_tags(void **state) {
  (void)state;
  loc_collator *c = NULL;
  assert_int_equal(loc_collator_new("not a tag", 9, &c), LOC_E_INVALID_TAG);
  assert_null(c);
  assert_int_equal(loc_collator_new("iw", 2, &c), LOC_OK);
  assert_string_equal(loc_collator_tag(c), "he");
  assert_string_equal(loc_collator_rules_locale(c), "he");
  loc_collator_free(c);
  /* German dictionary order (DIN 5007-1) is CLDR's root order: no
   * tailoring of its own, and we say so. */
  assert_int_equal(loc_collator_new("de", 2, &c), LOC_OK);
  assert_string_equal(loc_collator_rules_locale(c), "root");
  loc_collator_free(c);
  assert_int_equal(loc_collator_new(NULL, 0, &c), LOC_OK);
  assert_string_equal(loc_collator_tag(c), "");
  loc_collator_free(c);
  assert_int_equal(loc_collator_new(NULL, 0, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_collator_new(NULL, 3, &c), LOC_E_INVALID_ARGUMENT);
  /* A Unicode extension reaches ICU: German phone-book order puts ä as ae. */
  assert_int_equal(loc_collator_new("de-u-co-phonebk", 15, &c), LOC_OK);
  int r;
  assert_int_equal(loc_collate(c, "\xC3\xA4z", 3, "af", 2, &r), LOC_OK);
  assert_true(r < 0); /* "äz" = "aez" < "af" */
  loc_collator_free(c);
}

static void test_invalid_utf8(void **state) {
  (void)state;
  loc_collator *c = NULL;
  assert_int_equal(loc_collator_new("en", 2, &c), LOC_OK);
  int r;
  /* Each maximal ill-formed subpart is one U+FFFD: \xE2\x82 is one subpart. */
  assert_int_equal(loc_collate(c, "a\xE2\x82", 4, "a\xEF\xBF\xBD", 4, &r), LOC_OK);
  assert_int_equal(r, 0);
  assert_int_equal(loc_collate(c, "a\xFF\xFF", 3, "a\xEF\xBF\xBD", 4, &r), LOC_OK);
  assert_true(r > 0); /* two subparts, two U+FFFD */
  /* Caller-buffer key: too small gives the size needed, then fits. */
  uint8_t buf[64];
  size_t n = 0, m = 0;
  assert_int_equal(loc_collate_key(c, "hello", 5, NULL, 0, &n), LOC_E_BUFFER_TOO_SMALL);
  assert_true(n > 0 && n <= sizeof buf);
  assert_int_equal(loc_collate_key(c, "hello", 5, buf, sizeof buf, &m), LOC_OK);
  assert_int_equal(m, n);
  assert_int_equal(buf[n - 1], 0);
  loc_collator_free(c);
}

/* A long line goes through the heap buffer, not the stack one. */
static void test_long(void **state) {
  (void)state;
  loc_collator *c = NULL;
  assert_int_equal(loc_collator_new("sv", 2, &c), LOC_OK);
  size_t n = 100000;
  char *a = malloc(n + 2), *b = malloc(n + 2);
  memset(a, 'z', n);
  memset(b, 'z', n);
  memcpy(a + n, "\xC3\xA5", 2); /* z...zå */
  memcpy(b + n, "\xC3\xB6", 2); /* z...zö */
  int r;
  assert_int_equal(loc_collate(c, a, n + 2, b, n + 2, &r), LOC_OK);
  assert_true(r < 0);
  free(a);
  free(b);
  loc_collator_free(c);
}

static loc_collator *shared;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 2000; i++) {
    int r;
    if (loc_collate(shared, "zebra", 5, "\xC3\xA4rlig", 6, &r) != LOC_OK || r >= 0)
      return (void *)1;
    uint8_t *k;
    size_t n;
    if (loc_collate_key_alloc(shared, "\xC3\xA5ngstr\xC3\xB6m", 11, &k, &n) != LOC_OK)
      return (void *)1;
    loc_free(k);
  }
  return NULL;
}

static void test_threads(void **state) {
  (void)state;
  assert_int_equal(loc_collator_new("sv", 2, &shared), LOC_OK);
  pthread_t th[4];
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&th[i], NULL, worker, NULL), 0);
  for (int i = 0; i < 4; i++) {
    void *res;
    pthread_join(th[i], &res);
    assert_null(res);
  }
  loc_collator_free(shared);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_orders),      cmocka_unit_test(test_tags),
      cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_long),
      cmocka_unit_test(test_threads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
