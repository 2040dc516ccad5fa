/* Language identification: the n-gram features (see detect_internal.h). */
#include "detect_internal.h"

#include <unicode/uchar.h>

void loc__grams_reset(loc__grams *g) { memset(g, 0, sizeof *g); }

bool loc__detect_is_letter(int32_t cp) {
  if (cp < 0x80)
    return (uint32_t)((cp | 0x20) - 'a') < 26;
  return u_isalpha(cp) || (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0;
}

unsigned loc__grams_end(loc__grams *g, uint32_t *out) { return loc__grams_end_i(g, out); }

uint32_t loc__detect_fold(int32_t cp) {
  if (cp < 0x80)
    return (uint32_t)cp | 0x20;
  return (uint32_t)u_foldCase(cp, U_FOLD_CASE_DEFAULT);
}

unsigned loc__grams_cp(loc__grams *g, int32_t cp, uint32_t *out) {
  if (cp < 0 || !loc__detect_is_letter(cp))
    return loc__grams_end(g, out);
  return loc__grams_letter(g, cp, loc__detect_fold(cp), out);
}

unsigned loc__grams_letter(loc__grams *g, int32_t cp, uint32_t f, uint32_t *out) {
  return loc__grams_letter_i(g, cp, f, out);
}
