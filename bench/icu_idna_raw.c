/* Raw ICU baseline: uidna_nameToASCII_UTF8 with the options of loc's uts46
 * profile (nontransitional, CheckBidi, CheckJoiners, STD3 rules; ICU checks
 * the DNS lengths itself), one reused buffer. No error explanations: the
 * least a UTS #46 check can cost with ICU. */
#include "names.h"

#include <unicode/uidna.h>

#include <stdlib.h>

typedef struct icu_state {
  UIDNA *idna;
  char buf[1024];
} icu_state;

static bool convert(void *user, const bench_name *name, FILE *out) {
  icu_state *is = user;
  UErrorCode err = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  int32_t got = uidna_nameToASCII_UTF8(is->idna, name->s, (int32_t)name->len, is->buf,
                                       (int32_t)sizeof is->buf, &info, &err);
  bool ok = U_SUCCESS(err) && info.errors == 0;
  if (out != NULL) {
    fwrite(name->s, 1, name->len, out);
    fputc('\t', out);
    if (ok)
      fwrite(is->buf, 1, (size_t)got, out);
    else
      fputc('!', out);
    fputc('\n', out);
  }
  return ok;
}

int main(int argc, char **argv) {
  static icu_state is;
  UErrorCode err = U_ZERO_ERROR;
  is.idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI |
                                UIDNA_CHECK_CONTEXTJ | UIDNA_USE_STD3_RULES,
                            &err);
  if (U_FAILURE(err)) {
    fprintf(stderr, "icu_idna_raw: uidna_openUTS46: %s\n", u_errorName(err));
    return 2;
  }
  int rc = bench_names_main("icu_idna_raw", argc, argv, convert, &is);
  uidna_close(is.idna);
  return rc;
}
