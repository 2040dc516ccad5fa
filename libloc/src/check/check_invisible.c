/* Invisible and bidi family: unbalanced or reordering bidi controls (the
 * "Trojan Source" class), ZWJ/ZWNJ without context, other default-ignorable
 * characters, unusual spaces. */
#include "internal.h"

#include "check_internal.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

enum { LRE = 0x202A, RLE, PDF, LRO, RLO, LRI = 0x2066, RLI, FSI, PDI };

/* UAX #9 allows 125 levels; deeper openers are reported as they come. */
#define BIDI_DEPTH 128

static bool is_isolate(int32_t cp) { return cp >= LRI && cp <= FSI; }

/* RLE/RLI around text with no right-to-left character: what Trojan Source
 * uses to show left-to-right tokens in another order. */
static bool rtl_around_ltr(const loc_check_ctx *x, size_t open, size_t close) {
  int32_t cp = x->ch[open].cp;
  if (cp != RLE && cp != RLI)
    return false;
  bool strong_l = false;
  for (size_t k = open + 1; k < close; k++) {
    int32_t c = x->ch[k].cp;
    if (c < 0)
      continue;
    UCharDirection d = u_charDirection(c);
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC || d == U_ARABIC_NUMBER)
      return false;
    if (d == U_LEFT_TO_RIGHT || d == U_EUROPEAN_NUMBER)
      strong_l = true;
  }
  return strong_l;
}

static loc_status bidi_report_open(loc_check_ctx *x, size_t i, const char *why) {
  if (!chk_on(x, CHK_BIDI_UNBALANCED))
    return LOC_OK;
  return chk_add(x, CHK_BIDI_UNBALANCED, LOC_SEVERITY_ERROR, x->ch[i].off, x->ch[i].len,
                 NULL, 0, NULL, 0, "U+%04X %s", (unsigned)x->ch[i].cp, why);
}

static loc_status bidi_closed(loc_check_ctx *x, size_t open, size_t close) {
  if (chk_on(x, CHK_BIDI_REORDER) && rtl_around_ltr(x, open, close))
    return chk_add(x, CHK_BIDI_REORDER, LOC_SEVERITY_WARNING, x->ch[open].off,
                   chk_end(x, close < x->nch ? close : x->nch - 1) - x->ch[open].off, NULL, 0,
                   NULL, 0,
                   "U+%04X makes left-to-right text right-to-left: it displays in "
                   "another order than stored",
                   (unsigned)x->ch[open].cp);
  return LOC_OK;
}

static loc_status bidi(loc_check_ctx *x) {
  size_t stack[BIDI_DEPTH];
  size_t depth = 0;
  loc_status st = LOC_OK;
  for (size_t i = 0; st == LOC_OK && i < x->nch; i++) {
    int32_t cp = x->ch[i].cp;
    if (cp < LRE || cp > PDI || (cp > RLO && cp < LRI))
      continue;
    if (cp == LRO || cp == RLO) {
      if (chk_on(x, CHK_BIDI_REORDER))
        st = chk_add(x, CHK_BIDI_REORDER, LOC_SEVERITY_WARNING, x->ch[i].off, x->ch[i].len,
                     NULL, 0, NULL, 0,
                     "U+%04X overrides the direction of characters: they display in "
                     "another order than stored",
                     (unsigned)cp);
      if (st != LOC_OK)
        break;
    }
    if (cp == PDF) {
      if (depth > 0 && !is_isolate(x->ch[stack[depth - 1]].cp)) {
        depth--;
        st = bidi_closed(x, stack[depth], i);
      } else {
        st = bidi_report_open(x, i, "(pop directional formatting) closes nothing");
      }
    } else if (cp == PDI) {
      size_t d = depth;
      while (d > 0 && !is_isolate(x->ch[stack[d - 1]].cp))
        d--;
      if (d == 0) {
        st = bidi_report_open(x, i, "(pop directional isolate) closes nothing");
        continue;
      }
      /* a PDI also closes the embeddings opened inside its isolate */
      for (size_t k = d; st == LOC_OK && k < depth; k++)
        st = bidi_report_open(x, stack[k], "is not closed before the isolate ends");
      depth = d - 1;
      if (st == LOC_OK)
        st = bidi_closed(x, stack[depth], i);
    } else if (depth == BIDI_DEPTH) {
      st = bidi_report_open(x, i, "nests deeper than bidi allows");
    } else {
      stack[depth++] = i;
    }
  }
  for (size_t k = 0; st == LOC_OK && k < depth; k++) {
    st = bidi_report_open(x, stack[k], "is not closed in its line");
    if (st == LOC_OK)
      st = bidi_closed(x, stack[k], x->nch);
  }
  return st;
}

/* ---------- joiners and other invisible characters ---------- */

static int32_t cp_at(const loc_check_ctx *x, size_t i, ptrdiff_t d) {
  ptrdiff_t k = (ptrdiff_t)i + d;
  if (k < 0 || (size_t)k >= x->nch)
    return -1;
  return x->ch[k].cp;
}

static bool word_char(int32_t cp) {
  if (cp < 0)
    return false;
  int8_t gc = (int8_t)u_charType(cp);
  return chk_is_letter(gc) || chk_is_mark(gc) || gc == U_DECIMAL_DIGIT_NUMBER;
}

static bool emoji(int32_t cp) {
  return cp >= 0 && (u_hasBinaryProperty(cp, UCHAR_EXTENDED_PICTOGRAPHIC) ||
                     u_hasBinaryProperty(cp, UCHAR_EMOJI_MODIFIER) || cp == 0xFE0F);
}

static bool complex_word_char(int32_t cp) {
  return word_char(cp) && chk_complex_script(cp);
}

static bool zw_in_context(const loc_check_ctx *x, size_t i) {
  int32_t prev = cp_at(x, i, -1), next = cp_at(x, i, 1);
  if (x->ch[i].cp == 0x200D) {
    if (emoji(prev) && emoji(next))
      return true;
    return complex_word_char(prev) || complex_word_char(next);
  }
  /* ZWNJ: after a letter of a joining or conjunct-forming script */
  return complex_word_char(prev);
}

/* Scripts written without spaces, where ZWSP and WJ mark word or line
 * boundaries by design. */
static bool spaceless(int32_t cp) {
  if (cp < 0)
    return false;
  UErrorCode e = U_ZERO_ERROR;
  switch (uscript_getScript(cp, &e)) {
  case USCRIPT_THAI: case USCRIPT_LAO: case USCRIPT_KHMER: case USCRIPT_MYANMAR:
  case USCRIPT_TIBETAN: case USCRIPT_JAVANESE: case USCRIPT_BALINESE:
  case USCRIPT_TAI_LE: case USCRIPT_NEW_TAI_LUE: case USCRIPT_LANNA:
  case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA:
    return true;
  default:
    return false;
  }
}

/* Default-ignorable characters another rule covers, or that have a defined
 * use: bidi marks and controls, variation selectors, CGJ, joiners. */
static bool ignorable_with_a_use(const loc_check_ctx *x, size_t i) {
  int32_t cp = x->ch[i].cp, prev = cp_at(x, i, -1), next = cp_at(x, i, 1);
  if (cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
      (cp >= LRE && cp <= RLO) || (cp >= LRI && cp <= PDI) || cp == 0x034F)
    return true;
  if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
      (cp >= 0x180B && cp <= 0x180F))
    return prev >= 0 && !u_isUWhiteSpace(prev);
  if (cp >= 0xE0020 && cp <= 0xE007F) /* emoji tag sequences */
    return prev == 0x1F3F4 || (prev >= 0xE0020 && prev <= 0xE007F);
  if (cp == 0xFEFF)
    return i == 0;
  if (cp == 0x200B || cp == 0x2060)
    return spaceless(prev) || spaceless(next);
  if (cp == 0x115F || cp == 0x1160) /* old Hangul jamo sequences */
    return (prev >= 0x1100 && prev <= 0x11FF) || (next >= 0x1100 && next <= 0x11FF);
  return false;
}

/* Default-ignorable characters that are not format characters: fillers
 * and variation selectors. */
static bool invisible_letter_or_mark(int32_t cp) {
  return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x180B && cp <= 0x180F) ||
         (cp >= 0xE0100 && cp <= 0xE01EF);
}

static loc_status invisibles(loc_check_ctx *x) {
  loc_status st = LOC_OK;
  for (size_t i = 0; st == LOC_OK && i < x->nch; i++) {
    int32_t cp = x->ch[i].cp;
    if (cp < 0xAD || (x->ch[i].gc != U_FORMAT_CHAR && !invisible_letter_or_mark(cp)))
      continue;
    if (cp == 0x200C || cp == 0x200D) {
      if (chk_on(x, CHK_ZW_NO_CONTEXT) && !zw_in_context(x, i))
        st = chk_add(x, CHK_ZW_NO_CONTEXT, LOC_SEVERITY_WARNING, x->ch[i].off, x->ch[i].len,
                     NULL, 0, "", 0, "%s outside any joining, conjunct or emoji context",
                     cp == 0x200D ? "ZERO WIDTH JOINER" : "ZERO WIDTH NON-JOINER");
      continue;
    }
    if (!chk_on(x, CHK_DEFAULT_IGNORABLE) ||
        !u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
        ignorable_with_a_use(x, i))
      continue;
    bool inside = word_char(cp_at(x, i, -1)) && word_char(cp_at(x, i, 1));
    if (cp == 0x00AD) /* a hyphenation hint is its purpose inside a word */
      st = chk_add(x, CHK_DEFAULT_IGNORABLE, inside ? LOC_SEVERITY_INFO : LOC_SEVERITY_WARNING,
                   x->ch[i].off, x->ch[i].len, NULL, 0, "", 0, "soft hyphen %s",
                   inside ? "inside a word (invisible unless the word is hyphenated)"
                          : "outside a word");
    else
      st = chk_add(x, CHK_DEFAULT_IGNORABLE, LOC_SEVERITY_WARNING, x->ch[i].off,
                   x->ch[i].len, NULL, 0, "", 0, "invisible character U+%04X %s",
                   (unsigned)cp, inside ? "inside a word" : "in the text");
  }
  return st;
}

/* ---------- spaces ---------- */

static loc_status spaces(loc_check_ctx *x) {
  loc_status st = LOC_OK;
  for (size_t i = 0; st == LOC_OK && i < x->nch;) {
    if (x->ch[i].gc != U_SPACE_SEPARATOR) {
      i++;
      continue;
    }
    size_t j = i;
    bool odd = false;
    int32_t rare = -1;
    while (j < x->nch && x->ch[j].gc == U_SPACE_SEPARATOR) {
      int32_t cp = x->ch[j].cp;
      /* a run of one kind of space is layout (CJK indents with U+3000) */
      if (cp != x->ch[i].cp)
        odd = true;
      if ((cp >= 0x2000 && cp <= 0x200A && cp != 0x2009) || cp == 0x205F)
        rare = cp;
      j++;
    }
    size_t off = x->ch[i].off, len = chk_end(x, j - 1) - off;
    if (odd && j - i > 1)
      st = chk_add(x, CHK_ODD_SPACE, LOC_SEVERITY_INFO, off, len, NULL, 0, " ", 1,
                   "run of %zu spaces of mixed or unusual kinds", j - i);
    else if (rare >= 0)
      st = chk_add(x, CHK_ODD_SPACE, LOC_SEVERITY_INFO, off, len, NULL, 0, " ", 1,
                   "unusual space U+%04X", (unsigned)rare);
    i = j;
  }
  return st;
}

loc_status chk_invisible(loc_check_ctx *x) {
  loc_status st = LOC_OK;
  bool format = x->seen_gc & (1u << U_FORMAT_CHAR);
  if (format && (chk_on(x, CHK_BIDI_UNBALANCED) || chk_on(x, CHK_BIDI_REORDER)))
    st = bidi(x);
  if (st == LOC_OK && (format || x->seen_invisible) &&
      (chk_on(x, CHK_ZW_NO_CONTEXT) || chk_on(x, CHK_DEFAULT_IGNORABLE)))
    st = invisibles(x);
  /* only a space other than U+0020 makes a finding */
  if (st == LOC_OK && (x->seen_gc & (1u << U_SPACE_SEPARATOR)) && chk_on(x, CHK_ODD_SPACE))
    st = spaces(x);
  return st;
}
