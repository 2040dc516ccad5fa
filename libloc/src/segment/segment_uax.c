/*
 * The untailored rules of UAX #29 (grapheme clusters, words, sentences) and
 * UAX #14 (line breaking, with the numeric tailoring of its Example 7 that
 * LineBreakTest.txt uses), for `--strict-uax`. ICU's iterators apply CLDR's
 * root tailorings on top of these rules; this module is the plain
 * algorithm, written from the rule lists of the two annexes for the Unicode
 * version ICU follows, with the character properties read from ICU.
 *
 * Each text is decoded once into an array of code points with their
 * property values; every rule is then a test on the neighbours of one
 * position. Rules that "ignore" characters (WB4, SB5, LB9) are applied by
 * computing, per position, whether the character is absorbed into the one
 * before it and which value stands for the pair; the later rules walk the
 * positions that are not absorbed.
 */
#include "internal.h"
#include "segment_uax.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

typedef struct cp_info {
  size_t start;     /* byte offset of the code point */
  int32_t c;        /* U+FFFD for an ill-formed subpart */
  uint8_t cls;      /* the kind's property value (after LB1 for lines) */
  uint8_t eff;      /* the value that stands for it after WB4 / SB5 / LB9-10 */
  bool absorbed;    /* ignored by WB4 / SB5 / LB9: no break before it */
} cp_info;

typedef struct text {
  cp_info *cp;
  size_t n;
} text;

static bool decode_all(const char *s, size_t len, text *t) {
  t->cp = NULL;
  t->n = 0;
  if (len == 0)
    return true;
  cp_info *cp = malloc(len * sizeof *cp); /* at most one per byte */
  if (cp == NULL)
    return false;
  size_t n = 0;
  for (size_t i = 0, k; i < len; i += k) {
    int32_t c = loc__utf8_decode((const uint8_t *)s, len, i, &k);
    cp[n++] = (cp_info){.start = i, .c = c < 0 ? 0xFFFD : c};
  }
  t->cp = cp;
  t->n = n;
  return true;
}

/* Position of the nearest absorbed-free character before @i, or -1. */
static ptrdiff_t prev_base(const text *t, ptrdiff_t i) {
  for (i--; i >= 0; i--)
    if (!t->cp[i].absorbed)
      return i;
  return -1;
}

/* Position of the next absorbed-free character after @i, or n. */
static size_t next_base(const text *t, size_t i) {
  for (i++; i < t->n; i++)
    if (!t->cp[i].absorbed)
      break;
  return i;
}

static uint8_t eff_at(const text *t, ptrdiff_t i) {
  return i < 0 || (size_t)i >= t->n ? 0xFF : t->cp[i].eff;
}

/* Count of consecutive regional indicators (by effective value @ri)
 * ending at base position @i. */
static size_t ri_run(const text *t, ptrdiff_t i, uint8_t ri) {
  size_t k = 0;
  while (i >= 0 && t->cp[i].eff == ri) {
    k++;
    i = prev_base(t, i);
  }
  return k;
}

static bool ext_pict(int32_t c) {
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC);
}

/* ---------- grapheme clusters (UAX #29 §3.1.1) ---------- */

static bool grapheme_break(const text *t, size_t i) {
  uint8_t a = t->cp[i - 1].cls, b = t->cp[i].cls;
  if (a == U_GCB_CR && b == U_GCB_LF)
    return false;                                               /* GB3 */
  if (a == U_GCB_CONTROL || a == U_GCB_CR || a == U_GCB_LF)
    return true;                                                /* GB4 */
  if (b == U_GCB_CONTROL || b == U_GCB_CR || b == U_GCB_LF)
    return true;                                                /* GB5 */
  if (a == U_GCB_L && (b == U_GCB_L || b == U_GCB_V || b == U_GCB_LV || b == U_GCB_LVT))
    return false;                                               /* GB6 */
  if ((a == U_GCB_LV || a == U_GCB_V) && (b == U_GCB_V || b == U_GCB_T))
    return false;                                               /* GB7 */
  if ((a == U_GCB_LVT || a == U_GCB_T) && b == U_GCB_T)
    return false;                                               /* GB8 */
  if (b == U_GCB_EXTEND || b == U_GCB_ZWJ || b == U_GCB_SPACING_MARK)
    return false;                                               /* GB9, GB9a */
  if (a == U_GCB_PREPEND)
    return false;                                               /* GB9b */
  if (a == U_GCB_ZWJ && ext_pict(t->cp[i].c)) {                 /* GB11 */
    ptrdiff_t j = (ptrdiff_t)i - 2;
    while (j >= 0 && t->cp[j].cls == U_GCB_EXTEND)
      j--;
    if (j >= 0 && ext_pict(t->cp[j].c))
      return false;
  }
  if (a == U_GCB_REGIONAL_INDICATOR && b == U_GCB_REGIONAL_INDICATOR)
    return ri_run(t, (ptrdiff_t)i - 1, U_GCB_REGIONAL_INDICATOR) % 2 == 0; /* GB12, GB13 */
  return true;                                                  /* GB999 */
}

/* ---------- words (UAX #29 §4.1.1) ---------- */

static bool ahletter(uint8_t v) { return v == U_WB_ALETTER || v == U_WB_HEBREW_LETTER; }
static bool midnumletq(uint8_t v) { return v == U_WB_MIDNUMLET || v == U_WB_SINGLE_QUOTE; }
static bool word_newline(uint8_t v) { return v == U_WB_NEWLINE || v == U_WB_CR || v == U_WB_LF; }
static bool word_ignorable(uint8_t v) {
  return v == U_WB_EXTEND || v == U_WB_FORMAT || v == U_WB_ZWJ;
}

static bool word_break(const text *t, size_t i) {
  uint8_t a = t->cp[i - 1].cls, b = t->cp[i].cls;
  if (a == U_WB_CR && b == U_WB_LF)
    return false;                                               /* WB3 */
  if (word_newline(a) || word_newline(b))
    return true;                                                /* WB3a, WB3b */
  if (a == U_WB_ZWJ && ext_pict(t->cp[i].c))
    return false;                                               /* WB3c */
  if (a == U_WB_WSEGSPACE && b == U_WB_WSEGSPACE)
    return false;                                               /* WB3d */
  if (t->cp[i].absorbed)
    return false;                                               /* WB4 */
  ptrdiff_t pa = prev_base(t, (ptrdiff_t)i);                    /* i - 1 or its base */
  a = eff_at(t, pa);
  ptrdiff_t pa2 = prev_base(t, pa);
  uint8_t a2 = eff_at(t, pa2);
  size_t nb = next_base(t, i);
  uint8_t b2 = eff_at(t, (ptrdiff_t)nb);
  if (ahletter(a) && ahletter(b))
    return false;                                               /* WB5 */
  if (ahletter(a) && (b == U_WB_MIDLETTER || midnumletq(b)) && ahletter(b2))
    return false;                                               /* WB6 */
  if (ahletter(a2) && (a == U_WB_MIDLETTER || midnumletq(a)) && ahletter(b))
    return false;                                               /* WB7 */
  if (a == U_WB_HEBREW_LETTER && b == U_WB_SINGLE_QUOTE)
    return false;                                               /* WB7a */
  if (a == U_WB_HEBREW_LETTER && b == U_WB_DOUBLE_QUOTE && b2 == U_WB_HEBREW_LETTER)
    return false;                                               /* WB7b */
  if (a2 == U_WB_HEBREW_LETTER && a == U_WB_DOUBLE_QUOTE && b == U_WB_HEBREW_LETTER)
    return false;                                               /* WB7c */
  if (a == U_WB_NUMERIC && b == U_WB_NUMERIC)
    return false;                                               /* WB8 */
  if (ahletter(a) && b == U_WB_NUMERIC)
    return false;                                               /* WB9 */
  if (a == U_WB_NUMERIC && ahletter(b))
    return false;                                               /* WB10 */
  if (a2 == U_WB_NUMERIC && (a == U_WB_MIDNUM || midnumletq(a)) && b == U_WB_NUMERIC)
    return false;                                               /* WB11 */
  if (a == U_WB_NUMERIC && (b == U_WB_MIDNUM || midnumletq(b)) && b2 == U_WB_NUMERIC)
    return false;                                               /* WB12 */
  if (a == U_WB_KATAKANA && b == U_WB_KATAKANA)
    return false;                                               /* WB13 */
  if ((ahletter(a) || a == U_WB_NUMERIC || a == U_WB_KATAKANA || a == U_WB_EXTENDNUMLET) &&
      b == U_WB_EXTENDNUMLET)
    return false;                                               /* WB13a */
  if (a == U_WB_EXTENDNUMLET && (ahletter(b) || b == U_WB_NUMERIC || b == U_WB_KATAKANA))
    return false;                                               /* WB13b */
  if (a == U_WB_REGIONAL_INDICATOR && b == U_WB_REGIONAL_INDICATOR)
    return ri_run(t, pa, U_WB_REGIONAL_INDICATOR) % 2 == 0;     /* WB15, WB16 */
  return true;                                                  /* WB999 */
}

/* ---------- sentences (UAX #29 §5.1.1) ---------- */

static bool parasep(uint8_t v) { return v == U_SB_SEP || v == U_SB_CR || v == U_SB_LF; }
static bool saterm(uint8_t v) { return v == U_SB_STERM || v == U_SB_ATERM; }

/* From base position @p walking back over Sp* then Close*: the position of
 * the character before them (or -1), and whether any Sp was crossed. */
static ptrdiff_t skip_sp_close(const text *t, ptrdiff_t p, bool allow_sp) {
  if (allow_sp)
    while (p >= 0 && t->cp[p].eff == U_SB_SP)
      p = prev_base(t, p);
  while (p >= 0 && t->cp[p].eff == U_SB_CLOSE)
    p = prev_base(t, p);
  return p;
}

/* 0: no break; 1: break after a paragraph separator (SB4); 2: after a
 * terminator (SB11). */
static int sentence_break(const text *t, size_t i) {
  uint8_t a = t->cp[i - 1].cls, b = t->cp[i].cls;
  if (a == U_SB_CR && b == U_SB_LF)
    return 0;                                               /* SB3 */
  if (parasep(a))
    return 1;                                                   /* SB4 */
  if (t->cp[i].absorbed)
    return 0;                                               /* SB5 */
  ptrdiff_t pa = prev_base(t, (ptrdiff_t)i);
  a = eff_at(t, pa);
  if (a == U_SB_ATERM && b == U_SB_NUMERIC)
    return 0;                                               /* SB6 */
  if (a == U_SB_ATERM && b == U_SB_UPPER) {                     /* SB7 */
    uint8_t a2 = eff_at(t, prev_base(t, pa));
    if (a2 == U_SB_UPPER || a2 == U_SB_LOWER)
      return 0;
  }
  ptrdiff_t q = skip_sp_close(t, pa, true); /* ATerm/SATerm before Close* Sp* */
  uint8_t term = eff_at(t, q);
  if (term == U_SB_ATERM) {                                     /* SB8 */
    size_t j = i;
    while (j < t->n) {
      uint8_t v = t->cp[j].eff;
      if (v == U_SB_OLETTER || v == U_SB_UPPER || v == U_SB_LOWER || parasep(v) || saterm(v))
        break;
      j = next_base(t, j);
    }
    if (j < t->n && t->cp[j].eff == U_SB_LOWER)
      return 0;
  }
  if (saterm(term) && (b == U_SB_SCONTINUE || saterm(b)))
    return 0;                                               /* SB8a */
  ptrdiff_t q9 = skip_sp_close(t, pa, false);
  if (saterm(eff_at(t, q9)) && (b == U_SB_CLOSE || b == U_SB_SP || parasep(b)))
    return 0;                                               /* SB9 */
  if (saterm(term) && (b == U_SB_SP || parasep(b)))
    return 0;                                               /* SB10 */
  if (saterm(term))
    return 2;                                                   /* SB11 (ParaSep? is SB4) */
  return 0;                                                 /* SB998 */
}

/* ---------- lines (UAX #14 §6, numbers as in its Example 7) ---------- */

static uint8_t line_class(int32_t c) {
  uint8_t v = (uint8_t)u_getIntPropertyValue(c, UCHAR_LINE_BREAK);
  switch (v) {                                                  /* LB1 */
  case U_LB_AMBIGUOUS:
  case U_LB_SURROGATE:
  case U_LB_UNKNOWN:
    return U_LB_ALPHABETIC;
  case U_LB_COMPLEX_CONTEXT: {
    int8_t gc = u_charType(c);
    return gc == U_NON_SPACING_MARK || gc == U_COMBINING_SPACING_MARK ? U_LB_COMBINING_MARK
                                                                      : U_LB_ALPHABETIC;
  }
  case U_LB_CONDITIONAL_JAPANESE_STARTER:
    return U_LB_NONSTARTER;
  default:
    return v;
  }
}

static bool lb9_root(uint8_t v) {
  return v == U_LB_MANDATORY_BREAK || v == U_LB_CARRIAGE_RETURN || v == U_LB_LINE_FEED ||
         v == U_LB_NEXT_LINE || v == U_LB_SPACE || v == U_LB_ZWSPACE;
}
static bool cm_or_zwj(uint8_t v) { return v == U_LB_COMBINING_MARK || v == U_LB_ZWJ; }
static bool al_hl(uint8_t v) { return v == U_LB_ALPHABETIC || v == U_LB_HEBREW_LETTER; }
static bool pr_po(uint8_t v) { return v == U_LB_PREFIX_NUMERIC || v == U_LB_POSTFIX_NUMERIC; }
static bool nu_sy_is(uint8_t v) {
  return v == U_LB_NUMERIC || v == U_LB_BREAK_SYMBOLS || v == U_LB_INFIX_NUMERIC;
}
static bool cl_cp(uint8_t v) { return v == U_LB_CLOSE_PUNCTUATION || v == U_LB_CLOSE_PARENTHESIS; }
static bool jamo(uint8_t v) {
  return v == U_LB_JL || v == U_LB_JV || v == U_LB_JT || v == U_LB_H2 || v == U_LB_H3;
}
static bool wide(int32_t c) {
  int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_FULLWIDTH || ea == U_EA_WIDE || ea == U_EA_HALFWIDTH;
}

/* Base position @p walking back over SP: the position before them, or -1. */
static ptrdiff_t skip_sp(const text *t, ptrdiff_t p) {
  while (p >= 0 && t->cp[p].eff == U_LB_SPACE)
    p = prev_base(t, p);
  return p;
}

/* NU (NU | SY | IS)* ending at base position @p. */
static bool numeric_run(const text *t, ptrdiff_t p) {
  for (; p >= 0 && nu_sy_is(t->cp[p].eff); p = prev_base(t, p))
    if (t->cp[p].eff == U_LB_NUMERIC)
      return true;
  return false;
}

/* Returns 0 for no break, 1 for a break opportunity, 2 for a mandatory one. */
static int line_break(const text *t, size_t i) {
  uint8_t a = t->cp[i - 1].cls, b = t->cp[i].cls;
  if (a == U_LB_MANDATORY_BREAK)
    return 2;                                                   /* LB4 */
  if (a == U_LB_CARRIAGE_RETURN && b == U_LB_LINE_FEED)
    return 0;                                                   /* LB5 */
  if (a == U_LB_CARRIAGE_RETURN || a == U_LB_LINE_FEED || a == U_LB_NEXT_LINE)
    return 2;
  if (b == U_LB_MANDATORY_BREAK || b == U_LB_CARRIAGE_RETURN || b == U_LB_LINE_FEED ||
      b == U_LB_NEXT_LINE)
    return 0;                                                   /* LB6 */
  if (b == U_LB_SPACE || b == U_LB_ZWSPACE)
    return 0;                                                   /* LB7 */
  {                                                             /* LB8 */
    ptrdiff_t j = (ptrdiff_t)i - 1;
    while (j >= 0 && t->cp[j].cls == U_LB_SPACE)
      j--;
    if (j >= 0 && t->cp[j].cls == U_LB_ZWSPACE)
      return 1;
  }
  if (a == U_LB_ZWJ)
    return 0;                                                   /* LB8a */
  if (t->cp[i].absorbed)
    return 0;                                                   /* LB9 */
  ptrdiff_t pa = prev_base(t, (ptrdiff_t)i);
  a = eff_at(t, pa);                                            /* LB10 applied in eff */
  b = t->cp[i].eff;
  int32_t ca = t->cp[pa].c, cb = t->cp[i].c;
  if (b == U_LB_WORD_JOINER || a == U_LB_WORD_JOINER)
    return 0;                                                   /* LB11 */
  if (a == U_LB_GLUE)
    return 0;                                                   /* LB12 */
  if (b == U_LB_GLUE && a != U_LB_SPACE && a != U_LB_BREAK_AFTER && a != U_LB_HYPHEN)
    return 0;                                                   /* LB12a */
  if (cl_cp(b) || b == U_LB_EXCLAMATION || b == U_LB_INFIX_NUMERIC ||
      b == U_LB_BREAK_SYMBOLS)
    return 0;                                                   /* LB13 */
  uint8_t before_sp = eff_at(t, skip_sp(t, pa));
  if (before_sp == U_LB_OPEN_PUNCTUATION)
    return 0;                                                   /* LB14 */
  if (before_sp == U_LB_QUOTATION && b == U_LB_OPEN_PUNCTUATION)
    return 0;                                                   /* LB15 */
  if (cl_cp(before_sp) && b == U_LB_NONSTARTER)
    return 0;                                                   /* LB16 */
  if (before_sp == U_LB_BREAK_BOTH && b == U_LB_BREAK_BOTH)
    return 0;                                                   /* LB17 */
  if (a == U_LB_SPACE)
    return 1;                                                   /* LB18 */
  if (a == U_LB_QUOTATION || b == U_LB_QUOTATION)
    return 0;                                                   /* LB19 */
  if (a == U_LB_CONTINGENT_BREAK || b == U_LB_CONTINGENT_BREAK)
    return 1;                                                   /* LB20 */
  if (b == U_LB_BREAK_AFTER || b == U_LB_HYPHEN || b == U_LB_NONSTARTER ||
      a == U_LB_BREAK_BEFORE)
    return 0;                                                   /* LB21 */
  if ((a == U_LB_HYPHEN || a == U_LB_BREAK_AFTER) &&
      eff_at(t, prev_base(t, pa)) == U_LB_HEBREW_LETTER)
    return 0;                                                   /* LB21a */
  if (a == U_LB_BREAK_SYMBOLS && b == U_LB_HEBREW_LETTER)
    return 0;                                                   /* LB21b */
  if (b == U_LB_INSEPARABLE)
    return 0;                                                   /* LB22 */
  if ((al_hl(a) && b == U_LB_NUMERIC) || (a == U_LB_NUMERIC && al_hl(b)))
    return 0;                                                   /* LB23 */
  if ((a == U_LB_PREFIX_NUMERIC &&
       (b == U_LB_IDEOGRAPHIC || b == U_LB_E_BASE || b == U_LB_E_MODIFIER)) ||
      ((a == U_LB_IDEOGRAPHIC || a == U_LB_E_BASE || a == U_LB_E_MODIFIER) &&
       b == U_LB_POSTFIX_NUMERIC))
    return 0;                                                   /* LB23a */
  if ((pr_po(a) && al_hl(b)) || (al_hl(a) && pr_po(b)))
    return 0;                                                   /* LB24 */
  {                                                             /* LB25, Example 7 */
    uint8_t b2 = eff_at(t, (ptrdiff_t)next_base(t, i));
    if (pr_po(a) && (b == U_LB_NUMERIC ||
                     ((b == U_LB_OPEN_PUNCTUATION || b == U_LB_HYPHEN) && b2 == U_LB_NUMERIC)))
      return 0;
    if ((a == U_LB_OPEN_PUNCTUATION || a == U_LB_HYPHEN) && b == U_LB_NUMERIC)
      return 0;
    if ((nu_sy_is(b) || cl_cp(b)) && numeric_run(t, pa))
      return 0;
    if (pr_po(b) && (numeric_run(t, pa) || (cl_cp(a) && numeric_run(t, prev_base(t, pa)))))
      return 0;
  }
  if ((a == U_LB_JL && (b == U_LB_JL || b == U_LB_JV || b == U_LB_H2 || b == U_LB_H3)) ||
      ((a == U_LB_JV || a == U_LB_H2) && (b == U_LB_JV || b == U_LB_JT)) ||
      ((a == U_LB_JT || a == U_LB_H3) && b == U_LB_JT))
    return 0;                                                   /* LB26 */
  if ((jamo(a) && b == U_LB_POSTFIX_NUMERIC) || (a == U_LB_PREFIX_NUMERIC && jamo(b)))
    return 0;                                                   /* LB27 */
  if (al_hl(a) && al_hl(b))
    return 0;                                                   /* LB28 */
  if (a == U_LB_INFIX_NUMERIC && al_hl(b))
    return 0;                                                   /* LB29 */
  if (((al_hl(a) || a == U_LB_NUMERIC) && b == U_LB_OPEN_PUNCTUATION && !wide(cb)) ||
      (a == U_LB_CLOSE_PARENTHESIS && !wide(ca) && (al_hl(b) || b == U_LB_NUMERIC)))
    return 0;                                                   /* LB30 */
  if (a == U_LB_REGIONAL_INDICATOR && b == U_LB_REGIONAL_INDICATOR)
    return ri_run(t, pa, U_LB_REGIONAL_INDICATOR) % 2 == 0 ? 1 : 0; /* LB30a */
  if (b == U_LB_E_MODIFIER &&
      (a == U_LB_E_BASE || (ext_pict(ca) && u_charType(ca) == U_UNASSIGNED)))
    return 0;                                                   /* LB30b */
  return 1;                                                     /* LB31 */
}

/* ---------- properties and the absorbed/effective values ---------- */

static void classify(text *t, loc_segment_kind kind) {
  for (size_t i = 0; i < t->n; i++) {
    cp_info *p = &t->cp[i];
    uint8_t prev = i ? t->cp[i - 1].cls : 0;
    switch (kind) {
    case LOC_BREAK_GRAPHEME:
      p->cls = (uint8_t)u_getIntPropertyValue(p->c, UCHAR_GRAPHEME_CLUSTER_BREAK);
      p->eff = p->cls;
      break;
    case LOC_BREAK_WORD:
      p->cls = (uint8_t)u_getIntPropertyValue(p->c, UCHAR_WORD_BREAK);
      p->absorbed = i > 0 && word_ignorable(p->cls) && !word_newline(prev);   /* WB4 */
      p->eff = p->absorbed ? t->cp[i - 1].eff : p->cls;
      break;
    case LOC_BREAK_SENTENCE:
      p->cls = (uint8_t)u_getIntPropertyValue(p->c, UCHAR_SENTENCE_BREAK);
      p->absorbed = i > 0 && (p->cls == U_SB_EXTEND || p->cls == U_SB_FORMAT) &&
                    !parasep(prev);                                          /* SB5 */
      p->eff = p->absorbed ? t->cp[i - 1].eff : p->cls;
      break;
    default:
      p->cls = line_class(p->c);
      p->absorbed = i > 0 && cm_or_zwj(p->cls) && !lb9_root(prev);           /* LB9 */
      p->eff = p->absorbed ? t->cp[i - 1].eff
                           : cm_or_zwj(p->cls) ? U_LB_ALPHABETIC : p->cls;   /* LB10 */
      break;
    }
  }
}

/* What a word segment holds, by its letters and digits. */
static loc_segment_type word_type(const text *t, size_t from, size_t to) {
  loc_segment_type type = LOC_SEG_NONE;
  for (size_t i = from; i < to; i++) {
    int32_t c = t->cp[i].c;
    int8_t gc = u_charType(c);
    if (gc == U_DECIMAL_DIGIT_NUMBER) {
      if (type == LOC_SEG_NONE)
        type = LOC_SEG_NUMBER;
    } else if (u_isalpha(c)) {
      UScriptCode sc = (UScriptCode)u_getIntPropertyValue(c, UCHAR_SCRIPT);
      if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA)
        return LOC_SEG_KANA;
      if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))
        return LOC_SEG_IDEO;
      return LOC_SEG_WORD;
    }
  }
  return type;
}

loc_status loc__uax_segments(loc_segment_kind kind, const char *s, size_t len,
                             loc_segment **out, size_t *count) {
  *out = NULL;
  *count = 0;
  text t;
  if (!decode_all(s, len, &t))
    return LOC_E_NO_MEMORY;
  if (t.n == 0)
    return LOC_OK;
  classify(&t, kind);
  loc_segment *segs = malloc(t.n * sizeof *segs); /* at most one per code point */
  if (segs == NULL) {
    free(t.cp);
    return LOC_E_NO_MEMORY;
  }
  size_t nseg = 0, from = 0;
  for (size_t i = 1; i <= t.n; i++) {
    int brk;
    if (i == t.n) {
      brk = 1;                                                  /* GB2, WB2, SB2, LB3 */
      if (kind == LOC_BREAK_LINE) {
        uint8_t a = t.cp[i - 1].cls;
        if (a == U_LB_MANDATORY_BREAK || a == U_LB_CARRIAGE_RETURN ||
            a == U_LB_LINE_FEED || a == U_LB_NEXT_LINE)
          brk = 2;
      }
    } else {
      switch (kind) {
      case LOC_BREAK_GRAPHEME: brk = grapheme_break(&t, i); break;
      case LOC_BREAK_WORD: brk = word_break(&t, i); break;
      case LOC_BREAK_SENTENCE: brk = sentence_break(&t, i); break;
      default: brk = line_break(&t, i); break;
      }
    }
    if (!brk)
      continue;
    loc_segment *g = &segs[nseg++];
    g->start = t.cp[from].start;
    g->end = i == t.n ? len : t.cp[i].start;
    switch (kind) {
    case LOC_BREAK_GRAPHEME: g->type = LOC_SEG_GRAPHEME; break;
    case LOC_BREAK_WORD: g->type = word_type(&t, from, i); break;
    case LOC_BREAK_SENTENCE:
      if (i == t.n)
        brk = !parasep(t.cp[i - 1].eff) &&
                      saterm(eff_at(&t, skip_sp_close(&t, prev_base(&t, (ptrdiff_t)i), true)))
                  ? 2 : 1;
      g->type = brk == 2 ? LOC_SEG_TERM : LOC_SEG_SEP;
      break;
    default: g->type = brk == 2 ? LOC_SEG_HARD : LOC_SEG_SOFT; break;
    }
    from = i;
  }
  free(t.cp);
  *out = segs;
  *count = nseg;
  return LOC_OK;
}
