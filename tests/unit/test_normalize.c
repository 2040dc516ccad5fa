/* Normalization: the forms, both output conventions, argument errors,
 * ill-formed input, the quick check and the stream at every cut point. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

static void expect_norm(loc_normalize_form f, const char *in, size_t len,
                        const char *want, size_t want_len, const char *why) {
  char out[256];
  size_t n = 0;
  loc_status st = loc_normalize(f, in, len, out, sizeof out, &n);
  if (st != LOC_OK || n != want_len || memcmp(out, want, n) != 0)
    fail_msg("%s (%s): status %d, %zu bytes, want %zu", why,
             loc_normalize_form_name(f), st, n, want_len);
}

static void test_forms(void **state) {
  (void)state;
  static const struct {
    loc_normalize_form f;
    const char *in; size_t in_len;
    const char *out; size_t out_len;
    const char *why;
  } cases[] = {
      {LOC_NORMALIZE_NFC, S("e\xCC\x81"), S("\xC3\xA9"), "e + acute composes"},
      {LOC_NORMALIZE_NFD, S("\xC3\xA9"), S("e\xCC\x81"), "é decomposes"},
      {LOC_NORMALIZE_NFC, S("q\xCC\x87\xCC\xA3"), S("q\xCC\xA3\xCC\x87"),
       "marks reorder by combining class (dot below 220 before dot above 230)"},
      {LOC_NORMALIZE_NFC, S("\xE0\xA4\x95\xE0\xA4\xBC"), S("\xE0\xA4\x95\xE0\xA4\xBC"),
       "KA + NUKTA stays: U+0958 is a composition exclusion"},
      {LOC_NORMALIZE_NFC, S("\xE0\xA5\x98"), S("\xE0\xA4\x95\xE0\xA4\xBC"),
       "U+0958 QA decomposes even in NFC"},
      {LOC_NORMALIZE_NFKC, S("\xEF\xAC\x81"), S("fi"), "fi ligature is compatibility"},
      {LOC_NORMALIZE_NFC, S("\xEF\xAC\x81"), S("\xEF\xAC\x81"), "NFC keeps the ligature"},
      {LOC_NORMALIZE_NFKD, S("\xE2\x91\xA0\xC3\xA9"), S("1e\xCC\x81"), "circled one, é"},
      {LOC_NORMALIZE_NFKC_CF, S("Stra\xC3\x9F" "e \xEF\xAC\x81"), S("strasse fi"),
       "casefold: ß -> ss, ligature"},
      {LOC_NORMALIZE_NFC, S("\xE1\x84\x80\xE1\x85\xA1"), S("\xEA\xB0\x80"), "Hangul L+V -> LV"},
      {LOC_NORMALIZE_NFD, S("\xEA\xB0\x80"), S("\xE1\x84\x80\xE1\x85\xA1"), "Hangul LV -> L+V"},
      {LOC_NORMALIZE_NFC, S("a\0b"), S("a\0b"), "NUL is a character"},
      {LOC_NORMALIZE_NFC, S(""), S(""), "empty"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    expect_norm(cases[i].f, cases[i].in, cases[i].in_len, cases[i].out,
                cases[i].out_len, cases[i].why);
}

static void test_form_names(void **state) {
  (void)state;
  loc_normalize_form f;
  for (int i = 0; i < LOC_NORMALIZE_FORM_COUNT_; i++) {
    const char *name = loc_normalize_form_name((loc_normalize_form)i);
    assert_non_null(name);
    assert_int_equal(loc_normalize_form_parse(name, &f), LOC_OK);
    assert_int_equal(f, i);
  }
  assert_int_equal(loc_normalize_form_parse("NFKC_Casefold", &f), LOC_OK);
  assert_int_equal(f, LOC_NORMALIZE_NFKC_CF);
  assert_int_equal(loc_normalize_form_parse("NfD", &f), LOC_OK);
  assert_int_equal(f, LOC_NORMALIZE_NFD);
  assert_int_equal(loc_normalize_form_parse("nfe", &f), LOC_E_UNKNOWN_FORM);
  assert_int_equal(loc_normalize_form_parse("", &f), LOC_E_UNKNOWN_FORM);
  assert_int_equal(loc_normalize_form_parse(NULL, &f), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize_form_parse("nfc", NULL), LOC_E_INVALID_ARGUMENT);
  assert_null(loc_normalize_form_name(LOC_NORMALIZE_FORM_COUNT_));
  assert_null(loc_normalize_form_name((loc_normalize_form)-1));
}

static void test_buffer_too_small(void **state) {
  (void)state;
  const char in[] = "\xC3\xA9\xC3\xA9"; /* NFD: 6 bytes */
  char out[8];
  size_t n = 0;
  assert_int_equal(loc_normalize(LOC_NORMALIZE_NFD, in, 4, NULL, 0, &n),
                   LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(n, 6);
  memset(out, 'x', sizeof out);
  assert_int_equal(loc_normalize(LOC_NORMALIZE_NFD, in, 4, out, 5, &n),
                   LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(n, 6);
  assert_int_equal(out[5], 'x'); /* nothing written past cap */
  assert_int_equal(loc_normalize(LOC_NORMALIZE_NFD, in, 4, out, 6, &n), LOC_OK);
  assert_int_equal(n, 6);
  assert_memory_equal(out, "e\xCC\x81" "e\xCC\x81", 6);
  /* the quick-check copy path honours cap as well */
  assert_int_equal(loc_normalize(LOC_NORMALIZE_NFC, in, 4, out, 3, &n),
                   LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(n, 4);
  assert_int_equal(out[3], 'e');
}

static void test_alloc(void **state) {
  (void)state;
  char *out = NULL;
  size_t n = 99;
  assert_int_equal(loc_normalize_alloc(LOC_NORMALIZE_NFD, S("\xC3\xA9!"), &out, &n), LOC_OK);
  assert_int_equal(n, 4);
  assert_string_equal(out, "e\xCC\x81!");
  loc_free(out);
  assert_int_equal(loc_normalize_alloc(LOC_NORMALIZE_NFC, NULL, 0, &out, NULL), LOC_OK);
  assert_string_equal(out, "");
  loc_free(out);
  /* long input exercises the growing sink */
  static char big[100000];
  for (size_t i = 0; i + 2 <= sizeof big; i += 2)
    memcpy(big + i, "\xC3\xA9", 2);
  assert_int_equal(loc_normalize_alloc(LOC_NORMALIZE_NFD, big, sizeof big, &out, &n), LOC_OK);
  assert_int_equal(n, sizeof big / 2 * 3);
  assert_memory_equal(out + n - 3, "e\xCC\x81", 3);
  assert_int_equal(out[n], '\0');
  loc_free(out);
}

static void test_bad_args(void **state) {
  (void)state;
  char buf[8], *p;
  size_t n;
  bool b;
  loc_normalize_stream *st;
  assert_int_equal(loc_normalize(LOC_NORMALIZE_NFC, NULL, 1, buf, 8, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize(LOC_NORMALIZE_NFC, "a", 1, NULL, 8, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize(LOC_NORMALIZE_NFC, "a", 1, buf, 8, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize(LOC_NORMALIZE_FORM_COUNT_, "a", 1, buf, 8, &n), LOC_E_UNKNOWN_FORM);
  assert_int_equal(loc_normalize((loc_normalize_form)-3, "a", 1, buf, 8, &n), LOC_E_UNKNOWN_FORM);
  assert_int_equal(loc_normalize_alloc(LOC_NORMALIZE_NFC, "a", 1, NULL, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize_alloc(LOC_NORMALIZE_NFC, NULL, 2, &p, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize_alloc(LOC_NORMALIZE_FORM_COUNT_, "a", 1, &p, &n), LOC_E_UNKNOWN_FORM);
  assert_int_equal(loc_normalize_unchanged_prefix(LOC_NORMALIZE_NFC, "a", 1, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize_unchanged_prefix(LOC_NORMALIZE_NFC, NULL, 1, &n), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize_unchanged_prefix(LOC_NORMALIZE_FORM_COUNT_, "a", 1, &n), LOC_E_UNKNOWN_FORM);
  assert_int_equal(loc_normalize_check(LOC_NORMALIZE_NFC, "a", 1, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize_check(LOC_NORMALIZE_FORM_COUNT_, "a", 1, &b), LOC_E_UNKNOWN_FORM);
  assert_int_equal(loc_normalize_stream_new(LOC_NORMALIZE_NFC, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize_stream_new(LOC_NORMALIZE_FORM_COUNT_, &st), LOC_E_UNKNOWN_FORM);
  assert_int_equal(loc_normalize_stream_write(NULL, "a", 1, NULL, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_normalize_stream_finish(NULL, NULL, NULL), LOC_E_INVALID_ARGUMENT);
  loc_normalize_stream_free(NULL);
  /* empty input with NULL pointers is fine */
  assert_int_equal(loc_normalize(LOC_NORMALIZE_NFC, NULL, 0, NULL, 0, &n), LOC_OK);
  assert_int_equal(n, 0);
  assert_int_equal(loc_normalize_check(LOC_NORMALIZE_NFC, NULL, 0, &b), LOC_OK);
  assert_true(b);
}

static void test_ill_formed(void **state) {
  (void)state;
  static const struct {
    loc_normalize_form f;
    const char *in; size_t in_len;
    const char *out; size_t out_len;
    const char *why;
  } cases[] = {
      {LOC_NORMALIZE_NFC, S("e\xFF\xCC\x81"), S("e\xFF\xCC\x81"),
       "a bad byte between base and mark blocks composition"},
      {LOC_NORMALIZE_NFC, S("e\xCC\x81\xFF"), S("\xC3\xA9\xFF"), "text before the bad byte normalizes"},
      {LOC_NORMALIZE_NFD, S("\xC3\xA9\x80"), S("e\xCC\x81\x80"), "lone continuation kept"},
      {LOC_NORMALIZE_NFD, S("a\xCC\x87\xC0\xCC\xA3"), S("a\xCC\x87\xC0\xCC\xA3"),
       "no reordering across an ill-formed byte"},
      {LOC_NORMALIZE_NFC, S("\xE1\x84\x80\xFF\xE1\x85\xA1"), S("\xE1\x84\x80\xFF\xE1\x85\xA1"),
       "no Hangul composition across it"},
      {LOC_NORMALIZE_NFC, S("\xED\xA0\x80\xCC\x81"), S("\xED\xA0\x80\xCC\x81"), "surrogate bytes kept"},
      {LOC_NORMALIZE_NFD, S("\xC3\xA9\xF0\x9F"), S("e\xCC\x81\xF0\x9F"), "truncated 4-byte at end kept"},
      {LOC_NORMALIZE_NFKC, S("\xEF\xAC\x81\xE2\x82"), S("fi\xE2\x82"), "truncated 3-byte kept"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    expect_norm(cases[i].f, cases[i].in, cases[i].in_len, cases[i].out,
                cases[i].out_len, cases[i].why);
    bool b;
    assert_int_equal(loc_normalize_check(cases[i].f, cases[i].in, cases[i].in_len, &b), LOC_OK);
    if (b != (cases[i].in_len == cases[i].out_len &&
              memcmp(cases[i].in, cases[i].out, cases[i].out_len) == 0))
      fail_msg("is_normalized wrong: %s", cases[i].why);
  }
}

static void test_prefix(void **state) {
  (void)state;
  static const struct {
    loc_normalize_form f;
    const char *in; size_t len;
    size_t prefix;
    const char *why;
  } cases[] = {
      {LOC_NORMALIZE_NFC, S("abc"), 3, "normalized: whole"},
      {LOC_NORMALIZE_NFC, S("abe\xCC\x81x"), 2, "ends before the base the mark joins"},
      {LOC_NORMALIZE_NFD, S("ab\xC3\xA9"), 2, "the precomposed letter changes"},
      {LOC_NORMALIZE_NFD, S("xa\xCC\x87\xCC\xA3"), 1, "reordered marks: back to their base"},
      {LOC_NORMALIZE_NFC, S("\xFF" "e\xCC\x81"), 1, "an ill-formed byte is unchanged text"},
      {LOC_NORMALIZE_NFC, S(""), 0, "empty"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t p = 99;
    assert_int_equal(loc_normalize_unchanged_prefix(cases[i].f, cases[i].in, cases[i].len, &p), LOC_OK);
    if (p != cases[i].prefix)
      fail_msg("%s: prefix %zu, want %zu", cases[i].why, p, cases[i].prefix);
    bool b;
    assert_int_equal(loc_normalize_check(cases[i].f, cases[i].in, cases[i].len, &b), LOC_OK);
    assert_int_equal(b, p == cases[i].len);
    /* the contract: normalize(in) == in[0..p) + normalize(in[p..)) */
    char *whole, *rest;
    size_t wn, rn;
    assert_int_equal(loc_normalize_alloc(cases[i].f, cases[i].in, cases[i].len, &whole, &wn), LOC_OK);
    assert_int_equal(loc_normalize_alloc(cases[i].f, cases[i].in + p, cases[i].len - p, &rest, &rn), LOC_OK);
    assert_int_equal(wn, p + rn);
    assert_memory_equal(whole, cases[i].in, p);
    assert_memory_equal(whole + p, rest, rn);
    loc_free(whole);
    loc_free(rest);
  }
}

/* The fused quick check must agree with full normalization where the
 * UAX #15 quick-check value is MAYBE or NO, or the character is outside
 * the BMP. */
static void test_quick_check(void **state) {
  (void)state;
  static const struct {
    loc_normalize_form f;
    const char *s; size_t len;
    bool normalized;
    const char *why;
  } cases[] = {
      {LOC_NORMALIZE_NFC, S("\xC5\x8B\xCC\x81"), true, "eng + acute: MAYBE, nothing to compose"},
      {LOC_NORMALIZE_NFC, S("xe\xCC\x81"), false, "e + acute: MAYBE, composes"},
      {LOC_NORMALIZE_NFC, S("\xE1\x84\x80\xE1\x85\xA1"), false, "Hangul L + V"},
      {LOC_NORMALIZE_NFC, S("\xEA\xB0\x80\xE1\x86\xA8"), false, "Hangul LV + T"},
      {LOC_NORMALIZE_NFC, S("\xEA\xB0\x81 \xE0\xA4\xA8\xE0\xA4\xBC"), false,
       "NA + NUKTA composes to U+0929"},
      {LOC_NORMALIZE_NFC, S("\xE0\xA4\x95\xE0\xA4\xBC\xE0\xA4\xBF"), true,
       "KA + NUKTA: U+0958 is excluded"},
      {LOC_NORMALIZE_NFC, S("\xF0\x9D\x85\x9E"), false, "U+1D15E is NFC_QC=No"},
      {LOC_NORMALIZE_NFC, S("\xF0\x9D\x85\x98\xF0\x9D\x85\xA5"), true,
       "U+1D158 U+1D165: composition excluded"},
      {LOC_NORMALIZE_NFC, S("\xF0\x9F\x98\x80 ok"), true, "emoji"},
      {LOC_NORMALIZE_NFD, S("a\xCC\xA3\xCC\x87"), true, "ordered marks"},
      {LOC_NORMALIZE_NFD, S("a\xCC\x87\xCC\xA3"), false, "misordered marks"},
      {LOC_NORMALIZE_NFKC, S("x\xC2\xB2"), false, "superscript two is NFKC_QC=No"},
      {LOC_NORMALIZE_NFKD, S("\xE1\x84\x80\xE1\x85\xA1"), true, "conjoining jamo are NFKD"},
      {LOC_NORMALIZE_NFC, S("abc\xC3\xA9\xC3"), true, "truncated at the end: kept, so unchanged"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    bool b;
    size_t p;
    assert_int_equal(loc_normalize_check(cases[i].f, cases[i].s, cases[i].len, &b), LOC_OK);
    assert_int_equal(loc_normalize_unchanged_prefix(cases[i].f, cases[i].s, cases[i].len, &p), LOC_OK);
    if (b != cases[i].normalized || (p == cases[i].len) != cases[i].normalized)
      fail_msg("%s: is_normalized %d, prefix %zu", cases[i].why, b, p);
    char out[64];
    size_t n;
    assert_int_equal(loc_normalize(cases[i].f, cases[i].s, cases[i].len, out, sizeof out, &n), LOC_OK);
    assert_int_equal(n == cases[i].len && memcmp(out, cases[i].s, n) == 0, cases[i].normalized);
  }
}

/* ---------- streams ---------- */

typedef struct collect {
  char data[4096];
  size_t len;
  int calls;
  loc_status fail_with;
} collect;

static loc_status collect_sink(void *user, const char *data, size_t len) {
  collect *c = user;
  c->calls++;
  if (c->fail_with != LOC_OK)
    return c->fail_with;
  assert_true(len > 0);
  assert_true(c->len + len <= sizeof c->data);
  memcpy(c->data + c->len, data, len);
  c->len += len;
  return LOC_OK;
}

/* Tricky: marks to reorder, a composition across a cut, Hangul, Devanagari
 * nukta, a 4-byte character, an ill-formed byte, a truncated sequence. */
static const char tricky[] =
    "Ve\xCC\x81" "q\xCC\x87\xCC\xA3 \xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8"
    "\xE0\xA4\x95\xE0\xA4\xBC\xE0\xA4\xBF \xF0\x9D\x85\x9E\xC3\xA9\xFF\xCC\x81"
    "a\xCC\x8A\xCC\x81\xE2\x82";

static void stream_equals_one_shot(loc_normalize_form f, const char *s, size_t len) {
  char *want;
  size_t want_len;
  assert_int_equal(loc_normalize_alloc(f, s, len, &want, &want_len), LOC_OK);
  loc_normalize_stream *st;
  assert_int_equal(loc_normalize_stream_new(f, &st), LOC_OK);
  /* one cut, at every position; then two cuts, at every pair */
  for (size_t a = 0; a <= len; a++) {
    for (size_t b = a; b <= len; b++) {
      collect c = {.len = 0};
      assert_int_equal(loc_normalize_stream_write(st, s, a, collect_sink, &c), LOC_OK);
      assert_int_equal(loc_normalize_stream_write(st, s + a, b - a, collect_sink, &c), LOC_OK);
      assert_int_equal(loc_normalize_stream_write(st, s + b, len - b, collect_sink, &c), LOC_OK);
      assert_int_equal(loc_normalize_stream_finish(st, collect_sink, &c), LOC_OK);
      if (c.len != want_len || memcmp(c.data, want, want_len) != 0)
        fail_msg("%s: stream cut at %zu and %zu differs from one-shot",
                 loc_normalize_form_name(f), a, b);
    }
  }
  /* byte by byte */
  collect c = {.len = 0};
  for (size_t i = 0; i < len; i++)
    assert_int_equal(loc_normalize_stream_write(st, s + i, 1, collect_sink, &c), LOC_OK);
  assert_int_equal(loc_normalize_stream_finish(st, collect_sink, &c), LOC_OK);
  assert_int_equal(c.len, want_len);
  assert_memory_equal(c.data, want, want_len);
  loc_normalize_stream_free(st);
  loc_free(want);
}

static void test_stream_cuts(void **state) {
  (void)state;
  for (int f = 0; f < LOC_NORMALIZE_FORM_COUNT_; f++)
    stream_equals_one_shot((loc_normalize_form)f, tricky, sizeof tricky - 1);
}

static void test_stream_emits_early(void **state) {
  (void)state;
  loc_normalize_stream *st;
  assert_int_equal(loc_normalize_stream_new(LOC_NORMALIZE_NFC, &st), LOC_OK);
  collect c = {.len = 0};
  /* "e" may still take a mark: nothing is decided yet */
  assert_int_equal(loc_normalize_stream_write(st, S("e"), collect_sink, &c), LOC_OK);
  assert_int_equal(c.len, 0);
  assert_int_equal(loc_normalize_stream_write(st, S("\xCC\x81x"), collect_sink, &c), LOC_OK);
  assert_int_equal(c.len, 2);
  assert_memory_equal(c.data, "\xC3\xA9", 2);
  assert_int_equal(loc_normalize_stream_finish(st, collect_sink, &c), LOC_OK);
  assert_int_equal(c.len, 3);
  /* the stream is reusable after finish */
  c.len = 0;
  assert_int_equal(loc_normalize_stream_write(st, S("\xC3"), collect_sink, &c), LOC_OK);
  assert_int_equal(loc_normalize_stream_finish(st, collect_sink, &c), LOC_OK);
  assert_int_equal(c.len, 1);
  assert_int_equal((unsigned char)c.data[0], 0xC3); /* left truncated: kept */
  /* a sink error aborts the call and comes back */
  c = (collect){.fail_with = LOC_E_IO};
  assert_int_equal(loc_normalize_stream_write(st, S("ab"), collect_sink, &c), LOC_E_IO);
  loc_normalize_stream_free(st);
}

static loc_status count_sink(void *user, const char *data, size_t len) {
  (void)data;
  *(size_t *)user += len;
  return LOC_OK;
}

static void test_stream_bounded(void **state) {
  (void)state;
  /* 3 MiB of combining marks after one base: no boundary at all, so the
   * stream must cut it (1 MiB) rather than hold it all. */
  size_t n = 3u << 20;
  char *marks = malloc(n);
  assert_non_null(marks);
  for (size_t i = 0; i < n; i += 2)
    memcpy(marks + i, "\xCC\x81", 2);
  marks[0] = 'e';
  marks[1] = 'e';
  loc_normalize_stream *st;
  assert_int_equal(loc_normalize_stream_new(LOC_NORMALIZE_NFD, &st), LOC_OK);
  size_t out = 0;
  assert_int_equal(loc_normalize_stream_write(st, marks, n, count_sink, &out), LOC_OK);
  assert_true(out >= n - (1u << 20) - (64u << 10)); /* most went out already */
  assert_int_equal(loc_normalize_stream_finish(st, count_sink, &out), LOC_OK);
  assert_int_equal(out, n);
  loc_normalize_stream_free(st);
  free(marks);
}

typedef struct test_buf {
  char data[65536];
  size_t len;
} test_buf;

/* NFD and NFKD of loc_normalize() and of the normalizer object come from
 * the library's own decomposition pass; the stream's come from ICU. Random
 * mixes of precomposed letters, marks out of order, Hangul, compatibility
 * and supplementary characters (with decompositions and with classes),
 * ill-formed bytes, and runs of non-starters longer than the pass keeps. */
static loc_status collect_buf(void *user, const char *d, size_t n) {
  test_buf *b = user;
  assert_true(b->len + n <= sizeof b->data);
  memcpy(b->data + b->len, d, n);
  b->len += n;
  return LOC_OK;
}

static void test_decompose_matches_icu(void **state) {
  (void)state;
  static const char *const atoms[] = {
      "e", " ", "\xcc\x81", "\xcc\x96", "\xc3\xa9", "\xe1\xba\xa5", "\xea\xb0\x80",
      "\xed\x9e\xa3", "\xe1\x84\x80", "\xef\xac\x80", "\xef\xb7\xba", "\xef\xbe\x8a",
      "\xcd\x85", "\xe0\xbd\xb3", "\xf0\x9d\x85\x9f", "\xf0\x9d\x85\xa5",
      "\xf0\xaf\xa0\x80", "\xff", "\xe2\x82", "\x80", "\xed\xa0\x80"};
  const size_t natoms = sizeof atoms / sizeof *atoms;
  static char in[4096], out[65536];
  static test_buf ref;
  uint32_t seed = 12345;
  for (int it = 0; it < 20000; it++) {
    size_t n = 0;
    seed = seed * 1103515245u + 12345u;
    int k = (int)(seed >> 16) % 40;
    if (it % 1000 == 0) { /* a run of 100 marks, past the pass's limit */
      memcpy(in, "a", 1);
      n = 1;
      for (int j = 0; j < 100; j++, n += 2)
        memcpy(in + n, j % 2 ? "\xcc\x81" : "\xcc\x96", 2);
    }
    for (int j = 0; j < k; j++) {
      seed = seed * 1103515245u + 12345u;
      const char *a = atoms[(seed >> 16) % natoms];
      memcpy(in + n, a, strlen(a));
      n += strlen(a);
    }
    for (int f = LOC_NORMALIZE_NFD; f <= LOC_NORMALIZE_NFKD; f += 2) {
      loc_normalize_stream *s = NULL;
      assert_int_equal(loc_normalize_stream_new(f, &s), LOC_OK);
      ref.len = 0;
      assert_int_equal(loc_normalize_stream_write(s, in, n, collect_buf, &ref), LOC_OK);
      assert_int_equal(loc_normalize_stream_finish(s, collect_buf, &ref), LOC_OK);
      loc_normalize_stream_free(s);
      size_t got = 0;
      assert_int_equal(loc_normalize(f, in, n, out, sizeof out, &got), LOC_OK);
      assert_int_equal(got, ref.len);
      assert_memory_equal(out, ref.data, got);
      if (got > 0) { /* one byte short: the size needed */
        size_t need = 0;
        assert_int_equal(loc_normalize(f, in, n, out, got - 1, &need), LOC_E_BUFFER_TOO_SMALL);
        assert_int_equal(need, got);
      }
      loc_normalizer *nz = NULL;
      assert_int_equal(loc_normalizer_new(f, &nz), LOC_OK);
      assert_int_equal(loc_normalizer_normalize_valid(nz, in, n, out, sizeof out, &got), LOC_OK);
      loc_normalizer_free(nz);
      assert_int_equal(got, ref.len);
      assert_memory_equal(out, ref.data, got);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_forms),
      cmocka_unit_test(test_form_names),
      cmocka_unit_test(test_buffer_too_small),
      cmocka_unit_test(test_alloc),
      cmocka_unit_test(test_bad_args),
      cmocka_unit_test(test_ill_formed),
      cmocka_unit_test(test_prefix),
      cmocka_unit_test(test_quick_check),
      cmocka_unit_test(test_stream_cuts),
      cmocka_unit_test(test_stream_emits_early),
      cmocka_unit_test(test_stream_bounded),
      cmocka_unit_test(test_decompose_matches_icu),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
