/* broken-cluster in the scripts judged by the Universal Shaping Engine
 * cluster model (check_use.c): sequences that must be reported, at which
 * character and how many times, and near-misses that must not, each with
 * the reason. Every expectation was also checked against HarfBuzz 6.0's USE
 * shaper with the script's Noto font (a dotted circle where we report). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>


typedef struct use_case {
  uint32_t cp[8];     /* the text, 0-terminated */
  int broken;         /* broken-cluster findings expected */
  int at;             /* index in cp of the first one (-1: none) */
  const char *why;
} use_case;

static const use_case cases[] = {
    /* must be reported */
    {{0x1B13, 0x1B38, 0x1B36}, 1, 2,
     "Balinese ka + suku + ulu: an above vowel sign after a below one"},
    {{0x1B13, 0x1B38, 0x1B36, 0x1B38, 0x1B36}, 2, 2,
     "two broken clusters after one syllable: one finding each"},
    {{0xA98F, 0xA9C0, 0xA9B4}, 1, 2,
     "Javanese ka + pangkon + tarung: a vowel sign after the virama that killed the vowel"},
    {{0x11107, 0x11127, 0x11131}, 1, 1,
     "Chakma kaa + a + o mark: vowel sign o written in the reverse of its decomposition "
     "(U+1112E = U+11131 U+11127), as in the UDHR ccp text: the finding spans both parts"},
    {{0x11107, 0x11127, 0x11127, 0x11131}, 1, 2,
     "Chakma kaa + a + a + o mark: one broken cluster, at the second a"},
    {{0x0F40, 0x0F7E, 0x0F39}, 1, 2,
     "Tibetan ka + rjes su nga ro + tsa-phru: a consonant modifier after the nasal sign"},
    {{0x1703, 0x1713, 0x1712}, 1, 2,
     "Tagalog ka + u + i: an above vowel sign after a below one"},
    {{0x1B13, 0x1B6B}, 1, 1,
     "Balinese musical symbol mark on a letter: it belongs on a musical note"},
    /* must not be reported */
    {{0x1B13, 0x1B36, 0x1B38}, 0, -1, "Balinese ka + ulu + suku: above before below"},
    {{0xA98F, 0xA9C0, 0xA98F, 0xA9B8}, 0, -1,
     "Javanese ka + pangkon + ka + suku: a stacked consonant, then its vowel"},
    {{0x11107, 0x11131, 0x11127}, 0, -1, "Chakma o in its canonical two parts"},
    {{0x11107, 0x1112E}, 0, -1, "Chakma o precomposed (decomposed before matching)"},
    {{0x0F40, 0x0F72, 0x0F39}, 0, -1,
     "Tibetan NFC: tsa-phru after the vowel by its combining class; shapers order it "
     "before the vowels"},
    {{0x0F66, 0x0F90, 0x0F74}, 0, -1, "Tibetan sa + subjoined ka + u: a stack"},
    {{0x0F40, 0x0F7F, 0x0F72}, 0, -1,
     "Tibetan rnam bcad stands as a cluster of its own (HarfBuzz 6 agrees)"},
    {{0x1703, 0x1712, 0x1713}, 0, -1, "Tagalog ka + i + u: above before below"},
    {{0x1B13, 0x200C, 0x1B36}, 0, -1, "a ZWNJ inside a cluster is invisible to the model"},
    {{0x25CC, 0x1B38, 0x1B36}, 1, 2,
     "a dotted circle is a base: its marks are judged like a letter's"},
    {{0x25CC, 0x1B36}, 0, -1, "a sign shown on a dotted circle"},
    {{0x1A43, 0x1A6E, 0x1A60, 0x1A26, 0x1A68}, 0, -1,
     "Tai Tham: vowel after a subjoined final, as the Khuen UDHR writes it: not judged"},
    {{0x0020, 0x1B36}, 1, 1,
     "a mark after a space: reported once (the Indic grammar's mark with no base), "
     "not again by the USE model"},
    {{0x1B13, 0x1B38, 0xA9B8}, 1, 2,
     "a Javanese sign after a Balinese cluster: reported once, as a mark of another "
     "script"},
};

static size_t encode(const uint32_t *cp, char *out, size_t *offs) {
  size_t n = 0;
  for (size_t i = 0; cp[i] != 0; i++) {
    offs[i] = n;
    U8_APPEND_UNSAFE(out, n, cp[i]);
  }
  out[n] = '\0';
  return n;
}

static void test_cases(void **state) {
  (void)state;
  loc_checker *ck;
  assert_int_equal(loc_checker_new(NULL, &ck), LOC_OK);
  loc_check_ctx *x;
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  size_t rule;
  assert_int_equal(loc_check_rule_parse("broken-cluster", &rule), LOC_OK);
  int failures = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const use_case *c = &cases[i];
    char text[64];
    size_t offs[8];
    size_t len = encode(c->cp, text, offs);
    const loc_check_finding *f;
    size_t n;
    assert_int_equal(loc_check_text(x, text, len, &f, &n), LOC_OK);
    int broken = 0;
    size_t first = (size_t)-1;
    for (size_t k = 0; k < n; k++) {
      if (f[k].rule != rule)
        continue;
      if (broken++ == 0)
        first = f[k].offset;
    }
    bool ok = broken == c->broken && (c->at < 0 || first == offs[c->at]);
    if (!ok) {
      fprintf(stderr, "case %zu: %d findings (first at byte %zu), want %d at %d: %s\n", i,
              broken, first, c->broken, c->at, c->why);
      failures++;
    }
  }
  assert_int_equal(failures, 0);
  loc_check_ctx_free(x);
  loc_checker_free(ck);
}

static const struct fix_case {
  uint32_t in[8], out[8];
  const char *why;
} fixes[] = {
    {{0x11107, 0x11127, 0x11131}, {0x11107, 0x1112E}, "Chakma a + o mark: vowel sign o"},
    {{0x11107, 0x11127, 0x11132}, {0x11107, 0x1112F}, "Chakma a + au mark: vowel sign au"},
    {{0x11107, 0x11127, 0x11127, 0x11131}, {0x11107, 0x11127, 0x1112E},
     "the second a with the o mark is o; the doubled a stays reported, unfixed"},
    {{0x1B13, 0x1B38, 0x1B36}, {0x1B13, 0x1B38, 0x1B36},
     "Balinese u + i: no single repair, nothing changes"},
};

/* The one fix of the model, and where it does not apply. */
static void test_fix(void **state) {
  (void)state;
  loc_checker *ck;
  assert_int_equal(loc_checker_new(NULL, &ck), LOC_OK);
  loc_check_ctx *x;
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  for (size_t i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
    char in[64], want[64];
    size_t offs[8];
    size_t len = encode(fixes[i].in, in, offs);
    size_t wlen = encode(fixes[i].out, want, offs);
    char *out;
    size_t out_len;
    assert_int_equal(loc_check_fix_alloc(x, in, len, &out, &out_len), LOC_OK);
    if (out_len != wlen || memcmp(out, want, wlen) != 0)
      fail_msg("fix case %zu: %s", i, fixes[i].why);
    free(out);
  }
  loc_check_ctx_free(x);
  loc_checker_free(ck);
}

/* Disabling broken-cluster silences the model: nothing else reports it. */
static void test_disabled(void **state) {
  (void)state;
  loc_checker *ck;
  assert_int_equal(loc_checker_new(NULL, &ck), LOC_OK);
  assert_int_equal(loc_checker_set_rule(ck, "broken-cluster", false), LOC_OK);
  loc_check_ctx *x;
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  char text[64];
  size_t offs[8];
  size_t len = encode(cases[0].cp, text, offs);
  const loc_check_finding *f;
  size_t n;
  assert_int_equal(loc_check_text(x, text, len, &f, &n), LOC_OK);
  assert_int_equal(n, 0);
  loc_check_ctx_free(x);
  loc_checker_free(ck);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),
      cmocka_unit_test(test_fix),
      cmocka_unit_test(test_disabled),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
