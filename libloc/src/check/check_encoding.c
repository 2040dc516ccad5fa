/* Encoding family: ill-formed UTF-8, noncharacters, unassigned, private
 * use, deprecated or discouraged characters, control characters. */
#include "internal.h"

#include "check_internal.h"

#include <unicode/uchar.h>

#include "tables/pua_data.h"

/* Discouraged but not Deprecated in the UCD: the core specification tells
 * authors to use other sequences for these. */
static const struct {
  int32_t cp;
  const char *why;
} discouraged[] = {
    {0x0F73, "use U+0F71 U+0F72"},               /* Tibetan II */
    {0x0F75, "use U+0F71 U+0F74"},               /* Tibetan UU */
    {0x0F81, "use U+0F71 U+0F80"},               /* Tibetan reversed II */
    {0x17B4, "an inherent vowel: not to be written"}, /* Khmer AQ */
    {0x17B5, "an inherent vowel: not to be written"}, /* Khmer AA */
    {0x17D8, "use U+17D4 U+179B U+17D4"},        /* Khmer beyyal */
};

static const char *discouraged_why(int32_t cp) {
  for (size_t i = 0; i < sizeof discouraged / sizeof discouraged[0]; i++)
    if (discouraged[i].cp == cp)
      return discouraged[i].why;
  return NULL;
}

static bool is_nonchar(int32_t cp) {
  return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* Where Unicode 15's Deprecated and the discouraged list above lie: the
 * property lookup is kept off the common path. tests/unit/test_check.c
 * checks every Deprecated code point ICU knows is inside. */
static bool maybe_deprecated(int32_t cp) {
  return cp == 0x0149 || cp == 0x0673 || (cp >= 0x0F73 && cp <= 0x0F81) ||
         (cp >= 0x17A3 && cp <= 0x17D8) || (cp >= 0x206A && cp <= 0x232A) || cp == 0xE0001;
}

static const struct pua_entry *pua_find(int32_t cp) {
  size_t lo = 0, hi = sizeof pua_entries / sizeof pua_entries[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < pua_entries[mid].pua)
      hi = mid;
    else if (cp > pua_entries[mid].pua)
      lo = mid + 1;
    else
      return &pua_entries[mid];
  }
  return NULL;
}

/* A private-use character; where a published legacy use of it is known
 * (tables/gen-pua.sh names the sources), the message says which and the
 * suggestion is the Unicode character for it. */
static loc_status pua(loc_check_ctx *x, const chk_char *c) {
  const struct pua_entry *p = pua_find(c->cp);
  unsigned cp = (unsigned)c->cp;
  if (p == NULL)
    return chk_add(x, CHK_PUA, LOC_SEVERITY_INFO, c->off, c->len, NULL, 0, NULL, 0,
                   "private-use character U+%04X", cp);
  char to[4];
  size_t n = p->to != 0 ? loc__utf8_encode((int32_t)p->to, to) : 0;
  switch ((pua_kind)p->kind) {
  case LOC_PUA_SYMBOL_PART:
    return chk_add(x, CHK_PUA, LOC_SEVERITY_INFO, c->off, c->len, NULL, 0, to, n,
                   "private-use character U+%04X: Adobe's Symbol encoding puts its glyph "
                   "'%s' here; Unicode has it as U+%04X (Apple's Symbol table)",
                   cp, p->name, (unsigned)p->to);
  case LOC_PUA_SMALL:
    return chk_add(x, CHK_PUA, LOC_SEVERITY_INFO, c->off, c->len, NULL, 0, to, n,
                   "private-use character U+%04X: Adobe's small capital '%s' (Adobe Glyph "
                   "List); the character is U+%04X, set in small capitals",
                   cp, p->name, (unsigned)p->to);
  case LOC_PUA_OLDSTYLE:
    return chk_add(x, CHK_PUA, LOC_SEVERITY_INFO, c->off, c->len, NULL, 0, to, n,
                   "private-use character U+%04X: Adobe's old-style figure '%s' (Adobe "
                   "Glyph List); the character is U+%04X, old-style figures are a font "
                   "feature", cp, p->name, (unsigned)p->to);
  case LOC_PUA_NO_EQUIVALENT:
    return chk_add(x, CHK_PUA, LOC_SEVERITY_INFO, c->off, c->len, NULL, 0, NULL, 0,
                   "private-use character U+%04X: the Apple logo ('%s') in Apple's "
                   "encodings (Mac OS Roman 0xF0); Unicode has no character for it", cp,
                   p->name);
  case LOC_PUA_SYMBOL_FONT:
    return chk_add(x, CHK_PUA, LOC_SEVERITY_INFO, c->off, c->len, NULL, 0, to, n,
                   "private-use character U+%04X: byte 0x%02X of a symbol-encoded font "
                   "(Microsoft's symbol cmap); in the Symbol font it is U+%04X",
                   cp, cp & 0xFF, (unsigned)p->to);
  }
  return LOC_OK;
}

loc_status chk_encoding(loc_check_ctx *x) {
  loc_status st = LOC_OK;
  for (size_t i = 0; st == LOC_OK && i < x->nch; i++) {
    const chk_char *c = &x->ch[i];
    int32_t cp = c->cp;
    if (cp >= 0x20 && cp < 0x7F)
      continue;
    if (cp < 0) {
      if (chk_on(x, CHK_UTF8_INVALID))
        st = chk_add(x, CHK_UTF8_INVALID, LOC_SEVERITY_ERROR, c->off, c->len, NULL, 0,
                     NULL, 0, "invalid UTF-8: byte 0x%02X",
                     (unsigned)(uint8_t)x->s[c->off]);
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      bool final_cr = cp == '\r' && i + 1 == x->nch;
      if (cp != '\t' && !final_cr && chk_on(x, CHK_CONTROL))
        st = chk_add(x, CHK_CONTROL, LOC_SEVERITY_ERROR, c->off, c->len, NULL, 0, NULL, 0,
                     "control character U+%04X", (unsigned)cp);
    } else if (is_nonchar(cp)) {
      if (chk_on(x, CHK_NONCHAR))
        st = chk_add(x, CHK_NONCHAR, LOC_SEVERITY_ERROR, c->off, c->len, NULL, 0, NULL, 0,
                     "noncharacter U+%04X", (unsigned)cp);
    } else if (c->gc == U_UNASSIGNED) {
      if (chk_on(x, CHK_UNASSIGNED))
        st = chk_add(x, CHK_UNASSIGNED, LOC_SEVERITY_WARNING, c->off, c->len, NULL, 0, NULL,
                     0, "U+%04X is unassigned in Unicode %s", (unsigned)cp,
                     loc_component_version(LOC_COMPONENT_UNICODE));
    } else if (c->gc == U_PRIVATE_USE_CHAR) {
      if (chk_on(x, CHK_PUA))
        st = pua(x, c);
    } else if (chk_on(x, CHK_DEPRECATED) && maybe_deprecated(cp)) {
      const char *why;
      if (maybe_deprecated(cp) && u_hasBinaryProperty(cp, UCHAR_DEPRECATED))
        st = chk_add(x, CHK_DEPRECATED, LOC_SEVERITY_WARNING, c->off, c->len, NULL, 0, NULL,
                     0, "U+%04X is deprecated", (unsigned)cp);
      else if ((why = discouraged_why(cp)) != NULL)
        st = chk_add(x, CHK_DEPRECATED, LOC_SEVERITY_WARNING, c->off, c->len, NULL, 0, NULL,
                     0, "U+%04X is discouraged: %s", (unsigned)cp, why);
    }
  }
  return st;
}
