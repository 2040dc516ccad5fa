/* UTS #46 ToASCII / ToUnicode: a table of cases with the reason for each
 * (libidn2's known defects among them), the located errors, both output
 * conventions, argument checks and hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

static loc_idn *idn;
static loc_idn_ctx *ctx;

static int setup(void **state) {
  (void)state;
  return loc_idn_new(&idn) == LOC_OK && loc_idn_ctx_new(idn, &ctx) == LOC_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  loc_idn_ctx_free(ctx);
  loc_idn_free(idn);
  return 0;
}

enum op { ASCII, ASCII_T, UNICODE };

/* Comma-separated codes of the last call, each once. */
static void codes(char *buf, size_t cap) {
  buf[0] = '\0';
  for (size_t i = 0; i < loc_idn_error_count(ctx); i++) {
    const char *c = loc_idn_error_at(ctx, i)->code;
    bool seen = false;
    for (size_t k = 0; k < i; k++)
      seen |= strcmp(loc_idn_error_at(ctx, k)->code, c) == 0;
    if (!seen)
      snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", buf[0] ? "," : "", c);
  }
}

static void test_table(void **state) {
  (void)state;
  static const struct {
    enum op op;
    const char *in;
    size_t in_len;
    const char *out;
    size_t out_len;
    const char *codes; /* "" = valid */
    const char *why;
  } cases[] = {
      {ASCII, S("a$b.com"), S("a$b.com"), "P1,V6",
       "libidn2 with STD3 rules drops the '$' and returns ab.com: it must be an error"},
      {ASCII, S("a..c"), S("a..c"), "A4_2", "libidn2 accepts the empty label"},
      {UNICODE, S("a..c"), S("a..c"), "X4_2", "ToUnicode reports the empty label as X4_2"},
      {ASCII, S("a.\xD7\x90" "1.com"), S("a.xn--1-zhc.com"), "",
       "bidi domain: every label passes (Hebrew label ends with a digit)"},
      {ASCII, S("0a.\xD7\x90"), S("0a.xn--4db"), "B1",
       "bidi rule across the whole domain: an LTR label starting with a digit fails rule 1 "
       "only because another label is RTL (libidn2 checks labels alone)"},
      {ASCII, S("0a.com"), S("0a.com"), "", "the same label in a domain without RTL labels"},
      {UNICODE, S("xn--0ca24w"), S("\xC3\xA0\xD7\x90"), "B5,B6",
       "to-unicode validates: the decoded label mixes Latin and Hebrew (libidn2 validates "
       "nothing)"},
      {UNICODE, S("xn--u-ccb"), S("u\xCC\x88"), "V1", "to-unicode validates: A-label not in NFC"},
      {ASCII, S("\xE2\x98\x83.net"), S("xn--n3h.net"), "",
       "U+2603 SNOWMAN is valid (NV8) in UTS #46; IDNA2008 registration rejects it (next part)"},
      {UNICODE, S("xn--n3h.net"), S("\xE2\x98\x83.net"), "", "and decodes back"},
      {ASCII, S("fa\xC3\x9F.de"), S("xn--fa-hia.de"), "", "nontransitional keeps sharp s"},
      {ASCII_T, S("fa\xC3\x9F.de"), S("fass.de"), "", "transitional maps sharp s to ss"},
      {ASCII, S("B\xC3\xBC" "cher.DE"), S("xn--bcher-kva.de"), "", "mapping lowercases"},
      {ASCII, S("a\xE3\x80\x82" "b"), S("a.b"), "", "U+3002 IDEOGRAPHIC FULL STOP separates labels"},
      {ASCII, S("example.com."), S("example.com."), "", "the root label after a final dot is fine"},
      {ASCII, S(""), S(""), "A4_2", "the empty name"},
      {ASCII, S(" ab.c"), S(" ab.c"), "P1,V6", "a leading space is part of the name"},
      {ASCII, S("a\0b.com"), S("a\0b.com"), "P1,V6", "NUL is a character, and disallowed"},
      {ASCII, S("-ab.com"), S("-ab.com"), "V3", "CheckHyphens: leading hyphen"},
      {ASCII, S("ab--c.com"), S("ab--c.com"), "V2", "CheckHyphens: hyphens in positions 3-4"},
      {ASCII, S("a\xE2\x80\x8C" "b"), S("xn--ab-j1t"), "C1", "CheckJoiners: ZWNJ between Latin"},
      {ASCII, S("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7"), S("xn--11b2ezcw70k"), "",
       "ZWJ after a virama (Devanagari KA VIRAMA ZWJ SSA) is allowed"},
      {ASCII, S("\xCC\x88" "a"), S("xn--a-bcb"), "V5", "a label must not begin with a mark"},
      {ASCII, S("xn--a-\xC3\xA4.pt"), S("xn--xn--a--gua.pt"), "P4",
       "an A-label with non-ASCII does not decode: kept, then encoded as UTS #46 says"},
      {ASCII, S("\xE2\x92\x88" "com"), S("xn--com-ge4a"), "P1,V6",
       "U+2488 DIGIT ONE FULL STOP is disallowed with STD3 rules, kept in the output"},
      {UNICODE, S("\xEF\xBC\xA1.com"), S("a.com"), "", "fullwidth A maps to a"},
      {ASCII, S("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd.com"),
       S("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd.com"), "A4_2",
       "VerifyDnsLength: 64-byte label"},
      {UNICODE, S("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd.com"),
       S("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd.com"), "",
       "ToUnicode does not verify DNS lengths"},
      {ASCII, S("bad\xFF.de"), S(""), "X_UTF8", "invalid UTF-8 is an error, nothing converted"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *out = NULL;
    size_t n = 0;
    loc_status st = cases[i].op == UNICODE
                        ? loc_idn_to_unicode_alloc(ctx, 0, cases[i].in, cases[i].in_len,
                                                   &out, &n)
                        : loc_idn_to_ascii_alloc(ctx,
                                                 cases[i].op == ASCII_T ? LOC_IDN_TRANSITIONAL : 0,
                                                 cases[i].in, cases[i].in_len, &out, &n);
    char got[128];
    codes(got, sizeof got);
    size_t want_len = cases[i].out_len;
    bool ok = st == LOC_OK && n == want_len && memcmp(out, cases[i].out, n) == 0 &&
              strcmp(got, cases[i].codes) == 0 &&
              loc_idn_ok(ctx) == (cases[i].codes[0] == '\0');
    if (!ok)
      fail_msg("case %zu (%s): status %d, output \"%.*s\", codes \"%s\" (want \"%s\" [%s])",
               i, cases[i].why, st, (int)n, out ? out : "", got, cases[i].out, cases[i].codes);
    loc_free(out);
  }
}

static void test_located_errors(void **state) {
  (void)state;
  size_t n;
  char out[64];
  /* "ok.a\u2603b$" — the '$' is at byte 8 of the input, in label 1 */
  assert_int_equal(loc_idn_to_ascii(ctx, 0, S("ok.a\xE2\x98\x83" "b$"), out, sizeof out, &n),
                   LOC_OK);
  assert_false(loc_idn_ok(ctx));
  const loc_idn_error *e = loc_idn_error_at(ctx, 0);
  assert_non_null(e);
  assert_string_equal(e->code, "P1");
  assert_int_equal(e->label, 1);
  assert_int_equal(e->offset, 8);
  assert_int_equal(e->codepoint, '$');
  assert_non_null(strstr(e->message, "U+0024 DOLLAR SIGN is disallowed"));
  assert_null(loc_idn_error_at(ctx, loc_idn_error_count(ctx)));
  /* Bidi: the Hebrew label's offending European digit ... */
  assert_int_equal(loc_idn_to_ascii(ctx, 0, S("a.\xD7\x90" "b"), out, sizeof out, &n), LOC_OK);
  bool b2 = false;
  for (size_t i = 0; i < loc_idn_error_count(ctx); i++) {
    e = loc_idn_error_at(ctx, i);
    if (strcmp(e->code, "B2") == 0) {
      b2 = true;
      assert_int_equal(e->label, 1);
      assert_int_equal(e->offset, 4);
      assert_int_equal(e->codepoint, 'b');
      assert_non_null(strstr(e->message, "RFC 5893 rule 2"));
    }
  }
  assert_true(b2);
  assert_int_not_equal(loc_idn_icu_errors(ctx), 0);
}

static void test_buffer_too_small(void **state) {
  (void)state;
  char out[4];
  size_t n = 0;
  assert_int_equal(loc_idn_to_ascii(ctx, 0, S("B\xC3\xBC" "cher.de"), out, sizeof out, &n),
                   LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(n, strlen("xn--bcher-kva.de"));
  assert_true(loc_idn_ok(ctx)); /* the verdict is there all the same */
  assert_int_equal(loc_idn_to_ascii(ctx, 0, S("B\xC3\xBC" "cher.de"), NULL, 0, &n),
                   LOC_E_BUFFER_TOO_SMALL);
  char big[32];
  assert_int_equal(loc_idn_to_ascii(ctx, 0, S("B\xC3\xBC" "cher.de"), big, n, &n), LOC_OK);
  assert_memory_equal(big, "xn--bcher-kva.de", n);
}

static void test_invalid_arguments(void **state) {
  (void)state;
  char out[8], *p = NULL;
  size_t n = 99;
  assert_int_equal(loc_idn_new(NULL), LOC_E_INVALID_ARGUMENT);
  loc_idn_ctx *none = (loc_idn_ctx *)1;
  assert_int_equal(loc_idn_ctx_new(NULL, &none), LOC_E_INVALID_ARGUMENT);
  assert_null(none);
  assert_int_equal(loc_idn_ctx_new(idn, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_to_ascii(NULL, 0, S("a"), out, sizeof out, &n),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(n, 0);
  assert_int_equal(loc_idn_to_ascii(NULL, 0, S("a"), out, sizeof out, &n),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_to_ascii(ctx, 0, S("a"), out, sizeof out, NULL),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_to_ascii(ctx, 0, NULL, 3, out, sizeof out, &n),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_to_ascii(ctx, 0, S("a"), NULL, 4, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_to_ascii(ctx, 0x100, S("a"), out, sizeof out, &n),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_to_unicode(ctx, LOC_IDN_TRANSITIONAL, S("a"), out, sizeof out, &n),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_to_ascii_alloc(ctx, 0, S("a"), NULL, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_to_ascii_alloc(ctx, 0, NULL, 0, &p, NULL), LOC_OK);
  assert_string_equal(p, "");
  loc_free(p);
  assert_false(loc_idn_ok(NULL));
  assert_int_equal(loc_idn_error_count(NULL), 0);
  assert_null(loc_idn_error_at(NULL, 0));
  loc_idn_free(NULL);
  loc_idn_ctx_free(NULL);
}

static void test_hostile(void **state) {
  (void)state;
  /* Over the input limit: refused, not converted. */
  size_t big = LOC_IDN_MAX_INPUT + 1;
  char *s = malloc(big);
  assert_non_null(s);
  memset(s, 'a', big);
  char *out = NULL;
  size_t n = 1;
  assert_int_equal(loc_idn_to_ascii_alloc(ctx, 0, s, big, &out, &n), LOC_OK);
  assert_int_equal(n, 0);
  assert_string_equal(loc_idn_error_at(ctx, 0)->code, "X_TOO_LONG");
  loc_free(out);
  /* At the limit, many disallowed characters: the error list is capped. */
  memset(s, '$', LOC_IDN_MAX_INPUT);
  assert_int_equal(loc_idn_to_ascii_alloc(ctx, 0, s, LOC_IDN_MAX_INPUT, &out, &n), LOC_OK);
  assert_int_equal(loc_idn_error_count(ctx), LOC_IDN_MAX_ERRORS);
  assert_true(loc_idn_truncated(ctx));
  assert_false(loc_idn_ok(ctx));
  loc_free(out);
  /* Soft hyphens are ignored: a long input can map to a short valid name. */
  size_t k = 0;
  for (; k + 2 <= 60000; k += 2)
    memcpy(s + k, "\xC2\xAD", 2);
  memcpy(s + k, "ab.com", 6);
  assert_int_equal(loc_idn_to_ascii_alloc(ctx, 0, s, k + 6, &out, &n), LOC_OK);
  assert_true(loc_idn_ok(ctx));
  assert_string_equal(out, "ab.com");
  loc_free(out);
  /* Every byte value alone: no crash, a verdict each time. */
  for (int b = 0; b < 256; b++) {
    char c = (char)b;
    assert_int_equal(loc_idn_to_unicode_alloc(ctx, 0, &c, 1, &out, &n), LOC_OK);
    loc_free(out);
  }
  /* Punycode that overflows while decoding. */
  assert_int_equal(loc_idn_to_unicode_alloc(ctx, 0, S("xn--99999999999999999999a"), &out, &n),
                   LOC_OK);
  assert_false(loc_idn_ok(ctx));
  loc_free(out);
  free(s);
}

/* One shared loc_idn, one context per thread: every thread gets the
 * single-threaded results. */
static const char *const thread_names[] = {
    "B\303\274cher.de", "a$b.com", "0a.\xD7\x90", "xn--0ca24w", "fa\xC3\x9F.de", "a..c",
    "\xD9\x85\xD8\xAB\xD8\xA7\xD9\x84.\xD8\xA5\xD8\xAE\xD8\xAA\xD8\xA8\xD8\xA7\xD8\xB1",
};
enum { NAMES = sizeof thread_names / sizeof thread_names[0], ROUNDS = 300 };
static char *expected[NAMES];
static size_t expected_errors[NAMES];

static void *convert_many(void *arg) {
  (void)arg;
  loc_idn_ctx *own;
  if (loc_idn_ctx_new(idn, &own) != LOC_OK)
    return (void *)1;
  intptr_t bad = 0;
  for (int r = 0; r < ROUNDS; r++)
    for (size_t i = 0; i < NAMES; i++) {
      char *out;
      size_t n;
      if (loc_idn_to_ascii_alloc(own, 0, thread_names[i], strlen(thread_names[i]), &out,
                                 &n) != LOC_OK)
        bad = 1;
      else if (strcmp(out, expected[i]) != 0 || loc_idn_error_count(own) != expected_errors[i])
        bad = 1;
      loc_free(out);
    }
  loc_idn_ctx_free(own);
  return (void *)bad;
}

static void test_threads(void **state) {
  (void)state;
  for (size_t i = 0; i < NAMES; i++) {
    size_t n;
    assert_int_equal(loc_idn_to_ascii_alloc(ctx, 0, thread_names[i],
                                            strlen(thread_names[i]), &expected[i], &n),
                     LOC_OK);
    expected_errors[i] = loc_idn_error_count(ctx);
  }
  pthread_t t[4];
  for (int k = 0; k < 4; k++)
    assert_int_equal(pthread_create(&t[k], NULL, convert_many, NULL), 0);
  for (int k = 0; k < 4; k++) {
    void *bad;
    assert_int_equal(pthread_join(t[k], &bad), 0);
    assert_null(bad);
  }
  for (size_t i = 0; i < NAMES; i++)
    loc_free(expected[i]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_located_errors),
      cmocka_unit_test(test_buffer_too_small),
      cmocka_unit_test(test_invalid_arguments),
      cmocka_unit_test(test_hostile),
      cmocka_unit_test(test_threads),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
