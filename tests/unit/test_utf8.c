/* UTF-8 validation: Table 3-7 boundaries and maximal-subpart lengths. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

static void test_valid(void **state) {
  (void)state;
  static const struct { const char *s; size_t n; const char *why; } ok[] = {
      {S(""), "empty"},
      {S("plain ascii, more than eight bytes long"), "ASCII fast path"},
      {S("a\0b"), "NUL is a character"},
      {S("\xC2\x80"), "lowest 2-byte"},
      {S("\xDF\xBF"), "highest 2-byte"},
      {S("\xE0\xA0\x80"), "lowest 3-byte (E0 needs A0..BF)"},
      {S("\xED\x9F\xBF"), "U+D7FF, just below surrogates"},
      {S("\xEE\x80\x80"), "U+E000, just above surrogates"},
      {S("\xEF\xBF\xBF"), "U+FFFF"},
      {S("\xF0\x90\x80\x80"), "U+10000"},
      {S("\xF4\x8F\xBF\xBF"), "U+10FFFF"},
      {S("हिन्दी ქართული ትግርኛ"), "mixed scripts"},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    if (loc_utf8_valid_prefix(ok[i].s, ok[i].n) != ok[i].n)
      fail_msg("valid text rejected: %s", ok[i].why);
    assert_false(loc_utf8_next_error(ok[i].s, ok[i].n, 0, NULL));
  }
}

static void test_invalid(void **state) {
  (void)state;
  static const struct {
    const char *s; size_t n; size_t off, len; unsigned byte; const char *why;
  } bad[] = {
      {S("ab\x80"), 2, 1, 0x80, "lone continuation byte"},
      {S("\xC0\xAF"), 0, 1, 0xC0, "C0 is never valid (overlong)"},
      {S("\xC1\xBF"), 0, 1, 0xC1, "C1 is never valid (overlong)"},
      {S("\xE0\x80\x80"), 0, 1, 0xE0, "overlong 3-byte: E0 80 is a 1-byte subpart"},
      {S("\xED\xA0\x80"), 0, 1, 0xED, "surrogate D800"},
      {S("\xF0\x80\x80\x80"), 0, 1, 0xF0, "overlong 4-byte"},
      {S("\xF4\x90\x80\x80"), 0, 1, 0xF4, "above U+10FFFF"},
      {S("\xF5\x80"), 0, 1, 0xF5, "F5 is never valid"},
      {S("\xFF"), 0, 1, 0xFF, "FF is never valid"},
      {S("x\xE2\x82"), 1, 2, 0xE2, "truncated 3-byte at end: one subpart of 2"},
      {S("\xF0\x9F\x98"), 0, 3, 0xF0, "truncated 4-byte: one subpart of 3"},
      {S("\xE2\x82x"), 0, 2, 0xE2, "3-byte cut by ASCII"},
      {S("12345678\xC3"), 8, 1, 0xC3, "error after an 8-byte ASCII block"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    loc_utf8_error e;
    if (loc_utf8_valid_prefix(bad[i].s, bad[i].n) != bad[i].off)
      fail_msg("prefix wrong: %s", bad[i].why);
    assert_true(loc_utf8_next_error(bad[i].s, bad[i].n, 0, &e));
    if (e.offset != bad[i].off || e.length != bad[i].len || e.byte != bad[i].byte)
      fail_msg("%s: got offset %zu length %zu byte %02X", bad[i].why, e.offset,
               e.length, e.byte);
  }
}

static void test_every_error_listed(void **state) {
  (void)state;
  const char s[] = "a\xFF" "b\xE2\x82" "c\x80\x80";
  size_t n = sizeof s - 1, from = 0, count = 0;
  size_t want[] = {1, 3, 6, 7};
  loc_utf8_error e;
  while (loc_utf8_next_error(s, n, from, &e)) {
    assert_true(count < 4);
    assert_int_equal(e.offset, want[count]);
    count++;
    from = e.offset + e.length;
  }
  assert_int_equal(count, 4);
  assert_int_equal(loc_utf8_count_chars(s, n), 8); /* a,FF,b,(E2 82 counts 2),c,80,80 */
}

static void test_replace(void **state) {
  (void)state;
  const char s[] = "a\xF0\x9F\x98" "b\xC0\xAF";
  char buf[64];
  size_t len;
  /* Maximal subparts: F0 9F 98 is one; C0 and AF are two. */
  assert_int_equal(loc_utf8_replace(s, sizeof s - 1, buf, sizeof buf, &len), LOC_OK);
  const char want[] = "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD";
  assert_int_equal(len, sizeof want - 1);
  assert_memory_equal(buf, want, len);

  assert_int_equal(loc_utf8_replace(s, sizeof s - 1, buf, 3, &len), LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(len, sizeof want - 1);
  assert_int_equal(loc_utf8_replace(s, sizeof s - 1, NULL, 0, &len), LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(loc_utf8_replace(NULL, 3, buf, 3, &len), LOC_E_INVALID_ARGUMENT);

  char *out;
  assert_int_equal(loc_utf8_replace_alloc(s, sizeof s - 1, &out, &len), LOC_OK);
  assert_string_equal(out, want);
  loc_free(out);
  assert_int_equal(loc_utf8_replace_alloc("", 0, &out, &len), LOC_OK);
  assert_int_equal(len, 0);
  assert_string_equal(out, "");
  loc_free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid),
      cmocka_unit_test(test_invalid),
      cmocka_unit_test(test_every_error_listed),
      cmocka_unit_test(test_replace),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
