/* Detection of font-hack text among Latin-script text.
 *
 * Kruti Dev and Bijoy text is made of ASCII and Latin-1 characters, so
 * script detection calls it Latin. What gives it away is the order of its
 * characters: "fd", "ks", "k;" in Kruti Dev, "‡K", "Av" in Bijoy are common
 * there and rare in any Latin-script language. The model is a character
 * bigram model per encoding, trained on the UDHR Hindi and Bengali texts
 * converted to the legacy encoding, against one trained on the UDHR texts
 * in Latin script; each weight is log P_legacy(b|a) - log P_latin(b|a) in
 * sixteenths of a nat (tables/gen_fonthack_model.c makes the table). */
#include "internal.h"
#include "fonthack.h"

#include <math.h>

#include "tables/fonthack_model.h"

_Static_assert(FH_MODEL_CLASSES == FH_CLASSES, "model classes");

int loc__fh_class(uint32_t cp) {
  if (cp >= 0x20 && cp <= 0x7E)
    return (int)(cp - 0x20) + 1;
  if (cp < 0xA0)
    return 0;
  if (cp <= 0xFF)
    return 97;
  switch (cp) {
  /* windows-1252's 0x80..0x9F */
  case 0x20AC: case 0x201A: case 0x0192: case 0x201E: case 0x2026: case 0x2020:
  case 0x2021: case 0x02C6: case 0x2030: case 0x0160: case 0x2039: case 0x0152:
  case 0x017D: case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x2022:
  case 0x2013: case 0x2014: case 0x02DC: case 0x2122: case 0x0161: case 0x203A:
  case 0x0153: case 0x017E: case 0x0178:
    return 96;
  default:
    return 98;
  }
}

static bool is_signal(int cls) {
  /* letters, and the 1252/Latin-1 characters the fonts use for letters */
  if (cls >= 96)
    return cls != 98;
  uint32_t c = (uint32_t)cls - 1 + 0x20;
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

loc_status loc__fh_probability(int which, const char *s, size_t len, double *p) {
  const signed char(*w)[FH_CLASSES] = fh_model[which];
  const uint8_t *u = (const uint8_t *)s;
  long sum = 0;
  int prev = 0;
  bool signal = false;
  for (size_t i = 0; i < len;) {
    size_t n = 1;
    int32_t cp = u[i] < 0x80 ? u[i] : loc__utf8_decode(u, len, i, &n);
    int cls = cp < 0 ? 98 : loc__fh_class((uint32_t)cp);
    i += n;
    signal |= is_signal(cls);
    if (cls == 0 && prev == 0)
      continue;
    sum += w[prev][cls];
    prev = cls;
  }
  if (prev != 0)
    sum += w[prev][0];
  if (!signal) {
    *p = -1.0;
    return LOC_OK;
  }
  *p = 1.0 / (1.0 + exp(-(double)sum / 16.0));
  return LOC_OK;
}
