/* The optional folds of search keys (LOC_FOLD_* in loc/key.h), on UTF-16
 * in place. Each removes or replaces characters one for one, so none needs
 * more room than its input. */
#include "key_internal.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

int32_t loc__key_fold_kana(UChar *p, int32_t n, bool *changed) {
  for (int32_t i = 0; i < n; i++) {
    UChar c = p[i];
    if ((c >= 0x30A1 && c <= 0x30F6) || c == 0x30FD || c == 0x30FE) {
      p[i] = (UChar)(c - 0x60);   /* the hiragana of the same sound */
      *changed = true;
    }
  }
  return n;
}

/* Harakat and Quranic annotation marks; HAMZA ABOVE/BELOW (U+0654, U+0655)
 * are parts of letters and stay. */
static bool arabic_mark(UChar c) {
  return (c >= 0x064B && c <= 0x0653) || (c >= 0x0656 && c <= 0x065F) || c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 ||
         c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED) || (c >= 0x08D3 && c <= 0x08E1) ||
         (c >= 0x08E3 && c <= 0x08FF) || c == 0x0640 /* TATWEEL */;
}

int32_t loc__key_fold_arabic(UChar *p, int32_t n, bool persian_letters, bool *changed) {
  int32_t o = 0;
  for (int32_t i = 0; i < n; i++) {
    UChar c = p[i];
    if (arabic_mark(c)) {
      *changed = true;
      continue;
    }
    UChar m = c;
    if (persian_letters) {
      if (c == 0x0643)
        m = 0x06A9;   /* KAF → KEHEH */
      else if (c == 0x064A || c == 0x0649)
        m = 0x06CC;   /* YEH, ALEF MAKSURA → FARSI YEH */
    } else {
      if (c == 0x06A9)
        m = 0x0643;   /* KEHEH → KAF */
      else if (c == 0x06CC)
        m = 0x064A;   /* FARSI YEH → YEH */
    }
    if (m != c)
      *changed = true;
    p[o++] = m;
  }
  return o;
}

static bool hebrew_point(UChar c) {
  return (c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 ||
         c == 0x05C4 || c == 0x05C5 || c == 0x05C7;
}

int32_t loc__key_fold_hebrew(UChar *p, int32_t n, bool *changed) {
  int32_t o = 0;
  for (int32_t i = 0; i < n; i++) {
    if (hebrew_point(p[i])) {
      *changed = true;
      continue;
    }
    p[o++] = p[i];
  }
  return o;
}

/* Lowercase letters with a stroke, bar or missing dot: they have no
 * decomposition, so removing marks does not reach them. */
static UChar plain_letter(UChar c) {
  switch (c) {
  case 0x00F8: return 'o';   /* ø */
  case 0x0111: return 'd';   /* đ */
  case 0x0127: return 'h';   /* ħ */
  case 0x0131: return 'i';   /* ı */
  case 0x0142: return 'l';   /* ł */
  case 0x0167: return 't';   /* ŧ */
  case 0x0180: return 'b';   /* ƀ */
  case 0x01B6: return 'z';   /* ƶ */
  case 0x01E5: return 'g';   /* ǥ */
  case 0x0268: return 'i';   /* ɨ */
  case 0x0289: return 'u';   /* ʉ */
  default: return c;
  }
}

/* Whether mark @m on base @b is removed. Latin and Greek lose every mark;
 * in Cyrillic the breve and diaeresis make letters of their own (й, ў, ї,
 * ӧ), so only stress accents go, and the diaeresis of ё. */
static bool strippable(UScriptCode sc, UChar32 b, UChar32 m) {
  if (sc == USCRIPT_LATIN || sc == USCRIPT_GREEK)
    return true;
  if (sc == USCRIPT_CYRILLIC)
    return m == 0x0300 || m == 0x0301 || (m == 0x0308 && b == 0x0435);
  return false;
}

int32_t loc__key_fold_diacritics(UChar *p, int32_t n, bool *changed) {
  int32_t o = 0;
  UScriptCode sc = USCRIPT_COMMON;  /* script of the current base */
  UChar32 base = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    int32_t at = i;
    U16_NEXT(p, i, n, c);
    int8_t gc = u_charType(c);
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK) {
      if (strippable(sc, base, c)) {
        *changed = true;
        continue;
      }
    } else {
      base = c;
      UErrorCode e = U_ZERO_ERROR;
      sc = uscript_getScript(c, &e);
      if (sc == USCRIPT_LATIN && c < 0x10000) {
        UChar m = plain_letter((UChar)c);
        if (m != c) {
          *changed = true;
          p[o++] = m;
          continue;
        }
      }
    }
    for (int32_t k = at; k < i; k++)
      p[o++] = p[k];
  }
  return o;
}
