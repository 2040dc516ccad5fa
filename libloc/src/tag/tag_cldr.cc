/* CLDR canonicalization (UTS #35 Annex C) of a language tag, as ICU's
 * icu::Locale::canonicalize() does it with ICU's copy of CLDR's alias data
 * (supplementalMetadata: language, script, territory, variant and
 * subdivision aliases, multi-variant rules, variants sorted, the -u- and -t-
 * keyword aliases). Nothing here is a table of the project's own. */
#include <string>

#include <unicode/locid.h>
#include <unicode/uloc.h>

extern "C" {
#include "tag_internal.h"
}

extern "C" loc_status loc__tag_cldr_canonicalize(const char *tag, char *out, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  size_t len = strlen(tag);
  /* ICU must take the whole tag as BCP 47: a part it skips would vanish. */
  int32_t parsed = 0;
  char id[4 * LOC_TAG_MAX_LEN];
  uloc_forLanguageTag(tag, id, (int32_t)sizeof id, &parsed, &e);
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || parsed < 0 ||
      (size_t)parsed != len)
    return LOC_E_INVALID_TAG;
  e = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(icu::StringPiece(tag, (int32_t)len), e);
  if (U_FAILURE(e) || loc.isBogus())
    return LOC_E_INVALID_TAG;
  loc.canonicalize(e);
  if (U_FAILURE(e) || loc.isBogus())
    return LOC_E_ICU;
  std::string s = loc.toLanguageTag<std::string>(e);
  if (U_FAILURE(e) || s.empty())
    return LOC_E_ICU;
  if (s.size() >= cap)
    return LOC_E_BUFFER_TOO_SMALL;
  memcpy(out, s.c_str(), s.size() + 1);
  return LOC_OK;
}
