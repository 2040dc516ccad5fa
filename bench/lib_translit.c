/* What the per-token cache gains: one file through loc_translit_write in
 * 1 MiB pieces, with the cache, without it (LOC_TRANSLIT_NO_CACHE) and with
 * whole lines (LOC_TRANSLIT_LINES), CPU time of each after one warm-up.
 * Usage: lib_translit FILE [ID]  ->  mode=... seconds=... mbps=... lines. */
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static loc_status discard(void *user, const char *d, size_t n) {
  *(size_t *)user += n;
  (void)d;
  return LOC_OK;
}

static double run(const char *buf, size_t len, const char *id, unsigned flags) {
  loc_translit *t;
  loc_translit_error err;
  if (loc_translit_new(id, flags, &t, &err) != LOC_OK) {
    fprintf(stderr, "%s\n", err.message);
    exit(2);
  }
  loc_translit_ctx *c;
  loc_translit_ctx_new(t, &c);
  size_t out = 0;
  loc_translit_write(c, buf, len < 4096 ? len : 4096, discard, &out); /* warm-up */
  loc_translit_finish(c, discard, &out);
  clock_t t0 = clock();
  for (size_t i = 0; i < len; i += 1 << 20) {
    size_t n = len - i < (1u << 20) ? len - i : 1u << 20;
    loc_translit_write(c, buf + i, n, discard, &out);
  }
  loc_translit_finish(c, discard, &out);
  double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
  loc_translit_ctx_free(c);
  loc_translit_free(t);
  return s;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs("usage: lib_translit FILE [ID]\n", stderr);
    return 2;
  }
  const char *id = argc > 2 ? argv[2] : "Any-Latin";
  FILE *f = fopen(argv[1], "rb");
  if (f == NULL) {
    perror(argv[1]);
    return 2;
  }
  fseek(f, 0, SEEK_END);
  size_t len = (size_t)ftell(f);
  rewind(f);
  char *buf = malloc(len ? len : 1);
  if (buf == NULL || fread(buf, 1, len, f) != len)
    return 2;
  fclose(f);
  static const struct { const char *name; unsigned flags; } modes[] = {
      {"tokens+cache", 0}, {"tokens", LOC_TRANSLIT_NO_CACHE}, {"whole-lines", LOC_TRANSLIT_LINES}};
  for (size_t m = 0; m < 3; m++) {
    double s = run(buf, len, id, modes[m].flags);
    printf("mode=%s seconds=%.3f mbps=%.1f\n", modes[m].name, s, len / 1e6 / s);
  }
  free(buf);
  return 0;
}
