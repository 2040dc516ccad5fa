/* The library under test: loc_idn_to_ascii() (profile uts46, full checks
 * and explained errors) on each name, one reused buffer and context. */
#include "names.h"

#include <loc/loc.h>

#include <stdlib.h>

typedef struct lib_state {
  loc_idn *idn;
  loc_idn_ctx *ctx;
  char buf[1024];
} lib_state;

static bool convert(void *user, const bench_name *name, FILE *out) {
  lib_state *ls = user;
  size_t got = 0;
  loc_status st =
      loc_idn_to_ascii(ls->ctx, 0, name->s, name->len, ls->buf, sizeof ls->buf, &got);
  if (st == LOC_E_BUFFER_TOO_SMALL) {
    /* Only over-long invalid names get here; the verdict is already known. */
    got = 0;
  } else if (st != LOC_OK) {
    fprintf(stderr, "lib_idn: %s\n", loc_status_message(st));
    exit(1);
  }
  bool ok = loc_idn_ok(ls->ctx);
  if (out != NULL) {
    fwrite(name->s, 1, name->len, out);
    fputc('\t', out);
    if (ok)
      fwrite(ls->buf, 1, got, out);
    else
      fputc('!', out);
    fputc('\n', out);
  }
  return ok;
}

int main(int argc, char **argv) {
  static lib_state ls;
  if (loc_idn_new(&ls.idn) != LOC_OK || loc_idn_ctx_new(ls.idn, &ls.ctx) != LOC_OK) {
    fprintf(stderr, "lib_idn: cannot open the uts46 profile\n");
    return 2;
  }
  int rc = bench_names_main("lib_idn", argc, argv, convert, &ls);
  loc_idn_ctx_free(ls.ctx);
  loc_idn_free(ls.idn);
  return rc;
}
