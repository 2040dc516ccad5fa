/* Zawgyi: detection with myanmar-tools' Markov model, conversion with ICU's
 * Zawgyi-my / my-Zawgyi transforms.
 *
 * The model scores every transition between consecutive characters, each
 * mapped to one of 227 states (the Myanmar blocks and U+2000..U+200B get a
 * state each, everything else shares state 0), with the difference of the
 * two chains' log probabilities; the sum decides through the logistic
 * function. The generated table is sparse (a fallback per row); it is
 * expanded once into a dense matrix so the loop is one load per character. */
#include "internal.h"
#include "legacy_internal.h"

#include <math.h>
#include <pthread.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "tables/zawgyi_model.h"

enum {
  ST_STD = 1,                          /* U+1000..U+103F */
  ST_AFT = ST_STD + 0x40,              /* U+104A..U+109F */
  ST_EXA = ST_AFT + (0x109F - 0x104A + 1), /* U+AA60..U+AA7F */
  ST_EXB = ST_EXA + 0x20,              /* U+A9E0..U+A9FF */
  ST_SPC = ST_EXB + 0x20,              /* U+2000..U+200B */
  ST_COUNT = ST_SPC + 12,
};
_Static_assert(ST_COUNT == ZG_MODEL_STATES, "model states");
_Static_assert(ZG_MODEL_SSV == 0, "the model counts U+2000..U+200B");

static float dense[ST_COUNT][ST_COUNT];
static pthread_once_t dense_once = PTHREAD_ONCE_INIT;

static void expand(void) {
  for (int r = 0; r < ST_COUNT; r++) {
    for (int c = 0; c < ST_COUNT; c++)
      dense[r][c] = zg_fallback[r];
    for (int i = zg_row_start[r]; i < zg_row_start[r + 1]; i++)
      dense[r][zg_col[i]] = zg_val[i];
  }
}

static inline int state_of(int32_t cp) {
  if (cp >= 0x1000 && cp <= 0x103F)
    return ST_STD + (cp - 0x1000);
  if (cp >= 0x104A && cp <= 0x109F)
    return ST_AFT + (cp - 0x104A);
  if (cp >= 0xAA60 && cp <= 0xAA7F)
    return ST_EXA + (cp - 0xAA60);
  if (cp >= 0xA9E0 && cp <= 0xA9FF)
    return ST_EXB + (cp - 0xA9E0);
  if (cp >= 0x2000 && cp <= 0x200B)
    return ST_SPC + (cp - 0x2000);
  return 0;
}

loc_status loc_legacy_zawgyi_probability(const char *s, size_t len, double *p) {
  if (p == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  pthread_once(&dense_once, expand);
  const uint8_t *u = (const uint8_t *)s;
  double delta = 0.0;
  bool myanmar = false;
  int prev = 0;
  size_t i = 0;
  while (i < len) {
    int cur = 0;
    if (u[i] < 0x80) {
      /* ASCII runs are state 0 to state 0: they add nothing. */
      if (prev == 0) {
        i++;
        while (i < len && u[i] < 0x80)
          i++;
        continue;
      }
      i++;
    } else {
      int32_t cp;
      /* Myanmar letters are E1 80..82 xx: decoded here, the rest by the
       * general decoder (which also sorts out ill-formed bytes). */
      if (u[i] == 0xE1 && i + 2 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x82 &&
          (u[i + 2] & 0xC0) == 0x80) {
        cp = 0x1000 + ((int32_t)(u[i + 1] & 0x3F) << 6) + (u[i + 2] & 0x3F);
        i += 3;
      } else {
        size_t n;
        cp = loc__utf8_decode(u, len, i, &n);
        i += n;
      }
      cur = cp < 0 ? 0 : state_of(cp);
      if (cur == 0 && prev == 0)
        continue;
      myanmar |= cur != 0 && cur < ST_SPC;
    }
    delta += (double)dense[prev][cur];
    prev = cur;
  }
  if (prev != 0)
    delta += (double)dense[prev][0];
  *p = myanmar ? 1.0 / (1.0 + exp(delta)) : -1.0;
  return LOC_OK;
}

/* ---------- conversion through ICU ---------- */

/* Compiling the rules costs milliseconds: each direction is opened once and
 * every converter clones it. */
static UTransliterator *proto[2];
static UErrorCode proto_err[2];
static pthread_once_t proto_once[2] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};

static void open_proto(int dir) {
  static const char *const ids[2] = {"Zawgyi-my", "my-Zawgyi"};
  UChar id[16];
  int32_t n = 0;
  for (const char *c = ids[dir]; *c; c++)
    id[n++] = (UChar)*c;
  proto_err[dir] = U_ZERO_ERROR;
  proto[dir] = utrans_openU(id, n, UTRANS_FORWARD, NULL, 0, NULL, &proto_err[dir]);
}
static void open_to_unicode(void) { open_proto(0); }
static void open_from_unicode(void) { open_proto(1); }

loc_status loc__zawgyi_open(loc_legacy_direction dir, UTransliterator **out) {
  int d = dir == LOC_LEGACY_TO_UNICODE ? 0 : 1;
  pthread_once(&proto_once[d], d == 0 ? open_to_unicode : open_from_unicode);
  if (U_FAILURE(proto_err[d]) || proto[d] == NULL)
    return LOC_E_ICU;
  UErrorCode e = U_ZERO_ERROR;
  *out = utrans_clone(proto[d], &e);
  if (U_FAILURE(e))
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  return LOC_OK;
}

/* One ICU call: well-formed UTF-8 into (*buf)[at..), *n16 units. */
static loc_status convert_part(UTransliterator *t, UChar **buf, int32_t *cap, int32_t at,
                               const char *in, size_t len, int32_t *n16) {
  /* Myanmar text is three UTF-8 bytes per UTF-16 unit and the rules rarely
   * lengthen it by half; ASCII keeps its length. Start at len + len / 2. */
  int64_t want = (int64_t)at + (int64_t)len + (int64_t)len / 2 + 16;
  for (int attempt = 0; attempt < 4; attempt++) {
    if (want > INT32_MAX)
      return LOC_E_OVERFLOW;
    if (*cap < want) {
      /* geometric growth: parts are appended one after another */
      if (want < (int64_t)*cap * 2)
        want = (int64_t)*cap * 2 > INT32_MAX ? INT32_MAX : (int64_t)*cap * 2;
      UChar *nb = realloc(*buf, (size_t)want * sizeof(UChar));
      if (nb == NULL)
        return LOC_E_NO_MEMORY;
      *buf = nb;
      *cap = (int32_t)want;
    }
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = 0, room = *cap - at;
    u_strFromUTF8(*buf + at, room, &n, in, (int32_t)len, &e);
    if (U_FAILURE(e) && e != U_BUFFER_OVERFLOW_ERROR)
      return e == U_INVALID_CHAR_FOUND ? LOC_E_INVALID_UTF8 : LOC_E_ICU;
    if (e != U_BUFFER_OVERFLOW_ERROR) {
      int32_t limit = n;
      utrans_transUChars(t, *buf + at, &n, room, 0, &limit, &e);
    }
    if (e == U_BUFFER_OVERFLOW_ERROR) {
      want = (int64_t)*cap * 2;
      continue;
    }
    if (U_FAILURE(e))
      return LOC_E_ICU;
    *n16 = n;
    return LOC_OK;
  }
  return LOC_E_ICU;
}

/*
 * ICU's Zawgyi-my rules start several patterns with a quantifier (U+1031+
 * followed by a consonant, say), which ICU tries again at every position of
 * a run: one call over a run of N such characters costs N^2. So the text
 * goes to ICU in parts of about ZG_PART bytes, cut before a U+0020 SPACE
 * whose preceding character is neither in the rules' space class nor the
 * digit zero or four (U+1040, U+1044, which rules anchored at the end of
 * the text turn into letters). No rule matches across such a place, so the
 * result is ICU's on the whole line. A run of more than ZG_PART bytes
 * without such a space (no real text: Burmese separates phrases with
 * spaces) is cut at a character boundary every ZG_FORCED bytes, where the
 * result may differ from a single call's (a run of one repeated vowel sign
 * then keeps one copy per part instead of one in all).
 */
#ifndef ZG_PART
#define ZG_PART 1024
#endif
/* ... and a run without such a place in parts of at most this many. */
#ifndef ZG_FORCED
#define ZG_FORCED 256
#endif

/* The space class of the rules: U+0020, U+00A0, U+1680, U+2000..U+200D,
 * U+202F, U+205F, U+2060, U+3000, U+FEFF. */
static bool zg_space(int32_t cp) {
  return cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200D) ||
         cp == 0x202F || cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

/* Is s[i] (a character start, 0 < i < len) a place to cut (see above)? */
static bool zg_cut_ok(const char *s, size_t len, size_t i) {
  if (s[i] != ' ')
    return false;
  size_t j = i - 1, n;
  while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
    j--;
  int32_t prev = loc__utf8_decode((const uint8_t *)s, len, j, &n);
  return prev >= 0 && !zg_space(prev) && prev != 0x1040 && prev != 0x1044;
}

/* Where the part starting at @s ends: the last place to cut within ZG_PART
 * bytes, else the last character boundary within ZG_FORCED. */
static size_t zg_part_end(const char *s, size_t len) {
  if (len <= ZG_PART)
    return len;
  for (size_t i = ZG_PART; i > 0; i--)
    if (zg_cut_ok(s, len, i))
      return i;
  size_t i = ZG_FORCED < len ? ZG_FORCED : len;
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
    i--;
  return i > 0 ? i : len;
}

/* Converts well-formed UTF-8 into conv->u16[0..*n16). */
loc_status loc__zawgyi_convert16(UTransliterator *t, UChar **buf, int32_t *cap,
                                 const char *in, size_t len, int32_t *n16) {
  int32_t at = 0;
  do {
    size_t part = zg_part_end(in, len);
    int32_t n = 0;
    loc_status st = convert_part(t, buf, cap, at, in, part, &n);
    if (st != LOC_OK)
      return st;
    if (n > INT32_MAX - at)
      return LOC_E_OVERFLOW;
    at += n;
    in += part;
    len -= part;
  } while (len > 0);
  *n16 = at;
  return LOC_OK;
}
