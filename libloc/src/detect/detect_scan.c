/* Language identification: the characters of a text, their scripts and
 * their n-grams, into the detector's queue (see detect.c). */
#include "detect_detector.h"

#include <unicode/uscript.h>

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
    d->sc_cache[slot].fold = loc__detect_is_letter(cp) ? loc__detect_fold(cp) : 0;
  }
  return d->sc_cache[slot].sc;
}

static inline void count_script(loc_detector *d, int32_t cp) {
  int32_t sc = script_of(d, cp);
  if (d->sc_count[sc]++ == 0)
    d->sc_seen[d->n_seen++] = (uint8_t)sc;
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

/* Per ASCII byte: its folding when it is a letter (a–z), else 0. */
#define L26(a) a, a + 1, a + 2, a + 3, a + 4, a + 5, a + 6, a + 7, a + 8, a + 9, a + 10, \
  a + 11, a + 12, a + 13, a + 14, a + 15, a + 16, a + 17, a + 18, a + 19, a + 20, a + 21, \
  a + 22, a + 23, a + 24, a + 25
static const uint8_t ascii_fold[128] = {
  [0x41] = L26('a'),
  [0x61] = L26('a'),
};
#undef L26

/* Adds @n to the text's count of script @sc. */
static inline void count_script_n(loc_detector *d, int32_t sc, uint32_t n) {
  if (n == 0)
    return;
  if (d->sc_count[sc] == 0)
    d->sc_seen[d->n_seen++] = (uint8_t)sc;
  d->sc_count[sc] += n;
}

/* The symbols of the n-gram window, newest first, in registers while a
 * piece of text is decoded. */
typedef struct window {
  uint32_t w0, w1, w2, w3;
  unsigned nwin;
} window;

static inline void win_push(window *w, uint32_t sym) {
  w->w3 = w->w2;
  w->w2 = w->w1;
  w->w1 = w->w0;
  w->w0 = sym;
  w->nwin += w->nwin < LOC__NGRAM_MAX;
}

/* Queues the n-grams ending with the newest symbol, shortest first, as
 * loc__grams_emit() makes them: when @uni (a symbol from LOC__UNIGRAM_FROM
 * up) the orders 1 to nwin, else the triple when it holds a space and the
 * order 4. Returns how many. */
static inline unsigned win_emit(loc_detector *d, const window *w, bool uni) {
  /* (the queue is never left full: add_grams() writes before it checks) */
  if (d->n_q + LOC__NGRAM_MAX >= QUEUE_MAX)
    loc__detect_resolve_queue(d, false);
  uint32_t o[LOC__NGRAM_MAX], h = (2166136261u ^ w->w0) * 16777619u;
  unsigned n = 0;
  if (uni)
    o[n++] = loc__grams_fmix(h ^ 1);
  h = (h ^ w->w1) * 16777619u;
  if (uni)
    o[n++] = loc__grams_fmix(h ^ 2);
  if (w->nwin > 2) {
    h = (h ^ w->w2) * 16777619u;
    if (uni || w->w0 == ' ' || w->w2 == ' ')
      o[n++] = loc__grams_fmix(h ^ 3);
    if (w->nwin > 3) {
      h = (h ^ w->w3) * 16777619u;
      o[n++] = loc__grams_fmix(h ^ 4);
    }
  }
  uint32_t *q = d->q_hash + d->n_q;
  for (unsigned k = 0; k < n; k++) {
    PREFETCH(d->look[o[k] & (LOOK_SETS - 1)]);
    q[k] = o[k];
  }
  d->n_q += n;
  return n;
}

/*
 * Decodes whole characters, counting their scripts and queueing their
 * n-grams: the same n-grams, hashes and counts as one character at a time
 * through loc__grams_letter_i() and loc__grams_end_i(), in the same order,
 * with the window in registers. An ASCII byte takes a short path: a letter
 * (a fold table) is Latin, its own folding, no Han ideograph and never a
 * lone n-gram (below LOC__UNIGRAM_FROM), and ASCII scripts are counted once
 * for the piece (the order in which scripts are first seen does not matter
 * to the dominant script). Other characters have their script, folding and
 * letterhood from the detector's cache.
 */
void loc__detect_decode(loc_detector *d, const uint8_t *s, size_t len) {
  loc__grams *g = &d->g;
  window w = {g->win[0], g->win[1], g->win[2], g->win[3], g->nwin};
  bool in_word = g->in_word;
  size_t letters = 0, weight = 0, grams = 0, latin = 0, common = 0;
  size_t i = 0;
  while (i < len) {
    uint32_t f;
    bool uni = false;
    uint8_t b = s[i];
    if (b < 0x80) {
      f = ascii_fold[b];
      i++;
      if (f != 0) {
        latin++;
        weight++;
      } else {
        common++;
      }
    } else {
      int32_t cp;
      size_t n;
      if (b >= 0xC2 && b < 0xE0 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
        cp = (int32_t)((b & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu)); /* two bytes */
        n = 2;
      } else {
        cp = loc__utf8_decode(s, len, i, &n);
      }
      i += n;
      count_script(d, cp);
      /* (an ill-formed sequence is no letter; a character's folding and
       * letterhood were cached with its script by count_script()) */
      f = cp < 0 ? 0 : d->sc_cache[(unsigned)cp & (SC_CACHE - 1)].fold;
      if (f != 0) {
        bool han = (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
                   (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
        weight += han ? LOC__HAN_WEIGHT : 1;
        uni = f >= LOC__UNIGRAM_FROM;
      }
    }
    if (f != 0) {
      letters++;
      if (!in_word) {
        in_word = true;
        w.w0 = ' '; /* the word's opening space */
        w.nwin = 1;
      }
    } else {
      if (!in_word)
        continue;
      in_word = false;
      f = ' '; /* the closing space */
    }
    win_push(&w, f);
    grams += win_emit(d, &w, uni);
  }
  g->win[0] = w.w0;
  g->win[1] = w.w1;
  g->win[2] = w.w2;
  g->win[3] = w.w3;
  g->nwin = w.nwin;
  g->in_word = in_word;
  g->letters += letters;
  g->weight += weight;
  d->n_grams += grams;
  count_script_n(d, USCRIPT_LATIN, (uint32_t)latin);
  count_script_n(d, USCRIPT_COMMON, (uint32_t)common);
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
      loc__detect_decode(d, tmp, np);
      break;
    }
    g->part[g->npart++] = *s++;
    len--;
    if (g->npart == want) {
      uint8_t tmp[4];
      memcpy(tmp, g->part, want);
      g->npart = 0;
      loc__detect_decode(d, tmp, want);
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
  loc__detect_decode(d, s, body);
  memcpy(g->part, s + body, keep);
  g->npart = (unsigned)keep;
  return LOC_OK;
}

