/* Language tags: any bytes give a result, never a crash; a valid tag's
 * canonical form is valid, its own canonical form (idempotent), and agrees
 * with loc_tag_canonicalize(); an invalid tag has errors inside the input. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  const char *s = (const char *)data;
  loc_tag_info *t = NULL;
  if (loc_tag_analyze(s, size, &t) != LOC_OK)
    return 0; /* out of memory only */
  FUZZ_CHECK(t->input_len == size && (size == 0 || memcmp(t->input, s, size) == 0));
  FUZZ_CHECK(t->valid == (t->n_errors == 0));
  for (size_t i = 0; i < t->n_errors; i++) {
    FUZZ_CHECK(t->errors[i].rule != NULL && t->errors[i].message[0] != '\0');
    FUZZ_CHECK(strcmp(t->errors[i].rule, "too-long") == 0 ||
               t->errors[i].offset + t->errors[i].length <= size);
  }
  char canon[1024], again[1024];
  size_t n, m;
  loc_status st = loc_tag_canonicalize(s, size, canon, sizeof canon, &n);
  if (!t->valid) {
    FUZZ_CHECK(t->canonical == NULL && t->maximal == NULL && t->name == NULL);
    FUZZ_CHECK(st == LOC_E_INVALID_TAG);
  } else {
    FUZZ_CHECK(t->canonical && t->maximal && t->minimal);
    FUZZ_CHECK(st == LOC_OK && strcmp(canon, t->canonical) == 0);
    /* canon(canon(x)) == canon(x), and the canonical form is valid. */
    FUZZ_CHECK(loc_tag_canonicalize(canon, n, again, sizeof again, &m) == LOC_OK);
    FUZZ_CHECK(m == n && strcmp(again, canon) == 0);
    loc_tag_info *c = NULL;
    if (loc_tag_analyze(canon, n, &c) == LOC_OK) {
      FUZZ_CHECK(c->valid);
      FUZZ_CHECK(strcmp(c->canonical, canon) == 0);
      /* Likely subtags describe the same tag whether given the input or its
       * canonical form. */
      FUZZ_CHECK(strcmp(c->maximal, t->maximal) == 0);
      FUZZ_CHECK(strcmp(c->minimal, t->minimal) == 0);
      loc_tag_info_free(c);
    }
  }
  loc_tag_info_free(t);
  return 0;
}
