/* Search keys on arbitrary bytes: the first byte picks the folds (its low
 * six bits: LOC_KEY_FOLD_ALL's five and LOC_KEY_FOLD_ROMANIZE) and with its top bit
 * the language (Persian), the rest
 * is the text. A key is well-formed UTF-8 and its own key; keys of the
 * parts of a text cut where loc_key_cut_for() says equal the key of the whole;
 * a context reused after a long text gives the same key as a fresh one.
 * Text in which the Zawgyi detector sees Burmese is left out of the last
 * two properties: detection is per text, so a part may be judged
 * otherwise than the whole, and converted text is not promised to score
 * as Unicode on random input. */
#include "fuzz.h"

#define FOLD_BITS (LOC_KEY_FOLD_ALL | LOC_KEY_FOLD_ROMANIZE)

static loc_keyer *keyers[FOLD_BITS + 1];
static loc_key_ctx *contexts[FOLD_BITS + 1];

static char *dup_key(loc_key_ctx *c, const char *s, size_t len, size_t *n) {
  const char *key;
  FUZZ_CHECK(loc_key(c, s, len, &key, n) == LOC_OK);
  char *copy = malloc(*n + 1);
  FUZZ_CHECK(copy != NULL);
  memcpy(copy, key, *n);
  copy[*n] = '\0';
  return copy;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0 || size > FUZZ_MAX_INPUT)
    return 0;
  unsigned folds = data[0] & FOLD_BITS;
  const char *lang = data[0] & 0x80 ? "fa" : NULL;
  if (lang)
    folds |= LOC_KEY_FOLD_ARABIC;
  if (keyers[folds] == NULL) {
    FUZZ_CHECK(loc_keyer_new(lang, lang ? strlen(lang) : 0, folds, &keyers[folds]) == LOC_OK);
    FUZZ_CHECK(loc_key_ctx_new(keyers[folds], &contexts[folds]) == LOC_OK);
  }
  loc_key_ctx *c = contexts[folds];
  const char *s = (const char *)data + 1;
  size_t len = size - 1, n, n2;
  char *key = dup_key(c, s, len, &n);
  FUZZ_CHECK(loc_utf8_valid_prefix(key, n) == n);
  double zp;
  FUZZ_CHECK(loc_legacy_zawgyi_probability(s, len, &zp) == LOC_OK);
  bool burmese = zp >= 0;
  char *again = dup_key(c, key, n, &n2);
  FUZZ_CHECK(burmese || (n2 == n && memcmp(again, key, n) == 0));
  free(again);

  size_t cut = loc_key_cut_for(keyers[folds], s, len);
  FUZZ_CHECK(folds & LOC_KEY_FOLD_ROMANIZE || cut == loc_key_cut(s, len));
  FUZZ_CHECK(cut < len || len < 2);
  if (cut > 0 && !burmese) {
    size_t na, nb;
    char *a = dup_key(c, s, cut, &na);
    char *b = dup_key(c, s + cut, len - cut, &nb);
    FUZZ_CHECK(na + nb == n && memcmp(a, key, na) == 0 && memcmp(b, key + na, nb) == 0);
    free(a);
    free(b);
  }
  char *alloc;
  FUZZ_CHECK(loc_key_alloc(keyers[folds], s, len, &alloc, &n2) == LOC_OK);
  FUZZ_CHECK(n2 == n && memcmp(alloc, key, n) == 0);
  loc_free(alloc);
  free(key);
  return 0;
}
