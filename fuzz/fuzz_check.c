/* Checker: any bytes check without a crash; findings lie inside the text,
 * come in order of offset, name a rule that is enabled, carry a message,
 * and a fix or suggestion only with their lengths; checking twice gives the
 * same findings. Input: byte 0 picks a language (or none), the rest is the
 * line. */
#include "fuzz.h"

static const char *const langs[] = {NULL, "fa", "hi", "km", "en", "my"};
#define N_LANGS (sizeof langs / sizeof langs[0])

static loc_checker *checkers[N_LANGS];
static loc_check_ctx *ctxs[N_LANGS];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0 || size > FUZZ_MAX_INPUT)
    return 0;
  size_t li = data[0] % N_LANGS;
  if (checkers[li] == NULL) {
    FUZZ_CHECK(loc_checker_new(langs[li], &checkers[li]) == LOC_OK);
    FUZZ_CHECK(loc_check_ctx_new(checkers[li], &ctxs[li]) == LOC_OK);
  }
  const char *s = (const char *)data + 1;
  size_t n = size - 1;
  const loc_check_finding *f;
  size_t count;
  FUZZ_CHECK(loc_check_text(ctxs[li], s, n, &f, &count) == LOC_OK);
  size_t prev = 0;
  uint64_t sum = 0;
  for (size_t i = 0; i < count; i++) {
    FUZZ_CHECK(f[i].offset >= prev && f[i].offset + f[i].length <= n);
    FUZZ_CHECK(f[i].length > 0);
    prev = f[i].offset;
    FUZZ_CHECK(loc_checker_rule_enabled(checkers[li], f[i].rule));
    FUZZ_CHECK(f[i].severity <= LOC_SEVERITY_ERROR);
    FUZZ_CHECK(f[i].message != NULL && f[i].message[0] != '\0');
    FUZZ_CHECK(f[i].fix == NULL || loc_check_rule_at(f[i].rule)->fixable);
    if (f[i].fix)
      FUZZ_CHECK(loc_utf8_valid_prefix(f[i].fix, f[i].fix_len) == f[i].fix_len);
    sum += f[i].offset * 31 + f[i].length * 7 + f[i].rule;
  }
  size_t count2;
  FUZZ_CHECK(loc_check_text(ctxs[li], s, n, &f, &count2) == LOC_OK);
  FUZZ_CHECK(count2 == count);
  uint64_t sum2 = 0;
  for (size_t i = 0; i < count2; i++)
    sum2 += f[i].offset * 31 + f[i].length * 7 + f[i].rule;
  FUZZ_CHECK(sum2 == sum);
  return 0;
}
