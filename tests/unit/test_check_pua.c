/* The pua rule's legacy mappings (tables/gen-pua.sh): private-use code
 * points whose published legacy meaning gives a Unicode character get it as
 * the suggestion (never as a fix), the Apple logo is said to have none, and
 * code points no published table maps get the plain finding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

typedef struct pua_case {
  UChar32 cp;
  UChar32 suggested;  /* 0: no suggestion */
  const char *says;   /* a part of the message */
  const char *why;
} pua_case;

static const pua_case cases[] = {
    {0xF061, 0x03B1, "Symbol font",
     "Word text in the Symbol font: byte 0x61 at U+F061 is alpha (Adobe's Symbol table)"},
    {0xF0B4, 0x00D7, "symbol-encoded", "Symbol byte 0xB4 is the multiplication sign"},
    {0xF0E6, 0x239B, "Symbol font",
     "Symbol byte 0xE6: Adobe maps it to private use, Apple to U+239B: Apple's is used"},
    {0xF8EB, 0x239B, "parenlefttp",
     "Adobe's private-use paren piece is U+239B in Apple's table of the same encoding"},
    {0xF6D9, 0x00A9, "copyrightserif", "the serif copyright sign of the Symbol font"},
    {0xF761, 0x0061, "small capital", "Adobe expert font Asmall: the letter a"},
    {0xF7E6, 0x00E6, "AEsmall", "Adobe expert font AEsmall: the letter ae"},
    {0xF730, 0x0030, "old-style", "Adobe expert font zerooldstyle: the digit zero"},
    {0xF8FF, 0, "Apple logo", "the Apple logo: Unicode has no character, so no suggestion"},
    {0xE000, 0, "private-use character U+E000", "no published legacy use known"},
    {0xF01F, 0, "private-use character U+F01F", "below U+F020: no symbol-font byte"},
    {0xF6BE, 0, "private-use character U+F6BE",
     "Adobe's dotlessj: the Adobe Glyph List gives it no standard code point"},
    {0xF6E9, 0, "private-use character U+F6E9",
     "Adobe's asuperior: superior forms are left out (no plain-text equivalent)"},
};

static const loc_check_finding *check_one(loc_check_ctx *x, UChar32 cp, size_t *n) {
  static char text[8];
  size_t len = 0;
  U8_APPEND_UNSAFE(text, len, cp);
  const loc_check_finding *f;
  assert_int_equal(loc_check_text(x, text, len, &f, n), LOC_OK);
  return f;
}

static void test_cases(void **state) {
  (void)state;
  loc_checker *ck;
  assert_int_equal(loc_checker_new(NULL, &ck), LOC_OK);
  loc_check_ctx *x;
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  size_t rule;
  assert_int_equal(loc_check_rule_parse("pua", &rule), LOC_OK);
  int failures = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const pua_case *c = &cases[i];
    size_t n;
    const loc_check_finding *f = check_one(x, c->cp, &n);
    char want[8];
    size_t wlen = 0;
    if (c->suggested != 0)
      U8_APPEND_UNSAFE(want, wlen, c->suggested);
    bool ok = n == 1 && f[0].rule == rule && f[0].fix == NULL &&
              strstr(f[0].message, c->says) != NULL &&
              (c->suggested == 0 ? f[0].suggestion == NULL
                                 : f[0].suggestion != NULL && f[0].suggestion_len == wlen &&
                                       memcmp(f[0].suggestion, want, wlen) == 0);
    if (!ok) {
      fprintf(stderr, "case %zu (U+%04X): %s\n  got: %s\n", i, (unsigned)c->cp, c->why,
              n > 0 ? f[0].message : "(nothing)");
      failures++;
    }
  }
  assert_int_equal(failures, 0);
  loc_check_ctx_free(x);
  loc_checker_free(ck);
}

/* Every suggestion over the whole BMP private-use area is an assigned
 * character outside private use, and the mapped areas are the documented
 * ones (symbol fonts F020-F0FF, Adobe's F6xx-F8xx). */
static void test_every_suggestion(void **state) {
  (void)state;
  loc_checker *ck;
  assert_int_equal(loc_checker_new(NULL, &ck), LOC_OK);
  loc_check_ctx *x;
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  size_t suggested = 0;
  for (UChar32 cp = 0xE000; cp <= 0xF8FF; cp++) {
    size_t n;
    const loc_check_finding *f = check_one(x, cp, &n);
    assert_int_equal(n, 1);
    assert_null(f[0].fix);
    if (f[0].suggestion == NULL)
      continue;
    suggested++;
    assert_true((cp >= 0xF020 && cp <= 0xF0FF) || (cp >= 0xF600 && cp <= 0xF8FE));
    UChar32 s;
    int32_t i = 0;
    U8_NEXT((const uint8_t *)f[0].suggestion, i, (int32_t)f[0].suggestion_len, s);
    assert_int_equal(i, (int32_t)f[0].suggestion_len);
    int8_t type = u_charType(s);
    assert_true(type != U_UNASSIGNED && type != U_PRIVATE_USE_CHAR && type != U_SURROGATE);
  }
  /* 187 symbol-font bytes, 27 Symbol pieces, 79 small capitals, 12 figures */
  assert_int_equal(suggested, 305);
  loc_check_ctx_free(x);
  loc_checker_free(ck);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),
      cmocka_unit_test(test_every_suggestion),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
