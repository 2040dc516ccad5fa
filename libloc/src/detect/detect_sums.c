/* Language identification: the n-grams of a text counted (the lookup cache,
 * the model's keys, the pending table) and their postings added into the
 * per-slot sums (see detect.c). */
#include "detect_detector.h"

/* Moves the 16-bit sums into the 64-bit ones. */
LOC_VECTOR_CLONES
static void widen_slots(uint64_t *restrict acc, uint16_t *restrict dacc, size_t n) {
  for (size_t s = 0; s < n; s++)
    acc[s] += dacc[s];
  memset(dacc, 0, n * sizeof *dacc);
}

static void widen(loc_detector *d) {
  widen_slots(d->acc, d->dacc, d->m->h.n_slots);
  d->widened = true;
  d->budget = 0;
}

/* A dense row into the 16-bit sums, @count times (count ≤ BUDGET); @w is
 * a multiple of LOC__DENSE_ALIGN (16): chunks of fixed size vectorize
 * without a scalar tail. */
LOC_VECTOR_CLONES
static void add_row(uint16_t *restrict a, const uint8_t *restrict q, uint32_t w, uint32_t count) {
  const uint8_t *end = q + w;
  if (count == 1) {
    for (; end - q >= 64; q += 64, a += 64)
      for (size_t j = 0; j < 64; j++)
        a[j] = (uint16_t)(a[j] + q[j]);
    for (; q < end; q += 16, a += 16)
      for (size_t j = 0; j < 16; j++)
        a[j] = (uint16_t)(a[j] + q[j]);
  } else {
    uint16_t k = (uint16_t)count;
    for (; end - q >= 64; q += 64, a += 64)
      for (size_t j = 0; j < 64; j++)
        a[j] = (uint16_t)(a[j] + q[j] * k);
    for (; q < end; q += 16, a += 16)
      for (size_t j = 0; j < 16; j++)
        a[j] = (uint16_t)(a[j] + q[j] * k);
  }
}

/* Four bytes at @p, little-endian (the model is; so is every processor the
 * compiler turns this into one load for). */
static inline uint32_t load_le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* One pending n-gram's postings (sparse and dense), @count times. */
static void add_ref(loc_detector *d, const gram_ref *r, uint32_t count) {
  const loc_detect_model *m = d->m;
  const uint8_t *ps = m->post + 3 * (size_t)r->first;
  uint32_t n = r->n;
  if (count > BUDGET) {
    /* an n-gram repeated that often in one batch: straight into acc */
    for (uint32_t k = 0; k < n; k++)
      d->acc[ps[3 * k] | ps[3 * k + 1] << 8] += (uint64_t)ps[3 * k + 2] * count;
    if (r->row1 != ROW_NONE) {
      const loc__dense_row *row = &m->rows[r->row1 - 1];
      const uint8_t *q = m->dense + row->data;
      for (uint32_t j = 0; j < row->width; j++)
        d->acc[row->slot + j] += (uint64_t)q[j] * count;
    }
    d->widened = true;
    return;
  }
  if (d->budget + count > BUDGET)
    widen(d);
  d->budget += count;
  uint16_t *a = d->dacc;
  if (n > 0) {
    /* a posting is read as one 32-bit word (its 3 bytes and the next
     * posting's first), all but the last, which may end the blob */
    uint32_t k = 0;
    if (count == 1) {
      for (; k + 1 < n; k++) {
        uint32_t v = load_le32(ps + 3 * k);
        a[v & 0xFFFF] += (uint16_t)((v >> 16) & 0xFF);
      }
      a[ps[3 * k] | ps[3 * k + 1] << 8] += ps[3 * k + 2];
    } else {
      for (; k + 1 < n; k++) {
        uint32_t v = load_le32(ps + 3 * k);
        a[v & 0xFFFF] += (uint16_t)(((v >> 16) & 0xFF) * count);
      }
      a[ps[3 * k] | ps[3 * k + 1] << 8] += (uint16_t)(ps[3 * k + 2] * count);
    }
  }
  if (r->row1 != ROW_NONE) {
    const loc__dense_row *row = &m->rows[r->row1 - 1];
    add_row(a + row->slot, m->dense + row->data, row->width, count);
  }
}

/* Adds the postings of the pending n-grams to the sums and empties the
 * list. The model's arrays are larger than the caches: each entry's
 * postings are asked for AHEAD entries before they are added, so that the
 * misses overlap instead of adding up. */
void loc__detect_flush_pending(loc_detector *d) {
  const loc_detect_model *m = d->m;
  size_t n = d->n_pend;
  enum { AHEAD = 8 };
  if (d->budget + d->pend_weight <= BUDGET) {
    /* all of them fit the 16-bit sums (a text of up to 257 n-grams, with
     * some to spare): the sparse postings in one pass, the dense rows in
     * another, so that no branch depends on a key's kind */
    d->budget += d->pend_weight;
    uint16_t *a = d->dacc;
    const uint16_t *ix = d->pend_sparse;
    size_t ns = d->n_pend_sparse;
    for (size_t i = 0; i < ns; i++) {
      if (i + AHEAD < ns)
        PREFETCH(&m->post[3 * (size_t)d->pend[ix[i + AHEAD]].ref.first]);
      const pend_entry *pe = &d->pend[ix[i]];
      const uint8_t *ps = m->post + 3 * (size_t)pe->ref.first;
      uint32_t k = 0, np = pe->ref.n;
      uint16_t c = (uint16_t)pe->count;
      /* as 32-bit words, all but the last, which may end the blob; most
       * n-grams of a text are counted once */
      if (c == 1)
        for (; k + 1 < np; k++) {
          uint32_t v = load_le32(ps + 3 * k);
          a[v & 0xFFFF] += (uint16_t)((v >> 16) & 0xFF);
        }
      else
        for (; k + 1 < np; k++) {
          uint32_t v = load_le32(ps + 3 * k);
          a[v & 0xFFFF] += (uint16_t)(((v >> 16) & 0xFF) * c);
        }
      a[ps[3 * k] | ps[3 * k + 1] << 8] += (uint16_t)(ps[3 * k + 2] * c);
    }
    ix = d->pend_row;
    size_t nr = d->n_pend_row;
    for (size_t i = 0; i < nr && i < AHEAD; i++)
      PREFETCH(m->dense + m->rows[d->pend[ix[i]].ref.row1 - 1].data);
    for (size_t i = 0; i < nr; i++) {
      if (i + AHEAD < nr)
        PREFETCH(m->dense + m->rows[d->pend[ix[i + AHEAD]].ref.row1 - 1].data);
      const pend_entry *pe = &d->pend[ix[i]];
      const loc__dense_row *row = &m->rows[pe->ref.row1 - 1];
      add_row(a + row->slot, m->dense + row->data, row->width, pe->count);
    }
  } else {
    for (size_t i = 0; i < n && i < AHEAD; i++) {
      const gram_ref *r = &d->pend[i].ref;
      PREFETCH(&m->post[3 * (size_t)r->first]);
      if (r->row1 != ROW_NONE)
        PREFETCH(&m->rows[r->row1 - 1]);
    }
    for (size_t i = 0; i < n; i++) {
      if (i + AHEAD < n) {
        const gram_ref *r = &d->pend[i + AHEAD].ref;
        PREFETCH(&m->post[3 * (size_t)r->first]);
        if (r->row1 != ROW_NONE)
          PREFETCH(m->dense + m->rows[r->row1 - 1].data);
      }
      add_ref(d, &d->pend[i].ref, d->pend[i].count);
    }
  }
  d->n_pend = 0;
  d->n_pend_sparse = d->n_pend_row = 0;
  d->pend_weight = 0;
  loc__detect_next_stamp(d);
}

/* Counts n-gram @hash, whose postings are @r. */
static inline void count_ref(loc_detector *d, uint32_t hash, gram_ref r) {
  if (r.n == 0 && r.row1 == ROW_NONE)
    return; /* the model does not list it */
  ptab_entry *p = &d->ptab[(hash >> 20) & (PTAB - 1)];
  d->pend_weight++;
  if (p->stamp == d->stamp && p->hash == hash) {
    d->pend[p->pidx].count++;
    return;
  }
  /* its postings are read when the text ends: ask for them now (an
   * n-gram whose ptab entry another took is just pending twice: the sums
   * are the same) */
  PREFETCH(&d->m->post[3 * (size_t)r.first]);
  *p = (ptab_entry){hash, (uint16_t)d->n_pend, d->stamp};
  d->pend_sparse[d->n_pend_sparse] = (uint16_t)d->n_pend;
  d->n_pend_sparse += r.n > 0;
  d->pend_row[d->n_pend_row] = (uint16_t)d->n_pend;
  d->n_pend_row += r.row1 != ROW_NONE;
  d->pend[d->n_pend++] = (pend_entry){r, 1};
  if (d->n_pend == PEND_MAX)
    loc__detect_flush_pending(d);
}

/* What the model says about n-gram @hash. */
static gram_ref model_ref(const loc_detect_model *m, uint32_t hash) {
  uint32_t key;
  gram_ref r = {0, 0, ROW_NONE};
  if (loc__model_find_key(m, hash, &key)) {
    const loc__model_key *k = &m->keys[key];
    r.first = k->first & ~LOC__POST_DENSE;
    r.n = k->n;
    if (k->first & LOC__POST_DENSE)
      r.row1 = (uint16_t)(loc__model_row_of(m, key) + 1);
  }
  return r;
}

/* Counts the queued n-grams: first every one's lookup cache set is asked
 * for, then those found are counted and the others looked up in the model
 * in steps over all of them (bucket, then keys), asking for each step's
 * memory before it is read, as loc__detect_flush_pending() does: the misses
 * overlap instead of adding up. */
void loc__detect_resolve_queue(loc_detector *d, bool last) {
  const loc_detect_model *m = d->m;
  size_t n = d->n_q;
  d->n_q = 0;
  uint32_t *qh = d->q_hash;
  size_t nm = 0;
  for (size_t i = 0; i < n; i++) {
    const uint64_t *set = d->look[qh[i] & (LOOK_SETS - 1)];
    if (look_is(set[0], qh[i]))
      count_ref(d, qh[i], look_ref(set[0]));
    else if (look_is(set[1], qh[i]))
      count_ref(d, qh[i], look_ref(set[1]));
    else
      qh[nm++] = qh[i]; /* the misses, in place */
  }
  unsigned shift = 32 - m->h.bucket_bits;
  for (size_t i = 0; i < nm; i++)
    PREFETCH(&m->buckets[qh[i] >> shift]);
  for (size_t i = 0; i < nm; i++)
    PREFETCH(&m->keys[m->buckets[qh[i] >> shift]]);
  /* At the end of the text, the postings of the n-grams found are added
   * while the misses' keys arrive. */
  if (last && nm > 0 && d->n_pend > 0)
    loc__detect_flush_pending(d);
  for (size_t i = 0; i < nm; i++) {
    gram_ref r;
    uint64_t *set = d->look[qh[i] & (LOOK_SETS - 1)];
    if (look_is(set[0], qh[i])) {
      r = look_ref(set[0]); /* a repeat of an n-gram of this queue */
    } else if (look_is(set[1], qh[i])) {
      r = look_ref(set[1]);
    } else {
      r = model_ref(m, qh[i]);
      if (look_fits(r)) {
        /* the newest first: the older of the two goes */
        set[1] = set[0];
        set[0] = look_pack(qh[i], r);
      }
    }
    count_ref(d, qh[i], r);
  }
}
