/* The parts of language-tag handling that come from ICU's CLDR data:
 * likely subtags and display names (the aliases: tag_cldr.cc). */
#include "tag_internal.h"

#include <stdio.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#define ID_CAP 512

/* BCP 47 → ICU locale ID; false when ICU does not take the whole tag. */
static bool to_id(const char *tag, char *id, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t parsed = 0;
  uloc_forLanguageTag(tag, id, (int32_t)cap, &parsed, &e);
  return U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING && parsed >= 0 &&
         (size_t)parsed == strlen(tag);
}

static bool to_tag(const char *id, char *tag, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  uloc_toLanguageTag(id, tag, (int32_t)cap, false, &e);
  return U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING;
}

loc_status loc__tag_likely(const char *tag, char *max, char *min, size_t cap) {
  char id[ID_CAP], m[ID_CAP];
  UErrorCode e = U_ZERO_ERROR;
  if (!to_id(tag, id, sizeof id))
    return LOC_E_ICU;
  uloc_addLikelySubtags(id, m, sizeof m, &e);
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || !to_tag(m, max, cap))
    return LOC_E_ICU;
  e = U_ZERO_ERROR;
  uloc_minimizeSubtags(id, m, sizeof m, &e);
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || !to_tag(m, min, cap))
    return LOC_E_ICU;
  return LOC_OK;
}

static loc_status utf8_dup(const UChar *s, int32_t len, char **out) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t need = 0;
  u_strToUTF8(NULL, 0, &need, s, len, &e);
  if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
    return LOC_E_ICU;
  char *d = malloc((size_t)need + 1);
  if (d == NULL)
    return LOC_E_NO_MEMORY;
  e = U_ZERO_ERROR;
  u_strToUTF8(d, need + 1, NULL, s, len, &e);
  if (U_FAILURE(e)) {
    free(d);
    return LOC_E_ICU;
  }
  *out = d;
  return LOC_OK;
}

/* Is the display name of @lang in @display a real name, not the code that
 * ICU falls back to (or a name from the default locale's data)? */
static bool has_name(const char *lang, const char *display) {
  UChar buf[128];
  char ascii[128];
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = uloc_getDisplayLanguage(lang, display, buf, 128, &e);
  if (U_FAILURE(e) || e == U_USING_DEFAULT_WARNING || n <= 0 || n >= 128)
    return false;
  for (int32_t i = 0; i < n; i++) {
    if (buf[i] > 0x7e)
      return true;
    ascii[i] = (char)buf[i];
  }
  ascii[n] = '\0';
  return strcmp(ascii, lang) != 0;
}

static loc_status display(const char *id, const char *in, char **out) {
  UChar buf[ID_CAP];
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = uloc_getDisplayName(id, in, buf, ID_CAP, &e);
  if (U_FAILURE(e) || n >= ID_CAP)
    return LOC_E_ICU;
  return utf8_dup(buf, n, out);
}

loc_status loc__tag_names(const char *tag, char **name, char **autonym) {
  char id[ID_CAP], lang[16];
  UErrorCode e = U_ZERO_ERROR;
  *name = *autonym = NULL;
  if (!to_id(tag, id, sizeof id))
    return LOC_E_ICU;
  uloc_getLanguage(id, lang, sizeof lang, &e);
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
    return LOC_E_ICU;
  if (lang[0] == '\0')
    strcpy(lang, "und");
  loc_status st = LOC_OK;
  if (has_name(lang, "en"))
    st = display(id, "en", name);
  if (st == LOC_OK && strcmp(lang, "und") != 0 && has_name(lang, lang))
    st = display(id, id, autonym);
  if (st != LOC_OK) {
    free(*name);
    *name = NULL;
  }
  return st;
}
