/* Language identification: what the detector, the model loader and the
 * model trainer (tools/langid-train.c) share. */
#ifndef LOC_DETECT_INTERNAL_H
#define LOC_DETECT_INTERNAL_H

#include "internal.h"

/* ---------- features: hashed character n-grams ---------- */

/*
 * Letters (and combining marks) are case-folded; every other character ends
 * a word. A word is padded with one space on each side. In an alphabet, it
 * gives its n-grams of 4 symbols and those of 3 that hold a space: "abcd"
 * gives " ab", " abc", abcd, "bcd ", "cd " (and "a" gives " a "). The
 * characters of syllabaries and ideographs (from LOC__UNIGRAM_FROM up),
 * where one character says much and words are not spaced, give every n-gram
 * of 1 to 4 symbols but the lone space: "中文" gives 中, " 中", 文, 中文,
 * " 中文", "中文 ". Each n-gram becomes a 32-bit hash.
 *
 * An alphabet's lone letters, pairs and triples inside words are listed by
 * most languages of their script: they were most of a text's work (the
 * longest postings) for the least evidence, and the n-grams a language
 * keeps are better spent on the others (without them the held-out answers
 * were better on every genre but one, and a text costs half the work:
 * docs/detect.md).
 */
#define LOC__NGRAM_MAX 4
/* Lone characters, pairs and triples inside words are n-grams only from
 * this code point up. */
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
/* The case folding of letter @cp, as the n-grams take it. */
uint32_t loc__detect_fold(int32_t cp);
/* loc__grams_cp() for a letter @cp whose folding @f is known. */
unsigned loc__grams_letter(loc__grams *g, int32_t cp, uint32_t f, uint32_t *out);

/* ---------- the model blob ---------- */

/*
 * The detector reads the blob in place: opening it checks the header and the
 * languages and points into the arrays; nothing is built or copied.
 *
 * Languages are laid out in slots, grouped by script (groups in the order
 * their script first appears among the languages, each starting at a
 * multiple of LOC__DENSE_ALIGN, languages in model order within a group;
 * the padding slots belong to no language). Scores are summed per slot.
 *
 * The common n-grams (a letter pair, "e ", " th") are listed by most
 * languages of their script, and their postings are most of a text's work.
 * Such a key (at least DENSE_MIN postings in one group, and at least 1/8 of
 * that group's width: tools/langid-layout.h) has a dense row: one byte per
 * slot of that group (0 where a language does not list it), added with
 * vector instructions; its postings in other groups stay a short sparse
 * list. The sums are the same integers either way.
 *
 * Little-endian, each section starting at a multiple of 4:
 *   header    struct loc__model_header
 *   langs     n_langs × struct loc__model_lang
 *   slot_lang n_slots × u16: the language of a slot, n_langs for padding
 *   buckets   (2^bucket_bits + 1) × u32: first key of each bucket (top bits
 *             of the hash); keys are sorted by hash
 *   keys      n_keys × struct loc__model_key: low 16 bits of the hash,
 *             the key's sparse postings (consecutive, in key order), and
 *             whether it has a dense row (bit 31 of first, LOC__POST_DENSE):
 *             one cache line holds a bucket's keys and where their postings
 *             are
 *   row_key   n_rows × u32: the keys with a dense row, ascending
 *   rows      n_rows × struct loc__dense_row
 *   post      n_posts × 3 bytes: a sparse posting, its slot (u16) and its
 *             (log P(gram|lang) − floor(lang)) × LOC__Q_SCALE (u8); one
 *             array, so that a key's postings are one cache miss, not two
 *   dense     n_dense × u8:  the rows' bytes
 */
#define LOC__MODEL_MAGIC "LOCLID04"
#define LOC__Q_SCALE 8.0
/* Letters under which confidences shrink in proportion (detect.c). */
#define LOC__SHORT_TEXT 16
/* A Han ideograph is about a word (a Chinese word is one to three of
 * them; a Latin letter a fifth of a word): toward LOC__SHORT_TEXT it counts
 * as this many letters for a group's confidence, so that a two-character
 * word can be answered "zh" (its varieties stay shrunk by the letters). */
#define LOC__HAN_WEIGHT 6

/* The bodies of loc__grams_end() and loc__grams_letter(), inline for the
 * detector's loop over the characters. */
/* Murmur3's finalizer: spreads the FNV state over all 32 bits, so that the
 * top bits make good buckets. */
static inline uint32_t loc__grams_fmix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

/* The n-grams ending with win[0], shortest first; the lone space is not one. */
static inline unsigned loc__grams_emit(const loc__grams *g, uint32_t *out) {
  unsigned n = 0;
  uint32_t h = 2166136261u;
  for (unsigned k = 0; k < g->nwin; k++) {
    h = (h ^ g->win[k]) * 16777619u;
    /* the lone space is no n-gram; nor are an alphabet's lone letters,
     * pairs and triples inside a word (see above) */
    if (g->win[0] < LOC__UNIGRAM_FROM &&
        (k < 2 || (k == 2 && g->win[0] != ' ' && g->win[2] != ' ')))
      continue;
    out[n++] = loc__grams_fmix(h ^ (k + 1));
  }
  return n;
}

static inline void loc__grams_push(loc__grams *g, uint32_t sym) {
  /* (element by element: a memmove of 12 bytes was a library call per
   * character) */
  for (unsigned k = LOC__NGRAM_MAX - 1; k > 0; k--)
    g->win[k] = g->win[k - 1];
  g->win[0] = sym;
  if (g->nwin < LOC__NGRAM_MAX)
    g->nwin++;
}

static inline unsigned loc__grams_end_i(loc__grams *g, uint32_t *out) {
  if (!g->in_word)
    return 0;
  g->in_word = false;
  loc__grams_push(g, ' ');
  return loc__grams_emit(g, out);
}

static inline unsigned loc__grams_letter_i(loc__grams *g, int32_t cp, uint32_t f, uint32_t *out) {
  if (!g->in_word) {
    g->in_word = true;
    g->nwin = 0;
    loc__grams_push(g, ' ');
  }
  loc__grams_push(g, f);
  g->letters++;
  bool han = (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
             (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
  g->weight += han ? LOC__HAN_WEIGHT : 1;
  return loc__grams_emit(g, out);
}
/* Slot groups start at multiples of this. */
#define LOC__DENSE_ALIGN 16
#define LOC__POST_DENSE 0x80000000u

typedef struct loc__model_header {
  char magic[8];
  uint32_t n_langs, bucket_bits, n_keys, n_posts;
  float temperature;  /* softmax: z = (s − s_max) / (temperature · n^alpha) */
  float alpha;
  float und_below;    /* best confidence under this: "und" */
  uint32_t n_slots, n_rows, n_dense;
} loc__model_header;

typedef struct loc__model_lang {
  char lang[16];
  char iso[4];
  char script[4];     /* ISO 15924, not NUL-terminated */
  float floor;        /* log P of an n-gram the model does not list: the
                       * same for every language (the detector ranks on
                       * integer keys, detect.c) */
  uint32_t grams;     /* n-grams kept */
  float prior;        /* log prior (nats) added to the language's score,
                       * a multiple of 1 / LOC__Q_SCALE */
} loc__model_lang;

typedef struct loc__model_key {
  uint16_t lo;          /* low 16 bits of the hash */
  uint16_t n;           /* sparse postings */
  uint32_t first;       /* the first of them | LOC__POST_DENSE */
} loc__model_key;

typedef struct loc__dense_row {
  uint32_t data;        /* offset of its bytes in dense */
  uint16_t slot, width; /* its group's first slot and padded width */
} loc__dense_row;

/* A script group of slots (built at open from slot_lang: a few dozen). */
typedef struct loc__slot_group {
  int32_t script;       /* UScriptCode */
  uint16_t slot, width; /* first slot, padded width */
} loc__slot_group;

#define LOC__MAX_SLOT_GROUPS 64
/* Keys per entry of the model's row index (row_from). */
#define LOC__ROW_SHIFT 7

struct loc_detect_model {
  loc__model_header h;
  const loc__model_lang *langs;
  int32_t *scripts;   /* UScriptCode per language */
  const uint16_t *slot_lang;
  const uint32_t *buckets;
  const loc__model_key *keys;
  const uint32_t *row_key;
  const loc__dense_row *rows;
  const uint8_t *post;
  const uint8_t *dense;
  uint16_t *lang_slot;  /* language → slot (allocated at open) */
  /* per LOC__ROW_SPAN keys: the first dense row of a key at or after them
   * (allocated at open; (n_keys >> LOC__ROW_SHIFT) + 2 entries), so that a
   * key's row is found among the one or two of its span */
  uint16_t *row_from;
  uint32_t n_groups;
  loc__slot_group groups[LOC__MAX_SLOT_GROUPS];
};

/* Macrolanguages and clusters (detect_groups.c): the group of ISO 639-3
 * code @iso (-1: none), and the group's BCP 47 tag and ISO 639-3 code. */
#define LOC__DETECT_GROUPS 4
int loc__detect_group_of(const char *iso);
const char *loc__detect_group_lang(int g);
const char *loc__detect_group_iso(int g);

/* Checks @blob's header, sizes and languages (which must stay valid) and
 * fills @m; m->scripts, m->lang_slot and m->row_from are allocated
 * (loc__model_close()).
 * The arrays' contents are checked by loc__model_check(): the model compiled
 * into the library is checked by the unit tests, not at every start. */
loc_status loc__model_open(loc_detect_model *m, const void *blob, size_t len);
void loc__model_close(loc_detect_model *m);
/* Every index of an opened model's arrays within bounds, the buckets and
 * postings in order, the rows inside their groups (LOC_OK or
 * LOC_E_INVALID_ARGUMENT). Reads the whole blob. */
loc_status loc__model_check(const loc_detect_model *m);

/* The plain sums, for checking the detector: every n-gram of @s (@len
 * bytes, one text) adds its postings (sparse and dense row) one at a time
 * into acc[0..n_langs) by language; returns the n-gram count. Slow; the
 * unit tests and the fuzz target compare loc__detect_rank()'s scores with
 * acc[i] / LOC__Q_SCALE + n · floor + prior. */
size_t loc__model_plain_sums(const loc_detect_model *m, const char *s, size_t len,
                             uint64_t *acc);

/* Slot and quantized gain of sparse posting @p. */
static inline uint32_t loc__post_slot(const loc_detect_model *m, uint32_t p) {
  return m->post[3 * (size_t)p] | (uint32_t)m->post[3 * (size_t)p + 1] << 8;
}
static inline uint32_t loc__post_q(const loc_detect_model *m, uint32_t p) {
  return m->post[3 * (size_t)p + 2];
}

/* Index of n-gram @h among the model's keys; false when absent. */
static inline bool loc__model_find_key(const loc_detect_model *m, uint32_t h, uint32_t *key) {
  uint32_t b = h >> (32 - m->h.bucket_bits);
  uint16_t lo = (uint16_t)h;
  for (uint32_t k = m->buckets[b], e = m->buckets[b + 1]; k < e; k++) {
    if (m->keys[k].lo == lo) {
      *key = k;
      return true;
    }
    if (m->keys[k].lo > lo)
      return false;
  }
  return false;
}

/* The dense row of key @key (which has LOC__POST_DENSE set): the last row
 * whose key is at most @key (0 when none), searched back from the first row
 * after @key's span of keys. */
static inline uint32_t loc__model_row_of(const loc_detect_model *m, uint32_t key) {
  uint32_t r = m->row_from[(key >> LOC__ROW_SHIFT) + 1];
  while (r > 0 && m->row_key[r - 1] > key)
    r--;
  return r > 0 ? r - 1 : 0;
}

/* Quantized log-probability gain of key @key for language @lang (0 when it
 * does not list it): the sparse postings, then the dense row. */
static inline unsigned loc__model_q(const loc_detect_model *m, uint32_t key, uint32_t lang) {
  uint32_t slot = m->lang_slot[lang];
  const loc__model_key *k = &m->keys[key];
  for (uint32_t p = k->first & ~LOC__POST_DENSE, e = p + k->n; p < e; p++)
    if (loc__post_slot(m, p) == slot)
      return loc__post_q(m, p);
  if (k->first & LOC__POST_DENSE) {
    const loc__dense_row *r = &m->rows[loc__model_row_of(m, key)];
    if (slot >= r->slot && slot < (uint32_t)r->slot + r->width)
      return m->dense[r->data + slot - r->slot];
  }
  return 0;
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
