/* Language identification: the n-gram features (see detect_internal.h). */
#include "detect_internal.h"

#include <unicode/uchar.h>

void loc__grams_reset(loc__grams *g) { memset(g, 0, sizeof *g); }

bool loc__detect_is_letter(int32_t cp) {
  if (cp < 0x80)
    return (uint32_t)((cp | 0x20) - 'a') < 26;
  return u_isalpha(cp) || (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0;
}

/* Murmur3's finalizer: spreads the FNV state over all 32 bits, so that the
 * top bits make good buckets. */
static inline uint32_t fmix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

/* The n-grams ending with win[0], shortest first; the lone space is not one. */
static unsigned emit(const loc__grams *g, uint32_t *out) {
  unsigned n = 0;
  uint32_t h = 2166136261u;
  for (unsigned k = 0; k < g->nwin; k++) {
    h = (h ^ g->win[k]) * 16777619u;
    /* the lone space is no n-gram; nor is a lone letter of an alphabet
     * (below U+1100): every language of the script lists it, so it costs
     * the longest walk for little evidence. Syllabaries and ideographs keep
     * theirs, where one character says much. */
    if (k == 0 && g->win[0] < LOC__UNIGRAM_FROM)
      continue;
    out[n++] = fmix(h ^ (k + 1));
  }
  return n;
}

static void push(loc__grams *g, uint32_t sym) {
  /* (element by element: a memmove of 12 bytes was a library call per
   * character) */
  for (unsigned k = LOC__NGRAM_MAX - 1; k > 0; k--)
    g->win[k] = g->win[k - 1];
  g->win[0] = sym;
  if (g->nwin < LOC__NGRAM_MAX)
    g->nwin++;
}

unsigned loc__grams_end(loc__grams *g, uint32_t *out) {
  if (!g->in_word)
    return 0;
  g->in_word = false;
  push(g, ' ');
  return emit(g, out);
}

uint32_t loc__detect_fold(int32_t cp) {
  if (cp < 0x80)
    return (uint32_t)cp | 0x20;
  return (uint32_t)u_foldCase(cp, U_FOLD_CASE_DEFAULT);
}

unsigned loc__grams_cp(loc__grams *g, int32_t cp, uint32_t *out) {
  if (cp < 0 || !loc__detect_is_letter(cp))
    return loc__grams_end(g, out);
  return loc__grams_letter(g, cp, loc__detect_fold(cp), out);
}

unsigned loc__grams_letter(loc__grams *g, int32_t cp, uint32_t f, uint32_t *out) {
  if (!g->in_word) {
    g->in_word = true;
    g->nwin = 0;
    push(g, ' ');
  }
  push(g, f);
  g->letters++;
  bool han = (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
             (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
  g->weight += han ? LOC__HAN_WEIGHT : 1;
  return emit(g, out);
}
