/* Language identification: the detector (see loc/detect.h). */
#include "detect_detector.h"

#include <math.h>
#include <sys/mman.h>
#include <unicode/uscript.h>


/* The lookup cache, zeroed (its empty state). Where the system has
 * transparent huge pages, in one 2 MiB page of its own: the cache is read
 * at random, a set a lookup, and in 4 KiB pages its 512 of them cost a
 * page fault each when a detector starts and a TLB miss on most reads
 * (docs/detect.md). */
static bool look_alloc(loc_detector *d) {
  size_t size = sizeof(uint64_t[LOOK_SETS][2]);
#if defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)
  const size_t huge = (size_t)2 << 20;
  if (size <= huge) {
    /* a 2 MiB-aligned 2 MiB inside a mapping of twice that */
    uint8_t *p = mmap(NULL, 2 * huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
      uint8_t *a = (uint8_t *)(((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1));
      if (a > p)
        munmap(p, (size_t)(a - p));
      if (a + huge < p + 2 * huge)
        munmap(a + huge, (size_t)(p + 2 * huge - (a + huge)));
      madvise(a, huge, MADV_HUGEPAGE); /* (a hint: without it, 4 KiB pages) */
      d->look = (uint64_t(*)[2])a;
      d->look_map = huge;
      return true;
    }
  }
#endif
  d->look = calloc(1, size);
  return d->look != NULL;
}

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
  if (!look_alloc(d)) {
    free(d);
    return LOC_E_NO_MEMORY;
  }
  d->stamp = 1;
  size_t n = m->h.n_langs, ns = m->h.n_slots;
  d->acc = calloc(ns, sizeof *d->acc);
  d->dacc = calloc(ns, sizeof *d->dacc);
  d->slot_group = calloc(ns, 1);
  d->ipr = calloc(ns, sizeof *d->ipr);
  d->k32 = calloc(ns, sizeof *d->k32);
  d->k64 = calloc(ns, sizeof *d->k64);
  d->e = calloc(ns, sizeof *d->e);
  d->cmax = calloc(ns / 16 + 1, sizeof *d->cmax);
  d->idx = calloc(n, sizeof *d->idx);
  d->ktop = calloc(n, sizeof *d->ktop);
  d->score = calloc(n, sizeof *d->score);
  d->gate_script = -1;
  d->named_script = -1;
  for (size_t i = 0; i < SC_CACHE; i++)
    d->sc_cache[i].cp = -1;
  if (d->acc == NULL || d->dacc == NULL || d->slot_group == NULL || d->ipr == NULL ||
      d->k32 == NULL || d->k64 == NULL || d->e == NULL || d->cmax == NULL || d->idx == NULL ||
      d->ktop == NULL || d->score == NULL) {
    loc_detector_free(d);
    return LOC_E_NO_MEMORY;
  }
  for (uint32_t g = 0; g < m->n_groups; g++)
    for (uint32_t s = m->groups[g].slot; s < m->groups[g].slot + m->groups[g].width; s++)
      d->slot_group[s] = (uint8_t)g;
  /* (one floor for all languages, priors in steps of 1 / LOC__Q_SCALE:
   * loc__model_open() checks) */
  d->floor = n > 0 ? m->langs[0].floor : 0;
  for (size_t s = 0; s < ns; s++) {
    uint32_t l = m->slot_lang[s];
    /* padding: a key far below any language's, never a candidate */
    d->ipr[s] = l < n ? (int32_t)lrint(m->langs[l].prior * LOC__Q_SCALE) : PAD_KEY;
    int g = l < n ? loc__detect_group_of(m->langs[l].iso) : -1;
    if (g >= 0 && d->n_gm < sizeof d->gm_slot / sizeof *d->gm_slot) {
      d->gm_slot[d->n_gm] = (uint16_t)s;
      d->gm_group[d->n_gm++] = (int8_t)g;
    }
  }
  *out = d;
  return LOC_OK;
}

void loc_detector_free(loc_detector *d) {
  if (d == NULL)
    return;
  if (d->look_map > 0)
    munmap(d->look, d->look_map);
  else
    free(d->look);
  free(d->acc);
  free(d->dacc);
  free(d->slot_group);
  free(d->ipr);
  free(d->k32);
  free(d->k64);
  free(d->ktop);
  free(d->e);
  free(d->cmax);
  free(d->idx);
  free(d->score);
  free(d);
}

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
  size_t ns = d->m->h.n_slots;
  memset(d->dacc, 0, ns * sizeof *d->dacc);
  if (d->widened)
    memset(d->acc, 0, ns * sizeof *d->acc);
  d->widened = false;
  d->budget = 0;
  d->n_pend = 0;
  d->n_pend_sparse = d->n_pend_row = 0;
  d->pend_weight = 0;
  loc__detect_next_stamp(d);
  d->n_grams = 0;
  d->n_q = 0;
  for (size_t i = 0; i < d->n_seen; i++)
    d->sc_count[d->sc_seen[i]] = 0;
  d->n_seen = 0;
}



/*
 * The ranking is on integer keys: a language's score is
 *   sums / LOC__Q_SCALE + n · floor + prior
 * with one floor for all languages and the prior a multiple of
 * 1 / LOC__Q_SCALE, so its order and differences are those of
 *   key = sums + prior · LOC__Q_SCALE,
 * exact integers, compared in vector lanes; a score is made of a key only
 * for the candidates returned. Until the sums are widened (texts of up to
 * about 257 n-grams, nearly every line) the keys fit 32 bits.
 */

/* key = dacc + ipr per slot of a group, the largest of each 16 into
 * cmax[] and of all returned (w a multiple of 16). */
LOC_VECTOR_CLONES
static int32_t slot_keys32(int32_t *restrict key, int64_t *restrict cmax,
                           const uint16_t *restrict dacc, const int32_t *restrict ipr, size_t w) {
  int32_t best = INT32_MIN;
  for (size_t c = 0; c < w / 16; c++) {
    int32_t m = INT32_MIN;
    for (size_t j = 16 * c; j < 16 * c + 16; j++) {
      int32_t x = (int32_t)dacc[j] + ipr[j];
      key[j] = x;
      m = x > m ? x : m;
    }
    cmax[c] = m;
    best = m > best ? m : best;
  }
  return best;
}

/* The same with the widened sums: key = acc + dacc + ipr. */
LOC_VECTOR_CLONES
static int64_t slot_keys64(int64_t *restrict key, int64_t *restrict cmax,
                           const uint16_t *restrict dacc, const uint64_t *restrict acc,
                           const int32_t *restrict ipr, size_t w) {
  int64_t best = INT64_MIN;
  for (size_t c = 0; c < w / 16; c++) {
    int64_t m = INT64_MIN;
    for (size_t j = 16 * c; j < 16 * c + 16; j++) {
      int64_t x = (int64_t)(acc[j] + dacc[j]) + ipr[j];
      key[j] = x;
      m = x > m ? x : m;
    }
    cmax[c] = m;
    best = m > best ? m : best;
  }
  return best;
}

/* The languages of a slot group (its slots but the padding at its end). */
static size_t grp_langs(const loc_detect_model *m, const loc__slot_group *g) {
  size_t n = g->width;
  while (n > 0 && m->slot_lang[g->slot + n - 1] >= m->h.n_langs)
    n--;
  return n;
}

/* Candidate (key @a, language @ia) ranks below (@b, @ib): a lower key, or
 * the same and later in the model. */
static inline bool worse(int64_t a, uint32_t ia, int64_t b, uint32_t ib) {
  return a < b || (a == b && ia > ib);
}

/* Slot @k's key of the last ranking. */
static inline int64_t slot_key(const loc_detector *d, size_t k) {
  return d->widened ? d->k64[k] : d->k32[k];
}

/* One candidate: the best key is known, its language the earliest in the
 * model that has it, among the chunks whose maximum it is. */
static size_t select_best(const loc_detector *d, int64_t best, uint32_t *idx) {
  const loc_detect_model *m = d->m;
  size_t n = 0;
  for (size_t gi = 0; gi < d->n_gate; gi++) {
    const loc__slot_group *grp = &m->groups[d->gate[gi]];
    for (size_t c = grp->slot / 16; c < ((size_t)grp->slot + grp->width) / 16; c++) {
      if (d->cmax[c] != best)
        continue;
      for (size_t k = 16 * c; k < 16 * c + 16; k++)
        if (slot_key(d, k) == best && m->slot_lang[k] < m->h.n_langs &&
            (n == 0 || m->slot_lang[k] < idx[0])) {
          idx[0] = m->slot_lang[k];
          n = 1;
        }
    }
  }
  return n;
}

/* The best @cap candidates into idx[] and their keys into kt[], sorted
 * best first. Every chunk of 16 slots holds a language (a group's padding
 * is shorter than 16), so the @cap-th largest of the chunks' maxima is a
 * key at least @cap languages reach: only the chunks whose maximum reaches
 * it, and in them only the slots that do, can be among the best @cap. The
 * same candidates as a full sort's first @cap. (A larger @cap, the
 * trainer's and the tests': chunks are skipped once @cap candidates are
 * held and the chunk's best is below the last.) */
static size_t select_by_chunks(const loc_detector *d, size_t cap, uint32_t *idx, int64_t *kt) {
  const loc_detect_model *m = d->m;
  int64_t tau = INT64_MIN, top[TOP_BY_CHUNKS];
  size_t nt = 0, n = 0;
  for (size_t gi = 0; gi < d->n_gate && cap <= TOP_BY_CHUNKS; gi++) {
    const loc__slot_group *grp = &m->groups[d->gate[gi]];
    for (size_t c = grp->slot / 16; c < ((size_t)grp->slot + grp->width) / 16; c++) {
      int64_t x = d->cmax[c];
      if (nt == cap && x <= top[nt - 1])
        continue;
      size_t j = nt < cap ? nt++ : nt - 1;
      for (; j > 0 && top[j - 1] < x; j--)
        top[j] = top[j - 1];
      top[j] = x;
    }
  }
  if (nt == cap)
    tau = top[cap - 1];
  for (size_t gi = 0; gi < d->n_gate; gi++) {
    const loc__slot_group *grp = &m->groups[d->gate[gi]];
    for (size_t c = grp->slot / 16; c < ((size_t)grp->slot + grp->width) / 16; c++) {
      if (d->cmax[c] < tau || (n == cap && d->cmax[c] < kt[n - 1]))
        continue; /* none of these 16 */
      for (size_t k = 16 * c; k < 16 * c + 16; k++) {
        uint32_t i = m->slot_lang[k];
        int64_t x = slot_key(d, k);
        if (i >= m->h.n_langs || x < tau)
          continue;
        if (n == cap && !worse(kt[n - 1], idx[n - 1], x, i))
          continue;
        /* insertion into the short sorted list */
        size_t j = n < cap ? n++ : n - 1;
        for (; j > 0 && worse(kt[j - 1], idx[j - 1], x, i); j--) {
          kt[j] = kt[j - 1];
          idx[j] = idx[j - 1];
        }
        kt[j] = x;
        idx[j] = i;
      }
    }
  }
  return n;
}

/* The best @cap gated candidates, sorted best first (ties in the model's
 * order of languages); every gated slot's key is left in d->k32 (or d->k64
 * when widened), the best in d->kbest. */
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
    loc__detect_decode(d, tmp, np);
  }
  uint32_t h[LOC__GRAMS_PER_CP];
  add_grams(d, h, loc__grams_end(g, h));
  loc__detect_resolve_queue(d, true);
  loc__detect_flush_pending(d);
  *n_grams = d->n_grams;
  *script = dominant(d);
  d->n_all = 0;
  if (g->letters == 0)
    return 0;
  const loc_detect_model *m = d->m;
  if (d->gate_script != *script) {
    /* the slot groups the gate lets through, kept while the script stays */
    d->n_gate = 0;
    for (uint32_t k = 0; k < m->n_groups; k++) {
      d->in_gate[k] = loc_script_agrees(*script, m->groups[k].script);
      if (d->in_gate[k])
        d->gate[d->n_gate++] = (uint16_t)k;
    }
    d->gate_script = *script;
  }
  size_t n_all = 0, n = 0;
  int64_t best = INT64_MIN, *kt = d->ktop;
  for (size_t gi = 0; gi < d->n_gate; gi++) {
    const loc__slot_group *grp = &m->groups[d->gate[gi]];
    size_t s0 = grp->slot, w = grp->width;
    int64_t b = d->widened ? slot_keys64(d->k64 + s0, d->cmax + s0 / 16, d->dacc + s0,
                                         d->acc + s0, d->ipr + s0, w)
                           : slot_keys32(d->k32 + s0, d->cmax + s0 / 16, d->dacc + s0,
                                         d->ipr + s0, w);
    best = b > best ? b : best;
    n_all += grp_langs(m, grp);
  }
  if (cap == 1) {
    n = select_best(d, best, idx);
    kt[0] = best;
  } else if (cap > 0) {
    n = select_by_chunks(d, cap, idx, kt);
  }
  double nf = (double)d->n_grams * d->floor;
  for (size_t i = 0; i < n; i++)
    score[i] = (double)kt[i] / LOC__Q_SCALE + nf;
  d->n_all = n_all;
  d->kbest = best;
  return n;
}

/* exp(z) for z ≤ 0 in single precision (about 2e-7 relative; 0 below
 * z = −87): a polynomial for 2^f, f in [−1/2, 1/2], scaled by 2^k, in plain
 * arithmetic that vectorizes. */
static inline float exp_neg(float z) {
  /* z < −87 → −87, compared as bits: a floating-point compare would keep
   * the loop from vectorizing (it may trap), and for z ≤ 0 the bits, read
   * unsigned, grow with −z */
  const float lo = -87.0f;
  uint32_t zb, lb;
  memcpy(&zb, &z, sizeof zb);
  memcpy(&lb, &lo, sizeof lb);
  zb = zb > lb ? lb : zb;
  memcpy(&z, &zb, sizeof z);
  float y = z * 1.44269504f; /* log2(e) */
  const float shifter = 12582912.0f; /* 1.5 · 2^23: rounds to an integer */
  float t = y + shifter;
  float kd = t - shifter;
  float x = (y - kd) * 0.693147181f; /* in [−0.35, 0.35] */
  float p = 1.0f / 5040;
  p = p * x + 1.0f / 720;
  p = p * x + 1.0f / 120;
  p = p * x + 1.0f / 24;
  p = p * x + 1.0f / 6;
  p = p * x + 0.5f;
  p = p * x + 1.0f;
  p = p * x + 1.0f;
  int32_t tb, sb;
  memcpy(&tb, &t, sizeof tb);
  memcpy(&sb, &shifter, sizeof sb);
  int32_t bits = (int32_t)((uint32_t)(tb - sb + 127) << 23); /* 2^k */
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

/* part[j] += e[s] for s ≡ j (mod 4) over 16 terms, in the order of s:
 * four independent sums, the lanes of one register; in double, so that
 * the candidates' shares never add up to more than 1. */
static inline void add16(double *restrict p, const float *restrict e) {
  for (size_t j = 0; j < 16; j += 4) {
    p[0] += e[j];
    p[1] += e[j + 1];
    p[2] += e[j + 2];
    p[3] += e[j + 3];
  }
}

/* e[s] = exp((score[s] − best) / t) over one group's slots (w, a multiple
 * of 16), from their keys (@scale = 1 / (LOC__Q_SCALE · t)), and their sum
 * into part[] (add16()). Padding keys are about 2^30 below the best: no
 * overflow, a term of 0. */
LOC_VECTOR_CLONES
static void slot_exp32(float *restrict e, double *restrict part, const int32_t *restrict key,
                       size_t w, int32_t best, float scale) {
  double p[4] = {part[0], part[1], part[2], part[3]};
  for (size_t c = 0; c < w; c += 16) {
    for (size_t j = c; j < c + 16; j++)
      e[j] = exp_neg((float)(key[j] - best) * scale);
    add16(p, e + c);
  }
  memcpy(part, p, sizeof p);
}

/* The same from the 64-bit keys of widened sums. */
LOC_VECTOR_CLONES
static void slot_exp64(float *restrict e, double *restrict part, const int64_t *restrict key,
                       size_t w, int64_t best, double scale) {
  double p[4] = {part[0], part[1], part[2], part[3]};
  for (size_t c = 0; c < w; c += 16) {
    for (size_t j = c; j < c + 16; j++)
      e[j] = exp_neg((float)((double)(key[j] - best) * scale));
    add16(p, e + c);
  }
  memcpy(part, p, sizeof p);
}

/* Softmax over all gated candidates of the last ranking, for the best
 * @n of them (score[] sorted, best first), in place. Also the most likely
 * group (-1: none) and its members' summed confidence. */
static void confidences(loc_detector *d, double *score, size_t n, size_t n_grams, int *group,
                        double *group_conf) {
  const loc_detect_model *m = d->m;
  double ng = (double)(n_grams ? n_grams : 1);
  double t = m->h.temperature * (m->h.alpha == 1.0f ? ng : pow(ng, m->h.alpha));
  double part[4] = {0, 0, 0, 0}, gsum[LOC__DETECT_GROUPS] = {0};
  double scale = 1 / (LOC__Q_SCALE * t);
  for (size_t gi = 0; gi < d->n_gate; gi++) {
    const loc__slot_group *grp = &m->groups[d->gate[gi]];
    /* (the width is a multiple of LOC__DENSE_ALIGN) */
    size_t s0 = grp->slot;
    if (d->widened)
      slot_exp64(d->e + s0, part, d->k64 + s0, grp->width, d->kbest, scale);
    else
      slot_exp32(d->e + s0, part, d->k32 + s0, grp->width, (int32_t)d->kbest, (float)scale);
  }
  double sum = (part[0] + part[1]) + (part[2] + part[3]);
  for (size_t k = 0; k < d->n_gm; k++)
    if (d->in_gate[d->slot_group[d->gm_slot[k]]])
      gsum[d->gm_group[k]] += d->e[d->gm_slot[k]];
  for (size_t i = 0; i < n; i++)
    score[i] = d->e[m->lang_slot[d->idx[i]]] / sum;
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
  if (top_k > LOC_DETECT_MAX_TOP)
    top_k = LOC_DETECT_MAX_TOP;
  size_t n = loc__detect_rank(d, NULL, 0, d->idx, d->score, top_k ? top_k : 1, &n_grams,
                              &script);
  res->script = script;
  if (script != d->named_script) { /* (most texts have their last one's) */
    memcpy(d->script_code, loc_script_name(script), 5);
    d->named_script = script;
  }
  memcpy(res->script_code, d->script_code, 5);
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
  /* Whether the text tells a group's members apart is the best one's
   * share before the shrinking below: a short text clear within its group
   * (a line of Cantonese particles) answers the member, when its shrunk
   * confidence still passes the threshold. */
  double apart = d->score[0];
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
  bool member = apart >= GROUP_BELOW && res->confidence >= m->h.und_below;
  if (group >= 0 && d->n_all > 1 && !member && group_conf >= GROUP_BELOW) {
    /* the members together are likely, none of them alone */
    set_code(res->lang, sizeof res->lang, loc__detect_group_lang(group));
    set_code(res->iso639_3, sizeof res->iso639_3, loc__detect_group_iso(group));
    res->confidence = group_conf;
    res->group = true;
  } else if (res->confidence >= m->h.und_below) {
    set_code(res->lang, sizeof res->lang, m->langs[d->idx[0]].lang);
    set_code(res->iso639_3, sizeof res->iso639_3, m->langs[d->idx[0]].iso);
  }
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
