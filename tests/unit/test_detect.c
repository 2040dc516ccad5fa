/* Language identification: the model's language list, script gating,
 * "und" without letters, macrolanguage answers, one-language scripts, top-K order, pieces, spans
 * one model shared by threads, and the fast scores (dense rows, batches)
 * equal to the plain posting-list sums. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uscript.h>

#include "../../libloc/src/detect/detect_internal.h"

#define S(lit) lit, sizeof(lit) - 1

static const char en[] = "Everyone has the right to life, liberty and security of person.";
static const char fr[] = "Tout individu a droit à la vie, à la liberté et à la sûreté de sa personne.";
static const char ru[] = "Каждый человек имеет право на жизнь, на свободу и на личную неприкосновенность.";
static const char am[] = "ሁሉም ሰው በሕይወት የመኖር፣ የነጻነትና የግል ደህንነት መብት አለው።";
static const char de[] = "Jeder hat das Recht auf Leben, Freiheit und Sicherheit der Person.";

static loc_detector *new_det(void) {
  loc_detector *d = NULL;
  assert_non_null(loc_detect_model_default());
  assert_int_equal(loc_detector_new(loc_detect_model_default(), &d), LOC_OK);
  return d;
}

static bool has_iso(const char *iso) {
  const loc_detect_model *m = loc_detect_model_default();
  for (size_t i = 0; i < loc_detect_model_languages(m); i++) {
    const char *x;
    loc_detect_model_language(m, i, NULL, &x, NULL);
    if (strcmp(x, iso) == 0)
      return true;
  }
  return false;
}

static void test_languages(void **state) {
  (void)state;
  const loc_detect_model *m = loc_detect_model_default();
  assert_true(loc_detect_model_languages(m) >= 400);
  /* individual languages as the corpus codes them, never the macrolanguage */
  const char *want[] = {"arb", "pes", "cmn", "swh", "npi", "zlm", "ind", "hrv", "srp", "bos", "tir"};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++)
    assert_true(has_iso(want[i]));
  const char *never[] = {"ara", "fas", "zho", "msa", "nep", "swa", "und"};
  for (size_t i = 0; i < sizeof never / sizeof *never; i++)
    assert_false(has_iso(never[i]));
  assert_int_equal(loc_detect_model_language(m, loc_detect_model_languages(m), NULL, NULL, NULL),
                   LOC_E_INVALID_ARGUMENT);
}

static void expect(loc_detector *d, const char *s, const char *lang, const char *iso) {
  loc_detect_result r;
  assert_int_equal(loc_detect(d, s, strlen(s), 3, &r), LOC_OK);
  assert_string_equal(r.lang, lang);
  assert_string_equal(r.iso639_3, iso);
  assert_true(r.confidence >= 0.5);
}

static void test_known(void **state) {
  (void)state;
  loc_detector *d = new_det();
  expect(d, en, "en", "eng");
  expect(d, fr, "fr", "fra");
  expect(d, ru, "ru", "rus");
  expect(d, am, "am", "amh");
  expect(d, de, "de", "deu");
  loc_detector_free(d);
}

/* No letters: "und", confidence 0, no candidates, whatever the script. */
static void test_und_without_letters(void **state) {
  (void)state;
  loc_detector *d = new_det();
  static const char *const texts[] = {"", "12345", "  ,.;!? 42 -- 3.14 ", "٣٤٥ ١٢", "😀🎉"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    loc_detect_result r;
    assert_int_equal(loc_detect(d, texts[i], strlen(texts[i]), 5, &r), LOC_OK);
    assert_string_equal(r.lang, "und");
    assert_string_equal(r.iso639_3, "und");
    assert_true(r.confidence == 0);
    assert_int_equal(r.n_candidates, 0);
    assert_int_equal(r.letters, 0);
    assert_false(r.group);
  }
  loc_detector_free(d);
}

/* Short text: "und" with low confidence, but the candidates are there. */
static void test_und_short(void **state) {
  (void)state;
  loc_detector *d = new_det();
  loc_detect_result r;
  assert_int_equal(loc_detect(d, S("Hi"), 3, &r), LOC_OK);
  assert_string_equal(r.lang, "und");
  assert_false(r.group);
  assert_true(r.confidence < loc_detect_model_default()->h.und_below);
  assert_int_equal(r.n_candidates, 3);
  assert_true(r.candidates[0].confidence == r.confidence);
  loc_detector_free(d);
}

/* Macrolanguages and clusters: where no language reaches 0.5 but the
 * members of a group together do, the answer is the group; its confidence is
 * the members' sum, and the candidates are individual languages. */
static const char *const group_iso[] = {"zho", "fas", "msa", "hbs"};

static bool is_member(const char *iso, const char *group) {
  static const char *const members[][9] = {
      {"cmn", "cjy", "gan", "hak", "hsn", "nan", "wuu", "yue", NULL},
      {"pes", "prs", NULL},
      {"zlm", "ind", NULL},
      {"bos", "hrv", "srp", "cnr", NULL}};
  for (size_t g = 0; g < 4; g++)
    if (strcmp(group, group_iso[g]) == 0)
      for (size_t k = 0; members[g][k] != NULL; k++)
        if (strcmp(members[g][k], iso) == 0)
          return true;
  return false;
}

static void expect_group(loc_detector *d, const char *s, const char *lang, const char *iso) {
  loc_detect_result r;
  assert_int_equal(loc_detect(d, s, strlen(s), LOC_DETECT_MAX_TOP, &r), LOC_OK);
  assert_true(r.group);
  assert_string_equal(r.lang, lang);
  assert_string_equal(r.iso639_3, iso);
  assert_true(r.confidence >= 0.5);
  double sum = 0;
  for (size_t i = 0; i < r.n_candidates; i++) {
    assert_true(r.candidates[i].confidence < 0.5);
    for (size_t g = 0; g < 4; g++)
      assert_string_not_equal(r.candidates[i].iso639_3, group_iso[g]);
    if (is_member(r.candidates[i].iso639_3, iso))
      sum += r.candidates[i].confidence;
  }
  /* the members beyond the 16 candidates add almost nothing; in short Han
   * text the group's confidence shrinks less than its members' */
  assert_true(sum <= r.confidence + 1e-9);
  if (r.letters >= 16 || strcmp(r.script_code, "Hani") != 0)
    assert_true(sum > r.confidence - 0.01);
}

static void test_groups(void **state) {
  (void)state;
  loc_detector *d = new_det();
  /* Mandarin, simplified and traditional: the Chinese varieties share
   * these characters */
  expect_group(d, "我们今天晚上去吃饭吧，你觉得怎么样？", "zh", "zho");
  expect_group(d, "今天天氣很好，我們去公園散步。", "zh", "zho");
  /* two ideographs: Chinese, not which variety */
  expect_group(d, "学习", "zh", "zho");
  expect_group(d, "中国", "zh", "zho");
  /* Serbo-Croatian and Malay/Indonesian shared vocabulary */
  expect_group(d, "Gdje je najbliža stanica?", "sh", "hbs");
  expect_group(d, "Setiap orang berhak atas kehidupan, kebebasan dan keselamatan sebagai "
                  "individu.", "ms", "msa");
  loc_detector_free(d);
}

/* Where the text tells the members apart, the answer is the member. */
static void test_group_members_apart(void **state) {
  (void)state;
  loc_detector *d = new_det();
  static const struct {
    const char *text, *lang, *iso;
  } cases[] = {
      {"Сутра идемо на море са децом.", "sr-Cyrl", "srp"},
      {"Saya tidak bisa datang besok karena harus bekerja.", "id", "ind"},
      {"Saya pergi ke pasar untuk membeli buah dan sayur.", "id", "ind"},
      {"我哋今晚去食飯啦，你覺得點呀？", "yue", "yue"},
      {"قیمت نفت امروز افزایش یافت.", "fa", "pes"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    loc_detect_result r;
    assert_int_equal(loc_detect(d, cases[i].text, strlen(cases[i].text), 3, &r), LOC_OK);
    assert_false(r.group);
    assert_string_equal(r.lang, cases[i].lang);
    assert_string_equal(r.iso639_3, cases[i].iso);
    /* (the Cantonese line has 14 letters: its confidence shrinks below
     * 0.5, while within the group it stands out) */
    assert_true(r.confidence >= 0.3);
  }
  loc_detector_free(d);
}

/* Every candidate is written in the text's script. */
static void test_gating(void **state) {
  (void)state;
  loc_detector *d = new_det();
  const loc_detect_model *m = loc_detect_model_default();
  static const struct {
    const char *s;
    int32_t script;
  } cases[] = {{ru, USCRIPT_CYRILLIC}, {am, USCRIPT_ETHIOPIC}, {en, USCRIPT_LATIN},
               {"सभी मनुष्यों को गौरव और अधिकारों के मामले में", USCRIPT_DEVANAGARI}};
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
    loc_detect_result r;
    assert_int_equal(loc_detect(d, cases[c].s, strlen(cases[c].s), LOC_DETECT_MAX_TOP, &r),
                     LOC_OK);
    assert_int_equal(r.script, cases[c].script);
    assert_true(r.n_candidates >= 2);
    for (size_t i = 0; i < r.n_candidates; i++) {
      bool found = false;
      for (size_t k = 0; k < loc_detect_model_languages(m); k++) {
        const char *tag, *iso;
        int32_t sc;
        loc_detect_model_language(m, k, &tag, &iso, &sc);
        if (strcmp(tag, r.candidates[i].lang) == 0 && strcmp(iso, r.candidates[i].iso639_3) == 0) {
          assert_int_equal(sc, cases[c].script);
          found = true;
        }
      }
      assert_true(found);
    }
  }
  loc_detector_free(d);
}

/* A script written by one language of the model answers at once, even for
 * one letter. */
static void test_one_language_script(void **state) {
  (void)state;
  loc_detector *d = new_det();
  static const struct {
    const char *s, *lang;
  } cases[] = {{"ไ", "th"}, {"ადამიანი", "ka"}, {"ᏂᎦᏓ", "chr"}};
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
    loc_detect_result r;
    assert_int_equal(loc_detect(d, cases[c].s, strlen(cases[c].s), 5, &r), LOC_OK);
    assert_string_equal(r.lang, cases[c].lang);
    assert_true(r.confidence == 1.0);
    assert_int_equal(r.n_candidates, 1);
  }
  loc_detector_free(d);
}

static void test_top_k(void **state) {
  (void)state;
  loc_detector *d = new_det();
  const char *s = "Svako ima pravo na život, slobodu i ličnu bezbjednost.";
  for (size_t k = 0; k <= LOC_DETECT_MAX_TOP + 2; k++) {
    loc_detect_result r;
    assert_int_equal(loc_detect(d, s, strlen(s), k, &r), LOC_OK);
    assert_int_equal(r.n_candidates, k < LOC_DETECT_MAX_TOP ? k : LOC_DETECT_MAX_TOP);
    double sum = 0;
    for (size_t i = 0; i < r.n_candidates; i++) {
      if (i > 0)
        assert_true(r.candidates[i].confidence <= r.candidates[i - 1].confidence);
      sum += r.candidates[i].confidence;
    }
    assert_true(sum <= 1.0 + 1e-9);
  }
  /* one candidate (found from the best key alone) is the first of 16 (the
   * general selection), on short texts of several scripts and a long one
   * (its sums widened) */
  static const char *const texts[] = {"Svako ima pravo na život.", "Кожен має право.", "学习",
                                      "שלום עולם", "ok", "the the the the the the the the"};
  for (size_t t = 0; t < sizeof texts / sizeof *texts + 1; t++) {
    char big[4096];
    const char *x = t < sizeof texts / sizeof *texts ? texts[t] : big;
    if (x == big) {
      memset(big, 0, sizeof big);
      while (strlen(big) + 40 < sizeof big)
        strcat(big, "Tout individu a droit à la vie. ");
    }
    loc_detect_result one, all;
    assert_int_equal(loc_detect(d, x, strlen(x), 1, &one), LOC_OK);
    assert_int_equal(loc_detect(d, x, strlen(x), LOC_DETECT_MAX_TOP, &all), LOC_OK);
    assert_string_equal(one.lang, all.lang);
    assert_true(fabs(one.confidence - all.confidence) < 1e-12);
    if (all.n_candidates > 0) {
      assert_string_equal(one.candidates[0].lang, all.candidates[0].lang);
      assert_true(fabs(one.candidates[0].confidence - all.candidates[0].confidence) < 1e-12);
    }
  }
  /* the Bosnian/Croatian/Serbian/Montenegrin group comes first */
  loc_detect_result r;
  loc_detect(d, s, strlen(s), 4, &r);
  for (size_t i = 0; i < 3; i++) {
    const char *iso = r.candidates[i].iso639_3;
    assert_true(strcmp(iso, "bos") == 0 || strcmp(iso, "hrv") == 0 || strcmp(iso, "srp") == 0 ||
                strcmp(iso, "cnr") == 0);
  }
  loc_detector_free(d);
}

/* Pieces cut anywhere, even inside characters, give the same answer. */
static void test_pieces(void **state) {
  (void)state;
  loc_detector *d = new_det();
  const char *texts[] = {am, ru, fr};
  for (size_t t = 0; t < 3; t++) {
    loc_detect_result whole, parts;
    loc_detect(d, texts[t], strlen(texts[t]), 5, &whole);
    for (size_t step = 1; step <= 5; step++) {
      loc_detect_begin(d);
      for (size_t i = 0; i < strlen(texts[t]); i += step) {
        size_t n = strlen(texts[t]) - i < step ? strlen(texts[t]) - i : step;
        assert_int_equal(loc_detect_feed(d, texts[t] + i, n), LOC_OK);
      }
      assert_int_equal(loc_detect_end(d, 5, &parts), LOC_OK);
      assert_string_equal(parts.lang, whole.lang);
      assert_true(parts.confidence == whole.confidence);
      assert_int_equal(parts.n_candidates, whole.n_candidates);
    }
  }
  loc_detector_free(d);
}

/* The detector's scores are the plain sums of the posting lists: for long
 * text (the dense rows' 16-bit sums widened many times), an n-gram repeated
 * more often than LOC__DENSE_BUDGET, other scripts, mixed text, pieces. */
static void check_plain(loc_detector *d, const char *s, size_t len, size_t piece) {
  const loc_detect_model *m = loc_detect_model_default();
  size_t nl = loc_detect_model_languages(m);
  uint64_t *acc = calloc(nl, sizeof *acc);
  uint32_t *idx = calloc(nl, sizeof *idx);
  double *score = calloc(nl, sizeof *score);
  assert_true(acc && idx && score);
  size_t grams = loc__model_plain_sums(m, s, len, acc), ng;
  int32_t script;
  loc_detect_begin(d);
  for (size_t i = 0; i < len; i += piece)
    loc_detect_feed(d, s + i, len - i < piece ? len - i : piece);
  size_t n = loc__detect_rank(d, NULL, 0, idx, score, nl, &ng, &script);
  assert_int_equal(ng, grams);
  size_t gated = 0;
  for (size_t i = 0; i < nl; i++)
    gated += loc_script_agrees(script, m->scripts[i]);
  assert_int_equal(n, gated);
  for (size_t r = 0; r < n; r++) {
    double want = acc[idx[r]] / LOC__Q_SCALE + (double)grams * m->langs[idx[r]].floor +
                  m->langs[idx[r]].prior;
    assert_true(fabs(score[r] - want) < 1e-9);
  }
  loc_detect_begin(d);
  free(acc);
  free(idx);
  free(score);
}

static void test_plain_sums(void **state) {
  (void)state;
  const loc_detect_model *m = loc_detect_model_default();
  assert_true(m->h.n_rows > 0);
  /* the arrays of the model compiled in, which opening does not read */
  assert_int_equal(loc__model_check(m), LOC_OK);
  loc_detector *d = new_det();
  size_t cap = 64 * 1024, len = 0;
  char *s = malloc(cap);
  assert_non_null(s);
  for (int i = 0; i < 60; i++) /* every row used many times over */
    len += (size_t)snprintf(s + len, cap - len, "%s %s ", en, fr);
  check_plain(d, s, len, len);
  check_plain(d, s, len, 5);
  len = 0;
  for (int i = 0; i < 600; i++) /* "e " more than LOC__DENSE_BUDGET times */
    len += (size_t)snprintf(s + len, cap - len, "e ");
  check_plain(d, s, len, len);
  const char *texts[] = {en, ru, am, de, "Ru: Каждый человек, en: everyone has the right",
                         "人人生而自由，在尊嚴和權利上一律平等。", "\xff\xfe abc \xc3",
                         /* words mixing ASCII and other letters (the scan's two paths share
                          * the window), a letter folding to ASCII (KELVIN SIGN), two-byte
                          * leads cut or followed by ASCII, a lone continuation byte, ASCII
                          * digits and punctuation between letters */
                         "Ça coûte 3€ Straße ÆØÅ naïve façade \xe2\x84\xaa" "elvin "
                         "x\xc3" "A\xc3\xa9\x80z Ωmega-ΣΊΣΥΦΟΣ a1b2c3 Gaußß éé é",
                         "abc\xc3", "\xc3\xa9", "A", "ab"};
  for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
    check_plain(d, texts[t], strlen(texts[t]), strlen(texts[t]) + 1);
    check_plain(d, texts[t], strlen(texts[t]), 2);
    check_plain(d, texts[t], strlen(texts[t]), 3);
  }
  free(s);
  loc_detector_free(d);
}

static void test_spans(void **state) {
  (void)state;
  loc_detector *d = new_det();
  char text[512];
  snprintf(text, sizeof text, "%s %s", en, fr);
  loc_detect_span *sp;
  size_t n;
  assert_int_equal(loc_detect_spans(d, text, strlen(text), &sp, &n), LOC_OK);
  assert_int_equal(n, 2);
  assert_string_equal(sp[0].lang, "en");
  assert_string_equal(sp[1].lang, "fr");
  assert_int_equal(sp[0].start, 0);
  assert_int_equal(sp[0].end, strlen(en) + 1); /* the space goes to the first */
  assert_int_equal(sp[1].start, sp[0].end);
  assert_int_equal(sp[1].end, strlen(text));
  loc_free(sp);
  /* a script change makes a span */
  snprintf(text, sizeof text, "%s %s", ru, de);
  assert_int_equal(loc_detect_spans(d, text, strlen(text), &sp, &n), LOC_OK);
  assert_int_equal(n, 2);
  assert_string_equal(sp[0].lang, "ru");
  assert_string_equal(sp[1].lang, "de");
  assert_int_equal(sp[1].end, strlen(text));
  loc_free(sp);
  /* one language: one span */
  assert_int_equal(loc_detect_spans(d, en, strlen(en), &sp, &n), LOC_OK);
  assert_int_equal(n, 1);
  assert_string_equal(sp[0].lang, "en");
  loc_free(sp);
  assert_int_equal(loc_detect_spans(d, "", 0, &sp, &n), LOC_OK);
  assert_int_equal(n, 0);
  assert_null(sp);
  assert_int_equal(loc_detect_spans(NULL, "", 0, &sp, &n), LOC_E_INVALID_ARGUMENT);
  loc_detector_free(d);
}

/* One model, detectors in several threads: the same answers as alone. */
static void *thread_main(void *arg) {
  loc_detect_result *out = arg;
  loc_detector *d;
  if (loc_detector_new(loc_detect_model_default(), &d) != LOC_OK)
    return NULL;
  const char *texts[] = {en, fr, ru, am, de};
  for (int rep = 0; rep < 50; rep++)
    for (size_t i = 0; i < 5; i++)
      loc_detect(d, texts[i], strlen(texts[i]), 3, &out[i]);
  loc_detector_free(d);
  return NULL;
}

static void test_threads(void **state) {
  (void)state;
  static loc_detect_result res[4][5];
  pthread_t th[4];
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&th[i], NULL, thread_main, res[i]), 0);
  for (int i = 0; i < 4; i++)
    pthread_join(th[i], NULL);
  static const char *want[] = {"en", "fr", "ru", "am", "de"};
  for (int i = 0; i < 4; i++)
    for (int k = 0; k < 5; k++) {
      assert_string_equal(res[i][k].lang, want[k]);
      assert_true(res[i][k].confidence == res[0][k].confidence);
    }
}

static void test_arguments(void **state) {
  (void)state;
  loc_detector *d = NULL;
  loc_detect_result r;
  assert_int_equal(loc_detector_new(NULL, &d), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_detector_new(loc_detect_model_default(), NULL), LOC_E_INVALID_ARGUMENT);
  d = new_det();
  assert_int_equal(loc_detect(d, NULL, 3, 1, &r), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_detect(d, "a", 1, 1, NULL), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_detect(NULL, "a", 1, 1, &r), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_detect(d, NULL, 0, 1, &r), LOC_OK);
  assert_string_equal(r.lang, "und");
  loc_detector_free(d);
  loc_detector_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_languages),   cmocka_unit_test(test_known),
      cmocka_unit_test(test_und_without_letters), cmocka_unit_test(test_und_short),
      cmocka_unit_test(test_gating),      cmocka_unit_test(test_one_language_script),
      cmocka_unit_test(test_top_k),       cmocka_unit_test(test_pieces),
      cmocka_unit_test(test_spans),       cmocka_unit_test(test_threads),
      cmocka_unit_test(test_arguments),   cmocka_unit_test(test_plain_sums),
      cmocka_unit_test(test_groups),      cmocka_unit_test(test_group_members_apart),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
