/* Language identification: spans of code-switched text (loc_detect_spans). */
#include "detect_internal.h"

#include <stdio.h>

#define SPAN_CANDIDATES 8
/* Words per window when looking for the languages of a run. */
#define CHUNK_WORDS 6
/* Log-likelihood (nats) a switch of language must win back: a word of one
 * language scores some 10 to 30 nats better under it than under another, so
 * one odd word does not make a span. Tried on mixed sentences: 12 cut too
 * often, 40 missed three-word switches. */
#define SWITCH_PRICE 25.0

typedef struct word {
  size_t start, end;
  bool after_punct; /* punctuation between the word before and this one */
  double ll[SPAN_CANDIDATES];
} word;

typedef struct span_item {
  loc_detect_span span;
  long reserved_lang; /* model index the span was cut for; -2: none */
} span_item;

typedef struct span_list {
  span_item *v;
  size_t n, cap;
} span_list;

/* Appends [start, end) in language @lang (a model index, or -1: whatever
 * the span alone says), joining it to the span before when the language is
 * the same. The confidence is that of the language on the span alone. */
static loc_status push_span(span_list *l, loc_detector *d, const char *s, size_t start,
                            size_t end, long lang) {
  const loc_detect_model *m = loc__detector_model(d);
  if (l->n > 0 && lang >= 0 && lang == l->v[l->n - 1].reserved_lang)
    start = l->v[--l->n].span.start;
  loc_detect_result r;
  loc_detect(d, s + start, end - start, LOC_DETECT_MAX_TOP, &r);
  double conf = r.confidence;
  const char *tag = r.lang, *iso = r.iso639_3;
  if (lang >= 0) {
    tag = m->langs[lang].lang;
    iso = m->langs[lang].iso;
    conf = 0;
    for (size_t i = 0; i < r.n_candidates; i++)
      if (strcmp(r.candidates[i].iso639_3, iso) == 0 && strcmp(r.candidates[i].lang, tag) == 0)
        conf = r.candidates[i].confidence;
    if (conf < m->h.und_below)
      tag = iso = "und";
  }
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 8;
    span_item *v = realloc(l->v, cap * sizeof *v);
    if (v == NULL)
      return LOC_E_NO_MEMORY;
    l->v = v;
    l->cap = cap;
  }
  span_item *p = &l->v[l->n++];
  memset(p, 0, sizeof *p);
  p->span.start = start;
  p->span.end = end;
  snprintf(p->span.lang, sizeof p->span.lang, "%s", tag);
  snprintf(p->span.iso639_3, sizeof p->span.iso639_3, "%s", iso);
  p->span.script = r.script;
  p->span.confidence = conf;
  p->reserved_lang = lang < 0 ? -2 : lang;
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
      uint32_t key;
      if (!loc__model_find_key(m, h[j], &key))
        continue;
      for (size_t c = 0; c < nc; c++)
        acc[c] += loc__model_q(m, key, cand[c]) / LOC__Q_SCALE;
    }
  }
  for (size_t c = 0; c < nc; c++)
    w->ll[c] = acc[c] + (double)grams * m->langs[cand[c]].floor + m->langs[cand[c]].prior;
}

/* One script run: cut between words where the best path changes language. */
static loc_status split_run(loc_detector *d, const char *s, size_t start, size_t end,
                            span_list *out) {
  const loc_detect_model *m = loc__detector_model(d);
  uint32_t *idx = malloc(m->h.n_langs * sizeof *idx);
  double *score = malloc(m->h.n_langs * sizeof *score);
  word *w = NULL;
  uint8_t *back = NULL, *path = NULL;
  loc_status st = LOC_E_NO_MEMORY;
  if (idx == NULL || score == NULL)
    goto done;
  size_t ng;
  int32_t script;
  size_t nc = 0;
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
      w[nw] = (word){.start = i, .end = i + k};
      for (size_t b = nw ? w[nw - 1].end : start; b < i; b++)
        w[nw].after_punct |= strchr(".,;:!?()\"", s[b]) != NULL && s[b] != 0;
      nw++;
    } else if (letter) {
      w[nw - 1].end = i + k;
    }
    i += k;
  }
  /* Candidates: the languages that win a window of CHUNK_WORDS words
   * (windows overlap by half). Close relatives of a language that only come
   * second everywhere would otherwise take single words from it. */
  uint32_t cand[SPAN_CANDIDATES];
  for (size_t i = 0; nw >= 2 && i < nw && nc < SPAN_CANDIDATES; i += CHUNK_WORDS / 2) {
    size_t j = i + CHUNK_WORDS < nw ? i + CHUNK_WORDS : nw;
    size_t n = loc__detect_rank(d, s + w[i].start, w[j - 1].end - w[i].start, idx, score, 1,
                                &ng, &script);
    bool seen = false;
    for (size_t c = 0; c < nc && n > 0; c++)
      seen |= cand[c] == idx[0];
    if (n > 0 && !seen)
      cand[nc++] = idx[0];
    if (j == nw)
      break;
  }
  loc_detect_begin(d);
  if (nc < 2) {
    st = push_span(out, d, s, start, end, -1);
    goto done;
  }
  memcpy(idx, cand, nc * sizeof *cand);
  for (size_t i = 0; i < nw; i++)
    score_word(m, idx, nc, s, &w[i]);
  /* Viterbi over words; back[i*nc + c]: best state before word i in state c */
  back = malloc(nw * nc);
  if (back == NULL)
    goto done;
  st = LOC_E_NO_MEMORY;
  double cur[SPAN_CANDIDATES], nxt[SPAN_CANDIDATES];
  for (size_t c = 0; c < nc; c++)
    cur[c] = w[0].ll[c];
  for (size_t i = 1; i < nw; i++) {
    size_t best = 0;
    for (size_t c = 1; c < nc; c++)
      if (cur[c] > cur[best])
        best = c;
    /* sentences and clauses are where languages usually switch */
    double price = w[i].after_punct ? SWITCH_PRICE / 2 : SWITCH_PRICE;
    for (size_t c = 0; c < nc; c++) {
      bool stay = cur[c] >= cur[best] - price;
      back[i * nc + c] = (uint8_t)(stay ? c : best);
      nxt[c] = (stay ? cur[c] : cur[best] - price) + w[i].ll[c];
    }
    memcpy(cur, nxt, sizeof cur);
  }
  size_t state = 0;
  for (size_t c = 1; c < nc; c++)
    if (cur[c] > cur[state])
      state = c;
  /* the best path, walked back */
  path = malloc(nw);
  if (path == NULL)
    goto done;
  for (size_t i = nw; i-- > 0;) {
    size_t prev = i > 0 ? back[i * nc + state] : state;
    path[i] = (uint8_t)state;
    state = prev;
  }
  size_t seg = start;
  st = LOC_OK;
  for (size_t i = 1; i < nw && st == LOC_OK; i++)
    if (path[i] != path[i - 1]) {
      st = push_span(out, d, s, seg, w[i].start, (long)idx[path[i - 1]]);
      seg = w[i].start;
    }
  if (st == LOC_OK)
    st = push_span(out, d, s, seg, end, (long)idx[path[nw - 1]]);
done:
  free(idx);
  free(score);
  free(w);
  free(back);
  free(path);
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
  /* the list's own items carry a field more than the public spans */
  loc_detect_span *v = malloc((out.n ? out.n : 1) * sizeof *v);
  if (v == NULL) {
    free(out.v);
    return LOC_E_NO_MEMORY;
  }
  for (size_t i = 0; i < out.n; i++)
    v[i] = out.v[i].span;
  free(out.v);
  *spans = v;
  *n_spans = out.n;
  return LOC_OK;
}
