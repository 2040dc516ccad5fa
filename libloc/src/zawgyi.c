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

loc_status loc_zawgyi_probability(const char *s, size_t len, double *p) {
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

/* Converts well-formed UTF-8 into conv->u16[0..*n16). */
loc_status loc__zawgyi_convert16(UTransliterator *t, UChar **buf, int32_t *cap,
                                 const char *in, size_t len, int32_t *n16) {
  /* Myanmar text is three UTF-8 bytes per UTF-16 unit and the rules rarely
   * lengthen it by half; ASCII keeps its length. Start at len + len / 2. */
  int64_t want = (int64_t)len + (int64_t)len / 2 + 16;
  for (int attempt = 0; attempt < 4; attempt++) {
    if (want > INT32_MAX)
      return LOC_E_OVERFLOW;
    if (*cap < want) {
      UChar *nb = realloc(*buf, (size_t)want * sizeof(UChar));
      if (nb == NULL)
        return LOC_E_NO_MEMORY;
      *buf = nb;
      *cap = (int32_t)want;
    }
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(*buf, *cap, &n, in, (int32_t)len, &e);
    if (U_FAILURE(e))
      return e == U_INVALID_CHAR_FOUND ? LOC_E_INVALID_UTF8 : LOC_E_ICU;
    int32_t limit = n;
    utrans_transUChars(t, *buf, &n, *cap, 0, &limit, &e);
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
