/* Syllable family, independent of any font: do-not-use sequences from the
 * Unicode core specification, and a cluster grammar from the UCD's
 * Indic_Syllabic_Category and Indic_Positional_Category (Brahmic scripts,
 * Khmer, Myanmar and the other scripts the UCD categorises): marks without
 * a base, doubled or misordered vowel signs, misplaced viramas, with a fix
 * where exactly one reordering repairs the cluster. */
#include "internal.h"

#include "check_internal.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

#include "tables/indic_data.h"

void chk_indic(int32_t cp, int *isc, int *ipc) {
  size_t lo = 0, hi = sizeof indic_ranges / sizeof indic_ranges[0];
  *isc = ISC_Other;
  *ipc = IPC_NA;
  if (cp < 0x2D)
    return;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if ((uint32_t)cp < indic_ranges[mid].lo)
      hi = mid;
    else if ((uint32_t)cp > indic_ranges[mid].hi)
      lo = mid + 1;
    else {
      *isc = indic_ranges[mid].isc;
      *ipc = indic_ranges[mid].ipc;
      return;
    }
  }
}

bool chk_complex_script(int32_t cp) {
  int isc, ipc;
  chk_indic(cp, &isc, &ipc);
  if (isc != ISC_Other && isc != ISC_Number && isc != ISC_Consonant_Placeholder)
    return true;
  UErrorCode e = U_ZERO_ERROR;
  switch (uscript_getScript(cp, &e)) {
  case USCRIPT_ARABIC: case USCRIPT_SYRIAC: case USCRIPT_NKO: case USCRIPT_MONGOLIAN:
  case USCRIPT_MANDAIC: case USCRIPT_MANICHAEAN: case USCRIPT_PHAGS_PA:
  case USCRIPT_PSALTER_PAHLAVI: case USCRIPT_ADLAM: case USCRIPT_HANIFI_ROHINGYA:
  case USCRIPT_SOGDIAN: case USCRIPT_OLD_UYGHUR: case USCRIPT_CHORASMIAN:
  case USCRIPT_KHMER: case USCRIPT_MYANMAR: case USCRIPT_SINHALA: case USCRIPT_TIBETAN:
    return true;
  default:
    return false;
  }
}

/* ---------- do-not-use sequences ---------- */

/* Two code points that look like a third that exists: the tables of the
 * Unicode core specification (chapters 12, 13 and 16) tell authors to use
 * the single code point. Sorted by (first, second). */
static const struct dnu {
  uint16_t a, b, use;
} dnu[] = {
    /* Devanagari (Table 12-1) */
    {0x0905, 0x093A, 0x0973}, {0x0905, 0x093B, 0x0974}, {0x0905, 0x093E, 0x0906},
    {0x0905, 0x0945, 0x0972}, {0x0905, 0x0946, 0x0904}, {0x0905, 0x0949, 0x0911},
    {0x0905, 0x094A, 0x0912}, {0x0905, 0x094B, 0x0913}, {0x0905, 0x094C, 0x0914},
    {0x0905, 0x094F, 0x0975}, {0x0905, 0x0956, 0x0976}, {0x0905, 0x0957, 0x0977},
    {0x0906, 0x093A, 0x0974}, {0x0906, 0x0945, 0x0911}, {0x0906, 0x0946, 0x0912},
    {0x0906, 0x0947, 0x0913}, {0x0906, 0x0948, 0x0914},
    {0x090F, 0x0945, 0x090D}, {0x090F, 0x0946, 0x090E}, {0x090F, 0x0947, 0x0910},
    /* Devanagari vowel signs split in two (either order) */
    {0x093E, 0x0945, 0x0949}, {0x093E, 0x0946, 0x094A}, {0x093E, 0x0947, 0x094B},
    {0x093E, 0x0948, 0x094C}, {0x0945, 0x093E, 0x0949}, {0x0946, 0x093E, 0x094A},
    {0x0947, 0x093E, 0x094B}, {0x0948, 0x093E, 0x094C},
    /* Bengali */
    {0x0985, 0x09BE, 0x0986}, {0x098B, 0x09C3, 0x09E0}, {0x098C, 0x09E2, 0x09E1},
    /* Gurmukhi */
    {0x0A05, 0x0A3E, 0x0A06}, {0x0A05, 0x0A48, 0x0A10}, {0x0A05, 0x0A4C, 0x0A14},
    {0x0A72, 0x0A3F, 0x0A07}, {0x0A72, 0x0A40, 0x0A08}, {0x0A72, 0x0A47, 0x0A0F},
    {0x0A73, 0x0A41, 0x0A09}, {0x0A73, 0x0A42, 0x0A0A}, {0x0A73, 0x0A4B, 0x0A13},
    /* Gujarati */
    {0x0A85, 0x0ABE, 0x0A86}, {0x0A85, 0x0AC5, 0x0A8D}, {0x0A85, 0x0AC7, 0x0A8F},
    {0x0A85, 0x0AC8, 0x0A90}, {0x0A85, 0x0AC9, 0x0A91}, {0x0A85, 0x0ACB, 0x0A93},
    {0x0A85, 0x0ACC, 0x0A94}, {0x0A86, 0x0AC5, 0x0A91}, {0x0A86, 0x0AC7, 0x0A93},
    {0x0A86, 0x0AC8, 0x0A94},
    {0x0ABE, 0x0AC5, 0x0AC9}, {0x0ABE, 0x0AC7, 0x0ACB}, {0x0ABE, 0x0AC8, 0x0ACC},
    {0x0AC5, 0x0ABE, 0x0AC9}, {0x0AC7, 0x0ABE, 0x0ACB}, {0x0AC8, 0x0ABE, 0x0ACC},
    /* Oriya */
    {0x0B05, 0x0B3E, 0x0B06}, {0x0B0F, 0x0B57, 0x0B10}, {0x0B13, 0x0B57, 0x0B14},
    /* Telugu */
    {0x0C12, 0x0C4C, 0x0C14}, {0x0C12, 0x0C55, 0x0C13},
    /* Kannada */
    {0x0C87, 0x0CD5, 0x0C88}, {0x0C89, 0x0CBE, 0x0C8A}, {0x0C92, 0x0CCC, 0x0C94},
    /* Malayalam */
    {0x0D07, 0x0D57, 0x0D08}, {0x0D09, 0x0D57, 0x0D0A}, {0x0D0C, 0x0D57, 0x0D61},
    {0x0D0E, 0x0D46, 0x0D10}, {0x0D12, 0x0D3E, 0x0D13}, {0x0D12, 0x0D57, 0x0D14},
    /* Sinhala (chapter 13) */
    {0x0D85, 0x0DCF, 0x0D86}, {0x0D85, 0x0DD0, 0x0D87}, {0x0D85, 0x0DD1, 0x0D88},
    {0x0D8B, 0x0DDF, 0x0D8C}, {0x0D8D, 0x0DD8, 0x0D8E}, {0x0D8F, 0x0DDF, 0x0D90},
    {0x0D91, 0x0DCA, 0x0D92}, {0x0D91, 0x0DD9, 0x0D93}, {0x0D94, 0x0DCA, 0x0D95},
    {0x0D94, 0x0DDF, 0x0D96},
    /* Khmer (chapter 16) */
    {0x17A2, 0x17C2, 0x17AF}, {0x17A2, 0x17C3, 0x17B0}, {0x17A2, 0x17C4, 0x17B1},
    {0x17A2, 0x17C5, 0x17B3},
    /* Khmer vowel signs split in two */
    {0x17C1, 0x17B6, 0x17C4}, {0x17C1, 0x17B8, 0x17BE},
};

static const struct dnu *dnu_find(int32_t a, int32_t b) {
  size_t lo = 0, hi = sizeof dnu / sizeof dnu[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int32_t ka = dnu[mid].a, kb = dnu[mid].b;
    if (a < ka || (a == ka && b < kb))
      hi = mid;
    else if (a > ka || b > kb)
      lo = mid + 1;
    else
      return &dnu[mid];
  }
  return NULL;
}

static bool dnu_range(int32_t cp) {
  return (cp >= 0x0900 && cp <= 0x0DFF) || (cp >= 0x17A0 && cp <= 0x17C1);
}

/* ---------- cluster grammar ---------- */

/* Marks that depend on a base in the cluster model. */
static bool dependent(int isc) {
  switch (isc) {
  case ISC_Vowel_Dependent: case ISC_Virama: case ISC_Invisible_Stacker:
  case ISC_Pure_Killer: case ISC_Nukta: case ISC_Bindu: case ISC_Visarga:
  case ISC_Syllable_Modifier: case ISC_Consonant_Medial: case ISC_Tone_Mark:
  case ISC_Gemination_Mark: case ISC_Register_Shifter: case ISC_Consonant_Subjoined:
  case ISC_Consonant_Final: case ISC_Consonant_Succeeding_Repha: case ISC_Cantillation_Mark:
    return true;
  default:
    return false;
  }
}

/* Storage order of vowel signs: pre-base, above, below, post-base (the
 * order the Universal Shaping Engine's cluster model expects). */
static int vowel_rank(int ipc) {
  switch (ipc) {
  case IPC_Left: case IPC_Visual_Order_Left: case IPC_Left_And_Right:
  case IPC_Top_And_Left: case IPC_Top_And_Left_And_Right: case IPC_Bottom_And_Left:
  case IPC_Top_And_Bottom_And_Left:
    return 0;
  case IPC_Top: case IPC_Overstruck: case IPC_Top_And_Right: case IPC_Top_And_Bottom:
  case IPC_Top_And_Bottom_And_Right:
    return 1;
  case IPC_Bottom: case IPC_Bottom_And_Right:
    return 2;
  default:
    return 3;
  }
}

typedef struct cl_char {
  int32_t cp;
  int isc, ipc;
  bool mark;
} cl_char;

static void classify(const loc_check_ctx *x, size_t i, cl_char *c) {
  c->cp = x->ch[i].cp;
  c->mark = c->cp >= 0 && chk_is_mark(x->ch[i].gc);
  /* letters are bases whatever their category: no lookup */
  if (c->cp < 0x900 || chk_is_letter(x->ch[i].gc)) {
    c->isc = ISC_Other;
    c->ipc = IPC_NA;
    if (c->cp == 0xA0 || c->cp == '-')
      c->isc = ISC_Consonant_Placeholder;
    return;
  }
  chk_indic(c->cp, &c->isc, &c->ipc);
}

static bool same_script(int32_t base, int32_t mark) {
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(mark, &e);
  if (s == USCRIPT_COMMON || s == USCRIPT_INHERITED)
    return true;
  return uscript_hasScript(base, s);
}

/* The fix that moves s[b..c) before s[a..b). */
static loc_status add_rotation(loc_check_ctx *x, chk_rule rule, size_t a, size_t b, size_t c,
                               const char *fmt_what) {
  x->tmp.len = 0;
  if (loc__buf_reserve(&x->tmp, c - a) != LOC_OK)
    return LOC_E_NO_MEMORY;
  memcpy(x->tmp.data, x->s + b, c - b);
  memcpy(x->tmp.data + (c - b), x->s + a, b - a);
  x->tmp.len = c - a;
  return chk_add(x, rule, LOC_SEVERITY_WARNING, a, c - a, x->tmp.data, x->tmp.len, NULL, 0,
                 "%s", fmt_what);
}

static loc_status broken(loc_check_ctx *x, size_t i, const char *what) {
  if (!chk_on(x, CHK_BROKEN_CLUSTER))
    return LOC_OK;
  return chk_add(x, CHK_BROKEN_CLUSTER, LOC_SEVERITY_ERROR, x->ch[i].off, x->ch[i].len, NULL,
                 0, NULL, 0, "U+%04X: %s", (unsigned)x->ch[i].cp, what);
}

/* Indic scripts of India, where a vowel sign precedes nukta-free modifiers
 * and follows the nukta in every orthography. */
static bool indian(int32_t cp) { return cp >= 0x0900 && cp <= 0x0DFF; }

/* Scripts whose syllables take one vowel sign and one of each sign, so a
 * repeated sign or a virama after a vowel sign is an error: the scripts of
 * India and Khmer. Others (Tai Tham, Chakma, Myanmar for Mon and Shan, ...)
 * stack and repeat signs in their orthographies; only a mark without a base
 * is reported there. */
static bool strict(int32_t cp) { return indian(cp) || (cp >= 0x1780 && cp <= 0x17FF); }

static loc_status clusters(loc_check_ctx *x) {
  loc_status st = LOC_OK;
  UErrorCode e = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
  if (U_FAILURE(e))
    return LOC_E_ICU;
  size_t base = SIZE_MAX;    /* index of the cluster's base */
  size_t last_vowel = SIZE_MAX, first_vowel = SIZE_MAX, first_mod = SIZE_MAX;
  for (size_t i = 0; st == LOC_OK && i < x->nch; i++) {
    cl_char c;
    classify(x, i, &c);
    if (!c.mark) {
      if (c.cp == 0x200C || c.cp == 0x200D)
        continue; /* joiners stay inside the cluster */
      bool can_base = c.cp >= 0 && (chk_is_letter(x->ch[i].gc) ||
                                    x->ch[i].gc == U_DECIMAL_DIGIT_NUMBER ||
                                    c.isc == ISC_Consonant_Placeholder ||
                                    c.cp == 0x25CC);
      /* a Khmer or Myanmar consonant after a stacker is part of the cluster */
      bool stacked = i > 0 && chk_is_letter(x->ch[i].gc) && c.cp >= 0 &&
                     (x->ch[i - 1].cp == 0x17D2 || x->ch[i - 1].cp == 0x1039);
      if (!stacked) {
        base = can_base ? i : SIZE_MAX;
        last_vowel = first_vowel = first_mod = SIZE_MAX;
      } else if (first_vowel != SIZE_MAX && x->ch[i - 1].cp == 0x17D2 &&
                 chk_on(x, CHK_MARK_ORDER)) {
        /* Khmer: coeng + consonant typed after the vowel sign */
        st = add_rotation(x, CHK_MARK_ORDER, x->ch[first_vowel].off, x->ch[i - 1].off,
                          chk_end(x, i),
                          "Khmer subscript consonant (COENG + consonant) after the vowel "
                          "sign: it belongs before it");
        last_vowel = first_vowel = first_mod = SIZE_MAX;
      }
      continue;
    }
    if (!dependent(c.isc))
      continue;
    if (base == SIZE_MAX) {
      st = broken(x, i, "mark with no base to attach to");
      continue;
    }
    if (!same_script(x->ch[base].cp, c.cp) && x->ch[base].cp != 0x25CC &&
        x->ch[base].cp != 0xA0) {
      st = broken(x, i, "mark of another script than its base");
      continue;
    }
    int32_t prev = x->ch[i - 1].cp;
    if (!strict(c.cp)) {
      /* Myanmar-script orthographies order signs their own ways, but none
       * writes the same vowel sign twice in a row */
      if (c.cp >= 0x1000 && c.cp <= 0x109F && prev == c.cp && c.isc == ISC_Vowel_Dependent)
        st = broken(x, i, "the same vowel sign twice in one syllable");
      continue;
    }
    int pisc, pipc;
    chk_indic(prev, &pisc, &pipc);
    if (prev == c.cp && c.isc != ISC_Tone_Mark && c.isc != ISC_Cantillation_Mark &&
        c.isc != ISC_Consonant_Medial && c.isc != ISC_Syllable_Modifier) {
      st = broken(x, i, "the same sign twice in one syllable");
      continue;
    }
    uint8_t ccc = u_getCombiningClass(c.cp);
    switch (c.isc) {
    case ISC_Vowel_Dependent:
      if (pisc == ISC_Virama) {
        st = broken(x, i, "vowel sign after a virama");
        break;
      }
      if (first_mod != SIZE_MAX && indian(c.cp) && last_vowel == SIZE_MAX &&
          chk_on(x, CHK_MARK_ORDER)) {
        st = add_rotation(x, CHK_MARK_ORDER, x->ch[first_mod].off, x->ch[i].off,
                          chk_end(x, i), "vowel sign after a nasal or visarga sign: it "
                                         "belongs before it");
        first_mod = SIZE_MAX;
        break;
      }
      /* pairs that NFC composes are not-nfc's; pairs with a single
       * character are do-not-use's */
      if (last_vowel != SIZE_MAX && ccc == 0 &&
          u_getCombiningClass(x->ch[last_vowel].cp) == 0 &&
          unorm2_composePair(nfc, x->ch[last_vowel].cp, c.cp) < 0 &&
          !(last_vowel == i - 1 && dnu_find(prev, c.cp) != NULL)) {
        cl_char lv;
        classify(x, last_vowel, &lv);
        if (lv.cp == c.cp)
          st = broken(x, i, "the same vowel sign twice in one syllable");
        else if (vowel_rank(c.ipc) < vowel_rank(lv.ipc) && chk_on(x, CHK_MARK_ORDER))
          st = chk_add(x, CHK_MARK_ORDER, LOC_SEVERITY_WARNING, x->ch[last_vowel].off,
                       chk_end(x, i) - x->ch[last_vowel].off, NULL, 0, NULL, 0,
                       "vowel signs U+%04X U+%04X out of order", (unsigned)lv.cp,
                       (unsigned)c.cp);
        else if (indian(c.cp))
          st = broken(x, i, "two vowel signs in one syllable");
      }
      if (first_vowel == SIZE_MAX)
        first_vowel = i;
      last_vowel = i;
      break;
    case ISC_Nukta:
      if (last_vowel == i - 1 && indian(c.cp) && chk_on(x, CHK_MARK_ORDER)) {
        st = add_rotation(x, CHK_MARK_ORDER, x->ch[last_vowel].off, x->ch[i].off,
                          chk_end(x, i), "nukta after the vowel sign: it belongs to the "
                                         "consonant, before the vowel sign");
        last_vowel = first_vowel = SIZE_MAX;
      }
      break;
    case ISC_Virama:
    case ISC_Invisible_Stacker:
      if (pisc == ISC_Vowel_Dependent && c.cp != 0x17D2 && indian(c.cp) &&
          first_vowel != SIZE_MAX && i + 1 < x->nch && chk_on(x, CHK_MARK_ORDER) &&
          same_script(x->ch[base].cp, x->ch[i + 1].cp) &&
          chk_is_letter(x->ch[i + 1].gc)) {
        /* virama + consonant typed after the vowel sign: the conjunct
         * belongs before it */
        st = add_rotation(x, CHK_MARK_ORDER, x->ch[first_vowel].off, x->ch[i].off,
                          chk_end(x, i + 1),
                          "virama and consonant after the vowel sign: the conjunct "
                          "belongs before it");
        i++;
        last_vowel = first_vowel = first_mod = SIZE_MAX;
      } else if ((pisc == ISC_Vowel_Dependent && c.cp != 0x17D2) || pisc == ISC_Bindu ||
                 pisc == ISC_Visarga || pisc == ISC_Virama) {
        st = broken(x, i, "virama after a vowel sign, nasal sign or virama");
      }
      break;
    case ISC_Bindu:
    case ISC_Visarga:
      if (first_mod == SIZE_MAX)
        first_mod = i;
      break;
    default:
      break;
    }
  }
  return st;
}

static loc_status do_not_use(loc_check_ctx *x) {
  loc_status st = LOC_OK;
  for (size_t i = 0; st == LOC_OK && i + 1 < x->nch; i++) {
    int32_t a = x->ch[i].cp;
    if (!dnu_range(a))
      continue;
    const struct dnu *d = dnu_find(a, x->ch[i + 1].cp);
    if (d == NULL)
      continue;
    char use[4];
    size_t n = loc__utf8_encode(d->use, use);
    st = chk_add(x, CHK_DO_NOT_USE, LOC_SEVERITY_ERROR, x->ch[i].off,
                 chk_end(x, i + 1) - x->ch[i].off, use, n, NULL, 0,
                 "U+%04X U+%04X is not to be used for U+%04X: use that character",
                 (unsigned)d->a, (unsigned)d->b, (unsigned)d->use);
    i++;
  }
  return st;
}

loc_status chk_syllable(loc_check_ctx *x) {
  loc_status st = LOC_OK;
  /* every rule here is about marks after a base */
  const uint32_t marks = (1u << U_NON_SPACING_MARK) | (1u << U_COMBINING_SPACING_MARK) |
                         (1u << U_ENCLOSING_MARK);
  if (!(x->seen_gc & marks))
    return LOC_OK;
  if (chk_on(x, CHK_DO_NOT_USE))
    st = do_not_use(x);
  if (st == LOC_OK && (chk_on(x, CHK_BROKEN_CLUSTER) || chk_on(x, CHK_MARK_ORDER)))
    st = clusters(x);
  if (st == LOC_OK)
    st = chk_use(x);
  return st;
}
