/* The normalizer object: the public form of the fast path that
 * loc_normalize() takes inside (one fused validation and quick-check pass,
 * then ICU on text known to be well-formed), for callers that validate their
 * text once themselves and must not pay for a second pass, such as the
 * `loc normalize` command. */
#include "internal.h"

#include <limits.h>
#include <unicode/unorm2.h>

struct loc_normalizer {
  loc_normalize_form form;
  const void *icu; /* ICU's normalizer for form: immutable and shared */
  const UNormalizer2 *u16; /* the same, for ICU's UTF-16 C API */
};

static const UNormalizer2 *u16_instance(loc_normalize_form form, UErrorCode *ec) {
  switch (form) {
  case LOC_NORMALIZE_NFC: return unorm2_getNFCInstance(ec);
  case LOC_NORMALIZE_NFD: return unorm2_getNFDInstance(ec);
  case LOC_NORMALIZE_NFKC: return unorm2_getNFKCInstance(ec);
  case LOC_NORMALIZE_NFKD: return unorm2_getNFKDInstance(ec);
  case LOC_NORMALIZE_NFKC_CF: return unorm2_getNFKCCasefoldInstance(ec);
  default: return NULL;
  }
}

/* Text longer than this goes through the split walk of normalize.c (ICU
 * takes int32_t lengths). */
#define ONE_CALL_MAX ((size_t)1 << 30)

loc_status loc_normalizer_new(loc_normalize_form form, loc_normalizer **normalizer) {
  if (normalizer == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *normalizer = NULL;
  loc_status st;
  const void *icu = loc__icu_normalizer(form, &st);
  if (icu == NULL)
    return st;
  UErrorCode ec = U_ZERO_ERROR;
  const UNormalizer2 *u16 = u16_instance(form, &ec);
  if (u16 == NULL || U_FAILURE(ec))
    return LOC_E_ICU;
  loc_normalizer *n = malloc(sizeof *n);
  if (n == NULL)
    return LOC_E_NO_MEMORY;
  n->form = form;
  n->icu = icu;
  n->u16 = u16;
  *normalizer = n;
  return LOC_OK;
}

void loc_normalizer_free(loc_normalizer *normalizer) { free(normalizer); }

loc_normalize_form loc_normalizer_form(const loc_normalizer *normalizer) {
  return normalizer->form;
}

size_t loc_normalizer_quick_prefix(const loc_normalizer *n, const char *in, size_t len) {
  if (n == NULL || in == NULL || len == 0)
    return 0;
  if (n->form != LOC_NORMALIZE_NFKC_CF)
    return loc__norm_quick_prefix(n->icu, n->form, in, len);
  /* NFKC_Casefold has no quick-check property of its own: all or nothing.
   * ICU's check, safe on any bytes, goes first: it stops at the first
   * change, which most text that is not case-folded has early, so the
   * validation pass is only paid for text that passes it. */
  if (len > ONE_CALL_MAX)
    return 0;
  bool same = false;
  if (loc__icu_is_normalized(n->icu, in, len, &same) != LOC_OK || !same)
    return 0;
  return loc_utf8_valid_prefix(in, len) == len ? len : 0;
}

loc_status loc_normalizer_normalize_valid(const loc_normalizer *n, const char *in,
                                          size_t len, char *out, size_t cap,
                                          size_t *out_len) {
  if (n == NULL || (in == NULL && len > 0) || (out == NULL && cap > 0) || out_len == NULL)
    return LOC_E_INVALID_ARGUMENT;
  if (len == 0) {
    *out_len = 0;
    return LOC_OK;
  }
  if (len > ONE_CALL_MAX)
    return loc_normalize(n->form, in, len, out, cap, out_len);
  /* NFD and NFKD of short text in the library's own pass where it can (it
   * leaves ill-formed bytes to ICU). ICU copies ill-formed bytes through as inert
   * boundaries, so a caller that was wrong about its text gets
   * loc_normalize()'s result anyway. */
  if (len <= LOC__DECOMPOSE_OWN_MAX) {
    loc_status st = loc__decompose(n->form, in, len, out, cap, out_len);
    if (st != LOC_E_STATE)
      return st;
  }
  return loc__icu_normalize_to(n->icu, in, len, out, cap, out_len);
}

loc_status loc_normalizer_check_valid(const loc_normalizer *n, const char *in,
                                              size_t len, bool *result) {
  if (n == NULL || (in == NULL && len > 0) || result == NULL)
    return LOC_E_INVALID_ARGUMENT;
  if (len == 0) {
    *result = true;
    return LOC_OK;
  }
  if (len > ONE_CALL_MAX)
    return loc_normalize_check(n->form, in, len, result);
  return loc__icu_is_normalized(n->icu, in, len, result);
}

/* UTF-16: ICU's own form, through its C API (UChar is a 16-bit code unit
 * in the machine's byte order, as uint16_t is). */
size_t loc_normalizer_quick_prefix_utf16(const loc_normalizer *n, const uint16_t *in,
                                         size_t len) {
  if (n == NULL || in == NULL || len == 0 || len > INT32_MAX)
    return 0;
  UErrorCode ec = U_ZERO_ERROR;
  int32_t end = unorm2_spanQuickCheckYes(n->u16, (const UChar *)in, (int32_t)len, &ec);
  return U_FAILURE(ec) || end < 0 ? 0 : (size_t)end;
}

loc_status loc_normalizer_normalize_utf16(const loc_normalizer *n, const uint16_t *in,
                                          size_t len, uint16_t *out, size_t cap,
                                          size_t *out_len) {
  if (n == NULL || (in == NULL && len > 0) || (out == NULL && cap > 0) || out_len == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out_len = 0;
  if (len == 0)
    return LOC_OK;
  if (len > INT32_MAX)
    return LOC_E_OVERFLOW;
  if (out != NULL && in < out + cap && out < in + len)
    return LOC_E_INVALID_ARGUMENT;
  UErrorCode ec = U_ZERO_ERROR;
  int32_t got = unorm2_normalize(n->u16, (const UChar *)in, (int32_t)len, (UChar *)out,
                                 cap > INT32_MAX ? INT32_MAX : (int32_t)cap, &ec);
  if (ec == U_BUFFER_OVERFLOW_ERROR) {
    *out_len = (size_t)got;
    return LOC_E_BUFFER_TOO_SMALL;
  }
  if (ec == U_MEMORY_ALLOCATION_ERROR)
    return LOC_E_NO_MEMORY;
  if (U_FAILURE(ec) || got < 0)
    return LOC_E_ICU;
  *out_len = (size_t)got;
  /* ICU reports a result that fills the buffer exactly with a warning
   * (no room for a NUL), which is success here. */
  return LOC_OK;
}
