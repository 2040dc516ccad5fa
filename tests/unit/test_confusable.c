/* The skeleton index of registered names: Latin/Cyrillic look-alikes,
 * whole-script Cyrillic names, A-label and case variants meeting their
 * U-label, the differing code points, the ASCII fast path against ICU's
 * own skeletons, states and arguments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static loc_confusable_index *ix;
static loc_confusable_ctx *ctx;

/* The context of the shared index, or one made from another index. */
static loc_confusable_ctx *fresh_ctx;
static loc_confusable_ctx *cx(const loc_confusable_index *i) {
  if (i == ix)
    return ctx;
  loc_confusable_ctx_free(fresh_ctx);
  fresh_ctx = NULL;
  assert_int_equal(loc_confusable_ctx_new(i, &fresh_ctx), LOC_OK);
  return fresh_ctx;
}

static const char *const registered[] = {
    "apple.com",
    "paypal.com",
    "scope.net",
    "xn--bcher-kva.de", /* bücher.de */
    "rn.org",
    "appie.com",
    "Example.COM",
    "example.com",
    "\xE6\x9D\xB1\xE4\xBA\xAC.jp", /* 東京.jp */
};

static int setup(void **state) {
  (void)state;
  if (loc_confusable_index_new(&ix) != LOC_OK || loc_confusable_ctx_new(ix, &ctx) != LOC_OK)
    return -1;
  for (size_t i = 0; i < sizeof registered / sizeof registered[0]; i++)
    if (loc_confusable_index_add(ix, registered[i], strlen(registered[i])) != LOC_OK)
      return -1;
  return loc_confusable_index_finish(ix) == LOC_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  loc_confusable_ctx_free(ctx);
  loc_confusable_index_free(ix);
  return 0;
}

/* Matches of the last lookup, space-separated. */
static void matches(char *buf, size_t cap, size_t count) {
  buf[0] = '\0';
  for (size_t i = 0; i < count; i++) {
    size_t n;
    const char *m = loc_confusable_match(cx(ix), i, &n);
    snprintf(buf + strlen(buf), cap - strlen(buf), "%s%.*s", i ? " " : "", (int)n, m);
  }
}

static void test_table(void **state) {
  (void)state;
  static const struct {
    const char *in;
    const char *matches;
    const char *why;
  } cases[] = {
      {"p\xD0\xB0ypal.com", "paypal.com", "Latin with one CYRILLIC SMALL LETTER A"},
      {"\xD1\x95\xD1\x81\xD0\xBE\xD1\x80\xD0\xB5.net", "scope.net",
       "whole-script: all-Cyrillic ѕсоре looks like scope"},
      {"\xD0\xB0\xD1\x80\xD1\x80\xD3\x8F\xD0\xB5.com", "appie.com apple.com",
       "whole-script аррӏе: UTS #39 (Unicode 15) maps PALOCHKA to i, so its skeleton meets "
       "appie; the extended skeleton (PALOCHKA as l) meets apple"},
      {"apple.com", "apple.com", "a registered name finds itself"},
      {"APPLE.COM", "apple.com", "case does not matter (UTS #46 Unicode form)"},
      {"b\xC3\xBC" "cher.de", "xn--bcher-kva.de", "a U-label meets the registered A-label"},
      {"XN--BCHER-KVA.DE", "xn--bcher-kva.de", "an A-label in capitals too"},
      {"m.org", "rn.org", "m looks like rn"},
      {"example.com", "Example.COM example.com", "every name with the skeleton, in order"},
      {"\xE6\x9D\xB1\xE4\xBA\xAC.jp", "\xE6\x9D\xB1\xE4\xBA\xAC.jp", "a Han name"},
      {"apple.net", "", "another TLD is another name"},
      {"", "", "the empty name"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t count = 99;
    assert_int_equal(loc_confusable_lookup(cx(ix), cases[i].in, strlen(cases[i].in), &count),
                     LOC_OK);
    char got[256];
    matches(got, sizeof got, count);
    if (strcmp(got, cases[i].matches) != 0)
      fail_msg("case %zu (%s): matches \"%s\", want \"%s\"", i, cases[i].why, got,
               cases[i].matches);
  }
}

/* Which key found each match: the UTS #39 skeleton first, then the
 * extended one for names only it finds. */
static void test_keys(void **state) {
  (void)state;
  size_t count = 0, n;
  const char *apple = "\xD0\xB0\xD1\x80\xD1\x80\xD3\x8F\xD0\xB5.com";
  assert_int_equal(loc_confusable_lookup(cx(ix), apple, strlen(apple), &count), LOC_OK);
  assert_int_equal(count, 2);
  assert_string_equal(loc_confusable_match_key(ctx, 0), "uts39");
  assert_string_equal(loc_confusable_match_key(ctx, 1), "extended");
  assert_null(loc_confusable_match_key(ctx, 2));
  const char *x = loc_confusable_extended_skeleton(ctx, &n);
  assert_int_equal(n, 10);
  assert_memory_equal(x, "apple.corn", 10);
  /* ASCII: the extended skeleton is the skeleton */
  assert_int_equal(loc_confusable_lookup(cx(ix), "apple.com", 9, &count), LOC_OK);
  assert_int_equal(count, 1);
  assert_string_equal(loc_confusable_match_key(ctx, 0), "uts39");
  x = loc_confusable_extended_skeleton(ctx, &n);
  assert_int_equal(n, 10);
  assert_memory_equal(x, "apple.corn", 10);
}

/* Two names whose Unicode forms are both empty (U+00AD SOFT HYPHEN is
 * ignored): a match with no differences, and no pointer arithmetic on
 * storage that was never needed. */
static void test_empty_forms(void **state) {
  (void)state;
  loc_confusable_index *e;
  loc_confusable_ctx *c;
  assert_int_equal(loc_confusable_index_new(&e), LOC_OK);
  assert_int_equal(loc_confusable_ctx_new(e, &c), LOC_OK);
  assert_int_equal(loc_confusable_index_add(e, "", 0), LOC_OK);
  assert_int_equal(loc_confusable_index_finish(e), LOC_OK);
  size_t count = 0, n = 99;
  assert_int_equal(loc_confusable_lookup(c, "\xC2\xAD", 2, &count), LOC_OK);
  assert_int_equal(count, 1);
  loc_confusable_diff d[2];
  assert_int_equal(loc_confusable_match_diff(c, 0, d, 2, &n), LOC_OK);
  assert_int_equal(n, 0);
  loc_confusable_ctx_free(c);
  loc_confusable_index_free(e);
}

static void test_diffs(void **state) {
  (void)state;
  size_t count, n;
  loc_confusable_diff d[8];
  /* p[а]ypal vs paypal: one code point */
  assert_int_equal(loc_confusable_lookup(cx(ix), "p\xD0\xB0ypal.com", 11, &count), LOC_OK);
  assert_int_equal(count, 1);
  assert_int_equal(loc_confusable_match_diff(cx(ix), 0, d, 8, &n), LOC_OK);
  assert_int_equal(n, 1);
  assert_int_equal(d[0].input, 0x0430);
  assert_int_equal(d[0].registered, 'a');
  size_t slen;
  const char *s = loc_confusable_skeleton(ctx, &slen);
  assert_int_equal(slen, strlen("paypal.corn"));
  assert_memory_equal(s, "paypal.corn", slen);
  /* ѕсоре vs scope: five */
  assert_int_equal(loc_confusable_lookup(cx(ix), "\xD1\x95\xD1\x81\xD0\xBE\xD1\x80\xD0\xB5.net",
                                         14, &count), LOC_OK);
  assert_int_equal(loc_confusable_match_diff(cx(ix), 0, d, 8, &n), LOC_OK);
  assert_int_equal(n, 5);
  assert_int_equal(d[0].input, 0x0455);
  assert_int_equal(d[0].registered, 's');
  assert_int_equal(d[4].input, 0x0435);
  assert_int_equal(d[4].registered, 'e');
  /* m vs rn: lengths differ */
  assert_int_equal(loc_confusable_lookup(cx(ix), "m.org", 5, &count), LOC_OK);
  assert_int_equal(loc_confusable_match_diff(cx(ix), 0, d, 8, &n), LOC_OK);
  assert_int_equal(n, 2);
  assert_int_equal(d[0].input, 'm');
  assert_int_equal(d[0].registered, 'r');
  assert_int_equal(d[1].input, -1);
  assert_int_equal(d[1].registered, 'n');
  /* the same name: nothing differs; too small a buffer says how many */
  assert_int_equal(loc_confusable_lookup(cx(ix), "bücher.de", strlen("bücher.de"), &count),
                   LOC_OK);
  assert_int_equal(loc_confusable_match_diff(cx(ix), 0, d, 8, &n), LOC_OK);
  assert_int_equal(n, 0);
  assert_int_equal(loc_confusable_lookup(cx(ix), "\xD1\x95\xD1\x81\xD0\xBE\xD1\x80\xD0\xB5.net",
                                         14, &count), LOC_OK);
  assert_int_equal(loc_confusable_match_diff(cx(ix), 0, d, 2, &n), LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(n, 5);
  assert_int_equal(loc_confusable_match_diff(cx(ix), 1, d, 8, &n), LOC_E_INVALID_ARGUMENT);
}

/* All-ASCII names take a table of per-character skeletons; a non-ASCII
 * label elsewhere in the name sends the ASCII label through ICU instead:
 * both must give the same skeleton for every pair of printable ASCII. */
static void test_ascii_fast_path(void **state) {
  (void)state;
  char name[16], slow[16];
  for (int a = 0x21; a < 0x7F; a++)
    for (int b = 0x21; b < 0x7F; b++) {
      if (a == '.' || b == '.')
        continue;
      snprintf(name, sizeof name, "%c%cx", a, b);
      snprintf(slow, sizeof slow, "%c%cx.\xC3\xA9", a, b);
      size_t count, n1, n2;
      assert_int_equal(loc_confusable_lookup(cx(ix), name, 3, &count), LOC_OK);
      char fast[64];
      const char *s = loc_confusable_skeleton(ctx, &n1);
      assert_true(n1 < sizeof fast);
      memcpy(fast, s, n1);
      assert_int_equal(loc_confusable_lookup(cx(ix), slow, 6, &count), LOC_OK);
      s = loc_confusable_skeleton(ctx, &n2);
      if (n2 < n1 + 1 || memcmp(s, fast, n1) != 0 || s[n1] != '.')
        fail_msg("\"%s\": fast skeleton \"%.*s\", ICU's \"%.*s\"", name, (int)n1, fast,
                 (int)n2, s);
    }
}

static void test_states_and_arguments(void **state) {
  (void)state;
  loc_confusable_index *fresh;
  size_t count = 7;
  assert_int_equal(loc_confusable_index_new(&fresh), LOC_OK);
  loc_confusable_ctx *fc = cx(fresh);
  assert_int_equal(loc_confusable_lookup(fc, "a", 1, &count), LOC_E_STATE);
  assert_int_equal(count, 0);
  assert_int_equal(loc_confusable_index_add(fresh, "a\xFF", 2), LOC_E_INVALID_UTF8);
  assert_int_equal(loc_confusable_index_count(fresh), 0);
  assert_int_equal(loc_confusable_index_finish(fresh), LOC_OK);
  assert_int_equal(loc_confusable_index_finish(fresh), LOC_E_STATE);
  assert_int_equal(loc_confusable_index_add(fresh, "a", 1), LOC_E_STATE);
  assert_int_equal(loc_confusable_lookup(fc, "a", 1, &count), LOC_OK);
  assert_int_equal(count, 0);
  loc_confusable_ctx_free(fresh_ctx);
  fresh_ctx = NULL;
  loc_confusable_index_free(fresh);
  assert_int_equal(loc_confusable_lookup(cx(ix), "\xFF", 1, &count), LOC_E_INVALID_UTF8);
  assert_int_equal(loc_confusable_lookup(NULL, "a", 1, &count), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_confusable_lookup(cx(ix), NULL, 1, &count), LOC_E_INVALID_ARGUMENT);
  assert_null(loc_confusable_match(cx(ix), 0, NULL));
  assert_int_equal(loc_confusable_index_new(NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_confusable_index_count(ix), sizeof registered / sizeof registered[0]);
  assert_true(loc_confusable_index_bytes(ix) > 0);
  loc_confusable_index_free(NULL);
  loc_confusable_ctx_free(NULL);
  loc_confusable_ctx *none = (loc_confusable_ctx *)1;
  assert_int_equal(loc_confusable_ctx_new(NULL, &none), LOC_E_INVALID_ARGUMENT);
  assert_null(none);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_keys),
      cmocka_unit_test(test_empty_forms),
      cmocka_unit_test(test_diffs),
      cmocka_unit_test(test_ascii_fast_path),
      cmocka_unit_test(test_states_and_arguments),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
