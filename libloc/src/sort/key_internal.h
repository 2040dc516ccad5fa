/* Search keys (key.c, key_order.c, key_fold.c): private. */
#ifndef LOC_KEY_INTERNAL_H
#define LOC_KEY_INTERNAL_H

#include "internal.h"

#include <unicode/utypes.h>

/* Puts the Khmer and Myanmar syllables of p[0..n) into one storage order,
 * in place (the length does not change). Returns whether anything moved. */
bool loc__key_order_syllables(UChar *p, int32_t n);

/* The in-place folds (no length growth): each returns the new length and
 * sets *changed when the text changed. */
int32_t loc__key_fold_kana(UChar *p, int32_t n, bool *changed);
int32_t loc__key_fold_arabic(UChar *p, int32_t n, bool persian_letters, bool *changed);
int32_t loc__key_fold_hebrew(UChar *p, int32_t n, bool *changed);
/* On text in NFD: removes the marks whose base is a Latin, Greek or
 * Cyrillic letter, and maps letters with a stroke to their plain letter. */
int32_t loc__key_fold_diacritics(UChar *p, int32_t n, bool *changed);

#endif
