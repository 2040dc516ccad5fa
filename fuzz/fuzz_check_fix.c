/* Fixes: fixing twice equals fixing once; the fixed text has no finding
 * with a fix left; text without a fixable finding comes back unchanged,
 * byte for byte (ill-formed bytes included). Input: the line. */
#include "fuzz.h"

static loc_checker *checker;
static loc_check_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  if (checker == NULL) {
    FUZZ_CHECK(loc_checker_new(NULL, &checker) == LOC_OK);
    FUZZ_CHECK(loc_check_ctx_new(checker, &ctx) == LOC_OK);
  }
  const char *s = (const char *)data;
  const loc_check_finding *f;
  size_t count;
  FUZZ_CHECK(loc_check_text(ctx, s, size, &f, &count) == LOC_OK);
  bool fixable = false;
  for (size_t i = 0; i < count; i++)
    fixable = fixable || f[i].fix != NULL;

  char *once, *twice;
  size_t n1, n2;
  FUZZ_CHECK(loc_check_fix_alloc(ctx, s, size, &once, &n1) == LOC_OK);
  FUZZ_CHECK(once[n1] == '\0');
  if (!fixable)
    FUZZ_CHECK(n1 == size && memcmp(once, s, size) == 0);
  FUZZ_CHECK(loc_check_fix_alloc(ctx, once, n1, &twice, &n2) == LOC_OK);
  FUZZ_CHECK(n2 == n1 && memcmp(once, twice, n1) == 0);
  FUZZ_CHECK(loc_check_text(ctx, once, n1, &f, &count) == LOC_OK);
  for (size_t i = 0; i < count; i++)
    FUZZ_CHECK(f[i].fix == NULL);
  loc_free(once);
  loc_free(twice);
  return 0;
}
