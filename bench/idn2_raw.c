/* libidn2 in process: idn2_lookup_u8 with the flags `idn2 -N
 * --usestd3asciirules` uses (IDNA2008 lookup after UTS #46 nontransitional
 * mapping), as a libidn2 user writes it: one allocated result per name. */
#include "names.h"

#include <idn2.h>

static bool convert(void *user, const bench_name *name, FILE *out) {
  (void)user;
  uint8_t *res = NULL;
  /* names.c NUL-terminates every name in place. */
  int rc = idn2_lookup_u8((const uint8_t *)name->s, &res,
                          IDN2_NONTRANSITIONAL | IDN2_USE_STD3_ASCII_RULES);
  bool ok = rc == IDN2_OK;
  if (out != NULL) {
    fwrite(name->s, 1, name->len, out);
    fprintf(out, "\t%s\n", ok ? (const char *)res : "!");
  }
  idn2_free(res);
  return ok;
}

int main(int argc, char **argv) {
  return bench_names_main("idn2_raw", argc, argv, convert, NULL);
}
