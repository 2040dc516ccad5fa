/* LGR loader: any bytes as an LGR file give an LGR or an error with a
 * message, never a crash or a hang; a loaded LGR answers labels, variants
 * and its own validation. */
#include "fuzz.h"

static void problem(const loc_lgr_problem *p, void *user) {
  (void)user;
  FUZZ_CHECK(p->check != NULL && p->message != NULL && p->message[0] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  loc_lgr *g = NULL;
  char *err = NULL;
  loc_status st = loc_lgr_new_memory((const char *)data, size, "fuzz", &g, &err);
  if (st != LOC_OK) {
    FUZZ_CHECK(g == NULL);
    FUZZ_CHECK(st == LOC_E_NO_MEMORY || (err != NULL && strncmp(err, "fuzz", 4) == 0));
    loc_free(err);
    return 0;
  }
  FUZZ_CHECK(err == NULL && g != NULL);
  loc_lgr_ctx *ctx;
  if (loc_lgr_ctx_new(g, &ctx) == LOC_OK) {
    static const char *const labels[] = {"a", "abc", "-a", "\xC3\x9F", "0", "aa\xCC\x81"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
      loc_lgr_result r;
      FUZZ_CHECK(loc_lgr_evaluate(ctx, labels[i], strlen(labels[i]), &r) == LOC_OK);
      FUZZ_CHECK(r.disposition != NULL && r.reason != NULL);
      FUZZ_CHECK(loc_lgr_variants(ctx, labels[i], strlen(labels[i]), 16) != LOC_E_INVALID_ARGUMENT);
      FUZZ_CHECK(loc_lgr_variant_count(ctx) <= 16);
    }
    loc_lgr_ctx_free(ctx);
  }
  size_t n;
  FUZZ_CHECK(loc_lgr_validate(g, "/nonexistent", problem, NULL, &n) == LOC_OK);
  loc_lgr_free(g);
  return 0;
}
