/* Language identification: spans of code-switched text (loc_detect_spans). */
#include "detect_internal.h"

#define SPAN_CANDIDATES 8
/* Log-likelihood (nats) a switch of language must win back: about two
 * words' worth of evidence, so one odd word does not make a span. */
#define SWITCH_PRICE 12.0

typedef struct word {
  size_t start, end;
  double ll[SPAN_CANDIDATES];
} word;

typedef struct span_list {
  loc_detect_span *v;
  size_t n, cap;
} span_list;

static loc_status push_span(span_list *l, loc_detector *d, const char *s, size_t start,
                            size_t end) {
  loc_detect_result r;
  loc_detect(d, s + start, end - start, 1, &r);
  if (l->n > 0 && strcmp(l->v[l->n - 1].lang, r.lang) == 0) {
    /* same language as the span before: one span, detected again whole */
    loc_detect_span *p = &l->v[l->n - 1];
    loc_detect(d, s + p->start, end - p->start, 1, &r);
    p->end = end;
    p->confidence = r.confidence;
    p->script = r.script;
    return LOC_OK;
  }
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 8;
    loc_detect_span *v = realloc(l->v, cap * sizeof *v);
    if (v == NULL)
      return LOC_E_NO_MEMORY;
    l->v = v;
    l->cap = cap;
  }
  loc_detect_span *p = &l->v[l->n++];
  memset(p, 0, sizeof *p);
  p->start = start;
  p->end = end;
  memcpy(p->lang, r.lang, sizeof p->lang);
  memcpy(p->iso639_3, r.iso639_3, sizeof p->iso639_3);
  p->script = r.script;
  p->confidence = r.confidence;
  return LOC_OK;
}

/* Log-likelihood of one word under each of the run's candidates. */
static void score_word(const loc_detect_model *m, const uint32_t *cand, size_t nc,
                       const char *s, word *w) {
  loc__grams g;
  loc__grams_reset(&g);
  uint32_t h[LOC__GRAMS_PER_CP];
  double acc[SPAN_CANDIDATES] = {0};
  size_t grams = 0;
  for (size_t i = w->start; i <= w->end;) {
    unsigned n;
    if (i < w->end) {
      size_t k;
      int32_t cp = loc__utf8_decode((const uint8_t *)s, w->end, i, &k);
      i += k;
      n = loc__grams_cp(&g, cp, h);
    } else {
      n = loc__grams_end(&g, h);
      i++;
    }
    grams += n;
    for (unsigned j = 0; j < n; j++) {
      uint32_t f, e;
      if (!loc__model_find(m, h[j], &f, &e))
        continue;
      for (uint32_t k = f; k < e; k++)
        for (size_t c = 0; c < nc; c++)
          if (m->plang[k] == cand[c])
            acc[c] += m->pq[k] / LOC__Q_SCALE;
    }
  }
  for (size_t c = 0; c < nc; c++)
    w->ll[c] = acc[c] + (double)grams * m->langs[cand[c]].floor;
}

/* One script run: cut between words where the best path changes language. */
static loc_status split_run(loc_detector *d, const char *s, size_t start, size_t end,
                            span_list *out) {
  const loc_detect_model *m = loc__detector_model(d);
  uint32_t *idx = malloc(m->h.n_langs * sizeof *idx);
  double *score = malloc(m->h.n_langs * sizeof *score);
  word *w = NULL;
  uint8_t *back = NULL;
  loc_status st = LOC_E_NO_MEMORY;
  if (idx == NULL || score == NULL)
    goto done;
  size_t ng;
  int32_t script;
  size_t nc = loc__detect_rank(d, s + start, end - start, idx, score, m->h.n_langs, &ng,
                               &script);
  loc_detect_begin(d);
  if (nc > SPAN_CANDIDATES)
    nc = SPAN_CANDIDATES;
  /* words: maximal stretches of letters */
  size_t nw = 0, capw = 0;
  for (size_t i = start; i < end;) {
    size_t k;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, end, i, &k);
    bool letter = cp >= 0 && loc__detect_is_letter(cp);
    if (letter && (nw == 0 || w[nw - 1].end != i)) {
      if (nw == capw) {
        capw = capw ? 2 * capw : 16;
        word *g = realloc(w, capw * sizeof *w);
        if (g == NULL)
          goto done;
        w = g;
      }
      w[nw++] = (word){.start = i, .end = i + k};
    } else if (letter) {
      w[nw - 1].end = i + k;
    }
    i += k;
  }
  if (nc < 2 || nw < 2) {
    st = push_span(out, d, s, start, end);
    goto done;
  }
  for (size_t i = 0; i < nw; i++)
    score_word(m, idx, nc, s, &w[i]);
  /* Viterbi over words; back[i*nc + c]: best state before word i in state c */
  back = malloc(nw * nc);
  if (back == NULL)
    goto done;
  double cur[SPAN_CANDIDATES], nxt[SPAN_CANDIDATES];
  for (size_t c = 0; c < nc; c++)
    cur[c] = w[0].ll[c];
  for (size_t i = 1; i < nw; i++) {
    size_t best = 0;
    for (size_t c = 1; c < nc; c++)
      if (cur[c] > cur[best])
        best = c;
    for (size_t c = 0; c < nc; c++) {
      bool stay = cur[c] >= cur[best] - SWITCH_PRICE;
      back[i * nc + c] = (uint8_t)(stay ? c : best);
      nxt[c] = (stay ? cur[c] : cur[best] - SWITCH_PRICE) + w[i].ll[c];
    }
    memcpy(cur, nxt, sizeof cur);
  }
  size_t state = 0;
  for (size_t c = 1; c < nc; c++)
    if (cur[c] > cur[state])
      state = c;
  /* walk back, marking where a new language starts */
  for (size_t i = nw; i-- > 1;) {
    size_t prev = back[i * nc + state];
    back[i * nc] = (uint8_t)(prev != state); /* reuse column 0 as "starts here" */
    state = prev;
  }
  size_t seg = start;
  st = LOC_OK;
  for (size_t i = 1; i < nw && st == LOC_OK; i++)
    if (back[i * nc]) {
      st = push_span(out, d, s, seg, w[i].start);
      seg = w[i].start;
    }
  if (st == LOC_OK)
    st = push_span(out, d, s, seg, end);
done:
  free(idx);
  free(score);
  free(w);
  free(back);
  return st;
}

loc_status loc_detect_spans(loc_detector *d, const char *s, size_t len, loc_detect_span **spans,
                            size_t *n_spans) {
  if (spans)
    *spans = NULL;
  if (n_spans)
    *n_spans = 0;
  if (d == NULL || spans == NULL || n_spans == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  if (len == 0)
    return LOC_OK;
  loc_script_run *runs;
  size_t nr;
  loc_status st = loc_script_runs(s, len, &runs, &nr);
  if (st != LOC_OK)
    return st;
  span_list out = {0};
  for (size_t i = 0; i < nr && st == LOC_OK; i++)
    st = split_run(d, s, runs[i].start, runs[i].end, &out);
  loc_free(runs);
  if (st != LOC_OK) {
    free(out.v);
    return st;
  }
  *spans = out.v;
  *n_spans = out.n;
  return LOC_OK;
}
