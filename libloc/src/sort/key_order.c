/*
 * One storage order for Khmer and Myanmar syllables (search keys, step 3 of
 * loc/key.h). Both scripts write a syllable as a base followed by
 * dependents whose order is fixed by convention but often typed otherwise,
 * and which no Unicode normalization reorders (their vowel signs have
 * combining class 0). Each dependent gets a rank by the order of Unicode
 * Core Specification §16.4 (Khmer) and Unicode Technical Note #11
 * (Myanmar); a stable sort by rank gives every permutation of the same
 * dependents one order. A subscript (COENG or VIRAMA plus a consonant) moves
 * as one unit.
 */
#include "key_internal.h"

/* ---------- Khmer ---------- */

static bool km_consonant(UChar c) { return c >= 0x1780 && c <= 0x17A2; }
static bool km_base(UChar c) { return c >= 0x1780 && c <= 0x17B3; }

/* Rank of a Khmer dependent, 0 when @c is none. */
static int km_rank(UChar c) {
  if (c == 0x17CC)
    return 1;                                   /* ROBAT */
  if (c == 0x17C9 || c == 0x17CA)
    return 4;                                   /* register shifters */
  if (c >= 0x17B4 && c <= 0x17C5)
    return 5;                                   /* vowel signs */
  if ((c >= 0x17C6 && c <= 0x17D1) || c == 0x17D3 || c == 0x17DD)
    return 6;                                   /* other signs */
  return 0;
}

static bool km_pre_vowel(UChar c) { return c >= 0x17C1 && c <= 0x17C3; }

/* ---------- Myanmar ---------- */

static bool my_consonant(UChar c) {
  return (c >= 0x1000 && c <= 0x1021) || c == 0x103F || (c >= 0x1050 && c <= 0x1051) ||
         (c >= 0x105A && c <= 0x105D) || c == 0x1061 || (c >= 0x1065 && c <= 0x1066) ||
         (c >= 0x106E && c <= 0x1070) || (c >= 0x1075 && c <= 0x1081) || c == 0x108E ||
         (c >= 0xAA60 && c <= 0xAA6F) || (c >= 0xA9E0 && c <= 0xA9E4) ||
         (c >= 0xA9E7 && c <= 0xA9EF) || (c >= 0xA9FA && c <= 0xA9FE);
}

static bool my_base(UChar c) {
  return my_consonant(c) || (c >= 0x1022 && c <= 0x102A) || (c >= 0x1040 && c <= 0x1049) ||
         (c >= 0x1052 && c <= 0x1055);
}

static int my_rank(UChar c) {
  switch (c) {
  case 0x103B: case 0x105E: case 0x105F:
    return 2;                                   /* medial YA (and Mon NA, MA) */
  case 0x103C:
    return 3;                                   /* medial RA */
  case 0x103D: case 0x1082:
    return 4;                                   /* medial WA */
  case 0x103E: case 0x1060:
    return 5;                                   /* medial HA (and Mon LA) */
  case 0x1031: case 0x1084:
    return 6;                                   /* VOWEL SIGN E */
  case 0x102D: case 0x102E: case 0x1032: case 0x1033: case 0x1034: case 0x1035:
  case 0x1071: case 0x1072: case 0x1073: case 0x1074: case 0x1085: case 0x1086:
  case 0x109D:
    return 7;                                   /* upper vowels */
  case 0x102F: case 0x1030: case 0x1058: case 0x1059:
    return 8;                                   /* lower vowels */
  case 0x102B: case 0x102C: case 0x1056: case 0x1057: case 0x1062: case 0x1083:
    return 9;                                   /* AA, TALL AA */
  case 0x1036:
    return 10;                                  /* ANUSVARA */
  case 0x1037:
    return 11;                                  /* DOT BELOW */
  case 0x103A:
    return 12;                                  /* ASAT */
  case 0x1038:
    return 13;                                  /* VISARGA */
  default:
    if ((c >= 0x1063 && c <= 0x1064) || (c >= 0x1067 && c <= 0x106D) ||
        (c >= 0x1087 && c <= 0x108D) || c == 0x108F || (c >= 0x109A && c <= 0x109C) ||
        c == 0xAA7B || c == 0xAA7C || c == 0xAA7D || c == 0xA9E5)
      return 14;                                /* tones and other signs */
    return 0;
  }
}

/* ---------- shared ---------- */

typedef struct unit {
  int rank;
  int32_t at, len;
} unit;

enum { MAX_UNITS = 32 };

/*
 * Sorts the dependents that follow the base at p[b] (stable, by rank) and
 * returns the index after the syllable. Syllables with more than MAX_UNITS
 * dependents are left as they are: no real text has them.
 */
static int32_t order_syllable(UChar *p, int32_t n, int32_t b, bool khmer, bool *changed) {
  unit u[MAX_UNITS];
  int nu = 0;
  int32_t j = b + 1;
  while (j < n) {
    UChar c = p[j];
    int r, len = 1;
    if (khmer ? c == 0x17D2 : c == 0x1039) {
      if (j + 1 >= n || !(khmer ? km_consonant(p[j + 1]) : my_consonant(p[j + 1])))
        break;
      /* COENG RO is written after the other subscripts */
      r = khmer && p[j + 1] == 0x179A ? 3 : khmer ? 2 : 1;
      len = 2;
    } else {
      r = khmer ? km_rank(c) : my_rank(c);
      if (r == 0)
        break;
    }
    if (nu == MAX_UNITS)
      return j;
    u[nu++] = (unit){r, j, len};
    j += len;
  }
  bool sorted = true;
  for (int i = 1; i < nu; i++)
    if (u[i].rank < u[i - 1].rank)
      sorted = false;
  if (sorted)
    return j;
  for (int i = 1; i < nu; i++) { /* insertion sort: stable, few units */
    unit x = u[i];
    int k = i - 1;
    while (k >= 0 && u[k].rank > x.rank) {
      u[k + 1] = u[k];
      k--;
    }
    u[k + 1] = x;
  }
  UChar tmp[2 * MAX_UNITS];
  int32_t t = 0;
  for (int i = 0; i < nu; i++)
    for (int32_t k = 0; k < u[i].len; k++)
      tmp[t++] = p[u[i].at + k];
  memcpy(p + b + 1, tmp, (size_t)t * sizeof *tmp);
  *changed = true;
  return j;
}

bool loc__key_order_syllables(UChar *p, int32_t n) {
  bool changed = false;
  for (int32_t i = 0; i < n;) {
    UChar c = p[i];
    bool khmer = c >= 0x1780 && c <= 0x17FF;
    bool myanmar = (c >= 0x1000 && c <= 0x109F) || (c >= 0xA9E0 && c <= 0xA9FF) ||
                   (c >= 0xAA60 && c <= 0xAA7F);
    if (!khmer && !myanmar) {
      i++;
      continue;
    }
    /* A pre-base vowel typed before its consonant (the visual order), where
     * no syllable precedes it to attach to: move it after the consonant. */
    bool loose = i == 0 || !(khmer ? (km_base(p[i - 1]) || km_rank(p[i - 1]))
                                   : (my_base(p[i - 1]) || my_rank(p[i - 1])));
    if (loose && i + 1 < n &&
        (khmer ? km_pre_vowel(c) && km_consonant(p[i + 1])
               : c == 0x1031 && my_consonant(p[i + 1]))) {
      p[i] = p[i + 1];
      p[i + 1] = c;
      changed = true;
      c = p[i];
    }
    /* Myanmar kinzi (NGA/RA/MON NGA + ASAT + VIRAMA) belongs to the
     * consonant after it: that consonant is the syllable's base. */
    if (myanmar && (c == 0x1004 || c == 0x101B || c == 0x105A) && i + 3 < n &&
        p[i + 1] == 0x103A && p[i + 2] == 0x1039 && my_consonant(p[i + 3])) {
      i += 3;
      c = p[i];
    }
    if (khmer ? km_base(c) : my_base(c))
      i = order_syllable(p, n, i, khmer, &changed);
    else
      i++;
  }
  return changed;
}
