/* NFD and NFKD of well-formed UTF-8 in one pass of the library's own.
 *
 * ICU's UTF-8 decomposition builds a reordering buffer in UTF-16 for every
 * segment it changes and converts it back, which makes text with many
 * precomposed letters (most Latin, Greek and Vietnamese lines) slower in
 * UTF-8 than in UTF-16. Decomposition is simple enough to do here: every
 * character is replaced by its full decomposition (which ICU gives, per
 * character, with unorm2_getDecomposition(); for the BMP it is looked up in
 * a table built once from it), and each run of non-starters is put in
 * canonical order (a stable sort by combining class). That is UAX #15's
 * definition of NFD and NFKD, with ICU's data, so the result is ICU's.
 * Anything unusual (ill-formed bytes, a run of more than RUN_MAX
 * non-starters) makes the caller fall back to ICU for the whole text. */
#include "internal.h"

#include <pthread.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

/* Per BMP code point, one 32-bit value: its combining class in bits 0-7,
 * and when it has a decomposition, the length (bits 8-12) and offset (bits
 * 13-31) of its full decomposition in the pool: code points, each with
 * its combining class in bits 24-31 (so emitting needs no lookup). In two
 * stages (blocks of 64 code points, identical blocks shared), so that the
 * part text touches stays in the CPU's caches. */
#define BLOCK 64
typedef struct dtable {
  uint16_t stage1[0x10000 / BLOCK];
  uint32_t *stage2;
  uint32_t *pool;
  const UNormalizer2 *icu;
  bool ready;
} dtable;

static dtable tables[2]; /* NFD, NFKD */
static pthread_once_t once[2] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};

static inline uint32_t lookup(const dtable *t, uint32_t c) {
  return t->stage2[(size_t)t->stage1[c / BLOCK] * BLOCK + c % BLOCK];
}

static void build(int which) {
  dtable *t = &tables[which];
  UErrorCode ec = U_ZERO_ERROR;
  t->icu = which ? unorm2_getNFKDInstance(&ec) : unorm2_getNFDInstance(&ec);
  if (U_FAILURE(ec))
    return;
  size_t used = 0, cap = 1 << 15, nblocks = 0;
  uint32_t *pool = malloc(cap * sizeof *pool);
  uint32_t *all = malloc(0x10000 * sizeof *all); /* the unshared values */
  uint32_t *stage2 = malloc(0x10000 * sizeof *stage2);
  if (pool == NULL || all == NULL || stage2 == NULL)
    goto fail;
  for (uint32_t c = 0; c < 0x10000; c++) {
    UChar d[32];
    ec = U_ZERO_ERROR;
    int32_t n = (c >= 0xD800 && c <= 0xDFFF) ? -1 : unorm2_getDecomposition(t->icu, (UChar32)c, d, 32, &ec);
    if (U_FAILURE(ec) || n > 31 || used + 32 > ((size_t)1 << 19))
      goto fail; /* longer than any known decomposition */
    all[c] = u_getCombiningClass((UChar32)c);
    if (n <= 0)
      continue;
    if (used + (size_t)n > cap) {
      cap *= 2;
      uint32_t *p = realloc(pool, cap * sizeof *pool);
      if (p == NULL)
        goto fail;
      pool = p;
    }
    int32_t m = 0;
    for (int32_t i = 0; i < n; i++) {
      uint32_t e = d[i];
      if (U16_IS_LEAD(d[i]) && i + 1 < n && U16_IS_TRAIL(d[i + 1]))
        e = (uint32_t)U16_GET_SUPPLEMENTARY(d[i], d[i + 1]), i++;
      pool[used + (size_t)m++] = e | (uint32_t)u_getCombiningClass((UChar32)e) << 24;
    }
    all[c] |= (uint32_t)m << 8 | (uint32_t)used << 13;
    used += (size_t)m;
  }
  for (uint32_t b = 0; b < 0x10000 / BLOCK; b++) {
    const uint32_t *blk = all + b * BLOCK;
    size_t j = 0;
    while (j < nblocks && memcmp(stage2 + j * BLOCK, blk, BLOCK * sizeof *blk) != 0)
      j++;
    if (j == nblocks)
      memcpy(stage2 + nblocks++ * BLOCK, blk, BLOCK * sizeof *blk);
    t->stage1[b] = (uint16_t)j;
  }
  free(all);
  t->stage2 = realloc(stage2, nblocks * BLOCK * sizeof *stage2);
  if (t->stage2 == NULL)
    t->stage2 = stage2;
  t->pool = pool;
  t->ready = true;
  return;
fail:
  free(pool);
  free(all);
  free(stage2);
}
static void build0(void) { build(0); }
static void build1(void) { build(1); }

/* ---------- output ---------- */

typedef struct writer {
  char *out;
  size_t cap, len; /* len counts past cap: the size needed */
} writer;

static inline void put(writer *w, const void *p, size_t n) {
  if (LOC_LIKELY(w->len + n <= w->cap)) {
    memcpy(w->out + w->len, p, n);
  } else if (w->len < w->cap) {
    memcpy(w->out + w->len, p, w->cap - w->len);
  }
  w->len += n;
}

/* One character of 1-4 bytes: without a call to memcpy. */
static inline void put_char(writer *w, const uint8_t *p, size_t n) {
  if (LOC_LIKELY(w->len + 4 <= w->cap)) {
    uint8_t *o = (uint8_t *)w->out + w->len;
    o[0] = p[0];
    if (n > 1) {
      o[1] = p[1];
      if (n > 2) {
        o[2] = p[2];
        if (n > 3)
          o[3] = p[3];
      }
    }
    w->len += n;
    return;
  }
  put(w, p, n);
}

static inline void put_cp(writer *w, uint32_t c) {
  uint8_t b[4];
  size_t n;
  if (c < 0x80) {
    b[0] = (uint8_t)c;
    n = 1;
  } else if (c < 0x800) {
    b[0] = (uint8_t)(0xC0 | c >> 6);
    b[1] = (uint8_t)(0x80 | (c & 0x3F));
    n = 2;
  } else if (c < 0x10000) {
    b[0] = (uint8_t)(0xE0 | c >> 12);
    b[1] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
    b[2] = (uint8_t)(0x80 | (c & 0x3F));
    n = 3;
  } else {
    b[0] = (uint8_t)(0xF0 | c >> 18);
    b[1] = (uint8_t)(0x80 | (c >> 12 & 0x3F));
    b[2] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
    b[3] = (uint8_t)(0x80 | (c & 0x3F));
    n = 4;
  }
  put_char(w, b, n);
}

/* ---------- the run of non-starters ---------- */

#define RUN_MAX 64

typedef struct run {
  uint32_t cp[RUN_MAX];
  uint8_t ccc[RUN_MAX];
  int n;
} run;

/* Inserts keeping the run stably sorted by combining class. */
static inline bool run_add(run *r, uint32_t c, uint8_t ccc) {
  if (r->n == RUN_MAX)
    return false;
  int i = r->n++;
  while (i > 0 && r->ccc[i - 1] > ccc) {
    r->cp[i] = r->cp[i - 1];
    r->ccc[i] = r->ccc[i - 1];
    i--;
  }
  r->cp[i] = c;
  r->ccc[i] = ccc;
  return true;
}

static inline void run_flush(run *r, writer *w) {
  for (int i = 0; i < r->n; i++)
    put_cp(w, r->cp[i]);
  r->n = 0;
}

static inline uint8_t ccc_of(const dtable *t, uint32_t c) {
  return c < 0x10000 ? (uint8_t)lookup(t, c) : (uint8_t)u_getCombiningClass((UChar32)c);
}

/* One code point of the decomposed text. */
static inline bool emit(const dtable *t, run *r, writer *w, uint32_t c) {
  uint8_t ccc = ccc_of(t, c);
  if (ccc == 0) {
    run_flush(r, w);
    put_cp(w, c);
    return true;
  }
  return run_add(r, c, ccc);
}

/* Emits a decomposition from the pool: code points with their classes. */
static inline bool emit_pool(run *r, writer *w, const uint32_t *d, int32_t n) {
  for (int32_t i = 0; i < n; i++) {
    uint32_t c = d[i] & 0xFFFFFF;
    uint8_t ccc = (uint8_t)(d[i] >> 24);
    if (ccc == 0) {
      run_flush(r, w);
      put_cp(w, c);
    } else if (!run_add(r, c, ccc)) {
      return false;
    }
  }
  return true;
}

/* Emits a decomposition given as UTF-16. */
static bool emit16(const dtable *t, run *r, writer *w, const uint16_t *d, int32_t n) {
  for (int32_t i = 0; i < n; i++) {
    uint32_t c = d[i];
    if (U16_IS_LEAD(d[i]) && i + 1 < n && U16_IS_TRAIL(d[i + 1])) {
      c = (uint32_t)U16_GET_SUPPLEMENTARY(d[i], d[i + 1]);
      i++;
    }
    if (!emit(t, r, w, c))
      return false;
  }
  return true;
}

/* ---------- the pass ---------- */

static inline int32_t decode(const uint8_t *s, size_t len, size_t i, size_t *k) {
  uint8_t b = s[i];
  if (b >= 0xC2 && b < 0xE0 && len - i >= 2 && (s[i + 1] & 0xC0) == 0x80) {
    *k = 2;
    return (int32_t)(b & 0x1F) << 6 | (s[i + 1] & 0x3F);
  }
  return loc__utf8_decode(s, len, i, k);
}

loc_status loc__decompose(loc_normalize_form form, const char *in, size_t len, char *out,
                          size_t cap, size_t *out_len) {
  int which = form == LOC_NORMALIZE_NFD ? 0 : form == LOC_NORMALIZE_NFKD ? 1 : -1;
  if (which < 0)
    return LOC_E_STATE;
  pthread_once(&once[which], which ? build1 : build0);
  const dtable *t = &tables[which];
  if (!t->ready)
    return LOC_E_STATE;
  const uint8_t *s = (const uint8_t *)in;
  writer w = {.out = out, .cap = cap};
  run r;
  r.n = 0;
  size_t i = 0;
  while (i < len) {
    if (s[i] < 0x80) {
      /* ASCII: starters without decompositions */
      run_flush(&r, &w);
      size_t j = i + 1;
      while (len - j >= 8) {
        uint64_t v;
        memcpy(&v, s + j, 8);
        if (v & 0x8080808080808080ull)
          break;
        j += 8;
      }
      while (j < len && s[j] < 0x80)
        j++;
      put(&w, s + i, j - i);
      i = j;
      continue;
    }
    size_t k;
    int32_t c = decode(s, len, i, &k);
    if (c < 0)
      return LOC_E_STATE; /* ill-formed: ICU's treatment applies */
    if (c < 0x10000) {
      uint32_t v = lookup(t, (uint32_t)c);
      if (v < 256) { /* no decomposition */
        if (v == 0) {
          run_flush(&r, &w);
          put_char(&w, s + i, k);
        } else if (!run_add(&r, (uint32_t)c, (uint8_t)v)) {
          return LOC_E_STATE;
        }
      } else if (!emit_pool(&r, &w, t->pool + (v >> 13), (int32_t)(v >> 8 & 31))) {
        return LOC_E_STATE;
      }
    } else {
      UChar d[32];
      UErrorCode ec = U_ZERO_ERROR;
      int32_t n = unorm2_getDecomposition(t->icu, c, d, 32, &ec);
      if (U_FAILURE(ec))
        return LOC_E_STATE;
      if (n < 0) {
        if (!emit(t, &r, &w, (uint32_t)c))
          return LOC_E_STATE;
      } else if (!emit16(t, &r, &w, d, n)) {
        return LOC_E_STATE;
      }
    }
    i += k;
  }
  run_flush(&r, &w);
  *out_len = w.len;
  return w.len > cap ? LOC_E_BUFFER_TOO_SMALL : LOC_OK;
}
