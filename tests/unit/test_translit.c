/* Transliteration: the transform cache, cut points that do not change the
 * result, reverse transforms, errors that name the ID or the rule position,
 * the token cache, threads, and a few words per project rule set. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *run(const char *id, unsigned flags, const char *in) {
  loc_translit *t = NULL;
  loc_translit_error err;
  loc_status st = loc_translit_new(id, flags, &t, &err);
  if (st != LOC_OK)
    fail_msg("%s: %s", id, err.message);
  loc_translit_ctx *c = NULL;
  assert_int_equal(loc_translit_ctx_new(t, &c), LOC_OK);
  char *out = NULL;
  assert_int_equal(loc_translit_text_alloc(c, in, strlen(in), &out, NULL), LOC_OK);
  loc_translit_ctx_free(c);
  loc_translit_free(t);
  return out;
}

static void expect(const char *id, const char *in, const char *want) {
  char *got = run(id, 0, in);
  if (strcmp(got, want) != 0)
    fail_msg("%s(%s) = '%s', want '%s'", id, in, got, want);
  loc_free(got);
}

static void test_open_cached(void **state) {
  (void)state;
  loc_translit *a = NULL, *b = NULL, *r = NULL;
  assert_int_equal(loc_translit_new("Greek-Latin", 0, &a, NULL), LOC_OK);
  assert_int_equal(loc_translit_new("Greek-Latin", 0, &b, NULL), LOC_OK);
  assert_ptr_equal(a, b); /* the second open is a cache hit */
  assert_int_equal(loc_translit_new("Greek-Latin", LOC_TRANSLIT_REVERSE, &r, NULL), LOC_OK);
  assert_ptr_not_equal(a, r);
  assert_string_equal(loc_translit_id(a), "Greek-Latin");
  loc_translit_free(a);
  loc_translit_free(b);
  loc_translit_free(r);
  loc_translit_free(NULL);
  loc_translit_ctx_free(NULL);
}

static void test_errors(void **state) {
  (void)state;
  loc_translit *t = (loc_translit *)1;
  loc_translit_error err;
  assert_int_equal(loc_translit_new("Klingon-Latin", 0, &t, &err), LOC_E_UNKNOWN_TRANSFORM);
  assert_null(t);
  assert_non_null(strstr(err.message, "'Klingon-Latin'"));
  assert_string_equal(loc_status_name(LOC_E_UNKNOWN_TRANSFORM), "LOC_E_UNKNOWN_TRANSFORM");
  /* A compound ID with one bad step is refused whole, naming the step. */
  assert_int_equal(loc_translit_new("Any-Latin; Nope-Nope", 0, &t, &err),
                   LOC_E_UNKNOWN_TRANSFORM);
  assert_non_null(strstr(err.message, "'Nope-Nope' (step 2 of 'Any-Latin; Nope-Nope')"));
  assert_int_equal(err.offset, 11);
  /* Rules: the error points at the line and column of the bad set. */
  const char *rules = "a > x;\nb > y;\nc > [z;\n";
  assert_int_equal(loc_translit_new_rules(rules, strlen(rules), 0, &t, &err),
                   LOC_E_TRANSFORM_RULES);
  assert_int_equal(err.line, 3);
  assert_true(err.offset >= 14 && err.offset <= (int64_t)strlen(rules));
  assert_null(strchr(err.message, '\n'));
  /* Inline rules through the ID form give the same report. */
  /* (Not an unclosed segment "(": ICU 72 leaks a rule half on that error.) */
  assert_int_equal(loc_translit_new("a > x; c > [z;", 0, &t, &err), LOC_E_TRANSFORM_RULES);
  assert_int_equal(err.line, 1);
  assert_int_equal(loc_translit_new(NULL, 0, &t, NULL), LOC_E_INVALID_ARGUMENT);
}

static void test_inline_rules_and_reverse(void **state) {
  (void)state;
  expect("a > x; c > z;", "abc cab", "xbz zxb");
  expect("::Latin-Cyrillic; ::Upper;", "mir", "МИР");
  char *r = run("Latin-Cyrillic", LOC_TRANSLIT_REVERSE, "мир");
  assert_string_equal(r, "mir");
  loc_free(r);
  char *back = run("Greek-Latin", LOC_TRANSLIT_REVERSE, "alphabētos");
  assert_string_equal(back, "ἀλφαβητος"); /* ICU writes the smooth breathing */
  loc_free(back);
}

static const char sample[] =
    "Всички хора се раждат свободни и равни по достойнство и права.\n"
    "ሁሉም ሰው ሲወለድ ነጻና በክብርና በመብትም እኩልነት ያለው ነው።\n"
    "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता प्राप्त है।\n"
    "Ἅπαντες οἱ ἄνθρωποι γεννῶνται ἐλεύθεροι καὶ ἴσοι  κατὰ τὴν ἀξιοπρέπειαν.\n"
    "\tမူလ   ลูกค้า 漢字 𠀀 ﷺ x\xff\xfe y\xe2\x82 end";

typedef struct grow { char *p; size_t len; } grow;
static loc_status collect(void *user, const char *d, size_t n) {
  grow *g = user;
  g->p = realloc(g->p, g->len + n + 1);
  memcpy(g->p + g->len, d, n);
  g->len += n;
  g->p[g->len] = '\0';
  return LOC_OK;
}

/* Every way of cutting the input gives the one-shot result, and cutting at
 * spaces gives what ICU makes of whole lines for these transforms. */
static void test_cuts(void **state) {
  (void)state;
  static const char *const ids[] = {"Any-Latin", "Greek-Latin", "Any-Latin; Latin-ASCII",
                                    "Any-Upper", "Any-Hex", "Devanagari-Latin"};
  for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
    char *whole = run(ids[k], LOC_TRANSLIT_LINES, sample);
    char *tok = run(ids[k], 0, sample);
    if (strcmp(whole, tok) != 0)
      fail_msg("%s: tokens\n%s\nwhole lines\n%s", ids[k], tok, whole);
    loc_translit *t;
    assert_int_equal(loc_translit_new(ids[k], 0, &t, NULL), LOC_OK);
    loc_translit_ctx *c;
    assert_int_equal(loc_translit_ctx_new(t, &c), LOC_OK);
    for (size_t step = 1; step < 12; step += 3) {
      grow g = {0};
      size_t len = strlen(sample);
      for (size_t i = 0; i < len; i += step)
        assert_int_equal(loc_translit_write(c, sample + i, len - i < step ? len - i : step,
                                            collect, &g), LOC_OK);
      assert_int_equal(loc_translit_finish(c, collect, &g), LOC_OK);
      assert_non_null(g.p);
      if (strcmp(g.p, tok) != 0)
        fail_msg("%s cut every %zu bytes:\n%s\nwant\n%s", ids[k], step, g.p, tok);
      free(g.p);
    }
    /* The caller-buffer form: the size first, then the text. */
    size_t need = 0;
    assert_int_equal(loc_translit_text(c, sample, strlen(sample), NULL, 0, &need),
                     strlen(tok) ? LOC_E_BUFFER_TOO_SMALL : LOC_OK);
    assert_int_equal(need, strlen(tok));
    char *buf = malloc(need);
    assert_int_equal(loc_translit_text(c, sample, strlen(sample), buf, need, &need), LOC_OK);
    assert_memory_equal(buf, tok, need);
    free(buf);
    loc_translit_ctx_free(c);
    loc_translit_free(t);
    loc_free(whole);
    loc_free(tok);
  }
}

/* Ethiopic-Latin rewrites the wordspace U+1361 on its own (to " : "), and
 * the words next to it see it (or the space the rewrite ends in) as
 * context: a cut there still gives what ICU makes of the whole line, and
 * the line is cut (a repeated word between wordspaces is a cache hit). */
static void test_cuts_wordspace(void **state) {
  (void)state;
  static const char *const ids[] = {"Any-Latin", "Ethiopic-Latin", "Ethi-Latn",
                                    "Amharic-Latin/BGN", "Any-Latin; Latin-ASCII",
                                    "Any-am_FONIPA"};
  static const char in[] =
      "\xe1\x88\x85\xe1\x8d\xa1\xe1\x8a\xa0\xe1\x8d\xa1\xe1\x88\xb0\xe1\x8b\x8d\n" /* ህ፡አ፡ሰው */
      "\xe1\x8d\xa1\xe1\x8d\xa1\xe1\x8a\xa0 \xe1\x8d\xa1\xe1\x8a\xa5\xe1\x8d\xa1 \n" /* ፡፡አ ፡እ፡ */
      "abc\xe1\x8d\xa1\xe1\x8a\xa0\xe1\x8d\xa1x \xd0\xbc\xe1\x8d\xa1\xe1\x8a\xa0 "
      "\xce\xb1\xe1\x8d\xa1\xce\xb2 x\xe1\x8d\xa1y\n" /* abc፡አ፡x м፡አ α፡β x፡y */
      "\xe1\x88\xb0\xe1\x8b\x8d\xe1\x8d\xa1\t\xe1\x88\x85\xe1\x8d\xa1\n"  /* ሰው፡<TAB>ህ፡ */
      "\xe1\x8d\xa1\n1\xe1\x8d\xa1\xe1\x8a\xa0\xe1\x8d\xa1.\n";            /* ፡ / 1፡አ፡. */
  for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
    char *whole = run(ids[k], LOC_TRANSLIT_LINES, in);
    char *tok = run(ids[k], 0, in);
    if (strcmp(whole, tok) != 0)
      fail_msg("%s: tokens\n%s\nwhole lines\n%s", ids[k], tok, whole);
    loc_free(whole);
    loc_free(tok);
  }
  static const char *const cut_ids[] = {"Any-Latin", "Ethiopic-Latin"};
  /* ሰው፡ሰው፡ሰው */
  static const char three[] = "\xe1\x88\xb0\xe1\x8b\x8d\xe1\x8d\xa1\xe1\x88\xb0\xe1\x8b\x8d"
                              "\xe1\x8d\xa1\xe1\x88\xb0\xe1\x8b\x8d";
  for (size_t k = 0; k < sizeof cut_ids / sizeof cut_ids[0]; k++) {
    loc_translit *t;
    assert_int_equal(loc_translit_new(cut_ids[k], 0, &t, NULL), LOC_OK);
    loc_translit_ctx *c;
    assert_int_equal(loc_translit_ctx_new(t, &c), LOC_OK);
    char *out;
    assert_int_equal(loc_translit_text_alloc(c, three, strlen(three), &out, NULL), LOC_OK);
    assert_string_equal(out, "saw : saw : saw");
    loc_free(out);
    uint64_t hits, misses;
    loc_translit_cache_stats(c, &hits, &misses);
    if (hits == 0) /* the second wordspace, transformed alone */
      fail_msg("%s: the line was not cut at U+1361", cut_ids[k]);
    loc_translit_ctx_free(c);
    loc_translit_free(t);
  }
}

/* A run of 120 KB without spaces goes whole (it has no cut the transform
 * cannot see across) and comes out right. */
static void test_long_token(void **state) {
  (void)state;
  size_t n = 3 * 40000;
  char *in = malloc(n + 1);
  for (size_t i = 0; i < n; i += 3)
    memcpy(in + i, "\xD0\xB6", 2), in[i + 2] = 'a'; /* "жa" repeated */
  in[n] = '\0';
  char *out = run("Cyrillic-Latin", 0, in);
  assert_int_equal(strlen(out), n / 3 * 3); /* ž is two bytes, a one */
  for (size_t i = 0; i < strlen(out); i += 3)
    assert_memory_equal(out + i, "\xC5\xBE" "a", 3);
  loc_free(out);
  free(in);
}

static void test_token_cache(void **state) {
  (void)state;
  loc_translit *t;
  assert_int_equal(loc_translit_new("Any-Latin", 0, &t, NULL), LOC_OK);
  loc_translit_ctx *c;
  assert_int_equal(loc_translit_ctx_new(t, &c), LOC_OK);
  const char *in = "мир мир мир мир";
  char *out;
  assert_int_equal(loc_translit_text_alloc(c, in, strlen(in), &out, NULL), LOC_OK);
  assert_string_equal(out, "mir mir mir mir");
  loc_free(out);
  uint64_t hits, misses;
  loc_translit_cache_stats(c, &hits, &misses);
  /* A word is cached with the separators around it (its context): "мир"
   * first, between spaces and last, and " " */
  assert_int_equal(misses, 4);
  assert_int_equal(hits, 3);
  loc_translit_ctx_free(c);
  loc_translit_free(t);
}

/* A transform whose first output is empty (Any-Remove; Any-Latin on a lone
 * U+309D): no arithmetic on the still unallocated output buffer (UBSan). */
static void test_empty_output(void **state) {
  (void)state;
  static const struct { const char *id, *in; } cases[] = {
      {"Any-Remove", "abc"}, {"Any-Latin", "\u309d"}, {"Any-Remove", "a b\nc"}, {"Any-Remove", "abc abc abc"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    loc_translit *t;
    assert_int_equal(loc_translit_new(cases[i].id, 0, &t, NULL), LOC_OK);
    loc_translit_ctx *c;
    assert_int_equal(loc_translit_ctx_new(t, &c), LOC_OK);
    char *out;
    size_t n;
    assert_int_equal(loc_translit_text_alloc(c, cases[i].in, strlen(cases[i].in), &out, &n),
                     LOC_OK);
    assert_true(n == 0 || strspn(out, " \n") == n);
    loc_free(out);
    loc_translit_ctx_free(c);
    loc_translit_free(t);
  }
}

static void *thread_main(void *arg) {
  loc_translit *t = arg;
  loc_translit_ctx *c;
  if (loc_translit_ctx_new(t, &c) != LOC_OK)
    return NULL;
  char *out = NULL;
  for (int i = 0; i < 20; i++) {
    loc_free(out);
    out = NULL;
    if (loc_translit_text_alloc(c, sample, strlen(sample), &out, NULL) != LOC_OK)
      break;
  }
  loc_translit_ctx_free(c);
  return out;
}

static void test_threads(void **state) {
  (void)state;
  loc_translit *t;
  assert_int_equal(loc_translit_new("Any-Latin", 0, &t, NULL), LOC_OK);
  char *want = run("Any-Latin", 0, sample);
  pthread_t th[4];
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&th[i], NULL, thread_main, t), 0);
  for (int i = 0; i < 4; i++) {
    void *got;
    pthread_join(th[i], &got);
    assert_non_null(got);
    assert_string_equal(got, want);
    loc_free(got);
  }
  loc_free(want);
  loc_translit_free(t);
}

static bool count_id(void *user, const char *id, const char *description) {
  size_t *n = user;
  n[0]++;
  if (strncmp(description, "libloc:", 7) == 0) {
    /* A project rule set: it must open (a golden word per set, in
     * translit_golden.h, shows that its rules compile and run). */
    loc_translit *t;
    loc_translit_error err;
    if (loc_translit_new(id, 0, &t, &err) != LOC_OK)
      fail_msg("%s: %s", id, err.message);
    loc_translit_free(t);
    n[1]++;
  }
  if (strcmp(id, "Khmer-Latin") == 0)
    assert_non_null(strstr(description, "ALA-LC"));
  assert_true(description[0] != '\0');
  return true;
}

static void test_list(void **state) {
  (void)state;
  size_t n[2] = {0, 0};
  assert_int_equal(loc_translit_list(count_id, n), LOC_OK);
  assert_true(n[0] > 700);
  /* Every file of libloc/data/translit/ was registered. */
  assert_int_equal(n[1], 23);
}

#include "translit_golden.h"

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_open_cached),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_inline_rules_and_reverse),
      cmocka_unit_test(test_cuts),
      cmocka_unit_test(test_cuts_wordspace),
      cmocka_unit_test(test_long_token),
      cmocka_unit_test(test_token_cache),
      cmocka_unit_test(test_empty_output),
      cmocka_unit_test(test_threads),
      cmocka_unit_test(test_list),
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
