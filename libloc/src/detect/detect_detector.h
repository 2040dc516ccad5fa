/* Language identification: the detector's state, shared by detect.c (the
 * detector, the ranking and the confidences), detect_scan.c (the characters
 * and their n-grams) and detect_sums.c (the n-grams counted, their postings
 * added into the sums). */
#ifndef LOC_DETECT_DETECTOR_H
#define LOC_DETECT_DETECTOR_H

#include "detect_internal.h"

#define SC_MAX 256     /* > every UScriptCode ICU 72 knows */
#define SC_CACHE 256   /* direct-mapped, non-ASCII code points */
#define LOOK_SETS 131072 /* power of two; two ways each: 2 MiB */
#define LOOK_SET_BITS 17
#define PTAB 1024      /* pending n-grams' index (power of two) */
#define PEND_MAX 2048  /* distinct n-grams counted before their postings are added */
#define QUEUE_MAX 512  /* n-grams looked up in the model together */
/* Keys added (weighted by count) into the 16-bit per-slot sums between two
 * widenings into the 64-bit ones: each adds at most 255 per slot, and
 * 257 × 255 = 65535 still fits. */
#define BUDGET 257
#define ROW_NONE 0
/* A best guess of a macrolanguage or cluster below this confidence, while
 * its members together reach it, answers the group (zh, fa, ms, sh): the
 * text does not tell the members apart. */
#define GROUP_BELOW 0.5
/* A padding slot's key: far below any language's, never a candidate. */
#define PAD_KEY (-(1 << 30))
/* Candidates up to this many are ranked through the chunks' maxima. */
#define TOP_BY_CHUNKS 32

/* What the model says about one n-gram: its sparse postings
 * [first, first + n) and its dense row + 1 (ROW_NONE: none); neither for an
 * n-gram the model does not list. */
typedef struct gram_ref {
  uint32_t first;
  uint16_t n, row1;
} gram_ref;

/*
 * The lookup cache: recent lookups (the model never changes, so they stay
 * valid across texts: most n-grams of a text are common ones, and the
 * model's index is too large for the caches), 262,144 of them in 2 MiB
 * (one huge page where the system has them: detect.c, look_alloc()):
 * sets of two 8-byte entries, the set chosen by the hash's low LOOK_SET_BITS
 * bits, the entry holding the other bits (so the whole hash) and the
 * gram_ref packed: LOOK_CHECK_BITS of hash, first, n, row1 + 1 (0: an entry
 * never filled, so that the zeroed memory of a new detector is an empty
 * cache, which the system maps as it is first used). An n-gram whose
 * numbers do not fit the fields (none of the model's now: 0.9 M postings,
 * at most 456 a key, 1,957 rows) is looked up in the model every time.
 */
#define LOOK_CHECK_BITS (32 - LOOK_SET_BITS)
#define LOOK_FIRST_BITS 24
#define LOOK_N_BITS 10
#define LOOK_ROW_BITS (64 - LOOK_CHECK_BITS - LOOK_FIRST_BITS - LOOK_N_BITS)
#define LOOK_ROW_SHIFT (LOOK_CHECK_BITS + LOOK_FIRST_BITS + LOOK_N_BITS)

static inline bool look_fits(gram_ref r) {
  return r.first < (1u << LOOK_FIRST_BITS) && r.n < (1u << LOOK_N_BITS) &&
         r.row1 + 1u < (1u << LOOK_ROW_BITS);
}

static inline uint64_t look_pack(uint32_t hash, gram_ref r) {
  return (uint64_t)(hash >> LOOK_SET_BITS) | (uint64_t)r.first << LOOK_CHECK_BITS |
         (uint64_t)r.n << (LOOK_CHECK_BITS + LOOK_FIRST_BITS) |
         (uint64_t)(r.row1 + 1u) << LOOK_ROW_SHIFT;
}

static inline gram_ref look_ref(uint64_t e) {
  gram_ref r;
  r.first = (uint32_t)(e >> LOOK_CHECK_BITS) & ((1u << LOOK_FIRST_BITS) - 1);
  r.n = (uint16_t)((e >> (LOOK_CHECK_BITS + LOOK_FIRST_BITS)) & ((1u << LOOK_N_BITS) - 1));
  r.row1 = (uint16_t)((e >> LOOK_ROW_SHIFT) - 1);
  return r;
}

/* Entry @e holds n-gram @hash (whose set it is in). */
static inline bool look_is(uint64_t e, uint32_t hash) {
  return (uint32_t)(e & ((1u << LOOK_CHECK_BITS) - 1)) == hash >> LOOK_SET_BITS &&
         (e >> LOOK_ROW_SHIFT) != 0;
}

/* A pending n-gram of this text (or batch): its index in pend, while
 * @stamp is the detector's. */
typedef struct ptab_entry {
  uint32_t hash;
  uint16_t pidx, stamp;
} ptab_entry;

typedef struct pend_entry {
  gram_ref ref;
  uint32_t count;
} pend_entry;

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
    uint32_t fold; /* its case folding, 0 for a non-letter */
  } sc_cache[SC_CACHE];
  /* Per slot (see detect_internal.h): the sums of quantized log-probability
   * gains, 16-bit since the last widening, and 64-bit */
  uint16_t *dacc;
  uint64_t *acc;
  bool widened;        /* acc holds something */
  uint32_t budget;     /* count-weighted keys added into dacc since then */
  size_t n_grams;
  /* N-grams the model lists, counted before their postings are added:
   * common ones (a letter pair, "e ") repeat in a text and have the longest
   * lists, so each is added once per text, times its count. */
  pend_entry pend[PEND_MAX];
  size_t n_pend;
  /* the pending entries with sparse postings and those with a dense row
   * (loc__detect_flush_pending() adds each kind in a pass of its own,
   * without a branch on the kind per entry), and the pending count-weighted
   * keys */
  uint16_t pend_sparse[PEND_MAX], pend_row[PEND_MAX];
  size_t n_pend_sparse, n_pend_row;
  uint32_t pend_weight;
  uint16_t stamp;      /* this text's (or pending batch's) stamp */
  bool dirty;          /* fed since the last reset */
  uint64_t (*look)[2]; /* LOOK_SETS sets (detect.c: look_alloc()) */
  size_t look_map;      /* bytes mapped for it (0: calloc'd) */
  ptab_entry ptab[PTAB];
  /* n-grams the lookup cache missed, looked up in the model together */
  uint32_t q_hash[QUEUE_MAX];
  size_t n_q;
  /* the gate: slot groups whose script agrees with gate_script */
  int32_t gate_script; /* -1: none yet */
  uint16_t gate[LOC__MAX_SLOT_GROUPS];
  bool in_gate[LOC__MAX_SLOT_GROUPS];
  size_t n_gate;
  size_t n_all;        /* languages in the gate */
  uint8_t *slot_group; /* per slot: its slot group */
  double floor;        /* the languages' floor */
  int32_t *ipr;        /* per slot: prior · LOC__Q_SCALE (PAD_KEY: padding) */
  int32_t *k32;        /* per slot: the last ranking's keys (detect.c) */
  int64_t *k64;        /* the same once the sums are widened */
  int64_t *cmax;       /* per 16 slots: the best of their keys */
  float *e;            /* per slot: their softmax terms */
  int64_t kbest;       /* the best key of the last ranking */
  int32_t named_script; /* the last result's script (-1: none yet) */
  char script_code[5];  /* and its ISO 15924 code */
  /* members of the macrolanguages (detect_groups.c): slot and group */
  uint16_t gm_slot[64];
  int8_t gm_group[64];
  size_t n_gm;
  uint32_t *idx;       /* ranking scratch, n_langs each */
  int64_t *ktop;
  double *score;
};

/* Vector code where the processor has it: the compiler makes an AVX2 copy
 * of these loops next to the baseline one and the loader picks. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LOC_NO_CLONES /* ThreadSanitizer and ifunc resolvers: not tried */
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define LOC_NO_CLONES
#endif
#if defined(__x86_64__) && defined(__GNUC__) && defined(__ELF__) && !defined(LOC_NO_CLONES)
#define LOC_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define LOC_VECTOR_CLONES
#endif

/* Counts the queued n-grams (detect_sums.c); @last: the text ends. */
void loc__detect_resolve_queue(loc_detector *d, bool last);
/* Adds the postings of the pending n-grams to the sums (detect_sums.c). */
void loc__detect_flush_pending(loc_detector *d);

/* A new stamp: nothing is pending under it. */
static inline void loc__detect_next_stamp(loc_detector *d) {
  if (++d->stamp == 0) {
    /* wrapped: forget the stamps of 65,535 batches ago */
    for (size_t i = 0; i < PTAB; i++)
      d->ptab[i].stamp = 0;
    d->stamp = 1;
  }
}
/* Decodes @len bytes of whole characters and counts their scripts and
 * n-grams (detect_scan.c). */
void loc__detect_decode(loc_detector *d, const uint8_t *s, size_t len);

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* N-grams are counted in batches (resolve_queue()). */
static inline void add_grams(loc_detector *d, const uint32_t *h, unsigned n) {
  for (unsigned i = 0; i < n; i++) {
    PREFETCH(d->look[h[i] & (LOOK_SETS - 1)]);
    d->q_hash[d->n_q++] = h[i];
    if (d->n_q == QUEUE_MAX)
      loc__detect_resolve_queue(d, false);
  }
  d->n_grams += n;
}


#endif
