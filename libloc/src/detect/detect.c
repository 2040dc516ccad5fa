/* Language identification: the detector (see loc/detect.h). */
#include "detect_internal.h"

#include <math.h>
#include <unicode/uscript.h>

typedef struct rank_item {
  double score;
  uint32_t idx;
} rank_item;

#define SC_MAX 256     /* > every UScriptCode ICU 72 knows */
#define SC_CACHE 256   /* direct-mapped, non-ASCII code points */
#define PEND_SIZE 4096 /* power of two */
#define PEND_MAX (PEND_SIZE / 2)
#define LOOK_SIZE 8192 /* power of two */
#define LOOK_ABSENT UINT32_MAX
#define LOOK_EMPTY (UINT32_MAX - 1)
#define QUEUE_MAX 512  /* n-grams looked up together */
/* A best guess of a macrolanguage or cluster below this confidence, while
 * its members together reach it, answers the group (zh, fa, ms, sh): the
 * text does not tell the members apart. */
#define GROUP_BELOW 0.5

struct loc_detector {
  const loc_detect_model *m;
  loc__grams g;
  /* characters per script (UScriptCode) in the text, for the gate: the
   * counts loc_script_summary keeps, without its 34 KiB set-up per text */
  uint32_t sc_count[SC_MAX];
  uint8_t sc_seen[SC_MAX];      /* scripts counted, for the reset */
  size_t n_seen;
  struct {
    int32_t cp, sc;
  } sc_cache[SC_CACHE];
  uint64_t *acc;       /* per language: sum of quantized log-probability gains;
                        * acc[n_langs] takes the dense rows' padding */
  uint16_t *dacc;      /* per slot: the dense rows' sums since the last widening */
  uint32_t budget;     /* count-weighted rows added into dacc since then */
  uint32_t dlo, dhi;   /* the slots they touched */
  size_t n_grams;
  /* N-grams the model lists, counted before their postings are added:
   * common ones (a letter, "e ") repeat in a text and have the longest
   * lists, so each list is walked once per text instead of once per
   * occurrence. Open addressing over key index + 1 (0 = empty). */
  uint32_t pend_key[PEND_SIZE];
  uint32_t pend_count[PEND_SIZE];
  uint32_t pend_used[PEND_MAX];
  uint32_t fl_val[PEND_MAX], fl_count[PEND_MAX]; /* flush_pending's copy */
  size_t n_pend;
  bool dirty;          /* fed since the last reset */
  /* Recent lookups, found or not, across texts (the model never changes):
   * most n-grams of a text are common ones, and the model's index is too
   * large for the cache; a miss costs a few cache misses. */
  struct {
    uint32_t hash;
    uint32_t key; /* LOOK_ABSENT, LOOK_EMPTY or a key index
                   * (LOC__DENSE_TAG | row for a dense one) */
  } look[LOOK_SIZE];
  /* n-grams waiting to be looked up (see resolve_queue) */
  uint32_t q_hash[QUEUE_MAX], q_val[QUEUE_MAX];
  size_t n_q;
  uint32_t *idx;       /* ranking scratch, n_langs each */
  rank_item *order;    /* every gated candidate of the last ranking */
  uint32_t *gate;      /* languages of gate_script, n_gate of them */
  size_t n_gate;
  int32_t gate_script; /* -1: none yet */
  int8_t *grp;         /* per language: its group (loc__detect_group_of), -1 none */
  size_t n_all;
  double *score;
};

loc_status loc_detector_new(const loc_detect_model *m, loc_detector **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (m == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_detector *d = calloc(1, sizeof *d);
  if (d == NULL)
    return LOC_E_NO_MEMORY;
  d->m = m;
  for (size_t i = 0; i < LOOK_SIZE; i++)
    d->look[i].key = LOOK_EMPTY;
  size_t n = m->h.n_langs;
  d->acc = calloc(n + 1, sizeof *d->acc);
  d->dacc = calloc(m->n_slots + 1, sizeof *d->dacc);
  d->dlo = UINT32_MAX;
  d->idx = calloc(n, sizeof *d->idx);
  d->score = calloc(n, sizeof *d->score);
  d->order = calloc(n, sizeof *d->order);
  d->gate = calloc(n, sizeof *d->gate);
  d->gate_script = -1;
  d->grp = malloc(n ? n : 1);
  if (d->grp != NULL)
    for (size_t i = 0; i < n; i++)
      d->grp[i] = (int8_t)loc__detect_group_of(m->langs[i].iso);
  for (size_t i = 0; i < SC_CACHE; i++)
    d->sc_cache[i].cp = -1;
  if (d->acc == NULL || d->dacc == NULL || d->idx == NULL || d->score == NULL || d->order == NULL ||
      d->gate == NULL || d->grp == NULL) {
    loc_detector_free(d);
    return LOC_E_NO_MEMORY;
  }
  *out = d;
  return LOC_OK;
}

void loc_detector_free(loc_detector *d) {
  if (d == NULL)
    return;
  free(d->acc);
  free(d->dacc);
  free(d->idx);
  free(d->score);
  free(d->order);
  free(d->gate);
  free(d->grp);
  free(d);
}

/* Script property of @cp (-1: an ill-formed sequence, counted as Zzzz as
 * the summary does). */
static inline int32_t script_of(loc_detector *d, int32_t cp) {
  if (cp < 0)
    return USCRIPT_UNKNOWN;
  if (cp < 0x80)
    return (uint32_t)((cp | 0x20) - 'a') < 26 ? USCRIPT_LATIN : USCRIPT_COMMON;
  unsigned slot = (unsigned)cp & (SC_CACHE - 1);
  if (d->sc_cache[slot].cp != cp) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t sc = uscript_getScript(cp, &e);
    d->sc_cache[slot].cp = cp;
    d->sc_cache[slot].sc = U_FAILURE(e) || sc < 0 || sc >= SC_MAX ? USCRIPT_UNKNOWN : sc;
  }
  return d->sc_cache[slot].sc;
}

static inline void count_script(loc_detector *d, int32_t cp) {
  int32_t sc = script_of(d, cp);
  if (d->sc_count[sc]++ == 0)
    d->sc_seen[d->n_seen++] = (uint8_t)sc;
}

/* The dominant script by the rules of loc_script_summary_dominant()
 * (loc/script.h), over this text's counts. */
static int32_t dominant(const loc_detector *d) {
  loc__script_n v[SC_MAX];
  for (size_t i = 0; i < d->n_seen; i++)
    v[i] = (loc__script_n){d->sc_seen[i], d->sc_count[d->sc_seen[i]]};
  return loc__script_dominant(v, d->n_seen);
}

void loc_detect_begin(loc_detector *d) {
  if (d == NULL || !d->dirty)
    return;
  d->dirty = false;
  loc__grams_reset(&d->g);
  memset(d->acc, 0, d->m->h.n_langs * sizeof *d->acc);
  if (d->dlo < d->dhi)
    memset(d->dacc + d->dlo, 0, (d->dhi - d->dlo) * sizeof *d->dacc);
  d->dlo = UINT32_MAX;
  d->dhi = 0;
  d->budget = 0;
  for (size_t i = 0; i < d->n_pend; i++)
    d->pend_key[d->pend_used[i]] = 0;
  d->n_pend = 0;
  d->n_grams = 0;
  d->n_q = 0;
  for (size_t i = 0; i < d->n_seen; i++)
    d->sc_count[d->sc_seen[i]] = 0;
  d->n_seen = 0;
}

/* Moves the dense rows' 16-bit sums into acc. */
static void widen(loc_detector *d) {
  const uint16_t *sl = d->m->slot_lang;
  for (uint32_t s = d->dlo; s < d->dhi; s++) {
    d->acc[sl[s]] += d->dacc[s];
    d->dacc[s] = 0;
  }
  d->dlo = UINT32_MAX;
  d->dhi = 0;
  d->budget = 0;
}

/* The dense row @r (and its sparse rest) @count times. */
static void add_row(loc_detector *d, uint32_t r, uint32_t count) {
  const loc_detect_model *m = d->m;
  const loc__dense_row *row = &m->rows[r];
  const uint8_t *q = m->dense_data + row->data;
  uint32_t w = row->width;
  if (d->budget + count > LOC__DENSE_BUDGET)
    widen(d);
  if (count > LOC__DENSE_BUDGET) {
    for (uint32_t j = 0; j < w; j++)
      d->acc[m->slot_lang[row->slot + j]] += (uint64_t)q[j] * count;
  } else {
    uint16_t *a = d->dacc + row->slot;
    /* plain loops the compiler turns into vector code */
    if (count == 1)
      for (uint32_t j = 0; j < w; j++)
        a[j] = (uint16_t)(a[j] + q[j]);
    else
      for (uint32_t j = 0; j < w; j++)
        a[j] = (uint16_t)(a[j] + q[j] * (uint16_t)count);
    d->budget += count;
    if (row->slot < d->dlo)
      d->dlo = row->slot;
    if (row->slot + w > d->dhi)
      d->dhi = row->slot + w;
  }
  for (uint32_t k = row->res, e = row[1].res; k < e; k++)
    d->acc[m->res_lang[k]] += (uint64_t)m->res_q[k] * count;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Adds the postings of the pending n-grams to the scores and empties the
 * table. The model's arrays are larger than the caches and each key costs
 * a few misses, one after the other (index, then postings); so first every
 * key's index entry is asked for, then every posting list's start, and
 * only then are the lists walked: the misses overlap instead of adding up. */
static void flush_pending(loc_detector *d) {
  const loc_detect_model *m = d->m;
  uint64_t *acc = d->acc;
  size_t n = d->n_pend;
  for (size_t i = 0; i < n; i++) {
    uint32_t slot = d->pend_used[i];
    uint32_t v = d->pend_key[slot] - 1;
    d->pend_key[slot] = 0;
    d->fl_val[i] = v;
    d->fl_count[i] = d->pend_count[slot];
  }
  const uint16_t *pl = m->plang;
  const uint8_t *pq = m->pq;
  /* a pipeline: entry i's index entry is asked for, entry i − AHEAD's
   * postings, entry i − 2·AHEAD is added */
  enum { AHEAD = 8 };
  for (size_t i = 0; i < n + 2 * AHEAD; i++) {
    if (i < n) {
      uint32_t v = d->fl_val[i];
      if (v & LOC__DENSE_TAG)
        PREFETCH(&m->rows[v & ~LOC__DENSE_TAG]);
      else
        PREFETCH(&m->posts[v]);
    }
    if (i >= AHEAD && i - AHEAD < n) {
      uint32_t v = d->fl_val[i - AHEAD];
      if (v & LOC__DENSE_TAG) {
        const loc__dense_row *row = &m->rows[v & ~LOC__DENSE_TAG];
        const uint8_t *q = m->dense_data + row->data;
        for (uint32_t j = 0; j < row->width; j += 64)
          PREFETCH(q + j);
      } else {
        uint32_t f = m->posts[v];
        PREFETCH(&pl[f]);
        PREFETCH(&pq[f]);
      }
    }
    if (i < 2 * AHEAD || i - 2 * AHEAD >= n)
      continue;
    uint32_t key = d->fl_val[i - 2 * AHEAD], count = d->fl_count[i - 2 * AHEAD];
    if (key & LOC__DENSE_TAG) {
      add_row(d, key & ~LOC__DENSE_TAG, count);
      continue;
    }
    uint32_t f = m->posts[key], e = m->posts[key + 1];
    if (count == 1)
      for (uint32_t k = f; k < e; k++)
        acc[pl[k]] += pq[k];
    else
      for (uint32_t k = f; k < e; k++)
        acc[pl[k]] += (uint64_t)pq[k] * count;
  }
  d->n_pend = 0;
}

/* Counts n-gram @v (a key index or a tagged dense row) as pending. */
static inline void pend(loc_detector *d, uint32_t v) {
  uint32_t slot = (v * 2654435761u) >> (32 - 12) & (PEND_SIZE - 1);
  while (d->pend_key[slot] != 0 && d->pend_key[slot] != v + 1)
    slot = (slot + 1) & (PEND_SIZE - 1);
  if (d->pend_key[slot] == 0) {
    d->pend_key[slot] = v + 1;
    d->pend_count[slot] = 1;
    d->pend_used[d->n_pend++] = slot;
    if (d->n_pend == PEND_MAX)
      flush_pending(d);
  } else {
    d->pend_count[slot]++;
  }
}

/* Looks the queued n-grams up and counts those the model lists. The
 * lookups that miss the detector's cache go through the model's index in
 * steps over the whole queue (bucket, then keys, then dense row), asking
 * for each step's memory before it is read, as flush_pending() does. */
static void resolve_queue(loc_detector *d) {
  const loc_detect_model *m = d->m;
  size_t n = d->n_q;
  d->n_q = 0;
  const uint32_t *qh = d->q_hash;
  uint32_t *v = d->q_val;
  unsigned shift = 32 - m->h.bucket_bits;
  size_t misses = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t li = qh[i] & (LOOK_SIZE - 1);
    if (d->look[li].hash == qh[i] && d->look[li].key != LOOK_EMPTY) {
      v[i] = d->look[li].key;
    } else {
      v[i] = LOOK_EMPTY;
      PREFETCH(&m->buckets[qh[i] >> shift]);
      misses++;
    }
  }
  if (misses > 0) {
    for (size_t i = 0; i < n; i++)
      if (v[i] == LOOK_EMPTY)
        PREFETCH(&m->keys[m->buckets[qh[i] >> shift]]);
    for (size_t i = 0; i < n; i++) {
      if (v[i] != LOOK_EMPTY)
        continue;
      uint32_t key, li = qh[i] & (LOOK_SIZE - 1);
      if (!loc__model_find_key(m, qh[i], &key)) {
        key = LOOK_ABSENT;
      } else {
        uint32_t r = loc__model_dense_row(m, key);
        if (r != UINT32_MAX)
          key = r | LOC__DENSE_TAG;
      }
      d->look[li].hash = qh[i];
      d->look[li].key = key;
      v[i] = key;
    }
  }
  for (size_t i = 0; i < n; i++)
    if (v[i] != LOOK_ABSENT)
      pend(d, v[i]);
}

static inline void add_grams(loc_detector *d, const uint32_t *h, unsigned n) {
  for (unsigned i = 0; i < n; i++) {
    d->q_hash[d->n_q++] = h[i];
    if (d->n_q == QUEUE_MAX)
      resolve_queue(d);
  }
  d->n_grams += n;
}

/* Bytes of a character that starts with lead byte @b (1 for a bad lead). */
static unsigned seq_len(uint8_t b) {
  if (b < 0xC2)
    return 1;
  if (b < 0xE0)
    return 2;
  if (b < 0xF0)
    return 3;
  return b < 0xF5 ? 4 : 1;
}

static void decode_all(loc_detector *d, const uint8_t *s, size_t len) {
  uint32_t h[LOC__GRAMS_PER_CP];
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    size_t n;
    if (s[i] < 0x80) {
      cp = s[i];
      n = 1;
    } else {
      cp = loc__utf8_decode(s, len, i, &n);
    }
    count_script(d, cp);
    add_grams(d, h, loc__grams_cp(&d->g, cp, h));
    i += n;
  }
}

loc_status loc_detect_feed(loc_detector *d, const char *str, size_t len) {
  if (d == NULL || (str == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  if (len > 0)
    d->dirty = true;
  const uint8_t *s = (const uint8_t *)str;
  loc__grams *g = &d->g;
  /* Complete a character cut by the previous piece. */
  while (g->npart > 0 && len > 0) {
    unsigned want = seq_len(g->part[0]);
    if ((s[0] & 0xC0) != 0x80 || g->npart >= want) {
      /* Not a continuation: the stashed bytes were ill-formed. */
      uint8_t tmp[4];
      memcpy(tmp, g->part, g->npart);
      unsigned np = g->npart;
      g->npart = 0;
      decode_all(d, tmp, np);
      break;
    }
    g->part[g->npart++] = *s++;
    len--;
    if (g->npart == want) {
      uint8_t tmp[4];
      memcpy(tmp, g->part, want);
      g->npart = 0;
      decode_all(d, tmp, want);
    }
  }
  if (len == 0)
    return LOC_OK;
  /* Keep an incomplete character at the end for the next piece. */
  size_t keep = 0;
  for (size_t back = 1; back <= 3 && back <= len; back++) {
    uint8_t b = s[len - back];
    if ((b & 0xC0) == 0x80)
      continue;
    if (b >= 0xC2 && seq_len(b) > back)
      keep = back;
    break;
  }
  size_t body = len - keep;
  decode_all(d, s, body);
  memcpy(g->part, s + body, keep);
  g->npart = (unsigned)keep;
  return LOC_OK;
}

/* The best @cap gated candidates, sorted best first. */
size_t loc__detect_rank(loc_detector *d, const char *s, size_t len, uint32_t *idx,
                        double *score, size_t cap, size_t *n_grams, int32_t *script) {
  if (s != NULL || len > 0) {
    loc_detect_begin(d);
    loc_detect_feed(d, s, len);
  }
  loc__grams *g = &d->g;
  if (g->npart > 0) {
    uint8_t tmp[4];
    unsigned np = g->npart;
    memcpy(tmp, g->part, np);
    g->npart = 0;
    decode_all(d, tmp, np);
  }
  uint32_t h[LOC__GRAMS_PER_CP];
  add_grams(d, h, loc__grams_end(g, h));
  resolve_queue(d);
  flush_pending(d);
  widen(d);
  *n_grams = d->n_grams;
  *script = dominant(d);
  if (g->letters == 0)
    return 0;
  const loc_detect_model *m = d->m;
  /* every gated candidate into order[] (for the softmax's sum), the best
   * @cap of them into idx/score, best first: insertion into a short sorted
   * list, ties kept in the model's order so results are reproducible */
  if (d->gate_script != *script) {
    /* the languages the gate lets through, kept while the script stays */
    d->n_gate = 0;
    for (uint32_t i = 0; i < m->h.n_langs; i++)
      if (loc_script_agrees(*script, m->scripts[i]))
        d->gate[d->n_gate++] = i;
    d->gate_script = *script;
  }
  size_t n_all = 0, n = 0;
  for (size_t gi = 0; gi < d->n_gate; gi++) {
    uint32_t i = d->gate[gi];
    double sc = d->acc[i] / LOC__Q_SCALE + (double)d->n_grams * m->langs[i].floor +
                m->langs[i].prior;
    d->order[n_all++] = (rank_item){sc, i};
    if (cap == 0 || (n == cap && sc <= score[n - 1]))
      continue;
    size_t j = n < cap ? n++ : n - 1;
    for (; j > 0 && score[j - 1] < sc; j--) {
      score[j] = score[j - 1];
      idx[j] = idx[j - 1];
    }
    score[j] = sc;
    idx[j] = i;
  }
  d->n_all = n_all;
  return n;
}

/* Softmax over all gated candidates of the last ranking, for the best
 * @n of them (score[] sorted, best first), in place. */
/* Also the most likely group (-1: none) and its members' summed
 * confidence. */
static void confidences(loc_detector *d, double *score, size_t n, size_t n_grams, int *group,
                        double *group_conf) {
  const loc_detect_model *m = d->m;
  double t = m->h.temperature * pow((double)(n_grams ? n_grams : 1), m->h.alpha);
  double best = score[0], sum = 0, gsum[LOC__DETECT_GROUPS] = {0};
  for (size_t i = 0; i < d->n_all; i++) {
    double z = (d->order[i].score - best) / t;
    if (z > -30) { /* exp(-30) < 1e-13 of the best's 1: nothing shows */
      double e = exp(z);
      sum += e;
      int g = d->grp[d->order[i].idx];
      if (g >= 0)
        gsum[g] += e;
    }
  }
  for (size_t i = 0; i < n; i++)
    score[i] = exp((score[i] - best) / t) / sum;
  *group = -1;
  *group_conf = 0;
  for (int g = 0; g < LOC__DETECT_GROUPS; g++)
    if (gsum[g] / sum > *group_conf) {
      *group = g;
      *group_conf = gsum[g] / sum;
    }
}

static void set_code(char *dst, size_t cap, const char *src) {
  size_t n = strlen(src);
  if (n >= cap)
    n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = 0;
}

loc_status loc_detect_end(loc_detector *d, size_t top_k, loc_detect_result *res) {
  if (d == NULL || res == NULL)
    return LOC_E_INVALID_ARGUMENT;
  const loc_detect_model *m = d->m;
  memset(res, 0, sizeof *res);
  size_t n_grams;
  int32_t script;
  size_t n = loc__detect_rank(d, NULL, 0, d->idx, d->score, LOC_DETECT_MAX_TOP, &n_grams,
                              &script);
  res->script = script;
  memcpy(res->script_code, loc_script_name(script), 5);
  res->letters = d->g.letters;
  set_code(res->lang, sizeof res->lang, "und");
  set_code(res->iso639_3, sizeof res->iso639_3, "und");
  if (n == 0)
    return LOC_OK;
  int group = -1;
  double group_conf = 0;
  if (d->n_all == 1)
    d->score[0] = 1.0; /* the only language of its script */
  else
    confidences(d, d->score, n, n_grams, &group, &group_conf);
  /* Calibration saw 20 characters and more; below LOC__SHORT_TEXT letters
   * the evidence is thinner than the softmax knows, so every confidence
   * shrinks with the letter count (a two-letter word is not worth 0.8).
   * A group's confidence shrinks less in Han text (an ideograph counts
   * LOC__HAN_WEIGHT letters): a few ideographs tell Chinese from the other
   * languages, not its varieties apart. */
  if (d->n_all > 1 && d->g.letters < LOC__SHORT_TEXT)
    for (size_t i = 0; i < n; i++)
      d->score[i] *= (double)d->g.letters / LOC__SHORT_TEXT;
  if (d->n_all > 1 && d->g.weight < LOC__SHORT_TEXT)
    group_conf *= (double)d->g.weight / LOC__SHORT_TEXT;
  res->confidence = d->score[0];
  if (group >= 0 && d->n_all > 1 && res->confidence < GROUP_BELOW && group_conf >= GROUP_BELOW) {
    /* the members together are likely, none of them alone */
    set_code(res->lang, sizeof res->lang, loc__detect_group_lang(group));
    set_code(res->iso639_3, sizeof res->iso639_3, loc__detect_group_iso(group));
    res->confidence = group_conf;
    res->group = true;
  } else if (res->confidence >= m->h.und_below) {
    set_code(res->lang, sizeof res->lang, m->langs[d->idx[0]].lang);
    set_code(res->iso639_3, sizeof res->iso639_3, m->langs[d->idx[0]].iso);
  }
  if (top_k > LOC_DETECT_MAX_TOP)
    top_k = LOC_DETECT_MAX_TOP;
  for (size_t i = 0; i < n && i < top_k; i++) {
    loc_detect_candidate *c = &res->candidates[i];
    set_code(c->lang, sizeof c->lang, m->langs[d->idx[i]].lang);
    set_code(c->iso639_3, sizeof c->iso639_3, m->langs[d->idx[i]].iso);
    c->confidence = d->score[i];
    res->n_candidates++;
  }
  loc_detect_begin(d);
  return LOC_OK;
}

loc_status loc_detect(loc_detector *d, const char *s, size_t len, size_t top_k,
                      loc_detect_result *res) {
  if (d == NULL || res == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  loc_detect_begin(d);
  loc_detect_feed(d, s, len);
  return loc_detect_end(d, top_k, res);
}

const loc_detect_model *loc__detector_model(const loc_detector *d) { return d->m; }
