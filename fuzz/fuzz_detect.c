/* Language identification on arbitrary bytes: confidences in [0, 1],
 * candidates sorted best first and summing to at most 1, "und" exactly when
 * the best confidence is under the threshold or there is no candidate;
 * the script is the summary's dominant one; feeding the text in pieces cut
 * anywhere gives the same answer; the scores are the plain posting-list
 * sums (loc__model_plain_sums); spans cover the text in order without
 * gaps. */
#include "fuzz.h"

#include "../libloc/src/detect/detect_internal.h"

#include <math.h>

static loc_detector *det;

static void check_result(const loc_detect_result *r, size_t k) {
  FUZZ_CHECK(r->confidence >= 0 && r->confidence <= 1);
  FUZZ_CHECK(r->n_candidates <= k && r->n_candidates <= LOC_DETECT_MAX_TOP);
  double sum = 0;
  for (size_t i = 0; i < r->n_candidates; i++) {
    double c = r->candidates[i].confidence;
    FUZZ_CHECK(c >= 0 && c <= 1);
    FUZZ_CHECK(i == 0 || c <= r->candidates[i - 1].confidence);
    sum += c;
  }
  FUZZ_CHECK(sum <= 1 + 1e-9);
  if (r->letters == 0)
    FUZZ_CHECK(r->n_candidates == 0 && r->confidence == 0 && !r->group);
  if (r->group) {
    /* a macrolanguage: no language reached 0.5, its members together did */
    int g = -1;
    static const char *const iso[] = {"zho", "fas", "msa", "hbs"};
    for (int i = 0; i < 4; i++)
      if (strcmp(r->iso639_3, iso[i]) == 0)
        g = i;
    FUZZ_CHECK(g >= 0 && r->confidence >= 0.5);
    double members = 0;
    for (size_t i = 0; i < r->n_candidates; i++) {
      FUZZ_CHECK(r->candidates[i].confidence < 0.5);
      if (loc__detect_group_of(r->candidates[i].iso639_3) == g)
        members += r->candidates[i].confidence;
    }
    FUZZ_CHECK(members <= r->confidence + 1e-9);
    return;
  }
  if (r->n_candidates > 0)
    FUZZ_CHECK(r->confidence == r->candidates[0].confidence);
  if (strcmp(r->lang, "und") != 0 && k > 0)
    FUZZ_CHECK(r->n_candidates > 0 && strcmp(r->lang, r->candidates[0].lang) == 0);
}

/* The detector's fast scores (dense rows, batched lookups) against the
 * plain walk over the posting lists. */
static void check_plain(const char *s, size_t size) {
  const loc_detect_model *m = loc_detect_model_default();
  size_t nl = loc_detect_model_languages(m), ng;
  uint64_t *acc = malloc(nl * sizeof *acc);
  uint32_t *idx = malloc(nl * sizeof *idx);
  double *score = malloc(nl * sizeof *score);
  FUZZ_CHECK(acc && idx && score);
  size_t grams = loc__model_plain_sums(m, s, size, acc);
  int32_t script;
  size_t n = loc__detect_rank(det, s, size, idx, score, nl, &ng, &script);
  FUZZ_CHECK(ng == grams);
  for (size_t r = 0; r < n; r++)
    FUZZ_CHECK(fabs(score[r] - (acc[idx[r]] / LOC__Q_SCALE +
                                (double)grams * m->langs[idx[r]].floor +
                                m->langs[idx[r]].prior)) < 1e-9);
  loc_detect_begin(det);
  free(acc);
  free(idx);
  free(score);
}

static bool same(const loc_detect_result *a, const loc_detect_result *b) {
  if (strcmp(a->lang, b->lang) != 0 || a->script != b->script || a->letters != b->letters ||
      a->n_candidates != b->n_candidates || fabs(a->confidence - b->confidence) > 1e-12)
    return false;
  for (size_t i = 0; i < a->n_candidates; i++)
    if (strcmp(a->candidates[i].lang, b->candidates[i].lang) != 0)
      return false;
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  if (det == NULL)
    FUZZ_CHECK(loc_detector_new(loc_detect_model_default(), &det) == LOC_OK);
  const char *s = (const char *)data;
  size_t k = size ? data[0] % (LOC_DETECT_MAX_TOP + 2) : 3;
  loc_detect_result whole, pieces;
  FUZZ_CHECK(loc_detect(det, s, size, k, &whole) == LOC_OK);
  check_result(&whole, k);
  /* the gate's script is the script summary's dominant one */
  loc_script_summary *sum;
  FUZZ_CHECK(loc_script_summary_new(&sum) == LOC_OK);
  loc_script_summary_add(sum, s, size);
  FUZZ_CHECK(whole.script == loc_script_summary_dominant(sum));
  loc_script_summary_free(sum);
  /* pieces of 1 to 7 bytes, cut anywhere */
  loc_detect_begin(det);
  for (size_t i = 0, step = 1; i < size; i += step, step = step % 7 + 1)
    FUZZ_CHECK(loc_detect_feed(det, s + i, i + step <= size ? step : size - i) == LOC_OK);
  FUZZ_CHECK(loc_detect_end(det, k, &pieces) == LOC_OK);
  FUZZ_CHECK(same(&whole, &pieces));
  check_plain(s, size);

  if (size > 4096)
    return 0; /* spans detect every stretch again: keep them to short input */
  loc_detect_span *sp;
  size_t n;
  FUZZ_CHECK(loc_detect_spans(det, s, size, &sp, &n) == LOC_OK);
  FUZZ_CHECK((n == 0) == (size == 0));
  size_t at = 0;
  for (size_t i = 0; i < n; i++) {
    FUZZ_CHECK(sp[i].start == at && sp[i].end > sp[i].start);
    FUZZ_CHECK(sp[i].confidence >= 0 && sp[i].confidence <= 1);
    at = sp[i].end;
  }
  FUZZ_CHECK(at == size);
  loc_free(sp);
  return 0;
}
