/* Language identification: what the detector, the model loader and the
 * model trainer (tools/langid-train.c) share. */
#ifndef LOC_DETECT_INTERNAL_H
#define LOC_DETECT_INTERNAL_H

#include "internal.h"

/* ---------- features: hashed character n-grams ---------- */

/*
 * Letters (and combining marks) are case-folded; every other character ends
 * a word. A word is padded with one space on each side and gives every
 * n-gram of 1 to 4 symbols that is not the lone space: "ab" gives a, b, " a",
 * ab, "b ", " ab", "ab ", " ab ". Each n-gram becomes a 32-bit hash.
 */
#define LOC__NGRAM_MAX 4
/* Lone characters are n-grams only from this code point up (see emit()). */
#define LOC__UNIGRAM_FROM 0x1100
/* N-grams one code point can complete (at a word end: the letter's, then
 * the closing space's). */
#define LOC__GRAMS_PER_CP (2 * LOC__NGRAM_MAX)

typedef struct loc__grams {
  uint32_t win[LOC__NGRAM_MAX]; /* last symbols, win[0] the newest */
  unsigned nwin;                /* valid symbols in win */
  bool in_word;
  uint8_t part[4];              /* an incomplete UTF-8 character */
  unsigned npart;
  size_t letters;
  size_t weight; /* letters, a Han ideograph counting LOC__HAN_WEIGHT */
} loc__grams;

void loc__grams_reset(loc__grams *g);
/* Hashes of the n-grams that code point @cp (-1: not a character) completes,
 * into out[0..LOC__GRAMS_PER_CP); returns how many. */
unsigned loc__grams_cp(loc__grams *g, int32_t cp, uint32_t *out);
/* The n-grams the end of the text completes (closing an open word). */
unsigned loc__grams_end(loc__grams *g, uint32_t *out);
/* True for the characters that make words: letters and marks. */
bool loc__detect_is_letter(int32_t cp);

/* ---------- the model blob ---------- */

/*
 * Little-endian, 4-byte aligned sections:
 *   header  (struct loc__model_header)
 *   langs   n_langs  × struct loc__model_lang
 *   buckets (2^bucket_bits + 1) × u32: first key of each bucket (top bits
 *           of the hash); keys are sorted by hash
 *   keys    n_keys × u16: low 16 bits of the hash
 *   (pad to 4)
 *   posts   (n_keys + 1) × u32: first posting of each key
 *   plang   n_posts × u16: language index
 *   pq      n_posts × u8:  (log P(gram|lang) − floor(lang)) × LOC__Q_SCALE
 * The detector reads it in place.
 */
#define LOC__MODEL_MAGIC "LOCLID02"
#define LOC__Q_SCALE 8.0
/* Letters under which confidences shrink in proportion (detect.c). */
#define LOC__SHORT_TEXT 16
/* A Han ideograph is about a word (a Chinese word is one to three of
 * them; a Latin letter a fifth of a word): toward LOC__SHORT_TEXT it counts
 * as this many letters for a group's confidence, so that a two-character
 * word can be answered "zh" (its varieties stay shrunk by the letters). */
#define LOC__HAN_WEIGHT 6

typedef struct loc__model_header {
  char magic[8];
  uint32_t n_langs, bucket_bits, n_keys, n_posts;
  float temperature;  /* softmax: z = (s − s_max) / (temperature · n^alpha) */
  float alpha;
  float und_below;    /* best confidence under this: "und" */
  uint32_t reserved;
} loc__model_header;

typedef struct loc__model_lang {
  char lang[16];
  char iso[4];
  char script[4];     /* ISO 15924, not NUL-terminated */
  float floor;        /* log P of an n-gram the model does not list */
  uint32_t grams;     /* n-grams kept */
  float prior;        /* log prior (nats) added to the language's score */
} loc__model_lang;

/*
 * The common n-grams (a letter, "e ", " th") are listed by most languages of
 * their script, and their posting lists are most of a text's work. When the
 * model opens, such a key also gets a dense row: one byte per language of
 * the script that lists it most (zero where a language does not list it),
 * added with vector instructions into 16-bit sums; its other postings stay
 * a short sparse list. The sums are the same integers as the postings', so
 * the ranking does not change.
 * Slots: the languages grouped by script, each group starting at a
 * multiple of LOC__DENSE_ALIGN; a row covers its group's padded width.
 */
#define LOC__DENSE_ALIGN 16
/* Row additions (weighted by count) between two widenings of the 16-bit
 * sums: 257 × 255 = 65535 still fits. */
#define LOC__DENSE_BUDGET 257
/* Tag of a dense row's index among key indexes (which are < 2^28). */
#define LOC__DENSE_TAG (1u << 30)

typedef struct loc__dense_row {
  uint32_t data;       /* offset of its bytes in dense_data */
  uint16_t slot, width;/* its group's first slot and padded width */
  uint32_t res;        /* its sparse rest: res_lang/res_q[res, next row's res) */
} loc__dense_row;

struct loc_detect_model {
  loc__model_header h;
  const loc__model_lang *langs;
  int32_t *scripts;   /* UScriptCode per language */
  /* scripts written by exactly one language: that language, else -1 */
  const uint32_t *buckets;
  const uint16_t *keys;
  const uint32_t *posts;
  const uint16_t *plang;
  const uint8_t *pq;
  /* built by loc__model_open() (see above) */
  uint32_t n_slots;
  uint16_t *slot_lang;   /* slot → language; padding → n_langs */
  uint32_t n_rows;       /* rows[n_rows] ends the last rest */
  loc__dense_row *rows;
  uint8_t *dense_data;
  uint16_t *res_lang;
  uint8_t *res_q;
  uint32_t *dense_hash;  /* open addressing: key index + 1 (0: empty), row */
  uint32_t dense_mask;   /* entries − 1; each entry is two u32 */
};

/* Macrolanguages and clusters (detect_groups.c): the group of ISO 639-3
 * code @iso (-1: none), and the group's BCP 47 tag and ISO 639-3 code. */
#define LOC__DETECT_GROUPS 4
int loc__detect_group_of(const char *iso);
const char *loc__detect_group_lang(int g);
const char *loc__detect_group_iso(int g);

/* Checks @blob (which must stay valid) and fills @m; m->scripts is
 * allocated (loc__model_close()). */
loc_status loc__model_open(loc_detect_model *m, const void *blob, size_t len);
void loc__model_close(loc_detect_model *m);

/* The plain sums, for checking the detector: every n-gram of @s (@len
 * bytes, one text) walks its posting list into acc[0..n_langs); returns the
 * n-gram count. Slow; the unit tests and the fuzz target compare
 * loc__detect_rank()'s scores with acc[i] / LOC__Q_SCALE + n · floor + prior. */
size_t loc__model_plain_sums(const loc_detect_model *m, const char *s, size_t len,
                             uint64_t *acc);

/* The dense row of key index @key, or UINT32_MAX. */
static inline uint32_t loc__model_dense_row(const loc_detect_model *m, uint32_t key) {
  if (m->n_rows == 0)
    return UINT32_MAX;
  for (uint32_t i = (key * 2654435761u) & m->dense_mask;; i = (i + 1) & m->dense_mask) {
    uint32_t k = m->dense_hash[2 * i];
    if (k == key + 1)
      return m->dense_hash[2 * i + 1];
    if (k == 0)
      return UINT32_MAX;
  }
}

/* Index of n-gram @h among the model's keys; false when absent. */
static inline bool loc__model_find_key(const loc_detect_model *m, uint32_t h, uint32_t *key) {
  uint32_t b = h >> (32 - m->h.bucket_bits);
  uint16_t lo = (uint16_t)h;
  for (uint32_t k = m->buckets[b], e = m->buckets[b + 1]; k < e; k++) {
    if (m->keys[k] == lo) {
      *key = k;
      return true;
    }
    if (m->keys[k] > lo)
      return false;
  }
  return false;
}

/* Postings of n-gram @h: [*first, *end) into plang/pq; false when absent. */
static inline bool loc__model_find(const loc_detect_model *m, uint32_t h, uint32_t *first,
                                   uint32_t *end) {
  uint32_t b = h >> (32 - m->h.bucket_bits);
  uint16_t lo = (uint16_t)h;
  for (uint32_t k = m->buckets[b], e = m->buckets[b + 1]; k < e; k++) {
    if (m->keys[k] == lo) {
      *first = m->posts[k];
      *end = m->posts[k + 1];
      return true;
    }
    if (m->keys[k] > lo)
      return false;
  }
  return false;
}

/* Raw ranking of one text (for the detector, the spans and the trainer's
 * calibration): the best @cap candidates among those the script gate lets
 * through, sorted by log-likelihood, best first, into idx/score; returns how
 * many. @n_grams gets the n-gram count, @script the dominant script. With
 * @s NULL and @len 0 it ends the text fed so far instead of a new one. */
struct loc_detector;
size_t loc__detect_rank(struct loc_detector *d, const char *s, size_t len, uint32_t *idx,
                        double *score, size_t cap, size_t *n_grams, int32_t *script);
const loc_detect_model *loc__detector_model(const struct loc_detector *d);

#endif
