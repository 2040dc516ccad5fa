/* RFC 5892 derived properties, computed from ICU's character properties at
 * run time rather than from a frozen table, so the registration profile
 * follows the Unicode version of the ICU it runs with (15.0 on Debian 12;
 * libidn2 2.3.3 ships older tables). The order of the tests is the one of
 * RFC 5892 §3; each result carries the rule that decided it, so that a
 * rejection can say why. */
#include "idn_internal.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

/* RFC 5892 §2.6 Exceptions (F), with the value each one gets. */
static loc_idn_property exception(int32_t c) {
  switch (c) {
  case 0x00DF: case 0x03C2: case 0x06FD: case 0x06FE: case 0x0F0B: case 0x3007:
    return LOC_IDN_PVALID;
  case 0x00B7: case 0x0375: case 0x05F3: case 0x05F4: case 0x30FB:
    return LOC_IDN_CONTEXTO;
  case 0x0640: case 0x07FA: case 0x302E: case 0x302F: case 0x303B:
    return LOC_IDN_DISALLOWED;
  }
  if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9))
    return LOC_IDN_CONTEXTO;
  if (c >= 0x3031 && c <= 0x3035)
    return LOC_IDN_DISALLOWED;
  return LOC_IDN_UNASSIGNED; /* not an exception */
}

/* RFC 5892 §2.2 Unstable (B): toNFKC(toCaseFold(toNFKC(c))) != c. ICU's
 * NFKC_Casefold differs from that composition only by also removing
 * Default_Ignorable_Code_Point characters, which §2.3 disallows anyway. */
static bool unstable(const loc_idn *idn, int32_t c) {
  UChar s[2];
  int32_t k = 0;
  U16_APPEND_UNSAFE(s, k, c);
  UErrorCode e = U_ZERO_ERROR;
  UBool same = unorm2_isNormalized(idn->nfkc_cf, s, k, &e);
  return U_FAILURE(e) || !same;
}

loc_idn_property idn__rfc5892(const loc_idn *idn, int32_t c, const char **rule) {
  static const char *const rules[] = {
      "RFC 5892 §2.6 Exceptions",
      "RFC 5892 §2.10 Unassigned",
      "RFC 5892 §2.5 LDH",
      "RFC 5892 §2.8 JoinControl",
      "RFC 5892 §2.2 Unstable: it changes under NFKC and case folding",
      "RFC 5892 §2.3 IgnorableProperties: default-ignorable, white space or noncharacter",
      "RFC 5892 §2.4 IgnorableBlocks",
      "RFC 5892 §2.9 OldHangulJamo",
      "RFC 5892 §2.1 LetterDigits",
      "RFC 5892 §2.1 LetterDigits: it is not a letter, mark or digit",
  };
  const char *dummy;
  if (rule == NULL)
    rule = &dummy;
  if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    *rule = rules[9];
    return LOC_IDN_DISALLOWED;
  }
  loc_idn_property p = exception(c);
  if (p != LOC_IDN_UNASSIGNED) {
    *rule = rules[0];
    return p;
  }
  /* §2.7 BackwardCompatible (G) is empty for every Unicode version so far. */
  int8_t gc = u_charType(c);
  if (gc == U_UNASSIGNED && !u_hasBinaryProperty(c, UCHAR_NONCHARACTER_CODE_POINT)) {
    *rule = rules[1];
    return LOC_IDN_UNASSIGNED;
  }
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
    *rule = rules[2];
    return LOC_IDN_PVALID;
  }
  if (c == 0x200C || c == 0x200D) {
    *rule = rules[3];
    return LOC_IDN_CONTEXTJ;
  }
  if (unstable(idn, c)) {
    *rule = rules[4];
    return LOC_IDN_DISALLOWED;
  }
  if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
      u_hasBinaryProperty(c, UCHAR_WHITE_SPACE) ||
      u_hasBinaryProperty(c, UCHAR_NONCHARACTER_CODE_POINT)) {
    *rule = rules[5];
    return LOC_IDN_DISALLOWED;
  }
  UBlockCode b = ublock_getCode(c);
  if (b == UBLOCK_COMBINING_MARKS_FOR_SYMBOLS || b == UBLOCK_MUSICAL_SYMBOLS ||
      b == UBLOCK_ANCIENT_GREEK_MUSICAL_NOTATION) {
    *rule = rules[6];
    return LOC_IDN_DISALLOWED;
  }
  int hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
  if (hst == U_HST_LEADING_JAMO || hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO) {
    *rule = rules[7];
    return LOC_IDN_DISALLOWED;
  }
  switch (gc) {
  case U_LOWERCASE_LETTER: case U_UPPERCASE_LETTER: case U_OTHER_LETTER:
  case U_DECIMAL_DIGIT_NUMBER: case U_MODIFIER_LETTER: case U_NON_SPACING_MARK:
  case U_COMBINING_SPACING_MARK:
    *rule = rules[8];
    return LOC_IDN_PVALID;
  }
  *rule = rules[9];
  return LOC_IDN_DISALLOWED;
}

loc_idn_property loc_idn_rfc5892_property(const loc_idn *idn, int32_t c) {
  return idn ? idn__rfc5892(idn, c, NULL) : LOC_IDN_DISALLOWED;
}

/* ---------- CONTEXTO rules (RFC 5892 Appendix A.3-A.9) ---------- */

static bool has_script(const int32_t *c, size_t n, size_t skip, UScriptCode s1,
                       UScriptCode s2, UScriptCode s3) {
  for (size_t i = 0; i < n; i++) {
    if (i == skip)
      continue;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(c[i], &e);
    if (U_SUCCESS(e) && (s == s1 || s == s2 || s == s3))
      return true;
  }
  return false;
}

static UScriptCode script_of(int32_t c) {
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &e);
  return U_SUCCESS(e) ? s : USCRIPT_INVALID_CODE;
}

const char *idn__contexto(const int32_t *c, size_t n, size_t i) {
  int32_t cp = c[i];
  if (cp == 0x00B7) {
    if (i > 0 && i + 1 < n && c[i - 1] == 'l' && c[i + 1] == 'l')
      return NULL;
    return "RFC 5892 Appendix A.3: a MIDDLE DOT must stand between two 'l'";
  }
  if (cp == 0x0375) {
    if (i + 1 < n && script_of(c[i + 1]) == USCRIPT_GREEK)
      return NULL;
    return "RFC 5892 Appendix A.4: a GREEK LOWER NUMERAL SIGN (KERAIA) must be followed by "
           "a Greek character";
  }
  if (cp == 0x05F3 || cp == 0x05F4) {
    if (i > 0 && script_of(c[i - 1]) == USCRIPT_HEBREW)
      return NULL;
    return cp == 0x05F3
               ? "RFC 5892 Appendix A.5: a HEBREW PUNCTUATION GERESH must follow a Hebrew "
                 "character"
               : "RFC 5892 Appendix A.6: a HEBREW PUNCTUATION GERSHAYIM must follow a Hebrew "
                 "character";
  }
  if (cp == 0x30FB) {
    if (has_script(c, n, i, USCRIPT_HIRAGANA, USCRIPT_KATAKANA, USCRIPT_HAN))
      return NULL;
    return "RFC 5892 Appendix A.7: a KATAKANA MIDDLE DOT needs a Hiragana, Katakana or Han "
           "character in the same label";
  }
  bool arabic = cp >= 0x0660 && cp <= 0x0669;
  bool extended = cp >= 0x06F0 && cp <= 0x06F9;
  if (arabic || extended) {
    int32_t lo = arabic ? 0x06F0 : 0x0660;
    for (size_t k = 0; k < n; k++)
      if (c[k] >= lo && c[k] <= lo + 9)
        return arabic ? "RFC 5892 Appendix A.8: ARABIC-INDIC DIGITs cannot be mixed with "
                        "EXTENDED ARABIC-INDIC DIGITs in one label"
                      : "RFC 5892 Appendix A.9: EXTENDED ARABIC-INDIC DIGITs cannot be mixed "
                        "with ARABIC-INDIC DIGITs in one label";
    return NULL;
  }
  return "RFC 5892 Appendix A: no contextual rule is defined for this code point";
}
